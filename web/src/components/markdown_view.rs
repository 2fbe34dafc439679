//! A rule's Markdown doc as Yew nodes (see `model::markdown`): text nodes only, links only to http(s) targets
//! (opened with `rel="noopener noreferrer"`), and inline code that names a rule links to that rule's page.

use talos_ext_analyzer::find_rule;
use yew::prelude::*;

use crate::model::markdown::{self, Block, Inline};
use crate::model::route::rule_href;

#[derive(Properties, PartialEq)]
pub struct MarkdownViewProps {
    pub doc: &'static str,
    /// Leave out the doc's first `#` heading (its title, shown elsewhere).
    #[prop_or_default]
    pub skip_title: bool,
    /// Levels added to every heading (a doc's `##` inside a finding is an `h4` with a shift of 2).
    #[prop_or_default]
    pub heading_shift: u8,
}

#[function_component(MarkdownView)]
pub fn markdown_view(props: &MarkdownViewProps) -> Html {
    let parsed = use_memo(props.doc, |doc| markdown::parse(doc));
    let mut blocks: &[Block] = &parsed;
    if props.skip_title {
        if let Some((Block::Heading(1, _), rest)) = blocks.split_first() {
            blocks = rest;
        }
    }
    html! { <div class="markdown">{ render_blocks(blocks, props.heading_shift) }</div> }
}

fn render_blocks(blocks: &[Block], shift: u8) -> Html {
    blocks.iter().map(|b| render_block(b, shift)).collect()
}

fn render_block(block: &Block, shift: u8) -> Html {
    match block {
        Block::Heading(level, text) => {
            let body = render_inlines(text);
            match level.saturating_add(shift) {
                1 => html! { <h1>{ body }</h1> },
                2 => html! { <h2>{ body }</h2> },
                3 => html! { <h3>{ body }</h3> },
                4 => html! { <h4>{ body }</h4> },
                5 => html! { <h5>{ body }</h5> },
                _ => html! { <h6>{ body }</h6> },
            }
        }
        Block::Paragraph(text) => html! { <p>{ render_inlines(text) }</p> },
        // Focusable: a long line scrolls the block sideways, which the keyboard must reach too.
        Block::Code { lang, text } => html! {
            <pre class="code" data-lang={lang.clone()} tabindex="0"><code>{ text.clone() }</code></pre>
        },
        Block::List {
            ordered,
            start,
            items,
        } => {
            let items: Html = items
                .iter()
                .map(|item| html! { <li>{ render_blocks(item, shift) }</li> })
                .collect();
            if *ordered {
                html! { <ol start={start.to_string()}>{ items }</ol> }
            } else {
                html! { <ul>{ items }</ul> }
            }
        }
    }
}

/// One line of text with inline Markdown (code spans, emphasis), as the fixes' titles carry.
pub fn inline_text(text: &str) -> Html {
    render_inlines(&markdown::parse_inline(text))
}

fn render_inlines(inlines: &[Inline]) -> Html {
    inlines.iter().map(render_inline).collect()
}

fn render_inline(inline: &Inline) -> Html {
    match inline {
        Inline::Text(text) => html! { { text.clone() } },
        Inline::Code(code) => match find_rule(code) {
            Some(rule) => html! { <a href={rule_href(rule.id)}><code>{ rule.id }</code></a> },
            None if markdown::is_web_link(code) && !code.contains(char::is_whitespace) => html! {
                <a href={code.clone()} rel="noopener noreferrer" target="_blank"><code>{ code.clone() }</code></a>
            },
            None => html! { <code>{ code.clone() }</code> },
        },
        Inline::Emphasis(inner) => html! { <em>{ render_inlines(inner) }</em> },
        Inline::Strong(inner) => html! { <strong>{ render_inlines(inner) }</strong> },
        Inline::Link(text, target) if markdown::is_web_link(target) => html! {
            <a href={target.clone()} rel="noopener noreferrer" target="_blank">{ render_inlines(text) }</a>
        },
        // Any other target (javascript:, data:, relative) is shown as its text only.
        Inline::Link(text, _) => render_inlines(text),
    }
}
