//! `invite scan [FILE]`: every invite link in a text, for moderation scripts and pre-commit
//! hooks (offline).
//!
//! The input is read in pieces cut after a byte no link can cross
//! (`invite_model::scan::is_link_boundary`: whitespace, controls, `(`, `[`, `{`, `<`), so
//! memory stays bounded by [`MAX_RUN`] whatever the input's size; bytes that are not UTF-8 end
//! a link like any other non-link byte, and offsets are those of the input's bytes.

use std::collections::HashSet;
use std::io::Read;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use invite_model::scan::is_link_boundary;
use invite_model::{
    ExtraHost, FoundLink, InviteCode, InvitePath, Platform, ScanOptions, Snowflake,
};
use serde::Serialize;

use crate::failure::Failure;
use crate::io::Io;
use crate::output::json_line;

/// The longest run of input without a boundary byte that is accepted: 16 MiB.
pub(crate) const MAX_RUN: usize = 16 << 20;

/// How much is read at a time.
const READ_SIZE: usize = 64 << 10;

/// `invite scan`.
#[derive(Debug, Args)]
pub(crate) struct ScanArgs {
    /// The text file; `-` or nothing reads standard input
    #[arg(value_name = "FILE")]
    pub(crate) file: Option<PathBuf>,
    /// Print each (platform, code) once, where it first appears
    #[arg(long)]
    pub(crate) unique: bool,
    /// Exit 1 when a link was found (for pre-commit hooks and CI); otherwise scan exits 0
    /// either way
    #[arg(long)]
    pub(crate) fail_if_found: bool,
    /// Look only for this platform's links [default: both]
    #[arg(long, value_enum, value_name = "PLATFORM")]
    pub(crate) only: Option<OnlyArg>,
    /// Also look for this self-hosted Fluxer web app host (HOST/invite/CODE and
    /// HOST/#/invite/CODE), repeatable
    #[arg(long = "fluxer-host", value_name = "HOST")]
    pub(crate) fluxer_hosts: Vec<String>,
    /// Also look for this self-hosted Fluxer short-link host (HOST/CODE), repeatable
    #[arg(long = "fluxer-short-host", value_name = "HOST")]
    pub(crate) fluxer_short_hosts: Vec<String>,
}

/// `--only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OnlyArg {
    /// Discord's hosts.
    Discord,
    /// Fluxer's hosts (and --fluxer-host ones).
    Fluxer,
}

/// One link as `--json` prints it.
#[derive(Serialize)]
struct JsonLink<'a> {
    platform: &'a str,
    code: &'a str,
    start: usize,
    end: usize,
    event: Option<Snowflake>,
}

/// Writes the links as they are found, keeping the first of each (platform, code) with
/// `--unique`.
struct Printer<'a, 'io> {
    io: &'a mut Io<'io>,
    json: bool,
    unique: Option<HashSet<(Platform, InviteCode)>>,
    found: usize,
}

impl Printer<'_, '_> {
    fn print(&mut self, base: usize, link: &FoundLink<'_>) {
        if let Some(seen) = &mut self.unique
            && !seen.insert((link.platform, link.code.clone()))
        {
            return;
        }
        self.found += 1;
        if self.json {
            self.io.json(&json_line(&JsonLink {
                platform: link.platform.name(),
                code: link.code.as_str(),
                start: base + link.start,
                end: base + link.end,
                event: link.event_id,
            }));
        } else {
            self.io
                .out(&format!("{} {}", link.platform.name(), link.code));
        }
    }
}

/// Scans `bytes`, which start at byte `base` of the input: each valid UTF-8 stretch on its own.
fn scan_piece(bytes: &[u8], base: usize, options: &ScanOptions<'_>, printer: &mut Printer<'_, '_>) {
    let mut at = base;
    for chunk in bytes.utf8_chunks() {
        for link in options.scan(chunk.valid()) {
            printer.print(at, &link);
        }
        at += chunk.valid().len() + chunk.invalid().len();
    }
}

