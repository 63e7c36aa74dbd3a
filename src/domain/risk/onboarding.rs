//! Onboarding unfinished: an active rep whose checklist still has items open 30 days after they
//! started.

use super::{Flag, RiskRule, Severity, Subject, days};
use crate::domain::message::Message;
use chrono::{Duration, NaiveDate};

/// Days a new rep has for the checklist.
pub const ONBOARDING_DAYS: i64 = 30;

pub fn flag(rep_id: i64, rep: &str, hired_on: Option<NaiveDate>, left: i64, today: NaiveDate) -> Option<Flag> {
    let hired_on = hired_on?;
    if left <= 0 || days(hired_on, today) < ONBOARDING_DAYS {
        return None;
    }
    let due = hired_on + Duration::days(ONBOARDING_DAYS);
    Some(Flag {
        rule: RiskRule::OnboardingUnfinished,
        severity: Severity::Low,
        subject: Subject::rep(rep_id, rep),
        detail: Message::new("risks.detail.onboarding").arg("n", left).day("since", hired_on),
        since: due,
        level: left,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_facts::d;
    use super::*;

    #[test]
    fn open_items_thirty_days_after_the_start() {
        let hired = Some(d("2026-11-01"));
        assert_eq!(flag(3, "周敏", hired, 2, d("2026-11-30")), None, "29 days");
        let f = flag(3, "周敏", hired, 2, d("2026-12-01")).unwrap();
        assert_eq!((f.subject.key.as_str(), f.since, f.level), ("rep:3", d("2026-12-01"), 2));
        assert_eq!(flag(3, "周敏", hired, 0, d("2027-01-01")), None, "all done");
        assert_eq!(flag(3, "周敏", None, 2, d("2027-01-01")), None, "no start, no clock");
    }
}
