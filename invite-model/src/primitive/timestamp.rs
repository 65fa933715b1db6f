//! [`Timestamp`]: an RFC 3339 moment, read and written without `std`.

use core::fmt;
use core::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Month, OffsetDateTime, Time, UtcOffset};

/// A moment as the APIs send it: RFC 3339 with any fraction of a second and any offset
/// (`2023-07-15T18:30:11.047000+00:00`, `2023-07-22T18:30:11+00:00`, `2023-11-07T05:31:56Z`).
///
/// Written back as RFC 3339 with the original offset and the shortest exact fraction.
///
/// ```
/// use invite_model::Timestamp;
/// let t: Timestamp = "2023-07-15T18:30:11.047000+00:00".parse().unwrap();
/// assert_eq!(t.unix_millis(), 1_689_445_811_047);
/// assert_eq!(t.to_string(), "2023-07-15T18:30:11.047+00:00");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub OffsetDateTime);

/// Why a string is not an RFC 3339 timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimestampError {
    /// The text does not have the `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)` shape; the byte offset
    /// where it stops matching.
    Syntax {
        /// Byte offset of the first unexpected character (or the length, if the text is short).
        at: usize,
    },
    /// The shape is right but a component is out of range (month 13, 25 o'clock, Feb 30, ...).
    OutOfRange,
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax { at } => write!(
                f,
                "not an RFC 3339 timestamp: unexpected input at byte {at}"
            ),
            Self::OutOfRange => f.write_str("RFC 3339 timestamp has a component out of range"),
        }
    }
}

impl core::error::Error for TimestampError {}

impl Timestamp {
    /// The moment `ms` milliseconds after the Unix epoch, in UTC (saturating at the largest date
    /// `time` supports).
    pub fn from_unix_millis(ms: u64) -> Self {
        let nanos = i128::from(ms) * 1_000_000;
        let dt = OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or_else(|_| {
            // Past year 9999: clamp to the largest moment `time` represents without large-dates.
            Date::MAX.with_time(Time::MAX).assume_utc()
        });
        Self(dt)
    }

    /// Milliseconds since the Unix epoch (negative before 1970).
    pub fn unix_millis(&self) -> i64 {
        (self.0.unix_timestamp_nanos() / 1_000_000) as i64
    }

    /// Whole seconds since the Unix epoch.
    pub fn unix_seconds(&self) -> i64 {
        self.0.unix_timestamp()
    }

    /// Parses RFC 3339 (`T` or `t` or a space between date and time, `Z`/`z` or `±HH:MM`).
    pub fn parse(s: &str) -> Result<Self, TimestampError> {
        // The common shape first: a plain `Option` keeps the result in registers, where the
        // general parser's `Result` goes through the stack.
        match parse_common(s.as_bytes()) {
            Some(t) => Ok(Self(t)),
            None => parse_general(s.as_bytes()).map(Self),
        }
    }
}

fn digits(b: &[u8], at: usize, n: usize) -> Result<u32, TimestampError> {
    let mut v = 0u32;
    for i in at..at + n {
        let d = b.get(i).copied().unwrap_or(0).wrapping_sub(b'0');
        if d > 9 {
            return Err(TimestampError::Syntax { at: i.min(b.len()) });
        }
        v = v * 10 + u32::from(d);
    }
    Ok(v)
}

fn expect(b: &[u8], at: usize, allowed: &[u8]) -> Result<(), TimestampError> {
    match b.get(at) {
        Some(c) if allowed.contains(c) => Ok(()),
        _ => Err(TimestampError::Syntax {
            at: at.min(b.len()),
        }),
    }
}

