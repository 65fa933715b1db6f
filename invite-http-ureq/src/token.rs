//! [`Token`]: the credential sent in `Authorization`, never printed.

use core::fmt;

/// An API credential: a bot token (`Authorization: Bot <token>`), an OAuth2 bearer token
/// (`Authorization: Bearer <token>`) or a user session token (`Authorization: <token>`).
///
/// `Debug` and `Display` never show it, and the client removes it from every error and log line:
///
/// ```
/// use invite_http_ureq::Token;
///
/// let token = Token::bot("MTIzNDU2Nzg5.secret.part");
/// assert_eq!(format!("{token}"), "Token(<redacted>)");
/// assert_eq!(format!("{token:?}"), "Token(<redacted>)");
/// assert_eq!(token.scheme(), "Bot");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    scheme: &'static str,
    secret: String,
}

impl Token {
    /// A bot token, sent as `Authorization: Bot <token>`.
    pub fn bot(token: impl Into<String>) -> Self {
        Self {
            scheme: "Bot",
            secret: token.into(),
        }
    }

    /// An OAuth2 access token, sent as `Authorization: Bearer <token>`.
    pub fn bearer(token: impl Into<String>) -> Self {
        Self {
            scheme: "Bearer",
            secret: token.into(),
        }
    }

    /// A user session token, sent bare as `Authorization: <token>`: for the routes only users
    /// may call (accepting an invite, friend invites). Fluxer takes user sessions so; Discord's
    /// terms forbid automating a user account.
    pub fn user(token: impl Into<String>) -> Self {
        Self {
            scheme: "",
            secret: token.into(),
        }
    }

    /// The authorization scheme: `Bot`, `Bearer`, or empty for a user token.
    pub fn scheme(&self) -> &'static str {
        self.scheme
    }

    /// The `Authorization` header value, `Bot <token>`, `Bearer <token>` or `<token>`.
    pub(crate) fn header_value(&self) -> String {
        if self.scheme.is_empty() {
            self.secret.clone()
        } else {
            format!("{} {}", self.scheme, self.secret)
        }
    }

    /// The secret itself, for scrubbing it from text.
    pub(crate) fn secret(&self) -> &str {
        &self.secret
    }

    /// Whether the token can go in a header: non-empty, visible ASCII only (no spaces or line
    /// breaks that could end the header).
    pub(crate) fn is_well_formed(&self) -> bool {
        !self.secret.is_empty() && self.secret.bytes().all(|b| b.is_ascii_graphic())
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// Replaces every occurrence of the secret in `text` with `<redacted>`.
pub(crate) fn scrub(text: &str, token: Option<&Token>) -> String {
    match token {
        Some(token) if !token.secret().is_empty() && text.contains(token.secret()) => {
            text.replace(token.secret(), "<redacted>")
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_and_redaction() {
        let bot = Token::bot("abc.def");
        assert_eq!(bot.header_value(), "Bot abc.def");
        let bearer = Token::bearer("xyz");
        assert_eq!(bearer.header_value(), "Bearer xyz");
        assert_eq!(bearer.scheme(), "Bearer");
        let user = Token::user("u.s.er");
        assert_eq!(user.header_value(), "u.s.er");
        assert_eq!(user.scheme(), "");
        assert_eq!(format!("{user:?}"), "Token(<redacted>)");
        assert_eq!(
            format!("{bearer:?} {bearer}"),
            "Token(<redacted>) Token(<redacted>)"
        );
        assert_eq!(
            format!("{:?}", Some(bot.clone())),
            "Some(Token(<redacted>))"
        );
    }

    #[test]
    fn well_formed() {
        assert!(Token::bot("MTA.x-y_z").is_well_formed());
        assert!(!Token::bot("").is_well_formed());
        assert!(!Token::bot("a b").is_well_formed());
        assert!(!Token::bot("a\r\nX-Evil: 1").is_well_formed());
        assert!(!Token::bot("é").is_well_formed());
    }

    #[test]
    fn scrubbing() {
        let t = Token::bot("s3cr3t");
        assert_eq!(
            scrub("a s3cr3t b s3cr3t", Some(&t)),
            "a <redacted> b <redacted>"
        );
        assert_eq!(scrub("nothing here", Some(&t)), "nothing here");
        assert_eq!(scrub("s3cr3t", None), "s3cr3t");
    }
}
