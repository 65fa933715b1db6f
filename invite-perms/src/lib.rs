//! Discord and Fluxer permissions for bot invites: every permission bit of both platforms,
//! parsed from any spelling bot authors write, named back in any style, and the OAuth2 URL
//! that installs a bot with exactly those permissions.
//!
//! **In scope:** the [`Permissions`] bit set (every bit Discord and Fluxer define, unknown bits
//! kept), names in every spelling (Discord's `SEND_MESSAGES`, discord.js's `SendMessages`,
//! `send_messages`, the aoi.js aliases such as `sendmessages` or `admin`, renamed and older
//! names, Fluxer's own names, the client's names such as `Manage Server`), a list parser with
//! helpful errors ([`parse_permissions`], [`parse_permissions_with`]), names on a platform in a
//! style ([`Permissions::names`]), which permissions need 2FA
//! ([`Permissions::REQUIRES_2FA`]), and the install URL for both platforms
//! ([`BotAuthorizeUrl`]). **Out of scope:** I/O, and permission *computation* (overwrites,
//! role hierarchy).
//!
//! The crate is `#![no_std]` and needs no allocator: parsing, errors, names and URL rendering work
//! with no features enabled.
//!
//! # Features
//!
//! None is on by default; each adds to the API and needs nothing else:
//!
//! - `alloc`: `String` conveniences (`BotAuthorizeUrl::to_url_string`).
//! - `heapless`: render into a `heapless::String<N>` (`BotAuthorizeUrl::to_heapless`); a buffer
//!   too small is an error, never a cut-off URL.
//! - `serde`: `Serialize` and `Deserialize` for [`Permissions`] in Discord's wire form: a decimal
//!   string out, a string or an integer in.
//!
//! # Example: aoi.js's `$getClientInvite[administrator]`
//!
//! ```
//! use invite_perms::{BotAuthorizeUrl, Scope, parse_permissions};
//!
//! let permissions = parse_permissions("administrator")?;
//! let url = BotAuthorizeUrl::new(123456789012345678)
//!     .permissions(permissions)
//!     .scopes(&[Scope::Bot, Scope::ApplicationsCommands]);
//!
//! // Render into any `core::fmt::Write` without allocating...
//! let mut buf = String::new();
//! url.render_into(&mut buf)?;
//! assert_eq!(
//!     buf,
//!     "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=8&scope=bot+applications.commands"
//! );
//! // ...or use `Display`.
//! assert_eq!(url.to_string(), buf);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Example: a misspelled name
//!
//! ```
//! use invite_perms::parse_permissions;
//!
//! let err = parse_permissions("kick;sendmesages").unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "unknown permission `sendmesages` at 5..16; did you mean `sendmessages`?"
//! );
//! assert_eq!(err.span(), 5..16);
//! ```
//!
//! # Example: a calculator, on either platform
//!
//! Parsing and naming take the [`Platform`]: under Fluxer its own names are canonical (bit 30
//! is `MANAGE_EXPRESSIONS`), and a bit the platform does not have is an error that names it.
//!
//! ```
//! use invite_perms::{NameStyle, ParseOptions, Permissions, Platform, parse_permissions_with};
//!
//! let p = parse_permissions_with("administrator, SendMessages", ParseOptions::new())?;
//! assert_eq!(p.bits(), 2056);
//! let names = p.names(Platform::Discord, NameStyle::Client)?;
//! assert_eq!(names.to_string(), "Administrator | Send Messages and Create Posts");
//! assert_eq!(p.requires_2fa(), Permissions::ADMINISTRATOR);
//!
//! let fluxer = ParseOptions::new().platform(Platform::Fluxer);
//! let p = parse_permissions_with("MANAGE_EMOJIS_AND_STICKERS | update_rtc_region", fluxer)?;
//! assert_eq!(
//!     p.names(Platform::Fluxer, NameStyle::Screaming)?.to_string(),
//!     "MANAGE_EXPRESSIONS | UPDATE_RTC_REGION"
//! );
//! let err = parse_permissions_with("VIEW_GUILD_INSIGHTS", fluxer).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "permission `VIEW_GUILD_INSIGHTS` at 0..19 does not exist on Fluxer: \
//!      bit 19 (VIEW_GUILD_INSIGHTS on Discord)"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Example: the client's names
//!
//! ```
//! use invite_perms::{ParseOptions, Permissions, parse_permission_name};
//!
//! let p = parse_permission_name("Manage Server", ParseOptions::new());
//! assert_eq!(p, Ok(Permissions::MANAGE_GUILD));
//! // Without the spaces, the client's names work in lists and `from_name` too.
//! assert_eq!(Permissions::from_name("TimeoutMembers"), Some(Permissions::MODERATE_MEMBERS));
//! ```
//!
//! # Example: install URLs
//!
//! ```
//! use invite_perms::{
//!     AuthorizeUrlError, BotAuthorizeUrl, IntegrationType, Permissions, Platform, ResponseType,
//!     Scope,
//! };
//!
//! // Discord: a user install takes `applications.commands` and no permissions.
//! let user = BotAuthorizeUrl::new(1)
//!     .scope(Scope::ApplicationsCommands)
//!     .integration_type(IntegrationType::UserInstall);
//! assert_eq!(
//!     user.to_string(),
//!     "https://discord.com/oauth2/authorize?client_id=1&scope=applications.commands&integration_type=1"
//! );
//! let refused = user.permissions(Permissions::ADMINISTRATOR).validate();
//! assert_eq!(refused, Err(AuthorizeUrlError::PermissionsOnUserInstall));
//!
//! // A redirect needs the code grant.
//! let redirect = BotAuthorizeUrl::bot_invite(1, Permissions::ADMINISTRATOR)
//!     .redirect_uri("https://example.com/cb");
//! assert_eq!(redirect.validate(), Err(AuthorizeUrlError::RedirectNeedsCode));
//! assert!(redirect.response_type(ResponseType::Code).validate().is_ok());
//!
//! // Fluxer: its own authorize URL and scopes.
//! let fluxer = BotAuthorizeUrl::for_platform(Platform::Fluxer, 1)
//!     .scope(Scope::Bot)
//!     .permissions(Permissions::ADMINISTRATOR);
//! assert_eq!(
//!     fluxer.to_string(),
//!     "https://web.fluxer.app/oauth2/authorize?client_id=1&permissions=8&scope=bot"
//! );
//! assert_eq!(
//!     fluxer.scope(Scope::ApplicationsCommands).validate(),
//!     Err(AuthorizeUrlError::ScopeNotOnPlatform {
//!         scope: Scope::ApplicationsCommands,
//!         platform: Platform::Fluxer,
//!     })
//! );
//! ```
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "alloc")]
extern crate alloc;

