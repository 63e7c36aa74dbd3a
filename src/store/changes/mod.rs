//! Changes: every write is one row of `changes`, and the capture triggers put its id, with the
//! full row before and after, on an audit row for every row the write touched. That is what the
//! history lists and what undo reverses, for every table, including the ones later versions add.
//!
//! The capture triggers are `TEMP` triggers, made from the tables' current columns by the
//! connection that writes, before its first change: always as the schema is now (no migration
//! can forget them), and a process that only reads never parses them (they were two thirds of
//! the schema, 1.5 ms of opening the file).

mod capture;
mod undo;

pub use capture::{Table, capture_triggers, install_capture, remove_capture, tables};
pub(in crate::store) use undo::reverse;
pub use undo::{Blocked, undoable};

use super::{Result, StoreError};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a change did, as a catalogue key and its arguments, so each front end words it in its
/// own language. Stored as the change's `kind` and `args`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Summary {
    pub key: String,
    pub args: BTreeMap<String, String>,
}

impl Summary {
    pub fn new(key: &str) -> Summary {
        Summary { key: key.to_string(), args: BTreeMap::new() }
    }

    pub fn arg(mut self, name: &str, value: impl std::fmt::Display) -> Summary {
        self.args.insert(name.to_string(), value.to_string());
        self
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.args.get(name).map(String::as_str)
    }
}

/// A write that landed: its change id (what `u` and `repdesk undo` take), its summary, and
/// whatever the write returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done<T> {
    pub change: i64,
    pub summary: Summary,
    pub value: T,
}

impl<T> Done<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Done<U> {
        Done { change: self.change, summary: self.summary, value: f(self.value) }
    }
}

/// From this many rows on, undoing a change builds the indexes of what it rewrote once, at the end.
pub const BULK_ROWS: i64 = 5_000;

/// Tables whose rows are not captured: the history itself, `rep_days` and `rep_pipeline`,
/// which triggers derive from sales, deals and activities (undoing those puts them back), and
/// the remembered risk count (a cache).
pub const NOT_CAPTURED: &[&str] = &[
    "audit_log",
    "changes",
    "change_open",
    "rep_days",
    "rep_pipeline",
    "risk_memo",
    "leads_touched",
    "contact_clashes",
];

/// An SQL identifier, quoted.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// An audit row's image, as a map of column to value (empty when there is none).
fn values_of(json: Option<&str>) -> serde_json::Map<String, serde_json::Value> {
    json.and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default()
}

/// Starts a change inside an open write: its row, and the marker the capture triggers read.
/// `captured` false writes the row but records no row images (a demo load of a million rows).
pub(super) fn open(conn: &Connection, at: &str, actor: &str, captured: bool) -> Result<(i64, i64)> {
    conn.prepare_cached("INSERT INTO changes (at, actor, kind, undoable) VALUES (?1, ?2, '', ?3)")?
        .execute(params![at, actor, captured])?;
    let id = conn.last_insert_rowid();
    let first: i64 = conn.query_row("SELECT IFNULL(MAX(id), 0) + 1 FROM audit_log", [], |r| r.get(0))?;
    // The capture triggers record rows while `id` is set; `at` is the change's day for the
    // triggers that date what they write (a new rep's onboarding), captured or not.
    conn.prepare_cached("UPDATE change_open SET id = ?1, at = ?2, actor = ?3")?.execute(params![
        captured.then_some(id),
        at,
        actor
    ])?;
    Ok((id, first))
}

/// Ends the change opened by [`open`]: its summary and the range of its audit rows.
pub(super) fn close(conn: &Connection, id: i64, first: i64, summary: &Summary) -> Result<()> {
    conn.prepare_cached("UPDATE change_open SET id = NULL, at = NULL, actor = NULL")?.execute([])?;
    let last: i64 = conn.query_row("SELECT IFNULL(MAX(id), 0) FROM audit_log", [], |r| r.get(0))?;
    // The rows it wrote, counted once here rather than each time the history is shown: the
    // audit rows of its range but its events (a refused claim).
    let events: i64 = conn.query_row(
        "SELECT COUNT(*) FROM audit_log WHERE id BETWEEN ?1 AND ?2
             AND +action NOT IN ('insert', 'update', 'delete')",
        params![first, last],
        |r| r.get(0),
    )?;
    let rows = (last - first + 1).max(0) - events;
    let args = serde_json::to_string(&summary.args).unwrap_or_else(|_| "{}".into());
    conn.prepare_cached(
        "UPDATE changes SET kind = ?2, args = ?3, first_audit = ?4, last_audit = ?5, rows = ?6 WHERE id = ?1",
    )?
    .execute(params![id, summary.key, args, first, last, rows])?;
    Ok(())
}

/// One change as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub summary: Summary,
    /// How many rows it wrote.
    pub rows: i64,
    /// The change this one undid, with that change's summary.
    pub undoes: Option<(i64, Summary)>,
    /// The change that undid this one, if any.
    pub undone_by: Option<i64>,
    pub undoable: bool,
}

