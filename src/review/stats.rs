//! `relais stats`: how far approved translations are from what the machine
//! wrote, per message and summed per locale, engine, resource and
//! reviewer; and how many were approved without a change. This is what
//! tells which engine saves reviewers the most work.
//!
//! Only approved messages count: their text is final. The machine text a
//! message is measured against is the one made from the approved French
//! (after a stale message was approved, the suggestion for the new French);
//! messages written by hand without machine text are counted apart.
//! Distances are in `distance`; they are taken of the readable texts.

use crate::base::config::Config;
use crate::base::digest;
use crate::fluent::text;
use crate::review::distance::{self, Distance};
use crate::review::state::{MessageRecord, State};
use crate::review::view::{Entry, Site, View};
use serde::Serialize;
use std::collections::BTreeMap;

/// One approved message.
#[derive(Debug, Serialize)]
pub struct MessageStat {
    /// The message's resource.
    pub resource: String,
    /// The target locale.
    pub locale: String,
    /// The message id.
    pub id: String,
    /// `apertium`, `apertium (via es)`.
    pub engine: String,
    /// Who approved the text.
    pub reviewer: String,
    /// How far the approved text is from the machine text.
    #[serde(flatten)]
    pub measures: Measures,
    /// Approved exactly as the machine wrote it.
    pub unchanged: bool,
}

/// Word and character distances, with their rates (edits over the length
/// of the approved text).
#[derive(Debug, Default, Serialize)]
pub struct Measures {
    /// Words and punctuation marks of the approved text.
    pub words: usize,
    /// Word edits from the machine text to the approved one.
    pub word_edits: usize,
    /// `word_edits / words`, to four decimals.
    pub word_rate: f64,
    /// Characters of the approved text, spaces included.
    pub chars: usize,
    /// Character edits from the machine text to the approved one.
    pub char_edits: usize,
    /// `char_edits / chars`, to four decimals.
    pub char_rate: f64,
}

impl Measures {
    fn new(words: Distance, chars: Distance) -> Self {
        Measures {
            words: words.length,
            word_edits: words.edits,
            word_rate: round(words.rate()),
            chars: chars.length,
            char_edits: chars.edits,
            char_rate: round(chars.rate()),
        }
    }

    fn words(&self) -> Distance {
        Distance {
            edits: self.word_edits,
            length: self.words,
        }
    }

    fn chars(&self) -> Distance {
        Distance {
            edits: self.char_edits,
            length: self.chars,
        }
    }
}

/// Sums over a group of approved messages.
#[derive(Debug, Default, Serialize)]
pub struct Group {
    /// What the messages share: a locale, an engine, a resource, a
    /// reviewer; `all` for the total.
    pub key: String,
    /// Approved messages measured.
    pub messages: usize,
    /// Those approved exactly as the machine wrote them.
    pub unchanged: usize,
    /// `unchanged / messages`.
    pub unchanged_share: f64,
    /// Totals: rates are total edits over total length.
    #[serde(flatten)]
    pub measures: Measures,
}

/// The engine reviewers changed least in a locale.
#[derive(Debug, Serialize)]
pub struct Best {
    /// The target locale.
    pub locale: String,
    /// The engine as people name it.
    pub engine: String,
    /// Its word edit rate there.
    pub word_rate: f64,
    /// Approved messages it is measured on.
    pub messages: usize,
    /// Whether that is enough to go by ([`ENOUGH`] messages or more).
    pub enough: bool,
}

/// Approved messages of an engine in a locale below which its rate says
/// little.
pub const ENOUGH: usize = 20;

/// The report.
#[derive(Debug, Default, Serialize)]
pub struct Stats {
    /// Every measured message.
    pub total: Group,
    /// Per target locale, sorted by key (as are the other groups).
    pub by_locale: Vec<Group>,
    /// Per engine as people name it (`apertium (via es)`, `memory`).
    pub by_engine: Vec<Group>,
    /// Per locale and engine (`en · deepl quality_optimized`): what a site
    /// compares to choose an engine per locale (`[engine.en]`).
    pub by_locale_engine: Vec<Group>,
    /// Per locale, the engine reviewers changed least.
    pub best: Vec<Best>,
    /// Per resource.
    pub by_resource: Vec<Group>,
    /// Per reviewer who approved.
    pub by_reviewer: Vec<Group>,
    /// Every measured message, by resource and locale, in source order.
    pub messages: Vec<MessageStat>,
    /// Approved messages with no machine text to compare with.
    pub without_machine: usize,
    /// Files that could not be read (`path:line:col: message`).
    pub errors: Vec<String>,
}

/// Computes the statistics of the site of `cfg`.
pub fn stats(cfg: &Config, resources: &[String]) -> Stats {
    let site = Site::load(cfg, resources, &[]);
    let mut out = Stats {
        errors: crate::base::error::messages(&site.errors),
        ..Stats::default()
    };
    for view in &site.views {
        for e in site.entries(view) {
            match measure(&site, view, &e) {
                Some(m) => out.messages.push(m),
                None if e.state == State::Approved => out.without_machine += 1,
                None => {}
            }
        }
    }
    out.total = group("all", out.messages.iter());
    out.by_locale = groups(&out.messages, |m| m.locale.clone());
    out.by_engine = groups(&out.messages, |m| m.engine.clone());
    out.by_locale_engine = groups(&out.messages, |m| format!("{} · {}", m.locale, m.engine));
    out.best = best(&out.messages);
    out.by_resource = groups(&out.messages, |m| m.resource.clone());
    out.by_reviewer = groups(&out.messages, |m| m.reviewer.clone());
    out
}

