//! Percent-encoding (RFC 3986) without allocation, for path segments, query values and the
//! `X-Audit-Log-Reason` header; and a decoder for the query of invite links.
//!
//! Only the unreserved characters `A-Z a-z 0-9 - . _ ~` are written as they are; every other byte
//! of the UTF-8 text becomes `%XX` with uppercase hex digits. That is stricter than a path or a
//! query needs, so the same encoding is safe in both places (and in a header value).

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::fmt;

/// Whether `b` is an RFC 3986 unreserved byte, kept as it is by [`PercentEncoded`].
pub const fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Text that percent-encodes itself when displayed. Build it with [`percent_encode`].
///
/// Only the RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~` are written as they are; every
/// other byte of the UTF-8 text becomes `%XX` with uppercase hex digits. That is stricter than a
/// path segment or a query value needs, so the same encoding serves both, and header values
/// (`X-Audit-Log-Reason`) too.
///
/// ```
/// use invite_model::percent_encode;
/// assert_eq!(percent_encode("bad guy/2 ✓").to_string(), "bad%20guy%2F2%20%E2%9C%93");
/// assert_eq!(percent_encode("a-b.c_d~e").to_string(), "a-b.c_d~e");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PercentEncoded<'a>(&'a str);

/// Wraps `text` so that displaying it writes its percent-encoded form, without allocating.
pub const fn percent_encode(text: &str) -> PercentEncoded<'_> {
    PercentEncoded(text)
}

impl<'a> PercentEncoded<'a> {
    /// The text before encoding.
    pub const fn raw(self) -> &'a str {
        self.0
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

impl fmt::Display for PercentEncoded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write as _;
        let bytes = self.0.as_bytes();
        // `start..i` is always a run of unreserved (ASCII) bytes, so it is a valid `str` slice.
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if !is_unreserved(b) {
                f.write_str(self.0.get(start..i).unwrap_or_default())?;
                f.write_char('%')?;
                f.write_char(char::from(HEX[usize::from(b >> 4)]))?;
                f.write_char(char::from(HEX[usize::from(b & 0x0f)]))?;
                start = i + 1;
            }
        }
        f.write_str(self.0.get(start..).unwrap_or_default())
    }
}

/// Why [`percent_decode`] refused its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PercentDecodeError {
    /// A `%` not followed by two hex digits.
    BadEscape {
        /// Byte offset of the `%`.
        offset: usize,
    },
    /// The decoded bytes are not UTF-8.
    NotUtf8 {
        /// Byte offset, in the decoded bytes, of the first invalid sequence.
        offset: usize,
    },
}

impl fmt::Display for PercentDecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadEscape { offset } => {
                write!(f, "'%' at byte {offset} is not followed by two hex digits")
            }
            Self::NotUtf8 { offset } => write!(
                f,
                "percent-decoded text is not utf-8 (invalid sequence at decoded byte {offset})"
            ),
        }
    }
}

impl core::error::Error for PercentDecodeError {}

const fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` escapes (and nothing else: `+` stays `+`). Borrows the input when it has no `%`.
///
/// ```
/// use invite_model::percent_decode;
/// assert_eq!(percent_decode("caf%C3%A9%20au%20lait").unwrap(), "café au lait");
/// assert_eq!(
///     percent_decode("100%").unwrap_err().to_string(),
///     "'%' at byte 3 is not followed by two hex digits"
/// );
/// ```
pub fn percent_decode(text: &str) -> Result<Cow<'_, str>, PercentDecodeError> {
    if !text.contains('%') {
        return Ok(Cow::Borrowed(text));
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = bytes.get(i + 1).copied().and_then(hex_value);
            let lo = bytes.get(i + 2).copied().and_then(hex_value);
            let (Some(hi), Some(lo)) = (hi, lo) else {
                return Err(PercentDecodeError::BadEscape { offset: i });
            };
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    alloc::string::String::from_utf8(out)
        .map(Cow::Owned)
        .map_err(|e| PercentDecodeError::NotUtf8 {
            offset: e.utf8_error().valid_up_to(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use proptest::prelude::*;

    #[test]
    fn encodes_reserved_and_non_ascii() {
        assert_eq!(percent_encode("").to_string(), "");
        assert_eq!(
            percent_encode("a b/c?d#e%f&g=h+i").to_string(),
            "a%20b%2Fc%3Fd%23e%25f%26g%3Dh%2Bi"
        );
        assert_eq!(percent_encode("é").to_string(), "%C3%A9");
        assert_eq!(percent_encode("👽x").to_string(), "%F0%9F%91%BDx");
        assert_eq!(percent_encode("\r\n").to_string(), "%0D%0A");
        assert_eq!(percent_encode("~AZaz09-._").to_string(), "~AZaz09-._");
        assert_eq!(percent_encode("x y").raw(), "x y");
    }

    #[test]
    fn decodes_and_reports_offsets() {
        assert!(matches!(
            percent_decode("plain"),
            Ok(Cow::Borrowed("plain"))
        ));
        assert_eq!(percent_decode("%41%62").unwrap(), "Ab");
        assert_eq!(percent_decode("a+b").unwrap(), "a+b");
        assert_eq!(
            percent_decode("ab%4").unwrap_err(),
            PercentDecodeError::BadEscape { offset: 2 }
        );
        assert_eq!(
            percent_decode("%zz").unwrap_err().to_string(),
            "'%' at byte 0 is not followed by two hex digits"
        );
        assert_eq!(
            percent_decode("ok%FF").unwrap_err().to_string(),
            "percent-decoded text is not utf-8 (invalid sequence at decoded byte 2)"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn encode_then_decode_round_trips(s in any::<alloc::string::String>()) {
            let enc = percent_encode(&s).to_string();
            prop_assert!(enc.bytes().all(|b| is_unreserved(b) || b == b'%'));
            prop_assert_eq!(percent_decode(&enc).unwrap(), s.as_str());
        }

        #[test]
        fn decode_never_panics(s in any::<alloc::string::String>()) {
            let _ = percent_decode(&s);
        }
    }
}
