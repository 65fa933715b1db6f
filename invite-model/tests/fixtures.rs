//! Every fixture in `tests/fixtures/`, checked field by field, plus a serialize → deserialize
//! round trip of each.

use invite_model::{
    ChannelType, CowStr, GuildInviteFlags, Invite, InviteType, JobStatus, NsfwLevel, Platform,
    PremiumTier, RecurrenceFrequency, RecurrenceWeekday, ScheduledEventEntityType,
    ScheduledEventPrivacyLevel, ScheduledEventStatus, Snowflake, SplashCardAlignment, TargetType,
    Timestamp, VerificationLevel,
};

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/",
            $name
        ))
        .as_slice()
    };
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn parse(bytes: &[u8]) -> Invite<'_> {
    serde_json::from_slice(bytes).unwrap()
}

/// Serializes, parses back, and checks the value is unchanged and the text is stable.
fn assert_round_trip(invite: &Invite<'_>) {
    let text = serde_json::to_string(invite).unwrap();
    let back: Invite<'_> = serde_json::from_str(&text).unwrap();
    assert_eq!(
        &back, invite,
        "round trip changed the value; JSON was {text}"
    );
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
    let owned = invite.clone().into_owned();
    assert_eq!(&owned, invite);
}

const ALIEN: Snowflake = Snowflake(852_892_297_661_906_993);
const ALIEN_GUILD: Snowflake = Snowflake(1_046_920_999_469_330_512);

#[test]
fn seed_get_invite_with_target_application() {
    let i = parse(fixture!("discord_get_invite_target_application.json"));
    assert_eq!(i.kind, Some(InviteType::GUILD));
    assert_eq!(i.code, "jvuBeT38");
    assert!(i.code.is_borrowed());
    let inviter = i.inviter.as_ref().unwrap();
    assert_eq!(inviter.id, ALIEN);
    assert_eq!(inviter.username, "alien");
    assert_eq!(
        inviter.avatar.as_deref(),
        Some("05145cc5646fbcba277b6d5ea2030610")
    );
    assert_eq!(inviter.discriminator.as_deref(), Some("0"));
    assert_eq!(inviter.public_flags, Some(4_194_432));
    assert_eq!(inviter.banner, None);
    assert_eq!(inviter.accent_color, None);
    assert_eq!(inviter.global_name.as_deref(), Some("Alien"));
    assert_eq!(inviter.display_name(), "Alien");
    assert_eq!(i.expires_at, Some(ts("2023-07-22T18:30:11+00:00")));

    let g = i.guild.as_ref().unwrap();
    assert_eq!(g.id, ALIEN_GUILD);
    assert_eq!(g.name, "Alien Network");
    assert_eq!(
        g.splash.as_deref(),
        Some("b40e61f7730b8781b9a551964570e0cc")
    );
    assert_eq!(
        g.banner.as_deref(),
        Some("a_98d07f130569f17e8352df80c3a2bc2b")
    );
    assert_eq!(
        g.description.as_deref(),
        Some("Where the 👽s 👽 and sometimes very 👽 things happen 😨.")
    );
    assert_eq!(g.icon.as_deref(), Some("66b0f4d96c145970fa9d96ada8afadf3"));
    assert!(g.features.is_empty());
    assert_eq!(g.verification_level, Some(VerificationLevel::MEDIUM));
    assert_eq!(g.vanity_url_code.as_deref(), Some("alien"));
    assert_eq!(g.premium_subscription_count, Some(14));
    assert_eq!(g.nsfw, Some(false));
    assert_eq!(g.nsfw_level, Some(NsfwLevel::DEFAULT));
    assert_eq!(g.premium_tier, None);
    assert_eq!(i.guild_id, Some(ALIEN_GUILD));

    let c = i.channel.as_ref().unwrap();
    assert_eq!(c.id, Snowflake(1_057_241_425_793_798_144));
    assert_eq!(c.kind, ChannelType::GUILD_VOICE);
    assert_eq!(c.name.as_deref(), Some("alien noises"));
    assert_eq!(c.recipients, None);

    assert_eq!(i.target_type, Some(TargetType::EMBEDDED_APPLICATION));
    let app = i.target_application.as_ref().unwrap();
    assert_eq!(app.id, Some(Snowflake(880_218_394_199_220_334)));
    assert_eq!(app.name.as_deref(), Some("Watch Together"));
    assert_eq!(
        app.icon.as_deref(),
        Some("ec48acbad4c32efab4275cb9f3ca3a58")
    );
    assert_eq!(
        app.description.as_deref(),
        Some(
            "Create and watch a playlist of YouTube videos with your friends. Your choice to share the remote or not. "
        )
    );
    assert_eq!(app.kind, None);
    assert_eq!(app.is_monetized, Some(false));
    assert_eq!(app.is_verified, Some(false));
    assert_eq!(app.is_discoverable, Some(false));
    assert_eq!(
        app.cover_image.as_deref(),
        Some("3cc9446876ae9eec6e06ff565703c292")
    );
    let bot = app.bot.as_ref().unwrap();
    assert_eq!(bot.id, Snowflake(880_218_394_199_220_334));
    assert_eq!(bot.username, "Watch Together");
    assert_eq!(bot.discriminator.as_deref(), Some("5319"));
    assert_eq!(bot.public_flags, Some(0));
    assert_eq!(bot.bot, Some(true));
    assert_eq!(bot.global_name, None);
    assert_eq!(app.summary.as_deref(), Some(""));
    assert_eq!(app.bot_public, Some(false));
    assert_eq!(app.bot_require_code_grant, Some(false));
    assert_eq!(
        app.terms_of_service_url.as_deref(),
        Some("https://discord.com/terms")
    );
    assert_eq!(
        app.privacy_policy_url.as_deref(),
        Some("https://discord.com/privacy")
    );
    assert_eq!(
        app.verify_key.as_deref(),
        Some("e2aaf50fbe2fd9d025ac669035f5efb89099931690fba9dc28efb7eaade7f96d")
    );
    assert_eq!(app.flags, Some(1_179_648));
    assert_eq!(app.max_participants, Some(-1));
    assert_eq!(
        app.tags,
        Some(vec![CowStr::from("Video Player"), CowStr::from("Watch")])
    );
    assert_eq!(app.hook, Some(true));
    assert_eq!(app.storefront_available, Some(false));

    assert_eq!(i.approximate_member_count, Some(100));
    assert_eq!(i.approximate_presence_count, Some(99));
    assert_eq!(
        (i.member_count(), i.presence_count()),
        (Some(100), Some(99))
    );
    assert_eq!(i.is_nickname_changeable, Some(true));
    // Not a metadata payload.
    assert_eq!(
        (i.uses, i.max_uses, i.max_age, i.temporary, i.created_at),
        (None, None, None, None, None)
    );
    assert_eq!(i.kind_name(Platform::Discord), Some("GUILD"));
    assert_eq!(
        i.link(Platform::Discord).to_string(),
        "https://discord.gg/jvuBeT38"
    );
    assert_round_trip(&i);
}

