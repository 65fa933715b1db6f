//! Property tests: the canonical text form round trips, and parsing never panics.

use invite_perms::{
    ParseOptions, ParsePermissionsError, Permissions, parse_permissions, parse_permissions_with,
};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

/// Names and separators bot authors write, to build plausible lists from.
const WORDS: &[&str] = &[
    "admin",
    "ADMINISTRATOR",
    "SendMessages",
    "send_messages",
    "sendmesages",
    "kick",
    "all",
    "8",
    "\"2112\"",
    "0x20000000000000",
    "140737488355328",
    "99999999999999999999",
    "é",
    "",
    "use-vad",
    "UseVAD",
    "0x",
    "12a",
    "\"",
    "toString",
];
const SEPARATORS: &[&str] = &[";", ",", "|", "+", " ", " , ", ";;", "\t", ""];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn canonical_rendering_round_trips(bits in any::<u64>()) {
        let p = Permissions::from_bits_retain(bits);
        let text = p.to_string();
        prop_assert_eq!(parse_permissions(&text), Ok(p), "{}", text);
    }

    #[test]
    fn canonical_rendering_of_defined_bits_round_trips(bits in any::<u64>()) {
        let p = Permissions::from_bits_truncate(bits);
        prop_assert_eq!(parse_permissions(&p.to_string()), Ok(p));
        // Its decimal form is accepted as well, since every bit is defined.
        prop_assert_eq!(parse_permissions(&p.bits().to_string()), Ok(p));
    }

    #[test]
    fn decimal_with_undefined_bits(bits in any::<u64>()) {
        let text = bits.to_string();
        let lenient = parse_permissions_with(&text, ParseOptions::new().allow_undefined_bits(true));
        prop_assert_eq!(lenient, Ok(Permissions::from_bits_retain(bits)));
        let strict = parse_permissions(&text);
        let undefined = Permissions::from_bits_retain(bits).undefined_bits();
        if undefined == 0 {
            prop_assert_eq!(strict, Ok(Permissions::from_bits_retain(bits)));
        } else {
            let is_undefined_error = matches!(
                strict,
                Err(ParsePermissionsError::UndefinedBits { bits, .. }) if bits == undefined
            );
            prop_assert!(is_undefined_error);
        }
    }

    #[test]
    fn never_panics_on_any_string(s in any::<String>()) {
        let _ = parse_permissions(&s);
        let _ = Permissions::from_name(&s);
    }

    #[test]
    fn never_panics_on_plausible_lists(
        items in proptest::collection::vec((0..WORDS.len(), 0..SEPARATORS.len()), 0..12),
    ) {
        let mut s = String::new();
        for (w, sep) in items {
            s.push_str(WORDS[w]);
            s.push_str(SEPARATORS[sep]);
        }
        match parse_permissions(&s) {
            Ok(_) => {}
            Err(e) => {
                let span = e.span();
                prop_assert!(span.start <= span.end && span.end <= s.len());
                prop_assert!(s.get(span.clone()).is_some(), "span {:?} of {:?}", span, s);
                // Every message is lowercase-first and has no trailing period.
                let msg = e.to_string();
                prop_assert!(!msg.ends_with('.'));
                // A suggestion is itself a name that parses to what it claims.
                if let Some(sugg) = e.suggestion() {
                    prop_assert_eq!(Permissions::from_name(&sugg.to_string()), Some(sugg.permissions()));
                }
            }
        }
    }

    #[test]
    fn lists_of_names_give_the_union(flags in proptest::collection::vec(0usize..52, 1..10), style in 0..4u8) {
        let named: Vec<_> = Permissions::DISCORD_ALL.iter_names().collect();
        let mut want = Permissions::empty();
        let mut text = String::new();
        for (i, &f) in flags.iter().enumerate() {
            let (name, flag) = named[f];
            want |= flag;
            if i > 0 {
                text.push_str([";", ", ", " | ", "+"][i % 4]);
            }
            let spelled = match style {
                0 => name.to_owned(),
                1 => flag.pascal_name().unwrap().to_owned(),
                2 => name.to_ascii_lowercase(),
                _ => name.to_ascii_lowercase().replace('_', ""),
            };
            text.push_str(&spelled);
        }
        prop_assert_eq!(parse_permissions(&text), Ok(want));
    }

    #[test]
    fn misspelled_names_suggest_a_parsable_name(f in 0usize..52, at in any::<prop::sample::Index>()) {
        let (name, flag) = Permissions::DISCORD_ALL.iter_names().nth(f).unwrap();
        let squashed = name.to_ascii_lowercase().replace('_', "");
        // Drop one letter.
        let i = at.index(squashed.len());
        let typo = format!("{}{}", &squashed[..i], &squashed[i + 1..]);
        if let Err(e) = parse_permissions(&typo) {
            let sugg = e.suggestion();
            prop_assert!(sugg.is_some(), "no suggestion for {}", typo);
            let sugg = sugg.unwrap();
            prop_assert_eq!(Permissions::from_name(&sugg.to_string()), Some(sugg.permissions()));
            // Short names can be one letter away from another name; long ones find their flag.
            if squashed.len() >= 8 {
                prop_assert_eq!(sugg.permissions(), flag, "{} -> {}", typo, sugg);
            }
        }
    }
}
