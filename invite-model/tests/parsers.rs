//! Property tests for the small parsers and types the other property tests do not reach:
//! `Snowflake`, `Timestamp` and `AuditLogReason` parsing never panic and accept exactly what
//! they document; every open enum, `CowStr` and `VanityUrl` survive a JSON round trip;
//! `from_json_slice` gives exactly what `serde_json::from_slice` gives.

mod common;

use invite_model::endpoint::VanityUrl;
use invite_model::{
    AuditLogReason, ChannelType, CowStr, Invite, InviteCode, InviteType, JobStatus, NsfwLevel,
    PremiumTier, RecurrenceFrequency, RecurrenceMonth, RecurrenceWeekday, ScheduledEventEntityType,
    ScheduledEventPrivacyLevel, ScheduledEventStatus, Snowflake, SplashCardAlignment, TargetType,
    Timestamp, VerificationLevel, from_json_slice,
};
use proptest::prelude::*;

/// Strings shaped like RFC 3339 timestamps, valid or nearly so.
fn timestamp_like() -> impl Strategy<Value = String> {
    "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,12})?([Zz]|[+-][0-9]{2}:[0-9]{2})?"
}

/// Checks a JSON round trip of an open enum from any wire value.
macro_rules! open_enum_round_trips {
    ($($ty:ident: $repr:ty),* $(,)?) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            #[test]
            fn open_enums_round_trip(v in any::<u32>()) {
                $(
                    let raw = v as $repr;
                    let value = $ty::from(raw);
                    let text = serde_json::to_string(&value).unwrap();
                    prop_assert_eq!(&text, &raw.to_string());
                    prop_assert_eq!(serde_json::from_str::<$ty>(&text).unwrap(), value);
                    prop_assert_eq!(value.is_known(), $ty::KNOWN.contains(&value));
                    let shown = value.to_string();
                    prop_assert!(value.is_known() || shown == format!("unknown ({raw})"), "{}", shown);
                )*
            }
        }
    };
}

open_enum_round_trips!(
    ChannelType: u32,
    JobStatus: u8,
    NsfwLevel: u8,
    PremiumTier: u8,
    RecurrenceFrequency: u8,
    RecurrenceWeekday: u8,
    RecurrenceMonth: u8,
    ScheduledEventStatus: u8,
    ScheduledEventEntityType: u8,
    ScheduledEventPrivacyLevel: u8,
    SplashCardAlignment: u8,
    TargetType: u8,
    VerificationLevel: u8,
);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn snowflake_parsing_never_panics(s in any::<String>(), digits in "[0-9]{1,22}") {
        for input in [s.as_str(), digits.as_str()] {
            if let Ok(id) = input.parse::<Snowflake>() {
                prop_assert!(input.bytes().all(|b| b.is_ascii_digit()), "{:?}", input);
                prop_assert_eq!(input.parse::<u64>().ok(), Some(id.get()));
            }
            let _ = serde_json::from_value::<Snowflake>(serde_json::Value::String(input.into()));
        }
    }

    #[test]
    fn snowflake_from_any_json_number_never_panics(n in any::<f64>(), i in any::<i64>()) {
        let _ = serde_json::from_value::<Snowflake>(serde_json::json!(n));
        let from_int = serde_json::from_value::<Snowflake>(serde_json::json!(i));
        prop_assert_eq!(from_int.ok().map(Snowflake::get), u64::try_from(i).ok());
    }

    #[test]
    fn timestamp_parsing_never_panics(s in any::<String>(), like in timestamp_like()) {
        for input in [s.as_str(), like.as_str()] {
            if let Ok(t) = Timestamp::parse(input) {
                // What is accepted prints in a form that reads back to the same instant and
                // offset.
                let printed = t.to_string();
                let back = Timestamp::parse(&printed).unwrap();
                prop_assert_eq!(back, t);
                prop_assert_eq!(back.0.offset(), t.0.offset());
            }
            let _ = serde_json::from_value::<Timestamp>(serde_json::Value::String(input.into()));
        }
    }

    #[test]
    fn audit_log_reasons_accept_1_to_512_chars(s in any::<String>(), n in 0usize..600) {
        let long = "é".repeat(n);
        for input in [s.as_str(), long.as_str()] {
            let chars = input.chars().count();
            match AuditLogReason::new(input) {
                Ok(r) => {
                    prop_assert!((1..=AuditLogReason::MAX_CHARS).contains(&chars));
                    let header = r.header_value().to_string();
                    prop_assert!(header.bytes().all(|b| b.is_ascii_graphic()), "{}", header);
                }
                Err(e) => prop_assert!(chars == 0 || chars > AuditLogReason::MAX_CHARS, "{}", e),
            }
        }
    }

    #[test]
    fn cow_str_round_trips(s in any::<String>()) {
        let value = CowStr::from(s.as_str());
        let text = serde_json::to_string(&value).unwrap();
        let back: CowStr<'_> = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(back.as_str(), s.as_str());
        // Borrowed exactly when the JSON text needed no escapes.
        prop_assert_eq!(back.is_borrowed(), text.len() == s.len() + 2);
        prop_assert_eq!(back.into_owned(), value);
    }

    #[test]
    fn invite_type_round_trips(v in any::<u8>()) {
        let t = InviteType(v);
        let text = serde_json::to_string(&t).unwrap();
        prop_assert_eq!(serde_json::from_str::<InviteType>(&text).unwrap(), t);
    }

    #[test]
    fn invite_code_reading_never_panics(s in any::<String>()) {
        let read = serde_json::from_value::<InviteCode>(serde_json::Value::String(s.clone()));
        prop_assert_eq!(read.ok(), InviteCode::from_code(&s).ok());
    }

    #[test]
    fn vanity_url_round_trips(
        code in proptest::option::of(any::<String>()),
        uses in proptest::option::of(any::<u64>()),
    ) {
        let mut json = serde_json::json!({"code": code});
        if let Some(uses) = uses {
            json["uses"] = serde_json::json!(uses);
        }
        let text = json.to_string();
        let value: VanityUrl<'_> = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(value.code.as_deref(), code.as_deref());
        prop_assert_eq!(value.uses, uses);
        let written = serde_json::to_string(&value).unwrap();
        let back: VanityUrl<'_> = serde_json::from_str(&written).unwrap();
        prop_assert_eq!(&back, &value);
        prop_assert_eq!(back.into_owned(), value);
    }
}

/// Both results, as comparable text: the value's JSON, or the error message.
fn outcome<T: serde::Serialize>(r: serde_json::Result<T>) -> Result<String, String> {
    r.map(|v| serde_json::to_string(&v).unwrap())
        .map_err(|e| e.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn from_json_slice_is_serde_json_from_slice(
        invite in common::invite(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        noise in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let mut mutated = serde_json::to_vec(&invite).unwrap();
        let i = at.index(mutated.len());
        mutated[i] = byte;
        for bytes in [mutated.as_slice(), noise.as_slice()] {
            prop_assert_eq!(
                outcome(from_json_slice::<Invite<'_>>(bytes)),
                outcome(serde_json::from_slice::<Invite<'_>>(bytes))
            );
            prop_assert_eq!(
                outcome(from_json_slice::<Vec<Invite<'_>>>(bytes)),
                outcome(serde_json::from_slice::<Vec<Invite<'_>>>(bytes))
            );
        }
    }
}
