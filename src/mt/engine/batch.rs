//! The one loop that feeds an engine: segments are packed into batches
//! within the engine's limits (texts per request and bytes per request
//! body), and sent `concurrency` batches at a time.
//!
//! A segment that cannot fit in any request on its own is refused with a
//! reason and never sent. When the engine fails for good (quota, bad key,
//! retries spent), no new batch starts; batches already in flight finish
//! and their answers are kept, since they were paid for.

use super::{Docs, EngineError, Pair, Translation, Translator};
use futures::StreamExt;
use std::sync::atomic::{AtomicBool, Ordering};

/// What one request of an engine may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Texts per request.
    pub texts: usize,
    /// Bytes per request body, if the engine has such a limit.
    pub bytes: Option<usize>,
    /// Bytes of a request body that carries no text at all.
    pub overhead: usize,
}

impl Limits {
    /// Limits of an engine taking JSON bodies: `empty` is the body of a
    /// request without texts, each text then costs [`json_cost`].
    pub fn json<B: serde::Serialize>(texts: usize, bytes: usize, empty: &B) -> Limits {
        Limits {
            texts,
            bytes: Some(bytes),
            overhead: serde_json::to_vec(empty).map_or(0, |b| b.len()),
        }
    }

    /// One text per request, no size limit (Apertium).
    pub fn one_by_one() -> Limits {
        Limits {
            texts: 1,
            bytes: None,
            overhead: 0,
        }
    }
}

/// Bytes one text adds to a JSON array in a request body (with its comma).
pub fn json_cost(text: &str) -> usize {
    serde_json::to_string(text).map_or(text.len(), |s| s.len()) + 1
}

/// Batches (indices into the texts, in order) and the texts too large for
/// any request (index, bytes).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// One entry per request: the indices of the texts it carries.
    pub batches: Vec<Vec<usize>>,
    /// Texts no request can carry: index, and the bytes of the body one
    /// would need.
    pub too_large: Vec<(usize, usize)>,
}

/// Packs texts, in order, into as few batches as the limits allow.
pub fn plan(texts: &[String], limits: &Limits) -> Plan {
    let mut out = Plan::default();
    let mut current: Vec<usize> = Vec::new();
    let mut size = limits.overhead;
    let max_texts = limits.texts.max(1);
    for (i, text) in texts.iter().enumerate() {
        let cost = json_cost(text);
        if let Some(max) = limits.bytes {
            if limits.overhead + cost > max {
                out.too_large.push((i, limits.overhead + cost));
                continue;
            }
            if size + cost > max && !current.is_empty() {
                out.batches.push(std::mem::take(&mut current));
                size = limits.overhead;
            }
        }
        if current.len() == max_texts {
            out.batches.push(std::mem::take(&mut current));
            size = limits.overhead;
        }
        current.push(i);
        size += cost;
    }
    if !current.is_empty() {
        out.batches.push(current);
    }
    out
}

/// One answer: the translation, or why this text got none.
pub type Answer = Result<Translation, String>;

/// [`plan`], with no batch holding the texts of two documents.
pub fn plan_by_document(texts: &[String], of: &[usize], limits: &Limits) -> Plan {
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in 0..texts.len() {
        let doc = of.get(i).copied().unwrap_or(usize::MAX);
        match groups.iter_mut().find(|(d, _)| *d == doc) {
            Some((_, members)) => members.push(i),
            None => groups.push((doc, vec![i])),
        }
    }
    let mut out = Plan::default();
    for (_, members) in groups {
        let group: Vec<String> = members.iter().map(|&i| texts[i].clone()).collect();
        let p = plan(&group, limits);
        out.batches.extend(
            p.batches
                .into_iter()
                .map(|b| b.into_iter().map(|j| members[j]).collect()),
        );
        out.too_large.extend(
            p.too_large
                .into_iter()
                .map(|(j, bytes)| (members[j], bytes)),
        );
    }
    out
}

