//! Property tests for the OAuth2 side: scopes parse back from their names, scope parsing never
//! panics, and any authorization URL either renders consistently (same text through every
//! writer, `rendered_len` exact, only URL-safe bytes) or is refused the same way everywhere.

use invite_perms::{
    BotAuthorizeUrl, IntegrationType, Permissions, Prompt, RenderError, ResponseType, Scope,
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
