//! A minimal loopback HTTP/1.1 server for the client benchmarks: keeps connections alive,
//! answers every request with the same canned response, and counts accepted connections and
//! requests.
//!
//! It is bounded: it listens on 127.0.0.1 only, stops accepting after [`LIFETIME`], closes
//! connections idle for [`IDLE_LIMIT`], and dropping the [`Server`] stops and joins its threads.

use std::io::{self, BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The longest a server runs.
pub const LIFETIME: Duration = Duration::from_secs(600);
/// How long a kept-alive connection may be idle before the server closes it.
pub const IDLE_LIMIT: Duration = Duration::from_secs(10);
/// How often blocked threads look at the stop flag.
const POLL: Duration = Duration::from_millis(20);
/// The largest request head accepted.
const MAX_HEAD: usize = 64 * 1024;

#[derive(Debug, Default)]
struct Counters {
    accepted: AtomicUsize,
    requests: AtomicUsize,
    stop: AtomicBool,
}

/// A running server; see the [module docs](self).
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    counters: Arc<Counters>,
    acceptor: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts a server that answers `200 OK` with `headers` and the JSON `body` to every request.
    pub fn start(headers: &[(&str, &str)], body: &[u8]) -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let mut reply = Vec::new();
        write!(
            reply,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        )?;
        for (name, value) in headers {
            write!(reply, "{name}: {value}\r\n")?;
        }
        reply.extend_from_slice(b"\r\n");
        reply.extend_from_slice(body);
        let reply: Arc<[u8]> = reply.into();
        let counters = Arc::new(Counters::default());
        let shared = Arc::clone(&counters);
        let acceptor = std::thread::spawn(move || accept_loop(&listener, &shared, &reply));
        Ok(Self {
            addr,
            counters,
            acceptor: Some(acceptor),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Connections accepted so far.
    pub fn accepted(&self) -> usize {
        self.counters.accepted.load(Ordering::SeqCst)
    }

    /// Requests answered so far.
    pub fn requests(&self) -> usize {
        self.counters.requests.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.counters.stop.store(true, Ordering::SeqCst);
        if let Some(handle) = self.acceptor.take() {
            let _ = handle.join();
        }
    }
}

fn accept_loop(listener: &TcpListener, counters: &Arc<Counters>, reply: &Arc<[u8]>) {
    let started = Instant::now();
    let mut connections = Vec::new();
    while !counters.stop.load(Ordering::SeqCst) && started.elapsed() < LIFETIME {
        match listener.accept() {
            Ok((stream, _)) => {
                counters.accepted.fetch_add(1, Ordering::SeqCst);
                let counters = Arc::clone(counters);
                let reply = Arc::clone(reply);
                connections.push(std::thread::spawn(move || {
                    let _ = serve(stream, &counters, &reply);
                }));
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(1));
            }
            Err(_) => break,
        }
    }
    counters.stop.store(true, Ordering::SeqCst);
    for c in connections {
        let _ = c.join();
    }
}

/// Answers requests on one connection until it closes, idles out or the server stops.
fn serve(stream: TcpStream, counters: &Counters, reply: &[u8]) -> io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(POLL))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    let mut idle_since = Instant::now();
    loop {
        // Read the head: lines until an empty one.
        let mut content_length = 0usize;
        let mut head_len = 0;
        let mut lines = 0;
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) => return Ok(()),
                Ok(n) => {
                    head_len += n;
                    idle_since = Instant::now();
                }
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    if counters.stop.load(Ordering::SeqCst) || idle_since.elapsed() > IDLE_LIMIT {
                        return Ok(());
                    }
                    continue;
                }
                Err(e) => return Err(e),
            }
            if head_len > MAX_HEAD {
                return Ok(());
            }
            let trimmed = line.trim_end();
            if trimmed.is_empty() {
                if lines == 0 {
                    continue;
                }
                break;
            }
            lines += 1;
            if let Some((name, value)) = trimmed.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                content_length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; content_length.min(MAX_HEAD)];
        reader.read_exact(&mut body)?;
        // Counted before answering: once the client has the answer, the count includes it.
        counters.requests.fetch_add(1, Ordering::SeqCst);
        writer.write_all(reply)?;
    }
}
