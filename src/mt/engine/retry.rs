//! When and how long to wait before sending a failed request again: the
//! policy of DeepL's official clients, used for every engine.
//!
//! Transient failures (HTTP 429, any 5xx, connection errors, timeouts) are
//! retried up to 5 times, waiting 1 s, then ×1.6 each time up to 120 s,
//! each wait jittered by ±23 %; a `Retry-After` the server sent replaces
//! the computed wait. Everything else (other 4xx, DeepL's 456 quota) fails
//! at once. The clock is injected: tests run the loop under a paused tokio
//! clock, with no socket and no real sleeping.
//!
//! What it does not do: classify HTTP answers (that is `http`), or count
//! requests (the caller's attempt does).

use super::EngineError;
use async_trait::async_trait;
use std::future::Future;
use std::time::Duration;

/// How many times, and how long apart, a transient failure is retried.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// The wait before the first retry (1 s).
    pub initial: Duration,
    /// How much each wait grows over the one before (×1.6).
    pub factor: f64,
    /// The longest wait, computed or asked by `Retry-After` (120 s).
    pub max: Duration,
    /// Relative spread of each wait: 0.23 means ±23 %.
    pub jitter: f64,
    /// Retries after the first attempt (`retries` in `relais.toml`, 5 by
    /// default); 0 never retries.
    pub retries: u32,
}

impl Policy {
    /// The official DeepL clients' policy (deepl-python, deepl-node).
    pub fn official() -> Policy {
        Policy {
            initial: Duration::from_secs(1),
            factor: 1.6,
            max: Duration::from_secs(120),
            jitter: 0.23,
            retries: 5,
        }
    }

    /// The same policy with another number of retries.
    pub fn with_retries(retries: u32) -> Policy {
        Policy {
            retries,
            ..Policy::official()
        }
    }

    /// The wait before retry number `n` (0-based). `unit` is a random
    /// number in [-1, 1] that spreads it.
    pub fn delay(&self, n: u32, unit: f64) -> Duration {
        let base = self.initial.as_secs_f64() * self.factor.powi(n as i32);
        let base = base.min(self.max.as_secs_f64());
        let spread = base * self.jitter * unit.clamp(-1.0, 1.0);
        Duration::from_secs_f64((base + spread).max(0.0))
    }
}

/// Time as the retry loop sees it.
#[async_trait]
pub trait Clock: Send + Sync {
    /// Waits `d` (no real time passes under a paused tokio clock).
    async fn sleep(&self, d: Duration);
    /// A random number in [-1, 1] for the jitter.
    fn unit(&self) -> f64;
}

/// The real clock: tokio's timer and a random jitter.
pub struct TokioClock;

#[async_trait]
impl Clock for TokioClock {
    async fn sleep(&self, d: Duration) {
        tokio::time::sleep(d).await
    }

    fn unit(&self) -> f64 {
        fastrand::f64() * 2.0 - 1.0
    }
}

/// A failed attempt, and whether it is worth another.
#[derive(Debug)]
pub struct Failure {
    /// Why the attempt failed: what the run gets when no retry follows.
    pub error: EngineError,
    /// Whether trying again may help (429, 5xx, connection error, timeout).
    pub transient: bool,
    /// What the server's `Retry-After` asked for.
    pub retry_after: Option<Duration>,
}

impl Failure {
    /// A failure no retry can fix (another 4xx, DeepL's 456 quota).
    pub fn fatal(error: EngineError) -> Failure {
        Failure {
            error,
            transient: false,
            retry_after: None,
        }
    }

    /// A failure worth retrying, after `retry_after` when the server asked for
    /// a wait.
    pub fn transient(error: EngineError, retry_after: Option<Duration>) -> Failure {
        Failure {
            error,
            transient: true,
            retry_after,
        }
    }
}

