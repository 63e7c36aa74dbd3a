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
    assert_eq!(kpi("hours"), (Some(240), Some(240)), "the shift worked, not the no-show (minutes)");
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
        err.contains("no item driving on the checklist; it has: company, products, skills, tools, Shop keys"),
        "{err}"
    );
    let (code, err) =
        common::run(on(&db, "2026-12-01").args(["training", "add", "--rep", "李娜", "--topic", "x", "--hours", "-1"]));
    assert_eq!(code, 2);
    assert!(err.contains("hours must be more than 0"), "{err}");
    // Two items left four months after she started: the Risks tab says so.
    let risks =
        ok(on(&db, "2026-12-01").args(["report", "risks", "--rule", "onboarding-unfinished", "--format", "csv"]));
    assert!(risks.contains("2 onboarding item(s) still open, started Sat 1 Aug"), "{risks}");
    ok(on(&db, "2026-12-01").args(["training", "done", "--rep", "李娜", "tools"]));
    ok(on(&db, "2026-12-01").args(["training", "done", "--rep", "李娜", "Shop keys"]));
    let risks =
        ok(on(&db, "2026-12-01").args(["report", "risks", "--rule", "onboarding-unfinished", "--format", "csv"]));
    assert_eq!(risks.lines().count(), 1, "all done: {risks}");
    // Bob started with no start date: no clock to run out.
    assert!(!risks.contains("Bob"));
}
