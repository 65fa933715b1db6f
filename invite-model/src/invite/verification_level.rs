//! [`VerificationLevel`]: what a member must have before talking in a guild.

use crate::primitive::open_enum::open_enum;

open_enum! {
    /// A guild's `verification_level`.
    pub struct VerificationLevel(u8) {
        /// No requirement.
        NONE = 0,
        /// A verified email.
        LOW = 1,
        /// Registered for more than five minutes.
        MEDIUM = 2,
        /// A member of the guild for more than ten minutes.
        HIGH = 3,
        /// A verified phone number.
        VERY_HIGH = 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(VerificationLevel(2), VerificationLevel::MEDIUM);
        assert_eq!(VerificationLevel::VERY_HIGH.name(), Some("VERY_HIGH"));
        assert_eq!(alloc::format!("{}", VerificationLevel(9)), "unknown (9)");
    }
}
