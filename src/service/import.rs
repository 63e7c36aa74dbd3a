//! Importing leads and deals: every row lands or is refused with its line and reason, the
//! good rows in one transaction; a second import of the same file adds nothing.

use super::{ImportReport, Refusal};
use crate::domain::lead::OwnershipRules;
use crate::domain::lead_form::fresh;
use crate::domain::model::{Lead, Sale, Stage};
use crate::domain::rep::{RepFields, parse_channel};
use crate::interchange::leads::{Row, deal_outcome, lead_stage, loose_date, loose_money};
use crate::store::lead_writes::{Identities, Keys};
use crate::store::{self, Result, Store, Writer};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Reps named in a file, by name, made when first met (the report lists them).
struct Reps<'a> {
    known: HashMap<String, i64>,
    report: &'a mut ImportReport,
}

impl Reps<'_> {
    /// The rep's id, or why the name cannot be a rep (the row is refused, not the file).
    fn id(&mut self, w: &Writer<'_>, name: &str) -> Result<std::result::Result<i64, String>> {
        let key = name.trim().to_lowercase();
        if let Some(&id) = self.known.get(&key) {
            return Ok(Ok(id));
        }
        let id = match store::reps::find_by_name(&w.tx, name)? {
            Some(rep) => rep.id,
            None => {
                let draft = match (RepFields { name: name.trim().into(), ..RepFields::default() }).validate() {
                    Ok(d) => d,
                    Err(e) => return Ok(Err(format!("owner: {}", e.message))),
                };
                self.report.new_reps.push(draft.name.clone());
                store::reps::insert(w, &draft)?.id
            }
        };
        self.known.insert(key, id);
        Ok(Ok(id))
    }
}

fn refuse(report: &mut ImportReport, line: u64, reason: impl Into<String>) {
    report.refused.push(Refusal { line, reason: reason.into() });
}

/// A lead from the row's contact columns, or why not.
fn lead_of(row: &Row, today: NaiveDate, name: String) -> std::result::Result<Lead, String> {
    let created = match row.get("created") {
        Some(text) => loose_date(text).ok_or_else(|| format!("created: '{text}' is not a date"))?,
        None => today,
    };
    let mut lead = fresh(created.min(today));
    lead.name = name;
    lead.company = row.owned("company");
    lead.phone = row.owned("phone");
    lead.email = row.owned("email").map(|e| e.to_lowercase());
    lead.source = row.owned("source");
    if let Some(text) = row.get("channel") {
        lead.channel =
            Some(parse_channel(text).ok_or_else(|| format!("channel: '{text}' is not field, phone, online or store"))?);
    }
    if let Some(text) = row.get("category") {
        lead.category =
            row.category().ok_or_else(|| format!("category: '{text}' is not prospect, new, loyal, dormant or vip"))?;
    }
    if let Some(text) = row.get("value") {
        lead.estimated_value = loose_money(text).ok_or_else(|| format!("value: '{text}' is not an amount"))?;
    }
    if let Some(text) = row.get("follow_up") {
        lead.next_follow_up = Some(loose_date(text).ok_or_else(|| format!("follow-up: '{text}' is not a date"))?);
    }
    lead.external_id = row.owned("external_id");
    lead.note = row.owned("note");
    lead.lost_reason = row.owned("lost_reason");
    Ok(lead)
}

/// Gives a new lead its owner (protected from today) and closes it when its stage is closed.
fn own_and_close(
    lead: &mut Lead,
    owner: Option<i64>,
    stage: Stage,
    closed: NaiveDate,
    rules: &OwnershipRules,
    today: NaiveDate,
) {
    lead.stage = stage;
    lead.stage_changed_on = closed;
    if !stage.is_open() {
        lead.closed_on = Some(closed);
    }
    if stage == Stage::Lost && lead.lost_reason.is_none() {
        lead.lost_reason = Some("lost in the imported file".into());
    }
    if let Some(rep) = owner {
        // The import is the claim: its window and its 45-day limit count from today.
        lead.owner_id = Some(rep);
        lead.claimed_on = Some(today.max(lead.created_on));
        lead.protected_until = Some(if stage.is_open() { rules.window_from(today) } else { closed });
    }
}

/// What the database already knows of a row's customer.
enum Known {
    /// Nothing: the row is a new lead.
    New,
    /// The same lead: by its own id, or (a row without one) as a duplicate.
    Same(i64),
    /// A row with an id no lead has that looks like a lead already here: another record of
    /// the same customer, refused rather than doubled.
    Twin(String),
}

