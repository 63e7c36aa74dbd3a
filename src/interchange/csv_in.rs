//! Reading a CSV as spreadsheets and CRMs write it: UTF-8 with or without BOM, GBK /
//! GB18030 from spreadsheets saved in China, CRLF or LF, quoted fields with newlines.

use crate::domain::message::Message;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 when the bytes are valid UTF-8 (BOM or not), else GB18030 when they read as it,
    /// else Windows-1252.
    Auto,
    Utf8,
    Gbk,
    Windows1252,
}

/// Why a file cannot be read. Each says what to do as a [`Message`] of the catalogue.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadError {
    NotUtf8,
    NoHeader,
    Csv { line: u64, message: String },
    UnclosedQuote { line: u64 },
    Spreadsheet(Message),
    BadMap(String),
    UnknownField { field: String, kind: &'static str, known: String },
    UnknownColumn(String),
    BadValues(String),
    BadValueWord { item: String, field: &'static str, words: &'static str },
    WrongKind(Message),
    Missing { field: &'static str },
}

impl std::error::Error for ReadError {}

impl ReadError {
    pub fn message(&self) -> Message {
        match self {
            ReadError::NotUtf8 => Message::new("read.not_utf8"),
            ReadError::NoHeader => Message::new("read.no_header"),
            ReadError::Csv { line, message } => Message::new("read.csv").arg("line", line).arg("error", message),
            ReadError::UnclosedQuote { line } => Message::new("read.unclosed_quote").arg("line", line),
            ReadError::Spreadsheet(m) | ReadError::WrongKind(m) => m.clone(),
            ReadError::BadMap(item) => Message::new("read.bad_map").arg("item", item),
            ReadError::UnknownField { field, kind, known } => {
                Message::new("read.unknown_field").arg("field", field).arg("kind", kind).arg("known", known)
            }
            ReadError::UnknownColumn(column) => Message::new("read.unknown_column").arg("column", column),
            ReadError::BadValues(item) => Message::new("read.bad_values").arg("item", item),
            ReadError::BadValueWord { item, field, words } => {
                Message::new("read.bad_value_word").arg("item", item).arg("field", field).arg("words", words)
            }
            ReadError::Missing { field } => Message::new("read.missing").arg("field", field),
        }
    }
}

/// Decodes the bytes of a file to text, with the name of the encoding it was read in.
pub fn decode(bytes: &[u8], encoding: Encoding) -> Result<(String, &'static str), ReadError> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let utf8 = |b: &[u8]| -> Option<(String, &'static str)> {
        let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
        std::str::from_utf8(b).ok().map(|t| (t.to_string(), if bom { "UTF-8 with BOM" } else { "UTF-8" }))
    };
    let gbk = |b: &[u8]| (encoding_rs::GB18030.decode(b).0.into_owned(), "GBK (GB18030)");
    let western = |b: &[u8]| (encoding_rs::WINDOWS_1252.decode(b).0.into_owned(), "Windows-1252");
    // Not UTF-8: GBK when every byte reads as GBK, else the Western "ANSI" of Windows
    // (José, Café), which any bytes read as.
    let guess = |b: &[u8]| {
        let (text, _, broken) = encoding_rs::GB18030.decode(b);
        if broken { western(b) } else { (text.into_owned(), "GBK (GB18030)") }
    };
    // Excel's "Unicode text" is UTF-16 with its byte-order mark, whatever was asked.
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Ok((encoding_rs::UTF_16LE.decode(bytes).0.into_owned(), "UTF-16"));
    }
    match encoding {
        Encoding::Utf8 => utf8(bytes).ok_or(ReadError::NotUtf8),
        Encoding::Gbk => Ok(gbk(bytes)),
        Encoding::Windows1252 => Ok(western(bytes)),
        Encoding::Auto => Ok(utf8(bytes).unwrap_or_else(|| guess(bytes))),
    }
}

