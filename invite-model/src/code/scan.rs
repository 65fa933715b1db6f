//! Invite links in free text: [`scan_invite_links`] and [`ScanOptions::scan`] find every invite
//! link in a message, a bio or a file, without allocating.
//!
//! # What counts as a link
//!
//! A link is reported exactly when a client would open it as an invite. It reads the same host
//! table and code alphabet as [`InviteCode::parse_link`] ([`Platform::invite_hosts`]), so every
//! reported span parses back to the same code:
//!
//! - an optional `http://` or `https://`, then a host of the table (any case), with one of its
//!   subdomains (`www.`; `ptb.` and `canary.` for `discord.com` and `discordapp.com`) or none,
//!   then one of its paths ([`InvitePath::prefixes`]: `discord.gg/CODE`,
//!   `discord.gg/invite/CODE`, `discord.com/invite/CODE`, `fluxer.gg/CODE`,
//!   `web.fluxer.app/invite/CODE`, `web.fluxer.app/#/invite/CODE`, ...);
//! - the host is that host: the byte before the link is not part of a longer name or URL (a
//!   letter, digit, `-`, `.`, `/`, `\`, `@`, `%`, `=`, `?`, `&`, `#` or `+`: `notdiscord.gg/abc`,
//!   `evil.discord.gg/abc` and `example.com/discord.gg/abc` are not invites), and the byte after
//!   the host is `/` (`discord.gg.evil.example/abc`, `discord.gg:443/abc` are not);
//! - the code is 2 to 32 bytes of `A-Z a-z 0-9 -` not followed by another such byte (a
//!   40-character run is not a truncated code);
//! - after the code may come one `/`, then a query (`?event=ID` gives the event; other
//!   parameters are ignored) or a fragment; or punctuation that ends a sentence or closes
//!   markdown or brackets (`.` `,` `;` `:` `!` `'` `"` `)` `]` `}` `>` `*` `_` `~` `|` `` ` ``),
//!   as long as what follows that punctuation does not continue the path (a letter, digit,
//!   `-`, `%`, `/`, `\`, `@`, `=`, `+`, `&` or `$`): `discord.gg/abc.` and `(discord.gg/abc)` are
//!   the code `abc`, `discord.gg/abc.def`, `discord.gg/abc_def` and `discord.gg/abc/def` are not
//!   invites.
//!
//! Anything that is not ASCII (any script) ends a link and may stand right before one. The span
//! of a link goes from its scheme (or its first host byte) to the end of its code.
//!
//! # Linear time
//!
//! The scan never goes back. Each byte position is considered once, in order, and skipped at
//! once unless it holds an ASCII letter or digit after a byte that may precede a host. An
//! attempt at such a position compares the text with each host pattern (work bounded by the
//! total length of the host names), reads at most 33 bytes of code, then the punctuation run or
//! the query that follows. Every byte inside a link (scheme, host, path, code) is one after which
//! no attempt may start, so a punctuation run or query is read by the one attempt whose code it
//! follows, and a reported link's query is skipped by the scan. The work is therefore at most a
//! constant times `n × (1 + h)` for `n` bytes of text and `h` bytes of host names (the tests
//! count it on adversarial inputs); there is no regular-expression engine and no backtracking.
//!
//! ```
//! use invite_model::{Platform, scan_invite_links};
//!
//! let text = "join (https://discord.gg/abc?event=42) or fluxer.gg/xyz. not discord.com/channels/1/2";
//! let found: Vec<_> = scan_invite_links(text).collect();
//! assert_eq!(found.len(), 2);
//! assert_eq!((found[0].platform, found[0].code.as_str()), (Platform::Discord, "abc"));
//! assert_eq!(found[0].text, "https://discord.gg/abc");
//! assert_eq!((found[0].start, found[0].end), (6, 28));
//! assert_eq!(found[0].event_id.map(|e| e.0), Some(42));
//! assert_eq!((found[1].platform, found[1].code.as_str()), (Platform::Fluxer, "xyz"));
//! ```

use core::fmt;