#[test]
fn seed_invite_with_metadata() {
    let i = parse(fixture!("discord_invite_with_metadata.json"));
    assert_eq!(i.kind, Some(InviteType::GUILD));
    assert_eq!(i.code, "jvuBeT38");
    assert_eq!(i.inviter.as_ref().map(|u| u.id), Some(ALIEN));
    assert_eq!(i.max_age, Some(604_800));
    assert_eq!(i.created_at, Some(ts("2023-07-15T18:30:11.047+00:00")));
    assert_eq!(
        i.created_at.map(|t| t.unix_millis()),
        Some(1_689_445_811_047)
    );
    assert_eq!(i.expires_at, Some(ts("2023-07-22T18:30:11Z")));
    let g = i.guild.as_ref().unwrap();
    assert_eq!(g.premium_tier, Some(PremiumTier::TIER_3));
    assert_eq!(g.premium_subscription_count, Some(14));
    assert_eq!(g.nsfw_level, Some(NsfwLevel::DEFAULT));
    assert_eq!(i.guild_id, Some(ALIEN_GUILD));
    assert_eq!(
        i.channel.as_ref().map(|c| c.kind),
        Some(ChannelType::GUILD_VOICE)
    );
    assert_eq!(i.uses, Some(0));
    assert_eq!(i.max_uses, Some(0));
    assert_eq!(i.temporary, Some(false));
    assert_eq!(i.target_type, None);
    assert_eq!(i.approximate_member_count, None);
    assert!(!i.is_expired_at(ts("2023-07-22T18:30:10Z")));
    assert!(i.is_expired_at(ts("2023-07-22T18:30:11Z")));
    assert_round_trip(&i);
}

