//! [`from_json_slice_mut`]: simd-json's serde deserializer, with serde_json's results.

use serde::Deserialize;
use simd_json::Buffers;

/// Deserializes `T` from a mutable JSON buffer with simd-json (SIMD structural scanning; strings
/// unescaped in place and borrowed from `bytes`), giving what [`from_json_slice`] gives on the
/// same bytes: on every input either parser accepts, the same value.
///
/// The two parsers disagree only on inputs no API sends, where simd-json refuses what serde_json
/// reads: a float that overflows or an integer of more than 300 digits (serde_json skips it in an
/// ignored field), an escaped lone surrogate or a byte that is not UTF-8 in an ignored string,
/// nesting deeper than simd-json's limit of 1,024 levels (serde_json skips an ignored value
/// however deep); and `-0`, which simd-json reads as the integer 0 where serde_json reads a float.
/// A first pass over the bytes (one vectorized scan) finds any sign of those, and such an input is
/// read by [`from_json_slice`] instead, untouched. Errors of the simd path are simd-json's, with
/// its wording.
///
/// simd-json's working buffers (a few times the body: at most about six) are kept per thread and
/// reused for bodies up to [`SIMD_BUFFERS_KEPT_MAX`] bytes.
///
/// [`SIMD_BUFFERS_KEPT_MAX`]: crate::SIMD_BUFFERS_KEPT_MAX
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
    if bytes.len() > KEPT_MAX {
        return parse(bytes, &mut new_buffers());
    }
    BUFFERS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffers) => parse(bytes, &mut buffers),
        Err(_) => parse(bytes, &mut new_buffers()),
    })
}

fn parse<'a, T: Deserialize<'a>>(
    bytes: &'a mut [u8],
    buffers: &mut Buffers,
) -> serde_json::Result<T> {
    simd_json::serde::from_slice_with_buffers(bytes, buffers).map_err(serde::de::Error::custom)
}

/// simd-json's working buffers for bodies of at most this many bytes are kept per thread and
/// reused by [`from_json_slice_mut`] (so a thread keeps at most about six times this much); larger
/// bodies get their own, freed after the call.
pub const SIMD_BUFFERS_KEPT_MAX: usize = KEPT_MAX;

const KEPT_MAX: usize = 1 << 20;

std::thread_local! {
    static BUFFERS: core::cell::RefCell<Buffers> = core::cell::RefCell::new(new_buffers());
}

/// Buffers with simd-json's nesting limit ([`simd_json::DEFAULT_MAX_DEPTH`], 1,024 levels): past
/// it, simd-json refuses what serde_json skips, but without it, simd-json's serde deserializer
/// skips an ignored value by recursion and overflows the stack on deep nesting (100,000 levels
/// did). Inputs nested that deep go to serde_json (see [`simd_reads_as_serde_json`]).
fn new_buffers() -> Buffers {
    Buffers::new(0)
}

/// The deepest nesting the simd path takes, under simd-json's limit with a margin.
const DEPTH_MAX: usize = simd_json::DEFAULT_MAX_DEPTH - 24;

/// How many digits in a row make a number that may overflow an `f64` (309 do).
const DIGITS_MAX: usize = 300;

