//! Did-you-mean: the known name closest to a misspelled one, written in the input's style.

use core::fmt;

use crate::names::{DISCORD_NAME, Entry, INDEX, KEY_LEN, Source};
use crate::permissions::Permissions;
use crate::platform::Platform;

/// Capacity of the buffer a misspelled name is normalized into for suggestions: the longest
/// key plus some slack, so that a misspelling a few bytes too long still gets one.
const NORM_CAP: usize = KEY_LEN + 8;

/// A misspelled name normalized into a stack buffer, for suggestions.
struct Normalized {
    buf: [u8; NORM_CAP],
    len: usize,
}

impl Normalized {
    /// Normalizes `name`: ASCII lowercase, ASCII punctuation and spaces dropped. `None` if a
    /// byte is not ASCII or the result is longer than [`NORM_CAP`] (neither can be a known
    /// name).
    fn new(name: &[u8]) -> Option<Self> {
        let mut out = Self {
            buf: [0; NORM_CAP],
            len: 0,
        };
        for &b in name {
            if b.is_ascii_punctuation() || b.is_ascii_whitespace() {
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

    fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }
}

/// How a name was written, so that a suggestion can be written the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
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
    /// `Manage Server` (the client)
    Spaced,
}

impl Style {
    /// Guesses the style of a (misspelled) name.
    fn of(token: &[u8]) -> Self {
        let token = token.trim_ascii();
        let has = |pred: fn(&u8) -> bool| token.iter().any(pred);
        let lower = has(u8::is_ascii_lowercase);
        let upper = has(u8::is_ascii_uppercase);
        if has(u8::is_ascii_whitespace) {
            Self::Spaced
        } else if lower && upper {
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
/// `SEND_MESSAGES`, `SendMesages` gets `SendMessages`, `send_mesages` gets `send_messages`,
/// `Manage Servr` gets `Manage Server`. Only names the platform has are suggested.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    entry: &'static Entry,
    style: Style,
    platform: Platform,
}

impl Suggestion {
    /// The permissions the suggested name stands for.
    pub fn permissions(&self) -> Permissions {
        Permissions::from_bits_retain(self.entry.bits(self.platform))
    }

    /// The name's words, as written in its table.
    fn words(&self) -> impl Iterator<Item = &'static str> {
        self.entry
            .text()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
    }

    /// discord.js's own spelling, which keeps acronyms (`SendTTSMessages`), when this entry
    /// is the row's Discord name (or the row is Fluxer's only).
    fn table_pascal(&self) -> Option<&'static str> {
        match self.entry.source {
            Source::Row(row, kinds) if kinds & DISCORD_NAME != 0 || row.discord.is_none() => {
                Some(row.pascal)
            }
            _ => None,
        }
    }
}

impl fmt::Debug for Suggestion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Suggestion({self})")
    }
}

/// Writes `word` with its first letter in upper case (`upper`) or lower case and the rest in
/// lower case.
fn write_word(f: &mut fmt::Formatter<'_>, word: &str, upper: bool) -> fmt::Result {
    use fmt::Write;
    for (i, c) in word.chars().enumerate() {
        let c = match (i, upper) {
            (0, true) => c.to_ascii_uppercase(),
            _ => c.to_ascii_lowercase(),
        };
        f.write_char(c)?;
    }
    Ok(())
}

impl fmt::Display for Suggestion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        let joined = |f: &mut fmt::Formatter<'_>, sep: &str, upper: bool| {
            for (i, word) in self.words().enumerate() {
                if i > 0 {
                    f.write_str(sep)?;
                }
                word.chars().try_for_each(|c| {
                    f.write_char(if upper {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    })
                })?;
            }
            Ok(())
        };
        match self.style {
            Style::Squashed => joined(f, "", false),
            Style::Snake => joined(f, "_", false),
            Style::Kebab => joined(f, "-", false),
            Style::Screaming => joined(f, "_", true),
            Style::Pascal | Style::Camel => {
                let camel = self.style == Style::Camel;
                if let Some(pascal) = self.table_pascal() {
                    for (i, c) in pascal.chars().enumerate() {
                        f.write_char(if i == 0 && camel {
                            c.to_ascii_lowercase()
                        } else {
                            c
                        })?;
                    }
                    return Ok(());
                }
                for (i, word) in self.words().enumerate() {
                    write_word(f, word, !(i == 0 && camel))?;
                }
                Ok(())
            }
            Style::Spaced => {
                if let Some(client) = self.entry.client_name() {
                    return f.write_str(client);
                }
                for (i, word) in self.words().enumerate() {
                    if i > 0 {
                        f.write_char(' ')?;
                    }
                    write_word(f, word, true)?;
                }
                Ok(())
            }
        }
    }
}

