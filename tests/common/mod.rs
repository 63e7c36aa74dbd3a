//! Shared set-up for the integration tests: a fixed day and the seed-7 demo team.

#![allow(dead_code)]

use chrono::NaiveDate;
use repdesk::domain::clock::Clock;
use repdesk::domain::demo::DemoSize;
use repdesk::service;
use repdesk::store::Store;
use repdesk::tui::Ctx;

pub const TODAY: &str = "2026-11-23";

pub fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

pub fn clock() -> Clock {
    Clock::fixed(today())
}

pub fn ctx() -> Ctx {
    Ctx { today: today(), currency: "¥".into() }
}

/// An in-memory database with the small demo team of seed 7.
pub fn demo_store() -> Store {
    let mut store = Store::open_in_memory(clock()).unwrap();
    service::load_demo(&mut store, DemoSize::SMALL, 7, false).unwrap();
    store
}
