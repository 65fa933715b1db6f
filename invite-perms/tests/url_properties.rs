//! Property tests for the OAuth2 side: scopes parse back from their names, scope parsing never
//! panics, any authorization URL either renders consistently (same text through every writer,
//! `rendered_len` exact, only URL-safe bytes) or is refused the same way everywhere, and a
//! rendered URL, read back with a small query parser, gives the parameters it was built from.

use invite_perms::{
    BotAuthorizeUrl, IntegrationType, Permissions, Platform, Prompt, RenderError, ResponseType,
    Scope,
};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

/// Every byte a rendered URL may contain: unreserved and reserved URL characters and `%`.
fn url_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn scopes_parse_back(i in 0..Scope::ALL.len()) {
        let scope = Scope::ALL[i];
        prop_assert_eq!(scope.as_str().parse::<Scope>(), Ok(scope));
        prop_assert_eq!(scope.to_string(), scope.as_str());
    }

    #[test]
    fn scope_parsing_never_panics(s in any::<String>()) {
        match s.parse::<Scope>() {
            Ok(scope) => prop_assert_eq!(scope.as_str(), s.as_str()),
            Err(e) => prop_assert!(e.to_string().starts_with("unknown OAuth2 scope `"), "{}", e),
        }
    }

    #[test]
    fn urls_render_consistently(
        client_id in any::<u64>(),
        bits in proptest::option::of(any::<u64>()),
        scope_picks in proptest::collection::vec(0..Scope::ALL.len(), 0..5),
        guild_id in proptest::option::of(any::<u64>()),
        disable in proptest::option::of(any::<bool>()),
        integration in proptest::option::of(any::<bool>()),
        response in proptest::option::of(any::<bool>()),
        prompt in proptest::option::of(any::<bool>()),
        redirect in proptest::option::of(any::<String>()),
        state in proptest::option::of("[ -~]{0,12}|.{0,6}"),
    ) {
        let scopes: Vec<Scope> = scope_picks.iter().map(|&i| Scope::ALL[i]).collect();
        let mut url = BotAuthorizeUrl::new(client_id).scopes(&scopes);
        if let Some(bits) = bits {
            url = url.permissions(Permissions::from_bits_retain(bits));
        }
        if let Some(id) = guild_id {
            url = url.guild_id(id);
        }
        if let Some(d) = disable {
            url = url.disable_guild_select(d);
        }
        if let Some(user) = integration {
            url = url.integration_type(if user { IntegrationType::UserInstall } else { IntegrationType::GuildInstall });
        }
        if let Some(code) = response {
            url = url.response_type(if code { ResponseType::Code } else { ResponseType::Token });
        }
        if let Some(consent) = prompt {
            url = url.prompt(if consent { Prompt::Consent } else { Prompt::None });
        }
        if let Some(r) = &redirect {
            url = url.redirect_uri(r);
        }
        if let Some(s) = &state {
            url = url.state(s);
        }

        let mut text = String::new();
        match url.validate() {
            Ok(()) => {
                url.render_into(&mut text).unwrap();
                prop_assert_eq!(text.len(), url.rendered_len());
                prop_assert_eq!(&url.to_string(), &text);
                prop_assert!(text.bytes().all(url_safe), "{}", text);
                let query = text.strip_prefix("https://discord.com/oauth2/authorize?").unwrap();
                let client = format!("client_id={client_id}");
                prop_assert!(query.split('&').any(|p| p == client), "{}", text);
                #[cfg(feature = "alloc")]
                prop_assert_eq!(url.to_url_string(), Ok(text.clone()));
                #[cfg(feature = "heapless")]
                {
                    let fits = url.to_heapless::<256>();
                    if text.len() <= 256 {
                        let fits = fits.unwrap();
                        prop_assert_eq!(fits.as_str(), text.as_str());
                    } else {
                        prop_assert_eq!(
                            fits.unwrap_err(),
                            RenderError::Capacity { needed: text.len(), capacity: 256 }
                        );
                    }
                }
            }
            Err(e) => {
                prop_assert_eq!(url.render_into(&mut text), Err(RenderError::Invalid(e)));
            }
        }
    }
}

