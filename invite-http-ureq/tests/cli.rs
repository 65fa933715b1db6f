//! The real `invite` binary, run as a child process: offline commands, usage errors and exit
//! codes, and every online command against the loopback server. Every run is bounded in time
//! (the child is killed after [`RUN_LIMIT`]) and checks that the token appears in neither
//! standard output nor standard error.
#![cfg(feature = "cli")]

mod support;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::TOKEN;

/// The longest any single run of the binary may take.
const RUN_LIMIT: Duration = Duration::from_secs(20);

/// What a run produced.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// One invocation of the binary.
struct Invite {
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Vec<u8>,
}

/// `invite ARGS...`, with no token in the environment.
fn invite(args: &[&str]) -> Invite {
    Invite {
        args: args.iter().map(|&a| a.to_owned()).collect(),
        env: Vec::new(),
        stdin: Vec::new(),
    }
}

impl Invite {
    /// Sets an environment variable.
    fn env(mut self, name: &str, value: &str) -> Self {
        self.env.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets `DISCORD_TOKEN` to the test token.
    fn token(self) -> Self {
        self.env("DISCORD_TOKEN", TOKEN)
    }

    /// Feeds standard input.
    fn stdin(mut self, bytes: &[u8]) -> Self {
        self.stdin = bytes.to_vec();
        self
    }

    /// Runs the binary, killing it after [`RUN_LIMIT`]; asserts the token was not printed.
    fn run(self) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_invite"));
        command
            .args(&self.args)
            .env_remove("DISCORD_TOKEN")
            .env_remove("MY_TOKEN")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, value) in &self.env {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("spawn the invite binary");
        let mut stdin = child.stdin.take().unwrap();
        let input = self.stdin;
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let mut stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let out = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = stdout.read_to_string(&mut s);
            s
        });
        let err = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = stderr.read_to_string(&mut s);
            s
        });
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > RUN_LIMIT {
                let _ = child.kill();
                let _ = child.wait();
                panic!("invite {:?} ran longer than {RUN_LIMIT:?}", self.args);
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        writer.join().unwrap();
        let run = Run {
            code: status.code().expect("exited normally"),
            stdout: out.join().unwrap(),
            stderr: err.join().unwrap(),
        };
        assert!(
            !run.stdout.contains(TOKEN) && !run.stderr.contains(TOKEN),
            "the token was printed by invite {:?}: {run:?}",
            self.args
        );
        // Not even a part of it.
        assert!(
            !run.stdout.contains("sup3r-s3cr3t") && !run.stderr.contains("sup3r-s3cr3t"),
            "{run:?}"
        );
        run
    }
}

