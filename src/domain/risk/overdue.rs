//! Overdue follow-up: the day planned to get back to a customer has gone by.

use super::{Flag, LeadFacts, RiskRule, RiskThresholds, Severity, days};
use crate::domain::message::Message;
use chrono::NaiveDate;

pub fn flag(lead: &LeadFacts, t: &RiskThresholds, today: NaiveDate) -> Option<Flag> {
    if !lead.stage.is_open() {
        return None;
    }
    let due = lead.next_follow_up.filter(|d| *d < today)?;
    let late = days(due, today);
    let severity = if late >= t.overdue_high_days { Severity::High } else { Severity::Medium };
    Some(Flag {
        rule: RiskRule::Overdue,
        severity,
        subject: lead.subject(),
        detail: Message::new("risks.detail.overdue").arg("owner", lead.owner_name()).arg("days", late).day("due", due),
        since: due,
        level: late,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_facts::*;
    use super::*;

    #[test]
    fn overdue_from_the_day_after_it_was_due_and_high_from_three_days() {
        let t = RiskThresholds::default();
        let lead = LeadFacts { next_follow_up: Some(d("2026-11-20")), ..lead() };
        assert_eq!(flag(&lead, &t, d("2026-11-20")), None, "due today is not overdue");
        let f = flag(&lead, &t, d("2026-11-21")).unwrap();
        assert_eq!((f.severity, f.level, f.subject.key.as_str()), (Severity::Medium, 1, "lead:42"));
        assert_eq!(flag(&lead, &t, d("2026-11-23")).unwrap().severity, Severity::High);
    }
}
