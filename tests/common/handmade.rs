//! A site made by hand, without an engine: hand-written French and English
//! UI bundles and a review state built from relais's own types, so that
//! what review and stats print depends on nothing but this file.

use super::Site;
use relais::base::digest;
use relais::fluent::ftl;
use relais::fluent::text;
use relais::review::state::{Approval, MachineText, MessageRecord, TargetRecord};

/// The time every hand-made event happened.
pub(crate) const AT: &str = "2024-06-10T09:00:00Z";

/// `COMMAND site --locale en --message IDS...`: a decision on messages of
/// the hand-made site.
pub(crate) fn on<'a>(command: &'a str, messages: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![command, "site", "--locale", "en", "--message"];
    args.extend_from_slice(messages);
    args
}

/// The normalised text of a message whose value is `value` (Fluent source).
pub(crate) fn t(value: &str) -> String {
    let (res, errors) = ftl::parse(&format!("x = {value}\n"));
    assert!(errors.is_empty(), "{value}: {errors:?}");
    text::message_text(&res.messages[0])
}

/// Machine text `text` of the French `french` (both Fluent values).
pub(crate) fn machine(french: &str, text: &str, engine: &str, unknown: &[&str]) -> MachineText {
    let (engine, pivot) = match engine.split_once(" via ") {
        Some((e, p)) => (e, Some(p.to_string())),
        None => (engine, None),
    };
    MachineText {
        text: t(text),
        hash: digest::hash(&t(text)),
        source_hash: digest::hash(&t(french)),
        engine: engine.to_string(),
        pivot,
        model: None,
        at: AT.to_string(),
        unknown: unknown.iter().map(|s| s.to_string()).collect(),
        memory: None,
    }
}

/// An approval by `reviewer` of `translation` for `french`.
pub(crate) fn approval(reviewer: &str, french: &str, translation: &str) -> Approval {
    Approval {
        reviewer: reviewer.to_string(),
        at: AT.to_string(),
        source_hash: digest::hash(&t(french)),
        translation_hash: digest::hash(&t(translation)),
    }
}

/// A record of a translation made by `mt` from `french`.
pub(crate) fn record(french: &str, mt: MachineText) -> MessageRecord {
    MessageRecord {
        source: t(french),
        source_hash: digest::hash(&t(french)),
        machine: Some(mt),
        ..MessageRecord::default()
    }
}

pub(crate) const FR: &str = "\
welcome = Bienvenue sur le site de PARTAGE
news-title = Les actualités
donate = Faites un don pour soutenir nos partenaires locaux.
partners = Nos partenaires en Afrique de l’Ouest
greeting = Bonjour { $name } !
contact = Écrivez-nous
about = La délégation a visité l’école du réseau en mai dernier
";

pub(crate) const EN: &str = "\
welcome = Welcome to the site of PARTAGE
news-title = News
donate = Donate to support our partners.
partners = Our partners in West Africa
greeting = Hello!
contact = Write to us
about = the delegation toured the school of the network last May
";

/// The French of `donate` before the writer added « locaux ».
pub(crate) const DONATE_BEFORE: &str = "Faites un don pour soutenir nos partenaires.";
/// The French of `partners` before the writer fixed a typo.
pub(crate) const PARTNERS_BEFORE: &str = "Nos partenaires en Afrique de l’Ouset";

/// One message in each state a reviewer meets, and two approved ones:
/// `welcome` machine, `news-title` edited, `donate` stale (an edit of the
/// French, with a suggestion), `partners` stale (a typo fix), `greeting`
/// invalid (a lost placeable), `contact` and `about` approved.
pub(crate) fn ui_site() -> Site {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    site.write("locales/fr/site.ftl", FR);
    site.write("locales/en/site.ftl", EN);
    let mut rec = TargetRecord {
        resource: "site".into(),
        locale: "en".into(),
        ..TargetRecord::default()
    };
    let mut add = |id: &str, r: MessageRecord| {
        rec.messages.insert(id.to_string(), r);
    };
    let welcome = "Bienvenue sur le site de PARTAGE";
    let m = machine(
        welcome,
        "Welcome to the site of PARTAGE",
        "apertium via es",
        &["PARTAGE"],
    );
    add("welcome", record(welcome, m));
    let news = "Les actualités";
    add(
        "news-title",
        record(
            news,
            machine(news, "The actualities", "apertium via es", &[]),
        ),
    );
    let mt = machine(
        DONATE_BEFORE,
        "Do a gift to sustain our partners.",
        "apertium via es",
        &[],
    );
    let mut donate = record(DONATE_BEFORE, mt);
    donate.suggestion = Some(machine(
        "Faites un don pour soutenir nos partenaires locaux.",
        "Do a gift to sustain our local partners.",
        "apertium via es",
        &[],
    ));
    donate.approvals.push(approval(
        "Claire Martin",
        DONATE_BEFORE,
        "Donate to support our partners.",
    ));
    add("donate", donate);
    let mt = machine(
        PARTNERS_BEFORE,
        "Our partners in Africa of the Ouset",
        "apertium via es",
        &["Ouset"],
    );
    let mut partners = record(PARTNERS_BEFORE, mt);
    partners.approvals.push(approval(
        "Claire Martin",
        PARTNERS_BEFORE,
        "Our partners in West Africa",
    ));
    add("partners", partners);
    let greeting = "Bonjour { $name } !";
    add(
        "greeting",
        record(
            greeting,
            machine(greeting, "Hello { $name }!", "apertium via es", &[]),
        ),
    );
    let contact = "Écrivez-nous";
    let mut c = record(contact, machine(contact, "Write to us", "deepl", &[]));
    c.approvals
        .push(approval("Awa Ouédraogo", contact, "Write to us"));
    add("contact", c);
    let about = "La délégation a visité l’école du réseau en mai dernier";
    let mt = machine(
        about,
        "the delegation visited the school of the network last May",
        "apertium via es",
        &[],
    );
    let mut a = record(about, mt);
    a.approvals.push(approval(
        "Claire Martin",
        about,
        "the delegation toured the school of the network last May",
    ));
    add("about", a);
    let mut json = serde_json::to_string_pretty(&rec).unwrap();
    json.push('\n');
    site.write("review/en/site.json", &json);
    site
}
