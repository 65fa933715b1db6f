//! The OAuth2 authorization URL that adds a bot (or installs an app), on Discord and on
//! Fluxer, and the OAuth2 scopes.

use core::fmt;
use core::str::FromStr;

use crate::excerpt::Excerpt;
use crate::permissions::Permissions;
use crate::platform::Platform;

macro_rules! scopes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, )*) => {
        /// An OAuth2 scope Discord documents (Fluxer has five of them: see
        /// [`available_on`](Self::available_on)).
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

    /// Whether `platform` has this scope: Discord has every scope here; Fluxer has
    /// `identify`, `email`, `guilds`, `connections` and `bot` (its `OAuthSchemas.ts`), so
    /// not `applications.commands`.
    pub const fn available_on(self, platform: Platform) -> bool {
        match platform {
            Platform::Discord => true,
            Platform::Fluxer => matches!(
                self,
                Scope::Identify | Scope::Email | Scope::Guilds | Scope::Connections | Scope::Bot
            ),
        }
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
/// link" for bots) or installs an app, on Discord or on Fluxer.
///
/// Nothing is allocated: strings are borrowed, scopes are kept in a fixed-size list (adding a
/// scope twice keeps one), and the URL is written through [`core::fmt::Write`].
///
/// # Rendering
///
/// The query parameters are always written in this order, each only when set:
/// `client_id`, `permissions`, `scope`, `guild_id`, `channel_id`, `disable_guild_select`,
/// `integration_type`, `response_type`, `redirect_uri`, `state`, `prompt`, `code_challenge`
/// and `code_challenge_method=S256`.
///
/// - `scope` joins the scopes in the order they were added with a space, written `+` as the
///   form encoding of a query string allows (`scope=bot+applications.commands`); Discord
///   reads `+` and `%20` alike. With no scope the parameter is left out and Discord uses the
///   app's default install settings (see
///   [`uses_default_install_settings`](Self::uses_default_install_settings)).
/// - `redirect_uri`, `state` and `code_challenge` are percent-encoded: RFC 3986 unreserved
///   characters (`A-Z a-z 0-9 - . _ ~`) are kept and every other UTF-8 byte becomes `%XX`
///   (uppercase hex).
/// - `permissions` is the decimal bit set, written as given (a bit this crate does not know
///   yet is not dropped); `Permissions::empty()` gives `permissions=0`.
///
/// `Display` writes the URL as configured. [`render_into`](Self::render_into),
/// `to_heapless` (feature `heapless`) and `to_url_string` (feature `alloc`) first run
/// [`validate`](Self::validate), which refuses what the platform would reject.
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
///
/// On Fluxer, with PKCE:
///
/// ```
/// use invite_perms::{BotAuthorizeUrl, Platform, Prompt, ResponseType, Scope};
///
/// let url = BotAuthorizeUrl::for_platform(Platform::Fluxer, 1234)
///     .scopes(&[Scope::Identify, Scope::Guilds])
///     .response_type(ResponseType::Code)
///     .redirect_uri("https://example.com/cb")
///     .state("xyz")
///     .prompt(Prompt::None)
///     .code_challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
/// let mut out = String::new();
/// url.render_into(&mut out)?;
/// assert_eq!(
///     out,
///     "https://web.fluxer.app/oauth2/authorize?client_id=1234&scope=identify+guilds\
///      &response_type=code&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&state=xyz&prompt=none\
///      &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
/// );
/// # Ok::<(), invite_perms::RenderError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BotAuthorizeUrl<'a> {
    platform: Platform,
    base: &'a str,
    client_id: u64,
    permissions: Option<Permissions>,
    scopes: [Scope; SCOPE_COUNT],
    scope_len: usize,
    guild_id: Option<u64>,
    channel_id: Option<u64>,
    disable_guild_select: Option<bool>,
    integration_type: Option<IntegrationType>,
    response_type: Option<ResponseType>,
    redirect_uri: Option<&'a str>,
    state: Option<&'a str>,
    prompt: Option<Prompt>,
    code_challenge: Option<&'a str>,
}

impl<'a> BotAuthorizeUrl<'a> {
    /// A URL for the application `client_id` (its snowflake), on Discord, with nothing else
    /// set.
    pub const fn new(client_id: u64) -> Self {
        Self::for_platform(Platform::Discord, client_id)
    }

    /// A URL for the application `client_id` on `platform`, at the platform's
    /// [`authorize_url`](Platform::authorize_url), with nothing else set. The platform's
    /// rules apply in [`validate`](Self::validate).
    pub const fn for_platform(platform: Platform, client_id: u64) -> Self {
        Self {
            platform,
            base: platform.authorize_url(),
            client_id,
            permissions: None,
            scopes: [Scope::Bot; SCOPE_COUNT],
            scope_len: 0,
            guild_id: None,
            channel_id: None,
            disable_guild_select: None,
            integration_type: None,
            response_type: None,
            redirect_uri: None,
            state: None,
            prompt: None,
            code_challenge: None,
        }
    }

    /// What `$getClientInvite[...]` builds: scopes `bot` and `applications.commands` and these
    /// permissions, on Discord.
    pub const fn bot_invite(client_id: u64, permissions: Permissions) -> Self {
        Self::new(client_id)
            .scope(Scope::Bot)
            .scope(Scope::ApplicationsCommands)
            .permissions(permissions)
    }

    /// Uses another authorization URL, for Discord-compatible platforms and self-hosted
    /// Fluxer instances (`https://example.com/oauth2/authorize`, no query or fragment). The
    /// platform's rules still apply.
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

    /// Sets `channel_id`, the channel preselected in the dialog (**Fluxer only**).
    pub const fn channel_id(mut self, channel_id: u64) -> Self {
        self.channel_id = Some(channel_id);
        self
    }

    /// Sets `disable_guild_select`: with `true` the user cannot change the preselected server.
    pub const fn disable_guild_select(mut self, disable: bool) -> Self {
        self.disable_guild_select = Some(disable);
        self
    }

    /// Sets `integration_type`: install to a server or to a user (**Discord only**).
    pub const fn integration_type(mut self, integration_type: IntegrationType) -> Self {
        self.integration_type = Some(integration_type);
        self
    }

    /// Sets `response_type` (needed when a scope beyond `bot` and `applications.commands` is
    /// requested, and `code` with a `redirect_uri` for a bot).
    pub const fn response_type(mut self, response_type: ResponseType) -> Self {
        self.response_type = Some(response_type);
        self
    }

    /// Sets `redirect_uri` (unencoded; it is percent-encoded when written). It needs a
    /// `response_type`: `code` (the authorization code grant), or `token` for the implicit
    /// grant without the `bot` scope.
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

    /// Sets PKCE's `code_challenge` (**Fluxer only**): the base64url SHA-256 of the code
    /// verifier, 43 characters; `code_challenge_method=S256` is written after it. Needs
    /// `response_type=code`.
    pub const fn code_challenge(mut self, code_challenge: &'a str) -> Self {
        self.code_challenge = Some(code_challenge);
        self
    }

    /// The platform whose rules apply.
    pub const fn platform(&self) -> Platform {
        self.platform
    }

    /// The scopes, in the order they were added.
    pub fn scope_list(&self) -> &[Scope] {
        self.scopes.get(..self.scope_len).unwrap_or_default()
    }

    /// Whether Discord applies the app's **default install settings** (from the developer
    /// portal): no `scope`, `integration_type` or `redirect_uri` is set. `client_id` alone
    /// (`BotAuthorizeUrl::new(id)`) is that form; `permissions`, `guild_id` and
    /// `disable_guild_select` may be added to it.
    ///
    /// ```
    /// use invite_perms::{BotAuthorizeUrl, Scope};
    ///
    /// let url = BotAuthorizeUrl::new(123456789012345678);
    /// assert!(url.uses_default_install_settings());
    /// assert_eq!(
    ///     url.to_string(),
    ///     "https://discord.com/oauth2/authorize?client_id=123456789012345678"
    /// );
    /// assert!(!url.scope(Scope::Bot).uses_default_install_settings());
    /// ```
    pub fn uses_default_install_settings(&self) -> bool {
        self.scope_len == 0 && self.integration_type.is_none() && self.redirect_uri.is_none()
    }

    /// Checks the combination before a URL is produced; every rule is the platform's:
    ///
    /// - the base must start with `https://` or `http://` and have no `?`, `#` or whitespace;
    /// - Fluxer has no `integration_type` and no `response_type=token`; Discord has no
    ///   `channel_id` and no `code_challenge`;
    /// - every scope must be one the platform has ([`Scope::available_on`]); Fluxer needs at
    ///   least one (it has no default install settings);
    /// - a scope other than `bot` and `applications.commands` needs a `response_type`;
    /// - a user install (`integration_type=1`) takes no `permissions` and no `bot` scope;
    /// - `permissions` need the `bot` scope, unless no scope is given at all (then Discord
    ///   applies the app's default install settings, which may add the bot);
    /// - a `redirect_uri` needs `response_type=code` (`token` only for the implicit grant,
    ///   without `bot`);
    /// - a `code_challenge` needs `response_type=code` and must be 43 base64url characters.
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
        let platform = self.platform;
        let unsupported = |parameter| AuthorizeUrlError::NotOnPlatform {
            parameter,
            platform,
        };
        match platform {
            Platform::Fluxer => {
                if self.integration_type.is_some() {
                    return Err(unsupported("integration_type"));
                }
                if self.response_type == Some(ResponseType::Token) {
                    return Err(unsupported("response_type=token"));
                }
            }
            Platform::Discord => {
                if self.channel_id.is_some() {
                    return Err(unsupported("channel_id"));
                }
                if self.code_challenge.is_some() {
                    return Err(unsupported("code_challenge"));
                }
            }
        }
        let scopes = self.scope_list();
        if let Some(&scope) = scopes.iter().find(|s| !s.available_on(platform)) {
            return Err(AuthorizeUrlError::ScopeNotOnPlatform { scope, platform });
        }
        if platform == Platform::Fluxer && scopes.is_empty() {
            return Err(AuthorizeUrlError::MissingScope { platform });
        }
        if self.response_type.is_none()
            && let Some(&scope) = scopes.iter().find(|s| s.needs_response_type())
        {
            return Err(AuthorizeUrlError::MissingResponseType { scope });
        }
        let bot = scopes.contains(&Scope::Bot);
        if self.integration_type == Some(IntegrationType::UserInstall) {
            if self.permissions.is_some() {
                return Err(AuthorizeUrlError::PermissionsOnUserInstall);
            }
            if bot {
                return Err(AuthorizeUrlError::BotOnUserInstall);
            }
        }
        if self.permissions.is_some() && !scopes.is_empty() && !bot {
            return Err(AuthorizeUrlError::PermissionsWithoutBot);
        }
        if self.redirect_uri.is_some() {
            let implicit = self.response_type == Some(ResponseType::Token) && !bot;
            if self.response_type != Some(ResponseType::Code) && !implicit {
                return Err(AuthorizeUrlError::RedirectNeedsCode);
            }
        }
        if let Some(challenge) = self.code_challenge {
            if self.response_type != Some(ResponseType::Code) {
                return Err(AuthorizeUrlError::CodeChallengeNeedsCode);
            }
            if !is_s256_challenge(challenge) {
                return Err(AuthorizeUrlError::InvalidCodeChallenge);
            }
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
        if let Some(id) = self.channel_id {
            write!(out, "&channel_id={id}")?;
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
        if let Some(challenge) = self.code_challenge {
            out.write_str("&code_challenge=")?;
            percent_encode(challenge, out)?;
            out.write_str("&code_challenge_method=S256")?;
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

/// Whether `s` is an S256 PKCE challenge: the unpadded base64url form of 32 bytes, 43
/// characters of `A-Z a-z 0-9 - _` (RFC 7636 §4.2).
fn is_s256_challenge(s: &str) -> bool {
    s.len() == 43
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
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

/// A combination of [`BotAuthorizeUrl`] settings the platform would reject.
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
    /// A parameter (or value) the platform's authorization URL does not take: Fluxer's has no
    /// `integration_type` nor `response_type=token`, Discord's no `channel_id` nor
    /// `code_challenge`.
    NotOnPlatform {
        /// The parameter, as written in the URL (`integration_type`, `response_type=token`).
        parameter: &'static str,
        /// The platform.
        platform: Platform,
    },
    /// A scope the platform does not have (Fluxer has `identify`, `email`, `guilds`,
    /// `connections` and `bot`).
    ScopeNotOnPlatform {
        /// The first such scope.
        scope: Scope,
        /// The platform.
        platform: Platform,
    },
    /// No scope at all on a platform that needs one (Fluxer has no default install
    /// settings).
    MissingScope {
        /// The platform.
        platform: Platform,
    },
    /// `permissions` on a user install (`integration_type=1`): they only apply to a bot in a
    /// server.
    PermissionsOnUserInstall,
    /// The `bot` scope on a user install (`integration_type=1`): a bot joins servers, not
    /// users.
    BotOnUserInstall,
    /// A `redirect_uri` without `response_type=code` (or `token` for the implicit grant
    /// without `bot`): Discord requires the code grant for a redirect.
    RedirectNeedsCode,
    /// A `code_challenge` without `response_type=code`: PKCE protects the code grant.
    CodeChallengeNeedsCode,
    /// A `code_challenge` that is not 43 base64url characters (the S256 form).
    InvalidCodeChallenge,
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
            Self::NotOnPlatform {
                parameter,
                platform,
            } => write!(
                f,
                "`{parameter}` is not an authorization URL parameter on {platform}"
            ),
            Self::ScopeNotOnPlatform { scope, platform } => {
                write!(f, "scope `{scope}` does not exist on {platform}")?;
                if *platform == Platform::Fluxer {
                    f.write_str(" (its scopes are identify, email, guilds, connections and bot)")?;
                }
                Ok(())
            }
            Self::MissingScope { platform } => write!(
                f,
                "an authorization URL on {platform} needs a scope (it has no default install settings)"
            ),
            Self::PermissionsOnUserInstall => {
                f.write_str("a user install (integration_type=1) takes no permissions")
            }
            Self::BotOnUserInstall => f.write_str(
                "the `bot` scope cannot be installed to a user (integration_type=1)",
            ),
            Self::RedirectNeedsCode => {
                f.write_str("redirect_uri needs response_type=code (the authorization code grant)")
            }
            Self::CodeChallengeNeedsCode => f.write_str("code_challenge needs response_type=code"),
            Self::InvalidCodeChallenge => f.write_str(
                "code_challenge must be 43 base64url characters (the S256 hash of the code verifier)",
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
