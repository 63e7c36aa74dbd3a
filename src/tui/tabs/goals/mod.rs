//! Goals: are we on pace? The business's and the teams' targets as gauges on top; below, every
//! rep with their revenue target's gauge, pace and forecast, their figures and how far their
//! open deals cover what is left, a further row for each other target they have. `n` sets a
//! target, `e` changes the selected one's goal (or sets the rep's first), `d` removes one.

mod forms;
mod writes;

use super::{TabView, bar, is_movement, percent};
use crate::domain::goals::{self, GoalProgress, Scope as Who};
use crate::domain::leaderboard::RepMetrics;
use crate::domain::model::Metric;
use crate::domain::money::Money;
use crate::domain::pace::{Pace, PaceStatus, PaceThresholds};
use crate::domain::period::{Period, PeriodKind};
use crate::store::{self, Store};
use crate::tui::Command;
use crate::tui::forms::Spec;
use crate::tui::keymap::{Action, Scope};
use crate::tui::theme;
use crate::tui::widgets::fit;
use crate::tui::widgets::table::{Column, DataTable, TableRow, col, num};
use crate::tui::{Ctx, Outcome};
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use std::collections::BTreeMap;
use unicode_width::UnicodeWidthStr;

pub struct GoalsTab {
    kind: PeriodKind,
    period: Option<Period>,
    /// The business's and the teams' targets, drawn as gauges over the reps.
    gauges: Vec<Gauge>,
    /// The selected gauge, when the cursor is up there rather than in the table.
    on_gauge: Option<usize>,
    table: DataTable<RepRow>,
    /// The period's working days gone by (today counts) and in all: what pacing runs on.
    working: (i64, i64),
    /// Whether the period has any target at all (else the gauges say how to set one).
    any_target: bool,
    /// Where the last draw put the gauges, for a click.
    gauges_area: std::cell::Cell<Rect>,
}

impl Default for GoalsTab {
    fn default() -> Self {
        GoalsTab {
            kind: PeriodKind::Month,
            period: None,
            gauges: Vec::new(),
            on_gauge: None,
            table: DataTable::default(),
            working: (0, 0),
            any_target: false,
            gauges_area: Default::default(),
        }
    }
}

/// A target with where it stands.
struct Goal {
    id: i64,
    metric: Metric,
    pace: Pace,
    /// Ahead, on pace or behind, by the business's thresholds.
    status: Option<PaceStatus>,
    /// A revenue target's pipeline cover: open deals against what is left (`None` once met).
    cover: Option<Option<f64>>,
}

impl Goal {
    /// `open`: the open deals' value, for a period still going (the pipeline is today's, so a
    /// period over has no cover).
    fn of(id: i64, g: &GoalProgress, thresholds: &PaceThresholds, open: Option<Money>) -> Goal {
        let cover = open
            .filter(|_| g.target.metric == Metric::Revenue)
            .map(|open| goals::pipeline_cover(open, Money(g.pace.goal), Money(g.pace.actual)));
        Goal { id, metric: g.target.metric, pace: g.pace, status: g.pace.status_by(thresholds), cover }
    }

    /// `114% ▲`, `61% ⚠` or `98%`, styled by the status.
    fn pace_cell(&self) -> (String, Style) {
        let p = percent(self.pace.pace());
        match self.status {
            Some(PaceStatus::Behind) => (format!("{p} ⚠"), theme::warn()),
            Some(PaceStatus::Ahead) => (format!("{p} ▲"), theme::good()),
            _ => (p, Style::default()),
        }
    }

    fn forecast(&self, ctx: &Ctx) -> String {
        self.pace.forecast().map(|f| amount(self.metric, f, ctx)).unwrap_or_else(|| "—".into())
    }

    fn actual_of_goal(&self, ctx: &Ctx) -> String {
        format!("{} / {}", amount(self.metric, self.pace.actual, ctx), amount(self.metric, self.pace.goal, ctx))
    }
}

/// `1.8×`, `0.9× ⚠` under the business's line, `met` once the goal is reached; from ten
/// times on the tenths say nothing, and past 99 the figure neither.
fn cover_cell(cover: Option<Option<f64>>, thresholds: &PaceThresholds, ctx: &Ctx) -> (String, Style) {
    match cover {
        None => ("—".into(), theme::dim()),
        Some(None) => (ctx.t("goals.met").to_string(), theme::good()),
        Some(Some(c)) if c < thresholds.cover_below => (format!("{c:.1}× ⚠"), theme::warn()),
        Some(Some(c)) if c < 10.0 => (format!("{c:.1}×"), Style::default()),
        Some(Some(c)) if c < 99.5 => (format!("{c:.0}×"), Style::default()),
        Some(Some(_)) => (">99×".into(), Style::default()),
    }
}

