//! Goals: targets for a rep, a team or the whole business; each against what was measured,
//! with its pace on the period's working days; a month's goal split into its weeks, a team's
//! among its reps. One set of functions the Goals tab, the commands and the reports all use.

use super::leaderboard::RepMetrics;
use super::message::Message;
use super::model::Target;
use super::money::Money;
use super::pace::Pace;
use super::period::{Period, PeriodKind};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Who a target is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Rep(i64),
    /// The reps of a team, by the team their record names.
    Team(String),
    /// The whole business.
    All,
}

impl Target {
    pub fn scope(&self) -> Scope {
        match (self.rep_id, &self.team) {
            (Some(id), _) => Scope::Rep(id),
            (None, Some(team)) => Scope::Team(team.clone()),
            (None, None) => Scope::All,
        }
    }
}

/// The weekdays the business works, Monday first: what "working days" of a period count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkingDays(u8);

impl WorkingDays {
    pub const ALL: WorkingDays = WorkingDays(0b111_1111);

    /// The weekdays given by number, 1 = Monday; none given is every day.
    pub fn of(weekdays: impl IntoIterator<Item = u32>) -> WorkingDays {
        let bits = weekdays.into_iter().filter(|d| (1..=7).contains(d)).fold(0u8, |b, d| b | 1 << (d - 1));
        if bits == 0 { WorkingDays::ALL } else { WorkingDays(bits) }
    }

    /// `mon,tue,wed,thu,fri`, `周一,周二`, or `1-5`: the setting `pace.working_days`.
    pub fn parse(text: &str) -> Result<WorkingDays, Message> {
        let mut days = Vec::new();
        for part in text.split([',', '，', ' ']).map(str::trim).filter(|p| !p.is_empty()) {
            let day = |t: &str| {
                super::model::parse_weekday(t).ok_or_else(|| Message::new("invalid.working_days").arg("value", t))
            };
            match part.split_once('-') {
                Some((a, b)) => {
                    let (a, b) = (day(a)?, day(b)?);
                    if a > b {
                        return Err(Message::new("invalid.working_days").arg("value", part));
                    }
                    days.extend(a..=b);
                }
                None => days.push(day(part)?),
            }
        }
        if days.is_empty() {
            return Err(Message::new("invalid.working_days").arg("value", text));
        }
        Ok(WorkingDays::of(days))
    }

    pub fn works(&self, day: NaiveDate) -> bool {
        self.0 & (1 << day.weekday().num_days_from_monday()) != 0
    }

    /// The working days from `from` to `to`, both counted.
    pub fn between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        from.iter_days().take_while(|d| *d <= to).filter(|d| self.works(*d)).count() as i64
    }

    /// A period's working days: those gone by on `today` (today counts) and all of them.
    pub fn of_period(&self, period: &Period, today: NaiveDate) -> (i64, i64) {
        let total = self.between(period.first_day(), period.last_day());
        let gone =
            if today < period.first_day() { 0 } else { self.between(period.first_day(), today.min(period.last_day())) };
        (gone, total)
    }
}

/// One target with how far it has come.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalProgress {
    pub target: Target,
    /// The rep's name; `None` for a team's or the business's target.
    pub rep: Option<String>,
    pub pace: Pace,
}

/// The figures a target of `scope` measures: the rep's own, or the sum over a team's reps or
/// everyone's. A rep with nothing measured has made no progress.
pub fn measured(scope: &Scope, metrics: &[RepMetrics]) -> Option<RepMetrics> {
    match scope {
        Scope::Rep(id) => metrics.iter().find(|m| m.rep_id == *id).cloned(),
        Scope::Team(team) => {
            let members: Vec<RepMetrics> =
                metrics.iter().filter(|m| m.team.as_deref() == Some(team.as_str())).cloned().collect();
            Some(RepMetrics::team(&members))
        }
        Scope::All => Some(RepMetrics::team(metrics)),
    }
}

