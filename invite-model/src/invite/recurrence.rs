//! [`RecurrenceRule`]: how a guild scheduled event repeats.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::primitive::open_enum::open_enum;
use crate::primitive::timestamp::Timestamp;

open_enum! {
    /// How often a recurring event repeats (`frequency`).
    pub struct RecurrenceFrequency(u8) {
        /// Every year.
        YEARLY = 0,
        /// Every month.
        MONTHLY = 1,
        /// Every week.
        WEEKLY = 2,
        /// Every day.
        DAILY = 3,
    }
}

open_enum! {
    /// A day of the week in a recurrence rule (Monday is 0).
    pub struct RecurrenceWeekday(u8) {
        /// Monday.
        MONDAY = 0,
        /// Tuesday.
        TUESDAY = 1,
        /// Wednesday.
        WEDNESDAY = 2,
        /// Thursday.
        THURSDAY = 3,
        /// Friday.
        FRIDAY = 4,
        /// Saturday.
        SATURDAY = 5,
        /// Sunday.
        SUNDAY = 6,
    }
}

open_enum! {
    /// A month in a recurrence rule (January is 1).
    pub struct RecurrenceMonth(u8) {
        /// January.
        JANUARY = 1,
        /// February.
        FEBRUARY = 2,
        /// March.
        MARCH = 3,
        /// April.
        APRIL = 4,
        /// May.
        MAY = 5,
        /// June.
        JUNE = 6,
        /// July.
        JULY = 7,
        /// August.
        AUGUST = 8,
        /// September.
        SEPTEMBER = 9,
        /// October.
        OCTOBER = 10,
        /// November.
        NOVEMBER = 11,
        /// December.
        DECEMBER = 12,
    }
}

/// The `n`-th given weekday of a month ("the second Tuesday").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(
    clippy::exhaustive_structs,
    reason = "an iCalendar value (`2TU`, the second Tuesday): its two parts are the whole meaning"
)]
pub struct NWeekday {
    /// Which week of the month, 1 to 5.
    pub n: u8,
    /// The weekday.
    pub day: RecurrenceWeekday,
}

/// The repetition of a guild scheduled event, a subset of iCalendar's RRULE.
///
/// Owns no strings, so it has no lifetime; the lists allocate only when non-empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RecurrenceRule {
    /// When the first occurrence starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Timestamp>,
    /// When the recurrence ends, if it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Timestamp>,
    /// How often it repeats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frequency: Option<RecurrenceFrequency>,
    /// Repeat every `interval` periods of `frequency` (e.g. 2 with WEEKLY: every other week).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<u64>,
    /// The weekdays it happens on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_weekday: Option<Vec<RecurrenceWeekday>>,
    /// The `n`-th weekdays of the month it happens on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_n_weekday: Option<Vec<NWeekday>>,
    /// The months it happens in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_month: Option<Vec<RecurrenceMonth>>,
    /// The days of the month it happens on (1 to 31).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_month_day: Option<Vec<u8>>,
    /// The days of the year it happens on (1 to 366).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_year_day: Option<Vec<u16>>,
    /// How many times it happens in total, if limited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_rule() {
        let r: RecurrenceRule = serde_json::from_str(
            r#"{"start":"2025-03-04T18:00:00+00:00","end":null,"frequency":1,"interval":1,
                "by_weekday":null,"by_n_weekday":[{"n":2,"day":1}],"by_month":null,
                "by_month_day":null,"by_year_day":null,"count":null}"#,
        )
        .unwrap();
        assert_eq!(r.frequency, Some(RecurrenceFrequency::MONTHLY));
        assert_eq!(r.interval, Some(1));
        assert_eq!(
            r.by_n_weekday,
            Some(alloc::vec![NWeekday {
                n: 2,
                day: RecurrenceWeekday::TUESDAY
            }])
        );
        assert_eq!(r.by_weekday, None);
        assert_eq!(r.end, None);
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"start":"2025-03-04T18:00:00+00:00","frequency":1,"interval":1,"by_n_weekday":[{"n":2,"day":1}]}"#
        );
        assert_eq!(RecurrenceMonth::DECEMBER.name(), Some("DECEMBER"));
    }
}
