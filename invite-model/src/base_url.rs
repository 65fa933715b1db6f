//! [`BaseUrl`]: the API base URL requests are sent to, checked once for every client.
//!
//! A base URL is `http://` or `https://`, a host, an optional port and an optional path:
//! `https://discord.com/api/v10`, `http://127.0.0.1:8080/api/v10`, `http://[::1]:9000`. Request
//! paths (`/invites/abc?with_counts=true`) are appended to it, so it has no query, no fragment
//! and no user info, and it is at most [`BaseUrl::MAX_LEN`] bytes of visible ASCII. Trailing
//! slashes are dropped.
//!
//! It also says whether the URL sends what a request carries, the token included, in clear text
//! over the network: [`BaseUrl::is_cleartext_remote`] (plain `http://` to a host that is not
//! loopback). Clients refuse that with a token unless told otherwise.
//!
//! ```
//! use invite_model::base_url::{BaseUrl, BaseUrlError, Scheme};
//!
//! let url = BaseUrl::parse("http://127.0.0.1:8080/api/v10/")?;
//! assert_eq!(url.as_str(), "http://127.0.0.1:8080/api/v10");
//! assert_eq!((url.scheme(), url.host(), url.port(), url.path()), (Scheme::Http, "127.0.0.1", Some(8080), "/api/v10"));
//! assert!(url.is_loopback() && url.is_insecure() && !url.is_cleartext_remote());
//!
//! assert!(BaseUrl::parse("http://api.example.com/v1")?.is_cleartext_remote());
//! assert!(!BaseUrl::parse("https://discord.com/api/v10")?.is_cleartext_remote());
//!
//! let err = BaseUrl::parse("https://user:secret@discord.com/api").unwrap_err();
//! assert_eq!(err, BaseUrlError::UserInfo);
//! assert_eq!(err.to_string(), "user info (user:password@) is not allowed in a base url");
//! # Ok::<(), BaseUrlError>(())
//! ```

use core::fmt;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::terminal::escape;

/// The scheme of a [`BaseUrl`]. Exhaustive: a base URL is never anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(clippy::exhaustive_enums)]
pub enum Scheme {
    /// `http://`: nothing is encrypted.
    Http,
    /// `https://`.
    Https,
}

impl Scheme {
    /// `http` or `https`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Http => "http",
            Self::Https => "https",
        }
    }

    /// The port used when the URL names none: 80 or 443.
    pub const fn default_port(self) -> u16 {
        match self {
            Self::Http => 80,
            Self::Https => 443,
        }
    }
}

/// A checked base URL, borrowed from the text it was parsed from (see the [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BaseUrl<'a> {
    /// The whole URL without trailing slashes.
    url: &'a str,
    scheme: Scheme,
    /// As written; an IPv6 address keeps its brackets.
    host: &'a str,
    port: Option<u16>,
    /// Empty, or starting with `/`; no trailing slash.
    path: &'a str,
}

/// Why [`BaseUrl::parse`] refused a URL. Positions are byte offsets into the text given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BaseUrlError {
    /// The text is empty.
    Empty,
    /// The text is longer than [`BaseUrl::MAX_LEN`] bytes.
    TooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// A space, a control character or a character outside ASCII (write a host name in its
    /// ASCII `xn--` form, and percent-encode the path).
    ForbiddenCharacter {
        /// Where.
        at: usize,
        /// The character.
        found: char,
    },
    /// The URL does not start with `http://` or `https://` (lowercase).
    Scheme,
    /// There is a query (`?`): request paths bring their own.
    Query {
        /// Where the `?` is.
        at: usize,
    },
    /// There is a fragment (`#`).
    Fragment {
        /// Where the `#` is.
        at: usize,
    },
    /// There is user info (`user:password@host`). What it contains is not repeated.
    UserInfo,
    /// Nothing between the scheme and the path.
    MissingHost,
    /// A character that cannot be part of a host name (letters, digits, `-`, `.`, `_`, `~`), or
    /// anything but a port after an IPv6 address in brackets.
    InvalidHost {
        /// Where.
        at: usize,
        /// The character.
        found: char,
    },
    /// `[...]` that is not an IPv6 address (zone ids are not supported).
    InvalidIpv6,
    /// The port after `:` is not a number from 1 to 65535.
    InvalidPort {
        /// Where the port starts.
        at: usize,
    },
    /// A character that cannot be part of a URL path, or a `%` not followed by two hex digits.
    InvalidPath {
        /// Where.
        at: usize,
        /// The character.
        found: char,
    },
}

