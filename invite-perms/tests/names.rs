//! Every spelling of every permission maps to the right bit.

use invite_perms::{Permissions, parse_permissions};

/// Seed 000 (aoi.js `$getClientInvite` documentation), its table in order, paired with the
/// bit each name must give.
const SEED_000: &[(&str, u8)] = &[
    ("createinvite", 0),
    ("kickmembers", 1),
    ("banmembers", 2),
    ("administrator", 3),
    ("managechannel", 4),
    ("manageserver", 5),
    ("addreactions", 6),
    ("viewauditlog", 7),
    ("priorityspeaker", 8),
    ("stream", 9),
    ("viewchannel", 10),
    ("sendmessages", 11),
    ("sendttsmessages", 12),
    ("managemessages", 13),
    ("embedlinks", 14),
    ("attachfiles", 15),
    ("readmessagehistory", 16),
    ("mentioneveryone", 17),
    ("externalemojis", 18),
    ("viewguildinsights", 19),
    ("connect", 20),
    ("mutemembers", 22),
    ("deafenmembers", 23),
    ("movemembers", 24),
    ("usevad", 25),
    ("changenickname", 26),
    ("managenicknames", 27),
    ("manageroles", 28),
    ("managewebhooks", 29),
    ("manageemojisandstickers", 30),
    ("useappcmds", 31),
    ("requesttospeak", 32),
    ("manageevents", 33),
    ("managethreads", 34),
    ("createpublicthreads", 35),
    ("createprivatethreads", 36),
    ("createpublicthreads", 35),
    ("createprivatethreads", 36),
    ("externalstickers", 37),
    ("sendmessageinthreads", 38),
    ("startembeddedactivities", 39),
    ("moderatemembers", 40),
];

/// aoi.js v4 `$getBotInvite` aliases.
const AOI_V4: &[(&str, u8)] = &[
    ("admin", 3),
    ("manageserver", 5),
    ("kick", 1),
    ("addreactions", 6),
    ("ban", 2),
    ("manageroles", 28),
    ("managechannels", 4),
    ("managewebhooks", 29),
    ("managemessages", 13),
    ("viewauditlog", 7),
    ("managenicknames", 27),
    ("sendmessages", 11),
    ("readmessages", 16),
    ("movemembers", 24),
    ("manageemojis", 30),
    ("viewguildinsights", 19),
    ("mentioneveryone", 17),
    ("embedlinks", 14),
    ("viewchannel", 10),
    ("createinvite", 0),
    ("mutemembers", 22),
    ("speak", 21),
    ("deafenmembers", 23),
    ("attachfiles", 15),
    ("connect", 20),
    ("stream", 9),
    ("usevad", 25),
    ("externalemojis", 18),
    ("sendtts", 12),
    ("changenickname", 26),
    ("priorityspeaker", 8),
];

/// aoi.js v5 `$getBotInvite` aliases.
const AOI_V5: &[(&str, u8)] = &[
    ("createinvite", 0),
    ("kick", 1),
    ("ban", 2),
    ("admin", 3),
    ("managechannel", 4),
    ("manageserver", 5),
    ("addreactions", 6),
    ("viewauditlog", 7),
    ("priorityspeaker", 8),
    ("stream", 9),
    ("viewchannel", 10),
    ("sendmessage", 11),
    ("sendtts", 12),
    ("managemessages", 13),
    ("embedlinks", 14),
    ("attachfiles", 15),
    ("readmessagehistory", 16),
    ("mentioneveryone", 17),
    ("externalemojis", 18),
    ("viewguildinsights", 19),
    ("connect", 20),
    ("speak", 21),
    ("mutemembers", 22),
    ("deafenmembers", 23),
    ("movemembers", 24),
    ("usevad", 25),
    ("changenickname", 26),
    ("managenicknames", 27),
    ("manageroles", 28),
    ("managewebhooks", 29),
    ("manageemojisandstickers", 30),
    ("useappcmds", 31),
    ("requesttospeak", 32),
    ("manageevents", 33),
    ("managethreads", 34),
    ("usepublicthreads", 35),
    ("useprivatethreads", 36),
    ("createpublicthreads", 35),
    ("createprivatethreads", 36),
    ("externalstickers", 37),
    ("sendmessageinthreads", 38),
    ("startembeddedactivities", 39),
    ("moderatemembers", 40),
];

