//! Input decoders shared by the fuzz targets: they turn the fuzzer's bytes into structured
//! values (HTTP answers, create-invite bodies, rate-limiter scripts) so that each target in
//! `fuzz_targets/` is only its invariant.

use std::time::Duration;

use invite_model::endpoint::Route;
use invite_model::ratelimit::{GLOBAL_WINDOW, IN_FLIGHT_POLL, MAX_WAIT};
use invite_model::{
    AttemptOutcome, CreateInvite, GuildInviteFlags, InviteCode, Platform, RateLimitInfo,
    RetryPolicy, Snowflake, TargetType,
};
use libfuzzer_sys::arbitrary::{Result, Unstructured};

/// An HTTP answer: status, headers (mostly the ones the crates read), body.
pub type Answer = invite_model::endpoint::OwnedResponse;

/// A status (200, 204, 429 or any), up to four headers, and the rest of the input as the body.
pub fn answer(u: &mut Unstructured<'_>) -> Result<Answer> {
    let status = match u.int_in_range(0u8..=3)? {
        0 => 200,
        1 => 204,
        2 => 429,
        _ => u.arbitrary()?,
    };
    let names = [
        "Retry-After",
        "X-RateLimit-Global",
        "X-RateLimit-Scope",
        "X-RateLimit-Reset-After",
        "Content-Type",
    ];
    let mut headers = Vec::new();
    for _ in 0..u.int_in_range(0u8..=4)? {
        let name = if u.ratio(3, 4)? {
            (*u.choose(&names)?).to_string()
        } else {
            u.arbitrary()?
        };
        headers.push((name, u.arbitrary()?));
    }
    let body = u.bytes(u.len())?.to_vec();
    Ok(Answer::new(status, headers, body))
}

/// The longest body [`amplified`] builds, in bytes.
pub const AMPLIFIED_MAX: usize = 1 << 20;

/// A body built by repeating fragments, so that a short input can describe the large, repetitive
/// bodies (a long key holding many entries) that make a parser quadratic. The input is a list of
/// segments, each `count` (2 bytes, little-endian), `len` (1 byte) and `len` bytes of fragment,
/// appended `count` times; the body stops at [`AMPLIFIED_MAX`] bytes. The seeds in
/// `corpus/error_body/` are written in this format.
pub fn amplified(data: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    let mut rest = data;
    while let [lo, hi, len, tail @ ..] = rest {
        let count = usize::from(u16::from_le_bytes([*lo, *hi]));
        let len = usize::from(*len).min(tail.len());
        let (fragment, after) = tail.split_at(len);
        rest = after;
        for _ in 0..count {
            if body.len() + fragment.len() > AMPLIFIED_MAX {
                return body;
            }
            body.extend_from_slice(fragment);
        }
    }
    body
}

/// A number near the interesting ranges most of the time, any `u32` otherwise.
fn number(u: &mut Unstructured<'_>, max: u32) -> Result<Option<u32>> {
    Ok(match u.int_in_range(0u8..=3)? {
        0 => None,
        1 => Some(u.int_in_range(0..=max.saturating_add(2))?),
        2 => Some(*u.choose(&[0, 1, max, max + 1, u32::MAX])?),
        _ => Some(u.arbitrary()?),
    })
}

/// A create-invite body with every field chosen by the input, through the public builder.
pub fn create_invite(u: &mut Unstructured<'_>) -> Result<CreateInvite> {
    let mut body = CreateInvite::new();
    let platform = Platform::Discord;
    if let Some(v) = number(u, *platform.max_age_range().end())? {
        body = body.max_age(v);
    }
    if let Some(v) = number(u, *platform.max_uses_range().end())? {
        body = body.max_uses(v);
    }
    if let Some(v) = u.arbitrary()? {
        body = body.temporary(v);
    }
    if let Some(v) = u.arbitrary()? {
        body = body.unique(v);
    }
    if u.arbitrary()? {
        body = body.target_type(TargetType(u.int_in_range(0..=3)?));
    }
    if u.arbitrary()? {
        body = body.target_user_id(Snowflake(u.arbitrary()?));
    }
    if u.arbitrary()? {
        body = body.target_application_id(Snowflake(u.arbitrary()?));
    }
    for _ in 0..u.int_in_range(0u8..=3)? {
        body = body.role_id(Snowflake(u.arbitrary()?));
    }
    if u.arbitrary()? {
        body = body.flags(GuildInviteFlags::from_bits_retain(u.int_in_range(0..=16)?));
    }
    Ok(body)
}