struct Gauge {
    /// The business or the team.
    who: String,
    label: String,
    goal: Goal,
    thresholds: PaceThresholds,
}

/// A rep and their revenue target, or a further target of theirs (`figures` is `None`).
struct RepRow {
    rep_id: i64,
    name: String,
    goal: Option<Goal>,
    /// Deals won, new customers, visits: on the rep's first row only.
    figures: Option<[i64; 3]>,
    thresholds: PaceThresholds,
}

const COLUMNS: &[Column] = &[
    col("goals.col.rep", Constraint::Length(16)),
    col("goals.col.revenue", Constraint::Fill(1)),
    num("goals.col.actual", Constraint::Length(21)).from(120),
    num("goals.col.pace", Constraint::Length(7)),
    num("goals.col.forecast", Constraint::Length(10)),
    num("goals.col.deals", Constraint::Length(5)),
    num("goals.col.new", Constraint::Length(4)),
    num("goals.col.visits", Constraint::Length(6)),
    num("goals.col.cover", Constraint::Length(7)),
];

/// `New customers` of `new customers`: a label that starts a line.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn amount(metric: Metric, value: i64, ctx: &Ctx) -> String {
    match metric {
        Metric::Revenue | Metric::RevenuePerHour => ctx.money_whole(Money(value)),
        Metric::Conversion => format!("{value}%"),
        _ => value.to_string(),
    }
}

impl RepRow {
    fn cells_of(&self, ctx: &Ctx, gauge_width: usize) -> Vec<(String, Style)> {
        let plain = |s: String| (s, Style::default());
        let who = match self.figures {
            Some(_) => plain(self.name.clone()),
            None => (format!("  · {}", self.goal.as_ref().map_or("", |g| ctx.cat.label(g.metric))), theme::dim()),
        };
        let (gauge, actual, pace, forecast, cover) = match &self.goal {
            Some(g) => {
                let p = g.pace.progress();
                let bar_width = gauge_width.saturating_sub(6).clamp(4, 60);
                (
                    (format!("{} {:>4}", bar(p, bar_width), percent(Some(p))), theme::accent()),
                    plain(g.actual_of_goal(ctx)),
                    g.pace_cell(),
                    plain(g.forecast(ctx)),
                    cover_cell(g.cover, &self.thresholds, ctx),
                )
            }
            None => {
                let none = || ("—".to_string(), theme::dim());
                // The hint to set one where it fits, else only that there is none.
                let hint = ctx.t("goals.no_target");
                let text = if hint.width() <= gauge_width { hint } else { ctx.t("goals.none") };
                ((text.to_string(), theme::dim()), none(), none(), none(), none())
            }
        };
        let figure = |i: usize| plain(self.figures.map(|f| f[i].to_string()).unwrap_or_default());
        // A further target's row has no figures or cover of its own: its metric is the figure.
        let cover = if self.figures.is_some() { cover } else { (String::new(), Style::default()) };
        vec![who, gauge, actual, pace, forecast, figure(0), figure(1), figure(2), cover]
    }
}

impl TableRow for RepRow {
    fn cells(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        self.cells_of(ctx, 18)
    }

    fn cells_in(&self, ctx: &Ctx, widths: &[u16]) -> Vec<(String, Style)> {
        self.cells_of(ctx, widths.get(1).copied().unwrap_or(18) as usize)
    }
}

impl GoalsTab {
    fn period(&self, ctx: &Ctx) -> Period {
        self.period.unwrap_or_else(|| Period::containing(self.kind, ctx.today()))
    }

    /// The target the cursor stands on, if any, with who it is for.
    fn selected_goal(&self) -> Option<(&Goal, String)> {
        match self.on_gauge {
            Some(i) => self.gauges.get(i).map(|g| (&g.goal, g.who.clone())),
            None => self.table.selected().and_then(|r| r.goal.as_ref().map(|g| (g, r.name.clone()))),
        }
    }

