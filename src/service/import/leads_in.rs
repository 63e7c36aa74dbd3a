//! Importing customers: each row a lead, or the customer already there, which keeps what it
//! has and gains only what it lacked.

use super::{Day, Known, Reps, cell, known, own_and_close, phones_of, refuse, run, stage_of};
use crate::domain::lead_form::fresh;
use crate::domain::message::Message;
use crate::domain::model::{Lead, Stage};
use crate::interchange::columns::Row;
use crate::interchange::leads::person;
use crate::interchange::vocab::{Vocabulary, WordField};
use crate::service::error::Result;
use crate::service::{ImportReport, Imported, SameCustomer};
use crate::store::lead_writes::{Identities, Keys};
use crate::store::{self, Store, Writer};
use chrono::NaiveDate;
use std::collections::HashMap;

/// A lead from the row's contact columns (its phones apart); what does not read is dropped and reported.
fn lead_of(row: &Row, vocab: &Vocabulary, today: NaiveDate, name: String, report: &mut ImportReport) -> Lead {
    let line = row.line;
    let created = cell(report, line, row.date("created")).unwrap_or(today);
    let mut lead = fresh(created.min(today));
    lead.name = name;
    lead.company = row.get("company").map(|c| crate::domain::contact::without_record_id(c).to_string());
    lead.email = row.get("email").and_then(crate::domain::contact::email_in);
    if lead.email.is_none() && row.get("email").is_some() {
        report.drop_cell(line, row.bad("email", "wanted.email").unwrap_or_default());
    }
    lead.source = row.owned("source");
    if let Some(text) = row.get("channel") {
        lead.channel = vocab.channel(text);
        if lead.channel.is_none() {
            report.unknown_value(WordField::Channel, text, line, "");
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
            let record = crate::service::leads::RefusedClaim {
                rep_id: rep,
                owner_id: Some(owner),
                protected_until: lead.protected_until,
                reason: format!("line {line} of an import names {rep_name} as the owner"),
            };
            let reach = crate::domain::risk::poaching::Reach::Import;
            let until = lead.protected_until;
            store::lead_writes::record_refusal(w, lead_id, &record, reach, rep, Some(owner), until, today)?;
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
    }
    if phone_changed {
        report.changed("phone");
    }
    Ok(edited || phone_changed)
}

/// Imports leads; a lead already there (same external id, phone, e-mail, or name and
/// company) keeps what it has, gains only what it lacked, and is reported.
pub fn leads(store: &mut Store, rows: &[Row], vocab: &Vocabulary, dry_run: bool) -> Result<Imported> {
    let day = Day::of(store)?;
    run(store, "leads", rows.len(), dry_run, |w| {
        let mut report = ImportReport::default();
        let mut reps = Reps::default();
        let mut ids = Identities::load(&w.tx, rows.len())?;
        let mut seen = Seen {
            added: HashMap::new(),
            owners: store::lead_writes::owners(&w.tx)?,
            at_new: store::lead_writes::at_new(&w.tx)?,
        };
        for row in rows {
            w.progress.add(1);
            let Some(name) = person(row).or_else(|| row.owned("company")) else {
                refuse(&mut report, row.line, Message::new("import.lead_no_name"));
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
            let id = store::lead_writes::add_imported(w, &lead)?;
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
