//! Input the analysis could not read: where (with a "Show in input" button), and what was expected.

use std::rc::Rc;

use talos_ext_analyzer::span::Span;
use talos_ext_analyzer::Report;
use yew::prelude::*;

use super::finding_view::{place, ShowButton};

#[derive(Properties, PartialEq)]
pub struct InputErrorsProps {
    pub report: Rc<Report>,
}

#[function_component(InputErrors)]
pub fn input_errors(props: &InputErrorsProps) -> Html {
    let report = &props.report;
    if report.errors.is_empty() {
        return html! {};
    }
    let inputs: Vec<AttrValue> = report
        .inputs
        .iter()
        .map(|i| AttrValue::from(i.name.clone()))
        .collect();
    html! {
        <section class="input-errors" aria-labelledby="input-errors-title">
            <h2 id="input-errors-title">{ "Could not read" }</h2>
            <ul>
                { for report.errors.iter().map(|e| {
                    let span = Span { input: e.input, line: e.line, column: e.column, end_line: e.line, end_column: e.column };
                    let mut at = place(&span, &inputs);
                    at.push_str(", column ");
                    at.push_str(&e.column.to_string());
                    html! {
                        <li data-testid="input-error">
                            <div class="where">{ at }</div>
                            <p class="message">{ e.message.clone() }</p>
                            <ShowButton {span} label={AttrValue::from(place(&span, &inputs))} />
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
