//! Importing leads and deals: every row lands or is refused with its line and reason, the
//! good rows in one transaction; a cell that does not read is dropped and reported, a value
//! no vocabulary knows lands as the default and is reported; a second import adds nothing.

use super::{DealCounts, ImportReport, Refusal, SameCustomer};
use crate::domain::deal::why_not_won;
use crate::domain::lead::OwnershipRules;
use crate::domain::lead_form::fresh;
use crate::domain::model::{Deal, Lead, Outcome, Sale, Stage};
use crate::domain::money::Money;
use crate::domain::rep::RepFields;
use crate::interchange::columns::Row;
use crate::interchange::leads::person;
use crate::interchange::vocab::{Vocabulary, WordField};
use crate::store::lead_writes::{Identities, Keys};
use crate::store::{self, Result, Store, Writer};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Reps named in a file, by name, made when first met (the report lists them).
#[derive(Default)]
struct Reps {
    known: HashMap<String, (i64, String)>,
    new: Vec<String>,
}

impl Reps {
    /// The rep's id and name, or why the name cannot be a rep's.
    fn id(&mut self, w: &Writer<'_>, name: &str) -> Result<std::result::Result<(i64, String), String>> {
        let key = name.trim().to_lowercase();
        if let Some(known) = self.known.get(&key) {
            return Ok(Ok(known.clone()));
        }
        let by_email = if name.contains('@') { store::reps::find_by_email(&w.tx, name)? } else { None };
        let rep = match by_email.map_or_else(|| store::reps::find_by_name(&w.tx, name), |r| Ok(Some(r)))? {
            Some(rep) => (rep.id, rep.name),
            None => {
                let draft = match (RepFields { name: name.trim().into(), ..RepFields::default() }).validate() {
                    Ok(d) => d,
                    Err(e) => return Ok(Err(e.message)),
                };
                self.new.push(draft.name.clone());
                (store::reps::insert(w, &draft)?.id, draft.name)
            }
        };
        self.known.insert(key, rep.clone());
        Ok(Ok(rep))
    }

    /// The owner a row names, or none; a name that cannot be a rep's is a dropped cell.
    fn owner(
        &mut self,
        w: &Writer<'_>,
        row: &Row,
        field: &str,
        report: &mut ImportReport,
    ) -> Result<Option<(i64, String)>> {
        let Some(name) = row.get(field).filter(|n| !crate::interchange::leads::names_nobody(n)) else {
            return Ok(None);
        };
        Ok(match self.id(w, name)? {
            Ok(rep) => Some(rep),
            Err(_) => {
                report.drop_cell(row.line, row.bad(field, "a rep's name").unwrap_or_default());
                None
            }
        })
    }
}

/// What every row of one import is judged by: the business's ownership rules and the day.
struct Day {
    rules: OwnershipRules,
    today: NaiveDate,
}

impl Day {
    fn of(store: &Store) -> Result<Day> {
        Ok(Day { rules: store::settings::ownership_rules(store.conn())?, today: store.today() })
    }
}

fn refuse(report: &mut ImportReport, line: u64, reason: impl Into<String>) {
    report.refused.push(Refusal { line, reason: reason.into() });
}

/// A cell read as its field, or dropped (and reported) when it does not read.
fn cell<T>(
    report: &mut ImportReport,
    line: u64,
    read: std::result::Result<Option<T>, crate::interchange::columns::BadCell>,
) -> Option<T> {
    read.unwrap_or_else(|bad| {
        report.drop_cell(line, bad);
        None
    })
}

/// The row's phones; one a spreadsheet turned into a number (`1.39123E+10`) has lost its
/// digits, so it is dropped and said, with how to export it whole.
fn phones_of<'r>(row: &'r Row, report: &mut ImportReport) -> Vec<&'r str> {
    let (phones, mangled): (Vec<&str>, Vec<&str>) =
        row.phones().into_iter().partition(|p| !crate::domain::contact::written_as_a_number(p));
    for value in mangled {
        let column = row.header("phone").to_string();
        let wanted = "a phone with all its digits (the spreadsheet wrote it as a number: format the column as text and export again)";
        report.drop_cell(row.line, crate::interchange::columns::BadCell { column, value: value.to_string(), wanted });
    }
    phones
}

