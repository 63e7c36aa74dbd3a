//! Onboarding unfinished: an active rep with a checklist item still open 30 days after its
//! clock started — the later of the day they started and the day the item was put on their
//! list (a rep added today with a start date a year back has their 30 days like anyone, and so
//! has an item the owner adds to a long-serving rep's list).

use super::{Flag, RiskRule, Severity, Subject, days};
use crate::domain::message::Message;
use chrono::{Datelike, Duration, NaiveDate};

/// Days a rep has for each item of the checklist.
pub const ONBOARDING_DAYS: i64 = 30;

/// The day an item's clock starts: the later of the rep's start and the item's making.
pub fn clock(hired_on: Option<NaiveDate>, made_on: NaiveDate) -> NaiveDate {
    hired_on.map_or(made_on, |h| h.max(made_on))
}

/// `open`: the day each of the rep's open items was put on their list.
pub fn flag(rep_id: i64, rep: &str, hired_on: Option<NaiveDate>, open: &[NaiveDate], today: NaiveDate) -> Option<Flag> {
    let late: Vec<NaiveDate> =
        open.iter().map(|made| clock(hired_on, *made)).filter(|start| days(*start, today) >= ONBOARDING_DAYS).collect();
    let since = *late.iter().min()?;
    let detail = Message::new("risks.detail.onboarding").arg("n", late.len());
    // A start of another year says its year.
    let detail = if since.year() == today.year() { detail.day("since", since) } else { detail.date("since", since) };
    Some(Flag {
        rule: RiskRule::OnboardingUnfinished,
        severity: Severity::Low,
        subject: Subject::rep(rep_id, rep),
        detail,
        since: since + Duration::days(ONBOARDING_DAYS),
        level: late.len() as i64,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_facts::d;
    use super::*;

    #[test]
    fn open_items_thirty_days_after_the_start() {
        let made = [d("2026-11-01"), d("2026-11-01")];
        let hired = Some(d("2026-11-01"));
        assert_eq!(flag(3, "周敏", hired, &made, d("2026-11-30")), None, "29 days");
        let f = flag(3, "周敏", hired, &made, d("2026-12-01")).unwrap();
        assert_eq!((f.subject.key.as_str(), f.since, f.level), ("rep:3", d("2026-12-01"), 2));
        assert_eq!(flag(3, "周敏", hired, &[], d("2027-01-01")), None, "all done");
        assert!(flag(3, "周敏", None, &made, d("2026-12-01")).is_some(), "no start: the list's day");
    }

    #[test]
    fn the_clock_starts_when_the_item_was_made_or_the_rep_started_whichever_is_later() {
        // Added on 20 Nov with a start in 2025: 30 days from 20 Nov.
        let made = [d("2026-11-20")];
        assert_eq!(flag(3, "Ann", Some(d("2025-03-01")), &made, d("2026-12-19")), None);
        assert_eq!(flag(3, "Ann", Some(d("2025-03-01")), &made, d("2026-12-20")).unwrap().since, d("2026-12-20"));
        // Added ahead of a start on 1 Dec: 30 days from 1 Dec.
        assert_eq!(flag(3, "Ann", Some(d("2026-12-01")), &made, d("2026-12-30")), None);
        assert!(flag(3, "Ann", Some(d("2026-12-01")), &made, d("2026-12-31")).is_some());
        // An item added later to a long list: only the late ones count.
        let f = flag(3, "Ann", None, &[d("2026-10-01"), d("2026-11-25")], d("2026-11-30")).unwrap();
        assert_eq!((f.level, f.since), (1, d("2026-10-31")));
    }
}
