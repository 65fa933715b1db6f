//! Sans-I/O descriptions of the invite endpoints.
//!
//! Each endpoint is a value built from validated input (so building it is where bad input is
//! refused) that implements [`Endpoint`]: [`Endpoint::request`] describes the HTTP request
//! ([`Request`]: its [`Route`] (method, path with query, rate-limit key), extra headers, body
//! bytes), and
//! [`Endpoint::parse`] turns what came back ([`Response`]: status, headers, body bytes) into the
//! typed result or a [`ResponseError`]. An adapter such as `invite-http-ureq` only moves bytes.
//!
//! | endpoint | request | output | retried |
//! |---|---|---|---|
//! | [`GetInvite`] | `GET /invites/{code}` | `Invite` | yes |
//! | [`DeleteInvite`] | `DELETE /invites/{code}` | [`DeletedInvite`] (Fluxer: 204) | yes |
//! | [`AcceptInvite`] | `POST /invites/{code}` (user tokens) | `Invite` | no |
//! | [`GetGuildInvites`] | `GET /guilds/{guild_id}/invites` | `Vec<Invite>` | yes |
//! | [`GetChannelInvites`] | `GET /channels/{channel_id}/invites` | `Vec<Invite>` | yes |
//! | [`CreateChannelInvite`] | `POST /channels/{channel_id}/invites` (JSON or multipart) | [`CreatedInvite`] | no |
//! | [`GetFriendInvites`] | `GET /users/@me/invites` (user tokens) | `Vec<Invite>` | yes |
//! | [`CreateFriendInvite`] | `POST /users/@me/invites` (user tokens) | `Invite` | no |
//! | [`DeleteFriendInvites`] | `DELETE /users/@me/invites` (user tokens) | `Vec<Invite>` | yes |
//! | [`GetTargetUsers`] | `GET /invites/{code}/target-users` (CSV) | `Vec<Snowflake>` | yes |
//! | [`PutTargetUsers`] | `PUT /invites/{code}/target-users` (multipart CSV) | `()` | yes |
//! | [`GetTargetUsersJobStatus`] | `GET /invites/{code}/target-users/job-status` | `TargetUsersJobStatus` | yes |
//! | [`GetVanityUrl`] | `GET /guilds/{guild_id}/vanity-url` | [`VanityUrl`] | yes |
//! | [`SetVanityUrl`] | `PATCH /guilds/{guild_id}/vanity-url` (Fluxer) | [`VanityUrl`] | yes |
//! | [`PutIncidentActions`] | `PUT /guilds/{guild_id}/incident-actions` (Discord) | [`IncidentsData`] | yes |
//! | [`CreateLobbyInvite`] | `POST /lobbies/{lobby_id}/members/@me/invites` or `.../{user_id}/invites` | [`LobbyInvite`] | no |
//!
//! Every output owns its data (`'static`). Every `parse` turns a non-2xx status into
//! [`ResponseError::from_response`] (an [`ApiError`](crate::ApiError) or a
//! [`RateLimited`](crate::RateLimited)) and a 2xx body that does not decode into a
//! [`DecodeError`] carrying the status and an excerpt of the body. The
//! endpoints that return `Vec<Invite>` accept at most [`LIST_MAX`] invites: a longer list is a
//! [`ListTooLong`] error, found as soon as the item past the limit starts, so
//! a list costs at most [`LIST_MAX`] invites of memory whatever the body. [`GetInvite`],
//! [`DeleteInvite`] and [`AcceptInvite`] check that the invite returned is the one asked for: one
//! with another code is an [`InviteMismatch`] error (a stray response, not to be believed).
//!
//! ```
//! use invite_model::endpoint::{Endpoint, GetInvite, Method, Response};
//! use invite_model::InviteCode;
//!
//! let endpoint = GetInvite::new(InviteCode::parse("https://discord.gg/jvuBeT38")?).with_counts(true);
//! let request = endpoint.request();
//! assert_eq!(request.method(), Method::Get);
//! assert_eq!(request.route.to_string(), "/invites/jvuBeT38?with_counts=true");
//!
//! // ... the adapter sends it and reads the answer ...
//! let answer = Response::new(404, &[], br#"{"message": "Unknown Invite", "code": 10006}"#);
//! let err = endpoint.parse(&answer).unwrap_err();
//! assert_eq!(err.to_string(), "discord api error 404 (10006): Unknown Invite");
//! assert!(err.as_api().is_some_and(|e| e.is_unknown_invite()));
//! # Ok::<(), invite_model::InviteCodeError>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, SeqAccess, Visitor};

