//! A form is plain data: fields with a kind, one focused at a time, each able to carry the
//! validation message the domain gave it. Text editing is ratatui-textarea's.

use crate::domain::money::Money;
use crate::domain::period::parse_date;
use crate::text::Label;
use crate::tui::Ctx;
use crate::tui::keymap::{Action, Scope};
use crate::tui::theme;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use ratatui_textarea::TextArea;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    /// A whole number.
    Number,
    Money,
    Date,
    /// One of fixed values, cycled with ←/→ (or picked by its first letter): each shown by its
    /// label, stored as its value.
    Choice(Vec<Opt>),
    /// Text of several lines, `rows` of them in view (fewer on a small screen): Enter starts a
    /// new line, the lines wrap at the field's edge, and a longer text scrolls inside it.
    Lines(u16),
}

/// A choice: the value a form answers with, and how it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opt {
    pub value: String,
    pub label: String,
}

impl FieldKind {
    /// Values shown as they are (names, dates).
    pub fn choice<S: AsRef<str>>(options: &[S]) -> FieldKind {
        FieldKind::Choice(
            options.iter().map(|o| Opt { value: o.as_ref().to_string(), label: o.as_ref().to_string() }).collect(),
        )
    }

    /// Stored words shown by their labels in the owner's language.
    pub fn words<L: Label>(ctx: &Ctx, words: impl IntoIterator<Item = L>) -> FieldKind {
        FieldKind::Choice(
            words
                .into_iter()
                .map(|w| Opt { value: w.word().to_string(), label: ctx.cat.label(w).to_string() })
                .collect(),
        )
    }

    /// Values with labels of their own.
    pub fn labelled(options: impl IntoIterator<Item = (String, String)>) -> FieldKind {
        FieldKind::Choice(options.into_iter().map(|(value, label)| Opt { value, label }).collect())
    }
}

pub struct Field {
    pub id: &'static str,
    /// Catalogue key of the label.
    pub label: &'static str,
    pub kind: FieldKind,
    input: TextArea<'static>,
    choice: usize,
    pub error: Option<String>,
    /// A value filled in for the owner and not touched yet: typing replaces it (the Won
    /// amount proposed, `800.00`, then `1250` typed, is 1250), as a selected text does.
    proposed: bool,
}

impl Field {
    pub fn new(id: &'static str, label: &'static str, kind: FieldKind, value: &str) -> Field {
        let mut input = match kind {
            FieldKind::Lines(_) => {
                let mut input = TextArea::from(value.split('\n').map(str::to_string));
                input.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
                input
            }
            _ => TextArea::from([value.to_string()]),
        };
        input.set_cursor_line_style(Style::default());
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        let choice = match &kind {
            FieldKind::Choice(options) => options.iter().position(|o| o.value == value).unwrap_or(0),
            _ => 0,
        };
        Field { id, label, kind, input, choice, error: None, proposed: false }
    }

    /// A field holding a value the form proposes (the Won amount, from the lead's estimate):
    /// typing replaces it, shown selected until then.
    pub fn proposing(id: &'static str, label: &'static str, kind: FieldKind, value: &str) -> Field {
        let mut field = Field::new(id, label, kind, value);
        field.proposed = !value.is_empty() && !matches!(field.kind, FieldKind::Choice(_));
        field
    }

    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Choice(options) => options.get(self.choice).map(|o| o.value.clone()).unwrap_or_default(),
            FieldKind::Lines(_) => self.input.lines().join("\n"),
            _ => self.input.lines().first().cloned().unwrap_or_default(),
        }
    }

    /// Whether it holds several lines (Enter starts a new one there).
    pub fn is_lines(&self) -> bool {
        matches!(self.kind, FieldKind::Lines(_))
    }

    /// The rows it asks for on the screen.
    fn rows(&self) -> u16 {
        match self.kind {
            FieldKind::Lines(rows) => rows.max(1),
            _ => 1,
        }
    }

    /// What the field shows: a choice's label, or the text typed.
    pub fn shown(&self) -> String {
        match &self.kind {
            FieldKind::Choice(options) => options.get(self.choice).map(|o| o.label.clone()).unwrap_or_default(),
            _ => self.value(),
        }
    }

    /// The check a field can make alone; the domain checks the rest on save.
    fn check(&self, ctx: &Ctx) -> Option<String> {
        let v = self.value();
        let v = v.trim();
        if v.is_empty() {
            return None;
        }
        match &self.kind {
            FieldKind::Number if v.parse::<u32>().is_err() => Some(ctx.t("form.not_a_number").to_string()),
            FieldKind::Money if Money::parse(v, false).is_err() => Some(ctx.t("form.not_an_amount").to_string()),
            FieldKind::Date => parse_date(v).err().map(|e| e.message().text(ctx.cat)),
            _ => None,
        }
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    Editing,
    Submit,
    Cancel,
}

