//! The commands that never touch the network: `url` and `decode`.

use std::io::Read;
use std::path::Path;

use invite_model::{Invite, Platform};
use invite_perms::{BotAuthorizeUrl, Permissions, Scope, parse_permissions};
use serde_json::json;

use crate::args::{DecodeArgs, UrlArgs};
use crate::failure::Failure;
use crate::io::Io;
use crate::output::{json_line, summary};

/// Scopes used when `--scope` is not given.
pub(crate) const DEFAULT_SCOPES: [Scope; 2] = [Scope::Bot, Scope::ApplicationsCommands];

/// `invite url`: the bot authorization URL.
pub(crate) fn url(args: &UrlArgs, json: bool, io: &mut Io<'_>) -> Result<(), Failure> {
    let permissions = permissions(&args.permissions)?;
    let scopes: &[Scope] = if args.scopes.is_empty() {
        &DEFAULT_SCOPES
    } else {
        &args.scopes
    };
    let mut builder = BotAuthorizeUrl::new(args.client_id.0).scopes(scopes);
    if let Some(p) = permissions {
        builder = builder.permissions(p);
    }
    if let Some(guild) = args.guild_id {
        builder = builder.guild_id(guild.0);
    }
    if args.disable_guild_select {
        builder = builder.disable_guild_select(true);
    }
    let url = builder
        .to_url_string()
        .map_err(|e| Failure::Input(e.to_string()))?;
    if json {
        let scopes: Vec<&str> = builder.scope_list().iter().map(|s| s.as_str()).collect();
        io.json(&json_line(&json!({
            "url": url,
            "client_id": args.client_id,
            "permissions": permissions.map(|p| p.bits().to_string()),
            "scopes": scopes,
        })));
    } else {
        io.out(&url);
    }
    Ok(())
}

/// The union of every argument's permissions; `None` when there is no argument. Each argument
/// is parsed on its own (so the error's byte range is within that argument) and named in the
/// error.
pub(crate) fn permissions(args: &[String]) -> Result<Option<Permissions>, Failure> {
    let mut all: Option<Permissions> = None;
    for arg in args {
        let p = parse_permissions(arg).map_err(|e| Failure::Input(format!("{arg:?}: {e}")))?;
        all = Some(all.unwrap_or_else(Permissions::empty).union(p));
    }
    Ok(all)
}

/// `invite decode`: a summary (or normalized JSON) of each invite in the input.
pub(crate) fn decode(
    args: &DecodeArgs,
    platform: Platform,
    json: bool,
    stdin: &mut dyn Read,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    let (name, bytes) = match args.file.as_deref() {
        None => ("standard input".to_owned(), read_stdin(stdin)?),
        Some(path) if path == Path::new("-") => ("standard input".to_owned(), read_stdin(stdin)?),
        Some(path) => {
            let name = path.display().to_string();
            let bytes = std::fs::read(path)
                .map_err(|e| Failure::Input(format!("cannot read {name}: {e}")))?;
            (name, bytes)
        }
    };
    let invites = parse_invites(&bytes).map_err(|e| Failure::Input(format!("{name}: {e}")))?;
    for (n, invite) in invites.iter().enumerate() {
        if json {
            io.json(&json_line(invite));
        } else {
            if n > 0 {
                io.out("");
            }
            io.out_lines(&summary(invite, platform));
        }
    }
    Ok(())
}

fn read_stdin(stdin: &mut dyn Read) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    stdin
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Input(format!("cannot read standard input: {e}")))?;
    Ok(bytes)
}

