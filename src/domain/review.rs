//! Performance reviews: a rep's period (a month or a quarter) measured — the same figures the
//! Goals and Leaderboard tabs show — then rated 1–5 on results, customer development, attitude
//! and teamwork, with strengths, improvements, an action plan and the next review's date.

use super::message::Message;
use super::money::Money;
use super::period::{Period, PeriodKind};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// The ratings' range.
pub const RATINGS: std::ops::RangeInclusive<u8> = 1..=5;

/// A rating as typed, or why it is not one.
pub fn rating(text: &str) -> Result<u8, Message> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|n| RATINGS.contains(n))
        .ok_or_else(|| Message::new("invalid.rating").arg("value", text.trim()))
}

/// A training session's length as typed (`1.5`, `2`, `0,5`), in whole minutes: more than
/// nothing, at most a day.
pub fn minutes(text: &str) -> Result<i64, Message> {
    let hours = text.trim().replace(',', ".").parse::<f64>().ok().filter(|h| h.is_finite());
    match hours {
        Some(h) if h > 24.0 => Err(Message::new("training.hours_a_day")),
        Some(h) if (h * 60.0).round() >= 1.0 => Ok((h * 60.0).round() as i64),
        _ => Err(Message::new("training.hours_positive")),
    }
}

/// The period of a review: a month (`2026-11`) or a quarter (`2026-Q4`).
pub fn period(text: &str) -> Result<Period, Message> {
    let period: Period = text.trim().parse().map_err(|_| Message::new("invalid.review_period").arg("value", text))?;
    match period.kind() {
        Some(PeriodKind::Month | PeriodKind::Quarter) => Ok(period),
        _ => Err(Message::new("invalid.review_period").arg("value", text.trim())),
    }
}

/// The period a new review is proposed for: the one after the rep's latest review, else the
/// quarter gone by.
pub fn proposed_period(last: Option<&str>, today: NaiveDate) -> Period {
    last.and_then(|p| period(p).ok())
        .map(|p| p.next())
        .unwrap_or_else(|| Period::containing(PeriodKind::Quarter, today).previous())
}

/// A period can be reviewed once it is over: its figures are kept with the review for good,
/// so a month still going would keep half of them.
pub fn reviewable(period: &Period, today: NaiveDate) -> Result<(), Message> {
    if period.last_day() < today {
        Ok(())
    } else {
        Err(Message::new("invalid.review_not_over")
            .arg("period", period)
            .day("day", period.last_day() + Duration::days(1)))
    }
}

/// The next review proposed after one of `period` held on `today`: two weeks after the next
/// period ends, or for a period reviewed late (that day already gone), as long after today
/// as a period of its kind lasts.
pub fn proposed_next(period: &Period, today: NaiveDate) -> NaiveDate {
    let after_next = period.next().last_day() + Duration::days(14);
    if after_next > today { after_next } else { today + Duration::days(period.next().days()) }
}

/// Where a review goes among a rep's, as a sort key: the smallest first.
pub type Order = std::cmp::Reverse<(NaiveDate, NaiveDate, i64)>;

/// The order of a rep's reviews, latest first: by the period's end (a review written late of
/// an earlier period stays below a later one), then its start, then its id.
pub fn latest_first(period: &str, id: i64) -> Order {
    let (end, start) = match self::period(period) {
        Ok(p) => (p.last_day(), p.first_day()),
        Err(_) => (NaiveDate::MIN, NaiveDate::MIN),
    };
    std::cmp::Reverse((end, start, id))
}

/// Whether two periods are of one kind (a month's figures compare with a month's).
pub fn same_kind(a: &str, b: &str) -> bool {
    matches!((period(a), period(b)), (Ok(a), Ok(b)) if a.kind() == b.kind())
}

/// What the owner writes: four ratings, three texts, the next date. Attitude is none only on
/// a review written before it was rated, and stays none until someone rates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub results: u8,
    pub customer: u8,
    pub attitude: Option<u8>,
    pub teamwork: u8,
    pub strengths: String,
    pub improvements: String,
    pub plan: String,
    pub next_review_on: Option<NaiveDate>,
}

