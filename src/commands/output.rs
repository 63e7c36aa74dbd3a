//! Every command prints through here: an aligned table, JSON or CSV.

use crate::cli::ListFormat;
use crate::interchange::csv_out;
use serde::Serialize;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// The command line's own formatting: what it needs to write values for a person (the
/// screens have theirs in `tui::Ctx`).
#[derive(Debug, Clone)]
pub struct Format {
    pub currency: String,
}

impl Format {
    pub fn money(&self, m: crate::domain::money::Money) -> String {
        m.display(&self.currency)
    }
}

/// Columns padded to their widest cell by display width, so Chinese names line up.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.width());
            }
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            out.push_str(cell);
            if i + 1 < cells.len() {
                out.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        out.trim_end().to_string() + "\n"
    };
    let mut out = line(header.to_vec());
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

/// Prints `items` in `format`: the table from `header` and `row`, JSON from the items themselves.
pub fn print<T: Serialize>(
    format: ListFormat,
    header: &[&str],
    items: &[T],
    row: impl Fn(&T) -> Vec<String>,
) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        ListFormat::Table => out.write_all(table(header, &items.iter().map(&row).collect::<Vec<_>>()).as_bytes())?,
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, items)?;
            writeln!(out)?;
        }
        ListFormat::Csv => csv_out::write(&mut out, header, items.iter().map(&row))?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_names_line_up() {
        let t = table(&["name", "team"], &[vec!["李娜".into(), "North".into()], vec!["Bob".into(), "South".into()]]);
        assert_eq!(t, "name  team\n李娜  North\nBob   South\n");
    }
}
