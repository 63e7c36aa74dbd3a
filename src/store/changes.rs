//! Changes: every write is one row of `changes`, and the capture triggers put its id, with the
//! full row before and after, on an audit row for every row the write touched. That is what the
//! history lists and what undo reverses, for every table, including the ones later versions add.
//!
//! The capture triggers are `TEMP` triggers, made from the tables' current columns by the
//! connection that writes, before its first change: always as the schema is now (no migration
//! can forget them), and a process that only reads never parses them (they were two thirds of
//! the schema, 1.5 ms of opening the file).

use super::{Result, StoreError};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

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

/// Tables whose rows are not captured: the history itself, and `rep_days`, which triggers
/// derive from sales, deals and activities (undoing those puts it back).
pub const NOT_CAPTURED: &[&str] = &["audit_log", "changes", "change_open", "rep_days"];

/// The kinds of write a capture trigger records, as the audit row's `action`.
pub const ACTIONS: [&str; 3] = ["insert", "update", "delete"];

/// One table as the capture triggers and undo see it.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub columns: Vec<String>,
    /// The primary key of a `WITHOUT ROWID` table; empty for a rowid table.
    pub key: Vec<String>,
    /// The column stored as the audit row's `entity_id`: the rowid, or a `WITHOUT ROWID`
    /// table's first key column when it is an integer (a lead's phones are found by lead).
    pub entity_id: Option<String>,
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Every table whose rows are captured, read from the schema itself.
pub fn tables(conn: &Connection) -> Result<Vec<Table>> {
    let names: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (name, sql) in names {
        if NOT_CAPTURED.contains(&name.as_str()) {
            continue;
        }
        let without_rowid = sql.to_ascii_uppercase().contains("WITHOUT ROWID");
        let mut columns = Vec::new();
        let mut key: Vec<(i64, String, String)> = Vec::new();
        let mut stmt = conn.prepare(&format!("PRAGMA table_info({})", quoted(&name)))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let column: String = r.get(1)?;
            let kind: String = r.get(2)?;
            let pk: i64 = r.get(5)?;
            if pk > 0 {
                key.push((pk, column.clone(), kind));
            }
            columns.push(column);
        }
        key.sort();
        let entity_id = if without_rowid {
            key.first().filter(|(_, _, kind)| kind.eq_ignore_ascii_case("INTEGER")).map(|(_, c, _)| c.clone())
        } else {
            Some("rowid".to_string())
        };
        let key = if without_rowid { key.into_iter().map(|(_, c, _)| c).collect() } else { Vec::new() };
        out.push(Table { name, columns, key, entity_id });
    }
    Ok(out)
}

/// The three capture triggers of one table, as `(name, sql)`.
pub fn capture_triggers(table: &Table) -> Vec<(String, String)> {
    let image = |row: &str| {
        let pairs: Vec<String> =
            table.columns.iter().map(|c| format!("'{}', {row}.{}", c.replace('\'', "''"), quoted(c))).collect();
        format!("json_object({})", pairs.join(", "))
    };
    let entity = |row: &str| match &table.entity_id {
        Some(c) if c == "rowid" => format!("{row}.rowid"),
        Some(c) => format!("{row}.{}", quoted(c)),
        None => "NULL".to_string(),
    };
    let changed: Vec<String> = table.columns.iter().map(|c| format!("OLD.{0} IS NOT NEW.{0}", quoted(c))).collect();
    let name = &table.name;
    let entity_name = name.replace('\'', "''");
    let insert = |row_id: String, before: String, after: String, action: &str| {
        format!(
            "INSERT INTO main.audit_log (at, actor, change_id, entity, entity_id, action, before, after) \
             SELECT at, actor, id, '{entity_name}', {row_id}, '{action}', {before}, {after} FROM main.change_open"
        )
    };
    let open = "(SELECT id FROM main.change_open) IS NOT NULL";
    // An inserted row's image is the row itself until its next audit row, whose `before` is
    // that image in full; the insert's own row keeps only what finds the row again (nothing
    // beyond the rowid, or a `WITHOUT ROWID` table's key). Writing the whole row twice made an
    // import of 100,000 leads a third slower.
    let inserted = if table.key.is_empty() {
        "NULL".to_string()
    } else {
        let pairs: Vec<String> =
            table.key.iter().map(|c| format!("'{}', NEW.{}", c.replace('\'', "''"), quoted(c))).collect();
        format!("json_object({})", pairs.join(", "))
    };
    vec![
        (
            format!("capture_{name}_insert"),
            format!(
                "CREATE TEMP TRIGGER {} AFTER INSERT ON main.{} WHEN {open}\nBEGIN\n    {};\nEND",
                quoted(&format!("capture_{name}_insert")),
                quoted(name),
                insert(entity("NEW"), "NULL".into(), inserted, "insert")
            ),
        ),
        (
            format!("capture_{name}_update"),
            format!(
                "CREATE TEMP TRIGGER {} AFTER UPDATE ON main.{} WHEN {open} AND ({})\nBEGIN\n    {};\nEND",
                quoted(&format!("capture_{name}_update")),
                quoted(name),
                changed.join(" OR "),
                insert(entity("NEW"), image("OLD"), image("NEW"), "update")
            ),
        ),
        (
            format!("capture_{name}_delete"),
            format!(
                "CREATE TEMP TRIGGER {} AFTER DELETE ON main.{} WHEN {open}\nBEGIN\n    {};\nEND",
                quoted(&format!("capture_{name}_delete")),
                quoted(name),
                insert(entity("OLD"), image("OLD"), "NULL".into(), "delete")
            ),
        ),
    ]
}