#[test]
fn seed_fluxer_create_response_verbatim_has_placeholder_ids() {
    // The seed's example uses the placeholder "<string>" for every id, which is not a snowflake:
    // it is rejected with an error that names the value and the position.
    let err = serde_json::from_slice::<Invite<'_>>(fixture!("fluxer_create_invite_response.json"))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid value: string \"<string>\", expected a snowflake id as a decimal string or a non-negative integer at line 5 column 20"
    );
}

#[test]
fn seed_fluxer_create_response() {
    // The same payload with its three placeholder ids replaced by real ones.
    let i = parse(fixture!("fluxer_create_invite_response_real_ids.json"));
    assert_eq!(i.code, "<string>");
    assert_eq!(i.kind, Some(InviteType::GUILD));
    let g = i.guild.as_ref().unwrap();
    assert_eq!(g.id, Snowflake(1_429_834_750_392_918_016));
    assert_eq!(g.name, "<string>");
    assert_eq!(g.splash_card_alignment, Some(SplashCardAlignment::CENTER));
    assert_eq!(g.features, [CowStr::from("<string>")]);
    assert_eq!(g.icon.as_deref(), Some("<string>"));
    assert_eq!(g.banner.as_deref(), Some("<string>"));
    assert_eq!(g.banner_width, Some(1_073_741_823));
    assert_eq!(g.banner_height, Some(1_073_741_823));
    assert_eq!(g.splash.as_deref(), Some("<string>"));
    assert_eq!(g.splash_width, Some(1_073_741_823));
    assert_eq!(g.splash_height, Some(1_073_741_823));
    assert_eq!(g.embed_splash.as_deref(), Some("<string>"));
    assert_eq!(g.embed_splash_width, Some(1_073_741_823));
    assert_eq!(g.embed_splash_height, Some(1_073_741_823));
    let c = i.channel.as_ref().unwrap();
    assert_eq!(c.id, Snowflake(1_429_834_750_392_918_020));
    assert_eq!(c.kind, ChannelType(1_073_741_823));
    assert_eq!(c.name.as_deref(), Some("<string>"));
    let recipients = c.recipients.as_deref().unwrap();
    assert_eq!(recipients.len(), 1);
    assert_eq!(recipients[0].username, "<string>");
    assert_eq!(i.member_count, Some(1_073_741_823));
    assert_eq!(i.presence_count, Some(1_073_741_823));
    assert_eq!(i.member_count(), Some(1_073_741_823));
    assert_eq!(i.approximate_member_count, None);
    assert_eq!(i.temporary, Some(true));
    assert_eq!(i.created_at, Some(ts("2023-11-07T05:31:56Z")));
    assert_eq!(
        (i.uses, i.max_uses, i.max_age),
        (
            Some(1_073_741_823),
            Some(1_073_741_823),
            Some(1_073_741_823)
        )
    );
    let u = i.inviter.as_ref().unwrap();
    assert_eq!(u.id, Snowflake(1_429_834_000_000_000_001));
    assert_eq!(u.username, "<string>");
    assert_eq!(u.discriminator.as_deref(), Some("<string>"));
    assert_eq!(u.global_name.as_deref(), Some("<string>"));
    assert_eq!(u.avatar.as_deref(), Some("<string>"));
    assert_eq!(u.avatar_color, Some(1_073_741_823));
    assert_eq!(u.flags, Some(1_073_741_823));
    assert_eq!(u.public_flags, None);
    assert_eq!((u.bot, u.system), (Some(true), Some(true)));
    assert_eq!(i.expires_at, Some(ts("2023-11-07T05:31:56Z")));
    assert_round_trip(&i);
}

#[test]
fn group_dm() {
    let i = parse(fixture!("discord_group_dm.json"));
    assert_eq!(i.kind, Some(InviteType::GROUP_DM));
    assert_eq!(i.kind_name(Platform::Discord), Some("GROUP_DM"));
    assert_eq!(i.guild, None);
    assert_eq!(i.guild_id(), None);
    let c = i.channel.as_ref().unwrap();
    assert_eq!(c.kind, ChannelType::GROUP_DM);
    assert_eq!(c.name, None, "null name of an unnamed group DM");
    assert_eq!(c.icon.as_deref(), Some("c2a8ad1b0f1d8e5a3c8e2b7f2f1e0d9c"));
    let names: Vec<&str> = c
        .recipients
        .iter()
        .flatten()
        .map(|r| r.username.as_str())
        .collect();
    assert_eq!(names, ["alien", "nyx", "orbit.cat"]);
    assert_eq!(i.approximate_member_count, Some(3));
    assert_eq!(i.max_age, Some(86_400));
    assert_eq!(i.uses, None, "group DM invites do not track uses");
    assert_eq!(i.inviter.as_ref().and_then(|u| u.flags), Some(4_194_432));
    assert_eq!(i.expiry(), Some(ts("2025-02-11T09:15:42Z")));
    assert_round_trip(&i);
}

