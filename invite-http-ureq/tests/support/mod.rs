//! Test support: a loopback HTTP/1.1 server with keep-alive that records every request and
//! answers from a script (or a handler), and small `Endpoint`s to drive the client with.
//!
//! Everything is bounded: the accept loop and connection threads poll a stop flag every few
//! milliseconds, idle connections close after a few seconds, the server stops accepting after
//! [`SERVER_LIFETIME`], and dropping the [`Server`] stops and joins every thread.
#![allow(dead_code, unreachable_pub)]

pub mod child;

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use invite_model::endpoint::{Endpoint, Request, Response, ResponseError, Route};
use invite_model::{DecodeError, InviteCode, Snowflake};

/// The longest any test server lives.
pub const SERVER_LIFETIME: Duration = Duration::from_secs(30);
/// How long a kept-alive connection may sit idle before the server closes it.
const IDLE_LIMIT: Duration = Duration::from_secs(5);
/// Largest request head or body the server accepts.
const MAX_REQUEST: usize = 1 << 20;
/// Poll interval of the accept loop and of blocking reads.
const POLL: Duration = Duration::from_millis(5);

/// The token used by tests, to check it never leaks.
pub const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.sup3r-s3cr3t-t0k3n";

/// How the server sends a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Status line, headers, `Content-Length`, body; the connection stays open.
    Normal,
    /// Announces the full `Content-Length` but sends only this many body bytes, then closes.
    Truncate(usize),
    /// Sends the body bytes as they are (no status line or headers), then closes.
    Raw,
    /// Sends status line and headers without `Content-Length`, the body, then closes (the body
    /// ends at the close).
    CloseDelimited,
    /// Closes the connection without answering.
    Close,
    /// A normal reply (with `Content-Length`, no `Connection: close`), then the server closes
    /// the connection, as an idle keep-alive timeout would.
    CloseAfter,
    /// Announces the full `Content-Length`, sends only this many body bytes, then keeps the
    /// connection open without sending more (until the client gives up or the server stops).
    Stall(usize),
}

/// One canned reply.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
    pub mode: Mode,
    /// A second reply sent on the same connection, although no request asked for it: written
    /// as soon as the next request on the connection arrives, before that request's own reply
    /// (so the client has already reused the connection, and reads it as that answer).
    pub unsolicited: Option<Box<Reply>>,
}

impl Reply {
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: body.into(),
            delay: Duration::ZERO,
            mode: Mode::Normal,
            unsolicited: None,
        }
    }

    /// A JSON reply.
    pub fn json(status: u16, body: &str) -> Self {
        Self::new(status, body).header("Content-Type", "application/json")
    }

    /// An empty reply (e.g. 204).
    pub fn empty(status: u16) -> Self {
        Self::new(status, Vec::new())
    }

    /// A CSV reply.
    pub fn csv(body: &str) -> Self {
        Self::new(200, body).header("Content-Type", "text/csv")
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Sends `extra` too, unasked, after this reply (see [`Reply::unsolicited`]).
    pub fn then_unsolicited(mut self, extra: Reply) -> Self {
        self.unsolicited = Some(Box::new(extra));
        self
    }
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// Which accepted connection (0-based) it came on.
    pub connection: usize,
    pub method: String,
    pub path: String,
    pub query: String,
    /// Names lowercase.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// When its head was complete.
    pub at: Instant,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The value of query parameter `name`.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v)
    }
}

type Handler = dyn Fn(&Recorded) -> Reply + Send + Sync;

struct Shared {
    requests: Mutex<Vec<Recorded>>,
    connections: AtomicUsize,
    stop: AtomicBool,
    handler: Box<Handler>,
    workers: Mutex<Vec<JoinHandle<()>>>,
}

