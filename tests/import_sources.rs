//! One test per source: files written from each CRM's documented export columns and values
//! (tests/fixtures/export/README.md says what each line holds), imported as an owner would,
//! checked line by line for what lands and what is reported.

mod common;

use common::{fixture, query, repdesk, run};
use std::path::{Path, PathBuf};

fn export(name: &str) -> PathBuf {
    fixture(&format!("export/{name}"))
}

fn import(db: &Path, kind: &str, file: &str, extra: &[&str]) -> (i32, String) {
    run(repdesk(db).args(["import", kind]).arg(export(file)).args(extra))
}

fn found(db: &Path, text: &str) -> String {
    run(repdesk(db).args(["lead", "find", text])).1
}

#[test]
fn zoho_leads_every_standard_status_lands_and_a_custom_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zoho.db");
    let (code, out) = import(&db, "leads", "zoho_leads.csv", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("added 9") && out.contains("refused 0"), "{out}");
    assert!(out.contains("Phone → phone") && out.contains("Mobile → phone"), "both phone columns are read: {out}");
    let stage =
        |id: &str| query(&db, &format!("SELECT stage FROM leads WHERE external_id = 'zcrm_57257670000004120{id}'"));
    assert_eq!(stage("01"), "contacted");
    assert_eq!(stage("02"), "contacted", "Attempted to Contact");
    assert_eq!(stage("04"), "qualified", "Pre-Qualified");
    for lost in ["05", "06", "07"] {
        assert_eq!(stage(lost), "lost", "Not Qualified, Lost Lead and Junk Lead are lost (line {lost})");
    }
    assert_eq!(stage("09"), "new", "Not Contacted");
    // The custom status lands as new and is reported once, with the flag that maps it.
    assert_eq!(stage("08"), "new");
    assert!(
        out.contains("stage 'Waiting for Budget' on 1 row(s) (line 9)")
            && out.contains("--values stage:\"Waiting for Budget\"=WORD"),
        "{out}"
    );
    // Only a mobile: the customer has a phone, is found by it, and a later duplicate is caught.
    assert_eq!(query(&db, "SELECT phone FROM leads WHERE external_id = 'zcrm_5725767000000412004'"), "139 1234 5678");
    assert!(found(&db, "13912345678").contains("王芳"));
    // Both: the mobile of a lead that has a phone finds it too.
    assert!(found(&db, "+1 555-010-0101").contains("Mary Jones"));
    assert_eq!(
        query(&db, "SELECT note FROM leads WHERE external_id = 'zcrm_5725767000000412009'"),
        "Two lines\nsecond line: asked for brochure"
    );
    // The owner is the Lead Owner, not who created the record.
    assert_eq!(
        query(&db, "SELECT r.name FROM leads l JOIN reps r ON r.id = l.owner_id WHERE l.company = 'Baker & Sons'"),
        "Carol Diaz"
    );
    // Mapped the way the report says, the value is read on the next import of a new file.
    let mapped = dir.path().join("mapped.db");
    let (code, out) =
        import(&mapped, "leads", "zoho_leads.csv", &["--values", "stage:\"Waiting for Budget\"=qualified"]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("Waiting for Budget"), "{out}");
    assert_eq!(query(&mapped, "SELECT stage FROM leads WHERE company = 'Patel Pharmacy'"), "qualified");
    // Exported, every phone goes along and reads back the same.
    let (_, exported) = run(repdesk(&db).args(["export", "leads"]));
    assert!(exported.contains(",'+1 555-010-0001,'+1 555-010-0101,"), "{exported}");
    let file = dir.path().join("zoho-export.csv");
    std::fs::write(&file, &exported).unwrap();
    let copy = dir.path().join("copy.db");
    let (code, out) = run(repdesk(&copy).args(["import", "leads"]).arg(&file));
    assert_eq!(code, 0, "{out}");
    assert_eq!(run(repdesk(&copy).args(["export", "leads"])).1, exported);
    // Twice changes nothing.
    let (code, again) = import(&db, "leads", "zoho_leads.csv", &[]);
    assert_eq!(code, 0, "{again}");
    assert!(again.contains("added 0, updated 0, left 9 unchanged"), "{again}");
}

