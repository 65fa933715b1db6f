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
    let mut n: u64 = 0;
    if s.len() <= 19 {
        // At most 19 digits: at most 9_999_999_999_999_999_999 < u64::MAX, so no overflow
        // checks are needed (every id today has 17 to 19 digits).
        for &b in s {
            let d = b.wrapping_sub(b'0');
            if d > 9 {
                return None;
            }
            n = n * 10 + u64::from(d);
        }
        return Some(n);
    }
    for &b in s {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u64::from(d))?;
    }
    Some(n)
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
