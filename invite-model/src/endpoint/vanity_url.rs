//! `GET /guilds/{guild_id}/vanity-url`.

use serde::{Deserialize, Serialize};

use super::{Endpoint, Request, Response, ResponseError, Route, parse_json};
use crate::primitive::cow_str::CowStr;
use crate::primitive::serde_util::IntoStatic;
use crate::primitive::snowflake::Snowflake;

/// A guild's vanity invite: its code (if it has one) and how often it was used.
///
/// Discord and Fluxer send `{"code": string or null, "uses": int}`. A `null` (or absent) `code`
/// means the guild has no vanity invite; an absent `uses` stays `None` rather than reading as 0,
/// so an answer that lacks the count is never taken for a count of zero. `code` is always written
/// back (as `null` when `None`), `uses` only when known, so the answer survives a round trip.
/// Unknown keys are ignored. The code borrows from the input like every model.
///
/// ```
/// use invite_model::endpoint::VanityUrl;
/// let v: VanityUrl<'_> = serde_json::from_str(r#"{"code":null,"uses":0}"#)?;
/// assert_eq!((v.code, v.uses), (None, Some(0)));
/// let v: VanityUrl<'_> = serde_json::from_str(r#"{"code":"alien"}"#)?;
/// assert_eq!((v.code.as_deref(), v.uses), (Some("alien"), None));
/// assert_eq!(serde_json::to_string(&v)?, r#"{"code":"alien"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VanityUrl<'a> {
    /// The vanity code, `None` when the guild has none.
    #[serde(borrow, default)]
    pub code: Option<CowStr<'a>>,
    /// How many times it was used; `None` when the answer did not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uses: Option<u64>,
}

impl<'a> VanityUrl<'a> {
    /// An answer with this code and count.
    pub fn new(code: Option<&'a str>, uses: Option<u64>) -> Self {
        Self {
            code: code.map(CowStr::borrowed),
            uses,
        }
    }

    /// A copy that owns its strings.
    pub fn into_owned(self) -> VanityUrl<'static> {
        VanityUrl {
            code: self.code.into_static(),
            uses: self.uses,
        }
    }
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
/// assert_eq!(out.uses, Some(4));
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
    type Output = VanityUrl<'static>;

    fn request(&self) -> Request {
        Request::new(Route::GetVanityUrl {
            guild_id: self.guild_id,
        })
    }

    fn parse(&self, response: &Response<'_>) -> Result<VanityUrl<'static>, ResponseError> {
        parse_json::<VanityUrl<'_>>(response).map(VanityUrl::into_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use alloc::string::ToString;

    fn parse(status: u16, body: &str) -> Result<VanityUrl<'static>, ResponseError> {
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
                uses: Some(0)
            }
        );
        assert_eq!(
            parse(200, r#"{"code":"discord-developers","uses":12}"#).unwrap(),
            VanityUrl {
                code: Some("discord-developers".into()),
                uses: Some(12)
            }
        );
        let no_count = parse(200, r#"{"code":"alien","extra":true}"#).unwrap();
        assert_eq!(
            (no_count.code.as_deref(), no_count.uses),
            (Some("alien"), None)
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
