//! The morning review queue: which leads need the owner today, in the order they need it.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

/// Why a lead is in today's queue; the order of the variants is the order of the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QueueReason {
    Overdue,
    DueToday,
    NewUnassigned,
    Stale,
    /// Its protection ends within the warning days with no progress: it is about to go back to the pool.
    Expiring,
}

/// The day a queue is drawn up for, with the thresholds that decide it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueDay {
    pub today: NaiveDate,
    pub stale_days: i64,
    pub warn_days: i64,
}

impl QueueDay {
    /// The last day on which a touch still keeps a lead fresh: touched before it means stale.
    pub fn stale_cutoff(&self) -> NaiveDate {
        stale_cutoff(self.today, self.stale_days)
    }

    /// Windows ending on or before this day are about to lapse.
    pub fn warn_until(&self) -> NaiveDate {
        self.today + chrono::Duration::days(self.warn_days)
    }
}

/// The follow-up marker each lead row carries, readable without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FollowUp {
    Overdue(i64),
    Today,
    Planned(i64),
    NonePlanned,
}

impl FollowUp {
    pub fn of(next_follow_up: Option<NaiveDate>, today: NaiveDate) -> FollowUp {
        match next_follow_up {
            None => FollowUp::NonePlanned,
            Some(d) if d < today => FollowUp::Overdue((today - d).num_days()),
            Some(d) if d == today => FollowUp::Today,
            Some(d) => FollowUp::Planned((d - today).num_days()),
        }
    }

    pub fn marker(self) -> &'static str {
        match self {
            FollowUp::Overdue(_) => "‼",
            FollowUp::Today => "●",
            FollowUp::Planned(_) => "·",
            FollowUp::NonePlanned => "○",
        }
    }
}

/// Owned, open leads untouched this many days are stale.
pub const DEFAULT_STALE_DAYS: i64 = 7;

/// The facts about a lead the queue decides on.
#[derive(Debug, Clone, Copy)]
pub struct QueueFacts {
    pub open: bool,
    pub owned: bool,
    pub next_follow_up: Option<NaiveDate>,
    pub created_on: NaiveDate,
    pub last_activity_at: Option<NaiveDateTime>,
    pub protected_until: Option<NaiveDate>,
    /// No stage change since the current claim.
    pub no_progress: bool,
}

/// The first reason that puts a lead in today's queue, if any.
pub fn reason(facts: &QueueFacts, day: &QueueDay) -> Option<QueueReason> {
    let (today, stale_days) = (day.today, day.stale_days);
    if !facts.open {
        return None;
    }
    match facts.next_follow_up {
        Some(d) if d < today => return Some(QueueReason::Overdue),
        Some(d) if d == today => return Some(QueueReason::DueToday),
        _ => {}
    }
    if !facts.owned {
        return Some(QueueReason::NewUnassigned);
    }
    let last_touch = facts.last_activity_at.map(|t| t.date()).unwrap_or(facts.created_on);
    if (today - last_touch).num_days() >= stale_days {
        return Some(QueueReason::Stale);
    }
    let lapsing = facts.protected_until.is_some_and(|u| today <= u && u <= day.warn_until());
    (lapsing && facts.no_progress).then_some(QueueReason::Expiring)
}

/// The last day on which a touch still keeps a lead fresh: touched before it means stale.
pub fn stale_cutoff(today: NaiveDate, stale_days: i64) -> NaiveDate {
    today - chrono::Duration::days(stale_days - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn day(today: NaiveDate) -> QueueDay {
        QueueDay { today, stale_days: 7, warn_days: 3 }
    }

    #[test]
    fn about_to_return_to_the_pool() {
        let today = d("2026-11-23");
        let touched = Some(d("2026-11-22").and_hms_opt(9, 0, 0).unwrap());
        let lapsing = QueueFacts { protected_until: Some(d("2026-11-25")), last_activity_at: touched, ..facts() };
        assert_eq!(reason(&lapsing, &day(today)), Some(QueueReason::Expiring));
        assert_eq!(reason(&QueueFacts { no_progress: false, ..lapsing }, &day(today)), None);
        assert_eq!(reason(&QueueFacts { protected_until: Some(d("2026-11-27")), ..lapsing }, &day(today)), None);
    }

    fn facts() -> QueueFacts {
        QueueFacts {
            open: true,
            owned: true,
            next_follow_up: None,
            created_on: d("2026-11-20"),
            last_activity_at: None,
            protected_until: Some(d("2026-12-20")),
            no_progress: true,
        }
    }

    #[test]
    fn follow_up_comes_first() {
        let today = d("2026-11-23");
        let f = QueueFacts { next_follow_up: Some(d("2026-11-21")), ..facts() };
        assert_eq!(reason(&f, &day(today)), Some(QueueReason::Overdue));
        let f = QueueFacts { next_follow_up: Some(today), owned: false, ..facts() };
        assert_eq!(reason(&f, &day(today)), Some(QueueReason::DueToday));
    }

    #[test]
    fn unassigned_then_stale() {
        let today = d("2026-11-23");
        assert_eq!(reason(&QueueFacts { owned: false, ..facts() }, &day(today)), Some(QueueReason::NewUnassigned));
        assert_eq!(reason(&facts(), &day(today)), None);
        let old = QueueFacts { last_activity_at: Some(d("2026-11-16").and_hms_opt(9, 0, 0).unwrap()), ..facts() };
        assert_eq!(reason(&old, &day(today)), Some(QueueReason::Stale));
        let fresh = QueueFacts { last_activity_at: Some(d("2026-11-17").and_hms_opt(9, 0, 0).unwrap()), ..facts() };
        assert_eq!(reason(&fresh, &day(today)), None);
        assert_eq!(stale_cutoff(today, 7), d("2026-11-17"));
    }

    #[test]
    fn closed_leads_never_queue() {
        let f = QueueFacts { open: false, next_follow_up: Some(d("2026-01-01")), ..facts() };
        assert_eq!(reason(&f, &day(d("2026-11-23"))), None);
    }

    #[test]
    fn markers_read_without_colour() {
        let today = d("2026-11-23");
        assert_eq!(FollowUp::of(Some(d("2026-11-21")), today), FollowUp::Overdue(2));
        assert_eq!(FollowUp::of(Some(today), today).marker(), "●");
        assert_eq!(FollowUp::of(Some(d("2026-11-30")), today), FollowUp::Planned(7));
        assert_eq!(FollowUp::of(None, today).marker(), "○");
    }
}
