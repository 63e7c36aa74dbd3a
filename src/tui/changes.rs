//! Changes in the app: `u` (undo the last change made here; again, redo it) and the history
//! popup (`H`): every change newest first, a page at a time, any of them undone with Enter
//! when no later change touched its rows.

use super::popup::Popup;
use super::{Change, Changed, Show};
use crate::service::history;
use crate::store;

/// How many changes a page of the history holds.
const PAGE: usize = 100;

/// Undoes change `id`, as a change of its own the app keeps for the next `u`.
pub fn undo(id: i64) -> Change {
    Change::new(move |store, ctx| {
        let done = history::undo(store, Some(id))?;
        let message = history::undone_text(ctx.cat, &done);
        Ok(Changed::new(&done, message))
    })
}

/// A page of the history: the changes older than `before` (the newest, without it).
pub fn page(before: Option<i64>) -> Show {
    Show::new(move |store, ctx| {
        let mut changes = store::changes::list(store.conn(), PAGE + 1, before)?;
        let older = (changes.len() > PAGE).then(|| changes[PAGE - 1].id);
        changes.truncate(PAGE);
        let rows = changes
            .iter()
            .map(|c| {
                let what = history::change_text(ctx.cat, c);
                let undone = c.undone_by.map(|by| format!(" ({})", ctx.tf("history.undone_by", &[("id", &by)])));
                let line = format!(
                    "#{:<5} {}  {:<6} {what}{}",
                    c.id,
                    c.at.get(..16).unwrap_or(&c.at),
                    c.actor,
                    undone.unwrap_or_default()
                );
                (c.id, line, what)
            })
            .collect();
        Ok(Popup::History { rows, selected: 0, older })
    })
}
