//! The macro behind every "open" numeric type: a newtype over the wire integer with a named
//! constant per documented value, so values this crate does not know yet survive a round trip.

/// Declares an open numeric type.
///
/// ```text
/// open_enum! {
///     /// Doc of the type.
///     pub struct Level(u8) {
///         /// Doc of the value.
///         NONE = 0,
///     }
/// }
/// ```
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub struct $name:ident($repr:ty) {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $value:expr,
            )*
        }
    ) => {
        $(#[$meta])*
        ///
        /// An open type: any wire value is kept, including ones this crate has no name for.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        #[derive(serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        #[allow(
            clippy::exhaustive_structs,
            reason = "a newtype over the wire integer: any value is valid and kept"
        )]
        pub struct $name(pub $repr);

        impl $name {
            $(
                $(#[$vmeta])*
                pub const $variant: Self = Self($value);
            )*

            /// Every named value, in wire order.
            pub const KNOWN: &'static [Self] = &[$(Self::$variant),*];

            /// The documented name of this value (`SCREAMING_SNAKE_CASE`), or `None` for a value
            /// this crate does not know.
            pub const fn name(self) -> Option<&'static str> {
                match self.0 {
                    $(v if v == $value => Some(stringify!($variant)),)*
                    _ => None,
                }
            }

            /// Whether this value has a documented name.
            pub const fn is_known(self) -> bool {
                self.name().is_some()
            }

            /// The raw wire value.
            pub const fn get(self) -> $repr {
                self.0
            }
        }

        impl From<$repr> for $name {
            fn from(v: $repr) -> Self {
                Self(v)
            }
        }

        impl From<$name> for $repr {
            fn from(v: $name) -> Self {
                v.0
            }
        }

        impl core::fmt::Debug for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                match self.name() {
                    Some(n) => write!(f, "{}::{}", stringify!($name), n),
                    None => write!(f, "{}({})", stringify!($name), self.0),
                }
            }
        }

        impl core::fmt::Display for $name {
            /// The name, or `unknown (N)`.
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                match self.name() {
                    Some(n) => f.write_str(n),
                    None => write!(f, "unknown ({})", self.0),
                }
            }
        }
    };
}

pub(crate) use open_enum;
