//! Text from the network, made safe to print on a terminal: [`escape`] and [`Escaped`].
//!
//! A guild name, a username or an API error message is whatever the server (or someone who named
//! a guild) chose. Printed as it is, `ESC ] 0 ; title BEL` retitles the terminal window,
//! `ESC [ 2 J` clears the screen, a backspace or carriage return overwrites what was printed
//! before, and a right-to-left override makes `deleted abc` display as something else. This
//! module is the one rule for such text: every character in [`needs_escape`] is written as a
//! visible escape, everything else as it is.
//!
//! | characters | written as |
//! |---|---|
//! | tab, line feed, carriage return | `\t`, `\n`, `\r` |
//! | the other C0 controls (U+0000 to U+001F), DEL (U+007F), the C1 controls (U+0080 to U+009F) | `\u{1b}`, `\u{7f}`, `\u{9b}` |
//! | bidirectional controls: U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069 | `\u{202e}` |
//! | invisible format characters: U+200B (zero width space), U+2028, U+2029 (line and paragraph separators), U+2060 to U+2064, U+206A to U+206F, U+FEFF, U+FFF9 to U+FFFB, U+E0001 | `\u{feff}` |
//! | everything else (letters, emoji, the zero width joiner U+200D and non-joiner U+200C, which emoji sequences and Persian need) | itself |
//!
//! Line breaks are escaped too, so one value stays on one line and cannot forge a line of the
//! output. A backslash is not escaped: the result is for reading, not for parsing back (a name
//! that contains the six characters `\u{1b}` looks like an escaped ESC). Escaping text that was
//! already escaped changes nothing.
//!
//! JSON output must stay exact JSON, so it gets its own, smaller rule, [`escape_json`]: a JSON
//! encoder already writes the C0 controls as `\u001b`, but JSON allows DEL and the C1 controls
//! raw, and some terminals act on C1 (U+009B is an 8-bit CSI). [`escape_json`] writes those as
//! `\u009b`, which is the same JSON value; bidirectional and other invisible characters stay as
//! they are, since a JSON consumer wants the text unchanged.
//!
//! No allocation: [`Escaped`] writes through [`core::fmt::Display`], in runs of unchanged text.
//!
//! ```
//! use invite_model::terminal::{escape, is_clean};
//!
//! let name = "guild\u{1b}]0;owned\u{7}\u{202e}evil";
//! assert_eq!(escape(name).to_string(), r"guild\u{1b}]0;owned\u{7}\u{202e}evil");
//! assert!(!is_clean(name));
//! assert_eq!(escape("Café 🎉").to_string(), "Café 🎉");
//! assert_eq!(escape("two\nlines").to_string(), r"two\nlines");
//! ```

use core::fmt;

/// Whether `c` is written as an escape: a C0 or C1 control, DEL, a bidirectional control or one
/// of the invisible format characters listed in the [module docs](self).
pub const fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200b}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e0001}'
    )
}

/// Whether `text` prints as it is (no character in it [needs an escape](needs_escape)).
pub fn is_clean(text: &str) -> bool {
    !text.chars().any(needs_escape)
}

/// `text`, to be printed with its control, bidirectional and invisible format characters
/// escaped.
pub const fn escape(text: &str) -> Escaped<'_> {
    Escaped(text)
}

/// Text that displays with every character in [`needs_escape`] written as a visible escape
/// (`\n`, `\u{1b}`); made by [`escape`]. `Debug` shows the escaped text in quotes. Width, fill
/// and precision are ignored: to align a column, pad the escaped `String`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Escaped<'a>(&'a str);

impl<'a> Escaped<'a> {
    /// The text as it was given, unescaped.
    pub const fn raw(self) -> &'a str {
        self.0
    }
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        let mut clean_from = 0;
        for (at, c) in text.char_indices() {
            if !needs_escape(c) {
                continue;
            }
            f.write_str(&text[clean_from..at])?;
            match c {
                '\t' => f.write_str("\\t")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                _ => write!(f, "\\u{{{:x}}}", u32::from(c))?,
            }
            clean_from = at + c.len_utf8();
        }
        f.write_str(&text[clean_from..])
    }
}

/// JSON text (already encoded) with DEL and the C1 controls (U+007F to U+009F) written as
/// `\u007f` to `\u009f` escapes; see the [module docs](self). Those characters can only occur
/// inside JSON strings, where the escape means the same character, so valid JSON stays valid
/// and decodes to the same value.
///
/// ```
/// use invite_model::terminal::escape_json;
/// assert_eq!(escape_json("{\"a\":\"x\u{9b}2J\u{202e}\"}").to_string(), "{\"a\":\"x\\u009b2J\u{202e}\"}");
/// ```
pub const fn escape_json(json: &str) -> JsonEscaped<'_> {
    JsonEscaped(json)
}

/// JSON text that displays with DEL and the C1 controls escaped; made by [`escape_json`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct JsonEscaped<'a>(&'a str);

impl fmt::Display for JsonEscaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        let mut clean_from = 0;
        for (at, c) in text.char_indices() {
            if matches!(c, '\u{7f}'..='\u{9f}') {
                f.write_str(&text[clean_from..at])?;
                write!(f, "\\u{:04x}", u32::from(c))?;
                clean_from = at + c.len_utf8();
            }
        }
        f.write_str(&text[clean_from..])
    }
}

