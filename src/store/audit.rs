//! The audit log. The capture triggers write a row for every row a change touches (see
//! `changes`); this module adds the rows that are events rather than row images, such as a
//! refused claim, and reads the rows written before changes existed.

use super::{Result, Writer};
use rusqlite::params;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

fn json<T: Serialize>(value: Option<&T>) -> Option<String> {
    value.and_then(|v| serde_json::to_string(v).ok())
}

/// Records an event of the current change (a refused claim): who did what to which row.
pub fn record<B: Serialize, A: Serialize>(
    w: &Writer<'_>,
    entity: &str,
    entity_id: Option<i64>,
    action: &str,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    w.tx.prepare_cached(
        "INSERT INTO audit_log (at, actor, entity, entity_id, action, before, after, change_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![w.at_text, w.actor, entity, entity_id, action, json(before), json(after), w.change])?;
    Ok(())
}

/// The history of one row, oldest first.
pub fn history(conn: &rusqlite::Connection, entity: &str, entity_id: i64) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, actor, entity, entity_id, action, before, after, id FROM audit_log
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![entity, entity_id], |r| {
        Ok(AuditEntry {
            id: r.get(7)?,
            at: r.get(0)?,
            actor: r.get(1)?,
            entity: r.get(2)?,
            entity_id: r.get(3)?,
            action: r.get(4)?,
            before: r.get(5)?,
            after: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many audit rows there are; tests use it to see that every write left one.
pub fn count(conn: &rusqlite::Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?)
}

/// Refused claims since a moment, newest first: `(lead_id, at, after)`. The action is written
/// out so the partial index `audit_refused` (only these rows) answers it.
pub fn refused_claims(
    conn: &rusqlite::Connection,
    since: &str,
    limit: usize,
) -> Result<Vec<(i64, String, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT entity_id, at, after FROM audit_log WHERE action = 'claim-refused' AND at >= ?1
             AND entity_id IS NOT NULL
         ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![since, limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many claims were refused since a moment.
pub fn refused_claims_since(conn: &rusqlite::Connection, since: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT COUNT(*) FROM audit_log WHERE action = 'claim-refused' AND at >= ?1")?
        .query_row(params![since], |r| r.get(0))?)
}
