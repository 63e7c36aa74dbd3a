//! Leaderboard: the period's ranking by any metric, fair to part-timers by revenue per hour,
//! with each row's last eight periods as a sparkline and the metric as a bar chart where the
//! screen has room. `Enter` opens a rep's figures with the deals behind them.

use super::{TabView, is_movement, percent};
use crate::domain::leaderboard::RepMetrics;
use crate::domain::leaderboard::{self, Grouping, Standing, standings};
use crate::domain::model::Metric;
use crate::domain::period::{Period, PeriodKind};
use crate::store::{self, Store};
use crate::tui::Command;
use crate::tui::keymap::{Action, Scope};
use crate::tui::theme;
use crate::tui::widgets::table::{Column, DataTable, TableRow, col, num};
use crate::tui::{Ctx, Outcome};
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, Widget};
use strum::IntoEnumIterator;

mod figures;

pub struct LeaderboardTab {
    metric: Metric,
    /// Reps, or teams, channels or locations added up (`v`).
    grouping: Grouping,
    kind: PeriodKind,
    period: Option<Period>,
    table: DataTable<Row>,
}

/// How many periods a sparkline shows.
const TREND: usize = 8;

/// A standing with the commission it earns at its tier.
struct Row {
    standing: Standing,
    commission: crate::domain::commission::Commission,
    /// A group's row (a team, a channel): its commission is its reps', at their rates.
    group: bool,
    /// The last eight periods' scores, this one last.
    trend: String,
}

impl Default for LeaderboardTab {
    fn default() -> Self {
        LeaderboardTab {
            metric: Metric::Revenue,
            grouping: Grouping::Reps,
            kind: PeriodKind::Month,
            period: None,
            table: DataTable::default(),
        }
    }
}

const COLUMNS: &[Column] = &[
    num("board.col.rank", Constraint::Length(3)),
    col("board.col.moved", Constraint::Length(4)),
    col("board.col.rep", Constraint::Fill(1)),
    num("board.col.revenue", Constraint::Length(10)),
    num("board.col.deals", Constraint::Length(5)),
    num("board.col.conversion", Constraint::Length(5)),
    num("board.col.visits", Constraint::Length(6)),
    // Calls show where the board has room (they are a metric of their own, `m` ranks by them).
    num("board.col.calls", Constraint::Length(5)).from(90),
    num("board.col.hours", Constraint::Length(5)),
    num("board.col.per_hour", Constraint::Length(8)),
    // The last eight periods, where the board has room (a 120-column terminal).
    col("board.col.trend", Constraint::Length(15)).from(118),
    num("board.col.commission", Constraint::Length(12)),
];

impl TableRow for Row {
    fn cells(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        self.cells_in(ctx, &[])
    }

    /// The commission's rate shows beside it where its column has room.
    fn cells_in(&self, ctx: &Ctx, widths: &[u16]) -> Vec<(String, Style)> {
        let room = widths.last().copied().map_or(usize::MAX, usize::from);
        let s = &self.standing;
        let m = &s.metrics;
        let c = &self.commission;
        let plain = |s: String| (s, Style::default());
        vec![
            (s.rank.to_string(), if s.rank <= 3 { theme::good() } else { Style::default() }),
            moved(s.movement),
            plain(m.rep.clone()),
            plain(ctx.money_whole(m.revenue)),
            plain(m.deals_won.to_string()),
            plain(percent(m.conversion())),
            plain(m.visits.to_string()),
            plain(m.calls.to_string()),
            plain(format!("{:.0}", m.hours())),
            plain(m.revenue_per_hour().map(|r| ctx.money_whole(r)).unwrap_or_else(|| "—".into())),
            (self.trend.clone(), theme::accent()),
            if self.group || ctx.money_whole(c.amount).chars().count() + 1 + rate(c.rate_bp).len() > room {
                (ctx.money_whole(c.amount), if c.tier > 0 && !self.group { theme::good() } else { Style::default() })
            } else {
                (
                    format!("{} {}", ctx.money_whole(c.amount), rate(c.rate_bp)),
                    if c.tier > 0 { theme::good() } else { Style::default() },
                )
            },
        ]
    }
}

/// A rate in basis points as a percentage: `5%`, `8.5%`.
fn rate(bp: i64) -> String {
    let text = format!("{:.2}", bp as f64 / 100.0);
    format!("{}%", text.trim_end_matches('0').trim_end_matches('.'))
}

/// `▲2`, `▼1`, `=`, or `·` for a rep not on the board before.
fn moved(movement: Option<i64>) -> (String, Style) {
    match movement {
        Some(0) => ("=".into(), theme::dim()),
        Some(n) if n > 0 => (format!("▲{n}"), theme::good()),
        Some(n) => (format!("▼{}", -n), theme::warn()),
        None => ("·".into(), theme::dim()),
    }
}

