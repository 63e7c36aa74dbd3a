//! Periods the owner thinks in: a week, a month, a quarter, a year, or any range of days.

use super::message::Message;
use chrono::{Datelike, Duration, IsoWeek, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    Week,
    Month,
    Quarter,
    Year,
}

impl PeriodKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Week => "week",
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        }
    }
}

impl FromStr for PeriodKind {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "week" => Ok(PeriodKind::Week),
            "month" => Ok(PeriodKind::Month),
            "quarter" => Ok(PeriodKind::Quarter),
            "year" => Ok(PeriodKind::Year),
            _ => Err(PeriodError(s.to_string())),
        }
    }
}

/// A span of whole days, first and last included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Week { year: i32, week: u32 },
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Year(i32),
    Range { from: NaiveDate, to: NaiveDate },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError(pub String);

impl std::error::Error for PeriodError {}

impl PeriodError {
    pub fn message(&self) -> Message {
        Message::new("invalid.period").arg("value", &self.0)
    }
}

impl Period {
    /// The period of `kind` that contains `day`.
    pub fn containing(kind: PeriodKind, day: NaiveDate) -> Period {
        match kind {
            PeriodKind::Week => {
                let w: IsoWeek = day.iso_week();
                Period::Week { year: w.year(), week: w.week() }
            }
            PeriodKind::Month => Period::Month { year: day.year(), month: day.month() },
            PeriodKind::Quarter => Period::Quarter { year: day.year(), quarter: (day.month() - 1) / 3 + 1 },
            PeriodKind::Year => Period::Year(day.year()),
        }
    }

    /// A range of days; the ends may be given in either order.
    pub fn range(a: NaiveDate, b: NaiveDate) -> Period {
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        Period::Range { from, to }
    }

    pub fn kind(&self) -> Option<PeriodKind> {
        match self {
            Period::Week { .. } => Some(PeriodKind::Week),
            Period::Month { .. } => Some(PeriodKind::Month),
            Period::Quarter { .. } => Some(PeriodKind::Quarter),
            Period::Year(_) => Some(PeriodKind::Year),
            Period::Range { .. } => None,
        }
    }

    pub fn first_day(&self) -> NaiveDate {
        match *self {
            Period::Week { year, week } => {
                NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).expect("a parsed week exists")
            }
            Period::Month { year, month } => ymd(year, month, 1),
            Period::Quarter { year, quarter } => ymd(year, (quarter - 1) * 3 + 1, 1),
            Period::Year(year) => ymd(year, 1, 1),
            Period::Range { from, .. } => from,
        }
    }

    pub fn last_day(&self) -> NaiveDate {
        match *self {
            Period::Week { .. } => self.first_day() + Duration::days(6),
            Period::Month { year, month } => month_after(year, month).pred_opt().unwrap_or(NaiveDate::MAX),
            Period::Quarter { year, quarter } => {
                let (y, m) = if quarter == 4 { (year + 1, 1) } else { (year, quarter * 3 + 1) };
                ymd(y, m, 1).pred_opt().unwrap_or(NaiveDate::MAX)
            }
            Period::Year(year) => ymd(year, 12, 31),
            Period::Range { to, .. } => to,
        }
    }

    pub fn days(&self) -> i64 {
        (self.last_day() - self.first_day()).num_days() + 1
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let first = self.first_day();
        (0..self.days()).map(move |i| first + Duration::days(i))
    }

    /// The period of the same kind just before this one (a range: the same number of days).
    pub fn previous(&self) -> Period {
        match self.kind() {
            Some(kind) => Period::containing(kind, self.first_day() - Duration::days(1)),
            None => {
                let to = self.first_day() - Duration::days(1);
                Period::range(to - Duration::days(self.days() - 1), to)
            }
        }
    }

    pub fn next(&self) -> Period {
        match self.kind() {
            Some(kind) => Period::containing(kind, self.last_day() + Duration::days(1)),
            None => {
                let from = self.last_day() + Duration::days(1);
                Period::range(from, from + Duration::days(self.days() - 1))
            }
        }
    }

    /// Days gone by, today included: 0 before the period, 1 after it.
    pub fn elapsed_fraction(&self, today: NaiveDate) -> f64 {
        if today < self.first_day() {
            0.0
        } else if today >= self.last_day() {
            1.0
        } else {
            ((today - self.first_day()).num_days() + 1) as f64 / self.days() as f64
        }
    }

    /// Which day of the period `today` is (1-based), clamped to the period.
    pub fn day_number(&self, today: NaiveDate) -> i64 {
        ((today - self.first_day()).num_days() + 1).clamp(0, self.days())
    }
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn month_after(year: i32, month: u32) -> NaiveDate {
    if month == 12 { ymd(year + 1, 1, 1) } else { ymd(year, month + 1, 1) }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Four digits, as they are read (`0999`, not `999`).
            Period::Week { year, week } => write!(f, "{year:04}-W{week:02}"),
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Period::Year(year) => write!(f, "{year:04}"),
            Period::Range { from, to } => write!(f, "{from}..{to}"),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let s = text.trim();
        let err = || PeriodError(text.to_string());
        if let Some((a, b)) = s.split_once("..") {
            let from = parse_date(a).map_err(|_| err())?;
            let to = parse_date(b).map_err(|_| err())?;
            return Ok(Period::range(from, to));
        }
        let number = |t: &str| -> Result<u32, PeriodError> {
            if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
                return Err(err());
            }
            t.parse().map_err(|_| err())
        };
        let year_of = |t: &str| -> Result<i32, PeriodError> {
            let y = number(t)?;
            if t.len() != 4 {
                return Err(err());
            }
            Ok(y as i32)
        };
        match s.split_once('-') {
            None => Ok(Period::Year(year_of(s)?)),
            Some((y, rest)) => {
                let year = year_of(y)?;
                let upper = rest.to_ascii_uppercase();
                if let Some(w) = upper.strip_prefix('W') {
                    let week = number(w)?;
                    NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(err)?;
                    Ok(Period::Week { year, week })
                } else if let Some(q) = upper.strip_prefix('Q') {
                    let quarter = number(q)?;
                    if !(1..=4).contains(&quarter) {
                        return Err(err());
                    }
                    Ok(Period::Quarter { year, quarter })
                } else if rest.len() <= 2 {
                    let month = number(rest)?;
                    if !(1..=12).contains(&month) {
                        return Err(err());
                    }
                    Ok(Period::Month { year, month })
                } else {
                    // A single day is a one-day range.
                    let day = parse_date(s).map_err(|_| err())?;
                    Ok(Period::range(day, day))
                }
            }
        }
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// Read back as written: `2026-11`, `2026-W48`, a range.
impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Period, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(|_| serde::de::Error::custom(format!("not a period: {text}")))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl std::error::Error for DateError {}

