//! The real `invite` binary, run as a child process: offline commands, usage errors and exit
//! codes, and every online command against the loopback server. Every run is bounded in time
//! (the child is killed after [`RUN_LIMIT`]) and checks that the token appears in neither
//! standard output nor standard error.
#![cfg(feature = "cli")]

mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::TOKEN;
use support::child::{Run, finish};

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
        let child = command.spawn().expect("spawn the invite binary");
        finish(child, &self.stdin, &self.args)
    }
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
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
fn url_honours_the_platform() {
    let r = invite(&[
        "--platform",
        "fluxer",
        "url",
        "--client-id",
        "123456789012345678",
        "administrator",
        "MANAGE_EXPRESSIONS",
    ])
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "https://web.fluxer.app/oauth2/authorize?client_id=123456789012345678&permissions=1073741832&scope=bot\n"
    );
    // Fluxer's own parameters: channel_id and PKCE (S256); --redirect-uri adds the code grant.
    let r = invite(&[
        "url",
        "--platform",
        "fluxer",
        "--client-id",
        "1",
        "--scope",
        "identify",
        "--scope",
        "bot",
        "--redirect-uri",
        "https://bot.example/cb",
        "--code-challenge",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "--channel-id",
        "5",
        "--guild-id",
        "6",
        "--state",
        "s1",
        "--prompt",
        "consent",
        "update_rtc_region",
    ])
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "https://web.fluxer.app/oauth2/authorize?client_id=1&permissions=9007199254740992\
         &scope=identify+bot&guild_id=6&channel_id=5&response_type=code\
         &redirect_uri=https%3A%2F%2Fbot.example%2Fcb&state=s1&prompt=consent\
         &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256\n"
    );
    // What Fluxer does not have is refused locally, exit 3.
    for (args, message) in [
        (
            &["--scope", "applications.commands"][..],
            "error: scope `applications.commands` does not exist on Fluxer (its scopes are identify, email, guilds, connections and bot)\n",
        ),
        (
            &["--integration-type", "guild"],
            "error: `integration_type` is not an authorization URL parameter on Fluxer\n",
        ),
        (
            &["view_guild_insights"],
            "error: \"view_guild_insights\": permission `view_guild_insights` at 0..19 does not exist on Fluxer: bit 19 (VIEW_GUILD_INSIGHTS on Discord)\n",
        ),
        (
            &["--code-challenge", "too-short", "--scope", "identify"],
            "error: code_challenge must be 43 base64url characters (the S256 hash of the code verifier)\n",
        ),
    ] {
        let mut all = vec!["--platform", "fluxer", "url", "--client-id", "1"];
        all.extend_from_slice(args);
        let r = invite(&all).run();
        assert_eq!(r.code, 3, "{args:?}: {r:?}");
        assert_eq!(r.stdout, "");
        assert_eq!(r.stderr, message, "{args:?}");
    }
}

#[test]
fn url_takes_every_discord_install_parameter() {
    let r = invite(&[
        "url",
        "--client-id",
        "42",
        "8",
        "--integration-type",
        "guild",
        "--state",
        "a b",
        "--prompt",
        "none",
        "--redirect-uri",
        "https://bot.example/cb",
        "--guild-id",
        "7",
        "--disable-guild-select",
        "--scope",
        "bot",
        "--scope",
        "identify",
    ])
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "https://discord.com/oauth2/authorize?client_id=42&permissions=8&scope=bot+identify\
         &guild_id=7&disable_guild_select=true&integration_type=0&response_type=code\
         &redirect_uri=https%3A%2F%2Fbot.example%2Fcb&state=a%20b&prompt=none\n"
    );
    // A user install: applications.commands by default, and no permissions.
    let r = invite(&["url", "--client-id", "42", "--integration-type", "user"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "https://discord.com/oauth2/authorize?client_id=42&scope=applications.commands&integration_type=1\n"
    );
    let r = invite(&[
        "url",
        "--client-id",
        "42",
        "--integration-type",
        "user",
        "admin",
    ])
    .run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: a user install (integration_type=1) takes no permissions\n"
    );
    // Fluxer-only parameters and names are refused on Discord.
    for (args, message) in [
        (
            &["--channel-id", "5"][..],
            "error: `channel_id` is not an authorization URL parameter on Discord\n",
        ),
        (
            &[
                "--code-challenge",
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            ],
            "error: `code_challenge` is not an authorization URL parameter on Discord\n",
        ),
        (
            &["UPDATE_RTC_REGION"],
            "error: \"UPDATE_RTC_REGION\": permission `UPDATE_RTC_REGION` at 0..17 does not exist on Discord: bit 53 (UPDATE_RTC_REGION on Fluxer)\n",
        ),
    ] {
        let mut all = vec!["url", "--client-id", "1"];
        all.extend_from_slice(args);
        let r = invite(&all).run();
        assert_eq!(r.code, 3, "{args:?}: {r:?}");
        assert_eq!(r.stderr, message, "{args:?}");
    }
    // The client's names, one per argument.
    let r = invite(&[
        "url",
        "--client-id",
        "1",
        "Manage Server",
        "Timeout Members",
    ])
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "https://discord.com/oauth2/authorize?client_id=1&permissions=1099511627808&scope=bot+applications.commands\n"
    );
    for args in [
        &["url", "--client-id", "1", "--prompt", "always"][..],
        &["url", "--client-id", "1", "--integration-type", "2"],
    ] {
        let r = invite(args).run();
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
    }
}

#[test]
fn perms_prints_the_integer_and_the_names() {
    let r = invite(&["perms", "administrator", "sendmessages"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "2056\nADMINISTRATOR (requires 2FA)\nSEND_MESSAGES\n"
    );
    assert_eq!(r.stderr, "");
    // Numbers and names in any spelling, mixed; one JSON object.
    let r = invite(&["--json", "perms", "8", "SendMessages"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "{\"platform\":\"discord\",\"value\":\"2056\",\"names\":[\"ADMINISTRATOR\",\"SEND_MESSAGES\"],\"requires_2fa\":[\"ADMINISTRATOR\"]}\n"
    );
    let r = invite(&["perms", "0x808", "Manage Server", "kick;USE_VAD", "--json"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "{\"platform\":\"discord\",\"value\":\"33556522\",\"names\":[\"KICK_MEMBERS\",\"ADMINISTRATOR\",\"MANAGE_GUILD\",\"SEND_MESSAGES\",\"USE_VAD\"],\"requires_2fa\":[\"KICK_MEMBERS\",\"ADMINISTRATOR\",\"MANAGE_GUILD\"]}\n"
    );
    for (style, want) in [
        ("snake", "send_tts_messages\nuse_vad\n"),
        ("pascal", "SendTTSMessages\nUseVAD\n"),
        ("aoi", "sendttsmessages\nusevad\n"),
        (
            "client",
            "Send Text-to-Speech Messages\nUse Voice Activity\n",
        ),
        ("screaming", "SEND_TTS_MESSAGES\nUSE_VAD\n"),
    ] {
        let r = invite(&["perms", "--style", style, "sendtts", "33554432"]).run();
        assert_eq!(r.code, 0, "{r:?}");
        assert_eq!(r.stdout, format!("33558528\n{want}"), "{style}");
    }
    let r = invite(&["perms", "0"]).run();
    assert_eq!((r.code, r.stdout.as_str()), (0, "0\n"), "{r:?}");
}

#[test]
fn perms_on_fluxer_uses_fluxers_names() {
    let r = invite(&[
        "--platform",
        "fluxer",
        "--json",
        "perms",
        "manage_guild_expressions",
        "UPDATE_RTC_REGION",
        "18014398509481984",
    ])
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "{\"platform\":\"fluxer\",\"value\":\"27021598837964800\",\"names\":[\"MANAGE_EXPRESSIONS\",\"UPDATE_RTC_REGION\",\"VIEW_CHANNEL_MEMBERS\"],\"requires_2fa\":[\"MANAGE_EXPRESSIONS\"]}\n"
    );
    let r = invite(&["--platform", "fluxer", "perms", "--style", "client", "all"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout.starts_with("33787032395841535\nCreate Invite\n"),
        "{r:?}"
    );
    assert!(
        r.stdout
            .ends_with("\nSet Voice Region\nView Channel Members\n"),
        "{r:?}"
    );
    // A Discord-only bit, by name or as a raw 0x number, is refused with its name.
    let r = invite(&["--platform", "fluxer", "perms", "SEND_POLLS"]).run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: \"SEND_POLLS\": permission `SEND_POLLS` at 0..10 does not exist on Fluxer: bit 49 (SEND_POLLS on Discord)\n"
    );
    let r = invite(&["--platform", "fluxer", "perms", "0x80000"]).run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: bits Fluxer does not define: 19 (VIEW_GUILD_INSIGHTS on Discord)\n"
    );
    assert_eq!(r.stdout, "");
}

#[test]
fn perms_unknown_names_exit_3_with_the_suggestion() {
    let r = invite(&["perms", "kick", "sendmesages"]).run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: \"sendmesages\": unknown permission `sendmesages` at 0..11; did you mean `sendmessages`?\n"
    );
    let r = invite(&["perms", "Manage Servr"]).run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: \"Manage Servr\": unknown permission `Manage Servr` at 0..12; did you mean `Manage Server`?\n"
    );
    let r = invite(&["perms", "140737488355328"]).run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: \"140737488355328\": permission number `140737488355328` at 0..15 sets bits Discord does not define: 47\n"
    );
    for args in [&["perms"][..], &["perms", "admin", "--style", "camel"]] {
        let r = invite(args).run();
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
    }
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

// ---- online commands against the loopback server ----

use invite_model::Timestamp;
use support::{Mode, Recorded, Reply, Server};

/// `invite --base-url SERVER --timeout 5 ARGS...` with the test token.
fn online(server: &Server, args: &[&str]) -> Invite {
    let base = server.base_url();
    let mut all = vec!["--base-url", base.as_str(), "--timeout", "5"];
    all.extend_from_slice(args);
    invite(&all).token()
}

/// A server answering with `handler`, given the method and the path after `/api/v10`.
fn api(handler: impl Fn(&str, &str, &Recorded) -> Reply + Send + Sync + 'static) -> Server {
    Server::with_handler(move |r| {
        let path = r
            .path
            .strip_prefix("/api/v10")
            .unwrap_or(&r.path)
            .to_owned();
        handler(&r.method, &path, r)
    })
}

/// The server's `host:port`, as the CLI names it in transport errors and log lines.
fn host(server: &Server) -> String {
    let base = server.base_url();
    base["http://".len()..base.len() - "/api/v10".len()].to_owned()
}

/// `METHOD path?query` of every request the server received.
fn requests(server: &Server) -> Vec<String> {
    server
        .requests()
        .iter()
        .map(|r| {
            let path = r.path.strip_prefix("/api/v10").unwrap_or(&r.path);
            if r.query.is_empty() {
                format!("{} {path}", r.method)
            } else {
                format!("{} {path}?{}", r.method, r.query)
            }
        })
        .collect()
}

const INVITE: &str = r#"{"type":0,"code":"jvuBeT38","inviter":{"id":"80351110224678912","username":"nelly","discriminator":"0"},"expires_at":null,"guild":{"id":"197038439483310086","name":"Discord Testers","features":[]},"guild_id":"197038439483310086","channel":{"id":"165176875973476352","type":0,"name":"illuminati"},"approximate_member_count":2000,"approximate_presence_count":120,"future_field":[1,2]}"#;

const UNKNOWN_INVITE: &str = r#"{"message": "Unknown Invite", "code": 10006}"#;

#[test]
fn get_works_without_a_token_and_uses_the_link_event() {
    let server = Server::scripted(vec![Reply::json(200, INVITE), Reply::json(200, INVITE)]);
    let base = server.base_url();
    let r = invite(&[
        "get",
        "https://discord.gg/jvuBeT38?event=1046920999469330512",
        "--with-counts",
        "--base-url",
        &base,
    ])
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "\
code:      jvuBeT38
link:      https://discord.gg/jvuBeT38
type:      GUILD (0)
guild:     Discord Testers (197038439483310086)
channel:   illuminati (165176875973476352, GUILD_TEXT)
inviter:   nelly (80351110224678912)
expires:   never
members:   2000 (120 online)
"
    );
    assert_eq!(r.stderr, "");
    // --event wins over the link's; --json prints the normalized invite on one line.
    let r = online(
        &server,
        &[
            "--json",
            "get",
            "discord.gg/jvuBeT38?event=1",
            "--event",
            "2",
        ],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim_end()).unwrap();
    assert_eq!(v["code"], "jvuBeT38");
    assert_eq!(v["approximate_member_count"], 2000);
    assert!(v.get("future_field").is_none());
    assert_eq!(r.stdout.lines().count(), 1);
    assert_eq!(
        requests(&server),
        [
            "GET /invites/jvuBeT38?with_counts=true&guild_scheduled_event_id=1046920999469330512",
            "GET /invites/jvuBeT38?guild_scheduled_event_id=2",
        ]
    );
    let sent = server.requests();
    assert_eq!(sent[0].header("authorization"), None);
    assert_eq!(
        sent[1].header("authorization"),
        Some(format!("Bot {TOKEN}").as_str())
    );
}

