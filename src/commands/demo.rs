//! `repdesk demo`: fill the database with a generated team.

use super::Env;
use crate::cli::{DemoArgs, DemoSizeArg};
use crate::domain::demo::DemoSize;
use crate::service;
use std::time::Instant;

pub fn run(env: &Env, args: &DemoArgs) -> anyhow::Result<()> {
    let cat = env.cat;
    let mut store = env.open("demo")?;
    let size = match args.size {
        DemoSizeArg::Small => DemoSize::SMALL,
        DemoSizeArg::Large => DemoSize::LARGE,
    };
    let started = Instant::now();
    let s = service::load_demo(&mut store, size, args.seed, args.force)?.value;
    let seconds = format!("{:.1}", started.elapsed().as_secs_f64());
    println!(
        "{}",
        cat.tf(
            "cli.demo_made",
            &[
                ("path", &store.path().display()),
                ("reps", &s.reps),
                ("leads", &s.leads),
                ("activities", &s.activities),
                ("sales", &s.sales),
                ("shifts", &s.shifts),
                ("targets", &s.targets),
                ("reviews", &s.reviews),
                ("seconds", &seconds),
            ]
        )
    );
    Ok(())
}
