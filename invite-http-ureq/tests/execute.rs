//! The execute path against a loopback server: success shapes, API errors, what goes on the
//! wire, connection reuse, and that the token never leaks.

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use invite_http_ureq::{Client, Error, RetryPolicy, Token, TransportErrorKind, USER_AGENT};
use invite_model::endpoint::{Request, Route};
use invite_model::{ErrorCode, InviteCode};
use support::{Delete204, GetJson, Mode, PostJson, Reply, Server, TOKEN, client};

const INVITE: &str = r#"{"type":0,"code":"jvuBeT38","inviter":{"id":"80351110224678912","username":"nelly","discriminator":"0","avatar":null},"expires_at":null,"guild":{"id":"197038439483310086","name":"Discord Testers","icon":null,"splash":null,"banner":null,"description":null,"features":[],"verification_level":3,"vanity_url_code":null,"nsfw_level":0,"premium_subscription_count":0},"guild_id":"197038439483310086","channel":{"id":"165176875973476352","type":0,"name":"illuminati"},"approximate_member_count":2000,"approximate_presence_count":120}"#;

#[test]
fn canned_invite_json() {
    let server = Server::scripted(vec![Reply::json(200, INVITE)]);
    let c = client(&server).build().unwrap();
    let value = c.execute(&GetJson::new("jvuBeT38")).unwrap();
    assert_eq!(value["code"], "jvuBeT38");
    assert_eq!(value["approximate_member_count"], 2000);
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].path, "/api/v10/invites/jvuBeT38");
    assert_eq!(requests[0].query, "with_counts=true");
    assert_eq!(requests[0].body, b"");
}

#[test]
fn no_content_204() {
    let server = Server::scripted(vec![Reply::empty(204)]);
    let c = client(&server).build().unwrap();
    let status = c.execute(&Delete204 { code: "abc".into() }).unwrap();
    assert_eq!(status, 204);
    let r = &server.requests()[0];
    assert_eq!(r.method, "DELETE");
    assert_eq!(r.path, "/api/v10/invites/abc");
    assert_eq!(r.header("x-audit-log-reason"), Some("cleanup%20time"));
}

#[test]
fn unknown_invite_404() {
    let server = Server::scripted(vec![Reply::json(
        404,
        r#"{"message": "Unknown Invite", "code": 10006}"#,
    )]);
    let c = client(&server).build().unwrap();
    let err = c.execute(&GetJson::new("nope")).unwrap_err();
    let Error::Api(api) = &err else {
        panic!("expected an api error, got {err:?}");
    };
    assert_eq!(api.status, 404);
    assert_eq!(api.code, Some(ErrorCode::Discord(10006)));
    assert_eq!(api.message, "Unknown Invite");
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.code(), Some(&ErrorCode::Discord(10006)));
    assert_eq!(
        err.to_string(),
        "discord api error 404 (10006): Unknown Invite"
    );
    // A 4xx is never retried.
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn missing_permissions_403() {
    let server = Server::scripted(vec![Reply::json(
        403,
        r#"{"message": "Missing Permissions", "code": 50013}"#,
    )]);
    let c = client(&server).build().unwrap();
    let err = c
        .execute(&PostJson {
            channel: 165_176_875_973_476_352,
            body: "{}".into(),
            reason: None,
        })
        .unwrap_err();
    assert_eq!(err.code(), Some(&ErrorCode::Discord(50013)));
    assert_eq!(
        err.to_string(),
        "discord api error 403 (50013): Missing Permissions"
    );
}

#[test]
fn fluxer_string_error_codes() {
    let server = Server::scripted(vec![Reply::json(
        404,
        r#"{"code":"UNKNOWN_INVITE","message":"Unknown invite"}"#,
    )]);
    let c = client(&server).build().unwrap();
    let err = c.execute(&GetJson::new("zzzzzzzz")).unwrap_err();
    assert_eq!(
        err.code(),
        Some(&ErrorCode::Fluxer("UNKNOWN_INVITE".into()))
    );
    assert_eq!(
        err.to_string(),
        "fluxer api error 404 (UNKNOWN_INVITE): Unknown invite"
    );
}

