//! [`Snowflake`]: the 64-bit ids of Discord and Fluxer.

use core::fmt;
use core::num::ParseIntError;
use core::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Milliseconds between the Unix epoch and the first second of 2015, the epoch of Discord's and
/// Fluxer's snowflakes.
pub const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// A snowflake id: a `u64` whose top 42 bits are milliseconds since [`DISCORD_EPOCH_MS`].
///
/// It is written as a JSON string (as the APIs send it) and read from a string or a number.
///
/// ```
/// use invite_model::Snowflake;
/// let id: Snowflake = "1046920999469330512".parse().unwrap();
/// assert_eq!(id.get(), 1_046_920_999_469_330_512);
/// assert_eq!(id.timestamp_ms(), 1_669_675_817_125);
/// assert_eq!(serde_json::to_string(&id).unwrap(), "\"1046920999469330512\"");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Snowflake(pub u64);

impl Snowflake {
    /// Wraps a raw id.
    pub const fn new(id: u64) -> Self {
        Self(id)
    }

    /// The raw id.
    pub const fn get(self) -> u64 {
        self.0
    }

    /// Milliseconds since the Unix epoch at which this id was made.
    pub const fn timestamp_ms(self) -> u64 {
        (self.0 >> 22).saturating_add(DISCORD_EPOCH_MS)
    }

    /// The moment this id was made.
    pub fn timestamp(self) -> crate::primitive::timestamp::Timestamp {
        crate::primitive::timestamp::Timestamp::from_unix_millis(self.timestamp_ms())
    }
}

impl fmt::Debug for Snowflake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Snowflake({})", self.0)
    }
}

impl fmt::Display for Snowflake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for Snowflake {
    type Err = ParseIntError;

    /// Parses decimal digits only (no sign, no spaces).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.starts_with('+') {
            // u64::from_str accepts a leading '+'; an id never has one.
            return "+".parse::<u64>().map(Self);
        }
        s.parse::<u64>().map(Self)
    }
}

impl From<u64> for Snowflake {
    fn from(id: u64) -> Self {
        Self(id)
    }
}

impl From<Snowflake> for u64 {
    fn from(id: Snowflake) -> Self {
        id.0
    }
}

impl Serialize for Snowflake {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 20];
        serializer.serialize_str(write_decimal(self.0, &mut buf))
    }
}

/// Writes `n` in decimal into the end of `buf` and returns the digits.
pub(crate) fn write_decimal(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    core::str::from_utf8(&buf[i..]).unwrap_or("0")
}

/// Parses ASCII decimal digits into a `u64` without allocation; `None` on anything else or overflow.
pub(crate) fn parse_decimal(s: &[u8]) -> Option<u64> {
    if s.is_empty() || s.len() > 20 {
        return None;
    }
    if s.len() <= 19 {
        // At most 19 digits: at most 9_999_999_999_999_999_999 < u64::MAX, so no overflow
        // checks are needed (every id today has 17 to 19 digits). The leading `len % 8` digits
        // one by one, then eight at a time.
        let (head, tail) = s.split_at(s.len() % 8);
        let mut n: u64 = 0;
        for &b in head {
            let d = b.wrapping_sub(b'0');
            if d > 9 {
                return None;
            }
            n = n * 10 + u64::from(d);
        }
        for chunk in tail.chunks_exact(8) {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(chunk);
            n = n * 100_000_000 + u64::from(eight_digits(eight)?);
        }
        return Some(n);
    }
    let mut n: u64 = 0;
    for &b in s {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u64::from(d))?;
    }
    Some(n)
}

