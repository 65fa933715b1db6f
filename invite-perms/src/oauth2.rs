//! The OAuth2 authorization URL that adds a bot (or installs an app), and the OAuth2 scopes.

use core::fmt;
use core::str::FromStr;

use crate::excerpt::Excerpt;
use crate::permissions::Permissions;

/// Discord's authorization URL, the default base of [`BotAuthorizeUrl`].
pub const DISCORD_AUTHORIZE_URL: &str = "https://discord.com/oauth2/authorize";

macro_rules! scopes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, )*) => {
        /// An OAuth2 scope Discord documents.
        ///
        /// `Display` and [`as_str`](Self::as_str) give the wire name; [`FromStr`] accepts
        /// exactly the wire name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Scope {
            $( $(#[$doc])* $variant, )*
        }

        impl Scope {
            /// Every scope, in alphabetical order of the wire names.
            pub const ALL: &'static [Scope] = &[$(Scope::$variant,)*];

            /// The wire name (`applications.commands`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( Scope::$variant => $name, )*
                }
            }
        }
    };
}

scopes! {
    /// `activities.read`: the user's activities (Game SDK).
    ActivitiesRead = "activities.read",
    /// `activities.write`: update the user's activity (Game SDK).
    ActivitiesWrite = "activities.write",
    /// `applications.builds.read`: read build data for the user's applications.
    ApplicationsBuildsRead = "applications.builds.read",
    /// `applications.builds.upload`: upload builds for the user's applications.
    ApplicationsBuildsUpload = "applications.builds.upload",
    /// `applications.commands`: add commands to a server or user.
    ApplicationsCommands = "applications.commands",
    /// `applications.commands.permissions.update`: update command permissions.
    ApplicationsCommandsPermissionsUpdate = "applications.commands.permissions.update",
    /// `applications.commands.update`: update commands with a bearer token.
    ApplicationsCommandsUpdate = "applications.commands.update",
    /// `applications.entitlements`: read the user's entitlements for the app.
    ApplicationsEntitlements = "applications.entitlements",
    /// `applications.store.update`: manage the app's store listing.
    ApplicationsStoreUpdate = "applications.store.update",
    /// `bot`: add the app's bot user to a server.
    Bot = "bot",
    /// `connections`: the user's linked third-party accounts.
    Connections = "connections",
    /// `dm_channels.read`: see the user's DMs and group DMs.
    DmChannelsRead = "dm_channels.read",
    /// `email`: the user's email address (with `identify`).
    Email = "email",
    /// `gdm.join`: join users to a group DM.
    GdmJoin = "gdm.join",
    /// `guilds`: the user's servers.
    Guilds = "guilds",
    /// `guilds.join`: join the user to a server.
    GuildsJoin = "guilds.join",
    /// `guilds.members.read`: the user's member object in their servers.
    GuildsMembersRead = "guilds.members.read",
    /// `identify`: the user, without email.
    Identify = "identify",
    /// `identify.premium`: the user's Nitro status.
    IdentifyPremium = "identify.premium",
    /// `messages.read`: local RPC: read messages from the channels the user is in.
    MessagesRead = "messages.read",
    /// `relationships.read`: the user's friends and blocked users.
    RelationshipsRead = "relationships.read",
    /// `role_connections.write`: update the user's role-connection metadata.
    RoleConnectionsWrite = "role_connections.write",
    /// `rpc`: local RPC: control the user's Discord client.
    Rpc = "rpc",
    /// `rpc.activities.write`: local RPC: update the user's activity.
    RpcActivitiesWrite = "rpc.activities.write",
    /// `rpc.notifications.read`: local RPC: receive notifications.
    RpcNotificationsRead = "rpc.notifications.read",
    /// `rpc.voice.read`: local RPC: read the user's voice settings.
    RpcVoiceRead = "rpc.voice.read",
    /// `rpc.voice.write`: local RPC: change the user's voice settings.
    RpcVoiceWrite = "rpc.voice.write",
    /// `voice`: join voice channels for the user.
    Voice = "voice",
    /// `webhook.incoming`: create a webhook in a channel the user picks.
    WebhookIncoming = "webhook.incoming",
}

