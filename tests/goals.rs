//! Targets from the command line: a rep's, a team's split among its reps by their hours, the
//! business's split into the weeks, set again, listed, removed and undone.

mod common;

use predicates::prelude::*;

fn demo(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = dir.path().join("goals.db");
    common::repdesk(&db).args(["demo"]).assert().success();
    db
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn targets_are_set_split_listed_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir);
    let teams = stdout(common::repdesk(&db).args(["rep", "list", "--format", "json"]));
    let reps: serde_json::Value = serde_json::from_str(&teams).unwrap();
    let team = reps[0]["team"].as_str().unwrap().to_string();
    let members: Vec<(&str, f64)> = reps
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["team"].as_str() == Some(team.as_str()) && r["active"].as_bool() == Some(true))
        .map(|r| (r["name"].as_str().unwrap(), r["max_weekly_hours"].as_f64().unwrap_or(40.0)))
        .collect();
    let set = stdout(common::repdesk(&db).args([
        "target", "set", "--team", &team, "--metric", "revenue", "--goal", "60000", "--period", "2026-12", "--split",
        "reps",
    ]));
    assert!(set.contains(&format!("Team {team}, revenue 60000.00 in 2026-12.")), "{set}");
    // Each member's share follows their hours, and the shares add up to the team's goal.
    let hours: f64 = members.iter().map(|(_, h)| h).sum();
    let listed: serde_json::Value = serde_json::from_str(&stdout(
        common::repdesk(&db).args(["target", "list", "--period", "2026-12", "--format", "json"]),
    ))
    .unwrap();
    let rows = listed.as_array().unwrap();
    let mut sum = 0;
    for (name, h) in &members {
        let row = rows.iter().find(|r| r["rep"].as_str() == Some(name)).unwrap_or_else(|| panic!("{name}: {listed}"));
        let goal = row["goal"].as_i64().unwrap();
        let share = 6_000_000.0 * h / hours;
        assert!((goal as f64 - share).abs() <= 1.0, "{name}: {goal} against {share}");
        sum += goal;
    }
    assert_eq!(sum, 6_000_000, "cents, adding up to the team's goal");
    // Setting it again changes it, and says so.
    let again = stdout(
        common::repdesk(&db)
            .args(["target", "set", "--team", &team, "--metric", "revenue", "--goal", "5万", "--period", "2026-12"]),
    );
    assert!(again.contains("now 50000.00"), "{again}");
    // The business's new customers for December, split into the weeks it touches.
    let weeks = stdout(common::repdesk(&db).args([
        "target",
        "set",
        "--all",
        "--metric",
        "new-customers",
        "--goal",
        "31",
        "--period",
        "2026-12",
        "--split",
        "weeks",
    ]));
    assert!(weeks.contains("Whole business, new customers 31 in 2026-12.") && weeks.contains("2026-W49"), "{weeks}");
    let week: serde_json::Value = serde_json::from_str(&stdout(
        common::repdesk(&db).args(["target", "list", "--period", "2026-W50", "--format", "json"]),
    ))
    .unwrap();
    assert_eq!(week[0]["goal"], 7, "a whole week of December's 31 days: {week}");
    // A rate is each rep's to reach: split among the team, every rep gets the same 35%.
    let rate = stdout(common::repdesk(&db).args([
        "target",
        "set",
        "--team",
        &team,
        "--metric",
        "conversion",
        "--goal",
        "35",
        "--period",
        "2026-12",
        "--split",
        "reps",
    ]));
    assert_eq!(rate.matches("conversion 35 in 2026-12").count(), members.len() + 1, "{rate}");
    // One change each: undoing the split takes the month and its weeks back together.
    let change = |said: &str| said.split("Change #").nth(1).and_then(|r| r.split(';').next()).unwrap().to_string();
    common::repdesk(&db).args(["undo", &change(&rate)]).assert().success();
    common::repdesk(&db).args(["undo", &change(&weeks)]).assert().success();
    let week = stdout(common::repdesk(&db).args(["target", "list", "--period", "2026-W50", "--format", "csv"]));
    assert_eq!(week.lines().count(), 1, "only the header: {week}");
    // Removed by its id.
    let id = rows[0]["id"].as_i64().unwrap().to_string();
    common::repdesk(&db)
        .args(["target", "rm", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("Removed target"));
    common::repdesk(&db).args(["target", "rm", &id]).assert().failure();
}

