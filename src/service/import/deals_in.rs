//! Importing deals: each a record of its own on its customer, a won one also a sale.

use super::{Day, Known, Reps, cell, known, own_and_close, phones_of, refuse, run, stage_of};
use crate::domain::deal::{customer_stage, why_not_won};
use crate::domain::lead_form::fresh;
use crate::domain::message::Message;
use crate::domain::model::{Deal, Lead, Outcome, Sale, Stage};
use crate::domain::money::Money;
use crate::interchange::columns::Row;
use crate::interchange::vocab::{Vocabulary, WordField};
use crate::service::error::Result;
use crate::service::{DealCounts, ImportReport, Imported};
use crate::store::lead_writes::{Identities, Keys};
use crate::store::{self, Store, Writer};
use chrono::NaiveDate;

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
pub fn deals(store: &mut Store, rows: &[Row], vocab: &Vocabulary, dry_run: bool) -> Result<Imported> {
    let day = Day::of(store)?;
    run(store, "deals", rows.len(), dry_run, |w| {
        let mut report = ImportReport::default();
        let mut reps = Reps::default();
        let mut ids = Identities::load(&w.tx, rows.len())?;
        for row in rows {
            w.progress.add(1);
            let read = deal_of(row, vocab, &mut report);
            let external = row.owned("external_id");
            let stored = match &external {
                Some(ext) => {
                    store::deals::by_external_id(&w.tx, ext)?.map(|id| store::deals::get(&w.tx, id)).transpose()?
                }
                None => None,
            };
            if let Some(deal) = &stored
                && !moves_on(deal, &read)
            {
                report.unchanged += 1;
                continue;
            }
            let rep = reps.owner(w, row, "rep", &mut report)?;
            if read.stage == Stage::Won
                && let Some(why) = why_not_won(rep.as_ref().map(|r| r.0), read.amount, read.closed)
            {
                refuse(&mut report, row.line, Message::new(why));
                continue;
            }
            let rep_id = rep.map(|r| r.0);
            if let Some(deal) = stored {
                move_on(w, &deal, &read, rep_id.or(deal.rep_id), row, &day, &mut report)?;
                continue;
            }
            let Some(lead_id) = customer_of(w, row, &read, rep_id, &mut ids, &day, &mut report)? else {
                refuse(&mut report, row.line, Message::new("import.deal_no_customer"));
                continue;
            };
            // A deal without an id of its own is known again by its title on its customer.
            let titled = match (&external, row.get("title")) {
                (None, Some(title)) => store::deals::by_title(&w.tx, lead_id, title)?,
                _ => None,
            };
            if let Some(deal) = titled {
                if moves_on(&deal, &read) {
                    move_on(w, &deal, &read, rep_id.or(deal.rep_id), row, &day, &mut report)?;
                } else {
                    report.unchanged += 1;
                }
                continue;
            }
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
            // The close date a file leaves out (today's, for a lost deal) tells nothing.
            if external.is_none() && store::deals::same_exists(&w.tx, &Deal { closed_on: read.closed, ..deal.clone() })?
            {
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
                customer_follows(w, lead_id, Stage::Won, row, closed, &mut report)?;
            }
            store::deals::add_imported(w, &deal)?;
            count(&mut report.deals, deal.outcome());
            report.added += 1;
        }
        report.new_reps = reps.new;
        Ok(report)
    })
}

/// Whether a newer row of a deal already here moves it on: only an open deal moves, to a
/// stage the file knows or to another value.
fn moves_on(deal: &Deal, read: &DealRow) -> bool {
    deal.outcome() == Outcome::Open
        && ((read.stage != Stage::New && read.stage != deal.stage) || read.amount.is_some_and(|a| a != deal.value))
}

/// An open deal a newer export moved on: to another open stage or value, or closed as won
/// (its sale recorded, as a won deal's is) or lost.
fn move_on(
    w: &Writer<'_>,
    deal: &Deal,
    read: &DealRow,
    rep_id: Option<i64>,
    row: &Row,
    day: &Day,
    report: &mut ImportReport,
) -> Result<()> {
    report.updated += 1;
    if read.stage != deal.stage && read.stage != Stage::New {
        report.changed("stage");
    }
    if read.amount.is_some_and(|a| a != deal.value) {
        report.changed("value");
    }
    let closed = read.closed.unwrap_or(day.today);
    match (read.stage, rep_id, read.amount) {
        (Stage::Won, Some(rep_id), Some(amount)) => {
            let product = row.owned("product").or(deal.product.clone());
            let sale = Sale { lead_id: Some(deal.lead_id), rep_id, amount, closed_on: closed, product };
            let sale_id = store::sales::add_with_id(w, &sale, deal.external_id.as_deref())?;
            store::deals::close(w, deal.id, Stage::Won, closed, None, Some((sale_id, amount)))?;
            customer_follows(w, deal.lead_id, Stage::Won, row, closed, report)?;
        }
        (Stage::Lost, ..) => {
            let reason = row.owned("lost_reason");
            store::deals::close(w, deal.id, Stage::Lost, closed, reason.as_deref(), None)?;
        }
        (stage, ..) => {
            let stage = if stage == Stage::New { deal.stage } else { stage };
            store::deals::set_stage(w, deal.id, stage, read.amount.unwrap_or(deal.value))?;
            customer_follows(w, deal.lead_id, stage, row, day.today, report)?;
        }
    }
    Ok(())
}

/// The customer after one more of its deals is known ([`customer_stage`]): moved, and the
/// move counted, when the deal changes what it is.
fn customer_follows(
    w: &Writer<'_>,
    lead_id: i64,
    deal: Stage,
    row: &Row,
    day: NaiveDate,
    report: &mut ImportReport,
) -> Result<Lead> {
    let lead = store::leads::get(&w.tx, lead_id)?;
    let stage = customer_stage(lead.stage, deal);
    if stage == lead.stage {
        return Ok(lead);
    }
    report.changed("customer stage");
    let reason = row.owned("lost_reason").unwrap_or_else(|| "lost in the imported file".into());
    Ok(store::lead_writes::set_stage(w, lead_id, stage, Some(&reason), day)?)
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
    use crate::domain::contact::{name_and_email, without_record_id};
    let (customer, email_of_customer) = match row.get("customer").map(name_and_email) {
        Some((name, email)) => (Some(name), email),
        None => (None, None),
    };
    let company = row.get("company").map(|c| without_record_id(c).to_string());
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
    lead.email = row.get("email").and_then(crate::domain::contact::email_in).or(email_of_customer);
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
            store::lead_writes::set_owner(w, id, &change)?;
            report.changed("owner");
        }
        // A won deal makes its customer won with its sale; an open or lost one tells now.
        let stored = match read.stage {
            Stage::Won => store::leads::get(&w.tx, id)?,
            stage => customer_follows(w, id, stage, row, today, report)?,
        };
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
    let id = store::lead_writes::add_imported(w, &lead)?;
    if phones.len() > 1 {
        store::lead_writes::add_phones(&w.tx, id, lead.phone.as_deref(), &phones)?;
    }
    ids.add(id, keys);
    Ok(Some(id))
}
