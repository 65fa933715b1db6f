//! The name index: every spelling of every permission, looked up without hashing or allocation.
//!
//! The index is built at compile time from the permission table (Discord's and Fluxer's
//! canonical names and the client's names, in `permissions.rs`) and the alias table
//! (`aliases.rs`), so neither list repeats the other. Names are compared in *normalized* form:
//! ASCII lowercase with `_` and `-` removed, so `SEND_MESSAGES`, `SendMessages`,
//! `send-messages` and `sendmessages` are one key (the client's names are keyed the same way
//! with their spaces and punctuation removed: `Manage Server` is `manageserver`). The index is
//! sorted by that key and searched by bisection; the input is normalized into a small stack
//! buffer, and anything longer than the buffer cannot be a name.
//!
//! A name resolves to a bit whatever the platform; whether the platform has that bit is the
//! caller's check ([`Entry::available_on`]), so that a name of the other platform is an error
//! that names it rather than an unknown word.

use crate::aliases::{ALIASES, Alias};
use crate::permissions::{Permissions, ROWS, Row, row_of_bit};
use crate::platform::Platform;

/// Length of a lookup key: the longest normalized name, `viewcreatormonetizationanalytics`,
/// has 32 bytes. Keys are zero-padded, which keeps their order that of the names.
pub(crate) const KEY_LEN: usize = 32;

/// A normalized name, zero-padded.
pub(crate) type Key = [u8; KEY_LEN];

/// A key as two big-endian 128-bit words: comparing these compares the keys, in two
/// integer comparisons instead of a byte loop.
type Packed = (u128, u128);

/// The names of a row an entry stands for (a bit set: one key can be several of them, as
/// `SEND_MESSAGES` is Discord's and Fluxer's name).
pub(crate) type Kinds = u8;
/// Discord's canonical name.
pub(crate) const DISCORD_NAME: Kinds = 1;
/// Fluxer's canonical name.
pub(crate) const FLUXER_NAME: Kinds = 2;
/// The client's name.
pub(crate) const CLIENT_NAME: Kinds = 4;

/// Where an index entry's name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// Names from a row of the permission table.
    Row(&'static Row, Kinds),
    /// An entry of the alias table.
    Alias(&'static Alias),
    /// `all`: every permission of the platform.
    All,
}

/// One spelling of a permission (or of the `all` set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The lookup key: the name lowercased with everything but letters and digits removed,
    /// zero-padded.
    pub(crate) key: Key,
    /// `key` as big-endian words, which compare in the same order but faster.
    packed: Packed,
    /// Where the name comes from.
    pub(crate) source: Source,
    /// The platforms that have the permission, one bit each ([`platform_bit`]).
    platforms: u8,
}

/// A platform's bit in [`Entry`]'s `platforms`.
const fn platform_bit(platform: Platform) -> u8 {
    match platform {
        Platform::Discord => 1,
        Platform::Fluxer => 2,
    }
}

/// The platforms that have `row`'s bit.
const fn row_platforms(row: &Row) -> u8 {
    let mut mask = 0;
    if row.discord.is_some() {
        mask |= platform_bit(Platform::Discord);
    }
    if row.fluxer.is_some() {
        mask |= platform_bit(Platform::Fluxer);
    }
    mask
}

/// The text of one of a row's names.
const fn row_name(row: &Row, kind: Kinds) -> Option<&'static str> {
    match kind {
        DISCORD_NAME => row.discord,
        FLUXER_NAME => row.fluxer,
        _ => Some(row.client),
    }
}

/// The key of a table name: its ASCII letters and digits, lowercased (`SEND_MESSAGES`,
/// `use_app_cmds` and `Mention @everyone, @here, and All Roles` alike). A name too long for
/// [`KEY_LEN`] fails the build.
const fn table_key(name: &str) -> Key {
    let bytes = name.as_bytes();
    let mut key = [0; KEY_LEN];
    let mut i = 0;
    let mut n = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_alphanumeric() {
            key[n] = bytes[i].to_ascii_lowercase();
            n += 1;
        }
        i += 1;
    }
    key
}

