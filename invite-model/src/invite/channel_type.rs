//! [`ChannelType`]: the kind of the channel an invite is for.

use crate::primitive::open_enum::open_enum;

open_enum! {
    /// The `type` of a channel. Discord's values plus Fluxer's two extra ones (`998`, `999`).
    /// 32 bits wide, since Fluxer documents the field as a plain integer.
    pub struct ChannelType(u32) {
        /// A text channel in a guild.
        GUILD_TEXT = 0,
        /// A direct message between two users.
        DM = 1,
        /// A voice channel in a guild.
        GUILD_VOICE = 2,
        /// A direct message between several users.
        GROUP_DM = 3,
        /// A category that holds channels.
        GUILD_CATEGORY = 4,
        /// An announcement (news) channel.
        GUILD_ANNOUNCEMENT = 5,
        /// A thread in an announcement channel.
        ANNOUNCEMENT_THREAD = 10,
        /// A public thread.
        PUBLIC_THREAD = 11,
        /// A private thread.
        PRIVATE_THREAD = 12,
        /// A stage (audience) voice channel.
        GUILD_STAGE_VOICE = 13,
        /// The channel of a hub's directory.
        GUILD_DIRECTORY = 14,
        /// A forum channel.
        GUILD_FORUM = 15,
        /// A media channel.
        GUILD_MEDIA = 16,
        /// A link channel (Fluxer).
        GUILD_LINK = 998,
        /// A user's personal notes (Fluxer).
        DM_PERSONAL_NOTES = 999,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_unknowns() {
        assert_eq!(ChannelType::GUILD_VOICE.name(), Some("GUILD_VOICE"));
        assert_eq!(ChannelType(998).name(), Some("GUILD_LINK"));
        let t: ChannelType = serde_json::from_str("1073741823").unwrap();
        assert_eq!(t, ChannelType(1_073_741_823));
        assert!(!t.is_known());
        assert_eq!(serde_json::to_string(&t).unwrap(), "1073741823");
        assert_eq!(ChannelType::KNOWN.len(), 15);
    }
}
