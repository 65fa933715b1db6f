//! The name table: every spelling of every permission, looked up without hashing or allocation.
//!
//! Names are compared in *normalized* form: ASCII lowercase with `_` and `-` removed, so
//! `SEND_MESSAGES`, `SendMessages`, `send-messages` and `sendmessages` are one key. The table
//! is sorted by that key and searched by bisection; the input is normalized into a small stack
//! buffer, and anything longer than the buffer cannot be a name.

use core::fmt;

use crate::permissions::Permissions;

/// Length of a lookup key: the longest normalized name, `viewcreatormonetizationanalytics`,
/// has 32 bytes. Keys are zero-padded, which keeps their order that of the names.
pub(crate) const KEY_LEN: usize = 32;

/// A normalized name, zero-padded.
pub(crate) type Key = [u8; KEY_LEN];

/// One spelling of a permission (or of the `all` set).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The lookup key: `name` without its underscores, zero-padded.
    pub(crate) key: Key,
    /// `key` as big-endian words, which compare in the same order but faster.
    packed: Packed,
    /// The name in snake case; the underscores mark word boundaries for suggestions in other
    /// spellings.
    pub(crate) name: &'static str,
    /// The bits the name stands for.
    pub(crate) bits: u64,
    /// Whether this is Discord's current name of a single flag (`bits` has one bit and
    /// `name` is the lowercase of [`Permissions::name`]).
    pub(crate) canonical: bool,
}

impl Entry {
    /// Builds an entry, computing its key at compile time (a name too long for [`KEY_LEN`]
    /// fails the build).
    const fn new(name: &'static str, bits: u64, canonical: bool) -> Self {
        let bytes = name.as_bytes();
        let mut key = [0; KEY_LEN];
        let mut i = 0;
        let mut n = 0;
        while i < bytes.len() {
            if bytes[i] != b'_' {
                key[n] = bytes[i];
                n += 1;
            }
            i += 1;
        }
        Self {
            key,
            packed: pack(&key),
            name,
            bits,
            canonical,
        }
    }

    /// The key without its padding.
    pub(crate) fn key_bytes(&self) -> &[u8] {
        let len = self.key.iter().position(|&b| b == 0).unwrap_or(KEY_LEN);
        self.key.get(..len).unwrap_or_default()
    }
}

/// A canonical name.
const fn c(name: &'static str, bit: u8) -> Entry {
    Entry::new(name, 1 << bit, true)
}

/// An alias: an aoi.js, serenity or discord.py name, or a renamed or older Discord name.
const fn a(name: &'static str, bit: u8) -> Entry {
    Entry::new(name, 1 << bit, false)
}

