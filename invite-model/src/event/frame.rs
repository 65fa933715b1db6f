//! [`GatewayFrame`]: one gateway payload, `{"op":0,"t":NAME,"s":SEQ,"d":{...}}`, with its `d`
//! read as the event it names when that is one of the invite tracker's events.

use alloc::boxed::Box;
use core::fmt;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::event::invite_create::InviteCreate;
use crate::event::invite_delete::InviteDelete;
use crate::event::member_add::MemberAdd;
use crate::json::from_json_slice;
use crate::primitive::cow_str::CowStr;

/// The event a [`GatewayFrame`] carries.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum GatewayEvent<'a> {
    /// `INVITE_CREATE` (boxed: it is large and rare, and the frequent `GUILD_MEMBER_ADD` stays
    /// small).
    InviteCreate(Box<InviteCreate<'a>>),
    /// `INVITE_DELETE`.
    InviteDelete(InviteDelete<'a>),
    /// `GUILD_MEMBER_ADD`.
    MemberAdd(MemberAdd<'a>),
    /// Any other dispatch, and every frame that is not a dispatch (`op` other than 0): ignored,
    /// never an error. Its `d` is not read.
    Other,
}

impl GatewayEvent<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> GatewayEvent<'static> {
        match self {
            Self::InviteCreate(e) => GatewayEvent::InviteCreate(Box::new((*e).into_owned())),
            Self::InviteDelete(e) => GatewayEvent::InviteDelete(e.into_owned()),
            Self::MemberAdd(e) => GatewayEvent::MemberAdd(e.into_owned()),
            Self::Other => GatewayEvent::Other,
        }
    }
}

/// One gateway payload: the opcode, the dispatch's name and sequence number, and its event.
///
/// Keys may come in any order (`d` before `t` is fine); unknown keys are ignored. `d` is read
/// only for the three dispatches this crate models, and borrows from the input like every model.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GatewayFrame<'a> {
    /// The opcode (`op`): 0 for a dispatch.
    pub op: u64,
    /// The dispatch's name (`t`), e.g. `INVITE_CREATE`; `None` for other opcodes.
    pub name: Option<CowStr<'a>>,
    /// The dispatch's sequence number (`s`).
    pub sequence: Option<u64>,
    /// The event.
    pub event: GatewayEvent<'a>,
}

/// The opcode of a dispatch.
pub const DISPATCH: u64 = 0;
/// The name of the invite-created dispatch.
pub const INVITE_CREATE: &str = "INVITE_CREATE";
/// The name of the invite-deleted dispatch.
pub const INVITE_DELETE: &str = "INVITE_DELETE";
/// The name of the member-joined dispatch.
pub const GUILD_MEMBER_ADD: &str = "GUILD_MEMBER_ADD";

/// Why bytes are not a gateway frame this crate can read.
#[derive(Debug)]
#[non_exhaustive]
pub enum FrameError {
    /// Not a gateway payload: not JSON, not an object, or without a numeric `op`.
    Frame(serde_json::Error),
    /// A dispatch this crate models (`INVITE_CREATE`, `INVITE_DELETE`, `GUILD_MEMBER_ADD`)
    /// whose `d` is missing or is not that event.
    Event {
        /// The dispatch's name.
        name: &'static str,
        /// What is wrong with `d`.
        error: serde_json::Error,
    },
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Frame(e) => write!(f, "not a gateway frame: {e}"),
            Self::Event { name, error } => write!(f, "malformed {name} payload: {error}"),
        }
    }
}

impl core::error::Error for FrameError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Frame(e) | Self::Event { error: e, .. } => Some(e),
        }
    }
}

/// The frame's keys, `d` kept as raw text until `t` is known.
#[derive(Deserialize)]
struct RawFrame<'a> {
    op: u64,
    #[serde(borrow, default)]
    t: Option<CowStr<'a>>,
    #[serde(default)]
    s: Option<u64>,
    #[serde(borrow, default)]
    d: Option<&'a RawValue>,
}