use crate::code::{
    InviteCode, SCHEMES, event_id_from_value, first_event_param, host_len_at, is_code_byte,
};
use crate::platform::{InvitePath, Platform};
use crate::primitive::snowflake::Snowflake;

/// An invite link found in text by [`scan_invite_links`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct FoundLink<'t> {
    /// The link as written, from its scheme or host to the end of its code.
    pub text: &'t str,
    /// Byte offset of the link's first byte in the text.
    pub start: usize,
    /// Byte offset just past the code.
    pub end: usize,
    /// The platform of its host.
    pub platform: Platform,
    /// The invite code.
    pub code: InviteCode,
    /// The scheduled event of a `?event=ID` query, if it has one.
    pub event_id: Option<Snowflake>,
}

/// A host to look for besides the built-in ones (a self-hosted Fluxer instance's), taken as
/// given: no subdomains.
///
/// ```
/// use invite_model::{ExtraHost, InvitePath, Platform, ScanOptions};
/// let hosts = [ExtraHost::new(Platform::Fluxer, "chat.example.org", InvitePath::InviteOrHashInvite).unwrap()];
/// let found: Vec<_> = ScanOptions::new().extra_hosts(&hosts).scan("see chat.example.org/invite/abc123").collect();
/// assert_eq!(found[0].code, "abc123");
/// assert_eq!(
///     ExtraHost::new(Platform::Fluxer, "chat..org", InvitePath::Code).unwrap_err().to_string(),
///     "invalid host name \"chat..org\": empty label at byte 5"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExtraHost<'h> {
    platform: Platform,
    name: &'h str,
    path: InvitePath,
}

/// Why a name cannot be an [`ExtraHost`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum HostNameErrorKind {
    /// The name is empty.
    Empty,
    /// Longer than 253 bytes.
    TooLong,
    /// A byte other than `A-Z a-z 0-9 - .`, at this offset.
    InvalidByte(usize),
    /// A label (between dots) is empty, at this offset.
    EmptyLabel(usize),
}

/// A host name refused by [`ExtraHost::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct HostNameError<'h> {
    /// The name as given.
    pub name: &'h str,
    /// What is wrong with it.
    pub kind: HostNameErrorKind,
}

impl fmt::Display for HostNameError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = crate::code::truncate_str(self.name, 64);
        write!(f, "invalid host name {name:?}: ")?;
        match self.kind {
            HostNameErrorKind::Empty => f.write_str("empty"),
            HostNameErrorKind::TooLong => write!(
                f,
                "{} bytes long, the maximum is {MAX_HOST_LEN}",
                self.name.len()
            ),
            HostNameErrorKind::InvalidByte(at) => {
                write!(f, "only A-Z, a-z, 0-9, '-' and '.' are allowed (byte {at})")
            }
            HostNameErrorKind::EmptyLabel(at) => write!(f, "empty label at byte {at}"),
        }
    }
}

impl core::error::Error for HostNameError<'_> {}

/// The longest host name (RFC 1035).
const MAX_HOST_LEN: usize = 253;

impl<'h> ExtraHost<'h> {
    /// A host `name` (any case; labels of `A-Z a-z 0-9 -` between single dots, at most 253
    /// bytes) serving `platform`'s invites under `path`.
    pub fn new(
        platform: Platform,
        name: &'h str,
        path: InvitePath,
    ) -> Result<Self, HostNameError<'h>> {
        let error = |kind| HostNameError { name, kind };
        if name.is_empty() {
            return Err(error(HostNameErrorKind::Empty));
        }
        if name.len() > MAX_HOST_LEN {
            return Err(error(HostNameErrorKind::TooLong));
        }
        let bytes = name.as_bytes();
        for (at, &b) in bytes.iter().enumerate() {
            if b == b'.' {
                if at == 0 || at + 1 == bytes.len() || bytes[at - 1] == b'.' {
                    return Err(error(HostNameErrorKind::EmptyLabel(at)));
                }
            } else if !is_code_byte(b) {
                return Err(error(HostNameErrorKind::InvalidByte(at)));
            }
        }
        Ok(Self {
            platform,
            name,
            path,
        })
    }

    /// The platform whose invites it serves.
    pub const fn platform(&self) -> Platform {
        self.platform
    }

    /// The host name.
    pub const fn name(&self) -> &'h str {
        self.name
    }

    /// Which of its paths lead to a code.
    pub const fn path(&self) -> InvitePath {
        self.path
    }
}