impl DateError {
    pub fn message(&self) -> Message {
        Message::new("invalid.date").arg("value", &self.0)
    }
}

/// A strict ISO date, the one form the command line and the files written by repdesk use.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| DateError(text.trim().to_string()))
}

/// Monday of the week that contains `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(day.weekday().num_days_from_monday() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn parses_and_prints_every_form() {
        for text in ["2026-W48", "2026-11", "2026-Q4", "2026", "2026-11-01..2026-11-30"] {
            let p: Period = text.parse().unwrap();
            assert_eq!(p.to_string(), text);
        }
        assert_eq!("2026-w5".parse::<Period>().unwrap().to_string(), "2026-W05");
        assert_eq!("2026-11-23".parse::<Period>().unwrap(), Period::range(d("2026-11-23"), d("2026-11-23")));
    }

    #[test]
    fn refuses_nonsense() {
        for bad in ["", "26", "2026-13", "2026-Q5", "2026-W54", "2026-W00", "abcd", "2026-11-31", "x..y"] {
            assert!(bad.parse::<Period>().is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn knows_its_days() {
        let w: Period = "2026-W48".parse().unwrap();
        assert_eq!(w.first_day(), d("2026-11-23"));
        assert_eq!(w.last_day(), d("2026-11-29"));
        assert_eq!(w.days(), 7);
        let feb: Period = "2028-02".parse().unwrap();
        assert_eq!(feb.days(), 29);
        let q4: Period = "2026-Q4".parse().unwrap();
        assert_eq!((q4.first_day(), q4.last_day()), (d("2026-10-01"), d("2026-12-31")));
        assert_eq!(Period::Year(2026).days(), 365);
        assert_eq!(Period::range(d("2026-11-30"), d("2026-11-01")).days(), 30);
        assert_eq!(w.dates().count(), 7);
    }

    #[test]
    fn iso_weeks_cross_years() {
        // 2027-01-01 is a Friday in ISO week 53 of 2026.
        assert_eq!(Period::containing(PeriodKind::Week, d("2027-01-01")).to_string(), "2026-W53");
        let w1: Period = "2027-W01".parse().unwrap();
        assert_eq!(w1.previous().to_string(), "2026-W53");
        assert_eq!(w1.first_day(), d("2027-01-04"));
    }

    #[test]
    fn previous_and_next() {
        let m: Period = "2026-01".parse().unwrap();
        assert_eq!(m.previous().to_string(), "2025-12");
        assert_eq!(m.next().to_string(), "2026-02");
        let q: Period = "2026-Q1".parse().unwrap();
        assert_eq!(q.previous().to_string(), "2025-Q4");
        let r = Period::range(d("2026-11-10"), d("2026-11-19"));
        assert_eq!(r.previous(), Period::range(d("2026-10-31"), d("2026-11-09")));
    }

    #[test]
    fn elapsed_fraction_counts_today() {
        let nov: Period = "2026-11".parse().unwrap();
        assert!((nov.elapsed_fraction(d("2026-11-23")) - 23.0 / 30.0).abs() < 1e-9);
        assert_eq!(nov.elapsed_fraction(d("2026-10-31")), 0.0);
        assert_eq!(nov.elapsed_fraction(d("2026-11-30")), 1.0);
        assert_eq!(nov.elapsed_fraction(d("2027-01-01")), 1.0);
        assert_eq!(nov.day_number(d("2026-11-23")), 23);
    }

    #[test]
    fn week_start_is_monday() {
        assert_eq!(week_start(d("2026-11-29")), d("2026-11-23"));
        assert_eq!(week_start(d("2026-11-23")), d("2026-11-23"));
    }
}
