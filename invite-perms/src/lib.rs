//! Discord permissions for bot invites: every permission bit, parsed from any spelling bot
//! authors write, and the OAuth2 URL that invites a bot with exactly those permissions.
//!
//! **In scope:** the [`Permissions`] bit set (every bit Discord documents, unknown bits kept),
//! names in every spelling (Discord's `SEND_MESSAGES`, discord.js's `SendMessages`,
//! `send_messages`, the aoi.js aliases such as `sendmessages` or `admin`, older names), a list
//! parser with helpful errors ([`parse_permissions`]), and the bot authorization URL
//! ([`BotAuthorizeUrl`]). **Out of scope:** I/O, and permission *computation* (overwrites,
//! role hierarchy).
//!
//! The crate is `#![no_std]` and needs no allocator: parsing, errors and URL rendering work
//! with no features enabled. Optional features: `alloc` (`String` conveniences), `heapless`
//! (render into `heapless::String<N>`), `serde` (Discord's wire form of [`Permissions`]: a
//! decimal string out, a string or an integer in).
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
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "alloc")]
extern crate alloc;

// Modules, leaves first. Each imports only modules above it: `number`, `excerpt` and `aliases`
// import nothing of the crate; `permissions` (the bit set and the permission table) imports
// `number`; `names` (the name index) imports `aliases` and `permissions`; `suggest` imports
// `names`; `parse` imports all of those; `oauth2` imports `excerpt` and `permissions`.
mod aliases;
mod excerpt;
mod names;
mod number;
mod oauth2;
mod parse;
mod permissions;
mod suggest;

pub use excerpt::Excerpt;
pub use oauth2::{
    AuthorizeUrlError, BotAuthorizeUrl, DISCORD_AUTHORIZE_URL, IntegrationType, ParseScopeError,
    Prompt, RenderError, ResponseType, Scope,
};
pub use parse::{ParseOptions, ParsePermissionsError, parse_permissions, parse_permissions_with};
pub use permissions::Permissions;
pub use suggest::Suggestion;

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
