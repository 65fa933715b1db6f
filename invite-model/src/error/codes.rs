//! Named JSON error codes of the invite endpoints: Discord's integers ([`discord`]) and Fluxer's
//! strings ([`fluxer`]). [`ErrorCode::name`](crate::ErrorCode::name) and
//! [`ErrorCode::description`](crate::ErrorCode::description) look codes up here.

/// Discord's numeric JSON error codes that invite endpoints return.
pub mod discord {
    /// General error (no more specific code).
    pub const GENERAL: u32 = 0;
    /// Unknown channel.
    pub const UNKNOWN_CHANNEL: u32 = 10003;
    /// Unknown guild.
    pub const UNKNOWN_GUILD: u32 = 10004;
    /// Unknown invite: the code does not exist, expired or was deleted.
    pub const UNKNOWN_INVITE: u32 = 10006;
    /// Unknown role (a `role_ids` entry).
    pub const UNKNOWN_ROLE: u32 = 10011;
    /// Unknown user.
    pub const UNKNOWN_USER: u32 = 10013;
    /// Unknown guild scheduled event.
    pub const UNKNOWN_GUILD_SCHEDULED_EVENT: u32 = 10070;
    /// Unknown invite target users job (no CSV upload is being processed).
    pub const UNKNOWN_INVITE_TARGET_USERS_JOB: u32 = 10124;
    /// Unknown invite target users (the invite has no target users).
    pub const UNKNOWN_INVITE_TARGET_USERS: u32 = 10129;
    /// Maximum number of guilds reached (100).
    pub const MAX_GUILDS: u32 = 30001;
    /// Maximum number of invites reached (1000).
    pub const MAX_INVITES: u32 = 30016;
    /// Unauthorized: provide a valid token.
    pub const UNAUTHORIZED: u32 = 40001;
    /// The account must be verified first.
    pub const VERIFY_ACCOUNT: u32 = 40002;
    /// The user is banned from this guild.
    pub const BANNED_FROM_GUILD: u32 = 40007;
    /// Blocked by Cloudflare (usually a missing or bad `User-Agent`).
    pub const CLOUDFLARE_BLOCKED: u32 = 40333;
    /// Missing access.
    pub const MISSING_ACCESS: u32 = 50001;
    /// Missing permissions.
    pub const MISSING_PERMISSIONS: u32 = 50013;
    /// Invalid authentication token.
    pub const INVALID_TOKEN: u32 = 50014;
    /// Invite code was either invalid or taken.
    pub const INVALID_INVITE_CODE: u32 = 50020;
    /// Cannot execute this action on this channel type.
    pub const INVALID_CHANNEL_TYPE: u32 = 50024;
    /// Invalid OAuth2 access token.
    pub const INVALID_OAUTH2_TOKEN: u32 = 50025;
    /// Invalid form body (see the field errors), or an invalid `Content-Type`.
    pub const INVALID_FORM_BODY: u32 = 50035;
    /// An invite was accepted to a guild the application's bot is not in.
    pub const BOT_NOT_IN_GUILD: u32 = 50036;
    /// Invalid JSON.
    pub const INVALID_JSON: u32 = 50109;
    /// Joining new servers is limited for this user.
    pub const JOIN_LIMITED: u32 = 340_015;

