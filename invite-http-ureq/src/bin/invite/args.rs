//! The command line: global options, commands and their arguments (clap derive).

use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use invite_model::base_url::BaseUrl;
use invite_model::{Platform, Snowflake};
use invite_perms::Scope;

use crate::commands::{
    AcceptArgs, FriendCommand, LobbyInviteArgs, PauseArgs, ResumeArgs, VanityCommand,
};
use crate::duration::parse_duration;
use crate::scan::ScanArgs;

/// The text of [`EXIT_CODES`] (a macro, so that [`LONG_AFTER_HELP`] can `concat!` it).
macro_rules! exit_codes {
    () => {
        "\
Exit codes:
  0  success
  1  `scan --fail-if-found`: an invite link was found
  2  usage error: unknown command or option, missing or malformed argument; a plain
     http:// --base-url to a host that is not loopback while a token is set, without
     --allow-insecure-http
  3  invalid input, refused before any request: bad invite code or link, out-of-range
     parameter, unreadable or malformed file (JSON, CSV), unknown permission, missing or
     malformed token (a token is A-Z, a-z, 0-9, '.', '_' and '-')
  4  API error: the API refused the request (its JSON code and message are printed) or
     answered with something that is not what the endpoint returns
  5  network failure, timeout, or rate limit still in force after the retries

The token is read from the environment variable DISCORD_TOKEN (or the one named by
--token-env), never from the command line, and is never printed. `url`, `perms`, `decode`
and `scan` work offline (they take no network options); `get` works without a token. Names and
messages from the server are printed with control and bidirectional characters escaped
(`\\u{1b}`); --json output is exact JSON."
    };
}

/// The exit codes, shown at the end of `invite -h`.
pub(crate) const EXIT_CODES: &str = exit_codes!();

/// The JSON error objects (a macro, so that it can be `concat!`ed).
macro_rules! json_errors {
    () => {
        r#"JSON errors: with --json, a failure prints its `error: ...` line and then, as the last line of
standard error, one JSON object: "error" names the kind, "message" says what happened (for
"api", the API's own message). Kinds, with their exit code:
  usage [2]              {"error":"usage","message":"...","kind":"unknown_argument"}; "kind" is the
                         parser's (snake_case) for a malformed command line
  invalid_input [3]      {"error":"invalid_input","message":"..."}
  api [4]                {"error":"api","status":404,"code":10006,"message":"Unknown Invite"};
                         "code" is a number on Discord, a string on Fluxer ("UNKNOWN_INVITE"),
                         null when the body had none; "errors":[{"path":"max_age","code":
                         "NUMBER_TYPE_MAX","message":"..."}] when the API named fields, and
                         "omitted_errors":N when it named more than were kept
  decode [4]             {"error":"decode","status":200,"reason":"...","excerpt":"...",
                         "message":"..."}: the body is not what the endpoint returns
  list_too_long [4]      {"error":"list_too_long","status":200,"limit":10000,"message":"..."}
  invite_mismatch [4]    {"error":"invite_mismatch","status":200,"requested":"bbbb2222",
                         "returned":"aaaa1111","message":"..."}: an answer for another invite
  response_too_large [4] {"error":"response_too_large","limit":BYTES,"message":"..."}
  response [4]           {"error":"response","status":N,"message":"..."}: another unusable answer
  rate_limited [5]       {"error":"rate_limited","retry_after":1.5,"global":false,"scope":"user",
                         "message":"..."}: "retry_after" in seconds, "scope" null unless the
                         API sent one; "api_message" when the 429 had a message; "wait_reason"
                         (global, global_window, bucket, in_flight, capacity) when the rate
                         limiter held the request back without sending it
  timeout [5]            {"error":"timeout","host":"discord.com","message":"request timed out"}
  transport [5]          {"error":"transport","kind":"connect","host":"discord.com","message":
                         "cannot connect to discord.com: ..."}; "kind": connect, io, protocol,
                         tls, request or other
  network [5]            {"error":"network","message":"..."}: any other failure to get an answer
  batch [4, 5]           {"error":"batch","failed":1,"total":4,"not_attempted":0,"worst":{...},
                         "message":"1 of 4 deletions failed"}: `delete`, `prune` or `create
                         --count`; "worst" is the object of the failure that set the exit code
"host" is the API's host (with the port when the base URL names one). A failed deletion's
line on standard output carries the same object as "failure". Exit 1 (`scan --fail-if-found`
found a link) is not a failure: its links are on standard output and no JSON object follows.
`create --count` prints only the invites it made on standard output and reports a failed
creation on standard error."#
    };
}

/// The exit codes and the JSON error objects, shown at the end of `invite --help`.
const LONG_AFTER_HELP: &str = concat!(exit_codes!(), "\n\n", json_errors!());

/// What `invite decode --help` adds.
const DECODE_HELP: &str = "\
Input: one invite (a JSON object), a list (a JSON array), or JSON lines (one object a line,
as --json writes them): `invite decode --json list.json | invite decode` reads its own output.

