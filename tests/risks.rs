//! The risk engine on small hand-made files, day by day through the command line: each flag
//! appears on the day it should and not a day before; an acknowledged one comes back when it
//! gets worse, a snoozed one on its date; the count is the list's length.

mod common;

use common::{ok, on};

/// The open flags of `rule` on `day`: each one's subject key and detail.
fn flags(db: &std::path::Path, day: &str, rule: &str) -> Vec<(String, String)> {
    let out = ok(on(db, day).args(["report", "risks", "--rule", rule, "--format", "json"]));
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| (r["subject_key"].as_str().unwrap().to_string(), r["detail"].as_str().unwrap().to_string()))
        .collect()
}

fn shop(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = dir.path().join("risks.db");
    ok(on(&db, "2026-11-01").args(["rep", "add", "--name", "李娜"]));
    ok(on(&db, "2026-11-01").args(["rep", "add", "--name", "Bob Smith"]));
    db
}

#[test]
fn stale_counts_from_the_claim_and_an_acknowledgement_holds_until_ten_days_worse() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    // In the pool since the 1st, quiet; 李娜 takes it on the 20th.
    ok(on(&db, "2026-11-01").args(["lead", "add", "--name", "王伟", "--phone", "13900000001"]));
    ok(on(&db, "2026-11-20").args(["lead", "assign", "1", "李娜", "--claim"]));
    assert!(flags(&db, "2026-11-20", "stale").is_empty(), "silence before she had it is not hers");
    assert!(flags(&db, "2026-11-26", "stale").is_empty(), "6 days");
    let stale = flags(&db, "2026-11-27", "stale");
    assert_eq!(stale, [("lead:1".to_string(), "no activity for 7 days since 李娜 had it".to_string())]);
    // Acknowledged on the 27th: hidden, until 10 days worse.
    ok(on(&db, "2026-11-27").args(["risk", "ack", "stale", "lead:1", "--note", "on holiday"]));
    let history = ok(on(&db, "2026-11-27").args(["history", "--limit", "1"]));
    assert!(history.contains("acknowledged the stale flag of 王伟"), "{history}");
    let history = ok(on(&db, "2026-11-27").args(["--lang", "zh", "history", "--limit", "1"]));
    assert!(history.contains("确认了王伟的「停滞」风险"), "{history}");
    assert!(flags(&db, "2026-11-27", "stale").is_empty());
    assert!(flags(&db, "2026-12-06", "stale").is_empty(), "9 days on");
    assert_eq!(flags(&db, "2026-12-07", "stale").len(), 1, "17 days quiet: 10 worse than acknowledged");
    let all = ok(on(&db, "2026-11-28").args(["report", "risks", "--all", "--rule", "stale", "--format", "csv"]));
    assert!(all.lines().nth(1).unwrap().ends_with(",yes,"), "{all}");
    // Undo takes the acknowledgement back.
    let id = common::query(&db, "SELECT MAX(id) FROM changes");
    ok(on(&db, "2026-11-28").args(["undo", &id]));
    assert_eq!(flags(&db, "2026-11-28", "stale").len(), 1);
}

#[test]
fn overdue_from_the_day_after_and_a_snooze_ends_on_its_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    ok(on(&db, "2026-11-01").args(["lead", "add", "--name", "陈小姐", "--owner", "李娜", "--follow-up", "2026-11-10"]));
    assert!(flags(&db, "2026-11-10", "overdue").is_empty(), "due today");
    assert_eq!(flags(&db, "2026-11-11", "overdue").len(), 1);
    ok(on(&db, "2026-11-11").args(["risk", "snooze", "overdue", "lead:1", "--until", "2026-11-12"]));
    assert!(flags(&db, "2026-11-11", "overdue").is_empty());
    assert!(flags(&db, "2026-11-12", "overdue").is_empty(), "hidden through its day");
    assert_eq!(flags(&db, "2026-11-13", "overdue").len(), 1, "back the day after");
    // Snoozed again, then taken back: on the list at once.
    ok(on(&db, "2026-11-13").args(["risk", "snooze", "overdue", "lead:1", "--until", "2026-11-20"]));
    assert!(flags(&db, "2026-11-13", "overdue").is_empty());
    let back = ok(on(&db, "2026-11-13").args(["risk", "unack", "overdue", "lead:1"]));
    assert!(back.contains("overdue lead:1 is back on the list"), "{back}");
    assert_eq!(flags(&db, "2026-11-13", "overdue").len(), 1);
    let (code, out) = common::run(on(&db, "2026-11-13").args(["risk", "unack", "overdue", "lead:1"]));
    assert!(code == 2 && out.contains("neither acknowledged nor snoozed"), "{out}");
    // A snooze to a day gone by, or of a flag that is not there, says so in one line.
    let (code, out) =
        common::run(on(&db, "2026-11-13").args(["risk", "snooze", "overdue", "lead:1", "--until", "2026-11-01"]));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("has gone by") && out.lines().count() == 1, "{out}");
    let (code, out) = common::run(on(&db, "2026-11-13").args(["risk", "ack", "stale", "lead:9"]));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("report risks --all"), "{out}");
}

