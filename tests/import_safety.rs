//! Imports never damage what is stored: broken files are refused whole before any write, a
//! bad cell costs only itself, a blank cell never erases, a file of the wrong kind is refused,
//! a dry run writes nothing and creates nothing.

mod common;

use common::{query, repdesk, run};
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn import(db: &Path, kind: &str, file: &Path) -> (i32, String) {
    run(repdesk(db).args(["import", kind]).arg(file))
}

#[test]
fn an_unclosed_quote_refuses_the_file_with_its_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let file = write(dir.path(), "q.csv", "name,phone\nAna,555 0101\n\"Bob, 555 0102\nCara,555 0103\n");
    let (code, out) = import(&db, "leads", &file);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("line 3 opens a quote that never closes"), "{out}");
    assert_eq!(out.lines().count(), 1, "one line that says what to do: {out}");
    assert!(!db.exists(), "a refused file creates no database");
    // Into a database with leads: none is added, none changed.
    let good = write(dir.path(), "good.csv", "name,phone\nDan,555 0104\n");
    import(&db, "leads", &good);
    let (code, _) = import(&db, "leads", &file);
    assert_eq!(code, 2);
    assert_eq!(query(&db, "SELECT group_concat(name) FROM leads"), "Dan");
}

#[test]
fn a_repeated_header_row_is_skipped_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let file = write(dir.path(), "h.csv", "Name,Phone\nAna,555 0101\nName,Phone\nBob,555 0102\n");
    let (code, out) = import(&db, "leads", &file);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("added 2") && out.contains("line 3: repeats the header row; skipped"), "{out}");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM leads WHERE name = 'Name'"), "0");
}

#[test]
fn a_bad_optional_cell_costs_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let file = write(
        dir.path(),
        "c.csv",
        "name,follow up,value,email\nAna,2026-02-30,12x,ana@x.example\nBob,2026-12-01,900,bob at x\n",
    );
    let (code, out) = import(&db, "leads", &file);
    assert_eq!(code, 0, "dropped cells are reported, not refused: {out}");
    assert!(out.contains("added 2"), "{out}");
    assert!(out.contains("line 2: dropped follow up '2026-02-30', which is not a date"), "{out}");
    assert!(out.contains("line 2: dropped value '12x', which is not an amount"), "{out}");
    assert!(out.contains("line 3: dropped email 'bob at x', which is not an e-mail address"), "{out}");
    assert_eq!(
        query(
            &db,
            "SELECT IFNULL(next_follow_up, '-') || ' ' || estimated_value_cents || ' ' || email FROM leads WHERE name = 'Ana'"
        ),
        "- 0 ana@x.example"
    );
    assert_eq!(
        query(&db, "SELECT next_follow_up || ' ' || estimated_value_cents FROM leads WHERE name = 'Bob'"),
        "2026-12-01 90000"
    );
}

#[test]
fn a_customer_twice_in_a_file_under_two_owners_is_a_claim() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let file = write(
        dir.path(),
        "d.csv",
        "name,phone,owner\n王伟,139 1234 5678,李娜\n周敏,137 0000 0003,李娜\n王伟,+86 139-1234-5678,刘洋\n周敏,13700000003,李娜\n",
    );
    let (code, out) = import(&db, "leads", &file);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("added 2, updated 0, left 2 unchanged"), "{out}");
    assert!(
        out.contains(
            "line 4: names 刘洋 as the owner of 王伟 (line 2), whom 李娜 protects; a claim on a protected customer"
        ),
        "{out}"
    );
    assert!(out.contains("line 5: the same customer as line 3 (周敏); kept once"), "{out}");
    assert_eq!(query(&db, "SELECT r.name FROM leads l JOIN reps r ON r.id = l.owner_id WHERE l.name = '王伟'"), "李娜");
    // The refused claim is on record for the Risks tab, as a claim in the app is.
    assert_eq!(query(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'claim-refused'"), "1");
    let risks = run(repdesk(&db).args(["render", "--tab", "risks", "--size", "120x20"])).1;
    assert!(risks.contains("王伟") && risks.contains("刘洋"), "{risks}");
}

#[test]
fn a_later_file_fills_what_a_customer_lacked_and_erases_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    import(&db, "leads", &write(dir.path(), "a.csv", "name,company,phone,note\nAna,Ana Cafe,555 0101,keep me\n"));
    let second = write(
        dir.path(),
        "b.csv",
        "name,company,phone,mobile,email,note\nAna,Ana Cafe,,139 0000 0001,ana@cafe.example,\n",
    );
    let (code, out) = import(&db, "leads", &second);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("updated 1") && out.contains("email on 1, phone on 1"), "{out}");
    assert_eq!(
        query(&db, "SELECT phone || ' ' || email || ' ' || note FROM leads"),
        "555 0101 ana@cafe.example keep me"
    );
    assert!(run(repdesk(&db).args(["lead", "find", "13900000001"])).1.contains("Ana"));
    let (_, again) = import(&db, "leads", &second);
    assert!(again.contains("updated 0, left 1 unchanged"), "{again}");
}

