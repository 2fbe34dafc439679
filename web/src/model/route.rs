//! The page's routes, from the URL fragment: `#/rules` (the rule index), `#/rules/<id>` (one rule), anything else
//! the analysis (a share link's `#s=…` included: it is the analysis of what it holds, never a route).

/// Where the page is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Main,
    Rules,
    /// A rule page, by id as written in the fragment (it may name no rule).
    Rule(String),
}

/// The route of a fragment (`location.hash`, with or without its `#`).
pub fn parse(hash: &str) -> Route {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let Some(rest) = hash.strip_prefix("/rules") else {
        return Route::Main;
    };
    match rest.trim_end_matches('/') {
        "" => Route::Rules,
        id => match id.strip_prefix('/') {
            Some(id) => Route::Rule(id.to_owned()),
            // `#/rulesfoo` is no route.
            None => Route::Main,
        },
    }
}

/// The fragment of a rule's page.
pub fn rule_href(id: &str) -> String {
    let mut href = String::from("#/rules/");
    href.push_str(id);
    href
}

/// Whether the query string (`location.search`) asks for the embedded layout (`?embed=1`).
pub fn is_embed(search: &str) -> bool {
    search
        .trim_start_matches('?')
        .split('&')
        .any(|pair| matches!(pair, "embed" | "embed=1" | "embed=true"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        assert_eq!(parse(""), Route::Main);
        assert_eq!(parse("#"), Route::Main);
        assert_eq!(parse("#s=eJxLz"), Route::Main);
        assert_eq!(parse("#s=/rules/x"), Route::Main);
        assert_eq!(parse("#/rules"), Route::Rules);
        assert_eq!(parse("#/rules/"), Route::Rules);
        assert_eq!(parse("#/rulesx"), Route::Main);
        assert_eq!(
            parse("#/rules/version-drift"),
            Route::Rule("version-drift".into())
        );
        assert_eq!(parse("/rules/nope/"), Route::Rule("nope".into()));
        assert_eq!(rule_href("version-drift"), "#/rules/version-drift");
    }

    #[test]
    fn embed_flag() {
        assert!(is_embed("?embed=1"));
        assert!(is_embed("?x=2&embed=1"));
        assert!(!is_embed(""));
        assert!(!is_embed("?embed=0"));
        assert!(!is_embed("?embedded=1"));
    }
}