impl LeaderboardTab {
    fn period(&self, ctx: &Ctx) -> Period {
        self.period.unwrap_or_else(|| Period::containing(self.kind, ctx.today()))
    }

    /// Each row's sparkline: its score in each of the last eight periods, this one last.
    fn trends(&self, store: &Store, period: &Period, ctx: &Ctx) -> Result<std::collections::HashMap<String, String>> {
        let mut periods = vec![*period];
        while periods.len() < TREND {
            let before = periods[0].previous();
            periods.insert(0, before);
        }
        let conn = store.conn();
        let (from, to) = (periods[0].first_day(), period.last_day());
        let days = store::metrics::days_between(conn, from, to, &[self.metric])?;
        let per_hour = matches!(self.metric, Metric::RevenuePerHour) || self.grouping == Grouping::Locations;
        let shifts = if per_hour { store::metrics::shift_days(conn, from, to, ctx.today())? } else { Vec::new() };
        let reps = store::metrics::reps(conn)?;
        let series = leaderboard::series(&days, &shifts, &reps, &periods, self.grouping, self.metric);
        Ok(series.into_iter().map(|(id, scores)| (id, leaderboard::sparkline(&scores))).collect())
    }
}

impl LeaderboardTab {
    /// One bar per row, best first, each against the best: the metric at a glance.
    fn render_chart(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        use unicode_width::UnicodeWidthStr;
        let rows: Vec<&Row> = self.table.rows().take(area.height as usize).collect();
        let score = |r: &Row| r.standing.metrics.score(self.metric).unwrap_or(0.0).max(0.0);
        let top = rows.iter().map(|r| score(r)).fold(0.0_f64, f64::max);
        let values: Vec<String> = rows.iter().map(|r| figure(&r.standing.metrics, self.metric, ctx)).collect();
        let name_width = rows.iter().map(|r| r.standing.metrics.rep.width()).max().unwrap_or(0).clamp(4, 18);
        let value_width = values.iter().map(|v| v.width()).max().unwrap_or(0);
        let bar_width = (area.width as usize).saturating_sub(2 + name_width + 1 + 1 + value_width + 1).min(80);
        for (n, (row, value)) in rows.iter().zip(values).enumerate() {
            let name = crate::tui::widgets::fit(&row.standing.metrics.rep, name_width);
            let pad = name_width.saturating_sub(name.width());
            let share = if top > 0.0 { score(row) / top } else { 0.0 };
            let cells = ((share * bar_width as f64).round() as usize).min(bar_width);
            let line = ratatui::text::Line::from(vec![
                Span::raw(format!("  {name}{} ", " ".repeat(pad))),
                Span::styled("█".repeat(cells), theme::accent()),
                Span::raw(format!(" {value}")),
            ]);
            let y = area.y + n as u16;
            ratatui::widgets::Widget::render(line, Rect { y, height: 1, ..area }, buf);
        }
    }
}

/// A row's figure of a metric as the board words it: money, a share or a count.
fn figure(m: &RepMetrics, metric: Metric, ctx: &Ctx) -> String {
    match metric {
        Metric::Revenue => ctx.money_whole(m.revenue),
        Metric::RevenuePerHour => m.revenue_per_hour().map(|r| ctx.money_whole(r)).unwrap_or_else(|| "—".into()),
        Metric::Conversion => percent(m.conversion()),
        other => m.value(other).to_string(),
    }
}

impl TabView for LeaderboardTab {
    fn cell_at(&self, x: u16, y: u16) -> Option<(usize, Option<usize>)> {
        self.table.cell_at(x, y).map(|(row, _)| (row, None))
    }

    fn cursor(&self) -> (usize, Option<usize>) {
        (self.table.selected_index(), None)
    }

    fn scope(&self) -> Scope {
        Scope::Leaderboard
    }