impl fmt::Display for BaseUrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Characters are escaped: they come from input that may hold control characters.
        let mut buf = [0u8; 4];
        match self {
            Self::Empty => f.write_str("the base url is empty"),
            Self::TooLong { len } => write!(
                f,
                "the base url is {len} bytes long, more than the limit of {}",
                BaseUrl::MAX_LEN
            ),
            Self::ForbiddenCharacter { at, found } => write!(
                f,
                "character '{}' at byte {at}: a base url is visible ascii without spaces \
                 (percent-encode the path, write host names in their xn-- form)",
                escape(found.encode_utf8(&mut buf))
            ),
            Self::Scheme => f.write_str("a base url starts with http:// or https://"),
            Self::Query { at } => {
                write!(f, "query ('?' at byte {at}) is not allowed in a base url")
            }
            Self::Fragment { at } => write!(
                f,
                "fragment ('#' at byte {at}) is not allowed in a base url"
            ),
            Self::UserInfo => {
                f.write_str("user info (user:password@) is not allowed in a base url")
            }
            Self::MissingHost => f.write_str("the base url has no host"),
            Self::InvalidHost { at, found } => write!(
                f,
                "character '{}' at byte {at} is not allowed in a host (letters, digits, '-', \
                 '.', '_', '~', or an ipv6 address in brackets)",
                escape(found.encode_utf8(&mut buf))
            ),
            Self::InvalidIpv6 => f.write_str("the host in brackets is not an ipv6 address"),
            Self::InvalidPort { at } => {
                write!(f, "the port at byte {at} is not a number from 1 to 65535")
            }
            Self::InvalidPath { at, found } => write!(
                f,
                "character '{}' at byte {at} is not allowed in a url path (or '%' is not \
                 followed by two hex digits)",
                escape(found.encode_utf8(&mut buf))
            ),
        }
    }
}

impl core::error::Error for BaseUrlError {}

/// Unreserved characters of RFC 3986, the ones a host name is made of here.
const fn is_host_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// `pchar` of RFC 3986 without `%` (checked apart), plus `/`.
const fn is_path_char(b: u8) -> bool {
    is_host_char(b)
        || matches!(
            b,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
                | b'/'
        )
}

impl<'a> BaseUrl<'a> {
    /// The longest base URL accepted, in bytes.
    pub const MAX_LEN: usize = 2048;

    /// Checks `url` (see the [module docs](self)); trailing slashes are dropped.
    pub fn parse(url: &'a str) -> Result<Self, BaseUrlError> {
        if url.is_empty() {
            return Err(BaseUrlError::Empty);
        }
        if url.len() > Self::MAX_LEN {
            return Err(BaseUrlError::TooLong { len: url.len() });
        }
        if let Some((at, found)) = url.char_indices().find(|&(_, c)| !c.is_ascii_graphic()) {
            return Err(BaseUrlError::ForbiddenCharacter { at, found });
        }
        // From here on the text is visible ASCII: byte offsets and characters coincide.
        if let Some(at) = url.find(['?', '#']) {
            return Err(if url.as_bytes()[at] == b'?' {
                BaseUrlError::Query { at }
            } else {
                BaseUrlError::Fragment { at }
            });
        }
        let (scheme, start) = if url.starts_with("https://") {
            (Scheme::Https, "https://".len())
        } else if url.starts_with("http://") {
            (Scheme::Http, "http://".len())
        } else {
            return Err(BaseUrlError::Scheme);
        };
        let path_at = url[start..].find('/').map_or(url.len(), |i| start + i);
        let authority = &url[start..path_at];
        if authority.contains('@') {
            return Err(BaseUrlError::UserInfo);
        }
        if authority.is_empty() {
            return Err(BaseUrlError::MissingHost);
        }
        let (host, port_at) = split_host(authority, start)?;
        let port = match port_at {
            None => None,
            Some(at) => {
                Some(parse_port(&url[at..path_at]).ok_or(BaseUrlError::InvalidPort { at })?)
            }
        };
        let path = url[path_at..].trim_end_matches('/');
        check_path(path, path_at)?;
        Ok(Self {
            url: &url[..path_at + path.len()],
            scheme,
            host,
            port,
            path,
        })
    }

