//! Every endpoint description against arbitrary answers: parsing never panics, an error status is
//! never a success, and requests have the shape the adapter relies on.

use invite_model::endpoint::{
    AcceptInvite, CreateChannelInvite, CreateFriendInvite, DeleteFriendInvites, DeleteInvite,
    Endpoint, GetChannelInvites, GetFriendInvites, GetGuildInvites, GetInvite, GetTargetUsers,
    GetTargetUsersJobStatus, GetVanityUrl, Method, PutTargetUsers, Request, Response,
};
use invite_model::{CreateInvite, InviteCode, Platform, ResponseError, Snowflake};
use proptest::prelude::*;

fn code() -> InviteCode {
    InviteCode::parse("jvuBeT38").unwrap()
}

/// Parses `response` with every endpoint; returns, per endpoint, whether it succeeded.
fn parse_all(response: &Response<'_>) -> Vec<Result<(), ResponseError>> {
    fn run<E: Endpoint>(e: &E, r: &Response<'_>) -> Result<(), ResponseError> {
        e.parse(r).map(|_| ())
    }
    let create = CreateChannelInvite::new(Snowflake(1), CreateInvite::new(), Platform::Discord)
        .unwrap()
        .target_users(&[Snowflake(2)])
        .unwrap();
    vec![
        run(&GetInvite::new(code()), response),
        run(&DeleteInvite::new(code()), response),
        run(&AcceptInvite::new(code()), response),
        run(&GetGuildInvites::new(Snowflake(1)), response),
        run(&GetChannelInvites::new(Snowflake(1)), response),
        run(&create, response),
        run(&GetFriendInvites::new(), response),
        run(&CreateFriendInvite::new(), response),
        run(&DeleteFriendInvites::new(), response),
        run(&GetTargetUsers::new(code()), response),
        run(
            &PutTargetUsers::new(code(), &[Snowflake(3)]).unwrap(),
            response,
        ),
        run(&GetTargetUsersJobStatus::new(code()), response),
        run(&GetVanityUrl::new(Snowflake(1)), response),
    ]
}

fn requests() -> Vec<Request> {
    let create =
        CreateChannelInvite::new(Snowflake(1), CreateInvite::new(), Platform::Discord).unwrap();
    vec![
        GetInvite::new(code()).with_counts(true).request(),
        DeleteInvite::new(code()).request(),
        AcceptInvite::new(code()).request(),
        GetGuildInvites::new(Snowflake(1)).request(),
        GetChannelInvites::new(Snowflake(1)).request(),
        create.request(),
        create.target_users(&[Snowflake(2)]).unwrap().request(),
        GetFriendInvites::new().request(),
        CreateFriendInvite::new().request(),
        DeleteFriendInvites::new().request(),
        GetTargetUsers::new(code()).request(),
        PutTargetUsers::new(code(), &[Snowflake(3)])
            .unwrap()
            .request(),
        GetTargetUsersJobStatus::new(code()).request(),
        GetVanityUrl::new(Snowflake(1)).request(),
    ]
}

#[test]
fn requests_are_well_formed() {
    for r in requests() {
        let path = r.route.to_string();
        assert!(path.starts_with('/'), "{r:?}");
        assert!(path.bytes().all(|b| b.is_ascii_graphic()), "{r:?}");
        assert!(r.route.template().starts_with(r.method().as_str()), "{r:?}");
        // Only GET, PUT and DELETE are retried.
        assert_eq!(r.retry_safe, r.method() != Method::Post, "{r:?}");
        // A body always comes with its type.
        assert_eq!(
            !r.body.is_empty(),
            r.header("content-type").is_some(),
            "{r:?}"
        );
        for (name, value) in &r.headers {
            assert!(
                value.bytes().all(|b| (0x20..0x7f).contains(&b)),
                "{name}: {value}"
            );
        }
    }
}

#[test]
fn error_statuses_are_errors_with_that_status() {
    for status in [400, 401, 403, 404, 405, 429, 500, 502, 503] {
        let response = Response::new(status, &[], br#"{"message": "nope", "code": 0}"#);
        for result in parse_all(&response) {
            assert_eq!(result.unwrap_err().status(), status);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parsing_never_panics(
        status in prop_oneof![Just(200u16), Just(204), 100u16..600],
        body in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..200),
            "[\\[\\]{}\",:0-9a-z_ .-]{0,200}".prop_map(String::into_bytes),
        ],
    ) {
        let response = Response::new(status, &[("Retry-After", "x")], &body);
        for result in parse_all(&response) {
            if let Err(e) = result {
                let _ = e.to_string();
                prop_assert_eq!(e.status(), status);
            } else {
                prop_assert!((200..300).contains(&status));
            }
        }
    }
}