/// A header written the way it is compared: lower case, words separated by one space.
pub fn normalise_header(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace(['_', '-', '.'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A table read from a file: its header and its records, each with its line number, and
/// what the file turned out to be.
pub struct Table {
    pub header: Vec<String>,
    /// Each record with its line: one buffer for all its cells rather than a string per cell.
    pub records: Vec<(u64, csv::StringRecord)>,
    pub shape: FileShape,
}

/// What a file turned out to be, as the import report says it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileShape {
    /// `CSV separated by ';'`, `Excel workbook (.xlsx), sheet 客户`, as a sentence.
    pub kind: Message,
    /// The text encoding, for text files.
    pub encoding: Option<&'static str>,
    /// The column separator of a text file; a spreadsheet has none.
    pub separator: Option<u8>,
    /// Lines that repeat the header (files pasted together), skipped.
    pub repeated_headers: Vec<u64>,
    /// Lines above the header that only caption the table, skipped.
    pub title_lines: Vec<u64>,
    /// Lines below the data that are a report's footer (title, copyright), skipped.
    pub footer_lines: Vec<u64>,
    /// Rows that add up the others (`Total`, `合计`), skipped.
    pub total_lines: Vec<u64>,
    /// Rows with more cells than the header has columns, and how many: a value with the
    /// separator in it and no quotes shifts every cell after it, so such a row is refused.
    pub ragged: Vec<(u64, usize)>,
}

/// Parses a delimited text whose separator is found from its header line, or from the
/// `sep=;` line Excel writes before it.
pub fn parse(text: &str) -> Result<Table, ReadError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = body.lines().next().unwrap_or_default();
    match first.strip_prefix("sep=").map(str::as_bytes) {
        Some(&[separator]) => {
            // The hint line is blanked, not removed, so every line keeps its number.
            let rest = &body[first.len()..];
            parse_with(&format!("{}{rest}", " ".repeat(first.len())), separator)
        }
        _ => parse_with(text, super::shape::sniff_separator(text)),
    }
}

pub fn parse_with(text: &str, separator: u8) -> Result<Table, ReadError> {
    // The csv reader miscounts lines after a CRLF; LF alone keeps line numbers true. A file
    // from an old Mac ends its lines with CR alone.
    let text: std::borrow::Cow<str> = if text.contains("\r\n") {
        text.replace("\r\n", "\n").into()
    } else if text.contains('\r') && !text.contains('\n') {
        text.replace('\r', "\n").into()
    } else {
        text.into()
    };
    if let Some(line) = super::shape::unclosed_quote(&text, separator) {
        return Err(ReadError::UnclosedQuote { line });
    }
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).has_headers(false).delimiter(separator).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Line numbers are counted from byte offsets: the reader's own count skips blank lines.
    let (mut counted_to, mut line) = (0usize, 1u64);
    let mut line_at = |byte: usize| {
        // A record's position can be where the blank lines before it begin.
        let mut byte = byte.min(text.len());
        while text.as_bytes().get(byte) == Some(&b'\n') {
            byte += 1;
        }
        if byte > counted_to {
            line += text.as_bytes()[counted_to..byte].iter().filter(|&&b| b == b'\n').count() as u64;
            counted_to = byte;
        }
        line
    };
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Csv {
            line: e.position().map(|p| line_at(p.byte() as usize)).unwrap_or(0),
            message: e.to_string(),
        })?;
        let start = record.position().map_or(0, |p| p.byte() as usize);
        // The reader skips blank lines; the table keeps one where it stood (a footer follows one).
        if text.as_bytes().get(start) == Some(&b'\n') && start > 0 {
            rows.push((0, csv::StringRecord::new()));
        }
        let line = line_at(start);
        let guarded = record.iter().any(|c| super::csv_out::restore(c).len() != c.len());
        let record = if guarded { record.iter().map(super::csv_out::restore).collect() } else { record };
        rows.push((line, record));
    }
    let kind = match separator {
        b'\t' => Message::new("read.kind_csv_tabs"),
        other => Message::new("read.kind_csv").arg("separator", super::shape::separator_name(other)),
    };
    Table::from_rows(rows, FileShape { kind, separator: Some(separator), ..FileShape::default() })
}

