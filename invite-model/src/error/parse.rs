//! Reading an error body: one pass over the JSON with serde visitors, keeping the document order
//! of the errors and tolerating any type in any place.
//!
//! Every value is read through a [`Shape`]: it says what to do with the kinds of value it cares
//! about, and the defaults skip the rest, so each visitor is written once ([`Read`]).
//!
//! Memory stays linear in the body and bounded per error: keys are never copied (a key is pushed
//! onto one reusable path buffer, itself capped, and popped after its value), a field error is
//! built only when it is kept (the first [`ApiError::ERRORS_MAX`]; the rest are counted), and every
//! string kept is redacted and cut as it is read.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{ApiError, ErrorCode, FieldError, RateLimited, status_reason};
use crate::json::from_json_slice_seed;
use crate::ratelimit::RateLimitInfo;
use crate::secret::Redactor;
use crate::wire::Response;

/// What an error body said.
#[derive(Default)]
pub(super) struct ErrorBody {
    pub(super) code: Option<ErrorCode>,
    pub(super) message: Option<String>,
    pub(super) errors: Collected,
    /// Other top-level keys whose values are error lists (`{"target_users_file": ["..."]}`);
    /// used only when the body has neither `code` nor `message`.
    pub(super) loose: Collected,
}

impl ErrorBody {
    /// `None` unless the body is a JSON object.
    pub(super) fn parse(body: &[u8], redactor: &Redactor) -> Option<Self> {
        let mut ctx = Ctx {
            redactor,
            path: Path::default(),
        };
        from_json_slice_seed(body, Read(Body { ctx: &mut ctx }))
            .ok()
            .flatten()
    }
}

/// Field errors in the body's order: the first [`ApiError::ERRORS_MAX`], and how many more.
#[derive(Default)]
pub(super) struct Collected {
    pub(super) kept: Vec<FieldError>,
    pub(super) omitted: usize,
}

impl Collected {
    /// Whether another error would be kept.
    fn has_room(&self) -> bool {
        self.kept.len() < ApiError::ERRORS_MAX
    }

    /// Keeps the error `make` builds, or counts it when the list is full.
    fn push(&mut self, make: impl FnOnce() -> FieldError) {
        if self.has_room() {
            self.kept.push(make());
        } else {
            self.omitted = self.omitted.saturating_add(1);
        }
    }

    /// Appends `other`'s errors, keeping the limit.
    fn append(&mut self, other: Collected) {
        if self.kept.is_empty() && self.omitted == 0 {
            *self = other;
            return;
        }
        let room = ApiError::ERRORS_MAX.saturating_sub(self.kept.len());
        let over = other.kept.len().saturating_sub(room);
        self.omitted = self
            .omitted
            .saturating_add(over)
            .saturating_add(other.omitted);
        self.kept.extend(other.kept.into_iter().take(room));
    }
}

impl RateLimited {
    pub(super) fn from_parts(
        response: &Response<'_>,
        body: Option<ErrorBody>,
        redactor: &Redactor,
    ) -> Self {
        // The wait, the scope and whether it is global: read once, by the rate-limit reader.
        let info = RateLimitInfo::from_response(response);
        Self {
            retry_after: info.retry_wait(),
            global: info.global,
            // The reader keeps only a short visible-ASCII token; redacted all the same.
            scope: info.scope.map(|s| redactor.redact(s).into_owned()),
            message: body.and_then(|b| b.message).unwrap_or_default(),
        }
    }
}

