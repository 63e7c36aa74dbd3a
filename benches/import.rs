//! The import budget of DESIGN.md: 100,000 CSV rows of leads, shaped like a Zoho export,
//! from the file's bytes to the committed transaction.

use criterion::{Criterion, criterion_group, criterion_main};
use repdesk::domain::clock::Clock;
use repdesk::interchange::vocab::Vocabulary;
use repdesk::service;
use repdesk::store::Store;
use zoho::{ROWS, file, read};

#[path = "shared/zoho.rs"]
mod zoho;

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
            assert_eq!(report.report().added, ROWS);
        })
    });
    // What reading the file costs on its own: decoding, the separator, the quote check, the
    // columns and the reading of each date and amount column, and the rows.
    group.bench_function("read_and_detect_100k_rows", |b| b.iter(|| assert_eq!(read(&bytes).len(), ROWS)));
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
