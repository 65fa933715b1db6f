//! The permission-list parser and its error.

use core::fmt;
use core::ops::Range;

use crate::excerpt::Excerpt;
use crate::names::{self, Spelling};
use crate::number::{NumberError, parse_decimal, parse_hex};
use crate::permissions::Permissions;
use crate::platform::Platform;
use crate::render::write_bits;
use crate::suggest::{Suggestion, suggest};

/// Options for [`parse_permissions_with`] and [`parse_permission_name`].
///
/// ```
/// use invite_perms::{ParseOptions, Permissions, Platform, parse_permissions_with};
///
/// let lenient = ParseOptions::new().allow_undefined_bits(true);
/// let p = parse_permissions_with("9007199254740992", lenient).unwrap();
/// assert_eq!(p, Permissions::FLUXER_UPDATE_RTC_REGION);
///
/// let fluxer = ParseOptions::new().platform(Platform::Fluxer);
/// let p = parse_permissions_with("MANAGE_EXPRESSIONS, update_rtc_region", fluxer).unwrap();
/// assert_eq!(p, Permissions::MANAGE_GUILD_EXPRESSIONS | Permissions::FLUXER_UPDATE_RTC_REGION);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseOptions {
    /// Accept decimal numbers with bits the platform does not define (and keep those bits).
    /// Off by default, so that a mistyped number is caught. `0x` items always keep every bit.
    pub allow_undefined_bits: bool,
    /// Whose permission set: a name or number of a bit the platform does not have is an
    /// error that names it. Discord by default.
    pub platform: Platform,
}

impl ParseOptions {
    /// The defaults, which [`parse_permissions`] uses: Discord, strict numbers.
    pub const fn new() -> Self {
        Self {
            allow_undefined_bits: false,
            platform: Platform::Discord,
        }
    }

    /// Sets [`allow_undefined_bits`](Self::allow_undefined_bits).
    pub const fn allow_undefined_bits(mut self, allow: bool) -> Self {
        self.allow_undefined_bits = allow;
        self
    }

    /// Sets [`platform`](Self::platform).
    pub const fn platform(mut self, platform: Platform) -> Self {
        self.platform = platform;
        self
    }
}

/// Parses a list of permission names and numbers into one [`Permissions`] set (their union).
///
/// # Grammar
///
/// - Items are separated by `;` (aoi.js style), `,`, `|` or `+`, or by ASCII whitespace alone.
///   Whitespace around a separator is fine (`"a, b"`, `"a | b"`); whitespace around the whole
///   input is ignored. Two separators in a row, or one at the start or end, is an
///   [`EmptyItem`](ParsePermissionsError::EmptyItem) error; empty or blank input is
///   [`Empty`](ParsePermissionsError::Empty).
/// - An item may be wrapped in double quotes (`"2112"`); the quotes are dropped.
/// - A **name** in any spelling [`Permissions::from_name`] accepts: Discord's `SEND_MESSAGES`,
///   discord.js's `SendMessages`, `send_messages`, every aoi.js alias (`sendmessage`, `admin`,
///   `useappcmds`, ...; `all` is every permission of the platform), older names
///   (`MANAGE_EMOJIS_AND_STICKERS`, `USE_SLASH_COMMANDS`, ...), Fluxer's names and the
///   client's names without their spaces (`ManageServer`). Case, `_` and `-` are ignored. A
///   name of a bit the platform ([`ParseOptions::platform`]) does not have is a
///   [`NotOnPlatform`](ParsePermissionsError::NotOnPlatform) error.
/// - A **decimal number** (`8`, `2048`): its bits. A number with bits the platform does not
///   define is an [`UndefinedBits`](ParsePermissionsError::UndefinedBits) error (it is most
///   likely a typo); [`ParseOptions::allow_undefined_bits`] accepts it.
/// - A **hexadecimal number** `0x…` (1 to 16 significant digits): raw bits, taken as written,
///   undefined bits included. This is how [`Permissions`]' `Display` writes bits that have no
///   name, so the canonical text form of every value parses back to that value.
///
/// Parsing never allocates, hashes or panics; a list of ten names takes well under a
/// microsecond.
///
/// ```
/// use invite_perms::{Permissions, parse_permissions};
///
/// let p = parse_permissions("administrator;sendmessages, SendTTSMessages | 2048").unwrap();
/// assert_eq!(
///     p,
///     Permissions::ADMINISTRATOR | Permissions::SEND_MESSAGES | Permissions::SEND_TTS_MESSAGES
/// );
///
/// let err = parse_permissions("sendmesages").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "unknown permission `sendmesages` at 0..11; did you mean `sendmessages`?"
/// );
/// ```
pub fn parse_permissions(input: &str) -> Result<Permissions, ParsePermissionsError> {
    parse_permissions_with(input, ParseOptions::new())
}