fn known(w: &Writer<'_>, ids: &Identities, lead: &Lead, keys: &Keys) -> Result<Known> {
    if let Some(id) = ids.by_external(keys) {
        return Ok(Known::Same(id));
    }
    let Some((id, _)) = ids.duplicate(keys) else { return Ok(Known::New) };
    // No id of its own, or the `repdesk-<n>` an export gave this very lead: the same lead.
    if lead.external_id.is_none() || lead.external_id.as_deref() == Some(format!("repdesk-{id}").as_str()) {
        return Ok(Known::Same(id));
    }
    let name = store::leads::get(&w.tx, id)?.name;
    Ok(Known::Twin(format!("looks like lead {id} {name} already here; merge them or fix the file")))
}

/// From this many rows on, an import builds the indexes it does not read once, at the end.
const BULK_ROWS: usize = 5_000;

/// The indexes of leads and audit rows an import reads while it runs: none, since leads are
/// recognised through their identities held in memory and read by id.
const READ_WHILE_IMPORTING: &[&str] = &[];

fn run(
    store: &mut Store,
    rows: usize,
    dry_run: bool,
    work: impl FnOnce(&Writer<'_>) -> Result<ImportReport>,
) -> Result<ImportReport> {
    let bulk = |w: &Writer<'_>| {
        // A large file touches every index page; the bulk cache keeps them in memory meanwhile.
        let _cache = store::bulk::BulkCache::new(&w.tx)?;
        // Leads and audit rows go in without the indexes the import does not read; sorting
        // them in once at the end is cheaper than row by row. Sales keep their triggers.
        // Rebuilding costs what the table holds, so only when the file is most of it.
        let deferred = if rows >= BULK_ROWS && rows as i64 >= store::leads::count(&w.tx)? {
            Some(store::bulk::Deferred::drop(w, &["leads", "audit_log"], READ_WHILE_IMPORTING)?)
        } else {
            None
        };
        let report = work(w)?;
        if let Some(d) = deferred {
            d.restore(w)?;
        }
        Ok(report)
    };
    if dry_run { store.trial(bulk) } else { store.write(bulk) }
}

/// Imports leads; a lead already there (same external id, phone, e-mail, or name and
/// company) is left as it is and counted unchanged.
pub fn leads(store: &mut Store, rows: &[Row], dry_run: bool) -> Result<ImportReport> {
    let today = store.today();
    let rules = store::settings::ownership_rules(store.conn())?;
    run(store, rows.len(), dry_run, |w| {
        let mut report = ImportReport::default();
        let mut reps = Reps { known: HashMap::new(), report: &mut ImportReport::default() };
        let mut ids = Identities::load(&w.tx, rows.len())?;
        for row in rows {
            let Some(name) = row.person().or_else(|| row.owned("company")) else {
                refuse(&mut report, row.line, "no name or company: the row says nothing about who the customer is");
                continue;
            };
            let stage = match row.get("stage") {
                None => Stage::New,
                Some(text) => match lead_stage(text) {
                    Some(s) => s,
                    None => {
                        refuse(
                            &mut report,
                            row.line,
                            format!("stage: '{text}' is not a stage repdesk knows; map it with --map or fix the cell"),
                        );
                        continue;
                    }
                },
            };
            let mut lead = match lead_of(row, today, name) {
                Ok(lead) => lead,
                Err(reason) => {
                    refuse(&mut report, row.line, reason);
                    continue;
                }
            };
            let keys = Keys::of(&lead);
            match known(w, &ids, &lead, &keys)? {
                Known::New => {}
                Known::Same(_) => {
                    report.unchanged += 1;
                    continue;
                }
                Known::Twin(reason) => {
                    refuse(&mut report, row.line, reason);
                    continue;
                }
            }
            let owner = match row.get("owner").map(|o| reps.id(w, o)).transpose()? {
                Some(Err(reason)) => {
                    refuse(&mut report, row.line, reason);
                    continue;
                }
                found => found.map(|r| r.unwrap_or_default()),
            };
            let closed = lead.created_on;
            own_and_close(&mut lead, owner, stage, closed, &rules, today);
            ids.add(store::lead_writes::add_imported(w, &lead, row.line)?, keys);
            report.added += 1;
        }
        report.new_reps = std::mem::take(&mut reps.report.new_reps);
        Ok(report)
    })
}

/// What a deal row decides.
struct Deal {
    rep: String,
    outcome: Option<Stage>,
    open_stage: Stage,
    amount: Option<crate::domain::money::Money>,
    closed: Option<NaiveDate>,
}

fn deal_of(row: &Row) -> std::result::Result<Deal, String> {
    let rep = row.owned("rep").ok_or("no owner: name the rep who owns the deal")?;
    // The status column decides where the export has one; else the stage words.
    let outcome = match row.get("status") {
        Some(status) => deal_outcome(status),
        None => row.get("stage").and_then(deal_outcome),
    };
    let open_stage = row.get("stage").and_then(lead_stage).filter(|s| s.is_open()).unwrap_or(Stage::Contacted);
    let amount = match row.get("amount") {
        Some(text) => Some(loose_money(text).ok_or_else(|| format!("amount: '{text}' is not an amount"))?),
        None => None,
    };
    let closed = match row.get("closed") {
        Some(text) => Some(loose_date(text).ok_or_else(|| format!("close date: '{text}' is not a date"))?),
        None => None,
    };
    if outcome == Some(Stage::Won) {
        if amount.is_none_or(|a| a.cents() <= 0) {
            return Err("a won deal without an amount: fill in what it sold for".into());
        }
        if closed.is_none() {
            return Err("a won deal without a close date: fill in the day it was won".into());
        }
    }
    Ok(Deal { rep, outcome, open_stage, amount, closed })
}

