//! Targets: set for a rep, a team or the whole business (a month split into its weeks, a
//! team's goal among its reps, in the same change), listed, removed.

use super::error::{Error, Message, Result};
use crate::domain::goals::{self, Scope};
use crate::domain::model::{Metric, Rep, Target};
use crate::domain::period::{Period, PeriodKind};
use crate::domain::rep::ValidationError;
use crate::store::changes::{Done, Summary};
use crate::store::{self, Store};

/// How a target set is also spread out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// Into the weeks the period touches, by their working days.
    Weeks,
    /// Among the team's reps (everyone's, for the business), by their maximum weekly hours.
    Reps,
}

/// One target as it was set, and the goal it had before (a target set again takes the new one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetTarget {
    pub id: i64,
    pub target: Target,
    pub before: Option<i64>,
}

/// Who a target is for, in words: a rep's name, `Team North`, the whole business.
pub fn who(target: &Target, reps: &[Rep]) -> Message {
    match target.scope() {
        Scope::Rep(id) => {
            Message::worded(reps.iter().find(|r| r.id == id).map_or(format!("#{id}"), |r| r.name.clone()))
        }
        Scope::Team(team) => Message::new("goals.of_team").arg("team", team),
        Scope::All => Message::new("goals.team"),
    }
}

/// Who a target is for as the history names it: the rep or the team, `*` for the business.
fn named(target: &Target, reps: &[Rep]) -> String {
    match target.scope() {
        Scope::Rep(id) => reps.iter().find(|r| r.id == id).map_or(format!("#{id}"), |r| r.name.clone()),
        Scope::Team(team) => team,
        Scope::All => "*".into(),
    }
}

/// A goal in the units the owner wrote it: money in major units, else as stored.
pub fn shown_goal(metric: Metric, goal: i64) -> String {
    match metric {
        Metric::Revenue | Metric::RevenuePerHour => crate::domain::money::Money(goal).to_string(),
        _ => goal.to_string(),
    }
}

/// Sets `target` (and with a split, the parts it spreads into) as one change.
pub fn set_target(store: &mut Store, target: &Target, split: Option<Split>) -> Result<Done<Vec<SetTarget>>> {
    let reps = store::reps::list(store.conn(), false)?;
    let rules = store::settings::schedule_rules(store.conn())?;
    let working = store::settings::working_days(store.conn())?;
    let period = Period::containing(target.period_kind, target.period_start);
    let parts: Vec<Target> = match split {
        None => Vec::new(),
        Some(Split::Weeks) if target.period_kind == PeriodKind::Week => {
            return Err(ValidationError::new("split", Message::new("invalid.target_split_weeks")).into());
        }
        Some(Split::Weeks) if target.metric.is_ratio() => goals::weeks_of(&period)
            .into_iter()
            .map(|week| Target { period_kind: PeriodKind::Week, period_start: week.first_day(), ..target.clone() })
            .collect(),
        Some(Split::Weeks) => goals::split_into_weeks(target.goal, &period, working)
            .into_iter()
            .map(|(week, goal)| Target {
                period_kind: PeriodKind::Week,
                period_start: week.first_day(),
                goal,
                ..target.clone()
            })
            .collect(),
        Some(Split::Reps) => {
            let members: Vec<(i64, Option<u32>)> = match target.scope() {
                Scope::Rep(_) => {
                    return Err(ValidationError::new("split", Message::new("invalid.target_split")).into());
                }
                Scope::Team(team) => reps
                    .iter()
                    .filter(|r| r.team.as_deref().map(str::trim) == Some(team.trim()))
                    .map(|r| (r.id, r.max_weekly_hours))
                    .collect(),
                Scope::All => reps.iter().map(|r| (r.id, r.max_weekly_hours)).collect(),
            };
            if members.is_empty() {
                let message = match &target.team {
                    Some(team) => Message::new("invalid.team_empty").arg("team", team),
                    None => Message::new("invalid.nobody_active"),
                };
                return Err(ValidationError::new("team", message).into());
            }
            // A rate (conversion, revenue per hour) is each rep's to reach, not to share.
            let shares = if target.metric.is_ratio() {
                members.iter().map(|(id, _)| (*id, target.goal)).collect()
            } else {
                goals::split_among(target.goal, &members, rules.default_share_hours)
            };
            shares
                .into_iter()
                .map(|(rep_id, goal)| Target { rep_id: Some(rep_id), team: None, goal, ..target.clone() })
                .collect()
        }
    };
    // A share that rounds to nothing (one deal among three reps) is no goal to set: zero goals
    // are refused everywhere else.
    let parts: Vec<Target> = parts.into_iter().filter(|t| t.goal > 0).collect();
    let summary = Summary::new("change.target_set")
        .arg("who", named(target, &reps))
        .arg("metric", target.metric.as_str())
        .arg("period", period)
        .arg("goal", shown_goal(target.metric, target.goal))
        .arg("parts", parts.len());
    store.change(|w| {
        let mut set = Vec::new();
        for t in std::iter::once(target).chain(&parts) {
            let (id, before) = store::targets::set(w, t)?;
            set.push(SetTarget { id, target: t.clone(), before });
        }
        Ok((set, summary))
    })
}