#[test]
fn friend_invite() {
    let i = parse(fixture!("discord_friend_invite.json"));
    assert_eq!(i.kind, Some(InviteType::FRIEND));
    assert_eq!(i.kind_name(Platform::Discord), Some("FRIEND"));
    assert_eq!(i.channel, None, "channel: null");
    assert_eq!(i.guild, None);
    assert_eq!(i.friends_count, Some(42));
    assert_eq!(i.is_contact, Some(false));
    assert_eq!((i.uses, i.max_uses), (Some(1), Some(5)));
    assert_eq!(i.flags, Some(GuildInviteFlags::empty()));
    assert_eq!(i.inviter.as_ref().and_then(|u| u.bot), Some(false));
    assert_eq!(i.inferred_kind(), Some(InviteType::FRIEND));
    assert_round_trip(&i);
    // null and absent channel read the same; None is written as absent.
    let text = serde_json::to_string(&i).unwrap();
    assert!(!text.contains("\"channel\""));
}

#[test]
fn guild_invite_with_event_roles_flags_and_job() {
    let i = parse(fixture!("discord_guild_event_roles.json"));
    assert_eq!(i.code, "nJFammZ7");
    assert_eq!(i.max_age, Some(0));
    assert_eq!(i.expires_at, None);
    assert_eq!(i.expiry(), None);
    assert!(!i.is_expired_at(ts("2100-01-01T00:00:00Z")));
    let inviter = i.inviter.as_ref().unwrap();
    assert_eq!(inviter.accent_color, Some(3_447_003));

    let g = i.guild.as_ref().unwrap();
    assert_eq!(
        g.features,
        ["COMMUNITY", "NEWS", "WELCOME_SCREEN_ENABLED"].map(CowStr::from)
    );
    assert!(g.has_feature("WELCOME_SCREEN_ENABLED"));
    assert_eq!(g.verification_level, Some(VerificationLevel::LOW));
    assert_eq!(g.premium_tier, Some(PremiumTier::TIER_1));
    assert_eq!(g.description, None);
    let w = g.welcome_screen.as_ref().unwrap();
    assert_eq!(w.description.as_deref(), Some("Welcome aboard!"));
    assert_eq!(w.welcome_channels.len(), 1);
    assert_eq!(
        w.welcome_channels[0].channel_id,
        Snowflake(1_046_920_999_469_330_515)
    );
    assert_eq!(
        w.welcome_channels[0].description.as_deref(),
        Some("Read the rules")
    );
    assert_eq!(w.welcome_channels[0].emoji_id, None);
    assert_eq!(w.welcome_channels[0].emoji_name.as_deref(), Some("📜"));

    let e = i.guild_scheduled_event.as_ref().unwrap();
    assert_eq!(e.id, Snowflake(1_357_019_876_543_210_001));
    assert_eq!(e.guild_id, Some(ALIEN_GUILD));
    assert_eq!(e.channel_id, Some(Snowflake(1_057_241_425_793_798_144)));
    assert_eq!(e.creator_id, Some(ALIEN));
    assert_eq!(e.name.as_deref(), Some("Movie night"));
    assert_eq!(e.description.as_deref(), Some("Bring snacks"));
    assert_eq!(e.scheduled_start_time, Some(ts("2025-04-12T19:00:00Z")));
    assert_eq!(e.scheduled_end_time, None);
    assert_eq!(
        e.privacy_level,
        Some(ScheduledEventPrivacyLevel::GUILD_ONLY)
    );
    assert_eq!(e.status, Some(ScheduledEventStatus::SCHEDULED));
    assert_eq!(e.entity_type, Some(ScheduledEventEntityType::VOICE));
    assert_eq!(e.entity_id, None);
    assert_eq!(e.entity_metadata, None);
    assert_eq!(e.sku_ids, Some(vec![]));
    assert_eq!(
        e.creator.as_ref().map(|u| u.username.as_str()),
        Some("alien")
    );
    assert_eq!(e.user_count, Some(17));
    assert_eq!(e.image, None);
    let r = e.recurrence_rule.as_ref().unwrap();
    assert_eq!(r.start, Some(ts("2025-04-12T19:00:00Z")));
    assert_eq!(r.end, None);
    assert_eq!(r.frequency, Some(RecurrenceFrequency::WEEKLY));
    assert_eq!(r.interval, Some(1));
    assert_eq!(r.by_weekday, Some(vec![RecurrenceWeekday::SATURDAY]));
    assert_eq!(
        (r.by_n_weekday.as_ref(), r.by_month.as_ref(), r.count),
        (None, None, None)
    );

    assert_eq!(
        i.flags,
        Some(GuildInviteFlags::IS_GUEST_INVITE | GuildInviteFlags::IS_APPLICATION_BYPASS)
    );
    let roles = i.roles.as_ref().unwrap();
    assert_eq!(roles.len(), 2);
    assert_eq!(roles[0].id, Snowflake(1_046_920_999_469_330_600));
    assert_eq!(roles[0].name.as_deref(), Some("Guest"));
    assert_eq!(roles[0].position, Some(2));
    assert_eq!(roles[0].color, Some(3_447_003));
    assert_eq!(roles[0].icon, None);
    assert_eq!(roles[0].unicode_emoji, None);
    let colors = roles[1].colors.unwrap();
    assert_eq!(
        (
            colors.primary_color,
            colors.secondary_color,
            colors.tertiary_color
        ),
        (15_844_367, Some(10_181_046), None)
    );
    assert_eq!(
        roles[1].icon.as_deref(),
        Some("2c1f2e5d9a5b4b1c8d7e6f5a4b3c2d1e")
    );
    assert_eq!(roles[1].unicode_emoji.as_deref(), Some("🍿"));

    let j = i.target_users_job_status.as_ref().unwrap();
    assert_eq!(j.status, JobStatus::COMPLETED);
    assert_eq!((j.total_users, j.processed_users), (250, 250));
    assert_eq!(j.created_at, Some(ts("2025-04-02T16:20:06Z")));
    assert_eq!(j.completed_at, Some(ts("2025-04-02T16:20:09.25Z")));
    assert_eq!(j.error_message, None);

    assert_eq!(
        (i.uses, i.max_uses, i.temporary),
        (Some(4), Some(100), Some(false))
    );
    assert_eq!(i.is_nickname_changeable, Some(false));
    assert_eq!(
        (i.member_count(), i.presence_count()),
        (Some(1520), Some(311))
    );
    assert_round_trip(&i);
}

