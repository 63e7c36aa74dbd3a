//! Shared set-up for the integration tests: a fixed day and the seed-7 demo team.

#![allow(dead_code)]

use chrono::NaiveDate;
use repdesk::domain::clock::Clock;
use repdesk::domain::demo::DemoSize;
use repdesk::service;
use repdesk::store::Store;
use repdesk::tui::Ctx;

pub const TODAY: &str = "2026-11-23";

pub fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

pub fn clock() -> Clock {
    Clock::fixed(today())
}

pub fn ctx() -> Ctx {
    Ctx::fixed(today(), "¥")
}

/// An in-memory database with the small demo team of seed 7.
pub fn demo_store() -> Store {
    let mut store = Store::open_in_memory(clock()).unwrap();
    service::load_demo(&mut store, DemoSize::SMALL, 7, false).unwrap();
    store
}

/// The binary on a database of its own, on the fixed day, with no outside configuration.
pub fn repdesk(db: &std::path::Path) -> assert_cmd::Command {
    on(db, TODAY)
}

/// The binary on a database of its own on `day` (a scenario runs day by day), as `repdesk`.
pub fn on(db: &std::path::Path, day: &str) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("repdesk").unwrap();
    cmd.arg("--db").arg(db).arg("--today").arg(day);
    cmd.env_remove("REPDESK_TODAY").env_remove("REPDESK_DB").env("REPDESK_CONFIG", db.with_extension("toml"));
    // English, whatever the machine's locale: a test that wants Chinese says so.
    cmd.env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", "en_US.UTF-8");
    cmd
}

pub fn fixture(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Runs a command that must succeed; what it printed.
pub fn ok(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

/// Runs an import (or any command) and returns its exit code and what it printed.
pub fn run(cmd: &mut assert_cmd::Command) -> (i32, String) {
    let out = cmd.output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// The first column of the first row of a query, as text.
pub fn query(db: &std::path::Path, sql: &str) -> String {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0))
        .map(|v| match v {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            rusqlite::types::Value::Null => "NULL".into(),
            other => format!("{other:?}"),
        })
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}