    fn load(&mut self, store: &Store, ctx: &Ctx) -> Result<()> {
        let period = self.period(ctx);
        let board = crate::service::goals::board(store.conn(), &period, ctx.today(), self.grouping, self.metric)?;
        let (metrics, before, commissions) = (board.now, board.before, board.commissions);
        let mut trends = self.trends(store, &period, ctx)?;
        let rows = standings(metrics, before, self.metric)
            .into_iter()
            .map(|standing| {
                let m = &standing.metrics;
                // A group (or a rep the map lacks) at its own rate, as the domain words it.
                let commission = commissions
                    .get(&m.rep_id)
                    .copied()
                    .unwrap_or_else(|| crate::domain::commission::commission(m.revenue, None, m.commission_bp, &[]));
                let trend = trends.remove(&m.rep).unwrap_or_default();
                let mut standing = standing;
                match self.grouping {
                    Grouping::Channels => {
                        standing.metrics.rep = ctx.cat.label_of("channel", &standing.metrics.rep).to_string();
                    }
                    Grouping::Locations => {
                        standing.metrics.rep = ctx.cat.label_of("location", &standing.metrics.rep).to_string();
                    }
                    _ => {}
                }
                Row { standing, commission, group: self.grouping != Grouping::Reps, trend }
            })
            .collect();
        self.table.set_rows(rows, ctx);
        // The name column says what the rows are, the trend's how far back it reaches.
        let who = match self.grouping {
            Grouping::Reps => "board.col.rep",
            Grouping::Teams => "board.col.team",
            Grouping::Channels => "board.col.channel",
            Grouping::Locations => "board.col.location",
        };
        let trend = match self.kind {
            PeriodKind::Week => "board.trend.week",
            PeriodKind::Month => "board.trend.month",
            PeriodKind::Quarter => "board.trend.quarter",
            PeriodKind::Year => "board.trend.year",
        };
        self.table.set_headers(Some(
            COLUMNS
                .iter()
                .map(|c| match c.title {
                    "board.col.rep" => ctx.t(who).to_string(),
                    "board.col.trend" => ctx.tf(trend, &[("n", &TREND)]),
                    title => ctx.t(title).to_string(),
                })
                .collect(),
        ));
        Ok(())
    }

    fn handle(&mut self, action: Action, store: &Store, ctx: &Ctx) -> Result<Outcome> {
        let period = self.period(ctx);
        match action {
            Action::PrevPeriod => self.period = Some(period.previous()),
            Action::NextPeriod => self.period = Some(period.next()),
            Action::ThisPeriod => self.period = None,
            Action::View => self.grouping = self.grouping.next(),
            Action::PeriodKind => {
                let kinds: Vec<PeriodKind> = PeriodKind::iter().collect();
                let i = kinds.iter().position(|k| *k == self.kind).unwrap_or(0);
                self.kind = kinds[(i + 1) % kinds.len()];
                self.period = None;
            }
            Action::Open => {
                let Some(row) = self.table.selected() else { return Ok(Outcome::Ignored) };
                let (title, lines) = figures::of(row, self.grouping, self.metric, &period, store, ctx)?;
                return Ok(Outcome::Run(Command::ShowText { title, lines }));
            }
            Action::Metric => {
                let all: Vec<Metric> = Metric::iter().collect();
                let i = all.iter().position(|m| *m == self.metric).unwrap_or(0);
                self.metric = all[(i + 1) % all.len()];
            }
            a if is_movement(a) => {
                self.table.navigate(a);
                return Ok(Outcome::Consumed);
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
        let key = match self.grouping {
            Grouping::Reps => "board.title",
            Grouping::Teams => "board.title_teams",
            Grouping::Channels => "board.title_channels",
            Grouping::Locations => "board.title_locations",
        };
        let title =
            ctx.tf(key, &[("period", &ctx.cat.period(&self.period(ctx))), ("metric", &ctx.cat.label(self.metric))]);
        let block = Block::bordered()
            .title(Span::styled(format!(" {title} "), theme::header()))
            .title_bottom(ratatui::text::Line::from(format!(" {} ", ctx.t("board.legend"))).right_aligned());
        // A bar chart of the metric under the ranking, where the screen has room for both.
        let inner = block.inner(area);
        let rows = self.table.len() as u16;
        let chart_rows = rows.min(12);
        if inner.height >= rows + 1 + chart_rows + 2 && chart_rows > 0 && inner.width >= 60 {
            let table_height = rows + 1;
            block.render(area, buf);
            let table_area = Rect { height: table_height, ..inner };
            self.table.render(table_area, buf, ctx, COLUMNS, Block::new(), ctx.t("board.empty"));
            let rule_y = inner.y + table_height;
            let chart_title = ctx.tf("board.chart", &[("metric", &ctx.cat.label(self.metric))]);
            let rule = format!("├ {chart_title} {}", "─".repeat(area.width as usize));
            buf.set_stringn(area.x, rule_y, rule, area.width as usize - 1, theme::header());
            buf.set_string(area.right() - 1, rule_y, "┤", Style::default());
            let chart = Rect { y: rule_y + 1, height: chart_rows, ..inner };
            self.render_chart(chart, buf, ctx);
            return;
        }
        self.table.render(area, buf, ctx, COLUMNS, block, ctx.t("board.empty"));
    }
}
