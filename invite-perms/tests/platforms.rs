//! Permissions on both platforms: Fluxer's bit set and names, a bit of one platform under the
//! other as a typed error, the client's names, renames, the 2026 splits, the 2FA marks, and
//! names ↔ bits round trips on each platform in every style.

use invite_perms::{
    NameStyle, ParseOptions, ParsePermissionsError, Permissions, Platform, parse_permission_name,
    parse_permissions_with,
};
use proptest::prelude::*;

const DISCORD: ParseOptions = ParseOptions::new();
const FLUXER: ParseOptions = ParseOptions::new().platform(Platform::Fluxer);

fn on(platform: Platform) -> ParseOptions {
    ParseOptions::new().platform(platform)
}

fn bit(n: u8) -> Permissions {
    Permissions::from_bits_retain(1 << n)
}

/// Fluxer's `Permissions` (`packages/constants/src/ChannelConstants.ts`), as issue 11 and
/// `invite-jobs.md` §4 list them.
const FLUXER_NAMES: &[(u8, &str)] = &[
    (0, "CREATE_INSTANT_INVITE"),
    (1, "KICK_MEMBERS"),
    (2, "BAN_MEMBERS"),
    (3, "ADMINISTRATOR"),
    (4, "MANAGE_CHANNELS"),
    (5, "MANAGE_GUILD"),
    (6, "ADD_REACTIONS"),
    (7, "VIEW_AUDIT_LOG"),
    (8, "PRIORITY_SPEAKER"),
    (9, "STREAM"),
    (10, "VIEW_CHANNEL"),
    (11, "SEND_MESSAGES"),
    (12, "SEND_TTS_MESSAGES"),
    (13, "MANAGE_MESSAGES"),
    (14, "EMBED_LINKS"),
    (15, "ATTACH_FILES"),
    (16, "READ_MESSAGE_HISTORY"),
    (17, "MENTION_EVERYONE"),
    (18, "USE_EXTERNAL_EMOJIS"),
    (20, "CONNECT"),
    (21, "SPEAK"),
    (22, "MUTE_MEMBERS"),
    (23, "DEAFEN_MEMBERS"),
    (24, "MOVE_MEMBERS"),
    (25, "USE_VAD"),
    (26, "CHANGE_NICKNAME"),
    (27, "MANAGE_NICKNAMES"),
    (28, "MANAGE_ROLES"),
    (29, "MANAGE_WEBHOOKS"),
    (30, "MANAGE_EXPRESSIONS"),
    (37, "USE_EXTERNAL_STICKERS"),
    (40, "MODERATE_MEMBERS"),
    (43, "CREATE_EXPRESSIONS"),
    (51, "PIN_MESSAGES"),
    (52, "BYPASS_SLOWMODE"),
    (53, "UPDATE_RTC_REGION"),
    (54, "VIEW_CHANNEL_MEMBERS"),
];

#[test]
fn fluxer_has_exactly_its_bits_with_its_own_names() {
    let mut all = Permissions::empty();
    for &(n, name) in FLUXER_NAMES {
        all |= bit(n);
        assert_eq!(bit(n).name_on(Platform::Fluxer), Some(name), "bit {n}");
        assert_eq!(
            Permissions::from_name_on(name, Platform::Fluxer),
            Some(bit(n))
        );
        assert_eq!(parse_permissions_with(name, FLUXER), Ok(bit(n)), "{name}");
        let rendered = bit(n)
            .names(Platform::Fluxer, NameStyle::Screaming)
            .unwrap();
        assert_eq!(rendered.to_string(), name);
    }
    assert_eq!(Permissions::FLUXER_ALL, all);
    assert_eq!(Platform::Fluxer.permissions(), all);
    assert_eq!(parse_permissions_with("all", FLUXER), Ok(all));
    assert_eq!(
        Permissions::FLUXER_UPDATE_RTC_REGION,
        bit(53),
        "UPDATE_RTC_REGION is bit 53"
    );
    assert_eq!(Permissions::FLUXER_VIEW_CHANNEL_MEMBERS, bit(54));
    // Discord's names of the two renamed bits are accepted on Fluxer too (same permission).
    assert_eq!(
        parse_permissions_with("MANAGE_GUILD_EXPRESSIONS", FLUXER),
        Ok(bit(30))
    );
    assert_eq!(
        parse_permissions_with("CreateGuildExpressions", FLUXER),
        Ok(bit(43))
    );
}

