//! One scrollable, filterable table over a row trait: every list of the app is one impl.

use crate::tui::Ctx;
use crate::tui::keymap::Action;
use crate::tui::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Cell, Row, StatefulWidget, Table, TableState, Widget};
use std::cell::Cell as StdCell;

/// A column: its header (a catalogue key) and its width.
pub struct Column {
    pub title: &'static str,
    pub width: Constraint,
    pub right: bool,
    /// Shown only when the table is at least this wide (a wide terminal shows more).
    pub from: u16,
}

pub const fn col(title: &'static str, width: Constraint) -> Column {
    Column { title, width, right: false, from: 0 }
}

pub const fn num(title: &'static str, width: Constraint) -> Column {
    Column { title, width, right: true, from: 0 }
}

impl Column {
    /// The same column, shown only when the table is at least `width` wide.
    pub const fn from(self, width: u16) -> Column {
        Column { from: width, ..self }
    }
}

/// A row the table can draw and filter.
pub trait TableRow {
    /// The cells, in column order, each with its style.
    fn cells(&self, ctx: &Ctx) -> Vec<(String, Style)>;
    /// The cells for columns this wide (in display columns, hidden ones 0): a row whose text
    /// can be shorter or longer says so here; by default the cells.
    fn cells_in(&self, ctx: &Ctx, _widths: &[u16]) -> Vec<(String, Style)> {
        self.cells(ctx)
    }
    /// The text `/` searches; by default the cells.
    fn haystack(&self, ctx: &Ctx) -> String {
        self.cells(ctx).into_iter().map(|(s, _)| s).collect::<Vec<_>>().join(" ")
    }
    /// A heading between groups of rows: drawn across the columns from its first cell, and
    /// passed over by the cursor.
    fn is_heading(&self) -> bool {
        false
    }
}

pub struct DataTable<R> {
    rows: Vec<R>,
    /// Indices of the rows the filter lets through.
    visible: Vec<usize>,
    selected: usize,
    /// Scroll position: written back while drawing so scrolling stays where the eye left it.
    offset: StdCell<usize>,
    /// Rows that fit, measured at the last draw; paging uses it.
    page: StdCell<usize>,
    filter: String,
    /// A selected column (a grid's cell cursor), drawn on the selected row.
    column: Option<usize>,
    /// Where the last draw put the rows (below the header), for a click to find its row.
    rows_area: StdCell<Rect>,
    /// Each column's first and last x at the last draw, for a click to find its column.
    columns_x: std::cell::RefCell<Vec<(u16, u16)>>,
    /// Column titles that replace the catalogue's (a week's days with their dates).
    headers: Option<Vec<String>>,
    /// False while the cursor is elsewhere on the screen: the selected row is not drawn so.
    focused: bool,
}

impl<R> Default for DataTable<R> {
    fn default() -> Self {
        DataTable {
            rows: Vec::new(),
            visible: Vec::new(),
            selected: 0,
            offset: StdCell::new(0),
            page: StdCell::new(10),
            filter: String::new(),
            column: None,
            rows_area: StdCell::new(Rect::default()),
            columns_x: Default::default(),
            headers: None,
            focused: true,
        }
    }
}

impl<R: TableRow> DataTable<R> {
    /// Replaces the rows, keeping the filter and, as far as it can, the selection.
    pub fn set_rows(&mut self, rows: Vec<R>, ctx: &Ctx) {
        self.rows = rows;
        self.apply_filter(ctx);
    }

    pub fn set_filter(&mut self, filter: &str, ctx: &Ctx) {
        self.filter = filter.to_string();
        self.apply_filter(ctx);
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// Titles for the columns in place of the catalogue's, in column order (`None` for the
    /// catalogue's again).
    pub fn set_headers(&mut self, headers: Option<Vec<String>>) {
        self.headers = headers;
    }

    /// Whether the cursor is in this table (its selected row drawn as selected) or elsewhere.
    pub fn set_focus(&mut self, focused: bool) {
        self.focused = focused;
    }

    /// Every row held, shown or not, to change in place (what a row draws, not which).
    pub fn rows_mut(&mut self) -> impl Iterator<Item = &mut R> {
        self.rows.iter_mut()
    }

    /// Each column's first and last x at the last draw (`u16::MAX` for a hidden one).
    pub fn column_spans(&self) -> Vec<(u16, u16)> {
        self.columns_x.borrow().clone()
    }

    /// Where the last draw put column `column` of the selected row.
    pub fn selected_cell_area(&self, column: usize) -> Option<Rect> {
        let area = self.rows_area.get();
        let row = self.selected.checked_sub(self.offset.get())?;
        let (a, b) = *self.columns_x.borrow().get(column)?;
        (row < area.height as usize && a != u16::MAX).then(|| Rect::new(a, area.y + row as u16, b - a + 1, 1))
    }

    fn apply_filter(&mut self, ctx: &Ctx) {
        let needle = self.filter.to_lowercase();
        self.visible = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| needle.is_empty() || r.haystack(ctx).to_lowercase().contains(&needle))
            .map(|(i, _)| i)
            .collect();
        self.selected = self.settle(self.selected.min(self.visible.len().saturating_sub(1)), true);
    }