/// aoi.js 6.10 `$getClientInvite` aliases (`all` is checked separately).
const AOI_6_10: &[(&str, u8)] = &[
    ("createinvite", 0),
    ("kickmembers", 1),
    ("banmembers", 2),
    ("administrator", 3),
    ("managechannels", 4),
    ("manageguild", 5),
    ("addreactions", 6),
    ("viewauditlog", 7),
    ("priorityspeaker", 8),
    ("stream", 9),
    ("viewchannel", 10),
    ("sendmessages", 11),
    ("sendttsmessages", 12),
    ("managemessages", 13),
    ("embedlinks", 14),
    ("attachfiles", 15),
    ("readmessagehistory", 16),
    ("mentioneveryone", 17),
    ("useexternalemojis", 18),
    ("viewguildinsights", 19),
    ("connect", 20),
    ("speak", 21),
    ("mute", 22),
    ("deafen", 23),
    ("movemembers", 24),
    ("usevad", 25),
    ("changenickname", 26),
    ("managenicknames", 27),
    ("manageroles", 28),
    ("manageguildexpressions", 30),
    ("moderatemembers", 40),
    ("managewebhooks", 29),
    ("requesttospeak", 32),
    ("managethreads", 34),
    ("createpublicthreads", 35),
    ("createprivatethreads", 36),
    ("useexternalsticker", 37),
    ("sendmessagesinthreads", 38),
    ("useembeddedactivities", 39),
    ("useapplicationcommands", 31),
    ("manageevents", 33),
    ("viewcreatormonetizationanalytics", 41),
    ("usesoundboard", 42),
    ("useexternalsounds", 45),
    ("sendvoicemessages", 46),
];

/// aoi.js v6 additions.
const AOI_V6: &[(&str, u8)] = &[
    ("createinstantinvite", 0),
    ("mutemembers", 22),
    ("deafenmembers", 23),
    ("sendpolls", 49),
    ("pinmessages", 51),
];

/// Renamed, older and other libraries' names.
const OTHER_NAMES: &[(&str, u8)] = &[
    ("MANAGE_EMOJIS_AND_STICKERS", 30),
    ("ManageEmojisAndStickers", 30),
    ("MANAGE_EMOJIS", 30),
    ("ManageGuildExpressions", 30),
    ("MANAGE_EXPRESSIONS", 30),
    ("CREATE_EXPRESSIONS", 43),
    ("USE_SLASH_COMMANDS", 31),
    ("UseApplicationCommands", 31),
    ("use_commands", 31),
    ("START_EMBEDDED_ACTIVITIES", 39),
    ("StartEmbeddedActivities", 39),
    ("UseEmbeddedActivities", 39),
    ("USE_PUBLIC_THREADS", 35),
    ("UsePublicThreads", 35),
    ("USE_PRIVATE_THREADS", 36),
    ("UsePrivateThreads", 36),
    ("SendTTSMessages", 12),
    ("UseVAD", 25),
    ("external_emojis", 18),
    ("manage_permissions", 28),
    ("use_voice_activation", 25),
    ("create_polls", 49),
    ("timeout_members", 40),
];

fn check(table: &[(&str, u8)]) {
    for &(name, bit) in table {
        let want = Permissions::from_bits_retain(1 << bit);
        assert_eq!(Permissions::from_name(name), Some(want), "{name}");
        assert_eq!(parse_permissions(name), Ok(want), "{name}");
    }
}

#[test]
fn seed_000_table() {
    check(SEED_000);
}

