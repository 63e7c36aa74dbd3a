//! The week's schedule: shifts checked against the rules as they are written, last week
//! copied, short slots filled, and the week read as a whole for the grid and the report.

use super::error::{Error, Message, Result};
use super::{ImportReport, Imported, Refusal};
use crate::domain::model::{Location, Rep, Shift, ShiftStatus, TimeOff, format_time_of_day};
use crate::domain::money::Money;
use crate::domain::period::{Period, PeriodKind};
use crate::domain::rep::ValidationError;
use crate::domain::schedule::{Blocked, Conflict, CopySkip, Fill, Gap, Now, Roster, Worker, labour_cost};
use crate::interchange::shifts::ShiftRow;
use crate::store::changes::{Done, Summary};
use crate::store::{self, Store};
use crate::text::Catalogue;
use chrono::{Duration, NaiveDate};
use rusqlite::Connection;
use std::collections::HashMap;

/// The Monday of a week period.
fn monday(week: &Period) -> NaiveDate {
    week.first_day()
}

/// Everything the rules read for `week`, with the shifts of the days around it for rest.
pub fn roster(conn: &Connection, week: &Period, reps: &[Rep]) -> Result<Roster> {
    let first = monday(week);
    Ok(Roster {
        monday: first,
        workers: reps.iter().map(Worker::from).collect(),
        availability: store::schedule::availability(conn)?,
        time_off: store::schedule::time_off(conn)?.into_iter().map(|(_, t)| t).collect(),
        needs: store::schedule::staffing_needs(conn)?,
        shifts: store::schedule::shifts_between(conn, first - Duration::days(1), first + Duration::days(7))?,
        rules: store::settings::schedule_rules(conn)?,
    })
}

/// A week as the grid and the report read it.
#[derive(Debug, Clone)]
pub struct WeekPlan {
    pub week: Period,
    /// Active reps and any inactive rep with a shift this week, by name.
    pub reps: Vec<Rep>,
    pub roster: Roster,
    pub conflicts: Vec<Conflict>,
    pub labour: Money,
    pub sales: Money,
}

impl WeekPlan {
    pub fn load(conn: &Connection, week: Period) -> Result<WeekPlan> {
        let all = store::reps::list(conn, true)?;
        let roster = roster(conn, &week, &all)?;
        let in_week = |s: &Shift| s.date >= week.first_day() && s.date <= week.last_day();
        let reps: Vec<Rep> = all
            .into_iter()
            .filter(|r| r.active || roster.shifts.iter().any(|s| s.rep_id == r.id && in_week(s)))
            .collect();
        let labour = reps.iter().map(|r| labour_cost(roster.week_minutes(r.id), r.hourly_rate)).sum();
        let sales = store::metrics::revenue_between(conn, week.first_day(), week.last_day())?;
        let conflicts = roster.conflicts();
        Ok(WeekPlan { week, reps, roster, conflicts, labour, sales })
    }

    /// The week's shifts (not the days around it).
    pub fn shifts(&self) -> impl Iterator<Item = &Shift> {
        let (first, last) = (self.week.first_day(), self.week.last_day());
        self.roster.shifts.iter().filter(move |s| s.date >= first && s.date <= last)
    }

    pub fn names(&self) -> HashMap<i64, String> {
        self.reps.iter().map(|r| (r.id, r.name.clone())).collect()
    }

    /// Each conflict as one sentence.
    pub fn described(&self) -> Vec<Message> {
        let names = self.names();
        self.conflicts.iter().map(|c| describe(c, &names)).collect()
    }
}

fn span(start_min: u32, end_min: u32) -> String {
    format!("{}–{}", format_time_of_day(start_min), format_time_of_day(end_min))
}

/// `10 h`, `9 h 59 min`, `45 min`: exact, so a rest a minute short never reads as enough.
fn hours(minutes: u32) -> Message {
    match (minutes / 60, minutes % 60) {
        (h, 0) => Message::new("time.hours").arg("h", h),
        (0, m) => Message::new("time.minutes").arg("m", m),
        (h, m) => Message::new("time.hours_minutes").arg("h", h).arg("m", m),
    }
}