    fn heading_at(&self, at: usize) -> bool {
        self.visible.get(at).is_some_and(|&i| self.rows[i].is_heading())
    }

    /// The nearest row from `at` that is not a heading, looking the way the cursor moves
    /// first; `at` itself when every row is one.
    fn settle(&self, at: usize, forward: bool) -> usize {
        let down = (at..self.visible.len()).find(|&i| !self.heading_at(i));
        let up = (0..=at.min(self.visible.len().saturating_sub(1))).rev().find(|&i| !self.heading_at(i));
        let found = if forward { down.or(up) } else { up.or(down) };
        found.unwrap_or(at)
    }

    /// Puts the cursor on a column of the selected row (or takes it off).
    pub fn set_column(&mut self, column: Option<usize>) {
        self.column = column;
    }

    pub fn selected(&self) -> Option<&R> {
        self.visible.get(self.selected).map(|&i| &self.rows[i]).filter(|r| !r.is_heading())
    }

    /// Stands on the row at this position among those shown; false for a heading or none.
    pub fn select_index(&mut self, at: usize) -> bool {
        if at < self.visible.len() && !self.heading_at(at) {
            self.selected = at;
            return true;
        }
        false
    }

    pub fn len(&self) -> usize {
        self.visible.len()
    }

    pub fn is_empty(&self) -> bool {
        self.visible.is_empty()
    }

    pub fn rows(&self) -> impl Iterator<Item = &R> {
        self.visible.iter().map(|&i| &self.rows[i])
    }

    /// Moves the selection; true when the action was a movement.
    /// Selects the first row shown for which `pred` holds; false when none does.
    pub fn select_where(&mut self, pred: impl Fn(&R) -> bool) -> bool {
        match self.visible.iter().position(|&i| pred(&self.rows[i])) {
            Some(at) => {
                self.selected = at;
                true
            }
            None => false,
        }
    }

    /// The position of the selected row among those shown.
    pub fn selected_index(&self) -> usize {
        self.selected
    }

    /// The row (its position among those shown) and the column at a point of the screen, as
    /// the last draw laid them out.
    pub fn cell_at(&self, x: u16, y: u16) -> Option<(usize, Option<usize>)> {
        let area = self.rows_area.get();
        if !area.contains(ratatui::layout::Position { x, y }) {
            return None;
        }
        let row = self.offset.get() + (y - area.y) as usize;
        let column = self.columns_x.borrow().iter().position(|(a, b)| (*a..=*b).contains(&x));
        (row < self.visible.len() && !self.heading_at(row)).then_some((row, column))
    }

    pub fn navigate(&mut self, action: Action) -> bool {
        let last = self.visible.len().saturating_sub(1);
        let page = self.page.get().max(1);
        let (to, forward) = match action {
            Action::Up => (self.selected.saturating_sub(1), false),
            Action::Down => ((self.selected + 1).min(last), true),
            Action::PageUp => (self.selected.saturating_sub(page), false),
            Action::PageDown => ((self.selected + page).min(last), true),
            Action::Top => (0, true),
            Action::Bottom => (last, false),
            _ => return false,
        };
        self.selected = self.settle(to, forward);
        true
    }

