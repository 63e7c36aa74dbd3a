//! The things the owner manages, as plain data.

use super::money::Money;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoStaticStr};

macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
                 Display, EnumString, EnumIter, AsRefStr, IntoStaticStr)]
        #[strum(ascii_case_insensitive)]
        pub enum $name {
            $(#[strum(serialize = $text)] #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }
    };
}

word_enum!(
    /// How a rep reaches customers.
    Channel { Field = "field", Phone = "phone", Online = "online", Store = "store" }
);
word_enum!(Employment { PartTime = "part-time", FullTime = "full-time" });
word_enum!(
    /// Where a shift is worked; one letter each in the week grid.
    Location { Store = "store", Phone = "phone", Field = "field", Online = "online" }
);
word_enum!(ShiftStatus { Scheduled = "scheduled", Worked = "worked", NoShow = "no-show", Swapped = "swapped" });
word_enum!(Category { Prospect = "prospect", New = "new", Loyal = "loyal", Dormant = "dormant", Vip = "vip" });
word_enum!(Stage {
    New = "new",
    Contacted = "contacted",
    Qualified = "qualified",
    Proposal = "proposal",
    Won = "won",
    Lost = "lost",
});
word_enum!(ActivityKind { Call = "call", Visit = "visit", Message = "message", Email = "email", Meeting = "meeting", Note = "note" });
word_enum!(
    /// What a target or a leaderboard measures.
    Metric {
        Revenue = "revenue",
        Deals = "deals",
        NewCustomers = "new-customers",
        Visits = "visits",
        Calls = "calls",
        Conversion = "conversion",
        RevenuePerHour = "revenue-per-hour",
    }
);

impl Metric {
    /// A rate (conversion, revenue per hour) rather than an amount that adds up over time: a
    /// goal for it is copied, not split, and paced against itself, not the time gone by.
    pub fn is_ratio(self) -> bool {
        matches!(self, Metric::Conversion | Metric::RevenuePerHour)
    }
}

impl Location {
    /// A location as commands and files write it: the word, its letter, or its Chinese name.
    pub fn parse_loose(text: &str) -> Option<Location> {
        let t = text.trim().to_lowercase();
        match t.as_str() {
            "s" | "门店" | "店" => Some(Location::Store),
            "p" | "电话" => Some(Location::Phone),
            "f" | "外勤" => Some(Location::Field),
            "o" | "线上" => Some(Location::Online),
            _ => t.parse().ok(),
        }
    }

    pub fn letter(self) -> char {
        match self {
            Location::Store => 'S',
            Location::Phone => 'P',
            Location::Field => 'F',
            Location::Online => 'O',
        }
    }
}

// By hand: `word_enum!` derives the same traits for every word list, and only Stage has a default.
#[allow(clippy::derivable_impls)]
impl Default for Stage {
    fn default() -> Stage {
        Stage::New
    }
}

impl Stage {
    pub fn is_open(self) -> bool {
        !matches!(self, Stage::Won | Stage::Lost)
    }
}