/// Which links [`ScanOptions::scan`] looks for: the platforms (both by default) and extra
/// hosts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanOptions<'h> {
    platforms: u8,
    extra_hosts: &'h [ExtraHost<'h>],
}

impl Default for ScanOptions<'_> {
    fn default() -> Self {
        Self::new()
    }
}

const fn bit(platform: Platform) -> u8 {
    match platform {
        Platform::Discord => 1,
        Platform::Fluxer => 2,
    }
}

impl<'h> ScanOptions<'h> {
    /// Every platform's built-in hosts, no extra host.
    pub const fn new() -> Self {
        Self {
            platforms: bit(Platform::Discord) | bit(Platform::Fluxer),
            extra_hosts: &[],
        }
    }

    /// Only `platform`'s links.
    pub const fn only(platform: Platform) -> Self {
        Self {
            platforms: bit(platform),
            extra_hosts: &[],
        }
    }

    /// Looks for `platform`'s links (its built-in and extra hosts) or not.
    #[must_use]
    pub const fn platform(mut self, platform: Platform, on: bool) -> Self {
        if on {
            self.platforms |= bit(platform);
        } else {
            self.platforms &= !bit(platform);
        }
        self
    }

    /// Also looks for these hosts (of platforms that are looked for).
    #[must_use]
    pub const fn extra_hosts(mut self, hosts: &'h [ExtraHost<'h>]) -> Self {
        self.extra_hosts = hosts;
        self
    }

    /// Whether `platform`'s links are looked for.
    pub const fn includes(&self, platform: Platform) -> bool {
        self.platforms & bit(platform) != 0
    }

    /// Every invite link in `text`, in order.
    pub fn scan<'t>(&self, text: &'t str) -> InviteLinks<'t, 'h> {
        InviteLinks {
            text,
            pos: 0,
            options: *self,
            work: 0,
        }
    }
}

/// Every Discord and Fluxer invite link in `text`, in order (see [the module](crate::scan) for
/// the rules). Allocates nothing, never panics, and takes time linear in the text.
pub fn scan_invite_links(text: &str) -> InviteLinks<'_, 'static> {
    ScanOptions::new().scan(text)
}

/// The iterator of [`scan_invite_links`] and [`ScanOptions::scan`].
#[derive(Debug, Clone)]
pub struct InviteLinks<'t, 'h> {
    text: &'t str,
    pos: usize,
    options: ScanOptions<'h>,
    /// Bytes compared or read so far, for the tests of linear time.
    work: usize,
}

/// Whether no invite link contains `b`, ends right before it in a way that depends on what
/// follows, or is glued to it: ASCII whitespace and control bytes, `(`, `[`, `{` and `<`.
/// Text cut just after such a byte scans, piece by piece, to exactly the links of the whole
/// (offsets shifted), so a reader can scan a stream in pieces without splitting a link.
///
/// ```
/// use invite_model::scan::is_link_boundary;
/// assert!(is_link_boundary(b' ') && is_link_boundary(b'\n') && is_link_boundary(b'('));
/// assert!(!is_link_boundary(b'.') && !is_link_boundary(b')') && !is_link_boundary(0xe3));
/// ```
pub const fn is_link_boundary(b: u8) -> bool {
    b.is_ascii_whitespace() || b.is_ascii_control() || matches!(b, b'(' | b'[' | b'{' | b'<')
}

/// A byte that, right before a host, makes it part of a longer name or of another URL.
fn glued_before(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-./\\@%=?&#+".contains(&b)
}

/// Punctuation that may follow a link without being part of it.
fn trailing(b: u8) -> bool {
    b".,;:!'\")]}>*_~|`".contains(&b)
}

/// A byte that, after a code (and its trailing punctuation), continues the URL's path.
fn glued_after(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-%/\\@=+&$".contains(&b)
}

/// A byte of a query as read in free text.
fn query_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~%+=&".contains(&b)
}