impl ApiError {
    pub(super) fn from_parts(
        status: u16,
        body: Option<ErrorBody>,
        raw: &[u8],
        redactor: &Redactor,
    ) -> Self {
        let Some(mut body) = body else {
            let excerpt = redactor.excerpt_bytes(raw, super::DecodeError::EXCERPT_MAX);
            let excerpt = excerpt.trim();
            return Self {
                status,
                code: None,
                message: if excerpt.is_empty() {
                    String::from(status_reason(status))
                } else {
                    String::from(excerpt)
                },
                errors: Vec::new(),
                omitted_errors: 0,
            };
        };
        if body.code.is_none() && body.message.is_none() {
            let loose = core::mem::take(&mut body.loose);
            body.errors.append(loose);
        }
        Self {
            status,
            code: body.code,
            message: body
                .message
                .unwrap_or_else(|| String::from(status_reason(status))),
            errors: body.errors.kept,
            omitted_errors: body.errors.omitted,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The path buffer and the reading context.

/// The most bytes of a path held while reading: enough to redact and cut it to
/// [`FieldError::PATH_MAX`]; the rest of a longer path is only counted.
const PATH_HELD_MAX: usize = 4 * FieldError::PATH_MAX;

/// The dotted path of the value being read, in one buffer reused for the whole body: a key is
/// pushed before its value is read and popped after. Only the first [`PATH_HELD_MAX`] bytes are
/// held; `len` is the full length.
#[derive(Default)]
struct Path {
    held: String,
    len: usize,
}

/// A path length to go back to: (bytes held, full length).
#[derive(Clone, Copy, Default)]
struct Mark(usize, usize);

impl Path {
    fn mark(&self) -> Mark {
        Mark(self.held.len(), self.len)
    }

    fn reset(&mut self, mark: Mark) {
        self.held.truncate(mark.0);
        self.len = mark.1;
    }

    /// Appends `.segment` (or `segment` to an empty path).
    fn push(&mut self, segment: &str) {
        if self.len > 0 {
            self.push_held(".");
            self.len += 1;
        }
        self.push_held(segment);
        self.len = self.len.saturating_add(segment.len());
    }

    fn push_held(&mut self, text: &str) {
        if self.held.len() == self.len {
            let room = PATH_HELD_MAX.saturating_sub(self.held.len());
            let cut = crate::secret::floor_boundary(text, room);
            self.held.push_str(text.get(..cut).unwrap_or_default());
        }
    }

    /// The path to store in an error: redacted, then cut to [`FieldError::PATH_MAX`].
    fn stored(&self, redactor: &Redactor) -> String {
        let more = self.held.len() < self.len;
        redactor.clip(&self.held, FieldError::PATH_MAX, FieldError::PATH_CUT, more)
    }
}

/// What every visitor of a body shares.
struct Ctx<'r> {
    redactor: &'r Redactor,
    path: Path,
}

impl Ctx<'_> {
    /// A field error at the current path.
    fn field_error(&self, code: Option<String>, message: Option<String>) -> FieldError {
        FieldError {
            path: self.path.stored(self.redactor),
            code: code.unwrap_or_default(),
            message: message.unwrap_or_default(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shapes: one visitor, the no-op cases written once.

/// One way of reading a JSON value: a method per kind of value, each defaulting to skipping it
/// and giving `Value::default()`.
trait Shape<'de>: Sized {
    /// What reading gives.
    type Value: Default;
    /// What the shape expects, for serde's messages.
    const EXPECTING: &'static str;

    fn string<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Self::Value::default())
    }
    fn integer<E: de::Error>(self, _: i128) -> Result<Self::Value, E> {
        Ok(Self::Value::default())
    }
    fn float<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Self::Value::default())
    }
    fn boolean<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Self::Value::default())
    }
    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Self::Value::default())
    }
    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Self::Value::default())
    }
}

/// Reads any JSON value with a [`Shape`]; `null` gives the default.
struct Read<S>(S);