/// The columns a form's popup takes, border included, when the screen has them.
pub const WIDTH: u16 = 72;

pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    focus: usize,
    /// A message for the whole form (a save that failed for another reason than a field).
    pub message: Option<String>,
    /// Each field's value when the form opened, to know whether anything was typed.
    initial: Vec<String>,
    /// What the owner should know before answering (why a rep is proposed, who holds the lead).
    pub note: Vec<String>,
}

impl Form {
    pub fn new(title: String, fields: Vec<Field>) -> Form {
        let initial = fields.iter().map(Field::value).collect();
        Form { title, fields, focus: 0, message: None, initial, note: Vec::new() }
    }

    pub fn value(&self, id: &str) -> String {
        self.fields.iter().find(|f| f.id == id).map(Field::value).unwrap_or_default()
    }

    /// Marks a field with the message the domain gave and moves the focus to it.
    pub fn mark(&mut self, id: &str, message: String) {
        if let Some(i) = self.fields.iter().position(|f| f.id == id) {
            self.fields[i].error = Some(message);
            self.focus = i;
        } else {
            self.message = Some(message);
        }
    }

    /// The scope of the keys the focused field takes: a text of several lines has its own
    /// (Enter starts a line there, and another key saves).
    pub fn scope(&self) -> Scope {
        if self.fields.get(self.focus).is_some_and(Field::is_lines) { Scope::Writing } else { Scope::Form }
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx) -> FormEvent {
        if self.scope() == Scope::Writing {
            match ctx.keys.lookup(Scope::Writing, &key) {
                Some(Action::Back) => return FormEvent::Cancel,
                Some(Action::NextField) => self.move_focus(1, ctx),
                Some(Action::PrevField) => self.move_focus(self.fields.len() - 1, ctx),
                Some(Action::Submit) => return self.submit(ctx),
                Some(Action::NewLine) => {
                    let field = &mut self.fields[self.focus];
                    field.error = None;
                    field.proposed = false;
                    field.input.insert_newline();
                }
                _ => self.edit(key),
            }
            return FormEvent::Editing;
        }
        match ctx.keys.lookup(Scope::Form, &key) {
            Some(Action::Back) => return FormEvent::Cancel,
            Some(Action::NextField) => self.move_focus(1, ctx),
            Some(Action::PrevField) => self.move_focus(self.fields.len() - 1, ctx),
            Some(Action::Submit) => return self.submit(ctx),
            _ => self.edit(key),
        }
        FormEvent::Editing
    }

    fn move_focus(&mut self, step: usize, ctx: &Ctx) {
        let field = &mut self.fields[self.focus];
        field.error = field.check(ctx);
        self.focus = (self.focus + step) % self.fields.len();
    }

    fn submit(&mut self, ctx: &Ctx) -> FormEvent {
        for f in &mut self.fields {
            f.error = f.check(ctx);
        }
        match self.fields.iter().position(|f| f.error.is_some()) {
            Some(i) => {
                self.focus = i;
                FormEvent::Editing
            }
            None => FormEvent::Submit,
        }
    }