/// Each target's progress from the period's measured figures, paced on its working days, its
/// forecast leaning early on what the period before reached (`previous`, its figures).
pub fn progress(
    targets: Vec<(Target, Option<String>)>,
    metrics: &[RepMetrics],
    previous: &[RepMetrics],
    period: &Period,
    working: WorkingDays,
    today: NaiveDate,
) -> Vec<GoalProgress> {
    let (gone, total) = working.of_period(period, today);
    // The period before counts only once it is over (a future period's "before" is still going).
    let before_over = period.previous().last_day() < today;
    targets
        .into_iter()
        .map(|(target, rep)| {
            let scope = target.scope();
            let actual = measured(&scope, metrics).map_or(0, |m| m.value(target.metric));
            // A rate is paced against itself: where it stands now is where it is heading.
            if target.metric.is_ratio() {
                let pace =
                    if gone > 0 { Pace::new(actual, target.goal, 1.0) } else { Pace::new(actual, target.goal, 0.0) };
                return GoalProgress { pace, target, rep };
            }
            let before = measured(&scope, previous).map(|m| m.value(target.metric)).filter(|v| *v > 0 && before_over);
            let pace = Pace::on_days(actual, target.goal, gone as f64, total as f64).after(before);
            GoalProgress { pace, target, rep }
        })
        .collect()
}

/// The open deals' value of a rep, a team or the whole business (`open`: each rep's).
pub fn open_value(scope: &Scope, metrics: &[RepMetrics], open: &BTreeMap<i64, Money>) -> Money {
    let of = |id: &i64| open.get(id).copied().unwrap_or_default();
    match scope {
        Scope::Rep(id) => of(id),
        Scope::Team(team) => {
            metrics.iter().filter(|m| m.team.as_deref() == Some(team.as_str())).map(|m| of(&m.rep_id)).sum()
        }
        Scope::All => open.values().copied().sum(),
    }
}

/// Pipeline coverage: the open deals' value against what is left of a revenue goal, as a
/// multiple (1.0 covers it exactly); `None` once the goal is reached.
pub fn pipeline_cover(open: Money, goal: Money, actual: Money) -> Option<f64> {
    let left = goal.cents() - actual.cents();
    (left > 0).then(|| open.cents().max(0) as f64 / left as f64)
}

/// Splits `goal` by `weights` so the parts add up to it exactly: each its share rounded down,
/// the units left over to the largest remainders (the first of equal ones).
pub fn apportion(goal: i64, weights: &[u64]) -> Vec<i64> {
    let sum: u64 = weights.iter().sum();
    if sum == 0 || goal <= 0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<(i64, u128)> = weights
        .iter()
        .map(|&w| {
            let scaled = goal as u128 * w as u128;
            ((scaled / sum as u128) as i64, scaled % sum as u128)
        })
        .collect();
    let mut parts: Vec<i64> = exact.iter().map(|(p, _)| *p).collect();
    let left = goal - parts.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|a, b| exact[*b].1.cmp(&exact[*a].1).then(a.cmp(b)));
    for &i in order.iter().take(left.max(0) as usize) {
        parts[i] += 1;
    }
    parts
}

/// The weeks a period touches, Monday to Sunday each.
pub fn weeks_of(period: &Period) -> Vec<Period> {
    let mut weeks: Vec<Period> = Vec::new();
    for day in period.dates() {
        let week = Period::containing(PeriodKind::Week, day);
        if weeks.last() != Some(&week) {
            weeks.push(week);
        }
    }
    weeks
}

/// A month's (or any period's) goal split into the weeks it touches, at the period's rate per
/// working day: the weeks wholly inside share the goal by their working days (their parts and
/// the edge weeks' part of the period add up to it), and a week that runs into the period
/// next door gets a whole week at that rate, since a week's target is measured on all of its
/// days.
pub fn split_into_weeks(goal: i64, period: &Period, working: WorkingDays) -> Vec<(Period, i64)> {
    let weeks = weeks_of(period);
    let inside = |w: &Period| w.first_day() >= period.first_day() && w.last_day() <= period.last_day();
    let days_in =
        |w: &Period| working.between(w.first_day().max(period.first_day()), w.last_day().min(period.last_day())) as u64;
    let shares = apportion(goal, &weeks.iter().map(days_in).collect::<Vec<_>>());
    let total = working.between(period.first_day(), period.last_day()).max(1) as i128;
    weeks
        .into_iter()
        .zip(shares)
        .map(|(w, share)| {
            if inside(&w) {
                (w, share)
            } else {
                let whole = working.between(w.first_day(), w.last_day()) as i128;
                (w, ((goal as i128 * whole + total / 2) / total) as i64)
            }
        })
        .collect()
}

