//! Human-readable output: an invite's summary, tables; and JSON lines.
//!
//! Every piece of server text (names, codes, messages) is put in through
//! `invite_model::terminal::escape`, so its control, bidirectional and line-break characters
//! show as escapes and it stays within its line and cell. JSON lines are exact JSON.

use std::fmt::Write as _;

use invite_model::terminal::escape;
use invite_model::{Invite, InviteCode, InviteCodeError, Platform, Timestamp};
use serde::Serialize;

use crate::failure::Failure;

/// One value as a single line of JSON.
pub(crate) fn json_line(value: &impl Serialize) -> String {
    // The models and `serde_json::Value` always serialize (string keys, no failing impls).
    serde_json::to_string(value).unwrap_or_default()
}

/// The shareable link of the invite code `code` on `platform`, or why there is none: a code
/// that is not a valid invite code (`../x`, `a b`, from a file or a server) gets no link. The
/// one place the CLI writes an invite's link: the summary, the invite JSON and the commands that
/// print only a link all go through it.
pub(crate) fn link(code: &str, platform: Platform) -> Result<String, InviteCodeError> {
    InviteCode::from_code(code).map(|code| code.link(platform).to_string())
}

/// The link as the text summary shows it: the link, or that there is none and why.
pub(crate) fn link_text(code: &str, platform: Platform) -> String {
    link(code, platform)
        .unwrap_or_else(|e| format!("none: the code is not a valid invite code ({e})"))
}

/// The link of an invite the API just made, for a command whose output is that link
/// (`create`, `friend create`, `lobby-invite`); an API error (exit 4) if the code it returned is
/// not a valid invite code: no link is printed for it.
pub(crate) fn created_link(code: &str, platform: Platform) -> Result<String, Failure> {
    link(code, platform).map_err(|e| {
        Failure::Api(format!(
            "the API returned an invite whose code {code:?} is not a valid invite code ({e}); no \
             link printed"
        ))
    })
}

/// One invite as one line of JSON: the fields the model knows, typed (unknown fields are not
/// kept, timestamps normalized), then its `link` (`null` when the code is not a valid invite
/// code).
pub(crate) fn invite_json(invite: &Invite<'_>, platform: Platform) -> String {
    #[derive(Serialize)]
    struct WithLink<'a, 'b> {
        #[serde(flatten)]
        invite: &'a Invite<'b>,
        link: Option<String>,
    }
    json_line(&WithLink {
        invite,
        link: link(&invite.code, platform).ok(),
    })
}

/// A readable, multi-line summary of one invite; lines for absent data are left out.
pub(crate) fn summary(i: &Invite<'_>, platform: Platform) -> String {
    let mut s = String::new();
    // Writing to a `String` cannot fail.
    let _ = write_summary(&mut s, i, platform);
    s
}

