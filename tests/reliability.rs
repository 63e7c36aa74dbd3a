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
