//! [`PremiumTier`]: a guild's boost level.

use crate::primitive::open_enum::open_enum;

open_enum! {
    /// A guild's `premium_tier` (boost level).
    pub struct PremiumTier(u8) {
        /// No boost level.
        NONE = 0,
        /// Level 1.
        TIER_1 = 1,
        /// Level 2.
        TIER_2 = 2,
        /// Level 3.
        TIER_3 = 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(PremiumTier(3), PremiumTier::TIER_3);
        assert_eq!(PremiumTier::TIER_1.name(), Some("TIER_1"));
    }
}
