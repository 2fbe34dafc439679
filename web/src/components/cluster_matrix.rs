//! The cluster matrix (`model::matrix`): nodes × extensions, versions in the cells, drift and duplicates marked
//! (colour, a symbol and words for screen readers), with a legend. It scrolls sideways inside its own box with the
//! node column kept in view.

use std::rc::Rc;

use talos_ext_analyzer::fix::join_names;
use talos_ext_analyzer::rule_id;
use talos_ext_analyzer::Report;
use yew::prelude::*;

use crate::browser::later;
use crate::model::matrix::{shown_rows, Cell, Matrix};

/// Rows drawn before "Show all": a 10,000-node matrix would hold the page for seconds while the DOM is built, and
/// 200 rows held it for about 50 ms.
const ROW_LIMIT: usize = 100;
/// Rows drawn per task, up to [`ROW_LIMIT`]: the first ones with the rest of the results, the others in tasks after
/// them (the results of a 10,000-node paste took about 50 ms to draw with 100 rows at once, most of it the DOM).
const ROWS_PER_TASK: usize = 34;

#[derive(Properties, PartialEq)]
pub struct ClusterMatrixProps {
    pub report: Rc<Report>,
}

fn cell_view(cell: &Cell) -> Html {
    if cell.versions.is_empty() {
        return html! {
            <td class="absent"><span aria-hidden="true">{ "—" }</span><span class="sr-only">{ "not installed" }</span></td>
        };
    }
    let drift = cell.versions.iter().any(|(_, d)| *d);
    html! {
        <td class={classes!(drift.then_some("drift"), cell.duplicate.then_some("duplicate"))}
            data-drift={drift.then_some("true")}
            data-duplicate={cell.duplicate.then_some("true")}>
            { for cell.versions.iter().map(|(v, d)| html! {
                <span class={classes!("v", d.then_some("drift"))}>
                    { v.clone() }
                    if *d { <span class="mark" aria-hidden="true">{ "≠" }</span><span class="sr-only">{ " (drift)" }</span> }
                </span>
            }) }
            if cell.duplicate {
                <span class="mark dup" aria-hidden="true">{ "×2" }</span><span class="sr-only">{ " (more than one at once)" }</span>
            }
        </td>
    }
}

#[function_component(ClusterMatrix)]
pub fn cluster_matrix(props: &ClusterMatrixProps) -> Html {
    let matrix = use_memo(props.report.clone(), |r| Matrix::of(r));
    let show_all = use_state(|| false);
    // How many rows of which report are drawn (its address: holding the report would keep it alive). A new
    // report's matrix draws ROWS_PER_TASK rows with the rest of the results, then as many more per task up to the
    // limit.
    let drawn = use_state_eq(|| (0_usize, 0_usize));
    let address = Rc::as_ptr(&props.report) as usize;
    let count = if drawn.0 == address {
        drawn.1
    } else {
        ROWS_PER_TASK
    };
    let total = matrix.as_ref().as_ref().map_or(0, Matrix::row_count);
    {
        let drawn = drawn.clone();
        use_effect_with((address, count), move |&(address, count)| {
            if count < ROW_LIMIT.min(total) {
                later(move || drawn.set((address, count + ROWS_PER_TASK)));
            }
        });
    }
    let Some(m) = matrix.as_ref() else {
        return html! {};
    };
    let limit = if *show_all {
        usize::MAX
    } else {
        count.min(ROW_LIMIT)
    };
    let rows = shown_rows(&m.marked(), limit);
    // What the limit hides, not the first render's smaller number.
    let hidden = if *show_all {
        0
    } else {
        m.row_count().saturating_sub(ROW_LIMIT)
    };
    // Nodes without rows because talosctl could not read them: the matrix is not the whole cluster. The rule
    // reports each such node once.
    let unanswered: Vec<&str> = props
        .report
        .findings
        .iter()
        .filter(|f| f.rule == rule_id::node_did_not_answer)
        .filter_map(|f| f.node.as_deref())
        .collect();
    let on_show_all = {
        let show_all = show_all.clone();
        Callback::from(move |_| show_all.set(true))
    };
    html! {
        <section class="matrix-section" data-testid="matrix" aria-labelledby="matrix-title">
            <h2 id="matrix-title">{ "Cluster" }</h2>
            <p class="hint">
                { "What each node runs (talosctl get extensions)." }
                if m.empty_rows() > 0 {
                    <span data-testid="matrix-empty">
                        { match m.empty_rows() { 1 => " 1 node runs no extensions.".to_string(), n => format!(" {n} nodes run no extensions.") } }
                    </span>
                }
                if !m.has_marks() {
                    { match (unanswered.is_empty(), m.empty_rows() > 0) {
                        (true, false) => " Every node runs the same versions.",
                        (false, false) => " Every node shown runs the same versions.",
                        (_, true) => " The others run the same versions.",
                    } }
                }
                if !unanswered.is_empty() {
                    <span data-testid="matrix-unanswered">
                        { " Not shown: " }{ join_names(&unanswered) }
                        { ", which did not answer talosctl." }
                    </span>
                }
            </p>
            <div class="matrix-scroll" tabindex="0" role="region" aria-label="Cluster matrix, scrolls sideways">
                <table class="matrix">
                    <thead>
                        <tr>
                            <th scope="col" class="corner">{ "Node" }</th>
                            { for m.extensions.iter().map(|e| html! { <th scope="col">{ e.clone() }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.into_iter().filter_map(|row| m.row(&props.report, row)).map(|row| html! {
                            <tr data-empty={row.cells.iter().all(|c| c.versions.is_empty()).then_some("true")}>
                                <th scope="row">
                                    { row.node.clone() }
                                    if row.cells.iter().all(|c| c.versions.is_empty()) {
                                        <span class="runs-nothing">{ " runs no extensions" }</span>
                                    }
                                </th>
                                { for row.cells.iter().map(cell_view) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if hidden > 0 {
                <p class="hint row-limit">
                    { format!("{hidden} more nodes without drift or duplicates are not drawn. ") }
                    <button type="button" class="link" data-testid="matrix-show-all" onclick={on_show_all}>
                        { format!("Show all {} nodes", m.row_count()) }
                    </button>
                </p>
            }
            <ul class="legend" aria-label="Legend">
                <li><span class="swatch drift" aria-hidden="true">{ "≠" }</span>{ "drift: another version than most nodes run" }</li>
                <li><span class="swatch duplicate" aria-hidden="true">{ "×2" }</span>{ "duplicate: two versions on one node" }</li>
                <li><span class="swatch absent" aria-hidden="true">{ "—" }</span>{ "not installed" }</li>
            </ul>
        </section>
    }
}
