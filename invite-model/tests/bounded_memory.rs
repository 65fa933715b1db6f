//! Heap used by hostile bodies, counted by an instrumented global allocator: error bodies and
//! list bodies cost memory linear in their size, and the worst shapes found cost a small
//! multiple of it.
//!
//! A `harness = false` test (see `Cargo.toml`): the checks run one after the other on the main
//! thread, so no test harness thread allocates while one measures. The counter gives the bytes
//! allocated (realloc growth included), which bounds the peak heap too: the heap never grows by
//! more than was allocated.

use std::alloc::System;

use invite_model::endpoint::{Endpoint, GetGuildInvites, LIST_MAX, Response};
use invite_model::{ApiError, DecodeError, ErrorCode, FieldError, ResponseError, Snowflake};
use proptest::prelude::*;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Bytes of heap an error body of N bytes may cost: `C_ERROR · N + FIXED`. A kept field error
/// costs its 72-byte `FieldError` (twice, for the vector's spare room) plus its path, which may
/// repeat a key of the body up to [`FieldError::PATH_MAX`] bytes; the cheapest kept error is
/// `"",` (3 bytes) under one key of 256 bytes, about 60 bytes of heap per byte of body, for at
/// most [`ApiError::ERRORS_MAX`] errors. Past that, nothing more is kept.
const C_ERROR: usize = 64;
/// Bytes of heap a list body of N bytes may cost: `C_LIST · N + FIXED`. The cheapest invite is
/// `{"code":""},` (12 bytes) and takes 584 bytes in the vector, which may have as much room
/// again: 97 bytes of heap per byte of body. Sub-objects cost less per byte (a guild is boxed:
/// 376 bytes for at least `"guild":{"id":"1","name":""}`, 27 bytes).
const C_LIST: usize = 100;

/// Bytes of heap per byte of body a list of real invites may cost (the docs' invite with
/// metadata, 100 times): the issue's target.
const C_REAL_LIST: usize = 3;
/// What any call may cost whatever the body: the status's reason phrase for an empty one, the
/// first small vectors.
const FIXED: usize = 1024;

/// Runs `f` and returns its result with the bytes it allocated (realloc growth included).
fn allocated<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let region = Region::new(GLOBAL);
    let value = f();
    let change = region.change();
    (value, change.bytes_allocated)
}

/// Runs `f` and returns its result with the bytes of heap it still holds when it returns.
fn held<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let region = Region::new(GLOBAL);
    let value = f();
    let change = region.change();
    // Realloc growth and shrinkage are in `bytes_allocated` and `bytes_deallocated` already.
    (
        value,
        change
            .bytes_allocated
            .saturating_sub(change.bytes_deallocated),
    )
}

