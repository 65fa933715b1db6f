//! The commands that call the API: `get`, `list`, `create`, `delete`, `target-users`, `prune`.
//!
//! Every input is checked before the first request (codes, ranges, reasons, CSV files), so bad
//! input exits 3 without touching the network.

use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;

use invite_http_ureq::{Client, Error};
use invite_model::endpoint::{CreateChannelInvite, CreatedInvite, GetInvite, Route};
use invite_model::{
    AuditLogReason, CreateInvite, CreateInviteError, Invite, InviteCode, InviteLink, Platform,
    Snowflake, TargetUsersJobStatus, Timestamp, parse_target_users_upload, write_target_users_csv,
};
use serde_json::json;

use crate::args::{CreateArgs, DeleteArgs, GetArgs, ListArgs, PruneArgs, TargetUsersCommand};
use crate::batch::{self, Concurrency, Outcome};
use crate::failure::Failure;
use crate::io::Io;
use crate::output::{created_link, invite_json, invite_table, json_line, summary, text};
use crate::prune::Filters;
use crate::session::Session;

/// Parses a code or link; refuses anything else (exit 3).
fn parse_code(input: &str) -> Result<InviteLink, Failure> {
    InviteCode::parse_link(input)
        .map_err(|e| Failure::Input(format!("{input:?} is not an invite code or link: {e}")))
}

/// Checks `--reason` (1 to 512 characters).
fn parse_reason(reason: Option<&str>) -> Result<Option<AuditLogReason>, Failure> {
    reason
        .map(|r| AuditLogReason::new(r).map_err(|e| Failure::Input(format!("--reason: {e}"))))
        .transpose()
}

/// Warns when a link's host belongs to another platform than the one the API calls go to.
fn warn_platform(link: &InviteLink, platform: Platform, input: &str, io: &mut Io<'_>) {
    if let Some(p) = link.platform.filter(|&p| p != platform) {
        io.err(&format!(
            "warning: {input:?} is a {p} link, but requests go to {platform} (use --platform {p})"
        ));
    }
}

/// Reads a file, or standard input for `-`.
fn read_file(path: &Path, stdin: &mut dyn Read) -> Result<Vec<u8>, Failure> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        stdin
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::Input(format!("cannot read standard input: {e}")))?;
        return Ok(bytes);
    }
    std::fs::read(path).map_err(|e| Failure::Input(format!("cannot read {}: {e}", path.display())))
}

/// Reads a target-users CSV file to upload and returns its ids; the model checks it (it must
/// parse and name at least one user).
fn read_target_users(path: &Path, stdin: &mut dyn Read) -> Result<Vec<Snowflake>, Failure> {
    let csv = read_file(path, stdin)?;
    parse_target_users_upload(&csv).map_err(|e| Failure::Input(format!("{}: {e}", path.display())))
}

/// `invite get`.
pub(crate) fn get(args: &GetArgs, session: &Session, io: &mut Io<'_>) -> Result<(), Failure> {
    let link = parse_code(&args.code)?;
    let client = session.client(false)?;
    warn_platform(&link, session.platform, &args.code, io);
    // The link's `?event=` is used when --event is absent.
    let mut endpoint = GetInvite::from_link(&link);
    if args.with_counts {
        endpoint = endpoint.with_counts(true);
    }
    if let Some(event) = args.event {
        endpoint = endpoint.guild_scheduled_event_id(event);
    }
    let invite = session.check(client.get_invite(&endpoint))?;
    if session.json {
        io.json(&invite_json(&invite, session.platform));
    } else {
        io.out_lines(&summary(&invite, session.platform));
    }
    Ok(())
}

/// `invite list`.
pub(crate) fn list(args: &ListArgs, session: &Session, io: &mut Io<'_>) -> Result<(), Failure> {
    let client = session.client(true)?;
    let invites = match (args.guild, args.channel) {
        (Some(guild), _) => session.check(client.guild_invites(guild))?,
        (None, Some(channel)) => session.check(client.channel_invites(channel))?,
        (None, None) => {
            return Err(Failure::Usage("give --guild ID or --channel ID".into()));
        }
    };
    print_invites(&invites, session, io);
    Ok(())
}

