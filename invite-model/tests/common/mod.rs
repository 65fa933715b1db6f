//! proptest strategies for the models, shared by the integration tests (`mod common;`).
#![allow(dead_code)]

use invite_model::{
    ChannelType, CowStr, EntityMetadata, GuildInviteFlags, GuildScheduledEvent, Invite,
    InviteApplication, InviteChannel, InviteGuild, InvitePack, InviteRecipient, InviteRole,
    InviteStageInstance, InviteType, JobStatus, NWeekday, NsfwLevel, PremiumTier,
    RecurrenceFrequency, RecurrenceMonth, RecurrenceRule, RecurrenceWeekday, RoleColors,
    ScheduledEventEntityType, ScheduledEventPrivacyLevel, ScheduledEventStatus, Snowflake,
    SplashCardAlignment, StageMember, TargetType, TargetUsersJobStatus, Timestamp, User,
    VerificationLevel, WelcomeScreen, WelcomeScreenChannel,
};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;
use time::{Date, Month, Time, UtcOffset};

/// Any snowflake, including 0 and `u64::MAX`.
pub(crate) fn snowflake() -> BoxedStrategy<Snowflake> {
    prop_oneof![
        Just(Snowflake(0)),
        Just(Snowflake(u64::MAX)),
        any::<u64>().prop_map(Snowflake),
    ]
    .boxed()
}

/// Any flag set, unknown bits included.
pub(crate) fn invite_flags() -> BoxedStrategy<GuildInviteFlags> {
    any::<u64>()
        .prop_map(GuildInviteFlags::from_bits_retain)
        .boxed()
}

/// A valid moment: years 1 to 9998, any day of the month, nanosecond fractions (often none),
/// offsets from -23:59 to +23:59.
pub(crate) fn timestamp() -> BoxedStrategy<Timestamp> {
    let date = (1i32..=9998, 1u8..=12, 1u8..=31).prop_filter_map("valid date", |(y, m, d)| {
        let month = Month::try_from(m).ok()?;
        Date::from_calendar_date(y, month, d).ok()
    });
    let fraction = prop_oneof![
        Just(0u32),
        (0u32..1000).prop_map(|ms| ms * 1_000_000),
        0u32..1_000_000_000,
    ];
    let time = (0u8..24, 0u8..60, 0u8..60, fraction)
        .prop_map(|(h, m, s, n)| Time::from_hms_nano(h, m, s, n).unwrap_or(Time::MIDNIGHT));
    let offset = prop_oneof![
        Just(UtcOffset::UTC),
        (-23i8..=23, 0i8..60).prop_map(|(h, m)| {
            let m = if h < 0 { -m } else { m };
            UtcOffset::from_hms(h, m, 0).unwrap_or(UtcOffset::UTC)
        }),
    ];
    (date, time, offset)
        .prop_map(|(d, t, o)| Timestamp(d.with_time(t).assume_offset(o)))
        .boxed()
}

/// Any string: quotes, backslashes, control characters and non-ASCII included.
pub(crate) fn text() -> BoxedStrategy<CowStr<'static>> {
    prop_oneof![
        "[a-zA-Z0-9 _-]{0,12}".prop_map(CowStr::from),
        vec(any::<char>(), 0..12).prop_map(|c| CowStr::from(c.into_iter().collect::<String>())),
    ]
    .boxed()
}

fn opt_text() -> impl Strategy<Value = Option<CowStr<'static>>> {
    of(text())
}

fn small_vec<S: Strategy>(s: S) -> impl Strategy<Value = Vec<S::Value>> {
    vec(s, 0..3)
}

/// A partial user.
pub(crate) fn user() -> BoxedStrategy<User<'static>> {
    (
        snowflake(),
        text(),
        opt_text(),
        opt_text(),
        opt_text(),
        of(any::<u32>()),
        of(any::<bool>()),
        of(any::<bool>()),
        opt_text(),
        of(any::<u32>()),
        of(any::<u64>()),
        of(any::<u64>()),
    )
        .prop_map(
            |(
                id,
                username,
                discriminator,
                global_name,
                avatar,
                avatar_color,
                bot,
                system,
                banner,
                accent_color,
                public_flags,
                flags,
            )| User {
                id,
                username,
                discriminator,
                global_name,
                avatar,
                avatar_color,
                bot,
                system,
                banner,
                accent_color,
                public_flags,
                flags,
            },
        )
        .boxed()
}