/// Translates `texts`; `on_batch` receives the answers of each batch (by
/// index into `texts`) as soon as it returns. Returns the error that
/// stopped the run, if one did; texts without an answer are left for the
/// next run. An engine that works by document gets batches of one
/// document each, with the document (`docs`).
pub async fn translate_all(
    engine: &dyn Translator,
    pair: &Pair,
    texts: &[String],
    docs: &Docs,
    on_batch: &mut dyn FnMut(Vec<(usize, Answer)>),
) -> Option<EngineError> {
    let limits = engine.limits(pair);
    let by_doc = engine.by_document() && docs.of.len() == texts.len();
    let plan = if by_doc {
        plan_by_document(texts, &docs.of, &limits)
    } else {
        plan(texts, &limits)
    };
    if !plan.too_large.is_empty() {
        let max = limits.bytes.unwrap_or_default();
        on_batch(
            plan.too_large
                .iter()
                .map(|&(i, bytes)| (i, Err(too_large(engine.name(), bytes, max))))
                .collect(),
        );
    }
    let stop = AtomicBool::new(false);
    let stop = &stop;
    let batches = plan.batches.into_iter().map(|indices| async move {
        if stop.load(Ordering::Relaxed) {
            return (indices, None);
        }
        let chunk: Vec<String> = indices.iter().map(|&i| texts[i].clone()).collect();
        let doc = by_doc
            .then(|| indices.first().and_then(|&i| docs.docs.get(docs.of[i])))
            .flatten();
        let result = engine.translate_in(pair, &chunk, doc).await;
        if result.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        (indices, Some(result))
    });
    let mut stream = futures::stream::iter(batches).buffer_unordered(engine.concurrency().max(1));
    let mut first = None;
    while let Some((indices, result)) = stream.next().await {
        match result {
            None => {}
            Some(Ok(answers)) if answers.len() == indices.len() => {
                on_batch(indices.into_iter().zip(answers).collect());
            }
            Some(Ok(answers)) => {
                first.get_or_insert(EngineError::BadResponse {
                    engine: engine.name(),
                    message: format!("{} translations for {} texts", answers.len(), indices.len()),
                });
            }
            Some(Err(e)) => {
                first.get_or_insert(e);
            }
        }
    }
    first
}

fn too_large(engine: &str, bytes: usize, max: usize) -> String {
    format!(
        "too long to send: {} KiB in one request, {engine} takes at most {} KiB (split the paragraph)",
        bytes.div_ceil(1024),
        max / 1024
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sizes: &[usize]) -> Vec<String> {
        sizes.iter().map(|n| "a".repeat(*n)).collect()
    }

    #[test]
    fn batches_fill_up_to_the_text_limit() {
        let limits = Limits {
            texts: 50,
            bytes: Some(128 * 1024),
            overhead: 100,
        };
        let p = plan(&texts(&[10; 120]), &limits);
        let sizes: Vec<usize> = p.batches.iter().map(Vec::len).collect();
        assert_eq!(sizes, [50, 50, 20]);
        assert_eq!(p.batches[1][0], 50, "order kept");
        assert!(p.too_large.is_empty());
    }

    #[test]
    fn batches_fill_up_to_the_byte_limit() {
        // Each text costs 10 + 2 quotes + 1 comma = 13 bytes.
        let limits = Limits {
            texts: 50,
            bytes: Some(100),
            overhead: 35,
        };
        let p = plan(&texts(&[10; 7]), &limits);
        assert_eq!(p.batches, vec![vec![0, 1, 2, 3, 4], vec![5, 6]]);
        for b in &p.batches {
            assert!(35 + 13 * b.len() <= 100);
        }
    }

    #[test]
    fn a_text_larger_than_a_request_is_refused_and_the_rest_goes() {
        let limits = Limits {
            texts: 50,
            bytes: Some(1000),
            overhead: 50,
        };
        let p = plan(&texts(&[10, 2000, 10]), &limits);
        assert_eq!(p.batches, vec![vec![0, 2]]);
        assert_eq!(p.too_large, vec![(1, 50 + 2003)]);
        assert!(too_large("deepl", 2053, 1000).contains("3 KiB"));
    }

    #[test]
    fn a_batch_holds_one_document() {
        let limits = Limits {
            texts: 2,
            bytes: None,
            overhead: 0,
        };
        let p = plan_by_document(&texts(&[1; 5]), &[0, 1, 0, 0, 1], &limits);
        assert_eq!(p.batches, vec![vec![0, 2], vec![3], vec![1, 4]]);
    }

    #[test]
    fn json_cost_counts_escapes() {
        assert_eq!(json_cost("ab"), 5);
        assert_eq!(json_cost("a\"b"), 7);
        assert_eq!(json_cost("é"), 5, "UTF-8 bytes, not characters");
    }
}
