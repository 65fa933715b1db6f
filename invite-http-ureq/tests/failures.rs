//! Retries and failures: 5xx, timeouts, truncated or garbage bodies, oversized bodies,
//! refused connections.

mod support;

use std::time::{Duration, Instant};

use invite_http_ureq::{Client, Error, RetryPolicy, Token, TransportErrorKind};
use invite_model::InviteCode;
use invite_model::endpoint::{Request, Route};
use support::{GetJson, Mode, PostJson, Reply, Server, TOKEN, client};

fn post() -> PostJson {
    PostJson {
        channel: 7,
        body: "{}".into(),
        reason: None,
    }
}

#[test]
fn server_error_then_success_is_retried_for_a_get() {
    let server = Server::scripted(vec![
        Reply::json(502, r#"{"message":"Bad Gateway","code":0}"#),
        Reply::json(200, r#"{"code":"abc"}"#),
    ]);
    let c = client(&server).build().unwrap();
    let value = c.execute(&GetJson::new("abc")).unwrap();
    assert_eq!(value["code"], "abc");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    // The backoff (20 ms in the test policy) was respected.
    assert!(requests[1].at.duration_since(requests[0].at) >= Duration::from_millis(20));
}

#[test]
fn server_errors_are_retried_at_most_max_retries_times() {
    let replies = (0..5).map(|_| Reply::json(500, "{}")).collect();
    let server = Server::scripted(replies);
    let c = client(&server).build().unwrap();
    let err = c.execute(&GetJson::new("abc")).unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert!(matches!(err, Error::Api(_)), "{err:?}");
    // One attempt and the policy's two retries.
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn server_error_is_not_retried_for_a_post() {
    let server = Server::scripted(vec![
        Reply::json(502, r#"{"message":"Bad Gateway","code":0}"#),
        Reply::json(200, "{}"),
    ]);
    let c = client(&server).build().unwrap();
    let err = c.execute(&post()).unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn broken_connection_is_retried_for_a_get_only() {
    let server = Server::scripted(vec![
        Reply::json(200, r#"{"code":"abc"}"#).mode(Mode::Close),
        Reply::json(200, r#"{"code":"abc"}"#),
    ]);
    let c = client(&server).build().unwrap();
    assert_eq!(c.execute(&GetJson::new("abc")).unwrap()["code"], "abc");
    assert_eq!(server.requests().len(), 2);

    let server = Server::scripted(vec![
        Reply::json(200, "{}").mode(Mode::Close),
        Reply::json(200, "{}"),
    ]);
    let c = client(&server).build().unwrap();
    let err = c.execute(&post()).unwrap_err();
    assert!(
        matches!(&err, Error::Transport(t) if t.kind == TransportErrorKind::Io),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn slow_response_times_out() {
    let server = Server::scripted(vec![
        Reply::json(200, "{}").delay(Duration::from_millis(1500)),
    ]);
    let c = client(&server)
        .timeout(Duration::from_millis(250))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = c.execute(&GetJson::new("abc")).unwrap_err();
    assert!(matches!(err, Error::Timeout), "{err:?}");
    assert_eq!(err.to_string(), "request timed out");
    assert!(started.elapsed() < Duration::from_millis(1200));
    // Timeouts are not retried.
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn stalled_body_times_out() {
    // The head and a few body bytes arrive, then nothing.
    let server = Server::scripted(vec![
        Reply::json(200, r#"{"code":"abcdefgh"}"#).mode(Mode::Stall(5)),
    ]);
    let c = client(&server)
        .timeout(Duration::from_millis(250))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = c.execute(&GetJson::new("abc")).unwrap_err();
    assert!(matches!(err, Error::Timeout), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(1200));
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn truncated_body_is_a_typed_error() {
    let server = Server::scripted(vec![
        Reply::json(200, r#"{"code":"abcdefgh","type":0}"#).mode(Mode::Truncate(10)),
    ]);
    let c = client(&server)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = c.execute(&GetJson::new("abc")).unwrap_err();
    match &err {
        Error::Transport(t) => {
            assert_eq!(t.kind, TransportErrorKind::Io);
            assert!(
                err.to_string()
                    .starts_with("transport error: connection broken: ")
            );
        }
        Error::Decode(d) => assert_eq!(d.status, 200),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn truncated_body_then_success_is_retried() {
    let server = Server::scripted(vec![
        Reply::json(200, r#"{"code":"abcdefgh"}"#).mode(Mode::Truncate(3)),
        Reply::json(200, r#"{"code":"abcdefgh"}"#),
    ]);
    let c = client(&server).build().unwrap();
    assert_eq!(c.execute(&GetJson::new("abc")).unwrap()["code"], "abcdefgh");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn garbage_body_is_a_decode_error_with_status_and_excerpt() {
    let server = Server::scripted(vec![Reply::new(
        200,
        "<html><body>502 Bad Gateway</body></html>",
    )]);
    let c = client(&server).build().unwrap();
    let err = c.execute(&GetJson::new("abc")).unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("expected a decode error, got {err:?}");
    };
    assert_eq!(d.status, 200);
    assert_eq!(d.excerpt, "<html><body>502 Bad Gateway</body></html>");
    assert_eq!(
        err.to_string(),
        "cannot decode the response body (status 200): expected value at line 1 column 1; the \
         body starts with \"<html><body>502 Bad Gateway</body></html>\""
    );
}

#[test]
fn long_garbage_excerpt_is_bounded() {
    let garbage = "x".repeat(10_000);
    let server = Server::scripted(vec![Reply::new(200, garbage)]);
    let c = client(&server).build().unwrap();
    let Error::Decode(d) = c.execute(&GetJson::new("abc")).unwrap_err() else {
        panic!("expected a decode error");
    };
    assert_eq!(d.excerpt.len(), invite_model::DecodeError::EXCERPT_MAX);
}

#[test]
fn not_http_at_all_is_a_protocol_error() {
    let server = Server::scripted(vec![
        Reply::new(200, "SSH-2.0-OpenSSH_9.6\r\n\r\n").mode(Mode::Raw),
    ]);
    let c = client(&server)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = c.execute(&GetJson::new("abc")).unwrap_err();
    assert!(
        matches!(&err, Error::Transport(t) if t.kind == TransportErrorKind::Protocol),
        "{err:?}"
    );
}

#[test]
fn oversized_body_is_refused() {
    let big = "a".repeat(4096);
    // With Content-Length: refused before reading.
    let server = Server::scripted(vec![Reply::new(200, big.clone())]);
    let c = client(&server).max_response_size(1024).build().unwrap();
    let err = c.execute(&GetJson::new("abc")).unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit: 1024 }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "response body is larger than the limit of 1024 bytes"
    );
    // Without Content-Length (the body ends when the connection closes): reading stops at the
    // limit.
    let server = Server::scripted(vec![Reply::new(200, big).mode(Mode::CloseDelimited)]);
    let c = client(&server).max_response_size(1024).build().unwrap();
    let err = c.execute(&GetJson::new("abc")).unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit: 1024 }),
        "{err:?}"
    );
}

#[test]
fn body_of_exactly_the_limit_is_accepted() {
    let exact = "b".repeat(1024);
    let request = Request::new(Route::GetTargetUsers {
        code: InviteCode::parse("abc").unwrap(),
    });
    let server = Server::scripted(vec![
        Reply::csv(&exact).mode(Mode::CloseDelimited),
        Reply::csv(&exact),
    ]);
    let c = client(&server).max_response_size(1024).build().unwrap();
    assert_eq!(c.execute_raw(&request).unwrap().body.len(), 1024);
    assert_eq!(c.execute_raw(&request).unwrap().body.len(), 1024);
}

#[test]
fn refused_connection_is_a_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/api/v10", listener.local_addr().unwrap());
    drop(listener);
    let c = Client::builder()
        .base_url(url)
        .token(Token::bot(TOKEN))
        .retry_policy({
            let mut policy = RetryPolicy::default();
            policy.backoff_base = Duration::from_millis(10);
            policy
        })
        .build()
        .unwrap();
    let started = Instant::now();
    let err = c.execute(&GetJson::new("abc")).unwrap_err();
    let Error::Transport(t) = &err else {
        panic!("expected a transport error, got {err:?}");
    };
    assert_eq!(t.kind, TransportErrorKind::Connect);
    assert!(
        err.to_string()
            .starts_with("transport error: cannot connect: "),
        "{err}"
    );
    assert!(std::error::Error::source(&err).is_some());
    // Two retries with 10 ms and 20 ms backoff happened.
    assert!(started.elapsed() >= Duration::from_millis(30));
}

#[test]
fn redirects_are_not_followed() {
    let server = Server::scripted(vec![
        Reply::empty(302).header("Location", "http://127.0.0.1:1/elsewhere"),
    ]);
    let c = client(&server).build().unwrap();
    let err = c.execute(&GetJson::new("abc")).unwrap_err();
    assert_eq!(err.status(), Some(302));
    assert_eq!(server.requests().len(), 1);
}