/// A loopback server on 127.0.0.1, port chosen by the OS.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// Answers with `replies` in order; once they run out, with 599 `script exhausted`.
    pub fn scripted(replies: Vec<Reply>) -> Self {
        let queue = Mutex::new(VecDeque::from(replies));
        Self::with_handler(move |_| {
            queue
                .lock()
                .unwrap()
                .pop_front()
                .unwrap_or_else(|| Reply::new(599, "script exhausted"))
        })
    }

    /// Answers every request with `handler`.
    pub fn with_handler(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("local addr");
        let shared = Arc::new(Shared {
            requests: Mutex::new(Vec::new()),
            connections: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            handler: Box::new(handler),
            workers: Mutex::new(Vec::new()),
        });
        let accept_shared = Arc::clone(&shared);
        let accept = std::thread::spawn(move || accept_loop(&listener, &accept_shared));
        Self {
            addr,
            shared,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT/api/v10`.
    pub fn base_url(&self) -> String {
        format!("http://{}/api/v10", self.addr)
    }

    /// Every request received so far, in order of arrival.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// How many TCP connections were accepted.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
        let workers = std::mem::take(&mut *self.shared.workers.lock().unwrap());
        for worker in workers {
            let _ = worker.join();
        }
    }
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    let started = Instant::now();
    while !shared.stop.load(Ordering::SeqCst) && started.elapsed() < SERVER_LIFETIME {
        match listener.accept() {
            Ok((stream, _)) => {
                let id = shared.connections.fetch_add(1, Ordering::SeqCst);
                let worker_shared = Arc::clone(shared);
                let worker = std::thread::spawn(move || serve(stream, id, &worker_shared));
                shared.workers.lock().unwrap().push(worker);
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => std::thread::sleep(POLL),
            Err(_) => std::thread::sleep(POLL),
        }
    }
}

/// Serves requests on one connection until it closes, idles out, or the server stops.
fn serve(mut stream: TcpStream, id: usize, shared: &Shared) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(POLL));
    let _ = stream.set_nodelay(true);
    let mut buf: Vec<u8> = Vec::new();
    let mut last = Instant::now();
    // An unsolicited reply to write when the next request arrives.
    let mut pending: Option<Reply> = None;
    loop {
        // Read until a full request (head and body) is buffered.
        let request = loop {
            if let Some(parsed) = parse_request(&buf) {
                break parsed;
            }
            if shared.stop.load(Ordering::SeqCst)
                || last.elapsed() > IDLE_LIMIT
                || buf.len() > MAX_REQUEST
            {
                return;
            }
            let mut chunk = [0u8; 8192];
            match stream.read(&mut chunk) {
                Ok(0) => return,
                Ok(n) => {
                    buf.extend_from_slice(&chunk[..n]);
                    last = Instant::now();
                }
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(_) => return,
            }
        };
        let (head_len, body_len, method, target, headers) = request;
        let body = buf[head_len..head_len + body_len].to_vec();
        buf.drain(..head_len + body_len);
        let (path, query) = match target.split_once('?') {
            Some((p, q)) => (p.to_owned(), q.to_owned()),
            None => (target.clone(), String::new()),
        };
        let recorded = Recorded {
            connection: id,
            method,
            path,
            query,
            headers,
            body,
            at: Instant::now(),
        };
        shared.requests.lock().unwrap().push(recorded.clone());
        if let Some(extra) = pending.take()
            && !write_reply(&mut stream, &extra)
        {
            return;
        }
        let reply = (shared.handler)(&recorded);
        // Sleep the delay in small steps so a stopping server is not held up.
        let until = Instant::now() + reply.delay;
        while Instant::now() < until {
            if shared.stop.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(POLL.min(until.saturating_duration_since(Instant::now())));
        }
        if !write_reply(&mut stream, &reply) {
            return;
        }
        pending = reply.unsolicited.map(|extra| *extra);
        last = Instant::now();
        if recorded
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"))
        {
            return;
        }
    }
}

/// Head length, body length, method, target, headers; `None` until complete.
type Parsed = (usize, usize, String, String, Vec<(String, String)>);

fn parse_request(buf: &[u8]) -> Option<Parsed> {
    let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&buf[..head_end]);
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let body_len = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    if buf.len() < head_end + body_len {
        return None;
    }
    Some((head_end, body_len, method, target, headers))
}

/// Writes the reply; false if the connection must close.
fn write_reply(stream: &mut TcpStream, reply: &Reply) -> bool {
    if reply.mode == Mode::Close {
        return false;
    }
    if reply.mode == Mode::Raw {
        let _ = stream.write_all(&reply.body);
        return false;
    }
    let mut out = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (name, value) in &reply.headers {
        let _ = write!(out, "{name}: {value}\r\n");
    }
    if reply.mode == Mode::CloseDelimited {
        out.push_str("Connection: close\r\n");
    } else {
        let _ = write!(out, "Content-Length: {}\r\n", reply.body.len());
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    match reply.mode {
        Mode::Truncate(n) | Mode::Stall(n) => {
            bytes.extend_from_slice(&reply.body[..n.min(reply.body.len())]);
        }
        _ => bytes.extend_from_slice(&reply.body),
    }
    if stream.write_all(&bytes).is_err() || stream.flush().is_err() {
        return false;
    }
    if let Mode::Stall(_) = reply.mode {
        // Hold the connection until the client closes it (read returns 0 or fails).
        let mut scratch = [0u8; 64];
        let held = Instant::now();
        while held.elapsed() < IDLE_LIMIT {
            match stream.read(&mut scratch) {
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                // Closed (0), more bytes, or a failure: stop holding.
                _ => break,
            }
        }
        return false;
    }
    reply.mode == Mode::Normal
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Whatever",
    }
}

/// A server that answers `DELETE aaaa1111` twice, the second time unasked (when the next request
/// on the connection arrives), refuses `bbbb2222` (slowly: 100 ms, so that without care the
/// client has sent the request after it on the connection too) and deletes anything else.
pub fn stray_server() -> Server {
    Server::with_handler(|r| match (r.method.as_str(), r.path.as_str()) {
        ("DELETE", "/api/v10/invites/aaaa1111") => Reply::json(200, r#"{"code":"aaaa1111"}"#)
            .then_unsolicited(Reply::json(200, r#"{"code":"aaaa1111"}"#)),
        ("DELETE", "/api/v10/invites/bbbb2222") => {
            Reply::json(403, r#"{"message":"Missing Permissions","code":50013}"#)
                .delay(Duration::from_millis(100))
        }
        ("DELETE", _) => Reply::empty(204),
        _ => Reply::new(599, "unexpected"),
    })
}

// ---- endpoints used by the tests ----

/// The error half of `parse`, for the test endpoints: `invite-model`'s error parser.
pub fn error_of(response: &Response<'_>) -> ResponseError {
    ResponseError::from_response(response)
}

/// The body as JSON, or the model's decode error (bounded, and redacted with the response's
/// redactor, as every error built from a response must be).
fn decode_json(response: &Response<'_>) -> Result<serde_json::Value, ResponseError> {
    serde_json::from_slice(response.body)
        .map_err(|e| ResponseError::Decode(DecodeError::from_response(response, e)))
}

fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// `GET /invites/{code}` returning the raw JSON value.
pub struct GetJson {
    pub code: String,
}

impl GetJson {
    pub fn new(code: &str) -> Self {
        Self { code: code.into() }
    }
}

impl Endpoint for GetJson {
    type Output = serde_json::Value;

    fn request(&self) -> Request {
        Request::new(Route::GetInvite {
            code: InviteCode::parse(&self.code).expect("a test invite code"),
            with_counts: Some(true),
            with_permissions: None,
            guild_scheduled_event_id: None,
        })
    }

    fn parse(&self, response: &Response<'_>) -> Result<Self::Output, ResponseError> {
        if is_success(response.status) {
            decode_json(response)
        } else {
            Err(error_of(response))
        }
    }
}

/// `POST /channels/{channel_id}/invites` with a JSON body and an audit-log reason; not retry
/// safe.
pub struct PostJson {
    pub channel: u64,
    pub body: String,
    pub reason: Option<String>,
}

impl Endpoint for PostJson {
    type Output = serde_json::Value;

    fn request(&self) -> Request {
        let mut request = Request::new(Route::CreateChannelInvite {
            channel_id: Snowflake(self.channel),
        })
        .with_header("Content-Type", "application/json")
        .with_body(self.body.clone().into_bytes());
        if let Some(reason) = &self.reason {
            request = request.with_header("X-Audit-Log-Reason", reason.clone());
        }
        request
    }

    fn parse(&self, response: &Response<'_>) -> Result<Self::Output, ResponseError> {
        if is_success(response.status) {
            decode_json(response)
        } else {
            Err(error_of(response))
        }
    }
}

/// `DELETE /invites/{code}` expecting 204; returns the status.
pub struct Delete204 {
    pub code: String,
}

impl Endpoint for Delete204 {
    type Output = u16;

    fn request(&self) -> Request {
        Request::new(Route::DeleteInvite {
            code: InviteCode::parse(&self.code).expect("a test invite code"),
        })
        .with_header("X-Audit-Log-Reason", "cleanup%20time")
    }

    fn parse(&self, response: &Response<'_>) -> Result<Self::Output, ResponseError> {
        if response.status == 204 {
            if response.body.is_empty() {
                Ok(204)
            } else {
                Err(ResponseError::Decode(DecodeError::from_response(
                    response,
                    "expected an empty body",
                )))
            }
        } else {
            Err(error_of(response))
        }
    }
}

/// `GET /invites/burst?guild_scheduled_event_id=N`: every request in one route and bucket, told
/// apart by `N` (its `id`).
pub struct Burst {
    pub id: usize,
}

impl Endpoint for Burst {
    type Output = usize;

    fn request(&self) -> Request {
        Request::new(Route::GetInvite {
            code: InviteCode::parse("burst").expect("a test invite code"),
            with_counts: None,
            with_permissions: None,
            guild_scheduled_event_id: Some(Snowflake(self.id as u64)),
        })
    }

    fn parse(&self, response: &Response<'_>) -> Result<Self::Output, ResponseError> {
        if !is_success(response.status) {
            return Err(error_of(response));
        }
        let value = decode_json(response)?;
        value["id"]
            .as_u64()
            .map(|id| id as usize)
            .ok_or_else(|| ResponseError::Decode(DecodeError::from_response(response, "no id")))
    }
}

/// A client for `server` with the test token, short timeouts and fast retries.
pub fn client(server: &Server) -> invite_http_ureq::ClientBuilder {
    invite_http_ureq::Client::builder()
        .base_url(server.base_url())
        .token(invite_http_ureq::Token::bot(TOKEN))
        .timeout(Duration::from_secs(5))
        .connect_timeout(Duration::from_secs(2))
        .retry_policy(
            invite_http_ureq::RetryPolicy::default()
                .with_backoff(Duration::from_millis(20), Duration::from_millis(100))
                .with_max_rate_limit_wait(Duration::from_secs(10)),
        )
}
