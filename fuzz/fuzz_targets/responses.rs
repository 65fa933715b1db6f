//! Every endpoint's `parse` on a (status, headers, body) built from the input never panics, and
//! its error is consistent with the status: an error status gives an API or rate-limit error with
//! that status, a 2xx gives the value or a decode error.
#![no_main]

use invite_model::endpoint::{
    AcceptInvite, CreateChannelInvite, CreateFriendInvite, DeleteFriendInvites, DeleteInvite,
    Endpoint, GetChannelInvites, GetFriendInvites, GetGuildInvites, GetInvite, GetTargetUsers,
    GetTargetUsersJobStatus, GetVanityUrl, PutTargetUsers, Response, ResponseError, is_success,
};
use invite_model::{
    CreateGroupDmInvite, CreateInvite, InviteCode, Platform, RateLimited, Snowflake,
};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

/// Checks one endpoint's answer to `response`.
fn check<E: Endpoint>(endpoint: &E, response: &Response<'_>) {
    let Err(e) = endpoint.parse(response) else {
        assert!(
            is_success(response.status),
            "status {} parsed as success",
            response.status
        );
        return;
    };
    assert_eq!(e.status(), response.status);
    match e {
        ResponseError::Decode(d) => {
            assert!(
                is_success(response.status),
                "decode error for status {}",
                response.status
            );
            // At most EXCERPT_MAX bytes of body, each invalid byte becoming a 3-byte U+FFFD.
            assert!(d.excerpt.len() <= 3 * invite_model::DecodeError::EXCERPT_MAX);
        }
        ResponseError::RateLimited(r) => {
            assert_eq!(response.status, 429);
            assert!(
                (0.0..=RateLimited::RETRY_AFTER_MAX).contains(&r.retry_after),
                "{r:?}"
            );
            let _ = r.retry_after_duration();
        }
        ResponseError::Api(a) => assert!(!is_success(a.status) && a.status != 429),
        _ => {}
    }
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let status = match u.int_in_range(0u8..=3)? {
        0 => 200,
        1 => 204,
        2 => 429,
        _ => u.arbitrary()?,
    };
    let names = [
        "Retry-After",
        "X-RateLimit-Global",
        "X-RateLimit-Scope",
        "X-RateLimit-Reset-After",
        "Content-Type",
    ];
    let mut owned: Vec<(String, String)> = Vec::new();
    for _ in 0..u.int_in_range(0u8..=4)? {
        let name = match u.choose(&names) {
            Ok(n) if u.ratio(3, 4)? => (*n).to_string(),
            _ => u.arbitrary()?,
        };
        owned.push((name, u.arbitrary()?));
    }
    let headers: Vec<(&str, &str)> = owned
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let body = u.bytes(u.len())?;
    let response = Response {
        status,
        headers: &headers,
        body,
    };

    let _ = ResponseError::from_response(&response);
    let code = InviteCode::parse("jvuBeT38").expect("a valid code");
    let id = Snowflake(1_046_920_999_469_330_512);
    for platform in [Platform::Discord, Platform::Fluxer] {
        check(&GetInvite::new(code.clone()).platform(platform), &response);
        let create = CreateChannelInvite::new(id, CreateInvite::new().max_age(60), platform);
        check(&create.expect("a valid body"), &response);
        let dm =
            CreateChannelInvite::group_dm(id, CreateGroupDmInvite::new().max_age(60), platform);
        check(&dm.expect("a valid body"), &response);
    }
    check(&DeleteInvite::new(code.clone()), &response);
    check(&AcceptInvite::new(code.clone()), &response);
    check(&GetGuildInvites::new(id), &response);
    check(&GetChannelInvites::new(id), &response);
    check(&GetFriendInvites::new(), &response);
    check(&CreateFriendInvite::new(), &response);
    check(&DeleteFriendInvites::new(), &response);
    check(&GetTargetUsers::new(code.clone()), &response);
    check(&PutTargetUsers::new(code.clone(), &[id]), &response);
    check(&GetTargetUsersJobStatus::new(code), &response);
    check(&GetVanityUrl::new(id), &response);
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