/// A lead from the row's contact columns (its phones apart); what does not read is dropped and reported.
fn lead_of(row: &Row, vocab: &Vocabulary, today: NaiveDate, name: String, report: &mut ImportReport) -> Lead {
    let line = row.line;
    let created = cell(report, line, row.date("created")).unwrap_or(today);
    let mut lead = fresh(created.min(today));
    lead.name = name;
    lead.company = row.owned("company");
    lead.email = row.get("email").and_then(crate::domain::contact::email_in);
    if lead.email.is_none() && row.get("email").is_some() {
        report.drop_cell(line, row.bad("email", "an e-mail address").unwrap_or_default());
    }
    lead.source = row.owned("source");
    if let Some(text) = row.get("channel") {
        lead.channel = vocab.channel(text);
        if lead.channel.is_none() {
            report.unknown_value(WordField::Channel, text, line, "no channel");
        }
    }
    if let Some(text) = row.get("category") {
        match vocab.category(text) {
            Some(c) => lead.category = c,
            None => report.unknown_value(WordField::Category, text, line, lead.category.as_str()),
        }
    }
    lead.estimated_value = cell(report, line, row.amount("value")).unwrap_or_default();
    lead.next_follow_up = cell(report, line, row.date("follow_up"));
    lead.external_id = row.owned("external_id");
    lead.note = row.owned("note");
    lead.lost_reason = row.owned("lost_reason");
    lead
}

/// A stage from the row's `field`: a known word, else `new` with the value reported.
fn stage_of(row: &Row, field: &str, vocab: &Vocabulary, report: &mut ImportReport) -> Option<Stage> {
    let text = row.get(field)?;
    let stage = vocab.stage(text);
    if stage.is_none() {
        report.unknown_value(WordField::Stage, text, row.line, "new");
    }
    Some(stage.unwrap_or(Stage::New))
}

/// Gives a new lead its owner (protected from today) and closes it when its stage is closed.
fn own_and_close(lead: &mut Lead, owner: Option<i64>, stage: Stage, closed: NaiveDate, day: &Day) {
    let (rules, today) = (&day.rules, day.today);
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
    /// the same customer in the file's CRM, recognised rather than doubled.
    Twin(i64),
}

fn known(ids: &Identities, lead: &Lead, keys: &Keys) -> Known {
    if let Some(id) = ids.by_external(keys) {
        return Known::Same(id);
    }
    let Some((id, by)) = ids.duplicate(keys) else { return Known::New };
    // No id of its own, or the `repdesk-<n>` an export gave this very lead: the same lead.
    if lead.external_id.is_none() || lead.external_id.as_deref() == Some(format!("repdesk-{id}").as_str()) {
        return Known::Same(id);
    }
    // Two records of another system that share a name and nothing else are two customers.
    if by == crate::domain::contact::MatchedBy::NameAlone {
        return Known::New;
    }
    Known::Twin(id)
}

/// What a lead import remembers as it goes: the line that added each lead, so a later row of
/// the same customer is reported with both lines, and each lead's owner (read once), so a row
/// that names the same owner costs no query.
struct Seen {
    added: HashMap<i64, u64>,
    owners: HashMap<i64, i64>,
    /// Stored leads still at `new`, the stage a value no vocabulary knew lands as.
    at_new: std::collections::HashSet<i64>,
}

