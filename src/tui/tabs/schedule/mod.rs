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
    /// The day and the shift of it the cursor stands on, on the selected row.
    picked: Option<(usize, usize)>,
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

/// A time as short as it reads: `9`, `12½`, `10¼`, `14¾`, or `12:10` off the quarter hours.
fn compact_time(minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match m {
        0 => h.to_string(),
        15 => format!("{h}¼"),
        30 => format!("{h}½"),
        45 => format!("{h}¾"),
        _ => format!("{h}:{m:02}"),
    }
}

/// One shift's text, the fullest form first: `09–12:30·S`, `9–12½·S`, `9–12½S`, `9–12½`,
/// `9½·`. A conflict puts `⚠` in place of the dot and keeps it to the last; a no-show starts
/// with `✗`.
fn shift_forms(s: &Shift, conflict: bool) -> [String; 5] {
    let mark = if conflict { "⚠" } else { "·" };
    let no_show = if s.status == ShiftStatus::NoShow { "✗" } else { "" };
    let place = s.location.letter();
    let (a, b) = (compact_time(s.start_min), compact_time(s.end_min));
    [
        format!("{no_show}{}–{}{mark}{place}", short_time_of_day(s.start_min), short_time_of_day(s.end_min)),
        format!("{no_show}{a}–{b}{mark}{place}"),
        if conflict { format!("{no_show}{a}–{b}⚠") } else { format!("{no_show}{a}–{b}{place}") },
        if conflict { format!("{no_show}{a}–{b}⚠") } else { format!("{no_show}{a}–{b}") },
        format!("{no_show}{a}{mark}"),
    ]
}

/// A day's cell in `width` columns: every shift where they fit, one apart, in the fullest form
/// that fits them all; else the picked one (the first unless `s` moved on) and `+N` for the
/// rest. With the columns the picked shift takes, when the others are drawn beside it.
fn cell_text(
    shifts: &[Shift],
    flagged: &HashSet<i64>,
    width: u16,
    picked: usize,
) -> (String, Style, Option<(u16, u16)>) {
    use unicode_width::UnicodeWidthStr;
    if shifts.is_empty() {
        return (String::new(), Style::default(), None);
    }
    let width = usize::from(width);
    let conflict = shifts.iter().any(|s| flagged.contains(&s.id));
    let forms: Vec<[String; 5]> = shifts.iter().map(|s| shift_forms(s, flagged.contains(&s.id))).collect();
    let picked = picked.min(shifts.len() - 1);
    // The look of what is drawn: all of the cell's shifts side by side, or the picked one.
    let style_of = |drawn: &[Shift]| {
        if conflict || drawn.iter().all(|s| s.status == ShiftStatus::NoShow) {
            theme::alert()
        } else if drawn.iter().all(|s| s.status == ShiftStatus::Worked) {
            theme::dim()
        } else {
            Style::default()
        }
    };
    // Side by side, each keeps its end; else the picked one alone may be cut to its start.
    for level in 0..4 {
        let parts: Vec<&str> = forms.iter().map(|f| f[level].as_str()).collect();
        let text = parts.join(" ");
        if text.width() <= width {
            let at: usize = parts[..picked].iter().map(|p| p.width() + 1).sum();
            let span = (shifts.len() > 1).then(|| (at as u16, parts[picked].width() as u16));
            return (text, style_of(shifts), span);
        }
    }
    // Alone, it carries the cell's conflict, whichever shift has it.
    let more = shifts.len() - 1;
    let alone = shift_forms(&shifts[picked], conflict);
    let text = (0..5)
        .map(|level| if more > 0 { format!("{}+{more}", alone[level]) } else { alone[level].clone() })
        .find(|t| t.width() <= width)
        .unwrap_or_else(|| crate::tui::widgets::fit(&alone[4], width).into_owned());
    (text, style_of(std::slice::from_ref(&shifts[picked])), None)
}

impl TableRow for WeekRow {
    fn cells(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        self.cells_in(ctx, &[0, 7, 7, 7, 7, 7, 7, 7, 6])
    }

