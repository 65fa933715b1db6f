//! [`Platform`]: which Discord-compatible API a value comes from or goes to, and every fact that
//! differs between the two, kept once: one table per platform (`DISCORD`, `FLUXER`), each
//! value with a comment naming its source.

use core::num::NonZeroU32;
use core::ops::RangeInclusive;

/// The API dialect. Most shapes are shared; where they differ (invite `type` 2, the ranges of
/// create-invite parameters, error bodies, rate-limit headers) this says which rules apply.
///
/// The per-platform facts (base URL, proactive global limit, invite link hosts, create-invite
/// ranges) are its methods:
///
/// ```
/// use invite_model::Platform;
/// assert_eq!(Platform::Discord.base_url(), "https://discord.com/api/v10");
/// assert_eq!(Platform::Discord.global_limit().map(|n| n.get()), Some(50));
/// assert_eq!(Platform::Fluxer.global_limit(), None);
/// assert_eq!(Platform::Discord.max_age_range(), 0..=604_800);
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

/// A host that serves invite links, and where the code sits in its paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct InviteHost {
    /// The host name, lowercase, without `www.` (`discord.gg`).
    pub name: &'static str,
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
}

/// The facts of one platform. Ranges are inclusive.
struct Facts {
    name: &'static str,
    base_url: &'static str,
    invite_link_base: &'static str,
    global_limit: Option<NonZeroU32>,
    invite_hosts: &'static [InviteHost],
    max_age: RangeInclusive<u32>,
    group_dm_max_age: RangeInclusive<u32>,
    max_uses: RangeInclusive<u32>,
    default_max_age: u32,
}

/// Discord. Sources: the prose docs (`discord-api-docs`, "Create Channel Invite" and "Rate
/// Limits"), its OpenAPI description (`discord-api-spec`), and the unofficial user-API docs
/// (userdoccers), as summarised in `spec/api-reference.md`.
const DISCORD: Facts = Facts {
    name: "discord",
    // Prose docs, "API Reference": base URL and version 10.
    base_url: "https://discord.com/api/v10",
    // Prose docs: the canonical share link is `https://discord.gg/CODE`.
    invite_link_base: "https://discord.gg",
    // Prose docs, "Rate Limits": 50 requests per second per bot.
    global_limit: NonZeroU32::new(50),
    // Prose docs and userdoccers: `discord.gg/CODE`, `discord.gg/invite/CODE`,
    // `discord.com/invite/CODE`, `discordapp.com/invite/CODE`.
    invite_hosts: &[
        InviteHost {
            name: "discord.gg",
            path: InvitePath::CodeOrInvite,
        },
        InviteHost {
            name: "discord.com",
            path: InvitePath::Invite,
        },
        InviteHost {
            name: "discordapp.com",
            path: InvitePath::Invite,
        },
    ],
    // Prose docs: 0 (never) ..= 604800 (7 days). The OpenAPI description allows up to 5184000
    // since 2025-08; the prose value is kept until that is adopted.
    max_age: 0..=604_800,
    // Prose docs and OpenAPI (`CreateGroupDMInviteRequest`): a group DM invite always expires,
    // 1..=604800.
    group_dm_max_age: 1..=604_800,
    // Prose docs and OpenAPI: 0 (unlimited) ..= 100.
    max_uses: 0..=100,
    // Prose docs: `max_age` defaults to 86400 (one day).
    default_max_age: 86_400,
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
    // Fluxer web app: `fluxer.gg/CODE` and `web.fluxer.app/invite/CODE` (`fluxer.gg/invite/CODE`
    // is not matched).
    invite_hosts: &[
        InviteHost {
            name: "fluxer.gg",
            path: InvitePath::Code,
        },
        InviteHost {
            name: "web.fluxer.app",
            path: InvitePath::Invite,
        },
    ],
    // `ChannelInviteCreateRequest`: max_age 0..=604800.
    max_age: 0..=604_800,
    // `ChannelInviteCreateRequest` is the one schema for every channel: 0 is allowed for group DMs.
    group_dm_max_age: 0..=604_800,
    // `ChannelInviteCreateRequest`: max_uses 0..=100.
    max_uses: 0..=100,
    // `ChannelInviteCreateRequest`: max_age defaults to 0 (never expires).
    default_max_age: 0,
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

    /// The allowed `max_age` of a guild channel's invite, in seconds (0: never expires).
    pub const fn max_age_range(self) -> RangeInclusive<u32> {
        copy(&self.facts().max_age)
    }

    /// The allowed `max_age` of a group DM's invite, in seconds.
    pub const fn group_dm_max_age_range(self) -> RangeInclusive<u32> {
        copy(&self.facts().group_dm_max_age)
    }

    /// The allowed `max_uses` (0: unlimited).
    pub const fn max_uses_range(self) -> RangeInclusive<u32> {
        copy(&self.facts().max_uses)
    }

    /// The `max_age` the API applies when none is sent (Discord: 86400; Fluxer: 0, never).
    pub const fn default_max_age(self) -> u32 {
        self.facts().default_max_age
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
            }
            assert!(p.max_age_range().contains(&p.default_max_age()));
            assert!(p.group_dm_max_age_range().end() <= p.max_age_range().end());
            assert_eq!(*p.max_uses_range().start(), 0);
        }
        assert_eq!(Platform::Discord.max_uses_range(), 0..=100);
        assert_eq!(Platform::Discord.default_max_age(), 86_400);
        assert_eq!(Platform::Fluxer.group_dm_max_age_range(), 0..=604_800);
        assert_eq!(Platform::Fluxer.to_string(), "fluxer");
    }
}
