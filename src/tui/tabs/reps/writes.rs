//! The Reps tab's writes: each is a [`Change`] the app runs, words and keeps for `u`.

use crate::service;
use crate::tui::{Change, Changed};

pub fn set_active(id: i64, active: bool) -> Change {
    Change::new(move |store, ctx| {
        let done = service::set_rep_active(store, id, active)?;
        let key = if active { "status.reactivated" } else { "status.deactivated" };
        let message = ctx.tf(key, &[("name", &done.value.name)]);
        Ok(Changed::new(&done, message))
    })
}

pub fn remove_time_off(id: i64) -> Change {
    Change::new(move |store, ctx| {
        let done = service::schedule::remove_time_off(store, id)?;
        let off = &done.value;
        let rep = crate::store::reps::get(store.conn(), off.rep_id).map(|r| r.name).unwrap_or_default();
        let message = ctx.tf("status.time_off_removed", &[("rep", &rep), ("from", &off.from), ("to", &off.to)]);
        Ok(Changed::new(&done, message))
    })
}
