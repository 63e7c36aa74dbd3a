//! Reliability and safety: what the command line refuses and how, files only their owner
//! reads, a database that holds anything is never treated as empty, the app without a
//! terminal, and the terminal given back after a panic.

mod common;

use common::{ok, repdesk};

/// Amounts that must be positive say so, given as `--amount -50`, `--amount=-50` or `0`, and
/// nothing is written.
#[test]
fn amounts_that_must_be_positive_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    ok(repdesk(&db).args(["rep", "add", "--name", "Ann"]));
    ok(repdesk(&db).args(["lead", "add", "--name", "王芳", "--owner", "Ann"]));
    let refused: &[(&[&str], &str)] = &[
        (&["sale", "add", "--rep", "Ann", "--amount", "-50"], "a sale must be of more than 0, and -50.00 is not"),
        (&["sale", "add", "--rep", "Ann", "--amount=-50"], "a sale must be of more than 0, and -50.00 is not"),
        (&["sale", "add", "--rep", "Ann", "--amount", "0"], "a sale must be of more than 0, and 0.00 is not"),
        (&["lead", "stage", "1", "won", "--amount", "-5"], "a win needs the amount sold, more than 0"),
        (&["lead", "add", "--name", "X", "--value", "-5"], "estimated_value: '-5' is below zero"),
        (&["rep", "add", "--name", "Bo", "--hourly-rate", "-3"], "hourly_rate: '-3' is below zero"),
        (&["rep", "add", "--name", "Bo", "--commission-rate", "-5"], "commission_rate: '-5' is below zero"),
        (&["rep", "add", "--name", "Bo", "--max-weekly-hours", "-3"], "from 1 to 80"),
        (&["target", "set", "--rep", "Ann", "--metric", "revenue", "--goal", "0"], "a goal must be more than 0"),
        (&["target", "set", "--rep", "Ann", "--metric", "revenue", "--goal", "-5"], "a goal must be more than 0"),
        (&["target", "set", "--rep", "Ann", "--metric", "visits", "--goal", "0"], "a whole number more than 0"),
    ];
    for (args, says) in refused {
        let (code, err) = common::run(repdesk(&db).args(*args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
    }
    for table in ["sales", "targets"] {
        assert_eq!(common::query(&db, &format!("SELECT COUNT(*) FROM {table}")), "0", "{table}");
    }
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM reps"), "1");
    assert_eq!(common::query(&db, "SELECT stage FROM leads"), "new");
}

/// A database with any of a business's data in it is not empty: the demo is refused without
/// `--force`, and the app opens on its tabs, not the welcome screen.
#[test]
fn a_database_with_anything_in_it_is_not_empty() {
    for seed in [&["lead", "add", "--name", "王芳"][..], &["rep", "add", "--name", "Ann"][..]] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("r.db");
        ok(repdesk(&db).args(seed));
        let (code, err) = common::run(repdesk(&db).args(["demo"]));
        assert_ne!(code, 0, "{seed:?}");
        assert!(err.contains("already holds a business") && err.contains("never mixed into it"), "{err}");
        assert!(common::query(&db, "SELECT COUNT(*) FROM leads").parse::<i64>().unwrap() <= 1, "no demo mixed in");
        let store = repdesk::store::Store::open(&db, common::clock()).unwrap();
        assert!(!store.is_empty().unwrap(), "{seed:?}");
    }
    // A file holding only a target (a shift or a sale needs a rep, a target does not).
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    drop(repdesk::store::Store::open(&db, common::clock()).unwrap());
    ok(repdesk(&db).args(["target", "set", "--all", "--metric", "revenue", "--goal", "50000", "--period", "2026-11"]));
    let (code, _) = common::run(repdesk(&db).args(["demo"]));
    assert_ne!(code, 0);
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM leads"), "0", "no demo mixed in");
    let app =
        repdesk::tui::app::App::new(repdesk::store::Store::open(&db, common::clock()).unwrap(), common::ctx()).unwrap();
    let screen = repdesk::tui::headless::render(&app, 80, 24).unwrap();
    assert!(!screen.contains("load a demo team"), "no welcome: {screen}");
    // A file holding only the week's slots (a slot needs no rep).
    let slots = dir.path().join("s.db");
    drop(repdesk::store::Store::open(&slots, common::clock()).unwrap());
    ok(repdesk(&slots).args(["need", "add", "--day", "mon", "--start", "09:00", "--end", "13:00", "--reps", "2"]));
    let (code, _) = common::run(repdesk(&slots).args(["demo"]));
    assert_ne!(code, 0);
    assert_eq!(common::query(&slots, "SELECT COUNT(*) FROM staffing_needs"), "1", "no demo slots mixed in");
    // An empty file is empty.
    let empty = repdesk::store::Store::open(&dir.path().join("e.db"), common::clock()).unwrap();
    assert!(empty.is_empty().unwrap());
}

