//! Validated request bodies: create-invite parameters, incident actions, audit-log reasons and
//! the target-users CSV.
//! Every rule a value must meet before it may go on the wire is checked here, when the value is
//! built.

pub(crate) mod audit_reason;
pub(crate) mod create_invite;
pub(crate) mod incident_actions;
pub(crate) mod target_users_csv;
