//! Reps: the roster. Deactivating keeps every shift, sale and review they ever had.

use super::{Result, StoreError, Writer, date, word};
use crate::domain::model::{Channel, Employment, Rep};
use crate::domain::money::Money;
use crate::domain::rep::RepDraft;
use rusqlite::{Connection, OptionalExtension, Row, params};

const COLUMNS: &str = "id, name, phone, email, channel, employment, team, hourly_rate_cents, \
                       commission_bp, max_weekly_hours, active, hired_on";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Rep> {
    Ok(Rep {
        id: r.get(0)?,
        name: r.get(1)?,
        phone: r.get(2)?,
        email: r.get(3)?,
        channel: word(&r.get::<_, String>(4)?, Channel::Store),
        employment: word(&r.get::<_, String>(5)?, Employment::PartTime),
        team: r.get(6)?,
        hourly_rate: Money(r.get(7)?),
        commission_bp: r.get(8)?,
        max_weekly_hours: r.get(9)?,
        active: r.get(10)?,
        hired_on: date(r.get(11)?),
    })
}

/// Whether there is any rep at all, active or not.
pub fn any(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM reps)", [], |r| r.get(0))?)
}

/// The roster by name; inactive reps only when asked.
pub fn list(conn: &Connection, include_inactive: bool) -> Result<Vec<Rep>> {
    let sql = format!("SELECT {COLUMNS} FROM reps WHERE active = 1 OR ?1 ORDER BY active DESC, name COLLATE NOCASE");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([include_inactive], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Rep> {
    let sql = format!("SELECT {COLUMNS} FROM reps WHERE id = ?1");
    conn.query_row(&sql, [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { entity: "rep", key: id.to_string() })
}

/// A rep by exact name, or else by a unique case-insensitive match.
/// The rep with this e-mail, when exactly one has it: how CRMs that name owners by their
/// login write them.
pub fn find_by_email(conn: &Connection, email: &str) -> Result<Option<Rep>> {
    let sql = format!("SELECT {COLUMNS} FROM reps WHERE email = ?1 COLLATE NOCASE LIMIT 2");
    let mut stmt = conn.prepare_cached(&sql)?;
    let found: Vec<Rep> = stmt.query_map([email.trim()], from_row)?.collect::<Result<_, _>>()?;
    Ok(if let [one] = found.as_slice() { Some(one.clone()) } else { None })
}

pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<Rep>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM reps WHERE name = ?1 OR name = ?1 COLLATE NOCASE ORDER BY name = ?1 DESC LIMIT 2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let found: Vec<Rep> = stmt.query_map([name.trim()], from_row)?.collect::<Result<_, _>>()?;
    Ok(match found.as_slice() {
        [one] => Some(one.clone()),
        [exact, ..] if exact.name == name.trim() => Some(exact.clone()),
        _ => None,
    })
}

pub fn by_name(conn: &Connection, name: &str) -> Result<Rep> {
    find_by_name(conn, name)?.ok_or_else(|| StoreError::NotFound { entity: "rep", key: name.to_string() })
}

fn name_taken(conn: &Connection, name: &str, except: Option<i64>) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM reps WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2)",
        params![name, except],
        |r| r.get(0),
    )?)
}

fn taken(name: &str) -> StoreError {
    StoreError::Conflict(crate::domain::message::Message::new("store.rep_exists").arg("name", name))
}

/// Writes the row of a new rep, without the checks and audit of [`insert`]: for bulk loads
/// that audit themselves once.
pub fn insert_row(conn: &Connection, draft: &RepDraft) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO reps (name, phone, email, channel, employment, team, hourly_rate_cents,
                           commission_bp, max_weekly_hours, active, hired_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10)",
    )?
    .execute(params![
        draft.name,
        draft.phone,
        draft.email,
        draft.channel.as_str(),
        draft.employment.as_str(),
        draft.team,
        draft.hourly_rate.cents(),
        draft.commission_bp,
        draft.max_weekly_hours,
        draft.hired_on.map(|d| d.to_string()),
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert(w: &Writer<'_>, draft: &RepDraft) -> Result<Rep> {
    if name_taken(&w.tx, &draft.name, None)? {
        return Err(taken(&draft.name));
    }
    let rep = get(&w.tx, insert_row(&w.tx, draft)?)?;
    Ok(rep)
}

pub fn update(w: &Writer<'_>, id: i64, draft: &RepDraft) -> Result<Rep> {
    get(&w.tx, id)?;
    if name_taken(&w.tx, &draft.name, Some(id))? {
        return Err(taken(&draft.name));
    }
    w.tx.execute(
        "UPDATE reps SET name = ?2, phone = ?3, email = ?4, channel = ?5, employment = ?6, team = ?7,
                hourly_rate_cents = ?8, commission_bp = ?9, max_weekly_hours = ?10, hired_on = ?11
         WHERE id = ?1",
        params![
            id,
            draft.name,
            draft.phone,
            draft.email,
            draft.channel.as_str(),
            draft.employment.as_str(),
            draft.team,
            draft.hourly_rate.cents(),
            draft.commission_bp,
            draft.max_weekly_hours,
            draft.hired_on.map(|d| d.to_string()),
        ],
    )?;
    let after = get(&w.tx, id)?;
    Ok(after)
}

/// Deactivates or reactivates; nothing of the rep's history is touched.
pub fn set_active(w: &Writer<'_>, id: i64, active: bool) -> Result<Rep> {
    get(&w.tx, id)?;
    w.tx.execute("UPDATE reps SET active = ?2 WHERE id = ?1", params![id, active])?;
    let after = get(&w.tx, id)?;
    Ok(after)
}