/// One step of a rate-limiter script.
#[derive(Debug, Clone)]
pub enum Op {
    /// `acquire`.
    Acquire,
    /// `record_failure`.
    Failure,
    /// `record` of this answer.
    Record(Answer),
    /// `MAX_BUCKETS + n` requests of new guilds, each answered with a new bucket hash, 4 left
    /// and a reset in an hour: the shape that used to lock every new bucket out.
    Flood(u8),
}

/// A step with its route and time, and the longest wait the limiter may ask for after it: the
/// longest reset or `retry_after` fed so far (for `X-RateLimit-Reset`, minus the time it was
/// fed at), at least its own waits (the one-second global window, the in-flight poll).
#[derive(Debug, Clone)]
pub struct Step {
    /// What to do.
    pub op: Op,
    /// On which route.
    pub route: Route,
    /// At which time (since the Unix epoch).
    pub now: Duration,
    /// The longest wait allowed from here on.
    pub bound: Duration,
}

/// One of three routes: an invite-code route (no major parameter, one bucket for every code), or
/// a channel or guild route with the major parameter 1 or 2.
fn route(u: &mut Unstructured<'_>) -> Result<Route> {
    let major = Snowflake(u.int_in_range(1..=2)?);
    Ok(match u.int_in_range(0u8..=2)? {
        0 => Route::GetInvite {
            code: InviteCode::parse(u.choose(&["abc", "jvuBeT38"])?).expect("valid codes"),
            with_counts: None,
            with_permissions: None,
            guild_scheduled_event_id: None,
        },
        1 => Route::CreateChannelInvite { channel_id: major },
        _ => Route::GetGuildInvites { guild_id: major },
    })
}

/// A header value: seconds we know (with the duration they mean), or text that is no number.
fn seconds(u: &mut Unstructured<'_>, now: Duration, absolute: bool) -> Result<(String, Duration)> {
    let base = if absolute { now.as_secs() } else { 0 };
    Ok(match u.int_in_range(0u8..=5)? {
        0 => {
            let ms: u32 = u.int_in_range(0..=120_000)?;
            let at = Duration::from_secs(base) + Duration::from_millis(ms.into());
            (format!("{}.{:03}", at.as_secs(), at.subsec_millis()), at)
        }
        1 => {
            let s = base.saturating_add(u.int_in_range(0..=7200)?);
            (s.to_string(), Duration::from_secs(s))
        }
        2 => ("inf".into(), Duration::MAX),
        3 => ("1e3".into(), Duration::from_secs(1000)),
        4 => {
            let s: u64 = u.arbitrary()?;
            (s.to_string(), Duration::from_secs(s))
        }
        _ => (
            (*u.choose(&["", "soon", "-1", "NaN", "-inf", " "])?).to_string(),
            Duration::ZERO,
        ),
    })
}

