//! Who owns a customer, for how long, and what may change hands: the rules that keep a
//! small team from fighting over leads (the public pool that Chinese CRMs call 公海).

use super::message::Message;
use super::model::{ActivityKind, Lead, Stage};
use super::rep::ValidationError;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// The owner's settings for ownership; kept in the settings table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnershipRules {
    /// A claim or an assignment protects the lead this many days.
    pub protection_days: i64,
    /// Activity extends the window, but never past this many days after the claim.
    pub max_protection_days: i64,
    /// The owner is warned this many days before the window ends.
    pub warn_days: i64,
    /// A rep whose lead went back to the pool cannot claim it again for this many days.
    pub cooldown_days: i64,
    /// At most this many protected leads per rep; `None` is no limit.
    pub max_protected_per_rep: Option<i64>,
}

impl Default for OwnershipRules {
    fn default() -> Self {
        OwnershipRules {
            protection_days: 14,
            max_protection_days: 45,
            warn_days: 3,
            cooldown_days: 7,
            max_protected_per_rep: None,
        }
    }
}

/// What the ownership rules look at on a lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ownership {
    pub stage: Stage,
    pub owner_id: Option<i64>,
    pub claimed_on: Option<NaiveDate>,
    pub protected_until: Option<NaiveDate>,
    pub stage_changed_on: NaiveDate,
    /// Who held the lead when it last went back to the pool, and when.
    pub released_by: Option<i64>,
    pub released_on: Option<NaiveDate>,
    /// The stage it was in when claimed; moving on from it is progress.
    pub claimed_stage: Option<Stage>,
}

/// Why a rep may not take a lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimRefused {
    Closed(Stage),
    Protected { owner_id: i64, until: NaiveDate },
    CoolingDown { from: NaiveDate },
    AtCap { cap: i64 },
}

impl std::error::Error for ClaimRefused {}

impl ClaimRefused {
    /// The refusal as a sentence of the catalogue.
    pub fn message(&self) -> Message {
        match self {
            ClaimRefused::Closed(stage) => Message::new("refused.closed").word("stage", "stage", stage.as_str()),
            ClaimRefused::Protected { until, .. } => Message::new("refused.protected").day("until", *until),
            ClaimRefused::CoolingDown { from } => Message::new("refused.cooling_down").day("from", *from),
            ClaimRefused::AtCap { cap } => Message::new("refused.at_cap").arg("cap", cap),
        }
    }
}

impl OwnershipRules {
    /// Whether `rep_id` may take the lead today, holding `protected_held` protected leads.
    /// Protection stops reps, not the owner of the business handing a lead over (`by_owner`);
    /// the cool-down and the per-rep cap hold for everyone.
    pub fn may_claim(
        &self,
        lead: &Ownership,
        rep_id: i64,
        protected_held: i64,
        today: NaiveDate,
        by_owner: bool,
    ) -> Result<(), ClaimRefused> {
        if !lead.stage.is_open() {
            return Err(ClaimRefused::Closed(lead.stage));
        }
        if lead.owner_id == Some(rep_id) {
            return Ok(());
        }
        if let (Some(owner_id), Some(until)) = (lead.owner_id, lead.protected_until)
            && until >= today
            && !by_owner
        {
            return Err(ClaimRefused::Protected { owner_id, until });
        }
        if lead.released_by == Some(rep_id)
            && let Some(released) = lead.released_on
        {
            let from = released + Duration::days(self.cooldown_days);
            if today < from {
                return Err(ClaimRefused::CoolingDown { from });
            }
        }
        if let Some(cap) = self.max_protected_per_rep
            && protected_held >= cap
        {
            return Err(ClaimRefused::AtCap { cap });
        }
        Ok(())
    }

    /// The window a new claim or assignment starts today.
    pub fn window_from(&self, today: NaiveDate) -> NaiveDate {
        today + Duration::days(self.protection_days)
    }

    /// The window after activity on `day`: a full window from that day, never past the
    /// maximum counted from the claim, and never shorter than it already was.
    pub fn extended(&self, lead: &Ownership, day: NaiveDate) -> Option<NaiveDate> {
        let claimed = lead.claimed_on?;
        let current = lead.protected_until.unwrap_or(claimed);
        let wanted = day + Duration::days(self.protection_days);
        let ceiling = claimed + Duration::days(self.max_protection_days);
        Some(current.max(wanted.min(ceiling)))
    }

