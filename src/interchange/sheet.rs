//! Spreadsheets as they are: `.xlsx`, `.xls`, `.xlsb` and `.ods` read into the same table a CSV
//! gives, date cells as ISO dates and numbers as plain digits, so the rest of the import
//! cannot tell them apart.

use super::csv_in::{FileShape, ReadError, Table};
use crate::domain::message::Message;
use calamine::{Data, DataType, Reader};
use std::io::Cursor;

/// Whether these bytes are a workbook: a zip (xlsx, xlsb, ods) or an OLE file (xls).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// The first sheet of the workbook, or the one named `sheet`, as a table; line numbers are
/// the sheet's row numbers.
pub fn read(bytes: &[u8], extension: &str, sheet: Option<&str>) -> Result<Table, ReadError> {
    let unreadable = |e: calamine::Error| ReadError::Spreadsheet(Message::new("read.workbook").arg("error", e));
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => {
            names.iter().find(|n| n.trim().eq_ignore_ascii_case(wanted.trim())).cloned().ok_or_else(|| {
                ReadError::Spreadsheet(
                    Message::new("read.no_such_sheet").arg("sheet", wanted).arg("sheets", names.join(", ")),
                )
            })?
        }
        // The first sheet the owner can see: a hidden one holds notes or lookups.
        None => book
            .sheets_metadata()
            .iter()
            .find(|s| s.visible == calamine::SheetVisible::Visible)
            .map(|s| s.name.clone())
            .or_else(|| names.first().cloned())
            .ok_or_else(|| ReadError::Spreadsheet(Message::new("read.no_sheet")))?,
    };
    let range = book.worksheet_range(&name).map_err(unreadable)?;
    let first_row = range.start().map_or(0, |(row, _)| row) as u64;
    let first_col = range.start().map_or(0, |(_, col)| col) as usize;
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            // Cells left of the range's first column are empty: keep columns where the sheet has them.
            let record: csv::StringRecord =
                std::iter::repeat_n(String::new(), first_col).chain(cells.iter().map(cell_text)).collect();
            (first_row + i as u64 + 1, record)
        })
        .collect();
    let kind = Message::new("read.kind_sheet")
        .arg("kind", workbook_kind(extension))
        .arg("extension", extension.to_lowercase())
        .arg("sheet", &name);
    Table::from_rows(rows, FileShape { kind, ..FileShape::default() })
}

fn workbook_kind(extension: &str) -> &'static str {
    match extension.to_lowercase().as_str() {
        "ods" => "OpenDocument",
        _ => "Excel",
    }
}

/// A cell as the text a CSV would hold: dates as `2026-11-23` (with the time when it has
/// one), whole numbers without a decimal point (a phone stored as a number keeps its digits).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => b.to_string(),
        // OpenDocument writes dates as ISO text, which the import reads as it is.
        Data::DateTimeIso(s) => s.clone(),
        Data::DateTime(_) => match cell.as_datetime() {
            Some(at) if at.time() == chrono::NaiveTime::MIN => at.date().to_string(),
            Some(at) => at.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => cell.as_string().unwrap_or_default(),
        },
        Data::DurationIso(s) => s.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_a_csv_would_hold_them() {
        assert_eq!(cell_text(&Data::Float(13912345678.0)), "13912345678");
        assert_eq!(cell_text(&Data::Float(12500.5)), "12500.5");
        assert_eq!(cell_text(&Data::Int(7)), "7");
        assert_eq!(cell_text(&Data::String("王伟".into())), "王伟");
        // 46349 is 2026-11-23 in Excel's 1900 calendar.
        let day = calamine::ExcelDateTime::new(46349.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(day)), "2026-11-23");
        let at = calamine::ExcelDateTime::new(46349.5, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(at)), "2026-11-23 12:00:00");
        assert_eq!(cell_text(&Data::Empty), "");
    }

    #[test]
    fn text_is_not_a_workbook() {
        assert!(!is_workbook(b"name,phone\n"));
        assert!(is_workbook(b"PK\x03\x04rest"));
    }
}
