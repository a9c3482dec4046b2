//! Where the export's files go for the site generator (`--layout`,
//! `[export] layout`):
//!
//! - `plain`: relais's own, `<locale>/posts/<slug>.md` and
//!   `<locale>/<resource>.ftl`.
//! - `hugo`: `content/<locale>/posts/<slug>.md` (Hugo's
//!   `contentDir` per language, `[export] hugo_content_dir`), every
//!   language, the French included,
//!   carrying `translationKey: <slug>` so Hugo links each translation to
//!   its original; `i18n/<locale>.toml` in go-i18n form made from the UI
//!   bundles ([`super::strings`]); `hugo-languages.toml`, the `languages`
//!   of the site's configuration.
//! - `zola`: `content/posts/<slug>.md` for the French (the default
//!   language) and `<slug>.<locale>.md` for the others, TOML front matter
//!   (`+++`) with the keys Zola does not know under `[extra]`, `tags` and
//!   `categories` under `[taxonomies]`, dates as TOML dates;
//!   `zola-config.toml`, the `default_language`, `[translations]` and
//!   `[languages.<locale>]` tables for `config.toml`.
//!
//! In `hugo` and `zola` the `.ftl` bundles are exported too, under
//! `ftl/<locale>/`; what the UI strings could not say is in the report.

use super::strings::{self, Left};
use crate::base::config::{Config, Layout};
use crate::fluent::ftl::{self, Resource};
use crate::source::post::{self, Post};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Mutex;

/// A UI message a layout's string format could not hold as it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The locale of the bundle.
    pub locale: String,
    /// `id` or `id.attr`.
    pub id: String,
    /// What happened: left to the `.ftl`, or which plural categories were lost.
    pub why: String,
}

/// Files of one layout being made: each file of the plain export placed
/// as it comes, the UI bundles kept for the string files made at the end.
pub struct Arranger<'a> {
    layout: Layout,
    cfg: &'a Config,
    /// locale → (resource, bundle text), UI resources only.
    ui: Mutex<BTreeMap<String, Vec<(String, String)>>>,
    /// Posts with files of their own: a page bundle (a folder per post)
    /// in `hugo` and `zola`.
    bundled: Mutex<BTreeSet<String>>,
    /// Taxonomies the posts use (`tags`, `categories`): Zola builds only
    /// when its configuration declares them.
    taxonomies: Mutex<BTreeSet<String>>,
}

