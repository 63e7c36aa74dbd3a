//! Goal progress: each target of a period against what was measured, with its pace. One
//! function the Goals tab and (later) the command line and reports all use.

use super::leaderboard::RepMetrics;
use super::model::Target;
use super::pace::Pace;
use super::period::Period;
use chrono::NaiveDate;

/// One target with how far it has come.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalProgress {
    pub target: Target,
    /// The rep's name; `None` for a team target.
    pub rep: Option<String>,
    pub pace: Pace,
}

/// Each target's progress from the period's measured figures: a rep's own for a rep's target,
/// the team's sum for a team target. A rep with nothing measured has made no progress.
pub fn progress(
    targets: Vec<(Target, Option<String>)>,
    metrics: &[RepMetrics],
    period: &Period,
    today: NaiveDate,
) -> Vec<GoalProgress> {
    let team = RepMetrics::team(metrics);
    let elapsed = period.elapsed_fraction(today);
    targets
        .into_iter()
        .map(|(target, rep)| {
            let measured = match target.rep_id {
                None => Some(&team),
                Some(id) => metrics.iter().find(|m| m.rep_id == id),
            };
            let actual = measured.map_or(0, |m| m.value(target.metric));
            GoalProgress { pace: Pace::new(actual, target.goal, elapsed), target, rep }
        })
        .collect()
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
        let t = Target { rep_id, period_kind: PeriodKind::Month, period_start: d("2026-11-01"), metric, goal };
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
            &month,
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
}
