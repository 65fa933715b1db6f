//! The target-users CSV of an invite: the file `GET /invites/{code}/target-users` returns and
//! `PUT /invites/{code}/target-users` (or a create-invite request) uploads.
//!
//! The format is one column: an optional `user_id` header line, then one user id per line.
//! When an upload has bad ids, the API answers 400 with
//! `{"target_users_file": ["Line 5: invalid user ID - ..."]}`, which
//! [`ResponseError::from_response`](crate::ResponseError::from_response) turns into
//! [`FieldError`](crate::FieldError)s with the path `target_users_file`
//! ([`FieldError::csv_line`](crate::FieldError::csv_line) gives the line number).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::primitive::snowflake::{Snowflake, parse_decimal, write_decimal};

/// The header line of the CSV.
pub const TARGET_USERS_CSV_HEADER: &str = "user_id";

/// Why a target-users CSV does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CsvError {
    /// A line that is not a user id.
    InvalidUserId {
        /// The line number, from 1 (the header, if any, is line 1).
        line: usize,
        /// The line's content (at most [`CsvError::CONTENT_MAX`] bytes of it, lossily decoded).
        content: String,
    },
    /// A line with more than one column.
    ExtraColumn {
        /// The line number, from 1.
        line: usize,
        /// The line's content (at most [`CsvError::CONTENT_MAX`] bytes of it).
        content: String,
    },
    /// An upload that names no user: nothing but the header, blank lines or nothing at all
    /// ([`parse_target_users_upload`]).
    NoUserIds,
}

impl CsvError {
    /// The most bytes of a line kept in an error.
    pub const CONTENT_MAX: usize = 64;

    /// The line the error is on, from 1 (`None` for [`NoUserIds`](Self::NoUserIds)).
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::InvalidUserId { line, .. } | Self::ExtraColumn { line, .. } => Some(*line),
            Self::NoUserIds => None,
        }
    }
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidUserId { line, content } => {
                write!(f, "line {line}: invalid user id {content:?}")
            }
            Self::ExtraColumn { line, content } => write!(
                f,
                "line {line}: expected one column (a user id), found {content:?}"
            ),
            Self::NoUserIds => {
                f.write_str("no user ids (expected the header `user_id`, then one id a line)")
            }
        }
    }
}

impl core::error::Error for CsvError {}

fn content_of(line: &[u8]) -> String {
    crate::secret::Redactor::new().excerpt_bytes(line, CsvError::CONTENT_MAX)
}

