//! `Enter` on the Leaderboard: a row's figures for the period, and for a rep the deals behind
//! them (those closed in it, won and lost) and their open pipeline.

use super::{Row, figure, rate};
use crate::domain::leaderboard::Grouping;
use crate::domain::model::{Metric, Stage};
use crate::domain::period::Period;
use crate::store::{self, Store};
use crate::tui::Ctx;
use crate::tui::tabs::percent;
use anyhow::Result;
use unicode_width::UnicodeWidthStr;

/// The most deals the popup lists; the count says how many more there are.
const DEALS_SHOWN: usize = 200;

/// The popup's title and lines.
pub fn of(
    row: &Row,
    grouping: Grouping,
    metric: Metric,
    period: &Period,
    store: &Store,
    ctx: &Ctx,
) -> Result<(String, Vec<String>)> {
    let s = &row.standing;
    let m = &s.metrics;
    let title = ctx.tf("board.figures.title", &[("who", &m.rep), ("period", &ctx.cat.period(period))]);
    let moved = match s.movement {
        Some(0) => ctx.t("board.figures.same").to_string(),
        Some(n) if n > 0 => ctx.tf("board.figures.up", &[("n", &n)]),
        Some(n) => ctx.tf("board.figures.down", &[("n", &-n)]),
        None => ctx.t("board.figures.new").to_string(),
    };
    let mut lines = vec![
        ctx.tf(
            "board.figures.rank",
            &[
                ("rank", &s.rank),
                ("metric", &ctx.cat.label(metric)),
                ("value", &figure(m, metric, ctx)),
                ("moved", &moved),
            ],
        ),
        String::new(),
        ctx.tf(
            "board.figures.sales",
            &[("revenue", &ctx.money_whole(m.revenue)), ("deals", &m.deals_won), ("new", &m.new_customers)],
        ),
        ctx.tf(
            "board.figures.closed",
            &[("conversion", &percent(m.conversion())), ("won", &m.closed_won), ("lost", &m.closed_lost)],
        ),
        ctx.tf("board.figures.activity", &[("visits", &m.visits), ("calls", &m.calls)]),
        ctx.tf(
            "board.figures.hours",
            &[
                ("hours", &format!("{:.1}", m.hours())),
                ("per_hour", &m.revenue_per_hour().map(|r| ctx.money_whole(r)).unwrap_or_else(|| "—".into())),
            ],
        ),
    ];
    let c = &row.commission;
    lines.push(
        ctx.tf("board.figures.commission", &[("amount", &ctx.money_whole(c.amount)), ("rate", &rate(c.rate_bp))]),
    );
    if let Some((at, next_bp, pays)) = c.next {
        lines.push(
            ctx.tf(
                "board.figures.next_tier",
                &[("at", &at), ("rate", &rate(next_bp)), ("pays", &ctx.money_whole(pays))],
            ),
        );
    }
    if grouping != Grouping::Reps {
        return Ok((title, lines));
    }
    let conn = store.conn();
    let open = store::metrics::open_pipeline(conn)?.get(&m.rep_id).copied().unwrap_or_default();
    lines.push(ctx.tf("board.figures.open", &[("value", &ctx.money_whole(open))]));
    let deals = store::deals::closed_by(conn, m.rep_id, period.first_day(), period.last_day(), DEALS_SHOWN + 1)?;
    lines.push(String::new());
    if deals.is_empty() {
        lines.push(ctx.t("board.figures.no_deals").to_string());
        return Ok((title, lines));
    }
    lines.push(ctx.t("board.figures.deals").to_string());
    for d in deals.iter().take(DEALS_SHOWN) {
        let day = d.deal.closed_on.map(|day| ctx.cat.day_month(day)).unwrap_or_default();
        let stage = ctx.cat.label(d.deal.stage);
        let mark = if d.deal.stage == Stage::Won { "✓" } else { "✗" };
        let customer = match &d.company {
            Some(company) if !company.trim().is_empty() => format!("{} · {company}", d.customer),
            _ => d.customer.clone(),
        };
        let what = d.deal.title.as_deref().or(d.deal.product.as_deref()).map(|t| format!(" · {t}")).unwrap_or_default();
        let why = d.deal.lost_reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
        let pad = |text: &str, width: usize| format!("{text}{}", " ".repeat(width.saturating_sub(text.width())));
        lines.push(format!(
            "{} {mark} {} {:>10}  {customer}{what}{why}",
            pad(&day, 7),
            pad(stage, 5),
            ctx.money_whole(d.deal.value)
        ));
    }
    if deals.len() > DEALS_SHOWN {
        lines.push(ctx.tf("board.figures.more", &[("n", &DEALS_SHOWN)]));
    }
    Ok((title, lines))
}