/// Every known spelling, sorted by normalized key (checked by a test).
///
/// Sources of the aliases: aoi.js v4 (`admin`, `kick`, `ban`, `manage_server`,
/// `read_messages` (bit 16, as aoi.js v4 maps it), `manage_emojis`, `create_invite`,
/// `send_tts`, `external_emojis`), aoi.js v5 and seed 000 (`manage_channel`, `send_message`,
/// `manage_emojis_and_stickers`, `use_app_cmds`, `use_public_threads`, `use_private_threads`,
/// `external_stickers`, `send_message_in_threads`, `start_embedded_activities`), aoi.js 6.10
/// (`mute`, `deafen`, `use_external_sticker`, `all`), Discord's older names
/// (`MANAGE_EMOJIS_AND_STICKERS`, `USE_SLASH_COMMANDS`, `START_EMBEDDED_ACTIVITIES`,
/// `USE_PUBLIC_THREADS`, `USE_PRIVATE_THREADS`), serenity (`use_commands`), discord.py and
/// Fluxer (`manage_expressions`, `create_expressions`, `manage_permissions`,
/// `use_voice_activation`, `create_polls`) and Discord's client ("Timeout Members").
/// Every other aoi.js name is a canonical name once normalized.
pub(crate) static TABLE: [Entry; 82] = [
    c("add_reactions", 6),
    a("admin", 3),
    c("administrator", 3),
    Entry::new("all", Permissions::DISCORD_ALL.bits(), false),
    c("attach_files", 15),
    a("ban", 2),
    c("ban_members", 2),
    c("bypass_slowmode", 52),
    c("change_nickname", 26),
    c("connect", 20),
    c("create_events", 44),
    a("create_expressions", 43),
    c("create_guild_expressions", 43),
    c("create_instant_invite", 0),
    a("create_invite", 0),
    a("create_polls", 49),
    c("create_private_threads", 36),
    c("create_public_threads", 35),
    a("deafen", 23),
    c("deafen_members", 23),
    c("embed_links", 14),
    a("external_emojis", 18),
    a("external_stickers", 37),
    a("kick", 1),
    c("kick_members", 1),
    a("manage_channel", 4),
    c("manage_channels", 4),
    a("manage_emojis", 30),
    a("manage_emojis_and_stickers", 30),
    c("manage_events", 33),
    a("manage_expressions", 30),
    c("manage_guild", 5),
    c("manage_guild_expressions", 30),
    c("manage_messages", 13),
    c("manage_nicknames", 27),
    a("manage_permissions", 28),
    c("manage_roles", 28),
    a("manage_server", 5),
    c("manage_threads", 34),
    c("manage_webhooks", 29),
    c("mention_everyone", 17),
    c("moderate_members", 40),
    c("move_members", 24),
    a("mute", 22),
    c("mute_members", 22),
    c("pin_messages", 51),
    c("priority_speaker", 8),
    c("read_message_history", 16),
    a("read_messages", 16),
    c("request_to_speak", 32),
    a("send_message", 11),
    a("send_message_in_threads", 38),
    c("send_messages", 11),
    c("send_messages_in_threads", 38),
    c("send_polls", 49),
    a("send_tts", 12),
    c("send_tts_messages", 12),
    c("send_voice_messages", 46),
    c("set_voice_channel_status", 48),
    c("speak", 21),
    a("start_embedded_activities", 39),
    c("stream", 9),
    a("timeout_members", 40),
    a("use_app_cmds", 31),
    c("use_application_commands", 31),
    a("use_commands", 31),
    c("use_embedded_activities", 39),
    c("use_external_apps", 50),
    c("use_external_emojis", 18),
    c("use_external_sounds", 45),
    a("use_external_sticker", 37),
    c("use_external_stickers", 37),
    a("use_private_threads", 36),
    a("use_public_threads", 35),
    a("use_slash_commands", 31),
    c("use_soundboard", 42),
    c("use_vad", 25),
    a("use_voice_activation", 25),
    c("view_audit_log", 7),
    c("view_channel", 10),
    c("view_creator_monetization_analytics", 41),
    c("view_guild_insights", 19),
];

/// Capacity of the buffer a misspelled name is normalized into for suggestions: the longest
/// key plus some slack, so that a misspelling a few bytes too long still gets one.
pub(crate) const NORM_CAP: usize = KEY_LEN + 8;

/// A misspelled name normalized into a stack buffer, for suggestions.
pub(crate) struct Normalized {
    buf: [u8; NORM_CAP],
    len: usize,
}

impl Normalized {
    /// Normalizes `name`: ASCII lowercase, `_` and `-` dropped. `None` if a byte is not ASCII
    /// or the result is longer than [`NORM_CAP`] (neither can be a known name).
    pub(crate) fn new(name: &[u8]) -> Option<Self> {
        let mut out = Self {
            buf: [0; NORM_CAP],
            len: 0,
        };
        for &b in name {
            if b == b'_' || b == b'-' {
                continue;
            }
            if !b.is_ascii() {
                return None;
            }
            *out.buf.get_mut(out.len)? = b.to_ascii_lowercase();
            out.len += 1;
        }
        Some(out)
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }
}