#[test]
fn a_discord_only_permission_under_fluxer_is_an_error_naming_it() {
    for (input, n, name) in [
        ("VIEW_GUILD_INSIGHTS", 19, "VIEW_GUILD_INSIGHTS"),
        ("UseApplicationCommands", 31, "USE_APPLICATION_COMMANDS"),
        ("useappcmds", 31, "USE_APPLICATION_COMMANDS"),
        ("create_events", 44, "CREATE_EVENTS"),
        ("SEND_POLLS", 49, "SEND_POLLS"),
        ("ManageThreads", 34, "MANAGE_THREADS"),
    ] {
        let err = parse_permissions_with(input, FLUXER).unwrap_err();
        assert!(
            matches!(
                err,
                ParsePermissionsError::NotOnPlatform { bit, platform: Platform::Fluxer, .. }
                    if bit == n
            ),
            "{input}: {err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!(
                "permission `{input}` at 0..{} does not exist on Fluxer: bit {n} ({name} on Discord)",
                input.len()
            )
        );
        assert_eq!(err.span(), 0..input.len());
        assert_eq!(Permissions::from_name_on(input, Platform::Fluxer), None);
        // ...and fine on Discord.
        assert_eq!(parse_permissions_with(input, DISCORD), Ok(bit(n)));
    }
    // In a list, the span is that of the item.
    let err = parse_permissions_with("kick; view_guild_insights", FLUXER).unwrap_err();
    assert_eq!(err.span(), 6..25);
    // A number that sets a Discord-only bit, too.
    let err = parse_permissions_with("8 524288", FLUXER).unwrap_err();
    assert_eq!(
        err.to_string(),
        "permission number `524288` at 2..8 sets bits Fluxer does not define: 19 (VIEW_GUILD_INSIGHTS on Discord)"
    );
    assert!(matches!(
        err,
        ParsePermissionsError::UndefinedBits {
            bits: 524_288,
            platform: Platform::Fluxer,
            ..
        }
    ));
}

#[test]
fn a_fluxer_only_permission_under_discord_is_an_error_naming_it() {
    for (input, n) in [("UPDATE_RTC_REGION", 53), ("view-channel-members", 54)] {
        let err = parse_permissions_with(input, DISCORD).unwrap_err();
        assert!(
            matches!(err, ParsePermissionsError::NotOnPlatform { bit, platform: Platform::Discord, .. } if bit == n),
            "{err:?}"
        );
        assert!(
            err.to_string().ends_with(&format!(
                "does not exist on Discord: bit {n} ({} on Fluxer)",
                bit(n).name_on(Platform::Fluxer).unwrap()
            )),
            "{err}"
        );
        assert_eq!(Permissions::from_name(input), None);
    }
    let err = parse_permissions_with("18014398509481984", DISCORD).unwrap_err();
    assert_eq!(
        err.to_string(),
        "permission number `18014398509481984` at 0..17 sets bits Discord does not define: 54 (VIEW_CHANNEL_MEMBERS on Fluxer)"
    );
    // Rendering refuses such bits on the platform that lacks them.
    let err = (Permissions::ADMINISTRATOR | Permissions::FLUXER_VIEW_CHANNEL_MEMBERS)
        .names(Platform::Discord, NameStyle::Screaming)
        .unwrap_err();
    assert_eq!(err.bits(), 1 << 54);
    assert_eq!(
        err.to_string(),
        "bits Discord does not define: 54 (VIEW_CHANNEL_MEMBERS on Fluxer)"
    );
}

#[test]
fn suggestions_offer_only_the_platforms_names() {
    let err = parse_permissions_with("UPDATE_RTC_REGON", FLUXER).unwrap_err();
    assert_eq!(
        err.suggestion().map(|s| s.to_string()).as_deref(),
        Some("UPDATE_RTC_REGION")
    );
    let err = parse_permissions_with("UPDATE_RTC_REGON", DISCORD).unwrap_err();
    assert_eq!(err.suggestion(), None);
    let err = parse_permissions_with("manageexpresions", FLUXER).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown permission `manageexpresions` at 0..16; did you mean `manageexpressions`?"
    );
}

