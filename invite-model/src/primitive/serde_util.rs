//! Small helpers shared by the models: tolerant deserialization and `'static` conversion.

use alloc::vec::Vec;

use serde::{Deserialize, Deserializer};

use crate::primitive::cow_str::CowStr;

/// Deserializes `null` as the type's default (an empty `Vec`), for arrays the APIs sometimes send
/// as `null` instead of leaving them out.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// Whether a `Vec` field is empty, for `skip_serializing_if` on arrays that are usually absent.
pub(crate) fn is_empty<T>(v: &[T]) -> bool {
    v.is_empty()
}

/// Conversion of a borrowing value into one that owns its strings. Each model's inherent
/// `into_owned` is the public face of this; the trait lets them convert nested `Option`s and
/// `Vec`s field by field.
pub(crate) trait IntoStatic {
    /// The `'static` form.
    type Static;
    /// Copies every borrowed string.
    fn into_static(self) -> Self::Static;
}

impl IntoStatic for CowStr<'_> {
    type Static = CowStr<'static>;
    fn into_static(self) -> CowStr<'static> {
        self.into_owned()
    }
}

impl<T: IntoStatic> IntoStatic for Option<T> {
    type Static = Option<T::Static>;
    fn into_static(self) -> Self::Static {
        self.map(IntoStatic::into_static)
    }
}

impl<T: IntoStatic> IntoStatic for alloc::boxed::Box<T> {
    type Static = alloc::boxed::Box<T::Static>;
    fn into_static(self) -> Self::Static {
        alloc::boxed::Box::new((*self).into_static())
    }
}

impl<T: IntoStatic> IntoStatic for Vec<T> {
    type Static = Vec<T::Static>;
    fn into_static(self) -> Self::Static {
        self.into_iter().map(IntoStatic::into_static).collect()
    }
}

/// Implements [`IntoStatic`] for model types through their inherent `into_owned`.
macro_rules! into_static_via_into_owned {
    ($($ty:ident),* $(,)?) => {
        $(
            impl crate::primitive::serde_util::IntoStatic for $ty<'_> {
                type Static = $ty<'static>;
                fn into_static(self) -> $ty<'static> {
                    self.into_owned()
                }
            }
        )*
    };
}

pub(crate) use into_static_via_into_owned;

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[derive(Deserialize, Debug, PartialEq)]
    struct S {
        #[serde(default, deserialize_with = "null_as_default")]
        v: Vec<u8>,
    }

    #[test]
    fn null_absent_and_values() {
        let a: S = serde_json::from_str(r#"{"v":null}"#).unwrap();
        let b: S = serde_json::from_str("{}").unwrap();
        let c: S = serde_json::from_str(r#"{"v":[1,2]}"#).unwrap();
        assert_eq!(a.v, Vec::<u8>::new());
        assert_eq!(b.v, Vec::<u8>::new());
        assert_eq!(c.v, vec![1, 2]);
        let e = serde_json::from_str::<S>(r#"{"v":"x"}"#).unwrap_err();
        assert_eq!(
            alloc::string::ToString::to_string(&e),
            "invalid type: string \"x\", expected a sequence at line 1 column 8"
        );
    }

    #[test]
    fn into_static_copies_borrowed_strings() {
        let s = alloc::string::String::from("abc");
        let v: Vec<Option<CowStr<'_>>> = vec![Some(CowStr::borrowed(&s)), None];
        let owned: Vec<Option<CowStr<'static>>> = v.into_static();
        drop(s);
        assert_eq!(owned, vec![Some(CowStr::from("abc")), None]);
        assert!(owned[0].as_ref().is_some_and(|c| !c.is_borrowed()));
    }
}