use crate::code::InviteCode;
use crate::error::{DecodeError, InviteMismatch, ListTooLong};
use crate::invite::Invite;
use crate::json::{from_json_slice, from_json_slice_seed};

pub use crate::error::ResponseError;
pub use crate::wire::{Method, OwnedResponse, Request, Response, Route, is_success};

mod accept_invite;
mod create_channel_invite;
mod delete_invite;
mod friend_invites;
mod get_invite;
mod list_invites;
mod lobby_invites;
mod put_incident_actions;
mod set_vanity_url;
mod target_users;
mod vanity_url;

pub use accept_invite::AcceptInvite;
pub use create_channel_invite::{CreateChannelInvite, CreateInviteBody, CreatedInvite};
pub use delete_invite::{DeleteInvite, DeletedInvite};
pub use friend_invites::{CreateFriendInvite, DeleteFriendInvites, GetFriendInvites};
pub use get_invite::GetInvite;
pub use list_invites::{GetChannelInvites, GetGuildInvites};
pub use lobby_invites::{CreateLobbyInvite, LobbyInvite};
pub use put_incident_actions::{IncidentsData, PutIncidentActions};
pub use set_vanity_url::SetVanityUrl;
pub use target_users::{
    GetTargetUsers, GetTargetUsersJobStatus, PutTargetUsers, TARGET_USERS_FILE_FIELD,
    TARGET_USERS_FILE_NAME,
};
pub use vanity_url::{GetVanityUrl, VanityUrl};

/// An invite endpoint: describes its request and parses its response.
pub trait Endpoint {
    /// The typed result of a successful call.
    type Output;

    /// The request to send. Infallible: the endpoint value was validated when it was built.
    fn request(&self) -> Request;

    /// Turns the response into the typed result, or a typed error for an error status, a rate
    /// limit, or a body that does not decode.
    fn parse(&self, response: &Response<'_>) -> Result<Self::Output, ResponseError>;
}

/// The error for a response with a non-2xx status, or `Ok` for a 2xx one.
pub(crate) fn check_status(response: &Response<'_>) -> Result<(), ResponseError> {
    if is_success(response.status) {
        Ok(())
    } else {
        Err(ResponseError::from_response(response))
    }
}

/// Decodes a 2xx JSON body; an error status becomes [`ResponseError::from_response`], a body
/// that does not decode a [`DecodeError`](crate::DecodeError).
pub(crate) fn parse_json<'a, T: serde::Deserialize<'a>>(
    response: &Response<'a>,
) -> Result<T, ResponseError> {
    check_body(response)?;
    from_json_slice(response.body).map_err(|e| DecodeError::from_response(response, e).into())
}

/// The error for a non-2xx status or an empty body.
fn check_body(response: &Response<'_>) -> Result<(), ResponseError> {
    check_status(response)?;
    if response.body.is_empty() {
        return Err(DecodeError::from_response(response, "empty body").into());
    }
    Ok(())
}

/// Decodes a 2xx JSON invite and makes it `'static`.
pub(crate) fn parse_invite(response: &Response<'_>) -> Result<Invite<'static>, ResponseError> {
    parse_json::<Invite<'_>>(response).map(Invite::into_owned)
}

/// Decodes a 2xx JSON invite that must be the invite `code` (an [`InviteMismatch`] otherwise)
/// and makes it `'static`.
pub(crate) fn parse_invite_of(
    response: &Response<'_>,
    code: &InviteCode,
) -> Result<Invite<'static>, ResponseError> {
    let invite = parse_json::<Invite<'_>>(response)?;
    if let Some(mismatch) = InviteMismatch::check(response, code, &invite.code) {
        return Err(mismatch.into());
    }
    Ok(invite.into_owned())
}

/// The most items a list endpoint accepts ([`GetGuildInvites`], [`GetChannelInvites`],
/// [`GetFriendInvites`], [`DeleteFriendInvites`]): a guild holds at most 1,000 invites, so ten
/// times that is generous. A longer list is a [`ListTooLong`] error. A list body costs at most
/// 100 bytes of heap per byte (the cheapest invite, `{"code":""},`, is 12 bytes and takes 584,
/// twice with the vector's spare room) plus 1 KiB, and about 10 MB whatever its size; a list of
/// real invites costs under 3 bytes per byte (`tests/bounded_memory.rs` checks all three).
pub const LIST_MAX: usize = 10_000;

/// Decodes a 2xx JSON array of at most [`LIST_MAX`] invites, making each `'static` as it is
/// read.
pub(crate) fn parse_invites(
    response: &Response<'_>,
) -> Result<Vec<Invite<'static>>, ResponseError> {
    check_body(response)?;
    let mut too_long = false;
    let list = BoundedList {
        limit: LIST_MAX,
        too_long: &mut too_long,
        convert: Invite::into_owned,
    };
    match from_json_slice_seed(response.body, list) {
        Ok(invites) => Ok(invites),
        Err(_) if too_long => Err(ListTooLong {
            status: response.status,
            limit: LIST_MAX,
        }
        .into()),
        Err(e) => Err(DecodeError::from_response(response, e).into()),
    }
}

