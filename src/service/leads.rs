//! The lead use cases: add, take, hand over, log, move through the stages, win, merge, and
//! the daily sweep of lapsed protection. Each is one transaction with its audit rows.

use super::error::{Error, Message, Result};
use crate::domain::contact::MatchedBy;
use crate::domain::lead::{Candidate, ClaimRefused, Lapse, check_stage_change, stage_after_activity};
use crate::domain::model::{Activity, Deal, Lead, Sale, Stage};
use crate::domain::money::Money;
use crate::store::changes::{Done, Summary};
use crate::store::lead_writes::{self, OwnerChange};
use crate::store::{self, Store, Writer};
use chrono::NaiveDate;
use serde::Serialize;

/// A possible duplicate, described for the person deciding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub lead_id: i64,
    pub name: String,
    pub by: MatchedBy,
    pub owner: Option<String>,
    pub protected_until: Option<NaiveDate>,
}

/// The first duplicate as a sentence: which lead, why it matches, who holds it.
fn describe(dups: &[Duplicate]) -> Message {
    let d = &dups[0];
    let by = Message::new(match d.by {
        MatchedBy::Phone => "dup.phone",
        MatchedBy::Email => "dup.email",
        MatchedBy::NameAndCompany => "dup.name_and_company",
        MatchedBy::NameAlone => "dup.name_alone",
    });
    let owner = match (&d.owner, d.protected_until) {
        (Some(o), Some(u)) => Message::new("dup.owned_until").arg("owner", o).day("until", u),
        (Some(o), None) => Message::new("dup.owned").arg("owner", o),
        _ => Message::new("dup.in_pool"),
    };
    Message::new("dup.looks_like").arg("id", d.lead_id).arg("name", &d.name).part("by", by).part("owner", owner)
}

/// Leads already there that look like `lead`.
pub fn duplicates_of(conn: &rusqlite::Connection, lead: &Lead, except: Option<i64>) -> Result<Vec<Duplicate>> {
    store::lead_writes::duplicates(conn, lead, except)?
        .into_iter()
        .map(|(id, by)| {
            let other = store::leads::get(conn, id)?;
            let owner = other.owner_id.map(|r| store::reps::get(conn, r).map(|r| r.name)).transpose()?;
            Ok(Duplicate { lead_id: id, name: other.name, by, owner, protected_until: other.protected_until })
        })
        .collect()
}

/// Adds a lead, owned by `owner` (protected from today) or in the pool. A lead that looks
/// like one already there is refused unless `allow_duplicate`: never silently doubled.
pub fn add(store: &mut Store, mut lead: Lead, owner: Option<i64>, allow_duplicate: bool) -> Result<Done<Lead>> {
    let rules = store::settings::ownership_rules(store.conn())?;
    let today = store.today();
    store.change(|w| {
        let dups = duplicates_of(&w.tx, &lead, None)?;
        if !dups.is_empty() && !allow_duplicate {
            return Err(Error::conflict(Some("name"), Message::new("error.duplicate").part("what", describe(&dups))));
        }
        if let Some(rep) = owner {
            let held = lead_writes::protected_held(&w.tx, rep, today)?;
            if let Some(cap) = rules.max_protected_per_rep
                && held >= cap
            {
                return Err(Error::conflict(Some("owner"), ClaimRefused::AtCap { cap }.message()));
            }
            lead.owner_id = Some(rep);
            lead.claimed_on = Some(today);
            lead.protected_until = Some(rules.window_from(today));
        }
        let added = lead_writes::add(w, &lead)?;
        let summary = Summary::new("change.lead_add").arg("lead", &added.name);
        Ok((added, summary))
    })
}

/// Who took what: the facts a refused attempt records for the Risks tab.
#[derive(Debug, Clone, Serialize)]
pub(super) struct RefusedClaim {
    pub rep_id: i64,
    pub owner_id: Option<i64>,
    pub protected_until: Option<NaiveDate>,
    pub reason: String,
}

