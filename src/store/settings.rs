//! Business settings shared by the app and scripts (thresholds, windows), kept in the database.

use super::{Result, Writer};
use crate::domain::lead::OwnershipRules;
use crate::domain::message::Message;
use crate::domain::risk::RiskThresholds;
use crate::domain::schedule::ScheduleRules;
use rusqlite::OptionalExtension;

/// The reasons the Lost form offers, `;` apart, when the owner set their own list.
pub const LOST_REASONS: &str = "stages.lost_reasons";

/// The owner's list of reasons a lead is lost, if they set one (else the built-in list).
pub fn lost_reasons(conn: &rusqlite::Connection) -> Result<Option<Vec<String>>> {
    Ok(get(conn, LOST_REASONS)?
        .map(|text| text.split([';', '；']).map(str::trim).filter(|r| !r.is_empty()).map(str::to_string).collect()))
}

/// The weekdays the business works (`mon-fri`, `mon,tue,sat`), when the owner set them: what
/// pacing counts as working days.
pub const WORKING_DAYS: &str = "pace.working_days";

/// Commission tiers by attainment of the revenue target (`100:8, 150:10`); the rep's own rate
/// is the base tier.
pub const COMMISSION_TIERS: &str = "commission.tiers";

/// The settings that hold words rather than a number.
pub const TEXT_SETTINGS: [&str; 3] = [LOST_REASONS, WORKING_DAYS, COMMISSION_TIERS];

/// The commission tiers in force (none: every rep earns their own rate).
pub fn commission_tiers(conn: &rusqlite::Connection) -> Result<Vec<crate::domain::commission::Tier>> {
    Ok(get(conn, COMMISSION_TIERS)?.and_then(|t| crate::domain::commission::parse_tiers(&t).ok()).unwrap_or_default())
}

/// The days pacing counts: the owner's setting; else the weekdays the schedule needs staff on;
/// else every day.
pub fn working_days(conn: &rusqlite::Connection) -> Result<crate::domain::goals::WorkingDays> {
    use crate::domain::goals::WorkingDays;
    if let Some(days) = get(conn, WORKING_DAYS)?.and_then(|t| WorkingDays::parse(&t).ok()) {
        return Ok(days);
    }
    let needed: Vec<u32> = super::schedule::staffing_needs(conn)?.iter().map(|n| n.weekday).collect();
    Ok(WorkingDays::of(needed))
}

/// The shares of the expected progress below which a target is behind and above which it is
/// ahead, from `pace.behind_below_percent` and `pace.ahead_above_percent`.
pub fn pace_thresholds(conn: &rusqlite::Connection) -> Result<crate::domain::pace::PaceThresholds> {
    let d = crate::domain::pace::PaceThresholds::default();
    let percent =
        |key, default: f64| -> Result<f64> { Ok(int(conn, key, (default * 100.0).round() as i64)? as f64 / 100.0) };
    Ok(crate::domain::pace::PaceThresholds {
        behind_below: percent("pace.behind_below_percent", d.behind_below)?,
        ahead_above: percent("pace.ahead_above_percent", d.ahead_above)?,
        cover_below: percent("pace.cover_below_percent", d.cover_below)?,
    })
}

