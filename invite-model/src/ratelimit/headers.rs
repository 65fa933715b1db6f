//! [`RateLimitInfo`]: the one reader of the rate-limit facts of a response (its headers and, for
//! a 429, its body), with the one cap ([`MAX_WAIT`]) and the one fallback wait
//! ([`FALLBACK_WAIT`]). The limiter, the 429 error ([`RateLimited`](crate::RateLimited)) and the
//! retry tracker all read responses through it.

use core::fmt;
use core::time::Duration;

use serde::Deserializer;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};

use crate::wire::Response;

/// The cap on every duration read from a response (`Retry-After`, `retry_after`,
/// `X-RateLimit-Reset-After`, the time until `X-RateLimit-Reset`), and so the longest wait the
/// limiter asks for and the longest `retry_after` a [`RateLimited`](crate::RateLimited) carries:
/// one hour.
pub const MAX_WAIT: Duration = Duration::from_secs(60 * 60);

/// The wait assumed for a 429 that names none (no `retry_after`, no `Retry-After`, no
/// `X-RateLimit-Reset-After`): one second.
pub const FALLBACK_WAIT: Duration = Duration::from_secs(1);

/// The longest `X-RateLimit-Bucket` value accepted, in bytes; longer values are ignored.
pub const MAX_BUCKET_HASH_LEN: usize = 64;

/// The longest `X-RateLimit-Scope` value accepted, in bytes; longer values are ignored.
pub const MAX_SCOPE_LEN: usize = 32;

/// The rate-limit facts one response carries, read leniently: a value that cannot be read is
/// `None`. Header names match in any case and values are trimmed; every duration is at most
/// [`MAX_WAIT`].
///
/// ```
/// use core::time::Duration;
/// use invite_model::endpoint::Response;
/// use invite_model::RateLimitInfo;
///
/// let headers = [("retry-after", "3"), ("x-ratelimit-scope", " Global ")];
/// let body = br#"{"message":"You are being rate limited.","retry_after":2.5,"global":false}"#;
/// let info = RateLimitInfo::from_response(&Response::new(429, &headers, body));
/// assert_eq!(info.retry_after, Some(Duration::from_millis(2500)));
/// assert_eq!(info.retry_wait(), Duration::from_millis(2500));
/// assert_eq!(info.scope, Some("Global"));
/// assert!(info.global);
///
/// // A 429 that names no wait: the fallback of one second.
/// let info = RateLimitInfo::from_response(&Response::new(429, &[], b""));
/// assert_eq!(info.retry_wait(), Duration::from_secs(1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct RateLimitInfo<'a> {
    /// `X-RateLimit-Limit`.
    pub limit: Option<u32>,
    /// `X-RateLimit-Remaining`.
    pub remaining: Option<u32>,
    /// `X-RateLimit-Reset`: when the window resets, as time since the Unix epoch (a moment, so
    /// not capped; [`reset_in`](Self::reset_in) is).
    pub reset: Option<Duration>,
    /// `X-RateLimit-Reset-After`: how long until the window resets, at most [`MAX_WAIT`].
    pub reset_after: Option<Duration>,
    /// `X-RateLimit-Bucket`, if it is at most [`MAX_BUCKET_HASH_LEN`] bytes of visible ASCII.
    pub bucket: Option<&'a str>,
    /// Whether this is a global 429: `X-RateLimit-Global: true`, the body's `"global": true`,
    /// or `X-RateLimit-Scope: global` (any case; only for status 429).
    pub global: bool,
    /// `X-RateLimit-Scope` (`user`, `global` or `shared`), if it is at most [`MAX_SCOPE_LEN`]
    /// bytes of visible ASCII.
    pub scope: Option<&'a str>,
    /// For a 429: the body's `retry_after` (float seconds, or a string of them), else the
    /// `Retry-After` header (integer seconds, as Fluxer sends it); at most [`MAX_WAIT`].
    pub retry_after: Option<Duration>,
}

