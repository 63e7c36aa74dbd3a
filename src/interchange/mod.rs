//! Files in and out: CSV with its encodings and column names, spreadsheets, and the guards a
//! CSV opened in a spreadsheet needs.

pub mod columns;
pub mod csv_in;
pub mod csv_out;
pub mod ics;
pub mod leads;
pub mod reps;
pub mod shape;
pub mod sheet;
pub mod shifts;
pub mod vocab;

/// A file as a table: a workbook (`.xlsx`, `.xls`, `.xlsb`, `.ods`, by its name or its
/// bytes) read from its sheet, anything else as delimited text in its encoding.
pub fn read_table(
    path: &std::path::Path,
    bytes: &[u8],
    encoding: csv_in::Encoding,
    sheet_name: Option<&str>,
) -> Result<csv_in::Table, csv_in::ReadError> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_lowercase();
    if matches!(extension.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods") || sheet::is_workbook(bytes) {
        return sheet::read(bytes, if extension.is_empty() { "xlsx" } else { &extension }, sheet_name);
    }
    let (text, encoding) = csv_in::decode(bytes, encoding)?;
    let mut table = csv_in::parse(&text)?;
    table.shape.encoding = Some(encoding);
    Ok(table)
}
