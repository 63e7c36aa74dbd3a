//! The exact fill: the week as an integer program, solved by HiGHS (through `good_lp`).
//!
//! A column per stretch a rep could be given (one new shift, or several around their stored
//! shifts there): on a day and at a place with a slot still short,
//! from one slot's (or one of the rep's shifts') start or end to another's, when it puts the
//! rep on a slot (alone or with a shift of theirs there that it touches) and every piece of it
//! lies within such a slot. Each is let in only where the schedule's own checks
//! ([`Roster::would_conflict`], [`Roster::would_exceed`]) find nothing, as a save would check
//! it. Between the shifts taken, the rules are rows:
//! - a slot's units are the reps on it, up to what it still needs;
//! - no hour that adds nothing: each piece of a shift lies within a slot it is on that gets no
//!   more reps than it needs (so no shift that adds nothing either);
//! - a rep is on one shift at a time, and two columns of a rep at one place never touch, nor
//!   meet through a stored shift of theirs (the column that spans both is one of its own);
//! - less than the rest between two shifts of a rep on different days, never both;
//! - a rep's week within their maximum.
//!
//! The objective goes in order, each level solved with the ones before it held at their best:
//! the most slot-units covered; the smallest worst shortfall of a rep below their share of the
//! week's hours (the fewest hours that cover as many units, shared in proportion to each rep's
//! maximum, or the default for a rep without one); the least spread of hours around the
//! shares; then the most units given to reps whose channel is the slot's place, and the fewest
//! shifts.

use super::{Roster, Worker, counts, covering};
use crate::domain::model::{Location, Shift, ShiftStatus, StaffingNeed};
use chrono::NaiveDate;
use good_lp::{Expression, ProblemVariables, Solution, SolutionStatus, SolverModel, Variable, variable};
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
            Err(_) if start.is_some() => return self.solve(objective, None, seconds / 2.0, gap),
            Err(_) => return None,
        };
        // Proven: optimal, or within the gap asked for (what the level is then held to).
        let proven = matches!(solution.status(), SolutionStatus::Optimal | SolutionStatus::GapLimit);
        Some((columns.iter().map(|c| solution.value(*c)).collect(), proven))
    }
}

fn value(terms: &[(usize, f64)], x: &[f64]) -> f64 {
    terms.iter().map(|&(c, coef)| coef * x[c]).sum()
}

/// What the program may give a rep: from `start` to `end` on a day at a place, around the
/// rep's shifts there (`shifts`, the new ones: one, or more with stored ones between them);
/// its column, the open slots it puts the rep on, and for each new piece (from one cut to the
/// next) the slots of those that hold the piece.
#[derive(Debug)]
struct Candidate {
    rep: usize,
    group: usize,
    start: u32,
    end: u32,
    column: usize,
    on: Vec<usize>,
    held: Vec<Vec<usize>>,
    shifts: Vec<Shift>,
    /// From `start` to `end` and on through the rep's stored shifts there that it touches.
    reach: (u32, u32),
}

