//! Every convenience method of `Client` against the loopback server: the request on the wire
//! and the typed result, with copies of `invite-model`'s fixtures (`tests/fixtures/`, kept
//! identical by `.ci/package-check`) as canned bodies.

mod support;

use invite_http_ureq::{Client, Error, Token};
use invite_model::endpoint::{CreatedInvite, DeletedInvite, GetInvite};
use invite_model::{
    AuditLogReason, CreateInvite, CsvError, ErrorCode, InviteCode, JobStatus, Platform, Snowflake,
};
use support::{Reply, Server, TOKEN, client};

fn code(text: &str) -> InviteCode {
    InviteCode::parse(text).unwrap()
}

fn reason(text: &str) -> AuditLogReason {
    AuditLogReason::new(text).unwrap()
}

const WITH_METADATA: &str = include_str!("fixtures/discord_invite_with_metadata.json");
const LIST: &str = include_str!("fixtures/list_guild_invites.json");
const FRIEND: &str = include_str!("fixtures/discord_friend_invite.json");
const FLUXER_GUILD: &str = include_str!("fixtures/fluxer_guild_invite.json");

#[test]
fn get_invite_with_options_and_link_event() {
    let server = Server::scripted(vec![
        Reply::json(200, WITH_METADATA),
        Reply::json(200, WITH_METADATA),
    ]);
    let c = client(&server).build().unwrap();
    let link =
        InviteCode::parse_link("https://discord.gg/jvuBeT38?event=1046920999469330512").unwrap();
    let invite = c
        .get_invite(&GetInvite::from_link(&link).with_counts(true))
        .unwrap();
    assert_eq!(invite.code, "jvuBeT38");
    c.get_invite(
        &GetInvite::new(code("jvuBeT38"))
            .with_permissions(true)
            .guild_scheduled_event_id(Snowflake(7)),
    )
    .unwrap();
    let requests = server.requests();
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].path, "/api/v10/invites/jvuBeT38");
    assert_eq!(
        requests[0].query,
        "with_counts=true&guild_scheduled_event_id=1046920999469330512"
    );
    assert_eq!(
        requests[1].query,
        "with_permissions=true&guild_scheduled_event_id=7"
    );
}

#[test]
fn get_invite_on_fluxer_sends_no_query() {
    let server = Server::scripted(vec![Reply::json(200, FLUXER_GUILD)]);
    let c = Client::builder()
        .platform(Platform::Fluxer)
        .base_url(server.base_url())
        .token(Token::bot(TOKEN))
        .build()
        .unwrap();
    // Built for Discord (a bare code), sent as the client's platform wants.
    let invite = c
        .get_invite(&GetInvite::new(code("Xk3pQ9aZ")).with_counts(true))
        .unwrap();
    assert!(invite.member_count.is_some());
    let r = &server.requests()[0];
    assert_eq!(r.path, "/api/v10/invites/Xk3pQ9aZ");
    assert_eq!(r.query, "");
}

#[test]
fn bad_input_is_refused_before_sending() {
    let server = Server::scripted(vec![]);
    let c = client(&server).build().unwrap();
    // Codes and reasons are refused where they are built, before there is a call.
    assert!(InviteCode::parse("not a code!").is_err());
    assert!(AuditLogReason::new(&"x".repeat(513)).is_err());
    let err = c
        .create_invite(
            Snowflake(1),
            CreateInvite::new().max_age(5_184_001),
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input: max_age 5184001 is out of range 0..=5184000"
    );
    // At least one target user: the model's rule.
    let err = c
        .create_invite(Snowflake(1), CreateInvite::new(), None, Some(&[]))
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "invalid input: target_users_file: no user ids (expected the header `user_id`, then one \
         id a line)"
    );
    let err = c.set_target_users(&code("jvuBeT38"), &[]).unwrap_err();
    let Error::InvalidInput(source) = &err else {
        panic!("{err:?}");
    };
    assert_eq!(
        source.downcast_ref::<CsvError>(),
        Some(&CsvError::NoUserIds)
    );
    assert!(server.requests().is_empty());
}

#[test]
fn delete_invite_with_reason() {
    let server = Server::scripted(vec![Reply::json(200, WITH_METADATA), Reply::empty(204)]);
    let c = client(&server).build().unwrap();
    let deleted = c
        .delete_invite(&code("jvuBeT38"), Some(&reason("spam: bye 👋")))
        .unwrap();
    assert_eq!(deleted.into_invite().unwrap().code, "jvuBeT38");
    // Fluxer's 204.
    assert_eq!(
        c.delete_invite(&code("jvuBeT38"), None).unwrap(),
        DeletedInvite::NoContent
    );
    let requests = server.requests();
    assert_eq!(requests[0].method, "DELETE");
    assert_eq!(requests[0].path, "/api/v10/invites/jvuBeT38");
    assert_eq!(
        requests[0].header("x-audit-log-reason"),
        Some("spam%3A%20bye%20%F0%9F%91%8B")
    );
    assert_eq!(requests[1].header("x-audit-log-reason"), None);
}

