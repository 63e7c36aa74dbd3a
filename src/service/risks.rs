//! The open risks: every rule of `domain::risk` over the facts the store gathers, less what the
//! owner acknowledged or snoozed (until it gets worse), most severe first. The top bar's count
//! is this list's length.

use super::error::Result;
use crate::domain::goals;
use crate::domain::period::{Period, PeriodKind};
use crate::domain::risk::{self, Flag, RiskRule, Subject};
use crate::store::risks::{Ack, LEAD_RULES};
use crate::store::{self, Store};
use chrono::Duration;
use rusqlite::Connection;

/// The open flags (at most `limit` of each lead rule, worst first), how many are open in all,
/// and the acknowledged or snoozed ones that are still there.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct RiskList {
    pub flags: Vec<Flag>,
    pub total: usize,
    pub hidden: Vec<(Flag, Ack)>,
}

/// Every open risk of `today`.
pub fn open(conn: &Connection, today: chrono::NaiveDate, limit: usize) -> Result<RiskList> {
    open_counted(conn, today, limit, None)
}

/// The open risks, with their total already counted (`known`, remembered since nothing
/// changed) or counted here.
fn open_counted(conn: &Connection, today: chrono::NaiveDate, limit: usize, known: Option<usize>) -> Result<RiskList> {
    let t = store::settings::risk_thresholds(conn)?;
    let warn_days = store::settings::ownership_rules(conn)?.warn_days;
    let mut flags: Vec<Flag> = Vec::new();
    let mut total = 0usize;
    // The lead rules count from their indexes and list their worst `limit`.
    for rule in LEAD_RULES {
        let (leads, count) = store::risks::lead_candidates(conn, rule, &t, warn_days, today, limit, known.is_none())?;
        total += count as usize;
        flags.extend(leads.iter().filter_map(|lead| lead_flag(rule, lead, &t, warn_days, today)));
    }
    let mut rest = Vec::new();
    let events = store::risks::events_since(conn, today - Duration::days(29))?;
    rest.extend(risk::poaching::flags(&events, &t, today));
    rest.extend(risk::poaching::repeated(&events, &t, today));
    rest.extend(risk::shared_customer::flags(&store::risks::shared_customers(conn)?));
    for rep in store::risks::rep_facts(conn, today)? {
        if rep.active {
            let trend = risk::falling_trend::Trend {
                rep_id: rep.id,
                rep: rep.name.clone(),
                recent: rep.recent,
                before: rep.before,
            };
            rest.extend(risk::falling_trend::flag(&trend, &t, today));
            rest.extend(risk::no_shows::flag(rep.id, &rep.name, &rep.no_shows, &t, today));
            let review = risk::review::ReviewFacts {
                rep_id: rep.id,
                rep: rep.name.clone(),
                hired_on: rep.hired_on,
                last_review: rep.last_review,
                next_review: rep.next_review,
            };
            rest.extend(risk::review::flag(&review, &t, today));
            rest.extend(risk::onboarding::flag(rep.id, &rep.name, rep.hired_on, &rep.onboarding_open, today));
        } else {
            rest.extend(risk::inactive_owner::flag(rep.id, &rep.name, rep.open_leads, today));
        }
    }
    rest.extend(pace_flags(conn, &t, today)?);
    rest.extend(schedule_flags(conn, today)?);
    total += rest.len();
    flags.extend(rest);

    // What the owner acknowledged or snoozed stays hidden while it is no worse.
    let mut hidden = Vec::new();
    for ack in store::risks::acks(conn)? {
        let at = flags.iter().position(|f| f.rule == ack.rule && f.subject.key == ack.subject_key);
        let flag = match at {
            Some(i) => Some(flags[i].clone()),
            // A lead rule lists only its worst: an acknowledged lead further down is read alone.
            None if LEAD_RULES.contains(&ack.rule) => Subject { key: ack.subject_key.clone(), name: String::new() }
                .id()
                .and_then(|id| store::risks::lead(conn, id).ok().flatten())
                .and_then(|lead| lead_flag(ack.rule, &lead, &t, warn_days, today)),
            None => None,
        };
        // A flag that started since (a new follow-up missed, a new reach, a new month) is new.
        let Some(flag) = flag.filter(|f| f.since == ack.since) else { continue };
        let snoozed = ack.until.is_some_and(|until| today <= until);
        let quiet = ack.until.is_none() || snoozed;
        if quiet && !flag.worse_than(ack.level, ack.severity, &t) {
            if let Some(i) = at {
                flags.remove(i);
            }
            total = total.saturating_sub(1);
            hidden.push((flag, ack));
        }
    }
    risk::sort(&mut flags);
    Ok(RiskList { flags, total: known.unwrap_or(total), hidden })
}