impl<'a> RateLimitInfo<'a> {
    /// Reads the rate-limit headers of `response` and, for a 429, its JSON body. Never fails and
    /// never panics, whatever the bytes; the body is scanned once, keeping nothing but
    /// `retry_after` and `global`.
    pub fn from_response(response: &Response<'a>) -> Self {
        let headers: &'a [(&'a str, &'a str)] = response.headers;
        let header = |name: &str| -> Option<&'a str> {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.trim())
        };
        let token = |value: &'a str, max: usize| {
            !value.is_empty() && value.len() <= max && value.bytes().all(|b| b.is_ascii_graphic())
        };
        let too_many = response.status == 429;
        let scope = header("x-ratelimit-scope").filter(|s| token(s, MAX_SCOPE_LEN));
        let mut global = too_many
            && (header("x-ratelimit-global").is_some_and(|v| v.eq_ignore_ascii_case("true"))
                || scope.is_some_and(|s| s.eq_ignore_ascii_case("global")));
        let mut retry_after = None;
        if too_many {
            let body = Body429::parse(response.body);
            global |= body.global;
            retry_after = body
                .retry_after
                .or_else(|| header("retry-after").and_then(parse_seconds));
        }
        Self {
            limit: header("x-ratelimit-limit").and_then(parse_count),
            remaining: header("x-ratelimit-remaining").and_then(parse_count),
            reset: header("x-ratelimit-reset").and_then(parse_moment),
            reset_after: header("x-ratelimit-reset-after").and_then(parse_seconds),
            bucket: header("x-ratelimit-bucket").filter(|h| token(h, MAX_BUCKET_HASH_LEN)),
            global,
            scope,
            retry_after,
        }
    }

    /// How long until the bucket's window resets, as seen at `now`: `reset_after` if sent, else
    /// `reset - now` (zero if `reset` is in the past). At most [`MAX_WAIT`].
    pub fn reset_in(&self, now: Duration) -> Option<Duration> {
        self.reset_after
            .or_else(|| self.reset.map(|at| cap(at.saturating_sub(now))))
    }

    /// How long a 429 asks to wait before trying again: `retry_after`, else `reset_after`, else
    /// [`FALLBACK_WAIT`]. At most [`MAX_WAIT`]. This is the `retry_after` of the 429 error.
    pub fn retry_wait(&self) -> Duration {
        self.retry_after
            .or(self.reset_after)
            .unwrap_or(FALLBACK_WAIT)
    }

    /// Whether the response says how long to wait: a `retry_after`, a `reset_after` or a
    /// `reset`. A 429 that says none gets [`FALLBACK_WAIT`].
    pub fn names_a_wait(&self) -> bool {
        self.retry_after.is_some() || self.reset_after.is_some() || self.reset.is_some()
    }
}

/// The one cap: at most [`MAX_WAIT`].
fn cap(d: Duration) -> Duration {
    d.min(MAX_WAIT)
}

/// What a 429 body says: both fields optional, garbage tolerated, nothing else kept.
#[derive(Default)]
struct Body429 {
    retry_after: Option<Duration>,
    global: bool,
}

impl Body429 {
    /// The body's facts; nothing if it is not a JSON object.
    fn parse(body: &[u8]) -> Self {
        let mut de = serde_json::Deserializer::from_slice(body);
        match (&mut de).deserialize_map(Body429Visitor) {
            Ok(facts) if de.end().is_ok() => facts,
            _ => Self::default(),
        }
    }
}

struct Body429Visitor;

impl<'de> Visitor<'de> for Body429Visitor {
    type Value = Body429;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a 429 body")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Body429, A::Error> {
        let mut body = Body429::default();
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::RetryAfter => body.retry_after = map.next_value::<Seconds>()?.0,
                Key::Global => body.global = map.next_value::<Flag>()?.0,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(body)
    }
}

/// A key of the 429 body, read without allocating when it is not escaped.
enum Key {
    RetryAfter,
    Global,
    Other,
}

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(match v {
                    "retry_after" => Key::RetryAfter,
                    "global" => Key::Global,
                    _ => Key::Other,
                })
            }
        }
        d.deserialize_str(V)
    }
}

/// `retry_after`: a non-negative number, or a string of one; anything else is `None`.
struct Seconds(Option<Duration>);

