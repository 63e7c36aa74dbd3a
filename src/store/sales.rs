//! Sales: what was sold, by whom, on which day.

use super::{Result, Writer};
use crate::domain::model::Sale;
use rusqlite::{Connection, params};

/// The one INSERT of a sale, without audit: for the audited [`add`] and bulk loads.
pub fn insert_row(conn: &Connection, s: &Sale, external_id: Option<&str>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO sales (lead_id, rep_id, amount_cents, closed_on, product, external_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![s.lead_id, s.rep_id, s.amount.cents(), s.closed_on.to_string(), s.product, external_id])?;
    Ok(conn.last_insert_rowid())
}

pub fn add(w: &Writer<'_>, sale: &Sale) -> Result<i64> {
    add_with_id(w, sale, None)
}

/// A sale with the id it has in another system (a CRM's deal id), so importing it twice adds it once.
pub fn add_with_id(w: &Writer<'_>, sale: &Sale, external_id: Option<&str>) -> Result<i64> {
    let id = insert_row(&w.tx, sale, external_id)?;
    Ok(id)
}
