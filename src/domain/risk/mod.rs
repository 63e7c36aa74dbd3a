//! The early-warning engine: each rule a pure function from facts to flags, in a file of its
//! own, with its thresholds (kept in the settings table) and its severity. A flag is its rule
//! and its subject's stable key (`lead:42`, `rep:3`, `slot:2026-11-26:store:09:00-13:00`);
//! each rule flags on its own, so a lead both stale and overdue has two flags.

pub mod dormant;
pub mod falling_trend;
pub mod inactive_owner;
pub mod lapsing;
pub mod no_shows;
pub mod onboarding;
pub mod overdue;
pub mod pace;
pub mod poaching;
pub mod review;
pub mod rotting;
pub mod schedule;
pub mod shared_customer;
pub mod stale;

use super::message::Message;
use super::model::{Category, Stage};
use super::money::Money;
use super::queue::DEFAULT_STALE_DAYS;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, strum::EnumIter)]
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

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// Every rule of the engine, by the word stored with an acknowledgement and typed after
/// `repdesk risk ack`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::EnumIter,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum RiskRule {
    /// A follow-up date gone by.
    Overdue,
    /// An owned lead with no activity for a while since its owner had it.
    Stale,
    /// Protection about to lapse with no progress since the claim.
    Lapsing,
    /// A VIP or loyal customer nobody has been in touch with for a month.
    Dormant,
    /// A valuable lead sitting in one stage for too long.
    Rotting,
    /// A rep reaching for a colleague's protected lead (a refused claim, or activity on it).
    Poaching,
    /// One rep poaching again and again: the record an owner acts on.
    RepeatedPoaching,
    /// One customer's open leads held by two or more reps (撞单).
    SharedCustomer,
    /// A target well behind the pace of the period gone by.
    BehindPace,
    /// A rep's last four weeks' revenue well down on the four before.
    FallingTrend,
    /// No-shows piling up.
    NoShows,
    /// A review that is due: none for months, or past its next date.
    ReviewOverdue,
    /// A rep who left still owns open leads.
    InactiveOwner,
    /// An onboarding checklist still open a month after the rep started.
    OnboardingUnfinished,
    /// A slot of the coming week under its staffing need.
    Understaffed,
    /// A rep planned over their maximum hours this week or next.
    OverHours,
    /// A shift outside the rep's availability this week or next.
    OutsideAvailability,
}

