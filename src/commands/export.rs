//! `repdesk export`: CSV that import reads back, or JSON.

use super::Env;
use crate::cli::{ExportArgs, ExportKind, FileFormat};
use crate::interchange::{csv_out, leads, reps, shifts};
use crate::store;
use std::io::Write;

pub fn run(env: &Env, args: &ExportArgs) -> anyhow::Result<()> {
    let store = env.open_existing("cli")?;
    let written = export(&store, args);
    // The bar goes whether the export got through or not.
    store.progress().end();
    written
}

fn export(store: &store::Store, args: &ExportArgs) -> anyhow::Result<()> {
    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(std::io::BufWriter::new(super::private_file(path)?)),
        None => Box::new(std::io::stdout().lock()),
    };
    let csv = args.format == FileFormat::Csv;
    // A bar on stderr while a file is written (output on the screen is its own progress).
    let p = store.progress();
    if args.out.is_some() {
        let table = match args.kind {
            ExportKind::Leads => "leads",
            ExportKind::Deals => "deals",
            ExportKind::Activities => "activities",
            ExportKind::Shifts => "shifts",
            ExportKind::Reps => "reps",
        };
        let rows: i64 = store.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
        p.begin("export", rows.max(0) as u64);
    }
    match args.kind {
        ExportKind::Leads if csv => {
            let mut w = csv_out::Writer::new(&mut out, &leads::LEAD_EXPORT)?;
            store::leads::each(store.conn(), |lead, more| {
                p.add(1);
                w.row(leads::lead_row(&lead, &more))
            })?;
            w.finish()?;
        }
        ExportKind::Leads => {
            let mut w = JsonLines::new(&mut out)?;
            store::leads::each(store.conn(), |lead, more| {
                p.add(1);
                w.item(&serde_json::json!({ "lead": lead, "owner": more.owner, "other_phones": more.other_phones }))
            })?;
            w.end()?;
        }
        ExportKind::Deals if csv => {
            let mut w = csv_out::Writer::new(&mut out, &leads::DEAL_EXPORT)?;
            store::deals::each(store.conn(), |d| {
                p.add(1);
                w.row(leads::deal_row(&d))
            })?;
            w.finish()?;
        }
        ExportKind::Deals => {
            let mut w = JsonLines::new(&mut out)?;
            store::deals::each(store.conn(), |d| {
                p.add(1);
                w.item(&d)
            })?;
            w.end()?;
        }
        ExportKind::Activities if csv => {
            let mut w = csv_out::Writer::new(&mut out, &leads::ACTIVITY_EXPORT)?;
            store::leads::each_activity(store.conn(), |lead_id, customer, a| {
                p.add(1);
                w.row(vec![
                    lead_id.to_string(),
                    customer,
                    a.rep.unwrap_or_default(),
                    a.kind.to_string(),
                    a.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                    a.outcome.unwrap_or_default(),
                    a.note.unwrap_or_default(),
                ])
            })?;
            w.finish()?;
        }
        ExportKind::Activities => {
            let mut w = JsonLines::new(&mut out)?;
            store::leads::each_activity(store.conn(), |lead_id, customer, a| {
                p.add(1);
                w.item(&serde_json::json!({ "lead_id": lead_id, "customer": customer, "activity": a }))
            })?;
            w.end()?;
        }
        ExportKind::Shifts => {
            let names: std::collections::HashMap<i64, String> =
                store::reps::list(store.conn(), true)?.into_iter().map(|r| (r.id, r.name)).collect();
            let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
            if csv {
                let mut w = csv_out::Writer::new(&mut out, &shifts::EXPORT)?;
                store::schedule::each_shift(store.conn(), |s| {
                    p.add(1);
                    w.row(shifts::export_row(&s, &name(s.rep_id)))
                })?;
                w.finish()?;
            } else {
                let mut w = JsonLines::new(&mut out)?;
                store::schedule::each_shift(store.conn(), |s| {
                    p.add(1);
                    w.item(&serde_json::json!({ "shift": s, "rep": name(s.rep_id) }))
                })?;
                w.end()?;
            }
        }
        ExportKind::Reps => {
            let all = store::reps::list(store.conn(), true)?;
            match args.format {
                FileFormat::Csv => csv_out::write(&mut out, &reps::header(), all.iter().map(reps::row))?,
                FileFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &all)?;
                    writeln!(out)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// A JSON array written item by item, so an export of a million rows streams.
struct JsonLines<'a, W: Write> {
    out: &'a mut W,
    first: bool,
}

impl<'a, W: Write> JsonLines<'a, W> {
    fn new(out: &'a mut W) -> std::io::Result<Self> {
        out.write_all(b"[")?;
        Ok(JsonLines { out, first: true })
    }

    fn item<T: serde::Serialize>(&mut self, item: &T) -> crate::store::Result<()> {
        let sep: &[u8] = if self.first { b"\n" } else { b",\n" };
        self.first = false;
        let text = serde_json::to_string(item).unwrap_or_default();
        self.out
            .write_all(sep)
            .and_then(|_| self.out.write_all(text.as_bytes()))
            .map_err(crate::store::StoreError::Write)
    }

    fn end(self) -> std::io::Result<()> {
        self.out.write_all(b"\n]\n")
    }
}
