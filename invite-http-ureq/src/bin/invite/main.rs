//! `invite`: a command-line tool for Discord and Fluxer invites, for people and sync scripts.
//!
//! ```text
//! invite url --client-id 123456789012345678 administrator sendmessages   # offline
//! invite perms administrator "Manage Server" 2048 --json                 # offline
//! invite decode invites.json                                             # offline
//! invite get discord-developers --with-counts
//! invite list --guild 197038439483310086 --json
//! invite create --channel 165176875973476352 --max-age 3600 --max-uses 10
//! invite create --channel 165176875973476352 --count 50 --csv
//! invite delete jvuBeT38 --reason "spam"
//! invite target-users get|set|status CODE [FILE.csv]
//! invite prune --guild 197038439483310086 --expired --unused --dry-run
//! invite scan messages.txt --json --unique                                # offline
//! invite pause --guild 197038439483310086 --for 2h
//! invite vanity get --guild 197038439483310086
//! invite track --replay recording.jsonl --json                          # offline
//! invite watch --guild 197038439483310086 --interval 30s --count 10
//! ```
//!
//! The token comes from `DISCORD_TOKEN` (or the variable named by `--token-env`), never from
//! the command line, and is never printed. Exit codes: 0 success, 2 usage error, 3 invalid
//! input (refused before any request), 4 API error, 5 network, timeout or rate limit; `scan
//! --fail-if-found` exits 1 when it found a link (not an error: no JSON error object). With
//! `--json`, a failure also prints one JSON object as the last line of standard error
//! ([`failure::Detail`]).
//!
//! A new command plugs in like this: its arguments in `args.rs` (an online command flattens
//! `#[command(flatten)] network: NetworkArgs` and returns it from `Command::network`, so its
//! help lists the network options under their heading and offline commands never offer them);
//! its arm in [`run`]; its errors as a [`Failure`] (`session.check(result)` for client calls,
//! `Failure::Input(..)` for refused input). `main` prints the `error:` line and the JSON object
//! and names the host in transport errors.
//!
//! Built only with the `cli` feature:
//! `cargo run --release -p invite-http-ureq --features cli -- --help`.

mod args;
mod batch;
mod commands;
mod duration;
mod failure;
mod io;
mod offline;
mod online;
mod output;
mod prune;
mod scan;
mod session;
mod track;
mod watch;

use std::ffi::OsString;
use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use crate::args::{Cli, Command};
use crate::failure::Failure;
use crate::io::Io;
use crate::session::Session;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let (mut stdout, mut stderr) = (std::io::stdout(), std::io::stderr());
    let err_is_terminal = stderr.is_terminal();
    let mut io = Io::new(&mut stdout, &mut stderr, err_is_terminal);
    // Usage errors print clap's message and exit 2 (with `--json`, also their JSON object);
    // `--help` and `--version` exit 0.
    let cli = match Cli::parse_args(&args) {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error, json_requested(&args), &mut io),
    };
    let env = |name: &str| std::env::var_os(name);
    let session = Session::new(&cli, &env);
    io.set_redactor(session.redactor());
    match run(&cli, &session, &mut std::io::stdin(), &mut io) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            // Every command's failure names the API's host if it is a network one.
            report(&failure.locate(session.host()), session.json, &mut io)
        }
    }
}

/// Whether `--json` is on the command line (anywhere before a `--`): known before clap has
/// parsed it, so that clap's errors can be reported as JSON too.
fn json_requested(args: &[OsString]) -> bool {
    args.iter()
        .skip(1)
        .take_while(|a| *a != "--")
        .any(|a| a == "--json")
}

/// Reports a failure on standard error: the `error:` line, then, with `--json`, its JSON
/// object as the last line (none for `scan --fail-if-found`'s exit 1, which is not an error);
/// returns its exit code.
fn report(failure: &Failure, json: bool, io: &mut Io<'_>) -> ExitCode {
    io.err(&format!("error: {failure}"));
    if json && let Some(object) = failure.json() {
        io.err_json(&object);
    }
    ExitCode::from(failure.exit_code())
}

/// What clap could not parse (or `--help`, `--version`): clap's own text as clap prints it,
/// then, for an error with `--json`, the `usage` object.
fn usage_error(error: &clap::Error, json: bool, io: &mut Io<'_>) -> ExitCode {
    // A closed pipe is ignored, as for all output.
    let _ = error.print();
    if json
        && error.use_stderr()
        && let Some(object) = Failure::from_clap(error).json()
    {
        io.err_json(&object);
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}

/// Runs one command with the options and token of `session`: input through `stdin`, output
/// through `io`.
fn run(cli: &Cli, session: &Session, stdin: &mut dyn Read, io: &mut Io<'_>) -> Result<(), Failure> {
    match &cli.command {
        Command::Url(args) => offline::url(args, session.platform, session.json, io),
        Command::Perms(args) => offline::perms(args, session.platform, session.json, io),
        Command::Decode(args) => offline::decode(args, session.platform, session.json, stdin, io),
        Command::Get(args) => online::get(args, session, io),
        Command::List(args) => online::list(args, session, io),
        Command::Create(args) => online::create(args, session, stdin, io),
        Command::Delete(args) => online::delete(args, session, io),
        Command::TargetUsers(command) => online::target_users(command, session, stdin, io),
        Command::Prune(args) => online::prune(args, session, online::now(), io),
        Command::Scan(args) => scan::scan(args, session.json, stdin, io),
        Command::Accept(args) => commands::accept(args, session, io),
        Command::Friend(command) => commands::friend(command, session, io),
        Command::Vanity(command) => commands::vanity(command, session, io),
        Command::Pause(args) => commands::pause(args, session, online::now(), io),
        Command::Resume(args) => commands::resume(args, session, online::now(), io),
        Command::LobbyInvite(args) => commands::lobby_invite(args, session, io),
        Command::Track(args) => track::track(args, session.json, stdin, io),
        Command::Watch(args) => watch::watch(args, session, io),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn json_is_found_anywhere_before_a_double_dash() {
        assert!(json_requested(&args(&["invite", "--json", "frob"])));
        assert!(json_requested(&args(&["invite", "get", "x", "--json"])));
        assert!(!json_requested(&args(&[
            "invite", "delete", "--", "--json"
        ])));
        assert!(!json_requested(&args(&["invite", "--jsonx", "get"])));
        // The program's own name is not an argument.
        assert!(!json_requested(&args(&["--json"])));
    }

    #[test]
    fn a_failure_prints_its_line_then_its_object() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut io = Io::new(&mut out, &mut err, false);
        let failure = Failure::Input("bad \u{1b} code".into());
        assert_eq!(report(&failure, true, &mut io), ExitCode::from(3));
        assert_eq!(report(&failure, false, &mut io), ExitCode::from(3));
        drop(io);
        assert!(out.is_empty());
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "error: bad \\u{1b} code\n\
             {\"error\":\"invalid_input\",\"message\":\"bad \\u001b code\"}\n\
             error: bad \\u{1b} code\n"
        );
    }

    #[test]
    fn found_prints_its_line_but_no_object() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut io = Io::new(&mut out, &mut err, false);
        let found = Failure::Found("1 invite link found in standard input".into());
        assert_eq!(report(&found, true, &mut io), ExitCode::from(1));
        drop(io);
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "error: 1 invite link found in standard input\n"
        );
    }
}
