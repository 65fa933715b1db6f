//! The target users of an invite: `GET` and `PUT /invites/{code}/target-users`, and
//! `GET /invites/{code}/target-users/job-status`.

use alloc::vec::Vec;

use super::{
    Endpoint, Multipart, Request, Response, ResponseError, Route, check_status, parse_json,
};
use crate::body::target_users_csv::{
    CsvError, parse_target_users_csv, parse_target_users_upload, write_target_users_csv,
};
use crate::code::InviteCode;
use crate::error::DecodeError;
use crate::invite::job_status::TargetUsersJobStatus;
use crate::primitive::snowflake::Snowflake;

/// The name of the CSV part of a target-users upload.
pub const TARGET_USERS_FILE_FIELD: &str = "target_users_file";
/// The file name sent with the CSV part.
pub const TARGET_USERS_FILE_NAME: &str = "target_users.csv";

/// `GET /invites/{code}/target-users`: the users an invite is restricted to, read from the CSV
/// the API returns. Needs to be the inviter, or `MANAGE_GUILD` or `VIEW_AUDIT_LOG`. An invite
/// without target users answers 404 with code 10129.
///
/// ```
/// use invite_model::{InviteCode, Snowflake};
/// use invite_model::endpoint::{Endpoint, GetTargetUsers, Response};
/// let e = GetTargetUsers::new(InviteCode::parse("jvuBeT38").unwrap());
/// assert_eq!(e.request().route.to_string(), "/invites/jvuBeT38/target-users");
/// let ids = e.parse(&Response::new(200, &[], b"user_id\n1\n2\n")).unwrap();
/// assert_eq!(ids, [Snowflake(1), Snowflake(2)]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GetTargetUsers {
    code: InviteCode,
}

impl GetTargetUsers {
    /// The target users of the invite `code`.
    pub fn new(code: InviteCode) -> Self {
        Self { code }
    }
}

impl Endpoint for GetTargetUsers {
    type Output = Vec<Snowflake>;

    fn request(&self) -> Request {
        Request::new(Route::GetTargetUsers {
            code: self.code.clone(),
        })
    }

    fn parse(&self, response: &Response<'_>) -> Result<Vec<Snowflake>, ResponseError> {
        check_status(response)?;
        parse_target_users_csv(response.body)
            .map_err(|e| DecodeError::from_response(response, e).into())
    }
}

/// `PUT /invites/{code}/target-users`: replaces the users an invite is restricted to, uploading
/// a CSV as `multipart/form-data`. Needs to be the inviter or `MANAGE_GUILD`. The API processes
/// the file asynchronously (see `GetTargetUsersJobStatus`) and answers 204; bad ids give a 400
/// whose [`FieldError`](crate::FieldError)s have the path `target_users_file`.
///
/// ```
/// use invite_model::{InviteCode, Snowflake};
/// use invite_model::endpoint::{Endpoint, PutTargetUsers, Response};
/// let e = PutTargetUsers::new(InviteCode::parse("jvuBeT38").unwrap(), &[Snowflake(1)]).unwrap();
/// let err = e.parse(&Response::new(400, &[], br#"{"target_users_file": ["Line 2: invalid user ID - x"]}"#)).unwrap_err();
/// assert_eq!(err.to_string(), "api error 400: Bad Request; target_users_file: Line 2: invalid user ID - x");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PutTargetUsers {
    code: InviteCode,
    csv: Vec<u8>,
}

impl PutTargetUsers {
    /// Restricts the invite `code` to `user_ids` (written as a CSV with the `user_id` header).
    /// An empty list is refused ([`CsvError::NoUserIds`]).
    pub fn new(code: InviteCode, user_ids: &[Snowflake]) -> Result<Self, CsvError> {
        if user_ids.is_empty() {
            return Err(CsvError::NoUserIds);
        }
        Ok(Self {
            code,
            csv: write_target_users_csv(user_ids),
        })
    }

    /// Uploads a CSV as it is, after checking that it parses and names at least one user
    /// ([`parse_target_users_upload`](crate::parse_target_users_upload)).
    pub fn from_csv(code: InviteCode, csv: Vec<u8>) -> Result<Self, CsvError> {
        parse_target_users_upload(&csv)?;
        Ok(Self { code, csv })
    }

    /// The CSV that will be uploaded.
    pub fn csv(&self) -> &[u8] {
        &self.csv
    }
}

impl Endpoint for PutTargetUsers {
    type Output = ();

