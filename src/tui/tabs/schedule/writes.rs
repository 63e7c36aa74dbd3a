//! The Schedule tab's writes: each is a [`Change`] the app runs, words and keeps for `u`.

use crate::domain::model::Shift;
use crate::domain::period::Period;
use crate::service::schedule as plan;
use crate::text::tf;
use crate::tui::{Change, Changed, Command};

pub fn mark_shift(id: i64) -> Change {
    Change::new(move |store| {
        let done = plan::mark_shift(store, id, None)?;
        let s = &done.value;
        let message = tf("status.shift_marked", &[("day", &s.date.format("%a %-d %b")), ("status", &s.status)]);
        Ok(Changed::new(&done, message))
    })
}

pub fn delete_shift(id: i64) -> Change {
    Change::new(move |store| {
        let done = plan::remove_shift(store, id)?;
        let message = tf("status.shift_deleted", &[("day", &done.value.date.format("%a %-d %b"))]);
        Ok(Changed::new(&done, message))
    })
}

/// Copies last week into `week`; what it left out is listed, each with why, for the owner to settle.
pub fn copy_week(week: Period) -> Change {
    Change::new(move |store| {
        let done = plan::copy_last_week(store, &week)?;
        let report = &done.value;
        let (added, already, skipped) = (report.added.len(), report.already.len(), report.skipped.len());
        let counts: [(&str, &dyn std::fmt::Display); 3] =
            [("added", &added), ("already", &already), ("skipped", &skipped)];
        let mut changed = Changed::new(&done, tf("status.copied", &counts));
        if !report.skipped.is_empty() {
            let title = tf("schedule.copy.skipped_title", &counts);
            let lines = report.skipped.iter().map(|(_, line)| line.clone()).collect();
            changed.then = Some(Command::ShowText { title, lines });
        }
        Ok(changed)
    })
}

pub fn accept_fill(week: Period, shifts: Vec<Shift>) -> Change {
    Change::new(move |store| {
        let done = plan::accept_fill(store, &week, &shifts)?;
        let message = tf("status.filled", &[("count", &done.value.len())]);
        Ok(Changed::new(&done, message))
    })
}
