//! Batches saturate the rate-limit bucket and never exceed it: the `invite` binary against a
//! loopback server that enforces a bucket of L requests per W (Discord's `X-RateLimit-*`
//! headers, a 429 past the limit, every 429 counted) and answers each request after a simulated
//! round trip of [`RTT`]. `prune` of N invites and `create --count N` must finish within 1.1 ×
//! ⌈N/L⌉ × W, with no 429.
//!
//! Two kinds of bucket: 5 per second (W/L = 200 ms, longer than a round trip: one request at a
//! time can spend each window, and does), and 30 per second (W/L = 33 ms, shorter than a round
//! trip: only requests in flight in parallel reach the bound; one at a time takes 1.5 times
//! it). Discord does not document its per-route limits; 5 per second is a common bucket shape,
//! and 30 per second stays under its global 50 per second, which the client also keeps.
//!
//! Larger batches, with a table of the figures:
//! `cargo test --release -p invite-http-ureq --features cli --test saturate -- --ignored --nocapture`
#![cfg(feature = "cli")]

mod support;

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use support::{Recorded, Reply, Server, TOKEN};

/// The simulated round trip: each answer leaves this long after its request arrived (the bucket
/// counts the request when it arrives, as the API does).
const RTT: Duration = Duration::from_millis(50);

/// The longest one run of the binary may take.
const RUN_LIMIT: Duration = Duration::from_secs(60);

/// The channel `create` targets and the guild `prune` lists.
const CHANNEL: &str = "700";
const GUILD: &str = "42";

/// One enforced bucket: at most `limit` requests in a window of `window`, the window starting
/// at the first request after the previous one ended (as Discord's buckets do).
#[derive(Debug)]
struct Bucket {
    limit: u32,
    window: Duration,
    started: Option<Instant>,
    count: u32,
}

impl Bucket {
    /// Counts a request arriving `now`: `Ok((remaining, reset_after))`, or the wait of a 429.
    fn take(&mut self, now: Instant) -> Result<(u32, Duration), Duration> {
        let start = match self.started {
            Some(start) if now < start + self.window => start,
            _ => {
                self.started = Some(now);
                self.count = 0;
                now
            }
        };
        let reset_after = (start + self.window).saturating_duration_since(now);
        if self.count >= self.limit {
            return Err(reset_after);
        }
        self.count += 1;
        Ok((self.limit - self.count, reset_after))
    }
}

