//! Whatever `CreateInvite` (built from fuzz-chosen fields, or read from the input as JSON)
//! validates for a platform serializes to JSON within the documented ranges and rules, reads
//! back to the same value, and is exactly the body of the create-invite request.
#![no_main]

use invite_model::endpoint::{CreateChannelInvite, Endpoint};
use invite_model::{CreateGroupDmInvite, CreateInvite, GuildInviteFlags, Platform, Snowflake};
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn in_range(json: &Value, key: &str, min: u64, max: u64) -> bool {
    json.get(key)
        .is_none_or(|v| v.as_u64().is_some_and(|n| (min..=max).contains(&n)))
}

fn check(body: &CreateInvite, platform: Platform) {
    let endpoint = CreateChannelInvite::new(Snowflake(1), body.clone(), platform);
    if body.validate(platform).is_err() {
        assert!(endpoint.is_err(), "an invalid body made an endpoint");
        return;
    }
    let text = serde_json::to_vec(body).expect("a body serializes");
    let json: Value = serde_json::from_slice(&text).expect("the body is JSON");
    let keys: Vec<&str> = json
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    let ages = platform.max_age_range();
    let uses = platform.max_uses_range();
    assert!(
        in_range(
            &json,
            "max_age",
            (*ages.start()).into(),
            (*ages.end()).into()
        ),
        "{json}"
    );
    assert!(
        in_range(
            &json,
            "max_uses",
            (*uses.start()).into(),
            (*uses.end()).into()
        ),
        "{json}"
    );
    let has = |key: &str| {
        json.get(key)
            .and_then(Value::as_str)
            .is_some_and(|s| s.parse::<u64>().is_ok())
    };
    if platform == Platform::Fluxer {
        let allowed = ["max_age", "max_uses", "temporary", "unique"];
        assert!(keys.iter().all(|k| allowed.contains(k)), "{json}");
    } else {
        match json.get("target_type").map(Value::as_u64) {
            None => assert!(
                !keys.contains(&"target_user_id") && !keys.contains(&"target_application_id")
            ),
            Some(Some(1)) => {
                assert!(has("target_user_id") && !keys.contains(&"target_application_id"))
            }
            Some(Some(2)) => {
                assert!(has("target_application_id") && !keys.contains(&"target_user_id"))
            }
            other => panic!("target_type {other:?} validated: {json}"),
        }
        let flags = json
            .get("flags")
            .map_or(Some(0), Value::as_u64)
            .expect("flags are a number");
        assert_eq!(flags & !GuildInviteFlags::SETTABLE.bits(), 0, "{json}");
    }
    assert_eq!(
        &serde_json::from_slice::<CreateInvite>(&text).expect("reads back"),
        body
    );
    assert_eq!(
        endpoint
            .expect("a valid body makes an endpoint")
            .request()
            .body,
        text
    );
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let body = match u.arbitrary::<bool>() {
        Ok(true) => match serde_json::from_slice::<CreateInvite>(u.take_rest()) {
            Ok(body) => body,
            Err(_) => return,
        },
        _ => match invites_fuzz::create_invite(&mut u) {
            Ok(body) => body,
            Err(_) => return,
        },
    };
    let mut dm = CreateGroupDmInvite::new();
    if let Some(max_age) = body.max_age {
        dm = dm.max_age(max_age);
    }
    for platform in [Platform::Discord, Platform::Fluxer] {
        check(&body, platform);
        if dm.validate(platform).is_ok() {
            let ages = platform.group_dm_max_age_range();
            let json = serde_json::to_value(&dm).expect("a body serializes");
            assert!(
                in_range(
                    &json,
                    "max_age",
                    (*ages.start()).into(),
                    (*ages.end()).into()
                ),
                "{json}"
            );
        }
    }
});
