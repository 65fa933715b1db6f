//! Servers that answer as an attacker (or a broken proxy) would, for the defects of issue 9 the
//! client itself met: the token echoed across the excerpt cut (4), tokens JSON output would
//! escape (5), a stray response on a kept-alive connection (7), and a retried DELETE that finds
//! the invite gone (8).

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use invite_http_ureq::{BuildError, Client, Error, RetryPolicy, Token};
use invite_model::endpoint::{DeletedInvite, GetInvite};
use invite_model::{InviteCode, TokenError};
use support::{GetJson, Mode, Reply, Server, TOKEN, client, stray_server};

fn code(text: &str) -> InviteCode {
    InviteCode::parse(text).unwrap()
}

/// Fails if any 8 consecutive bytes of the token are in `text`.
fn assert_no_part_of_the_token(text: &str, what: &str) {
    for window in TOKEN.as_bytes().windows(8) {
        let part = std::str::from_utf8(window).unwrap();
        assert!(
            !text.contains(part),
            "{part:?} of the token in {what}: {text}"
        );
    }
}

/// A body whose `Bot TOKEN` starts before byte 256 and ends after it.
fn straddling_body() -> String {
    let body = format!("<html>{}Bot {TOKEN} rejected</html>", "x".repeat(234));
    let at = body.find(TOKEN).unwrap();
    assert!(at < 256 && at + TOKEN.len() > 256, "{at}");
    body
}

/// Issue 9, defect 4: excerpts were cut at 256 bytes first and scrubbed after, so a token
/// straddling the cut showed its first part (16 bytes here). The client now parses through a
/// redacting view and the model scrubs before it cuts: no part of the token in `Display`,
/// `Debug` or log lines.
#[test]
fn a_token_echoed_across_the_excerpt_cut_never_shows() {
    let server = Server::with_handler(|r| {
        let body = straddling_body();
        match r.path.as_str() {
            "/api/v10/invites/error1" => Reply::new(401, body),
            "/api/v10/invites/decode1" | "/api/v10/invites/typed1" => Reply::new(200, body),
            _ => Reply::new(599, "unexpected"),
        }
    });
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = Arc::clone(&lines);
    let c = client(&server)
        .log(move |event| sink.lock().unwrap().push(event.to_string()))
        .build()
        .unwrap();
    let errors = [
        c.execute(&GetJson::new("error1")).unwrap_err(),
        c.execute(&GetJson::new("decode1")).unwrap_err(),
        c.execute(&GetInvite::new(code("typed1"))).unwrap_err(),
    ];
    assert!(
        matches!(&errors[0], Error::Api(e) if e.status == 401),
        "{:?}",
        errors[0]
    );
    assert!(matches!(&errors[1], Error::Decode(_)), "{:?}", errors[1]);
    assert!(matches!(&errors[2], Error::Decode(_)), "{:?}", errors[2]);
    for e in &errors {
        assert_no_part_of_the_token(&e.to_string(), "Display");
        assert_no_part_of_the_token(&format!("{e:?}"), "Debug");
        assert_no_part_of_the_token(&format!("{e:#?}"), "Debug");
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            assert_no_part_of_the_token(&s.to_string(), "a source");
            source = s.source();
        }
    }
    // The excerpt is as long as it can be, the marker where the token was.
    let Error::Api(api) = &errors[0] else {
        unreachable!()
    };
    assert!(
        api.message
            .contains(&format!("{}Bot <redacted> r", "x".repeat(234))),
        "{}",
        api.message
    );
    let lines = lines.lock().unwrap();
    assert_eq!(lines.iter().filter(|l| l.starts_with("failed ")).count(), 3);
    for line in lines.iter() {
        assert_no_part_of_the_token(line, "a log line");
    }
}

