//! Hostile input: every file of the nasty corpus (`tests/fixtures/nasty`, and two the test
//! makes: a 10 MB field and 1000 columns) through every kind of import. Each ends in a report
//! or one plain error — no panic, no SQL, no debug dump — and a refused file writes nothing.

mod common;

use common::{ok, repdesk};
use std::path::{Path, PathBuf};

const KINDS: [&str; 4] = ["leads", "reps", "deals", "shifts"];

/// What a file can change, counted.
fn counts(db: &Path) -> Vec<String> {
    ["reps", "leads", "deals", "sales", "shifts", "activities", "lead_phones", "changes"]
        .iter()
        .map(|t| common::query(db, &format!("SELECT COUNT(*) FROM {t}")))
        .collect()
}

fn corpus(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(common::fixture("nasty"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .collect();
    files.sort();
    // A 10 MB field, and a row of 1000 columns: made here rather than committed.
    let big = dir.join("ten_mb_field.csv");
    std::fs::write(&big, format!("name,phone,note\nMary,+1 555 0100,{}\n", "x".repeat(10 << 20))).unwrap();
    let wide = dir.join("thousand_columns.csv");
    let header: Vec<String> = (0..1000).map(|i| if i == 0 { "name".into() } else { format!("c{i}") }).collect();
    let row: Vec<String> = (0..1000).map(|i| format!("v{i}")).collect();
    std::fs::write(&wide, format!("{}\n{}\n", header.join(","), row.join(","))).unwrap();
    files.extend([big, wide]);
    files
}

#[test]
fn every_nasty_file_through_every_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    ok(repdesk(&db).args(["rep", "add", "--name", "Ann"]));
    ok(repdesk(&db).args(["lead", "add", "--name", "陈小姐", "--phone", "13800000001", "--owner", "Ann"]));
    let files = corpus(dir.path());
    assert!(files.len() >= 20, "{files:?}");
    let mut tried = 0;
    for file in &files {
        for kind in KINDS {
            let before = counts(&db);
            let (code, said) = common::run(repdesk(&db).args(["import", kind]).arg(file));
            tried += 1;
            let name = file.file_name().unwrap().to_string_lossy();
            assert!(matches!(code, 0..=2), "{kind} {name}: exit {code}: {said}");
            for bad in
                ["panicked", "RUST_BACKTRACE", "stack backtrace", "SELECT ", "INSERT ", "CREATE TABLE", "Error {"]
            {
                assert!(!said.contains(bad), "{kind} {name}: {bad} in {said}");
            }
            let errors: Vec<&str> = said.lines().filter(|l| l.starts_with("repdesk:")).collect();
            assert!(errors.len() <= 1, "{kind} {name}: one error at most: {said}");
            assert!(errors.iter().all(|e| e.len() < 400), "{kind} {name}: a sentence, not a dump: {said}");
            if code == 2 {
                assert_eq!(errors.len(), 1, "{kind} {name}: a refusal says why: {said}");
            }
            // What was taken is one change the report names; anything else wrote nothing.
            if !said.contains("takes it back") {
                assert_eq!(counts(&db), before, "{kind} {name}: nothing taken, so nothing written: {said}");
            }
        }
    }
    assert_eq!(tried, files.len() * KINDS.len());
    assert_eq!(common::query(&db, "PRAGMA integrity_check"), "ok");
    // The customer already there is as she was.
    assert_eq!(
        common::query(&db, "SELECT name || ' ' || IFNULL(phone, '') FROM leads WHERE id = 1"),
        "陈小姐 13800000001"
    );
}

/// The same files on the dry run: a report or an error, never a write.
#[test]
fn every_nasty_file_on_a_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    ok(repdesk(&db).args(["rep", "add", "--name", "Ann"]));
    for file in corpus(dir.path()) {
        for kind in KINDS {
            let before = counts(&db);
            let (code, said) = common::run(repdesk(&db).args(["import", kind, "--dry-run"]).arg(&file));
            assert!(matches!(code, 0..=2), "{kind} {file:?}: {said}");
            assert_eq!(counts(&db), before, "{kind} {file:?}: {said}");
        }
    }
}

/// A file of which nothing is taken records no change, so `undo` (as `u`) still takes back the
/// change before it.
#[test]
fn nothing_taken_is_no_change_and_undo_passes_over_empty_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("u.db");
    ok(repdesk(&db).args(["rep", "add", "--name", "Ann"]));
    ok(repdesk(&db).args(["rep", "add", "--name", "Bo"]));
    ok(repdesk(&db).args(["lead", "add", "--name", "陈小姐", "--owner", "Ann"]));
    let changes = || common::query(&db, "SELECT COUNT(*) FROM changes");
    let before = changes();
    let (_, said) = common::run(repdesk(&db).args(["import", "leads"]).arg(common::fixture("nasty/header_only.csv")));
    assert!(!said.contains("takes it back"), "{said}");
    assert_eq!(changes(), before, "no empty change: {said}");
    ok(repdesk(&db).args(["undo"]));
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM leads"), "0", "the lead's add was undone");
}