    fn edit(&mut self, key: KeyEvent) {
        let field = &mut self.fields[self.focus];
        field.error = None;
        self.message = None;
        match &field.kind {
            FieldKind::Choice(options) if options.is_empty() => {}
            FieldKind::Choice(options) => match key.code {
                KeyCode::Left => field.choice = (field.choice + options.len() - 1) % options.len(),
                KeyCode::Right | KeyCode::Char(' ') => field.choice = (field.choice + 1) % options.len(),
                KeyCode::Char(c) => {
                    // Typing a letter jumps to the first option that starts with it.
                    let starts = |o: &Opt| o.label.starts_with(c) || o.value.starts_with(c);
                    if let Some(i) = options.iter().position(starts) {
                        field.choice = i;
                    }
                }
                _ => {}
            },
            // A field of one line never takes a line break (Ctrl-M and Ctrl-J are Enter too).
            FieldKind::Text | FieldKind::Number | FieldKind::Money | FieldKind::Date
                if key.code == KeyCode::Enter
                    || (key.modifiers.contains(crossterm::event::KeyModifiers::CONTROL)
                        && matches!(key.code, KeyCode::Char('m' | 'j'))) => {}
            _ => {
                let typed = matches!(key.code, KeyCode::Char(_))
                    && !key
                        .modifiers
                        .intersects(crossterm::event::KeyModifiers::CONTROL | crossterm::event::KeyModifiers::ALT);
                let erase = matches!(key.code, KeyCode::Backspace | KeyCode::Delete);
                if std::mem::take(&mut field.proposed) && (typed || erase) {
                    field.input = TextArea::default();
                    field.input.set_cursor_line_style(Style::default());
                    if erase {
                        return;
                    }
                }
                field.input.input(key);
            }
        }
    }

    /// Text that arrived at once (a paste, or what an input method committed) into the
    /// focused field; a choice takes none, a text of several lines keeps its line breaks and
    /// any other field keeps one line.
    pub fn insert_text(&mut self, text: &str) {
        let field = &mut self.fields[self.focus];
        if !matches!(field.kind, FieldKind::Choice(_)) {
            field.error = None;
            if std::mem::take(&mut field.proposed) {
                field.input = TextArea::default();
                field.input.set_cursor_line_style(Style::default());
            }
            let text = if field.is_lines() {
                text.replace("\r\n", "\n").replace('\r', "\n")
            } else {
                text.replace(['\r', '\n'], " ")
            };
            field.input.insert_str(text);
        }
    }

    /// Field `id` holding `value`, as the form would open with it (the day of the item just
    /// chosen).
    pub fn set(&mut self, id: &str, value: &str) {
        if let Some(i) = self.fields.iter().position(|f| f.id == id) {
            let field = &self.fields[i];
            self.fields[i] = Field::new(field.id, field.label, field.kind.clone(), value);
            self.initial[i] = value.to_string();
        }
    }

    /// A new proposal for field `id` (a date that follows another field), taken only while the
    /// field still holds the form's proposal: what the owner typed stays.
    pub fn repropose(&mut self, id: &str, value: &str) {
        if let Some(i) = self.fields.iter().position(|f| f.id == id)
            && self.fields[i].proposed
        {
            let field = &self.fields[i];
            let mut fresh = Field::proposing(field.id, field.label, field.kind.clone(), value);
            fresh.error = None;
            self.fields[i] = fresh;
            self.initial[i] = value.to_string();
        }
    }

    /// Whether any field holds other than what the form opened with.
    pub fn changed(&self) -> bool {
        self.fields.iter().zip(&self.initial).any(|(f, v)| f.value() != *v)
    }

    /// The field drawn on line `row` of the form (from its first line) in `height` lines, if
    /// any.
    pub fn field_at(&self, row: u16, height: u16) -> Option<usize> {
        let rows = self.rows_in(height);
        let mut y = 0u16;
        for (i, f) in self.fields.iter().enumerate() {
            let lines = rows[i] + u16::from(f.error.is_some());
            if row < y + lines {
                return Some(i);
            }
            y += lines;
        }
        None
    }

    /// Gives a choice field new options (those a search found), standing on the same value
    /// when it is still among them, else on the first.
    pub fn set_choices(&mut self, id: &str, options: Vec<Opt>) {
        let Some(field) = self.fields.iter_mut().find(|f| f.id == id) else { return };
        let was = field.value();
        field.choice = options.iter().position(|o| o.value == was).unwrap_or(0);
        field.kind = FieldKind::Choice(options);
    }

    /// The options of a choice field and the one it stands on.
    pub fn choices(&self, id: &str) -> (&[Opt], usize) {
        match self.fields.iter().find(|f| f.id == id) {
            Some(Field { kind: FieldKind::Choice(options), choice, .. }) => (options, *choice),
            _ => (&[], 0),
        }
    }

