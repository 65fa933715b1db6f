//! [`Io`]: where commands write, with the token removed from everything written.

use std::borrow::Cow;
use std::io::Write;
use std::sync::Arc;

/// Replaces the token with `<redacted>` in text about to be printed.
///
/// The client never puts the token in its errors or log lines, and the commands never print
/// it; this is the last line of defence (a server that echoes the token back in a field, say).
#[derive(Debug, Clone, Default)]
pub(crate) struct Redactor(Option<Arc<str>>);

impl Redactor {
    /// Redacts `secret` (nothing when it is empty).
    pub(crate) fn new(secret: Option<&str>) -> Self {
        Self(secret.filter(|s| !s.is_empty()).map(Arc::from))
    }

    /// `text` with every occurrence of the secret replaced.
    pub(crate) fn clean<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match &self.0 {
            Some(secret) if text.contains(&**secret) => {
                Cow::Owned(text.replace(&**secret, "<redacted>"))
            }
            _ => Cow::Borrowed(text),
        }
    }
}

/// Standard output and standard error, redacted; progress lines only on a terminal.
///
/// Write errors (a closed pipe) are ignored: the command's exit code still tells what happened.
pub(crate) struct Io<'a> {
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    err_is_terminal: bool,
    progress_shown: bool,
    redactor: Redactor,
}

impl<'a> Io<'a> {
    /// Writes to `out` and `err`; progress is shown only if `err_is_terminal`.
    pub(crate) fn new(
        out: &'a mut dyn Write,
        err: &'a mut dyn Write,
        err_is_terminal: bool,
    ) -> Self {
        Self {
            out,
            err,
            err_is_terminal,
            progress_shown: false,
            redactor: Redactor::default(),
        }
    }

    /// From now on, removes this secret from everything written.
    pub(crate) fn set_redactor(&mut self, redactor: Redactor) {
        self.redactor = redactor;
    }

    /// Prints `text` and a line break on standard output.
    pub(crate) fn out(&mut self, text: &str) {
        self.clear_progress();
        let text = self.redactor.clean(text);
        let _ = writeln!(self.out, "{text}");
        let _ = self.out.flush();
    }

    /// Prints `text` as it is (no line break added) on standard output.
    pub(crate) fn out_raw(&mut self, text: &str) {
        self.clear_progress();
        let text = self.redactor.clean(text);
        let _ = self.out.write_all(text.as_bytes());
        let _ = self.out.flush();
    }

    /// Prints `text` and a line break on standard error.
    pub(crate) fn err(&mut self, text: &str) {
        self.clear_progress();
        let text = self.redactor.clean(text);
        let _ = writeln!(self.err, "{text}");
        let _ = self.err.flush();
    }

    /// Shows a one-line progress message on standard error, replacing the previous one; does
    /// nothing unless standard error is a terminal.
    pub(crate) fn progress(&mut self, text: &str) {
        if !self.err_is_terminal {
            return;
        }
        let text = self.redactor.clean(text);
        // Carriage return, then erase the line.
        let _ = write!(self.err, "\r\x1b[2K{text}");
        let _ = self.err.flush();
        self.progress_shown = true;
    }

    /// Erases the progress line, if one is shown.
    pub(crate) fn clear_progress(&mut self) {
        if self.progress_shown {
            let _ = write!(self.err, "\r\x1b[2K");
            let _ = self.err.flush();
            self.progress_shown = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_the_secret_everywhere() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut io = Io::new(&mut out, &mut err, false);
        io.out("before");
        io.set_redactor(Redactor::new(Some("s3cr3t")));
        io.out("a s3cr3t b s3cr3t");
        io.out_raw("raw s3cr3t\n");
        io.err("error: s3cr3t");
        io.progress("s3cr3t");
        drop(io);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "before\na <redacted> b <redacted>\nraw <redacted>\n"
        );
        assert_eq!(String::from_utf8(err).unwrap(), "error: <redacted>\n");
        assert_eq!(Redactor::new(Some("")).clean("x"), "x");
        assert_eq!(Redactor::new(None).clean("x"), "x");
    }

    #[test]
    fn progress_only_on_a_terminal_and_cleared_before_output() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut io = Io::new(&mut out, &mut err, true);
        io.progress("1/2");
        io.progress("2/2");
        io.out("done");
        io.err("note");
        drop(io);
        assert_eq!(String::from_utf8(out).unwrap(), "done\n");
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "\r\x1b[2K1/2\r\x1b[2K2/2\r\x1b[2Knote\n"
        );
    }
}
