//! Keeping the session: in local storage, so that it is back after a reload, and in share links, opened when the
//! page starts with one in its fragment or the fragment changes to one. A share link wins over the stored session.
//! Only text inputs are kept (see [`share`] for the layout); nothing is ever sent anywhere.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Storage;
use yew::prelude::*;

use super::compress;
use super::share::{self, ShareError};
use crate::crash;
use crate::model::route;
use crate::model::session::{Session, SessionContent};
use crate::model::session_action::SessionAction;

/// The local-storage key of the session (a value of [`share::seal`] over the uncompressed body).
pub const STORAGE_KEY: &str = "talos-ext-analyzer.session";
/// Bodies larger than this are not stored: local storage holds about 5 MB per site, and base64 adds a third.
pub const MAX_STORED_BYTES: usize = 3 << 20;

/// What local storage holds of the current session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    /// Nothing (an empty session, or after "forget").
    Nothing,
    /// The current session.
    Kept,
    /// Nothing: the session is too big for local storage.
    TooBig,
    /// Nothing: the browser gives this page no local storage (disabled, or a private mode that refuses it).
    Refused,
}

/// A share link being opened, opened, or refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkState {
    None,
    Opening,
    Opened,
    Failed(ShareError),
}

/// The keeping state the views show, and the "forget" action.
#[derive(Clone, PartialEq)]
pub struct Keep {
    pub stored: Stored,
    pub link: LinkState,
    /// Clears local storage and the input.
    pub forget: Callback<()>,
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored session, if there is one this version can read.
pub fn restore() -> Option<Session> {
    let text = storage()?.get_item(STORAGE_KEY).ok()??;
    share::read_body(&share::unseal(&text).ok()?).ok()
}

/// Stores the text inputs and settings of `session`; an empty session, or one too big to store, removes what was
/// stored before (so a reload never brings back an older input).
pub fn store(session: &Session) -> Stored {
    let Some(storage) = storage() else {
        return Stored::Refused;
    };
    if session.is_empty() {
        let _ = storage.remove_item(STORAGE_KEY);
        return Stored::Nothing;
    }
    // The body holds the texts and a little more: a session whose texts alone are too big is refused before the
    // body is written (a copy of tens of MB on the page's thread).
    let texts: usize = session
        .inputs
        .iter()
        .filter_map(|i| match &i.content {
            SessionContent::Text(text) => Some(text.len()),
            SessionContent::Bytes(_) => None,
        })
        .sum();
    if texts > MAX_STORED_BYTES {
        let _ = storage.remove_item(STORAGE_KEY);
        return Stored::TooBig;
    }
    let body = share::body(session);
    if body.bytes.len() > MAX_STORED_BYTES {
        let _ = storage.remove_item(STORAGE_KEY);
        return Stored::TooBig;
    }
    match storage.set_item(STORAGE_KEY, &share::seal(&body.bytes)) {
        Ok(()) => Stored::Kept,
        // QuotaExceededError: the origin's storage is full.
        Err(_) => {
            let _ = storage.remove_item(STORAGE_KEY);
            Stored::TooBig
        }
    }
}

/// Opens the part of a share link after [`share::PREFIX`].
pub async fn open(sealed: &str) -> Result<Session, ShareError> {
    let compressed = share::unseal(sealed)?;
    let body = compress::inflate(&compressed, share::MAX_BODY_BYTES)
        .await
        .map_err(|_| ShareError::Broken)?
        .ok_or(ShareError::TooBig)?;
    share::read_body(&body)
}

/// The share link of `session`: this page's address (the whole page, also from an embedded one) with the session in
/// its fragment, and the names of the inputs left out of it.
pub async fn link(session: &Session) -> Result<(String, Vec<String>), JsValue> {
    let body = share::body(session);
    let compressed = compress::deflate(&body.bytes).await?;
    let href = web_sys::window().ok_or(JsValue::NULL)?.location().href()?;
    let page = route::without_embed(href.split('#').next().unwrap_or_default());
    Ok((
        format!("{page}{}{}", share::PREFIX, share::seal(&compressed)),
        body.left_out,
    ))
}

fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Removes the fragment from the address without reloading, so that a reload shows the stored session.
fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ =
            history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{search}")));
    }
}