/// Hours as a decimal for tables: `8`, `8.5`, `8.33`.
pub fn decimal_hours(minutes: u32) -> String {
    let text = format!("{:.2}", minutes as f64 / 60.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A conflict as one sentence for the grid's list and the report.
pub fn describe(conflict: &Conflict, names: &HashMap<i64, String>) -> Message {
    let name = |id: &i64| names.get(id).cloned().unwrap_or_else(|| format!("#{id}"));
    match conflict {
        Conflict::Overlap { rep_id, date, span: s, other, .. } => Message::new("conflict.overlap")
            .arg("rep", name(rep_id))
            .day("day", *date)
            .arg("span", span(s.start_min, s.end_min))
            .arg("other", span(other.start_min, other.end_min)),
        Conflict::OutsideAvailability { rep_id, date, span: s, .. } => Message::new("conflict.availability")
            .arg("rep", name(rep_id))
            .day("day", *date)
            .arg("span", span(s.start_min, s.end_min)),
        Conflict::TimeOff { rep_id, date, span: s, .. } => Message::new("conflict.time_off")
            .arg("rep", name(rep_id))
            .day("day", *date)
            .arg("span", span(s.start_min, s.end_min)),
        Conflict::OverHours { rep_id, minutes, max_hours } => Message::new("conflict.hours")
            .arg("rep", name(rep_id))
            .part("hours", hours(*minutes))
            .part("max", hours(max_hours.saturating_mul(60))),
        Conflict::ShortRest { rep_id, date, span: s, rest_min, min_rest_min, .. } => Message::new("conflict.rest")
            .arg("rep", name(rep_id))
            .day("day", *date)
            .arg("span", span(s.start_min, s.end_min))
            .part("rest", hours(*rest_min))
            .part("min", hours(*min_rest_min)),
        Conflict::Understaffed { date, span: s, location, met, needed } => Message::new("conflict.understaffed")
            .day("day", *date)
            .label("place", *location)
            .arg("span", span(s.start_min, s.end_min))
            .arg("met", met)
            .arg("needed", needed),
    }
}

/// A shift's own sense: times in order within the day, a rep who exists.
fn validate(conn: &Connection, shift: &Shift) -> Result<()> {
    crate::domain::schedule::check_times(shift)?;
    store::reps::get(conn, shift.rep_id)?;
    Ok(())
}

/// The conflicts `shift` has in its week, as stored now: its own, the rest it cuts short
/// before the rep's next shift, and the rep's hours over their maximum.
pub fn conflicts_of(conn: &Connection, shift: &Shift) -> Result<Vec<Conflict>> {
    let week = Period::containing(PeriodKind::Week, shift.date);
    let reps = store::reps::list(conn, true)?;
    let roster = roster(conn, &week, &reps)?;
    let Some(stored) = roster.shifts.iter().find(|s| s.id == shift.id) else { return Ok(Vec::new()) };
    let mut found = roster.shift_conflicts(stored);
    found.extend(roster.rest_cut_after(stored));
    found.extend(roster.over_hours(shift.rep_id));
    Ok(found)
}

/// Adds a shift (or, with an id, changes it) and says what it conflicts with: a conflict is
/// a warning the owner may accept, the grid keeps showing it.
pub fn save_shift(store: &mut Store, shift: &Shift) -> Result<Done<(Shift, Vec<Conflict>)>> {
    validate(store.conn(), shift)?;
    let done = store.change(|w| -> Result<_> {
        let (saved, key) = if shift.id == 0 {
            (store::schedule::add_shift(w, shift)?, "change.shift_add")
        } else {
            (store::schedule::update_shift(w, shift)?, "change.shift_edit")
        };
        let summary = shift_summary(&w.tx, key, &saved)?;
        Ok((saved, summary))
    })?;
    let conflicts = conflicts_of(store.conn(), &done.value)?;
    Ok(done.map(|saved| (saved, conflicts)))
}

/// A change to one shift, in the history: whose, which day, which hours.
fn shift_summary(conn: &Connection, key: &str, shift: &Shift) -> Result<Summary> {
    let rep = store::reps::get(conn, shift.rep_id)?.name;
    Ok(Summary::new(key).arg("rep", rep).arg("day", shift.date).arg("span", span(shift.start_min, shift.end_min)))
}

pub fn remove_shift(store: &mut Store, id: i64) -> Result<Done<Shift>> {
    store.change(|w| {
        let gone = store::schedule::delete_shift(w, id)?;
        let summary = shift_summary(&w.tx, "change.shift_remove", &gone)?;
        Ok((gone, summary))
    })
}

/// Marks a shift that has begun as worked or a no-show; without a status, worked and no-show
/// alternate. A shift in the future cannot be marked yet.
pub fn mark_shift(store: &mut Store, id: i64, status: Option<ShiftStatus>) -> Result<Done<Shift>> {
    let now = store.moment();
    store.change(|w| {
        let shift = store::schedule::shift(&w.tx, id)?;
        let Some(status) = crate::domain::schedule::mark(&shift, status, now) else {
            let refused = if shift.date == now.today {
                Message::new("error.shift_not_started").arg("start", format_time_of_day(shift.start_min))
            } else {
                Message::new("error.shift_not_yet").arg("day", shift.date)
            };
            return Err(Error::conflict(None, refused));
        };
        let marked = store::schedule::update_shift(w, &Shift { status, ..shift })?;
        let summary = shift_summary(&w.tx, "change.shift_mark", &marked)?.arg("status", status);
        Ok((marked, summary))
    })
}

/// What copying last week gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyReport {
    pub added: Vec<Shift>,
    /// Shifts the week has already (copied before, or planned by hand the same).
    pub already: Vec<Shift>,
    /// Each shift left out for a reason to settle, with a sentence that names it and says why.
    pub skipped: Vec<(Shift, Message)>,
}

/// Copies the shifts of the week before `week` into it, a week later each, as scheduled.
/// A shift that would conflict (the rep is off, already on shift, over their hours, no longer
/// available or active) is left out and listed. It is one write, which reads the week too, so
/// two copies at once cannot both add the same shifts.
pub fn copy_last_week(store: &mut Store, week: &Period) -> Result<Done<CopyReport>> {
    store.change(|w| {
        let reps = store::reps::list(&w.tx, true)?;
        let mut roster = roster(&w.tx, week, &reps)?;
        let before = week.previous();
        let source = store::schedule::shifts_between(&w.tx, before.first_day(), before.last_day())?;
        let names: HashMap<i64, String> = reps.iter().map(|r| (r.id, r.name.clone())).collect();
        let mut report = CopyReport::default();
        for old in source.into_iter().filter(|s| s.status != ShiftStatus::Swapped) {
            let shift = Shift { id: 0, date: old.date + Duration::days(7), status: ShiftStatus::Scheduled, ..old };
            let there = roster.shifts.iter().any(|s| {
                s.rep_id == shift.rep_id
                    && s.date == shift.date
                    && s.start_min == shift.start_min
                    && s.end_min == shift.end_min
            });
            if there {
                report.already.push(shift);
                continue;
            }
            // A conflict's sentence names the shift already; any other reason follows it.
            let active = reps.iter().any(|r| r.id == shift.rep_id && r.active);
            let why = match roster.copy_skip(&shift, active) {
                Some(CopySkip::Inactive) => Some(Message::new("schedule.copy.inactive")),
                Some(CopySkip::OverHours(max)) => Some(Message::new("schedule.copy.hours").arg("max", max)),
                Some(CopySkip::Conflict(conflict)) => {
                    report.skipped.push((shift, describe(&conflict, &names)));
                    continue;
                }
                Some(CopySkip::Rest) => Some(Message::new("schedule.copy.rest")),
                None => None,
            };
            match why {
                Some(why) => {
                    let rep = names.get(&shift.rep_id).cloned().unwrap_or_else(|| format!("#{}", shift.rep_id));
                    let line = Message::new("schedule.copy.skipped")
                        .arg("rep", rep)
                        .day("day", shift.date)
                        .arg("span", span(shift.start_min, shift.end_min))
                        .part("why", why);
                    report.skipped.push((shift, line));
                }
                None => {
                    roster.shifts.push(shift.clone());
                    report.added.push(store::schedule::add_shift(w, &shift)?);
                }
            }
        }
        let summary = Summary::new("change.week_copy").arg("week", week).arg("added", report.added.len());
        Ok((report, summary))
    })
}

/// Shifts that would fill the week's short slots from today on (a proposal: nothing stored).
pub fn propose_fill(conn: &Connection, week: &Period, now: Now) -> Result<Vec<Shift>> {
    Ok(plan_fill(conn, week, now)?.proposals)
}

/// Auto-fill's proposals, and the slots it leaves open with why.
pub fn plan_fill(conn: &Connection, week: &Period, now: Now) -> Result<Fill> {
    let reps = store::reps::list(conn, true)?;
    Ok(roster(conn, week, &reps)?.fill(now))
}

/// A slot auto-fill leaves open, in words: `Sat 28 Nov store 13:00–18:00: 2 more needed —
/// those who could are at their weekly maximum (3 not available then, 2 at their weekly
/// maximum)`.
pub fn gap_message(gap: &Gap) -> Message {
    let why = |(blocked, n): &(Blocked, usize)| {
        let key = match blocked {
            Blocked::TimeOff => "fill.why_time_off",
            Blocked::Unavailable => "fill.why_unavailable",
            Blocked::OnShift => "fill.why_on_shift",
            Blocked::MaxHours => "fill.why_max_hours",
            Blocked::Rest => "fill.why_rest",
        };
        Message::new(key).arg("n", n)
    };
    // The reasons joined one by one, as the language joins a list.
    let reasons = gap
        .blocked
        .iter()
        .rev()
        .map(why)
        .reduce(|rest, first| Message::new("fill.and").part("a", first).part("b", rest))
        .unwrap_or_else(|| Message::new("fill.nobody"));
    let reason = Message::new(match gap.reason {
        None => "fill.nobody",
        Some(Blocked::Unavailable) => "fill.reason_unavailable",
        Some(Blocked::TimeOff) => "fill.reason_time_off",
        Some(Blocked::OnShift) => "fill.reason_on_shift",
        Some(Blocked::MaxHours) => "fill.reason_max_hours",
        Some(Blocked::Rest) => "fill.reason_rest",
    });
    let s = &gap.slot;
    Message::new(if gap.blocked.is_empty() { "fill.gap_bare" } else { "fill.gap" })
        .part("reason", reason)
        .day("day", s.date)
        .label("place", s.location)
        .arg("span", span(s.start_min, s.end_min))
        .arg("short", gap.short)
        .part("why", reasons)
}

/// The week's slots left short from `now` on as stored, with why.
pub fn left_open(conn: &Connection, week: &Period, now: Now) -> Result<Vec<Gap>> {
    let reps = store::reps::list(conn, true)?;
    Ok(roster(conn, week, &reps)?.left_open(now))
}

/// Stores accepted proposals in one write. Each is checked again, inside that write, against
/// what is stored by then ([`Roster::still_fits`]): a slot filled meanwhile elsewhere is not
/// doubled, nor a rep taken over their hours; those proposals are left out.
pub fn accept_fill(store: &mut Store, week: &Period, proposals: &[Shift]) -> Result<Done<Vec<Shift>>> {
    store.change(|w| {
        let reps = store::reps::list(&w.tx, true)?;
        let mut roster = roster(&w.tx, week, &reps)?;
        let mut added = Vec::new();
        // As a whole when it still holds as a whole: shifts of one plan may cover a slot only
        // together (09–12 and 13–18 around a stored 12–13). Else one by one.
        let whole = roster.holds(proposals);
        for proposal in proposals {
            if whole || roster.still_fits(proposal) {
                roster.shifts.push(proposal.clone());
                added.push(store::schedule::add_shift(w, proposal)?);
            }
        }
        let summary = Summary::new("change.week_fill").arg("week", week).arg("added", added.len());
        Ok((added, summary))
    })
}

/// `09:00-13:00, 17:00-21:00` → windows (the rule is the domain's).
pub fn parse_windows(text: &str) -> std::result::Result<Vec<(u32, u32)>, Message> {
    crate::domain::schedule::parse_windows(text)
}

/// Replaces a rep's windows on one weekday (1 = Monday). Returns whether the rep has any
/// window left: one with none at all has not limited when they work, and may be booked
/// any time.
pub fn set_availability(store: &mut Store, rep_id: i64, weekday: u32, windows: &[(u32, u32)]) -> Result<Done<bool>> {
    let rep = store::reps::get(store.conn(), rep_id)?;
    let done = store.change(|w| -> Result<_> {
        store::schedule::set_availability(w, rep_id, weekday, windows)?;
        Ok(((), Summary::new("change.availability").arg("rep", &rep.name)))
    })?;
    let any = has_windows(store.conn(), rep_id)?;
    Ok(done.map(|_| any))
}

/// Replaces a rep's windows for the whole week (Monday first) in one write. Returns whether
/// the rep has any window, as [`set_availability`] does.
pub fn set_week_availability(store: &mut Store, rep_id: i64, week: &[Vec<(u32, u32)>]) -> Result<Done<bool>> {
    let rep = store::reps::get(store.conn(), rep_id)?;
    let done = store.change(|w| -> Result<_> {
        for (i, windows) in week.iter().enumerate().take(7) {
            store::schedule::set_availability(w, rep_id, i as u32 + 1, windows)?;
        }
        Ok(((), Summary::new("change.availability").arg("rep", &rep.name)))
    })?;
    let any = has_windows(store.conn(), rep_id)?;
    Ok(done.map(|_| any))
}

/// Adds a staffing need: a weekly slot that wants so many reps.
pub fn add_need(store: &mut Store, need: &crate::domain::model::StaffingNeed) -> Result<Done<i64>> {
    store.change(|w| {
        let id = store::schedule::add_need(w, need)?;
        Ok((id, need_summary("change.need_add", need)))
    })
}

pub fn remove_need(store: &mut Store, id: i64) -> Result<Done<()>> {
    store.change(|w| {
        let need = store::schedule::delete_need(w, id)?;
        Ok(((), need_summary("change.need_remove", &need)))
    })
}

fn need_summary(key: &str, need: &crate::domain::model::StaffingNeed) -> Summary {
    Summary::new(key)
        .arg("day", need.weekday)
        .arg("span", span(need.start_min, need.end_min))
        .arg("location", need.location)
}

fn has_windows(conn: &Connection, rep_id: i64) -> Result<bool> {
    Ok(store::schedule::availability(conn)?.iter().any(|a| a.rep_id == rep_id))
}

pub fn remove_time_off(store: &mut Store, id: i64) -> Result<Done<TimeOff>> {
    store.change(|w| {
        let gone = store::schedule::delete_time_off(w, id)?;
        let rep = store::reps::get(&w.tx, gone.rep_id)?.name;
        let summary = Summary::new("change.time_off_remove").arg("rep", rep).arg("from", gone.from).arg("to", gone.to);
        Ok((gone, summary))
    })
}

pub fn add_time_off(store: &mut Store, off: &TimeOff) -> Result<Done<i64>> {
    if off.to < off.from {
        return Err(ValidationError::new(
            "to",
            Message::new("invalid.time_off_order").day("to", off.to).day("from", off.from),
        )
        .into());
    }
    let rep = store::reps::get(store.conn(), off.rep_id)?;
    store.change(|w| {
        let id = store::schedule::add_time_off(w, off)?;
        let summary = Summary::new("change.time_off_add").arg("rep", &rep.name).arg("from", off.from).arg("to", off.to);
        Ok((id, summary))
    })
}

/// Imports shifts: the same rep, day and times already there is unchanged; a rep named in
/// the file who is not on the roster refuses the row (shifts are not how reps are hired).
pub fn import_shifts(store: &mut Store, rows: &[ShiftRow], dry_run: bool) -> Result<Imported> {
    let reps = store::reps::list(store.conn(), true)?;
    let now = store.moment();
    let work = |w: &store::Writer<'_>| {
        let mut report = ImportReport::default();
        // Each shift that landed, with its line and whether it is new, to say the conflicts
        // it brings in.
        let mut landed: Vec<(u64, Shift, bool)> = Vec::new();
        for row in rows {
            let refuse =
                |report: &mut ImportReport, reason: Message| report.refused.push(Refusal { line: row.line, reason });
            let Some(rep) = reps.iter().find(|r| r.name.to_lowercase() == row.rep.trim().to_lowercase()) else {
                refuse(&mut report, Message::new("import.no_rep").arg("rep", &row.rep));
                continue;
            };
            let mut shift = Shift { rep_id: rep.id, ..row.shift.clone() };
            if let Err(e) = validate(&w.tx, &shift) {
                refuse(&mut report, e.message());
                continue;
            }
            // A shift is worked or missed once it has begun, as marking it in the app.
            if let Some(status @ (ShiftStatus::Worked | ShiftStatus::NoShow)) = row.status
                && !now.has_begun(&shift)
            {
                let reason = Message::new("import.shift_not_begun").day("day", shift.date).label("status", status);
                refuse(&mut report, reason);
                continue;
            }
            match store::schedule::same_shift(&w.tx, &shift)? {
                Some(id) => {
                    // What the file leaves out stays as stored.
                    let stored = store::schedule::shift(&w.tx, id)?;
                    shift.location = row.location.unwrap_or(stored.location);
                    shift.status = row.status.unwrap_or(stored.status);
                    if stored.location == shift.location && stored.status == shift.status {
                        report.unchanged += 1;
                    } else {
                        landed.push((row.line, store::schedule::update_shift(w, &Shift { id, ..shift })?, false));
                        report.updated += 1;
                    }
                }
                None => {
                    if row.location.is_none() {
                        shift.location = rep.channel.as_str().parse().unwrap_or(Location::Store);
                    }
                    landed.push((row.line, store::schedule::add_shift(w, &shift)?, true));
                    report.added += 1;
                }
            }
        }
        report.conflicts = landed_conflicts(&w.tx, &landed)?;
        Ok(report)
    };
    super::run_import(store, "shifts", dry_run, work)
}

