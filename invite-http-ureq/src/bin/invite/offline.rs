//! The commands that never touch the network: `url`, `perms` and `decode`.

use std::io::Read;
use std::path::Path;

use invite_model::{FluxerOnlyField, Invite, Platform};
use invite_perms::{
    BotAuthorizeUrl, IntegrationType, NameStyle, ParseOptions, ParsePermissionsError, Permissions,
    Platform as PermsPlatform, Prompt, ResponseType, Scope, parse_permission_name,
    parse_permissions_with,
};
use serde::Serialize;
use serde_json::json;

use crate::args::{DecodeArgs, IntegrationTypeArg, PermsArgs, PromptArg, StyleArg, UrlArgs};
use crate::failure::Failure;
use crate::io::Io;
use crate::output::{invite_json, json_line, summary};

/// Scopes used on Discord when `--scope` is not given.
pub(crate) const DEFAULT_SCOPES: [Scope; 2] = [Scope::Bot, Scope::ApplicationsCommands];

/// Scopes used on Discord for a user install when `--scope` is not given (a user install
/// takes no `bot`).
const DEFAULT_USER_INSTALL_SCOPES: [Scope; 1] = [Scope::ApplicationsCommands];

/// Scopes used on Fluxer when `--scope` is not given (it has no `applications.commands`).
const DEFAULT_FLUXER_SCOPES: [Scope; 1] = [Scope::Bot];

/// The permission set and OAuth2 rules of the platform the command runs for.
fn perms_platform(platform: Platform) -> PermsPlatform {
    match platform {
        Platform::Fluxer => PermsPlatform::Fluxer,
        _ => PermsPlatform::Discord,
    }
}

/// `invite url`: the bot authorization URL.
pub(crate) fn url(
    args: &UrlArgs,
    platform: Platform,
    json: bool,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    let platform = perms_platform(platform);
    let permissions = permissions(&args.permissions, platform)?;
    let user_install = args.integration_type == Some(IntegrationTypeArg::User);
    let scopes: &[Scope] = match (args.scopes.is_empty(), platform, user_install) {
        (false, _, _) => &args.scopes,
        (true, PermsPlatform::Fluxer, _) => &DEFAULT_FLUXER_SCOPES,
        (true, _, true) => &DEFAULT_USER_INSTALL_SCOPES,
        (true, _, false) => &DEFAULT_SCOPES,
    };
    let mut builder = BotAuthorizeUrl::for_platform(platform, args.client_id.0).scopes(scopes);
    if let Some(p) = permissions {
        builder = builder.permissions(p);
    }
    if let Some(guild) = args.guild_id {
        builder = builder.guild_id(guild.0);
    }
    if let Some(channel) = args.channel_id {
        builder = builder.channel_id(channel.0);
    }
    if args.disable_guild_select {
        builder = builder.disable_guild_select(true);
    }
    if let Some(kind) = args.integration_type {
        builder = builder.integration_type(match kind {
            IntegrationTypeArg::Guild => IntegrationType::GuildInstall,
            IntegrationTypeArg::User => IntegrationType::UserInstall,
        });
    }
    if let Some(uri) = &args.redirect_uri {
        builder = builder.response_type(ResponseType::Code).redirect_uri(uri);
    }
    if let Some(state) = &args.state {
        builder = builder.state(state);
    }
    if let Some(prompt) = args.prompt {
        builder = builder.prompt(match prompt {
            PromptArg::Consent => Prompt::Consent,
            PromptArg::None => Prompt::None,
        });
    }
    if let Some(challenge) = &args.code_challenge {
        builder = builder
            .response_type(ResponseType::Code)
            .code_challenge(challenge);
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

/// The union of every argument's permissions on `platform`; `None` when there is no
/// argument. Each argument is parsed on its own (so the error's byte range is within that
/// argument) and named in the error.
pub(crate) fn permissions(
    args: &[String],
    platform: PermsPlatform,
) -> Result<Option<Permissions>, Failure> {
    let options = ParseOptions::new().platform(platform);
    let mut all: Option<Permissions> = None;
    for arg in args {
        let p =
            permission_arg(arg, options).map_err(|e| Failure::Input(format!("{arg:?}: {e}")))?;
        all = Some(all.unwrap_or_else(Permissions::empty).union(p));
    }
    Ok(all)
}

/// One argument: a single name as the client writes it (`Manage Server`, spaces and all), or
/// else a list of names and numbers (`kick;ban`, `8 2048`). Of two failures, the list's error
/// is reported unless only the single name got a suggestion (`Manage Servr`).
fn permission_arg(arg: &str, options: ParseOptions) -> Result<Permissions, ParsePermissionsError> {
    let name_error = match parse_permission_name(arg, options) {
        Ok(p) => return Ok(p),
        Err(e @ ParsePermissionsError::NotOnPlatform { .. }) => return Err(e),
        Err(e) => e,
    };
    parse_permissions_with(arg, options).map_err(|list_error| {
        if list_error.suggestion().is_none() && name_error.suggestion().is_some() {
            name_error
        } else {
            list_error
        }
    })
}

/// `invite perms --json`: the calculator's answer.
#[derive(Serialize)]
struct PermsJson<'a> {
    /// `discord` or `fluxer`.
    platform: &'a str,
    /// The integer, as a decimal string (it does not fit in a JSON double).
    value: String,
    /// The platform's canonical names, in bit order.
    names: Vec<String>,
    /// Those of them that need 2FA on servers that require it.
    requires_2fa: Vec<String>,
}

/// `invite perms`: the integer and the names of every item's permissions together.
pub(crate) fn perms(
    args: &PermsArgs,
    platform: Platform,
    json: bool,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    let platform = perms_platform(platform);
    let p = permissions(&args.items, platform)?.unwrap_or_else(Permissions::empty);
    let style = match args.style {
        StyleArg::Screaming => NameStyle::Screaming,
        StyleArg::Snake => NameStyle::Snake,
        StyleArg::Pascal => NameStyle::Pascal,
        StyleArg::Aoi => NameStyle::Aoi,
        StyleArg::Client => NameStyle::Client,
    };
    // A bit the platform lacks (written as `0x...`) is refused, never dropped or printed bare.
    let names = p
        .names(platform, if json { NameStyle::Screaming } else { style })
        .map_err(|e| Failure::Input(e.to_string()))?;
    if json {
        let (mut all, mut two_factor) = (Vec::new(), Vec::new());
        for name in names {
            if name.requires_2fa() {
                two_factor.push(name.to_string());
            }
            all.push(name.to_string());
        }
        io.out(&json_line(&PermsJson {
            platform: platform.as_str(),
            value: p.bits().to_string(),
            names: all,
            requires_2fa: two_factor,
        }));
    } else {
        io.out(&p.bits().to_string());
        for name in names {
            if name.requires_2fa() {
                io.out(&format!("{name} (requires 2FA)"));
            } else {
                io.out(&name.to_string());
            }
        }
    }
    Ok(())
}

/// `invite decode`: a summary (or normalized JSON, with the link) of each invite in the input:
/// one object, an array, or JSON lines, so that it reads what `--json` writes.
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
    if let Some(warning) = fluxer_warning(&invites, platform, &name) {
        io.err(&warning);
    }
    for (n, invite) in invites.iter().enumerate() {
        if json {
            io.json(&invite_json(invite, platform));
        } else {
            if n > 0 {
                io.out("");
            }
            io.out_lines(&summary(invite, platform));
        }
    }
    Ok(())
}