#[test]
fn api_errors_exit_4_with_the_code_and_message() {
    let server = Server::scripted(vec![Reply::json(404, UNKNOWN_INVITE)]);
    let r = online(&server, &["get", "nope-nope"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: discord api error 404 (10006): Unknown Invite\n"
    );
    // An undecodable success body is the API's fault too.
    let server = Server::scripted(vec![Reply::new(200, "<html>oops</html>")]);
    let r = online(&server, &["list", "--guild", "1"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: cannot decode the response body (status 200): expected value at line 1 column 1; \
         the body starts with \"<html>oops</html>\"\n"
    );
}

#[test]
fn list_prints_a_table_or_json_lines() {
    let list = format!(
        r#"[{INVITE},{{"code":"zqs8oqxk","uses":3,"max_uses":10,"max_age":3600,"created_at":"2024-05-01T10:00:00+00:00","channel":{{"id":"1","type":0}}}}]"#
    );
    let body = list.clone();
    let server = api(move |method, path, _| match (method, path) {
        ("GET", "/guilds/197038439483310086/invites" | "/channels/165176875973476352/invites") => {
            Reply::json(200, &body)
        }
        _ => Reply::json(404, r#"{"message":"404: Not Found","code":0}"#),
    });
    let r = online(&server, &["list", "--guild", "197038439483310086"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "\
CODE      CHANNEL     INVITER  USES  EXPIRES                    CREATED
jvuBeT38  illuminati  nelly    -     never                      -
zqs8oqxk  1           -        3/10  2024-05-01T11:00:00+00:00  2024-05-01T10:00:00+00:00
"
    );
    let r = online(
        &server,
        &["list", "--channel", "165176875973476352", "--json"],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    let codes: Vec<String> = r
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["code"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(codes, ["jvuBeT38", "zqs8oqxk"]);
    assert_eq!(
        requests(&server),
        [
            "GET /guilds/197038439483310086/invites",
            "GET /channels/165176875973476352/invites"
        ]
    );
    let r = online(&server, &["list", "--guild", "5"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: discord api error 404 (0): 404: Not Found\n"
    );
}

const CREATED: &str = r#"{"type":0,"code":"nEwC0d3x","guild":{"id":"197038439483310086","name":"Discord Testers","features":[]},"channel":{"id":"165176875973476352","type":0,"name":"illuminati"},"uses":0,"max_uses":10,"max_age":3600,"temporary":true,"created_at":"2024-05-01T10:00:00+00:00"}"#;

#[test]
fn create_sends_the_checked_body_and_prints_the_link() {
    let server = Server::scripted(vec![
        Reply::json(200, CREATED),
        Reply::json(200, CREATED),
        Reply::empty(204),
    ]);
    let r = online(
        &server,
        &[
            "create",
            "--channel",
            "165176875973476352",
            "--max-age",
            "3600",
            "--max-uses",
            "10",
            "--temporary",
            "--unique",
            "--role",
            "11",
            "--role",
            "12",
            "--reason",
            "welcome week",
        ],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "https://discord.gg/nEwC0d3x\n");
    let sent = server.requests();
    assert_eq!(sent[0].method, "POST");
    assert_eq!(sent[0].path, "/api/v10/channels/165176875973476352/invites");
    assert_eq!(sent[0].header("content-type"), Some("application/json"));
    assert_eq!(sent[0].header("x-audit-log-reason"), Some("welcome%20week"));
    let body: serde_json::Value = serde_json::from_slice(&sent[0].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"max_age": 3600, "max_uses": 10, "temporary": true, "unique": true, "role_ids": ["11", "12"]})
    );

    // Target users go as multipart with the CSV; --json prints the created invite.
    let dir = std::env::temp_dir().join(format!("invite-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("create-users.csv");
    std::fs::write(&csv, "user_id\n710570210159099984\n1081815963990761542\n").unwrap();
    let r = online(
        &server,
        &[
            "--json",
            "create",
            "--channel",
            "165176875973476352",
            "--target-users",
            csv.to_str().unwrap(),
        ],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim_end()).unwrap();
    assert_eq!(v["code"], "nEwC0d3x");
    let sent = server.requests();
    assert!(
        sent[1]
            .header("content-type")
            .is_some_and(|c| c.starts_with("multipart/form-data; boundary=")),
        "{:?}",
        sent[1].headers
    );
    let body = String::from_utf8_lossy(&sent[1].body);
    assert!(body.contains("name=\"target_users_file\""), "{body}");
    assert!(
        body.contains("user_id\n710570210159099984\n1081815963990761542\n"),
        "{body}"
    );

    // 204: invites disabled, nothing created.
    let r = online(&server, &["create", "--channel", "1"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: the API created no invite (204 No Content): invites are disabled in this guild\n"
    );
    assert_eq!(server.requests().len(), 3);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn delete_reports_each_invite_and_continues_after_a_failure() {
    let server = api(|method, path, _| match (method, path) {
        ("DELETE", "/invites/gone1234") => Reply::json(404, UNKNOWN_INVITE),
        ("DELETE", "/invites/fluxer12") => Reply::empty(204),
        ("DELETE", p) => Reply::json(200, &format!(r#"{{"code":"{}"}}"#, &p[9..])),
        _ => Reply::new(599, "unexpected"),
    });
    let r = online(
        &server,
        &[
            "delete",
            "aaaa1111",
            "https://discord.gg/gone1234",
            "fluxer12",
            "--reason",
            "spam",
        ],
    )
    .run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        r.stdout,
        "\
deleted        aaaa1111
failed         gone1234  discord api error 404 (10006): Unknown Invite
deleted        fluxer12
"
    );
    assert_eq!(r.stderr, "error: 1 of 3 deletions failed\n");
    assert_eq!(
        requests(&server),
        [
            "DELETE /invites/aaaa1111",
            "DELETE /invites/gone1234",
            "DELETE /invites/fluxer12"
        ]
    );
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.header("x-audit-log-reason") == Some("spam"))
    );
    let r = online(&server, &["--json", "delete", "bbbb2222"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "{\"action\":\"deleted\",\"code\":\"bbbb2222\"}\n");
}

#[test]
fn target_users_get_set_status() {
    let server = api(|method, path, r| match (method, path) {
        ("GET", "/invites/tgt12345/target-users") => {
            Reply::csv("user_id\r\n710570210159099984\r\n1081815963990761542\r\n")
        }
        ("PUT", "/invites/tgt12345/target-users") => {
            let body = String::from_utf8_lossy(&r.body);
            if body.contains("user_id\n42\n43\n") {
                Reply::empty(204)
            } else {
                Reply::json(400, r#"{"message":"bad upload","code":50035}"#)
            }
        }
        ("GET", "/invites/tgt12345/target-users/job-status") => Reply::json(
            200,
            r#"{"status":1,"total_users":500,"processed_users":120,"created_at":"2025-01-01T00:00:00+00:00","completed_at":null,"error_message":null}"#,
        ),
        _ => Reply::json(
            404,
            r#"{"message":"Unknown invite target users","code":10129}"#,
        ),
    });
    let r = online(&server, &["target-users", "get", "tgt12345"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "user_id\n710570210159099984\n1081815963990761542\n"
    );
    let r = online(&server, &["--json", "target-users", "get", "tgt12345"]).run();
    assert_eq!(
        r.stdout,
        "{\"user_id\":\"710570210159099984\"}\n{\"user_id\":\"1081815963990761542\"}\n"
    );
    let r = online(&server, &["target-users", "set", "tgt12345", "-"])
        .stdin(b"user_id\n42\n43\n")
        .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "submitted 2 user ids for tgt12345; the API processes them in the background: see `invite target-users status tgt12345`\n"
    );
    let r = online(&server, &["target-users", "status", "tgt12345"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "status:    PROCESSING (1)\nusers:     120 of 500 processed\ncreated:   2025-01-01T00:00:00+00:00\n"
    );
    let r = online(&server, &["--json", "target-users", "status", "tgt12345"]).run();
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim_end()).unwrap();
    assert_eq!(
        (v["status"].as_u64(), v["processed_users"].as_u64()),
        (Some(1), Some(120))
    );
    let r = online(&server, &["target-users", "get", "other123"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: discord api error 404 (10129): Unknown invite target users\n"
    );
    assert_eq!(
        requests(&server),
        [
            "GET /invites/tgt12345/target-users",
            "GET /invites/tgt12345/target-users",
            "PUT /invites/tgt12345/target-users",
            "GET /invites/tgt12345/target-users/job-status",
            "GET /invites/tgt12345/target-users/job-status",
            "GET /invites/other123/target-users",
        ]
    );
}

/// An RFC 3339 time `secs` seconds before now.
fn ago(secs: u64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    Timestamp::from_unix_millis(now - secs * 1000).to_string()
}

const HOUR: u64 = 3600;
const DAY: u64 = 86_400;

/// A guild with six invites: expired, unused and old, unused and fresh, used up, used and old,
/// and one without metadata. Deleting `maxed111` is forbidden.
fn prune_server() -> Server {
    let list = format!(
        r#"[
        {{"code":"expired1","uses":3,"max_uses":0,"max_age":3600,"created_at":"{}","expires_at":"{}"}},
        {{"code":"unused11","uses":0,"max_uses":0,"max_age":0,"created_at":"{}","expires_at":null}},
        {{"code":"fresh111","uses":0,"max_uses":0,"max_age":86400,"created_at":"{}"}},
        {{"code":"maxed111","uses":10,"max_uses":10,"max_age":0,"created_at":"{}"}},
        {{"code":"busy1111","uses":5,"max_uses":0,"max_age":0,"created_at":"{}"}},
        {{"code":"nometa11"}}
        ]"#,
        ago(2 * DAY),
        ago(HOUR),
        ago(40 * DAY),
        ago(HOUR),
        ago(5 * DAY),
        ago(60 * DAY),
    );
    api(move |method, path, _| match (method, path) {
        ("GET", "/guilds/42/invites") => Reply::json(200, &list),
        ("DELETE", "/invites/maxed111") => {
            Reply::json(403, r#"{"message":"Missing Permissions","code":50013}"#)
        }
        ("DELETE", _) => Reply::empty(204),
        _ => Reply::new(599, "unexpected"),
    })
}

fn deletes(server: &Server) -> Vec<String> {
    requests(server)
        .into_iter()
        .filter(|r| r.starts_with("DELETE "))
        .collect()
}

#[test]
fn prune_dry_run_deletes_nothing() {
    let server = prune_server();
    let r = online(
        &server,
        &[
            "prune",
            "--guild",
            "42",
            "--unused",
            "--older-than",
            "30d",
            "--dry-run",
        ],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "would delete   unused11  unused, older than 4w2d\n"
    );
    // The summary goes to standard error, with the warnings.
    assert_eq!(
        r.stderr,
        "warning: 1 invite lack the uses or creation time the filters need (the token needs MANAGE_GUILD to see them) and were kept\n\
         prune: 1 of 6 invites of guild 42 matched; dry run, nothing deleted\n"
    );
    let r = online(
        &server,
        &["--json", "prune", "--guild", "42", "--all", "--dry-run"],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6, "{}", r.stdout);
    assert!(
        lines
            .iter()
            .all(|l| l["action"] == "would_delete" && l["reasons"][0] == "all")
    );
    let r = online(
        &server,
        &["prune", "--guild", "42", "--expired", "--dry-run"],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "would delete   expired1  expired\n", "{r:?}");
    assert_eq!(
        r.stderr,
        "prune: 1 of 6 invites of guild 42 matched; dry run, nothing deleted\n"
    );
    assert_eq!(requests(&server), ["GET /guilds/42/invites"; 3]);
}

#[test]
fn prune_deletes_exactly_the_matching_invites() {
    let server = prune_server();
    let r = online(
        &server,
        &[
            "prune",
            "--guild",
            "42",
            "--unused",
            "--older-than",
            "30d",
            "--reason",
            "tidy",
        ],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "deleted        unused11  unused, older than 4w2d\n"
    );
    assert!(
        r.stderr
            .ends_with("\nprune: 1 of 6 invites of guild 42 matched; all deleted\n"),
        "{r:?}"
    );
    assert_eq!(deletes(&server), ["DELETE /invites/unused11"]);
    let last = server.requests().pop().unwrap();
    assert_eq!(last.header("x-audit-log-reason"), Some("tidy"));
}

#[test]
fn prune_reports_a_failure_and_continues() {
    let server = prune_server();
    let r = online(
        &server,
        &["--json", "prune", "--guild", "42", "--older-than", "1d"],
    )
    .run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        deletes(&server),
        [
            "DELETE /invites/expired1",
            "DELETE /invites/unused11",
            "DELETE /invites/maxed111",
            "DELETE /invites/busy1111",
        ]
    );
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let actions: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| (l["code"].as_str().unwrap(), l["action"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions,
        [
            ("expired1", "deleted"),
            ("unused11", "deleted"),
            ("maxed111", "failed"),
            ("busy1111", "deleted"),
        ]
    );
    assert_eq!(
        lines[2]["error"],
        "discord api error 403 (50013): Missing Permissions"
    );
    assert!(
        r.stderr.contains("\nerror: 1 of 4 deletions failed\n{"),
        "{r:?}"
    );
    // Two filters: used up AND older than a day.
    let server = prune_server();
    let r = online(
        &server,
        &[
            "prune",
            "--guild",
            "42",
            "--max-uses-reached",
            "--older-than",
            "1d",
        ],
    )
    .run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(deletes(&server), ["DELETE /invites/maxed111"]);
}

#[test]
fn refused_input_exits_3_and_sends_nothing() {
    let server = api(|_, _, _| Reply::new(599, "no request was expected"));
    let dir = std::env::temp_dir().join(format!("invite-cli-refused-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad_csv = dir.join("bad.csv");
    std::fs::write(&bad_csv, "user_id\n1\nbob\n").unwrap();
    let empty_csv = dir.join("empty.csv");
    std::fs::write(&empty_csv, "user_id\n").unwrap();
    let missing_csv = dir.join("missing.csv");
    let ok_csv = dir.join("ok.csv");
    std::fs::write(&ok_csv, "user_id\n1\n").unwrap();
    let ok = ok_csv.to_str().unwrap();
    let long_reason = "x".repeat(513);
    let (bad, empty, missing) = (
        bad_csv.to_str().unwrap(),
        empty_csv.to_str().unwrap(),
        missing_csv.to_str().unwrap(),
    );
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["get", "../users/@me"],
            "error: \"../users/@me\" is not an invite code or link: unknown invite host \"..\" at byte 0",
        ),
        (
            vec!["get", "abc?x=1"],
            "error: \"abc?x=1\" is not an invite code or link: invalid character '?' (a query) at byte 3",
        ),
        (
            vec!["get", "https://example.com/abc"],
            "error: \"https://example.com/abc\" is not an invite code or link: unknown invite host",
        ),
        (
            vec!["delete", "good1234", "bad/code"],
            "error: \"bad/code\" is not an invite code or link",
        ),
        (
            vec!["delete", "good1234", "--reason", ""],
            "error: --reason: audit log reason is empty",
        ),
        (
            vec!["delete", "good1234", "--reason", &long_reason],
            "error: --reason: audit log reason is 513 characters long, the maximum is 512",
        ),
        (
            vec!["create", "--channel", "1", "--max-uses", "101"],
            "error: max_uses 101 is out of range 0..=100",
        ),
        (
            vec!["create", "--channel", "1", "--max-age", "5184001"],
            "error: max_age 5184001 is out of range 0..=5184000",
        ),
        (
            vec!["create", "--channel", "1", "--max-age", "99999999999"],
            "error: max_age 99999999999 is out of range 0..=5184000",
        ),
        (
            vec!["create", "--channel", "1", "--reason", ""],
            "error: --reason: audit log reason is empty",
        ),
        (
            vec!["create", "--channel", "1", "--target-users", bad],
            "bad.csv: line 3: invalid user id \"bob\"",
        ),
        (
            vec!["create", "--channel", "1", "--target-users", missing],
            "error: cannot read ",
        ),
        (
            vec!["target-users", "set", "abcd1234", bad],
            "line 3: invalid user id \"bob\"",
        ),
        (
            vec!["target-users", "set", "abcd1234", empty],
            "no user ids",
        ),
        (
            vec!["target-users", "set", "abcd1234", missing],
            "error: cannot read ",
        ),
        (vec!["target-users", "get", "a"], "invite code is too short"),
        (
            vec!["target-users", "status", "%41%42"],
            "invalid character '%'",
        ),
        (
            vec!["prune", "--guild", "1", "--all", "--reason", ""],
            "error: --reason: audit log reason is empty",
        ),
        (
            vec![
                "--platform",
                "fluxer",
                "create",
                "--channel",
                "1",
                "--target-users",
                ok,
            ],
            "error: target_users_file is not supported by fluxer",
        ),
        (
            vec!["get", ""],
            "error: \"\" is not an invite code or link: invite code is empty",
        ),
    ];
    for (args, expected) in &cases {
        let r = online(&server, args).run();
        assert_eq!(r.code, 3, "invite {args:?}: {r:?}");
        assert_eq!(r.stdout, "", "invite {args:?}");
        assert!(r.stderr.starts_with("error: "), "invite {args:?}: {r:?}");
        assert!(
            r.stderr.contains(expected),
            "invite {args:?}: expected {expected:?} in {r:?}"
        );
        assert_eq!(r.stderr.lines().count(), 1, "invite {args:?}: {r:?}");
    }
    assert_eq!(requests(&server), Vec::<String>::new());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn commands_that_need_a_token_refuse_to_run_without_one() {
    let server = api(|_, _, _| Reply::new(599, "no request was expected"));
    let base = server.base_url();
    for args in [
        &["list", "--guild", "1"][..],
        &["delete", "abcd1234"],
        &["create", "--channel", "1"],
        &["target-users", "status", "abcd1234"],
        &["prune", "--guild", "1", "--expired", "--dry-run"],
    ] {
        let mut all = vec!["--base-url", base.as_str()];
        all.extend_from_slice(args);
        let r = invite(&all).run();
        assert_eq!(r.code, 3, "invite {args:?}: {r:?}");
        assert_eq!(
            r.stderr,
            "error: this command needs a token: set the environment variable DISCORD_TOKEN to the bot token (or name another variable with --token-env)\n"
        );
        let r = invite(&all).env("DISCORD_TOKEN", "").run();
        assert_eq!(r.code, 3, "invite {args:?}: {r:?}");
        let r = invite(&all).env("DISCORD_TOKEN", "two words").run();
        assert_eq!(r.code, 3, "invite {args:?}: {r:?}");
        assert!(
            r.stderr.contains("is malformed") && !r.stderr.contains("two words"),
            "{r:?}"
        );
    }
    assert_eq!(requests(&server), Vec::<String>::new());
}

#[test]
fn token_env_and_bearer() {
    let server = Server::scripted(vec![Reply::json(200, "[]"), Reply::json(200, "[]")]);
    let base = server.base_url();
    let r = invite(&[
        "--base-url",
        &base,
        "--token-env",
        "MY_TOKEN",
        "--bearer",
        "list",
        "--guild",
        "7",
    ])
    .env("MY_TOKEN", TOKEN)
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "no invites\n");
    let r = invite(&[
        "--base-url",
        &base,
        "--token-env",
        "MY_TOKEN",
        "list",
        "--guild",
        "7",
    ])
    .env("MY_TOKEN", &format!("Bot {TOKEN}\n"))
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    let sent = server.requests();
    assert_eq!(
        sent[0].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(
        sent[1].header("authorization"),
        Some(format!("Bot {TOKEN}").as_str())
    );
}

#[test]
fn verbose_logs_requests_but_never_the_token() {
    let server = Server::scripted(vec![
        Reply::json(503, r#"{"message":"busy"}"#),
        Reply::json(200, INVITE),
    ]);
    // After the command name, as every network option may be.
    let r = online(&server, &["get", "jvuBeT38", "--verbose"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<&str> = r.stderr.lines().collect();
    // Each line names the host.
    let at = format!("invite: {}: ", host(&server));
    assert_eq!(
        lines[0],
        format!("{at}send GET /invites/jvuBeT38 (attempt 1)")
    );
    assert!(
        lines[1].starts_with(&format!("{at}receive GET /invites/jvuBeT38: status 503,")),
        "{lines:?}"
    );
    assert!(
        lines[2].starts_with(&format!(
            "{at}retry GET /invites/jvuBeT38 (attempt 2, after status 503) in "
        )),
        "{lines:?}"
    );
    assert_eq!(
        lines[3],
        format!("{at}send GET /invites/jvuBeT38 (attempt 2)")
    );
    assert!(
        lines[4].starts_with(&format!("{at}receive GET /invites/jvuBeT38: status 200,")),
        "{lines:?}"
    );
    assert_eq!(lines.len(), 5, "{lines:?}");
    // The token did go out, in the header only.
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.header("authorization") == Some(format!("Bot {TOKEN}").as_str()))
    );
}

#[test]
fn a_server_echoing_the_token_does_not_make_it_print() {
    let echo_error = format!(r#"{{"message":"bad token {TOKEN}","code":50014}}"#);
    let echo_invite =
        format!(r#"{{"code":"echo1234","guild":{{"id":"1","name":"Bot {TOKEN}","features":[]}}}}"#);
    let server = Server::scripted(vec![
        Reply::json(401, &echo_error),
        Reply::json(200, &echo_invite),
    ]);
    let r = online(&server, &["--verbose", "get", "echo1234"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        r.stderr.lines().last(),
        Some("error: discord api error 401 (50014): bad token <redacted>")
    );
    let r = online(&server, &["--json", "get", "echo1234"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("\"name\":\"Bot <redacted>\""), "{r:?}");
}

#[test]
fn network_failures_exit_5() {
    // A closed port: connection refused (retried, then given up).
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let base = format!("http://127.0.0.1:{port}/api/v10");
    let r = invite(&["--base-url", &base, "get", "jvuBeT38"])
        .token()
        .run();
    assert_eq!(r.code, 5, "{r:?}");
    assert!(
        r.stderr
            .starts_with(&format!("error: cannot connect to 127.0.0.1:{port}: ")),
        "{r:?}"
    );

    // A server slower than --timeout.
    let server = Server::scripted(vec![Reply::json(200, INVITE).delay(Duration::from_secs(3))]);
    let started = Instant::now();
    let base = server.base_url();
    let r = invite(&["--base-url", &base, "--timeout", "0.5", "get", "jvuBeT38"])
        .token()
        .run();
    assert_eq!(r.code, 5, "{r:?}");
    assert_eq!(r.stderr, "error: request timed out\n");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );

    // Rate limited until the retries run out.
    let limited = Reply::json(
        429,
        r#"{"message":"You are being rate limited.","retry_after":0.01,"global":false}"#,
    )
    .header("Retry-After", "0");
    let server = Server::scripted(vec![limited; 4]);
    let r = online(&server, &["get", "jvuBeT38"]).run();
    assert_eq!(r.code, 5, "{r:?}");
    assert!(
        r.stderr
            .starts_with("error: rate limited on this route: retry after"),
        "{r:?}"
    );
    assert_eq!(server.requests().len(), 4);

    // A connection closed without an answer, on a request that is not retried.
    let server = Server::scripted(vec![Reply::empty(200).mode(Mode::Close)]);
    let r = online(&server, &["create", "--channel", "1"]).run();
    assert_eq!(r.code, 5, "{r:?}");
    let host = host(&server);
    assert!(
        r.stderr
            .starts_with(&format!("error: connection to {host} failed: ")),
        "{r:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_failed_deletion_by_network_makes_the_batch_exit_5() {
    let server = api(|_, path, _| {
        if path == "/invites/slow1234" {
            Reply::empty(204).delay(Duration::from_secs(3))
        } else {
            Reply::json(404, UNKNOWN_INVITE)
        }
    });
    let base = server.base_url();
    let r = invite(&[
        "--base-url",
        &base,
        "--timeout",
        "0.5",
        "delete",
        "gone1234",
        "slow1234",
    ])
    .token()
    .run();
    assert_eq!(r.code, 5, "{r:?}");
    assert_eq!(
        r.stdout,
        "failed         gone1234  discord api error 404 (10006): Unknown Invite\nfailed         slow1234  request timed out\n"
    );
    assert_eq!(r.stderr, "error: 2 of 2 deletions failed\n");
}

#[test]
fn fluxer_platform_links_and_ranges() {
    let fluxer_invite = r#"{"code":"fLuX1234","type":0,"guild":{"id":"1","name":"F","features":[]},"member_count":5,"presence_count":2}"#;
    let server = Server::scripted(vec![
        Reply::json(200, fluxer_invite),
        Reply::json(200, fluxer_invite),
    ]);
    let r = online(
        &server,
        &[
            "--platform",
            "fluxer",
            "get",
            "https://fluxer.gg/fLuX1234",
            "--with-counts",
        ],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout.contains("link:      https://fluxer.gg/fLuX1234\n"),
        "{r:?}"
    );
    assert!(r.stdout.contains("members:   5 (2 online)\n"), "{r:?}");
    // Fluxer takes no query parameters.
    assert_eq!(requests(&server), ["GET /invites/fLuX1234"]);
    let r = online(
        &server,
        &["--platform", "fluxer", "create", "--channel", "1"],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "https://fluxer.gg/fLuX1234\n");
    // A Discord link while talking to Fluxer: a warning, and the code is used.
    let server = Server::scripted(vec![Reply::json(200, fluxer_invite)]);
    let r = online(
        &server,
        &["--platform", "fluxer", "get", "discord.gg/fLuX1234"],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stderr,
        "warning: \"discord.gg/fLuX1234\" is a discord link, but requests go to fluxer (use --platform discord)\n"
    );
}

#[test]
fn prune_waits_out_a_rate_limit_and_goes_on() {
    let list = r#"[{"code":"aaaa1111","uses":0},{"code":"bbbb2222","uses":0}]"#;
    let limited = Reply::json(
        429,
        r#"{"message":"You are being rate limited.","retry_after":0.2,"global":false}"#,
    )
    .header("Retry-After", "1")
    .header("X-RateLimit-Limit", "5")
    .header("X-RateLimit-Remaining", "0")
    .header("X-RateLimit-Reset-After", "0.2")
    .header("X-RateLimit-Bucket", "delete-bucket");
    let server = Server::scripted(vec![
        Reply::json(200, list),
        limited,
        Reply::empty(204),
        Reply::empty(204),
    ]);
    let r = online(&server, &["prune", "--guild", "42", "--unused"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "deleted        aaaa1111  unused\ndeleted        bbbb2222  unused\n"
    );
    assert_eq!(
        r.stderr,
        "prune: 2 of 2 invites of guild 42 matched; all deleted\n"
    );
    assert_eq!(
        deletes(&server),
        [
            "DELETE /invites/aaaa1111",
            "DELETE /invites/aaaa1111",
            "DELETE /invites/bbbb2222"
        ]
    );
    let sent = server.requests();
    let waited = sent[2].at.duration_since(sent[1].at);
    assert!(
        waited >= Duration::from_millis(190),
        "retried after {waited:?}"
    );
}

// ---- server text on the terminal, plain http ----

/// Fails if `text` holds a character the terminal would act on (anything the model escapes,
/// except the line breaks that end our own lines).
fn assert_terminal_safe(text: &str, what: &str) {
    let raw: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && invite_model::terminal::needs_escape(c))
        .collect();
    assert!(raw.is_empty(), "{what} holds raw {raw:?}: {text:?}");
}

/// Fails if JSON output holds a raw control character (C0 other than line breaks, DEL, C1);
/// bidirectional and other invisible characters stay as they are in JSON.
fn assert_json_safe(text: &str) {
    let raw: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && c.is_control())
        .collect();
    assert!(raw.is_empty(), "json holds raw {raw:?}: {text:?}");
}

/// ESC ] 0 ; ... BEL retitles the window, ESC [ 2 J clears the screen, backspaces and a carriage
/// return overwrite, U+202E reverses, U+009B is an 8-bit CSI, a line break forges a line.
const HOSTILE_INVITE: &str = r#"{"type":0,"code":"evil1234","guild":{"id":"1","name":"\u001b]0;pwned\u0007Guild","features":[]},"channel":{"id":"2","type":0,"name":"\u001b[2Jchan"},"inviter":{"id":"3","username":"adm\b\b\broot\u202e","discriminator":"0"},"guild_scheduled_event":{"id":"4","guild_id":"1","name":"ev\rent\u009b31m","privacy_level":2,"status":1,"entity_type":3}}"#;

#[test]
fn server_names_are_escaped_in_human_output_and_exact_in_json() {
    let list = format!(
        r#"[{HOSTILE_INVITE},{{"code":"second11","channel":{{"id":"9","type":0,"name":"line\nbreak"}}}}]"#
    );
    let server = api(move |_, path, _| match path {
        "/invites/evil1234" => Reply::json(200, HOSTILE_INVITE),
        "/guilds/1/invites" => Reply::json(200, &list),
        "/invites/tgt12345/target-users/job-status" => Reply::json(
            200,
            r#"{"status":3,"total_users":1,"processed_users":0,"error_message":"\u001b]52;c;ZXZpbA==\u0007failed"}"#,
        ),
        _ => Reply::new(599, "unexpected"),
    });
    let r = online(&server, &["get", "evil1234"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_terminal_safe(&r.stdout, "stdout");
    assert_terminal_safe(&r.stderr, "stderr");
    for shown in [
        "guild:     \\u{1b}]0;pwned\\u{7}Guild (1)\n",
        "channel:   \\u{1b}[2Jchan (2, GUILD_TEXT)\n",
        "inviter:   adm\\u{8}\\u{8}\\u{8}root\\u{202e} (3)\n",
        "event:     ev\\rent\\u{9b}31m (4)\n",
    ] {
        assert!(r.stdout.contains(shown), "{shown:?} not in {}", r.stdout);
    }

    let r = online(&server, &["list", "--guild", "1"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_terminal_safe(&r.stdout, "stdout");
    // Two invites, two rows: the channel's line break did not add one.
    assert_eq!(r.stdout.lines().count(), 3, "{}", r.stdout);
    assert!(r.stdout.contains("second11  line\\nbreak"), "{}", r.stdout);

    let r = online(&server, &["target-users", "status", "tgt12345"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_terminal_safe(&r.stdout, "stdout");
    assert!(
        r.stdout
            .contains("error:     \\u{1b}]52;c;ZXZpbA==\\u{7}failed\n"),
        "{}",
        r.stdout
    );

    // JSON stays exact: control characters as JSON escapes, the override as it is.
    let r = online(&server, &["--json", "get", "evil1234"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_json_safe(&r.stdout);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim_end()).unwrap();
    assert_eq!(v["guild"]["name"], "\u{1b}]0;pwned\u{7}Guild");
    assert_eq!(v["inviter"]["username"], "adm\u{8}\u{8}\u{8}root\u{202e}");
    assert!(
        r.stdout.contains(r"\u001b]0;pwned\u0007Guild"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("root\u{202e}"), "{}", r.stdout);
    assert!(r.stdout.contains(r#""ev\rent\u009b31m""#), "{}", r.stdout);
    assert_eq!(v["guild_scheduled_event"]["name"], "ev\rent\u{9b}31m");
}

#[test]
fn server_error_messages_are_escaped_on_stderr() {
    let api_error =
        r#"{"message":"\u001b]0;owned\u0007Unknown\u001b[2J Invite\nerror: fake","code":10006}"#;
    let form_error = r#"{"code":50035,"message":"Invalid Form Body","errors":{"max_age":{"_errors":[{"code":"BAD\u001b[31m","message":"too\u202elong\b"}]}}}"#;
    let server = api(move |method, path, _| match (method, path) {
        ("GET", "/invites/bad12345") => Reply::json(404, api_error),
        ("GET", "/invites/html1234") => Reply::new(200, "\u{1b}]0;t\u{7}<html>\u{9b}2J"),
        ("POST", "/channels/7/invites") => Reply::json(400, form_error),
        ("GET", "/guilds/42/invites") => Reply::json(200, r#"[{"code":"gone1234","uses":0}]"#),
        ("DELETE", "/invites/gone1234") => Reply::json(403, api_error),
        _ => Reply::new(599, "unexpected"),
    });
    let r = online(&server, &["--verbose", "get", "bad12345"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_terminal_safe(&r.stderr, "stderr");
    assert_eq!(
        r.stderr.lines().last(),
        Some(
            "error: discord api error 404 (10006): \\u{1b}]0;owned\\u{7}Unknown\\u{1b}[2J \
             Invite\\nerror: fake"
        ),
        "{}",
        r.stderr
    );
    // The log line of the failure (verbose) is escaped too.
    assert!(
        r.stderr
            .lines()
            .any(|l| l.starts_with("invite: ") && l.contains("\\u{1b}]0;owned")),
        "{}",
        r.stderr
    );

    let r = online(&server, &["get", "html1234"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_terminal_safe(&r.stderr, "stderr");
    assert!(
        r.stderr
            .starts_with("error: cannot decode the response body"),
        "{r:?}"
    );

    let r = online(&server, &["create", "--channel", "7"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_terminal_safe(&r.stderr, "stderr");
    assert!(
        r.stderr
            .contains("max_age: too\\u{202e}long\\u{8} (BAD\\u{1b}[31m)"),
        "{}",
        r.stderr
    );

    // A failed deletion's message is part of a report line on standard output.
    let r = online(&server, &["prune", "--guild", "42", "--unused"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_terminal_safe(&r.stdout, "stdout");
    assert_terminal_safe(&r.stderr, "stderr");
    assert!(
        r.stdout.starts_with(
            "failed         gone1234  unused  discord api error 403 (10006): \\u{1b}]0;owned"
        ),
        "{}",
        r.stdout
    );
    // With --json the message is in the JSON, exact.
    let r = online(&server, &["--json", "prune", "--guild", "42", "--unused"]).run();
    assert_json_safe(&r.stdout);
    let v: serde_json::Value = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(
        v["error"],
        "discord api error 403 (10006): \u{1b}]0;owned\u{7}Unknown\u{1b}[2J Invite\nerror: fake"
    );
}

#[test]
fn plain_http_to_a_host_that_is_not_loopback_needs_allow_insecure_http() {
    let server = Server::with_handler(|_| Reply::json(200, INVITE));
    // `127.1` is this machine too, but not a dotted quad, so the rule does not count it as
    // loopback: it stands in for a remote host without sending anything off the machine.
    let remote = server.base_url().replace("127.0.0.1", "127.1");
    let r = invite(&["--base-url", &remote, "get", "jvuBeT38"])
        .token()
        .run();
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: refusing to send the token in DISCORD_TOKEN over plain http to 127.1, which is \
         not loopback: use an https:// --base-url, or --allow-insecure-http if the network is \
         trusted\n"
    );
    assert!(server.requests().is_empty(), "nothing may be sent");
    // Allowed explicitly, it goes out, token and all.
    let r = invite(&[
        "--base-url",
        &remote,
        "--allow-insecure-http",
        "get",
        "jvuBeT38",
    ])
    .token()
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    let sent = server.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].header("authorization"),
        Some(format!("Bot {TOKEN}").as_str())
    );
    // Without a token there is nothing to protect; loopback is always fine.
    let r = invite(&["--base-url", &remote, "get", "jvuBeT38"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    let r = online(&server, &["get", "jvuBeT38"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(server.requests().len(), 3);
    // The help says so.
    let r = invite(&["--help"]).run();
    assert!(r.stdout.contains("--allow-insecure-http"), "{}", r.stdout);
}

#[test]
fn malformed_base_urls_exit_2_and_say_why() {
    for (url, why) in [
        (
            "https://bot:pw@discord.com/api",
            "user info (user:password@) is not allowed",
        ),
        (
            "https://discord.com/api?v=10",
            "query ('?' at byte 23) is not allowed",
        ),
        ("https://disc ord.com", "character ' ' at byte 12"),
    ] {
        let r = invite(&["--base-url", url, "get", "abc"]).token().run();
        assert_eq!(r.code, 2, "{url}: {r:?}");
        assert!(r.stderr.contains(why), "{url}: {}", r.stderr);
    }
}

// ---- issue 9: hostile servers, tokens, batches ----

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

/// Issue 9, defect 4: a token echoed across byte 256 of an error body (or of an undecodable
/// success body) printed its first part; nothing of it is printed now, logs included.
#[test]
fn a_token_echoed_across_the_excerpt_cut_is_not_printed() {
    let body = format!("<html>{}Bot {TOKEN} rejected</html>", "x".repeat(234));
    let at = body.find(TOKEN).unwrap();
    assert!(at < 256 && at + TOKEN.len() > 256);
    let server = api(move |_, path, _| match path {
        "/invites/echo1234" => Reply::new(401, body.clone()),
        "/guilds/1/invites" | "/invites/html1234" => Reply::new(200, body.clone()),
        _ => Reply::new(599, "unexpected"),
    });
    for args in [
        &["--verbose", "get", "echo1234"][..],
        &["--verbose", "list", "--guild", "1"],
        &["get", "html1234"],
        &["--json", "get", "echo1234"],
    ] {
        let r = online(&server, args).run();
        assert_eq!(r.code, 4, "invite {args:?}: {r:?}");
        assert_no_part_of_the_token(&r.stdout, "stdout");
        assert_no_part_of_the_token(&r.stderr, "stderr");
        assert!(r.stderr.contains("Bot <redacted>"), "{r:?}");
    }
}

/// Issue 9, defect 5: a token with `\` or `"` was sent, and then appeared JSON-escaped where the
/// redactor did not see it. It is refused now, exit 3, with a message that names the variable
/// and the problem but not the token.
#[test]
fn tokens_with_quotes_or_backslashes_exit_3_and_send_nothing() {
    let server = api(|_, _, _| Reply::json(200, INVITE));
    let base = server.base_url();
    for (token, at) in [(r"MTIz.ab\cd.ef", 7), (r#"MTIz"abcd"#, 4)] {
        for variable in ["DISCORD_TOKEN", "MY_TOKEN"] {
            let r = invite(&[
                "--base-url",
                &base,
                "--token-env",
                variable,
                "--json",
                "get",
                "jvuBeT38",
            ])
            .env(variable, token)
            .run();
            assert_eq!(r.code, 3, "{r:?}");
            assert_eq!(r.stdout, "");
            let message = format!(
                "the token in {variable} is malformed: the token has a quote or backslash at \
                 byte {at}; tokens are made of A-Z, a-z, 0-9, '.', '_' and '-'"
            );
            // With --json, the error line and then its object.
            assert_eq!(
                r.stderr,
                format!(
                    "error: {message}\n{}\n",
                    serde_json::json!({"error": "invalid_input", "message": message})
                )
            );
            assert!(
                !r.stderr.contains("abcd") && !r.stderr.contains("ab\\c"),
                "{r:?}"
            );
        }
    }
    assert!(server.requests().is_empty());
}

/// Issue 9, defect 7: after an unsolicited second answer on a kept-alive connection, `delete`
/// reported `deleted bbbb2222` while the server had refused it. The mismatch is reported (exit
/// 4) and the next deletion reads its own answer.
#[test]
fn delete_does_not_believe_a_stray_response() {
    let server = support::stray_server();
    let r = online(&server, &["delete", "aaaa1111", "bbbb2222", "cccc3333"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        r.stdout,
        "\
deleted        aaaa1111
failed         bbbb2222  the response is for invite \"aaaa1111\", not the requested \"bbbb2222\" (status 200)
deleted        cccc3333
"
    );
    assert_eq!(r.stderr, "error: 1 of 3 deletions failed\n");
    assert_eq!(server.requests().len(), 3);
}

/// Issue 9, defect 8: a deletion whose first attempt acted and then failed (502), retried and
/// answered 404 Unknown Invite, was reported failed. It is deleted, already gone.
#[test]
fn a_retried_deletion_that_finds_the_invite_gone_is_reported_deleted() {
    let server = Server::scripted(vec![
        Reply::json(502, r#"{"message":"Bad Gateway","code":0}"#),
        Reply::json(404, UNKNOWN_INVITE),
        Reply::json(502, r#"{"message":"Bad Gateway","code":0}"#),
        Reply::json(404, UNKNOWN_INVITE),
        Reply::json(404, UNKNOWN_INVITE),
    ]);
    let r = online(&server, &["delete", "gone1234"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "deleted        gone1234  (already gone)\n");
    assert_eq!(r.stderr, "");
    let r = online(&server, &["--json", "delete", "gone1234"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "{\"action\":\"deleted\",\"already_gone\":true,\"code\":\"gone1234\"}\n"
    );
    // A 404 on the first attempt is still a failure.
    let r = online(&server, &["delete", "gone1234"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(server.requests().len(), 5);
}

/// Fifty unused invites, and every deletion answered with a global 429 (`retry_after` as given).
fn rate_limited_prune_server(retry_after: &'static str) -> Server {
    let list: Vec<String> = (0..50)
        .map(|n| format!(r#"{{"code":"inv{n:05}","uses":0}}"#))
        .collect();
    let list = format!("[{}]", list.join(","));
    api(move |method, path, _| {
        match (method, path) {
        ("GET", "/guilds/42/invites") => Reply::json(200, &list),
        ("DELETE", _) => Reply::json(
            429,
            &format!(
                r#"{{"message":"You are being rate limited.","retry_after":{retry_after},"global":true}}"#
            ),
        )
        .header("X-RateLimit-Global", "true")
        .header("X-RateLimit-Scope", "global"),
        _ => Reply::new(599, "unexpected"),
    }
    })
}

/// Issue 9, defect 11: a global 429 that outlasted the retries made prune try every remaining
/// invite anyway (4 attempts each: 201 requests for 50 invites). The batch stops; the rest are
/// reported as not attempted; exit 5.
#[test]
fn a_rate_limit_that_outlasts_the_retries_stops_the_batch() {
    // Retried three times, briefly, then given up: 1 listing + 4 attempts.
    let server = rate_limited_prune_server("0.01");
    let r = online(&server, &["prune", "--guild", "42", "--unused"]).run();
    assert_eq!(r.code, 5, "{r:?}");
    assert_eq!(server.requests().len(), 5, "{:?}", requests(&server));
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 50, "{}", r.stdout);
    assert!(
        lines[0]
            .starts_with("failed         inv00000  unused  rate limited globally: retry after "),
        "{}",
        lines[0]
    );
    for (n, line) in lines[1..50].iter().enumerate() {
        assert_eq!(*line, format!("not attempted  inv{:05}  unused", n + 1));
    }
    assert_eq!(
        r.stderr,
        "prune: 50 of 50 invites of guild 42 matched\n\
         error: 1 of 50 deletions failed; stopped at a rate limit that outlasted the retries, \
         49 not attempted\n"
    );

    // A wait longer than the policy allows: the first 429 ends the call, and the batch.
    let server = rate_limited_prune_server("120");
    let r = online(&server, &["--json", "prune", "--guild", "42", "--unused"]).run();
    assert_eq!(r.code, 5, "{r:?}");
    assert_eq!(server.requests().len(), 2, "{:?}", requests(&server));
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 50);
    assert_eq!(lines[0]["action"], "failed");
    assert!(
        lines[0]["error"]
            .as_str()
            .unwrap()
            .starts_with("rate limited globally: retry after 120"),
        "{}",
        lines[0]
    );
    assert!(lines[1..].iter().all(|l| l["action"] == "not_attempted"));
    assert_eq!(lines[49]["code"], "inv00049");
    assert_eq!(lines[49]["reasons"][0], "unused");

    // `delete` stops the same way.
    let server = rate_limited_prune_server("0.01");
    let r = online(&server, &["delete", "abcd1111", "abcd2222", "abcd3333"]).run();
    assert_eq!(r.code, 5, "{r:?}");
    assert_eq!(server.requests().len(), 4);
    assert!(
        r.stdout
            .ends_with("\nnot attempted  abcd2222\nnot attempted  abcd3333\n"),
        "{}",
        r.stdout
    );
}

/// Issue 9: every place the CLI prints server text in human output escapes it: a skipped
/// invite's code in prune's warning, a mismatched code in a report line, log lines.
#[test]
fn server_text_in_warnings_and_reports_is_escaped() {
    let server = api(|method, path, _| match (method, path) {
        ("GET", "/guilds/42/invites") => Reply::json(
            200,
            r#"[{"code":"\u001b]0;owned\u0007","uses":0},{"code":"real1234","uses":0}]"#,
        ),
        ("DELETE", "/invites/real1234") => Reply::json(200, r#"{"code":"x\u001b[2Jy"}"#),
        _ => Reply::new(599, "unexpected"),
    });
    let r = online(
        &server,
        &["--verbose", "prune", "--guild", "42", "--unused"],
    )
    .run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_terminal_safe(&r.stdout, "stdout");
    assert_terminal_safe(&r.stderr, "stderr");
    assert!(
        r.stderr
            .contains("warning: skipping invite \"\\u{1b}]0;owned\\u{7}\": not a valid code"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout.starts_with(
            "failed         real1234  unused  the response is for invite \"x\\u{1b}[2Jy\""
        ),
        "{}",
        r.stdout
    );
}

// ---- scan, accept, friend, vanity, pause/resume, lobby-invite (issue 11) ----

const SCAN_TEXT: &str = "Join (https://discord.gg/abc?event=42) or <fluxer.gg/xyz>! \
not discord.com/channels/1/2, notdiscord.gg/abc, discord.gg.evil.example/abc, fluxer.gg/invite/x, \
fluxer.app/invite/x, discord.gg/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.\n\
参加: [again](https://discord.com/invite/abc) **web.fluxer.app/#/invite/Q-7**\n";

#[test]
fn scan_prints_every_link_in_order() {
    let r = invite(&["scan"]).stdin(SCAN_TEXT.as_bytes()).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "discord abc\nfluxer xyz\ndiscord abc\nfluxer Q-7\n"
    );
    assert_eq!(r.stderr, "");

    let r = invite(&["scan", "-", "--json"])
        .stdin(SCAN_TEXT.as_bytes())
        .run();
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{}", r.stdout);
    assert_eq!(
        r.stdout.lines().next().unwrap(),
        "{\"platform\":\"discord\",\"code\":\"abc\",\"start\":6,\"end\":28,\"event\":\"42\"}"
    );
    for v in &lines {
        let (start, end) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        let span = &SCAN_TEXT.as_bytes()[start..end];
        let span = std::str::from_utf8(span).unwrap();
        assert!(span.ends_with(v["code"].as_str().unwrap()), "{span}");
        assert!(
            span.starts_with("http") || span.starts_with("fluxer") || span.starts_with("web"),
            "{span}"
        );
    }
    assert_eq!(lines[1]["event"], serde_json::Value::Null);
    assert_eq!(
        &SCAN_TEXT[lines[3]["start"].as_u64().unwrap() as usize
            ..lines[3]["end"].as_u64().unwrap() as usize],
        "web.fluxer.app/#/invite/Q-7"
    );

    // --unique keeps the first of each (platform, code).
    let r = invite(&["scan", "--unique"])
        .stdin(SCAN_TEXT.as_bytes())
        .run();
    assert_eq!(r.stdout, "discord abc\nfluxer xyz\nfluxer Q-7\n");
    // --only and self-hosted Fluxer hosts.
    let text = b"discord.gg/abc chat.example.org/invite/own-1 go.example/own-2 fluxer.gg/f1";
    let r = invite(&[
        "scan",
        "--only",
        "fluxer",
        "--fluxer-host",
        "chat.example.org",
        "--fluxer-short-host",
        "go.example",
    ])
    .stdin(text)
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "fluxer own-1\nfluxer own-2\nfluxer f1\n");
    let r = invite(&["scan", "--fluxer-host", "bad..host"]).run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: invalid host name \"bad..host\": empty label at byte 4\n"
    );
}

#[test]
fn scan_exit_codes_and_files() {
    let dir = std::env::temp_dir().join(format!("invite-cli-scan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let with = dir.join("with.md");
    std::fs::write(&with, "see https://discord.gg/abc\n").unwrap();
    let without = dir.join("without.md");
    // Bytes that are not UTF-8 are scanned around, not refused.
    std::fs::write(
        &without,
        b"nothing \xff\xfe here discord.com/channels/1/2\n",
    )
    .unwrap();
    let (with, without) = (with.to_str().unwrap(), without.to_str().unwrap());

    // Exit 0 whether or not anything was found.
    let r = invite(&["scan", with]).run();
    assert_eq!((r.code, r.stdout.as_str()), (0, "discord abc\n"), "{r:?}");
    let r = invite(&["scan", without]).run();
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{r:?}");
    // --fail-if-found exits 1 when something was, for pre-commit hooks.
    let r = invite(&["scan", "--fail-if-found", with]).run();
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(r.stdout, "discord abc\n");
    assert_eq!(r.stderr, format!("error: 1 invite link found in {with}\n"));
    let r = invite(&["scan", "--fail-if-found", without]).run();
    assert_eq!(r.code, 0, "{r:?}");
    let r = invite(&["scan", "--fail-if-found", "--json"])
        .stdin(b"discord.gg/ab fluxer.gg/cd")
        .run();
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(r.stdout.lines().count(), 2);
    assert_eq!(r.stderr, "error: 2 invite links found in standard input\n");
    // A file that cannot be read is invalid input.
    let missing = dir.join("missing.md");
    let r = invite(&["scan", missing.to_str().unwrap()]).run();
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stderr.starts_with("error: cannot read "), "{r:?}");
    // Offline: no token, no network, even with --base-url pointing nowhere.
    let r = invite(&["--base-url", "http://127.0.0.1:9", "scan"])
        .token()
        .stdin(b"discord.gg/abc")
        .run();
    assert_eq!((r.code, r.stdout.as_str()), (0, "discord abc\n"), "{r:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn accept_joins_through_an_invite() {
    let server = api(|method, path, r| match (method, path) {
        ("POST", "/invites/jvuBeT38") => {
            let body = String::from_utf8_lossy(&r.body).into_owned();
            if body == "{}" || body == r#"{"session_id":"s3ss"}"# {
                Reply::json(200, INVITE)
            } else {
                Reply::json(400, r#"{"message":"bad body","code":50035}"#)
            }
        }
        ("POST", "/invites/nope1234") => Reply::json(404, UNKNOWN_INVITE),
        _ => Reply::new(599, "unexpected"),
    });
    let r = online(
        &server,
        &["--user-token", "accept", "https://discord.gg/jvuBeT38"],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.starts_with("code:      jvuBeT38\n"), "{r:?}");
    assert!(r.stdout.contains("guild:     Discord Testers"), "{r:?}");
    let r = online(
        &server,
        &["--json", "accept", "jvuBeT38", "--session-id", "s3ss"],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim_end()).unwrap();
    assert_eq!(v["code"], "jvuBeT38");
    let r = online(&server, &["accept", "nope1234"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: discord api error 404 (10006): Unknown Invite\n"
    );
    let sent = server.requests();
    assert_eq!(sent.len(), 3);
    // --user-token sends the token bare; otherwise as a bot token.
    assert_eq!(sent[0].header("authorization"), Some(TOKEN));
    assert_eq!(
        sent[1].header("authorization"),
        Some(format!("Bot {TOKEN}").as_str())
    );
    assert_eq!(sent[0].header("content-type"), Some("application/json"));
    assert_eq!(sent[1].body, br#"{"session_id":"s3ss"}"#);
}

#[test]
fn friend_invites_list_create_revoke() {
    const FRIEND: &str = r#"{"type":2,"code":"fR1enDx7","inviter":{"id":"1","username":"me","discriminator":"0"},"max_age":604800,"max_uses":5,"uses":1,"expires_at":null,"created_at":"2024-05-01T10:00:00+00:00"}"#;
    let server = api(|method, path, r| match (method, path) {
        ("GET" | "DELETE", "/users/@me/invites") => Reply::json(200, &format!("[{FRIEND}]")),
        ("POST", "/users/@me/invites") => {
            if r.body == br#"{"code":"fR1enDx7"}"# || r.body == b"{}" {
                Reply::json(200, FRIEND)
            } else {
                Reply::json(400, r#"{"message":"bad body","code":50035}"#)
            }
        }
        _ => Reply::new(599, "unexpected"),
    });
    let r = online(&server, &["--user-token", "friend", "list"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.starts_with("CODE "), "{r:?}");
    assert!(
        r.stdout.contains("fR1enDx7  -        me       1/5"),
        "{r:?}"
    );
    let r = online(&server, &["--user-token", "--json", "friend", "list"]).run();
    assert_eq!(r.stdout.lines().count(), 1, "{r:?}");
    let r = online(&server, &["--user-token", "friend", "create"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "https://discord.gg/fR1enDx7\n");
    let r = online(
        &server,
        &["--user-token", "friend", "create", "--code", "fR1enDx7"],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    let r = online(&server, &["--user-token", "friend", "revoke"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "revoked  fR1enDx7\n");
    let r = online(&server, &["--user-token", "--json", "friend", "revoke"]).run();
    assert_eq!(r.stdout, "{\"action\":\"revoked\",\"code\":\"fR1enDx7\"}\n");
    assert_eq!(
        requests(&server),
        [
            "GET /users/@me/invites",
            "GET /users/@me/invites",
            "POST /users/@me/invites",
            "POST /users/@me/invites",
            "DELETE /users/@me/invites",
            "DELETE /users/@me/invites",
        ]
    );
    assert_eq!(server.requests()[3].body, br#"{"code":"fR1enDx7"}"#);
}

#[test]
fn vanity_get_and_set() {
    let server = api(|method, path, r| match (method, path) {
        ("GET", "/guilds/1/vanity-url") => Reply::json(200, r#"{"code":"alien","uses":4}"#),
        ("GET", "/guilds/2/vanity-url") => Reply::json(200, r#"{"code":null,"uses":0}"#),
        ("PATCH", "/guilds/3/vanity-url") => {
            let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
            Reply::json(
                200,
                &serde_json::json!({ "code": body["code"] }).to_string(),
            )
        }
        _ => Reply::new(599, "unexpected"),
    });
    let r = online(&server, &["vanity", "get", "--guild", "1"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "code:  alien\nlink:  https://discord.gg/alien\nuses:  4\n"
    );
    let r = online(&server, &["--json", "vanity", "get", "--guild", "1"]).run();
    assert_eq!(r.stdout, "{\"code\":\"alien\",\"uses\":4}\n");
    let r = online(&server, &["vanity", "get", "--guild", "2"]).run();
    assert_eq!(r.stdout, "guild 2 has no vanity code\n");
    let r = online(
        &server,
        &[
            "--platform",
            "fluxer",
            "vanity",
            "set",
            "--guild",
            "3",
            "my-guild",
        ],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "code:  my-guild\nlink:  https://fluxer.gg/my-guild\nuses:  not sent\n"
    );
    assert_eq!(
        requests(&server),
        [
            "GET /guilds/1/vanity-url",
            "GET /guilds/1/vanity-url",
            "GET /guilds/2/vanity-url",
            "PATCH /guilds/3/vanity-url",
        ]
    );
    let sent = server.requests();
    assert_eq!(sent[3].body, br#"{"code":"my-guild"}"#);
    assert_eq!(sent[3].header("content-type"), Some("application/json"));
}

#[test]
fn pause_and_resume_invites() {
    let server = api(|method, path, r| match (method, path) {
        ("PUT", "/guilds/7/incident-actions") => {
            let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
            Reply::json(
                200,
                &serde_json::json!({
                    "invites_disabled_until": body["invites_disabled_until"],
                    "dms_disabled_until": null
                })
                .to_string(),
            )
        }
        _ => Reply::new(599, "unexpected"),
    });
    let before = Timestamp::from_unix_millis(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64,
    );
    let r = online(&server, &["pause", "--guild", "7", "--for", "2h"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    let sent = server.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "PUT");
    assert_eq!(sent[0].header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_slice(&sent[0].body).unwrap();
    assert_eq!(body.as_object().unwrap().len(), 1, "{body}");
    let until: Timestamp = body["invites_disabled_until"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let ahead = until.unix_millis() - before.unix_millis();
    assert!(
        (2 * 3_600_000..2 * 3_600_000 + 60_000).contains(&ahead),
        "{ahead} ms ahead"
    );
    assert_eq!(
        r.stdout,
        format!("invites of guild 7 paused until {until}\n")
    );
    let r = online(&server, &["--json", "resume", "--guild", "7"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "{\"invites_disabled_until\":null,\"dms_disabled_until\":null}\n"
    );
    assert_eq!(
        server.requests()[1].body,
        br#"{"invites_disabled_until":null}"#
    );
    let r = online(&server, &["resume", "--guild", "7"]).run();
    assert_eq!(r.stdout, "invites of guild 7 are not paused\n");
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn lobby_invite_for_a_member_or_yourself() {
    let server = api(|method, path, _| match (method, path) {
        ("POST", "/lobbies/5/members/6/invites" | "/lobbies/5/members/@me/invites") => {
            Reply::json(200, r#"{"code":"lObBy123"}"#)
        }
        _ => Reply::new(599, "unexpected"),
    });
    let r = online(&server, &["lobby-invite", "--lobby", "5", "--user", "6"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "https://discord.gg/lObBy123\n");
    let r = online(
        &server,
        &["--bearer", "--json", "lobby-invite", "--lobby", "5"],
    )
    .run();
    assert_eq!(
        r.stdout,
        "{\"code\":\"lObBy123\",\"link\":\"https://discord.gg/lObBy123\"}\n"
    );
    assert_eq!(
        requests(&server),
        [
            "POST /lobbies/5/members/6/invites",
            "POST /lobbies/5/members/@me/invites"
        ]
    );
    let sent = server.requests();
    assert!(sent[0].body.is_empty());
    assert_eq!(
        sent[1].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

#[test]
fn new_commands_refuse_bad_input_and_send_nothing() {
    let server = api(|_, _, _| Reply::new(599, "no request was expected"));
    let roles: Vec<String> = (1..=251).map(|n| n.to_string()).collect();
    let mut too_many_roles = vec!["create", "--channel", "1"];
    for role in &roles {
        too_many_roles.extend(["--role", role.as_str()]);
    }
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["accept", "bad/code"],
            "error: \"bad/code\" is not an invite code or link",
        ),
        (
            vec!["accept", "https://discord.com/channels/1/2"],
            "is not an invite path",
        ),
        (
            vec!["--platform", "fluxer", "friend", "list"],
            "error: fluxer has no friend invites",
        ),
        (
            vec!["--platform", "fluxer", "friend", "revoke"],
            "error: fluxer has no friend invites",
        ),
        (
            vec!["friend", "create", "--code", "x"],
            "invite code is too short",
        ),
        (
            vec!["vanity", "set", "--guild", "1", "my-guild"],
            "error: discord does not let bots change a vanity code (fluxer does)",
        ),
        (
            vec![
                "--platform",
                "fluxer",
                "vanity",
                "set",
                "--guild",
                "1",
                "My-Guild",
            ],
            "(an uppercase letter: vanity codes are lowercase) at byte 0",
        ),
        (
            vec!["--platform", "fluxer", "vanity", "set", "--guild", "1", "a"],
            "error: vanity code is 1 character long, expected 2 to 32",
        ),
        (
            vec![
                "--platform",
                "fluxer",
                "vanity",
                "set",
                "--guild",
                "1",
                "abcdefghijklmnopqrstuvwxyz0123456",
            ],
            "error: vanity code is 33 characters long, expected 2 to 32",
        ),
        (
            vec!["pause", "--guild", "1", "--for", "25h"],
            "error: --for 1d1h: invites_disabled_until ",
        ),
        (
            vec!["pause", "--guild", "1", "--for", "1d1s"],
            "is more than 86400 s after now",
        ),
        (
            vec![
                "--platform",
                "fluxer",
                "pause",
                "--guild",
                "1",
                "--for",
                "1h",
            ],
            "error: --for 1h: fluxer has no incident actions (pausing invites)",
        ),
        (
            vec!["--platform", "fluxer", "resume", "--guild", "1"],
            "error: resume: fluxer has no incident actions (pausing invites)",
        ),
        (
            vec!["create", "--channel", "1", "--role", "5", "--role", "5"],
            "error: role_ids lists 5 twice: each id may appear once",
        ),
        (
            too_many_roles,
            "error: role_ids has 251 ids, the maximum is 250",
        ),
        (
            vec!["create", "--channel", "1", "--max-age", "5184001"],
            "error: max_age 5184001 is out of range 0..=5184000",
        ),
        (
            vec![
                "--platform",
                "fluxer",
                "create",
                "--channel",
                "1",
                "--max-age",
                "604801",
            ],
            "error: max_age 604801 is out of range 0..=604800",
        ),
    ];
    for (args, expected) in &cases {
        let r = online(&server, args).run();
        assert_eq!(r.code, 3, "invite {args:?}: {r:?}");
        assert_eq!(r.stdout, "", "invite {args:?}");
        assert!(
            r.stderr.contains(expected),
            "invite {args:?}: expected {expected:?} in {r:?}"
        );
        assert_eq!(r.stderr.lines().count(), 1, "invite {args:?}: {r:?}");
    }
    // Usage errors (exit 2): a missing --for, a malformed duration, two token kinds.
    for args in [
        &["pause", "--guild", "1"][..],
        &["pause", "--guild", "1", "--for", "2"],
        &["vanity", "set", "--guild", "1"],
        &["--bearer", "--user-token", "accept", "abc"],
        &["friend"],
    ] {
        let r = online(&server, args).run();
        assert_eq!(r.code, 2, "invite {args:?}: {r:?}");
    }
    // And none of them needs anything sent; without a token they say so first.
    let base = server.base_url();
    for args in [
        &["accept", "jvuBeT38"][..],
        &["friend", "list"],
        &["vanity", "get", "--guild", "1"],
        &["pause", "--guild", "1", "--for", "1h"],
        &["resume", "--guild", "1"],
        &["lobby-invite", "--lobby", "1"],
    ] {
        let mut all = vec!["--base-url", base.as_str()];
        all.extend_from_slice(args);
        let r = invite(&all).run();
        assert_eq!(r.code, 3, "invite {args:?}: {r:?}");
        assert!(r.stderr.contains("this command needs a token"), "{r:?}");
    }
    assert_eq!(requests(&server), Vec::<String>::new());
}

#[test]
fn create_accepts_the_openapi_max_age() {
    // Discord's OpenAPI description allows 60 days (the prose docs said 7).
    let server = Server::scripted(vec![Reply::json(200, CREATED)]);
    let r = online(
        &server,
        &["create", "--channel", "1", "--max-age", "5184000"],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    let body: serde_json::Value = serde_json::from_slice(&server.requests()[0].body).unwrap();
    assert_eq!(body, serde_json::json!({ "max_age": 5_184_000 }));
}

// ---- issue 12: the CLI for scripts ----

/// The JSON object on the last line of standard error; asserts the line before it is the
/// `error:` line and that nothing else on standard error is JSON.
fn error_object(r: &Run) -> serde_json::Value {
    let lines: Vec<&str> = r.stderr.lines().collect();
    let last = lines.last().unwrap_or_else(|| panic!("no stderr: {r:?}"));
    let value: serde_json::Value =
        serde_json::from_str(last).unwrap_or_else(|e| panic!("{e}: {last:?} in {r:?}"));
    assert!(value.is_object(), "{value}");
    assert!(
        lines[..lines.len() - 1]
            .iter()
            .all(|l| serde_json::from_str::<serde_json::Value>(l).is_err()),
        "one JSON line only: {r:?}"
    );
    value
}

#[test]
fn json_usage_errors_come_from_clap_wherever_json_is() {
    for (args, kind) in [
        (&["--json", "frobnicate"][..], "invalid_subcommand"),
        (&["get", "--json"], "missing_required_argument"),
        (&["url", "--client-id", "x", "--json"], "value_validation"),
        (
            &["--json", "url", "--client-id", "1", "--bearer"],
            "unknown_argument",
        ),
        (
            &["prune", "--guild", "1", "--json"],
            "missing_required_argument",
        ),
        (
            &["list", "--json", "--guild", "1", "--channel", "2"],
            "argument_conflict",
        ),
    ] {
        let r = invite(args).run();
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert_eq!(r.stdout, "", "{args:?}");
        // clap's own message first, as without --json.
        assert!(r.stderr.starts_with("error: "), "{args:?}: {r:?}");
        let v = error_object(&r);
        assert_eq!(v["error"], "usage", "{args:?}: {v}");
        assert_eq!(v["kind"], kind, "{args:?}: {v}");
        let message = v["message"].as_str().unwrap();
        assert!(
            !message.is_empty() && !message.starts_with("error:") && !message.contains('\n'),
            "{message:?}"
        );
        assert!(r.stderr.contains(message), "{message:?} not in {r:?}");
    }
    let r = invite(&["get", "--json"]).run();
    assert_eq!(
        error_object(&r)["message"],
        "the following required arguments were not provided: <CODE_OR_LINK>"
    );
    // Without --json (or with it after `--`, where it is a file name), no object.
    let r = invite(&["frobnicate"]).run();
    assert_eq!(r.code, 2, "{r:?}");
    assert!(!r.stderr.contains("{\""), "{r:?}");
    let r = invite(&["decode", "--", "--json"]).run();
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stderr.starts_with("error: cannot read --json: "), "{r:?}");
    assert!(!r.stderr.contains("{\""), "{r:?}");
    // Help and version are not errors.
    let r = invite(&["--json", "--help"]).run();
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{r:?}");
    // Our own usage errors too.
    let r = invite(&[
        "--json",
        "--base-url",
        "http://api.example.com/v10",
        "get",
        "abc",
    ])
    .token()
    .run();
    assert_eq!(r.code, 2, "{r:?}");
    let v = error_object(&r);
    assert_eq!(v["error"], "usage");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .starts_with("refusing to send the token in DISCORD_TOKEN over plain http"),
        "{v}"
    );
}

#[test]
fn json_errors_for_refused_input_and_api_errors() {
    let r = invite(&["--json", "get", "../users/@me"]).run();
    assert_eq!(r.code, 3, "{r:?}");
    let v = error_object(&r);
    assert_eq!(v["error"], "invalid_input");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .starts_with("\"../users/@me\" is not an invite code or link"),
        "{v}"
    );
    let r = invite(&["--json", "list", "--guild", "1"]).run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(error_object(&r)["error"], "invalid_input");
    let r = invite(&["--json", "decode"]).stdin(b"{\"code\":5}").run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(error_object(&r)["error"], "invalid_input");

    let form = r#"{"code":50035,"message":"Invalid Form Body","errors":{"max_age":{"_errors":[{"code":"NUMBER_TYPE_MAX","message":"Must be 604800 or less."}]}}}"#;
    let server = api(move |method, path, _| match (method, path) {
        ("GET", "/invites/nope1234") => Reply::json(404, UNKNOWN_INVITE),
        ("GET", "/invites/flux1234") => Reply::json(
            404,
            r#"{"code":"UNKNOWN_INVITE","message":"Unknown invite"}"#,
        ),
        ("GET", "/invites/html1234") => Reply::new(502, "<html>bad gateway</html>"),
        ("POST", "/channels/7/invites") => Reply::json(400, form),
        _ => Reply::new(599, "unexpected"),
    });
    let r = online(&server, &["--json", "get", "nope1234"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: discord api error 404 (10006): Unknown Invite\n\
         {\"error\":\"api\",\"status\":404,\"code\":10006,\"message\":\"Unknown Invite\"}\n"
    );
    let r = online(
        &server,
        &["--platform", "fluxer", "get", "flux1234", "--json"],
    )
    .run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        error_object(&r),
        serde_json::json!({"error": "api", "status": 404, "code": "UNKNOWN_INVITE", "message": "Unknown invite"})
    );
    let r = online(&server, &["--json", "get", "html1234"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    let v = error_object(&r);
    assert_eq!(
        (v["error"].as_str(), v["status"].as_u64()),
        (Some("api"), Some(502))
    );
    assert!(v["code"].is_null(), "{v}");
    let r = online(&server, &["--json", "create", "--channel", "7"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        error_object(&r),
        serde_json::json!({
            "error": "api", "status": 400, "code": 50035, "message": "Invalid Form Body",
            "errors": [{"path": "max_age", "code": "NUMBER_TYPE_MAX", "message": "Must be 604800 or less."}]
        })
    );
}

#[test]
fn json_errors_for_unusable_answers() {
    let big = vec![b' '; 8 * 1024 * 1024 + 1];
    let long = format!(
        "[{}{{\"code\":\"ab\"}}]",
        r#"{"code":"ab"},"#.repeat(10_000)
    );
    let server = api(move |method, path, _| match (method, path) {
        ("GET", "/guilds/1/invites") => Reply::new(200, "<html>oops</html>"),
        ("GET", "/guilds/2/invites") => Reply::json(200, &long),
        ("GET", "/guilds/3/invites") => Reply::new(200, big.clone()),
        ("GET", "/invites/asked123") => Reply::json(200, r#"{"code":"other123"}"#),
        _ => Reply::new(599, "unexpected"),
    });
    let r = online(&server, &["--json", "list", "--guild", "1"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    let v = error_object(&r);
    assert_eq!(v["error"], "decode", "{v}");
    assert_eq!(v["status"], 200);
    assert_eq!(v["reason"], "expected value at line 1 column 1");
    assert_eq!(v["excerpt"], "<html>oops</html>");
    assert!(
        v["message"].as_str().unwrap().starts_with("cannot decode"),
        "{v}"
    );

    let r = online(&server, &["--json", "list", "--guild", "2"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    let v = error_object(&r);
    assert_eq!(
        (
            v["error"].as_str(),
            v["status"].as_u64(),
            v["limit"].as_u64()
        ),
        (Some("list_too_long"), Some(200), Some(10_000)),
        "{v}"
    );

    let r = online(&server, &["--json", "list", "--guild", "3"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    let v = error_object(&r);
    assert_eq!(v["error"], "response_too_large", "{v}");
    assert_eq!(v["limit"], 8 * 1024 * 1024);

    let r = online(&server, &["--json", "get", "asked123"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    let v = error_object(&r);
    assert_eq!(
        (
            v["error"].as_str(),
            v["requested"].as_str(),
            v["returned"].as_str()
        ),
        (Some("invite_mismatch"), Some("asked123"), Some("other123")),
        "{v}"
    );
    assert_eq!(r.stdout, "");
}

#[test]
fn json_errors_for_rate_limits_timeouts_and_transport_name_the_host() {
    // A 429 asking for longer than the retry policy waits: the call ends at the first one.
    let server = Server::scripted(vec![
        Reply::json(
            429,
            r#"{"message":"You are being rate limited.","retry_after":120,"global":false}"#,
        )
        .header("X-RateLimit-Scope", "user"),
    ]);
    let r = online(&server, &["--json", "get", "jvuBeT38"]).run();
    assert_eq!(r.code, 5, "{r:?}");
    let v = error_object(&r);
    assert_eq!(v["error"], "rate_limited", "{v}");
    assert_eq!(v["retry_after"], 120.0);
    assert_eq!(v["global"], false);
    assert_eq!(v["scope"], "user");
    assert_eq!(v["api_message"], "You are being rate limited.");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .starts_with("rate limited on this route: retry after 120"),
        "{v}"
    );

    // A server slower than --timeout.
    let server = Server::scripted(vec![Reply::json(200, INVITE).delay(Duration::from_secs(3))]);
    let base = server.base_url();
    let r = invite(&[
        "--json",
        "get",
        "jvuBeT38",
        "--base-url",
        &base,
        "--timeout",
        "0.5",
    ])
    .token()
    .run();
    assert_eq!(r.code, 5, "{r:?}");
    assert_eq!(
        error_object(&r),
        serde_json::json!({"error": "timeout", "host": host(&server), "message": "request timed out"})
    );

    // A closed port.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let base = format!("http://127.0.0.1:{port}/api/v10");
    let r = invite(&["--json", "--base-url", &base, "get", "jvuBeT38"]).run();
    assert_eq!(r.code, 5, "{r:?}");
    let v = error_object(&r);
    let at = format!("127.0.0.1:{port}");
    assert_eq!(v["error"], "transport", "{v}");
    assert_eq!(v["kind"], "connect");
    assert_eq!(v["host"], at.as_str());
    let message = v["message"].as_str().unwrap();
    assert!(
        message.starts_with(&format!("cannot connect to {at}: ")),
        "{v}"
    );
    assert!(
        r.stderr.starts_with(&format!("error: {message}\n")),
        "{r:?}"
    );
    // --verbose names the host on its log lines (and its failure line), never the token.
    let r = invite(&["get", "jvuBeT38", "--base-url", &base, "--verbose"])
        .token()
        .run();
    assert_eq!(r.code, 5, "{r:?}");
    let logs: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("invite: "))
        .collect();
    assert!(!logs.is_empty(), "{r:?}");
    assert!(
        logs.iter()
            .all(|l| l.starts_with(&format!("invite: {at}: "))),
        "{logs:?}"
    );

    // A connection closed without an answer.
    let server = Server::scripted(vec![Reply::empty(200).mode(Mode::Close)]);
    let r = online(&server, &["--json", "create", "--channel", "1"]).run();
    assert_eq!(r.code, 5, "{r:?}");
    let v = error_object(&r);
    assert_eq!(
        (v["error"].as_str(), v["kind"].as_str(), v["host"].as_str()),
        (Some("transport"), Some("io"), Some(host(&server).as_str())),
        "{v}"
    );
}

#[test]
fn json_batch_errors_carry_the_worst_failure() {
    let server = prune_server();
    let r = online(
        &server,
        &["--json", "prune", "--guild", "42", "--older-than", "1d"],
    )
    .run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        error_object(&r),
        serde_json::json!({
            "error": "batch", "failed": 1, "total": 4, "not_attempted": 0,
            "worst": {"error": "api", "status": 403, "code": 50013, "message": "Missing Permissions"},
            "message": "1 of 4 deletions failed"
        })
    );
    // The failed line on standard output carries the same object.
    let failed: serde_json::Value = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|l| l["action"] == "failed")
        .unwrap();
    assert_eq!(
        failed["failure"],
        serde_json::json!({"error": "api", "status": 403, "code": 50013, "message": "Missing Permissions"})
    );

    let server = rate_limited_prune_server("0.01");
    let r = online(&server, &["delete", "abcd1111", "abcd2222", "--json"]).run();
    assert_eq!(r.code, 5, "{r:?}");
    let v = error_object(&r);
    assert_eq!(
        (
            v["error"].as_str(),
            v["failed"].as_u64(),
            v["total"].as_u64(),
            v["not_attempted"].as_u64()
        ),
        (Some("batch"), Some(1), Some(2), Some(1)),
        "{v}"
    );
    assert_eq!(v["worst"]["error"], "rate_limited");
    assert_eq!(v["worst"]["global"], true);
    assert_eq!(v["worst"]["scope"], "global");
}

#[test]
fn decode_reads_an_array_an_object_or_json_lines_and_its_own_output() {
    let list = std::fs::read(fixture("list_guild_invites.json")).unwrap();
    let first = invite(&["decode", "--json", &fixture("list_guild_invites.json")]).run();
    assert_eq!(first.code, 0, "{first:?}");
    assert_eq!(first.stdout.lines().count(), 3);
    // Line 2 used to fail: JSON lines are read now.
    let second = invite(&["decode", "--json"])
        .stdin(first.stdout.as_bytes())
        .run();
    assert_eq!(second.code, 0, "{second:?}");
    assert_eq!(
        second.stdout, first.stdout,
        "--json output reads back the same"
    );
    let text = invite(&["decode"]).stdin(first.stdout.as_bytes()).run();
    let from_array = invite(&["decode", "-"]).stdin(&list).run();
    assert_eq!(text.code, 0, "{text:?}");
    assert_eq!(text.stdout, from_array.stdout);
    assert_eq!(text.stdout.matches("code:").count(), 3);
    // One object, the same.
    let one = first.stdout.lines().next().unwrap();
    let r = invite(&["decode", "--json"]).stdin(one.as_bytes()).run();
    assert_eq!((r.code, r.stdout.trim_end()), (0, one), "{r:?}");
    // A bad line is named by its place; nothing is printed.
    let mut bad = first.stdout.clone();
    bad.push_str("{\"code\":[]}\n");
    let r = invite(&["decode"]).stdin(bad.as_bytes()).run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.starts_with(
            "error: standard input: invite 4 is not an invite: invalid type: sequence"
        ),
        "{r:?}"
    );
    // --help says what --json keeps.
    let r = invite(&["decode", "--help"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    for part in [
        "JSON lines",
        "fields it does not know are not kept",
        "Timestamps are normalized",
    ] {
        assert!(r.stdout.contains(part), "{part:?} in {}", r.stdout);
    }
}

#[test]
fn invite_json_carries_the_link() {
    let path = fixture("discord_invite_with_metadata.json");
    let r = invite(&["decode", "--json", &path]).run();
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim_end()).unwrap();
    assert_eq!(v["link"], "https://discord.gg/jvuBeT38");
    let r = invite(&["--platform", "fluxer", "decode", "--json"])
        .stdin(br#"{"code":"abc","type":0}"#)
        .run();
    assert_eq!(
        r.stdout,
        "{\"type\":0,\"code\":\"abc\",\"link\":\"https://fluxer.gg/abc\"}\n"
    );
    let created = r#"{"code":"new12345","type":0,"channel":{"id":"7","type":0,"name":"c"}}"#;
    let list = r#"[{"code":"aaaa1111"},{"code":"bbbb2222"}]"#;
    let server = api(move |method, path, _| match (method, path) {
        ("GET", "/invites/jvuBeT38") => Reply::json(200, INVITE),
        ("GET", "/guilds/1/invites") => Reply::json(200, list),
        ("POST", "/channels/7/invites") => Reply::json(200, created),
        _ => Reply::new(599, "unexpected"),
    });
    let link = |line: &str| {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        v["link"].as_str().unwrap().to_owned()
    };
    let r = online(&server, &["get", "jvuBeT38", "--json"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(link(r.stdout.trim_end()), "https://discord.gg/jvuBeT38");
    let r = online(&server, &["list", "--guild", "1", "--json"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    let links: Vec<String> = r.stdout.lines().map(link).collect();
    assert_eq!(
        links,
        ["https://discord.gg/aaaa1111", "https://discord.gg/bbbb2222"]
    );
    let r = online(&server, &["create", "--channel", "7", "--json"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(link(r.stdout.trim_end()), "https://discord.gg/new12345");
}

#[test]
fn subcommand_help_puts_its_options_first_and_offline_commands_offer_no_network_options() {
    let list = invite(&["list", "--help"]).run();
    assert_eq!(list.code, 0, "{list:?}");
    let h = &list.stdout;
    let (own, network, global) = (
        h.find("--guild <ID>").unwrap(),
        h.find("\nNetwork options:\n").unwrap(),
        h.find("\nGlobal options:\n").unwrap(),
    );
    assert!(own < network && network < global, "{h}");
    for option in [
        "--base-url",
        "--token-env",
        "--bearer",
        "--timeout",
        "--allow-insecure-http",
    ] {
        let at = h.find(option).unwrap_or_else(|| panic!("{option} in {h}"));
        assert!(network < at && at < global, "{option} in {h}");
    }
    assert!(h.find("--json").unwrap() > global, "{h}");
    for command in [&["url"][..], &["perms"], &["decode"], &["scan"]] {
        let mut args = command.to_vec();
        args.push("--help");
        let r = invite(&args).run();
        assert_eq!(r.code, 0, "{r:?}");
        for option in [
            "Network options",
            "--token-env",
            "--bearer",
            "--timeout",
            "--base-url",
            "--allow-insecure-http",
            "--verbose",
        ] {
            assert!(
                !r.stdout.contains(option),
                "{command:?} offers {option}: {}",
                r.stdout
            );
        }
        assert!(r.stdout.contains("Global options:"), "{}", r.stdout);
    }
    // After the command name, an offline command refuses them; before it, they are taken.
    let r = invite(&["url", "--client-id", "1", "--timeout", "3"]).run();
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("unexpected argument '--timeout'"),
        "{r:?}"
    );
    let r = invite(&["--timeout", "3", "url", "--client-id", "1"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    // `invite --help` documents the JSON errors.
    let r = invite(&["--help"]).run();
    for kind in [
        "JSON errors:",
        "rate_limited [5]",
        "transport [5]",
        "invite_mismatch [4]",
    ] {
        assert!(r.stdout.contains(kind), "{kind} in {}", r.stdout);
    }
}

#[test]
fn prune_columns_line_up_and_the_summary_goes_to_stderr() {
    let list = r#"[
        {"code":"a1","uses":0,"max_uses":0},
        {"code":"longcode1234","uses":0,"max_uses":0},
        {"code":"gone1234","uses":0,"max_uses":0},
        {"code":"bbbb2222","uses":0,"max_uses":0}
    ]"#;
    let server = api(move |method, path, _| match (method, path) {
        ("GET", "/guilds/42/invites") => Reply::json(200, list),
        ("GET", "/guilds/43/invites") => Reply::json(200, r#"[{"code":"used1234","uses":3}]"#),
        ("GET", "/guilds/44/invites") => Reply::json(200, "[]"),
        ("DELETE", "/invites/gone1234") => Reply::json(404, UNKNOWN_INVITE),
        ("DELETE", _) => Reply::empty(204),
        _ => Reply::new(599, "unexpected"),
    });
    let r = online(
        &server,
        &["prune", "--guild", "42", "--unused", "--dry-run"],
    )
    .run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout,
        "\
would delete   a1            unused
would delete   longcode1234  unused
would delete   gone1234      unused
would delete   bbbb2222      unused
"
    );
    assert_eq!(
        r.stderr,
        "prune: 4 of 4 invites of guild 42 matched; dry run, nothing deleted\n"
    );
    let r = online(&server, &["prune", "--guild", "42", "--all"]).run();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        r.stdout,
        "\
deleted        a1            all
deleted        longcode1234  all
failed         gone1234      all  discord api error 404 (10006): Unknown Invite
deleted        bbbb2222      all
"
    );
    assert_eq!(
        r.stderr,
        "prune: 4 of 4 invites of guild 42 matched\nerror: 1 of 4 deletions failed\n"
    );
    // Every label has the width of the widest, `not attempted` (see
    // `a_rate_limit_that_outlasts_the_retries_stops_the_batch`), the codes that of the widest
    // code.
    // Nothing matched: nothing on standard output, and stderr says so.
    let r = online(&server, &["prune", "--guild", "43", "--unused"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "prune: nothing matched: the 1 invite of guild 43\n"
    );
    let r = online(&server, &["prune", "--guild", "44", "--all"]).run();
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{r:?}");
    assert_eq!(
        r.stderr,
        "prune: nothing matched: guild 44 has no invites\n"
    );
    let r = online(&server, &["--json", "prune", "--guild", "43", "--unused"]).run();
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (0, "", ""),
        "{r:?}"
    );
    assert_eq!(
        deletes(&server),
        [
            "DELETE /invites/a1",
            "DELETE /invites/longcode1234",
            "DELETE /invites/gone1234",
            "DELETE /invites/bbbb2222"
        ]
    );
}

// ---- issue 11's commands with issue 12's options and errors ----

#[test]
fn new_online_commands_take_network_options_after_their_name_and_list_their_own_first() {
    for (command, own) in [
        (&["accept"][..], "--session-id <ID>"),
        (&["friend", "list"], "--help"),
        (&["friend", "create"], "--code <CODE>"),
        (&["friend", "revoke"], "--help"),
        (&["vanity", "get"], "--guild <ID>"),
        (&["vanity", "set"], "--guild <ID>"),
        (&["pause"], "--for <DURATION>"),
        (&["resume"], "--guild <ID>"),
        (&["lobby-invite"], "--lobby <ID>"),
    ] {
        let mut args = command.to_vec();
        args.push("--help");
        let r = invite(&args).run();
        assert_eq!(r.code, 0, "{r:?}");
        let h = &r.stdout;
        let (own, network, global) = (
            h.find(own).unwrap_or_else(|| panic!("{own} in {h}")),
            h.find("\nNetwork options:\n")
                .unwrap_or_else(|| panic!("{h}")),
            h.find("\nGlobal options:\n")
                .unwrap_or_else(|| panic!("{h}")),
        );
        assert!(own < network && network < global, "{command:?}: {h}");
        for option in ["--base-url", "--bearer", "--user-token", "--timeout"] {
            let at = h
                .find(&format!("\n      {option}"))
                .unwrap_or_else(|| panic!("{option} in {h}"));
            assert!(network < at && at < global, "{command:?} {option}: {h}");
        }
    }

    // --user-token and --base-url after the command name.
    let server = api(|method, path, _| match (method, path) {
        ("POST", "/invites/jvuBeT38") => Reply::json(200, INVITE),
        ("GET", "/users/@me/invites") => Reply::json(200, "[]"),
        _ => Reply::new(599, "unexpected"),
    });
    let base = server.base_url();
    let r = invite(&["accept", "jvuBeT38", "--user-token", "--base-url", &base])
        .token()
        .run();
    assert_eq!(r.code, 0, "{r:?}");
    let r = invite(&["friend", "list", "--base-url", &base, "--verbose"])
        .token()
        .run();
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "no friend invites\n"),
        "{r:?}"
    );
    // --verbose names the host.
    assert!(
        r.stderr
            .starts_with(&format!("invite: {}: ", host(&server))),
        "{r:?}"
    );
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].header("authorization"), Some(TOKEN));

    // --bearer and --user-token exclude each other wherever each is given (exit 2, nothing
    // sent), with the usage object under --json.
    for args in [
        &["accept", "jvuBeT38", "--bearer", "--user-token"][..],
        &["--bearer", "accept", "jvuBeT38", "--user-token"],
        &["--user-token", "friend", "list", "--bearer"],
    ] {
        let mut all = vec!["--json", "--base-url", &base];
        all.extend_from_slice(args);
        let r = invite(&all).token().run();
        assert_eq!(r.code, 2, "{r:?}");
        let v = error_object(&r);
        assert_eq!(
            (v["error"].as_str(), v["kind"].as_str()),
            (Some("usage"), Some("argument_conflict")),
            "{v}"
        );
    }
    assert_eq!(server.requests().len(), 2);

    // Offline, scan refuses network options after its name.
    let r = invite(&["scan", "--bearer"]).run();
    assert_eq!(r.code, 2, "{r:?}");
}

#[test]
fn new_online_commands_report_json_errors_naming_the_host() {
    // An API error.
    let server = api(|_, _, _| Reply::json(404, UNKNOWN_INVITE));
    for args in [
        &["--json", "accept", "nope1234"][..],
        &["--json", "vanity", "get", "--guild", "1"],
        &["--json", "pause", "--guild", "1", "--for", "1h"],
        &["--json", "lobby-invite", "--lobby", "1"],
        &["--json", "friend", "revoke"],
    ] {
        let r = online(&server, args).run();
        assert_eq!(r.code, 4, "{args:?}: {r:?}");
        assert_eq!(
            error_object(&r),
            serde_json::json!({"error": "api", "status": 404, "code": 10006, "message": "Unknown Invite"}),
            "{args:?}"
        );
    }
    // Refused input.
    let r = invite(&[
        "--json",
        "--platform",
        "fluxer",
        "vanity",
        "set",
        "--guild",
        "1",
        "A!",
    ])
    .token()
    .run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(error_object(&r)["error"], "invalid_input");
    // A closed port: the transport error names the host, in the line and the object.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let base = format!("http://127.0.0.1:{port}/api/v10");
    let at = format!("127.0.0.1:{port}");
    for args in [
        &["resume", "--guild", "1"][..],
        &["friend", "create"],
        &["accept", "jvuBeT38"],
    ] {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        all.extend(["--base-url", base.as_str()]);
        let r = invite(&all).token().run();
        assert_eq!(r.code, 5, "{r:?}");
        let v = error_object(&r);
        assert_eq!(
            (v["error"].as_str(), v["kind"].as_str(), v["host"].as_str()),
            (Some("transport"), Some("connect"), Some(at.as_str())),
            "{v}"
        );
        assert!(
            r.stderr
                .starts_with(&format!("error: cannot connect to {at}: ")),
            "{r:?}"
        );
    }
}

#[test]
fn scan_fail_if_found_exits_1_without_a_json_error_object() {
    // Not an error: the links are on standard output (JSON lines), the count on standard
    // error, and no JSON error object follows.
    let r = invite(&["--json", "scan", "--fail-if-found"])
        .stdin(b"see discord.gg/abc")
        .run();
    assert_eq!(r.code, 1, "{r:?}");
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim_end()).unwrap();
    assert_eq!(v["code"], "abc");
    assert_eq!(r.stderr, "error: 1 invite link found in standard input\n");
    assert!(
        r.stderr
            .lines()
            .all(|l| serde_json::from_str::<serde_json::Value>(l).is_err()),
        "{r:?}"
    );
    // Its other failures do carry one.
    let r = invite(&["--json", "scan", "--fluxer-host", "bad..host"]).run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(error_object(&r)["error"], "invalid_input");
}

// ---- issue 12: links only for valid codes, Fluxer payloads read as Discord ----

#[test]
fn decode_prints_no_link_for_an_invalid_code() {
    let input = br#"[{"code":"../x","type":0},{"code":"jvuBeT38"},{"code":"a b"},{"code":"x"}]"#;
    let r = invite(&["decode"]).stdin(input).run();
    assert_eq!(r.code, 0, "{r:?}");
    // Exactly one link, the valid code's; the others say why they have none.
    assert_eq!(r.stdout.matches("https://").count(), 1, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("code:      jvuBeT38\nlink:      https://discord.gg/jvuBeT38\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.starts_with(
            "code:      ../x\nlink:      none: the code is not a valid invite code (invalid \
             character '.' (a dot) at byte 0: invite codes contain only A-Z, a-z, 0-9 and '-')\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "code:      x\nlink:      none: the code is not a valid invite code \
                           (invite code is too short"
        ),
        "{}",
        r.stdout
    );
    // JSON: "link" is null for each invalid code, the link for the valid one.
    let r = invite(&["decode", "--json"]).stdin(input).run();
    assert_eq!(r.code, 0, "{r:?}");
    let links: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["link"].clone())
        .collect();
    assert_eq!(
        links,
        [
            serde_json::Value::Null,
            serde_json::json!("https://discord.gg/jvuBeT38"),
            serde_json::Value::Null,
            serde_json::Value::Null
        ]
    );
    assert!(
        r.stdout
            .starts_with("{\"type\":0,\"code\":\"../x\",\"link\":null}\n")
    );
    // Read back, the null link is dropped and written again as null.
    let again = invite(&["decode", "--json"])
        .stdin(r.stdout.as_bytes())
        .run();
    assert_eq!(again.stdout, r.stdout);
}

#[test]
fn commands_whose_output_is_a_link_print_none_for_an_invalid_code() {
    const BAD: &str = r#"{"type":0,"code":"../x","uses":0,"max_uses":0,"max_age":0}"#;
    let server = api(|method, path, _| match (method, path) {
        ("POST", "/channels/1/invites" | "/users/@me/invites") => Reply::json(200, BAD),
        ("GET", "/guilds/1/invites") => Reply::json(200, &format!("[{BAD}]")),
        ("GET", "/guilds/1/vanity-url") => Reply::json(200, r#"{"code":"../x","uses":4}"#),
        _ => Reply::new(599, "unexpected"),
    });
    // create and friend create print only the link: exit 4 instead, naming the code.
    for args in [
        &["create", "--channel", "1"][..],
        &["--user-token", "friend", "create"],
    ] {
        let r = online(&server, args).run();
        assert_eq!(r.code, 4, "{args:?}: {r:?}");
        assert_eq!(r.stdout, "", "{args:?}");
        assert!(
            r.stderr.starts_with(
                "error: the API returned an invite whose code \"../x\" is not a valid invite code"
            ),
            "{r:?}"
        );
        assert!(!r.stderr.contains("https://"), "{r:?}");
        let mut json = vec!["--json"];
        json.extend_from_slice(args);
        // With --json the invite is printed with a null link.
        let r = online(&server, &json).run();
        assert_eq!(r.code, 0, "{json:?}: {r:?}");
        let v: serde_json::Value = serde_json::from_str(r.stdout.trim_end()).unwrap();
        assert_eq!(v["link"], serde_json::Value::Null, "{json:?}");
    }
    let r = online(&server, &["--json", "list", "--guild", "1"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("\"link\":null"), "{r:?}");
    let r = online(&server, &["vanity", "get", "--guild", "1"]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout
            .starts_with("code:  ../x\nlink:  none: the code is not a valid invite code ("),
        "{r:?}"
    );
    assert!(!r.stdout.contains("https://"), "{r:?}");
}

#[test]
fn a_fluxer_payload_decoded_as_discord_warns_once_naming_its_fields() {
    let guild = std::fs::read(fixture("fluxer_guild_invite.json")).unwrap();
    let r = invite(&["decode", &fixture("fluxer_guild_invite.json")]).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stderr,
        format!(
            "warning: {} has fields only Fluxer sends (member_count, presence_count, \
             guild.splash_width, guild.splash_height, guild.splash_card_alignment, \
             inviter.avatar_color) but is read with --platform discord (type 2 then means FRIEND, \
             not EMOJI_PACK); give --platform fluxer if it is Fluxer's\n",
            fixture("fluxer_guild_invite.json")
        )
    );
    // Still decoded (the warning does not change the output or the exit code).
    assert!(r.stdout.starts_with("code:      Xk3pQ9aZ\n"), "{r:?}");

    // A pack invite (type 2): FRIEND when read as Discord, so the warning matters most.
    let pack = br#"{"code":"eMoJ1Pak","type":2,"pack":{"id":"1432000000000000500"}}"#;
    let mut lines = pack.to_vec();
    lines.push(b'\n');
    lines.extend_from_slice(pack);
    lines.push(b'\n');
    lines.extend_from_slice(br#"{"code":"gDm7Lm2Q","type":1,"member_count":2}"#);
    let r = invite(&["decode", "--json"]).stdin(&lines).run();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout.lines().count(), 3, "{r:?}");
    // One line for the whole input, each field once.
    assert_eq!(r.stderr.lines().count(), 1, "{r:?}");
    assert!(
        r.stderr.starts_with(
            "warning: standard input has fields only Fluxer sends (pack, member_count) but"
        ),
        "{r:?}"
    );
    let r = invite(&["decode"]).stdin(pack).run();
    assert!(r.stdout.contains("type:      FRIEND (2)\n"), "{r:?}");
    assert_eq!(r.stderr.lines().count(), 1, "{r:?}");

    // With --platform fluxer there is nothing to warn about.
    for input in [&guild[..], &lines] {
        let r = invite(&["--platform", "fluxer", "decode"])
            .stdin(input)
            .run();
        assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{r:?}");
    }
    let r = invite(&["--platform", "fluxer", "decode"])
        .stdin(pack)
        .run();
    assert!(r.stdout.contains("type:      EMOJI_PACK (2)\n"), "{r:?}");
    // Discord payloads, Fluxer-like only in their Discord fields, get no warning.
    for name in [
        "discord_invite_with_metadata.json",
        "discord_friend_invite.json",
        "list_guild_invites.json",
    ] {
        let r = invite(&["decode", &fixture(name)]).run();
        assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{name}: {r:?}");
    }
    // Input that does not decode warns of nothing: every invite is read before any output.
    let r = invite(&["--json", "decode"])
        .stdin(br#"{"code":"ab","member_count":1} {"code":1}"#)
        .run();
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(error_object(&r)["error"], "invalid_input");
    assert!(!r.stderr.contains("warning"), "{r:?}");
}

// ---- issue 13's batches with issue 12's report and errors ----

#[test]
fn batch_commands_list_concurrency_with_their_own_options() {
    for (command, own) in [
        (
            &["delete"][..],
            &["--reason <TEXT>", "--concurrency <N>"][..],
        ),
        (&["prune"], &["--dry-run", "--concurrency <N>"]),
        (
            &["create"],
            &[
                "--channel <ID>",
                "--count <N>",
                "--csv",
                "--concurrency <N>",
            ],
        ),
    ] {
        for help in ["--help", "-h"] {
            let mut args = command.to_vec();
            args.push(help);
            let r = invite(&args).run();
            assert_eq!(r.code, 0, "{r:?}");
            let h = &r.stdout;
            let options = h.find("\nOptions:\n").unwrap_or_else(|| panic!("{h}"));
            let network = h
                .find("\nNetwork options:\n")
                .unwrap_or_else(|| panic!("{h}"));
            for option in own {
                let at = h
                    .find(&format!("      {option}"))
                    .unwrap_or_else(|| panic!("{option} in {h}"));
                assert!(options < at && at < network, "{command:?} {option}: {h}");
            }
        }
    }
    // Offline and single-request commands do not take it.
    for args in [
        &["get", "abc", "--concurrency", "2"][..],
        &["scan", "--concurrency", "2"],
    ] {
        let r = invite(args).run();
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
    }
    for value in ["0", "17"] {
        let r = invite(&["--json", "delete", "abc", "--concurrency", value]).run();
        assert_eq!(r.code, 2, "{r:?}");
        assert_eq!(error_object(&r)["kind"], "value_validation", "{r:?}");
    }
}

/// A guild of `n` invites of varied code lengths whose DELETEs finish out of order (the
/// earlier, the slower) under a roomy bucket; `inv3xxx` is refused.
fn parallel_prune_server(n: usize) -> Server {
    let code = |i: usize| format!("inv{i}{}", "x".repeat(i % 4));
    let list = format!(
        "[{}]",
        (0..n)
            .map(|i| format!(r#"{{"code":"{}","uses":0}}"#, code(i)))
            .collect::<Vec<_>>()
            .join(",")
    );
    api(move |method, path, _| {
        if (method, path) == ("GET", "/guilds/42/invites") {
            return Reply::json(200, &list);
        }
        let Some(code) = path
            .strip_prefix("/invites/")
            .filter(|_| method == "DELETE")
        else {
            return Reply::new(599, "unexpected");
        };
        let i: u64 = code[3..].trim_end_matches('x').parse().unwrap_or(0);
        let reply = if code == "inv3xxx" {
            Reply::json(403, r#"{"message": "Missing Permissions", "code": 50013}"#)
        } else {
            Reply::json(200, &format!(r#"{{"code":"{code}"}}"#))
        };
        reply
            .header("X-RateLimit-Limit", "50")
            .header("X-RateLimit-Remaining", "49")
            .header("X-RateLimit-Reset-After", "60")
            .header("X-RateLimit-Bucket", "delete")
            .delay(Duration::from_millis(5 * (12 - i.min(12))))
    })
}

#[test]
fn parallel_prune_reports_aligned_columns_in_order_and_the_failure_object() {
    let server = parallel_prune_server(12);
    let r = online(
        &server,
        &["prune", "--guild", "42", "--all", "--concurrency", "6"],
    )
    .run();
    assert_eq!(r.code, 4, "{r:?}");
    let mut expected = String::new();
    for i in 0..12 {
        let code = format!("inv{i}{}", "x".repeat(i % 4));
        let line = if i == 3 {
            format!(
                "failed         {code:<8}  all  discord api error 403 (50013): Missing Permissions"
            )
        } else {
            format!("deleted        {code:<8}  all")
        };
        expected.push_str(line.trim_end());
        expected.push('\n');
    }
    assert_eq!(r.stdout, expected);
    assert_eq!(
        r.stderr,
        "prune: 12 of 12 invites of guild 42 matched\nerror: 1 of 12 deletions failed\n"
    );

    let r = online(
        &server,
        &[
            "--json",
            "prune",
            "--guild",
            "42",
            "--all",
            "--concurrency",
            "6",
        ],
    )
    .run();
    assert_eq!(r.code, 4, "{r:?}");
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 12, "{r:?}");
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(
            line["code"],
            format!("inv{i}{}", "x".repeat(i % 4)),
            "{line}"
        );
        if i == 3 {
            assert_eq!(line["action"], "failed", "{line}");
            assert_eq!(
                line["failure"],
                serde_json::json!({"error": "api", "status": 403, "code": 50013,
                    "message": "Missing Permissions"})
            );
        } else {
            assert_eq!(line["action"], "deleted", "{line}");
            assert!(line.get("failure").is_none(), "{line}");
        }
    }
    let v = error_object(&r);
    assert_eq!(
        (&v["error"], &v["failed"], &v["total"], &v["worst"]["code"]),
        (
            &serde_json::json!("batch"),
            &serde_json::json!(1),
            &serde_json::json!(12),
            &serde_json::json!(50013)
        ),
        "{v}"
    );
}

/// A channel whose creations answer, in turn, with `replies` (then 599).
fn create_server(replies: Vec<Reply>) -> Server {
    let replies = std::sync::Mutex::new(replies.into_iter());
    api(move |method, path, _| {
        if (method, path) != ("POST", "/channels/7/invites") {
            return Reply::new(599, "unexpected");
        }
        replies
            .lock()
            .unwrap()
            .next()
            .unwrap_or_else(|| Reply::new(599, "unexpected"))
    })
}

fn made(n: usize) -> Reply {
    Reply::json(200, &format!(r#"{{"code":"made{n:04}","max_age":0}}"#))
}

#[test]
fn create_count_reports_a_failure_as_a_batch_error_object() {
    let refused = || Reply::json(403, r#"{"message": "Missing Permissions", "code": 50013}"#);
    let server = create_server(vec![made(1), made(2), refused()]);
    let args = [
        "--json",
        "create",
        "--channel",
        "7",
        "--count",
        "5",
        "--concurrency",
        "1",
    ];
    let r = online(&server, &args).run();
    assert_eq!(r.code, 4, "{r:?}");
    // Standard output: the invites made, with their links.
    let links: Vec<String> = r
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["link"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        links,
        ["https://discord.gg/made0001", "https://discord.gg/made0002"]
    );
    // Standard error: the failure with its number, the error line, then the batch object.
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(
        lines[..2],
        [
            "failed to create invite 3 of 5: discord api error 403 (50013): Missing Permissions",
            "error: 2 of 5 invites created; stopped at a failure, 2 not attempted",
        ],
        "{r:?}"
    );
    assert_eq!(
        error_object(&r),
        serde_json::json!({
            "error": "batch", "failed": 1, "total": 5, "not_attempted": 2,
            "worst": {"error": "api", "status": 403, "code": 50013,
                "message": "Missing Permissions"},
            "message": "2 of 5 invites created; stopped at a failure, 2 not attempted"
        })
    );
    assert_eq!(requests(&server).len(), 3, "nothing sent after the failure");

    // A broken connection: exit 5, the host named on the failure's line and in `worst`.
    let server = create_server(vec![made(1), Reply::empty(200).mode(Mode::Close)]);
    let r = online(&server, &args).run();
    assert_eq!(r.code, 5, "{r:?}");
    assert_eq!(r.stdout.lines().count(), 1, "{r:?}");
    let at = host(&server);
    assert!(
        r.stderr.starts_with(&format!(
            "failed to create invite 2 of 5: connection to {at} failed: "
        )),
        "{r:?}"
    );
    let v = error_object(&r);
    assert_eq!(
        (&v["error"], &v["not_attempted"], &v["worst"]["error"]),
        (
            &serde_json::json!("batch"),
            &serde_json::json!(3),
            &serde_json::json!("transport")
        ),
        "{v}"
    );
    assert_eq!(v["worst"]["host"], serde_json::json!(at), "{v}");

    // 204, invites disabled: the first creation fails, the rest are not attempted (the
    // default concurrency sends the first alone).
    let server = create_server(vec![Reply::empty(204)]);
    let r = online(
        &server,
        &["create", "--channel", "7", "--count", "3", "--json"],
    )
    .run();
    assert_eq!((r.code, r.stdout.as_str()), (4, ""), "{r:?}");
    let v = error_object(&r);
    assert_eq!(v["worst"]["status"], 204, "{v}");
    assert_eq!(v["not_attempted"], 2, "{v}");
    assert_eq!(requests(&server).len(), 1);
}

#[test]
fn create_count_prints_links_and_csv_only_for_valid_codes() {
    let bad = || Reply::json(200, r#"{"code":"../x","max_age":0}"#);
    // Text and CSV print the link: a code that is not valid is a failure (exit 4).
    for (extra, stdout) in [
        (&[][..], "https://discord.gg/made0001\n"),
        (
            &["--csv"],
            "code,link,expires_at,max_age,max_uses,temporary\n\
             made0001,https://discord.gg/made0001,,0,,\n",
        ),
    ] {
        let server = create_server(vec![made(1), bad()]);
        let mut args = vec![
            "create",
            "--channel",
            "7",
            "--count",
            "3",
            "--concurrency",
            "1",
        ];
        args.extend_from_slice(extra);
        let r = online(&server, &args).run();
        assert_eq!((r.code, r.stdout.as_str()), (4, stdout), "{extra:?}: {r:?}");
        assert!(
            r.stderr.starts_with(
                "failed to create invite 2 of 3: the API returned an invite whose code \"../x\" \
                 is not a valid invite code"
            ),
            "{r:?}"
        );
        assert!(
            r.stderr.ends_with(
                "error: 1 of 3 invites created; stopped at a failure, 1 not attempted\n"
            ),
            "{r:?}"
        );
    }
    // JSON carries it with a null link, as `create --json` does.
    let server = create_server(vec![made(1), bad()]);
    let r = online(
        &server,
        &["--json", "create", "--channel", "7", "--count", "2"],
    )
    .run();
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{r:?}");
    let links: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["link"].clone())
        .collect();
    assert_eq!(
        links,
        [
            serde_json::json!("https://discord.gg/made0001"),
            serde_json::Value::Null
        ]
    );
    // --csv with --json: a usage error object, before anything is sent.
    let server = create_server(Vec::new());
    let r = online(&server, &["--json", "create", "--channel", "7", "--csv"]).run();
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(error_object(&r)["error"], "usage");
    assert!(requests(&server).is_empty());
}