/// A table of invites, or one JSON line each (with its link).
fn print_invites(invites: &[Invite<'_>], session: &Session, io: &mut Io<'_>) {
    if session.json {
        for invite in invites {
            io.json(&invite_json(invite, session.platform));
        }
    } else if invites.is_empty() {
        io.out("no invites");
    } else {
        io.out_lines(&invite_table(invites));
    }
}

/// A `u64` option as the `u32` the body takes; too large for that is out of range.
fn narrow(field: &str, value: u64, max: u32) -> Result<u32, Failure> {
    u32::try_from(value)
        .map_err(|_| Failure::Input(format!("{field} {value} is out of range 0..={max}")))
}

/// `invite create`.
pub(crate) fn create(
    args: &CreateArgs,
    session: &Session,
    stdin: &mut dyn Read,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    if args.csv && session.json {
        return Err(Failure::Usage(
            "--csv and --json are two output formats: give one".into(),
        ));
    }
    let mut body = CreateInvite::new();
    if let Some(age) = args.max_age {
        body = body.max_age(narrow(
            "max_age",
            age,
            *session.platform.max_age_range().end(),
        )?);
    }
    if let Some(uses) = args.max_uses {
        body = body.max_uses(narrow(
            "max_uses",
            uses,
            *session.platform.max_uses_range().end(),
        )?);
    }
    if args.temporary {
        body = body.temporary(true);
    }
    // More than one: each a new invite, not a similar one reused.
    if args.unique || args.count > 1 {
        body = body.unique(true);
    }
    if !args.roles.is_empty() {
        body = body.role_ids(args.roles.iter().copied());
    }
    let mut endpoint = CreateChannelInvite::new(args.channel, body, session.platform)
        .map_err(|e| Failure::Input(e.to_string()))?;
    if let Some(reason) = parse_reason(args.reason.as_deref())? {
        endpoint = endpoint.reason(reason);
    }
    if let Some(path) = &args.target_users {
        // Sent as it is; the model checks it (it parses, it names a user).
        let csv = read_file(path, stdin)?;
        endpoint = endpoint.target_users_csv(csv).map_err(|e| match e {
            CreateInviteError::TargetUsersCsv(e) => {
                Failure::Input(format!("{}: {e}", path.display()))
            }
            other => Failure::Input(other.to_string()),
        })?;
    }
    let client = session.client(true)?;
    if args.count > 1 || args.csv {
        return create_many(args, &endpoint, &client, session, io);
    }
    // The endpoint is built (and every field checked, with a message naming the field) before
    // the client, so it is executed as it is rather than rebuilt by `Client::create_invite`.
    let created = session.check(client.execute(&endpoint))?;
    let format = CreateFormat::Link.or_json(session.json);
    format.print(io, &created_line(created, format, session.platform)?);
    Ok(())
}

/// How `create` prints each invite it made, one line each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CreateFormat {
    /// The link only (no link for a code that is not a valid invite code: a failure instead).
    Link,
    /// `--json`: the invite as one JSON object with its `"link"` (`null` for a code that is
    /// not a valid invite code).
    Json,
    /// `--csv`: one row under [`CREATED_CSV_HEADER`] (a code that is not a valid invite code
    /// is a failure, as for a link).
    Csv,
}

impl CreateFormat {
    /// `--json` wins over the text format (`--csv` with `--json` is refused before).
    fn or_json(self, json: bool) -> Self {
        if json { Self::Json } else { self }
    }

    /// Prints one line made by [`created_line`]: JSON as it is, text escaped.
    fn print(self, io: &mut Io<'_>, line: &str) {
        match self {
            Self::Json => io.json(line),
            Self::Link | Self::Csv => io.out(line),
        }
    }
}

/// The line `create` prints for what the API gave back: an error (exit 4) for a 204 (no
/// invite made) and, where the output is a link, for a code that is not a valid invite code
/// ([`created_link`]).
fn created_line(
    created: CreatedInvite,
    format: CreateFormat,
    platform: Platform,
) -> Result<String, Failure> {
    let CreatedInvite::Invite(invite) = created else {
        return Err(no_invite_created());
    };
    match format {
        CreateFormat::Json => Ok(invite_json(&invite, platform)),
        CreateFormat::Link => created_link(&invite.code, platform),
        CreateFormat::Csv => {
            created_link(&invite.code, platform).map(|link| created_csv_row(&invite, &link))
        }
    }
}

/// The refusal of a 204 answer to a create: no invite was made.
fn no_invite_created() -> Failure {
    Failure::api(
        204,
        "the API created no invite (204 No Content): invites are disabled in this guild".into(),
    )
}

