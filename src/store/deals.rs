//! Deals: a customer's opportunities and orders, each with its stage, value, owner, dates and
//! outcome. A won deal points at the sale it recorded.

use super::{Result, StoreError, Writer, date, word};
use crate::domain::model::{Deal, Outcome, Stage};
use crate::domain::money::Money;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

/// Gives a file from before deals their deals: each sale its won deal, each lead past `new`
/// (or with a value) that has no sale a deal in the lead's stage. Migration 4 runs it, and so
/// does a demo load, whose generator writes leads and sales.
pub const BACKFILL: &str = "
INSERT INTO deals (lead_id, rep_id, stage, value_cents, closed_on, product, external_id, sale_id)
SELECT s.lead_id, s.rep_id, 'won', s.amount_cents, s.closed_on, s.product, s.external_id, s.id
FROM sales s WHERE s.lead_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.sale_id = s.id)
ORDER BY s.id;
INSERT INTO deals (lead_id, rep_id, stage, value_cents, opened_on, closed_on, lost_reason)
SELECT l.id, l.owner_id, l.stage, l.estimated_value_cents, l.created_on, l.closed_on, l.lost_reason
FROM leads l
WHERE (l.stage <> 'new' OR l.estimated_value_cents > 0)
  AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.lead_id = l.id)
  AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.lead_id = l.id)
ORDER BY l.id;
";

const COLUMNS: &str = "d.id, d.lead_id, d.rep_id, d.title, d.stage, d.value_cents, d.opened_on, d.closed_on,
                       d.lost_reason, d.product, d.external_id, d.sale_id";

fn deal(r: &Row<'_>) -> rusqlite::Result<Deal> {
    Ok(Deal {
        id: r.get(0)?,
        lead_id: r.get(1)?,
        rep_id: r.get(2)?,
        title: r.get(3)?,
        stage: word(&r.get::<_, String>(4)?, Stage::New),
        value: Money(r.get(5)?),
        opened_on: date(r.get(6)?),
        closed_on: date(r.get(7)?),
        lost_reason: r.get(8)?,
        product: r.get(9)?,
        external_id: r.get(10)?,
        sale_id: r.get(11)?,
    })
}

/// The one INSERT of a deal, without audit: for the audited writes and imports.
pub fn insert_row(conn: &Connection, d: &Deal) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO deals (lead_id, rep_id, title, stage, value_cents, opened_on, closed_on, lost_reason, product,
                            external_id, sale_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        d.lead_id,
        d.rep_id,
        d.title,
        d.stage.as_str(),
        d.value.cents(),
        d.opened_on.map(|d| d.to_string()),
        d.closed_on.map(|d| d.to_string()),
        d.lost_reason,
        d.product,
        d.external_id,
        d.sale_id,
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn add(w: &Writer<'_>, deal: &Deal) -> Result<Deal> {
    let added = Deal { id: insert_row(&w.tx, deal)?, ..deal.clone() };
    Ok(added)
}

/// Adds a deal from an import: the row alone, returned by id.
pub fn add_imported(w: &Writer<'_>, deal: &Deal) -> Result<i64> {
    let id = insert_row(&w.tx, deal)?;
    Ok(id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Deal> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM deals d WHERE d.id = ?1"))?
        .query_row([id], deal)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { entity: "deal", key: id.to_string() })
}

/// A customer's deals: the open ones first, then the closed, each newest first.
pub fn of_lead(conn: &Connection, lead_id: i64) -> Result<Vec<Deal>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM deals d WHERE d.lead_id = ?1
         ORDER BY d.closed_on IS NOT NULL, IFNULL(d.closed_on, d.opened_on) DESC, d.id DESC"
    ))?;
    Ok(stmt.query_map([lead_id], deal)?.collect::<Result<_, _>>()?)
}

/// The customer's latest open deal: what `w` and `l` close.
pub fn open_of(conn: &Connection, lead_id: i64) -> Result<Option<Deal>> {
    Ok(of_lead(conn, lead_id)?.into_iter().find(|d| d.outcome() == Outcome::Open))
}

/// Closes a deal as won (with the sale it recorded) or lost (with its reason) on `day`.
pub fn close(
    w: &Writer<'_>,
    id: i64,
    stage: Stage,
    day: NaiveDate,
    lost_reason: Option<&str>,
    sale: Option<(i64, Money)>,
) -> Result<Deal> {
    let before = get(&w.tx, id)?;
    let (sale_id, value) = sale.map_or((before.sale_id, before.value), |(id, amount)| (Some(id), amount));
    w.tx.prepare_cached(
        "UPDATE deals SET stage = ?2, closed_on = ?3, lost_reason = ?4, sale_id = ?5, value_cents = ?6 WHERE id = ?1",
    )?
    .execute(params![id, stage.as_str(), day.to_string(), lost_reason, sale_id, value.cents()])?;
    let after = get(&w.tx, id)?;
    Ok(after)
}

