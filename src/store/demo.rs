//! The demo generator's sink: prepared statements inside the one transaction of a demo load.

use super::{Result, StoreError, Writer};
use crate::domain::demo::DemoSink;
use crate::domain::model::*;
use crate::domain::rep::RepDraft;
use rusqlite::{Statement, params};

/// Tables in an order that deleting them one by one never breaks a foreign key.
const TABLES_CHILD_FIRST: [&str; 19] = [
    "activities",
    "risk_events",
    "honours",
    "deals",
    "lead_phones",
    "sales",
    "rep_days",
    "rep_pipeline",
    "targets",
    "reviews",
    "onboarding",
    "trainings",
    "shifts",
    "availability",
    "time_off",
    "staffing_needs",
    "leads",
    "risk_acks",
    "reps",
];

/// Deletes every row of the team (not the audit log or settings); used by `demo --force`.
pub fn clear(w: &Writer<'_>) -> Result<()> {
    for table in TABLES_CHILD_FIRST {
        w.tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    Ok(())
}

pub struct StoreSink<'t> {
    progress: &'t dyn super::progress::Progress,
    tx: &'t rusqlite::Transaction<'t>,
    availability: Statement<'t>,
    time_off: Statement<'t>,
    need: Statement<'t>,
    shift: Statement<'t>,
    target: Statement<'t>,
    review: Statement<'t>,
}

impl<'t> StoreSink<'t> {
    pub fn new(w: &'t Writer<'_>) -> Result<StoreSink<'t>> {
        let tx = &w.tx;
        Ok(StoreSink {
            tx,
            progress: w.progress,
            availability: tx.prepare("INSERT INTO availability (rep_id, weekday, start_min, end_min) VALUES (?1, ?2, ?3, ?4)")?,
            time_off: tx.prepare("INSERT INTO time_off (rep_id, from_on, to_on, reason) VALUES (?1, ?2, ?3, ?4)")?,
            need: tx.prepare("INSERT INTO staffing_needs (weekday, start_min, end_min, location, reps_needed) VALUES (?1, ?2, ?3, ?4, ?5)")?,
            shift: tx.prepare("INSERT INTO shifts (rep_id, date, start_min, end_min, location, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?,
            target: tx.prepare("INSERT INTO targets (rep_id, period_kind, period_start, metric, goal) VALUES (?1, ?2, ?3, ?4, ?5)")?,
            review: tx.prepare(
                "INSERT INTO reviews (rep_id, period, reviewed_on, rating_results, rating_customer, rating_teamwork, strengths, improvements, plan, next_review_on, rating_attitude)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?,
        })
    }
}

fn d(date: chrono::NaiveDate) -> String {
    date.to_string()
}

impl DemoSink for StoreSink<'_> {
    type Error = StoreError;

    fn rep(&mut self, r: &RepDraft) -> Result<i64> {
        let id = super::reps::insert_row(self.tx, r)?;
        // The demo's reps joined on the day they started: their checklist is as old.
        if let Some(hired_on) = r.hired_on {
            self.tx.execute(
                "UPDATE onboarding SET started_on = ?2 WHERE rep_id = ?1",
                params![id, hired_on.to_string()],
            )?;
        }
        Ok(id)
    }

    fn availability(&mut self, a: &Availability) -> Result<()> {
        self.availability.execute(params![a.rep_id, a.weekday, a.start_min, a.end_min])?;
        Ok(())
    }

    fn time_off(&mut self, t: &TimeOff) -> Result<()> {
        self.time_off.execute(params![t.rep_id, d(t.from), d(t.to), t.reason])?;
        Ok(())
    }

    fn need(&mut self, n: &StaffingNeed) -> Result<()> {
        self.need.execute(params![n.weekday, n.start_min, n.end_min, n.location.as_str(), n.reps_needed])?;
        Ok(())
    }

    fn shift(&mut self, s: &Shift) -> Result<()> {
        self.shift.execute(params![
            s.rep_id,
            d(s.date),
            s.start_min,
            s.end_min,
            s.location.as_str(),
            s.status.as_str()
        ])?;
        Ok(())
    }

    fn lead(&mut self, l: &Lead) -> Result<i64> {
        self.progress.add(1);
        super::leads::insert_row(self.tx, l)
    }

    fn activity(&mut self, a: &Activity) -> Result<()> {
        super::lead_writes::insert_activity_row(self.tx, a)?;
        Ok(())
    }

    fn sale(&mut self, s: &Sale) -> Result<()> {
        super::sales::insert_row(self.tx, s, None)?;
        Ok(())
    }

    fn target(&mut self, t: &Target) -> Result<()> {
        self.target.execute(params![t.rep_id, t.period_kind.as_str(), d(t.period_start), t.metric.as_str(), t.goal])?;
        Ok(())
    }

    fn review(&mut self, r: &Review) -> Result<()> {
        self.review.execute(params![
            r.rep_id,
            r.period,
            d(r.reviewed_on),
            r.rating_results,
            r.rating_customer,
            r.rating_teamwork,
            r.strengths,
            r.improvements,
            r.plan,
            r.next_review_on.map(d),
            r.rating_attitude
        ])?;
        Ok(())
    }

    fn onboarded(&mut self, rep_id: i64, items: &[&str], on: chrono::NaiveDate) -> Result<()> {
        for item in items {
            self.tx.execute(
                "UPDATE onboarding SET done_on = ?3 WHERE rep_id = ?1 AND item = ?2",
                params![rep_id, item, on.to_string()],
            )?;
        }
        Ok(())
    }

    fn reach(&mut self, r: &crate::domain::demo::Reach) -> Result<()> {
        if let Some(visit) = &r.visit {
            super::lead_writes::insert_activity_row(self.tx, visit)?;
            self.tx.execute(
                "UPDATE leads SET last_activity_at = MAX(IFNULL(last_activity_at, ''), ?2) WHERE id = ?1",
                params![visit.lead_id, super::fmt_datetime(visit.at)],
            )?;
        }
        super::risks::insert_event(self.tx, r.kind, r.lead_id, r.rep_id, Some(r.owner_id), r.protected_until, r.on)
    }
}