impl Assessment {
    /// Each rating within 1–5, the next date after the review's day.
    pub fn check(&self, reviewed_on: NaiveDate) -> Result<(), (&'static str, Message)> {
        for (field, n) in [
            ("results", Some(self.results)),
            ("customer", Some(self.customer)),
            ("attitude", self.attitude),
            ("teamwork", Some(self.teamwork)),
        ] {
            let Some(n) = n else { continue };
            if !RATINGS.contains(&n) {
                return Err((field, Message::new("invalid.rating").arg("value", n)));
            }
        }
        match self.next_review_on {
            Some(next) if next <= reviewed_on => Err(("next", Message::new("invalid.next_review").day("day", next))),
            _ => Ok(()),
        }
    }
}

/// A period's measured figures for a rep, as the review was written against them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Kpis {
    pub revenue: Money,
    pub revenue_target: Option<Money>,
    pub deals_won: i64,
    pub new_customers: i64,
    pub visits: i64,
    pub calls: i64,
    /// Won among deals closed, in whole percent; none when none closed.
    pub conversion: Option<i64>,
    /// Minutes of shifts worked.
    pub minutes: i64,
    pub no_shows: i64,
    /// The rep's place on the revenue board of the period, and how many reps were on it.
    pub rank: Option<(i64, i64)>,
    pub commission: Money,
    /// Reaches for colleagues' protected leads (refused claims, activity on them).
    pub poaching: i64,
}

/// One figure of a review's KPIs, in the order a review lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Kpi {
    Revenue,
    Target,
    DealsWon,
    NewCustomers,
    Visits,
    Calls,
    Conversion,
    Hours,
    NoShows,
    Rank,
    Commission,
    Poaching,
}

impl Kpi {
    /// Its catalogue key.
    pub fn key(self) -> &'static str {
        match self {
            Kpi::Revenue => "review.kpi.revenue",
            Kpi::Target => "review.kpi.target",
            Kpi::DealsWon => "review.kpi.deals_won",
            Kpi::NewCustomers => "review.kpi.new_customers",
            Kpi::Visits => "review.kpi.visits",
            Kpi::Calls => "review.kpi.calls",
            Kpi::Conversion => "review.kpi.conversion",
            Kpi::Hours => "review.kpi.hours",
            Kpi::NoShows => "review.kpi.no_shows",
            Kpi::Rank => "review.kpi.rank",
            Kpi::Commission => "review.kpi.commission",
            Kpi::Poaching => "review.kpi.poaching",
        }
    }

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Whether less is better (a place on the board, no-shows, poaching).
    pub fn lower_is_better(self) -> bool {
        matches!(self, Kpi::Rank | Kpi::NoShows | Kpi::Poaching)
    }
}

impl Kpis {
    /// A figure as a number in its own unit (cents, a count, percent, minutes, a place); the
    /// target is revenue against it in percent.
    pub fn value(&self, kpi: Kpi) -> Option<i64> {
        match kpi {
            Kpi::Revenue => Some(self.revenue.cents()),
            Kpi::Target => self
                .revenue_target
                .filter(|t| t.cents() > 0)
                .map(|t| ((self.revenue.cents() as f64 / t.cents() as f64) * 100.0).round() as i64),
            Kpi::DealsWon => Some(self.deals_won),
            Kpi::NewCustomers => Some(self.new_customers),
            Kpi::Visits => Some(self.visits),
            Kpi::Calls => Some(self.calls),
            Kpi::Conversion => self.conversion,
            Kpi::Hours => Some(self.minutes),
            Kpi::NoShows => Some(self.no_shows),
            Kpi::Rank => self.rank.map(|(r, _)| r),
            Kpi::Commission => Some(self.commission.cents()),
            Kpi::Poaching => Some(self.poaching),
        }
    }

    /// The change of a figure on the previous review's, in its unit.
    pub fn change(&self, kpi: Kpi, before: Option<&Kpis>) -> Option<i64> {
        Some(self.value(kpi)? - before?.value(kpi)?)
    }
}

