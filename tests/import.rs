//! Imports from files shaped like real CRM exports, in their encodings, with broken rows;
//! and the round trip export → import.

mod common;

use common::{fixture, query, repdesk};
use predicates::prelude::*;
use std::path::Path;

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().get_output().stdout.clone()).unwrap()
}

#[test]
fn the_real_crm_sample_gives_its_known_totals_and_imports_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crm.db");
    let file = fixture("sales_pipeline.csv");
    let dry = stdout(repdesk(&db).args(["import", "deals"]).arg(&file).arg("--dry-run"));
    assert!(dry.contains("Dry run") && dry.contains("would add 8800"), "{dry}");
    assert!(dry.contains("Deals it would add: 4238 won, 2473 lost, 2089 open."), "{dry}");
    assert!(dry.contains("New reps the file would add to the roster"), "{dry}");
    assert!(!db.exists(), "a dry run creates no database");
    let first = stdout(repdesk(&db).args(["import", "deals"]).arg(&file));
    assert!(first.contains("refused 0") && first.contains("New reps from the file"), "{first}");
    // Maven Analytics' published totals: 8,800 opportunities, 4,238 won worth 10,005,534.
    assert_eq!(query(&db, "SELECT COUNT(*) FROM deals"), "8800");
    assert_eq!(
        query(&db, "SELECT COUNT(*) || ' ' || SUM(value_cents) FROM deals WHERE stage = 'won'"),
        "4238 1000553400"
    );
    assert_eq!(query(&db, "SELECT COUNT(*) FROM deals WHERE stage = 'lost'"), "2473");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM deals WHERE stage NOT IN ('won', 'lost')"), "2089");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM sales"), "4238");
    assert_eq!(query(&db, "SELECT SUM(amount_cents) FROM sales"), "1000553400");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM reps"), "30");
    // 85 accounts, and the 1,425 deals with no account each on a customer named after it.
    assert!(first.contains("1425 deal(s) name no person or organization"), "{first}");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM leads"), "1510");
    assert_eq!(
        query(
            &db,
            "SELECT COUNT(DISTINCT lead_id) FROM deals WHERE lead_id IN (SELECT id FROM leads WHERE company IS NOT NULL)"
        ),
        "85"
    );
    assert_eq!(query(&db, "SELECT name FROM leads WHERE external_id = 'deal:HAXMC4IX'"), "HAXMC4IX");
    // Conversion counts deals: an agent's real win rate (80–90% in this sample), not a dash.
    let mut render = assert_cmd::Command::cargo_bin("repdesk").unwrap();
    render.arg("--db").arg(&db).args(["--today", "2017-06-15", "render", "--tab", "leaderboard", "--size", "100x14"]);
    let board =
        stdout(render.env("REPDESK_CONFIG", db.with_extension("toml")).env("LANG", "en_US.UTF-8").env_remove("LC_ALL"));
    let row = board.lines().find(|l| l.contains("Darcel Schlecht")).unwrap_or_default();
    assert!(row.contains("86%"), "{board}");
    let again = stdout(repdesk(&db).args(["import", "deals"]).arg(&file));
    assert!(again.contains("added 0") && again.contains("8800 unchanged"), "{again}");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM deals"), "8800");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM sales"), "4238");
    repdesk(&db).arg("check").assert().success();
}

#[test]
fn accounts_first_then_deals_gives_the_accounts_their_owners() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("accounts.db");
    std::fs::write(dir.path().join("accounts.csv"), "account,sector\nAcme Corporation,technolgy\n").unwrap();
    repdesk(&db).args(["import", "leads"]).arg(dir.path().join("accounts.csv")).assert().success();
    assert_eq!(query(&db, "SELECT COUNT(*) FROM leads WHERE owner_id IS NULL"), "1");
    std::fs::write(
        dir.path().join("deals.csv"),
        "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\nX1,Moses Frase,GTX Basic,Acme Corporation,Won,2026-10-20,2026-11-01,1054\n",
    )
    .unwrap();
    repdesk(&db).args(["import", "deals"]).arg(dir.path().join("deals.csv")).assert().success();
    assert_eq!(query(&db, "SELECT COUNT(*) FROM leads"), "1");
    assert_eq!(
        query(&db, "SELECT r.name || ' ' || l.stage FROM leads l JOIN reps r ON r.id = l.owner_id"),
        "Moses Frase won"
    );
}