    /// Draws the table in `area` inside `block`; `empty` is said when there are no rows.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx, columns: &[Column], block: Block<'_>, empty: &str) {
        let inner = block.inner(area);
        block.render(area, buf);
        if self.visible.is_empty() {
            let text = if self.filter.is_empty() {
                empty.to_string()
            } else {
                format!("{} '{}'", ctx.t("table.no_match"), self.filter)
            };
            Text::from(Line::from(Span::styled(format!(" {text}"), theme::dim()))).render(inner, buf);
            return;
        }
        // The columns this width shows, and which of each row's cells they are.
        let shown: Vec<(usize, &Column)> = columns.iter().enumerate().filter(|(_, c)| inner.width >= c.from).collect();
        let title = |at: usize, c: &Column| match self.headers.as_ref().and_then(|h| h.get(at)) {
            Some(own) => own.clone(),
            None => ctx.t(c.title).to_string(),
        };
        let header = Row::new(shown.iter().map(|&(at, c)| aligned(title(at, c), Style::default(), c.right)))
            .style(theme::header());
        // The columns as the table lays them out: after the highlight symbol, one apart.
        let symbol = 2;
        let room = Rect { x: inner.x + symbol, width: inner.width.saturating_sub(symbol), ..inner };
        let cols = ratatui::layout::Layout::horizontal(shown.iter().map(|(_, c)| c.width)).spacing(1).split(room);
        let mut widths = vec![0u16; columns.len()];
        for ((at, _), c) in shown.iter().zip(cols.iter()) {
            widths[*at] = c.width;
        }
        // Only the rows that fit are built, so a frame costs the same for 20 rows or 2,000.
        let page = (inner.height as usize).saturating_sub(1).max(1);
        let mut offset = self.offset.get().min(self.visible.len().saturating_sub(1));
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + page {
            offset = self.selected + 1 - page;
        }
        // The heading over the top row stays in view while the selection fits under it.
        while offset > 0 && self.heading_at(offset - 1) && self.selected < offset - 1 + page {
            offset -= 1;
        }
        let window = &self.visible[offset..(offset + page).min(self.visible.len())];
        let rows = window.iter().map(|&i| {
            let row = &self.rows[i];
            if row.is_heading() {
                return Row::new(Vec::<Cell>::new());
            }
            let mut cells: Vec<Option<(String, Style)>> = row.cells_in(ctx, &widths).into_iter().map(Some).collect();
            Row::new(shown.iter().map(|&(at, c)| {
                let (text, style) = cells.get_mut(at).and_then(Option::take).unwrap_or_default();
                aligned(text, style, c.right)
            }))
        });
        let table = Table::new(rows, shown.iter().map(|(_, c)| c.width))
            .header(header)
            .column_spacing(1)
            .row_highlight_style(theme::selected())
            .highlight_symbol("▶ ")
            .highlight_spacing(ratatui::widgets::HighlightSpacing::Always);
        let table = table.cell_highlight_style(theme::cell());
        let mut state = TableState::default().with_selected(self.focused.then(|| self.selected - offset));
        state.select_column(self.column);
        StatefulWidget::render(table, inner, buf, &mut state);
        // A heading runs across the columns, from where the rows' text begins.
        for (n, &i) in window.iter().enumerate() {
            let row = &self.rows[i];
            if row.is_heading()
                && let Some((text, style)) = row.cells(ctx).into_iter().next()
            {
                let y = inner.y + 1 + n as u16;
                if y < inner.bottom() {
                    Line::from(Span::styled(text, style)).render(Rect { y, height: 1, ..inner }, buf);
                }
            }
        }
        self.offset.set(offset);
        self.page.set(page);
        let rows_height = (window.len() as u16).min(inner.height.saturating_sub(1));
        self.rows_area.set(Rect { y: inner.y + 1, height: rows_height, ..inner });
        // A click names a column by its place among all the columns, hidden ones included.
        let mut xs = vec![(u16::MAX, u16::MAX); columns.len()];
        for ((at, _), c) in shown.iter().zip(cols.iter()) {
            xs[*at] = (c.x, c.x + c.width.saturating_sub(1));
        }
        *self.columns_x.borrow_mut() = xs;
    }
}

