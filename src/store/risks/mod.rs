//! The facts the risk rules read, each rule's leads counted and listed from an index, and the
//! owner's acknowledgements and snoozes.

use super::{Result, Writer, date, word};
use crate::domain::model::{Category, Stage};
use crate::domain::money::Money;
use crate::domain::risk::poaching::{PoachEvent, Reach};
use crate::domain::risk::{LeadFacts, RiskRule, RiskThresholds, Severity};
use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

const LEAD_COLUMNS: &str = "l.id, l.name, l.company, l.owner_id, r.name, l.stage, l.category, l.next_follow_up, \
     substr(l.last_activity_at, 1, 10), l.created_on, l.claimed_on, l.claimed_stage, l.protected_until, \
     l.stage_changed_on, l.estimated_value_cents";

fn lead_facts(r: &rusqlite::Row<'_>) -> rusqlite::Result<LeadFacts> {
    let created_on = date(r.get(9)?).unwrap_or_default();
    Ok(LeadFacts {
        id: r.get(0)?,
        name: r.get(1)?,
        company: r.get(2)?,
        owner_id: r.get(3)?,
        owner: r.get(4)?,
        stage: word(&r.get::<_, String>(5)?, Stage::New),
        category: word(&r.get::<_, String>(6)?, Category::Prospect),
        next_follow_up: date(r.get(7)?),
        last_activity: date(r.get(8)?),
        created_on,
        claimed_on: date(r.get(10)?),
        claimed_stage: r.get::<_, Option<String>>(11)?.map(|s| word(&s, Stage::New)),
        protected_until: date(r.get(12)?),
        stage_changed_on: date(r.get(13)?).unwrap_or(created_on),
        value: Money(r.get(14)?),
    })
}

/// The WHERE clause (on `leads l`) of the leads a lead rule flags, the order its worst come in
/// and its values, as the domain rule decides them (a test holds the two together). Each reads
/// an index of the schema.
fn lead_rule(
    rule: RiskRule,
    t: &RiskThresholds,
    warn_days: i64,
    today: NaiveDate,
) -> (&'static str, &'static str, [String; 3]) {
    let day = |d: NaiveDate| d.to_string();
    // Quiet for `n` days: the last touch (a datetime, or the day it came in) before this.
    let quiet_since = |n: i64| day(today - Duration::days(n - 1));
    match rule {
        RiskRule::Overdue => (
            "l.stage NOT IN ('won', 'lost') AND l.next_follow_up IS NOT NULL AND l.next_follow_up < ?1",
            "l.next_follow_up, l.id",
            [day(today), String::new(), String::new()],
        ),
        RiskRule::Stale => (
            "l.stage NOT IN ('won', 'lost') AND l.owner_id IS NOT NULL \
             AND IFNULL(l.last_activity_at, l.created_on) < ?1 AND IFNULL(l.claimed_on, l.created_on) < ?1",
            // In the index's order, the last touch: sorting by the rule's own start (the later
            // of it and the claim) read every stale lead's row (78 ms more on the large demo),
            // so past `limit` the list may hold a recently claimed lead before an older one.
            "IFNULL(l.last_activity_at, l.created_on), l.id",
            [quiet_since(t.stale_days), String::new(), String::new()],
        ),
        RiskRule::Lapsing => (
            "l.stage NOT IN ('won', 'lost') AND l.owner_id IS NOT NULL AND l.claimed_on IS NOT NULL \
             AND l.protected_until BETWEEN ?1 AND ?2 AND IFNULL(l.claimed_stage = l.stage, 1) \
             AND (l.last_activity_at IS NULL OR substr(l.last_activity_at, 1, 10) <= l.claimed_on)",
            "l.protected_until, l.id",
            [day(today), day(today + Duration::days(warn_days)), String::new()],
        ),
        RiskRule::Dormant => (
            "(l.category = 'vip' OR l.category = 'loyal') AND IFNULL(l.last_activity_at, l.created_on) < ?1",
            "IFNULL(l.last_activity_at, l.created_on), l.id",
            [quiet_since(t.dormant_days), String::new(), String::new()],
        ),
        RiskRule::Rotting => (
            "l.stage <> 'won' AND l.stage <> 'lost' AND l.stage_changed_on < ?1 AND l.estimated_value_cents >= ?2",
            "l.stage_changed_on, l.id",
            [day(today - Duration::days(t.rotting_days)), (t.rotting_value * 100).to_string(), String::new()],
        ),
        _ => ("0", "l.id", [String::new(), String::new(), String::new()]),
    }
}