/// The flag a lead rule raises on one lead, if it does.
fn lead_flag(
    rule: RiskRule,
    lead: &risk::LeadFacts,
    t: &risk::RiskThresholds,
    warn_days: i64,
    today: chrono::NaiveDate,
) -> Option<Flag> {
    match rule {
        RiskRule::Overdue => risk::overdue::flag(lead, t, today),
        RiskRule::Stale => risk::stale::flag(lead, t, today),
        RiskRule::Lapsing => risk::lapsing::flag(lead, warn_days, today),
        RiskRule::Dormant => risk::dormant::flag(lead, t, today),
        RiskRule::Rotting => risk::rotting::flag(lead, t, today),
        _ => None,
    }
}

/// This month's targets behind pace, as the Goals tab paces them.
fn pace_flags(conn: &Connection, t: &risk::RiskThresholds, today: chrono::NaiveDate) -> Result<Vec<Flag>> {
    let period = Period::containing(PeriodKind::Month, today);
    let listed = store::targets::listed(conn, &period)?;
    if listed.is_empty() {
        return Ok(Vec::new());
    }
    let wanted: Vec<_> = listed.iter().map(|(_, target, _)| target.metric).collect();
    let metrics = store::metrics::rep_metrics_of(conn, &period, today, &wanted)?;
    // Pace needs no forecast, so not the month before's rate either.
    let previous = Vec::new();
    let working = store::settings::working_days(conn)?;
    let pace = store::settings::pace_thresholds(conn)?;
    let targets = listed.into_iter().map(|(_, target, rep)| (target, rep)).collect();
    Ok(goals::progress(targets, &metrics, &previous, &period, working, today)
        .into_iter()
        .filter_map(|g| {
            // One flag per target: its metric and month are in the key.
            let of = format!("{}:{}", g.target.metric.as_str(), period);
            let subject = match (&g.target.rep_id, &g.target.team) {
                (Some(id), _) => Subject { key: format!("rep:{id}:{of}"), name: g.rep.clone().unwrap_or_default() },
                (None, Some(team)) => Subject { key: format!("team:{team}:{of}"), name: team.clone() },
                (None, None) => Subject { key: format!("business:{of}"), name: String::new() },
            };
            let p = risk::pace::TargetPace { subject, metric: g.target.metric, pace: g.pace, period };
            risk::pace::flag(&p, t, &pace)
        })
        .collect())
}

/// This week's and next week's schedule: short slots of the coming seven days, reps over their
/// hours, shifts outside availability.
fn schedule_flags(conn: &Connection, today: chrono::NaiveDate) -> Result<Vec<Flag>> {
    let mut out = Vec::new();
    let reps = store::reps::list(conn, true)?;
    let names: std::collections::HashMap<i64, String> = reps.iter().map(|r| (r.id, r.name.clone())).collect();
    let week = Period::containing(PeriodKind::Week, today);
    for week in [week, week.next()] {
        // The week's rules as the Schedule tab checks them (its labour and sales not needed).
        let roster = super::schedule::roster(conn, &week, &reps)?;
        out.extend(roster.conflicts().iter().filter_map(|c| risk::schedule::flag(c, week.first_day(), &names, today)));
    }
    Ok(out)
}

/// How many of each lead rule's worst the Risks tab lists (their count is all of them).
pub const LISTED: usize = 300;

/// How many risks are open: the length of the list the Risks tab shows. The rules read the
/// whole book (35–50 ms on the large demo), and every screen's top bar shows the count, so the
/// count is kept in the file with the day and the last change it was counted after: every write
/// is a change, so while neither moves the count stands. Counted afresh, the list is kept with
/// it, so a change costs one run of the rules whichever screen is open.
pub fn count(store: &Store) -> Result<usize> {
    let conn = store.conn();
    let last = store::risks::last_change(conn)?;
    match store::risks::memo(conn, store.today(), last) {
        Some(total) => Ok(total),
        None => Ok(listed(store)?.total),
    }
}

