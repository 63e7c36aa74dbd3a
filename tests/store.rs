//! The store on a real temp file: migrations, refusal of newer files, permissions, audit.

mod common;

use repdesk::domain::rep::RepFields;
use repdesk::service;
use repdesk::store::{self, Store, StoreError, schema_version};

fn fields(name: &str) -> RepFields {
    RepFields { name: name.into(), ..RepFields::default() }
}

#[test]
fn a_new_file_is_migrated_to_the_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/repdesk.db");
    let store = Store::open(&path, common::clock()).unwrap();
    let version: i64 = store.conn().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, schema_version());
    let journal: String = store.conn().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(journal, "wal");
    let fk: i64 = store.conn().pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    assert!(store.is_empty().unwrap());
    drop(store);
    // Opening again changes nothing.
    let again = Store::open(&path, common::clock()).unwrap();
    assert!(again.is_empty().unwrap());
}

#[cfg(unix)]
#[test]
fn the_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("repdesk.db");
    Store::open(&path, common::clock()).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_newer_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path, common::clock()) {
        Err(StoreError::TooNew { found, .. }) => assert_eq!(found, 99),
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("a newer file was opened"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("future.db-wal").exists());
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "this is not sqlite, just some text that is long enough to have a header").unwrap();
    assert!(Store::open(&path, common::clock()).is_err());
}

#[test]
fn every_write_is_one_change_with_the_rows_it_touched() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("a.db"), common::clock()).unwrap();
    let count = |s: &Store| store::audit::count(s.conn()).unwrap();
    let added = service::add_rep(&mut store, &fields("李娜").validate().unwrap()).unwrap();
    let rep = added.value.clone();
    // The rep and the four items of the onboarding checklist every rep starts with.
    assert_eq!(count(&store), 5);
    assert_eq!(added.summary.key, "change.rep_add");
    let mut edited = fields("李娜");
    edited.team = "North".into();
    let edit = service::edit_rep(&mut store, rep.id, &edited.validate().unwrap()).unwrap();
    assert_eq!(count(&store), 6);
    service::set_rep_active(&mut store, rep.id, false).unwrap();
    assert_eq!(count(&store), 7);
    let changes = store::changes::list(store.conn(), 10, None).unwrap();
    let kinds: Vec<_> = changes.iter().rev().map(|c| c.summary.key.as_str()).collect();
    assert_eq!(kinds, ["change.rep_add", "change.rep_edit", "change.rep_deactivate"]);
    let rows: Vec<_> = changes.iter().rev().map(|c| c.rows).collect();
    assert_eq!(rows, [5, 1, 1]);
    assert!(changes.iter().all(|c| c.at.starts_with(common::TODAY)));
    // The audit row of the edit holds the whole row before and after.
    let (before, after): (String, String) = store
        .conn()
        .query_row("SELECT before, after FROM audit_log WHERE change_id = ?1", [edit.change], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert!(before.contains("\"team\":null") && before.contains("\"name\":\"李娜\""), "{before}");
    assert!(after.contains("North") && after.contains("\"hourly_rate_cents\":0"), "{after}");
}

#[test]
fn a_refused_write_leaves_nothing_behind() {
    let mut store = Store::open_in_memory(common::clock()).unwrap();
    service::add_rep(&mut store, &fields("Bob").validate().unwrap()).unwrap();
    let err = service::add_rep(&mut store, &fields("Bob").validate().unwrap()).unwrap_err();
    assert!(matches!(err, service::error::Error::Conflict { field: Some("name"), .. }), "{err}");
    assert_eq!(store::audit::count(store.conn()).unwrap(), 5, "Bob and his checklist");
    assert_eq!(store::changes::count(store.conn()).unwrap(), 1, "a refused write is no change");
    assert_eq!(store::reps::list(store.conn(), true).unwrap().len(), 1);
}