/// What follows a path prefix.
enum Code {
    /// No code byte at all.
    Absent,
    /// Code bytes, but not an invite (wrong length, glued to more path).
    Refused,
    /// A code ending at `end`; the scan resumes at `resume`.
    Found {
        code: InviteCode,
        end: usize,
        resume: usize,
        event_id: Option<Snowflake>,
    },
}

impl<'t> InviteLinks<'t, '_> {
    /// Bytes compared or read so far.
    #[cfg(test)]
    pub(crate) fn work(&self) -> usize {
        self.work
    }

    /// The link starting at byte `start`, if one does.
    fn link_at(&mut self, start: usize) -> Option<(FoundLink<'t>, usize)> {
        let text = self.text;
        let bytes = text.as_bytes();
        let rest = bytes.get(start..)?;
        let mut host_start = start;
        for scheme in SCHEMES {
            self.work += scheme.len();
            if rest
                .get(..scheme.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(scheme.as_bytes()))
            {
                host_start += scheme.len();
                break;
            }
        }
        let at = bytes.get(host_start..)?;
        let options = self.options;
        for platform in Platform::ALL {
            if !options.includes(platform) {
                continue;
            }
            for host in platform.invite_hosts() {
                self.work += host.name.len() * (1 + host.subdomains.len());
                if let Some(found) = self.after_host(
                    start,
                    host_start,
                    at,
                    host.name,
                    host.subdomains,
                    host.path,
                    platform,
                ) {
                    return Some(found);
                }
            }
        }
        for host in options.extra_hosts {
            if !options.includes(host.platform) {
                continue;
            }
            self.work += host.name.len();
            if let Some(found) = self.after_host(
                start,
                host_start,
                at,
                host.name,
                &[],
                host.path,
                host.platform,
            ) {
                return Some(found);
            }
        }
        None
    }

    /// The link whose host `name` would start at `host_start` (`at` is the text from there).
    #[allow(clippy::too_many_arguments)]
    fn after_host(
        &mut self,
        start: usize,
        host_start: usize,
        at: &[u8],
        name: &str,
        subdomains: &[&str],
        path: InvitePath,
        platform: Platform,
    ) -> Option<(FoundLink<'t>, usize)> {
        let len = host_len_at(at, name, subdomains)?;
        // The host ends at a `/` (not at the end of the text, a `.`, a `:` ...).
        if at.get(len) != Some(&b'/') {
            return None;
        }
        let path_start = host_start + len;
        let text = self.text;
        let bytes = text.as_bytes();
        for prefix in path.prefixes() {
            self.work += prefix.len();
            let matches = bytes
                .get(path_start..)
                .is_some_and(|p| p.starts_with(prefix.as_bytes()));
            if !matches {
                continue;
            }
            match self.code_at(path_start + prefix.len()) {
                Code::Absent => {}
                Code::Refused => return None,
                Code::Found {
                    code,
                    end,
                    resume,
                    event_id,
                } => {
                    let link = FoundLink {
                        text: self.text.get(start..end)?,
                        start,
                        end,
                        platform,
                        code,
                        event_id,
                    };
                    return Some((link, resume));
                }
            }
        }
        None
    }

    /// The code starting at byte `at`, and what follows it.
    fn code_at(&mut self, at: usize) -> Code {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut len = 0;
        // One byte past the longest code is enough to refuse a longer run.
        while len <= InviteCode::MAX_LEN && bytes.get(at + len).copied().is_some_and(is_code_byte) {
            len += 1;
        }
        self.work += len;
        if len == 0 {
            return Code::Absent;
        }
        if !(InviteCode::MIN_LEN..=InviteCode::MAX_LEN).contains(&len) {
            return Code::Refused;
        }
        let end = at + len;
        let Some(code) = self
            .text
            .get(at..end)
            .and_then(|c| InviteCode::from_code(c).ok())
        else {
            return Code::Refused;
        };
        let mut next = end;
        if bytes.get(next) == Some(&b'/') {
            next += 1;
        }
        let (resume, event_id) = match bytes.get(next) {
            Some(b'?') => self.event_in_query(next + 1),
            Some(b'#') => (end, None),
            _ => {
                let mut p = next;
                while bytes.get(p).copied().is_some_and(trailing) {
                    p += 1;
                }
                self.work += p - next + 1;
                if bytes.get(p).copied().is_some_and(glued_after) {
                    return Code::Refused;
                }
                (end, None)
            }
        };
        Code::Found {
            code,
            end,
            resume,
            event_id,
        }
    }

    /// The event of the query starting at byte `at` (after its `?`), and where the query ends.
    fn event_in_query(&mut self, at: usize) -> (usize, Option<Snowflake>) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut end = at;
        while bytes.get(end).copied().is_some_and(query_byte) {
            end += 1;
        }
        self.work += end - at + 1;
        let event = self
            .text
            .get(at..end)
            .and_then(first_event_param)
            // A sentence may end right after the id.
            .and_then(|(_, value)| event_id_from_value(value.trim_end_matches('.')));
        (end, event)
    }
}