#[test]
fn a_reps_import_of_a_customer_file_is_refused_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let (code, out) = import(&db, "reps", &common::fixture("export/zoho_leads.csv"));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("looks like a file of customers") && out.contains("repdesk import leads"), "{out}");
    assert!(!db.exists());
    // With a team already there: nobody gets a customer's phone.
    import(&db, "reps", &write(dir.path(), "team.csv", "name,phone\nBob Smith,555 0000\n"));
    import(&db, "reps", &common::fixture("export/zoho_leads.csv"));
    assert_eq!(query(&db, "SELECT group_concat(name || ' ' || phone) FROM reps"), "Bob Smith 555 0000");
}

#[test]
fn a_blank_cell_in_a_reps_file_never_erases() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    import(
        &db,
        "reps",
        &write(dir.path(), "a.csv", "name,phone,team,hourly rate\nAna,555 0101,North,20\nBo,555 0102,South,18\n"),
    );
    let (code, out) =
        import(&db, "reps", &write(dir.path(), "b.csv", "name,phone,team,hourly rate\nAna,,East,\nBo,,,\n"));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("updated 1, left 1 unchanged") && out.contains("team on 1"), "{out}");
    assert_eq!(
        query(&db, "SELECT phone || ' ' || team || ' ' || hourly_rate_cents FROM reps WHERE name = 'Ana'"),
        "555 0101 East 2000"
    );
    assert_eq!(query(&db, "SELECT phone || ' ' || team FROM reps WHERE name = 'Bo'"), "555 0102 South");
}

#[test]
fn a_dry_run_writes_nothing_and_says_would() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dry.db");
    let file = write(dir.path(), "l.csv", "name,phone,owner,stage\nAna,555 0101,Bob,Waiting\n");
    let (code, out) = run(repdesk(&db).args(["import", "leads"]).arg(&file).arg("--dry-run"));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("would add 1") && out.contains("New reps the file would add to the roster: Bob"), "{out}");
    assert!(!db.exists(), "no database is created");
    import(&db, "leads", &write(dir.path(), "x.csv", "name\nZed\n"));
    let before = query(
        &db,
        "SELECT COUNT(*) || ' ' || (SELECT COUNT(*) FROM audit_log) || ' ' || (SELECT COUNT(*) FROM reps) FROM leads",
    );
    run(repdesk(&db).args(["import", "leads"]).arg(&file).arg("--dry-run"));
    let after = query(
        &db,
        "SELECT COUNT(*) || ' ' || (SELECT COUNT(*) FROM audit_log) || ' ' || (SELECT COUNT(*) FROM reps) FROM leads",
    );
    assert_eq!(before, after);
}

#[test]
fn map_and_values_flags_say_what_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let file = write(dir.path(), "m.csv", "Kunde;Telefon;Phase\nAna;555 0101;Angebot\n");
    let (code, out) = import(&db, "leads", &file);
    assert_eq!(code, 2);
    assert!(out.contains("--map name=COLUMN"), "{out}");
    let (code, out) = run(repdesk(&db).args(["import", "leads"]).arg(&file).args([
        "--map",
        "name=Kunde,phone=Telefon,stage=Phase",
        "--values",
        "stage:Angebot=proposal",
    ]));
    assert_eq!(code, 0, "{out}");
    assert_eq!(query(&db, "SELECT stage FROM leads WHERE name = 'Ana'"), "proposal");
    let (code, out) = run(repdesk(&db).args(["import", "leads"]).arg(&file).args(["--values", "stage:Angebot=maybe"]));
    assert_eq!(code, 2);
    assert!(out.contains("a stage is one of new, contacted"), "{out}");
}