#[test]
fn a_target_that_does_not_read_is_one_plain_sentence_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir);
    let before = stdout(common::repdesk(&db).args(["target", "list", "--format", "csv"]));
    for (args, said) in [
        (
            vec!["--metric", "revenue", "--goal", "100"],
            "a target is for a rep (--rep), a team (--team) or the whole business (--all)",
        ),
        (vec!["--all", "--metric", "happiness", "--goal", "1"], "--metric: 'happiness' is not a metric"),
        (vec!["--all", "--metric", "conversion", "--goal", "140"], "not a percentage from 1 to 100"),
        (vec!["--all", "--metric", "calls", "--goal", "-3"], "--goal"),
        (
            vec!["--all", "--metric", "revenue", "--goal", "-500"],
            "--goal: a goal must be more than 0, and '-500' is not",
        ),
        (vec!["--team", "Nowhere", "--metric", "calls", "--goal", "3"], "no active rep is in team 'Nowhere'"),
        (
            vec!["--all", "--metric", "calls", "--goal", "3", "--period", "2026-W49", "--split", "weeks"],
            "cannot be split into weeks",
        ),
        (vec!["--all", "--metric", "calls", "--goal", "3", "--period", "2026-13"], "--period"),
    ] {
        let out = common::repdesk(&db).args(["target", "set"]).args(&args).assert().failure();
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(err.contains(said), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    }
    assert_eq!(stdout(common::repdesk(&db).args(["target", "list", "--format", "csv"])), before);
}

/// The leaderboard report ranks by any metric with the JSON fields of the design, ties
/// sharing a rank and listed by name, each rep's movement on the period before; the goals
/// report gives every target's pace.
#[test]
fn the_leaderboard_and_goals_reports() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir);
    for by in ["revenue", "deals", "new-customers", "visits", "calls", "conversion", "revenue-per-hour"] {
        let json: serde_json::Value = serde_json::from_str(&stdout(common::repdesk(&db).args([
            "report",
            "leaderboard",
            "--period",
            "2026-11",
            "--by",
            by,
            "--format",
            "json",
        ])))
        .unwrap();
        let rows = json.as_array().unwrap();
        assert!(!rows.is_empty());
        for field in [
            "rank",
            "rep",
            "revenue_cents",
            "deals_won",
            "new_customers",
            "visits",
            "calls",
            "conversion",
            "hours",
            "revenue_per_hour_cents",
            "commission_cents",
            "movement",
        ] {
            assert!(rows[0].get(field).is_some(), "{by}: {field} in {}", rows[0]);
        }
        // Ranks never go down the list, and equal ranks are in name order.
        for w in rows.windows(2) {
            let (a, b) = (w[0]["rank"].as_i64().unwrap(), w[1]["rank"].as_i64().unwrap());
            assert!(a <= b, "{by}");
            if a == b {
                assert!(w[0]["rep"].as_str() <= w[1]["rep"].as_str(), "{by}: ties by name");
            }
        }
    }
    let visits: serde_json::Value = serde_json::from_str(&stdout(common::repdesk(&db).args([
        "report",
        "leaderboard",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-15",
        "--by",
        "visits",
        "--format",
        "json",
    ])))
    .unwrap();
    assert!(visits[0]["visits"].as_i64().unwrap() >= visits[1]["visits"].as_i64().unwrap());
    common::repdesk(&db)
        .args(["report", "leaderboard", "--from", "2026-11-15", "--to", "2026-11-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--to: Sun 1 Nov is before Sun 15 Nov"));
    let goals = stdout(common::repdesk(&db).args(["report", "goals", "--period", "2026-11", "--format", "json"]));
    let goals: serde_json::Value = serde_json::from_str(&goals).unwrap();
    assert!(goals.as_array().unwrap().iter().all(|g| g.get("pace").is_some() && g.get("forecast").is_some()));
}