#[test]
fn hubspot_contacts_api_words_and_labels() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hubspot.db");
    let (code, out) = import(&db, "leads", "hubspot_contacts.csv", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("added 10"), "{out}");
    let stage = |last: &str| query(&db, &format!("SELECT stage FROM leads WHERE name LIKE '% {last}'"));
    assert_eq!(stage("Hall"), "new", "NEW");
    assert_eq!(stage("Young"), "contacted", "In Progress (a label)");
    assert_eq!(stage("Baker"), "contacted", "IN_PROGRESS (the API word)");
    assert_eq!(stage("Moore"), "contacted", "ATTEMPTED_TO_CONTACT");
    assert_eq!(stage("Scott"), "contacted", "BAD_TIMING: come back later");
    assert_eq!(stage("Adams"), "lost", "UNQUALIFIED");
    assert_eq!(stage("King"), stage("Reed"), "OPEN_DEAL and Open Deal are one status");
    // No lead status: the lifecycle stage says this contact is a customer.
    assert_eq!(stage("Cook"), "won");
    assert!(!out.contains("not a stage repdesk knows"), "{out}");
    // Only a mobile number.
    assert!(found(&db, "+1 555-020-0108").contains("Noah Baker"));
    assert_eq!(query(&db, "SELECT COUNT(*) FROM leads WHERE owner_id IS NULL"), "1");
}

#[test]
fn salesforce_leads_with_month_first_dates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sf.db");
    let (code, out) = import(&db, "leads", "salesforce_leads.csv", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Company / Account → company"), "{out}");
    assert!(out.contains("Dates in 'Create Date' read month first (as 11/23/2026 shows)"), "{out}");
    let one = |col: &str, ext: &str| {
        query(&db, &format!("SELECT {col} FROM leads WHERE external_id = '00Q5g000009XyA{ext}'"))
    };
    assert_eq!(one("created_on", "2"), "2026-11-02");
    assert_eq!(one("created_on", "4"), "2026-11-05");
    assert_eq!(one("stage", "1"), "contacted");
    assert_eq!(one("stage", "2"), "won", "Closed - Converted");
    assert_eq!(one("stage", "3"), "new", "Open - Not Contacted");
    assert_eq!(one("stage", "5"), "lost", "Closed - Not Converted");
    assert_eq!(one("phone", "4"), "(555) 030-0104", "only a mobile");
    // Both numbers of the tea house find it: the +86 landline and the mobile.
    assert!(found(&db, "+86 21-6234-5678").contains("Na Li"));
    assert!(found(&db, "13912345678").contains("Na Li"));
}

#[test]
fn salesforce_opportunities_keep_every_deal_on_its_account() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("opps.db");
    import(&db, "leads", "salesforce_leads.csv", &[]);
    let (code, out) = import(&db, "deals", "salesforce_opportunities.csv", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Deals added: 3 won, 1 lost, 5 open."), "{out}");
    // Three opportunities of one account are three deals of one customer, the lead from the leads file.
    assert_eq!(query(&db, "SELECT COUNT(*) FROM leads WHERE company = 'Nelson Electrics'"), "1");
    assert_eq!(
        query(
            &db,
            "SELECT COUNT(*) FROM deals d JOIN leads l ON l.id = d.lead_id WHERE l.company = 'Nelson Electrics'"
        ),
        "3"
    );
    let deal =
        |col: &str, id: &str| query(&db, &format!("SELECT {col} FROM deals WHERE external_id = '0065g00000AbC0{id}'"));
    assert_eq!(deal("stage || ' ' || value_cents || ' ' || closed_on", "1"), "won 1250000 2026-10-15");
    assert_eq!(deal("opened_on", "1"), "2026-09-01", "opened comes from the file");
    assert_eq!(deal("stage || ' ' || value_cents", "3"), "proposal 675050", "an open deal keeps its value");
    assert_eq!(deal("closed_on", "3"), "NULL", "an open deal's close date is only expected");
    assert!(deal("stage", "4") != "won" && deal("stage", "4") != "lost", "Id. Decision Makers is open");
    assert_eq!(deal("stage || ' ' || value_cents", "7"), "lost 230000", "a lost deal keeps its value");
    assert_eq!(deal("value_cents", "6"), "125000000");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM sales"), "3");
    assert_eq!(query(&db, "SELECT SUM(amount_cents) FROM sales"), "1768000");
    let (_, again) = import(&db, "deals", "salesforce_opportunities.csv", &[]);
    assert!(again.contains("added 0") && again.contains("left 9 unchanged"), "{again}");
}