/// Runs `attempt` until it succeeds, fails for good, or the retries are
/// spent; returns the last error then. `on_retry` hears of every retry
/// (its number from 1, the wait, the error).
pub async fn run<T, F, Fut>(
    policy: &Policy,
    clock: &dyn Clock,
    mut attempt: F,
    mut on_retry: impl FnMut(u32, Duration, &EngineError),
) -> Result<T, EngineError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Failure>>,
{
    let mut n = 0;
    loop {
        let failure = match attempt().await {
            Ok(v) => return Ok(v),
            Err(f) => f,
        };
        if !failure.transient || n >= policy.retries {
            return Err(failure.error);
        }
        let wait = failure
            .retry_after
            .map_or_else(|| policy.delay(n, clock.unit()), |d| d.min(policy.max));
        n += 1;
        on_retry(n, wait, &failure.error);
        clock.sleep(wait).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use tokio::time::Instant;

    /// tokio's timer (paused in these tests) with a fixed jitter.
    struct Fixed(f64);

    #[async_trait]
    impl Clock for Fixed {
        async fn sleep(&self, d: Duration) {
            tokio::time::sleep(d).await
        }
        fn unit(&self) -> f64 {
            self.0
        }
    }

    fn busy() -> EngineError {
        EngineError::Rejected {
            engine: "deepl",
            status: 429,
            message: "Too many requests".into(),
        }
    }

    /// Runs a scripted sequence of attempts; returns the result, the waits
    /// and the virtual time it took.
    async fn script(
        policy: &Policy,
        unit: f64,
        mut outcomes: Vec<Result<u32, Failure>>,
    ) -> (Result<u32, EngineError>, Vec<Duration>, Duration, usize) {
        outcomes.reverse();
        let outcomes = Mutex::new(outcomes);
        let calls = Mutex::new(0);
        let mut waits = Vec::new();
        let start = Instant::now();
        let result = run(
            policy,
            &Fixed(unit),
            || {
                *calls.lock().unwrap() += 1;
                let next = outcomes.lock().unwrap().pop().expect("scripted");
                async move { next }
            },
            |_, d, _| waits.push(d),
        )
        .await;
        let calls = *calls.lock().unwrap();
        (result, waits, start.elapsed(), calls)
    }

    /// Asserts the waits, to the microsecond.
    fn assert_waits(waits: &[Duration], want: &[f64]) {
        let got: Vec<f64> = waits.iter().map(Duration::as_secs_f64).collect();
        assert_eq!(got.len(), want.len(), "{got:?}");
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < 1e-6, "{got:?} != {want:?}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn backoff_grows_by_1_6_and_gives_up_after_5_retries() {
        let policy = Policy::official();
        let fails = (0..6)
            .map(|_| Err(Failure::transient(busy(), None)))
            .collect();
        let (result, waits, elapsed, calls) = script(&policy, 0.0, fails).await;
        assert_eq!(result.unwrap_err(), busy());
        assert_eq!(calls, 6, "one attempt and five retries");
        assert_waits(&waits, &[1.0, 1.6, 2.56, 4.096, 6.5536]);
        // The clock really advanced by the waits (virtually: no real sleep).
        let total: Duration = waits.iter().sum();
        assert!(elapsed >= total && elapsed < total + Duration::from_millis(5));
    }

    #[tokio::test(start_paused = true)]
    async fn jitter_spreads_waits_by_23_percent_and_the_cap_holds() {
        let policy = Policy::official();
        assert_waits(
            &[policy.delay(0, 1.0), policy.delay(0, -1.0)],
            &[1.23, 0.77],
        );
        // 1.6^11 ≈ 176 s: capped at 120 s before the jitter.
        assert_waits(
            &[policy.delay(11, 0.0), policy.delay(11, 1.0)],
            &[120.0, 147.6],
        );
        let fails = vec![Err(Failure::transient(busy(), None)), Ok(7)];
        let (result, waits, _, _) = script(&policy, -1.0, fails).await;
        assert_eq!(result.unwrap(), 7);
        assert_waits(&waits, &[0.77]);
    }

    #[tokio::test(start_paused = true)]
    async fn retry_after_replaces_the_computed_wait() {
        let policy = Policy::official();
        let fails = vec![
            Err(Failure::transient(busy(), Some(Duration::from_secs(7)))),
            Err(Failure::transient(busy(), None)),
            Ok(1),
        ];
        let (result, waits, elapsed, _) = script(&policy, 0.0, fails).await;
        assert_eq!(result.unwrap(), 1);
        assert_waits(&waits, &[7.0, 1.6]);
        assert!(elapsed >= Duration::from_secs_f64(8.6));
    }

    #[tokio::test(start_paused = true)]
    async fn a_fatal_failure_is_not_retried() {
        let quota = EngineError::Quota {
            engine: "deepl",
            message: "Quota exceeded".into(),
        };
        let fails = vec![Err(Failure::fatal(quota.clone()))];
        let (result, waits, elapsed, calls) = script(&Policy::official(), 0.0, fails).await;
        assert_eq!(result.unwrap_err(), quota);
        assert!(waits.is_empty());
        assert_eq!(calls, 1);
        assert!(elapsed < Duration::from_millis(1));
    }

    #[tokio::test(start_paused = true)]
    async fn zero_retries_fails_at_the_first_transient_error() {
        let fails = vec![Err(Failure::transient(busy(), None))];
        let (result, waits, _, calls) = script(&Policy::with_retries(0), 0.0, fails).await;
        assert!(result.is_err());
        assert!(waits.is_empty());
        assert_eq!(calls, 1);
    }
}
