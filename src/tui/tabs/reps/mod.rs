//! Reps: the roster. Add, edit, deactivate and reactivate through the form; history stays.

pub mod forms;
mod writes;

use super::{TabView, is_movement};
use crate::domain::model::{Availability, Rep, TimeOff, format_time_of_day};
use crate::domain::money::display_rate_bp;
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

#[derive(Default)]
pub struct RepsTab {
    table: DataTable<Rep>,
    show_inactive: bool,
    availability: Vec<Availability>,
    /// Time off that has not ended yet, with its id: each rep's earliest first, as stored.
    time_off: Vec<(i64, TimeOff)>,
    /// Each rep's honours, the latest first.
    honours: std::collections::HashMap<i64, Vec<store::honours::RepHonour>>,
}

const COLUMNS: &[Column] = &[
    col("reps.col.name", Constraint::Fill(2)),
    col("reps.col.channel", Constraint::Length(7)),
    col("reps.col.employment", Constraint::Length(10)),
    col("reps.col.team", Constraint::Fill(1)),
    num("reps.col.rate", Constraint::Length(8)),
    num("reps.col.commission", Constraint::Length(5)),
    num("reps.col.max", Constraint::Length(5)),
    col("reps.col.status", Constraint::Length(8)),
];

impl TableRow for Rep {
    fn cells(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        let style = if self.active { Style::default() } else { theme::dim() };
        let status = if self.active { ctx.t("reps.active") } else { ctx.t("reps.inactive") };
        [
            self.name.clone(),
            ctx.cat.label(self.channel).to_string(),
            ctx.cat.label(self.employment).to_string(),
            self.team.clone().unwrap_or_default(),
            ctx.money(self.hourly_rate),
            display_rate_bp(self.commission_bp),
            self.max_weekly_hours.map(|h| ctx.tf("time.hours_short", &[("h", &h)])).unwrap_or_else(|| "—".into()),
            status.to_string(),
        ]
        .into_iter()
        .map(|s| (s, style))
        .collect()
    }

