//! Discord's wire form of permissions (feature `serde`).
#![cfg(feature = "serde")]

use invite_perms::Permissions;

#[test]
fn decimal_string_out() {
    let p =
        Permissions::VIEW_CHANNEL | Permissions::USE_EXTERNAL_EMOJIS | Permissions::SEND_MESSAGES;
    assert_eq!(
        serde_json::to_string(&Permissions::from_bits_retain(2112)).unwrap(),
        "\"2112\""
    );
    assert_eq!(serde_json::to_string(&p).unwrap(), "\"265216\"");
    assert_eq!(
        serde_json::to_string(&Permissions::empty()).unwrap(),
        "\"0\""
    );
    assert_eq!(
        serde_json::to_string(&Permissions::from_bits_retain(u64::MAX)).unwrap(),
        "\"18446744073709551615\""
    );
}

#[test]
fn string_or_integer_in() {
    let want = Permissions::from_bits_retain(2112);
    assert_eq!(
        serde_json::from_str::<Permissions>("\"2112\"").unwrap(),
        want
    );
    assert_eq!(serde_json::from_str::<Permissions>("2112").unwrap(), want);
    assert_eq!(
        serde_json::from_str::<Permissions>("0").unwrap(),
        Permissions::empty()
    );
}

#[test]
fn unknown_bits_kept() {
    let raw = (1u64 << 63) | (1 << 53) | (1 << 47) | 8;
    let text = format!("\"{raw}\"");
    let p: Permissions = serde_json::from_str(&text).unwrap();
    assert_eq!(p.bits(), raw);
    assert_eq!(serde_json::to_string(&p).unwrap(), text);
    let p: Permissions = serde_json::from_str(&raw.to_string()).unwrap();
    assert_eq!(p.bits(), raw);
}

#[test]
fn rejects_non_numbers() {
    for bad in [
        "\"\"",
        "\"-1\"",
        "-1",
        "\"8a\"",
        "\"ADMINISTRATOR\"",
        "\"18446744073709551616\"",
        "1.5",
        "null",
        "[8]",
        "\" 8\"",
    ] {
        assert!(serde_json::from_str::<Permissions>(bad).is_err(), "{bad}");
    }
    let err = serde_json::from_str::<Permissions>("\"8a\"").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid value: string \"8a\", expected permission bits as a decimal string or a non-negative integer at line 1 column 4"
    );
}

#[test]
fn in_a_struct() {
    #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
    struct Role {
        permissions: Permissions,
    }
    let role: Role = serde_json::from_str(r#"{"permissions":"2112"}"#).unwrap();
    assert_eq!(role.permissions.bits(), 2112);
    assert_eq!(
        serde_json::to_string(&role).unwrap(),
        r#"{"permissions":"2112"}"#
    );
}
