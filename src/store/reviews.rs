//! Performance reviews, with the KPIs each was written against.

use super::{Result, Writer, date};
use crate::domain::model::Review;
use crate::domain::review::{Assessment, Kpis, latest_first};
use rusqlite::{Connection, OptionalExtension, params};

const COLUMNS: &str = "v.id, v.rep_id, v.period, v.reviewed_on, v.rating_results, v.rating_customer, \
     v.rating_attitude, v.rating_teamwork, v.strengths, v.improvements, v.plan, v.next_review_on, v.kpis, r.name";

/// A review, its KPIs (none on one written before they were kept) and its rep's name.
fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Review, Option<Kpis>, String)> {
    let kpis: Option<String> = r.get(12)?;
    Ok((
        Review {
            id: r.get(0)?,
            rep_id: r.get(1)?,
            period: r.get(2)?,
            reviewed_on: date(r.get(3)?).unwrap_or_default(),
            rating_results: r.get(4)?,
            rating_customer: r.get(5)?,
            rating_attitude: r.get(6)?,
            rating_teamwork: r.get(7)?,
            strengths: r.get(8)?,
            improvements: r.get(9)?,
            plan: r.get(10)?,
            next_review_on: date(r.get(11)?),
        },
        kpis.and_then(|k| serde_json::from_str(&k).ok()),
        r.get(13)?,
    ))
}

/// Every review with its rep's name, newest first.
pub fn list(conn: &Connection) -> Result<Vec<(Review, String)>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM reviews v JOIN reps r ON r.id = v.rep_id
         ORDER BY v.reviewed_on DESC, r.name COLLATE NOCASE, v.id DESC"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], row)?;
    rows.map(|r| r.map(|(review, _, name)| (review, name)).map_err(Into::into)).collect()
}

/// A rep's reviews with their KPIs, latest period first ([`latest_first`]).
pub fn of_rep(conn: &Connection, rep_id: i64) -> Result<Vec<(Review, Option<Kpis>)>> {
    let sql = format!("SELECT {COLUMNS} FROM reviews v JOIN reps r ON r.id = v.rep_id WHERE v.rep_id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([rep_id], row)?;
    let mut reviews: Vec<(Review, Option<Kpis>)> =
        rows.map(|r| r.map(|(review, kpis, _)| (review, kpis))).collect::<Result<_, _>>()?;
    reviews.sort_by_key(|(r, _)| latest_first(&r.period, r.id));
    Ok(reviews)
}

/// One review by its id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<(Review, Option<Kpis>, String)>> {
    let sql = format!("SELECT {COLUMNS} FROM reviews v JOIN reps r ON r.id = v.rep_id WHERE v.id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([id], row).optional()?)
}

/// A rep's review of a period, if there is one.
pub fn of_period(conn: &Connection, rep_id: i64, period: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM reviews WHERE rep_id = ?1 AND period = ?2 ORDER BY id LIMIT 1")?
        .query_row(params![rep_id, period], |r| r.get(0))
        .optional()?)
}

/// Writes a new review; its id.
pub fn insert(w: &Writer<'_>, review: &Review, kpis: &Kpis) -> Result<i64> {
    w.tx.prepare_cached(
        "INSERT INTO reviews (rep_id, period, reviewed_on, rating_results, rating_customer, rating_attitude,
             rating_teamwork, strengths, improvements, plan, next_review_on, kpis)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        review.rep_id,
        review.period,
        review.reviewed_on.to_string(),
        review.rating_results,
        review.rating_customer,
        review.rating_attitude,
        review.rating_teamwork,
        review.strengths,
        review.improvements,
        review.plan,
        review.next_review_on.map(|d| d.to_string()),
        serde_json::to_string(kpis).ok(),
    ])?;
    Ok(w.tx.last_insert_rowid())
}

/// Rewrites what the owner wrote of a review (its KPIs and period stay as they were).
pub fn update(w: &Writer<'_>, id: i64, a: &Assessment) -> Result<()> {
    w.tx.prepare_cached(
        "UPDATE reviews SET rating_results = ?2, rating_customer = ?3, rating_attitude = ?4, rating_teamwork = ?5,
             strengths = ?6, improvements = ?7, plan = ?8, next_review_on = ?9
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        a.results,
        a.customer,
        a.attitude,
        a.teamwork,
        a.strengths,
        a.improvements,
        a.plan,
        a.next_review_on.map(|d| d.to_string())
    ])?;
    Ok(())
}
