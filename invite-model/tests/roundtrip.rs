//! Property tests: every generated value survives serialize → deserialize unchanged, and
//! arbitrary or truncated input never panics.

mod common;

use invite_model::{
    GuildInviteFlags, GuildScheduledEvent, Invite, InviteApplication, InviteChannel, InviteGuild,
    InvitePack, InviteRole, InviteStageInstance, Snowflake, TargetUsersJobStatus, Timestamp, User,
};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

/// Serializes `value`, parses it back (borrowing from the text), and checks that the value and
/// its JSON text are unchanged.
fn check<T>(value: &T) -> Result<(), TestCaseError>
where
    T: Serialize + PartialEq + core::fmt::Debug,
    for<'de> T: Deserialize<'de>,
{
    let text = serde_json::to_string(value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T =
        serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
    prop_assert_eq!(&back, value);
    prop_assert_eq!(serde_json::to_string(&back).unwrap(), text);
    Ok(())
}

/// Like [`check`] for a model with a lifetime: parses back borrowing from the JSON text.
macro_rules! check_borrowed {
    ($value:expr, $ty:ident) => {{
        let text = serde_json::to_string(&$value).unwrap();
        let back: $ty<'_> =
            serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        prop_assert_eq!(&back, &$value);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), text.clone());
        prop_assert_eq!(back.into_owned(), $value);
    }};
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn snowflake_round_trips(id in common::snowflake()) {
        check(&id)?;
        prop_assert_eq!(id.to_string().parse::<Snowflake>().unwrap(), id);
        // Also read from a JSON number.
        let from_number: Snowflake = serde_json::from_str(&id.get().to_string()).unwrap();
        prop_assert_eq!(from_number, id);
    }

    #[test]
    fn flags_round_trip(flags in common::invite_flags()) {
        check(&flags)?;
        prop_assert_eq!(serde_json::to_string(&flags).unwrap(), flags.bits().to_string());
        let back: GuildInviteFlags = serde_json::from_str(&flags.bits().to_string()).unwrap();
        prop_assert_eq!(back.bits(), flags.bits());
    }

    #[test]
    fn timestamp_round_trips(t in common::timestamp()) {
        check(&t)?;
        // Equality of instants is not enough: the offset must survive too.
        let back: Timestamp = t.to_string().parse().unwrap();
        prop_assert_eq!(back.0.offset(), t.0.offset());
        prop_assert_eq!(back.to_string(), t.to_string());
    }

    #[test]
    fn invite_round_trips(invite in common::invite()) {
        let text = serde_json::to_string(&invite).unwrap();
        let back: Invite<'_> = serde_json::from_str(&text)
            .map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        prop_assert_eq!(&back, &invite);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), text.clone());
        // From bytes as well, and through into_owned.
        let from_bytes: Invite<'_> = serde_json::from_slice(text.as_bytes()).unwrap();
        prop_assert_eq!(from_bytes.into_owned(), invite);
    }

    #[test]
    fn sub_objects_round_trip(
        user in common::user(),
        guild in common::guild(),
        channel in common::channel(),
        app in common::application(),
        event in common::scheduled_event(),
        role in common::role(),
        job in common::job_status(),
        stage in common::stage_instance(),
        pack in common::pack(),
    ) {
        check_borrowed!(user, User);
        check_borrowed!(guild, InviteGuild);
        check_borrowed!(channel, InviteChannel);
        check_borrowed!(app, InviteApplication);
        check_borrowed!(event, GuildScheduledEvent);
        check_borrowed!(role, InviteRole);
        check_borrowed!(job, TargetUsersJobStatus);
        check_borrowed!(stage, InviteStageInstance);
        check_borrowed!(pack, InvitePack);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = serde_json::from_slice::<Invite<'_>>(&bytes);
        let _ = serde_json::from_slice::<Vec<Invite<'_>>>(&bytes);
    }

    #[test]
    fn truncated_invites_error_without_panicking(invite in common::invite(), cut in any::<prop::sample::Index>()) {
        let text = serde_json::to_vec(&invite).unwrap();
        let at = cut.index(text.len());
        prop_assume!(at < text.len());
        let result = serde_json::from_slice::<Invite<'_>>(&text[..at]);
        prop_assert!(result.is_err());
    }
}