/// The rules read from the leads, each on its own index.
pub const LEAD_RULES: [RiskRule; 5] =
    [RiskRule::Overdue, RiskRule::Stale, RiskRule::Lapsing, RiskRule::Dormant, RiskRule::Rotting];

/// A lead rule's candidates, worst first, at most `limit`, and (with `count`) how many there
/// are in all.
pub fn lead_candidates(
    conn: &Connection,
    rule: RiskRule,
    t: &RiskThresholds,
    warn_days: i64,
    today: NaiveDate,
    limit: usize,
    count: bool,
) -> Result<(Vec<LeadFacts>, i64)> {
    let (filter, order, values) = lead_rule(rule, t, warn_days, today);
    // A rule binds the values it has (`?1`, `?2`), the empty ones after them not at all.
    let bound: Vec<&String> = values.iter().take_while(|v| !v.is_empty()).collect();
    // SQLite would read lapsing leads from the protection index and look each one up; the
    // rule's own index holds all it tests (17 ms against 2 on the large demo).
    let from = if rule == RiskRule::Lapsing { "leads l INDEXED BY leads_lapsing" } else { "leads l" };
    let count: i64 = if count {
        conn.prepare_cached(&format!("SELECT COUNT(*) FROM {from} WHERE {filter}"))?
            .query_row(rusqlite::params_from_iter(&bound), |r| r.get(0))?
    } else {
        0
    };
    let sql = format!(
        "SELECT {LEAD_COLUMNS} FROM leads l LEFT JOIN reps r ON r.id = l.owner_id WHERE {filter} ORDER BY {order} LIMIT {limit}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(&bound), lead_facts)?;
    Ok((rows.collect::<Result<_, _>>()?, count))
}

/// One lead's facts, for an acknowledged flag's check.
pub fn lead(conn: &Connection, id: i64) -> Result<Option<LeadFacts>> {
    let sql = format!("SELECT {LEAD_COLUMNS} FROM leads l LEFT JOIN reps r ON r.id = l.owner_id WHERE l.id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([id], lead_facts).optional()?)
}

/// Records a reach for a colleague's protected lead (a write's, inside its change, or the
/// demo's).
pub(crate) fn insert_event(
    conn: &Connection,
    reach: Reach,
    lead_id: i64,
    rep_id: i64,
    owner_id: Option<i64>,
    protected_until: Option<NaiveDate>,
    on: NaiveDate,
) -> Result<()> {
    let kind = match reach {
        Reach::Claim => "claim",
        Reach::Import => "import",
        Reach::Activity => "activity",
    };
    conn.prepare_cached(
        "INSERT INTO risk_events (kind, lead_id, rep_id, owner_id, protected_until, on_day) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![kind, lead_id, rep_id, owner_id, protected_until.map(|d| d.to_string()), on.to_string()])?;
    Ok(())
}

/// Reaches for colleagues' leads on or after `since`.
pub fn events_since(conn: &Connection, since: NaiveDate) -> Result<Vec<PoachEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.kind, e.lead_id, l.name, l.company, e.rep_id, r.name, IFNULL(o.name, '—'), e.protected_until, e.on_day
         FROM risk_events e JOIN leads l ON l.id = e.lead_id JOIN reps r ON r.id = e.rep_id
         LEFT JOIN reps o ON o.id = e.owner_id
         WHERE e.on_day >= ?1 ORDER BY e.on_day, e.id",
    )?;
    let rows = stmt.query_map([since.to_string()], |r| {
        let reach = match r.get::<_, String>(0)?.as_str() {
            "activity" => Reach::Activity,
            "import" => Reach::Import,
            _ => Reach::Claim,
        };
        Ok(PoachEvent {
            lead_id: r.get(1)?,
            customer: r.get(2)?,
            company: r.get(3)?,
            rep_id: r.get(4)?,
            rep: r.get(5)?,
            owner: r.get(6)?,
            protected_until: date(r.get(7)?),
            on: date(r.get(8)?).unwrap_or(since),
            reach,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A rep as the people rules read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepFacts {
    pub id: i64,
    pub name: String,
    pub active: bool,
    pub hired_on: Option<NaiveDate>,
    pub recent: Money,
    pub before: Money,
    pub no_shows: Vec<NaiveDate>,
    pub last_review: Option<NaiveDate>,
    pub next_review: Option<NaiveDate>,
    pub open_leads: i64,
    /// The day each open item of their onboarding checklist was put on their list.
    pub onboarding_open: Vec<NaiveDate>,
}

/// Every rep with the figures the people rules read: revenue of the last 28 days and the 28
/// before, no-shows of the last 30 days, their latest review, open leads (for reps who left).
pub fn rep_facts(conn: &Connection, today: NaiveDate) -> Result<Vec<RepFacts>> {
    let mut reps: Vec<RepFacts> = conn
        .prepare_cached("SELECT id, name, active, hired_on FROM reps ORDER BY id")?
        .query_map([], |r| {
            Ok(RepFacts {
                id: r.get(0)?,
                name: r.get(1)?,
                active: r.get(2)?,
                hired_on: date(r.get(3)?),
                recent: Money(0),
                before: Money(0),
                no_shows: Vec::new(),
                last_review: None,
                next_review: None,
                open_leads: 0,
                onboarding_open: Vec::new(),
            })
        })?
        .collect::<Result<_, _>>()?;
    let at = |reps: &mut Vec<RepFacts>, id: i64| reps.iter().position(|r| r.id == id);
    let cut = today - Duration::days(27);
    let start = cut - Duration::days(28);
    let mut revenue = conn.prepare_cached(
        "SELECT rep_id, SUM(CASE WHEN day >= ?2 THEN revenue_cents ELSE 0 END), SUM(CASE WHEN day < ?2 THEN revenue_cents ELSE 0 END)
         FROM rep_days WHERE day BETWEEN ?1 AND ?3 GROUP BY rep_id",
    )?;
    let rows = revenue.query_map(params![start.to_string(), cut.to_string(), today.to_string()], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
    })?;
    for row in rows {
        let (id, recent, before) = row?;
        if let Some(i) = at(&mut reps, id) {
            reps[i].recent = Money(recent);
            reps[i].before = Money(before);
        }
    }
    let mut no_shows =
        conn.prepare_cached("SELECT rep_id, date FROM shifts WHERE status = 'no-show' AND date BETWEEN ?1 AND ?2")?;
    let rows = no_shows.query_map(params![(today - Duration::days(29)).to_string(), today.to_string()], |r| {
        Ok((r.get::<_, i64>(0)?, date(r.get(1)?)))
    })?;
    for row in rows {
        if let (id, Some(day)) = row?
            && let Some(i) = at(&mut reps, id)
        {
            reps[i].no_shows.push(day);
        }
    }
    // The day of each rep's latest review by its period, and the next date it set (a late
    // review of an older period changes neither).
    let mut reviews = conn.prepare_cached("SELECT rep_id, period, id, reviewed_on, next_review_on FROM reviews")?;
    let rows = reviews.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, date(r.get(3)?), date(r.get(4)?)))
    })?;
    type Latest = (crate::domain::review::Order, Option<NaiveDate>, Option<NaiveDate>);
    let mut latest: HashMap<i64, Latest> = HashMap::new();
    for row in rows {
        let (id, period, review_id, on, next) = row?;
        let order = crate::domain::review::latest_first(&period, review_id);
        if latest.get(&id).is_none_or(|(o, _, _)| order < *o) {
            latest.insert(id, (order, on, next));
        }
    }
    for (id, (_, on, next)) in latest {
        if let Some(i) = at(&mut reps, id) {
            reps[i].last_review = on;
            reps[i].next_review = next;
        }
    }
    for (id, made_on) in super::training::unfinished(conn, today)? {
        if let Some(i) = at(&mut reps, id) {
            reps[i].onboarding_open.push(made_on);
        }
    }
    let mut open = conn.prepare_cached(
        "SELECT owner_id, COUNT(*) FROM leads WHERE owner_id IN (SELECT id FROM reps WHERE active = 0)
           AND stage NOT IN ('won', 'lost') GROUP BY owner_id",
    )?;
    let rows = open.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (id, n) = row?;
        if let Some(i) = at(&mut reps, id) {
            reps[i].open_leads = n;
        }
    }
    Ok(reps)
}

