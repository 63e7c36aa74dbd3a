//! Reviews on a small hand-made file, through the command line: the KPIs a review is written
//! against, checked figure by figure against what the test itself put in, their change on the
//! review before, the one-page report in both languages, an edit through undo and the history,
//! and each rep's onboarding and training.

mod common;

use common::{ok, on};

/// 李娜's October and November: a sale in October and a review of it; in November a won lead
/// (5,000), a sale (1,500), a lost lead, a visit and two calls, a shift worked and a no-show,
/// a refused claim on Bob's lead, against a 20,000 target and Bob's 8,000.
fn shop(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = dir.path().join("reviews.db");
    let run = |day: &str, args: &[&str]| {
        ok(on(&db, day).args(args));
    };
    run("2026-10-01", &["rep", "add", "--name", "李娜", "--hired-on", "2026-08-01", "--commission-rate", "5"]);
    run("2026-10-01", &["rep", "add", "--name", "Bob Smith"]);
    run("2026-10-15", &["sale", "add", "--rep", "李娜", "--amount", "1000", "--on", "2026-10-15"]);
    let october = [
        "review",
        "add",
        "--rep",
        "李娜",
        "--period",
        "2026-10",
        "--results",
        "3",
        "--customer",
        "3",
        "--attitude",
        "4",
        "--teamwork",
        "4",
        "--strengths",
        "Friendly with customers",
    ];
    run("2026-11-01", &october);
    run(
        "2026-11-01",
        &["target", "set", "--rep", "李娜", "--metric", "revenue", "--goal", "20000", "--period", "2026-11"],
    );
    run("2026-11-02", &["lead", "add", "--name", "王伟", "--owner", "李娜"]);
    run("2026-11-02", &["lead", "add", "--name", "陈小姐", "--owner", "李娜"]);
    run("2026-11-05", &["lead", "stage", "1", "won", "--amount", "5000"]);
    run("2026-11-10", &["sale", "add", "--rep", "李娜", "--amount", "1500", "--on", "2026-11-10"]);
    run("2026-11-12", &["lead", "stage", "2", "lost", "--reason", "price"]);
    run("2026-11-06", &["lead", "log", "1", "visit", "--at", "2026-11-06 10:00"]);
    run("2026-11-06", &["lead", "log", "2", "call", "--at", "2026-11-06 11:00"]);
    run("2026-11-07", &["lead", "log", "2", "call", "--at", "2026-11-07 11:00"]);
    for date in ["2026-11-03", "2026-11-04"] {
        run("2026-11-01", &["shift", "add", "--rep", "李娜", "--date", date, "--start", "09:00", "--end", "13:00"]);
    }
    run("2026-11-04", &["shift", "mark", "2", "no-show"]);
    run("2026-11-08", &["lead", "add", "--name", "赵六", "--owner", "Bob Smith"]);
    let (code, _) = common::run(on(&db, "2026-11-09").args(["lead", "assign", "3", "李娜", "--claim"]));
    assert_eq!(code, 2, "Bob protects it");
    run("2026-11-11", &["sale", "add", "--rep", "Bob Smith", "--amount", "8000", "--on", "2026-11-11"]);
    let november = [
        "review",
        "add",
        "--rep",
        "李娜",
        "--results",
        "4",
        "--customer",
        "3",
        "--attitude",
        "5",
        "--teamwork",
        "4",
        "--strengths",
        "Closes well\\nKnows the products",
        "--improvements",
        "Log every call",
        "--plan",
        "Two visits a week",
    ];
    run("2026-12-01", &november);
    db
}