/// Without a terminal (cron, a pipe, `</dev/null`) the app says it needs one, exits 2, and
/// makes no database.
#[test]
fn the_app_without_a_terminal_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = repdesk(&db).write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the app needs a terminal"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!db.exists());
}

/// Exports and calendar files hold customers' phones and e-mails: 0600, also over a file that
/// was there before with wider permissions.
#[cfg(unix)]
#[test]
fn exports_and_calendars_are_for_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    ok(repdesk(&db).args(["demo"]));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let leads = dir.path().join("leads.csv");
    ok(repdesk(&db).args(["export", "leads", "--out", leads.to_str().unwrap()]));
    assert_eq!(mode(&leads), 0o600);
    let ics = dir.path().join("week.ics");
    std::fs::write(&ics, "old").unwrap();
    std::fs::set_permissions(&ics, std::fs::Permissions::from_mode(0o644)).unwrap();
    ok(repdesk(&db).args(["schedule", "ics", "--out", ics.to_str().unwrap()]));
    assert_eq!(mode(&ics), 0o600);
    assert!(std::fs::read_to_string(&ics).unwrap().starts_with("BEGIN:VCALENDAR"));
    assert_eq!(mode(&db), 0o600);
}

/// A panic in the app (forced through its test-only path) gives the terminal back: the
/// alternate screen left, mouse capture and bracketed paste off, the cursor shown, and the
/// owner told where the log is. Run in a real pseudo-terminal through `script`.
#[cfg(target_os = "linux")]
#[test]
fn a_panic_in_the_app_gives_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    ok(repdesk(&db).args(["rep", "add", "--name", "Ann"]));
    let bin = assert_cmd::cargo::cargo_bin("repdesk");
    let typescript = dir.path().join("typescript");
    let command = format!("{} --db {} --today {}", bin.display(), db.display(), common::TODAY);
    let status = std::process::Command::new("script")
        .args(["-qec", &command, typescript.to_str().unwrap()])
        .env("REPDESK_PANIC_FOR_TEST", "1")
        .env("REPDESK_CONFIG", db.with_extension("toml"))
        .env("XDG_DATA_HOME", dir.path())
        .env("LANG", "en_US.UTF-8")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("`script` (util-linux) runs the app in a pseudo-terminal");
    assert!(!status.success());
    let seen = String::from_utf8_lossy(&std::fs::read(&typescript).unwrap()).into_owned();
    let entered = seen.find("\x1b[?1049h").expect("the app drew");
    for (undo, what) in [
        ("\x1b[?1049l", "the alternate screen left"),
        ("\x1b[?1000l", "mouse capture off"),
        ("\x1b[?2004l", "bracketed paste off"),
        ("\x1b[?25h", "the cursor shown"),
    ] {
        assert!(seen[entered..].contains(undo), "{what}: {seen:?}");
    }
    assert!(seen.contains("the app stopped on an error it did not expect"), "{seen}");
    assert!(seen.contains("repdesk.log"), "where the log is: {seen}");
}

/// Runs `args` on `db` and says its exit code and stderr.
fn run(db: &std::path::Path, args: &[&str]) -> (i32, String) {
    common::run(repdesk(db).args(args))
}

