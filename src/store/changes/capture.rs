//! The capture triggers: for every table, three TEMP triggers that put the change's id and the
//! row's image on an audit row for every row a write inserts, updates or deletes. Made by the
//! connection that writes, from each table's columns as they are now.

use super::{NOT_CAPTURED, quoted};
use crate::store::Result;
use rusqlite::Connection;

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
