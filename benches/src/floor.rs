//! The serde_json floor: a minimal borrowed model with the same fields as `invite_model::Invite`
//! and its common sub-objects, every string a `&str` borrowed from the input, every id and
//! timestamp left as its text, every number a plain integer, all through serde's derive.
//!
//! This is about the least work a serde model can do and still look at every field of these
//! payloads: serde_json tokenizes the same bytes, the derive matches the same keys and stores the
//! same values, but nothing is parsed (no snowflake digits, no timestamp), nothing is checked and
//! nothing can own (an escaped string fails instead of being copied). `invite-model` is measured
//! against it. The sub-objects that none of the benchmarked payloads contains
//! (`guild_scheduled_event`, `stage_instance`, `target_users_job_status`, `pack`, a guild's
//! `welcome_screen`, `roles`, a channel's `recipients`) are [`IgnoredAny`]: their keys are still
//! in the match, and their shape cannot change the timing of payloads without them.

use serde::Deserialize;
use serde::de::IgnoredAny;

/// `invite_model::Invite`'s fields, borrowed.
#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "the fields are read by the parser only")]
pub struct Invite<'a> {
    #[serde(rename = "type")]
    kind: Option<u8>,
    code: &'a str,
    #[serde(borrow)]
    guild: Option<Guild<'a>>,
    guild_id: Option<&'a str>,
    #[serde(borrow)]
    channel: Option<Channel<'a>>,
    #[serde(borrow)]
    inviter: Option<User<'a>>,
    #[serde(alias = "target_user_type")]
    target_type: Option<u8>,
    #[serde(borrow)]
    target_user: Option<User<'a>>,
    #[serde(borrow)]
    target_application: Option<Application<'a>>,
    approximate_member_count: Option<u64>,
    approximate_presence_count: Option<u64>,
    member_count: Option<u64>,
    presence_count: Option<u64>,
    expires_at: Option<&'a str>,
    guild_scheduled_event: Option<IgnoredAny>,
    stage_instance: Option<IgnoredAny>,
    is_nickname_changeable: Option<bool>,
    flags: Option<u64>,
    roles: Option<IgnoredAny>,
    new_member: Option<bool>,
    show_verification_form: Option<bool>,
    target_users_job_status: Option<IgnoredAny>,
    pack: Option<IgnoredAny>,
    friends_count: Option<u64>,
    is_contact: Option<bool>,
    uses: Option<u64>,
    max_uses: Option<u64>,
    max_age: Option<u64>,
    temporary: Option<bool>,
    created_at: Option<&'a str>,
}

impl Invite<'_> {
    /// The invite code.
    pub fn code(&self) -> &str {
        self.code
    }
}

/// `invite_model::InviteGuild`'s fields, borrowed.
#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "the fields are read by the parser only")]
struct Guild<'a> {
    id: &'a str,
    name: &'a str,
    icon: Option<&'a str>,
    splash: Option<&'a str>,
    banner: Option<&'a str>,
    description: Option<&'a str>,
    #[serde(default, borrow)]
    features: Vec<&'a str>,
    verification_level: Option<u8>,
    vanity_url_code: Option<&'a str>,
    nsfw_level: Option<u8>,
    nsfw: Option<bool>,
    premium_subscription_count: Option<u64>,
    premium_tier: Option<u8>,
    welcome_screen: Option<IgnoredAny>,
    banner_width: Option<u64>,
    banner_height: Option<u64>,
    splash_width: Option<u64>,
    splash_height: Option<u64>,
    splash_card_alignment: Option<u8>,
    embed_splash: Option<&'a str>,
    embed_splash_width: Option<u64>,
    embed_splash_height: Option<u64>,
}

/// `invite_model::InviteChannel`'s fields, borrowed.
#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "the fields are read by the parser only")]
struct Channel<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: u16,
    name: Option<&'a str>,
    icon: Option<&'a str>,
    recipients: Option<IgnoredAny>,
}

/// `invite_model::User`'s fields, borrowed.
#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "the fields are read by the parser only")]
struct User<'a> {
    id: &'a str,
    username: &'a str,
    discriminator: Option<&'a str>,
    global_name: Option<&'a str>,
    avatar: Option<&'a str>,
    avatar_color: Option<u32>,
    bot: Option<bool>,
    system: Option<bool>,
    banner: Option<&'a str>,
    accent_color: Option<u32>,
    public_flags: Option<u64>,
    flags: Option<u64>,
}

/// `invite_model::InviteApplication`'s fields, borrowed.
#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "the fields are read by the parser only")]
struct Application<'a> {
    id: Option<&'a str>,
    name: Option<&'a str>,
    icon: Option<&'a str>,
    description: Option<&'a str>,
    summary: Option<&'a str>,
    cover_image: Option<&'a str>,
    flags: Option<u64>,
    bot_public: Option<bool>,
    bot_require_code_grant: Option<bool>,
    verify_key: Option<&'a str>,
    max_participants: Option<i64>,
    #[serde(borrow)]
    tags: Option<Vec<&'a str>>,
    #[serde(borrow)]
    bot: Option<User<'a>>,
    #[serde(rename = "type")]
    kind: Option<u32>,
    hook: Option<bool>,
    terms_of_service_url: Option<&'a str>,
    privacy_policy_url: Option<&'a str>,
    slug: Option<&'a str>,
    guild_id: Option<&'a str>,
    primary_sku_id: Option<&'a str>,
    custom_install_url: Option<&'a str>,
    #[serde(borrow)]
    rpc_origins: Option<Vec<Option<&'a str>>>,
    is_monetized: Option<bool>,
    is_verified: Option<bool>,
    is_discoverable: Option<bool>,
    storefront_available: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::payloads;

    #[test]
    fn every_payload_parses_with_the_same_codes() {
        for (name, bytes, items) in payloads::all() {
            if items == 1 {
                let floor: Invite<'_> = serde_json::from_slice(&bytes).expect(name);
                let ours: invite_model::Invite<'_> = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(floor.code(), ours.code.as_str());
                assert_eq!(
                    floor.guild.as_ref().map(|g| g.id),
                    Some("1046920999469330512")
                );
            } else {
                let floor: Vec<Invite<'_>> = serde_json::from_slice(&bytes).expect(name);
                assert_eq!(floor.len(), items);
                assert_eq!(floor[7].code(), "inv00007");
            }
        }
        // It is a floor, not a model: an escaped string fails.
        assert!(serde_json::from_slice::<Invite<'_>>(br#"{"code":"a\n"}"#).is_err());
    }
}
