//! Use cases that span tables, one transaction each. The app and the commands both call these.

pub mod error;
pub mod goals;
pub mod history;
pub mod honours;
pub mod import;
pub mod leads;
pub mod reviews;
pub mod risks;
pub mod schedule;

use crate::domain::demo::{DemoSize, DemoSummary, generate};
use crate::domain::model::Rep;
use crate::domain::queue::QueueDay;
use crate::domain::rep::{RepDraft, RepFields, RepsFile};
use crate::store::changes::{Done, Summary};
use crate::store::{self, Store};
use error::{Error, Message, Result};

/// Fills the database with a generated team. Refuses a database that holds anything of a
/// business (reps, leads, shifts, sales, targets) unless `force`,
/// in which case the old team is cleared first, in the same transaction.
pub fn load_demo(store: &mut Store, size: DemoSize, seed: u64, force: bool) -> Result<Done<DemoSummary>> {
    let today = store.today();
    store.change_unrecorded(|w| {
        // Checked inside the write, so the app and a script cannot both pass it.
        if store::holds_data(&w.tx)? && !force {
            return Err(Error::conflict(None, Message::new("error.has_team")));
        }
        let _cache = store::bulk::BulkCache::new(&w.tx)?;
        let deferred = store::bulk::Deferred::drop(w, &["leads", "activities", "sales"], &[])?;
        let deal_triggers = store::bulk::Deferred::triggers(w, &["deals"])?;
        if force {
            store::demo::clear(w)?;
        }
        let summary = {
            w.progress.begin("demo", size.leads as u64);
            let mut sink = store::demo::StoreSink::new(w)?;
            let summary = generate(size, seed, today, &mut sink);
            w.progress.end();
            summary?
        };
        deferred.restore(w)?;
        // The generator writes leads and sales; each gets its deal the way old files do (the
        // indexes it looks them up by are back, the deals' triggers not yet).
        w.tx.execute_batch(store::deals::BACKFILL)?;
        deal_triggers.restore(w)?;
        // The triggers that keep rep_days were off during the load.
        store::metrics::rebuild_derived(&w.tx)?;
        let described = Summary::new("change.demo").arg("reps", summary.reps).arg("leads", summary.leads);
        Ok((summary, described))
    })
}

/// Two reps cannot share a name: the refusal is about the name field.
fn name_taken(e: store::StoreError) -> Error {
    match e {
        store::StoreError::Conflict(message) => Error::conflict(Some("name"), message),
        other => other.into(),
    }
}

pub fn add_rep(store: &mut Store, draft: &RepDraft) -> Result<Done<Rep>> {
    store.change(|w| {
        let rep = store::reps::insert(w, draft).map_err(name_taken)?;
        let summary = Summary::new("change.rep_add").arg("rep", &rep.name);
        Ok((rep, summary))
    })
}

pub fn edit_rep(store: &mut Store, id: i64, draft: &RepDraft) -> Result<Done<Rep>> {
    store.change(|w| {
        let rep = store::reps::update(w, id, draft).map_err(name_taken)?;
        let summary = Summary::new("change.rep_edit").arg("rep", &rep.name);
        Ok((rep, summary))
    })
}

pub fn set_rep_active(store: &mut Store, id: i64, active: bool) -> Result<Done<Rep>> {
    store.change(|w| {
        let rep = store::reps::set_active(w, id, active)?;
        let key = if active { "change.rep_reactivate" } else { "change.rep_deactivate" };
        Ok((rep.clone(), Summary::new(key).arg("rep", &rep.name)))
    })
}

/// A setting of the business changed, as one change.
pub fn set_setting(store: &mut Store, key: &str, value: i64) -> Result<Done<()>> {
    store.change(|w| {
        store::settings::set(w, key, value)?;
        Ok(((), Summary::new("change.setting").arg("key", key).arg("value", value)))
    })
}

/// Stores a value the program keeps for itself (the calendar's id suffix), as one change.
pub fn set_text(store: &mut Store, key: &str, value: &str) -> Result<Done<()>> {
    store.change(|w| {
        store::settings::put(w, key, value)?;
        Ok(((), Summary::new("change.setting").arg("key", key).arg("value", value)))
    })
}

/// What an import gave: the change it was (which `repdesk undo` takes), or on a dry run what
/// it would have done, written nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imported {
    Done(Done<ImportReport>),
    Trial(ImportReport),
}