#[test]
fn pipedrive_persons_then_deals_attach_to_the_people() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pd.db");
    let (code, out) = import(&db, "leads", "pipedrive_persons.csv", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("added 8"), "{out}");
    // A cell with two phones keeps both.
    assert!(found(&db, "+1 555-040-0014").contains("Daniel Kim"));
    assert!(found(&db, "+1 555-040-0004").contains("Daniel Kim"));
    let (code, out) = import(&db, "deals", "pipedrive_deals.csv", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("added 8") && out.contains("Deals added: 2 won, 2 lost, 4 open."), "{out}");
    assert!(out.contains("Amounts are in 3 currencies (CNY, EUR, USD)"), "{out}");
    // Every deal with a person is on that person's lead: no second lead for anyone.
    assert_eq!(query(&db, "SELECT COUNT(*) FROM leads"), "9", "8 people and the organization without a person");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM leads WHERE name LIKE 'deal %'"), "0");
    let on = |ext: &str| {
        query(
            &db,
            &format!("SELECT l.name FROM deals d JOIN leads l ON l.id = d.lead_id WHERE d.external_id = '{ext}'"),
        )
    };
    assert_eq!(on("201"), "Ivy Chen");
    assert_eq!(on("202"), "Ivy Chen");
    assert_eq!(on("207"), "张伟");
    assert_eq!(on("206"), "Okafor Legal", "an organization without a person");
    let deal = |col: &str, ext: &str| query(&db, &format!("SELECT {col} FROM deals WHERE external_id = '{ext}'"));
    assert_eq!(deal("stage || ' ' || value_cents || ' ' || lost_reason", "203"), "lost 80000 Price too high");
    assert_eq!(deal("opened_on || ' ' || closed_on", "203"), "2026-10-05 2026-11-02", "lost on its lost time");
    assert_eq!(deal("stage || ' ' || value_cents", "201"), "proposal 480000");
    assert_eq!(deal("opened_on", "201"), "2026-10-01");
    assert_eq!(deal("title", "202"), "Chen Dental - whitening kits");
    // The won deal is a sale of its owner (not its creator) on its won time.
    assert_eq!(
        query(
            &db,
            "SELECT r.name || ' ' || s.amount_cents || ' ' || s.closed_on FROM sales s JOIN reps r ON r.id = s.rep_id WHERE s.external_id = '202'"
        ),
        "Carol Diaz 125050 2026-11-10"
    );
    // The deals list and export show open, won and lost.
    let (_, list) = run(repdesk(&db).args(["deal", "list"]));
    assert!(list.contains("Chen Dental - chairs") && !list.contains("whitening"), "open deals only: {list}");
    let (_, all) = run(repdesk(&db).args(["deal", "list", "--all", "--limit", "0"]));
    assert!(all.contains("whitening") && all.contains("Price too high"), "{all}");
    let id = query(&db, "SELECT id FROM deals WHERE external_id = '203'");
    let (code, shown) = run(repdesk(&db).args(["deal", "show", &id, "--format", "json"]));
    assert_eq!(code, 0, "{shown}");
    let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(
        (&shown[0]["outcome"], &shown[0]["customer"], &shown[0]["value_cents"], &shown[0]["rep"]),
        (
            &serde_json::json!("lost"),
            &serde_json::json!("Rosa Vega"),
            &serde_json::json!(80000),
            &serde_json::json!("Bob Smith")
        )
    );
    let (code, missing) = run(repdesk(&db).args(["deal", "show", "9999"]));
    assert_eq!(code, 2, "{missing}");
    let (_, lead) =
        run(repdesk(&db).args(["lead", "show", &query(&db, "SELECT id FROM leads WHERE name = 'Ivy Chen'")]));
    assert!(lead.contains("Chen Dental - chairs") && lead.contains("Chen Dental - whitening kits"), "{lead}");
    let (_, exported) = run(repdesk(&db).args(["export", "deals"]));
    assert_eq!(exported.lines().count(), 9, "a header and every deal:\n{exported}");
    assert!(exported.lines().any(|l| l.starts_with("203,") && l.contains(",lost,lost,800.00,")), "{exported}");
}

#[test]
fn a_chinese_crm_export_in_gbk() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fx.db");
    let (code, out) = import(&db, "leads", "fxiaoke_customers_gbk.csv", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("GBK") && out.contains("added 8"), "{out}");
    let one =
        |col: &str, ext: &str| query(&db, &format!("SELECT {col} FROM leads WHERE external_id = 'KH20261100{ext}'"));
    assert_eq!(one("category || ' ' || stage", "1"), "vip proposal", "VIP客户, 方案报价");
    assert_eq!(one("category || ' ' || stage", "2"), "vip qualified", "重要客户, 需求确定");
    assert_eq!(one("category || ' ' || stage", "3"), "prospect contacted", "普通客户, 初步接洽");
    assert_eq!(one("category || ' ' || stage", "4"), "vip proposal", "大客户, 谈判审核");
    assert_eq!(one("stage", "5"), "won");
    assert_eq!(one("stage", "6"), "lost");
    assert_eq!(one("next_follow_up", "2"), "2026-11-25");
    assert_eq!(one("created_on", "5"), "2026-11-01");
    // Only a landline (座机): it is the phone, and it finds the customer.
    assert_eq!(one("phone", "3"), "021-6234 5678");
    assert!(found(&db, "02162345678").contains("上海佳源食品有限公司"));
    // Mobile and landline: both find it.
    assert!(found(&db, "021-6234 0001").contains("上海华美贸易有限公司"));
    assert!(found(&db, "+86 139 1234 5678").contains("上海华美贸易有限公司"));
    assert_eq!(one("owner_id", "7"), "NULL");
    // The customer is the account's contact, at the account.
    assert_eq!(one("name || ' ' || company", "1"), "张伟 上海华美贸易有限公司");
    assert!(out.contains("联系人 → name") && out.contains("客户名称 → company"), "{out}");
}

