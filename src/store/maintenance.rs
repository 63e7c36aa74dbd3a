//! Integrity checks and online backup.

use super::{Result, Store};
use std::path::Path;

/// Problems the integrity and foreign-key checks found; empty when the file is sound.
pub fn check(store: &Store) -> Result<Vec<String>> {
    let conn = store.conn();
    let mut problems = Vec::new();
    let mut integrity = conn.prepare("PRAGMA integrity_check")?;
    for row in integrity.query_map([], |r| r.get::<_, String>(0))? {
        let line = row?;
        if line != "ok" {
            problems.push(line);
        }
    }
    let mut fk = conn.prepare("PRAGMA foreign_key_check")?;
    for row in
        fk.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?)))?
    {
        let (table, rowid, parent) = row?;
        problems.push(format!(
            "{table} row {} points at a missing {parent}",
            rowid.map(|r| r.to_string()).unwrap_or_default()
        ));
    }
    Ok(problems)
}

/// Copies the live database to `dest` page by page, safe while the app is writing.
pub fn backup(store: &Store, dest: &Path) -> Result<()> {
    super::create_private(dest)
        .map_err(|source| super::StoreError::Create { path: dest.display().to_string(), source })?;
    let mut target = rusqlite::Connection::open(dest)?;
    let backup = rusqlite::backup::Backup::new(store.conn(), &mut target)?;
    backup.run_to_completion(1024, std::time::Duration::from_millis(5), None)?;
    Ok(())
}