#[test]
fn a_review_is_written_against_the_periods_figures_and_their_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    let json = ok(on(&db, "2026-12-01").args(["report", "review", "--rep", "李娜", "--format", "json"]));
    let page: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(page["period"], "2026-11", "proposed: the month after the last review");
    assert_eq!(page["previous_period"], "2026-10");
    let kpi = |name: &str| (page["kpis"][name]["value"].as_i64(), page["kpis"][name]["change"].as_i64());
    // November against October, each from what the file holds.
    assert_eq!(kpi("revenue"), (Some(650_000), Some(650_000 - 100_000)), "5,000 + 1,500 against 1,000");
    assert_eq!(kpi("target"), (Some(33), None), "6,500 of 20,000; October had no target");
    assert_eq!(kpi("deals_won"), (Some(2), Some(1)), "two sales against one, as the board counts deals");
    assert_eq!(kpi("new_customers"), (Some(1), Some(1)), "王伟");
    assert_eq!(kpi("visits"), (Some(1), Some(1)));
    assert_eq!(kpi("calls"), (Some(2), Some(2)));
    assert_eq!(kpi("conversion"), (Some(50), None), "one won, one lost; none closed in October");
    let hours = (page["kpis"]["hours"]["value"].as_f64(), page["kpis"]["hours"]["change"].as_f64());
    assert_eq!(hours, (Some(4.0), Some(4.0)), "the shift worked, not the no-show (in hours)");
    assert_eq!(kpi("no_shows"), (Some(1), Some(1)));
    assert_eq!(kpi("rank"), (Some(2), Some(1)), "behind Bob's 8,000; first in October");
    assert_eq!(page["kpis"]["rank"]["value"], 2);
    assert_eq!(kpi("commission"), (Some(32_500), Some(32_500 - 5_000)), "5% of 6,500 against 5% of 1,000");
    assert_eq!(kpi("poaching"), (Some(1), Some(1)), "the claim Bob's protection refused");
    assert_eq!(page["ratings"]["attitude"], 5);
    assert_eq!(page["ratings"]["overall"], 4.0);
    assert_eq!(page["strengths"], "Closes well\nKnows the products");
    assert_eq!(page["next_review_on"], "2027-01-14", "two weeks after December");
    // The figures are the review's: a sale recorded later does not rewrite them.
    ok(on(&db, "2026-12-02").args(["sale", "add", "--rep", "李娜", "--amount", "900", "--on", "2026-11-20"]));
    let again = ok(on(&db, "2026-12-02").args(["report", "review", "--rep", "李娜", "--format", "json"]));
    let again: serde_json::Value = serde_json::from_str(&again).unwrap();
    assert_eq!(again["kpis"]["revenue"]["value"], 650_000);
}

#[test]
fn the_one_page_review_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    ok(on(&db, "2026-12-01").args(["training", "done", "--rep", "李娜", "products", "--on", "2026-08-05"]));
    ok(on(&db, "2026-12-01").args([
        "training",
        "add",
        "--rep",
        "李娜",
        "--topic",
        "异议处理",
        "--hours",
        "1.5",
        "--on",
        "2026-11-20",
    ]));
    let en = ok(on(&db, "2026-12-01").args(["report", "review", "--rep", "李娜", "--period", "2026-11"]));
    insta::assert_snapshot!("review_report_en", en);
    let zh = ok(on(&db, "2026-12-01").args(["--lang", "zh", "report", "review", "--rep", "李娜"]));
    insta::assert_snapshot!("review_report_zh", zh);
}