/// The CSV header of `create --csv`.
const CREATED_CSV_HEADER: &str = "code,link,expires_at,max_age,max_uses,temporary";

/// One CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break.
fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// One created invite as a `create --csv` row (absent values empty), with its `link` (the
/// code is a valid invite code, so neither needs quoting; they are quoted anyway should it).
fn created_csv_row(invite: &Invite<'_>, link: &str) -> String {
    let opt = |v: Option<String>| v.unwrap_or_default();
    [
        csv_field(&invite.code),
        csv_field(link),
        opt(invite.expires_at.map(|t| t.to_string())),
        opt(invite.max_age.map(|v| v.to_string())),
        opt(invite.max_uses.map(|v| v.to_string())),
        opt(invite.temporary.map(|v| v.to_string())),
    ]
    .join(",")
}

/// `invite create --count N` (or `--csv`): N creations of `endpoint` as a batch
/// ([`batch::run`]), each invite printed in the order asked (a link, a JSON object, a CSV row
/// after the header). The batch stops at the first failure: each failed creation is reported on
/// standard error with its number, and the result is a batch failure ([`Failure::batch`]: its
/// JSON object's `worst` is the worst failure, which sets the exit code).
fn create_many(
    args: &CreateArgs,
    endpoint: &CreateChannelInvite,
    client: &Client,
    session: &Session,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    let total = usize::from(args.count);
    let numbers: Vec<usize> = (1..=total).collect();
    let format = if args.csv {
        CreateFormat::Csv
    } else {
        CreateFormat::Link
    }
    .or_json(session.json);
    if format == CreateFormat::Csv {
        io.out(CREATED_CSV_HEADER);
    }
    let route = Route::CreateChannelInvite {
        channel_id: args.channel,
    };
    let auto = || {
        client
            .bucket_limit(&route)
            .map_or(1, |limit| limit as usize)
    };
    let (mut created, mut failed, mut not_attempted) = (0usize, 0usize, 0usize);
    let mut worst: Option<Failure> = None;
    io.progress(&format!("creating 1/{total}"));
    batch::run(
        &numbers,
        Concurrency::from_arg(args.batch.concurrency),
        // The line is made on the thread that made the invite; a failure stops the batch.
        |_| {
            session
                .check(client.execute(endpoint))
                .and_then(|made| created_line(made, format, session.platform))
        },
        Result::is_err,
        auto,
        |n, outcome| {
            match outcome {
                Outcome::Done(Ok(line)) => {
                    created += 1;
                    format.print(io, &line);
                }
                Outcome::Done(Err(failure)) => {
                    io.err(&format!(
                        "failed to create invite {} of {total}: {failure}",
                        n + 1
                    ));
                    failed += 1;
                    worst = Some(match worst.take() {
                        Some(w) => w.worst(failure),
                        None => failure,
                    });
                }
                Outcome::NotAttempted => not_attempted += 1,
            }
            if n + 1 < total {
                io.progress(&format!("creating {}/{total}", n + 2));
            }
        },
    );
    io.clear_progress();
    match worst {
        None => Ok(()),
        Some(worst) => Err(Failure::batch(
            format!(
                "{created} of {total} invites created; stopped at a failure, {not_attempted} not \
                 attempted"
            ),
            failed,
            total,
            not_attempted,
            &worst,
        )),
    }
}

/// What happened to one invite in `delete` or `prune`.
enum Action<'a> {
    /// Deleted; `already_gone`: a retry found it gone after an attempt that may have deleted it.
    Deleted {
        already_gone: bool,
    },
    WouldDelete,
    Failed(&'a Failure),
    /// Not tried: the batch stopped at a rate limit before it.
    NotAttempted,
}

/// Every action's label in the text report, `"action"` in JSON with `_` for the space.
const ACTION_LABELS: [&str; 4] = ["deleted", "would delete", "failed", "not attempted"];

impl Action<'_> {
    /// The label of the text report.
    fn label(&self) -> &'static str {
        let [deleted, would_delete, failed, not_attempted] = ACTION_LABELS;
        match self {
            Self::Deleted { .. } => deleted,
            Self::WouldDelete => would_delete,
            Self::Failed(_) => failed,
            Self::NotAttempted => not_attempted,
        }
    }
}

