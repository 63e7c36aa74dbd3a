//! Leads: the review queue, a lead's detail, and lookups. The queue reads three partial
//! indexes (see the schema), one query per reason, so it costs the same on 10 or 100k leads.

use super::{Result, StoreError, date, datetime, fmt_datetime, word};
use crate::domain::contact::{name_company_key, normalise_phone};
use crate::domain::model::{ActivityKind, Category, Lead, Stage};
use crate::domain::money::Money;
use crate::domain::queue::{QueueDay, QueueReason};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

/// One row of the morning review queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueRow {
    pub id: i64,
    /// Why it is in today's queue; `None` in the other views.
    pub reason: Option<QueueReason>,
    pub name: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub owner_id: Option<i64>,
    pub owner: Option<String>,
    pub stage: Stage,
    pub estimated_value: Money,
    pub next_follow_up: Option<NaiveDate>,
    pub last_activity_at: Option<NaiveDateTime>,
    pub protected_until: Option<NaiveDate>,
    pub created_on: NaiveDate,
    /// No stage change since the current claim: when its window ends, it goes to the pool.
    pub no_progress: bool,
}

impl QueueRow {
    /// The day of the last touch: the last activity, or the day the lead came in.
    pub fn last_touch(&self) -> NaiveDate {
        self.last_activity_at.map(|t| t.date()).unwrap_or(self.created_on)
    }
}

const QUEUE_COLUMNS: &str = "l.id, l.name, l.company, r.name, l.stage, l.next_follow_up, \
                             l.last_activity_at, l.protected_until, l.created_on, \
                             IFNULL(l.stage = l.claimed_stage, 0), l.phone, l.owner_id, \
                             l.estimated_value_cents";

/// The WHERE clause of each reason; each matches its partial index in the schema.
fn part(reason: QueueReason) -> (&'static str, &'static str) {
    match reason {
        QueueReason::Overdue => (
            "l.stage NOT IN ('won', 'lost') AND l.next_follow_up IS NOT NULL AND l.next_follow_up < ?1",
            "l.next_follow_up, l.id",
        ),
        QueueReason::DueToday => {
            ("l.stage NOT IN ('won', 'lost') AND l.next_follow_up IS NOT NULL AND l.next_follow_up = ?1", "l.id")
        }
        QueueReason::NewUnassigned => (
            "l.stage NOT IN ('won', 'lost') AND l.owner_id IS NULL \
             AND (l.next_follow_up IS NULL OR l.next_follow_up > ?1)",
            "l.created_on, l.id",
        ),
        QueueReason::Stale => (
            "l.stage NOT IN ('won', 'lost') AND l.owner_id IS NOT NULL \
             AND IFNULL(l.last_activity_at, l.created_on) < ?2 \
             AND (l.next_follow_up IS NULL OR l.next_follow_up > ?1)",
            "IFNULL(l.last_activity_at, l.created_on), l.id",
        ),
        QueueReason::Expiring => (
            "l.stage NOT IN ('won', 'lost') AND l.owner_id IS NOT NULL AND l.stage = l.claimed_stage \
             AND l.protected_until BETWEEN ?1 AND ?5 \
             AND IFNULL(l.last_activity_at, l.created_on) >= ?2 \
             AND (l.next_follow_up IS NULL OR l.next_follow_up > ?1)",
            "l.protected_until, l.id",
        ),
    }
}

use super::queue_counts::REASONS;

/// A LIKE pattern over name, company, phone (as typed, or its digits however the number
/// is written) and e-mail; empty matches everything.
/// The one matcher of leads, the app's `/` and `repdesk lead find` alike: name, company, the
/// phone as typed or any run of three or more of its digits however it is written (with or
/// without its country prefix), e-mail, the owner's name; the SQL (`?3` the pattern, `?4` the
/// digits) and its two values.
pub(crate) fn filter_clause(filter: &str) -> (&'static str, String, String) {
    let f = filter.trim();
    if f.is_empty() {
        return ("", String::new(), String::new());
    }
    let escaped = f.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    // A whole number with its country prefix is compared as stored; a run of digits as typed.
    let digits: String =
        crate::domain::contact::normalise_phone(f).unwrap_or_else(|| f.chars().filter(char::is_ascii_digit).collect());
    let digits = if digits.len() >= 3 { format!("%{digits}%") } else { "\u{0}".to_string() };
    (
        " AND (l.name LIKE ?3 ESCAPE '\\' OR l.company LIKE ?3 ESCAPE '\\' \
           OR l.phone LIKE ?3 ESCAPE '\\' OR l.email LIKE ?3 ESCAPE '\\' OR r.name LIKE ?3 ESCAPE '\\' \
           OR l.phone_norm LIKE ?4 OR l.id IN (SELECT lead_id FROM lead_phones WHERE phone_norm LIKE ?4))",
        format!("%{escaped}%"),
        digits,
    )
}

