//! [`InviteCode`]: a validated invite code, parsed from a code or from any invite link.

use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::platform::{InvitePath, Platform};
use crate::primitive::snowflake::{Snowflake, parse_decimal};

pub mod scan;
pub(crate) mod vanity_code;

/// A validated invite code: 2 to 32 characters from `A-Z a-z 0-9 -`, stored inline (no heap).
///
/// # What a code is
///
/// A code is 2 to 32 characters from `A-Z a-z 0-9 -`:
/// - Discord's random codes are 6 to 16 alphanumerics (8 today, 6-7 and 10 in older ones, 16 in
///   the docs' example), and its vanity codes are 2 to 25 alphanumerics or `-`;
/// - Fluxer's codes are 8 alphanumerics, and its link pattern accepts `[a-zA-Z0-9-]{2,32}`.
///
/// So `[A-Za-z0-9-]{2,32}` accepts every code either API hands out, while refusing anything that
/// would change the meaning of a request path (`/`, `?`, `#`, `%`, `.`), or that is clearly not
/// a code (whitespace, control characters, non-ASCII). Longer patterns seen in the wild
/// (`[\w-]{2,255}`) would let through `_` and 200-character strings that no API issues.
///
/// # Links
///
/// [`InviteCode::parse`] and [`InviteCode::parse_link`] accept, with `http://`, `https://` or no
/// scheme, host names in any case, a trailing `/`, a query and a fragment, the hosts of
/// [`Platform::invite_hosts`] (the same table the [scanner](crate::scan_invite_links) reads):
///
/// | link | platform |
/// |---|---|
/// | `discord.gg/CODE`, `discord.gg/invite/CODE` (also `www.`) | Discord |
/// | `discord.com/invite/CODE`, `discordapp.com/invite/CODE` (also `www.`, `ptb.`, `canary.`) | Discord |
/// | `fluxer.gg/CODE` (not `fluxer.gg/invite/CODE`, which Fluxer does not route; also `www.`) | Fluxer |
/// | `web.fluxer.app/invite/CODE`, `web.fluxer.app/#/invite/CODE` | Fluxer |
///
/// (`discord.gg/invite` alone is the code `invite`.) The query parameter `event` (`?event=ID`,
/// percent-decoded) is the scheduled event the link points at; other
/// query parameters and the fragment are ignored. Surrounding whitespace is trimmed. Input that
/// has a scheme, or a `/` after a first segment containing a `.`, is a link; anything else is a
/// bare code.
///
/// ```
/// use invite_model::{InviteCode, Platform};
/// let code = InviteCode::parse("https://discord.com/invite/discord-developers/").unwrap();
/// assert_eq!(code.as_str(), "discord-developers");
/// assert_eq!(code.link(Platform::Fluxer).to_string(), "https://fluxer.gg/discord-developers");
/// assert_eq!(
///     InviteCode::parse("jvu/BeT38").unwrap_err().to_string(),
///     "invalid character '/' (a path separator) at byte 3: invite codes contain only A-Z, a-z, 0-9 and '-'"
/// );
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InviteCode(heapless::String<32>);

/// An invite link taken apart by [`InviteCode::parse_link`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct InviteLink {
    /// The invite code.
    pub code: InviteCode,
    /// The scheduled event of `?event=ID`, if the link had one.
    pub event_id: Option<Snowflake>,
    /// The platform of the link's host; `None` when a bare code was given.
    pub platform: Option<Platform>,
}

/// Why a string is not an invite code or invite link.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InviteCodeError {
    /// Nothing but whitespace was given.
    Empty,
    /// The code has fewer than [`InviteCode::MIN_LEN`] characters.
    TooShort {
        /// Its length.
        len: usize,
    },
    /// The code has more than [`InviteCode::MAX_LEN`] characters.
    TooLong {
        /// Its length.
        len: usize,
    },
    /// A character that cannot be in a code.
    InvalidChar {
        /// The character.
        ch: char,
        /// Its byte offset in the input.
        offset: usize,
    },
    /// A link whose host is not an invite host.
    UnknownHost {
        /// The host as given (at most 64 bytes of it).
        host: String,
        /// Its byte offset in the input.
        offset: usize,
    },
    /// A link to a known host whose path is not an invite path (`discord.com/channels/...`).
    NotInvitePath {
        /// Byte offset of the path in the input.
        offset: usize,
    },
    /// A link without a code (`https://discord.gg/`).
    MissingCode,
    /// The link's `event` query parameter is not a snowflake.
    InvalidEventId {
        /// The value as given (at most 64 bytes of it).
        value: String,
        /// Its byte offset in the input.
        offset: usize,
    },
}