/// Whether a row's first cell says it adds up the rows above (`Total`, `合计`).
fn is_total(first: &str) -> bool {
    const TOTALS: &[&str] =
        &["total", "totals", "grand total", "sum", "subtotal", "sub total", "合计", "总计", "小计", "共计", "汇总"];
    // Most first cells are names, which a look at their first letter and length settles.
    let first = first.trim();
    if first.to_ascii_lowercase().starts_with("grand total") {
        return true;
    }
    if first.len() > 12 || !first.starts_with(['t', 'T', 's', 'S', 'g', 'G', '合', '总', '小', '共', '汇']) {
        return false;
    }
    let t = normalise_header(first);
    TOTALS.contains(&t.trim_end_matches([':', '：']))
}

/// Whether a cell is a line of a report's footer: its copyright, confidentiality, author.
fn is_footer(cell: &str) -> bool {
    let t = cell.trim().to_lowercase();
    ["copyright", "confidential", "generated by", "all rights reserved", "do not distribute"]
        .iter()
        .any(|w| t.contains(w))
}

/// How many cells of a row hold something.
fn filled(record: &csv::StringRecord) -> usize {
    record.iter().filter(|c| !c.trim().is_empty()).count()
}

impl Table {
    /// A table from every row of a file, its header among them: title rows above the header
    /// (one cell, as a spreadsheet's caption) and a report's footer below the data (one-cell
    /// rows after a blank one) are set aside and said; so are blank rows and rows that
    /// repeat the header.
    pub fn from_rows(rows: Vec<(u64, csv::StringRecord)>, mut shape: FileShape) -> Result<Table, ReadError> {
        // The header is the first row near the top at least two thirds as wide as the widest:
        // captions above it ("客户列表", "导出人：张三") hold a cell or two.
        let widest = rows.iter().take(10).map(|(_, r)| filled(r)).max().unwrap_or(0);
        let at = rows
            .iter()
            .take(10)
            .position(|(_, r)| filled(r) >= 2 && filled(r) * 3 >= widest * 2)
            .or_else(|| rows.iter().position(|(_, r)| filled(r) >= 1))
            .ok_or(ReadError::NoHeader)?;
        shape.title_lines = rows[..at].iter().filter(|(_, r)| filled(r) > 0).map(|(l, _)| *l).collect();
        let header: Vec<String> = rows[at].1.iter().map(str::to_string).collect();
        let mut body: Vec<(u64, csv::StringRecord)> = rows.into_iter().skip(at + 1).collect();
        while body.last().is_some_and(|(_, r)| filled(r) == 0) {
            body.pop();
        }
        if header.iter().filter(|h| !h.trim().is_empty()).count() >= 3 {
            let cut = body.iter().rposition(|(_, r)| filled(r) != 1).map_or(0, |i| i + 1);
            // A report's footer follows a blank row, or says what it is.
            let says_so = body[cut..].iter().any(|(_, r)| r.iter().any(is_footer));
            if cut < body.len() && cut > 0 && (filled(&body[cut - 1].1) == 0 || says_so) {
                shape.footer_lines = body[cut..].iter().map(|(l, _)| *l).collect();
                body.truncate(cut);
            }
        }
        Ok(Table::new(header, body, shape))
    }