#[test]
fn zoho_leads_with_broken_rows_reported_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zoho.db");
    let out = repdesk(&db).args(["import", "leads"]).arg(fixture("zoho_leads.csv")).assert().code(2);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("added 5"), "{text}");
    // Line 6 is empty but for its id: refused. Line 7's stage is unknown and its e-mail is
    // no e-mail: the row lands, the stage as new and without the e-mail, and both are said.
    assert!(text.contains("line 6: no name or company"), "{text}");
    assert!(text.contains("stage 'Sideways' on 1 row(s) (line 7)"), "{text}");
    assert!(text.contains("line 7: dropped Email 'not-an-email'"), "{text}");
    assert_eq!(
        query(&db, "SELECT stage || ' ' || IFNULL(email, '-') FROM leads WHERE external_id = 'zcrm_1005'"),
        "new -"
    );
    assert!(text.contains("Bob Smith") && text.contains("Carol Diaz"), "owners become reps: {text}");
    assert_eq!(query(&db, "SELECT note FROM leads WHERE external_id = 'zcrm_1003'"), "Two lines\nin one note");
    assert_eq!(query(&db, "SELECT note FROM leads WHERE external_id = 'zcrm_1001'"), "Wants a quote, \"urgent\"");
    assert_eq!(query(&db, "SELECT stage FROM leads WHERE external_id = 'zcrm_1006'"), "lost");
    assert_eq!(query(&db, "SELECT created_on FROM leads WHERE external_id = 'zcrm_1003'"), "2026-11-02");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM leads WHERE owner_id IS NULL"), "1");
    // Each imported lead's history says where it came from: the import change that added it.
    assert_eq!(
        query(
            &db,
            "SELECT c.kind || ' ' || l.external_id FROM audit_log a
             JOIN leads l ON l.id = a.entity_id JOIN changes c ON c.id = a.change_id
             WHERE a.entity = 'leads' AND a.action = 'insert' AND l.external_id = 'zcrm_1003'"
        ),
        "change.import zcrm_1003"
    );
    // Twice adds nothing.
    let again = String::from_utf8(
        repdesk(&db)
            .args(["import", "leads"])
            .arg(fixture("zoho_leads.csv"))
            .assert()
            .code(2)
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(again.contains("added 0"), "{again}");
}

#[test]
fn hubspot_salesforce_and_pipedrive_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mixed.db");
    repdesk(&db)
        .args(["import", "leads"])
        .arg(fixture("hubspot_contacts.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("added 2"));
    assert_eq!(query(&db, "SELECT stage FROM leads WHERE email = 'henry@king.example'"), "proposal");
    repdesk(&db)
        .args(["import", "leads"])
        .arg(fixture("salesforce_leads.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("added 2"));
    assert_eq!(query(&db, "SELECT stage FROM leads WHERE external_id = '00Q2'"), "won");
    repdesk(&db).args(["import", "leads"]).arg(fixture("zoho_leads.csv")).assert().code(2);
    let deals = repdesk(&db).args(["import", "deals"]).arg(fixture("pipedrive_deals.csv")).assert().code(2);
    let text = String::from_utf8(deals.get_output().stdout.clone()).unwrap();
    assert!(text.contains("line 5: a won deal without an amount"), "{text}");
    // 1.234,50 with a decimal comma, won by Bob on its won time, on the lead already there.
    assert_eq!(
        query(&db, "SELECT amount_cents || ' ' || closed_on FROM sales WHERE external_id = '7'"),
        "123450 2026-11-10"
    );
    assert_eq!(query(&db, "SELECT stage FROM leads WHERE external_id = 'zcrm_1001'"), "won");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM leads WHERE name = 'Mary Jones'"), "1");
}

#[test]
fn a_chinese_spreadsheet_in_gbk_with_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gbk.db");
    let file = dir.path().join("客户.csv");
    let text = "客户名称,公司,手机,来源,负责人,阶段,金额,日期\r\n王伟,王记五金,139 1234 5678,转介绍,李娜,报价,\"￥50,000\",2026年11月20日\r\n陈小姐,晨光文具店,138 0000 0002,门店,刘洋,新线索,￥1200,2026/11/21\r\n周敏,,137 0000 0003,电话,李娜,赢单,,2026-11-22\r\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(&file, &bytes).unwrap();
    repdesk(&db)
        .args(["import", "leads"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("added 3").and(predicate::str::contains("刘洋")));
    assert_eq!(
        query(&db, "SELECT stage || ' ' || estimated_value_cents || ' ' || created_on FROM leads WHERE name = '王伟'"),
        "proposal 5000000 2026-11-20"
    );
    assert_eq!(query(&db, "SELECT stage FROM leads WHERE name = '周敏'"), "won");
    repdesk(&db).args(["lead", "find", "13912345678"]).assert().success().stdout(predicate::str::contains("李娜"));
}

#[test]
fn export_then_import_into_an_empty_database_gives_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    repdesk(&a).args(["demo", "--seed", "7"]).assert().success();
    let leads_file = dir.path().join("leads.csv");
    let deals_file = dir.path().join("deals.csv");
    repdesk(&a).args(["export", "leads", "--out"]).arg(&leads_file).assert().success();
    repdesk(&a).args(["export", "deals", "--out"]).arg(&deals_file).assert().success();
    let b = dir.path().join("b.db");
    repdesk(&b)
        .args(["import", "leads"])
        .arg(&leads_file)
        .assert()
        .success()
        .stdout(predicate::str::contains("added 300"));
    repdesk(&b).args(["import", "deals"]).arg(&deals_file).assert().success();
    // The same file again, into the database it came from: every lead is recognised.
    repdesk(&a)
        .args(["import", "leads"])
        .arg(&leads_file)
        .assert()
        .success()
        .stdout(predicate::str::contains("added 0"));
    let export = |db: &Path, kind: &str| stdout(repdesk(db).args(["export", kind]));
    assert!(export(&a, "leads") == export(&b, "leads"), "leads differ after the round trip");
    assert!(export(&a, "deals") == export(&b, "deals"), "deals differ after the round trip");
    // Activities export too, every one.
    let activities = export(&a, "activities");
    assert_eq!(
        activities.lines().count() as i64 - 1,
        query(&a, "SELECT COUNT(*) FROM activities").parse::<i64>().unwrap()
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(repdesk(&a).args(["export", "leads", "--format", "json"]))).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 300);
}
