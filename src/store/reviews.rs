//! Performance reviews.

use super::{Result, date};
use crate::domain::model::Review;
use rusqlite::Connection;

/// Every review with its rep's name, newest first.
pub fn list(conn: &Connection) -> Result<Vec<(Review, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.rep_id, v.period, v.reviewed_on, v.rating_results, v.rating_customer, v.rating_teamwork,
                v.strengths, v.improvements, v.plan, v.next_review_on, r.name
         FROM reviews v JOIN reps r ON r.id = v.rep_id
         ORDER BY v.reviewed_on DESC, r.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            Review {
                rep_id: r.get(0)?,
                period: r.get(1)?,
                reviewed_on: date(r.get(2)?).unwrap_or_default(),
                rating_results: r.get(3)?,
                rating_customer: r.get(4)?,
                rating_teamwork: r.get(5)?,
                strengths: r.get(6)?,
                improvements: r.get(7)?,
                plan: r.get(8)?,
                next_review_on: date(r.get(9)?),
            },
            r.get(10)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