    /// Days left before the window ends, when that is within the warning; the `⌛` marker.
    pub fn lapsing_in(&self, lead: &Ownership, today: NaiveDate) -> Option<i64> {
        let until = lead.protected_until?;
        lead.owner_id?;
        let left = (until - today).num_days();
        (lead.stage.is_open() && (0..=self.warn_days).contains(&left)).then_some(left)
    }

    /// What happens to an owned lead whose window has ended.
    pub fn on_lapse(&self, lead: &Ownership, today: NaiveDate) -> Option<Lapse> {
        let (owner_id, claimed, until) = (lead.owner_id?, lead.claimed_on?, lead.protected_until?);
        if !lead.stage.is_open() || until >= today {
            return None;
        }
        let progress = match lead.claimed_stage {
            Some(at_claim) => lead.stage != at_claim,
            None => lead.stage_changed_on > claimed,
        };
        Some(if progress {
            // Progress since the claim: the owner keeps it, with a fresh window.
            Lapse::Renewed { owner_id, until: self.window_from(today) }
        } else {
            Lapse::ToPool { owner_id }
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lapse {
    Renewed { owner_id: i64, until: NaiveDate },
    ToPool { owner_id: i64 },
}

/// The stage a lead moves to when an activity is logged: a first touch makes a new lead contacted.
pub fn stage_after_activity(stage: Stage, _kind: ActivityKind) -> Stage {
    if stage == Stage::New { Stage::Contacted } else { stage }
}

/// A change of stage, checked: a lost lead needs a reason, a won one an amount, and a win
/// needs an owner to credit.
pub fn check_stage_change(
    to: Stage,
    owner_id: Option<i64>,
    lost_reason: Option<&str>,
    amount_cents: Option<i64>,
) -> Result<(), ValidationError> {
    match to {
        Stage::Lost if lost_reason.is_none_or(|r| r.trim().is_empty()) => {
            Err(ValidationError::new("lost_reason", Message::new("invalid.lost_reason")))
        }
        Stage::Won if owner_id.is_none() => Err(ValidationError::new("owner", Message::new("invalid.won_owner"))),
        Stage::Won if amount_cents.is_none_or(|a| a <= 0) => {
            Err(ValidationError::new("amount", Message::new("invalid.won_amount")))
        }
        _ => Ok(()),
    }
}

/// The stage two leads of one customer have together: a win on either is a win; an open
/// lead beats a lost one (someone is still working it); of two open ones, the further.
/// Returns the stage, its close date and its lost reason.
pub fn merged_stage(kept: &Lead, gone: &Lead) -> (Stage, Option<NaiveDate>, Option<String>) {
    let rank = |s: Stage| match s {
        Stage::Won => 6,
        Stage::Proposal => 5,
        Stage::Qualified => 4,
        Stage::Contacted => 3,
        Stage::New => 2,
        Stage::Lost => 1,
    };
    let winner = if rank(gone.stage) > rank(kept.stage) { gone } else { kept };
    (winner.stage, winner.closed_on, winner.lost_reason.clone())
}

/// A rep the fair assignment can choose from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub rep_id: i64,
    pub on_shift_today: bool,
    pub open_leads: i64,
    pub protected_held: i64,
}

/// The next rep for an unassigned lead: round-robin after `last_assigned` among the reps on
/// shift today (everyone active when nobody is), skipping reps at their cap and, unless all
/// carry the same load, the reps with the most open leads.
pub fn propose_assignee(candidates: &[Candidate], last_assigned: Option<i64>, rules: &OwnershipRules) -> Option<i64> {
    propose_with_reason(candidates, last_assigned, rules).map(|(rep, _)| rep)
}

/// Why fair assignment proposes the rep it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proposal {
    /// On shift today (the others are not).
    OnShift,
    /// Holding the fewest open leads.
    FewestOpen,
    /// Next in turn: the others hold as many.
    RoundRobin,
}

/// The rep [`propose_assignee`] proposes, and why.
pub fn propose_with_reason(
    candidates: &[Candidate],
    last_assigned: Option<i64>,
    rules: &OwnershipRules,
) -> Option<(i64, Proposal)> {
    let on_shift: Vec<&Candidate> = candidates.iter().filter(|c| c.on_shift_today).collect();
    let shift_decides = !on_shift.is_empty() && on_shift.len() < candidates.len();
    let mut pool: Vec<&Candidate> = if on_shift.is_empty() { candidates.iter().collect() } else { on_shift };
    pool.retain(|c| rules.max_protected_per_rep.is_none_or(|cap| c.protected_held < cap));
    let most = pool.iter().map(|c| c.open_leads).max()?;
    let least = pool.iter().map(|c| c.open_leads).min()?;
    if most > least {
        pool.retain(|c| c.open_leads < most);
    }
    pool.sort_by_key(|c| c.rep_id);
    let next = match last_assigned {
        Some(last) => pool.iter().find(|c| c.rep_id > last).or_else(|| pool.first()),
        None => pool.first(),
    };
    let why = if shift_decides {
        Proposal::OnShift
    } else if most > least {
        Proposal::FewestOpen
    } else {
        Proposal::RoundRobin
    };
    next.map(|c| (c.rep_id, why))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn owned(owner: i64, claimed: &str, until: &str) -> Ownership {
        Ownership {
            stage: Stage::Contacted,
            owner_id: Some(owner),
            claimed_on: Some(d(claimed)),
            protected_until: Some(d(until)),
            stage_changed_on: d(claimed),
            released_by: None,
            released_on: None,
            claimed_stage: Some(Stage::Contacted),
        }
    }

    fn pool() -> Ownership {
        Ownership { owner_id: None, claimed_on: None, protected_until: None, ..owned(0, "2026-11-01", "2026-11-01") }
    }

    #[test]
    fn nobody_takes_a_protected_lead() {
        let rules = OwnershipRules::default();
        let lead = owned(1, "2026-11-20", "2026-12-04");
        let today = d("2026-11-23");
        assert_eq!(
            rules.may_claim(&lead, 2, 0, today, false),
            Err(ClaimRefused::Protected { owner_id: 1, until: d("2026-12-04") })
        );
        assert_eq!(rules.may_claim(&lead, 1, 0, today, false), Ok(()));
        assert_eq!(rules.may_claim(&lead, 2, 0, today, true), Ok(()), "the owner may hand it over");
        assert_eq!(rules.may_claim(&lead, 2, 0, d("2026-12-05"), false), Ok(()), "lapsed protection");
    }

    #[test]
    fn cool_down_and_cap() {
        let mut rules = OwnershipRules::default();
        let lead = Ownership { released_by: Some(3), released_on: Some(d("2026-11-20")), ..pool() };
        assert_eq!(
            rules.may_claim(&lead, 3, 0, d("2026-11-23"), false),
            Err(ClaimRefused::CoolingDown { from: d("2026-11-27") })
        );
        assert_eq!(rules.may_claim(&lead, 3, 0, d("2026-11-27"), false), Ok(()));
        assert_eq!(rules.may_claim(&lead, 4, 0, d("2026-11-23"), false), Ok(()));
        rules.max_protected_per_rep = Some(2);
        assert_eq!(rules.may_claim(&lead, 4, 2, d("2026-11-23"), false), Err(ClaimRefused::AtCap { cap: 2 }));
        let closed = Ownership { stage: Stage::Won, ..pool() };
        assert!(matches!(rules.may_claim(&closed, 4, 0, d("2026-11-23"), false), Err(ClaimRefused::Closed(_))));
    }

    #[test]
    fn activity_extends_up_to_the_maximum() {
        let rules = OwnershipRules::default();
        let lead = owned(1, "2026-11-01", "2026-11-15");
        assert_eq!(rules.extended(&lead, d("2026-11-10")), Some(d("2026-11-24")));
        // Never past 45 days after the claim.
        assert_eq!(rules.extended(&lead, d("2026-12-10")), Some(d("2026-12-16")));
        // Never shorter than before.
        let long = owned(1, "2026-11-01", "2026-11-30");
        assert_eq!(rules.extended(&long, d("2026-11-02")), Some(d("2026-11-30")));
        assert_eq!(rules.extended(&pool(), d("2026-11-02")), None);
    }

    #[test]
    fn lapse_without_progress_returns_to_the_pool() {
        let rules = OwnershipRules::default();
        let lead = owned(1, "2026-11-01", "2026-11-15");
        assert_eq!(rules.on_lapse(&lead, d("2026-11-15")), None);
        assert_eq!(rules.on_lapse(&lead, d("2026-11-16")), Some(Lapse::ToPool { owner_id: 1 }));
        let progressed = Ownership { stage: Stage::Qualified, stage_changed_on: d("2026-11-05"), ..lead };
        assert_eq!(
            rules.on_lapse(&progressed, d("2026-11-16")),
            Some(Lapse::Renewed { owner_id: 1, until: d("2026-11-30") })
        );
        // A first call on the day of the claim is progress too: the stage moved on from the claim's.
        let same_day = Ownership { stage: Stage::Qualified, stage_changed_on: d("2026-11-01"), ..lead };
        assert!(matches!(rules.on_lapse(&same_day, d("2026-11-16")), Some(Lapse::Renewed { .. })));
        assert_eq!(rules.lapsing_in(&lead, d("2026-11-13")), Some(2));
        assert_eq!(rules.lapsing_in(&lead, d("2026-11-10")), None);
    }

    #[test]
    fn stage_rules() {
        assert_eq!(stage_after_activity(Stage::New, ActivityKind::Call), Stage::Contacted);
        assert_eq!(stage_after_activity(Stage::Proposal, ActivityKind::Note), Stage::Proposal);
        assert_eq!(check_stage_change(Stage::Lost, Some(1), None, None).unwrap_err().field, "lost_reason");
        assert!(check_stage_change(Stage::Lost, Some(1), Some("price"), None).is_ok());
        assert_eq!(check_stage_change(Stage::Won, None, None, Some(100)).unwrap_err().field, "owner");
        assert_eq!(check_stage_change(Stage::Won, Some(1), None, Some(0)).unwrap_err().field, "amount");
        assert!(check_stage_change(Stage::Qualified, None, None, None).is_ok());
    }

    #[test]
    fn merging_keeps_the_furthest_stage() {
        let lead = |stage, closed: Option<&str>| Lead {
            stage,
            closed_on: closed.map(d),
            lost_reason: (stage == Stage::Lost).then(|| "price".to_string()),
            ..crate::domain::lead_form::fresh(d("2026-11-01"))
        };
        assert_eq!(merged_stage(&lead(Stage::New, None), &lead(Stage::Won, Some("2026-11-20"))).0, Stage::Won);
        assert_eq!(
            merged_stage(&lead(Stage::Lost, Some("2026-11-02")), &lead(Stage::Contacted, None)),
            (Stage::Contacted, None, None)
        );
        assert_eq!(merged_stage(&lead(Stage::Proposal, None), &lead(Stage::Qualified, None)).0, Stage::Proposal);
        let both_lost = merged_stage(&lead(Stage::Lost, Some("2026-11-02")), &lead(Stage::Lost, Some("2026-11-05")));
        assert_eq!(both_lost.2.as_deref(), Some("price"));
    }

    fn cand(rep_id: i64, on_shift_today: bool, open_leads: i64) -> Candidate {
        Candidate { rep_id, on_shift_today, open_leads, protected_held: open_leads }
    }

    #[test]
    fn fair_assignment_prefers_reps_on_shift_in_turn() {
        let rules = OwnershipRules::default();
        let reps = [cand(1, true, 3), cand(2, false, 0), cand(3, true, 3), cand(4, true, 3)];
        assert_eq!(propose_assignee(&reps, None, &rules), Some(1));
        assert_eq!(propose_assignee(&reps, Some(1), &rules), Some(3));
        assert_eq!(propose_assignee(&reps, Some(4), &rules), Some(1));
        // Nobody on shift: everyone active, the least loaded first in turn.
        let off = [cand(1, false, 5), cand(2, false, 1), cand(3, false, 1)];
        assert_eq!(propose_assignee(&off, Some(2), &rules), Some(3));
        // The busiest rep is skipped.
        let busy = [cand(1, true, 9), cand(2, true, 2)];
        assert_eq!(propose_assignee(&busy, None, &rules), Some(2));
        // A rep at the cap is skipped.
        let capped = OwnershipRules { max_protected_per_rep: Some(2), ..rules };
        assert_eq!(propose_assignee(&[cand(1, true, 2), cand(2, true, 2)], None, &capped), None);
        assert_eq!(propose_assignee(&[], None, &rules), None);
    }
}
