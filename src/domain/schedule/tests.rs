//! The schedule rules, each conflict kind, coverage and auto-fill (with a property test).
use super::*;
use crate::domain::model::Location;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap() // a Thursday
}

fn shift(rep_id: i64, start: u32, end: u32, location: Location, status: ShiftStatus) -> Shift {
    Shift { id: 0, rep_id, date: day(), start_min: start * 60, end_min: end * 60, location, status }
}

fn need(start: u32, end: u32, reps_needed: u32) -> StaffingNeed {
    // Thursday
    StaffingNeed { weekday: 4, start_min: start * 60, end_min: end * 60, location: Location::Store, reps_needed }
}

#[test]
fn a_slot_is_met_only_by_shifts_spanning_it_at_its_location() {
    let needs = [need(9, 13, 1), need(13, 18, 2)];
    let shifts = [
        shift(1, 9, 13, Location::Store, ShiftStatus::Scheduled),
        shift(2, 9, 13, Location::Store, ShiftStatus::Scheduled),
        shift(3, 14, 18, Location::Store, ShiftStatus::Scheduled),
        shift(4, 13, 18, Location::Phone, ShiftStatus::Scheduled),
        shift(5, 13, 18, Location::Store, ShiftStatus::NoShow),
    ];
    assert_eq!(coverage(&needs, &shifts, day()), DayCoverage { met: 1, needed: 3 });
    assert!(coverage(&needs, &shifts, day()).is_short());
    assert_eq!(coverage(&needs, &shifts, day().succ_opt().unwrap()), DayCoverage::default());
}

fn on(date: NaiveDate, rep_id: i64, start: u32, end: u32) -> Shift {
    Shift {
        id: 0,
        rep_id,
        date,
        start_min: start * 60,
        end_min: end * 60,
        location: Location::Store,
        status: ShiftStatus::Scheduled,
    }
}

fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn roster(shifts: Vec<Shift>) -> Roster {
    let mut shifts = shifts;
    for (i, s) in shifts.iter_mut().enumerate() {
        s.id = i as i64 + 1;
    }
    Roster {
        monday: monday(),
        workers: vec![
            Worker { id: 1, active: true, max_weekly_hours: Some(12), channel: None },
            Worker { id: 2, active: true, max_weekly_hours: Some(20), channel: None },
            Worker { id: 3, active: false, max_weekly_hours: None, channel: None },
        ],
        availability: vec![
            Availability { rep_id: 1, weekday: 1, start_min: 9 * 60, end_min: 18 * 60 },
            Availability { rep_id: 1, weekday: 2, start_min: 7 * 60, end_min: 13 * 60 },
            Availability { rep_id: 1, weekday: 3, start_min: 9 * 60, end_min: 13 * 60 },
        ],
        time_off: vec![TimeOff {
            rep_id: 2,
            from: monday() + chrono::Duration::days(4),
            to: monday() + chrono::Duration::days(5),
            reason: None,
        }],
        needs: vec![],
        shifts,
        rules: ScheduleRules::default(),
    }
}

/// Today with no time of day (a fixed `--today`).
fn at(today: NaiveDate) -> Now {
    Now { today, minute: None }
}

fn wd(n: i64) -> NaiveDate {
    monday() + chrono::Duration::days(n)
}

#[test]
fn an_overlap_is_reported_once_on_the_later_shift() {
    let r = roster(vec![on(wd(0), 1, 9, 13), on(wd(0), 1, 12, 15), on(wd(0), 2, 12, 15)]);
    let found = r.conflicts();
    assert_eq!(
        found,
        [Conflict::Overlap {
            rep_id: 1,
            shift_id: 2,
            date: wd(0),
            span: Span { start_min: 720, end_min: 900 },
            other: Span { start_min: 540, end_min: 780 }
        }]
    );
}

#[test]
fn outside_availability_and_no_windows_means_any_time() {
    let r = roster(vec![on(wd(2), 1, 12, 16), on(wd(6), 2, 22, 23)]);
    let found = r.conflicts();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(matches!(found[0], Conflict::OutsideAvailability { rep_id: 1, shift_id: 1, .. }));
}

#[test]
fn two_shifts_with_the_same_times_are_one_overlap() {
    let found = roster(vec![on(wd(0), 2, 9, 13), on(wd(0), 2, 9, 13)]).conflicts();
    assert!(matches!(found[..], [Conflict::Overlap { rep_id: 2, shift_id: 1, .. }]), "{found:?}");
}

