//! Did-you-mean: the known name closest to a misspelled one, written in the input's style.

use core::fmt;

use crate::names::{Entry, INDEX, KEY_LEN};
use crate::permissions::Permissions;

/// Capacity of the buffer a misspelled name is normalized into for suggestions: the longest
/// key plus some slack, so that a misspelling a few bytes too long still gets one.
const NORM_CAP: usize = KEY_LEN + 8;

/// A misspelled name normalized into a stack buffer, for suggestions.
struct Normalized {
    buf: [u8; NORM_CAP],
    len: usize,
}

impl Normalized {
    /// Normalizes `name`: ASCII lowercase, `_` and `-` dropped. `None` if a byte is not ASCII
    /// or the result is longer than [`NORM_CAP`] (neither can be a known name).
    fn new(name: &[u8]) -> Option<Self> {
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
}

impl Style {
    /// Guesses the style of a (misspelled) name.
    fn of(token: &[u8]) -> Self {
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
        Permissions::from_bits_retain(self.entry.bits())
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
        // The name in snake case; its underscores are the word boundaries.
        let snake = || self.entry.name().chars().map(|c| c.to_ascii_lowercase());
        match self.style {
            Style::Squashed => snake()
                .filter(|&c| c != '_')
                .try_for_each(|c| f.write_char(c)),
            Style::Snake => snake().try_for_each(|c| f.write_char(c)),
            Style::Kebab => snake().try_for_each(|c| f.write_char(if c == '_' { '-' } else { c })),
            Style::Screaming => snake().try_for_each(|c| f.write_char(c.to_ascii_uppercase())),
            Style::Pascal | Style::Camel => {
                let single = self.permissions();
                let mut first = true;
                match single.pascal_name() {
                    // discord.js's own spelling, which keeps acronyms (`SendTTSMessages`).
                    Some(pascal) if self.entry.is_canonical() => pascal.chars().try_for_each(|c| {
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
                        snake().try_for_each(|c| {
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
/// canonical names, then to index (key) order.
pub(crate) fn suggest(token: &[u8]) -> Option<Suggestion> {
    let input = Normalized::new(token)?;
    let input = input.as_bytes();
    if input.is_empty() {
        return None;
    }
    let limit = (input.len() / 3).max(1);
    let mut best: Option<(usize, bool, &'static Entry)> = None;
    for entry in &INDEX {
        let key = entry.key_bytes();
        if key.len().abs_diff(input.len()) > limit {
            continue;
        }
        let d = osa_distance(input, key);
        if d > limit {
            continue;
        }
        let canonical = entry.is_canonical();
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