impl<'de, S: Shape<'de>> DeserializeSeed<'de> for Read<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, S: Shape<'de>> Visitor<'de> for Read<S> {
    type Value = S::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(S::EXPECTING)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<S::Value, E> {
        self.0.boolean(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<S::Value, E> {
        self.0.integer(i128::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<S::Value, E> {
        self.0.integer(i128::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<S::Value, E> {
        self.0.float(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<S::Value, E> {
        self.0.string(v)
    }
    fn visit_unit<E: de::Error>(self) -> Result<S::Value, E> {
        Ok(S::Value::default())
    }
    fn visit_none<E: de::Error>(self) -> Result<S::Value, E> {
        Ok(S::Value::default())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<S::Value, A::Error> {
        self.0.seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<S::Value, A::Error> {
        self.0.map(map)
    }
}

/// A string, redacted and cut to `max` bytes; `None` for anything else. When `keep` is false
/// (the error it belongs to is only counted), a string gives an empty one, without copying.
struct Text<'r> {
    redactor: &'r Redactor,
    max: usize,
    keep: bool,
}

impl Shape<'_> for Text<'_> {
    type Value = Option<String>;
    const EXPECTING: &'static str = "a string";

    fn string<E: de::Error>(self, v: &str) -> Result<Option<String>, E> {
        Ok(Some(if self.keep {
            self.redactor.clip(v, self.max, "", false)
        } else {
            String::new()
        }))
    }
}

/// An error code: a Discord integer (that fits `u32`) or a Fluxer string.
struct Code<'r>(&'r Redactor);

impl Shape<'_> for Code<'_> {
    type Value = Option<ErrorCode>;
    const EXPECTING: &'static str = "an error code";

    fn integer<E: de::Error>(self, v: i128) -> Result<Option<ErrorCode>, E> {
        Ok(u32::try_from(v).ok().map(ErrorCode::Discord))
    }
    fn string<E: de::Error>(self, v: &str) -> Result<Option<ErrorCode>, E> {
        let code = self.0.clip(v, ErrorCode::FLUXER_MAX, "", false);
        Ok(Some(ErrorCode::Fluxer(code)))
    }
}

// ---------------------------------------------------------------------------------------------
// The body and its errors.

/// The whole body: an object, or `None`.
struct Body<'c, 'r> {
    ctx: &'c mut Ctx<'r>,
}

/// A top-level key.
#[derive(Default)]
enum TopKey {
    Code,
    Message,
    Errors,
    /// `retry_after` or `global`: a 429's wait and scope are read by `RateLimitInfo`, not here.
    RateLimit,
    /// Any other key (or `code`/`message` again): it is on the path, for [`Loose`].
    #[default]
    Other,
}

/// Reads a top-level key; an unknown one is pushed onto the (empty) path.
struct TopKeyOf<'c> {
    path: &'c mut Path,
    code_set: bool,
    message_set: bool,
}

impl Shape<'_> for TopKeyOf<'_> {
    type Value = TopKey;
    const EXPECTING: &'static str = "a key";

    fn string<E: de::Error>(self, v: &str) -> Result<TopKey, E> {
        Ok(match v {
            "code" if !self.code_set => TopKey::Code,
            "message" if !self.message_set => TopKey::Message,
            "errors" => TopKey::Errors,
            "retry_after" | "global" => TopKey::RateLimit,
            _ => {
                self.path.reset(Mark::default());
                self.path.push(v);
                TopKey::Other
            }
        })
    }
}

impl<'de> Shape<'de> for Body<'_, '_> {
    type Value = Option<ErrorBody>;
    const EXPECTING: &'static str = "an error object";

    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<ErrorBody>, A::Error> {
        let ctx = self.ctx;
        let mut body = ErrorBody::default();
        loop {
            let key = TopKeyOf {
                path: &mut ctx.path,
                code_set: body.code.is_some(),
                message_set: body.message.is_some(),
            };
            let Some(key) = map.next_key_seed(Read(key))? else {
                break;
            };
            match key {
                TopKey::Code => body.code = map.next_value_seed(Read(Code(ctx.redactor)))?,
                TopKey::Message => {
                    body.message = map.next_value_seed(Read(Text {
                        redactor: ctx.redactor,
                        max: ApiError::MESSAGE_MAX,
                        keep: true,
                    }))?;
                }
                TopKey::Errors => {
                    ctx.path.reset(Mark::default());
                    map.next_value_seed(Read(Flatten {
                        ctx: &mut *ctx,
                        out: &mut body.errors,
                    }))?;
                }
                TopKey::RateLimit => {
                    map.next_value::<IgnoredAny>()?;
                }
                TopKey::Other => map.next_value_seed(Read(Loose {
                    ctx: &mut *ctx,
                    out: &mut body.loose,
                }))?,
            }
        }
        Ok(Some(body))
    }
}

/// A top-level key's value that may be a list of error strings (the key is the path).
struct Loose<'c, 'r> {
    ctx: &'c mut Ctx<'r>,
    out: &'c mut Collected,
}

impl<'de> Shape<'de> for Loose<'_, '_> {
    type Value = ();
    const EXPECTING: &'static str = "a list of errors";

    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            let text = Text {
                redactor: self.ctx.redactor,
                max: FieldError::MESSAGE_MAX,
                keep: self.out.has_room(),
            };
            let Some(item) = seq.next_element_seed(Read(text))? else {
                return Ok(());
            };
            // A string is an error (kept or, when the list is full, counted); anything else
            // is not one.
            if let Some(message) = item {
                let ctx = &*self.ctx;
                self.out.push(|| ctx.field_error(None, Some(message)));
            }
        }
    }
}

/// The `errors` value (or a node inside it), flattened into field errors under the current path.
struct Flatten<'c, 'r> {
    ctx: &'c mut Ctx<'r>,
    out: &'c mut Collected,
}

/// A key of Discord's nesting: pushed onto the path, except `_errors`.
struct FlattenKey<'c>(&'c mut Path);

impl Shape<'_> for FlattenKey<'_> {
    type Value = Option<Mark>;
    const EXPECTING: &'static str = "a key";

    fn string<E: de::Error>(self, v: &str) -> Result<Option<Mark>, E> {
        let mark = self.0.mark();
        if v != "_errors" {
            self.0.push(v);
        }
        Ok(Some(mark))
    }
}

impl<'de> Shape<'de> for Flatten<'_, '_> {
    type Value = ();
    const EXPECTING: &'static str = "nested field errors";

    /// Discord's nesting: `{"role_ids": {"0": {"_errors": [...]}}}`.
    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(mark) = map.next_key_seed(Read(FlattenKey(&mut self.ctx.path)))? {
            let Some(mark) = mark else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            map.next_value_seed(Read(Flatten {
                ctx: &mut *self.ctx,
                out: &mut *self.out,
            }))?;
            self.ctx.path.reset(mark);
        }
        Ok(())
    }

    /// `_errors: [{code, message}]` (Discord) or `errors: [{path, message}]` (Fluxer).
    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(Read(Item {
                ctx: &mut *self.ctx,
                out: &mut *self.out,
            }))?
            .is_some()
        {}
        Ok(())
    }

    fn string<E: de::Error>(self, v: &str) -> Result<(), E> {
        let ctx = &*self.ctx;
        self.out
            .push(|| ctx.field_error(None, Some(message(ctx.redactor, v))));
        Ok(())
    }
}

/// One element of an error list: `{code?, message, path?}` or a bare string.
struct Item<'c, 'r> {
    ctx: &'c mut Ctx<'r>,
    out: &'c mut Collected,
}

/// A key of an error list's element.
#[derive(Default)]
enum ItemKey {
    Path,
    Code,
    Message,
    #[default]
    Other,
}

struct ItemKeyOf;

impl Shape<'_> for ItemKeyOf {
    type Value = ItemKey;
    const EXPECTING: &'static str = "a key";

    fn string<E: de::Error>(self, v: &str) -> Result<ItemKey, E> {
        Ok(match v {
            "path" => ItemKey::Path,
            "code" => ItemKey::Code,
            "message" => ItemKey::Message,
            _ => ItemKey::Other,
        })
    }
}