#[test]
fn poaching_is_an_event_and_three_reaches_in_a_month_flag_the_rep() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    for (i, name) in ["王伟", "陈小姐", "刘洋"].iter().enumerate() {
        let phone = format!("1390000000{i}");
        ok(on(&db, "2026-11-01").args(["lead", "add", "--name", name, "--phone", &phone, "--owner", "李娜"]));
    }
    assert!(flags(&db, "2026-11-10", "poaching").is_empty());
    // Bob tries to claim two of them and logs a visit on the third.
    for id in ["1", "2"] {
        let (code, _) = common::run(on(&db, "2026-11-10").args(["lead", "assign", id, "Bob Smith", "--claim"]));
        assert_eq!(code, 2);
    }
    ok(on(&db, "2026-11-12").args(["lead", "log", "3", "visit", "--rep", "Bob Smith", "--at", "2026-11-12 10:00"]));
    let poaching = flags(&db, "2026-11-12", "poaching");
    assert_eq!(poaching.len(), 3, "{poaching:?}");
    assert!(poaching.iter().any(|(key, detail)| key == "lead:3" && detail.starts_with("Bob Smith logged activity")));
    let repeated = flags(&db, "2026-11-12", "repeated-poaching");
    let bob = common::query(&db, "SELECT id FROM reps WHERE name = 'Bob Smith'");
    assert_eq!(repeated.len(), 1);
    assert_eq!(repeated[0].0, format!("rep:{bob}"));
    // The owner's own activity is no reach.
    ok(on(&db, "2026-11-12").args(["lead", "log", "1", "call", "--at", "2026-11-12 11:00"]));
    assert_eq!(flags(&db, "2026-11-12", "poaching").len(), 3);
    // Two weeks on, the reaches have aged out of the list.
    assert!(flags(&db, "2026-11-26", "poaching").is_empty());
}

#[test]
fn reps_no_shows_reviews_and_a_rep_who_left() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    for date in ["2026-11-02", "2026-11-09"] {
        ok(on(&db, "2026-11-01").args([
            "shift",
            "add",
            "--rep",
            "Bob Smith",
            "--date",
            date,
            "--start",
            "09:00",
            "--end",
            "13:00",
        ]));
    }
    ok(on(&db, "2026-11-02").args(["shift", "mark", "1", "no-show"]));
    assert!(flags(&db, "2026-11-09", "no-shows").is_empty(), "one is not a pattern");
    ok(on(&db, "2026-11-09").args(["shift", "mark", "2", "no-show"]));
    let shows = flags(&db, "2026-11-09", "no-shows");
    assert_eq!(shows.len(), 1);
    assert!(shows[0].1.starts_with("2 no-shows in 30 days"), "{shows:?}");
    assert!(flags(&db, "2026-12-02", "no-shows").is_empty(), "the first is 30 days old");
    // 李娜 leaves, still owning an open lead.
    ok(on(&db, "2026-11-01").args(["lead", "add", "--name", "王伟", "--owner", "李娜"]));
    ok(on(&db, "2026-11-20").args(["rep", "deactivate", "李娜"]));
    let left = flags(&db, "2026-11-20", "inactive-owner");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].1, "has left and still owns open leads: 1");
}

