//! Shared customer (撞单): open leads of one customer — the same phone, e-mail, or name and
//! company — held by two or more reps. Usually a claim that went round the duplicate check
//! (the pool's copy of a colleague's customer, an edited phone, a script's `--allow-duplicate`).
//! The flag sits on the lead taken last: the one that looks like the second reach.

use super::{Flag, RiskRule, Severity, Subject};
use crate::domain::message::Message;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// What the leads have in common.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Match {
    Phone,
    Email,
    Name,
}

impl Match {
    pub fn as_str(self) -> &'static str {
        match self {
            Match::Phone => "phone",
            Match::Email => "email",
            Match::Name => "name",
        }
    }

    pub fn parse(s: &str) -> Option<Match> {
        [Match::Phone, Match::Email, Match::Name].into_iter().find(|m| m.as_str() == s)
    }

    fn message(self) -> Message {
        Message::new(match self {
            Match::Phone => "risks.match.phone",
            Match::Email => "risks.match.email",
            Match::Name => "risks.match.name",
        })
    }
}

/// An open lead held by a rep, one of those sharing a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub lead_id: i64,
    pub customer: String,
    pub company: Option<String>,
    pub rep_id: i64,
    pub rep: String,
    /// Since when the rep has it: the claim, else the day it came in.
    pub since: NaiveDate,
}

/// The open leads that share one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub by: Match,
    pub holders: Vec<Holder>,
}

/// One flag per lead taken last of a customer two or more reps hold; a lead that shares both a
/// phone and a name with a colleague's is flagged once, by the first match (phone, e-mail, name).
pub fn flags(shared: &[Shared]) -> Vec<Flag> {
    let mut groups: Vec<&Shared> = shared.iter().collect();
    groups.sort_by_key(|s| s.by);
    let mut flagged = HashSet::new();
    let mut out = Vec::new();
    for group in groups {
        let reps: BTreeMap<i64, &str> = group.holders.iter().map(|h| (h.rep_id, h.rep.as_str())).collect();
        if reps.len() < 2 {
            continue;
        }
        let Some(last) = group.holders.iter().max_by_key(|h| (h.since, h.lead_id)) else { continue };
        if !flagged.insert(last.lead_id) {
            continue;
        }
        let others: BTreeSet<&str> = reps.iter().filter(|(id, _)| **id != last.rep_id).map(|(_, name)| *name).collect();
        let others: Vec<&str> = others.into_iter().collect();
        out.push(Flag {
            rule: RiskRule::SharedCustomer,
            severity: Severity::High,
            subject: Subject::lead(last.lead_id, &last.customer, last.company.as_deref()),
            detail: Message::new("risks.detail.shared_customer")
                .arg("rep", &last.rep)
                .arg("others", others.join(", "))
                .part("by", group.by.message()),
            since: last.since,
            level: reps.len() as i64,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_facts::d;
    use super::*;

    fn holder(lead_id: i64, rep_id: i64, since: &str) -> Holder {
        Holder {
            lead_id,
            customer: "陈小姐".into(),
            company: Some("晨光文具店".into()),
            rep_id,
            rep: ["", "李娜", "刘洋", "Bob"][rep_id as usize].into(),
            since: d(since),
        }
    }

    #[test]
    fn the_lead_taken_last_is_flagged_once_whatever_it_shares() {
        let phone = Shared { by: Match::Phone, holders: vec![holder(1, 1, "2026-11-02"), holder(7, 2, "2026-11-20")] };
        let name = Shared { by: Match::Name, holders: vec![holder(7, 2, "2026-11-20"), holder(1, 1, "2026-11-02")] };
        let flags = flags(&[name, phone]);
        assert_eq!(flags.len(), 1);
        assert_eq!((flags[0].subject.key.as_str(), flags[0].since, flags[0].level), ("lead:7", d("2026-11-20"), 2));
        assert_eq!(flags[0].detail.key, "risks.detail.shared_customer");
        assert!(flags[0].detail.args.contains(&("others", crate::domain::message::Arg::Text("李娜".into()))));
        assert!(
            flags[0].detail.args.iter().any(|(k, v)| *k == "by"
                && matches!(v, crate::domain::message::Arg::Message(m) if m.key == "risks.match.phone")),
            "the phone is named before the name"
        );
    }

    #[test]
    fn one_reps_two_leads_of_a_customer_are_not_shared() {
        let same = Shared { by: Match::Email, holders: vec![holder(1, 1, "2026-11-02"), holder(2, 1, "2026-11-03")] };
        assert!(flags(&[same]).is_empty());
        let three = Shared {
            by: Match::Email,
            holders: vec![holder(1, 1, "2026-11-02"), holder(2, 2, "2026-11-03"), holder(3, 3, "2026-11-03")],
        };
        let flags = flags(&[three]);
        assert_eq!((flags[0].subject.key.as_str(), flags[0].level), ("lead:3", 3), "ties go to the later lead");
        assert!(flags[0].detail.args.contains(&("others", crate::domain::message::Arg::Text("刘洋, 李娜".into()))));
    }
}
