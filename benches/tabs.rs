//! The budgets of DESIGN.md on the large demo (50 reps, 100k leads, 1M activities, 200k
//! sales, two years of shifts): opening and drawing each tab, and a key press to the next frame.
//!
//! The large database is made once and kept in `target/bench-large.db` (delete it to remake).

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use repdesk::domain::clock::Clock;
use repdesk::domain::demo::DemoSize;
use repdesk::service;
use repdesk::store::Store;
use repdesk::tui::app::App;
use repdesk::tui::{Ctx, Tab, headless};
use std::path::PathBuf;
use strum::IntoEnumIterator;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn large_db() -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-large.db");
    let mut store = Store::open(&path, Clock::fixed(today())).unwrap();
    if store.is_empty().unwrap() {
        let started = std::time::Instant::now();
        service::load_demo(&mut store, DemoSize::LARGE, 1, false).unwrap();
        eprintln!("made the large demo in {:.1} s", started.elapsed().as_secs_f64());
    }
    path
}

/// A tab that could not load draws an error instead of its data, which would time the wrong
/// thing: stop there (a `target/bench-large.db` made by an older build is one way).
fn loaded(app: App) -> App {
    if let Some(message) = app.message() {
        assert!(!message.starts_with("Could not load"), "{message}: delete target/bench-large.db to remake it");
    }
    app
}

fn ctx() -> Ctx {
    Ctx::fixed(today(), "¥")
}

fn tabs(c: &mut Criterion) {
    let path = large_db();
    let mut group = c.benchmark_group("open_and_draw_tab_large");
    group.sample_size(20);
    for tab in Tab::iter() {
        let name: &'static str = tab.into();
        group.bench_function(name, |b| {
            b.iter(|| {
                let store = Store::open(&path, Clock::fixed(today())).unwrap();
                let app = loaded(App::on_tab(store, ctx(), tab).unwrap());
                headless::render(&app, 100, 30).unwrap()
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("key_to_frame_large");
    for tab in Tab::iter() {
        let name: &'static str = tab.into();
        let mut app = App::new(Store::open(&path, Clock::fixed(today())).unwrap(), ctx()).unwrap();
        app.select(tab);
        let mut app = loaded(app);
        let mut down = true;
        group.bench_function(name, |b| {
            b.iter(|| {
                // Alternate down and up so the selection never runs off the end.
                let code = if down { KeyCode::Down } else { KeyCode::Up };
                down = !down;
                app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
                headless::render(&app, 100, 30).unwrap()
            })
        });
    }
    group.finish();
}

/// The budget is on the 99th percentile, which criterion does not report: time 2,000 key
/// presses per tab (down 200 times, up 200 times, …) and print the percentiles. On the
/// Schedule tab, the week keys too (`[` 20 times back into weeks full of shifts, `]` 20
/// times, …): each reads a week from the database.
fn key_latency_percentiles(_c: &mut Criterion) {
    let path = large_db();
    for tab in Tab::iter() {
        let app = loaded(App::on_tab(Store::open(&path, Clock::fixed(today())).unwrap(), ctx(), tab).unwrap());
        let name: &'static str = tab.into();
        let keys = |i: usize| if (i / 200).is_multiple_of(2) { KeyCode::Down } else { KeyCode::Up };
        key_latency(name, app, 2_000, keys);
    }
    let app = loaded(App::on_tab(Store::open(&path, Clock::fixed(today())).unwrap(), ctx(), Tab::Schedule).unwrap());
    key_latency("schedule [ ]", app, 400, |i| KeyCode::Char(if (i / 20).is_multiple_of(2) { '[' } else { ']' }));
    // `v` through the lead views: the queue, every open lead, by rep (a heading per rep, each
    // rep's leads by due date), by stage.
    let mut app = loaded(App::on_tab(Store::open(&path, Clock::fixed(today())).unwrap(), ctx(), Tab::Leads).unwrap());
    let mut samples: [Vec<std::time::Duration>; 4] = Default::default();
    for i in 0..800 {
        let started = std::time::Instant::now();
        app.on_key(KeyEvent::new(KeyCode::Char('v'), KeyModifiers::NONE));
        std::hint::black_box(headless::render(&app, 100, 30).unwrap());
        samples[i % 4].push(started.elapsed());
    }
    for (name, mut samples) in ["v all open", "v by rep", "v by stage", "v queue"].into_iter().zip(samples) {
        samples.sort();
        let at = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
        println!("key_latency/{name:<12} p50 {:>9.3?}  p99 {:>9.3?}  max {:>9.3?}", at(0.50), at(0.99), at(1.0));
    }
}

fn key_latency(name: &str, mut app: App, presses: usize, key: impl Fn(usize) -> KeyCode) {
    let mut samples = Vec::with_capacity(presses);
    for i in 0..presses {
        let started = std::time::Instant::now();
        app.on_key(KeyEvent::new(key(i), KeyModifiers::NONE));
        std::hint::black_box(headless::render(&app, 100, 30).unwrap());
        samples.push(started.elapsed());
    }
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    println!("key_latency/{name:<12} p50 {:>9.3?}  p99 {:>9.3?}  max {:>9.3?}", at(0.50), at(0.99), at(1.0));
}

fn demo_small(c: &mut Criterion) {
    let mut group = c.benchmark_group("demo");
    group.sample_size(10);
    group.bench_function("small_in_memory", |b| {
        b.iter(|| {
            let mut store = Store::open_in_memory(Clock::fixed(today())).unwrap();
            service::load_demo(&mut store, DemoSize::SMALL, 7, false).unwrap().value
        })
    });
    group.finish();
}

/// Drawing each tab in Chinese against English, interleaved (A B A B …) on the same loaded
/// app state, so the machine's noise falls on both alike. The budget: Chinese costs at most
/// 10% more.
fn chinese_against_english(_c: &mut Criterion) {
    let path = large_db();
    for tab in Tab::iter() {
        let open = |lang| {
            loaded(App::on_tab(Store::open(&path, Clock::fixed(today())).unwrap(), ctx().in_lang(lang), tab).unwrap())
        };
        let (en, zh) = (open(repdesk::text::Lang::En), open(repdesk::text::Lang::Zh));
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..300 {
            let started = std::time::Instant::now();
            std::hint::black_box(headless::render(&en, 100, 30).unwrap());
            a.push(started.elapsed().as_secs_f64());
            let started = std::time::Instant::now();
            std::hint::black_box(headless::render(&zh, 100, 30).unwrap());
            b.push(started.elapsed().as_secs_f64());
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2] * 1000.0
        };
        let (en_ms, zh_ms) = (median(&mut a), median(&mut b));
        let name: &'static str = tab.into();
        println!("draw/{name:<12} en {en_ms:>7.3} ms  zh {zh_ms:>7.3} ms  zh/en {:>5.1}%", zh_ms / en_ms * 100.0);
    }
}

criterion_group!(benches, tabs, key_latency_percentiles, demo_small, chinese_against_english);
criterion_main!(benches);