/// Reports the actions of one batch, one line each on standard output (`--json`: one object
/// each). Text lines are aligned columns, action, code, reasons, then the error: the widths are
/// fixed before the first line (the widest label of any action, the widest code and reasons of
/// the batch), so every line lines up although they are printed as the batch goes.
struct Report {
    json: bool,
    action: usize,
    code: usize,
    reasons: usize,
}

impl Report {
    /// The report of a batch over `targets` (codes and the reasons they were chosen).
    fn new(json: bool, targets: &[(InviteCode, Vec<String>)]) -> Self {
        let widest = |it: &mut dyn Iterator<Item = usize>| it.max().unwrap_or(0);
        Self {
            json,
            action: widest(&mut ACTION_LABELS.iter().map(|l| l.chars().count())),
            code: widest(&mut targets.iter().map(|(c, _)| c.as_str().chars().count())),
            reasons: widest(&mut targets.iter().map(|(_, r)| r.join(", ").chars().count())),
        }
    }

    /// Reports one action on `code`.
    fn line(&self, io: &mut Io<'_>, code: &str, action: &Action<'_>, reasons: &[String]) {
        let label = action.label();
        let failure = match action {
            Action::Failed(f) => Some(*f),
            _ => None,
        };
        let already_gone = matches!(action, Action::Deleted { already_gone: true });
        if self.json {
            let mut value = json!({ "action": label.replace(' ', "_"), "code": code });
            if !reasons.is_empty() {
                value["reasons"] = json!(reasons);
            }
            if let Some(failure) = failure {
                value["error"] = json!(failure.to_string());
                value["failure"] = failure.json_value().into();
            }
            if already_gone {
                value["already_gone"] = json!(true);
            }
            io.json(&json_line(&value));
            return;
        }
        let (aw, cw) = (self.action, self.code);
        let mut line = format!("{label:<aw$}  {code:<cw$}");
        if self.reasons > 0 {
            let rw = self.reasons;
            let _ = write!(line, "  {:<rw$}", reasons.join(", "));
        }
        if let Some(failure) = failure {
            let _ = write!(line, "  {failure}");
        }
        if already_gone {
            line.push_str("  (already gone)");
        }
        io.out(line.trim_end());
    }
}

/// Deletes the invites as a batch ([`batch::run`]: `concurrency` in flight at once, each
/// reported through one [`Report`] in the order of `targets`); every failure is reported and
/// the rest continue, except after a rate limit that outlasted the retries: every DELETE of an
/// invite shares one route (and the global limit), so the rest would only meet it again, a few
/// requests each; those not started are reported as not attempted. Returns the failure that
/// decides the exit code, if any: a batch failure whose JSON object holds the worst one.
fn delete_each(
    client: &Client,
    targets: &[(InviteCode, Vec<String>)],
    reason: Option<&AuditLogReason>,
    concurrency: Concurrency,
    session: &Session,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    let report = Report::new(session.json, targets);
    let mut failed = 0usize;
    let mut not_attempted = 0usize;
    let mut worst: Option<Failure> = None;
    let total = targets.len();
    // Every invite code shares the DELETE route's bucket.
    let auto = || {
        targets
            .first()
            .and_then(|(code, _)| client.bucket_limit(&Route::DeleteInvite { code: code.clone() }))
            .map_or(1, |limit| limit as usize)
    };
    if let Some((code, _)) = targets.first() {
        io.progress(&format!("deleting 1/{total}: {code}"));
    }
    batch::run(
        targets,
        concurrency,
        |(code, _)| client.delete_invite(code, reason),
        |result| result.as_ref().is_err_and(Error::is_rate_limited),
        auto,
        |n, outcome| {
            let (code, reasons) = &targets[n];
            match outcome {
                Outcome::Done(Ok(deleted)) => {
                    let action = Action::Deleted {
                        already_gone: deleted.is_already_gone(),
                    };
                    report.line(io, code.as_str(), &action, reasons);
                }
                Outcome::Done(Err(error)) => {
                    let failure = session.failure(&error);
                    report.line(io, code.as_str(), &Action::Failed(&failure), reasons);
                    failed += 1;
                    worst = Some(match worst.take() {
                        Some(w) => w.worst(failure),
                        None => failure,
                    });
                }
                Outcome::NotAttempted => {
                    report.line(io, code.as_str(), &Action::NotAttempted, reasons);
                    not_attempted += 1;
                }
            }
            if let Some((next, _)) = targets.get(n + 1) {
                io.progress(&format!("deleting {}/{total}: {next}", n + 2));
            }
        },
    );
    io.clear_progress();
    match worst {
        None => Ok(()),
        Some(worst) => {
            let mut message = format!("{failed} of {total} deletions failed");
            if not_attempted > 0 {
                let _ = write!(
                    message,
                    "; stopped at a rate limit that outlasted the retries, {not_attempted} not \
                     attempted"
                );
            }
            Err(Failure::batch(
                message,
                failed,
                total,
                not_attempted,
                &worst,
            ))
        }
    }
}

