//! `invite`: a command-line tool for Discord and Fluxer invites, for people and sync scripts.
//!
//! ```text
//! invite url --client-id 123456789012345678 administrator sendmessages   # offline
//! invite perms administrator "Manage Server" 2048 --json                 # offline
//! invite decode invites.json                                             # offline
//! invite get discord-developers --with-counts
//! invite list --guild 197038439483310086 --json
//! invite create --channel 165176875973476352 --max-age 3600 --max-uses 10
//! invite delete jvuBeT38 --reason "spam"
//! invite target-users get|set|status CODE [FILE.csv]
//! invite prune --guild 197038439483310086 --expired --unused --dry-run
//! invite track --replay recording.jsonl --json                          # offline
//! invite watch --guild 197038439483310086 --interval 30s --count 10
//! ```
//!
//! The token comes from `DISCORD_TOKEN` (or the variable named by `--token-env`), never from
//! the command line, and is never printed. Exit codes: 0 success, 2 usage error, 3 invalid
//! input (refused before any request), 4 API error, 5 network, timeout or rate limit.
//!
//! Built only with the `cli` feature:
//! `cargo run --release -p invite-http-ureq --features cli -- --help`.

mod args;
mod duration;
mod failure;
mod io;
mod offline;
mod online;
mod output;
mod prune;
mod session;
mod track;
mod watch;

use std::ffi::OsString;
use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};
use crate::failure::Failure;
use crate::io::Io;
use crate::session::Session;

fn main() -> ExitCode {
    // Usage errors print clap's message and exit 2; `--help` and `--version` exit 0.
    let cli = Cli::parse();
    let (mut stdout, mut stderr) = (std::io::stdout(), std::io::stderr());
    let err_is_terminal = stderr.is_terminal();
    let mut io = Io::new(&mut stdout, &mut stderr, err_is_terminal);
    let env = |name: &str| std::env::var_os(name);
    match run(&cli, &env, &mut std::io::stdin(), &mut io) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            io.err(&format!("error: {failure}"));
            ExitCode::from(failure.exit_code())
        }
    }
}

/// Runs one command: reads the token variable through `env`, input through `stdin`, writes
/// through `io`.
fn run(
    cli: &Cli,
    env: &dyn Fn(&str) -> Option<OsString>,
    stdin: &mut dyn Read,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    let session = Session::new(&cli.global, env);
    io.set_redactor(session.redactor());
    match &cli.command {
        Command::Url(args) => offline::url(args, session.platform, session.json, io),
        Command::Perms(args) => offline::perms(args, session.platform, session.json, io),
        Command::Decode(args) => offline::decode(args, session.platform, session.json, stdin, io),
        Command::Get(args) => online::get(args, &session, io),
        Command::List(args) => online::list(args, &session, io),
        Command::Create(args) => online::create(args, &session, stdin, io),
        Command::Delete(args) => online::delete(args, &session, io),
        Command::TargetUsers(command) => online::target_users(command, &session, stdin, io),
        Command::Prune(args) => online::prune(args, &session, online::now(), io),
        Command::Track(args) => track::track(args, session.json, stdin, io),
        Command::Watch(args) => watch::watch(args, &session, io),
    }
}