/// The leaderboard's figures on a real CRM export (Maven Analytics' public sample, 8,800
/// opportunities of 35 agents in 2017; see tests/fixtures/sales_pipeline.README.md): every
/// agent's won deals, revenue and conversion in every quarter, against figures this test
/// computes from the file itself.
#[test]
fn every_agents_figures_in_every_quarter_of_a_real_crm_export() {
    use std::collections::BTreeMap;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crm.db");
    let file = common::fixture("sales_pipeline.csv");
    common::repdesk(&db).args(["import", "deals"]).arg(&file).assert().success();
    // (quarter, agent) → (won, revenue in cents, lost), read straight from the file.
    let mut expected: BTreeMap<(u32, String), (i64, i64, i64)> = BTreeMap::new();
    let mut reader = csv::Reader::from_path(&file).unwrap();
    for record in reader.records() {
        let r = record.unwrap();
        let (agent, stage, close, value) = (&r[1], &r[4], &r[6], &r[7]);
        if close.is_empty() || !(stage == "Won" || stage == "Lost") {
            continue;
        }
        let month: u32 = close[5..7].parse().unwrap();
        let entry = expected.entry(((month - 1) / 3 + 1, agent.to_string())).or_default();
        if stage == "Won" {
            entry.0 += 1;
            entry.1 += value.parse::<i64>().unwrap() * 100;
        } else {
            entry.2 += 1;
        }
    }
    assert!(expected.len() > 60, "several quarters of about thirty agents");
    for quarter in 1..=4 {
        let json: serde_json::Value = serde_json::from_str(&stdout(common::repdesk(&db).args([
            "report",
            "leaderboard",
            "--period",
            &format!("2017-Q{quarter}"),
            "--format",
            "json",
        ])))
        .unwrap();
        let board: BTreeMap<String, &serde_json::Value> =
            json.as_array().unwrap().iter().map(|r| (r["rep"].as_str().unwrap().to_string(), r)).collect();
        for ((q, agent), (won, revenue, lost)) in expected.iter().filter(|((q, _), _)| *q == quarter) {
            let row = board.get(agent).unwrap_or_else(|| panic!("Q{q} {agent} not on the board"));
            assert_eq!(row["deals_won"], *won, "Q{q} {agent} won");
            assert_eq!(row["revenue_cents"], *revenue, "Q{q} {agent} revenue");
            let conversion = row["conversion"].as_f64().unwrap();
            let want = *won as f64 / (*won + *lost) as f64;
            assert!((conversion - want).abs() < 1e-4, "Q{q} {agent} conversion {conversion} against {want}");
        }
        // Nobody the file has no closed deal of that quarter for shows figures.
        for (agent, row) in &board {
            if !expected.contains_key(&(quarter, agent.clone())) {
                assert_eq!(row["deals_won"], 0, "Q{quarter} {agent}");
            }
        }
    }
}

/// Commission tiered by the rep's revenue target: the tier reached pays its rate on all the
/// revenue, with what the next would pay; a rep without a target earns their own rate.
#[test]
fn commission_follows_the_tier_the_revenue_target_reaches() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir);
    let board = |db: &std::path::Path| -> serde_json::Value {
        serde_json::from_str(&stdout(common::repdesk(db).args(["report", "leaderboard", "--format", "json"]))).unwrap()
    };
    let first = board(&db)[0].clone();
    let (rep, revenue) = (first["rep"].as_str().unwrap().to_string(), first["revenue_cents"].as_i64().unwrap());
    assert_eq!(first["commission_tier"], 0, "no tiers yet: the rep's own rate");
    common::repdesk(&db).args(["settings", "set", "commission.tiers", "100:8, 150:12"]).assert().success();
    common::repdesk(&db)
        .args(["settings", "set", "commission.tiers", "lots"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'lots' is not a tier"));
    // A target the rep has passed by a fifth: the 8% tier, and what 150% would pay at 12%.
    let goal = format!("{}", revenue * 10 / 12 / 100);
    common::repdesk(&db)
        .args(["target", "set", "--rep", &rep, "--metric", "revenue", "--goal", &goal])
        .assert()
        .success();
    let row = board(&db).as_array().unwrap().iter().find(|r| r["rep"] == rep.as_str()).unwrap().clone();
    assert_eq!(row["commission_tier"], 1, "{row}");
    assert_eq!(row["commission_rate_bp"], 800);
    assert_eq!(row["commission_cents"], (revenue * 8 + 50) / 100);
    let next = row["next_tier"].as_array().unwrap();
    assert_eq!((next[0].as_i64(), next[1].as_i64()), (Some(150), Some(1200)));
}

/// The multi-channel view: the board by team or by channel adds each group's reps up.
#[test]
fn the_board_by_team_and_by_channel_adds_the_reps_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir);
    let json = |args: &[&str]| -> serde_json::Value {
        let mut cmd = common::repdesk(&db);
        cmd.args(["report", "leaderboard", "--period", "2026-11", "--format", "json"]).args(args);
        serde_json::from_str(&stdout(&mut cmd)).unwrap()
    };
    let reps = json(&[]);
    let total: i64 = reps.as_array().unwrap().iter().map(|r| r["revenue_cents"].as_i64().unwrap()).sum();
    for group in ["team", "channel", "location"] {
        let board = json(&["--group", group]);
        let rows = board.as_array().unwrap();
        assert!(rows.len() >= 2 && rows.len() < reps.as_array().unwrap().len(), "{group}: {board}");
        assert_eq!(rows.iter().map(|r| r["revenue_cents"].as_i64().unwrap()).sum::<i64>(), total, "{group}");
    }
}

