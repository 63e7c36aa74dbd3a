//! Rotting (as Pipedrive calls it): a lead worth at least `rotting_value` that has sat in one
//! open stage for more than `rotting_days`.

use super::{Flag, LeadFacts, RiskRule, RiskThresholds, Severity, days};
use crate::domain::message::Message;
use chrono::NaiveDate;

pub fn flag(lead: &LeadFacts, t: &RiskThresholds, today: NaiveDate) -> Option<Flag> {
    if !lead.stage.is_open() || lead.value.cents() < t.rotting_value * 100 {
        return None;
    }
    let sat = days(lead.stage_changed_on, today);
    if sat <= t.rotting_days {
        return None;
    }
    Some(Flag {
        rule: RiskRule::Rotting,
        severity: Severity::Medium,
        subject: lead.subject(),
        detail: Message::new("risks.detail.rotting")
            .word("stage", "stage", lead.stage.as_str())
            .arg("days", sat)
            .arg("value", crate::domain::money::Money(lead.value.cents() / 100 * 100).display(""))
            .arg("owner", lead.owner_name()),
        since: lead.stage_changed_on,
        level: sat,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_facts::*;
    use super::*;
    use crate::domain::money::Money;

    #[test]
    fn a_valuable_lead_stuck_in_its_stage() {
        let t = RiskThresholds::default();
        let lead = LeadFacts { value: Money(800_000), stage_changed_on: d("2026-10-01"), ..lead() };
        assert_eq!(flag(&lead, &t, d("2026-10-31")), None, "30 days is not more than 30");
        assert_eq!(flag(&lead, &t, d("2026-11-01")).unwrap().level, 31);
        assert_eq!(flag(&LeadFacts { value: Money(499_999), ..lead }, &t, d("2026-12-01")), None, "under ¥5,000");
    }
}