#[test]
fn ambiguous_dates_say_which_reading_was_taken_and_how_to_force_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "d.csv", "name,created\nAna,03/04/2026\nBo,05/06/2026\n");
    let db = dir.path().join("d1.db");
    let (_, out) = import(&db, "leads", &file);
    assert!(out.contains("read month first: no value tells") && out.contains("--dates day-first"), "{out}");
    assert_eq!(query(&db, "SELECT created_on FROM leads WHERE name = 'Ana'"), "2026-03-04");
    let db = dir.path().join("d2.db");
    run(repdesk(&db).args(["import", "leads"]).arg(&file).args(["--dates", "day-first"]));
    assert_eq!(query(&db, "SELECT created_on FROM leads WHERE name = 'Ana'"), "2026-04-03");
}

#[test]
fn a_deal_with_no_customer_and_no_id_is_kept_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let file =
        write(dir.path(), "n.csv", "Deal Title,Value,Status,Owner\nPOS upgrade,500,open,Bob\nKiosk,1200,lost,Bob\n");
    let (code, out) = import(&db, "deals", &file);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 deal(s) name no person or organization"), "{out}");
    assert_eq!(
        query(&db, "SELECT group_concat(name, ', ') FROM (SELECT name FROM leads ORDER BY name)"),
        "Kiosk, POS upgrade"
    );
    let (_, again) = import(&db, "deals", &file);
    assert!(again.contains("added 0, updated 0, left 2 unchanged"), "{again}");
    assert_eq!(query(&db, "SELECT COUNT(*) || ' ' || (SELECT COUNT(*) FROM deals) FROM leads"), "2 2");
}

#[test]
fn a_report_export_with_its_caption_and_footer_imports_its_rows_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sf.db");
    // A Salesforce report export ends with its title and copyright after a blank line; a
    // spreadsheet often puts a caption above the header.
    let mut text = String::from("Leads this month,,,\n");
    text += &std::fs::read_to_string(common::fixture("export/salesforce_leads.csv")).unwrap();
    text += "\n\"Leads this month\"\n\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n\"Confidential Information - Do Not Distribute\"\n";
    let (code, out) = import(&db, "leads", &write(dir.path(), "report.csv", &text));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("added 8"), "{out}");
    assert!(out.contains("line 1: a caption above the header row; skipped"), "{out}");
    assert!(out.contains("lines 12, 13, 14: a report's footer below the data"), "{out}");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM leads WHERE name LIKE '%Copyright%' OR name LIKE 'Leads this%'"), "0");
}

#[test]
fn a_chinese_sales_ledger_is_a_list_of_won_deals() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    let file = write(
        dir.path(),
        "销售记录.csv",
        "日期,客户,产品,金额,业务员\n2026-11-02,王记五金,电钻,5万,李娜\n2026-11-05,晨光文具店,打印纸,\"1,280\",刘洋\n,周敏,样品,,李娜\n",
    );
    let (code, out) = import(&db, "deals", &file);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("No stage or status column") && out.contains("Deals added: 2 won, 0 lost, 1 open."), "{out}");
    assert_eq!(query(&db, "SELECT SUM(amount_cents) FROM sales"), "5128000");
    assert_eq!(
        query(&db, "SELECT r.name FROM sales s JOIN reps r ON r.id = s.rep_id WHERE s.amount_cents = 5000000"),
        "李娜"
    );
}

#[test]
fn a_phone_a_spreadsheet_turned_into_a_number_is_said_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let file = write(
        dir.path(),
        "e.csv",
        "姓名,手机,电话,创建日期\n王伟,1.39123E+10,021-6234 0001,20261120\n李娜,13800000002,,46346\n",
    );
    let (code, out) = import(&db, "leads", &file);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("line 2: dropped 手机 '1.39123E+10'") && out.contains("format the column as text"), "{out}");
    assert_eq!(
        query(&db, "SELECT phone || ' ' || created_on FROM leads WHERE name = '王伟'"),
        "021-6234 0001 2026-11-20"
    );
    assert_eq!(query(&db, "SELECT created_on FROM leads WHERE name = '李娜'"), "2026-11-20", "a date serial");
}