    /// The focused field's next choice, when it is one.
    pub fn next_choice(&mut self) {
        let field = &mut self.fields[self.focus];
        if let FieldKind::Choice(options) = &field.kind
            && !options.is_empty()
        {
            field.choice = (field.choice + 1) % options.len();
            field.error = None;
        }
    }

    /// Whether field `i` has the focus; moves it there.
    pub fn focus(&mut self, i: usize) -> bool {
        let had = self.focus == i;
        if i < self.fields.len() {
            self.focus = i;
        }
        had
    }

    /// Lines the form needs at its full width ([`WIDTH`]): each field's rows, one per message,
    /// the note's rows, the form message, and a border.
    pub fn height(&self) -> u16 {
        let errors = self.fields.iter().filter(|f| f.error.is_some()).count();
        let rows: usize = self.fields.iter().map(|f| usize::from(f.rows())).sum();
        (rows + errors + self.note_rows(WIDTH - 2) + usize::from(self.message.is_some()) + 2) as u16
    }

    /// The rows the note takes wrapped at `width`.
    fn note_rows(&self, width: u16) -> usize {
        self.note.iter().map(|l| super::wrap(l, width.max(1) as usize, usize::MAX).len().max(1)).sum()
    }

    /// The rows each field gets in `room` lines: all it asks for when they fit, else the texts
    /// of several lines give up rows (down to one each) until they do.
    fn rows_in(&self, room: u16) -> Vec<u16> {
        let mut rows: Vec<u16> = self.fields.iter().map(Field::rows).collect();
        let fixed = self.fields.iter().filter(|f| f.error.is_some()).count()
            + self.note_rows(WIDTH - 2)
            + usize::from(self.message.is_some());
        let need = |rows: &[u16]| rows.iter().map(|&r| usize::from(r)).sum::<usize>() + fixed;
        while need(&rows) > usize::from(room) {
            // The tallest gives a row first; the focused one last.
            let Some(i) = (0..rows.len()).filter(|&i| rows[i] > 1).max_by_key(|&i| (i != self.focus, rows[i])) else {
                break;
            };
            rows[i] -= 1;
        }
        rows
    }