/// A limiter script: whether the limiter has Discord's global limit, then up to 64 steps at
/// times that go forwards mostly and backwards sometimes, with Discord's rate-limit headers
/// (numbers, junk, `inf`), bucket hashes, global flags and 429 bodies.
pub fn ratelimit_script(u: &mut Unstructured<'_>) -> Result<(bool, Vec<Step>)> {
    let global_limit = u.arbitrary()?;
    let mut now = Duration::from_secs(1_700_000_000);
    let mut bound = GLOBAL_WINDOW.max(IN_FLIGHT_POLL);
    let mut steps = Vec::new();
    let mut floods = 0;
    for _ in 0..u.int_in_range(1u8..=64)? {
        let step = Duration::from_millis(u.int_in_range(0..=5_000)?);
        now = if u.ratio(1, 8)? {
            now.saturating_sub(step)
        } else {
            now + step
        };
        let route = route(u)?;
        // At most one flood (thousands of requests), chosen by a byte that is not
        // zero (an exhausted input reads zeros).
        let flood = floods < 1 && u.int_in_range(0u8..=255)? == 255;
        let op = match u.int_in_range(0u8..=2)? {
            _ if flood => {
                floods += 1;
                // A flood answers with resets of an hour.
                bound = bound.max(MAX_WAIT);
                Op::Flood(u.arbitrary()?)
            }
            0 => Op::Acquire,
            1 => Op::Failure,
            _ => {
                let mut headers: Vec<(String, String)> = Vec::new();
                if u.arbitrary()? {
                    headers.push((
                        "X-RateLimit-Limit".into(),
                        u.int_in_range(0u32..=10)?.to_string(),
                    ));
                }
                if u.arbitrary()? {
                    let left = u.int_in_range(0u32..=10)?.to_string();
                    headers.push(("x-ratelimit-remaining".into(), left));
                }
                if u.arbitrary()? {
                    let (text, at) = seconds(u, now, true)?;
                    bound = bound.max(at.saturating_sub(now));
                    headers.push(("X-RateLimit-Reset".into(), text));
                }
                for name in ["X-RateLimit-Reset-After", "Retry-After"] {
                    if u.arbitrary()? {
                        let (text, d) = seconds(u, now, false)?;
                        bound = bound.max(d);
                        headers.push((name.into(), text));
                    }
                }
                let optional = [
                    ("X-RateLimit-Bucket", ["abcd", "efgh", "", "a b"]),
                    ("X-RateLimit-Global", ["true", "false", "TRUE", ""]),
                    ("X-RateLimit-Scope", ["user", "global", "shared", ""]),
                ];
                for (name, values) in optional {
                    if u.arbitrary()? {
                        headers.push((name.into(), (*u.choose(&values)?).to_string()));
                    }
                }
                let status = *u.choose(&[200u16, 204, 429, 429, 500])?;
                let body = if status == 429 && u.arbitrary()? {
                    let (text, d) = seconds(u, now, false)?;
                    // JSON numbers go through f64: allow a microsecond of rounding.
                    bound = bound.max(d.saturating_add(Duration::from_micros(1)));
                    let finite = text.parse::<f64>().is_ok_and(f64::is_finite);
                    let value = if finite { text } else { format!("{text:?}") };
                    format!(
                        r#"{{"retry_after":{value},"global":{}}}"#,
                        u.arbitrary::<bool>()?
                    )
                } else {
                    String::new()
                };
                Op::Record(Answer::new(status, headers, body.into_bytes()))
            }
        };
        steps.push(Step {
            op,
            route,
            now,
            bound,
        });
    }
    Ok((global_limit, steps))
}

/// A retry script: a policy with small numbers, whether the request is retry safe, and up to 64
/// attempts, each with its outcome, the rate-limit wait the limiter asks for before the next
/// attempt and how long the adapter then actually waited.
#[derive(Debug, Clone)]
pub struct RetryScript {
    /// The policy.
    pub policy: RetryPolicy,
    /// Whether the request may be sent twice.
    pub retry_safe: bool,
    /// The attempts.
    pub attempts: Vec<RetryStep>,
}

/// One attempt of a [`RetryScript`].
#[derive(Debug, Clone)]
pub struct RetryStep {
    /// What the attempt gave: `Some(status)` for a response, `None` for a timeout or a
    /// transport failure.
    pub status: Option<u16>,
    /// For a 429: whether it named a wait (`Retry-After: 2`).
    pub named_wait: bool,
    /// For a transport failure: whether it may be retried and whether the request was sent;
    /// `None` for a timeout.
    pub transport: Option<(bool, bool)>,
    /// The wait the rate limiter asks for before the next attempt.
    pub wait: Duration,
    /// How long the adapter waited for it.
    pub elapsed: Duration,
}

