//! Undo: every kind of change, undone, leaves the database as it was before it (every table but
//! the history itself), and undone again (a redo) as it was after it.

mod common;

use chrono::Duration;
use common::{fixture, repdesk, today};
use repdesk::domain::lead_form::fresh;
use repdesk::domain::model::{Activity, ActivityKind, Lead, Location, Sale, Shift, ShiftStatus, Stage, TimeOff};
use repdesk::domain::money::Money;
use repdesk::domain::period::{Period, PeriodKind};
use repdesk::domain::rep::RepFields;
use repdesk::service::error::{Error, Kind};
use repdesk::service::{self, history, leads, schedule};
use repdesk::store::{self, Store};
use std::collections::BTreeMap;

/// Every row of every table but the history, as text, sorted.
fn dump(conn: &rusqlite::Connection) -> BTreeMap<String, Vec<String>> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = BTreeMap::new();
    // Not the history itself, nor the risk engine's own bookkeeping (the leads to check next,
    // the clashes it found, its remembered count), which its next check settles.
    let skipped = ["changes", "audit_log", "change_open", "leads_touched", "contact_clashes", "risk_memo"];
    for table in tables.into_iter().filter(|t| !skipped.contains(&t.as_str())) {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let width = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..width).map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap())).collect())
            })
            .unwrap()
            .collect::<Result<Vec<Vec<String>>, _>>()
            .unwrap()
            .into_iter()
            .map(|cells| cells.join("|"))
            .collect();
        rows.sort();
        out.insert(table, rows);
    }
    out
}

fn customer(name: &str, phone: &str) -> Lead {
    Lead { name: name.into(), phone: Some(phone.into()), ..fresh(today()) }
}