/// [`parse_permissions`] with [`ParseOptions`]: another platform, lenient numbers.
pub fn parse_permissions_with(
    input: &str,
    options: ParseOptions,
) -> Result<Permissions, ParsePermissionsError> {
    let bytes = input.as_bytes();
    let is = |class: u8| move |b: &u8| byte_class(*b) == class;

    // Trim whitespace at both ends; `list` is what is left, indices stay those of `input`.
    let mut end = bytes.len();
    while end > 0 && bytes.get(end - 1).is_some_and(is(SPACE)) {
        end -= 1;
    }
    let list = bytes.get(..end).unwrap_or_default();
    let mut i = 0;
    while list.get(i).is_some_and(is(SPACE)) {
        i += 1;
    }
    if i == list.len() {
        return Err(ParsePermissionsError::Empty);
    }

    let mut bits = 0u64;
    loop {
        // An item must start here.
        if list.get(i).is_none_or(is(PUNCT)) {
            return Err(ParsePermissionsError::EmptyItem { at: i });
        }
        let start = i;
        while list.get(i).is_some_and(is(OTHER)) {
            i += 1;
        }
        let item = list.get(start..i).unwrap_or_default();
        match parse_item(unquote(item), Spelling::Strict, options) {
            Ok(item_bits) => bits |= item_bits,
            Err(e) => return Err(item_error(input, start..i, e, options)),
        }

        // Separator group: whitespace, at most one punctuation separator, whitespace.
        while list.get(i).is_some_and(is(SPACE)) {
            i += 1;
        }
        if i == list.len() {
            return Ok(Permissions::from_bits_retain(bits));
        }
        if list.get(i).is_some_and(is(PUNCT)) {
            i += 1;
            while list.get(i).is_some_and(is(SPACE)) {
                i += 1;
            }
        }
    }
}

/// Parses one permission **name** (not a list), also as people write the client's names:
/// with spaces and punctuation (`Manage Server`, `Send Text-to-Speech Messages`,
/// `Mention @everyone, @here, and All Roles`). Case, ASCII spaces and punctuation are
/// ignored; every spelling [`Permissions::from_name`] accepts works too. Surrounding
/// whitespace is trimmed. Numbers are not names.
///
/// Errors are those of [`parse_permissions_with`], with the whole input as the item:
/// [`Empty`](ParsePermissionsError::Empty), [`UnknownName`](ParsePermissionsError::UnknownName)
/// (with a suggestion written as the client writes it when the input has spaces) and
/// [`NotOnPlatform`](ParsePermissionsError::NotOnPlatform).
///
/// ```
/// use invite_perms::{ParseOptions, Permissions, Platform, parse_permission_name};
///
/// let discord = ParseOptions::new();
/// assert_eq!(parse_permission_name("Manage Server", discord), Ok(Permissions::MANAGE_GUILD));
/// assert_eq!(
///     parse_permission_name("Manage Permissions", discord),
///     Ok(Permissions::MANAGE_ROLES)
/// );
/// let err = parse_permission_name("Manage Servr", discord).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "unknown permission `Manage Servr` at 0..12; did you mean `Manage Server`?"
/// );
/// let fluxer = discord.platform(Platform::Fluxer);
/// assert_eq!(
///     parse_permission_name("View Server Insights", fluxer).unwrap_err().to_string(),
///     "permission `View Server Insights` at 0..20 does not exist on Fluxer: \
///      bit 19 (VIEW_GUILD_INSIGHTS on Discord)"
/// );
/// ```
pub fn parse_permission_name(
    name: &str,
    options: ParseOptions,
) -> Result<Permissions, ParsePermissionsError> {
    let bytes = name.as_bytes();
    let start = bytes.len() - bytes.trim_ascii_start().len();
    let end = bytes.trim_ascii_end().len();
    if start >= end {
        return Err(ParsePermissionsError::Empty);
    }
    let item = bytes.get(start..end).unwrap_or_default();
    if item.first().is_some_and(u8::is_ascii_digit) {
        return Err(item_error(
            name,
            start..end,
            ItemError::UnknownName,
            options,
        ));
    }
    parse_item(item, Spelling::Loose, options)
        .map(Permissions::from_bits_retain)
        .map_err(|e| item_error(name, start..end, e, options))
}

/// Byte classes of the list grammar.
const OTHER: u8 = 0;
/// ASCII whitespace.
const SPACE: u8 = 1;
/// `;` `,` `|` `+`
const PUNCT: u8 = 2;

