//! [`TargetType`]: what a voice-channel invite opens.

use crate::primitive::open_enum::open_enum;

open_enum! {
    /// The target of a voice-channel invite (`target_type`).
    pub struct TargetType(u8) {
        /// Shows a user's stream (`target_user` is set).
        STREAM = 1,
        /// Opens an embedded application (`target_application` is set).
        EMBEDDED_APPLICATION = 2,
        /// A role-subscription purchase page (user API only; `ROLE_SUBSCRIPTIONS` in some docs).
        ROLE_SUBSCRIPTIONS_PURCHASE = 3,
        /// A creator page (user API only).
        CREATOR_PAGE = 4,
        /// A lobby member invite (user API only).
        LOBBY = 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_round_trip() {
        let t: TargetType = serde_json::from_str("9").unwrap();
        assert_eq!(t, TargetType(9));
        assert!(!t.is_known());
        assert_eq!(serde_json::to_string(&t).unwrap(), "9");
        assert_eq!(alloc::format!("{t:?}"), "TargetType(9)");
        assert_eq!(alloc::format!("{t}"), "unknown (9)");
        assert_eq!(
            alloc::format!("{:?}", TargetType::LOBBY),
            "TargetType::LOBBY"
        );
        assert_eq!(TargetType::STREAM.name(), Some("STREAM"));
        assert_eq!(TargetType::KNOWN.len(), 5);
    }
}