/// The count on the top bar is the length of the list the Risks tab shows, and the lead rules'
/// counts from their indexes agree with the rules themselves run over every lead.
#[test]
fn the_count_is_the_lists_length() {
    let store = common::demo_store();
    let today = common::today();
    let all = repdesk::service::risks::open(store.conn(), today, usize::MAX / 2).unwrap();
    assert!(all.total > 20, "{}", all.total);
    assert_eq!(all.total, all.flags.len(), "every flag listed when none are held back");
    let held = repdesk::service::risks::open(store.conn(), today, 3).unwrap();
    assert_eq!(held.total, all.total, "the count does not depend on how many are listed");
    assert_eq!(repdesk::service::risks::count(&store).unwrap(), all.total);
    // Remembered: the same count again, from the memo.
    assert_eq!(repdesk::service::risks::count(&store).unwrap(), all.total);
    // Each lead rule's SQL finds exactly the leads its domain rule flags among all of them.
    use repdesk::domain::risk::RiskRule;
    let rules: std::collections::BTreeSet<RiskRule> = all.flags.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&RiskRule::Overdue) && rules.contains(&RiskRule::Understaffed), "{rules:?}");
    let t = repdesk::store::settings::risk_thresholds(store.conn()).unwrap();
    let warn = repdesk::store::settings::ownership_rules(store.conn()).unwrap().warn_days;
    let ids: Vec<i64> = store
        .conn()
        .prepare("SELECT id FROM leads")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for rule in repdesk::store::risks::LEAD_RULES {
        let (_, count) = repdesk::store::risks::lead_candidates(store.conn(), rule, &t, warn, today, 0, true).unwrap();
        let by_rule = ids
            .iter()
            .filter_map(|id| repdesk::store::risks::lead(store.conn(), *id).unwrap())
            .filter(|lead| match rule {
                RiskRule::Overdue => repdesk::domain::risk::overdue::flag(lead, &t, today).is_some(),
                RiskRule::Stale => repdesk::domain::risk::stale::flag(lead, &t, today).is_some(),
                RiskRule::Lapsing => repdesk::domain::risk::lapsing::flag(lead, warn, today).is_some(),
                RiskRule::Dormant => repdesk::domain::risk::dormant::flag(lead, &t, today).is_some(),
                RiskRule::Rotting => repdesk::domain::risk::rotting::flag(lead, &t, today).is_some(),
                _ => false,
            })
            .count();
        assert_eq!(count as usize, by_rule, "{rule:?}");
    }
}

/// An acknowledgement is of the flag it was given to: a follow-up missed again later is a new
/// flag, shown at once.
#[test]
fn an_acknowledgement_does_not_hide_the_next_flag_of_its_subject() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    ok(on(&db, "2026-11-01").args(["lead", "add", "--name", "陈小姐", "--owner", "李娜", "--follow-up", "2026-11-10"]));
    ok(on(&db, "2026-11-12").args(["risk", "ack", "overdue", "lead:1"]));
    assert!(flags(&db, "2026-11-12", "overdue").is_empty());
    // A new follow-up, missed too.
    ok(on(&db, "2026-11-12").args(["lead", "follow-up", "1", "2026-11-14"]));
    let again = flags(&db, "2026-11-15", "overdue");
    assert_eq!(again.len(), 1, "{again:?}");
    assert!(again[0].1.contains("1d overdue"), "{again:?}");
}

/// A slot under its need in the coming seven days, high within two; gone once covered.
#[test]
fn a_short_slot_of_the_coming_week() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    // Thursdays, the store, 09:00–13:00, one rep. 26 Nov 2026 is a Thursday.
    ok(on(&db, "2026-11-01").args(["need", "add", "--day", "thu", "--start", "09:00", "--end", "13:00"]));
    let key = "slot:2026-11-26:store:09:00-13:00";
    assert!(!flags(&db, "2026-11-19", "understaffed").iter().any(|(k, _)| k == key), "a week ahead");
    let short = flags(&db, "2026-11-20", "understaffed");
    assert!(short.iter().any(|(k, d)| k == key && d == "0 of 1 on shift"), "{short:?}");
    let json = ok(on(&db, "2026-11-24").args(["report", "risks", "--rule", "understaffed", "--format", "json"]));
    assert!(json.contains(key) && json.contains("\"severity\": \"high\""), "two days ahead: {json}");
    ok(on(&db, "2026-11-24").args([
        "shift",
        "add",
        "--rep",
        "李娜",
        "--date",
        "2026-11-26",
        "--start",
        "09:00",
        "--end",
        "13:00",
    ]));
    assert!(!flags(&db, "2026-11-24", "understaffed").iter().any(|(k, _)| k == key), "covered");
}

