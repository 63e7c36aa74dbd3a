//! Leads: the morning review queue, with the selected lead's detail and latest activities.

mod detail;
mod forms;
mod writes;

use super::{TabView, is_movement};
use crate::domain::model::Lead;
use crate::domain::queue::{FollowUp, QueueReason};
use crate::store::leads::{ActivityRow, Browse, QueueRow};
use crate::store::{self, Store};
use crate::tui::forms::Spec;
use crate::tui::keymap::{Action, Scope};
use crate::tui::theme;
use crate::tui::widgets::table::{Column, DataTable, TableRow, col};
use crate::tui::{Command, Ctx, Outcome};
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

/// `text` padded with spaces to `width` display columns (a Chinese name counts double).
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width()) + 1))
}

/// How many queue rows the tab holds; the title still counts them all.
const QUEUE_LIMIT: usize = 500;
const DETAIL_ACTIVITIES: usize = 3;

/// What the tab lists: today's queue, or one of the ways to browse the open leads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum View {
    #[default]
    Queue,
    Browse(Browse),
}

impl View {
    fn next(self) -> View {
        match self {
            View::Queue => View::Browse(Browse::All),
            View::Browse(Browse::All) => View::Browse(Browse::ByRep),
            View::Browse(Browse::ByRep) => View::Browse(Browse::ByStage),
            View::Browse(Browse::ByStage | Browse::Everyone) => View::Queue,
        }
    }

    fn title(self) -> &'static str {
        match self {
            View::Queue => "leads.title",
            View::Browse(Browse::All) => "leads.title_all",
            View::Browse(Browse::ByRep) => "leads.title_by_rep",
            View::Browse(Browse::ByStage) => "leads.title_by_stage",
            View::Browse(Browse::Everyone) => "leads.title_filtered",
        }
    }
}

#[derive(Default)]
pub struct LeadsTab {
    view: View,
    table: DataTable<QueueEntry>,
    total: i64,
    filter_text: String,
    detail: Option<(Lead, Option<String>, Vec<ActivityRow>)>,
}

struct QueueEntry {
    row: QueueRow,
    /// Its protection ends within the warning days.
    lapsing: bool,
}

const COLUMNS: &[Column] = &[
    col("leads.col.due", Constraint::Length(9)),
    col("leads.col.customer", Constraint::Fill(2)),
    col("leads.col.company", Constraint::Fill(2)),
    col("leads.col.owner", Constraint::Fill(1)),
    col("leads.col.stage", Constraint::Length(9)),
    col("leads.col.touch", Constraint::Length(9)),
    col("leads.col.protected", Constraint::Length(9)),
];

impl TableRow for QueueEntry {
    fn cells(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        let r = &self.row;
        let (due, style) = match (r.reason, FollowUp::of(r.next_follow_up, ctx.today())) {
            (_, FollowUp::Overdue(n)) => (format!("‼ {}", ctx.tf("time.overdue_days", &[("n", &n)])), theme::alert()),
            (_, FollowUp::Today) => (format!("● {}", ctx.t("time.today")), theme::warn()),
            (Some(QueueReason::NewUnassigned), _) => (format!("○ {}", ctx.t("leads.new")), theme::accent()),
            (Some(QueueReason::Expiring), _) => (format!("⌛ {}", ctx.t("leads.lapsing")), theme::warn()),
            (Some(QueueReason::Stale), f) => (
                format!("~ {}", ctx.t("leads.stale")),
                if matches!(f, FollowUp::Planned(_)) { theme::dim() } else { theme::warn() },
            ),
            (_, f) => (f.marker().to_string(), Style::default()),
        };
        let touch = ctx.days_ago(r.last_activity_at.map(|t| t.date()));
        let protected = match (r.owner.as_ref(), r.protected_until) {
            (None, _) => ctx.t("leads.pool").to_string(),
            (Some(_), Some(until)) if until < ctx.today() => ctx.t("leads.lapsed").to_string(),
            (Some(_), Some(until)) if self.lapsing => format!("⌛ {}", ctx.short_date(until)),
            (Some(_), Some(until)) => format!("→ {}", ctx.short_date(until)),
            (Some(_), None) => "—".into(),
        };
        vec![
            (due, style),
            (r.name.clone(), Style::default()),
            (r.company.clone().unwrap_or_default(), Style::default()),
            (r.owner.clone().unwrap_or_else(|| "—".into()), Style::default()),
            (ctx.cat.label(r.stage).to_string(), Style::default()),
            (touch, Style::default()),
            (protected, Style::default()),
        ]
    }
}