/// The value of eight ASCII digits (the first is the most significant), computed in one `u64`;
/// `None` if any byte is not a digit.
fn eight_digits(bytes: [u8; 8]) -> Option<u32> {
    let v = u64::from_le_bytes(bytes);
    // Each byte is a digit iff its high nibble is 3 and adding 6 keeps it 3 (low nibble <= 9);
    // a byte that carries into the next one has a high nibble of F, which fails already.
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    if (v & HIGH) | ((v.wrapping_add(0x0606_0606_0606_0606) & HIGH) >> 4) != 0x3333_3333_3333_3333 {
        return None;
    }
    let v = v - 0x3030_3030_3030_3030;
    // Pairs of digits, then all eight: the wanted sums land in the upper half (the products
    // wrap by design, and the lower lanes are discarded by the shift).
    let v = v * 10 + (v >> 8);
    let v = ((v & 0x0000_00FF_0000_00FF).wrapping_mul(100 + (1_000_000 << 32)))
        .wrapping_add(((v >> 16) & 0x0000_00FF_0000_00FF).wrapping_mul(1 + (10_000 << 32)))
        >> 32;
    Some(v as u32)
}

struct SnowflakeVisitor;

impl Visitor<'_> for SnowflakeVisitor {
    type Value = Snowflake;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a snowflake id as a decimal string or a non-negative integer")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Snowflake, E> {
        Ok(Snowflake(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Snowflake, E> {
        u64::try_from(v)
            .map(Snowflake)
            .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Snowflake, E> {
        parse_decimal(v.as_bytes())
            .map(Snowflake)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

impl<'de> Deserialize<'de> for Snowflake {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SnowflakeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn reads_strings_and_numbers() {
        let a: Snowflake = serde_json::from_str("\"852892297661906993\"").unwrap();
        let b: Snowflake = serde_json::from_str("852892297661906993").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.get(), 852_892_297_661_906_993);
    }

    #[test]
    fn rejects_bad_ids_with_message() {
        let err = serde_json::from_str::<Snowflake>("\"12a\"").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid value: string \"12a\", expected a snowflake id as a decimal string or a non-negative integer at line 1 column 5"
        );
        assert!(serde_json::from_str::<Snowflake>("-1").is_err());
        assert!(serde_json::from_str::<Snowflake>("\"18446744073709551616\"").is_err());
        assert!(serde_json::from_str::<Snowflake>("\"\"").is_err());
        assert!("+5".parse::<Snowflake>().is_err());
        assert!(" 5".parse::<Snowflake>().is_err());
    }

    #[test]
    fn eight_digit_chunks_match_the_digit_loop() {
        // Every digit in every position, and every non-digit byte in every position.
        for pos in 0..8 {
            for b in 0..=255u8 {
                let mut bytes = *b"12345678";
                bytes[pos] = b;
                let slow = bytes.iter().try_fold(0u32, |n, &c| {
                    c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
                });
                assert_eq!(eight_digits(bytes), slow, "{bytes:?}");
            }
        }
        assert_eq!(eight_digits(*b"99999999"), Some(99_999_999));
        assert_eq!(eight_digits(*b"00000000"), Some(0));
        for len in 1..=19 {
            let digits = &b"1234567890123456789"[..len];
            let expected = core::str::from_utf8(digits).unwrap().parse::<u64>().ok();
            assert_eq!(parse_decimal(digits), expected, "{len}");
        }
    }

    #[test]
    fn parses_every_length_up_to_the_limit() {
        assert_eq!(parse_decimal(b"0"), Some(0));
        assert_eq!(
            parse_decimal(b"9999999999999999999"),
            Some(9_999_999_999_999_999_999)
        );
        assert_eq!(parse_decimal(b"18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_decimal(b"18446744073709551616"), None);
        assert_eq!(parse_decimal(b"99999999999999999999"), None);
        assert_eq!(parse_decimal(b"123456789012345678901"), None);
        assert_eq!(parse_decimal(b"12a"), None);
        assert_eq!(parse_decimal(b"1234567890123456789x"), None);
        assert_eq!(parse_decimal(b""), None);
    }

    #[test]
    fn writes_strings() {
        assert_eq!(serde_json::to_string(&Snowflake(0)).unwrap(), "\"0\"");
        assert_eq!(
            serde_json::to_string(&Snowflake(u64::MAX)).unwrap(),
            "\"18446744073709551615\""
        );
    }

    #[test]
    fn timestamp_of_max_id_does_not_overflow() {
        assert_eq!(
            Snowflake(u64::MAX).timestamp_ms(),
            (u64::MAX >> 22) + DISCORD_EPOCH_MS
        );
    }
}
