//! Forms as a browser sends them and pages as a browser reads them:
//! hidden fields, the CSRF token, URL-encoded bodies. No dependency, so
//! that the serve tests (through `web.rs`) and the load benchmark share it.
#![allow(dead_code)]

/// The hidden fields of a form's HTML, names and values unescaped.
pub(crate) fn hidden_fields(form: &str) -> Vec<(String, String)> {
    let attr = |tag: &str, name: &str| -> String {
        let key = format!("{name}=\"");
        let at = tag.find(&key).unwrap() + key.len();
        unescape(&tag[at..at + tag[at..].find('"').unwrap()])
    };
    form.split("<input ")
        .skip(1)
        .filter(|tag| tag.starts_with("type=\"hidden\""))
        .map(|tag| (attr(tag, "name"), attr(tag, "value")))
        .collect()
}

/// The CSRF token in a page's forms.
pub(crate) fn csrf_of(html: &str) -> String {
    let at = html
        .find("name=\"csrf\" value=\"")
        .expect("a form with a CSRF token")
        + 19;
    html[at..].split('"').next().unwrap().to_string()
}

/// `application/x-www-form-urlencoded`.
pub(crate) fn form_body(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub(crate) fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Text of a page as the browser reads it: the escapes `relais serve`
/// writes undone.
pub(crate) fn unescape(html: &str) -> String {
    html.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
