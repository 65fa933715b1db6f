//! Gateway event fixtures (`tests/fixtures/event_*.json`), checked field by field, and lossless:
//! writing a parsed event back gives the input again, minus only the keys the models document
//! as ignored and the `null`s they write as absent. Each is also read inside a gateway frame.

use invite_model::event::{GatewayEvent, GatewayFrame, InviteCreate, InviteDelete, MemberAdd};
use invite_model::{
    GuildInviteFlags, InviteType, MemberFlags, Snowflake, SplashCardAlignment, TargetType,
    Timestamp,
};
use serde_json::Value;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/",
            $name
        ))
    };
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// `v` with `null`s dropped, the `ignored` keys dropped (at any depth), and every timestamp
/// string replaced by the instant it names (so `Z` and `+00:00` compare equal).
fn normalized(v: &Value, ignored: &[&str]) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, v)| !v.is_null() && !ignored.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), normalized(v, ignored)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|i| normalized(i, ignored)).collect()),
        Value::String(s) => match s.parse::<Timestamp>() {
            Ok(t) => Value::String(format!("instant {}", t.0.unix_timestamp_nanos())),
            Err(_) => v.clone(),
        },
        other => other.clone(),
    }
}

/// Parses `text` as `T`, checks the round trip is lossless (up to `ignored`), stable, and that
/// the owned copy is equal; returns the value.
fn lossless<'a, T>(text: &'a str, ignored: &[&str]) -> T
where
    T: serde::Deserialize<'a> + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let value: T = serde_json::from_str(text).unwrap();
    let written = serde_json::to_string(&value).unwrap();
    let input: Value = serde_json::from_str(text).unwrap();
    let output: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(
        normalized(&output, &[]),
        normalized(&input, ignored),
        "written: {written}"
    );
    let again: Value = serde_json::to_value(&value).unwrap();
    assert_eq!(again, output, "writing is not stable");
    value
}