    /// A table of these rows, without its blank rows and the rows that repeat its header.
    pub fn new(header: Vec<String>, records: Vec<(u64, csv::StringRecord)>, mut shape: FileShape) -> Table {
        let normal: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
        // Letters and digits alone, lower case: a cheap first test before the full comparison.
        fn letters(s: &str) -> impl Iterator<Item = char> + '_ {
            s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase)
        }
        let repeats_header = |record: &csv::StringRecord| {
            record.len() >= normal.len()
                && record.get(0).is_some_and(|c| letters(c).eq(letters(&normal[0])))
                && normal.iter().zip(record.iter()).all(|(h, c)| *h == normalise_header(c))
        };
        let records = records
            .into_iter()
            .filter(|(line, record)| {
                if record.iter().all(|c| c.trim().is_empty()) {
                    return false;
                }
                if repeats_header(record) {
                    shape.repeated_headers.push(*line);
                    return false;
                }
                if record.iter().find(|c| !c.trim().is_empty()).is_some_and(is_total) {
                    shape.total_lines.push(*line);
                    return false;
                }
                if record.iter().skip(header.len()).any(|c| !c.trim().is_empty()) {
                    shape.ragged.push((*line, record.len()));
                    return false;
                }
                true
            })
            .collect();
        Table { header, records, shape }
    }
}
/// Record names that exports put before a column's own name.
const RECORD_PREFIXES: [&str; 7] =
    ["deal ", "person ", "organization ", "lead ", "contact ", "opportunity ", "account "];

/// A header's field name after the record it belongs to, normalised: Pipedrive and others
/// write every column as record and field ("Deal - Value", "Person - Phone"). A header
/// without such a mark is no record's field: "Account Name" is a name of its own.
pub fn record_field(raw: &str) -> Option<String> {
    if !raw.contains(['-', ':', '.']) {
        return None;
    }
    let normal = normalise_header(raw);
    RECORD_PREFIXES.iter().find_map(|p| normal.strip_prefix(p)).map(str::to_string)
}

