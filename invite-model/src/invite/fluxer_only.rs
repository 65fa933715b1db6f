//! [`FluxerOnlyField`]: the fields of an invite that only Fluxer sends, so that a reader can tell
//! a Fluxer payload read as Discord's (where `type` 2 means `FRIEND`, not `EMOJI_PACK`).
//!
//! The lists compare the two APIs' invite objects: Fluxer's invite (`GuildInviteResponse`, the
//! group DM and pack invites) has `member_count`, `presence_count` and `pack`, which Discord's
//! has not (it sends `approximate_member_count`); Fluxer's partial guild (`GuildPartial`) adds
//! the banner, splash and embed-splash sizes, `splash_card_alignment` and `embed_splash`; its
//! partial user (`UserPartial`) adds `avatar_color`.

use alloc::vec::Vec;
use core::fmt;

use crate::invite::Invite;
use crate::invite::guild::InviteGuild;
use crate::invite::user::User;

/// A field only Fluxer sends, found in an invite: the path of the object that holds it and
/// its name. Written as `object.name` (`guild.splash_card_alignment`, `inviter.avatar_color`),
/// or `name` alone for a field of the invite itself (`member_count`).
///
/// ```
/// use invite_model::Invite;
/// let fluxer: Invite<'_> = serde_json::from_str(
///     r#"{"code":"Xk3pQ9aZ","type":0,"guild":{"id":"1","name":"G","splash_card_alignment":1},
///         "member_count":2048}"#,
/// )
/// .unwrap();
/// let fields: Vec<String> = fluxer.fluxer_only_fields().iter().map(|f| f.to_string()).collect();
/// assert_eq!(fields, ["member_count", "guild.splash_card_alignment"]);
/// let discord: Invite<'_> =
///     serde_json::from_str(r#"{"code":"abc","type":2,"approximate_member_count":3}"#).unwrap();
/// assert!(discord.fluxer_only_fields().is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct FluxerOnlyField {
    /// The path of the object holding the field, from the invite (`guild`, `inviter`,
    /// `target_application.bot`); empty for the invite itself.
    pub object: &'static str,
    /// The field's JSON name.
    pub name: &'static str,
}

impl fmt::Display for FluxerOnlyField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.object.is_empty() {
            f.write_str(self.name)
        } else {
            write!(f, "{}.{}", self.object, self.name)
        }
    }
}

impl InviteGuild<'_> {
    /// The JSON names of this guild's fields that only Fluxer sends and that are present (not
    /// absent, not `null`), in the struct's order: `banner_width`, `banner_height`,
    /// `splash_width`, `splash_height`, `splash_card_alignment`, `embed_splash`,
    /// `embed_splash_width`, `embed_splash_height`.
    pub fn fluxer_only_fields(&self) -> impl Iterator<Item = &'static str> {
        [
            ("banner_width", self.banner_width.is_some()),
            ("banner_height", self.banner_height.is_some()),
            ("splash_width", self.splash_width.is_some()),
            ("splash_height", self.splash_height.is_some()),
            (
                "splash_card_alignment",
                self.splash_card_alignment.is_some(),
            ),
            ("embed_splash", self.embed_splash.is_some()),
            ("embed_splash_width", self.embed_splash_width.is_some()),
            ("embed_splash_height", self.embed_splash_height.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
    }
}

impl User<'_> {
    /// The JSON names of this user's fields that only Fluxer sends and that are present:
    /// `avatar_color`.
    pub fn fluxer_only_fields(&self) -> impl Iterator<Item = &'static str> {
        [("avatar_color", self.avatar_color.is_some())]
            .into_iter()
            .filter_map(|(name, present)| present.then_some(name))
    }
}

