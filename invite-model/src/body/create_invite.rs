//! [`CreateInvite`] and [`CreateGroupDmInvite`]: validated bodies of
//! `POST /channels/{channel_id}/invites`.

use alloc::vec::Vec;
use core::fmt;
use core::ops::RangeInclusive;

use serde::{Deserialize, Deserializer, Serialize};

use crate::body::target_users_csv::CsvError;
use crate::invite::flags::GuildInviteFlags;
use crate::invite::target_type::TargetType;
use crate::platform::{Limits, Platform};
use crate::primitive::snowflake::Snowflake;

/// The body of a create-invite request for a guild channel.
///
/// Every field is optional; unset fields are left out of the JSON (`{}` when nothing is set),
/// and the API applies its defaults (Discord: `max_age` 86400, i.e. one day; Fluxer: `max_age`
/// 0, never). Check it with [`validate`](Self::validate) before sending; the endpoint
/// description does that for you.
///
/// ```
/// use invite_model::{CreateInvite, Platform, Snowflake};
/// let body = CreateInvite::new().max_age(3600).max_uses(5).stream(Snowflake(852892297661906993));
/// body.validate(Platform::Discord).unwrap();
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"max_age":3600,"max_uses":5,"target_type":1,"target_user_id":"852892297661906993"}"#
/// );
/// assert_eq!(
///     body.validate(Platform::Fluxer).unwrap_err().to_string(),
///     "target_type is not supported by fluxer"
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateInvite {
    /// Seconds until the invite expires, 0 for never (within [`Platform::max_age_range`]:
    /// 0..=5184000 on Discord, 0..=604800 on Fluxer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u32>,
    /// Uses before the invite is spent, 0 for unlimited (within [`Platform::max_uses_range`]:
    /// 0..=100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_uses: Option<u32>,
    /// Whether members who join through it are kicked when they disconnect, unless given a role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary: Option<bool>,
    /// Whether to always make a new invite instead of reusing a similar one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique: Option<bool>,
    /// What a voice-channel invite opens: [`TargetType::STREAM`] or
    /// [`TargetType::EMBEDDED_APPLICATION`] (the other types cannot be created by bots).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_type: Option<TargetType>,
    /// The streaming user, with [`TargetType::STREAM`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_user_id: Option<Snowflake>,
    /// The embedded application, with [`TargetType::EMBEDDED_APPLICATION`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_application_id: Option<Snowflake>,
    /// Roles granted on accepting (needs `MANAGE_ROLES`), each at most once and at most
    /// [`Limits::role_ids_max`] of them (Discord: 250); left out of the JSON when empty.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_empty"
    )]
    pub role_ids: Vec<Snowflake>,
    /// Invite flags; only [`GuildInviteFlags::SETTABLE`] may be set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<GuildInviteFlags>,
}

fn null_as_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Snowflake>, D::Error> {
    Option::<Vec<Snowflake>>::deserialize(d).map(Option::unwrap_or_default)
}

/// The body of a create-invite request for a group DM: only `max_age` is supported.
///
/// ```
/// use invite_model::{CreateGroupDmInvite, Platform};
/// assert_eq!(serde_json::to_string(&CreateGroupDmInvite::new()).unwrap(), "{}");
/// assert_eq!(
///     CreateGroupDmInvite::new().max_age(0).validate(Platform::Discord).unwrap_err().to_string(),
///     "max_age 0 is out of range 1..=604800"
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateGroupDmInvite {
    /// Seconds until the invite expires, within [`Platform::group_dm_max_age_range`]: on
    /// Discord 1..=604800 (a group DM invite always expires; the OpenAPI description's
    /// `CreateGroupDMInviteRequest`, which did not follow the guild invites to 60 days), on
    /// Fluxer 0..=604800.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u32>,
}

