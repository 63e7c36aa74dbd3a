//! Which column became which field, and how each is read: the dates of a column one way
//! round, the amounts of a column with one decimal mark, every phone column of a customer.
//! The import prints this before it writes, so an owner can trust it.

use super::csv_in::{ReadError, Table, map_columns, normalise_header, record_field};
use super::shape::{DateOrder, DateReading, NumberReading, date_order, decimal_mark, parse_amount, parse_date};
use crate::domain::message::Message;
use crate::domain::money::Money;
use chrono::NaiveDate;
use std::sync::Arc;

/// Fields that hold a date, in any kind of file.
const DATE_FIELDS: &[&str] = &["created", "follow_up", "opened", "closed", "date", "hired_on"];
/// Fields that hold an amount of money.
const AMOUNT_FIELDS: &[&str] = &["value", "amount", "hourly_rate"];

/// The names a phone column goes by: every one of them a customer's phone, so a row keeps all.
pub const PHONE_NAMES: &[&str] = &[
    "phone",
    "mobile",
    "phone number",
    "mobile phone",
    "mobile phone number",
    "mobile number",
    "telephone",
    "tel",
    "cell",
    "cell phone",
    "primary phone",
    "work phone",
    "business phone",
    "office phone",
    "direct phone",
    "home phone",
    "other phone",
    "other phones",
    // A mobile first: it is the number a Chinese customer answers.
    "手机",
    "手机号",
    "手机号码",
    "联系人手机",
    "移动电话",
    "电话",
    "联系电话",
    "联系人电话",
    "座机",
    "固话",
    "固定电话",
    "办公电话",
];

/// Fields a customer's file can give in several columns, and the names of those columns.
const GATHERED: &[(&str, &[&str])] = &[
    ("phone", PHONE_NAMES),
    ("stage", &["lead status", "lifecycle stage", "status", "stage", "跟进状态", "客户状态", "阶段", "状态"]),
    // A deal export writes when it was won and when it was lost in columns of their own.
    // The day it was expected to close is the best a won row without its own date has.
    (
        "closed",
        &[
            "won time",
            "lost time",
            "close date",
            "closed date",
            "closed on",
            "actual close date",
            "closed",
            "expected close date",
            "expected closing",
            "预计成交日期",
            "预计签单日期",
        ],
    ),
];

/// One mapped column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub field: &'static str,
    pub index: usize,
    /// The column's name as the file writes it.
    pub header: String,
    pub date: Option<DateReading>,
    pub amount: Option<NumberReading>,
}

/// The columns of a file as the import reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub columns: Vec<Column>,
    /// Columns no field reads, as the file names them.
    pub unread: Vec<String>,
}

