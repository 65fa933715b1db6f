//! The name index: every spelling of every permission, looked up without hashing or allocation.
//!
//! The index is built at compile time from the permission table (canonical names, in
//! `permissions.rs`) and the alias table (`aliases.rs`), so neither list repeats the other.
//! Names are compared in *normalized* form: ASCII lowercase with `_` and `-` removed, so
//! `SEND_MESSAGES`, `SendMessages`, `send-messages` and `sendmessages` are one key. The index is
//! sorted by that key and searched by bisection; the input is normalized into a small stack
//! buffer, and anything longer than the buffer cannot be a name.

use crate::aliases::{ALIASES, Alias};
use crate::permissions::{Permissions, ROWS, Row};

/// Length of a lookup key: the longest normalized name, `viewcreatormonetizationanalytics`,
/// has 32 bytes. Keys are zero-padded, which keeps their order that of the names.
pub(crate) const KEY_LEN: usize = 32;

/// A normalized name, zero-padded.
pub(crate) type Key = [u8; KEY_LEN];

/// A key as two big-endian 128-bit words: comparing these compares the keys, in two
/// integer comparisons instead of a byte loop.
type Packed = (u128, u128);

/// Where an index entry's name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// A canonical name: a row of the permission table.
    Canonical(&'static Row),
    /// An entry of the alias table.
    Alias(&'static Alias),
    /// `all`: every documented permission.
    All,
}

/// One spelling of a permission (or of the `all` set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The lookup key: the name lowercased without its underscores, zero-padded.
    pub(crate) key: Key,
    /// `key` as big-endian words, which compare in the same order but faster.
    packed: Packed,
    /// Where the name comes from.
    pub(crate) source: Source,
}

impl Entry {
    /// Builds an entry, computing its key at compile time (a name too long for [`KEY_LEN`]
    /// fails the build).
    const fn new(source: Source) -> Self {
        let bytes = match source {
            Source::Canonical(row) => row.name.as_bytes(),
            Source::Alias(alias) => alias.name.as_bytes(),
            Source::All => b"all",
        };
        let mut key = [0; KEY_LEN];
        let mut i = 0;
        let mut n = 0;
        while i < bytes.len() {
            if bytes[i] != b'_' {
                key[n] = bytes[i].to_ascii_lowercase();
                n += 1;
            }
            i += 1;
        }
        Self {
            key,
            packed: pack(&key),
            source,
        }
    }

    /// The key without its padding.
    pub(crate) fn key_bytes(&self) -> &[u8] {
        let len = self.key.iter().position(|&b| b == 0).unwrap_or(KEY_LEN);
        self.key.get(..len).unwrap_or_default()
    }

    /// The bits the name stands for.
    pub(crate) const fn bits(&self) -> u64 {
        match self.source {
            Source::Canonical(row) => row.bits(),
            Source::Alias(alias) => 1 << alias.bit,
            Source::All => Permissions::DISCORD_ALL.bits(),
        }
    }

    /// Whether this is Discord's current name of a single flag.
    pub(crate) const fn is_canonical(&self) -> bool {
        matches!(self.source, Source::Canonical(_))
    }

