//! Shifts against needs: coverage per day, hours and labour cost per rep.

use super::model::{
    Availability, Channel, Location, Rep, Shift, ShiftStatus, StaffingNeed, TimeOff, format_time_of_day,
    parse_time_of_day,
};
use super::money::Money;
use super::rep::ValidationError;
use crate::domain::message::Message;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Rep-slots filled against rep-slots needed on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayCoverage {
    pub met: u32,
    pub needed: u32,
}

impl DayCoverage {
    pub fn is_short(&self) -> bool {
        self.met < self.needed
    }
}

/// Shifts that count as someone working: scheduled or worked, not no-shows or swapped away.
pub fn counts(shift: &Shift) -> bool {
    matches!(shift.status, ShiftStatus::Scheduled | ShiftStatus::Worked)
}

/// A need is met by reps whose shifts at its location span the whole slot (see
/// [`covering`]); extra reps on one slot do not make up for another slot left short.
pub fn coverage(needs: &[StaffingNeed], shifts: &[Shift], date: NaiveDate) -> DayCoverage {
    let weekday = date.weekday().number_from_monday();
    needs.iter().filter(|n| n.weekday == weekday).fold(DayCoverage::default(), |mut c, need| {
        c.met += covering(shifts, date, need).min(need.reps_needed);
        c.needed += need.reps_needed;
        c
    })
}

/// Minutes a rep is on shift among `shifts`.
pub fn minutes_of(shifts: &[Shift], rep_id: i64) -> u32 {
    shifts.iter().filter(|s| s.rep_id == rep_id && counts(s)).map(Shift::minutes).sum()
}

/// What `minutes` of work cost at an hourly rate, to the cent.
pub fn labour_cost(minutes: u32, hourly_rate: Money) -> Money {
    Money((hourly_rate.cents() as i128 * minutes as i128 / 60) as i64)
}

/// The rules a week is checked against (settings, with these defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleRules {
    /// The least rest between a rep's last shift of one day and first shift of a later day.
    pub min_rest_min: u32,
    /// The weekly hours a rep without a maximum counts as for balancing (a full week).
    pub default_share_hours: u32,
}

impl Default for ScheduleRules {
    fn default() -> Self {
        ScheduleRules { min_rest_min: 10 * 60, default_share_hours: 40 }
    }
}

/// One rep's terms as the schedule needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worker {
    pub id: i64,
    pub active: bool,
    pub max_weekly_hours: Option<u32>,
    /// Where they sell: a slot at the same place suits them best.
    pub channel: Option<Channel>,
}

impl From<&Rep> for Worker {
    fn from(rep: &Rep) -> Self {
        Worker { id: rep.id, active: rep.active, max_weekly_hours: rep.max_weekly_hours, channel: Some(rep.channel) }
    }
}

/// Everything a week is checked and filled against. `shifts` holds the week's shifts and,
/// for the rest rule, those of the days just around it.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub monday: NaiveDate,
    pub workers: Vec<Worker>,
    pub availability: Vec<Availability>,
    pub time_off: Vec<TimeOff>,
    pub needs: Vec<StaffingNeed>,
    pub shifts: Vec<Shift>,
    pub rules: ScheduleRules,
}

/// A shift's times, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    pub start_min: u32,
    pub end_min: u32,
}

impl Span {
    pub fn of(shift: &Shift) -> Span {
        Span { start_min: shift.start_min, end_min: shift.end_min }
    }
}

/// What is wrong with a week. Rep conflicts name the shift they are about (id 0 for a
/// proposal not stored yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Conflict {
    /// Two shifts of one rep overlap.
    Overlap { rep_id: i64, shift_id: i64, date: NaiveDate, span: Span, other: Span },
    /// A shift not inside any of the rep's availability windows of its weekday.
    OutsideAvailability { rep_id: i64, shift_id: i64, date: NaiveDate, span: Span },
    /// A shift on a day the rep has off.
    TimeOff { rep_id: i64, shift_id: i64, date: NaiveDate, span: Span },
    /// The rep's shifts of the week add up to more than their maximum.
    OverHours { rep_id: i64, minutes: u32, max_hours: u32 },
    /// Too little rest between the rep's shift on an earlier day and this one.
    ShortRest { rep_id: i64, shift_id: i64, date: NaiveDate, span: Span, rest_min: u32, min_rest_min: u32 },
    /// A slot with fewer reps on shift than it needs.
    Understaffed { date: NaiveDate, span: Span, location: Location, met: u32, needed: u32 },
}