/// Issue 9, defect 5: a token with `\` or `"` was accepted; JSON output then escaped it, and the
/// redactor, looking for the token as it is, did not find it there.
#[test]
fn tokens_that_json_would_escape_are_refused_before_anything_is_sent() {
    let server = Server::with_handler(|_| Reply::json(200, "{}"));
    for (secret, position) in [(r"MTIz.ab\cd", 7), (r#"MTIz"abcd"#, 4)] {
        let err = Client::builder()
            .base_url(server.base_url())
            .token(Token::bot(secret))
            .build()
            .unwrap_err();
        let BuildError::InvalidToken(TokenError::BadCharacter { position: at, .. }) = err else {
            panic!("{err:?}");
        };
        assert_eq!(at, position);
        assert!(!err.to_string().contains(secret), "{err}");
        assert!(!format!("{err:?}").contains(secret), "{err:?}");
        assert!(err.to_string().contains("a quote or backslash"), "{err}");
    }
    assert!(server.requests().is_empty());
}

/// Issue 9, defect 7: after an unsolicited extra response on a kept-alive connection, the next
/// call read it as its own answer: prune reported `deleted bbbb2222` while the server had
/// refused it. The invite returned must be the one asked for; on a mismatch the client reports
/// it and drops its connections, so the call after it reads its own answer, not the refusal
/// still on its way on the old connection.
#[test]
fn a_stray_response_on_a_kept_alive_connection_is_not_believed() {
    let server = stray_server();
    let c = client(&server).build().unwrap();
    let first = c.delete_invite(&code("aaaa1111"), None).unwrap();
    assert_eq!(first.into_invite().unwrap().code, "aaaa1111");

    let err = c.delete_invite(&code("bbbb2222"), None).unwrap_err();
    let Error::InviteMismatch(mismatch) = &err else {
        panic!("the refused deletion was reported as {err:?}");
    };
    assert_eq!(mismatch.requested.as_str(), "bbbb2222");
    assert_eq!(mismatch.returned, "aaaa1111");
    assert_eq!(err.status(), Some(200));
    assert!(std::error::Error::source(&err).is_some());
    assert_eq!(
        err.to_string(),
        "the response is for invite \"aaaa1111\", not the requested \"bbbb2222\" (status 200)"
    );

    // A new connection: the answer to this request, not the 403 meant for bbbb2222.
    let third = c.delete_invite(&code("cccc3333"), None).unwrap();
    assert_eq!(third, DeletedInvite::NoContent);
    let requests = server.requests();
    let sent: Vec<(&str, usize)> = requests
        .iter()
        .map(|r| (r.path.as_str(), r.connection))
        .collect();
    assert_eq!(
        sent,
        [
            ("/api/v10/invites/aaaa1111", 0),
            ("/api/v10/invites/bbbb2222", 0),
            ("/api/v10/invites/cccc3333", 1),
        ],
        "a mismatch is not retried, and the connection it came on is not used again"
    );
    // A GET of another invite is not believed either.
    let server = Server::scripted(vec![Reply::json(200, r#"{"code":"other123"}"#)]);
    let c = client(&server).build().unwrap();
    let err = c.get_invite(&GetInvite::new(code("mine1234"))).unwrap_err();
    assert!(matches!(err, Error::InviteMismatch(_)), "{err:?}");
    assert_eq!(server.requests().len(), 1);
}

const UNKNOWN_INVITE: &str = r#"{"message": "Unknown Invite", "code": 10006}"#;

/// Issue 9, defect 8: a DELETE whose first attempt acted and then failed (a 502, a broken
/// connection) was retried; the retry got 404 Unknown Invite, and the call reported a failure.
/// The invite is gone: it is reported deleted, already gone.
#[test]
fn a_retried_delete_that_finds_the_invite_gone_is_deleted() {
    for first in [
        Reply::json(502, r#"{"message":"Bad Gateway","code":0}"#),
        // The request was read, then the connection closed without an answer.
        Reply::empty(200).mode(Mode::Close),
    ] {
        let server = Server::scripted(vec![first.clone(), Reply::json(404, UNKNOWN_INVITE)]);
        let c = client(&server).build().unwrap();
        let deleted = c.delete_invite(&code("gone1234"), None);
        assert_eq!(deleted.unwrap(), DeletedInvite::AlreadyGone, "{first:?}");
        assert_eq!(server.requests().len(), 2);
    }
    // Only after an attempt that may have acted: a first 404, or one after a 429 (the API did
    // nothing), is a failure.
    let limited = Reply::json(429, r#"{"retry_after":0.01,"global":false}"#);
    for replies in [
        vec![Reply::json(404, UNKNOWN_INVITE)],
        vec![limited, Reply::json(404, UNKNOWN_INVITE)],
    ] {
        let count = replies.len();
        let server = Server::scripted(replies);
        let c = client(&server).build().unwrap();
        let err = c.delete_invite(&code("gone1234"), None).unwrap_err();
        assert!(
            err.code() == Some(&invite_model::ErrorCode::Discord(10006)),
            "{err:?}"
        );
        assert_eq!(server.requests().len(), count);
    }
    // Only for DELETE: a GET that finds the invite gone after a 502 is still a 404.
    let server = Server::scripted(vec![
        Reply::json(502, "{}"),
        Reply::json(404, UNKNOWN_INVITE),
    ]);
    let c = client(&server)
        .retry_policy({
            let mut policy = RetryPolicy::default();
            policy.backoff_base = Duration::from_millis(1);
            policy
        })
        .build()
        .unwrap();
    let err = c.get_invite(&GetInvite::new(code("gone1234"))).unwrap_err();
    assert_eq!(err.status(), Some(404));
}