/// Imports deals. Accounts become leads (one per customer); a won deal is a sale on its
/// close date by its owner; a deal's own id keeps a second import from adding it again.
pub fn deals(store: &mut Store, rows: &[Row], dry_run: bool) -> Result<ImportReport> {
    let today = store.today();
    let rules = store::settings::ownership_rules(store.conn())?;
    run(store, rows.len(), dry_run, |w| {
        let mut report = ImportReport::default();
        let mut new_reps = ImportReport::default();
        let mut reps = Reps { known: HashMap::new(), report: &mut new_reps };
        let mut ids = Identities::load(&w.tx, rows.len())?;
        for row in rows {
            let deal = match deal_of(row) {
                Ok(d) => d,
                Err(reason) => {
                    refuse(&mut report, row.line, reason);
                    continue;
                }
            };
            let external = row.owned("external_id");
            if let Some(ext) = &external
                && store::sales::by_external_id(&w.tx, ext)?.is_some()
            {
                report.unchanged += 1;
                continue;
            }
            let Some(name) = row
                .owned("customer")
                .or_else(|| row.owned("company"))
                .or_else(|| external.as_ref().map(|e| format!("deal {e}")))
            else {
                refuse(&mut report, row.line, "no customer, company or deal id: nothing to attach the deal to");
                continue;
            };
            let rep_id = match reps.id(w, &deal.rep)? {
                Ok(id) => id,
                Err(reason) => {
                    refuse(&mut report, row.line, reason);
                    continue;
                }
            };
            let mut probe = fresh(today);
            probe.name = name.clone();
            probe.company = row.owned("company");
            probe.phone = row.owned("phone");
            probe.email = row.owned("email").map(|e| e.to_lowercase());
            // A deal with no customer or company is its own lead, known again by the deal's id.
            if row.get("customer").is_none() && row.get("company").is_none() {
                probe.external_id = external.as_ref().map(|e| format!("deal:{e}"));
            }
            let keys = Keys::of(&probe);
            let (lead_id, created) = match known(w, &ids, &probe, &keys)? {
                Known::Same(id) => {
                    // A customer in the pool (say, an imported account) is the deal owner's from now.
                    if store::lead_writes::ownership(&w.tx, id)?.owner_id.is_none() {
                        let change = store::lead_writes::OwnerChange {
                            owner_id: Some(rep_id),
                            claimed_on: Some(today),
                            protected_until: Some(rules.window_from(today)),
                            released_by: None,
                            released_on: None,
                        };
                        store::lead_writes::set_owner(w, id, &change, "assign")?;
                    }
                    (id, false)
                }
                Known::Twin(_) | Known::New => {
                    let mut lead = probe;
                    if let Some(opened) = row.get("opened").and_then(loose_date) {
                        lead.created_on = opened.min(today);
                        lead.stage_changed_on = lead.created_on;
                    }
                    let stage = deal.outcome.unwrap_or(deal.open_stage);
                    let closed = deal.closed.unwrap_or(lead.created_on);
                    own_and_close(&mut lead, Some(rep_id), stage, closed, &rules, today);
                    let id = store::lead_writes::add_imported(w, &lead, row.line)?;
                    ids.add(id, keys);
                    (id, true)
                }
            };
            match (deal.outcome, deal.amount, deal.closed) {
                (Some(Stage::Won), Some(amount), Some(closed))
                    if external.is_none() && store::sales::same_exists(&w.tx, lead_id, rep_id, amount, closed)? =>
                {
                    // Without an id of its own, the same sale on the same day is taken as already here.
                    report.unchanged += 1;
                }
                (Some(Stage::Won), Some(amount), Some(closed)) => {
                    let sale = Sale {
                        lead_id: Some(lead_id),
                        rep_id,
                        amount,
                        closed_on: closed,
                        product: row.owned("product"),
                    };
                    store::sales::add_with_id(w, &sale, external.as_deref())?;
                    let lead = store::leads::get(&w.tx, lead_id)?;
                    if lead.stage != Stage::Won {
                        store::lead_writes::set_stage(w, lead_id, Stage::Won, None, closed)?;
                    }
                    report.added += 1;
                }
                // An open or lost deal is its customer's lead: new, or already there.
                _ if created => report.added += 1,
                _ => report.unchanged += 1,
            }
        }
        report.new_reps = new_reps.new_reps;
        Ok(report)
    })
}
