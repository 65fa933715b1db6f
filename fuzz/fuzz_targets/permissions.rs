//! `parse_permissions` never panics, and the canonical rendering (`Display`) of whatever it
//! accepts parses back to the same value, in both the strict and the lenient mode.
#![no_main]

use invite_perms::{ParseOptions, parse_permissions, parse_permissions_with};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let lenient = ParseOptions::new().allow_undefined_bits(true);
    for result in [
        parse_permissions(input),
        parse_permissions_with(input, lenient),
    ] {
        match result {
            Ok(permissions) => {
                let text = permissions.to_string();
                let back = parse_permissions(&text)
                    .unwrap_or_else(|e| panic!("{input:?} -> {text:?} does not parse: {e}"));
                assert_eq!(back, permissions, "{input:?} -> {text:?}");
            }
            Err(e) => {
                // The error's span lies inside the input and its message is not empty.
                let span = e.span();
                assert!(
                    span.start <= span.end && span.end <= input.len(),
                    "{span:?}"
                );
                assert!(!e.to_string().is_empty());
            }
        }
    }
});