/// A JSON array of at most `limit` items, each converted as it is read; one more item sets
/// `too_long` and fails (without reading that item as a `T`).
struct BoundedList<'f, T, U> {
    limit: usize,
    too_long: &'f mut bool,
    convert: fn(T) -> U,
}

impl<'de, T: serde::Deserialize<'de>, U> DeserializeSeed<'de> for BoundedList<'_, T, U> {
    type Value = Vec<U>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Vec<U>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: serde::Deserialize<'de>, U> Visitor<'de> for BoundedList<'_, T, U> {
    type Value = Vec<U>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // serde's own wording for a `Vec`, so the messages stay as they were.
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<U>, A::Error> {
        let mut out = Vec::new();
        while out.len() < self.limit {
            match seq.next_element::<T>()? {
                Some(item) => {
                    // Double from one slot (a `Vec` starts at four): a short list of large
                    // items costs no more than twice its items.
                    if out.len() == out.capacity() {
                        out.reserve_exact(out.len().max(1));
                    }
                    out.push((self.convert)(item));
                }
                None => return Ok(out),
            }
        }
        if seq.next_element::<IgnoredAny>()?.is_some() {
            *self.too_long = true;
            return Err(de::Error::custom(format_args!(
                "more than {} items",
                self.limit
            )));
        }
        Ok(out)
    }
}

/// The JSON bytes of a request body. The bodies of this crate have no maps with non-string keys
/// and no failing `Serialize` impls, so this cannot fail; it falls back to `{}` regardless.
pub(crate) fn json_body<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_else(|_| Vec::from(*b"{}"))
}

/// A `multipart/form-data` body under construction.
#[derive(Debug)]
pub(crate) struct Multipart<'a> {
    parts: Vec<Part<'a>>,
}

#[derive(Debug)]
struct Part<'a> {
    name: &'static str,
    filename: Option<&'static str>,
    content_type: &'static str,
    content: &'a [u8],
}

impl<'a> Multipart<'a> {
    pub(crate) fn new() -> Self {
        Self { parts: Vec::new() }
    }

    /// Adds a form field.
    pub(crate) fn field(
        mut self,
        name: &'static str,
        content_type: &'static str,
        content: &'a [u8],
    ) -> Self {
        self.parts.push(Part {
            name,
            filename: None,
            content_type,
            content,
        });
        self
    }

    /// Adds a file.
    pub(crate) fn file(
        mut self,
        name: &'static str,
        filename: &'static str,
        content_type: &'static str,
        content: &'a [u8],
    ) -> Self {
        self.parts.push(Part {
            name,
            filename: Some(filename),
            content_type,
            content,
        });
        self
    }