/// Solves the week for `open`, within `budget`. `None` when the solver found no plan in time.
pub(super) fn solve(roster: &Roster, open: &[Open<'_>], budget: Duration) -> Option<Solved> {
    let started = Instant::now();
    // Days and places with a short slot, and their slots.
    let mut groups: Vec<(NaiveDate, Location)> = Vec::new();
    let mut group_slots: Vec<Vec<usize>> = Vec::new();
    for (i, slot) in open.iter().enumerate() {
        let key = (slot.date, slot.need.location);
        match groups.iter().position(|g| *g == key) {
            Some(g) => group_slots[g].push(i),
            None => {
                groups.push(key);
                group_slots.push(vec![i]);
            }
        }
    }
    let reps: Vec<&Worker> = roster.workers.iter().filter(|w| w.active).collect();
    let mut program = Program::default();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut by_rep: Vec<Vec<usize>> = vec![Vec::new(); reps.len()];
    for (r, worker) in reps.iter().enumerate() {
        // The rep's own part of the week: all that the checks of a shift of theirs read.
        let own = Roster {
            monday: roster.monday,
            workers: vec![(*worker).clone()],
            availability: roster.availability.iter().filter(|a| a.rep_id == worker.id).cloned().collect(),
            time_off: roster.time_off.iter().filter(|t| t.rep_id == worker.id).cloned().collect(),
            needs: Vec::new(),
            shifts: roster.shifts.iter().filter(|s| s.rep_id == worker.id).cloned().collect(),
            rules: roster.rules,
        };
        for (g, &(date, location)) in groups.iter().enumerate() {
            let mine: Vec<Shift> =
                own.shifts.iter().filter(|s| s.date == date && s.location == location && counts(s)).cloned().collect();
            let slots: Vec<usize> =
                group_slots[g].iter().copied().filter(|&i| covering(&mine, date, open[i].need) == 0).collect();
            if slots.is_empty() {
                continue; // on every one already, and counted
            }
            // A shift starts and ends where a slot or one of the rep's shifts there does.
            let mut cuts: Vec<u32> = slots
                .iter()
                .flat_map(|&i| [open[i].need.start_min, open[i].need.end_min])
                .chain(mine.iter().flat_map(|s| [s.start_min, s.end_min]))
                .collect();
            cuts.sort_unstable();
            cuts.dedup();
            let stored = |t: u32| mine.iter().any(|s| s.start_min <= t && t < s.end_min);
            for (a, &start) in cuts.iter().enumerate() {
                for (b, &end) in cuts.iter().enumerate().skip(a + 1) {
                    // From `start` to `end` around the rep's shifts there: the new shifts are
                    // the stretches between them (two around a stored one cover together).
                    if stored(start) || mine.iter().any(|s| s.start_min < end && end <= s.end_min) {
                        continue;
                    }
                    let pieces: Vec<(u32, u32)> =
                        cuts[a..=b].windows(2).map(|w| (w[0], w[1])).filter(|&(from, _)| !stored(from)).collect();
                    let mut shifts: Vec<Shift> = Vec::new();
                    for &(from, to) in &pieces {
                        match shifts.last_mut() {
                            Some(last) if last.end_min == from => last.end_min = to,
                            _ => shifts.push(Shift {
                                id: 0,
                                rep_id: worker.id,
                                date,
                                start_min: from,
                                end_min: to,
                                location,
                                status: ShiftStatus::Scheduled,
                            }),
                        }
                    }
                    let mut with = mine.clone();
                    with.extend(shifts.iter().cloned());
                    let on: Vec<usize> =
                        slots.iter().copied().filter(|&i| covering(&with, date, open[i].need) > 0).collect();
                    if on.is_empty() {
                        continue;
                    }
                    // Each new piece within a slot it puts the rep on, or that hour could add
                    // nothing.
                    let held: Vec<Vec<usize>> = pieces
                        .iter()
                        .map(|&(from, to)| {
                            let inside = |i: &usize| open[*i].need.start_min <= from && to <= open[*i].need.end_min;
                            on.iter().copied().filter(inside).collect()
                        })
                        .collect();
                    if held.iter().any(Vec::is_empty) {
                        continue;
                    }
                    // Each new shift by the checks of a save, one after the other.
                    let mut planned = own.clone();
                    let fits = shifts.iter().all(|shift| {
                        let fits = !planned.would_conflict(shift) && planned.would_exceed(shift).is_none();
                        planned.shifts.push(shift.clone());
                        fits
                    });
                    if !fits {
                        continue;
                    }
                    let column = program.column(Kind::Binary);
                    by_rep[r].push(candidates.len());
                    let (mut lo, mut hi) = (start, end);
                    while let Some(s) = mine.iter().find(|s| s.start_min < lo && lo <= s.end_min) {
                        lo = s.start_min;
                    }
                    while let Some(s) = mine.iter().find(|s| s.start_min <= hi && hi < s.end_min) {
                        hi = s.end_min;
                    }
                    let reach = (lo, hi);
                    candidates.push(Candidate { rep: r, group: g, start, end, column, on, held, shifts, reach });
                }
            }
        }
    }
    if candidates.is_empty() {
        return Some(Solved { proposals: Vec::new(), proven: true });
    }

    // Each slot's units: the reps on it, up to what it still needs. A rep on a slot adds to
    // its coverage only while it gets no more reps than it needs. A slot each of whose shifts
    // has a piece that no other slot it is on holds gets no more (any more would bring an
    // hour that adds nothing); another that could get more has a column `needed`, 1 when it
    // gets no more.
    let mut on_slot: Vec<Vec<(usize, f64)>> = vec![Vec::new(); open.len()];
    let mut bound: Vec<bool> = vec![true; open.len()];
    for c in &candidates {
        for &i in &c.on {
            on_slot[i].push((c.column, 1.0));
            bound[i] &= c.held.iter().any(|h| h == &[i]);
        }
    }
    let mut units: Vec<(usize, f64)> = Vec::new();
    let mut needed: Vec<Option<usize>> = vec![None; open.len()];
    for (i, terms) in on_slot.iter().enumerate() {
        if terms.is_empty() {
            continue;
        }
        let short = open[i].short as f64;
        // At most one shift of a rep is on a slot: more reps than that it never gets.
        let mut reps_on: Vec<usize> = candidates.iter().filter(|c| c.on.contains(&i)).map(|c| c.rep).collect();
        reps_on.sort_unstable();
        reps_on.dedup();
        let extra = reps_on.len() as f64 - short;
        if extra <= 0.0 || bound[i] {
            // Never more reps than it needs: each one on it is a unit.
            units.extend(terms.iter().map(|&(c, _)| (c, -1.0)));
            if extra > 0.0 {
                program.row(terms.clone(), f64::NEG_INFINITY, short);
            }
            continue;
        }
        let u = program.column(Kind::Real { min: 0.0, max: short });
        let mut row = vec![(u, 1.0)];
        row.extend(terms.iter().map(|&(c, _)| (c, -1.0)));
        program.row(row, f64::NEG_INFINITY, 0.0);
        units.push((u, -1.0));
        // Σ on + extra·needed <= short + extra.
        let n = program.column(Kind::Binary);
        let mut row = terms.clone();
        row.push((n, extra));
        program.row(row, f64::NEG_INFINITY, short + extra);
        needed[i] = Some(n);
    }
    // No hour that adds nothing: each piece of a shift within a slot it is on that gets no more
    // reps than it needs.
    for c in &candidates {
        for held in &c.held {
            let Some(columns) = held.iter().map(|&i| needed[i]).collect::<Option<Vec<usize>>>() else {
                continue; // a slot that never gets more reps than it needs
            };
            let mut row = vec![(c.column, 1.0)];
            row.extend(columns.into_iter().map(|n| (n, -1.0)));
            program.row(row, f64::NEG_INFINITY, 0.0);
        }
    }
    // Per rep: one shift at a time, shifts at one place that touch are one (the candidate
    // that spans both), rest between days, the week's maximum.
    let rest = roster.rules.min_rest_min as i64;
    let mut hours: Vec<usize> = Vec::with_capacity(reps.len());
    for (r, worker) in reps.iter().enumerate() {
        let mine: Vec<&Candidate> = by_rep[r].iter().map(|&k| &candidates[k]).collect();
        let mut cliques: Vec<Vec<usize>> = Vec::new();
        for p in &mine {
            let date = groups[p.group].0;
            // Those under way when this one starts: any two that overlap are both under way
            // when the later of them starts.
            cliques.push(
                mine.iter()
                    .filter(|q| groups[q.group].0 == date && q.start <= p.start && p.start < q.end)
                    .map(|q| q.column)
                    .collect(),
            );
            // Those at its place that reach its end, alone or through the rep's stored shifts
            // there (any two would make one stretch, which is a candidate of its own).
            cliques.push(
                mine.iter()
                    .filter(|q| q.group == p.group && q.reach.0 <= p.reach.1 && p.reach.1 <= q.reach.1)
                    .map(|q| q.column)
                    .collect(),
            );
        }
        for clique in &mut cliques {
            clique.sort_unstable();
        }
        cliques.sort();
        cliques.dedup();
        let widest: Vec<&Vec<usize>> = cliques
            .iter()
            .filter(|c| c.len() > 1)
            .filter(|c| !cliques.iter().any(|d| d.len() > c.len() && c.iter().all(|x| d.binary_search(x).is_ok())))
            .collect();
        for clique in widest {
            program.row(clique.iter().map(|&c| (c, 1.0)).collect(), f64::NEG_INFINITY, 1.0);
        }
        for (a, p) in mine.iter().enumerate() {
            for q in &mine[a + 1..] {
                let (dp, dq) = (groups[p.group].0, groups[q.group].0);
                if dp == dq {
                    continue;
                }
                let (early, late, days) = if dp < dq { (p, q, dq - dp) } else { (q, p, dp - dq) };
                let gap = days.num_days() * 24 * 60 + late.start as i64 - early.end as i64;
                if gap < rest {
                    program.row(vec![(p.column, 1.0), (q.column, 1.0)], f64::NEG_INFINITY, 1.0);
                }
            }
        }
        // In hours: numbers of the size of the rest keep the solver's tolerances honest.
        let before = roster.week_minutes(worker.id) as f64 / 60.0;
        let max = worker.max_weekly_hours.map_or(f64::INFINITY, |h| h as f64);
        let h = program.column(Kind::Real { min: before, max: max.max(before) });
        let mut terms = vec![(h, 1.0)];
        terms
            .extend(mine.iter().map(|c| (c.column, -(c.shifts.iter().map(Shift::minutes).sum::<u32>() as f64 / 60.0))));
        program.row(terms, before, before);
        hours.push(h);
    }

    // The last level's: the units given to a rep of the slot's channel, then the shifts. A
    // match outweighs every shift there could be.
    let k = (candidates.len() + 1) as f64;
    let mut last: Vec<(usize, f64)> = candidates.iter().map(|c| (c.column, 1.0)).collect();
    for c in &candidates {
        if reps[c.rep].channel.map(|ch| ch.as_str()) == Some(groups[c.group].1.as_str()) {
            last.push((c.column, -k * c.on.len() as f64));
        }
    }
    let eligible: Vec<usize> = (0..reps.len()).filter(|&r| !by_rep[r].is_empty()).collect();

    // Level by level, each started from the plan the one before found (every column is in
    // it) and held at its best, within what the next one cares about, for those after it.
    // Every level is proven when its time allows; when it does not, the best plan found so
    // far stands and is said to be perhaps not the best.
    let left = || budget.saturating_sub(started.elapsed()).as_secs_f64();
    let mut proven = true;
    let mut x: Option<Vec<f64>> = None;
    let mut level =
        |program: &mut Program, x: &mut Option<Vec<f64>>, objective: Vec<(usize, f64)>, slack: f64, hold: bool| {
            let at = Instant::now();
            let Some((found, optimal)) = program.solve(&objective, x.as_deref(), left(), slack) else {
                proven = false;
                return None;
            };
            let v = value(&objective, &found);
            tracing::debug!(value = v, optimal, took = ?at.elapsed(), "auto-fill level");
            if hold {
                program.row(objective, f64::NEG_INFINITY, v + slack);
            }
            proven &= optimal;
            *x = Some(found);
            Some(v)
        };
    // The most units; then the week's hours: the fewest that cover as many, each rep's share
    // of them in proportion to their maximum (or the default for a rep without one).
    let total: Vec<(usize, f64)> = eligible.iter().map(|&r| (hours[r], 1.0)).collect();
    if let Some(week) =
        level(&mut program, &mut x, units, 0.5, true).and_then(|_| level(&mut program, &mut x, total, 0.25, false))
    {
        let weight = |r: usize| reps[r].max_weekly_hours.unwrap_or(roster.rules.default_share_hours).max(1) as f64;
        let total_weight: f64 = eligible.iter().map(|&r| weight(r)).sum();
        let share = |r: usize| weight(r) / total_weight * week;
        let big = 7.0 * 24.0 * reps.len().max(1) as f64;
        // The worst shortfall below a share (none above it): worst >= share - hours.
        let worst = program.column(Kind::Real { min: 0.0, max: big });
        for &r in &eligible {
            program.row(vec![(worst, 1.0), (hours[r], 1.0)], share(r), f64::INFINITY);
        }
        // The spread: dev >= |share - hours|.
        let mut spread = Vec::new();
        for &r in &eligible {
            let dev = program.column(Kind::Real { min: 0.0, max: big });
            program.row(vec![(dev, 1.0), (hours[r], 1.0)], share(r), f64::INFINITY);
            program.row(vec![(dev, 1.0), (hours[r], -1.0)], -share(r), f64::INFINITY);
            spread.push((dev, 1.0));
        }
        // The plan so far with the worst shortfall and the spread it makes, each level's
        // start as tight as the plan allows.
        let tight = |x: &mut Vec<f64>| {
            x.truncate(worst);
            let short: Vec<f64> = eligible.iter().map(|&r| share(r) - x[hours[r]]).collect();
            x.push(short.iter().copied().fold(0.0, f64::max));
            x.extend(short.iter().map(|s| s.abs()));
        };
        x.as_mut().map(tight);
        if level(&mut program, &mut x, vec![(worst, 1.0)], 0.25, true).is_some() {
            x.as_mut().map(tight);
            if level(&mut program, &mut x, spread, 0.25 * eligible.len() as f64, true).is_some() {
                x.as_mut().map(tight);
                level(&mut program, &mut x, last, 0.5, true);
            }
        }
    }
    let x = x?;
    let mut proposals: Vec<Shift> = candidates
        .iter()
        .filter(|c| x.get(c.column).is_some_and(|v| *v > 0.5))
        .flat_map(|c| c.shifts.iter().cloned())
        .collect();
    proposals.sort_by_key(|s| (s.date, s.start_min, s.end_min, s.location, s.rep_id));
    Some(Solved { proposals, proven })
}
