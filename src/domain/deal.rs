//! Rules of a deal: what a won deal needs to be the sale it is, and what a deal says of its
//! customer.

use super::model::Stage;
use super::money::Money;
use chrono::NaiveDate;

/// Why a deal cannot be won as it stands (a key of the catalogue), or `None` when it can: a sale needs the rep who
/// won it, what it sold for, and the day.
pub fn why_not_won(rep: Option<i64>, amount: Option<Money>, closed: Option<NaiveDate>) -> Option<&'static str> {
    match (rep, amount, closed) {
        (None, ..) => Some("import.won_no_owner"),
        (_, None, _) | (_, Some(Money(..=0)), _) => Some("import.won_no_amount"),
        (_, _, None) => Some("import.won_no_close"),
        _ => None,
    }
}

/// The stage of a customer once one more of its deals is known: a won deal makes it a
/// customer who bought (and it stays one); an open deal moves it on to that deal's stage, out
/// of a lost one too; a lost deal closes only a customer nothing else was known of.
pub fn customer_stage(current: Stage, deal: Stage) -> Stage {
    match (current, deal) {
        (_, Stage::Won) | (Stage::Won, _) => Stage::Won,
        (Stage::New, Stage::Lost) => Stage::Lost,
        (current, Stage::Lost) => current,
        (Stage::Lost, open) => open,
        (current, open) => current.max(open),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_deal_says_of_its_customer() {
        assert_eq!(customer_stage(Stage::Lost, Stage::Qualified), Stage::Qualified, "active again");
        assert_eq!(customer_stage(Stage::New, Stage::Proposal), Stage::Proposal);
        assert_eq!(customer_stage(Stage::Proposal, Stage::Contacted), Stage::Proposal, "never back");
        assert_eq!(customer_stage(Stage::Won, Stage::Qualified), Stage::Won);
        assert_eq!(customer_stage(Stage::Qualified, Stage::Lost), Stage::Qualified, "other deals are open");
        assert_eq!(customer_stage(Stage::New, Stage::Lost), Stage::Lost);
        assert_eq!(customer_stage(Stage::Contacted, Stage::Won), Stage::Won);
    }

    #[test]
    fn a_won_deal_is_a_sale_of_someone_for_something_on_a_day() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23);
        assert_eq!(why_not_won(Some(1), Some(Money(100)), day), None);
        assert!(why_not_won(None, Some(Money(100)), day).unwrap().contains("owner"));
        assert!(why_not_won(Some(1), Some(Money(0)), day).unwrap().contains("amount"));
        assert!(why_not_won(Some(1), None, day).unwrap().contains("amount"));
        assert!(why_not_won(Some(1), Some(Money(100)), None).unwrap().contains("close"));
    }
}