/// The open risks for the Risks tab, remembered with the count (and for as long): reading the
/// remembered list back is a fraction of running every rule again.
pub fn listed(store: &Store) -> Result<RiskList> {
    let conn = store.conn();
    let today = store.today();
    let last = store::risks::last_change(conn)?;
    let kept = store::risks::memo_list(conn, today, last, LISTED).and_then(|json| {
        serde_json::from_str::<RiskList>(&json)
            .inspect_err(|e| tracing::debug!(error = %e, "the remembered risk list was not read back"))
            .ok()
    });
    if let Some(list) = kept {
        return Ok(list);
    }
    let known = store::risks::memo(conn, today, last);
    let list = open_counted(conn, today, LISTED, known)?;
    match serde_json::to_string(&list) {
        Ok(json) => store::risks::remember(conn, today, last, list.total, Some((LISTED, &json))),
        Err(e) => tracing::debug!(error = %e, "the risk list was not remembered"),
    }
    Ok(list)
}

/// Acknowledges (`until` none) or snoozes an open flag as it stands now, one change.
pub fn acknowledge(
    store: &mut Store,
    rule: RiskRule,
    subject_key: &str,
    until: Option<chrono::NaiveDate>,
    note: Option<String>,
) -> Result<crate::store::changes::Done<Flag>> {
    use super::error::{Error, Message};
    let today = store.today();
    let flag = find(store.conn(), today, rule, subject_key)?.ok_or_else(|| {
        Error::invalid(
            "subject_key",
            Message::new("risks.no_such_flag").arg("rule", rule.as_str()).arg("key", subject_key),
        )
    })?;
    if let Some(until) = until.filter(|u| *u < today) {
        return Err(Error::invalid("until", Message::new("risks.until_past").day("until", until)));
    }
    let ack = Ack {
        rule,
        subject_key: subject_key.to_string(),
        until,
        note,
        severity: flag.severity,
        level: flag.level,
        since: flag.since,
        on: today,
    };
    let key = if until.is_some() { "change.risk_snooze" } else { "change.risk_ack" };
    // What it is about by name where it has one (a lead, a rep), else by its key (a slot).
    let subject = if flag.subject.name.is_empty() { subject_key.to_string() } else { flag.subject.name.clone() };
    let mut summary = crate::store::changes::Summary::new(key)
        .arg("rule", rule.as_str())
        .arg("key", subject_key)
        .arg("subject", subject);
    if let Some(until) = until {
        summary = summary.arg("until", until);
    }
    store.change(|w| {
        store::risks::set_ack(w, &ack)?;
        Ok((flag, summary))
    })
}

/// The open flag of `rule` on `subject_key`, acknowledged or not: a lead rule reads the one
/// lead; the others are few and all listed.
fn find(conn: &Connection, today: chrono::NaiveDate, rule: RiskRule, subject_key: &str) -> Result<Option<Flag>> {
    if LEAD_RULES.contains(&rule) {
        let t = store::settings::risk_thresholds(conn)?;
        let warn_days = store::settings::ownership_rules(conn)?.warn_days;
        let id = Subject { key: subject_key.to_string(), name: String::new() }
            .id()
            .filter(|_| subject_key.starts_with("lead:"));
        let lead = match id {
            Some(id) => store::risks::lead(conn, id)?,
            None => None,
        };
        return Ok(lead.and_then(|lead| lead_flag(rule, &lead, &t, warn_days, today)));
    }
    let list = open(conn, today, 0)?;
    Ok(list
        .flags
        .into_iter()
        .chain(list.hidden.into_iter().map(|(f, _)| f))
        .find(|f| f.rule == rule && f.subject.key == subject_key))
}

/// Takes an acknowledgement or snooze back, one change.
pub fn unacknowledge(store: &mut Store, rule: RiskRule, subject_key: &str) -> Result<crate::store::changes::Done<()>> {
    use super::error::{Error, Message};
    let summary =
        crate::store::changes::Summary::new("change.risk_unack").arg("rule", rule.as_str()).arg("key", subject_key);
    store.change(|w| {
        if !store::risks::remove_ack(w, rule, subject_key)? {
            return Err(Error::invalid(
                "subject_key",
                Message::new("risks.not_acknowledged").arg("rule", rule.as_str()).arg("key", subject_key),
            ));
        }
        Ok(((), summary))
    })
}