/// The parameters of an authorization URL, as given to the builder or as read back.
#[derive(Debug, Default, PartialEq, Eq)]
struct Params {
    client_id: String,
    permissions: Option<String>,
    scope: Option<Vec<String>>,
    guild_id: Option<String>,
    channel_id: Option<String>,
    disable_guild_select: Option<String>,
    integration_type: Option<String>,
    response_type: Option<String>,
    redirect_uri: Option<String>,
    state: Option<String>,
    prompt: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

/// Decodes `%XX` escapes (and `+` as a space, as form encoding has it) into bytes, then UTF-8.
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("two hex digits");
                out.push(u8::from_str_radix(hex, 16).expect("hex"));
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

/// A small query-string reader: `base?k=v&k=v...`, each key at most once, none unknown, in
/// the documented order.
fn parse_url(url: &str, base: &str) -> Params {
    let query = url
        .strip_prefix(base)
        .and_then(|rest| rest.strip_prefix('?'))
        .expect("the base, then a query");
    const ORDER: &[&str] = &[
        "client_id",
        "permissions",
        "scope",
        "guild_id",
        "channel_id",
        "disable_guild_select",
        "integration_type",
        "response_type",
        "redirect_uri",
        "state",
        "prompt",
        "code_challenge",
        "code_challenge_method",
    ];
    let mut params = Params::default();
    let mut last = None;
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').expect("key=value");
        assert!(!value.contains(['=', '?', '#', ' ']), "{pair}");
        let at = ORDER.iter().position(|&k| k == key).expect("a known key");
        assert!(last < Some(at), "{key} out of order or repeated in {url}");
        last = Some(at);
        let value = decode(value);
        let slot = match key {
            "client_id" => {
                params.client_id = value;
                continue;
            }
            "scope" => {
                params.scope = Some(value.split(' ').map(str::to_owned).collect());
                continue;
            }
            "permissions" => &mut params.permissions,
            "guild_id" => &mut params.guild_id,
            "channel_id" => &mut params.channel_id,
            "disable_guild_select" => &mut params.disable_guild_select,
            "integration_type" => &mut params.integration_type,
            "response_type" => &mut params.response_type,
            "redirect_uri" => &mut params.redirect_uri,
            "state" => &mut params.state,
            "prompt" => &mut params.prompt,
            "code_challenge" => &mut params.code_challenge,
            _ => &mut params.code_challenge_method,
        };
        *slot = Some(value);
    }
    params
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn rendered_urls_parse_back_to_the_parameters_given(
        fluxer in any::<bool>(),
        client_id in any::<u64>(),
        bits in proptest::option::of(any::<u64>()),
        scope_picks in proptest::collection::vec(0..Scope::ALL.len(), 0..5),
        guild_id in proptest::option::of(any::<u64>()),
        channel_id in proptest::option::of(any::<u64>()),
        disable in proptest::option::of(any::<bool>()),
        integration in proptest::option::of(any::<bool>()),
        response in proptest::option::of(any::<bool>()),
        prompt in proptest::option::of(any::<bool>()),
        redirect in proptest::option::of(any::<String>()),
        state in proptest::option::of("[ -~]{0,12}|.{0,6}"),
        challenge in proptest::option::of("[A-Za-z0-9_-]{43}|[ -~]{0,44}"),
    ) {
        let platform = if fluxer { Platform::Fluxer } else { Platform::Discord };
        let scopes: Vec<Scope> = scope_picks.iter().map(|&i| Scope::ALL[i]).collect();
        let mut url = BotAuthorizeUrl::for_platform(platform, client_id).scopes(&scopes);
        let mut want = Params { client_id: client_id.to_string(), ..Params::default() };
        if let Some(bits) = bits {
            url = url.permissions(Permissions::from_bits_retain(bits));
            want.permissions = Some(bits.to_string());
        }
        if !scopes.is_empty() {
            let mut names: Vec<String> = Vec::new();
            for s in &scopes {
                if !names.iter().any(|n| n == s.as_str()) {
                    names.push(s.as_str().to_owned());
                }
            }
            want.scope = Some(names);
        }
        if let Some(id) = guild_id {
            url = url.guild_id(id);
            want.guild_id = Some(id.to_string());
        }
        if let Some(id) = channel_id {
            url = url.channel_id(id);
            want.channel_id = Some(id.to_string());
        }
        if let Some(d) = disable {
            url = url.disable_guild_select(d);
            want.disable_guild_select = Some(d.to_string());
        }
        if let Some(user) = integration {
            url = url.integration_type(if user { IntegrationType::UserInstall } else { IntegrationType::GuildInstall });
            want.integration_type = Some(if user { "1" } else { "0" }.to_owned());
        }
        if let Some(code) = response {
            url = url.response_type(if code { ResponseType::Code } else { ResponseType::Token });
            want.response_type = Some(if code { "code" } else { "token" }.to_owned());
        }
        if let Some(r) = &redirect {
            url = url.redirect_uri(r);
            want.redirect_uri = Some(r.clone());
        }
        if let Some(s) = &state {
            url = url.state(s);
            want.state = Some(s.clone());
        }
        if let Some(consent) = prompt {
            url = url.prompt(if consent { Prompt::Consent } else { Prompt::None });
            want.prompt = Some(if consent { "consent" } else { "none" }.to_owned());
        }
        if let Some(c) = &challenge {
            url = url.code_challenge(c);
            want.code_challenge = Some(c.clone());
            want.code_challenge_method = Some("S256".to_owned());
        }
        // Display writes whatever was given, valid or not, and it reads back the same.
        let text = url.to_string();
        prop_assert!(text.bytes().all(url_safe), "{}", text);
        prop_assert_eq!(parse_url(&text, platform.authorize_url()), want);
        // What validates renders the same text; what does not is refused everywhere.
        let mut rendered = String::new();
        match url.validate() {
            Ok(()) => {
                url.render_into(&mut rendered).unwrap();
                prop_assert_eq!(rendered, text);
            }
            Err(e) => prop_assert_eq!(url.render_into(&mut rendered), Err(RenderError::Invalid(e))),
        }
    }
}

