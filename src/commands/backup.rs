//! `repdesk backup` and `repdesk check`.

use super::{Env, UsageError};
use crate::domain::message::Message;
use crate::store::maintenance;
use std::path::Path;

pub fn backup(env: &Env, dest: &Path) -> anyhow::Result<()> {
    let cat = env.cat;
    if dest.exists() {
        return Err(UsageError(Message::new("cli.exists").arg("path", dest.display())).into());
    }
    let store = env.open_existing("cli")?;
    maintenance::backup(&store, dest)?;
    println!("{}", cat.tf("cli.backed_up", &[("from", &store.path().display()), ("to", &dest.display())]));
    Ok(())
}

/// Exit 1 with the problems listed when the file is not sound.
pub fn check(env: &Env) -> anyhow::Result<()> {
    let cat = env.cat;
    let store = env.open_existing("cli")?;
    let problems = maintenance::check(&store)?;
    if problems.is_empty() {
        println!("{}", cat.tf("cli.check_ok", &[("path", &store.path().display())]));
        Ok(())
    } else {
        for p in &problems {
            println!("{p}");
        }
        anyhow::bail!(
            "{} problem(s) found in {}; restore the last copy made with `repdesk backup`, or rescue what is readable with `sqlite3 FILE .recover`",
            problems.len(),
            store.path().display()
        )
    }
}