/// One invite (a JSON object) or several (a JSON array).
pub(crate) fn parse_invites(bytes: &[u8]) -> Result<Vec<Invite<'_>>, String> {
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Err("no JSON: the input is empty".to_owned()),
        Some(b'[') => {
            serde_json::from_slice(bytes).map_err(|e| format!("not a list of invites: {e}"))
        }
        Some(_) => serde_json::from_slice(bytes)
            .map(|i| vec![i])
            .map_err(|e| format!("not an invite: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use invite_model::Snowflake;

    use super::*;

    fn run_url(args: &UrlArgs, json: bool) -> (Result<(), Failure>, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let result = url(args, json, &mut Io::new(&mut out, &mut err, false));
        assert!(err.is_empty());
        (result, String::from_utf8(out).unwrap())
    }

    fn url_args(permissions: &[&str]) -> UrlArgs {
        UrlArgs {
            client_id: Snowflake(123_456_789_012_345_678),
            permissions: permissions.iter().map(|&p| p.to_owned()).collect(),
            scopes: Vec::new(),
            guild_id: None,
            disable_guild_select: false,
        }
    }

    #[test]
    fn url_with_default_scopes_and_permissions() {
        let (r, out) = run_url(&url_args(&["administrator", "sendmessages"]), false);
        r.unwrap();
        assert_eq!(
            out,
            "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=2056&scope=bot+applications.commands\n"
        );
        let (r, same) = run_url(&url_args(&["administrator;SEND_MESSAGES"]), false);
        r.unwrap();
        assert_eq!(same, out);
        let (r, none) = run_url(&url_args(&[]), false);
        r.unwrap();
        assert_eq!(
            none,
            "https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=bot+applications.commands\n"
        );
    }

    #[test]
    fn url_options_and_json() {
        let mut args = url_args(&["8"]);
        args.scopes = vec![Scope::Bot];
        args.guild_id = Some(Snowflake(81_384_788_765_712_384));
        args.disable_guild_select = true;
        let (r, out) = run_url(&args, true);
        r.unwrap();
        assert_eq!(
            out,
            r#"{"client_id":"123456789012345678","permissions":"8","scopes":["bot"],"url":"https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=8&scope=bot&guild_id=81384788765712384&disable_guild_select=true"}"#
                .to_owned()
                + "\n"
        );
    }

    #[test]
    fn url_refuses_unknown_permissions_and_bad_scope_sets() {
        let (r, out) = run_url(&url_args(&["kick", "sendmesages"]), false);
        assert_eq!(
            r,
            Err(Failure::Input(
                "\"sendmesages\": unknown permission `sendmesages` at 0..11; did you mean `sendmessages`?"
                    .into()
            ))
        );
        assert!(out.is_empty());
        let (r, _) = run_url(&url_args(&[""]), false);
        assert_eq!(r, Err(Failure::Input("\"\": empty permission list".into())));
        let mut args = url_args(&["8"]);
        args.scopes = vec![Scope::ApplicationsCommands];
        let (r, _) = run_url(&args, false);
        assert_eq!(
            r,
            Err(Failure::Input(
                "permissions need the `bot` scope (or no scope at all)".into()
            ))
        );
        let mut args = url_args(&[]);
        args.scopes = vec![Scope::Bot, Scope::Identify];
        let (r, _) = run_url(&args, false);
        assert_eq!(
            r,
            Err(Failure::Input(
                "scope `identify` needs a response_type (code or token)".into()
            ))
        );
    }

    fn run_decode(file: Option<&str>, stdin: &[u8], json: bool) -> (Result<(), Failure>, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let args = DecodeArgs {
            file: file.map(PathBuf::from),
        };
        let mut input = stdin;
        let result = decode(
            &args,
            Platform::Discord,
            json,
            &mut input,
            &mut Io::new(&mut out, &mut err, false),
        );
        (result, String::from_utf8(out).unwrap())
    }

    #[test]
    fn decode_one_or_a_list() {
        let (r, out) = run_decode(None, br#" {"code":"abc","type":0,"unknown_field":1}"#, true);
        r.unwrap();
        assert_eq!(out, "{\"type\":0,\"code\":\"abc\"}\n");
        let (r, out) = run_decode(Some("-"), br#"[{"code":"a"},{"code":"b","uses":1}]"#, true);
        r.unwrap();
        assert_eq!(out, "{\"code\":\"a\"}\n{\"code\":\"b\",\"uses\":1}\n");
        let (r, out) = run_decode(None, br#"[{"code":"a"},{"code":"b"}]"#, false);
        r.unwrap();
        assert_eq!(
            out,
            "code:      a\nlink:      https://discord.gg/a\ntype:      unknown\nexpires:   never\n\n\
             code:      b\nlink:      https://discord.gg/b\ntype:      unknown\nexpires:   never\n"
        );
        let (r, out) = run_decode(None, b"[]", false);
        r.unwrap();
        assert_eq!(out, "");
    }

    #[test]
    fn decode_errors_are_invalid_input() {
        let (r, _) = run_decode(None, b"  ", false);
        assert_eq!(
            r,
            Err(Failure::Input(
                "standard input: no JSON: the input is empty".into()
            ))
        );
        let (r, _) = run_decode(None, br#"{"uses":1}"#, false);
        assert_eq!(
            r,
            Err(Failure::Input(
                "standard input: not an invite: missing field `code` at line 1 column 10".into()
            ))
        );
        let (r, _) = run_decode(None, br#"[{"code":"a"},7]"#, false);
        assert_eq!(
            r,
            Err(Failure::Input(
                "standard input: not a list of invites: invalid type: integer `7`, expected struct Invite at line 1 column 15".into()
            ))
        );
        let (r, _) = run_decode(Some("/nonexistent/invite.json"), b"", false);
        let Err(Failure::Input(m)) = r else {
            panic!("expected invalid input");
        };
        assert!(
            m.starts_with("cannot read /nonexistent/invite.json: "),
            "{m}"
        );
    }
}
