//! [`from_json_slice_mut`]: simd-json's serde deserializer, with serde_json's results.

use serde::Deserialize;

/// Deserializes `T` from a mutable JSON buffer with simd-json (SIMD structural scanning; strings
/// unescaped in place and borrowed from `bytes`), giving what [`from_json_slice`] gives on the
/// same bytes: on every input either parser accepts, the same value.
///
/// The two parsers disagree only on inputs no API sends, where simd-json refuses what serde_json
/// reads: a float that overflows or an integer of more than 300 digits (serde_json skips it in an
/// ignored field), an escaped lone surrogate or a byte that is not UTF-8 in an ignored string,
/// nesting deeper than simd-json's 1,024 levels in an ignored value; and `-0`, which simd-json
/// reads as the integer 0 where serde_json reads a float. A first pass over the bytes (a few
/// `memchr` scans) finds any sign of those, and such an input is read by [`from_json_slice`]
/// instead, untouched. Errors of the simd path are simd-json's, with its wording.
///
/// The buffer's contents are unspecified afterwards (strings with escapes are rewritten in place).
/// Requires the `simd` feature (and so `std`).
///
/// ```
/// use invite_model::{Invite, from_json_slice, from_json_slice_mut};
/// let body = br#"{"code":"jvuBeT38","guild":{"id":"1","name":"Caf\u00e9"}}"#;
/// let expected: Invite<'_> = from_json_slice(body)?;
/// let mut buffer = body.to_vec();
/// let invite: Invite<'_> = from_json_slice_mut(&mut buffer)?;
/// assert_eq!(invite, expected);
/// assert!(invite.code.is_borrowed());
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// [`from_json_slice`]: crate::from_json_slice
pub fn from_json_slice_mut<'a, T: Deserialize<'a>>(bytes: &'a mut [u8]) -> serde_json::Result<T> {
    if !simd_reads_as_serde_json(bytes) {
        return super::from_json_slice(bytes);
    }
    simd_json::serde::from_slice(bytes).map_err(serde::de::Error::custom)
}

/// How deep simd-json nests (its limit is [`simd_json::DEFAULT_MAX_DEPTH`]), with a margin.
const DEPTH_MAX: usize = simd_json::DEFAULT_MAX_DEPTH - 24;

/// How many digits in a row make a number that may overflow an `f64` (309 do).
const DIGITS_MAX: usize = 300;

/// Whether simd-json and serde_json accept `b` alike (false when in doubt: false positives only
/// cost speed).
pub(crate) fn simd_reads_as_serde_json(b: &[u8]) -> bool {
    if !b.is_ascii() && core::str::from_utf8(b).is_err() {
        return false;
    }
    // `\uD800` to `\uDFFF` not in a high-low pair: a lone surrogate fails in simd-json wherever
    // it is. (A `\\` before `u` is seen as an escape too: a false positive.)
    let surrogate = |i: usize, range: core::ops::RangeInclusive<u8>| {
        b.get(i + 1) == Some(&b'u')
            && matches!(b.get(i + 2), Some(b'd' | b'D'))
            && b.get(i + 3).is_some_and(|c| range.contains(&c.to_ascii_lowercase()))
    };
    let mut pair_at = None;
    for i in memchr::memchr_iter(b'\\', b) {
        if pair_at == Some(i) {
            continue;
        }
        if surrogate(i, b'8'..=b'b') && surrogate(i + 6, b'c'..=b'f') {
            pair_at = Some(i + 6);
        } else if surrogate(i, b'8'..=b'9') || surrogate(i, b'a'..=b'f') {
            return false;
        }
    }
    // `-0` not followed by a digit (`-0`, `-0.5`, `-0e1`, or text such as "x-0").
    let negative_zero =
        |i: usize| b.get(i + 1) == Some(&b'0') && !b.get(i + 2).is_some_and(u8::is_ascii_digit);
    if memchr::memchr_iter(b'-', b).any(negative_zero) {
        return false;
    }
    // An exponent after a digit or a point, in a number (not inside a string).
    let exponent = |i: usize| {
        let before = i.checked_sub(1).map(|j| b[j]);
        let after = match b.get(i + 1) {
            Some(b'+' | b'-') => b.get(i + 2),
            other => other,
        };
        matches!(before, Some(b'0'..=b'9' | b'.'))
            && after.is_some_and(u8::is_ascii_digit)
            && starts_a_number(b, i)
    };
    if memchr::memchr2_iter(b'e', b'E', b).any(exponent) {
        return false;
    }
    // A run of more than DIGITS_MAX digits holds a byte at a multiple of 256.
    let long_run = |at: usize| {
        if !b[at].is_ascii_digit() {
            return false;
        }
        let start = b[..at].iter().rposition(|c| !c.is_ascii_digit()).map_or(0, |p| p + 1);
        let end = b[at..].iter().position(|c| !c.is_ascii_digit()).map_or(b.len(), |p| at + p);
        end - start > DIGITS_MAX && starts_a_number(b, start)
    };
    if (0..b.len()).step_by(256).any(long_run) {
        return false;
    }
    // Nesting can be deep only with many brackets; then measure it.
    if memchr::memchr2_iter(b'[', b'{', b).count() >= DEPTH_MAX && depth(b) >= DEPTH_MAX {
        return false;
    }
    true
}