const CLASSES: [u8; 256] = {
    let mut table = [OTHER; 256];
    let spaces = b" \t\n\x0C\r";
    let mut i = 0;
    while i < spaces.len() {
        table[spaces[i] as usize] = SPACE;
        i += 1;
    }
    let puncts = b";,|+";
    let mut i = 0;
    while i < puncts.len() {
        table[puncts[i] as usize] = PUNCT;
        i += 1;
    }
    table
};

fn byte_class(b: u8) -> u8 {
    CLASSES[usize::from(b)]
}

/// Why one item failed, before the error is dressed with the item's text and place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemError {
    Empty,
    UnknownName,
    Number(NumberError),
    UndefinedBits(u64),
    NotOnPlatform(u8),
}

impl From<NumberError> for ItemError {
    fn from(e: NumberError) -> Self {
        Self::Number(e)
    }
}

/// Drops one pair of surrounding double quotes.
fn unquote(item: &[u8]) -> &[u8] {
    match item {
        [b'"', inner @ .., b'"'] => inner,
        _ => item,
    }
}

/// Parses one item (unquoted; no separators inside), normalizing names in `spelling`.
fn parse_item(item: &[u8], spelling: Spelling, options: ParseOptions) -> Result<u64, ItemError> {
    let platform = options.platform;
    match item {
        [] => Err(ItemError::Empty),
        [b'0', b'x' | b'X', digits @ ..] => Ok(parse_hex(digits)?),
        number @ [first, ..] if first.is_ascii_digit() => {
            let bits = parse_decimal(number)?;
            let undefined = Permissions::from_bits_retain(bits).undefined_bits_on(platform);
            if undefined != 0 && !options.allow_undefined_bits {
                return Err(ItemError::UndefinedBits(undefined));
            }
            Ok(bits)
        }
        name => {
            let entry = spelling
                .key_of(name)
                .and_then(|key| names::lookup_key(&key))
                .ok_or(ItemError::UnknownName)?;
            match entry.bit() {
                Some(bit) if !entry.available_on(platform) => Err(ItemError::NotOnPlatform(bit)),
                _ => Ok(entry.bits(platform)),
            }
        }
    }
}

/// The full error for the item at `span`.
#[cold]
fn item_error(
    input: &str,
    span: Range<usize>,
    e: ItemError,
    options: ParseOptions,
) -> ParsePermissionsError {
    let platform = options.platform;
    // Separators are ASCII, so the span lies on character boundaries.
    let text = input.get(span.clone()).unwrap_or_default();
    let item = Excerpt::new(text);
    match e {
        ItemError::Empty => ParsePermissionsError::EmptyItem { at: span.start + 1 },
        ItemError::UnknownName => ParsePermissionsError::UnknownName {
            item,
            span,
            suggestion: suggest(unquote(text.as_bytes()), platform),
        },
        ItemError::Number(NumberError::Invalid) => {
            ParsePermissionsError::InvalidNumber { item, span }
        }
        ItemError::Number(NumberError::Overflow) => ParsePermissionsError::Overflow { item, span },
        ItemError::UndefinedBits(bits) => ParsePermissionsError::UndefinedBits {
            item,
            span,
            bits,
            platform,
        },
        ItemError::NotOnPlatform(bit) => ParsePermissionsError::NotOnPlatform {
            item,
            span,
            bit,
            platform,
        },
    }
}

/// Why [`parse_permissions`] rejected its input. Spans are byte ranges into the input.
///
/// The error holds no `String` and borrows nothing: the bad item is copied into an
/// [`Excerpt`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParsePermissionsError {
    /// The input is empty or only whitespace.
    Empty,
    /// There is no item at byte `at`: two separators in a row, a separator at the start or
    /// end, or `""`.
    EmptyItem {
        /// Byte offset where an item was expected.
        at: usize,
    },
    /// The item is not a known permission name.
    UnknownName {
        /// The item.
        item: Excerpt,
        /// Where it is.
        span: Range<usize>,
        /// The closest known name, if one is close, spelled in the item's style.
        suggestion: Option<Suggestion>,
    },
    /// The item starts with a digit but is not a decimal or `0x` hexadecimal number.
    InvalidNumber {
        /// The item.
        item: Excerpt,
        /// Where it is.
        span: Range<usize>,
    },
    /// A decimal number sets bits the platform does not define (see
    /// [`ParseOptions::allow_undefined_bits`]).
    UndefinedBits {
        /// The item.
        item: Excerpt,
        /// Where it is.
        span: Range<usize>,
        /// The undefined bits it sets.
        bits: u64,
        /// The platform that does not define them.
        platform: Platform,
    },
    /// The item names a permission the platform does not have: a Discord-only one under
    /// Fluxer (`VIEW_GUILD_INSIGHTS`) or a Fluxer-only one under Discord
    /// (`UPDATE_RTC_REGION`).
    NotOnPlatform {
        /// The item.
        item: Excerpt,
        /// Where it is.
        span: Range<usize>,
        /// The bit the name stands for.
        bit: u8,
        /// The platform that does not have it.
        platform: Platform,
    },
    /// A number does not fit in 64 bits.
    Overflow {
        /// The item.
        item: Excerpt,
        /// Where it is.
        span: Range<usize>,
    },
}

