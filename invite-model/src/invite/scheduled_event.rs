//! [`GuildScheduledEvent`]: the event an invite points to, and its enums.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::invite::recurrence::RecurrenceRule;
use crate::invite::user::User;
use crate::primitive::cow_str::CowStr;
use crate::primitive::open_enum::open_enum;
use crate::primitive::serde_util::{IntoStatic, into_static_via_into_owned};
use crate::primitive::snowflake::Snowflake;
use crate::primitive::timestamp::Timestamp;

open_enum! {
    /// The state of a scheduled event (`status`).
    pub struct ScheduledEventStatus(u8) {
        /// Not started yet.
        SCHEDULED = 1,
        /// Happening now.
        ACTIVE = 2,
        /// Over.
        COMPLETED = 3,
        /// Cancelled.
        CANCELED = 4,
    }
}

open_enum! {
    /// Where a scheduled event happens (`entity_type`).
    pub struct ScheduledEventEntityType(u8) {
        /// In a stage channel.
        STAGE_INSTANCE = 1,
        /// In a voice channel.
        VOICE = 2,
        /// Somewhere else (`entity_metadata.location`).
        EXTERNAL = 3,
        /// A prime-time event (user API only).
        PRIME_TIME = 4,
    }
}

open_enum! {
    /// Who can see a scheduled event (`privacy_level`).
    pub struct ScheduledEventPrivacyLevel(u8) {
        /// Public (no longer accepted by the API).
        PUBLIC = 1,
        /// Only guild members.
        GUILD_ONLY = 2,
    }
}

/// Extra data of a scheduled event (`entity_metadata`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EntityMetadata<'a> {
    /// Where an `EXTERNAL` event happens (1 to 100 characters).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub location: Option<CowStr<'a>>,
}

impl EntityMetadata<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> EntityMetadata<'static> {
        EntityMetadata {
            location: self.location.into_static(),
        }
    }
}

/// A guild scheduled event, sent with an invite fetched with `guild_scheduled_event_id`.
///
/// Only `id` is required. `user_rsvp` and `guild_scheduled_event_exceptions` are ignored when
/// read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GuildScheduledEvent<'a> {
    /// The event's id.
    pub id: Snowflake,
    /// The guild it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<Snowflake>,
    /// Its channel; `None` for `EXTERNAL` events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<Snowflake>,
    /// Who created it (`None` for events made before 2021-10-25).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creator_id: Option<Snowflake>,
    /// Its name (1 to 100 characters).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub name: Option<CowStr<'a>>,
    /// Its description (1 to 1000 characters).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub description: Option<CowStr<'a>>,
    /// When it starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_start_time: Option<Timestamp>,
    /// When it ends (required for `EXTERNAL` events).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_end_time: Option<Timestamp>,
    /// Who can see it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy_level: Option<ScheduledEventPrivacyLevel>,
    /// Its state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ScheduledEventStatus>,
    /// Where it happens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<ScheduledEventEntityType>,
    /// The id of the entity it is tied to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<Snowflake>,
    /// Extra data (the location of an `EXTERNAL` event).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub entity_metadata: Option<EntityMetadata<'a>>,
    /// The user who created it.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub creator: Option<User<'a>>,
    /// How many users are interested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_count: Option<u64>,
    /// Cover image hash.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub image: Option<CowStr<'a>>,
    /// How it repeats, if it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence_rule: Option<RecurrenceRule>,
    /// SKUs tied to the event (user API).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku_ids: Option<Vec<Snowflake>>,
}

impl GuildScheduledEvent<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> GuildScheduledEvent<'static> {
        GuildScheduledEvent {
            id: self.id,
            guild_id: self.guild_id,
            channel_id: self.channel_id,
            creator_id: self.creator_id,
            name: self.name.into_static(),
            description: self.description.into_static(),
            scheduled_start_time: self.scheduled_start_time,
            scheduled_end_time: self.scheduled_end_time,
            privacy_level: self.privacy_level,
            status: self.status,
            entity_type: self.entity_type,
            entity_id: self.entity_id,
            entity_metadata: self.entity_metadata.into_static(),
            creator: self.creator.into_static(),
            user_count: self.user_count,
            image: self.image.into_static(),
            recurrence_rule: self.recurrence_rule,
            sku_ids: self.sku_ids,
        }
    }
}

into_static_via_into_owned!(EntityMetadata, GuildScheduledEvent);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_event() {
        let e: GuildScheduledEvent<'_> = serde_json::from_str(
            r#"{"id":"1","guild_id":"2","channel_id":null,"creator_id":null,"name":"Meetup",
                "scheduled_start_time":"2025-05-01T18:00:00+00:00",
                "scheduled_end_time":"2025-05-01T20:00:00+00:00","privacy_level":2,"status":1,
                "entity_type":3,"entity_id":null,"entity_metadata":{"location":"Park"},
                "user_rsvp":null,"guild_scheduled_event_exceptions":[]}"#,
        )
        .unwrap();
        assert_eq!(e.entity_type, Some(ScheduledEventEntityType::EXTERNAL));
        assert_eq!(e.status, Some(ScheduledEventStatus::SCHEDULED));
        assert_eq!(
            e.privacy_level,
            Some(ScheduledEventPrivacyLevel::GUILD_ONLY)
        );
        assert_eq!(
            e.entity_metadata.and_then(|m| m.location).as_deref(),
            Some("Park")
        );
        assert_eq!(e.channel_id, None);
    }
}
