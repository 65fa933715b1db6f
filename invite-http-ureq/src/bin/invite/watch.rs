//! `invite watch --guild ID`: polls a guild's invites (and vanity) and prints what changed, for
//! scripts without a gateway connection. The differences are the model's
//! (`invite_model::tracker::InviteTable::changes`), the same the tracker counts uses with.
//!
//! Each poll goes through the client, so rate limits are honoured (a poll waits for its bucket,
//! within the client's bounds). The run is bounded by `--count` polls; between polls it sleeps
//! `--interval` in short steps, so Ctrl-C stops it within a moment (or once the request under
//! way returns, within the client's timeout), after which it exits 0.

use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use invite_http_ureq::{Client, Error};
use invite_model::endpoint::{GetGuildInvites, GetVanityUrl, LIST_MAX};
use invite_model::terminal::escape;
use invite_model::tracker::{Change, InviteTable, TrackerConfig, Vanished};
use invite_model::{Snowflake, Timestamp};
use serde_json::{Value, json};

use crate::args::WatchArgs;
use crate::failure::Failure;
use crate::io::Io;
use crate::online::now;
use crate::session::Session;

/// How often a sleeping watcher looks at the Ctrl-C flag.
const STOP_POLL: Duration = Duration::from_millis(50);

/// The longest `--interval`: a day.
const INTERVAL_MAX: Duration = Duration::from_secs(86_400);

/// `--interval`: a duration (`30s`, `5m`, `1h`) of at most a day.
pub(crate) fn parse_interval(s: &str) -> Result<Duration, String> {
    let d = crate::duration::parse_duration(s)?;
    if d > INTERVAL_MAX {
        return Err("the interval is at most 24h".to_owned());
    }
    Ok(d)
}

/// `invite watch`.
pub(crate) fn watch(args: &WatchArgs, session: &Session, io: &mut Io<'_>) -> Result<(), Failure> {
    let client = session.client(true)?;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    if let Err(e) = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)) {
        io.err(&format!("warning: Ctrl-C will not stop cleanly: {e}"));
    }
    let mut watcher = Watcher {
        client: &client,
        session,
        guild: args.guild,
        json: session.json,
        vanity: true,
        previous: None,
        warned_uses: false,
    };
    let mut failed: Option<Failure> = None;
    let mut polls = 0u64;
    let mut stopped = false;
    while args.count.is_none_or(|n| polls < n) {
        if polls > 0 && sleep(args.interval, &stop) {
            stopped = true;
            break;
        }
        polls += 1;
        match watcher.poll(io) {
            Ok(()) => {}
            // The API refused (missing permission, unknown guild): polling again will not help.
            Err(f) if f.exit_code() == 4 => return Err(f),
            Err(f) => {
                io.err(&format!("warning: poll {polls} failed: {f}"));
                failed = Some(failed.map_or(f.clone(), |w| w.worst(f)));
            }
        }
        if stop.load(Ordering::SeqCst) {
            stopped = true;
            break;
        }
    }
    if stopped {
        io.err(&format!(
            "stopped after {polls} poll{}",
            if polls == 1 { "" } else { "s" }
        ));
    }
    // A poll that failed on the network makes the run fail (exit 5), with the worst failure.
    failed.map_or(Ok(()), Err)
}

/// Sleeps `interval` in short steps; true if Ctrl-C came meanwhile.
fn sleep(interval: Duration, stop: &AtomicBool) -> bool {
    let until = Instant::now() + interval;
    loop {
        if stop.load(Ordering::SeqCst) {
            return true;
        }
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        std::thread::sleep(left.min(STOP_POLL));
    }
}

struct Watcher<'c> {
    client: &'c Client,
    session: &'c Session,
    guild: Snowflake,
    json: bool,
    /// Whether the vanity is still fetched (a guild without one refuses the request).
    vanity: bool,
    previous: Option<InviteTable>,
    warned_uses: bool,
}