impl RetryStep {
    /// The outcome the tracker is told.
    pub fn outcome(&self) -> AttemptOutcome<'static> {
        const NAMED: &[(&str, &str)] = &[("retry-after", "2")];
        match (self.status, self.transport) {
            (Some(status), _) => {
                let headers = if self.named_wait { NAMED } else { &[] };
                AttemptOutcome::Response {
                    status,
                    rate_limit: RateLimitInfo::from_response(
                        &invite_model::endpoint::Response::new(status, headers, b""),
                    ),
                }
            }
            (None, Some((retryable, sent))) => AttemptOutcome::Transport { retryable, sent },
            (None, None) => AttemptOutcome::Timeout,
        }
    }
}

/// Decodes a [`RetryScript`].
pub fn retry_script(u: &mut Unstructured<'_>) -> Result<RetryScript> {
    let ms = |u: &mut Unstructured<'_>, max: u64| -> Result<Duration> {
        Ok(Duration::from_millis(u.int_in_range(0..=max)?))
    };
    // Read in this order (the corpus was written so).
    let max_rate_limit_retries = u.int_in_range(0..=8)?;
    let max_retries = u.int_in_range(0..=8)?;
    let backoff_base = ms(u, 5_000)?;
    let backoff_max = ms(u, 60_000)?;
    let max_rate_limit_wait = ms(u, 120_000)?;
    let policy = RetryPolicy::default()
        .with_max_rate_limit_retries(max_rate_limit_retries)
        .with_max_retries(max_retries)
        .with_backoff(backoff_base, backoff_max)
        .with_max_rate_limit_wait(max_rate_limit_wait);
    let retry_safe = u.arbitrary()?;
    let mut attempts = Vec::new();
    for _ in 0..u.int_in_range(1u8..=64)? {
        let (status, transport) = match u.int_in_range(0u8..=3)? {
            0 => (Some(429), None),
            1 => (
                Some(*u.choose(&[200u16, 204, 400, 404, 500, 502, 503])?),
                None,
            ),
            2 => (None, Some((u.arbitrary()?, u.arbitrary()?))),
            _ => (None, None),
        };
        attempts.push(RetryStep {
            status,
            named_wait: u.arbitrary()?,
            transport,
            wait: ms(u, 90_000)?,
            elapsed: ms(u, 100_000)?,
        });
    }
    Ok(RetryScript {
        policy,
        retry_safe,
        attempts,
    })
}

/// One input of a tracker script.
#[derive(Debug, Clone)]
pub enum TrackerOp {
    /// A `GUILD_MEMBER_ADD` (users are numbered by the script, each joins once).
    Join {
        /// Guild 1 to 4.
        guild: u64,
        /// The user.
        user: u64,
        /// A bot.
        bot: bool,
        /// Member flags (guests among them).
        flags: u64,
    },
    /// An `INVITE_CREATE` of one of eight codes (or of no guild).
    Create {
        /// The guild, `None` for none.
        guild: Option<u64>,
        /// The code.
        code: String,
        /// `max_uses`.
        max_uses: u64,
        /// `expires_at`, in ms from the script's start.
        expires_in: Option<u64>,
        /// A guest invite.
        guest: bool,
    },
    /// An `INVITE_DELETE`.
    Delete {
        /// The guild.
        guild: u64,
        /// The code.
        code: String,
    },
    /// A snapshot: sent `sent_ago` ms before now, received now (times may be inconsistent).
    Snapshot {
        /// The guild.
        guild: u64,
        /// How long before now the request was sent (may exceed the script's age).
        sent_ago: u64,
        /// The list (code, uses, max_uses, expiry in ms), `Err` a failure with this status.
        invites: Result<Vec<(String, Option<u64>, Option<u64>, Option<u64>)>, Option<u16>>,
        /// The vanity answer (code, uses) or its failure.
        vanity: Option<Result<(Option<String>, Option<u64>), Option<u16>>>,
    },
    /// A raw gateway frame.
    Frame(Vec<u8>),
    /// `handle_timeout`.
    Timeout,
    /// `poll_refresh`.
    Refresh,
    /// `watch_guild`.
    Watch(u64),
    /// `forget_guild`.
    Forget(u64),
    /// `reset`.
    Reset,
    /// `finish`.
    Finish,
}