impl Conflict {
    pub fn rep_id(&self) -> Option<i64> {
        match self {
            Conflict::Overlap { rep_id, .. }
            | Conflict::OutsideAvailability { rep_id, .. }
            | Conflict::TimeOff { rep_id, .. }
            | Conflict::OverHours { rep_id, .. }
            | Conflict::ShortRest { rep_id, .. } => Some(*rep_id),
            Conflict::Understaffed { .. } => None,
        }
    }

    /// The day it is about; none for a week's total.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Conflict::Overlap { date, .. }
            | Conflict::OutsideAvailability { date, .. }
            | Conflict::TimeOff { date, .. }
            | Conflict::ShortRest { date, .. }
            | Conflict::Understaffed { date, .. } => Some(*date),
            Conflict::OverHours { .. } => None,
        }
    }

    /// The catalogue key of its kind (`conflict.overlap`, …).
    pub fn key(&self) -> &'static str {
        match self {
            Conflict::Overlap { .. } => "conflict.overlap",
            Conflict::OutsideAvailability { .. } => "conflict.availability",
            Conflict::TimeOff { .. } => "conflict.time_off",
            Conflict::OverHours { .. } => "conflict.hours",
            Conflict::ShortRest { .. } => "conflict.rest",
            Conflict::Understaffed { .. } => "conflict.understaffed",
        }
    }
}

fn overlaps(a: &Shift, b: &Shift) -> bool {
    a.date == b.date && a.start_min < b.end_min && b.start_min < a.end_min
}

/// Minutes from the end of `earlier` to the start of `later` (on a later day).
fn rest_between(earlier: &Shift, later: &Shift) -> i64 {
    let days = (later.date - earlier.date).num_days();
    days * 24 * 60 + later.start_min as i64 - earlier.end_min as i64
}

impl Roster {
    fn week_dates(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let monday = self.monday;
        (0..7).map(move |i| monday + chrono::Duration::days(i))
    }

    fn in_week(&self, date: NaiveDate) -> bool {
        date >= self.monday && date < self.monday + chrono::Duration::days(7)
    }

    /// True when the rep may work `[start, end)` on `date` by their windows, windows that
    /// touch counting as one (09–13 and 13–18 cover 09–18); a rep with no windows at all has
    /// not limited their availability.
    pub fn available(&self, rep_id: i64, date: NaiveDate, start_min: u32, end_min: u32) -> bool {
        let weekday = date.weekday().number_from_monday();
        // One pass settles the usual cases: no windows at all, one window covering the span,
        // or none touching it. Auto-fill asks this for every rep and slot.
        let (mut any, mut partly) = (false, false);
        for a in self.availability.iter().filter(|a| a.rep_id == rep_id) {
            any = true;
            if a.weekday == weekday {
                if a.start_min <= start_min && a.end_min >= end_min {
                    return true;
                }
                partly |= a.start_min < end_min && a.end_min > start_min;
            }
        }
        if !any || !partly {
            return !any;
        }
        // Windows that touch: how far from `start` they reach without a gap.
        let mut reach = start_min;
        while reach < end_min {
            let next = self
                .availability
                .iter()
                .filter(|a| a.rep_id == rep_id && a.weekday == weekday && a.start_min <= reach && a.end_min > reach)
                .map(|a| a.end_min)
                .max();
            match next {
                Some(next) => reach = next,
                None => return false,
            }
        }
        true
    }

    pub fn off(&self, rep_id: i64, date: NaiveDate) -> bool {
        self.time_off.iter().any(|t| t.rep_id == rep_id && t.from <= date && date <= t.to)
    }

