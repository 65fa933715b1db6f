//! [`CachingResolver`]: host names to addresses without a thread per request.
//!
//! With an overall timeout set, ureq 3.5's default resolver looks the host up on a new thread
//! for every request (so the lookup can be abandoned at the deadline), even when a kept-alive
//! connection is then reused. This resolver answers IP-address hosts (`127.0.0.1`, `[::1]`) at
//! once, without DNS and without a thread, and keeps the addresses of a host name for
//! [`RESOLVE_CACHE_TTL`], so only the first request to a name in that time waits for (and
//! spawns a thread for) a lookup. A lookup that outlasts the attempt's deadline ends the
//! attempt with a timeout; its thread ends when the system's resolver returns.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// How long the addresses found for a host name are reused: 30 s. A connection failure forgets
/// them at once (see [`CachingResolver::forget`]).
pub(crate) const RESOLVE_CACHE_TTL: Duration = Duration::from_secs(30);

/// How many host names are remembered; a client talks to one host (it follows no redirects),
/// a proxy adds one more.
const CACHE_SLOTS: usize = 4;

/// Answers IP-address hosts directly, caches names for [`RESOLVE_CACHE_TTL`], and leaves the
/// lookups to ureq's [`DefaultResolver`]. Clones share the cache.
#[derive(Debug, Clone, Default)]
pub(crate) struct CachingResolver {
    shared: Arc<Shared>,
}

#[derive(Debug, Default)]
struct Shared {
    lookup: DefaultResolver,
    cache: Mutex<Vec<Entry>>,
}

#[derive(Debug)]
struct Entry {
    host: String,
    port: u16,
    addrs: ResolvedSocketAddrs,
    found: Instant,
}

impl CachingResolver {
    /// Drops every cached address: after a failed connection, the next request looks the host
    /// up again.
    pub(crate) fn forget(&self) {
        self.cache().clear();
    }

    fn cache(&self) -> MutexGuard<'_, Vec<Entry>> {
        // Nothing panics while the lock is held; a poisoned cache is still a valid list.
        self.shared
            .cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn cached(&self, host: &str, port: u16, now: Instant) -> Option<ResolvedSocketAddrs> {
        self.cache()
            .iter()
            .find(|e| {
                e.port == port
                    && e.host.eq_ignore_ascii_case(host)
                    && now.saturating_duration_since(e.found) < RESOLVE_CACHE_TTL
            })
            .map(|e| e.addrs.clone())
    }

    fn store(&self, host: &str, port: u16, addrs: &ResolvedSocketAddrs, now: Instant) {
        let mut cache = self.cache();
        cache.retain(|e| {
            now.saturating_duration_since(e.found) < RESOLVE_CACHE_TTL
                && !(e.port == port && e.host.eq_ignore_ascii_case(host))
        });
        if cache.len() >= CACHE_SLOTS
            && let Some(oldest) = (0..cache.len()).min_by_key(|&i| cache[i].found)
        {
            cache.swap_remove(oldest);
        }
        cache.push(Entry {
            host: host.to_owned(),
            port,
            addrs: addrs.clone(),
            found: now,
        });
    }
}

/// The address a URI host spells out: dotted IPv4, or IPv6 in brackets.
fn ip_literal(host: &str) -> Option<IpAddr> {
    match host.strip_prefix('[') {
        Some(inner) => inner
            .strip_suffix(']')?
            .parse::<Ipv6Addr>()
            .ok()
            .map(IpAddr::V6),
        None => host.parse::<Ipv4Addr>().ok().map(IpAddr::V4),
    }
}