/// A team's goal split among its reps by their maximum weekly hours, so a part-timer gets their
/// share, not an equal one; a rep with no maximum counts `default_hours`.
pub fn split_among(goal: i64, reps: &[(i64, Option<u32>)], default_hours: u32) -> Vec<(i64, i64)> {
    let weights: Vec<u64> = reps.iter().map(|(_, h)| u64::from(h.unwrap_or(default_hours))).collect();
    reps.iter().map(|(id, _)| *id).zip(apportion(goal, &weights)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Metric;
    use crate::domain::money::Money;
    use crate::domain::period::PeriodKind;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn target(rep_id: Option<i64>, metric: Metric, goal: i64) -> (Target, Option<String>) {
        let t =
            Target { rep_id, team: None, period_kind: PeriodKind::Month, period_start: d("2026-11-01"), metric, goal };
        (t, rep_id.map(|id| format!("rep {id}")))
    }

    #[test]
    fn a_rep_target_reads_the_rep_and_a_team_target_the_sum() {
        let a = RepMetrics { rep_id: 1, revenue: Money(30_000), closed_won: 1, closed_lost: 3, ..Default::default() };
        let b = RepMetrics { rep_id: 2, revenue: Money(10_000), closed_won: 1, closed_lost: 0, ..Default::default() };
        let month = Period::containing(PeriodKind::Month, d("2026-11-15"));
        let rows = progress(
            vec![
                target(Some(1), Metric::Revenue, 60_000),
                target(None, Metric::Revenue, 100_000),
                target(None, Metric::Conversion, 50),
                target(Some(3), Metric::Deals, 4),
            ],
            &[a, b],
            &[],
            &month,
            WorkingDays::ALL,
            d("2026-11-15"),
        );
        assert_eq!(rows[0].pace.actual, 30_000);
        assert_eq!(rows[1].pace.actual, 40_000);
        // Conversion of the team is its deals won among those closed, in percent: 2 of 5.
        assert_eq!(rows[2].pace.actual, 40);
        assert_eq!(rows[3].pace.actual, 0, "a rep with nothing measured");
        assert_eq!(rows[3].rep.as_deref(), Some("rep 3"));
    }

    #[test]
    fn the_goal_value_and_the_leaderboard_agree_on_conversion() {
        let m = RepMetrics { closed_won: 3, closed_lost: 1, ..Default::default() };
        assert_eq!(m.value(Metric::Conversion), 75);
        assert_eq!(m.score(Metric::Conversion), Some(0.75));
    }

    fn wd(s: &str) -> WorkingDays {
        WorkingDays::parse(s).unwrap()
    }

    #[test]
    fn working_days_read_as_owners_write_them() {
        assert_eq!(wd("mon-fri"), WorkingDays::of(1..=5));
        assert_eq!(wd("周一,周三，sat"), WorkingDays::of([1, 3, 6]));
        assert!(WorkingDays::parse("mon-funday").is_err());
        assert!(WorkingDays::parse("fri-mon").is_err());
        assert!(WorkingDays::parse("").is_err());
        // November 2026: 30 days, 21 of them Monday to Friday; on the 23rd (a Monday) 16 gone.
        let nov = Period::containing(PeriodKind::Month, d("2026-11-01"));
        assert_eq!(wd("mon-fri").of_period(&nov, d("2026-11-23")), (16, 21));
        assert_eq!(WorkingDays::ALL.of_period(&nov, d("2026-11-23")), (23, 30));
        assert_eq!(WorkingDays::ALL.of_period(&nov, d("2026-10-31")), (0, 30));
        assert_eq!(WorkingDays::ALL.of_period(&nov, d("2027-01-01")), (30, 30));
    }

    #[test]
    fn pacing_on_the_first_and_last_day_of_each_period_kind_leap_years_and_year_ends() {
        let days = WorkingDays::ALL;
        for (kind, first, last, total) in [
            (PeriodKind::Week, "2026-12-28", "2027-01-03", 7),
            (PeriodKind::Month, "2028-02-01", "2028-02-29", 29),
            (PeriodKind::Month, "2027-02-01", "2027-02-28", 28),
            (PeriodKind::Quarter, "2026-10-01", "2026-12-31", 92),
            (PeriodKind::Year, "2028-01-01", "2028-12-31", 366),
        ] {
            let period = Period::containing(kind, d(first));
            assert_eq!(period.last_day(), d(last), "{kind:?}");
            assert_eq!(days.of_period(&period, d(first)), (1, total), "{kind:?} first day");
            assert_eq!(days.of_period(&period, d(last)), (total, total), "{kind:?} last day");
            let pace = Pace::on_days(10, total * 10, 1.0, total as f64);
            assert_eq!(pace.pace(), Some(1.0), "{kind:?}: one day's share on the first day");
        }
    }

    #[test]
    fn a_month_splits_into_its_weeks_by_working_days_and_adds_up() {
        let nov = Period::containing(PeriodKind::Month, d("2026-11-01"));
        let weeks = split_into_weeks(30_000, &nov, WorkingDays::ALL);
        // 1 Nov is a Sunday: six weeks touch November, the first and the last running into the
        // months next door; each of those is a whole week at November's daily rate.
        assert_eq!(weeks.len(), 6);
        assert_eq!(weeks[0].0.first_day(), d("2026-10-26"));
        assert_eq!(weeks.iter().map(|(_, g)| *g).collect::<Vec<_>>(), [7_000, 7_000, 7_000, 7_000, 7_000, 7_000]);
        // Monday to Friday: 21 working days, 5 a week: a week inside gets five of them.
        let weekdays = split_into_weeks(21, &nov, wd("mon-fri"));
        assert_eq!(weekdays[1].1, 5);
        // A month whose weeks lie inside it (February 2027 starts on a Monday): they add up.
        let feb = Period::containing(PeriodKind::Month, d("2027-02-01"));
        let weeks = split_into_weeks(40, &feb, WorkingDays::ALL);
        assert_eq!(weeks.iter().map(|(_, g)| g).sum::<i64>(), 40);
    }

    #[test]
    fn a_team_goal_splits_by_max_hours_so_part_timers_get_their_share() {
        let reps = [(1, Some(40)), (2, Some(20)), (3, Some(12)), (4, None)];
        let split = split_among(10_000, &reps, 20);
        assert_eq!(split, [(1, 4_348), (2, 2_174), (3, 1_304), (4, 2_174)]);
        assert_eq!(split.iter().map(|(_, g)| g).sum::<i64>(), 10_000);
        assert_eq!(apportion(10, &[1, 1, 1]), [4, 3, 3], "the unit left goes to the first");
        assert_eq!(apportion(5, &[0, 0]), [0, 0]);
    }

    #[test]
    fn a_team_target_reads_its_reps_and_the_business_everyone() {
        let rep = |id, team: &str, revenue| RepMetrics {
            rep_id: id,
            team: (!team.is_empty()).then(|| team.to_string()),
            revenue: Money(revenue),
            ..Default::default()
        };
        let metrics = [rep(1, "North", 100), rep(2, "North", 50), rep(3, "South", 10), rep(4, "", 1)];
        let team = |t: &str| Target { team: Some(t.into()), ..target(None, Metric::Revenue, 1_000).0 };
        let month = Period::containing(PeriodKind::Month, d("2026-11-01"));
        let rows = progress(
            vec![(team("North"), None), (team("West"), None), target(None, Metric::Revenue, 1_000)],
            &metrics,
            &[rep(1, "North", 300)],
            &month,
            WorkingDays::ALL,
            d("2026-11-02"),
        );
        assert_eq!(rows.iter().map(|r| r.pace.actual).collect::<Vec<_>>(), [150, 0, 161]);
        assert_eq!(rows[0].pace.previous, Some(300), "the month before, for the forecast");
        assert_eq!(rows[0].pace.days, Some((2.0, 30.0)));
    }

    #[test]
    fn pipeline_cover_sets_open_deals_against_what_is_left() {
        let rep = |id: i64, team: &str| RepMetrics { rep_id: id, team: Some(team.into()), ..Default::default() };
        let metrics = [rep(1, "north"), rep(2, "north"), rep(3, "south")];
        let open: BTreeMap<i64, Money> = [(1, Money(30000)), (3, Money(5000)), (9, Money(700))].into();
        assert_eq!(open_value(&Scope::Rep(1), &metrics, &open), Money(30000));
        assert_eq!(open_value(&Scope::Rep(2), &metrics, &open), Money(0));
        assert_eq!(open_value(&Scope::Team("north".into()), &metrics, &open), Money(30000));
        // The whole business counts every rep's open deals, an inactive rep's too.
        assert_eq!(open_value(&Scope::All, &metrics, &open), Money(35700));
        // ¥1,000 goal, ¥400 sold: ¥600 left; ¥300 open covers half of it.
        assert_eq!(pipeline_cover(Money(30000), Money(100000), Money(40000)), Some(0.5));
        assert_eq!(pipeline_cover(Money(120000), Money(100000), Money(40000)), Some(2.0));
        assert_eq!(pipeline_cover(Money(0), Money(100000), Money(99_999)), Some(0.0));
        assert_eq!(pipeline_cover(Money(50000), Money(100000), Money(100000)), None, "reached: nothing left");
        assert_eq!(pipeline_cover(Money(50000), Money(0), Money(0)), None);
    }
}