pub fn get(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

fn int(conn: &rusqlite::Connection, key: &str, default: i64) -> Result<i64> {
    Ok(get(conn, key)?.and_then(|v| v.parse().ok()).unwrap_or(default))
}

/// The risk thresholds in force: stored values over the defaults.
pub fn risk_thresholds(conn: &rusqlite::Connection) -> Result<RiskThresholds> {
    let d = RiskThresholds::default();
    let of = |key: &str, default: i64| int(conn, key, default);
    Ok(RiskThresholds {
        stale_days: of("risk.stale_days", d.stale_days)?,
        overdue_high_days: of("risk.overdue_high_days", d.overdue_high_days)?,
        stale_high_days: of("risk.stale_high_days", d.stale_high_days)?,
        poaching_days: of("risk.poaching_days", d.poaching_days)?,
        poaching_repeat: of("risk.poaching_repeat", d.poaching_repeat)?,
        dormant_days: of("risk.dormant_days", d.dormant_days)?,
        rotting_days: of("risk.rotting_days", d.rotting_days)?,
        rotting_value: of("risk.rotting_value", d.rotting_value)?,
        pace_after_percent: of("risk.pace_after_percent", d.pace_after_percent)?,
        pace_high_below_percent: of("risk.pace_high_below_percent", d.pace_high_below_percent)?,
        trend_drop_percent: of("risk.trend_drop_percent", d.trend_drop_percent)?,
        no_shows: of("risk.no_shows", d.no_shows)?,
        review_days: of("risk.review_days", d.review_days)?,
        worse_days: of("risk.worse_days", d.worse_days)?,
    })
}

/// The ownership rules in force: stored values over the defaults.
pub fn ownership_rules(conn: &rusqlite::Connection) -> Result<OwnershipRules> {
    let d = OwnershipRules::default();
    let cap = int(conn, "ownership.max_protected_per_rep", 0)?;
    Ok(OwnershipRules {
        protection_days: int(conn, "ownership.protection_days", d.protection_days)?,
        max_protection_days: int(conn, "ownership.max_protection_days", d.max_protection_days)?,
        warn_days: int(conn, "ownership.warn_days", d.warn_days)?,
        cooldown_days: int(conn, "ownership.cooldown_days", d.cooldown_days)?,
        max_protected_per_rep: (cap > 0).then_some(cap),
    })
}

/// The schedule rules in force: stored values over the defaults.
pub fn schedule_rules(conn: &rusqlite::Connection) -> Result<ScheduleRules> {
    let d = ScheduleRules::default();
    let rest = int(conn, "shifts.min_rest_hours", (d.min_rest_min / 60) as i64)?;
    Ok(ScheduleRules { min_rest_min: rest.clamp(0, 24) as u32 * 60, ..d })
}

/// Writes a setting inside a use case's transaction, whose audit row covers it.
pub fn put(w: &Writer<'_>, key: &str, value: &str) -> Result<()> {
    w.tx.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(rusqlite::params![key, value])?;
    Ok(())
}

/// The settings the owner can tune, each with its default; all are whole numbers.
pub fn defaults() -> Vec<(&'static str, i64)> {
    let o = OwnershipRules::default();
    let r = RiskThresholds::default();
    vec![
        ("ownership.protection_days", o.protection_days),
        ("ownership.max_protection_days", o.max_protection_days),
        ("ownership.warn_days", o.warn_days),
        ("ownership.cooldown_days", o.cooldown_days),
        ("ownership.max_protected_per_rep", 0),
        ("risk.stale_days", r.stale_days),
        ("risk.overdue_high_days", r.overdue_high_days),
        ("risk.stale_high_days", r.stale_high_days),
        ("risk.poaching_days", r.poaching_days),
        ("risk.poaching_repeat", r.poaching_repeat),
        ("risk.dormant_days", r.dormant_days),
        ("risk.rotting_days", r.rotting_days),
        ("risk.rotting_value", r.rotting_value),
        ("risk.pace_after_percent", r.pace_after_percent),
        ("risk.pace_high_below_percent", r.pace_high_below_percent),
        ("risk.trend_drop_percent", r.trend_drop_percent),
        ("risk.no_shows", r.no_shows),
        ("risk.review_days", r.review_days),
        ("risk.worse_days", r.worse_days),
        ("shifts.min_rest_hours", (ScheduleRules::default().min_rest_min / 60) as i64),
        ("pace.behind_below_percent", 90),
        ("pace.ahead_above_percent", 110),
        ("pace.cover_below_percent", 100),
    ]
}

/// Every known setting with the value in force.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<(&'static str, i64, bool)>> {
    defaults()
        .into_iter()
        .map(|(key, default)| {
            let stored = get(conn, key)?.and_then(|v| v.parse().ok());
            Ok((key, stored.unwrap_or(default), stored.is_none()))
        })
        .collect()
}

/// Sets a known setting, with its audit row.
pub fn set(w: &Writer<'_>, key: &str, value: i64) -> Result<()> {
    let Some((key, _)) = defaults().into_iter().find(|(k, _)| *k == key) else {
        let known: Vec<&str> = defaults().iter().map(|(k, _)| *k).collect();
        return Err(super::StoreError::Invalid(crate::domain::rep::ValidationError::new(
            "setting",
            Message::new("invalid.setting_unknown").arg("key", key).arg("known", known.join(", ")),
        )));
    };
    if value < 0 {
        return Err(super::StoreError::Invalid(crate::domain::rep::ValidationError::new(
            "setting",
            Message::new("invalid.setting_negative").arg("key", key),
        )));
    }
    // The rest rule looks at the day before and after a shift, so it holds up to a day.
    if key == "shifts.min_rest_hours" && value > 24 {
        return Err(super::StoreError::Invalid(crate::domain::rep::ValidationError::new(
            "setting",
            Message::new("invalid.setting_rest").arg("key", key),
        )));
    }
    put(w, key, &value.to_string())?;
    Ok(())
}