/// By location, a rep's day counts where that day's shift was, else at their channel; hours
/// count where they were worked. Checked on a hand-made file against figures set here.
#[test]
fn the_board_by_location_counts_each_day_where_it_was_worked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("places.db");
    let run = |args: &[&str]| {
        common::repdesk(&db).args(args).assert().success();
    };
    run(&["rep", "add", "--name", "Ana Hall", "--channel", "store", "--commission-rate", "5"]);
    run(&["rep", "add", "--name", "李娜", "--channel", "phone", "--commission-rate", "10"]);
    // Ana: a phone shift on the 2nd (her sale that day is the phone's), none on the 3rd (the
    // store's, her channel). 李娜: 3 h in the field and 1 h on the phone on the 4th.
    for (rep, date, start, end, place) in [
        ("Ana Hall", "2026-11-02", "09:00", "13:00", "phone"),
        ("李娜", "2026-11-04", "09:00", "12:00", "field"),
        ("李娜", "2026-11-04", "13:00", "14:00", "phone"),
    ] {
        run(&["shift", "add", "--rep", rep, "--date", date, "--start", start, "--end", end, "--location", place]);
    }
    run(&["sale", "add", "--rep", "Ana Hall", "--amount", "1000", "--on", "2026-11-02"]);
    run(&["sale", "add", "--rep", "Ana Hall", "--amount", "400", "--on", "2026-11-03"]);
    run(&["sale", "add", "--rep", "李娜", "--amount", "300", "--on", "2026-11-04"]);
    let out = stdout(common::repdesk(&db).args([
        "report",
        "leaderboard",
        "--period",
        "2026-11",
        "--group",
        "location",
        "--format",
        "json",
    ]));
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let at = |place: &str| -> &serde_json::Value {
        rows.as_array().unwrap().iter().find(|r| r["rep"] == place).unwrap_or_else(|| panic!("{place}: {out}"))
    };
    assert_eq!(at("phone")["revenue_cents"], 100_000, "{out}");
    assert_eq!(at("phone")["hours"], 5.0, "Ana's 4 h and 李娜's 1 h");
    assert_eq!(at("phone")["commission_cents"], 5_000, "5% of Ana's ¥1,000");
    assert_eq!(at("store")["revenue_cents"], 40_000);
    assert_eq!(at("store")["hours"], 0.0);
    assert_eq!(at("field")["revenue_cents"], 30_000);
    assert_eq!(at("field")["hours"], 3.0);
    assert_eq!(at("field")["commission_cents"], 3_000, "10% of 李娜's ¥300");
    assert_eq!(at("phone")["rank"], 1);
    assert_eq!(rows.as_array().unwrap().len(), 3, "{out}");
}

/// The sparklines and the board by location sum each rep's days and shifts; those sums are the
/// period's figures the board reads in one query, for every rep, month and quarter.
#[test]
fn a_reps_days_add_up_to_their_figures_for_the_period() {
    use repdesk::domain::leaderboard::summed;
    use repdesk::domain::model::Metric;
    use repdesk::domain::period::{Period, PeriodKind};
    use repdesk::store::metrics;
    let store = common::demo_store();
    let conn = store.conn();
    let today = common::today();
    let reps = metrics::reps(conn).unwrap();
    let mut with_sales = 0;
    for kind in [PeriodKind::Month, PeriodKind::Quarter] {
        let mut period = Period::containing(kind, today);
        for _ in 0..3 {
            let all: Vec<Metric> = <Metric as strum::IntoEnumIterator>::iter().collect();
            let days = metrics::days_between(conn, period.first_day(), period.last_day(), &all).unwrap();
            let shifts = metrics::shift_days(conn, period.first_day(), period.last_day(), today).unwrap();
            let sums = summed(&days, &shifts, &reps);
            let figures = metrics::rep_metrics(conn, &period, today).unwrap();
            with_sales += usize::from(figures.iter().any(|m| m.revenue.cents() > 0));
            for m in &figures {
                let s = sums.iter().find(|s| s.rep_id == m.rep_id).unwrap();
                assert_eq!(s, m, "{period:?} {}", m.rep);
            }
            period = period.previous();
        }
    }
    assert!(with_sales >= 4, "the demo sold in most of these periods: {with_sales}");
}

