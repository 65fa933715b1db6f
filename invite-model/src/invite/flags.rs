//! [`GuildInviteFlags`]: the `flags` of a guild invite.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

bitflags::bitflags! {
    /// Flags of a guild invite (`flags`). Unknown bits are kept on a round trip.
    ///
    /// The set operations are the `bitflags` ones: `|` union, `&` intersection, `-` difference,
    /// `^` symmetric difference, `!` complement (of the named bits), [`contains`](Self::contains)
    /// for superset tests, [`is_subset`](Self::is_subset) / [`is_strict_subset`](Self::is_strict_subset),
    /// and [`iter_names`](Self::iter_names) over the named flags.
    ///
    /// ```
    /// use invite_model::GuildInviteFlags as F;
    /// let f = F::IS_GUEST_INVITE | F::IS_APPLICATION_BYPASS;
    /// assert_eq!(f.bits(), 9);
    /// assert!(F::IS_GUEST_INVITE.is_subset(f));
    /// assert_eq!((f - F::IS_GUEST_INVITE), F::IS_APPLICATION_BYPASS);
    /// let names: Vec<_> = f.iter_names().map(|(n, _)| n).collect();
    /// assert_eq!(names, ["IS_GUEST_INVITE", "IS_APPLICATION_BYPASS"]);
    /// ```
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
    pub struct GuildInviteFlags: u64 {
        /// One-time access to a voice channel without joining the guild.
        const IS_GUEST_INVITE = 1 << 0;
        /// The invite was fetched through Get Invite (user API).
        const IS_VIEWED = 1 << 1;
        /// Meaning undocumented (user API).
        const IS_ENHANCED = 1 << 2;
        /// Bypasses join requests: the user joins with `pending` false. Needs `KICK_MEMBERS`.
        const IS_APPLICATION_BYPASS = 1 << 3;
    }
}

impl GuildInviteFlags {
    /// The flags a create-invite request may set.
    pub const SETTABLE: Self = Self::IS_GUEST_INVITE.union(Self::IS_APPLICATION_BYPASS);

    /// Whether every flag of `self` is in `other`.
    pub const fn is_subset(self, other: Self) -> bool {
        other.contains(self)
    }

    /// Whether `self` is a subset of `other` and not equal to it.
    pub const fn is_strict_subset(self, other: Self) -> bool {
        other.contains(self) && self.bits() != other.bits()
    }

    /// Whether every flag of `other` is in `self`.
    pub const fn is_superset(self, other: Self) -> bool {
        self.contains(other)
    }

    /// Whether `self` is a superset of `other` and not equal to it.
    pub const fn is_strict_superset(self, other: Self) -> bool {
        self.contains(other) && self.bits() != other.bits()
    }
}

impl fmt::Debug for GuildInviteFlags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GuildInviteFlags(")?;
        bitflags::parser::to_writer(self, &mut *f)?;
        write!(f, ")")
    }
}

impl Serialize for GuildInviteFlags {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.bits())
    }
}

impl<'de> Deserialize<'de> for GuildInviteFlags {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        u64::deserialize(deserializer).map(Self::from_bits_retain)
    }
}

#[cfg(test)]
mod tests {
    use super::GuildInviteFlags as F;

    #[test]
    fn unknown_bits_survive() {
        let f: F = serde_json::from_str("1048585").unwrap();
        assert_eq!(f.bits(), 1_048_585);
        assert!(f.contains(F::IS_GUEST_INVITE | F::IS_APPLICATION_BYPASS));
        assert_eq!(serde_json::to_string(&f).unwrap(), "1048585");
        assert_eq!(
            alloc::format!("{f:?}"),
            "GuildInviteFlags(IS_GUEST_INVITE | IS_APPLICATION_BYPASS | 0x100000)"
        );
    }

    #[test]
    fn set_operations() {
        let a = F::IS_GUEST_INVITE | F::IS_VIEWED;
        let b = F::IS_VIEWED | F::IS_ENHANCED;
        assert_eq!(a | b, F::IS_GUEST_INVITE | F::IS_VIEWED | F::IS_ENHANCED);
        assert_eq!(a & b, F::IS_VIEWED);
        assert_eq!(a - b, F::IS_GUEST_INVITE);
        assert_eq!(a ^ b, F::IS_GUEST_INVITE | F::IS_ENHANCED);
        assert_eq!(!a, F::IS_ENHANCED | F::IS_APPLICATION_BYPASS);
        assert!(F::IS_VIEWED.is_strict_subset(a));
        assert!(a.is_superset(F::IS_VIEWED));
        assert!(a.is_strict_superset(F::IS_VIEWED));
        assert!(!a.is_strict_subset(a));
        assert!(a.is_subset(a));
    }
}