impl RiskRule {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Thresholds the owner can tune (kept in the settings table as `risk.*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskThresholds {
    /// An owned open lead untouched this many days is stale.
    pub stale_days: i64,
    /// A follow-up overdue this many days is high severity.
    pub overdue_high_days: i64,
    /// A lead untouched this many days is high severity.
    pub stale_high_days: i64,
    /// A refused claim or a touch of a colleague's lead stays on the list this many days.
    pub poaching_days: i64,
    /// This many poaching events by one rep within 30 days is repeated poaching.
    pub poaching_repeat: i64,
    /// A VIP or loyal customer untouched this many days is dormant.
    pub dormant_days: i64,
    /// A lead in one stage this many days with at least `rotting_value` is rotting.
    pub rotting_days: i64,
    /// In whole units of money, as sale amounts are written.
    pub rotting_value: i64,
    /// A target is flagged once this share of the period (percent) has gone by.
    pub pace_after_percent: i64,
    /// Under this share of the expected progress (percent) a target behind pace is high.
    pub pace_high_below_percent: i64,
    /// The last four weeks' revenue down this many percent on the four before.
    pub trend_drop_percent: i64,
    /// This many no-shows within 30 days.
    pub no_shows: i64,
    /// A rep with no review in this many days.
    pub review_days: i64,
    /// An acknowledged flag comes back when it is this many days worse (a stale lead).
    pub worse_days: i64,
}

impl Default for RiskThresholds {
    fn default() -> Self {
        RiskThresholds {
            stale_days: DEFAULT_STALE_DAYS,
            overdue_high_days: 3,
            stale_high_days: 21,
            poaching_days: 14,
            poaching_repeat: 3,
            dormant_days: 30,
            rotting_days: 30,
            rotting_value: 5_000,
            pace_after_percent: 30,
            pace_high_below_percent: 70,
            trend_drop_percent: 30,
            no_shows: 2,
            review_days: 90,
            worse_days: 10,
        }
    }
}

/// What a flag is about: its stable key, and its name as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    pub key: String,
    pub name: String,
}

impl Subject {
    pub fn lead(id: i64, name: &str, company: Option<&str>) -> Subject {
        let name = match company.filter(|c| !c.trim().is_empty()) {
            Some(c) => format!("{name} ({c})"),
            None => name.to_string(),
        };
        Subject { key: format!("lead:{id}"), name }
    }

    pub fn rep(id: i64, name: &str) -> Subject {
        Subject { key: format!("rep:{id}"), name: name.to_string() }
    }

    /// What the key points at: a lead, a rep, a team, the business, a slot or a week.
    pub fn kind(&self) -> &str {
        self.key.split(':').next().unwrap_or_default()
    }

    /// The id of a lead or rep subject.
    pub fn id(&self) -> Option<i64> {
        self.key.split(':').nth(1).and_then(|id| id.parse().ok())
    }
}

/// One open risk: its rule, how bad, what about, the sentence with the numbers behind it,
/// since when, and a level that grows as it gets worse (days, a count, a band of pace).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    pub rule: RiskRule,
    pub severity: Severity,
    pub subject: Subject,
    pub detail: Message,
    pub since: NaiveDate,
    pub level: i64,
}

impl Flag {
    /// Whether this flag is worse than it was when acknowledged at `acked_level`: its severity
    /// rose, or its level moved on by the rule's step (days for a lead, one for a count or a
    /// band).
    pub fn worse_than(&self, acked_level: i64, acked_severity: Severity, t: &RiskThresholds) -> bool {
        if self.severity < acked_severity {
            return true;
        }
        let step = match self.rule {
            RiskRule::Overdue | RiskRule::Stale | RiskRule::Dormant | RiskRule::Rotting => t.worse_days,
            _ => 1,
        };
        self.level >= acked_level + step
    }
}

/// Most severe first; within a severity the newest first, then by subject.
pub fn sort(flags: &mut [Flag]) {
    flags.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then(b.since.cmp(&a.since))
            .then(a.rule.cmp(&b.rule))
            .then(a.subject.key.cmp(&b.subject.key))
    });
}

/// An open lead as the lead rules read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadFacts {
    pub id: i64,
    pub name: String,
    pub company: Option<String>,
    pub owner_id: Option<i64>,
    pub owner: Option<String>,
    pub stage: Stage,
    pub category: Category,
    pub next_follow_up: Option<NaiveDate>,
    pub last_activity: Option<NaiveDate>,
    pub created_on: NaiveDate,
    pub claimed_on: Option<NaiveDate>,
    pub claimed_stage: Option<Stage>,
    pub protected_until: Option<NaiveDate>,
    pub stage_changed_on: NaiveDate,
    pub value: Money,
}

impl LeadFacts {
    pub fn subject(&self) -> Subject {
        Subject::lead(self.id, &self.name, self.company.as_deref())
    }

    /// The last day anyone touched it: the last activity, or when it came in (as the morning
    /// queue reads it).
    pub fn last_touch(&self) -> NaiveDate {
        self.last_activity.unwrap_or(self.created_on)
    }

    /// The owner's name, or `—` for the pool.
    pub fn owner_name(&self) -> String {
        self.owner.clone().unwrap_or_else(|| "—".into())
    }
}

/// Days from `from` to `to`.
pub fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

#[cfg(test)]
pub(crate) mod test_facts {
    use super::*;

    pub fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// An open lead of rep 1 (李娜), in the `contacted` stage, created on 1 Nov.
    pub fn lead() -> LeadFacts {
        LeadFacts {
            id: 42,
            name: "王伟".into(),
            company: Some("王记五金".into()),
            owner_id: Some(1),
            owner: Some("李娜".into()),
            stage: Stage::Contacted,
            category: Category::Prospect,
            next_follow_up: None,
            last_activity: None,
            created_on: d("2026-11-01"),
            claimed_on: None,
            claimed_stage: None,
            protected_until: None,
            stage_changed_on: d("2026-11-01"),
            value: Money(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_facts::*;
    use super::*;

    fn flag(severity: Severity, since: &str, key: &str) -> Flag {
        Flag {
            rule: RiskRule::Stale,
            severity,
            subject: Subject { key: key.into(), name: String::new() },
            detail: Message::new("risks.detail.stale"),
            since: d(since),
            level: 0,
        }
    }

    #[test]
    fn most_severe_first_then_the_newest() {
        let mut flags = vec![
            flag(Severity::Medium, "2026-11-01", "lead:1"),
            flag(Severity::High, "2026-10-01", "lead:2"),
            flag(Severity::Medium, "2026-11-20", "lead:3"),
        ];
        sort(&mut flags);
        let keys: Vec<&str> = flags.iter().map(|f| f.subject.key.as_str()).collect();
        assert_eq!(keys, ["lead:2", "lead:3", "lead:1"]);
    }

    #[test]
    fn a_flag_is_worse_by_its_rules_step_or_a_higher_severity() {
        let t = RiskThresholds::default();
        let mut f = flag(Severity::Medium, "2026-11-01", "lead:1");
        f.level = 15;
        assert!(!f.worse_than(10, Severity::Medium, &t), "5 days on is not 10");
        assert!(f.worse_than(5, Severity::Medium, &t));
        assert!(f.worse_than(15, Severity::Low, &t), "a higher severity");
        f.rule = RiskRule::NoShows;
        assert!(f.worse_than(14, Severity::Medium, &t), "one more no-show");
        assert_eq!(RiskRule::RepeatedPoaching.as_str(), "repeated-poaching");
        assert_eq!("behind-pace".parse::<RiskRule>().unwrap(), RiskRule::BehindPace);
        assert_eq!(Subject::lead(42, "王伟", Some("王记五金")).id(), Some(42));
        assert_eq!(Subject::rep(3, "Ana").kind(), "rep");
    }
}