    /// Draws the fields inside `area` (the popup's inner area).
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        // The marker (2 columns), the longest label, and a gap of 2 before the input.
        let widest =
            self.fields.iter().map(|f| unicode_width::UnicodeWidthStr::width(ctx.t(f.label))).max().unwrap_or(10);
        let label_width = widest as u16 + 4;
        let rows = self.rows_in(area.height);
        let mut y = area.y;
        for (i, field) in self.fields.iter().enumerate() {
            if y >= area.bottom() {
                break;
            }
            let focused = i == self.focus;
            let label_style = if focused { theme::key() } else { Style::default() };
            let marker = if field.error.is_some() {
                "⚠ "
            } else if focused {
                "› "
            } else {
                "  "
            };
            Paragraph::new(Line::from(vec![
                Span::styled(marker, theme::alert()),
                Span::styled(ctx.t(field.label), label_style),
            ]))
            .render(Rect { x: area.x, y, width: label_width.min(area.width), height: 1 }, buf);
            let height = rows[i].min(area.bottom() - y);
            let input_area = Rect {
                x: area.x + label_width.min(area.width),
                y,
                width: area.width.saturating_sub(label_width),
                height,
            };
            match &field.kind {
                FieldKind::Choice(_) => {
                    let style = if focused { theme::selected() } else { Style::default() };
                    Paragraph::new(Line::from(vec![
                        Span::raw("‹ "),
                        Span::styled(field.shown(), style),
                        Span::raw(" ›"),
                    ]))
                    .render(input_area, buf);
                }
                // A proposed value is shown selected: typing replaces it.
                _ if focused && field.proposed => {
                    Paragraph::new(Span::styled(field.value(), theme::selected())).render(input_area, buf)
                }
                _ if focused => {
                    let mut input = field.input.clone();
                    input.set_cursor_style(theme::selected());
                    input.render(input_area, buf);
                }
                FieldKind::Lines(_) => {
                    // Wrapped where a wide character falls; what does not fit ends in `…`.
                    let wrapped: Vec<Line> = field
                        .input
                        .lines()
                        .iter()
                        .flat_map(|l| match super::wrap(l, input_area.width.max(1) as usize, usize::MAX) {
                            lines if lines.is_empty() => vec![String::new()],
                            lines => lines,
                        })
                        .map(Line::raw)
                        .collect();
                    let room = usize::from(input_area.height);
                    let mut shown: Vec<Line> = wrapped.iter().take(room).cloned().collect();
                    if wrapped.len() > room
                        && let Some(last) = shown.last_mut()
                    {
                        last.push_span(Span::styled(" …", theme::dim()));
                    }
                    Paragraph::new(shown).render(input_area, buf);
                }
                _ => Paragraph::new(field.value()).render(input_area, buf),
            }
            y += height;
            if let Some(error) = &field.error
                && y < area.bottom()
            {
                Paragraph::new(Span::styled(format!("    {error}"), theme::alert()))
                    .render(Rect { x: area.x, y, width: area.width, height: 1 }, buf);
                y += 1;
            }
        }
        // Wrapped at the form's width, where a wide character falls.
        let notes = self.note.iter().flat_map(|l| super::wrap(l, area.width.max(1) as usize, usize::MAX));
        for line in notes {
            if y >= area.bottom() {
                break;
            }
            Paragraph::new(Span::styled(line, theme::dim()))
                .render(Rect { x: area.x, y, width: area.width, height: 1 }, buf);
            y += 1;
        }
        if let Some(message) = &self.message
            && y < area.bottom()
        {
            Paragraph::new(Span::styled(message.clone(), theme::alert()))
                .render(Rect { x: area.x, y, width: area.width, height: 1 }, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn press(form: &mut Form, code: KeyCode) -> FormEvent {
        let ctx = Ctx::fixed(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), "¥");
        form.handle_key(KeyEvent::new(code, KeyModifiers::NONE), &ctx)
    }

    fn type_text(form: &mut Form, text: &str) {
        for c in text.chars() {
            press(form, KeyCode::Char(c));
        }
    }

    fn form() -> Form {
        Form::new(
            "t".into(),
            vec![
                Field::new("name", "fields.name", FieldKind::Text, ""),
                Field::new("kind", "fields.employment", FieldKind::choice(&["part-time", "full-time"]), "part-time"),
                Field::new("rate", "fields.hourly_rate", FieldKind::Money, ""),
            ],
        )
    }

    #[test]
    fn typing_tabbing_and_choosing() {
        let mut f = form();
        type_text(&mut f, "李娜");
        press(&mut f, KeyCode::Tab);
        press(&mut f, KeyCode::Right);
        press(&mut f, KeyCode::Tab);
        type_text(&mut f, "18.5");
        assert_eq!(press(&mut f, KeyCode::Enter), FormEvent::Submit);
        assert_eq!(
            (f.value("name"), f.value("kind"), f.value("rate")),
            ("李娜".into(), "full-time".into(), "18.5".into())
        );
    }

    #[test]
    fn typing_into_a_proposed_value_replaces_it_and_moving_keeps_it() {
        let mut f =
            Form::new("t".into(), vec![Field::proposing("amount", "fields.amount", FieldKind::Money, "800.00")]);
        type_text(&mut f, "1250");
        assert_eq!(f.value("amount"), "1250");
        let mut f =
            Form::new("t".into(), vec![Field::proposing("amount", "fields.amount", FieldKind::Money, "800.00")]);
        press(&mut f, KeyCode::End);
        type_text(&mut f, "5");
        assert_eq!(f.value("amount"), "800.005", "a key that moves first keeps the value to edit");
        let mut f =
            Form::new("t".into(), vec![Field::proposing("amount", "fields.amount", FieldKind::Money, "800.00")]);
        press(&mut f, KeyCode::Backspace);
        assert_eq!(f.value("amount"), "", "Backspace on a proposed value clears it");
        // A stored value being edited is not proposed: typing goes on from it.
        let mut f = Form::new("t".into(), vec![Field::new("name", "fields.name", FieldKind::Text, "王")]);
        type_text(&mut f, "芳");
        assert_eq!(f.value("name"), "王芳");
        let mut f =
            Form::new("t".into(), vec![Field::proposing("amount", "fields.amount", FieldKind::Money, "800.00")]);
        press(&mut f, KeyCode::Backspace);
        assert_eq!(f.value("amount"), "", "Backspace on a proposed value clears it");
    }

    #[test]
    fn a_bad_field_blocks_submit_and_is_marked() {
        let mut f = form();
        press(&mut f, KeyCode::Tab);
        press(&mut f, KeyCode::Tab);
        type_text(&mut f, "lots");
        assert_eq!(press(&mut f, KeyCode::Enter), FormEvent::Editing);
        assert!(f.fields[2].error.is_some());
        f.mark("name", "a rep needs a name".into());
        assert_eq!(f.fields[0].error.as_deref(), Some("a rep needs a name"));
        assert_eq!(press(&mut f, KeyCode::Esc), FormEvent::Cancel);
    }

    #[test]
    fn a_text_of_several_lines_takes_enter_and_saves_on_ctrl_s() {
        let ctx = Ctx::fixed(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), "¥");
        let mut f = Form::new(
            "t".into(),
            vec![
                Field::new("plan", "review.plan", FieldKind::Lines(3), "第一行"),
                Field::new("name", "fields.name", FieldKind::Text, ""),
            ],
        );
        assert_eq!(f.scope(), Scope::Writing);
        assert_eq!(press(&mut f, KeyCode::Enter), FormEvent::Editing, "Enter starts a line");
        type_text(&mut f, "王芳b");
        press(&mut f, KeyCode::Left);
        press(&mut f, KeyCode::Backspace);
        assert_eq!(f.value("plan"), "第一行\n王b", "a wide character is one step");
        f.insert_text("\r\n粘贴\r\n两行");
        assert_eq!(f.value("plan"), "第一行\n王\n粘贴\n两行b");
        // Tab leaves it; a one-line field pastes on one line and Enter saves there.
        press(&mut f, KeyCode::Tab);
        assert_eq!(f.scope(), Scope::Form);
        f.insert_text("a\nb");
        assert_eq!(f.value("name"), "a b");
        press(&mut f, KeyCode::BackTab);
        let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(f.handle_key(save, &ctx), FormEvent::Submit);
        let alt_enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT);
        assert_eq!(f.handle_key(alt_enter, &ctx), FormEvent::Submit);
    }

    #[test]
    fn texts_of_several_lines_give_up_rows_on_a_small_screen() {
        let mut f = Form::new(
            "t".into(),
            vec![
                Field::new("a", "review.strengths", FieldKind::Lines(3), ""),
                Field::new("b", "review.plan", FieldKind::Lines(3), ""),
                Field::new("c", "fields.name", FieldKind::Text, ""),
            ],
        );
        assert_eq!(f.height(), 9);
        assert_eq!(f.rows_in(7), vec![3, 3, 1]);
        assert_eq!(f.rows_in(5), vec![3, 1, 1], "the focused one keeps its rows longest");
        assert_eq!(f.rows_in(2), vec![1, 1, 1], "never below one row");
        f.focus(1);
        assert_eq!(f.rows_in(5), vec![1, 3, 1]);
        // A click finds the field where it is drawn, rows given up or not.
        assert_eq!((f.field_at(1, 9), f.field_at(3, 9), f.field_at(6, 9)), (Some(0), Some(1), Some(2)));
        assert_eq!((f.field_at(1, 3), f.field_at(2, 3)), (Some(1), Some(2)), "one row each in 3 lines");
    }

    #[test]
    fn a_field_of_one_line_never_takes_a_line_break() {
        let ctx = Ctx::fixed(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), "¥");
        let mut f = Form::new("t".into(), vec![Field::new("period", "review.period", FieldKind::Text, "2026-Q4")]);
        let alt_enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT);
        assert_eq!(f.handle_key(alt_enter, &ctx), FormEvent::Submit, "Alt-Enter saves here too");
        f.handle_key(KeyEvent::new(KeyCode::Char('m'), KeyModifiers::CONTROL), &ctx);
        f.handle_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL), &ctx);
        assert_eq!(f.fields[0].input.lines().len(), 1);
        assert_eq!(f.value("period"), "2026-Q4");
    }
}
