//! Dormant: a VIP or loyal customer nobody has been in touch with for `dormant_days`.

use super::{Flag, LeadFacts, RiskRule, RiskThresholds, Severity, days};
use crate::domain::message::Message;
use crate::domain::model::Category;
use chrono::NaiveDate;

pub fn flag(lead: &LeadFacts, t: &RiskThresholds, today: NaiveDate) -> Option<Flag> {
    if !matches!(lead.category, Category::Vip | Category::Loyal) {
        return None;
    }
    let since = lead.last_touch();
    let quiet = days(since, today);
    if quiet < t.dormant_days {
        return None;
    }
    let severity = if lead.category == Category::Vip { Severity::Medium } else { Severity::Low };
    Some(Flag {
        rule: RiskRule::Dormant,
        severity,
        subject: lead.subject(),
        detail: Message::new("risks.detail.dormant")
            .word("category", "category", lead.category.as_str())
            .arg("days", quiet)
            .arg("owner", lead.owner_name()),
        since,
        level: quiet,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_facts::*;
    use super::*;

    #[test]
    fn a_vip_or_loyal_customer_quiet_for_a_month() {
        let t = RiskThresholds::default();
        let vip = LeadFacts {
            category: Category::Vip,
            created_on: d("2026-03-01"),
            last_activity: Some(d("2026-10-24")),
            ..lead()
        };
        assert_eq!(flag(&vip, &t, d("2026-11-22")), None, "29 days");
        assert_eq!(flag(&vip, &t, d("2026-11-23")).unwrap().severity, Severity::Medium);
        let loyal = LeadFacts { category: Category::Loyal, ..vip.clone() };
        assert_eq!(flag(&loyal, &t, d("2026-11-23")).unwrap().severity, Severity::Low);
        assert_eq!(flag(&LeadFacts { category: Category::Prospect, ..vip }, &t, d("2026-12-23")), None);
    }
}
