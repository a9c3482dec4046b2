//! HTML for the pages, built as strings: every piece of text that is not
//! markup written here goes through [`esc`] (French, translations, names,
//! errors, file names), and a post's Markdown is rendered with its raw HTML
//! shown as text ([`markdown`]). No templates, no JavaScript.

use super::i18n::Lang;
use crate::review::diff::{Op, Tag};
use pulldown_cmark::{CowStr, Event, Tag as MdTag};

/// Escapes text for HTML content and quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a path for a link, keeping `/`.
pub fn url_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-_./~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What the page header needs to know about the person.
pub struct Who<'a> {
    /// Shown beside the sign-out button.
    pub name: &'a str,
    /// Carried by the sign-out form.
    pub csrf: &'a str,
    /// A reviewer: the header links to the dashboard.
    pub reviewer: bool,
    /// A writer: the header links to the drafts form.
    pub writer: bool,
}

/// A whole page: header (links, language, sign-out), notices, content.
pub struct Page<'a> {
    /// The language of the page's own words and of `<html lang>`.
    pub lang: Lang,
    /// The `<title>`, before `· relais` (escaped here).
    pub title: &'a str,
    /// The person signed in; `None` on the sign-in and error pages.
    pub who: Option<Who<'a>>,
    /// What the last actions did, shown above the content.
    pub notices: &'a [super::flash::Notice],
    /// The content: HTML whose text the caller escaped.
    pub body: String,
}

impl Page<'_> {
    /// The whole document, `<!doctype html>` to `</html>`.
    pub fn render(&self) -> String {
        let l = self.lang;
        let mut nav = String::new();
        if let Some(who) = &self.who {
            if who.reviewer {
                nav.push_str(&format!("<a href=\"/\">{}</a>", esc(&l.t("nav-dashboard"))));
                nav.push_str(&format!(
                    "<a href=\"/search\">{}</a>",
                    esc(&l.t("nav-search"))
                ));
            }
            if who.writer {
                nav.push_str(&format!(
                    "<a href=\"/submit\">{}</a>",
                    esc(&l.t("nav-submit"))
                ));
            }
        }
        let langs: String = Lang::ALL
            .iter()
            .map(|o| {
                let current = if *o == l {
                    " aria-current=\"true\""
                } else {
                    ""
                };
                format!(
                    "<a href=\"?lang={0}\" hreflang=\"{0}\"{current}>{0}</a>",
                    o.code()
                )
            })
            .collect::<Vec<_>>()
            .join(" ");
        let account = self.who.as_ref().map_or(String::new(), |w| {
            format!(
                "<form method=\"post\" action=\"/logout\" class=\"inline\">{}<span class=\"who\">{}</span> <button>{}</button></form>",
                csrf_field(w.csrf),
                esc(w.name),
                esc(&l.t("sign-out"))
            )
        });
        let notices: String = self
            .notices
            .iter()
            .map(|n| format!("<p class=\"notice\" role=\"status\">{}</p>", esc(&n.text)))
            .collect();
        format!(
            "<!doctype html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title} · relais</title><link rel=\"stylesheet\" href=\"/static/relais.css\"><script src=\"/static/relais.js\" defer></script></head>\
<body><a class=\"skip\" href=\"#main\">{skip}</a><header><strong class=\"brand\">relais</strong><nav>{nav}</nav><span class=\"langs\">{langs}</span>{account}</header>\
<main id=\"main\" tabindex=\"-1\">{notices}{body}</main></body></html>\n",
            skip = esc(&l.t("skip-to-content")),
            code = l.code(),
            title = esc(self.title),
            body = self.body,
        )
    }
}

/// The hidden field every form carries.
pub fn csrf_field(csrf: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
        esc(csrf)
    )
}

/// A form of hidden fields and one button (`label` is HTML: the caller
/// escaped its text).
pub fn button_form(
    action: &str,
    csrf: &str,
    fields: &[(&str, &str)],
    label: &str,
    class: &str,
) -> String {
    let hidden: String = fields
        .iter()
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                esc(k),
                esc(v)
            )
        })
        .collect();
    format!(
        "<form method=\"post\" action=\"{}\" class=\"inline\">{}{hidden}<button class=\"{}\">{label}</button></form>",
        esc(action),
        csrf_field(csrf),
        esc(class),
    )
}

/// A word diff: deletions struck through, insertions underlined, each
/// also said in words for screen readers (not by colour alone).
pub fn diff(l: Lang, ops: &[Op]) -> String {
    let said = |key: &str| format!("<span class=\"sr-only\">[{}] </span>", esc(&l.t(key)));
    ops.iter()
        .map(|op| match op.op {
            Tag::Equal => esc(&op.text),
            Tag::Insert => format!("<ins>{}{}</ins>", said("diff-inserted"), esc(&op.text)),
            Tag::Delete => format!("<del>{}{}</del>", said("diff-deleted"), esc(&op.text)),
        })
        .collect()
}

