//! The alias table: spellings of permissions that are *not* a canonical name on any platform
//! nor a client name.
//!
//! Canonical names (Discord's and Fluxer's) and the client's names come from the permission
//! table (`permissions.rs`) and are not repeated here. A leaf module: plain data, indexed
//! together with the permission table by `names.rs` (a duplicate fails the build).
//!
//! Sources: aoi.js v4 (`admin`, `kick`, `ban`, `read_messages` (bit 16, as aoi.js v4 maps it),
//! `manage_emojis`, `send_tts`, `external_emojis`; its `manage_server` and `create_invite` are
//! the client's names), aoi.js v5 and seed 000 (`manage_channel`, `send_message`,
//! `manage_emojis_and_stickers`, `use_app_cmds`, `use_public_threads`, `use_private_threads`,
//! `external_stickers`, `send_message_in_threads`, `start_embedded_activities`), aoi.js 6.10
//! (`mute`, `deafen`, `use_external_sticker`; its `all` is the index's own entry), Discord's
//! older names (`MANAGE_EMOJIS_AND_STICKERS`, `USE_SLASH_COMMANDS`,
//! `START_EMBEDDED_ACTIVITIES`, `USE_PUBLIC_THREADS`, `USE_PRIVATE_THREADS`), serenity
//! (`use_commands`), discord.py (`manage_permissions`, `use_voice_activation`; its
//! `manage_expressions`, `create_expressions` are Fluxer's names and `create_polls` the
//! client's) and Discord's client on channels ("Manage Permissions"). Every other aoi.js name
//! is a canonical name once normalized.

/// One alias: a snake_case spelling and the bit it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Alias {
    /// The alias in snake case; the underscores mark word boundaries for suggestions.
    pub(crate) name: &'static str,
    /// The bit it stands for.
    pub(crate) bit: u8,
}

const fn a(name: &'static str, bit: u8) -> Alias {
    Alias { name, bit }
}

/// Every alias, in any order (the name index sorts them).
pub(crate) const ALIASES: &[Alias] = &[
    a("admin", 3),
    a("ban", 2),
    a("deafen", 23),
    a("external_emojis", 18),
    a("external_stickers", 37),
    a("kick", 1),
    a("manage_channel", 4),
    a("manage_emojis", 30),
    a("manage_emojis_and_stickers", 30),
    a("manage_permissions", 28),
    a("mute", 22),
    a("read_messages", 16),
    a("send_message", 11),
    a("send_message_in_threads", 38),
    a("send_tts", 12),
    a("start_embedded_activities", 39),
    a("use_app_cmds", 31),
    a("use_commands", 31),
    a("use_external_sticker", 37),
    a("use_private_threads", 36),
    a("use_public_threads", 35),
    a("use_slash_commands", 31),
    a("use_voice_activation", 25),
];