    /// Every code above: `(code, name, description)`, in ascending order.
    pub const ALL: &[(u32, &str, &str)] = &[
        (GENERAL, "GENERAL", "general error"),
        (UNKNOWN_CHANNEL, "UNKNOWN_CHANNEL", "unknown channel"),
        (UNKNOWN_GUILD, "UNKNOWN_GUILD", "unknown guild"),
        (UNKNOWN_INVITE, "UNKNOWN_INVITE", "unknown invite"),
        (UNKNOWN_ROLE, "UNKNOWN_ROLE", "unknown role"),
        (UNKNOWN_USER, "UNKNOWN_USER", "unknown user"),
        (
            UNKNOWN_GUILD_SCHEDULED_EVENT,
            "UNKNOWN_GUILD_SCHEDULED_EVENT",
            "unknown guild scheduled event",
        ),
        (
            UNKNOWN_INVITE_TARGET_USERS_JOB,
            "UNKNOWN_INVITE_TARGET_USERS_JOB",
            "unknown invite target users job",
        ),
        (
            UNKNOWN_INVITE_TARGET_USERS,
            "UNKNOWN_INVITE_TARGET_USERS",
            "unknown invite target users",
        ),
        (
            MAX_GUILDS,
            "MAX_GUILDS",
            "maximum number of guilds reached (100)",
        ),
        (
            MAX_INVITES,
            "MAX_INVITES",
            "maximum number of invites reached (1000)",
        ),
        (UNAUTHORIZED, "UNAUTHORIZED", "unauthorized"),
        (
            VERIFY_ACCOUNT,
            "VERIFY_ACCOUNT",
            "the account must be verified",
        ),
        (
            BANNED_FROM_GUILD,
            "BANNED_FROM_GUILD",
            "the user is banned from this guild",
        ),
        (
            CLOUDFLARE_BLOCKED,
            "CLOUDFLARE_BLOCKED",
            "blocked by cloudflare (check the user agent)",
        ),
        (MISSING_ACCESS, "MISSING_ACCESS", "missing access"),
        (
            MISSING_PERMISSIONS,
            "MISSING_PERMISSIONS",
            "missing permissions",
        ),
        (
            INVALID_TOKEN,
            "INVALID_TOKEN",
            "invalid authentication token",
        ),
        (
            INVALID_INVITE_CODE,
            "INVALID_INVITE_CODE",
            "invite code was either invalid or taken",
        ),
        (
            INVALID_CHANNEL_TYPE,
            "INVALID_CHANNEL_TYPE",
            "cannot execute this action on this channel type",
        ),
        (
            INVALID_OAUTH2_TOKEN,
            "INVALID_OAUTH2_TOKEN",
            "invalid oauth2 access token",
        ),
        (INVALID_FORM_BODY, "INVALID_FORM_BODY", "invalid form body"),
        (
            BOT_NOT_IN_GUILD,
            "BOT_NOT_IN_GUILD",
            "the application's bot is not in the invite's guild",
        ),
        (INVALID_JSON, "INVALID_JSON", "invalid json"),
        (
            JOIN_LIMITED,
            "JOIN_LIMITED",
            "joining new servers is limited for this user",
        ),
    ];
}

/// Fluxer's string JSON error codes that invite endpoints return.
pub mod fluxer {
    /// Unknown invite (404).
    pub const UNKNOWN_INVITE: &str = "UNKNOWN_INVITE";
    /// Maximum number of invites reached (400; 1000 per guild).
    pub const MAX_INVITES: &str = "MAX_INVITES";
    /// Missing permissions.
    pub const MISSING_PERMISSIONS: &str = "MISSING_PERMISSIONS";
    /// Invites are disabled in this guild (403).
    pub const INVITES_DISABLED: &str = "INVITES_DISABLED";
    /// A temporary invite needs the user to be present (have a session).
    pub const TEMPORARY_INVITE_REQUIRES_PRESENCE: &str = "TEMPORARY_INVITE_REQUIRES_PRESENCE";
    /// Rate limited (429).
    pub const RATE_LIMITED: &str = "RATE_LIMITED";
    /// Invalid form body (see the field errors).
    pub const INVALID_FORM_BODY: &str = "INVALID_FORM_BODY";

    /// Every code above: `(code, description)`.
    pub const ALL: &[(&str, &str)] = &[
        (UNKNOWN_INVITE, "unknown invite"),
        (MAX_INVITES, "maximum number of invites reached (1000)"),
        (MISSING_PERMISSIONS, "missing permissions"),
        (INVITES_DISABLED, "invites are disabled in this guild"),
        (
            TEMPORARY_INVITE_REQUIRES_PRESENCE,
            "a temporary invite needs the user to be online",
        ),
        (RATE_LIMITED, "rate limited"),
        (INVALID_FORM_BODY, "invalid form body"),
    ];
}