    fn step(&mut self, action: Action) {
        let first_row = self.table.selected_index() == 0;
        match (self.on_gauge, action) {
            (Some(i), Action::Up) => self.on_gauge = Some(i.saturating_sub(1)),
            (Some(i), Action::Down) if i + 1 < self.gauges.len() => self.on_gauge = Some(i + 1),
            (Some(_), Action::Down | Action::PageDown) if !self.table.is_empty() => {
                self.on_gauge = None;
                self.table.navigate(Action::Top);
            }
            (Some(_), Action::Top | Action::PageUp) => self.on_gauge = Some(0),
            (Some(_), Action::Bottom) if !self.table.is_empty() => {
                self.on_gauge = None;
                self.table.navigate(Action::Bottom);
            }
            (Some(_), _) => {}
            (None, Action::Up) if first_row && !self.gauges.is_empty() => {
                self.on_gauge = Some(self.gauges.len() - 1);
            }
            (None, Action::Top) if !self.gauges.is_empty() => self.on_gauge = Some(0),
            (None, a) => {
                self.table.navigate(a);
            }
        }
        self.table.set_focus(self.on_gauge.is_none());
    }

    fn render_gauges(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        self.gauges_area.set(area);
        if area.height == 0 {
            return;
        }
        if !self.any_target {
            let line = Line::from(Span::styled(format!(" {}", ctx.t("goals.none_yet")), theme::dim()));
            line.render(Rect { height: 1, ..area }, buf);
            return;
        }
        // Each gauge's parts, laid out as columns: the label, the bar, actual / goal, the share,
        // the pace, the forecast and the cover; the bar takes the room the others leave.
        let parts: Vec<[(String, Style); 5]> = self
            .gauges
            .iter()
            .map(|gauge| {
                let g = &gauge.goal;
                let (pace, pace_style) = g.pace_cell();
                let cover = match g.cover {
                    Some(_) => {
                        let (cover, style) = cover_cell(g.cover, &gauge.thresholds, ctx);
                        (format!(" · {}", ctx.tf("goals.gauge_cover", &[("cover", &cover)])), style)
                    }
                    None => (String::new(), Style::default()),
                };
                [
                    (g.actual_of_goal(ctx), Style::default()),
                    (percent(Some(g.pace.progress())), Style::default()),
                    (format!(" · {}", ctx.tf("goals.gauge_pace", &[("pace", &pace)])), pace_style),
                    (format!(" · → {}", g.forecast(ctx)), Style::default()),
                    cover,
                ]
            })
            .collect();
        let widest = |i: usize| parts.iter().map(|p| p[i].0.width()).max().unwrap_or(0);
        let widths: Vec<usize> = (0..5).map(widest).collect();
        let label_width = self.gauges.iter().map(|g| g.label.width()).max().unwrap_or(0).clamp(6, 24);
        let width = area.width as usize;
        // What must show: the mark, the label, actual / goal, the share and the pace; then a bar
        // of 8; then the forecast and the cover, while they fit.
        let fixed = 2 + label_width + 1 + 2 + widths[0] + 2 + widths[1].max(4) + widths[2];
        let mut shown = 3;
        while shown < 5 && fixed + widths[3..=shown].iter().sum::<usize>() + 8 <= width {
            shown += 1;
        }
        let tail: usize = widths[3..shown].iter().sum();
        let bar_width = width.saturating_sub(fixed + tail).min(40);
        let height = area.height as usize;
        let first = self.on_gauge.map_or(0, |i| (i + 1).saturating_sub(height));
        for (n, (gauge, part)) in self.gauges.iter().zip(parts).enumerate().skip(first).take(height) {
            let y = area.y + (n - first) as u16;
            let selected = self.on_gauge == Some(n);
            let label = fit(&gauge.label, label_width);
            let pad = label_width.saturating_sub(label.width());
            let mark = if selected { "▶ " } else { "  " };
            let mut spans = vec![Span::raw(format!("{mark}{label}{} ", " ".repeat(pad)))];
            if bar_width >= 4 {
                spans.push(Span::styled(bar(gauge.goal.pace.progress(), bar_width), theme::accent()));
            }
            let [actual, share, pace, forecast, cover] = part;
            spans.push(Span::raw(format!("  {:>w$}", actual.0, w = widths[0])));
            spans.push(Span::raw(format!("  {:>w$}", share.0, w = widths[1].max(4))));
            let pad = widths[2].saturating_sub(pace.0.width());
            spans.push(Span::styled(format!("{}{}", pace.0, " ".repeat(pad)), pace.1));
            let tail_parts = [forecast, cover];
            for (i, (text, style)) in tail_parts.into_iter().enumerate() {
                if 3 + i < shown {
                    spans.push(Span::styled(format!("{text:<w$}", w = widths[3 + i]), style));
                }
            }
            let line = Line::from(spans);
            let line = if selected { line.style(theme::selected()) } else { line };
            line.render(Rect { y, height: 1, ..area }, buf);
        }
    }
}