/// The cases an adversarial review of the importer found, one assertion each.
#[test]
fn files_tried_against_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(format!("{name}.db"));
    let file = |name: &str, text: &str| write(dir.path(), name, text);

    // A contact's account is its company, not its name; colleagues stay two people.
    let db = at("sf");
    let f = file(
        "sf.csv",
        "Account ID,Contact ID,First Name,Last Name,Account Name,Phone,Email\nA1,C1,Rose,Gonzalez,Edge Communications,(512) 757-6000,rose@edge.com\nA1,C2,Sean,Forbes,Edge Communications,(512) 757-6001,sean@edge.com\n",
    );
    let (code, out) = import(&db, "leads", &f);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        query(&db, "SELECT group_concat(name || '@' || company, '; ') FROM leads"),
        "Rose Gonzalez@Edge Communications; Sean Forbes@Edge Communications"
    );

    // Years of two digits are this century's.
    let db = at("yy");
    import(&db, "leads", &file("yy.csv", "Name,Phone,Created,Follow up\nAna,555 0101,23/11/26,01/12/26\n"));
    assert_eq!(
        query(&db, "SELECT created_on || ' ' || next_follow_up FROM leads"),
        "2026-11-23 2026-12-01",
        "and one column's order is the file's"
    );

    // A Windows "ANSI" file.
    let db = at("ansi");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("First Name,Last Name,Company\nJosé,García,Café Sol\n");
    std::fs::write(dir.path().join("ansi.csv"), &bytes).unwrap();
    let (_, out) = import(&db, "leads", &dir.path().join("ansi.csv"));
    assert!(out.contains("Windows-1252"), "{out}");
    assert_eq!(query(&db, "SELECT name || ' · ' || company FROM leads"), "José García · Café Sol");

    // Names alone, imported twice, and deals of a person with nothing but a name.
    let db = at("names");
    let names = file("names.csv", "Name,Source\nLiu,Referral\nLiu,Referral\n");
    import(&db, "leads", &names);
    let (_, again) = import(&db, "leads", &names);
    assert!(again.contains("added 0"), "{again}");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM leads"), "1");
    let deals = file(
        "dl.csv",
        "Deal Name,Contact,Deal Stage,Amount,Close Date,Deal Owner\nSofa set,Mrs Chen,Closed Won,1200,2026-11-10,Amy\nTable,Mrs Chen,Closed Won,800,2026-11-11,Amy\n",
    );
    import(&db, "deals", &deals);
    let (_, again) = import(&db, "deals", &deals);
    assert!(again.contains("added 0"), "{again}");
    assert_eq!(query(&db, "SELECT COUNT(*) || ' ' || SUM(amount_cents) FROM sales"), "2 200000");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM leads WHERE name = 'Mrs Chen'"), "1");

    // A comma that is no separator shifts nothing: the row is refused with what to do.
    let db = at("shift");
    let (code, out) = import(
        &db,
        "leads",
        &file(
            "shift.csv",
            "Name,Company,Phone,Email,Lead Source\nAnn Lee,Acme, Inc,555-401-0001,ann@acme.com,Web\nBo,Bo Ltd,555-401-0002,bo@bo.com,Web\n",
        ),
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("line 2: 6 cells where the header has 5 columns") && out.contains("added 1"), "{out}");

    // Totals, nobody's customers, owners written as their e-mail.
    let db = at("own");
    import(&db, "reps", &file("team.csv", "name,email\nLina Li,li.na@shop.cn\n"));
    let (_, out) = import(
        &db,
        "leads",
        &file(
            "own.csv",
            "姓名,电话,负责人,预计金额\n王伟,139 1234 5678,li.na@shop.cn,\"12,000\"\n周敏,137 0000 0003,公海,\"40,000\"\nAna,555 0101,Unassigned,\n合计,,,\"52,000\"\n",
        ),
    );
    assert!(out.contains("line 5: a row of totals; skipped") && out.contains("added 3"), "{out}");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM reps"), "1", "no rep named 公海 or Unassigned");
    assert_eq!(
        query(&db, "SELECT r.name FROM leads l JOIN reps r ON r.id = l.owner_id WHERE l.name = '王伟'"),
        "Lina Li"
    );
    assert_eq!(query(&db, "SELECT COUNT(*) FROM leads WHERE owner_id IS NULL"), "2");

    // A title column does not beat the person's names; e-mails however a cell holds them.
    let db = at("bx");
    import(
        &db,
        "leads",
        &file(
            "bx.csv",
            "Lead name,First name,Last name,E-mail\nWebsite form request,Ivan,Sidorov,\"Ivan <IVAN@bx.example>; other@x.example\"\n",
        ),
    );
    assert_eq!(query(&db, "SELECT name || ' ' || email FROM leads"), "Ivan Sidorov ivan@bx.example");

    // A negative estimate is no estimate.
    let db = at("neg");
    let (_, out) = import(&db, "leads", &file("neg.csv", "Name,Phone,Value\nAna,555 0101,-500\n"));
    assert!(out.contains("dropped Value '-500', which is not an amount of zero or more"), "{out}");

    // The advice for an unknown value works: imported again with it, the customers and the
    // open deals take the stage; a newer export's closed deal is recorded as won.
    let db = at("again");
    let leads = file("wk1.csv", "Name,Phone,Status\nAna,555 0101,Hot\nBo,555 0102,Contacted\n");
    let (_, out) = import(&db, "leads", &leads);
    assert!(out.contains("--values stage:\"Hot\"=WORD"), "{out}");
    let (_, out) = run(repdesk(&db).args(["import", "leads"]).arg(&leads).args(["--values", "stage:Hot=qualified"]));
    assert!(out.contains("updated 1") && out.contains("stage on 1"), "{out}");
    assert_eq!(query(&db, "SELECT stage FROM leads WHERE name = 'Ana'"), "qualified");
    let week1 = file(
        "d1.csv",
        "Deal ID,Deal Title,Owner,Person,Value,Stage,Status,Won time\n9001,Kiosk,Amy,Ana,900,Negotiation,open,\n",
    );
    let week2 = file(
        "d2.csv",
        "Deal ID,Deal Title,Owner,Person,Value,Stage,Status,Won time\n9001,Kiosk,Amy,Ana,900,Negotiation,won,2026-11-20\n",
    );
    import(&db, "deals", &week1);
    let (_, out) = import(&db, "deals", &week2);
    assert!(out.contains("updated 1"), "{out}");
    assert_eq!(query(&db, "SELECT stage || ' ' || closed_on FROM deals WHERE external_id = '9001'"), "won 2026-11-20");
    assert_eq!(query(&db, "SELECT amount_cents FROM sales"), "90000");
    let (_, out) = import(&db, "deals", &week2);
    assert!(out.contains("added 0, updated 0, left 1 unchanged"), "{out}");

    // Captions above the header, an old Mac's line ends, a column named with a comma.
    let db = at("misc");
    let (code, out) = run(
        repdesk(&db)
            .args(["import", "leads"])
            .arg(file("mac.csv", "客户列表,,,\r导出人：张三,导出时间：2026-11-23,,\rName,Phone,\"Amount, EUR\",Company\rAna,555 0101,100,A\rAna,555 0101,100,A\r"))
            .args(["--map", "value=Amount, EUR"]),
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("line 5: the same customer as line 4"), "{out}");
    assert_eq!(query(&db, "SELECT estimated_value_cents FROM leads"), "10000");
}