// Modules, leaves first. Each imports only modules above it (checked by a test below):
// `number`, `excerpt`, `aliases` and `platform` import nothing of the crate; `permissions`
// (the bit set and the permission table) imports `number` and `platform`; `names` (the name
// index) and `render` (names per platform and style) build on `permissions`; `suggest` on
// `names`; `parse` on all of those; `oauth2` on `excerpt`, `permissions` and `platform`.
mod aliases;
mod excerpt;
mod names;
mod number;
mod oauth2;
mod parse;
mod permissions;
mod platform;
mod render;
mod suggest;

pub use excerpt::Excerpt;
pub use oauth2::{
    AuthorizeUrlError, BotAuthorizeUrl, IntegrationType, ParseScopeError, Prompt, RenderError,
    ResponseType, Scope,
};
pub use parse::{
    ParseOptions, ParsePermissionsError, parse_permission_name, parse_permissions,
    parse_permissions_with,
};
pub use permissions::Permissions;
pub use platform::{DISCORD_AUTHORIZE_URL, FLUXER_AUTHORIZE_URL, Platform};
pub use render::{NameStyle, Names, PermissionName, UnsupportedBits};
pub use suggest::Suggestion;

/// The examples of the crate's README (its page on crates.io), compiled and run as doctests
/// (they use the `heapless` feature).
#[cfg(all(doctest, feature = "heapless"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(test)]
mod tests {
    extern crate std;

    use std::vec::Vec;

    /// Each module's source and the crate modules it may import: only those declared before
    /// it in the layering above, so there is no import cycle.
    const LAYERS: &[(&str, &str, &[&str])] = &[
        ("number", include_str!("number.rs"), &[]),
        ("excerpt", include_str!("excerpt.rs"), &[]),
        ("aliases", include_str!("aliases.rs"), &[]),
        ("permissions", include_str!("permissions.rs"), &["number"]),
        (
            "names",
            include_str!("names.rs"),
            &["aliases", "permissions"],
        ),
        (
            "suggest",
            include_str!("suggest.rs"),
            &["names", "permissions"],
        ),
        (
            "parse",
            include_str!("parse.rs"),
            &["excerpt", "names", "number", "permissions", "suggest"],
        ),
        (
            "oauth2",
            include_str!("oauth2.rs"),
            &["excerpt", "permissions"],
        ),
    ];

    /// The crate modules a source file refers to as `crate::module` (doc links to items
    /// re-exported at the root, such as `crate::parse_permissions`, name no module).
    fn imports(source: &str) -> Vec<&str> {
        let modules: Vec<&str> = LAYERS.iter().map(|&(name, _, _)| name).collect();
        let mut found = Vec::new();
        for (at, _) in source.match_indices("crate::") {
            let rest = &source[at + "crate::".len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let name = &rest[..end];
            if modules.contains(&name) && !found.contains(&name) {
                found.push(name);
            }
        }
        found
    }

    #[test]
    fn modules_import_only_the_layers_below_them() {
        for (i, &(module, source, allowed)) in LAYERS.iter().enumerate() {
            let below: Vec<&str> = LAYERS[..i].iter().map(|&(name, _, _)| name).collect();
            for used in imports(source) {
                assert!(
                    allowed.contains(&used) && below.contains(&used),
                    "`{module}` imports `{used}`, which is not a layer below it"
                );
            }
        }
        // The check sees imports: `parse` does use `names`.
        assert!(imports(include_str!("parse.rs")).contains(&"names"));
        assert!(imports(include_str!("number.rs")).is_empty());
    }
}