impl TabView for GoalsTab {
    fn cell_at(&self, x: u16, y: u16) -> Option<(usize, Option<usize>)> {
        let gauges = self.gauges_area.get();
        if gauges.contains(ratatui::layout::Position { x, y }) {
            let first = self.on_gauge.map_or(0, |i| (i + 1).saturating_sub(gauges.height as usize));
            let n = first + (y - gauges.y) as usize;
            return (n < self.gauges.len()).then_some((n, None));
        }
        self.table.cell_at(x, y).map(|(row, _)| (self.gauges.len() + row, None))
    }

    fn cursor(&self) -> (usize, Option<usize>) {
        (self.on_gauge.unwrap_or(self.gauges.len() + self.table.selected_index()), None)
    }

    fn select_row(&mut self, row: usize, _store: &Store) -> bool {
        if row < self.gauges.len() {
            self.on_gauge = Some(row);
        } else {
            if !self.table.select_index(row - self.gauges.len()) {
                return false;
            }
            self.on_gauge = None;
        }
        self.table.set_focus(self.on_gauge.is_none());
        true
    }

    fn scope(&self) -> Scope {
        Scope::Goals
    }

    fn select_id(&mut self, id: i64, _store: &Store) {
        if self.table.select_where(|r| r.rep_id == id && r.figures.is_some()) {
            self.on_gauge = None;
            self.table.set_focus(true);
        }
    }

