//! Rules of a deal: what a won deal needs to be the sale it is.

use super::money::Money;
use chrono::NaiveDate;

/// Why a deal cannot be won as it stands, or `None` when it can: a sale needs the rep who
/// won it, what it sold for, and the day.
pub fn why_not_won(rep: Option<i64>, amount: Option<Money>, closed: Option<NaiveDate>) -> Option<&'static str> {
    match (rep, amount, closed) {
        (None, ..) => Some("a won deal without an owner: name the rep who won it"),
        (_, None, _) | (_, Some(Money(..=0)), _) => Some("a won deal without an amount: fill in what it sold for"),
        (_, _, None) => Some("a won deal without a close date: fill in the day it was won"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_won_deal_is_a_sale_of_someone_for_something_on_a_day() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23);
        assert_eq!(why_not_won(Some(1), Some(Money(100)), day), None);
        assert!(why_not_won(None, Some(Money(100)), day).unwrap().contains("owner"));
        assert!(why_not_won(Some(1), Some(Money(0)), day).unwrap().contains("amount"));
        assert!(why_not_won(Some(1), None, day).unwrap().contains("amount"));
        assert!(why_not_won(Some(1), Some(Money(100)), None).unwrap().contains("close date"));
    }
}