impl LeadsTab {
    fn load_detail(&mut self, store: &Store) -> Result<()> {
        self.detail = match self.table.selected() {
            None => None,
            Some(entry) => {
                let lead = store::leads::get(store.conn(), entry.row.id)?;
                let activities = store::leads::recent_activities(store.conn(), lead.id, DETAIL_ACTIVITIES)?;
                Some((lead, entry.row.owner.clone(), activities))
            }
        };
        Ok(())
    }

    fn load_rows(&mut self, store: &Store, ctx: &Ctx, filter: &str) -> Result<()> {
        let day = crate::service::queue_day(store)?;
        // A search looks through every lead, closed ones too: is this customer already ours?
        let rows = match self.view {
            _ if !filter.trim().is_empty() => {
                store::leads::browse(store.conn(), Browse::Everyone, &day, filter, QUEUE_LIMIT)?
            }
            View::Queue => store::leads::review_queue(store.conn(), &day, filter, QUEUE_LIMIT)?,
            View::Browse(view) => store::leads::browse(store.conn(), view, &day, filter, QUEUE_LIMIT)?,
        };
        self.total = if filter.is_empty() && self.view == View::Queue {
            store.queue_counts(&day)?.iter().map(|(_, n)| n).sum()
        } else {
            rows.len() as i64
        };
        // The store already filtered; the table keeps the text only to say what was asked.
        // Only a lead without progress is about to be lost to the pool; one that moved on renews.
        let lapsing = |row: &QueueRow| {
            row.no_progress && row.protected_until.is_some_and(|u| day.today <= u && u <= day.warn_until())
        };
        self.table.set_rows(rows.into_iter().map(|row| QueueEntry { lapsing: lapsing(&row), row }).collect(), ctx);
        self.table.set_filter("", ctx);
        self.filter_text = filter.to_string();
        self.load_detail(store)
    }

    fn render_detail(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let Some((lead, owner, activities)) = &self.detail else { return };
        let title = [Some(lead.name.as_str()), lead.company.as_deref(), lead.phone.as_deref(), lead.email.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        let block = Block::bordered().title(Span::styled(format!(" {title} "), theme::header()));
        let mut facts = vec![
            ctx.cat.label(lead.stage).to_string(),
            ctx.tf("leads.estimated", &[("value", &ctx.money(lead.estimated_value))]),
            ctx.cat.label(lead.category).to_string(),
        ];
        if let Some(source) = &lead.source {
            facts.push(ctx.tf("leads.source", &[("source", source)]));
        }
        match (owner, lead.claimed_on, lead.protected_until) {
            (Some(o), Some(since), Some(until)) => facts.push(ctx.tf(
                "leads.owned",
                &[("owner", o), ("since", &ctx.cat.day_month(since)), ("until", &ctx.cat.day_month(until))],
            )),
            (Some(o), _, _) => facts.push(ctx.tf("leads.owner", &[("owner", o)])),
            (None, _, _) => facts.push(ctx.t("leads.in_pool").to_string()),
        }
        let mut lines = vec![Line::raw(facts.join(" · "))];
        for a in activities {
            lines.push(Line::from(vec![
                Span::styled(pad(&ctx.short_date(a.at.date()), 7), theme::dim()),
                Span::raw(pad(ctx.cat.label(a.kind), 8)),
                Span::raw(pad(a.rep.as_deref().unwrap_or_default(), 14)),
                Span::raw(a.outcome.clone().or_else(|| a.note.clone()).unwrap_or_default()),
            ]));
        }
        if activities.is_empty() {
            lines.push(Line::styled(ctx.t("leads.no_activity"), theme::dim()));
        }
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block).render(area, buf);
    }
}

impl TabView for LeadsTab {
    fn select_id(&mut self, id: i64, store: &Store) {
        if self.table.select_where(|e| e.row.id == id) {
            let _ = self.load_detail(store);
        }
    }

