//! `scan_invite_links` never panics on any text; the links it reports come in order without
//! overlapping, each span is the text between its offsets, and it parses back with
//! `InviteCode::parse_link` to the same code and platform. With one platform and an extra host,
//! only that platform's links come back.
#![no_main]

use invite_model::{ExtraHost, InviteCode, InvitePath, Platform, ScanOptions, scan_invite_links};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut last_end = 0;
    for link in scan_invite_links(&text) {
        assert!(link.start >= last_end && link.start < link.end, "{link:?}");
        last_end = link.end;
        assert_eq!(text.get(link.start..link.end), Some(link.text));
        let parsed = InviteCode::parse_link(link.text).expect("a reported link parses");
        assert_eq!(parsed.code, link.code, "{:?}", link.text);
        assert_eq!(parsed.platform, Some(link.platform), "{:?}", link.text);
    }
    let hosts = [ExtraHost::new(
        Platform::Fluxer,
        "chat.example.org",
        InvitePath::InviteOrHashInvite,
    )
    .expect("a valid host")];
    for link in ScanOptions::only(Platform::Fluxer)
        .extra_hosts(&hosts)
        .scan(&text)
    {
        assert_eq!(link.platform, Platform::Fluxer);
        assert_eq!(text.get(link.start..link.end), Some(link.text));
        assert_eq!(
            InviteCode::from_code(link.code.as_str()).as_ref(),
            Ok(&link.code)
        );
    }
});
