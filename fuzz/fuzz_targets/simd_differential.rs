//! `from_json_slice_mut` (simd-json) gives what `from_json_slice` (serde_json) gives, for one
//! invite and for a list, on every input either of them accepts.
#![no_main]

use invite_model::{Invite, from_json_slice, from_json_slice_mut};
use libfuzzer_sys::fuzz_target;

macro_rules! same {
    ($ty:ty, $data:expr) => {{
        let reference = from_json_slice::<$ty>($data).map_err(|e| e.to_string());
        let mut buffer = $data.to_vec();
        let simd = from_json_slice_mut::<$ty>(&mut buffer).map_err(|e| e.to_string());
        if reference.is_ok() || simd.is_ok() {
            assert_eq!(reference, simd, "{}", String::from_utf8_lossy($data));
        }
    }};
}

fuzz_target!(|data: &[u8]| {
    same!(Invite<'_>, data);
    same!(Vec<Invite<'_>>, data);
});
