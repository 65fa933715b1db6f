//! `BaseUrl::parse` never panics; an accepted URL is visible ASCII without a query, fragment or
//! user info, parses to itself, and is clear text to a remote host exactly when it is `http://`
//! and not loopback. `terminal::escape` of the same input never lets a control character out.
#![no_main]

use invite_model::BaseUrl;
use invite_model::terminal::{escape, is_clean};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    assert!(is_clean(&escape(&input).to_string()), "{input:?}");
    let Ok(url) = BaseUrl::parse(&input) else {
        return;
    };
    let s = url.as_str();
    assert!(s.bytes().all(|b| b.is_ascii_graphic()), "{s:?}");
    assert!(!s.contains(['?', '#']) && !s.ends_with('/'), "{s:?}");
    // No user info: no `@` before the path.
    assert!(!s[..s.len() - url.path().len()].contains('@'), "{s:?}");
    assert_eq!(BaseUrl::parse(s), Ok(url));
    assert_eq!(
        url.is_cleartext_remote(),
        s.starts_with("http://") && !url.is_loopback()
    );
});