/// A row of a customer already known: reported with the earlier line, and when the row
/// names another owner than the one protecting the customer, that claim is refused and
/// recorded as the Risks tab's poaching record.
fn same_customer(
    w: &Writer<'_>,
    report: &mut ImportReport,
    line: u64,
    lead_id: i64,
    seen: &Seen,
    named_owner: Option<(i64, String)>,
    today: NaiveDate,
) -> Result<()> {
    let first_line = seen.added.get(&lead_id).copied();
    let stored_owner = seen.owners.get(&lead_id).copied();
    let other_owner = named_owner.as_ref().is_some_and(|(rep, _)| stored_owner.is_some_and(|o| o != *rep));
    if first_line.is_none() && !other_owner {
        // A customer stored before the file, named with its own owner or none: only counted.
        return Ok(());
    }
    let lead = store::leads::get(&w.tx, lead_id)?;
    let claim = match (named_owner, lead.owner_id) {
        (Some((rep, rep_name)), Some(owner))
            if rep != owner && lead.stage.is_open() && lead.protected_until.is_some_and(|u| u >= today) =>
        {
            let record = super::leads::RefusedClaim {
                rep_id: rep,
                owner_id: Some(owner),
                protected_until: lead.protected_until,
                reason: format!("line {line} of an import names {rep_name} as the owner"),
            };
            store::lead_writes::record_refusal(w, lead_id, &record)?;
            Some((store::reps::get(&w.tx, owner)?.name, rep_name))
        }
        _ => None,
    };
    if first_line.is_some() || claim.is_some() {
        report.same_customer.push(SameCustomer { line, first_line, lead_id, customer: lead.name, claim });
    }
    Ok(())
}