#[test]
fn every_aoi_version() {
    check(AOI_V4);
    check(AOI_V5);
    check(AOI_6_10);
    check(AOI_V6);
}

#[test]
fn renamed_and_other_names() {
    check(OTHER_NAMES);
}

#[test]
fn all_is_every_documented_bit() {
    for name in ["all", "ALL", "All"] {
        assert_eq!(Permissions::from_name(name), Some(Permissions::DISCORD_ALL));
    }
    assert_eq!(parse_permissions("all;admin"), Ok(Permissions::DISCORD_ALL));
}

fn snake(screaming: &str) -> String {
    screaming.to_ascii_lowercase()
}

fn squashed(screaming: &str) -> String {
    screaming.to_ascii_lowercase().replace('_', "")
}

#[test]
fn all_52_bits_in_every_style() {
    let mut seen = 0;
    for bit in 0..64u8 {
        let flag = Permissions::from_bits_retain(1 << bit);
        let (Some(name), Some(pascal)) = (flag.name(), flag.pascal_name()) else {
            assert!(bit == 47 || bit > 52, "bit {bit} has no name");
            continue;
        };
        seen += 1;
        let kebab = snake(name).replace('_', "-");
        for spelling in [
            name.to_owned(),
            pascal.to_owned(),
            snake(name),
            squashed(name),
            kebab,
            pascal.to_ascii_uppercase(),
        ] {
            assert_eq!(Permissions::from_name(&spelling), Some(flag), "{spelling}");
            assert_eq!(parse_permissions(&spelling), Ok(flag), "{spelling}");
        }
    }
    assert_eq!(seen, 52);
}

#[test]
fn name_flag_name_round_trip() {
    for (name, flag) in Permissions::DISCORD_ALL.iter_names() {
        assert_eq!(Permissions::from_name(name), Some(flag));
        assert_eq!(
            Permissions::from_name(name).and_then(Permissions::name),
            Some(name)
        );
        let pascal = flag.pascal_name().unwrap();
        assert_eq!(
            Permissions::from_name(pascal).and_then(Permissions::pascal_name),
            Some(pascal)
        );
        assert_eq!(flag.to_string(), name);
        assert_eq!(name.parse::<Permissions>(), Ok(flag));
    }
    assert_eq!(Permissions::DISCORD_ALL.iter_names().count(), 52);
}

#[test]
fn specific_spellings() {
    assert_eq!(
        Permissions::from_name("SEND_MESSAGES"),
        Some(Permissions::SEND_MESSAGES)
    );
    assert_eq!(
        Permissions::from_name("Send-Messages"),
        Some(Permissions::SEND_MESSAGES)
    );
    assert_eq!(
        Permissions::from_name("sendMessages"),
        Some(Permissions::SEND_MESSAGES)
    );
    assert_eq!(
        Permissions::from_name("SendMessages"),
        Some(Permissions::SEND_MESSAGES)
    );
    assert_eq!(Permissions::from_name("8"), None);
    assert_eq!(Permissions::from_name(""), None);
    assert_eq!(Permissions::from_name("toString"), None);
    assert_eq!(Permissions::from_name("__proto__"), None);
    assert_eq!(Permissions::from_name("update_rtc_region"), None);
    assert_eq!(Permissions::from_name("USE_CLYDE_AI"), None);
    assert_eq!(Permissions::from_name(&"a".repeat(1000)), None);
}

#[test]
fn aoi_style_lists() {
    assert_eq!(
        parse_permissions("administrator;sendmessages;kick").unwrap(),
        Permissions::ADMINISTRATOR | Permissions::SEND_MESSAGES | Permissions::KICK_MEMBERS
    );
    assert_eq!(
        parse_permissions("ViewChannel, SendMessages, EmbedLinks")
            .unwrap()
            .bits(),
        1024 | 2048 | 16384
    );
    assert_eq!(parse_permissions("8; 2048").unwrap().bits(), 2056);
}