/// The conflicts shifts that landed bring in, line by line, as saving one in the app says
/// them: an overlap (once, on the later shift), outside availability, time off, too little
/// rest (once, on the line nearest the end of the file), and a rep's week taken over their
/// hours by a shift added (on the last line that added one). Each week is read once.
fn landed_conflicts(conn: &Connection, landed: &[(u64, Shift, bool)]) -> Result<Vec<Refusal>> {
    let reps = store::reps::list(conn, true)?;
    let names: HashMap<i64, String> = reps.iter().map(|r| (r.id, r.name.clone())).collect();
    let mut weeks: Vec<Period> = landed.iter().map(|(_, s, _)| Period::containing(PeriodKind::Week, s.date)).collect();
    weeks.sort_by_key(Period::first_day);
    weeks.dedup();
    let mut found: Vec<(u64, Conflict)> = Vec::new();
    let mut note = |line: u64, conflict: Conflict| match found.iter_mut().find(|(_, c)| *c == conflict) {
        Some(seen) => seen.0 = seen.0.max(line),
        None => found.push((line, conflict)),
    };
    for week in weeks {
        let roster = roster(conn, &week, &reps)?;
        let in_week: Vec<&(u64, Shift, bool)> =
            landed.iter().filter(|(_, s, _)| s.date >= week.first_day() && s.date <= week.last_day()).collect();
        for (line, shift, _) in &in_week {
            let Some(stored) = roster.shifts.iter().find(|s| s.id == shift.id) else { continue };
            let mut conflicts = roster.shift_conflicts(stored);
            conflicts.extend(roster.rest_cut_after(stored));
            for conflict in conflicts {
                // An overlap of two shifts of the file is one problem, said on the later-starting.
                if let Conflict::Overlap { span, other, rep_id, date, .. } = &conflict
                    && (other.start_min, other.end_min) > (span.start_min, span.end_min)
                    && landed.iter().any(|(_, s, _)| {
                        s.rep_id == *rep_id
                            && s.date == *date
                            && (s.start_min, s.end_min) == (other.start_min, other.end_min)
                    })
                {
                    continue;
                }
                note(*line, conflict);
            }
        }
        let mut added: Vec<i64> = in_week.iter().filter(|(_, _, new)| *new).map(|(_, s, _)| s.rep_id).collect();
        added.sort_unstable();
        added.dedup();
        for rep in added {
            if let Some(conflict) = roster.over_hours(rep) {
                let last = in_week.iter().filter(|(_, s, new)| *new && s.rep_id == rep).map(|(l, _, _)| *l).max();
                note(last.unwrap_or_default(), conflict);
            }
        }
    }
    let mut out: Vec<Refusal> =
        found.iter().map(|(line, c)| Refusal { line: *line, reason: describe(c, &names) }).collect();
    out.sort_by_key(|r| r.line);
    Ok(out)
}

