//! Risk rules: what needs the owner's attention, how badly, and the thresholds the owner tunes.

use super::queue::DEFAULT_STALE_DAYS;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    High,
    Medium,
    Low,
}

impl Severity {
    pub fn marker(self) -> &'static str {
        match self {
            Severity::High => "‼",
            Severity::Medium => "!",
            Severity::Low => "·",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter)]
#[serde(rename_all = "kebab-case")]
pub enum RiskRule {
    /// A rep tried to take a lead another rep protects.
    Poaching,
    OverdueFollowUp,
    StaleLead,
}

/// Thresholds the owner can tune (kept in the settings table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskThresholds {
    /// An owned open lead untouched this many days is stale.
    pub stale_days: i64,
    /// A follow-up overdue this many days is high severity.
    pub overdue_high_days: i64,
    /// A lead untouched this many days is high severity.
    pub stale_high_days: i64,
    /// A refused claim stays on the list this many days.
    pub poaching_days: i64,
}

impl Default for RiskThresholds {
    fn default() -> Self {
        RiskThresholds { stale_days: DEFAULT_STALE_DAYS, overdue_high_days: 3, stale_high_days: 21, poaching_days: 14 }
    }
}

impl RiskThresholds {
    pub fn overdue_severity(&self, days_overdue: i64) -> Severity {
        if days_overdue >= self.overdue_high_days { Severity::High } else { Severity::Medium }
    }

    pub fn stale_severity(&self, days_quiet: i64) -> Severity {
        if days_quiet >= self.stale_high_days { Severity::High } else { Severity::Medium }
    }
}

/// One open risk, with the facts its sentence is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Risk {
    pub rule: RiskRule,
    pub severity: Severity,
    pub lead_id: i64,
    pub customer: String,
    pub company: Option<String>,
    pub owner: Option<String>,
    /// The other rep involved: who tried to take the lead.
    pub other: Option<String>,
    /// Days overdue, or days without a touch.
    pub days: i64,
    /// The follow-up date missed, or the day of the last touch.
    pub since: NaiveDate,
}

impl RiskThresholds {
    /// A missed follow-up on `due`.
    pub fn overdue(&self, due: NaiveDate, today: NaiveDate) -> (Severity, i64) {
        let days = (today - due).num_days();
        (self.overdue_severity(days), days)
    }

    /// An owned lead last touched on `last_touch`.
    pub fn stale(&self, last_touch: NaiveDate, today: NaiveDate) -> (Severity, i64) {
        let days = (today - last_touch).num_days();
        (self.stale_severity(days), days)
    }
}

/// Most severe first, then the longest-standing.
pub fn sort(risks: &mut [Risk]) {
    risks.sort_by(|a, b| a.severity.cmp(&b.severity).then(b.days.cmp(&a.days)).then(a.lead_id.cmp(&b.lead_id)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_follows_thresholds() {
        let t = RiskThresholds::default();
        assert_eq!(t.overdue_severity(1), Severity::Medium);
        assert_eq!(t.overdue_severity(3), Severity::High);
        assert_eq!(t.stale_severity(8), Severity::Medium);
        assert_eq!(t.stale_severity(30), Severity::High);
        assert!(Severity::High < Severity::Low);
    }

    #[test]
    fn most_severe_and_oldest_first() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let risk = |severity, days, lead_id| Risk {
            rule: RiskRule::StaleLead,
            severity,
            lead_id,
            customer: String::new(),
            company: None,
            owner: None,
            other: None,
            days,
            since: day,
        };
        let mut risks = vec![risk(Severity::Medium, 9, 1), risk(Severity::High, 4, 2), risk(Severity::Medium, 12, 3)];
        sort(&mut risks);
        assert_eq!(risks.iter().map(|r| r.lead_id).collect::<Vec<_>>(), [2, 3, 1]);
        let t = RiskThresholds::default();
        assert_eq!(t.overdue(day - chrono::Duration::days(5), day), (Severity::High, 5));
    }
}
