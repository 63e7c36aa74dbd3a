//! The history of changes and undo, as the app and the commands use them, and both in words.

use super::error::{Error, Result};
use crate::store::Store;
use crate::store::changes::{self, Blocked, Change, Done, Summary};
use crate::text::{summary, tf};

/// What a change did, in the user's language.
pub fn summary_text(s: &Summary) -> String {
    summary(&s.key, s.args.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// One change in words; an undo names what it undid.
pub fn change_text(c: &Change) -> String {
    match &c.undoes {
        Some((_, undone)) if undone.key == "change.undo" => {
            tf("change.redo", &[("id", &undone.get("id").unwrap_or_default())])
        }
        Some((id, undone)) => tf("change.undo", &[("id", id), ("what", &summary_text(undone))]),
        None => summary_text(&c.summary),
    }
}

/// Why change `id` cannot be undone, in one sentence that says what to do.
pub fn refusal_text(id: i64, blocked: &Blocked) -> String {
    match blocked {
        Blocked::Later(later) => {
            tf("change.refused_later", &[("id", &id), ("later", &later.id), ("what", &change_text(later))])
        }
        Blocked::NotRecorded(c) if c.id == id => tf("change.refused_unrecorded", &[("id", &id)]),
        Blocked::NotRecorded(c) => {
            tf("change.refused_before_unrecorded", &[("id", &id), ("later", &c.id), ("what", &change_text(c))])
        }
        Blocked::Changed { table } => tf("change.refused_changed", &[("id", &id), ("table", table)]),
        Blocked::Nothing => tf("change.refused_nothing", &[("id", &id)]),
        Blocked::Referenced { table } => tf("change.refused_referenced", &[("id", &id), ("table", table)]),
    }
}

/// Undoes change `id`, or the newest change when none is named.
pub fn undo(store: &mut Store, id: Option<i64>) -> Result<Done<Change>> {
    let id = match id {
        Some(id) => id,
        None => changes::latest(store.conn())?
            .map(|c| c.id)
            .ok_or_else(|| Error::conflict(None, super::error::Message::new("change.none")))?,
    };
    Ok(store.undo(id)?)
}

/// The message an undo that landed shows: what it undid.
pub fn undone_text(done: &Done<Change>) -> String {
    match &done.value.undoes {
        // Undoing the redo of a change undoes that change again.
        Some((_, undone)) if undone.key == "change.undo" => {
            tf("change.undone_again", &[("id", &undone.get("id").unwrap_or_default()), ("change", &done.change)])
        }
        Some((id, undone)) => {
            tf("change.redone", &[("id", id), ("what", &summary_text(undone)), ("change", &done.change)])
        }
        None => tf(
            "change.undone",
            &[("id", &done.value.id), ("what", &change_text(&done.value)), ("change", &done.change)],
        ),
    }
}
