//! `parse_permissions_with` and `parse_permission_name` never panic on either platform; what
//! the list parser accepts renders back: `Display` (Discord) and, for the bits the platform
//! has, `names` in every list style on that platform, both parsing back to the same value.
//! The first byte picks the platform and the strictness; the rest is the input.
#![no_main]

use invite_perms::{
    NameStyle, ParseOptions, Platform, parse_permission_name, parse_permissions,
    parse_permissions_with,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(input) = std::str::from_utf8(rest) else {
        return;
    };
    let platform = if mode & 1 == 0 {
        Platform::Discord
    } else {
        Platform::Fluxer
    };
    let options = ParseOptions::new()
        .platform(platform)
        .allow_undefined_bits(mode & 2 != 0);
    match parse_permissions_with(input, options) {
        Ok(permissions) => {
            let text = permissions.to_string();
            let back = parse_permissions(&text)
                .unwrap_or_else(|e| panic!("{input:?} -> {text:?} does not parse: {e}"));
            assert_eq!(back, permissions, "{input:?} -> {text:?}");
            match permissions.names(platform, NameStyle::Screaming) {
                Ok(_) => {
                    for style in [
                        NameStyle::Screaming,
                        NameStyle::Snake,
                        NameStyle::Pascal,
                        NameStyle::Aoi,
                    ] {
                        let names = permissions.names(platform, style).unwrap().to_string();
                        let back =
                            parse_permissions_with(&names, ParseOptions::new().platform(platform));
                        assert_eq!(
                            back,
                            Ok(permissions),
                            "{input:?} -> {names:?} on {platform}"
                        );
                    }
                }
                // Only raw `0x` items (and lenient numbers) carry bits the platform lacks.
                Err(e) => assert_eq!(e.bits(), permissions.undefined_bits_on(platform)),
            }
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
    match parse_permission_name(input, options) {
        Ok(p) => assert_eq!(p.undefined_bits_on(platform), 0, "{input:?}"),
        Err(e) => {
            assert!(input.get(e.span()).is_some(), "{:?} in {input:?}", e.span());
            if let Some(s) = e.suggestion() {
                assert_eq!(
                    parse_permission_name(&s.to_string(), options),
                    Ok(s.permissions()),
                    "{input:?} suggests {s}"
                );
            }
        }
    }
});