fn first_id(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Runs `change`, then undoes it and checks the database is as before, then undoes the undo
/// and checks it is as after.
fn round_trip(store: &mut Store, what: &str, change: impl FnOnce(&mut Store) -> i64) {
    let before = dump(store.conn());
    let id = change(store);
    let after = dump(store.conn());
    assert!(before != after, "{what}: the change changed nothing");
    let undo = history::undo(store, Some(id)).unwrap_or_else(|e| panic!("{what}: {e}"));
    let undone = dump(store.conn());
    let differs: Vec<&String> = before.keys().filter(|t| before.get(*t) != undone.get(*t)).collect();
    assert!(differs.is_empty(), "{what}: undo left {differs:?} changed");
    history::undo(store, Some(undo.change)).unwrap_or_else(|e| panic!("{what}, redo: {e}"));
    assert!(dump(store.conn()) == after, "{what}: redo");
}

#[test]
fn every_kind_of_change_round_trips() {
    let mut store = common::demo_store();
    let pool = first_id(&store, "SELECT MIN(id) FROM leads WHERE owner_id IS NULL AND stage = 'new'");
    let owned = first_id(&store, "SELECT MIN(id) FROM leads WHERE owner_id IS NOT NULL AND stage = 'contacted'");
    let released = first_id(&store, "SELECT MAX(id) FROM leads WHERE owner_id IS NOT NULL AND stage = 'contacted'");
    let rep = first_id(&store, "SELECT MIN(id) FROM reps WHERE active = 1");
    let s = &mut store;

    round_trip(s, "add rep", |s| {
        service::add_rep(s, &RepFields { name: "周杰".into(), ..RepFields::default() }.validate().unwrap())
            .unwrap()
            .change
    });
    round_trip(s, "edit rep", |s| {
        let mut fields = RepFields::of(&store::reps::get(s.conn(), rep).unwrap());
        fields.team = "华东".into();
        service::edit_rep(s, rep, &fields.validate().unwrap()).unwrap().change
    });
    round_trip(s, "deactivate rep", |s| service::set_rep_active(s, rep, false).unwrap().change);
    round_trip(s, "add lead", |s| leads::add(s, customer("王芳", "13811112222"), Some(rep), false).unwrap().change);
    round_trip(s, "assign", |s| leads::assign(s, pool, rep, true).unwrap().change);
    round_trip(s, "release", |s| leads::release(s, released).unwrap().change);
    round_trip(s, "log with follow-up", |s| {
        let at = s.now();
        let a = Activity { lead_id: owned, rep_id: None, kind: ActivityKind::Visit, at, outcome: None, note: None };
        leads::log(s, a, Some(today() + Duration::days(2))).unwrap().change
    });
    round_trip(s, "won", |s| leads::set_stage(s, owned, Stage::Won, None, Some(Money(88_800)), None).unwrap().change);
    round_trip(s, "lost", |s| leads::set_stage(s, owned, Stage::Lost, Some("price"), None, None).unwrap().change);
    round_trip(s, "sale", |s| {
        let sale = Sale { lead_id: Some(owned), rep_id: rep, amount: Money(1_000), closed_on: today(), product: None };
        leads::add_sale(s, sale).unwrap().change
    });
    round_trip(s, "follow-up", |s| leads::set_follow_up(s, owned, Some(today() + Duration::days(9))).unwrap().change);
    round_trip(s, "edit lead", |s| {
        let lead = Lead { note: Some("回访".into()), ..store::leads::get(s.conn(), owned).unwrap() };
        leads::edit(s, &lead).unwrap().change
    });
    round_trip(s, "merge", |s| leads::merge(s, owned, pool).unwrap().change);
    let week = Period::containing(PeriodKind::Week, today() + Duration::days(7));
    let shift = Shift {
        id: 0,
        rep_id: rep,
        date: week.first_day(),
        start_min: 9 * 60,
        end_min: 13 * 60,
        location: Location::Store,
        status: ShiftStatus::Scheduled,
    };
    round_trip(s, "add shift", |s| schedule::save_shift(s, &shift).unwrap().change);
    let today_shift = first_id(s, "SELECT MIN(id) FROM shifts WHERE date = '2026-11-23'");
    round_trip(s, "edit shift", |s| {
        let old = store::schedule::shift(s.conn(), today_shift).unwrap();
        schedule::save_shift(s, &Shift { end_min: old.end_min - 30, ..old }).unwrap().change
    });
    round_trip(s, "mark shift", |s| schedule::mark_shift(s, today_shift, None).unwrap().change);
    round_trip(s, "remove shift", |s| schedule::remove_shift(s, today_shift).unwrap().change);
    round_trip(s, "copy last week", |s| schedule::copy_last_week(s, &week).unwrap().change);
    round_trip(s, "availability", |s| {
        schedule::set_week_availability(s, rep, &vec![vec![(600, 900)]; 7]).unwrap().change
    });
    let off = TimeOff { rep_id: rep, from: today() + Duration::days(3), to: today() + Duration::days(4), reason: None };
    round_trip(s, "add time off", |s| schedule::add_time_off(s, &off).unwrap().change);
    let off_id = schedule::add_time_off(s, &off).unwrap().value;
    round_trip(s, "remove time off", |s| schedule::remove_time_off(s, off_id).unwrap().change);
    let need = repdesk::domain::model::StaffingNeed {
        weekday: 6,
        start_min: 600,
        end_min: 1080,
        location: Location::Store,
        reps_needed: 3,
    };
    round_trip(s, "add need", |s| schedule::add_need(s, &need).unwrap().change);
    round_trip(s, "fill", |s| {
        let proposals =
            schedule::propose_fill(s.conn(), &week, repdesk::domain::schedule::Now { today: today(), minute: None })
                .unwrap();
        assert!(!proposals.is_empty());
        schedule::accept_fill(s, &week, &proposals).unwrap().change
    });
    let need_id = schedule::add_need(s, &need).unwrap().value;
    round_trip(s, "remove need", |s| schedule::remove_need(s, need_id).unwrap().change);
    round_trip(s, "setting", |s| service::set_setting(s, "ownership.protection_days", 21).unwrap().change);
    // A rep's claim (not the owner's hand-over) of a lead in the pool.
    let in_pool = first_id(s, "SELECT MIN(id) FROM leads WHERE owner_id IS NULL AND stage = 'new'");
    round_trip(s, "claim", |s| leads::assign(s, in_pool, rep, false).unwrap().change);
}

#[test]
fn the_sweep_of_lapsed_protection_round_trips() {
    // Three weeks on, protection has lapsed on leads the demo gave out.
    let later = repdesk::domain::clock::Clock::fixed(today() + Duration::days(21));
    let mut store = Store::open_in_memory(common::clock()).unwrap();
    service::load_demo(&mut store, repdesk::domain::demo::DemoSize::SMALL, 7, false).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    store.conn().execute("VACUUM INTO ?1", [path.to_string_lossy()]).unwrap();
    let mut store = Store::open(&path, later).unwrap();
    round_trip(&mut store, "sweep", |s| leads::sweep(s).unwrap().expect("leads lapsed in three weeks").change);
}

#[test]
fn imports_of_every_kind_round_trip_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    repdesk(&db).args(["demo"]).assert().success();
    let conn = || rusqlite::Connection::open(&db).unwrap();
    for (kind, file) in [
        ("reps", "sales_teams.csv"),
        ("leads", "zoho_leads.csv"),
        ("leads", "export/salesforce_leads.csv"),
        ("deals", "pipedrive_deals.csv"),
    ] {
        let before = dump(&conn());
        let (code, out) = common::run(repdesk(&db).args(["import", kind]).arg(fixture(file)));
        assert!(code == 0 || code == 2, "{file}: {out}");
        let after = dump(&conn());
        assert!(before != after, "{file} imported nothing: {out}");
        // The import names the change it was; undoing that change by its id takes it back.
        let id = out
            .split("change #")
            .nth(1)
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
            .unwrap_or_else(|| panic!("{file}: no change named in {out}"));
        let (code, out) = common::run(repdesk(&db).args(["undo", id]));
        assert_eq!(code, 0, "{file}: {out}");
        assert!(out.starts_with(&format!("Undid #{id}")), "{out}");
        assert!(dump(&conn()) == before, "{file}: undo");
        let (code, out) = common::run(repdesk(&db).arg("undo"));
        assert_eq!(code, 0, "{file}: {out}");
        assert!(out.starts_with("Redid #"), "{out}");
        assert!(dump(&conn()) == after, "{file}: redo");
    }
    // Shifts of two of the demo's reps, next week.
    let names: Vec<String> = conn()
        .prepare("SELECT name FROM reps WHERE active = 1 ORDER BY id LIMIT 2")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let shifts = dir.path().join("shifts.csv");
    let text = format!(
        "rep,date,start,end,location\n{0},2026-12-07,09:00,13:00,store\n{1},2026-12-08,13:00,18:00,phone\n",
        names[0], names[1]
    );
    std::fs::write(&shifts, text).unwrap();
    let before = dump(&conn());
    let (code, out) = common::run(repdesk(&db).args(["import", "shifts"]).arg(&shifts));
    assert_eq!(code, 0, "{out}");
    let after = dump(&conn());
    assert_eq!(after["shifts"].len(), before["shifts"].len() + 2, "{out}");
    common::run(repdesk(&db).arg("undo"));
    assert!(dump(&conn()) == before, "shifts: undo");
    common::run(repdesk(&db).arg("undo"));
    assert!(dump(&conn()) == after, "shifts: redo");
    let (_, listed) = common::run(repdesk(&db).args(["history", "--format", "json", "--limit", "3"]));
    let rows: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3);
    assert!(rows[0]["id"].as_i64().unwrap() > rows[1]["id"].as_i64().unwrap(), "newest first");
}