#[test]
fn deactivating_keeps_history() {
    let mut store = common::demo_store();
    let rep = store::reps::list(store.conn(), false).unwrap().remove(0);
    let sales_before: i64 =
        store.conn().query_row("SELECT COUNT(*) FROM sales WHERE rep_id = ?1", [rep.id], |r| r.get(0)).unwrap();
    service::set_rep_active(&mut store, rep.id, false).unwrap();
    let sales_after: i64 =
        store.conn().query_row("SELECT COUNT(*) FROM sales WHERE rep_id = ?1", [rep.id], |r| r.get(0)).unwrap();
    assert_eq!(sales_before, sales_after);
    assert!(!store::reps::list(store.conn(), false).unwrap().iter().any(|r| r.id == rep.id));
    assert!(store::reps::list(store.conn(), true).unwrap().iter().any(|r| r.id == rep.id && !r.active));
    // A rep with history cannot be deleted outright: the schema restricts it.
    assert!(store.conn().execute("DELETE FROM reps WHERE id = ?1", [rep.id]).is_err());
}

#[test]
fn the_demo_is_sound_and_refuses_a_team_it_would_replace() {
    let mut store = common::demo_store();
    assert!(store::maintenance::check(&store).unwrap().is_empty());
    let err = service::load_demo(&mut store, repdesk::domain::demo::DemoSize::SMALL, 7, false).unwrap_err();
    assert!(matches!(err, service::error::Error::Conflict { .. }));
    assert!(err.to_string().contains("--force"), "{err}");
    service::load_demo(&mut store, repdesk::domain::demo::DemoSize::SMALL, 8, true).unwrap();
    assert_eq!(store::reps::list(store.conn(), true).unwrap().len(), 8);
}

/// What the queue rule looks at, read off a stored lead.
fn facts_of(store: &Store, lead: &repdesk::domain::model::Lead) -> repdesk::domain::queue::QueueFacts {
    let claimed_stage = store::lead_writes::ownership(store.conn(), lead.id).unwrap().claimed_stage;
    repdesk::domain::queue::QueueFacts {
        open: lead.stage.is_open(),
        owned: lead.owner_id.is_some(),
        next_follow_up: lead.next_follow_up,
        created_on: lead.created_on,
        last_activity_at: lead.last_activity_at,
        protected_until: lead.protected_until,
        no_progress: claimed_stage == Some(lead.stage),
    }
}

#[test]
fn queue_counts_match_the_rows() {
    let store = common::demo_store();
    let day = repdesk::domain::queue::QueueDay { today: common::today(), stale_days: 7, warn_days: 3 };
    let counts = store::leads::queue_counts(store.conn(), &day).unwrap();
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    assert!(counts.iter().all(|(_, n)| *n > 0), "every part of the queue has leads in the demo: {counts:?}");
    let rows = store::leads::review_queue(store.conn(), &day, "", 10_000).unwrap();
    assert_eq!(rows.len() as i64, total);
    assert!(rows.windows(2).all(|w| w[0].reason <= w[1].reason), "queue out of order");
    // Every row's reason agrees with the domain rule.
    for row in &rows {
        let lead = store::leads::get(store.conn(), row.id).unwrap();
        let facts = facts_of(&store, &lead);
        assert_eq!(repdesk::domain::queue::reason(&facts, &day), row.reason, "lead {}", row.id);
    }
    // And no lead the rule would queue is missing.
    let all: i64 = store.conn().query_row("SELECT COUNT(*) FROM leads", [], |r| r.get(0)).unwrap();
    let mut queued = 0;
    for id in 1..=all {
        let lead = store::leads::get(store.conn(), id).unwrap();
        let facts = facts_of(&store, &lead);
        queued += i64::from(repdesk::domain::queue::reason(&facts, &day).is_some());
    }
    assert_eq!(queued, total);
    let filtered = store::leads::review_queue(store.conn(), &day, &rows[0].name, 100).unwrap();
    assert!(filtered.iter().any(|r| r.id == rows[0].id));
}