/// The distances of an approved message that has a machine text.
fn measure(site: &Site, view: &View, e: &Entry) -> Option<MessageStat> {
    if e.state != State::Approved {
        return None;
    }
    let rec: &MessageRecord = e.record?;
    let current = e.current_text.as_deref()?;
    let machine = rec.machine_for(&e.source_hash).or(rec.machine.as_ref())?;
    let approval = rec.approval(&e.source_hash, &digest::hash(current))?;
    let (mt, approved) = (text::readable(&machine.text), text::readable(current));
    Some(MessageStat {
        resource: site.source(view).resource.clone(),
        locale: view.locale.to_string(),
        id: e.id().to_string(),
        engine: machine.engine_label(),
        reviewer: approval.reviewer.clone(),
        measures: Measures::new(
            distance::word_distance(&mt, &approved),
            distance::char_distance(&mt, &approved),
        ),
        unchanged: mt == approved,
    })
}

/// Per locale, the engine with the lowest word edit rate (translation
/// memory is not an engine one can choose, and does not count).
fn best(messages: &[MessageStat]) -> Vec<Best> {
    let engines: Vec<&MessageStat> = messages.iter().filter(|m| m.engine != "memory").collect();
    let mut locales: Vec<&str> = engines.iter().map(|m| m.locale.as_str()).collect();
    locales.sort_unstable();
    locales.dedup();
    locales
        .into_iter()
        .filter_map(|locale| {
            let mut by: BTreeMap<&str, Vec<&MessageStat>> = BTreeMap::new();
            for m in engines.iter().filter(|m| m.locale == locale) {
                by.entry(m.engine.as_str()).or_default().push(m);
            }
            by.into_iter()
                .map(|(engine, ms)| (engine, group(engine, ms.into_iter())))
                .min_by(|a, b| a.1.measures.word_rate.total_cmp(&b.1.measures.word_rate))
                .map(|(engine, g)| Best {
                    locale: locale.to_string(),
                    engine: engine.to_string(),
                    word_rate: g.measures.word_rate,
                    messages: g.messages,
                    enough: g.messages >= ENOUGH,
                })
        })
        .collect()
}

fn groups(messages: &[MessageStat], key: impl Fn(&MessageStat) -> String) -> Vec<Group> {
    let mut by: BTreeMap<String, Vec<&MessageStat>> = BTreeMap::new();
    for m in messages {
        by.entry(key(m)).or_default().push(m);
    }
    by.into_iter()
        .map(|(k, ms)| group(&k, ms.into_iter()))
        .collect()
}

fn group<'a>(key: &str, messages: impl Iterator<Item = &'a MessageStat>) -> Group {
    let (mut words, mut chars) = (Distance::default(), Distance::default());
    let (mut count, mut unchanged) = (0, 0);
    for m in messages {
        count += 1;
        unchanged += usize::from(m.unchanged);
        words += m.measures.words();
        chars += m.measures.chars();
    }
    Group {
        key: key.to_string(),
        messages: count,
        unchanged,
        unchanged_share: if count == 0 {
            0.0
        } else {
            round(unchanged as f64 / count as f64)
        },
        measures: Measures::new(words, chars),
    }
}

/// Four decimals: enough to compare engines, stable in JSON.
fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The report as a table; per-message rows when `messages`.
pub fn render(stats: &Stats, messages: bool) -> String {
    let mut rows: Vec<(String, &Group)> = vec![("all".into(), &stats.total)];
    let sections = [
        ("locale", &stats.by_locale),
        ("engine", &stats.by_engine),
        ("locale · engine", &stats.by_locale_engine),
        ("reviewer", &stats.by_reviewer),
        ("resource", &stats.by_resource),
    ];
    for (name, groups) in sections {
        rows.extend(groups.iter().map(|g| (format!("{name} {}", g.key), g)));
    }
    let width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "post-edit distance of approved messages (machine text → approved text)\n\n{:<width$}  {:>5}  {:>14}  {:>9}  {:>9}\n",
        "", "msgs", "unchanged", "word edit", "char edit"
    );
    for (key, g) in &rows {
        out.push_str(&format!(
            "{key:<width$}  {:>5}  {:>7} ({:>3.0}%)  {:>9.3}  {:>9.3}\n",
            g.messages,
            g.unchanged,
            g.unchanged_share * 100.0,
            g.measures.word_rate,
            g.measures.char_rate
        ));
    }
    if !stats.best.is_empty() {
        out.push('\n');
    }
    for b in &stats.best {
        let caveat = if b.enough {
            String::new()
        } else {
            format!(" — only {} messages, too few to go by", b.messages)
        };
        out.push_str(&format!(
            "{}: reviewers changed {} least ({:.3} word edits per word over {} messages){caveat}\n",
            b.locale, b.engine, b.word_rate, b.messages
        ));
    }
    if stats.without_machine > 0 {
        out.push_str(&format!(
            "\n{} approved messages were written without machine text and are not counted\n",
            stats.without_machine
        ));
    }
    if messages {
        out.push('\n');
        for m in &stats.messages {
            out.push_str(&format!(
                "{} ({}) {}  {:.3} words  {:.3} chars  {}\n",
                m.resource, m.locale, m.id, m.measures.word_rate, m.measures.char_rate, m.reviewer
            ));
        }
    }
    out
}
