//! `repdesk rep add|list|show|edit|deactivate|reactivate`.

use super::{Env, UsageError, output};
use crate::cli::{RepCmd, RepFieldArgs};
use crate::domain::message::Message;
use crate::domain::model::Rep;
use crate::domain::money::display_rate_bp;
use crate::domain::rep::RepFields;
use crate::service;
use crate::store;

const HEADER: &[&str] =
    &["name", "channel", "employment", "team", "hourly_rate", "commission", "max_hours", "active", "phone", "email"];

fn row(rep: &Rep) -> Vec<String> {
    vec![
        rep.name.clone(),
        rep.channel.to_string(),
        rep.employment.to_string(),
        rep.team.clone().unwrap_or_default(),
        rep.hourly_rate.to_decimal(),
        display_rate_bp(rep.commission_bp),
        rep.max_weekly_hours.map(|h| h.to_string()).unwrap_or_default(),
        if rep.active { "yes".into() } else { "no".into() },
        rep.phone.clone().unwrap_or_default(),
        rep.email.clone().unwrap_or_default(),
    ]
}

/// Lays the given flags over `fields`; flags not given leave a field as it was.
fn apply(args: &RepFieldArgs, fields: &mut RepFields) {
    fields.lay_over(&[
        ("name", &args.name),
        ("phone", &args.phone),
        ("email", &args.email),
        ("channel", &args.channel),
        ("employment", &args.employment),
        ("team", &args.team),
        ("hourly_rate", &args.hourly_rate),
        ("commission_rate", &args.commission_rate),
        ("max_weekly_hours", &args.max_weekly_hours),
        ("hired_on", &args.hired_on),
    ]);
}

pub fn run(env: &Env, cmd: &RepCmd) -> anyhow::Result<()> {
    let cat = env.cat;
    // Only adding a rep may start a new database.
    let mut store = if matches!(cmd, RepCmd::Add(_)) { env.open("cli")? } else { env.open_existing("cli")? };
    match cmd {
        RepCmd::Add(args) => {
            if args.name.is_none() {
                return Err(UsageError(Message::new("cli.rep_needs_name")).into());
            }
            let mut fields = RepFields::default();
            apply(args, &mut fields);
            let rep = service::add_rep(&mut store, &fields.validate()?)?.value;
            println!(
                "{}",
                cat.tf(
                    "cli.rep_added",
                    &[("name", &rep.name), ("employment", &rep.employment), ("channel", &rep.channel)]
                )
            );
        }
        RepCmd::List { all, format } => {
            let reps = store::reps::list(store.conn(), *all)?;
            output::print(*format, HEADER, &reps, row)?;
        }
        RepCmd::Show { name, format } => {
            let rep = store::reps::by_name(store.conn(), name)?;
            output::print(*format, HEADER, std::slice::from_ref(&rep), row)?;
            // The table is for a person: their honours under it.
            if matches!(format, crate::cli::ListFormat::Table) {
                let honours = store::honours::listed(store.conn(), Some(rep.id))?;
                let money = |m: crate::domain::money::Money| m.to_string();
                let words: Vec<String> =
                    honours.iter().map(|(_, h)| cat.honour(&h.period, h.metric, h.value, &money)).collect();
                let words =
                    if words.is_empty() { cat.t("honours.none").to_string() } else { words.join(cat.t("honours.sep")) };
                println!("{} {words}", cat.t("honours.label"));
            }
        }
        RepCmd::Edit { rep, fields: args } => {
            let existing = store::reps::by_name(store.conn(), rep)?;
            let mut fields = RepFields::of(&existing);
            apply(args, &mut fields);
            let updated = service::edit_rep(&mut store, existing.id, &fields.validate()?)?.value;
            println!("{}", cat.tf("cli.rep_updated", &[("name", &updated.name)]));
        }
        RepCmd::Deactivate { name } | RepCmd::Reactivate { name } => {
            let active = matches!(cmd, RepCmd::Reactivate { .. });
            let rep = store::reps::by_name(store.conn(), name)?;
            let rep = service::set_rep_active(&mut store, rep.id, active)?.value;
            let key = if active { "status.reactivated" } else { "status.deactivated" };
            println!("{}", cat.tf(key, &[("name", &rep.name)]));
        }
    }
    Ok(())
}