#[test]
fn import_reps_adds_updates_and_refuses_by_line() {
    let mut store = Store::open_in_memory(common::clock()).unwrap();
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sales_teams.csv")).unwrap();
    let table = repdesk::interchange::csv_in::parse(&text).unwrap();
    let rows = repdesk::interchange::reps::file(&table, &[]).unwrap();
    let dry = service::import_reps(&mut store, &rows, true).unwrap();
    assert_eq!(dry.change(), None, "a dry run is no change");
    let dry = dry.into_report();
    assert_eq!(dry.added, 35);
    assert!(store.is_empty().unwrap(), "a dry run wrote");
    let imported = service::import_reps(&mut store, &rows, false).unwrap();
    assert!(imported.change().is_some(), "an import is one change");
    let report = imported.into_report();
    assert_eq!((report.added, report.refused.len()), (35, 0));
    let again = service::import_reps(&mut store, &rows, false).unwrap().into_report();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 35));

    let broken = repdesk::interchange::csv_in::parse(
        "name,email,hourly rate\nAna,ana@x.com,18\n,nobody@x.com,10\nTom,not-an-email,10\n",
    )
    .unwrap();
    let report = service::import_reps(&mut store, &repdesk::interchange::reps::file(&broken, &[]).unwrap(), false)
        .unwrap()
        .into_report();
    // The nameless row is refused; Tom lands without the e-mail that is none, said as a dropped cell.
    assert_eq!(report.added, 2);
    let lines: Vec<u64> = report.refused.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3]);
    assert_eq!((report.dropped[0].line, report.dropped[0].cell.value.as_str()), (4, "not-an-email"));
}

/// The triggers keep `rep_days` exactly as a rebuild from scratch would make it.
#[test]
fn rep_days_follow_every_write_to_sales_activities_and_deals() {
    let store = common::demo_store();
    let conn = store.conn();
    /// A day of a rep: revenue, deals won, visits, and deals closed (won, lost).
    type RepDay = (String, i64, i64, i64, i64, (i64, i64));
    let snapshot = |c: &rusqlite::Connection| -> Vec<RepDay> {
        let mut stmt = c
            .prepare(
                "SELECT day, rep_id, revenue_cents, deals, visits, closed_won, closed_lost FROM rep_days
                 WHERE revenue_cents <> 0 OR deals <> 0 OR visits <> 0 OR closed_won <> 0 OR closed_lost <> 0 ORDER BY 1, 2",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, (r.get(5)?, r.get(6)?))))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    // Each rep's open deals, counted and valued.
    let pipeline = |c: &rusqlite::Connection| -> Vec<(i64, i64, i64)> {
        let mut stmt = c.prepare("SELECT rep_id, open_deals, open_value_cents FROM rep_pipeline ORDER BY 1").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
    };
    let before = snapshot(conn);
    let open_before = pipeline(conn);
    assert!(!open_before.is_empty(), "the demo has open deals");
    store::metrics::rebuild_derived(conn).unwrap();
    assert_eq!(before, snapshot(conn), "a demo load leaves rep_days as a rebuild makes it");
    assert_eq!(open_before, pipeline(conn), "and rep_pipeline");
    conn.execute_batch(
        "INSERT INTO sales (lead_id, rep_id, amount_cents, closed_on) VALUES (NULL, 1, 12345, '2026-11-23');
         UPDATE sales SET amount_cents = amount_cents + 1, rep_id = 2 WHERE id = 1;
         UPDATE sales SET closed_on = '2026-01-01' WHERE id = 2;
         DELETE FROM sales WHERE id = 3;
         INSERT INTO activities (lead_id, rep_id, kind, at) VALUES (1, 1, 'visit', '2026-11-23 10:00:00');
         INSERT INTO activities (lead_id, rep_id, kind, at) VALUES (1, 1, 'note', '2026-11-23 11:00:00');
         UPDATE activities SET kind = 'email' WHERE id = (SELECT MIN(id) FROM activities WHERE kind = 'call');
         UPDATE activities SET kind = 'call' WHERE id = (SELECT MIN(id) FROM activities WHERE kind = 'note');
         UPDATE activities SET rep_id = NULL WHERE id = (SELECT MIN(id) FROM activities WHERE kind = 'visit');
         DELETE FROM activities WHERE id = (SELECT MAX(id) FROM activities WHERE kind = 'call');
         INSERT INTO deals (lead_id, rep_id, stage, closed_on) VALUES (1, 1, 'lost', '2026-11-23');
         INSERT INTO deals (lead_id, rep_id, stage) VALUES (1, 2, 'proposal');
         UPDATE deals SET stage = 'won', closed_on = '2026-11-23' WHERE id = (SELECT MAX(id) FROM deals);
         UPDATE deals SET rep_id = 3 WHERE id = (SELECT MIN(id) FROM deals WHERE stage = 'won');
         UPDATE deals SET stage = 'lost' WHERE id = (SELECT MIN(id) FROM deals WHERE stage = 'won' AND id > 5);
         DELETE FROM deals WHERE id = (SELECT MIN(id) FROM deals WHERE stage = 'lost');
         INSERT INTO deals (lead_id, rep_id, stage, value_cents) VALUES (1, 1, 'qualified', 90000);
         UPDATE deals SET value_cents = value_cents + 500 WHERE id = (SELECT MIN(id) FROM deals WHERE stage = 'proposal');
         UPDATE deals SET rep_id = 1 WHERE id = (SELECT MAX(id) FROM deals WHERE stage = 'contacted');
         UPDATE deals SET rep_id = NULL WHERE id = (SELECT MIN(id) FROM deals WHERE stage = 'new');
         UPDATE deals SET stage = 'won', closed_on = '2026-11-23' WHERE id = (SELECT MIN(id) FROM deals WHERE stage = 'qualified');
         DELETE FROM deals WHERE id = (SELECT MAX(id) FROM deals WHERE stage = 'proposal');",
    )
    .unwrap();
    let kept = snapshot(conn);
    let open_kept = pipeline(conn);
    store::metrics::rebuild_derived(conn).unwrap();
    assert_eq!(kept, snapshot(conn));
    assert_eq!(open_kept, pipeline(conn), "the triggers keep rep_pipeline as a rebuild makes it");
    assert!(open_kept.iter().all(|(_, deals, _)| *deals > 0), "a rep without open deals has no row");
    assert!(kept.iter().any(|(day, rep, revenue, ..)| day == common::TODAY && *rep == 1 && *revenue >= 12345));
    assert!(
        kept.iter().any(|(day, rep, .., (won, lost))| day == common::TODAY && *rep == 1 && *lost >= 1 && *won >= 0)
    );
}

/// A file from before names were unique regardless of case still opens; the later of a
/// pair is renamed, nothing is lost.
#[test]
fn an_old_file_with_names_differing_in_case_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../src/store/migrations/0001_schema.sql")).unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO reps (name, channel, employment) VALUES ('Alice Chen', 'store', 'part-time');
             INSERT INTO reps (name, channel, employment) VALUES ('ALICE CHEN', 'store', 'part-time');",
        )
        .unwrap();
    }
    let store = Store::open(&path, common::clock()).unwrap();
    let names: Vec<String> = store::reps::list(store.conn(), true).unwrap().into_iter().map(|r| r.name).collect();
    assert_eq!(names, ["Alice Chen", "ALICE CHEN (2)"]);
}

