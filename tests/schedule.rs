//! The schedule from the command line: shifts with their conflicts, availability, time off,
//! CSV in and out, the calendar file (read back by an iCalendar parser) and the week report.

mod common;

use assert_cmd::Command;
use icalendar::{CalendarComponent, Component, DatePerhapsTime, EventLike};
use predicates::prelude::*;
use std::path::Path;

fn repdesk(db: &Path) -> Command {
    common::repdesk(db)
}

/// Two part-timers: 李娜 (12 h, mornings Mon–Wed) and "Baker, Tom" (any time).
fn team(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = dir.path().join("team.db");
    for (name, max) in [("李娜", "12"), ("Baker, Tom", "20")] {
        repdesk(&db)
            .args(["rep", "add", "--name", name, "--employment", "part-time", "--channel", "store"])
            .args(["--max-weekly-hours", max, "--hourly-rate", "20"])
            .assert()
            .success();
    }
    for day in ["mon", "tue", "wed"] {
        repdesk(&db).args(["availability", "set", "--rep", "李娜", "--day", day, "08:00-14:00"]).assert().success();
    }
    db
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn shifts_are_added_checked_marked_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let db = team(&dir);
    repdesk(&db)
        .args(["shift", "add", "--rep", "李娜", "--date", "2026-11-23", "--start", "09:00", "--end", "13:00"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Shift 1: 李娜 on 2026-11-23, 09:00–13:00 at store."))
        .stderr("");
    // Overlapping and outside her hours: saved, with both warnings.
    repdesk(&db)
        .args(["shift", "add", "--rep", "李娜", "--date", "2026-11-23", "--start", "12:00", "--end", "16:00"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: 李娜 Mon 23 Nov: 12:00–16:00 overlaps 09:00–13:00"))
        .stderr(predicate::str::contains("is outside their availability"));
    // Times the wrong way round: a usage error naming the field, nothing stored.
    repdesk(&db)
        .args(["shift", "add", "--rep", "李娜", "--date", "2026-11-24", "--start", "13:00", "--end", "09:00"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("end: 09:00 is not after 13:00"));
    repdesk(&db)
        .args(["shift", "add", "--rep", "李娜", "--date", "2026-11-24", "--start", "9am", "--end", "13:00"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--start: '9am' is not a time"));
    repdesk(&db).args(["shift", "edit", "2", "--start", "13:00"]).assert().success();
    let list = stdout(repdesk(&db).args(["shift", "list", "--format", "csv"]));
    assert_eq!(
        list,
        "id,rep,date,start,end,location,status\n1,李娜,2026-11-23,09:00,13:00,store,scheduled\n2,李娜,2026-11-23,13:00,16:00,store,scheduled\n"
    );
    repdesk(&db).args(["shift", "mark", "1", "no-show"]).assert().success();
    repdesk(&db)
        .args(["shift", "add", "--rep", "李娜", "--date", "2026-11-30", "--start", "09:00", "--end", "13:00"])
        .assert()
        .success();
    repdesk(&db)
        .args(["shift", "mark", "3", "worked"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has not happened yet"));
    repdesk(&db).args(["shift", "rm", "2"]).assert().success();
    repdesk(&db).args(["shift", "rm", "2"]).assert().failure().stderr(predicate::str::contains("no shift '2'"));
    let list = stdout(repdesk(&db).args(["shift", "list", "--format", "csv"]));
    assert_eq!(list, "id,rep,date,start,end,location,status\n1,李娜,2026-11-23,09:00,13:00,store,no-show\n");
}

#[test]
fn availability_and_time_off() {
    let dir = tempfile::tempdir().unwrap();
    let db = team(&dir);
    repdesk(&db)
        .args(["availability", "set", "--rep", "Baker, Tom", "--day", "sat", "17:00-21:00, 09:00-12:00"])
        .assert()
        .success();
    repdesk(&db)
        .args(["availability", "set", "--rep", "Baker, Tom", "--day", "sun", "09:00-12:00,11:00-13:00"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("09:00–12:00 and 11:00–13:00 overlap"));
    repdesk(&db).args(["availability", "set", "--rep", "李娜", "--day", "wed", ""]).assert().success();
    let list = stdout(repdesk(&db).args(["availability", "list", "--format", "csv"]));
    assert_eq!(
        list,
        "rep,day,start,end\n李娜,mon,08:00,14:00\n李娜,tue,08:00,14:00\nBaker, Tom,sat,09:00,12:00\nBaker, Tom,sat,17:00,21:00\n"
            .replace("Baker, Tom", "\"Baker, Tom\"")
    );
    repdesk(&db)
        .args(["timeoff", "add", "--rep", "李娜", "--from", "2026-11-26", "--to", "2026-11-25"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("to: Wed 25 Nov is before Thu 26 Nov"));
    repdesk(&db)
        .args(["timeoff", "add", "--rep", "李娜", "--from", "2026-11-24", "--to", "2026-11-25", "--reason", "exams"])
        .assert()
        .success();
    repdesk(&db)
        .args(["shift", "add", "--rep", "李娜", "--date", "2026-11-24", "--start", "09:00", "--end", "12:00"])
        .assert()
        .success()
        .stderr(predicate::str::contains("falls in their time off"));
    let list = stdout(repdesk(&db).args(["timeoff", "list", "--format", "csv"]));
    assert_eq!(list, "id,rep,from,to,reason\n1,李娜,2026-11-24,2026-11-25,exams\n");
    repdesk(&db).args(["timeoff", "rm", "1"]).assert().success();
    assert_eq!(stdout(repdesk(&db).args(["timeoff", "list", "--format", "csv"])), "id,rep,from,to,reason\n");
}

#[test]
fn shifts_import_by_line_export_and_import_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = team(&dir);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shifts.csv");
    repdesk(&db)
        .args(["import", "shifts"])
        .arg(&fixture)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("added 3, updated 0, left 0 unchanged, refused 2"))
        .stdout(predicate::str::contains("line 4: start: '25:00' is not a time"))
        .stdout(predicate::str::contains("line 5: rep: no rep 'Nobody'"));
    // The same file again adds nothing.
    repdesk(&db)
        .args(["import", "shifts"])
        .arg(&fixture)
        .assert()
        .stdout(predicate::str::contains("added 0, updated 0, left 3 unchanged, refused 2"));
    let out = dir.path().join("shifts.csv");
    repdesk(&db).args(["export", "shifts", "--out"]).arg(&out).assert().success();
    let exported = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        exported,
        "rep,date,start,end,location,status\n李娜,2026-11-23,09:00,13:00,store,scheduled\n李娜,2026-11-23,12:00,15:00,store,scheduled\n\"Baker, Tom\",2026-11-24,17:00,21:00,phone,scheduled\n"
    );
    let other_dir = tempfile::tempdir().unwrap();
    let other = team(&other_dir);
    repdesk(&other).args(["import", "shifts"]).arg(&out).assert().success();
    repdesk(&other).args(["export", "shifts", "--out"]).arg(dir.path().join("again.csv")).assert().success();
    assert_eq!(std::fs::read_to_string(dir.path().join("again.csv")).unwrap(), exported);
}

fn events(text: &str) -> Vec<icalendar::Event> {
    let unfolded = icalendar::parser::unfold(text);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("a valid calendar");
    let calendar: icalendar::Calendar = parsed.into();
    calendar
        .components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

fn utc(d: Option<DatePerhapsTime>) -> String {
    match d {
        Some(DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(t))) => t.format("%Y-%m-%d %H:%M").to_string(),
        other => panic!("not a UTC time: {other:?}"),
    }
}

#[test]
fn the_calendar_reads_back_with_stable_uids_and_utc_times() {
    let dir = tempfile::tempdir().unwrap();
    let db = team(&dir);
    for (rep, date, start, end) in [
        ("李娜", "2026-11-23", "09:00", "13:00"),
        ("Baker, Tom", "2026-11-24", "17:00", "21:00"),
        ("Baker, Tom", "2026-12-01", "17:00", "21:00"),
    ] {
        repdesk(&db)
            .args(["shift", "add", "--rep", rep, "--date", date, "--start", start, "--end", end])
            .assert()
            .success();
    }
    let ics = |args: &[&str]| {
        let mut cmd = repdesk(&db);
        cmd.env("TZ", "Asia/Shanghai").args(["schedule", "ics"]).args(args);
        stdout(&mut cmd)
    };
    let text = ics(&["--week", "2026-W48"]);
    assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'), "CRLF line ends only");
    assert!(text.split("\r\n").all(|l| l.len() <= 75), "folded at 75 octets");
    let found = events(&text);
    assert_eq!(found.len(), 2);
    // 09:00 in Shanghai is 01:00 UTC.
    assert_eq!(utc(found[0].get_start()), "2026-11-23 01:00");
    assert_eq!(utc(found[0].get_end()), "2026-11-23 05:00");
    assert_eq!(found[0].get_summary(), Some("李娜 · store shift"));
    assert_eq!(found[1].get_location(), Some("store"));
    assert!(text.contains("SUMMARY:Baker\\, Tom · store shift"), "the comma is escaped");
    // The same shift has the same UID in the next file; one rep's calendar holds theirs only.
    let again = events(&ics(&["--week", "2026-W48"]));
    let uids = |e: &[icalendar::Event]| e.iter().map(|e| e.get_uid().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(uids(&found), uids(&again));
    let tom = events(&ics(&["--rep", "Baker, Tom", "--week", "2026-W48"]));
    assert_eq!(uids(&tom), [uids(&found)[1].clone()]);
    // An edited shift is a newer version of its event: same UID, a higher SEQUENCE.
    assert_eq!(found[0].property_value("SEQUENCE"), Some("0"));
    repdesk(&db).args(["shift", "edit", "1", "--end", "14:00"]).assert().success();
    let edited = events(&ics(&["--week", "2026-W48"]));
    assert_eq!(uids(&edited), uids(&found));
    assert_eq!(edited[0].property_value("SEQUENCE"), Some("1"));
    assert!(edited[0].property_value("LAST-MODIFIED").is_some_and(|t| t.ends_with('Z')));
    assert_eq!(utc(edited[0].get_end()), "2026-11-23 06:00");
    let out = dir.path().join("week.ics");
    repdesk(&db)
        .args(["schedule", "ics", "--week", "2026-W49", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote 1 shift(s)"));
    assert_eq!(events(&std::fs::read_to_string(out).unwrap()).len(), 1);
}

#[test]
fn the_week_report_lists_hours_coverage_and_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    repdesk(&db).args(["demo", "--seed", "7"]).assert().success();
    let md = stdout(repdesk(&db).args(["report", "week", "--week", "2026-W48"]));
    assert!(md.starts_with("# Week 48 · 23 Nov–29 Nov 2026\n"), "{md}");
    assert!(md.contains("| rep | Mon 23 | Tue 24 |"), "{md}");
    assert!(md.contains("## Coverage"));
    assert!(md.contains("## Conflicts ("));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(repdesk(&db).args(["report", "week", "--format", "json"]))).unwrap();
    assert_eq!(json["week"], "2026-W48");
    assert_eq!(json["coverage"].as_array().unwrap().len(), 7);
    let conflicts = json["conflicts"].as_array().unwrap();
    assert!(conflicts.iter().all(|c| c["kind"].is_string() && c["message"].is_string()));
    assert_eq!(conflicts.len(), md.lines().filter(|l| l.starts_with("- ")).count(), "the same conflicts in both forms");
}

#[test]
fn copy_and_fill_never_double_book() {
    let dir = tempfile::tempdir().unwrap();
    let db = team(&dir);
    for (rep, date, start, end) in [("李娜", "2026-11-23", "09:00", "13:00"), ("李娜", "2026-11-24", "09:00", "13:00")]
    {
        repdesk(&db)
            .args(["shift", "add", "--rep", rep, "--date", date, "--start", start, "--end", end])
            .assert()
            .success();
    }
    repdesk(&db).args(["timeoff", "add", "--rep", "李娜", "--from", "2026-12-01"]).assert().success();
    repdesk(&db)
        .args(["shift", "copy", "--week", "2026-W49"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Copied 1 shift(s) into 2026-W49, 0 already there; skipped 1."))
        .stdout(predicate::str::contains("skipped 李娜 Tue 1 Dec: 09:00–13:00 falls in their time off"));
    // Copying again adds nothing: those shifts are there.
    repdesk(&db)
        .args(["shift", "copy", "--week", "2026-W49"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Copied 0 shift(s) into 2026-W49, 1 already there; skipped 1."));
    let report: serde_json::Value =
        serde_json::from_str(&stdout(repdesk(&db).args(["report", "week", "--week", "2026-W49", "--format", "json"])))
            .unwrap();
    assert_eq!(report["conflicts"].as_array().unwrap().len(), 0);
    // Two reps every Tuesday morning: 李娜 is off on 1 Dec, so Tom (no windows: any time) is
    // proposed; the slot stays one short rather than booking her on her day off.
    repdesk(&db)
        .args(["need", "add", "--day", "tue", "--start", "09:00", "--end", "13:00", "--reps", "2"])
        .assert()
        .success();
    assert_eq!(
        stdout(repdesk(&db).args(["need", "list", "--format", "csv"])),
        "id,day,start,end,reps,location\n1,tue,09:00,13:00,2,store\n"
    );
    repdesk(&db)
        .args(["shift", "fill", "--week", "2026-W49", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Would add 1 shift(s)"))
        .stdout(predicate::str::contains("Tue 1 Dec Baker, Tom 09:00–13:00 store"))
        .stdout(predicate::str::contains("Left open (1), and why:"))
        .stdout(predicate::str::contains(
            "Tue 1 Dec store 09:00–13:00: 1 more needed — those who could are on another shift then, stored or planned \
             (1 on time off, 1 already on shift)",
        ));
    repdesk(&db)
        .args(["shift", "fill", "--week", "2026-W49"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Added 1 shift(s)"));
    repdesk(&db)
        .args(["shift", "fill", "--week", "2026-W49"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Added 0 shift(s)"));
    let report: serde_json::Value =
        serde_json::from_str(&stdout(repdesk(&db).args(["report", "week", "--week", "2026-W49", "--format", "json"])))
            .unwrap();
    let kinds: Vec<&str> =
        report["conflicts"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["understaffed"]);
}

#[test]
fn windows_that_touch_are_one_and_clearing_the_last_one_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let db = team(&dir);
    repdesk(&db)
        .args(["availability", "set", "--rep", "Baker, Tom", "--day", "mon", "13:00-18:00, 09:00-13:00"])
        .assert()
        .success()
        .stdout("Baker, Tom on Mon: 09:00-18:00.\n");
    repdesk(&db)
        .args(["shift", "add", "--rep", "Baker, Tom", "--date", "2026-11-23", "--start", "09:00", "--end", "18:00"])
        .assert()
        .success()
        .stderr("");
    // His only window gone, he has no limit at all: the command says so.
    repdesk(&db)
        .args(["availability", "set", "--rep", "Baker, Tom", "--day", "mon", ""])
        .assert()
        .success()
        .stderr(predicate::str::contains("no availability window left, so they count as free at any time"));
    // 李娜 keeps Monday and Tuesday: nothing to say.
    repdesk(&db).args(["availability", "set", "--rep", "李娜", "--day", "wed", ""]).assert().success().stderr("");
}

#[test]
fn a_shift_that_cuts_the_next_days_rest_short_is_warned() {
    let dir = tempfile::tempdir().unwrap();
    let db = team(&dir);
    // The rule looks a day either side, so it holds up to 24 h.
    repdesk(&db)
        .args(["settings", "set", "shifts.min_rest_hours", "30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("shifts.min_rest_hours is at most 24"));
    repdesk(&db)
        .args(["shift", "add", "--rep", "Baker, Tom", "--date", "2026-11-24", "--start", "07:00", "--end", "12:00"])
        .assert()
        .success()
        .stderr("");
    repdesk(&db)
        .args(["shift", "add", "--rep", "Baker, Tom", "--date", "2026-11-23", "--start", "14:00", "--end", "21:01"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: Baker, Tom Tue 24 Nov: 07:00–12:00 leaves 9 h 59 min of rest, under 10 h",
        ));
}

#[test]
fn a_file_without_status_or_place_leaves_a_stored_shift_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let db = team(&dir);
    repdesk(&db)
        .args(["shift", "add", "--rep", "李娜", "--date", "2026-11-23", "--start", "09:00", "--end", "13:00"])
        .args(["--location", "phone"])
        .assert()
        .success();
    repdesk(&db).args(["shift", "mark", "1", "worked"]).assert().success();
    let file = dir.path().join("hand.csv");
    std::fs::write(
        &file,
        "rep,date,start,end\n李娜,2026-11-23,09:00:00,13:00:00\n\"Baker, Tom\",2026-11-24,17:00,21:00\n",
    )
    .unwrap();
    repdesk(&db)
        .args(["import", "shifts"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("added 1, updated 0, left 1 unchanged, refused 0"));
    assert_eq!(
        stdout(repdesk(&db).args(["export", "shifts"])),
        "rep,date,start,end,location,status\n李娜,2026-11-23,09:00,13:00,phone,worked\n\"Baker, Tom\",2026-11-24,17:00,21:00,store,scheduled\n"
    );
}

/// A fill accepted after the week changed adds only what still fits: no slot doubled, no
/// rep taken over their maximum, no inactive rep booked.
#[test]
fn an_accepted_fill_is_checked_again_when_it_lands() {
    use repdesk::domain::model::Shift;
    use repdesk::domain::period::Period;
    use repdesk::service::schedule as plan;
    let dir = tempfile::tempdir().unwrap();
    let db = team(&dir);
    repdesk(&db)
        .args(["need", "add", "--day", "mon", "--start", "09:00", "--end", "13:00", "--reps", "1"])
        .assert()
        .success();
    repdesk(&db)
        .args(["need", "add", "--day", "tue", "--start", "09:00", "--end", "13:00", "--reps", "1"])
        .assert()
        .success();
    let mut store = repdesk::store::Store::open(&db, common::clock()).unwrap();
    let week: Period = "2026-W48".parse().unwrap();
    let proposals = plan::propose_fill(
        store.conn(),
        &week,
        repdesk::domain::schedule::Now { today: common::today(), minute: None },
    )
    .unwrap();
    assert_eq!(proposals.len(), 2, "{proposals:?}");
    // Meanwhile Monday's slot is filled from elsewhere.
    let monday = Shift { id: 0, rep_id: proposals[0].rep_id, ..proposals[0].clone() };
    let other = if monday.rep_id == 1 { 2 } else { 1 };
    plan::save_shift(&mut store, &Shift { rep_id: other, ..monday }).unwrap();
    let added = plan::accept_fill(&mut store, &week, &proposals).unwrap().value;
    assert_eq!(added.len(), 1, "only Tuesday is still short: {added:?}");
    assert_eq!(added[0].date, common::today().succ_opt().unwrap());
    assert!(plan::accept_fill(&mut store, &week, &proposals).unwrap().value.is_empty());
}

/// On the real day a shift can be marked once it has started, by the clock: one that starts
/// later today is refused, saying when it starts; one that started this morning is marked.
#[test]
fn on_the_real_day_a_shift_is_marked_once_it_has_started() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let today = chrono::Local::now().date_naive().to_string();
    let run = |args: &[&str]| {
        let mut cmd = assert_cmd::Command::cargo_bin("repdesk").unwrap();
        cmd.env_remove("REPDESK_TODAY").env_remove("REPDESK_DB").env("REPDESK_CONFIG", dir.path().join("none.toml"));
        cmd.env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", "en_US.UTF-8").arg("--db").arg(&db);
        cmd.args(args).assert()
    };
    run(&["rep", "add", "--name", "李娜"]).success();
    run(&["shift", "add", "--rep", "李娜", "--date", &today, "--start", "00:00", "--end", "00:01"]).success();
    run(&["shift", "add", "--rep", "李娜", "--date", &today, "--start", "23:00", "--end", "23:59"]).success();
    run(&["shift", "mark", "1", "worked"]).success();
    // Unless this runs in the last hour of the day, the 23:00 shift is still to come.
    if chrono::Local::now().time() < chrono::NaiveTime::from_hms_opt(22, 59, 0).unwrap()
        && chrono::Local::now().date_naive().to_string() == today
    {
        run(&["shift", "mark", "2", "worked"])
            .code(2)
            .stderr(predicate::str::contains("the shift starts at 23:00; mark it once it has begun"));
    }
}

/// An import says, line by line, the conflicts the shifts it lands bring in, as saving one in
/// the app does; a row that says a shift still to come was worked is refused.
#[test]
fn an_import_of_shifts_names_the_conflicts_it_brings_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = team(&dir);
    let file = dir.path().join("week.csv");
    std::fs::write(
        &file,
        "rep,date,start,end,status\n\
         李娜,2026-11-23,09:00,13:00,worked\n\
         李娜,2026-11-23,12:00,14:00,\n\
         李娜,2026-11-27,09:00,13:00,\n\
         \"Baker, Tom\",2026-11-24,09:00,13:00,\n\
         \"Baker, Tom\",2026-11-30,09:00,13:00,worked\n\
         \"Baker, Tom\",2026-11-29,15:00,23:00,\n\
         \"Baker, Tom\",2026-11-30,06:00,10:00,\n",
    )
    .unwrap();
    repdesk(&db)
        .args(["import", "shifts"])
        .arg(&file)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "line 3: landed with a conflict: 李娜 Mon 23 Nov: 12:00–14:00 overlaps 09:00–13:00",
        ))
        .stdout(predicate::str::contains(
            "line 4: landed with a conflict: 李娜 Fri 27 Nov: 09:00–13:00 is outside their availability",
        ))
        .stdout(predicate::str::contains(
            "line 6: the shift on Mon 30 Nov has not begun, so it cannot be marked worked yet",
        ))
        .stdout(predicate::str::contains("line 5:").not());
    // A short rest between two shifts of the file is one problem, said once; so is an overlap.
    let other = dir.path().join("other.db");
    repdesk(&other).args(["rep", "add", "--name", "Baker, Tom"]).assert().success();
    repdesk(&other).args(["rep", "add", "--name", "李娜"]).assert().success();
    let first = repdesk(&other).args(["import", "shifts"]).arg(&file).output().unwrap();
    let first = String::from_utf8_lossy(&first.stdout);
    assert_eq!(first.matches("of rest").count(), 1, "{first}");
    assert_eq!(first.matches("overlaps").count(), 1, "{first}");
    // What landed is stored: this week's five, and next Monday's 06:00 (the worked one refused).
    let list = stdout(repdesk(&db).args(["shift", "list", "--format", "csv"]));
    assert_eq!(list.lines().count(), 6, "{list}");
    let next = stdout(repdesk(&db).args(["shift", "list", "--week", "2026-W49", "--format", "csv"]));
    assert!(next.contains("2026-11-30,06:00,10:00") && !next.contains("2026-11-30,09:00"), "{next}");
}

/// The dry run places what the fill places, and says so in JSON too: each shift, and each slot
/// left open with why. One 09–18 shift covers the 09–13, 13–18 and 09–18 slots at once.
#[test]
fn the_fill_is_the_dry_run_and_says_why_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = team(&dir);
    for (start, end) in [("09:00", "13:00"), ("13:00", "18:00"), ("09:00", "18:00")] {
        repdesk(&db).args(["need", "add", "--day", "thu", "--start", start, "--end", end]).assert().success();
    }
    // Saturday's slot: 李娜 has no window then and Tom is off.
    repdesk(&db).args(["need", "add", "--day", "sat", "--start", "10:00", "--end", "14:00"]).assert().success();
    repdesk(&db).args(["timeoff", "add", "--rep", "Baker, Tom", "--from", "2026-12-05"]).assert().success();
    let fill = |dry: bool| -> serde_json::Value {
        let mut args = vec!["shift", "fill", "--week", "2026-W49", "--format", "json"];
        if dry {
            args.push("--dry-run");
        }
        serde_json::from_str(&stdout(repdesk(&db).args(&args))).unwrap()
    };
    let dry = fill(true);
    assert_eq!(dry["method"], "exact");
    assert_eq!(dry["dry_run"], true);
    let shifts = dry["shifts"].as_array().unwrap();
    assert_eq!(shifts.len(), 1, "{dry}");
    assert_eq!((shifts[0]["rep"].as_str(), shifts[0]["start"].as_str()), (Some("Baker, Tom"), Some("09:00")));
    assert_eq!(shifts[0]["end"], "18:00");
    let open = dry["left_open"].as_array().unwrap();
    assert_eq!(open.len(), 1, "{dry}");
    assert_eq!(open[0]["date"], "2026-12-05");
    assert_eq!(open[0]["reason"], "time-off");
    assert_eq!(open[0]["blocked"]["time-off"], 1);
    assert_eq!(open[0]["blocked"]["unavailable"], 1);
    // The fill places exactly what the dry run proposed.
    let done = fill(false);
    assert_eq!(done["shifts"], dry["shifts"]);
    assert_eq!(fill(false)["shifts"].as_array().unwrap().len(), 0, "nothing more to do");
}

/// A command printing into a pipe closed before it writes (`| head`) ends quietly: no panic,
/// and what it stores is stored.
#[test]
#[cfg(unix)]
fn a_closed_pipe_is_not_a_crash() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let db = team(&dir);
    repdesk(&db).args(["need", "add", "--day", "thu", "--start", "09:00", "--end", "13:00"]).assert().success();
    let commands: [&[&str]; 5] =
        [&["shift", "fill", "--week", "2026-W49"], &["rep", "list"], &["--help"], &["completions", "bash"], &["man"]];
    for args in commands {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_repdesk"))
            .args(["--db", db.to_str().unwrap(), "--today", "2026-11-23"])
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader is gone before anything is written
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked") && !stderr.contains("stopped"), "{args:?}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{args:?}");
        assert!(out.status.success() || out.status.signal() == Some(13), "{args:?}: {:?}", out.status);
    }
    let listed = stdout(repdesk(&db).args(["shift", "list", "--week", "2026-W49", "--format", "csv"]));
    assert_eq!(listed.lines().count(), 2, "the fill stored its shift: {listed}");
}

/// A rep who covers a slot only with two shifts around one of their own stored ones: the
/// plan lands whole, as the dry run showed it.
#[test]
fn a_plan_that_covers_only_together_lands_together() {
    let dir = tempfile::tempdir().unwrap();
    let db = team(&dir);
    repdesk(&db).args(["rep", "deactivate", "李娜"]).assert().success();
    repdesk(&db)
        .args(["shift", "add", "--rep", "Baker, Tom", "--date", "2026-12-03", "--start", "12:00", "--end", "13:00"])
        .assert()
        .success();
    repdesk(&db).args(["need", "add", "--day", "thu", "--start", "09:00", "--end", "18:00"]).assert().success();
    let dry = stdout(repdesk(&db).args(["shift", "fill", "--week", "2026-W49", "--dry-run", "--format", "csv"]));
    let done = stdout(repdesk(&db).args(["shift", "fill", "--week", "2026-W49", "--format", "csv"]));
    assert_eq!(dry, done);
    assert_eq!(
        done,
        "date,rep,start,end,location\n2026-12-03,\"Baker, Tom\",09:00,12:00,store\n2026-12-03,\"Baker, Tom\",13:00,18:00,store\n"
    );
}
