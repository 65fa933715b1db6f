//! The command line: global options, commands and their arguments (clap derive).

use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use invite_model::base_url::BaseUrl;
use invite_model::{Platform, Snowflake};
use invite_perms::Scope;

use crate::duration::parse_duration;

/// The exit codes, shown at the end of `invite --help`.
pub(crate) const EXIT_CODES: &str = "\
Exit codes:
  0  success
  2  usage error: unknown command or option, missing or malformed argument; a plain
     http:// --base-url to a host that is not loopback while a token is set, without
     --allow-insecure-http
  3  invalid input, refused before any request: bad invite code or link, out-of-range
     parameter, unreadable or malformed file (JSON, CSV), unknown permission, missing or
     malformed token
  4  API error: the API refused the request (its JSON code and message are printed) or
     answered with something that is not what the endpoint returns
  5  network failure, timeout, or rate limit still in force after the retries

The token is read from the environment variable DISCORD_TOKEN (or the one named by
--token-env), never from the command line, and is never printed. `url`, `perms` and `decode`
work offline; `get` works without a token. Names and messages from the server are printed with
control and bidirectional characters escaped (`\u{1b}`); --json output is exact JSON.";

/// What `invite prune --help` adds.
const PRUNE_HELP: &str = "\
An invite is deleted when it matches EVERY filter given. Without a filter, prune refuses to
run (exit 2) unless --all is given, so a forgotten flag never deletes every invite.
Invites whose listing lacks the data a filter needs (`uses`, `created_at`: the token needs
MANAGE_GUILD to see them) never match. \"Now\" is the system clock.

Each deletion is reported on standard output; with --dry-run nothing is deleted and the
report says what would be. A failed deletion is reported and the others continue; the exit
code is 0 only if every deletion succeeded (4 if one failed with an API error, 5 if one
failed with a network error).";

/// Command-line tool for Discord and Fluxer invites.
#[derive(Debug, Parser)]
#[command(
    name = "invite",
    version,
    about = "Inspect, create, delete and prune Discord and Fluxer invites, and build bot invite URLs",
    after_help = EXIT_CODES,
    max_term_width = 100
)]
pub(crate) struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    /// The command.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options every command takes (before or after the command name).
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// API base URL (default: the platform's).
    #[arg(
        long,
        global = true,
        value_name = "URL",
        value_parser = parse_base_url,
        help = "API base URL [default: the platform's, https://discord.com/api/v10 or \
                https://api.fluxer.app/v1]"
    )]
    pub(crate) base_url: Option<String>,
    /// Allow a plain http:// --base-url to a host that is not loopback (127.0.0.0/8, ::1,
    /// localhost) although a token is set: the token then crosses the network unencrypted.
    /// Without it such a URL is refused (exit 2)
    #[arg(long, global = true)]
    pub(crate) allow_insecure_http: bool,
    /// Which API: sets the default base URL, the parameter ranges checked before sending, and
    /// the host of printed invite links
    #[arg(long, global = true, value_enum, default_value_t = PlatformArg::Discord)]
    pub(crate) platform: PlatformArg,
    /// Print JSON for scripts: one object per line for lists
    #[arg(long, global = true)]
    pub(crate) json: bool,
    /// Log every request to standard error (method, path, status; never the token)
    #[arg(long, short, global = true)]
    pub(crate) verbose: bool,
    /// The environment variable holding the token
    #[arg(
        long,
        global = true,
        value_name = "NAME",
        default_value = "DISCORD_TOKEN",
        value_parser = parse_env_name
    )]
    pub(crate) token_env: String,
    /// Send the token as an OAuth2 bearer token (`Authorization: Bearer`) instead of a bot
    /// token (`Authorization: Bot`)
    #[arg(long, global = true)]
    pub(crate) bearer: bool,
    /// Time allowed for each request, in seconds (fractions allowed)
    #[arg(
        long,
        global = true,
        value_name = "SECONDS",
        default_value = "30",
        value_parser = parse_timeout
    )]
    pub(crate) timeout: Duration,
}

/// `--platform`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PlatformArg {
    /// Discord.
    #[value(help = "Discord (https://discord.com/api/v10)")]
    Discord,
    /// Fluxer.
    #[value(help = "Fluxer (https://api.fluxer.app/v1)")]
    Fluxer,
}

