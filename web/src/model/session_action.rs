//! Every change to the session, as an action and one reducer ([`Session::apply`]): the editor, the files, the
//! examples, the Talos version field, the grouping, a share link and "forget" all write the session through it.

use std::rc::Rc;

use super::session::{GroupBy, Session, SessionInput, ViewSettings};

/// One change to the session.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionAction {
    /// Input `index`'s text was edited (the paste is made when the session has no input yet).
    Edit { index: usize, text: Rc<str> },
    /// Files were read: appended after the paste.
    AddInputs(Vec<SessionInput>),
    /// Input `index` was removed (the paste is emptied, never removed).
    Remove(usize),
    /// The Talos version field changed.
    SetTalosVersion(String),
    /// The findings are to be grouped this way.
    GroupBy(GroupBy),
    /// A whole session: an example, the one an example replaced (undo), or a share link's.
    Replace(Session),
    /// Nothing: "forget", or a share link that could not be opened.
    Clear,
}

impl Session {
    /// The session after `action`.
    pub fn apply(&self, action: SessionAction) -> Session {
        match action {
            SessionAction::Edit { text, .. } if self.inputs.is_empty() => self.set_paste(text),
            SessionAction::Edit { index, text } => self.set_text(index, text),
            SessionAction::AddInputs(added) => self.add_inputs(added),
            SessionAction::Remove(index) => self.remove_input(index),
            SessionAction::SetTalosVersion(talos_version) => Session {
                talos_version,
                ..self.clone()
            },
            SessionAction::GroupBy(group_by) => Session {
                view: ViewSettings { group_by },
                ..self.clone()
            },
            SessionAction::Replace(session) => session,
            SessionAction::Clear => Session::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::session::tests::bytes;
    use crate::model::session::PASTE;

    #[test]
    fn editing_an_empty_session_makes_the_paste() {
        let text: Rc<str> = Rc::from("x");
        let next = Session::default().apply(SessionAction::Edit { index: 3, text });
        assert_eq!(next, Session::with_paste("x"));
    }

    #[test]
    fn editing_changes_only_that_text_input() {
        let session =
            Session::with_paste("a").apply(SessionAction::AddInputs(vec![bytes("a.zip")]));
        let edit = |index| SessionAction::Edit {
            index,
            text: Rc::from("b"),
        };
        assert_eq!(session.apply(edit(0)).paste(), "b");
        assert_eq!(session.apply(edit(1)), session);
    }

    #[test]
    fn files_follow_the_paste_and_removing_the_paste_empties_it() {
        let session = Session::default().apply(SessionAction::AddInputs(vec![
            bytes("a.zip"),
            bytes("b.age"),
        ]));
        let names: Vec<_> = session.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, [PASTE, "a.zip", "b.age"]);
        let session = session
            .apply(SessionAction::Remove(1))
            .apply(SessionAction::Remove(0));
        let names: Vec<_> = session.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, [PASTE, "b.age"]);
    }

    #[test]
    fn settings_replace_and_clear() {
        let session = Session::with_paste("a")
            .apply(SessionAction::SetTalosVersion("v1.9.2".into()))
            .apply(SessionAction::GroupBy(GroupBy::Rule));
        assert_eq!(session.talos_version, "v1.9.2");
        assert_eq!(session.view.group_by, GroupBy::Rule);
        assert_eq!(session.paste(), "a");
        let other = Session::with_paste("b");
        assert_eq!(session.apply(SessionAction::Replace(other.clone())), other);
        assert_eq!(session.apply(SessionAction::Clear), Session::default());
    }
}