fn aligned(text: String, style: Style, right: bool) -> Cell<'static> {
    let line = Line::from(Span::styled(text, style));
    Cell::from(if right { line.right_aligned() } else { line })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Name(&'static str);
    impl TableRow for Name {
        fn cells(&self, _: &Ctx) -> Vec<(String, Style)> {
            vec![(self.0.to_string(), Style::default())]
        }
    }

    fn ctx() -> Ctx {
        Ctx::fixed(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), "¥")
    }

    #[test]
    fn filter_keeps_matching_rows_and_a_valid_selection() {
        let mut table = DataTable::default();
        table.set_rows(vec![Name("Alice Chen"), Name("李娜"), Name("Bob Smith")], &ctx());
        table.navigate(Action::Bottom);
        assert_eq!(table.selected().unwrap().0, "Bob Smith");
        table.set_filter("李", &ctx());
        assert_eq!(table.len(), 1);
        assert_eq!(table.selected().unwrap().0, "李娜");
        table.set_filter("nobody", &ctx());
        assert!(table.selected().is_none());
        table.set_filter("", &ctx());
        assert_eq!(table.len(), 3);
    }

    #[test]
    fn drawing_scrolls_to_keep_the_selection_in_view() {
        const NAMES: [&str; 6] = ["r0", "r1", "r2", "r3", "r4", "r5"];
        let mut table = DataTable::default();
        table.set_rows(NAMES.iter().map(|n| Name(n)).collect(), &ctx());
        let draw = |table: &DataTable<Name>| {
            let area = Rect::new(0, 0, 12, 5);
            let mut buf = Buffer::empty(area);
            table.render(area, &mut buf, &ctx(), &[col("x", Constraint::Fill(1))], Block::bordered(), "");
            crate::tui::headless::to_text(&buf)
        };
        assert!(draw(&table).contains("r1") && !draw(&table).contains("r2"));
        table.navigate(Action::Bottom);
        let bottom = draw(&table);
        assert!(bottom.contains("▶ r5") && bottom.contains("r4") && !bottom.contains("r3"), "{bottom}");
        table.navigate(Action::Up);
        let up = draw(&table);
        assert!(up.contains("▶ r4") && up.contains("r5"), "the view jumped: {up}");
    }

    /// A heading row: `#` before its text.
    struct Row(&'static str);
    impl TableRow for Row {
        fn cells(&self, _: &Ctx) -> Vec<(String, Style)> {
            vec![(self.0.trim_start_matches('#').to_string(), Style::default()), ("x".into(), Style::default())]
        }
        fn is_heading(&self) -> bool {
            self.0.starts_with('#')
        }
    }

    #[test]
    fn the_cursor_passes_over_headings_and_a_heading_runs_across() {
        let mut table = DataTable::default();
        table.set_rows(vec![Row("#Laura Roberts · 2"), Row("a"), Row("b"), Row("#Pool · 1"), Row("c")], &ctx());
        assert_eq!(table.selected().unwrap().0, "a", "the first heading is passed over");
        table.navigate(Action::Down);
        table.navigate(Action::Down);
        assert_eq!(table.selected().unwrap().0, "c");
        table.navigate(Action::Up);
        assert_eq!(table.selected().unwrap().0, "b");
        table.navigate(Action::Top);
        assert_eq!(table.selected().unwrap().0, "a");
        table.navigate(Action::Up);
        assert_eq!(table.selected().unwrap().0, "a", "nothing above the first heading to stand on");
        assert!(!table.select_index(3), "a click on a heading selects nothing");
        assert!(table.select_index(4));
        assert_eq!(table.selected().unwrap().0, "c");
        let area = Rect::new(0, 0, 30, 8);
        let mut buf = Buffer::empty(area);
        let columns = [col("name", Constraint::Length(4)), col("x", Constraint::Length(2))];
        table.render(area, &mut buf, &ctx(), &columns, Block::bordered(), "");
        let text = crate::tui::headless::to_text(&buf);
        assert!(text.contains("│Laura Roberts · 2"), "the heading is cut by no column:\n{text}");
        assert!(text.contains("▶ c"), "{text}");
    }

    #[test]
    fn a_column_for_wide_tables_shows_only_on_them() {
        let mut table = DataTable::default();
        table.set_rows(vec![Name("Alice")], &ctx());
        let columns = [col("name", Constraint::Length(6)), col("phone", Constraint::Length(6)).from(40)];
        let draw = |width: u16| {
            let area = Rect::new(0, 0, width, 4);
            let mut buf = Buffer::empty(area);
            table.render(area, &mut buf, &ctx(), &columns, Block::bordered(), "");
            crate::tui::headless::to_text(&buf)
        };
        assert!(!draw(30).contains("phone"));
        assert!(draw(50).contains("phone"));
    }

    #[test]
    fn navigation_stays_in_bounds() {
        let mut table = DataTable::default();
        table.set_rows(vec![Name("a"), Name("b")], &ctx());
        table.navigate(Action::Up);
        assert_eq!(table.selected().unwrap().0, "a");
        table.navigate(Action::PageDown);
        assert_eq!(table.selected().unwrap().0, "b");
        assert!(!table.navigate(Action::Quit));
    }
}