/// Seconds with three decimals, rounded up, as `X-RateLimit-Reset-After` and `retry_after`.
fn seconds(d: Duration) -> String {
    let ms = d.as_micros().div_ceil(1000);
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

/// What the server saw.
#[derive(Debug, Default)]
struct Seen {
    /// Requests answered 429.
    too_many: usize,
    /// Invite codes deleted, in order.
    deleted: Vec<String>,
    /// Invite codes created, in order.
    created: Vec<String>,
    /// Create bodies without `"unique":true`.
    not_unique: usize,
}

/// A server with one bucket for every DELETE of an invite and one for the channel's creates.
struct BucketServer {
    server: Server,
    seen: Arc<Mutex<Seen>>,
}

impl BucketServer {
    /// `invites` invites in the guild; each bucket allows `limit` per `window`.
    fn start(invites: usize, limit: u32, window: Duration) -> Self {
        let seen = Arc::new(Mutex::new(Seen::default()));
        let list = format!(
            "[{}]",
            (0..invites)
                .map(|n| format!(r#"{{"code":"inv{n:05}","uses":0,"max_uses":0}}"#))
                .collect::<Vec<_>>()
                .join(",")
        );
        let buckets = Mutex::new(HashMap::from([
            ("delete", Bucket::new(limit, window)),
            ("create", Bucket::new(limit, window)),
        ]));
        let state = Arc::clone(&seen);
        let server = Server::with_handler(move |r: &Recorded| {
            let path = r.path.strip_prefix("/api/v10").unwrap_or(&r.path);
            let (bucket, hash) = match (r.method.as_str(), path) {
                ("GET", p) if p == format!("/guilds/{GUILD}/invites") => {
                    return Reply::json(200, &list).delay(RTT);
                }
                ("DELETE", p) if p.starts_with("/invites/") => ("delete", "delete-hash"),
                ("POST", p) if p == format!("/channels/{CHANNEL}/invites") => {
                    ("create", "create-hash")
                }
                _ => return Reply::new(599, "unexpected"),
            };
            let taken = buckets
                .lock()
                .unwrap()
                .get_mut(bucket)
                .unwrap()
                .take(Instant::now());
            let mut seen = state.lock().unwrap();
            let reply = match taken {
                Err(wait) => {
                    seen.too_many += 1;
                    Reply::json(
                        429,
                        &format!(
                            r#"{{"message":"You are being rate limited.","retry_after":{},"global":false}}"#,
                            seconds(wait)
                        ),
                    )
                    .header("X-RateLimit-Remaining", "0")
                    .header("X-RateLimit-Reset-After", &seconds(wait))
                    .header("X-RateLimit-Scope", "user")
                }
                Ok((remaining, reset_after)) => {
                    let reply = if bucket == "delete" {
                        let code = path.trim_start_matches("/invites/").to_owned();
                        let body = format!(r#"{{"code":"{code}"}}"#);
                        seen.deleted.push(code);
                        Reply::json(200, &body)
                    } else {
                        if !String::from_utf8_lossy(&r.body).contains(r#""unique":true"#) {
                            seen.not_unique += 1;
                        }
                        let code = format!("new{:05}", seen.created.len());
                        let body = format!(
                            r#"{{"code":"{code}","type":0,"channel":{{"id":"{CHANNEL}","type":0,"name":"general"}},"max_age":86400,"max_uses":0,"temporary":false,"created_at":"2026-01-01T00:00:00Z","expires_at":"2026-01-02T00:00:00Z"}}"#
                        );
                        seen.created.push(code);
                        Reply::json(200, &body)
                    };
                    reply
                        .header("X-RateLimit-Remaining", &remaining.to_string())
                        .header("X-RateLimit-Reset-After", &seconds(reset_after))
                }
            };
            reply
                .header("X-RateLimit-Limit", &limit.to_string())
                .header("X-RateLimit-Bucket", hash)
                .delay(RTT)
        });
        Self { server, seen }
    }

    fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.seen.lock().unwrap()
    }
}

impl Bucket {
    fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit,
            window,
            started: None,
            count: 0,
        }
    }
}

/// What a run of the binary produced, and how long it took.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Runs `invite --base-url SERVER ARGS...` with the test token, killed after [`RUN_LIMIT`].
fn run(server: &Server, args: &[&str]) -> Run {
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_invite"))
        .arg("--base-url")
        .arg(server.base_url())
        .args(args)
        .env("DISCORD_TOKEN", TOKEN)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the invite binary");
    let run = support::child::finish_within(child, b"", RUN_LIMIT, &args);
    Run {
        code: run.code,
        stdout: run.stdout,
        stderr: run.stderr,
        elapsed: started.elapsed(),
    }
}

/// ⌈n / limit⌉ windows.
fn bound(n: usize, limit: u32, window: Duration) -> Duration {
    window * u32::try_from(n.div_ceil(limit as usize)).unwrap()
}

/// The report lines of a `--json` batch, one object each.
fn reports(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// `prune --all` of `n` invites against a bucket of `limit` per `window`, with `extra`
/// arguments (`--json`); checks every invite was deleted once and reported in the listing's
/// order, and returns the run and the 429s.
fn prune(n: usize, limit: u32, window: Duration, extra: &[&str]) -> (Run, usize) {
    let server = BucketServer::start(n, limit, window);
    let mut args = vec!["--json", "prune", "--guild", GUILD, "--all"];
    args.extend_from_slice(extra);
    let r = run(&server.server, &args);
    assert_eq!(r.code, 0, "{r:?}");
    let seen = server.seen();
    let mut deleted = seen.deleted.clone();
    deleted.sort();
    let expected: Vec<String> = (0..n).map(|i| format!("inv{i:05}")).collect();
    assert_eq!(deleted, expected, "each invite deleted once");
    let lines = reports(&r.stdout);
    assert_eq!(lines.len(), n, "{}", r.stdout);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["action"], "deleted", "{line}");
        assert_eq!(line["code"], format!("inv{i:05}"), "stable order");
    }
    (r, seen.too_many)
}