#[test]
fn a_shift_knows_the_rest_it_cuts_short_on_the_next_day() {
    // Tue 07–12 was fine; Mon 14–22 leaves it 9 h of rest.
    let r = roster(vec![on(wd(1), 2, 7, 12), on(wd(0), 2, 14, 22)]);
    let cut = r.rest_cut_after(&r.shifts[1]);
    assert!(matches!(cut[..], [Conflict::ShortRest { shift_id: 1, rest_min: 540, .. }]), "{cut:?}");
    assert_eq!(r.shift_conflicts(&r.shifts[1]), []);
    // An earlier shift that day is not the one that cuts it.
    let r = roster(vec![on(wd(1), 2, 7, 12), on(wd(0), 2, 9, 12), on(wd(0), 2, 14, 22)]);
    assert_eq!(r.rest_cut_after(&r.shifts[1]), []);
    assert_eq!(r.rest_cut_after(&r.shifts[2]).len(), 1);
}

#[test]
fn windows_that_touch_count_as_one() {
    let mut r = roster(vec![on(wd(0), 1, 9, 18)]);
    r.availability = vec![
        Availability { rep_id: 1, weekday: 1, start_min: 13 * 60, end_min: 18 * 60 },
        Availability { rep_id: 1, weekday: 1, start_min: 9 * 60, end_min: 13 * 60 },
    ];
    assert!(r.conflicts().is_empty(), "{:?}", r.conflicts());
    // A gap between them is not covered.
    r.availability[0].start_min = 14 * 60;
    assert!(matches!(r.conflicts()[..], [Conflict::OutsideAvailability { rep_id: 1, .. }]));
    assert!(r.available(1, wd(0), 9 * 60, 13 * 60) && r.available(1, wd(0), 14 * 60, 18 * 60));
    assert!(!r.available(1, wd(0), 12 * 60, 15 * 60) && !r.available(1, wd(1), 9 * 60, 10 * 60));
}

#[test]
fn time_off_is_a_conflict() {
    let r = roster(vec![on(wd(5), 2, 10, 14), on(wd(3), 2, 10, 14)]);
    assert!(matches!(r.conflicts()[..], [Conflict::TimeOff { rep_id: 2, shift_id: 1, .. }]));
}

#[test]
fn over_max_weekly_hours_counts_only_the_week_and_working_shifts() {
    let mut shifts = vec![on(wd(0), 1, 9, 17), on(wd(1), 1, 7, 12)];
    shifts.push(Shift { status: ShiftStatus::NoShow, ..on(wd(2), 1, 9, 13) });
    shifts.push(on(wd(7), 1, 9, 17));
    let found = roster(shifts).conflicts();
    assert_eq!(found, [Conflict::OverHours { rep_id: 1, minutes: 13 * 60, max_hours: 12 }]);
}

#[test]
fn rest_counts_from_the_last_shift_of_a_day_to_the_first_of_the_next() {
    // Mon 17–22 then Tue 07–12: 9 h of rest, under the 10 h rule.
    let r = roster(vec![on(wd(0), 2, 9, 12), on(wd(0), 2, 17, 22), on(wd(1), 2, 7, 12)]);
    let found = r.conflicts();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(matches!(found[0], Conflict::ShortRest { rep_id: 2, shift_id: 3, rest_min: 540, min_rest_min: 600, .. }));
    // A split shift on one day is not a rest problem; nor is 10 h exactly.
    let r = roster(vec![on(wd(0), 2, 9, 12), on(wd(0), 2, 13, 20), on(wd(1), 2, 6, 12)]);
    assert!(r.conflicts().is_empty(), "{:?}", r.conflicts());
    // The day before the week counts for its Monday.
    let r = roster(vec![on(wd(-1), 2, 18, 23), on(wd(0), 2, 7, 12)]);
    assert!(matches!(r.conflicts()[..], [Conflict::ShortRest { shift_id: 2, rest_min: 480, .. }]));
}

#[test]
fn a_short_slot_is_a_conflict_with_what_it_has() {
    let mut r = roster(vec![on(wd(3), 2, 9, 13)]);
    r.needs = vec![need(9, 13, 2)];
    assert_eq!(
        r.conflicts(),
        [Conflict::Understaffed {
            date: wd(3),
            span: Span { start_min: 540, end_min: 780 },
            location: Location::Store,
            met: 1,
            needed: 2
        }]
    );
}

