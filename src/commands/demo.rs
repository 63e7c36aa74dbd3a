//! `repdesk demo`: fill the database with a generated team.

use super::Env;
use crate::cli::{DemoArgs, DemoSizeArg};
use crate::domain::demo::DemoSize;
use crate::service;
use std::time::Instant;

pub fn run(env: &Env, args: &DemoArgs) -> anyhow::Result<()> {
    let mut store = env.open("demo")?;
    let size = match args.size {
        DemoSizeArg::Small => DemoSize::SMALL,
        DemoSizeArg::Large => DemoSize::LARGE,
    };
    let started = Instant::now();
    let s = service::load_demo(&mut store, size, args.seed, args.force)?;
    println!(
        "Made a demo team in {}: {} reps, {} leads, {} activities, {} sales, {} shifts, {} targets, {} reviews ({:.1} s).",
        store.path().display(),
        s.reps,
        s.leads,
        s.activities,
        s.sales,
        s.shifts,
        s.targets,
        s.reviews,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