impl Imported {
    pub fn report(&self) -> &ImportReport {
        match self {
            Imported::Done(done) => &done.value,
            Imported::Trial(report) => report,
        }
    }

    pub fn report_mut(&mut self) -> &mut ImportReport {
        match self {
            Imported::Done(done) => &mut done.value,
            Imported::Trial(report) => report,
        }
    }

    pub fn into_report(self) -> ImportReport {
        match self {
            Imported::Done(done) => done.value,
            Imported::Trial(report) => report,
        }
    }

    /// The change the import was; none for a dry run.
    pub fn change(&self) -> Option<i64> {
        match self {
            Imported::Done(done) => Some(done.change),
            Imported::Trial(_) => None,
        }
    }
}

/// Runs an import's work as one change whose summary counts what it did, or as a trial
/// that rolls back.
pub(crate) fn run_import(
    store: &mut Store,
    what: &str,
    dry_run: bool,
    work: impl FnOnce(&store::Writer<'_>) -> Result<ImportReport>,
) -> Result<Imported> {
    if dry_run {
        return store.trial(work).map(Imported::Trial);
    }
    // A file of which nothing could be taken writes nothing, not even an empty change (which
    // would stand in the history and before `u`): its work is rolled back and reported.
    let nothing = std::cell::RefCell::new(None);
    let done = store.change(|w| -> Result<_> {
        let before = w.tx.total_changes();
        let report = work(w)?;
        if w.tx.total_changes() == before {
            *nothing.borrow_mut() = Some(report);
            return Err(Error::conflict(None, Message::new("cli.import_nothing")));
        }
        let summary =
            Summary::new("change.import").arg("what", what).arg("added", report.added).arg("updated", report.updated);
        Ok((report, summary))
    });
    match (done, nothing.into_inner()) {
        (_, Some(report)) => Ok(Imported::Trial(report)),
        (done, None) => Ok(Imported::Done(done?)),
    }
}

/// Today, with the owner's thresholds for stale leads and lapsing protection.
pub fn queue_day(store: &Store) -> Result<QueueDay> {
    let conn = store.conn();
    Ok(QueueDay {
        today: store.today(),
        stale_days: store::settings::risk_thresholds(conn)?.stale_days,
        warn_days: store::settings::ownership_rules(conn)?.warn_days,
    })
}

/// A row an import refused: its line in the file and why (a sentence of the catalogue; JSON
/// says it in English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub line: u64,
    pub reason: Message,
}

impl serde::Serialize for Refusal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Refusal", 2)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("reason", &self.reason.to_string())?;
        st.end()
    }
}

/// What an import did, or would do on a dry run.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub refused: Vec<Refusal>,
    /// Reps the file named who were not on the roster yet, and now are.
    pub new_reps: Vec<String>,
    /// Each field the import changed on rows already stored, and on how many rows.
    pub changed_fields: std::collections::BTreeMap<&'static str, usize>,
    /// Cells that did not read as their field: dropped, the rest of their row landed.
    pub dropped: Vec<DroppedCell>,
    /// Values no vocabulary knows, each once with the lines it is on.
    pub unknown: Vec<UnknownValue>,
    /// Rows whose customer is already stored or earlier in the file.
    pub same_customer: Vec<SameCustomer>,
    /// Deals added, by outcome: open, won, lost.
    pub deals: DealCounts,
    /// Deals with no person or organization, kept on a customer named after the deal.
    pub deals_without_customer: usize,
    /// Rows that landed with a conflict (a shift overlapping another, outside the rep's
    /// availability, over their hours), each with its line and the sentence.
    pub conflicts: Vec<Refusal>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct DealCounts {
    pub open: usize,
    pub won: usize,
    pub lost: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DroppedCell {
    pub line: u64,
    #[serde(flatten)]
    pub cell: crate::interchange::columns::BadCell,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnknownValue {
    pub field: &'static str,
    pub value: String,
    pub lines: Vec<u64>,
    /// What the rows landed with instead: `new`, or the field left empty.
    pub landed_as: String,
    /// The words the field takes.
    pub words: &'static str,
}

/// A row whose customer is already known: stored before, or on an earlier line of the file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SameCustomer {
    pub line: u64,
    /// The earlier line of the same file, or `None` for a lead stored before the import.
    pub first_line: Option<u64>,
    pub lead_id: i64,
    pub customer: String,
    /// When the row names another owner than the one who protects the customer: that owner
    /// and the one the row names. The claim is refused and recorded for the Risks tab.
    pub claim: Option<(String, String)>,
}

impl ImportReport {
    pub fn drop_cell(&mut self, line: u64, cell: crate::interchange::columns::BadCell) {
        self.dropped.push(DroppedCell { line, cell });
    }

    /// Notes a value no vocabulary knows; each value is listed once with all its lines.
    pub fn unknown_value(
        &mut self,
        field: crate::interchange::vocab::WordField,
        value: &str,
        line: u64,
        landed_as: &str,
    ) {
        let name = field.name();
        match self.unknown.iter_mut().find(|u| u.field == name && u.value == value) {
            Some(u) => u.lines.push(line),
            None => self.unknown.push(UnknownValue {
                field: name,
                value: value.to_string(),
                lines: vec![line],
                landed_as: landed_as.to_string(),
                words: field.words(),
            }),
        }
    }

    pub fn changed(&mut self, field: &'static str) {
        *self.changed_fields.entry(field).or_default() += 1;
    }
}

/// What a rep's field takes, as a dropped cell's line says it.
fn rep_field_takes(field: &str) -> &'static str {
    match field {
        "employment" => "wanted.employment",
        "channel" => "wanted.channel",
        "email" => "wanted.email",
        "phone" => "wanted.phone",
        "hourly_rate" => "wanted.amount",
        "commission_rate" => "wanted.rate",
        "max_weekly_hours" => "wanted.hours",
        "hired_on" => "wanted.date",
        _ => "wanted.value",
    }
}