    fn load(&mut self, store: &Store, ctx: &Ctx) -> Result<()> {
        let period = self.period(ctx);
        let conn = store.conn();
        let metrics = store::metrics::rep_metrics(conn, &period, ctx.today())?;
        let listed = store::targets::listed(conn, &period)?;
        // The period before, for the forecast: only the figures the targets measure.
        let wanted: Vec<Metric> = listed.iter().map(|(_, t, _)| t.metric).collect();
        let previous = store::metrics::rep_metrics_of(conn, &period.previous(), ctx.today(), &wanted)?;
        // Today's open deals, set against a period still going; a period over has no cover.
        let going = period.last_day() >= ctx.today();
        let open = if going { store::metrics::open_pipeline(conn)? } else { Default::default() };
        let ids: Vec<i64> = listed.iter().map(|(id, _, _)| *id).collect();
        let targets = listed.into_iter().map(|(_, t, rep)| (t, rep)).collect();
        let working = store::settings::working_days(conn)?;
        let thresholds = store::settings::pace_thresholds(conn)?;
        self.working = working.of_period(&period, ctx.today());
        let progress = goals::progress(targets, &metrics, &previous, &period, working, ctx.today());
        self.any_target = !progress.is_empty();

        let mut gauges = Vec::new();
        let mut by_rep: BTreeMap<i64, Vec<(i64, GoalProgress)>> = BTreeMap::new();
        for (g, id) in progress.into_iter().zip(ids) {
            let scope = g.target.scope();
            let open_value = going.then(|| goals::open_value(&scope, &metrics, &open));
            match &scope {
                Who::Rep(rep) => {
                    by_rep.entry(*rep).or_default().push((id, g));
                }
                Who::Team(_) | Who::All => {
                    let metric = ctx.cat.label(g.target.metric);
                    // The business's gauges are named by their metric; a team's by the team too.
                    let (who, label) = match &g.target.team {
                        Some(team) => {
                            let who = ctx.tf("goals.of_team", &[("team", team)]);
                            let label = ctx.tf("goals.gauge", &[("who", &who), ("metric", &metric)]);
                            (who, label)
                        }
                        None => (ctx.t("goals.team").to_string(), capitalised(metric)),
                    };
                    let order = (g.target.team.clone(), g.target.metric);
                    gauges.push((
                        order,
                        Gauge { who, label, goal: Goal::of(id, &g, &thresholds, open_value), thresholds },
                    ));
                }
            }
        }
        // The business first, then the teams by name; each one's metrics in their usual order.
        gauges.sort_by(|(a, _), (b, _)| a.cmp(b));
        self.gauges = gauges.into_iter().map(|(_, g)| g).collect();

        // Every rep the figures list (the active ones, and any other who did something), and any
        // rep with a target of the period besides.
        let mut reps: Vec<(i64, String, Option<&RepMetrics>)> =
            metrics.iter().map(|m| (m.rep_id, m.rep.clone(), Some(m))).collect();
        for (rep, goals) in &by_rep {
            if !reps.iter().any(|(id, ..)| id == rep)
                && let Some(name) = goals.first().and_then(|(_, g)| g.rep.clone())
            {
                reps.push((*rep, name, None));
            }
        }
        reps.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        let mut rows = Vec::new();
        for (rep_id, name, m) in reps {
            let mut own = by_rep.remove(&rep_id).unwrap_or_default();
            own.sort_by_key(|(_, g)| (g.target.metric != Metric::Revenue, g.target.metric));
            let open_value = going.then(|| open.get(&rep_id).copied().unwrap_or_default());
            let mut own = own.into_iter().map(|(id, g)| Goal::of(id, &g, &thresholds, open_value)).peekable();
            let first = own.next_if(|g| g.metric == Metric::Revenue);
            let figures = m.map_or([0; 3], |m| [m.deals_won, m.new_customers, m.visits]);
            rows.push(RepRow { rep_id, name: name.clone(), goal: first, figures: Some(figures), thresholds });
            rows.extend(own.map(|g| RepRow { rep_id, name: name.clone(), goal: Some(g), figures: None, thresholds }));
        }
        self.table.set_rows(rows, ctx);
        if self.on_gauge.is_some_and(|i| i >= self.gauges.len()) {
            self.on_gauge = self.gauges.len().checked_sub(1);
        }
        self.table.set_focus(self.on_gauge.is_none());
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
                self.step(a);
                return Ok(Outcome::Consumed);
            }
            Action::Add => {
                let form = forms::TargetForm { period, id: None, who: None };
                return Ok(Outcome::Run(Command::OpenForm(Spec::new(form))));
            }
            Action::Edit => {
                let form = match self.selected_goal() {
                    Some((goal, _)) => forms::TargetForm { period, id: Some(goal.id), who: None },
                    // A rep without a revenue target: set them one.
                    None => match self.table.selected().filter(|_| self.on_gauge.is_none()) {
                        Some(row) => forms::TargetForm { period, id: None, who: Some(format!("rep:{}", row.rep_id)) },
                        None => return Ok(Outcome::Ignored),
                    },
                };
                return Ok(Outcome::Run(Command::OpenForm(Spec::new(form))));
            }
            Action::Delete => {
                let Some((goal, who)) = self.selected_goal() else { return Ok(Outcome::Ignored) };
                let message = ctx.tf(
                    "goals.confirm_remove",
                    &[("who", &who), ("metric", &ctx.cat.label(goal.metric)), ("period", &ctx.cat.period(&period))],
                );
                let then = Box::new(Command::Change(writes::remove_target(goal.id)));
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
        let inner = block.inner(area);
        block.render(area, buf);
        // The gauges take what they need, up to a third of the room; the reps the rest.
        // Only reps' targets: no gauges, no strip.
        let wanted = if self.any_target { self.gauges.len() as u16 } else { 1 };
        let gauges_height = if wanted == 0 {
            0
        } else {
            wanted.min(inner.height.saturating_sub(3) / 3).max(u16::from(inner.height >= 4))
        };
        let gauges = Rect { height: gauges_height, ..inner };
        self.render_gauges(gauges, buf, ctx);
        // A rule across the frame between them, joined to its sides.
        let rule_y = inner.y + gauges_height;
        if gauges_height > 0 && rule_y < inner.bottom() {
            let line = format!("├{}┤", "─".repeat(inner.width as usize));
            buf.set_string(area.x, rule_y, line, Style::default());
        }
        let table_y = if gauges_height > 0 { rule_y + 1 } else { inner.y };
        let table_area = Rect { y: table_y, height: inner.bottom().saturating_sub(table_y), ..inner };
        self.table.render(table_area, buf, ctx, COLUMNS, Block::new(), ctx.t("goals.empty"));
    }
}