/// What kind of thing an invalid character is, for error messages.
fn char_problem(ch: char) -> &'static str {
    match ch {
        '/' => "a path separator",
        '?' => "a query",
        '#' => "a fragment",
        '%' => "percent-encoding",
        '.' => "a dot",
        c if c.is_whitespace() => "whitespace",
        c if c.is_control() => "a control character",
        c if !c.is_ascii() => "a non-ascii character",
        _ => "not a letter, digit or '-'",
    }
}

impl fmt::Display for InviteCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("invite code is empty"),
            Self::TooShort { len } => write!(
                f,
                "invite code is too short ({len} character{}, the minimum is {})",
                if *len == 1 { "" } else { "s" },
                InviteCode::MIN_LEN
            ),
            Self::TooLong { len } => write!(
                f,
                "invite code is too long ({len} characters, the maximum is {})",
                InviteCode::MAX_LEN
            ),
            Self::InvalidChar { ch, offset } => write!(
                f,
                "invalid character '{}' ({}) at byte {offset}: invite codes contain only A-Z, a-z, 0-9 and '-'",
                ch.escape_debug(),
                char_problem(*ch)
            ),
            Self::UnknownHost { host, offset } => write!(
                f,
                "unknown invite host {host:?} at byte {offset}: expected {KnownHosts}"
            ),
            Self::NotInvitePath { offset } => write!(
                f,
                "the link's path at byte {offset} is not an invite path (expected /invite/CODE)"
            ),
            Self::MissingCode => f.write_str("invite link has no code"),
            Self::InvalidEventId { value, offset } => write!(
                f,
                "invalid event id {value:?} at byte {offset}: expected a decimal snowflake"
            ),
        }
    }
}

impl core::error::Error for InviteCodeError {}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
pub(crate) fn truncate_str(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

/// The schemes an invite link may start with (any case), for [`InviteCode::parse_link`] and the
/// [scanner](crate::scan_invite_links).
pub(crate) const SCHEMES: [&str; 2] = ["https://", "http://"];

/// Whether `b` can be in an invite code: `A-Z a-z 0-9 -`. The one statement of the code
/// alphabet, for [`InviteCode::parse_link`] and the [scanner](crate::scan_invite_links).
pub(crate) const fn is_code_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// The length of the host `name` (with one of `subdomains` before it, or none) that `s` starts
/// with, when the host ends there: at the end of `s` or before a `/`. Any case.
pub(crate) fn host_len_at(s: &[u8], name: &str, subdomains: &[&str]) -> Option<usize> {
    core::iter::once("")
        .chain(subdomains.iter().copied())
        .find_map(|sub| {
            let len = sub.len() + name.len();
            let head = s.get(..len)?;
            let ends = matches!(s.get(len), None | Some(b'/'));
            (ends
                && head[..sub.len()].eq_ignore_ascii_case(sub.as_bytes())
                && head[sub.len()..].eq_ignore_ascii_case(name.as_bytes()))
            .then_some(len)
        })
}

/// The invite host named `host` (any case, with one of its subdomains or none) and its platform.
fn known_host(host: &str) -> Option<(InvitePath, Platform)> {
    Platform::ALL.iter().find_map(|&platform| {
        platform
            .invite_hosts()
            .iter()
            .find(|h| host_len_at(host.as_bytes(), h.name, h.subdomains) == Some(host.len()))
            .map(|h| (h.path, platform))
    })
}

/// The first `event` parameter of a query (without its `?`): its value and the value's offset
/// in the query. Other parameters are skipped.
pub(crate) fn first_event_param(query: &str) -> Option<(usize, &str)> {
    let mut at = 0;
    for pair in query.split('&') {
        if let Some(value) = pair.strip_prefix("event=") {
            return Some((at + "event=".len(), value));
        }
        at += pair.len() + 1;
    }
    None
}

/// An `event` value as a snowflake: decimal digits, each possibly percent-encoded (`%34%32` is
/// 42); anything else, or more than fits a `u64`, is `None`. Reads without allocating.
pub(crate) fn event_id_from_value(value: &str) -> Option<Snowflake> {
    let bytes = value.as_bytes();
    let mut digits = [0u8; 20];
    let (mut i, mut n) = (0, 0);
    while i < bytes.len() {
        let b = if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = core::str::from_utf8(hex).ok()?;
            i += 3;
            u8::from_str_radix(hex, 16).ok()?
        } else {
            i += 1;
            bytes[i - 1]
        };
        *digits.get_mut(n)? = b;
        n += 1;
    }
    parse_decimal(&digits[..n]).map(Snowflake)
}