/// What [`key_of`] does with each byte: the lowercase byte, [`SKIP`], or 0 (not in any name:
/// NUL and non-ASCII bytes).
const NORMALIZE: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 1;
    while b < 128 {
        table[b] = (b as u8).to_ascii_lowercase();
        b += 1;
    }
    table[b'_' as usize] = SKIP;
    table[b'-' as usize] = SKIP;
    table
};

/// Marks `_` and `-` in [`NORMALIZE`].
const SKIP: u8 = 0xFF;

/// Normalizes a name into a lookup key: ASCII lowercase, `_` and `-` dropped. `None` if a
/// byte is NUL or not ASCII, or the result is longer than [`KEY_LEN`] (none of which can be
/// a known name).
pub(crate) fn key_of(name: &[u8]) -> Option<Key> {
    let mut key = [0; KEY_LEN];
    let mut n = 0;
    for &b in name {
        match NORMALIZE[usize::from(b)] {
            SKIP => {}
            0 => return None,
            lower => {
                *key.get_mut(n)? = lower;
                n += 1;
            }
        }
    }
    Some(key)
}

/// A key as two big-endian 128-bit words: comparing these compares the keys, in two
/// integer comparisons instead of a byte loop.
type Packed = (u128, u128);

const fn pack(key: &Key) -> Packed {
    let mut hi = [0; 16];
    let mut lo = [0; 16];
    let mut i = 0;
    while i < 16 {
        hi[i] = key[i];
        lo[i] = key[16 + i];
        i += 1;
    }
    (u128::from_be_bytes(hi), u128::from_be_bytes(lo))
}

/// The entry for a lookup key.
pub(crate) fn lookup_key(key: &Key) -> Option<&'static Entry> {
    let packed = pack(key);
    TABLE
        .binary_search_by(|e| e.packed.cmp(&packed))
        .ok()
        .and_then(|i| TABLE.get(i))
}

/// The entry for a name in any spelling.
pub(crate) fn lookup(name: &str) -> Option<&'static Entry> {
    lookup_key(&key_of(name.as_bytes())?)
}

/// How a name was written, so that a suggestion can be written the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `sendmessages` (aoi.js)
    Squashed,
    /// `send_messages`
    Snake,
    /// `send-messages`
    Kebab,
    /// `SEND_MESSAGES` (Discord)
    Screaming,
    /// `SendMessages` (discord.js)
    Pascal,
    /// `sendMessages`
    Camel,
}

impl Style {
    /// Guesses the style of a (misspelled) name.
    pub(crate) fn of(token: &[u8]) -> Self {
        let has = |pred: fn(&u8) -> bool| token.iter().any(pred);
        let lower = has(u8::is_ascii_lowercase);
        let upper = has(u8::is_ascii_uppercase);
        if lower && upper {
            match token.iter().find(|b| b.is_ascii_alphabetic()) {
                Some(b) if b.is_ascii_lowercase() => Self::Camel,
                _ => Self::Pascal,
            }
        } else if upper {
            Self::Screaming
        } else if has(|&b| b == b'_') {
            Self::Snake
        } else if has(|&b| b == b'-') {
            Self::Kebab
        } else {
            Self::Squashed
        }
    }
}

/// The known name closest to a name that was not found, written in the style of the input.
///
/// Its `Display` writes the name: `sendmesages` gets `sendmessages`, `SEND_MESAGES` gets
/// `SEND_MESSAGES`, `SendMesages` gets `SendMessages`, `send_mesages` gets `send_messages`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    entry: &'static Entry,
    style: Style,
}

impl Suggestion {
    /// The permissions the suggested name stands for.
    pub fn permissions(&self) -> Permissions {
        Permissions::from_bits_retain(self.entry.bits)
    }
}

impl fmt::Debug for Suggestion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Suggestion({self})")
    }
}

