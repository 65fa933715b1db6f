//! Secrets kept out of text: the [`Redactor`] hides them in whatever the server sends back, and
//! [`check_token`] is the one rule for what a Discord or Fluxer token may contain.
//!
//! A leaf module: it imports nothing else of this crate, so [`wire`](crate::wire) and the error
//! parsing can both use it.
//!
//! ```
//! use invite_model::secret::{REDACTED, Redactor, check_token};
//!
//! let token = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs";
//! check_token(token)?;
//! let redactor = Redactor::new().with_secret(token);
//! assert_eq!(format!("{redactor:?}"), "Redactor { secrets: 1 }");
//!
//! let echoed = format!("unknown header Authorization: Bot {token}");
//! assert_eq!(redactor.redact(&echoed), "unknown header Authorization: Bot <redacted>");
//!
//! // Redacted, the text is 44 bytes; a cut at 40 would split the marker, which does not fit
//! // there, so the cut moves earlier and the marker stays whole.
//! assert_eq!(redactor.excerpt(&echoed, 40), "unknown header Authorization: <redacted>");
//! assert_eq!(REDACTED, "<redacted>");
//! # Ok::<(), invite_model::secret::TokenError>(())
//! ```

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// What every hidden secret is replaced with.
pub const REDACTED: &str = "<redacted>";

/// The longest token [`check_token`] accepts, in bytes. Discord bot tokens are about 72 bytes,
/// OAuth2 bearer tokens about 30; 512 leaves room for longer formats (signed tokens) while
/// keeping a pasted file or a whole header from being taken for a token.
pub const TOKEN_MAX_LEN: usize = 512;

/// The secrets to hide (usually one token) in text from the server.
///
/// [`redact`](Self::redact) replaces every occurrence of a secret with [`REDACTED`];
/// [`excerpt`](Self::excerpt) does that first and then cuts, masking any part of a secret left at
/// the cut, so an excerpt never shows a secret, whole or in part. `Debug` shows how many secrets
/// there are, never the secrets.
///
/// Matching is exact (case-sensitive bytes); empty secrets are ignored.
#[derive(Clone, Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

/// The redactor without secrets, lent by [`Response::new`](crate::wire::Response::new).
pub(crate) static NO_SECRETS: Redactor = Redactor::new();

impl Redactor {
    /// A redactor without secrets: text passes through unchanged (excerpts are still cut).
    pub const fn new() -> Self {
        Self {
            secrets: Vec::new(),
        }
    }

    /// This redactor, also hiding `secret` (an empty one is ignored).
    pub fn with_secret(mut self, secret: impl Into<String>) -> Self {
        self.add_secret(secret);
        self
    }

    /// Also hides `secret` (an empty one is ignored).
    pub fn add_secret(&mut self, secret: impl Into<String>) {
        let secret = secret.into();
        if !secret.is_empty() && !self.secrets.contains(&secret) {
            self.secrets.push(secret);
        }
    }

    /// How many secrets it hides.
    pub fn len(&self) -> usize {
        self.secrets.len()
    }

    /// Whether it hides nothing.
    pub fn is_empty(&self) -> bool {
        self.secrets.is_empty()
    }

    /// Whether `text` contains a secret.
    pub fn finds_secret_in(&self, text: &str) -> bool {
        self.secrets.iter().any(|s| text.contains(s.as_str()))
    }

    /// `text` with every occurrence of every secret replaced by [`REDACTED`] (overlapping or
    /// adjacent occurrences become one marker). Borrowed when there is nothing to hide.
    pub fn redact<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut covered = self.covered(text).peekable();
        if covered.peek().is_none() {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (start, end) in covered {
            out.push_str(text.get(last..start).unwrap_or_default());
            out.push_str(REDACTED);
            last = end;
        }
        out.push_str(text.get(last..).unwrap_or_default());
        Cow::Owned(out)
    }

    /// At most `max` bytes of `text`, safe to show: secrets are replaced first, then the text
    /// is cut on a character boundary, then any trailing part of a secret at the cut (a
    /// non-empty end of the kept text that begins a secret, or a [`REDACTED`] marker the cut
    /// would split) is replaced by one marker, still within `max` bytes. Text that fits is only
    /// redacted.
    pub fn excerpt(&self, text: &str, max: usize) -> String {
        self.clip(text, max, "", false)
    }