fn trim_ascii(mut b: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = b {
        b = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = b {
        b = rest;
    }
    b
}

/// Parses a target-users CSV into user ids, in file order.
///
/// - A UTF-8 byte-order mark is skipped.
/// - Line 1 may be the header `user_id` (any case); it is skipped.
/// - Lines end with LF or CRLF; spaces and tabs around a value and double quotes around it are
///   ignored; blank lines (such as the one after the final line break) are skipped.
/// - Duplicates are kept, in order: the API ignores them on upload, and a caller that wants a
///   set can sort and dedup.
///
/// When an upload has bad ids, the API answers 400 with
/// `{"target_users_file": ["Line 5: invalid user ID - ..."]}`, which
/// [`ResponseError::from_response`](crate::ResponseError::from_response) turns into
/// [`FieldError`](crate::FieldError)s with the path `target_users_file`
/// ([`FieldError::csv_line`](crate::FieldError::csv_line) gives the line number).
///
/// ```
/// use invite_model::{Snowflake, parse_target_users_csv};
/// let ids = parse_target_users_csv(b"user_id\r\n710570210159099984\r\n1081815963990761542\r\n").unwrap();
/// assert_eq!(ids, [Snowflake(710570210159099984), Snowflake(1081815963990761542)]);
/// assert_eq!(
///     parse_target_users_csv(b"user_id\n1\nbob\n").unwrap_err().to_string(),
///     "line 3: invalid user id \"bob\""
/// );
/// ```
pub fn parse_target_users_csv(csv: &[u8]) -> Result<Vec<Snowflake>, CsvError> {
    let csv = csv.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(csv);
    let mut ids = Vec::new();
    for (i, raw) in csv.split(|&b| b == b'\n').enumerate() {
        let line = i + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let value = trim_ascii(raw);
        if value.is_empty() {
            continue;
        }
        if value.contains(&b',') {
            return Err(CsvError::ExtraColumn {
                line,
                content: content_of(raw),
            });
        }
        let value = value
            .strip_prefix(b"\"")
            .and_then(|v| v.strip_suffix(b"\""))
            .unwrap_or(value);
        if line == 1 && value.eq_ignore_ascii_case(TARGET_USERS_CSV_HEADER.as_bytes()) {
            continue;
        }
        match parse_decimal(value) {
            Some(id) => ids.push(Snowflake(id)),
            None => {
                return Err(CsvError::InvalidUserId {
                    line,
                    content: content_of(raw),
                });
            }
        }
    }
    Ok(ids)
}

/// Parses a target-users CSV to upload ([`PutTargetUsers`](crate::endpoint::PutTargetUsers),
/// [`CreateChannelInvite::target_users_csv`](crate::endpoint::CreateChannelInvite::target_users_csv)):
/// as [`parse_target_users_csv`], and it must name at least one user
/// ([`CsvError::NoUserIds`] otherwise), since an upload without users would restrict the
/// invite to nobody.
///
/// ```
/// use invite_model::{CsvError, Snowflake, parse_target_users_upload};
/// assert_eq!(parse_target_users_upload(b"user_id\n42\n").unwrap(), [Snowflake(42)]);
/// assert_eq!(parse_target_users_upload(b"user_id\n\n"), Err(CsvError::NoUserIds));
/// assert_eq!(
///     CsvError::NoUserIds.to_string(),
///     "no user ids (expected the header `user_id`, then one id a line)"
/// );
/// ```
pub fn parse_target_users_upload(csv: &[u8]) -> Result<Vec<Snowflake>, CsvError> {
    let ids = parse_target_users_csv(csv)?;
    if ids.is_empty() {
        return Err(CsvError::NoUserIds);
    }
    Ok(ids)
}

/// Writes a target-users CSV: the `user_id` header, then one id per line, each line ending
/// with `\n`.
///
/// ```
/// use invite_model::{Snowflake, write_target_users_csv};
/// assert_eq!(write_target_users_csv(&[Snowflake(1), Snowflake(22)]), b"user_id\n1\n22\n");
/// ```
pub fn write_target_users_csv(ids: &[Snowflake]) -> Vec<u8> {
    let mut out = Vec::with_capacity(TARGET_USERS_CSV_HEADER.len() + 1 + ids.len() * 20);
    out.extend_from_slice(TARGET_USERS_CSV_HEADER.as_bytes());
    out.push(b'\n');
    let mut buf = [0u8; 20];
    for id in ids {
        out.extend_from_slice(write_decimal(id.get(), &mut buf).as_bytes());
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;
    use proptest::prelude::*;

    fn ids(csv: &[u8]) -> Vec<u64> {
        parse_target_users_csv(csv)
            .unwrap()
            .into_iter()
            .map(Snowflake::get)
            .collect()
    }

    #[test]
    fn parses_every_accepted_shape() {
        assert_eq!(ids(b""), Vec::<u64>::new());
        assert_eq!(ids(b"user_id\n"), Vec::<u64>::new());
        assert_eq!(ids(b"user_id"), Vec::<u64>::new());
        assert_eq!(ids(b"1\n2"), vec![1, 2]);
        assert_eq!(ids(b"\xEF\xBB\xBFuser_id\r\n1\r\n2\r\n"), vec![1, 2]);
        assert_eq!(ids(b"USER_ID\n 1 \n\t\"2\"\n\n3\n\n"), vec![1, 2, 3]);
        assert_eq!(ids(b"\"user_id\"\n5\n5\n"), vec![5, 5]);
        assert_eq!(ids(b"18446744073709551615\n"), vec![u64::MAX]);
    }

    #[test]
    fn errors_name_line_and_content() {
        assert_eq!(
            parse_target_users_csv(b"user_id\n1\n\n12a\n").unwrap_err(),
            CsvError::InvalidUserId {
                line: 4,
                content: "12a".into()
            }
        );
        assert_eq!(
            parse_target_users_csv(b"1\r\nuser_id\r\n")
                .unwrap_err()
                .to_string(),
            "line 2: invalid user id \"user_id\""
        );
        assert_eq!(
            parse_target_users_csv(b"user_id,name\n")
                .unwrap_err()
                .to_string(),
            "line 1: expected one column (a user id), found \"user_id,name\""
        );
        assert_eq!(
            parse_target_users_csv(b"-1").unwrap_err().to_string(),
            "line 1: invalid user id \"-1\""
        );
        assert_eq!(
            parse_target_users_csv(b"18446744073709551616")
                .unwrap_err()
                .line(),
            Some(1)
        );
        assert_eq!(
            parse_target_users_csv(b"\xff\xfe").unwrap_err().to_string(),
            "line 1: invalid user id \"\u{fffd}\u{fffd}\""
        );
        let long = "9".repeat(300);
        let CsvError::InvalidUserId { content, .. } =
            parse_target_users_csv(long.as_bytes()).unwrap_err()
        else {
            panic!()
        };
        assert_eq!(content.len(), CsvError::CONTENT_MAX);
    }

    /// Issue 9: the rule "an upload names at least one user" was the CLI's alone.
    #[test]
    fn an_upload_names_a_user() {
        for empty in [
            &b""[..],
            b"user_id",
            b"user_id\r\n\r\n",
            b"\xEF\xBB\xBF\n \n",
        ] {
            assert_eq!(parse_target_users_upload(empty), Err(CsvError::NoUserIds));
            assert_eq!(parse_target_users_csv(empty), Ok(Vec::new()));
        }
        assert_eq!(CsvError::NoUserIds.line(), None);
        assert_eq!(
            parse_target_users_upload(b"user_id\nbob\n")
                .unwrap_err()
                .line(),
            Some(2)
        );
        assert_eq!(
            ids(b"7"),
            parse_target_users_upload(b"7")
                .unwrap()
                .iter()
                .map(|s| s.get())
                .collect::<Vec<_>>()
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn write_then_parse_round_trips(raw in proptest::collection::vec(any::<u64>(), 0..50)) {
            let ids: Vec<Snowflake> = raw.iter().copied().map(Snowflake).collect();
            let csv = write_target_users_csv(&ids);
            prop_assert_eq!(parse_target_users_csv(&csv).unwrap(), ids);
        }

        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            match parse_target_users_csv(&bytes) {
                Ok(_) => {}
                Err(e) => prop_assert!(e.line().is_some_and(|l| l >= 1)),
            }
        }
    }
}
