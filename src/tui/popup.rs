//! Popups live on a stack over the screen; each variant carries its own data, and a
//! confirmation carries the exact command to run on yes.

use super::keymap::{Action, Scope, bindings_of, key_label, lookup};
use super::widgets::form::{Field, FieldKind, Form, FormEvent};
use super::{Command, Outcome, theme};
use crate::domain::model::Rep;
use crate::domain::rep::{REP_FIELD_NAMES, RepFields};
use crate::text::{t, tf};
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

pub enum Popup {
    Help { scopes: Vec<Scope> },
    RepForm { id: Option<i64>, form: Form },
    Confirm { message: String, then: Command },
}

pub const CHANNELS: &[&str] = &["store", "phone", "field", "online"];
pub const EMPLOYMENTS: &[&str] = &["part-time", "full-time"];

impl Popup {
    /// The add / edit form of a rep, prefilled when editing.
    pub fn rep_form(rep: Option<&Rep>) -> Popup {
        let fields = rep.map(RepFields::of).unwrap_or_else(|| RepFields {
            channel: "store".into(),
            employment: "part-time".into(),
            ..RepFields::default()
        });
        let kind = |id: &str| match id {
            "channel" => FieldKind::Choice(CHANNELS),
            "employment" => FieldKind::Choice(EMPLOYMENTS),
            "hourly_rate" => FieldKind::Money,
            "max_weekly_hours" => FieldKind::Number,
            "hired_on" => FieldKind::Date,
            _ => FieldKind::Text,
        };
        let form_fields =
            REP_FIELD_NAMES.iter().map(|&id| Field::new(id, field_label(id), kind(id), fields.get(id))).collect();
        let title = match rep {
            Some(r) => tf("reps.edit_title", &[("name", &r.name)]),
            None => t("reps.add_title").to_string(),
        };
        Popup::RepForm { id: rep.map(|r| r.id), form: Form::new(title, form_fields) }
    }

    /// The scope whose keys the footer shows while this popup is on top.
    pub fn scope(&self) -> Scope {
        match self {
            Popup::Help { .. } => Scope::Global,
            Popup::RepForm { .. } => Scope::Form,
            Popup::Confirm { .. } => Scope::Confirm,
        }
    }

    /// Handles a key; `Some(outcome)` closes the popup (with what it asks for), `None` keeps it.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Outcome> {
        match self {
            Popup::Help { .. } => Some(Outcome::Consumed),
            Popup::Confirm { then, .. } => match lookup(Scope::Confirm, &key) {
                Some(Action::Yes) => Some(Outcome::Run(then.clone())),
                Some(Action::No) => Some(Outcome::Consumed),
                _ => None,
            },
            Popup::RepForm { id, form } => match form.handle_key(key) {
                FormEvent::Editing => None,
                FormEvent::Cancel => Some(Outcome::Consumed),
                FormEvent::Submit => {
                    let mut fields = RepFields::default();
                    for name in REP_FIELD_NAMES {
                        if let Some(slot) = fields.get_mut(name) {
                            *slot = form.value(name);
                        }
                    }
                    // The form stays open until the save succeeds; the app closes it.
                    Some(Outcome::Run(Command::SaveRep { id: *id, fields: Box::new(fields) }))
                }
            },
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        match self {
            Popup::Help { scopes } => render_help(scopes, area, buf),
            Popup::RepForm { form, .. } => {
                let rect = centered(area, 64, form.height());
                let block = frame(&form.title);
                let inner = block.inner(rect);
                Clear.render(rect, buf);
                block.render(rect, buf);
                form.render(inner, buf);
            }
            Popup::Confirm { message, .. } => {
                let rect = centered(area, 56, 5);
                let block = frame(t("confirm.title"));
                let inner = block.inner(rect);
                Clear.render(rect, buf);
                block.render(rect, buf);
                let hint = Line::from(
                    bindings_of(&[Scope::Confirm])
                        .into_iter()
                        .flat_map(|b| {
                            [Span::styled(key_label(b), theme::key()), Span::raw(format!(" {}   ", t(b.label)))]
                        })
                        .collect::<Vec<_>>(),
                );
                Paragraph::new(vec![Line::raw(message.clone()), Line::raw(""), hint])
                    .wrap(Wrap { trim: true })
                    .render(inner, buf);
            }
        }
    }
}

pub fn field_label(id: &str) -> &'static str {
    match id {
        "name" => "fields.name",
        "phone" => "fields.phone",
        "email" => "fields.email",
        "channel" => "fields.channel",
        "employment" => "fields.employment",
        "team" => "fields.team",
        "hourly_rate" => "fields.hourly_rate",
        "commission_rate" => "fields.commission_rate",
        "max_weekly_hours" => "fields.max_weekly_hours",
        _ => "fields.hired_on",
    }
}

fn frame(title: &str) -> Block<'_> {
    Block::bordered().border_type(BorderType::Rounded).title(Span::styled(format!(" {title} "), theme::header()))
}

/// A rectangle of at most `width` × `height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center).areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center).areas(row);
    rect
}

/// Every key of the current screen, straight from the key map.
fn render_help(scopes: &[Scope], area: Rect, buf: &mut Buffer) {
    let bindings = bindings_of(scopes);
    let lines: Vec<Line> = bindings
        .iter()
        .map(|b| Line::from(vec![Span::styled(format!("{:>8}  ", key_label(b)), theme::key()), Span::raw(t(b.label))]))
        .collect();
    let rect = centered(area, 50, lines.len() as u16 + 2);
    let block = frame(t("help.title"));
    Clear.render(rect, buf);
    Paragraph::new(lines).block(block).render(rect, buf);
}
