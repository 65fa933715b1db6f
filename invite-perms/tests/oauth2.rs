//! Exact authorization URLs for many builder combinations.

use core::fmt::{self, Write};

use invite_perms::{
    AuthorizeUrlError, BotAuthorizeUrl, DISCORD_AUTHORIZE_URL, IntegrationType, ParseScopeError,
    Permissions, Prompt, RenderError, ResponseType, Scope, parse_permissions,
};

const APP: u64 = 123_456_789_012_345_678;

fn render(url: &BotAuthorizeUrl<'_>) -> String {
    let mut out = String::new();
    url.render_into(&mut out).expect("valid URL");
    assert_eq!(out, url.to_string(), "Display and render_into agree");
    assert_eq!(out.len(), url.rendered_len());
    out
}

#[test]
fn get_client_invite_administrator() {
    let url = BotAuthorizeUrl::bot_invite(APP, parse_permissions("administrator").unwrap());
    assert_eq!(
        render(&url),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=8&scope=bot+applications.commands"
    );
}

#[test]
fn client_id_only() {
    assert_eq!(
        render(&BotAuthorizeUrl::new(APP)),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678"
    );
    assert_eq!(
        render(&BotAuthorizeUrl::new(0)),
        "https://discord.com/oauth2/authorize?client_id=0"
    );
}

#[test]
fn zero_scopes_with_permissions_uses_default_install() {
    let url = BotAuthorizeUrl::new(APP).permissions(Permissions::empty());
    assert_eq!(
        render(&url),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=0"
    );
}

#[test]
fn spec_example() {
    let url = BotAuthorizeUrl::new(157_730_590_492_196_864)
        .scope(Scope::Bot)
        .permissions(Permissions::CREATE_INSTANT_INVITE);
    assert_eq!(
        render(&url),
        "https://discord.com/oauth2/authorize?client_id=157730590492196864&permissions=1&scope=bot"
    );
}

#[test]
fn guild_preselected_and_locked() {
    let url = BotAuthorizeUrl::new(APP)
        .scope(Scope::Bot)
        .permissions(Permissions::DISCORD_ALL)
        .guild_id(81_384_788_765_712_384)
        .disable_guild_select(true);
    assert_eq!(
        render(&url),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=8866461766385663\
         &scope=bot&guild_id=81384788765712384&disable_guild_select=true"
    );
    assert_eq!(
        render(&url.disable_guild_select(false)),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=8866461766385663\
         &scope=bot&guild_id=81384788765712384&disable_guild_select=false"
    );
}

#[test]
fn user_install() {
    let url = BotAuthorizeUrl::new(APP)
        .scope(Scope::ApplicationsCommands)
        .integration_type(IntegrationType::UserInstall);
    assert_eq!(
        render(&url),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=applications.commands&integration_type=1"
    );
    let guild = url.integration_type(IntegrationType::GuildInstall);
    assert_eq!(
        render(&guild),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=applications.commands&integration_type=0"
    );
}

#[test]
fn code_grant_with_encoded_redirect_and_state() {
    let url = BotAuthorizeUrl::new(APP)
        .scopes(&[Scope::Identify, Scope::Guilds, Scope::Bot])
        .permissions(Permissions::SEND_MESSAGES)
        .response_type(ResponseType::Code)
        .redirect_uri("https://example.com/callback?next=/home&x=a b")
        .state("n0nce/é~+=")
        .prompt(Prompt::Consent);
    assert_eq!(
        render(&url),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=2048\
         &scope=identify+guilds+bot&response_type=code\
         &redirect_uri=https%3A%2F%2Fexample.com%2Fcallback%3Fnext%3D%2Fhome%26x%3Da%20b\
         &state=n0nce%2F%C3%A9~%2B%3D&prompt=consent"
    );
}

#[test]
fn implicit_grant_prompt_none() {
    let url = BotAuthorizeUrl::new(APP)
        .scope(Scope::WebhookIncoming)
        .response_type(ResponseType::Token)
        .redirect_uri("http://localhost:8080/cb")
        .state("abc-DEF_123.~")
        .prompt(Prompt::None);
    assert_eq!(
        render(&url),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=webhook.incoming\
         &response_type=token&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fcb&state=abc-DEF_123.~&prompt=none"
    );
}