/// A file of schema 2 with leads in it: migration 3 rewrites only the stored constraint text,
/// so the rows are all there, the file is sound, and the constraints still refuse bad rows,
/// also for a second connection that had the file open before.
#[test]
fn an_old_file_keeps_its_leads_when_its_checks_are_spelled_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(include_str!("../src/store/migrations/0001_schema.sql")).unwrap();
    conn.execute_batch(include_str!("../src/store/migrations/0002_ownership.sql")).unwrap();
    conn.execute_batch(
        "PRAGMA user_version = 2;
         INSERT INTO leads (name, stage, category, channel, created_on, stage_changed_on)
         VALUES ('王芳', 'qualified', 'vip', 'store', '2026-11-01', '2026-11-02');",
    )
    .unwrap();
    let store = Store::open(&path, common::clock()).unwrap();
    let version: i64 = store.conn().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, store::schema_version());
    let integrity: String = store.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let lead = store::leads::get(store.conn(), 1).unwrap();
    assert_eq!((lead.name.as_str(), lead.stage.as_str()), ("王芳", "qualified"));
    let sql: String =
        store.conn().query_row("SELECT sql FROM sqlite_schema WHERE name = 'leads'", [], |r| r.get(0)).unwrap();
    assert!(sql.contains("stage = 'new' OR stage = 'contacted'"), "{sql}");
    let bad = "INSERT INTO leads (name, category, created_on, stage_changed_on) VALUES ('x', 'gold', '2026-11-01', '2026-11-01')";
    assert!(store.conn().execute(bad, []).is_err());
    assert!(conn.execute(bad, []).is_err(), "the connection opened before sees the new schema");
    conn.execute("INSERT INTO leads (name, created_on, stage_changed_on) VALUES ('y', '2026-11-01', '2026-11-01')", [])
        .unwrap();
}

