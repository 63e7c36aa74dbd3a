//! The leaderboard: what each rep did in a period, ranked fairly for part-timers.

use super::model::Metric;
use super::money::Money;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One rep's measured figures for a period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RepMetrics {
    pub rep_id: i64,
    pub rep: String,
    /// The team the rep's record names.
    pub team: Option<String>,
    /// How the rep reaches customers (store, phone, field, online): the multi-channel view.
    pub channel: Option<String>,
    pub revenue: Money,
    pub deals_won: i64,
    pub new_customers: i64,
    /// Visits and meetings in person.
    pub visits: i64,
    pub calls: i64,
    /// Deals closed in the period, won and lost: what conversion counts.
    pub closed_won: i64,
    pub closed_lost: i64,
    /// Minutes of worked or scheduled shifts.
    pub minutes: i64,
    pub commission_bp: i64,
}

impl RepMetrics {
    /// Won among deals closed in the period; `None` when none closed.
    pub fn conversion(&self) -> Option<f64> {
        let closed = self.closed_won + self.closed_lost;
        (closed > 0).then(|| self.closed_won as f64 / closed as f64)
    }

    pub fn hours(&self) -> f64 {
        self.minutes as f64 / 60.0
    }

    /// Revenue per hour on shift, the fair figure for reps who work few hours.
    pub fn revenue_per_hour(&self) -> Option<Money> {
        (self.minutes > 0).then(|| Money((self.revenue.cents() as i128 * 60 / self.minutes as i128) as i64))
    }

    pub fn commission(&self) -> Money {
        self.revenue.times_basis_points(self.commission_bp)
    }

    /// The whole team's figures: the sum over its reps.
    pub fn team(rows: &[RepMetrics]) -> RepMetrics {
        rows.iter().fold(RepMetrics { rep: "team".into(), ..Default::default() }, |mut t, m| {
            t.add(m);
            t
        })
    }

    /// Adds another's figures (a rep's to a team's, a day's to a period's) to these.
    pub fn add(&mut self, m: &RepMetrics) {
        self.revenue += m.revenue;
        self.deals_won += m.deals_won;
        self.new_customers += m.new_customers;
        self.visits += m.visits;
        self.calls += m.calls;
        self.closed_won += m.closed_won;
        self.closed_lost += m.closed_lost;
        self.minutes += m.minutes;
    }

    /// A metric's value in the units a goal is set in: cents of revenue (per hour), a count,
    /// or percentage points of conversion. Nothing measured is 0.
    pub fn value(&self, metric: Metric) -> i64 {
        match metric {
            Metric::Revenue => self.revenue.cents(),
            Metric::Deals => self.deals_won,
            Metric::NewCustomers => self.new_customers,
            Metric::Visits => self.visits,
            Metric::Calls => self.calls,
            Metric::Conversion => self.conversion().map_or(0, |c| (c * 100.0).round() as i64),
            Metric::RevenuePerHour => self.revenue_per_hour().map_or(0, |r| r.cents()),
        }
    }

    /// The figure a metric ranks by; reps without it (no hours, nothing closed) rank last.
    pub fn score(&self, metric: Metric) -> Option<f64> {
        match metric {
            Metric::Revenue => Some(self.revenue.cents() as f64),
            Metric::Deals => Some(self.deals_won as f64),
            Metric::NewCustomers => Some(self.new_customers as f64),
            Metric::Visits => Some(self.visits as f64),
            Metric::Calls => Some(self.calls as f64),
            Metric::Conversion => self.conversion(),
            Metric::RevenuePerHour => self.revenue_per_hour().map(|m| m.cents() as f64),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    pub rank: usize,
    pub metrics: RepMetrics,
    /// Places gained on the period before (negative: lost); `None` for a rep not on that board.
    pub movement: Option<i64>,
}

/// What a board ranks: reps, or their teams, channels or locations added up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    #[default]
    Reps,
    Teams,
    Channels,
    /// Where the work was done: each rep's day counts at the place of that day's shift.
    Locations,
}

impl Grouping {
    pub fn next(self) -> Grouping {
        match self {
            Grouping::Reps => Grouping::Teams,
            Grouping::Teams => Grouping::Channels,
            Grouping::Channels => Grouping::Locations,
            Grouping::Locations => Grouping::Reps,
        }
    }
}

/// What one rep did on one day: the figures `rep_days` and the won leads keep per rep and day
/// (hours and the rep's name and rate are not a day's: they stay empty).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Day {
    pub rep_id: i64,
    pub day: NaiveDate,
    pub figures: RepMetrics,
}