    /// [`excerpt`](Self::excerpt) of bytes, invalid UTF-8 replaced by `U+FFFD` (which counts
    /// as 3 bytes towards `max`). Only the start of `bytes` is decoded: about `max` bytes plus
    /// the longest secret, more only when secrets there shorten the text.
    pub fn excerpt_bytes(&self, bytes: &[u8], max: usize) -> String {
        self.clip_growing(max, "", |window| {
            let mut end = bytes.len().min(window);
            if end < bytes.len() {
                // Do not split a character: back up over (up to 3) continuation bytes.
                let mut backed = 0;
                while backed < 3 && end > 0 && bytes.get(end).is_some_and(|b| b & 0xC0 == 0x80) {
                    end -= 1;
                    backed += 1;
                }
            }
            let head = bytes.get(..end).unwrap_or_default();
            (String::from_utf8_lossy(head), end < bytes.len())
        })
    }

    /// [`excerpt`](Self::excerpt) of what `value` displays, without writing more of it than the
    /// excerpt needs (a `Display` that quotes a megabyte of the body costs a few hundred bytes).
    pub fn excerpt_display(&self, value: &dyn fmt::Display, max: usize) -> String {
        self.clip_growing(max, "", |window| {
            let mut w = Capped {
                text: String::new(),
                cap: window,
                more: false,
            };
            // `Capped` never fails; a failing `Display` leaves what it wrote so far.
            let _ = fmt::write(&mut w, format_args!("{value}"));
            (Cow::Owned(w.text), w.more)
        })
    }

    /// [`clip`](Self::clip) of the start of a text produced by `fill(window)` (the text cut to
    /// about `window` bytes, and whether it was cut), with a window that grows until the excerpt
    /// is as long as it can be.
    fn clip_growing<'t>(
        &self,
        max: usize,
        tail: &str,
        mut fill: impl FnMut(usize) -> (Cow<'t, str>, bool),
    ) -> String {
        let longest = self.secrets.iter().map(String::len).max().unwrap_or(0);
        let mut window = max
            .saturating_add(longest)
            .saturating_add(REDACTED.len() + 4);
        loop {
            let (text, more) = fill(window);
            let (out, short) = self.clip_inner(&text, max, tail, more);
            // `short`: the window ran out before the excerpt was full (secrets in it were
            // replaced by shorter markers); a larger window gives a longer excerpt.
            if !short || window == usize::MAX {
                return out;
            }
            window = window.saturating_mul(2);
        }
    }

    /// Redacts `text` and cuts it to at most `max` bytes (counting `tail`, which is appended
    /// when the text is cut), masking any part of a secret at the cut. `more`: `text` is only
    /// the start of a longer text, so its end is a cut too.
    pub(crate) fn clip(&self, text: &str, max: usize, tail: &str, more: bool) -> String {
        self.clip_inner(text, max, tail, more).0
    }

    /// [`clip`](Self::clip), and whether the redacted text ran out before filling the excerpt
    /// while `more` said there was more of it.
    fn clip_inner(&self, text: &str, max: usize, tail: &str, more: bool) -> (String, bool) {
        // Redact only as much as decides the excerpt: `max` bytes, plus a marker's length to
        // see whether the cut splits one.
        let need = max.saturating_add(REDACTED.len());
        // Room for `need` bytes and a character past it (a marker past it reallocates once).
        let mut out = String::with_capacity(text.len().min(need + 4));
        let mut complete = true;
        let mut last = 0;
        for (start, end) in self.covered(text) {
            if !push_capped(&mut out, text.get(last..start).unwrap_or_default(), need) {
                complete = false;
                break;
            }
            out.push_str(REDACTED);
            last = end;
            if out.len() >= need {
                complete = last == text.len();
                break;
            }
        }
        if complete && last < text.len() {
            complete = push_capped(&mut out, text.get(last..).unwrap_or_default(), need);
        }
        if complete && !more && out.len() <= max {
            return (out, false);
        }
        let short = complete && more && out.len() < need;
        let limit = max.saturating_sub(tail.len());
        let end = floor_boundary(&out, limit.min(out.len()));
        let partial = self.partial_at(&out, end);
        if partial == 0 {
            out.truncate(end);
        } else {
            let mut keep = end - partial;
            if keep + REDACTED.len() > limit {
                // No room for the marker: cut earlier, and look again at that cut.
                keep = floor_boundary(&out, limit.saturating_sub(REDACTED.len()).min(keep));
                keep -= self.partial_at(&out, keep);
            }
            out.truncate(keep);
            if keep + REDACTED.len() <= limit {
                out.push_str(REDACTED);
            }
        }
        out.push_str(tail);
        (out, short)
    }

