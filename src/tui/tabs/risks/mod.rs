//! Risks: what needs the owner's attention, most severe first.

use super::{TabView, is_movement, short_date};
use crate::domain::risk::{Risk, RiskRule, Severity};
use crate::service;
use crate::store::Store;
use crate::text::{t, tf};
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

pub fn severity_text(s: Severity) -> (String, Style) {
    let (word, style) = match s {
        Severity::High => (t("severity.high"), theme::alert()),
        Severity::Medium => (t("severity.medium"), theme::warn()),
        Severity::Low => (t("severity.low"), theme::dim()),
    };
    (format!("{} {word}", s.marker()), style)
}

/// The risk as one sentence of the catalogue.
pub fn describe(r: &Risk) -> String {
    let customer = match &r.company {
        Some(c) => format!("{} ({c})", r.customer),
        None => r.customer.clone(),
    };
    let owner = r.owner.clone().unwrap_or_else(|| "—".into());
    match r.rule {
        RiskRule::Poaching => tf(
            "risks.poaching",
            &[
                ("rep", &r.other.clone().unwrap_or_default()),
                ("customer", &customer),
                ("owner", &owner),
                ("until", &short_date(r.since)),
            ],
        ),
        RiskRule::OverdueFollowUp => {
            tf("risks.overdue", &[("customer", &customer), ("owner", &owner), ("days", &r.days)])
        }
        RiskRule::StaleLead => tf("risks.stale", &[("customer", &customer), ("owner", &owner), ("days", &r.days)]),
    }
}

pub fn rule_text(rule: RiskRule) -> &'static str {
    match rule {
        RiskRule::Poaching => t("risks.rule.poaching"),
        RiskRule::OverdueFollowUp => t("risks.rule.overdue"),
        RiskRule::StaleLead => t("risks.rule.stale"),
    }
}

impl TableRow for Risk {
    fn cells(&self, _ctx: &Ctx) -> Vec<(String, Style)> {
        vec![
            severity_text(self.severity),
            (rule_text(self.rule).to_string(), Style::default()),
            (describe(self), Style::default()),
            (short_date(self.since), theme::dim()),
        ]
    }
}

impl TabView for RisksTab {
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
        let title = tf("risks.title", &[("n", &self.total)]);
        let block = Block::bordered().title(Span::styled(format!(" {title} "), theme::header()));
        self.table.render(area, buf, ctx, COLUMNS, block, t("risks.empty"));
    }
}
