//! `invite track` (replayed recordings on standard input and in files) and `invite watch`
//! (against the loopback server, bounded by `--count`; and stopped by Ctrl-C), run as the real
//! binary. Every run is killed after [`RUN_LIMIT`] and checked not to print the token.
#![cfg(feature = "cli")]

mod support;

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use support::child::{RUN_LIMIT, Run};
use support::{Reply, Server, TOKEN};

fn spawn(args: &[&str], token: bool) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_invite"));
    command
        .args(args)
        .env_remove("DISCORD_TOKEN")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if token {
        command.env("DISCORD_TOKEN", TOKEN);
    }
    command.spawn().expect("spawn the invite binary")
}

/// Waits for `child` (bounded by [`RUN_LIMIT`]), checking the token was not printed.
fn finish(child: Child, input: &[u8]) -> Run {
    support::child::finish(child, input, &"track/watch")
}

fn run(args: &[&str], input: &str) -> Run {
    finish(spawn(args, false), input.as_bytes())
}

// ---- track ----

const G: &str = "1046920999469330512";

/// A list answer line.
fn list(at: &str, sent: &str, body: &str) -> String {
    format!(
        r#"{{"at":"{at}","rest":{{"route":"GET /guilds/{{guild_id}}/invites","guild_id":"{G}","status":200,"sent_at":"{sent}","body":{body}}}}}"#
    )
}

/// A vanity answer line.
fn vanity(at: &str, body: &str) -> String {
    format!(
        r#"{{"at":"{at}","rest":{{"route":"GET /guilds/{{guild_id}}/vanity-url","guild_id":"{G}","status":200,"body":{body}}}}}"#
    )
}

