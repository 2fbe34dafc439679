//! Share links through the browser's own compression: a session makes a link and the link opens to the same
//! session; a cut link or one that inflates past the limit is refused, never a panic.

use talos_ext_web::model::session::{GroupBy, Session};
use talos_ext_web::state::keep;
use talos_ext_web::state::share::{ShareError, MAX_BODY_BYTES, PREFIX};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str =
    include_str!("../../fixtures/examples/01-talos-10404-duplicate-iscsi-tools-table.txt");

/// The part of a link after `#s=`.
async fn sealed(session: &Session) -> String {
    let (url, left_out) = keep::link(session).await.expect("the browser compresses");
    assert!(left_out.is_empty());
    url.split_once(PREFIX)
        .expect("a share fragment")
        .1
        .to_owned()
}

#[wasm_bindgen_test]
async fn a_link_opens_to_the_same_session() {
    let mut session = Session::with_paste(SEED);
    session.talos_version = "v1.9.2".into();
    session.view.group_by = GroupBy::Rule;
    let sealed = sealed(&session).await;
    assert!(
        sealed.len() < SEED.len(),
        "compressed: {} characters",
        sealed.len()
    );
    assert_eq!(keep::open(&sealed).await, Ok(session));
}

#[wasm_bindgen_test]
async fn a_cut_link_is_broken() {
    let sealed = sealed(&Session::with_paste(SEED)).await;
    for len in [sealed.len() / 2, sealed.len() - 2, 2] {
        assert_eq!(
            keep::open(&sealed[..len]).await,
            Err(ShareError::Broken),
            "cut at {len}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_link_that_inflates_past_the_limit_is_refused() {
    let huge = Session::with_paste(&"x".repeat(MAX_BODY_BYTES + 1));
    let sealed = sealed(&huge).await;
    assert!(sealed.len() < 1 << 20, "{} characters", sealed.len());
    assert_eq!(keep::open(&sealed).await, Err(ShareError::TooBig));
}