/// The deals cases a second adversarial review found.
#[test]
fn deals_tried_against_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(format!("{name}.db"));
    let file = |name: &str, text: &str| write(dir.path(), name, text);
    let deals = |db: &Path, f: &Path| import(db, "deals", f);

    // A deal without an id moves on through newer files; it is not added again.
    let db = at("noid");
    let head = "Deal Name,Account Name,Stage,Amount,Closing Date,Deal Owner\n";
    deals(&db, &file("n1.csv", &format!("{head}Website,Nova Co,Qualification,1000,,Alice Wong\n")));
    let (_, out) =
        deals(&db, &file("n2.csv", &format!("{head}Website,Nova Co,Proposal/Price Quote,1200,,Alice Wong\n")));
    assert!(out.contains("updated 1") && out.contains("stage on 1") && out.contains("value on 1"), "{out}");
    deals(&db, &file("n3.csv", &format!("{head}Website,Nova Co,Closed Won,1200,2026-11-22,Alice Wong\n")));
    assert_eq!(
        query(&db, "SELECT COUNT(*) || ' ' || group_concat(stage) || ' ' || group_concat(closed_on) FROM deals"),
        "1 won 2026-11-22"
    );
    assert_eq!(query(&db, "SELECT COUNT(*) || ' ' || SUM(amount_cents) FROM sales"), "1 120000");

    // A lost deal with no date, imported on two days, is one deal; an open one makes its
    // customer active again whatever the order.
    let db = at("lost");
    let lost = file(
        "lost.csv",
        &format!(
            "{head}Lost one,Kilo Co,Closed Lost,400,,Alice Wong\nOpen one,Kilo Co,Qualification,100,,Alice Wong\n"
        ),
    );
    deals(&db, &lost);
    let mut later = assert_cmd::Command::cargo_bin("repdesk").unwrap();
    later.arg("--db").arg(&db).args(["--today", "2026-11-30", "import", "deals"]).arg(&lost);
    later.env("REPDESK_CONFIG", db.with_extension("toml")).env("LANG", "en_US.UTF-8").env_remove("LC_ALL");
    let (_, out) = run(&mut later);
    assert!(out.contains("added 0"), "{out}");
    assert_eq!(query(&db, "SELECT stage FROM leads WHERE name = 'Kilo Co'"), "qualified");

    // A Chinese 商机 export: the account is the company, the expected day closes a won deal.
    let db = at("zh");
    import(&db, "leads", &file("zh-leads.csv", "姓名,公司,手机\n王伟,北京云海科技,139 1234 5678\n"));
    let (code, out) = deals(
        &db,
        &file(
            "zh.csv",
            "商机名称,客户名称,联系人,手机,销售阶段,预计成交日期,成交金额,负责人,状态\n云服务器,北京云海科技,王伟,139 1234 5678,谈判审核,2026-11-20,5万,李娜,赢单\n续费,北京云海科技,王伟,139 1234 5678,需求确定,2026-12-20,8000,李娜,进行中\n",
        ),
    );
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("not a stage repdesk knows"), "{out}");
    assert_eq!(query(&db, "SELECT COUNT(*) FROM leads"), "1", "the deals are the known customer's");
    assert_eq!(query(&db, "SELECT amount_cents || ' ' || closed_on FROM sales"), "5000000 2026-11-20");

    // A footer right after the data is no rep; an associated contact with its e-mail finds the customer.
    let db = at("hub");
    import(&db, "leads", &file("hub-leads.csv", "Name,Email\nEve Stone,eve@echo.io\n"));
    let (code, out) = deals(
        &db,
        &file(
            "hub.csv",
            "Record ID,Deal Name,Deal Stage,Amount,Close Date,Deal owner,Associated Contact,Associated Company\n201,Eve order,Closed Won,700,2026-11-02,Carol Diaz,Eve Stone (eve@echo.io),Echo (123456)\n\"Confidential Information - Do Not Distribute\"\n",
        ),
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(query(&db, "SELECT group_concat(name) FROM reps"), "Carol Diaz");
    assert_eq!(query(&db, "SELECT COUNT(*) || ' ' || group_concat(stage) FROM leads"), "1 won");

    // Every phone of a deal's customer goes out with the deal and comes back.
    let db = at("rt");
    deals(
        &db,
        &file(
            "rt.csv",
            "Deal ID,Title,Owner,Person,Phone,Value,Status\n1,Kit,Amy,Ana,\"555-3000; 555-3001\",100,open\n",
        ),
    );
    let (_, exported) = run(repdesk(&db).args(["export", "deals"]));
    let copy = at("rt-copy");
    deals(&copy, &file("rt-export.csv", &exported));
    assert_eq!(run(repdesk(&copy).args(["export", "deals"])).1, exported);
    assert!(run(repdesk(&copy).args(["lead", "find", "555-3001"])).1.contains("Ana"));

    // A workbook whose first sheet is hidden is read from the first one the owner sees.
    let db = at("hidden");
    let (code, out) = import(&db, "leads", &common::fixture("export/hidden_first_sheet.xlsx"));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("sheet 'Customers'") && out.contains("added 1"), "{out}");
}