/// Every permission's name in the Discord client (English).
const CLIENT_NAMES: &[(&str, u8)] = &[
    ("Create Invite", 0),
    ("Kick Members", 1),
    ("Ban Members", 2),
    ("Administrator", 3),
    ("Manage Channels", 4),
    ("Manage Server", 5),
    ("Add Reactions", 6),
    ("View Audit Log", 7),
    ("Priority Speaker", 8),
    ("Video", 9),
    ("View Channels", 10),
    ("Send Messages and Create Posts", 11),
    ("Send Text-to-Speech Messages", 12),
    ("Manage Messages", 13),
    ("Embed Links", 14),
    ("Attach Files", 15),
    ("Read Message History", 16),
    ("Mention @everyone, @here, and All Roles", 17),
    ("Use External Emoji", 18),
    ("View Server Insights", 19),
    ("Connect", 20),
    ("Speak", 21),
    ("Mute Members", 22),
    ("Deafen Members", 23),
    ("Move Members", 24),
    ("Use Voice Activity", 25),
    ("Change Nickname", 26),
    ("Manage Nicknames", 27),
    ("Manage Roles", 28),
    ("Manage Webhooks", 29),
    ("Manage Expressions", 30),
    ("Use Application Commands", 31),
    ("Request to Speak", 32),
    ("Manage Events", 33),
    ("Manage Threads and Posts", 34),
    ("Create Public Threads", 35),
    ("Create Private Threads", 36),
    ("Use External Stickers", 37),
    ("Send Messages in Threads and Posts", 38),
    ("Use Activities", 39),
    ("Timeout Members", 40),
    ("View Server Subscription Insights", 41),
    ("Use Soundboard", 42),
    ("Create Expressions", 43),
    ("Create Events", 44),
    ("Use External Sounds", 45),
    ("Send Voice Messages", 46),
    ("Set Voice Channel Status", 48),
    ("Create Polls", 49),
    ("Use External Apps", 50),
    ("Pin Messages", 51),
    ("Bypass Slowmode", 52),
];

#[test]
fn every_client_name_is_accepted_and_rendered() {
    assert_eq!(CLIENT_NAMES.len(), 52);
    for &(name, n) in CLIENT_NAMES {
        assert_eq!(parse_permission_name(name, DISCORD), Ok(bit(n)), "{name}");
        // Any case, and without the spaces in every list spelling.
        let upper = name.to_ascii_uppercase();
        assert_eq!(
            parse_permission_name(&upper, DISCORD),
            Ok(bit(n)),
            "{upper}"
        );
        let squashed: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
        assert_eq!(
            Permissions::from_name(&squashed),
            Some(bit(n)),
            "{squashed}"
        );
        assert_eq!(parse_permissions_with(&squashed, DISCORD), Ok(bit(n)));
        let rendered: Vec<String> = bit(n)
            .names(Platform::Discord, NameStyle::Client)
            .unwrap()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(rendered, [name]);
    }
    // The names the docs give ("Manage Permissions" is MANAGE_ROLES), and issue 11's examples.
    for (name, want) in [
        ("Manage Permissions", Permissions::MANAGE_ROLES),
        ("Manage Server", Permissions::MANAGE_GUILD),
        ("Use Voice Activity", Permissions::USE_VAD),
        ("Timeout Members", Permissions::MODERATE_MEMBERS),
        ("  manage   server  ", Permissions::MANAGE_GUILD),
    ] {
        assert_eq!(parse_permission_name(name, DISCORD), Ok(want), "{name}");
    }
    // A name with spaces is one name, not a list (the list parser keeps splitting on spaces).
    assert!(parse_permissions_with("Manage Server", DISCORD).is_err());
    assert_eq!(
        parse_permission_name("Manage Servr", DISCORD)
            .unwrap_err()
            .to_string(),
        "unknown permission `Manage Servr` at 0..12; did you mean `Manage Server`?"
    );
    assert_eq!(
        parse_permission_name("  Kick Membrs", DISCORD)
            .unwrap_err()
            .span(),
        2..13
    );
    // Numbers are not names; blank input is empty.
    assert!(matches!(
        parse_permission_name("8", DISCORD),
        Err(ParsePermissionsError::UnknownName {
            suggestion: None,
            ..
        })
    ));
    assert_eq!(
        parse_permission_name(" \t", DISCORD),
        Err(ParsePermissionsError::Empty)
    );
    // Fluxer's client name of its own bit 53.
    assert_eq!(
        parse_permission_name("Set Voice Region", FLUXER),
        Ok(Permissions::FLUXER_UPDATE_RTC_REGION)
    );
    assert!(matches!(
        parse_permission_name("View Server Insights", FLUXER),
        Err(ParsePermissionsError::NotOnPlatform { bit: 19, .. })
    ));
}

