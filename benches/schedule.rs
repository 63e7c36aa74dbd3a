//! The auto-fill budgets: the exact fill of a 50-rep week of 70 slots under 100 ms (issue 17),
//! the one-pass (greedy) fill, its fallback, as before (issue 4: under 50 ms).
//!
//! Two weeks are filled:
//! - `auto_fill/50_reps_busy_week` (exact) and `auto_fill/50_reps_busy_week_greedy`: the
//!   rules alone on a hard week made here: 50 reps with
//!   two availability windows on five or six days each, a maximum of 12 to 30 hours, some
//!   time off, half the reps with shifts planned already, and 70 slots a week across four places
//!   needing two to four reps each (210 places to fill; the bench prints how many each fill
//!   leaves short).
//! - `auto_fill/large_demo_week`: `service::propose_fill` on the large demo (made once in
//!   `target/bench-large.db`, as `benches/tabs.rs` does) for the first week it has no shifts
//!   in, from reading the roster out of SQLite to the proposal.

use chrono::{Datelike, Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use repdesk::domain::clock::Clock;
use repdesk::domain::demo::DemoSize;
use repdesk::domain::model::{Availability, Location, Shift, ShiftStatus, StaffingNeed, TimeOff};
use repdesk::domain::period::{Period, PeriodKind};
use repdesk::domain::schedule::{Now, Roster, ScheduleRules, Worker};
use repdesk::service;
use repdesk::store::Store;
use std::path::PathBuf;

const REPS: i64 = 50;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// A week as hard as a 50-rep team makes it: every rule has something to refuse.
fn busy_week() -> Roster {
    let monday = today();
    let workers = (1..=REPS)
        .map(|id| Worker { id, active: id % 17 != 0, max_weekly_hours: Some(12 + (id as u32 * 7) % 19), channel: None })
        .collect();
    let mut availability = Vec::new();
    for rep_id in 1..=REPS {
        for weekday in 1..=7u32 {
            // Each rep has one or two free days and, on the others, a morning and an evening.
            if (rep_id as u32 + weekday).is_multiple_of(6) {
                continue;
            }
            let shift = (rep_id as u32 % 3) * 60;
            availability.push(Availability { rep_id, weekday, start_min: 8 * 60 + shift, end_min: 14 * 60 + shift });
            availability.push(Availability { rep_id, weekday, start_min: 16 * 60, end_min: 22 * 60 });
        }
    }
    let time_off = (1..=REPS)
        .step_by(7)
        .map(|rep_id| TimeOff {
            rep_id,
            from: monday + Duration::days(rep_id % 5),
            to: monday + Duration::days(rep_id % 5 + 1),
            reason: None,
        })
        .collect();
    let slots = [(9 * 60, 13 * 60), (10 * 60, 14 * 60), (17 * 60, 21 * 60)];
    let places = [Location::Store, Location::Phone, Location::Field];
    let mut needs = Vec::new();
    for weekday in 1..=7u32 {
        for (i, &(start_min, end_min)) in slots.iter().enumerate() {
            for (j, &location) in places.iter().enumerate() {
                let reps_needed = 2 + ((weekday as usize + i + j) % 3) as u32;
                needs.push(StaffingNeed { weekday, start_min, end_min, location, reps_needed });
            }
        }
        needs.push(StaffingNeed {
            weekday,
            start_min: 12 * 60,
            end_min: 13 * 60,
            location: Location::Online,
            reps_needed: 3,
        });
    }
    // Half the week planned by hand already, some of it the night before Monday.
    let mut shifts = Vec::new();
    let mut id = 1;
    for rep_id in (1..=REPS).step_by(2) {
        for day in [-1i64, 1, 3] {
            let date = monday + Duration::days(day + rep_id % 2);
            shifts.push(Shift {
                id,
                rep_id,
                date,
                start_min: 17 * 60,
                end_min: 21 * 60,
                location: places[(rep_id as usize + day.unsigned_abs() as usize) % 3],
                status: ShiftStatus::Scheduled,
            });
            id += 1;
        }
    }
    Roster { monday, workers, availability, time_off, needs, shifts, rules: ScheduleRules::default() }
}

fn large_db() -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-large.db");
    let mut store = Store::open(&path, Clock::fixed(today())).unwrap();
    if store.is_empty().unwrap() {
        service::load_demo(&mut store, DemoSize::LARGE, 1, false).unwrap();
    }
    path
}

fn auto_fill(c: &mut Criterion) {
    let roster = busy_week();
    let proposals = roster.auto_fill(Now { today: roster.monday, minute: None });
    assert_eq!(roster.monday.weekday(), chrono::Weekday::Mon);
    // What is timed is a real fill: the proposal brings no conflict of any rep.
    let mut filled = roster.clone();
    filled.shifts.extend(proposals.iter().cloned());
    let before: Vec<_> = roster.conflicts().into_iter().filter(|c| c.rep_id().is_some()).collect();
    let after: Vec<_> = filled.conflicts().into_iter().filter(|c| c.rep_id().is_some()).collect();
    assert_eq!(before, after, "auto-fill proposed a conflict");
    let places: u32 = roster.needs.iter().map(|n| n.reps_needed).sum();
    let now = Now { today: roster.monday, minute: None };
    let (exact, greedy) = (roster.fill(now), roster.greedy(now));
    let short = |fill: &repdesk::domain::schedule::Fill| fill.gaps.iter().map(|g| g.short).sum::<u32>();
    eprintln!(
        "busy week: {} slots needing {places}; exact ({:?}): {} shifts, {} places left short; greedy: {} shifts, {} left short",
        roster.needs.len(),
        exact.method,
        exact.proposals.len(),
        short(&exact),
        greedy.proposals.len(),
        short(&greedy)
    );

    // Without the app's budget: how long the proven plan takes.
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let proven = roster.fill_within(now, std::time::Duration::from_secs(120));
        eprintln!(
            "busy week without a budget: {:?} in {:?}, {} shifts, {} left short",
            proven.method,
            started.elapsed(),
            proven.proposals.len(),
            short(&proven)
        );
    }

    let store = Store::open(&large_db(), Clock::fixed(today())).unwrap();
    let mut monday = today();
    while !store.conn().prepare("SELECT 1 FROM shifts WHERE date >= ?1").unwrap().exists([monday.to_string()]).unwrap()
    {
        monday -= Duration::days(7);
    }
    while store.conn().prepare("SELECT 1 FROM shifts WHERE date >= ?1").unwrap().exists([monday.to_string()]).unwrap() {
        monday += Duration::days(7);
    }
    let week = Period::containing(PeriodKind::Week, monday);
    let demo = service::schedule::propose_fill(store.conn(), &week, Now { today: today(), minute: None }).unwrap();
    eprintln!("large demo, week of {monday}: {} shifts proposed", demo.len());

    let mut group = c.benchmark_group("auto_fill");
    group.bench_function("50_reps_busy_week", |b| b.iter(|| roster.fill(now)));
    group.bench_function("50_reps_busy_week_greedy", |b| b.iter(|| roster.greedy(now)));
    group.bench_function("large_demo_week", |b| {
        b.iter(|| service::schedule::propose_fill(store.conn(), &week, Now { today: today(), minute: None }).unwrap())
    });
    group.finish();
}

criterion_group!(benches, auto_fill);
criterion_main!(benches);