/// A rep's shift minutes at one place on one day: all of them (where the day counts), and the
/// worked ones (what the hours count: ended, not a no-show).
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftDay {
    pub rep_id: i64,
    pub day: NaiveDate,
    pub location: String,
    pub minutes: i64,
    pub worked: i64,
}

/// The place each rep's day counts at: where most of that day's shift minutes were (the first
/// by name on a tie). A day without a shift counts where the rep usually works (their
/// channel), else nowhere (`—`).
fn places_of_days(shifts: &[ShiftDay]) -> HashMap<(i64, NaiveDate), &str> {
    let mut best: HashMap<(i64, NaiveDate), (&str, i64)> = HashMap::new();
    for s in shifts {
        let e = best.entry((s.rep_id, s.day)).or_insert((s.location.as_str(), s.minutes));
        if s.minutes > e.1 || (s.minutes == e.1 && s.location.as_str() < e.0) {
            *e = (s.location.as_str(), s.minutes);
        }
    }
    best.into_iter().map(|(k, (place, _))| (k, place)).collect()
}

/// Each rep's figures summed from their days and shifts; `reps` names them (their team,
/// channel, rate). The same sums `rep_days` gives in one query, for any span of days.
pub fn summed(days: &[Day], shifts: &[ShiftDay], reps: &[RepMetrics]) -> Vec<RepMetrics> {
    let mut by_rep: BTreeMap<i64, RepMetrics> = reps
        .iter()
        .map(|r| {
            (
                r.rep_id,
                RepMetrics {
                    rep_id: r.rep_id,
                    rep: r.rep.clone(),
                    team: r.team.clone(),
                    channel: r.channel.clone(),
                    commission_bp: r.commission_bp,
                    ..Default::default()
                },
            )
        })
        .collect();
    for d in days {
        if let Some(m) = by_rep.get_mut(&d.rep_id) {
            m.add(&d.figures);
        }
    }
    for s in shifts {
        if let Some(m) = by_rep.get_mut(&s.rep_id) {
            m.minutes += s.worked;
        }
    }
    by_rep.into_values().collect()
}

/// The figures per location: a rep's day counts at the place of its shift (see
/// [`places_of_days`]), each shift's hours where it was worked, and each place's commission is
/// what its reps' rates pay on the revenue made there. Rows are named by the location and keep
/// one id per place across periods (`store` 1, `phone` 2, `field` 3, `online` 4, other 5+).
pub fn by_location(days: &[Day], shifts: &[ShiftDay], reps: &[RepMetrics]) -> Vec<RepMetrics> {
    const PLACES: [&str; 4] = ["store", "phone", "field", "online"];
    fn at<'a>(places: &'a mut BTreeMap<String, (RepMetrics, i64)>, name: &str) -> &'a mut (RepMetrics, i64) {
        places.entry(name.to_string()).or_insert_with(|| {
            let id = PLACES.iter().position(|p| *p == name).map_or(PLACES.len() as i64 + 1, |i| i as i64 + 1);
            (RepMetrics { rep_id: id, rep: name.to_string(), ..Default::default() }, 0)
        })
    }
    let rep_of: HashMap<i64, &RepMetrics> = reps.iter().map(|r| (r.rep_id, r)).collect();
    let place_of = places_of_days(shifts);
    let mut places: BTreeMap<String, (RepMetrics, i64)> = BTreeMap::new();
    for d in days {
        let Some(rep) = rep_of.get(&d.rep_id) else { continue };
        let place = place_of.get(&(d.rep_id, d.day)).copied().or(rep.channel.as_deref()).unwrap_or(NONE);
        let (m, commission) = at(&mut places, place);
        m.add(&d.figures);
        *commission += d.figures.revenue.times_basis_points(rep.commission_bp).cents();
    }
    for s in shifts.iter().filter(|s| rep_of.contains_key(&s.rep_id) && s.worked > 0) {
        at(&mut places, &s.location).0.minutes += s.worked;
    }
    // Places outside the four share the id after them; they are told apart by name.
    places
        .into_values()
        .map(|(m, commission)| {
            let revenue = m.revenue.cents();
            RepMetrics { commission_bp: if revenue > 0 { commission * 10_000 / revenue } else { 0 }, ..m }
        })
        .collect()
}

/// The figures of `by` from days and shifts: each rep's, or their groups'.
pub fn rows_of(days: &[Day], shifts: &[ShiftDay], reps: &[RepMetrics], by: Grouping) -> Vec<RepMetrics> {
    match by {
        Grouping::Locations => by_location(days, shifts, reps),
        other => grouped(summed(days, shifts, reps), Vec::new(), other).0,
    }
}