impl<'a> GatewayFrame<'a> {
    /// Reads one payload (as text or bytes from the gateway's WebSocket, after any
    /// decompression).
    pub fn parse(bytes: &'a [u8]) -> Result<Self, FrameError> {
        // serde would also read a struct from an array (`[0, "INVITE_CREATE"]`): a frame is an
        // object.
        if bytes.trim_ascii_start().first() != Some(&b'{') {
            return Err(FrameError::Frame(serde::de::Error::custom(
                "expected a JSON object",
            )));
        }
        let raw: RawFrame<'a> = from_json_slice(bytes).map_err(FrameError::Frame)?;
        let event = if raw.op == DISPATCH {
            match raw.t.as_deref() {
                Some(INVITE_CREATE) => {
                    GatewayEvent::InviteCreate(Box::new(payload(INVITE_CREATE, raw.d)?))
                }
                Some(INVITE_DELETE) => GatewayEvent::InviteDelete(payload(INVITE_DELETE, raw.d)?),
                Some(GUILD_MEMBER_ADD) => {
                    GatewayEvent::MemberAdd(payload(GUILD_MEMBER_ADD, raw.d)?)
                }
                _ => GatewayEvent::Other,
            }
        } else {
            GatewayEvent::Other
        };
        Ok(Self {
            op: raw.op,
            name: raw.t,
            sequence: raw.s,
            event,
        })
    }

    /// A copy that owns its strings.
    pub fn into_owned(self) -> GatewayFrame<'static> {
        GatewayFrame {
            op: self.op,
            name: self.name.map(CowStr::into_owned),
            sequence: self.sequence,
            event: self.event.into_owned(),
        }
    }
}

/// Reads `d` as the event `name` names; a missing or `null` `d` is an error.
fn payload<'a, T: Deserialize<'a>>(
    name: &'static str,
    d: Option<&'a RawValue>,
) -> Result<T, FrameError> {
    let text = d.map_or("null", RawValue::get);
    serde_json::from_str(text).map_err(|error| FrameError::Event { name, error })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn keys_in_any_order_and_borrowed() {
        let f = GatewayFrame::parse(
            br#"{"d":{"code":"abc","guild_id":"1"},"s":7,"op":0,"t":"INVITE_DELETE","x":null}"#,
        )
        .unwrap();
        assert_eq!(f.sequence, Some(7));
        let GatewayEvent::InviteDelete(d) = &f.event else {
            panic!("{f:?}")
        };
        assert!(d.code.is_borrowed());
        let owned = f.clone().into_owned();
        assert_eq!(owned, f);
    }

    #[test]
    fn other_events_and_opcodes_are_never_errors() {
        for frame in [
            &br#"{"op":0,"t":"MESSAGE_CREATE","s":1,"d":"not even an object"}"#[..],
            br#"{"op":0,"t":"READY","s":1}"#,
            br#"{"op":10,"d":{"heartbeat_interval":41250},"t":null,"s":null}"#,
            br#"{"op":7}"#,
            br#"{"op":0,"t":null,"d":null}"#,
            // A modelled name on another opcode is not a dispatch.
            br#"{"op":1,"t":"INVITE_CREATE","d":42}"#,
        ] {
            let f = GatewayFrame::parse(frame).unwrap();
            assert_eq!(f.event, GatewayEvent::Other, "{frame:?}");
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let e = GatewayFrame::parse(br#"{"t":"INVITE_CREATE"}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "not a gateway frame: missing field `op` at line 1 column 21"
        );
        let e = GatewayFrame::parse(b" [0]").unwrap_err();
        assert_eq!(e.to_string(), "not a gateway frame: expected a JSON object");
        let e = GatewayFrame::parse(b"{\"op\":0").unwrap_err();
        assert!(matches!(e, FrameError::Frame(_)), "{e}");
        let e = GatewayFrame::parse(br#"{"op":0,"t":"GUILD_MEMBER_ADD","d":{"user":{"id":"1"}}}"#)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "malformed GUILD_MEMBER_ADD payload: missing field `guild_id` at line 1 column 19"
        );
        let e = GatewayFrame::parse(br#"{"op":0,"t":"INVITE_CREATE"}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "malformed INVITE_CREATE payload: invalid type: null, expected struct InviteCreate at line 1 column 4"
        );
        assert!(core::error::Error::source(&e).is_some());
    }
}
