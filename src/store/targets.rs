//! Targets per rep or team, period and metric.

use super::{Result, date, word};
use crate::domain::model::{Metric, Target};
use crate::domain::period::Period;
use rusqlite::{Connection, params};

/// The targets set for exactly this period, team first, then reps by name.
pub fn for_period(conn: &Connection, period: &Period) -> Result<Vec<(Target, Option<String>)>> {
    let Some(kind) = period.kind() else { return Ok(Vec::new()) };
    let mut stmt = conn.prepare_cached(
        "SELECT t.rep_id, t.period_start, t.metric, t.goal, r.name FROM targets t
         LEFT JOIN reps r ON r.id = t.rep_id
         WHERE t.period_kind = ?1 AND t.period_start = ?2 AND (r.id IS NULL OR r.active = 1)
         ORDER BY t.rep_id IS NOT NULL, r.name COLLATE NOCASE, t.metric",
    )?;
    let rows = stmt.query_map(params![kind.as_str(), period.first_day().to_string()], |r| {
        Ok((
            Target {
                rep_id: r.get(0)?,
                period_kind: kind,
                period_start: date(r.get(1)?).unwrap_or_default(),
                metric: word(&r.get::<_, String>(2)?, Metric::Revenue),
                goal: r.get(3)?,
            },
            r.get(4)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