With --json each invite is written as one line of JSON holding the fields this version knows,
typed: fields it does not know are not kept, and absent or null fields are left out.
Timestamps are normalized (RFC 3339 with a +HH:MM offset and the shortest exact fraction of a
second: 2023-07-15T18:30:11.047000Z becomes 2023-07-15T18:30:11.047+00:00). The invite's
\"link\" is added, as in the text summary; a code that is not a valid invite code (\"../x\")
gets none: \"link\": null, and the summary says why.

The payload is read as --platform says (default discord): type 2 is FRIEND on Discord and
EMOJI_PACK on Fluxer. Read as Discord's, a payload with fields only Fluxer sends (pack,
member_count, presence_count, guild.splash_card_alignment, inviter.avatar_color, ...) gets
one warning on standard error naming them.";

/// What `invite prune --help` adds.
const PRUNE_HELP: &str = "\
An invite is deleted when it matches EVERY filter given. Without a filter, prune refuses to
run (exit 2) unless --all is given, so a forgotten flag never deletes every invite.
Invites whose listing lacks the data a filter needs (`uses`, `created_at`: the token needs
MANAGE_GUILD to see them) never match. \"Now\" is the system clock.

Each deletion is reported on standard output, one line each in aligned columns (action, code,
reasons, error; --json: one object each); with --dry-run nothing is deleted and the report
says what would be. The summary (how many matched, or \"nothing matched\") goes to standard
error. A deletion retried after a failure that may have acted, which then finds the invite
gone, is reported deleted (already gone). Up to --concurrency deletions are in flight at once;
the report keeps the listing's order. A failed deletion is reported and the others continue,
except after a rate limit that outlasted the retries: every deletion shares that limit, so
those in flight finish and the rest are reported as not attempted. The exit code is 0 only if every deletion
succeeded (4 if one failed with an API error, 5 if one failed with a network error or a rate
limit).";

/// The heading of the options every command takes.
pub(crate) const GLOBAL_HEADING: &str = "Global options";

/// The heading of the options of the commands that call the API.
pub(crate) const NETWORK_HEADING: &str = "Network options";

/// Command-line tool for Discord and Fluxer invites.
#[derive(Debug, Parser)]
#[command(
    name = "invite",
    version,
    about = "Inspect, create, delete and prune Discord and Fluxer invites, and build bot invite URLs",
    after_help = EXIT_CODES,
    after_long_help = LONG_AFTER_HELP,
    max_term_width = 100
)]
pub(crate) struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    /// The network options given before the command name (those after it, in the command's
    /// own [`NetworkArgs`], win).
    #[command(flatten)]
    pub(crate) network: NetworkArgs,
    /// The command.
    #[command(subcommand)]
    pub(crate) command: Command,
}

