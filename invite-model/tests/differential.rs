//! The hand-written `Deserialize` impls of `Invite`, `InviteGuild`, `InviteChannel` and `User`
//! (`src/primitive/struct_de.rs`) accept and reject exactly what serde's derive did: each is
//! compared with a copy of the struct as it was, with its derive and attributes, on generated
//! JSON (every field name and alias, unknown keys, duplicates, `null`s, values of the wrong type,
//! the struct as an array) and on every fixture. Values are compared through their serialization
//! (the copies serialize with the same attributes), errors through their messages, which carry
//! the position. With the `simd` feature, `from_json_slice_mut` is compared with
//! `from_json_slice` on the same inputs (and on the shapes where simd-json and serde_json differ).

mod common;

use invite_model::{
    ChannelType, CowStr, GuildInviteFlags, GuildScheduledEvent, InviteApplication, InvitePack,
    InviteRecipient, InviteRole, InviteStageInstance, InviteType, NsfwLevel, PremiumTier,
    Snowflake, SplashCardAlignment, TargetType, TargetUsersJobStatus, Timestamp, VerificationLevel,
    WelcomeScreen,
};
use proptest::prelude::*;
use proptest::sample::subsequence;
use serde::{Deserialize, Deserializer, Serialize};

fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// The structs as they were before the hand-written impls (fields, types and serde attributes
/// unchanged; `guild` boxed as it is now, which does not change what is read), under the same
/// names (the derive's messages name the Rust type).
mod derived {
    use super::*;

    #[derive(Debug, Serialize, Deserialize)]
    pub(crate) struct Invite<'a> {
        #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
        kind: Option<InviteType>,
        #[serde(borrow)]
        code: CowStr<'a>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        guild: Option<Box<InviteGuild<'a>>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        guild_id: Option<Snowflake>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        channel: Option<InviteChannel<'a>>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        inviter: Option<User<'a>>,
        #[serde(alias = "target_user_type", skip_serializing_if = "Option::is_none")]
        target_type: Option<TargetType>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        target_user: Option<Box<User<'a>>>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        target_application: Option<Box<InviteApplication<'a>>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        approximate_member_count: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        approximate_presence_count: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        member_count: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        presence_count: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        expires_at: Option<Timestamp>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        guild_scheduled_event: Option<Box<GuildScheduledEvent<'a>>>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        stage_instance: Option<Box<InviteStageInstance<'a>>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        is_nickname_changeable: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        flags: Option<GuildInviteFlags>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        roles: Option<Vec<InviteRole<'a>>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        new_member: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        show_verification_form: Option<bool>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        target_users_job_status: Option<Box<TargetUsersJobStatus<'a>>>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        pack: Option<Box<InvitePack<'a>>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        friends_count: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        is_contact: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        uses: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max_uses: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max_age: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        temporary: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        created_at: Option<Timestamp>,
    }

    #[derive(Debug, Serialize, Deserialize)]
    pub(crate) struct InviteGuild<'a> {
        id: Snowflake,
        #[serde(borrow)]
        name: CowStr<'a>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        icon: Option<CowStr<'a>>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        splash: Option<CowStr<'a>>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        banner: Option<CowStr<'a>>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        description: Option<CowStr<'a>>,
        #[serde(borrow, default, deserialize_with = "null_as_default")]
        features: Vec<CowStr<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        verification_level: Option<VerificationLevel>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        vanity_url_code: Option<CowStr<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        nsfw_level: Option<NsfwLevel>,
        #[serde(skip_serializing_if = "Option::is_none")]
        nsfw: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        premium_subscription_count: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        premium_tier: Option<PremiumTier>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        welcome_screen: Option<WelcomeScreen<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        banner_width: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        banner_height: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        splash_width: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        splash_height: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        splash_card_alignment: Option<SplashCardAlignment>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        embed_splash: Option<CowStr<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        embed_splash_width: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        embed_splash_height: Option<u64>,
    }

    #[derive(Debug, Serialize, Deserialize)]
    pub(crate) struct InviteChannel<'a> {
        id: Snowflake,
        #[serde(rename = "type")]
        kind: ChannelType,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        name: Option<CowStr<'a>>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        icon: Option<CowStr<'a>>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        recipients: Option<Vec<InviteRecipient<'a>>>,
    }

    #[derive(Debug, Serialize, Deserialize)]
    pub(crate) struct User<'a> {
        id: Snowflake,
        #[serde(borrow)]
        username: CowStr<'a>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        discriminator: Option<CowStr<'a>>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        global_name: Option<CowStr<'a>>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        avatar: Option<CowStr<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        avatar_color: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        bot: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        system: Option<bool>,
        #[serde(borrow, skip_serializing_if = "Option::is_none")]
        banner: Option<CowStr<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        accent_color: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        public_flags: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        flags: Option<u64>,
    }
}

