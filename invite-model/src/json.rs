//! [`from_json_slice`]: `serde_json::from_slice` that checks UTF-8 once for the whole input; with
//! the `simd` feature, `from_json_slice_mut` on simd-json.

#[cfg(feature = "simd")]
mod simd;

use serde::Deserialize;
use serde::de::DeserializeSeed;

#[cfg(feature = "simd")]
pub use simd::{SIMD_BUFFERS_KEPT_MAX, from_json_slice_mut};

/// Deserializes `T` from JSON bytes, borrowing strings from them where `T` allows: the same
/// result as `serde_json::from_slice`, the same errors at the same positions, only faster.
///
/// `serde_json::from_slice` checks that each string is UTF-8 when it reads it (every key and
/// every value: about 60 short checks for one invite). This function checks the whole input
/// once, which is much cheaper, and then parses it as `&str`, which skips the per-string checks.
/// Input that is not UTF-8 as a whole is handed to `serde_json::from_slice`, so it fails (or,
/// where invalid bytes sit in an ignored string, succeeds) exactly as there. Every endpoint's
/// `parse` uses it.
///
/// ```
/// use invite_model::{Invite, from_json_slice};
/// let body = br#"{"code":"jvuBeT38","guild":{"id":"1","name":"Alien Network"}}"#;
/// let invite: Invite<'_> = from_json_slice(body)?;
/// assert_eq!(invite, serde_json::from_slice::<Invite<'_>>(body)?);
/// assert!(invite.code.is_borrowed());
/// let err = from_json_slice::<Invite<'_>>(b"{\"code\":\"a\xff\"}").unwrap_err();
/// assert_eq!(err.to_string(), "invalid unicode code point at line 1 column 11");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn from_json_slice<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> serde_json::Result<T> {
    match core::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(bytes),
    }
}

/// [`from_json_slice`] with a seed: the same checks (one UTF-8 check, then the whole input must
/// be one JSON value with only whitespace after it), for readers that carry state.
pub(crate) fn from_json_slice_seed<'a, S: DeserializeSeed<'a>>(
    bytes: &'a [u8],
    seed: S,
) -> serde_json::Result<S::Value> {
    fn run<'a, R: serde_json::de::Read<'a>, S: DeserializeSeed<'a>>(
        mut de: serde_json::Deserializer<R>,
        seed: S,
    ) -> serde_json::Result<S::Value> {
        let value = seed.deserialize(&mut de)?;
        de.end()?;
        Ok(value)
    }
    match core::str::from_utf8(bytes) {
        Ok(text) => run(serde_json::Deserializer::from_str(text), seed),
        Err(_) => run(serde_json::Deserializer::from_slice(bytes), seed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invite::Invite;
    use alloc::string::ToString;

    #[test]
    fn same_values_and_errors_as_serde_json() {
        let cases: [&[u8]; 6] = [
            br#"{"code":"abc","guild":{"id":"1","name":"G\u00e9"}}"#,
            b"{\"code\":\"abc\",\"unknown\":\"\xff\"}",
            br#"{"code":1}"#,
            b"{\"code\":\"a\xc3\"}",
            br#"{"code":"a"} x"#,
            b"",
        ];
        for bytes in cases {
            let ours = from_json_slice::<Invite<'_>>(bytes);
            let theirs = serde_json::from_slice::<Invite<'_>>(bytes);
            match (ours, theirs) {
                (Ok(a), Ok(b)) => assert_eq!(a, b),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                (a, b) => panic!("{a:?} vs {b:?}"),
            }
        }
        // Invalid UTF-8 in an ignored string is tolerated, as by serde_json.
        let i: Invite<'_> = from_json_slice(b"{\"code\":\"abc\",\"unknown\":\"\xff\"}").unwrap();
        assert_eq!(i.code, "abc");
        assert_eq!(
            from_json_slice::<Invite<'_>>(br#"{"code":1}"#)
                .unwrap_err()
                .to_string(),
            "invalid type: integer `1`, expected a string at line 1 column 9"
        );
    }
}
