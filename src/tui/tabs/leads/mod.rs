//! Leads: the morning review queue, with the selected lead's detail and latest activities.

pub(crate) mod detail;
mod forms;
mod writes;

use super::{TabView, is_movement};
use crate::domain::model::Lead;
use crate::domain::queue::{FollowUp, QueueReason};
use crate::store::leads::{ActivityRow, Browse, Group, Heading, QueueRow};
use crate::store::{self, Store};
use crate::tui::forms::Spec;
use crate::tui::keymap::{Action, Scope};
use crate::tui::theme;
use crate::tui::widgets::table::{Column, DataTable, TableRow, col, num};
use crate::tui::{Command, Ctx, Outcome};
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

/// `text` padded with spaces to `width` display columns (a Chinese name counts double).
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width()) + 1))
}

/// How many queue rows the tab holds; the title still counts them all.
const QUEUE_LIMIT: usize = 500;
/// The latest activities the detail pane shows: a few, more on a tall terminal.
const DETAIL_ACTIVITIES: usize = 3;
const DETAIL_ACTIVITIES_TALL: usize = 10;
/// From this height of the tab on, the detail pane grows.
const TALL: u16 = 36;

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

    /// The grouped views have a heading per rep or stage.
    fn grouped(self) -> bool {
        matches!(self, View::Browse(Browse::ByRep | Browse::ByStage))
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
    table: DataTable<Listed>,
    total: i64,
    /// Some group (or the list) holds more leads than it shows: the count is "at least".
    more: bool,
    filter_text: String,
    detail: Option<(Lead, Option<String>, Vec<ActivityRow>)>,
}

struct QueueEntry {
    row: QueueRow,
    /// Its protection ends within the warning days.
    lapsing: bool,
}

/// A row of the list: a lead, or the heading of a rep's or a stage's leads.
enum Listed {
    Heading(String),
    Lead(QueueEntry),
}

impl Listed {
    fn lead(&self) -> Option<&QueueEntry> {
        match self {
            Listed::Lead(entry) => Some(entry),
            Listed::Heading(_) => None,
        }
    }
}

/// The phone and the value show from this width on (a terminal of about 140 columns).
const WIDE: u16 = 136;

/// The list's columns, the first titled `first`: why a lead is in today's queue, or the
/// follow-up planned in the other views.
const fn columns(first: &'static str) -> [Column; 9] {
    [
        col(first, Constraint::Length(9)),
        col("leads.col.customer", Constraint::Fill(2)),
        col("leads.col.company", Constraint::Fill(2)),
        col("leads.col.phone", Constraint::Length(17)).from(WIDE),
        col("leads.col.owner", Constraint::Fill(1)),
        col("leads.col.stage", Constraint::Length(9)),
        num("leads.col.value", Constraint::Length(10)).from(WIDE),
        col("leads.col.touch", Constraint::Length(9)),
        col("leads.col.protected", Constraint::Length(9)),
    ]
}

const QUEUE_COLUMNS: [Column; 9] = columns("leads.col.due");
const BROWSE_COLUMNS: [Column; 9] = columns("leads.col.follow_up");

impl TableRow for Listed {
    fn cells(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        match self {
            Listed::Heading(text) => vec![(text.clone(), theme::header())],
            Listed::Lead(entry) => entry.cells(ctx),
        }
    }

    fn is_heading(&self) -> bool {
        matches!(self, Listed::Heading(_))
    }
}

/// When the follow-up is: overdue by days, today, the day planned, or nothing planned.
fn follow_up_cell(next: Option<chrono::NaiveDate>, ctx: &Ctx) -> (String, Style) {
    match (next, FollowUp::of(next, ctx.today())) {
        (_, FollowUp::Overdue(n)) => (format!("‼ {}", ctx.tf("time.overdue_days", &[("n", &n)])), theme::alert()),
        (_, FollowUp::Today) => (format!("● {}", ctx.t("time.today")), theme::warn()),
        (Some(day), FollowUp::Planned(_)) => (format!("· {}", ctx.short_date(day)), Style::default()),
        _ => ("–".to_string(), theme::dim()),
    }
}

