//! What a file is, told from its own bytes and values: the separator of its columns, whether
//! its quotes close, which way round its dates are written and which mark its amounts use.
//! Each decision is one function, so the import can say what it decided and why.

use crate::domain::money::Money;
use chrono::NaiveDate;

/// The separators files are written with, in the order a tie is settled.
const SEPARATORS: [u8; 4] = [b',', b'\t', b';', b'|'];

/// The separator of a delimited text: the candidate that splits the header line most often,
/// counted outside quotes. A header with none of them is one column, read as CSV.
pub fn sniff_separator(text: &str) -> u8 {
    let mut counts = [0usize; 4];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = SEPARATORS.iter().position(|s| *s == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..4).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    if counts[best] == 0 { b',' } else { SEPARATORS[best] }
}

/// The separator as the report names it.
pub fn separator_name(separator: u8) -> &'static str {
    match separator {
        b'\t' => "tabs",
        b';' => "';'",
        b'|' => "'|'",
        _ => "','",
    }
}

/// The line on which a quoted field opens and never closes, if one does. A quote opens a
/// field only at its start (as the CSV reader reads it); `""` inside is a quote character.
pub fn unclosed_quote(text: &str, separator: u8) -> Option<u64> {
    // Most large files quote nothing: one fast search settles them.
    if !text.contains('"') {
        return None;
    }
    let bytes = text.as_bytes();
    let (mut line, mut opened_on) = (1u64, 0u64);
    let (mut quoted, mut field_start) = (false, true);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
        }
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && field_start {
            quoted = true;
            opened_on = line;
        } else {
            field_start = b == separator || b == b'\n' || (b == b'\r' && bytes.get(i + 1) == Some(&b'\n'));
            i += 1;
            continue;
        }
        field_start = false;
        i += 1;
    }
    quoted.then_some(opened_on)
}

/// Which number of a date written `a/b/yyyy` is the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    DayFirst,
    MonthFirst,
}

impl DateOrder {
    pub fn describe(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "day first",
            DateOrder::MonthFirst => "month first",
        }
    }

    pub fn flag(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "day-first",
            DateOrder::MonthFirst => "month-first",
        }
    }

    pub fn other(self) -> DateOrder {
        match self {
            DateOrder::DayFirst => DateOrder::MonthFirst,
            DateOrder::MonthFirst => DateOrder::DayFirst,
        }
    }
}

/// How a date column was read, and whether its values (or the owner) decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateReading {
    pub order: DateOrder,
    /// `Some(value)` when a value settles the order (a first number above 12, say);
    /// `None` when no value does and the order is the usual one for the separator.
    pub evidence: Option<String>,
    /// Whether any value is written with the year last, where the order matters at all.
    pub year_last: bool,
    /// The column whose values settled the order, when this column's did not.
    pub from_column: Option<String>,
}

/// The two numbers before the year of `a/b/yyyy`, `a.b.yyyy` or `a-b-yyyy`, and the mark.
fn year_last_parts(day: &str) -> Option<(u32, u32, char)> {
    year_last(day).map(|(a, b, _, sep)| (a, b, sep))
}