impl Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let lookup = &self.shared.lookup;
        let default_port = match uri.scheme_str() {
            Some("http") => Some(80),
            Some("https") => Some(443),
            _ => None,
        };
        let target = uri
            .authority()
            .and_then(|a| Some((a.host(), a.port_u16().or(default_port)?)));
        // Anything unusual (no host, another scheme) gets ureq's own handling and errors.
        let Some((host, port)) = target else {
            return lookup.resolve(uri, config, timeout);
        };
        if let Some(ip) = ip_literal(host) {
            let mut addrs = lookup.empty();
            for addr in config
                .ip_family()
                .keep_wanted(std::iter::once(SocketAddr::new(ip, port)))
            {
                addrs.push(addr);
            }
            return if addrs.is_empty() {
                Err(ureq::Error::HostNotFound)
            } else {
                Ok(addrs)
            };
        }
        let now = Instant::now();
        if let Some(addrs) = self.cached(host, port, now) {
            return Ok(addrs);
        }
        let addrs = lookup.resolve(uri, config, timeout)?;
        self.store(host, port, &addrs, now);
        Ok(addrs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(resolver: &CachingResolver, uri: &str) -> Result<Vec<SocketAddr>, ureq::Error> {
        let uri: Uri = uri.parse().unwrap();
        let config = Config::default();
        // A deadline, as the client sets one: the default resolver would use a thread.
        let timeout = NextTimeout {
            after: ureq::unversioned::transport::time::Duration::Exact(Duration::from_secs(5)),
            reason: ureq::Timeout::Global,
            per_read: None,
            per_write: None,
        };
        resolver
            .resolve(&uri, &config, timeout)
            .map(|addrs| addrs.to_vec())
    }

    #[test]
    fn ip_hosts_are_answered_without_a_lookup() {
        let r = CachingResolver::default();
        assert_eq!(
            resolve(&r, "http://127.0.0.1:8080/api").unwrap(),
            ["127.0.0.1:8080".parse::<SocketAddr>().unwrap()]
        );
        assert_eq!(
            resolve(&r, "http://[::1]/x").unwrap(),
            ["[::1]:80".parse::<SocketAddr>().unwrap()]
        );
        assert_eq!(
            resolve(&r, "https://10.1.2.3/").unwrap(),
            ["10.1.2.3:443".parse::<SocketAddr>().unwrap()]
        );
        // Nothing cached: addresses need no cache.
        assert!(r.cache().is_empty());
        assert_eq!(ip_literal("[::1"), None);
        assert_eq!(ip_literal("127.1"), None);
        assert_eq!(ip_literal("localhost"), None);
    }

    #[test]
    fn names_are_looked_up_once_and_kept() {
        let r = CachingResolver::default();
        let first = resolve(&r, "http://localhost:9/").unwrap();
        assert!(!first.is_empty());
        assert!(first.iter().all(|a| a.ip().is_loopback() && a.port() == 9));
        assert_eq!(r.cache().len(), 1);
        // The cached answer is used: poison the entry's addresses and look again.
        let marker: SocketAddr = "192.0.2.1:9".parse().unwrap();
        {
            let mut cache = r.cache();
            let mut addrs = r.shared.lookup.empty();
            addrs.push(marker);
            cache[0].addrs = addrs;
        }
        assert_eq!(resolve(&r, "http://LOCALHOST:9/").unwrap(), [marker]);
        // Another port is another entry.
        resolve(&r, "http://localhost:10/").unwrap();
        assert_eq!(r.cache().len(), 2);
        // Until it expires.
        let later = Instant::now() + RESOLVE_CACHE_TTL;
        assert_eq!(r.cached("localhost", 9, later), None);
        r.store("localhost", 9, &r.shared.lookup.empty(), later);
        assert_eq!(
            r.cache().len(),
            1,
            "expired entries are dropped when storing"
        );
        r.forget();
        assert!(r.cache().is_empty());
    }

    #[test]
    fn the_cache_is_bounded() {
        let r = CachingResolver::default();
        let now = Instant::now();
        let addrs = r.shared.lookup.empty();
        for port in 0..20 {
            r.store("example.invalid", port, &addrs, now);
        }
        assert_eq!(r.cache().len(), CACHE_SLOTS);
        r.store("example.invalid", 19, &addrs, now);
        assert_eq!(r.cache().len(), CACHE_SLOTS);
    }

    #[test]
    fn odd_uris_get_ureqs_own_answer() {
        let r = CachingResolver::default();
        assert!(matches!(
            resolve(&r, "foo://some:42/x"),
            Err(ureq::Error::BadUri(_))
        ));
    }
}
