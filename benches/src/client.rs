//! The two sides of the client benchmark: `invite-http-ureq`'s [`Client`] and raw `ureq`
//! sending the same Get Invite request to a [`loopback`](crate::loopback) server.

use std::io;

use invite_http_ureq::{Client, Token};
use invite_model::endpoint::GetInvite;
use invite_model::{Invite, InviteCode};

use crate::loopback::Server;
use crate::payloads::METADATA;

/// How many sequential requests the connection count is taken over.
pub const CONNECTION_CHECK_REQUESTS: usize = 50;

/// A made-up, well-formed bot token.
const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.bench-token";

/// The rate-limit headers Discord sends with a Get Invite answer (a roomy bucket).
const HEADERS: &[(&str, &str)] = &[
    ("X-RateLimit-Limit", "1000000"),
    ("X-RateLimit-Remaining", "999999"),
    ("X-RateLimit-Reset-After", "60.000"),
    ("X-RateLimit-Bucket", "41f9cd5d28af77da04563bcb1d67fdfd"),
];

/// A loopback server answering every request with the seed 004 invite and rate-limit headers.
pub fn server() -> io::Result<Server> {
    Server::start(HEADERS, METADATA)
}

/// The client pointed at `server`, without the proactive global limit (raw `ureq` has none;
/// with Discord's 50/s it would measure the limit), and the endpoint it calls.
pub fn ours(server: &Server) -> (Client, GetInvite) {
    let client = Client::builder()
        .token(Token::bot(TOKEN))
        .base_url(server.url())
        .global_limit(None)
        .build()
        .expect("a valid configuration");
    let code = InviteCode::parse("jvuBeT38").expect("a valid code");
    (client, GetInvite::new(code).with_counts(true))
}

/// Raw `ureq`: one agent, the same URL and headers, the body parsed into an owned [`Invite`]
/// the way the endpoint parses it ([`invite_model::from_json_slice`]).
#[derive(Debug)]
pub struct Raw {
    agent: ureq::Agent,
    url: String,
    authorization: String,
}

impl Raw {
    /// An agent for `server` with ureq's defaults (except that HTTP status codes are not
    /// errors, as in the client).
    pub fn new(server: &Server) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        Self::with_agent(server, agent)
    }

    /// The agent configuration `invite-http-ureq` ships, exactly: the agent of a fresh client
    /// built as [`ours`] builds it ([`Client::ureq_agent`]: the per-attempt deadline, connect
    /// timeout, no redirects, 16 idle connections per host, the user agent, and the client's
    /// own resolver), with its own pool.
    pub fn same_config(server: &Server) -> Self {
        let (client, _) = ours(server);
        Self::with_agent(server, client.ureq_agent())
    }

    /// The client's agent configuration (an overall `timeout_global` and a connect timeout, no
    /// redirects, 16 idle connections per host) but ureq's default resolver, which the client
    /// replaces: shows what the deadline costs without that resolver (a lookup thread per
    /// request).
    pub fn with_client_config(server: &Server) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(invite_http_ureq::DEFAULT_TIMEOUT))
            .timeout_connect(Some(invite_http_ureq::DEFAULT_CONNECT_TIMEOUT))
            .max_redirects(0)
            .max_redirects_will_error(false)
            .max_idle_connections_per_host(16)
            .user_agent(invite_http_ureq::USER_AGENT)
            .build()
            .into();
        Self::with_agent(server, agent)
    }

    fn with_agent(server: &Server, agent: ureq::Agent) -> Self {
        Self {
            agent,
            url: format!("{}/invites/jvuBeT38?with_counts=true", server.url()),
            authorization: format!("Bot {TOKEN}"),
        }
    }

    /// One Get Invite.
    pub fn get(&self) -> Result<Invite<'static>, Box<dyn std::error::Error>> {
        let mut response = self
            .agent
            .get(&self.url)
            .header("Authorization", &self.authorization)
            .header("User-Agent", invite_http_ureq::USER_AGENT)
            .call()?;
        let body = response.body_mut().read_to_vec()?;
        Ok(invite_model::from_json_slice::<Invite<'_>>(&body)?.into_owned())
    }
}

