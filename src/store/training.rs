//! Each rep's onboarding checklist and the training sessions they attended.

use super::{Result, Writer, date};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

/// An item of a rep's onboarding checklist: one of the four every rep starts with (`own`
/// false, `item` its word: company, products, skills, tools) or the owner's own.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Step {
    pub id: i64,
    pub rep_id: i64,
    pub item: String,
    pub own: bool,
    pub done_on: Option<NaiveDate>,
}

/// A training session a rep attended.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Session {
    pub id: i64,
    pub rep_id: i64,
    pub on: NaiveDate,
    pub topic: String,
    pub minutes: i64,
}

/// A rep's checklist, in its order.
pub fn checklist(conn: &Connection, rep_id: i64) -> Result<Vec<Step>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, rep_id, item, own, done_on FROM onboarding WHERE rep_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt.query_map([rep_id], |r| {
        Ok(Step { id: r.get(0)?, rep_id: r.get(1)?, item: r.get(2)?, own: r.get(3)?, done_on: date(r.get(4)?) })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Each rep's checklist: items done, and in all.
pub fn progress(conn: &Connection) -> Result<std::collections::HashMap<i64, (i64, i64)>> {
    let mut stmt = conn.prepare_cached("SELECT rep_id, COUNT(done_on), COUNT(*) FROM onboarding GROUP BY rep_id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every rep's items not done, in each list's order.
pub fn open_items(conn: &Connection) -> Result<Vec<Step>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, rep_id, item, own, done_on FROM onboarding WHERE done_on IS NULL ORDER BY rep_id, position, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Step { id: r.get(0)?, rep_id: r.get(1)?, item: r.get(2)?, own: r.get(3)?, done_on: date(r.get(4)?) })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Each rep's training: how many sessions, and the latest.
pub fn latest_sessions(conn: &Connection) -> Result<std::collections::HashMap<i64, (i64, Session)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.rep_id, t.on_day, t.topic, t.minutes, c.n FROM trainings t
         JOIN (SELECT rep_id, COUNT(*) AS n, MAX(on_day || printf('%012d', id)) AS last FROM trainings GROUP BY rep_id) c
           ON c.rep_id = t.rep_id AND c.last = t.on_day || printf('%012d', t.id)",
    )?;
    let rows = stmt.query_map([], |r| {
        let session = Session {
            id: r.get(0)?,
            rep_id: r.get(1)?,
            on: date(r.get(2)?).unwrap_or_default(),
            topic: r.get(3)?,
            minutes: r.get(4)?,
        };
        Ok((session.rep_id, (r.get::<_, i64>(5)?, session)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every active rep's open items: rep id, the day the item was put on their list (`today` for
/// an item whose day is not known).
pub fn unfinished(conn: &Connection, today: NaiveDate) -> Result<Vec<(i64, NaiveDate)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.rep_id, o.started_on FROM onboarding o JOIN reps r ON r.id = o.rep_id
         WHERE o.done_on IS NULL AND r.active = 1 ORDER BY o.rep_id, o.id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, date(r.get(1)?))))?;
    rows.map(|r| r.map(|(id, on)| (id, on.unwrap_or(today))).map_err(Into::into)).collect()
}

/// The rep's item named `item` (a default's word, or the owner's text, any case).
pub fn step(conn: &Connection, rep_id: i64, item: &str) -> Result<Option<Step>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, rep_id, item, own, done_on FROM onboarding WHERE rep_id = ?1 AND item = ?2 COLLATE NOCASE",
        )?
        .query_row(params![rep_id, item.trim()], |r| {
            Ok(Step { id: r.get(0)?, rep_id: r.get(1)?, item: r.get(2)?, own: r.get(3)?, done_on: date(r.get(4)?) })
        })
        .optional()?)
}

/// Marks an item done on a day (or, with `None`, not done).
pub fn set_done(w: &Writer<'_>, id: i64, on: Option<NaiveDate>) -> Result<()> {
    w.tx.prepare_cached("UPDATE onboarding SET done_on = ?2 WHERE id = ?1")?
        .execute(params![id, on.map(|d| d.to_string())])?;
    Ok(())
}

/// Adds the owner's own item to a rep's checklist, last; its id.
pub fn add_step(w: &Writer<'_>, rep_id: i64, item: &str) -> Result<i64> {
    w.tx.prepare_cached(
        "INSERT INTO onboarding (rep_id, item, own, position, started_on)
         VALUES (?1, ?2, 1, (SELECT IFNULL(MAX(position), 0) + 1 FROM onboarding WHERE rep_id = ?1), ?3)",
    )?
    .execute(params![rep_id, item.trim(), w.at.date().to_string()])?;
    Ok(w.tx.last_insert_rowid())
}

/// A rep's training sessions, newest first.
pub fn sessions(conn: &Connection, rep_id: i64) -> Result<Vec<Session>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, rep_id, on_day, topic, minutes FROM trainings WHERE rep_id = ?1 ORDER BY on_day DESC, id DESC",
    )?;
    let rows = stmt.query_map([rep_id], |r| {
        Ok(Session {
            id: r.get(0)?,
            rep_id: r.get(1)?,
            on: date(r.get(2)?).unwrap_or_default(),
            topic: r.get(3)?,
            minutes: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records a session a rep attended; its id.
pub fn add_session(w: &Writer<'_>, rep_id: i64, on: NaiveDate, topic: &str, minutes: i64) -> Result<i64> {
    w.tx.prepare_cached("INSERT INTO trainings (rep_id, on_day, topic, minutes) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![rep_id, on.to_string(), topic.trim(), minutes])?;
    Ok(w.tx.last_insert_rowid())
}
