//! [`TargetUsersJobStatus`]: progress of processing an invite's target-users file.

use serde::{Deserialize, Serialize};

use crate::primitive::cow_str::CowStr;
use crate::primitive::open_enum::open_enum;
use crate::primitive::serde_util::into_static_via_into_owned;
use crate::primitive::timestamp::Timestamp;

open_enum! {
    /// The state of a target-users job (`status`).
    pub struct JobStatus(u8) {
        /// The default value.
        UNSPECIFIED = 0,
        /// The file is being processed.
        PROCESSING = 1,
        /// Every user was processed.
        COMPLETED = 2,
        /// Processing failed; see `error_message`.
        FAILED = 3,
    }
}

/// The job that processes an invite's target-users file (`GET
/// /invites/{code}/target-users/job-status`, and `target_users_job_status` in guild invite lists).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TargetUsersJobStatus<'a> {
    /// The job's state (`UNSPECIFIED` if absent).
    #[serde(default)]
    pub status: JobStatus,
    /// How many users the file names (0 if absent).
    #[serde(default)]
    pub total_users: u64,
    /// How many users were processed so far (0 if absent).
    #[serde(default)]
    pub processed_users: u64,
    /// When the job started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    /// When the job finished; `None` while it runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<Timestamp>,
    /// Why the job failed, if it did.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<CowStr<'a>>,
}

impl TargetUsersJobStatus<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> TargetUsersJobStatus<'static> {
        TargetUsersJobStatus {
            status: self.status,
            total_users: self.total_users,
            processed_users: self.processed_users,
            created_at: self.created_at,
            completed_at: self.completed_at,
            error_message: self.error_message.map(CowStr::into_owned),
        }
    }

    /// Whether the job has stopped, successfully or not.
    pub fn is_finished(&self) -> bool {
        self.status == JobStatus::COMPLETED || self.status == JobStatus::FAILED
    }
}

into_static_via_into_owned!(TargetUsersJobStatus);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_shape() {
        let j: TargetUsersJobStatus<'_> = serde_json::from_str(
            r#"{"status":3,"total_users":10,"processed_users":4,
                "created_at":"2025-01-01T00:00:00Z","completed_at":null,
                "error_message":"Line 5: invalid user ID"}"#,
        )
        .unwrap();
        assert_eq!(j.status, JobStatus::FAILED);
        assert_eq!((j.total_users, j.processed_users), (10, 4));
        assert_eq!(j.created_at.map(|t| t.unix_seconds()), Some(1_735_689_600));
        assert_eq!(j.completed_at, None);
        assert_eq!(j.error_message.as_deref(), Some("Line 5: invalid user ID"));
        assert!(j.is_finished());
        let text = serde_json::to_string(&j).unwrap();
        let back: TargetUsersJobStatus<'_> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, j);
    }

    #[test]
    fn tolerates_a_sparse_object() {
        let j: TargetUsersJobStatus<'_> = serde_json::from_str(r#"{"status":9}"#).unwrap();
        assert_eq!(j.status, JobStatus(9));
        assert_eq!(j.total_users, 0);
        assert!(!j.is_finished());
        assert_eq!(j.into_owned().error_message, None);
    }
}
