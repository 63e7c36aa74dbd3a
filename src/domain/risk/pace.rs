//! Behind pace: a target under the business's behind-pace threshold (`pace.behind_below_percent`,
//! the Goals tab's "behind") once `pace_after_percent` of the period's working days have gone;
//! high under `pace_high_below_percent`.

use super::{Flag, RiskRule, RiskThresholds, Severity, Subject};
use crate::domain::message::Message;
use crate::domain::model::Metric;
use crate::domain::pace::{Pace, PaceThresholds};

/// A target of the period as the Goals tab paces it.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetPace {
    pub subject: Subject,
    pub metric: Metric,
    pub pace: Pace,
    pub period: crate::domain::period::Period,
}

pub fn flag(p: &TargetPace, t: &RiskThresholds, pace: &PaceThresholds) -> Option<Flag> {
    if p.metric.is_ratio() || p.pace.elapsed * 100.0 < t.pace_after_percent as f64 {
        return None;
    }
    let share = p.pace.pace()?;
    if share >= pace.behind_below {
        return None;
    }
    let percent = (share * 100.0).floor() as i64;
    let left = ((1.0 - p.pace.elapsed) * 100.0).round() as i64;
    Some(Flag {
        rule: RiskRule::BehindPace,
        severity: if percent < t.pace_high_below_percent { Severity::High } else { Severity::Medium },
        subject: p.subject.clone(),
        detail: Message::new("risks.detail.behind_pace")
            .arg("percent", percent)
            .word("metric", "metric", p.metric.as_str())
            .arg("left", left)
            .period("period", p.period),
        since: p.period.first_day(),
        // A band of ten points below the expected: a pace that drops a band is worse.
        level: 10 - percent / 10,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_facts::d;
    use super::*;

    fn target(actual: i64, elapsed: f64) -> TargetPace {
        TargetPace {
            subject: Subject::rep(1, "李娜"),
            metric: Metric::Revenue,
            pace: Pace::new(actual, 100_000, elapsed),
            period: crate::domain::period::Period::containing(
                crate::domain::period::PeriodKind::Month,
                d("2026-11-01"),
            ),
        }
    }

    #[test]
    fn behind_after_thirty_percent_of_the_period() {
        let (t, p) = (RiskThresholds::default(), PaceThresholds::default());
        assert_eq!(flag(&target(5_000, 0.29), &t, &p), None, "too early to tell");
        // 77% through, 47% of the goal: 61% of the expected.
        let f = flag(&target(47_000, 0.77), &t, &p).unwrap();
        assert_eq!(f.severity, Severity::High);
        assert_eq!(f.level, 4);
        assert_eq!(flag(&target(65_000, 0.77), &t, &p).unwrap().severity, Severity::Medium, "84%");
        assert_eq!(flag(&target(75_000, 0.77), &t, &p), None, "97%: on pace");
    }
}