impl Watcher<'_> {
    /// One poll: the list, the vanity, the changes since the previous poll.
    fn poll(&mut self, io: &mut Io<'_>) -> Result<(), Failure> {
        let invites = self
            .client
            .execute(&GetGuildInvites::new(self.guild))
            .map_err(|e| self.session.failure(&e))?;
        let vanity = if self.vanity {
            match self.client.execute(&GetVanityUrl::new(self.guild)) {
                Ok(v) => Some(Ok(v)),
                Err(e) => {
                    let status = e.status();
                    if matches!(e, Error::Api(_)) && status.is_some_and(|s| s != 429) {
                        // No VANITY_URL feature, or no permission: stop asking.
                        self.vanity = false;
                        io.err(&format!("warning: the vanity invite is not watched: {e}"));
                    } else {
                        io.err(&format!("warning: fetching the vanity invite failed: {e}"));
                    }
                    Some(Err(status))
                }
            }
        } else {
            None
        };
        let at = now();
        let vanity_ref = vanity.as_ref().map(|v| v.as_ref().map_err(|s| *s));
        let table = InviteTable::new(&invites, vanity_ref, LIST_MAX)
            .map_err(|e| Failure::Api(e.to_string()))?;
        let without = table.without_uses();
        if without > 0 && !self.warned_uses {
            self.warned_uses = true;
            io.err(&format!(
                "warning: {without} invite{} listed without uses (the token needs MANAGE_GUILD): \
                 their uses are not watched",
                if without == 1 { "" } else { "s" }
            ));
        }
        match &self.previous {
            None => io.err(&format!(
                "watching guild {}: {} invite{}",
                self.guild,
                table.len(),
                if table.len() == 1 { "" } else { "s" }
            )),
            Some(previous) => {
                let margin = TrackerConfig::default().clock_skew;
                for change in previous.changes(&table, at, margin) {
                    self.print(io, at, &change);
                }
            }
        }
        self.previous = Some(table);
        Ok(())
    }

    fn print(&self, io: &mut Io<'_>, at: Timestamp, change: &Change<'_>) {
        let (event, fields, text): (&str, Vec<(&str, Value)>, String) = match *change {
            Change::Created { code, now } => {
                let mut text = format!("created  {}", escape(code));
                match now.max_uses {
                    Some(0) | None => {}
                    Some(n) => {
                        let _ = write!(text, "  max {n} use{}", plural(n));
                    }
                }
                if let Some(e) = now.expiry {
                    let _ = write!(text, "  expires {e}");
                }
                if let Some(by) = now.inviter_id {
                    let _ = write!(text, "  by {by}");
                }
                if let Some(uses) = now.uses.filter(|&u| u > 0) {
                    let _ = write!(text, "  ({uses} use{} already)", plural(uses));
                }
                let fields = vec![
                    ("code", json!(code)),
                    ("uses", json!(now.uses)),
                    ("max_uses", json!(now.max_uses)),
                    ("expires_at", json!(now.expiry)),
                    ("inviter_id", json!(now.inviter_id)),
                ];
                ("created", fields, text)
            }
            Change::Used {
                code, added, uses, ..
            } => (
                "uses",
                vec![
                    ("code", json!(code)),
                    ("added", json!(added)),
                    ("uses", json!(uses)),
                ],
                format!(
                    "+{added} use{}  {}  ({uses} total)",
                    plural(added),
                    escape(code)
                ),
            ),
            Change::Gone { code, last, how } => {
                let reason = match how {
                    Vanished::Expired => "expired",
                    Vanished::UsedUp => "used_up",
                    _ => "deleted",
                };
                (
                    "gone",
                    vec![
                        ("code", json!(code)),
                        ("reason", json!(reason)),
                        ("uses", json!(last.uses)),
                        ("max_uses", json!(last.max_uses)),
                    ],
                    format!("gone     {}  {how}", escape(code)),
                )
            }
            Change::VanityUsed { code, added, uses } => (
                "vanity",
                vec![
                    ("code", json!(code)),
                    ("added", json!(added)),
                    ("uses", json!(uses)),
                ],
                format!(
                    "vanity   {}  +{added} use{}  ({uses} total)",
                    escape(code),
                    plural(added)
                ),
            ),
            Change::VanityChanged { from, to } => (
                "vanity_changed",
                vec![("from", json!(from)), ("to", json!(to))],
                format!(
                    "vanity   {} -> {}",
                    from.map_or_else(|| "(none)".to_owned(), |c| escape(c).to_string()),
                    to.map_or_else(|| "(none)".to_owned(), |c| escape(c).to_string())
                ),
            ),
            // Counts that cannot be compared (missing, or a failed vanity fetch) are not news.
            _ => return,
        };
        if self.json {
            let mut line = format!(
                r#"{{"at":{},"guild_id":{},"event":"{event}""#,
                json!(at),
                json!(self.guild)
            );
            for (key, value) in fields {
                let _ = write!(line, r#","{key}":{value}"#);
            }
            line.push('}');
            io.json(&line);
        } else {
            io.out(&format!("{at}  {text}"));
        }
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
