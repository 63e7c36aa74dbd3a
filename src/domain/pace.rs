//! Pacing: how far along a target is against the share of the period gone by.

use serde::Serialize;

/// Progress toward one goal on one day of its period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pace {
    pub actual: i64,
    pub goal: i64,
    /// Share of the period gone by, 0..=1.
    pub elapsed: f64,
}

/// Below this share of the expected progress a target counts as behind.
pub const BEHIND_BELOW: f64 = 0.9;
/// Above this share of the expected progress a target counts as ahead.
pub const AHEAD_ABOVE: f64 = 1.1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PaceStatus {
    Ahead,
    OnTrack,
    Behind,
}

impl Pace {
    pub fn new(actual: i64, goal: i64, elapsed: f64) -> Pace {
        Pace { actual, goal, elapsed: elapsed.clamp(0.0, 1.0) }
    }

    /// Share of the goal reached, 0 when there is no goal.
    pub fn progress(&self) -> f64 {
        if self.goal <= 0 { 0.0 } else { self.actual as f64 / self.goal as f64 }
    }

    /// Actual against what a steady run would have reached by now; 1.0 is exactly on pace.
    pub fn pace(&self) -> Option<f64> {
        let expected = self.goal as f64 * self.elapsed;
        (expected > 0.0).then(|| self.actual as f64 / expected)
    }

    /// Where a steady run-rate lands by the period's end.
    pub fn forecast(&self) -> Option<i64> {
        (self.elapsed > 0.0).then(|| (self.actual as f64 / self.elapsed).round() as i64)
    }

    pub fn status(&self) -> Option<PaceStatus> {
        self.pace().map(|p| {
            if p < BEHIND_BELOW {
                PaceStatus::Behind
            } else if p > AHEAD_ABOVE {
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
    fn behind_and_ahead() {
        assert_eq!(Pace::new(20, 100, 0.5).status(), Some(PaceStatus::Behind));
        assert_eq!(Pace::new(80, 100, 0.5).status(), Some(PaceStatus::Ahead));
    }

    #[test]
    fn no_time_gone_means_no_pace() {
        let p = Pace::new(10, 100, 0.0);
        assert_eq!(p.pace(), None);
        assert_eq!(p.forecast(), None);
        assert_eq!(Pace::new(10, 0, 0.5).progress(), 0.0);
        assert_eq!(Pace::new(10, 100, 7.0).elapsed, 1.0);
    }
}
