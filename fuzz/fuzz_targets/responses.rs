//! Every endpoint's `parse` of any (status, headers, body) never panics, and agrees with the
//! status: an error status gives an API or rate-limit error with that status (a 429's
//! `retry_after` at most `MAX_WAIT`), a 2xx gives the value or a decode, list or invite-mismatch
//! error; a DELETE retried after an attempt that may have acted reads 404 Unknown Invite as gone.
#![no_main]

use invite_model::endpoint::{
    AcceptInvite, CreateChannelInvite, CreateFriendInvite, DeleteFriendInvites, DeleteInvite,
    DeletedInvite, Endpoint, GetChannelInvites, GetFriendInvites, GetGuildInvites, GetInvite,
    GetTargetUsers, GetTargetUsersJobStatus, GetVanityUrl, LIST_MAX, PutTargetUsers, Response,
    ResponseError, is_success,
};
use invite_model::ratelimit::MAX_WAIT;
use invite_model::{
    CreateGroupDmInvite, CreateInvite, DecodeError, InviteCode, Platform, Snowflake,
};
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fn check<E: Endpoint>(endpoint: &E, response: &Response<'_>) {
    let status = response.status;
    let Err(e) = endpoint.parse(response) else {
        assert!(is_success(status), "status {status} parsed as a success");
        return;
    };
    assert_eq!(e.status(), status);
    match e {
        // At most EXCERPT_MAX bytes of text (an invalid byte becoming a 3-byte U+FFFD).
        ResponseError::Decode(d) => assert!(
            is_success(status)
                && d.excerpt.len() <= DecodeError::EXCERPT_MAX
                && d.reason.len() <= DecodeError::REASON_MAX
        ),
        ResponseError::ListTooLong(l) => assert!(is_success(status) && l.limit == LIST_MAX),
        ResponseError::RateLimited(r) => {
            assert!(status == 429 && r.retry_after <= MAX_WAIT)
        }
        ResponseError::Api(_) => assert!(!is_success(status) && status != 429),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(answer) = invites_fuzz::answer(&mut Unstructured::new(data)) else {
        return;
    };
    let code = InviteCode::parse("jvuBeT38").expect("a valid code");
    let id = Snowflake(1_046_920_999_469_330_512);
    answer.with_response(|r| {
        let _ = ResponseError::from_response(r);
        for platform in [Platform::Discord, Platform::Fluxer] {
            check(&GetInvite::new(code.clone()).platform(platform), r);
            let body = CreateInvite::new().max_age(60);
            check(
                &CreateChannelInvite::new(id, body, platform).expect("valid"),
                r,
            );
            let dm = CreateGroupDmInvite::new().max_age(60);
            check(
                &CreateChannelInvite::group_dm(id, dm, platform).expect("valid"),
                r,
            );
        }
        check(&DeleteInvite::new(code.clone()), r);
        // As the answer to a retry after an attempt that may have acted: the same, except that
        // 404 Unknown Invite is "already gone".
        let delete = DeleteInvite::new(code.clone());
        match (
            delete.parse(r),
            delete.parse(&r.with_earlier_attempt_may_have_acted(true)),
        ) {
            (Err(e), Ok(DeletedInvite::AlreadyGone)) => {
                assert!(r.status == 404 && e.as_api().is_some_and(|a| a.is_unknown_invite()))
            }
            (first, retried) => assert_eq!(first, retried),
        }
        check(&AcceptInvite::new(code.clone()), r);
        check(&GetGuildInvites::new(id), r);
        check(&GetChannelInvites::new(id), r);
        check(&GetFriendInvites::new(), r);
        check(&CreateFriendInvite::new(), r);
        check(&DeleteFriendInvites::new(), r);
        check(&GetTargetUsers::new(code.clone()), r);
        check(
            &PutTargetUsers::new(code.clone(), &[id]).expect("one user"),
            r,
        );
        check(&GetTargetUsersJobStatus::new(code), r);
        check(&GetVanityUrl::new(id), r);
    });
});
