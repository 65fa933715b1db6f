//! `prune`'s filters: which invites match, and why.

use std::time::Duration;

use invite_model::{Invite, Timestamp};

use crate::args::PruneArgs;
use crate::duration::format_duration;

/// The filters of one `prune` run; an invite matches when it passes every filter given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Filters {
    /// `--expired`: the expiry time has passed.
    pub(crate) expired: bool,
    /// `--unused`: `uses` is 0.
    pub(crate) unused: bool,
    /// `--older-than`: created at least this long ago.
    pub(crate) older_than: Option<Duration>,
    /// `--max-uses-reached`: `max_uses > 0` and `uses >= max_uses`.
    pub(crate) max_uses_reached: bool,
    /// `--all`: every invite.
    pub(crate) all: bool,
}

impl Filters {
    /// The filters given on the command line.
    pub(crate) fn from_args(args: &PruneArgs) -> Self {
        Self {
            expired: args.expired,
            unused: args.unused,
            older_than: args.older_than,
            max_uses_reached: args.max_uses_reached,
            all: args.all,
        }
    }

    /// Whether no filter is given (nothing would match; the command line refuses this).
    pub(crate) fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Why `invite` matches every filter at `now` (one reason per filter), or `None` if a
    /// filter does not match (including when the invite lacks the data the filter needs).
    pub(crate) fn reasons(&self, invite: &Invite<'_>, now: Timestamp) -> Option<Vec<String>> {
        if self.is_empty() {
            return None;
        }
        let mut reasons = Vec::new();
        if self.all {
            reasons.push("all".to_owned());
        }
        if self.expired {
            if invite.expiry().is_none_or(|t| t > now) {
                return None;
            }
            reasons.push("expired".to_owned());
        }
        if self.unused {
            if invite.uses != Some(0) {
                return None;
            }
            reasons.push("unused".to_owned());
        }
        if let Some(age) = self.older_than {
            let created = invite.created_at?;
            let age_ms = i128::try_from(age.as_millis()).unwrap_or(i128::MAX);
            let elapsed = i128::from(now.unix_millis()) - i128::from(created.unix_millis());
            if elapsed < age_ms {
                return None;
            }
            reasons.push(format!("older than {}", format_duration(age)));
        }
        if self.max_uses_reached {
            match (invite.uses, invite.max_uses) {
                (Some(uses), Some(max)) if max > 0 && uses >= max => {}
                _ => return None,
            }
            reasons.push("max uses reached".to_owned());
        }
        Some(reasons)
    }

    /// Whether `invite` lacks data one of the filters needs (`uses`, `max_uses`, `created_at`:
    /// listed only to tokens with MANAGE_GUILD), so it can never match.
    pub(crate) fn lacks_data(&self, invite: &Invite<'_>) -> bool {
        (self.unused && invite.uses.is_none())
            || (self.older_than.is_some() && invite.created_at.is_none())
            || (self.max_uses_reached && (invite.uses.is_none() || invite.max_uses.is_none()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn invite(json: &str) -> Invite<'static> {
        serde_json::from_str::<Invite<'_>>(json)
            .unwrap()
            .into_owned()
    }

    const NOW: &str = "2024-01-31T00:00:00Z";

    #[test]
    fn each_filter() {
        let now = ts(NOW);
        let expired = invite(r#"{"code":"a","expires_at":"2024-01-30T00:00:00Z"}"#);
        let by_age = invite(r#"{"code":"b","created_at":"2024-01-01T00:00:00Z","max_age":86400}"#);
        let fresh = invite(r#"{"code":"c","expires_at":"2024-02-01T00:00:00Z"}"#);
        let never = invite(r#"{"code":"d","max_age":0,"created_at":"2020-01-01T00:00:00Z"}"#);
        let f = Filters {
            expired: true,
            ..Filters::default()
        };
        assert_eq!(f.reasons(&expired, now), Some(vec!["expired".to_owned()]));
        assert_eq!(f.reasons(&by_age, now), Some(vec!["expired".to_owned()]));
        assert_eq!(f.reasons(&fresh, now), None);
        assert_eq!(f.reasons(&never, now), None);
        // Exactly at the expiry time counts as expired.
        assert!(f.reasons(&fresh, ts("2024-02-01T00:00:00Z")).is_some());

        let f = Filters {
            unused: true,
            ..Filters::default()
        };
        assert!(
            f.reasons(&invite(r#"{"code":"a","uses":0}"#), now)
                .is_some()
        );
        assert!(
            f.reasons(&invite(r#"{"code":"a","uses":1}"#), now)
                .is_none()
        );
        assert!(f.reasons(&invite(r#"{"code":"a"}"#), now).is_none());

        let f = Filters {
            older_than: Some(Duration::from_secs(30 * 86_400)),
            ..Filters::default()
        };
        assert_eq!(
            f.reasons(&by_age, now),
            Some(vec!["older than 4w2d".to_owned()])
        );
        let young = invite(r#"{"code":"y","created_at":"2024-01-01T00:00:00.001Z"}"#);
        assert_eq!(f.reasons(&young, now), None);
        assert_eq!(f.reasons(&expired, now), None);

        let f = Filters {
            max_uses_reached: true,
            ..Filters::default()
        };
        assert!(
            f.reasons(&invite(r#"{"code":"a","uses":10,"max_uses":10}"#), now)
                .is_some()
        );
        assert!(
            f.reasons(&invite(r#"{"code":"a","uses":11,"max_uses":10}"#), now)
                .is_some()
        );
        assert!(
            f.reasons(&invite(r#"{"code":"a","uses":9,"max_uses":10}"#), now)
                .is_none()
        );
        assert!(
            f.reasons(&invite(r#"{"code":"a","uses":9,"max_uses":0}"#), now)
                .is_none()
        );
        assert!(
            f.reasons(&invite(r#"{"code":"a","uses":9}"#), now)
                .is_none()
        );
    }

    #[test]
    fn every_filter_must_match() {
        let now = ts(NOW);
        let f = Filters {
            expired: true,
            unused: true,
            ..Filters::default()
        };
        let both = invite(r#"{"code":"a","uses":0,"expires_at":"2024-01-01T00:00:00Z"}"#);
        let used = invite(r#"{"code":"a","uses":2,"expires_at":"2024-01-01T00:00:00Z"}"#);
        assert_eq!(
            f.reasons(&both, now),
            Some(vec!["expired".to_owned(), "unused".to_owned()])
        );
        assert_eq!(f.reasons(&used, now), None);
    }

    #[test]
    fn all_and_none() {
        let now = ts(NOW);
        let any = invite(r#"{"code":"a"}"#);
        assert_eq!(Filters::default().reasons(&any, now), None);
        let all = Filters {
            all: true,
            ..Filters::default()
        };
        assert_eq!(all.reasons(&any, now), Some(vec!["all".to_owned()]));
    }

    #[test]
    fn missing_metadata() {
        let bare = invite(r#"{"code":"a"}"#);
        let full =
            invite(r#"{"code":"a","uses":0,"max_uses":0,"created_at":"2024-01-01T00:00:00Z"}"#);
        for f in [
            Filters {
                unused: true,
                ..Filters::default()
            },
            Filters {
                older_than: Some(Duration::from_secs(1)),
                ..Filters::default()
            },
            Filters {
                max_uses_reached: true,
                ..Filters::default()
            },
        ] {
            assert!(f.lacks_data(&bare), "{f:?}");
            assert!(!f.lacks_data(&full), "{f:?}");
        }
        let expired = Filters {
            expired: true,
            ..Filters::default()
        };
        assert!(!expired.lacks_data(&bare));
    }
}