/// The shape the APIs send, `YYYY-MM-DDTHH:MM:SS`, an optional fraction, then `Z` or `±HH:MM`,
/// read without a loop over the fixed part. `None` for anything else and for out-of-range
/// components, which the general parser reads (or rejects, saying why); where this one reads a
/// text, the general parser reads the same moment.
fn parse_common(b: &[u8]) -> Option<OffsetDateTime> {
    let head: [u8; 19] = b.get(..19)?.try_into().ok()?;
    let [
        y0,
        y1,
        y2,
        y3,
        b'-',
        m0,
        m1,
        b'-',
        d0,
        d1,
        b'T',
        h0,
        h1,
        b':',
        i0,
        i1,
        b':',
        s0,
        s1,
    ] = head
    else {
        return None;
    };
    let d = [y0, y1, y2, y3, m0, m1, d0, d1, h0, h1, i0, i1, s0, s1].map(|c| c.wrapping_sub(b'0'));
    if d.iter().any(|&v| v > 9) {
        return None;
    }
    let two = |a: u8, b: u8| u32::from(a) * 10 + u32::from(b);
    let year = two(d[0], d[1]) * 100 + two(d[2], d[3]);
    let (month, day) = (two(d[4], d[5]), two(d[6], d[7]));
    let (hour, minute, second) = (two(d[8], d[9]), two(d[10], d[11]), two(d[12], d[13]));
    let mut rest = &b[19..];
    let mut nanos = 0u32;
    if let [b'.', tail @ ..] = rest {
        let digits = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 9 {
            return None;
        }
        for &c in &tail[..digits] {
            nanos = nanos * 10 + u32::from(c - b'0');
        }
        nanos *= 10u32.pow(9 - digits as u32);
        rest = &tail[digits..];
    }
    let offset = match *rest {
        [b'Z'] => (0, 0),
        [sign @ (b'+' | b'-'), h0, h1, b':', m0, m1] => {
            let o = [h0, h1, m0, m1].map(|c| c.wrapping_sub(b'0'));
            if o.iter().any(|&v| v > 9) {
                return None;
            }
            let (h, m) = (two(o[0], o[1]), two(o[2], o[3]));
            if h > 23 || m > 59 {
                return None;
            }
            let (h, m) = (h as i8, m as i8);
            if sign == b'-' { (-h, -m) } else { (h, m) }
        }
        _ => return None,
    };
    let offset = UtcOffset::from_hms(offset.0, offset.1, 0).ok()?;
    assemble(year, month, day, hour, minute, second, nanos, offset)
}

fn parse_general(b: &[u8]) -> Result<OffsetDateTime, TimestampError> {
    let year = digits(b, 0, 4)?;
    expect(b, 4, b"-")?;
    let month = digits(b, 5, 2)?;
    expect(b, 7, b"-")?;
    let day = digits(b, 8, 2)?;
    expect(b, 10, b"Tt ")?;
    let hour = digits(b, 11, 2)?;
    expect(b, 13, b":")?;
    let minute = digits(b, 14, 2)?;
    expect(b, 16, b":")?;
    let second = digits(b, 17, 2)?;
    let mut i = 19;
    let mut nanos = 0u32;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while let Some(d) = b.get(i).filter(|c| c.is_ascii_digit()) {
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(d - b'0');
            }
            i += 1;
        }
        if i == start {
            return Err(TimestampError::Syntax { at: i.min(b.len()) });
        }
        for _ in (i - start)..9 {
            nanos *= 10;
        }
    }
    let offset = match b.get(i) {
        Some(b'Z' | b'z') => {
            i += 1;
            UtcOffset::UTC
        }
        Some(&sign @ (b'+' | b'-')) => {
            let oh = digits(b, i + 1, 2)?;
            expect(b, i + 3, b":")?;
            let om = digits(b, i + 4, 2)?;
            i += 6;
            if oh > 23 || om > 59 {
                return Err(TimestampError::OutOfRange);
            }
            let (h, m) = (oh as i8, om as i8);
            let (h, m) = if sign == b'-' { (-h, -m) } else { (h, m) };
            UtcOffset::from_hms(h, m, 0).map_err(|_| TimestampError::OutOfRange)?
        }
        _ => return Err(TimestampError::Syntax { at: i.min(b.len()) }),
    };
    if i != b.len() {
        return Err(TimestampError::Syntax { at: i });
    }
    assemble(year, month, day, hour, minute, second, nanos, offset)
        .ok_or(TimestampError::OutOfRange)
}

/// The moment of validated-shape components; `None` if one is out of range.
#[allow(clippy::too_many_arguments)]
fn assemble(
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    offset: UtcOffset,
) -> Option<OffsetDateTime> {
    let month = Month::try_from(month as u8).ok()?;
    let date = Date::from_calendar_date(year as i32, month, day as u8).ok()?;
    // RFC 3339 allows a leap second (:60); `time` does not represent it, so it becomes :59.999999999.
    let (second, nanos) = if second == 60 {
        (59, 999_999_999)
    } else {
        (second, nanos)
    };
    let time = Time::from_hms_nano(hour as u8, minute as u8, second as u8, nanos).ok()?;
    Some(date.with_time(time).assume_offset(offset))
}

