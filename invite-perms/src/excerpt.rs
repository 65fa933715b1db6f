//! [`Excerpt`]: an inline copy of a rejected piece of input, so that errors need no allocator.

use core::fmt;

/// Capacity of [`Excerpt`], in bytes.
const EXCERPT_CAP: usize = 48;

/// A copy of the item that failed to parse, kept inline so that the error needs no allocator
/// and borrows nothing. Items longer than 48 bytes are cut at a character boundary;
/// `Display` then ends with `…`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Excerpt {
    buf: [u8; EXCERPT_CAP],
    len: u8,
    truncated: bool,
}

impl Excerpt {
    pub(crate) fn new(item: &str) -> Self {
        let mut len = item.len().min(EXCERPT_CAP);
        while !item.is_char_boundary(len) {
            len -= 1;
        }
        let mut buf = [0; EXCERPT_CAP];
        let kept = item.as_bytes().get(..len).unwrap_or_default();
        if let Some(dst) = buf.get_mut(..len) {
            dst.copy_from_slice(kept);
        }
        Self {
            buf,
            len: len as u8,
            truncated: len < item.len(),
        }
    }

    /// The item's text (its first 48 bytes at most).
    pub fn as_str(&self) -> &str {
        let bytes = self.buf.get(..usize::from(self.len)).unwrap_or_default();
        core::str::from_utf8(bytes).unwrap_or_default()
    }

    /// Whether the item was longer than what is kept.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }
}

impl fmt::Display for Excerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())?;
        if self.truncated {
            f.write_str("…")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Excerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)?;
        if self.truncated {
            f.write_str("…")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;

    #[test]
    fn short_items_are_kept_whole() {
        let e = Excerpt::new("kik");
        assert_eq!(e.as_str(), "kik");
        assert!(!e.is_truncated());
        assert_eq!(std::format!("{e:?}"), "\"kik\"");
        assert_eq!(std::format!("{e}"), "kik");
    }

    #[test]
    fn long_items_are_cut_at_a_character_boundary() {
        let excerpt = Excerpt::new(&"é".repeat(30));
        assert_eq!(excerpt.as_str(), "é".repeat(24));
        assert!(excerpt.is_truncated());
        assert_eq!(
            std::format!("{excerpt}"),
            std::format!("{}…", "é".repeat(24))
        );
        let ascii = Excerpt::new(&"a".repeat(49));
        assert_eq!(ascii.as_str().len(), 48);
        assert_eq!(
            std::format!("{ascii:?}"),
            std::format!("{:?}…", "a".repeat(48))
        );
    }
}