#[test]
fn ratings_out_of_range_and_a_second_review_of_a_period_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    let (code, err) = common::run(on(&db, "2026-12-01").args([
        "review",
        "add",
        "--rep",
        "Bob Smith",
        "--results",
        "6",
        "--customer",
        "3",
        "--attitude",
        "3",
        "--teamwork",
        "3",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("--results: 6 is not a rating: give a whole number from 1 to 5"), "{err}");
    let (code, err) = common::run(on(&db, "2026-12-01").args([
        "review",
        "add",
        "--rep",
        "李娜",
        "--period",
        "2026-11",
        "--results",
        "3",
        "--customer",
        "3",
        "--attitude",
        "3",
        "--teamwork",
        "3",
    ]));
    assert_ne!(code, 0);
    assert!(err.contains("already has a review of 2026-11 (review 2)"), "{err}");
    let (code, err) = common::run(on(&db, "2026-12-01").args(["review", "edit", "2", "--teamwork", "0"]));
    assert_eq!(code, 2);
    assert!(err.contains("0 is not a rating"), "{err}");
    let (code, err) =
        common::run(on(&db, "2026-12-01").args(["review", "add", "--rep", "Bob Smith", "--period", "2026-W48"]));
    assert_eq!(code, 2);
    assert!(err.contains("not a month (2026-11) or a quarter (2026-Q4)"), "{err}");
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM reviews"), "2", "nothing written");
}

#[test]
fn an_edit_is_a_change_the_history_keeps_and_undo_takes_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    let out = ok(on(&db, "2026-12-02").args([
        "review",
        "edit",
        "2",
        "--strengths",
        "Closes well, every week",
        "--results",
        "5",
    ]));
    assert!(out.contains("Review 2 of 李娜 changed"), "{out}");
    let shown = ok(on(&db, "2026-12-02").args(["review", "show", "2"]));
    assert!(shown.contains("Closes well, every week") && shown.contains("★★★★★ 5"), "{shown}");
    // What it said before stays readable.
    assert!(shown.contains("## Earlier versions"), "{shown}");
    assert!(
        shown.contains("- Strengths: Closes well / Knows the products") && shown.contains("- Results: 4"),
        "{shown}"
    );
    let history = ok(on(&db, "2026-12-02").args(["history", "--limit", "1"]));
    assert!(history.contains("changed 李娜's review of 2026-11"), "{history}");
    let zh = ok(on(&db, "2026-12-02").args(["--lang", "zh", "history", "--limit", "1"]));
    assert!(zh.contains("修改了 李娜 的 2026-11 考核"), "{zh}");
    let id = common::query(&db, "SELECT MAX(id) FROM changes");
    ok(on(&db, "2026-12-02").args(["undo", &id]));
    let back = ok(on(&db, "2026-12-02").args(["report", "review", "--rep", "李娜", "--format", "json"]));
    let back: serde_json::Value = serde_json::from_str(&back).unwrap();
    assert_eq!(back["strengths"], "Closes well\nKnows the products");
    assert_eq!(back["ratings"]["results"], 4);
}

