//! `repdesk export`: CSV that import reads back, or JSON.

use super::Env;
use crate::cli::{ExportArgs, ExportKind, FileFormat};
use crate::interchange::{csv_out, reps};
use crate::store;
use std::io::Write;

pub fn run(env: &Env, args: &ExportArgs) -> anyhow::Result<()> {
    let store = env.open_existing("cli")?;
    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| super::UsageError(format!("cannot write {}: {e}", path.display())))?,
        )),
        None => Box::new(std::io::stdout().lock()),
    };
    match args.kind {
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