/// The known name of a permission `platform` has that is closest to `token` by edit distance
/// (optimal string alignment: insertions, deletions, substitutions and swaps of neighbours
/// each cost 1) on normalized forms, if one is close enough: at most a third of the input's
/// length, and at least 1. Ties go to the platform's canonical names, then to index (key)
/// order.
pub(crate) fn suggest(token: &[u8], platform: Platform) -> Option<Suggestion> {
    let input = Normalized::new(token)?;
    let input = input.as_bytes();
    if input.is_empty() {
        return None;
    }
    let limit = (input.len() / 3).max(1);
    let mut best: Option<(usize, bool, &'static Entry)> = None;
    for entry in INDEX.iter().filter(|e| e.available_on(platform)) {
        let key = entry.key_bytes();
        if key.len().abs_diff(input.len()) > limit {
            continue;
        }
        let d = osa_distance(input, key);
        if d > limit {
            continue;
        }
        let canonical = entry.is_canonical_on(platform);
        let better = match best {
            None => true,
            Some((bd, bc, _)) => d < bd || (d == bd && canonical && !bc),
        };
        if better {
            best = Some((d, canonical, entry));
        }
    }
    best.map(|(_, _, entry)| Suggestion {
        entry,
        style: Style::of(token),
        platform,
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
    use std::string::ToString;

    use super::*;

    #[test]
    fn normalization_limits() {
        assert!(Normalized::new(&[b'a'; NORM_CAP]).is_some());
        assert!(Normalized::new(&[b'a'; NORM_CAP + 1]).is_none());
        assert_eq!(
            Normalized::new(b"__Send-Messages__").unwrap().as_bytes(),
            b"sendmessages"
        );
        assert!(Normalized::new("sénd".as_bytes()).is_none());
        assert_eq!(
            Normalized::new(b" Manage, Server ").unwrap().as_bytes(),
            b"manageserver"
        );
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
        let s = |t: &str| suggest(t.as_bytes(), Platform::Discord).map(|s| s.to_string());
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
            suggest(b"administrater", Platform::Discord).map(|s| s.permissions()),
            Some(Permissions::ADMINISTRATOR)
        );
    }

    #[test]
    fn client_names_are_suggested_as_the_client_writes_them() {
        let s = |t: &str| suggest(t.as_bytes(), Platform::Discord).map(|s| s.to_string());
        assert_eq!(s("Manage Servr").as_deref(), Some("Manage Server"));
        assert_eq!(s("Timeout Membrs").as_deref(), Some("Timeout Members"));
        assert_eq!(
            s("Mention @everyone, @here, and All Role").as_deref(),
            Some("Mention @everyone, @here, and All Roles")
        );
        // A canonical name without a client name of its own is written in title case.
        assert_eq!(s("Manage Guld").as_deref(), Some("Manage Guild"));
        assert_eq!(s("ManageServr").as_deref(), Some("ManageServer"));
        assert_eq!(s("manageservr").as_deref(), Some("manageserver"));
    }

    #[test]
    fn suggestions_are_names_the_platform_has() {
        let s = |t: &str, p| suggest(t.as_bytes(), p).map(|s| s.to_string());
        assert_eq!(
            s("UPDATE_RTC_REGON", Platform::Fluxer).as_deref(),
            Some("UPDATE_RTC_REGION")
        );
        assert_eq!(s("UPDATE_RTC_REGON", Platform::Discord), None);
        assert_eq!(
            s("VIEW_GUILD_INSIGHT", Platform::Discord).as_deref(),
            Some("VIEW_GUILD_INSIGHTS")
        );
        assert_eq!(s("VIEW_GUILD_INSIGHT", Platform::Fluxer), None);
        // Fluxer's canonical name wins on Fluxer, in Pascal case derived from its words.
        assert_eq!(
            s("ManageExpresions", Platform::Fluxer).as_deref(),
            Some("ManageExpressions")
        );
        assert_eq!(
            s("UpdateRtcRegon", Platform::Fluxer).as_deref(),
            Some("UpdateRtcRegion")
        );
        assert_eq!(
            s("ManageGuildExpresions", Platform::Discord).as_deref(),
            Some("ManageGuildExpressions")
        );
    }
}
