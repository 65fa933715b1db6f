//! One deadline per attempt, and a bound on the whole call: servers that answer each phase just
//! in time, trickle the body, or keep answering 5xx and 429 just before the timeout.

mod support;

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use invite_http_ureq::{Client, Error, RetryPolicy, Token};
use support::{GetJson, Reply, Server, TOKEN, client};

/// The longest a stalling server lives.
const LIFETIME: Duration = Duration::from_secs(20);
/// Poll interval of the stalling server's loops.
const POLL: Duration = Duration::from_millis(5);

/// How a [`Staller`] answers each connection.
#[derive(Debug, Clone, Copy)]
struct Stalls {
    /// After accepting, before reading the request.
    before_read: Duration,
    /// After reading the request head, before sending the response head.
    before_head: Duration,
    /// The body, sent one byte at a time with `gap` before each byte.
    body: &'static [u8],
    gap: Duration,
    /// The `Content-Length` announced, if more than the body: the connection is closed after
    /// the body, as by a server that gives up.
    announced: Option<usize>,
}

/// A server on 127.0.0.1 that takes its time over every phase of a request.
struct Staller {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    accepted: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
    accept: Option<JoinHandle<()>>,
}

impl Staller {
    fn start(stalls: Stalls) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let accepted = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(AtomicUsize::new(0));
        let (s, a, r) = (
            Arc::clone(&stop),
            Arc::clone(&accepted),
            Arc::clone(&requests),
        );
        let accept = std::thread::spawn(move || {
            let started = Instant::now();
            let mut workers = Vec::new();
            while !s.load(Ordering::SeqCst) && started.elapsed() < LIFETIME {
                match listener.accept() {
                    Ok((stream, _)) => {
                        a.fetch_add(1, Ordering::SeqCst);
                        let (s, r) = (Arc::clone(&s), Arc::clone(&r));
                        workers.push(std::thread::spawn(move || {
                            stall(stream, stalls, &s, &r);
                        }));
                    }
                    Err(_) => std::thread::sleep(POLL),
                }
            }
            s.store(true, Ordering::SeqCst);
            for worker in workers {
                let _ = worker.join();
            }
        });
        Self {
            addr,
            stop,
            accepted,
            requests,
            accept: Some(accept),
        }
    }

    fn base_url(&self) -> String {
        format!("http://{}/api/v10", self.addr)
    }
}

impl Drop for Staller {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

/// Sleeps `d` in small steps; false if the server is stopping.
fn nap(d: Duration, stop: &AtomicBool) -> bool {
    let until = Instant::now() + d;
    while Instant::now() < until {
        if stop.load(Ordering::SeqCst) {
            return false;
        }
        std::thread::sleep(POLL.min(until.saturating_duration_since(Instant::now())));
    }
    true
}

fn stall(mut stream: TcpStream, stalls: Stalls, stop: &AtomicBool, requests: &AtomicUsize) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(POLL));
    if !nap(stalls.before_read, stop) {
        return;
    }
    let mut head = Vec::new();
    let mut chunk = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if stop.load(Ordering::SeqCst) || head.len() > 64 * 1024 {
            return;
        }
        match stream.read(&mut chunk) {
            Ok(0) => return,
            Ok(n) => head.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return,
        }
    }
    requests.fetch_add(1, Ordering::SeqCst);
    if !nap(stalls.before_head, stop) {
        return;
    }
    let response_head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        stalls.announced.unwrap_or(stalls.body.len())
    );
    if stream.write_all(response_head.as_bytes()).is_err() {
        return;
    }
    for byte in stalls.body {
        if !nap(stalls.gap, stop) || stream.write_all(&[*byte]).is_err() {
            return;
        }
    }
    if stalls.announced.is_some() {
        return;
    }
    // Hold the connection until the client closes it or the server stops.
    while !stop.load(Ordering::SeqCst) {
        match stream.read(&mut chunk) {
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            _ => return,
        }
    }
}

/// Slack for scheduling and the client's own work, on top of a deadline.
const MARGIN: Duration = Duration::from_millis(400);

fn assert_one_timed_out_attempt(staller: &Staller, timeout: Duration) {
    let c = Client::builder()
        .base_url(staller.base_url())
        .token(Token::bot(TOKEN))
        .timeout(timeout)
        .build()
        .unwrap();
    let started = Instant::now();
    let result = c.execute(&GetJson::new("abc"));
    let took = started.elapsed();
    assert!(
        matches!(result, Err(Error::Timeout)),
        "{result:?} after {took:?}"
    );
    assert!(took + Duration::from_millis(50) >= timeout, "{took:?}");
    assert!(took <= timeout + MARGIN, "{took:?}");
    // A timed-out attempt is not retried.
    assert_eq!(staller.accepted.load(Ordering::SeqCst), 1);
    assert_eq!(staller.requests.load(Ordering::SeqCst), 1);
}

