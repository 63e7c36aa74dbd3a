//! Auto-fill: the week's short slots, the plan that fills them (exact, with the one-pass fill
//! as fallback and baseline), what accepting it checks again, and why each slot left open
//! stays open.

use super::{Conflict, Now, Roster, Worker, covering, exact};
use crate::domain::model::{Shift, ShiftStatus, StaffingNeed};
use chrono::Datelike;
use std::collections::HashMap;

impl Roster {
    /// True when a proposed shift is still worth adding to the plan as it is now: its rep is
    /// active, it puts them on a slot still short, and it brings no conflict and no hours over
    /// the rep's maximum. What accepting a fill checks again, since the week may have changed
    /// since the proposal.
    pub fn still_fits(&self, shift: &Shift) -> bool {
        self.workers.iter().any(|w| w.id == shift.rep_id && w.active)
            && self.adds_cover(shift)
            && self.would_exceed(shift).is_none()
            && !self.would_conflict(shift)
    }

    /// True when `shift` would put its rep on a slot of its day still short, alone or with
    /// the rep's shifts there that it touches.
    pub fn adds_cover(&self, shift: &Shift) -> bool {
        let mut day: Vec<Shift> = self.shifts.iter().filter(|s| s.date == shift.date).cloned().collect();
        let short = self.short_slots(shift.date, &day);
        day.push(shift.clone());
        short.iter().any(|(need, met)| covering(&day, shift.date, need) > *met)
    }

    /// Shifts that fill the week's short slots from `now` on: the exact fill's (see
    /// [`Roster::fill`]). A proposal; nothing is stored.
    pub fn auto_fill(&self, now: Now) -> Vec<Shift> {
        self.fill(now).proposals
    }

    /// Why `rep` cannot take `shift` as the week stands, the first reason that holds: off,
    /// not available then, already on shift, at their maximum hours, too little rest. `None`
    /// when nothing stands in the way.
    pub fn blocked(&self, worker: &Worker, shift: &Shift) -> Option<Blocked> {
        let shift = Shift { rep_id: worker.id, ..shift.clone() };
        let found = self.shift_conflicts(&shift);
        let has = |f: fn(&Conflict) -> bool| found.iter().any(f);
        if has(|c| matches!(c, Conflict::TimeOff { .. })) {
            Some(Blocked::TimeOff)
        } else if has(|c| matches!(c, Conflict::OutsideAvailability { .. })) {
            Some(Blocked::Unavailable)
        } else if has(|c| matches!(c, Conflict::Overlap { .. })) {
            Some(Blocked::OnShift)
        } else if self.would_exceed(&shift).is_some() {
            Some(Blocked::MaxHours)
        } else if self.would_conflict(&shift) {
            Some(Blocked::Rest)
        } else {
            None
        }
    }