/// Whether simd-json and serde_json accept `b` alike (false when in doubt: false positives only
/// cost speed). One pass over 64-byte chunks finds the byte pairs that may start a difference
/// (`-0`, `\\u`, a digit or `.` before `e`/`E`) and counts the brackets, in a form the compiler
/// vectorizes; only the chunks with such a pair are looked at byte by byte.
#[allow(
    clippy::needless_bitwise_bool,
    reason = "`|` keeps the bracket count branch-free, so that the pass vectorizes"
)]
pub(crate) fn simd_reads_as_serde_json(b: &[u8]) -> bool {
    if !b.is_ascii() && core::str::from_utf8(b).is_err() {
        return false;
    }
    let mut openers = 0usize;
    let mut start = 0;
    // Full chunks: a bit mask of the suspect positions, computed branch-free (vectorized), then
    // each set bit looked at.
    while start + 66 <= b.len() {
        let x: &[u8; 64] = b[start..start + 64].try_into().unwrap_or(&[0; 64]);
        let y: &[u8; 64] = b[start + 1..start + 65].try_into().unwrap_or(&[0; 64]);
        let z: &[u8; 64] = b[start + 2..start + 66].try_into().unwrap_or(&[0; 64]);
        // Byte-wide results and counts, so that the loop runs 16 or 32 lanes at a time;
        // then the suspect bytes are found eight at a time.
        let mut hits = [0u8; 64];
        let mut open = 0u8;
        for i in 0..64 {
            hits[i] = u8::from(may_differ(x[i], y[i], z[i]));
            open += u8::from((x[i] == b'[') | (x[i] == b'{'));
        }
        openers += usize::from(open);
        for (k, eight) in hits.chunks_exact(8).enumerate() {
            let mut word = u64::from_le_bytes(eight.try_into().unwrap_or([0; 8]));
            while word != 0 {
                let i = start + k * 8 + (word.trailing_zeros() / 8) as usize;
                if differs_at(b, i) {
                    return false;
                }
                word &= !(0xff << (word.trailing_zeros() / 8 * 8));
            }
        }
        start += 64;
    }
    for i in start..b.len() {
        let at = |k: usize| b.get(i + k).copied().unwrap_or(b' ');
        if may_differ(b[i], at(1), at(2)) && differs_at(b, i) {
            return false;
        }
        openers += usize::from(b[i] == b'[' || b[i] == b'{');
    }
    // A run of more than DIGITS_MAX digits holds a byte at a multiple of 256.
    let long_run = |at: usize| {
        if !b[at].is_ascii_digit() {
            return false;
        }
        let start = b[..at]
            .iter()
            .rposition(|c| !c.is_ascii_digit())
            .map_or(0, |p| p + 1);
        let end = b[at..]
            .iter()
            .position(|c| !c.is_ascii_digit())
            .map_or(b.len(), |p| at + p);
        end - start > DIGITS_MAX && starts_a_number(b, start)
    };
    if (0..b.len()).step_by(256).any(long_run) {
        return false;
    }
    // Nesting can be deep only with many brackets; then measure it.
    !(openers >= DEPTH_MAX && depth(b) >= DEPTH_MAX)
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

/// Whether the bytes `x y z` may start a difference: `-0` then not a digit; a backslash; a digit
/// or `.`, then `e`
/// or `E`, then a digit or a sign (`z | 6 == b'/'` holds for `+`, `-`, `/` and `)`). Branch-free and
/// short, for the vectorized pass.
#[allow(
    clippy::needless_bitwise_bool,
    reason = "`&` and `|` keep it branch-free, so that the pass over the chunk vectorizes"
)]
fn may_differ(x: u8, y: u8, z: u8) -> bool {
    let digit = |c: u8| c.wrapping_sub(b'0') < 10;
    let negative_zero = (x == b'-') & (y == b'0') & !digit(z);
    let exponent = (y | 0x20 == b'e') & (digit(x) | (x == b'.')) & (digit(z) | (z | 6 == b'/'));
    negative_zero | (x == b'\\') | exponent
}

/// Whether the bytes at `i` (see [`may_differ`]) really are a difference: `-0` not followed by a
/// digit; an
/// escaped surrogate not in a high-low pair; an exponent in a number (not inside a string).
fn differs_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'-' => !b.get(i + 2).is_some_and(u8::is_ascii_digit),
        b'\\' => {
            let high = |at: usize| surrogate(b, at, b'8'..=b'b');
            let low = |at: usize| surrogate(b, at, b'c'..=b'f');
            if high(i) {
                !low(i + 6)
            } else if low(i) {
                !(i >= 6 && high(i - 6))
            } else {
                false
            }
        }
        _ => {
            let after = match b.get(i + 2) {
                Some(b'+' | b'-') => b.get(i + 3),
                other => other,
            };
            after.is_some_and(u8::is_ascii_digit) && starts_a_number(b, i + 1)
        }
    }
}

/// Whether `b[at..]` starts with `\\uD` and a fourth character in `range` (lowercased).
fn surrogate(b: &[u8], at: usize, range: core::ops::RangeInclusive<u8>) -> bool {
    b.get(at) == Some(&b'\\')
        && b.get(at + 1) == Some(&b'u')
        && matches!(b.get(at + 2), Some(b'd' | b'D'))
        && b.get(at + 3)
            .is_some_and(|c| range.contains(&c.to_ascii_lowercase()))
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
            long.as_bytes(),
        ];
        for json in cases {
            assert!(
                !simd_reads_as_serde_json(json),
                "{}",
                String::from_utf8_lossy(json)
            );
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
            assert!(
                simd_reads_as_serde_json(json),
                "{}",
                String::from_utf8_lossy(json)
            );
            let (reference, simd) = both(json);
            assert!(reference.is_ok());
            assert_eq!(reference, simd);
        }
        // Both reject; the simd path says why in simd-json's words.
        let (reference, simd) = both(br#"{"code":1}"#);
        assert!(reference.is_err() && simd.is_err());
    }

    #[test]
    fn deep_nesting_goes_to_serde_json() {
        for (n, simd_path) in [
            (900, true),
            (DEPTH_MAX, false),
            (1025, false),
            (100_000, false),
        ] {
            let json = format!(r#"{{"code":"a","x":{}{}}}"#, "[".repeat(n), "]".repeat(n));
            assert_eq!(simd_reads_as_serde_json(json.as_bytes()), simd_path, "{n}");
            let (reference, simd) = both(json.as_bytes());
            assert!(reference.is_ok());
            assert_eq!(reference, simd);
        }
        assert_eq!(depth(br#"[{"a":"[[[[","b":[1,{"c":"\"]"}]}]"#), 4);
        assert_eq!(depth(b"]]]["), 1);
    }
}
