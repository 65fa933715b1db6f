//! [`Io`]: where commands write, with the token removed from everything written, and server
//! text made harmless to the terminal.
//!
//! The token is removed by the model's [`Redactor`] (the client never puts it in its errors or
//! log lines, and the commands never print it; this is the last line of defence, against a
//! server that echoes the token back in a field, say).
//!
//! Human output goes through `invite_model::terminal::escape`: control characters (ESC, BEL,
//! backspace, carriage return, line feed), bidirectional overrides and invisible format
//! characters from a guild name or an API error message are printed as visible escapes such as
//! `\u{1b}`, so they can neither retitle nor clear the terminal, nor forge a line. JSON output
//! ([`Io::json`]) stays exact JSON: the encoder escapes the C0 controls, and
//! `invite_model::terminal::escape_json` writes DEL and the C1 controls as `\u009b` (the same
//! value); bidirectional characters stay as they are.

use std::io::Write;

use invite_model::Redactor;
use invite_model::terminal::{escape, escape_json};

/// Standard output and standard error, redacted and (except JSON) escaped for the terminal;
/// progress lines only on a terminal.
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
            redactor: Redactor::new(),
        }
    }

    /// From now on, removes the secrets of `redactor` from everything written.
    pub(crate) fn set_redactor(&mut self, redactor: Redactor) {
        self.redactor = redactor;
    }

    /// Prints `text` as one line of human output on standard output: every control character
    /// in it, a line break included, is escaped.
    pub(crate) fn out(&mut self, text: &str) {
        self.clear_progress();
        let text = self.redactor.redact(text);
        let _ = writeln!(self.out, "{}", escape(&text));
        let _ = self.out.flush();
    }

    /// Prints `text`, lines of human output each ending in a line break, on standard output:
    /// the line breaks are kept and everything else is escaped line by line. Server text in
    /// the lines should be escaped where it is put in (so that its own line breaks show).
    pub(crate) fn out_lines(&mut self, text: &str) {
        self.clear_progress();
        let text = self.redactor.redact(text);
        for line in text.split_inclusive('\n') {
            let (line, end) = match line.strip_suffix('\n') {
                Some(line) => (line, "\n"),
                None => (line, ""),
            };
            let _ = write!(self.out, "{}{end}", escape(line));
        }
        let _ = self.out.flush();
    }

    /// Prints one line of JSON (and a line break) on standard output: the same JSON, with DEL
    /// and the C1 controls written as escapes.
    pub(crate) fn json(&mut self, line: &str) {
        self.clear_progress();
        let line = self.redactor.redact(line);
        let _ = writeln!(self.out, "{}", escape_json(&line));
        let _ = self.out.flush();
    }

    /// Prints `text` as one line on standard error, escaped as [`out`](Self::out) does.
    pub(crate) fn err(&mut self, text: &str) {
        self.clear_progress();
        let text = self.redactor.redact(text);
        let _ = writeln!(self.err, "{}", escape(&text));
        let _ = self.err.flush();
    }

    /// Prints one line of JSON on standard error (a failure's object, `--json`), redacted and
    /// escaped as [`json`](Self::json) does.
    pub(crate) fn err_json(&mut self, line: &str) {
        self.clear_progress();
        let line = self.redactor.redact(line);
        let _ = writeln!(self.err, "{}", escape_json(&line));
        let _ = self.err.flush();
    }

    /// Shows a one-line progress message on standard error, replacing the previous one; does
    /// nothing unless standard error is a terminal.
    pub(crate) fn progress(&mut self, text: &str) {
        if !self.err_is_terminal {
            return;
        }
        let text = self.redactor.redact(text);
        // Carriage return, then erase the line.
        let _ = write!(self.err, "\r\x1b[2K{}", escape(&text));
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
        io.set_redactor(Redactor::new().with_secret("s3cr3t"));
        io.out("a s3cr3t b s3cr3t");
        io.out_lines("lines s3cr3t\n");
        io.json(r#"{"a":"s3cr3t"}"#);
        io.err("error: s3cr3t");
        io.err_json(r#"{"message":"s3cr3t"}"#);
        io.progress("s3cr3t");
        drop(io);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "before\na <redacted> b <redacted>\nlines <redacted>\n{\"a\":\"<redacted>\"}\n"
        );
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "error: <redacted>\n{\"message\":\"<redacted>\"}\n"
        );
    }

    #[test]
    fn human_output_is_escaped_and_json_is_exact() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut io = Io::new(&mut out, &mut err, true);
        io.out("name\u{1b}]0;owned\u{7} two\nlines");
        io.out_lines("a: \u{1b}[2J\nb: \u{202e}x\r\nno end\u{8}");
        io.json("{\"name\":\"\\u001b\u{202e}\u{9b}\"}");
        io.err("error: \u{9b}31m\n");
        io.err_json("{\"message\":\"\u{9b}\"}");
        io.progress("1/2 \u{1b}[2J");
        drop(io);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "name\\u{1b}]0;owned\\u{7} two\\nlines\n\
             a: \\u{1b}[2J\nb: \\u{202e}x\\r\nno end\\u{8}\
             {\"name\":\"\\u001b\u{202e}\\u009b\"}\n"
        );
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "error: \\u{9b}31m\\n\n{\"message\":\"\\u009b\"}\n\r\x1b[2K1/2 \\u{1b}[2J"
        );
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