/// A VIP quiet for a month; a valuable lead sitting in its stage.
#[test]
fn a_dormant_vip_and_a_rotting_lead() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    ok(on(&db, "2026-10-01").args(["lead", "add", "--name", "王总", "--category", "vip", "--owner", "李娜"]));
    ok(on(&db, "2026-10-01").args(["lead", "add", "--name", "赵经理", "--value", "80000", "--owner", "李娜"]));
    assert!(flags(&db, "2026-10-30", "dormant").is_empty(), "29 days");
    let dormant = flags(&db, "2026-10-31", "dormant");
    assert_eq!(dormant.len(), 1);
    assert_eq!(dormant[0].1, "VIP customer, no activity for 30 days · 李娜");
    assert!(flags(&db, "2026-10-31", "rotting").is_empty(), "30 days in its stage is not more than 30");
    let rotting = flags(&db, "2026-11-01", "rotting");
    assert_eq!(rotting.len(), 1, "{rotting:?}");
    assert_eq!(rotting[0].0, "lead:2");
}

#[test]
fn a_customer_two_reps_hold_is_flagged_on_the_lead_taken_last() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    ok(on(&db, "2026-11-01").args(["rep", "add", "--name", "刘洋"]));
    ok(on(&db, "2026-11-01").args(["lead", "add", "--name", "王伟", "--phone", "13900000001", "--owner", "李娜"]));
    // The same customer under another name, in the pool: nobody holds it yet. (All within
    // 李娜's two weeks of protection.)
    let pool = ["lead", "add", "--name", "王先生", "--phone", "+86 139 0000 0001", "--allow-duplicate"];
    ok(on(&db, "2026-11-01").args(pool));
    assert!(flags(&db, "2026-11-05", "shared-customer").is_empty());
    ok(on(&db, "2026-11-06").args(["lead", "assign", "2", "Bob Smith", "--claim"]));
    let shared = flags(&db, "2026-11-06", "shared-customer");
    assert_eq!(
        shared,
        [("lead:2".to_string(), "Bob Smith holds it, and 李娜 the same customer (the same phone)".to_string())]
    );
    // By e-mail, whatever its case, and by name and company.
    let mail = ["lead", "add", "--name", "陈小姐", "--email", "chen@example.com", "--owner", "李娜"];
    ok(on(&db, "2026-11-06").args(mail));
    let mail =
        ["lead", "add", "--name", "Ms Chen", "--email", "Chen@Example.com", "--owner", "刘洋", "--allow-duplicate"];
    ok(on(&db, "2026-11-07").args(mail));
    let firm = ["lead", "add", "--name", "赵六", "--company", "晨光文具店", "--owner", "李娜"];
    ok(on(&db, "2026-11-07").args(firm));
    ok(on(&db, "2026-11-08").args(["lead", "add", "--name", "赵六", "--company", "晨光文具店", "--allow-duplicate"]));
    ok(on(&db, "2026-11-08").args(["lead", "assign", "6", "Bob Smith"]));
    let shared = flags(&db, "2026-11-08", "shared-customer");
    let keys: Vec<&str> = shared.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["lead:6", "lead:4", "lead:2"], "{shared:?}");
    assert!(shared[1].1.ends_with("(the same e-mail)") && shared[0].1.ends_with("(the same name and company)"));
    // Acknowledged, it comes back when a third rep takes the customer too.
    ok(on(&db, "2026-11-08").args(["risk", "ack", "shared-customer", "lead:2"]));
    assert_eq!(flags(&db, "2026-11-08", "shared-customer").len(), 2);
    let third = ["lead", "add", "--name", "王伟", "--phone", "13900000001", "--owner", "刘洋", "--allow-duplicate"];
    ok(on(&db, "2026-11-08").args(third));
    let shared = flags(&db, "2026-11-08", "shared-customer");
    assert_eq!(shared.len(), 3, "{shared:?}");
    assert!(shared.iter().any(|(k, d)| k == "lead:7" && d == "刘洋 holds it, and Bob Smith, 李娜 the same customer (the same phone)"));
    // Released or won, a lead no longer clashes.
    ok(on(&db, "2026-11-09").args(["lead", "release", "7"]));
    ok(on(&db, "2026-11-09").args(["lead", "release", "2"]));
    ok(on(&db, "2026-11-09").args(["lead", "stage", "4", "won", "--amount", "100"]));
    assert_eq!(flags(&db, "2026-11-09", "shared-customer").len(), 1, "the name and company is left");
    // Two reps' customers of the same name, with no company: common names, not one customer.
    ok(on(&db, "2026-11-09").args(["lead", "add", "--name", "张伟", "--owner", "李娜"]));
    ok(on(&db, "2026-11-09").args(["lead", "add", "--name", "张伟", "--owner", "刘洋", "--allow-duplicate"]));
    assert_eq!(flags(&db, "2026-11-09", "shared-customer").len(), 1);
    let zh = ok(on(&db, "2026-11-09").args(["--lang", "zh", "report", "risks", "--rule", "shared-customer"]));
    assert!(zh.contains("Bob Smith 负责，李娜 也负责同一客户（姓名和公司相同）"), "{zh}");
}

