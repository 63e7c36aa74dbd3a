//! Many processes, one file: the schema made or brought up to date exactly once however many
//! open a new or old file at the same moment, and writers that wait their turn — two writing
//! a thousand times each, six imports and the app reading, every write landing and no lock
//! error reaching anyone.

mod common;

use repdesk::store::{self, Store};
use std::process::{Child, Command, Stdio};

/// The binary on `db`, quiet, English, on the fixed day.
fn repdesk(db: &std::path::Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("repdesk"));
    cmd.arg("--db").arg(db).arg("--today").arg(common::TODAY);
    cmd.env_remove("REPDESK_TODAY").env_remove("REPDESK_DB").env("REPDESK_CONFIG", db.with_extension("toml"));
    cmd.env("LANG", "en_US.UTF-8").stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

/// Waits for every child: each one's exit code and what it said on stderr.
fn wait_all(children: Vec<Child>) -> Vec<(Option<i32>, String)> {
    children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
        })
        .collect()
}

fn integrity(db: &std::path::Path) -> String {
    common::query(db, "PRAGMA integrity_check")
}

/// Eight processes make one new file at the same moment, then eight open a file of an old
/// schema at once: each lands its rep, the schema is the latest, and no one sees a schema
/// error.
#[test]
fn a_new_or_old_file_opened_by_many_at_once_is_migrated_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let children: Vec<Child> =
        (0..8).map(|i| repdesk(&db).args(["rep", "add", "--name", &format!("Rep {i}")]).spawn().unwrap()).collect();
    for (code, err) in wait_all(children) {
        assert_eq!(code, Some(0), "{err}");
    }
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM reps"), "8");
    assert_eq!(common::query(&db, "PRAGMA user_version"), store::schema_version().to_string());
    assert_eq!(integrity(&db), "ok");
    // The same file as an older build left it (schema 11): eight at once bring it up.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "DROP TRIGGER reps_start_onboarding; DROP TRIGGER reviews_one_a_period; PRAGMA user_version = 11;",
        )
        .unwrap();
    let children: Vec<Child> =
        (8..16).map(|i| repdesk(&db).args(["rep", "add", "--name", &format!("Rep {i}")]).spawn().unwrap()).collect();
    for (code, err) in wait_all(children) {
        assert_eq!(code, Some(0), "{err}");
    }
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM reps"), "16");
    assert_eq!(common::query(&db, "PRAGMA user_version"), store::schema_version().to_string());
    assert_eq!(
        common::query(&db, "SELECT COUNT(*) FROM onboarding WHERE rep_id > 8"),
        "32",
        "each new rep's list, once"
    );
    assert_eq!(integrity(&db), "ok");
    // One process migrated, under the write lock: one copy of the file as it was, at 11.
    let copies: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".bak"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(copies[0].ends_with("-from-v11.bak"), "{copies:?}");
}

/// A writer of its own: this test binary run again as a child process (`REPDESK_WRITER` says
/// which database and how many sales), writing one sale per change.
#[test]
fn writer_child() {
    let Some(db) = std::env::var_os("REPDESK_WRITER") else { return };
    let n: usize = std::env::var("REPDESK_WRITES").unwrap().parse().unwrap();
    let rep: i64 = std::env::var("REPDESK_REP").unwrap().parse().unwrap();
    let mut store = Store::open(std::path::Path::new(&db), common::clock()).unwrap();
    for i in 0..n {
        let sale = repdesk::domain::model::Sale {
            lead_id: None,
            rep_id: rep,
            amount: repdesk::domain::money::Money(100 + i as i64),
            closed_on: common::today(),
            product: None,
        };
        repdesk::service::leads::add_sale(&mut store, sale).unwrap_or_else(|e| panic!("write {i}: {e}"));
    }
}

fn spawn_writer(db: &std::path::Path, rep: i64, writes: usize) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "writer_child", "--nocapture", "--test-threads", "1"])
        .env("REPDESK_WRITER", db)
        .env("REPDESK_WRITES", writes.to_string())
        .env("REPDESK_REP", rep.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Two processes writing a thousand sales each, six imports of 2,000 leads each and the app
/// reading, all at once: every write lands, no lock error reaches anyone, and the app shows
/// the others' writes after its next refresh.
#[test]
fn writers_wait_for_each_other_and_every_write_lands() {
    const WRITES: usize = 1000;
    const IMPORTS: usize = 6;
    const ROWS: usize = 2000;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("busy.db");
    let ok = |cmd: &mut Command| {
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    ok(repdesk(&db).args(["rep", "add", "--name", "Ann"]));
    ok(repdesk(&db).args(["rep", "add", "--name", "李娜"]));
    let files: Vec<std::path::PathBuf> = (0..IMPORTS)
        .map(|f| {
            let path = dir.path().join(format!("leads{f}.csv"));
            let mut text = String::from("name,phone,company\n");
            for r in 0..ROWS {
                text.push_str(&format!("Lead {f}-{r},+86 138 {f:02}{r:06},Firm {f}-{r}\n"));
            }
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let mut app = repdesk::tui::app::App::new(Store::open(&db, common::clock()).unwrap(), common::ctx()).unwrap();
    let before = repdesk::tui::headless::render(&app, 100, 30).unwrap();
    let started = std::time::Instant::now();
    let writers = vec![spawn_writer(&db, 1, WRITES), spawn_writer(&db, 2, WRITES)];
    let imports: Vec<Child> =
        files.iter().map(|f| repdesk(&db).args(["import", "leads"]).arg(f).spawn().unwrap()).collect();
    // The app reads while they write: a refresh now and then, never an error.
    let mut refreshes = 0;
    while started.elapsed() < std::time::Duration::from_secs(1) {
        app.tick();
        let _ = repdesk::tui::headless::render(&app, 100, 30).unwrap();
        refreshes += 1;
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    for (code, err) in wait_all(writers) {
        assert_eq!(code, Some(0), "a writer failed: {err}");
        assert!(!err.contains("busy") && !err.contains("locked"), "{err}");
    }
    for (code, err) in wait_all(imports) {
        assert_eq!(code, Some(0), "an import failed: {err}");
        assert!(!err.contains("busy") && !err.contains("locked"), "{err}");
    }
    assert!(refreshes > 0);
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM sales"), (2 * WRITES).to_string());
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM leads"), (IMPORTS * ROWS).to_string());
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM changes"), (2 + 2 * WRITES + IMPORTS).to_string());
    assert_eq!(integrity(&db), "ok");
    // The app sees it all on its next refresh.
    app.refresh_if_changed();
    let after = repdesk::tui::headless::render(&app, 100, 30).unwrap();
    assert_ne!(before, after);
    assert!(after.contains("Lead "), "the imported leads are on the screen: {after}");
}

/// A command kept waiting more than a second by another writer says so on stderr, once, and
/// lands when the other is done.
#[test]
fn a_command_kept_waiting_says_so_and_lands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("wait.db");
    let out = repdesk(&db).args(["rep", "add", "--name", "Ann"]).output().unwrap();
    assert!(out.status.success());
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let child = repdesk(&db).args(["rep", "add", "--name", "Bo"]).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1800));
    holder.execute_batch("COMMIT").unwrap();
    let (code, err) = wait_all(vec![child]).remove(0);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err.matches("waiting for another repdesk to finish writing…").count(), 1, "{err}");
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM reps"), "2");
}
