//! Input the analysis could not read: where, and what was expected.

use std::rc::Rc;

use talos_ext_analyzer::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputErrorsProps {
    pub report: Rc<Report>,
}

#[function_component(InputErrors)]
pub fn input_errors(props: &InputErrorsProps) -> Html {
    let errors = &props.report.errors;
    if errors.is_empty() {
        return html! {};
    }
    html! {
        <section class="input-errors" aria-label="Input errors">
            <h2>{ "Could not read" }</h2>
            <ul>
                { for errors.iter().map(|e| html! {
                    <li data-testid="input-error">
                        <span class="where">{ format!("line {}, column {}", e.line, e.column) }</span>
                        { " " }
                        <span class="message">{ e.message.clone() }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}
