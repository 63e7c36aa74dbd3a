//! `repdesk import`: read a CSV or a workbook, say what it was read as, land the good rows at
//! once and report every refused row, dropped cell and unknown value with its line.

use super::{Env, UsageError};
use crate::cli::{DatesArg, EncodingArg, ImportArgs, ImportKind};
use crate::domain::message::Message;
use crate::interchange::columns::{Mapping, Row};
use crate::interchange::csv_in::{Encoding, ReadError, Table};
use crate::interchange::shape::DateOrder;
use crate::interchange::vocab::Vocabulary;
use crate::interchange::{self, leads, reps, shifts};
use crate::service::{self, ImportReport};
use crate::store::Store;
use crate::text::Catalogue;

/// The file's rows, read and mapped before any database is opened: a file that cannot be
/// read, or is of the wrong kind, creates nothing.
enum Rows {
    Reps(crate::domain::rep::RepsFile),
    Leads(Vec<Row>),
    Deals(Vec<Row>),
    Shifts(Vec<shifts::Read>),
}

pub fn run(env: &Env, args: &ImportArgs) -> anyhow::Result<()> {
    let cat = env.cat;
    let path = &args.file;
    let bad_input = |e: ReadError| {
        UsageError(Message::new("cli.file_error").arg("path", path.display()).part("error", e.message()))
    };
    let bytes = std::fs::read(path)
        .map_err(|e| UsageError(Message::new("cli.cannot_read").arg("path", path.display()).arg("error", e)))?;
    let encoding = match args.encoding {
        EncodingArg::Auto => Encoding::Auto,
        EncodingArg::Utf8 => Encoding::Utf8,
        EncodingArg::Gbk => Encoding::Gbk,
        EncodingArg::Windows1252 => Encoding::Windows1252,
    };
    let table = interchange::read_table(path, &bytes, encoding, args.sheet.as_deref()).map_err(bad_input)?;
    let vocab = Vocabulary::with_values(&args.values).map_err(bad_input)?;
    let (columns, rows) = read_rows(&table, args).map_err(bad_input)?;
    let rows_currencies: std::collections::BTreeSet<String> = match &rows {
        Rows::Deals(rows) => rows.iter().filter_map(|r| r.get("currency")).map(str::to_uppercase).collect(),
        _ => Default::default(),
    };
    print_shape(&table, &columns, env.cat);
    let mut store = if args.dry_run && !env.db.exists() {
        // A dry run into a database that is not there yet reports on an empty one and creates nothing.
        Store::open_in_memory(env.clock)?
    } else {
        env.open("import")?
    };
    let dry = args.dry_run;
    let imported = match rows {
        Rows::Reps(file) => service::import_reps(&mut store, &file, dry)?,
        Rows::Leads(rows) => service::import::leads(&mut store, &rows, &vocab, dry)?,
        Rows::Deals(rows) => service::import::deals(&mut store, &rows, &vocab, dry)?,
        Rows::Shifts(read) => {
            let (good, bad): (Vec<_>, Vec<_>) = read.into_iter().partition(Result::is_ok);
            let good: Vec<_> = good.into_iter().flatten().collect();
            let mut imported = service::schedule::import_shifts(&mut store, &good, dry)?;
            let unread = bad.into_iter().filter_map(Result::err);
            imported.report_mut().refused.extend(unread.map(|(line, reason)| service::Refusal { line, reason }));
            imported
        }
    };
    let change = imported.change();
    let mut report = imported.into_report();
    for &(line, cells) in &table.shape.ragged {
        let reason = Message::new("cli.import_ragged").arg("cells", cells).arg("columns", table.header.len());
        report.refused.push(service::Refusal { line, reason });
    }
    report.refused.sort_by_key(|r| r.line);
    print_report(&report, &table, dry, args.kind, env.cat);
    if let Some(change) = change {
        println!("{}", cat.tf("cli.import_change", &[("id", &change)]));
    }
    if let Some(note) = currencies(&rows_currencies, env.cat) {
        println!("{note}");
    }
    if report.refused.is_empty() {
        Ok(())
    } else {
        let key = if dry { "cli.import_refused_dry" } else { "cli.import_refused" };
        Err(UsageError(Message::new(key).arg("count", report.refused.len())).into())
    }
}