/// A valid install URL's settings for `platform`, built to pass `validate`.
#[derive(Debug, Clone)]
struct Valid {
    platform: Platform,
    client_id: u64,
    scopes: Vec<Scope>,
    permissions: Option<u64>,
    guild_id: Option<u64>,
    channel_id: Option<u64>,
    disable: Option<bool>,
    user_install: Option<bool>,
    redirect: Option<String>,
    state: Option<String>,
    prompt: Option<bool>,
    challenge: Option<String>,
}

fn valid() -> impl Strategy<Value = Valid> {
    (any::<bool>(), any::<u64>()).prop_flat_map(|(fluxer, client_id)| {
        let platform = if fluxer {
            Platform::Fluxer
        } else {
            Platform::Discord
        };
        let available: Vec<Scope> = Scope::ALL
            .iter()
            .copied()
            .filter(|s| s.available_on(platform))
            .collect();
        let min = usize::from(fluxer);
        (
            proptest::sample::subsequence(available, min..4).prop_shuffle(),
            proptest::option::of(any::<u64>()),
            proptest::option::of(any::<u64>()),
            proptest::option::of(any::<u64>()),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<String>()),
            proptest::option::of(".{0,8}"),
            proptest::option::of(any::<bool>()),
            proptest::option::of("[A-Za-z0-9_-]{43}"),
        )
            .prop_map(
                move |(
                    scopes,
                    bits,
                    guild,
                    channel,
                    disable,
                    user,
                    redirect,
                    state,
                    prompt,
                    challenge,
                )| {
                    let user_install = if fluxer { None } else { user };
                    let is_user = user_install == Some(true);
                    let scopes: Vec<Scope> = if is_user {
                        scopes.into_iter().filter(|&s| s != Scope::Bot).collect()
                    } else {
                        scopes
                    };
                    let bot = scopes.contains(&Scope::Bot);
                    Valid {
                        platform,
                        client_id,
                        permissions: bits.filter(|_| !is_user && (bot || scopes.is_empty())),
                        scopes,
                        guild_id: guild,
                        channel_id: channel.filter(|_| fluxer),
                        disable,
                        user_install,
                        redirect,
                        state,
                        prompt,
                        challenge: challenge.filter(|_| fluxer),
                    }
                },
            )
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn valid_urls_on_both_platforms_parse_back(v in valid()) {
        let mut url = BotAuthorizeUrl::for_platform(v.platform, v.client_id).scopes(&v.scopes);
        let needs_code = v.redirect.is_some()
            || v.challenge.is_some()
            || v.scopes.iter().any(|s| s.needs_response_type());
        if let Some(bits) = v.permissions {
            url = url.permissions(Permissions::from_bits_retain(bits));
        }
        if let Some(id) = v.guild_id {
            url = url.guild_id(id);
        }
        if let Some(id) = v.channel_id {
            url = url.channel_id(id);
        }
        if let Some(d) = v.disable {
            url = url.disable_guild_select(d);
        }
        if let Some(user) = v.user_install {
            url = url.integration_type(if user { IntegrationType::UserInstall } else { IntegrationType::GuildInstall });
        }
        if needs_code {
            url = url.response_type(ResponseType::Code);
        }
        if let Some(r) = &v.redirect {
            url = url.redirect_uri(r);
        }
        if let Some(s) = &v.state {
            url = url.state(s);
        }
        if let Some(consent) = v.prompt {
            url = url.prompt(if consent { Prompt::Consent } else { Prompt::None });
        }
        if let Some(c) = &v.challenge {
            url = url.code_challenge(c);
        }
        prop_assert_eq!(url.validate(), Ok(()), "{:?}", v);
        let mut text = String::new();
        url.render_into(&mut text).unwrap();
        let back = parse_url(&text, v.platform.authorize_url());
        let want = Params {
            client_id: v.client_id.to_string(),
            permissions: v.permissions.map(|b| b.to_string()),
            scope: (!v.scopes.is_empty())
                .then(|| v.scopes.iter().map(|s| s.as_str().to_owned()).collect()),
            guild_id: v.guild_id.map(|id| id.to_string()),
            channel_id: v.channel_id.map(|id| id.to_string()),
            disable_guild_select: v.disable.map(|d| d.to_string()),
            integration_type: v.user_install.map(|u| if u { "1" } else { "0" }.to_owned()),
            response_type: needs_code.then(|| "code".to_owned()),
            redirect_uri: v.redirect.clone(),
            state: v.state.clone(),
            prompt: v.prompt.map(|c| if c { "consent" } else { "none" }.to_owned()),
            code_challenge: v.challenge.clone(),
            code_challenge_method: v.challenge.as_ref().map(|_| "S256".to_owned()),
        };
        prop_assert_eq!(back, want);
    }
}
