//! Targets per rep, team or the whole business, period and metric.

use super::{Result, StoreError, Writer, date, word};
use crate::domain::model::{Metric, Target};
use crate::domain::period::{Period, PeriodKind};
use rusqlite::{Connection, OptionalExtension, Row, params};

const COLUMNS: &str = "t.id, t.rep_id, t.team, t.period_kind, t.period_start, t.metric, t.goal, r.name";

fn target_row(r: &Row<'_>) -> rusqlite::Result<(i64, Target, Option<String>)> {
    Ok((
        r.get(0)?,
        Target {
            rep_id: r.get(1)?,
            team: r.get(2)?,
            period_kind: word(&r.get::<_, String>(3)?, PeriodKind::Month),
            period_start: date(r.get(4)?).unwrap_or_default(),
            metric: word(&r.get::<_, String>(5)?, Metric::Revenue),
            goal: r.get(6)?,
        },
        r.get(7)?,
    ))
}

/// The targets set for exactly this period: the business's first, then teams, then reps by
/// name (active ones); each with the rep's name.
pub fn for_period(conn: &Connection, period: &Period) -> Result<Vec<(Target, Option<String>)>> {
    Ok(listed(conn, period)?.into_iter().map(|(_, t, name)| (t, name)).collect())
}

/// The same, with each target's id.
pub fn listed(conn: &Connection, period: &Period) -> Result<Vec<(i64, Target, Option<String>)>> {
    let Some(kind) = period.kind() else { return Ok(Vec::new()) };
    let sql = format!(
        "SELECT {COLUMNS} FROM targets t LEFT JOIN reps r ON r.id = t.rep_id
         WHERE t.period_kind = ?1 AND t.period_start = ?2 AND (r.id IS NULL OR r.active = 1)
         ORDER BY t.rep_id IS NOT NULL, t.team IS NOT NULL, t.team, r.name COLLATE NOCASE, t.metric"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![kind.as_str(), period.first_day().to_string()], target_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<(Target, Option<String>)> {
    let sql = format!("SELECT {COLUMNS} FROM targets t LEFT JOIN reps r ON r.id = t.rep_id WHERE t.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], target_row)
        .optional()?
        .map(|(_, t, name)| (t, name))
        .ok_or_else(|| StoreError::NotFound { entity: "target", key: id.to_string() })
}

/// Sets a target: the one for the same rep (or team, or the business), period and metric
/// takes the new goal. Its id, and the goal it had before, if any.
pub fn set(w: &Writer<'_>, t: &Target) -> Result<(i64, Option<i64>)> {
    let team = t.team.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let key = params![t.rep_id, team, t.period_kind.as_str(), t.period_start.to_string(), t.metric.as_str()];
    let before: Option<(i64, i64)> =
        w.tx.prepare_cached(
            "SELECT id, goal FROM targets WHERE IFNULL(rep_id, 0) = IFNULL(?1, 0) AND IFNULL(team, '') = IFNULL(?2, '')
             AND period_kind = ?3 AND period_start = ?4 AND metric = ?5",
        )?
        .query_row(key, |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match before {
        Some((id, goal)) => {
            w.tx.prepare_cached("UPDATE targets SET goal = ?2 WHERE id = ?1")?.execute(params![id, t.goal])?;
            Ok((id, Some(goal)))
        }
        None => {
            w.tx.prepare_cached(
                "INSERT INTO targets (rep_id, team, period_kind, period_start, metric, goal)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                t.rep_id,
                team,
                t.period_kind.as_str(),
                t.period_start.to_string(),
                t.metric.as_str(),
                t.goal
            ])?;
            Ok((w.tx.last_insert_rowid(), None))
        }
    }
}

/// Removes a target; what it was.
pub fn remove(w: &Writer<'_>, id: i64) -> Result<(Target, Option<String>)> {
    let gone = get(&w.tx, id)?;
    w.tx.prepare_cached("DELETE FROM targets WHERE id = ?1")?.execute([id])?;
    Ok(gone)
}
