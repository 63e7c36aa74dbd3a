//! Every risk rule over the large demo (budget: under 50 ms): the lead rules' counts from their
//! indexes and their worst 300 each, the poaching events, the reps' figures, this month's
//! targets' pace and two weeks of the schedule. And the top bar's count, remembered while
//! nothing changes.
//!
//! Uses `target/bench-large.db`, as `benches/tabs.rs` makes it (copied, so the memo it writes
//! stays out of the other benches' file).

use repdesk::domain::clock::Clock;
use repdesk::store::Store;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let large = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-large.db");
    assert!(large.exists(), "run `cargo bench --bench tabs` first: it makes target/bench-large.db");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("risks.db");
    std::fs::copy(&large, &path).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let store = Store::open(&path, Clock::fixed(today)).unwrap();
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (mut all, mut count) = (Vec::new(), Vec::new());
    let mut total = 0;
    for _ in 0..40 {
        let started = Instant::now();
        let list = repdesk::service::risks::open(store.conn(), today, 300).unwrap();
        all.push(started.elapsed());
        total = list.total;
        let started = Instant::now();
        std::hint::black_box(repdesk::service::risks::count(&store).unwrap());
        count.push(started.elapsed());
    }
    // The shared-customer check: the whole book read (after a bulk load), and the leads of a
    // busy morning (100 written) looked up.
    let (mut whole, mut some) = (Vec::new(), Vec::new());
    for _ in 0..20 {
        store.conn().execute("INSERT OR IGNORE INTO leads_touched (id) VALUES (0)", []).unwrap();
        let started = Instant::now();
        std::hint::black_box(repdesk::store::risks::shared_customers(store.conn()).unwrap());
        whole.push(started.elapsed());
        store
            .conn()
            .execute_batch(
                "INSERT OR IGNORE INTO leads_touched (id)
                 SELECT id FROM leads WHERE owner_id IS NOT NULL AND stage NOT IN ('won', 'lost') ORDER BY random() LIMIT 100",
            )
            .unwrap();
        let started = Instant::now();
        std::hint::black_box(repdesk::store::risks::shared_customers(store.conn()).unwrap());
        some.push(started.elapsed());
    }
    println!(
        "shared customers: the whole book read: median {:.2?}; 100 leads written looked up: median {:.2?}",
        median(&mut whole),
        median(&mut some)
    );
    println!(
        "every rule over the large demo ({total} flags, the worst 300 of each lead rule listed): median {:.2?}; \
         the top bar's count, remembered: median {:.2?}",
        median(&mut all),
        median(&mut count)
    );
}