/// An acknowledgement or snooze of one flag.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Ack {
    pub rule: RiskRule,
    pub subject_key: String,
    /// Snoozed until this day (hidden through it); `None`: acknowledged.
    pub until: Option<NaiveDate>,
    pub note: Option<String>,
    pub severity: Severity,
    pub level: i64,
    /// The flag's start when it was put aside.
    pub since: NaiveDate,
    pub on: NaiveDate,
}

pub fn acks(conn: &Connection) -> Result<Vec<Ack>> {
    let mut stmt = conn.prepare_cached(
        "SELECT rule, subject_key, until, note, severity, level, on_day, since FROM risk_acks ORDER BY id",
    )?;
    type Stored =
        (String, String, Option<NaiveDate>, Option<String>, String, i64, Option<NaiveDate>, Option<NaiveDate>);
    let rows = stmt.query_map([], |r| -> rusqlite::Result<Stored> {
        Ok((r.get(0)?, r.get(1)?, date(r.get(2)?), r.get(3)?, r.get(4)?, r.get(5)?, date(r.get(6)?), date(r.get(7)?)))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (rule, subject_key, until, note, severity, level, on, since) = row?;
        let Ok(rule) = rule.parse::<RiskRule>() else { continue };
        let severity = match severity.as_str() {
            "high" => Severity::High,
            "medium" => Severity::Medium,
            _ => Severity::Low,
        };
        let on = on.unwrap_or_default();
        out.push(Ack { rule, subject_key, until, note, severity, level, since: since.unwrap_or(on), on });
    }
    Ok(out)
}

/// Acknowledges (or, with `until`, snoozes) a flag as it stands, replacing an earlier one.
pub fn set_ack(w: &Writer<'_>, ack: &Ack) -> Result<()> {
    w.tx.prepare_cached(
        "INSERT INTO risk_acks (rule, subject_key, until, note, severity, level, on_day, since)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (rule, subject_key) DO UPDATE SET until = excluded.until, note = excluded.note,
             severity = excluded.severity, level = excluded.level, on_day = excluded.on_day, since = excluded.since",
    )?
    .execute(params![
        ack.rule.as_str(),
        ack.subject_key,
        ack.until.map(|d| d.to_string()),
        ack.note,
        ack.severity.as_str(),
        ack.level,
        ack.on.to_string(),
        ack.since.to_string()
    ])?;
    Ok(())
}

/// Takes an acknowledgement back; false when there was none.
pub fn remove_ack(w: &Writer<'_>, rule: RiskRule, subject_key: &str) -> Result<bool> {
    Ok(w.tx
        .prepare_cached("DELETE FROM risk_acks WHERE rule = ?1 AND subject_key = ?2")?
        .execute(params![rule.as_str(), subject_key])?
        > 0)
}

/// The build a remembered count or list was made by: another version's rules may differ.
const BUILD: &str = env!("CARGO_PKG_VERSION");

/// The id of the latest change: what the remembered count was counted after.
pub fn last_change(conn: &Connection) -> Result<i64> {
    Ok(conn.prepare_cached("SELECT IFNULL(MAX(id), 0) FROM changes")?.query_row([], |r| r.get(0))?)
}

/// The count remembered for this day and change, if it is (a memo that cannot be read is
/// none: the count is counted again).
pub fn memo(conn: &Connection, today: NaiveDate, change: i64) -> Option<usize> {
    let read = conn
        .prepare_cached("SELECT total FROM risk_memo WHERE day = ?1 AND change_id = ?2 AND build = ?3")
        .and_then(|mut s| s.query_row(params![today.to_string(), change, BUILD], |r| r.get::<_, i64>(0)).optional());
    match read {
        Ok(total) => total.map(|n| n.max(0) as usize),
        Err(e) => {
            tracing::debug!(error = %e, "the remembered risk count was not read");
            None
        }
    }
}

/// The list remembered for this day and change, as JSON, if it holds the worst `limit` of
/// each lead rule.
pub fn memo_list(conn: &Connection, today: NaiveDate, change: i64, limit: usize) -> Option<String> {
    let read = conn
        .prepare_cached("SELECT list FROM risk_memo WHERE day = ?1 AND change_id = ?2 AND list_limit = ?3")
        .and_then(|mut s| {
            s.query_row(params![today.to_string(), change, limit as i64], |r| r.get::<_, Option<String>>(0)).optional()
        });
    match read {
        Ok(list) => list.flatten(),
        Err(e) => {
            tracing::debug!(error = %e, "the remembered risk list was not read");
            None
        }
    }
}

/// Remembers the count for this day and change (with the list, as JSON, of the worst `limit`
/// of each lead rule, when there is one), and forgets days long gone. Best effort, and
/// without waiting: a file the process may only read, or another writer holding it, leaves the
/// count to be counted again next time rather than holding up the screen.
pub fn remember(conn: &Connection, today: NaiveDate, change: i64, total: usize, list: Option<(usize, &str)>) {
    let keep = |_: &()| -> Result<()> {
        conn.prepare_cached(
            "INSERT INTO risk_memo (day, change_id, total, list, list_limit, build) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (day) DO UPDATE SET change_id = excluded.change_id, total = excluded.total,
                 list = excluded.list, list_limit = excluded.list_limit, build = excluded.build",
        )?
        .execute(params![
            today.to_string(),
            change,
            total as i64,
            list.map(|(_, json)| json),
            list.map(|(limit, _)| limit as i64),
            BUILD
        ])?;
        conn.prepare_cached("DELETE FROM risk_memo WHERE day < ?1")?
            .execute([(today - Duration::days(30)).to_string()])?;
        Ok(())
    };
    if let Err(e) = aside(conn, || Ok(()), keep) {
        tracing::debug!(error = %e, "the risk count was not remembered");
    }
}

/// Reads with `read`, then keeps what was read with `keep`, in a write of its own when one can
/// be had at once: what the engine keeps for itself (the count, the clashes) is kept best
/// effort, never holding up a screen behind another writer, failing on a file the process may
/// only read, or losing what was read when the keeping fails (it is rolled back whole). Inside
/// a caller's transaction it only reads.
pub(super) fn aside<T>(
    conn: &Connection,
    read: impl FnOnce() -> Result<T>,
    keep: impl FnOnce(&T) -> Result<()>,
) -> Result<T> {
    if !conn.is_autocommit() {
        return read();
    }
    let _ = conn.busy_handler(None);
    let began = conn.execute_batch("BEGIN IMMEDIATE").is_ok();
    let _ = conn.busy_handler(Some(super::wait_for_lock));
    if !began {
        return read();
    }
    let value = match read() {
        Ok(value) => value,
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e);
        }
    };
    let kept = keep(&value).and_then(|()| Ok(conn.execute_batch("COMMIT")?));
    if let Err(e) = kept {
        let _ = conn.execute_batch("ROLLBACK");
        tracing::debug!(error = %e, "the risk engine's bookkeeping was not kept");
    }
    Ok(value)
}

mod clashes;
pub use clashes::shared_customers;
