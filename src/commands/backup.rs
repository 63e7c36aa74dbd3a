//! `repdesk backup`, `repdesk check` and `repdesk settings`: looking after the file.

use super::{Env, UsageError};
use crate::store::maintenance;
use crate::text::tf;
use std::path::Path;

pub fn backup(env: &Env, dest: &Path) -> anyhow::Result<()> {
    if dest.exists() {
        return Err(UsageError(format!(
            "{} already exists; name a new file so nothing is overwritten",
            dest.display()
        ))
        .into());
    }
    let store = env.open_existing("cli")?;
    maintenance::backup(&store, dest)?;
    println!("{}", tf("cli.backed_up", &[("from", &store.path().display()), ("to", &dest.display())]));
    Ok(())
}

/// Exit 1 with the problems listed when the file is not sound.
pub fn check(env: &Env) -> anyhow::Result<()> {
    let store = env.open_existing("cli")?;
    let problems = maintenance::check(&store)?;
    if problems.is_empty() {
        println!("{}", tf("cli.check_ok", &[("path", &store.path().display())]));
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

/// Lists the business settings, or sets one (shared by the app and every script).
pub fn settings(env: &Env, action: Option<&crate::cli::SettingsCmd>) -> anyhow::Result<()> {
    match action {
        None => {
            let store = env.open_existing("cli")?;
            let rows: Vec<Vec<String>> = crate::store::settings::list(store.conn())?
                .into_iter()
                .map(|(key, value, default)| {
                    vec![key.to_string(), value.to_string(), if default { "default".into() } else { String::new() }]
                })
                .collect();
            print!("{}", super::output::table(&["setting", "value", ""], &rows));
        }
        Some(crate::cli::SettingsCmd::Set { key, value }) => {
            let mut store = env.open_existing("cli")?;
            store.write(|w| crate::store::settings::set(w, key, *value))?;
            println!("{}", tf("cli.setting_set", &[("key", key), ("value", value)]));
        }
    }
    Ok(())
}