/// What parsing `$bytes` as `$ty` through `$parse` gives: its JSON text, or the error's message.
macro_rules! outcome {
    ($($parse:ident)::+, $ty:ty, $bytes:expr) => {
        $($parse)::+::<$ty>($bytes)
            .map(|v| serde_json::to_string(&v).expect("a parsed value serializes"))
            .map_err(|e| e.to_string())
    };
}

/// Checks that `$ours` (hand-written) and `$theirs` (derived) agree on `$bytes`, through both of
/// serde_json's readers (`from_slice`, and `from_str` when the bytes are UTF-8); evaluates to
/// whether they accepted.
macro_rules! agree {
    ($ours:ty, $theirs:ty, $bytes:expr) => {{
        let bytes: &[u8] = $bytes;
        let ours = outcome!(serde_json::from_slice, $ours, bytes);
        let theirs = outcome!(serde_json::from_slice, $theirs, bytes);
        prop_assert_eq!(&ours, &theirs, "{}", String::from_utf8_lossy(bytes));
        if let Ok(text) = std::str::from_utf8(bytes) {
            let a = outcome!(serde_json::from_str, $ours, text);
            let b = outcome!(serde_json::from_str, $theirs, text);
            prop_assert_eq!(a, b, "{}", text);
        }
        ours.is_ok()
    }};
}

/// Checks that `from_json_slice_mut` (simd-json) gives what `from_json_slice` gives on `$bytes`
/// whenever either accepts.
#[cfg(feature = "simd")]
macro_rules! simd_agrees {
    ($ty:ty, $bytes:expr) => {{
        let bytes: &[u8] = $bytes;
        let reference = outcome!(invite_model::from_json_slice, $ty, bytes);
        let mut buffer = bytes.to_vec();
        let simd = outcome!(invite_model::from_json_slice_mut, $ty, &mut buffer);
        if reference.is_ok() || simd.is_ok() {
            prop_assert_eq!(reference, simd, "{}", String::from_utf8_lossy(bytes));
        }
    }};
}

/// The kind of value a key holds, for generating mostly well-typed objects.
#[derive(Clone, Copy, Debug)]
enum K {
    Str,
    Id,
    U64,
    U32,
    U16,
    U8,
    Bool,
    Ts,
    StrVec,
    User,
    Guild,
    Channel,
    Any,
}

/// (key, kind, alias): a struct's keys in declaration order; an alias is not a field of its own.
type Table = &'static [(&'static str, K, bool)];

const USER: Table = &[
    ("id", K::Id, false),
    ("username", K::Str, false),
    ("discriminator", K::Str, false),
    ("global_name", K::Str, false),
    ("avatar", K::Str, false),
    ("avatar_color", K::U32, false),
    ("bot", K::Bool, false),
    ("system", K::Bool, false),
    ("banner", K::Str, false),
    ("accent_color", K::U32, false),
    ("public_flags", K::U64, false),
    ("flags", K::U64, false),
];

const CHANNEL: Table = &[
    ("id", K::Id, false),
    ("type", K::U16, false),
    ("name", K::Str, false),
    ("icon", K::Str, false),
    ("recipients", K::Any, false),
];

const GUILD: Table = &[
    ("id", K::Id, false),
    ("name", K::Str, false),
    ("icon", K::Str, false),
    ("splash", K::Str, false),
    ("banner", K::Str, false),
    ("description", K::Str, false),
    ("features", K::StrVec, false),
    ("verification_level", K::U8, false),
    ("vanity_url_code", K::Str, false),
    ("nsfw_level", K::U8, false),
    ("nsfw", K::Bool, false),
    ("premium_subscription_count", K::U64, false),
    ("premium_tier", K::U8, false),
    ("welcome_screen", K::Any, false),
    ("banner_width", K::U64, false),
    ("banner_height", K::U64, false),
    ("splash_width", K::U64, false),
    ("splash_height", K::U64, false),
    ("splash_card_alignment", K::U8, false),
    ("embed_splash", K::Str, false),
    ("embed_splash_width", K::U64, false),
    ("embed_splash_height", K::U64, false),
];

