//! Moments plus durations, saturating: the tracker never reads a clock, it only adds the
//! configured lags to the times it is given.

use core::time::Duration;

use crate::primitive::timestamp::Timestamp;

/// `t + d`, or the largest representable moment if that overflows.
pub(crate) fn after(t: Timestamp, d: Duration) -> Timestamp {
    let Ok(d) = time::Duration::try_from(d) else {
        return last();
    };
    t.0.checked_add(d).map_or_else(last, Timestamp)
}

/// The first moment after `t` (one nanosecond later).
pub(crate) fn just_after(t: Timestamp) -> Timestamp {
    t.0.checked_add(time::Duration::NANOSECOND)
        .map_or_else(last, Timestamp)
}

/// The largest moment `time` represents.
fn last() -> Timestamp {
    Timestamp(time::Date::MAX.with_time(time::Time::MAX).assume_utc())
}

/// The later of two moments.
pub(crate) fn latest(a: Timestamp, b: Timestamp) -> Timestamp {
    if b > a { b } else { a }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saturates() {
        let t: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        assert_eq!(
            after(t, Duration::from_secs(2)),
            "2026-01-01T00:00:02Z".parse().unwrap()
        );
        assert_eq!(after(t, Duration::MAX), last());
        assert_eq!(just_after(last()), last());
        assert!(just_after(t) > t);
        assert_eq!(latest(t, last()), last());
        assert_eq!(latest(last(), t), last());
    }
}