/// An element's `path`: a string is pushed onto the path (after the list's own path).
struct ItemPath<'c>(&'c mut Path);

impl Shape<'_> for ItemPath<'_> {
    type Value = ();
    const EXPECTING: &'static str = "a path";

    fn string<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.0.push(v);
        Ok(())
    }
}

impl<'de> Shape<'de> for Item<'_, '_> {
    type Value = ();
    const EXPECTING: &'static str = "a field error";

    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let base = self.ctx.path.mark();
        let keep = self.out.has_room();
        let (mut code, mut message) = (None, None);
        let text = |max| Text {
            redactor: self.ctx.redactor,
            max,
            keep,
        };
        while let Some(key) = map.next_key_seed(Read(ItemKeyOf))? {
            match key {
                ItemKey::Path => {
                    // The last `path` wins; one that is not a string means the list's own path.
                    self.ctx.path.reset(base);
                    map.next_value_seed(Read(ItemPath(&mut self.ctx.path)))?;
                }
                ItemKey::Code => code = map.next_value_seed(Read(text(FieldError::CODE_MAX)))?,
                ItemKey::Message => {
                    message = map.next_value_seed(Read(text(FieldError::MESSAGE_MAX)))?;
                }
                ItemKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let ctx = &*self.ctx;
        self.out.push(|| ctx.field_error(code, message));
        self.ctx.path.reset(base);
        Ok(())
    }

    fn string<E: de::Error>(self, v: &str) -> Result<(), E> {
        let ctx = &*self.ctx;
        self.out
            .push(|| ctx.field_error(None, Some(message(ctx.redactor, v))));
        Ok(())
    }
}

/// A field error's message, redacted and cut.
fn message(redactor: &Redactor, v: &str) -> String {
    redactor.clip(v, FieldError::MESSAGE_MAX, "", false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{DecodeError, ResponseError};
    use alloc::format;
    use alloc::string::ToString;
    use alloc::vec;
    use alloc::vec::Vec;
    use core::time::Duration;
    use proptest::prelude::*;

    fn from(status: u16, headers: &[(&str, &str)], body: &str) -> ResponseError {
        ResponseError::from_response(&Response::new(status, headers, body.as_bytes()))
    }

    fn api(status: u16, body: &str) -> ApiError {
        match from(status, &[], body) {
            ResponseError::Api(e) => e,
            other => panic!("not an api error: {other:?}"),
        }
    }

    fn fe(path: &str, code: &str, message: &str) -> FieldError {
        FieldError {
            path: path.into(),
            code: code.into(),
            message: message.into(),
        }
    }

    #[test]
    fn discord_simple_error() {
        let e = api(404, r#"{"message": "Unknown Invite", "code": 10006}"#);
        assert_eq!(e.code, Some(ErrorCode::Discord(10006)));
        assert!(e.is_unknown_invite());
        assert!(!e.is_missing_permissions());
        assert_eq!(
            e.to_string(),
            "discord api error 404 (10006): Unknown Invite"
        );
        assert_eq!(e.code.as_ref().unwrap().name(), Some("UNKNOWN_INVITE"));
    }

    #[test]
    fn discord_nested_form_errors_flatten_in_order() {
        let body = r#"{
            "code": 50035,
            "errors": {
                "max_age": {"_errors": [{"code": "NUMBER_TYPE_MAX", "message": "int value should be less than or equal to 604800."}]},
                "role_ids": {"0": {"_errors": [{"code": "NUMBER_TYPE_COERCE", "message": "Value \"x\" is not snowflake."}]},
                             "10": {"_errors": [{"code": "A", "message": "m10"}]},
                             "2": {"_errors": [{"code": "B", "message": "m2"}, {"code": "C", "message": "m2b"}]}},
                "_errors": [{"code": "REQUEST_LEVEL", "message": "whole request"}]
            },
            "message": "Invalid Form Body"
        }"#;
        let e = api(400, body);
        assert!(e.is_invalid_form_body());
        assert_eq!(
            e.errors,
            vec![
                fe(
                    "max_age",
                    "NUMBER_TYPE_MAX",
                    "int value should be less than or equal to 604800."
                ),
                fe(
                    "role_ids.0",
                    "NUMBER_TYPE_COERCE",
                    "Value \"x\" is not snowflake."
                ),
                fe("role_ids.10", "A", "m10"),
                fe("role_ids.2", "B", "m2"),
                fe("role_ids.2", "C", "m2b"),
                fe("", "REQUEST_LEVEL", "whole request"),
            ]
        );
        assert_eq!(e.field("role_ids.10").unwrap().message, "m10");
        assert_eq!(
            e.to_string(),
            "discord api error 400 (50035): Invalid Form Body; max_age: int value should be less than or equal to 604800. (NUMBER_TYPE_MAX); role_ids.0: Value \"x\" is not snowflake. (NUMBER_TYPE_COERCE); role_ids.10: m10 (A); role_ids.2: m2 (B); role_ids.2: m2b (C); whole request (REQUEST_LEVEL)"
        );
    }

    #[test]
    fn fluxer_errors() {
        let e = api(
            400,
            r#"{"code":"INVALID_FORM_BODY","message":"Input Validation Error","errors":[{"path":"max_age","message":"Number must be less than or equal to 604800"},{"path":"a.b.0","message":"bad"}]}"#,
        );
        assert_eq!(e.code, Some(ErrorCode::Fluxer("INVALID_FORM_BODY".into())));
        assert!(e.is_invalid_form_body());
        assert_eq!(
            e.errors,
            vec![
                fe("max_age", "", "Number must be less than or equal to 604800"),
                fe("a.b.0", "", "bad"),
            ]
        );
        assert_eq!(
            e.to_string(),
            "fluxer api error 400 (INVALID_FORM_BODY): Input Validation Error; max_age: Number must be less than or equal to 604800; a.b.0: bad"
        );
        let e = api(
            404,
            r#"{"code":"UNKNOWN_INVITE","message":"Unknown invite"}"#,
        );
        assert!(e.is_unknown_invite());
        assert_eq!(
            e.to_string(),
            "fluxer api error 404 (UNKNOWN_INVITE): Unknown invite"
        );
        let e = api(
            403,
            r#"{"code":"INVITES_DISABLED","message":"Invites are disabled"}"#,
        );
        assert!(e.is_invites_disabled());
        assert_eq!(
            e.code.unwrap().description(),
            Some("invites are disabled in this guild")
        );
    }

    #[test]
    fn target_users_upload_errors() {
        let e = api(
            400,
            r#"{"target_users_file": ["Line 5: invalid user ID - abc", "Line 12: invalid user ID - 1.5"]}"#,
        );
        assert_eq!(e.code, None);
        assert_eq!(e.message, "Bad Request");
        assert_eq!(
            e.errors,
            vec![
                fe("target_users_file", "", "Line 5: invalid user ID - abc"),
                fe("target_users_file", "", "Line 12: invalid user ID - 1.5"),
            ]
        );
        assert_eq!(e.errors[0].csv_line(), Some(5));
        assert_eq!(e.errors[1].csv_line(), Some(12));
        assert_eq!(fe("", "", "oops").csv_line(), None);
        assert_eq!(fe("", "", "line x").csv_line(), None);
        assert_eq!(
            e.to_string(),
            "api error 400: Bad Request; target_users_file: Line 5: invalid user ID - abc; target_users_file: Line 12: invalid user ID - 1.5"
        );
        // Extra keys of an error with a code are not field errors.
        let e = api(
            403,
            r#"{"code":"MISSING_PERMISSIONS","message":"m","permissions":["X"]}"#,
        );
        assert!(e.errors.is_empty());
        assert!(e.is_missing_permissions());
    }

    #[test]
    fn empty_and_non_json_bodies() {
        let e = api(404, "");
        assert_eq!(e.to_string(), "api error 404: Not Found");
        let e = api(502, "<html><body>502 Bad Gateway</body></html>\n");
        assert_eq!(e.message, "<html><body>502 Bad Gateway</body></html>");
        assert_eq!(e.code, None);
        let e = api(500, "   ");
        assert_eq!(e.to_string(), "api error 500: Internal Server Error");
        let e = api(400, r#"["not", "an", "object"]"#);
        assert_eq!(e.message, r#"["not", "an", "object"]"#);
        let e = api(400, r#"{"code": 50035, "mess"#);
        assert_eq!(e.message, r#"{"code": 50035, "mess"#);
        let long = "x".repeat(1000);
        assert_eq!(api(503, &long).message.len(), DecodeError::EXCERPT_MAX);
        // An object without a message: the status's reason phrase.
        let e = api(401, r#"{"code": 0}"#);
        assert_eq!(e.to_string(), "discord api error 401 (0): Unauthorized");
        // Odd types are tolerated.
        let e = api(
            400,
            r#"{"code": -5, "message": 7, "errors": {"a": "flat", "b": [1, "s", null, {"message": "m"}]}}"#,
        );
        assert_eq!(e.code, None);
        assert_eq!(e.message, "Bad Request");
        assert_eq!(
            e.errors,
            vec![fe("a", "", "flat"), fe("b", "", "s"), fe("b", "", "m")]
        );
        let e = api(418, "{}");
        assert_eq!(e.to_string(), "api error 418: Client Error");
    }

    #[test]
    #[allow(clippy::float_cmp)] // the values are parsed exactly, not computed
    fn rate_limits() {
        use crate::ratelimit::{FALLBACK_WAIT, MAX_WAIT};
        let r = from(
            429,
            &[("retry-after", "2"), ("X-RateLimit-Scope", "shared")],
            r#"{"message": "You are being rate limited.", "retry_after": 1.337, "global": false}"#,
        );
        assert_eq!(
            r,
            ResponseError::RateLimited(RateLimited {
                retry_after: Duration::from_millis(1337),
                global: false,
                scope: Some("shared".into()),
                message: "You are being rate limited.".into(),
            })
        );
        assert_eq!(
            r.to_string(),
            "rate limited (scope shared): retry after 1.337s: You are being rate limited."
        );
        assert_eq!(r.status(), 429);

        // Fluxer: integer Retry-After header, X-RateLimit-Global.
        let r = from(
            429,
            &[("Retry-After", "3"), ("X-RateLimit-Global", "true")],
            r#"{"code":"RATE_LIMITED","message":"You are being rate limited.","global":false}"#,
        );
        let ResponseError::RateLimited(r) = r else {
            panic!()
        };
        assert_eq!(r.retry_after, Duration::from_secs(3));
        assert!(r.global);
        assert_eq!(
            r.to_string(),
            "rate limited globally: retry after 3s: You are being rate limited."
        );

        // Cloudflare's HTML 429 without headers: the fallback wait.
        let ResponseError::RateLimited(r) = from(429, &[], "<html>banned</html>") else {
            panic!()
        };
        assert_eq!(r.retry_after, FALLBACK_WAIT);
        assert!(!r.global);
        assert_eq!(r.message, "");

        // Odd numbers: unreadable ones are ignored, huge ones capped at the one cap.
        let ResponseError::RateLimited(r) = from(429, &[], r#"{"retry_after": -4}"#) else {
            panic!()
        };
        assert_eq!(r.retry_after, FALLBACK_WAIT);
        let ResponseError::RateLimited(r) = from(429, &[], r#"{"retry_after": 1e300}"#) else {
            panic!()
        };
        assert_eq!(r.retry_after, MAX_WAIT);
        let ResponseError::RateLimited(r) = from(
            429,
            &[("Retry-After", "NaN"), ("X-RateLimit-Reset-After", "0.5")],
            "",
        ) else {
            panic!()
        };
        assert_eq!(r.retry_after, Duration::from_millis(500));
        let ResponseError::RateLimited(r) = from(429, &[("X-RateLimit-Scope", "global")], "{}")
        else {
            panic!()
        };
        assert!(r.global);
    }

    /// `n` Discord errors, each under its own key.
    fn discord_errors(n: usize) -> String {
        let fields: Vec<String> = (0..n)
            .map(|i| format!(r#""f{i}":{{"_errors":[{{"code":"C","message":"m{i}"}}]}}"#))
            .collect();
        format!(
            r#"{{"code":50035,"message":"Invalid Form Body","errors":{{{}}}}}"#,
            fields.join(",")
        )
    }

    #[test]
    fn errors_past_the_limit_are_counted() {
        let e = api(400, &discord_errors(150));
        assert_eq!(e.errors.len(), ApiError::ERRORS_MAX);
        assert_eq!(e.omitted_errors, 50);
        assert_eq!(e.errors[99], fe("f99", "C", "m99"));
        assert!(e.to_string().ends_with("; f99: m99 (C); and 50 more"));
        // Exactly at the limit: nothing omitted, nothing said.
        let e = api(400, &discord_errors(ApiError::ERRORS_MAX));
        assert_eq!((e.errors.len(), e.omitted_errors), (100, 0));
        assert!(!e.to_string().contains("more"));
        // Fluxer's flat list, and bare strings.
        let items: Vec<String> = (0..120)
            .map(|i| format!(r#"{{"path":"p{i}","message":"m"}}"#))
            .collect();
        let e = api(
            400,
            &format!(
                r#"{{"code":"INVALID_FORM_BODY","message":"x","errors":[{}]}}"#,
                items.join(",")
            ),
        );
        assert_eq!((e.errors.len(), e.omitted_errors), (100, 20));
        assert_eq!(e.errors[0].path, "p0");
        // `errors` and loose lists together share the limit.
        let loose = vec![r#""l""#; 70].join(",");
        let strings = vec![r#""s""#; 60].join(",");
        let e = api(
            400,
            &format!(r#"{{"errors":{{"a":[{strings}]}},"target_users_file":[{loose}]}}"#),
        );
        assert_eq!((e.errors.len(), e.omitted_errors), (100, 30));
        assert_eq!(e.errors[59], fe("a", "", "s"));
        assert_eq!(e.errors[60], fe("target_users_file", "", "l"));
        // Non-string entries of a loose list are not errors and not counted.
        let e = api(400, &format!(r#"{{"x":[{loose},1,null,{{}},[]]}}"#));
        assert_eq!((e.errors.len(), e.omitted_errors), (70, 0));
    }

    #[test]
    fn server_text_is_bounded() {
        let long = "é".repeat(3000);
        let e = api(
            400,
            &format!(
                r#"{{"code":"{long}","message":"{long}","errors":[{{"path":"{long}","code":"{long}","message":"{long}"}}]}}"#
            ),
        );
        assert!(
            e.message.len() <= ApiError::MESSAGE_MAX && e.message.len() > ApiError::MESSAGE_MAX - 2
        );
        let Some(ErrorCode::Fluxer(code)) = &e.code else {
            panic!("{:?}", e.code)
        };
        assert!(code.len() <= ErrorCode::FLUXER_MAX && code.starts_with('é'));
        let f = &e.errors[0];
        assert!(
            f.message.len() <= FieldError::MESSAGE_MAX
                && f.message.len() > FieldError::MESSAGE_MAX - 2
        );
        assert!(f.code.len() <= FieldError::CODE_MAX && f.code.len() > FieldError::CODE_MAX - 2);
        assert!(f.path.len() <= FieldError::PATH_MAX);
        assert!(f.path.ends_with(FieldError::PATH_CUT) && f.path.starts_with("éé"));
        // A path within the limit is kept whole; one past it is cut with the marker.
        let key = "k".repeat(FieldError::PATH_MAX + 1);
        let e = api(
            400,
            &format!(r#"{{"errors":{{"{key}":"m","{}":"m"}}}}"#, &key[1..]),
        );
        assert_eq!(e.errors[0].path.len(), FieldError::PATH_MAX);
        assert!(e.errors[0].path.ends_with("k…"));
        assert_eq!(e.errors[1].path, key[1..]);
        // A path made long by nesting.
        let e = api(
            400,
            &format!(
                r#"{{"errors":{{"{}":{{"{}":"m"}}}}}}"#,
                &key[..200],
                &key[..200]
            ),
        );
        assert_eq!(e.errors[0].path.len(), FieldError::PATH_MAX);
        assert_eq!(&e.errors[0].path[200..201], ".");
        // The 429's message.
        let ResponseError::RateLimited(r) = from(429, &[], &format!(r#"{{"message":"{long}"}}"#))
        else {
            panic!()
        };
        assert!(r.message.len() <= RateLimited::MESSAGE_MAX);
    }

    #[test]
    fn server_text_is_redacted() {
        const TOKEN: &str = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs";
        let redactor = Redactor::new().with_secret(TOKEN);
        let parse = |status: u16, body: &str| {
            ResponseError::from_response(
                &Response::new(status, &[], body.as_bytes()).with_redactor(&redactor),
            )
        };
        let body = format!(
            r#"{{"code":"X{TOKEN}","message":"bad {TOKEN}","errors":{{"k{TOKEN}":{{"_errors":[{{"code":"{TOKEN}","message":"m {TOKEN}"}}]}},"f":[{{"path":"{TOKEN}","message":"{TOKEN}"}}]}}}}"#
        );
        let e = parse(400, &body);
        let shown = e.to_string();
        assert_eq!(
            shown,
            "fluxer api error 400 (X<redacted>): bad <redacted>; k<redacted>: m <redacted> (<redacted>); f.<redacted>: <redacted>"
        );
        let e = parse(400, &format!(r#"{{"target_users_file":["{TOKEN}"]}}"#));
        assert_eq!(
            e.to_string(),
            "api error 400: Bad Request; target_users_file: <redacted>"
        );
        let e = parse(429, &format!(r#"{{"message":"{TOKEN}"}}"#));
        assert_eq!(e.to_string(), "rate limited: retry after 1s: <redacted>");
        // A token straddling the cut of a message: scrubbed before cutting.
        let pad = "x".repeat(ApiError::MESSAGE_MAX - 20);
        let e = parse(400, &format!(r#"{{"message":"{pad}{TOKEN}"}}"#));
        assert_eq!(e.as_api().unwrap().message, format!("{pad}<redacted>"));
        // A body that is not JSON, with the token across byte 256.
        let pad = "y".repeat(230);
        let e = parse(502, &format!("{pad}{TOKEN}{pad}"));
        let message = &e.as_api().unwrap().message;
        assert!(message.len() <= DecodeError::EXCERPT_MAX);
        assert!(
            message.starts_with(&format!("{pad}<redacted>")),
            "{message}"
        );
        for part in TOKEN.as_bytes().windows(6) {
            assert!(!shown.contains(core::str::from_utf8(part).unwrap()));
            assert!(!message.contains(core::str::from_utf8(part).unwrap()));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn never_panics_on_bytes(status in any::<u16>(), body in proptest::collection::vec(any::<u8>(), 0..300), ra in ".{0,8}") {
            let headers = [("Retry-After", ra.as_str())];
            let e = ResponseError::from_response(&Response::new(status, &headers, &body));
            let _ = e.to_string();
            if let ResponseError::RateLimited(r) = &e {
                prop_assert!(r.retry_after <= crate::ratelimit::MAX_WAIT);
            }
        }

        #[test]
        fn never_panics_on_json_like(status in 400u16..600, body in r#"[{}\[\]",:0-9a-z_ .-]{0,120}"#) {
            let e = ResponseError::from_response(&Response::new(status, &[], body.as_bytes()));
            let _ = e.to_string();
        }

        #[test]
        fn deep_nesting_is_fine(depth in 0usize..300) {
            let body = format!("{{\"code\":1,\"errors\":{}1{}}}", "{\"a\":".repeat(depth), "}".repeat(depth));
            let _ = ResponseError::from_response(&Response::new(400, &[], body.as_bytes()));
        }
    }
}