#[test]
fn onboarding_and_training() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    // Every rep starts with the four items; 李娜 started on 1 Aug.
    let list = ok(on(&db, "2026-12-01").args(["training", "list", "--rep", "李娜"]));
    assert!(list.contains("[ ] company and culture") && list.contains("[ ] the tools"), "{list}");
    // Ticked by its word or its name, in either language; the owner's own item added.
    ok(on(&db, "2026-12-01").args(["training", "done", "--rep", "李娜", "company", "--on", "2026-08-03"]));
    ok(on(&db, "2026-12-01").args(["training", "done", "--rep", "李娜", "Sales Skills"]));
    ok(on(&db, "2026-12-01").args(["--lang", "zh", "training", "done", "--rep", "李娜", "产品知识"]));
    ok(on(&db, "2026-12-01").args(["training", "add", "--rep", "李娜", "--item", "Shop keys"]));
    ok(on(&db, "2026-12-01").args([
        "training",
        "add",
        "--rep",
        "李娜",
        "--topic",
        "Objection handling",
        "--hours",
        "1.5",
        "--on",
        "2026-11-20",
    ]));
    let list = ok(on(&db, "2026-12-01").args(["training", "list", "--rep", "李娜"]));
    assert!(list.contains("[x] company and culture · 3 Aug 2026"), "{list}");
    assert!(list.contains("[x] sales skills · 1 Dec 2026") && list.contains("[x] products · 1 Dec 2026"), "{list}");
    assert!(list.contains("[ ] the tools") && list.contains("[ ] Shop keys"), "{list}");
    assert!(list.contains("20 Nov 2026: Objection handling, 1.5 h"), "{list}");
    let (code, err) = common::run(on(&db, "2026-12-01").args(["training", "done", "--rep", "李娜", "driving"]));
    assert_ne!(code, 0);
    assert!(
        err.contains(
            "no item driving on the checklist; it has: company and culture, products, sales skills, the tools, Shop keys"
        ),
        "{err}"
    );
    let (code, err) =
        common::run(on(&db, "2026-12-01").args(["training", "add", "--rep", "李娜", "--topic", "x", "--hours", "-1"]));
    assert_eq!(code, 2);
    assert!(err.contains("hours must be more than 0"), "{err}");
    // 李娜 was added on 1 Oct (with a start in August): her clock ran from 1 Oct, so the tools
    // are late; Shop keys, put on her list today, is not. Bob, added with no start date, has
    // all four late.
    let risks =
        ok(on(&db, "2026-12-01").args(["report", "risks", "--rule", "onboarding-unfinished", "--format", "csv"]));
    assert!(risks.contains("李娜,rep:1,\"1 onboarding item(s) still open, started Thu 1 Oct\""), "{risks}");
    assert!(risks.contains("Bob Smith,rep:2,\"4 onboarding item(s) still open"), "{risks}");
    ok(on(&db, "2026-12-01").args(["training", "done", "--rep", "李娜", "tools"]));
    let risks =
        ok(on(&db, "2026-12-01").args(["report", "risks", "--rule", "onboarding-unfinished", "--format", "csv"]));
    assert!(!risks.contains("李娜") && risks.contains("Bob Smith"), "hers done: {risks}");
    // Thirty days after today, Shop keys is late too.
    let later =
        ok(on(&db, "2026-12-31").args(["report", "risks", "--rule", "onboarding-unfinished", "--format", "csv"]));
    assert!(later.contains("李娜,rep:1,\"1 onboarding item(s) still open, started Tue 1 Dec\""), "{later}");
    for item in ["company", "products", "skills", "tools"] {
        ok(on(&db, "2026-12-01").args(["training", "done", "--rep", "Bob Smith", item]));
    }
    ok(on(&db, "2026-12-01").args(["training", "done", "--rep", "李娜", "Shop keys"]));
    let risks =
        ok(on(&db, "2026-12-01").args(["report", "risks", "--rule", "onboarding-unfinished", "--format", "csv"]));
    assert_eq!(risks.lines().count(), 1, "all done: {risks}");
}

/// A rep added today with a start date long gone (typed, or from an import) has their 30 days
/// from today, not from the start.
#[test]
fn a_rep_added_with_an_old_start_has_thirty_days_from_being_added() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("late.db");
    ok(on(&db, "2026-12-01").args(["rep", "add", "--name", "周敏", "--hired-on", "2025-03-01"]));
    std::fs::write(dir.path().join("reps.csv"), "name,hired_on\n陈静,2024-06-01\n").unwrap();
    ok(on(&db, "2026-12-01").args(["import", "reps", dir.path().join("reps.csv").to_str().unwrap()]));
    let flags =
        |day: &str| ok(on(&db, day).args(["report", "risks", "--rule", "onboarding-unfinished", "--format", "csv"]));
    assert_eq!(flags("2026-12-01").lines().count(), 1, "{}", flags("2026-12-01"));
    assert_eq!(flags("2026-12-30").lines().count(), 1, "29 days");
    let due = flags("2026-12-31");
    assert!(due.contains("周敏") && due.contains("陈静") && due.contains("started Tue 1 Dec"), "{due}");
}

/// Writes to the file behind the command line's back (a row as an older build or an import left
/// it).
fn write(db: &std::path::Path, sql: &str) {
    rusqlite::Connection::open(db).unwrap().execute_batch(sql).unwrap();
}