impl fmt::Display for Suggestion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        let name = self.entry.name;
        match self.style {
            Style::Squashed => name
                .chars()
                .filter(|&c| c != '_')
                .try_for_each(|c| f.write_char(c)),
            Style::Snake => f.write_str(name),
            Style::Kebab => name
                .chars()
                .try_for_each(|c| f.write_char(if c == '_' { '-' } else { c })),
            Style::Screaming => name
                .chars()
                .try_for_each(|c| f.write_char(c.to_ascii_uppercase())),
            Style::Pascal | Style::Camel => {
                let single = Permissions::from_bits_retain(self.entry.bits);
                let mut first = true;
                match single.pascal_name() {
                    // discord.js's own spelling, which keeps acronyms (`SendTTSMessages`).
                    Some(pascal) if self.entry.canonical => pascal.chars().try_for_each(|c| {
                        let c = if first && self.style == Style::Camel {
                            c.to_ascii_lowercase()
                        } else {
                            c
                        };
                        first = false;
                        f.write_char(c)
                    }),
                    _ => {
                        let mut word_start = self.style == Style::Pascal;
                        name.chars().try_for_each(|c| {
                            if c == '_' {
                                word_start = true;
                                return Ok(());
                            }
                            let c = if word_start {
                                c.to_ascii_uppercase()
                            } else {
                                c
                            };
                            word_start = false;
                            f.write_char(c)
                        })
                    }
                }
            }
        }
    }
}