/// Imports reps in one transaction: a new name is added, a known name updated; a row that
/// does not validate is refused with its line and reason, and the good rows still land.
/// A dry run does all of it and rolls back.
pub fn import_reps(store: &mut Store, file: &RepsFile, dry_run: bool) -> Result<Imported> {
    let work = |w: &store::Writer<'_>| -> Result<ImportReport> {
        let mut report = ImportReport::default();
        for (line, row) in &file.rows {
            // A known rep keeps what the file does not say: only its filled cells lie over the
            // stored fields, so a blank cell never erases a stored value.
            let existing = store::reps::find_by_name(&w.tx, &row.name)?;
            let filled: Vec<&str> = file.columns.iter().copied().filter(|c| !row.get(c).trim().is_empty()).collect();
            let mut fields = match &existing {
                Some(rep) => RepFields::of(rep).overlay(row, &filled),
                None => row.clone(),
            };
            // A cell that does not read costs only itself: dropped and said, the stored value
            // (or the default) kept. Only a name that cannot be a rep's refuses the row.
            let stored = existing.as_ref().map(RepFields::of).unwrap_or_default();
            let draft = loop {
                match fields.validate() {
                    Ok(d) => break Some(d),
                    Err(e) if e.field != "name" && fields.get(e.field) != stored.get(e.field) => {
                        let cell = crate::interchange::columns::BadCell {
                            column: e.field.to_string(),
                            value: fields.get(e.field).to_string(),
                            wanted: rep_field_takes(e.field),
                        };
                        report.drop_cell(*line, cell);
                        if let Some(slot) = fields.get_mut(e.field) {
                            *slot = stored.get(e.field).to_string();
                        }
                    }
                    Err(e) => {
                        let reason = Message::new("error.field").arg("field", e.field).part("message", e.message);
                        report.refused.push(Refusal { line: *line, reason });
                        break None;
                    }
                }
            };
            let Some(draft) = draft else { continue };
            match existing {
                Some(existing) => {
                    let stored = RepFields::of(&existing);
                    let was = stored.validate();
                    if was.as_ref() == Ok(&draft) {
                        report.unchanged += 1;
                        continue;
                    }
                    let now = RepFields::of(&store::reps::update(w, existing.id, &draft)?);
                    for field in crate::domain::rep::REP_FIELD_NAMES.iter().filter(|f| stored.get(f) != now.get(f)) {
                        report.changed(field);
                    }
                    report.updated += 1;
                }
                None => {
                    store::reps::insert(w, &draft)?;
                    report.added += 1;
                }
            }
        }
        Ok(report)
    };
    run_import(store, "reps", dry_run, work)
}
