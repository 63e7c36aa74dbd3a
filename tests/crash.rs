//! Crash safety: a real `repdesk import` of many rows, a bulk edit (the same rows imported
//! again with their e-mails and a stage, filling and moving every lead) and an undo of the import, each killed with SIGKILL at
//! random points (seeded). After every kill the file is sound (`integrity_check`, foreign
//! keys) and each change is there whole or not at all.
//!
//! CI runs 10,000 rows and 36 trials; the run BENCHMARKS.md records is
//! `REPDESK_CRASH_ROWS=100000 REPDESK_CRASH_TRIALS=120 cargo test --release --test crash -- --nocapture`.

#![cfg(unix)]

mod common;

use rand::{Rng, SeedableRng};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn repdesk(db: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("repdesk"));
    cmd.arg("--db").arg(db).arg("--today").arg(common::TODAY);
    cmd.env_remove("REPDESK_TODAY").env_remove("REPDESK_DB").env("REPDESK_CONFIG", db.with_extension("toml"));
    cmd.env("LANG", "en_US.UTF-8").stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    cmd
}

/// The customers' file: their names and phones, or (the bulk edit) with their e-mails and a
/// stage too, which fills every lead's e-mail in and moves each one on from `new`.
fn leads_file(path: &Path, rows: usize, edit: bool) {
    let mut text = String::with_capacity(rows * 64);
    text.push_str(if edit { "name,phone,email,stage\n" } else { "name,phone\n" });
    for i in 0..rows {
        text.push_str(&format!("Customer {i},+86 139{i:08}"));
        if edit {
            text.push_str(&format!(",c{i}@shop.example,qualified"));
        }
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

/// A copy of a database file (checkpointed, so the copy is whole).
fn copy_db(from: &Path, to: &Path) {
    rusqlite::Connection::open(from).unwrap().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    std::fs::copy(from, to).unwrap();
}

fn count(db: &Path, sql: &str) -> i64 {
    common::query(db, sql).parse().unwrap()
}

/// Runs `args` to the end; how long it took.
fn timed(db: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let status = repdesk(db).args(args).status().unwrap();
    assert!(status.success(), "{args:?}");
    started.elapsed()
}

/// What a trial left: the file sound, and the change whole or not at all.
fn sound(db: &Path) {
    assert_eq!(common::query(db, "PRAGMA integrity_check"), "ok");
    let conn = rusqlite::Connection::open(db).unwrap();
    let broken: i64 = conn.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0, "foreign keys");
}

#[test]
fn killed_at_any_point_every_change_is_whole_or_absent() {
    let rows = env_or("REPDESK_CRASH_ROWS", 10_000);
    let trials = env_or("REPDESK_CRASH_TRIALS", 36);
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    assert!(repdesk(&base).arg("demo").status().unwrap().success());
    let first = dir.path().join("first.csv");
    let again = dir.path().join("again.csv");
    leads_file(&first, rows, false);
    leads_file(&again, rows, true);
    let leads = count(&base, "SELECT COUNT(*) FROM leads");
    let changes = count(&base, "SELECT COUNT(*) FROM changes");
    // Each operation once to the end: how long it takes, and the file it leaves (the next
    // operation's start).
    let imported = dir.path().join("imported.db");
    copy_db(&base, &imported);
    let import_time = timed(&imported, &["import", "leads", first.to_str().unwrap()]);
    let import_id = count(&imported, "SELECT MAX(id) FROM changes");
    let edited = dir.path().join("edited.db");
    copy_db(&imported, &edited);
    let edit_time = timed(&edited, &["import", "leads", again.to_str().unwrap()]);
    let edited_rows = "SELECT COUNT(*) FROM leads WHERE email LIKE 'c%@shop.example' AND stage = 'qualified'";
    assert_eq!(count(&edited, edited_rows), rows as i64, "a bulk edit");
    let undone = dir.path().join("undone.db");
    copy_db(&imported, &undone);
    let undo_time = timed(&undone, &["undo", &import_id.to_string()]);
    assert_eq!(count(&undone, "SELECT COUNT(*) FROM leads"), leads);

    // How long starting and opening the file takes, the longest of three.
    let startup = (0..3).map(|_| timed(&imported, &["rep", "list"])).max().unwrap();
    let mut rng = rand::rngs::StdRng::seed_from_u64(20261201);
    let trial = dir.path().join("trial.db");
    let (mut killed, mut finished, mut mid_write) = (0, 0, 0);
    for t in 0..trials {
        let (start, args, took): (&Path, Vec<String>, Duration) = match t % 3 {
            0 => (&base, vec!["import".into(), "leads".into(), first.display().to_string()], import_time),
            1 => (&imported, vec!["import".into(), "leads".into(), again.display().to_string()], edit_time),
            _ => (&imported, vec!["undo".into(), import_id.to_string()], undo_time),
        };
        copy_db(start, &trial);
        let before_changes = count(&trial, "SELECT COUNT(*) FROM changes");
        // A point anywhere in the run, a little past its usual end too.
        let at = Duration::from_micros(rng.random_range(0..(took.as_micros() as u64 * 12 / 10).max(1)));
        let mut child = repdesk(&trial).args(&args).spawn().unwrap();
        std::thread::sleep(at);
        match child.try_wait().unwrap() {
            Some(_) => finished += 1,
            None => {
                child.kill().unwrap(); // SIGKILL
                killed += 1;
            }
        }
        let _ = child.wait();
        sound(&trial);
        let now_leads = count(&trial, "SELECT COUNT(*) FROM leads");
        let now_changes = count(&trial, "SELECT COUNT(*) FROM changes");
        let done = now_changes == before_changes + 1;
        assert!(done || now_changes == before_changes, "trial {t}: one change or none");
        // Killed past the time it takes to start and open the file: inside the work itself.
        if !done && at > startup {
            mid_write += 1;
        }
        match t % 3 {
            0 => {
                let expected = if done { leads + rows as i64 } else { leads };
                assert_eq!(now_leads, expected, "trial {t} (import, killed at {at:?})");
                assert_eq!(count(&trial, "SELECT COUNT(*) FROM changes"), changes + i64::from(done));
            }
            1 => {
                let edited = count(&trial, edited_rows);
                assert_eq!(edited, if done { rows as i64 } else { 0 }, "trial {t} (bulk edit, killed at {at:?})");
                assert_eq!(now_leads, leads + rows as i64);
            }
            _ => {
                let expected = if done { leads } else { leads + rows as i64 };
                assert_eq!(now_leads, expected, "trial {t} (undo, killed at {at:?})");
            }
        }
    }
    println!(
        "crash trials: {trials} ({killed} killed mid-run, {mid_write} of them past the start-up of {startup:?}, {finished} already done), {rows} rows; \
         import {import_time:?}, bulk edit {edit_time:?}, undo {undo_time:?}; every file sound, every change whole or absent"
    );
    assert!(killed * 2 >= trials, "most trials were killed mid-run: {killed} of {trials}");
    assert!(mid_write * 3 >= trials, "a third of the kills landed inside the work: {mid_write} of {trials}");
}