impl Cli {
    /// Parses a command line (the program's name first): clap's checks, then the one clap
    /// cannot make because the network options may come before the command name and after it:
    /// `--bearer` and `--user-token` exclude each other wherever each is given.
    pub(crate) fn parse_args<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let cli = Self::try_parse_from(args)?;
        let network = cli.network();
        if network.bearer && network.user_token {
            let mut cmd = <Self as clap::CommandFactory>::command();
            return Err(cmd.error(
                clap::error::ErrorKind::ArgumentConflict,
                "the argument '--user-token' cannot be used with '--bearer'",
            ));
        }
        Ok(cli)
    }

    /// The network options in force: the command's own, else those before the command name.
    /// An offline command has none of its own; the token variable still names the secret that
    /// is removed from its output.
    pub(crate) fn network(&self) -> NetworkArgs {
        match self.command.network() {
            Some(own) => own.or(&self.network),
            None => self.network.clone(),
        }
    }
}

/// Options every command takes, before or after the command name; listed under their own
/// heading in every command's help.
#[derive(Debug, Args)]
#[command(next_help_heading = GLOBAL_HEADING)]
pub(crate) struct GlobalArgs {
    /// Which API: sets the default base URL, the parameter ranges checked before sending, and
    /// the host of printed invite links
    #[arg(long, global = true, value_enum, default_value_t = PlatformArg::Discord)]
    pub(crate) platform: PlatformArg,
    /// Print JSON for scripts: one object per line for lists; on failure, also one JSON object
    /// as the last line of standard error (see `invite --help`)
    #[arg(long, global = true)]
    pub(crate) json: bool,
}

/// The options of the commands that call the API. Each such command flattens this struct
/// into its own arguments (`#[command(flatten)] network: NetworkArgs`) and names it in
/// [`Command::network`]; the offline commands do not, so their help does not offer these
/// options and their command line refuses them. [`Cli`] flattens it too, so that the options
/// may also come before the command name.
///
/// The defaults are applied by the accessors, so that an option given after the command name
/// can be told from one given before it.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = NETWORK_HEADING)]
pub(crate) struct NetworkArgs {
    /// API base URL (default: the platform's).
    #[arg(
        long,
        value_name = "URL",
        value_parser = parse_base_url,
        help = "API base URL [default: the platform's, https://discord.com/api/v10 or \
                https://api.fluxer.app/v1]"
    )]
    pub(crate) base_url: Option<String>,
    /// Allow a plain http:// --base-url to a host that is not loopback (127.0.0.0/8, ::1,
    /// localhost) although a token is set: the token then crosses the network unencrypted.
    /// Without it such a URL is refused (exit 2)
    #[arg(long)]
    pub(crate) allow_insecure_http: bool,
    /// Log every request to standard error (host, method, path, status; never the token)
    #[arg(long, short)]
    pub(crate) verbose: bool,
    /// The environment variable holding the token [default: DISCORD_TOKEN]
    #[arg(long, value_name = "NAME", value_parser = parse_env_name)]
    pub(crate) token_env: Option<String>,
    /// Send the token as an OAuth2 bearer token (`Authorization: Bearer`) instead of a bot
    /// token (`Authorization: Bot`)
    #[arg(long)]
    pub(crate) bearer: bool,
    /// Send the token bare (`Authorization: <token>`), as a user session: for the routes only
    /// users may call (`accept`, `friend`). Fluxer takes user sessions so; Discord's terms
    /// forbid automating a user account
    #[arg(long, conflicts_with = "bearer")]
    pub(crate) user_token: bool,
    /// Time allowed for each request, in seconds (fractions allowed) [default: 30]
    #[arg(long, value_name = "SECONDS", value_parser = parse_timeout)]
    pub(crate) timeout: Option<Duration>,
}

/// The variable holding the token when `--token-env` is not given.
pub(crate) const DEFAULT_TOKEN_ENV: &str = "DISCORD_TOKEN";