#[test]
fn every_parameter_in_order() {
    let url = BotAuthorizeUrl::new(1)
        .prompt(Prompt::Consent)
        .state("s")
        .redirect_uri("r")
        .response_type(ResponseType::Code)
        .integration_type(IntegrationType::GuildInstall)
        .disable_guild_select(false)
        .guild_id(2)
        .scope(Scope::Bot)
        .scope(Scope::Email)
        .scope(Scope::Bot)
        .permissions(Permissions::SPEAK);
    assert_eq!(url.scope_list(), [Scope::Bot, Scope::Email]);
    assert_eq!(
        render(&url),
        "https://discord.com/oauth2/authorize?client_id=1&permissions=2097152&scope=bot+email&guild_id=2\
         &disable_guild_select=false&integration_type=0&response_type=code&redirect_uri=r&state=s&prompt=consent"
    );
}

#[test]
fn custom_base_for_compatible_platforms() {
    let url = BotAuthorizeUrl::bot_invite(APP, Permissions::ADMINISTRATOR)
        .with_base("https://web.fluxer.app/oauth2/authorize");
    assert_eq!(
        render(&url),
        "https://web.fluxer.app/oauth2/authorize?client_id=123456789012345678&permissions=8&scope=bot+applications.commands"
    );
    let http = BotAuthorizeUrl::new(7).with_base("http://localhost:3000/oauth2/authorize");
    assert_eq!(
        render(&http),
        "http://localhost:3000/oauth2/authorize?client_id=7"
    );
    assert_eq!(
        BotAuthorizeUrl::new(7).with_base(DISCORD_AUTHORIZE_URL),
        BotAuthorizeUrl::new(7)
    );
}

#[test]
fn undefined_permission_bits_are_written() {
    let p = Permissions::ADMINISTRATOR | Permissions::FLUXER_UPDATE_RTC_REGION;
    let url = BotAuthorizeUrl::new(APP).scope(Scope::Bot).permissions(p);
    assert_eq!(
        render(&url),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=9007199254741000&scope=bot"
    );
}

#[test]
fn validation_errors() {
    let missing = BotAuthorizeUrl::new(APP).scopes(&[Scope::Bot, Scope::Guilds]);
    assert_eq!(
        missing.validate(),
        Err(AuthorizeUrlError::MissingResponseType {
            scope: Scope::Guilds
        })
    );
    let mut out = String::new();
    let err = missing.render_into(&mut out).unwrap_err();
    assert_eq!(out, "", "nothing written for an invalid URL");
    assert_eq!(
        err.to_string(),
        "invalid authorization URL: scope `guilds` needs a response_type (code or token)"
    );
    assert!(core::error::Error::source(&err).is_some());

    let no_bot = BotAuthorizeUrl::new(APP)
        .scope(Scope::ApplicationsCommands)
        .permissions(Permissions::ADMINISTRATOR);
    assert_eq!(
        no_bot.validate(),
        Err(AuthorizeUrlError::PermissionsWithoutBot)
    );
    assert_eq!(
        AuthorizeUrlError::PermissionsWithoutBot.to_string(),
        "permissions need the `bot` scope (or no scope at all)"
    );

    for base in [
        "discord.com/oauth2/authorize",
        "https://",
        "https://x.com/a?b=c",
        "https://x.com/a#f",
        "https://x.com/a b",
        "",
    ] {
        let url = BotAuthorizeUrl::new(APP).with_base(base);
        assert_eq!(
            url.validate(),
            Err(AuthorizeUrlError::InvalidBase),
            "{base:?}"
        );
    }
    assert_eq!(
        AuthorizeUrlError::InvalidBase.to_string(),
        "authorization base URL must start with https:// or http:// and have no query, fragment or whitespace"
    );
}

/// A writer with room for `n` bytes.
struct Tiny {
    room: usize,
    written: usize,
}

impl Write for Tiny {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.written + s.len() > self.room {
            return Err(fmt::Error);
        }
        self.written += s.len();
        Ok(())
    }
}