/// The queue's counts, followed across the store's own changes (undos among them), stay those
/// a full count gives, without counting again; another connection's write is counted afresh.
#[test]
fn queue_counts_follow_every_change_without_counting_again() {
    use chrono::Duration;
    use repdesk::domain::model::{Activity, ActivityKind, Lead, Stage};
    use repdesk::service::{history, leads};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let mut store = Store::open(&path, common::clock()).unwrap();
    service::load_demo(&mut store, repdesk::domain::demo::DemoSize::SMALL, 3, false).unwrap();
    let day = service::queue_day(&store).unwrap();
    let counted = |store: &Store| store::leads::queue_counts(store.conn(), &day).unwrap();
    assert_eq!(store.queue_counts(&day).unwrap(), counted(&store));
    let recounts = store.queue_recounts();
    let today = common::today();
    let rep: i64 = store.conn().query_row("SELECT MIN(id) FROM reps WHERE active = 1", [], |r| r.get(0)).unwrap();
    let lead = |name: &str, phone: &str| Lead {
        name: name.into(),
        phone: Some(phone.into()),
        ..repdesk::domain::lead_form::fresh(today)
    };
    let mut changes = Vec::new();
    let pooled = leads::add(&mut store, lead("王芳", "13900002222"), None, false).unwrap();
    changes.push(pooled.change);
    let id = pooled.value.id;
    changes.push(leads::assign(&mut store, id, rep, true).unwrap().change);
    changes.push(leads::set_follow_up(&mut store, id, Some(today - Duration::days(2))).unwrap().change);
    changes.push(leads::set_follow_up(&mut store, id, Some(today)).unwrap().change);
    let call =
        Activity { lead_id: id, rep_id: None, kind: ActivityKind::Call, at: store.now(), outcome: None, note: None };
    changes.push(leads::log(&mut store, call, Some(today + Duration::days(3))).unwrap().change);
    changes.push(leads::release(&mut store, id).unwrap().change);
    // Leads of the demo: one won, one stale one followed up, one merged into another.
    let stale: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM leads WHERE owner_id IS NOT NULL AND stage NOT IN ('won', 'lost')
             ORDER BY IFNULL(last_activity_at, created_on) LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    changes.push(leads::set_follow_up(&mut store, stale, Some(today + Duration::days(1))).unwrap().change);
    let amount = Some(repdesk::domain::money::Money(120_000));
    changes.push(leads::set_stage(&mut store, stale, Stage::Won, None, amount, None).unwrap().change);
    let twin = leads::add(&mut store, lead("王芳芳", "13900003333"), Some(rep), false).unwrap();
    changes.push(twin.change);
    changes.push(leads::merge(&mut store, id, twin.value.id).unwrap().change);
    for _ in 0..2 {
        assert_eq!(store.queue_counts(&day).unwrap(), counted(&store));
    }
    // Every change undone, newest first, then the first one redone.
    let mut last = 0;
    for change in changes.iter().rev() {
        last = history::undo(&mut store, Some(*change)).unwrap().change;
        assert_eq!(store.queue_counts(&day).unwrap(), counted(&store), "after undoing #{change}");
    }
    history::undo(&mut store, Some(last)).unwrap();
    assert_eq!(store.queue_counts(&day).unwrap(), counted(&store));
    assert_eq!(store.queue_recounts(), recounts, "the counts were followed, not counted again");
    // Another connection's write: counted again, and right.
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute("UPDATE leads SET next_follow_up = ?1 WHERE id = ?2", rusqlite::params![today.to_string(), stale])
        .unwrap();
    assert_eq!(store.queue_counts(&day).unwrap(), counted(&store));
    assert_eq!(store.queue_recounts(), recounts + 1);
}

