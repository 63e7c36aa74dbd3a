//! The command line as a script uses it: exit codes, one-line errors, files written.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;
use unicode_width::UnicodeWidthStr;

fn repdesk(db: &Path) -> Command {
    common::repdesk(db)
}

fn demo_db(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = dir.path().join("team.db");
    repdesk(&db).args(["demo", "--seed", "7"]).assert().success().stdout(predicate::str::contains("8 reps, 300 leads"));
    db
}

#[test]
fn render_prints_every_tab_at_exact_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(&dir);
    for tab in ["leads", "schedule", "goals", "leaderboard", "risks", "reviews", "reps"] {
        for (w, h) in [(80usize, 24usize), (200, 50)] {
            let out = repdesk(&db).args(["render", "--tab", tab, "--size", &format!("{w}x{h}")]).assert().success();
            let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len(), h, "{tab} {w}x{h}");
            assert!(lines.iter().all(|l| l.width() == w), "{tab} {w}x{h} has a line of another width");
        }
    }
}

#[test]
fn render_is_reproducible_with_a_fixed_day() {
    let dir = tempfile::tempdir().unwrap();
    let a = demo_db(&dir);
    let other = tempfile::tempdir().unwrap();
    let b = demo_db(&other);
    let frame =
        |db: &Path| repdesk(db).args(["render", "--tab", "goals"]).assert().success().get_output().stdout.clone();
    assert_eq!(frame(&a), frame(&b));
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    repdesk(&db).args(["render", "--tab", "nope"]).assert().code(2);
    repdesk(&db).args(["render", "--size", "80"]).assert().code(2);
    let bad_day = Command::cargo_bin("repdesk")
        .unwrap()
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .args(["--db"])
        .arg(&db)
        .args(["--today", "23/11/2026", "check"])
        .assert()
        .code(2);
    let err = String::from_utf8(bad_day.get_output().stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    repdesk(&db).args(["rep", "add"]).assert().code(2).stderr(predicate::str::contains("--name"));
    repdesk(&db)
        .args(["rep", "add", "--name", "Ana", "--email", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("email"));
    repdesk(&db).args(["rep", "add", "--name", "Nobody Else"]).assert().success();
    repdesk(&db).args(["rep", "show", "Nobody"]).assert().code(2).stderr(predicate::str::contains("repdesk rep list"));
    repdesk(&db)
        .args(["rep", "add", "--name", "NOBODY ELSE"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    repdesk(&db).arg("rep").assert().code(2);
    let env_day = Command::cargo_bin("repdesk")
        .unwrap()
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .arg("--db")
        .arg(&db)
        .arg("check")
        .env("REPDESK_TODAY", "tomorrow")
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&env_day.get_output().stderr).contains("REPDESK_TODAY"));
    // A mistyped --db is an error for commands that only read; no empty file appears.
    let typo = dir.path().join("tpyo.db");
    repdesk(&typo).args(["rep", "list"]).assert().code(2).stderr(predicate::str::contains("no database"));
    repdesk(&typo).args(["render"]).assert().code(2);
    assert!(!typo.exists());
}

#[test]
fn demo_refuses_a_team_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(&dir);
    repdesk(&db).args(["demo"]).assert().code(2).stderr(predicate::str::contains("--force"));
    repdesk(&db).args(["demo", "--force", "--seed", "3"]).assert().success();
}

#[test]
fn a_newer_database_is_a_runtime_error_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("future.db");
    rusqlite::Connection::open(&db).unwrap().execute_batch("PRAGMA user_version = 42;").unwrap();
    let before = std::fs::read(&db).unwrap();
    repdesk(&db).args(["check"]).assert().code(1).stderr(predicate::str::contains("newer repdesk"));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn check_and_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(&dir);
    repdesk(&db).arg("check").assert().success().stdout(predicate::str::contains("ok"));
    let copy = dir.path().join("copy.db");
    repdesk(&db).arg("backup").arg(&copy).assert().success();
    repdesk(&copy).args(["rep", "list"]).assert().success().stdout(predicate::str::contains("part-time"));
    // Never overwrite.
    repdesk(&db).arg("backup").arg(&copy).assert().code(2);
    // A broken foreign key is found.
    let conn = rusqlite::Connection::open(&copy).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF; INSERT INTO shifts (rep_id, date, start_min, end_min, location) VALUES (9999, '2026-11-23', 540, 600, 'store');").unwrap();
    drop(conn);
    repdesk(&copy).arg("check").assert().code(1).stdout(predicate::str::contains("shifts"));
    // Many problems: the first ten, how many more, and one sentence in the owner's language.
    let conn = rusqlite::Connection::open(&copy).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    for day in 1..=14 {
        conn.execute(
            "INSERT INTO shifts (rep_id, date, start_min, end_min, location) VALUES (9999, ?1, 540, 600, 'store')",
            [format!("2026-11-{day:02}")],
        )
        .unwrap();
    }
    drop(conn);
    let out = repdesk(&copy).args(["--lang", "zh", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(stdout.lines().count(), 11, "{stdout}");
    assert!(stdout.contains("另有 5 个"), "{stdout}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("发现 15 个问题"), "{stderr}");
}

#[test]
fn rep_commands_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("reps.db");
    repdesk(&db)
        .args([
            "rep",
            "add",
            "--name",
            "李娜",
            "--employment",
            "兼职",
            "--channel",
            "phone",
            "--hourly-rate",
            "25",
            "--commission-rate",
            "5%",
            "--max-weekly-hours",
            "12",
        ])
        .assert()
        .success();
    repdesk(&db)
        .args(["rep", "add", "--name", "李娜"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    repdesk(&db).args(["rep", "edit", "李娜", "--team", "North"]).assert().success();
    let json =
        repdesk(&db).args(["rep", "show", "李娜", "--format", "json"]).assert().success().get_output().stdout.clone();
    let reps: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(reps[0]["team"], "North");
    assert_eq!(reps[0]["hourly_rate_cents"], 2500);
    assert_eq!(reps[0]["commission_bp"], 500);
    repdesk(&db).args(["rep", "deactivate", "李娜"]).assert().success();
    repdesk(&db).args(["rep", "list"]).assert().success().stdout(predicate::str::contains("李娜").not());
    repdesk(&db)
        .args(["rep", "list", "--all", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("李娜"));
    repdesk(&db).args(["rep", "reactivate", "李娜"]).assert().success();
}

#[test]
fn import_and_export_reps() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("imp.db");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sales_teams.csv");
    repdesk(&db)
        .args(["import", "reps", fixture, "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("would add 35"));
    assert!(!db.exists(), "a dry run creates no database");
    repdesk(&db).args(["import", "reps", fixture]).assert().success();
    repdesk(&db)
        .args(["import", "reps", fixture])
        .assert()
        .success()
        .stdout(predicate::str::contains("left 35 unchanged"));

    // Export, then import into an empty database: the same reps come back.
    let out = dir.path().join("reps.csv");
    repdesk(&db).args(["rep", "edit", "Anna Snelling", "--phone", "+86 139 1234 5678"]).assert().success();
    repdesk(&db).args(["export", "reps", "--out"]).arg(&out).assert().success();
    let exported = std::fs::read_to_string(&out).unwrap();
    assert!(exported.contains("'+86 139 1234 5678"), "the + was not neutralised");
    let fresh = dir.path().join("fresh.db");
    repdesk(&fresh).args(["import", "reps"]).arg(&out).assert().success().stdout(predicate::str::contains("added 35"));
    let a = repdesk(&db).args(["export", "reps"]).assert().success().get_output().stdout.clone();
    let b = repdesk(&fresh).args(["export", "reps"]).assert().success().get_output().stdout.clone();
    assert!(a == b, "the round trip changed the reps");
}

#[test]
fn import_reports_refused_rows_by_line_and_takes_gbk() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gbk.db");
    let file = dir.path().join("团队.csv");
    let (bytes, _, _) = encoding_rs::GBK
        .encode("姓名,手机,类型,邮箱\r\n王伟,139 0000 0001,兼职,wang@example.cn\r\n张敏,139 0000 0002,临时,\r\n");
    std::fs::write(&file, &bytes).unwrap();
    // An employment word repdesk does not know costs only that cell: 张敏 lands with the default.
    let out = repdesk(&db).args(["import", "reps"]).arg(&file).assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("added 2"), "{stdout}");
    assert!(stdout.contains("line 3: dropped employment '临时', which is not part-time or full-time"), "{stdout}");
    repdesk(&db).args(["rep", "list"]).assert().success().stdout(predicate::str::contains("王伟"));
    repdesk(&db)
        .args(["import", "reps"])
        .arg(&file)
        .args(["--encoding", "utf-8"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--encoding gbk"));
    let nameless = dir.path().join("nameless.csv");
    std::fs::write(&nameless, "who,phone\nx,1\n").unwrap();
    repdesk(&db)
        .args(["import", "reps"])
        .arg(&nameless)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--map name=COLUMN"));
    repdesk(&db).args(["import", "reps"]).arg(&nameless).args(["--map", "name=who"]).assert().success();
}

#[test]
fn config_completions_and_man() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    repdesk(&db)
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"currency_symbol +¥ +default").unwrap());
    repdesk(&db).args(["config", "path"]).assert().success().stdout(predicate::str::contains("c.toml"));
    std::fs::write(db.with_extension("toml"), "currency_symbol = \"$\"\n").unwrap();
    repdesk(&db).args(["demo", "--seed", "7"]).assert().success();
    repdesk(&db).args(["render", "--tab", "reps"]).assert().success().stdout(predicate::str::contains("$29"));
    std::fs::write(db.with_extension("toml"), "currency = 1\n").unwrap();
    // An unknown key is said, with the keys there are, and the command runs.
    repdesk(&db)
        .args(["check"])
        .assert()
        .success()
        .stderr(predicate::str::contains("line 1: there is no setting 'currency'"))
        .stderr(predicate::str::contains("currency_symbol"));
    // A broken config never stands in the way of finding and fixing it, or of completions.
    repdesk(&db).args(["config", "path"]).assert().success();
    repdesk(&db).args(["completions", "bash"]).assert().success().stdout(predicate::str::contains("repdesk"));
    repdesk(&db).arg("man").assert().success().stdout(predicate::str::contains(".TH"));
}

#[test]
fn lead_commands_for_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("leads.db");
    repdesk(&db).args(["rep", "add", "--name", "李娜"]).assert().success();
    repdesk(&db).args(["rep", "add", "--name", "Bob Smith"]).assert().success();
    repdesk(&db)
        .args([
            "lead",
            "add",
            "--name",
            "王伟",
            "--company",
            "王记五金",
            "--phone",
            "+86 139 1234 5678",
            "--owner",
            "李娜",
            "--value",
            "50000",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Added lead 1"));
    // The same customer again, written another way: refused, with who has it.
    repdesk(&db)
        .args(["lead", "add", "--name", "Wang Wei", "--phone", "13912345678"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("lead 1").and(predicate::str::contains("李娜")));
    repdesk(&db)
        .args(["lead", "find", "139-1234-5678"])
        .assert()
        .success()
        .stdout(predicate::str::contains("李娜").and(predicate::str::contains("2026-12-07")));
    repdesk(&db)
        .args(["lead", "find", "nobody"])
        .assert()
        .success()
        .stdout(predicate::str::contains("nobody has this customer"));
    // Bob cannot take it while it is protected; the attempt shows on the Risks tab.
    repdesk(&db)
        .args(["lead", "assign", "1", "Bob Smith", "--claim"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("protected"));
    repdesk(&db).args(["render", "--tab", "risks"]).assert().success().stdout(
        predicate::str::contains("王伟 (王记五金)").and(predicate::str::contains("Bob Smith tried to claim it")),
    );
    repdesk(&db)
        .args(["lead", "log", "1", "visit", "--outcome", "met at the store", "--at", "2026-11-23 10:00"])
        .assert()
        .success();
    repdesk(&db).args(["lead", "stage", "1", "won"]).assert().code(2).stderr(predicate::str::contains("amount"));
    repdesk(&db).args(["lead", "stage", "1", "won", "--amount", "48000"]).assert().success();
    repdesk(&db).args(["sale", "add", "--rep", "李娜", "--amount", "1200", "--lead", "1"]).assert().success();
    let json =
        repdesk(&db).args(["lead", "show", "1", "--format", "json"]).assert().success().get_output().stdout.clone();
    let shown: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(shown[0]["stage"], "won");
    assert_eq!(shown[0]["owner"], "李娜");
    repdesk(&db)
        .args(["render", "--tab", "leaderboard"])
        .assert()
        .success()
        .stdout(predicate::str::contains("¥49,200"));
    repdesk(&db).args(["lead", "add", "--name", "Tom Baker", "--follow-up", "2026-11-20"]).assert().success();
    let queue = repdesk(&db)
        .args(["lead", "list", "--queue", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(queue).unwrap().contains("Tom Baker"));
    repdesk(&db)
        .args(["lead", "stage", "2", "sideways"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("qualified"));
    repdesk(&db).args(["lead", "merge", "1", "2"]).assert().success();
    repdesk(&db).args(["lead", "show", "2"]).assert().code(2);
}

#[test]
fn settings_tune_the_rules_for_app_and_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    repdesk(&db).args(["rep", "add", "--name", "李娜"]).assert().success();
    repdesk(&db)
        .arg("settings")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"ownership.protection_days +14 +default").unwrap());
    repdesk(&db).args(["settings", "set", "ownership.protection_days", "30"]).assert().success();
    repdesk(&db)
        .args(["settings", "set", "ownership.nonsense", "3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the settings are"));
    repdesk(&db).args(["lead", "add", "--name", "王伟", "--owner", "李娜"]).assert().success();
    repdesk(&db).args(["lead", "find", "王伟"]).assert().success().stdout(predicate::str::contains("2026-12-23"));
}

/// Long work draws a progress bar only on a terminal: a script or a pipe sees none.
#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let file = dir.path().join("leads.csv");
    let mut text = String::from("name,phone\n");
    for i in 0..5_000 {
        text.push_str(&format!("Customer {i},139{i:08}\n"));
    }
    std::fs::write(&file, text).unwrap();
    let out = repdesk(&db).args(["import", "leads"]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains('\r') && !err.contains("importing"), "{err:?}");
    let exported = dir.path().join("out.csv");
    let out = repdesk(&db).args(["export", "leads", "--out"]).arg(&exported).output().unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A list cut at its limit says so on stderr, with the flag that lifts it; `--limit 0` is all.
#[test]
fn a_cut_list_says_so_and_limit_0_is_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    repdesk(&db).args(["demo"]).assert().success();
    let out = repdesk(&db).args(["lead", "list", "--all", "--limit", "5", "--format", "csv"]).output().unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(stdout.lines().count(), 6, "a header and five leads: {stdout}");
    assert!(stderr.contains("--limit 0"), "{stderr}");
    let out = repdesk(&db).args(["lead", "list", "--all", "--limit", "0", "--format", "csv"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 301, "every one of the demo's 300 leads");
    assert!(out.stderr.is_empty());
    let out = repdesk(&db).args(["lead", "list", "--queue", "--limit", "0", "--format", "csv"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).lines().count() > 10);
    let out = repdesk(&db).args(["lead", "show", "abc"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("'abc' is not a number") && !err.contains("invalid digit"), "{err}");
}

#[test]
fn the_lost_reasons_are_a_setting_and_a_number_setting_takes_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    repdesk(&db).args(["rep", "add", "--name", "李娜"]).assert().success();
    repdesk(&db).args(["settings", "set", "stages.lost_reasons", "太贵;去了别家;没预算"]).assert().success();
    repdesk(&db)
        .arg("settings")
        .assert()
        .success()
        .stdout(predicate::str::contains("stages.lost_reasons").and(predicate::str::contains("太贵;去了别家;没预算")));
    repdesk(&db)
        .args(["settings", "set", "risk.stale_days", "soon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'soon' is not a number"));
    repdesk(&db).args(["settings", "set", "risk.stale_days", "-3"]).assert().code(2);
}
