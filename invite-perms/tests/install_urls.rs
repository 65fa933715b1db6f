//! The complete install URL on Discord and on Fluxer (issue 11 §2): every parameter, and every
//! combination the platform would reject refused locally with a typed error.

use invite_perms::{
    AuthorizeUrlError, BotAuthorizeUrl, FLUXER_AUTHORIZE_URL, IntegrationType, Permissions,
    Platform, Prompt, RenderError, ResponseType, Scope,
};

const APP: u64 = 123_456_789_012_345_678;
/// `BASE64URL(SHA256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))`, RFC 7636 appendix B.
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

fn render(url: &BotAuthorizeUrl<'_>) -> String {
    let mut out = String::new();
    url.render_into(&mut out).expect("valid URL");
    assert_eq!(out, url.to_string());
    assert_eq!(out.len(), url.rendered_len());
    out
}

fn refused(url: &BotAuthorizeUrl<'_>) -> AuthorizeUrlError {
    let err = url.validate().expect_err("refused");
    let mut out = String::new();
    assert_eq!(url.render_into(&mut out), Err(RenderError::Invalid(err)));
    assert_eq!(out, "", "nothing is written for a refused URL");
    err
}

fn fluxer() -> BotAuthorizeUrl<'static> {
    BotAuthorizeUrl::for_platform(Platform::Fluxer, APP)
}

// ---- Discord ----

#[test]
fn discord_integration_types() {
    let guild = BotAuthorizeUrl::bot_invite(APP, Permissions::ADMINISTRATOR)
        .integration_type(IntegrationType::GuildInstall);
    assert_eq!(
        render(&guild),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=8\
         &scope=bot+applications.commands&integration_type=0"
    );
    let user = BotAuthorizeUrl::new(APP)
        .scope(Scope::ApplicationsCommands)
        .integration_type(IntegrationType::UserInstall);
    assert_eq!(
        render(&user),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678\
         &scope=applications.commands&integration_type=1"
    );
}

#[test]
fn a_user_install_takes_no_permissions_and_no_bot() {
    let with_permissions = BotAuthorizeUrl::new(APP)
        .scope(Scope::ApplicationsCommands)
        .permissions(Permissions::SEND_MESSAGES)
        .integration_type(IntegrationType::UserInstall);
    assert_eq!(
        refused(&with_permissions),
        AuthorizeUrlError::PermissionsOnUserInstall
    );
    assert_eq!(
        AuthorizeUrlError::PermissionsOnUserInstall.to_string(),
        "a user install (integration_type=1) takes no permissions"
    );
    // Even `permissions=0`, and even without a scope.
    let zero = BotAuthorizeUrl::new(APP)
        .permissions(Permissions::empty())
        .integration_type(IntegrationType::UserInstall);
    assert_eq!(refused(&zero), AuthorizeUrlError::PermissionsOnUserInstall);
    let bot = BotAuthorizeUrl::new(APP)
        .scopes(&[Scope::Bot, Scope::ApplicationsCommands])
        .integration_type(IntegrationType::UserInstall);
    assert_eq!(refused(&bot), AuthorizeUrlError::BotOnUserInstall);
    assert_eq!(
        AuthorizeUrlError::BotOnUserInstall.to_string(),
        "the `bot` scope cannot be installed to a user (integration_type=1)"
    );
}

#[test]
fn discord_state_and_prompt() {
    let url = BotAuthorizeUrl::bot_invite(APP, Permissions::empty())
        .state("a b/c")
        .prompt(Prompt::Consent);
    assert_eq!(
        render(&url),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=0\
         &scope=bot+applications.commands&state=a%20b%2Fc&prompt=consent"
    );
    let none = url.prompt(Prompt::None);
    assert!(render(&none).ends_with("&state=a%20b%2Fc&prompt=none"));
}

#[test]
fn a_redirect_needs_the_code_grant() {
    let bot = BotAuthorizeUrl::bot_invite(APP, Permissions::SEND_MESSAGES)
        .redirect_uri("https://example.com/cb");
    assert_eq!(refused(&bot), AuthorizeUrlError::RedirectNeedsCode);
    assert_eq!(
        AuthorizeUrlError::RedirectNeedsCode.to_string(),
        "redirect_uri needs response_type=code (the authorization code grant)"
    );
    // `token` is not the code grant either, with a bot.
    let token = bot.clone().response_type(ResponseType::Token);
    assert_eq!(refused(&token), AuthorizeUrlError::RedirectNeedsCode);
    let code = bot.response_type(ResponseType::Code);
    assert_eq!(
        render(&code),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=2048\
         &scope=bot+applications.commands&response_type=code\
         &redirect_uri=https%3A%2F%2Fexample.com%2Fcb"
    );
    // Without a scope (default install settings) a redirect is refused as well.
    let bare = BotAuthorizeUrl::new(APP).redirect_uri("https://example.com/cb");
    assert_eq!(refused(&bare), AuthorizeUrlError::RedirectNeedsCode);
    // The implicit grant (no bot) keeps its `token`.
    let implicit = BotAuthorizeUrl::new(APP)
        .scope(Scope::Identify)
        .response_type(ResponseType::Token)
        .redirect_uri("https://example.com/cb");
    assert!(render(&implicit).contains("&response_type=token&redirect_uri="));
}