#[test]
fn old_2021_payload() {
    let i = parse(fixture!("discord_2021_target_user_type.json"));
    assert_eq!(i.kind, None);
    assert_eq!(i.inferred_kind(), Some(InviteType::GUILD));
    assert_eq!(i.kind_name(Platform::Discord), None);
    assert_eq!(i.code, "0vCdhLbwjZZTWZLD");
    assert_eq!(
        i.target_type,
        Some(TargetType::STREAM),
        "read from target_user_type"
    );
    let t = i.target_user.as_ref().unwrap();
    assert_eq!(t.username, "bob");
    assert_eq!(t.discriminator.as_deref(), Some("1234"));
    assert_eq!(t.global_name, None);
    assert_eq!(t.public_flags, Some(64));
    let g = i.guild.as_ref().unwrap();
    assert_eq!(g.nsfw_level, None);
    assert_eq!(g.features, ["NEWS", "DISCOVERABLE"].map(CowStr::from));
    assert_eq!(g.description.as_deref(), Some("Some description"));
    assert_eq!(i.guild_id, None);
    assert_eq!(i.guild_id(), Some(Snowflake(165_176_875_973_476_352)));
    assert_eq!(i.expires_at, None);
    assert_eq!(
        (i.approximate_member_count, i.approximate_presence_count),
        (Some(69), Some(42))
    );
    // Written back under today's name.
    let text = serde_json::to_string(&i).unwrap();
    assert!(text.contains("\"target_type\":1"));
    assert!(!text.contains("target_user_type"));
    assert_round_trip(&i);
}

