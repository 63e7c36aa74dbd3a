//! Shifts, availability and staffing needs.

use super::{Result, date, word};
use crate::domain::model::{Availability, Location, Shift, ShiftStatus, StaffingNeed};
use chrono::NaiveDate;
use rusqlite::{Connection, params};

/// Every shift between two days, by day and start.
pub fn shifts_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Shift>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, rep_id, date, start_min, end_min, location, status FROM shifts
         WHERE date BETWEEN ?1 AND ?2 ORDER BY date, start_min, rep_id",
    )?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| {
        Ok(Shift {
            id: r.get(0)?,
            rep_id: r.get(1)?,
            date: date(r.get(2)?).unwrap_or_default(),
            start_min: r.get(3)?,
            end_min: r.get(4)?,
            location: word(&r.get::<_, String>(5)?, Location::Store),
            status: word(&r.get::<_, String>(6)?, ShiftStatus::Scheduled),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn availability(conn: &Connection) -> Result<Vec<Availability>> {
    let mut stmt = conn.prepare_cached(
        "SELECT rep_id, weekday, start_min, end_min FROM availability ORDER BY rep_id, weekday, start_min",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Availability { rep_id: r.get(0)?, weekday: r.get(1)?, start_min: r.get(2)?, end_min: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn staffing_needs(conn: &Connection) -> Result<Vec<StaffingNeed>> {
    let mut stmt = conn.prepare_cached(
        "SELECT weekday, start_min, end_min, location, reps_needed FROM staffing_needs ORDER BY weekday, start_min",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(StaffingNeed {
            weekday: r.get(0)?,
            start_min: r.get(1)?,
            end_min: r.get(2)?,
            location: word(&r.get::<_, String>(3)?, Location::Store),
            reps_needed: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
