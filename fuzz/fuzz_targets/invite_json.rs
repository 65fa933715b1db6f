//! Anything that deserializes as an `Invite` serializes, parses back to an equal value, and
//! serializes to the same text again; `into_owned` keeps the value.
#![no_main]

use invite_model::Invite;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(invite) = serde_json::from_slice::<Invite<'_>>(data) else {
        return;
    };
    let text = serde_json::to_vec(&invite).expect("a parsed invite serializes");
    let back: Invite<'_> = serde_json::from_slice(&text).unwrap_or_else(|e| {
        panic!(
            "written invite does not parse: {e}: {}",
            String::from_utf8_lossy(&text)
        )
    });
    assert_eq!(back, invite, "round trip changed the invite");
    assert_eq!(
        serde_json::to_vec(&back).unwrap(),
        text,
        "writing is not stable"
    );
    assert_eq!(back.into_owned(), invite, "into_owned changed the invite");
});