/// The sides of the interleaved comparison, in the order [`interleaved`] reports them.
pub const SIDES: [&str; 4] = [
    "invite-http-ureq Client",
    "raw ureq, the client's agent (same config and resolver)",
    "raw ureq, ureq's defaults",
    "raw ureq, the client's config with ureq's resolver",
];

/// The result of [`interleaved`]: per-request times of [`SIDES`] in alternating batches.
pub fn interleaved(
    server: &Server,
    rounds: usize,
    batch: usize,
    with_ureq_resolver: bool,
) -> Vec<crate::interleave::Series> {
    use crate::interleave::{Contender, measure_fixed};
    let (client, endpoint) = ours(server);
    let same = Raw::same_config(server);
    let defaults = Raw::new(server);
    let ureq_resolver = Raw::with_client_config(server);
    let expected = client
        .execute(&endpoint)
        .expect("the client gets the invite");
    for raw in [&same, &defaults, &ureq_resolver] {
        assert_eq!(raw.get().expect("raw ureq gets the invite"), expected);
    }
    let mut contenders = vec![
        Contender::new(SIDES[0], || {
            client
                .execute(&endpoint)
                .expect("the client gets the invite")
        }),
        Contender::new(SIDES[1], || same.get().expect("raw ureq gets the invite")),
        Contender::new(SIDES[2], || {
            defaults.get().expect("raw ureq gets the invite")
        }),
    ];
    if with_ureq_resolver {
        contenders.push(Contender::new(SIDES[3], || {
            ureq_resolver.get().expect("raw ureq gets the invite")
        }));
    }
    measure_fixed(&mut contenders, rounds, batch as u64)
}

/// Sends `n` sequential Get Invite requests with a fresh client, then with a fresh raw agent,
/// each to its own fresh server, and returns how many TCP connections each server accepted.
pub fn connections_for(n: usize) -> (usize, usize) {
    let first = server().expect("the loopback server starts");
    let (client, endpoint) = ours(&first);
    for _ in 0..n {
        client
            .execute(&endpoint)
            .expect("the client gets the invite");
    }
    assert_eq!(first.requests(), n);
    let second = server().expect("the loopback server starts");
    let raw = Raw::new(&second);
    for _ in 0..n {
        raw.get().expect("raw ureq gets the invite");
    }
    assert_eq!(second.requests(), n);
    (first.accepted(), second.accepted())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequential_requests_share_one_connection() {
        assert_eq!(connections_for(CONNECTION_CHECK_REQUESTS), (1, 1));
    }

    #[test]
    fn the_interleaved_comparison_runs_every_side() {
        let server = server().expect("the loopback server starts");
        let result = interleaved(&server, 3, 4, true);
        let names: Vec<&str> = result.iter().map(|s| s.name).collect();
        assert_eq!(names, SIDES);
        assert!(result.iter().all(|s| s.per_round.len() == 3));
        // 4 warm-up requests, then 3 rounds of 4 per side.
        assert_eq!(server.requests(), 4 + 3 * 4 * 4);
        for side in &result {
            assert!(side.median_ns() > 0.0);
        }
        // Every side keeps its connection alive: one each, however many requests.
        assert_eq!(server.accepted(), 4);
    }

    #[test]
    fn the_same_config_is_the_clients_agent() {
        let server = server().expect("the loopback server starts");
        let raw = Raw::same_config(&server);
        raw.get().expect("raw ureq gets the invite");
        let (client, _) = ours(&server);
        assert_eq!(
            format!("{:?}", raw.agent.config()),
            format!("{:?}", client.ureq_agent().config()),
            "the raw side runs on an agent configured exactly as the client's"
        );
        // And on the client's resolver, not ureq's.
        assert!(format!("{:?}", raw.agent).contains("resolver: CachingResolver"));
        assert!(!format!("{:?}", Raw::new(&server).agent).contains("CachingResolver"));
    }
}