    fn request(&self) -> Request {
        let (content_type, body) = Multipart::new()
            .file(
                TARGET_USERS_FILE_FIELD,
                TARGET_USERS_FILE_NAME,
                "text/csv",
                &self.csv,
            )
            .finish();
        Request {
            headers: alloc::vec![("Content-Type", content_type)],
            body,
            ..Request::new(Route::PutTargetUsers {
                code: self.code.clone(),
            })
        }
    }

    fn parse(&self, response: &Response<'_>) -> Result<(), ResponseError> {
        check_status(response)
    }
}

/// `GET /invites/{code}/target-users/job-status`: how far the API got processing the last
/// target-users upload. Needs to be the inviter, or `MANAGE_GUILD` or `VIEW_AUDIT_LOG`. Without
/// a job the API answers 404 with code 10124.
///
/// ```
/// use invite_model::{InviteCode, JobStatus};
/// use invite_model::endpoint::{Endpoint, GetTargetUsersJobStatus, Response};
/// let e = GetTargetUsersJobStatus::new(InviteCode::parse("jvuBeT38").unwrap());
/// assert_eq!(e.request().route.to_string(), "/invites/jvuBeT38/target-users/job-status");
/// let body = br#"{"status":1,"total_users":10,"processed_users":4,"created_at":"2025-01-01T00:00:00Z","completed_at":null,"error_message":null}"#;
/// let job = e.parse(&Response::new(200, &[], body)).unwrap();
/// assert_eq!((job.status, job.processed_users), (JobStatus::PROCESSING, 4));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GetTargetUsersJobStatus {
    code: InviteCode,
}

impl GetTargetUsersJobStatus {
    /// The target-users job of the invite `code`.
    pub fn new(code: InviteCode) -> Self {
        Self { code }
    }
}

impl Endpoint for GetTargetUsersJobStatus {
    type Output = TargetUsersJobStatus<'static>;

    fn request(&self) -> Request {
        Request::new(Route::GetTargetUsersJobStatus {
            code: self.code.clone(),
        })
    }

    fn parse(
        &self,
        response: &Response<'_>,
    ) -> Result<TargetUsersJobStatus<'static>, ResponseError> {
        parse_json::<TargetUsersJobStatus<'_>>(response).map(TargetUsersJobStatus::into_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use alloc::format;
    use alloc::string::String;
    use alloc::string::ToString;
    use alloc::vec;

    fn code() -> InviteCode {
        InviteCode::parse("jvuBeT38").unwrap()
    }

