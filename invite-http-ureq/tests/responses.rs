//! Property: whatever a server answers (any status, odd rate-limit headers, any body bytes, any
//! way of ending the body), a call ends in a typed result, without panicking or hanging.

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use invite_http_ureq::{Error, RetryPolicy};
use invite_model::InviteCode;
use invite_model::endpoint::GetInvite;
use proptest::prelude::*;
use support::{Mode, Reply, Server, client};

const HEADER_NAMES: [&str; 8] = [
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "X-RateLimit-Reset-After",
    "X-RateLimit-Bucket",
    "X-RateLimit-Global",
    "X-RateLimit-Scope",
    "Retry-After",
];

fn header_value() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..100).prop_map(|n| n.to_string()),
        (0.0f64..2.0).prop_map(|f| format!("{f:.3}")),
        prop::sample::select(vec![
            "", "-1", "NaN", "inf", "1e400", "true", "global", "abc"
        ])
        .prop_map(String::from),
        "[ -~]{0,16}",
    ]
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200),
        Just(br#"{"message":"Unknown Invite","code":10006}"#.to_vec()),
        Just(br#"{"code":"jvuBeT38","type":0}"#.to_vec()),
        (any::<f64>(), any::<bool>()).prop_map(|(f, g)| {
            format!(r#"{{"message":"x","retry_after":{f},"global":{g}}}"#).into_bytes()
        }),
        Just(
            br#"{"code":50035,"errors":{"a":{"0":{"_errors":[{"code":"X","message":"y"}]}}}}"#
                .to_vec()
        ),
    ]
}

fn mode(len: usize) -> impl Strategy<Value = Mode> {
    prop_oneof![
        6 => Just(Mode::Normal),
        1 => (0..=len).prop_map(Mode::Truncate),
        1 => Just(Mode::CloseDelimited),
        1 => Just(Mode::Close),
        1 => Just(Mode::Raw),
    ]
}

fn reply() -> impl Strategy<Value = Reply> {
    (
        prop::sample::select(vec![
            200u16, 201, 204, 302, 400, 401, 403, 404, 429, 500, 502, 503, 599,
        ]),
        prop::collection::vec((0..HEADER_NAMES.len(), header_value()), 0..6),
        body(),
    )
        .prop_flat_map(|(status, headers, body)| {
            let len = body.len();
            mode(len).prop_map(move |mode| {
                let mut reply = Reply::new(status, body.clone()).mode(mode);
                for (name, value) in &headers {
                    reply = reply.header(HEADER_NAMES[*name], value);
                }
                reply
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_answer_ends_in_a_typed_result(replies in prop::collection::vec(reply(), 1..4)) {
        let next = Arc::new(Mutex::new(replies.clone()));
        let queue = Arc::clone(&next);
        let server = Server::with_handler(move |_| {
            let mut q = queue.lock().unwrap();
            if q.is_empty() { Reply::new(200, "{}") } else { q.remove(0) }
        });
        let c = client(&server)
            .timeout(Duration::from_millis(500))
            .retry_policy(
                RetryPolicy::default()
                    .with_max_rate_limit_retries(1)
                    .with_max_retries(1)
                    .with_backoff(Duration::from_millis(1), Duration::from_millis(2))
                    .with_max_rate_limit_wait(Duration::from_millis(300)),
            )
            .build()
            .unwrap();
        let started = Instant::now();
        let code = InviteCode::parse("jvuBeT38").unwrap();
        let result = c.execute(&GetInvite::new(code));
        // Bounded: two attempts, a rate-limit wait of at most 300 ms, 500 ms timeouts.
        prop_assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
        match result {
            Ok(invite) => prop_assert_eq!(invite.code.as_ref(), "jvuBeT38"),
            Err(e) => {
                // Every error renders, and a status-bearing one matches a status we sent.
                prop_assert!(!e.to_string().is_empty());
                if let Some(status) = e.status() {
                    prop_assert!(replies.iter().any(|r| r.status == status) || status == 200);
                }
                if let Error::ResponseTooLarge { .. } = e {
                    prop_assert!(false, "no body here exceeds the default limit");
                }
            }
        }
    }
}