#[test]
fn discord_guild_preselection() {
    let url = BotAuthorizeUrl::bot_invite(APP, Permissions::ADMINISTRATOR)
        .guild_id(81_384_788_765_712_384)
        .disable_guild_select(true);
    assert!(render(&url).ends_with("&guild_id=81384788765712384&disable_guild_select=true"));
}

#[test]
fn default_install_settings_form() {
    let url = BotAuthorizeUrl::new(APP);
    assert!(url.uses_default_install_settings());
    assert_eq!(
        render(&url),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678"
    );
    // Permissions, guild_id and disable_guild_select keep the form.
    let with = url
        .clone()
        .permissions(Permissions::ADMINISTRATOR)
        .guild_id(1)
        .disable_guild_select(true);
    assert!(with.uses_default_install_settings());
    assert_eq!(
        render(&with),
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=8\
         &guild_id=1&disable_guild_select=true"
    );
    // A scope, an integration type or a redirect overrides the portal's settings.
    assert!(
        !url.clone()
            .scope(Scope::Bot)
            .uses_default_install_settings()
    );
    assert!(
        !url.clone()
            .integration_type(IntegrationType::GuildInstall)
            .uses_default_install_settings()
    );
    assert!(!url.redirect_uri("x").uses_default_install_settings());
}

#[test]
fn fluxer_parameters_are_refused_on_discord() {
    let channel = BotAuthorizeUrl::bot_invite(APP, Permissions::empty()).channel_id(5);
    assert_eq!(
        refused(&channel),
        AuthorizeUrlError::NotOnPlatform {
            parameter: "channel_id",
            platform: Platform::Discord
        }
    );
    let pkce = BotAuthorizeUrl::new(APP)
        .scope(Scope::Identify)
        .response_type(ResponseType::Code)
        .code_challenge(CHALLENGE);
    let err = refused(&pkce);
    assert_eq!(
        err,
        AuthorizeUrlError::NotOnPlatform {
            parameter: "code_challenge",
            platform: Platform::Discord
        }
    );
    assert_eq!(
        err.to_string(),
        "`code_challenge` is not an authorization URL parameter on Discord"
    );
}

// ---- Fluxer ----

#[test]
fn fluxer_bot_install() {
    assert_eq!(
        FLUXER_AUTHORIZE_URL,
        "https://web.fluxer.app/oauth2/authorize"
    );
    let url = fluxer()
        .scope(Scope::Bot)
        .permissions(Permissions::SEND_MESSAGES | Permissions::FLUXER_VIEW_CHANNEL_MEMBERS)
        .guild_id(7)
        .channel_id(8)
        .disable_guild_select(true);
    assert_eq!(url.platform(), Platform::Fluxer);
    assert_eq!(
        render(&url),
        "https://web.fluxer.app/oauth2/authorize?client_id=123456789012345678\
         &permissions=18014398509484032&scope=bot&guild_id=7&channel_id=8&disable_guild_select=true"
    );
}

#[test]
fn fluxer_code_grant_with_every_parameter() {
    let url = fluxer()
        .scopes(&[
            Scope::Identify,
            Scope::Email,
            Scope::Guilds,
            Scope::Connections,
            Scope::Bot,
        ])
        .permissions(Permissions::ADMINISTRATOR)
        .response_type(ResponseType::Code)
        .redirect_uri("https://bot.example/oauth?x=1")
        .state("n0nce")
        .prompt(Prompt::Consent)
        .guild_id(1)
        .channel_id(2)
        .disable_guild_select(false)
        .code_challenge(CHALLENGE);
    assert_eq!(
        render(&url),
        "https://web.fluxer.app/oauth2/authorize?client_id=123456789012345678&permissions=8\
         &scope=identify+email+guilds+connections+bot&guild_id=1&channel_id=2\
         &disable_guild_select=false&response_type=code\
         &redirect_uri=https%3A%2F%2Fbot.example%2Foauth%3Fx%3D1&state=n0nce&prompt=consent\
         &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
    );
    // A self-hosted instance: another base, Fluxer's rules.
    let own = url
        .clone()
        .with_base("https://chat.example.org/oauth2/authorize");
    assert!(render(&own).starts_with("https://chat.example.org/oauth2/authorize?client_id="));
    assert_eq!(
        refused(&own.integration_type(IntegrationType::GuildInstall)),
        AuthorizeUrlError::NotOnPlatform {
            parameter: "integration_type",
            platform: Platform::Fluxer
        }
    );
}

