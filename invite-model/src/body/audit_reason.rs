//! [`AuditLogReason`]: the validated `X-Audit-Log-Reason` of a create or delete request.

use alloc::string::String;
use core::fmt;

use crate::primitive::percent::{PercentEncoded, percent_encode};

/// The reason shown in the guild's audit log, sent as the `X-Audit-Log-Reason` header.
///
/// It is 1 to [`MAX_CHARS`](Self::MAX_CHARS) characters long. Discord counts Unicode scalar
/// values (Rust `char`s), not bytes and not UTF-16 units: `"é"` is one character, `"👽"` is one.
/// Any text is allowed; [`header_value`](Self::header_value) percent-encodes it, so line breaks
/// and non-ASCII text travel safely in the header.
///
/// ```
/// use invite_model::AuditLogReason;
/// let r = AuditLogReason::new("spam wave: revoke all 👽").unwrap();
/// assert_eq!(r.header_value().to_string(), "spam%20wave%3A%20revoke%20all%20%F0%9F%91%BD");
/// assert_eq!(
///     AuditLogReason::new(&"x".repeat(513)).unwrap_err().to_string(),
///     "audit log reason is 513 characters long, the maximum is 512"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AuditLogReason(String);

/// Why a text is not an audit-log reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuditLogReasonError {
    /// The reason is empty.
    Empty,
    /// The reason is longer than [`AuditLogReason::MAX_CHARS`] characters.
    TooLong {
        /// Its length in characters.
        chars: usize,
    },
}

impl fmt::Display for AuditLogReasonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("audit log reason is empty"),
            Self::TooLong { chars } => write!(
                f,
                "audit log reason is {chars} characters long, the maximum is {}",
                AuditLogReason::MAX_CHARS
            ),
        }
    }
}

impl core::error::Error for AuditLogReasonError {}

impl AuditLogReason {
    /// The most characters a reason has.
    pub const MAX_CHARS: usize = 512;
    /// The header it is sent in.
    pub const HEADER: &'static str = "X-Audit-Log-Reason";

    /// Checks the length of `reason` (1 to 512 characters).
    pub fn new(reason: &str) -> Result<Self, AuditLogReasonError> {
        if reason.is_empty() {
            return Err(AuditLogReasonError::Empty);
        }
        let chars = reason.chars().count();
        if chars > Self::MAX_CHARS {
            return Err(AuditLogReasonError::TooLong { chars });
        }
        Ok(Self(String::from(reason)))
    }

    /// The reason as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The header value: the reason, percent-encoded, written without allocating.
    pub fn header_value(&self) -> PercentEncoded<'_> {
        percent_encode(&self.0)
    }
}

impl fmt::Display for AuditLogReason {
    /// The reason as given (not encoded).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<&str> for AuditLogReason {
    type Error = AuditLogReasonError;

    fn try_from(reason: &str) -> Result<Self, Self::Error> {
        Self::new(reason)
    }
}

impl core::str::FromStr for AuditLogReason {
    type Err = AuditLogReasonError;

    fn from_str(reason: &str) -> Result<Self, Self::Err> {
        Self::new(reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn counts_characters_not_bytes() {
        // 512 four-byte characters: 2048 bytes, still valid.
        let alien = "👽".repeat(512);
        assert_eq!(AuditLogReason::new(&alien).unwrap().as_str(), alien);
        assert_eq!(
            AuditLogReason::new(&"é".repeat(513)).unwrap_err(),
            AuditLogReasonError::TooLong { chars: 513 }
        );
        assert_eq!(
            AuditLogReason::new("").unwrap_err().to_string(),
            "audit log reason is empty"
        );
        assert!(AuditLogReason::new("x").is_ok());
    }

    #[test]
    fn header_is_encoded() {
        let r: AuditLogReason = "line1\r\nline2 100%".parse().unwrap();
        assert_eq!(r.header_value().to_string(), "line1%0D%0Aline2%20100%25");
        assert_eq!(r.to_string(), "line1\r\nline2 100%");
        assert_eq!(AuditLogReason::try_from("ok").unwrap().as_str(), "ok");
    }
}
