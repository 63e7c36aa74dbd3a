//! The exact fill: the week as an integer program, solved by HiGHS (through `good_lp`).
//!
//! Each slot of a day and place is cut at every slot's and shift's start and end into pieces;
//! a rep works a piece or not (`work`), and is on a slot exactly when they work every piece of
//! it not worked already (`on`). Pieces a rep works that touch are one shift. A slot's units
//! covered are the reps on it, up to what it still needs. The rules are hard constraints, each
//! piece let in only where the schedule's own checks ([`Roster::would_conflict`],
//! [`Roster::would_exceed`]) find nothing:
//! - a piece only as part of a slot the rep is on and that would be short without them (no
//!   hour, and no shift, that adds no coverage);
//! - no two pieces of a rep at one time in two places;
//! - no two pieces of a rep with less than the rest between them on different days;
//! - a rep's week within their maximum.
//!
//! The objective goes in order, each level solved with the ones before it held at their best:
//! the most slot-units covered; the smallest worst shortfall of a rep below their share of the
//! week's hours (shares in proportion to each rep's maximum, or the default for a rep without
//! one); the least spread of hours around the shares; then the most units given to reps whose
//! channel is the slot's place and the fewest shifts.

use super::{Roster, covering};
use crate::domain::model::{Shift, ShiftStatus, StaffingNeed};
use chrono::NaiveDate;
use good_lp::{Expression, ProblemVariables, Solution, SolutionStatus, SolverModel, Variable, variable};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// A slot of the week still short: its day, its need, and how many reps it still needs.
#[derive(Debug, Clone)]
pub(super) struct Open<'n> {
    pub date: NaiveDate,
    pub need: &'n StaffingNeed,
    pub short: u32,
}

/// What the solver found: the shifts, and whether the plan is proven the best.
#[derive(Debug, Clone)]
pub(super) struct Solved {
    pub proposals: Vec<Shift>,
    pub proven: bool,
}

/// One column of the program.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Binary,
    Real { min: f64, max: f64 },
}

/// `lo <= Σ coef·column <= hi`.
#[derive(Debug, Clone)]
struct Row {
    terms: Vec<(usize, f64)>,
    lo: f64,
    hi: f64,
}

/// The program, kept as plain numbers so that each level is built anew from it.
#[derive(Debug, Default)]
struct Program {
    kinds: Vec<Kind>,
    rows: Vec<Row>,
}

impl Program {
    fn column(&mut self, kind: Kind) -> usize {
        self.kinds.push(kind);
        self.kinds.len() - 1
    }

    fn row(&mut self, terms: Vec<(usize, f64)>, lo: f64, hi: f64) {
        self.rows.push(Row { terms, lo, hi });
    }

    /// Solves for the least `objective`, from `start` when given. The values
    /// of every column, and whether they are proven optimal; `None` when no plan was found.
    fn solve(
        &self,
        objective: &[(usize, f64)],
        start: Option<&[f64]>,
        seconds: f64,
        nodes: Option<i32>,
        gap: f64,
    ) -> Option<(Vec<f64>, bool)> {
        let mut vars = ProblemVariables::new();
        let columns: Vec<Variable> = self
            .kinds
            .iter()
            .map(|k| match *k {
                Kind::Binary => vars.add(variable().binary()),
                Kind::Real { min, max } => vars.add(variable().min(min).max(max)),
            })
            .collect();
        let expression = |terms: &[(usize, f64)]| {
            let mut e = Expression::with_capacity(terms.len());
            for &(c, coef) in terms {
                e.add_mul(coef, columns[c]);
            }
            e
        };
        let goal = expression(objective);
        let mut model = vars
            .minimise(goal)
            .using(good_lp::highs)
            .set_threads(1)
            .set_time_limit(seconds.max(0.001))
            .set_option("mip_max_nodes", nodes.unwrap_or(i32::MAX))
            .set_option("random_seed", 0)
            .set_option("output_flag", false);
        // Proven to within `gap` of the best: under one unit for a count, a quarter of an hour
        // for hours (proving a share to the second is most of the work and no owner's concern).
        model = model.set_mip_rel_gap(0.0).ok()?.set_mip_abs_gap(gap as f32).ok()?;
        if let Some(start) = start {
            use good_lp::WithInitialSolution;
            // The plan found so far, each value exactly inside its bounds.
            let values = self.kinds.iter().zip(start).map(|(kind, &v)| match *kind {
                Kind::Binary => v.round().clamp(0.0, 1.0),
                Kind::Real { min, max } => v.clamp(min, max),
            });
            model = model.with_initial_solution(columns.iter().copied().zip(values));
        }
        for row in &self.rows {
            let e = expression(&row.terms);
            if row.lo == row.hi {
                model.add_constraint(e.eq(row.hi));
            } else {
                if row.hi.is_finite() {
                    model.add_constraint(e.clone().leq(row.hi));
                }
                if row.lo.is_finite() {
                    model.add_constraint(e.geq(row.lo));
                }
            }
        }
        let solution = model.solve();
        let solution = match solution {
            Ok(solution) => solution,
            // HiGHS now and then fails on a start it was given: solved again from nothing.
            Err(_) if start.is_some() => return self.solve(objective, None, seconds / 2.0, nodes, gap),
            Err(_) => return None,
        };
        // HiGHS said optimal; good_lp calls it a gap limit when the gap left is above zero
        // but within HiGHS's absolute tolerance, far under the half unit each level keeps.
        let proven = matches!(solution.status(), SolutionStatus::Optimal | SolutionStatus::GapLimit);
        Some((columns.iter().map(|c| solution.value(*c)).collect(), proven))
    }
}

