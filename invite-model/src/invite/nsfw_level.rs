//! [`NsfwLevel`]: a guild's age-restriction level.

use crate::primitive::open_enum::open_enum;

open_enum! {
    /// A guild's `nsfw_level`.
    pub struct NsfwLevel(u8) {
        /// Not rated.
        DEFAULT = 0,
        /// Explicit content.
        EXPLICIT = 1,
        /// Safe for everyone.
        SAFE = 2,
        /// Age-restricted.
        AGE_RESTRICTED = 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(NsfwLevel(3), NsfwLevel::AGE_RESTRICTED);
        assert_eq!(NsfwLevel::default(), NsfwLevel::DEFAULT);
        assert_eq!(alloc::format!("{:?}", NsfwLevel::SAFE), "NsfwLevel::SAFE");
    }
}