    /// The length of the longest end of `text[..end]` to mask at a cut there: one that begins
    /// a secret (or is a whole one), or that begins a [`REDACTED`] marker the cut splits.
    fn partial_at(&self, text: &str, end: usize) -> usize {
        let bytes = text.as_bytes();
        let head = bytes.get(..end).unwrap_or_default();
        let mut longest = 0;
        for secret in &self.secrets {
            let s = secret.as_bytes();
            let Some(&first) = s.first() else { continue };
            let from = end - s.len().min(end);
            // The first (leftmost) start that works is the longest end for this secret.
            for start in from..end {
                if head[start] == first
                    && text.is_char_boundary(start)
                    && s.starts_with(&head[start..])
                {
                    longest = longest.max(end - start);
                    break;
                }
            }
        }
        let marker = REDACTED.as_bytes();
        for start in end.saturating_sub(marker.len() - 1)..end {
            if bytes
                .get(start..)
                .is_some_and(|rest| rest.starts_with(marker))
            {
                longest = longest.max(end - start);
                break;
            }
        }
        longest
    }

    /// The byte ranges of `text` covered by occurrences of the secrets, merged, in order.
    fn covered<'s, 't>(&'s self, text: &'t str) -> Covered<'s, 't> {
        let next = if self.secrets.is_empty() {
            Vec::new()
        } else {
            self.secrets.iter().map(|s| text.find(s.as_str())).collect()
        };
        Covered {
            secrets: &self.secrets,
            text,
            next,
            pending: None,
        }
    }
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Redactor")
            .field("secrets", &self.secrets.len())
            .finish()
    }
}

/// The merged ranges of occurrences: for each secret, where its next occurrence starts.
struct Covered<'s, 't> {
    secrets: &'s [String],
    text: &'t str,
    next: Vec<Option<usize>>,
    pending: Option<(usize, usize)>,
}

impl Iterator for Covered<'_, '_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            // The earliest next occurrence of any secret.
            let earliest = self
                .next
                .iter()
                .enumerate()
                .filter_map(|(i, at)| at.map(|at| (at, i)))
                .min();
            let Some((start, i)) = earliest else {
                return self.pending.take();
            };
            let len = self.secrets[i].len();
            let end = start + len;
            // Look for the next occurrence of this secret from the next character on, so that
            // overlapping occurrences are found too.
            let step = self
                .text
                .get(start..)
                .and_then(|rest| rest.chars().next())
                .map_or(1, char::len_utf8);
            let from = start + step;
            self.next[i] = self
                .text
                .get(from..)
                .and_then(|rest| rest.find(self.secrets[i].as_str()))
                .map(|at| at + from);
            match &mut self.pending {
                Some((_, pending_end)) if start <= *pending_end => {
                    *pending_end = (*pending_end).max(end);
                }
                pending => {
                    if let Some(done) = pending.replace((start, end)) {
                        return Some(done);
                    }
                }
            }
        }
    }
}

/// Appends `piece` to `out` up to `need` bytes in all (rounded up to a character boundary);
/// whether all of it fit.
fn push_capped(out: &mut String, piece: &str, need: usize) -> bool {
    let room = need.saturating_sub(out.len());
    if piece.len() <= room {
        out.push_str(piece);
        return true;
    }
    let mut cut = room;
    while !piece.is_char_boundary(cut) {
        cut += 1;
    }
    out.push_str(piece.get(..cut).unwrap_or_default());
    false
}

/// The largest character boundary of `text` at or below `at`.
pub(crate) fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A `fmt::Write` keeping the first `cap` bytes (rounded up to a character boundary).
struct Capped {
    text: String,
    cap: usize,
    more: bool,
}

impl fmt::Write for Capped {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if !self.more && !push_capped(&mut self.text, s, self.cap) {
            self.more = true;
        }
        Ok(())
    }
}

