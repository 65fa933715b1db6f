//! [`Platform`]: which Discord-compatible API a value comes from or goes to, and every fact that
//! differs between the two, kept once: one table per platform (`DISCORD`, `FLUXER`), each
//! value with a comment naming its source.

use core::num::NonZeroU32;
use core::ops::RangeInclusive;

/// The API dialect. Most shapes are shared; where they differ (invite `type` 2, the ranges of
/// create-invite parameters, error bodies, rate-limit headers) this says which rules apply.
///
/// The per-platform facts (base URL, proactive global limit, invite link hosts, the ranges of
/// [`Limits`]) are its methods:
///
/// ```
/// use invite_model::Platform;
/// assert_eq!(Platform::Discord.base_url(), "https://discord.com/api/v10");
/// assert_eq!(Platform::Discord.global_limit().map(|n| n.get()), Some(50));
/// assert_eq!(Platform::Fluxer.global_limit(), None);
/// assert_eq!(Platform::Discord.max_age_range(), 0..=5_184_000);
/// assert_eq!(Platform::Discord.group_dm_max_age_range(), 1..=604_800);
/// assert_eq!(Platform::Fluxer.default_max_age(), 0);
/// let hosts: Vec<&str> = Platform::Fluxer.invite_hosts().iter().map(|h| h.name).collect();
/// assert_eq!(hosts, ["fluxer.gg", "web.fluxer.app"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Platform {
    /// Discord, `https://discord.com/api/v10`.
    #[default]
    Discord,
    /// Fluxer, `https://api.fluxer.app/v1`.
    Fluxer,
}

/// A host that serves invite links, the subdomains it is also reached under, and where the code
/// sits in its paths. The one description of invite links: [`InviteCode::parse_link`] and the
/// [scanner](crate::scan_invite_links) both read it.
///
/// [`InviteCode::parse_link`]: crate::InviteCode::parse_link
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct InviteHost {
    /// The host name, lowercase, without a subdomain (`discord.gg`).
    pub name: &'static str,
    /// The subdomain prefixes the host also answers under, each with its dot (`www.`, `ptb.`).
    pub subdomains: &'static [&'static str],
    /// Which paths of the host lead to a code.
    pub path: InvitePath,
}

/// Which paths of an [`InviteHost`] lead to a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InvitePath {
    /// `/CODE` or `/invite/CODE`.
    CodeOrInvite,
    /// `/invite/CODE` only.
    Invite,
    /// `/CODE` only.
    Code,
    /// `/invite/CODE` or the web app's hash route `/#/invite/CODE`.
    InviteOrHashInvite,
}

impl InvitePath {
    /// What comes between the host and the code, in the order to try them: `/invite/` before
    /// `/` (so `discord.gg/invite/abc` is `abc`, while `discord.gg/invite` alone is the code
    /// `invite`).
    ///
    /// ```
    /// use invite_model::InvitePath;
    /// assert_eq!(InvitePath::CodeOrInvite.prefixes(), ["/invite/", "/"]);
    /// assert_eq!(InvitePath::InviteOrHashInvite.prefixes(), ["/invite/", "/#/invite/"]);
    /// ```
    pub const fn prefixes(self) -> &'static [&'static str] {
        match self {
            Self::CodeOrInvite => &["/invite/", "/"],
            Self::Invite => &["/invite/"],
            Self::Code => &["/"],
            Self::InviteOrHashInvite => &["/invite/", "/#/invite/"],
        }
    }
}

