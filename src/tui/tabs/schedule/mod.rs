//! Schedule: one week of shifts, reps as rows and days as columns, a cell cursor to add, edit,
//! delete and mark shifts, conflicts marked in the grid and listed under it with coverage and
//! the week's labour cost.

mod forms;
mod writes;

use super::{TabView, is_movement};
use crate::domain::model::{Rep, Shift, ShiftStatus, format_time_of_day, short_time_of_day};
use crate::domain::period::{Period, PeriodKind};
use crate::domain::schedule::{Conflict, DayCoverage, coverage};
use crate::service::schedule::WeekPlan;
use crate::store::Store;
use crate::tui::forms::Spec;
use crate::tui::keymap::{Action, Scope};
use crate::tui::tabs::reps::forms::{AvailabilityForm, TimeOffForm};
use crate::tui::theme;
use crate::tui::widgets::table::{Column, DataTable, TableRow, col, num};
use crate::tui::{Command, Ctx, Outcome};
use anyhow::Result;
use chrono::{Duration, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use std::collections::HashSet;

#[derive(Default)]
pub struct ScheduleTab {
    week: Option<Period>,
    /// The day under the cursor, 0 = Monday.
    day: usize,
    /// Which of the cell's shifts Enter, d and x act on, when it has several (`s` moves it).
    slot: usize,
    table: DataTable<WeekRow>,
    plan: Option<WeekPlan>,
    coverage: Vec<DayCoverage>,
    /// Each conflict as a sentence, in the order of the week.
    conflicts: Vec<String>,
}

struct WeekRow {
    rep_id: i64,
    name: String,
    days: Vec<Vec<Shift>>,
    /// Shifts with a conflict of their own.
    flagged: HashSet<i64>,
    minutes: u32,
    max_hours: Option<u32>,
}

/// Up to 120 columns the days keep their width and the names take the rest; wider, the
/// names stop growing and the days spread out.
const WIDE: u16 = 120;

const COLUMNS_WIDE: &[Column] = &[
    col("schedule.col.rep", Constraint::Length(20)),
    col("weekday.mon", Constraint::Fill(1)),
    col("weekday.tue", Constraint::Fill(1)),
    col("weekday.wed", Constraint::Fill(1)),
    col("weekday.thu", Constraint::Fill(1)),
    col("weekday.fri", Constraint::Fill(1)),
    col("weekday.sat", Constraint::Fill(1)),
    col("weekday.sun", Constraint::Fill(1)),
    num("schedule.col.hours", Constraint::Length(6)),
];

const COLUMNS: &[Column] = &[
    col("schedule.col.rep", Constraint::Fill(1)),
    col("weekday.mon", Constraint::Length(7)),
    col("weekday.tue", Constraint::Length(7)),
    col("weekday.wed", Constraint::Length(7)),
    col("weekday.thu", Constraint::Length(7)),
    col("weekday.fri", Constraint::Length(7)),
    col("weekday.sat", Constraint::Length(7)),
    col("weekday.sun", Constraint::Length(7)),
    num("schedule.col.hours", Constraint::Length(6)),
];

/// `09–13·S`; a conflict puts `⚠` in place of the dot, a no-show starts with `✗`, a second
/// shift that day adds `+1`.
fn cell(shifts: &[Shift], flagged: &HashSet<i64>) -> (String, Style) {
    let Some(first) = shifts.first() else { return (String::new(), Style::default()) };
    let conflict = shifts.iter().any(|s| flagged.contains(&s.id));
    let mark = if conflict { '⚠' } else { '·' };
    let mut text = format!(
        "{}–{}{mark}{}",
        short_time_of_day(first.start_min),
        short_time_of_day(first.end_min),
        first.location.letter()
    );
    if shifts.len() > 1 {
        // Narrow cells keep the start and the count: `17⚠+1` (a conflict), `17–21+1`.
        let more = shifts.len() - 1;
        text = if conflict {
            format!("{}⚠+{more}", short_time_of_day(first.start_min))
        } else {
            format!("{}+{more}", text.chars().take(5).collect::<String>())
        };
    }
    match first.status {
        _ if conflict => (text, theme::alert()),
        ShiftStatus::NoShow => (format!("✗{}", text.chars().take(6).collect::<String>()), theme::alert()),
        ShiftStatus::Worked => (text, theme::dim()),
        _ => (text, Style::default()),
    }
}

impl TableRow for WeekRow {
    fn cells(&self, _ctx: &Ctx) -> Vec<(String, Style)> {
        let hours = self.minutes.div_ceil(60);
        let over = self.max_hours.is_some_and(|m| self.minutes > m * 60);
        let mut cells = vec![(self.name.clone(), Style::default())];
        cells.extend(self.days.iter().map(|d| cell(d, &self.flagged)));
        let max = self.max_hours.map(|m| m.to_string()).unwrap_or_else(|| "—".into());
        let text = if over { format!("{hours}/{max}!") } else { format!("{hours}/{max}") };
        cells.push((text, if over { theme::alert() } else { Style::default() }));
        cells
    }
}

impl ScheduleTab {
    fn week(&self, ctx: &Ctx) -> Period {
        self.week.unwrap_or_else(|| Period::containing(PeriodKind::Week, ctx.today()))
    }

    fn row(rep: &Rep, plan: &WeekPlan) -> WeekRow {
        let days = plan
            .week
            .dates()
            .map(|d| plan.shifts().filter(|s| s.rep_id == rep.id && s.date == d).cloned().collect())
            .collect();
        let flagged = plan
            .conflicts
            .iter()
            .filter_map(|c| match c {
                Conflict::Overlap { shift_id, rep_id, .. }
                | Conflict::OutsideAvailability { shift_id, rep_id, .. }
                | Conflict::TimeOff { shift_id, rep_id, .. }
                | Conflict::ShortRest { shift_id, rep_id, .. }
                    if *rep_id == rep.id =>
                {
                    Some(*shift_id)
                }
                _ => None,
            })
            .collect();
        WeekRow {
            rep_id: rep.id,
            name: rep.name.clone(),
            days,
            flagged,
            minutes: plan.roster.week_minutes(rep.id),
            max_hours: rep.max_weekly_hours,
        }
    }

    fn date(&self, ctx: &Ctx) -> NaiveDate {
        self.week(ctx).first_day() + Duration::days(self.day as i64)
    }

    /// The shifts of the cell under the cursor.
    fn cell(&self) -> &[Shift] {
        self.table.selected().and_then(|row| row.days.get(self.day)).map(Vec::as_slice).unwrap_or_default()
    }

    /// The rep and day under the cursor, with the shift there (the one `s` picked, if several).
    fn at_cursor(&self, ctx: &Ctx) -> Option<(i64, NaiveDate, Option<&Shift>)> {
        let row = self.table.selected()?;
        let cell = self.cell();
        Some((row.rep_id, self.date(ctx), cell.get(self.slot).or_else(|| cell.first())))
    }
}

impl TabView for ScheduleTab {
    /// A day's cell of the grid: its rep's row and its weekday (the name column is none).
    fn cell_at(&self, x: u16, y: u16) -> Option<(usize, Option<usize>)> {
        self.table.cell_at(x, y).map(|(row, column)| (row, column.and_then(|c| c.checked_sub(1)).filter(|d| *d < 7)))
    }

    fn cursor(&self) -> (usize, Option<usize>) {
        (self.table.selected_index(), Some(self.day))
    }

    fn scope(&self) -> Scope {
        Scope::Schedule
    }

    fn load(&mut self, store: &Store, ctx: &Ctx) -> Result<()> {
        let plan = WeekPlan::load(store.conn(), self.week(ctx))?;
        let shifts: Vec<Shift> = plan.shifts().cloned().collect();
        self.coverage = plan.week.dates().map(|d| coverage(&plan.roster.needs, &shifts, d)).collect();
        self.conflicts = plan.described().iter().map(|m| m.text(ctx.cat)).collect();
        self.table.set_rows(plan.reps.iter().map(|r| Self::row(r, &plan)).collect(), ctx);
        self.table.set_column(Some(self.day + 1));
        self.plan = Some(plan);
        Ok(())
    }

    fn handle(&mut self, action: Action, store: &Store, ctx: &Ctx) -> Result<Outcome> {
        let week = self.week(ctx);
        let next = match action {
            Action::PrevPeriod => week.previous(),
            Action::NextPeriod => week.next(),
            Action::ThisPeriod => Period::containing(PeriodKind::Week, ctx.today()),
            Action::Left | Action::Right => {
                self.day = if action == Action::Left { self.day.saturating_sub(1) } else { (self.day + 1).min(6) };
                self.slot = 0;
                self.table.set_column(Some(self.day + 1));
                return Ok(Outcome::Consumed);
            }
            a if is_movement(a) => {
                self.slot = 0;
                self.table.navigate(a);
                return Ok(Outcome::Consumed);
            }
            Action::Edit | Action::Add => {
                let Some((rep_id, date, shift)) = self.at_cursor(ctx) else { return Ok(Outcome::Consumed) };
                // Enter edits the cell's shift (adds one to an empty cell); n always adds.
                let id = if action == Action::Edit { shift.map(|s| s.id) } else { None };
                return Ok(Outcome::Run(Command::OpenForm(Spec::new(forms::ShiftForm { rep_id, date, id }))));
            }
            Action::NextInCell => {
                let count = self.cell().len();
                if count == 0 {
                    return Ok(Outcome::Run(Command::Message(ctx.t("schedule.no_shift").into())));
                }
                self.slot = (self.slot + 1) % count;
                let cell = self.cell();
                let s = &cell[self.slot];
                let which = ctx.tf(
                    "schedule.picked",
                    &[
                        ("n", &(self.slot + 1)),
                        ("count", &cell.len()),
                        ("span", &format!("{}–{}", format_time_of_day(s.start_min), format_time_of_day(s.end_min))),
                        ("place", &ctx.cat.label(s.location)),
                    ],
                );
                return Ok(Outcome::Run(Command::Message(which)));
            }
            Action::Delete | Action::Mark => {
                let Some((_, _, Some(shift))) = self.at_cursor(ctx) else {
                    return Ok(Outcome::Run(Command::Message(ctx.t("schedule.no_shift").into())));
                };
                let (id, date) = (shift.id, shift.date);
                let name = self.table.selected().map(|r| r.name.clone()).unwrap_or_default();
                if action == Action::Mark {
                    return Ok(Outcome::Run(Command::Change(writes::mark_shift(id))));
                }
                let message = ctx.tf("schedule.confirm_delete", &[("rep", &name), ("day", &ctx.cat.day(date))]);
                let then = Box::new(Command::Change(writes::delete_shift(id)));
                return Ok(Outcome::Run(Command::Confirm { message, then }));
            }
            Action::CopyWeek => {
                let (from, to) = (week_label(ctx, &week.previous()), week_label(ctx, &week));
                let message = ctx.tf("schedule.confirm_copy", &[("from", &from), ("to", &to)]);
                let then = Box::new(Command::Change(writes::copy_week(week)));
                return Ok(Outcome::Run(Command::Confirm { message, then }));
            }
            Action::AutoFill => {
                let proposals = crate::service::schedule::propose_fill(store.conn(), &week, ctx.today())?;
                if proposals.is_empty() {
                    return Ok(Outcome::Run(Command::Message(ctx.t("schedule.nothing_to_fill").into())));
                }
                let names = self.plan.as_ref().map(WeekPlan::names).unwrap_or_default();
                let mut lines = vec![ctx.tf("schedule.confirm_fill", &[("count", &proposals.len())])];
                lines.extend(proposals.iter().map(|s| {
                    format!(
                        "  {} {} {}–{} {}",
                        ctx.cat.weekday_day(s.date),
                        names.get(&s.rep_id).cloned().unwrap_or_default(),
                        short_time_of_day(s.start_min),
                        short_time_of_day(s.end_min),
                        ctx.cat.label(s.location)
                    )
                }));
                let then = Box::new(Command::Change(writes::accept_fill(week, proposals)));
                return Ok(Outcome::Run(Command::Confirm { message: lines.join("\n"), then }));
            }
            Action::Conflicts => {
                if self.conflicts.is_empty() {
                    return Ok(Outcome::Run(Command::Message(ctx.t("schedule.no_conflicts").into())));
                }
                let Period::Week { week: number, .. } = week else { return Ok(Outcome::Consumed) };
                let title = ctx.tf("schedule.all_conflicts", &[("week", &number)]);
                let lines = self.conflicts.iter().map(|c| format!("⚠ {c}")).collect();
                return Ok(Outcome::Run(Command::ShowText { title, lines }));
            }
            Action::Availability | Action::TimeOff => {
                let Some(row) = self.table.selected() else { return Ok(Outcome::Consumed) };
                let purpose = if action == Action::TimeOff {
                    Spec::new(TimeOffForm(row.rep_id))
                } else {
                    Spec::new(AvailabilityForm(row.rep_id))
                };
                return Ok(Outcome::Run(Command::OpenForm(purpose)));
            }
            _ => return Ok(Outcome::Ignored),
        };
        self.week = Some(next);
        self.slot = 0;
        self.load(store, ctx)?;
        Ok(Outcome::Consumed)
    }

    fn filter(&self) -> &str {
        self.table.filter()
    }

    fn set_filter(&mut self, filter: &str, _store: &Store, ctx: &Ctx) -> Result<()> {
        self.table.set_filter(filter, ctx);
        Ok(())
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let week = self.week(ctx);
        let Period::Week { week: number, .. } = week else { return };
        let (first, last) = (week.first_day(), week.last_day());
        // The box under the grid (two borders, needs, totals, the conflicts) takes what it
        // needs of what the grid's rows leave, the grid keeping at least two thirds; conflicts
        // that do not fit are counted on a last line.
        let count = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        let wanted = count(self.conflicts.len()).saturating_add(4);
        let grid_keeps = count(self.table.len()).saturating_add(2).max(3).min(area.height * 2 / 3);
        let summary_height = wanted.min(area.height.saturating_sub(grid_keeps)).max(5).min(area.height);
        let room = summary_height.saturating_sub(4) as usize;
        let listed = if self.conflicts.len() <= room { self.conflicts.len() } else { room.saturating_sub(1) };
        let more = usize::from(self.conflicts.len() > listed);
        let [grid, summary] = Layout::vertical([Constraint::Fill(1), Constraint::Length(summary_height)]).areas(area);
        let title = ctx.tf(
            "schedule.title",
            &[("week", &number), ("from", &ctx.cat.day_month(first)), ("to", &ctx.cat.day_month_year(last))],
        );
        let block = Block::bordered()
            .borders(Borders::TOP | Borders::LEFT | Borders::RIGHT)
            .title(Span::styled(format!(" {title} "), theme::header()))
            .title(Line::from(format!(" {} ", ctx.t("schedule.legend"))).right_aligned());
        let columns = if area.width >= WIDE { COLUMNS_WIDE } else { COLUMNS };
        self.table.render(grid, buf, ctx, columns, block, ctx.t("schedule.empty"));

        let mut needs = vec![Span::styled(format!("{} ", ctx.t("schedule.needs")), theme::header())];
        for (i, c) in self.coverage.iter().enumerate() {
            let day = ctx.cat.weekday(first + Duration::days(i as i64)).to_string();
            let (text, style) = match c.needed {
                0 => (format!("{day} —  "), theme::dim()),
                _ if c.is_short() => (format!("{day} {}/{}⚠ ", c.met, c.needed), theme::warn()),
                _ => (format!("{day} {}/{}  ", c.met, c.needed), theme::good()),
            };
            needs.push(Span::styled(text, style));
        }
        let (labour, sales) = self.plan.as_ref().map(|p| (p.labour, p.sales)).unwrap_or_default();
        let share =
            (sales.cents() > 0).then(|| format!("{:.0}%", labour.cents() as f64 * 100.0 / sales.cents() as f64));
        let totals = ctx.tf(
            "schedule.totals",
            &[
                ("labour", &ctx.money(labour)),
                ("sales", &ctx.money(sales)),
                ("share", &share.unwrap_or_else(|| "—".into())),
            ],
        );
        let heading = ctx.tf("schedule.conflicts", &[("count", &self.conflicts.len())]);
        let mut lines = vec![Line::from(needs), Line::styled(totals, theme::dim())];
        lines.extend(self.conflicts.iter().take(listed).map(|c| Line::styled(format!("⚠ {c}"), theme::warn())));
        if more > 0 {
            let rest = self.conflicts.len() - listed;
            lines.push(Line::styled(ctx.tf("schedule.more_conflicts", &[("count", &rest)]), theme::dim()));
        }
        let style = if self.conflicts.is_empty() { theme::good() } else { theme::warn() };
        // Joined to the grid's box above: ├ … ┤.
        let joined =
            ratatui::symbols::border::Set { top_left: "├", top_right: "┤", ..ratatui::symbols::border::PLAIN };
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .border_set(joined)
                    .padding(ratatui::widgets::Padding::horizontal(1))
                    .title(Span::styled(format!(" {heading} "), style)),
            )
            .render(summary, buf);
    }
}

/// "week 48 (23 Nov–29 Nov)", as the owner reads a week.
fn week_label(ctx: &Ctx, week: &Period) -> String {
    let number = match week {
        Period::Week { week, .. } => week.to_string(),
        other => other.to_string(),
    };
    let (from, to) = (ctx.cat.day_month(week.first_day()), ctx.cat.day_month(week.last_day()));
    ctx.tf("schedule.week_label", &[("week", &number), ("from", &from), ("to", &to)])
}