impl PlatformArg {
    /// The model's platform.
    pub(crate) fn platform(self) -> Platform {
        match self {
            Self::Discord => Platform::Discord,
            Self::Fluxer => Platform::Fluxer,
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Print the OAuth2 URL that adds a bot to a server (offline, no token)
    Url(UrlArgs),
    /// Turn permission names and numbers into the integer and the names (offline)
    Perms(PermsArgs),
    /// Summarize invite JSON (one invite or a list) from a file or standard input (offline)
    Decode(DecodeArgs),
    /// Show one invite (works without a token)
    Get(GetArgs),
    /// List a guild's or a channel's invites
    List(ListArgs),
    /// Create an invite to a channel and print its link
    Create(CreateArgs),
    /// Delete invites
    Delete(DeleteArgs),
    /// Read or replace the users an invite is restricted to (CSV of user ids)
    #[command(subcommand)]
    TargetUsers(TargetUsersCommand),
    /// Delete a guild's invites that match every given filter
    #[command(after_help = PRUNE_HELP)]
    Prune(PruneArgs),
    /// Replay a recorded stream of gateway events and REST answers and print which invite
    /// brought each member (offline)
    #[command(after_help = crate::track::TRACK_HELP)]
    Track(TrackArgs),
    /// Poll a guild's invites and vanity and print what changes: created, gone, uses
    Watch(WatchArgs),
}

/// `invite track`.
#[derive(Debug, Args)]
pub(crate) struct TrackArgs {
    /// The recording, one JSON object a line; `-` reads standard input
    #[arg(long, value_name = "FILE")]
    pub(crate) replay: PathBuf,
}

/// `invite watch`.
#[derive(Debug, Args)]
pub(crate) struct WatchArgs {
    /// The guild whose invites are watched (needs MANAGE_GUILD)
    #[arg(long, value_name = "ID")]
    pub(crate) guild: Snowflake,
    /// Time between polls, 1s to 24h: `60s`, `5m`, `1h`
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = crate::watch::parse_interval)]
    pub(crate) interval: Duration,
    /// Stop after this many polls [default: run until Ctrl-C]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) count: Option<u64>,
}

/// `invite url`.
#[derive(Debug, Args)]
pub(crate) struct UrlArgs {
    /// The application's id (its client id)
    #[arg(long, value_name = "ID")]
    pub(crate) client_id: Snowflake,
    /// Permissions the bot asks for, in any spelling (`administrator`, `SEND_MESSAGES`,
    /// `SendMessages`, `sendmessages`) or as a number; separate arguments or one
    /// `;`-separated argument
    #[arg(value_name = "PERMISSION")]
    pub(crate) permissions: Vec<String>,
    /// OAuth2 scope, repeatable [default: bot and applications.commands on Discord
    /// (applications.commands for a user install), bot on Fluxer]
    #[arg(long = "scope", value_name = "SCOPE", value_parser = parse_scope)]
    pub(crate) scopes: Vec<Scope>,
    /// Pre-select this server in the authorization dialog
    #[arg(long, value_name = "ID")]
    pub(crate) guild_id: Option<Snowflake>,
    /// Do not let the user pick another server than --guild-id
    #[arg(long, requires = "guild_id")]
    pub(crate) disable_guild_select: bool,
    /// Install to a server (guild, integration_type=0) or to a user (user, 1: no
    /// permissions); Discord only
    #[arg(long, value_enum, value_name = "TYPE")]
    pub(crate) integration_type: Option<IntegrationTypeArg>,
    /// The CSRF nonce the redirect gets back
    #[arg(long, value_name = "TEXT")]
    pub(crate) state: Option<String>,
    /// Ask again (consent) or skip the prompt if already authorized (none)
    #[arg(long, value_enum, value_name = "PROMPT")]
    pub(crate) prompt: Option<PromptArg>,
    /// Where the user is sent after authorizing; adds response_type=code
    #[arg(long, value_name = "URL")]
    pub(crate) redirect_uri: Option<String>,
    /// Pre-select this channel (Fluxer only)
    #[arg(long, value_name = "ID")]
    pub(crate) channel_id: Option<Snowflake>,
    /// PKCE: the S256 challenge (43 base64url characters) of your code verifier; adds
    /// response_type=code and code_challenge_method=S256 (Fluxer only)
    #[arg(long, value_name = "CHALLENGE")]
    pub(crate) code_challenge: Option<String>,
}

