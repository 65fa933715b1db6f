//! `Deserialize` for the hot model structs (the invite and its guild, channel and users), written
//! out by a macro instead of serde's derive, accepting and rejecting exactly what the derive did.
//!
//! What it does differently, for speed:
//! - **keys** are matched by a hash of their length and four of their bytes ([`key_hash`],
//!   distinct for the fields of each struct, checked at compile time), which the compiler turns
//!   into a binary search over constants, then one comparison with the one field name of that
//!   hash; the derive's `&str` match is a chain of string comparisons, one per field;
//! - **values** are written straight into the struct being built (which starts as its
//!   `Default`), and a bit per field records which keys were seen, where the derive keeps an
//!   `Option` per field on the stack and moves them all into the struct at the end;
//! - **sub-objects** of these structs are built where they stay ([`Fill`], [`OptionIn`]; a
//!   `Box<T>` fills in its box): the boxed guild in its box, the channel and inviter inside the invite,
//!   instead of on the stack and then moved.
//!
//! Each step was measured; the benches README has the figures.
//!
//! What it keeps from the derive, so that behaviour stays identical (the differential property
//! test `tests/differential.rs` compares the two on every input): unknown keys are ignored; a key
//! seen twice is `duplicate field` (an alias and its field count as the same key), reported before
//! its value is read; a missing required field is `missing field`, checked in declaration order
//! after the object; `null` for an `Option` is `None`; the struct may also come as a JSON array
//! of its fields in declaration order (`invalid length N, expected struct X with M elements` when
//! short); integer keys index the fields; the names passed to `deserialize_struct` are the
//! derive's (every field name and alias).

use alloc::boxed::Box;
use core::fmt;

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, Visitor};

/// A byte-string field name as `&str`, at compile time (every name is ASCII).
pub(crate) const fn name(key: &'static [u8]) -> &'static str {
    match core::str::from_utf8(key) {
        Ok(s) => s,
        Err(_) => panic!("field names are UTF-8"),
    }
}

/// The hash that tells a struct's field names apart: the length (modulo 2^32) and the first,
/// second, middle and last bytes. Two names of one struct with the same hash fail to compile (see
/// [`distinct`]); a key with a field's hash is that field only if it equals its name.
pub(crate) const fn key_hash(key: &[u8]) -> u64 {
    let n = key.len();
    if n < 2 {
        return n as u64;
    }
    ((n as u64 & 0xffff_ffff) << 32)
        | ((key[0] as u64) << 24)
        | ((key[1] as u64) << 16)
        | ((key[n / 2] as u64) << 8)
        | key[n - 1] as u64
}

/// Whether every name in `names` has its own [`key_hash`].
pub(crate) const fn distinct(names: &[&str]) -> bool {
    let mut i = 0;
    while i < names.len() {
        let mut j = i + 1;
        while j < names.len() {
            if key_hash(names[i].as_bytes()) == key_hash(names[j].as_bytes()) {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    true
}

/// The derive's wording for a struct read from a sequence that is too short.
pub(crate) struct Elements {
    /// The struct's name.
    pub(crate) name: &'static str,
    /// Its number of fields.
    pub(crate) count: usize,
}

impl serde::de::Expected for Elements {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {} with {} elements", self.name, self.count)
    }
}

/// A model that can be read into a value of itself that starts as its `Default`, so that a
/// sub-object is built where it will stay instead of being built on the stack and moved (its
/// `Deserialize` is `Default` then `fill`).
pub(crate) trait Fill<'de>: Default {
    /// Reads `self` from `deserializer`; on error, `self` holds part of the value.
    fn fill<D: Deserializer<'de>>(&mut self, deserializer: D) -> Result<(), D::Error>;
}

/// Reads an `Option<T>` in place, exactly as `Option<T>::deserialize` does (`deserialize_option`;
/// none and unit are `None`), but building the `T` inside the option.
pub(crate) struct OptionIn<'p, T>(pub(crate) &'p mut Option<T>);

impl<'de, T: Fill<'de>> DeserializeSeed<'de> for OptionIn<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, T: Fill<'de>> Visitor<'de> for OptionIn<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        *self.0 = None;
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        *self.0 = None;
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.0.insert(T::default()).fill(deserializer)
    }
}

/// A boxed value fills in its box, so [`OptionIn`] of an `Option<Box<T>>` builds the `T` in its
/// box (the boxed guild of an invite).
impl<'de, T: Fill<'de>> Fill<'de> for Box<T> {
    fn fill<D: Deserializer<'de>>(&mut self, deserializer: D) -> Result<(), D::Error> {
        (**self).fill(deserializer)
    }
}

