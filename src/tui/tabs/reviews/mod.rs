//! Reviews: every active rep with their latest review, those due one marked (never reviewed,
//! or past their next date), and below the selected rep's history with each rating's trend,
//! their latest texts and their onboarding. `n` writes a review of the selected rep, `Enter`
//! opens their latest, `e` edits it; `o` ticks their checklist, `t` records a training.

mod forms;
mod page;

use super::{TabView, is_movement};
use crate::domain::model::Review;
use crate::store::{self, Store};
use crate::tui::Command;
use crate::tui::forms::Spec;
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
    table: DataTable<RepRow>,
    due: usize,
}

/// An active rep with their reviews (newest first), whether one is due, and their onboarding.
struct RepRow {
    rep: String,
    rep_id: i64,
    reviews: Vec<Review>,
    /// Why a review is due (the Risks tab's "review overdue"), if it is.
    due: Option<crate::domain::risk::Flag>,
    /// Checklist items done, and in all.
    onboarding: (i64, i64),
    /// The names of the items still open.
    open_items: Vec<String>,
    /// How many training sessions, and the latest.
    training: Option<(i64, store::training::Session)>,
}

const COLUMNS: &[Column] = &[
    col("reviews.col.rep", Constraint::Fill(2)),
    col("reviews.col.period", Constraint::Length(8)),
    // The day held shows in the history below; narrow screens give its room to the name.
    col("reviews.col.reviewed", Constraint::Length(8)).from(90),
    col("reviews.col.results", Constraint::Length(7)),
    col("reviews.col.customer", Constraint::Length(8)),
    col("reviews.col.attitude", Constraint::Length(8)),
    col("reviews.col.teamwork", Constraint::Length(8)),
    num("reviews.col.overall", Constraint::Length(7)),
    col("reviews.col.next", Constraint::Length(10)),
];

use crate::text::review::stars;

impl TableRow for RepRow {
    fn cells(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        let due = self.due.is_some();
        let next = |r: Option<&Review>| match (r.and_then(|r| r.next_review_on), r) {
            (_, None) if due => (format!("‼ {}", ctx.t("reviews.never")), theme::alert()),
            (_, None) => (ctx.t("reviews.never").to_string(), theme::dim()),
            (Some(d), _) if due => (format!("‼ {}", ctx.short_date(d)), theme::alert()),
            (None, _) if due => ("‼".to_string(), theme::alert()),
            (Some(d), _) => (ctx.short_date(d), Style::default()),
            (None, _) => ("—".into(), Style::default()),
        };
        let Some(r) = self.reviews.first() else {
            let blank = ("".to_string(), Style::default());
            return vec![
                (self.rep.clone(), Style::default()),
                ("—".into(), theme::dim()),
                blank.clone(),
                blank.clone(),
                blank.clone(),
                blank.clone(),
                blank.clone(),
                blank,
                next(None),
            ];
        };
        vec![
            (self.rep.clone(), Style::default()),
            (r.period.clone(), Style::default()),
            (ctx.short_date(r.reviewed_on), Style::default()),
            (stars(r.rating_results), theme::accent()),
            (stars(r.rating_customer), theme::accent()),
            (r.rating_attitude.map(stars).unwrap_or_default(), theme::accent()),
            (stars(r.rating_teamwork), theme::accent()),
            (r.overall_shown(), Style::default()),
            next(Some(r)),
        ]
    }
}

