//! Popups live on a stack over the screen; each variant carries its own data, and a
//! confirmation carries the exact command to run on yes.

use super::forms::Spec;
use super::keymap::{Action, Scope};
use super::widgets::form::{Form, FormEvent};
use super::{Command, Ctx, Outcome, theme};
use crate::tui::widgets::{wrap, wrap_hanging, wrap_line};
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

/// A spot of a popup a click acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A confirmation's yes (true) or no.
    Answer(bool),
    /// A row of the history, by its position.
    Row(usize),
}

impl Popup {
    /// Read-only lines in a scrolling popup.
    pub fn text(title: String, lines: Vec<Line<'static>>) -> Popup {
        Popup::Text { title, lines, scroll: 0, room: std::cell::Cell::new(0) }
    }
}

pub enum Popup {
    /// Every key of the screen; it scrolls (↓ ↑ PgDn PgUp, the wheel) when it does not fit,
    /// and any other key closes it without being acted on.
    Help {
        scopes: Vec<Scope>,
        scroll: usize,
    },
    Form {
        spec: Spec,
        form: Form,
    },
    Confirm {
        message: String,
        then: Command,
    },
    /// The history of changes, a page of them newest first; Enter undoes the selected one.
    History {
        /// Each change: its id, its line, and what it did (for the question before undoing it).
        rows: Vec<(i64, String, String)>,
        selected: usize,
        /// The id the next (older) page starts below, when there is one.
        older: Option<i64>,
    },
    /// Read-only text, scrolled with the list keys: a lead's detail and history.
    Text {
        title: String,
        lines: Vec<Line<'static>>,
        scroll: usize,
        /// The lines the last frame had room for: scrolling stops when the last line shows.
        room: std::cell::Cell<usize>,
    },
}

impl Popup {
    /// The scope whose keys the footer shows while this popup is on top.
    pub fn scope(&self) -> Scope {
        match self {
            Popup::Help { .. } => Scope::Global,
            Popup::Form { form, .. } => form.scope(),
            Popup::Confirm { .. } => Scope::Confirm,
            Popup::Text { .. } => Scope::Text,
            Popup::History { .. } => Scope::History,
        }
    }

    /// The wheel: a detail scrolls, the history moves its selection; the others stay as they are.
    pub fn scroll(&mut self, down: bool, by: usize) {
        match self {
            Popup::Help { scroll, .. } if down => *scroll += by,
            Popup::Help { scroll, .. } => *scroll = scroll.saturating_sub(by),
            Popup::Text { lines, scroll, room, .. } => {
                let last = lines.len().saturating_sub(room.get().max(1));
                *scroll = if down { (*scroll + by).min(last) } else { scroll.saturating_sub(by) }
            }
            Popup::History { rows, selected, .. } => {
                *selected =
                    if down { (*selected + by).min(rows.len().saturating_sub(1)) } else { selected.saturating_sub(by) }
            }
            _ => {}
        }
    }

    /// A click on a spot the last frame marked: a confirmation's answer, a row of the history
    /// (a second click on the selected row asks to undo it).
    pub fn click(&mut self, target: Target, ctx: &Ctx) -> Option<Outcome> {
        match (self, target) {
            (Popup::Confirm { then, .. }, Target::Answer(yes)) => {
                Some(if yes { Outcome::Run(then.clone()) } else { Outcome::Consumed })
            }
            (p @ Popup::History { .. }, Target::Row(i)) => {
                let Popup::History { selected, .. } = p else { return None };
                if *selected != i {
                    *selected = i;
                    return None;
                }
                let enter = KeyEvent::new(crossterm::event::KeyCode::Enter, crossterm::event::KeyModifiers::NONE);
                let action = super::keymap::KeyMap::default().lookup(Scope::History, &enter)?;
                p.history_action(action, ctx)
            }
            _ => None,
        }
    }

    /// Handles a key; `Some(outcome)` closes the popup (with what it asks for), `None` keeps it.
    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Option<Outcome> {
        if let Popup::History { .. } = self {
            let action = ctx.keys.lookup(Scope::History, &key)?;
            return self.history_action(action, ctx);
        }
        match self {
            Popup::Help { scroll, .. } => {
                use crossterm::event::KeyCode;
                match key.code {
                    KeyCode::Down | KeyCode::Char('j') => *scroll += 1,
                    KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
                    KeyCode::PageDown => *scroll += 10,
                    KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
                    _ => return Some(Outcome::Consumed),
                }
                None
            }
            Popup::Confirm { then, .. } => match ctx.keys.lookup(Scope::Confirm, &key) {
                Some(Action::Yes) => Some(Outcome::Run(then.clone())),
                Some(Action::No) => Some(Outcome::Consumed),
                _ => None,
            },
            Popup::Text { lines, scroll, room, .. } => {
                let page = room.get().max(1);
                let last = lines.len().saturating_sub(page);
                match ctx.keys.lookup(Scope::Text, &key) {
                    Some(Action::Down) => *scroll = (*scroll + 1).min(last),
                    Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                    Some(Action::PageDown) => *scroll = (*scroll + page).min(last),
                    Some(Action::PageUp) => *scroll = scroll.saturating_sub(page),
                    Some(Action::Top) => *scroll = 0,
                    Some(Action::Bottom) => *scroll = last,
                    Some(Action::Back) => return Some(Outcome::Consumed),
                    _ => {}
                }
                None
            }
            Popup::History { .. } => None,
            Popup::Form { spec, form } => match form.handle_key(key, ctx) {
                FormEvent::Editing => None,
                FormEvent::Cancel => Some(Outcome::Consumed),
                // The form stays open until its answer is accepted; the app closes it.
                FormEvent::Submit => Some(Outcome::Run(Command::Submit(spec.clone()))),
            },
        }
    }

