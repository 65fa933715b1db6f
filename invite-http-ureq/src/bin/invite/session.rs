//! [`Session`]: the global options, the token from the environment, and the client they make.

use std::ffi::OsString;
use std::time::Duration;

use invite_http_ureq::{BuildError, Client, DEFAULT_CONNECT_TIMEOUT, Error, Token};
use invite_model::base_url::BaseUrl;
use invite_model::terminal::escape;
use invite_model::{Platform, Redactor};

use crate::args::Cli;
use crate::failure::Failure;

/// What the token variable holds.
#[derive(Clone, PartialEq, Eq)]
enum TokenVar {
    /// Not set.
    Unset,
    /// Set but empty (or only whitespace).
    Empty,
    /// Set but not UTF-8.
    NotUnicode,
    /// The token (whitespace around it removed, a `Bot `/`Bearer ` prefix understood).
    Set(Token, String),
}

/// The global and network options and the token, ready to build a client.
pub(crate) struct Session {
    /// The platform (`--platform`).
    pub(crate) platform: Platform,
    /// `--json`.
    pub(crate) json: bool,
    base_url: Option<String>,
    allow_insecure_http: bool,
    timeout: Duration,
    verbose: bool,
    token_env: String,
    token: TokenVar,
    /// The API's `host[:port]` (from `--base-url` or the platform's), named in transport
    /// errors and log lines.
    host: String,
}

