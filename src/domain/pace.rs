//! Pacing: how far along a target is against the share of the period's working days gone by,
//! and where it is heading.

use serde::Serialize;

/// Progress toward one goal on one day of its period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pace {
    pub actual: i64,
    pub goal: i64,
    /// Share of the period gone by, 0..=1: its working days so far (today counts) of all.
    pub elapsed: f64,
    /// The working days gone by and in all, when known (the forecast runs on them).
    pub days: Option<(f64, f64)>,
    /// What the period before reached in all: early in a period the forecast leans on it.
    pub previous: Option<i64>,
}

/// Where a target stands against what a steady run would have reached by now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PaceStatus {
    Ahead,
    OnTrack,
    Behind,
}

/// Below `behind_below` of the expected progress a target is behind, above `ahead_above`
/// ahead (settings `pace.behind_below_percent` and `pace.ahead_above_percent`; the Risks
/// tab's behind-pace flag reads the same). A pipeline that covers less than `cover_below` of
/// what is left of a revenue goal is thin (`pace.cover_below_percent`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PaceThresholds {
    pub behind_below: f64,
    pub ahead_above: f64,
    pub cover_below: f64,
}

impl Default for PaceThresholds {
    fn default() -> Self {
        PaceThresholds { behind_below: 0.9, ahead_above: 1.1, cover_below: 1.0 }
    }
}

impl Pace {
    pub fn new(actual: i64, goal: i64, elapsed: f64) -> Pace {
        Pace { actual, goal, elapsed: elapsed.clamp(0.0, 1.0), days: None, previous: None }
    }

    /// The pace on a period of `total` working days of which `gone` are gone by.
    pub fn on_days(actual: i64, goal: i64, gone: f64, total: f64) -> Pace {
        let elapsed = if total > 0.0 { gone / total } else { 1.0 };
        Pace { days: Some((gone.clamp(0.0, total), total)), ..Pace::new(actual, goal, elapsed) }
    }

    /// The same pace, knowing what the period before reached.
    pub fn after(self, previous: Option<i64>) -> Pace {
        Pace { previous, ..self }
    }

    /// Share of the goal reached, 0 when there is no goal.
    pub fn progress(&self) -> f64 {
        if self.goal <= 0 { 0.0 } else { self.actual as f64 / self.goal as f64 }
    }

    /// What a steady run would have reached by now.
    pub fn expected(&self) -> f64 {
        self.goal as f64 * self.elapsed
    }

    /// Actual against what a steady run would have reached by now; 1.0 is exactly on pace.
    pub fn pace(&self) -> Option<f64> {
        let expected = self.expected();
        (expected > 0.0).then(|| self.actual as f64 / expected)
    }

    /// Where the period ends at the rate so far. Early in a period one good day is not a rate:
    /// the rate so far is blended with the period before's, the more of this period gone by
    /// the more it counts (a quarter of the period gone by counts half), so day 1 of a month
    /// does not forecast thirty times day 1.
    pub fn forecast(&self) -> Option<i64> {
        let Some((gone, total)) = self.days else {
            return (self.elapsed > 0.0).then(|| (self.actual as f64 / self.elapsed).round() as i64);
        };
        if gone >= total {
            return Some(self.actual);
        }
        let before = self.previous.filter(|_| total > 0.0).map(|p| p as f64 / total);
        let rate = match (gone > 0.0, before) {
            (false, None) => return None,
            (false, Some(before)) => before,
            (true, None) => self.actual as f64 / gone,
            (true, Some(before)) => {
                let weight = gone / (gone + total / 4.0);
                weight * (self.actual as f64 / gone) + (1.0 - weight) * before
            }
        };
        Some((self.actual as f64 + rate * (total - gone)).round() as i64)
    }

    pub fn status(&self) -> Option<PaceStatus> {
        self.status_by(&PaceThresholds::default())
    }

    pub fn status_by(&self, t: &PaceThresholds) -> Option<PaceStatus> {
        self.pace().map(|p| {
            if p < t.behind_below {
                PaceStatus::Behind
            } else if p > t.ahead_above {
                PaceStatus::Ahead
            } else {
                PaceStatus::OnTrack
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_pace_when_progress_matches_time() {
        let p = Pace::new(50, 100, 0.5);
        assert_eq!(p.progress(), 0.5);
        assert_eq!(p.pace(), Some(1.0));
        assert_eq!(p.forecast(), Some(100));
        assert_eq!(p.status(), Some(PaceStatus::OnTrack));
    }

    #[test]
    fn behind_and_ahead_by_the_thresholds() {
        assert_eq!(Pace::new(20, 100, 0.5).status(), Some(PaceStatus::Behind));
        assert_eq!(Pace::new(80, 100, 0.5).status(), Some(PaceStatus::Ahead));
        let strict = PaceThresholds { behind_below: 0.7, ahead_above: 1.5, ..Default::default() };
        assert_eq!(Pace::new(40, 100, 0.5).status_by(&strict), Some(PaceStatus::OnTrack));
        assert_eq!(Pace::new(30, 100, 0.5).status_by(&strict), Some(PaceStatus::Behind));
    }

    #[test]
    fn no_time_gone_means_no_pace() {
        let p = Pace::new(10, 100, 0.0);
        assert_eq!(p.pace(), None);
        assert_eq!(p.forecast(), None);
        assert_eq!(Pace::new(10, 0, 0.5).progress(), 0.0);
        assert_eq!(Pace::new(10, 100, 7.0).elapsed, 1.0);
    }

    #[test]
    fn the_first_days_forecast_leans_on_the_period_before() {
        // Day 1 of 26 working days: 5 new customers in a day, 40 the month before. A plain run
        // rate says 130; blended, the forecast stays near what the team does.
        let day_one = Pace::on_days(5, 40, 1.0, 26.0).after(Some(40));
        assert_eq!(Pace::on_days(5, 40, 1.0, 26.0).forecast(), Some(130));
        let f = day_one.forecast().unwrap();
        assert!((40..=60).contains(&f), "{f}");
        // Late in the period the rate so far counts most; at its end the forecast is what it is.
        let late = Pace::on_days(30, 40, 20.0, 26.0).after(Some(10));
        let f = late.forecast().unwrap();
        assert!((35..=39).contains(&f), "{f}");
        assert_eq!(Pace::on_days(33, 40, 26.0, 26.0).after(Some(10)).forecast(), Some(33));
        // Nothing gone by yet: the period before's total, or nothing to say.
        assert_eq!(Pace::on_days(0, 40, 0.0, 26.0).after(Some(38)).forecast(), Some(38));
        assert_eq!(Pace::on_days(0, 40, 0.0, 26.0).forecast(), None);
    }
}