/// The time allowed for each request when `--timeout` is not given.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

impl NetworkArgs {
    /// These options, each taken from `outer` where not given here.
    #[must_use]
    pub(crate) fn or(&self, outer: &Self) -> Self {
        Self {
            base_url: self.base_url.clone().or_else(|| outer.base_url.clone()),
            allow_insecure_http: self.allow_insecure_http || outer.allow_insecure_http,
            verbose: self.verbose || outer.verbose,
            token_env: self.token_env.clone().or_else(|| outer.token_env.clone()),
            bearer: self.bearer || outer.bearer,
            user_token: self.user_token || outer.user_token,
            timeout: self.timeout.or(outer.timeout),
        }
    }

    /// `--token-env`, or `DISCORD_TOKEN`.
    pub(crate) fn token_env(&self) -> &str {
        self.token_env.as_deref().unwrap_or(DEFAULT_TOKEN_ENV)
    }

    /// `--timeout`, or 30 seconds.
    pub(crate) fn timeout(&self) -> Duration {
        self.timeout.unwrap_or(DEFAULT_TIMEOUT)
    }
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
    /// Summarize invite JSON (one invite, a list, or JSON lines) from a file or standard input
    /// (offline)
    #[command(after_help = DECODE_HELP)]
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
    /// Find every invite link in a text file or standard input (offline)
    Scan(ScanArgs),
    /// Join through an invite (user tokens: --user-token, or an OAuth2 --bearer token with
    /// guilds.join; bots cannot)
    Accept(AcceptArgs),
    /// List, create or revoke your friend invites (Discord user tokens: --user-token)
    #[command(subcommand)]
    Friend(FriendCommand),
    /// Show a guild's vanity code, or set it (Fluxer)
    #[command(subcommand)]
    Vanity(VanityCommand),
    /// Pause a guild's invites during a raid, for at most 24 hours (Discord)
    Pause(PauseArgs),
    /// Let a guild's paused invites work again (Discord)
    Resume(ResumeArgs),
    /// Create a single-use, one-hour invite to a lobby's linked channel (Discord)
    LobbyInvite(LobbyInviteArgs),
    /// Replay a recorded stream of gateway events and REST answers and print which invite
    /// brought each member (offline)
    #[command(after_help = crate::track::TRACK_HELP)]
    Track(TrackArgs),
    /// Poll a guild's invites and vanity and print what changes: created, gone, uses
    Watch(WatchArgs),
}

impl Command {
    /// The command's own network options; `None` for a command that works offline (its help
    /// does not offer them). Every command that calls the API flattens a [`NetworkArgs`] into
    /// its arguments and returns it here.
    pub(crate) fn network(&self) -> Option<&NetworkArgs> {
        match self {
            Self::Url(_) | Self::Perms(_) | Self::Decode(_) | Self::Scan(_) | Self::Track(_) => {
                None
            }
            Self::Get(a) => Some(&a.network),
            Self::List(a) => Some(&a.network),
            Self::Create(a) => Some(&a.network),
            Self::Delete(a) => Some(&a.network),
            Self::TargetUsers(
                TargetUsersCommand::Get { network, .. }
                | TargetUsersCommand::Set { network, .. }
                | TargetUsersCommand::Status { network, .. },
            )
            | Self::Friend(
                FriendCommand::List { network }
                | FriendCommand::Create { network, .. }
                | FriendCommand::Revoke { network },
            )
            | Self::Vanity(
                VanityCommand::Get { network, .. } | VanityCommand::Set { network, .. },
            ) => Some(network),
            Self::Prune(a) => Some(&a.network),
            Self::Accept(a) => Some(&a.network),
            Self::Pause(a) => Some(&a.network),
            Self::Resume(a) => Some(&a.network),
            Self::LobbyInvite(a) => Some(&a.network),
            Self::Watch(a) => Some(&a.network),
        }
    }
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
    /// The network options.
    #[command(flatten)]
    pub(crate) network: NetworkArgs,
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
    /// How to reach the API.
    #[command(flatten)]
    pub(crate) network: NetworkArgs,
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
    /// How to reach the API.
    #[command(flatten)]
    pub(crate) network: NetworkArgs,
}

