//! [`VanityCode`]: a guild's vanity invite code, as a bot may set it.

use alloc::string::String;
use core::fmt;

use serde::{Serialize, Serializer};

use crate::platform::{Limits, Platform};

/// A vanity invite code checked against a platform's rules for setting one: a length within
/// [`Limits::vanity_code_len`] (Fluxer: 2 to 32) of `a-z`, `0-9` and `-`.
///
/// Only Fluxer lets bots change a guild's vanity code (`PATCH /guilds/{guild_id}/vanity-url`);
/// on Discord it takes a user with two-factor authentication, so building one for Discord is
/// refused.
///
/// ```
/// use invite_model::{Platform, VanityCode};
/// assert_eq!(VanityCode::new("my-guild", Platform::Fluxer).unwrap().as_str(), "my-guild");
/// assert_eq!(
///     VanityCode::new("My-Guild", Platform::Fluxer).unwrap_err().to_string(),
///     "invalid character 'M' (an uppercase letter: vanity codes are lowercase) at byte 0: vanity codes contain only a-z, 0-9 and '-'"
/// );
/// assert_eq!(
///     VanityCode::new("my-guild", Platform::Discord).unwrap_err().to_string(),
///     "discord does not let bots change a vanity code (fluxer does)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VanityCode(String);

/// Why a vanity code cannot be set.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum VanityCodeError {
    /// The platform does not let bots set a vanity code.
    Unsupported {
        /// The platform.
        platform: Platform,
    },
    /// A character that cannot be in a vanity code.
    InvalidChar {
        /// The character.
        ch: char,
        /// Its byte offset in the code.
        offset: usize,
    },
    /// Too short or too long.
    Length {
        /// Its length in characters.
        len: usize,
        /// The fewest allowed.
        min: usize,
        /// The most allowed.
        max: usize,
    },
}

impl fmt::Display for VanityCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unsupported { platform } => write!(
                f,
                "{platform} does not let bots change a vanity code (fluxer does)"
            ),
            Self::InvalidChar { ch, offset } => {
                let what = if ch.is_ascii_uppercase() {
                    "an uppercase letter: vanity codes are lowercase"
                } else if ch.is_whitespace() {
                    "whitespace"
                } else if ch.is_control() {
                    "a control character"
                } else if !ch.is_ascii() {
                    "a non-ascii character"
                } else {
                    "not a lowercase letter, digit or '-'"
                };
                write!(
                    f,
                    "invalid character '{}' ({what}) at byte {offset}: vanity codes contain only a-z, 0-9 and '-'",
                    ch.escape_debug()
                )
            }
            Self::Length { len, min, max } => write!(
                f,
                "vanity code is {len} character{} long, expected {min} to {max}",
                if *len == 1 { "" } else { "s" }
            ),
        }
    }
}

impl core::error::Error for VanityCodeError {}

impl VanityCode {
    /// Checks `code` against `platform`'s rules ([`Platform::limits`]).
    pub fn new(code: &str, platform: Platform) -> Result<Self, VanityCodeError> {
        Self::with_limits(code, platform, &platform.limits())
    }

    /// Checks `code` against `limits` (for a platform that changed its rules): refused when
    /// [`Limits::vanity_code_len`] is `None`, else `a-z 0-9 -` within that length. The code is
    /// taken as it is: no trimming, no lowercasing.
    pub fn with_limits(
        code: &str,
        platform: Platform,
        limits: &Limits,
    ) -> Result<Self, VanityCodeError> {
        let Some(range) = &limits.vanity_code_len else {
            return Err(VanityCodeError::Unsupported { platform });
        };
        if let Some((offset, ch)) = code
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        {
            return Err(VanityCodeError::InvalidChar { ch, offset });
        }
        // Only ASCII is left: bytes are characters.
        if !range.contains(&code.len()) {
            return Err(VanityCodeError::Length {
                len: code.len(),
                min: *range.start(),
                max: *range.end(),
            });
        }
        Ok(Self(String::from(code)))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for VanityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for VanityCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn err(code: &str) -> String {
        VanityCode::new(code, Platform::Fluxer)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn fluxer_rules() {
        for ok in ["ab", "my-guild", "0-9", &"a".repeat(32)] {
            assert_eq!(VanityCode::new(ok, Platform::Fluxer).unwrap().as_str(), ok);
        }
        assert_eq!(
            err("a"),
            "vanity code is 1 character long, expected 2 to 32"
        );
        assert_eq!(
            err(&"a".repeat(33)),
            "vanity code is 33 characters long, expected 2 to 32"
        );
        assert_eq!(
            err(""),
            "vanity code is 0 characters long, expected 2 to 32"
        );
        assert_eq!(
            err("ab_c"),
            "invalid character '_' (not a lowercase letter, digit or '-') at byte 2: vanity codes contain only a-z, 0-9 and '-'"
        );
        assert_eq!(
            err("ab c"),
            "invalid character ' ' (whitespace) at byte 2: vanity codes contain only a-z, 0-9 and '-'"
        );
        assert_eq!(
            err("abé"),
            "invalid character 'é' (a non-ascii character) at byte 2: vanity codes contain only a-z, 0-9 and '-'"
        );
        assert_eq!(
            err("a\u{1b}"),
            "invalid character '\\u{1b}' (a control character) at byte 1: vanity codes contain only a-z, 0-9 and '-'"
        );
        assert_eq!(
            VanityCode::new("ab", Platform::Discord),
            Err(VanityCodeError::Unsupported {
                platform: Platform::Discord
            })
        );
    }

    #[test]
    fn limits_can_be_changed() {
        let limits = Platform::Fluxer.limits().with_vanity_code_len(Some(3..=40));
        assert!(VanityCode::with_limits("ab", Platform::Fluxer, &limits).is_err());
        let long = "a".repeat(40);
        let code = VanityCode::with_limits(&long, Platform::Fluxer, &limits).unwrap();
        assert_eq!(code.to_string(), long);
        assert_eq!(
            serde_json::to_string(&code).unwrap(),
            alloc::format!("\"{long}\"")
        );
        // A platform that started allowing it.
        let discord = Platform::Discord
            .limits()
            .with_vanity_code_len(Some(2..=25));
        assert!(VanityCode::with_limits("alien", Platform::Discord, &discord).is_ok());
    }
}