/// `--integration-type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum IntegrationTypeArg {
    /// Installed to a server (`integration_type=0`).
    Guild,
    /// Installed to a user (`integration_type=1`).
    User,
}

/// `--prompt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PromptArg {
    /// Always ask.
    Consent,
    /// Skip the prompt when the user already authorized these scopes.
    None,
}

/// `invite perms`.
#[derive(Debug, Args)]
pub(crate) struct PermsArgs {
    /// Numbers (decimal or 0x hex) and names in any spelling, mixed: `administrator`,
    /// `SEND_MESSAGES`, `SendMessages`, `"Manage Server"`, `2048`, `kick;ban`
    #[arg(value_name = "ITEM", required = true)]
    pub(crate) items: Vec<String>,
    /// How the text output writes the names (JSON always has SCREAMING_SNAKE)
    #[arg(long, value_enum, value_name = "STYLE", default_value_t = StyleArg::Screaming)]
    pub(crate) style: StyleArg,
}

/// `--style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StyleArg {
    /// The platform's canonical name: SEND_MESSAGES.
    Screaming,
    /// send_messages.
    Snake,
    /// SendMessages (discord.js).
    Pascal,
    /// sendmessages (aoi.js).
    Aoi,
    /// The client's name: Send Messages and Create Posts.
    Client,
}

/// `invite decode`.
#[derive(Debug, Args)]
pub(crate) struct DecodeArgs {
    /// The JSON file; `-` or nothing reads standard input
    #[arg(value_name = "FILE")]
    pub(crate) file: Option<PathBuf>,
}

/// `invite get`.
#[derive(Debug, Args)]
pub(crate) struct GetArgs {
    /// An invite code (`jvuBeT38`) or link (`https://discord.gg/jvuBeT38?event=...`)
    #[arg(value_name = "CODE_OR_LINK")]
    pub(crate) code: String,
    /// Include the approximate member and online counts
    #[arg(long)]
    pub(crate) with_counts: bool,
    /// Include this scheduled event [default: the link's `?event=`]
    #[arg(long, value_name = "ID")]
    pub(crate) event: Option<Snowflake>,
}

/// `invite list`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("owner").required(true).args(["guild", "channel"])))]
pub(crate) struct ListArgs {
    /// List this guild's invites (needs MANAGE_GUILD or VIEW_AUDIT_LOG)
    #[arg(long, value_name = "ID")]
    pub(crate) guild: Option<Snowflake>,
    /// List this channel's invites (needs MANAGE_CHANNELS)
    #[arg(long, value_name = "ID")]
    pub(crate) channel: Option<Snowflake>,
}

/// `invite create`.
#[derive(Debug, Args)]
pub(crate) struct CreateArgs {
    /// The channel to invite to
    #[arg(long, value_name = "ID")]
    pub(crate) channel: Snowflake,
    /// Seconds until the invite expires, 0 for never (Discord: 0..=604800, default 86400;
    /// Fluxer: 0..=604800, default 0)
    #[arg(long, value_name = "SECONDS")]
    pub(crate) max_age: Option<u64>,
    /// How many times it can be used, 0 for unlimited (0..=100)
    #[arg(long, value_name = "N")]
    pub(crate) max_uses: Option<u64>,
    /// Members who join through it are kicked when they disconnect, unless given a role
    #[arg(long)]
    pub(crate) temporary: bool,
    /// Always create a new invite instead of reusing a similar one
    #[arg(long)]
    pub(crate) unique: bool,
    /// A role given to members who join through it (repeatable; needs MANAGE_ROLES)
    #[arg(long = "role", value_name = "ID")]
    pub(crate) roles: Vec<Snowflake>,
    /// Restrict the invite to the users in this CSV file (header `user_id`, one id a line)
    #[arg(long, value_name = "FILE.csv")]
    pub(crate) target_users: Option<PathBuf>,
    /// Audit-log reason (1 to 512 characters)
    #[arg(long, value_name = "TEXT")]
    pub(crate) reason: Option<String>,
}