impl ParsePermissionsError {
    /// The byte range of the bad item (`at..at` for an empty item, `0..0` for empty input).
    pub fn span(&self) -> Range<usize> {
        match self {
            Self::Empty => 0..0,
            Self::EmptyItem { at } => *at..*at,
            Self::UnknownName { span, .. }
            | Self::InvalidNumber { span, .. }
            | Self::UndefinedBits { span, .. }
            | Self::NotOnPlatform { span, .. }
            | Self::Overflow { span, .. } => span.clone(),
        }
    }

    /// The closest known name, for [`UnknownName`](Self::UnknownName).
    pub fn suggestion(&self) -> Option<Suggestion> {
        match self {
            Self::UnknownName { suggestion, .. } => *suggestion,
            _ => None,
        }
    }
}

impl fmt::Display for ParsePermissionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("empty permission list"),
            Self::EmptyItem { at } => write!(f, "empty item in permission list at {at}..{at}"),
            Self::UnknownName {
                item,
                span,
                suggestion,
            } => {
                write!(
                    f,
                    "unknown permission `{item}` at {}..{}",
                    span.start, span.end
                )?;
                if let Some(s) = suggestion {
                    write!(f, "; did you mean `{s}`?")?;
                }
                Ok(())
            }
            Self::InvalidNumber { item, span } => {
                write!(
                    f,
                    "invalid permission number `{item}` at {}..{}",
                    span.start, span.end
                )
            }
            Self::UndefinedBits {
                item,
                span,
                bits,
                platform,
            } => {
                write!(
                    f,
                    "permission number `{item}` at {}..{} sets bits {platform} does not define: ",
                    span.start, span.end
                )?;
                write_bits(f, *bits, *platform)
            }
            Self::NotOnPlatform {
                item,
                span,
                bit,
                platform,
            } => {
                write!(
                    f,
                    "permission `{item}` at {}..{} does not exist on {platform}: bit ",
                    span.start, span.end
                )?;
                write_bits(f, 1u64 << bit, *platform)
            }
            Self::Overflow { item, span } => write!(
                f,
                "permission number `{item}` at {}..{} does not fit in 64 bits",
                span.start, span.end
            ),
        }
    }
}

impl core::error::Error for ParsePermissionsError {}

impl core::str::FromStr for Permissions {
    type Err = ParsePermissionsError;

    /// [`parse_permissions`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_permissions(s)
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::string::ToString;

    use super::*;

    fn msg(input: &str) -> std::string::String {
        parse_permissions(input).unwrap_err().to_string()
    }

