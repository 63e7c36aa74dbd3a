//! Risks: every flag of the engine, grouped by severity, newest first, each with its subject
//! and the numbers behind it; the selected flag's rule and threshold under the list. `v`
//! shows the acknowledged and snoozed ones instead.

mod forms;

use super::{TabView, is_movement};
use crate::domain::risk::{Flag, RiskRule, RiskThresholds, Severity};
use crate::service;
use crate::store::{self, Store};
use crate::tui::forms::Spec;
use crate::tui::keymap::{Action, Scope};
use crate::tui::theme;
use crate::tui::widgets::table::{Column, DataTable, TableRow, col};
use crate::tui::{Command, Ctx, Outcome, Tab};
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

#[derive(Default)]
pub struct RisksTab {
    table: DataTable<Row>,
    total: usize,
    hidden: usize,
    /// Showing the acknowledged and snoozed flags (`v`).
    show_hidden: bool,
    thresholds: Option<RiskThresholds>,
}

/// A severity's heading, or a flag (with, among the hidden ones, how it was put aside).
enum Row {
    Heading(Severity, usize),
    Flag(Flag, Option<store::risks::Ack>),
}

const COLUMNS: &[Column] = &[
    col("risks.col.severity", Constraint::Length(6)),
    col("risks.col.rule", Constraint::Length(12)),
    col("risks.col.subject", Constraint::Fill(2)),
    col("risks.col.what", Constraint::Fill(3)),
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

/// The rule's short name: `stale`, `poaching`, `coverage`.
pub fn rule_text(ctx: &Ctx, rule: RiskRule) -> String {
    ctx.cat.label_of("risk_rule", rule.as_str()).to_string()
}

impl TableRow for Row {
    fn cells(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        match self {
            Row::Heading(s, n) => {
                let (text, style) = severity_text(ctx, *s);
                vec![(format!("{text} · {n}"), style.patch(theme::header()))]
            }
            Row::Flag(f, ack) => {
                let detail = f.detail.text(ctx.cat);
                let detail = match ack {
                    Some(a) => {
                        let put = match a.until {
                            Some(until) => ctx.tf("risks.snoozed_until", &[("until", &ctx.cat.day_month(until))]),
                            None => ctx.t("risks.acknowledged").to_string(),
                        };
                        format!("{detail} · {put}")
                    }
                    None => detail,
                };
                vec![
                    severity_text(ctx, f.severity),
                    (rule_text(ctx, f.rule), Style::default()),
                    (ctx.cat.risk_subject(f), Style::default()),
                    (detail, Style::default()),
                    (ctx.short_date(f.since), theme::dim()),
                ]
            }
        }
    }

    fn is_heading(&self) -> bool {
        matches!(self, Row::Heading(..))
    }
}

/// The rule's meaning and its threshold, as the setting that tunes it says it.
pub fn about(ctx: &Ctx, rule: RiskRule, t: &RiskThresholds) -> String {
    let n: i64 = match rule {
        RiskRule::Overdue => t.overdue_high_days,
        RiskRule::Stale => t.stale_days,
        RiskRule::Dormant => t.dormant_days,
        RiskRule::Rotting => t.rotting_days,
        RiskRule::Poaching => t.poaching_days,
        RiskRule::RepeatedPoaching => t.poaching_repeat,
        RiskRule::BehindPace => t.pace_after_percent,
        RiskRule::FallingTrend => t.trend_drop_percent,
        RiskRule::NoShows => t.no_shows,
        RiskRule::ReviewOverdue => t.review_days,
        _ => 0,
    };
    let key = match rule {
        RiskRule::Overdue => "risks.about.overdue",
        RiskRule::Stale => "risks.about.stale",
        RiskRule::Lapsing => "risks.about.lapsing",
        RiskRule::Dormant => "risks.about.dormant",
        RiskRule::Rotting => "risks.about.rotting",
        RiskRule::Poaching => "risks.about.poaching",
        RiskRule::RepeatedPoaching => "risks.about.repeated_poaching",
        RiskRule::SharedCustomer => "risks.about.shared_customer",
        RiskRule::BehindPace => "risks.about.behind_pace",
        RiskRule::FallingTrend => "risks.about.falling_trend",
        RiskRule::NoShows => "risks.about.no_shows",
        RiskRule::ReviewOverdue => "risks.about.review_overdue",
        RiskRule::InactiveOwner => "risks.about.inactive_owner",
        RiskRule::OnboardingUnfinished => "risks.about.onboarding",
        RiskRule::Understaffed => "risks.about.understaffed",
        RiskRule::OverHours => "risks.about.over_hours",
        RiskRule::OutsideAvailability => "risks.about.outside_availability",
    };
    let value = ctx.money_whole(crate::domain::money::Money::from_major(t.rotting_value));
    ctx.tf(key, &[("n", &n), ("value", &value)])
}

/// Where `Enter` takes the owner for a flag: the lead's detail, the rep on the tab that holds
/// the fix (their reviews, their goals, their record), the week's schedule.
fn go_to(f: &Flag) -> Command {
    let id = f.subject.id();
    let go = |tab: Tab, id: Option<i64>, day: Option<chrono::NaiveDate>| Command::Go { tab, id, day };
    // The day a schedule subject is about: `slot:DAY:…`, `rep:ID:week:MONDAY`, or the flag's
    // own start (a shift outside availability starts on its day).
    let day = |key: &str| key.split(':').find_map(|part| part.parse::<chrono::NaiveDate>().ok());
    match (f.subject.kind(), f.rule) {
        ("lead", _) if id.is_some() => Command::Show(super::leads::detail::view(id.unwrap_or_default())),
        ("rep", RiskRule::ReviewOverdue | RiskRule::OnboardingUnfinished) => go(Tab::Reviews, id, None),
        ("rep", RiskRule::BehindPace | RiskRule::FallingTrend) => go(Tab::Goals, id, None),
        ("rep", RiskRule::OverHours) => go(Tab::Schedule, id, day(&f.subject.key)),
        ("rep", _) => go(Tab::Reps, id, None),
        ("team" | "business", _) => go(Tab::Goals, None, None),
        ("slot", _) => go(Tab::Schedule, None, day(&f.subject.key)),
        _ => go(Tab::Schedule, None, Some(f.since)),
    }
}

impl RisksTab {
    fn rows(flags: Vec<(Flag, Option<store::risks::Ack>)>) -> Vec<Row> {
        let mut rows = Vec::new();
        for severity in [Severity::High, Severity::Medium, Severity::Low] {
            let of: Vec<_> = flags.iter().filter(|(f, _)| f.severity == severity).cloned().collect();
            if of.is_empty() {
                continue;
            }
            rows.push(Row::Heading(severity, of.len()));
            rows.extend(of.into_iter().map(|(f, a)| Row::Flag(f, a)));
        }
        rows
    }
}

impl TabView for RisksTab {
    fn cell_at(&self, x: u16, y: u16) -> Option<(usize, Option<usize>)> {
        self.table.cell_at(x, y).map(|(row, _)| (row, None))
    }

    fn cursor(&self) -> (usize, Option<usize>) {
        (self.table.selected_index(), None)
    }

    fn select_row(&mut self, row: usize, _store: &Store) -> bool {
        self.table.select_index(row)
    }

    fn scope(&self) -> Scope {
        Scope::Risks
    }

    fn load(&mut self, store: &Store, ctx: &Ctx) -> Result<()> {
        let list = service::risks::listed(store)?;
        self.total = list.total;
        self.hidden = list.hidden.len();
        self.thresholds = Some(store::settings::risk_thresholds(store.conn())?);
        let flags = if self.show_hidden {
            let mut hidden = list.hidden;
            hidden.sort_by(|a, b| a.0.severity.cmp(&b.0.severity).then(b.0.since.cmp(&a.0.since)));
            hidden.into_iter().map(|(f, a)| (f, Some(a))).collect()
        } else {
            list.flags.into_iter().map(|f| (f, None)).collect()
        };
        self.table.set_rows(Self::rows(flags), ctx);
        if self.table.selected().is_some_and(Row::is_heading) {
            self.table.navigate(Action::Down);
        }
        Ok(())
    }

    fn handle(&mut self, action: Action, store: &Store, ctx: &Ctx) -> Result<Outcome> {
        match action {
            Action::View => {
                self.show_hidden = !self.show_hidden;
                self.load(store, ctx)?;
                Ok(Outcome::Consumed)
            }
            Action::Open => {
                let Some(Row::Flag(f, _)) = self.table.selected() else { return Ok(Outcome::Ignored) };
                Ok(Outcome::Run(go_to(f)))
            }
            Action::Acknowledge => {
                let Some(Row::Flag(f, _)) = self.table.selected() else { return Ok(Outcome::Ignored) };
                let about = format!("{} · {}", ctx.cat.risk_subject(f), f.detail.text(ctx.cat));
                let form = forms::AckForm { rule: f.rule, subject_key: f.subject.key.clone(), about };
                Ok(Outcome::Run(Command::OpenForm(Spec::new(form))))
            }
            a if is_movement(a) && self.table.navigate(a) => Ok(Outcome::Consumed),
            _ => Ok(Outcome::Ignored),
        }
    }

    fn filter(&self) -> &str {
        self.table.filter()
    }

    fn set_filter(&mut self, filter: &str, _store: &Store, ctx: &Ctx) -> Result<()> {
        self.table.set_filter(filter, ctx);
        Ok(())
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let key = if self.show_hidden { "risks.title_hidden" } else { "risks.title" };
        let title = ctx.tf(key, &[("n", &self.total), ("hidden", &self.hidden)]);
        let block = Block::bordered().title(Span::styled(format!(" {title} "), theme::header()));
        // The selected flag's rule and threshold, on the line under the list.
        let about = match (self.table.selected(), &self.thresholds) {
            (Some(Row::Flag(f, _)), Some(t)) => Some(about(ctx, f.rule, t)),
            _ => None,
        };
        let [list, line] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(u16::from(about.is_some() && area.height > 6))])
                .areas(area);
        self.table.render(list, buf, ctx, COLUMNS, block, ctx.t("risks.empty"));
        if let Some(about) = about {
            Line::from(Span::styled(format!(" {about}"), theme::dim())).render(line, buf);
        }
    }
}