impl core::fmt::Debug for Session {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Session")
            .field("platform", &self.platform)
            .field("base_url", &self.base_url)
            .field("token_env", &self.token_env)
            .field("token", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl Session {
    /// The options of `cli` (its command's network options, else those before the command
    /// name); reads the token variable named by `--token-env` through `env`.
    pub(crate) fn new(cli: &Cli, env: &dyn Fn(&str) -> Option<OsString>) -> Self {
        let global = &cli.global;
        let network = cli.network();
        let token_env = network.token_env().to_owned();
        let token = match env(&token_env) {
            None => TokenVar::Unset,
            Some(value) => match value.into_string() {
                Err(_) => TokenVar::NotUnicode,
                Ok(value) => {
                    let value = value.trim();
                    let (bearer, secret) = if let Some(rest) = value.strip_prefix("Bearer ") {
                        (true, rest.trim_start())
                    } else if let Some(rest) = value.strip_prefix("Bot ") {
                        (false, rest.trim_start())
                    } else {
                        (network.bearer, value)
                    };
                    // A `Bot `/`Bearer ` prefix in the variable wins over --user-token.
                    let prefixed = secret.len() < value.len();
                    if secret.is_empty() {
                        TokenVar::Empty
                    } else if bearer {
                        TokenVar::Set(Token::bearer(secret), secret.to_owned())
                    } else if network.user_token && !prefixed {
                        TokenVar::Set(Token::user(secret), secret.to_owned())
                    } else {
                        TokenVar::Set(Token::bot(secret), secret.to_owned())
                    }
                }
            },
        };
        let platform = global.platform.platform();
        let host = host_of(network.base_url.as_deref().unwrap_or(platform.base_url()));
        Self {
            platform,
            json: global.json,
            timeout: network.timeout(),
            base_url: network.base_url,
            allow_insecure_http: network.allow_insecure_http,
            verbose: network.verbose,
            token_env,
            token,
            host,
        }
    }

    /// The API's host, with the port when the base URL names one: `discord.com`,
    /// `127.0.0.1:8080`.
    pub(crate) fn host(&self) -> &str {
        &self.host
    }

    /// A client error as a failure, naming the API's host if it is a timeout or a transport
    /// failure.
    pub(crate) fn failure(&self, error: &Error) -> Failure {
        Failure::from_client(error).locate(&self.host)
    }

    /// A client result, its error sorted into its exit code by [`failure`](Self::failure).
    pub(crate) fn check<T>(&self, result: Result<T, Error>) -> Result<T, Failure> {
        result.map_err(|e| self.failure(&e))
    }

    /// Removes the token from printed text.
    pub(crate) fn redactor(&self) -> Redactor {
        match &self.token {
            TokenVar::Set(_, secret) => Redactor::new().with_secret(secret.as_str()),
            _ => Redactor::new(),
        }
    }

    /// A client for the platform (or `--base-url`) with the token, or without one when the
    /// command works unauthenticated and the variable is unset or empty. With `--verbose`,
    /// every request is logged to standard error.
    pub(crate) fn client(&self, needs_token: bool) -> Result<Client, Failure> {
        let name = &self.token_env;
        let token = match &self.token {
            TokenVar::Set(token, _) => Some(token.clone()),
            TokenVar::NotUnicode => {
                return Err(Failure::Input(format!(
                    "the environment variable {name} is not valid UTF-8"
                )));
            }
            TokenVar::Unset if needs_token => {
                return Err(Failure::Input(format!(
                    "this command needs a token: set the environment variable {name} to the bot \
                     token (or name another variable with --token-env)"
                )));
            }
            TokenVar::Empty if needs_token => {
                return Err(Failure::Input(format!(
                    "this command needs a token, but the environment variable {name} is empty"
                )));
            }
            TokenVar::Unset | TokenVar::Empty => None,
        };
        let mut builder = Client::builder()
            .platform(self.platform)
            .timeout(self.timeout)
            .connect_timeout(self.timeout.min(DEFAULT_CONNECT_TIMEOUT))
            .allow_insecure_http(self.allow_insecure_http);
        if let Some(url) = &self.base_url {
            builder = builder.base_url(url.as_str());
        }
        if let Some(token) = token {
            builder = builder.token(token);
        }
        if self.verbose {
            let redactor = self.redactor();
            let host = self.host.clone();
            builder = builder.log(move |event| {
                let line = format!("{host}: {event}");
                // Log lines carry API error messages: escaped like all human output.
                eprintln!("invite: {}", escape(&redactor.redact(&line)));
            });
        }
        builder.build().map_err(|e| match e {
            // The model's check says what is wrong and where, never what the token is.
            BuildError::InvalidToken(why) => {
                Failure::Input(format!("the token in {name} is malformed: {why}"))
            }
            BuildError::InvalidBaseUrl(_) => Failure::Usage(e.to_string()),
            BuildError::InsecureHttp { host } => Failure::Usage(format!(
                "refusing to send the token in {name} over plain http to {host}, which is not \
                 loopback: use an https:// --base-url, or --allow-insecure-http if the network \
                 is trusted"
            )),
            other => Failure::Input(other.to_string()),
        })
    }
}

/// `host[:port]` of a base URL (the host as written, brackets kept for IPv6); the whole text
/// if it does not parse (it always does: `--base-url` and the platforms' URLs are checked).
fn host_of(base_url: &str) -> String {
    match BaseUrl::parse(base_url) {
        Ok(url) => match url.port() {
            Some(port) => format!("{}:{port}", url.host()),
            None => url.host().to_owned(),
        },
        Err(_) => base_url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::args::Cli;

    const SECRET: &str = "MTIz.secret-value.xyz";

    fn session(args: &[&str], value: Option<&str>) -> Session {
        let cli = Cli::try_parse_from(
            ["invite"]
                .into_iter()
                .chain(args.iter().copied())
                .chain(["get", "abc"]),
        )
        .unwrap();
        let value = value.map(OsString::from);
        Session::new(&cli, &move |name: &str| {
            (name == "DISCORD_TOKEN" || name == "OTHER").then(|| value.clone())?
        })
    }

    #[test]
    fn token_from_the_environment() {
        let s = session(&[], Some(SECRET));
        assert!(
            matches!(&s.token, TokenVar::Set(t, secret) if t.scheme() == "Bot" && secret == SECRET)
        );
        assert!(!format!("{s:?}").contains(SECRET));
        assert_eq!(s.redactor().redact(SECRET), "<redacted>");
        let s = session(&["--bearer"], Some(&format!("  {SECRET}\n")));
        assert!(
            matches!(&s.token, TokenVar::Set(t, secret) if t.scheme() == "Bearer" && secret == SECRET)
        );
        let s = session(&[], Some(&format!("Bearer {SECRET}")));
        assert!(matches!(&s.token, TokenVar::Set(t, _) if t.scheme() == "Bearer"));
        let s = session(&["--bearer"], Some(&format!("Bot {SECRET}")));
        assert!(matches!(&s.token, TokenVar::Set(t, _) if t.scheme() == "Bot"));
        let s = session(&["--user-token"], Some(SECRET));
        assert!(
            matches!(&s.token, TokenVar::Set(t, secret) if t.scheme().is_empty() && secret == SECRET)
        );
        let s = session(&["--user-token"], Some(&format!("Bot {SECRET}")));
        assert!(matches!(&s.token, TokenVar::Set(t, _) if t.scheme() == "Bot"));
        let s = session(&["--token-env", "OTHER"], Some(SECRET));
        assert!(matches!(&s.token, TokenVar::Set(..)));
        let s = session(&["--token-env", "NOPE"], Some(SECRET));
        assert!(s.token == TokenVar::Unset);
        assert!(session(&[], Some("  ")).token == TokenVar::Empty);
    }

    #[test]
    fn missing_token_is_refused_only_when_needed() {
        let s = session(&[], None);
        assert!(s.client(false).is_ok());
        assert_eq!(
            s.client(true).unwrap_err(),
            Failure::Input(
                "this command needs a token: set the environment variable DISCORD_TOKEN to the \
                 bot token (or name another variable with --token-env)"
                    .into()
            )
        );
        let s = session(&["--token-env", "OTHER"], Some(""));
        assert!(s.client(false).is_ok());
        assert_eq!(
            s.client(true).unwrap_err(),
            Failure::Input(
                "this command needs a token, but the environment variable OTHER is empty".into()
            )
        );
        let s = session(&[], Some("has space"));
        let err = s.client(false).unwrap_err();
        assert_eq!(
            err,
            Failure::Input(
                "the token in DISCORD_TOKEN is malformed: the token has whitespace at byte 3; \
                 tokens are made of A-Z, a-z, 0-9, '.', '_' and '-'"
                    .into()
            )
        );
        assert!(!err.to_string().contains("has space"));
        // Issue 9, defect 5: a quote or backslash, which JSON output would escape.
        let s = session(&["--token-env", "OTHER"], Some(r#"MTIz.ab"c\d"#));
        let err = s.client(true).unwrap_err();
        assert_eq!(err.exit_code(), 3);
        assert_eq!(
            err.to_string(),
            "the token in OTHER is malformed: the token has a quote or backslash at byte 7; \
             tokens are made of A-Z, a-z, 0-9, '.', '_' and '-'"
        );
    }

    #[test]
    fn platform_and_base_url() {
        let c = session(&["--platform", "fluxer"], None)
            .client(false)
            .unwrap();
        assert_eq!(c.base_url(), "https://api.fluxer.app/v1");
        let c = session(&["--base-url", "http://127.0.0.1:9/api/v10/"], Some(SECRET))
            .client(true)
            .unwrap();
        assert_eq!(c.base_url(), "http://127.0.0.1:9/api/v10");
        assert!(!format!("{c:?}").contains(SECRET));
    }

    #[test]
    fn the_host_comes_from_the_base_url() {
        assert_eq!(session(&[], None).host(), "discord.com");
        assert_eq!(
            session(&["--platform", "fluxer"], None).host(),
            "api.fluxer.app"
        );
        let s = session(&["--base-url", "http://127.0.0.1:9/api/v10/"], None);
        assert_eq!(s.host(), "127.0.0.1:9");
        assert_eq!(
            session(&["--base-url", "https://[::1]:8443"], None).host(),
            "[::1]:8443"
        );
        let refused = Error::Transport(invite_http_ureq::TransportError::new(
            invite_http_ureq::TransportErrorKind::Connect,
            "io: refused",
        ));
        assert_eq!(
            s.failure(&refused).to_string(),
            "cannot connect to 127.0.0.1:9: io: refused"
        );
        assert_eq!(
            s.check::<()>(Err(Error::Timeout))
                .unwrap_err()
                .json()
                .unwrap(),
            r#"{"error":"timeout","host":"127.0.0.1:9","message":"request timed out"}"#
        );
    }

    #[test]
    fn network_options_after_the_command_win() {
        let cli = Cli::try_parse_from([
            "invite",
            "--timeout",
            "2",
            "--token-env",
            "OTHER",
            "--base-url",
            "https://a.example",
            "get",
            "abc",
            "--timeout",
            "3",
            "--verbose",
        ])
        .unwrap();
        let s = Session::new(&cli, &|name: &str| {
            (name == "OTHER").then(|| OsString::from(SECRET))
        });
        assert_eq!(s.timeout, Duration::from_secs(3));
        assert!(s.verbose);
        assert_eq!(s.token_env, "OTHER");
        assert_eq!(s.host(), "a.example");
        assert!(matches!(s.token, TokenVar::Set(..)));
        // Defaults when neither gives one.
        let cli = Cli::try_parse_from(["invite", "get", "abc"]).unwrap();
        let s = Session::new(&cli, &|_: &str| None);
        assert_eq!(
            (s.timeout, s.token_env.as_str(), s.verbose),
            (Duration::from_secs(30), "DISCORD_TOKEN", false)
        );
    }

    #[test]
    fn plain_http_off_loopback_needs_the_flag_when_there_is_a_token() {
        let remote = ["--base-url", "http://api.example.com/v10"];
        let err = session(&remote, Some(SECRET)).client(false).unwrap_err();
        assert_eq!(
            err,
            Failure::Usage(
                "refusing to send the token in DISCORD_TOKEN over plain http to api.example.com, \
                 which is not loopback: use an https:// --base-url, or --allow-insecure-http if \
                 the network is trusted"
                    .into()
            )
        );
        assert_eq!(err.exit_code(), 2);
        let allowed = [remote[0], remote[1], "--allow-insecure-http"];
        assert!(session(&allowed, Some(SECRET)).client(true).is_ok());
        // No token, nothing to protect.
        assert!(session(&remote, None).client(false).is_ok());
        let https = ["--base-url", "https://api.example.com/v10"];
        assert!(session(&https, Some(SECRET)).client(true).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn non_unicode_variable() {
        use std::os::unix::ffi::OsStringExt;
        let cli = Cli::try_parse_from(["invite", "get", "abc"]).unwrap();
        let s = Session::new(&cli, &|_: &str| Some(OsString::from_vec(vec![0xff, 0xfe])));
        assert_eq!(
            s.client(false).unwrap_err(),
            Failure::Input("the environment variable DISCORD_TOKEN is not valid UTF-8".into())
        );
    }
}
