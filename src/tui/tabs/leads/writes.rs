//! The Leads tab's writes that need no form: each is a [`Change`] the app runs, words and
//! keeps for `u`.

use crate::service::leads;
use crate::tui::{Change, Changed};

/// Puts a lead back in the public pool (公海); its owner's protection ends.
pub fn release(id: i64) -> Change {
    Change::new(move |store, ctx| {
        let done = leads::release(store, id)?;
        let message = ctx.tf("cli.lead_released", &[("name", &done.value.name)]);
        Ok(Changed::new(&done, message))
    })
}