/// Whether the characters before `i` that can be part of a number (`0-9 . -`) start right after
/// what may precede a JSON value (`:`, `,`, `[`, whitespace, or the start of the input).
fn starts_a_number(b: &[u8], i: usize) -> bool {
    let mut s = i;
    while s > 0 && matches!(b[s - 1], b'0'..=b'9' | b'.' | b'-') {
        s -= 1;
    }
    while s > 0 && matches!(b[s - 1], b' ' | b'\t' | b'\n' | b'\r') {
        s -= 1;
    }
    s == 0 || matches!(b[s - 1], b':' | b',' | b'[')
}

/// The deepest nesting of arrays and objects outside strings.
fn depth(b: &[u8]) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &c in b {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_string = false;
            }
            continue;
        }
        match c {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invite::Invite;
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;
    use alloc::{format, vec};

    fn both(json: &[u8]) -> (Result<String, String>, Result<String, String>) {
        let reference = crate::json::from_json_slice::<Invite<'_>>(json)
            .map(|v| serde_json::to_string(&v).unwrap())
            .map_err(|e| e.to_string());
        let mut buffer = json.to_vec();
        let simd = from_json_slice_mut::<Invite<'_>>(&mut buffer)
            .map(|v| serde_json::to_string(&v).unwrap())
            .map_err(|e| e.to_string());
        (reference, simd)
    }

    #[test]
    fn where_simd_json_differs_serde_json_reads() {
        let deep = format!(r#"{{"code":"a","x":{}{}}}"#, "[".repeat(2000), "]".repeat(2000));
        let long = format!(r#"{{"code":"a","x":{}}}"#, "1".repeat(400));
        let cases: Vec<&[u8]> = vec![
            br#"{"code":"a","x":1e309}"#,
            br#"{"code":"a","x":[-1.7976931348623159e308]}"#,
            br#"{"code":"a","x":"\ud800"}"#,
            br#"{"code":"a","x":"\udc00\ud800"}"#,
            br#"{"code":"a","x":"\ud800\u0041"}"#,
            b"{\"code\":\"a\",\"x\":\"\xff\"}",
            br#"{"code":"a","uses":-0}"#,
            br#"{"code":"a","guild":{"id":-0,"name":"x"}}"#,
            deep.as_bytes(),
            long.as_bytes(),
        ];
        for json in cases {
            assert!(!simd_reads_as_serde_json(json), "{}", String::from_utf8_lossy(json));
            let (reference, simd) = both(json);
            assert_eq!(reference, simd);
        }
    }

    #[test]
    fn ordinary_payloads_take_the_simd_path() {
        let cases: [&[u8]; 5] = [
            include_bytes!("../../tests/fixtures/discord_invite_with_metadata.json"),
            include_bytes!("../../tests/fixtures/discord_get_invite_target_application.json"),
            include_bytes!("../../tests/fixtures/escaped_strings.json"),
            br#"{"code":"a","x":[1.5,-2,0,-10,"1e400 in a string","a7e835"],"uses":3}"#,
            br#"{"code":"a","x":[18446744073709551616,-9223372036854775809],"y":"\uD83D\uDC7D"}"#,
        ];
        for json in cases {
            assert!(simd_reads_as_serde_json(json), "{}", String::from_utf8_lossy(json));
            let (reference, simd) = both(json);
            assert!(reference.is_ok());
            assert_eq!(reference, simd);
        }
        // Both reject; the simd path says why in simd-json's words.
        let (reference, simd) = both(br#"{"code":1}"#);
        assert!(reference.is_err() && simd.is_err());
    }

    #[test]
    fn depth_outside_strings() {
        assert_eq!(depth(br#"[{"a":"[[[[","b":[1,{"c":"\"]"}]}]"#), 4);
        assert_eq!(depth(b"]]]["), 1);
    }
}
