//! The Talos version field: shows the version detected in the input and lets the user state another
//! (`Session::talos_version`). A value that is not a Talos version is not applied and says why.

use talos_ext_analyzer::version::normalize_talos;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TalosVersionFieldProps {
    /// The session's version ("" for the detected one).
    pub value: String,
    /// The version the analysis detected, when the user states none.
    pub detected: Option<String>,
    /// Called with a valid version, or "" for the detected one.
    pub on_change: Callback<String>,
}

#[function_component(TalosVersionField)]
pub fn talos_version_field(props: &TalosVersionFieldProps) -> Html {
    // What the user typed, which may be malformed (and then not in the session).
    let typed = use_state(|| props.value.clone());
    {
        // The session changed elsewhere (an example, a share link): show its version.
        let typed = typed.clone();
        use_effect_with(props.value.clone(), move |value| {
            let valid = normalize_talos(&typed).is_some() || typed.trim().is_empty();
            if valid && *typed != *value {
                typed.set(value.clone());
            }
        });
    }
    let oninput = {
        let typed = typed.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let Some(field) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let value = field.value();
            let valid = value.trim().is_empty() || normalize_talos(&value).is_some();
            on_change.emit(if valid {
                value.trim().to_owned()
            } else {
                String::new()
            });
            typed.set(value);
        })
    };
    let malformed = !typed.trim().is_empty() && normalize_talos(&typed).is_none();
    let placeholder = props
        .detected
        .clone()
        .unwrap_or_else(|| "e.g. v1.9.2".to_owned());
    let hint = match (&props.detected, props.value.is_empty()) {
        (Some(v), true) => format!("Detected {v}; type another to override."),
        (None, true) => "Not detected; state it for release-specific fixes.".to_owned(),
        (_, false) => "Overrides the detected version.".to_owned(),
    };
    html! {
        <div class="field talos-version">
            <label for="talos-version">{ "Talos version" }</label>
            <input
                id="talos-version"
                data-testid="talos-version"
                type="text"
                inputmode="text"
                spellcheck="false"
                autocomplete="off"
                size="10"
                aria-describedby="talos-version-hint"
                aria-invalid={malformed.to_string()}
                {placeholder}
                value={(*typed).clone()}
                {oninput}
            />
            if malformed {
                <p id="talos-version-hint" class="field-error" data-testid="talos-version-error" role="alert">
                    { "Not a Talos version (expected vX.Y.Z, such as v1.9.2); not applied until it is one." }
                </p>
            } else {
                <p id="talos-version-hint" class="field-hint">{ hint }</p>
            }
        </div>
    }
}