/// Implements `Deserialize<'de>` for `$ty<'a>` (which must implement `Default`), reading the listed
/// fields in the listed order, and [`Fill`]. Each field is `name: kind = b"key" | b"alias"...`,
/// where `kind` is `required` (absent is `missing field`), `optional` (an `Option`, absent is
/// `None`), `in_place` (an `Option<T>` or `Option<Box<T>>` of a [`Fill`] model, read
/// as `optional` is but built where it stays) or `null_default` (absent or `null` is
/// `Default::default()`, like `#[serde(default, deserialize_with = "null_as_default")]`).
macro_rules! deserialize_struct {
    (
        $ty:ident, $name:literal,
        $( $field:ident : $kind:ident = $key:literal $(| $alias:literal)* ),+ $(,)?
    ) => {
        const _: () = {
            use core::fmt;
                        use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
            use $crate::primitive::struct_de::{Elements, distinct, key_hash, name};

            /// One variant per field, in declaration order, and `Ignore` for any other key.
            #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
            #[derive(Clone, Copy, PartialEq, Eq)]
            #[repr(u8)]
            enum Field {
                $( $field, )+
                Ignore,
            }

            const ALL: &[Field] = &[$( Field::$field ),+];
            const NAMES: &[&str] = &[$( name($key) ),+];
            const FIELDS: &[&str] = &[$( name($key) $(, name($alias))* ),+];
            const _: () = assert!(ALL.len() < 64, "one bit per field (and `Ignore`) in a u64");
            const _: () = assert!(distinct(FIELDS), "two field names with one key_hash");

            /// The hash of each field's name, named after the field.
            #[allow(non_upper_case_globals)]
            mod hashes {
                $( pub(super) const $field: u64 = $crate::primitive::struct_de::key_hash($key); )+
            }

            fn field(key: &[u8]) -> Field {
                match key_hash(key) {
                    $( hashes::$field if key == $key => Field::$field, )+
                    _ => match key {
                        $( $( $alias => Field::$field, )* )+
                        _ => Field::Ignore,
                    },
                }
            }

            struct Key;

            impl<'de> DeserializeSeed<'de> for Key {
                type Value = Field;

                fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Field, D::Error> {
                    d.deserialize_identifier(Key)
                }
            }

            impl Visitor<'_> for Key {
                type Value = Field;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("field identifier")
                }

                fn visit_u64<E: de::Error>(self, v: u64) -> Result<Field, E> {
                    Ok(usize::try_from(v)
                        .ok()
                        .and_then(|i| ALL.get(i).copied())
                        .unwrap_or(Field::Ignore))
                }

                fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                    Ok(field(v.as_bytes()))
                }

                fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Field, E> {
                    Ok(field(v))
                }
            }

            /// Fills a value that starts as its `Default`.
            struct Filler<'p, 'a>(&'p mut $ty<'a>);

            impl<'de: 'a, 'a> Visitor<'de> for Filler<'_, 'a> {
                type Value = ();

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(concat!("struct ", $name))
                }

                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
                    let out = self.0;
                    $(
                        $crate::primitive::struct_de::seq_field!(
                            $kind, seq, out.$field, Field::$field as usize,
                            Elements { name: $name, count: ALL.len() }
                        );
                    )+
                    Ok(())
                }

                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
                    let out = self.0;
                    let mut seen = 0u64;
                    while let Some(key) = map.next_key_seed(Key)? {
                        let bit = 1u64 << (key as u8);
                        match key {
                            $(
                                Field::$field => {
                                    if seen & bit != 0 {
                                        return Err(de::Error::duplicate_field(
                                            NAMES[Field::$field as usize],
                                        ));
                                    }
                                    seen |= bit;
                                    $crate::primitive::struct_de::map_value!($kind, map, out.$field);
                                }
                            )+
                            Field::Ignore => {
                                map.next_value::<IgnoredAny>()?;
                            }
                        }
                    }
                    $(
                        $crate::primitive::struct_de::check_present!(
                            $kind, seen, Field::$field, NAMES[Field::$field as usize]
                        );
                    )+
                    Ok(())
                }
            }

            impl<'de: 'a, 'a> $crate::primitive::struct_de::Fill<'de> for $ty<'a> {
                fn fill<D: Deserializer<'de>>(&mut self, deserializer: D) -> Result<(), D::Error> {
                    deserializer.deserialize_struct($name, FIELDS, Filler(self))
                }
            }

            impl<'de: 'a, 'a> serde::Deserialize<'de> for $ty<'a> {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let mut out = Self::default();
                    $crate::primitive::struct_de::Fill::fill(&mut out, deserializer)?;
                    Ok(out)
                }
            }
        };
    };
}

/// Reads one field's value from a map (see [`deserialize_struct`]).
macro_rules! map_value {
    (null_default, $map:ident, $place:expr) => {
        $place = $map.next_value::<Option<_>>()?.unwrap_or_default()
    };
    (required, $map:ident, $place:expr) => {
        $place = $map.next_value()?
    };
    (optional, $map:ident, $place:expr) => {
        $place = $map.next_value()?
    };
    (in_place, $map:ident, $place:expr) => {
        $map.next_value_seed($crate::primitive::struct_de::OptionIn(&mut $place))?
    };
}

/// Reads one field from a sequence (see [`deserialize_struct`]).
macro_rules! seq_field {
    (null_default, $seq:ident, $place:expr, $index:expr, $expected:expr) => {
        $place = match $seq.next_element::<Option<_>>()? {
            Some(v) => v.unwrap_or_default(),
            None => Default::default(),
        }
    };
    (required, $seq:ident, $place:expr, $index:expr, $expected:expr) => {
        $crate::primitive::struct_de::seq_field!(optional, $seq, $place, $index, $expected)
    };
    (optional, $seq:ident, $place:expr, $index:expr, $expected:expr) => {
        $place = match $seq.next_element()? {
            Some(v) => v,
            None => return Err(serde::de::Error::invalid_length($index, &$expected)),
        }
    };
    (in_place, $seq:ident, $place:expr, $index:expr, $expected:expr) => {
        if $seq
            .next_element_seed($crate::primitive::struct_de::OptionIn(&mut $place))?
            .is_none()
        {
            return Err(serde::de::Error::invalid_length($index, &$expected));
        }
    };
}

/// After the map: a required field that was not seen is an error (see [`deserialize_struct`]).
macro_rules! check_present {
    (required, $seen:ident, $field:expr, $name:expr) => {
        if $seen & (1u64 << ($field as u8)) == 0 {
            return Err(serde::de::Error::missing_field($name));
        }
    };
    (optional, $seen:ident, $field:expr, $name:expr) => {};
    (in_place, $seen:ident, $field:expr, $name:expr) => {};
    (null_default, $seen:ident, $field:expr, $name:expr) => {};
}

pub(crate) use {check_present, deserialize_struct, map_value, seq_field};