/// Makes this connection's capture triggers from every table's current columns (dropping any
/// it had). The store runs it before its first recorded change.
pub fn install_capture(conn: &Connection) -> Result<()> {
    remove_capture(conn)?;
    for table in tables(conn)? {
        for (_, sql) in capture_triggers(&table) {
            conn.execute(&sql, [])?;
        }
    }
    Ok(())
}

/// Drops this connection's capture triggers: before a change that records no rows (a demo
/// load of a million), so no row asks whether to be recorded.
pub fn remove_capture(conn: &Connection) -> Result<()> {
    let old: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_temp_schema WHERE type = 'trigger' AND name LIKE 'capture\\_%' ESCAPE '\\'")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for name in old {
        conn.execute(&format!("DROP TRIGGER temp.{}", quoted(&name)), [])?;
    }
    Ok(())
}

/// Starts a change inside an open write: its row, and the marker the capture triggers read.
/// `captured` false writes the row but records no row images (a demo load of a million rows).
pub(super) fn open(conn: &Connection, at: &str, actor: &str, captured: bool) -> Result<(i64, i64)> {
    conn.prepare_cached("INSERT INTO changes (at, actor, kind, undoable) VALUES (?1, ?2, '', ?3)")?
        .execute(params![at, actor, captured])?;
    let id = conn.last_insert_rowid();
    let first: i64 = conn.query_row("SELECT IFNULL(MAX(id), 0) + 1 FROM audit_log", [], |r| r.get(0))?;
    if captured {
        conn.prepare_cached("UPDATE change_open SET id = ?1, at = ?2, actor = ?3")?.execute(params![id, at, actor])?;
    }
    Ok((id, first))
}

/// Ends the change opened by [`open`]: its summary and the range of its audit rows.
pub(super) fn close(conn: &Connection, id: i64, first: i64, summary: &Summary) -> Result<()> {
    conn.prepare_cached("UPDATE change_open SET id = NULL, at = NULL, actor = NULL")?.execute([])?;
    let last: i64 = conn.query_row("SELECT IFNULL(MAX(id), 0) FROM audit_log", [], |r| r.get(0))?;
    let args = serde_json::to_string(&summary.args).unwrap_or_else(|_| "{}".into());
    conn.prepare_cached("UPDATE changes SET kind = ?2, args = ?3, first_audit = ?4, last_audit = ?5 WHERE id = ?1")?
        .execute(params![id, summary.key, args, first, last])?;
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

const CHANGE_SELECT: &str = "SELECT c.id, c.at, c.actor, c.kind, c.args,
        (SELECT COUNT(*) FROM audit_log a WHERE a.id BETWEEN c.first_audit AND c.last_audit
            AND a.change_id = c.id AND +a.action IN ('insert', 'update', 'delete')),
        c.undoes, u.kind, u.args,
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

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM changes WHERE kind <> ''", [], |r| r.get(0))?)
}

