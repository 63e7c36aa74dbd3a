//! Honours as stored: the top reps of each metric of each month, quarter and year that is over.

use super::{Result, Writer, word};
use crate::domain::honours::Honour;
use crate::domain::model::Metric;
use crate::domain::period::{Period, PeriodKind};
use rusqlite::{Connection, OptionalExtension, params};

/// Whether a period's honours are recorded already.
pub fn recorded(conn: &Connection, period: &Period) -> Result<bool> {
    let Some(kind) = period.kind() else { return Ok(false) };
    Ok(conn
        .prepare_cached("SELECT 1 FROM honours WHERE period_kind = ?1 AND period_start = ?2 LIMIT 1")?
        .query_row(params![kind.as_str(), period.first_day().to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Whether anyone did anything in the period (a sale, a visit, a call, a deal closed): a period
/// without figures has no honours to give.
pub fn has_figures(conn: &Connection, period: &Period) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM rep_days WHERE day BETWEEN ?1 AND ?2 LIMIT 1")?
        .query_row(params![period.first_day().to_string(), period.last_day().to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn insert(w: &Writer<'_>, period: &Period, honour: &Honour) -> Result<()> {
    let Some(kind) = period.kind() else { return Ok(()) };
    w.tx.prepare_cached(
        "INSERT INTO honours (period_kind, period_start, metric, rep_id, value) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT DO NOTHING",
    )?
    .execute(params![
        kind.as_str(),
        period.first_day().to_string(),
        honour.metric.as_str(),
        honour.rep_id,
        honour.value
    ])?;
    Ok(())
}

/// One of a rep's honours.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RepHonour {
    pub period: Period,
    pub metric: Metric,
    pub value: i64,
}

/// The honours of one rep (or, with `None`, of everyone), the latest period first (a year
/// before its quarter before its months), each with its rep's id.
pub fn listed(conn: &Connection, rep_id: Option<i64>) -> Result<Vec<(i64, RepHonour)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT rep_id, period_kind, period_start, metric, value FROM honours WHERE ?1 IS NULL OR rep_id = ?1
         ORDER BY date(period_start, CASE period_kind WHEN 'year' THEN '+1 year' WHEN 'quarter' THEN '+3 months'
                                                        ELSE '+1 month' END) DESC,
                  CASE period_kind WHEN 'year' THEN 0 WHEN 'quarter' THEN 1 ELSE 2 END, metric",
    )?;
    let rows = stmt.query_map(params![rep_id], |r| {
        let kind: PeriodKind = word(&r.get::<_, String>(1)?, PeriodKind::Month);
        let start = super::date(Some(r.get(2)?)).unwrap_or_default();
        let metric: Metric = word(&r.get::<_, String>(3)?, Metric::Revenue);
        Ok((r.get(0)?, RepHonour { period: Period::containing(kind, start), metric, value: r.get(4)? }))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