    /// The URL without trailing slashes, e.g. `https://discord.com/api/v10`.
    pub const fn as_str(&self) -> &'a str {
        self.url
    }

    /// `http` or `https`.
    pub const fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The host as written: `discord.com`, `127.0.0.1`, `[::1]` (brackets kept).
    pub const fn host(&self) -> &'a str {
        self.host
    }

    /// The port, when the URL names one.
    pub const fn port(&self) -> Option<u16> {
        self.port
    }

    /// The port connected to: the URL's, or the scheme's default.
    pub const fn effective_port(&self) -> u16 {
        match self.port {
            Some(port) => port,
            None => self.scheme.default_port(),
        }
    }

    /// The path, empty or starting with `/`, without a trailing slash.
    pub const fn path(&self) -> &'a str {
        self.path
    }

    /// The host as an IP address, when it is one (dotted IPv4, or IPv6 in brackets).
    pub fn ip(&self) -> Option<IpAddr> {
        match self.host.strip_prefix('[') {
            Some(inner) => inner
                .strip_suffix(']')
                .and_then(|v6| v6.parse::<Ipv6Addr>().ok())
                .map(IpAddr::V6),
            None => self.host.parse::<Ipv4Addr>().ok().map(IpAddr::V4),
        }
    }

    /// Whether the host is this machine: an address in `127.0.0.0/8`, `[::1]`, or the name
    /// `localhost` (any case). Nothing else counts, not even names that usually resolve to
    /// loopback.
    pub fn is_loopback(&self) -> bool {
        self.host.eq_ignore_ascii_case("localhost") || self.ip().is_some_and(|ip| ip.is_loopback())
    }

    /// Whether the scheme is `http://`: nothing sent or received is encrypted.
    pub const fn is_insecure(&self) -> bool {
        matches!(self.scheme, Scheme::Http)
    }

    /// Plain `http://` to a host that is not [loopback](Self::is_loopback): everything a request
    /// carries, its `Authorization` header included, can be read and changed on the way.
    pub fn is_cleartext_remote(&self) -> bool {
        self.is_insecure() && !self.is_loopback()
    }
}

impl fmt::Display for BaseUrl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.url)
    }
}

/// Splits the authority (starting at byte `start` of the URL) into the host and the offset of
/// the port, if there is a `:`.
fn split_host(authority: &str, start: usize) -> Result<(&str, Option<usize>), BaseUrlError> {
    if authority.starts_with('[') {
        let close = authority.find(']').ok_or(BaseUrlError::InvalidIpv6)?;
        authority[1..close]
            .parse::<Ipv6Addr>()
            .map_err(|_| BaseUrlError::InvalidIpv6)?;
        let host = &authority[..=close];
        return match authority.as_bytes().get(close + 1) {
            None => Ok((host, None)),
            Some(b':') => Ok((host, Some(start + close + 2))),
            Some(&other) => Err(BaseUrlError::InvalidHost {
                at: start + close + 1,
                found: char::from(other),
            }),
        };
    }
    let (host, port_at) = match authority.find(':') {
        Some(colon) => (&authority[..colon], Some(start + colon + 1)),
        None => (authority, None),
    };
    if host.is_empty() {
        return Err(BaseUrlError::MissingHost);
    }
    if let Some(i) = host.bytes().position(|b| !is_host_char(b)) {
        return Err(BaseUrlError::InvalidHost {
            at: start + i,
            found: char::from(host.as_bytes()[i]),
        });
    }
    Ok((host, port_at))
}

/// 1 to 65535, decimal digits only.
fn parse_port(text: &str) -> Option<u16> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<u16>().ok().filter(|&port| port != 0)
}