/// `invite delete`.
pub(crate) fn delete(args: &DeleteArgs, session: &Session, io: &mut Io<'_>) -> Result<(), Failure> {
    let targets = args
        .codes
        .iter()
        .map(|input| parse_code(input).map(|link| (link.code, Vec::new())))
        .collect::<Result<Vec<_>, _>>()?;
    let reason = parse_reason(args.reason.as_deref())?;
    let client = session.client(true)?;
    let concurrency = Concurrency::from_arg(args.batch.concurrency);
    delete_each(&client, &targets, reason.as_ref(), concurrency, session, io)
}

/// `invite target-users get|set|status`.
pub(crate) fn target_users(
    command: &TargetUsersCommand,
    session: &Session,
    stdin: &mut dyn Read,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    match command {
        TargetUsersCommand::Get { code, .. } => {
            let code = parse_code(code)?.code;
            let client = session.client(true)?;
            let ids = session.check(client.target_users(&code))?;
            if session.json {
                for id in &ids {
                    io.json(&json_line(&json!({ "user_id": id })));
                }
            } else {
                io.out_lines(&String::from_utf8_lossy(&write_target_users_csv(&ids)));
            }
        }
        TargetUsersCommand::Set { code, file, .. } => {
            let code = parse_code(code)?.code;
            let ids = read_target_users(file, stdin)?;
            let count = ids.len();
            let client = session.client(true)?;
            session.check(client.set_target_users(&code, &ids))?;
            if session.json {
                io.json(&json_line(&json!({ "code": code, "submitted": count })));
            } else {
                io.out(&format!(
                    "submitted {count} user id{} for {code}; the API processes them in the \
                     background: see `invite target-users status {code}`",
                    if count == 1 { "" } else { "s" }
                ));
            }
        }
        TargetUsersCommand::Status { code, .. } => {
            let code = parse_code(code)?.code;
            let client = session.client(true)?;
            let status = session.check(client.target_users_job_status(&code))?;
            if session.json {
                io.json(&json_line(&status));
            } else {
                io.out_lines(&job_status(&status));
            }
        }
    }
    Ok(())
}

/// The job status as `label: value` lines; absent times and message left out.
fn job_status(s: &TargetUsersJobStatus<'_>) -> String {
    let mut out = format!(
        "status:    {} ({})\nusers:     {} of {} processed\n",
        s.status,
        s.status.get(),
        s.processed_users,
        s.total_users
    );
    // Writing to a `String` cannot fail.
    if let Some(t) = s.created_at {
        let _ = writeln!(out, "created:   {t}");
    }
    if let Some(t) = s.completed_at {
        let _ = writeln!(out, "completed: {t}");
    }
    if let Some(e) = &s.error_message {
        let _ = writeln!(out, "error:     {}", text(e));
    }
    out
}