/// One rep's week in a report.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RepWeek {
    pub rep: String,
    pub shifts: Vec<Shift>,
    pub minutes: u32,
    pub max_weekly_hours: Option<u32>,
    pub labour_cents: i64,
}

/// One day's coverage in a report.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DayReport {
    pub date: NaiveDate,
    pub met: u32,
    pub needed: u32,
}

/// A conflict with its sentence.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ConflictReport {
    #[serde(flatten)]
    pub conflict: Conflict,
    pub message: String,
}

/// The week as `report week` sends it to the team.
#[derive(Debug, Clone, serde::Serialize)]
pub struct WeekReport {
    pub week: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reps: Vec<RepWeek>,
    pub coverage: Vec<DayReport>,
    pub conflicts: Vec<ConflictReport>,
    pub labour_cents: i64,
    pub sales_cents: i64,
}

impl WeekPlan {
    /// The report, its sentences in `cat`'s language.
    pub fn report(&self, cat: &Catalogue) -> WeekReport {
        let names = self.names();
        let shifts: Vec<Shift> = self.shifts().cloned().collect();
        WeekReport {
            week: self.week.to_string(),
            from: self.week.first_day(),
            to: self.week.last_day(),
            reps: self
                .reps
                .iter()
                .map(|r| {
                    let minutes = self.roster.week_minutes(r.id);
                    RepWeek {
                        rep: r.name.clone(),
                        shifts: shifts.iter().filter(|s| s.rep_id == r.id).cloned().collect(),
                        minutes,
                        max_weekly_hours: r.max_weekly_hours,
                        labour_cents: labour_cost(minutes, r.hourly_rate).cents(),
                    }
                })
                .collect(),
            coverage: self
                .week
                .dates()
                .map(|date| {
                    let c = crate::domain::schedule::coverage(&self.roster.needs, &shifts, date);
                    DayReport { date, met: c.met, needed: c.needed }
                })
                .collect(),
            conflicts: self
                .conflicts
                .iter()
                .map(|c| ConflictReport { conflict: c.clone(), message: describe(c, &names).text(cat) })
                .collect(),
            labour_cents: self.labour.cents(),
            sales_cents: self.sales.cents(),
        }
    }
}