    /// One of the history's actions, from a key or a click.
    fn history_action(&mut self, action: Action, ctx: &Ctx) -> Option<Outcome> {
        let Popup::History { rows, selected, older } = self else { return None };
        match action {
            Action::Down => {
                *selected = (*selected + 1).min(rows.len().saturating_sub(1));
                None
            }
            Action::Up => {
                *selected = selected.saturating_sub(1);
                None
            }
            Action::UndoSelected => rows.get(*selected).map(|(id, _, what)| {
                Outcome::Run(Command::Confirm {
                    message: ctx.tf("history.confirm_undo", &[("id", id), ("what", what)]),
                    then: Box::new(Command::Change(super::changes::undo(*id))),
                })
            }),
            Action::OlderPage => older.map(|before| Outcome::Run(Command::Show(super::changes::page(Some(before))))),
            Action::Back => Some(Outcome::Consumed),
            _ => None,
        }
    }

    /// Draws the popup; the spots a click acts on go into `targets`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx, targets: &mut Vec<(Rect, Target)>) {
        match self {
            Popup::Help { scopes, scroll } => render_help(scopes, *scroll, area, buf, ctx),
            Popup::Form { form, .. } => {
                let rect = centered(area, super::widgets::form::WIDTH, form.height());
                let block = frame(&form.title);
                let inner = block.inner(rect);
                clear(rect, buf);
                block.render(rect, buf);
                form.render(inner, buf, ctx);
            }
            Popup::Confirm { message, .. } => {
                // A message of several lines (a list to accept) keeps its lines and grows to fit.
                let widest = message.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) as u16;
                let width = widest.saturating_add(4).max(56).min(area.width);
                // Wrapped here, where a wide character falls: never on the border.
                // A bulleted line goes on under its first word, where the whole list then fits.
                let inner_width = width.saturating_sub(2) as usize;
                let hanging: Vec<String> = message.lines().flat_map(|l| wrap_hanging(l, inner_width)).collect();
                let wrapped: Vec<String> = if hanging.len() + 7 <= area.height as usize {
                    hanging
                } else {
                    message.lines().flat_map(|l| wrap(l, inner_width, usize::MAX)).collect()
                };
                let lines = u16::try_from(wrapped.len()).unwrap_or(u16::MAX);
                let rect = centered(area, width, lines.saturating_add(5));
                let block = frame(ctx.t("confirm.title"));
                let inner = block.inner(rect);
                clear(rect, buf);
                block.render(rect, buf);
                let hint = Line::from(
                    ctx.keys
                        .bindings_of(&[Scope::Confirm])
                        .into_iter()
                        .flat_map(|b| {
                            [Span::styled(b.key_label(), theme::key()), Span::raw(format!(" {}   ", ctx.t(b.label)))]
                        })
                        .collect::<Vec<_>>(),
                );
                // The keys stay on the last line; a list longer than the screen says how
                // many of its lines it leaves out.
                let [text, _, keys] =
                    Layout::vertical([Constraint::Fill(1), Constraint::Length(1), Constraint::Length(1)]).areas(inner);
                let count = wrapped.len();
                let room = text.height as usize;
                let shown = if count <= room { count } else { room.saturating_sub(1) };
                let mut lines: Vec<Line> = wrapped.into_iter().take(shown).map(Line::raw).collect();
                if shown < count {
                    lines.push(Line::styled(ctx.tf("confirm.more", &[("count", &(count - shown))]), theme::dim()));
                }
                Paragraph::new(lines).render(text, buf);
                // Each answer's key and word is a spot to click.
                let mut x = keys.x;
                for (b, pair) in ctx.keys.bindings_of(&[Scope::Confirm]).into_iter().zip(hint.spans.chunks(2)) {
                    let width: u16 = pair.iter().map(|s| s.content.width() as u16).sum();
                    let spot = Rect { x, y: keys.y, width: width.min(keys.right().saturating_sub(x)), height: 1 };
                    targets.push((spot, Target::Answer(b.action == Action::Yes)));
                    x = x.saturating_add(width);
                }
                Paragraph::new(hint).render(keys, buf);
            }
            Popup::History { rows, selected, older } => {
                let mut lines: Vec<Line> = rows
                    .iter()
                    .enumerate()
                    .map(|(i, (_, text, _))| {
                        let style = if i == *selected { theme::selected() } else { ratatui::style::Style::default() };
                        Line::styled(text.clone(), style)
                    })
                    .collect();
                if rows.is_empty() {
                    lines.push(Line::styled(ctx.t("history.empty"), theme::dim()));
                }
                if older.is_some() {
                    lines.push(Line::styled(ctx.t("history.more"), theme::dim()));
                }
                lines.push(Line::styled(ctx.t("history.hint"), theme::dim()));
                let count = u16::try_from(lines.len()).unwrap_or(u16::MAX);
                let height = count.saturating_add(2).min(area.height.saturating_sub(2));
                let rect = centered(area, area.width.saturating_sub(4), height);
                clear(rect, buf);
                // The selected line stays in view.
                let room = height.saturating_sub(2) as usize;
                let scroll = if lines.len() <= room { 0 } else { selected.saturating_sub(room.saturating_sub(3)) };
                let inner = rect.inner(ratatui::layout::Margin::new(1, 1));
                for (i, y) in (scroll..rows.len()).zip(inner.y..inner.bottom()) {
                    targets.push((Rect { y, height: 1, ..inner }, Target::Row(i)));
                }
                Paragraph::new(lines).scroll((scroll as u16, 0)).block(frame(ctx.t("history.title"))).render(rect, buf);
            }
            Popup::Text { title, lines, scroll, room } => {
                // As tall as its lines (one spare for a wrapped one), at most the screen.
                let count = u16::try_from(lines.len()).unwrap_or(u16::MAX);
                let height = count.saturating_add(3).min(area.height.saturating_sub(2));
                let rect = centered(area, area.width.saturating_sub(4), height);
                // Wrapped here, where a wide character falls (never on the border); scrolling
                // goes by the lines as given, so the last one's rows all come into view.
                let inner_width = rect.width.saturating_sub(2).max(1) as usize;
                let wrapped: Vec<Vec<Line>> = lines.iter().map(|l| wrap_line(l, inner_width)).collect();
                let rows: usize = wrapped.iter().map(Vec::len).sum();
                let visible = height.saturating_sub(2) as usize;
                room.set(visible.saturating_sub(rows.saturating_sub(lines.len())).max(1));
                clear(rect, buf);
                let shown: Vec<Line> = wrapped.into_iter().skip(*scroll).flatten().collect();
                Paragraph::new(shown).block(frame(title)).render(rect, buf);
            }
        }
    }
}