/// A file its owner made read-only opens read-only: lists work, every edit is refused in one
/// polite sentence, the app says READ-ONLY on top, and the file is left as it was. One of an
/// older schema is refused with what to do.
#[cfg(unix)]
#[test]
fn a_read_only_file_is_read_and_never_written() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ro.db");
    ok(repdesk(&db).args(["rep", "add", "--name", "Ben Carter"]));
    ok(repdesk(&db).args(["lead", "add", "--name", "陈小姐", "--owner", "Ben Carter"]));
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let bytes = std::fs::read(&db).unwrap();
    assert!(ok(repdesk(&db).args(["rep", "list"])).contains("Ben Carter"));
    for args in [
        &["rep", "add", "--name", "Zed"][..],
        &["lead", "add", "--name", "王芳"][..],
        &["sale", "add", "--rep", "Ben Carter", "--amount", "100"][..],
        &["undo"][..],
        &["settings", "set", "protection.days", "10"][..],
    ] {
        let (code, err) = run(&db, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("this database may only be read"), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "not a byte changed");
    let store = repdesk::store::Store::open(&db, common::clock()).unwrap();
    assert!(store.read_only());
    let app = repdesk::tui::app::App::new(store, common::ctx()).unwrap();
    assert!(repdesk::tui::headless::render(&app, 100, 30).unwrap().lines().next().unwrap().contains("READ-ONLY"));
    // Read-only and of an older schema: refused, untouched.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    rusqlite::Connection::open(&db).unwrap().execute_batch("PRAGMA user_version = 12").unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let bytes = std::fs::read(&db).unwrap();
    let (code, err) = run(&db, &["rep", "list"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("from an older repdesk, so it cannot be brought up to date; make it writable"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
}

/// A file of a newer schema, or not a database at all, is refused with exit 1 and left byte
/// for byte as it was.
#[test]
fn a_newer_or_corrupt_file_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer.db");
    ok(repdesk(&newer).args(["rep", "add", "--name", "Ann"]));
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.execute_batch("PRAGMA user_version = 99; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
            .unwrap();
    }
    let corrupt = dir.path().join("corrupt.db");
    let mut junk = b"SQLite format 3\0".to_vec();
    junk.extend((0..8192u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8));
    std::fs::write(&corrupt, &junk).unwrap();
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "shopping list: eggs, milk\n".repeat(300)).unwrap();
    for (db, says) in [(&newer, "newer"), (&corrupt, "not a repdesk database"), (&text, "not a repdesk database")] {
        let bytes = std::fs::read(db).unwrap();
        for args in [&["rep", "list"][..], &["rep", "add", "--name", "Bo"][..], &["check"][..]] {
            let (code, err) = run(db, args);
            assert_eq!(code, 1, "{db:?} {args:?}: {err}");
            assert!(err.to_lowercase().contains(says), "{db:?} {args:?}: {err}");
            assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        }
        assert_eq!(&std::fs::read(db).unwrap(), &bytes, "{db:?} untouched");
    }
    // A newer repdesk still has the file open, its last writes in the write-ahead log: the
    // refusal folds none of them into the file.
    let live = dir.path().join("live.db");
    ok(repdesk(&live).args(["rep", "add", "--name", "Ann"]));
    let newer_app = rusqlite::Connection::open(&live).unwrap();
    newer_app
        .execute_batch(
            "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA wal_autocheckpoint = 0; PRAGMA user_version = 99;
             UPDATE reps SET name = 'Ann Li';",
        )
        .unwrap();
    let bytes = std::fs::read(&live).unwrap();
    assert!(std::fs::metadata(dir.path().join("live.db-wal")).unwrap().len() > 0, "a log to fold");
    let (code, err) = run(&live, &["rep", "list"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("newer"), "{err}");
    assert_eq!(std::fs::read(&live).unwrap(), bytes, "the file as the newer repdesk left it");
    drop(newer_app);
}

/// Before a migration changes a file, a copy of it as it was is taken next to it (only its
/// owner's to read); the last three are kept.
#[test]
fn a_copy_is_taken_before_every_migration_and_the_last_three_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    ok(repdesk(&db).args(["rep", "add", "--name", "Ann"]));
    let copies = || -> Vec<std::path::PathBuf> {
        let mut found: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("shop.db.before-v") && p.to_string_lossy().ends_with(".bak"))
            .collect();
        found.sort();
        found
    };
    assert!(copies().is_empty(), "a new file needs none");
    for round in 0..5 {
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute_batch("DROP TRIGGER IF EXISTS reviews_one_a_period; PRAGMA user_version = 12;")
            .unwrap();
        ok(repdesk(&db).args(["rep", "add", "--name", &format!("Rep {round}")]));
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let kept = copies();
    assert_eq!(kept.len(), 3, "{kept:?}");
    let last = kept.last().unwrap();
    assert!(last.to_string_lossy().contains("-from-v12.bak"), "{last:?}");
    // The copy is the file as it was: the reps before that round's, at schema 12.
    assert_eq!(common::query(last, "PRAGMA user_version"), "12");
    assert_eq!(common::query(last, "SELECT COUNT(*) FROM reps"), "5", "Ann and Reps 0 to 3");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(last).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

/// A dry run into a database that is not there creates nothing.
#[test]
fn a_dry_run_creates_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let csv = dir.path().join("leads.csv");
    std::fs::write(&csv, "name,phone\n王芳,13800000000\n").unwrap();
    ok(repdesk(&db).args(["import", "leads", csv.to_str().unwrap(), "--dry-run"]));
    assert!(
        std::fs::read_dir(dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("none.db"))
    );
}