/// Why a change cannot be undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    /// A later change touched rows this one wrote; undo that first.
    Later(Change),
    /// A write that recorded no rows (a demo load): neither it nor anything before it.
    NotRecorded(Change),
    /// The rows are not as the change left them, and no recorded change says why (the file
    /// was edited by another program).
    Changed { table: String },
    /// It wrote no rows (a refused claim): there is nothing to put back.
    Nothing,
    /// Rows of `table` written since refer to rows this change added.
    Referenced { table: String },
}

/// One audit row of a change, as undo reads it.
#[derive(Clone)]
struct Touched {
    entity: String,
    entity_id: Option<i64>,
    action: String,
    before: Option<String>,
    after: Option<String>,
}

fn touched(conn: &Connection, c: i64, first: i64, last: i64) -> Result<Vec<Touched>> {
    let rows = conn
        .prepare_cached(
            "SELECT id, entity, entity_id, action, before, after FROM audit_log
             WHERE id BETWEEN ?2 AND ?3 AND change_id = ?1 AND +action IN ('insert', 'update', 'delete')
             ORDER BY id",
        )?
        .query_map(params![c, first, last], |r| {
            Ok(Touched {
                entity: r.get(1)?,
                entity_id: r.get(2)?,
                action: r.get(3)?,
                before: r.get(4)?,
                after: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn range(conn: &Connection, id: i64) -> Result<(i64, i64, bool)> {
    conn.query_row(
        "SELECT IFNULL(first_audit, 0), IFNULL(last_audit, -1), undoable FROM changes WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound { entity: "change", key: id.to_string() })
}

fn values_of(json: Option<&str>) -> serde_json::Map<String, serde_json::Value> {
    json.and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default()
}

fn sql_value(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(*b as i64),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or_default()),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

/// The key of a `WITHOUT ROWID` row, from its image.
fn key_values(table: &Table, image: &serde_json::Map<String, serde_json::Value>) -> Vec<Value> {
    table.key.iter().map(|k| image.get(k).map(sql_value).unwrap_or(Value::Null)).collect()
}

/// The later change that stands in the way of undoing change `c`: one that touched its rows and
/// was not taken back by an undo of its own.
fn later_toucher(
    conn: &Connection,
    c: i64,
    first: i64,
    last: i64,
    tables: &HashMap<String, Table>,
) -> Result<Option<i64>> {
    // Nothing written since: nothing can have touched the rows (the common case of `u`).
    let newest: i64 = conn.query_row("SELECT IFNULL(MAX(id), 0) FROM audit_log", [], |r| r.get(0))?;
    if newest <= last {
        return Ok(None);
    }
    // Whichever side holds fewer rows drives the search; the other is found through the index
    // on (entity, entity_id, id). CROSS JOIN keeps SQLite to that order.
    let sql = if newest - last < last - first + 1 {
        "SELECT DISTINCT later.change_id FROM audit_log later CROSS JOIN audit_log mine
         WHERE later.id > ?3 AND later.change_id IS NOT NULL AND later.entity_id IS NOT NULL
             AND +later.action IN ('insert', 'update', 'delete')
             AND mine.entity = later.entity AND mine.entity_id = later.entity_id
             AND mine.id BETWEEN ?2 AND ?3 AND mine.change_id = ?1"
    } else {
        "SELECT DISTINCT later.change_id FROM audit_log mine CROSS JOIN audit_log later
         WHERE mine.id BETWEEN ?2 AND ?3 AND mine.change_id = ?1 AND mine.entity_id IS NOT NULL
             AND +mine.action IN ('insert', 'update', 'delete')
             AND later.entity = mine.entity AND later.entity_id = mine.entity_id
             AND later.id > ?3 AND later.change_id IS NOT NULL"
    };
    let mut found: Vec<i64> =
        conn.prepare_cached(sql)?.query_map(params![c, first, last], |r| r.get(0))?.collect::<Result<_, _>>()?;
    // Rows known by a key that is not a number (settings): compared one by one, they are few.
    let keyed: Vec<(String, Option<String>, Option<String>)> = conn
        .prepare_cached(
            "SELECT entity, before, after FROM audit_log WHERE id BETWEEN ?2 AND ?3 AND change_id = ?1
                 AND entity_id IS NULL AND +action IN ('insert', 'update', 'delete')",
        )?
        .query_map(params![c, first, last], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (entity, before, after) in keyed {
        let Some(table) = tables.get(&entity) else { continue };
        let key = key_values(table, &values_of(after.as_deref().or(before.as_deref())));
        let later: Vec<(i64, Option<String>, Option<String>)> = conn
            .prepare_cached(
                "SELECT change_id, before, after FROM audit_log WHERE entity = ?1 AND id > ?2
                     AND change_id IS NOT NULL AND +action IN ('insert', 'update', 'delete') ORDER BY id",
            )?
            .query_map(params![entity, last], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        for (change, b, a) in later {
            let theirs = key_values(table, &values_of(a.as_deref().or(b.as_deref())));
            let before_key = key_values(table, &values_of(b.as_deref()));
            if theirs == key || before_key == key {
                found.push(change);
            }
        }
    }
    live_blocker(conn, c, found)
}

/// Of the later changes that touched the rows of change `c`, the one to undo first, or none
/// when every one of them has been cancelled by its own undo. A later change and its undo leave
/// the rows as they were (the follow-up set and taken back); undone again, a redo, it counts
/// again. Each later change is followed along its chain of undos: an even number of links after
/// `c` is as if they never happened, an odd one stands, and its newest link is what to undo.
fn live_blocker(conn: &Connection, c: i64, found: Vec<i64>) -> Result<Option<i64>> {
    let mut blocker: Option<i64> = None;
    let mut seen = HashSet::new();
    for change in found {
        // The start of the chain this change belongs to.
        let mut root = change;
        while let Some(undone) = conn
            .prepare_cached("SELECT undoes FROM changes WHERE id = ?1")?
            .query_row([root], |r| r.get::<_, Option<i64>>(0))
            .optional()?
            .flatten()
        {
            root = undone;
        }
        if !seen.insert(root) {
            continue;
        }
        let mut chain = vec![root];
        while let Some(next) = conn
            .prepare_cached("SELECT MAX(id) FROM changes WHERE undoes = ?1")?
            .query_row([*chain.last().unwrap_or(&root)], |r| r.get::<_, Option<i64>>(0))?
        {
            chain.push(next);
        }
        // Only what came after `c` counts, each link taking back the one before: an even
        // number of them leaves the rows as `c` left them (the chain may begin before `c`, or
        // be `c`'s own undo, which is then in the way).
        let after: Vec<i64> = chain.into_iter().filter(|id| *id > c).collect();
        if after.len() % 2 == 1 {
            blocker = blocker.max(after.last().copied());
        }
    }
    Ok(blocker)
}

/// Checks that change `id` can be undone now, and returns its rows if so.
pub fn undoable(conn: &Connection, id: i64) -> Result<std::result::Result<(), Blocked>> {
    let (first, last, recorded) = range(conn, id)?;
    if !recorded {
        return Ok(Err(Blocked::NotRecorded(get(conn, id)?)));
    }
    let blocking: Option<i64> =
        conn.query_row("SELECT MIN(id) FROM changes WHERE undoable = 0 AND id > ?1", [id], |r| r.get(0))?;
    if let Some(b) = blocking {
        return Ok(Err(Blocked::NotRecorded(get(conn, b)?)));
    }
    let tables: HashMap<String, Table> = tables(conn)?.into_iter().map(|t| (t.name.clone(), t)).collect();
    if let Some(later) = later_toucher(conn, id, first, last, &tables)? {
        return Ok(Err(Blocked::Later(get(conn, later)?)));
    }
    Ok(Ok(()))
}

/// Reverses change `id` inside an open write (whose own change records what this does, so an
/// undo is undone the same way): every row it inserted is deleted, every row it updated or
/// deleted is put back as it was before. Refused, with nothing written, when a later change
/// touched the same rows.
pub(super) fn reverse(
    conn: &Connection,
    id: i64,
    undo_change: i64,
    undo_first: i64,
) -> Result<std::result::Result<(), Blocked>> {
    if let Err(blocked) = undoable(conn, id)? {
        return Ok(Err(blocked));
    }
    let (first, last, _) = range(conn, id)?;
    let tables: HashMap<String, Table> = tables(conn)?.into_iter().map(|t| (t.name.clone(), t)).collect();
    // Constraints between rows are checked once the whole change is reversed.
    conn.pragma_update(None, "defer_foreign_keys", true)?;
    // A large change (an import) goes back a statement per table and kind of write; when that
    // cannot be done (rows touched twice by one change that a set cannot order, a cascade, a
    // uniqueness that holds only in history's order) it is rolled back and done row by row,
    // newest first, exactly as history went the other way.
    conn.execute_batch("SAVEPOINT undo_sets")?;
    let done = match reverse_in_sets(conn, id, first, last, &tables, undo_change, undo_first) {
        Ok(true) => {
            conn.execute_batch("RELEASE undo_sets")?;
            Ok(())
        }
        Ok(false) | Err(StoreError::Sqlite(_)) => {
            conn.execute_batch("ROLLBACK TO undo_sets; RELEASE undo_sets")?;
            match reverse_row_by_row(conn, id, first, last, &tables, undo_change, undo_first)? {
                Ok(()) => Ok(()),
                Err(blocked) => return Ok(Err(blocked)),
            }
        }
        Err(e) => return Err(e),
    };
    // With foreign keys off (a large undo, see Store::undo), nothing may be left pointing at a
    // row that is gone, nor a row put back point at one: checked here, for every table the
    // change wrote and every table that refers to one of them.
    let enforced: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    if !enforced && let Some(blocked) = dangling(conn, id, first, last, undo_first)? {
        return Ok(Err(blocked));
    }
    Ok(done)
}

/// A row that refers to a row that is not there, among the tables change `id` wrote and those
/// that refer to them; the change that last wrote it stands in the way.
fn dangling(conn: &Connection, id: i64, first: i64, last: i64, undo_first: i64) -> Result<Option<Blocked>> {
    let written: Vec<String> = conn
        .prepare_cached(
            "SELECT DISTINCT entity FROM audit_log WHERE id BETWEEN ?2 AND ?3 AND change_id = ?1
                 AND +action IN ('insert', 'update', 'delete')",
        )?
        .query_map(params![id, first, last], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    // Every table of the file, the derived ones too (`rep_days` refers to reps).
    let all: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut check: Vec<&str> = Vec::new();
    for table in &all {
        let parents: Vec<String> = conn
            .prepare(&format!("PRAGMA foreign_key_list({})", quoted(table)))?
            .query_map([], |r| r.get(2))?
            .collect::<Result<_, _>>()?;
        if written.contains(table) || parents.iter().any(|p| written.contains(p)) {
            check.push(table);
        }
    }
    for table in check {
        let found: Option<(String, Option<i64>)> = conn
            .prepare(&format!("PRAGMA foreign_key_check({})", quoted(table)))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .next()
            .transpose()?;
        if let Some((table, row)) = found {
            // The change that last wrote the row that points nowhere, before this undo began.
            let by: Option<i64> = match row {
                Some(row) => conn.query_row(
                    "SELECT MAX(change_id) FROM audit_log WHERE entity = ?1 AND entity_id = ?2 AND id < ?3",
                    params![table, row, undo_first],
                    |r| r.get(0),
                )?,
                None => None,
            };
            return Ok(Some(match by.filter(|b| *b != id).map(|b| get(conn, b)).transpose()? {
                Some(c) => Blocked::Later(c),
                None => Blocked::Referenced { table },
            }));
        }
    }
    Ok(None)
}

/// The SQL that reads a `WITHOUT ROWID` row's key out of an audit row's image (`a`).
fn key_of_image(table: &Table, image: &str) -> String {
    let parts: Vec<String> =
        table.key.iter().map(|k| format!("json_extract({image}, '$.\"{}\"')", k.replace('"', "\"\""))).collect();
    parts.join(", ")
}

/// Reverses change `id` with one statement per table and kind of write. False when it cannot
/// (the caller rolls back and goes row by row).
fn reverse_in_sets(
    conn: &Connection,
    id: i64,
    first: i64,
    last: i64,
    tables: &HashMap<String, Table>,
    undo_change: i64,
    undo_first: i64,
) -> Result<bool> {
    let stats: Vec<(String, i64)> = conn
        .prepare_cached(
            "SELECT entity, COUNT(*) FROM audit_log WHERE id BETWEEN ?2 AND ?3 AND change_id = ?1
                 AND +action IN ('insert', 'update', 'delete') GROUP BY entity",
        )?
        .query_map(params![id, first, last], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    if stats.is_empty() {
        return Ok(false);
    }
    let mut plans = Vec::new();
    for (entity, count) in stats {
        let Some(table) = tables.get(&entity) else { return Ok(false) };
        // Each row once in this change, and its images of the table's current columns.
        let key =
            if table.key.is_empty() { "entity_id".to_string() } else { key_of_image(table, "coalesce(after, before)") };
        let distinct: i64 = conn.query_row(
            &format!(
                "SELECT COUNT(*) FROM (SELECT 1 FROM audit_log WHERE id BETWEEN ?2 AND ?3 AND change_id = ?1
                     AND +entity = ?4 AND +action IN ('insert', 'update', 'delete') GROUP BY {key})"
            ),
            params![id, first, last, entity],
            |r| r.get(0),
        )?;
        let sample: Option<String> = conn
            .query_row(
                "SELECT before FROM audit_log WHERE id BETWEEN ?2 AND ?3 AND change_id = ?1 AND +entity = ?4
                     AND before IS NOT NULL LIMIT 1",
                params![id, first, last, entity],
                |r| r.get(0),
            )
            .optional()?;
        let complete = sample.is_none_or(|b| {
            let image = values_of(Some(&b));
            table.columns.iter().all(|c| image.contains_key(c))
        });
        if distinct != count || !complete {
            return Ok(false);
        }
        plans.push((table, count));
    }
    // A table most of whose rows this change wrote gets its indexes back in one sort at the
    // end instead of row by row: the import's own trick. (The audit log keeps its indexes: the
    // undo's rows go in at their ends, and sorting the whole log again cost more, measured.)
    let mut bulky: Vec<&str> = Vec::new();
    for (table, count) in plans.iter().filter(|(_, count)| *count >= BULK_ROWS) {
        let held: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {}", quoted(&table.name)), [], |r| r.get(0))?;
        if count * 2 >= held {
            bulky.push(&table.name);
        }
    }
    let deferred = super::bulk::Deferred::indexes(conn, &bulky)?;
    let range = "a.id BETWEEN ?2 AND ?3 AND a.change_id = ?1 AND +a.entity = ?4";
    let mut done: i64 = 0;
    let mut expected: i64 = 0;
    // Rows the change updated, back to their images before it; then rows it deleted, back in.
    for (table, _) in &plans {
        let name = quoted(&table.name);
        let cols: Vec<String> = table.columns.iter().map(|c| quoted(c)).collect();
        let from_image = |image: &str| -> Vec<String> {
            table.columns.iter().map(|c| format!("json_extract({image}, '$.\"{}\"')", c.replace('"', "\"\""))).collect()
        };
        let located = if table.key.is_empty() {
            format!("{name}.rowid = a.entity_id")
        } else {
            let keys: Vec<String> = table.key.iter().map(|k| format!("{name}.{}", quoted(k))).collect();
            format!("({}) = ({})", keys.join(", "), key_of_image(table, "a.after"))
        };
        let sets: Vec<String> = cols.iter().zip(from_image("a.before")).map(|(c, v)| format!("{c} = {v}")).collect();
        let updates: i64 = conn.query_row(
            &format!("SELECT COUNT(*) FROM audit_log a WHERE {range} AND +a.action = 'update'"),
            params![id, first, last, table.name],
            |r| r.get(0),
        )?;
        if updates > 0 {
            done += conn.execute(
                &format!(
                    "UPDATE {name} SET {} FROM audit_log a WHERE {range} AND +a.action = 'update' AND {located}",
                    sets.join(", ")
                ),
                params![id, first, last, table.name],
            )? as i64;
            expected += updates;
        }
        let deletes: i64 = conn.query_row(
            &format!("SELECT COUNT(*) FROM audit_log a WHERE {range} AND +a.action = 'delete'"),
            params![id, first, last, table.name],
            |r| r.get(0),
        )?;
        if deletes > 0 {
            done += conn.execute(
                &format!(
                    "INSERT INTO {name} ({}) SELECT {} FROM audit_log a WHERE {range} AND +a.action = 'delete' ORDER BY a.id",
                    cols.join(", "),
                    from_image("a.before").join(", ")
                ),
                params![id, first, last, table.name],
            )? as i64;
            expected += deletes;
        }
    }
    // Rows the change inserted, out: children before the rows they belong to, so no cascade runs.
    let mut inserting: Vec<&(&Table, i64)> = plans.iter().collect();
    inserting.sort_by_key(|(t, _)| std::cmp::Reverse(depth(conn, &t.name).unwrap_or(0)));
    for (table, _) in inserting {
        let name = quoted(&table.name);
        let inserts: i64 = conn.query_row(
            &format!("SELECT COUNT(*) FROM audit_log a WHERE {range} AND +a.action = 'insert'"),
            params![id, first, last, table.name],
            |r| r.get(0),
        )?;
        if inserts == 0 {
            continue;
        }
        let sql = if table.key.is_empty() {
            format!(
                "DELETE FROM {name} WHERE rowid IN (SELECT a.entity_id FROM audit_log a WHERE {range} AND +a.action = 'insert')"
            )
        } else {
            let keys: Vec<String> = table.key.iter().map(|k| quoted(k)).collect();
            format!(
                "DELETE FROM {name} WHERE ({}) IN (SELECT {} FROM audit_log a WHERE {range} AND +a.action = 'insert')",
                keys.join(", "),
                key_of_image(table, "a.after")
            )
        };
        done += conn.execute(&sql, params![id, first, last, table.name])? as i64;
        expected += inserts;
    }
    deferred.restore_on(conn)?;
    // Every row written once, and nothing else written (a cascade or SET NULL would add rows).
    let written: i64 = conn.query_row(
        "SELECT COUNT(*) FROM audit_log WHERE id >= ?2 AND change_id = ?1 AND +action IN ('insert', 'update', 'delete')",
        params![undo_change, undo_first],
        |r| r.get(0),
    )?;
    Ok(done == expected && written == expected)
}

/// How far a table is from the tables nothing references (reps: 0, leads: 1, deals: 2…), from
/// its foreign keys: children have a greater depth than the rows they belong to.
fn depth(conn: &Connection, table: &str) -> Result<usize> {
    fn walk(conn: &Connection, table: &str, seen: &mut Vec<String>) -> Result<usize> {
        if seen.iter().any(|t| t == table) {
            return Ok(0);
        }
        seen.push(table.to_string());
        let parents: Vec<String> = conn
            .prepare(&format!("PRAGMA foreign_key_list({})", quoted(table)))?
            .query_map([], |r| r.get(2))?
            .collect::<Result<_, _>>()?;
        let mut deepest = 0;
        for parent in parents.iter().filter(|p| p.as_str() != table) {
            deepest = deepest.max(1 + walk(conn, parent, seen)?);
        }
        seen.pop();
        Ok(deepest)
    }
    walk(conn, table, &mut Vec::new())
}

/// Reverses change `id` one row at a time, newest first: each row back to what it was before
/// this change first touched it.
fn reverse_row_by_row(
    conn: &Connection,
    id: i64,
    first: i64,
    last: i64,
    tables: &HashMap<String, Table>,
    undo_change: i64,
    undo_first: i64,
) -> Result<std::result::Result<(), Blocked>> {
    let rows = touched(conn, id, first, last)?;
    // Each row's first and last touch in this change: whether it was there before the change
    // (its first touch was not an insert) and is there now (its last was not a delete) decides
    // what putting it back is. A row added and removed again by the change (a merge moves a
    // phone) is left alone.
    let mut order: Vec<(String, Option<i64>, String)> = Vec::new();
    let mut span: HashMap<(String, Option<i64>, String), (Touched, Touched)> = HashMap::new();
    for row in rows {
        let Some(table) = tables.get(&row.entity) else {
            return Ok(Err(Blocked::Changed { table: row.entity }));
        };
        let key = if table.key.is_empty() {
            String::new()
        } else {
            format!("{:?}", key_values(table, &values_of(row.after.as_deref().or(row.before.as_deref()))))
        };
        let id_of = (row.entity.clone(), row.entity_id, key);
        match span.get_mut(&id_of) {
            Some((_, last)) => *last = row,
            None => {
                order.push(id_of.clone());
                let copy = Touched {
                    entity: row.entity.clone(),
                    entity_id: row.entity_id,
                    action: row.action.clone(),
                    before: row.before.clone(),
                    after: row.after.clone(),
                };
                span.insert(id_of, (row, copy));
            }
        }
    }
    if order.is_empty() {
        return Ok(Err(Blocked::Nothing));
    }
    for id_of in order.iter().rev() {
        let (first_touch, last_touch) = &span[id_of];
        let table = &tables[&first_touch.entity];
        let was_there = first_touch.action != "insert";
        let is_there = last_touch.action != "delete";
        let done = match (was_there, is_there) {
            (false, false) => continue,
            (false, true) => delete_row(conn, table, last_touch)?,
            (true, false) => restore(conn, table, &Touched { action: "delete".into(), ..first_touch.clone() })?,
            (true, true) => {
                let now = Touched { action: "update".into(), after: last_touch.after.clone(), ..first_touch.clone() };
                restore(conn, table, &now)?
            }
        };
        if done != 1 {
            return Ok(Err(Blocked::Changed { table: first_touch.entity.clone() }));
        }
    }
    // A cascade would have taken rows this change never wrote: refuse rather than lose them.
    let extra: Option<(String, Option<i64>)> = conn
        .prepare_cached(
            "SELECT u.entity, u.entity_id FROM audit_log u WHERE u.id >= ?2 AND u.change_id = ?1
                 AND +u.action IN ('insert', 'update', 'delete')
                 AND NOT EXISTS (SELECT 1 FROM audit_log c WHERE c.entity = u.entity
                     AND c.entity_id IS u.entity_id AND c.id BETWEEN ?4 AND ?5 AND c.change_id = ?3)
             LIMIT 1",
        )?
        .query_row(params![undo_change, undo_first, id, first, last], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((table, row_id)) = extra {
        let by: Option<i64> = conn.query_row(
            "SELECT MAX(change_id) FROM audit_log WHERE entity = ?1 AND entity_id IS ?2 AND id < ?3",
            params![table, row_id, undo_first],
            |r| r.get(0),
        )?;
        return Ok(Err(match by.map(|b| get(conn, b)).transpose()? {
            Some(c) => Blocked::Later(c),
            None => Blocked::Changed { table },
        }));
    }
    Ok(Ok(()))
}

/// Removes a row the change added, found by its key as the change's last touch left it.
fn delete_row(conn: &Connection, table: &Table, row: &Touched) -> Result<usize> {
    let name = quoted(&table.name);
    if table.key.is_empty() {
        let sql = format!("DELETE FROM {name} WHERE rowid = ?1");
        return Ok(conn.prepare_cached(&sql)?.execute([row.entity_id.unwrap_or_default()])?);
    }
    let image = values_of(row.after.as_deref().or(row.before.as_deref()));
    let clause: Vec<String> = table.key.iter().map(|k| format!("{} = ?", quoted(k))).collect();
    let sql = format!("DELETE FROM {name} WHERE {}", clause.join(" AND "));
    Ok(conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(key_values(table, &image)))?)
}

/// Puts one row back as it was before `row` touched it; how many rows that wrote.
fn restore(conn: &Connection, table: &Table, row: &Touched) -> Result<usize> {
    let name = quoted(&table.name);
    let before = values_of(row.before.as_deref());
    let after = values_of(row.after.as_deref());
    let locate = |image: &serde_json::Map<String, serde_json::Value>| -> (String, Vec<Value>) {
        if table.key.is_empty() {
            ("rowid = ?".to_string(), vec![Value::Integer(row.entity_id.unwrap_or_default())])
        } else {
            let clause: Vec<String> = table.key.iter().map(|k| format!("{} = ?", quoted(k))).collect();
            (clause.join(" AND "), key_values(table, image))
        }
    };
    let known: Vec<&String> = table.columns.iter().filter(|c| before.contains_key(c.as_str())).collect();
    match row.action.as_str() {
        "insert" => {
            let (clause, key) = locate(&after);
            let sql = format!("DELETE FROM {name} WHERE {clause}");
            Ok(conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(key))?)
        }
        "update" => {
            let (clause, key) = locate(&after);
            let sets: Vec<String> = known.iter().map(|c| format!("{} = ?", quoted(c))).collect();
            let mut values: Vec<Value> = known.iter().map(|c| sql_value(&before[c.as_str()])).collect();
            values.extend(key);
            let sql = format!("UPDATE {name} SET {} WHERE {clause}", sets.join(", "));
            Ok(conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values))?)
        }
        _ => {
            let columns: Vec<String> = known.iter().map(|c| quoted(c)).collect();
            let slots = vec!["?"; known.len()].join(", ");
            let values: Vec<Value> = known.iter().map(|c| sql_value(&before[c.as_str()])).collect();
            let sql = format!("INSERT INTO {name} ({}) VALUES ({slots})", columns.join(", "));
            match conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values)) {
                Ok(n) => Ok(n),
                Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => Ok(0),
                Err(e) => Err(e.into()),
            }
        }
    }
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