#[test]
fn fluxer_guild_invite_without_metadata() {
    let i = parse(fixture!("fluxer_guild_invite.json"));
    assert_eq!(i.kind_name(Platform::Fluxer), Some("GUILD"));
    assert_eq!(i.code, "Xk3pQ9aZ");
    let g = i.guild.as_ref().unwrap();
    assert_eq!(g.id, Snowflake(1_429_834_750_392_918_016));
    assert_eq!(g.name, "Fluxer HQ");
    assert_eq!(
        (g.banner.as_ref(), g.banner_width, g.banner_height),
        (None, None, None)
    );
    assert_eq!((g.splash_width, g.splash_height), (Some(1920), Some(1080)));
    assert_eq!(g.splash_card_alignment, Some(SplashCardAlignment::LEFT));
    assert_eq!(g.embed_splash, None);
    assert_eq!(g.verification_level, None);
    assert_eq!(g.features, ["DISCOVERABLE", "VANITY_URL"].map(CowStr::from));
    let u = i.inviter.as_ref().unwrap();
    assert_eq!(u.avatar_color, Some(5_793_266));
    assert_eq!(u.discriminator.as_deref(), Some("0001"));
    assert_eq!(u.flags, Some(0));
    assert_eq!((i.member_count, i.presence_count), (Some(2048), Some(512)));
    assert_eq!(
        (i.member_count(), i.presence_count()),
        (Some(2048), Some(512))
    );
    assert_eq!(i.temporary, Some(false));
    assert_eq!((i.uses, i.max_uses, i.created_at), (None, None, None));
    assert_eq!(
        i.link(Platform::Fluxer).to_string(),
        "https://fluxer.gg/Xk3pQ9aZ"
    );
    assert_round_trip(&i);
}

#[test]
fn fluxer_group_dm() {
    let i = parse(fixture!("fluxer_group_dm.json"));
    assert_eq!(i.kind_name(Platform::Fluxer), Some("GROUP_DM"));
    assert_eq!(i.guild, None);
    let c = i.channel.as_ref().unwrap();
    assert_eq!((c.kind, c.name.as_ref()), (ChannelType::GROUP_DM, None));
    assert_eq!(c.recipients.as_ref().map(Vec::len), Some(2));
    assert_eq!(i.member_count(), Some(2));
    assert_eq!(i.presence_count(), None);
    let u = i.inviter.as_ref().unwrap();
    assert_eq!(
        (u.global_name.as_ref(), u.avatar_color, u.system),
        (None, None, Some(false))
    );
    assert_eq!(i.expires_at, Some(ts("2026-01-10T08:00:00Z")));
    assert_round_trip(&i);
}

#[test]
fn fluxer_emoji_pack() {
    let i = parse(fixture!("fluxer_emoji_pack.json"));
    assert_eq!(i.kind, Some(InviteType::FLUXER_EMOJI_PACK));
    assert_eq!(i.kind_name(Platform::Fluxer), Some("EMOJI_PACK"));
    assert_eq!(i.kind_name(Platform::Discord), Some("FRIEND"));
    assert_eq!(i.channel, None);
    assert_eq!(i.inviter, None, "inviter: null");
    let p = i.pack.as_ref().unwrap();
    assert_eq!(p.id, Snowflake(1_432_000_000_000_000_500));
    assert_eq!(p.name.as_deref(), Some("Blob party"));
    assert_eq!(p.description.as_deref(), Some("Blobs for every mood"));
    assert!(p.is_emoji());
    assert_eq!(p.creator_id, Some(Snowflake(1_429_834_000_000_000_001)));
    assert_eq!(p.created_at, Some(ts("2025-12-01T10:00:00Z")));
    assert_eq!(p.updated_at, Some(ts("2025-12-24T18:30:00Z")));
    assert_eq!(
        p.creator.as_ref().map(invite_model::User::display_name),
        Some("Hampus")
    );
    assert_eq!((i.uses, i.max_uses, i.max_age), (Some(12), Some(0), None));
    assert_eq!(i.created_at, Some(ts("2025-12-25T09:00:00Z")));
    assert_round_trip(&i);
}

#[test]
fn escaped_strings_are_decoded_and_owned() {
    let i = parse(fixture!("escaped_strings.json"));
    assert_eq!(i.code, "esc4peZ");
    assert!(i.code.is_borrowed());
    let g = i.guild.as_ref().unwrap();
    assert_eq!(g.name, "Café \"Quotes\"");
    assert!(!g.name.is_borrowed());
    assert_eq!(
        g.description.as_deref(),
        Some("Line one\nLine two\t\\ end 👽")
    );
    assert_eq!(g.features, ["COMMUNITY", "NEWS_CHANNEL"].map(CowStr::from));
    assert!(g.features[0].is_borrowed());
    assert!(!g.features[1].is_borrowed());
    assert_eq!(
        i.channel.as_ref().and_then(|c| c.name.as_deref()),
        Some("général")
    );
    let u = i.inviter.as_ref().unwrap();
    assert_eq!(u.username, "alïen");
    assert_eq!(u.global_name.as_deref(), Some("👽 Alien / \"A\""));
    assert_round_trip(&i);
}