/// Number of scopes, the capacity of a [`BotAuthorizeUrl`]'s scope list.
const SCOPE_COUNT: usize = Scope::ALL.len();

impl Scope {
    /// Whether Discord needs a `response_type` in the URL when this scope is requested
    /// (every scope except `bot` and `applications.commands`).
    pub const fn needs_response_type(self) -> bool {
        !matches!(self, Scope::Bot | Scope::ApplicationsCommands)
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Scope {
    type Err = ParseScopeError;

    /// The exact wire name (`bot`, `applications.commands`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Scope::ALL
            .iter()
            .copied()
            .find(|scope| scope.as_str() == s)
            .ok_or(ParseScopeError::Unknown {
                scope: Excerpt::new(s),
            })
    }
}

/// Why a string is not a [`Scope`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseScopeError {
    /// Not a documented scope name.
    Unknown {
        /// The rejected text.
        scope: Excerpt,
    },
}

impl fmt::Display for ParseScopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unknown { scope } => write!(f, "unknown OAuth2 scope `{scope}`"),
        }
    }
}

impl core::error::Error for ParseScopeError {}

/// The `integration_type` parameter: where the app is installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IntegrationType {
    /// `0`: installed to a server (`GUILD_INSTALL`).
    GuildInstall,
    /// `1`: installed to a user (`USER_INSTALL`).
    UserInstall,
}

impl IntegrationType {
    /// The wire number.
    pub const fn value(self) -> u8 {
        match self {
            Self::GuildInstall => 0,
            Self::UserInstall => 1,
        }
    }
}

/// The `response_type` parameter of the authorization-code or implicit flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResponseType {
    /// `code`: authorization-code grant.
    Code,
    /// `token`: implicit grant.
    Token,
}

impl ResponseType {
    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Token => "token",
        }
    }
}

/// The `prompt` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Prompt {
    /// `consent`: always ask the user.
    Consent,
    /// `none`: skip the prompt if the user already authorized these scopes (scopes such as
    /// `bot` and `webhook.incoming` prompt anyway).
    None,
}

impl Prompt {
    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Consent => "consent",
            Self::None => "none",
        }
    }
}

/// Builder for the OAuth2 authorization URL that adds a bot to a server (Discord's "invite
/// link" for bots) or installs an app.
///
/// Nothing is allocated: strings are borrowed, scopes are kept in a fixed-size list (adding a
/// scope twice keeps one), and the URL is written through [`core::fmt::Write`].
///
/// # Rendering
///
/// The query parameters are always written in this order, each only when set:
/// `client_id`, `permissions`, `scope`, `guild_id`, `disable_guild_select`,
/// `integration_type`, `response_type`, `redirect_uri`, `state`, `prompt`.
///
/// - `scope` joins the scopes in the order they were added with a space, written `+` as the
///   form encoding of a query string allows (`scope=bot+applications.commands`); Discord
///   reads `+` and `%20` alike. With no scope the parameter is left out and Discord uses the
///   app's default install settings.
/// - `redirect_uri` and `state` are percent-encoded: RFC 3986 unreserved characters
///   (`A-Z a-z 0-9 - . _ ~`) are kept and every other UTF-8 byte becomes `%XX` (uppercase hex).
/// - `permissions` is the decimal bit set; `Permissions::empty()` gives `permissions=0`.
///
/// `Display` writes the URL as configured. [`render_into`](Self::render_into),
/// `to_heapless` (feature `heapless`) and `to_url_string` (feature `alloc`) first run
/// [`validate`](Self::validate).
///
/// ```
/// use invite_perms::{BotAuthorizeUrl, IntegrationType, Permissions, Scope};
///
/// let url = BotAuthorizeUrl::new(123456789012345678)
///     .scope(Scope::Bot)
///     .permissions(Permissions::SEND_MESSAGES | Permissions::VIEW_CHANNEL)
///     .guild_id(81384788765712384)
///     .disable_guild_select(true)
///     .integration_type(IntegrationType::GuildInstall);
/// assert_eq!(
///     url.to_string(),
///     "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=3072\
///      &scope=bot&guild_id=81384788765712384&disable_guild_select=true&integration_type=0"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BotAuthorizeUrl<'a> {
    base: &'a str,
    client_id: u64,
    permissions: Option<Permissions>,
    scopes: [Scope; SCOPE_COUNT],
    scope_len: usize,
    guild_id: Option<u64>,
    disable_guild_select: Option<bool>,
    integration_type: Option<IntegrationType>,
    response_type: Option<ResponseType>,
    redirect_uri: Option<&'a str>,
    state: Option<&'a str>,
    prompt: Option<Prompt>,
}

