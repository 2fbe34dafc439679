//! What the user gave and chose: the inputs and the settings. A share link and local storage keep exactly this, and
//! the analysis is a pure function of it ([`Session::inputs`] and [`Session::options`]).

use std::rc::Rc;

use talos_ext_analyzer::{analyze, Input, Options, Report};

/// The inputs and settings of one analysis. The first input is the paste (the editor's own text); dropped or picked
/// files follow in the order they came.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Session {
    pub inputs: Vec<SessionInput>,
    /// The Talos version the user typed (`v1.9.2`); empty means "use the detected one".
    pub talos_version: String,
    pub view: ViewSettings,
}

/// One input as the user gave it.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionInput {
    /// `paste`, or the file's name.
    pub name: String,
    pub content: SessionContent,
}

impl SessionInput {
    /// Its size in bytes (UTF-8 for text).
    pub fn size(&self) -> usize {
        match &self.content {
            SessionContent::Text(text) => text.len(),
            SessionContent::Bytes(bytes) => bytes.len(),
        }
    }
}

/// Text is kept as text (editable, shareable); anything else (a support-bundle zip, an `.age` file) as bytes.
#[derive(Clone, Debug)]
pub enum SessionContent {
    Text(Rc<str>),
    Bytes(Rc<[u8]>),
}

/// Pointers first: the standard `Rc<str>` comparison walks both texts even when they are one, and Yew compares the
/// session's inputs on every render (tens of milliseconds for each comparison of a 20 MB paste).
impl PartialEq for SessionContent {
    fn eq(&self, other: &SessionContent) -> bool {
        match (self, other) {
            (SessionContent::Text(a), SessionContent::Text(b)) => same_text(a, b),
            (SessionContent::Bytes(a), SessionContent::Bytes(b)) => Rc::ptr_eq(a, b) || a == b,
            _ => false,
        }
    }
}

/// Whether two shared texts are equal, by pointer before content.
pub fn same_text(a: &Rc<str>, b: &Rc<str>) -> bool {
    Rc::ptr_eq(a, b) || a == b
}

/// A shared text as the dependency of a hook (`use_memo`, `use_effect_with`), compared by [`same_text`].
#[derive(Clone)]
pub struct TextKey(pub Rc<str>);

impl PartialEq for TextKey {
    fn eq(&self, other: &TextKey) -> bool {
        same_text(&self.0, &other.0)
    }
}

/// How the results are shown; kept with the session so that a share link reproduces the same view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ViewSettings {
    pub group_by: GroupBy,
}

/// How findings are grouped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GroupBy {
    #[default]
    Node,
    Rule,
}

/// The name of the paste input.
pub const PASTE: &str = "paste";

impl Session {
    /// A session holding one pasted text.
    pub fn with_paste(text: &str) -> Session {
        Session {
            inputs: vec![SessionInput {
                name: PASTE.to_owned(),
                content: SessionContent::Text(Rc::from(text)),
            }],
            ..Session::default()
        }
    }

    /// The pasted text ("" when there is none).
    pub fn paste(&self) -> &str {
        match self.inputs.first().map(|i| &i.content) {
            Some(SessionContent::Text(text)) => text,
            _ => "",
        }
    }

    /// The same session with the pasted text replaced.
    pub(super) fn set_paste(&self, text: impl Into<Rc<str>>) -> Session {
        let mut next = self.clone();
        let paste = SessionInput {
            name: PASTE.to_owned(),
            // The same `Rc` as the editor's: comparing the two is then a pointer comparison, not a walk through
            // megabytes.
            content: SessionContent::Text(text.into()),
        };
        match next.inputs.first_mut() {
            Some(first) if first.name == PASTE => *first = paste,
            _ => next.inputs.insert(0, paste),
        }
        next
    }

    /// The same session with input `index`'s text replaced (no change when it is not a text input).
    pub(super) fn set_text(&self, index: usize, text: Rc<str>) -> Session {
        let mut next = self.clone();
        if let Some(input) = next.inputs.get_mut(index) {
            if matches!(input.content, SessionContent::Text(_)) {
                input.content = SessionContent::Text(text);
            }
        }
        next
    }

    /// The same session with `added` appended (after the paste, which stays first; one is made when missing).
    pub(super) fn add_inputs(&self, added: impl IntoIterator<Item = SessionInput>) -> Session {
        let mut next = self.set_paste_if_missing();
        next.inputs.extend(added);
        next
    }

    /// The same session without input `index`; the paste itself is emptied, never removed.
    pub(super) fn remove_input(&self, index: usize) -> Session {
        let mut next = self.clone();
        match next.inputs.get(index) {
            Some(input) if index == 0 && input.name == PASTE => return next.set_paste(""),
            Some(_) => {
                next.inputs.remove(index);
            }
            None => {}
        }
        next
    }

    /// The session with a paste first (an empty one when there was none).
    fn set_paste_if_missing(&self) -> Session {
        match self.inputs.first() {
            Some(first) if first.name == PASTE => self.clone(),
            _ => self.set_paste(""),
        }
    }