    #[test]
    fn separators_and_whitespace() {
        let want = Permissions::ADMINISTRATOR | Permissions::SEND_MESSAGES;
        for input in [
            "administrator;sendmessages",
            "administrator,sendmessages",
            "administrator|sendmessages",
            "administrator+sendmessages",
            "administrator sendmessages",
            "  administrator , sendmessages  ",
            "administrator\t|\nsendmessages",
            "ADMINISTRATOR | SEND_MESSAGES",
            "\"8\";\"2048\"",
            "2056",
            "0x808",
        ] {
            assert_eq!(parse_permissions(input), Ok(want), "{input:?}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_permissions("0"), Ok(Permissions::empty()));
        assert_eq!(parse_permissions("00008"), Ok(Permissions::ADMINISTRATOR));
        assert_eq!(
            parse_permissions("\"2112\""),
            Ok(Permissions::from_bits_retain(2112))
        );
        assert_eq!(
            parse_permissions("8866461766385663"),
            Ok(Permissions::DISCORD_ALL)
        );
        assert_eq!(
            parse_permissions("0xFFFFFFFFFFFFFFFF"),
            Ok(Permissions::from_bits_retain(u64::MAX))
        );
        assert_eq!(
            parse_permissions("0x0000000000000000000001"),
            Ok(Permissions::CREATE_INSTANT_INVITE)
        );
        assert_eq!(parse_numbers_lenient("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(
            parse_decimal(b"18446744073709551616"),
            Err(NumberError::Overflow)
        );
        assert_eq!(parse_decimal(b""), Err(NumberError::Invalid));
        assert_eq!(
            parse_decimal(b"99999999999999999999x"),
            Err(NumberError::Invalid)
        );
    }

    fn parse_numbers_lenient(input: &str) -> Result<u64, ParsePermissionsError> {
        parse_permissions_with(input, ParseOptions::new().allow_undefined_bits(true))
            .map(Permissions::bits)
    }

    #[test]
    fn error_messages() {
        assert_eq!(msg(""), "empty permission list");
        assert_eq!(msg(" \t\n"), "empty permission list");
        assert_eq!(msg("admin;;ban"), "empty item in permission list at 6..6");
        assert_eq!(msg("admin; ;ban"), "empty item in permission list at 7..7");
        assert_eq!(msg(";admin"), "empty item in permission list at 0..0");
        assert_eq!(msg("admin ,"), "empty item in permission list at 7..7");
        assert_eq!(msg("admin \"\""), "empty item in permission list at 7..7");
        assert_eq!(
            msg("sendmesages"),
            "unknown permission `sendmesages` at 0..11; did you mean `sendmessages`?"
        );
        assert_eq!(
            msg("admin; SEND_MESAGES"),
            "unknown permission `SEND_MESAGES` at 7..19; did you mean `SEND_MESSAGES`?"
        );
        assert_eq!(
            msg("Administrator | ManageGuld"),
            "unknown permission `ManageGuld` at 16..26; did you mean `ManageGuild`?"
        );
        assert_eq!(msg("toString"), "unknown permission `toString` at 0..8");
        assert_eq!(msg("send messages"), "unknown permission `send` at 0..4");
        assert_eq!(msg("12a"), "invalid permission number `12a` at 0..3");
        assert_eq!(msg("0x"), "invalid permission number `0x` at 0..2");
        assert_eq!(msg("0xfg"), "invalid permission number `0xfg` at 0..4");
        assert_eq!(
            msg("140737488355328"),
            "permission number `140737488355328` at 0..15 sets bits Discord does not define: 47"
        );
        assert_eq!(
            msg("8 \"9007199254741000\""),
            "permission number `\"9007199254741000\"` at 2..20 sets bits Discord does not define: \
             53 (UPDATE_RTC_REGION on Fluxer)"
        );
        assert_eq!(
            msg("99999999999999999999"),
            "permission number `99999999999999999999` at 0..20 does not fit in 64 bits"
        );
        assert_eq!(
            msg("0x10000000000000000"),
            "permission number `0x10000000000000000` at 0..19 does not fit in 64 bits"
        );
        assert_eq!(msg("héllo"), "unknown permission `héllo` at 0..6");
        let long = "a".repeat(60);
        assert_eq!(
            msg(&long),
            std::format!("unknown permission `{}…` at 0..60", "a".repeat(48))
        );
    }

    #[test]
    fn undefined_bits_with_options() {
        assert_eq!(parse_numbers_lenient("140737488355328"), Ok(1 << 47));
        assert_eq!(
            parse_numbers_lenient("admin 9007199254740992"),
            Ok(8 | 1 << 53)
        );
        assert_eq!(
            parse_permissions("0x800000000000"),
            Ok(Permissions::from_bits_retain(1 << 47))
        );
        let err = parse_permissions("18446744073709551615").unwrap_err();
        assert_eq!(err.span(), 0..20);
        match err {
            ParsePermissionsError::UndefinedBits { bits, .. } => {
                assert_eq!(bits, !Permissions::DISCORD_ALL.bits());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn error_accessors() {
        let err = parse_permissions("ban;kik").unwrap_err();
        assert_eq!(err.span(), 4..7);
        let s = err.suggestion().unwrap();
        assert_eq!(s.to_string(), "kick");
        assert_eq!(s.permissions(), Permissions::KICK_MEMBERS);
        assert_eq!(std::format!("{s:?}"), "Suggestion(kick)");
        assert_eq!(ParsePermissionsError::Empty.span(), 0..0);
        assert_eq!(ParsePermissionsError::Empty.suggestion(), None);
        match err {
            ParsePermissionsError::UnknownName { item, .. } => {
                assert_eq!(item.as_str(), "kik");
                assert!(!item.is_truncated());
                assert_eq!(std::format!("{item:?}"), "\"kik\"");
            }
            other => panic!("{other:?}"),
        }
        let excerpt = Excerpt::new(&"é".repeat(30));
        assert_eq!(excerpt.as_str(), "é".repeat(24));
        assert!(excerpt.is_truncated());
    }
}