impl Category {
    /// VIP reads as an acronym; the rest as words.
    pub fn label(self) -> &'static str {
        match self {
            Category::Vip => "VIP",
            other => other.as_str(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rep {
    pub id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub channel: Channel,
    pub employment: Employment,
    pub team: Option<String>,
    #[serde(rename = "hourly_rate_cents")]
    pub hourly_rate: Money,
    /// Basis points: 5% is 500.
    pub commission_bp: i64,
    pub max_weekly_hours: Option<u32>,
    pub active: bool,
    pub hired_on: Option<NaiveDate>,
}

/// A weekly window in which a rep can work. Weekday 1 is Monday; times are minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    pub rep_id: i64,
    pub weekday: u32,
    pub start_min: u32,
    pub end_min: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeOff {
    pub rep_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: Option<String>,
}

/// How many reps a weekday slot needs, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffingNeed {
    pub weekday: u32,
    pub start_min: u32,
    pub end_min: u32,
    pub location: Location,
    pub reps_needed: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shift {
    pub id: i64,
    pub rep_id: i64,
    pub date: NaiveDate,
    pub start_min: u32,
    pub end_min: u32,
    pub location: Location,
    pub status: ShiftStatus,
}

impl Shift {
    pub fn minutes(&self) -> u32 {
        self.end_min.saturating_sub(self.start_min)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lead {
    pub id: i64,
    pub name: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub source: Option<String>,
    pub channel: Option<Channel>,
    pub category: Category,
    pub stage: Stage,
    pub lost_reason: Option<String>,
    pub owner_id: Option<i64>,
    pub claimed_on: Option<NaiveDate>,
    pub protected_until: Option<NaiveDate>,
    pub next_follow_up: Option<NaiveDate>,
    #[serde(rename = "estimated_value_cents")]
    pub estimated_value: Money,
    pub external_id: Option<String>,
    pub note: Option<String>,
    pub created_on: NaiveDate,
    pub stage_changed_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub last_activity_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub lead_id: i64,
    pub rep_id: Option<i64>,
    pub kind: ActivityKind,
    pub at: NaiveDateTime,
    pub outcome: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sale {
    pub lead_id: Option<i64>,
    pub rep_id: i64,
    #[serde(rename = "amount_cents")]
    pub amount: Money,
    pub closed_on: NaiveDate,
    pub product: Option<String>,
}

/// One opportunity or order of a customer: its stage, value, owner, dates and outcome.
/// A won deal is a sale.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Deal {
    pub id: i64,
    pub lead_id: i64,
    pub rep_id: Option<i64>,
    pub title: Option<String>,
    pub stage: Stage,
    #[serde(rename = "value_cents")]
    pub value: Money,
    pub opened_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub lost_reason: Option<String>,
    pub product: Option<String>,
    pub external_id: Option<String>,
    pub sale_id: Option<i64>,
}

/// Where a deal ended, or that it has not yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Open,
    Won,
    Lost,
}

impl Outcome {
    pub fn of(stage: Stage) -> Outcome {
        match stage {
            Stage::Won => Outcome::Won,
            Stage::Lost => Outcome::Lost,
            _ => Outcome::Open,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Open => "open",
            Outcome::Won => "won",
            Outcome::Lost => "lost",
        }
    }
}

impl Deal {
    pub fn outcome(&self) -> Outcome {
        Outcome::of(self.stage)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// A rep's target; with `team` also `None`, the whole business's.
    pub rep_id: Option<i64>,
    /// A team's target (the reps whose record names the team).
    pub team: Option<String>,
    pub period_kind: super::period::PeriodKind,
    pub period_start: NaiveDate,
    pub metric: Metric,
    /// Cents for revenue, a count otherwise.
    pub goal: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub id: i64,
    pub rep_id: i64,
    pub period: String,
    pub reviewed_on: NaiveDate,
    /// Ratings 1–5: results, customer development, attitude (none on reviews written before
    /// it was rated), teamwork.
    pub rating_results: u8,
    pub rating_customer: u8,
    pub rating_attitude: Option<u8>,
    pub rating_teamwork: u8,
    pub strengths: String,
    pub improvements: String,
    pub plan: String,
    pub next_review_on: Option<NaiveDate>,
}

impl Review {
    /// The mean of the ratings given.
    pub fn overall(&self) -> f64 {
        let given: Vec<u8> =
            [Some(self.rating_results), Some(self.rating_customer), self.rating_attitude, Some(self.rating_teamwork)]
                .into_iter()
                .flatten()
                .collect();
        given.iter().map(|&n| f64::from(n)).sum::<f64>() / given.len() as f64
    }

    /// The overall rating as every page shows it: to one decimal, halves up (4.25 is 4.3).
    pub fn overall_shown(&self) -> String {
        format!("{:.1}", (self.overall() * 10.0).round() / 10.0)
    }

    /// What the owner wrote of it, as an assessment to edit.
    pub fn assessment(&self) -> super::review::Assessment {
        super::review::Assessment {
            results: self.rating_results,
            customer: self.rating_customer,
            attitude: self.rating_attitude,
            teamwork: self.rating_teamwork,
            strengths: self.strengths.clone(),
            improvements: self.improvements.clone(),
            plan: self.plan.clone(),
            next_review_on: self.next_review_on,
        }
    }
}

/// A weekday as commands write it (`mon`, `Monday`, `1`, `周一`), Monday = 1.
pub fn parse_weekday(text: &str) -> Option<u32> {
    let t = text.trim().to_lowercase();
    let days = [
        ["mon", "monday", "1", "周一"],
        ["tue", "tuesday", "2", "周二"],
        ["wed", "wednesday", "3", "周三"],
        ["thu", "thursday", "4", "周四"],
        ["fri", "friday", "5", "周五"],
        ["sat", "saturday", "6", "周六"],
        ["sun", "sunday", "7", "周日"],
    ];
    days.iter().position(|names| names.contains(&t.as_str())).map(|i| i as u32 + 1)
}

/// `09:30` → 570; `9`, `09:30:00` (as spreadsheets write it, whole minutes only) too.
pub fn parse_time_of_day(text: &str) -> Option<u32> {
    let mut parts = text.trim().split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next().map_or(Some(0), |m| m.parse().ok())?;
    let s: u32 = parts.next().map_or(Some(0), |s| s.parse().ok())?;
    (parts.next().is_none() && s == 0 && h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
}

/// 570 → `09:30`.
pub fn format_time_of_day(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// 570 → `09`, 585 → `09:45`: the short form the week grid uses.
pub fn short_time_of_day(minutes: u32) -> String {
    if minutes.is_multiple_of(60) { format!("{:02}", minutes / 60) } else { format_time_of_day(minutes) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn words_round_trip() {
        assert_eq!(Employment::from_str("Part-Time"), Ok(Employment::PartTime));
        assert_eq!(Employment::PartTime.to_string(), "part-time");
        assert_eq!(Metric::from_str("new-customers"), Ok(Metric::NewCustomers));
        assert_eq!(Category::Vip.label(), "VIP");
        assert!(Stage::from_str("nope").is_err());
    }

    #[test]
    fn times_of_day() {
        assert_eq!(parse_time_of_day("09:30"), Some(570));
        assert_eq!(parse_time_of_day("9"), Some(540));
        assert_eq!(parse_time_of_day("24:00"), Some(1440));
        assert_eq!(parse_time_of_day("24:30"), None);
        assert_eq!(parse_time_of_day("12:60"), None);
        assert_eq!(parse_time_of_day("17:00:00"), Some(1020));
        assert_eq!(parse_time_of_day("17:00:30"), None);
        assert_eq!(parse_time_of_day("17:00:00:00"), None);
        assert_eq!(parse_time_of_day(""), None);
        assert_eq!(format_time_of_day(570), "09:30");
        assert_eq!(short_time_of_day(540), "09");
        assert_eq!(short_time_of_day(585), "09:45");
    }
}
