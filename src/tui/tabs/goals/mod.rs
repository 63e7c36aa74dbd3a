//! Goals: every target of the period with its progress, pace and forecast; `n` sets one,
//! `e` changes its goal, `d` removes it.

mod forms;
mod writes;

use super::{TabView, bar, is_movement, percent};
use crate::domain::goals;
use crate::domain::model::Metric;
use crate::domain::money::Money;
use crate::domain::pace::{Pace, PaceStatus};
use crate::domain::period::{Period, PeriodKind};
use crate::store::{self, Store};
use crate::tui::Command;
use crate::tui::forms::Spec;
use crate::tui::keymap::{Action, Scope};
use crate::tui::theme;
use crate::tui::widgets::table::{Column, DataTable, TableRow, col, num};
use crate::tui::{Ctx, Outcome};
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Block;

pub struct GoalsTab {
    kind: PeriodKind,
    period: Option<Period>,
    table: DataTable<GoalRow>,
    /// The period's working days gone by (today counts) and in all: what pacing runs on.
    working: (i64, i64),
}

impl Default for GoalsTab {
    fn default() -> Self {
        GoalsTab { kind: PeriodKind::Month, period: None, table: DataTable::default(), working: (0, 0) }
    }
}

struct GoalRow {
    id: i64,
    who: String,
    metric: Metric,
    pace: Pace,
    /// Ahead, on pace or behind, by the business's thresholds.
    status: Option<PaceStatus>,
}

const COLUMNS: &[Column] = &[
    col("goals.col.who", Constraint::Fill(2)),
    col("goals.col.metric", Constraint::Length(13)),
    col("goals.col.progress", Constraint::Length(13)),
    num("goals.col.actual", Constraint::Min(19)),
    num("goals.col.pace", Constraint::Length(7)),
    num("goals.col.forecast", Constraint::Length(9)),
];

fn amount(metric: Metric, value: i64, ctx: &Ctx) -> String {
    match metric {
        Metric::Revenue | Metric::RevenuePerHour => ctx.money_whole(Money(value)),
        _ => value.to_string(),
    }
}

impl TableRow for GoalRow {
    fn cells(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        let p = &self.pace;
        let (pace_text, pace_style) = match self.status {
            Some(PaceStatus::Behind) => (format!("{} ⚠", percent(p.pace())), theme::warn()),
            Some(PaceStatus::Ahead) => (format!("{} ▲", percent(p.pace())), theme::good()),
            _ => (percent(p.pace()), Style::default()),
        };
        vec![
            (self.who.clone(), Style::default()),
            (ctx.cat.label(self.metric).to_string(), Style::default()),
            (format!("{} {:>4}", bar(p.progress(), 8), percent(Some(p.progress()))), theme::accent()),
            (
                format!("{} / {}", amount(self.metric, p.actual, ctx), amount(self.metric, p.goal, ctx)),
                Style::default(),
            ),
            (pace_text, pace_style),
            (p.forecast().map(|f| amount(self.metric, f, ctx)).unwrap_or_else(|| "—".into()), Style::default()),
        ]
    }
}

impl GoalsTab {
    fn period(&self, ctx: &Ctx) -> Period {
        self.period.unwrap_or_else(|| Period::containing(self.kind, ctx.today()))
    }
}

impl TabView for GoalsTab {
    fn cell_at(&self, x: u16, y: u16) -> Option<(usize, Option<usize>)> {
        self.table.cell_at(x, y).map(|(row, _)| (row, None))
    }

    fn cursor(&self) -> (usize, Option<usize>) {
        (self.table.selected_index(), None)
    }

    fn scope(&self) -> Scope {
        Scope::Goals
    }

    fn load(&mut self, store: &Store, ctx: &Ctx) -> Result<()> {
        let period = self.period(ctx);
        let conn = store.conn();
        let metrics = store::metrics::rep_metrics(conn, &period, ctx.today())?;
        let listed = store::targets::listed(conn, &period)?;
        // The period before, for the forecast: only the figures the targets measure.
        let wanted: Vec<Metric> = listed.iter().map(|(_, t, _)| t.metric).collect();
        let previous = store::metrics::rep_metrics_of(conn, &period.previous(), ctx.today(), &wanted)?;
        let ids: Vec<i64> = listed.iter().map(|(id, _, _)| *id).collect();
        let targets = listed.into_iter().map(|(_, t, rep)| (t, rep)).collect();
        let working = store::settings::working_days(conn)?;
        let thresholds = store::settings::pace_thresholds(conn)?;
        self.working = working.of_period(&period, ctx.today());
        let rows = goals::progress(targets, &metrics, &previous, &period, working, ctx.today())
            .into_iter()
            .zip(ids)
            .map(|(g, id)| GoalRow {
                id,
                who: match (g.rep, &g.target.team) {
                    (Some(rep), _) => rep,
                    (None, Some(team)) => ctx.tf("goals.of_team", &[("team", team)]),
                    (None, None) => ctx.t("goals.team").to_string(),
                },
                metric: g.target.metric,
                status: g.pace.status_by(&thresholds),
                pace: g.pace,
            })
            .collect();
        self.table.set_rows(rows, ctx);
        Ok(())
    }

    fn handle(&mut self, action: Action, store: &Store, ctx: &Ctx) -> Result<Outcome> {
        let period = self.period(ctx);
        match action {
            Action::PrevPeriod => self.period = Some(period.previous()),
            Action::NextPeriod => self.period = Some(period.next()),
            Action::ThisPeriod => self.period = None,
            Action::PeriodKind => {
                use strum::IntoEnumIterator;
                let kinds: Vec<PeriodKind> = PeriodKind::iter().collect();
                let i = kinds.iter().position(|k| *k == self.kind).unwrap_or(0);
                self.kind = kinds[(i + 1) % kinds.len()];
                self.period = None;
            }
            a if is_movement(a) => {
                self.table.navigate(a);
                return Ok(Outcome::Consumed);
            }
            Action::Add => {
                let form = forms::TargetForm { period, id: None };
                return Ok(Outcome::Run(Command::OpenForm(Spec::new(form))));
            }
            Action::Edit | Action::Delete => {
                let Some(row) = self.table.selected() else { return Ok(Outcome::Ignored) };
                if action == Action::Edit {
                    let form = forms::TargetForm { period, id: Some(row.id) };
                    return Ok(Outcome::Run(Command::OpenForm(Spec::new(form))));
                }
                let message = ctx.tf(
                    "goals.confirm_remove",
                    &[("who", &row.who), ("metric", &ctx.cat.label(row.metric)), ("period", &ctx.cat.period(&period))],
                );
                let then = Box::new(Command::Change(writes::remove_target(row.id)));
                return Ok(Outcome::Run(Command::Confirm { message, then }));
            }
            _ => return Ok(Outcome::Ignored),
        }
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
        let period = self.period(ctx);
        let title = ctx.tf(
            "goals.title",
            &[
                ("period", &ctx.cat.period(&period)),
                ("day", &self.working.0),
                ("days", &self.working.1),
                ("share", &percent((self.working.1 > 0).then(|| self.working.0 as f64 / self.working.1 as f64))),
            ],
        );
        let block = Block::bordered().title(Span::styled(format!(" {title} "), theme::header()));
        self.table.render(area, buf, ctx, COLUMNS, block, ctx.t("goals.empty"));
    }
}
