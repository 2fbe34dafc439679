//! "Show in input": a finding (or an input error) asks the editor to scroll to and highlight a span. The app
//! provides a [`ShowInInput`] context; the editor listens to the span it holds.

use talos_ext_analyzer::Span;
use yew::prelude::*;

/// Context handed to every view that can point at the input. `emit` asks the editor to show `span`.
#[derive(Clone, PartialEq)]
pub struct ShowInInput(pub Callback<Span>);

impl ShowInInput {
    pub fn emit(&self, span: Span) {
        self.0.emit(span);
    }
}
