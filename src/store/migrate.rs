//! The schema: the migrations in order, each SQL file and the Rust step after it, run once
//! under the write lock, with a copy of the file taken first.

use super::{Result, StoreError, create_private, deals};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Append-only: a landed file is never edited; a change is a new file.
pub(super) const MIGRATION_SQL: &[&str] = &[
    include_str!("migrations/0001_schema.sql"),
    include_str!("migrations/0002_ownership.sql"),
    include_str!("migrations/0003_check_lists.sql"),
    include_str!("migrations/0004_deals.sql"),
    include_str!("migrations/0005_changes.sql"),
    include_str!("migrations/0006_trunk_one.sql"),
    include_str!("migrations/0007_owner_due.sql"),
    include_str!("migrations/0008_goals.sql"),
    include_str!("migrations/0009_pipeline_honours.sql"),
    include_str!("migrations/0010_risks.sql"),
    include_str!("migrations/0011_split_customers.sql"),
    include_str!("migrations/0012_reviews_training.sql"),
    include_str!("migrations/0013_onboarding_clock_one_review.sql"),
];

/// A Rust step run after a migration's SQL, in its transaction.
type Hook = fn(&Transaction) -> rusqlite_migration::HookResult;

/// Migration `version`'s SQL and the Rust step that follows it.
pub(super) fn migration(version: usize) -> (&'static str, Option<Hook>) {
    let sql = MIGRATION_SQL[version - 1];
    match version {
        3 => (sql, Some(spell_out_check_lists)),
        4 => (sql, Some(|tx: &Transaction| Ok(tx.execute_batch(deals::BACKFILL)?))),
        12 => (sql, Some(add_review_columns)),
        // Its SQL reads the column its Rust step adds, so the step runs it.
        13 => ("", Some(|tx: &Transaction| add_onboarding_start(tx, MIGRATION_SQL[12]))),
        _ => (sql, None),
    }
}

fn add_review_columns(tx: &Transaction) -> rusqlite_migration::HookResult {
    let columns: Vec<String> = tx
        .prepare("SELECT name FROM pragma_table_info('reviews')")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let wanted = [
        (
            "rating_attitude",
            "ALTER TABLE reviews ADD COLUMN rating_attitude INTEGER CHECK (rating_attitude BETWEEN 1 AND 5)",
        ),
        ("kpis", "ALTER TABLE reviews ADD COLUMN kpis TEXT"),
    ];
    for (column, sql) in wanted {
        if !columns.iter().any(|c| c == column) {
            tx.execute_batch(sql)?;
        }
    }
    Ok(())
}

/// How many copies taken before a migration are kept next to the file.
const BACKUPS_KEPT: usize = 3;

/// A copy of the file as it is, taken before a migration changes it: `NAME.before-vN-STAMP.bak`
/// next to it, only its owner's to read; the last three are kept.
fn backup_before_migrating(conn: &Connection, path: &Path, found: i64) -> Result<()> {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else { return Ok(()) };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S%.3f");
    let copy = dir.join(format!("{name}.before-v{}-{stamp}-from-v{found}.bak", schema_version()));
    create_private(&copy).map_err(|source| StoreError::Create { path: copy.display().to_string(), source })?;
    let mut target = Connection::open(&copy)?;
    rusqlite::backup::Backup::new(conn, &mut target)?.run_to_completion(1024, Duration::from_millis(5), None)?;
    drop(target);
    // The oldest go, by the time in their names.
    let prefix = format!("{name}.before-v");
    let mut copies: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(StoreError::Write)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".bak"))
        })
        .collect();
    copies.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    let excess = copies.len().saturating_sub(BACKUPS_KEPT);
    for old in copies.into_iter().take(excess) {
        let _ = std::fs::remove_file(old);
    }
    Ok(())
}