/// Which column holds each field: `--map` first, then the names each field is known by.
pub fn map_columns(
    header: &[String],
    aliases: &[(&'static str, &[&str])],
    overrides: &[String],
    kind: &'static str,
) -> Result<HashMap<&'static str, usize>, ReadError> {
    let normal: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
    let fields: Vec<Option<String>> = header.iter().map(|h| record_field(h)).collect();
    let mut map = HashMap::new();
    // Whole names first, for every field; a column's name without its record prefix only for
    // the fields still without one, and only among the columns no whole name took.
    for (field, names) in aliases {
        if let Some(i) = names.iter().find_map(|n| normal.iter().position(|h| h == &normalise_header(n))) {
            map.insert(*field, i);
        }
    }
    for (field, names) in aliases {
        if map.contains_key(field) {
            continue;
        }
        let free = |i: usize| !map.values().any(|&taken| taken == i);
        let found = names.iter().find_map(|n| {
            fields.iter().enumerate().position(|(i, f)| free(i) && f.as_deref() == Some(normalise_header(n).as_str()))
        });
        if let Some(i) = found {
            map.insert(*field, i);
        }
    }
    // `--map value=Amount, EUR` arrives split at its comma: a piece without `=` belongs to
    // the column name before it.
    let mut items: Vec<String> = Vec::new();
    for item in overrides.iter().filter(|o| !o.trim().is_empty()) {
        match items.last_mut() {
            Some(last) if !item.contains('=') => *last = format!("{last},{item}"),
            _ => items.push(item.clone()),
        }
    }
    for item in &items {
        let (field, column) = item.split_once('=').ok_or_else(|| ReadError::BadMap(item.clone()))?;
        let field =
            aliases.iter().map(|(f, _)| *f).find(|f| *f == field.trim()).ok_or_else(|| ReadError::UnknownField {
                field: field.trim().to_string(),
                kind,
                known: aliases.iter().map(|(f, _)| *f).collect::<Vec<_>>().join(" "),
            })?;
        let i = normal
            .iter()
            .position(|h| h == &normalise_header(column))
            .ok_or_else(|| ReadError::UnknownColumn(column.trim().to_string()))?;
        map.insert(field, i);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_and_gbk() {
        assert_eq!(decode(b"\xEF\xBB\xBFname\n", Encoding::Auto).unwrap(), ("name\n".into(), "UTF-8 with BOM"));
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,电话\n李娜,139\n");
        assert_eq!(decode(&gbk, Encoding::Auto).unwrap(), ("姓名,电话\n李娜,139\n".into(), "GBK (GB18030)"));
        assert_eq!(decode(&gbk, Encoding::Utf8), Err(ReadError::NotUtf8));
        assert_eq!(decode(&gbk, Encoding::Gbk).unwrap().0, "姓名,电话\n李娜,139\n");
        let (ansi, _, _) = encoding_rs::WINDOWS_1252.encode("First,Last,Company\nJosé,García,Café Sol\n");
        assert_eq!(
            decode(&ansi, Encoding::Auto).unwrap(),
            ("First,Last,Company\nJosé,García,Café Sol\n".into(), "Windows-1252")
        );
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("姓名\t电话\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16, Encoding::Auto).unwrap(), ("姓名\t电话\n".into(), "UTF-16"));
    }

    #[test]
    fn captions_footers_and_the_excel_separator_line() {
        let t = parse("sep=;\nName;Phone;Email\nAna;1;a@x\n\nBo;2;b@x\n").unwrap();
        assert_eq!((t.header[0].as_str(), t.shape.separator), ("Name", Some(b';')));
        assert_eq!(t.records.iter().map(|r| r.0).collect::<Vec<_>>(), [3, 5], "lines keep their numbers");
        let t = parse("客户列表,,,,\n导出时间：2026-11-23,导出人：张三,,,\n姓名,电话,邮箱,公司,负责人\n王伟,139,,,\n")
            .unwrap();
        assert_eq!((t.header[0].as_str(), t.shape.title_lines.as_slice()), ("姓名", &[1, 2][..]));
        let mac = parse("name,phone\rAna,1\rBo,2\r").unwrap();
        assert_eq!(mac.records.iter().map(|r| r.0).collect::<Vec<_>>(), [2, 3], "lines of an old Mac file");
        let report = "Name,Phone,Email\nAna,1,a@x\n\n\"Leads report\"\n\"Copyright (c) 2000-2026 salesforce.com, inc.\"\nConfidential\n";
        let t = parse(report).unwrap();
        assert_eq!((t.records.len(), t.shape.footer_lines.as_slice()), (1, &[4, 5, 6][..]));
        let t = parse("Name,Phone,Email\nAna,1,a@x\nGrand Totals (1 records),,\n\"Confidential Information - Do Not Distribute\"\n").unwrap();
        assert_eq!(
            (t.records.len(), t.shape.total_lines.as_slice(), t.shape.footer_lines.as_slice()),
            (1, &[][..], &[3, 4][..])
        );
        // A last row with one cell and no blank line before it is data.
        assert_eq!(parse("Name,Phone,Email\nAna,1,a@x\nBo,,\n").unwrap().records.len(), 2);
    }

    #[test]
    fn parses_crlf_quotes_and_newlines_with_line_numbers() {
        let t = parse("name,note\r\n\"Baker, Tom\",\"two\nlines\"\r\n\r\nAna,x\r\n").unwrap();
        assert_eq!(t.header, ["name", "note"]);
        assert_eq!(t.records[0], (2, csv::StringRecord::from(vec!["Baker, Tom", "two\nlines"])));
        assert_eq!(t.records[1].0, 5);
    }

    #[test]
    fn maps_known_names_and_overrides() {
        let header: Vec<String> = ["Full Name", "手机", "Region"].iter().map(|s| s.to_string()).collect();
        let aliases: &[(&str, &[&str])] =
            &[("name", &["name", "full name"]), ("phone", &["phone", "手机"]), ("team", &["team"])];
        let map = map_columns(&header, aliases, &["team=region".into()], "reps").unwrap();
        assert_eq!((map["name"], map["phone"], map["team"]), (0, 1, 2));
        assert!(matches!(
            map_columns(&header, aliases, &["boss=Region".into()], "reps"),
            Err(ReadError::UnknownField { .. })
        ));
        assert!(matches!(
            map_columns(&header, aliases, &["team=nowhere".into()], "reps"),
            Err(ReadError::UnknownColumn(_))
        ));
        assert!(matches!(map_columns(&header, aliases, &["team".into()], "reps"), Err(ReadError::BadMap(_))));
    }
}