impl Entry {
    const fn new(source: Source) -> Self {
        let key = table_key(Self::text_of(source));
        let platforms = match source {
            Source::Row(row, _) => row_platforms(row),
            Source::Alias(alias) => match row_of_bit(alias.bit as u32) {
                Some(row) => row_platforms(row),
                None => 0,
            },
            Source::All => platform_bit(Platform::Discord) | platform_bit(Platform::Fluxer),
        };
        Self {
            key,
            packed: pack(&key),
            source,
            platforms,
        }
    }

    /// The name as written in its table (see [`Entry::text`]).
    const fn text_of(source: Source) -> &'static str {
        match source {
            Source::Row(row, kinds) => {
                let kind = if kinds & DISCORD_NAME != 0 {
                    DISCORD_NAME
                } else if kinds & FLUXER_NAME != 0 {
                    FLUXER_NAME
                } else {
                    CLIENT_NAME
                };
                match row_name(row, kind) {
                    Some(name) => name,
                    None => row.client,
                }
            }
            Source::Alias(alias) => alias.name,
            Source::All => "all",
        }
    }

    /// The name as written in its table: SCREAMING_SNAKE for canonical names, snake case for
    /// aliases, the client's words for client names. Letters and digits are the key; anything
    /// else marks a word boundary.
    pub(crate) const fn text(&self) -> &'static str {
        Self::text_of(self.source)
    }

    /// The key without its padding.
    pub(crate) fn key_bytes(&self) -> &[u8] {
        let len = self.key.iter().position(|&b| b == 0).unwrap_or(KEY_LEN);
        self.key.get(..len).unwrap_or_default()
    }

    /// The bit the name stands for (`None` for `all`).
    pub(crate) const fn bit(&self) -> Option<u8> {
        match self.source {
            Source::Row(row, _) => Some(row.bit),
            Source::Alias(alias) => Some(alias.bit),
            Source::All => None,
        }
    }

    /// The bits the name stands for on `platform` (`all` depends on the platform).
    pub(crate) const fn bits(&self, platform: Platform) -> u64 {
        match self.bit() {
            Some(bit) => 1 << bit,
            None => platform.permissions().bits(),
        }
    }

    /// Whether `platform` has the permission the name stands for.
    pub(crate) const fn available_on(&self, platform: Platform) -> bool {
        self.platforms & platform_bit(platform) != 0
    }

    /// Whether this is `platform`'s canonical name of a single flag.
    pub(crate) const fn is_canonical_on(&self, platform: Platform) -> bool {
        let wanted = match platform {
            Platform::Discord => DISCORD_NAME,
            Platform::Fluxer => FLUXER_NAME,
        };
        matches!(self.source, Source::Row(_, kinds) if kinds & wanted != 0)
    }

    /// The row's client name, if this entry is (also) that.
    pub(crate) const fn client_name(&self) -> Option<&'static str> {
        match self.source {
            Source::Row(row, kinds) if kinds & CLIENT_NAME != 0 => Some(row.client),
            _ => None,
        }
    }
}

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

const fn packed_less(a: Packed, b: Packed) -> bool {
    a.0 < b.0 || (a.0 == b.0 && a.1 < b.1)
}

const fn same_key(a: &Key, b: &Key) -> bool {
    let (a, b) = (pack(a), pack(b));
    a.0 == b.0 && a.1 == b.1
}

/// Room for every candidate: three names per row, every alias, and `all`.
const MAX_ENTRIES: usize = ROWS.len() * 3 + ALIASES.len() + 1;