/// `a/b/yyyy`, or `a/b/yy` (a year of two digits is this century's), split.
fn year_last(day: &str) -> Option<(u32, u32, i32, char)> {
    let sep = day.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let mut parts = day.split(sep);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !matches!(y.len(), 2 | 4) || a.len() > 2 || b.len() > 2 {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    Some((a.parse().ok()?, b.parse().ok()?, if y.len() == 2 { 2000 + year } else { year }, sep))
}

/// The day part of a cell: a time after it (`2026-11-23 09:00`, `2026-11-23T09:00`) does not change the day.
fn day_part(text: &str) -> &str {
    text.trim().split([' ', 'T']).next().unwrap_or_default()
}

/// Decides a date column's order from its values: a first number above 12 is a day, a second
/// above 12 is a day. When none tells, `/` reads month first (as US CRMs write it) and `.` or
/// `-` day first. A `forced` order (the owner's flag) wins.
pub fn date_order<'a>(values: impl Iterator<Item = &'a str>, forced: Option<DateOrder>) -> DateReading {
    let (mut day_first, mut month_first, mut usual, mut year_last) = (None, None, None, false);
    for value in values {
        let Some((a, b, sep)) = year_last_parts(day_part(value)) else { continue };
        year_last = true;
        if a > 12 && b <= 12 && day_first.is_none() {
            day_first = Some(value.trim().to_string());
        }
        if b > 12 && a <= 12 && month_first.is_none() {
            month_first = Some(value.trim().to_string());
        }
        usual.get_or_insert(if sep == '/' { DateOrder::MonthFirst } else { DateOrder::DayFirst });
    }
    if let Some(order) = forced {
        return DateReading {
            order,
            evidence: Some(format!("--dates {}", order.flag())),
            year_last,
            from_column: None,
        };
    }
    match (day_first, month_first) {
        (Some(v), None) => DateReading { order: DateOrder::DayFirst, evidence: Some(v), year_last, from_column: None },
        (None, Some(v)) => {
            DateReading { order: DateOrder::MonthFirst, evidence: Some(v), year_last, from_column: None }
        }
        // Both kinds: the column mixes them; each value is read the usual way where it can be.
        _ => {
            DateReading { order: usual.unwrap_or(DateOrder::MonthFirst), evidence: None, year_last, from_column: None }
        }
    }
}

/// A date as files write it, the year-last ones in `order`: `2026-11-23`, `2026/11/23`,
/// `2026年11月23日`, `23.11.2026`, `11/23/2026`, `Nov 23, 2026`, `23-Nov-2026`, with or
/// without a time.
pub fn parse_date(text: &str, order: DateOrder) -> Option<NaiveDate> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    // `2026-11-23`, with or without a time: what most files write, read without a format.
    if let Some(d) = iso_day(t) {
        return Some(d);
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return match t.len() {
            // `20261123`, as Chinese systems export a day.
            8 => NaiveDate::parse_from_str(t, "%Y%m%d").ok(),
            // A spreadsheet's date serial saved as a plain number (46349 is 2026-11-23).
            5 => {
                let serial: i64 = t.parse().ok()?;
                let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
                (20_000..=80_000).contains(&serial).then(|| epoch + chrono::Duration::days(serial))
            }
            _ => None,
        };
    }
    if t.bytes().any(|b| b.is_ascii_alphabetic()) {
        // `Nov 23, 2026`, `23 Nov 2026`, `Nov 23 2026`, with or without a time after.
        let words: Vec<&str> = t.split_whitespace().take(3).collect();
        let day = words.join(" ");
        for format in ["%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y"] {
            if let Ok(d) = NaiveDate::parse_from_str(&day, format) {
                return Some(d);
            }
        }
    }
    let day = day_part(t);
    if let Some((a, b, year, _)) = year_last(day) {
        let (d, m) = match order {
            DateOrder::DayFirst if a <= 31 && b <= 12 => (a, b),
            DateOrder::MonthFirst if a <= 12 => (b, a),
            // A value the column's order cannot read is read the only way it can be.
            DateOrder::DayFirst => (b, a),
            DateOrder::MonthFirst => (a, b),
        };
        return NaiveDate::from_ymd_opt(year, m, d);
    }
    // A year first is four digits: `23/11/26` is no day of the year 23.
    let year_first = day.len() > 4 && day.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    let formats: &[&str] =
        if year_first { &["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"] } else { &["%d-%b-%Y", "%d-%b-%y"] };
    formats.iter().find_map(|f| NaiveDate::parse_from_str(day, f).ok())
}

