//! Number parsing for permission items: ASCII decimal and hexadecimal digits into a `u64`.
//!
//! A leaf module: it knows nothing of permissions, so the parser, serde and anything else can
//! use it without importing each other.

/// Why a number did not parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberError {
    /// Empty, or a byte that is not a digit.
    Invalid,
    /// More than 64 bits.
    Overflow,
}

/// Parses ASCII decimal digits into a `u64`.
pub(crate) fn parse_decimal(digits: &[u8]) -> Result<u64, NumberError> {
    parse_radix(digits, 10)
}

/// Parses ASCII hexadecimal digits (either case) into a `u64`.
pub(crate) fn parse_hex(digits: &[u8]) -> Result<u64, NumberError> {
    parse_radix(digits, 16)
}

fn parse_radix(digits: &[u8], radix: u32) -> Result<u64, NumberError> {
    if digits.is_empty() {
        return Err(NumberError::Invalid);
    }
    // A bad digit anywhere is `Invalid`, even when the number would also overflow.
    if !digits.iter().all(|&d| char::from(d).is_digit(radix)) {
        return Err(NumberError::Invalid);
    }
    let mut value: u64 = 0;
    for &d in digits {
        let digit = u64::from(char::from(d).to_digit(radix).unwrap_or(0));
        value = value
            .checked_mul(u64::from(radix))
            .and_then(|v| v.checked_add(digit))
            .ok_or(NumberError::Overflow)?;
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal() {
        assert_eq!(parse_decimal(b"0"), Ok(0));
        assert_eq!(parse_decimal(b"00008"), Ok(8));
        assert_eq!(parse_decimal(b"18446744073709551615"), Ok(u64::MAX));
        assert_eq!(
            parse_decimal(b"18446744073709551616"),
            Err(NumberError::Overflow)
        );
        assert_eq!(parse_decimal(b""), Err(NumberError::Invalid));
        assert_eq!(parse_decimal(b"-1"), Err(NumberError::Invalid));
        assert_eq!(parse_decimal(b" 8"), Err(NumberError::Invalid));
        assert_eq!(
            parse_decimal(b"99999999999999999999x"),
            Err(NumberError::Invalid)
        );
    }

    #[test]
    fn hexadecimal() {
        assert_eq!(parse_hex(b"808"), Ok(2056));
        assert_eq!(parse_hex(b"fF"), Ok(255));
        assert_eq!(parse_hex(b"FFFFFFFFFFFFFFFF"), Ok(u64::MAX));
        assert_eq!(parse_hex(b"0000000000000000000001"), Ok(1));
        assert_eq!(parse_hex(b"10000000000000000"), Err(NumberError::Overflow));
        assert_eq!(parse_hex(b""), Err(NumberError::Invalid));
        assert_eq!(parse_hex(b"fg"), Err(NumberError::Invalid));
    }
}
