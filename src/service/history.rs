//! The history of changes and undo, as the app and the commands use them, and both in words.

use super::error::{Error, Result};
use crate::store::Store;
use crate::store::changes::{self, Blocked, Change, Done, Summary};
use crate::text::Catalogue;

/// What a change did, in the user's language.
pub fn summary_text(cat: &Catalogue, s: &Summary) -> String {
    // A stored word among the arguments (a stage, a kind of activity) shows by its label.
    let labelled = |name: &str, value: &'_ str| -> String {
        let kind = match name {
            "stage" => "stage",
            "kind" => "activity",
            "status" => "shift",
            "location" => "location",
            "metric" => "metric",
            "rule" => "risk_rule",
            // The whole business, stored as `*`, in the reader's words.
            "who" if value == "*" => return cat.t("goals.team").to_string(),
            _ => return value.to_string(),
        };
        cat.label_of(kind, value).to_string()
    };
    let args: Vec<(&str, String)> = s.args.iter().map(|(k, v)| (k.as_str(), labelled(k, v))).collect();
    cat.summary(&s.key, args.iter().map(|(k, v)| (*k, v.as_str())))
}

/// One change in words; an undo names what it undid.
pub fn change_text(cat: &Catalogue, c: &Change) -> String {
    match &c.undoes {
        Some((_, undone)) if undone.key == "change.undo" => {
            cat.tf("change.redo", &[("id", &undone.get("id").unwrap_or_default())])
        }
        Some((id, undone)) => cat.tf("change.undo", &[("id", id), ("what", &summary_text(cat, undone))]),
        None => summary_text(cat, &c.summary),
    }
}

/// Why change `id` cannot be undone, in one sentence that says what to do.
pub fn refusal_text(cat: &Catalogue, id: i64, blocked: &Blocked) -> String {
    match blocked {
        Blocked::Later(later) => {
            cat.tf("change.refused_later", &[("id", &id), ("later", &later.id), ("what", &change_text(cat, later))])
        }
        Blocked::NotRecorded(c) if c.id == id => cat.tf("change.refused_unrecorded", &[("id", &id)]),
        Blocked::NotRecorded(c) => {
            cat.tf("change.refused_before_unrecorded", &[("id", &id), ("later", &c.id), ("what", &change_text(cat, c))])
        }
        Blocked::Changed { table } => cat.tf("change.refused_changed", &[("id", &id), ("table", table)]),
        Blocked::Nothing => cat.tf("change.refused_nothing", &[("id", &id)]),
        Blocked::Referenced { table } => cat.tf("change.refused_referenced", &[("id", &id), ("table", table)]),
        Blocked::Clash { table } => cat.tf("change.refused_clash", &[("id", &id), ("table", table)]),
    }
}

/// Undoes change `id`, or the newest change when none is named.
pub fn undo(store: &mut Store, id: Option<i64>) -> Result<Done<Change>> {
    let id = match id {
        Some(id) => id,
        // The latest change that wrote something: a refused claim recorded in the history has
        // nothing to put back, and must not stand between `u` and the change before it.
        None => changes::latest_written(store.conn())?
            .map(|c| c.id)
            .ok_or_else(|| Error::conflict(None, super::error::Message::new("change.none")))?,
    };
    Ok(store.undo(id)?)
}

/// The message an undo that landed shows: what it undid.
pub fn undone_text(cat: &Catalogue, done: &Done<Change>) -> String {
    match &done.value.undoes {
        // Undoing the redo of a change undoes that change again.
        Some((_, undone)) if undone.key == "change.undo" => {
            cat.tf("change.undone_again", &[("id", &undone.get("id").unwrap_or_default()), ("change", &done.change)])
        }
        Some((id, undone)) => {
            cat.tf("change.redone", &[("id", id), ("what", &summary_text(cat, undone)), ("change", &done.change)])
        }
        None => cat.tf(
            "change.undone",
            &[("id", &done.value.id), ("what", &change_text(cat, &done.value)), ("change", &done.change)],
        ),
    }
}
