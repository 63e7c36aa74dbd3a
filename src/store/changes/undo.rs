//! Undoing a change: whether it may be (no later change stands in the way), and putting its
//! rows back, a statement per table and kind of write for a large change, row by row otherwise,
//! with the foreign keys checked at the end when a large undo switched them off.

use super::{BULK_ROWS, Change, Table, get, quoted, tables, values_of};
use crate::store::{Result, StoreError};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::{HashMap, HashSet};

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
    /// Putting a row of `table` back would break a rule a row written since keeps (a second
    /// review of a period, a second item of one name).
    Clash { table: String },
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
pub(in crate::store) fn reverse(
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
    let deferred = crate::store::bulk::Deferred::indexes(conn, &bulky)?;
    let range = "a.id BETWEEN ?2 AND ?3 AND a.change_id = ?1 AND +a.entity = ?4";
    // How many rows of a table this change wrote with one kind of write.
    let count_of = |table: &str, action: &str| -> Result<i64> {
        let sql = format!("SELECT COUNT(*) FROM audit_log a WHERE {range} AND +a.action = ?5");
        Ok(conn.prepare_cached(&sql)?.query_row(params![id, first, last, table, action], |r| r.get(0))?)
    };
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
        let updates = count_of(&table.name, "update")?;
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
        let deletes = count_of(&table.name, "delete")?;
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
        let inserts = count_of(&table.name, "insert")?;
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
            (true, false) => match restore(conn, table, &Touched { action: "delete".into(), ..first_touch.clone() })? {
                Some(n) => n,
                None => return Ok(Err(Blocked::Clash { table: first_touch.entity.clone() })),
            },
            (true, true) => {
                let now = Touched { action: "update".into(), after: last_touch.after.clone(), ..first_touch.clone() };
                match restore(conn, table, &now)? {
                    Some(n) => n,
                    None => return Ok(Err(Blocked::Clash { table: first_touch.entity.clone() })),
                }
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
/// How many rows it put back; none when a rule of the table refused the row (see
/// [`Blocked::Clash`]).
fn restore(conn: &Connection, table: &Table, row: &Touched) -> Result<Option<usize>> {
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
            Ok(Some(conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(key))?))
        }
        "update" => {
            let (clause, key) = locate(&after);
            let sets: Vec<String> = known.iter().map(|c| format!("{} = ?", quoted(c))).collect();
            let mut values: Vec<Value> = known.iter().map(|c| sql_value(&before[c.as_str()])).collect();
            values.extend(key);
            let sql = format!("UPDATE {name} SET {} WHERE {clause}", sets.join(", "));
            match conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values)) {
                Ok(n) => Ok(Some(n)),
                Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => Ok(None),
                Err(e) => Err(e.into()),
            }
        }
        _ => {
            let columns: Vec<String> = known.iter().map(|c| quoted(c)).collect();
            let slots = vec!["?"; known.len()].join(", ");
            let values: Vec<Value> = known.iter().map(|c| sql_value(&before[c.as_str()])).collect();
            let sql = format!("INSERT INTO {name} ({}) VALUES ({slots})", columns.join(", "));
            match conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values)) {
                Ok(n) => Ok(Some(n)),
                Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => Ok(None),
                Err(e) => Err(e.into()),
            }
        }
    }
}