/// `invite delete`.
#[derive(Debug, Args)]
pub(crate) struct DeleteArgs {
    /// Invite codes or links; all are checked before the first request
    #[arg(value_name = "CODE_OR_LINK", required = true)]
    pub(crate) codes: Vec<String>,
    /// Audit-log reason (1 to 512 characters)
    #[arg(long, value_name = "TEXT")]
    pub(crate) reason: Option<String>,
}

/// `invite target-users ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum TargetUsersCommand {
    /// Print the invite's target users as CSV (`--json`: an object with the ids)
    Get {
        /// The invite code or link
        #[arg(value_name = "CODE")]
        code: String,
    },
    /// Replace the invite's target users with those in a CSV file (processed asynchronously)
    Set {
        /// The invite code or link
        #[arg(value_name = "CODE")]
        code: String,
        /// The CSV file (header `user_id`, one id a line); `-` reads standard input
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
    },
    /// Show the progress of the last `set`
    Status {
        /// The invite code or link
        #[arg(value_name = "CODE")]
        code: String,
    },
}

/// `invite prune`.
#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("filters")
        .required(true)
        .multiple(true)
        .args(["expired", "unused", "older_than", "max_uses_reached", "all"])
))]
pub(crate) struct PruneArgs {
    /// The guild whose invites are pruned
    #[arg(long, value_name = "ID")]
    pub(crate) guild: Snowflake,
    /// Only invites whose expiry time has passed
    #[arg(long)]
    pub(crate) expired: bool,
    /// Only invites never used (uses = 0)
    #[arg(long)]
    pub(crate) unused: bool,
    /// Only invites created at least this long ago: `30d`, `12h`, `90m`, `3600s`, `1w`, `1d12h`
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub(crate) older_than: Option<Duration>,
    /// Only invites whose use limit is reached (max_uses > 0 and uses >= max_uses)
    #[arg(long)]
    pub(crate) max_uses_reached: bool,
    /// Every invite of the guild (instead of filters)
    #[arg(long, conflicts_with_all = ["expired", "unused", "older_than", "max_uses_reached"])]
    pub(crate) all: bool,
    /// Report what would be deleted, delete nothing
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Audit-log reason for the deletions (1 to 512 characters)
    #[arg(long, value_name = "TEXT")]
    pub(crate) reason: Option<String>,
}

/// `--base-url`: checked by the model's [`BaseUrl`] (`http(s)://host[:port][/path]`); trailing
/// slashes are dropped.
fn parse_base_url(s: &str) -> Result<String, String> {
    BaseUrl::parse(s)
        .map(|url| url.as_str().to_owned())
        .map_err(|e| e.to_string())
}

/// `--token-env`: a plausible variable name.
fn parse_env_name(s: &str) -> Result<String, String> {
    if s.is_empty() || s.contains(['=', '\0']) {
        return Err("expected an environment variable name".to_owned());
    }
    Ok(s.to_owned())
}

/// The longest `--timeout`: one hour.
const TIMEOUT_MAX_SECS: f64 = 3600.0;