const INVITE: Table = &[
    ("type", K::U8, false),
    ("code", K::Str, false),
    ("guild", K::Guild, false),
    ("guild_id", K::Id, false),
    ("channel", K::Channel, false),
    ("inviter", K::User, false),
    ("target_type", K::U8, false),
    ("target_user_type", K::U8, true),
    ("target_user", K::User, false),
    ("target_application", K::Any, false),
    ("approximate_member_count", K::U64, false),
    ("approximate_presence_count", K::U64, false),
    ("member_count", K::U64, false),
    ("presence_count", K::U64, false),
    ("expires_at", K::Ts, false),
    ("guild_scheduled_event", K::Any, false),
    ("stage_instance", K::Any, false),
    ("is_nickname_changeable", K::Bool, false),
    ("flags", K::U64, false),
    ("roles", K::Any, false),
    ("new_member", K::Bool, false),
    ("show_verification_form", K::Bool, false),
    ("target_users_job_status", K::Any, false),
    ("pack", K::Any, false),
    ("friends_count", K::U64, false),
    ("is_contact", K::Bool, false),
    ("uses", K::U64, false),
    ("max_uses", K::U64, false),
    ("max_age", K::U64, false),
    ("temporary", K::Bool, false),
    ("created_at", K::Ts, false),
];

/// Any JSON value, mostly of the wrong type for a given field.
fn leaf() -> BoxedStrategy<String> {
    prop::sample::select(vec![
        "null",
        "true",
        "false",
        "0",
        "1",
        "-1",
        "255",
        "256",
        "300",
        "65536",
        "1.5",
        "1e3",
        "4294967296",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775809",
        r#""""#,
        r#""abc""#,
        r#""a\nb""#,
        r#""caf\u00e9""#,
        r#""123""#,
        r#""12a""#,
        r#""1046920999469330512""#,
        r#""2023-07-15T18:30:11.047000+00:00""#,
        r#""soon""#,
        "[]",
        "{}",
        r#"["A","B"]"#,
        "[null]",
        r#"{"id":"1"}"#,
        "[1,2]",
        // Where simd-json and serde_json differ unless `from_json_slice_mut` looks first.
        "-0",
        "-0.0",
        "1e309",
        "-1E+400",
        "0.5e-400",
        r#""\ud800""#,
        r#""\udc00\ud800x""#,
        r#""\ud83d\udc7d""#,
        r#""\\ud800""#,
        "[[[[[[[[[[]]]]]]]]]]",
    ])
    .prop_map(str::to_owned)
    .boxed()
}