/// Each row's score in each of `periods` (oldest first), by the row's name (a rep's, a group's:
/// names are unique, while a group's id depends on which reps a board lists): the sparkline of
/// the last periods. `days` and `shifts` cover the periods' span, each in day
/// order (as the store reads them), so each period is a slice of them.
pub fn series(
    days: &[Day],
    shifts: &[ShiftDay],
    reps: &[RepMetrics],
    periods: &[super::period::Period],
    by: Grouping,
    metric: Metric,
) -> HashMap<String, Vec<Option<f64>>> {
    let mut out: HashMap<String, Vec<Option<f64>>> = HashMap::new();
    for (i, p) in periods.iter().enumerate() {
        let (first, last) = (p.first_day(), p.last_day());
        let days = &days[days.partition_point(|d| d.day < first)..days.partition_point(|d| d.day <= last)];
        let shifts = &shifts[shifts.partition_point(|s| s.day < first)..shifts.partition_point(|s| s.day <= last)];
        for row in rows_of(days, shifts, reps, by) {
            let score = row.score(metric);
            out.entry(row.rep).or_insert_with(|| vec![None; periods.len()])[i] = score;
        }
    }
    out
}

/// A sparkline of scores: eight heights, each against the largest; a period without the
/// figure (no hours, nothing closed) is a blank.
pub fn sparkline(scores: &[Option<f64>]) -> String {
    const TICKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let top = scores.iter().flatten().copied().fold(0.0_f64, f64::max);
    scores
        .iter()
        .map(|s| match s {
            None => ' ',
            Some(v) if top <= 0.0 || *v <= 0.0 => TICKS[0],
            Some(v) => TICKS[((v / top) * 7.0).round().clamp(0.0, 7.0) as usize],
        })
        .collect()
}

/// The group of reps whose record names no team (or channel).
const NONE: &str = "—";

/// The rows of a board of `by`, for this period and the one before alike: a group's figures
/// are its reps' summed (conversion and per hour from the sums), named by the group, and each
/// group keeps one id across both periods so its movement can be read. A rep with no team
/// (or channel) is in a group named `none`.
pub fn grouped(now: Vec<RepMetrics>, before: Vec<RepMetrics>, by: Grouping) -> (Vec<RepMetrics>, Vec<RepMetrics>) {
    let key = |m: &RepMetrics| -> String {
        match by {
            Grouping::Reps => String::new(),
            Grouping::Teams => m.team.clone().unwrap_or_else(|| NONE.into()),
            Grouping::Channels => m.channel.clone().unwrap_or_else(|| NONE.into()),
            // Locations are summed from days and shifts (`by_location`), not from reps.
            Grouping::Locations => String::new(),
        }
    };
    if by == Grouping::Reps || by == Grouping::Locations {
        return (now, before);
    }
    let mut names: Vec<String> = now.iter().chain(&before).map(key).collect();
    names.sort();
    names.dedup();
    let sum = |rows: &[RepMetrics]| -> Vec<RepMetrics> {
        names
            .iter()
            .enumerate()
            .filter_map(|(i, name)| {
                let members: Vec<RepMetrics> = rows.iter().filter(|m| key(m) == *name).cloned().collect();
                (!members.is_empty()).then(|| {
                    let commission: Money = members.iter().map(RepMetrics::commission).fold(Money(0), |a, b| a + b);
                    let revenue = members.iter().map(|m| m.revenue.cents()).sum::<i64>();
                    // The group's rate is what its reps' commissions come to on its revenue.
                    let commission_bp = if revenue > 0 { commission.cents() * 10_000 / revenue } else { 0 };
                    RepMetrics { rep_id: i as i64 + 1, rep: name.clone(), commission_bp, ..RepMetrics::team(&members) }
                })
            })
            .collect()
    };
    (sum(&now), sum(&before))
}

/// The board of a period with each rep's movement against the board of the period before.
pub fn standings(rows: Vec<RepMetrics>, before: Vec<RepMetrics>, metric: Metric) -> Vec<Standing> {
    // A rep counts on the board before only where they did something then.
    let active_before: Vec<RepMetrics> =
        before.into_iter().filter(|m| m.score(metric).is_some_and(|s| s > 0.0)).collect();
    let earlier = rank(active_before, metric);
    rank(rows, metric)
        .into_iter()
        .map(|s| {
            let movement =
                earlier.iter().find(|e| e.metrics.rep_id == s.metrics.rep_id).map(|e| e.rank as i64 - s.rank as i64);
            Standing { movement, ..s }
        })
        .collect()
}

