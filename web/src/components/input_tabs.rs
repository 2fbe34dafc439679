//! The session's inputs: text inputs as tabs (the paste first) that switch the editor, byte inputs (zips, `.age`
//! files, invalid UTF-8) as read-only chips with name and size. Every input but the paste can be removed.

use yew::prelude::*;

use crate::model::session::{Session, SessionContent};
use crate::state::files::human_size;

#[derive(Properties, PartialEq)]
pub struct InputTabsProps {
    pub session: Session,
    /// The index of the text input in the editor.
    pub active: usize,
    pub on_select: Callback<usize>,
    pub on_remove: Callback<usize>,
}

#[function_component(InputTabs)]
pub fn input_tabs(props: &InputTabsProps) -> Html {
    let inputs = &props.session.inputs;
    if inputs.len() < 2 {
        return html! {};
    }
    let remove = |index: usize, name: &str| {
        let on_remove = props.on_remove.clone();
        html! {
            <button type="button" class="remove" aria-label={format!("Remove {name}")}
                onclick={Callback::from(move |_| on_remove.emit(index))}>{ "×" }</button>
        }
    };
    let tabs = inputs
        .iter()
        .enumerate()
        .filter(|(_, i)| matches!(i.content, SessionContent::Text(_)));
    let chips = inputs
        .iter()
        .enumerate()
        .filter(|(_, i)| matches!(i.content, SessionContent::Bytes(_)));
    html! {
        <div class="inputs">
            <div class="tabs" role="tablist" aria-label="Inputs">
                { for tabs.map(|(index, input)| {
                    let selected = index == props.active;
                    let on_select = props.on_select.clone();
                    html! {
                        <span class={classes!("tab", selected.then_some("selected"))}>
                            <button type="button" role="tab" data-testid="input-tab" data-name={input.name.clone()}
                                aria-selected={selected.to_string()} aria-controls="paste"
                                onclick={Callback::from(move |_| on_select.emit(index))}>
                                { input.name.clone() }
                            </button>
                            if index > 0 { { remove(index, &input.name) } }
                        </span>
                    }
                }) }
            </div>
            <ul class="chips" aria-label="Binary inputs (read-only)">
                { for chips.map(|(index, input)| html! {
                    <li class="chip" data-testid="byte-input" data-name={input.name.clone()}>
                        <span class="chip-name">{ input.name.clone() }</span>
                        <span class="chip-size">{ human_size(input.size() as f64) }</span>
                        { remove(index, &input.name) }
                    </li>
                }) }
            </ul>
        </div>
    }
}