/// A tracker script: small limits (so the fuzzer reaches them), an event lag, and up to 200
/// inputs, each `ms` after the previous (sometimes before: the tracker raises such times).
pub fn tracker_script(
    u: &mut Unstructured<'_>,
) -> Result<(invite_model::tracker::TrackerConfig, Vec<(u64, TrackerOp)>)> {
    use invite_model::tracker::TrackerConfig;
    let config = TrackerConfig::new()
        .event_lag(Duration::from_millis(u.int_in_range(0..=3_000)?))
        .clock_skew(Duration::from_millis(u.int_in_range(0..=60_000)?))
        .max_guilds(u.int_in_range(1..=4)?)
        .max_invites_per_guild(u.int_in_range(0..=12)?)
        .max_invites(u.int_in_range(0..=24)?)
        .max_pending_per_guild(u.int_in_range(0..=10)?)
        .max_pending(u.int_in_range(0..=20)?)
        .max_intervals(u.int_in_range(1..=4)?)
        .max_queued(1_000)
        .max_fetch_failures(u.int_in_range(1..=3)?);
    let code = |u: &mut Unstructured<'_>| -> Result<String> {
        Ok(match u.int_in_range(0u8..=9)? {
            8 => "x".repeat(usize::from(u.int_in_range(60u8..=70)?)),
            9 => u.arbitrary()?,
            n => format!("code{n}"),
        })
    };
    let small = |u: &mut Unstructured<'_>| -> Result<Option<u64>> {
        Ok(match u.int_in_range(0u8..=5)? {
            0 => None,
            5 => Some(u.arbitrary()?),
            _ => Some(u.int_in_range(0..=6)?),
        })
    };
    let mut ops = Vec::new();
    let mut user = 0u64;
    for _ in 0..u.int_in_range(1u8..=200)? {
        let ms = match u.int_in_range(0u8..=7)? {
            0 => 0,
            7 => u.int_in_range(0..=400_000)?,
            _ => u.int_in_range(0..=4_000)?,
        };
        let guild = u.int_in_range(1..=4)?;
        let op = match u.int_in_range(0u8..=12)? {
            0..=3 => {
                user += 1;
                TrackerOp::Join {
                    guild,
                    user,
                    bot: u.ratio(1, 8)?,
                    flags: if u.ratio(1, 8)? { u.arbitrary()? } else { 0 },
                }
            }
            4 => TrackerOp::Create {
                guild: (!u.ratio(1, 10)?).then_some(guild),
                code: code(u)?,
                max_uses: u.int_in_range(0..=3)?,
                expires_in: if u.arbitrary()? {
                    Some(u.int_in_range(0..=200_000)?)
                } else {
                    None
                },
                guest: u.ratio(1, 10)?,
            },
            5 => TrackerOp::Delete {
                guild,
                code: code(u)?,
            },
            6..=8 => {
                let invites = if u.ratio(1, 6)? {
                    Err(if u.arbitrary()? {
                        Some(u.arbitrary()?)
                    } else {
                        None
                    })
                } else {
                    let mut list = Vec::new();
                    for _ in 0..u.int_in_range(0u8..=10)? {
                        let expiry = if u.ratio(1, 4)? {
                            Some(u.int_in_range(0..=400_000)?)
                        } else {
                            None
                        };
                        list.push((code(u)?, small(u)?, small(u)?, expiry));
                    }
                    Ok(list)
                };
                let vanity = match u.int_in_range(0u8..=3)? {
                    0 => None,
                    1 => Some(Err(Some(u.arbitrary()?))),
                    _ => Some(Ok((
                        if u.arbitrary()? { Some(code(u)?) } else { None },
                        small(u)?,
                    ))),
                };
                TrackerOp::Snapshot {
                    guild,
                    sent_ago: u.int_in_range(0..=5_000)?,
                    invites,
                    vanity,
                }
            }
            9 => TrackerOp::Frame(u.arbitrary()?),
            10 => TrackerOp::Timeout,
            11 => match u.int_in_range(0u8..=9)? {
                0 => TrackerOp::Reset,
                1 => TrackerOp::Finish,
                2 => TrackerOp::Forget(guild),
                3 => TrackerOp::Watch(guild),
                _ => TrackerOp::Refresh,
            },
            _ => TrackerOp::Refresh,
        };
        ops.push((ms, op));
    }
    Ok((config, ops))
}
