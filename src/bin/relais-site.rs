//! `make site`: renders an export (`relais export --out DIR`) to a small
//! static HTML site, one page per post per locale plus an index per locale,
//! with the UI strings formatted through fluent-bundle (falling back to the
//! French for messages not approved yet) — the whole chain, in a browser.
//!
//! Usage: `relais-site EXPORT_DIR HTML_DIR`. An example of what a site
//! generator does with the export, not part of relais itself.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [export, html] = args.as_slice() else {
        eprintln!("usage: relais-site EXPORT_DIR HTML_DIR");
        return ExitCode::from(2);
    };
    match render(export, html) {
        Ok(pages) => {
            println!("{pages} pages written to {}", html.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// UI strings of one locale, with the French behind them.
struct Ui {
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl Ui {
    fn load(export: &Path, locales: &[&str]) -> Result<Ui, String> {
        let mut bundles = Vec::new();
        for locale in locales {
            let path = export.join(locale).join("site.ftl");
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let res = FluentResource::try_new(text)
                .map_err(|_| format!("{}: does not parse", path.display()))?;
            let lang = locale
                .parse()
                .map_err(|_| format!("{locale}: not a locale"))?;
            let mut bundle = FluentBundle::new(vec![lang]);
            bundle.set_use_isolating(false);
            bundle.add_builtins().map_err(|e| e.to_string())?;
            let month_locale = locale.to_string();
            bundle
                .add_function("DATETIME", move |pos, _| match pos.first() {
                    Some(FluentValue::String(s)) => FluentValue::from(long_date(s, &month_locale)),
                    other => other.cloned().unwrap_or(FluentValue::None),
                })
                .map_err(|e| e.to_string())?;
            bundle
                .add_resource(res)
                .map_err(|e| format!("{}: {e:?}", path.display()))?;
            bundles.push(bundle);
        }
        Ok(Ui { bundles })
    }

    /// The first bundle that has the message wins (Fluent fallback).
    fn get(&self, id: &str, args: Option<&FluentArgs>) -> String {
        for bundle in &self.bundles {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = vec![];
                return bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned();
            }
        }
        id.to_string()
    }
}

/// `2024-06-06` as a long date in the language of `locale`.
fn long_date(iso: &str, locale: &str) -> String {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const ES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    let parts: Vec<usize> = iso.split('-').filter_map(|p| p.parse().ok()).collect();
    let [y, m, d] = parts[..] else {
        return iso.to_string();
    };
    let Some(month) = m.checked_sub(1).filter(|i| *i < 12) else {
        return iso.to_string();
    };
    match locale {
        "en" => format!("{d} {} {y}", EN[month]),
        "es" => format!("{d} de {} de {y}", ES[month]),
        _ => format!("{d} {} {y}", FR[month]),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn render(export: &Path, html: &Path) -> Result<usize, String> {
    let manifest_path = export.join("manifest.json");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(&manifest_path)
            .map_err(|e| format!("{}: {e}", manifest_path.display()))?,
    )
    .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let source = manifest["source"].as_str().unwrap_or("fr").to_string();
    let mut locales = vec![source.clone()];
    locales.extend(
        manifest["targets"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|l| l.as_str().map(str::to_string)),
    );
    let posts = manifest["posts"].as_array().cloned().unwrap_or_default();
    let mut pages = 0;
    for locale in &locales {
        let chain: Vec<&str> = if *locale == source {
            vec![locale]
        } else {
            vec![locale, &source]
        };
        let ui = Ui::load(export, &chain)?;
        let dir = html.join(locale);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let mine: Vec<&serde_json::Value> = posts
            .iter()
            .filter(|p| {
                p["locales"]
                    .as_array()
                    .is_some_and(|l| l.iter().any(|x| x == locale.as_str()))
            })
            .collect();
        let mut items = String::new();
        for post in &mine {
            let slug = post["slug"].as_str().unwrap_or_default();
            let title = post["title"][locale].as_str().unwrap_or(slug);
            let mut args = FluentArgs::new();
            args.set("title", title.to_string());
            items.push_str(&format!(
                "<li><a href=\"{slug}.html\">{}</a> <small>{}</small> — <a href=\"{slug}.html\" aria-label=\"{}\">{}</a></li>\n",
                escape(title),
                escape(post["date"].as_str().unwrap_or_default()),
                escape(&ui.get("read-more-label", Some(&args))),
                escape(&ui.get("read-more", None))
            ));
            let file = post["files"][locale].as_str().unwrap_or_default();
            let markdown =
                std::fs::read_to_string(export.join(file)).map_err(|e| format!("{file}: {e}"))?;
            let body = markdown.splitn(3, "---").nth(2).unwrap_or(&markdown);
            let mut content = String::new();
            pulldown_cmark::html::push_html(
                &mut content,
                pulldown_cmark::Parser::new_ext(body, relais::source::segment::post_options()),
            );
            let mut args = FluentArgs::new();
            args.set(
                "date",
                post["date"].as_str().unwrap_or_default().to_string(),
            );
            args.set("author", "PARTAGE");
            let others: Vec<String> = post["locales"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|l| l.as_str())
                .filter(|l| l != locale)
                .map(|l| format!("<a href=\"../{l}/{slug}.html\" hreflang=\"{l}\">{l}</a>"))
                .collect();
            let page = format!(
                "<article><h1>{}</h1><p><em>{}</em></p>\n{content}</article>\n<p>{}</p>\n<p><a href=\"index.html\">{}</a></p>",
                escape(title),
                escape(&ui.get("post-byline", Some(&args))),
                others.join(" · "),
                escape(&ui.get("post-back", None))
            );
            std::fs::write(
                dir.join(format!("{slug}.html")),
                layout(locale, title, &ui, &page),
            )
            .map_err(|e| e.to_string())?;
            pages += 1;
        }
        let mut args = FluentArgs::new();
        args.set("count", mine.len());
        let index = format!(
            "<h1>{}</h1><p>{}</p><ul>\n{items}</ul>",
            escape(&ui.get("page-news-title", None)),
            escape(&ui.get("posts-count", Some(&args)))
        );
        std::fs::write(
            dir.join("index.html"),
            layout(locale, &ui.get("nav-news", None), &ui, &index),
        )
        .map_err(|e| e.to_string())?;
        pages += 1;
    }
    Ok(pages)
}

fn layout(locale: &str, title: &str, ui: &Ui, main: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{locale}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title>\
<style>body{{font-family:sans-serif;max-width:42rem;margin:auto;padding:1rem;line-height:1.5}}img{{max-width:100%}}nav a{{margin-right:1rem}}</style></head>\n\
<body><nav><a href=\"index.html\">{}</a><a href=\"../fr/index.html\">fr</a><a href=\"../en/index.html\">en</a><a href=\"../es/index.html\">es</a></nav>\n<main>{main}</main>\n<footer><p>{}</p><p>{}</p></footer></body></html>\n",
        escape(title),
        escape(&ui.get("nav-news", None)),
        escape(&ui.get("footer-about", None)),
        escape(&ui.get("footer-copyright", None)),
    )
}
