//! Decodes an invite (or a JSON list of invites) and prints a readable summary of each.
//!
//! ```text
//! cargo run -p invite-model --example decode -- [--platform discord|fluxer] <file.json | ->
//! ```
//!
//! `-` reads standard input. Errors go to standard error with a non-zero exit status (1 for bad
//! input, 2 for bad arguments).

use std::fmt::Write as _;
use std::io::Read;
use std::process::ExitCode;

use invite_model::{Invite, Platform};

const USAGE: &str = "usage: decode [--platform discord|fluxer] <file.json | ->";

/// Why the example stopped.
#[derive(Debug, PartialEq, Eq)]
enum Failure {
    /// Bad command-line arguments.
    Usage(String),
    /// The input could not be read or decoded.
    Input(String),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args, std::io::stdin()) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(msg)) => {
            eprintln!("decode: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(msg)) => {
            eprintln!("decode: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// Parses the arguments, reads the input and returns the text to print.
fn run(args: &[String], stdin: impl Read) -> Result<String, Failure> {
    let mut platform = Platform::Discord;
    let mut path = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--platform" => {
                let value = it
                    .next()
                    .ok_or_else(|| Failure::Usage("--platform needs a value".into()))?;
                platform = match value.as_str() {
                    "discord" => Platform::Discord,
                    "fluxer" => Platform::Fluxer,
                    other => {
                        return Err(Failure::Usage(format!(
                            "unknown platform `{other}` (expected discord or fluxer)"
                        )));
                    }
                };
            }
            "-h" | "--help" => return Err(Failure::Usage("help requested".into())),
            other if path.is_none() => path = Some(other.to_owned()),
            other => return Err(Failure::Usage(format!("unexpected argument `{other}`"))),
        }
    }
    let path = path.ok_or_else(|| Failure::Usage("missing input file".into()))?;
    let bytes = read_input(&path, stdin)?;
    decode(&bytes, platform).map_err(|e| Failure::Input(format!("{path}: {e}")))
}

fn read_input(path: &str, mut stdin: impl Read) -> Result<Vec<u8>, Failure> {
    if path == "-" {
        let mut buf = Vec::new();
        stdin
            .read_to_end(&mut buf)
            .map_err(|e| Failure::Input(format!("reading standard input: {e}")))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| Failure::Input(format!("{path}: {e}")))
    }
}

/// Decodes one invite or a list of invites and summarizes each, separated by blank lines.
fn decode(bytes: &[u8], platform: Platform) -> Result<String, serde_json::Error> {
    let is_list = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    let invites: Vec<Invite<'_>> = if is_list {
        serde_json::from_slice(bytes)?
    } else {
        vec![serde_json::from_slice(bytes)?]
    };
    let mut out = String::new();
    for (n, invite) in invites.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&summary(invite, platform));
    }
    Ok(out)
}

/// A readable, multi-line summary of one invite.
fn summary(invite: &Invite<'_>, platform: Platform) -> String {
    let mut s = String::new();
    // Writing to a String cannot fail.
    let _ = write_summary(&mut s, invite, platform);
    s
}

