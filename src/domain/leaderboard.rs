//! The leaderboard: what each rep did in a period, ranked fairly for part-timers.

use super::model::Metric;
use super::money::Money;
use serde::Serialize;

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
            t.revenue += m.revenue;
            t.deals_won += m.deals_won;
            t.new_customers += m.new_customers;
            t.visits += m.visits;
            t.calls += m.calls;
            t.closed_won += m.closed_won;
            t.closed_lost += m.closed_lost;
            t.minutes += m.minutes;
            t
        })
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

/// What a board ranks: reps, or their teams or channels added up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    #[default]
    Reps,
    Teams,
    Channels,
}

impl Grouping {
    pub fn next(self) -> Grouping {
        match self {
            Grouping::Reps => Grouping::Teams,
            Grouping::Teams => Grouping::Channels,
            Grouping::Channels => Grouping::Reps,
        }
    }
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
        }
    };
    if by == Grouping::Reps {
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
}