/// A message of a post as it reads: its value's Markdown rendered inline
/// (emphasis, links, code; an image named by its address, which the
/// review page does not serve), then its attributes (`.alt = …`) each on
/// its line; `marked` words marked. Raw HTML shows as text.
pub fn rendered(text: &str, marked: &[String]) -> String {
    let (value, attributes) = crate::fluent::text::split_readable(text);
    let mut out = markdown_with(&value, marked, true);
    for (name, text) in attributes {
        out.push_str(&format!(
            "<p class=\"attr\"><code>.{}</code> {}</p>",
            esc(name),
            highlight(text, marked)
        ));
    }
    out
}

/// Text with the given words marked (the engine's unknown words).
pub fn highlight(text: &str, words: &[String]) -> String {
    let mut out = String::new();
    for token in crate::review::distance::tokens(text) {
        if words.iter().any(|w| w == token) {
            out.push_str(&format!("<mark>{}</mark>", esc(token)));
        } else {
            out.push_str(&esc(token));
        }
    }
    out
}

/// Renders a post's Markdown. Raw HTML in the post is shown as text (a
/// `<script>` in a post reads as `<script>`), and links and images keep
/// only web, mail and relative addresses.
pub fn markdown(md: &str) -> String {
    markdown_with(md, &[], false)
}

/// [`markdown`], with `marked` words marked and, when `name_images`,
/// images shown as their address.
fn markdown_with(md: &str, marked: &[String], name_images: bool) -> String {
    let parser = pulldown_cmark::Parser::new_ext(md, crate::source::segment::post_options());
    // First what the post says made safe: its raw HTML as text, only safe
    // addresses. Only then markup written here (marks, image names).
    let safe = parser.map(|event| match event {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        Event::Start(MdTag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(MdTag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(MdTag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(MdTag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut in_image = false;
    let events = safe.filter_map(|event| match event {
        Event::Start(MdTag::Image { dest_url, .. }) if name_images => {
            in_image = true;
            let html = format!("<span class=\"image\">{}</span>", esc(&dest_url));
            Some(Event::InlineHtml(html.into()))
        }
        Event::End(pulldown_cmark::TagEnd::Image) if name_images => {
            in_image = false;
            None
        }
        _ if in_image => None,
        Event::Text(t) if !marked.is_empty() => {
            Some(Event::InlineHtml(highlight(&t, marked).into()))
        }
        other => Some(other),
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// `javascript:`, `data:` and other schemes become `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim_start().to_ascii_lowercase();
    let scheme = lower
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| !s.contains(['/', '?', '#']));
    match scheme {
        None | Some("http" | "https" | "mailto") => url,
        Some(_) => CowStr::Borrowed("#"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_raw_html_in_posts_is_shown_as_text() {
        assert_eq!(
            esc("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
        let html =
            markdown("Avant <script>alert(1)</script> après\n\n<div onclick=\"x()\">bloc</div>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        let html =
            markdown("[a](javascript:alert(1)) [b](https://x.org/) [c](/p?q=1) ![i](data:x)");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("href=\"https://x.org/\""), "{html}");
        assert!(html.contains("href=\"/p?q=1\""), "{html}");
    }

    #[test]
    fn a_message_renders_with_its_attributes_and_images_named() {
        let html = rendered(
            "![](/images/a.jpg)\n.alt = Deux *monitrices* <b>",
            &["monitrices".into()],
        );
        assert!(
            html.contains("<span class=\"image\">/images/a.jpg</span>"),
            "{html}"
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains(
                "<p class=\"attr\"><code>.alt</code> Deux *<mark>monitrices</mark>* &lt;b&gt;</p>"
            ),
            "{html}"
        );
        let html = rendered(
            "Le **chat** de [Marie](https://ex.fr) <i>x</i>",
            &["chat".into()],
        );
        assert!(
            html.contains("<strong><mark>chat</mark></strong>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"https://ex.fr\">Marie</a>"),
            "{html}"
        );
        assert!(html.contains("&lt;i&gt;"), "raw HTML as text: {html}");
    }

    #[test]
    fn diffs_and_unknown_words_are_marked_and_escaped() {
        let ops = crate::review::diff::words("a <b> c", "a <i> c");
        let html = diff(Lang::Fr, &ops);
        assert!(
            html.contains("<del><span class=\"sr-only\">[supprimé] </span>b</del>"),
            "a deletion is said, not only coloured: {html}"
        );
        assert!(html.contains("[ajouté] </span>i</ins>&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert_eq!(
            highlight("le <chien>", &["chien".into()]),
            "le &lt;<mark>chien</mark>&gt;"
        );
    }
}
