//! `repdesk import`: read a CSV, report every refused row with its line, land the rest at once.

use super::{Env, UsageError};
use crate::cli::{EncodingArg, ImportArgs, ImportKind};
use crate::interchange::csv_in::{self, Encoding};
use crate::interchange::{leads, reps, shifts};
use crate::service;
use crate::text::tf;

pub fn run(env: &Env, args: &ImportArgs) -> anyhow::Result<()> {
    let bytes =
        std::fs::read(&args.file).map_err(|e| UsageError(format!("cannot read {}: {e}", args.file.display())))?;
    let encoding = match args.encoding {
        EncodingArg::Auto => Encoding::Auto,
        EncodingArg::Utf8 => Encoding::Utf8,
        EncodingArg::Gbk => Encoding::Gbk,
    };
    let bad_input = |e: csv_in::ReadError| UsageError(format!("{}: {e}", args.file.display()));
    let text = csv_in::decode(&bytes, encoding).map_err(bad_input)?;
    let table = csv_in::parse(&text).map_err(bad_input)?;
    let mut store = env.open("import")?;
    let report = match args.kind {
        ImportKind::Reps => {
            let rows = reps::read(&table, &args.map).map_err(bad_input)?;
            service::import_reps(&mut store, &rows, args.dry_run)?
        }
        ImportKind::Leads => {
            let rows = leads::rows(&table, leads::LEAD_ALIASES, &args.map, "leads", leads::LEAD_IDENTITY)
                .map_err(bad_input)?;
            service::import::leads(&mut store, &rows, args.dry_run)?
        }
        ImportKind::Deals => {
            let rows = leads::rows(&table, leads::DEAL_ALIASES, &args.map, "deals", &["rep"]).map_err(bad_input)?;
            service::import::deals(&mut store, &rows, args.dry_run)?
        }
        ImportKind::Shifts => {
            let (good, bad): (Vec<_>, Vec<_>) =
                shifts::rows(&table, &args.map).map_err(bad_input)?.into_iter().partition(Result::is_ok);
            let good: Vec<_> = good.into_iter().flatten().collect();
            let mut report = service::schedule::import_shifts(&mut store, &good, args.dry_run)?;
            let unread = bad.into_iter().filter_map(Result::err);
            report.refused.extend(unread.map(|(line, reason)| service::Refusal { line, reason }));
            report.refused.sort_by_key(|r| r.line);
            report
        }
    };
    let key = if args.dry_run { "cli.import_dry_run" } else { "cli.imported" };
    let counts: [(&str, &dyn std::fmt::Display); 4] = [
        ("added", &report.added),
        ("updated", &report.updated),
        ("unchanged", &report.unchanged),
        ("refused", &report.refused.len()),
    ];
    println!("{}", tf(key, &counts));
    if !report.new_reps.is_empty() {
        println!("{}", tf("cli.new_reps", &[("names", &report.new_reps.join(", "))]));
    }
    for r in &report.refused {
        println!("{}", tf("cli.refused_row", &[("line", &r.line), ("reason", &r.reason)]));
    }
    if report.refused.is_empty() {
        Ok(())
    } else {
        Err(UsageError(format!(
            "{} row(s) refused (listed above); fix them and import the file again, the good rows are already in",
            report.refused.len()
        ))
        .into())
    }
}