/// A dispatch line.
fn dispatch(at: &str, t: &str, d: &str) -> String {
    format!(r#"{{"at":"{at}","dispatch":{{"op":0,"t":"{t}","s":1,"d":{d}}}}}"#)
}

fn join(at: &str, user: &str) -> String {
    dispatch(
        at,
        "GUILD_MEMBER_ADD",
        &format!(r#"{{"guild_id":"{G}","joined_at":"{at}","user":{{"id":"{user}"}}}}"#),
    )
}

/// Something later in the recording, so that the last snapshot's lag has passed.
fn later(at: &str) -> String {
    dispatch(at, "TYPING_START", r#"{"channel_id":"1"}"#)
}

fn replay(lines: &[String]) -> String {
    lines.join("\n") + "\n"
}

#[test]
fn track_attributes_k_uses_to_k_joins() {
    let input = replay(&[
        list(
            "2026-01-01T10:00:00.3Z",
            "2026-01-01T10:00:00Z",
            r#"[{"code":"jvuBeT38","uses":4,"inviter":{"id":"80351110224678912","username":"nelly"}}]"#,
        ),
        join("2026-01-01T10:05:00Z", "1"),
        join("2026-01-01T10:05:01Z", "2"),
        list(
            "2026-01-01T10:05:03Z",
            "2026-01-01T10:05:02.5Z",
            r#"[{"code":"jvuBeT38","uses":6,"inviter":{"id":"80351110224678912","username":"nelly"}}]"#,
        ),
        later("2026-01-01T10:06:00Z"),
    ]);
    let r = run(&["track", "--replay", "-", "--json"], &input);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        format!(
            "{{\"guild_id\":\"{G}\",\"user_id\":\"1\",\"joined_at\":\"2026-01-01T10:05:00+00:00\",\"source\":\"invite\",\"code\":\"jvuBeT38\",\"inviter_id\":\"80351110224678912\"}}\n\
             {{\"guild_id\":\"{G}\",\"user_id\":\"2\",\"joined_at\":\"2026-01-01T10:05:01+00:00\",\"source\":\"invite\",\"code\":\"jvuBeT38\",\"inviter_id\":\"80351110224678912\"}}\n"
        )
    );
    let r = run(&["track", "--replay", "-"], &input);
    assert_eq!(
        r.stdout,
        format!(
            "2026-01-01T10:05:00+00:00  guild {G}  user 1  invite jvuBeT38 (inviter 80351110224678912)\n\
             2026-01-01T10:05:01+00:00  guild {G}  user 2  invite jvuBeT38 (inviter 80351110224678912)\n"
        )
    );
}

#[test]
fn track_reads_vanity_bots_timing_and_ambiguity() {
    // The vanity answer before the list, then after it: one fetch either way.
    let input = replay(&[
        vanity("2026-01-01T10:00:00.3Z", r#"{"code":"alien","uses":10}"#),
        list(
            "2026-01-01T10:00:00.3Z",
            "2026-01-01T10:00:00Z",
            r#"[{"code":"aaa","uses":0},{"code":"bbb","uses":0}]"#,
        ),
        join("2026-01-01T10:05:00Z", "1"),
        dispatch(
            "2026-01-01T10:05:01Z",
            "GUILD_MEMBER_ADD",
            &format!(r#"{{"guild_id":"{G}","joined_at":null,"user":{{"id":"9","bot":true}}}}"#),
        ),
        // `ccc` is created after 1 joined: 1 cannot have used it.
        dispatch(
            "2026-01-01T10:05:02Z",
            "INVITE_CREATE",
            &format!(
                r#"{{"guild_id":"{G}","channel_id":"1","code":"ccc","uses":0,"max_uses":0,"max_age":0,"temporary":false,"created_at":"2026-01-01T10:05:02Z","expires_at":null,"type":0,"flags":0}}"#
            ),
        ),
        join("2026-01-01T10:05:03Z", "2"),
        join("2026-01-01T10:05:04Z", "3"),
        join("2026-01-01T10:05:05Z", "4"),
        list(
            "2026-01-01T10:05:08Z",
            "2026-01-01T10:05:07.5Z",
            r#"[{"code":"aaa","uses":1},{"code":"bbb","uses":0},{"code":"ccc","uses":1}]"#,
        ),
        vanity("2026-01-01T10:05:08Z", r#"{"code":"alien","uses":12}"#),
        later("2026-01-01T10:06:00Z"),
    ]);
    let r = run(&["track", "--replay", "-", "--json"], &input);
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{r:?}");
    assert_eq!(
        lines[0],
        format!(r#"{{"guild_id":"{G}","user_id":"9","joined_at":null,"source":"oauth"}}"#)
    );
    // 1 used `aaa` or the vanity; 2, 3, 4 share the rest: `aaa`, `ccc`, the vanity.
    let source = |user: &str| {
        let line = lines
            .iter()
            .find(|l| l.contains(&format!(r#""user_id":"{user}""#)))
            .unwrap();
        line.split_once(r#""source":"#).unwrap().1.to_owned()
    };
    assert_eq!(source("1"), r#""ambiguous","candidates":["aaa","alien"]}"#);
    for user in ["2", "3", "4"] {
        assert_eq!(
            source(user),
            r#""ambiguous","candidates":["aaa","alien","ccc"]}"#
        );
    }
}

#[test]
fn track_reports_bad_lines_and_exits_3() {
    let input = replay(&[
        list("2026-01-01T10:00:00.3Z", "2026-01-01T10:00:00Z", r#"[{"code":"aaa","uses":0}]"#),
        "not json".to_owned(),
        r#"{"dispatch":{"op":0}}"#.to_owned(),
        r#"{"at":"yesterday","dispatch":{"op":0}}"#.to_owned(),
        r#"{"at":"2026-01-01T10:01:00Z","rest":{"route":"GET /users/@me","guild_id":"1","status":200,"body":[]}}"#.to_owned(),
        dispatch("2026-01-01T10:02:00Z", "GUILD_MEMBER_ADD", r#"{"user":{"id":"5"}}"#),
        r#"{"at":"2026-01-01T10:03:00Z"}"#.to_owned(),
        String::new(),
        join("2026-01-01T10:05:00Z", "1"),
        list("2026-01-01T10:05:03Z", "2026-01-01T10:05:02.5Z", r#"{"code":"aaa"}"#),
        list("2026-01-01T10:05:04Z", "2026-01-01T10:05:03.5Z", r#"[{"code":"aaa","uses":1}]"#),
        later("2026-01-01T10:06:00Z"),
    ]);
    let r = run(&["track", "--replay", "-"], &input);
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(
        r.stdout,
        format!("2026-01-01T10:05:00+00:00  guild {G}  user 1  invite aaa\n")
    );
    let errors: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(errors.len(), 8, "{r:?}");
    assert!(
        errors[0].starts_with("line 2: not a replay line: expected ident"),
        "{r:?}"
    );
    assert_eq!(errors[1], "line 3: no \"at\"");
    assert!(
        errors[2].starts_with("line 4: \"at\" is not a time"),
        "{r:?}"
    );
    assert!(
        errors[3].starts_with("line 5: unknown route \"GET /users/@me\""),
        "{r:?}"
    );
    assert_eq!(
        errors[4],
        "line 6: malformed GUILD_MEMBER_ADD payload: missing field `guild_id` at line 1 column 19"
    );
    assert_eq!(
        errors[5],
        "line 7: a line needs exactly one of \"dispatch\" and \"rest\""
    );
    assert!(
        errors[6].starts_with("line 10: the body is not a list of invites"),
        "{r:?}"
    );
    assert_eq!(errors[7], "error: 7 of 12 lines were not valid");
}

#[test]
fn track_says_why_data_is_missing_and_decides_the_rest_at_the_end() {
    let input = replay(&[
        join("2026-01-01T09:59:00Z", "1"),
        list(
            "2026-01-01T10:00:00.3Z",
            "2026-01-01T10:00:00Z",
            r#"[{"code":"aaa"}]"#,
        ),
        join("2026-01-01T10:05:00Z", "2"),
        list(
            "2026-01-01T10:05:03Z",
            "2026-01-01T10:05:02.5Z",
            r#"[{"code":"aaa"}]"#,
        ),
        later("2026-01-01T10:06:00Z"),
        join("2026-01-01T10:07:00Z", "3"),
    ]);
    let r = run(&["--json", "track", "--replay", "-"], &input);
    assert_eq!(r.code, 0, "{r:?}");
    let reasons: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| l.split_once(r#""reason":"#).unwrap().1)
        .collect();
    assert_eq!(
        reasons,
        [r#""no_baseline"}"#, r#""uses_missing"}"#, r#""unsettled"}"#]
    );
    // A failed fetch: the tracker is told.
    let failed = format!(
        r#"{{"at":"2026-01-01T10:05:03Z","rest":{{"route":"GET /guilds/{{guild_id}}/invites","guild_id":"{G}","status":403,"body":{{"message":"Missing Permissions","code":50013}}}}}}"#
    );
    let input = replay(&[
        list("2026-01-01T10:00:00.3Z", "2026-01-01T10:00:00Z", "[]"),
        join("2026-01-01T10:05:00Z", "2"),
        failed,
    ]);
    let r = run(&["track", "--replay", "-"], &input);
    assert_eq!(
        r.stdout,
        format!(
            "2026-01-01T10:05:00+00:00  guild {G}  user 2  unknown: fetching the guild's invites failed with status 403\n"
        )
    );
}

#[test]
fn track_escapes_server_text_in_human_output_only() {
    let input = replay(&[
        list(
            "2026-01-01T10:00:00.3Z",
            "2026-01-01T10:00:00Z",
            r#"[{"code":"a\u001b[2Jb","uses":0}]"#,
        ),
        join("2026-01-01T10:05:00Z", "1"),
        list(
            "2026-01-01T10:05:03Z",
            "2026-01-01T10:05:02.5Z",
            r#"[{"code":"a\u001b[2Jb","uses":1}]"#,
        ),
        later("2026-01-01T10:06:00Z"),
    ]);
    let r = run(&["track", "--replay", "-"], &input);
    assert_eq!(
        r.stdout,
        format!("2026-01-01T10:05:00+00:00  guild {G}  user 1  invite a\\u{{1b}}[2Jb\n")
    );
    let r = run(&["track", "--replay", "-", "--json"], &input);
    assert!(r.stdout.contains(r#""code":"a\u001b[2Jb""#), "{r:?}");
}

#[test]
fn track_reads_files() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join("track-replay.jsonl");
    std::fs::write(
        &path,
        replay(&[
            list("2026-01-01T10:00:00.3Z", "2026-01-01T10:00:00Z", "[]"),
            join("2026-01-01T10:05:00Z", "1"),
        ]),
    )
    .unwrap();
    let r = run(&["track", "--replay", path.to_str().unwrap()], "");
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        format!(
            "2026-01-01T10:05:00+00:00  guild {G}  user 1  unknown: the input ended before the join was settled\n"
        )
    );
    let missing = dir.join("no-such-replay.jsonl");
    let r = run(&["track", "--replay", missing.to_str().unwrap()], "");
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stderr.starts_with("error: cannot read "), "{r:?}");
    let r = run(&["track"], "");
    assert_eq!(r.code, 2, "{r:?}");
}

// ---- watch ----

/// A server answering the list route with `lists[n]` on its n-th call (the last one after
/// that) and the vanity route with `vanities` likewise (`None`: 404).
fn guild_server(lists: Vec<&'static str>, vanities: Vec<Option<&'static str>>) -> Server {
    let (list_calls, vanity_calls) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    Server::with_handler(move |r| {
        if r.path.ends_with("/invites") {
            let n = list_calls.fetch_add(1, Ordering::SeqCst);
            Reply::json(200, lists[n.min(lists.len() - 1)])
        } else if r.path.ends_with("/vanity-url") {
            let n = vanity_calls.fetch_add(1, Ordering::SeqCst);
            match vanities[n.min(vanities.len() - 1)] {
                Some(body) => Reply::json(200, body),
                None => Reply::json(403, r#"{"message":"Missing Access","code":50001}"#),
            }
        } else {
            Reply::json(404, r#"{"message":"404: Not Found","code":0}"#)
        }
    })
}

fn watch_args<'a>(base: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "--base-url",
        base,
        "--timeout",
        "5",
        "watch",
        "--guild",
        "42",
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn watch_prints_what_changed_between_polls() {
    let server = guild_server(
        vec![
            r#"[{"code":"aaa","uses":1,"max_uses":0},{"code":"once","uses":0,"max_uses":1},{"code":"spare","uses":0,"max_uses":5},{"code":"old","uses":0,"max_uses":1,"expires_at":"2020-01-01T00:00:00Z"}]"#,
            r#"[{"code":"aaa","uses":3,"max_uses":0},{"code":"new","uses":0,"max_uses":2,"inviter":{"id":"77","username":"x"}}]"#,
        ],
        vec![
            Some(r#"{"code":"alien","uses":10}"#),
            Some(r#"{"code":"alien","uses":11}"#),
        ],
    );
    let base = server.base_url();
    let args = watch_args(&base, &["--count", "2", "--interval", "1s", "--json"]);
    let r = finish(spawn(&args, true), b"");
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stderr, "watching guild 42: 4 invites\n");
    let events: Vec<String> = r
        .stdout
        .lines()
        .map(|l| {
            assert!(
                l.starts_with(r#"{"at":""#) && l.contains(r#""guild_id":"42""#),
                "{l}"
            );
            l.split_once(r#""event":"#).unwrap().1.to_owned()
        })
        .collect();
    assert_eq!(
        events,
        [
            r#""uses","code":"aaa","added":2,"uses":3}"#,
            r#""created","code":"new","uses":0,"max_uses":2,"expires_at":null,"inviter_id":"77"}"#,
            r#""gone","code":"old","reason":"expired","uses":0,"max_uses":1}"#,
            r#""gone","code":"once","reason":"used_up","uses":0,"max_uses":1}"#,
            r#""gone","code":"spare","reason":"deleted","uses":0,"max_uses":5}"#,
            r#""vanity","code":"alien","added":1,"uses":11}"#,
        ]
    );
    // Two polls, each the list and the vanity, all with the token.
    let requests = server.requests();
    assert_eq!(requests.len(), 4);
    assert!(requests.iter().all(|q| q.header("authorization").is_some()));
    let gap = requests[2].at.duration_since(requests[0].at);
    assert!(gap >= Duration::from_millis(950), "polls {gap:?} apart");
}

#[test]
fn watch_human_output_and_a_guild_without_vanity() {
    let server = guild_server(
        vec![
            "[]",
            r#"[{"code":"x\u001b]0;pwn\u0007","uses":1,"max_uses":0}]"#,
        ],
        vec![None],
    );
    let base = server.base_url();
    let args = watch_args(&base, &["--count", "2", "--interval", "1s"]);
    let r = finish(spawn(&args, true), b"");
    assert_eq!(r.code, 0, "{r:?}");
    let line = r.stdout.lines().next().unwrap();
    assert!(
        line.ends_with("  created  x\\u{1b}]0;pwn\\u{7}  (1 use already)"),
        "{r:?}"
    );
    assert_eq!(r.stdout.lines().count(), 1);
    assert!(
        r.stderr.starts_with("warning: the vanity invite is not watched: discord api error 403 (50001): Missing Access\n"),
        "{r:?}"
    );
    // The vanity is not asked for again.
    let vanity = server
        .requests()
        .iter()
        .filter(|q| q.path.ends_with("/vanity-url"))
        .count();
    assert_eq!(vanity, 1);
}

#[test]
fn watch_waits_out_rate_limits_through_the_client() {
    let limited = Arc::new(AtomicUsize::new(0));
    let server = Server::with_handler(move |r| {
        if r.path.ends_with("/invites") && limited.fetch_add(1, Ordering::SeqCst) == 1 {
            return Reply::json(
                429,
                r#"{"message":"You are being rate limited.","retry_after":0.3,"global":false}"#,
            )
            .header("Retry-After", "1");
        }
        if r.path.ends_with("/vanity-url") {
            return Reply::json(200, r#"{"code":null,"uses":0}"#);
        }
        Reply::json(200, r#"[{"code":"aaa","uses":1}]"#)
    });
    let base = server.base_url();
    let args = watch_args(&base, &["--count", "2", "--interval", "1s"]);
    let r = finish(spawn(&args, true), b"");
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "");
    let lists: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|q| q.path.ends_with("/invites"))
        .collect();
    assert_eq!(lists.len(), 3, "the 429 was retried");
    assert!(lists[2].at.duration_since(lists[1].at) >= Duration::from_millis(250));
}

#[test]
fn watch_stops_on_an_api_error() {
    let server = Server::with_handler(|_| {
        Reply::json(403, r#"{"message":"Missing Permissions","code":50013}"#)
    });
    let base = server.base_url();
    let r = finish(
        spawn(
            &watch_args(&base, &["--count", "3", "--interval", "1s"]),
            true,
        ),
        b"",
    );
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: discord api error 403 (50013): Missing Permissions\n"
    );
    assert_eq!(server.requests().len(), 1);
    let r = run(&["watch", "--guild", "42", "--count", "1"], "");
    assert_eq!(r.code, 3, "needs a token: {r:?}");
    let r = run(&["watch", "--guild", "42", "--interval", "2d"], "");
    assert_eq!(r.code, 2, "{r:?}");
    let r = run(&["watch", "--guild", "42", "--count", "0"], "");
    assert_eq!(r.code, 2, "{r:?}");
}

#[cfg(unix)]
#[test]
fn watch_stops_cleanly_on_ctrl_c() {
    let server = guild_server(vec!["[]"], vec![Some(r#"{"code":null,"uses":0}"#)]);
    let base = server.base_url();
    let child = spawn(&watch_args(&base, &["--interval", "1s"]), true);
    // Wait for the first poll, then interrupt it while it sleeps.
    let started = Instant::now();
    while server.requests().len() < 2 {
        assert!(started.elapsed() < RUN_LIMIT, "no poll");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let sent = Instant::now();
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(kill.success());
    let r = finish(child, b"");
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        sent.elapsed() < Duration::from_secs(2),
        "took {:?}",
        sent.elapsed()
    );
    assert!(r.stderr.ends_with("stopped after 1 poll\n"), "{r:?}");
}