#[test]
fn fluxer_has_five_scopes() {
    let fluxer_scopes: Vec<Scope> = Scope::ALL
        .iter()
        .copied()
        .filter(|s| s.available_on(Platform::Fluxer))
        .collect();
    assert_eq!(
        fluxer_scopes,
        [
            Scope::Bot,
            Scope::Connections,
            Scope::Email,
            Scope::Guilds,
            Scope::Identify
        ]
    );
    assert!(Scope::ALL.iter().all(|s| s.available_on(Platform::Discord)));
    let commands = fluxer().scopes(&[Scope::Bot, Scope::ApplicationsCommands]);
    let err = refused(&commands);
    assert_eq!(
        err,
        AuthorizeUrlError::ScopeNotOnPlatform {
            scope: Scope::ApplicationsCommands,
            platform: Platform::Fluxer
        }
    );
    assert_eq!(
        err.to_string(),
        "scope `applications.commands` does not exist on Fluxer \
         (its scopes are identify, email, guilds, connections and bot)"
    );
    // Even the ones Discord takes without a response type.
    assert!(matches!(
        refused(
            &fluxer()
                .scope(Scope::WebhookIncoming)
                .response_type(ResponseType::Code)
        ),
        AuthorizeUrlError::ScopeNotOnPlatform {
            scope: Scope::WebhookIncoming,
            ..
        }
    ));
}

#[test]
fn fluxer_refuses_what_it_does_not_have() {
    let integration = fluxer()
        .scope(Scope::Bot)
        .integration_type(IntegrationType::GuildInstall);
    let err = refused(&integration);
    assert_eq!(
        err,
        AuthorizeUrlError::NotOnPlatform {
            parameter: "integration_type",
            platform: Platform::Fluxer
        }
    );
    assert_eq!(
        err.to_string(),
        "`integration_type` is not an authorization URL parameter on Fluxer"
    );
    let token = fluxer()
        .scope(Scope::Identify)
        .response_type(ResponseType::Token);
    assert_eq!(
        refused(&token),
        AuthorizeUrlError::NotOnPlatform {
            parameter: "response_type=token",
            platform: Platform::Fluxer
        }
    );
    let bare = fluxer();
    let err = refused(&bare);
    assert_eq!(
        err,
        AuthorizeUrlError::MissingScope {
            platform: Platform::Fluxer
        }
    );
    assert_eq!(
        err.to_string(),
        "an authorization URL on Fluxer needs a scope (it has no default install settings)"
    );
    let identify = fluxer().scope(Scope::Identify);
    assert_eq!(
        refused(&identify),
        AuthorizeUrlError::MissingResponseType {
            scope: Scope::Identify
        }
    );
    let redirect = fluxer()
        .scope(Scope::Bot)
        .redirect_uri("https://x.example/");
    assert_eq!(refused(&redirect), AuthorizeUrlError::RedirectNeedsCode);
}

#[test]
fn pkce_rules() {
    let base = fluxer()
        .scope(Scope::Identify)
        .response_type(ResponseType::Code);
    assert!(render(&base.clone().code_challenge(CHALLENGE)).ends_with(
        "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
    ));
    for bad in [
        "",
        "short",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cMM",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw=cM",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw cM",
    ] {
        assert_eq!(
            refused(&base.clone().code_challenge(bad)),
            AuthorizeUrlError::InvalidCodeChallenge,
            "{bad:?}"
        );
    }
    assert_eq!(
        AuthorizeUrlError::InvalidCodeChallenge.to_string(),
        "code_challenge must be 43 base64url characters (the S256 hash of the code verifier)"
    );
    let bot_only = fluxer().scope(Scope::Bot).code_challenge(CHALLENGE);
    assert_eq!(
        refused(&bot_only),
        AuthorizeUrlError::CodeChallengeNeedsCode
    );
    assert_eq!(
        AuthorizeUrlError::CodeChallengeNeedsCode.to_string(),
        "code_challenge needs response_type=code"
    );
}

#[cfg(feature = "heapless")]
#[test]
fn fluxer_renders_into_heapless_without_allocating() {
    let url = fluxer()
        .scope(Scope::Bot)
        .permissions(Permissions::ADMINISTRATOR);
    let want = "https://web.fluxer.app/oauth2/authorize?client_id=123456789012345678&permissions=8&scope=bot";
    assert_eq!(url.to_heapless::<128>().unwrap().as_str(), want);
    assert_eq!(
        url.to_heapless::<16>(),
        Err(RenderError::Capacity {
            needed: want.len(),
            capacity: 16
        })
    );
    assert_eq!(
        fluxer().to_heapless::<128>(),
        Err(RenderError::Invalid(AuthorizeUrlError::MissingScope {
            platform: Platform::Fluxer
        }))
    );
}
