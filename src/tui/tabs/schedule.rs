//! Schedule: one week of shifts, reps as rows and days as columns, with coverage below.

use super::{TabView, is_movement};
use crate::domain::model::{Rep, Shift, ShiftStatus, short_time_of_day};
use crate::domain::money::Money;
use crate::domain::period::{Period, PeriodKind};
use crate::domain::schedule::{DayCoverage, coverage, labour_cost, minutes_of};
use crate::store::{self, Store};
use crate::text::{t, tf};
use crate::tui::keymap::{Action, Scope};
use crate::tui::theme;
use crate::tui::widgets::table::{Column, DataTable, TableRow, col, num};
use crate::tui::{Ctx, Outcome};
use anyhow::Result;
use chrono::Duration;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

#[derive(Default)]
pub struct ScheduleTab {
    week: Option<Period>,
    table: DataTable<WeekRow>,
    coverage: Vec<DayCoverage>,
    labour: Money,
    sales: Money,
}

struct WeekRow {
    name: String,
    days: Vec<Vec<Shift>>,
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

/// `09–13·S`, with `+1` when a rep has a second shift that day; `✗` marks a no-show.
fn cell(shifts: &[Shift]) -> (String, Style) {
    let Some(first) = shifts.first() else { return (String::new(), Style::default()) };
    let mut text = format!(
        "{}–{}·{}",
        short_time_of_day(first.start_min),
        short_time_of_day(first.end_min),
        first.location.letter()
    );
    if shifts.len() > 1 {
        text = format!("{}+{}", text.chars().take(5).collect::<String>(), shifts.len() - 1);
    }
    match first.status {
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
        cells.extend(self.days.iter().map(|d| cell(d)));
        let max = self.max_hours.map(|m| m.to_string()).unwrap_or_else(|| "—".into());
        cells.push((format!("{hours}/{max}"), if over { theme::alert() } else { Style::default() }));
        cells
    }
}

impl ScheduleTab {
    fn week(&self, ctx: &Ctx) -> Period {
        self.week.unwrap_or_else(|| Period::containing(PeriodKind::Week, ctx.today))
    }

    fn row(rep: &Rep, week: &Period, shifts: &[Shift]) -> WeekRow {
        let days = week
            .dates()
            .map(|d| shifts.iter().filter(|s| s.rep_id == rep.id && s.date == d).cloned().collect())
            .collect();
        WeekRow { name: rep.name.clone(), days, minutes: minutes_of(shifts, rep.id), max_hours: rep.max_weekly_hours }
    }
}

impl TabView for ScheduleTab {
    fn scope(&self) -> Scope {
        Scope::Schedule
    }

    fn load(&mut self, store: &Store, ctx: &Ctx) -> Result<()> {
        let week = self.week(ctx);
        let conn = store.conn();
        let shifts = store::schedule::shifts_between(conn, week.first_day(), week.last_day())?;
        let needs = store::schedule::staffing_needs(conn)?;
        let reps: Vec<Rep> = store::reps::list(conn, true)?
            .into_iter()
            .filter(|r| r.active || shifts.iter().any(|s| s.rep_id == r.id))
            .collect();
        self.labour = reps.iter().map(|r| labour_cost(minutes_of(&shifts, r.id), r.hourly_rate)).sum();
        self.sales = store::metrics::revenue_between(conn, week.first_day(), week.last_day())?;
        self.coverage = week.dates().map(|d| coverage(&needs, &shifts, d)).collect();
        self.table.set_rows(reps.iter().map(|r| Self::row(r, &week, &shifts)).collect(), ctx);
        Ok(())
    }

    fn handle(&mut self, action: Action, store: &Store, ctx: &Ctx) -> Result<Outcome> {
        let week = self.week(ctx);
        let next = match action {
            Action::PrevPeriod => week.previous(),
            Action::NextPeriod => week.next(),
            Action::ThisPeriod => Period::containing(PeriodKind::Week, ctx.today),
            a if is_movement(a) => {
                self.table.navigate(a);
                return Ok(Outcome::Consumed);
            }
            _ => return Ok(Outcome::Ignored),
        };
        self.week = Some(next);
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
        let [grid, summary] = Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]).areas(area);
        let (first, last) = (week.first_day(), week.last_day());
        let Period::Week { week: number, .. } = week else { return };
        let title = tf(
            "schedule.title",
            &[("week", &number), ("from", &first.format("%-d %b")), ("to", &last.format("%-d %b %Y"))],
        );
        // The grid and the coverage below it read as one box.
        let block = Block::bordered()
            .borders(Borders::TOP | Borders::LEFT | Borders::RIGHT)
            .title(Span::styled(format!(" {title} "), theme::header()))
            .title(Line::from(format!(" {} ", t("schedule.legend"))).right_aligned());
        let columns = if area.width >= WIDE { COLUMNS_WIDE } else { COLUMNS };
        self.table.render(grid, buf, ctx, columns, block, t("schedule.empty"));

        let mut needs = vec![Span::styled(format!("{} ", t("schedule.needs")), theme::header())];
        for (i, c) in self.coverage.iter().enumerate() {
            let day = (first + Duration::days(i as i64)).format("%a").to_string();
            let (text, style) = match c.needed {
                0 => (format!("{day} —  "), theme::dim()),
                _ if c.is_short() => (format!("{day} {}/{}⚠ ", c.met, c.needed), theme::warn()),
                _ => (format!("{day} {}/{}  ", c.met, c.needed), theme::good()),
            };
            needs.push(Span::styled(text, style));
        }
        let share = (self.sales.cents() > 0)
            .then(|| format!("{:.0}%", self.labour.cents() as f64 * 100.0 / self.sales.cents() as f64));
        let totals = tf(
            "schedule.totals",
            &[
                ("labour", &ctx.money(self.labour)),
                ("sales", &ctx.money(self.sales)),
                ("share", &share.unwrap_or_else(|| "—".into())),
            ],
        );
        Paragraph::new(vec![Line::from(needs), Line::styled(totals, theme::dim())])
            .block(Block::bordered().borders(Borders::LEFT | Borders::RIGHT | Borders::BOTTOM))
            .render(summary, buf);
    }
}