/// The index's entries, unsorted, and how many there are: a row's names that share a key
/// (Discord's and Fluxer's `SEND_MESSAGES`, the client's `Administrator`) are one entry.
const COLLECTED: ([Entry; MAX_ENTRIES], usize) = {
    let mut out = [Entry::new(Source::All); MAX_ENTRIES];
    let mut n = 0;
    let mut r = 0;
    while r < ROWS.len() {
        let row = &ROWS[r];
        let first = n;
        let kinds = [DISCORD_NAME, FLUXER_NAME, CLIENT_NAME];
        let mut k = 0;
        while k < kinds.len() {
            if let Some(name) = row_name(row, kinds[k]) {
                let key = table_key(name);
                let mut merged = false;
                let mut e = first;
                while e < n {
                    if same_key(&out[e].key, &key) {
                        if let Source::Row(row, seen) = out[e].source {
                            out[e].source = Source::Row(row, seen | kinds[k]);
                        }
                        merged = true;
                    }
                    e += 1;
                }
                if !merged {
                    out[n] = Entry::new(Source::Row(row, kinds[k]));
                    n += 1;
                }
            }
            k += 1;
        }
        r += 1;
    }
    let mut i = 0;
    while i < ALIASES.len() {
        out[n] = Entry::new(Source::Alias(&ALIASES[i]));
        n += 1;
        i += 1;
    }
    out[n] = Entry::new(Source::All);
    (out, n + 1)
};

/// Number of entries in the index.
const INDEX_LEN: usize = COLLECTED.1;

/// Every known spelling, sorted by key. Two names of different permissions with the same key
/// fail the build.
pub(crate) static INDEX: [Entry; INDEX_LEN] = {
    let mut index = [Entry::new(Source::All); INDEX_LEN];
    let mut i = 0;
    while i < INDEX_LEN {
        index[i] = COLLECTED.0[i];
        i += 1;
    }
    // Insertion sort: under two hundred entries, once, at compile time.
    let mut i = 1;
    while i < INDEX_LEN {
        let mut j = i;
        while j > 0 && packed_less(index[j].packed, index[j - 1].packed) {
            let moved = index[j];
            index[j] = index[j - 1];
            index[j - 1] = moved;
            j -= 1;
        }
        i += 1;
    }
    let mut i = 1;
    while i < INDEX_LEN {
        assert!(
            packed_less(index[i - 1].packed, index[i].packed),
            "two permission names have the same lookup key"
        );
        i += 1;
    }
    index
};

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

/// What [`loose_key_of`] does with each byte: as [`NORMALIZE`], and ASCII whitespace and
/// punctuation are skipped too.
const NORMALIZE_LOOSE: [u8; 256] = {
    let mut table = NORMALIZE;
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_punctuation() || byte.is_ascii_whitespace() {
            table[b] = SKIP;
        } else if byte.is_ascii_control() {
            table[b] = 0;
        }
        b += 1;
    }
    table
};

/// Marks the bytes a normalization drops.
const SKIP: u8 = 0xFF;

#[inline]
fn normalize(name: &[u8], table: &[u8; 256]) -> Option<Key> {
    let mut key = [0; KEY_LEN];
    let mut n = 0;
    for &b in name {
        match table[usize::from(b)] {
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

/// How a name is normalized into a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spelling {
    /// Names in lists and [`Permissions::from_name`]: [`key_of`].
    Strict,
    /// One name as people write the client's names: [`loose_key_of`].
    Loose,
}

impl Spelling {
    /// The key of `name` in this spelling.
    pub(crate) fn key_of(self, name: &[u8]) -> Option<Key> {
        match self {
            Self::Strict => key_of(name),
            Self::Loose => loose_key_of(name),
        }
    }
}

/// Normalizes a name into a lookup key: ASCII lowercase, `_` and `-` dropped. `None` if a
/// byte is NUL or not ASCII, or the result is longer than [`KEY_LEN`] (none of which can be
/// a known name). Other punctuation and spaces are kept, so they match nothing.
pub(crate) fn key_of(name: &[u8]) -> Option<Key> {
    normalize(name, &NORMALIZE)
}

/// Normalizes a name as people write the client's names: as [`key_of`], and ASCII spaces
/// and punctuation dropped as well (`Mention @everyone, @here, and All Roles`). Control
/// characters and non-ASCII bytes are never part of a name.
pub(crate) fn loose_key_of(name: &[u8]) -> Option<Key> {
    normalize(name, &NORMALIZE_LOOSE)
}

/// The entry for a lookup key.
pub(crate) fn lookup_key(key: &Key) -> Option<&'static Entry> {
    let packed = pack(key);
    INDEX
        .binary_search_by(|e| e.packed.cmp(&packed))
        .ok()
        .and_then(|i| INDEX.get(i))
}

/// The entry for a name in any spelling without spaces.
pub(crate) fn lookup(name: &str) -> Option<&'static Entry> {
    lookup_key(&key_of(name.as_bytes())?)
}