/// Whether a change is for the better: up for most figures, down for a place or no-shows.
pub fn better(kpi: Kpi, change: i64) -> bool {
    if kpi.lower_is_better() { change < 0 } else { change > 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn ratings_are_one_to_five() {
        assert_eq!(rating(" 4 "), Ok(4));
        for bad in ["0", "6", "-1", "four", ""] {
            assert_eq!(rating(bad).unwrap_err().key, "invalid.rating", "{bad}");
        }
        let mut a = Assessment {
            results: 3,
            customer: 4,
            attitude: Some(5),
            teamwork: 2,
            strengths: String::new(),
            improvements: String::new(),
            plan: String::new(),
            next_review_on: Some(d("2027-01-14")),
        };
        assert!(a.check(d("2026-12-01")).is_ok());
        a.attitude = Some(6);
        assert_eq!(a.check(d("2026-12-01")).unwrap_err().0, "attitude");
        a.attitude = None;
        assert!(a.check(d("2026-12-01")).is_ok(), "not rated (a review from before attitude was)");
        a.next_review_on = Some(d("2026-12-01"));
        assert_eq!(a.check(d("2026-12-01")).unwrap_err().0, "next", "the next review comes after this one");
    }

    #[test]
    fn a_review_is_of_a_month_or_a_quarter_and_the_next_follows_the_last() {
        assert!(period("2026-11").is_ok() && period("2026-Q4").is_ok());
        assert!(period("2026-W48").is_err() && period("2026").is_err() && period("soon").is_err());
        let today = d("2026-12-01");
        assert_eq!(proposed_period(Some("2026-Q3"), today).to_string(), "2026-Q4");
        assert_eq!(proposed_period(Some("2026-10"), today).to_string(), "2026-11");
        assert_eq!(proposed_period(None, today).to_string(), "2026-Q3", "the quarter gone by");
        assert_eq!(proposed_next(&period("2026-Q3").unwrap(), today), d("2027-01-14"));
        // Reviewed late: the day after the next period is gone, so a month (or quarter) on.
        assert_eq!(proposed_next(&period("2026-03").unwrap(), today), d("2026-12-31"));
        assert_eq!(proposed_next(&period("2025-Q1").unwrap(), today), d("2027-03-02"));
        assert!(proposed_next(&period("2026-10").unwrap(), today) > today);
    }

    #[test]
    fn hours_of_a_session() {
        assert_eq!(minutes("1.5"), Ok(90));
        assert_eq!(minutes(" 0,5 "), Ok(30));
        assert_eq!(minutes("24"), Ok(1440));
        assert_eq!(minutes("30").unwrap_err().key, "training.hours_a_day");
        for bad in ["0", "-1", "0.001", "two", "", "NaN", "inf"] {
            assert_eq!(minutes(bad).unwrap_err().key, "training.hours_positive", "{bad}");
        }
    }

    #[test]
    fn a_period_is_reviewed_once_it_is_over() {
        let today = d("2026-12-01");
        assert!(reviewable(&period("2026-11").unwrap(), today).is_ok());
        assert!(reviewable(&period("2026-11").unwrap(), d("2026-11-30")).is_err(), "its last day is not over");
        assert_eq!(reviewable(&period("2026-Q4").unwrap(), today).unwrap_err().key, "invalid.review_not_over");
        assert!(reviewable(&period("2027-01").unwrap(), today).is_err(), "nor one to come");
    }

    #[test]
    fn reviews_go_by_their_period_not_the_day_written() {
        let mut reviews = vec![("2026-09", 7), ("2026-Q3", 3), ("2026-10", 2), ("2026-08", 9)];
        reviews.sort_by_key(|(p, id)| latest_first(p, *id));
        assert_eq!(reviews, [("2026-10", 2), ("2026-09", 7), ("2026-Q3", 3), ("2026-08", 9)]);
        assert!(same_kind("2026-10", "2026-09") && !same_kind("2026-Q3", "2026-09"));
    }

    #[test]
    fn changes_on_the_previous_review_and_which_way_is_better() {
        let before = Kpis { revenue: Money(100_000), rank: Some((3, 8)), no_shows: 2, ..Default::default() };
        let now = Kpis {
            revenue: Money(150_000),
            revenue_target: Some(Money(200_000)),
            rank: Some((1, 8)),
            no_shows: 0,
            ..Default::default()
        };
        assert_eq!(now.change(Kpi::Revenue, Some(&before)), Some(50_000));
        assert_eq!(now.value(Kpi::Target), Some(75));
        assert_eq!(now.change(Kpi::Target, Some(&before)), None, "no target before");
        assert_eq!(now.change(Kpi::Rank, Some(&before)), Some(-2));
        assert!(better(Kpi::Rank, -2) && better(Kpi::NoShows, -2) && better(Kpi::Revenue, 1));
        assert!(!better(Kpi::Calls, -1));
        assert_eq!(now.change(Kpi::Revenue, None), None, "a first review has nothing to compare");
    }
}
