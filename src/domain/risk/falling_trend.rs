//! Falling trend: a rep's revenue of the last four weeks down `trend_drop_percent` or more on
//! the four weeks before.

use super::{Flag, RiskRule, RiskThresholds, Severity, Subject};
use crate::domain::message::Message;
use crate::domain::money::Money;
use chrono::NaiveDate;

/// A rep's revenue in the last 28 days (today included) and the 28 before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trend {
    pub rep_id: i64,
    pub rep: String,
    pub recent: Money,
    pub before: Money,
}

pub fn flag(trend: &Trend, t: &RiskThresholds, today: NaiveDate) -> Option<Flag> {
    let before = trend.before.cents();
    if before <= 0 {
        return None;
    }
    let drop = (before - trend.recent.cents()) * 100 / before;
    if drop < t.trend_drop_percent {
        return None;
    }
    Some(Flag {
        rule: RiskRule::FallingTrend,
        severity: if drop >= 60 { Severity::High } else { Severity::Medium },
        subject: Subject::rep(trend.rep_id, &trend.rep),
        detail: Message::new("risks.detail.falling_trend")
            .arg("drop", drop)
            .arg("recent", Money(trend.recent.cents() / 100 * 100).display(""))
            .arg("before", Money(before / 100 * 100).display("")),
        since: today - chrono::Duration::days(27),
        // A band of ten points: 30–39% down is 3, 40–49% is 4.
        level: drop / 10,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_facts::d;
    use super::*;

    #[test]
    fn down_thirty_percent_on_the_four_weeks_before() {
        let t = RiskThresholds::default();
        let trend = |recent: i64, before: i64| Trend {
            rep_id: 3,
            rep: "Ana".into(),
            recent: Money(recent),
            before: Money(before),
        };
        assert_eq!(flag(&trend(71_000, 100_000), &t, d("2026-11-23")), None, "29% down");
        let f = flag(&trend(70_000, 100_000), &t, d("2026-11-23")).unwrap();
        assert_eq!((f.severity, f.level), (Severity::Medium, 3));
        assert_eq!(flag(&trend(30_000, 100_000), &t, d("2026-11-23")).unwrap().severity, Severity::High);
        assert_eq!(flag(&trend(0, 0), &t, d("2026-11-23")), None, "nothing to fall from");
    }
}