#[test]
fn unknown_values_and_fields_are_kept_or_ignored() {
    let i = parse(fixture!("unknown_values.json"));
    assert_eq!(i.kind, Some(InviteType(7)));
    assert_eq!(i.kind_name(Platform::Discord), None);
    assert_eq!(i.kind_name(Platform::Fluxer), None);
    assert_eq!(i.target_type, Some(TargetType(9)));
    assert_eq!(i.flags.map(|f| f.bits()), Some(1_048_585));
    assert!(i.flags.unwrap().contains(GuildInviteFlags::IS_GUEST_INVITE));
    let g = i.guild.as_ref().unwrap();
    assert_eq!(g.verification_level, Some(VerificationLevel(9)));
    assert_eq!(g.nsfw_level, Some(NsfwLevel(8)));
    assert_eq!(g.premium_tier, Some(PremiumTier(6)));
    assert_eq!(i.channel.as_ref().map(|c| c.kind), Some(ChannelType(42)));
    let e = i.guild_scheduled_event.as_ref().unwrap();
    assert_eq!(e.status, Some(ScheduledEventStatus(9)));
    assert_eq!(e.entity_type, Some(ScheduledEventEntityType(7)));
    assert_eq!(e.privacy_level, Some(ScheduledEventPrivacyLevel(3)));
    assert_eq!(
        i.target_users_job_status.as_ref().map(|j| j.status),
        Some(JobStatus(5))
    );
    assert_round_trip(&i);
    let text = serde_json::to_string(&i).unwrap();
    assert!(text.contains("\"type\":7"));
    assert!(text.contains("\"target_type\":9"));
    assert!(text.contains("\"flags\":1048585"));
    assert!(text.contains("\"type\":42"));
    for ignored in [
        "future_field",
        "another_unknown",
        "profile",
        "parent_id",
        "some_new_guild_field",
    ] {
        assert!(
            !text.contains(ignored),
            "{ignored} should not be written back"
        );
    }
}

#[test]
fn ids_as_numbers_or_strings() {
    let i = parse(fixture!("ids_numbers_and_strings.json"));
    assert_eq!(i.guild_id, Some(ALIEN_GUILD));
    assert_eq!(i.guild.as_ref().map(|g| g.id), Some(ALIEN_GUILD));
    assert_eq!(
        i.channel.as_ref().map(|c| c.id),
        Some(Snowflake(1_057_241_425_793_798_144))
    );
    assert_eq!(i.inviter.as_ref().map(|u| u.id), Some(ALIEN));
    let roles = i.roles.as_ref().unwrap();
    assert_eq!(roles[0].id, Snowflake(u64::MAX));
    assert_eq!(roles[1].id, Snowflake(0));
    let text = serde_json::to_string(&i).unwrap();
    assert!(
        text.contains("\"guild_id\":\"1046920999469330512\""),
        "ids are written as strings"
    );
    assert!(text.contains("\"id\":\"18446744073709551615\""));
    assert_round_trip(&i);
}

#[test]
fn list_of_guild_invites() {
    let list: Vec<Invite<'_>> =
        serde_json::from_slice(fixture!("list_guild_invites.json")).unwrap();
    let codes: Vec<&str> = list.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, ["jvuBeT38", "zqs8oqxk", "alien"]);
    let now = ts("2025-05-05T10:30:00Z");
    let expired: Vec<bool> = list.iter().map(|i| i.is_expired_at(now)).collect();
    assert_eq!(expired, [true, true, false]);

    let [a, b, c] = list.as_slice() else {
        panic!("three invites")
    };
    assert_eq!(
        (a.uses, a.max_uses, a.max_age, a.temporary),
        (Some(0), Some(0), Some(604_800), Some(false))
    );
    assert_eq!(a.flags, Some(GuildInviteFlags::empty()));
    assert_eq!(b.target_type, Some(TargetType::STREAM));
    assert_eq!(
        b.target_user.as_ref().map(|u| u.id),
        Some(Snowflake(80_351_110_224_678_912))
    );
    assert_eq!(
        (b.uses, b.max_uses, b.temporary),
        (Some(10), Some(10), Some(true))
    );
    assert_eq!(b.flags, Some(GuildInviteFlags::IS_GUEST_INVITE));
    assert_eq!(
        b.inviter.as_ref().and_then(|u| u.global_name.as_ref()),
        None
    );
    assert_eq!(c.inviter, None);
    assert_eq!(c.uses, Some(1523));
    assert_eq!(c.created_at, Some(ts("2023-01-01T00:00:00Z")));
    assert_eq!(
        c.channel.as_ref().and_then(|ch| ch.name.as_deref()),
        Some("welcome")
    );

    let text = serde_json::to_string(&list).unwrap();
    let back: Vec<Invite<'_>> = serde_json::from_str(&text).unwrap();
    assert_eq!(back, list);
    for i in &list {
        assert_round_trip(i);
    }
}