#[test]
fn renames_and_the_2026_splits() {
    // The rename: the old name is accepted, the new one is what is written.
    for old in [
        "MANAGE_EMOJIS_AND_STICKERS",
        "ManageEmojisAndStickers",
        "manageemojis",
    ] {
        let p = parse_permissions_with(old, DISCORD).unwrap();
        assert_eq!(p, Permissions::MANAGE_GUILD_EXPRESSIONS);
        assert_eq!(p.to_string(), "MANAGE_GUILD_EXPRESSIONS");
        let p = parse_permissions_with(old, FLUXER).unwrap();
        let fluxer = p.names(Platform::Fluxer, NameStyle::Screaming).unwrap();
        assert_eq!(fluxer.to_string(), "MANAGE_EXPRESSIONS");
    }
    // The splits, each its own bit apart from the permission it was split from.
    for (name, n, from) in [
        ("PIN_MESSAGES", 51, Permissions::MANAGE_MESSAGES),
        ("BYPASS_SLOWMODE", 52, Permissions::MANAGE_MESSAGES),
        (
            "CREATE_GUILD_EXPRESSIONS",
            43,
            Permissions::MANAGE_GUILD_EXPRESSIONS,
        ),
        ("CREATE_EVENTS", 44, Permissions::MANAGE_EVENTS),
    ] {
        let p = parse_permissions_with(name, DISCORD).unwrap();
        assert_eq!(p, bit(n));
        assert!(!p.intersects(from));
        assert_eq!(p.name(), Some(name));
    }
    // Fluxer has three of the four.
    assert_eq!(parse_permissions_with("PIN_MESSAGES", FLUXER), Ok(bit(51)));
    assert_eq!(
        parse_permissions_with("BYPASS_SLOWMODE", FLUXER),
        Ok(bit(52))
    );
    assert_eq!(
        parse_permissions_with("CREATE_EXPRESSIONS", FLUXER),
        Ok(bit(43))
    );
    assert!(parse_permissions_with("CREATE_EVENTS", FLUXER).is_err());
}

#[test]
fn two_factor_permissions_as_discord_documents_them() {
    let names: Vec<String> = Permissions::REQUIRES_2FA
        .names(Platform::Discord, NameStyle::Screaming)
        .unwrap()
        .map(|n| n.to_string())
        .collect();
    assert_eq!(
        names,
        [
            "KICK_MEMBERS",
            "BAN_MEMBERS",
            "ADMINISTRATOR",
            "MANAGE_CHANNELS",
            "MANAGE_GUILD",
            "MANAGE_MESSAGES",
            "MANAGE_ROLES",
            "MANAGE_WEBHOOKS",
            "MANAGE_GUILD_EXPRESSIONS",
            "MANAGE_THREADS",
            "VIEW_CREATOR_MONETIZATION_ANALYTICS",
        ]
    );
    let p = parse_permissions_with("administrator sendmessages", DISCORD).unwrap();
    assert_eq!(p.bits(), 2056);
    assert_eq!(p.requires_2fa(), Permissions::ADMINISTRATOR);
    let marked: Vec<bool> = p
        .names(Platform::Discord, NameStyle::Screaming)
        .unwrap()
        .map(|n| n.requires_2fa())
        .collect();
    assert_eq!(marked, [true, false]);
    // Timeout Members is not marked (the docs' `**` is another footnote).
    assert!(!Permissions::MODERATE_MEMBERS.intersects(Permissions::REQUIRES_2FA));
    // On Fluxer, the shared bits keep their marks.
    let fluxer = Permissions::MANAGE_GUILD_EXPRESSIONS
        .names(Platform::Fluxer, NameStyle::Screaming)
        .unwrap()
        .next()
        .unwrap();
    assert!(fluxer.requires_2fa());
}

