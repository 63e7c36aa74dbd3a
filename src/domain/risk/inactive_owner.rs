//! Inactive owner: a rep who has left (deactivated) still owns open leads nobody works.

use super::{Flag, RiskRule, Severity, Subject};
use crate::domain::message::Message;
use chrono::NaiveDate;

pub fn flag(rep_id: i64, rep: &str, open_leads: i64, since: NaiveDate) -> Option<Flag> {
    (open_leads > 0).then(|| Flag {
        rule: RiskRule::InactiveOwner,
        severity: Severity::Medium,
        subject: Subject::rep(rep_id, rep),
        detail: Message::new("risks.detail.inactive_owner").arg("n", open_leads),
        since,
        level: open_leads,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_facts::d;
    use super::*;

    #[test]
    fn only_with_open_leads_left() {
        assert_eq!(flag(4, "Eve", 0, d("2026-11-01")), None);
        assert_eq!(flag(4, "Eve", 12, d("2026-11-01")).unwrap().level, 12);
    }
}