impl<'a> BotAuthorizeUrl<'a> {
    /// A URL for the application `client_id` (its snowflake), on Discord, with nothing else
    /// set.
    pub const fn new(client_id: u64) -> Self {
        Self {
            base: DISCORD_AUTHORIZE_URL,
            client_id,
            permissions: None,
            scopes: [Scope::Bot; SCOPE_COUNT],
            scope_len: 0,
            guild_id: None,
            disable_guild_select: None,
            integration_type: None,
            response_type: None,
            redirect_uri: None,
            state: None,
            prompt: None,
        }
    }

    /// What `$getClientInvite[...]` builds: scopes `bot` and `applications.commands` and these
    /// permissions.
    pub const fn bot_invite(client_id: u64, permissions: Permissions) -> Self {
        Self::new(client_id)
            .scope(Scope::Bot)
            .scope(Scope::ApplicationsCommands)
            .permissions(permissions)
    }

    /// Uses another authorization URL, for Discord-compatible platforms
    /// (`https://example.com/oauth2/authorize`, no query or fragment).
    pub const fn with_base(mut self, base: &'a str) -> Self {
        self.base = base;
        self
    }

    /// Sets `permissions`, the permissions the bot's role gets (only used with `bot`).
    pub const fn permissions(mut self, permissions: Permissions) -> Self {
        self.permissions = Some(permissions);
        self
    }

    /// Adds a scope (again adding one that is already there changes nothing).
    pub const fn scope(mut self, scope: Scope) -> Self {
        let mut i = 0;
        while i < self.scope_len {
            if self.scopes[i] as u8 == scope as u8 {
                return self;
            }
            i += 1;
        }
        // `scope_len < SCOPE_COUNT` here: the list holds distinct scopes and `scope` is new.
        if self.scope_len < SCOPE_COUNT {
            self.scopes[self.scope_len] = scope;
            self.scope_len += 1;
        }
        self
    }

    /// Adds several scopes in order.
    pub const fn scopes(mut self, scopes: &[Scope]) -> Self {
        let mut i = 0;
        while i < scopes.len() {
            self = self.scope(scopes[i]);
            i += 1;
        }
        self
    }

    /// Sets `guild_id`, the server preselected in the dialog.
    pub const fn guild_id(mut self, guild_id: u64) -> Self {
        self.guild_id = Some(guild_id);
        self
    }

    /// Sets `disable_guild_select`: with `true` the user cannot change the preselected server.
    pub const fn disable_guild_select(mut self, disable: bool) -> Self {
        self.disable_guild_select = Some(disable);
        self
    }

    /// Sets `integration_type`: install to a server or to a user.
    pub const fn integration_type(mut self, integration_type: IntegrationType) -> Self {
        self.integration_type = Some(integration_type);
        self
    }

    /// Sets `response_type` (needed when a scope beyond `bot` and `applications.commands` is
    /// requested).
    pub const fn response_type(mut self, response_type: ResponseType) -> Self {
        self.response_type = Some(response_type);
        self
    }

    /// Sets `redirect_uri` (unencoded; it is percent-encoded when written).
    pub const fn redirect_uri(mut self, redirect_uri: &'a str) -> Self {
        self.redirect_uri = Some(redirect_uri);
        self
    }