fn fixture(name: &str) -> String {
    format!(
        "{}/../invite-model/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

// ---- offline commands ----

#[test]
fn url_is_the_main_job_and_needs_no_token_or_network() {
    let r = invite(&[
        "url",
        "--client-id",
        "123456789012345678",
        "administrator",
        "sendmessages",
    ])
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=2056&scope=bot+applications.commands\n"
    );
    assert_eq!(r.stderr, "");
}

#[test]
fn url_options_spellings_and_json() {
    let r = invite(&[
        "url",
        "--client-id",
        "123456789012345678",
        "KickMembers;BAN_MEMBERS",
        "--scope",
        "bot",
        "--guild-id",
        "81384788765712384",
        "--disable-guild-select",
    ])
    .token()
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=6&scope=bot&guild_id=81384788765712384&disable_guild_select=true\n"
    );
    let r = invite(&["--json", "url", "--client-id", "42", "admin"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "{\"client_id\":\"42\",\"permissions\":\"8\",\"scopes\":[\"bot\",\"applications.commands\"],\"url\":\"https://discord.com/oauth2/authorize?client_id=42&permissions=8&scope=bot+applications.commands\"}\n"
    );
}

#[test]
fn url_unknown_permission_exits_3_with_a_suggestion() {
    let r = invite(&["url", "--client-id", "1", "kick", "sendmesages"])
        .token()
        .run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: \"sendmesages\": unknown permission `sendmesages` at 0..11; did you mean `sendmessages`?\n"
    );
    let r = invite(&["url", "--client-id", "1", "--scope", "identify"]).run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: scope `identify` needs a response_type (code or token)\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    let r = invite(&[]).run();
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("Usage: invite [OPTIONS] <COMMAND>"),
        "{r:?}"
    );
    for args in [
        &["frobnicate"][..],
        &["url"],
        &["url", "--client-id", "abc"],
        &["url", "--client-id", "1", "--scope", "bots"],
        &["list"],
        &["list", "--guild", "1", "--channel", "2"],
        &["prune", "--guild", "1"],
        &["prune", "--guild", "1", "--dry-run"],
        &["prune", "--guild", "1", "--older-than", "30"],
        &["--timeout", "0", "get", "abc"],
        &["--base-url", "ftp://example.com", "get", "abc"],
        &["--platform", "matrix", "get", "abc"],
        &["create", "--channel", "1", "--max-uses", "ten"],
    ] {
        let r = invite(args).token().run();
        assert_eq!(r.code, 2, "invite {args:?}: {r:?}");
        assert_eq!(r.stdout, "", "invite {args:?}");
        assert!(r.stderr.starts_with("error: "), "invite {args:?}: {r:?}");
    }
}

#[test]
fn help_documents_the_exit_codes() {
    let r = invite(&["--help"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    for line in [
        "Exit codes:",
        "  0  success",
        "  2  usage error",
        "  3  invalid input, refused before any request",
        "  4  API error",
        "  5  network failure, timeout, or rate limit",
    ] {
        assert!(r.stdout.contains(line), "missing {line:?} in {}", r.stdout);
    }
    let r = invite(&["prune", "--help"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout.contains("matches EVERY filter given"),
        "{}",
        r.stdout
    );
}

#[test]
fn decode_a_file_or_standard_input() {
    let path = fixture("discord_invite_with_metadata.json");
    let r = invite(&["decode", &path]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "\
code:      jvuBeT38
link:      https://discord.gg/jvuBeT38
type:      GUILD (0)
guild:     Alien Network (1046920999469330512)
channel:   alien noises (1057241425793798144, GUILD_VOICE)
inviter:   alien (852892297661906993)
expires:   2023-07-22T18:30:11+00:00
uses:      0/unlimited
max age:   604800 s
temporary: no
created:   2023-07-15T18:30:11.047+00:00
"
    );
    let list = std::fs::read(fixture("list_guild_invites.json")).unwrap();
    let r = invite(&["decode", "--json", "-"]).stdin(&list).run();
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    let codes: Vec<String> = lines
        .iter()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["code"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(codes, ["jvuBeT38", "zqs8oqxk", "alien"]);
    // Normalized: nulls dropped, timestamps rewritten.
    assert!(!r.stdout.contains("\"splash\":null"), "{}", r.stdout);
    assert!(lines[0].contains("\"created_at\":\"2023-07-15T18:30:11.047+00:00\""));
    let r = invite(&["--platform", "fluxer", "decode"])
        .stdin(br#"{"code":"abc","type":2}"#)
        .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.starts_with(
        "code:      abc\nlink:      https://fluxer.gg/abc\ntype:      EMOJI_PACK (2)\n"
    ));
}

#[test]
fn decode_bad_input_exits_3() {
    let r = invite(&["decode"]).stdin(b"{\"code\": 5}").token().run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: standard input: not an invite: invalid type: integer `5`, expected a string at line 1 column 10\n"
    );
    let r = invite(&["decode", "/nonexistent/invites.json"]).run();
    assert_eq!(r.code, 3, "{r:?}");
    assert!(
        r.stderr
            .starts_with("error: cannot read /nonexistent/invites.json: "),
        "{r:?}"
    );
}
