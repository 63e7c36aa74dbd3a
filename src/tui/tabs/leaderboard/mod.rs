//! Leaderboard: the period's ranking by any metric, fair to part-timers by revenue per hour.

use super::{TabView, is_movement, percent};
use crate::domain::leaderboard::{Grouping, Standing, grouped, standings};
use crate::domain::model::Metric;
use crate::domain::period::{Period, PeriodKind};
use crate::store::{self, Store};
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
use strum::IntoEnumIterator;

pub struct LeaderboardTab {
    metric: Metric,
    /// Reps, or teams or channels added up (`v`).
    grouping: Grouping,
    period: Option<Period>,
    table: DataTable<Row>,
}

/// A standing with the commission it earns at its tier.
struct Row {
    standing: Standing,
    commission: crate::domain::commission::Commission,
    /// A group's row (a team, a channel): its commission is its reps', at their rates.
    group: bool,
}

impl Default for LeaderboardTab {
    fn default() -> Self {
        LeaderboardTab { metric: Metric::Revenue, grouping: Grouping::Reps, period: None, table: DataTable::default() }
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
        self.period.unwrap_or_else(|| Period::containing(PeriodKind::Month, ctx.today()))
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
        let metrics = store::metrics::rep_metrics(store.conn(), &period, ctx.today())?;
        // The period before, for the movement: only the figure the board ranks by.
        let before = store::metrics::rep_metrics_of(store.conn(), &period.previous(), ctx.today(), &[self.metric])?;
        let commissions = crate::service::goals::commissions(store.conn(), &period, &metrics)?;
        let commissions = if self.grouping == Grouping::Reps { commissions } else { Default::default() };
        let (metrics, before) = grouped(metrics, before, self.grouping);
        let rows = standings(metrics, before, self.metric)
            .into_iter()
            .map(|standing| {
                let m = &standing.metrics;
                // A group (or a rep the map lacks) at its own rate, as the domain words it.
                let commission = commissions
                    .get(&m.rep_id)
                    .copied()
                    .unwrap_or_else(|| crate::domain::commission::commission(m.revenue, None, m.commission_bp, &[]));
                let mut standing = standing;
                if self.grouping == Grouping::Channels {
                    standing.metrics.rep = ctx.cat.label_of("channel", &standing.metrics.rep).to_string();
                }
                Row { standing, commission, group: self.grouping != Grouping::Reps }
            })
            .collect();
        self.table.set_rows(rows, ctx);
        // The name column says what the rows are.
        let who = match self.grouping {
            Grouping::Reps => None,
            Grouping::Teams => Some("board.col.team"),
            Grouping::Channels => Some("board.col.channel"),
        };
        self.table.set_headers(who.map(|key| {
            COLUMNS
                .iter()
                .map(|c| if c.title == "board.col.rep" { ctx.t(key) } else { ctx.t(c.title) }.to_string())
                .collect()
        }));
        Ok(())
    }

    fn handle(&mut self, action: Action, store: &Store, ctx: &Ctx) -> Result<Outcome> {
        let period = self.period(ctx);
        match action {
            Action::PrevPeriod => self.period = Some(period.previous()),
            Action::NextPeriod => self.period = Some(period.next()),
            Action::ThisPeriod => self.period = None,
            Action::View => self.grouping = self.grouping.next(),
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
        };
        let title =
            ctx.tf(key, &[("period", &ctx.cat.period(&self.period(ctx))), ("metric", &ctx.cat.label(self.metric))]);
        let block = Block::bordered()
            .title(Span::styled(format!(" {title} "), theme::header()))
            .title_bottom(ratatui::text::Line::from(format!(" {} ", ctx.t("board.legend"))).right_aligned());
        self.table.render(area, buf, ctx, COLUMNS, block, ctx.t("board.empty"));
    }
}