    fn cells_in(&self, _ctx: &Ctx, widths: &[u16]) -> Vec<(String, Style)> {
        let hours = self.minutes.div_ceil(60);
        let over = self.max_hours.is_some_and(|m| self.minutes > m * 60);
        let mut cells = vec![(self.name.clone(), Style::default())];
        cells.extend(self.days.iter().enumerate().map(|(d, shifts)| {
            let width = widths.get(d + 1).copied().unwrap_or(7);
            let picked = self.picked.filter(|(day, _)| *day == d).map_or(0, |(_, slot)| slot);
            let (text, style, _) = cell_text(shifts, &self.flagged, width, picked);
            (text, style)
        }));
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
            picked: None,
        }
    }

    fn date(&self, ctx: &Ctx) -> NaiveDate {
        self.week(ctx).first_day() + Duration::days(self.day as i64)
    }

    /// Tells the rows which shift the cursor stands on, so its cell draws that one.
    fn mark_picked(&mut self) {
        let at = self.table.selected().map(|r| r.rep_id);
        let (day, slot) = (self.day, self.slot);
        for row in self.table.rows_mut() {
            row.picked = (Some(row.rep_id) == at).then_some((day, slot));
        }
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

impl ScheduleTab {
    /// In a cell showing several shifts, the one the cursor stands on keeps the cursor's look
    /// and the others lose it.
    fn highlight_picked(&self, buf: &mut Buffer) {
        let Some(row) = self.table.selected() else { return };
        let Some(area) = self.table.selected_cell_area(self.day + 1) else { return };
        let Some(shifts) = row.days.get(self.day) else { return };
        let (_, _, Some((at, width))) = cell_text(shifts, &row.flagged, area.width, self.slot) else { return };
        for x in area.x..area.right() {
            if !(area.x + at..area.x + at + width).contains(&x)
                && let Some(cell) = buf.cell_mut((x, area.y))
            {
                cell.modifier.remove(ratatui::style::Modifier::REVERSED);
            }
        }
    }

    /// The needs line, each day's coverage under its column: `2/3⚠`.
    fn render_needs(&self, summary: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let spans = self.table.column_spans();
        let y = summary.y + 1;
        if spans.len() < 9 || summary.height < 3 {
            return;
        }
        let label = crate::tui::widgets::fit(ctx.t("schedule.needs"), usize::from(spans[0].1 - spans[0].0 + 1));
        buf.set_stringn(
            summary.x + 2,
            y,
            label,
            usize::from(spans[0].1 + 1).saturating_sub(usize::from(summary.x + 2)),
            theme::header(),
        );
        for (i, c) in self.coverage.iter().enumerate() {
            let (x, last) = spans[i + 1];
            if x == u16::MAX || last >= summary.right().saturating_sub(1) {
                continue;
            }
            let (text, style) = match c.needed {
                0 => ("—".to_string(), theme::dim()),
                _ if c.is_short() => (format!("{}/{}⚠", c.met, c.needed), theme::warn()),
                _ => (format!("{}/{}", c.met, c.needed), theme::good()),
            };
            buf.set_stringn(x, y, text, usize::from(last - x + 1), style);
        }
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

    fn show_day(&mut self, day: chrono::NaiveDate) {
        use chrono::Datelike;
        self.week = Some(Period::containing(PeriodKind::Week, day));
        self.day = day.weekday().num_days_from_monday() as usize;
        self.slot = 0;
    }

    fn load(&mut self, store: &Store, ctx: &Ctx) -> Result<()> {
        let plan = WeekPlan::load(store.conn(), self.week(ctx))?;
        let shifts: Vec<Shift> = plan.shifts().cloned().collect();
        self.coverage = plan.week.dates().map(|d| coverage(&plan.roster.needs, &shifts, d)).collect();
        self.conflicts = plan.described().iter().map(|m| m.text(ctx.cat)).collect();
        self.table.set_rows(plan.reps.iter().map(|r| Self::row(r, &plan)).collect(), ctx);
        self.table.set_column(Some(self.day + 1));
        // The days' headers carry their dates: `Mon 23`.
        let mut headers = vec![ctx.t("schedule.col.rep").to_string()];
        headers.extend(plan.week.dates().map(|d| ctx.cat.column_day(d)));
        headers.push(ctx.t("schedule.col.hours").to_string());
        self.table.set_headers(Some(headers));
        self.plan = Some(plan);
        self.mark_picked();
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
                self.mark_picked();
                return Ok(Outcome::Consumed);
            }
            a if is_movement(a) => {
                self.slot = 0;
                self.table.navigate(a);
                self.mark_picked();
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
                self.mark_picked();
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
                // Up front: how many shifts the week holds already, which the copy keeps.
                let already = self.plan.as_ref().map_or(0, |p| p.shifts().count());
                let key = if already == 0 { "schedule.confirm_copy" } else { "schedule.confirm_copy_into" };
                let message = ctx.tf(key, &[("from", &from), ("to", &to), ("count", &already)]);
                let then = Box::new(Command::Change(writes::copy_week(week)));
                return Ok(Outcome::Run(Command::Confirm { message, then }));
            }
            Action::AutoFill => {
                let fill = crate::service::schedule::plan_fill(store.conn(), &week, store.moment())?;
                // Each slot left open says why: who is off, unavailable, at their hours.
                let mut open = Vec::new();
                if !fill.gaps.is_empty() {
                    open.push(ctx.tf("fill.left_open", &[("count", &fill.gaps.len())]));
                    open.extend(
                        fill.gaps
                            .iter()
                            .map(|g| format!("  ⚠ {}", crate::service::schedule::gap_message(g).text(ctx.cat))),
                    );
                }
                match fill.method {
                    crate::domain::schedule::Method::Exact => {}
                    crate::domain::schedule::Method::Unproven => open.insert(0, ctx.t("fill.unproven").to_string()),
                    crate::domain::schedule::Method::Greedy => open.insert(0, ctx.t("fill.greedy").to_string()),
                }
                let proposals = fill.proposals;
                if proposals.is_empty() {
                    if open.is_empty() {
                        return Ok(Outcome::Run(Command::Message(ctx.t("schedule.nothing_to_fill").into())));
                    }
                    let title = ctx.t("fill.none_possible").to_string();
                    return Ok(Outcome::Run(Command::ShowText { title, lines: open }));
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
                lines.extend(open);
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
            .title(Span::styled(format!(" {title} "), theme::header()));
        let columns = if area.width >= WIDE { COLUMNS_WIDE } else { COLUMNS };
        self.table.render(grid, buf, ctx, columns, block, ctx.t("schedule.empty"));
        self.highlight_picked(buf);

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
        // The first line is the needs, drawn under the days' columns once the box is.
        let mut lines = vec![Line::raw(""), Line::styled(totals, theme::dim())];
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
                    .title(Span::styled(format!(" {heading} "), style))
                    // Every mark of the grid, under it: the title above keeps its room.
                    .title_bottom(Line::from(format!(" {} ", ctx.t("schedule.legend"))).right_aligned()),
            )
            .render(summary, buf);
        self.render_needs(summary, buf, ctx);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Location;

    fn shift(id: i64, start: u32, end: u32) -> Shift {
        Shift {
            id,
            rep_id: 1,
            date: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            start_min: start,
            end_min: end,
            location: Location::Store,
            status: ShiftStatus::Scheduled,
        }
    }

    fn text(shifts: &[Shift], flagged: &[i64], width: u16, picked: usize) -> String {
        cell_text(shifts, &flagged.iter().copied().collect(), width, picked).0
    }

    #[test]
    fn a_half_hour_keeps_its_minutes_and_its_place_in_a_narrow_cell() {
        let half = [shift(1, 9 * 60, 12 * 60 + 30)];
        assert_eq!(text(&half, &[], 18, 0), "09–12:30·S");
        assert_eq!(text(&half, &[], 7, 0), "9–12½·S");
        assert_eq!(text(&half, &[1], 7, 0), "9–12½⚠S", "a conflict keeps its mark");
        assert_eq!(text(&[shift(1, 10 * 60 + 15, 14 * 60 + 45)], &[], 7, 0), "10¼–14¾");
        assert_eq!(text(&[shift(1, 9 * 60, 13 * 60)], &[], 7, 0), "09–13·S", "whole hours as before");
    }

    #[test]
    fn two_shifts_show_side_by_side_where_they_fit_else_the_picked_one_and_a_count() {
        let two = [shift(1, 9 * 60, 13 * 60), shift(2, 17 * 60, 21 * 60)];
        assert_eq!(text(&two, &[], 18, 0), "09–13·S 17–21·S");
        assert_eq!(text(&two, &[2], 18, 0), "09–13·S 17–21⚠S");
        assert_eq!(text(&two, &[], 7, 0), "9–13S+1");
        assert_eq!(text(&two, &[], 7, 1), "17–21+1", "the one s picked is the one shown");
        // Side by side, the picked one's place in the cell, for the cursor to stand on it.
        let (_, _, span) = cell_text(&two, &HashSet::new(), 18, 1);
        assert_eq!(span, Some((8, 7)));
        assert_eq!(cell_text(&two[..1], &HashSet::new(), 18, 0).2, None, "one shift is the whole cell");
    }
}