fn value(terms: &[(usize, f64)], x: &[f64]) -> f64 {
    terms.iter().map(|&(c, coef)| coef * x[c]).sum()
}

/// A piece of a day at a place: the slots' and shifts' times cut it out.
#[derive(Debug, Clone, Copy)]
struct Piece {
    date: NaiveDate,
    group: usize,
    start: u32,
    end: u32,
}

/// How many branch-and-bound nodes each level after the first may search.
const LATER_NODES: i32 = 200;

/// Solves the week for `open`, within `budget`. `None` when the solver found no plan in time.
pub(super) fn solve(roster: &Roster, open: &[Open<'_>], budget: Duration) -> Option<Solved> {
    let started = Instant::now();
    // Days and places with a short slot, and their pieces.
    let mut groups: Vec<(NaiveDate, crate::domain::model::Location)> = Vec::new();
    for slot in open {
        let key = (slot.date, slot.need.location);
        if !groups.contains(&key) {
            groups.push(key);
        }
    }
    let mut pieces: Vec<Piece> = Vec::new();
    // For each open slot, the pieces it is made of.
    let mut slot_pieces: Vec<Vec<usize>> = vec![Vec::new(); open.len()];
    for (g, &(date, location)) in groups.iter().enumerate() {
        let here: Vec<usize> =
            (0..open.len()).filter(|&i| open[i].date == date && open[i].need.location == location).collect();
        let mut cuts: Vec<u32> = here.iter().flat_map(|&i| [open[i].need.start_min, open[i].need.end_min]).collect();
        cuts.extend(
            roster
                .shifts
                .iter()
                .filter(|s| s.date == date && s.location == location && super::counts(s))
                .flat_map(|s| [s.start_min, s.end_min]),
        );
        cuts.sort_unstable();
        cuts.dedup();
        for pair in cuts.windows(2) {
            let (start, end) = (pair[0], pair[1]);
            let inside: Vec<usize> = here
                .iter()
                .copied()
                .filter(|&i| open[i].need.start_min <= start && end <= open[i].need.end_min)
                .collect();
            if inside.is_empty() {
                continue;
            }
            let p = pieces.len();
            pieces.push(Piece { date, group: g, start, end });
            for i in inside {
                slot_pieces[i].push(p);
            }
        }
    }

    let mut program = Program::default();
    let reps: Vec<&super::Worker> = roster.workers.iter().filter(|w| w.active).collect();
    // work[(rep, piece)] and on[(rep, slot)] columns.
    let mut work: HashMap<(usize, usize), usize> = HashMap::new();
    let mut on: Vec<(usize, usize, usize)> = Vec::new(); // (rep, slot, column)
    for (r, worker) in reps.iter().enumerate() {
        let rep_id = worker.id;
        let as_shift = |p: &Piece| Shift {
            id: 0,
            rep_id,
            date: p.date,
            start_min: p.start,
            end_min: p.end,
            location: groups[p.group].1,
            status: ShiftStatus::Scheduled,
        };
        // Each piece the rules let this rep work, alone.
        let allowed: Vec<bool> = pieces
            .iter()
            .map(|p| {
                let s = as_shift(p);
                !roster.would_conflict(&s) && roster.would_exceed(&s).is_none()
            })
            .collect();
        let mine: Vec<Shift> = roster.shifts.iter().filter(|s| s.rep_id == rep_id).cloned().collect();
        for (i, slot) in open.iter().enumerate() {
            if covering(&mine, slot.date, slot.need) > 0 {
                continue; // on it already, and counted
            }
            // Each piece: worked already by one of the rep's shifts there, or to be worked.
            let mut needed = Vec::new();
            let mut possible = true;
            for &p in &slot_pieces[i] {
                let piece = &pieces[p];
                let done = mine.iter().any(|s| {
                    super::counts(s)
                        && s.date == piece.date
                        && s.location == slot.need.location
                        && s.start_min <= piece.start
                        && piece.end <= s.end_min
                });
                if done {
                    continue;
                }
                if !allowed[p] {
                    possible = false;
                    break;
                }
                needed.push(p);
            }
            if !possible || needed.is_empty() {
                continue;
            }
            // On the slot exactly when every piece of it not worked already is worked.
            let y = program.column(Kind::Binary);
            on.push((r, i, y));
            let mut all = vec![(y, 1.0)];
            for p in &needed {
                let w = *work.entry((r, *p)).or_insert_with(|| program.column(Kind::Binary));
                program.row(vec![(y, 1.0), (w, -1.0)], f64::NEG_INFINITY, 0.0);
                all.push((w, -1.0));
            }
            program.row(all, 1.0 - needed.len() as f64, f64::INFINITY);
        }
    }
    if on.is_empty() {
        return Some(Solved { proposals: Vec::new(), proven: true });
    }

    // Each slot's units covered: at most what it still needs, at most the reps on it.
    let mut units: Vec<usize> = Vec::with_capacity(open.len());
    for (i, slot) in open.iter().enumerate() {
        let u = program.column(Kind::Real { min: 0.0, max: slot.short as f64 });
        let mut terms = vec![(u, 1.0)];
        terms.extend(on.iter().filter(|o| o.1 == i).map(|o| (o.2, -1.0)));
        program.row(terms, f64::NEG_INFINITY, 0.0);
        units.push(u);
    }
    // No hour that adds nothing: each worked piece is part of a slot the rep is on and that
    // would be short without them (`backs`: a slot the rep is on with no more reps on it than
    // it still needs).
    let mut backing: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for &(r, i, y) in &on {
        let c = program.column(Kind::Binary);
        program.row(vec![(c, 1.0), (y, -1.0)], f64::NEG_INFINITY, 0.0);
        let others: Vec<(usize, f64)> = on.iter().filter(|o| o.1 == i).map(|o| (o.2, 1.0)).collect();
        let extra = others.len() as f64 - open[i].short as f64;
        if extra > 0.0 {
            // Σ on + extra·backs <= short + extra.
            let mut terms = others;
            terms.push((c, extra));
            program.row(terms, f64::NEG_INFINITY, open[i].short as f64 + extra);
        }
        for &p in &slot_pieces[i] {
            if work.contains_key(&(r, p)) {
                backing.entry((r, p)).or_default().push(c);
            }
        }
    }
    let mut work_keys: Vec<(usize, usize)> = work.keys().copied().collect();
    work_keys.sort_unstable();
    for key in &work_keys {
        let mut terms = vec![(work[key], 1.0)];
        terms.extend(backing.get(key).into_iter().flatten().map(|&c| (c, -1.0)));
        program.row(terms, f64::NEG_INFINITY, 0.0);
    }
    // Per rep: one place at a time, rest between days, the week's maximum.
    let rest = roster.rules.min_rest_min as i64;
    let mut by_rep: Vec<Vec<(usize, usize)>> = vec![Vec::new(); reps.len()];
    for &(r, p) in &work_keys {
        by_rep[r].push((p, work[&(r, p)]));
    }
    let mut hours: Vec<usize> = Vec::with_capacity(reps.len());
    for (r, worker) in reps.iter().enumerate() {
        let mine = &by_rep[r];
        for (a, &(pa, wa)) in mine.iter().enumerate() {
            for &(pb, wb) in &mine[a + 1..] {
                let (x, y) = (&pieces[pa], &pieces[pb]);
                let clash = if x.date == y.date {
                    x.group != y.group && x.start < y.end && y.start < x.end
                } else {
                    let (early, late) = if x.date < y.date { (x, y) } else { (y, x) };
                    let gap = (late.date - early.date).num_days() * 24 * 60 + late.start as i64 - early.end as i64;
                    gap < rest
                };
                if clash {
                    program.row(vec![(wa, 1.0), (wb, 1.0)], f64::NEG_INFINITY, 1.0);
                }
            }
        }
        // In hours: numbers of the size of the rest keep the solver's tolerances honest.
        let before = roster.week_minutes(worker.id) as f64 / 60.0;
        let max = worker.max_weekly_hours.map_or(f64::INFINITY, |h| h as f64);
        let h = program.column(Kind::Real { min: before, max: max.max(before) });
        let mut terms = vec![(h, 1.0)];
        terms.extend(mine.iter().map(|&(p, w)| (w, -((pieces[p].end - pieces[p].start) as f64 / 60.0))));
        program.row(terms, before, before);
        hours.push(h);
    }

    // Level 2's columns: the week's hours among reps who could take a slot, each one's
    // shortfall below their share of them, and the worst.
    let eligible: Vec<usize> = (0..reps.len()).filter(|r| on.iter().any(|o| o.0 == *r)).collect();
    let weight = |r: usize| reps[r].max_weekly_hours.unwrap_or(roster.rules.default_share_hours).max(1) as f64;
    let total_weight: f64 = eligible.iter().map(|&r| weight(r)).sum();
    let big = 7.0 * 24.0 * reps.len().max(1) as f64;
    let total = program.column(Kind::Real { min: 0.0, max: big });
    let mut terms = vec![(total, 1.0)];
    terms.extend(eligible.iter().map(|&r| (hours[r], -1.0)));
    program.row(terms, 0.0, 0.0);
    let worst = program.column(Kind::Real { min: -big, max: big });
    let mut spread = Vec::new();
    for &r in &eligible {
        let share = weight(r) / total_weight;
        // worst >= share·total - hours; dev >= |share·total - hours|.
        program.row(vec![(worst, 1.0), (total, -share), (hours[r], 1.0)], 0.0, f64::INFINITY);
        let dev = program.column(Kind::Real { min: 0.0, max: big });
        program.row(vec![(dev, 1.0), (total, -share), (hours[r], 1.0)], 0.0, f64::INFINITY);
        program.row(vec![(dev, 1.0), (total, share), (hours[r], -1.0)], 0.0, f64::INFINITY);
        spread.push((dev, 1.0));
    }
    // The last level's: where a shift starts (a worked piece with no worked piece just before
    // it at the same place), and the units given to a rep of the slot's channel. A match
    // outweighs every shift there could be.
    let mut starts = Vec::new();
    for &(r, p) in &work_keys {
        let piece = &pieces[p];
        let before = by_rep[r].iter().find(|&&(q, _)| {
            let other = &pieces[q];
            other.date == piece.date && other.group == piece.group && other.end == piece.start
        });
        let s = program.column(Kind::Real { min: 0.0, max: 1.0 });
        let mut terms = vec![(s, 1.0), (work[&(r, p)], -1.0)];
        if let Some(&(_, w)) = before {
            terms.push((w, 1.0));
        }
        program.row(terms, 0.0, f64::INFINITY);
        starts.push((s, 1.0));
    }
    let k = (starts.len() + 1) as f64;
    let mut last = starts;
    for &(r, i, y) in &on {
        let channel = reps[r].channel.map(|c| c.as_str());
        if channel == Some(open[i].need.location.as_str()) {
            last.push((y, -k));
        }
    }

    // Level by level, each held at its best (within half a unit) for the next, each started
    // from the plan the one before found (every column of the program is in it).
    let covered: Vec<(usize, f64)> = units.iter().map(|&u| (u, -1.0)).collect();
    let left = || budget.saturating_sub(started.elapsed()).as_secs_f64();
    let mut x: Option<Vec<f64>> = None;
    let mut proven = true;
    for (objective, slack) in
        [(covered, 0.5), (vec![(worst, 1.0)], 0.25), (spread, 0.25 * eligible.len() as f64), (last, 0.5)]
    {
        // The units in full; the levels that choose among plans of as many units, within a
        // number of search nodes (not of seconds: the same week gives the same plan).
        let nodes = x.is_some().then_some(LATER_NODES);
        match program.solve(&objective, x.as_deref(), left(), nodes, slack) {
            Some((found, optimal)) => {
                let at = value(&objective, &found);
                // An integer level keeps its value exactly; a level in hours, to the quarter
                // hour it was proven to.
                program.row(objective, f64::NEG_INFINITY, at + slack);
                x = Some(found);
                proven &= optimal;
            }
            None => {
                proven = false;
                break;
            }
        }
    }
    let x = x?;

    // The shifts: each rep's worked pieces of a day and place, those that touch as one.
    let mut proposals = Vec::new();
    for (r, worker) in reps.iter().enumerate() {
        let mut worked: Vec<&Piece> =
            by_rep[r].iter().filter(|&&(_, w)| x.get(w).is_some_and(|v| *v > 0.5)).map(|&(p, _)| &pieces[p]).collect();
        worked.sort_by_key(|p| (p.date, p.group, p.start));
        for piece in worked {
            let location = groups[piece.group].1;
            match proposals.last_mut() {
                Some(Shift { rep_id, date, location: at, end_min, .. })
                    if *rep_id == worker.id && *date == piece.date && *at == location && *end_min == piece.start =>
                {
                    *end_min = piece.end;
                }
                _ => proposals.push(Shift {
                    id: 0,
                    rep_id: worker.id,
                    date: piece.date,
                    start_min: piece.start,
                    end_min: piece.end,
                    location,
                    status: ShiftStatus::Scheduled,
                }),
            }
        }
    }
    proposals.sort_by_key(|s| (s.date, s.start_min, s.end_min, s.location, s.rep_id));
    Some(Solved { proposals, proven })
}