/// Why a create-invite body would be refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CreateInviteError {
    /// A number outside its allowed range.
    OutOfRange {
        /// The field (`max_age`, `max_uses`).
        field: &'static str,
        /// The value given.
        value: u64,
        /// The smallest allowed value.
        min: u64,
        /// The largest allowed value.
        max: u64,
    },
    /// A field the platform does not have.
    Unsupported {
        /// The field.
        field: &'static str,
        /// The platform.
        platform: Platform,
    },
    /// A target type bots cannot create (anything but `STREAM` and `EMBEDDED_APPLICATION`).
    TargetTypeNotCreatable {
        /// The target type given.
        target_type: TargetType,
    },
    /// A target type without the id it needs.
    MissingTarget {
        /// The target type.
        target_type: TargetType,
        /// The field it needs (`target_user_id`, `target_application_id`).
        field: &'static str,
    },
    /// A target id without its target type.
    TargetWithoutType {
        /// The id's field.
        field: &'static str,
        /// The target type it belongs to.
        expected: TargetType,
    },
    /// Flags that cannot be set when creating an invite.
    FlagsNotSettable {
        /// The offending flags.
        flags: GuildInviteFlags,
    },
    /// A field group DM invites do not have (`target_users_file`).
    NotForGroupDm {
        /// The field.
        field: &'static str,
    },
    /// The target-users CSV does not parse.
    TargetUsersCsv(CsvError),
    /// A list with more items than allowed.
    TooMany {
        /// The field (`role_ids`).
        field: &'static str,
        /// How many were given.
        count: usize,
        /// The most allowed.
        max: usize,
    },
    /// A list that names an item twice.
    Duplicate {
        /// The field (`role_ids`).
        field: &'static str,
        /// The repeated value.
        value: u64,
    },
}

/// `1 (STREAM)`, `9 (unknown)`.
struct TargetName(TargetType);

impl fmt::Display for TargetName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({})",
            self.0.get(),
            self.0.name().unwrap_or("unknown")
        )
    }
}

impl fmt::Display for CreateInviteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::OutOfRange {
                field,
                value,
                min,
                max,
            } => write!(f, "{field} {value} is out of range {min}..={max}"),
            Self::Unsupported { field, platform } => {
                write!(f, "{field} is not supported by {platform}")
            }
            Self::TargetTypeNotCreatable { target_type } => write!(
                f,
                "target_type {} cannot be created by bots: only 1 (STREAM) and 2 (EMBEDDED_APPLICATION) can",
                TargetName(*target_type)
            ),
            Self::MissingTarget { target_type, field } => {
                write!(f, "target_type {} needs {field}", TargetName(*target_type))
            }
            Self::TargetWithoutType { field, expected } => write!(
                f,
                "{field} is set but target_type is not {}",
                TargetName(*expected)
            ),
            Self::FlagsNotSettable { flags } => {
                f.write_str("flags ")?;
                bitflags::parser::to_writer(flags, &mut *f)?;
                write!(
                    f,
                    " cannot be set: only IS_GUEST_INVITE (1) and IS_APPLICATION_BYPASS (8) can"
                )
            }
            Self::NotForGroupDm { field } => {
                write!(f, "{field} is not supported for group dm invites")
            }
            Self::TargetUsersCsv(e) => write!(f, "target_users_file: {e}"),
            Self::TooMany { field, count, max } => {
                write!(f, "{field} has {count} ids, the maximum is {max}")
            }
            Self::Duplicate { field, value } => {
                write!(f, "{field} lists {value} twice: each id may appear once")
            }
        }
    }
}

impl core::error::Error for CreateInviteError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::TargetUsersCsv(e) => Some(e),
            _ => None,
        }
    }
}

fn check_range(
    field: &'static str,
    value: Option<u32>,
    range: &RangeInclusive<u32>,
) -> Result<(), CreateInviteError> {
    match value {
        Some(v) if !range.contains(&v) => Err(CreateInviteError::OutOfRange {
            field,
            value: u64::from(v),
            min: u64::from(*range.start()),
            max: u64::from(*range.end()),
        }),
        _ => Ok(()),
    }
}

impl CreateInvite {
    /// An empty body (`{}`): the API's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `max_age` in seconds (0 for never).
    pub fn max_age(mut self, seconds: u32) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// Sets `max_uses` (0 for unlimited).
    pub fn max_uses(mut self, uses: u32) -> Self {
        self.max_uses = Some(uses);
        self
    }