    /// Sets `state`, the CSRF nonce echoed back to the redirect (unencoded; it is
    /// percent-encoded when written).
    pub const fn state(mut self, state: &'a str) -> Self {
        self.state = Some(state);
        self
    }

    /// Sets `prompt`.
    pub const fn prompt(mut self, prompt: Prompt) -> Self {
        self.prompt = Some(prompt);
        self
    }

    /// The scopes, in the order they were added.
    pub fn scope_list(&self) -> &[Scope] {
        self.scopes.get(..self.scope_len).unwrap_or_default()
    }

    /// Checks the combination before a URL is produced:
    ///
    /// - the base must start with `https://` or `http://` and have no `?`, `#` or whitespace;
    /// - a scope other than `bot` and `applications.commands` needs a `response_type`;
    /// - `permissions` need the `bot` scope, unless no scope is given at all (then Discord
    ///   applies the app's default install settings, which may add the bot).
    pub fn validate(&self) -> Result<(), AuthorizeUrlError> {
        let rest = self
            .base
            .strip_prefix("https://")
            .or_else(|| self.base.strip_prefix("http://"))
            .ok_or(AuthorizeUrlError::InvalidBase)?;
        if rest.is_empty()
            || rest
                .bytes()
                .any(|b| b == b'?' || b == b'#' || b.is_ascii_whitespace())
        {
            return Err(AuthorizeUrlError::InvalidBase);
        }
        let scopes = self.scope_list();
        if self.response_type.is_none()
            && let Some(&scope) = scopes.iter().find(|s| s.needs_response_type())
        {
            return Err(AuthorizeUrlError::MissingResponseType { scope });
        }
        if self.permissions.is_some() && !scopes.is_empty() && !scopes.contains(&Scope::Bot) {
            return Err(AuthorizeUrlError::PermissionsWithoutBot);
        }
        Ok(())
    }

    /// Validates, then writes the URL into `out` (a `heapless::String`, a `String`, a
    /// formatter, ...).
    ///
    /// A writer that fails part-way (a full fixed-size buffer) may hold a partial URL; the
    /// error says so. `to_heapless` (feature `heapless`) checks the length first instead.
    pub fn render_into<W: fmt::Write + ?Sized>(&self, out: &mut W) -> Result<(), RenderError> {
        self.validate().map_err(RenderError::Invalid)?;
        self.write_url(out).map_err(|_| RenderError::Write)
    }

    /// The length of the URL in bytes (without validating).
    pub fn rendered_len(&self) -> usize {
        struct Counter(usize);
        impl fmt::Write for Counter {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                self.0 += s.len();
                Ok(())
            }
        }
        let mut counter = Counter(0);
        // A counter never fails.
        let _ = self.write_url(&mut counter);
        counter.0
    }

    /// Validates, then renders into a `heapless::String<N>`. A buffer that is too small is
    /// a [`RenderError::Capacity`] error, never a cut-off URL.
    #[cfg(feature = "heapless")]
    #[cfg_attr(docsrs, doc(cfg(feature = "heapless")))]
    pub fn to_heapless<const N: usize>(&self) -> Result<heapless::String<N>, RenderError> {
        self.validate().map_err(RenderError::Invalid)?;
        let needed = self.rendered_len();
        if needed > N {
            return Err(RenderError::Capacity {
                needed,
                capacity: N,
            });
        }
        let mut out = heapless::String::new();
        self.write_url(&mut out)
            .map_err(|_| RenderError::Capacity {
                needed,
                capacity: N,
            })?;
        Ok(out)
    }

    /// Validates, then renders into a new `String`.
    #[cfg(feature = "alloc")]
    #[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
    pub fn to_url_string(&self) -> Result<alloc::string::String, AuthorizeUrlError> {
        self.validate()?;
        let mut out = alloc::string::String::with_capacity(self.rendered_len());
        // Writing into a `String` never fails.
        let _ = self.write_url(&mut out);
        Ok(out)
    }

    fn write_url<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        write!(out, "{}?client_id={}", self.base, self.client_id)?;
        if let Some(p) = self.permissions {
            write!(out, "&permissions={}", p.bits())?;
        }
        for (i, scope) in self.scope_list().iter().enumerate() {
            out.write_str(if i == 0 { "&scope=" } else { "+" })?;
            // Scope names are made of unreserved characters only.
            out.write_str(scope.as_str())?;
        }
        if let Some(id) = self.guild_id {
            write!(out, "&guild_id={id}")?;
        }
        if let Some(disable) = self.disable_guild_select {
            write!(out, "&disable_guild_select={disable}")?;
        }
        if let Some(kind) = self.integration_type {
            write!(out, "&integration_type={}", kind.value())?;
        }
        if let Some(kind) = self.response_type {
            write!(out, "&response_type={}", kind.as_str())?;
        }
        if let Some(uri) = self.redirect_uri {
            out.write_str("&redirect_uri=")?;
            percent_encode(uri, out)?;
        }
        if let Some(state) = self.state {
            out.write_str("&state=")?;
            percent_encode(state, out)?;
        }
        if let Some(prompt) = self.prompt {
            write!(out, "&prompt={}", prompt.as_str())?;
        }
        Ok(())
    }
}