fn rate(rep: &str, period: &str) -> Vec<String> {
    ["review", "add", "--rep", rep, "--period", period]
        .into_iter()
        .chain(["--results", "3", "--customer", "3", "--attitude", "3", "--teamwork", "3"])
        .map(String::from)
        .collect()
}

/// Poaching counts as the Risks tab's repeated poaching does: a lead reached for on a day is
/// one reach, and an import naming the rep is not theirs. A rep with nothing on the revenue
/// board still has their no-shows and reaches counted.
#[test]
fn poaching_counts_a_lead_a_day_and_a_rep_off_the_board_keeps_their_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("poach.db");
    ok(on(&db, "2026-10-01").args(["rep", "add", "--name", "Ann"]));
    ok(on(&db, "2026-10-01").args(["rep", "add", "--name", "刘洋"]));
    ok(on(&db, "2026-11-02").args(["lead", "add", "--name", "陈小姐", "--owner", "刘洋"]));
    ok(on(&db, "2026-11-02").args(["lead", "add", "--name", "王伟", "--owner", "刘洋"]));
    for lead in ["1", "1", "2"] {
        let (code, _) = common::run(on(&db, "2026-11-09").args(["lead", "assign", lead, "Ann", "--claim"]));
        assert_eq!(code, 2, "刘洋 protects it");
    }
    let (code, _) = common::run(on(&db, "2026-11-10").args(["lead", "assign", "1", "Ann", "--claim"]));
    assert_eq!(code, 2);
    // An import that named Ann the owner of 刘洋's lead: the file's doing.
    write(
        &db,
        "INSERT INTO risk_events (kind, lead_id, rep_id, owner_id, on_day) VALUES ('import', 2, 1, 2, '2026-11-12')",
    );
    ok(on(&db, "2026-11-01").args([
        "shift",
        "add",
        "--rep",
        "Ann",
        "--date",
        "2026-11-03",
        "--start",
        "09:00",
        "--end",
        "13:00",
    ]));
    ok(on(&db, "2026-11-03").args(["shift", "mark", "1", "no-show"]));
    ok(on(&db, "2026-12-01").args(rate("Ann", "2026-11")));
    let page = ok(on(&db, "2026-12-01").args(["report", "review", "--rep", "Ann", "--format", "json"]));
    let page: serde_json::Value = serde_json::from_str(&page).unwrap();
    assert_eq!(page["kpis"]["poaching"]["value"], 3, "lead 1 on the 9th and the 10th, lead 2 on the 9th");
    assert_eq!(page["kpis"]["no_shows"]["value"], 1, "no sale, no visit, but the no-show counts");
    assert_eq!(page["kpis"]["revenue"]["value"], 0);
}

