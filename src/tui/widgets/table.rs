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
}

pub const fn col(title: &'static str, width: Constraint) -> Column {
    Column { title, width, right: false }
}

pub const fn num(title: &'static str, width: Constraint) -> Column {
    Column { title, width, right: true }
}

/// A row the table can draw and filter.
pub trait TableRow {
    /// The cells, in column order, each with its style.
    fn cells(&self, ctx: &Ctx) -> Vec<(String, Style)>;
    /// The text `/` searches; by default the cells.
    fn haystack(&self, ctx: &Ctx) -> String {
        self.cells(ctx).into_iter().map(|(s, _)| s).collect::<Vec<_>>().join(" ")
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

    fn apply_filter(&mut self, ctx: &Ctx) {
        let needle = self.filter.to_lowercase();
        self.visible = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| needle.is_empty() || r.haystack(ctx).to_lowercase().contains(&needle))
            .map(|(i, _)| i)
            .collect();
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    /// Puts the cursor on a column of the selected row (or takes it off).
    pub fn set_column(&mut self, column: Option<usize>) {
        self.column = column;
    }

    pub fn selected(&self) -> Option<&R> {
        self.visible.get(self.selected).map(|&i| &self.rows[i])
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
        (row < self.visible.len()).then_some((row, column))
    }

    pub fn navigate(&mut self, action: Action) -> bool {
        let last = self.visible.len().saturating_sub(1);
        let page = self.page.get().max(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        };
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
        let header = Row::new(columns.iter().map(|c| aligned(ctx.t(c.title).to_string(), Style::default(), c.right)))
            .style(theme::header());
        // Only the rows that fit are built, so a frame costs the same for 20 rows or 2,000.
        let page = (inner.height as usize).saturating_sub(1).max(1);
        let mut offset = self.offset.get().min(self.visible.len().saturating_sub(1));
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + page {
            offset = self.selected + 1 - page;
        }
        let window = &self.visible[offset..(offset + page).min(self.visible.len())];
        let rows = window.iter().map(|&i| {
            Row::new(
                self.rows[i]
                    .cells(ctx)
                    .into_iter()
                    .zip(columns)
                    .map(|((text, style), c)| aligned(text, style, c.right)),
            )
        });
        let table = Table::new(rows, columns.iter().map(|c| c.width))
            .header(header)
            .column_spacing(1)
            .row_highlight_style(theme::selected())
            .highlight_symbol("▶ ");
        let table = table.cell_highlight_style(theme::cell());
        let mut state = TableState::default().with_selected(Some(self.selected - offset));
        state.select_column(self.column);
        StatefulWidget::render(table, inner, buf, &mut state);
        self.offset.set(offset);
        self.page.set(page);
        let rows_height = (window.len() as u16).min(inner.height.saturating_sub(1));
        self.rows_area.set(Rect { y: inner.y + 1, height: rows_height, ..inner });
        // The columns as the table lays them out: after the highlight symbol, one apart.
        let symbol = 2;
        let room = Rect { x: inner.x + symbol, width: inner.width.saturating_sub(symbol), ..inner };
        let cols = ratatui::layout::Layout::horizontal(columns.iter().map(|c| c.width)).spacing(1).split(room);
        *self.columns_x.borrow_mut() = cols.iter().map(|c| (c.x, c.x + c.width.saturating_sub(1))).collect();
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