/// The code part of an invite link's path: `rest` is what follows the host (`/invite/abc?x`),
/// starting at byte `path_offset` of the input. Returns the code as written (trailing `/`
/// removed), its offset, and what follows it (empty, or from its `?` or `#`). The prefixes of
/// [`InvitePath::prefixes`] are tried in order; an empty code falls through to the next one.
fn code_in_path(
    rest: &str,
    rule: InvitePath,
    path_offset: usize,
) -> Result<(&str, usize, &str), InviteCodeError> {
    let prefixes = rule.prefixes();
    for (n, prefix) in prefixes.iter().enumerate() {
        let Some(after) = rest.strip_prefix(prefix) else {
            continue;
        };
        let raw_end = after.find(['?', '#']).unwrap_or(after.len());
        let raw = after.get(..raw_end).unwrap_or_default();
        let code = raw.strip_suffix('/').unwrap_or(raw);
        if code.is_empty() {
            if n + 1 < prefixes.len() {
                continue;
            }
            return Err(InviteCodeError::MissingCode);
        }
        return Ok((
            code,
            path_offset + prefix.len(),
            after.get(raw_end..).unwrap_or_default(),
        ));
    }
    let path = rest
        .get(..rest.find(['?', '#']).unwrap_or(rest.len()))
        .unwrap_or_default();
    // `discord.com/invite`, `web.fluxer.app/#/invite`: a prefix without its last `/`.
    let bare_prefix = prefixes.iter().any(|p| {
        rest.strip_prefix(p.strip_suffix('/').unwrap_or(p))
            .is_some_and(|after| after.is_empty() || after.starts_with(['?', '#']))
    });
    if path.is_empty() || bare_prefix {
        return Err(InviteCodeError::MissingCode);
    }
    Err(InviteCodeError::NotInvitePath {
        offset: path_offset,
    })
}

/// Every invite host: `discord.gg, discord.com, ... or web.fluxer.app`.
struct KnownHosts;

impl fmt::Display for KnownHosts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut hosts = Platform::ALL
            .iter()
            .flat_map(|p| p.invite_hosts().iter())
            .peekable();
        let mut first = true;
        while let Some(host) = hosts.next() {
            if !first {
                f.write_str(if hosts.peek().is_some() { ", " } else { " or " })?;
            }
            first = false;
            f.write_str(host.name)?;
        }
        Ok(())
    }
}

/// `s` without a case-insensitive ASCII `prefix`, if it has it.
fn strip_prefix_ignore_case<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

impl InviteCode {
    /// The fewest characters a code has.
    pub const MIN_LEN: usize = 2;
    /// The most characters a code has.
    pub const MAX_LEN: usize = 32;

    /// Parses a bare code or an invite link (see [`InviteCode`] for the forms) into its
    /// code.
    pub fn parse(input: &str) -> Result<Self, InviteCodeError> {
        Self::parse_link(input).map(|link| link.code)
    }

