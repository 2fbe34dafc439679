//! Under the editor: what was refused, the analysis progress and note, and the drop target while files are dragged.

use yew::prelude::*;

use crate::state::files::human_size;
use crate::worker::Analysis;

pub(super) fn status(refused: &[String], analysis: &Analysis, dragging: bool) -> Html {
    html! {
        <>
            { for refused.iter().map(|message| html! {
                <p class="refused" data-testid="refused" role="alert">{ message.clone() }</p>
            }) }
            if let Some(size) = analysis.busy {
                <p class="progress" data-testid="progress" role="status">
                    <span class="spinner" aria-hidden="true" />
                    { format!("Analysing {}…", human_size(size as f64)) }
                </p>
            }
            if let Some(note) = analysis.note {
                <p class="notice" data-testid="analysis-note">{ note }</p>
            }
            if dragging {
                <div class="drop-target" data-testid="drop-target" aria-hidden="true">
                    <p>{ "Drop files to add them as inputs" }</p>
                </div>
            }
        </>
    }
}
