//! The values every model is made of: snowflake ids, RFC 3339 timestamps, borrowed strings,
//! percent-encoding, the open-enum macro and serde helpers.

pub(crate) mod cow_str;
pub(crate) mod open_enum;
pub(crate) mod percent;
pub(crate) mod serde_util;
pub(crate) mod snowflake;
pub(crate) mod struct_de;
pub(crate) mod timestamp;