    fn resp(status: u16, body: &[u8]) -> Response<'_> {
        Response::new(status, &[], body)
    }

    #[test]
    fn get_request_and_parse() {
        let e = GetTargetUsers::new(code());
        let r = e.request();
        assert_eq!(r.method(), Method::Get);
        assert_eq!(r.route.to_string(), "/invites/jvuBeT38/target-users");
        assert!(r.headers.is_empty() && r.body.is_empty());
        assert_eq!(r.route.template(), "GET /invites/{code}/target-users");
        assert_eq!(
            r.route.major(),
            None,
            "an invite code is not a major parameter"
        );
        assert!(r.retry_safe);

        assert_eq!(
            e.parse(&resp(200, b"user_id\r\n710570210159099984\r\n"))
                .unwrap(),
            vec![Snowflake(710_570_210_159_099_984)]
        );
        assert_eq!(e.parse(&resp(200, b"user_id\n")).unwrap(), vec![]);
        assert_eq!(
            e.parse(&resp(200, b"user_id\n12\n<html>"))
                .unwrap_err()
                .to_string(),
            "cannot decode the response body (status 200): line 3: invalid user id \"<html>\"; the body starts with \"user_id\\n12\\n<html>\""
        );
        // Truncated in the middle of a line: still digits, so it parses.
        assert_eq!(
            e.parse(&resp(200, b"user_id\n12\n3")).unwrap(),
            vec![Snowflake(12), Snowflake(3)]
        );
        let err = e
            .parse(&resp(
                404,
                br#"{"message": "Unknown Invite Target Users", "code": 10129}"#,
            ))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "discord api error 404 (10129): Unknown Invite Target Users"
        );
    }

    #[test]
    fn put_request_is_exact_multipart() {
        let e = PutTargetUsers::new(code(), &[Snowflake(1), Snowflake(22)]).unwrap();
        assert_eq!(e.csv(), b"user_id\n1\n22\n");
        let r = e.request();
        assert_eq!(r.method(), Method::Put);
        assert_eq!(r.route.to_string(), "/invites/jvuBeT38/target-users");
        assert_eq!(r.route.template(), "PUT /invites/{code}/target-users");
        assert!(r.retry_safe);
        let ct = r.header("content-type").unwrap();
        let boundary = ct.strip_prefix("multipart/form-data; boundary=").unwrap();
        assert_eq!(boundary, "invite-model-ae51520a7219d763");
        let expected = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"target_users_file\"; filename=\"target_users.csv\"\r\nContent-Type: text/csv\r\n\r\nuser_id\n1\n22\n\r\n--{boundary}--\r\n"
        );
        assert_eq!(String::from_utf8(r.body).unwrap(), expected);
        assert_eq!(r.headers.len(), 1);
    }

    #[test]
    fn put_parse_and_from_csv() {
        let e = PutTargetUsers::new(code(), &[Snowflake(1)]).unwrap();
        assert_eq!(e.parse(&resp(204, b"")), Ok(()));
        assert_eq!(e.parse(&resp(200, b"{}")), Ok(()));
        let err = e
            .parse(&resp(
                400,
                br#"{"target_users_file": ["Line 5: invalid user ID - abc"]}"#,
            ))
            .unwrap_err();
        let api = err.as_api().unwrap();
        assert_eq!(api.errors[0].path, "target_users_file");
        assert_eq!(api.errors[0].csv_line(), Some(5));
        assert_eq!(
            e.parse(&resp(500, b"oops")).unwrap_err().to_string(),
            "api error 500: oops"
        );

        assert_eq!(
            PutTargetUsers::from_csv(code(), b"user_id\n1\nx\n".to_vec())
                .unwrap_err()
                .to_string(),
            "line 3: invalid user id \"x\""
        );
        let e = PutTargetUsers::from_csv(code(), b"5\r\n6".to_vec()).unwrap();
        assert_eq!(e.csv(), b"5\r\n6");
    }

    /// Issue 9: "the upload names at least one user" was a rule of the CLI only.
    #[test]
    fn an_upload_without_users_is_refused() {
        assert_eq!(PutTargetUsers::new(code(), &[]), Err(CsvError::NoUserIds));
        for empty in [&b""[..], b"user_id\n", b"\n\n"] {
            assert_eq!(
                PutTargetUsers::from_csv(code(), empty.to_vec()),
                Err(CsvError::NoUserIds)
            );
        }
    }

    #[test]
    fn job_status() {
        let e = GetTargetUsersJobStatus::new(code());
        let r = e.request();
        assert_eq!(r.method(), Method::Get);
        assert_eq!(
            r.route.to_string(),
            "/invites/jvuBeT38/target-users/job-status"
        );
        assert!(r.headers.is_empty() && r.body.is_empty());
        assert_eq!(
            r.route.template(),
            "GET /invites/{code}/target-users/job-status"
        );
        assert_eq!(
            r.route.major(),
            None,
            "an invite code is not a major parameter"
        );
        assert!(r.retry_safe);

        let job = e
            .parse(&resp(
                200,
                br#"{"status":3,"total_users":10,"processed_users":4,"created_at":"2025-01-01T00:00:00Z","completed_at":"2025-01-01T00:01:00Z","error_message":"Line 5: invalid user ID"}"#,
            ))
            .unwrap();
        assert_eq!(job.status, crate::invite::job_status::JobStatus::FAILED);
        assert!(job.is_finished());
        assert_eq!(
            job.error_message.as_deref(),
            Some("Line 5: invalid user ID")
        );
        assert_eq!(
            e.parse(&resp(
                404,
                br#"{"message": "Unknown Invite Target Users Job", "code": 10124}"#
            ))
            .unwrap_err()
            .to_string(),
            "discord api error 404 (10124): Unknown Invite Target Users Job"
        );
        assert_eq!(
            e.parse(&resp(200, b"garbage")).unwrap_err().to_string(),
            crate::endpoint::test_support::GARBAGE_MSG
        );
        assert_eq!(
            e.parse(&resp(200, br#"{"status":1,"total_"#))
                .unwrap_err()
                .to_string(),
            "cannot decode the response body (status 200): EOF while parsing a string at line 1 column 19; the body starts with \"{\\\"status\\\":1,\\\"total_\""
        );
        assert_eq!(
            e.parse(&resp(204, b"")).unwrap_err().to_string(),
            "cannot decode the response body (status 204): empty body"
        );
    }
}