/// The bits a platform has, for strategies.
fn platform_bits(platform: Platform) -> Vec<u8> {
    (0..64)
        .filter(|&n| bit(n).undefined_bits_on(platform) == 0)
        .collect()
}

fn subset(platform: Platform) -> impl Strategy<Value = Permissions> {
    let bits = platform_bits(platform);
    proptest::sample::subsequence(bits.clone(), 0..=bits.len())
        .prop_map(|picked| picked.into_iter().map(bit).collect::<Permissions>())
}

fn platform() -> impl Strategy<Value = Platform> {
    prop_oneof![Just(Platform::Discord), Just(Platform::Fluxer)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn names_and_bits_round_trip_on_discord(p in subset(Platform::Discord), style in 0..4usize) {
        round_trip(p, Platform::Discord, style)?;
    }

    #[test]
    fn names_and_bits_round_trip_on_fluxer(p in subset(Platform::Fluxer), style in 0..4usize) {
        round_trip(p, Platform::Fluxer, style)?;
    }

    #[test]
    fn client_names_round_trip_one_at_a_time(
        (platform, p) in platform().prop_flat_map(|pl| (Just(pl), subset(pl)))
    ) {
        let mut back = Permissions::empty();
        for name in p.names(platform, NameStyle::Client).unwrap() {
            let text = name.to_string();
            let one = parse_permission_name(&text, on(platform));
            prop_assert_eq!(one, Ok(name.permissions()), "{}", text);
            back |= name.permissions();
        }
        prop_assert_eq!(back, p);
    }

    #[test]
    fn bits_outside_the_platform_never_render(platform in platform(), raw in any::<u64>()) {
        let p = Permissions::from_bits_retain(raw);
        let missing = p.undefined_bits_on(platform);
        match p.names(platform, NameStyle::Screaming) {
            Ok(names) => {
                prop_assert_eq!(missing, 0);
                prop_assert_eq!(names.len() as u32, raw.count_ones());
            }
            Err(e) => {
                prop_assert_eq!(e.bits(), missing);
                prop_assert_eq!(e.platform(), platform);
            }
        }
        // The decimal form parses on the platform exactly when every bit is the platform's.
        let strict = parse_permissions_with(&raw.to_string(), on(platform));
        prop_assert_eq!(strict.is_ok(), missing == 0);
    }

    #[test]
    fn single_names_never_panic_and_suggest_what_parses(
        platform in platform(),
        s in "[ -~]{0,40}|.{0,10}",
    ) {
        match parse_permission_name(&s, on(platform)) {
            Ok(p) => prop_assert_eq!(p.undefined_bits_on(platform), 0),
            Err(e) => {
                let span = e.span();
                prop_assert!(s.get(span).is_some());
                if let Some(sugg) = e.suggestion() {
                    let back = parse_permission_name(&sugg.to_string(), on(platform));
                    prop_assert_eq!(back, Ok(sugg.permissions()), "{}", sugg);
                }
            }
        }
    }
}

/// Renders `p` on `platform` in a list style and parses it back there.
fn round_trip(p: Permissions, platform: Platform, style: usize) -> Result<(), TestCaseError> {
    let style = [
        NameStyle::Screaming,
        NameStyle::Snake,
        NameStyle::Pascal,
        NameStyle::Aoi,
    ][style];
    let names = p.names(platform, style).unwrap();
    prop_assert_eq!(names.len() as u32, p.bits().count_ones());
    let text = names.to_string();
    prop_assert_eq!(
        parse_permissions_with(&text, on(platform)),
        Ok(p),
        "{}",
        text
    );
    // Each name alone, and the names in bit order.
    let mut previous = None;
    for name in names {
        prop_assert!(previous < Some(name.bit()));
        previous = Some(name.bit());
        let one = parse_permissions_with(&name.to_string(), on(platform));
        prop_assert_eq!(one, Ok(name.permissions()));
        prop_assert_eq!(
            name.requires_2fa(),
            name.permissions().intersects(Permissions::REQUIRES_2FA)
        );
    }
    Ok(())
}
