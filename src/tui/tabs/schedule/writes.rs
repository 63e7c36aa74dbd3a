//! The Schedule tab's writes: each is a [`Change`] the app runs, words and keeps for `u`.

use crate::domain::model::Shift;
use crate::domain::period::Period;
use crate::service::schedule as plan;
use crate::tui::{Change, Changed, Command};

pub fn mark_shift(id: i64) -> Change {
    Change::new(move |store, ctx| {
        let done = plan::mark_shift(store, id, None)?;
        let s = &done.value;
        let message =
            ctx.tf("status.shift_marked", &[("day", &ctx.cat.day(s.date)), ("status", &ctx.cat.label(s.status))]);
        Ok(Changed::new(&done, message))
    })
}

pub fn delete_shift(id: i64) -> Change {
    Change::new(move |store, ctx| {
        let done = plan::remove_shift(store, id)?;
        let message = ctx.tf("status.shift_deleted", &[("day", &ctx.cat.day(done.value.date))]);
        Ok(Changed::new(&done, message))
    })
}

/// Copies last week into `week`; what it left out is listed, each with why, for the owner to settle.
pub fn copy_week(week: Period) -> Change {
    Change::new(move |store, ctx| {
        let done = plan::copy_last_week(store, &week)?;
        let report = &done.value;
        let (added, already, skipped) = (report.added.len(), report.already.len(), report.skipped.len());
        let counts: [(&str, &dyn std::fmt::Display); 3] =
            [("added", &added), ("already", &already), ("skipped", &skipped)];
        let mut changed = Changed::new(&done, ctx.tf("status.copied", &counts));
        if !report.skipped.is_empty() {
            let title = ctx.tf("schedule.copy.skipped_title", &counts);
            let lines = report.skipped.iter().map(|(_, line)| line.text(ctx.cat)).collect();
            changed.then = Some(Command::ShowText { title, lines });
        }
        Ok(changed)
    })
}

pub fn accept_fill(week: Period, shifts: Vec<Shift>) -> Change {
    Change::new(move |store, ctx| {
        let done = plan::accept_fill(store, &week, &shifts)?;
        let message = ctx.tf("status.filled", &[("count", &done.value.len())]);
        Ok(Changed::new(&done, message))
    })
}