/// `invite scan`.
pub(crate) fn scan(
    args: &ScanArgs,
    json: bool,
    stdin: &mut dyn Read,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    let mut hosts = Vec::new();
    for (names, path) in [
        (&args.fluxer_hosts, InvitePath::InviteOrHashInvite),
        (&args.fluxer_short_hosts, InvitePath::Code),
    ] {
        for name in names {
            let host = ExtraHost::new(Platform::Fluxer, name, path)
                .map_err(|e| Failure::Input(e.to_string()))?;
            hosts.push(host);
        }
    }
    let mut options = match args.only {
        None => ScanOptions::new(),
        Some(OnlyArg::Discord) => ScanOptions::only(Platform::Discord),
        Some(OnlyArg::Fluxer) => ScanOptions::only(Platform::Fluxer),
    };
    options = options.extra_hosts(&hosts);

    let (name, mut file);
    let reader: &mut dyn Read = match args.file.as_deref() {
        None => {
            name = "standard input".to_owned();
            stdin
        }
        Some(path) if path.as_os_str() == "-" => {
            name = "standard input".to_owned();
            stdin
        }
        Some(path) => {
            name = path.display().to_string();
            file = std::fs::File::open(path)
                .map_err(|e| Failure::Input(format!("cannot read {name}: {e}")))?;
            &mut file
        }
    };

    let mut printer = Printer {
        io,
        json,
        unique: args.unique.then(HashSet::new),
        found: 0,
    };
    let mut buf: Vec<u8> = Vec::new();
    // Offset of `buf[0]` in the input.
    let mut base = 0usize;
    let mut block = vec![0u8; READ_SIZE];
    loop {
        let n = match reader.read(&mut block) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Failure::Input(format!("cannot read {name}: {e}"))),
        };
        let old_len = buf.len();
        buf.extend_from_slice(&block[..n]);
        // Scan up to the last boundary byte; keep the rest for the next read.
        if let Some(cut) = buf[old_len..].iter().rposition(|&b| is_link_boundary(b)) {
            let cut = old_len + cut + 1;
            scan_piece(&buf[..cut], base, &options, &mut printer);
            base += cut;
            buf.drain(..cut);
        } else if buf.len() > MAX_RUN {
            return Err(Failure::Input(format!(
                "{name}: more than {} MiB without a space, line break or bracket; cannot scan it \
                 in bounded memory",
                MAX_RUN >> 20
            )));
        }
    }
    scan_piece(&buf, base, &options, &mut printer);

    if args.fail_if_found && printer.found > 0 {
        let n = printer.found;
        return Err(Failure::Found(format!(
            "{n} invite link{} found in {name}",
            if n == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &ScanArgs, json: bool, input: &[u8]) -> (Result<(), Failure>, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut io = Io::new(&mut out, &mut err, false);
        let mut stdin = input;
        let result = scan(args, json, &mut stdin, &mut io);
        drop(io);
        (result, String::from_utf8(out).unwrap())
    }

    fn args() -> ScanArgs {
        ScanArgs {
            file: None,
            unique: false,
            fail_if_found: false,
            only: None,
            fluxer_hosts: Vec::new(),
            fluxer_short_hosts: Vec::new(),
        }
    }

    #[test]
    fn offsets_survive_pieces_and_invalid_utf8() {
        // Links after more than one read's worth of text, and after bytes that are not UTF-8.
        let mut input = vec![b'x'; READ_SIZE - 3];
        input.extend_from_slice(b" \xff\xfediscord.gg/abc\xc3 (fluxer.gg/x-1?event=7)");
        let (result, out) = run(&args(), true, &input);
        result.unwrap();
        let start = READ_SIZE - 3 + 3;
        assert_eq!(
            out,
            format!(
                "{{\"platform\":\"discord\",\"code\":\"abc\",\"start\":{start},\"end\":{},\"event\":null}}\n\
                 {{\"platform\":\"fluxer\",\"code\":\"x-1\",\"start\":{},\"end\":{},\"event\":\"7\"}}\n",
                start + 14,
                start + 17,
                start + 30
            )
        );
        assert_eq!(&input[start..start + 14], b"discord.gg/abc");
        assert_eq!(&input[start + 17..start + 30], b"fluxer.gg/x-1");
    }

    #[test]
    fn a_long_run_without_a_boundary_is_refused() {
        let input = vec![b'a'; MAX_RUN + READ_SIZE + 1];
        let (result, _) = run(&args(), false, &input);
        assert_eq!(result.unwrap_err().exit_code(), 3);
        // A run just under the limit is scanned.
        let mut input = vec![b'a'; MAX_RUN - 20];
        input.extend_from_slice(b" discord.gg/ok");
        let (result, out) = run(&args(), false, &input);
        result.unwrap();
        assert_eq!(out, "discord ok\n");
    }
}
