//! [`SplashCardAlignment`]: where Fluxer puts the invite card over a guild's splash.

use crate::primitive::open_enum::open_enum;

open_enum! {
    /// A Fluxer guild's `splash_card_alignment`.
    pub struct SplashCardAlignment(u8) {
        /// Centered.
        CENTER = 0,
        /// On the left.
        LEFT = 1,
        /// On the right.
        RIGHT = 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(SplashCardAlignment(2), SplashCardAlignment::RIGHT);
        assert_eq!(SplashCardAlignment::default(), SplashCardAlignment::CENTER);
    }
}