/// A North American number stored by an older build with its trunk 1 is stored without it once
/// the file is opened, so a new lead written `+1 (555) 010-2233` is seen as its duplicate.
#[test]
fn an_older_files_trunk_one_numbers_are_stored_as_now() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut store = Store::open(&path, common::clock()).unwrap();
        let lead = repdesk::domain::lead_form::LeadFields {
            name: "Amy Lee".into(),
            phone: "1-555-010-2233".into(),
            ..Default::default()
        }
        .apply(repdesk::domain::lead_form::fresh(common::today()))
        .unwrap();
        service::leads::add(&mut store, lead, None, false).unwrap();
        // As the build before stored it, and a file of the schema before.
        // (Migration 8's column and triggers undone, so it runs again as it would on that file.)
        store
            .conn()
            .execute_batch(
                "UPDATE leads SET phone_norm = '15550102233'; DROP TRIGGER rep_days_drop_empty;
                 DROP TRIGGER activities_add_to_rep_days; DROP TRIGGER activities_remove_from_rep_days;
                 DROP TRIGGER activities_leave_rep_days; DROP TRIGGER activities_enter_rep_days;
                 ALTER TABLE rep_days DROP COLUMN calls; PRAGMA user_version = 5;",
            )
            .unwrap();
    }
    let mut store = Store::open(&path, common::clock()).unwrap();
    let norm: String = store.conn().query_row("SELECT phone_norm FROM leads", [], |r| r.get(0)).unwrap();
    assert_eq!(norm, "5550102233");
    let again = repdesk::domain::lead_form::LeadFields {
        name: "A. Lee".into(),
        phone: "+1 (555) 010-2233".into(),
        ..Default::default()
    }
    .apply(repdesk::domain::lead_form::fresh(common::today()))
    .unwrap();
    assert!(service::leads::add(&mut store, again, None, false).is_err(), "the same number is the same customer");
}