/// `yyyy-mm-dd` at the start of the text (a time may follow after a space or `T`).
fn iso_day(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || (b.len() > 10 && !matches!(b[10], b' ' | b'T')) {
        return None;
    }
    let number = |r: std::ops::Range<usize>| t.get(r).filter(|s| s.bytes().all(|c| c.is_ascii_digit()))?.parse().ok();
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

/// How an amount column writes its numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberReading {
    pub decimal_comma: bool,
    /// The value that settled it; `None` when every value reads the same either way.
    pub evidence: Option<String>,
}

/// What one amount says about the decimal mark: `Some(true)` for a decimal comma
/// (`1.234,50`, `980,00`, `12,5`), `Some(false)` for a decimal point (`1,234.50`, `12.5`),
/// `None` when it reads the same either way (`1234`) or is ambiguous (`1,234`, `1.234`).
fn mark_of(text: &str) -> Option<bool> {
    let (comma, dot) = (text.rfind(','), text.rfind('.'));
    let digits_after = |at: usize| text[at + 1..].bytes().filter(u8::is_ascii_digit).count();
    let once = |mark: char| text.matches(mark).count() == 1;
    match (comma, dot) {
        (Some(c), Some(d)) => Some(c > d),
        (Some(c), None) => (once(',') && digits_after(c) != 3).then_some(true),
        (None, Some(d)) => (once('.') && digits_after(d) != 3).then_some(false),
        (None, None) => None,
    }
}

/// Decides an amount column's decimal mark from its values; when none tells, a file separated
/// by `;` (as European spreadsheets save) has a decimal comma, any other a decimal point.
pub fn decimal_mark<'a>(values: impl Iterator<Item = &'a str>, separator: u8) -> NumberReading {
    for value in values {
        if let Some(decimal_comma) = mark_of(value) {
            return NumberReading { decimal_comma, evidence: Some(value.trim().to_string()) };
        }
    }
    NumberReading { decimal_comma: separator == b';', evidence: None }
}

/// An amount as the column writes it; a value that says otherwise (`12,50` in a column of
/// decimal points) is read the way it says.
pub fn parse_amount(text: &str, decimal_comma: bool) -> Option<Money> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    Money::parse(t, mark_of(t).unwrap_or(decimal_comma)).ok().or_else(|| spreadsheet_number(t))
}