    /// Minutes the rep works in the week.
    pub fn week_minutes(&self, rep_id: i64) -> u32 {
        self.shifts.iter().filter(|s| s.rep_id == rep_id && counts(s) && self.in_week(s.date)).map(Shift::minutes).sum()
    }

    /// What is wrong with one shift against the rep's other shifts and terms (not the week's
    /// total hours, which belong to the rep: see [`Roster::conflicts`]).
    pub fn shift_conflicts(&self, shift: &Shift) -> Vec<Conflict> {
        let mut found = Vec::new();
        if !counts(shift) {
            return found;
        }
        let (rep_id, shift_id, date, span) = (shift.rep_id, shift.id, shift.date, Span::of(shift));
        let others = self.shifts.iter().filter(|s| s.rep_id == rep_id && counts(s) && !same(s, shift));
        for other in others {
            if overlaps(shift, other) {
                found.push(Conflict::Overlap { rep_id, shift_id, date, span, other: Span::of(other) });
            } else if other.date < date {
                let rest = rest_between(other, shift);
                let last_of_day = !self
                    .shifts
                    .iter()
                    .any(|s| s.rep_id == rep_id && counts(s) && s.date == other.date && s.end_min > other.end_min);
                let first_of_day = !self.shifts.iter().any(|s| {
                    s.rep_id == rep_id
                        && counts(s)
                        && s.date == date
                        && s.start_min < shift.start_min
                        && !same(s, shift)
                });
                if last_of_day && first_of_day && rest < self.rules.min_rest_min as i64 {
                    let rest_min = rest.max(0) as u32;
                    let min_rest_min = self.rules.min_rest_min;
                    found.push(Conflict::ShortRest { rep_id, shift_id, date, span, rest_min, min_rest_min });
                }
            }
        }
        if !self.available(rep_id, date, shift.start_min, shift.end_min) {
            found.push(Conflict::OutsideAvailability { rep_id, shift_id, date, span });
        }
        if self.off(rep_id, date) {
            found.push(Conflict::TimeOff { rep_id, shift_id, date, span });
        }
        found
    }

    /// True when adding `shift` would bring a conflict: its own, or too little rest before
    /// one of the rep's shifts on the days after it.
    pub fn would_conflict(&self, shift: &Shift) -> bool {
        let min_rest = self.rules.min_rest_min as i64;
        !self.shift_conflicts(shift).is_empty()
            || self.shifts.iter().any(|s| {
                s.rep_id == shift.rep_id && counts(s) && s.date > shift.date && rest_between(shift, s) < min_rest
            })
    }

    /// The too-short rests `shift` leaves before the rep's shifts of later days: the
    /// conflicts it causes that belong to those shifts.
    pub fn rest_cut_after(&self, shift: &Shift) -> Vec<Conflict> {
        if !counts(shift) {
            return Vec::new();
        }
        self.shifts
            .iter()
            .filter(|s| s.rep_id == shift.rep_id && counts(s) && s.date > shift.date)
            .flat_map(|later| self.shift_conflicts(later))
            .filter(|c| match c {
                Conflict::ShortRest { date, span, rest_min, .. } => {
                    let later =
                        Shift { date: *date, start_min: span.start_min, end_min: span.end_min, ..shift.clone() };
                    rest_between(shift, &later).max(0) as u32 == *rest_min
                }
                _ => false,
            })
            .collect()
    }

    /// The rep's week over their maximum, if it is.
    pub fn over_hours(&self, rep_id: i64) -> Option<Conflict> {
        let max_hours = self.workers.iter().find(|w| w.id == rep_id)?.max_weekly_hours?;
        let minutes = self.week_minutes(rep_id);
        (minutes > max_hours * 60).then_some(Conflict::OverHours { rep_id, minutes, max_hours })
    }

    /// The maximum `shift` would take its rep over, if it would.
    pub fn would_exceed(&self, shift: &Shift) -> Option<u32> {
        let max = self.workers.iter().find(|w| w.id == shift.rep_id)?.max_weekly_hours?;
        (self.week_minutes(shift.rep_id) + shift.minutes() > max * 60).then_some(max)
    }

