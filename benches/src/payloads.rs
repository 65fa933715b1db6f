//! The payloads every benchmark parses: fixtures of `invite-model` and a generated list.

use std::fmt::Write as _;

/// Seed 004's invite with metadata (the Discord docs' example), escape-free.
pub const METADATA: &[u8] =
    include_bytes!("../../invite-model/tests/fixtures/discord_invite_with_metadata.json");

/// Seed 004's Get Invite answer with `target_type` 2 and a full `target_application`.
pub const TARGET_APPLICATION: &[u8] =
    include_bytes!("../../invite-model/tests/fixtures/discord_get_invite_target_application.json");

/// The invite code of [`METADATA`], replaced by [`invite_list`].
pub const METADATA_CODE: &str = "jvuBeT38";

/// A guild's invite list: a JSON array of `n` copies of [`METADATA`], the `i`-th with the code
/// `inv` followed by `i` in five digits (`inv00000`, `inv00001`, ...), so every code has the
/// original's eight characters.
pub fn invite_list(n: usize) -> Vec<u8> {
    list_of(METADATA, n)
}

/// `n` copies of `invite` (whose code is [`METADATA_CODE`]) with codes `inv00000`, ...
fn list_of(invite: &[u8], n: usize) -> Vec<u8> {
    let one = std::str::from_utf8(invite).expect("the fixture is UTF-8");
    let quoted = format!("\"{METADATA_CODE}\"");
    assert_eq!(
        one.matches(&quoted).count(),
        1,
        "the fixture's code appears once"
    );
    let mut out = String::with_capacity(n * (one.len() + 2) + 2);
    out.push('[');
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        let mut code = String::new();
        write!(code, "\"inv{i:05}\"").expect("writing to a String");
        out.push_str(&one.replacen(&quoted, &code, 1));
    }
    out.push(']');
    out.into_bytes()
}

/// A JSON array of `n` copies of [`TARGET_APPLICATION`], with codes as in [`invite_list`].
pub fn target_application_list(n: usize) -> Vec<u8> {
    list_of(TARGET_APPLICATION, n)
}

/// The named payloads of the deserialization benchmarks: (name, bytes, invites in it).
pub fn all() -> Vec<(&'static str, Vec<u8>, usize)> {
    vec![
        ("metadata_invite", METADATA.to_vec(), 1),
        ("invite_list_100", invite_list(100), 100),
        ("target_application_invite", TARGET_APPLICATION.to_vec(), 1),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_has_distinct_codes_and_parses_everywhere() {
        let bytes = invite_list(100);
        let ours: Vec<invite_model::Invite<'_>> = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(ours.len(), 100);
        assert_eq!(ours[0].code, "inv00000");
        assert_eq!(ours[99].code, "inv00099");
        assert!(ours.iter().all(|i| i.code.is_borrowed()));
        let theirs: Vec<twilight_model::guild::invite::Invite> =
            serde_json::from_slice(&bytes).unwrap();
        assert_eq!(theirs[42].code, "inv00042");
        assert_eq!(invite_list(0), b"[]");
    }
}
