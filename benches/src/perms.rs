//! The permission-list payload and the straightforward baseline `parse_permissions` is compared
//! with.

use std::collections::HashMap;

use invite_perms::Permissions;

/// An aoi.js-style list of ten permission names (`$getClientInvite[...]`): squashed lowercase
/// names separated by `;`.
pub const AOIJS_LIST: &str = "sendmessages;viewchannel;embedlinks;attachfiles;addreactions;useexternalemojis;managemessages;kickmembers;banmembers;readmessagehistory";

/// A straightforward name parser: a `HashMap<String, u64>` from squashed lowercase names to bits,
/// built once; parsing lowercases each `;`-separated name and looks it up.
#[derive(Debug, Clone)]
pub struct Baseline {
    names: HashMap<String, u64>,
}

impl Baseline {
    /// The table of every documented permission, keyed by its name lowercased without `_`
    /// (`SEND_MESSAGES` → `sendmessages`).
    pub fn new() -> Self {
        let names = Permissions::all()
            .iter_names()
            .map(|(name, p)| (name.replace('_', "").to_lowercase(), p.bits()))
            .collect();
        Self { names }
    }

    /// The union of the names in `list`, or `None` at the first unknown name.
    pub fn parse(&self, list: &str) -> Option<u64> {
        let mut bits = 0;
        for name in list.split(';') {
            bits |= self.names.get(&name.trim().to_lowercase())?;
        }
        Some(bits)
    }
}

impl Default for Baseline {
    fn default() -> Self {
        Self::new()
    }
}

/// The OAuth2 URL every rendering benchmark writes: a bot invite with the permissions of
/// [`AOIJS_LIST`], scopes `bot applications.commands` and a preselected guild.
pub fn authorize_url() -> invite_perms::BotAuthorizeUrl<'static> {
    use invite_perms::{BotAuthorizeUrl, Scope};
    let permissions = invite_perms::parse_permissions(AOIJS_LIST).expect("the list parses");
    BotAuthorizeUrl::new(123_456_789_012_345_678)
        .permissions(permissions)
        .scopes(&[Scope::Bot, Scope::ApplicationsCommands])
        .guild_id(1_046_920_999_469_330_512)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baseline_agrees_with_parse_permissions() {
        let ours = invite_perms::parse_permissions(AOIJS_LIST).unwrap();
        assert_eq!(Baseline::new().parse(AOIJS_LIST), Some(ours.bits()));
        assert_eq!(AOIJS_LIST.split(';').count(), 10);
        assert_eq!(Baseline::new().parse("sendmessages;nope"), None);
        assert_eq!(
            authorize_url().to_url_string().unwrap(),
            format!(
                "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions={}&scope=bot+applications.commands&guild_id=1046920999469330512",
                ours.bits()
            )
        );
    }
}