/// The ranges request parameters are checked against before anything is sent: one value per
/// platform from [`Platform::limits`], which a caller may change for a platform that changed
/// them (and pass to [`CreateInvite::validate_with`], [`CreateChannelInvite::with_limits`],
/// ...). Ranges are inclusive.
///
/// ```
/// use invite_model::{CreateInvite, Platform};
/// let mut limits = Platform::Discord.limits();
/// assert_eq!(limits.max_age, 0..=5_184_000);
/// assert_eq!(limits.role_ids_max, Some(250));
/// // A platform that lowered its maximum again:
/// limits.max_age = 0..=604_800;
/// let body = CreateInvite::new().max_age(604_801);
/// assert!(body.validate(Platform::Discord).is_ok());
/// assert_eq!(
///     body.validate_with(Platform::Discord, &limits).unwrap_err().to_string(),
///     "max_age 604801 is out of range 0..=604800"
/// );
/// ```
///
/// [`CreateInvite::validate_with`]: crate::CreateInvite::validate_with
/// [`CreateChannelInvite::with_limits`]: crate::endpoint::CreateChannelInvite::with_limits
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Limits {
    /// `max_age` of a guild channel's invite, in seconds (0: never expires).
    pub max_age: RangeInclusive<u32>,
    /// `max_age` of a group DM's invite, in seconds.
    pub group_dm_max_age: RangeInclusive<u32>,
    /// `max_uses` (0: unlimited).
    pub max_uses: RangeInclusive<u32>,
    /// The most `role_ids` a created invite may grant (each id once); `None`: the platform has
    /// no `role_ids`.
    pub role_ids_max: Option<usize>,
    /// The length of a vanity code a bot may set (`PATCH /guilds/{guild_id}/vanity-url`);
    /// `None`: bots cannot set it on this platform.
    pub vanity_code_len: Option<RangeInclusive<usize>>,
    /// How far ahead invites (or DMs) may be paused (`PUT /guilds/{guild_id}/incident-actions`),
    /// in seconds; `None`: the platform has no such route.
    pub incident_pause_max_secs: Option<u32>,
}

impl Limits {
    /// These limits with another `max_age` range for guild channel invites.
    #[must_use]
    pub fn with_max_age(mut self, range: RangeInclusive<u32>) -> Self {
        self.max_age = range;
        self
    }

    /// These limits with another `max_age` range for group DM invites.
    #[must_use]
    pub fn with_group_dm_max_age(mut self, range: RangeInclusive<u32>) -> Self {
        self.group_dm_max_age = range;
        self
    }

    /// These limits with another `max_uses` range.
    #[must_use]
    pub fn with_max_uses(mut self, range: RangeInclusive<u32>) -> Self {
        self.max_uses = range;
        self
    }

    /// These limits with another most `role_ids` (`None`: no `role_ids` at all).
    #[must_use]
    pub fn with_role_ids_max(mut self, max: Option<usize>) -> Self {
        self.role_ids_max = max;
        self
    }

    /// These limits with another settable vanity code length (`None`: not settable).
    #[must_use]
    pub fn with_vanity_code_len(mut self, range: Option<RangeInclusive<usize>>) -> Self {
        self.vanity_code_len = range;
        self
    }

    /// These limits with another longest pause, in seconds (`None`: no pausing).
    #[must_use]
    pub fn with_incident_pause_max_secs(mut self, secs: Option<u32>) -> Self {
        self.incident_pause_max_secs = secs;
        self
    }
}

/// The facts of one platform.
struct Facts {
    name: &'static str,
    base_url: &'static str,
    invite_link_base: &'static str,
    global_limit: Option<NonZeroU32>,
    invite_hosts: &'static [InviteHost],
    limits: Limits,
    default_max_age: u32,
    friend_invites: bool,
}

/// Discord. Sources: its OpenAPI description (`discord/discord-api-spec`, `specs/openapi.json`;
/// where it and the prose disagree it is the authority, being generated from the API itself),
/// the prose docs (`discord/discord-api-docs`, "Create Channel Invite", "Modify Guild Incident
/// Actions", "Rate Limits"), and the unofficial user-API docs (userdoccers), as summarised in
/// `spec/api-reference.md` and `spec/invite-jobs.md`.
const DISCORD: Facts = Facts {
    name: "discord",
    // Prose docs, "API Reference": base URL and version 10.
    base_url: "https://discord.com/api/v10",
    // Prose docs: the canonical share link is `https://discord.gg/CODE`.
    invite_link_base: "https://discord.gg",
    // Prose docs, "Rate Limits": 50 requests per second per bot.
    global_limit: NonZeroU32::new(50),
    // Prose docs and userdoccers: `discord.gg/CODE`, `discord.gg/invite/CODE`,
    // `discord.com/invite/CODE`, `discordapp.com/invite/CODE`; the clients' `ptb.` and
    // `canary.` builds serve `discord.com`/`discordapp.com` links too. `www.` is accepted on
    // every host.
    invite_hosts: &[
        InviteHost {
            name: "discord.gg",
            subdomains: &["www."],
            path: InvitePath::CodeOrInvite,
        },
        InviteHost {
            name: "discord.com",
            subdomains: &["www.", "ptb.", "canary."],
            path: InvitePath::Invite,
        },
        InviteHost {
            name: "discordapp.com",
            subdomains: &["www.", "ptb.", "canary."],
            path: InvitePath::Invite,
        },
    ],
    limits: Limits {
        // OpenAPI `CreateGuildInviteRequest.max_age`: 0..=5184000 (60 days), raised from 604800
        // in spec commit 43169b3 (2025-08-26). The prose docs still say 0..=604800 (7 days);
        // the OpenAPI description is the authority.
        max_age: 0..=5_184_000,
        // OpenAPI `CreateGroupDMInviteRequest.max_age` and the prose docs: a group DM invite
        // always expires, 1..=604800.
        group_dm_max_age: 1..=604_800,
        // OpenAPI `CreateGuildInviteRequest.max_uses` and the prose docs: 0 (unlimited) ..= 100.
        max_uses: 0..=100,
        // OpenAPI `CreateGuildInviteRequest.role_ids`: `maxItems` 250, `uniqueItems`.
        role_ids_max: Some(250),
        // Userdoccers: changing the vanity code takes a user with MFA; bots cannot.
        vanity_code_len: None,
        // Prose docs, "Modify Guild Incident Actions": at most 24 hours in the future.
        incident_pause_max_secs: Some(86_400),
    },
    // Prose docs: `max_age` defaults to 86400 (one day).
    default_max_age: 86_400,
    // Userdoccers: `/users/@me/invites` (user tokens).
    friend_invites: true,
};