    /// Parses a bare code or an invite link into its code, its `?event=` id and its platform.
    ///
    /// ```
    /// use invite_model::{InviteCode, Platform, Snowflake};
    /// let link = InviteCode::parse_link(" discord.gg/jvuBeT38?event=1046920999469330512 ").unwrap();
    /// assert_eq!(link.code, "jvuBeT38");
    /// assert_eq!(link.event_id, Some(Snowflake(1_046_920_999_469_330_512)));
    /// assert_eq!(link.platform, Some(Platform::Discord));
    /// ```
    pub fn parse_link(input: &str) -> Result<InviteLink, InviteCodeError> {
        let s = input.trim_start();
        let base = input.len() - s.len();
        let s = s.trim_end();
        if s.is_empty() {
            return Err(InviteCodeError::Empty);
        }

        let (after_scheme, has_scheme) = match SCHEMES
            .iter()
            .find_map(|scheme| strip_prefix_ignore_case(s, scheme))
        {
            Some(rest) => (rest, true),
            None => (s, false),
        };
        let scheme_len = s.len() - after_scheme.len();
        let host_end = after_scheme
            .find(['/', '?', '#'])
            .unwrap_or(after_scheme.len());
        let host = after_scheme.get(..host_end).unwrap_or_default();
        let Some((rule, platform)) = known_host(host) else {
            let has_path = after_scheme.len() > host.len();
            if has_scheme || (has_path && host.contains('.')) {
                return Err(InviteCodeError::UnknownHost {
                    host: String::from(truncate_str(host, 64)),
                    offset: base + scheme_len,
                });
            }
            let code = Self::validate(s, base)?;
            return Ok(InviteLink {
                code,
                event_id: None,
                platform: None,
            });
        };

        let path_offset = base + scheme_len + host_end;
        let rest = after_scheme.get(host_end..).unwrap_or_default();
        let (code_part, code_offset, tail) = code_in_path(rest, rule, path_offset)?;
        let code = Self::validate(code_part, code_offset)?;

        let event_id = match tail.strip_prefix('?') {
            Some(query) => {
                let query_offset = path_offset + rest.len() - tail.len() + 1;
                let query = query.split('#').next().unwrap_or_default();
                match first_event_param(query) {
                    None => None,
                    Some((at, value)) => Some(event_id_from_value(value).ok_or_else(|| {
                        InviteCodeError::InvalidEventId {
                            value: String::from(truncate_str(value, 64)),
                            offset: query_offset + at,
                        }
                    })?),
                }
            }
            None => None,
        };
        Ok(InviteLink {
            code,
            event_id,
            platform: Some(platform),
        })
    }

    /// Checks a bare code, found at byte `offset` of the input.
    fn validate(code: &str, offset: usize) -> Result<Self, InviteCodeError> {
        if let Some((i, ch)) = code
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii() && is_code_byte(c as u8)))
        {
            return Err(InviteCodeError::InvalidChar {
                ch,
                offset: offset + i,
            });
        }
        // Only ASCII is left, so bytes are characters.
        let len = code.len();
        if len < Self::MIN_LEN {
            return Err(InviteCodeError::TooShort { len });
        }
        heapless::String::try_from(code)
            .map(Self)
            .map_err(|_| InviteCodeError::TooLong { len })
    }

    /// Checks an exact code: no link, no trimming. This is what deserializing accepts.
    ///
    /// ```
    /// use invite_model::InviteCode;
    /// assert!(InviteCode::from_code("jvuBeT38").is_ok());
    /// assert_eq!(
    ///     InviteCode::from_code(" jvuBeT38").unwrap_err().to_string(),
    ///     "invalid character ' ' (whitespace) at byte 0: invite codes contain only A-Z, a-z, 0-9 and '-'"
    /// );
    /// ```
    pub fn from_code(code: &str) -> Result<Self, InviteCodeError> {
        if code.is_empty() {
            return Err(InviteCodeError::Empty);
        }
        Self::validate(code, 0)
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The canonical share link of this code on `platform` (`https://discord.gg/CODE`,
    /// `https://fluxer.gg/CODE`), written without allocating.
    pub fn link(&self, platform: Platform) -> InviteUrl<'_> {
        InviteUrl::new(platform, self.as_str())
    }
}