impl fmt::Display for BotAuthorizeUrl<'_> {
    /// The URL as configured, without [`validate`](BotAuthorizeUrl::validate).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_url(f)
    }
}

/// Writes `s` percent-encoded: unreserved characters kept, every other byte as `%XX`.
fn percent_encode<W: fmt::Write + ?Sized>(s: &str, out: &mut W) -> fmt::Result {
    // Runs of unreserved (ASCII) bytes are written as slices; both ends of a run are
    // character boundaries because the bytes around it are ASCII or the string's ends.
    let mut run_start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if is_unreserved(b) {
            continue;
        }
        out.write_str(s.get(run_start..i).unwrap_or_default())?;
        write!(out, "%{b:02X}")?;
        run_start = i + 1;
    }
    out.write_str(s.get(run_start..).unwrap_or_default())
}

/// RFC 3986 unreserved: `A-Z a-z 0-9 - . _ ~`.
const fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// A combination of [`BotAuthorizeUrl`] settings Discord would reject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthorizeUrlError {
    /// A scope other than `bot` and `applications.commands` was requested without a
    /// `response_type`.
    MissingResponseType {
        /// The first such scope.
        scope: Scope,
    },
    /// `permissions` were given with scopes that do not include `bot`.
    PermissionsWithoutBot,
    /// The base URL is not `http(s)://` or has a query, a fragment or whitespace.
    InvalidBase,
}

impl fmt::Display for AuthorizeUrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingResponseType { scope } => {
                write!(f, "scope `{scope}` needs a response_type (code or token)")
            }
            Self::PermissionsWithoutBot => {
                f.write_str("permissions need the `bot` scope (or no scope at all)")
            }
            Self::InvalidBase => f.write_str(
                "authorization base URL must start with https:// or http:// and have no query, fragment or whitespace",
            ),
        }
    }
}

impl core::error::Error for AuthorizeUrlError {}

/// Why a [`BotAuthorizeUrl`] was not rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RenderError {
    /// The settings do not make a valid URL.
    Invalid(AuthorizeUrlError),
    /// The buffer is too small; nothing was written.
    Capacity {
        /// Bytes the URL needs.
        needed: usize,
        /// Bytes the buffer holds.
        capacity: usize,
    },
    /// The writer failed part-way (it may hold a partial URL).
    Write,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid(e) => write!(f, "invalid authorization URL: {e}"),
            Self::Capacity { needed, capacity } => write!(
                f,
                "authorization URL needs {needed} bytes but the buffer holds {capacity}"
            ),
            Self::Write => f.write_str("writing the authorization URL failed"),
        }
    }
}

impl core::error::Error for RenderError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Invalid(e) => Some(e),
            _ => None,
        }
    }
}
