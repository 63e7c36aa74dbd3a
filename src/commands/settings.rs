//! `repdesk settings`: the business rules the app and every script share.

use super::Env;

/// Lists the business settings, or sets one (shared by the app and every script).
pub fn settings(env: &Env, action: Option<&crate::cli::SettingsCmd>) -> anyhow::Result<()> {
    let cat = env.cat;
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
            crate::service::set_setting(&mut store, key, *value)?;
            println!("{}", cat.tf("cli.setting_set", &[("key", key), ("value", value)]));
        }
    }
    Ok(())
}