impl InviteLink {
    /// The canonical form of this link: its platform's short link (or `fallback`'s when a bare
    /// code was parsed), with `?event=ID` if it had an event.
    ///
    /// ```
    /// use invite_model::{InviteCode, Platform};
    /// let link = InviteCode::parse_link("http://www.discordapp.com/invite/abc?event=42&x=1").unwrap();
    /// assert_eq!(link.link(Platform::Fluxer).to_string(), "https://discord.gg/abc?event=42");
    /// ```
    pub fn link(&self, fallback: Platform) -> InviteUrl<'_> {
        InviteUrl {
            platform: self.platform.unwrap_or(fallback),
            code: self.code.as_str(),
            event_id: self.event_id,
        }
    }
}

/// The shareable link of an invite code, written through [`Display`](fmt::Display) without
/// allocating: `https://discord.gg/CODE` or `https://fluxer.gg/CODE`, with `?event=ID` when it
/// points at a scheduled event. From [`InviteCode::link`], [`InviteLink::link`] or
/// `Invite::link`.
///
/// The code is percent-encoded (RFC 3986 unreserved bytes kept), so even a code that did not go
/// through [`InviteCode::parse`] cannot change the link's path or query.
///
/// ```
/// use invite_model::{InviteUrl, Platform, Snowflake};
/// assert_eq!(InviteUrl::new(Platform::Fluxer, "abc-123").to_string(), "https://fluxer.gg/abc-123");
/// assert_eq!(InviteUrl::new(Platform::Discord, "a/b?c").to_string(), "https://discord.gg/a%2Fb%3Fc");
/// assert_eq!(
///     InviteUrl::new(Platform::Discord, "alien").with_event(Snowflake(42)).to_string(),
///     "https://discord.gg/alien?event=42"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct InviteUrl<'a> {
    /// Which short host to use.
    pub platform: Platform,
    /// The invite code.
    pub code: &'a str,
    /// The scheduled event the link points at (`?event=ID`).
    pub event_id: Option<Snowflake>,
}

impl<'a> InviteUrl<'a> {
    /// The link of `code` on `platform`.
    pub const fn new(platform: Platform, code: &'a str) -> Self {
        Self {
            platform,
            code,
            event_id: None,
        }
    }

    /// The same link pointing at a scheduled event (`?event=ID`).
    #[must_use]
    pub const fn with_event(self, event_id: Snowflake) -> Self {
        Self {
            event_id: Some(event_id),
            ..self
        }
    }
}

impl fmt::Display for InviteUrl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}",
            self.platform.invite_link_base(),
            crate::primitive::percent::percent_encode(self.code)
        )?;
        if let Some(id) = self.event_id {
            write!(f, "?event={id}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for InviteCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "InviteCode({:?})", self.as_str())
    }
}

impl fmt::Display for InviteCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for InviteCode {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for InviteCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for InviteCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl FromStr for InviteCode {
    type Err = InviteCodeError;

    /// Same as [`InviteCode::parse`]: a bare code or a link.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<&str> for InviteCode {
    type Error = InviteCodeError;

    /// Same as [`InviteCode::parse`]: a bare code or a link.
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::parse(s)
    }
}

impl Serialize for InviteCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

struct InviteCodeVisitor;