/// `invite create`.
#[derive(Debug, Args)]
pub(crate) struct CreateArgs {
    /// The channel to invite to
    #[arg(long, value_name = "ID")]
    pub(crate) channel: Snowflake,
    /// Seconds until the invite expires, 0 for never (Discord: 0..=5184000, 60 days, as its
    /// OpenAPI description allows, default 86400; Fluxer: 0..=604800, default 0)
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
    /// Create N invites (1 to 1000), each a new one (`unique` is sent), printed one per line in
    /// the order asked; stops at the first failure, reported on standard error with its number
    /// (--json: then a `batch` error object)
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub(crate) count: u16,
    /// Print CSV instead of links: a header line, then
    /// code,link,expires_at,max_age,max_uses,temporary per invite (--json prints one JSON
    /// object per invite instead)
    #[arg(long)]
    pub(crate) csv: bool,
    /// With --count: how many requests are in flight at once.
    #[command(flatten)]
    pub(crate) batch: BatchArgs,
    /// How to reach the API.
    #[command(flatten)]
    pub(crate) network: NetworkArgs,
}

/// `--concurrency`, for the commands that send one request per item.
#[derive(Debug, Args)]
pub(crate) struct BatchArgs {
    /// Requests in flight at once, 1 to 16 [default: the first request alone, then as many as
    /// its rate-limit bucket allows per window (X-RateLimit-Limit), at most 16; one at a time
    /// if the API sends no limit]. The rate limiter never lets more go than the bucket has
    /// left; the output keeps the order of the items
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=16))]
    pub(crate) concurrency: Option<u8>,
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
    /// How many deletions are in flight at once.
    #[command(flatten)]
    pub(crate) batch: BatchArgs,
    /// How to reach the API.
    #[command(flatten)]
    pub(crate) network: NetworkArgs,
}