/// Why a string is not a token. The token itself is never part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenError {
    /// The token is empty.
    Empty,
    /// The token is longer than [`TOKEN_MAX_LEN`].
    TooLong {
        /// Its length, in bytes.
        len: usize,
    },
    /// The token has a character outside `A-Z a-z 0-9 . _ -`.
    BadCharacter {
        /// The byte offset of the character.
        position: usize,
        /// What kind of character it is.
        kind: BadTokenChar,
    },
}

/// The kind of a character a token may not contain (the character itself is not kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BadTokenChar {
    /// A space, tab or line break (often a `Bot ` prefix or a trailing newline pasted along).
    Whitespace,
    /// Another control character.
    Control,
    /// `"` or `\`, which JSON output would escape.
    QuoteOrBackslash,
    /// Any other ASCII punctuation.
    Punctuation,
    /// A character outside ASCII.
    NonAscii,
}

impl BadTokenChar {
    fn of(c: char) -> Self {
        if c.is_whitespace() {
            Self::Whitespace
        } else if c.is_control() {
            Self::Control
        } else if c == '"' || c == '\\' {
            Self::QuoteOrBackslash
        } else if c.is_ascii() {
            Self::Punctuation
        } else {
            Self::NonAscii
        }
    }
}

impl fmt::Display for BadTokenChar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Whitespace => "whitespace",
            Self::Control => "a control character",
            Self::QuoteOrBackslash => "a quote or backslash",
            Self::Punctuation => "punctuation",
            Self::NonAscii => "a non-ASCII character",
        })
    }
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the token is empty"),
            Self::TooLong { len } => write!(
                f,
                "the token is {len} bytes long, more than the {TOKEN_MAX_LEN} accepted"
            ),
            Self::BadCharacter { position, kind } => write!(
                f,
                "the token has {kind} at byte {position}; tokens are made of A-Z, a-z, 0-9, '.', '_' and '-'"
            ),
        }
    }
}

impl core::error::Error for TokenError {}

/// Whether `b` may appear in a token: `A-Z a-z 0-9 . _ -`.
pub const fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-')
}

