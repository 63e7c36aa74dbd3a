//! `repdesk target`: goals for a rep, a team or the whole business.

use super::{Env, UsageError};
use crate::cli::{SplitArg, TargetCmd};
use crate::domain::message::Message;
use crate::domain::model::{Metric, Target};
use crate::domain::money::Money;
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

/// A metric as `flag` gives it, or a usage error naming the metrics there are.
fn metric_of(flag: &str, text: &str) -> anyhow::Result<Metric> {
    text.parse().map_err(|_| {
        let known: Vec<&str> = <Metric as strum::IntoEnumIterator>::iter().map(Metric::as_str).collect();
        let message = Message::new("cli.not_a_metric").arg("value", text).arg("known", known.join(", "));
        UsageError::flag(flag, message).into()
    })
}

/// A period targets are set for: a week, month, quarter or year, not a range of days.
fn target_period(text: Option<&str>, today: chrono::NaiveDate) -> anyhow::Result<(Period, PeriodKind)> {
    let p = period(text, today)?;
    match p.kind() {
        Some(kind) => Ok((p, kind)),
        None => Err(UsageError::flag("--period", Message::new("cli.not_a_target_period").arg("value", p)).into()),
    }
}

pub fn target(env: &Env, cmd: &TargetCmd) -> anyhow::Result<()> {
    let cat = env.cat;
    match cmd {
        TargetCmd::Set { rep, team, all, metric, goal, period: p, split } => {
            let mut store = env.open_existing("cli")?;
            let metric = metric_of("--metric", metric)?;
            let (period, kind) = target_period(p.as_deref(), store.today())?;
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
            let (period, _) = target_period(p.as_deref(), store.today())?;
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

/// `repdesk report leaderboard` and `repdesk report goals`.
pub fn report(env: &Env, cmd: &crate::cli::ReportCmd) -> anyhow::Result<()> {
    use crate::cli::ReportCmd;
    use crate::domain::leaderboard::standings;
    let cat = env.cat;
    match cmd {
        ReportCmd::Leaderboard { period: p, from, to, by, group, format } => {
            let store = env.open_existing("cli")?;
            let metric = metric_of("--by", by)?;
            let period = match (from, to) {
                (Some(from), Some(to)) => {
                    let day = |flag: &str, text: &str| {
                        crate::domain::period::parse_date(text).map_err(|e| UsageError::flag(flag, e.message()))
                    };
                    let (from, to) = (day("--from", from)?, day("--to", to)?);
                    if to < from {
                        return Err(UsageError::flag(
                            "--to",
                            Message::new("cli.range_order").day("from", from).day("to", to),
                        )
                        .into());
                    }
                    Period::range(from, to)
                }
                _ => period(p.as_deref(), store.today())?,
            };
            let grouping = match group {
                None => crate::domain::leaderboard::Grouping::Reps,
                Some(crate::cli::GroupArg::Team) => crate::domain::leaderboard::Grouping::Teams,
                Some(crate::cli::GroupArg::Channel) => crate::domain::leaderboard::Grouping::Channels,
                Some(crate::cli::GroupArg::Location) => crate::domain::leaderboard::Grouping::Locations,
            };
            // A group's commission is its reps' at their own rates; tiers are a rep's.
            let service::Board { now, before, commissions: paid } =
                service::board(store.conn(), &period, store.today(), grouping, metric)?;
            #[derive(serde::Serialize)]
            struct Row {
                rank: usize,
                rep: String,
                team: Option<String>,
                movement: Option<i64>,
                revenue_cents: i64,
                deals_won: i64,
                new_customers: i64,
                visits: i64,
                calls: i64,
                conversion: Option<f64>,
                hours: f64,
                revenue_per_hour_cents: Option<i64>,
                commission_cents: i64,
                /// The tier reached (0: the rep's own rate), its rate, and the next tier's
                /// share of the target, rate and pay.
                commission_tier: usize,
                commission_rate_bp: i64,
                next_tier: Option<(u32, i64, i64)>,
            }
            let rows: Vec<Row> = standings(now, before, metric)
                .into_iter()
                .map(|s| {
                    let m = s.metrics;
                    let c = paid.get(&m.rep_id).copied();
                    Row {
                        rank: s.rank,
                        movement: s.movement,
                        revenue_cents: m.revenue.cents(),
                        deals_won: m.deals_won,
                        new_customers: m.new_customers,
                        visits: m.visits,
                        calls: m.calls,
                        conversion: m.conversion().map(|c| (c * 10_000.0).round() / 10_000.0),
                        hours: (m.hours() * 100.0).round() / 100.0,
                        revenue_per_hour_cents: m.revenue_per_hour().map(|r| r.cents()),
                        commission_cents: c.map_or(m.commission().cents(), |c| c.amount.cents()),
                        commission_tier: c.map_or(0, |c| c.tier),
                        commission_rate_bp: c.map_or(m.commission_bp, |c| c.rate_bp),
                        next_tier: c.and_then(|c| c.next).map(|(p, r, pay)| (p, r, pay.cents())),
                        rep: m.rep,
                        team: m.team,
                    }
                })
                .collect();
            let money = |c: i64| crate::domain::money::Money(c).to_string();
            let header = [
                "rank",
                "moved",
                "rep",
                "revenue",
                "deals",
                "new",
                "visits",
                "calls",
                "conversion",
                "hours",
                "per_hour",
                "commission",
            ];
            super::output::print(*format, &header, &rows, |r| {
                vec![
                    r.rank.to_string(),
                    match r.movement {
                        Some(0) => "=".into(),
                        Some(n) if n > 0 => format!("▲{n}"),
                        Some(n) => format!("▼{}", -n),
                        None => String::new(),
                    },
                    r.rep.clone(),
                    money(r.revenue_cents),
                    r.deals_won.to_string(),
                    r.new_customers.to_string(),
                    r.visits.to_string(),
                    r.calls.to_string(),
                    r.conversion.map(|c| format!("{:.0}%", c * 100.0)).unwrap_or_default(),
                    format!("{:.1}", r.hours),
                    r.revenue_per_hour_cents.map(money).unwrap_or_default(),
                    money(r.commission_cents),
                ]
            })
        }
        ReportCmd::Goals { period: p, format } => {
            let store = env.open_existing("cli")?;
            let conn = store.conn();
            let (period, _) = target_period(p.as_deref(), store.today())?;
            let metrics = store::metrics::rep_metrics(conn, &period, store.today())?;
            let listed = store::targets::listed(conn, &period)?;
            let wanted: Vec<Metric> = listed.iter().map(|(_, t, _)| t.metric).collect();
            let previous = store::metrics::rep_metrics_of(conn, &period.previous(), store.today(), &wanted)?;
            let working = store::settings::working_days(conn)?;
            let thresholds = store::settings::pace_thresholds(conn)?;
            let reps = store::reps::list(conn, false)?;
            // Today's open deals, set against a period still going; a period over has no cover.
            let going = period.last_day() >= store.today();
            let open = store::metrics::open_pipeline(conn)?;
            let ids: Vec<i64> = listed.iter().map(|(id, _, _)| *id).collect();
            let targets = listed.into_iter().map(|(_, t, rep)| (t, rep)).collect();
            #[derive(serde::Serialize)]
            struct Row {
                id: i64,
                who: String,
                metric: Metric,
                goal: i64,
                actual: i64,
                expected: f64,
                pace: Option<f64>,
                forecast: Option<i64>,
                status: Option<crate::domain::pace::PaceStatus>,
                /// A revenue target's open deals (cents), and how many times they cover what is
                /// left of it (`null` once it is reached).
                #[serde(skip_serializing_if = "Option::is_none")]
                open_value: Option<i64>,
                #[serde(skip_serializing_if = "Option::is_none")]
                pipeline_cover: Option<Option<f64>>,
            }
            let rows: Vec<Row> =
                crate::domain::goals::progress(targets, &metrics, &previous, &period, working, store.today())
                    .into_iter()
                    .zip(ids)
                    .map(|(g, id)| {
                        let revenue = g.target.metric == Metric::Revenue && going;
                        let open_value =
                            revenue.then(|| crate::domain::goals::open_value(&g.target.scope(), &metrics, &open));
                        let cover = open_value.map(|o| {
                            crate::domain::goals::pipeline_cover(o, Money(g.pace.goal), Money(g.pace.actual))
                                .map(|c| (c * 100.0).round() / 100.0)
                        });
                        (g, id, open_value, cover)
                    })
                    .map(|(g, id, open_value, pipeline_cover)| Row {
                        id,
                        who: service::who(&g.target, &reps).text(cat),
                        metric: g.target.metric,
                        goal: g.target.goal,
                        actual: g.pace.actual,
                        expected: (g.pace.expected() * 100.0).round() / 100.0,
                        pace: g.pace.pace().map(|p| (p * 10_000.0).round() / 10_000.0),
                        forecast: g.pace.forecast(),
                        status: g.pace.status_by(&thresholds),
                        open_value: open_value.map(|o| o.cents()),
                        pipeline_cover,
                    })
                    .collect();
            let header = ["id", "who", "metric", "actual", "goal", "pace", "forecast", "status", "cover"];
            super::output::print(*format, &header, &rows, |r| {
                let shown = |v: i64| service::shown_goal(r.metric, v);
                let status = match r.status {
                    Some(crate::domain::pace::PaceStatus::Ahead) => cat.t("goals.ahead"),
                    Some(crate::domain::pace::PaceStatus::Behind) => cat.t("goals.behind"),
                    Some(crate::domain::pace::PaceStatus::OnTrack) => cat.t("goals.on_pace"),
                    None => "",
                };
                vec![
                    r.id.to_string(),
                    r.who.clone(),
                    cat.label(r.metric).to_string(),
                    shown(r.actual),
                    shown(r.goal),
                    r.pace.map(|p| format!("{:.0}%", p * 100.0)).unwrap_or_default(),
                    r.forecast.map(shown).unwrap_or_default(),
                    status.to_string(),
                    match r.pipeline_cover {
                        Some(Some(c)) => format!("{c:.1}×"),
                        Some(None) => cat.t("goals.met").to_string(),
                        None => String::new(),
                    },
                ]
            })
        }
        ReportCmd::Week { .. } => super::schedule::report(env, cmd),
        ReportCmd::Risks { .. } => super::risks::report(env, cmd),
        ReportCmd::Review { rep, period, format } => super::reviews::report(env, rep, period.as_deref(), *format),
    }
}