#[test]
fn headers_on_the_wire() {
    let server = Server::scripted(vec![Reply::json(200, INVITE), Reply::json(200, INVITE)]);
    let c = client(&server).build().unwrap();
    c.execute(&PostJson {
        channel: 42,
        body: r#"{"max_age":3600}"#.into(),
        reason: Some("spring%20cleaning%20%E2%9C%93".into()),
    })
    .unwrap();
    c.execute(&GetJson::new("abc")).unwrap();
    let requests = server.requests();
    let post = &requests[0];
    assert_eq!(post.method, "POST");
    assert_eq!(post.path, "/api/v10/channels/42/invites");
    assert_eq!(
        post.header("authorization"),
        Some(format!("Bot {TOKEN}").as_str())
    );
    assert_eq!(post.header("user-agent"), Some(USER_AGENT));
    assert!(USER_AGENT.starts_with("DiscordBot (https://github.com/invites-rs/invites, 0."));
    assert_eq!(post.header("content-type"), Some("application/json"));
    assert_eq!(
        post.header("x-audit-log-reason"),
        Some("spring%20cleaning%20%E2%9C%93")
    );
    assert_eq!(post.body, br#"{"max_age":3600}"#);
    let get = &requests[1];
    assert_eq!(
        get.header("authorization"),
        Some(format!("Bot {TOKEN}").as_str())
    );
    assert_eq!(get.header("content-type"), None);
    assert_eq!(get.header("x-audit-log-reason"), None);
}

#[test]
fn bearer_and_no_token() {
    let server = Server::scripted(vec![Reply::json(200, INVITE), Reply::json(200, INVITE)]);
    let bearer = Client::builder()
        .base_url(server.base_url())
        .token(Token::bearer("oauth-access"))
        .build()
        .unwrap();
    bearer.execute(&GetJson::new("aa")).unwrap();
    let anonymous = Client::builder()
        .base_url(server.base_url())
        .build()
        .unwrap();
    anonymous.execute(&GetJson::new("bb")).unwrap();
    let requests = server.requests();
    assert_eq!(
        requests[0].header("authorization"),
        Some("Bearer oauth-access")
    );
    assert_eq!(requests[1].header("authorization"), None);
    assert_eq!(requests[1].header("user-agent"), Some(USER_AGENT));
}

#[test]
fn sequential_requests_reuse_one_connection() {
    let replies = (0..4).map(|_| Reply::json(200, INVITE)).collect();
    let server = Server::scripted(replies);
    let c = client(&server).build().unwrap();
    for code in ["aa", "bb", "cc", "dd"] {
        c.execute(&GetJson::new(code)).unwrap();
    }
    assert_eq!(server.requests().len(), 4);
    assert_eq!(server.connections(), 1);
    assert!(server.requests().iter().all(|r| r.connection == 0));
}

#[test]
fn csv_bodies_come_back_raw() {
    let csv = "user_id\n80351110224678912\n197038439483310086\n";
    let server = Server::scripted(vec![Reply::csv(csv)]);
    let c = client(&server).build().unwrap();
    let raw = c
        .execute_raw(&Request::new(Route::GetTargetUsers {
            code: InviteCode::parse("abc").unwrap(),
        }))
        .unwrap();
    assert_eq!(raw.status, 200);
    assert_eq!(raw.body, csv.as_bytes());
    assert!(
        raw.headers
            .iter()
            .any(|(k, v)| k == "content-type" && v == "text/csv")
    );
}

#[test]
fn the_token_never_leaks() {
    // A server that echoes the Authorization header back in every error body.
    let server = Server::with_handler(|r| {
        let auth = r.header("authorization").unwrap_or_default().to_owned();
        match r.path.as_str() {
            "/api/v10/invites/api" => Reply::json(
                400,
                &format!(r#"{{"code":50035,"message":"bad header {auth}"}}"#),
            ),
            "/api/v10/invites/garbage" => Reply::new(200, format!("<html>{auth}</html>")),
            "/api/v10/invites/slow" => Reply::json(200, "{}").delay(Duration::from_millis(800)),
            _ => Reply::new(200, "x").mode(Mode::Truncate(0)),
        }
    });
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = Arc::clone(&lines);
    let c = client(&server)
        .timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::none())
        .log(move |event| sink.lock().unwrap().push(event.to_string()))
        .build()
        .unwrap();
    let mut errors = Vec::new();
    for code in ["api", "garbage", "slow", "truncated"] {
        errors.push(c.execute(&GetJson::new(code)).unwrap_err());
    }
    let refused = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/api/v10", listener.local_addr().unwrap());
        drop(listener);
        Client::builder()
            .base_url(url)
            .token(Token::bot(TOKEN))
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap()
    };
    errors.push(refused.execute(&GetJson::new("xx")).unwrap_err());
    assert!(matches!(errors[0], Error::Api(_)), "{:?}", errors[0]);
    assert!(matches!(errors[1], Error::Decode(_)), "{:?}", errors[1]);
    assert!(matches!(errors[2], Error::Timeout), "{:?}", errors[2]);
    assert!(matches!(errors[3], Error::Transport(_)), "{:?}", errors[3]);
    assert!(
        matches!(&errors[4], Error::Transport(t) if t.kind == TransportErrorKind::Connect),
        "{:?}",
        errors[4]
    );
    for e in &errors {
        for text in [e.to_string(), format!("{e:?}"), format!("{e:#?}")] {
            assert!(!text.contains(TOKEN), "token in {text}");
            assert!(!text.contains("sup3r-s3cr3t"), "token part in {text}");
        }
    }
    assert!(errors[0].to_string().contains("bad header Bot <redacted>"));
    let lines = lines.lock().unwrap();
    assert!(lines.len() >= 8, "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("send GET /invites/api?with_counts=true"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("failed GET /invites/slow"))
    );
    for line in lines.iter() {
        assert!(!line.contains(TOKEN), "token in log line {line}");
    }
    let client_debug = format!("{c:?}");
    assert!(!client_debug.contains(TOKEN));
}

