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

/// Raw `ureq`: one agent, the same URL and headers, the body parsed into an owned [`Invite`].
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

    /// An agent configured as `invite-http-ureq`'s client configures its own (an overall
    /// `timeout_global` and a connect timeout, no redirects, 16 idle connections per host) but
    /// with ureq's default resolver, which the client replaces: shows what the deadline costs
    /// without that resolver (a lookup thread per request).
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
        Ok(serde_json::from_slice::<Invite<'_>>(&body)?.into_owned())
    }
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
}