/// A value of kind `k`: well-typed three times in four, else `null` or any leaf.
fn value(
    k: K,
    user: &BoxedStrategy<String>,
    guild: &BoxedStrategy<String>,
    channel: &BoxedStrategy<String>,
) -> BoxedStrategy<String> {
    let pick = |v: &[&'static str]| {
        prop::sample::select(v.to_vec())
            .prop_map(str::to_owned)
            .boxed()
    };
    let typed = match k {
        K::Str => pick(&[
            r#""abc""#,
            r#""""#,
            r#""caf\u00e9 \"q\"""#,
            r#""alien noises""#,
        ]),
        K::Id => pick(&[
            r#""1""#,
            "7",
            r#""1046920999469330512""#,
            r#""18446744073709551615""#,
            "-1",
        ]),
        K::U64 => pick(&["0", "42", "18446744073709551615", "-1"]),
        K::U32 => pick(&["0", "16711680", "4294967295", "4294967296"]),
        K::U16 => pick(&["0", "2", "13", "65535"]),
        K::U8 => pick(&["0", "1", "2", "255"]),
        K::Bool => pick(&["true", "false"]),
        K::Ts => pick(&[
            r#""2023-07-15T18:30:11.047000+00:00""#,
            r#""2023-07-22T18:30:11Z""#,
            r#""2023-07-22 18:30:11.5-05:30""#,
            r#""2023-02-30T00:00:00Z""#,
        ]),
        K::StrVec => pick(&["[]", r#"["COMMUNITY","NEWS"]"#, "[1]", "null"]),
        K::User => user.clone(),
        K::Guild => guild.clone(),
        K::Channel => channel.clone(),
        K::Any => pick(&["{}", "[]", r#"{"id":"1","x":[{}]}"#, "1", r#"[{"id":"1"}]"#]),
    };
    prop_oneof![12 => typed, 2 => Just("null".to_owned()), 2 => leaf()].boxed()
}

/// An object with `table`'s keys: a shuffled subset, the first field added most of the time (the
/// first two when both are required), sometimes a duplicated key or an unknown one; or, now and
/// then, the struct as an array of its fields in order (of any length, one more included).
fn object(
    table: Table,
    required: usize,
    user: &BoxedStrategy<String>,
    guild: &BoxedStrategy<String>,
    channel: &BoxedStrategy<String>,
) -> BoxedStrategy<String> {
    let values: Vec<BoxedStrategy<String>> = table
        .iter()
        .map(|&(_, k, _)| value(k, user, guild, channel))
        .collect();
    let indices: Vec<usize> = (0..table.len()).collect();
    let fields: Vec<BoxedStrategy<String>> = table
        .iter()
        .filter(|(_, _, alias)| !alias)
        .map(|&(_, k, _)| value(k, user, guild, channel))
        .collect();
    let max = table.len().min(10);
    let as_map = (
        subsequence(indices, 0..=max).prop_shuffle(),
        prop::bool::weighted(0.85),
        prop::option::weighted(0.1, 0..table.len()),
        prop::option::weighted(
            0.1,
            prop::sample::select(vec!["profile", "x", "Code", "", "ID", "type "]),
        ),
        any::<prop::sample::Index>(),
    )
        .prop_flat_map(move |(mut keys, add_required, duplicate, unknown, at)| {
            if add_required {
                for r in (0..required).rev() {
                    if !keys.contains(&r) {
                        keys.insert(0, r);
                    }
                }
            }
            if let Some(d) = duplicate {
                keys.insert(at.index(keys.len() + 1), d);
            }
            let entries: Vec<(Just<String>, BoxedStrategy<String>)> = keys
                .iter()
                .map(|&i| (Just(table[i].0.to_owned()), values[i].clone()))
                .collect();
            let unknown = unknown.map(|k| (k.to_owned(), at.index(entries.len() + 1)));
            (entries, Just(unknown), leaf())
        })
        .prop_map(|(mut entries, unknown, junk)| {
            if let Some((k, at)) = unknown {
                entries.insert(at.min(entries.len()), (k, junk));
            }
            let fields: Vec<String> = entries.iter().map(|(k, v)| format!("{k:?}:{v}")).collect();
            format!("{{{}}}", fields.join(","))
        });
    let n = fields.len();
    let as_seq = (0..=n + 1).prop_flat_map(move |len| {
        let mut items = fields[..len.min(n)].to_vec();
        if len > n {
            items.push(leaf());
        }
        items.prop_map(|v| format!("[{}]", v.join(",")))
    });
    prop_oneof![9 => as_map, 1 => as_seq].boxed()
}

fn user_json() -> BoxedStrategy<String> {
    let none = Just(String::from("{}")).boxed();
    object(USER, 2, &none, &none, &none)
}

fn channel_json() -> BoxedStrategy<String> {
    let none = Just(String::from("{}")).boxed();
    object(CHANNEL, 2, &none, &none, &none)
}

fn guild_json() -> BoxedStrategy<String> {
    let none = Just(String::from("{}")).boxed();
    object(GUILD, 2, &none, &none, &none)
}

fn invite_json() -> BoxedStrategy<String> {
    object(INVITE, 0, &user_json(), &guild_json(), &channel_json())
        .prop_map(|json| {
            // `code` is the invite's one required field (the second in the table): add it to
            // most objects, where the generator added only the first.
            if json.starts_with("{\"") && !json.contains("\"code\"") && json.len() % 5 != 0 {
                format!("{{\"code\":\"abc\",{}", &json[1..])
            } else {
                json
            }
        })
        .boxed()
}

/// `json` with one byte replaced by one that is not UTF-8 (`at` picks the byte).
fn with_bad_byte(json: &str, at: prop::sample::Index) -> Vec<u8> {
    let mut bytes = json.as_bytes().to_vec();
    if !bytes.is_empty() {
        let i = at.index(bytes.len());
        bytes[i] = 0xff;
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn invite_reads_as_derived(json in invite_json(), at in any::<prop::sample::Index>()) {
        let _ = agree!(invite_model::Invite<'_>, derived::Invite<'_>, json.as_bytes());
        let _ = agree!(invite_model::Invite<'_>, derived::Invite<'_>, &with_bad_byte(&json, at));
        // In a list too.
        let list = format!("[{json},{json}]");
        let _ = agree!(Vec<invite_model::Invite<'_>>, Vec<derived::Invite<'_>>, list.as_bytes());
    }

    #[test]
    fn guild_reads_as_derived(json in guild_json(), at in any::<prop::sample::Index>()) {
        let _ = agree!(invite_model::InviteGuild<'_>, derived::InviteGuild<'_>, json.as_bytes());
        let _ = agree!(invite_model::InviteGuild<'_>, derived::InviteGuild<'_>, &with_bad_byte(&json, at));
    }

    #[test]
    fn channel_reads_as_derived(json in channel_json(), at in any::<prop::sample::Index>()) {
        let _ = agree!(invite_model::InviteChannel<'_>, derived::InviteChannel<'_>, json.as_bytes());
        let _ = agree!(invite_model::InviteChannel<'_>, derived::InviteChannel<'_>, &with_bad_byte(&json, at));
    }

    #[test]
    fn user_reads_as_derived(json in user_json(), at in any::<prop::sample::Index>()) {
        let _ = agree!(invite_model::User<'_>, derived::User<'_>, json.as_bytes());
        let _ = agree!(invite_model::User<'_>, derived::User<'_>, &with_bad_byte(&json, at));
    }

    #[test]
    #[cfg(feature = "simd")]
    fn simd_reads_as_serde_json(
        json in invite_json(),
        at in any::<prop::sample::Index>(),
        deep in prop::option::weighted(0.05, 990usize..1100),
        digits in prop::option::weighted(0.05, 290usize..320),
    ) {
        let mut json = json;
        if let (Some(n), true) = (deep, json.starts_with('{')) {
            json.insert_str(1, &format!(r#""deep":{}{},"#, "[".repeat(n), "]".repeat(n)));
        }
        if let (Some(n), true) = (digits, json.starts_with('{')) {
            json.insert_str(1, &format!(r#""long":{},"#, "7".repeat(n)));
        }
        let list = format!("[{json},{json}]");
        for bytes in [json.clone().into_bytes(), with_bad_byte(&json, at)] {
            simd_agrees!(invite_model::Invite<'_>, &bytes);
        }
        simd_agrees!(Vec<invite_model::Invite<'_>>, list.as_bytes());
    }

    #[test]
    fn generated_invites_read_as_derived(invite in common::invite()) {
        let text = serde_json::to_string(&invite).unwrap();
        prop_assert!(agree!(invite_model::Invite<'_>, derived::Invite<'_>, text.as_bytes()));
    }
}

/// The generators reach both sides: many inputs are accepted and many rejected, for every
/// reason the impls handle.
#[test]
fn generated_inputs_cover_acceptance_and_every_error() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = invite_json();
    let (mut accepted, mut errors) = (0, Vec::new());
    for _ in 0..2000 {
        let json = strategy.new_tree(&mut runner).unwrap().current();
        match serde_json::from_str::<invite_model::Invite<'_>>(&json) {
            Ok(_) => accepted += 1,
            Err(e) => errors.push(e.to_string()),
        }
    }
    assert!(accepted > 200, "{accepted} accepted");
    for reason in [
        "duplicate field",
        "missing field",
        "invalid type",
        "invalid value",
        "invalid length",
        "expected struct",
    ] {
        assert!(
            errors.iter().any(|e| e.contains(reason)),
            "no `{reason}` error in {errors:?}"
        );
    }
}

#[test]
fn every_fixture_reads_as_derived() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let bytes = std::fs::read(&path).unwrap();
            let check = || -> Result<(), TestCaseError> {
                let _ = agree!(invite_model::Invite<'_>, derived::Invite<'_>, &bytes);
                let _ = agree!(
                    Vec<invite_model::Invite<'_>>,
                    Vec<derived::Invite<'_>>,
                    &bytes
                );
                Ok(())
            };
            if let Err(e) = check() {
                panic!("{}: {e}", path.display());
            }
            n += 1;
        }
    }
    assert!(n >= 10, "{n} fixtures");
}