#[test]
fn failing_writer_is_an_error() {
    let url = BotAuthorizeUrl::bot_invite(APP, Permissions::ADMINISTRATOR);
    let mut tiny = Tiny {
        room: 10,
        written: 0,
    };
    let err = url.render_into(&mut tiny).unwrap_err();
    assert_eq!(err, RenderError::Write);
    assert_eq!(err.to_string(), "writing the authorization URL failed");
    let mut enough = Tiny {
        room: url.rendered_len(),
        written: 0,
    };
    assert_eq!(url.render_into(&mut enough), Ok(()));
}

#[test]
fn scope_names() {
    assert_eq!(Scope::ALL.len(), 29);
    for &scope in Scope::ALL {
        assert_eq!(scope.as_str().parse::<Scope>(), Ok(scope));
        assert_eq!(scope.to_string(), scope.as_str());
        assert!(
            scope
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_')
        );
    }
    for pair in Scope::ALL.windows(2) {
        assert!(pair[0].as_str() < pair[1].as_str());
    }
    assert_eq!(
        "applications.commands".parse(),
        Ok(Scope::ApplicationsCommands)
    );
    assert_eq!(
        "applications.commands.permissions.update".parse(),
        Ok(Scope::ApplicationsCommandsPermissionsUpdate)
    );
    assert_eq!("dm_channels.read".parse(), Ok(Scope::DmChannelsRead));
    let err = "Bot".parse::<Scope>().unwrap_err();
    assert_eq!(err.to_string(), "unknown OAuth2 scope `Bot`");
    assert!(matches!(err, ParseScopeError::Unknown { scope } if scope.as_str() == "Bot"));
    assert!("".parse::<Scope>().is_err());
    assert!(!Scope::Bot.needs_response_type());
    assert!(!Scope::ApplicationsCommands.needs_response_type());
    assert!(Scope::Identify.needs_response_type());
}

#[test]
fn wire_values() {
    assert_eq!(IntegrationType::GuildInstall.value(), 0);
    assert_eq!(IntegrationType::UserInstall.value(), 1);
    assert_eq!(ResponseType::Code.as_str(), "code");
    assert_eq!(ResponseType::Token.as_str(), "token");
    assert_eq!(Prompt::Consent.as_str(), "consent");
    assert_eq!(Prompt::None.as_str(), "none");
}

#[test]
fn all_scopes_fit() {
    let url = BotAuthorizeUrl::new(APP)
        .scopes(Scope::ALL)
        .scopes(Scope::ALL);
    assert_eq!(url.scope_list(), Scope::ALL);
}

#[cfg(feature = "heapless")]
#[test]
fn heapless_rendering() {
    let url = BotAuthorizeUrl::bot_invite(APP, Permissions::ADMINISTRATOR);
    let want = "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=8&scope=bot+applications.commands";
    let s = url.to_heapless::<128>().unwrap();
    assert_eq!(s.as_str(), want);
    let exact = url.to_heapless::<111>().unwrap();
    assert_eq!(exact.as_str(), want);
    assert_eq!(want.len(), 111);
    let err = url.to_heapless::<110>().unwrap_err();
    assert_eq!(
        err,
        RenderError::Capacity {
            needed: 111,
            capacity: 110
        }
    );
    assert_eq!(
        err.to_string(),
        "authorization URL needs 111 bytes but the buffer holds 110"
    );
    let invalid = BotAuthorizeUrl::new(APP)
        .scope(Scope::Email)
        .to_heapless::<256>();
    assert_eq!(
        invalid,
        Err(RenderError::Invalid(
            AuthorizeUrlError::MissingResponseType {
                scope: Scope::Email
            }
        ))
    );
}

#[cfg(feature = "alloc")]
#[test]
fn alloc_rendering() {
    let url = BotAuthorizeUrl::bot_invite(APP, Permissions::ADMINISTRATOR);
    assert_eq!(url.to_url_string().unwrap(), url.to_string());
    assert_eq!(
        BotAuthorizeUrl::new(APP)
            .with_base("ftp://x")
            .to_url_string(),
        Err(AuthorizeUrlError::InvalidBase)
    );
}