impl Permissions {
    /// Looks up one permission name in any spelling this crate knows, on Discord: Discord's
    /// (`SEND_MESSAGES`), discord.js's (`SendMessages`), snake case (`send_messages`), the
    /// aoi.js aliases (`sendmessage`, `admin`, `useappcmds`, `all`, ...), renamed or older
    /// names (`MANAGE_EMOJIS_AND_STICKERS`, `USE_SLASH_COMMANDS`, ...) and the client's names
    /// written without spaces (`ManageServer`, `manage-permissions`, `TimeoutMembers`). Case,
    /// `_` and `-` are ignored. Numbers are not names; see
    /// [`parse_permissions`](crate::parse_permissions). For names with spaces (`Manage
    /// Server`) see [`parse_permission_name`](crate::parse_permission_name).
    ///
    /// `all` gives [`DISCORD_ALL`](Self::DISCORD_ALL); every other name gives one flag.
    /// `readmessages` is aoi.js v4's alias for `READ_MESSAGE_HISTORY` (discord.py's
    /// `read_messages` means `VIEW_CHANNEL`; aoi.js is followed here). Fluxer's names of
    /// shared bits (`MANAGE_EXPRESSIONS`, `CREATE_EXPRESSIONS`) are accepted; names of bits
    /// Discord does not have (`UPDATE_RTC_REGION`) are not: see
    /// [`from_name_on`](Self::from_name_on).
    ///
    /// ```
    /// use invite_perms::Permissions;
    ///
    /// assert_eq!(Permissions::from_name("manage-server"), Some(Permissions::MANAGE_GUILD));
    /// assert_eq!(Permissions::from_name("UseVAD"), Some(Permissions::USE_VAD));
    /// assert_eq!(Permissions::from_name("send messages"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        Self::from_name_on(name, Platform::Discord)
    }

    /// [`from_name`](Self::from_name) on `platform`: `None` also for a name whose bit the
    /// platform does not have. `all` gives the platform's [`permissions`](Platform::permissions).
    ///
    /// ```
    /// use invite_perms::{Permissions, Platform};
    ///
    /// let fluxer = Platform::Fluxer;
    /// let rtc = Permissions::from_name_on("UPDATE_RTC_REGION", fluxer);
    /// assert_eq!(rtc, Some(Permissions::FLUXER_UPDATE_RTC_REGION));
    /// assert_eq!(Permissions::from_name_on("VIEW_GUILD_INSIGHTS", fluxer), None);
    /// assert_eq!(Permissions::from_name_on("all", fluxer), Some(Permissions::FLUXER_ALL));
    /// ```
    pub fn from_name_on(name: &str, platform: Platform) -> Option<Self> {
        lookup(name)
            .filter(|entry| entry.available_on(platform))
            .map(|entry| Self::from_bits_retain(entry.bits(platform)))
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::string::String;

    use super::*;

    fn squash(name: &str) -> String {
        name.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    }

    #[test]
    fn index_is_sorted_unique_and_fits_the_buffer() {
        for pair in INDEX.windows(2) {
            assert!(
                squash(pair[0].text()) < squash(pair[1].text()),
                "{} / {}",
                pair[0].text(),
                pair[1].text()
            );
            assert!(pair[0].key < pair[1].key);
            assert!(pair[0].packed < pair[1].packed);
        }
        for e in &INDEX {
            assert!(squash(e.text()).len() <= KEY_LEN, "{}", e.text());
            assert_eq!(e.key_bytes(), squash(e.text()).as_bytes());
            assert_eq!(loose_key_of(e.text().as_bytes()), Some(e.key));
            assert_eq!(lookup_key(&e.key), Some(e));
        }
    }

    #[test]
    fn every_name_of_the_table_is_in_the_index() {
        let mut names = 0;
        for row in ROWS {
            for kind in [DISCORD_NAME, FLUXER_NAME, CLIENT_NAME] {
                let Some(name) = row_name(row, kind) else {
                    continue;
                };
                names += 1;
                let entry = lookup_key(&table_key(name)).expect(name);
                assert!(
                    matches!(entry.source, Source::Row(r, kinds) if r == row && kinds & kind != 0),
                    "{name}"
                );
            }
        }
        let aliases = ALIASES.len();
        let merged: usize = INDEX
            .iter()
            .map(|e| match e.source {
                Source::Row(_, kinds) => kinds.count_ones() as usize,
                _ => 1,
            })
            .sum();
        assert_eq!(merged, names + aliases + 1);
        assert_eq!(lookup("all").map(|e| e.source), Some(Source::All));
    }

    #[test]
    fn the_alias_table_holds_only_aliases() {
        for alias in ALIASES {
            let entry = lookup(alias.name).expect(alias.name);
            assert_eq!(entry.source, Source::Alias(alias), "{}", alias.name);
            let row = row_of_bit(u32::from(alias.bit)).expect("an alias names a known bit");
            for kind in [DISCORD_NAME, FLUXER_NAME, CLIENT_NAME] {
                if let Some(name) = row_name(row, kind) {
                    assert_ne!(squash(name), squash(alias.name), "{}", alias.name);
                }
            }
            assert!(
                alias
                    .name
                    .bytes()
                    .all(|b| b == b'_' || b.is_ascii_lowercase()),
                "{}",
                alias.name
            );
        }
    }

    #[test]
    fn availability_per_platform() {
        let entry = |name: &str| lookup(name).expect(name);
        assert!(entry("VIEW_GUILD_INSIGHTS").available_on(Platform::Discord));
        assert!(!entry("VIEW_GUILD_INSIGHTS").available_on(Platform::Fluxer));
        assert!(!entry("UPDATE_RTC_REGION").available_on(Platform::Discord));
        assert!(entry("UPDATE_RTC_REGION").available_on(Platform::Fluxer));
        // An alias is available where its bit is.
        assert!(!entry("use_slash_commands").available_on(Platform::Fluxer));
        assert!(entry("kick").available_on(Platform::Fluxer));
        assert!(entry("all").available_on(Platform::Fluxer));
        assert_eq!(
            entry("all").bits(Platform::Fluxer),
            Permissions::FLUXER_ALL.bits()
        );
        // Canonical per platform.
        let expressions = entry("MANAGE_EXPRESSIONS");
        assert!(expressions.is_canonical_on(Platform::Fluxer));
        assert!(!expressions.is_canonical_on(Platform::Discord));
        assert_eq!(expressions.client_name(), Some("Manage Expressions"));
        let send = entry("SEND_MESSAGES");
        assert!(send.is_canonical_on(Platform::Discord) && send.is_canonical_on(Platform::Fluxer));
        assert_eq!(entry("manageserver").client_name(), Some("Manage Server"));
        assert_eq!(entry("manageserver").bit(), Some(5));
    }

    #[test]
    fn normalization_limits() {
        assert!(lookup("").is_none());
        assert!(lookup("admin\0").is_none());
        assert!(lookup("admin\u{301}").is_none());
        assert!(lookup("send messages").is_none());
        assert_eq!(
            lookup("ViewCreatorMonetizationAnalytics").map(Entry::bit),
            Some(Some(41))
        );
        assert!(lookup("ViewCreatorMonetizationAnalyticsX").is_none());
        assert_eq!(key_of(&[b'a'; KEY_LEN]), Some([b'a'; KEY_LEN]));
        assert_eq!(key_of(&[b'a'; KEY_LEN + 1]), None);
        assert_eq!(key_of(b"__Send-Messages__"), key_of(b"sendmessages"));
        assert_eq!(
            loose_key_of(b"Mention @everyone, @here, and All Roles"),
            key_of(b"mentioneveryonehereandallroles")
        );
        assert_eq!(
            loose_key_of(b"Send Text-to-Speech Messages"),
            key_of(b"sendtexttospeechmessages")
        );
        assert_eq!(loose_key_of(b"admin\0"), None);
        assert_eq!(loose_key_of(b"admin\t"), key_of(b"admin"));
        assert_eq!(loose_key_of("Kick Membérs".as_bytes()), None);
    }
}