/// Discord's nested form errors, shaped as the review found them: one key of `key_len` bytes
/// holding `entries` small errors.
fn long_key_body(key_len: usize, entries: usize, entry: &str) -> String {
    let mut body = String::with_capacity(key_len + entries * (entry.len() + 1) + 64);
    body.push_str(r#"{"code":50035,"message":"Invalid Form Body","errors":{""#);
    body.push_str(&"k".repeat(key_len));
    body.push_str(r#"":["#);
    for i in 0..entries {
        if i > 0 {
            body.push(',');
        }
        body.push_str(entry);
    }
    body.push_str("]}}");
    body
}

/// The longest an `ApiError`'s `Display` can be.
const DISPLAY_MAX: usize = 64
    + ErrorCode::FLUXER_MAX
    + ApiError::MESSAGE_MAX
    + ApiError::ERRORS_MAX
        * (FieldError::PATH_MAX + FieldError::CODE_MAX + FieldError::MESSAGE_MAX + 8)
    + 32;

/// Parses `body` as a 400 and checks the bounds: heap within `multiple` times the body, at most
/// `ERRORS_MAX` errors kept with every other one counted, paths cut, `Display` bounded.
fn check_long_key(body: &str, entries: usize, multiple: usize) {
    let (err, bytes) =
        allocated(|| ResponseError::from_response(&Response::new(400, &[], body.as_bytes())));
    assert!(
        bytes <= multiple * body.len(),
        "{bytes} bytes of heap for a body of {}",
        body.len()
    );
    let ResponseError::Api(api) = err else {
        panic!("not an api error")
    };
    assert!(api.is_invalid_form_body());
    assert_eq!(api.errors.len(), ApiError::ERRORS_MAX);
    assert_eq!(api.omitted_errors, entries - ApiError::ERRORS_MAX);
    for e in &api.errors {
        assert!(e.path.len() <= FieldError::PATH_MAX);
        assert!(e.path.ends_with(FieldError::PATH_CUT), "{}", e.path);
        assert!(e.path.starts_with("kkkk"));
    }
    let shown = api.to_string();
    assert!(shown.len() <= DISPLAY_MAX, "{} bytes shown", shown.len());
    assert!(shown.ends_with(&format!("; and {} more", entries - ApiError::ERRORS_MAX)));
}

/// Defect 1: a 96 KB body (a 64 KiB key holding 10,000 errors) cost about 0.6 GB of heap and
/// printed as much; now its heap is within the body's size.
fn long_key_with_many_errors_96_kb() {
    let body = long_key_body(64 * 1024, 10_000, r#""""#);
    assert!((90_000..100_000).contains(&body.len()), "{}", body.len());
    check_long_key(&body, 10_000, 1);
}

/// Defect 1: a 1.5 MB body (a 1 MiB key holding 65,536 errors) needed 64 GiB and aborted the
/// process; now it costs a fraction of the body.
fn long_key_with_many_errors_1_5_mb() {
    let body = long_key_body(1 << 20, 65_536, r#""abc""#);
    assert!(
        (1_400_000..1_600_000).contains(&body.len()),
        "{}",
        body.len()
    );
    check_long_key(&body, 65_536, 1);
}

/// The most an error can keep: `ERRORS_MAX` errors each with the longest path, code and
/// message, and the longest message. About 100 KiB, whatever the body.
fn fullest_error_is_about_100_kib() {
    let long = "x".repeat(2000);
    let item = format!(r#"{{"path":"{long}","code":"{long}","message":"{long}"}}"#);
    let body = format!(
        r#"{{"code":"{long}","message":"{long}","errors":[{}]}}"#,
        vec![item.as_str(); 150].join(",")
    );
    let (err, bytes) =
        allocated(|| ResponseError::from_response(&Response::new(400, &[], body.as_bytes())));
    let api = err.as_api().unwrap();
    assert_eq!((api.errors.len(), api.omitted_errors), (100, 50));
    assert!(bytes <= 110 * 1024, "{bytes} bytes");
    assert!(api.to_string().len() <= DISPLAY_MAX);
}

/// Deep nesting of long keys (each level adds a 4 KiB segment): the path buffer stays capped.
fn deep_long_paths() {
    let depth = 100;
    let key = "p".repeat(4096);
    let mut body = String::from(r#"{"code":50035,"errors":"#);
    let level = format!(r#"{{"{key}":"#);
    body.push_str(&level.repeat(depth));
    body.push_str(r#"{"_errors":[{"code":"C","message":"m"}]}"#);
    body.push_str(&"}".repeat(depth + 1));
    let (err, bytes) =
        allocated(|| ResponseError::from_response(&Response::new(400, &[], body.as_bytes())));
    assert!(bytes <= body.len() / 50, "{bytes} bytes for {}", body.len());
    let api = err.as_api().unwrap();
    assert_eq!(api.errors.len(), 1);
    assert_eq!(api.errors[0].path.len(), FieldError::PATH_MAX);
    assert!(api.errors[0].path.ends_with(FieldError::PATH_CUT));
    assert_eq!(api.errors[0].code, "C");
}

/// Defect 2: a list body within the 8 MiB limit made of `{"code":"ab"}` needed 1.2 GB; now it
/// stops at the invite past `LIST_MAX`, with at most `LIST_MAX` invites' worth of heap.
fn eight_mib_list_of_tiny_invites() {
    let entry = r#"{"code":"ab"},"#;
    let mut body = entry.repeat(8 * 1024 * 1024 / entry.len());
    body.insert(0, '[');
    body.pop();
    body.push(']');
    let (err, bytes) = allocated(|| {
        GetGuildInvites::new(Snowflake(1))
            .parse(&Response::new(200, &[], body.as_bytes()))
            .unwrap_err()
    });
    let ResponseError::ListTooLong(e) = err else {
        panic!("not ListTooLong: {err}")
    };
    assert_eq!((e.status, e.limit), (200, LIST_MAX));
    // 16,384 slots of 584 bytes (the vector's last doubling) and each code's 2 bytes.
    let budget = 16_384 * std::mem::size_of::<invite_model::Invite<'static>>() + 64 * 1024;
    assert!(bytes <= budget, "{bytes} bytes");
    assert!(bytes < 11_000_000, "{bytes} bytes");
}

/// A guild's invite list as the API sends it (the Discord docs' invite with metadata, 100 times,
/// about 100 KB) costs at most C_REAL_LIST bytes of heap per byte, read by the endpoint (owned)
/// and borrowed through `serde_json::from_slice`.
fn real_list_costs_under_three_bytes_per_byte() {
    let one = include_str!("fixtures/discord_invite_with_metadata.json");
    let body = format!("[{}]", vec![one; 100].join(","));
    let (parsed, owned) = allocated(|| {
        GetGuildInvites::new(Snowflake(1)).parse(&Response::new(200, &[], body.as_bytes()))
    });
    assert_eq!(parsed.unwrap().len(), 100);
    let (parsed, borrowed) =
        allocated(|| serde_json::from_slice::<Vec<invite_model::Invite<'_>>>(body.as_bytes()));
    assert_eq!(parsed.unwrap().len(), 100);
    println!(
        "real list: {} bytes of body, {owned} bytes of heap owned ({:.2} per byte), {borrowed} borrowed ({:.2} per byte)",
        body.len(),
        owned as f64 / body.len() as f64,
        borrowed as f64 / body.len() as f64
    );
    assert!(
        owned <= C_REAL_LIST * body.len(),
        "{owned} bytes for {}",
        body.len()
    );
    assert!(
        borrowed <= C_REAL_LIST * body.len(),
        "{borrowed} bytes for {}",
        body.len()
    );
}

/// A token placed across byte 256 of a non-JSON error body (and of a body that does not decode)
/// does not appear, whole or in part, in the error.
fn token_across_the_excerpt_cut() {
    let token = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs";
    let redactor = invite_model::Redactor::new().with_secret(token);
    for before in 200..256 {
        let body = format!("{}{token}{}", "x".repeat(before), "y".repeat(300));
        let response = Response::new(502, &[], body.as_bytes()).with_redactor(&redactor);
        let api = ResponseError::from_response(&response);
        let response = Response::new(200, &[], body.as_bytes()).with_redactor(&redactor);
        let decode = GetGuildInvites::new(Snowflake(1))
            .parse(&response)
            .unwrap_err();
        let ResponseError::Decode(d) = &decode else {
            panic!("not a decode error: {decode}")
        };
        assert!(d.excerpt.len() <= DecodeError::EXCERPT_MAX);
        for shown in [api.to_string(), decode.to_string()] {
            for part in token.as_bytes().windows(6) {
                let part = std::str::from_utf8(part).unwrap();
                assert!(!shown.contains(part), "{part} at {before}: {shown}");
            }
            assert!(shown.contains("<redacted>"), "{shown}");
        }
    }
}

/// The cheapest shapes per byte, which the constants are computed for, at every length up to
/// past [`ApiError::ERRORS_MAX`]: `""` errors under a key as long as a kept path, and
/// `{"code":""}` invites.
fn cheapest_shapes_are_within_the_constants() {
    let key = "k".repeat(FieldError::PATH_MAX);
    for n in 1..=2 * ApiError::ERRORS_MAX {
        let errors = format!(
            r#"{{"errors":{{"{key}":[{}]}}}}"#,
            vec![r#""""#; n].join(",")
        );
        let loose = format!(r#"{{"{key}":[{}]}}"#, vec![r#""""#; n].join(","));
        for body in [errors, loose] {
            let (err, heap) = allocated(|| {
                ResponseError::from_response(&Response::new(400, &[], body.as_bytes()))
            });
            assert!(
                heap <= C_ERROR * body.len() + FIXED,
                "{heap} bytes for {body}"
            );
            assert_eq!(
                err.as_api().unwrap().errors.len(),
                n.min(ApiError::ERRORS_MAX)
            );
        }
        let list = format!("[{}]", vec![r#"{"code":""}"#; n].join(","));
        let (parsed, heap) = allocated(|| {
            GetGuildInvites::new(Snowflake(1)).parse(&Response::new(200, &[], list.as_bytes()))
        });
        assert_eq!(parsed.unwrap().len(), n);
        assert!(
            heap <= C_LIST * list.len() + FIXED,
            "{heap} bytes for {list}"
        );
    }
}

/// JSON shaped like error bodies: nested `errors` objects with keys of any length (some long),
/// lists of items and strings, loose top-level lists, messages and codes.
fn error_json() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        3 => "[a-z_0-9]{0,6}",
        1 => (1usize..600).prop_map(|n| "k".repeat(n)),
        1 => Just("_errors".to_string()),
    ];
    let item = prop_oneof![
        Just(r#""""#.to_string()),
        "[a-z ]{0,12}".prop_map(|m| format!("{m:?}")),
        ("[A-Z_]{0,8}", "[a-z ]{0,8}")
            .prop_map(|(c, m)| format!(r#"{{"code":"{c}","message":"{m}"}}"#)),
        "[a-z.0-9]{0,8}".prop_map(|p| format!(r#"{{"path":"{p}","message":"m"}}"#)),
        Just("{}".to_string()),
        Just("1".to_string()),
    ];
    let list = proptest::collection::vec(item, 0..150).prop_map(|v| format!("[{}]", v.join(",")));
    let leaf = prop_oneof![
        list,
        Just(r#""flat""#.to_string()),
        Just("null".to_string())
    ];
    let tree = leaf.prop_recursive(6, 400, 8, move |inner| {
        proptest::collection::vec((key.clone(), inner), 0..8).prop_map(|entries| {
            let fields: Vec<String> = entries
                .into_iter()
                .map(|(k, v)| format!("{k:?}:{v}"))
                .collect();
            format!("{{{}}}", fields.join(","))
        })
    });
    (
        tree,
        proptest::option::of("[A-Za-z ]{0,40}"),
        proptest::option::of(prop_oneof![
            Just("50035".to_string()),
            Just(r#""INVALID_FORM_BODY""#.to_string())
        ]),
        proptest::collection::vec(("[a-z_]{1,20}", "[a-z ]{0,10}"), 0..4),
    )
        .prop_map(|(errors, message, code, loose)| {
            let mut fields = vec![format!(r#""errors":{errors}"#)];
            if let Some(m) = message {
                fields.push(format!(r#""message":{m:?}"#));
            }
            if let Some(c) = code {
                fields.push(format!(r#""code":{c}"#));
            }
            for (k, v) in loose {
                fields.push(format!("{k:?}:[{v:?},{v:?}]"));
            }
            format!("{{{}}}", fields.join(","))
        })
}

/// Lists of small invites with some sub-objects and inner lists.
fn list_json() -> impl Strategy<Value = String> {
    let invite = prop_oneof![
        4 => "[a-z]{0,3}".prop_map(|c| format!(r#"{{"code":"{c}"}}"#)),
        1 => Just(r#"{"code":"a","target_user":{"id":"1","username":""}}"#.to_string()),
        1 => Just(r#"{"code":"a","target_application":{}}"#.to_string()),
        1 => (0usize..40).prop_map(|n| format!(r#"{{"code":"a","roles":[{}]}}"#, vec![r#"{"id":"1"}"#; n].join(","))),
        1 => (0usize..40).prop_map(|n| format!(r#"{{"code":"a","guild":{{"id":"1","name":"","features":[{}]}}}}"#, vec![r#""""#; n].join(","))),
        1 => Just(r#"{"code":"a\u00e9","guild":{"id":"1","name":"n\n"},"inviter":{"id":"2","username":"u"}}"#.to_string()),
    ];
    proptest::collection::vec(invite, 0..300).prop_map(|v| format!("[{}]", v.join(",")))
}

/// Runs `test` on `cases` values of `strategy`; panics with the smallest failing value.
fn check_all<S: Strategy>(
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let config = ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(cases)
    };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    if let Err(e) = runner.run(&strategy, test) {
        panic!("{e}");
    }
}

/// Any error body of N bytes (structured, or any bytes) costs at most C_ERROR · N + FIXED.
fn error_bodies_cost_linear_heap() {
    let statuses = prop_oneof![Just(400u16), Just(429), 400u16..600];
    let bytes = proptest::collection::vec(any::<u8>(), 0..2000);
    check_all(
        128,
        (error_json(), bytes, statuses),
        |(json, bytes, status)| {
            for body in [json.as_bytes(), &bytes] {
                let (err, heap) =
                    allocated(|| ResponseError::from_response(&Response::new(status, &[], body)));
                prop_assert!(
                    heap <= C_ERROR * body.len() + FIXED,
                    "{} bytes of heap for {} bytes: {}",
                    heap,
                    body.len(),
                    String::from_utf8_lossy(body)
                );
                if let ResponseError::Api(api) = &err {
                    prop_assert!(api.errors.len() <= ApiError::ERRORS_MAX);
                    prop_assert!(api.to_string().len() <= DISPLAY_MAX);
                }
            }
            Ok(())
        },
    );
}

/// Any list body of N bytes costs at most C_LIST · N + FIXED.
fn list_bodies_cost_linear_heap() {
    check_all(128, list_json(), |json| {
        let (parsed, heap) = allocated(|| {
            GetGuildInvites::new(Snowflake(1)).parse(&Response::new(200, &[], json.as_bytes()))
        });
        prop_assert!(parsed.is_ok(), "{:?}", parsed.err());
        prop_assert!(
            heap <= C_LIST * json.len() + FIXED,
            "{} bytes of heap for {} bytes: {}",
            heap,
            json.len(),
            json
        );
        Ok(())
    });
}

/// Heap a tracker may hold per invite record (a table entry, a mark, or an unsettled interval's
/// use) with a code of up to `CODE_MAX` bytes. These figures are the ones `TrackerConfig`'s docs
/// give.
const TRACKER_PER_INVITE: usize = 320;
/// ... per undecided join.
const TRACKER_PER_JOIN: usize = 128;
/// ... per queued attribution.
const TRACKER_PER_QUEUED: usize = 192;
/// ... per guild, plus [`TRACKER_PER_INTERVAL`] for each interval it may keep.
const TRACKER_PER_GUILD: usize = 512;
/// ... per interval a guild may keep (`max_intervals`).
const TRACKER_PER_INTERVAL: usize = 160;

/// A tracker fed everything hostile input can make it hold, at small limits, holds at most the
/// documented heap per record, and never more records than its limits.
fn tracker_holds_what_its_limits_say() {
    use invite_model::event::{InviteCreate, MemberAdd};
    use invite_model::tracker::{Snapshot, Tracker, TrackerConfig};
    use invite_model::{CowStr, Invite, Timestamp};
    use std::time::Duration;

    let config = TrackerConfig::new()
        // Nothing ever closes: everything stays held.
        .event_lag(Duration::from_secs(100_000))
        .max_guilds(40)
        .max_invites_per_guild(100)
        .max_invites(2_000)
        .max_pending_per_guild(20)
        .max_pending(500)
        .max_intervals(4)
        .max_queued(300);
    let t = |ms: u64| Timestamp::from_unix_millis(1_767_225_600_000 + ms);
    let code = |g: u64, i: u64| format!("{g:08}{i:08}{}", "c".repeat(48));
    let (mut tracker, heap) = held(|| {
        let mut tracker = Tracker::with_config(config.clone());
        let mut now = 0;
        for round in 0..4u64 {
            for g in 1..=50u64 {
                now += 10;
                // Four codes gain a use per round: each interval holds four uses.
                let list: Vec<Invite<'static>> = (0..24)
                    .map(|i| {
                        let mut invite = Invite::default();
                        invite.code = CowStr::from(code(g, i));
                        invite.uses = Some(if i < 4 { round } else { 0 });
                        invite.max_uses = Some(0);
                        invite
                    })
                    .collect();
                let _ = tracker.snapshot(Snowflake(g), &Snapshot::new(t(now), t(now + 1), &list));
                for i in 0..12u64 {
                    let mut event = InviteCreate::default();
                    event.guild_id = Some(Snowflake(g));
                    event.code = CowStr::from(code(g, 1_000 + round * 100 + i));
                    event.uses = Some(0);
                    event.max_uses = Some(1);
                    tracker.invite_create(&event, t(now + 2));
                    let mut member = MemberAdd::default();
                    member.guild_id = Snowflake(g);
                    member.user.id = Snowflake(g << 20 | round << 10 | i);
                    member.user.bot = Some(i % 7 == 0);
                    tracker.member_add(&member, t(now + 3));
                }
            }
        }
        tracker
    });
    let stats = tracker.stats();
    assert!(
        stats.guilds <= 40 && stats.invites <= 2_000 && stats.pending <= 500,
        "{stats:?}"
    );
    assert!(
        stats.queued <= 300 && stats.intervals <= 40 * 4,
        "{stats:?}"
    );
    assert!(
        stats.invites > 1_400 && stats.pending > 300 && stats.intervals > 60 && stats.queued == 300,
        "not full: {stats:?}"
    );
    let bound = stats.invites * TRACKER_PER_INVITE
        + stats.pending * TRACKER_PER_JOIN
        + stats.queued * TRACKER_PER_QUEUED
        + stats.guilds * (TRACKER_PER_GUILD + 4 * TRACKER_PER_INTERVAL)
        + FIXED;
    println!("tracker at its limits: {stats:?}, {heap} bytes held (bound {bound})");
    assert!(
        heap <= bound,
        "{heap} bytes held for {stats:?}, bound {bound}"
    );
    while tracker.poll_attribution().is_some() {}
}

fn main() {
    let checks: [(&str, fn()); 11] = [
        (
            "tracker_holds_what_its_limits_say",
            tracker_holds_what_its_limits_say,
        ),
        (
            "long_key_with_many_errors_96_kb",
            long_key_with_many_errors_96_kb,
        ),
        (
            "long_key_with_many_errors_1_5_mb",
            long_key_with_many_errors_1_5_mb,
        ),
        (
            "fullest_error_is_about_100_kib",
            fullest_error_is_about_100_kib,
        ),
        ("deep_long_paths", deep_long_paths),
        (
            "eight_mib_list_of_tiny_invites",
            eight_mib_list_of_tiny_invites,
        ),
        ("token_across_the_excerpt_cut", token_across_the_excerpt_cut),
        (
            "real_list_costs_under_three_bytes_per_byte",
            real_list_costs_under_three_bytes_per_byte,
        ),
        (
            "cheapest_shapes_are_within_the_constants",
            cheapest_shapes_are_within_the_constants,
        ),
        (
            "error_bodies_cost_linear_heap",
            error_bodies_cost_linear_heap,
        ),
        ("list_bodies_cost_linear_heap", list_bodies_cost_linear_heap),
    ];
    for (name, check) in checks {
        check();
        println!("test {name} ... ok");
    }
    println!("bounded memory: {} passed, 0 failed", checks.len());
}