impl Invite<'_> {
    /// The fields of this invite that only Fluxer sends and that are present (absent and `null`
    /// fields are not), in the struct's order: `member_count`, `presence_count`, `pack`, the
    /// guild's ([`InviteGuild::fluxer_only_fields`]), and those of every user in it
    /// ([`User::fluxer_only_fields`]: `inviter`, `target_user`, `target_application.bot`,
    /// `guild_scheduled_event.creator`, `stage_instance.members.user`). The pack's own fields
    /// are not listed: `pack` is.
    ///
    /// Empty for a Discord payload. A payload with any of them is Fluxer's, whose `type` means
    /// what it means on Fluxer (2 is `EMOJI_PACK`, not Discord's `FRIEND`): read it with
    /// [`Platform::Fluxer`](crate::Platform::Fluxer).
    pub fn fluxer_only_fields(&self) -> Vec<FluxerOnlyField> {
        let field = |object, name| FluxerOnlyField { object, name };
        let mut found: Vec<FluxerOnlyField> = [
            ("member_count", self.member_count.is_some()),
            ("presence_count", self.presence_count.is_some()),
            ("pack", self.pack.is_some()),
        ]
        .into_iter()
        .filter(|&(_, present)| present)
        .map(|(name, _)| field("", name))
        .collect();
        if let Some(guild) = &self.guild {
            found.extend(guild.fluxer_only_fields().map(|name| field("guild", name)));
        }
        let stage_users = self
            .stage_instance
            .iter()
            .flat_map(|s| s.members.iter())
            .filter_map(|m| m.user.as_ref());
        let users = [
            ("inviter", self.inviter.as_ref()),
            ("target_user", self.target_user.as_deref()),
            (
                "target_application.bot",
                self.target_application
                    .as_ref()
                    .and_then(|a| a.bot.as_ref()),
            ),
            (
                "guild_scheduled_event.creator",
                self.guild_scheduled_event
                    .as_ref()
                    .and_then(|e| e.creator.as_ref()),
            ),
        ]
        .into_iter()
        .filter_map(|(object, user)| Some((object, user?)))
        .chain(stage_users.map(|user| ("stage_instance.members.user", user)));
        for (object, user) in users {
            for name in user.fluxer_only_fields() {
                let f = field(object, name);
                // A field of the stage's members is named once, however many have it.
                if !found.contains(&f) {
                    found.push(f);
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::{String, ToString};
    use alloc::vec;

    use super::*;

    fn names(json: &str) -> Vec<String> {
        let invite: Invite<'_> = serde_json::from_str(json).unwrap();
        invite
            .fluxer_only_fields()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn every_fluxer_only_field_is_named_where_it_is() {
        let json = r#"{"code":"a","type":2,"member_count":1,"presence_count":0,
            "pack":{"id":"5","creator":{"id":"6","username":"c","avatar_color":1}},
            "guild":{"id":"1","name":"G","banner_width":1,"banner_height":1,"splash_width":1,
              "splash_height":1,"splash_card_alignment":2,"embed_splash":"h",
              "embed_splash_width":1,"embed_splash_height":1},
            "inviter":{"id":"2","username":"u","avatar_color":0},
            "target_user":{"id":"3","username":"t","avatar_color":7},
            "target_application":{"id":"4","bot":{"id":"4","username":"b","avatar_color":7}},
            "guild_scheduled_event":{"id":"8","guild_id":"1","name":"e",
              "scheduled_start_time":"2023-07-15T18:30:11+00:00","privacy_level":2,"status":1,
              "entity_type":3,"creator":{"id":"9","username":"c","avatar_color":3}},
            "stage_instance":{"members":[{"user":{"id":"10","username":"s","avatar_color":1}},
              {"user":{"id":"11","username":"s2","avatar_color":2}},{"nick":"x"}]}}"#;
        assert_eq!(
            names(json),
            vec![
                "member_count",
                "presence_count",
                "pack",
                "guild.banner_width",
                "guild.banner_height",
                "guild.splash_width",
                "guild.splash_height",
                "guild.splash_card_alignment",
                "guild.embed_splash",
                "guild.embed_splash_width",
                "guild.embed_splash_height",
                "inviter.avatar_color",
                "target_user.avatar_color",
                "target_application.bot.avatar_color",
                "guild_scheduled_event.creator.avatar_color",
                "stage_instance.members.user.avatar_color",
            ]
        );
    }

    #[test]
    fn discord_fields_absent_and_null_fields_name_nothing() {
        // Discord's counts, user and guild fields are not Fluxer's.
        assert!(
            names(
                r#"{"code":"a","type":2,"approximate_member_count":3,
                "approximate_presence_count":1,"flags":0,"temporary":false,
                "guild":{"id":"1","name":"G","splash":"s","banner":"b","features":[],
                  "verification_level":2,"vanity_url_code":"v","nsfw_level":0},
                "inviter":{"id":"2","username":"u","public_flags":1,"flags":1,
                  "accent_color":5,"banner":null}}"#
            )
            .is_empty()
        );
        // Fluxer's nullable fields sent as null cannot be told from absent ones.
        assert_eq!(
            names(
                r#"{"code":"a","guild":{"id":"1","name":"G","banner_width":null,
                "splash_card_alignment":0},"inviter":{"id":"2","username":"u",
                "avatar_color":null},"member_count":null}"#
            ),
            vec!["guild.splash_card_alignment"]
        );
        assert!(Invite::default().fluxer_only_fields().is_empty());
    }

    #[test]
    fn display_joins_object_and_name() {
        let top = FluxerOnlyField {
            object: "",
            name: "pack",
        };
        let nested = FluxerOnlyField {
            object: "guild",
            name: "embed_splash",
        };
        assert_eq!(
            (top.to_string(), nested.to_string()),
            ("pack".into(), "guild.embed_splash".into())
        );
    }
}