impl<'t> Iterator for InviteLinks<'t, '_> {
    type Item = FoundLink<'t>;

    fn next(&mut self) -> Option<FoundLink<'t>> {
        let text = self.text;
        let bytes = text.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            let start = self.pos;
            self.pos += 1;
            self.work += 1;
            if !b.is_ascii_alphanumeric() {
                continue;
            }
            if start > 0 && bytes.get(start - 1).copied().is_some_and(glued_before) {
                continue;
            }
            if let Some((link, resume)) = self.link_at(start) {
                self.pos = resume.max(self.pos);
                return Some(link);
            }
        }
        None
    }
}

impl core::iter::FusedIterator for InviteLinks<'_, '_> {}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;
    use proptest::prelude::*;

    /// `platform code [event]` of every link found.
    fn found(text: &str) -> Vec<String> {
        scan_invite_links(text)
            .map(|l| match l.event_id {
                Some(e) => format!("{} {} {e}", l.platform, l.code),
                None => format!("{} {}", l.platform, l.code),
            })
            .collect()
    }

    fn one(text: &str) -> String {
        let all = found(text);
        assert_eq!(all.len(), 1, "{text:?}: {all:?}");
        all.into_iter().next().unwrap()
    }

    fn none(text: &str) {
        assert_eq!(found(text), Vec::<String>::new(), "{text:?}");
    }

    #[test]
    fn every_discord_form() {
        for text in [
            "discord.gg/abc",
            "https://discord.gg/abc",
            "http://discord.gg/abc",
            "HTTPS://DISCORD.GG/abc",
            "www.discord.gg/abc",
            "discord.gg/invite/abc",
            "discord.com/invite/abc",
            "https://www.discord.com/invite/abc",
            "ptb.discord.com/invite/abc",
            "https://canary.discord.com/invite/abc",
            "Canary.DiscordApp.com/invite/abc",
            "discordapp.com/invite/abc",
            "www.discordapp.com/invite/abc",
            "ptb.discordapp.com/invite/abc",
        ] {
            assert_eq!(one(text), "discord abc", "{text}");
        }
        // The path is case-sensitive, as `parse_link` has it; the code keeps its case.
        assert_eq!(one("discord.gg/AbC-12"), "discord AbC-12");
        none("discord.com/INVITE/abc");
        // `discord.gg/invite` alone is the code `invite`.
        assert_eq!(one("discord.gg/invite"), "discord invite");
        assert_eq!(one("discord.gg/invite/ x"), "discord invite");
        assert_eq!(one("discord.gg/invite/invite"), "discord invite");
    }

    #[test]
    fn every_fluxer_form() {
        for text in [
            "fluxer.gg/abc",
            "https://fluxer.gg/abc",
            "web.fluxer.app/invite/abc",
            "https://web.fluxer.app/invite/abc",
            "https://web.fluxer.app/#/invite/abc",
            "WEB.FLUXER.APP/#/invite/abc",
        ] {
            assert_eq!(one(text), "fluxer abc", "{text}");
        }
        // Fluxer does not route `fluxer.gg/invite/...`; the marketing site is not the app.
        none("fluxer.gg/invite/abc");
        none("https://fluxer.gg/invite/abc");
        none("fluxer.app/invite/abc");
        none("https://fluxer.app/invite/abc");
        none("web.fluxer.app/abc");
        none("web.fluxer.app/#/abc");
    }

    #[test]
    fn the_false_matches_of_discord_js() {
        // Message links, other paths.
        none("https://discord.com/channels/123/456/789");
        none("discord.com/channels/@me/1");
        none("https://discord.com/developers/docs");
        none("discord.com/abc");
        // Longer names that end with a host, and hosts that go on.
        none("notdiscord.gg/abc");
        none("https://notdiscord.gg/abc");
        none("evil.discord.gg/abc");
        none("my-discord.gg/abc");
        none("discord.gg.evil.example/abc");
        none("https://discord.gg.evil.example/abc");
        none("discord.ggx/abc");
        none("discord.gg:443/abc");
        none("discord.gg/");
        none("discord.gg");
        // The host inside another URL's path or query.
        none("https://example.com/discord.gg/abc");
        none("https://example.com/?u=discord.gg/abc");
        none("https://example.com/#discord.gg/abc");
        none("user@discord.gg/abc");
        none("xhttps://discord.gg/abc");
        // A run longer than a code is not a truncated code.
        none(&format!("discord.gg/{}", "a".repeat(40)));
        none(&format!("discord.gg/{}", "a".repeat(33)));
        assert_eq!(
            one(&format!("discord.gg/{}", "a".repeat(32))),
            format!("discord {}", "a".repeat(32))
        );
        none("discord.gg/a");
        none("discord.gg/invite/a");
        // `\w` would take `_`: the path goes on.
        none("discord.gg/abc_def");
        none("discord.gg/abc.def");
        none("discord.gg/abc/def");
        none("discord.gg/abc//");
        none("discord.gg/abc%41");
        none("discord.gg/abc)x");
    }

    #[test]
    fn punctuation_markdown_and_brackets() {
        for (text, span) in [
            ("(discord.gg/abc)", "discord.gg/abc"),
            ("<https://discord.gg/abc>", "https://discord.gg/abc"),
            ("[join](https://discord.gg/abc)", "https://discord.gg/abc"),
            ("discord.gg/abc.", "discord.gg/abc"),
            ("discord.gg/abc/", "discord.gg/abc"),
            ("discord.gg/abc/.", "discord.gg/abc"),
            ("see discord.gg/abc, then", "discord.gg/abc"),
            ("discord.gg/abc!", "discord.gg/abc"),
            ("joined discord.gg/abc?", "discord.gg/abc"),
            ("\"discord.gg/abc\"", "discord.gg/abc"),
            ("'discord.gg/abc';", "discord.gg/abc"),
            ("**discord.gg/abc**", "discord.gg/abc"),
            ("_discord.gg/abc_", "discord.gg/abc"),
            ("__discord.gg/abc__", "discord.gg/abc"),
            ("~~discord.gg/abc~~", "discord.gg/abc"),
            ("||discord.gg/abc||", "discord.gg/abc"),
            ("`discord.gg/abc`", "discord.gg/abc"),
            ("{discord.gg/abc}", "discord.gg/abc"),
            ("Join:discord.gg/abc", "discord.gg/abc"),
            ("discord.gg/abc#x", "discord.gg/abc"),
            ("discord.gg/abc?event=123#x", "discord.gg/abc"),
        ] {
            let links: Vec<_> = scan_invite_links(text).collect();
            assert_eq!(links.len(), 1, "{text:?}");
            assert_eq!(links[0].text, span, "{text:?}");
            assert_eq!(&text[links[0].start..links[0].end], span, "{text:?}");
            assert_eq!(links[0].code, "abc", "{text:?}");
        }
    }

    #[test]
    fn events() {
        assert_eq!(one("discord.gg/abc?event=123#x"), "discord abc 123");
        assert_eq!(one("discord.gg/abc/?event=123"), "discord abc 123");
        assert_eq!(one("discord.gg/abc?x=1&event=123."), "discord abc 123");
        assert_eq!(one("discord.gg/abc?event=%31%32"), "discord abc 12");
        assert_eq!(one("(discord.gg/abc?event=123)"), "discord abc 123");
        assert_eq!(one("discord.gg/abc?event=12x"), "discord abc");
        assert_eq!(one("discord.gg/abc?event="), "discord abc");
        assert_eq!(one("discord.gg/abc?event=1&event=2"), "discord abc 1");
        assert_eq!(
            one("discord.gg/abc?event=99999999999999999999999"),
            "discord abc"
        );
        assert_eq!(
            one("https://web.fluxer.app/#/invite/abc?event=5"),
            "fluxer abc 5"
        );
    }

    #[test]
    fn in_any_script_in_order_with_offsets() {
        let text =
            "参加してね discord.gg/abc。次は«fluxer.gg/xyz»と—https://discord.com/invite/q-1";
        let links: Vec<_> = scan_invite_links(text).collect();
        assert_eq!(links.len(), 3, "{links:?}");
        assert_eq!(links[0].text, "discord.gg/abc");
        assert_eq!(links[1].text, "fluxer.gg/xyz");
        assert_eq!(links[2].text, "https://discord.com/invite/q-1");
        for l in &links {
            assert_eq!(&text[l.start..l.end], l.text);
        }
        // Right against other scripts.
        assert_eq!(one("ここでdiscord.gg/abcに参加"), "discord abc");
        assert_eq!(one("приглашениеdiscord.gg/abc"), "discord abc");
        // Many links, each found once.
        let many = "discord.gg/aa discord.gg/aa fluxer.gg/aa";
        assert_eq!(
            found(many),
            ["discord aa", "discord aa", "fluxer aa"].map(String::from)
        );
    }

    #[test]
    fn platforms_and_extra_hosts() {
        let text = "discord.gg/abc fluxer.gg/def chat.example.org/#/invite/ghi go.example/jkl";
        let codes = |o: ScanOptions<'_>| -> Vec<String> {
            o.scan(text)
                .map(|l| String::from(l.code.as_str()))
                .collect()
        };
        assert_eq!(codes(ScanOptions::new()), ["abc", "def"]);
        assert_eq!(codes(ScanOptions::only(Platform::Fluxer)), ["def"]);
        assert_eq!(
            codes(ScanOptions::new().platform(Platform::Fluxer, false)),
            ["abc"]
        );
        let hosts = [
            ExtraHost::new(
                Platform::Fluxer,
                "Chat.Example.org",
                InvitePath::InviteOrHashInvite,
            )
            .unwrap(),
            ExtraHost::new(Platform::Fluxer, "go.example", InvitePath::Code).unwrap(),
        ];
        let with = ScanOptions::new().extra_hosts(&hosts);
        assert_eq!(codes(with), ["abc", "def", "ghi", "jkl"]);
        assert_eq!(
            codes(with.platform(Platform::Fluxer, false)),
            ["abc"],
            "extra hosts belong to their platform"
        );
        assert!(with.includes(Platform::Discord));
        assert_eq!(ScanOptions::default(), ScanOptions::new());
        // The extra host is exact: no longer names, no subdomains.
        let only = ScanOptions::new().extra_hosts(&hosts[1..]);
        assert_eq!(
            only.scan("xgo.example/abc www.go.example/abc go.example.org/abc")
                .count(),
            0
        );
        let e = |name| {
            ExtraHost::new(Platform::Fluxer, name, InvitePath::Code)
                .unwrap_err()
                .kind
        };
        assert_eq!(e(""), HostNameErrorKind::Empty);
        assert_eq!(e(".a"), HostNameErrorKind::EmptyLabel(0));
        assert_eq!(e("a."), HostNameErrorKind::EmptyLabel(1));
        assert_eq!(e("a/b"), HostNameErrorKind::InvalidByte(1));
        assert_eq!(e(&"a".repeat(254)), HostNameErrorKind::TooLong);
        assert_eq!(hosts[1].name(), "go.example");
        assert_eq!(hosts[1].platform(), Platform::Fluxer);
        assert_eq!(hosts[1].path(), InvitePath::Code);
    }

    /// Work per byte of text stays bounded on inputs built to make a naive matcher re-read.
    #[test]
    fn linear_time_on_adversarial_inputs() {
        let n = 20_000;
        let inputs = [
            "a".repeat(n),
            "discord.gg/".repeat(n / 11),
            "https://".repeat(n / 8),
            "discord.gg/ab_".repeat(n / 14),
            format!("discord.gg/ab?{}", "a".repeat(n)),
            format!("discord.gg/ab{}", ".".repeat(n)),
            format!("discord.gg/{}", "a".repeat(n)),
            "discord.gg/invite/".repeat(n / 18),
            "www.ptb.canary.".repeat(n / 15),
            "web.fluxer.app/#/invite/".repeat(n / 24),
            " discord.gg/ab".repeat(n / 14),
            "discord.gg/ab?event=1&".repeat(n / 22),
        ];
        let hosts: usize = Platform::ALL
            .iter()
            .flat_map(|p| p.invite_hosts())
            .map(|h| h.name.len() * (1 + h.subdomains.len()) + 20)
            .sum();
        for text in &inputs {
            let mut links = scan_invite_links(text);
            let count = links.by_ref().count();
            let per_byte = links.work() / text.len().max(1);
            assert!(
                per_byte <= hosts + 32,
                "{} bytes of {:?}...: {} work per byte ({count} links)",
                text.len(),
                &text[..30.min(text.len())],
                per_byte
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn never_panics_and_every_span_parses_back(s in any::<String>()) {
            check_spans(&s)?;
        }

        #[test]
        fn link_like_text_round_trips(
            before in "[ a.(<\\[*_~/é参]{0,3}",
            scheme in "(https?://|HTTP://)?",
            host in "(www\\.|ptb\\.|canary\\.)?(discord\\.gg|discord\\.com|discordapp\\.com|fluxer\\.gg|web\\.fluxer\\.app|fluxer\\.app|[a-z]{1,4}\\.gg)",
            path in "(/invite/|/#/invite/|/)",
            code in "[A-Za-z0-9_-]{0,40}",
            after in "[ .,)>*_/?#=&a-z0-9é]{0,6}",
        ) {
            let text = format!("{before}{scheme}{host}{path}{code}{after}");
            check_spans(&text)?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Scanning the pieces of a text cut after boundary bytes finds what the whole does.
        #[test]
        fn pieces_cut_at_boundaries_scan_like_the_whole(
            parts in proptest::collection::vec(
                "([ (<\\[{\n]|[a-z.:/]{0,6}|discord\\.gg/|https://|fluxer\\.gg/|[A-Za-z0-9_-]{0,5}|[?#=&.,)_]|é)",
                0..40,
            ),
        ) {
            let text: String = parts.concat();
            let whole: Vec<(usize, usize, String)> = scan_invite_links(&text)
                .map(|l| (l.start, l.end, String::from(l.code.as_str())))
                .collect();
            let mut pieces = Vec::new();
            let mut base = 0;
            for (i, b) in text.bytes().enumerate() {
                if is_link_boundary(b) || i + 1 == text.len() {
                    let piece = &text[base..=i];
                    pieces.extend(scan_invite_links(piece).map(|l| {
                        (base + l.start, base + l.end, String::from(l.code.as_str()))
                    }));
                    base = i + 1;
                }
            }
            prop_assert_eq!(whole, pieces, "{:?}", text);
        }
    }

    fn check_spans(text: &str) -> Result<(), TestCaseError> {
        let mut last_end = 0;
        for link in scan_invite_links(text) {
            prop_assert!(link.start >= last_end && link.start < link.end);
            last_end = link.end;
            prop_assert_eq!(text.get(link.start..link.end), Some(link.text));
            let parsed = InviteCode::parse_link(link.text);
            prop_assert!(
                parsed.is_ok(),
                "{:?} in {:?}: {:?}",
                link.text,
                text,
                parsed
            );
            let parsed = parsed.unwrap();
            prop_assert_eq!(&parsed.code, &link.code);
            prop_assert_eq!(parsed.platform, Some(link.platform));
        }
        Ok(())
    }
}