/// Each rep's commission for `period`: their own rate, or the tier their revenue target's
/// attainment reaches (`commission.tiers`).
pub fn commissions(
    conn: &rusqlite::Connection,
    period: &Period,
    rows: &[crate::domain::leaderboard::RepMetrics],
) -> Result<std::collections::HashMap<i64, crate::domain::commission::Commission>> {
    let tiers = store::settings::commission_tiers(conn)?;
    let targets: std::collections::HashMap<i64, i64> = store::targets::listed(conn, period)?
        .into_iter()
        .filter(|(_, t, _)| t.metric == Metric::Revenue)
        .filter_map(|(_, t, _)| t.rep_id.map(|id| (id, t.goal)))
        .collect();
    Ok(rows
        .iter()
        .map(|m| {
            let c = crate::domain::commission::commission(
                m.revenue,
                targets.get(&m.rep_id).copied(),
                m.commission_bp,
                &tiers,
            );
            (m.rep_id, c)
        })
        .collect())
}

/// A board's rows: this period's and the one before's (only `metric` read for that one), as
/// reps or their groups, and each rep's commission (a group's is its reps' at their rates).
pub struct Board {
    pub now: Vec<crate::domain::leaderboard::RepMetrics>,
    pub before: Vec<crate::domain::leaderboard::RepMetrics>,
    pub commissions: std::collections::HashMap<i64, crate::domain::commission::Commission>,
}

/// The board of `period` by `grouping`, for the Leaderboard tab and `report leaderboard` alike.
/// Locations are summed from each rep's days and shifts, the rest from the period's totals.
pub fn board(
    conn: &rusqlite::Connection,
    period: &Period,
    today: chrono::NaiveDate,
    grouping: crate::domain::leaderboard::Grouping,
    metric: Metric,
) -> Result<Board> {
    use crate::domain::leaderboard::{Grouping, by_location, grouped};
    let rows = |period: &Period, metrics: &[Metric]| -> Result<Vec<crate::domain::leaderboard::RepMetrics>> {
        if grouping == Grouping::Locations {
            let days = store::metrics::days_between(conn, period.first_day(), period.last_day(), metrics)?;
            let shifts = store::metrics::shift_days(conn, period.first_day(), period.last_day(), today)?;
            return Ok(by_location(&days, &shifts, &store::metrics::reps(conn)?));
        }
        Ok(store::metrics::rep_metrics_of(conn, period, today, metrics)?)
    };
    use strum::IntoEnumIterator;
    let now = rows(period, &Metric::iter().collect::<Vec<_>>())?;
    let before = rows(&period.previous(), &[metric])?;
    let commissions = if grouping == Grouping::Reps { commissions(conn, period, &now)? } else { Default::default() };
    let (now, before) = grouped(now, before, grouping);
    Ok(Board { now, before, commissions })
}

/// Removes a target by its id.
pub fn remove_target(store: &mut Store, id: i64) -> Result<Done<Target>> {
    let reps = store::reps::list(store.conn(), false)?;
    store.change(|w| {
        let (gone, _) = store::targets::remove(w, id)?;
        let period = Period::containing(gone.period_kind, gone.period_start);
        let summary = Summary::new("change.target_remove")
            .arg("who", named(&gone, &reps))
            .arg("metric", gone.metric.as_str())
            .arg("period", period);
        Ok((gone, summary))
    })
}

/// A goal as the owner writes it: money in major units (`50000`, `5万`), conversion in
/// percent (`35` or `35%`), counts as whole numbers; in the units a target stores.
pub fn goal_of(metric: Metric, text: &str) -> std::result::Result<i64, Message> {
    let t = text.trim();
    match metric {
        Metric::Revenue | Metric::RevenuePerHour => match crate::domain::money::Money::parse(t, false) {
            Ok(m) if m.cents() > 0 => Ok(m.cents()),
            Ok(_) => Err(Message::new("invalid.target_negative").arg("value", t)),
            Err(e) => Err(e.message()),
        },
        Metric::Conversion => match t.trim_end_matches('%').trim().parse::<i64>() {
            Ok(p) if (1..=100).contains(&p) => Ok(p),
            _ => Err(Message::new("invalid.target_percent").arg("value", t)),
        },
        _ => match t.parse::<i64>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(Message::new("invalid.target_count").arg("value", t)),
        },
    }
}

/// The rep or team a target names must be there: a rep by name, a team some active rep is in.
pub fn check_scope(store: &Store, target: &Target) -> Result<()> {
    if let Some(team) = &target.team {
        let reps = store::reps::list(store.conn(), false)?;
        if !reps.iter().any(|r| r.team.as_deref().map(str::trim) == Some(team.trim())) {
            let message = Message::new("invalid.team_empty").arg("team", team);
            return Err(Error::from(ValidationError::new("team", message)));
        }
    }
    Ok(())
}
