//! Loading many rows at once (the demo, a large import) inside one write.

use super::{Result, Writer};

/// A large page cache for the length of a bulk write: a million rows go into indexes in
/// random order, and with the default 2 MB cache most of the time went on re-reading and
/// spilling index pages. The default comes back when this is dropped.
pub struct BulkCache<'s> {
    conn: &'s rusqlite::Connection,
    before: i64,
}

impl<'s> BulkCache<'s> {
    pub fn new(conn: &'s rusqlite::Connection) -> Result<BulkCache<'s>> {
        let before: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        conn.pragma_update(None, "cache_size", -262_144)?;
        Ok(BulkCache { conn, before })
    }
}

impl Drop for BulkCache<'_> {
    fn drop(&mut self) {
        let _ = self.conn.pragma_update(None, "cache_size", self.before);
    }
}

/// Indexes and triggers of some tables, dropped for a bulk load and made again from their own
/// stored definitions afterwards, in the same transaction: sorting once is far cheaper than
/// inserting at random places in each index row by row. Indexes the load itself reads
/// (duplicate lookups) are kept.
pub struct Deferred(Vec<(String, String)>);

impl Deferred {
    pub fn drop(w: &Writer<'_>, tables: &[&str], keep: &[&str]) -> Result<Deferred> {
        let mut stmt = w.tx.prepare(
            "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND sql IS NOT NULL",
        )?;
        let objects: Vec<(String, String, String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?;
        // The triggers that note written leads for the shared-customer check are among those
        // dropped: lead 0 noted tells the next check to read the whole book.
        if tables.contains(&"leads") {
            w.tx.execute("INSERT OR IGNORE INTO leads_touched (id) VALUES (0)", [])?;
        }
        let mut dropped = Vec::new();
        for (kind, name, table, sql) in objects {
            if !tables.contains(&table.as_str()) || keep.contains(&name.as_str()) {
                continue;
            }
            let kind = if kind == "index" { "INDEX" } else { "TRIGGER" };
            w.tx.execute(&format!("DROP {kind} \"{name}\""), [])?;
            dropped.push((name, sql));
        }
        Ok(Deferred(dropped))
    }

    /// Only the triggers of `tables`: for a write that rebuilds what they keep (`rep_days`)
    /// itself afterwards. (The capture triggers are the connection's own, not the file's.)
    pub fn triggers(w: &Writer<'_>, tables: &[&str]) -> Result<Deferred> {
        let objects: Vec<(String, String, String)> =
            w.tx.prepare("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'trigger' AND sql IS NOT NULL")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
        let mut dropped = Vec::new();
        for (name, _, sql) in objects.into_iter().filter(|(_, t, _)| tables.contains(&t.as_str())) {
            w.tx.execute(&format!("DROP TRIGGER \"{name}\""), [])?;
            dropped.push((name, sql));
        }
        Ok(Deferred(dropped))
    }

    /// Only the indexes of `tables` (their triggers keep running): what undoing a large change
    /// defers, since the triggers that keep `rep_days` must see every row it puts back.
    pub fn indexes(conn: &rusqlite::Connection, tables: &[&str]) -> Result<Deferred> {
        let objects: Vec<(String, String, String)> = conn
            .prepare("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let mut dropped = Vec::new();
        for (name, table, sql) in objects.into_iter().filter(|(_, t, _)| tables.contains(&t.as_str())) {
            // An index that leads with a foreign key's column stays: deleting the rows that key
            // refers to (the reps an import added) looks this table up through it.
            let foreign: Vec<String> = conn
                .prepare(&format!("PRAGMA foreign_key_list(\"{table}\")"))?
                .query_map([], |r| r.get(3))?
                .collect::<Result<_, _>>()?;
            let leading: Option<String> = conn
                .prepare(&format!("PRAGMA index_info(\"{name}\")"))?
                .query_map([], |r| r.get::<_, Option<String>>(2))?
                .next()
                .transpose()?
                .flatten();
            if leading.is_some_and(|c| foreign.contains(&c)) {
                continue;
            }
            conn.execute(&format!("DROP INDEX \"{name}\""), [])?;
            dropped.push((name, sql));
        }
        Ok(Deferred(dropped))
    }

    pub fn restore(self, w: &Writer<'_>) -> Result<()> {
        self.restore_on(&w.tx)
    }

    pub fn restore_on(self, conn: &rusqlite::Connection) -> Result<()> {
        for (_, sql) in &self.0 {
            conn.execute(sql, [])?;
        }
        Ok(())
    }
}
