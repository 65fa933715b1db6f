//! Any error body, as sent and amplified (see `invites_fuzz::amplified`), parses within the
//! documented bounds: at most `ERRORS_MAX` field errors, every kept text within its maximum, a
//! bounded `Display` without the caller's token. `run-all.sh` runs it with a large `-max_len`
//! and an `-rss_limit_mb`, so a body whose cost is quadratic crashes it.
#![no_main]

use invite_model::endpoint::Response;
use invite_model::{
    ApiError, DecodeError, ErrorCode, FieldError, RateLimited, Redactor, ResponseError,
};
use libfuzzer_sys::fuzz_target;

const TOKEN: &str = "fuzzT0ken.s3cret-42";

/// The longest an error's `Display` may be.
const SHOWN_MAX: usize = 128
    + ErrorCode::FLUXER_MAX
    + ApiError::MESSAGE_MAX
    + ApiError::ERRORS_MAX
        * (FieldError::PATH_MAX + FieldError::CODE_MAX + FieldError::MESSAGE_MAX + 8);

fn check(status: u16, body: &[u8], redactor: &Redactor) {
    let e = ResponseError::from_response(&Response::new(status, &[], body).with_redactor(redactor));
    let shown = e.to_string();
    assert!(shown.len() <= SHOWN_MAX, "{} bytes shown", shown.len());
    assert!(!shown.contains(TOKEN), "the token is shown: {shown}");
    match e {
        ResponseError::Api(api) => {
            assert!(api.errors.len() <= ApiError::ERRORS_MAX);
            assert!(api.message.len() <= ApiError::MESSAGE_MAX.max(DecodeError::EXCERPT_MAX));
            if let Some(ErrorCode::Fluxer(code)) = &api.code {
                assert!(code.len() <= ErrorCode::FLUXER_MAX);
            }
            for f in &api.errors {
                assert!(f.path.len() <= FieldError::PATH_MAX);
                assert!(f.code.len() <= FieldError::CODE_MAX);
                assert!(f.message.len() <= FieldError::MESSAGE_MAX);
            }
        }
        ResponseError::RateLimited(r) => assert!(r.message.len() <= RateLimited::MESSAGE_MAX),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let redactor = Redactor::new().with_secret(TOKEN);
    let amplified = invites_fuzz::amplified(data);
    for status in [400, 429] {
        check(status, data, &redactor);
        check(status, &amplified, &redactor);
    }
});
