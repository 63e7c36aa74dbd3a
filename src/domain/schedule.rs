//! Shifts against needs: coverage per day, hours and labour cost per rep.

use super::model::{Shift, ShiftStatus, StaffingNeed};
use super::money::Money;
use chrono::{Datelike, NaiveDate};

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

/// A need is met by shifts at its location that span the whole slot; extra reps on one
/// slot do not make up for another slot left short.
pub fn coverage(needs: &[StaffingNeed], shifts: &[Shift], date: NaiveDate) -> DayCoverage {
    let weekday = date.weekday().number_from_monday();
    needs.iter().filter(|n| n.weekday == weekday).fold(DayCoverage::default(), |mut c, need| {
        let covering = shifts
            .iter()
            .filter(|s| {
                s.date == date
                    && counts(s)
                    && s.location == need.location
                    && s.start_min <= need.start_min
                    && s.end_min >= need.end_min
            })
            .count() as u32;
        c.met += covering.min(need.reps_needed);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Location;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap() // a Thursday
    }

    fn shift(rep_id: i64, start: u32, end: u32, location: Location, status: ShiftStatus) -> Shift {
        Shift { id: 0, rep_id, date: day(), start_min: start * 60, end_min: end * 60, location, status }
    }

    fn need(start: u32, end: u32, reps_needed: u32) -> StaffingNeed {
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

    #[test]
    fn hours_and_cost() {
        let shifts = [
            shift(1, 9, 13, Location::Store, ShiftStatus::Worked),
            shift(1, 14, 16, Location::Store, ShiftStatus::NoShow),
        ];
        assert_eq!(minutes_of(&shifts, 1), 240);
        assert_eq!(labour_cost(90, Money(2_000)), Money(3_000));
    }
}