fn welcome_screen() -> BoxedStrategy<WelcomeScreen<'static>> {
    let channel = (snowflake(), opt_text(), of(snowflake()), opt_text()).prop_map(
        |(channel_id, description, emoji_id, emoji_name)| WelcomeScreenChannel {
            channel_id,
            description,
            emoji_id,
            emoji_name,
        },
    );
    (opt_text(), small_vec(channel))
        .prop_map(|(description, welcome_channels)| WelcomeScreen {
            description,
            welcome_channels,
        })
        .boxed()
}

/// A partial guild with Discord's and Fluxer's fields.
pub(crate) fn guild() -> BoxedStrategy<InviteGuild<'static>> {
    let a = (
        snowflake(),
        text(),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        small_vec(text()),
        of(any::<u8>().prop_map(VerificationLevel)),
        opt_text(),
        of(any::<u8>().prop_map(NsfwLevel)),
        of(any::<bool>()),
    );
    let b = (
        of(any::<u64>()),
        of(any::<u8>().prop_map(PremiumTier)),
        of(welcome_screen()),
        of(any::<u64>()),
        of(any::<u64>()),
        of(any::<u64>()),
        of(any::<u64>()),
        of(any::<u8>().prop_map(SplashCardAlignment)),
        opt_text(),
        of(any::<u64>()),
        of(any::<u64>()),
    );
    (a, b)
        .prop_map(
            |(
                (
                    id,
                    name,
                    icon,
                    splash,
                    banner,
                    description,
                    features,
                    verification_level,
                    vanity_url_code,
                    nsfw_level,
                    nsfw,
                ),
                (
                    premium_subscription_count,
                    premium_tier,
                    welcome_screen,
                    banner_width,
                    banner_height,
                    splash_width,
                    splash_height,
                    splash_card_alignment,
                    embed_splash,
                    embed_splash_width,
                    embed_splash_height,
                ),
            )| InviteGuild {
                id,
                name,
                icon,
                splash,
                banner,
                description,
                features,
                verification_level,
                vanity_url_code,
                nsfw_level,
                nsfw,
                premium_subscription_count,
                premium_tier,
                welcome_screen,
                banner_width,
                banner_height,
                splash_width,
                splash_height,
                splash_card_alignment,
                embed_splash,
                embed_splash_width,
                embed_splash_height,
            },
        )
        .boxed()
}

/// A partial channel, with or without recipients.
pub(crate) fn channel() -> BoxedStrategy<InviteChannel<'static>> {
    let recipient = text().prop_map(|username| InviteRecipient { username });
    (
        snowflake(),
        any::<u32>().prop_map(ChannelType),
        opt_text(),
        opt_text(),
        of(small_vec(recipient)),
    )
        .prop_map(|(id, kind, name, icon, recipients)| InviteChannel {
            id,
            kind,
            name,
            icon,
            recipients,
        })
        .boxed()
}

/// Any subset of an application.
pub(crate) fn application() -> BoxedStrategy<InviteApplication<'static>> {
    let a = (
        of(snowflake()),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        of(any::<u64>()),
        of(any::<bool>()),
        of(any::<bool>()),
        opt_text(),
        of(any::<i64>()),
        of(small_vec(text())),
    );
    let b = (
        of(user()),
        of(any::<u32>()),
        of(any::<bool>()),
        opt_text(),
        opt_text(),
        opt_text(),
        of(snowflake()),
        of(snowflake()),
        opt_text(),
        of(small_vec(opt_text())),
    );
    let c = (
        of(any::<bool>()),
        of(any::<bool>()),
        of(any::<bool>()),
        of(any::<bool>()),
    );
    (a, b, c)
        .prop_map(
            |(
                (
                    id,
                    name,
                    icon,
                    description,
                    summary,
                    cover_image,
                    flags,
                    bot_public,
                    bot_require_code_grant,
                    verify_key,
                    max_participants,
                    tags,
                ),
                (
                    bot,
                    kind,
                    hook,
                    terms_of_service_url,
                    privacy_policy_url,
                    slug,
                    guild_id,
                    primary_sku_id,
                    custom_install_url,
                    rpc_origins,
                ),
                (is_monetized, is_verified, is_discoverable, storefront_available),
            )| InviteApplication {
                id,
                name,
                icon,
                description,
                summary,
                cover_image,
                flags,
                bot_public,
                bot_require_code_grant,
                verify_key,
                max_participants,
                tags,
                bot,
                kind,
                hook,
                terms_of_service_url,
                privacy_policy_url,
                slug,
                guild_id,
                primary_sku_id,
                custom_install_url,
                rpc_origins,
                is_monetized,
                is_verified,
                is_discoverable,
                storefront_available,
            },
        )
        .boxed()
}