/// The warning for invites read as another platform's than the fields they carry say: with
/// any platform but Fluxer, the fields only Fluxer sends (`Invite::fluxer_only_fields`) seen in
/// any of `invites`, each named once, in the order first seen; `None` if there are none.
fn fluxer_warning(invites: &[Invite<'_>], platform: Platform, name: &str) -> Option<String> {
    if platform == Platform::Fluxer {
        return None;
    }
    let mut seen: Vec<FluxerOnlyField> = Vec::new();
    for field in invites.iter().flat_map(Invite::fluxer_only_fields) {
        if !seen.contains(&field) {
            seen.push(field);
        }
    }
    if seen.is_empty() {
        return None;
    }
    let fields: Vec<String> = seen.iter().map(ToString::to_string).collect();
    Some(format!(
        "warning: {name} has fields only Fluxer sends ({}) but is read with --platform \
         {platform} (type 2 then means FRIEND, not EMOJI_PACK); give --platform fluxer if it is \
         Fluxer's",
        fields.join(", ")
    ))
}

fn read_stdin(stdin: &mut dyn Read) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    stdin
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Input(format!("cannot read standard input: {e}")))?;
    Ok(bytes)
}

/// Several invites (a JSON array), or one or more (JSON objects one after the other: one
/// object, or JSON lines as `--json` writes them; whitespace between them is skipped).
pub(crate) fn parse_invites(bytes: &[u8]) -> Result<Vec<Invite<'_>>, String> {
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Err("no JSON: the input is empty".to_owned()),
        Some(b'[') => {
            serde_json::from_slice(bytes).map_err(|e| format!("not a list of invites: {e}"))
        }
        Some(_) => serde_json::Deserializer::from_slice(bytes)
            .into_iter::<Invite<'_>>()
            .enumerate()
            .map(|(n, invite)| {
                invite.map_err(|e| match n {
                    0 => format!("not an invite: {e}"),
                    n => format!("invite {} is not an invite: {e}", n + 1),
                })
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use invite_model::Snowflake;

    use super::*;

    fn run_url(args: &UrlArgs, json: bool) -> (Result<(), Failure>, String) {
        run_url_on(args, Platform::Discord, json)
    }

    fn run_url_on(args: &UrlArgs, platform: Platform, json: bool) -> (Result<(), Failure>, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let result = url(
            args,
            platform,
            json,
            &mut Io::new(&mut out, &mut err, false),
        );
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
            integration_type: None,
            state: None,
            prompt: None,
            redirect_uri: None,
            channel_id: None,
            code_challenge: None,
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

    #[test]
    fn url_default_scopes_follow_the_platform_and_the_install() {
        let (r, out) = run_url_on(&url_args(&["8"]), Platform::Fluxer, false);
        r.unwrap();
        assert_eq!(
            out,
            "https://web.fluxer.app/oauth2/authorize?client_id=123456789012345678&permissions=8&scope=bot\n"
        );
        let mut user = url_args(&[]);
        user.integration_type = Some(IntegrationTypeArg::User);
        let (r, out) = run_url(&user, false);
        r.unwrap();
        assert_eq!(
            out,
            "https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=applications.commands&integration_type=1\n"
        );
        // Given scopes replace the defaults on either platform.
        let mut args = url_args(&[]);
        args.scopes = vec![Scope::Identify];
        args.redirect_uri = Some("https://x.example/".into());
        let (r, out) = run_url_on(&args, Platform::Fluxer, true);
        r.unwrap();
        assert_eq!(
            out,
            r#"{"client_id":"123456789012345678","permissions":null,"scopes":["identify"],"url":"https://web.fluxer.app/oauth2/authorize?client_id=123456789012345678&scope=identify&response_type=code&redirect_uri=https%3A%2F%2Fx.example%2F"}"#
                .to_owned()
                + "\n"
        );
    }

    #[test]
    fn url_code_challenge_asks_for_the_code_grant() {
        let mut args = url_args(&[]);
        args.code_challenge = Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into());
        let (r, out) = run_url_on(&args, Platform::Fluxer, false);
        r.unwrap();
        assert_eq!(
            out,
            "https://web.fluxer.app/oauth2/authorize?client_id=123456789012345678&scope=bot\
             &response_type=code&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM\
             &code_challenge_method=S256\n"
        );
    }

    fn run_perms(
        items: &[&str],
        style: StyleArg,
        platform: Platform,
        json: bool,
    ) -> (Result<(), Failure>, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let args = PermsArgs {
            items: items.iter().map(|&i| i.to_owned()).collect(),
            style,
        };
        let result = perms(
            &args,
            platform,
            json,
            &mut Io::new(&mut out, &mut err, false),
        );
        assert!(err.is_empty());
        (result, String::from_utf8(out).unwrap())
    }

    #[test]
    fn perms_text_and_json() {
        let (r, out) = run_perms(
            &["administrator", "2048"],
            StyleArg::Screaming,
            Platform::Discord,
            false,
        );
        r.unwrap();
        assert_eq!(out, "2056\nADMINISTRATOR (requires 2FA)\nSEND_MESSAGES\n");
        let (r, out) = run_perms(
            &["administrator", "2048"],
            StyleArg::Client,
            Platform::Discord,
            true,
        );
        r.unwrap();
        assert_eq!(
            out,
            "{\"platform\":\"discord\",\"value\":\"2056\",\"names\":[\"ADMINISTRATOR\",\"SEND_MESSAGES\"],\"requires_2fa\":[\"ADMINISTRATOR\"]}\n",
            "JSON always has the canonical names"
        );
        let (r, out) = run_perms(
            &["0x40000000", "Pin Messages"],
            StyleArg::Aoi,
            Platform::Fluxer,
            false,
        );
        r.unwrap();
        assert_eq!(
            out,
            "2251800887427072\nmanageexpressions (requires 2FA)\npinmessages\n"
        );
    }

    #[test]
    fn perms_refuses_what_the_platform_lacks() {
        let (r, out) = run_perms(
            &["0x800000000000"],
            StyleArg::Screaming,
            Platform::Discord,
            true,
        );
        assert_eq!(
            r,
            Err(Failure::Input("bits Discord does not define: 47".into()))
        );
        assert!(out.is_empty());
        let (r, _) = run_perms(
            &["Use Activities"],
            StyleArg::Screaming,
            Platform::Fluxer,
            false,
        );
        assert_eq!(
            r,
            Err(Failure::Input(
                "\"Use Activities\": permission `Use Activities` at 0..14 does not exist on Fluxer: bit 39 (USE_EMBEDDED_ACTIVITIES on Discord)".into()
            ))
        );
    }

    #[test]
    fn one_argument_is_a_name_or_a_list() {
        let discord = ParseOptions::new();
        assert_eq!(
            permission_arg("Manage Server", discord),
            Ok(Permissions::MANAGE_GUILD)
        );
        assert_eq!(
            permission_arg("administrator sendmessages", discord),
            Ok(Permissions::ADMINISTRATOR | Permissions::SEND_MESSAGES)
        );
        // The list's error when it has the suggestion, the name's when only it has one.
        let list = permission_arg("administrator sendmesages", discord).unwrap_err();
        assert_eq!(list.span(), 14..25);
        let name = permission_arg("Manage Servr", discord).unwrap_err();
        assert_eq!(name.span(), 0..12);
        assert_eq!(name.suggestion().unwrap().to_string(), "Manage Server");
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
    fn fluxer_fields_read_as_discord_warn_once_naming_each_field() {
        let list = br#"[{"code":"a","type":2,"pack":{"id":"1"}},
            {"code":"b","member_count":3,"inviter":{"id":"2","username":"u","avatar_color":1}},
            {"code":"c","member_count":4},{"code":"d","approximate_member_count":5}]"#;
        let invites = parse_invites(list).unwrap();
        assert_eq!(
            fluxer_warning(&invites, Platform::Discord, "list.json").unwrap(),
            "warning: list.json has fields only Fluxer sends (pack, member_count, \
             inviter.avatar_color) but is read with --platform discord (type 2 then means FRIEND, \
             not EMOJI_PACK); give --platform fluxer if it is Fluxer's"
        );
        assert_eq!(
            fluxer_warning(&invites, Platform::Fluxer, "list.json"),
            None
        );
        let discord =
            parse_invites(br#"{"code":"d","type":2,"approximate_member_count":5}"#).unwrap();
        assert_eq!(fluxer_warning(&discord, Platform::Discord, "x"), None);
        assert_eq!(fluxer_warning(&[], Platform::Discord, "x"), None);
    }

    #[test]
    fn decode_one_or_a_list() {
        let (r, out) = run_decode(None, br#" {"code":"abc","type":0,"unknown_field":1}"#, true);
        r.unwrap();
        assert_eq!(
            out,
            "{\"type\":0,\"code\":\"abc\",\"link\":\"https://discord.gg/abc\"}\n"
        );
        let (r, out) = run_decode(
            Some("-"),
            br#"[{"code":"aa"},{"code":"bb","uses":1}]"#,
            true,
        );
        r.unwrap();
        assert_eq!(
            out,
            "{\"code\":\"aa\",\"link\":\"https://discord.gg/aa\"}\n\
             {\"code\":\"bb\",\"uses\":1,\"link\":\"https://discord.gg/bb\"}\n"
        );
        let (r, out) = run_decode(None, br#"[{"code":"aa"},{"code":"bb"}]"#, false);
        r.unwrap();
        assert_eq!(
            out,
            "code:      aa\nlink:      https://discord.gg/aa\ntype:      unknown\nexpires:   never\n\n\
             code:      bb\nlink:      https://discord.gg/bb\ntype:      unknown\nexpires:   never\n"
        );
        let (r, out) = run_decode(None, b"[]", false);
        r.unwrap();
        assert_eq!(out, "");
    }

    #[test]
    fn decode_reads_json_lines_and_its_own_output() {
        let lines = b"{\"code\":\"aa\",\"uses\":1}\n\n  {\"code\":\"bb\"}\r\n{\"code\":\"cc\"}";
        let (r, out) = run_decode(None, lines, true);
        r.unwrap();
        assert_eq!(
            out,
            "{\"code\":\"aa\",\"uses\":1,\"link\":\"https://discord.gg/aa\"}\n\
             {\"code\":\"bb\",\"link\":\"https://discord.gg/bb\"}\n\
             {\"code\":\"cc\",\"link\":\"https://discord.gg/cc\"}\n"
        );
        // Its own output, read again, is written the same.
        let (r, again) = run_decode(None, out.as_bytes(), true);
        r.unwrap();
        assert_eq!(again, out);
        // Objects without a line break between them too.
        let (r, out) = run_decode(None, br#"{"code":"aa"}{"code":"bb"}"#, false);
        r.unwrap();
        assert_eq!(out.matches("code:").count(), 2, "{out}");
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
        // Nothing is printed when a later line is bad: every invite is read first.
        let (r, out) = run_decode(None, b"{\"code\":\"a\"}\n{\"code\":1}\n", false);
        assert_eq!(
            r,
            Err(Failure::Input(
                "standard input: invite 2 is not an invite: invalid type: integer `1`, expected a string at line 2 column 9".into()
            ))
        );
        assert_eq!(out, "");
        let (r, _) = run_decode(None, b"{\"code\":\"a\"} [", false);
        let Err(Failure::Input(m)) = r else {
            panic!("expected invalid input");
        };
        assert!(
            m.starts_with("standard input: invite 2 is not an invite: "),
            "{m}"
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
