//! Reviews: every performance review, newest first, with the selected one's notes below.

use super::{TabView, is_movement};
use crate::domain::model::Review;
use crate::store::{self, Store};
use crate::tui::keymap::{Action, Scope};
use crate::tui::theme;
use crate::tui::widgets::table::{Column, DataTable, TableRow, col, num};
use crate::tui::{Ctx, Outcome};
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

#[derive(Default)]
pub struct ReviewsTab {
    table: DataTable<ReviewRow>,
}

struct ReviewRow {
    review: Review,
    rep: String,
    /// Only the latest review of a rep has a next review still to come.
    latest: bool,
}

const COLUMNS: &[Column] = &[
    col("reviews.col.rep", Constraint::Fill(2)),
    col("reviews.col.period", Constraint::Length(8)),
    col("reviews.col.reviewed", Constraint::Length(8)),
    col("reviews.col.results", Constraint::Length(7)),
    col("reviews.col.customer", Constraint::Length(8)),
    col("reviews.col.teamwork", Constraint::Length(8)),
    num("reviews.col.overall", Constraint::Length(7)),
    col("reviews.col.next", Constraint::Length(9)),
];

fn stars(n: u8) -> String {
    format!("{}{}", "★".repeat(n as usize), "☆".repeat(5usize.saturating_sub(n as usize)))
}

impl TableRow for ReviewRow {
    fn cells(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        let r = &self.review;
        let (next, next_style) = match r.next_review_on {
            Some(d) if !self.latest => (ctx.short_date(d), theme::dim()),
            Some(d) if d < ctx.today() => (format!("‼ {}", ctx.short_date(d)), theme::alert()),
            Some(d) => (ctx.short_date(d), Style::default()),
            None => ("—".into(), Style::default()),
        };
        vec![
            (self.rep.clone(), Style::default()),
            (r.period.clone(), Style::default()),
            (ctx.short_date(r.reviewed_on), Style::default()),
            (stars(r.rating_results), theme::accent()),
            (stars(r.rating_customer), theme::accent()),
            (stars(r.rating_teamwork), theme::accent()),
            (format!("{:.1}", r.overall()), Style::default()),
            (next, next_style),
        ]
    }
}

impl TabView for ReviewsTab {
    fn cell_at(&self, x: u16, y: u16) -> Option<(usize, Option<usize>)> {
        self.table.cell_at(x, y).map(|(row, _)| (row, None))
    }

    fn cursor(&self) -> (usize, Option<usize>) {
        (self.table.selected_index(), None)
    }

    fn select_id(&mut self, id: i64, _store: &Store) {
        self.table.select_where(|r| r.review.rep_id == id);
    }

    fn scope(&self) -> Scope {
        Scope::Reviews
    }

    fn load(&mut self, store: &Store, ctx: &Ctx) -> Result<()> {
        let mut seen = std::collections::HashSet::new();
        // Newest first, so the first row of each rep is their latest review.
        let rows = store::reviews::list(store.conn())?
            .into_iter()
            .map(|(review, rep)| ReviewRow { latest: seen.insert(review.rep_id), review, rep })
            .collect();
        self.table.set_rows(rows, ctx);
        Ok(())
    }

    fn handle(&mut self, action: Action, _store: &Store, _ctx: &Ctx) -> Result<Outcome> {
        Ok(if is_movement(action) && self.table.navigate(action) { Outcome::Consumed } else { Outcome::Ignored })
    }

    fn filter(&self) -> &str {
        self.table.filter()
    }

    fn set_filter(&mut self, filter: &str, _store: &Store, ctx: &Ctx) -> Result<()> {
        self.table.set_filter(filter, ctx);
        Ok(())
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let detail_height = if area.height >= 16 { 5 } else { 0 };
        let [list, detail] = Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)]).areas(area);
        let title = ctx.tf("reviews.title", &[("n", &self.table.len())]);
        let block = Block::bordered().title(Span::styled(format!(" {title} "), theme::header()));
        self.table.render(list, buf, ctx, COLUMNS, block, ctx.t("reviews.empty"));
        if let (Some(row), true) = (self.table.selected(), detail_height > 0) {
            let r = &row.review;
            let line = |label: &'static str, text: &str| {
                Line::from(vec![
                    Span::styled(format!("{} ", ctx.t(label)), theme::header()),
                    Span::raw(text.to_string()),
                ])
            };
            let block = Block::bordered().title(Span::styled(format!(" {} · {} ", row.rep, r.period), theme::header()));
            Paragraph::new(vec![
                line("reviews.strengths", &r.strengths),
                line("reviews.improvements", &r.improvements),
                line("reviews.plan", &r.plan),
            ])
            .wrap(Wrap { trim: true })
            .block(block)
            .render(detail, buf);
        }
    }
}
