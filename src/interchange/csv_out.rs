//! Writing CSV that is safe to open in a spreadsheet and reads back exactly.

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) gets a leading `'`.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@']) { format!("'{cell}") } else { cell.to_string() }
}

/// Undoes [`neutralise`] on import, so a round trip is exact.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// A CSV file written row by row, every cell neutralised.
pub struct Writer<W: std::io::Write> {
    inner: csv::Writer<W>,
}

impl<W: std::io::Write> Writer<W> {
    pub fn new(out: W, header: &[&str]) -> csv::Result<Self> {
        let mut inner = csv::Writer::from_writer(out);
        inner.write_record(header)?;
        Ok(Writer { inner })
    }

    /// Writes out what is buffered; call it before the output is used.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.inner.flush()
    }

    pub fn row(&mut self, cells: Vec<String>) -> crate::store::Result<()> {
        self.inner
            .write_record(cells.iter().map(|c| neutralise(c)))
            .map_err(|e| crate::store::StoreError::Write(std::io::Error::other(e)))
    }
}

/// Writes a header and rows as CSV, every cell neutralised.
pub fn write<W: std::io::Write>(out: W, header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> csv::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.iter().map(|c| neutralise(c)))?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored() {
        for cell in ["=SUM(A1)", "+86 139", "-5", "@x", "plain", "'quoted"] {
            assert_eq!(restore(&neutralise(cell)), cell);
        }
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("'plain"), "'plain");
    }
}
