//! How many leads each part of the morning queue holds, kept up to date across this
//! connection's own changes instead of counted again after each one.
//!
//! Counting the queue reads an index range per reason (6–9 ms at 200,000 leads), and every
//! write in the app needs the counts again: the queue's title and the risk count of the top
//! bar. A change of this connection knows which leads it touched (its audit rows hold each
//! one's row before), so the counts move by the difference of those leads' reasons before and
//! after. Anything else — another process's commit, a change not recorded row by row, a
//! write outside a change, a new day or new thresholds — and the next read counts in full.

use super::{Result, date, datetime};
use crate::domain::queue::{QueueDay, QueueFacts, QueueReason, reason};
use rusqlite::{Connection, OptionalExtension, params};

/// The queue's reasons in the order of the queue.
pub const REASONS: [QueueReason; 5] = [
    QueueReason::Overdue,
    QueueReason::DueToday,
    QueueReason::NewUnassigned,
    QueueReason::Stale,
    QueueReason::Expiring,
];

/// A change touching more leads than this is counted again in full: reading that many images
/// costs more than the count.
const MOST_TOUCHED: i64 = 2_000;

/// The counts as of a state of the database this connection can recognise.
#[derive(Debug, Clone)]
pub(crate) struct Memo {
    day: QueueDay,
    /// `PRAGMA data_version`: moves when another connection commits.
    data_version: i64,
    /// Rows this connection has written so far: moves with any write of its own.
    total_changes: u64,
    /// Each reason's count, once some read asked for it (the risk count needs two of five).
    counts: [Option<i64>; 5],
}

fn index(reason: QueueReason) -> usize {
    REASONS.iter().position(|r| *r == reason).unwrap_or(0)
}

impl Memo {
    /// Whether the memo is still of the database as it is.
    pub(crate) fn holds(&self, day: &QueueDay, data_version: i64, total_changes: u64) -> bool {
        self.day == *day && self.data_version == data_version && self.total_changes == total_changes
    }

    pub(crate) fn new(day: QueueDay, data_version: i64, total_changes: u64) -> Memo {
        Memo { day, data_version, total_changes, counts: [None; 5] }
    }

    /// The count of `reason`, when known.
    pub(crate) fn get(&self, reason: QueueReason) -> Option<i64> {
        self.counts[index(reason)]
    }

    pub(crate) fn set(&mut self, reason: QueueReason, n: i64) {
        self.counts[index(reason)] = Some(n);
    }

    /// Moves the counts by change `change` of this connection, which began when the
    /// connection had written `before` rows and ended at `after`; false when they cannot be
    /// moved (the memo is of another state, or the change touched too many leads), and the
    /// memo is to be dropped.
    pub(crate) fn follow(&mut self, conn: &Connection, change: i64, before: u64, after: u64) -> Result<bool> {
        if self.total_changes != before {
            return Ok(false);
        }
        // The change's audit rows are a range of ids (nobody else writes during a change).
        let (first, last, rows): (i64, i64, i64) = conn
            .prepare_cached("SELECT IFNULL(first_audit, 0), IFNULL(last_audit, -1), rows FROM changes WHERE id = ?1")?
            .query_row([change], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        if rows > MOST_TOUCHED {
            return Ok(false);
        }
        // Each lead's first audit row of the change holds it as it was before (none: added).
        // The range is read by rowid (`+entity`: not by the index of every lead's history).
        let mut first_rows = conn.prepare_cached(
            "SELECT entity_id, before, MIN(id) FROM audit_log
             WHERE id BETWEEN ?1 AND ?2 AND +entity = 'leads' GROUP BY entity_id",
        )?;
        let images = first_rows
            .query_map([first, last], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (id, image) in images {
            let was = image.as_deref().and_then(facts_of_image).and_then(|was| reason(&was, &self.day));
            if let Some(n) = was.and_then(|r| self.counts[index(r)].as_mut()) {
                *n -= 1;
            }
            let is = facts_of_row(conn, id)?.and_then(|is| reason(&is, &self.day));
            if let Some(n) = is.and_then(|r| self.counts[index(r)].as_mut()) {
                *n += 1;
            }
        }
        self.total_changes = after;
        Ok(true)
    }
}

/// The queue's facts of a lead as stored now; none when it is gone.
fn facts_of_row(conn: &Connection, id: i64) -> Result<Option<QueueFacts>> {
    Ok(conn
        .prepare_cached(
            "SELECT stage, owner_id, next_follow_up, created_on, last_activity_at, protected_until, claimed_stage
             FROM leads WHERE id = ?1",
        )?
        .query_row(params![id], |r| {
            Ok(facts(
                &r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.is_some(),
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })
        .optional()?)
}

/// The queue's facts of a lead from an audit image (the JSON of its row).
fn facts_of_image(image: &str) -> Option<QueueFacts> {
    let value: serde_json::Value = serde_json::from_str(image).ok()?;
    let text = |name: &str| value.get(name).and_then(|v| v.as_str()).map(str::to_string);
    Some(facts(
        value.get("stage")?.as_str()?,
        value.get("owner_id").is_some_and(|o| !o.is_null()),
        text("next_follow_up"),
        text("created_on"),
        text("last_activity_at"),
        text("protected_until"),
        text("claimed_stage"),
    ))
}

fn facts(
    stage: &str,
    owned: bool,
    next_follow_up: Option<String>,
    created_on: Option<String>,
    last_activity_at: Option<String>,
    protected_until: Option<String>,
    claimed_stage: Option<String>,
) -> QueueFacts {
    QueueFacts {
        open: stage != "won" && stage != "lost",
        owned,
        next_follow_up: date(next_follow_up),
        created_on: date(created_on).unwrap_or_default(),
        last_activity_at: datetime(last_activity_at),
        protected_until: date(protected_until),
        no_progress: claimed_stage.as_deref() == Some(stage),
    }
}
