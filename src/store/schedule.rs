//! Shifts, availability and staffing needs.

use super::{Result, StoreError, Writer, date, datetime, word};
use crate::domain::model::{Availability, Location, Shift, ShiftStatus, StaffingNeed, TimeOff};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

/// Every shift between two days, by day and start.
pub fn shifts_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Shift>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, rep_id, date, start_min, end_min, location, status FROM shifts
         WHERE date BETWEEN ?1 AND ?2 ORDER BY date, start_min, rep_id",
    )?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], shift_of)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// For each shift of the days `from`–`to` that was ever changed: how many times, and when
/// last (from the audit log: `shifts` rows of changes, `shift` rows of files from before them). A calendar reads them as the event's SEQUENCE and
/// LAST-MODIFIED, so a re-import takes an edited shift as newer.
pub fn revisions(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<HashMap<i64, (u32, NaiveDateTime)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT entity_id, SUM(action = 'edit' OR action = 'update'), MAX(at) FROM audit_log
         WHERE entity IN ('shift', 'shifts') AND entity_id IN (SELECT id FROM shifts WHERE date BETWEEN ?1 AND ?2)
         GROUP BY entity_id",
    )?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, datetime(r.get(2)?)))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, edits, at) = row?;
        if let Some(at) = at {
            out.insert(id, (u32::try_from(edits).unwrap_or(0), at));
        }
    }
    Ok(out)
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
    Ok(needs_with_ids(conn)?.into_iter().map(|(_, need)| need).collect())
}

fn shift_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Shift> {
    Ok(Shift {
        id: r.get(0)?,
        rep_id: r.get(1)?,
        date: date(r.get(2)?).unwrap_or_default(),
        start_min: r.get(3)?,
        end_min: r.get(4)?,
        location: word(&r.get::<_, String>(5)?, Location::Store),
        status: word(&r.get::<_, String>(6)?, ShiftStatus::Scheduled),
    })
}

pub fn shift(conn: &Connection, id: i64) -> Result<Shift> {
    conn.prepare_cached("SELECT id, rep_id, date, start_min, end_min, location, status FROM shifts WHERE id = ?1")?
        .query_row([id], shift_of)
        .optional()?
        .ok_or(StoreError::NotFound { entity: "shift", key: id.to_string() })
}

/// Every shift, by day, start and rep: what `export shifts` writes.
pub fn each_shift(conn: &Connection, mut each: impl FnMut(Shift) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id, rep_id, date, start_min, end_min, location, status FROM shifts ORDER BY date, start_min, rep_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        each(shift_of(r)?)?;
    }
    Ok(())
}

pub fn add_shift(w: &Writer<'_>, s: &Shift) -> Result<Shift> {
    w.tx.prepare_cached(
        "INSERT INTO shifts (rep_id, date, start_min, end_min, location, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        s.rep_id,
        s.date.to_string(),
        s.start_min,
        s.end_min,
        s.location.as_str(),
        s.status.as_str()
    ])?;
    let added = Shift { id: w.tx.last_insert_rowid(), ..s.clone() };
    Ok(added)
}

pub fn update_shift(w: &Writer<'_>, s: &Shift) -> Result<Shift> {
    shift(&w.tx, s.id)?;
    w.tx.prepare_cached(
        "UPDATE shifts SET rep_id = ?2, date = ?3, start_min = ?4, end_min = ?5, location = ?6, status = ?7 WHERE id = ?1",
    )?
    .execute(params![
        s.id,
        s.rep_id,
        s.date.to_string(),
        s.start_min,
        s.end_min,
        s.location.as_str(),
        s.status.as_str()
    ])?;
    Ok(s.clone())
}

pub fn delete_shift(w: &Writer<'_>, id: i64) -> Result<Shift> {
    let before = shift(&w.tx, id)?;
    w.tx.prepare_cached("DELETE FROM shifts WHERE id = ?1")?.execute([id])?;
    Ok(before)
}

/// The same rep, day and times already stored: what an import of the same file finds.
pub fn same_shift(conn: &Connection, s: &Shift) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM shifts WHERE rep_id = ?1 AND date = ?2 AND start_min = ?3 AND end_min = ?4")?
        .query_row(params![s.rep_id, s.date.to_string(), s.start_min, s.end_min], |r| r.get(0))
        .optional()?)
}

/// One rep's windows on one weekday replaced by `windows` (none clears the day).
pub fn set_availability(w: &Writer<'_>, rep_id: i64, weekday: u32, windows: &[(u32, u32)]) -> Result<()> {
    w.tx.prepare_cached("DELETE FROM availability WHERE rep_id = ?1 AND weekday = ?2")?
        .execute([rep_id, weekday as i64])?;
    let mut insert =
        w.tx.prepare_cached("INSERT INTO availability (rep_id, weekday, start_min, end_min) VALUES (?1, ?2, ?3, ?4)")?;
    let mut after = Vec::new();
    for &(start_min, end_min) in windows {
        insert.execute(params![rep_id, weekday, start_min, end_min])?;
        after.push(Availability { rep_id, weekday, start_min, end_min });
    }
    Ok(())
}

/// Days off, each with its id, by rep and first day.
pub fn time_off(conn: &Connection) -> Result<Vec<(i64, TimeOff)>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, rep_id, from_on, to_on, reason FROM time_off ORDER BY rep_id, from_on")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            TimeOff {
                rep_id: r.get(1)?,
                from: date(r.get(2)?).unwrap_or_default(),
                to: date(r.get(3)?).unwrap_or_default(),
                reason: r.get(4)?,
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn add_time_off(w: &Writer<'_>, off: &TimeOff) -> Result<i64> {
    w.tx.prepare_cached("INSERT INTO time_off (rep_id, from_on, to_on, reason) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![off.rep_id, off.from.to_string(), off.to.to_string(), off.reason])?;
    let id = w.tx.last_insert_rowid();
    Ok(id)
}

pub fn delete_time_off(w: &Writer<'_>, id: i64) -> Result<TimeOff> {
    let Some((_, before)) = time_off(&w.tx)?.into_iter().find(|(i, _)| *i == id) else {
        return Err(StoreError::NotFound { entity: "timeoff", key: id.to_string() });
    };
    w.tx.prepare_cached("DELETE FROM time_off WHERE id = ?1")?.execute([id])?;
    Ok(before)
}

/// Staffing needs with their ids, Monday first.
pub fn needs_with_ids(conn: &Connection) -> Result<Vec<(i64, StaffingNeed)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, weekday, start_min, end_min, location, reps_needed FROM staffing_needs ORDER BY weekday, start_min, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            StaffingNeed {
                weekday: r.get(1)?,
                start_min: r.get(2)?,
                end_min: r.get(3)?,
                location: word(&r.get::<_, String>(4)?, Location::Store),
                reps_needed: r.get(5)?,
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn add_need(w: &Writer<'_>, need: &StaffingNeed) -> Result<i64> {
    w.tx.prepare_cached(
        "INSERT INTO staffing_needs (weekday, start_min, end_min, location, reps_needed) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![need.weekday, need.start_min, need.end_min, need.location.as_str(), need.reps_needed])?;
    let id = w.tx.last_insert_rowid();
    Ok(id)
}

pub fn delete_need(w: &Writer<'_>, id: i64) -> Result<StaffingNeed> {
    let Some((_, before)) = needs_with_ids(&w.tx)?.into_iter().find(|(i, _)| *i == id) else {
        return Err(StoreError::NotFound { entity: "need", key: id.to_string() });
    };
    w.tx.prepare_cached("DELETE FROM staffing_needs WHERE id = ?1")?.execute([id])?;
    Ok(before)
}