impl Mapping {
    /// Maps the table's columns (`--map` first, then the names fields go by) and decides how
    /// each date and amount column is read from its values. `gather` keeps every column of a
    /// [`GATHERED`] field: all of a customer's phones, a lifecycle stage where a lead status is blank.
    pub fn of(
        table: &Table,
        aliases: &[(&'static str, &[&str])],
        overrides: &[String],
        kind: &'static str,
        gather: bool,
        dates: Option<DateOrder>,
    ) -> Result<Mapping, ReadError> {
        let map = map_columns(&table.header, aliases, overrides, kind)?;
        let mut picked: Vec<(&'static str, usize)> = map.into_iter().collect();
        picked.sort_by_key(|(_, i)| *i);
        // The other columns of a gathered field come after its own, so a row reads its own
        // column first and the others where it is blank.
        let mut extra: Vec<(&'static str, usize)> = Vec::new();
        for (field, names) in if gather { GATHERED } else { &[] } {
            if !picked.iter().any(|(f, _)| f == field) {
                continue;
            }
            let names: Vec<String> = names.iter().map(|n| normalise_header(n)).collect();
            for (i, raw) in table.header.iter().enumerate() {
                let h = normalise_header(raw);
                let field_name = record_field(raw);
                let taken = picked.iter().chain(&extra).any(|(_, c)| *c == i);
                if !taken && (names.contains(&h) || field_name.is_some_and(|f| names.contains(&f))) {
                    extra.push((field, i));
                }
            }
        }
        picked.extend(extra);
        let values =
            |i: usize| table.records.iter().filter_map(move |(_, r)| r.get(i)).filter(|c| !c.trim().is_empty());
        let separator = table.shape.separator.unwrap_or(b',');
        let columns = picked
            .into_iter()
            .map(|(field, index)| Column {
                field,
                index,
                header: table.header[index].trim().trim_start_matches('\u{feff}').to_string(),
                date: DATE_FIELDS.contains(&field).then(|| date_order(values(index), dates)),
                amount: AMOUNT_FIELDS.contains(&field).then(|| decimal_mark(values(index), separator)),
            })
            .collect::<Vec<_>>();
        let columns = one_date_order(columns);
        let unread = (0..table.header.len())
            .filter(|i| !columns.iter().any(|c| c.index == *i))
            .map(|i| table.header[i].trim().to_string())
            .filter(|h| !h.is_empty())
            .collect();
        Ok(Mapping { columns, unread })
    }

    pub fn has(&self, field: &str) -> bool {
        self.columns.iter().any(|c| c.field == field)
    }

    /// Fails with how to map it when none of `fields` has a column.
    pub fn require_one_of(&self, fields: &[&'static str]) -> Result<(), ReadError> {
        match fields.iter().any(|f| self.has(f)) {
            true => Ok(()),
            false => Err(ReadError::Missing { field: fields[0] }),
        }
    }

    /// The report's lines: each column and its field, how dates and amounts are read, and
    /// the columns left unread.
    pub fn describe(&self) -> Vec<Message> {
        let mut lines = Vec::new();
        let pairs: Vec<String> = self.columns.iter().map(|c| format!("{} → {}", c.header, c.field)).collect();
        lines.push(Message::new("read.columns").arg("pairs", pairs.join(", ")));
        for c in &self.columns {
            if let Some(d) = c.date.as_ref().filter(|d| d.year_last) {
                let read = |key| Message::new(key).arg("column", &c.header).word("order", "date_order", d.order.flag());
                lines.push(match (&d.from_column, &d.evidence) {
                    (Some(other), _) => read("read.dates_column").arg("other", other),
                    (None, Some(e)) => read("read.dates_value").arg("value", e),
                    (None, None) => read("read.dates_guess").arg("flag", d.order.other().flag()),
                });
            }
            if let Some(a) = &c.amount {
                let mark = Message::new(if a.decimal_comma { "read.decimal_comma" } else { "read.decimal_point" });
                let read = |key| Message::new(key).arg("column", &c.header).part("mark", mark.clone());
                lines.push(match &a.evidence {
                    Some(e) => read("read.amounts_value").arg("value", e),
                    None => read("read.amounts"),
                });
            }
        }
        if !self.unread.is_empty() {
            lines.push(Message::new("read.not_read").arg("columns", self.unread.join(", ")));
        }
        lines
    }

    /// The rows of the table as this mapping reads them.
    pub fn rows(self, table: &Table) -> Vec<Row> {
        let shared = Arc::new(self);
        table
            .records
            .iter()
            .map(|(line, cells)| Row {
                line: *line,
                cells: shared.columns.iter().map(|c| cells.get(c.index).unwrap_or_default()).collect(),
                shared: shared.clone(),
            })
            .collect()
    }
}

/// A file writes its dates one way round: a column whose values do not tell reads as
/// another column's values show.
fn one_date_order(mut columns: Vec<Column>) -> Vec<Column> {
    let decided = columns.iter().find_map(|c| {
        let d = c.date.as_ref().filter(|d| d.year_last && d.evidence.is_some())?;
        Some((d.order, c.header.clone()))
    });
    if let Some((order, header)) = decided {
        for d in columns.iter_mut().filter_map(|c| c.date.as_mut()).filter(|d| d.year_last && d.evidence.is_none()) {
            d.order = order;
            d.evidence = Some(header.clone());
            d.from_column = Some(header.clone());
        }
    }
    columns
}

/// A cell that does not read as its field: the import drops it and says so.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct BadCell {
    pub column: String,
    pub value: String,
    /// What the cell should have held: a key of the catalogue (JSON says it in English).
    #[serde(serialize_with = "in_english")]
    pub wanted: &'static str,
}

/// One row of a file, as its mapping reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    shared: Arc<Mapping>,
    /// The mapped cells, in the mapping's order, in one buffer.
    cells: csv::StringRecord,
}

impl Row {
    fn cells_of<'a, 'f>(&'a self, field: &'f str) -> impl Iterator<Item = (&'a Column, &'a str)> + use<'a, 'f> {
        self.shared
            .columns
            .iter()
            .zip(self.cells.iter())
            .filter(move |(c, _)| c.field == field)
            .map(|(c, v)| (c, v.trim()))
            .filter(|(_, v)| !v.is_empty())
    }

    /// Whether the file has a column for the field at all.
    pub fn file_has(&self, field: &str) -> bool {
        self.shared.has(field)
    }

    /// The field's first filled cell.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.cells_of(field).next().map(|(_, v)| v)
    }

    pub fn owned(&self, field: &str) -> Option<String> {
        self.get(field).map(str::to_string)
    }

    /// Every phone of the row: each phone column, and each number of a cell that holds several.
    pub fn phones(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for (_, cell) in self.cells_of("phone") {
            for phone in crate::domain::contact::phones_in(cell) {
                if !out.contains(&phone) {
                    out.push(phone);
                }
            }
        }
        out
    }

    /// The column the field is read from, as the file names it.
    pub fn header(&self, field: &str) -> &str {
        self.shared.columns.iter().find(|c| c.field == field).map_or("", |c| c.header.as_str())
    }

    /// The field's date, read the way its column is; a cell that is no date is a [`BadCell`].
    pub fn date(&self, field: &str) -> Result<Option<NaiveDate>, BadCell> {
        let Some((column, text)) = self.cells_of(field).next() else { return Ok(None) };
        let order = column.date.as_ref().map_or(DateOrder::MonthFirst, |d| d.order);
        parse_date(text, order).map(Some).ok_or_else(|| BadCell {
            column: column.header.clone(),
            value: text.to_string(),
            wanted: "wanted.date",
        })
    }

    /// The field's amount, read with its column's decimal mark; a cell that is no amount is a [`BadCell`].
    pub fn amount(&self, field: &str) -> Result<Option<Money>, BadCell> {
        let Some((column, text)) = self.cells_of(field).next() else { return Ok(None) };
        let decimal_comma = column.amount.as_ref().is_some_and(|a| a.decimal_comma);
        let bad = |wanted| BadCell { column: column.header.clone(), value: text.to_string(), wanted };
        match parse_amount(text, decimal_comma) {
            Some(amount) if amount.cents() < 0 => Err(bad("wanted.amount_positive")),
            Some(amount) => Ok(Some(amount)),
            None => Err(bad("wanted.amount")),
        }
    }

    /// A cell of the field as a [`BadCell`], for a value the import cannot use.
    pub fn bad(&self, field: &str, wanted: &'static str) -> Option<BadCell> {
        self.cells_of(field).next().map(|(c, v)| BadCell { column: c.header.clone(), value: v.to_string(), wanted })
    }
}

fn in_english<S: serde::Serializer>(key: &&'static str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(crate::text::Catalogue::en().t(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english(lines: &[Message]) -> String {
        lines.iter().map(|m| m.to_string()).collect::<Vec<_>>().join("\n")
    }
    use crate::interchange::csv_in::parse;

    const ALIASES: &[(&str, &[&str])] =
        &[("name", &["name"]), ("phone", &["phone", "mobile"]), ("value", &["value"]), ("created", &["created"])];

    #[test]
    fn every_phone_column_and_the_reading_of_each_column() {
        let table = parse("Name;Phone;Mobile;Value;Created;Industry\nAna;;139 1;1.234,50;23.11.2026;x\nBo;555;556;980,00;05.11.2026;y\n").unwrap();
        let mapping = Mapping::of(&table, ALIASES, &[], "leads", true, None).unwrap();
        let text = english(&mapping.describe());
        assert!(
            text.contains("Name → name, Phone → phone, Value → value, Created → created, Mobile → phone"),
            "{text}"
        );
        assert!(text.contains("Dates in 'Created' read day first (as 23.11.2026 shows)"), "{text}");
        assert!(
            text.contains("Amounts in 'Value' read with a decimal comma, thousands with '.' (as 1.234,50 shows)"),
            "{text}"
        );
        assert!(text.contains("Not read: Industry"), "{text}");
        let rows = mapping.rows(&table);
        assert_eq!(rows[0].get("phone"), Some("139 1"), "the first filled phone");
        assert_eq!(rows[1].phones(), ["555", "556"]);
        assert_eq!(rows[0].amount("value"), Ok(Some(Money(123_450))));
        assert_eq!(rows[1].date("created"), Ok(NaiveDate::from_ymd_opt(2026, 11, 5)));
    }

    #[test]
    fn a_file_writes_its_dates_one_way_round() {
        let table = parse("name,created,follow up\nA,23/11/2026,01/12/2026\n").unwrap();
        const DATES: &[(&str, &[&str])] =
            &[("name", &["name"]), ("created", &["created"]), ("follow_up", &["follow up"])];
        let mapping = Mapping::of(&table, DATES, &[], "leads", true, None).unwrap();
        assert!(
            english(&mapping.describe()).contains("Dates in 'follow up' read day first (as column 'created' shows)")
        );
        assert_eq!(mapping.rows(&table)[0].date("follow_up"), Ok(NaiveDate::from_ymd_opt(2026, 12, 1)));
    }

    #[test]
    fn an_ambiguous_date_column_says_how_to_read_it_the_other_way() {
        let table = parse("name,created\nA,01/02/2026\n").unwrap();
        let mapping = Mapping::of(&table, ALIASES, &[], "leads", true, None).unwrap();
        assert!(english(&mapping.describe()).contains("pass --dates day-first"));
        let forced = Mapping::of(&table, ALIASES, &[], "leads", true, Some(DateOrder::DayFirst)).unwrap();
        assert_eq!(forced.rows(&table)[0].date("created"), Ok(NaiveDate::from_ymd_opt(2026, 2, 1)));
    }

    #[test]
    fn a_bad_cell_names_its_column_and_value() {
        let table = parse("name,created\nA,31/31/2026\n").unwrap();
        let rows = Mapping::of(&table, ALIASES, &[], "leads", true, None).unwrap().rows(&table);
        let bad = rows[0].date("created").unwrap_err();
        assert_eq!((bad.column.as_str(), bad.value.as_str()), ("created", "31/31/2026"));
    }
}
