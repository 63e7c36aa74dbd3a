//! The leaderboard of a quarter over the large demo's 200k sales (budget: under 30 ms, and
//! within 2× of the same aggregate in the `sqlite3` shell), interleaved with that aggregate
//! run through the same connection: the figures straight from the sales, activities, deals,
//! leads and shifts tables, which the leaderboard reads from `rep_days` instead.
//!
//! Uses `target/bench-large.db`, as `benches/tabs.rs` makes it.

use repdesk::domain::clock::Clock;
use repdesk::domain::leaderboard::standings;
use repdesk::domain::model::Metric;
use repdesk::domain::period::Period;
use repdesk::store::{self, Store};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The leaderboard's figures computed from the base tables, as one would in the shell.
pub const RAW: &str = "
SELECT r.id,
  (SELECT IFNULL(SUM(amount_cents), 0) FROM sales s WHERE s.rep_id = r.id AND s.closed_on BETWEEN ?1 AND ?2),
  (SELECT COUNT(*) FROM sales s WHERE s.rep_id = r.id AND s.closed_on BETWEEN ?1 AND ?2),
  (SELECT COUNT(*) FROM activities a WHERE a.rep_id = r.id AND a.kind IN ('visit', 'meeting')
     AND a.at >= ?1 AND a.at < date(?2, '+1 day')),
  (SELECT COUNT(*) FROM deals d WHERE d.rep_id = r.id AND d.stage = 'won' AND d.closed_on BETWEEN ?1 AND ?2),
  (SELECT COUNT(*) FROM deals d WHERE d.rep_id = r.id AND d.stage = 'lost' AND d.closed_on BETWEEN ?1 AND ?2)
FROM reps r";

fn main() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-large.db");
    assert!(path.exists(), "run `cargo bench --bench tabs` first: it makes target/bench-large.db");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let store = Store::open(&path, Clock::fixed(today)).unwrap();
    let quarter: Period = "2026-Q3".parse().unwrap();
    let (from, to) = (quarter.first_day().to_string(), quarter.last_day().to_string());
    let sales: i64 = store
        .conn()
        .query_row("SELECT COUNT(*) FROM sales WHERE closed_on BETWEEN ?1 AND ?2", [&from, &to], |r| r.get(0))
        .unwrap();
    let all: i64 = store.conn().query_row("SELECT COUNT(*) FROM sales", [], |r| r.get(0)).unwrap();
    let (mut board, mut raw) = (Vec::new(), Vec::new());
    for _ in 0..60 {
        let started = Instant::now();
        let now = store::metrics::rep_metrics(store.conn(), &quarter, today).unwrap();
        let before = store::metrics::rep_metrics(store.conn(), &quarter.previous(), today).unwrap();
        std::hint::black_box(standings(now, before, Metric::Revenue));
        board.push(started.elapsed());
        let started = Instant::now();
        let mut stmt = store.conn().prepare_cached(RAW).unwrap();
        let rows: Vec<(i64, i64)> =
            stmt.query_map([&from, &to], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap();
        std::hint::black_box(rows);
        raw.push(started.elapsed());
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (b, r) = (median(&mut board), median(&mut raw));
    println!(
        "leaderboard of {quarter} ({sales} of {all} sales), this quarter and the one before: median {b:.2?}; \
         the base tables' aggregate of one quarter: median {r:.2?}"
    );
    // Each row's sparkline: the last eight months of a month's board, the last eight quarters
    // of a quarter's, read from `rep_days` day by day and summed per period.
    let reps = store::metrics::reps(store.conn()).unwrap();
    for period in ["2026-11".parse::<Period>().unwrap(), quarter] {
        let mut periods = vec![period];
        while periods.len() < 8 {
            let before = periods[0].previous();
            periods.insert(0, before);
        }
        let mut took = Vec::new();
        let mut rows = 0;
        for _ in 0..60 {
            let started = Instant::now();
            let days = store::metrics::days_between(
                store.conn(),
                periods[0].first_day(),
                period.last_day(),
                &[Metric::Revenue],
            )
            .unwrap();
            rows = days.len();
            let series = repdesk::domain::leaderboard::series(
                &days,
                &[],
                &reps,
                &periods,
                repdesk::domain::leaderboard::Grouping::Reps,
                Metric::Revenue,
            );
            std::hint::black_box(series);
            took.push(started.elapsed());
        }
        println!("sparklines of the {period} board (8 periods, {rows} rep-days): median {:.2?}", median(&mut took));
    }
    // The pipeline cover's open deals: one row per rep kept by triggers, against summing them.
    let (mut kept, mut summed) = (Vec::new(), Vec::new());
    for _ in 0..60 {
        let started = Instant::now();
        std::hint::black_box(store::metrics::open_pipeline(store.conn()).unwrap());
        kept.push(started.elapsed());
        let started = Instant::now();
        let mut stmt = store
            .conn()
            .prepare_cached(
                "SELECT rep_id, SUM(value_cents) FROM deals WHERE stage <> 'won' AND stage <> 'lost' GROUP BY rep_id",
            )
            .unwrap();
        let rows: Vec<(Option<i64>, i64)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap();
        std::hint::black_box(rows);
        summed.push(started.elapsed());
    }
    println!(
        "open deals per rep: rep_pipeline median {:.2?}; summed from the deals median {:.2?}",
        median(&mut kept),
        median(&mut summed)
    );
}