/// Every byte a path character, every `%` followed by two hex digits.
fn check_path(path: &str, offset: usize) -> Result<(), BaseUrlError> {
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return Err(BaseUrlError::InvalidPath {
                    at: offset + i,
                    found: '%',
                });
            }
            i += 3;
            continue;
        }
        if !is_path_char(b) {
            return Err(BaseUrlError::InvalidPath {
                at: offset + i,
                found: char::from(b),
            });
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::{String, ToString};

    use proptest::prelude::*;

    use super::*;

    /// Input, `as_str`, scheme, host, port, path.
    type Parts = (
        &'static str,
        &'static str,
        Scheme,
        &'static str,
        Option<u16>,
        &'static str,
    );

    #[test]
    fn accepted_urls_and_their_parts() {
        let cases: &[Parts] = &[
            (
                "https://discord.com/api/v10",
                "https://discord.com/api/v10",
                Scheme::Https,
                "discord.com",
                None,
                "/api/v10",
            ),
            (
                "https://api.fluxer.app/v1/",
                "https://api.fluxer.app/v1",
                Scheme::Https,
                "api.fluxer.app",
                None,
                "/v1",
            ),
            (
                "http://127.0.0.1:8080/api/v10//",
                "http://127.0.0.1:8080/api/v10",
                Scheme::Http,
                "127.0.0.1",
                Some(8080),
                "/api/v10",
            ),
            (
                "http://localhost",
                "http://localhost",
                Scheme::Http,
                "localhost",
                None,
                "",
            ),
            (
                "http://[::1]:9/",
                "http://[::1]:9",
                Scheme::Http,
                "[::1]",
                Some(9),
                "",
            ),
            (
                "https://proxy.internal:443/a%20b/~x_y/v10;x=1",
                "https://proxy.internal:443/a%20b/~x_y/v10;x=1",
                Scheme::Https,
                "proxy.internal",
                Some(443),
                "/a%20b/~x_y/v10;x=1",
            ),
        ];
        for &(input, text, scheme, host, port, path) in cases {
            let url = BaseUrl::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(url.as_str(), text, "{input}");
            assert_eq!(url.to_string(), text, "{input}");
            assert_eq!(
                (url.scheme(), url.host(), url.port(), url.path()),
                (scheme, host, port, path),
                "{input}"
            );
        }
        let url = BaseUrl::parse("https://discord.com").unwrap();
        assert_eq!(url.effective_port(), 443);
        assert_eq!(BaseUrl::parse("http://x").unwrap().effective_port(), 80);
        assert_eq!(
            BaseUrl::parse("http://x:65535").unwrap().effective_port(),
            65535
        );
        assert_eq!(Scheme::Https.as_str(), "https");
    }

    #[test]
    fn refused_urls_say_why() {
        let long = format!("https://x/{}", "a".repeat(BaseUrl::MAX_LEN));
        let cases: &[(&str, BaseUrlError)] = &[
            ("", BaseUrlError::Empty),
            (&long, BaseUrlError::TooLong { len: long.len() }),
            ("discord.com/api", BaseUrlError::Scheme),
            ("ftp://x", BaseUrlError::Scheme),
            ("HTTPS://x", BaseUrlError::Scheme),
            ("https:/x", BaseUrlError::Scheme),
            ("https://", BaseUrlError::MissingHost),
            ("https:///path", BaseUrlError::MissingHost),
            ("https://:80/x", BaseUrlError::MissingHost),
            (
                "https://a b",
                BaseUrlError::ForbiddenCharacter { at: 9, found: ' ' },
            ),
            (
                "https://x/\r\n",
                BaseUrlError::ForbiddenCharacter {
                    at: 10,
                    found: '\r',
                },
            ),
            (
                "https://dïscord.com",
                BaseUrlError::ForbiddenCharacter { at: 9, found: 'ï' },
            ),
            ("https://x/api?x=1", BaseUrlError::Query { at: 13 }),
            ("https://x/api#top", BaseUrlError::Fragment { at: 13 }),
            ("https://x/a#b?c", BaseUrlError::Fragment { at: 11 }),
            ("https://user:pw@discord.com", BaseUrlError::UserInfo),
            ("https://@discord.com", BaseUrlError::UserInfo),
            (
                "https://disc\\ord.com",
                BaseUrlError::InvalidHost {
                    at: 12,
                    found: '\\',
                },
            ),
            ("https://x:1:2", BaseUrlError::InvalidPort { at: 10 }),
            ("https://x:", BaseUrlError::InvalidPort { at: 10 }),
            ("https://x:0", BaseUrlError::InvalidPort { at: 10 }),
            ("https://x:65536", BaseUrlError::InvalidPort { at: 10 }),
            ("https://x:+80", BaseUrlError::InvalidPort { at: 10 }),
            ("http://[::1", BaseUrlError::InvalidIpv6),
            ("http://[127.0.0.1]", BaseUrlError::InvalidIpv6),
            ("http://[fe80::1%25eth0]", BaseUrlError::InvalidIpv6),
            (
                "http://[::1]x",
                BaseUrlError::InvalidHost { at: 12, found: 'x' },
            ),
            ("http://[::1]:", BaseUrlError::InvalidPort { at: 13 }),
            (
                "https://x/a\"b",
                BaseUrlError::InvalidPath { at: 11, found: '"' },
            ),
            (
                "https://x/a%2",
                BaseUrlError::InvalidPath { at: 11, found: '%' },
            ),
            (
                "https://x/%zz",
                BaseUrlError::InvalidPath { at: 10, found: '%' },
            ),
            (
                "https://x/a\\b",
                BaseUrlError::InvalidPath {
                    at: 11,
                    found: '\\',
                },
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(BaseUrl::parse(input), Err(*expected), "{input:?}");
        }
    }

    #[test]
    fn loopback_and_insecure() {
        let check = |url: &str| {
            let u = BaseUrl::parse(url).unwrap();
            (u.is_loopback(), u.is_insecure(), u.is_cleartext_remote())
        };
        for loopback in [
            "http://127.0.0.1:1/api",
            "http://127.255.3.4",
            "http://[::1]:80",
            "http://localhost:8080",
            "http://LocalHost",
        ] {
            assert_eq!(check(loopback), (true, true, false), "{loopback}");
        }
        for remote in [
            "http://example.com/api",
            "http://10.0.0.1",
            "http://128.0.0.1",
            "http://[::2]",
            "http://[::ffff:127.0.0.1]",
            "http://0.0.0.0",
            // Not a dotted quad: left to the resolver, so not counted as loopback.
            "http://127.1",
            "http://localhost.",
            "http://localhost.example.com",
            "http://127.0.0.1.example.com",
        ] {
            assert_eq!(check(remote), (false, true, true), "{remote}");
        }
        assert_eq!(check("https://example.com"), (false, false, false));
        assert_eq!(check("https://localhost"), (true, false, false));
        let u = BaseUrl::parse("http://[::1]").unwrap();
        assert_eq!(u.ip(), Some(IpAddr::V6(Ipv6Addr::LOCALHOST)));
        assert_eq!(BaseUrl::parse("http://a.b").unwrap().ip(), None);
    }

    #[test]
    fn messages() {
        let msg = |url: &str| BaseUrl::parse(url).unwrap_err().to_string();
        assert_eq!(msg(""), "the base url is empty");
        assert_eq!(msg("ftp://x"), "a base url starts with http:// or https://");
        assert_eq!(
            msg("https://x/\u{1b}[2J"),
            "character '\\u{1b}' at byte 10: a base url is visible ascii without spaces \
             (percent-encode the path, write host names in their xn-- form)"
        );
        assert_eq!(
            msg("https://x/api?a=1"),
            "query ('?' at byte 13) is not allowed in a base url"
        );
        assert_eq!(
            msg("https://x/#a"),
            "fragment ('#' at byte 10) is not allowed in a base url"
        );
        assert_eq!(msg("https://"), "the base url has no host");
        assert_eq!(
            msg("https://a!b"),
            "character '!' at byte 9 is not allowed in a host (letters, digits, '-', '.', '_', \
             '~', or an ipv6 address in brackets)"
        );
        assert_eq!(
            msg("http://[x]"),
            "the host in brackets is not an ipv6 address"
        );
        assert_eq!(
            msg("http://x:99999"),
            "the port at byte 9 is not a number from 1 to 65535"
        );
        assert_eq!(
            msg("http://x/<"),
            "character '<' at byte 9 is not allowed in a url path (or '%' is not followed by \
             two hex digits)"
        );
        assert_eq!(
            msg(&"x".repeat(3000)),
            "the base url is 3000 bytes long, more than the limit of 2048"
        );
        // The user info, which may hold a password, is never repeated.
        let m = msg("https://bot:hunter2@x");
        assert!(!m.contains("hunter2"), "{m}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn never_panics_and_accepted_urls_reparse_the_same(text in any::<String>()) {
            if let Ok(url) = BaseUrl::parse(&text) {
                prop_assert_eq!(BaseUrl::parse(url.as_str()), Ok(url));
                prop_assert!(url.as_str().len() <= text.len());
                prop_assert!(!url.as_str().ends_with('/'));
            }
        }

        #[test]
        fn url_like_text(
            scheme in "https?://",
            host in "[a-z0-9.\\[\\]:@-]{0,12}",
            path in "(/[a-zA-Z0-9%?#\\\\ ]{0,6}){0,3}/?",
        ) {
            let text = format!("{scheme}{host}{path}");
            match BaseUrl::parse(&text) {
                Ok(url) => {
                    prop_assert!(url.as_str().starts_with(&scheme));
                    prop_assert!(!url.as_str().contains(['?', '#', '@', ' ', '\\']));
                    prop_assert_eq!(url.is_insecure(), scheme == "http://");
                    prop_assert_eq!(url.to_string(), url.as_str());
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }
}