/// Honours: the daily sweep (here before a lead command) records the top rep of each metric of
/// the months, quarters and years that are over, once, as a change; a render or a report never
/// does; the rep's record shows them; undo takes them back.
#[test]
fn the_sweep_records_each_periods_honours_once_and_reports_never_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir);
    let count = || common::query(&db, "SELECT COUNT(*) FROM honours");
    let changes = || common::query(&db, "SELECT COUNT(*) FROM changes");
    let before = changes();
    common::repdesk(&db).args(["render", "--tab", "leaderboard"]).assert().success();
    common::repdesk(&db).args(["report", "leaderboard", "--period", "2026-10"]).assert().success();
    common::repdesk(&db).args(["report", "goals"]).assert().success();
    assert_eq!(count(), "0", "a render or a report records nothing");
    assert_eq!(changes(), before);
    common::repdesk(&db).args(["lead", "list", "--limit", "1"]).assert().success();
    let recorded = count();
    assert!(recorded.parse::<i64>().unwrap() > 10, "{recorded}");
    // October's best revenue is the board's first.
    let board: serde_json::Value = serde_json::from_str(&stdout(common::repdesk(&db).args([
        "report",
        "leaderboard",
        "--period",
        "2026-10",
        "--format",
        "json",
    ])))
    .unwrap();
    let top = &board[0];
    let honoured = common::query(
        &db,
        "SELECT r.name || ' ' || h.value FROM honours h JOIN reps r ON r.id = h.rep_id
         WHERE h.period_kind = 'month' AND h.period_start = '2026-10-01' AND h.metric = 'revenue'",
    );
    assert_eq!(honoured, format!("{} {}", top["rep"].as_str().unwrap(), top["revenue_cents"]));
    // The month still going has none.
    assert_eq!(common::query(&db, "SELECT COUNT(*) FROM honours WHERE period_start = '2026-11-01'"), "0");
    // A second sweep finds nothing left to record.
    common::repdesk(&db).args(["lead", "list", "--limit", "1"]).assert().success();
    assert_eq!(count(), recorded);
    assert_eq!(changes().parse::<i64>().unwrap(), before.parse::<i64>().unwrap() + 1, "one change");
    let history = stdout(common::repdesk(&db).args(["history", "--limit", "1"]));
    assert!(history.contains("honours for 2026-10"), "{history}");
    // On the rep's record.
    let shown = stdout(common::repdesk(&db).args(["rep", "show", top["rep"].as_str().unwrap()]));
    assert!(shown.contains("top revenue, October 2026"), "{shown}");
    // And undone as any change.
    let id = common::query(&db, "SELECT MAX(id) FROM changes");
    common::repdesk(&db).args(["undo", &id]).assert().success();
    assert_eq!(count(), "0");
}

/// The pipeline is today's open deals in reps' hands: set against a revenue target still
/// going, never against a month that is over.
#[test]
fn pipeline_cover_is_for_a_period_still_going() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir);
    let goals = |period: &str| -> serde_json::Value {
        serde_json::from_str(&stdout(
            common::repdesk(&db).args(["report", "goals", "--period", period, "--format", "json"]),
        ))
        .unwrap()
    };
    common::repdesk(&db)
        .args(["target", "set", "--all", "--metric", "revenue", "--goal", "999999", "--period", "2026-10"])
        .assert()
        .success();
    let now = goals("2026-11");
    let revenue = now.as_array().unwrap().iter().find(|r| r["metric"] == "revenue").unwrap();
    // The deals reps hold: a deal in the pool has nobody working it.
    let open: i64 = common::query(
        &db,
        "SELECT SUM(value_cents) FROM deals WHERE stage <> 'won' AND stage <> 'lost' AND rep_id IS NOT NULL",
    )
    .parse()
    .unwrap();
    assert_eq!(revenue["open_value"], open, "{revenue}");
    assert!(revenue.get("pipeline_cover").is_some(), "{revenue}");
    let past = goals("2026-10");
    let revenue = past.as_array().unwrap().iter().find(|r| r["metric"] == "revenue").unwrap();
    assert!(revenue.get("open_value").is_none() && revenue.get("pipeline_cover").is_none(), "{revenue}");
}