    /// The name as written in its table: SCREAMING_SNAKE for canonical names, snake case for
    /// aliases. Either way the underscores mark word boundaries.
    pub(crate) const fn name(&self) -> &'static str {
        match self.source {
            Source::Canonical(row) => row.name,
            Source::Alias(alias) => alias.name,
            Source::All => "all",
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

/// Number of entries: every row, every alias, and `all`.
const INDEX_LEN: usize = ROWS.len() + ALIASES.len() + 1;

/// Every known spelling, sorted by key. Two names with the same key fail the build.
pub(crate) static INDEX: [Entry; INDEX_LEN] = build_index();

const fn build_index() -> [Entry; INDEX_LEN] {
    let mut index = [Entry::new(Source::All); INDEX_LEN];
    let mut n = 0;
    let mut i = 0;
    while i < ROWS.len() {
        index[n] = Entry::new(Source::Canonical(&ROWS[i]));
        n += 1;
        i += 1;
    }
    let mut i = 0;
    while i < ALIASES.len() {
        index[n] = Entry::new(Source::Alias(&ALIASES[i]));
        n += 1;
        i += 1;
    }
    // The last slot keeps `all`. Insertion sort: about a hundred entries, once, at compile time.
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

/// The entry for a lookup key.
pub(crate) fn lookup_key(key: &Key) -> Option<&'static Entry> {
    let packed = pack(key);
    INDEX
        .binary_search_by(|e| e.packed.cmp(&packed))
        .ok()
        .and_then(|i| INDEX.get(i))
}

/// The entry for a name in any spelling.
pub(crate) fn lookup(name: &str) -> Option<&'static Entry> {
    lookup_key(&key_of(name.as_bytes())?)
}

impl Permissions {
    /// Looks up one permission name in any spelling this crate knows: Discord's
    /// (`SEND_MESSAGES`), discord.js's (`SendMessages`), snake case (`send_messages`), the
    /// aoi.js aliases (`sendmessage`, `admin`, `useappcmds`, `all`, ...) and renamed or older
    /// names (`MANAGE_EMOJIS_AND_STICKERS`, `USE_SLASH_COMMANDS`, ...). Case, `_` and `-` are
    /// ignored. Numbers are not names; see [`parse_permissions`](crate::parse_permissions).
    ///
    /// `all` gives [`DISCORD_ALL`](Self::DISCORD_ALL); every other name gives one flag.
    /// `readmessages` is aoi.js v4's alias for `READ_MESSAGE_HISTORY` (discord.py's
    /// `read_messages` means `VIEW_CHANNEL`; aoi.js is followed here). Fluxer's and
    /// discord.py's `MANAGE_EXPRESSIONS` and `CREATE_EXPRESSIONS` are accepted; Fluxer's
    /// `UPDATE_RTC_REGION` is not (see
    /// [`FLUXER_UPDATE_RTC_REGION`](Self::FLUXER_UPDATE_RTC_REGION)).
    ///
    /// ```
    /// use invite_perms::Permissions;
    ///
    /// assert_eq!(Permissions::from_name("manage-server"), Some(Permissions::MANAGE_GUILD));
    /// assert_eq!(Permissions::from_name("UseVAD"), Some(Permissions::USE_VAD));
    /// assert_eq!(Permissions::from_name("send messages"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        lookup(name).map(|entry| Self::from_bits_retain(entry.bits()))
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::string::String;

    use super::*;

    fn squash(name: &str) -> String {
        name.chars()
            .filter(|&c| c != '_')
            .map(|c| c.to_ascii_lowercase())
            .collect()
    }

    #[test]
    fn index_is_sorted_unique_and_fits_the_buffer() {
        for pair in INDEX.windows(2) {
            assert!(
                squash(pair[0].name()) < squash(pair[1].name()),
                "{} / {}",
                pair[0].name(),
                pair[1].name()
            );
            assert!(pair[0].key < pair[1].key);
            assert!(pair[0].packed < pair[1].packed);
        }
        for e in &INDEX {
            assert!(squash(e.name()).len() <= KEY_LEN, "{}", e.name());
            assert_eq!(e.key_bytes(), squash(e.name()).as_bytes());
            assert_eq!(key_of(e.name().as_bytes()), Some(e.key));
            assert_eq!(lookup(e.name()).map(Entry::bits), Some(e.bits()));
        }
        assert_eq!(INDEX.len(), 52 + ALIASES.len() + 1);
    }

    #[test]
    fn canonical_names_come_from_the_permission_table_only() {
        let canon: std::vec::Vec<_> = INDEX.iter().filter(|e| e.is_canonical()).collect();
        assert_eq!(canon.len(), ROWS.len());
        for row in ROWS {
            let entry = lookup(row.name).expect(row.name);
            assert_eq!(entry.source, Source::Canonical(row));
            assert_eq!(entry.bits(), row.bits());
        }
        // The alias table holds only aliases: no alias is a canonical name once normalized,
        // and every alias names a documented bit.
        for alias in ALIASES {
            let flag = Permissions::from_bits_retain(1 << alias.bit);
            let canonical = flag.name().expect("an alias names a documented bit");
            assert_ne!(squash(canonical), squash(alias.name), "{}", alias.name);
            assert!(
                alias
                    .name
                    .bytes()
                    .all(|b| b == b'_' || b.is_ascii_lowercase()),
                "{}",
                alias.name
            );
        }
        assert_eq!(lookup("all").map(|e| e.source), Some(Source::All));
    }

    #[test]
    fn normalization_limits() {
        assert!(lookup("").is_none());
        assert!(lookup("admin\0").is_none());
        assert!(lookup("admin\u{301}").is_none());
        assert_eq!(
            lookup("ViewCreatorMonetizationAnalytics").map(Entry::bits),
            Some(1 << 41)
        );
        assert!(lookup("ViewCreatorMonetizationAnalyticsX").is_none());
        assert_eq!(key_of(&[b'a'; KEY_LEN]), Some([b'a'; KEY_LEN]));
        assert_eq!(key_of(&[b'a'; KEY_LEN + 1]), None);
        assert_eq!(key_of(b"__Send-Messages__"), key_of(b"sendmessages"));
    }
}
