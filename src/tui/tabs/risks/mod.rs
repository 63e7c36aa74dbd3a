//! Risks: what needs the owner's attention, most severe first.

use super::{TabView, is_movement};
use crate::domain::risk::{Risk, RiskRule, Severity};
use crate::service;
use crate::store::Store;
use crate::tui::keymap::{Action, Scope};
use crate::tui::theme;
use crate::tui::widgets::table::{Column, DataTable, TableRow, col};
use crate::tui::{Ctx, Outcome};
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Block;

/// Rows held per rule; the title counts them all.
const RISK_LIMIT: usize = 500;

#[derive(Default)]
pub struct RisksTab {
    table: DataTable<Risk>,
    total: i64,
}

const COLUMNS: &[Column] = &[
    col("risks.col.severity", Constraint::Length(6)),
    col("risks.col.rule", Constraint::Length(9)),
    col("risks.col.what", Constraint::Fill(1)),
    col("risks.col.since", Constraint::Length(7)),
];

pub fn severity_text(ctx: &Ctx, s: Severity) -> (String, Style) {
    let (word, style) = match s {
        Severity::High => (ctx.t("severity.high"), theme::alert()),
        Severity::Medium => (ctx.t("severity.medium"), theme::warn()),
        Severity::Low => (ctx.t("severity.low"), theme::dim()),
    };
    (format!("{} {word}", s.marker()), style)
}

/// The risk as one sentence of the catalogue.
pub fn describe(ctx: &Ctx, r: &Risk) -> String {
    let customer = match &r.company {
        Some(c) => format!("{} ({c})", r.customer),
        None => r.customer.clone(),
    };
    let owner = r.owner.clone().unwrap_or_else(|| "—".into());
    match r.rule {
        RiskRule::Poaching => ctx.tf(
            "risks.poaching",
            &[
                ("rep", &r.other.clone().unwrap_or_default()),
                ("customer", &customer),
                ("owner", &owner),
                ("until", &ctx.cat.day_month(r.since)),
            ],
        ),
        RiskRule::OverdueFollowUp => {
            ctx.tf("risks.overdue", &[("customer", &customer), ("owner", &owner), ("days", &r.days)])
        }
        RiskRule::StaleLead => ctx.tf("risks.stale", &[("customer", &customer), ("owner", &owner), ("days", &r.days)]),
    }
}

pub fn rule_text(ctx: &Ctx, rule: RiskRule) -> &'static str {
    match rule {
        RiskRule::Poaching => ctx.t("risks.rule.poaching"),
        RiskRule::OverdueFollowUp => ctx.t("risks.rule.overdue"),
        RiskRule::StaleLead => ctx.t("risks.rule.stale"),
    }
}

impl TableRow for Risk {
    fn cells(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        vec![
            severity_text(ctx, self.severity),
            (rule_text(ctx, self.rule).to_string(), Style::default()),
            (describe(ctx, self), Style::default()),
            (ctx.short_date(self.since), theme::dim()),
        ]
    }
}

impl TabView for RisksTab {
    fn cell_at(&self, x: u16, y: u16) -> Option<(usize, Option<usize>)> {
        self.table.cell_at(x, y).map(|(row, _)| (row, None))
    }

    fn cursor(&self) -> (usize, Option<usize>) {
        (self.table.selected_index(), None)
    }

    fn scope(&self) -> Scope {
        Scope::Risks
    }

    fn load(&mut self, store: &Store, ctx: &Ctx) -> Result<()> {
        let (risks, total) = service::open_risks(store, RISK_LIMIT)?;
        self.total = total;
        self.table.set_rows(risks, ctx);
        Ok(())
    }

    fn handle(&mut self, action: Action, _store: &Store, _ctx: &Ctx) -> Result<Outcome> {
        Ok(if is_movement(action) && self.table.navigate(action) { Outcome::Consumed } else { Outcome::Ignored })
    }

    fn filter(&self) -> &str {
        self.table.filter()
    }

    fn set_filter(&mut self, filter: &str, _store: &Store, ctx: &Ctx) -> Result<()> {
        self.table.set_filter(filter, ctx);
        Ok(())
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let title = ctx.tf("risks.title", &[("n", &self.total)]);
        let block = Block::bordered().title(Span::styled(format!(" {title} "), theme::header()));
        self.table.render(area, buf, ctx, COLUMNS, block, ctx.t("risks.empty"));
    }
}