/// Fills what a stored lead lacks from a row of the same customer: a phone it does not have
/// yet (each one finds the lead) and an e-mail. A blank cell never erases; a stored value is
/// never overwritten.
fn fill_gaps(
    w: &Writer<'_>,
    report: &mut ImportReport,
    lead_id: i64,
    row_lead: &Lead,
    phones: &[&str],
    ids: &Identities,
) -> Result<bool> {
    let mut stored = store::leads::get(&w.tx, lead_id)?;
    // A phone or e-mail another lead has stays with that lead.
    let mut new_phones: Vec<String> = phones
        .iter()
        .filter(|p| crate::domain::contact::normalise_phone(p).is_some_and(|n| !ids.has_phone(&n)))
        .map(|p| p.to_string())
        .collect();
    let mut edited = false;
    let email_free = Keys::of(row_lead).email().is_some_and(|e| !ids.has_email(e));
    if stored.email.is_none() && email_free {
        stored.email = row_lead.email.clone();
        report.changed("email");
        edited = true;
    }
    let phone_changed = !new_phones.is_empty();
    if stored.phone.is_none() && phone_changed {
        stored.phone = Some(new_phones.remove(0));
        edited = true;
    }
    if edited {
        store::lead_writes::update_fields(w, &stored)?;
    }
    if !new_phones.is_empty() {
        store::lead_writes::add_phones(&w.tx, lead_id, stored.phone.as_deref(), &new_phones)?;
        store::audit::record::<(), Vec<String>>(w, "lead", Some(lead_id), "phones", None, Some(&new_phones))?;
    }
    if phone_changed {
        report.changed("phone");
    }
    Ok(edited || phone_changed)
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
/// company) keeps what it has, gains only what it lacked, and is reported.
pub fn leads(store: &mut Store, rows: &[Row], vocab: &Vocabulary, dry_run: bool) -> Result<ImportReport> {
    let day = Day::of(store)?;
    run(store, rows.len(), dry_run, |w| {
        let mut report = ImportReport::default();
        let mut reps = Reps::default();
        let mut ids = Identities::load(&w.tx, rows.len())?;
        let mut seen = Seen {
            added: HashMap::new(),
            owners: store::lead_writes::owners(&w.tx)?,
            at_new: store::lead_writes::at_new(&w.tx)?,
        };
        for row in rows {
            let Some(name) = person(row).or_else(|| row.owned("company")) else {
                refuse(&mut report, row.line, "no name or company: the row says nothing about who the customer is");
                continue;
            };
            let stage = stage_of(row, "stage", vocab, &mut report).unwrap_or(Stage::New);
            let mut lead = lead_of(row, vocab, day.today, name, &mut report);
            let phones = phones_of(row, &mut report);
            lead.phone = phones.first().map(|p| p.to_string());
            let keys = Keys::with_phones(&lead, &phones);
            match known(&ids, &lead, &keys) {
                Known::New => {}
                Known::Same(id) | Known::Twin(id) => {
                    let owner = reps.owner(w, row, "owner", &mut report)?;
                    same_customer(w, &mut report, row.line, id, &seen, owner, day.today)?;
                    // A customer still at `new` takes the stage the file knows (say, once
                    // `--values` maps the word that landed it as new).
                    let staged = stage != Stage::New && seen.at_new.remove(&id) && {
                        let reason = lead.lost_reason.as_deref().unwrap_or("lost in the imported file");
                        store::lead_writes::set_stage(w, id, stage, Some(reason), day.today)?;
                        report.changed("stage");
                        true
                    };
                    let filled = !ids.knows_all(id, &keys) && fill_gaps(w, &mut report, id, &lead, &phones, &ids)?;
                    if filled {
                        // What it gained finds it from the next row on.
                        ids.add(id, keys);
                    }
                    if staged || filled {
                        report.updated += 1;
                    } else {
                        report.unchanged += 1;
                    }
                    continue;
                }
            }
            let owner = reps.owner(w, row, "owner", &mut report)?.map(|(id, _)| id);
            let closed = lead.created_on;
            own_and_close(&mut lead, owner, stage, closed, &day);
            let id = store::lead_writes::add_imported(w, &lead, row.line)?;
            if phones.len() > 1 {
                store::lead_writes::add_phones(&w.tx, id, lead.phone.as_deref(), &phones)?;
            }
            ids.add(id, keys);
            seen.added.insert(id, row.line);
            if let Some(rep) = owner {
                seen.owners.insert(id, rep);
            }
            report.added += 1;
        }
        report.new_reps = reps.new;
        Ok(report)
    })
}

/// What a deal row says, read.
struct DealRow {
    stage: Stage,
    amount: Option<Money>,
    opened: Option<NaiveDate>,
    closed: Option<NaiveDate>,
}

fn deal_of(row: &Row, vocab: &Vocabulary, report: &mut ImportReport) -> DealRow {
    let line = row.line;
    // The status column decides the outcome where the export has one; the stage otherwise.
    let stage = stage_of(row, "stage", vocab, report);
    let outcome = match row.get("status") {
        Some(status) => match vocab.stage(status) {
            Some(s) => Outcome::of(s),
            None => {
                report.unknown_value(WordField::Stage, status, line, "open");
                Outcome::Open
            }
        },
        None => stage.map_or(Outcome::Open, Outcome::of),
    };
    let closed = cell(report, line, row.date("closed"));
    let amount = cell(report, line, row.amount("amount"));
    // A file with neither stage nor status is a list of sales (a ledger): a row closed on a
    // day for an amount is won.
    let ledger = !row.file_has("stage") && !row.file_has("status");
    let outcome =
        if ledger && closed.is_some() && amount.is_some_and(|a| a.cents() > 0) { Outcome::Won } else { outcome };
    let stage = match outcome {
        Outcome::Won => Stage::Won,
        Outcome::Lost => Stage::Lost,
        Outcome::Open => stage.filter(|s| s.is_open()).unwrap_or(Stage::New),
    };
    let opened = cell(report, line, row.date("opened"));
    DealRow { stage, amount, opened, closed }
}

/// Imports deals, each a record of its own on its customer: the person or organization of
/// the export, matched to a lead already there by the rules of a lead import. A won deal is
/// a sale on its close date; a deal's own id keeps a second import from adding it again.
pub fn deals(store: &mut Store, rows: &[Row], vocab: &Vocabulary, dry_run: bool) -> Result<ImportReport> {
    let day = Day::of(store)?;
    run(store, rows.len(), dry_run, |w| {
        let mut report = ImportReport::default();
        let mut reps = Reps::default();
        let mut ids = Identities::load(&w.tx, rows.len())?;
        for row in rows {
            let read = deal_of(row, vocab, &mut report);
            let external = row.owned("external_id");
            let stored = match &external {
                Some(ext) => {
                    store::deals::by_external_id(&w.tx, ext)?.map(|id| store::deals::get(&w.tx, id)).transpose()?
                }
                None => None,
            };
            // A deal already here changes only while it is open, to a stage the file knows.
            if let Some(deal) = &stored
                && (deal.outcome() != Outcome::Open || deal.stage == read.stage || read.stage == Stage::New)
            {
                report.unchanged += 1;
                continue;
            }
            let rep = reps.owner(w, row, "rep", &mut report)?;
            if read.stage == Stage::Won
                && let Some(why) = why_not_won(rep.as_ref().map(|r| r.0), read.amount, read.closed)
            {
                refuse(&mut report, row.line, why);
                continue;
            }
            let rep_id = rep.map(|r| r.0);
            if let Some(deal) = stored {
                move_on(w, &deal, &read, rep_id.or(deal.rep_id), row, &day)?;
                report.changed("stage");
                report.updated += 1;
                continue;
            }
            let Some(lead_id) = customer_of(w, row, &read, rep_id, &mut ids, &day, &mut report)? else {
                refuse(&mut report, row.line, "no customer, company, title or deal id: nothing to attach the deal to");
                continue;
            };
            let mut deal = Deal {
                lead_id,
                rep_id,
                title: row.owned("title"),
                stage: read.stage,
                value: read.amount.unwrap_or_default(),
                opened_on: read.opened,
                closed_on: if read.stage.is_open() { None } else { read.closed.or(Some(day.today)) },
                lost_reason: (read.stage == Stage::Lost).then(|| row.owned("lost_reason")).flatten(),
                product: row.owned("product"),
                external_id: external.clone(),
                ..Deal::default()
            };
            if external.is_none() && store::deals::same_exists(&w.tx, &deal)? {
                // Without an id of its own, the same deal of the same customer is taken as already here.
                report.unchanged += 1;
                continue;
            }
            if let (Stage::Won, Some(rep_id), Some(closed)) = (deal.stage, rep_id, deal.closed_on) {
                let sale = Sale {
                    lead_id: Some(lead_id),
                    rep_id,
                    amount: deal.value,
                    closed_on: closed,
                    product: deal.product.clone(),
                };
                deal.sale_id = Some(store::sales::add_with_id(w, &sale, external.as_deref())?);
                if store::leads::get(&w.tx, lead_id)?.stage != Stage::Won {
                    store::lead_writes::set_stage(w, lead_id, Stage::Won, None, closed)?;
                    report.changed("stage");
                }
            }
            store::deals::add_imported(w, &deal, row.line)?;
            count(&mut report.deals, deal.outcome());
            report.added += 1;
        }
        report.new_reps = reps.new;
        Ok(report)
    })
}

/// An open deal a newer export moved on: to another open stage, or closed as won (its sale
/// recorded, as a won deal's is) or lost.
fn move_on(w: &Writer<'_>, deal: &Deal, read: &DealRow, rep_id: Option<i64>, row: &Row, day: &Day) -> Result<()> {
    let closed = read.closed.unwrap_or(day.today);
    match (read.stage, rep_id, read.amount) {
        (Stage::Won, Some(rep_id), Some(amount)) => {
            let product = row.owned("product").or(deal.product.clone());
            let sale = Sale { lead_id: Some(deal.lead_id), rep_id, amount, closed_on: closed, product };
            let sale_id = store::sales::add_with_id(w, &sale, deal.external_id.as_deref())?;
            store::deals::close(w, deal.id, Stage::Won, closed, None, Some((sale_id, amount)))?;
            if store::leads::get(&w.tx, deal.lead_id)?.stage != Stage::Won {
                store::lead_writes::set_stage(w, deal.lead_id, Stage::Won, None, closed)?;
            }
        }
        (Stage::Lost, ..) => {
            let reason = row.owned("lost_reason");
            store::deals::close(w, deal.id, Stage::Lost, closed, reason.as_deref(), None)?;
        }
        (stage, ..) => {
            store::deals::set_stage(w, deal.id, stage)?;
        }
    }
    Ok(())
}

fn count(counts: &mut DealCounts, outcome: Outcome) {
    match outcome {
        Outcome::Open => counts.open += 1,
        Outcome::Won => counts.won += 1,
        Outcome::Lost => counts.lost += 1,
    }
}

/// The lead a deal row belongs to: a customer already there (given to the deal's owner
/// when nobody owns it), or a new lead made from the row.
fn customer_of(
    w: &Writer<'_>,
    row: &Row,
    read: &DealRow,
    rep_id: Option<i64>,
    ids: &mut Identities,
    day: &Day,
    report: &mut ImportReport,
) -> Result<Option<i64>> {
    let (customer, company) = (row.owned("customer"), row.owned("company"));
    let nameless = customer.is_none() && company.is_none();
    // A deal with no customer is kept on one named after it: its title, else its id.
    let after_deal = row.owned("title").or_else(|| row.owned("external_id"));
    let Some(name) = customer.clone().or_else(|| company.clone()).or_else(|| after_deal.clone()) else {
        return Ok(None);
    };
    let today = day.today;
    let mut lead = fresh(today);
    lead.name = name;
    lead.company = company;
    let phones = phones_of(row, report);
    lead.phone = phones.first().map(|p| p.to_string());
    lead.email = row.get("email").and_then(crate::domain::contact::email_in);
    // That customer is known again by the deal's id (or title), so a second import adds nothing.
    if nameless {
        lead.external_id = row.owned("external_id").or(after_deal).map(|e| format!("deal:{e}"));
    }
    let keys = Keys::with_phones(&lead, &phones);
    let matched = match known(ids, &lead, &keys) {
        Known::Same(id) | Known::Twin(id) => Some(id),
        // An organization without a person is the customer of that company already here.
        Known::New if customer.is_none() => ids.by_company(&keys),
        Known::New => None,
    };
    if let Some(id) = matched {
        // A customer in the pool (say, an imported account) is the deal owner's from now.
        if let Some(rep) = rep_id
            && store::lead_writes::ownership(&w.tx, id)?.owner_id.is_none()
        {
            let change = store::lead_writes::OwnerChange {
                owner_id: Some(rep),
                claimed_on: Some(today),
                protected_until: Some(day.rules.window_from(today)),
                released_by: None,
                released_on: None,
            };
            store::lead_writes::set_owner(w, id, &change, "assign")?;
            report.changed("owner");
        }
        // An open or lost deal's value is the customer's estimate where it had none.
        let stored = store::leads::get(&w.tx, id)?;
        if let Some(value) = read.amount.filter(|v| v.cents() > 0 && read.stage != Stage::Won)
            && stored.estimated_value.cents() == 0
        {
            store::lead_writes::update_fields(w, &Lead { estimated_value: value, ..stored })?;
            report.changed("value");
        }
        return Ok(Some(id));
    }
    if nameless {
        report.deals_without_customer += 1;
    }
    // The customer is as old as the deal's first known date; opened stays the file's.
    let first = [read.opened, read.closed].into_iter().flatten().min().unwrap_or(today);
    lead.created_on = first.min(today);
    lead.stage_changed_on = lead.created_on;
    lead.estimated_value = read.amount.unwrap_or_default();
    lead.lost_reason = row.owned("lost_reason");
    let closed = read.closed.unwrap_or(lead.created_on);
    own_and_close(&mut lead, rep_id, read.stage, closed, day);
    let id = store::lead_writes::add_imported(w, &lead, row.line)?;
    if phones.len() > 1 {
        store::lead_writes::add_phones(&w.tx, id, lead.phone.as_deref(), &phones)?;
    }
    ids.add(id, keys);
    Ok(Some(id))
}