/// A recurrence rule.
pub(crate) fn recurrence_rule() -> BoxedStrategy<RecurrenceRule> {
    let weekday = any::<u8>().prop_map(RecurrenceWeekday);
    let n_weekday = (any::<u8>(), any::<u8>().prop_map(RecurrenceWeekday))
        .prop_map(|(n, day)| NWeekday { n, day });
    (
        of(timestamp()),
        of(timestamp()),
        of(any::<u8>().prop_map(RecurrenceFrequency)),
        of(any::<u64>()),
        of(small_vec(weekday)),
        of(small_vec(n_weekday)),
        of(small_vec(any::<u8>().prop_map(RecurrenceMonth))),
        of(small_vec(any::<u8>())),
        of(small_vec(any::<u16>())),
        of(any::<u64>()),
    )
        .prop_map(
            |(
                start,
                end,
                frequency,
                interval,
                by_weekday,
                by_n_weekday,
                by_month,
                by_month_day,
                by_year_day,
                count,
            )| RecurrenceRule {
                start,
                end,
                frequency,
                interval,
                by_weekday,
                by_n_weekday,
                by_month,
                by_month_day,
                by_year_day,
                count,
            },
        )
        .boxed()
}

/// A guild scheduled event.
pub(crate) fn scheduled_event() -> BoxedStrategy<GuildScheduledEvent<'static>> {
    let a = (
        snowflake(),
        of(snowflake()),
        of(snowflake()),
        of(snowflake()),
        opt_text(),
        opt_text(),
        of(timestamp()),
        of(timestamp()),
        of(any::<u8>().prop_map(ScheduledEventPrivacyLevel)),
        of(any::<u8>().prop_map(ScheduledEventStatus)),
        of(any::<u8>().prop_map(ScheduledEventEntityType)),
        of(snowflake()),
    );
    let b = (
        of(opt_text().prop_map(|location| EntityMetadata { location })),
        of(user()),
        of(any::<u64>()),
        opt_text(),
        of(recurrence_rule()),
        of(small_vec(snowflake())),
    );
    (a, b)
        .prop_map(
            |(
                (
                    id,
                    guild_id,
                    channel_id,
                    creator_id,
                    name,
                    description,
                    scheduled_start_time,
                    scheduled_end_time,
                    privacy_level,
                    status,
                    entity_type,
                    entity_id,
                ),
                (entity_metadata, creator, user_count, image, recurrence_rule, sku_ids),
            )| GuildScheduledEvent {
                id,
                guild_id,
                channel_id,
                creator_id,
                name,
                description,
                scheduled_start_time,
                scheduled_end_time,
                privacy_level,
                status,
                entity_type,
                entity_id,
                entity_metadata,
                creator,
                user_count,
                image,
                recurrence_rule,
                sku_ids,
            },
        )
        .boxed()
}

/// A partial role.
pub(crate) fn role() -> BoxedStrategy<InviteRole<'static>> {
    let colors = (any::<u32>(), of(any::<u32>()), of(any::<u32>())).prop_map(
        |(primary_color, secondary_color, tertiary_color)| RoleColors {
            primary_color,
            secondary_color,
            tertiary_color,
        },
    );
    (
        snowflake(),
        opt_text(),
        of(any::<i64>()),
        of(any::<u32>()),
        of(colors),
        opt_text(),
        opt_text(),
    )
        .prop_map(
            |(id, name, position, color, colors, icon, unicode_emoji)| InviteRole {
                id,
                name,
                position,
                color,
                colors,
                icon,
                unicode_emoji,
            },
        )
        .boxed()
}

/// A target-users job status.
pub(crate) fn job_status() -> BoxedStrategy<TargetUsersJobStatus<'static>> {
    (
        any::<u8>().prop_map(JobStatus),
        any::<u64>(),
        any::<u64>(),
        of(timestamp()),
        of(timestamp()),
        opt_text(),
    )
        .prop_map(
            |(status, total_users, processed_users, created_at, completed_at, error_message)| {
                TargetUsersJobStatus {
                    status,
                    total_users,
                    processed_users,
                    created_at,
                    completed_at,
                    error_message,
                }
            },
        )
        .boxed()
}