fn queue_row(reason: Option<QueueReason>) -> impl Fn(&Row<'_>) -> rusqlite::Result<QueueRow> {
    move |r| {
        Ok(QueueRow {
            id: r.get(0)?,
            reason,
            name: r.get(1)?,
            company: r.get(2)?,
            phone: r.get(10)?,
            owner_id: r.get(11)?,
            owner: r.get(3)?,
            stage: word(&r.get::<_, String>(4)?, Stage::New),
            estimated_value: Money(r.get(12)?),
            next_follow_up: date(r.get(5)?),
            last_activity_at: datetime(r.get(6)?),
            protected_until: date(r.get(7)?),
            created_on: date(r.get(8)?).unwrap_or_default(),
            no_progress: r.get(9)?,
        })
    }
}

/// A row limit as SQLite takes it: 0 is no limit (-1).
fn sql_limit(limit: usize) -> i64 {
    if limit == 0 { -1 } else { i64::try_from(limit).unwrap_or(i64::MAX) }
}

/// Today's review queue, in queue order, at most `limit` rows.
pub fn review_queue(conn: &Connection, day: &QueueDay, filter: &str, limit: usize) -> Result<Vec<QueueRow>> {
    queue_rows(conn, &REASONS, day, filter, limit)
}

/// The queue's parameters by number: ?1 today, ?2 the stale cut-off, ?3 the filter pattern,
/// ?4 its digits, ?5 the end of the warning. Each reason's SQL uses some of them.
fn bind_values(day: &QueueDay, pattern: String, digits: String) -> [String; 5] {
    [day.today.to_string(), day.stale_cutoff().to_string(), pattern, digits, day.warn_until().to_string()]
}

/// The queue rows for some reasons only, in the order given.
pub fn queue_rows(
    conn: &Connection,
    reasons: &[QueueReason],
    day: &QueueDay,
    filter: &str,
    limit: usize,
) -> Result<Vec<QueueRow>> {
    let (extra, pattern, digits) = filter_clause(filter);
    let values = bind_values(day, pattern, digits);
    let mut out = Vec::new();
    for &reason in reasons {
        let left = limit.saturating_sub(out.len());
        if left == 0 {
            break;
        }
        let (clause, order) = part(reason);
        let sql = format!(
            "SELECT {QUEUE_COLUMNS} FROM leads l LEFT JOIN reps r ON r.id = l.owner_id
             WHERE {clause}{extra} ORDER BY {order} LIMIT {}",
            i64::try_from(left).unwrap_or(-1)
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let count = stmt.parameter_count();
        let rows = stmt
            .query_map(rusqlite::params_from_iter(&values[..count]), queue_row(Some(reason)))?
            .collect::<Result<Vec<_>, _>>()?;
        out.extend(rows);
    }
    Ok(out)
}

/// The other ways to look at the open leads besides today's queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Browse {
    /// Every open lead, by name.
    All,
    /// Open leads rep by rep (reps by name, the pool last), the soonest follow-up first (the
    /// pool in the order its leads came in).
    ByRep,
    /// Open leads stage by stage, from new to proposal, by name.
    ByStage,
    /// Every lead, closed ones too: what `/` searches, to say whether a customer exists.
    Everyone,
}

/// What a group of a view gathers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heading {
    Rep { id: i64, name: String, active: bool },
    Pool,
    Stage(Stage),
}

/// One heading of a grouped view, with its leads (its first ones, when it has more than its
/// share of the limit) and how many it has: `None` when it was cut short (a count of every
/// rep's leads would cost a scan of them all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub heading: Heading,
    pub total: Option<i64>,
    pub rows: Vec<QueueRow>,
}

/// The fewest leads a group of a grouped view shows, whatever the limit.
const GROUP_LEAST: usize = 10;

