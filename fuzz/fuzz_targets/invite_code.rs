//! `InviteCode::parse` never panics; an accepted code has 2 to 32 characters from
//! `A-Z a-z 0-9 -` (nothing that could escape a URL path segment), parses to itself, and its
//! link parses back to it.
#![no_main]

use invite_model::{InviteCode, Platform};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let Ok(link) = InviteCode::parse_link(&input) else {
        return;
    };
    let code = link.code;
    let s = code.as_str();
    assert!(
        (InviteCode::MIN_LEN..=InviteCode::MAX_LEN).contains(&s.len()),
        "{s:?}"
    );
    assert!(
        s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
        "{input:?} -> {s:?}"
    );
    assert_eq!(InviteCode::parse(s).as_ref(), Ok(&code));
    assert_eq!(InviteCode::parse(&input).as_ref(), Ok(&code));
    for platform in [Platform::Discord, Platform::Fluxer] {
        let url = code.link(platform).to_string();
        assert_eq!(InviteCode::parse(&url).as_ref(), Ok(&code), "{url}");
    }
});