fn write_summary(s: &mut String, i: &Invite<'_>, platform: Platform) -> std::fmt::Result {
    let row = |s: &mut String, label: &str, value: &dyn std::fmt::Display| {
        writeln!(s, "{:<11}{value}", format!("{label}:"))
    };
    row(s, "code", &escape(&i.code))?;
    row(s, "link", &link_text(&i.code, platform))?;
    match i.inferred_kind() {
        Some(k) => {
            let name = k.name(platform).map_or_else(
                || format!("unknown ({})", k.get()),
                |name| format!("{name} ({})", k.get()),
            );
            row(s, "type", &name)?;
        }
        None => row(s, "type", &"unknown")?,
    }
    match (&i.guild, i.guild_id()) {
        (Some(g), _) => row(s, "guild", &format_args!("{} ({})", escape(&g.name), g.id))?,
        (None, Some(id)) => row(s, "guild", &id)?,
        (None, None) => {}
    }
    if let Some(c) = &i.channel {
        match c.name.as_deref() {
            Some(name) => row(
                s,
                "channel",
                &format_args!("{} ({}, {})", escape(name), c.id, c.kind),
            )?,
            None => row(s, "channel", &format_args!("{} ({})", c.id, c.kind))?,
        }
    }
    if let Some(p) = &i.pack {
        let name = p.name.as_deref().map_or("(unnamed)".into(), text);
        row(s, "pack", &format_args!("{name} ({})", p.id))?;
    }
    if let Some(u) = &i.inviter {
        row(
            s,
            "inviter",
            &format_args!("{} ({})", escape(&u.username), u.id),
        )?;
    }
    if let Some(t) = i.target_type {
        let mut target = t.to_string();
        if let Some(u) = &i.target_user {
            let _ = write!(target, ", user {} ({})", escape(&u.username), u.id);
        }
        if let Some(a) = &i.target_application {
            let name = a.name.as_deref().map_or("?".into(), text);
            let _ = write!(target, ", application {name}");
        }
        row(s, "target", &target)?;
    }
    if let Some(e) = &i.guild_scheduled_event {
        let name = e.name.as_deref().map_or("(unnamed)".into(), text);
        row(s, "event", &format_args!("{name} ({})", e.id))?;
    }
    if let Some(roles) = i.roles.as_ref().filter(|r| !r.is_empty()) {
        let names: Vec<String> = roles
            .iter()
            .map(|r| match r.name.as_deref() {
                Some(name) => format!("{} ({})", escape(name), r.id),
                None => r.id.to_string(),
            })
            .collect();
        row(s, "roles", &names.join(", "))?;
    }
    row(s, "expires", &expires(i))?;
    if i.uses.is_some() || i.max_uses.is_some() {
        row(s, "uses", &uses(i))?;
    }
    if let Some(age) = i.max_age {
        row(s, "max age", &max_age(age))?;
    }
    if let Some(t) = i.temporary {
        row(s, "temporary", &if t { "yes" } else { "no" })?;
    }
    if let Some(t) = i.created_at {
        row(s, "created", &t)?;
    }
    match (i.member_count(), i.presence_count()) {
        (None, None) => {}
        (m, p) => {
            let n = |c: Option<u64>| c.map_or_else(|| "?".to_owned(), |c| c.to_string());
            row(s, "members", &format_args!("{} ({} online)", n(m), n(p)))?;
        }
    }
    Ok(())
}

/// Server text, escaped for the terminal.
pub(crate) fn text(s: &str) -> String {
    escape(s).to_string()
}

/// `never`, or the expiry time.
fn expires(i: &Invite<'_>) -> String {
    i.expiry()
        .map_or_else(|| "never".to_owned(), |t: Timestamp| t.to_string())
}

/// `3/10`, `3/unlimited`, `?/10`, or `-`.
fn uses(i: &Invite<'_>) -> String {
    let used = i.uses.map_or_else(|| "?".to_owned(), |u| u.to_string());
    match i.max_uses {
        Some(0) => format!("{used}/unlimited"),
        Some(m) => format!("{used}/{m}"),
        None if i.uses.is_some() => used,
        None => "-".to_owned(),
    }
}

/// `forever` or seconds.
fn max_age(secs: u64) -> String {
    if secs == 0 {
        "forever".to_owned()
    } else {
        format!("{secs} s")
    }
}