    fn cell_at(&self, x: u16, y: u16) -> Option<(usize, Option<usize>)> {
        self.table.cell_at(x, y).map(|(row, _)| (row, None))
    }

    fn cursor(&self) -> (usize, Option<usize>) {
        (self.table.selected_index(), None)
    }

    fn scope(&self) -> Scope {
        Scope::Leads
    }

    fn load(&mut self, store: &Store, ctx: &Ctx) -> Result<()> {
        let filter = self.filter_text.clone();
        self.load_rows(store, ctx, &filter)
    }

    fn handle(&mut self, action: Action, store: &Store, ctx: &Ctx) -> Result<Outcome> {
        if is_movement(action) && self.table.navigate(action) {
            self.load_detail(store)?;
            return Ok(Outcome::Consumed);
        }
        if action == Action::Add {
            return Ok(Outcome::Run(Command::OpenForm(Spec::new(forms::LeadForm(None)))));
        }
        if action == Action::View {
            self.view = self.view.next();
            self.load(store, ctx)?;
            return Ok(Outcome::Consumed);
        }
        let Some(id) = self.table.selected().map(|e| e.row.id) else { return Ok(Outcome::Ignored) };
        let form = |purpose| Ok(Outcome::Run(Command::OpenForm(purpose)));
        match action {
            Action::Open => Ok(Outcome::Run(Command::Show(detail::view(id)))),
            Action::Log => form(Spec::new(forms::LogForm::new(id))),
            Action::SetStage => form(Spec::new(forms::StageForm(id, forms::StageKind::Any))),
            Action::FollowUp => form(Spec::new(forms::FollowUpForm::new(id))),
            Action::Assign => form(Spec::new(forms::AssignForm::new(id))),
            Action::Won => form(Spec::new(forms::StageForm(id, forms::StageKind::Win))),
            Action::Lost => form(Spec::new(forms::StageForm(id, forms::StageKind::Lose))),
            Action::Edit => form(Spec::new(forms::LeadForm(Some(id)))),
            Action::Merge => form(Spec::new(forms::MergeForm(id))),
            Action::Release => {
                let Some(entry) = self.table.selected() else { return Ok(Outcome::Ignored) };
                let Some(owner) = entry.row.owner.clone() else {
                    let message = ctx.tf("leads.already_in_pool", &[("name", &entry.row.name)]);
                    return Ok(Outcome::Run(Command::Message(message)));
                };
                let message = ctx.tf("leads.confirm_release", &[("name", &entry.row.name), ("owner", &owner)]);
                let then = Box::new(Command::Change(writes::release(id)));
                Ok(Outcome::Run(Command::Confirm { message, then }))
            }
            _ => Ok(Outcome::Ignored),
        }
    }

    fn filter(&self) -> &str {
        &self.filter_text
    }

    fn filter_searches_store(&self) -> bool {
        true
    }

    fn set_filter(&mut self, filter: &str, store: &Store, ctx: &Ctx) -> Result<()> {
        // A search reaches every lead in the queue, not only the rows held: the store filters.
        self.load_rows(store, ctx, filter)
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let detail_height = if self.detail.is_some() && area.height >= 16 { 3 + DETAIL_ACTIVITIES as u16 } else { 0 };
        let [list, detail] = Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)]).areas(area);
        let title = if self.filter_text.is_empty() {
            ctx.tf(self.view.title(), &[("n", &self.total)])
        } else {
            ctx.tf("leads.title_filtered", &[("n", &self.total), ("filter", &self.filter_text)])
        };
        let block = Block::bordered()
            .title(Span::styled(format!(" {title} "), theme::header()))
            .title_bottom(Line::from(format!(" {} ", ctx.t("leads.legend"))).right_aligned());
        let empty = if self.filter_text.trim().is_empty() {
            ctx.t("leads.empty").to_string()
        } else {
            ctx.tf("leads.no_match", &[("text", &self.filter_text.trim())])
        };
        self.table.render(list, buf, ctx, COLUMNS, block, &empty);
        if detail_height > 0 {
            self.render_detail(detail, buf, ctx);
        }
    }
}