#[test]
fn accept_invite_with_session() {
    let server = Server::scripted(vec![Reply::json(200, WITH_METADATA)]);
    let c = client(&server).build().unwrap();
    c.accept_invite(&code("jvuBeT38"), Some("abc123")).unwrap();
    let r = &server.requests()[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/api/v10/invites/jvuBeT38");
    let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(body, serde_json::json!({"session_id": "abc123"}));
}

#[test]
fn guild_and_channel_invites() {
    let server = Server::scripted(vec![Reply::json(200, LIST), Reply::json(200, LIST)]);
    let c = client(&server).build().unwrap();
    let guild = c
        .guild_invites(Snowflake(1_046_920_999_469_330_512))
        .unwrap();
    assert_eq!(guild.len(), 3);
    let channel = c
        .channel_invites(Snowflake(165_176_875_973_476_352))
        .unwrap();
    assert_eq!(channel.len(), 3);
    let requests = server.requests();
    assert_eq!(
        requests[0].path,
        "/api/v10/guilds/1046920999469330512/invites"
    );
    assert_eq!(
        requests[1].path,
        "/api/v10/channels/165176875973476352/invites"
    );
}

#[test]
fn create_invite_json_and_multipart() {
    let server = Server::scripted(vec![
        Reply::json(200, WITH_METADATA),
        Reply::json(200, WITH_METADATA),
        Reply::empty(204),
    ]);
    let c = client(&server).build().unwrap();
    let created = c
        .create_invite(
            Snowflake(42),
            CreateInvite::new().max_age(3600).max_uses(5),
            Some(&reason("event week")),
            None,
        )
        .unwrap();
    let created = created.into_invite().unwrap();
    assert_eq!(
        (created.code.as_ref(), created.max_uses),
        ("jvuBeT38", Some(0))
    );
    c.create_invite(
        Snowflake(42),
        CreateInvite::new(),
        None,
        Some(&[Snowflake(80_351_110_224_678_912)]),
    )
    .unwrap();
    let none = c
        .create_invite(Snowflake(42), CreateInvite::new(), None, None)
        .unwrap();
    assert_eq!(none, CreatedInvite::NoContent);
    let requests = server.requests();
    let json = &requests[0];
    assert_eq!(json.method, "POST");
    assert_eq!(json.path, "/api/v10/channels/42/invites");
    assert_eq!(json.header("content-type"), Some("application/json"));
    assert_eq!(json.header("x-audit-log-reason"), Some("event%20week"));
    let body: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
    assert_eq!(body, serde_json::json!({"max_age": 3600, "max_uses": 5}));
    let multipart = &requests[1];
    assert!(
        multipart
            .header("content-type")
            .unwrap()
            .starts_with("multipart/form-data; boundary="),
        "{:?}",
        multipart.header("content-type")
    );
    let text = String::from_utf8_lossy(&multipart.body);
    assert!(text.contains("name=\"target_users_file\""), "{text}");
    assert!(text.contains("user_id\n80351110224678912\n"), "{text}");
    assert!(text.contains("name=\"payload_json\""), "{text}");
}

#[test]
fn create_invite_is_not_retried_after_a_server_error() {
    let server = Server::scripted(vec![
        Reply::json(500, "{}"),
        Reply::json(200, WITH_METADATA),
    ]);
    let c = client(&server).build().unwrap();
    let err = c
        .create_invite(Snowflake(42), CreateInvite::new(), None, None)
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn friend_invites() {
    let list = format!("[{FRIEND}]");
    let server = Server::scripted(vec![
        Reply::json(200, &list),
        Reply::json(200, FRIEND),
        Reply::json(200, &list),
    ]);
    let c = client(&server).build().unwrap();
    assert_eq!(c.friend_invites().unwrap().len(), 1);
    c.create_friend_invite(Some(&code("abcdefgh"))).unwrap();
    assert_eq!(c.delete_friend_invites().unwrap().len(), 1);
    let requests = server.requests();
    let shapes: Vec<(&str, &str)> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        shapes,
        [
            ("GET", "/api/v10/users/@me/invites"),
            ("POST", "/api/v10/users/@me/invites"),
            ("DELETE", "/api/v10/users/@me/invites"),
        ]
    );
    let body: serde_json::Value = serde_json::from_slice(&requests[1].body).unwrap();
    assert_eq!(body, serde_json::json!({"code": "abcdefgh"}));
}

#[test]
fn target_users_round_trip() {
    let server = Server::scripted(vec![
        Reply::csv("user_id\n80351110224678912\n197038439483310086\n"),
        Reply::empty(204),
        Reply::json(
            200,
            r#"{"status":1,"total_users":2,"processed_users":1,"created_at":"2025-01-08T12:00:00.000000+00:00","completed_at":null,"error_message":null}"#,
        ),
        Reply::json(
            404,
            r#"{"message":"Unknown invite target users","code":10129}"#,
        ),
    ]);
    let c = client(&server).build().unwrap();
    assert_eq!(
        c.target_users(&code("jvuBeT38")).unwrap(),
        [
            Snowflake(80_351_110_224_678_912),
            Snowflake(197_038_439_483_310_086)
        ]
    );
    c.set_target_users(&code("jvuBeT38"), &[Snowflake(1), Snowflake(2)])
        .unwrap();
    let status = c.target_users_job_status(&code("jvuBeT38")).unwrap();
    assert_eq!(status.status, JobStatus::PROCESSING);
    assert_eq!((status.total_users, status.processed_users), (2, 1));
    let err = c.target_users(&code("jvuBeT38")).unwrap_err();
    assert_eq!(err.code(), Some(&ErrorCode::Discord(10129)));
    let requests = server.requests();
    assert_eq!(requests[0].path, "/api/v10/invites/jvuBeT38/target-users");
    assert_eq!(requests[1].method, "PUT");
    let text = String::from_utf8_lossy(&requests[1].body);
    assert!(text.contains("user_id\n1\n2\n"), "{text}");
    assert_eq!(
        requests[2].path,
        "/api/v10/invites/jvuBeT38/target-users/job-status"
    );
}

#[test]
fn vanity_url() {
    let server = Server::scripted(vec![Reply::json(200, r#"{"code":"alien","uses":4}"#)]);
    let c = client(&server).build().unwrap();
    let vanity = c.vanity_url(Snowflake(1_046_920_999_469_330_512)).unwrap();
    assert_eq!(
        (vanity.code.as_deref(), vanity.uses),
        (Some("alien"), Some(4))
    );
    assert_eq!(
        server.requests()[0].path,
        "/api/v10/guilds/1046920999469330512/vanity-url"
    );
}

#[test]
fn nested_field_errors_are_flattened() {
    let body = r#"{"code":50035,"message":"Invalid Form Body","errors":{"max_age":{"_errors":[{"code":"NUMBER_TYPE_MAX","message":"Must be 604800 or less."}]},"role_ids":{"0":{"_errors":[{"code":"NUMBER_TYPE_COERCE","message":"Value \"x\" is not snowflake."}]}}}}"#;
    let server = Server::scripted(vec![Reply::json(400, body)]);
    let c = client(&server).build().unwrap();
    let err = c
        .create_invite(Snowflake(42), CreateInvite::new(), None, None)
        .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("expected an api error, got {err:?}");
    };
    assert_eq!(api.code, Some(ErrorCode::Discord(50035)));
    let fields: Vec<(&str, &str, &str)> = api
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.code.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("max_age", "NUMBER_TYPE_MAX", "Must be 604800 or less."),
            (
                "role_ids.0",
                "NUMBER_TYPE_COERCE",
                "Value \"x\" is not snowflake."
            ),
        ]
    );
    assert_eq!(
        err.to_string(),
        "discord api error 400 (50035): Invalid Form Body; max_age: Must be 604800 or less. \
         (NUMBER_TYPE_MAX); role_ids.0: Value \"x\" is not snowflake. (NUMBER_TYPE_COERCE)"
    );
}

#[test]
fn fluxer_form_errors() {
    let body = r#"{"code":"INVALID_FORM_BODY","message":"Input Validation Error","errors":[{"path":"max_uses","message":"Must be at most 100"}]}"#;
    let server = Server::scripted(vec![Reply::json(400, body)]);
    let c = Client::builder()
        .platform(Platform::Fluxer)
        .base_url(server.base_url())
        .build()
        .unwrap();
    let err = c
        .create_invite(Snowflake(42), CreateInvite::new(), None, None)
        .unwrap_err();
    assert_eq!(
        err.code(),
        Some(&ErrorCode::Fluxer("INVALID_FORM_BODY".into()))
    );
    let Error::Api(api) = err else { unreachable!() };
    assert_eq!(api.errors.len(), 1);
    assert_eq!(api.errors[0].path, "max_uses");
}