#[test]
fn a_change_whose_rows_a_later_change_touched_is_refused_naming_it() {
    let mut store = common::demo_store();
    let rep = first_id(&store, "SELECT MIN(id) FROM reps WHERE active = 1");
    let added = leads::add(&mut store, customer("李雷", "13900001111"), Some(rep), false).unwrap();
    let followed = leads::set_follow_up(&mut store, added.value.id, Some(today() + Duration::days(1))).unwrap();
    let before = dump(store.conn());
    match history::undo(&mut store, Some(added.change)) {
        Err(Error::Undo { id, blocked }) => {
            let text = history::refusal_text(repdesk::text::Catalogue::en(), id, &blocked);
            assert!(text.contains(&format!("#{}", followed.change)) && text.contains("李雷"), "{text}");
        }
        other => panic!("{other:?}"),
    }
    assert!(dump(store.conn()) == before, "a refused undo writes nothing");
    // Undone newest first, both go: the follow-up and its undo cancel out, so they no longer
    // stand in the way of the lead's own undo.
    let taken_back = history::undo(&mut store, Some(followed.change)).unwrap();
    let before_add = {
        let undone = history::undo(&mut store, Some(added.change)).unwrap();
        assert!(store::leads::get(store.conn(), added.value.id).is_err(), "the lead is gone");
        undone
    };
    // Redo the follow-up's undo (the follow-up is back): now the lead cannot come back before
    // the follow-up goes, and the refusal names the newest link of that chain.
    history::undo(&mut store, Some(before_add.change)).unwrap();
    let redone = history::undo(&mut store, Some(taken_back.change)).unwrap();
    match history::undo(&mut store, Some(added.change)) {
        Err(Error::Undo { blocked, .. }) => {
            assert!(matches!(&*blocked, store::changes::Blocked::Later(c) if c.id == redone.change), "{blocked:?}")
        }
        other => panic!("{other:?}"),
    }
    // The demo itself was not recorded row by row: it says so.
    let refused = history::undo(&mut store, Some(1)).unwrap_err();
    assert!(matches!(refused, Error::Undo { .. }) && refused.kind() == Kind::Usage, "{refused}");
    assert!(refused.to_string().contains("demo"), "{refused}");
}