/// A (deprecated) stage instance.
pub(crate) fn stage_instance() -> BoxedStrategy<InviteStageInstance<'static>> {
    let member = (
        of(user()),
        opt_text(),
        opt_text(),
        small_vec(snowflake()),
        of(timestamp()),
        of(timestamp()),
        of(any::<bool>()),
    )
        .prop_map(
            |(user, nick, avatar, roles, joined_at, premium_since, pending)| StageMember {
                user,
                nick,
                avatar,
                roles,
                joined_at,
                premium_since,
                pending,
            },
        );
    (
        small_vec(member),
        of(any::<u64>()),
        of(any::<u64>()),
        opt_text(),
    )
        .prop_map(
            |(members, participant_count, speaker_count, topic)| InviteStageInstance {
                members,
                participant_count,
                speaker_count,
                topic,
            },
        )
        .boxed()
}

/// A Fluxer pack.
pub(crate) fn pack() -> BoxedStrategy<InvitePack<'static>> {
    (
        snowflake(),
        opt_text(),
        opt_text(),
        of(prop_oneof![
            Just(CowStr::from("emoji")),
            Just(CowStr::from("sticker")),
            text()
        ]),
        of(snowflake()),
        of(timestamp()),
        of(timestamp()),
        of(user()),
    )
        .prop_map(
            |(id, name, description, kind, creator_id, created_at, updated_at, creator)| {
                InvitePack {
                    id,
                    name,
                    description,
                    kind,
                    creator_id,
                    created_at,
                    updated_at,
                    creator,
                }
            },
        )
        .boxed()
}

/// Any invite: every field independently present or absent, sub-objects included.
pub(crate) fn invite() -> BoxedStrategy<Invite<'static>> {
    let a = (
        of(any::<u8>().prop_map(InviteType)),
        text(),
        of(guild().prop_map(Box::new)),
        of(snowflake()),
        of(channel()),
        of(user()),
        of(any::<u8>().prop_map(TargetType)),
        of(user()),
        of(application()),
        of(any::<u64>()),
    );
    let b = (
        of(any::<u64>()),
        of(any::<u64>()),
        of(any::<u64>()),
        of(timestamp()),
        of(scheduled_event()),
        of(stage_instance()),
        of(any::<bool>()),
        of(invite_flags()),
        of(small_vec(role())),
        of(any::<bool>()),
    );
    let c = (
        of(any::<bool>()),
        of(job_status()),
        of(pack()),
        of(any::<u64>()),
        of(any::<bool>()),
        of(any::<u64>()),
        of(any::<u64>()),
        of(any::<u64>()),
        of(any::<bool>()),
        of(timestamp()),
    );
    (a, b, c)
        .prop_map(
            |(
                (
                    kind,
                    code,
                    guild,
                    guild_id,
                    channel,
                    inviter,
                    target_type,
                    target_user,
                    target_application,
                    approximate_member_count,
                ),
                (
                    approximate_presence_count,
                    member_count,
                    presence_count,
                    expires_at,
                    guild_scheduled_event,
                    stage_instance,
                    is_nickname_changeable,
                    flags,
                    roles,
                    new_member,
                ),
                (
                    show_verification_form,
                    target_users_job_status,
                    pack,
                    friends_count,
                    is_contact,
                    uses,
                    max_uses,
                    max_age,
                    temporary,
                    created_at,
                ),
            )| Invite {
                kind,
                code,
                guild,
                guild_id,
                channel,
                inviter,
                target_type,
                target_user: target_user.map(Box::new),
                target_application: target_application.map(Box::new),
                approximate_member_count,
                approximate_presence_count,
                member_count,
                presence_count,
                expires_at,
                guild_scheduled_event: guild_scheduled_event.map(Box::new),
                stage_instance: stage_instance.map(Box::new),
                is_nickname_changeable,
                flags,
                roles,
                new_member,
                show_verification_form,
                target_users_job_status: target_users_job_status.map(Box::new),
                pack: pack.map(Box::new),
                friends_count,
                is_contact,
                uses,
                max_uses,
                max_age,
                temporary,
                created_at,
            },
        )
        .boxed()
}