const CHANGE_SELECT: &str = "SELECT c.id, c.at, c.actor, c.kind, c.args, c.rows, c.undoes, u.kind, u.args,
        (SELECT MAX(l.id) FROM changes l WHERE l.undoes = c.id),
        c.undoable
    FROM changes c LEFT JOIN changes u ON u.id = c.undoes";

fn summary_of(key: String, args: Option<String>) -> Summary {
    let args = args.and_then(|a| serde_json::from_str(&a).ok()).unwrap_or_default();
    Summary { key, args }
}

fn change_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Change> {
    let undoes: Option<i64> = r.get(6)?;
    let undone_kind: Option<String> = r.get(7)?;
    Ok(Change {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        summary: summary_of(r.get(3)?, r.get(4)?),
        rows: r.get(5)?,
        undoes: undoes.map(|id| (id, summary_of(undone_kind.unwrap_or_default(), r.get(8).ok().flatten()))),
        undone_by: r.get(9)?,
        undoable: r.get(10)?,
    })
}

/// Changes newest first, `limit` of them, older than `before` when given (the next page).
pub fn list(conn: &Connection, limit: usize, before: Option<i64>) -> Result<Vec<Change>> {
    let sql = format!("{CHANGE_SELECT} WHERE c.id < ?1 AND c.kind <> '' ORDER BY c.id DESC LIMIT ?2");
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(params![before.unwrap_or(i64::MAX), limit as i64], change_of)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<Change> {
    conn.prepare_cached(&format!("{CHANGE_SELECT} WHERE c.id = ?1 AND c.kind <> ''"))?
        .query_row([id], change_of)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { entity: "change", key: id.to_string() })
}

/// The newest change, if any.
pub fn latest(conn: &Connection) -> Result<Option<Change>> {
    Ok(list(conn, 1, None)?.into_iter().next())
}

/// The newest change that wrote rows (an undo included), if any.
pub fn latest_written(conn: &Connection) -> Result<Option<Change>> {
    let id: Option<i64> = conn
        .query_row("SELECT MAX(id) FROM changes WHERE kind <> '' AND rows > 0", [], |r| r.get(0))
        .optional()?
        .flatten();
    id.map(|id| get(conn, id)).transpose()
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM changes WHERE kind <> ''", [], |r| r.get(0))?)
}

/// The rows of one entity's history: the changes that touched it, oldest first, with the
/// fields each changed. Only since the row was last inserted, so an id used again after an
/// undo does not show the history of the row that had it before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Touch {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub change: Option<i64>,
    pub summary: Summary,
    pub action: String,
    /// Field, before, after, for an update.
    pub fields: Vec<(String, String, String)>,
}

pub fn touches(conn: &Connection, table: &str, id: i64, limit: usize) -> Result<Vec<Touch>> {
    let since: i64 = conn
        .prepare_cached(
            "SELECT IFNULL(MAX(id), 0) FROM audit_log WHERE entity = ?1 AND entity_id = ?2 AND action = 'insert'",
        )?
        .query_row(params![table, id], |r| r.get(0))?;
    let mut rows: Vec<Touch> = conn
        .prepare_cached(
            "SELECT a.at, a.actor, a.change_id, c.kind, c.args, a.action, a.before, a.after, a.id
             FROM audit_log a LEFT JOIN changes c ON c.id = a.change_id
             WHERE a.entity = ?1 AND a.entity_id = ?2 AND a.id >= ?3 ORDER BY a.id DESC LIMIT ?4",
        )?
        .query_map(params![table, id, since, limit as i64], |r| {
            let before: Option<String> = r.get(6)?;
            let after: Option<String> = r.get(7)?;
            let (b, a) = (values_of(before.as_deref()), values_of(after.as_deref()));
            let mut fields = Vec::new();
            if r.get::<_, String>(5)? == "update" {
                for (k, v) in &a {
                    let old = b.get(k).cloned().unwrap_or_default();
                    if &old != v {
                        fields.push((k.clone(), plain(&old), plain(v)));
                    }
                }
            }
            Ok(Touch {
                id: r.get(8)?,
                at: r.get(0)?,
                actor: r.get(1)?,
                change: r.get(2)?,
                summary: summary_of(r.get::<_, Option<String>>(3)?.unwrap_or_default(), r.get(4)?),
                action: r.get(5)?,
                fields,
            })
        })?
        .collect::<Result<_, _>>()?;
    rows.reverse();
    // One line per change: the rows a change wrote to the same row (an activity moves the last
    // touch, then the protection) are one step, from the first before to the last after.
    let mut merged: Vec<Touch> = Vec::with_capacity(rows.len());
    for row in rows {
        match merged.last_mut() {
            Some(last) if last.change.is_some() && last.change == row.change => {
                for (field, from, to) in row.fields {
                    match last.fields.iter_mut().find(|(f, _, _)| *f == field) {
                        Some(kept) => kept.2 = to,
                        None => last.fields.push((field, from, to)),
                    }
                }
                last.fields.retain(|(_, from, to)| from != to);
                if last.action == "update" && row.action == "delete" {
                    last.action = row.action;
                }
            }
            _ => merged.push(row),
        }
    }
    Ok(merged)
}

fn plain(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
