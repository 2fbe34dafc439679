//! The colour theme: the system's (`prefers-color-scheme`) until the user picks one with the toggle; the pick is
//! remembered in local storage and applied as `data-theme` on the root element, which the stylesheet reads.

/// Local storage key of the user's pick.
const KEY: &str = "talos-ext-theme";

/// A theme the user picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn parse(s: &str) -> Option<Theme> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The other theme.
    pub fn toggled(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The theme the user picked earlier, if any.
pub fn stored() -> Option<Theme> {
    storage()?
        .get_item(KEY)
        .ok()
        .flatten()
        .as_deref()
        .and_then(Theme::parse)
}

/// The system's theme now.
pub fn system() -> Theme {
    let dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches());
    if dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// Shows `theme` (sets `data-theme` on the root element).
pub fn apply(theme: Theme) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
}

/// Shows `theme` and remembers it.
pub fn pick(theme: Theme) {
    apply(theme);
    if let Some(s) = storage() {
        // Storage may be full or denied (private mode): the theme still applies for this visit.
        let _ = s.set_item(KEY, theme.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in [Theme::Light, Theme::Dark] {
            assert_eq!(Theme::parse(t.as_str()), Some(t));
            assert_eq!(t.toggled().toggled(), t);
        }
        assert_eq!(Theme::parse("auto"), None);
    }
}