    /// Every conflict of the week: each shift's, each rep over their hours, each slot short.
    pub fn conflicts(&self) -> Vec<Conflict> {
        let mut found: Vec<Conflict> = Vec::new();
        // Two shifts with the very same times, seen from the first of them.
        let mut twins = std::collections::HashSet::new();
        for shift in self.shifts.iter().filter(|s| self.in_week(s.date)) {
            for conflict in self.shift_conflicts(shift) {
                // An overlap is one problem, reported once, on the later-starting shift (on
                // one of two with the same times).
                if let Conflict::Overlap { rep_id, date, span, other, .. } = &conflict
                    && ((other.start_min, other.end_min) > (span.start_min, span.end_min)
                        || (other == span && !twins.insert((*rep_id, *date, *span))))
                {
                    continue;
                }
                found.push(conflict);
            }
        }
        found.extend(self.workers.iter().filter_map(|w| self.over_hours(w.id)));
        for date in self.week_dates() {
            found.extend(self.short_slots(date, &self.shifts).into_iter().map(|(need, met)| Conflict::Understaffed {
                date,
                span: Span { start_min: need.start_min, end_min: need.end_min },
                location: need.location,
                met,
                needed: need.reps_needed,
            }));
        }
        // A rep's conflicts are mistakes in the plan and come first; short slots follow.
        found.sort_by_key(|c| (matches!(c, Conflict::Understaffed { .. }), c.date(), c.rep_id()));
        found
    }

    /// The needs of `date` that `shifts` leave short, with how many reps they have.
    fn short_slots<'n>(&'n self, date: NaiveDate, shifts: &[Shift]) -> Vec<(&'n StaffingNeed, u32)> {
        let weekday = date.weekday().number_from_monday();
        self.needs
            .iter()
            .filter(|n| n.weekday == weekday)
            .filter_map(|need| {
                let met = covering(shifts, date, need);
                (met < need.reps_needed).then_some((need, met))
            })
            .collect()
    }
}

/// A shift's hours hold: it ends after it starts, the same day. The field named is the end.
pub fn check_times(shift: &Shift) -> Result<(), ValidationError> {
    if shift.end_min <= shift.start_min || shift.end_min > 24 * 60 {
        return Err(ValidationError::new(
            "end",
            Message::new("invalid.shift_times")
                .arg("end", format_time_of_day(shift.end_min))
                .arg("start", format_time_of_day(shift.start_min)),
        ));
    }
    Ok(())
}

/// Today's date, and the minute of the day when today is the real date (a `--today` of
/// another day knows no time of day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub today: NaiveDate,
    pub minute: Option<u32>,
}

impl Now {
    /// Whether a shift has begun: a day before today, or today from its start on; on a
    /// day without a time, all of today's shifts.
    pub fn has_begun(&self, shift: &Shift) -> bool {
        shift.date < self.today || (shift.date == self.today && self.minute.is_none_or(|m| shift.start_min <= m))
    }
}

/// Marking a shift: only one that has begun; without a status asked for, worked and no-show
/// alternate.
pub fn mark(shift: &Shift, asked: Option<ShiftStatus>, now: Now) -> Option<ShiftStatus> {
    now.has_begun(shift).then(|| {
        asked.unwrap_or(match shift.status {
            ShiftStatus::Worked => ShiftStatus::NoShow,
            _ => ShiftStatus::Worked,
        })
    })
}

/// Why a shift of last week is not copied into this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopySkip {
    /// The rep is no longer on the roster, or not active.
    Inactive,
    /// It would take the rep over their weekly maximum, in hours.
    OverHours(u32),
    /// It conflicts with what the week holds (time off, availability, another shift).
    Conflict(Conflict),
    /// It would leave the rep too little rest before or after a shift of theirs.
    Rest,
}