/// Best first; equal scores share a rank (1, 2, 2, 4); ties list by name so the order is stable.
pub fn rank(mut rows: Vec<RepMetrics>, metric: Metric) -> Vec<Standing> {
    rows.sort_by(|a, b| {
        let (sa, sb) = (a.score(metric), b.score(metric));
        sb.partial_cmp(&sa).unwrap_or(std::cmp::Ordering::Equal).then_with(|| a.rep.cmp(&b.rep))
    });
    let mut out: Vec<Standing> = Vec::with_capacity(rows.len());
    for (i, m) in rows.into_iter().enumerate() {
        let rank = match out.last() {
            Some(prev) if prev.metrics.score(metric) == m.score(metric) => prev.rank,
            _ => i + 1,
        };
        out.push(Standing { rank, metrics: m, movement: None });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rep(name: &str, revenue: i64, minutes: i64) -> RepMetrics {
        RepMetrics { rep: name.into(), revenue: Money(revenue), minutes, ..Default::default() }
    }

    #[test]
    fn ranks_by_revenue_with_shared_ranks() {
        let board =
            rank(vec![rep("b", 100, 60), rep("a", 300, 60), rep("c", 100, 60), rep("d", 50, 60)], Metric::Revenue);
        let ranks: Vec<_> = board.iter().map(|s| (s.rank, s.metrics.rep.as_str())).collect();
        assert_eq!(ranks, [(1, "a"), (2, "b"), (2, "c"), (4, "d")]);
    }

    #[test]
    fn movement_is_the_places_gained_on_the_period_before() {
        let with_id = |id, name, revenue| RepMetrics { rep_id: id, ..rep(name, revenue, 60) };
        let now = vec![with_id(1, "a", 300), with_id(2, "b", 200), with_id(3, "c", 100), with_id(4, "new", 50)];
        let before = vec![with_id(1, "a", 10), with_id(2, "b", 90), with_id(3, "c", 50), with_id(4, "new", 0)];
        let board = standings(now, before, Metric::Revenue);
        let moved: Vec<(&str, Option<i64>)> = board.iter().map(|s| (s.metrics.rep.as_str(), s.movement)).collect();
        assert_eq!(moved, [("a", Some(2)), ("b", Some(-1)), ("c", Some(-1)), ("new", None)]);
    }

    #[test]
    fn a_board_by_team_adds_its_reps_up_and_keeps_its_movement() {
        let m = |id, team: &str, revenue| RepMetrics {
            rep_id: id,
            team: Some(team.into()),
            channel: Some("phone".into()),
            ..rep(&format!("r{id}"), revenue, 60)
        };
        let (now, before) = grouped(
            vec![m(1, "North", 100), m(2, "North", 50), m(3, "South", 200)],
            vec![m(1, "North", 300), m(3, "South", 10)],
            Grouping::Teams,
        );
        let board = standings(now, before, Metric::Revenue);
        let rows: Vec<(&str, i64, Option<i64>)> =
            board.iter().map(|s| (s.metrics.rep.as_str(), s.metrics.revenue.cents(), s.movement)).collect();
        assert_eq!(rows, [("South", 200, Some(1)), ("North", 150, Some(-1))]);
        let (by_channel, _) = grouped(vec![m(1, "North", 100), m(3, "South", 200)], vec![], Grouping::Channels);
        assert_eq!(by_channel.len(), 1);
        assert_eq!(by_channel[0].revenue.cents(), 300);
    }

    #[test]
    fn per_hour_favours_the_efficient_part_timer() {
        let board = rank(
            vec![rep("full", 60_000, 160 * 60), rep("part", 30_000, 48 * 60), rep("none", 0, 0)],
            Metric::RevenuePerHour,
        );
        assert_eq!(board[0].metrics.rep, "part");
        assert_eq!(board[2].metrics.rep, "none");
        assert_eq!(board[0].metrics.revenue_per_hour(), Some(Money(625)));
    }

    #[test]
    fn conversion_and_commission() {
        let m = RepMetrics {
            closed_won: 3,
            closed_lost: 1,
            revenue: Money(100_000),
            commission_bp: 500,
            ..Default::default()
        };
        assert_eq!(m.conversion(), Some(0.75));
        assert_eq!(m.commission(), Money(5_000));
        assert_eq!(RepMetrics::default().conversion(), None);
    }

    fn day(rep_id: i64, d: &str, revenue: i64) -> Day {
        let figures = RepMetrics { revenue: Money(revenue), deals_won: 1, ..Default::default() };
        Day { rep_id, day: d.parse().unwrap(), figures }
    }

    fn shift(rep_id: i64, d: &str, location: &str, minutes: i64) -> ShiftDay {
        ShiftDay { rep_id, day: d.parse().unwrap(), location: location.into(), minutes, worked: minutes }
    }

    fn named(rep_id: i64, name: &str, channel: &str, commission_bp: i64) -> RepMetrics {
        RepMetrics { rep_id, rep: name.into(), channel: Some(channel.into()), commission_bp, ..Default::default() }
    }

    #[test]
    fn a_day_counts_at_the_place_of_its_longest_shift_else_the_reps_channel() {
        let reps = [named(1, "Ana", "store", 500), named(2, "李娜", "phone", 1000)];
        let days = [
            day(1, "2026-11-02", 10_000), // a phone shift that day: phone
            day(1, "2026-11-03", 5000),   // no shift: her channel, the store
            day(2, "2026-11-02", 3000),   // 3 h field, 1 h phone: field
            day(9, "2026-11-02", 99_900), // no such rep: nowhere
        ];
        let shifts = [
            shift(1, "2026-11-02", "phone", 240),
            shift(2, "2026-11-02", "field", 180),
            shift(2, "2026-11-02", "phone", 60),
        ];
        let places = by_location(&days, &shifts, &reps);
        let at = |name: &str| places.iter().find(|p| p.rep == name).unwrap_or_else(|| panic!("{name}: {places:?}"));
        assert_eq!(at("phone").revenue, Money(10_000));
        assert_eq!(at("phone").minutes, 300, "hours count where they were worked");
        assert_eq!(at("store").revenue, Money(5000));
        assert_eq!(at("field").revenue, Money(3000));
        assert_eq!(at("field").minutes, 180);
        assert_eq!(places.iter().map(|p| p.revenue.cents()).sum::<i64>(), 18_000);
        // Each place's commission is its reps' rates on what they made there: 5% of ¥100.
        assert_eq!(at("phone").commission(), Money(500));
        assert_eq!(at("field").commission(), Money(300));
        // The ids are the places', the same in every period.
        assert_eq!((at("store").rep_id, at("phone").rep_id, at("field").rep_id), (1, 2, 3));
    }

    #[test]
    fn summed_days_are_the_periods_figures_and_a_series_reads_each_period() {
        use crate::domain::period::{Period, PeriodKind};
        let reps = [named(1, "Ana", "store", 0), named(2, "Bo", "store", 0)];
        let days = [day(1, "2026-10-05", 1000), day(1, "2026-11-05", 3000), day(2, "2026-11-06", 2000)];
        let shifts = [shift(1, "2026-11-05", "store", 120)];
        let sums = summed(&days, &shifts, &reps);
        assert_eq!(sums[0].revenue, Money(4000));
        assert_eq!((sums[0].deals_won, sums[0].minutes), (2, 120));
        assert_eq!(sums[1].revenue, Money(2000));
        let nov = Period::containing(PeriodKind::Month, "2026-11-01".parse().unwrap());
        let periods = [nov.previous().previous(), nov.previous(), nov];
        let series = series(&days, &shifts, &reps, &periods, Grouping::Reps, Metric::Revenue);
        assert_eq!(series["Ana"], [Some(0.0), Some(1000.0), Some(3000.0)]);
        assert_eq!(series["Bo"], [Some(0.0), Some(0.0), Some(2000.0)]);
        // Per hour has no figure in a month without hours.
        let per_hour = super::series(&days, &shifts, &reps, &periods, Grouping::Reps, Metric::RevenuePerHour);
        assert_eq!(per_hour["Ana"], [None, None, Some(1500.0)]);
        // Teams: the same sums, by team.
        let teams = super::series(&days, &shifts, &reps, &periods, Grouping::Teams, Metric::Revenue);
        assert_eq!(teams.len(), 1, "both reps have no team: one group");
        assert_eq!(teams.values().next().unwrap()[2], Some(5000.0));
    }

    #[test]
    fn a_sparkline_scales_to_its_best_period_and_leaves_gaps_blank() {
        assert_eq!(sparkline(&[Some(0.0), Some(50.0), Some(100.0), None, Some(25.0)]), "▁▅█ ▃");
        assert_eq!(sparkline(&[Some(0.0), Some(0.0)]), "▁▁");
        assert_eq!(sparkline(&[None, None]), "  ");
        assert_eq!(sparkline(&[]), "");
    }
}
