//! The commands for the rest of the invite endpoints: `accept`, `friend`, `vanity`, `pause`,
//! `resume` and `lobby-invite`.
//!
//! Each builds the model's endpoint value (where every input is checked, so bad input exits 3
//! before any request) and runs it with `Client::execute`.

use std::time::Duration;

use clap::{Args, Subcommand};
use invite_http_ureq::Client;
use invite_model::endpoint::{
    AcceptInvite, CreateFriendInvite, CreateLobbyInvite, DeleteFriendInvites, Endpoint,
    GetFriendInvites, GetVanityUrl, IncidentsData, PutIncidentActions, SetVanityUrl, VanityUrl,
};
use invite_model::{
    IncidentActions, Invite, InviteCode, InviteLink, Snowflake, Timestamp, VanityCode,
};
use serde_json::json;

use crate::args::NetworkArgs;
use crate::duration::{format_duration, parse_duration};
use crate::failure::Failure;
use crate::io::Io;
use crate::output::{
    created_link, invite_json, invite_table, json_line, link, link_text, summary, text,
};
use crate::session::Session;

/// `invite accept`.
#[derive(Debug, Args)]
pub(crate) struct AcceptArgs {
    /// The invite code or link
    #[arg(value_name = "CODE_OR_LINK")]
    pub(crate) code: String,
    /// The gateway session that joins (guest invites need it)
    #[arg(long, value_name = "ID")]
    pub(crate) session_id: Option<String>,
    /// How to reach the API.
    #[command(flatten)]
    pub(crate) network: NetworkArgs,
}

/// `invite friend ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum FriendCommand {
    /// List your friend invites
    List {
        /// How to reach the API.
        #[command(flatten)]
        network: NetworkArgs,
    },
    /// Create a friend invite and print its link
    Create {
        /// Use this pre-generated code
        #[arg(long, value_name = "CODE")]
        code: Option<String>,
        /// How to reach the API.
        #[command(flatten)]
        network: NetworkArgs,
    },
    /// Revoke every friend invite (prints the revoked codes)
    Revoke {
        /// How to reach the API.
        #[command(flatten)]
        network: NetworkArgs,
    },
}

/// `invite vanity ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum VanityCommand {
    /// Show a guild's vanity code and how often it was used (needs MANAGE_GUILD)
    Get {
        /// The guild
        #[arg(long, value_name = "ID")]
        guild: Snowflake,
        /// How to reach the API.
        #[command(flatten)]
        network: NetworkArgs,
    },
    /// Set a guild's vanity code: 2 to 32 of a-z, 0-9 and '-' (Fluxer only; Discord does not
    /// let bots change it)
    Set {
        /// The guild
        #[arg(long, value_name = "ID")]
        guild: Snowflake,
        /// The new code
        #[arg(value_name = "CODE")]
        code: String,
        /// How to reach the API.
        #[command(flatten)]
        network: NetworkArgs,
    },
}

/// `invite pause`.
#[derive(Debug, Args)]
pub(crate) struct PauseArgs {
    /// The guild whose invites are paused (needs MANAGE_GUILD)
    #[arg(long, value_name = "ID")]
    pub(crate) guild: Snowflake,
    /// How long: `2h`, `90m`, `1d` (at most 24 hours; Discord only)
    #[arg(long = "for", value_name = "DURATION", value_parser = parse_duration)]
    pub(crate) duration: Duration,
    /// How to reach the API.
    #[command(flatten)]
    pub(crate) network: NetworkArgs,
}

/// `invite resume`.
#[derive(Debug, Args)]
pub(crate) struct ResumeArgs {
    /// The guild whose invites are resumed (needs MANAGE_GUILD)
    #[arg(long, value_name = "ID")]
    pub(crate) guild: Snowflake,
    /// How to reach the API.
    #[command(flatten)]
    pub(crate) network: NetworkArgs,
}