impl<'a> Arranger<'a> {
    /// For `layout` on the site of `cfg`.
    pub fn new(cfg: &'a Config, layout: Layout) -> Arranger<'a> {
        Arranger {
            layout,
            cfg,
            ui: Mutex::new(BTreeMap::new()),
            bundled: Mutex::new(BTreeSet::new()),
            taxonomies: Mutex::new(BTreeSet::new()),
        }
    }

    /// The post `slug` has files of its own ([`Arranger::asset`]): from
    /// now on its text goes in a page bundle, a folder of its own.
    pub fn bundle(&self, slug: &str) {
        let mut bundled = self.bundled.lock().unwrap_or_else(|e| e.into_inner());
        bundled.insert(slug.to_string());
    }

    fn is_bundled(&self, slug: &str) -> bool {
        let bundled = self.bundled.lock().unwrap_or_else(|e| e.into_inner());
        bundled.contains(slug)
    }

    /// Where a file of the plain export goes (the manifest's paths).
    pub fn path(&self, rel: &str) -> String {
        let fr = self.cfg.source.to_string();
        let post = post_of(rel).map(|(locale, slug)| (locale, slug, self.is_bundled(slug)));
        match (self.layout, post) {
            (Layout::Plain, _) => rel.to_string(),
            (Layout::Hugo, Some((locale, slug, bundled))) => {
                let dir = self.cfg.export.hugo_content_dir(locale);
                let index = if bundled { "/index" } else { "" };
                format!("{dir}/posts/{slug}{index}.md")
            }
            (Layout::Zola, Some((locale, slug, bundled))) => {
                let index = if bundled { "/index" } else { "" };
                let lang = if locale == fr {
                    String::new()
                } else {
                    format!(".{locale}")
                };
                format!("content/posts/{slug}{index}{lang}.md")
            }
            (_, None) if rel.ends_with(".ftl") => format!("ftl/{rel}"),
            (_, None) => rel.to_string(),
        }
    }

    /// Where a file of the post `slug` (`file`, relative to `posts/`) goes
    /// for `locale`. Its place relative to the page's address is kept, so
    /// the post's relative links and images find it: `plain` beside the
    /// post (`<locale>/posts/<file>`); `hugo` in the page bundle of each
    /// language (`content/<locale>/posts/<slug>/<file>`, the page being
    /// `/<locale>/posts/<slug>/`); `zola` once in the page's folder, which
    /// every language of the page shares (`content/posts/<slug>/<file>`).
    pub fn asset(&self, locale: &str, slug: &str, file: &str) -> String {
        match self.layout {
            Layout::Plain => format!("{locale}/posts/{file}"),
            Layout::Hugo => {
                let dir = self.cfg.export.hugo_content_dir(locale);
                format!("{dir}/posts/{slug}/{file}")
            }
            Layout::Zola => format!("content/posts/{slug}/{file}"),
        }
    }

    /// A file of the plain export, placed: its path and text in this layout.
    pub fn place(&self, rel: &str, text: &str) -> Result<(String, String), String> {
        if self.layout != Layout::Plain
            && let Some((locale, resource)) = ui_bundle(rel)
        {
            let mut ui = self.ui.lock().unwrap_or_else(|e| e.into_inner());
            ui.entry(locale.to_string())
                .or_default()
                .push((resource.to_string(), text.to_string()));
        }
        let path = self.path(rel);
        let text = match (self.layout, post_of(rel)) {
            (Layout::Plain, _) | (_, None) => text.to_string(),
            (layout, Some((_, slug))) => {
                // Read as relais reads a post: YAML or TOML, any line ending.
                let post = post::parse(Path::new(&format!("posts/{slug}.md")), text.to_string())
                    .map_err(|e| format!("{rel}: {e}"))?;
                match layout {
                    Layout::Hugo => with_key(&post, slug),
                    _ => {
                        let (text, used) =
                            zola_front_matter(&post).map_err(|e| format!("{rel}: {e}"))?;
                        let mut taxonomies =
                            self.taxonomies.lock().unwrap_or_else(|e| e.into_inner());
                        taxonomies.extend(used);
                        text
                    }
                }
            }
        };
        Ok((path, text))
    }

    /// The string and configuration files made from every UI bundle, and
    /// what they could not hold.
    pub fn finish(self) -> (Vec<(String, String)>, Vec<Note>) {
        let ui = self.ui.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut locales: Vec<String> = vec![self.cfg.source.to_string()];
        locales.extend(self.cfg.targets.iter().map(ToString::to_string));
        let mut files = Vec::new();
        let mut notes = Vec::new();
        let mut note = |locale: &str, list: Vec<Left>| {
            notes.extend(list.into_iter().map(|l| Note {
                locale: locale.to_string(),
                id: l.id,
                why: l.why,
            }));
        };
        // A locale's strings in the layout's format: every UI bundle of it
        // as one, then the French of what it lacks; what could not be said
        // is noted.
        let convert = match self.layout {
            Layout::Zola => strings::zola,
            _ => strings::go_i18n,
        };
        let (french, _) = merged(ui.get(&locales[0]));
        let mut strings_of = |locale: &str| {
            let (bundle, twice) = merged(ui.get(locale));
            let out = convert(&bundle);
            note(locale, twice);
            note(locale, out.lossy);
            note(locale, out.left);
            let fallback = convert(&missing(&bundle, &french)).toml;
            with_fallback(out.toml, locale, fallback)
        };
        match self.layout {
            Layout::Plain => {}
            Layout::Hugo => {
                let mut languages = format!("defaultContentLanguage = \"{}\"\n", locales[0]);
                for (weight, locale) in locales.iter().enumerate() {
                    files.push((format!("i18n/{locale}.toml"), strings_of(locale)));
                    languages.push_str(&format!(
                        "\n[languages.{locale}]\ncontentDir = \"{}\"\nweight = {}\n",
                        self.cfg.export.hugo_content_dir(locale),
                        weight + 1
                    ));
                }
                files.push(("hugo-languages.toml".to_string(), languages));
            }
            Layout::Zola => {
                let taxonomies = self
                    .taxonomies
                    .into_inner()
                    .unwrap_or_else(|e| e.into_inner());
                let names: Vec<String> = taxonomies
                    .iter()
                    .map(|t| format!("{{ name = \"{t}\" }}"))
                    .collect();
                let declared = if names.is_empty() {
                    String::new()
                } else {
                    format!("taxonomies = [{}]\n", names.join(", "))
                };
                let mut config = format!("default_language = \"{}\"\n{declared}", locales[0]);
                for (i, locale) in locales.iter().enumerate() {
                    let toml = strings_of(locale);
                    if i == 0 {
                        config.push_str(&format!("\n[translations]\n{toml}"));
                    } else {
                        config.push_str(&format!(
                            "\n[languages.{locale}]\n{declared}\n[languages.{locale}.translations]\n{toml}"
                        ));
                    }
                }
                files.push(("zola-config.toml".to_string(), config));
            }
        }
        (files, notes)
    }
}

/// `(locale, slug)` of an exported post, `<locale>/posts/<slug>.md`.
fn post_of(rel: &str) -> Option<(&str, &str)> {
    let (locale, rest) = rel.split_once('/')?;
    let slug = rest.strip_prefix("posts/")?.strip_suffix(".md")?;
    (!slug.contains('/')).then_some((locale, slug))
}

/// `(locale, resource)` of a UI bundle (not a post's), `<locale>/<resource>.ftl`.
fn ui_bundle(rel: &str) -> Option<(&str, &str)> {
    let (locale, rest) = rel.split_once('/')?;
    let resource = rest.strip_suffix(".ftl")?;
    (!resource.starts_with("posts/")).then_some((locale, resource))
}

/// Every UI bundle of a locale as one (resources in name order; a message
/// id already given by an earlier resource is kept from that one, and
/// said).
fn merged(bundles: Option<&Vec<(String, String)>>) -> (Resource, Vec<Left>) {
    let mut bundles: Vec<&(String, String)> =
        bundles.map(|b| b.iter().collect()).unwrap_or_default();
    bundles.sort();
    let mut out = Resource::default();
    let mut from: BTreeMap<String, &str> = BTreeMap::new();
    let mut twice = Vec::new();
    for (resource, text) in bundles {
        let (res, _) = ftl::parse(text);
        for m in res.messages {
            match from.get(&m.id) {
                None => {
                    from.insert(m.id.clone(), resource);
                    out.messages.push(m);
                }
                Some(first) if !m.id.starts_with('-') => twice.push(Left {
                    why: format!(
                        "given by both {first}.ftl and {resource}.ftl: the one of {first}.ftl is kept"
                    ),
                    id: m.id,
                }),
                Some(_) => {}
            }
        }
    }
    (out, twice)
}

/// The French messages `bundle` does not have (with the terms they use),
/// for a locale's string file: neither Hugo nor Zola falls back to the
/// default language by itself (Hugo prints nothing, Zola stops the build).
fn missing(bundle: &Resource, french: &Resource) -> Resource {
    let has = |id: &str| bundle.messages.iter().any(|m| m.id == id);
    let messages = french
        .messages
        .iter()
        .filter(|m| m.id.starts_with('-') || !has(&m.id));
    Resource {
        messages: messages.cloned().collect(),
        ..Resource::default()
    }
}

/// A locale's strings, then the French of those not approved in it yet,
/// under a comment saying so (nothing when there are none).
fn with_fallback(mut toml: String, locale: &str, fallback: String) -> String {
    if !fallback.is_empty() {
        if !toml.is_empty() {
            toml.push('\n');
        }
        toml.push_str(&format!(
            "# Not approved in {locale} yet: the French, as relais's .ftl fall back to it.\n{fallback}"
        ));
    }
    toml
}

/// A post with `translationKey` (Hugo) added to its front matter, in
/// its own syntax, the way every other exported key is.
fn with_key(post: &Post, slug: &str) -> String {
    let key = BTreeMap::from([("translationKey".to_string(), slug.to_string())]);
    format!("{}{}", post.front_matter_with(&key), post.body())
}

/// Keys of a page's front matter that Zola reads itself.
const ZOLA_KEYS: [&str; 13] = [
    "title",
    "description",
    "date",
    "updated",
    "weight",
    "draft",
    "slug",
    "path",
    "aliases",
    "authors",
    "in_search_index",
    "template",
    "render",
];

/// A post with its YAML front matter as Zola's TOML (`+++`): the keys
/// Zola knows at the top, `tags`/`categories` under `[taxonomies]`, every
/// other key under `[extra]`; `date` and `updated` as TOML dates. Returns
/// the text and the taxonomies it uses.
fn zola_front_matter(post: &Post) -> Result<(String, Vec<String>), String> {
    let (fence, inner) = post.front_matter_inner();
    let fields: Vec<(String, toml::Value)> = if fence == "+++" {
        let table: toml::Table = inner.parse().map_err(|e: toml::de::Error| e.to_string())?;
        table.into_iter().collect()
    } else {
        let yaml = inner.replace("\r\n", "\n");
        let docs = yaml_rust2::YamlLoader::load_from_str(&yaml).map_err(|e| e.to_string())?;
        match docs.first() {
            Some(yaml_rust2::Yaml::Hash(hash)) => hash
                .iter()
                .filter_map(|(k, v)| {
                    let key = k.as_str()?;
                    Some((key.to_string(), toml_value(key, v)?))
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut top = toml::Table::new();
    let mut taxonomies = toml::Table::new();
    let mut extra = toml::Table::new();
    for (key, value) in fields {
        if ZOLA_KEYS.contains(&key.as_str()) {
            top.insert(key, value);
        } else if key == "tags" || key == "categories" {
            // Zola takes a list of terms only.
            let terms = match value {
                toml::Value::Array(_) => value,
                one => toml::Value::Array(vec![one]),
            };
            taxonomies.insert(key, terms);
        } else {
            extra.insert(key, value);
        }
    }
    let used = taxonomies.keys().cloned().collect();
    if !taxonomies.is_empty() {
        top.insert("taxonomies".into(), toml::Value::Table(taxonomies));
    }
    if !extra.is_empty() {
        top.insert("extra".into(), toml::Value::Table(extra));
    }
    let front = toml::to_string(&top).map_err(|e| e.to_string())?;
    Ok((format!("+++\n{front}+++\n{}", post.body()), used))
}

/// A YAML value as TOML (`None` for null).
fn toml_value(key: &str, v: &yaml_rust2::Yaml) -> Option<toml::Value> {
    use yaml_rust2::Yaml;
    Some(match v {
        Yaml::String(s) if key == "date" || key == "updated" => s
            .parse::<toml::value::Datetime>()
            .map(toml::Value::Datetime)
            .unwrap_or_else(|_| toml::Value::String(s.clone())),
        Yaml::String(s) => toml::Value::String(s.clone()),
        Yaml::Integer(i) => toml::Value::Integer(*i),
        Yaml::Real(r) => r
            .parse::<f64>()
            .map(toml::Value::Float)
            .unwrap_or_else(|_| toml::Value::String(r.clone())),
        Yaml::Boolean(b) => toml::Value::Boolean(*b),
        Yaml::Array(a) => toml::Value::Array(a.iter().filter_map(|x| toml_value("", x)).collect()),
        Yaml::Hash(h) => toml::Value::Table(
            h.iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), toml_value("", v)?)))
                .collect(),
        ),
        Yaml::Null | Yaml::BadValue | Yaml::Alias(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "---\ntitle: \"Visite à Quito\"\ndate: 2024-06-06\nsummary: \"Un résumé\"\ntags: [enfance, équateur]\nlang: \"en\"\ntranslation_of: \"posts/2024-06-06-quito.md\"\n---\n\nLe texte.\n";

    #[test]
    fn zola_front_matter_is_toml_with_unknown_keys_under_extra() {
        let (out, used) = zola_front_matter(&exported(POST)).unwrap();
        assert_eq!(used, ["tags"]);
        assert!(
            out.starts_with("+++\n") && out.ends_with("+++\n\nLe texte.\n"),
            "{out}"
        );
        let toml_text = out
            .trim_start_matches("+++\n")
            .split("+++\n")
            .next()
            .unwrap();
        let t: toml::Table = toml_text.parse().expect("TOML front matter");
        assert_eq!(t["title"].as_str(), Some("Visite à Quito"));
        assert_eq!(
            t["date"].as_datetime().map(ToString::to_string).as_deref(),
            Some("2024-06-06")
        );
        assert_eq!(t["taxonomies"]["tags"].as_array().map(Vec::len), Some(2));
        assert_eq!(t["extra"]["summary"].as_str(), Some("Un résumé"));
        assert_eq!(t["extra"]["lang"].as_str(), Some("en"));
        assert_eq!(
            t["extra"]["translation_of"].as_str(),
            Some("posts/2024-06-06-quito.md")
        );
        assert!(
            !t.contains_key("lang") && !t.contains_key("summary"),
            "{t:?}"
        );
    }

    #[test]
    fn posts_in_crlf_or_toml_front_matter_are_placed_too() {
        let crlf = POST.replace('\n', "\r\n");
        let (out, _) = zola_front_matter(&exported(&crlf)).unwrap();
        let t: toml::Table = out
            .trim_start_matches("+++\n")
            .split("+++\n")
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(t["extra"]["lang"].as_str(), Some("en"), "{out}");
        let toml_post =
            "+++\ntitle = \"Visite\"\ndate = 2024-06-06\nlang = \"en\"\n+++\n\nLe texte.\n";
        let (out, _) = zola_front_matter(&exported(toml_post)).unwrap();
        let t: toml::Table = out
            .trim_start_matches("+++\n")
            .split("+++\n")
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(t["extra"]["lang"].as_str(), Some("en"), "{out}");
        assert!(t["date"].is_datetime(), "{out}");
        for text in [crlf.as_str(), toml_post] {
            let keyed = exported(&with_key(&exported(text), "2024-06-06-quito"));
            assert_eq!(
                keyed.front.get("translationKey").map(String::as_str),
                Some("2024-06-06-quito")
            );
            assert_eq!(keyed.body(), exported(text).body(), "the body as it was");
        }
    }

    /// The file `path` of `files`, parsed as TOML.
    fn toml_file(files: &[(String, String)], path: &str) -> toml::Table {
        let (_, text) = files.iter().find(|(p, _)| p == path).unwrap();
        text.parse().unwrap()
    }

    fn exported(text: &str) -> crate::source::post::Post {
        crate::source::post::parse(Path::new("posts/2024-06-06-quito.md"), text.to_string())
            .unwrap()
    }

    #[test]
    fn each_layout_names_files_as_its_generator_reads_them() {
        let (_dir, cfg) = crate::base::config::test_site();
        let fr = cfg.source.to_string();
        let hugo = Arranger::new(&cfg, Layout::Hugo);
        let zola = Arranger::new(&cfg, Layout::Zola);
        let plain = Arranger::new(&cfg, Layout::Plain);
        let post = format!("{fr}/posts/2024-06-06-quito.md");
        assert_eq!(
            hugo.path(&post),
            format!("content/{fr}/posts/2024-06-06-quito.md")
        );
        assert_eq!(
            hugo.path("en/posts/2024-06-06-quito.md"),
            "content/en/posts/2024-06-06-quito.md"
        );
        assert_eq!(zola.path(&post), "content/posts/2024-06-06-quito.md");
        assert_eq!(
            zola.path("en/posts/2024-06-06-quito.md"),
            "content/posts/2024-06-06-quito.en.md"
        );
        assert_eq!(hugo.path("en/site.ftl"), "ftl/en/site.ftl");
        assert_eq!(plain.path("en/site.ftl"), "en/site.ftl");
        assert_eq!(hugo.path("manifest.json"), "manifest.json");
        let (_, text) = hugo.place(&post, POST).unwrap();
        // The writer's lines as written, the key before the closing fence.
        assert!(
            text.starts_with("---\ntitle: \"Visite à Quito\"\n")
                && text.contains("\ntranslationKey: \"2024-06-06-quito\"\n---\n\nLe texte.\n"),
            "{text}"
        );
    }

    #[test]
    fn a_string_not_approved_yet_is_the_french_in_both_generators() {
        let (_dir, cfg) = crate::base::config::test_site();
        let fr = cfg.source.to_string();
        for layout in [Layout::Hugo, Layout::Zola] {
            let arranger = Arranger::new(&cfg, layout);
            let french =
                "-org = PARTAGE\nread-more = Lire la suite\nabout = À propos de { -org }\n";
            arranger.place(&format!("{fr}/site.ftl"), french).unwrap();
            arranger
                .place("en/site.ftl", "read-more = Read more\n")
                .unwrap();
            let (files, _) = arranger.finish();
            let text = match layout {
                Layout::Hugo => &files.iter().find(|(p, _)| p == "i18n/en.toml").unwrap().1,
                _ => &files[0].1,
            };
            let t: toml::Table = text.parse().unwrap();
            let en = match layout {
                Layout::Hugo => t,
                _ => t["languages"]["en"]["translations"]
                    .as_table()
                    .unwrap()
                    .clone(),
            };
            let value = |id: &str| match &en[id] {
                toml::Value::Table(forms) => forms["other"].as_str().unwrap().to_string(),
                v => v.as_str().unwrap().to_string(),
            };
            assert_eq!(value("read-more"), "Read more", "{layout:?}");
            assert_eq!(value("about"), "À propos de PARTAGE", "{layout:?}: {text}");
            assert!(text.contains("# Not approved in en yet"), "{text}");
        }
    }

    #[test]
    fn the_sites_own_hugo_content_dir_is_used_everywhere() {
        let (_dir, mut cfg) = crate::base::config::test_site();
        cfg.export.hugo_content_dir = Some("{locale}/content/".into());
        let hugo = Arranger::new(&cfg, Layout::Hugo);
        assert_eq!(hugo.path("en/posts/x.md"), "en/content/posts/x.md");
        hugo.bundle("y");
        assert_eq!(hugo.path("en/posts/y.md"), "en/content/posts/y/index.md");
        assert_eq!(hugo.asset("en", "y", "a.jpg"), "en/content/posts/y/a.jpg");
        let (files, _) = hugo.finish();
        let languages = toml_file(&files, "hugo-languages.toml");
        assert_eq!(
            languages["languages"]["en"]["contentDir"].as_str(),
            Some("en/content")
        );
    }

    #[test]
    fn hugo_i18n_files_come_from_every_ui_bundle_of_a_locale() {
        let (_dir, cfg) = crate::base::config::test_site();
        let hugo = Arranger::new(&cfg, Layout::Hugo);
        hugo.place("en/site.ftl", "read-more = Read more\ncomments = { $n ->\n    [one] One comment\n   *[other] { $n } comments\n}\n").unwrap();
        hugo.place("en/footer.ftl", "read-more = Ignored\ncontact = Contact\n")
            .unwrap();
        hugo.place("en/posts/x.ftl", "title = Not UI\n").unwrap();
        let (files, notes) = hugo.finish();
        let en = toml_file(&files, "i18n/en.toml");
        assert_eq!(en["contact"]["other"].as_str(), Some("Contact"));
        assert_eq!(
            en["read-more"]["other"].as_str(),
            Some("Ignored"),
            "resources by name: footer's comes first and is kept"
        );
        assert_eq!(
            notes,
            [Note {
                locale: "en".into(),
                id: "read-more".into(),
                why: "given by both footer.ftl and site.ftl: the one of footer.ftl is kept".into()
            }]
        );
        assert_eq!(en["comments"]["one"].as_str(), Some("One comment"));
        assert!(!en.contains_key("title"), "a post's bundle is not UI");
        let languages = toml_file(&files, "hugo-languages.toml");
        assert_eq!(
            languages["languages"]["en"]["contentDir"].as_str(),
            Some("content/en")
        );
    }
}
