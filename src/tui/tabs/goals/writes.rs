//! The Goals tab's writes: each is a [`Change`] the app runs, words and keeps for `u`.

use crate::domain::model::Target;
use crate::domain::period::Period;
use crate::service::goals as service;
use crate::store::{self, Store};
use crate::tui::{Change, Changed, Ctx};

/// What setting a target says: who, which metric, the goal, and the parts split off.
pub fn set_message(target: &Target, parts: usize, store: &Store, ctx: &Ctx) -> String {
    let reps = store::reps::list(store.conn(), false).unwrap_or_default();
    let period = Period::containing(target.period_kind, target.period_start);
    ctx.tf(
        "status.target_set",
        &[
            ("who", &service::who(target, &reps).text(ctx.cat)),
            ("metric", &ctx.cat.label(target.metric)),
            ("period", &ctx.cat.period(&period)),
            ("goal", &service::shown_goal(target.metric, target.goal)),
            ("parts", &parts),
        ],
    )
}

pub fn remove_target(id: i64) -> Change {
    Change::new(move |store, ctx| {
        let done = service::remove_target(store, id)?;
        let period = Period::containing(done.value.period_kind, done.value.period_start);
        let message = ctx.tf(
            "status.target_removed",
            &[("metric", &ctx.cat.label(done.value.metric)), ("period", &ctx.cat.period(&period))],
        );
        Ok(Changed::new(&done, message))
    })
}
