//! `GET /guilds/{guild_id}/vanity-url`.

use alloc::string::String;

use serde::{Deserialize, Serialize};

use super::{Endpoint, Request, Response, ResponseError, Route, parse_json};
use crate::primitive::snowflake::Snowflake;

/// A guild's vanity invite: its code (if it has one) and how often it was used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VanityUrl {
    /// The vanity code, `None` when the guild has none.
    #[serde(default)]
    pub code: Option<String>,
    /// How many times it was used.
    #[serde(default)]
    pub uses: u64,
}

/// `GET /guilds/{guild_id}/vanity-url`: the guild's vanity invite. Needs `MANAGE_GUILD`.
///
/// ```
/// use invite_model::Snowflake;
/// use invite_model::endpoint::{Endpoint, GetVanityUrl, Response};
/// let e = GetVanityUrl::new(Snowflake(1046920999469330512));
/// assert_eq!(e.request().route.to_string(), "/guilds/1046920999469330512/vanity-url");
/// let out = e.parse(&Response::new(200, &[], br#"{"code":"alien","uses":4}"#)).unwrap();
/// assert_eq!(out.code.as_deref(), Some("alien"));
/// assert_eq!(out.uses, 4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GetVanityUrl {
    guild_id: Snowflake,
}

impl GetVanityUrl {
    /// The vanity invite of `guild_id`.
    pub const fn new(guild_id: Snowflake) -> Self {
        Self { guild_id }
    }
}

impl Endpoint for GetVanityUrl {
    type Output = VanityUrl;

    fn request(&self) -> Request {
        Request::new(Route::GetVanityUrl {
            guild_id: self.guild_id,
        })
    }

    fn parse(&self, response: &Response<'_>) -> Result<VanityUrl, ResponseError> {
        parse_json(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use alloc::string::ToString;

    fn parse(status: u16, body: &str) -> Result<VanityUrl, ResponseError> {
        GetVanityUrl::new(Snowflake(5)).parse(&Response::new(status, &[], body.as_bytes()))
    }

    #[test]
    fn request() {
        let r = GetVanityUrl::new(Snowflake(5)).request();
        assert_eq!(r.method(), Method::Get);
        assert_eq!(r.route.to_string(), "/guilds/5/vanity-url");
        assert!(r.headers.is_empty());
        assert!(r.body.is_empty());
        assert_eq!(r.route.template(), "GET /guilds/{guild_id}/vanity-url");
        assert_eq!(r.route.major(), Some(Snowflake(5)));
        assert!(r.retry_safe);
    }

    #[test]
    fn parses() {
        assert_eq!(
            parse(200, r#"{"code":null,"uses":0}"#).unwrap(),
            VanityUrl {
                code: None,
                uses: 0
            }
        );
        assert_eq!(
            parse(200, r#"{"code":"discord-developers","uses":12}"#).unwrap(),
            VanityUrl {
                code: Some("discord-developers".into()),
                uses: 12
            }
        );
        assert_eq!(
            parse(204, "").unwrap_err().to_string(),
            "cannot decode the response body (status 204): empty body"
        );
        assert_eq!(
            parse(403, r#"{"message": "Missing Permissions", "code": 50013}"#)
                .unwrap_err()
                .to_string(),
            "discord api error 403 (50013): Missing Permissions"
        );
        assert_eq!(
            parse(200, "garbage").unwrap_err().to_string(),
            "cannot decode the response body (status 200): expected value at line 1 column 1; the body starts with \"garbage\""
        );
        assert_eq!(
            parse(200, r#"{"code":"ab"#).unwrap_err().to_string(),
            "cannot decode the response body (status 200): EOF while parsing a string at line 1 column 11; the body starts with \"{\\\"code\\\":\\\"ab\""
        );
    }
}