/// Brings the file to the latest schema, exactly once however many processes open it at the
/// same moment: the write lock is taken first and the schema's version read under it, so a
/// second process waits for the first and then finds the work done. The copy of the file as
/// it was is taken under the same lock, by the one process that migrates; every migration
/// from the version found runs in that one transaction, which a crash leaves whole or absent.
pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found >= schema_version() {
        return Ok(());
    }
    if found > 0 && path.as_os_str() != ":memory:" {
        // Read by a connection of its own: the file as last committed, which nobody can
        // change while this one holds the write lock.
        let reader = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        backup_before_migrating(&reader, path, found)?;
    }
    let failed = |e: rusqlite::Error| match StoreError::from(e) {
        StoreError::Sqlite(err) => StoreError::Migration(rusqlite_migration::Error::with_sql(err, "")),
        other => other,
    };
    for version in found as usize + 1..=MIGRATION_SQL.len() {
        let (sql, hook) = migration(version);
        tx.execute_batch(sql).map_err(failed)?;
        if let Some(hook) = hook {
            hook(&tx).map_err(|e| match e {
                rusqlite_migration::HookError::RusqliteError(err) => failed(err),
                other => StoreError::Migration(other.into()),
            })?;
        }
    }
    tx.pragma_update(None, "user_version", schema_version()).map_err(failed)?;
    tx.commit().map_err(failed)?;
    Ok(())
}

/// Migration 13: the onboarding items' `started_on`, added where the table lacks it, then the
/// migration's SQL (the trigger that writes it, the items made before it, one review a period).
fn add_onboarding_start(tx: &Transaction, sql: &str) -> rusqlite_migration::HookResult {
    let has: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('onboarding') WHERE name = 'started_on')",
        [],
        |r| r.get(0),
    )?;
    if !has {
        tx.execute_batch("ALTER TABLE onboarding ADD COLUMN started_on TEXT")?;
    }
    tx.execute_batch(sql)?;
    Ok(())
}

/// The Rust step of migration 3 (see its SQL file): every table's `CHECK (x IN (a, b, c))`
/// stored again as `CHECK (x = a OR x = b OR x = c)`.
fn spell_out_check_lists(tx: &Transaction) -> rusqlite_migration::HookResult {
    let tables: Vec<(String, String)> = tx
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%CHECK (% IN (%'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let version: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    for (name, sql) in tables {
        let spelled = spell_out_in_lists(&sql);
        if spelled != sql {
            tx.execute("UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = ?2", (spelled, name))?;
        }
    }
    tx.pragma_update(None, "schema_version", version + 1)?;
    tx.pragma_update(None, "writable_schema", false)?;
    Ok(())
}

/// Rewrites each `CHECK (column IN ('a', 'b', 'c'))` of a CREATE TABLE statement as
/// `CHECK (column = 'a' OR column = 'b' OR column = 'c')`. Lists of one or two (which SQLite
/// already compares one by one) and anything that is not a plain list of quoted words or
/// numbers are left as written.
pub(super) fn spell_out_in_lists(sql: &str) -> String {
    const CHECK: &str = "CHECK (";
    let mut out = String::with_capacity(sql.len() * 2);
    let mut rest = sql;
    while let Some(at) = rest.find(CHECK) {
        let (head, tail) = rest.split_at(at + CHECK.len());
        out.push_str(head);
        rest = tail;
        let column_len = tail.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(0);
        let (column, after) = tail.split_at(column_len);
        let Some(list) = after.strip_prefix(" IN (") else { continue };
        let Some(end) = list.find("))") else { continue };
        let items: Vec<&str> = list[..end].split(',').map(str::trim).collect();
        let plain = |item: &&str| {
            let quoted = item.len() >= 2
                && item.starts_with('\'')
                && item.ends_with('\'')
                && !item[1..item.len() - 1].contains(['\'', '(', ')']);
            quoted || (!item.is_empty() && item.bytes().all(|b| b.is_ascii_digit()))
        };
        if column.is_empty() || items.len() <= 2 || !items.iter().all(plain) {
            continue;
        }
        let spelled: Vec<String> = items.iter().map(|item| format!("{column} = {item}")).collect();
        out.push_str(&spelled.join(" OR "));
        out.push(')');
        rest = &list[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATION_SQL.len() as i64
}