/// Open leads for a view, at most `limit`, each read through an index in its order.
pub fn browse(conn: &Connection, view: Browse, day: &QueueDay, filter: &str, limit: usize) -> Result<Vec<QueueRow>> {
    let order = match view {
        Browse::All => "l.name, l.id",
        Browse::Everyone => "l.stage IN ('won', 'lost'), l.name, l.id",
        Browse::ByRep | Browse::ByStage => {
            let groups = browse_groups(conn, view, day, filter, limit)?;
            return Ok(groups.into_iter().flat_map(|g| g.rows).collect());
        }
    };
    let clause = if view == Browse::All { "l.stage NOT IN ('won', 'lost')" } else { "1" };
    Ok(browse_part(conn, day, filter, clause, order, None, limit)?.0)
}

/// One lead as a list row (a likely duplicate offered by a merge).
pub fn list_row(conn: &Connection, day: &QueueDay, id: i64) -> Result<Option<QueueRow>> {
    let key = rusqlite::types::Value::Integer(id);
    Ok(browse_part(conn, day, "", "l.id = ?6", "l.id", Some(key), 1)?.0.pop())
}

/// The rows of one part of a view, at most `limit`, and whether the limit cut it short.
fn browse_part(
    conn: &Connection,
    day: &QueueDay,
    filter: &str,
    clause: &str,
    order: &str,
    key: Option<rusqlite::types::Value>,
    limit: usize,
) -> Result<(Vec<QueueRow>, bool)> {
    let (extra, pattern, digits) = filter_clause(filter);
    let mut values: Vec<rusqlite::types::Value> =
        bind_values(day, pattern, digits).into_iter().map(rusqlite::types::Value::Text).collect();
    let sql = format!(
        "SELECT {QUEUE_COLUMNS} FROM leads l LEFT JOIN reps r ON r.id = l.owner_id
         WHERE {clause}{extra} ORDER BY {order} LIMIT {}",
        sql_limit(limit)
    );
    // The group's key, when the clause names one, is ?6, after the five every view shares.
    values.extend(key);
    let mut stmt = conn.prepare_cached(&sql)?;
    let count = stmt.parameter_count().min(values.len());
    let rows = stmt
        .query_map(rusqlite::params_from_iter(&values[..count]), queue_row(None))?
        .collect::<Result<Vec<_>, _>>()?;
    let cut = limit > 0 && rows.len() >= limit;
    Ok((rows, cut))
}

/// A grouped view's groups in order, each with its share of `limit` (at least ten leads), so
/// every rep (and the pool) shows however many leads the first one holds; a group without
/// leads is left out. A `limit` of 0 is every lead of every group.
pub fn browse_groups(
    conn: &Connection,
    view: Browse,
    day: &QueueDay,
    filter: &str,
    limit: usize,
) -> Result<Vec<Group>> {
    const OPEN: &str = "l.stage NOT IN ('won', 'lost')";
    // Each group: its heading, its clause and order (matching an index), and its key (?6).
    let mut parts: Vec<(Heading, String, &str, Option<rusqlite::types::Value>)> = Vec::new();
    match view {
        Browse::ByRep => {
            let mut stmt = conn.prepare_cached("SELECT id, name, active FROM reps ORDER BY name, id")?;
            let reps = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?)))?;
            for rep in reps {
                let (id, name, active) = rep?;
                parts.push((
                    Heading::Rep { id, name, active },
                    format!("l.owner_id = ?6 AND l.owner_id IS NOT NULL AND {OPEN}"),
                    "IFNULL(l.next_follow_up, '9999-12-31'), l.id",
                    Some(rusqlite::types::Value::Integer(id)),
                ));
            }
            // The pool in the order it came in, as the queue has it (through leads_pool).
            parts.push((Heading::Pool, format!("{OPEN} AND l.owner_id IS NULL"), "l.created_on, l.id", None));
        }
        Browse::ByStage => {
            for stage in [Stage::New, Stage::Contacted, Stage::Qualified, Stage::Proposal] {
                parts.push((Heading::Stage(stage), format!("l.stage = '{}'", stage.as_str()), "l.name, l.id", None));
            }
        }
        Browse::All | Browse::Everyone => {
            let rows = browse(conn, view, day, filter, limit)?;
            let total = (limit == 0 || rows.len() < limit).then_some(rows.len() as i64);
            return Ok(vec![Group { heading: Heading::Pool, total, rows }]);
        }
    }
    let share = if limit == 0 { 0 } else { (limit / parts.len().max(1)).max(GROUP_LEAST) };
    let mut out = Vec::new();
    for (heading, clause, order, key) in parts {
        // One more than the share is read, to know whether the group has more.
        let asked = if share == 0 { 0 } else { share + 1 };
        let (mut rows, _) = browse_part(conn, day, filter, &clause, order, key, asked)?;
        if rows.is_empty() {
            continue;
        }
        let cut = share > 0 && rows.len() > share;
        rows.truncate(if cut { share } else { rows.len() });
        let total = (!cut).then_some(rows.len() as i64);
        out.push(Group { heading, total, rows });
    }
    Ok(out)
}