#[test]
fn a_semicolon_file_with_decimal_commas_and_day_first_dates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("eu.db");
    let (code, out) = import(&db, "leads", "semicolon_decimal_comma.csv", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("separated by ';', UTF-8 with BOM"), "{out}");
    assert!(
        out.contains("Amounts in 'Value' read with a decimal comma, thousands with '.' (as 1.234,50 shows)"),
        "{out}"
    );
    assert!(out.contains("Dates in 'Created' read day first"), "{out}");
    let value = |name: &str| query(&db, &format!("SELECT estimated_value_cents FROM leads WHERE name = '{name}'"));
    assert_eq!(value("Jürgen Müller"), "123450");
    assert_eq!(value("Sophie Laurent"), "98000");
    assert_eq!(value("Giulia Rossi"), "1200000");
    assert_eq!(value("Zoë de Vries"), "100000000");
    assert_eq!(query(&db, "SELECT created_on FROM leads WHERE name = 'Sophie Laurent'"), "2026-11-05");
    assert_eq!(query(&db, "SELECT company FROM leads WHERE name = 'Giulia Rossi'"), "Rossi, Bianchi & C. S.r.l.");
    assert_eq!(query(&db, "SELECT stage FROM leads WHERE name = 'Lars Nielsen'"), "won");
}

#[test]
fn a_tab_separated_copy_out_of_a_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsv.db");
    let (code, out) = import(&db, "leads", "tab_separated.tsv", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("separated by tabs") && out.contains("added 6"), "{out}");
    assert_eq!(query(&db, "SELECT next_follow_up FROM leads WHERE name = 'Baker, Tom'"), "2026-11-25");
    assert_eq!(query(&db, "SELECT next_follow_up FROM leads WHERE name = '陈静'"), "2026-11-30");
    assert_eq!(query(&db, "SELECT r.name FROM leads l JOIN reps r ON r.id = l.owner_id WHERE l.name = '陈静'"), "李娜");
    assert_eq!(query(&db, "SELECT owner_id FROM leads WHERE name = 'Owen Price'"), "NULL");
}

#[test]
fn workbooks_with_chinese_headers_and_real_date_cells() {
    let dir = tempfile::tempdir().unwrap();
    let mut exports = Vec::new();
    for file in ["chinese_headers.xlsx", "chinese_headers.ods", "legacy.xls"] {
        let db = dir.path().join(format!("{file}.db"));
        let (code, out) = import(&db, "leads", file, &[]);
        assert_eq!(code, 0, "{file}: {out}");
        assert!(out.contains("sheet '客户'") && out.contains("added 6"), "{file}: {out}");
        // Row 3's phone is a number cell holding the digits of row 2's phone: read as
        // 13912345678 (not 1.39E+10), it is the same customer, reported with both lines.
        assert!(out.contains("line 3: the same customer as line 2"), "{file}: {out}");
        assert_eq!(
            query(
                &db,
                "SELECT stage || ' ' || created_on || ' ' || next_follow_up FROM leads WHERE estimated_value_cents = 1250050"
            ),
            "proposal 2026-11-20 2026-11-27",
            "{file}"
        );
        assert_eq!(
            query(&db, "SELECT COUNT(*) FROM leads WHERE estimated_value_cents = 299999 AND owner_id IS NULL"),
            "1"
        );
        exports.push(run(repdesk(&db).args(["export", "leads"])).1);
    }
    assert_eq!(exports[0], exports[1], "xlsx and ods read the same");
    assert_eq!(exports[0], exports[2], "xlsx and xls read the same");
    let db = dir.path().join("sheet.db");
    let (code, out) = import(&db, "leads", "chinese_headers.xlsx", &["--sheet", "nope"]);
    assert_eq!(code, 2);
    assert!(out.contains("no sheet 'nope'") && out.contains("客户"), "{out}");
    assert!(!db.exists(), "a refused file creates no database");
}