#[test]
fn auto_fill_covers_what_it_can_without_conflicts_and_balances_hours() {
    let mut r = roster(vec![on(wd(0), 2, 9, 17)]);
    r.needs = vec![
        StaffingNeed { weekday: 1, start_min: 9 * 60, end_min: 13 * 60, location: Location::Store, reps_needed: 2 },
        StaffingNeed { weekday: 2, start_min: 9 * 60, end_min: 13 * 60, location: Location::Store, reps_needed: 1 },
        StaffingNeed { weekday: 5, start_min: 9 * 60, end_min: 13 * 60, location: Location::Store, reps_needed: 1 },
    ];
    let proposals = r.greedy(at(wd(0))).proposals;
    let picked: Vec<(NaiveDate, i64)> = proposals.iter().map(|s| (s.date, s.rep_id)).collect();
    // The one-pass fill. Monday: rep 2 already covers one place, rep 1 takes the other. Tuesday: rep 1 has
    // 4 of 12 h (33%), rep 2 8 of 20 h (40%): rep 1. Friday: rep 1 has no window that
    // day, rep 2 is off, rep 3 inactive: left short.
    assert_eq!(picked, [(wd(0), 1), (wd(1), 1)]);
    let mut all = r.clone();
    all.shifts.extend(proposals);
    assert!(all.conflicts().iter().all(|c| matches!(c, Conflict::Understaffed { date, .. } if *date == wd(4))));
    // Nothing before `from` is filled.
    assert_eq!(r.auto_fill(at(wd(2))), []);
}

#[test]
fn a_gap_auto_fill_leaves_says_what_kept_each_rep_from_it() {
    let mut r = roster(vec![on(wd(0), 2, 9, 17)]);
    r.needs = vec![
        StaffingNeed { weekday: 1, start_min: 9 * 60, end_min: 13 * 60, location: Location::Store, reps_needed: 3 },
        StaffingNeed { weekday: 5, start_min: 9 * 60, end_min: 13 * 60, location: Location::Store, reps_needed: 1 },
    ];
    let fill = r.fill(at(wd(0)));
    assert_eq!(fill.proposals.len(), 1, "{fill:?}");
    // Monday: rep 2 is there already and rep 1 is proposed; the third place stays open with
    // both active reps busy then. Friday: rep 1 has no window that day, rep 2 is off.
    type Seen = (NaiveDate, u32, Vec<(Blocked, usize)>);
    let gaps: Vec<Seen> = fill.gaps.iter().map(|g| (g.slot.date, g.short, g.blocked.clone())).collect();
    assert_eq!(
        gaps,
        [(wd(0), 1, vec![(Blocked::OnShift, 2)]), (wd(4), 1, vec![(Blocked::TimeOff, 1), (Blocked::Unavailable, 1)]),]
    );
    // Nobody active at all: a gap without reasons.
    let mut none = r.clone();
    none.workers.iter_mut().for_each(|w| w.active = false);
    assert!(none.fill(at(wd(0))).gaps.iter().all(|g| g.blocked.is_empty()));
    // At their hours, and rest: one rep of 4 h, one who closes at 23:00 the night before.
    let mut tight = Roster {
        monday: monday(),
        workers: vec![
            Worker { id: 1, active: true, max_weekly_hours: Some(4), channel: None },
            Worker { id: 2, active: true, max_weekly_hours: Some(40), channel: None },
        ],
        shifts: vec![on(wd(0), 1, 8, 12), on(wd(0), 2, 15, 23)],
        needs: vec![StaffingNeed {
            weekday: 2,
            start_min: 6 * 60,
            end_min: 10 * 60,
            location: Location::Store,
            reps_needed: 1,
        }],
        ..Roster::default()
    };
    tight.rules.min_rest_min = 10 * 60;
    let gap = &tight.fill(at(wd(0))).gaps[0];
    assert_eq!(gap.blocked, [(Blocked::MaxHours, 1), (Blocked::Rest, 1)]);
}

#[test]
fn auto_fill_gives_a_tie_to_the_rep_with_the_fewest_chances() {
    let store_slot = |weekday| StaffingNeed {
        weekday,
        start_min: 9 * 60,
        end_min: 13 * 60,
        location: Location::Store,
        reps_needed: 1,
    };
    let r = Roster {
        monday: monday(),
        // Both 20 h and nothing yet: rep 1 may work any time, rep 2 only Monday mornings.
        workers: vec![
            Worker { id: 1, active: true, max_weekly_hours: Some(20), channel: None },
            Worker { id: 2, active: true, max_weekly_hours: Some(20), channel: None },
        ],
        availability: vec![Availability { rep_id: 2, weekday: 1, start_min: 8 * 60, end_min: 14 * 60 }],
        needs: vec![store_slot(1), store_slot(2)],
        ..Roster::default()
    };
    let picked: Vec<(NaiveDate, i64)> = r.auto_fill(at(monday())).iter().map(|s| (s.date, s.rep_id)).collect();
    assert_eq!(picked, [(wd(0), 2), (wd(1), 1)]);
}

mod fill;