/// A period still going is refused; a late review of an old period proposes a next date still
/// to come; the latest review is the latest period, not the last one written; a review edited
/// before attitude was rated keeps none.
#[test]
fn periods_a_review_can_be_of_and_the_order_of_reviews() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    let (code, err) = common::run(on(&db, "2026-12-01").args(rate("Bob Smith", "2026-12")));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("2026-12 is not over yet: review it from Fri 1 Jan"), "{err}");
    let (code, err) = common::run(on(&db, "2026-12-01").args(rate("Bob Smith", "2026-Q4")));
    assert_eq!(code, 2, "{err}");
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM reviews"), "2", "nothing written");
    // September, reviewed late in December: the next date is still to come.
    ok(on(&db, "2026-12-02").args(rate("李娜", "2026-09")));
    let next = common::query(&db, "SELECT next_review_on FROM reviews WHERE period = '2026-09'");
    assert_eq!(next, "2027-01-02", "October's length after today, as October's end plus two weeks is gone");
    // The latest is still November's, and its previous October's.
    let page = ok(on(&db, "2026-12-02").args(["report", "review", "--rep", "李娜", "--format", "json"]));
    let page: serde_json::Value = serde_json::from_str(&page).unwrap();
    assert_eq!((page["period"].as_str(), page["previous_period"].as_str()), (Some("2026-11"), Some("2026-10")));
    let list = ok(on(&db, "2026-12-02").args(["review", "list", "--rep", "李娜", "--format", "csv"]));
    let periods: Vec<&str> = list.lines().skip(1).map(|l| l.split(',').nth(2).unwrap_or("")).collect();
    assert_eq!(periods, ["2026-11", "2026-10", "2026-09"], "{list}");
    // A quarter's previous is a quarter: none here, though months came before.
    ok(on(&db, "2026-12-02").args(rate("李娜", "2026-Q3")));
    let q3 = common::query(&db, "SELECT id FROM reviews WHERE period = '2026-Q3'");
    let shown = ok(on(&db, "2026-12-02").args(["review", "show", &q3]));
    assert!(shown.contains("| | 2026-Q3 | change |"), "no review before to compare: {shown}");
    // A review from before attitude was rated: an edit of another rating leaves it unrated.
    write(&db, "UPDATE reviews SET rating_attitude = NULL WHERE period = '2026-10'");
    let october = common::query(&db, "SELECT id FROM reviews WHERE period = '2026-10'");
    ok(on(&db, "2026-12-02").args(["review", "edit", &october, "--results", "2"]));
    assert_eq!(common::query(&db, "SELECT IFNULL(rating_attitude, 'none') FROM reviews WHERE id = 1"), "none");
    ok(on(&db, "2026-12-02").args(["review", "edit", &october, "--attitude", "4"]));
    assert_eq!(common::query(&db, "SELECT rating_attitude FROM reviews WHERE id = 1"), "4");
}

/// Adding a review, a session and a tick are each one change `undo` takes back; a review whose
/// id an undone one had shows none of that one's edits.
#[test]
fn review_session_and_tick_undo_and_a_reused_id_has_no_earlier_versions() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    let last_change = || common::query(&db, "SELECT MAX(id) FROM changes");
    ok(on(&db, "2026-12-01").args(rate("Bob Smith", "2026-11")));
    let add = last_change();
    ok(on(&db, "2026-12-01").args(["review", "edit", "3", "--plan", "Call the old customers"]));
    ok(on(&db, "2026-12-01").args(["undo", &last_change()]));
    ok(on(&db, "2026-12-01").args(["undo", &add]));
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM reviews"), "2", "the review is gone");
    // The next review takes id 3 again, and none of the edits of the one undone.
    ok(on(&db, "2026-12-01").args(rate("Bob Smith", "2026-10")));
    assert_eq!(common::query(&db, "SELECT id FROM reviews WHERE period = '2026-10' AND rep_id = 2"), "3");
    let shown = ok(on(&db, "2026-12-01").args(["review", "show", "3"]));
    assert!(!shown.contains("Earlier versions") && !shown.contains("Call the old customers"), "{shown}");
    // A session and a tick, each undone.
    ok(on(&db, "2026-12-01").args(["training", "add", "--rep", "Bob Smith", "--topic", "CRM", "--hours", "2"]));
    ok(on(&db, "2026-12-01").args(["undo", &last_change()]));
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM trainings"), "0");
    ok(on(&db, "2026-12-01").args(["training", "done", "--rep", "Bob Smith", "tools", "--on", "2026-11-03"]));
    assert_eq!(common::query(&db, "SELECT done_on FROM onboarding WHERE rep_id = 2 AND item = 'tools'"), "2026-11-03");
    // Ticked again without a day: it stays done on the 3rd, and nothing is written.
    let before = last_change();
    let out = ok(on(&db, "2026-12-01").args(["training", "done", "--rep", "Bob Smith", "tools"]));
    assert!(out.contains("already done on 3 Nov 2026"), "{out}");
    assert_eq!(last_change(), before);
    ok(on(&db, "2026-12-01").args(["undo", &last_change()]));
    assert_eq!(
        common::query(&db, "SELECT IFNULL(done_on, 'open') FROM onboarding WHERE rep_id = 2 AND item = 'tools'"),
        "open"
    );
}

