//! The import budget of DESIGN.md: 100,000 CSV rows of leads, shaped like a Zoho export,
//! from the file's bytes to the committed transaction.

use criterion::{Criterion, criterion_group, criterion_main};
use repdesk::domain::clock::Clock;
use repdesk::interchange::columns::Mapping;
use repdesk::interchange::vocab::Vocabulary;
use repdesk::interchange::{csv_in, leads, read_table};
use repdesk::service;
use repdesk::store::Store;
use std::fmt::Write;

const ROWS: usize = 100_000;

/// A Zoho-shaped file: every row a different customer, owners among 50 reps.
fn file() -> String {
    let stages = ["New", "Contacted", "Qualified", "Proposal", "Closed Won", "Closed Lost"];
    let mut text = String::from(
        "Record Id,First Name,Last Name,Company,Mobile,Email,Lead Source,Lead Status,Lead Owner,Created Time,Estimated Value\n",
    );
    for i in 0..ROWS {
        let _ = writeln!(
            text,
            "z{i},First{i},Last{},Company {i} Ltd,+1 555 {:03} {:04},p{i}@c{i}.example,Web,{},Rep {:02},2026-{:02}-{:02} 09:00:00,{}",
            i % 997,
            i / 10_000,
            i % 10_000,
            stages[i % stages.len()],
            i % 50,
            1 + i % 11,
            1 + i % 28,
            100 + (i * 37) % 90_000
        );
    }
    text
}

fn import(c: &mut Criterion) {
    let bytes = file().into_bytes();
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    let mut n = 0;
    group.bench_function("leads_100k_rows", |b| {
        b.iter(|| {
            n += 1;
            let clock = Clock::fixed(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
            let mut store = Store::open(&dir.path().join(format!("import-{n}.db")), clock).unwrap();
            let rows = read(&bytes);
            let report =
                service::import::leads(&mut store, &rows, &Vocabulary::with_values(&[]).unwrap(), false).unwrap();
            assert_eq!(report.added, ROWS);
        })
    });
    // What reading the file costs on its own: decoding, the separator, the quote check, the
    // columns and the reading of each date and amount column, and the rows.
    group.bench_function("read_and_detect_100k_rows", |b| b.iter(|| assert_eq!(read(&bytes).len(), ROWS)));
    group.finish();
}

fn read(bytes: &[u8]) -> Vec<repdesk::interchange::columns::Row> {
    let table = read_table(std::path::Path::new("leads.csv"), bytes, csv_in::Encoding::Auto, None).unwrap();
    let mapping = Mapping::of(&table, leads::LEAD_ALIASES, &[], "leads", true, None).unwrap();
    mapping.require_one_of(leads::LEAD_IDENTITY).unwrap();
    mapping.rows(&table)
}

criterion_group!(benches, import);
criterion_main!(benches);
