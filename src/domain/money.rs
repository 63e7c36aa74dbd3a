//! Money as integer minor units; parsing of what people type and what spreadsheets export.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, AddAssign, Sub};

/// An amount in minor units (cents, fen). Never a float.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(pub i64);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyParseError(pub String);

impl std::error::Error for MoneyParseError {}

impl MoneyParseError {
    pub fn message(&self) -> super::message::Message {
        super::message::Message::new("invalid.amount").arg("value", &self.0)
    }
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_major(units: i64) -> Money {
        Money(units * 100)
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    /// Parses `¥1,234.50`, `￥1,234.50`, `$1,234`, `1234`, `-12.5`.
    /// With `decimal_comma`, `1.234,50` reads as one thousand two hundred thirty-four and a half.
    pub fn parse(text: &str, decimal_comma: bool) -> Result<Money, MoneyParseError> {
        let err = || MoneyParseError(text.trim().to_string());
        // One pass: symbols and spaces out, thousands marks out, the decimal mark as `.`.
        let (thousands, decimal) = if decimal_comma { ('.', ',') } else { (',', '.') };
        let mut s = String::with_capacity(text.len());
        for c in text.trim().chars() {
            match c {
                '¥' | '￥' | '$' | '€' | '£' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '元' => {}
                c if c == thousands => {}
                c if c == decimal => s.push('.'),
                c => s.push(c),
            }
        }
        if s.bytes().any(|b| b.is_ascii_alphabetic()) {
            for code in ["CNY", "RMB", "USD", "EUR", "GBP"] {
                s = s.trim_start_matches(code).trim_end_matches(code).to_string();
            }
        }
        // Chinese amounts count in 万 (ten thousand) and 亿 (a hundred million): 5万, 1.2万.
        for (unit, times) in [('万', 10_000), ('亿', 100_000_000)] {
            if let Some(number) = s.strip_suffix(unit) {
                let scaled = Money::parse(number, false).map_err(|_| err())?;
                return scaled.cents().checked_mul(times).map(Money).ok_or_else(err);
            }
        }
        let (negative, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.as_str()),
        };
        if digits.is_empty() {
            return Err(err());
        }
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() && frac.is_empty()
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !frac.chars().all(|c| c.is_ascii_digit())
            || frac.len() > 2
        {
            return Err(err());
        }
        let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| err())? };
        let frac: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| err())? * 10,
            _ => frac.parse().map_err(|_| err())?,
        };
        let cents = whole.checked_mul(100).and_then(|w| w.checked_add(frac)).ok_or_else(err)?;
        Ok(Money(if negative { -cents } else { cents }))
    }

    /// `¥50,000` or `¥1,234.50`: cents only when there are any.
    pub fn display(self, symbol: &str) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let whole = group_thousands(abs / 100);
        match abs % 100 {
            0 => format!("{sign}{symbol}{whole}"),
            c => format!("{sign}{symbol}{whole}.{c:02}"),
        }
    }

    /// Plain decimal text for files: `1234.50`, readable back by [`Money::parse`].
    pub fn to_decimal(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// This amount times a rate in basis points (1% = 100), rounded half away from zero.
    pub fn times_basis_points(self, bp: i64) -> Money {
        let product = self.0 as i128 * bp as i128;
        let rounded = (product + product.signum() * 5_000) / 10_000;
        Money(rounded as i64)
    }
}

fn group_thousands(mut n: u64) -> String {
    let mut groups = Vec::new();
    loop {
        if n < 1000 {
            groups.push(n.to_string());
            break;
        }
        groups.push(format!("{:03}", n % 1000));
        n /= 1000;
    }
    groups.reverse();
    groups.join(",")
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_decimal())
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).sum())
    }
}