/// Visits count visits and meetings in person; calls are their own figure. The triggers that
/// keep `rep_days` and the rebuild a bulk load runs agree, and an undo takes a call back out.
#[test]
fn visits_are_in_person_and_calls_their_own_figure() {
    use repdesk::domain::model::{Activity, ActivityKind};
    let mut store = common::demo_store();
    let day = common::today();
    let rep = store::reps::list(store.conn(), false).unwrap()[0].id;
    let lead: i64 =
        store.conn().query_row("SELECT id FROM leads WHERE owner_id = ?1 LIMIT 1", [rep], |r| r.get(0)).unwrap();
    let month = repdesk::domain::period::Period::containing(repdesk::domain::period::PeriodKind::Month, day);
    let figures = |store: &Store| {
        let m = store::metrics::rep_metrics(store.conn(), &month, day).unwrap();
        let m = m.into_iter().find(|m| m.rep_id == rep).unwrap();
        (m.visits, m.calls)
    };
    let before = figures(&store);
    let mut last = 0;
    for kind in [ActivityKind::Visit, ActivityKind::Meeting, ActivityKind::Call, ActivityKind::Email] {
        let at = day.and_hms_opt(9, 0, 0).unwrap();
        let activity = Activity { lead_id: lead, rep_id: Some(rep), kind, at, outcome: None, note: None };
        last = service::leads::log(&mut store, activity, None).unwrap().change;
    }
    assert_eq!(figures(&store), (before.0 + 2, before.1 + 1));
    let days = |store: &Store| -> Vec<(String, i64, i64, i64)> {
        store
            .conn()
            .prepare("SELECT day, rep_id, visits, calls FROM rep_days ORDER BY 1, 2")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let kept = days(&store);
    store::metrics::rebuild_derived(store.conn()).unwrap();
    let rebuilt = days(&store);
    assert_eq!(kept, rebuilt, "the triggers and the rebuild count alike");
    // The last one logged was the e-mail; undoing the call before it takes it back out.
    service::history::undo(&mut store, Some(last)).unwrap();
    service::history::undo(&mut store, Some(last - 1)).unwrap();
    assert_eq!(figures(&store), (before.0 + 2, before.1));
}

/// Hours worked count a shift once it has ended and was not a no-show: a shift marked worked,
/// a scheduled one of a day gone by, or of today once its end has passed by the clock.
#[test]
fn hours_count_shifts_that_have_ended_and_were_not_missed() {
    use repdesk::domain::model::{Location, Shift, ShiftStatus};
    use repdesk::domain::rep::RepFields;
    let today = chrono::Local::now().date_naive();
    let clock = repdesk::domain::clock::Clock::resolve(None, None, today).unwrap();
    let mut store = Store::open_in_memory(clock).unwrap();
    let rep =
        service::add_rep(&mut store, &RepFields { name: "李娜".into(), ..RepFields::default() }.validate().unwrap())
            .unwrap()
            .value
            .id;
    let yesterday = today - chrono::Duration::days(1);
    let shift = |date, start: u32, end: u32, status| Shift {
        id: 0,
        rep_id: rep,
        date,
        start_min: start * 60,
        end_min: end * 60,
        location: Location::Store,
        status,
    };
    for s in [
        shift(yesterday, 9, 13, ShiftStatus::Scheduled),
        shift(yesterday, 14, 16, ShiftStatus::NoShow),
        shift(today, 0, 1, ShiftStatus::Scheduled),
        shift(today, 23, 24, ShiftStatus::Scheduled),
    ] {
        service::schedule::save_shift(&mut store, &s).unwrap();
    }
    let period = repdesk::domain::period::Period::range(yesterday, today);
    let minutes = store::metrics::rep_metrics(store.conn(), &period, today).unwrap()[0].minutes;
    // Yesterday's 4 h, and today's first hour (past by now unless this runs just after
    // midnight); never the no-show, nor the shift that ends at midnight.
    let now = chrono::Local::now().time();
    if now >= chrono::NaiveTime::from_hms_opt(1, 0, 0).unwrap() && chrono::Local::now().date_naive() == today {
        assert_eq!(minutes, 5 * 60);
    } else {
        assert!(minutes == 4 * 60 || minutes == 5 * 60);
    }
}

/// A file from before reviews rated attitude and reps had a checklist (schema 11), and one
/// from before the checklist's clock (schema 12): the reviews gain their columns, the reps
/// already there count as onboarded, and each open item's clock starts on the day its rep was
/// added, as the history recorded it.
#[test]
fn files_from_before_the_checklist_and_its_clock_open_with_their_reps_onboarded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let day = |d: &str| -> chrono::NaiveDate { d.parse().unwrap() };
    let clock_on = |d: &str| repdesk::domain::clock::Clock::fixed(day(d));
    {
        let mut store = Store::open(&path, clock_on("2026-10-01")).unwrap();
        let mut ann = fields("Ann");
        ann.hired_on = "2026-08-01".into();
        service::add_rep(&mut store, &ann.validate().unwrap()).unwrap();
        drop(store);
        // As a file of schema 11 was: no checklist, no trainings, reviews without attitude or KPIs.
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch(
                "DROP TRIGGER reps_start_onboarding; DROP TABLE onboarding; DROP TABLE trainings;
                 ALTER TABLE reviews DROP COLUMN kpis; ALTER TABLE reviews DROP COLUMN rating_attitude;
                 PRAGMA user_version = 11;",
            )
            .unwrap();
    }
    {
        let store = Store::open(&path, clock_on("2026-12-01")).unwrap();
        let done: Vec<(String, Option<String>)> = store
            .conn()
            .prepare("SELECT item, done_on FROM onboarding WHERE rep_id = 1 ORDER BY position")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(done.len(), 4);
        assert!(done.iter().all(|(_, on)| on.as_deref() == Some("2026-08-01")), "onboarded on their start: {done:?}");
        let columns: i64 = store
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM pragma_table_info('reviews') WHERE name IN ('kpis', 'rating_attitude')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(columns, 2);
    }
    // Schema 12: a rep added on 1 Oct whose items are open, and no clock column yet.
    {
        let mut store = Store::open(&path, clock_on("2026-10-01")).unwrap();
        let mut bo = fields("Bo");
        bo.hired_on = "2025-01-01".into();
        service::add_rep(&mut store, &bo.validate().unwrap()).unwrap();
        drop(store);
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch(
                "DROP TRIGGER reps_start_onboarding; ALTER TABLE onboarding DROP COLUMN started_on;
                 PRAGMA user_version = 12;",
            )
            .unwrap();
    }
    let store = Store::open(&path, clock_on("2026-10-20")).unwrap();
    let started: Vec<Option<String>> = store
        .conn()
        .prepare("SELECT started_on FROM onboarding WHERE rep_id = 2")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(started, vec![Some("2026-10-01".to_string()); 4], "the day the history recorded Bo's insert");
    let open = store::training::unfinished(store.conn(), day("2026-10-20")).unwrap();
    assert_eq!(open, vec![(2, day("2026-10-01")); 4]);
    // And a rep added now gets the clock from the trigger the migration put back.
    drop(store);
    let mut store = Store::open(&path, clock_on("2026-11-05")).unwrap();
    service::add_rep(&mut store, &fields("Cy").validate().unwrap()).unwrap();
    let cy: String =
        store.conn().query_row("SELECT started_on FROM onboarding WHERE rep_id = 3 LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(cy, "2026-11-05");
}
