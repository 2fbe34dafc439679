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

/// `page` (an address without its fragment) without the query's embed flag: a share link made in an embedded page
/// opens the whole page, with its header and rule pages, for whoever gets it.
pub fn without_embed(page: &str) -> String {
    let Some((base, query)) = page.split_once('?') else {
        return page.to_owned();
    };
    let mut out = String::from(base);
    let mut first = true;
    for pair in query.split('&') {
        if pair.is_empty() || is_embed(pair) {
            continue;
        }
        out.push(if first { '?' } else { '&' });
        out.push_str(pair);
        first = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_page_leaves_the_embed_flag_out() {
        assert_eq!(without_embed("https://x.dev/a/"), "https://x.dev/a/");
        assert_eq!(without_embed("https://x.dev/?embed=1"), "https://x.dev/");
        assert_eq!(without_embed("https://x.dev/?embed"), "https://x.dev/");
        assert_eq!(
            without_embed("https://x.dev/?lang=en&embed=true&v=2"),
            "https://x.dev/?lang=en&v=2"
        );
        assert_eq!(
            without_embed("https://x.dev/?embed=0&embedded=1"),
            "https://x.dev/?embed=0&embedded=1"
        );
        assert_eq!(without_embed("https://x.dev/?"), "https://x.dev/");
    }

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