/// `invite prune`: lists the guild's invites and deletes those matching every filter.
pub(crate) fn prune(
    args: &PruneArgs,
    session: &Session,
    now: Timestamp,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    let filters = Filters::from_args(args);
    if filters.is_empty() {
        return Err(Failure::Usage(
            "prune needs a filter (--expired, --unused, --older-than, --max-uses-reached) or --all"
                .into(),
        ));
    }
    let reason = parse_reason(args.reason.as_deref())?;
    let client = session.client(true)?;
    io.progress(&format!("listing the invites of guild {}", args.guild));
    let invites = session.check(client.guild_invites(args.guild))?;
    io.clear_progress();
    let mut targets: Vec<(InviteCode, Vec<String>)> = Vec::new();
    let mut lacking = 0usize;
    for invite in &invites {
        if filters.lacks_data(invite) {
            lacking += 1;
        }
        let Some(reasons) = filters.reasons(invite, now) else {
            continue;
        };
        match InviteCode::from_code(&invite.code) {
            Ok(code) => targets.push((code, reasons)),
            Err(e) => io.err(&format!(
                "warning: skipping invite {:?}: not a valid code: {e}",
                &*invite.code
            )),
        }
    }
    if lacking > 0 {
        io.err(&format!(
            "warning: {lacking} invite{} lack the uses or creation time the filters need (the \
             token needs MANAGE_GUILD to see them) and were kept",
            if lacking == 1 { "" } else { "s" }
        ));
    }
    // The summary goes to standard error (text mode), so standard output holds only the
    // report's lines.
    if targets.is_empty() {
        if !session.json {
            let among = match invites.len() {
                0 => format!("guild {} has no invites", args.guild),
                1 => format!("the 1 invite of guild {}", args.guild),
                n => format!("the {n} invites of guild {}", args.guild),
            };
            io.err(&format!("prune: nothing matched: {among}"));
        }
        return Ok(());
    }
    let summary = |done: &str| {
        format!(
            "prune: {} of {} invites of guild {} matched{done}",
            targets.len(),
            invites.len(),
            args.guild
        )
    };
    if args.dry_run {
        let report = Report::new(session.json, &targets);
        for (code, reasons) in &targets {
            report.line(io, code.as_str(), &Action::WouldDelete, reasons);
        }
        if !session.json {
            io.err(&summary("; dry run, nothing deleted"));
        }
        return Ok(());
    }
    let concurrency = Concurrency::from_arg(args.batch.concurrency);
    let result = delete_each(&client, &targets, reason.as_ref(), concurrency, session, io);
    if !session.json {
        io.err(&summary(if result.is_ok() { "; all deleted" } else { "" }));
    }
    result
}

/// "Now" from the system clock.
pub(crate) fn now() -> Timestamp {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    Timestamp::from_unix_millis(ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> InviteCode {
        InviteCode::from_code(s).unwrap()
    }

    /// Every action's line, text and JSON, of one batch.
    fn lines(json: bool, targets: &[(InviteCode, Vec<String>)]) -> String {
        let failure = Failure::api(204, "no invite".into());
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut io = Io::new(&mut out, &mut err, false);
        let report = Report::new(json, targets);
        let actions = [
            Action::Deleted {
                already_gone: false,
            },
            Action::WouldDelete,
            Action::Failed(&failure),
            Action::NotAttempted,
            Action::Deleted { already_gone: true },
        ];
        for ((code, reasons), action) in targets.iter().cycle().zip(&actions) {
            report.line(&mut io, code.as_str(), action, reasons);
        }
        drop(io);
        assert!(err.is_empty());
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn report_columns_are_as_wide_as_the_widest_label_code_and_reasons() {
        let targets = vec![
            (code("ab"), vec!["unused".to_owned()]),
            (
                code("longer1234"),
                vec!["expired".to_owned(), "unused".to_owned()],
            ),
        ];
        assert_eq!(
            lines(false, &targets),
            "\
deleted        ab          unused
would delete   longer1234  expired, unused
failed         ab          unused           no invite
not attempted  longer1234  expired, unused
deleted        ab          unused           (already gone)
"
        );
        // Without reasons (`delete`), no reasons column.
        let targets = vec![(code("ab"), Vec::new()), (code("longer1234"), Vec::new())];
        assert_eq!(
            lines(false, &targets),
            "\
deleted        ab
would delete   longer1234
failed         ab          no invite
not attempted  longer1234
deleted        ab          (already gone)
"
        );
    }

    #[test]
    fn report_json_lines_carry_the_failure_object() {
        let targets = vec![(code("ab"), vec!["all".to_owned()])];
        let out = lines(true, &targets);
        let values: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let actions: Vec<&str> = values
            .iter()
            .map(|v| v["action"].as_str().unwrap())
            .collect();
        assert_eq!(
            actions,
            [
                "deleted",
                "would_delete",
                "failed",
                "not_attempted",
                "deleted"
            ]
        );
        assert_eq!(
            values[2],
            json!({
                "action": "failed", "code": "ab", "reasons": ["all"], "error": "no invite",
                "failure": {"error": "api", "status": 204, "code": null, "message": "no invite"}
            })
        );
        assert_eq!(values[4]["already_gone"], true);
        assert!(values[0].get("failure").is_none());
    }
}
