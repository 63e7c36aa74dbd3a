//! No-shows: `no_shows` or more shifts not turned up for within 30 days.

use super::{Flag, RiskRule, RiskThresholds, Severity, Subject, days};
use crate::domain::message::Message;
use chrono::NaiveDate;

/// A rep's no-shows: the day of each.
pub fn flag(rep_id: i64, rep: &str, no_shows: &[NaiveDate], t: &RiskThresholds, today: NaiveDate) -> Option<Flag> {
    let recent: Vec<NaiveDate> = no_shows.iter().copied().filter(|d| (0..30).contains(&days(*d, today))).collect();
    let n = recent.len() as i64;
    if n < t.no_shows {
        return None;
    }
    let last = *recent.iter().max()?;
    Some(Flag {
        rule: RiskRule::NoShows,
        severity: if n >= 2 * t.no_shows { Severity::High } else { Severity::Medium },
        subject: Subject::rep(rep_id, rep),
        detail: Message::new("risks.detail.no_shows").arg("n", n).day("last", last),
        since: last,
        level: n,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_facts::d;
    use super::*;

    #[test]
    fn two_no_shows_in_thirty_days() {
        let t = RiskThresholds::default();
        let days = [d("2026-10-20"), d("2026-11-10")];
        assert!(flag(3, "Ana", &days, &t, d("2026-11-18")).is_some());
        assert_eq!(flag(3, "Ana", &days, &t, d("2026-11-19")), None, "the first is 30 days old");
        assert_eq!(flag(3, "Ana", &days[..1], &t, d("2026-10-21")), None, "one is not a pattern");
    }
}
