//! `repdesk target`: goals for a rep, a team or the whole business.

use super::{Env, UsageError};
use crate::cli::{SplitArg, TargetCmd};
use crate::domain::message::Message;
use crate::domain::model::{Metric, Target};
use crate::domain::period::{Period, PeriodKind};
use crate::service::goals::{self as service, Split};
use crate::store;

/// A period as `--period` gives it, this month when none is given.
fn period(text: Option<&str>, today: chrono::NaiveDate) -> anyhow::Result<Period> {
    match text {
        None => Ok(Period::containing(PeriodKind::Month, today)),
        Some(text) => text.parse::<Period>().map_err(|e| UsageError::flag("--period", e.message()).into()),
    }
}

pub fn target(env: &Env, cmd: &TargetCmd) -> anyhow::Result<()> {
    let cat = env.cat;
    match cmd {
        TargetCmd::Set { rep, team, all, metric, goal, period: p, split } => {
            let mut store = env.open_existing("cli")?;
            let metric: Metric = metric.parse().map_err(|_| {
                let known: Vec<&str> = <Metric as strum::IntoEnumIterator>::iter().map(Metric::as_str).collect();
                UsageError::flag(
                    "--metric",
                    Message::new("cli.not_a_metric").arg("value", metric).arg("known", known.join(", ")),
                )
            })?;
            let period = period(p.as_deref(), store.today())?;
            let Some(kind) = period.kind() else {
                return Err(
                    UsageError::flag("--period", Message::new("cli.not_a_target_period").arg("value", period)).into()
                );
            };
            let goal = service::goal_of(metric, goal).map_err(|m| UsageError::flag("--goal", m))?;
            let rep_id = match rep {
                Some(name) => Some(store::reps::by_name(store.conn(), name)?.id),
                None => None,
            };
            if rep_id.is_none() && team.is_none() && !*all {
                return Err(UsageError(Message::new("invalid.target_who")).into());
            }
            let target = Target {
                rep_id,
                team: team.as_deref().map(str::trim).map(str::to_string),
                period_kind: kind,
                period_start: period.first_day(),
                metric,
                goal,
            };
            service::check_scope(&store, &target)?;
            let split = split.map(|s| match s {
                SplitArg::Weeks => Split::Weeks,
                SplitArg::Reps => Split::Reps,
            });
            let done = service::set_target(&mut store, &target, split)?;
            let reps = store::reps::list(store.conn(), false)?;
            for set in &done.value {
                let p = Period::containing(set.target.period_kind, set.target.period_start);
                let args: [(&str, &dyn std::fmt::Display); 5] = [
                    ("id", &set.id),
                    ("who", &service::who(&set.target, &reps).text(cat)),
                    ("metric", &cat.label(set.target.metric)),
                    ("period", &p),
                    ("goal", &service::shown_goal(set.target.metric, set.target.goal)),
                ];
                let key = if set.before.is_some() { "cli.target_changed" } else { "cli.target_set" };
                println!("{}", cat.tf(key, &args));
            }
            println!("{}", cat.tf("cli.undo_hint", &[("id", &done.change)]));
            Ok(())
        }
        TargetCmd::List { period: p, format } => {
            let store = env.open_existing("cli")?;
            let period = period(p.as_deref(), store.today())?;
            let reps = store::reps::list(store.conn(), false)?;
            #[derive(serde::Serialize)]
            struct Row {
                id: i64,
                who: String,
                rep: Option<String>,
                team: Option<String>,
                period: String,
                metric: Metric,
                goal: i64,
            }
            let rows: Vec<Row> = store::targets::listed(store.conn(), &period)?
                .into_iter()
                .map(|(id, t, rep)| Row {
                    id,
                    who: service::who(&t, &reps).text(cat),
                    rep,
                    team: t.team.clone(),
                    period: period.to_string(),
                    metric: t.metric,
                    goal: t.goal,
                })
                .collect();
            super::output::print(*format, &["id", "who", "period", "metric", "goal"], &rows, |r| {
                vec![
                    r.id.to_string(),
                    r.who.clone(),
                    r.period.clone(),
                    cat.label(r.metric).to_string(),
                    service::shown_goal(r.metric, r.goal),
                ]
            })
        }
        TargetCmd::Rm { id } => {
            let mut store = env.open_existing("cli")?;
            let done = service::remove_target(&mut store, *id)?;
            let p = Period::containing(done.value.period_kind, done.value.period_start);
            println!(
                "{}",
                cat.tf("cli.target_removed", &[("id", id), ("metric", &cat.label(done.value.metric)), ("period", &p)])
            );
            Ok(())
        }
    }
}