impl fmt::Debug for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\"")
    }
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::{String, ToString};

    use proptest::prelude::*;

    use super::*;

    fn esc(text: &str) -> String {
        escape(text).to_string()
    }

    /// Reads the escapes back (only for text that had no backslash).
    fn unescape(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find('\\') {
            out.push_str(&rest[..at]);
            let tail = &rest[at + 1..];
            let (c, used) = match tail.as_bytes().first() {
                Some(b't') => ('\t', 1),
                Some(b'n') => ('\n', 1),
                Some(b'r') => ('\r', 1),
                _ => {
                    let end = tail.find('}').expect("a closing brace");
                    let code = u32::from_str_radix(&tail[2..end], 16).expect("hex");
                    (char::from_u32(code).expect("a char"), end + 1)
                }
            };
            out.push(c);
            rest = &tail[used..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn terminal_sequences_are_made_visible() {
        // OSC retitle, CSI clear screen, backspaces, carriage return, bell.
        assert_eq!(
            esc("\u{1b}]0;pwned\u{7}\u{1b}[2Jname\u{8}\u{8}\rX"),
            r"\u{1b}]0;pwned\u{7}\u{1b}[2Jname\u{8}\u{8}\rX"
        );
        assert_eq!(esc("a\tb\nc\r\n"), r"a\tb\nc\r\n");
        assert_eq!(esc("\0"), r"\u{0}");
        assert_eq!(esc("\u{7f}"), r"\u{7f}");
        // C1: CSI (U+009B) and OSC (U+009D) act like ESC [ and ESC ] on some terminals.
        assert_eq!(esc("\u{9b}2J\u{9d}0;x\u{9c}"), r"\u{9b}2J\u{9d}0;x\u{9c}");
        assert_eq!(esc("\u{80}\u{9f}\u{a0}"), "\\u{80}\\u{9f}\u{a0}");
    }

    #[test]
    fn bidi_and_invisible_characters_are_made_visible() {
        assert_eq!(esc("abc\u{202e}fed"), r"abc\u{202e}fed");
        for c in [
            '\u{61c}',
            '\u{200e}',
            '\u{200f}',
            '\u{202a}',
            '\u{202b}',
            '\u{202c}',
            '\u{202d}',
            '\u{202e}',
            '\u{2066}',
            '\u{2067}',
            '\u{2068}',
            '\u{2069}',
            '\u{200b}',
            '\u{2028}',
            '\u{2029}',
            '\u{2060}',
            '\u{2064}',
            '\u{206a}',
            '\u{206f}',
            '\u{feff}',
            '\u{fff9}',
            '\u{fffb}',
            '\u{e0001}',
        ] {
            assert!(needs_escape(c), "{:x}", u32::from(c));
            assert_eq!(esc(&c.to_string()), format!("\\u{{{:x}}}", u32::from(c)));
        }
    }

    #[test]
    fn ordinary_text_is_unchanged() {
        for text in [
            "",
            "Alien Network",
            "Café ñ 漢字 Ελληνικά עברית العربية",
            // Emoji sequences joined by ZWJ (U+200D) and a variation selector.
            "👨\u{200d}👩\u{200d}👧 ❤\u{fe0f}",
            // The Scotland flag is a tag sequence; its tags (other than U+E0001) stay.
            "\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
            // Persian uses the zero width non-joiner.
            "می\u{200c}خواهم",
            r"back\slash and \u{1b} as text",
            "no\u{a0}break space",
        ] {
            assert!(is_clean(text), "{text:?}");
            assert_eq!(esc(text), text);
        }
        for c in [
            '\u{200c}', '\u{200d}', '\u{a0}', ' ', '~', '\u{2065}', '\u{fffc}',
        ] {
            assert!(!needs_escape(c), "{:x}", u32::from(c));
        }
    }

    #[test]
    fn accessors_and_debug() {
        let e = escape("a\u{1b}b");
        assert_eq!(e.raw(), "a\u{1b}b");
        assert_eq!(format!("{e:?}"), r#""a\u{1b}b""#);
        // Written in pieces, so width and fill are not applied: callers pad the escaped string.
        assert_eq!(format!("[{:>3}]", escape("x")), "[x]");
    }

    #[test]
    fn json_keeps_its_value_and_loses_its_c1_controls() {
        let value = "\u{1b}]0;t\u{7} \u{7f}\u{80}\u{9b}2J\u{9f}\u{a0} \u{202e}é";
        let json = serde_json::to_string(&serde_json::json!({ "name": value })).unwrap();
        // serde_json escapes C0 only.
        assert!(json.contains('\u{9b}'));
        let safe = escape_json(&json).to_string();
        assert_eq!(
            safe,
            "{\"name\":\"\\u001b]0;t\\u0007 \\u007f\\u0080\\u009b2J\\u009f\u{a0} \u{202e}é\"}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], value);
        assert_eq!(escape_json("[1,2]").to_string(), "[1,2]");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn escaped_json_is_the_same_value(text in any::<String>()) {
            let json = serde_json::to_string(&text).unwrap();
            let safe = escape_json(&json).to_string();
            prop_assert!(!safe.chars().any(char::is_control), "{safe:?}");
            prop_assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), text);
        }

        #[test]
        fn output_is_always_clean_and_escaping_is_idempotent(text in any::<String>()) {
            let once = esc(&text);
            prop_assert!(is_clean(&once), "{once:?}");
            prop_assert_eq!(esc(&once), once.clone());
        }

        #[test]
        fn nothing_is_lost(text in any::<String>()) {
            // Without backslashes in the input, the escapes can be read back unambiguously.
            let text = text.replace('\\', "/");
            prop_assert_eq!(unescape(&esc(&text)), text);
        }

        #[test]
        fn clean_text_is_written_as_it_is(text in "[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]*") {
            prop_assert_eq!(esc(&text), text);
        }

        #[test]
        fn every_control_character_is_escaped(c in any::<char>()) {
            let text = c.to_string();
            if c.is_control() {
                prop_assert!(needs_escape(c));
                prop_assert_ne!(esc(&text), text);
            }
        }
    }
}