/// `create --count n` against a bucket of `limit` per `window` (JSON lines); checks n unique
/// invites were created with `unique: true` and printed once each; returns the run and the
/// 429s.
fn create(n: usize, limit: u32, window: Duration, extra: &[&str]) -> (Run, usize) {
    let server = BucketServer::start(0, limit, window);
    let count = n.to_string();
    let mut args = vec!["--json", "create", "--channel", CHANNEL, "--count", &count];
    args.extend_from_slice(extra);
    let r = run(&server.server, &args);
    assert_eq!(r.code, 0, "{r:?}");
    let seen = server.seen();
    assert_eq!(seen.created.len(), n);
    assert_eq!(seen.not_unique, 0, "every create asks for a unique invite");
    let mut printed: Vec<String> = r
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            v["code"].as_str().expect("a code").to_owned()
        })
        .collect();
    printed.sort();
    assert_eq!(printed, seen.created, "each created invite printed once");
    (r, seen.too_many)
}

/// Asserts the run met the bound (1.1 × ⌈n/limit⌉ × window), could not have beaten the bucket
/// (the server enforces it: at least ⌈n/limit⌉ − 1 windows), and met no 429.
fn assert_saturates(what: &str, r: &Run, too_many: usize, n: usize, limit: u32, window: Duration) {
    let bound = bound(n, limit, window);
    assert_eq!(too_many, 0, "{what}: the bucket was exceeded: {r:?}");
    assert!(
        r.elapsed <= bound.mul_f64(1.1),
        "{what}: {:?} for {n} requests at {limit} per {window:?}, bound {bound:?}",
        r.elapsed
    );
    assert!(r.elapsed >= bound.saturating_sub(window), "{what}: {r:?}");
}

const SECOND: Duration = Duration::from_secs(1);

#[test]
fn prune_spends_a_slow_bucket_window_by_window() {
    // 5 per second: one at a time suffices, and the default does as well.
    let (r, too_many) = prune(10, 5, SECOND, &["--concurrency", "1"]);
    assert_saturates("prune, one at a time", &r, too_many, 10, 5, SECOND);
    let (r, too_many) = prune(10, 5, SECOND, &[]);
    assert_saturates("prune, default", &r, too_many, 10, 5, SECOND);
}

#[test]
fn prune_needs_requests_in_parallel_for_a_fast_bucket() {
    // 30 per second: the default (the bucket's limit, at most 16 in flight) meets the bound...
    let (r, too_many) = prune(60, 30, SECOND, &[]);
    assert_saturates("prune, default", &r, too_many, 60, 30, SECOND);
    // ...which one request at a time cannot: 60 round trips are 3 s, the bound is 2 s.
    let (r, too_many) = prune(60, 30, SECOND, &["--concurrency", "1"]);
    assert_eq!(too_many, 0);
    assert!(
        r.elapsed > bound(60, 30, SECOND).mul_f64(1.1),
        "one at a time met the bound: the test would not tell: {:?}",
        r.elapsed
    );
}

#[test]
fn create_count_saturates_both_buckets() {
    let (r, too_many) = create(10, 5, SECOND, &[]);
    assert_saturates("create, 5 per second", &r, too_many, 10, 5, SECOND);
    let (r, too_many) = create(60, 30, SECOND, &[]);
    assert_saturates("create, 30 per second", &r, too_many, 60, 30, SECOND);
    let (r, too_many) = create(10, 5, SECOND, &["--concurrency", "1"]);
    assert_saturates("create, one at a time", &r, too_many, 10, 5, SECOND);
}