/// `invite target-users ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum TargetUsersCommand {
    /// Print the invite's target users as CSV (`--json`: an object with the ids)
    Get {
        /// The invite code or link
        #[arg(value_name = "CODE")]
        code: String,
        /// How to reach the API.
        #[command(flatten)]
        network: NetworkArgs,
    },
    /// Replace the invite's target users with those in a CSV file (processed asynchronously)
    Set {
        /// The invite code or link
        #[arg(value_name = "CODE")]
        code: String,
        /// The CSV file (header `user_id`, one id a line); `-` reads standard input
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
        /// How to reach the API.
        #[command(flatten)]
        network: NetworkArgs,
    },
    /// Show the progress of the last `set`
    Status {
        /// The invite code or link
        #[arg(value_name = "CODE")]
        code: String,
        /// How to reach the API.
        #[command(flatten)]
        network: NetworkArgs,
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
    /// How many deletions are in flight at once.
    #[command(flatten)]
    pub(crate) batch: BatchArgs,
    /// How to reach the API.
    #[command(flatten)]
    pub(crate) network: NetworkArgs,
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
        assert_eq!(cli.network().timeout(), Duration::from_millis(2500));
        assert_eq!(cli.network().token_env(), "DISCORD_TOKEN");
        let cli = parse(&[
            "--verbose",
            "--token-env",
            "MY_TOKEN",
            "list",
            "--guild",
            "1",
        ])
        .unwrap();
        assert!(cli.network().verbose);
        assert_eq!(cli.network().token_env(), "MY_TOKEN");
        let Command::List(list) = cli.command else {
            panic!("expected list");
        };
        assert_eq!((list.guild, list.channel), (Some(Snowflake(1)), None));
    }

    /// Every subcommand, by its path of names (`target-users get`).
    fn subcommands(cmd: &clap::Command, path: &str, out: &mut Vec<(String, clap::Command)>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let name = format!("{path} {}", sub.get_name()).trim().to_owned();
            if sub.has_subcommands() {
                subcommands(sub, &name, out);
            } else {
                out.push((name, sub.clone()));
            }
        }
    }

    /// Offline commands neither offer nor take the network options; online ones take them
    /// after the command name, under their heading. Decided by `Command::network`, so a new
    /// command that flattens `NetworkArgs` but forgets it there fails here.
    #[test]
    fn only_online_commands_take_network_options() {
        const NETWORK: [&str; 7] = [
            "base_url",
            "allow_insecure_http",
            "verbose",
            "token_env",
            "bearer",
            "user_token",
            "timeout",
        ];
        let mut cmd = Cli::command();
        cmd.build();
        let mut all = Vec::new();
        subcommands(&cmd, "", &mut all);
        let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names.len(), 23, "{names:?}");
        for (name, sub) in &all {
            let offline = ["url", "perms", "decode", "scan", "track"].contains(&name.as_str());
            for id in NETWORK {
                let arg = sub.get_arguments().find(|a| a.get_id() == id);
                if offline {
                    assert!(arg.is_none(), "`{name}` offers {id}");
                } else {
                    let arg = arg.unwrap_or_else(|| panic!("`{name}` lacks {id}"));
                    assert_eq!(arg.get_help_heading(), Some(NETWORK_HEADING), "{name} {id}");
                }
            }
            for id in ["platform", "json"] {
                let arg = sub.get_arguments().find(|a| a.get_id() == id).unwrap();
                assert_eq!(arg.get_help_heading(), Some(GLOBAL_HEADING), "{name} {id}");
            }
            // The command's own options have no heading: they come first.
            assert!(
                sub.get_arguments()
                    .filter(|a| !NETWORK.contains(&a.get_id().as_str()))
                    .filter(|a| !["platform", "json"].contains(&a.get_id().as_str()))
                    .all(|a| a.get_help_heading().is_none()),
                "{name}"
            );
            // What the parser does agrees with `Command::network`.
            let mut argv: Vec<&str> = vec!["invite"];
            argv.extend(name.split(' '));
            let parsed = Cli::command().try_get_matches_from(argv.iter().chain(&["--bearer"]));
            if offline {
                assert_eq!(
                    parsed.unwrap_err().kind(),
                    ErrorKind::UnknownArgument,
                    "{name} --bearer"
                );
            }
        }
        for (args, has) in [
            (&["url", "--client-id", "1"][..], false),
            (&["perms", "8"], false),
            (&["decode"], false),
            (&["get", "a"], true),
            (&["list", "--guild", "1"], true),
            (&["create", "--channel", "1"], true),
            (&["delete", "a"], true),
            (&["target-users", "get", "a"], true),
            (&["target-users", "set", "a", "f.csv"], true),
            (&["target-users", "status", "a"], true),
            (&["prune", "--guild", "1", "--all"], true),
            (&["scan"], false),
            (&["accept", "a"], true),
            (&["friend", "list"], true),
            (&["friend", "create"], true),
            (&["friend", "revoke"], true),
            (&["vanity", "get", "--guild", "1"], true),
            (&["vanity", "set", "--guild", "1", "abc"], true),
            (&["pause", "--guild", "1", "--for", "1h"], true),
            (&["resume", "--guild", "1"], true),
            (&["lobby-invite", "--lobby", "1"], true),
        ] {
            let cli = parse(args).unwrap();
            assert_eq!(cli.command.network().is_some(), has, "{args:?}");
            if has {
                let mut with = args.to_vec();
                with.extend(["--timeout", "7", "--bearer"]);
                let cli = parse(&with).unwrap();
                assert_eq!(cli.network().timeout(), Duration::from_secs(7), "{with:?}");
                assert!(cli.network().bearer, "{with:?}");
                let mut with = args.to_vec();
                with.push("--user-token");
                assert!(parse(&with).unwrap().network().user_token, "{with:?}");
            }
        }
        // Before the command name they are taken by every command (and ignored offline).
        let cli = parse(&["--timeout", "4", "url", "--client-id", "1"]).unwrap();
        assert_eq!(cli.network().timeout(), Duration::from_secs(4));
    }

    #[test]
    fn user_token_and_bearer_exclude_each_other_before_and_after_the_command() {
        let kind = |args: &[&str]| {
            Cli::parse_args(std::iter::once("invite").chain(args.iter().copied()))
                .unwrap_err()
                .kind()
        };
        for args in [
            &["accept", "a", "--bearer", "--user-token"][..],
            &["--bearer", "--user-token", "accept", "a"],
            &["--bearer", "accept", "a", "--user-token"],
            &["--user-token", "friend", "list", "--bearer"],
        ] {
            assert_eq!(kind(args), ErrorKind::ArgumentConflict, "{args:?}");
        }
        let cli = Cli::parse_args(["invite", "--user-token", "friend", "list"]).unwrap();
        assert!(cli.network().user_token && !cli.network().bearer);
        let cli = Cli::parse_args(["invite", "accept", "a", "--bearer"]).unwrap();
        assert!(!cli.network().user_token && cli.network().bearer);
    }

    #[test]
    fn subcommand_help_lists_its_own_options_first() {
        let render = |path: &[&str]| {
            let mut cmd = Cli::command();
            cmd.build();
            let mut sub = cmd;
            for name in path {
                sub = sub.find_subcommand(name).unwrap().clone();
            }
            sub.render_long_help().to_string()
        };
        let list = render(&["list"]);
        let own = list.find("--guild <ID>").unwrap();
        let network = list.find("Network options:").unwrap();
        let global = list.find("Global options:").unwrap();
        assert!(own < network && network < global, "{list}");
        assert!(
            list[network..global].contains("--token-env <NAME>"),
            "{list}"
        );
        assert!(list[global..].contains("--json"), "{list}");
        let url = render(&["url"]);
        for absent in [
            "Network options",
            "--token-env",
            "--bearer",
            "--timeout",
            "--base-url",
            "--allow-insecure-http",
            "--verbose",
        ] {
            assert!(!url.contains(absent), "{absent} in {url}");
        }
        assert!(url.find("--client-id").unwrap() < url.find("Global options:").unwrap());
        let decode = render(&["decode"]);
        assert!(decode.contains("unknown fields") || decode.contains("does not know are not kept"));
        assert!(decode.contains("JSON lines"), "{decode}");
        assert!(decode.contains("\"link\": null"), "{decode}");
        assert!(decode.contains("fields only Fluxer sends"), "{decode}");
    }

    #[test]
    fn long_help_documents_the_json_errors() {
        let help = Cli::command().render_long_help().to_string();
        for kind in [
            "usage [2]",
            "invalid_input [3]",
            "api [4]",
            "decode [4]",
            "list_too_long [4]",
            "invite_mismatch [4]",
            "response_too_large [4]",
            "rate_limited [5]",
            "timeout [5]",
            "transport [5]",
            "batch [4, 5]",
        ] {
            assert!(help.contains(kind), "{kind} missing in {help}");
        }
        assert!(
            help.contains("Exit 1 (`scan --fail-if-found`\nfound a link) is not a failure"),
            "{help}"
        );
        // The help text itself is terminal-safe.
        assert!(!help.contains('\u{1b}'), "{help}");
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
        assert!(cli.network().allow_insecure_http);
        assert!(!parse(&["get", "a"]).unwrap().network().allow_insecure_http);
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
            help.contains("Exit codes:\n  0  success\n  1  `scan --fail-if-found`"),
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