    /// Sets `temporary`.
    pub fn temporary(mut self, temporary: bool) -> Self {
        self.temporary = Some(temporary);
        self
    }

    /// Sets `unique`.
    pub fn unique(mut self, unique: bool) -> Self {
        self.unique = Some(unique);
        self
    }

    /// Sets `target_type` alone; prefer [`stream`](Self::stream) or
    /// [`embedded_application`](Self::embedded_application).
    pub fn target_type(mut self, target_type: TargetType) -> Self {
        self.target_type = Some(target_type);
        self
    }

    /// Sets `target_user_id` alone.
    pub fn target_user_id(mut self, user_id: Snowflake) -> Self {
        self.target_user_id = Some(user_id);
        self
    }

    /// Sets `target_application_id` alone.
    pub fn target_application_id(mut self, application_id: Snowflake) -> Self {
        self.target_application_id = Some(application_id);
        self
    }

    /// Makes a stream invite: `target_type` 1 and the streaming user.
    pub fn stream(self, user_id: Snowflake) -> Self {
        self.target_type(TargetType::STREAM).target_user_id(user_id)
    }

    /// Makes an embedded-application invite: `target_type` 2 and the application.
    pub fn embedded_application(self, application_id: Snowflake) -> Self {
        self.target_type(TargetType::EMBEDDED_APPLICATION)
            .target_application_id(application_id)
    }

    /// Replaces `role_ids`.
    pub fn role_ids(mut self, role_ids: impl IntoIterator<Item = Snowflake>) -> Self {
        self.role_ids = role_ids.into_iter().collect();
        self
    }

    /// Adds one role to `role_ids`.
    pub fn role_id(mut self, role_id: Snowflake) -> Self {
        self.role_ids.push(role_id);
        self
    }

    /// Sets `flags`.
    pub fn flags(mut self, flags: GuildInviteFlags) -> Self {
        self.flags = Some(flags);
        self
    }

    /// Checks the body against `platform`'s rules and its [`Platform::limits`]; see
    /// [`validate_with`](Self::validate_with).
    pub fn validate(&self, platform: Platform) -> Result<(), CreateInviteError> {
        self.validate_with(platform, &platform.limits())
    }

    /// Checks the body against `platform`'s rules with the ranges of `limits` (for a platform
    /// that changed them), in field order:
    /// - `max_age` within [`Limits::max_age`] and `max_uses` within [`Limits::max_uses`]
    ///   (Discord: 0..=5184000 and 0..=100; Fluxer: 0..=604800 and 0..=100);
    /// - Fluxer has no `target_type`, `target_user_id`, `target_application_id`, `role_ids`
    ///   or `flags`;
    /// - `role_ids`: at most [`Limits::role_ids_max`] (Discord: 250), each once (`None`: not
    ///   supported);
    /// - `target_type` is 1 (`STREAM`, needs `target_user_id`) or 2 (`EMBEDDED_APPLICATION`,
    ///   needs `target_application_id`): the other types are made by Discord's own clients, not
    ///   through this route by bots; an id without its target type is refused too (the API
    ///   would silently ignore it);
    /// - `flags` within [`GuildInviteFlags::SETTABLE`].
    pub fn validate_with(
        &self,
        platform: Platform,
        limits: &Limits,
    ) -> Result<(), CreateInviteError> {
        check_range("max_age", self.max_age, &limits.max_age)?;
        check_range("max_uses", self.max_uses, &limits.max_uses)?;

        if platform == Platform::Fluxer {
            let unsupported = [
                ("target_type", self.target_type.is_some()),
                ("target_user_id", self.target_user_id.is_some()),
                (
                    "target_application_id",
                    self.target_application_id.is_some(),
                ),
                ("role_ids", !self.role_ids.is_empty()),
                ("flags", self.flags.is_some()),
            ];
            if let Some((field, _)) = unsupported.iter().find(|(_, set)| *set) {
                return Err(CreateInviteError::Unsupported { field, platform });
            }
            return Ok(());
        }
        self.check_role_ids(platform, limits)?;

        match self.target_type {
            Some(TargetType::STREAM) if self.target_user_id.is_none() => {
                return Err(CreateInviteError::MissingTarget {
                    target_type: TargetType::STREAM,
                    field: "target_user_id",
                });
            }
            Some(TargetType::EMBEDDED_APPLICATION) if self.target_application_id.is_none() => {
                return Err(CreateInviteError::MissingTarget {
                    target_type: TargetType::EMBEDDED_APPLICATION,
                    field: "target_application_id",
                });
            }
            Some(TargetType::STREAM | TargetType::EMBEDDED_APPLICATION) | None => {}
            Some(target_type) => {
                return Err(CreateInviteError::TargetTypeNotCreatable { target_type });
            }
        }
        if self.target_user_id.is_some() && self.target_type != Some(TargetType::STREAM) {
            return Err(CreateInviteError::TargetWithoutType {
                field: "target_user_id",
                expected: TargetType::STREAM,
            });
        }
        if self.target_application_id.is_some()
            && self.target_type != Some(TargetType::EMBEDDED_APPLICATION)
        {
            return Err(CreateInviteError::TargetWithoutType {
                field: "target_application_id",
                expected: TargetType::EMBEDDED_APPLICATION,
            });
        }

        if let Some(flags) = self.flags {
            let extra = flags - GuildInviteFlags::SETTABLE;
            if !extra.is_empty() {
                return Err(CreateInviteError::FlagsNotSettable { flags: extra });
            }
        }
        Ok(())
    }
}

