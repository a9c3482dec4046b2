//! Per-file work spread over the machine's cores: an order-keeping
//! parallel map for the stages that handle one file at a time (reading and
//! extracting posts, reading and planning target bundles).
//!
//! Plain scoped threads, one contiguous run of items each: no pool, no
//! dependency, and results come back in input order, so reports, errors
//! and written files are listed exactly as a sequential run lists them.

/// `items.iter().map(f).collect()`, on up to as many threads as the
/// machine has cores. A panic in `f` is resumed on the calling thread.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let run = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let workers: Vec<_> = items
            .chunks(run)
            .map(|chunk| s.spawn(move || chunk.iter().map(f).collect::<Vec<R>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<usize> = (0..1001).collect();
        let doubled = super::map(&items, |i| i * 2);
        assert_eq!(doubled, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert!(super::map(&[] as &[usize], |i| *i).is_empty());
    }
}