#[test]
fn log_lines_follow_the_call() {
    let server = Server::scripted(vec![Reply::json(503, "{}"), Reply::json(200, INVITE)]);
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = Arc::clone(&lines);
    let c = client(&server)
        .log(move |event| sink.lock().unwrap().push(event.to_string()))
        .build()
        .unwrap();
    c.execute(&GetJson::new("abc")).unwrap();
    let lines = lines.lock().unwrap();
    let shapes: Vec<String> = lines
        .iter()
        .map(|l| l.split(':').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        shapes,
        [
            "send GET /invites/abc?with_counts=true (attempt 1)",
            "receive GET /invites/abc?with_counts=true",
            "retry GET /invites/abc?with_counts=true (attempt 2, after status 503) in 20ms",
            "send GET /invites/abc?with_counts=true (attempt 2)",
            "receive GET /invites/abc?with_counts=true",
        ]
    );
}

#[test]
fn a_connection_closed_by_the_server_is_not_reused() {
    let server = Server::scripted(vec![
        Reply::json(200, INVITE).mode(Mode::CloseAfter),
        Reply::json(200, INVITE),
    ]);
    let c = client(&server).build().unwrap();
    c.execute(&GetJson::new("abc")).unwrap();
    // Give the close time to arrive, then send a request that is not retried on failure:
    // it must go on a fresh connection, not the closed one.
    std::thread::sleep(Duration::from_millis(50));
    c.execute(&PostJson {
        channel: 1,
        body: "{}".into(),
        reason: None,
    })
    .unwrap();
    assert_eq!(server.requests().len(), 2);
    assert_eq!(server.connections(), 2);
}

#[test]
fn a_panicking_attempt_releases_its_rate_limit_slot() {
    let server = Server::scripted(vec![Reply::json(200, INVITE)]);
    let panicked = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let once = Arc::clone(&panicked);
    let c = client(&server)
        .log(move |event| {
            if event.to_string().starts_with("send ")
                && !once.swap(true, std::sync::atomic::Ordering::SeqCst)
            {
                panic!("log hook failure");
            }
        })
        .build()
        .unwrap();
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        c.execute(&GetJson::new("abc"))
    }));
    assert!(caught.is_err());
    assert!(panicked.load(std::sync::atomic::Ordering::SeqCst));
    // The route's bucket is unknown (one request in flight at a time): had the panicked
    // attempt kept its slot, this call would wait for it until the policy gave up.
    let started = std::time::Instant::now();
    c.execute(&GetJson::new("abc")).unwrap();
    assert!(started.elapsed() < Duration::from_secs(1));
}