impl QueueEntry {
    fn cells(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        let r = &self.row;
        let (due, style) = match (r.reason, FollowUp::of(r.next_follow_up, ctx.today())) {
            (None, _) | (_, FollowUp::Overdue(_) | FollowUp::Today) => follow_up_cell(r.next_follow_up, ctx),
            (Some(QueueReason::NewUnassigned), _) => (format!("○ {}", ctx.t("leads.new")), theme::accent()),
            (Some(QueueReason::Expiring), _) => (format!("⌛ {}", ctx.t("leads.lapsing")), theme::warn()),
            (Some(QueueReason::Stale), f) => (
                format!("~ {}", ctx.t("leads.stale")),
                if matches!(f, FollowUp::Planned(_)) { theme::dim() } else { theme::warn() },
            ),
            (Some(_), _) => follow_up_cell(r.next_follow_up, ctx),
        };
        let touch = ctx.days_ago(r.last_activity_at.map(|t| t.date()));
        let protected = match (r.owner.as_ref(), r.protected_until) {
            (None, _) => ctx.t("leads.pool").to_string(),
            (Some(_), Some(until)) if until < ctx.today() => ctx.t("leads.lapsed").to_string(),
            (Some(_), Some(until)) if self.lapsing => format!("⌛ {}", ctx.short_date(until)),
            (Some(_), Some(until)) => ctx.short_date(until),
            (Some(_), None) => "—".into(),
        };
        let value = if r.estimated_value.0 == 0 { "—".to_string() } else { ctx.money(r.estimated_value) };
        vec![
            (due, style),
            (r.name.clone(), Style::default()),
            (r.company.clone().unwrap_or_default(), Style::default()),
            (r.phone.clone().unwrap_or_default(), Style::default()),
            (r.owner.clone().unwrap_or_else(|| "—".into()), Style::default()),
            (ctx.cat.label(r.stage).to_string(), Style::default()),
            (value, Style::default()),
            (touch, Style::default()),
            (protected, Style::default()),
        ]
    }
}

impl LeadsTab {
    fn load_detail(&mut self, store: &Store) -> Result<()> {
        self.detail = match self.table.selected().and_then(Listed::lead) {
            None => None,
            Some(entry) => {
                let lead = store::leads::get(store.conn(), entry.row.id)?;
                let activities = store::leads::recent_activities(store.conn(), lead.id, DETAIL_ACTIVITIES_TALL)?;
                Some((lead, entry.row.owner.clone(), activities))
            }
        };
        Ok(())
    }

    fn load_rows(&mut self, store: &Store, ctx: &Ctx, filter: &str) -> Result<()> {
        let day = crate::service::queue_day(store)?;
        // A search looks through every lead, closed ones too: is this customer already ours?
        let searching = !filter.trim().is_empty();
        let groups = match self.view {
            _ if searching => {
                vec![ungrouped(store::leads::browse(store.conn(), Browse::Everyone, &day, filter, QUEUE_LIMIT)?)]
            }
            View::Queue => vec![ungrouped(store::leads::review_queue(store.conn(), &day, filter, QUEUE_LIMIT)?)],
            View::Browse(view) if self.view.grouped() => {
                store::leads::browse_groups(store.conn(), view, &day, filter, QUEUE_LIMIT)?
            }
            View::Browse(view) => vec![ungrouped(store::leads::browse(store.conn(), view, &day, filter, QUEUE_LIMIT)?)],
        };
        self.total = if !searching && self.view == View::Queue {
            store.queue_counts(&day)?.iter().map(|(_, n)| n).sum()
        } else {
            groups.iter().map(|g| g.total.unwrap_or(g.rows.len() as i64)).sum()
        };
        self.more = groups.iter().any(|g| g.total.is_none());
        // The store already filtered; the table keeps the text only to say what was asked.
        // Only a lead without progress is about to be lost to the pool; one that moved on renews.
        let lapsing = |row: &QueueRow| {
            row.no_progress && row.protected_until.is_some_and(|u| day.today <= u && u <= day.warn_until())
        };
        let headed = self.view.grouped() && !searching;
        let mut listed = Vec::new();
        for group in groups {
            if headed {
                listed.push(Listed::Heading(heading(&group, ctx)));
            }
            listed.extend(group.rows.into_iter().map(|row| Listed::Lead(QueueEntry { lapsing: lapsing(&row), row })));
        }
        self.table.set_rows(listed, ctx);
        self.table.set_filter("", ctx);
        self.filter_text = filter.to_string();
        self.load_detail(store)
    }

