//! `invite track --replay FILE|-`: replays a recorded stream of gateway dispatches and REST
//! answers through `invite_model::tracker` and prints which invite brought each member.
//!
//! One JSON object per line, each with `at` (RFC 3339, when it was received) and exactly one
//! of `dispatch` (a gateway frame as sent) or `rest` (`route`, `guild_id`, `status`, `body`,
//! and optionally `sent_at`, when the request was sent: without it the answer is taken as a
//! snapshot of the moment it was received). The invite list and the vanity answer of one fetch
//! are two lines with the same `at` and guild, in either order; they are fed to the tracker
//! together once a line with a later `at` (or the end) shows that no more is coming.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};

use invite_model::endpoint::{Endpoint, GetGuildInvites, GetVanityUrl, Response, VanityUrl};
use invite_model::event::GatewayFrame;
use invite_model::terminal::escape;
use invite_model::tracker::{Attribution, FetchFailed, JoinSource, Snapshot, Tracker};
use invite_model::{Invite, Snowflake, Timestamp};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::args::TrackArgs;
use crate::failure::Failure;
use crate::io::Io;

/// What `invite track --help` adds.
pub(crate) const TRACK_HELP: &str = "\
Each line is one JSON object with \"at\" (RFC 3339, when it was received) and exactly one of:
  \"dispatch\": a gateway frame as sent, {\"op\":0,\"t\":\"GUILD_MEMBER_ADD\",\"s\":1,\"d\":{...}}
      (INVITE_CREATE, INVITE_DELETE and GUILD_MEMBER_ADD are read; other events are skipped)
  \"rest\": {\"route\": \"GET /guilds/{guild_id}/invites\" or \"GET /guilds/{guild_id}/vanity-url\",
      \"guild_id\": \"ID\", \"status\": 200, \"body\": <the response body>,
      \"sent_at\": when the request was sent (optional; without it, the answer is taken as
      counted at the moment it was received)}
The list and the vanity answer of one fetch are two lines with the same \"at\", in either
order. A non-200 status or a list without uses tells the tracker the data is missing.

One line is printed per GUILD_MEMBER_ADD, once decided (so not always in join order); at the
end of the input every undecided join is printed as unknown. With --json:
  {\"guild_id\",\"user_id\",\"joined_at\",\"source\":\"invite\",\"code\",\"inviter_id\"}, or source
  \"vanity\" (code), \"oauth\", \"ambiguous\" (candidates), \"unknown\" (reason).
A line that is not valid is reported on standard error with its line number and skipped; the
exit code is then 3.";

/// The longest line read, in bytes (a list answer of a guild's 1,000 invites is about 1 MB).
const LINE_MAX: usize = 32 << 20;

/// The list route, as written in a replay.
const LIST_ROUTE: &str = "GET /guilds/{guild_id}/invites";
/// The vanity route, as written in a replay.
const VANITY_ROUTE: &str = "GET /guilds/{guild_id}/vanity-url";

/// `invite track`.
pub(crate) fn track(
    args: &TrackArgs,
    json: bool,
    stdin: &mut dyn Read,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    let path = &args.replay;
    let mut input: Box<dyn BufRead + '_> = if path.as_os_str() == "-" {
        Box::new(BufReader::new(stdin))
    } else {
        let file = File::open(path)
            .map_err(|e| Failure::Input(format!("cannot read {}: {e}", path.display())))?;
        Box::new(BufReader::new(file))
    };
    let mut replay = Replay::new(json);
    let mut line = Vec::new();
    let (mut number, mut bad) = (0usize, 0usize);
    loop {
        let read = read_line(&mut input, &mut line, LINE_MAX)
            .map_err(|e| Failure::Input(format!("cannot read {}: {e}", path.display())))?;
        let Some(complete) = read else {
            break;
        };
        number += 1;
        let result = if complete {
            replay.line(number, &line)
        } else {
            Err(format!("longer than {} MiB", LINE_MAX >> 20))
        };
        if let Err(reason) = result {
            bad += 1;
            io.err(&format!("line {number}: {reason}"));
        }
        bad += replay.report(io);
    }
    replay.finish();
    bad += replay.report(io);
    if bad > 0 {
        return Err(Failure::Input(format!(
            "{bad} of {number} lines were not valid"
        )));
    }
    Ok(())
}

