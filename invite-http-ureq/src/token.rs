//! [`Token`]: the credential sent in `Authorization`, never printed.

use core::fmt;

use invite_model::{Redactor, TokenError, check_token};

/// An API credential: a bot token (`Authorization: Bot <token>`), an OAuth2 bearer token
/// (`Authorization: Bearer <token>`) or a user session token (`Authorization: <token>`).
///
/// `Debug` and `Display` never show it, and the client removes it from every error and log line
/// (with the model's [`Redactor`]). It must be a Discord or Fluxer token, `A-Z a-z 0-9 . _ -`
/// ([`check_token`]), which [`ClientBuilder::build`](crate::ClientBuilder::build) checks: such a
/// token reads the same in every output (JSON escapes none of its characters), so it is found
/// wherever it is echoed.
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

    /// The `Authorization` header, built once for every request and marked sensitive (so the
    /// `http` crate keeps it out of its `Debug` output); the token is checked first
    /// ([`check_token`]).
    pub(crate) fn header(&self) -> Result<ureq::http::HeaderValue, TokenError> {
        self.check()?;
        let mut value = ureq::http::HeaderValue::try_from(self.header_value()).map_err(|_| {
            // Not reached: every byte `check_token` lets through may go in a header. Should
            // that check ever loosen, the first byte a header refuses is named.
            TokenError::BadCharacter {
                position: self
                    .secret
                    .bytes()
                    .position(|b| b < b' ' || b == 0x7f)
                    .unwrap_or(0),
                kind: invite_model::BadTokenChar::Control,
            }
        })?;
        value.set_sensitive(true);
        Ok(value)
    }

    /// Whether the token is a Discord or Fluxer token ([`check_token`]): the error says what is
    /// wrong and where, never what the token is.
    pub(crate) fn check(&self) -> Result<(), TokenError> {
        check_token(&self.secret)
    }

    /// A redactor that hides this token.
    pub(crate) fn redactor(&self) -> Redactor {
        Redactor::new().with_secret(self.secret.as_str())
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

    /// Issue 9, defect 5: a token with `\\` or `"` was accepted, then appeared JSON-escaped
    /// where the redactor did not find it.
    #[test]
    fn only_discord_and_fluxer_tokens_pass() {
        use invite_model::BadTokenChar;
        assert_eq!(Token::bot("MTA.x-y_z").check(), Ok(()));
        assert_eq!(Token::bot("").check(), Err(TokenError::Empty));
        for (secret, position, kind) in [
            ("a b", 1, BadTokenChar::Whitespace),
            ("a\r\nX-Evil: 1", 1, BadTokenChar::Whitespace),
            ("é", 0, BadTokenChar::NonAscii),
            ("abc\\def", 3, BadTokenChar::QuoteOrBackslash),
            ("abc\"def", 3, BadTokenChar::QuoteOrBackslash),
            ("abc+def", 3, BadTokenChar::Punctuation),
        ] {
            let err = Token::bearer(secret).check().unwrap_err();
            assert_eq!(
                err,
                TokenError::BadCharacter { position, kind },
                "{secret:?}"
            );
            assert!(!err.to_string().contains(secret));
        }
    }

    #[test]
    fn the_header_is_checked_and_sensitive() {
        let value = Token::bot("abc.def").header().unwrap();
        assert_eq!(value.as_bytes(), b"Bot abc.def");
        assert!(value.is_sensitive());
        assert_eq!(format!("{value:?}"), "Sensitive");
        assert_eq!(Token::bearer("").header(), Err(TokenError::Empty));
        assert!(matches!(
            Token::bot("a\nb").header(),
            Err(TokenError::BadCharacter { position: 1, .. })
        ));
    }

    #[test]
    fn the_redactor_hides_the_secret() {
        let r = Token::bot("s3cr3t").redactor();
        assert_eq!(r.redact("a s3cr3t b s3cr3t"), "a <redacted> b <redacted>");
        assert_eq!(r.redact("nothing here"), "nothing here");
    }
}