    fn haystack(&self, _ctx: &Ctx) -> String {
        [
            Some(self.name.as_str()),
            self.phone.as_deref(),
            self.email.as_deref(),
            self.team.as_deref(),
            Some(self.channel.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
    }
}

/// `Mon 09:00–13:00, 17:00–21:00 · Wed 14:00–18:00`: each weekday once, in order.
fn windows_text(ctx: &Ctx, windows: &[Availability]) -> String {
    const DAYS: [&str; 7] =
        ["weekday.mon", "weekday.tue", "weekday.wed", "weekday.thu", "weekday.fri", "weekday.sat", "weekday.sun"];
    (1..=7u32)
        .filter_map(|day| {
            let mut spans: Vec<&Availability> = windows.iter().filter(|w| w.weekday == day).collect();
            spans.sort_by_key(|w| w.start_min);
            let spans = spans
                .iter()
                .map(|w| format!("{}–{}", format_time_of_day(w.start_min), format_time_of_day(w.end_min)))
                .collect::<Vec<_>>();
            (!spans.is_empty()).then(|| format!("{} {}", ctx.t(DAYS[day as usize - 1]), spans.join(", ")))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `2 Dec–3 Dec exams · 24 Dec`.
fn time_off_text(ctx: &Ctx, off: &[&TimeOff]) -> String {
    off.iter()
        .map(|o| {
            let days = if o.from == o.to {
                ctx.short_date(o.from)
            } else {
                format!("{}–{}", ctx.short_date(o.from), ctx.short_date(o.to))
            };
            [Some(days), o.reason.clone()].into_iter().flatten().collect::<Vec<_>>().join(" ")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

impl RepsTab {
    fn render_detail(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let Some(rep) = self.table.selected() else { return };
        let contact =
            [rep.phone.as_deref(), rep.email.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
        let hired =
            rep.hired_on.map(|d| ctx.tf("reps.hired", &[("date", &ctx.cat.day_month_year(d))])).unwrap_or_default();
        let windows: Vec<Availability> = self.availability.iter().filter(|w| w.rep_id == rep.id).copied().collect();
        let available =
            if windows.is_empty() { ctx.t("reps.no_availability").to_string() } else { windows_text(ctx, &windows) };
        let off: Vec<&TimeOff> = self.time_off.iter().map(|(_, o)| o).filter(|o| o.rep_id == rep.id).collect();
        let off = if off.is_empty() { ctx.t("reps.no_time_off").to_string() } else { time_off_text(ctx, &off) };
        let honours = match self.honours.get(&rep.id) {
            Some(list) if !list.is_empty() => list
                .iter()
                .take(4)
                .map(|h| ctx.cat.honour(&h.period, h.metric, h.value, &|m| ctx.money_whole(m)))
                .collect::<Vec<_>>()
                .join(" · "),
            _ => ctx.t("honours.none").to_string(),
        };
        let block = Block::bordered().title(Span::styled(format!(" {} ", rep.name), theme::header()));
        Paragraph::new(vec![
            Line::raw(format!("{contact}  {hired}")),
            Line::from(vec![
                Span::styled(format!("{} ", ctx.t("reps.available")), theme::header()),
                Span::raw(available),
            ]),
            Line::from(vec![Span::styled(format!("{} ", ctx.t("reps.time_off")), theme::header()), Span::raw(off)]),
            Line::from(vec![Span::styled(format!("{} ", ctx.t("honours.label")), theme::header()), Span::raw(honours)]),
        ])
        .block(block)
        .render(area, buf);
    }
}

impl TabView for RepsTab {
    fn cell_at(&self, x: u16, y: u16) -> Option<(usize, Option<usize>)> {
        self.table.cell_at(x, y).map(|(row, _)| (row, None))
    }

    fn cursor(&self) -> (usize, Option<usize>) {
        (self.table.selected_index(), None)
    }

    fn scope(&self) -> Scope {
        Scope::Reps
    }

    /// Stands on rep `id`, showing the inactive ones too when they are one (a rep who left and
    /// still owns leads).
    fn select_id(&mut self, id: i64, store: &Store) {
        if !self.table.select_where(|r| r.id == id) && !self.show_inactive {
            self.show_inactive = true;
            let ctx = crate::tui::Ctx::fixed(store.today(), "");
            if self.load(store, &ctx).is_ok() {
                self.table.select_where(|r| r.id == id);
            }
        }
    }

    fn load(&mut self, store: &Store, ctx: &Ctx) -> Result<()> {
        self.table.set_rows(store::reps::list(store.conn(), self.show_inactive)?, ctx);
        self.availability = store::schedule::availability(store.conn())?;
        self.time_off =
            store::schedule::time_off(store.conn())?.into_iter().filter(|(_, t)| t.to >= ctx.today()).collect();
        self.honours.clear();
        for (rep, honour) in store::honours::listed(store.conn(), None)? {
            self.honours.entry(rep).or_default().push(honour);
        }
        Ok(())
    }

    fn handle(&mut self, action: Action, store: &Store, ctx: &Ctx) -> Result<Outcome> {
        let selected = self.table.selected().cloned();
        Ok(match (action, selected) {
            (Action::Add, _) => Outcome::Run(Command::OpenForm(Spec::new(forms::RepForm(None)))),
            (Action::Edit, Some(rep)) => Outcome::Run(Command::OpenForm(Spec::new(forms::RepForm(Some(rep.id))))),
            (Action::ToggleActive, Some(rep)) => {
                let key = if rep.active { "reps.confirm_deactivate" } else { "reps.confirm_reactivate" };
                Outcome::Run(Command::Confirm {
                    message: ctx.tf(key, &[("name", &rep.name)]),
                    then: Box::new(Command::Change(writes::set_active(rep.id, !rep.active))),
                })
            }
            (Action::Availability, Some(rep)) => {
                Outcome::Run(Command::OpenForm(Spec::new(forms::AvailabilityForm(rep.id))))
            }
            (Action::TimeOff, Some(rep)) => Outcome::Run(Command::OpenForm(Spec::new(forms::TimeOffForm(rep.id)))),
            (Action::RemoveTimeOff, Some(rep)) => match self.time_off.iter().find(|(_, o)| o.rep_id == rep.id) {
                None => Outcome::Run(Command::Message(ctx.tf("reps.no_time_off_of", &[("rep", &rep.name)]))),
                Some((id, off)) => Outcome::Run(Command::Confirm {
                    message: ctx.tf(
                        "reps.confirm_remove_time_off",
                        &[("rep", &rep.name), ("days", &time_off_text(ctx, &[off]))],
                    ),
                    then: Box::new(Command::Change(writes::remove_time_off(*id))),
                }),
            },
            (Action::ShowInactive, _) => {
                self.show_inactive = !self.show_inactive;
                self.load(store, ctx)?;
                Outcome::Consumed
            }
            (a, _) if is_movement(a) => {
                self.table.navigate(a);
                Outcome::Consumed
            }
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
        let detail_height = if self.table.selected().is_some() && area.height >= 14 { 6 } else { 0 };
        let [list, detail] = Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)]).areas(area);
        let key = if self.show_inactive { "reps.title_all" } else { "reps.title" };
        let block = Block::bordered()
            .title(Span::styled(format!(" {} ", ctx.tf(key, &[("n", &self.table.len())])), theme::header()));
        self.table.render(list, buf, ctx, COLUMNS, block, ctx.t("reps.empty"));
        if detail_height > 0 {
            self.render_detail(detail, buf, ctx);
        }
    }
}