/// Reads one line (without its line break) into `line`, at most `max` bytes: `None` at the
/// end, `Some(false)` for a longer line (the rest of it is skipped, not kept).
fn read_line(
    input: &mut dyn BufRead,
    line: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<bool>> {
    line.clear();
    let mut complete = true;
    let mut any = false;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any.then_some(complete));
        }
        any = true;
        let (take, end) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if complete && line.len() + take <= max {
            line.extend_from_slice(&chunk[..take]);
        } else {
            complete = false;
            line.clear();
        }
        input.consume(take + usize::from(end));
        if end {
            return Ok(Some(complete));
        }
    }
}

/// One line of a replay.
#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    at: Option<&'a str>,
    #[serde(borrow)]
    dispatch: Option<&'a RawValue>,
    #[serde(borrow)]
    rest: Option<Rest<'a>>,
}

/// A REST answer of a replay.
#[derive(Deserialize)]
struct Rest<'a> {
    route: &'a str,
    guild_id: Snowflake,
    status: u16,
    #[serde(borrow)]
    body: Option<&'a RawValue>,
    #[serde(borrow)]
    sent_at: Option<&'a str>,
}

/// Half of a fetch: the list answer or the vanity answer, waiting for the other half.
struct Half {
    guild: Snowflake,
    at: Timestamp,
    sent_at: Timestamp,
    line: usize,
    part: Part,
}