    /// Whether input `index` is a text input.
    pub fn is_text(&self, index: usize) -> bool {
        matches!(
            self.inputs.get(index).map(|i| &i.content),
            Some(SessionContent::Text(_))
        )
    }

    /// The input the editor shows when input `active` is selected: that one if it is a text input, else the paste.
    pub fn shown_input(&self, active: usize) -> usize {
        if self.is_text(active) {
            active
        } else {
            0
        }
    }

    /// Input `index`'s text ("" when it is no text input).
    pub fn text_of(&self, index: usize) -> Rc<str> {
        match self.inputs.get(index).map(|i| &i.content) {
            Some(SessionContent::Text(text)) => text.clone(),
            _ => Rc::from(""),
        }
    }

    /// Input `index`'s name (the paste's when there is no such input).
    pub fn name_of(&self, index: usize) -> &str {
        self.inputs.get(index).map_or(PASTE, |i| i.name.as_str())
    }

    /// The size of everything the session holds, in bytes (UTF-8 for text).
    pub fn size(&self) -> usize {
        self.inputs.iter().map(SessionInput::size).sum()
    }

    /// Whether there is anything to analyse.
    pub fn is_empty(&self) -> bool {
        self.inputs.iter().all(|i| match &i.content {
            SessionContent::Text(text) => text.trim().is_empty(),
            SessionContent::Bytes(bytes) => bytes.is_empty(),
        })
    }

    /// The inputs in the analyser's terms; span `input` indices refer to positions in this list.
    pub fn analyser_inputs(&self) -> Vec<Input> {
        self.inputs
            .iter()
            .map(|i| match &i.content {
                SessionContent::Text(text) => Input::text(i.name.clone(), text.to_string()),
                SessionContent::Bytes(bytes) => Input::bytes(i.name.clone(), bytes.to_vec()),
            })
            .collect()
    }

    /// The analysis settings.
    pub fn options(&self) -> Options {
        let version = self.talos_version.trim();
        Options {
            talos_version: (!version.is_empty()).then(|| version.to_owned()),
        }
    }

    /// Analyses everything the session holds, on this thread. Nothing to analyse gives the empty report without
    /// running the analysis: the views show no report then, and the first paint of an empty page need not wait for
    /// the browser to compile the analysis (about 35 ms of the first render).
    pub fn analyse(&self) -> Report {
        if self.is_empty() {
            return Report::empty();
        }
        analyze(&self.analyser_inputs(), &self.options())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn set_paste_keeps_files_and_replaces_only_the_paste() {
        let mut session = Session::with_paste("a");
        session.inputs.push(SessionInput {
            name: "bundle.zip".into(),
            content: SessionContent::Bytes(Rc::from(&b"PK"[..])),
        });
        let next = session.set_paste("b");
        assert_eq!(next.paste(), "b");
        assert_eq!(next.inputs.len(), 2);
        assert_eq!(next.inputs[1].name, "bundle.zip");
    }

    /// A byte input (a zip) named `name`.
    pub(crate) fn bytes(name: &str) -> SessionInput {
        SessionInput {
            name: name.into(),
            content: SessionContent::Bytes(Rc::from(&b"PK"[..])),
        }
    }

    #[test]
    fn added_inputs_follow_the_paste_and_removing_the_paste_empties_it() {
        let session = Session::default().add_inputs([bytes("a.zip"), bytes("b.age")]);
        let names: Vec<_> = session.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, [PASTE, "a.zip", "b.age"]);
        assert_eq!(session.size(), 4);

        let session = session.set_paste("x").remove_input(1);
        let names: Vec<_> = session.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, [PASTE, "b.age"]);
        let session = session.remove_input(0).remove_input(9);
        assert_eq!(session.paste(), "");
        assert_eq!(session.inputs.len(), 2);
    }

    #[test]
    fn set_text_changes_only_text_inputs() {
        let session = Session::with_paste("a").add_inputs([bytes("a.zip")]);
        assert_eq!(session.set_text(0, Rc::from("b")).paste(), "b");
        assert_eq!(session.set_text(1, Rc::from("b")), session);
    }

    #[test]
    fn empty_version_means_detected() {
        let mut session = Session::with_paste("x");
        assert_eq!(session.options().talos_version, None);
        session.talos_version = " v1.9.2 ".into();
        assert_eq!(session.options().talos_version.as_deref(), Some("v1.9.2"));
    }

    #[test]
    fn the_editor_shows_the_selected_text_input_or_the_paste() {
        let session = Session::with_paste("a").add_inputs([bytes("a.zip")]);
        assert!(session.is_text(0) && !session.is_text(1) && !session.is_text(2));
        assert_eq!((session.shown_input(1), session.shown_input(7)), (0, 0));
        assert_eq!(&*session.text_of(0), "a");
        assert_eq!(&*session.text_of(1), "");
        assert_eq!((session.name_of(1), session.name_of(5)), ("a.zip", PASTE));
    }

    #[test]
    fn whitespace_only_paste_is_empty() {
        assert!(Session::with_paste(" \n").is_empty());
        assert!(!Session::with_paste("x").is_empty());
    }
}
