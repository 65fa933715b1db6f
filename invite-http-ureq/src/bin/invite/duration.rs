//! `--older-than` durations: `30d`, `12h`, `90m`, `3600s`, `1w`, and sums such as `1d12h`.

use std::time::Duration;

/// The largest duration accepted: 100 years, far beyond any invite's age.
const MAX_SECS: u64 = 100 * 365 * 86_400;

/// Parses one or more `<number><unit>` terms, units `s`, `m`, `h`, `d`, `w`; the total must be
/// positive and at most 100 years.
pub(crate) fn parse_duration(input: &str) -> Result<Duration, String> {
    let s = input.trim();
    if s.is_empty() {
        return Err("empty duration; expected e.g. 30d, 12h, 90m, 3600s or 1w".to_owned());
    }
    let mut total: u64 = 0;
    let mut rest = s;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(format!(
                "expected a number at `{rest}`; durations look like 30d, 12h, 90m, 3600s or 1w"
            ));
        }
        let (number, tail) = rest.split_at(digits);
        let mut chars = tail.chars();
        let unit = chars.next().ok_or_else(|| {
            format!("`{number}` has no unit; add s, m, h, d or w (e.g. {number}s)")
        })?;
        let scale: u64 = match unit {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 7 * 86_400,
            other => {
                return Err(format!(
                    "unknown unit `{other}` after `{number}`; expected s, m, h, d or w"
                ));
            }
        };
        let term = number
            .parse::<u64>()
            .ok()
            .and_then(|n| n.checked_mul(scale))
            .and_then(|n| total.checked_add(n))
            .filter(|&t| t <= MAX_SECS)
            .ok_or_else(|| "duration is longer than 100 years".to_owned())?;
        total = term;
        rest = chars.as_str();
    }
    if total == 0 {
        return Err("duration must be longer than zero".to_owned());
    }
    Ok(Duration::from_secs(total))
}

/// Writes `d` back in the largest exact units (`30d`, `1d12h`, `90s`).
pub(crate) fn format_duration(d: Duration) -> String {
    let mut secs = d.as_secs();
    if secs == 0 {
        return "0s".to_owned();
    }
    let mut out = String::new();
    for (unit, scale) in [
        ('w', 7 * 86_400),
        ('d', 86_400),
        ('h', 3600),
        ('m', 60),
        ('s', 1),
    ] {
        if secs >= scale {
            out.push_str(&(secs / scale).to_string());
            out.push(unit);
            secs %= scale;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn units_and_sums() {
        let secs = |s: &str| parse_duration(s).map(|d| d.as_secs());
        assert_eq!(secs("30d"), Ok(30 * 86_400));
        assert_eq!(secs("12h"), Ok(12 * 3600));
        assert_eq!(secs("90m"), Ok(5400));
        assert_eq!(secs("3600s"), Ok(3600));
        assert_eq!(secs("1w"), Ok(604_800));
        assert_eq!(secs("1d12h"), Ok(129_600));
        assert_eq!(secs(" 2h30m "), Ok(9000));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(
            parse_duration(""),
            Err("empty duration; expected e.g. 30d, 12h, 90m, 3600s or 1w".to_owned())
        );
        assert_eq!(
            parse_duration("30"),
            Err("`30` has no unit; add s, m, h, d or w (e.g. 30s)".to_owned())
        );
        assert_eq!(
            parse_duration("3y"),
            Err("unknown unit `y` after `3`; expected s, m, h, d or w".to_owned())
        );
        assert_eq!(
            parse_duration("d"),
            Err(
                "expected a number at `d`; durations look like 30d, 12h, 90m, 3600s or 1w"
                    .to_owned()
            )
        );
        assert_eq!(
            parse_duration("1d-2h"),
            Err(
                "expected a number at `-2h`; durations look like 30d, 12h, 90m, 3600s or 1w"
                    .to_owned()
            )
        );
        assert_eq!(
            parse_duration("0s"),
            Err("duration must be longer than zero".to_owned())
        );
        assert_eq!(
            parse_duration("99999999999999999999999w"),
            Err("duration is longer than 100 years".to_owned())
        );
        assert_eq!(
            parse_duration("5300w"),
            Err("duration is longer than 100 years".to_owned())
        );
        assert_eq!(
            parse_duration("1dé"),
            Err(
                "expected a number at `é`; durations look like 30d, 12h, 90m, 3600s or 1w"
                    .to_owned()
            )
        );
    }

    #[test]
    fn formatting() {
        assert_eq!(format_duration(Duration::from_secs(30 * 86_400)), "4w2d");
        assert_eq!(format_duration(Duration::from_secs(129_600)), "1d12h");
        assert_eq!(format_duration(Duration::from_secs(90)), "1m30s");
        assert_eq!(format_duration(Duration::ZERO), "0s");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn never_panics(s in "\\PC{0,24}") {
            let _ = parse_duration(&s);
        }

        #[test]
        fn formatted_durations_parse_back(secs in 1u64..=MAX_SECS) {
            let d = Duration::from_secs(secs);
            prop_assert_eq!(parse_duration(&format_duration(d)), Ok(d));
        }
    }
}
