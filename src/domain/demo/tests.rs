//! The generator's invariants, checked on an in-memory sink.
use super::*;
use std::collections::HashSet;
use std::convert::Infallible;

#[derive(Default)]
struct Memory {
    reps: Vec<RepDraft>,
    windows: Vec<Availability>,
    offs: Vec<TimeOff>,
    needs: Vec<StaffingNeed>,
    shifts: Vec<Shift>,
    leads: Vec<Lead>,
    activities: Vec<Activity>,
    sales: Vec<Sale>,
    targets: Vec<Target>,
    reviews: Vec<Review>,
    reaches: Vec<Reach>,
}

impl DemoSink for Memory {
    type Error = Infallible;
    fn rep(&mut self, rep: &RepDraft) -> Result<i64, Infallible> {
        self.reps.push(rep.clone());
        Ok(self.reps.len() as i64)
    }
    fn availability(&mut self, w: &Availability) -> Result<(), Infallible> {
        self.windows.push(*w);
        Ok(())
    }
    fn time_off(&mut self, off: &TimeOff) -> Result<(), Infallible> {
        self.offs.push(off.clone());
        Ok(())
    }
    fn need(&mut self, need: &StaffingNeed) -> Result<(), Infallible> {
        self.needs.push(need.clone());
        Ok(())
    }
    fn shift(&mut self, s: &Shift) -> Result<(), Infallible> {
        self.shifts.push(s.clone());
        Ok(())
    }
    fn lead(&mut self, l: &Lead) -> Result<i64, Infallible> {
        self.leads.push(l.clone());
        Ok(self.leads.len() as i64)
    }
    fn activity(&mut self, a: &Activity) -> Result<(), Infallible> {
        self.activities.push(a.clone());
        Ok(())
    }
    fn sale(&mut self, s: &Sale) -> Result<(), Infallible> {
        self.sales.push(s.clone());
        Ok(())
    }
    fn target(&mut self, t: &Target) -> Result<(), Infallible> {
        self.targets.push(t.clone());
        Ok(())
    }
    fn review(&mut self, r: &Review) -> Result<(), Infallible> {
        self.reviews.push(r.clone());
        Ok(())
    }
    fn onboarded(&mut self, _rep_id: i64, _items: &[&str], _on: NaiveDate) -> Result<(), Infallible> {
        Ok(())
    }
    fn reach(&mut self, r: &Reach) -> Result<(), Infallible> {
        self.activities.extend(r.visit.clone());
        self.reaches.push(r.clone());
        Ok(())
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn small(seed: u64) -> (Memory, DemoSummary) {
    let mut m = Memory::default();
    let summary = generate(DemoSize::SMALL, seed, today(), &mut m).unwrap();
    (m, summary)
}

#[test]
fn same_seed_same_team() {
    let (a, _) = small(7);
    let (b, _) = small(7);
    let (c, _) = small(8);
    assert_eq!(a.reps, b.reps);
    assert_eq!(a.leads, b.leads);
    assert_ne!(a.leads, c.leads);
}

#[test]
fn sizes_are_about_what_was_asked() {
    let (m, s) = small(7);
    assert_eq!(s.reps, 8);
    assert_eq!(s.leads, 300);
    assert!(s.sales > 60 && s.sales < 400, "{} sales", s.sales);
    assert!(s.activities > 300, "{} activities", s.activities);
    assert!(s.reviews > 0 && s.targets > 0 && s.shifts > 0);
    assert!(m.reps.iter().filter(|r| r.employment == Employment::PartTime).count() > 4);
    assert!(m.reps.iter().any(|r| r.name.chars().any(|c| c > '\u{2e80}')));
    assert!(m.reps.iter().any(|r| r.name.is_ascii()));
    for stage in [Stage::New, Stage::Contacted, Stage::Qualified, Stage::Proposal, Stage::Won, Stage::Lost] {
        assert!(m.leads.iter().any(|l| l.stage == stage), "no {stage} lead");
    }
}

#[test]
fn every_shift_is_inside_its_reps_availability_and_not_on_time_off() {
    let (m, _) = small(7);
    for s in &m.shifts {
        let weekday = s.date.weekday().number_from_monday();
        assert!(
            m.windows.iter().any(|w| w.rep_id == s.rep_id
                && w.weekday == weekday
                && w.start_min <= s.start_min
                && s.end_min <= w.end_min),
            "shift outside availability: {s:?}"
        );
        assert!(!m.offs.iter().any(|o| o.rep_id == s.rep_id && o.from <= s.date && s.date <= o.to));
        if s.date >= today() {
            assert_eq!(s.status, ShiftStatus::Scheduled);
        }
    }
}

#[test]
fn weekly_hours_stay_under_each_reps_max() {
    let (m, _) = small(7);
    let mut per_week: BTreeMap<(i64, NaiveDate), u32> = BTreeMap::new();
    for s in &m.shifts {
        *per_week.entry((s.rep_id, week_start(s.date))).or_default() += s.minutes();
    }
    for ((rep_id, _), minutes) in per_week {
        let max = m.reps[rep_id as usize - 1].max_weekly_hours.unwrap() * 60;
        assert!(minutes <= max);
    }
}

#[test]
fn every_sale_is_on_a_won_lead_by_its_owner() {
    let (m, _) = small(7);
    for s in &m.sales {
        let lead = &m.leads[s.lead_id.unwrap() as usize - 1];
        assert_eq!(lead.stage, Stage::Won);
        assert_eq!(lead.owner_id, Some(s.rep_id));
        assert!(s.closed_on >= lead.closed_on.unwrap() && s.closed_on <= today());
    }
}

#[test]
fn no_orphans_and_nothing_in_the_future_that_already_happened() {
    let (m, _) = small(7);
    let reps = m.reps.len() as i64;
    let leads = m.leads.len() as i64;
    for a in &m.activities {
        assert!((1..=leads).contains(&a.lead_id));
        assert!(a.rep_id.is_none_or(|r| (1..=reps).contains(&r)));
        assert!(a.at.date() < today(), "nothing is logged later than now, whatever the hour: {a:?}");
    }
    for l in &m.leads {
        assert!(l.owner_id.is_none_or(|r| (1..=reps).contains(&r)));
        assert!(l.created_on <= today());
        assert_eq!(l.stage == Stage::Lost, l.lost_reason.is_some());
    }
    for t in &m.targets {
        assert!(t.rep_id.is_none_or(|r| (1..=reps).contains(&r)));
    }
    for r in &m.reviews {
        assert!((1..=reps).contains(&r.rep_id));
    }
    assert!(m.windows.iter().all(|w| (1..=reps).contains(&w.rep_id)));
}

#[test]
fn no_two_leads_are_the_same_customer() {
    let (m, _) = small(7);
    let mut keys = HashSet::new();
    let mut phones = HashSet::new();
    for l in &m.leads {
        assert!(keys.insert(crate::domain::contact::name_company_key(&l.name, l.company.as_deref())), "{}", l.name);
        assert!(phones.insert(crate::domain::contact::normalise_phone(l.phone.as_deref().unwrap()).unwrap()));
    }
}

#[test]
fn no_open_lead_starts_with_lapsed_protection() {
    let (m, _) = small(7);
    for l in m.leads.iter().filter(|l| l.stage.is_open() && l.owner_id.is_some()) {
        assert!(l.protected_until.unwrap() >= today(), "lead {} lapsed", l.name);
        assert!(l.claimed_on.unwrap() <= today());
    }
}

#[test]
fn last_activity_matches_the_activities() {
    let (m, _) = small(7);
    for (i, l) in m.leads.iter().enumerate() {
        let last = m.activities.iter().filter(|a| a.lead_id == i as i64 + 1).map(|a| a.at).max();
        assert_eq!(l.last_activity_at, last);
    }
}

/// The small demo opens on a believable morning: a queue of 15 to 40 leads whatever the seed,
/// each reason there, and nothing done yet today.
#[test]
fn the_small_demo_is_a_mornings_work_whatever_the_seed() {
    use crate::domain::queue::{QueueDay, QueueFacts, QueueReason, reason};
    let day = QueueDay { today: today(), stale_days: 7, warn_days: 3 };
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..50 {
        let (m, _) = small(seed);
        let reasons: Vec<QueueReason> = m
            .leads
            .iter()
            .filter_map(|l| {
                let facts = QueueFacts {
                    open: l.stage.is_open(),
                    owned: l.owner_id.is_some(),
                    next_follow_up: l.next_follow_up,
                    created_on: l.created_on,
                    last_activity_at: l.last_activity_at,
                    protected_until: l.protected_until,
                    // A lead is claimed at the stage it is loaded with.
                    no_progress: l.owner_id.is_some(),
                };
                reason(&facts, &day)
            })
            .collect();
        assert!((15..=40).contains(&reasons.len()), "seed {seed}: a queue of {}", reasons.len());
        seen.extend(reasons.iter().map(|r| format!("{r:?}")));
        assert!(m.activities.iter().all(|a| a.at.date() < today()), "seed {seed}");
        assert!(m.shifts.iter().all(|s| s.date < today() || s.status == ShiftStatus::Scheduled), "seed {seed}");
    }
    assert_eq!(seen.len(), 5, "every reason shows in some morning: {seen:?}");
}

#[test]
fn the_weeks_poaching_is_one_rep_reaching_for_colleagues_protected_leads() {
    let (m, _) = small(7);
    assert_eq!(m.reaches.len(), 3, "two claims refused and a visit");
    let rep = m.reaches[0].rep_id;
    for r in &m.reaches {
        assert_eq!(r.rep_id, rep, "one rep");
        let lead = &m.leads[r.lead_id as usize - 1];
        assert_eq!(lead.owner_id, Some(r.owner_id));
        assert_ne!(r.owner_id, rep, "a colleague's lead");
        assert!(lead.claimed_on.is_some_and(|c| c < r.on), "after the claim it reaches for");
        assert!(r.protected_until.is_some_and(|u| u >= r.on) && r.protected_until == lead.protected_until);
        assert!(r.on < today() && today() - r.on <= chrono::Duration::days(13), "within the poaching days");
    }
    let visits: Vec<_> = m.reaches.iter().filter_map(|r| r.visit.as_ref()).collect();
    assert_eq!(visits.len(), 1);
    assert!(m.activities.iter().any(|a| a == visits[0]), "the visit is written");
}