fn frame(title: &str) -> Block<'_> {
    Block::bordered().border_type(BorderType::Rounded).title(Span::styled(format!(" {title} "), theme::header()))
}

/// Clears `rect` for a popup. A wide character (a Chinese name) of the screen below that the
/// popup's left edge cuts in half goes too: left standing, its first half would swallow the
/// popup's border and push the rest of the line one column right. (One the right edge cuts
/// needs nothing: its second half outside the popup is a plain blank once its first is cleared.)
pub fn clear(rect: Rect, buf: &mut Buffer) {
    let area = buf.area;
    for y in rect.top()..rect.bottom().min(area.bottom()) {
        if rect.left() > area.left() {
            let x = rect.left() - 1;
            if buf[(x, y)].symbol().width() > 1 {
                buf[(x, y)].set_symbol(" ");
            }
        }
    }
    Clear.render(rect, buf);
}

/// A rectangle of at most `width` × `height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center).areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center).areas(row);
    rect
}

/// Every key of the current screen, straight from the key map; in two columns when one does not
/// fit the screen's height (at 80x24 the last keys had been cut off).
fn render_help(scopes: &[Scope], scroll: usize, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
    let bindings = ctx.keys.bindings_of(scopes);
    let lines: Vec<Line> = bindings
        .iter()
        .map(|b| {
            Line::from(vec![Span::styled(format!("{:>8}  ", b.key_label()), theme::key()), Span::raw(ctx.t(b.label))])
        })
        .collect();
    let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    let room = area.height.saturating_sub(2) as usize;
    let block = frame(ctx.t("help.title"));
    if lines.len() <= room {
        let rect = centered(area, 50, lines.len() as u16 + 2);
        clear(rect, buf);
        Paragraph::new(lines).block(block).render(rect, buf);
        return;
    }
    let half = lines.len().div_ceil(2);
    let rect = centered(area, widest.saturating_mul(2).saturating_add(6), half as u16 + 2);
    clear(rect, buf);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).spacing(2).areas(inner);
    // Two columns that still do not fit scroll together, as far as the last row and no further.
    let scroll = scroll.min(half.saturating_sub(inner.height as usize)) as u16;
    let mut lines = lines;
    let second = lines.split_off(half);
    Paragraph::new(lines).scroll((scroll, 0)).render(left, buf);
    Paragraph::new(second).scroll((scroll, 0)).render(right, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A popup whose left edge falls on the second half of a wide character keeps its border.
    #[test]
    fn a_wide_character_under_the_left_edge_goes() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(0, 0, "李娜王", ratatui::style::Style::default());
        clear(Rect::new(3, 0, 5, 1), &mut buf);
        buf[(3, 0)].set_symbol("│");
        let text = crate::tui::headless::to_text(&buf);
        assert_eq!(text, "李 │      \n");
    }
}