/// The checklist's own items and the command line's refusals.
#[test]
fn checklist_items_and_training_refusals() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    // A default's name, in either language, is the default already there.
    for name in ["Products", "产品知识", "the tools"] {
        let (code, err) =
            common::run(on(&db, "2026-12-01").args(["training", "add", "--rep", "Bob Smith", "--item", name]));
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains("the checklist already has"), "{err}");
    }
    // An item of the owner's own is ticked by its text, whatever its case.
    ok(on(&db, "2026-12-01").args(["training", "add", "--rep", "Bob Smith", "--item", "Forklift licence"]));
    ok(on(&db, "2026-12-01").args(["training", "done", "--rep", "Bob Smith", "forklift LICENCE"]));
    assert_eq!(common::query(&db, "SELECT done_on FROM onboarding WHERE item = 'Forklift licence'"), "2026-12-01");
    let refused = [
        (vec!["training", "add", "--rep", "Bob Smith", "--item", "Keys", "--hours", "2"], "cannot be used with"),
        (vec!["training", "add", "--rep", "Bob Smith", "--item", "Keys", "--on", "2026-11-02"], "cannot be used with"),
        (vec!["training", "done", "--rep", "Bob Smith", "tools", "--not", "--on", "2026-11-02"], "cannot be used with"),
        (vec!["training", "add", "--rep", "Bob Smith", "--topic", "CRM", "--hours", "30"], "at most 24 hours"),
        (vec!["training", "add", "--rep", "Bob Smith", "--topic", "CRM", "--hours", "0"], "more than 0"),
    ];
    for (args, says) in refused {
        let (code, err) = common::run(on(&db, "2026-12-01").args(&args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM trainings"), "0");
}

/// What the owner typed cannot turn the page into something else: headings, rules, lists,
/// links, emphasis and HTML stay text, and a blank line between paragraphs stays one.
#[test]
fn the_page_escapes_what_the_owner_typed() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    ok(on(&db, "2026-12-01").args(["rep", "add", "--name", "*Star* [rep]"]));
    let mut args = rate("*Star* [rep]", "2026-11");
    args.extend(
        ["--strengths", "# Not a heading\\n---\\n- not a list\\n\\n1. nor this\\n<b>bold</b> | pipe"].map(String::from),
    );
    ok(on(&db, "2026-12-01").args(args));
    ok(on(&db, "2026-12-01").args([
        "training",
        "add",
        "--rep",
        "*Star* [rep]",
        "--topic",
        "_CRM_ `tips`",
        "--hours",
        "1",
    ]));
    let page = ok(on(&db, "2026-12-01").args(["report", "review", "--rep", "*Star* [rep]"]));
    assert!(page.starts_with("# Performance review: \\*Star\\* \\[rep\\], November 2026"), "{page}");
    let strengths = page.split("## Strengths\n\n").nth(1).unwrap().split("\n\n## ").next().unwrap();
    assert_eq!(
        strengths,
        "\\# Not a heading\\\n\\---\\\n\\- not a list\n\n1\\. nor this\\\n\\<b\\>bold\\</b\\> \\| pipe"
    );
    assert!(page.contains(": \\_CRM\\_ \\`tips\\`, 1 h"), "{page}");
}

/// Rules the history cannot break and the figures every page agrees on: the redo of an undone
/// review is refused while another of its period stands; an edit that changes nothing writes
/// nothing (and so leaves `undo` for the change before); a late review of an older period does
/// not clear "review overdue"; the overall rating is rounded the same everywhere.
#[test]
fn redo_edits_and_late_reviews_keep_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    let last_change = || common::query(&db, "SELECT MAX(id) FROM changes");
    ok(on(&db, "2026-12-01").args(rate("Bob Smith", "2026-11")));
    let add = last_change();
    // A review after it keeps the next add from taking the undone one's id.
    ok(on(&db, "2026-12-01").args(rate("Bob Smith", "2026-08")));
    ok(on(&db, "2026-12-01").args(["undo", &add]));
    let undo = last_change();
    ok(on(&db, "2026-12-01").args(rate("Bob Smith", "2026-11")));
    assert_eq!(common::query(&db, "SELECT id FROM reviews WHERE rep_id = 2 AND period = '2026-11'"), "5");
    let (code, err) = common::run(on(&db, "2026-12-01").args(["undo", &undo]));
    assert_ne!(code, 0);
    assert!(err.contains("would clash with one written since (a second review of the same period"), "{err}");
    let count = "SELECT COUNT(*) FROM reviews WHERE rep_id = 2 AND period = '2026-11'";
    assert_eq!(common::query(&db, count), "1");
    // An edit of nothing: refused, and undo still takes back the add before it.
    let before = last_change();
    let (code, err) = common::run(on(&db, "2026-12-01").args(["review", "edit", "5", "--results", "3"]));
    assert_ne!(code, 0);
    assert!(err.contains("review 5 already says that"), "{err}");
    assert_eq!(last_change(), before, "nothing written");
    ok(on(&db, "2026-12-01").args(["undo"]));
    assert_eq!(common::query(&db, count), "0");
    // 李娜's next review was due 14 Jan: a late review of September written after it does not
    // clear the flag; December's does.
    let due = |day: &str| ok(on(&db, day).args(["report", "risks", "--rule", "review-overdue", "--format", "csv"]));
    assert!(due("2027-01-20").contains("李娜"), "{}", due("2027-01-20"));
    ok(on(&db, "2027-01-20").args(rate("李娜", "2026-09")));
    assert!(due("2027-01-20").contains("李娜"), "a review of an older period: {}", due("2027-01-20"));
    ok(on(&db, "2027-01-20").args(rate("李娜", "2026-12")));
    assert!(!due("2027-01-20").contains("李娜"), "{}", due("2027-01-20"));
    // 5, 4, 4, 4: a mean of 4.25, shown 4.3 by the list, the JSON and the page alike.
    let mut args = rate("Bob Smith", "2026-09");
    args[7] = "5".into();
    args[9] = "4".into();
    args[11] = "4".into();
    args[13] = "4".into();
    ok(on(&db, "2026-12-01").args(args));
    let list = ok(on(&db, "2026-12-01").args(["review", "list", "--rep", "Bob Smith", "--format", "csv"]));
    assert!(list.lines().any(|l| l.contains(",2026-09,") && l.contains(",4.3,")), "{list}");
    let page = ok(on(&db, "2026-12-01").args(["report", "review", "--rep", "Bob Smith", "--period", "2026-09"]));
    assert!(page.contains("| Overall | 4.3 | |"), "{page}");
}

/// Days to come are refused for a tick and a session; a Chinese reader is told the items in
/// Chinese.
#[test]
fn days_to_come_are_refused_and_items_are_listed_in_the_readers_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    let (code, err) = common::run(on(&db, "2026-12-01").args([
        "training",
        "done",
        "--rep",
        "Bob Smith",
        "tools",
        "--on",
        "2027-05-01",
    ]));
    assert_ne!(code, 0);
    assert!(err.contains("is still to come"), "{err}");
    let (code, err) = common::run(on(&db, "2026-12-01").args([
        "training",
        "add",
        "--rep",
        "Bob Smith",
        "--topic",
        "CRM",
        "--hours",
        "1",
        "--on",
        "2026-12-02",
    ]));
    assert_ne!(code, 0);
    assert!(err.contains("is still to come"), "{err}");
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM trainings"), "0");
    let (_, err) =
        common::run(on(&db, "2026-12-01").args(["--lang", "zh", "training", "done", "--rep", "Bob Smith", "foo"]));
    assert!(err.contains("公司与文化"), "{err}");
}