/// Fluxer. Source: the `fluxerapp/fluxer` API code and its OpenAPI description
/// (`fluxer_api/src/api/openapi/openapi.json`), as summarised in `spec/api-reference.md` §7 and
/// `spec/invite-jobs.md` §4.
const FLUXER: Facts = Facts {
    name: "fluxer",
    // Fluxer API code: served under `/v1`.
    base_url: "https://api.fluxer.app/v1",
    // Fluxer web app: short links are `https://fluxer.gg/CODE`.
    invite_link_base: "https://fluxer.gg",
    // None applied: its limits are per route (`InviteRateLimitConfig.ts`), and its global 429s
    // are honoured when they come.
    global_limit: None,
    // `fluxer_api/src/utils/InviteUtils.ts`: `fluxer.gg/CODE`, `web.fluxer.app/invite/CODE` and
    // `web.fluxer.app/#/invite/CODE` (`fluxer.gg/invite/CODE` is not matched, nor the marketing
    // site `fluxer.app`). `www.` is accepted on every host.
    invite_hosts: &[
        InviteHost {
            name: "fluxer.gg",
            subdomains: &["www."],
            path: InvitePath::Code,
        },
        InviteHost {
            name: "web.fluxer.app",
            subdomains: &["www."],
            path: InvitePath::InviteOrHashInvite,
        },
    ],
    limits: Limits {
        // `ChannelInviteCreateRequest`: max_age 0..=604800.
        max_age: 0..=604_800,
        // `ChannelInviteCreateRequest` is the one schema for every channel: 0 is allowed for
        // group DMs.
        group_dm_max_age: 0..=604_800,
        // `ChannelInviteCreateRequest`: max_uses 0..=100.
        max_uses: 0..=100,
        // `ChannelInviteCreateRequest` has no `role_ids`.
        role_ids_max: None,
        // `GuildVanityURLUpdateRequest` (`VanityURLCodeType`): 2..=32 of `[a-z0-9-]`; bots may
        // set it.
        vanity_code_len: Some(2..=32),
        // The API has no incident-actions route.
        incident_pause_max_secs: None,
    },
    // `ChannelInviteCreateRequest`: max_age defaults to 0 (never expires).
    default_max_age: 0,
    // Fluxer has no friend invites (its invite type 2 is EMOJI_PACK).
    friend_invites: false,
};

impl Platform {
    /// Every platform, in declaration order.
    pub const ALL: [Self; 2] = [Self::Discord, Self::Fluxer];