impl FromStr for Timestamp {
    type Err = TimestampError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl From<OffsetDateTime> for Timestamp {
    fn from(t: OffsetDateTime) -> Self {
        Self(t)
    }
}

impl From<Timestamp> for OffsetDateTime {
    fn from(t: Timestamp) -> Self {
        t.0
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339, e.g. `2023-07-15T18:30:11.047+00:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        let year = t.year();
        if (0..=9999).contains(&year) {
            write!(f, "{year:04}")?;
        } else {
            write!(f, "{year:+05}")?;
        }
        write!(
            f,
            "-{:02}-{:02}T{:02}:{:02}:{:02}",
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )?;
        let mut nanos = t.nanosecond();
        if nanos != 0 {
            let mut width = 9;
            while nanos.is_multiple_of(10) {
                nanos /= 10;
                width -= 1;
            }
            write!(f, ".{nanos:0width$}")?;
        }
        let (h, m, _) = t.offset().as_hms();
        let sign = if h < 0 || m < 0 { '-' } else { '+' };
        write!(f, "{sign}{:02}:{:02}", h.unsigned_abs(), m.unsigned_abs())
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 timestamp string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
        Timestamp::parse(v).map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TimestampVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn parses_every_api_form() {
        let a = Timestamp::parse("2023-07-15T18:30:11.047000+00:00").unwrap();
        assert_eq!(a.unix_millis(), 1_689_445_811_047);
        let b = Timestamp::parse("2023-07-22T18:30:11+00:00").unwrap();
        assert_eq!(b.unix_seconds(), 1_690_050_611);
        let c = Timestamp::parse("2023-11-07T05:31:56Z").unwrap();
        assert_eq!(c.to_string(), "2023-11-07T05:31:56+00:00");
        let d = Timestamp::parse("2023-11-07T07:31:56.5+02:00").unwrap();
        assert_eq!(d, c.0.replace_millisecond(500).map(Timestamp).unwrap());
        assert_eq!(d.to_string(), "2023-11-07T07:31:56.5+02:00");
        let e = Timestamp::parse("2023-11-07T00:00:00.123456789-05:30").unwrap();
        assert_eq!(e.to_string(), "2023-11-07T00:00:00.123456789-05:30");
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(
            Timestamp::parse("2023-07-15 18:30")
                .unwrap_err()
                .to_string(),
            "not an RFC 3339 timestamp: unexpected input at byte 16"
        );
        assert_eq!(
            Timestamp::parse("").unwrap_err(),
            TimestampError::Syntax { at: 0 }
        );
        assert_eq!(
            Timestamp::parse("2023-02-30T00:00:00Z")
                .unwrap_err()
                .to_string(),
            "RFC 3339 timestamp has a component out of range"
        );
        assert!(Timestamp::parse("2023-07-15T18:30:11.Z").is_err());
        assert!(Timestamp::parse("2023-07-15T18:30:11+00:00x").is_err());
        assert!(Timestamp::parse("2023-07-15T18:30:11+24:00").is_err());
        assert!(Timestamp::parse("2023-07-15T18:30:11+00").is_err());
    }

    #[test]
    fn the_common_shape_reads_like_the_general_parser() {
        let bases = [
            "2023-07-15T18:30:11.047000+00:00",
            "2023-07-22T18:30:11+00:00",
            "2023-11-07T05:31:56Z",
            "2024-02-29T23:59:60.123456789-05:30",
            "2023-02-29T00:00:00Z",
            "0001-01-01T00:00:00.1+23:59",
        ];
        let bytes = b"0129:-+.TtZz x\xff";
        let mut checked = 0;
        for base in bases {
            for at in 0..=base.len() {
                for &c in bytes {
                    for replace in [true, false] {
                        let mut b = base.as_bytes().to_vec();
                        if replace && at < b.len() {
                            b[at] = c;
                        } else {
                            b.insert(at, c);
                        }
                        if let Some(fast) = parse_common(&b) {
                            let text = alloc::string::String::from_utf8_lossy(&b);
                            assert_eq!(Ok(fast), parse_general(&b), "{text:?}");
                            checked += 1;
                        }
                    }
                }
            }
            let general = parse_general(base.as_bytes());
            assert_eq!(
                parse_common(base.as_bytes()).ok_or(TimestampError::OutOfRange),
                general
            );
        }
        assert!(checked > 300, "{checked}");
    }

    #[test]
    fn from_millis() {
        assert_eq!(
            Timestamp::from_unix_millis(0).to_string(),
            "1970-01-01T00:00:00+00:00"
        );
        // Far future saturates instead of panicking.
        let _ = Timestamp::from_unix_millis(u64::MAX);
    }
}
