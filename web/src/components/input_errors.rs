//! Input the analysis could not read: where (with a "Show in input" button), and what was expected.

use std::rc::Rc;

use talos_ext_analyzer::Report;
use talos_ext_analyzer::Span;
use yew::prelude::*;

use super::finding_view::ShowButton;
use super::show_all::{use_row_limit, ShowAll};
use crate::model::place::place;

#[derive(Properties, PartialEq)]
pub struct InputErrorsProps {
    pub report: Rc<Report>,
}

/// Errors drawn before "Show all": 40,000 of them (a long paste of something else) held the page for a minute.
const ERROR_LIMIT: usize = 100;

#[function_component(InputErrors)]
pub fn input_errors(props: &InputErrorsProps) -> Html {
    let (limit, on_show_all) = use_row_limit(ERROR_LIMIT);
    let report = &props.report;
    if report.errors.is_empty() {
        return html! {};
    }
    let total = report.errors.len();
    let inputs: Vec<AttrValue> = report
        .inputs
        .iter()
        .map(|i| AttrValue::from(i.name.clone()))
        .collect();
    html! {
        <section class="input-errors" aria-labelledby="input-errors-title">
            <h2 id="input-errors-title">{ "Could not read" }</h2>
            <ul>
                { for report.errors.iter().take(limit).map(|e| {
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
            <ShowAll {limit} {total} what="input errors" testid="input-errors-show-all" {on_show_all} />
        </section>
    }
}