impl CreateInvite {
    /// `role_ids` within [`Limits::role_ids_max`], each id once. The count is checked first,
    /// so the pairwise search for a repeat looks at no more than the maximum.
    fn check_role_ids(&self, platform: Platform, limits: &Limits) -> Result<(), CreateInviteError> {
        const FIELD: &str = "role_ids";
        if self.role_ids.is_empty() {
            return Ok(());
        }
        let Some(max) = limits.role_ids_max else {
            return Err(CreateInviteError::Unsupported {
                field: FIELD,
                platform,
            });
        };
        if self.role_ids.len() > max {
            return Err(CreateInviteError::TooMany {
                field: FIELD,
                count: self.role_ids.len(),
                max,
            });
        }
        for (i, id) in self.role_ids.iter().enumerate() {
            if self.role_ids[..i].contains(id) {
                return Err(CreateInviteError::Duplicate {
                    field: FIELD,
                    value: id.0,
                });
            }
        }
        Ok(())
    }
}

impl CreateGroupDmInvite {
    /// An empty body (`{}`): the API's default expiry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `max_age` in seconds.
    pub fn max_age(mut self, seconds: u32) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// Checks `max_age` against [`Platform::group_dm_max_age_range`]: 1..=604800 on Discord,
    /// 0..=604800 on Fluxer (whose single create-invite schema allows 0 for every channel).
    pub fn validate(&self, platform: Platform) -> Result<(), CreateInviteError> {
        self.validate_with(&platform.limits())
    }

    /// Checks `max_age` against [`Limits::group_dm_max_age`] of `limits`.
    pub fn validate_with(&self, limits: &Limits) -> Result<(), CreateInviteError> {
        check_range("max_age", self.max_age, &limits.group_dm_max_age)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::{String, ToString};
    use alloc::vec;
    use proptest::prelude::*;

    fn json<T: Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap()
    }

    fn err(body: &CreateInvite, p: Platform) -> String {
        body.validate(p).unwrap_err().to_string()
    }

    #[test]
    fn empty_body_is_empty_object() {
        assert_eq!(json(&CreateInvite::new()), "{}");
        CreateInvite::new().validate(Platform::Discord).unwrap();
        CreateInvite::new().validate(Platform::Fluxer).unwrap();
        assert_eq!(
            serde_json::from_str::<CreateInvite>("{}").unwrap(),
            CreateInvite::new()
        );
    }