    /// A boundary that occurs in no part's content: derived from a hash of the contents (so the
    /// same body always gets the same boundary), changed until it does not occur.
    fn boundary(&self) -> String {
        // FNV-1a over every part's content.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for part in &self.parts {
            for &b in part.content {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        self.boundary_from(hash)
    }

    /// The first of the candidates `hash`, `hash + step`, ... that occurs in no content. It
    /// ends: each clash needs a different 29-byte window of the contents, and there are finitely
    /// many.
    fn boundary_from(&self, mut hash: u64) -> String {
        loop {
            let candidate = alloc::format!("invite-model-{hash:016x}");
            let clash = self.parts.iter().any(|p| {
                p.content
                    .windows(candidate.len())
                    .any(|w| w == candidate.as_bytes())
            });
            if !clash {
                return candidate;
            }
            hash = hash.wrapping_add(0x9e37_79b9_7f4a_7c15);
        }
    }

    /// The `Content-Type` header value and the body bytes.
    pub(crate) fn finish(self) -> (String, Vec<u8>) {
        let boundary = self.boundary();
        let mut body = Vec::new();
        for part in &self.parts {
            body.extend_from_slice(b"--");
            body.extend_from_slice(boundary.as_bytes());
            body.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
            body.extend_from_slice(part.name.as_bytes());
            body.push(b'"');
            if let Some(filename) = part.filename {
                body.extend_from_slice(b"; filename=\"");
                body.extend_from_slice(filename.as_bytes());
                body.push(b'"');
            }
            body.extend_from_slice(b"\r\nContent-Type: ");
            body.extend_from_slice(part.content_type.as_bytes());
            body.extend_from_slice(b"\r\n\r\n");
            body.extend_from_slice(part.content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"--");
        body.extend_from_slice(boundary.as_bytes());
        body.extend_from_slice(b"--\r\n");
        (
            alloc::format!("multipart/form-data; boundary={boundary}"),
            body,
        )
    }
}

/// Shared pieces of the endpoint tests.
#[cfg(test)]
pub(crate) mod test_support {
    use super::Response;

    /// A Discord invite with metadata (the docs' example).
    pub(crate) const DISCORD_INVITE: &[u8] =
        include_bytes!("../tests/fixtures/discord_invite_with_metadata.json");
    /// A Fluxer guild invite.
    pub(crate) const FLUXER_INVITE: &[u8] =
        include_bytes!("../tests/fixtures/fluxer_guild_invite.json");
    /// A list of guild invites.
    pub(crate) const INVITE_LIST: &[u8] =
        include_bytes!("../tests/fixtures/list_guild_invites.json");
    /// A friend invite.
    pub(crate) const FRIEND_INVITE: &[u8] =
        include_bytes!("../tests/fixtures/discord_friend_invite.json");
    /// A Fluxer create-invite answer (metadata).
    pub(crate) const FLUXER_CREATED: &[u8] =
        include_bytes!("../tests/fixtures/fluxer_create_invite_response_real_ids.json");

    /// A response without headers.
    pub(crate) fn resp(status: u16, body: &[u8]) -> Response<'_> {
        Response::new(status, &[], body)
    }

    /// Unknown Invite, as Discord sends it.
    pub(crate) const UNKNOWN_INVITE: &[u8] = br#"{"message": "Unknown Invite", "code": 10006}"#;
    /// What `UNKNOWN_INVITE` displays as.
    pub(crate) const UNKNOWN_INVITE_MSG: &str = "discord api error 404 (10006): Unknown Invite";
    /// What `b"garbage"` with status 200 displays as.
    pub(crate) const GARBAGE_MSG: &str = "cannot decode the response body (status 200): expected value at line 1 column 1; the body starts with \"garbage\"";
    /// A truncated invite.
    pub(crate) const TRUNCATED: &[u8] = br#"{"type":0,"code":"jvuBeT38","guild":{"id":"1"#;
    /// What `TRUNCATED` with status 200 displays as.
    pub(crate) const TRUNCATED_MSG: &str = "cannot decode the response body (status 200): EOF while parsing a string at line 1 column 44; the body starts with \"{\\\"type\\\":0,\\\"code\\\":\\\"jvuBeT38\\\",\\\"guild\\\":{\\\"id\\\":\\\"1\"";
    /// What an empty 200 displays as.
    pub(crate) const EMPTY_MSG: &str = "cannot decode the response body (status 200): empty body";
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn multipart_boundary_avoids_content() {
        let planted = b"..invite-model-0000000000000000..invite-model-9e3779b97f4a7c15..";
        let m = Multipart::new().field("a", "text/plain", planted);
        assert_eq!(m.boundary_from(0), "invite-model-3c6ef372fe94f82a");
        assert_eq!(
            Multipart::new()
                .field("a", "text/plain", b"x")
                .boundary_from(0),
            "invite-model-0000000000000000"
        );
        let (ct, body) = Multipart::new()
            .field("payload_json", "application/json", b"{}")
            .finish();
        let boundary = ct.strip_prefix("multipart/form-data; boundary=").unwrap();
        assert_eq!(
            String::from_utf8(body).unwrap(),
            alloc::format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n{{}}\r\n--{boundary}--\r\n"
            )
        );
    }

    #[test]
    fn request_debug_and_header_lookup() {
        let r = Request {
            headers: alloc::vec![("Content-Type", "application/json".into())],
            body: b"{}".to_vec(),
            ..Request::new(Route::CreateChannelInvite {
                channel_id: crate::primitive::snowflake::Snowflake(5),
            })
        };
        assert!(!r.retry_safe);
        assert_eq!(r.method(), Method::Post);
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.header("x-audit-log-reason"), None);
        assert_eq!(
            alloc::format!("{r:?}"),
            "Request { route: CreateChannelInvite { channel_id: Snowflake(5) }, headers: [(\"Content-Type\", \"application/json\")], body: \"{}\", retry_safe: false }"
        );
        assert!(Request::new(Route::GetFriendInvites).retry_safe);
        assert_eq!(Method::Delete.to_string(), "DELETE");
        assert!(is_success(204) && !is_success(304) && !is_success(199));
    }
}