/// Protection about to lapse with no progress, from the warning days before its end; progress
/// (an activity) takes the flag away.
#[test]
fn protection_lapsing_without_progress() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    ok(on(&db, "2026-11-01").args(["lead", "add", "--name", "王伟", "--owner", "李娜"]));
    ok(on(&db, "2026-11-01").args(["lead", "add", "--name", "陈小姐", "--owner", "李娜"]));
    // Protected to the 15th; warned 3 days before.
    assert!(flags(&db, "2026-11-11", "lapsing").is_empty(), "4 days left");
    let lapsing = flags(&db, "2026-11-12", "lapsing");
    assert_eq!(lapsing.len(), 2, "{lapsing:?}");
    assert_eq!(lapsing[0].1, "李娜's protection ends Sun 15 Nov with no progress since the claim");
    ok(on(&db, "2026-11-12").args(["lead", "log", "2", "call", "--at", "2026-11-12 10:00"]));
    let lapsing = flags(&db, "2026-11-12", "lapsing");
    assert_eq!(lapsing.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["lead:1"], "a call is progress");
}

/// A month's revenue target behind pace once 30% of the month's working days are gone, not a
/// day before; its band drops as the month goes on without sales.
#[test]
fn a_target_behind_pace_from_thirty_percent_of_the_month() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    // November 2026 has 21 weekdays; 30% of them (6.3) are gone with the 7th, Tue 10 Nov.
    ok(on(&db, "2026-11-01").args(["settings", "set", "pace.working_days", "mon-fri"]));
    ok(on(&db, "2026-11-01")
        .args(["target", "set", "--rep", "李娜", "--metric", "revenue", "--goal", "30000", "--period", "2026-11"]));
    ok(on(&db, "2026-11-02").args(["sale", "add", "--rep", "李娜", "--amount", "1000", "--on", "2026-11-02"]));
    assert!(flags(&db, "2026-11-09", "behind-pace").is_empty(), "6 of 21 working days gone");
    let pace = flags(&db, "2026-11-10", "behind-pace");
    let li = common::query(&db, "SELECT id FROM reps WHERE name = '李娜'");
    let key = format!("rep:{li}:revenue:2026-11");
    assert_eq!(pace, [(key.clone(), "at 10% of expected revenue with 67% of November 2026 left".to_string())]);
    // Acknowledged, it stays hidden while the pace holds its band, and is back a band lower.
    ok(on(&db, "2026-11-10").args(["risk", "ack", "behind-pace", &key]));
    assert!(flags(&db, "2026-11-10", "behind-pace").is_empty());
    ok(on(&db, "2026-11-10").args(["sale", "add", "--rep", "李娜", "--amount", "500", "--on", "2026-11-10"]));
    assert!(flags(&db, "2026-11-11", "behind-pace").is_empty(), "1,500 of 11,429 expected: 13%, the same band");
    let lower = flags(&db, "2026-11-30", "behind-pace");
    assert_eq!(lower.len(), 1, "5% of the whole month: a band lower");
    assert!(lower[0].1.starts_with("at 5% of expected revenue"), "{lower:?}");
}