/// The rows of the file as its kind reads them, and the lines that say how its columns were read.
fn read_rows(table: &Table, args: &ImportArgs) -> Result<(Vec<Message>, Rows), ReadError> {
    let dates = args.dates.map(|d| match d {
        DatesArg::DayFirst => DateOrder::DayFirst,
        DatesArg::MonthFirst => DateOrder::MonthFirst,
    });
    let map = &args.map;
    Ok(match args.kind {
        ImportKind::Reps => {
            let mapping = reps::mapping(table, map, dates)?;
            (mapping.describe(), Rows::Reps(reps::read(table, mapping)))
        }
        ImportKind::Leads => {
            let mapping = leads::lead_mapping(table, map, dates)?;
            (mapping.describe(), Rows::Leads(mapping.rows(table)))
        }
        ImportKind::Deals => {
            let mapping = Mapping::of(table, leads::DEAL_ALIASES, map, "deals", true, dates)?;
            mapping.require_one_of(leads::DEAL_IDENTITY)?;
            let mut lines = mapping.describe();
            if !mapping.has("stage") && !mapping.has("status") {
                lines.push(Message::new("cli.import_ledger"));
            }
            (lines, Rows::Deals(mapping.rows(table)))
        }
        ImportKind::Shifts => {
            let mapping = shifts::mapping(table, map, dates)?;
            (mapping.describe(), Rows::Shifts(shifts::rows(table, mapping)?))
        }
    })
}

/// What the file was read as and which column became which field: said before any count.
fn print_shape(table: &Table, columns: &[Message], cat: &Catalogue) {
    let encoding = table.shape.encoding.map(|e| format!(", {e}")).unwrap_or_default();
    let rows = table.records.len();
    println!(
        "{}",
        cat.tf("cli.import_read", &[("kind", &table.shape.kind.text(cat)), ("encoding", &encoding), ("rows", &rows)])
    );
    for line in columns {
        println!("{}", line.text(cat));
    }
}

