//! The retry tracker driven by any outcomes and rate-limit waits: attempts, backoff and
//! rate-limit waiting stay within the policy's documented bounds (so the simulated call never
//! outlasts `RetryPolicy::max_call_duration`), a request that is not retry safe is never sent
//! again after a 5xx or a failed connection, and a timeout always ends the call.
#![no_main]

use std::time::Duration;

use invite_model::{RetryDecision, StopWith};
use invites_fuzz::retry_script;
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

/// The longest one simulated attempt takes.
const ATTEMPT: Duration = Duration::from_secs(30);

fuzz_target!(|data: &[u8]| {
    let Ok(script) = retry_script(&mut Unstructured::new(data)) else {
        return;
    };
    let policy = script.policy;
    let mut tracker = policy.tracker(script.retry_safe);
    let mut clock = Duration::ZERO;
    for step in &script.attempts {
        clock += ATTEMPT;
        let decision = tracker.record(step.outcome());
        match decision {
            RetryDecision::Stop(with) => {
                assert_eq!(with == StopWith::Response, step.status.is_some());
                break;
            }
            RetryDecision::Retry { pause } => {
                assert!(
                    step.transport.is_none() || script.retry_safe,
                    "unsafe resend"
                );
                if step.status.is_some_and(|s| s >= 500) {
                    assert!(script.retry_safe, "unsafe resend after a 5xx");
                }
                clock += pause;
            }
            RetryDecision::WaitForRateLimit => assert_eq!(step.status, Some(429)),
        }
        assert!(
            step.status.is_some() || step.transport.is_some(),
            "a timeout was retried"
        );
        if tracker.may_wait(step.wait) {
            tracker.waited(step.elapsed);
            clock += step.elapsed.min(step.wait);
        }
    }
    assert!(tracker.attempts() <= policy.max_attempts());
    assert!(tracker.backoff_total() <= policy.max_backoff_total());
    assert!(tracker.rate_limit_waited() <= policy.max_rate_limit_wait);
    assert!(clock <= policy.max_call_duration(ATTEMPT), "{clock:?}");
    if !script.retry_safe {
        assert_eq!(tracker.retries(), 0);
    }
});
