//! Importing leads and deals: every row lands or is refused with its line and reason, the
//! good rows in one transaction; a cell that does not read is dropped and reported, a value
//! no vocabulary knows lands as the default and is reported; a second import adds nothing.

mod deals_in;
mod leads_in;

pub use deals_in::deals;
pub use leads_in::leads;

use super::{ImportReport, Imported, Refusal};
use crate::domain::lead::OwnershipRules;
use crate::domain::message::Message;
use crate::domain::model::{Lead, Stage};
use crate::domain::rep::RepFields;
use crate::interchange::columns::Row;
use crate::interchange::vocab::{Vocabulary, WordField};
use crate::service::error::Result;
use crate::store::lead_writes::{Identities, Keys};
use crate::store::{self, Store, Writer};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Reps named in a file, by name, made when first met (the report lists them).
#[derive(Default)]
pub(super) struct Reps {
    known: HashMap<String, (i64, String)>,
    pub(super) new: Vec<String>,
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
                    Err(e) => return Ok(Err(e.message.to_string())),
                };
                self.new.push(draft.name.clone());
                (store::reps::insert(w, &draft)?.id, draft.name)
            }
        };
        self.known.insert(key, rep.clone());
        Ok(Ok(rep))
    }

    /// The owner a row names, or none; a name that cannot be a rep's is a dropped cell.
    pub(super) fn owner(
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
                report.drop_cell(row.line, row.bad(field, "wanted.rep_name").unwrap_or_default());
                None
            }
        })
    }
}

/// What every row of one import is judged by: the business's ownership rules and the day.
pub(super) struct Day {
    pub(super) rules: OwnershipRules,
    pub(super) today: NaiveDate,
}

impl Day {
    pub(super) fn of(store: &Store) -> Result<Day> {
        Ok(Day { rules: store::settings::ownership_rules(store.conn())?, today: store.today() })
    }
}

pub(super) fn refuse(report: &mut ImportReport, line: u64, reason: Message) {
    report.refused.push(Refusal { line, reason });
}

/// A cell read as its field, or dropped (and reported) when it does not read.
pub(super) fn cell<T>(
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
pub(super) fn phones_of<'r>(row: &'r Row, report: &mut ImportReport) -> Vec<&'r str> {
    let (phones, mangled): (Vec<&str>, Vec<&str>) =
        row.phones().into_iter().partition(|p| !crate::domain::contact::written_as_a_number(p));
    for value in mangled {
        let column = row.header("phone").to_string();
        let wanted = "wanted.phone_digits";
        report.drop_cell(row.line, crate::interchange::columns::BadCell { column, value: value.to_string(), wanted });
    }
    phones
}

/// A stage from the row's `field`: a known word, else `new` with the value reported.
pub(super) fn stage_of(row: &Row, field: &str, vocab: &Vocabulary, report: &mut ImportReport) -> Option<Stage> {
    let text = row.get(field)?;
    let stage = vocab.stage(text);
    if stage.is_none() {
        report.unknown_value(WordField::Stage, text, row.line, "new");
    }
    Some(stage.unwrap_or(Stage::New))
}

/// Gives a new lead its owner (protected from today) and closes it when its stage is closed.
pub(super) fn own_and_close(lead: &mut Lead, owner: Option<i64>, stage: Stage, closed: NaiveDate, day: &Day) {
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
pub(super) enum Known {
    /// Nothing: the row is a new lead.
    New,
    /// The same lead: by its own id, or (a row without one) as a duplicate.
    Same(i64),
    /// A row with an id no lead has that looks like a lead already here: another record of
    /// the same customer in the file's CRM, recognised rather than doubled.
    Twin(i64),
}

pub(super) fn known(ids: &Identities, lead: &Lead, keys: &Keys) -> Known {
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

/// From this many rows on, an import builds the indexes it does not read once, at the end.
const BULK_ROWS: usize = 5_000;

/// The indexes of leads and audit rows an import reads while it runs: none, since leads are
/// recognised through their identities held in memory and read by id.
const READ_WHILE_IMPORTING: &[&str] = &[];

pub(super) fn run(
    store: &mut Store,
    what: &str,
    rows: usize,
    dry_run: bool,
    work: impl FnOnce(&Writer<'_>) -> Result<ImportReport>,
) -> Result<Imported> {
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
        w.progress.begin("import", rows as u64);
        let report = work(w);
        w.progress.end();
        let report = report?;
        if let Some(d) = deferred {
            d.restore(w)?;
        }
        Ok(report)
    };
    super::run_import(store, what, dry_run, bulk)
}