impl Visitor<'_> for InviteCodeVisitor {
    type Value = InviteCode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an invite code (2 to 32 characters from A-Z, a-z, 0-9 and '-')")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<InviteCode, E> {
        InviteCode::from_code(v).map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for InviteCode {
    /// Reads an exact code (as the APIs send it), not a link: see [`InviteCode::from_code`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(InviteCodeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::ToString;
    use proptest::prelude::*;

    fn code(s: &str) -> String {
        InviteCode::parse(s).map(|c| c.to_string()).unwrap()
    }

    fn err(s: &str) -> String {
        InviteCode::parse(s).unwrap_err().to_string()
    }

    #[test]
    fn accepts_codes_and_every_link_form() {
        for input in [
            "jvuBeT38",
            "  jvuBeT38\n",
            "https://discord.gg/jvuBeT38",
            "http://discord.gg/jvuBeT38",
            "discord.gg/jvuBeT38",
            "discord.gg/jvuBeT38/",
            "DISCORD.GG/jvuBeT38",
            "HTTPS://Discord.GG/jvuBeT38",
            "www.discord.gg/jvuBeT38",
            "discord.gg/invite/jvuBeT38",
            "https://discord.com/invite/jvuBeT38",
            "https://www.discord.com/invite/jvuBeT38/",
            "discordapp.com/invite/jvuBeT38",
            "https://discord.gg/jvuBeT38?event=1",
            "https://discord.gg/jvuBeT38#frag",
            "https://discord.gg/jvuBeT38/?utm=x#frag",
            "fluxer.gg/jvuBeT38",
            "https://fluxer.gg/jvuBeT38",
            "https://web.fluxer.app/invite/jvuBeT38",
            "https://web.fluxer.app/#/invite/jvuBeT38",
            "web.fluxer.app/#/invite/jvuBeT38/?event=1",
            "ptb.discord.com/invite/jvuBeT38",
            "https://canary.discordapp.com/invite/jvuBeT38",
            "CANARY.Discord.com/invite/jvuBeT38",
            "www.fluxer.gg/jvuBeT38",
        ] {
            assert_eq!(code(input), "jvuBeT38", "{input}");
        }
        assert_eq!(code("discord-developers"), "discord-developers");
        assert_eq!(code("ab"), "ab");
        assert_eq!(code(&"a".repeat(32)), "a".repeat(32));
        // A vanity code that happens to be "invite" on discord.gg.
        assert_eq!(code("discord.gg/invite"), "invite");
        assert_eq!(code("discord.gg/invite/"), "invite");
        assert_eq!(code("discord.gg/invite/invite"), "invite");
    }

    #[test]
    fn links_carry_platform_and_event() {
        let l = InviteCode::parse_link("https://discord.gg/abc?x=1&event=1046920999469330512#x")
            .unwrap();
        assert_eq!(l.code, "abc");
        assert_eq!(l.event_id, Some(Snowflake(1_046_920_999_469_330_512)));
        assert_eq!(l.platform, Some(Platform::Discord));

        let l = InviteCode::parse_link("web.fluxer.app/invite/abcdEF12").unwrap();
        assert_eq!(l.platform, Some(Platform::Fluxer));
        assert_eq!(l.event_id, None);

        let l = InviteCode::parse_link("abc").unwrap();
        assert_eq!(l.platform, None);
        assert_eq!(
            l.link(Platform::Fluxer).to_string(),
            "https://fluxer.gg/abc"
        );

        let l = InviteCode::parse_link("https://web.fluxer.app/#/invite/abc?event=7").unwrap();
        assert_eq!(
            (l.platform, l.event_id),
            (Some(Platform::Fluxer), Some(Snowflake(7)))
        );
        let l = InviteCode::parse_link("canary.discord.com/invite/abc").unwrap();
        assert_eq!(l.platform, Some(Platform::Discord));

        let l = InviteCode::parse_link("discord.gg/abc?event=%34%32").unwrap();
        assert_eq!(l.event_id, Some(Snowflake(42)));
        assert_eq!(
            l.link(Platform::Fluxer).to_string(),
            "https://discord.gg/abc?event=42"
        );
    }

    #[test]
    fn rejects_bad_characters_with_offsets() {
        assert_eq!(
            err("ab/cd"),
            "invalid character '/' (a path separator) at byte 2: invite codes contain only A-Z, a-z, 0-9 and '-'"
        );
        assert_eq!(
            err("abc?event=1"),
            "invalid character '?' (a query) at byte 3: invite codes contain only A-Z, a-z, 0-9 and '-'"
        );
        assert_eq!(
            err("abc#x"),
            "invalid character '#' (a fragment) at byte 3: invite codes contain only A-Z, a-z, 0-9 and '-'"
        );
        assert_eq!(
            err("discord.gg/ab%20c"),
            "invalid character '%' (percent-encoding) at byte 13: invite codes contain only A-Z, a-z, 0-9 and '-'"
        );
        assert_eq!(
            err("abc.def"),
            "invalid character '.' (a dot) at byte 3: invite codes contain only A-Z, a-z, 0-9 and '-'"
        );
        assert_eq!(
            err(" ab cd "),
            "invalid character ' ' (whitespace) at byte 3: invite codes contain only A-Z, a-z, 0-9 and '-'"
        );
        assert_eq!(
            err("ab\u{7}"),
            "invalid character '\\u{7}' (a control character) at byte 2: invite codes contain only A-Z, a-z, 0-9 and '-'"
        );
        assert_eq!(
            err("abé"),
            "invalid character 'é' (a non-ascii character) at byte 2: invite codes contain only A-Z, a-z, 0-9 and '-'"
        );
        assert_eq!(
            err("ab_c"),
            "invalid character '_' (not a letter, digit or '-') at byte 2: invite codes contain only A-Z, a-z, 0-9 and '-'"
        );
        assert_eq!(
            InviteCode::parse("https://discord.gg/ab\u{0}c").unwrap_err(),
            InviteCodeError::InvalidChar {
                ch: '\0',
                offset: 21
            }
        );
    }

    #[test]
    fn rejects_lengths_and_empty() {
        assert_eq!(err(""), "invite code is empty");
        assert_eq!(err(" \t\n"), "invite code is empty");
        assert_eq!(
            err("a"),
            "invite code is too short (1 character, the minimum is 2)"
        );
        assert_eq!(
            err(&"a".repeat(33)),
            "invite code is too long (33 characters, the maximum is 32)"
        );
        assert_eq!(
            InviteCode::parse("discord.gg/x").unwrap_err(),
            InviteCodeError::TooShort { len: 1 }
        );
    }

    #[test]
    fn rejects_bad_links() {
        assert_eq!(
            err("https://example.com/abc"),
            "unknown invite host \"example.com\" at byte 8: expected discord.gg, discord.com, discordapp.com, fluxer.gg or web.fluxer.app"
        );
        assert_eq!(
            InviteCode::parse("evil.discord.gg/abc").unwrap_err(),
            InviteCodeError::UnknownHost {
                host: "evil.discord.gg".into(),
                offset: 0
            }
        );
        assert_eq!(
            InviteCode::parse("https://discord.gg:443/abc").unwrap_err(),
            InviteCodeError::UnknownHost {
                host: "discord.gg:443".into(),
                offset: 8
            }
        );
        assert_eq!(err("https://discord.gg/"), "invite link has no code");
        assert_eq!(err("https://discord.gg"), "invite link has no code");
        assert_eq!(err("discord.com/invite/"), "invite link has no code");
        assert_eq!(err("discord.com/invite"), "invite link has no code");
        assert_eq!(
            err("https://discord.com/channels/1/2"),
            "the link's path at byte 19 is not an invite path (expected /invite/CODE)"
        );
        assert_eq!(
            err("discord.com/abc"),
            "the link's path at byte 11 is not an invite path (expected /invite/CODE)"
        );
        assert_eq!(
            err("discord.com/invitex/abc"),
            "the link's path at byte 11 is not an invite path (expected /invite/CODE)"
        );
        // Fluxer does not route fluxer.gg/invite/CODE.
        assert_eq!(
            err("fluxer.gg/invite/abc"),
            "invalid character '/' (a path separator) at byte 16: invite codes contain only A-Z, a-z, 0-9 and '-'"
        );
        assert_eq!(
            err("web.fluxer.app/abc"),
            "the link's path at byte 14 is not an invite path (expected /invite/CODE)"
        );
        assert_eq!(err("web.fluxer.app/#/invite/"), "invite link has no code");
        assert_eq!(err("web.fluxer.app/#/invite"), "invite link has no code");
        assert_eq!(
            err("web.fluxer.app/#/x"),
            "the link's path at byte 14 is not an invite path (expected /invite/CODE)"
        );
        assert_eq!(
            err("discord.com/"),
            "the link's path at byte 11 is not an invite path (expected /invite/CODE)"
        );
        // Subdomains belong to their host: `ptb.` is Discord's client, not a Fluxer one.
        assert_eq!(
            InviteCode::parse("ptb.discord.gg/abc").unwrap_err(),
            InviteCodeError::UnknownHost {
                host: "ptb.discord.gg".into(),
                offset: 0
            }
        );
        assert_eq!(
            InviteCode::parse("www.www.discord.gg/abc").unwrap_err(),
            InviteCodeError::UnknownHost {
                host: "www.www.discord.gg".into(),
                offset: 0
            }
        );
        assert_eq!(
            InviteCode::parse("https://web.fluxer.app/#/invite/ab/c").unwrap_err(),
            InviteCodeError::InvalidChar {
                ch: '/',
                offset: 34
            }
        );
        assert_eq!(
            err("discord.gg/abc?event=12x"),
            "invalid event id \"12x\" at byte 21: expected a decimal snowflake"
        );
        assert_eq!(
            err("discord.gg/abc?a=b&event="),
            "invalid event id \"\" at byte 25: expected a decimal snowflake"
        );
        assert_eq!(
            err("discord.gg/abc?event=%zz"),
            "invalid event id \"%zz\" at byte 21: expected a decimal snowflake"
        );
    }

    #[test]
    fn links_and_traits() {
        let c = InviteCode::parse("jvuBeT38").unwrap();
        assert_eq!(
            c.link(Platform::Discord).to_string(),
            "https://discord.gg/jvuBeT38"
        );
        assert_eq!(
            c.link(Platform::Fluxer).to_string(),
            "https://fluxer.gg/jvuBeT38"
        );
        assert_eq!(
            c.link(Platform::Discord)
                .with_event(Snowflake(7))
                .to_string(),
            "https://discord.gg/jvuBeT38?event=7"
        );
        assert_eq!(format!("{c:?}"), "InviteCode(\"jvuBeT38\")");
        assert_eq!("jvuBeT38".parse::<InviteCode>().unwrap(), c);
        assert_eq!(InviteCode::try_from("discord.gg/jvuBeT38").unwrap(), c);
        assert!(InviteCode::parse("AB").unwrap() < InviteCode::parse("ab").unwrap());
        assert_eq!(c.as_ref(), "jvuBeT38");
    }

    #[test]
    fn serde_is_a_validated_string() {
        let c = InviteCode::parse("jvuBeT38").unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"jvuBeT38\"");
        assert_eq!(
            serde_json::from_str::<InviteCode>("\"jvuBeT38\"").unwrap(),
            c
        );
        assert_eq!(
            serde_json::from_str::<InviteCode>("\"discord.gg/jvuBeT38\"")
                .unwrap_err()
                .to_string(),
            "invalid character '.' (a dot) at byte 7: invite codes contain only A-Z, a-z, 0-9 and '-' at line 1 column 21"
        );
        assert_eq!(
            serde_json::from_str::<InviteCode>("5")
                .unwrap_err()
                .to_string(),
            "invalid type: integer `5`, expected an invite code (2 to 32 characters from A-Z, a-z, 0-9 and '-') at line 1 column 1"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn parse_never_panics_and_accepts_only_code_chars(s in any::<String>()) {
            if let Ok(link) = InviteCode::parse_link(&s) {
                let c = link.code.as_str();
                prop_assert!(c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
                prop_assert!((InviteCode::MIN_LEN..=InviteCode::MAX_LEN).contains(&c.len()));
            }
        }

        #[test]
        fn link_like_inputs_never_panic(
            scheme in "(https?://)?(www\\.)?",
            host in "(discord\\.gg|discord\\.com|discordapp\\.com|fluxer\\.gg|web\\.fluxer\\.app|[a-z.]{0,8})",
            path in "[/a-zA-Z0-9?#&=%._-]{0,40}",
        ) {
            let input = format!("{scheme}{host}{path}");
            let _ = InviteCode::parse_link(&input);
        }

        #[test]
        fn valid_codes_round_trip(s in "[A-Za-z0-9-]{2,32}", p in prop_oneof![Just(Platform::Discord), Just(Platform::Fluxer)]) {
            let c = InviteCode::parse(&s).unwrap();
            prop_assert_eq!(c.as_str(), s.as_str());
            let json = serde_json::to_string(&c).unwrap();
            prop_assert_eq!(serde_json::from_str::<InviteCode>(&json).unwrap(), c.clone());
            let link = c.link(p).to_string();
            let back = InviteCode::parse_link(&link).unwrap();
            prop_assert_eq!(back.code, c);
            prop_assert_eq!(back.platform, Some(p));
        }
    }
}