/// The known name closest to `token` by edit distance (optimal string alignment: insertions,
/// deletions, substitutions and swaps of neighbours each cost 1) on normalized forms, if one is
/// close enough: at most a third of the input's length, and at least 1. Ties go to Discord's
/// canonical names, then to table order.
pub(crate) fn suggest(token: &[u8]) -> Option<Suggestion> {
    let input = Normalized::new(token)?;
    let input = input.as_bytes();
    if input.is_empty() {
        return None;
    }
    let limit = (input.len() / 3).max(1);
    let mut best: Option<(usize, bool, &'static Entry)> = None;
    for entry in &TABLE {
        let key = entry.key_bytes();
        if key.len().abs_diff(input.len()) > limit {
            continue;
        }
        let d = osa_distance(input, key);
        if d > limit {
            continue;
        }
        let better = match best {
            None => true,
            Some((bd, bc, _)) => d < bd || (d == bd && entry.canonical && !bc),
        };
        if better {
            best = Some((d, entry.canonical, entry));
        }
    }
    best.map(|(_, _, entry)| Suggestion {
        entry,
        style: Style::of(token),
    })
}

/// Optimal-string-alignment distance between two byte strings of at most [`NORM_CAP`] bytes
/// (longer input gives `usize::MAX`), using three rows on the stack.
fn osa_distance(a: &[u8], b: &[u8]) -> usize {
    const W: usize = NORM_CAP + 1;
    if a.len() > NORM_CAP || b.len() > NORM_CAP {
        return usize::MAX;
    }
    let mut before = [0usize; W];
    let mut prev = [0usize; W];
    let mut cur = [0usize; W];
    for (j, slot) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *slot = j;
    }
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let mut d = (prev[j + 1] + 1).min(cur[j] + 1).min(prev[j] + cost);
            if i > 0 && j > 0 && a.get(i - 1) == Some(&cb) && b.get(j - 1) == Some(&ca) {
                d = d.min(before[j - 1] + 1);
            }
            cur[j + 1] = d;
        }
        before = prev;
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::string::{String, ToString};

    use super::*;
    use crate::permissions::NAMED;

    fn squash(name: &str) -> String {
        name.chars().filter(|&c| c != '_').collect()
    }

    #[test]
    fn table_is_sorted_unique_and_fits_the_buffer() {
        for pair in TABLE.windows(2) {
            assert!(
                squash(pair[0].name) < squash(pair[1].name),
                "{} / {}",
                pair[0].name,
                pair[1].name
            );
            assert!(pair[0].key < pair[1].key);
            assert!(pair[0].packed < pair[1].packed);
        }
        for e in &TABLE {
            assert!(squash(e.name).len() <= KEY_LEN, "{}", e.name);
            assert_eq!(e.key_bytes(), squash(e.name).as_bytes());
            assert_eq!(key_of(e.name.as_bytes()), Some(e.key));
            assert!(
                e.name.bytes().all(|b| b == b'_' || b.is_ascii_lowercase()),
                "{}",
                e.name
            );
            assert_eq!(lookup(e.name).map(|x| x.bits), Some(e.bits));
        }
    }

    #[test]
    fn canonical_flags_match_named() {
        let canon: std::vec::Vec<_> = TABLE.iter().filter(|e| e.canonical).collect();
        assert_eq!(canon.len(), NAMED.len());
        for &(bit, name, _) in NAMED {
            let entry = lookup(name).expect(name);
            assert!(entry.canonical, "{name}");
            assert_eq!(entry.bits, 1 << bit);
            assert_eq!(entry.name.to_ascii_uppercase(), name);
        }
        for e in TABLE.iter().filter(|e| !e.canonical) {
            let p = Permissions::from_bits_retain(e.bits);
            assert!(
                p.name()
                    .is_none_or(|n| squash(&n.to_ascii_lowercase()) != squash(e.name))
            );
        }
    }

    #[test]
    fn normalization_limits() {
        assert!(Normalized::new(&[b'a'; NORM_CAP]).is_some());
        assert!(Normalized::new(&[b'a'; NORM_CAP + 1]).is_none());
        assert_eq!(
            Normalized::new(b"__Send-Messages__").unwrap().as_bytes(),
            b"sendmessages"
        );
        assert!(Normalized::new("sénd".as_bytes()).is_none());
        assert!(lookup("").is_none());
        assert!(lookup("admin\0").is_none());
        assert!(lookup("admin\u{301}").is_none());
        assert_eq!(
            lookup("ViewCreatorMonetizationAnalytics").map(|e| e.bits),
            Some(1 << 41)
        );
        assert!(lookup("ViewCreatorMonetizationAnalyticsX").is_none());
        assert_eq!(key_of(&[b'a'; KEY_LEN]), Some([b'a'; KEY_LEN]));
        assert_eq!(key_of(&[b'a'; KEY_LEN + 1]), None);
    }

    #[test]
    fn distances() {
        assert_eq!(osa_distance(b"", b""), 0);
        assert_eq!(osa_distance(b"abc", b""), 3);
        assert_eq!(osa_distance(b"sendmesages", b"sendmessages"), 1);
        assert_eq!(osa_distance(b"kcik", b"kick"), 1);
        assert_eq!(osa_distance(b"kitten", b"sitting"), 3);
        assert_eq!(osa_distance(&[b'a'; NORM_CAP + 1], b"a"), usize::MAX);
    }

    #[test]
    fn suggestions_follow_the_input_style() {
        let s = |t: &str| suggest(t.as_bytes()).map(|s| s.to_string());
        assert_eq!(s("sendmesages").as_deref(), Some("sendmessages"));
        assert_eq!(s("send_mesages").as_deref(), Some("send_messages"));
        assert_eq!(s("send-mesages").as_deref(), Some("send-messages"));
        assert_eq!(s("SEND_MESAGES").as_deref(), Some("SEND_MESSAGES"));
        assert_eq!(s("SendMesages").as_deref(), Some("SendMessages"));
        assert_eq!(s("sendMesages").as_deref(), Some("sendMessages"));
        assert_eq!(s("SendTTSMesages").as_deref(), Some("SendTTSMessages"));
        assert_eq!(s("UseApCmds").as_deref(), Some("UseAppCmds"));
        assert_eq!(s("useAppCmd").as_deref(), Some("useAppCmds"));
        assert_eq!(s("ADMN").as_deref(), Some("ADMIN"));
        assert_eq!(s("kik").as_deref(), Some("kick"));
        assert_eq!(s("xyz"), None);
        assert_eq!(s("toString"), None);
        assert_eq!(s(""), None);
        assert_eq!(s("___"), None);
        assert_eq!(s("sénd"), None);
        assert_eq!(
            suggest(b"administrater").map(|s| s.permissions()),
            Some(Permissions::ADMINISTRATOR)
        );
    }
}
