//! The one clock: every screen and report asks it for "today", so a fixed date reproduces them.

use super::period::{DateError, parse_date};
use chrono::{NaiveDate, NaiveDateTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    today: NaiveDate,
    fixed: bool,
}

impl Clock {
    /// `--today` wins over `REPDESK_TODAY`, which wins over the system date.
    pub fn resolve(flag: Option<&str>, env: Option<&str>, system_today: NaiveDate) -> Result<Clock, DateError> {
        match flag.or(env).map(str::trim).filter(|s| !s.is_empty()) {
            Some(text) => Ok(Clock::fixed(parse_date(text)?)),
            None => Ok(Clock { today: system_today, fixed: false }),
        }
    }

    pub fn fixed(today: NaiveDate) -> Clock {
        Clock { today, fixed: true }
    }

    /// The clock on a new day, when it follows the real date and the date has moved;
    /// a fixed clock never moves.
    pub fn advanced(&self, system_today: NaiveDate) -> Option<Clock> {
        (!self.fixed && system_today != self.today).then_some(Clock { today: system_today, fixed: false })
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// A moment for stamping a write: the real time of day, on today's date when the
    /// date is fixed, so audit rows stay in order but reports stay reproducible.
    pub fn now(&self, wall: NaiveDateTime) -> NaiveDateTime {
        if self.fixed { NaiveDateTime::new(self.today, wall.time()) } else { wall }
    }
}

/// The one clock of a running program, shared by the store (which stamps writes with it) and
/// the app's screens (which show its day): when midnight passes, both see the new day at once.
#[derive(Debug, Clone)]
pub struct SharedClock(std::rc::Rc<std::cell::Cell<Clock>>);

impl SharedClock {
    pub fn new(clock: Clock) -> SharedClock {
        SharedClock(std::rc::Rc::new(std::cell::Cell::new(clock)))
    }

    pub fn get(&self) -> Clock {
        self.0.get()
    }

    pub fn today(&self) -> NaiveDate {
        self.0.get().today()
    }

    /// Moves a real clock to the new day; true when the day changed.
    pub fn advance(&self, system_today: NaiveDate) -> bool {
        match self.0.get().advanced(system_today) {
            Some(next) => {
                self.0.set(next);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn a_shared_clock_moves_for_every_holder() {
        let one = SharedClock::new(Clock { today: d("2026-11-23"), fixed: false });
        let other = one.clone();
        assert!(one.advance(d("2026-11-24")));
        assert_eq!(other.today(), d("2026-11-24"));
        let fixed = SharedClock::new(Clock::fixed(d("2026-11-23")));
        assert!(!fixed.advance(d("2026-11-24")));
    }

    #[test]
    fn flag_beats_env_beats_system() {
        let sys = d("2030-01-01");
        assert_eq!(Clock::resolve(Some("2026-11-23"), Some("2020-01-01"), sys).unwrap().today(), d("2026-11-23"));
        assert_eq!(Clock::resolve(None, Some("2020-01-01"), sys).unwrap().today(), d("2020-01-01"));
        assert_eq!(Clock::resolve(None, None, sys).unwrap().today(), sys);
        assert_eq!(Clock::resolve(None, Some("  "), sys).unwrap().today(), sys);
    }

    #[test]
    fn only_a_real_clock_moves_to_a_new_day() {
        let real = Clock::resolve(None, None, d("2026-11-23")).unwrap();
        assert_eq!(real.advanced(d("2026-11-24")).unwrap().today(), d("2026-11-24"));
        assert_eq!(real.advanced(d("2026-11-23")), None);
        assert_eq!(Clock::fixed(d("2026-11-23")).advanced(d("2026-11-24")), None);
    }

    #[test]
    fn a_bad_date_is_an_error_not_a_guess() {
        assert!(Clock::resolve(Some("23/11/2026"), None, d("2030-01-01")).is_err());
    }

    #[test]
    fn fixed_clock_keeps_the_time_of_day() {
        let clock = Clock::fixed(d("2026-11-23"));
        let wall = d("2031-05-05").and_hms_opt(10, 30, 0).unwrap();
        assert_eq!(clock.now(wall), d("2026-11-23").and_hms_opt(10, 30, 0).unwrap());
        let real = Clock::resolve(None, None, d("2031-05-05")).unwrap();
        assert_eq!(real.now(wall), wall);
    }
}