/// Renders rows under a header, each column as wide as its widest cell, two spaces apart.
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (n, (cell, w)) in cells.zip(&widths).enumerate() {
            if n > 0 {
                text.push_str("  ");
            }
            let _ = write!(text, "{cell:<w$}");
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

/// The invite table of `list`: code, channel, inviter, uses, expiry, creation.
pub(crate) fn invite_table(invites: &[Invite<'_>]) -> String {
    let rows: Vec<Vec<String>> = invites
        .iter()
        .map(|i| {
            vec![
                text(&i.code),
                i.channel.as_ref().map_or_else(
                    || "-".to_owned(),
                    |c| c.name.as_deref().map_or_else(|| c.id.to_string(), text),
                ),
                i.inviter
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), |u| text(&u.username)),
                uses(i),
                expires(i),
                i.created_at
                    .map_or_else(|| "-".to_owned(), |t| t.to_string()),
            ]
        })
        .collect();
    table(
        &["CODE", "CHANNEL", "INVITER", "USES", "EXPIRES", "CREATED"],
        &rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const INVITE: &str = r#"{"type":0,"code":"jvuBeT38","guild":{"id":"1046920999469330512","name":"Alien Network","features":[]},"channel":{"id":"1057241425793798144","type":2,"name":"alien noises"},"inviter":{"id":"80351110224678912","username":"alien","discriminator":"0"},"expires_at":"2023-07-22T18:30:11+00:00","uses":3,"max_uses":10,"max_age":604800,"temporary":false,"created_at":"2023-07-15T18:30:11.047000+00:00","approximate_member_count":2000,"approximate_presence_count":120,"roles":[{"id":"5","name":"guest"}]}"#;

    #[test]
    fn summary_of_a_full_invite() {
        let i: Invite<'_> = serde_json::from_str(INVITE).unwrap();
        assert_eq!(
            summary(&i, Platform::Discord),
            "\
code:      jvuBeT38
link:      https://discord.gg/jvuBeT38
type:      GUILD (0)
guild:     Alien Network (1046920999469330512)
channel:   alien noises (1057241425793798144, GUILD_VOICE)
inviter:   alien (80351110224678912)
roles:     guest (5)
expires:   2023-07-22T18:30:11+00:00
uses:      3/10
max age:   604800 s
temporary: no
created:   2023-07-15T18:30:11.047+00:00
members:   2000 (120 online)
"
        );
    }

    #[test]
    fn invite_json_has_the_typed_fields_and_the_link() {
        let i: Invite<'_> = serde_json::from_str(
            r#"{"code":"abc","type":0,"unknown":1,"created_at":"2023-07-15T18:30:11.047000Z"}"#,
        )
        .unwrap();
        assert_eq!(
            invite_json(&i, Platform::Discord),
            r#"{"type":0,"code":"abc","created_at":"2023-07-15T18:30:11.047+00:00","link":"https://discord.gg/abc"}"#
        );
        assert_eq!(
            invite_json(&i, Platform::Fluxer),
            r#"{"type":0,"code":"abc","created_at":"2023-07-15T18:30:11.047+00:00","link":"https://fluxer.gg/abc"}"#
        );
        // Read back (the link is not a field of the model), it writes the same line.
        let line = invite_json(&i, Platform::Discord);
        let again: Invite<'_> = serde_json::from_str(&line).unwrap();
        assert_eq!(
            invite_json(&again, Platform::Discord),
            invite_json(&i, Platform::Discord)
        );
    }

    #[test]
    fn only_a_valid_code_gets_a_link() {
        assert_eq!(
            link("jvuBeT38", Platform::Fluxer).unwrap(),
            "https://fluxer.gg/jvuBeT38"
        );
        let long = "a".repeat(33);
        for bad in ["../x", "a/b?c", "x", "", "é1", long.as_str(), "ab\u{1b}[2J"] {
            assert!(link(bad, Platform::Discord).is_err(), "{bad:?}");
            assert!(
                link_text(bad, Platform::Discord).starts_with("none: "),
                "{bad:?}"
            );
            let f = created_link(bad, Platform::Discord).unwrap_err();
            assert_eq!(f.exit_code(), 4, "{bad:?}");
            assert!(!f.to_string().contains("https://"), "{f}");
            let mut i = Invite::default();
            i.code = bad.into();
            let line = invite_json(&i, Platform::Discord);
            let v: serde_json::Value = serde_json::from_str(&line).unwrap();
            assert_eq!(v["link"], serde_json::Value::Null, "{line}");
            assert!(
                !summary(&i, Platform::Discord).contains("https://"),
                "{bad:?}"
            );
        }
        let mut i = Invite::default();
        i.code = "../x".into();
        assert_eq!(
            invite_json(&i, Platform::Discord),
            r#"{"code":"../x","link":null}"#
        );
        assert_eq!(
            created_link("..", Platform::Discord)
                .unwrap_err()
                .to_string(),
            "the API returned an invite whose code \"..\" is not a valid invite code (invalid \
             character '.' (a dot) at byte 0: invite codes contain only A-Z, a-z, 0-9 and '-'); \
             no link printed"
        );
    }

    #[test]
    fn summary_of_a_minimal_invite_on_fluxer() {
        let i: Invite<'_> = serde_json::from_str(r#"{"code":"abc","type":2,"uses":4}"#).unwrap();
        assert_eq!(
            summary(&i, Platform::Fluxer),
            "\
code:      abc
link:      https://fluxer.gg/abc
type:      EMOJI_PACK (2)
expires:   never
uses:      4
"
        );
        let i: Invite<'_> = serde_json::from_str(r#"{"code":"x y","type":9}"#).unwrap();
        let s = summary(&i, Platform::Discord);
        assert!(
            s.starts_with(
                "code:      x y\nlink:      none: the code is not a valid invite code (invalid \
                 character ' ' (whitespace) at byte 1: invite codes contain only A-Z, a-z, 0-9 \
                 and '-')\ntype:      unknown (9)\n"
            ),
            "{s}"
        );
    }

    /// An invite whose every name is hostile: OSC retitle, clear screen, backspaces, a
    /// right-to-left override, a line break.
    const HOSTILE: &str = r#"{"type":0,"code":"ab\u001b[2J","guild":{"id":"1","name":"\u001b]0;owned\u0007G","features":[]},"channel":{"id":"2","type":0,"name":"chan\nnel"},"inviter":{"id":"3","username":"\u202eresu","discriminator":"0"},"target_type":1,"target_user":{"id":"4","username":"x\b\by","discriminator":"0"},"target_application":{"id":"5","name":"app\u009b2J"},"guild_scheduled_event":{"id":"6","guild_id":"1","name":"ev\u200bent","scheduled_start_time":"2023-07-15T18:30:11+00:00","privacy_level":2,"status":1,"entity_type":3},"roles":[{"id":"7","name":"r\rrole"}]}"#;

    #[test]
    fn server_text_is_escaped_in_summaries_and_tables() {
        let i: Invite<'_> = serde_json::from_str(HOSTILE).unwrap();
        let s = summary(&i, Platform::Discord);
        for raw in [
            '\u{1b}', '\u{7}', '\u{8}', '\u{202e}', '\u{9b}', '\u{200b}', '\r',
        ] {
            assert!(!s.contains(raw), "{raw:?} in {s}");
        }
        assert!(s.contains("code:      ab\\u{1b}[2J\n"), "{s}");
        assert!(s.contains("guild:     \\u{1b}]0;owned\\u{7}G (1)\n"), "{s}");
        assert!(s.contains("channel:   chan\\nnel (2, GUILD_TEXT)\n"), "{s}");
        assert!(s.contains("inviter:   \\u{202e}resu (3)\n"), "{s}");
        assert!(s.contains(", user x\\u{8}\\u{8}y (4)"), "{s}");
        assert!(s.contains(", application app\\u{9b}2J"), "{s}");
        assert!(s.contains("event:     ev\\u{200b}ent (6)\n"), "{s}");
        assert!(s.contains("roles:     r\\rrole (7)\n"), "{s}");
        // Every line is one of ours: the channel's line break did not start a new one.
        assert!(
            s.lines().all(|l| l.len() > 11 && l.as_bytes()[10] == b' '),
            "{s}"
        );
        let t = invite_table(&[i]);
        assert_eq!(
            t.lines().nth(1).unwrap(),
            "ab\\u{1b}[2J  chan\\nnel  \\u{202e}resu  -     never    -"
        );
    }

    #[test]
    fn table_aligns_columns() {
        let t = table(
            &["A", "LONG HEADER", "C"],
            &[
                vec!["wide cell".into(), "x".into(), String::new()],
                vec!["y".into(), "z".into(), "é".into()],
            ],
        );
        assert_eq!(
            t,
            "A          LONG HEADER  C\nwide cell  x\ny          z            é\n"
        );
    }

    #[test]
    fn invite_table_rows() {
        let a: Invite<'_> = serde_json::from_str(INVITE).unwrap();
        let b: Invite<'_> =
            serde_json::from_str(r#"{"code":"zz","max_uses":0,"uses":0,"max_age":0}"#).unwrap();
        assert_eq!(
            invite_table(&[a, b]),
            "\
CODE      CHANNEL       INVITER  USES         EXPIRES                    CREATED
jvuBeT38  alien noises  alien    3/10         2023-07-22T18:30:11+00:00  2023-07-15T18:30:11.047+00:00
zz        -             -        0/unlimited  never                      -
"
        );
    }
}