    /// The week's slots still short from `now` on, in order of day and time: a slot of today
    /// whose start has passed by the clock is not among them.
    pub(super) fn open_slots(&self, now: Now) -> Vec<exact::Open<'_>> {
        let mut open = Vec::new();
        for date in self.week_dates().filter(|d| *d >= now.today) {
            let weekday = date.weekday().number_from_monday();
            let mut needs: Vec<&StaffingNeed> = self.needs.iter().filter(|n| n.weekday == weekday).collect();
            needs.sort_by_key(|n| (n.start_min, n.end_min));
            for need in needs {
                if date == now.today && now.minute.is_some_and(|m| need.start_min <= m) {
                    continue;
                }
                let met = covering(&self.shifts, date, need);
                if met < need.reps_needed {
                    open.push(exact::Open { date, need, short: need.reps_needed - met });
                }
            }
        }
        open
    }

    /// The best plan for the week's short slots from `now` on, and each slot it leaves short
    /// with why. The exact fill ([`exact`]) within [`FILL_BUDGET`]; when the solver is not
    /// done by then, the better of the best plan it found and [`Roster::greedy`], said to be
    /// perhaps not the best.
    pub fn fill(&self, now: Now) -> Fill {
        self.fill_within(now, FILL_BUDGET)
    }

    /// [`Roster::fill`] with a time budget of its own.
    pub fn fill_within(&self, now: Now, budget: std::time::Duration) -> Fill {
        let open = self.open_slots(now);
        let greedy = self.greedy_proposals(&open);
        let (proposals, method) = match exact::solve(self, &open, budget) {
            // What the solver proposes is checked by the rules a save is checked by.
            Some(solved) if self.holds(&solved.proposals) => {
                if !solved.proven && self.gained(&open, &greedy) > self.gained(&open, &solved.proposals) {
                    (greedy, Method::Greedy)
                } else {
                    (solved.proposals, if solved.proven { Method::Exact } else { Method::Unproven })
                }
            }
            Some(solved) => {
                tracing::warn!(?solved, "the exact fill broke a rule; the quick plan is used");
                (greedy, Method::Greedy)
            }
            None => (greedy, Method::Greedy),
        };
        Fill { gaps: self.gaps_after(&open, &proposals), proposals, method }
    }

    /// The slots of the week left short from `now` on as it stands, each with why: what a
    /// fill that has just landed leaves open.
    pub fn left_open(&self, now: Now) -> Vec<Gap> {
        self.gaps_after(&self.open_slots(now), &[])
    }

    /// The one-pass fill: each slot in turn, each unit to the rep furthest below their share
    /// of hours who can take it without any conflict (available, not off, not already on
    /// shift then, rested, within their maximum); between reps equally far below, the one
    /// whose windows fit the fewest of the week's slots. Quick, and no look ahead: the
    /// fallback of [`Roster::fill`] and its baseline.
    pub fn greedy(&self, now: Now) -> Fill {
        let open = self.open_slots(now);
        let proposals = self.greedy_proposals(&open);
        Fill { gaps: self.gaps_after(&open, &proposals), proposals, method: Method::Greedy }
    }

    fn greedy_proposals(&self, open: &[exact::Open<'_>]) -> Vec<Shift> {
        let mut planned = self.clone();
        let mut proposals = Vec::new();
        let chances: HashMap<i64, usize> = self
            .workers
            .iter()
            .map(|w| {
                let fits = |slot: &&exact::Open<'_>| {
                    self.available(w.id, slot.date, slot.need.start_min, slot.need.end_min)
                        && !self.off(w.id, slot.date)
                };
                (w.id, open.iter().filter(fits).count())
            })
            .collect();
        for slot in open {
            let (date, need) = (slot.date, slot.need);
            let met = covering(&planned.shifts, date, need);
            for _ in met..need.reps_needed {
                let candidate = Shift {
                    id: 0,
                    rep_id: 0,
                    date,
                    start_min: need.start_min,
                    end_min: need.end_min,
                    location: need.location,
                    status: ShiftStatus::Scheduled,
                };
                let best = self
                    .workers
                    .iter()
                    .filter(|w| w.active)
                    .filter(|w| {
                        let shift = Shift { rep_id: w.id, ..candidate.clone() };
                        planned.would_exceed(&shift).is_none() && !planned.would_conflict(&shift)
                    })
                    .min_by_key(|w| {
                        let worked = planned.week_minutes(w.id) as u64;
                        let share = w.max_weekly_hours.unwrap_or(self.rules.default_share_hours).max(1) as u64 * 60;
                        // Compare worked/share without floats: scaled to a common base.
                        (worked * 1_000_000 / share, chances[&w.id], worked, w.id)
                    });
                let Some(worker) = best else { break };
                let shift = Shift { rep_id: worker.id, ..candidate };
                planned.shifts.push(shift.clone());
                proposals.push(shift);
            }
        }
        // A shift a later, longer one made useless (09–13 under a 09–18 of another rep) goes.
        let base = self.shifts.len();
        let mut i = 0;
        while i < proposals.len() {
            let mut without = planned.clone();
            let p = without.shifts.remove(base + i);
            if without.adds_cover(&p) {
                i += 1;
            } else {
                planned = without;
                proposals.remove(i);
            }
        }
        proposals
    }

    /// True when every proposal holds by the rules a saved shift is checked by, taken one
    /// after another (an active rep, no conflict, within the maximum), and each one still
    /// covers something in the week they make together.
    pub fn holds(&self, proposals: &[Shift]) -> bool {
        let mut planned = self.clone();
        for p in proposals {
            let active = self.workers.iter().any(|w| w.id == p.rep_id && w.active);
            if !active || planned.would_conflict(p) || planned.would_exceed(p).is_some() {
                return false;
            }
            planned.shifts.push(p.clone());
        }
        let base = self.shifts.len();
        (0..proposals.len()).all(|i| {
            let mut without = planned.clone();
            let p = without.shifts.remove(base + i);
            without.adds_cover(&p)
        })
    }

    /// Slot-units `proposals` cover of the open slots.
    pub(super) fn gained(&self, open: &[exact::Open<'_>], proposals: &[Shift]) -> u32 {
        let mut all = self.shifts.clone();
        all.extend(proposals.iter().cloned());
        open.iter()
            .map(|slot| {
                let had = slot.need.reps_needed - slot.short;
                covering(&all, slot.date, slot.need).min(slot.need.reps_needed) - had
            })
            .sum()
    }

    /// Each open slot that `proposals` leave short, with why.
    fn gaps_after(&self, open: &[exact::Open<'_>], proposals: &[Shift]) -> Vec<Gap> {
        let mut planned = self.clone();
        planned.shifts.extend(proposals.iter().cloned());
        open.iter()
            .filter_map(|slot| {
                let met = covering(&planned.shifts, slot.date, slot.need);
                (met < slot.need.reps_needed).then(|| {
                    let need = slot.need;
                    let shift = Shift {
                        id: 0,
                        rep_id: 0,
                        date: slot.date,
                        start_min: need.start_min,
                        end_min: need.end_min,
                        location: need.location,
                        status: ShiftStatus::Scheduled,
                    };
                    planned.gap(&shift, need.reps_needed - met)
                })
            })
            .collect()
    }

    /// A slot left `short` by so many reps, with what kept each active rep from it.
    fn gap(&self, slot: &Shift, short: u32) -> Gap {
        let mut blocked: Vec<(Blocked, usize)> = Vec::new();
        for worker in self.workers.iter().filter(|w| w.active) {
            if let Some(why) = self.blocked(worker, slot) {
                match blocked.iter_mut().find(|(b, _)| *b == why) {
                    Some((_, n)) => *n += 1,
                    None => blocked.push((why, 1)),
                }
            }
        }
        // The reason that kept the most reps first; equal counts in the order of the enum.
        blocked.sort_by_key(|(why, n)| (std::cmp::Reverse(*n), *why));
        // In one word: nobody available then; or all of those who are, off; or what kept
        // most of those who are available and not off.
        let active: Vec<&Worker> = self.workers.iter().filter(|w| w.active).collect();
        let free: Vec<&Worker> =
            active.iter().copied().filter(|w| self.available(w.id, slot.date, slot.start_min, slot.end_min)).collect();
        let reason = if active.is_empty() {
            None
        } else if free.is_empty() {
            Some(Blocked::Unavailable)
        } else if free.iter().all(|w| self.off(w.id, slot.date)) {
            Some(Blocked::TimeOff)
        } else {
            let mut kept: Vec<(Blocked, usize)> = Vec::new();
            for w in free.iter().filter(|w| !self.off(w.id, slot.date)) {
                if let Some(why) = self.blocked(w, slot) {
                    match kept.iter_mut().find(|(b, _)| *b == why) {
                        Some((_, n)) => *n += 1,
                        None => kept.push((why, 1)),
                    }
                }
            }
            kept.sort_by_key(|(why, n)| (std::cmp::Reverse(*n), *why));
            // None kept back (a plan not proven the best): what kept most reps of all.
            kept.first().or(blocked.first()).map(|(why, _)| *why)
        };
        Gap { slot: slot.clone(), short, reason, blocked }
    }
}

/// What keeps a rep from a slot auto-fill leaves open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Blocked {
    /// On time off that day.
    TimeOff,
    /// Their availability does not cover the slot.
    Unavailable,
    /// Already on another shift then.
    OnShift,
    /// The slot would take them over their weekly maximum.
    MaxHours,
    /// Too little rest before or after another shift of theirs.
    Rest,
}

/// A slot auto-fill could not fill: its day, times and place (as a shift with no rep), how
/// many reps it is still short, why in one word, and how many active reps each reason kept
/// from it. No reason at all: nobody active is on the roster.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Gap {
    pub slot: Shift,
    pub short: u32,
    /// Nobody available then ([`Blocked::Unavailable`]), all of those who are on time off,
    /// or what kept most of the others: already on another slot of the plan, at their
    /// maximum, short of rest.
    pub reason: Option<Blocked>,
    pub blocked: Vec<(Blocked, usize)>,
}

/// How long the exact fill may take before the best plan found so far is used.
pub const FILL_BUDGET: std::time::Duration = std::time::Duration::from_secs(2);

/// How a fill's plan was found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// The solver's, proven the best under the objective.
    #[default]
    Exact,
    /// The solver's best when its time ran out: it may not be the best.
    Unproven,
    /// The one-pass fill's, the solver not having found a better one in time.
    Greedy,
}

/// What auto-fill proposes, the slots it leaves open, and how the plan was found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fill {
    pub proposals: Vec<Shift>,
    pub gaps: Vec<Gap>,
    pub method: Method,
}