#[test]
fn phases_each_inside_the_timeout_still_share_one_deadline() {
    // Each phase is well inside the timeout on its own (0.4 s before reading, 0.4 s before the
    // head, the 10-byte body over 0.8 s), and the whole answer takes 1.6 s: past the 1 s
    // deadline, which must end the attempt.
    let staller = Staller::start(Stalls {
        before_read: Duration::from_millis(400),
        before_head: Duration::from_millis(400),
        body: br#"{"code":1}"#,
        gap: Duration::from_millis(80),
        announced: None,
    });
    assert_one_timed_out_attempt(&staller, Duration::from_secs(1));
}

#[test]
fn a_trickled_body_ends_at_the_deadline() {
    // The head comes at once; then a byte every 0.9 s, each just inside the timeout.
    let staller = Staller::start(Stalls {
        before_read: Duration::ZERO,
        before_head: Duration::from_millis(100),
        body: br#"{"code":"abcdefghijklmnopqrstuvwxyz"}"#,
        gap: Duration::from_millis(900),
        announced: None,
    });
    assert_one_timed_out_attempt(&staller, Duration::from_secs(1));
}

#[test]
fn stalls_before_reading_and_before_the_head_end_at_the_deadline() {
    // Just inside the timeout before reading, and again before the head.
    let staller = Staller::start(Stalls {
        before_read: Duration::from_millis(900),
        before_head: Duration::from_millis(900),
        body: br#"{"code":1}"#,
        gap: Duration::ZERO,
        announced: None,
    });
    assert_one_timed_out_attempt(&staller, Duration::from_secs(1));
}

#[test]
fn just_in_time_phases_then_a_close_are_one_timed_out_attempt() {
    // The head just inside the timeout, the body trickled over just inside the timeout, then
    // the server closes before the announced length. With a timeout per phase this was a
    // broken connection after almost twice the timeout, retried twice (178 s with the
    // defaults); with one deadline it is one attempt that times out.
    let staller = Staller::start(Stalls {
        before_read: Duration::ZERO,
        before_head: Duration::from_millis(900),
        body: br#"{"code":"#,
        gap: Duration::from_millis(100),
        announced: Some(100),
    });
    assert_one_timed_out_attempt(&staller, Duration::from_secs(1));
}

#[test]
fn the_whole_call_bound_holds_with_5xx_and_429_retries() {
    let timeout = Duration::from_millis(500);
    let policy = RetryPolicy::default()
        .with_max_rate_limit_retries(2)
        .with_max_retries(2)
        .with_backoff(Duration::from_millis(20), Duration::from_millis(100))
        .with_max_rate_limit_wait(Duration::from_secs(1));
    // Every answer comes just before the timeout: two 5xx and three 429s (0.3 s each), so every
    // retry the policy allows is used.
    let late = Duration::from_millis(400);
    let limited = || {
        Reply::json(
            429,
            r#"{"message":"You are being rate limited.","retry_after":0.3,"global":false}"#,
        )
        .delay(late)
    };
    let server = Server::scripted(vec![
        Reply::json(503, r#"{"message":"unavailable","code":0}"#).delay(late),
        limited(),
        Reply::json(502, r#"{"message":"bad gateway","code":0}"#).delay(late),
        limited(),
        limited(),
    ]);
    let c = client(&server)
        .timeout(timeout)
        .retry_policy(policy)
        .build()
        .unwrap();
    let bound = policy.max_call_duration(timeout);
    // 5 attempts of 0.5 s, backoffs of 20 and 40 ms, 1 s of rate-limit waits (a 429 that
    // names no wait is charged to that budget).
    assert_eq!(bound, Duration::from_millis(2500 + 60 + 1000));
    let started = Instant::now();
    let err = c.execute(&GetJson::new("abc")).unwrap_err();
    let took = started.elapsed();
    assert!(
        matches!(&err, Error::RateLimited(r) if !r.global),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 5);
    assert!(took <= bound + MARGIN, "{took:?} > {bound:?}");
    // And the answers really were late: five of them.
    assert!(took >= late * 5, "{took:?}");
}

#[test]
fn the_default_bound_is_documented() {
    // 6 attempts of 30 s, backoffs 0.25 + 0.5 s (5xx), 60 s of rate-limit waits (which include
    // the fallback waits of 429s that name none).
    assert_eq!(
        RetryPolicy::default().max_call_duration(invite_http_ureq::DEFAULT_TIMEOUT),
        Duration::from_millis(240_750)
    );
    assert_eq!(
        RetryPolicy::none().max_call_duration(Duration::from_secs(10)),
        Duration::from_secs(70)
    );
    let huge = RetryPolicy::default()
        .with_max_rate_limit_retries(u32::MAX)
        .with_max_retries(u32::MAX)
        .with_backoff(Duration::MAX, Duration::MAX)
        .with_max_rate_limit_wait(Duration::MAX);
    assert_eq!(huge.max_call_duration(Duration::MAX), Duration::MAX);
}