/// Gives a lead to `rep_id` with a fresh protection window. `by_owner` is the owner (of the
/// business) handing it over, which protection does not stop; a rep's own claim is refused
/// while another rep protects the lead, and the refusal is recorded as a conflict.
pub fn assign(store: &mut Store, lead_id: i64, rep_id: i64, by_owner: bool) -> Result<Done<Lead>> {
    let rules = store::settings::ownership_rules(store.conn())?;
    let today = store.today();
    // The check and the change are one write, so two people assigning at once cannot both
    // pass; a refusal is recorded in that same write, which still commits.
    let outcome = store.change(|w| -> Result<_> {
        let rep = store::reps::get(&w.tx, rep_id)?;
        let ownership = lead_writes::ownership(&w.tx, lead_id)?;
        if ownership.owner_id == Some(rep_id) {
            // Taking one's own lead again changes nothing: no fresh window past the limit.
            let lead = store::leads::get(&w.tx, lead_id)?;
            let summary = Summary::new("change.lead_assign").arg("lead", &lead.name).arg("rep", &rep.name);
            return Ok((Ok(lead), summary));
        }
        let held = lead_writes::protected_held(&w.tx, rep_id, today)?;
        if let Err(refused) = rules.may_claim(&ownership, rep_id, held, today, by_owner) {
            if matches!(refused, ClaimRefused::Protected { .. }) {
                let record = RefusedClaim {
                    rep_id,
                    owner_id: ownership.owner_id,
                    protected_until: ownership.protected_until,
                    reason: refused.to_string(),
                };
                let reach = crate::domain::risk::poaching::Reach::Claim;
                let (owner, until) = (ownership.owner_id, ownership.protected_until);
                lead_writes::record_refusal(w, lead_id, &record, reach, rep_id, owner, until, today)?;
            }
            let name = store::leads::get(&w.tx, lead_id)?.name;
            return Ok((Err(refused), Summary::new("change.claim_refused").arg("lead", name).arg("rep", &rep.name)));
        }
        let lead = hand_over(w, lead_id, rep_id, &ownership, &rules, today)?;
        let key = if by_owner { "change.lead_assign" } else { "change.lead_claim" };
        let summary = Summary::new(key).arg("lead", &lead.name).arg("rep", &rep.name);
        Ok((Ok(lead), summary))
    })?;
    match outcome.value {
        Ok(lead) => Ok(Done { change: outcome.change, summary: outcome.summary, value: lead }),
        Err(refused) => Err(Error::conflict(Some("rep"), refused.message())),
    }
}

/// Gives a lead to `rep_id` with a fresh protection window from today (the checks already
/// passed), and remembers the rep for the next proposal's turn.
fn hand_over(
    w: &Writer<'_>,
    lead_id: i64,
    rep_id: i64,
    ownership: &crate::domain::lead::Ownership,
    rules: &crate::domain::lead::OwnershipRules,
    today: NaiveDate,
) -> Result<Lead> {
    let change = OwnerChange {
        owner_id: Some(rep_id),
        claimed_on: Some(today),
        protected_until: Some(rules.window_from(today)),
        released_by: ownership.released_by,
        released_on: ownership.released_on,
    };
    let lead = lead_writes::set_owner(w, lead_id, &change)?;
    store::settings::put(w, "assign.last_rep", &rep_id.to_string())?;
    Ok(lead)
}

/// Puts a lead back in the pool by hand.
pub fn release(store: &mut Store, lead_id: i64) -> Result<Done<Lead>> {
    let today = store.today();
    store.change(|w| {
        let o = lead_writes::ownership(&w.tx, lead_id)?;
        let change = OwnerChange {
            owner_id: None,
            claimed_on: None,
            protected_until: None,
            released_by: o.owner_id.or(o.released_by),
            released_on: if o.owner_id.is_some() { Some(today) } else { o.released_on },
        };
        let lead = lead_writes::set_owner(w, lead_id, &change)?;
        let summary = Summary::new("change.lead_release").arg("lead", &lead.name);
        Ok((lead, summary))
    })
}

