//! Uses the pure crates from a `#![no_std]` static library. Nothing here runs in CI: building it
//! is the test (a `std` anywhere in the graph is a duplicate `panic_impl` lang item).
#![no_std]

extern crate alloc;

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::panic::PanicInfo;
use core::sync::atomic::{AtomicUsize, Ordering};

use invite_model::{Invite, Snowflake, Timestamp};

/// A bump allocator over a static arena: enough for a proof build.
struct Bump {
    arena: UnsafeCell<[u8; 1 << 16]>,
    next: AtomicUsize,
}

// SAFETY: `next` is advanced atomically, so no two allocations overlap.
unsafe impl Sync for Bump {}

// SAFETY: returns distinct, aligned, in-bounds regions of the arena, or null when it is full.
unsafe impl GlobalAlloc for Bump {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let size = 1usize << 16;
        let mut start = 0;
        if self
            .next
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |next| {
                start = next.checked_add(layout.align() - 1)? & !(layout.align() - 1);
                let end = start.checked_add(layout.size())?;
                (end <= size).then_some(end)
            })
            .is_err()
        {
            return core::ptr::null_mut();
        }
        // SAFETY: start + size <= arena length was checked above.
        unsafe { self.arena.get().cast::<u8>().add(start) }
    }

    unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {}
}

#[global_allocator]
static ALLOCATOR: Bump = Bump {
    arena: UnsafeCell::new([0; 1 << 16]),
    next: AtomicUsize::new(0),
};

#[panic_handler]
fn panic(_info: &PanicInfo<'_>) -> ! {
    loop {}
}

/// Decodes an invite, returns its guild id's creation time in ms (0 on error), and writes it back.
#[unsafe(no_mangle)]
pub extern "C" fn check_model(salt: u64) -> u64 {
    let json = br#"{"type":0,"code":"jvuBeT38","expires_at":"2023-07-22T18:30:11+00:00",
        "guild":{"id":"1046920999469330512","name":"Alien Network","features":[]},
        "channel":{"id":"1057241425793798144","type":2,"name":"alien noises"},
        "created_at":"2023-07-15T18:30:11.047000+00:00","uses":0,"max_uses":0}"#;
    let invite: Invite<'_> = match serde_json::from_slice(json) {
        Ok(i) => i,
        Err(_) => return 0,
    };
    let created: Option<Timestamp> = invite.created_at;
    if serde_json::to_vec(&invite).is_err() || created.is_none() {
        return 0;
    }
    let id = invite.guild_id().unwrap_or(Snowflake(0));
    Snowflake(id.get() ^ salt).timestamp_ms()
}

/// A fixed buffer that implements `core::fmt::Write`: the URL renders with no allocator at all.
struct Buf {
    bytes: [u8; 256],
    len: usize,
}

impl core::fmt::Write for Buf {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(core::fmt::Error)?;
        self.bytes
            .get_mut(self.len..end)
            .ok_or(core::fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Parses aoi.js-style permission names and renders the bot invite URL into a stack buffer;
/// returns the URL's length (0 on error).
#[unsafe(no_mangle)]
pub extern "C" fn check_perms(client_id: u64) -> usize {
    let Ok(perms) = invite_perms::parse_permissions("administrator;sendmessages") else {
        return 0;
    };
    let url = invite_perms::BotAuthorizeUrl::bot_invite(client_id, perms);
    let mut buf = Buf {
        bytes: [0; 256],
        len: 0,
    };
    match url.render_into(&mut buf) {
        Ok(()) => buf.len,
        Err(_) => 0,
    }
}

/// Parses Fluxer permission names (one as the client writes it), writes their client names and
/// a Fluxer install URL with PKCE into stack buffers; returns the bytes written (0 on error).
#[unsafe(no_mangle)]
pub extern "C" fn check_fluxer_perms(client_id: u64) -> usize {
    use core::fmt::Write as _;
    use invite_perms::{
        BotAuthorizeUrl, NameStyle, ParseOptions, Platform, ResponseType, Scope,
        parse_permission_name, parse_permissions_with,
    };
    let fluxer = ParseOptions::new().platform(Platform::Fluxer);
    let (Ok(list), Ok(one)) = (
        parse_permissions_with("MANAGE_EXPRESSIONS;update_rtc_region", fluxer),
        parse_permission_name("Set Voice Region", fluxer),
    ) else {
        return 0;
    };
    let Ok(names) = (list | one).names(Platform::Fluxer, NameStyle::Client) else {
        return 0;
    };
    let mut text = Buf {
        bytes: [0; 256],
        len: 0,
    };
    if write!(text, "{names}").is_err() {
        return 0;
    }
    let url = BotAuthorizeUrl::for_platform(Platform::Fluxer, client_id)
        .scopes(&[Scope::Identify, Scope::Bot])
        .permissions(list)
        .response_type(ResponseType::Code)
        .code_challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    let mut buf = Buf {
        bytes: [0; 256],
        len: 0,
    };
    match url.render_into(&mut buf) {
        Ok(()) => buf.len + text.len,
        Err(_) => 0,
    }
}

/// Counts the invite links in a fixed text (the scanner allocates nothing).
#[unsafe(no_mangle)]
pub extern "C" fn check_scan(salt: u8) -> usize {
    let mut text = *b"join discord.gg/abc or https://fluxer.gg/xyz?event=1 now";
    text[0] ^= salt & 1;
    core::str::from_utf8(&text).map_or(0, |t| invite_model::scan_invite_links(t).count())
}

/// Reads a gateway frame and drives the invite tracker through a baseline, a join and the
/// snapshot that settles it; returns 1 if the join is attributed to the invite (0 otherwise).
#[unsafe(no_mangle)]
pub extern "C" fn check_tracker(guild: u64) -> u64 {
    use invite_model::event::{GatewayEvent, GatewayFrame};
    use invite_model::tracker::{JoinSource, Snapshot, Tracker};
    let t = |ms: u64| Timestamp::from_unix_millis(1_767_225_600_000 + ms);
    let guild = Snowflake(guild);
    let mut tracker = Tracker::new();
    tracker.watch_guild(guild, t(0));
    if tracker.poll_refresh(t(0)).is_none() {
        return 0;
    }
    let before = br#"[{"code":"jvuBeT38","uses":1}]"#;
    let after = br#"[{"code":"jvuBeT38","uses":2}]"#;
    let (Ok(before), Ok(after)) = (
        serde_json::from_slice::<alloc::vec::Vec<Invite<'_>>>(before),
        serde_json::from_slice::<alloc::vec::Vec<Invite<'_>>>(after),
    ) else {
        return 0;
    };
    if tracker
        .snapshot(guild, &Snapshot::new(t(0), t(100), &before))
        .is_err()
    {
        return 0;
    }
    let frame = br#"{"op":0,"t":"GUILD_MEMBER_ADD","s":1,"d":{"guild_id":"0","user":{"id":"7"}}}"#;
    let Ok(frame) = GatewayFrame::parse(frame) else {
        return 0;
    };
    let GatewayEvent::MemberAdd(mut member) = frame.event else {
        return 0;
    };
    member.guild_id = guild;
    tracker.member_add(&member, t(5_000));
    if tracker
        .snapshot(guild, &Snapshot::new(t(6_000), t(6_100), &after))
        .is_err()
    {
        return 0;
    }
    tracker.handle_timeout(t(9_000));
    match tracker.poll_attribution().map(|a| a.source) {
        Some(JoinSource::Invite { code, .. }) if code == "jvuBeT38" => 1,
        _ => 0,
    }
}
