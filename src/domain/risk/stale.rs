//! Stale: an owned lead with no activity for `stale_days`, counted from the later of its last
//! activity and the day its owner took it (silence before they had it is not theirs).

use super::{Flag, LeadFacts, RiskRule, RiskThresholds, Severity, days};
use crate::domain::message::Message;
use chrono::NaiveDate;

pub fn flag(lead: &LeadFacts, t: &RiskThresholds, today: NaiveDate) -> Option<Flag> {
    if !lead.stage.is_open() {
        return None;
    }
    lead.owner_id?;
    let since = lead.last_touch().max(lead.claimed_on.unwrap_or(lead.created_on));
    let quiet = days(since, today);
    if quiet < t.stale_days {
        return None;
    }
    let severity = if quiet >= t.stale_high_days { Severity::High } else { Severity::Medium };
    Some(Flag {
        rule: RiskRule::Stale,
        severity,
        subject: lead.subject(),
        detail: Message::new("risks.detail.stale").arg("owner", lead.owner_name()).arg("days", quiet),
        since,
        level: quiet,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_facts::*;
    use super::*;

    #[test]
    fn stale_counts_from_the_claim_not_from_before_it() {
        let t = RiskThresholds::default();
        let lead = LeadFacts { last_activity: Some(d("2026-06-01")), claimed_on: Some(d("2026-11-20")), ..lead() };
        // Taken from the pool on the 20th after months of silence: not stale on the 23rd.
        assert_eq!(flag(&lead, &t, d("2026-11-23")), None);
        assert_eq!(flag(&lead, &t, d("2026-11-26")), None, "6 days");
        let f = flag(&lead, &t, d("2026-11-27")).unwrap();
        assert_eq!((f.level, f.severity), (7, Severity::Medium));
        assert_eq!(flag(&lead, &t, d("2026-12-11")).unwrap().severity, Severity::High, "21 days");
        // The pool's leads are nobody's to have let go stale.
        assert_eq!(flag(&LeadFacts { owner_id: None, ..lead }, &t, d("2026-12-11")), None);
    }
}