/// A rating's trend on the review before: up, down or the same.
fn trend(now: Option<u8>, before: Option<u8>) -> &'static str {
    match (now, before) {
        (Some(n), Some(b)) if n > b => "▲",
        (Some(n), Some(b)) if n < b => "▼",
        (Some(_), Some(_)) => "=",
        _ => " ",
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
        self.table.select_where(|r| r.rep_id == id);
    }

    fn scope(&self) -> Scope {
        Scope::Reviews
    }

    fn load(&mut self, store: &Store, ctx: &Ctx) -> Result<()> {
        let conn = store.conn();
        let today = store.today();
        let t = store::settings::risk_thresholds(conn)?;
        let mut by_rep: std::collections::HashMap<i64, Vec<Review>> = Default::default();
        for (review, _) in store::reviews::list(conn)? {
            by_rep.entry(review.rep_id).or_default().push(review);
        }
        // Each rep's latest period first.
        for reviews in by_rep.values_mut() {
            reviews.sort_by_key(|r| crate::domain::review::latest_first(&r.period, r.id));
        }
        let onboarding = store::training::progress(conn)?;
        let mut open_items: std::collections::HashMap<i64, Vec<String>> = Default::default();
        for step in store::training::open_items(conn)? {
            open_items.entry(step.rep_id).or_default().push(crate::text::review::step_name(&step, ctx.cat));
        }
        let mut training = store::training::latest_sessions(conn)?;
        let rows: Vec<RepRow> = store::reps::list(conn, false)?
            .into_iter()
            .map(|rep| {
                let reviews = by_rep.remove(&rep.id).unwrap_or_default();
                let facts = crate::domain::risk::review::ReviewFacts {
                    rep_id: rep.id,
                    rep: rep.name.clone(),
                    hired_on: rep.hired_on,
                    last_review: reviews.first().map(|r| r.reviewed_on),
                    next_review: reviews.first().and_then(|r| r.next_review_on),
                };
                RepRow {
                    due: crate::domain::risk::review::flag(&facts, &t, today),
                    onboarding: onboarding.get(&rep.id).copied().unwrap_or((0, 0)),
                    open_items: open_items.remove(&rep.id).unwrap_or_default(),
                    training: training.remove(&rep.id),
                    rep: rep.name,
                    rep_id: rep.id,
                    reviews,
                }
            })
            .collect();
        self.due = rows.iter().filter(|r| r.due.is_some()).count();
        self.table.set_rows(rows, ctx);
        Ok(())
    }

    fn handle(&mut self, action: Action, _store: &Store, ctx: &Ctx) -> Result<Outcome> {
        if is_movement(action) {
            return Ok(if self.table.navigate(action) { Outcome::Consumed } else { Outcome::Ignored });
        }
        let Some(row) = self.table.selected() else { return Ok(Outcome::Ignored) };
        let form = |spec: Spec| Outcome::Run(Command::OpenForm(spec));
        let latest = row.reviews.first().map(|r| r.id);
        let none_yet = || Outcome::Run(Command::Message(ctx.tf("reviews.none_yet", &[("rep", &row.rep)])));
        Ok(match action {
            Action::Add => form(Spec::new(forms::ReviewForm::new(row.rep_id))),
            Action::Edit => match latest {
                Some(id) => form(Spec::new(forms::ReviewForm::edit(row.rep_id, id))),
                None => none_yet(),
            },
            Action::Open => match latest {
                Some(id) => Outcome::Run(Command::Show(page::view(id))),
                None => none_yet(),
            },
            Action::Checklist => form(Spec::new(forms::ChecklistForm::new(row.rep_id))),
            Action::Training => form(Spec::new(forms::TrainingForm(row.rep_id))),
            _ => Outcome::Ignored,
        })
    }

    fn filter(&self) -> &str {
        self.table.filter()
    }

    fn set_filter(&mut self, filter: &str, _store: &Store, ctx: &Ctx) -> Result<()> {
        self.table.set_filter(filter, ctx);
        Ok(())
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let detail_height = match area.height {
            h if h >= 24 => 10,
            h if h >= 16 => 6,
            _ => 0,
        };
        let [list, detail] = Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)]).areas(area);
        let title = ctx.tf("reviews.title", &[("n", &self.table.len()), ("due", &self.due)]);
        let block = Block::bordered().title(Span::styled(format!(" {title} "), theme::header()));
        self.table.render(list, buf, ctx, COLUMNS, block, ctx.t("reviews.empty"));
        let Some(row) = self.table.selected().filter(|_| detail_height > 0) else { return };
        let label = |key: &'static str| Span::styled(format!("{} ", ctx.t(key)), theme::header());
        let mut lines = Vec::new();
        if let Some(due) = &row.due {
            lines.push(Line::styled(format!("‼ {}", due.detail.text(ctx.cat)), theme::alert()));
        }
        // The history, newest first, each rating with its trend on the review before.
        for (i, r) in row.reviews.iter().enumerate().take(3) {
            // Compared with the review before of the same kind of period (a month with a month).
            let before = row.reviews[i + 1..].iter().find(|b| crate::domain::review::same_kind(&b.period, &r.period));
            let rated = |name: &'static str, now: Option<u8>, was: Option<u8>| {
                let shown = now.map(|n| n.to_string()).unwrap_or_else(|| "–".into());
                format!("{} {shown}{}  ", ctx.t(name), trend(now, was))
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{:<8} {:<7} ", r.period, ctx.short_date(r.reviewed_on)), theme::header()),
                Span::raw(rated("reviews.col.results", Some(r.rating_results), before.map(|b| b.rating_results))),
                Span::raw(rated("reviews.col.customer", Some(r.rating_customer), before.map(|b| b.rating_customer))),
                Span::raw(rated("reviews.col.attitude", r.rating_attitude, before.and_then(|b| b.rating_attitude))),
                Span::raw(rated("reviews.col.teamwork", Some(r.rating_teamwork), before.map(|b| b.rating_teamwork))),
            ]));
        }
        if let Some(r) = row.reviews.first() {
            let flat = |t: &str| t.lines().collect::<Vec<_>>().join(" / ");
            lines.push(Line::from(vec![label("reviews.strengths"), Span::raw(flat(&r.strengths))]));
            lines.push(Line::from(vec![label("reviews.improvements"), Span::raw(flat(&r.improvements))]));
            lines.push(Line::from(vec![label("reviews.plan"), Span::raw(flat(&r.plan))]));
        }
        let (done, all) = row.onboarding;
        let mut onboarding = ctx.tf("reviews.onboarding_done", &[("done", &done), ("all", &all)]);
        if !row.open_items.is_empty() {
            onboarding.push_str(&ctx.tf("reviews.onboarding_open", &[("items", &row.open_items.join(", "))]));
        }
        if let Some((n, last)) = &row.training {
            let hours = crate::text::review::hours_shown(last.minutes);
            let args: [(&str, &dyn std::fmt::Display); 4] =
                [("n", n), ("day", &ctx.short_date(last.on)), ("topic", &last.topic), ("hours", &hours)];
            onboarding.push_str(&ctx.tf("reviews.training_latest", &args));
        }
        lines.push(Line::from(vec![label("reviews.onboarding"), Span::raw(onboarding)]));
        let block = Block::bordered().title(Span::styled(format!(" {} ", row.rep), theme::header()));
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block).render(detail, buf);
    }
}