fn write_summary(s: &mut String, i: &Invite<'_>, platform: Platform) -> std::fmt::Result {
    writeln!(s, "invite {} ({})", i.code, i.link(platform))?;

    let kind = match (i.kind, i.inferred_kind()) {
        (Some(k), _) => match k.name(platform) {
            Some(name) => format!("{name} ({})", k.get()),
            None => format!("unknown ({}) on {platform}", k.get()),
        },
        (None, Some(k)) => format!(
            "{} (no type sent; inferred)",
            k.name(platform).unwrap_or("?")
        ),
        (None, None) => "unknown (no type sent)".to_owned(),
    };
    writeln!(s, "  kind:      {kind}")?;

    match (&i.guild, i.guild_id()) {
        (Some(g), _) => writeln!(s, "  guild:     {} ({})", g.name, g.id)?,
        (None, Some(id)) => writeln!(s, "  guild:     ({id})")?,
        (None, None) => writeln!(s, "  guild:     -")?,
    }

    match &i.channel {
        Some(c) => writeln!(
            s,
            "  channel:   {}, {} ({})",
            c.name.as_deref().unwrap_or("(unnamed)"),
            c.kind,
            c.id
        )?,
        None => writeln!(s, "  channel:   -")?,
    }

    if let Some(p) = &i.pack {
        writeln!(
            s,
            "  pack:      {}, {} ({})",
            p.name.as_deref().unwrap_or("(unnamed)"),
            p.kind.as_deref().unwrap_or("?"),
            p.id
        )?;
    }

    match &i.inviter {
        Some(u) => match u.global_name.as_deref() {
            Some(g) if g != u.username.as_str() => {
                writeln!(s, "  inviter:   {} ({g})", u.username)?;
            }
            _ => writeln!(s, "  inviter:   {}", u.username)?,
        },
        None => writeln!(s, "  inviter:   -")?,
    }

    let target = match (i.target_type, &i.target_user, &i.target_application) {
        (None, None, None) => "-".to_owned(),
        (t, user, app) => {
            let mut t = t.map_or_else(|| "?".to_owned(), |t| t.to_string());
            if let Some(u) = user {
                let _ = write!(t, ": user {} ({})", u.username, u.id);
            }
            if let Some(a) = app {
                let _ = write!(t, ": application {}", a.name.as_deref().unwrap_or("?"));
                if let Some(id) = a.id {
                    let _ = write!(t, " ({id})");
                }
            }
            t
        }
    };
    writeln!(s, "  target:    {target}")?;

    match i.expiry() {
        Some(t) => writeln!(s, "  expires:   {t}")?,
        None => writeln!(s, "  expires:   never")?,
    }

    let uses = match (i.uses, i.max_uses) {
        (Some(u), Some(m)) if m > 0 => format!("{u}/{m}"),
        (Some(u), _) => format!("{u}/unlimited"),
        (None, Some(m)) if m > 0 => format!("?/{m}"),
        (None, Some(_)) => "?/unlimited".to_owned(),
        (None, None) => "-".to_owned(),
    };
    writeln!(s, "  uses:      {uses}")?;

    match i.max_age {
        Some(0) => writeln!(s, "  max age:   forever")?,
        Some(secs) => writeln!(s, "  max age:   {secs} s")?,
        None => writeln!(s, "  max age:   -")?,
    }

    let temporary = match i.temporary {
        Some(true) => "yes",
        Some(false) => "no",
        None => "-",
    };
    writeln!(s, "  temporary: {temporary}")?;

    let count = |c: Option<u64>| c.map_or_else(|| "?".to_owned(), |c| c.to_string());
    match (i.member_count(), i.presence_count()) {
        (None, None) => writeln!(s, "  counts:    -")?,
        (m, p) => writeln!(s, "  counts:    {} members, {} online", count(m), count(p))?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(path).unwrap()
    }

    #[test]
    fn summarizes_the_seed_invite_with_metadata() {
        let out = decode(
            &fixture("discord_invite_with_metadata.json"),
            Platform::Discord,
        )
        .unwrap();
        assert_eq!(
            out,
            "invite jvuBeT38 (https://discord.gg/jvuBeT38)
  kind:      GUILD (0)
  guild:     Alien Network (1046920999469330512)
  channel:   alien noises, GUILD_VOICE (1057241425793798144)
  inviter:   alien (Alien)
  target:    -
  expires:   2023-07-22T18:30:11+00:00
  uses:      0/unlimited
  max age:   604800 s
  temporary: no
  counts:    -
"
        );
    }

    #[test]
    fn summarizes_targets_counts_and_platform_kinds() {
        let out = decode(
            &fixture("discord_get_invite_target_application.json"),
            Platform::Discord,
        )
        .unwrap();
        assert!(out.contains(
            "  target:    EMBEDDED_APPLICATION: application Watch Together (880218394199220334)\n"
        ));
        assert!(out.contains("  counts:    100 members, 99 online\n"));

        let pack = fixture("fluxer_emoji_pack.json");
        let fluxer = decode(&pack, Platform::Fluxer).unwrap();
        assert!(fluxer.starts_with(
            "invite eMoJ1Pak (https://fluxer.gg/eMoJ1Pak)\n  kind:      EMOJI_PACK (2)\n"
        ));
        assert!(fluxer.contains("  pack:      Blob party, emoji (1432000000000000500)\n"));
        assert!(fluxer.contains("  channel:   -\n  pack:"));
        assert!(fluxer.contains("  uses:      12/unlimited\n"));
        let discord = decode(&pack, Platform::Discord).unwrap();
        assert!(discord.contains("  kind:      FRIEND (2)\n"));

        let old = decode(
            &fixture("discord_2021_target_user_type.json"),
            Platform::Discord,
        )
        .unwrap();
        assert!(old.contains("  kind:      GUILD (no type sent; inferred)\n"));
        assert!(old.contains("  target:    STREAM: user bob (165176875973476352)\n"));
        assert!(old.contains("  expires:   never\n"));

        let unknown = decode(&fixture("unknown_values.json"), Platform::Discord).unwrap();
        assert!(unknown.contains("  kind:      unknown (7) on discord\n"));
        assert!(unknown.contains("  channel:   new-kind, unknown (42) (1057241425793798144)\n"));

        let dm = decode(&fixture("discord_group_dm.json"), Platform::Discord).unwrap();
        assert!(dm.contains("  channel:   (unnamed), GROUP_DM (1338456207364259910)\n"));
        assert!(dm.contains("  uses:      -\n"));
        assert!(dm.contains("  counts:    3 members, ? online\n"));
    }

    #[test]
    fn summarizes_each_invite_of_a_list() {
        let out = decode(&fixture("list_guild_invites.json"), Platform::Discord).unwrap();
        let headers: Vec<&str> = out.lines().filter(|l| l.starts_with("invite ")).collect();
        assert_eq!(
            headers,
            [
                "invite jvuBeT38 (https://discord.gg/jvuBeT38)",
                "invite zqs8oqxk (https://discord.gg/zqs8oqxk)",
                "invite alien (https://discord.gg/alien)",
            ]
        );
        assert!(out.contains("  uses:      10/10\n  max age:   3600 s\n  temporary: yes\n"));
        assert!(out.contains("  max age:   forever\n"));
        assert_eq!(out.matches("\n\ninvite ").count(), 2);
    }

    #[test]
    fn reads_stdin_and_parses_arguments() {
        let args = ["--platform".to_owned(), "fluxer".to_owned(), "-".to_owned()];
        let out = run(&args, &br#"{"code":"abc","type":3}"#[..]).unwrap();
        assert!(
            out.starts_with("invite abc (https://fluxer.gg/abc)\n  kind:      STICKER_PACK (3)\n")
        );
        assert_eq!(
            run(&["--platform".to_owned(), "x".to_owned()], &b""[..]),
            Err(Failure::Usage(
                "unknown platform `x` (expected discord or fluxer)".into()
            ))
        );
        assert_eq!(
            run(&[], &b""[..]),
            Err(Failure::Usage("missing input file".into()))
        );
        assert_eq!(
            run(&["a".to_owned(), "b".to_owned()], &b""[..]),
            Err(Failure::Usage("unexpected argument `b`".into()))
        );
    }

    #[test]
    fn reports_decode_errors_with_the_serde_message() {
        let err = run(&["-".to_owned()], &br#"{"code":"abc","uses":"many"}"#[..]).unwrap_err();
        assert_eq!(
            err,
            Failure::Input(
                "-: invalid type: string \"many\", expected u64 at line 1 column 27".into()
            )
        );
        let err = run(&["-".to_owned()], &b"[{\"type\":0}]"[..]).unwrap_err();
        assert_eq!(
            err,
            Failure::Input("-: missing field `code` at line 1 column 11".into())
        );
        let err = run(&["/nonexistent/x.json".to_owned()], &b""[..]).unwrap_err();
        assert!(matches!(err, Failure::Input(m) if m.starts_with("/nonexistent/x.json: ")));
    }
}