#[test]
fn null_and_absent_read_the_same() {
    let nulls = br#"{"code":"x","guild":null,"channel":null,"inviter":null,"expires_at":null,
        "target_type":null,"flags":null,"roles":null,"uses":null,"pack":null,
        "approximate_member_count":null,"target_users_job_status":null}"#;
    let absent = br#"{"code":"x"}"#;
    let a = parse(nulls);
    let b = parse(absent);
    assert_eq!(a, b);
    assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"code":"x"}"#);
    // An empty array is kept as an empty array, distinct from absent.
    let empty_roles = parse(br#"{"code":"x","roles":[]}"#);
    assert_eq!(empty_roles.roles, Some(vec![]));
    assert_ne!(empty_roles, b);
    assert_round_trip(&empty_roles);
}

#[test]
fn bad_input_gives_a_serde_error_naming_the_problem() {
    let err = serde_json::from_slice::<Invite<'_>>(br#"{"code":"x","uses":-1}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid value: integer `-1`, expected u64 at line 1 column 21"
    );
    let err =
        serde_json::from_slice::<Invite<'_>>(br#"{"code":"x","expires_at":"soon"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not an RFC 3339 timestamp: unexpected input at byte 0 at line 1 column 31"
    );
    let err = serde_json::from_slice::<Invite<'_>>(br#"{"code":"x","type":300}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid value: integer `300`, expected u8 at line 1 column 22"
    );
    let err = serde_json::from_slice::<Invite<'_>>(
        br#"{"code":"x","target_type":1,"target_user_type":1}"#,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "duplicate field `target_type` at line 1 column 46"
    );
}

/// The fields only Fluxer sends, as `fluxer_only_fields` names them.
fn fluxer_only(invite: &Invite<'_>) -> Vec<String> {
    invite
        .fluxer_only_fields()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn fluxer_payloads_name_their_fluxer_only_fields_and_discord_ones_none() {
    for bytes in [
        fixture!("discord_get_invite_target_application.json"),
        fixture!("discord_invite_with_metadata.json"),
        fixture!("discord_group_dm.json"),
        fixture!("discord_friend_invite.json"),
        fixture!("discord_guild_event_roles.json"),
        fixture!("discord_2021_target_user_type.json"),
    ] {
        let i = parse(bytes);
        assert_eq!(fluxer_only(&i), Vec::<String>::new(), "{}", i.code);
    }
    let list: Vec<Invite<'_>> =
        serde_json::from_slice(fixture!("list_guild_invites.json")).unwrap();
    assert!(list.iter().all(|i| i.fluxer_only_fields().is_empty()));

    assert_eq!(
        fluxer_only(&parse(fixture!("fluxer_guild_invite.json"))),
        [
            "member_count",
            "presence_count",
            "guild.splash_width",
            "guild.splash_height",
            "guild.splash_card_alignment",
            "inviter.avatar_color"
        ]
    );
    // `avatar_color: null` is not counted; `member_count` is always sent.
    assert_eq!(
        fluxer_only(&parse(fixture!("fluxer_group_dm.json"))),
        ["member_count"]
    );
    // Type 2 with a pack: Fluxer's EMOJI_PACK, which Discord would read as FRIEND.
    let pack = parse(fixture!("fluxer_emoji_pack.json"));
    assert_eq!(pack.kind_name(Platform::Discord), Some("FRIEND"));
    assert_eq!(fluxer_only(&pack), ["pack"]);
    let created = parse(fixture!("fluxer_create_invite_response_real_ids.json"));
    assert_eq!(
        fluxer_only(&created).len(),
        11,
        "{:?}",
        fluxer_only(&created)
    );
}
