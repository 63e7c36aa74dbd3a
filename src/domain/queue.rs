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
}

/// The first reason that puts a lead in today's queue, if any.
pub fn reason(facts: &QueueFacts, today: NaiveDate, stale_days: i64) -> Option<QueueReason> {
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
    ((today - last_touch).num_days() >= stale_days).then_some(QueueReason::Stale)
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

    fn facts() -> QueueFacts {
        QueueFacts {
            open: true,
            owned: true,
            next_follow_up: None,
            created_on: d("2026-11-20"),
            last_activity_at: None,
        }
    }

    #[test]
    fn follow_up_comes_first() {
        let today = d("2026-11-23");
        let f = QueueFacts { next_follow_up: Some(d("2026-11-21")), ..facts() };
        assert_eq!(reason(&f, today, 7), Some(QueueReason::Overdue));
        let f = QueueFacts { next_follow_up: Some(today), owned: false, ..facts() };
        assert_eq!(reason(&f, today, 7), Some(QueueReason::DueToday));
    }

    #[test]
    fn unassigned_then_stale() {
        let today = d("2026-11-23");
        assert_eq!(reason(&QueueFacts { owned: false, ..facts() }, today, 7), Some(QueueReason::NewUnassigned));
        assert_eq!(reason(&facts(), today, 7), None);
        let old = QueueFacts { last_activity_at: Some(d("2026-11-16").and_hms_opt(9, 0, 0).unwrap()), ..facts() };
        assert_eq!(reason(&old, today, 7), Some(QueueReason::Stale));
        let fresh = QueueFacts { last_activity_at: Some(d("2026-11-17").and_hms_opt(9, 0, 0).unwrap()), ..facts() };
        assert_eq!(reason(&fresh, today, 7), None);
        assert_eq!(stale_cutoff(today, 7), d("2026-11-17"));
    }

    #[test]
    fn closed_leads_never_queue() {
        let f = QueueFacts { open: false, next_follow_up: Some(d("2026-01-01")), ..facts() };
        assert_eq!(reason(&f, d("2026-11-23"), 7), None);
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
