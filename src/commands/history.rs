//! `repdesk history` and `repdesk undo`.

use super::{Env, output};
use crate::cli::ListFormat;
use crate::service::history;
use crate::store;
use serde::Serialize;

/// A change as the history prints it; JSON rows carry the change's `id`.
#[derive(Serialize)]
struct Row {
    id: i64,
    at: String,
    actor: String,
    what: String,
    kind: String,
    args: std::collections::BTreeMap<String, String>,
    rows: i64,
    undoes: Option<i64>,
    undone_by: Option<i64>,
}

pub fn list(env: &Env, limit: usize, format: ListFormat) -> anyhow::Result<()> {
    // A table is for a person, in their language; CSV and JSON are for scripts, the same on
    // every machine whatever its locale.
    let cat = if format == ListFormat::Table { env.cat } else { crate::text::Catalogue::en() };
    let store = env.open_existing("cli")?;
    let rows: Vec<Row> = store::changes::list(store.conn(), limit, None)?
        .into_iter()
        .map(|c| Row {
            what: history::change_text(cat, &c),
            id: c.id,
            at: c.at,
            actor: c.actor,
            kind: c.summary.key,
            args: c.summary.args,
            rows: c.rows,
            undoes: c.undoes.map(|(id, _)| id),
            undone_by: c.undone_by,
        })
        .collect();
    let header =
        [cat.t("history.col.id"), cat.t("history.col.at"), cat.t("history.col.actor"), cat.t("history.col.what")];
    output::print(format, &header, &rows, |r| {
        let undone = r.undone_by.map(|by| format!(" ({})", cat.tf("history.undone_by", &[("id", &by)])));
        vec![r.id.to_string(), r.at.clone(), r.actor.clone(), format!("{}{}", r.what, undone.unwrap_or_default())]
    })
}

pub fn undo(env: &Env, change: Option<i64>) -> anyhow::Result<()> {
    let mut store = env.open_existing("cli")?;
    let done = history::undo(&mut store, change)?;
    println!("{}", history::undone_text(env.cat, &done));
    Ok(())
}