/// The same payload inside a dispatch frame.
fn in_frame(name: &str, d: &str) -> String {
    format!(r#"{{"t":"{name}","s":12,"op":0,"d":{d}}}"#)
}

/// Cosmetic user fields `User` ignores on purpose, and Discord's undocumented `clan`.
const USER_EXTRAS: &[&str] = &[
    "avatar_decoration_data",
    "collectibles",
    "primary_guild",
    "clan",
];

#[test]
fn documented_invite_create() {
    let text = fixture!("event_invite_create_documented.json");
    let e: InviteCreate<'_> = lossless(text, USER_EXTRAS);
    assert_eq!(e.code, "jvuBeT38");
    assert!(e.code.is_borrowed());
    assert_eq!(e.guild_id(), Some(Snowflake(1_046_920_999_469_330_512)));
    assert_eq!(e.channel_id(), Some(Snowflake(1_057_241_425_793_798_144)));
    assert_eq!(e.inviter_id(), Some(Snowflake(852_892_297_661_906_993)));
    assert_eq!(
        (e.max_age, e.max_uses, e.uses),
        (Some(604_800), Some(25), Some(0))
    );
    assert_eq!(e.target_type, Some(TargetType::EMBEDDED_APPLICATION));
    let app = e.target_application.as_deref().unwrap();
    assert_eq!(app.name.as_deref(), Some("Watch Together"));
    assert_eq!(e.temporary, Some(false));
    assert_eq!(e.expires_at, Some(ts("2026-01-21T09:12:44Z")));
    assert_eq!(e.expiry(), e.expires_at);
    assert_eq!(e.created_at, Some(ts("2026-01-14T09:12:44.381262Z")));
    assert_eq!(
        e.role_ids.as_deref(),
        Some(
            &[
                Snowflake(1_046_921_287_563_243_591),
                Snowflake(1_046_921_287_563_243_592)
            ][..]
        )
    );
    assert_eq!(
        (e.kind, e.flags, e.is_nickname_changeable),
        (None, None, None)
    );
    let frame = in_frame("INVITE_CREATE", text);
    let f = GatewayFrame::parse(frame.as_bytes()).unwrap();
    assert_eq!(f.event, GatewayEvent::InviteCreate(Box::new(e.clone())));
    assert_eq!(
        f.into_owned().event,
        GatewayEvent::InviteCreate(Box::new(e.into_owned()))
    );
}

#[test]
fn stream_invite_create_with_a_target_user_object() {
    let e: InviteCreate<'_> = lossless(fixture!("event_invite_create_stream.json"), &[]);
    assert_eq!(e.target_type, Some(TargetType::STREAM));
    let target = e.target_user.as_deref().unwrap();
    assert_eq!(
        (target.id, target.username.as_str()),
        (Snowflake(80_351_110_224_678_912), "nelly")
    );
    assert_eq!(
        (e.expires_at, e.expiry()),
        (None, None),
        "null, and max_age 0"
    );
    assert_eq!(e.temporary, Some(true));
}

#[test]
fn real_invite_create_with_the_undocumented_fields() {
    let e: InviteCreate<'_> = lossless(fixture!("event_invite_create_real.json"), USER_EXTRAS);
    assert_eq!(e.kind, Some(InviteType::GUILD));
    assert_eq!(e.flags, Some(GuildInviteFlags::IS_VIEWED));
    assert!(!e.is_guest());
    assert_eq!(e.is_nickname_changeable, Some(false));
    assert_eq!(e.guild_id, Some(Snowflake(1_294_290_832_219_963_563)));
    assert_eq!(e.expiry(), Some(ts("2025-08-11T15:51:03Z")));
    assert_eq!(e.inviter.as_ref().unwrap().display_name(), "Alien");
}

#[test]
fn fluxer_invite_create_is_the_whole_invite_object() {
    let text = fixture!("event_invite_create_fluxer.json");
    let e: InviteCreate<'_> = lossless(text, &[]);
    // No top-level ids: they come from the nested objects.
    assert_eq!((e.guild_id, e.channel_id), (None, None));
    assert_eq!(e.guild_id(), Some(Snowflake(1_322_566_743_155_720_192)));
    assert_eq!(e.channel_id(), Some(Snowflake(1_322_566_743_155_720_195)));
    let guild = e.guild.as_deref().unwrap();
    assert_eq!(guild.name, "Fluxer Testers");
    assert_eq!(
        guild.splash_card_alignment,
        Some(SplashCardAlignment::CENTER)
    );
    assert_eq!(
        e.channel.as_deref().unwrap().name.as_deref(),
        Some("general")
    );
    assert_eq!((e.member_count, e.presence_count), (Some(42), Some(7)));
    assert_eq!(e.inviter.as_ref().unwrap().avatar_color, Some(5_793_266));
    assert_eq!((e.max_age, e.max_uses, e.uses), (None, Some(10), Some(0)));
    assert_eq!(e.expiry(), None);
    let frame = in_frame("INVITE_CREATE", text);
    let f = GatewayFrame::parse(frame.as_bytes()).unwrap();
    assert_eq!(f.event, GatewayEvent::InviteCreate(Box::new(e)));
}

#[test]
fn invite_delete() {
    let text = fixture!("event_invite_delete.json");
    let d: InviteDelete<'_> = lossless(text, &[]);
    assert_eq!(d.code, "jvuBeT38");
    assert_eq!(d.guild_id, Some(Snowflake(1_046_920_999_469_330_512)));
    assert_eq!(d.channel_id, Some(Snowflake(1_057_241_425_793_798_144)));
    let frame = in_frame("INVITE_DELETE", text);
    let f = GatewayFrame::parse(frame.as_bytes()).unwrap();
    assert_eq!(f.event, GatewayEvent::InviteDelete(d));
}

#[test]
fn guild_member_add_keeps_what_a_tracker_needs() {
    let text = fixture!("event_guild_member_add.json");
    let m: MemberAdd<'_> = serde_json::from_str(text).unwrap();
    assert_eq!(m.guild_id, Snowflake(1_046_920_999_469_330_512));
    assert_eq!(m.user.id, Snowflake(80_351_110_224_678_912));
    assert_eq!(m.user.username.as_deref(), Some("nelly"));
    assert!(!m.is_bot());
    assert!(m.is_rejoin());
    assert_eq!(m.flags, Some(MemberFlags::DID_REJOIN));
    assert_eq!(m.pending, Some(true));
    assert_eq!(m.joined_at, Some(ts("2026-01-14T09:20:01.123456Z")));
    // The member object's other keys are not part of the model; what it keeps survives.
    let written = serde_json::to_string(&m).unwrap();
    assert_eq!(
        written,
        r#"{"guild_id":"1046920999469330512","user":{"id":"80351110224678912","username":"nelly","global_name":"Nelly"},"joined_at":"2026-01-14T09:20:01.123456+00:00","flags":1,"pending":true}"#
    );
    let back: MemberAdd<'_> = lossless(&written, &[]);
    assert_eq!(back, m);
    let frame = in_frame("GUILD_MEMBER_ADD", text);
    let f = GatewayFrame::parse(frame.as_bytes()).unwrap();
    assert_eq!(f.event, GatewayEvent::MemberAdd(m));
    assert_eq!(f.name.as_deref(), Some("GUILD_MEMBER_ADD"));
    assert_eq!((f.op, f.sequence), (0, Some(12)));
}

#[test]
fn unknown_values_survive() {
    let text = r#"{"code":"abc","type":9,"flags":4096,"target_type":77,"guild_id":"1"}"#;
    let e: InviteCreate<'_> = lossless(text, &[]);
    assert_eq!(e.kind, Some(InviteType(9)));
    assert_eq!(e.flags.map(|f| f.bits()), Some(4096));
    assert_eq!(e.target_type, Some(TargetType(77)));
    let m: MemberAdd<'_> = lossless(
        r#"{"guild_id":"1","user":{"id":"2","bot":true},"flags":65536}"#,
        &[],
    );
    assert!(m.is_bot());
    assert_eq!(m.flags.map(|f| f.bits()), Some(65_536));
}