impl Roster {
    /// Whether `shift` may be copied into this roster's week, and if not, why. `active` says
    /// whether its rep is still an active rep.
    pub fn copy_skip(&self, shift: &Shift, active: bool) -> Option<CopySkip> {
        if !active {
            Some(CopySkip::Inactive)
        } else if let Some(max) = self.would_exceed(shift) {
            Some(CopySkip::OverHours(max))
        } else if let Some(conflict) = self.shift_conflicts(shift).into_iter().next() {
            Some(CopySkip::Conflict(conflict))
        } else if self.would_conflict(shift) {
            Some(CopySkip::Rest)
        } else {
            None
        }
    }
}

/// `09:00-13:00, 17:00-21:00` → windows, sorted; empty text is no window. Windows that touch
/// are one (09:00-13:00, 13:00-18:00 is 09:00-18:00); windows that overlap are refused.
pub fn parse_windows(text: &str) -> Result<Vec<(u32, u32)>, Message> {
    let span = |a: u32, b: u32| format!("{}–{}", format_time_of_day(a), format_time_of_day(b));
    let mut windows = Vec::new();
    for part in text.split([',', ';', '，']).map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || Message::new("invalid.window").arg("value", part);
        let (from, to) = part.split_once(['-', '–']).ok_or_else(bad)?;
        let from = parse_time_of_day(from).ok_or_else(bad)?;
        let to = parse_time_of_day(to).ok_or_else(bad)?;
        if to <= from {
            return Err(Message::new("invalid.window_order").arg("value", part));
        }
        windows.push((from, to));
    }
    windows.sort_unstable();
    if let Some(pair) = windows.windows(2).find(|p| p[1].0 < p[0].1) {
        return Err(Message::new("invalid.window_overlap")
            .arg("first", span(pair[0].0, pair[0].1))
            .arg("second", span(pair[1].0, pair[1].1)));
    }
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(windows.len());
    for (from, to) in windows {
        match merged.last_mut() {
            Some(last) if last.1 == from => last.1 = to,
            _ => merged.push((from, to)),
        }
    }
    Ok(merged)
}

/// The times a new shift of a rep on a day starts from: their first window that day not
/// worked yet (`windows`, `taken`: start and end minutes); else four hours after the day's
/// last shift; else a morning, 09:00–13:00.
pub fn new_shift_times(windows: &[(u32, u32)], taken: &[(u32, u32)]) -> (u32, u32) {
    let free = |&&(from, to): &&(u32, u32)| taken.iter().all(|&(a, b)| to <= a || b <= from);
    let mut windows: Vec<&(u32, u32)> = windows.iter().collect();
    windows.sort_unstable();
    let after_last = taken.iter().map(|&(_, end)| end).max().map(|end| (end, (end + 4 * 60).min(24 * 60)));
    windows.into_iter().find(free).copied().or(after_last.filter(|(from, to)| from < to)).unwrap_or((9 * 60, 13 * 60))
}

/// The very same shift: the one being checked, or its stored version (same id).
fn same(a: &Shift, b: &Shift) -> bool {
    std::ptr::eq(a, b) || (a.id != 0 && a.id == b.id)
}

/// How many reps `shifts` put on a need on `date`: each rep whose shifts at its place that
/// day span the whole slot, shifts that touch counting as one (09–13 and 13–18 cover 09–18),
/// as touching availability windows do.
pub fn covering(shifts: &[Shift], date: NaiveDate, need: &StaffingNeed) -> u32 {
    let mut spans: Vec<(i64, u32, u32)> = shifts
        .iter()
        .filter(|s| s.date == date && counts(s) && s.location == need.location)
        .filter(|s| s.start_min < need.end_min && s.end_min > need.start_min)
        .map(|s| (s.rep_id, s.start_min, s.end_min))
        .collect();
    spans.sort_unstable();
    let mut reps = 0;
    for rep in spans.chunk_by(|a, b| a.0 == b.0) {
        // In order of start: how far from the slot's start the rep's shifts reach unbroken.
        let mut reach = need.start_min;
        for &(_, start, end) in rep {
            if start > reach {
                break;
            }
            reach = reach.max(end);
        }
        reps += u32::from(reach >= need.end_min);
    }
    reps
}

mod exact;
mod fill;
pub use fill::{Blocked, FILL_BUDGET, Fill, Gap, Method};
#[cfg(test)]
mod tests;