    /// The detail pane's title and lines for a pane `width` wide, `tall` when it may grow.
    fn detail_lines(&self, width: u16, tall: bool, ctx: &Ctx) -> Option<(String, Vec<Line<'static>>)> {
        let (lead, owner, activities) = self.detail.as_ref()?;
        let title = [Some(lead.name.as_str()), lead.company.as_deref(), lead.phone.as_deref(), lead.email.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
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
        let inner = usize::from(width.saturating_sub(2));
        let mut lines: Vec<Line<'static>> =
            crate::tui::widgets::wrap(&facts.join(" · "), inner, 3).into_iter().map(Line::raw).collect();
        if tall && let Some(note) = lead.note.as_deref().filter(|n| !n.trim().is_empty()) {
            lines.extend(
                crate::tui::widgets::wrap(note.trim(), inner, 2).into_iter().map(|l| Line::styled(l, theme::dim())),
            );
        }
        let shown = if tall { DETAIL_ACTIVITIES_TALL } else { DETAIL_ACTIVITIES };
        for a in activities.iter().take(shown) {
            let what = a.outcome.clone().or_else(|| a.note.clone()).unwrap_or_default();
            let line = Line::from(vec![
                Span::styled(pad(&ctx.short_date(a.at.date()), 7), theme::dim()),
                Span::raw(pad(ctx.cat.label(a.kind), 8)),
                Span::raw(pad(a.rep.as_deref().unwrap_or_default(), 14)),
                Span::raw(what),
            ]);
            // A long outcome goes on to the next row rather than off the edge.
            lines.extend(crate::tui::widgets::wrap_line(&line, inner));
        }
        if activities.is_empty() {
            lines.push(Line::styled(ctx.t("leads.no_activity"), theme::dim()));
        }
        Some((title, lines))
    }
}

/// A list of leads without headings (the queue, the search, every lead by name).
fn ungrouped(rows: Vec<QueueRow>) -> Group {
    Group { heading: Heading::Pool, total: Some(rows.len() as i64), rows }
}

/// A group's heading: whose leads, or which stage, and how many (or how many are shown, when
/// it has more).
fn heading(group: &Group, ctx: &Ctx) -> String {
    let name = match &group.heading {
        Heading::Rep { name, active: true, .. } => name.clone(),
        Heading::Rep { name, .. } => ctx.tf("leads.inactive_rep", &[("name", name)]),
        Heading::Pool => ctx.t("leads.group_pool").to_string(),
        Heading::Stage(stage) => ctx.cat.label(*stage).to_string(),
    };
    match group.total {
        Some(n) => ctx.tf("leads.group", &[("name", &name), ("n", &n)]),
        None => ctx.tf("leads.group_cut", &[("name", &name), ("n", &group.rows.len())]),
    }
}

impl TabView for LeadsTab {
    fn select_id(&mut self, id: i64, store: &Store) {
        if self.table.select_where(|e| e.lead().is_some_and(|e| e.row.id == id)) {
            let _ = self.load_detail(store);
        }
    }

    fn select_row(&mut self, row: usize, store: &Store) -> bool {
        let selected = self.table.select_index(row);
        if selected {
            let _ = self.load_detail(store);
        }
        selected
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
            // Another view is another list: it opens at its top.
            self.table.navigate(Action::Top);
            self.load_detail(store)?;
            return Ok(Outcome::Consumed);
        }
        let Some(id) = self.table.selected().and_then(Listed::lead).map(|e| e.row.id) else {
            return Ok(Outcome::Ignored);
        };
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
            Action::Merge => form(Spec::new(forms::MergeForm::new(id))),
            Action::Release => {
                let Some(entry) = self.table.selected().and_then(Listed::lead) else { return Ok(Outcome::Ignored) };
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
        // The detail pane under the list, when the list keeps room for some rows; it grows on
        // a tall terminal, to at most a third of it.
        let detail = if area.height >= 16 { self.detail_lines(area.width, area.height >= TALL, ctx) } else { None };
        let most = (area.height / 3).max(7);
        let detail_height = detail.as_ref().map_or(0, |(_, lines)| (lines.len() as u16 + 2).min(most).max(4));
        let [list, detail_area] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)]).areas(area);
        let total =
            if self.more && self.view != View::Queue { format!("{}+", self.total) } else { self.total.to_string() };
        let title = if self.filter_text.is_empty() {
            ctx.tf(self.view.title(), &[("n", &total)])
        } else {
            ctx.tf("leads.title_filtered", &[("n", &self.total), ("filter", &self.filter_text)])
        };
        let (columns, legend) = match self.view {
            View::Queue if self.filter_text.is_empty() => (&QUEUE_COLUMNS, "leads.legend"),
            _ => (&BROWSE_COLUMNS, "leads.legend_browse"),
        };
        let block = Block::bordered()
            .title(Span::styled(format!(" {title} "), theme::header()))
            .title_bottom(Line::from(format!(" {} ", ctx.t(legend))).right_aligned());
        let empty = if self.filter_text.trim().is_empty() {
            ctx.t("leads.empty").to_string()
        } else {
            ctx.tf("leads.no_match", &[("text", &self.filter_text.trim())])
        };
        self.table.render(list, buf, ctx, columns, block, &empty);
        if let Some((title, lines)) = detail {
            let block = Block::bordered().title(Span::styled(format!(" {title} "), theme::header()));
            Paragraph::new(lines).block(block).render(detail_area, buf);
        }
    }
}