    #[test]
    fn full_body_serializes_exactly() {
        let body = CreateInvite::new()
            .max_age(0)
            .max_uses(100)
            .temporary(true)
            .unique(false)
            .embedded_application(Snowflake(880_218_394_199_220_334))
            .role_id(Snowflake(1))
            .role_id(Snowflake(2))
            .flags(GuildInviteFlags::IS_GUEST_INVITE | GuildInviteFlags::IS_APPLICATION_BYPASS);
        body.validate(Platform::Discord).unwrap();
        let s = json(&body);
        assert_eq!(
            s,
            r#"{"max_age":0,"max_uses":100,"temporary":true,"unique":false,"target_type":2,"target_application_id":"880218394199220334","role_ids":["1","2"],"flags":9}"#
        );
        assert_eq!(serde_json::from_str::<CreateInvite>(&s).unwrap(), body);
    }

    #[test]
    fn reads_nulls_and_numbers() {
        let b: CreateInvite = serde_json::from_str(
            r#"{"max_age":null,"max_uses":3,"role_ids":null,"target_user_id":5,"target_type":1,"extra":1}"#,
        )
        .unwrap();
        assert_eq!(b, CreateInvite::new().max_uses(3).stream(Snowflake(5)));
        assert!(serde_json::from_str::<CreateInvite>(r#"{"max_age":-1}"#).is_err());
    }

    #[test]
    fn ranges() {
        // The OpenAPI description (the authority) allows 60 days; the prose docs said 7.
        assert_eq!(
            err(&CreateInvite::new().max_age(5_184_001), Platform::Discord),
            "max_age 5184001 is out of range 0..=5184000"
        );
        CreateInvite::new()
            .max_age(5_184_000)
            .validate(Platform::Discord)
            .unwrap();
        CreateInvite::new()
            .max_age(604_801)
            .validate(Platform::Discord)
            .unwrap();
        assert_eq!(
            err(&CreateInvite::new().max_age(604_801), Platform::Fluxer),
            "max_age 604801 is out of range 0..=604800"
        );
        assert_eq!(
            err(&CreateInvite::new().max_uses(101), Platform::Fluxer),
            "max_uses 101 is out of range 0..=100"
        );
        assert_eq!(
            CreateInvite::new()
                .max_uses(u32::MAX)
                .validate(Platform::Discord),
            Err(CreateInviteError::OutOfRange {
                field: "max_uses",
                value: 4_294_967_295,
                min: 0,
                max: 100
            })
        );
        CreateInvite::new()
            .max_age(604_800)
            .max_uses(0)
            .validate(Platform::Discord)
            .unwrap();
    }

    #[test]
    fn fluxer_fields() {
        let f = Platform::Fluxer;
        assert_eq!(
            err(&CreateInvite::new().target_user_id(Snowflake(1)), f),
            "target_user_id is not supported by fluxer"
        );
        assert_eq!(
            err(&CreateInvite::new().target_application_id(Snowflake(1)), f),
            "target_application_id is not supported by fluxer"
        );
        assert_eq!(
            err(&CreateInvite::new().role_id(Snowflake(1)), f),
            "role_ids is not supported by fluxer"
        );
        assert_eq!(
            err(&CreateInvite::new().flags(GuildInviteFlags::empty()), f),
            "flags is not supported by fluxer"
        );
        let ok = CreateInvite::new()
            .max_age(302_400)
            .max_uses(50)
            .unique(true)
            .temporary(true);
        ok.validate(f).unwrap();
        assert_eq!(
            json(&ok),
            r#"{"max_age":302400,"max_uses":50,"temporary":true,"unique":true}"#
        );
    }

    #[test]
    fn target_rules() {
        let d = Platform::Discord;
        assert_eq!(
            err(&CreateInvite::new().target_type(TargetType::STREAM), d),
            "target_type 1 (STREAM) needs target_user_id"
        );
        assert_eq!(
            err(
                &CreateInvite::new().target_type(TargetType::EMBEDDED_APPLICATION),
                d
            ),
            "target_type 2 (EMBEDDED_APPLICATION) needs target_application_id"
        );
        assert_eq!(
            err(&CreateInvite::new().target_user_id(Snowflake(1)), d),
            "target_user_id is set but target_type is not 1 (STREAM)"
        );
        assert_eq!(
            err(
                &CreateInvite::new()
                    .stream(Snowflake(1))
                    .target_application_id(Snowflake(2)),
                d
            ),
            "target_application_id is set but target_type is not 2 (EMBEDDED_APPLICATION)"
        );
        assert_eq!(
            err(
                &CreateInvite::new().target_type(TargetType::ROLE_SUBSCRIPTIONS_PURCHASE),
                d
            ),
            "target_type 3 (ROLE_SUBSCRIPTIONS_PURCHASE) cannot be created by bots: only 1 (STREAM) and 2 (EMBEDDED_APPLICATION) can"
        );
        assert_eq!(
            err(&CreateInvite::new().target_type(TargetType(9)), d),
            "target_type 9 (unknown) cannot be created by bots: only 1 (STREAM) and 2 (EMBEDDED_APPLICATION) can"
        );
        CreateInvite::new()
            .stream(Snowflake(1))
            .validate(d)
            .unwrap();
    }

    #[test]
    fn flag_rules() {
        let d = Platform::Discord;
        assert_eq!(
            err(
                &CreateInvite::new()
                    .flags(GuildInviteFlags::IS_GUEST_INVITE | GuildInviteFlags::IS_VIEWED),
                d
            ),
            "flags IS_VIEWED cannot be set: only IS_GUEST_INVITE (1) and IS_APPLICATION_BYPASS (8) can"
        );
        assert_eq!(
            err(
                &CreateInvite::new().flags(GuildInviteFlags::from_bits_retain(0x104)),
                d
            ),
            "flags IS_ENHANCED | 0x100 cannot be set: only IS_GUEST_INVITE (1) and IS_APPLICATION_BYPASS (8) can"
        );
        CreateInvite::new()
            .flags(GuildInviteFlags::SETTABLE)
            .validate(d)
            .unwrap();
    }

    #[test]
    fn role_ids_count_and_uniqueness() {
        let d = Platform::Discord;
        let roles = |n: u64| CreateInvite::new().role_ids((1..=n).map(Snowflake));
        roles(250).validate(d).unwrap();
        assert_eq!(
            err(&roles(251), d),
            "role_ids has 251 ids, the maximum is 250"
        );
        assert_eq!(
            roles(100_000).validate(d),
            Err(CreateInviteError::TooMany {
                field: "role_ids",
                count: 100_000,
                max: 250
            })
        );
        assert_eq!(
            err(&roles(3).role_id(Snowflake(2)), d),
            "role_ids lists 2 twice: each id may appear once"
        );
        // A caller's own limits.
        let limits = d.limits().with_role_ids_max(Some(2));
        assert_eq!(
            roles(3).validate_with(d, &limits).unwrap_err().to_string(),
            "role_ids has 3 ids, the maximum is 2"
        );
        let none = d.limits().with_role_ids_max(None);
        assert_eq!(
            roles(1).validate_with(d, &none).unwrap_err().to_string(),
            "role_ids is not supported by discord"
        );
        let wider = d.limits().with_max_age(0..=10).with_max_uses(0..=1);
        assert_eq!(
            CreateInvite::new()
                .max_age(11)
                .validate_with(d, &wider)
                .unwrap_err()
                .to_string(),
            "max_age 11 is out of range 0..=10"
        );
        assert_eq!(
            CreateInvite::new()
                .max_uses(2)
                .validate_with(d, &wider)
                .unwrap_err()
                .to_string(),
            "max_uses 2 is out of range 0..=1"
        );
        assert_eq!(
            CreateGroupDmInvite::new()
                .max_age(5)
                .validate_with(&d.limits().with_group_dm_max_age(10..=20))
                .unwrap_err()
                .to_string(),
            "max_age 5 is out of range 10..=20"
        );
    }

    #[test]
    fn group_dm() {
        let b = CreateGroupDmInvite::new().max_age(86_400);
        b.validate(Platform::Discord).unwrap();
        assert_eq!(json(&b), r#"{"max_age":86400}"#);
        assert_eq!(
            serde_json::from_str::<CreateGroupDmInvite>(r#"{"max_age":86400}"#).unwrap(),
            b
        );
        CreateGroupDmInvite::new()
            .max_age(0)
            .validate(Platform::Fluxer)
            .unwrap();
        CreateGroupDmInvite::new()
            .validate(Platform::Discord)
            .unwrap();
        assert_eq!(
            CreateGroupDmInvite::new()
                .max_age(604_801)
                .validate(Platform::Fluxer)
                .unwrap_err()
                .to_string(),
            "max_age 604801 is out of range 0..=604800"
        );
    }

    fn arb_body() -> impl Strategy<Value = CreateInvite> {
        (
            proptest::option::of(prop_oneof![
                0u32..=700_000,
                5_000_000u32..=5_300_000,
                any::<u32>()
            ]),
            proptest::option::of(prop_oneof![0u32..=120, any::<u32>()]),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
            proptest::option::of(prop_oneof![1u8..=2, any::<u8>()]),
            proptest::option::of(any::<u64>()),
            proptest::option::of(any::<u64>()),
            proptest::collection::vec(prop_oneof![0u64..4, any::<u64>()], 0..4),
            proptest::option::of(prop_oneof![0u64..16, any::<u64>()]),
        )
            .prop_map(
                |(age, uses, temp, uniq, tt, tu, ta, roles, flags)| CreateInvite {
                    max_age: age,
                    max_uses: uses,
                    temporary: temp,
                    unique: uniq,
                    target_type: tt.map(TargetType),
                    target_user_id: tu.map(Snowflake),
                    target_application_id: ta.map(Snowflake),
                    role_ids: roles.into_iter().map(Snowflake).collect(),
                    flags: flags.map(GuildInviteFlags::from_bits_retain),
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn valid_bodies_serialize_in_range_and_round_trip(
            body in arb_body(),
            p in prop_oneof![Just(Platform::Discord), Just(Platform::Fluxer)],
        ) {
            let s = serde_json::to_string(&body).unwrap();
            prop_assert_eq!(serde_json::from_str::<CreateInvite>(&s).unwrap(), body.clone());
            if body.validate(p).is_ok() {
                let v: serde_json::Value = serde_json::from_str(&s).unwrap();
                let obj = v.as_object().unwrap();
                if let Some(a) = obj.get("max_age") {
                    prop_assert!(a.as_u64().unwrap() <= u64::from(*p.max_age_range().end()));
                }
                if let Some(r) = obj.get("role_ids") {
                    let r = r.as_array().unwrap();
                    prop_assert!(r.len() <= 250);
                    for (i, id) in r.iter().enumerate() {
                        prop_assert!(!r[..i].contains(id));
                    }
                }
                if let Some(u) = obj.get("max_uses") {
                    prop_assert!(u.as_u64().unwrap() <= 100);
                }
                if let Some(t) = obj.get("target_type") {
                    prop_assert!(matches!(t.as_u64(), Some(1 | 2)));
                }
                if let Some(f) = obj.get("flags") {
                    prop_assert_eq!(f.as_u64().unwrap() & !9, 0);
                }
                for id in ["target_user_id", "target_application_id"] {
                    if let Some(x) = obj.get(id) {
                        prop_assert!(x.is_string());
                    }
                }
                if p == Platform::Fluxer {
                    prop_assert!(obj.keys().all(|k| ["max_age", "max_uses", "temporary", "unique"].contains(&k.as_str())));
                }
            }
        }

        #[test]
        fn group_dm_round_trips(age in proptest::option::of(any::<u32>())) {
            let b = CreateGroupDmInvite { max_age: age };
            let s = serde_json::to_string(&b).unwrap();
            prop_assert_eq!(serde_json::from_str::<CreateGroupDmInvite>(&s).unwrap(), b.clone());
            prop_assert_eq!(b.validate(Platform::Discord).is_ok(), age.is_none_or(|a| (1..=604_800).contains(&a)));
        }
    }

    #[test]
    fn role_ids_replace() {
        let b = CreateInvite::new()
            .role_id(Snowflake(1))
            .role_ids(vec![Snowflake(3)]);
        assert_eq!(b.role_ids, vec![Snowflake(3)]);
    }
}