/// Checks that `token` can be a Discord or Fluxer token: 1 to [`TOKEN_MAX_LEN`] bytes of
/// `A-Z a-z 0-9 . _ -`. Such a token reads the same in every output (JSON escapes none of its
/// characters), so the [`Redactor`] finds it wherever it is echoed. The error says what is wrong
/// and where, never what the token is.
///
/// ```
/// use invite_model::secret::{BadTokenChar, TokenError, check_token};
/// assert!(check_token("abc.DEF_123-x").is_ok());
/// assert_eq!(check_token(""), Err(TokenError::Empty));
/// let err = check_token("Bot abc").unwrap_err();
/// assert_eq!(err, TokenError::BadCharacter { position: 3, kind: BadTokenChar::Whitespace });
/// assert_eq!(
///     err.to_string(),
///     "the token has whitespace at byte 3; tokens are made of A-Z, a-z, 0-9, '.', '_' and '-'"
/// );
/// assert!(!check_token("ab\"c").unwrap_err().to_string().contains("ab"));
/// ```
pub fn check_token(token: &str) -> Result<(), TokenError> {
    if token.is_empty() {
        return Err(TokenError::Empty);
    }
    if token.len() > TOKEN_MAX_LEN {
        return Err(TokenError::TooLong { len: token.len() });
    }
    match token
        .char_indices()
        .find(|&(_, c)| u8::try_from(c).map_or(true, |b| !is_token_byte(b)))
    {
        Some((position, c)) => Err(TokenError::BadCharacter {
            position,
            kind: BadTokenChar::of(c),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::ToString;
    use proptest::prelude::*;

    const TOKEN: &str = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs";

    fn one() -> Redactor {
        Redactor::new().with_secret(TOKEN)
    }

    #[test]
    fn debug_shows_only_the_count() {
        let r = one()
            .with_secret("other")
            .with_secret("")
            .with_secret(TOKEN);
        assert_eq!(r.len(), 2);
        let debug = format!("{r:?}");
        assert_eq!(debug, "Redactor { secrets: 2 }");
        assert!(!debug.contains("MTk") && !debug.contains("other"));
        assert!(Redactor::new().is_empty());
        assert!(NO_SECRETS.is_empty());
    }

    #[test]
    fn redact_replaces_every_occurrence() {
        let r = one();
        assert!(matches!(r.redact("nothing"), Cow::Borrowed("nothing")));
        assert_eq!(
            r.redact(&format!("a {TOKEN} b {TOKEN}{TOKEN}")),
            "a <redacted> b <redacted>"
        );
        assert!(r.finds_secret_in(&format!("x{TOKEN}")));
        assert!(!r.finds_secret_in("x"));
        // Overlapping occurrences (of one secret, or of two) become one marker, leaving no part.
        let r = Redactor::new().with_secret("abab");
        assert_eq!(r.redact("xababab y"), "x<redacted> y");
        let r = Redactor::new().with_secret("abcdef").with_secret("defghi");
        assert_eq!(r.redact("1abcdefghi2 defghi"), "1<redacted>2 <redacted>");
        assert_eq!(Redactor::new().redact("same"), "same");
        // Non-ASCII around and inside secrets.
        let r = Redactor::new().with_secret("é€");
        assert_eq!(r.redact("aé€é€b€"), "a<redacted>b€");
    }

    #[test]
    fn excerpt_scrubs_before_cutting() {
        let r = one();
        // The old order (cut at 256, then scrub) left most of a token placed across byte 256.
        let mut body = "x".repeat(230);
        body.push_str(TOKEN);
        body.push_str(&"y".repeat(100));
        let ex = r.excerpt(&body, 256);
        assert!(ex.len() <= 256);
        assert_eq!(
            ex,
            format!("{}<redacted>{}", "x".repeat(230), "y".repeat(16))
        );
        assert_no_part_of(TOKEN, &ex);
        // Text that fits is redacted only.
        assert_eq!(r.excerpt("short", 256), "short");
        assert_eq!(r.excerpt(&format!("a{TOKEN}b"), 256), "a<redacted>b");
    }

    #[test]
    fn excerpt_masks_a_partial_secret_at_the_cut() {
        // The text ends in the token's first 20 bytes; the whole token is not there, so
        // redaction alone would leave the 20 bytes, which the cut then shows.
        let r = one();
        let text = format!("{}{}Q", "x".repeat(100), &TOKEN[..20]);
        let ex = r.excerpt(&text, 120);
        assert_eq!(ex, format!("{}<redacted>", "x".repeat(100)));
        // No room for the marker at the cut: cut earlier.
        let text = format!("{}{}Q", "x".repeat(115), &TOKEN[..5]);
        let ex = r.excerpt(&text, 120);
        assert_eq!(ex, format!("{}<redacted>", "x".repeat(110)));
        assert!(ex.len() <= 120);
        // A cut that would split a marker keeps the marker whole (or drops it).
        let text = format!("{}{TOKEN}tail", "x".repeat(115));
        let ex = r.excerpt(&text, 120);
        assert_eq!(ex, format!("{}<redacted>", "x".repeat(110)));
        // Tiny maximums still hold.
        assert_eq!(r.excerpt(&text, 3), "xxx");
        assert_eq!(r.excerpt(TOKEN, 5), "");
        assert_eq!(r.excerpt(TOKEN, 0), "");
        // Characters are never split.
        let r = Redactor::new();
        assert_eq!(r.excerpt("aé", 2), "a");
        assert_eq!(r.excerpt_bytes("aé".as_bytes(), 2), "a");
        assert_eq!(r.excerpt_bytes(b"ok\xff", 256), "ok\u{fffd}");
    }

    #[test]
    fn excerpt_of_text_made_of_secrets() {
        // A body that is the token again and again: the window grows until the excerpt is
        // full, and every copy is one marker.
        let r = one();
        let body = format!("{}end", TOKEN.repeat(50));
        assert_eq!(r.excerpt_bytes(body.as_bytes(), 256), "<redacted>end");
        let body = format!("{} {}", TOKEN.repeat(50), "z".repeat(400));
        let ex = r.excerpt_bytes(body.as_bytes(), 256);
        assert_eq!(ex, format!("<redacted> {}", "z".repeat(245)));
    }

    #[test]
    fn excerpt_display_writes_only_what_it_needs() {
        struct Huge;
        impl fmt::Display for Huge {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                for _ in 0..100_000 {
                    f.write_str("0123456789")?;
                }
                Ok(())
            }
        }
        let ex = Redactor::new().excerpt_display(&Huge, 25);
        assert_eq!(ex, "0123456789012345678901234");
        let r = Redactor::new().with_secret("345");
        // The cut at 25 would split the second marker, which does not fit: cut earlier.
        assert_eq!(r.excerpt_display(&Huge, 25), "012<redacted>67<redacted>");
        assert_eq!(r.excerpt_display(&"ab", 25), "ab");
    }

    #[test]
    fn clip_appends_the_tail_within_the_maximum() {
        let r = Redactor::new();
        assert_eq!(r.clip("abcdef", 5, "…", false), "ab…");
        assert_eq!(r.clip("abc", 5, "…", false), "abc");
        assert_eq!(r.clip("abc", 5, "…", true), "ab…");
    }

    #[test]
    fn tokens() {
        assert_eq!(check_token(TOKEN), Ok(()));
        assert_eq!(check_token(&"a".repeat(TOKEN_MAX_LEN)), Ok(()));
        assert_eq!(
            check_token(&"a".repeat(TOKEN_MAX_LEN + 1)),
            Err(TokenError::TooLong {
                len: TOKEN_MAX_LEN + 1
            })
        );
        for (token, position, kind) in [
            ("abc\n", 3, BadTokenChar::Whitespace),
            ("a\u{7}", 1, BadTokenChar::Control),
            ("a\\b", 1, BadTokenChar::QuoteOrBackslash),
            ("ab\"", 2, BadTokenChar::QuoteOrBackslash),
            ("a+b", 1, BadTokenChar::Punctuation),
            ("aé", 1, BadTokenChar::NonAscii),
            ("a\u{202e}b", 1, BadTokenChar::NonAscii),
        ] {
            let err = check_token(token).unwrap_err();
            assert_eq!(
                err,
                TokenError::BadCharacter { position, kind },
                "{token:?}"
            );
            let shown = err.to_string();
            assert!(!shown.contains(token), "{shown}");
        }
        assert_eq!(
            TokenError::TooLong { len: 600 }.to_string(),
            "the token is 600 bytes long, more than the 512 accepted"
        );
        assert!(is_token_byte(b'-') && !is_token_byte(b' '));
    }

    /// Whether any 8 consecutive bytes of `secret` appear in `text`.
    fn assert_no_part_of(secret: &str, text: &str) {
        for window in secret.as_bytes().windows(8) {
            let part = core::str::from_utf8(window).unwrap();
            assert!(
                !text.contains(part),
                "{part:?} of the secret is in {text:?}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Wherever the token sits, whatever the maximum: the excerpt is within the maximum, is
        /// the redacted text or a cut of it, and a cut leaves no beginning of the token at its
        /// end (it is masked by a marker instead). A text holding the whole token shows no 8
        /// bytes of it.
        #[test]
        fn excerpts_never_show_the_token(
            before in "[a-zA-Z0-9 é]{0,80}",
            after in "[a-zA-Z0-9 é]{0,80}",
            cut in 0usize..200,
            max in 0usize..160,
        ) {
            let cut = floor_boundary(TOKEN, cut.min(TOKEN.len()));
            let r = one();
            let whole = format!("{before}{TOKEN}{after}");
            // Only the token's start: the body ends, or goes on differently, inside it.
            let ends = format!("{before}{}", &TOKEN[..cut]);
            let diverges = format!("{before}{}#{after}", &TOKEN[..cut]);
            for text in [&whole, &ends, &diverges] {
                let redacted = r.redact(text);
                for ex in [r.excerpt(text, max), r.excerpt_bytes(text.as_bytes(), max)] {
                    prop_assert!(ex.len() <= max);
                    if ex == redacted {
                        continue;
                    }
                    if redacted.starts_with(ex.as_str()) {
                        prop_assert_eq!(r.partial_at(&ex, ex.len()), 0, "{:?}", ex);
                    } else {
                        let head = ex.strip_suffix(REDACTED);
                        prop_assert!(head.is_some_and(|h| redacted.starts_with(h)), "{:?}", ex);
                    }
                }
            }
            assert_no_part_of(TOKEN, &r.excerpt(&whole, max));
            assert_no_part_of(TOKEN, &r.excerpt_bytes(whole.as_bytes(), max));
        }
    }
}