impl<'de> serde::Deserialize<'de> for Seconds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Seconds;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("seconds")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Seconds, E> {
                Ok(Seconds(Some(cap(Duration::from_secs(v)))))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Seconds, E> {
                Ok(Seconds(
                    u64::try_from(v).ok().map(|s| cap(Duration::from_secs(s))),
                ))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Seconds, E> {
                Ok(Seconds(seconds_from_f64(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Seconds, E> {
                Ok(Seconds(parse_seconds(v.trim())))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Seconds, E> {
                Ok(Seconds(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Seconds, E> {
                Ok(Seconds(None))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Seconds, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Seconds(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Seconds, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Seconds(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// `global`: only JSON `true` counts.
struct Flag(bool);

impl<'de> serde::Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a flag")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Flag, E> {
                Ok(Flag(false))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Flag, E> {
                Ok(Flag(false))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Flag, E> {
                Ok(Flag(false))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Flag, E> {
                Ok(Flag(false))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Flag, E> {
                Ok(Flag(false))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Flag, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Flag(false))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Flag, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Flag(false))
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads a non-negative count; decimals are truncated, huge values saturate at `u32::MAX`.
fn parse_count(text: &str) -> Option<u32> {
    // The common case, plain digits, without going through `f64`.
    if let Ok(count) = text.parse::<u32>()
        && text.bytes().all(|b| b.is_ascii_digit())
    {
        return Some(count);
    }
    let value: f64 = text.parse().ok()?;
    // Rejects NaN too; `as` saturates at u32::MAX (and +inf).
    if value.is_nan() || value < 0.0 {
        return None;
    }
    Some(value as u32)
}

/// Reads non-negative seconds to wait (capped at [`MAX_WAIT`]).
pub(super) fn parse_seconds(text: &str) -> Option<Duration> {
    parse_moment(text).map(cap)
}

/// Reads non-negative seconds with optional decimals, not capped (a moment since the epoch);
/// huge or infinite values saturate.
///
/// Plain decimals (`1470173023.123`) are read exactly, to the nanosecond; other number forms
/// (`1e3`, `inf`) go through `f64`.
pub(super) fn parse_moment(text: &str) -> Option<Duration> {
    parse_plain_decimal(text).or_else(|| {
        let value: f64 = text.parse().ok()?;
        if value.is_nan() || value < 0.0 {
            return None;
        }
        Some(Duration::try_from_secs_f64(value).unwrap_or(Duration::MAX))
    })
}

/// `digits[.digits]` (at least one digit) as a duration; digits past nanoseconds are dropped.
fn parse_plain_decimal(text: &str) -> Option<Duration> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut secs: u64 = 0;
    for b in int.bytes() {
        secs = match secs
            .checked_mul(10)
            .and_then(|s| s.checked_add(u64::from(b - b'0')))
        {
            Some(s) => s,
            None => return Some(Duration::MAX),
        };
    }
    let mut nanos: u32 = 0;
    let mut scale: u32 = 100_000_000;
    for b in frac.bytes().take(9) {
        nanos += u32::from(b - b'0') * scale;
        scale /= 10;
    }
    Some(Duration::new(secs, nanos))
}

/// Non-negative float seconds as a wait, at most [`MAX_WAIT`]; `NaN` and negatives are `None`.
fn seconds_from_f64(value: f64) -> Option<Duration> {
    if value.is_nan() || value < 0.0 {
        return None;
    }
    Some(cap(
        Duration::try_from_secs_f64(value).unwrap_or(Duration::MAX)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;
    use proptest::prelude::*;

    fn read<'a>(
        status: u16,
        headers: &'a [(&'a str, &'a str)],
        body: &'a [u8],
    ) -> RateLimitInfo<'a> {
        RateLimitInfo::from_response(&Response::new(status, headers, body))
    }

    #[test]
    fn every_duration_is_capped_at_max_wait() {
        for (headers, body) in [
            (&[("retry-after", "1e400")][..], &b"{}"[..]),
            (&[("retry-after", "99999999999")][..], &b""[..]),
            (&[][..], &br#"{"retry_after":1e300}"#[..]),
            (&[][..], &br#"{"retry_after":"1e400"}"#[..]),
            (&[][..], &br#"{"retry_after":18446744073709551615}"#[..]),
            (&[][..], &br#"{"retry_after":"inf"}"#[..]),
        ] {
            let info = read(429, headers, body);
            assert_eq!(info.retry_after, Some(MAX_WAIT), "{headers:?} {body:?}");
            assert_eq!(info.retry_wait(), MAX_WAIT);
        }
        let info = read(200, &[("x-ratelimit-reset-after", "inf")], b"");
        assert_eq!(info.reset_after, Some(MAX_WAIT));
        let info = read(200, &[("x-ratelimit-reset", "1e30")], b"");
        assert_eq!(info.reset_in(Duration::from_secs(1)), Some(MAX_WAIT));
    }

    #[test]
    fn scope_is_trimmed_and_compared_in_any_case() {
        for value in ["global", " Global ", "GLOBAL"] {
            assert!(
                read(429, &[("X-RateLimit-Scope", value)], b"{}").global,
                "{value}"
            );
        }
        assert!(!read(429, &[("X-RateLimit-Scope", "shared")], b"{}").global);
        // Only a 429 is global.
        assert!(!read(200, &[("X-RateLimit-Scope", "global")], b"").global);
        // Text that is not a short token is not a scope.
        let long = "g".repeat(MAX_SCOPE_LEN + 1);
        assert_eq!(read(429, &[("x-ratelimit-scope", &long)], b"").scope, None);
        assert_eq!(
            read(429, &[("x-ratelimit-scope", "a\u{1b}b")], b"").scope,
            None
        );
    }

    #[test]
    fn the_fallback_wait_is_one_constant() {
        assert_eq!(read(429, &[], b"").retry_wait(), FALLBACK_WAIT);
        assert_eq!(read(429, &[], b"<html>").retry_wait(), FALLBACK_WAIT);
        assert!(!read(429, &[], b"{}").names_a_wait());
        let info = read(429, &[("x-ratelimit-reset-after", "2.5")], b"{}");
        assert_eq!(info.retry_wait(), Duration::from_millis(2500));
        assert!(info.names_a_wait());
        assert!(read(429, &[("x-ratelimit-reset", "5")], b"").names_a_wait());
    }

    #[test]
    fn body_values() {
        let info = read(
            429,
            &[("retry-after", "9")],
            br#"{"retry_after":"0.5","global":true}"#,
        );
        assert_eq!(
            (info.retry_after, info.global),
            (Some(Duration::from_millis(500)), true)
        );
        // A wrong type is ignored, the header is used.
        let info = read(
            429,
            &[("retry-after", "9")],
            br#"{"retry_after":[1],"global":"yes"}"#,
        );
        assert_eq!(
            (info.retry_after, info.global),
            (Some(Duration::from_secs(9)), false)
        );
        let info = read(429, &[], br#"{"retry_after":-3,"global":1}"#);
        assert_eq!((info.retry_after, info.global), (None, false));
        let info = read(429, &[], br#"{"retry_after":2}"#);
        assert_eq!(info.retry_after, Some(Duration::from_secs(2)));
        // Trailing garbage: not a JSON object.
        assert_eq!(read(429, &[], br#"{"retry_after":2} x"#).retry_after, None);
        // An escaped key is still read.
        let info = read(429, &[], br#"{"retry\u005fafter":4}"#);
        assert_eq!(info.retry_after, Some(Duration::from_secs(4)));
    }

    /// `parse_count` as it read every count before its fast path for plain digits.
    fn count_through_f64(text: &str) -> Option<u32> {
        let value: f64 = text.parse().ok()?;
        if value.is_nan() || value < 0.0 {
            return None;
        }
        Some(value as u32)
    }

    #[test]
    fn counts_read_as_through_f64() {
        for text in [
            "0",
            "5",
            "+5",
            "007",
            "4294967295",
            "4294967296",
            "99999999999999999999",
            "1.9",
            "-1",
            "",
            " 5",
            "1e3",
            "inf",
            "NaN",
        ] {
            assert_eq!(parse_count(text), count_through_f64(text), "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The fast path for plain digits reads what `f64` reads.
        #[test]
        fn the_count_fast_path_agrees(text in "[+-]?[0-9]{0,22}(\\.[0-9]{0,3})?") {
            prop_assert_eq!(parse_count(&text), count_through_f64(&text));
        }

        /// Whatever the headers and body, every duration read is at most MAX_WAIT, the retry
        /// wait is capped (and not zero unless the response named a wait), and tokens are
        /// bounded.
        #[test]
        fn reads_are_bounded(
            status in prop_oneof![Just(429u16), 100u16..600],
            values in prop::collection::vec((0usize..8, ".{0,24}"), 0..8),
            body in prop_oneof![
                prop::collection::vec(any::<u8>(), 0..64),
                (any::<f64>(), any::<bool>()).prop_map(|(f, g)| {
                    alloc::format!(r#"{{"retry_after":{f},"global":{g}}}"#).into_bytes()
                }),
            ],
        ) {
            const NAMES: [&str; 8] = [
                "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset",
                "x-ratelimit-reset-after", "x-ratelimit-bucket", "x-ratelimit-global",
                "x-ratelimit-scope", "retry-after",
            ];
            let pairs: Vec<(&str, &str)> =
                values.iter().map(|(n, v)| (NAMES[*n], v.as_str())).collect();
            let info = read(status, &pairs, &body);
            prop_assert!(info.retry_wait() <= MAX_WAIT);
            prop_assert!(!info.retry_wait().is_zero() || info.names_a_wait());
            prop_assert!(info.retry_after.is_none_or(|d| d <= MAX_WAIT));
            prop_assert!(info.reset_after.is_none_or(|d| d <= MAX_WAIT));
            prop_assert!(info.reset_in(Duration::ZERO).is_none_or(|d| d <= MAX_WAIT));
            if status != 429 {
                prop_assert!(!info.global);
                prop_assert_eq!(info.retry_after, None);
            }
            if let Some(s) = info.scope {
                prop_assert!(!s.is_empty() && s.len() <= MAX_SCOPE_LEN);
            }
            if let Some(b) = info.bucket {
                prop_assert!(!b.is_empty() && b.len() <= MAX_BUCKET_HASH_LEN);
            }
        }
    }
}