/// The state handles the fragment listener changes.
#[derive(Clone)]
struct Handles {
    session: UseReducerHandle<Session>,
    link: UseStateHandle<LinkState>,
    /// What local storage holds (or the empty session a link is replacing), to write only on a change.
    kept: Rc<RefCell<Session>>,
}

/// Acts on the fragment: opens a share link (then removes it from the address), or runs the panic self-test.
fn on_fragment(handles: &Handles) {
    let hash = fragment();
    if hash == crash::SELFTEST_FRAGMENT {
        crash::selftest();
    }
    let Some(sealed) = hash.strip_prefix(share::PREFIX) else {
        return;
    };
    let sealed = sealed.to_owned();
    clear_fragment();
    handles.link.set(LinkState::Opening);
    let handles = handles.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match open(&sealed).await {
            Ok(session) => {
                handles.session.dispatch(SessionAction::Replace(session));
                handles.link.set(LinkState::Opened);
            }
            Err(error) => {
                // An empty editor; what was stored stays until the user types.
                *handles.kept.borrow_mut() = Session::default();
                handles.session.dispatch(SessionAction::Clear);
                handles.link.set(LinkState::Failed(error));
            }
        }
    });
}

/// The session as a Yew reducer: every change is a [`SessionAction`], applied by [`Session::apply`].
impl Reducible for Session {
    type Action = SessionAction;

    fn reduce(self: Rc<Session>, action: SessionAction) -> Rc<Session> {
        Rc::new(self.apply(action))
    }
}

/// The app's session, restored from a share link in the address or else from local storage, and stored again
/// whenever it changes.
#[hook]
pub fn use_kept_session() -> (UseReducerHandle<Session>, Keep) {
    // The initialisers run on the first render only.
    let link = use_state_eq(|| {
        if fragment().starts_with(share::PREFIX) {
            LinkState::Opening
        } else {
            LinkState::None
        }
    });
    let session = use_reducer(|| {
        if *link == LinkState::Opening {
            Session::default()
        } else {
            restore().unwrap_or_default()
        }
    });
    let stored = use_state_eq(|| {
        if session.is_empty() {
            Stored::Nothing
        } else {
            Stored::Kept
        }
    });
    let kept = use_mut_ref(|| (*session).clone());
    let handles = Handles {
        session: session.clone(),
        link: link.clone(),
        kept: kept.clone(),
    };

    use_effect_with((), move |_| {
        on_fragment(&handles);
        let listener = Closure::<dyn Fn()>::new(move || on_fragment(&handles));
        let window = web_sys::window();
        if let Some(window) = &window {
            let _ = window
                .add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(window) = window {
                let _ = window.remove_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });

    {
        let stored = stored.clone();
        let kept = kept.clone();
        let opening = *link == LinkState::Opening;
        use_effect_with(((*session).clone(), opening), move |(current, opening)| {
            if !*opening && *kept.borrow() != *current {
                stored.set(store(current));
                *kept.borrow_mut() = current.clone();
            }
        });
    }

    let forget = {
        let (session, link, stored) = (session.clone(), link.clone(), stored.clone());
        Callback::from(move |()| {
            if let Some(storage) = storage() {
                let _ = storage.remove_item(STORAGE_KEY);
            }
            *kept.borrow_mut() = Session::default();
            stored.set(Stored::Nothing);
            link.set(LinkState::None);
            session.dispatch(SessionAction::Clear);
        })
    };
    let keep = Keep {
        stored: *stored,
        link: *link,
        forget,
    };
    (session, keep)
}