enum Part {
    List(Result<Vec<Invite<'static>>, FetchFailed>),
    Vanity(Result<VanityUrl<'static>, FetchFailed>),
}

struct Replay {
    tracker: Tracker,
    halves: Vec<Half>,
    last_at: Option<Timestamp>,
    json: bool,
    /// Problems found while feeding halves, with their line numbers.
    problems: Vec<(usize, String)>,
    /// Notes that are not errors.
    notes: Vec<String>,
}

impl Replay {
    fn new(json: bool) -> Self {
        Self {
            tracker: Tracker::new(),
            halves: Vec::new(),
            last_at: None,
            json,
            problems: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Handles one line; `Err` says why it is not valid.
    fn line(&mut self, number: usize, bytes: &[u8]) -> Result<(), String> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8".to_owned())?;
        let line: Line<'_> =
            serde_json::from_str(text).map_err(|e| format!("not a replay line: {e}"))?;
        let at = line.at.ok_or("no \"at\"")?;
        let at = parse_time("at", at)?;
        self.flush_before(at);
        self.last_at = Some(self.last_at.map_or(at, |l| l.max(at)));
        match (line.dispatch, line.rest) {
            (Some(frame), None) => {
                let frame =
                    GatewayFrame::parse(frame.get().as_bytes()).map_err(|e| e.to_string())?;
                self.tracker.event(&frame.event, at);
                Ok(())
            }
            (None, Some(rest)) => self.rest(number, at, &rest),
            _ => Err("a line needs exactly one of \"dispatch\" and \"rest\"".to_owned()),
        }
    }

    fn rest(&mut self, number: usize, at: Timestamp, rest: &Rest<'_>) -> Result<(), String> {
        let sent_at = match rest.sent_at {
            Some(t) => parse_time("sent_at", t)?,
            None => at,
        };
        let body = rest.body.map_or(&b"null"[..], |b| b.get().as_bytes());
        let response = Response::new(rest.status, &[], body);
        let guild = rest.guild_id;
        let failed = (rest.status != 200).then_some(FetchFailed::status(rest.status));
        let part = match rest.route {
            LIST_ROUTE => Part::List(match failed {
                Some(f) => Err(f),
                None => Ok(GetGuildInvites::new(guild)
                    .parse(&response)
                    .map_err(|e| format!("the body is not a list of invites: {e}"))?),
            }),
            VANITY_ROUTE => Part::Vanity(match failed {
                Some(f) => Err(f),
                None => Ok(GetVanityUrl::new(guild)
                    .parse(&response)
                    .map_err(|e| format!("the body is not a vanity answer: {e}"))?),
            }),
            other => {
                return Err(format!(
                    "unknown route {other:?}: expected {LIST_ROUTE:?} or {VANITY_ROUTE:?}"
                ));
            }
        };
        let half = Half {
            guild,
            at,
            sent_at,
            line: number,
            part,
        };
        let partner = self.halves.iter().position(|h| {
            h.guild == guild
                && h.at == at
                && matches!(
                    (&h.part, &half.part),
                    (Part::List(_), Part::Vanity(_)) | (Part::Vanity(_), Part::List(_))
                )
        });
        if let Some(i) = partner {
            let other = self.halves.remove(i);
            self.feed(other, Some(half));
            return Ok(());
        }
        // A second answer of the same kind for the same fetch: the first is complete alone.
        if let Some(i) = self.halves.iter().position(|h| {
            h.guild == guild
                && h.at == at
                && std::mem::discriminant(&h.part) == std::mem::discriminant(&half.part)
        }) {
            let alone = self.halves.remove(i);
            self.feed(alone, None);
        }
        self.halves.push(half);
        Ok(())
    }

    /// Feeds every waiting half received before `at`: its partner can no longer come.
    fn flush_before(&mut self, at: Timestamp) {
        let (due, keep): (Vec<Half>, Vec<Half>) = std::mem::take(&mut self.halves)
            .into_iter()
            .partition(|h| h.at < at);
        self.halves = keep;
        for half in due {
            self.feed(half, None);
        }
    }

    /// Feeds one fetch (its two halves, or one).
    fn feed(&mut self, a: Half, b: Option<Half>) {
        let sent_at = match &b {
            Some(b) if b.sent_at < a.sent_at => b.sent_at,
            _ => a.sent_at,
        };
        let (guild, at) = (a.guild, a.at);
        let (list, vanity) = match (a, b) {
            (
                list @ Half {
                    part: Part::List(_),
                    ..
                },
                vanity,
            ) => (list, vanity),
            (vanity, Some(list)) => (list, Some(vanity)),
            (vanity, None) => {
                self.notes.push(format!(
                    "line {}: a vanity answer without the list answer of the same fetch (same \
                     guild and \"at\") is ignored",
                    vanity.line
                ));
                return;
            }
        };
        let (Part::List(invites), line) = (list.part, list.line) else {
            return;
        };
        let snapshot = match &invites {
            Ok(invites) => Snapshot::new(sent_at, at, invites),
            Err(f) => Snapshot::failed(sent_at, at, *f),
        };
        let snapshot = match vanity.as_ref().map(|v| &v.part) {
            Some(Part::Vanity(Ok(v))) => snapshot.with_vanity(v),
            Some(Part::Vanity(Err(f))) => snapshot.with_vanity_failed(*f),
            _ => snapshot,
        };
        if let Err(e) = self.tracker.snapshot(guild, &snapshot) {
            self.problems.push((line, format!("snapshot refused: {e}")));
        }
    }

    /// The end of the input: the rest is decided.
    fn finish(&mut self) {
        let halves = std::mem::take(&mut self.halves);
        for half in halves {
            self.feed(half, None);
        }
        if let Some(at) = self.last_at {
            self.tracker.finish(at);
        }
    }

    /// Prints what was decided and the problems found; returns the number of bad lines.
    fn report(&mut self, io: &mut Io<'_>) -> usize {
        for note in self.notes.drain(..) {
            io.err(&format!("warning: {note}"));
        }
        let bad = self.problems.len();
        for (line, problem) in self.problems.drain(..) {
            io.err(&format!("line {line}: {problem}"));
        }
        while let Some(a) = self.tracker.poll_attribution() {
            if self.json {
                io.json(&json_line(&a));
            } else {
                io.out(&human_line(&a));
            }
        }
        bad
    }
}

fn parse_time(key: &str, text: &str) -> Result<Timestamp, String> {
    text.parse()
        .map_err(|e| format!("\"{key}\" is not a time: {e}"))
}

/// A JSON string or `null`.
fn json_value(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_owned())
}

/// `{"guild_id","user_id","joined_at","source",...}` in that order.
pub(crate) fn json_line(a: &Attribution) -> String {
    let mut out = format!(
        r#"{{"guild_id":{},"user_id":{},"joined_at":{},"source":"{}""#,
        json_value(&a.guild_id),
        json_value(&a.user_id),
        json_value(&a.joined_at),
        a.source.name()
    );
    match &a.source {
        JoinSource::Invite { code, inviter_id } => {
            let _ = write!(
                out,
                r#","code":{},"inviter_id":{}"#,
                json_value(code),
                json_value(inviter_id)
            );
        }
        JoinSource::Vanity { code } => {
            let _ = write!(out, r#","code":{}"#, json_value(code));
        }
        JoinSource::Ambiguous { candidates } => {
            let _ = write!(out, r#","candidates":{}"#, json_value(candidates));
        }
        JoinSource::Unknown { reason } => {
            let _ = write!(out, r#","reason":"{}""#, reason.name());
        }
        _ => {}
    }
    out.push('}');
    out
}

/// `JOINED_AT  guild G  user U  SOURCE`, server text escaped.
pub(crate) fn human_line(a: &Attribution) -> String {
    let when = a
        .joined_at
        .map_or_else(|| "-".to_owned(), |t| t.to_string());
    let source = match &a.source {
        JoinSource::Invite {
            code,
            inviter_id: Some(by),
        } => format!("invite {} (inviter {by})", escape(code)),
        JoinSource::Invite { code, .. } => format!("invite {}", escape(code)),
        JoinSource::Vanity { code } => format!("vanity {}", escape(code)),
        JoinSource::Oauth => "oauth (a bot)".to_owned(),
        JoinSource::Ambiguous { candidates } => {
            let codes: Vec<String> = candidates.iter().map(|c| escape(c).to_string()).collect();
            format!("ambiguous: one of {}", codes.join(", "))
        }
        JoinSource::Unknown { reason } => format!("unknown: {reason}"),
        other => other.name().to_owned(),
    };
    format!("{when}  guild {}  user {}  {source}", a.guild_id, a.user_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str, max: usize) -> Vec<Option<Vec<u8>>> {
        let mut reader = BufReader::with_capacity(4, input.as_bytes());
        let mut out = Vec::new();
        let mut line = Vec::new();
        while let Some(complete) = read_line(&mut reader, &mut line, max).unwrap() {
            out.push(complete.then(|| line.clone()));
        }
        out
    }

    #[test]
    fn lines_are_read_without_their_breaks() {
        assert_eq!(
            lines("ab\n\ncdef\nlast", 10),
            [
                Some(b"ab".to_vec()),
                Some(Vec::new()),
                Some(b"cdef".to_vec()),
                Some(b"last".to_vec())
            ]
        );
        assert_eq!(lines("", 10), Vec::<Option<Vec<u8>>>::new());
        assert_eq!(lines("toolong\nok\n", 3), [None, Some(b"ok".to_vec())]);
        // Longer than the buffer and the limit, across several reads.
        assert_eq!(lines("abcdefghijkl\nabc", 5), [None, Some(b"abc".to_vec())]);
        assert_eq!(lines("abcde\n", 5), [Some(b"abcde".to_vec())]);
    }

    #[test]
    fn json_lines_have_the_documented_keys_in_order() {
        let a = Attribution::new(
            Snowflake(1),
            Snowflake(2),
            "2026-01-01T00:00:00Z".parse().unwrap(),
            JoinSource::Invite {
                code: "abc".into(),
                inviter_id: None,
            },
        );
        assert_eq!(
            json_line(&a),
            r#"{"guild_id":"1","user_id":"2","joined_at":null,"source":"invite","code":"abc","inviter_id":null}"#
        );
        assert_eq!(human_line(&a), "-  guild 1  user 2  invite abc");
    }
}
