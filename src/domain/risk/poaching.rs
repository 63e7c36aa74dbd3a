//! Poaching (抢单): a rep reaching for a lead a colleague protects — a claim refused, or
//! activity logged on it — and the same rep doing it again and again.

use super::{Flag, RiskRule, RiskThresholds, Severity, Subject, days};
use crate::domain::message::Message;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// How the rep reached for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Tried to claim it and was refused.
    Claim,
    /// An import named them its owner while a colleague protected it.
    Import,
    /// Logged an activity on it.
    Activity,
}

/// One reach for a colleague's protected lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoachEvent {
    pub lead_id: i64,
    pub customer: String,
    pub company: Option<String>,
    pub rep_id: i64,
    pub rep: String,
    pub owner: String,
    pub protected_until: Option<NaiveDate>,
    pub on: NaiveDate,
    pub reach: Reach,
}

/// A flag per lead reached for within `poaching_days` (its latest reach, counting them all).
pub fn flags(events: &[PoachEvent], t: &RiskThresholds, today: NaiveDate) -> Vec<Flag> {
    let recent = events.iter().filter(|e| (0..t.poaching_days).contains(&days(e.on, today)));
    let mut by_lead: BTreeMap<i64, Vec<&PoachEvent>> = BTreeMap::new();
    for e in recent {
        by_lead.entry(e.lead_id).or_default().push(e);
    }
    by_lead
        .into_values()
        .filter_map(|events| {
            let last = *events.iter().max_by_key(|e| (e.on, e.rep_id))?;
            let key = match last.reach {
                Reach::Claim => "risks.detail.poaching_claim",
                Reach::Import => "risks.detail.poaching_import",
                Reach::Activity => "risks.detail.poaching_activity",
            };
            let mut detail =
                Message::new(key).arg("rep", &last.rep).arg("owner", &last.owner).arg("times", events.len());
            detail = match last.protected_until {
                Some(until) => detail.day("until", until),
                None => detail.arg("until", "—"),
            };
            Some(Flag {
                rule: RiskRule::Poaching,
                severity: Severity::High,
                subject: Subject::lead(last.lead_id, &last.customer, last.company.as_deref()),
                detail,
                since: last.on,
                level: events.len() as i64,
            })
        })
        .collect()
}

/// A flag per rep who reached for colleagues' leads `poaching_repeat` times or more in 30 days
/// (a lead reached for twice in one day, a call and a note, is one reach; an import naming
/// them is the file's doing, not theirs).
pub fn repeated(events: &[PoachEvent], t: &RiskThresholds, today: NaiveDate) -> Vec<Flag> {
    let mut by_rep: BTreeMap<i64, Vec<&PoachEvent>> = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for e in events.iter().filter(|e| e.reach != Reach::Import && (0..30).contains(&days(e.on, today))) {
        if seen.insert((e.rep_id, e.lead_id, e.on)) {
            by_rep.entry(e.rep_id).or_default().push(e);
        }
    }
    by_rep
        .into_iter()
        .filter(|(_, events)| events.len() as i64 >= t.poaching_repeat)
        .map(|(rep_id, events)| {
            let first = events.iter().map(|e| e.on).min().unwrap_or(today);
            let leads: std::collections::BTreeSet<i64> = events.iter().map(|e| e.lead_id).collect();
            Flag {
                rule: RiskRule::RepeatedPoaching,
                severity: Severity::High,
                subject: Subject::rep(rep_id, &events[0].rep),
                detail: Message::new("risks.detail.repeated_poaching")
                    .arg("times", events.len())
                    .arg("leads", leads.len()),
                since: first,
                level: events.len() as i64,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_facts::d;
    use super::*;

    fn reach(lead_id: i64, rep_id: i64, on: &str, reach: Reach) -> PoachEvent {
        PoachEvent {
            lead_id,
            customer: "陈小姐".into(),
            company: Some("晨光文具店".into()),
            rep_id,
            rep: format!("rep {rep_id}"),
            owner: "刘洋".into(),
            protected_until: Some(d("2026-12-07")),
            on: d(on),
            reach,
        }
    }

    #[test]
    fn one_flag_per_lead_reached_for_within_the_days() {
        let t = RiskThresholds::default();
        let events = [
            reach(1, 7, "2026-11-20", Reach::Claim),
            reach(1, 7, "2026-11-22", Reach::Activity),
            reach(2, 8, "2026-11-01", Reach::Claim),
        ];
        let flags = flags(&events, &t, d("2026-11-23"));
        assert_eq!(flags.len(), 1, "lead 2's reach is 22 days old");
        assert_eq!((flags[0].subject.key.as_str(), flags[0].level), ("lead:1", 2));
        assert_eq!(flags[0].detail.key, "risks.detail.poaching_activity", "the latest reach words it");
        assert_eq!(super::flags(&events, &t, d("2026-11-20")).len(), 1, "the day it happened");
    }

    #[test]
    fn three_reaches_in_thirty_days_is_repeated_poaching() {
        let t = RiskThresholds::default();
        let mut events = vec![reach(1, 7, "2026-11-01", Reach::Claim), reach(2, 7, "2026-11-10", Reach::Claim)];
        assert!(repeated(&events, &t, d("2026-11-23")).is_empty());
        events.push(reach(2, 7, "2026-11-10", Reach::Activity));
        assert!(repeated(&events, &t, d("2026-11-23")).is_empty(), "the same lead the same day is one reach");
        events.push(reach(4, 7, "2026-11-12", Reach::Import));
        assert!(repeated(&events, &t, d("2026-11-23")).is_empty(), "an import is not the rep's reach");
        events.push(reach(3, 7, "2026-11-23", Reach::Activity));
        let flags = repeated(&events, &t, d("2026-11-23"));
        assert_eq!((flags[0].subject.key.as_str(), flags[0].level), ("rep:7", 3));
        assert!(repeated(&events, &t, d("2026-12-01")).is_empty(), "the first fell out of the 30 days");
    }
}