/// `--timeout`: seconds, `0 < t <= 3600`.
fn parse_timeout(s: &str) -> Result<Duration, String> {
    let secs: f64 = s
        .trim()
        .parse()
        .map_err(|_| "expected a number of seconds such as 10 or 2.5".to_owned())?;
    if !(secs > 0.0 && secs <= TIMEOUT_MAX_SECS) {
        return Err(format!(
            "expected more than 0 and at most {TIMEOUT_MAX_SECS} seconds"
        ));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// `--scope`: the exact wire name.
fn parse_scope(s: &str) -> Result<Scope, String> {
    s.parse::<Scope>().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    use clap::error::ErrorKind;

    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("invite").chain(args.iter().copied()))
    }

    #[test]
    fn the_command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_options_go_before_or_after_the_command() {
        let cli = parse(&[
            "get",
            "abc",
            "--json",
            "--platform",
            "fluxer",
            "--timeout",
            "2.5",
        ])
        .unwrap();
        assert!(cli.global.json);
        assert_eq!(cli.global.platform, PlatformArg::Fluxer);
        assert_eq!(cli.global.timeout, Duration::from_millis(2500));
        assert_eq!(cli.global.token_env, "DISCORD_TOKEN");
        let cli = parse(&[
            "--verbose",
            "--token-env",
            "MY_TOKEN",
            "list",
            "--guild",
            "1",
        ])
        .unwrap();
        assert!(cli.global.verbose);
        assert_eq!(cli.global.token_env, "MY_TOKEN");
        let Command::List(list) = cli.command else {
            panic!("expected list");
        };
        assert_eq!((list.guild, list.channel), (Some(Snowflake(1)), None));
    }

    #[test]
    fn option_values_are_checked() {
        let kind = |args: &[&str]| parse(args).unwrap_err().kind();
        assert_eq!(
            kind(&["--base-url", "ftp://x", "get", "a"]),
            ErrorKind::ValueValidation
        );
        assert_eq!(
            kind(&["--timeout", "0", "get", "a"]),
            ErrorKind::ValueValidation
        );
        assert_eq!(
            kind(&["--timeout", "NaN", "get", "a"]),
            ErrorKind::ValueValidation
        );
        assert_eq!(
            kind(&["url", "--client-id", "x"]),
            ErrorKind::ValueValidation
        );
        assert_eq!(
            kind(&["url", "--client-id", "1", "--scope", "bots"]),
            ErrorKind::ValueValidation
        );
        assert_eq!(
            kind(&["url", "--client-id", "1", "--disable-guild-select"]),
            ErrorKind::MissingRequiredArgument
        );
        assert_eq!(kind(&["list"]), ErrorKind::MissingRequiredArgument);
        assert_eq!(
            kind(&["list", "--guild", "1", "--channel", "2"]),
            ErrorKind::ArgumentConflict
        );
        assert_eq!(kind(&["delete"]), ErrorKind::MissingRequiredArgument);
        assert_eq!(
            kind(&["create", "--channel", "1", "--max-uses", "-1"]),
            ErrorKind::UnknownArgument
        );
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            parse_base_url("http://127.0.0.1:8080/api/v10/"),
            Ok("http://127.0.0.1:8080/api/v10".to_owned())
        );
        assert_eq!(
            parse_base_url("discord.com"),
            Err("a base url starts with http:// or https://".to_owned())
        );
        assert_eq!(
            parse_base_url("https:///x"),
            Err("the base url has no host".to_owned())
        );
        assert_eq!(
            parse_base_url("https://x/api?a=1"),
            Err("query ('?' at byte 13) is not allowed in a base url".to_owned())
        );
        assert_eq!(
            parse_base_url("https://bot:pw@x"),
            Err("user info (user:password@) is not allowed in a base url".to_owned())
        );
        let cli = parse(&["get", "a", "--allow-insecure-http"]).unwrap();
        assert!(cli.global.allow_insecure_http);
        assert!(!parse(&["get", "a"]).unwrap().global.allow_insecure_http);
    }

    #[test]
    fn prune_needs_a_filter_or_all() {
        let err = parse(&["prune", "--guild", "1"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingRequiredArgument);
        assert_eq!(err.exit_code(), 2);
        let err = parse(&["prune", "--guild", "1", "--dry-run"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingRequiredArgument);
        let err = parse(&["prune", "--guild", "1", "--all", "--unused"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ArgumentConflict);
        let cli = parse(&["prune", "--guild", "1", "--unused", "--older-than", "1d12h"]).unwrap();
        let Command::Prune(p) = cli.command else {
            panic!("expected prune");
        };
        assert!(p.unused && !p.expired && !p.all && !p.dry_run);
        assert_eq!(p.older_than, Some(Duration::from_secs(36 * 3600)));
        assert!(parse(&["prune", "--guild", "1", "--all"]).is_ok());
    }

    #[test]
    fn help_lists_the_exit_codes() {
        let help = Cli::command().render_help().to_string();
        assert!(
            help.contains("Exit codes:\n  0  success\n  2  usage error"),
            "{help}"
        );
        assert!(
            help.contains("  5  network failure, timeout, or rate limit"),
            "{help}"
        );
        assert!(
            help.contains("without\n     --allow-insecure-http"),
            "{help}"
        );
        assert!(help.contains("--allow-insecure-http"), "{help}");
    }
}
