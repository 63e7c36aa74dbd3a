//! Business settings shared by the app and scripts (thresholds, windows), kept in the database.

use super::Result;
use crate::domain::risk::RiskThresholds;
use rusqlite::OptionalExtension;

pub fn get(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

fn int(conn: &rusqlite::Connection, key: &str, default: i64) -> Result<i64> {
    Ok(get(conn, key)?.and_then(|v| v.parse().ok()).unwrap_or(default))
}

/// The risk thresholds in force: stored values over the defaults.
pub fn risk_thresholds(conn: &rusqlite::Connection) -> Result<RiskThresholds> {
    let d = RiskThresholds::default();
    Ok(RiskThresholds {
        stale_days: int(conn, "risk.stale_days", d.stale_days)?,
        overdue_high_days: int(conn, "risk.overdue_high_days", d.overdue_high_days)?,
        stale_high_days: int(conn, "risk.stale_high_days", d.stale_high_days)?,
    })
}