/// How many leads are in today's queue for each reason.
pub fn queue_counts(conn: &Connection, day: &QueueDay) -> Result<Vec<(QueueReason, i64)>> {
    counts_of(conn, &REASONS, day)
}

/// How many leads are in the queue for each of some reasons.
pub fn counts_of(conn: &Connection, reasons: &[QueueReason], day: &QueueDay) -> Result<Vec<(QueueReason, i64)>> {
    let values = bind_values(day, String::new(), String::new());
    reasons
        .iter()
        .map(|&reason| {
            let (clause, _) = part(reason);
            let sql = format!("SELECT COUNT(*) FROM leads l WHERE {clause}");
            let mut stmt = conn.prepare_cached(&sql)?;
            let count = stmt.parameter_count();
            let n: i64 = stmt.query_row(rusqlite::params_from_iter(&values[..count]), |r| r.get(0))?;
            Ok((reason, n))
        })
        .collect()
}

const LEAD_COLUMNS: &str = "id, name, company, phone, email, source, channel, category, stage, lost_reason, \
    owner_id, claimed_on, protected_until, next_follow_up, estimated_value_cents, external_id, note, \
    created_on, stage_changed_on, closed_on, last_activity_at";

fn lead_row(r: &Row<'_>) -> rusqlite::Result<Lead> {
    Ok(Lead {
        id: r.get(0)?,
        name: r.get(1)?,
        company: r.get(2)?,
        phone: r.get(3)?,
        email: r.get(4)?,
        source: r.get(5)?,
        channel: r.get::<_, Option<String>>(6)?.and_then(|c| c.parse().ok()),
        category: word(&r.get::<_, String>(7)?, Category::Prospect),
        stage: word(&r.get::<_, String>(8)?, Stage::New),
        lost_reason: r.get(9)?,
        owner_id: r.get(10)?,
        claimed_on: date(r.get(11)?),
        protected_until: date(r.get(12)?),
        next_follow_up: date(r.get(13)?),
        estimated_value: Money(r.get(14)?),
        external_id: r.get(15)?,
        note: r.get(16)?,
        created_on: date(r.get(17)?).unwrap_or_default(),
        stage_changed_on: date(r.get(18)?).unwrap_or_default(),
        closed_on: date(r.get(19)?),
        last_activity_at: datetime(r.get(20)?),
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Lead> {
    let sql = format!("SELECT {LEAD_COLUMNS} FROM leads WHERE id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], lead_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { entity: "lead", key: id.to_string() })
}

/// An activity as a lead's history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityRow {
    pub at: NaiveDateTime,
    pub kind: ActivityKind,
    pub rep: Option<String>,
    pub outcome: Option<String>,
    pub note: Option<String>,
}

/// The newest `limit` activities of a lead, newest first.
pub fn recent_activities(conn: &Connection, lead_id: i64, limit: usize) -> Result<Vec<ActivityRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.at, a.kind, r.name, a.outcome, a.note FROM activities a
         LEFT JOIN reps r ON r.id = a.rep_id
         WHERE a.lead_id = ?1 ORDER BY a.at DESC, a.id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![lead_id, limit as i64], |r| {
        Ok(ActivityRow {
            at: datetime(r.get(0)?).unwrap_or_default(),
            kind: word(&r.get::<_, String>(1)?, ActivityKind::Note),
            rep: r.get(2)?,
            outcome: r.get(3)?,
            note: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Writes the row of a new lead as given (its normalised phone and name key derived here),
/// without checks or audit: the one INSERT of a lead, for the audited use cases and bulk loads.
pub fn insert_row(conn: &Connection, l: &Lead) -> Result<i64> {
    let d = |day: Option<NaiveDate>| day.map(|x| x.to_string());
    conn.prepare_cached(
        "INSERT INTO leads (name, company, phone, phone_norm, email, source, channel, category, stage, lost_reason,
                            owner_id, claimed_on, protected_until, next_follow_up, estimated_value_cents, external_id,
                            note, created_on, stage_changed_on, closed_on, last_activity_at, name_key, claimed_stage)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
                 CASE WHEN ?11 IS NOT NULL THEN ?9 END)",
    )?
    .execute(params![
        l.name,
        l.company,
        l.phone,
        l.phone.as_deref().and_then(normalise_phone),
        l.email,
        l.source,
        l.channel.map(|c| c.as_str()),
        l.category.as_str(),
        l.stage.as_str(),
        l.lost_reason,
        l.owner_id,
        d(l.claimed_on),
        d(l.protected_until),
        d(l.next_follow_up),
        l.estimated_value.cents(),
        l.external_id,
        l.note,
        l.created_on.to_string(),
        l.stage_changed_on.to_string(),
        d(l.closed_on),
        l.last_activity_at.map(fmt_datetime),
        name_company_key(&l.name, l.company.as_deref()),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Which leads a listing wants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeadQuery {
    pub owner_id: Option<i64>,
    pub stage: Option<Stage>,
    pub include_closed: bool,
    pub limit: usize,
}

/// Leads by name, each with its owner's name.
pub fn list(conn: &Connection, q: &LeadQuery) -> Result<Vec<(Lead, Option<String>)>> {
    let sql = format!(
        "SELECT {LEAD_COLUMNS}, (SELECT name FROM reps WHERE reps.id = leads.owner_id) FROM leads
         WHERE (?1 IS NULL OR owner_id = ?1) AND (?2 IS NULL OR stage = ?2)
           AND (?3 OR stage NOT IN ('won', 'lost'))
         ORDER BY name, id LIMIT ?4"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params![q.owner_id, q.stage.map(|s| s.as_str()), q.include_closed, sql_limit(q.limit)], |r| {
            Ok((lead_row(r)?, r.get(21)?))
        })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn by_external_id(conn: &Connection, external_id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM leads WHERE external_id = ?1")?
        .query_row([external_id], |r| r.get(0))
        .optional()?)
}

/// Every lead with its owner's name and other phones, by id, one at a time (exports of any size).
pub fn each(conn: &Connection, mut each: impl FnMut(Lead, Exported) -> Result<()>) -> Result<()> {
    let sql = format!(
        "SELECT {LEAD_COLUMNS}, (SELECT name FROM reps WHERE reps.id = leads.owner_id),
                (SELECT group_concat(phone, '; ') FROM (SELECT phone FROM lead_phones WHERE lead_id = leads.id ORDER BY phone))
         FROM leads ORDER BY id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let other_phones = r.get::<_, Option<String>>(22)?.unwrap_or_default();
        each(lead_row(r)?, Exported { owner: r.get(21)?, other_phones })?;
    }
    Ok(())
}

/// What an export writes beside a lead's own columns.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Exported {
    /// The owner's name.
    pub owner: Option<String>,
    /// The lead's other phones, `; ` between them.
    pub other_phones: String,
}

/// Every activity with its lead's and rep's names, oldest first, one at a time.
pub fn each_activity(conn: &Connection, mut each: impl FnMut(i64, String, ActivityRow) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT a.lead_id, l.name, a.at, a.kind, r.name, a.outcome, a.note FROM activities a
         JOIN leads l ON l.id = a.lead_id LEFT JOIN reps r ON r.id = a.rep_id ORDER BY a.at, a.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let row = ActivityRow {
            at: datetime(r.get(2)?).unwrap_or_default(),
            kind: word(&r.get::<_, String>(3)?, ActivityKind::Note),
            rep: r.get(4)?,
            outcome: r.get(5)?,
            note: r.get(6)?,
        };
        each(r.get(0)?, r.get(1)?, row)?;
    }
    Ok(())
}

/// How many leads there are in all.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM leads", [], |r| r.get(0))?)
}