#[test]
fn every_table_is_captured_as_its_columns_are_by_the_connection_that_writes() {
    let mut store = common::demo_store();
    let count = |store: &Store, schema: &str| -> i64 {
        let sql = format!("SELECT COUNT(*) FROM {schema} WHERE type = 'trigger' AND name LIKE 'capture%'");
        store.conn().query_row(&sql, [], |r| r.get(0)).unwrap()
    };
    // The file holds none (a process that only reads never parses them); a demo load records
    // no rows and leaves the connection without them.
    assert_eq!(count(&store, "sqlite_schema"), 0);
    assert_eq!(count(&store, "sqlite_temp_schema"), 0);
    service::set_setting(&mut store, "ownership.protection_days", 20).unwrap();
    let tables = store::changes::tables(store.conn()).unwrap();
    assert!(tables.len() >= 13, "{}", tables.len());
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    for expected in ["reps", "leads", "activities", "sales", "deals", "lead_phones", "shifts", "settings", "targets"] {
        assert!(names.contains(&expected), "{expected} is not captured: {names:?}");
    }
    for table in &tables {
        for (name, sql) in store::changes::capture_triggers(table) {
            let stored: String = store
                .conn()
                .query_row("SELECT sql FROM sqlite_temp_schema WHERE type = 'trigger' AND name = ?1", [&name], |r| {
                    r.get(0)
                })
                .unwrap_or_else(|_| panic!("{name} is missing"));
            assert_eq!(stored, sql.replacen("CREATE TEMP TRIGGER", "CREATE TRIGGER", 1), "{name}");
        }
    }
    assert_eq!(count(&store, "sqlite_temp_schema"), 3 * tables.len() as i64);
}

/// An import large enough that undoing it rebuilds the leads' indexes at the end, undone and
/// redone on a database that already holds a team: the same rows, indexes and integrity.
#[test]
fn a_large_import_undoes_and_redoes_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    repdesk(&db).args(["demo"]).assert().success();
    let file = dir.path().join("many.csv");
    let mut text = String::from("Record Id,First Name,Last Name,Company,Mobile,Email,Lead Status,Lead Owner\n");
    for i in 0..6_000 {
        text.push_str(&format!(
            "r{i},名{i},姓{},公司{i},+86 139 {:04} {:04},p{i}@x{i}.example,Contacted,新人{:02}\n",
            i % 97,
            i / 1000,
            i % 10_000,
            i % 12
        ));
    }
    std::fs::write(&file, text).unwrap();
    let conn = || rusqlite::Connection::open(&db).unwrap();
    let before = dump(&conn());
    let (code, out) = common::run(repdesk(&db).args(["import", "leads"]).arg(&file));
    assert_eq!(code, 0, "{out}");
    let after = dump(&conn());
    assert_eq!(after["leads"].len(), before["leads"].len() + 6_000);
    for (step, expected) in [("undo", &before), ("redo", &after), ("undo again", &before)] {
        let (code, out) = common::run(repdesk(&db).arg("undo"));
        assert_eq!(code, 0, "{step}: {out}");
        assert!(dump(&conn()) == *expected, "{step}");
        let check: String = conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok", "{step}");
        let indexes: i64 = conn()
            .query_row("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'leads'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(indexes >= 14, "{step}: the leads' indexes are back ({indexes})");
    }
}

/// Undoing a large import checks the foreign keys once at the end: a sale recorded later on
/// one of its leads (which does not touch the lead's row) stops it, and the refusal names it.
#[test]
fn a_large_import_is_not_undone_under_a_later_sale_on_one_of_its_leads() {
    let mut store = common::demo_store();
    let rep = first_id(&store, "SELECT MIN(id) FROM reps WHERE active = 1");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.csv");
    let mut text = String::from("Name,Mobile\n");
    for i in 0..6_000 {
        text.push_str(&format!("客户{i},+86 137 {:04} {:04}\n", i / 1000, i % 10_000));
    }
    std::fs::write(&file, text).unwrap();
    let db = dir.path().join("a.db");
    drop(store);
    let (code, out) = common::run(repdesk(&db).arg("demo"));
    assert_eq!(code, 0, "{out}");
    let (code, out) = common::run(repdesk(&db).args(["import", "leads"]).arg(&file));
    assert_eq!(code, 0, "{out}");
    store = Store::open(&db, common::clock()).unwrap();
    let import = store::changes::latest(store.conn()).unwrap().unwrap();
    let lead = first_id(&store, "SELECT MAX(id) FROM leads");
    let sale = Sale { lead_id: Some(lead), rep_id: rep, amount: Money(50_000), closed_on: today(), product: None };
    let sold = leads::add_sale(&mut store, sale).unwrap();
    let before = dump(store.conn());
    let refused = history::undo(&mut store, Some(import.id)).unwrap_err();
    assert!(refused.to_string().contains(&format!("#{}", sold.change)), "{refused}");
    assert!(dump(store.conn()) == before, "a refused undo writes nothing");
    let enforced: bool = store.conn().pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
    assert!(enforced, "foreign keys are on again");
    // Undone newest first, both go, and the leads' rows are as before the import.
    history::undo(&mut store, Some(sold.change)).unwrap();
    history::undo(&mut store, Some(import.id)).unwrap();
    let check: String = store.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    assert_eq!(store::maintenance::check(&store).unwrap(), Vec::<String>::new());
}