/// `create --csv` prints a header and one row per invite, in order; `--csv` with `--json` is a
/// usage error; a failure stops `create --count` and says how far it got.
#[test]
fn create_count_prints_csv_and_stops_at_a_failure() {
    let server = BucketServer::start(0, 30, SECOND);
    let r = run(
        &server.server,
        &["create", "--channel", CHANNEL, "--count", "3", "--csv"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let mut lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines.remove(0),
        "code,link,expires_at,max_age,max_uses,temporary"
    );
    lines.sort_unstable();
    let expected: Vec<String> = (0..3)
        .map(|i| {
            format!(
                "new{i:05},https://discord.gg/new{i:05},2026-01-02T00:00:00+00:00,86400,0,false"
            )
        })
        .collect();
    assert_eq!(lines, expected);
    assert_eq!(server.seen().not_unique, 0);

    let r = run(
        &server.server,
        &["--json", "create", "--channel", CHANNEL, "--csv"],
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--csv and --json"), "{}", r.stderr);

    // The fourth creation is refused: the batch stops there.
    let created = Arc::new(Mutex::new(0usize));
    let count = Arc::clone(&created);
    let refusing = Server::with_handler(move |r: &Recorded| {
        if r.method != "POST" {
            return Reply::new(599, "unexpected");
        }
        let mut n = count.lock().unwrap();
        *n += 1;
        if *n > 3 {
            return Reply::json(
                400,
                r#"{"message": "Maximum number of invites reached (1000)", "code": 30016}"#,
            );
        }
        Reply::json(200, &format!(r#"{{"code":"made{:04}"}}"#, *n))
    });
    let r = run(
        &refusing,
        &[
            "create",
            "--channel",
            CHANNEL,
            "--count",
            "10",
            "--concurrency",
            "1",
        ],
    );
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        r.stdout,
        "https://discord.gg/made0001\nhttps://discord.gg/made0002\nhttps://discord.gg/made0003\n"
    );
    assert!(
        r.stderr.contains("failed to create invite 4 of 10: ")
            && r.stderr.contains("Maximum number of invites reached"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("3 of 10 invites created; stopped at a failure, 6 not attempted"),
        "{}",
        r.stderr
    );
    assert_eq!(
        *created.lock().unwrap(),
        4,
        "nothing sent after the failure"
    );
}

/// A server for the batch rules under concurrency: a roomy bucket (100 per minute, so 16 in
/// flight), `n` invites (at most 100); `special` answers some requests itself (given the code and how many
/// DELETEs came before), everything else is deleted. Returns the server and the DELETEs it saw.
fn rules_server(
    n: usize,
    special: impl Fn(&str, usize) -> Option<Reply> + Send + Sync + 'static,
) -> (Server, Arc<Mutex<Vec<String>>>) {
    let list = format!(
        "[{}]",
        (0..n)
            .map(|i| format!(r#"{{"code":"inv{i:05}","uses":0}}"#))
            .collect::<Vec<_>>()
            .join(",")
    );
    let deletes = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&deletes);
    let server = Server::with_handler(move |r: &Recorded| {
        let path = r.path.strip_prefix("/api/v10").unwrap_or(&r.path);
        if r.method == "GET" && path == format!("/guilds/{GUILD}/invites") {
            return Reply::json(200, &list);
        }
        let Some(code) = path
            .strip_prefix("/invites/")
            .filter(|_| r.method == "DELETE")
        else {
            return Reply::new(599, "unexpected");
        };
        let before = {
            let mut seen = seen.lock().unwrap();
            seen.push(code.to_owned());
            seen.len() - 1
        };
        special(code, before)
            .unwrap_or_else(|| Reply::json(200, &format!(r#"{{"code":"{code}"}}"#)))
            .header("X-RateLimit-Limit", "100")
            .header(
                "X-RateLimit-Remaining",
                &99usize.saturating_sub(before).to_string(),
            )
            .header("X-RateLimit-Reset-After", "60")
            .header("X-RateLimit-Bucket", "delete-hash")
            .delay(Duration::from_millis(20))
    });
    (server, deletes)
}

/// In parallel, every report line keeps the listing's order, a failure is reported for its
/// invite and the rest go on, and a retried DELETE that finds the invite gone is deleted
/// (already gone).
#[test]
fn parallel_batches_report_in_order_per_invite() {
    let attempts = Arc::new(Mutex::new(HashMap::<String, usize>::new()));
    let counted = Arc::clone(&attempts);
    let (server, deletes) = rules_server(40, move |code, _| {
        let mut counted = counted.lock().unwrap();
        let attempt = counted.entry(code.to_owned()).or_insert(0);
        *attempt += 1;
        match (code, *attempt) {
            // Deleted, but the answer is lost; the retry finds it gone.
            ("inv00007", 1) => Some(Reply::new(502, "bad gateway")),
            ("inv00007", _) => Some(Reply::json(
                404,
                r#"{"message": "Unknown Invite", "code": 10006}"#,
            )),
            ("inv00011", _) => Some(Reply::json(
                403,
                r#"{"message": "Missing Permissions", "code": 50013}"#,
            )),
            _ => None,
        }
    });
    let r = run(&server, &["--json", "prune", "--guild", GUILD, "--all"]);
    assert_eq!(r.code, 4, "{r:?}");
    let lines = reports(&r.stdout);
    assert_eq!(lines.len(), 40, "{}", r.stdout);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["code"], format!("inv{i:05}"), "stable order");
        match i {
            7 => {
                assert_eq!(line["action"], "deleted");
                assert_eq!(line["already_gone"], true);
            }
            11 => {
                assert_eq!(line["action"], "failed");
                let error = line["error"].as_str().unwrap();
                assert!(error.contains("403") && error.contains("Missing Permissions"));
            }
            _ => {
                assert_eq!(line["action"], "deleted");
                assert!(line.get("already_gone").is_none());
            }
        }
    }
    assert!(
        r.stderr.contains("1 of 40 deletions failed"),
        "{}",
        r.stderr
    );
    // 40 invites, one retried.
    assert_eq!(deletes.lock().unwrap().len(), 41);
}

/// In parallel, a rate limit that outlasts the retries still stops the batch: the deletions in
/// flight finish and are reported as they ended, the rest are not attempted (and not sent).
#[test]
fn a_parallel_batch_stops_at_a_rate_limit_that_outlasts_the_retries() {
    let (server, deletes) = rules_server(60, |_, before| {
        (before >= 20).then(|| {
            Reply::json(
                429,
                r#"{"message":"You are being rate limited.","retry_after":120,"global":true}"#,
            )
            .header("X-RateLimit-Global", "true")
        })
    });
    let r = run(&server, &["--json", "prune", "--guild", GUILD, "--all"]);
    assert_eq!(r.code, 5, "{r:?}");
    let lines = reports(&r.stdout);
    assert_eq!(lines.len(), 60, "{}", r.stdout);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["code"], format!("inv{i:05}"), "stable order");
    }
    // What ran is a prefix of the listing; the rest was not attempted.
    let ran = lines
        .iter()
        .take_while(|l| l["action"] != "not_attempted")
        .count();
    assert!((21..60).contains(&ran), "{}", r.stdout);
    let mut failed = 0;
    for line in &lines[..ran] {
        if line["action"] == "failed" {
            failed += 1;
            assert!(
                line["error"].as_str().unwrap().starts_with("rate limited"),
                "{line}"
            );
        } else {
            assert_eq!(line["action"], "deleted", "{line}");
        }
    }
    assert!(failed >= 1);
    assert!(lines[ran..].iter().all(|l| l["action"] == "not_attempted"));
    // Nothing not attempted was sent; every deletion was sent once, and so was every failure
    // but those the limiter refused to send, having heard of the global limit already.
    let sent = deletes.lock().unwrap().clone();
    for (i, line) in lines[..ran].iter().enumerate() {
        let code = format!("inv{i:05}");
        let times = sent.iter().filter(|c| **c == code).count();
        if line["action"] == "deleted" {
            assert_eq!(times, 1, "{code}");
        } else {
            assert!(times <= 1, "{code}");
        }
    }
    assert_eq!(
        sent.len(),
        sent.iter()
            .filter(|c| c.as_str() < &*format!("inv{ran:05}"))
            .count()
    );
    let summary = format!(
        "{failed} of 60 deletions failed; stopped at a rate limit that outlasted the retries, {} \
         not attempted",
        60 - ran
    );
    assert!(r.stderr.contains(&summary), "{}", r.stderr);
}

/// Larger batches, timed and tabulated; not run by default (about a minute).
#[test]
#[ignore = "a measurement: run with --ignored --nocapture"]
fn report_larger_batches() {
    println!("\n| command | bucket | N | bound ⌈N/L⌉·W | elapsed | elapsed / bound | 429s |");
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
    let ten = Duration::from_secs(10);
    let cases: [(&str, usize, u32, Duration); 5] = [
        ("prune", 50, 5, SECOND),
        ("prune", 300, 30, SECOND),
        ("prune", 40, 20, ten),
        ("create --count", 50, 5, SECOND),
        ("create --count", 300, 30, SECOND),
    ];
    let mut failures = Vec::new();
    for (command, n, limit, window) in cases {
        let (r, too_many) = if command == "prune" {
            prune(n, limit, window, &[])
        } else {
            create(n, limit, window, &[])
        };
        let bound = bound(n, limit, window);
        let ratio = r.elapsed.as_secs_f64() / bound.as_secs_f64();
        println!(
            "| {command} | {limit} per {} s | {n} | {:.1} s | {:.2} s | {ratio:.3} | {too_many} |",
            window.as_secs(),
            bound.as_secs_f64(),
            r.elapsed.as_secs_f64()
        );
        if ratio > 1.1 || too_many > 0 {
            failures.push(format!("{command} {n} at {limit}/{window:?}"));
        }
    }
    assert!(failures.is_empty(), "missed: {failures:?}");
}
