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
            let mut rows = rows;
            for key in crate::store::settings::TEXT_SETTINGS {
                let text = crate::store::settings::get(store.conn(), key)?;
                rows.push(vec![
                    key.to_string(),
                    text.clone().unwrap_or_default(),
                    if text.is_none() { "default".into() } else { String::new() },
                ]);
            }
            print!("{}", super::output::table(&["setting", "value", ""], &rows));
        }
        Some(crate::cli::SettingsCmd::Set { key, value }) => {
            let mut store = env.open_existing("cli")?;
            let known = crate::store::settings::defaults().iter().any(|(k, _)| k == key);
            if key == crate::store::settings::COMMISSION_TIERS {
                crate::domain::commission::parse_tiers(value).map_err(super::UsageError)?;
                crate::service::set_text(&mut store, key, value.trim())?;
            } else if key == crate::store::settings::WORKING_DAYS {
                crate::domain::goals::WorkingDays::parse(value).map_err(super::UsageError)?;
                crate::service::set_text(&mut store, key, value.trim())?;
            } else if key == crate::store::settings::LOST_REASONS {
                crate::service::set_text(&mut store, key, value.trim())?;
            } else {
                // An unknown key is refused with the keys there are, whatever its value.
                let number: i64 = match value.trim().parse() {
                    Ok(n) => n,
                    Err(_) if !known => 0,
                    Err(_) => {
                        let message = crate::domain::message::Message::new("usage.not_a_number")
                            .arg("value", value)
                            .arg("arg", key);
                        return Err(super::UsageError(message).into());
                    }
                };
                crate::service::set_setting(&mut store, key, number)?;
            }
            println!("{}", cat.tf("cli.setting_set", &[("key", key), ("value", value)]));
        }
    }
    Ok(())
}

/// `repdesk config show`: every value in force and where it came from — the flag, the
/// environment, the config file, the database (its business rules) or the default.
pub fn config_show(
    env: &Env,
    lang: (crate::text::Lang, crate::config::Source),
    files: Vec<(String, String, crate::config::Source)>,
) -> anyhow::Result<()> {
    use crate::config::Source;
    let currency = if env.config.currency_symbol.is_some() { Source::File } else { Source::Default };
    let mut rows: Vec<(String, String, Source)> =
        crate::config::shown(&env.config, &env.keys, lang, env.look.colour, currency);
    rows.extend(files);
    // The database's rules, read without opening it for writing (no migration, no lock): a
    // file that cannot be read that way shows the defaults' sources and nothing else breaks.
    let read_only = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if env.db.exists()
        && let Ok(conn) = rusqlite::Connection::open_with_flags(&env.db, read_only)
        && let Ok(settings) = crate::store::settings::list(&conn)
    {
        for (key, value, default) in settings {
            rows.push((key.to_string(), value.to_string(), if default { Source::Default } else { Source::Database }));
        }
    }
    let cat = env.cat;
    let header = [cat.t("config.col.key"), cat.t("config.col.value"), cat.t("config.col.source")];
    let rows: Vec<Vec<String>> =
        rows.into_iter().map(|(k, v, s)| vec![k, v, cat.label_of("source", <&str>::from(s)).to_string()]).collect();
    print!("{}", super::output::table(&header, &rows));
    Ok(())
}
