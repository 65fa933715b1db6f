//! The list endpoints' body: anything that deserializes as `Vec<Invite>` serializes and parses
//! back to an equal list with the same length.
#![no_main]

use invite_model::Invite;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(list) = serde_json::from_slice::<Vec<Invite<'_>>>(data) else {
        return;
    };
    let text = serde_json::to_vec(&list).expect("a parsed list serializes");
    let back: Vec<Invite<'_>> = serde_json::from_slice(&text).unwrap_or_else(|e| {
        panic!(
            "written list does not parse: {e}: {}",
            String::from_utf8_lossy(&text)
        )
    });
    assert_eq!(back.len(), list.len());
    assert_eq!(back, list, "round trip changed the list");
    assert_eq!(
        serde_json::to_vec(&back).unwrap(),
        text,
        "writing is not stable"
    );
});
