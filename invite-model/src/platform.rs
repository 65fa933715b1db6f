//! [`Platform`]: which Discord-compatible API a value comes from or goes to.

/// The API dialect. Most shapes are shared; where they differ (invite `type` 2, the ranges of
/// create-invite parameters, error bodies, rate-limit headers) this says which rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Platform {
    /// Discord, `https://discord.com/api/v10`.
    #[default]
    Discord,
    /// Fluxer, `https://api.fluxer.app/v1`.
    Fluxer,
}

impl Platform {
    /// The API base URL, without a trailing slash.
    pub const fn base_url(self) -> &'static str {
        match self {
            Self::Discord => "https://discord.com/api/v10",
            Self::Fluxer => "https://api.fluxer.app/v1",
        }
    }

    /// The canonical short host of invite links (`https://discord.gg`, `https://fluxer.gg`).
    pub const fn invite_link_base(self) -> &'static str {
        match self {
            Self::Discord => "https://discord.gg",
            Self::Fluxer => "https://fluxer.gg",
        }
    }

    /// Lowercase name, `discord` or `fluxer`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Discord => "discord",
            Self::Fluxer => "fluxer",
        }
    }
}

impl core::fmt::Display for Platform {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}