/// `1234567.891`: a number a spreadsheet computed, to the cent. Only where the digits before
/// the point cannot be a group of thousands (`1.234` stays unread: a thousand, or one?).
fn spreadsheet_number(t: &str) -> Option<Money> {
    let (whole, fraction) = t.strip_prefix('-').unwrap_or(t).split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(whole) && digits(fraction) && fraction.len() > 2 && (whole.len() > 3 || whole == "0")) {
        return None;
    }
    let value: f64 = t.parse().ok()?;
    Some(Money((value * 100.0).round() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_from_the_header_line() {
        assert_eq!(sniff_separator("Name;Company;Phone\nA;B,C;1\n"), b';');
        assert_eq!(sniff_separator("Name\tPhone\tEmail\n"), b'\t');
        assert_eq!(sniff_separator("a|b|c\n"), b'|');
        assert_eq!(sniff_separator("\"a;b\",c,d\n"), b',');
        assert_eq!(sniff_separator("name\n"), b',');
    }

    #[test]
    fn an_unclosed_quote_is_found_on_its_line() {
        assert_eq!(unclosed_quote("a,b\n1,\"two\nlines\"\n3,4\n", b','), None);
        assert_eq!(unclosed_quote("a,b\n1,2\n3,\"open\n5,6\n", b','), Some(3));
        assert_eq!(unclosed_quote("a,b\n1,say \"hi\n", b','), None, "a quote inside a field is a character");
        assert_eq!(unclosed_quote("a,b\n\"x \"\"y\"\"\",2\n", b','), None);
        assert_eq!(unclosed_quote("a;b\r\n\"x;2\r\n", b';'), Some(2));
    }

    #[test]
    fn date_order_from_values() {
        let r = date_order(["05/11/2026", "23/11/2026"].into_iter(), None);
        assert_eq!((r.order, r.evidence.as_deref()), (DateOrder::DayFirst, Some("23/11/2026")));
        let r = date_order(["11/05/2026", "11/23/2026 10:00"].into_iter(), None);
        assert_eq!(r.order, DateOrder::MonthFirst);
        let r = date_order(["01/02/2026"].into_iter(), None);
        assert_eq!((r.order, r.evidence, r.year_last), (DateOrder::MonthFirst, None, true));
        assert_eq!(date_order(["01.02.2026"].into_iter(), None).order, DateOrder::DayFirst);
        assert!(!date_order(["2026-11-23"].into_iter(), None).year_last);
        assert_eq!(date_order(["23/11/2026"].into_iter(), Some(DateOrder::MonthFirst)).order, DateOrder::MonthFirst);
    }

    #[test]
    fn dates_as_files_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23);
        for text in [
            "2026-11-23",
            "2026/11/23",
            "2026年11月23日",
            "2026-11-23 14:05",
            "2026-11-23T14:05:00",
            "23.11.2026",
            "Nov 23, 2026",
            "23-Nov-2026",
            "23 November 2026",
        ] {
            assert_eq!(parse_date(text, DateOrder::DayFirst), d, "{text}");
        }
        assert_eq!(parse_date("11/23/2026", DateOrder::MonthFirst), d);
        assert_eq!(parse_date("11/23/2026", DateOrder::DayFirst), d, "only one reading is a date");
        assert_eq!(parse_date("05/11/2026", DateOrder::DayFirst), NaiveDate::from_ymd_opt(2026, 11, 5));
        assert_eq!(parse_date("05/11/2026", DateOrder::MonthFirst), NaiveDate::from_ymd_opt(2026, 5, 11));
        assert_eq!(parse_date("2026-02-30", DateOrder::DayFirst), None);
        assert_eq!(parse_date("20261123", DateOrder::DayFirst), d);
        assert_eq!(parse_date("46349", DateOrder::DayFirst), d, "a spreadsheet's serial");
        assert_eq!(parse_date("123", DateOrder::DayFirst), None);
        assert_eq!(parse_date("23/11/26", DateOrder::DayFirst), d, "a year of two digits");
        assert_eq!(parse_date("11/23/26", DateOrder::MonthFirst), d);
        assert_eq!(parse_date("23.11.26", DateOrder::DayFirst), d);
        for text in ["Nov 23, 2026 09:00 AM", "23 Nov 2026 09:00", "Nov 23 2026"] {
            assert_eq!(parse_date(text, DateOrder::DayFirst), d, "{text}");
        }
        assert_eq!(parse_date("soon", DateOrder::DayFirst), None);
    }

    #[test]
    fn decimal_marks_from_values() {
        let r = decimal_mark(["1.234", "980,00"].into_iter(), b',');
        assert_eq!((r.decimal_comma, r.evidence.as_deref()), (true, Some("980,00")));
        assert!(!decimal_mark(["1,234", "12.50"].into_iter(), b';').decimal_comma);
        assert!(decimal_mark(["1.234"].into_iter(), b';').decimal_comma, "the separator settles a tie");
        assert!(!decimal_mark(["1,234"].into_iter(), b',').decimal_comma);
        assert_eq!(parse_amount("1.234,50", true), Some(Money(123_450)));
        assert_eq!(parse_amount("1.234", true), Some(Money(123_400)));
        assert_eq!(parse_amount("1,234", false), Some(Money(123_400)));
        assert_eq!(parse_amount("12,50", false), Some(Money(1_250)));
        assert_eq!(parse_amount("¥1,234.50", true), Some(Money(123_450)));
        assert_eq!(parse_amount("n/a", false), None);
        assert_eq!(parse_amount("1234567.891", false), Some(Money(123_456_789)));
        assert_eq!(parse_amount("0.125", false), Some(Money(13)));
        assert_eq!(parse_amount("1\u{202f}234,56", true), Some(Money(123_456)));
    }
}