    const fn facts(self) -> &'static Facts {
        match self {
            Self::Discord => &DISCORD,
            Self::Fluxer => &FLUXER,
        }
    }

    /// The API base URL, without a trailing slash.
    pub const fn base_url(self) -> &'static str {
        self.facts().base_url
    }

    /// The canonical short host of invite links (`https://discord.gg`, `https://fluxer.gg`).
    pub const fn invite_link_base(self) -> &'static str {
        self.facts().invite_link_base
    }

    /// Lowercase name, `discord` or `fluxer`.
    pub const fn name(self) -> &'static str {
        self.facts().name
    }

    /// The proactive global limit in requests per second a client should keep to (Discord: 50;
    /// Fluxer: none, its limits are per route). Global 429s are honoured either way.
    pub const fn global_limit(self) -> Option<NonZeroU32> {
        self.facts().global_limit
    }

    /// The hosts that serve this platform's invite links, the canonical short host first.
    pub const fn invite_hosts(self) -> &'static [InviteHost] {
        self.facts().invite_hosts
    }

    /// Every range request parameters are checked against on this platform, each from the
    /// source named in the platform's table.
    pub fn limits(self) -> Limits {
        self.facts().limits.clone()
    }

    /// The allowed `max_age` of a guild channel's invite, in seconds (0: never expires).
    pub const fn max_age_range(self) -> RangeInclusive<u32> {
        copy(&self.facts().limits.max_age)
    }

    /// The allowed `max_age` of a group DM's invite, in seconds.
    pub const fn group_dm_max_age_range(self) -> RangeInclusive<u32> {
        copy(&self.facts().limits.group_dm_max_age)
    }

    /// The allowed `max_uses` (0: unlimited).
    pub const fn max_uses_range(self) -> RangeInclusive<u32> {
        copy(&self.facts().limits.max_uses)
    }

    /// The `max_age` the API applies when none is sent (Discord: 86400; Fluxer: 0, never).
    pub const fn default_max_age(self) -> u32 {
        self.facts().default_max_age
    }

    /// Whether the platform has friend invites (`/users/@me/invites`): Discord does (user
    /// tokens), Fluxer does not.
    pub const fn has_friend_invites(self) -> bool {
        self.facts().friend_invites
    }
}

const fn copy(range: &RangeInclusive<u32>) -> RangeInclusive<u32> {
    RangeInclusive::new(*range.start(), *range.end())
}

impl core::fmt::Display for Platform {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn tables() {
        for p in Platform::ALL {
            assert!(p.base_url().starts_with("https://") && !p.base_url().ends_with('/'));
            assert!(p.invite_link_base().ends_with(p.invite_hosts()[0].name));
            for host in p.invite_hosts() {
                assert_eq!(host.name, host.name.to_ascii_lowercase());
                for sub in host.subdomains {
                    assert!(
                        sub.ends_with('.') && *sub == sub.to_ascii_lowercase(),
                        "{sub}"
                    );
                }
            }
            let limits = p.limits();
            assert_eq!(limits.max_age, p.max_age_range());
            assert_eq!(limits.group_dm_max_age, p.group_dm_max_age_range());
            assert_eq!(limits.max_uses, p.max_uses_range());
            assert!(p.max_age_range().contains(&p.default_max_age()));
            assert!(p.group_dm_max_age_range().end() <= p.max_age_range().end());
            assert_eq!(*p.max_uses_range().start(), 0);
        }
        assert_eq!(Platform::Discord.max_uses_range(), 0..=100);
        assert_eq!(Platform::Discord.default_max_age(), 86_400);
        assert_eq!(Platform::Fluxer.group_dm_max_age_range(), 0..=604_800);
        assert_eq!(Platform::Fluxer.to_string(), "fluxer");
        // The OpenAPI description, not the prose, is the authority for Discord.
        assert_eq!(Platform::Discord.max_age_range(), 0..=5_184_000);
        assert_eq!(Platform::Discord.group_dm_max_age_range(), 1..=604_800);
        assert_eq!(Platform::Discord.limits().role_ids_max, Some(250));
        assert_eq!(Platform::Fluxer.limits().role_ids_max, None);
        assert_eq!(Platform::Fluxer.limits().vanity_code_len, Some(2..=32));
        assert_eq!(Platform::Discord.limits().vanity_code_len, None);
        assert_eq!(
            Platform::Discord.limits().incident_pause_max_secs,
            Some(86_400)
        );
        assert!(Platform::Discord.has_friend_invites() && !Platform::Fluxer.has_friend_invites());
        let changed = Platform::Discord
            .limits()
            .with_max_age(0..=1)
            .with_group_dm_max_age(1..=2)
            .with_max_uses(0..=3)
            .with_role_ids_max(None)
            .with_vanity_code_len(Some(3..=4))
            .with_incident_pause_max_secs(None);
        assert_eq!(
            (changed.max_age, changed.group_dm_max_age, changed.max_uses),
            (0..=1, 1..=2, 0..=3)
        );
        assert_eq!(
            (
                changed.role_ids_max,
                changed.vanity_code_len,
                changed.incident_pause_max_secs
            ),
            (None, Some(3..=4), None)
        );
    }
}