/// `invite lobby-invite`.
#[derive(Debug, Args)]
pub(crate) struct LobbyInviteArgs {
    /// The lobby, which must have a linked channel
    #[arg(long, value_name = "ID")]
    pub(crate) lobby: Snowflake,
    /// The lobby member the invite is for (with the bot token); without it, the invite is for
    /// the caller (a --bearer token with the sdk.social_layer scope)
    #[arg(long, value_name = "ID")]
    pub(crate) user: Option<Snowflake>,
    /// How to reach the API.
    #[command(flatten)]
    pub(crate) network: NetworkArgs,
}

/// Runs `endpoint`, sorting a failure into its exit code and its JSON object
/// ([`Session::check`]: the host named in transport errors).
fn run<E: Endpoint>(
    session: &Session,
    client: &Client,
    endpoint: &E,
) -> Result<E::Output, Failure> {
    session.check(client.execute(endpoint))
}

/// Parses a code or link; refuses anything else (exit 3).
fn parse_code(input: &str) -> Result<InviteLink, Failure> {
    InviteCode::parse_link(input)
        .map_err(|e| Failure::Input(format!("{input:?} is not an invite code or link: {e}")))
}

/// Invites as a table (or `none` when there are none), or JSON lines (with their links).
fn print_invites(invites: &[Invite<'_>], session: &Session, none: &str, io: &mut Io<'_>) {
    if session.json {
        for invite in invites {
            io.json(&invite_json(invite, session.platform));
        }
    } else if invites.is_empty() {
        io.out(none);
    } else {
        io.out_lines(&invite_table(invites));
    }
}

/// `invite accept`: joins through an invite (user tokens, or an OAuth2 token with
/// `guilds.join`; bots cannot).
pub(crate) fn accept(args: &AcceptArgs, session: &Session, io: &mut Io<'_>) -> Result<(), Failure> {
    let link = parse_code(&args.code)?;
    let mut endpoint = AcceptInvite::new(link.code.clone());
    if let Some(id) = &args.session_id {
        endpoint = endpoint.session_id(id.as_str());
    }
    let client = session.client(true)?;
    if let Some(p) = link.platform.filter(|&p| p != session.platform) {
        io.err(&format!(
            "warning: {:?} is a {p} link, but requests go to {} (use --platform {p})",
            args.code, session.platform
        ));
    }
    let invite = run(session, &client, &endpoint)?;
    if session.json {
        io.json(&invite_json(&invite, session.platform));
    } else {
        io.out_lines(&summary(&invite, session.platform));
    }
    Ok(())
}

/// `invite friend list|create|revoke` (Discord user tokens; Fluxer has no friend invites).
pub(crate) fn friend(
    command: &FriendCommand,
    session: &Session,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    if !session.platform.has_friend_invites() {
        return Err(Failure::Input(format!(
            "{} has no friend invites",
            session.platform
        )));
    }
    match command {
        FriendCommand::List { .. } => {
            let client = session.client(true)?;
            let invites = run(session, &client, &GetFriendInvites::new())?;
            print_invites(&invites, session, "no friend invites", io);
        }
        FriendCommand::Create { code, .. } => {
            let mut endpoint = CreateFriendInvite::new();
            if let Some(code) = code {
                endpoint = endpoint.code(parse_code(code)?.code);
            }
            let client = session.client(true)?;
            let invite = run(session, &client, &endpoint)?;
            if session.json {
                io.json(&invite_json(&invite, session.platform));
            } else {
                io.out(&created_link(&invite.code, session.platform)?);
            }
        }
        FriendCommand::Revoke { .. } => {
            let client = session.client(true)?;
            let revoked = run(session, &client, &DeleteFriendInvites::new())?;
            if session.json {
                for invite in &revoked {
                    io.json(&json_line(
                        &json!({ "action": "revoked", "code": invite.code }),
                    ));
                }
            } else if revoked.is_empty() {
                io.out("no friend invites to revoke");
            } else {
                for invite in &revoked {
                    io.out(&format!("revoked  {}", text(&invite.code)));
                }
            }
        }
    }
    Ok(())
}

/// A vanity answer as text: the code, its link and its uses, or that there is none.
fn print_vanity(guild: Snowflake, vanity: &VanityUrl<'_>, session: &Session, io: &mut Io<'_>) {
    if session.json {
        io.json(&json_line(vanity));
        return;
    }
    match vanity.code.as_deref() {
        None => io.out(&format!("guild {guild} has no vanity code")),
        Some(code) => {
            io.out_lines(&format!(
                "code:  {}\nlink:  {}\nuses:  {}\n",
                text(code),
                link_text(code, session.platform),
                vanity
                    .uses
                    .map_or_else(|| String::from("not sent"), |n| n.to_string())
            ));
        }
    }
}

/// `invite vanity get|set`.
pub(crate) fn vanity(
    command: &VanityCommand,
    session: &Session,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    match command {
        VanityCommand::Get { guild, .. } => {
            let client = session.client(true)?;
            let vanity = run(session, &client, &GetVanityUrl::new(*guild))?;
            print_vanity(*guild, &vanity, session, io);
        }
        VanityCommand::Set { guild, code, .. } => {
            let code = VanityCode::new(code, session.platform)
                .map_err(|e| Failure::Input(e.to_string()))?;
            let client = session.client(true)?;
            let vanity = run(session, &client, &SetVanityUrl::new(*guild, code))?;
            print_vanity(*guild, &vanity, session, io);
        }
    }
    Ok(())
}

/// `now + duration`, saturating.
fn after(now: Timestamp, duration: Duration) -> Timestamp {
    let now_ms = u64::try_from(now.unix_millis()).unwrap_or(0);
    let ms = u64::try_from(duration.as_millis()).unwrap_or(u64::MAX);
    Timestamp::from_unix_millis(now_ms.saturating_add(ms))
}

/// Runs an incident-actions change and reports the invites' state.
fn incident_actions(
    guild: Snowflake,
    actions: IncidentActions,
    what: &str,
    session: &Session,
    now: Timestamp,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    let endpoint = PutIncidentActions::new(guild, actions, session.platform, now)
        .map_err(|e| Failure::Input(format!("{what}: {e}")))?;
    let client = session.client(true)?;
    let data: IncidentsData = run(session, &client, &endpoint)?;
    if session.json {
        io.json(&json_line(&data));
    } else {
        match data.invites_disabled_until {
            Some(until) => io.out(&format!("invites of guild {guild} paused until {until}")),
            None => io.out(&format!("invites of guild {guild} are not paused")),
        }
    }
    Ok(())
}

/// `invite pause`: pauses a guild's invites for a while (Discord, at most 24 hours).
pub(crate) fn pause(
    args: &PauseArgs,
    session: &Session,
    now: Timestamp,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    let until = after(now, args.duration);
    let what = format!("--for {}", format_duration(args.duration));
    incident_actions(
        args.guild,
        IncidentActions::new().pause_invites_until(until),
        &what,
        session,
        now,
        io,
    )
}

/// `invite resume`: lets a guild's invites work again.
pub(crate) fn resume(
    args: &ResumeArgs,
    session: &Session,
    now: Timestamp,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    incident_actions(
        args.guild,
        IncidentActions::new().resume_invites(),
        "resume",
        session,
        now,
        io,
    )
}

/// `invite lobby-invite`: a single-use, one-hour invite to a lobby's linked channel.
pub(crate) fn lobby_invite(
    args: &LobbyInviteArgs,
    session: &Session,
    io: &mut Io<'_>,
) -> Result<(), Failure> {
    let endpoint = match args.user {
        Some(user) => CreateLobbyInvite::for_user(args.lobby, user),
        None => CreateLobbyInvite::for_self(args.lobby),
    };
    let client = session.client(true)?;
    let invite = run(session, &client, &endpoint)?;
    if session.json {
        // Its code, and its link as every invite's JSON carries it.
        io.json(&json_line(&json!({
            "code": invite.code,
            "link": link(invite.code.as_str(), session.platform).ok(),
        })));
    } else {
        io.out(&created_link(invite.code.as_str(), session.platform)?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_adds_and_saturates() {
        let now = Timestamp::from_unix_millis(1_000);
        assert_eq!(after(now, Duration::from_secs(2)).unix_millis(), 3_000);
        assert!(after(now, Duration::MAX).unix_millis() > 1_000);
    }
}