/// The rep fair assignment proposes for an unassigned lead, if any.
pub fn proposed_assignee(store: &Store) -> Result<Option<i64>> {
    Ok(proposal(store)?.map(|(rep, _)| rep))
}

/// The rep fair assignment proposes, and why (on shift, fewest open leads, next in turn).
pub fn proposal(store: &Store) -> Result<Option<(i64, crate::domain::lead::Proposal)>> {
    let conn = store.conn();
    let today = store.today();
    let rules = store::settings::ownership_rules(conn)?;
    let on_shift: Vec<i64> = store::schedule::shifts_between(conn, today, today)?
        .iter()
        .filter(|s| crate::domain::schedule::counts(s))
        .map(|s| s.rep_id)
        .collect();
    let candidates = lead_writes::open_leads_per_rep(conn)?
        .into_iter()
        .map(|(rep_id, open_leads)| {
            Ok(Candidate {
                rep_id,
                on_shift_today: on_shift.contains(&rep_id),
                open_leads,
                protected_held: lead_writes::protected_held(conn, rep_id, today)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let last = store::settings::get(conn, "assign.last_rep")?.and_then(|v| v.parse().ok());
    Ok(crate::domain::lead::propose_with_reason(&candidates, last, &rules))
}

/// Logs an activity (by the owner when it names no rep): a new lead becomes contacted, and
/// the owner's protection grows.
pub fn log(store: &mut Store, a: Activity, follow_up: Option<NaiveDate>) -> Result<Done<Lead>> {
    let rules = store::settings::ownership_rules(store.conn())?;
    store.change(|w| {
        let lead = store::leads::get(&w.tx, a.lead_id)?;
        let rep_id = a.rep_id.or(lead.owner_id);
        let activity =
            Activity { lead_id: a.lead_id, rep_id, kind: a.kind, at: a.at, outcome: a.outcome, note: a.note };
        lead_writes::add_activity(w, &activity)?;
        let next = stage_after_activity(lead.stage, activity.kind);
        if next != lead.stage {
            lead_writes::set_stage(w, activity.lead_id, next, None, activity.at.date())?;
        }
        let ownership = lead_writes::ownership(&w.tx, activity.lead_id)?;
        if ownership.owner_id.is_some()
            && let Some(until) = rules.extended(&ownership, activity.at.date())
            && Some(until) != ownership.protected_until
        {
            lead_writes::set_protected_until(w, activity.lead_id, until)?;
        }
        if follow_up.is_some() {
            lead_writes::set_follow_up(w, activity.lead_id, follow_up)?;
        }
        let lead = store::leads::get(&w.tx, activity.lead_id)?;
        let summary = Summary::new("change.lead_log").arg("lead", &lead.name).arg("kind", activity.kind);
        Ok((lead, summary))
    })
}

/// Moves a lead to a stage. Lost needs a reason; won needs an amount and an owner, and
/// records the sale for the owner today.
pub fn set_stage(
    store: &mut Store,
    lead_id: i64,
    stage: Stage,
    lost_reason: Option<&str>,
    amount: Option<Money>,
    product: Option<&str>,
) -> Result<Done<Lead>> {
    let today = store.today();
    store.change(|w| stage_in(w, lead_id, stage, lost_reason, amount, product, today))
}

/// Wins a lead for `rep` when nobody owns it yet (the owner names who won it in the same
/// form), or for its owner: one change, the hand-over and the sale together.
/// A sale is of more than nothing.
fn positive_sale(amount: Money) -> Result<()> {
    if amount.cents() > 0 {
        return Ok(());
    }
    let message = Message::new("invalid.sale_positive").arg("value", amount.to_decimal());
    Err(Error::from(crate::domain::rep::ValidationError::new("amount", message)))
}

pub fn win(
    store: &mut Store,
    lead_id: i64,
    rep: Option<i64>,
    amount: Option<Money>,
    product: Option<&str>,
) -> Result<Done<Lead>> {
    if let Some(amount) = amount {
        positive_sale(amount)?;
    }
    let rules = store::settings::ownership_rules(store.conn())?;
    let today = store.today();
    store.change(|w| {
        let ownership = lead_writes::ownership(&w.tx, lead_id)?;
        if let (None, Some(rep_id)) = (ownership.owner_id, rep) {
            store::reps::get(&w.tx, rep_id)?;
            // The owner hands it over as `assign` does: the same rules (a rep's cap, a cooldown).
            let held = lead_writes::protected_held(&w.tx, rep_id, today)?;
            if let Err(refused) = rules.may_claim(&ownership, rep_id, held, today, true) {
                return Err(Error::conflict(Some("rep"), refused.message()));
            }
            hand_over(w, lead_id, rep_id, &ownership, &rules, today)?;
        }
        stage_in(w, lead_id, Stage::Won, None, amount, product, today)
    })
}

/// The stage change of [`set_stage`], inside a write.
fn stage_in(
    w: &Writer<'_>,
    lead_id: i64,
    stage: Stage,
    lost_reason: Option<&str>,
    amount: Option<Money>,
    product: Option<&str>,
    today: NaiveDate,
) -> Result<(Lead, Summary)> {
    {
        let lead = store::leads::get(&w.tx, lead_id)?;
        let summary = Summary::new("change.lead_stage").arg("lead", &lead.name).arg("stage", stage);
        // A customer already won (or lost) can still have an open deal, a repeat order: that
        // deal is what winning or losing closes.
        let open_deal = !stage.is_open() && store::deals::open_of(&w.tx, lead_id)?.is_some();
        if lead.stage == stage && !open_deal {
            let message = Message::new("error.already_at_stage").arg("name", &lead.name).label("stage", stage);
            return Err(Error::conflict(Some("stage"), message));
        }
        check_stage_change(stage, lead.owner_id, lost_reason, amount.map(Money::cents))?;
        let after = if lead.stage == stage {
            lead.clone()
        } else {
            lead_writes::set_stage(w, lead_id, stage, lost_reason, today)?
        };
        if stage.is_open() {
            return Ok((after, summary));
        }
        let product = product.map(str::to_string);
        let sale = match (stage, lead.owner_id, amount) {
            (Stage::Won, Some(rep_id), Some(amount)) => {
                let sale = Sale { lead_id: Some(lead_id), rep_id, amount, closed_on: today, product: product.clone() };
                Some((store::sales::add(w, &sale)?, amount))
            }
            _ => None,
        };
        // Winning or losing a customer closes its open deal, or records the deal it had none for.
        let reason = lost_reason.filter(|_| stage == Stage::Lost);
        match store::deals::open_of(&w.tx, lead_id)? {
            Some(open) => {
                store::deals::close(w, open.id, stage, today, reason, sale)?;
            }
            None => {
                let deal = Deal {
                    lead_id,
                    rep_id: lead.owner_id,
                    stage,
                    value: sale.map_or(lead.estimated_value, |(_, amount)| amount),
                    closed_on: Some(today),
                    lost_reason: reason.map(str::to_string),
                    product,
                    sale_id: sale.map(|(id, _)| id),
                    ..Deal::default()
                };
                store::deals::add(w, &deal)?;
            }
        }
        Ok((after, summary))
    }
}

/// A sale with its won deal, so conversion and the customer's deals count it.
fn record_sale(w: &Writer<'_>, sale: Sale) -> Result<i64> {
    let id = store::sales::add(w, &sale)?;
    if let Some(lead_id) = sale.lead_id {
        let deal = Deal {
            lead_id,
            rep_id: Some(sale.rep_id),
            stage: Stage::Won,
            value: sale.amount,
            closed_on: Some(sale.closed_on),
            product: sale.product.clone(),
            sale_id: Some(id),
            ..Deal::default()
        };
        store::deals::add(w, &deal)?;
    }
    Ok(id)
}

/// A sale on its own (a repeat order), credited to `rep_id`.
pub fn add_sale(store: &mut Store, sale: Sale) -> Result<Done<i64>> {
    positive_sale(sale.amount)?;
    store.change(|w| {
        if let Some(lead_id) = sale.lead_id {
            store::leads::get(&w.tx, lead_id)?;
        }
        let rep = store::reps::get(&w.tx, sale.rep_id)?;
        let summary = Summary::new("change.sale_add").arg("amount", sale.amount).arg("rep", &rep.name);
        Ok((record_sale(w, sale)?, summary))
    })
}

pub fn set_follow_up(store: &mut Store, lead_id: i64, day: Option<NaiveDate>) -> Result<Done<Lead>> {
    store.change(|w| {
        let lead = lead_writes::set_follow_up(w, lead_id, day)?;
        let summary = match day {
            Some(day) => Summary::new("change.lead_follow_up").arg("lead", &lead.name).arg("day", day),
            None => Summary::new("change.lead_follow_up_cleared").arg("lead", &lead.name),
        };
        Ok((lead, summary))
    })
}

/// Edits a lead's own fields (not owner or stage, which have their own steps).
/// An edit that would make the lead look like another (same phone, e-mail, or name and
/// company) is refused like a new duplicate: merge them instead.
pub fn edit(store: &mut Store, lead: &Lead) -> Result<Done<Lead>> {
    store.change(|w| {
        let dups = duplicates_of(&w.tx, lead, Some(lead.id))?;
        if !dups.is_empty() {
            return Err(Error::conflict(
                Some("name"),
                Message::new("error.edit_duplicate").part("what", describe(&dups)),
            ));
        }
        let edited = store::lead_writes::update_fields(w, lead)?;
        let summary = Summary::new("change.lead_edit").arg("lead", &edited.name);
        Ok((edited, summary))
    })
}

/// Folds `gone` into `kept`, keeping every activity and sale and the earlier owner.
pub fn merge(store: &mut Store, kept: i64, gone: i64) -> Result<Done<Lead>> {
    if kept == gone {
        return Err(Error::conflict(Some("other"), Message::new("error.merge_self")));
    }
    store.change(|w| {
        let gone_name = store::leads::get(&w.tx, gone)?.name;
        let merged = lead_writes::merge(w, kept, gone)?;
        let summary = Summary::new("change.lead_merge").arg("lead", &merged.name).arg("other", gone_name);
        Ok((merged, summary))
    })
}

/// What the daily sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Sweep {
    pub to_pool: usize,
    pub renewed: usize,
}

/// Ends lapsed protection: a lead with no progress since its claim goes back to the pool
/// (its owner cools down), one that moved on keeps its owner with a fresh window.
pub fn sweep(store: &mut Store) -> Result<Option<Done<Sweep>>> {
    let rules = store::settings::ownership_rules(store.conn())?;
    let today = store.today();
    let lapsed = lead_writes::lapsed(store.conn(), today)?;
    if lapsed.is_empty() {
        return Ok(None);
    }
    let done = store.change(|w| -> Result<_> {
        let mut done = Sweep::default();
        for id in lapsed {
            let o = lead_writes::ownership(&w.tx, id)?;
            match rules.on_lapse(&o, today) {
                Some(Lapse::ToPool { owner_id }) => {
                    let change = OwnerChange {
                        owner_id: None,
                        claimed_on: None,
                        protected_until: None,
                        released_by: Some(owner_id),
                        released_on: Some(today),
                    };
                    lead_writes::set_owner(w, id, &change)?;
                    done.to_pool += 1;
                }
                Some(Lapse::Renewed { owner_id, until }) => {
                    let change = OwnerChange {
                        owner_id: Some(owner_id),
                        claimed_on: Some(today),
                        protected_until: Some(until),
                        released_by: o.released_by,
                        released_on: o.released_on,
                    };
                    lead_writes::set_owner(w, id, &change)?;
                    done.renewed += 1;
                }
                None => {}
            }
        }
        let summary = Summary::new("change.sweep").arg("to_pool", done.to_pool).arg("renewed", done.renewed);
        Ok((done, summary))
    })?;
    Ok(Some(done))
}