#[test]
fn hours_and_cost() {
    let shifts =
        [shift(1, 9, 13, Location::Store, ShiftStatus::Worked), shift(1, 14, 16, Location::Store, ShiftStatus::NoShow)];
    assert_eq!(minutes_of(&shifts, 1), 240);
    assert_eq!(labour_cost(90, Money(2_000)), Money(3_000));
}

#[test]
fn a_new_shift_starts_at_the_first_free_window_or_after_the_last_shift() {
    let (morning, evening) = ((9 * 60, 13 * 60), (17 * 60, 21 * 60));
    assert_eq!(new_shift_times(&[evening, morning], &[]), morning);
    assert_eq!(new_shift_times(&[evening, morning], &[(10 * 60, 12 * 60)]), evening);
    assert_eq!(new_shift_times(&[morning], &[morning]), (13 * 60, 17 * 60));
    assert_eq!(new_shift_times(&[], &[(18 * 60, 22 * 60)]), (22 * 60, 24 * 60));
    assert_eq!(new_shift_times(&[], &[(20 * 60, 24 * 60)]), morning);
    assert_eq!(new_shift_times(&[], &[]), morning);
}

#[test]
fn a_shift_ends_after_it_starts_the_same_day() {
    assert!(check_times(&on(monday(), 1, 9, 13)).is_ok());
    let err = check_times(&on(monday(), 1, 13, 9)).unwrap_err();
    assert_eq!(err.field, "end");
    assert_eq!(err.message.key, "invalid.shift_times");
    let args: Vec<String> = err.message.args.iter().map(|(_, v)| format!("{v:?}")).collect();
    assert!(args.iter().any(|a| a.contains("09:00")) && args.iter().any(|a| a.contains("13:00")), "{args:?}");
    assert!(check_times(&on(monday(), 1, 22, 25)).is_err(), "past midnight");
}

#[test]
fn marking_alternates_and_waits_for_the_shift_to_begin() {
    let day = |today| Now { today, minute: None };
    let mut s = on(monday(), 1, 9, 13);
    assert_eq!(mark(&s, None, day(monday())), Some(ShiftStatus::Worked));
    s.status = ShiftStatus::Worked;
    assert_eq!(mark(&s, None, day(monday())), Some(ShiftStatus::NoShow));
    assert_eq!(mark(&s, Some(ShiftStatus::Worked), day(monday())), Some(ShiftStatus::Worked));
    assert_eq!(mark(&s, None, day(monday() - chrono::Duration::days(1))), None, "not yet begun");
    // On the real day, by the clock: at 08:59 the 09:00 shift has not begun, at 09:00 it has.
    let at = |minute| Now { today: monday(), minute: Some(minute) };
    assert_eq!(mark(&s, None, at(8 * 60 + 59)), None);
    assert_eq!(mark(&s, None, at(9 * 60)), Some(ShiftStatus::NoShow));
    let yesterday = on(monday() - chrono::Duration::days(1), 1, 17, 21);
    assert!(at(0).has_begun(&yesterday), "yesterday's shift whatever the time");
}

#[test]
fn windows_read_merge_when_they_touch_and_refuse_overlaps() {
    assert_eq!(parse_windows("13:00-18:00, 09:00-13:00").unwrap(), vec![(540, 1080)]);
    assert_eq!(parse_windows("9-12；14:00–18:00").unwrap_or_default().len(), 0, "；is not a separator");
    assert_eq!(parse_windows("09:00-12:00，14:00-18:00").unwrap(), vec![(540, 720), (840, 1080)]);
    assert_eq!(parse_windows("09:00-13:00, 12:00-14:00").unwrap_err().key, "invalid.window_overlap");
    assert_eq!(parse_windows("14:00-09:00").unwrap_err().key, "invalid.window_order");
    assert_eq!(parse_windows("morning").unwrap_err().key, "invalid.window");
    assert_eq!(parse_windows("  ").unwrap(), vec![]);
}

#[test]
fn a_copied_shift_is_skipped_for_the_first_reason_that_holds() {
    let r = roster(vec![on(wd(0), 1, 9, 18)]);
    assert_eq!(r.copy_skip(&on(wd(2), 3, 9, 13), false), Some(CopySkip::Inactive));
    // Rep 1 may work 12 h and has 9: four more is over.
    assert_eq!(r.copy_skip(&on(wd(1), 1, 9, 13), true), Some(CopySkip::OverHours(12)));
    // Rep 2 is off on Friday.
    assert!(matches!(r.copy_skip(&on(wd(4), 2, 9, 13), true), Some(CopySkip::Conflict(_))));
    assert_eq!(r.copy_skip(&on(wd(2), 2, 9, 13), true), None);
}
