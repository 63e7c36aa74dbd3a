//! Review overdue: an active rep with no review in `review_days` (counted from their start when
//! never reviewed), or past the next review date their last review set.

use super::{Flag, RiskRule, RiskThresholds, Severity, Subject, days};
use crate::domain::message::Message;
use chrono::NaiveDate;

/// A rep's reviews as the rule reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewFacts {
    pub rep_id: i64,
    pub rep: String,
    pub hired_on: Option<NaiveDate>,
    pub last_review: Option<NaiveDate>,
    pub next_review: Option<NaiveDate>,
}

pub fn flag(r: &ReviewFacts, t: &RiskThresholds, today: NaiveDate) -> Option<Flag> {
    let subject = Subject::rep(r.rep_id, &r.rep);
    if let Some(next) = r.next_review.filter(|n| *n < today && r.last_review.is_none_or(|l| l < *n)) {
        return Some(Flag {
            rule: RiskRule::ReviewOverdue,
            severity: Severity::Medium,
            subject,
            detail: Message::new("risks.detail.review_due").day("next", next),
            since: next,
            level: days(next, today) / 30,
        });
    }
    let (since, key) = match r.last_review {
        Some(last) => (last, "risks.detail.review_none_since"),
        None => (r.hired_on?, "risks.detail.review_never"),
    };
    let gone = days(since, today);
    if gone < t.review_days {
        return None;
    }
    Some(Flag {
        rule: RiskRule::ReviewOverdue,
        severity: Severity::Low,
        subject,
        detail: Message::new(key).day("since", since).arg("days", gone),
        since: since + chrono::Duration::days(t.review_days),
        level: gone / 30,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_facts::d;
    use super::*;

    #[test]
    fn a_review_due_by_its_date_or_by_ninety_days() {
        let t = RiskThresholds::default();
        let facts = ReviewFacts {
            rep_id: 3,
            rep: "Bob".into(),
            hired_on: Some(d("2026-01-05")),
            last_review: Some(d("2026-07-02")),
            next_review: None,
        };
        assert_eq!(flag(&facts, &t, d("2026-09-29")), None, "89 days");
        assert_eq!(flag(&facts, &t, d("2026-09-30")).unwrap().severity, Severity::Low);
        let dated = ReviewFacts { next_review: Some(d("2026-08-01")), ..facts.clone() };
        assert_eq!(flag(&dated, &t, d("2026-08-02")).unwrap().detail.key, "risks.detail.review_due");
        assert_eq!(flag(&dated, &t, d("2026-08-01")), None, "due today is not overdue");
        let new = ReviewFacts { last_review: None, hired_on: Some(d("2026-11-01")), ..facts };
        assert_eq!(flag(&new, &t, d("2026-11-23")), None, "started three weeks ago");
        assert_eq!(flag(&new, &t, d("2027-01-30")).unwrap().detail.key, "risks.detail.review_never");
    }
}
