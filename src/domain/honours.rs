//! Honours: once a month, a quarter or a year is over, the top rep of each metric ("best seller
//! of the month"). The daily sweep records them; a rep's record and the history show them.

use super::leaderboard::{RepMetrics, rank};
use super::model::Metric;
use super::period::{Period, PeriodKind};
use chrono::NaiveDate;

/// The periods that earn honours: a week's would come round too often to mean much.
pub const KINDS: [PeriodKind; 3] = [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year];

/// How far back a sweep looks for a period still without its honours (a file not opened for a
/// while, or one from before honours): a year of months, four quarters, the year before.
fn look_back(kind: PeriodKind) -> usize {
    match kind {
        PeriodKind::Week => 0,
        PeriodKind::Month => 12,
        PeriodKind::Quarter => 4,
        PeriodKind::Year => 1,
    }
}

/// Conversion honours a rep only with this many deals closed in the period: one won of one is
/// not the best conversion of the month.
pub const MIN_CLOSED_FOR_CONVERSION: i64 = 5;

/// The periods over by `today` whose honours may be due, the latest first of each kind.
pub fn due(today: NaiveDate) -> Vec<Period> {
    let mut periods = Vec::new();
    for kind in KINDS {
        let mut period = Period::containing(kind, today).previous();
        for _ in 0..look_back(kind) {
            periods.push(period);
            period = period.previous();
        }
    }
    periods
}

/// One honour: the rep who topped a metric, with the figure that did it (in the units a goal
/// is set in: cents of revenue, a count, percentage points of conversion).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Honour {
    pub metric: Metric,
    pub rep_id: i64,
    pub value: i64,
}

/// The top of each metric on a period's figures: every rep who shares the first rank (ties
/// are honoured alike), none where nobody has the figure above zero.
pub fn winners(metrics: &[RepMetrics]) -> Vec<Honour> {
    use strum::IntoEnumIterator;
    let mut out = Vec::new();
    for metric in Metric::iter() {
        let eligible: Vec<RepMetrics> = metrics
            .iter()
            .filter(|m| metric != Metric::Conversion || m.closed_won + m.closed_lost >= MIN_CLOSED_FOR_CONVERSION)
            .filter(|m| m.score(metric).is_some_and(|s| s > 0.0))
            .cloned()
            .collect();
        for s in rank(eligible, metric).into_iter().take_while(|s| s.rank == 1) {
            out.push(Honour { metric, rep_id: s.metrics.rep_id, value: s.metrics.value(metric) });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Money;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn honours_fall_due_once_a_period_is_over() {
        let due = due(d("2026-12-01"));
        // A year of months (November back to December 2025), four quarters, one year.
        assert_eq!(due.len(), 12 + 4 + 1);
        assert_eq!(due[0], Period::containing(PeriodKind::Month, d("2026-11-30")));
        assert_eq!(due[11], Period::containing(PeriodKind::Month, d("2025-12-01")));
        assert_eq!(due[12], Period::containing(PeriodKind::Quarter, d("2026-09-30")));
        assert_eq!(due[16], Period::Year(2025));
        // The month that is still going is never among them.
        assert!(!due.contains(&Period::containing(PeriodKind::Month, d("2026-12-01"))));
        // On the first day of a year, the year before is over.
        assert!(super::due(d("2027-01-01")).contains(&Period::Year(2026)));
    }

    #[test]
    fn the_top_of_each_metric_ties_included_and_nobody_for_nothing() {
        let rep = |id: i64, revenue: i64, visits: i64, won: i64, lost: i64| RepMetrics {
            rep_id: id,
            rep: format!("rep {id}"),
            revenue: Money(revenue),
            visits,
            closed_won: won,
            closed_lost: lost,
            ..Default::default()
        };
        let reps = [rep(1, 500, 7, 1, 0), rep(2, 900, 7, 4, 2), rep(3, 100, 2, 0, 0)];
        let w = winners(&reps);
        let of = |m: Metric| w.iter().filter(|h| h.metric == m).map(|h| (h.rep_id, h.value)).collect::<Vec<_>>();
        assert_eq!(of(Metric::Revenue), [(2, 900)]);
        assert_eq!(of(Metric::Visits), [(1, 7), (2, 7)], "a tie honours both");
        // Rep 1 converted 1 of 1; only rep 2 closed enough deals to count: 4 of 6.
        assert_eq!(of(Metric::Conversion), [(2, 67)]);
        assert_eq!(of(Metric::Calls), [], "nobody called");
        assert_eq!(of(Metric::RevenuePerHour), [], "nobody worked a shift");
    }
}
