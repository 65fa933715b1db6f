//! `PATCH /guilds/{guild_id}/vanity-url` (Fluxer).

use alloc::string::String;
use alloc::vec;

use serde::Serialize;

use super::vanity_url::VanityUrl;
use super::{Endpoint, Request, Response, ResponseError, Route, json_body, parse_json};
use crate::code::vanity_code::{VanityCode, VanityCodeError};
use crate::platform::{Limits, Platform};
use crate::primitive::snowflake::Snowflake;

#[derive(Serialize)]
struct SetVanityBody<'a> {
    code: Option<&'a str>,
}

/// `PATCH /guilds/{guild_id}/vanity-url`: sets (or removes) a guild's vanity code. Fluxer lets
/// bots do it (`MANAGE_GUILD`); Discord does not, which [`VanityCode`] and
/// [`remove`](Self::remove) refuse before anything is sent. The answer is the guild's vanity
/// code (Fluxer sends `{"code": ...}` without `uses`, read as 0). Retried like any PATCH: the
/// same body sets the same code again.
///
/// ```
/// use invite_model::{Platform, Snowflake, VanityCode};
/// use invite_model::endpoint::{Endpoint, SetVanityUrl};
/// let code = VanityCode::new("my-guild", Platform::Fluxer).unwrap();
/// let r = SetVanityUrl::new(Snowflake(7), code).request();
/// assert_eq!(r.route.to_string(), "/guilds/7/vanity-url");
/// assert_eq!(r.body, br#"{"code":"my-guild"}"#);
/// assert!(SetVanityUrl::remove(Snowflake(7), Platform::Discord).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SetVanityUrl {
    guild_id: Snowflake,
    code: Option<VanityCode>,
}

impl SetVanityUrl {
    /// Sets the vanity code of `guild_id` to `code` (checked for its platform when built).
    pub fn new(guild_id: Snowflake, code: VanityCode) -> Self {
        Self {
            guild_id,
            code: Some(code),
        }
    }

    /// Removes the vanity code of `guild_id` (`{"code": null}`); refused on a platform that
    /// does not let bots change it.
    pub fn remove(guild_id: Snowflake, platform: Platform) -> Result<Self, VanityCodeError> {
        Self::remove_with_limits(guild_id, platform, &platform.limits())
    }

    /// Like [`remove`](Self::remove), with `limits` deciding whether bots may change it.
    pub fn remove_with_limits(
        guild_id: Snowflake,
        platform: Platform,
        limits: &Limits,
    ) -> Result<Self, VanityCodeError> {
        if limits.vanity_code_len.is_none() {
            return Err(VanityCodeError::Unsupported { platform });
        }
        Ok(Self {
            guild_id,
            code: None,
        })
    }
}

impl Endpoint for SetVanityUrl {
    type Output = VanityUrl<'static>;

    fn request(&self) -> Request {
        Request {
            headers: vec![("Content-Type", String::from("application/json"))],
            body: json_body(&SetVanityBody {
                code: self.code.as_ref().map(VanityCode::as_str),
            }),
            ..Request::new(Route::SetVanityUrl {
                guild_id: self.guild_id,
            })
        }
    }

    fn parse(&self, response: &Response<'_>) -> Result<VanityUrl<'static>, ResponseError> {
        parse_json::<VanityUrl<'_>>(response).map(VanityUrl::into_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use crate::endpoint::test_support::*;
    use alloc::string::ToString;

    fn set(code: &str) -> SetVanityUrl {
        SetVanityUrl::new(
            Snowflake(5),
            VanityCode::new(code, Platform::Fluxer).unwrap(),
        )
    }

    #[test]
    fn requests() {
        let r = set("my-guild").request();
        assert_eq!(r.method(), Method::Patch);
        assert_eq!(r.route.to_string(), "/guilds/5/vanity-url");
        assert_eq!(r.route.template(), "PATCH /guilds/{guild_id}/vanity-url");
        assert_eq!(r.route.major(), Some(Snowflake(5)));
        assert_eq!(
            r.headers,
            [("Content-Type", String::from("application/json"))]
        );
        assert_eq!(r.body, br#"{"code":"my-guild"}"#);
        assert!(r.retry_safe, "a PATCH with the same body is idempotent");
        let r = SetVanityUrl::remove(Snowflake(5), Platform::Fluxer)
            .unwrap()
            .request();
        assert_eq!(r.body, br#"{"code":null}"#);
        assert_eq!(
            SetVanityUrl::remove(Snowflake(5), Platform::Discord)
                .unwrap_err()
                .to_string(),
            "discord does not let bots change a vanity code (fluxer does)"
        );
        let limits = Platform::Discord
            .limits()
            .with_vanity_code_len(Some(2..=25));
        assert!(SetVanityUrl::remove_with_limits(Snowflake(5), Platform::Discord, &limits).is_ok());
    }

    #[test]
    fn parse() {
        let e = set("my-guild");
        let out = e.parse(&resp(200, br#"{"code":"my-guild"}"#)).unwrap();
        assert_eq!((out.code.as_deref(), out.uses), (Some("my-guild"), None));
        let out = e.parse(&resp(200, br#"{"code":null}"#)).unwrap();
        assert_eq!(out.code, None);
        assert_eq!(
            e.parse(&resp(
                400,
                br#"{"code":"INVALID_FORM_BODY","message":"Input Validation Error","errors":[{"path":"code","message":"Vanity URL is already taken"}]}"#
            ))
            .unwrap_err()
            .to_string(),
            "fluxer api error 400 (INVALID_FORM_BODY): Input Validation Error; code: Vanity URL is already taken"
        );
        assert_eq!(
            e.parse(&resp(200, b"garbage")).unwrap_err().to_string(),
            GARBAGE_MSG
        );
        assert_eq!(e.parse(&resp(200, b"")).unwrap_err().to_string(), EMPTY_MSG);
    }
}