fn print_report(report: &ImportReport, table: &Table, dry: bool, kind: ImportKind, cat: &Catalogue) {
    let key = if dry { "cli.import_dry_run" } else { "cli.imported" };
    let counts: [(&str, &dyn std::fmt::Display); 4] = [
        ("added", &report.added),
        ("updated", &report.updated),
        ("unchanged", &report.unchanged),
        ("refused", &report.refused.len()),
    ];
    println!("{}", cat.tf(key, &counts));
    if kind == ImportKind::Deals {
        let d = report.deals;
        let key = if dry { "cli.import_deals_dry" } else { "cli.import_deals" };
        println!("{}", cat.tf(key, &[("won", &d.won), ("lost", &d.lost), ("open", &d.open)]));
        if report.deals_without_customer > 0 {
            println!("{}", cat.tf("cli.import_nameless_deals", &[("count", &report.deals_without_customer)]));
        }
    }
    if !report.changed_fields.is_empty() {
        let fields: Vec<String> = report
            .changed_fields
            .iter()
            .map(|(f, n)| cat.tf("cli.field_on_rows", &[("field", f), ("rows", n)]))
            .collect();
        println!("{}", cat.tf("cli.import_changed_fields", &[("fields", &fields.join(", "))]));
    }
    if !report.new_reps.is_empty() {
        let key = if dry { "cli.new_reps_dry" } else { "cli.new_reps" };
        println!("{}", cat.tf(key, &[("names", &report.new_reps.join(", "))]));
    }
    for u in &report.unknown {
        let lines = line_list(&u.lines, cat);
        // What the value was read as, by its label: a stage, a deal's outcome, or nothing.
        let landed = match u.landed_as.as_str() {
            "" => cat.t("cli.no_value").to_string(),
            word => cat
                .get(&format!("label.{}.{word}", u.field))
                .or_else(|| cat.get(&format!("label.outcome.{word}")))
                .unwrap_or(word)
                .to_string(),
        };
        let args: [(&str, &dyn std::fmt::Display); 6] = [
            ("field", &u.field),
            ("value", &u.value),
            ("count", &u.lines.len()),
            ("lines", &lines),
            ("landed", &landed),
            ("words", &u.words),
        ];
        println!("{}", cat.tf("cli.import_unknown_value", &args));
    }
    for d in &report.dropped {
        let args: [(&str, &dyn std::fmt::Display); 4] = [
            ("line", &d.line),
            ("column", &d.cell.column),
            ("value", &d.cell.value),
            ("wanted", &cat.t(d.cell.wanted)),
        ];
        println!("{}", cat.tf("cli.import_dropped_cell", &args));
    }
    for s in &report.same_customer {
        let first = s.first_line.map(|l| l.to_string()).unwrap_or_default();
        match &s.claim {
            Some((owner, claimant)) => {
                let first = s.first_line.map(|l| cat.tf("cli.import_claim_first", &[("line", &l)])).unwrap_or_default();
                let args: [(&str, &dyn std::fmt::Display); 5] = [
                    ("line", &s.line),
                    ("customer", &s.customer),
                    ("first", &first),
                    ("owner", owner),
                    ("claimant", claimant),
                ];
                println!("{}", cat.tf("cli.import_claim", &args));
            }
            None if s.first_line.is_some() => {
                let args: [(&str, &dyn std::fmt::Display); 3] =
                    [("line", &s.line), ("first", &first), ("customer", &s.customer)];
                println!("{}", cat.tf("cli.import_repeat", &args));
            }
            None => {}
        }
    }
    for line in &table.shape.title_lines {
        println!("{}", cat.tf("cli.import_title_line", &[("line", line)]));
    }
    for line in &table.shape.repeated_headers {
        println!("{}", cat.tf("cli.import_repeated_header", &[("line", line)]));
    }
    for line in &table.shape.total_lines {
        println!("{}", cat.tf("cli.import_total_line", &[("line", line)]));
    }
    if !table.shape.footer_lines.is_empty() {
        let lines = line_list(&table.shape.footer_lines, cat);
        println!("{}", cat.tf("cli.import_footer", &[("lines", &lines)]));
    }
    let key = if dry { "cli.import_conflict_dry" } else { "cli.import_conflict" };
    for r in &report.conflicts {
        println!("{}", cat.tf(key, &[("line", &r.line), ("reason", &r.reason.text(cat))]));
    }
    for r in &report.refused {
        println!("{}", cat.tf("cli.refused_row", &[("line", &r.line), ("reason", &r.reason.text(cat))]));
    }
}

/// A note when a file's amounts are in several currencies, which repdesk adds up as written.
fn currencies(found: &std::collections::BTreeSet<String>, cat: &Catalogue) -> Option<String> {
    let names: Vec<&str> = found.iter().map(String::as_str).collect();
    (names.len() > 1).then(|| cat.tf("cli.import_currencies", &[("count", &names.len()), ("names", &names.join(", "))]))
}

/// `line 7`, `lines 3, 7, 9` — or the first ten and how many more.
fn line_list(lines: &[u64], cat: &Catalogue) -> String {
    let shown: Vec<String> = lines.iter().take(10).map(u64::to_string).collect();
    match lines.len() {
        1 => cat.tf("cli.line", &[("line", &shown[0])]),
        n if n > 10 => cat.tf("cli.lines_more", &[("lines", &shown.join(", ")), ("more", &(n - 10))]),
        _ => cat.tf("cli.lines", &[("lines", &shown.join(", "))]),
    }
}