/// A rate in basis points: 5% is 500. Reads `5%`, `5.5%` and a bare `5` as percent; only a
/// number written `0.…` is a fraction (`0.05` is 5%), so a bare `1` is 1%, never 100%.
pub fn parse_rate_bp(text: &str) -> Option<i64> {
    let t = text.trim();
    let (number, percent) = match t.strip_suffix('%') {
        Some(n) => (n.trim(), true),
        None => (t, false),
    };
    let value: f64 = number.parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    let fraction = !percent && number.starts_with("0.");
    let percent_value = if fraction { value * 100.0 } else { value };
    if percent_value > 100.0 {
        return None;
    }
    Some((percent_value * 100.0).round() as i64)
}

/// `5%`, `5.5%`, `12.25%`.
pub fn display_rate_bp(bp: i64) -> String {
    let whole = bp / 100;
    match bp % 100 {
        0 => format!("{whole}%"),
        r if r % 10 == 0 => format!("{whole}.{}%", r / 10),
        r => format!("{whole}.{r:02}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_people_write() {
        assert_eq!(Money::parse("¥1,234.50", false), Ok(Money(123_450)));
        assert_eq!(Money::parse("￥1,234.50", false), Ok(Money(123_450)));
        assert_eq!(Money::parse("$1,234", false), Ok(Money(123_400)));
        assert_eq!(Money::parse("1234", false), Ok(Money(123_400)));
        assert_eq!(Money::parse(" 12.5 ", false), Ok(Money(1_250)));
        assert_eq!(Money::parse("-3.07", false), Ok(Money(-307)));
        assert_eq!(Money::parse("1.234,50", true), Ok(Money(123_450)));
        assert_eq!(Money::parse("RMB 88", false), Ok(Money(8_800)));
        assert_eq!(Money::parse("5万", false), Ok(Money(5_000_000)));
        assert_eq!(Money::parse("1.2万元", false), Ok(Money(1_200_000)));
        assert_eq!(Money::parse("¥3亿", false), Ok(Money(30_000_000_000)));
        assert_eq!(Money::parse("1,5万", true), Ok(Money(1_500_000)));
        assert!(Money::parse("万", false).is_err());
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in ["", "abc", "1.234", "12.3.4", "--5", "¥", "1e5"] {
            assert!(Money::parse(bad, false).is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn displays_with_symbol_and_groups() {
        assert_eq!(Money(5_000_000).display("¥"), "¥50,000");
        assert_eq!(Money(123_450).display("$"), "$1,234.50");
        assert_eq!(Money(-99).display("¥"), "-¥0.99");
        assert_eq!(Money(0).display("¥"), "¥0");
        assert_eq!(Money(12_345_678_900).display("¥"), "¥123,456,789");
    }

    #[test]
    fn decimal_round_trips() {
        for cents in [0, 1, 99, 100, 123_450, -5, -12_345] {
            let m = Money(cents);
            assert_eq!(Money::parse(&m.to_decimal(), false), Ok(m));
        }
    }

    #[test]
    fn commission_rounds_half_away_from_zero() {
        assert_eq!(Money(10_000).times_basis_points(500), Money(500));
        assert_eq!(Money(1_001).times_basis_points(500), Money(50));
        assert_eq!(Money(1_010).times_basis_points(500), Money(51));
        assert_eq!(Money(-1_010).times_basis_points(500), Money(-51));
    }

    #[test]
    fn rates_read_percent_and_fraction() {
        assert_eq!(parse_rate_bp("5%"), Some(500));
        assert_eq!(parse_rate_bp("5.5 %"), Some(550));
        assert_eq!(parse_rate_bp("5"), Some(500));
        assert_eq!(parse_rate_bp("0.05"), Some(500));
        assert_eq!(parse_rate_bp("1"), Some(100));
        assert_eq!(parse_rate_bp("0.5"), Some(5_000));
        assert_eq!(parse_rate_bp("150%"), None);
        assert_eq!(parse_rate_bp("x"), None);
        assert_eq!(display_rate_bp(550), "5.5%");
        assert_eq!(display_rate_bp(500), "5%");
        assert_eq!(display_rate_bp(1225), "12.25%");
    }
}