/// A change that touches one row several times goes back by its net effect: a merge of two
/// leads with the same phone (the phone moved to the kept lead, then dropped), and new
/// availability windows that took the ids of the ones they replaced.
#[test]
fn rows_a_change_touched_several_times_go_back_as_they_were() {
    let mut store = common::demo_store();
    let rep = first_id(&store, "SELECT MAX(id) FROM reps WHERE active = 1");
    let a = leads::add(&mut store, customer("赵敏", "13912340000"), Some(rep), false).unwrap().value;
    let b = leads::add(&mut store, customer("Zhao Min", "13912340000"), None, true).unwrap().value;
    store.conn().execute("UPDATE leads SET external_id = 'crm-9' WHERE id = ?1", [b.id]).unwrap();
    round_trip(&mut store, "merge of one phone", |s| leads::merge(s, a.id, b.id).unwrap().change);
    // The rep with the highest id: a new window reuses the id of the one it replaces.
    round_trip(&mut store, "availability again", |s| {
        schedule::set_week_availability(s, rep, &vec![vec![(480, 720)]; 7]).unwrap().change
    });
}

/// A small undo that would leave a row pointing nowhere (a shift of a rep the change added) is
/// refused, naming the change that wrote that row; nothing changes.
#[test]
fn an_undo_under_a_row_that_refers_to_it_names_that_change() {
    let mut store = common::demo_store();
    let added =
        service::add_rep(&mut store, &RepFields { name: "钱多多".into(), ..RepFields::default() }.validate().unwrap())
            .unwrap();
    let week = Period::containing(PeriodKind::Week, today() + Duration::days(7));
    let shift = Shift {
        id: 0,
        rep_id: added.value.id,
        date: week.first_day(),
        start_min: 600,
        end_min: 900,
        location: Location::Store,
        status: ShiftStatus::Scheduled,
    };
    let planned = schedule::save_shift(&mut store, &shift).unwrap();
    let before = dump(store.conn());
    let refused = history::undo(&mut store, Some(added.change)).unwrap_err();
    assert!(refused.to_string().contains(&format!("#{}", planned.change)), "{refused}");
    assert!(dump(store.conn()) == before);
    let enforced: bool = store.conn().pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
    assert!(enforced);
}

/// The 300 leads of the demo, exported and imported into a database of their own, undone:
/// exactly the rows the import added go (the reps it made for their owners too), and a redo
/// brings them all back.
#[test]
fn an_import_of_the_300_lead_file_undoes_to_what_was_there() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.db");
    repdesk(&demo).arg("demo").assert().success();
    let file = dir.path().join("leads.csv");
    repdesk(&demo).args(["export", "leads", "--out"]).arg(&file).assert().success();
    let db = dir.path().join("shop.db");
    repdesk(&db).args(["rep", "add", "--name", "店长"]).assert().success();
    let conn = || rusqlite::Connection::open(&db).unwrap();
    let before = dump(&conn());
    let (code, out) = common::run(repdesk(&db).args(["import", "leads"]).arg(&file));
    assert_eq!(code, 0, "{out}");
    let after = dump(&conn());
    assert_eq!(after["leads"].len(), 300, "{out}");
    let (code, out) = common::run(repdesk(&db).arg("undo"));
    assert_eq!(code, 0, "{out}");
    assert!(dump(&conn()) == before, "undo");
    assert_eq!(dump(&conn())["reps"].len(), 1, "the reps the file made are gone, the one before stays");
    common::run(repdesk(&db).arg("undo"));
    assert!(dump(&conn()) == after, "redo");
}
