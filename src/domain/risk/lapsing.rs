//! Lapsing: the owner's protection ends within the warning days and the lead has not moved
//! since they took it (no stage change, no activity), so it is about to go back to the pool.

use super::{Flag, LeadFacts, RiskRule, Severity, days};
use crate::domain::message::Message;
use chrono::NaiveDate;

pub fn flag(lead: &LeadFacts, warn_days: i64, today: NaiveDate) -> Option<Flag> {
    if !lead.stage.is_open() {
        return None;
    }
    lead.owner_id?;
    let until = lead.protected_until?;
    let left = days(today, until);
    if !(0..=warn_days).contains(&left) {
        return None;
    }
    let claimed = lead.claimed_on?;
    let moved = lead.claimed_stage.is_some_and(|s| s != lead.stage) || lead.last_activity.is_some_and(|a| a > claimed);
    if moved {
        return None;
    }
    Some(Flag {
        rule: RiskRule::Lapsing,
        severity: Severity::Medium,
        subject: lead.subject(),
        detail: Message::new("risks.detail.lapsing").arg("owner", lead.owner_name()).day("until", until),
        since: claimed,
        // Worse only by its severity: a day nearer the end is the flag it was.
        level: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_facts::*;
    use super::*;
    use crate::domain::model::Stage;

    #[test]
    fn lapsing_within_the_warning_days_unless_it_moved() {
        let lead = LeadFacts {
            claimed_on: Some(d("2026-11-10")),
            claimed_stage: Some(Stage::Contacted),
            protected_until: Some(d("2026-11-24")),
            ..lead()
        };
        assert_eq!(flag(&lead, 3, d("2026-11-20")), None, "4 days left");
        assert!(flag(&lead, 3, d("2026-11-21")).is_some());
        assert!(flag(&lead, 3, d("2026-11-24")).is_some(), "its last day");
        assert_eq!(flag(&lead, 3, d("2026-11-25")), None, "lapsed: the sweep's now");
        let moved = LeadFacts { stage: Stage::Qualified, ..lead.clone() };
        assert_eq!(flag(&moved, 3, d("2026-11-22")), None);
        let touched = LeadFacts { last_activity: Some(d("2026-11-15")), ..lead };
        assert_eq!(flag(&touched, 3, d("2026-11-22")), None);
    }
}