/// The last four weeks' revenue down 30% on the four before.
#[test]
fn a_falling_trend_of_four_weeks() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(&dir);
    ok(on(&db, "2026-10-01").args(["sale", "add", "--rep", "Bob Smith", "--amount", "1000", "--on", "2026-10-01"]));
    ok(on(&db, "2026-10-29").args(["sale", "add", "--rep", "Bob Smith", "--amount", "750", "--on", "2026-10-29"]));
    // Up to 28 Oct the sale of 1 Oct is among the last 28 days, with nothing before it.
    assert!(flags(&db, "2026-10-28", "falling-trend").is_empty());
    assert!(flags(&db, "2026-10-29", "falling-trend").is_empty(), "750 on 1,000 is down 25%");
    ok(on(&db, "2026-10-29").args(["settings", "set", "risk.trend_drop_percent", "25"]));
    let trend = flags(&db, "2026-10-29", "falling-trend");
    assert_eq!(trend.len(), 1);
    assert_eq!(trend[0].1, "revenue of the last 4 weeks 750, down 25% on the 4 before (1,000)");
    // Four weeks on, the sale of 29 Oct is the four weeks before, and nothing came since.
    let trend = flags(&db, "2026-11-26", "falling-trend");
    assert_eq!(trend[0].1, "revenue of the last 4 weeks 0, down 100% on the 4 before (750)");
}

/// A rep never reviewed is due 90 days after they started (a review's own next date is the
/// domain rule's unit test until reviews can be written).
#[test]
fn a_review_overdue_from_the_start_or_its_next_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("review.db");
    ok(on(&db, "2026-08-01").args(["rep", "add", "--name", "周敏", "--hired-on", "2026-08-01"]));
    assert!(flags(&db, "2026-10-29", "review-overdue").is_empty(), "89 days");
    let due = flags(&db, "2026-10-30", "review-overdue");
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].1, "never reviewed, started Sat 1 Aug (90 days)");
}

/// This week's or next week's shifts over a rep's hours or outside their availability; the
/// week after next is not yet a risk.
#[test]
fn shifts_over_hours_or_outside_availability() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shifts.db");
    ok(on(&db, "2026-11-01").args(["rep", "add", "--name", "李娜", "--max-weekly-hours", "12"]));
    ok(on(&db, "2026-11-01").args(["availability", "set", "--rep", "李娜", "--day", "mon", "09:00-13:00"]));
    ok(on(&db, "2026-11-01").args(["availability", "set", "--rep", "李娜", "--day", "tue", "09:00-18:00"]));
    // The week of Mon 30 Nov: 8 + 8 hours, and Monday's afternoon outside her window.
    for (date, start, end) in [("2026-11-30", "09:00", "17:00"), ("2026-12-01", "09:00", "17:00")] {
        let (code, _) = common::run(
            on(&db, "2026-11-16")
                .args(["shift", "add", "--rep", "李娜", "--date", date, "--start", start, "--end", end]),
        );
        assert_eq!(code, 0);
    }
    assert!(flags(&db, "2026-11-22", "over-hours").is_empty(), "the week after next");
    assert!(flags(&db, "2026-11-22", "outside-availability").is_empty());
    let over = flags(&db, "2026-11-23", "over-hours");
    assert_eq!(
        over,
        [("rep:1:week:2026-11-30".to_string(), "week of Mon 30 Nov: 16.0 h planned, max 12 h".to_string())]
    );
    let outside = flags(&db, "2026-11-23", "outside-availability");
    assert_eq!(outside.len(), 1, "{outside:?}");
    assert!(outside[0].0.starts_with("shift:") && outside[0].1.starts_with("Mon 30 Nov 09:00–17:00"), "{outside:?}");
}