/// A customer's deal of this title: a deal without an id of its own, known again by it.
pub fn by_title(conn: &Connection, lead_id: i64, title: &str) -> Result<Option<Deal>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM deals d WHERE d.lead_id = ?1 AND d.title = ?2 ORDER BY d.id DESC"
        ))?
        .query_row(params![lead_id, title], deal)
        .optional()?)
}

/// Moves an open deal to another open stage, at the value it has now.
pub fn set_stage(w: &Writer<'_>, id: i64, stage: Stage, value: Money) -> Result<Deal> {
    get(&w.tx, id)?;
    w.tx.prepare_cached("UPDATE deals SET stage = ?2, value_cents = ?3 WHERE id = ?1")?.execute(params![
        id,
        stage.as_str(),
        value.cents()
    ])?;
    let after = get(&w.tx, id)?;
    Ok(after)
}

pub fn by_external_id(conn: &Connection, external_id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM deals WHERE external_id = ?1")?
        .query_row([external_id], |r| r.get(0))
        .optional()?)
}

/// Whether a deal without an id of its own is already recorded: the same customer, owner,
/// stage, value and title, and the same close date where the file gives one.
pub fn same_exists(conn: &Connection, d: &Deal) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM deals WHERE lead_id = ?1 AND rep_id IS ?2 AND stage = ?3 AND value_cents = ?4
                                                AND (?5 IS NULL OR closed_on = ?5) AND title IS ?6)",
        )?
        .query_row(
            params![
                d.lead_id,
                d.rep_id,
                d.stage.as_str(),
                d.value.cents(),
                d.closed_on.map(|d| d.to_string()),
                d.title
            ],
            |r| r.get(0),
        )?)
}

/// A deal as lists and exports show it: with its customer and its rep.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DealRow {
    #[serde(flatten)]
    pub deal: Deal,
    pub outcome: Outcome,
    pub rep: Option<String>,
    pub customer: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

const ROW_SQL: &str = "FROM deals d JOIN leads l ON l.id = d.lead_id LEFT JOIN reps r ON r.id = d.rep_id";

fn deal_row(r: &Row<'_>) -> rusqlite::Result<DealRow> {
    let deal = deal(r)?;
    Ok(DealRow {
        outcome: deal.outcome(),
        deal,
        rep: r.get(12)?,
        customer: r.get(13)?,
        company: r.get(14)?,
        phone: r.get(15)?,
        email: r.get(16)?,
    })
}

fn row_select(filter: &str, order: &str) -> String {
    // The customer's phones, the other ones after its own, as one cell that import reads back.
    format!(
        "SELECT {COLUMNS}, r.name, l.name, l.company,
                l.phone || IFNULL('; ' || (SELECT group_concat(phone, '; ') FROM lead_phones p WHERE p.lead_id = l.id), ''),
                l.email {ROW_SQL} {filter} {order}"
    )
}

/// Deals, newest first: the open ones, or every one; `limit` 0 is no limit.
pub fn list(conn: &Connection, all: bool, limit: usize) -> Result<Vec<DealRow>> {
    let filter = if all { "" } else { "WHERE d.stage <> 'won' AND d.stage <> 'lost'" };
    let mut stmt = conn.prepare(&row_select(filter, "ORDER BY d.id DESC LIMIT ?1"))?;
    let limit = if limit == 0 { -1 } else { limit as i64 };
    Ok(stmt.query_map([limit], deal_row)?.collect::<Result<_, _>>()?)
}

pub fn row(conn: &Connection, id: i64) -> Result<DealRow> {
    conn.prepare(&row_select("WHERE d.id = ?1", ""))?
        .query_row([id], deal_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { entity: "deal", key: id.to_string() })
}

/// A rep's deals closed (won or lost) between two days, newest first, at most `limit`: the
/// deals behind their figures on the leaderboard.
pub fn closed_by(
    conn: &Connection,
    rep_id: i64,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    limit: usize,
) -> Result<Vec<DealRow>> {
    let filter = "WHERE d.closed_on IS NOT NULL AND d.closed_on BETWEEN ?2 AND ?3 AND d.rep_id = ?1
                      AND (d.stage = 'won' OR d.stage = 'lost')";
    let mut stmt = conn.prepare(&row_select(filter, "ORDER BY d.closed_on DESC, d.id DESC LIMIT ?4"))?;
    let rows = stmt.query_map(rusqlite::params![rep_id, from.to_string(), to.to_string(), limit as i64], deal_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every deal, oldest first, row by row so a large export never sits in memory.
pub fn each(conn: &Connection, mut each: impl FnMut(DealRow) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare(&row_select("", "ORDER BY d.id"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        each(deal_row(r)?)?;
    }
    Ok(())
}
