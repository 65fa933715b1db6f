//! Whatever `CreateInvite` (built from fuzz-chosen fields, or read from the input as JSON)
//! validates for a platform serializes to JSON within the documented ranges and rules, reads
//! back to the same value, and is the body of the create-invite request.
#![no_main]

use invite_model::endpoint::{CreateChannelInvite, Endpoint};
use invite_model::{
    CreateGroupDmInvite, CreateInvite, GuildInviteFlags, Platform, Snowflake, TargetType,
};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// A number near the interesting ranges most of the time, any `u32` otherwise.
fn number(u: &mut Unstructured<'_>, max: u32) -> Result<Option<u32>> {
    Ok(match u.int_in_range(0u8..=3)? {
        0 => None,
        1 => Some(u.int_in_range(0..=max.saturating_add(2))?),
        2 => Some(*u.choose(&[0, 1, max, max + 1, u32::MAX])?),
        _ => Some(u.arbitrary()?),
    })
}

fn build(u: &mut Unstructured<'_>) -> Result<CreateInvite> {
    let mut body = CreateInvite::new();
    if let Some(v) = number(u, CreateInvite::MAX_AGE_MAX)? {
        body = body.max_age(v);
    }
    if let Some(v) = number(u, CreateInvite::MAX_USES_MAX)? {
        body = body.max_uses(v);
    }
    if let Some(v) = u.arbitrary()? {
        body = body.temporary(v);
    }
    if let Some(v) = u.arbitrary()? {
        body = body.unique(v);
    }
    if u.arbitrary()? {
        body = body.target_type(TargetType(u.int_in_range(0..=3)?));
    }
    if u.arbitrary()? {
        body = body.target_user_id(Snowflake(u.arbitrary()?));
    }
    if u.arbitrary()? {
        body = body.target_application_id(Snowflake(u.arbitrary()?));
    }
    for _ in 0..u.int_in_range(0u8..=3)? {
        body = body.role_id(Snowflake(u.arbitrary()?));
    }
    if u.arbitrary()? {
        body = body.flags(GuildInviteFlags::from_bits_retain(u.int_in_range(0..=16)?));
    }
    Ok(body)
}

fn in_range(json: &Value, key: &str, min: u64, max: u64) -> bool {
    json.get(key)
        .is_none_or(|v| v.as_u64().is_some_and(|n| (min..=max).contains(&n)))
}

fn check(body: &CreateInvite, platform: Platform) {
    if body.validate(platform).is_err() {
        assert!(CreateChannelInvite::new(Snowflake(1), body.clone(), platform).is_err());
        return;
    }
    let text = serde_json::to_vec(body).expect("a body serializes");
    let json: Value = serde_json::from_slice(&text).expect("the body is JSON");
    let obj = json.as_object().expect("the body is an object");
    assert!(
        in_range(&json, "max_age", 0, CreateInvite::MAX_AGE_MAX.into()),
        "{json}"
    );
    assert!(
        in_range(&json, "max_uses", 0, CreateInvite::MAX_USES_MAX.into()),
        "{json}"
    );
    let ids = |key: &str| json.get(key).and_then(Value::as_str).map(str::parse::<u64>);
    match platform {
        Platform::Fluxer => assert!(
            obj.keys()
                .all(|k| ["max_age", "max_uses", "temporary", "unique"].contains(&k.as_str())),
            "{json}"
        ),
        _ => {
            let target = json.get("target_type").map(|v| v.as_u64());
            match target {
                None => assert!(
                    ids("target_user_id").is_none() && ids("target_application_id").is_none()
                ),
                Some(Some(1)) => assert!(
                    matches!(ids("target_user_id"), Some(Ok(_)))
                        && ids("target_application_id").is_none()
                ),
                Some(Some(2)) => assert!(
                    matches!(ids("target_application_id"), Some(Ok(_)))
                        && ids("target_user_id").is_none()
                ),
                other => panic!("target_type {other:?} validated: {json}"),
            }
            assert!(
                in_range(&json, "flags", 0, GuildInviteFlags::SETTABLE.bits()),
                "{json}"
            );
            let flags = json.get("flags").and_then(Value::as_u64).unwrap_or(0);
            assert_eq!(flags & !GuildInviteFlags::SETTABLE.bits(), 0, "{json}");
        }
    }
    let back: CreateInvite = serde_json::from_slice(&text).expect("the body reads back");
    assert_eq!(&back, body);
    let endpoint = CreateChannelInvite::new(Snowflake(1), body.clone(), platform)
        .expect("a validated body makes an endpoint");
    assert_eq!(endpoint.request().body, text);
}

fn check_group_dm(body: &CreateGroupDmInvite, platform: Platform) {
    if body.validate(platform).is_err() {
        return;
    }
    let json: Value = serde_json::to_value(body).expect("a body serializes");
    let min = if platform == Platform::Discord { 1 } else { 0 };
    assert!(
        in_range(&json, "max_age", min, CreateInvite::MAX_AGE_MAX.into()),
        "{json}"
    );
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let from_json = u.arbitrary::<bool>()?;
    let body = if from_json {
        match serde_json::from_slice::<CreateInvite>(u.peek_bytes(u.len()).unwrap_or_default()) {
            Ok(b) => b,
            Err(_) => return Ok(()),
        }
    } else {
        build(u)?
    };
    let mut dm = CreateGroupDmInvite::new();
    if let Some(max_age) = body.max_age {
        dm = dm.max_age(max_age);
    }
    for platform in [Platform::Discord, Platform::Fluxer] {
        check(&body, platform);
        check_group_dm(&dm, platform);
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
