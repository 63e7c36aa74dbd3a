//! The app: routes each key from the top popup to the active tab to the global keys, runs
//! the commands screens ask for, and draws the frame (tab bar, screen, key hints).

use super::forms::{Problem, Spec};
use super::keymap::{Action, Scope};
use super::popup::Popup;
use super::tabs::{self, TabView};
use super::{Command, Ctx, Outcome, Tab, theme};
use crate::domain::demo::DemoSize;
use crate::service;
use crate::store::Store;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;
use std::time::{Duration, Instant};
use strum::IntoEnumIterator;
use unicode_width::UnicodeWidthStr;

/// How long typing must pause before a search of the store runs.
const TYPING_PAUSE: Duration = Duration::from_millis(150);

/// The seed of the demo the welcome screen loads, so every first look is the same.
const WELCOME_DEMO_SEED: u64 = 7;

pub struct App {
    store: Store,
    ctx: Ctx,
    tabs: Vec<Box<dyn TabView>>,
    /// Which tabs hold rows that are still current.
    fresh: Vec<bool>,
    active: usize,
    popups: Vec<Popup>,
    /// The `/` prompt while it is open.
    filter: Option<TextArea<'static>>,
    /// When the filter text last changed, while its search of the store has not run yet.
    pending_filter: Option<Instant>,
    /// When the open form's search text last changed, while its search has not run yet.
    pending_form: Option<Instant>,
    welcome: bool,
    risk_count: i64,
    /// The tab a jump (Enter on a risk) came from, for `Esc` to go back to.
    came_from: Option<usize>,
    message: Option<String>,
    data_version: i64,
    /// The last change made here: what `u` undoes (an undo included, so `u` twice is redo).
    last_change: Option<i64>,
    /// Where the last frame drew each tab's name on the bar, and its body, for the mouse.
    tab_x: std::cell::RefCell<Vec<(u16, u16)>>,
    body: std::cell::Cell<Rect>,
    /// The spots of the top popup a click acts on, as the last frame drew them.
    targets: std::cell::RefCell<Vec<(Rect, super::popup::Target)>>,
    /// Written since the write-ahead log was last copied back, which waits for an idle moment.
    unchecked: bool,
    quit: bool,
}

/// The welcome screen's demo team, as a change like any other.
fn load_demo() -> super::Change {
    super::Change::new(|store, ctx| {
        let done = service::load_demo(store, DemoSize::SMALL, WELCOME_DEMO_SEED, false)?;
        let message = ctx.tf("status.demo_loaded", &[("reps", &done.value.reps), ("leads", &done.value.leads)]);
        Ok(super::Changed::new(&done, message))
    })
}

impl App {
    /// The app on the Leads tab, where the morning starts.
    pub fn new(store: Store, ctx: Ctx) -> anyhow::Result<App> {
        App::on_tab(store, ctx, Tab::Leads)
    }

    /// The app opened on `tab`; only that tab loads.
    pub fn on_tab(store: Store, mut ctx: Ctx, tab: Tab) -> anyhow::Result<App> {
        // The screens read the store's own clock: one "today", never two kept in step.
        ctx.clock = store.shared_clock();
        let welcome = store.is_empty()?;
        // Key presses never wait on the write-ahead log being copied back: idle ticks do it.
        store.defer_checkpoints()?;
        let tabs = tabs::all();
        let mut app = App {
            fresh: vec![false; tabs.len()],
            data_version: store.data_version()?,
            store,
            ctx,
            tabs,
            active: tab.index(),
            popups: Vec::new(),
            filter: None,
            pending_filter: None,
            pending_form: None,
            welcome,
            risk_count: 0,
            came_from: None,
            tab_x: Default::default(),
            body: Default::default(),
            targets: Default::default(),
            unchecked: false,
            message: None,
            last_change: None,
            quit: false,
        };
        app.data_changed();
        Ok(app)
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn active_tab(&self) -> Tab {
        Tab::iter().nth(self.active).unwrap_or(Tab::Leads)
    }

    /// Shows `text` on the status line (a warning about the config file, at start).
    pub fn notify(&mut self, text: String) {
        self.message = Some(text);
    }

    /// Whether a popup (a form, a question, help, a detail) is open over the screen.
    pub fn popup_open(&self) -> bool {
        !self.popups.is_empty()
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn select(&mut self, tab: Tab) {
        self.active = tab.index();
        self.ensure_loaded();
    }

    fn ensure_loaded(&mut self) {
        if self.fresh[self.active] {
            return;
        }
        match self.tabs[self.active].load(&self.store, &self.ctx) {
            Ok(()) => self.fresh[self.active] = true,
            Err(e) => {
                let error = service::error::sentence(&e, self.ctx.cat, &|_| None);
                self.message = Some(self.ctx.tf("status.load_failed", &[("error", &error)]));
            }
        }
    }

    /// After any write: every cache is stale; the active tab and the risk count reload now.
    fn data_changed(&mut self) {
        self.fresh.iter_mut().for_each(|f| *f = false);
        self.risk_count = service::risks::count(&self.store).map(|n| n as i64).unwrap_or(self.risk_count);
        self.ensure_loaded();
    }

    /// Reloads when another process wrote to the database, or when midnight passed with the
    /// app open (the morning queue is a new day's); true when it did.
    pub fn refresh_if_changed(&mut self) -> bool {
        if self.store.advance_clock(chrono::Local::now().date_naive()) {
            self.data_changed();
            return true;
        }
        match self.store.data_version() {
            Ok(v) if v != self.data_version => {
                self.data_version = v;
                self.welcome = self.welcome && self.store.is_empty().unwrap_or(false);
                self.data_changed();
                true
            }
            _ => false,
        }
    }

    /// The scopes whose keys apply now, most specific first.
    fn scopes(&self) -> Vec<Scope> {
        if let Some(p) = self.popups.last() {
            vec![p.scope()]
        } else if self.filter.is_some() {
            vec![Scope::Filter]
        } else if self.welcome {
            super::keymap::welcome_chain()
        } else {
            super::keymap::tab_chain(self.tabs[self.active].scope())
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        // What the last key said goes with the next one, so the key hints come back.
        self.message = None;
        // Ctrl-C leaves from anywhere, a form or a prompt included; it asks first when a form
        // holds what the owner typed.
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            let typed = self.popups.iter().any(|p| matches!(p, Popup::Form { form, .. } if form.changed()));
            let asking = matches!(self.popups.last(), Some(Popup::Confirm { then, .. }) if *then == Command::Quit);
            if typed && !asking {
                let message = self.ctx.t("confirm.quit_unsaved").to_string();
                self.popups.push(Popup::Confirm { message, then: Command::Quit });
            } else {
                self.quit = true;
            }
            return;
        }
        if let Some(popup) = self.popups.last_mut() {
            match popup.handle_key(key, &self.ctx) {
                None => {
                    if let Popup::Form { spec, form } = popup
                        && spec.refresh(form, &self.store, &self.ctx, false)
                    {
                        self.pending_form = Some(Instant::now());
                    }
                }
                // A search still to run first: the owner sees what it finds before Enter acts.
                Some(Outcome::Run(Command::Submit(_))) if self.pending_form.is_some() => self.settle_form(),
                Some(Outcome::Run(cmd @ Command::Submit(_))) => self.run(cmd),
                Some(outcome) => {
                    self.popups.pop();
                    self.apply(outcome);
                }
            }
            return;
        }
        if self.filter.is_some() {
            self.filter_key(key);
            return;
        }
        if self.welcome
            && let Some(action) = self.ctx.keys.lookup(Scope::Welcome, &key)
        {
            match action {
                Action::LoadDemo => self.run(Command::Change(load_demo())),
                _ => self.run(Command::OpenForm(Spec::new(super::tabs::reps::forms::RepForm(None)))),
            }
            return;
        }
        if !self.welcome {
            let scope = self.tabs[self.active].scope();
            if let Some(action) = self.ctx.keys.lookup(scope, &key).or_else(|| self.ctx.keys.lookup(Scope::List, &key))
            {
                if action == Action::Filter {
                    let mut input = TextArea::from([self.tabs[self.active].filter().to_string()]);
                    input.move_cursor(ratatui_textarea::CursorMove::End);
                    self.filter = Some(input);
                    return;
                }
                match self.tabs[self.active].handle(action, &self.store, &self.ctx) {
                    Ok(Outcome::Ignored) => {}
                    Ok(outcome) => return self.apply(outcome),
                    Err(e) => return self.message = Some(service::error::sentence(&e, self.ctx.cat, &|_| None)),
                }
            }
        }
        if let Some(action) = self.ctx.keys.lookup(Scope::Global, &key) {
            self.global(action);
        }
    }

    /// Text that arrives at once: a paste, or what an input method committed (Chinese typed
    /// with pinyin, say). It goes into the field being typed in: a form's, or the filter's.
    pub fn on_paste(&mut self, text: &str) {
        if let Some(Popup::Form { form, spec }) = self.popups.last_mut() {
            form.insert_text(text);
            if spec.refresh(form, &self.store, &self.ctx, false) {
                self.pending_form = Some(Instant::now());
            }
        } else if let Some(input) = self.filter.as_mut() {
            input.insert_str(text.replace(['\r', '\n'], " "));
            self.pending_filter = Some(Instant::now());
        }
    }

    /// A click or the wheel. A click on a tab's name goes there; on a row, selects it, and on
    /// the selected row (a grid's selected cell) does what Enter does; on a form's field, moves
    /// there, and on a focused choice, takes the next. The wheel moves through lists, the
    /// detail, help and the history.
    pub fn on_mouse(&mut self, event: MouseEvent) {
        let (x, y) = (event.column, event.row);
        let key = |code: KeyCode| KeyEvent::new(code, KeyModifiers::NONE);
        match event.kind {
            // The wheel moves by actions, not keys: whatever the keys are bound to, it scrolls.
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = event.kind == MouseEventKind::ScrollDown;
                if let Some(popup) = self.popups.last_mut() {
                    popup.scroll(down, 3);
                } else if !self.welcome && self.filter.is_none() {
                    for _ in 0..3 {
                        self.act(if down { Action::Down } else { Action::Up });
                    }
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(Popup::Form { form, .. }) = self.popups.last_mut() {
                    let inner = super::popup::centered(self.body.get(), 72, form.height()).inner(Margin::new(1, 1));
                    if inner.contains(Position { x, y })
                        && let Some(i) = form.field_at(y - inner.y)
                        && form.focus(i)
                    {
                        form.next_choice();
                    }
                    return;
                }
                let target = self.targets.borrow().iter().find(|(r, _)| r.contains(Position { x, y })).map(|(_, t)| *t);
                if let (Some(target), Some(popup)) = (target, self.popups.last_mut()) {
                    if let Some(outcome) = popup.click(target, &self.ctx) {
                        self.popups.pop();
                        self.apply(outcome);
                    }
                    return;
                }
                if !self.popups.is_empty() || self.filter.is_some() {
                    return;
                }
                let clicked_tab = self.tab_x.borrow().iter().position(|(a, b)| y == 0 && (*a..=*b).contains(&x));
                if let Some(i) = clicked_tab {
                    return self.go(i);
                }
                if self.welcome {
                    return;
                }
                let tab = &self.tabs[self.active];
                let Some((row, column)) = tab.cell_at(x, y) else { return };
                let (at_row, at_column) = tab.cursor();
                if (row, column.or(at_column)) == (at_row, at_column) {
                    // What Enter does on this screen by default (open, edit), whatever it is bound to now.
                    let enter = super::keymap::KeyMap::default().lookup(tab.scope(), &key(KeyCode::Enter));
                    if let Some(action) = enter {
                        self.act(action);
                    }
                    return;
                }
                if column.is_none() && self.tabs[self.active].select_row(row, &self.store) {
                    return;
                }
                let step = |n: usize, action: Action, app: &mut App| (0..n).for_each(|_| app.act(action));
                if row > at_row {
                    step(row - at_row, Action::Down, self);
                } else {
                    step(at_row - row, Action::Up, self);
                }
                if let (Some(c), Some(at)) = (column, at_column) {
                    if c > at {
                        step(c - at, Action::Right, self);
                    } else {
                        step(at - c, Action::Left, self);
                    }
                }
            }
            _ => {}
        }
    }

    /// One of the active tab's actions, as its key would run it.
    fn act(&mut self, action: Action) {
        match self.tabs[self.active].handle(action, &self.store, &self.ctx) {
            Ok(Outcome::Ignored) => {}
            Ok(outcome) => self.apply(outcome),
            Err(e) => self.message = Some(service::error::sentence(&e, self.ctx.cat, &|_| None)),
        }
    }

    fn global(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.popups.push(Popup::Help { scopes: self.scopes(), scroll: 0 }),
            Action::Undo => self.undo(),
            Action::History => self.run(Command::Show(super::changes::page(None))),
            Action::NextTab => self.go((self.active + 1) % self.tabs.len()),
            Action::PrevTab => self.go((self.active + self.tabs.len() - 1) % self.tabs.len()),
            Action::GoTab(i) if i < self.tabs.len() => self.go(i),
            Action::Back => {
                self.welcome = false;
                self.message = None;
                // Back to the tab a jump came from (Enter on a risk).
                if let Some(from) = self.came_from.take() {
                    self.go(from);
                    return;
                }
                // Esc also lets go of a filter kept with Enter.
                if !self.tabs[self.active].filter().is_empty()
                    && let Err(e) = self.tabs[self.active].set_filter("", &self.store, &self.ctx)
                {
                    self.message = Some(service::error::sentence(&e, self.ctx.cat, &|_| None));
                }
            }
            _ => {}
        }
    }

    fn go(&mut self, index: usize) {
        if index != self.active {
            // A jump is left by Esc only from where it landed.
            self.came_from = None;
        }
        self.welcome = false;
        self.active = index;
        self.ensure_loaded();
    }

    fn filter_key(&mut self, key: KeyEvent) {
        let Some(input) = self.filter.as_mut() else { return };
        let text = input.lines().first().cloned().unwrap_or_default();
        match self.ctx.keys.lookup(Scope::Filter, &key) {
            Some(Action::Submit) => {
                self.filter = None;
                self.apply_filter(&text);
            }
            Some(Action::Back) => {
                self.filter = None;
                self.apply_filter("");
            }
            _ => {
                input.input(key);
                let text = input.lines().first().cloned().unwrap_or_default();
                // A search of the store waits for a pause in the typing, so every key stays quick.
                if self.tabs[self.active].filter_searches_store() {
                    self.pending_filter = Some(Instant::now());
                } else {
                    self.apply_filter(&text);
                }
            }
        }
    }

    /// Runs the open form's search that waited for a pause in the typing.
    fn settle_form(&mut self) {
        self.pending_form = None;
        if let Some(Popup::Form { spec, form }) = self.popups.last_mut() {
            spec.refresh(form, &self.store, &self.ctx, true);
        }
    }

    fn apply_filter(&mut self, text: &str) {
        self.pending_filter = None;
        if let Err(e) = self.tabs[self.active].set_filter(text, &self.store, &self.ctx) {
            self.message = Some(service::error::sentence(&e, self.ctx.cat, &|_| None));
        }
    }

    /// How long the event loop may sleep: briefly while a search waits for a pause in typing.
    pub fn idle_wait(&self) -> Duration {
        if self.pending_filter.is_some() || self.pending_form.is_some() { TYPING_PAUSE } else { Duration::from_secs(1) }
    }

    /// Runs what waits on time: a search once the typing paused, then changes by others.
    /// True when the screen changed.
    pub fn tick(&mut self) -> bool {
        if let Some(since) = self.pending_filter
            && since.elapsed() >= TYPING_PAUSE
        {
            let text = self.filter.as_ref().and_then(|i| i.lines().first().cloned()).unwrap_or_default();
            self.apply_filter(&text);
            return true;
        }
        if let Some(since) = self.pending_form
            && since.elapsed() >= TYPING_PAUSE
        {
            self.settle_form();
            return true;
        }
        if std::mem::take(&mut self.unchecked)
            && let Err(e) = self.store.checkpoint()
        {
            tracing::warn!(error = %e, "the idle checkpoint did not run");
        }
        self.refresh_if_changed()
    }

    fn apply(&mut self, outcome: Outcome) {
        if let Outcome::Run(cmd) = outcome {
            self.run(cmd);
        }
    }

    fn run(&mut self, cmd: Command) {
        match cmd {
            Command::OpenForm(spec) => match spec.build(&self.store, &self.ctx) {
                Ok(form) => self.popups.push(Popup::Form { spec, form }),
                Err(e) => self.message = Some(service::error::sentence(&e, self.ctx.cat, &|_| None)),
            },
            Command::Submit(spec) => self.submit(spec),
            Command::Show(show) => match show.build(&self.store, &self.ctx) {
                Ok(popup) => self.popups.push(popup),
                Err(e) => self.message = Some(service::error::sentence(&e, self.ctx.cat, &|_| None)),
            },
            Command::ShowText { title, lines } => {
                let lines = lines
                    .into_iter()
                    .map(|l| {
                        let style = if l.starts_with('⚠') { theme::warn() } else { Style::default() };
                        Line::styled(l, style)
                    })
                    .collect();
                self.popups.push(Popup::text(title, lines));
            }
            Command::Confirm { message, then } => self.popups.push(Popup::Confirm { message, then: *then }),
            Command::Change(change) => self.run_change(&change),
            Command::Message(text) => self.message = Some(text),
            Command::Go { tab, id, day } => {
                use strum::IntoEnumIterator;
                let Some(index) = Tab::iter().position(|t| t == tab) else { return };
                if let Some(day) = day {
                    self.tabs[index].show_day(day);
                    self.fresh[index] = false;
                }
                let from = self.active;
                self.go(index);
                self.came_from = Some(from);
                if let Some(id) = id {
                    self.tabs[self.active].select_id(id, &self.store);
                }
            }
            Command::Quit => self.quit = true,
        }
    }

    /// Runs a write the way every write runs: its message, the refresh, its change kept for `u`.
    fn run_change(&mut self, change: &super::Change) {
        match change.run(&mut self.store, &self.ctx) {
            Ok(changed) => {
                self.last_change = Some(changed.change);
                self.welcome = false;
                self.written(changed.message);
                if let Some(then) = changed.then {
                    self.run(then);
                }
            }
            Err(e) => self.message = Some(service::error::sentence(&e, self.ctx.cat, &|_| None)),
        }
    }

    /// `u`: undoes the last change made here; an undo is a change too, so `u` again is a redo.
    fn undo(&mut self) {
        match self.last_change {
            Some(id) => self.run_change(&super::changes::undo(id)),
            None => self.message = Some(self.ctx.t("change.nothing_here").to_string()),
        }
    }

    fn written(&mut self, message: String) {
        self.message = Some(message);
        self.unchecked = true;
        self.data_changed();
    }

    /// Runs the answer of the form on top; when it is refused the form stays open with the
    /// field (or the form) marked.
    fn submit(&mut self, spec: Spec) {
        let Some(Popup::Form { form, .. }) = self.popups.last() else { return };
        match spec.submit(form, &mut self.store, &self.ctx) {
            Ok(done) => {
                self.popups.pop();
                self.welcome = false;
                self.last_change = Some(done.change);
                if let Some(tab) = done.tab {
                    self.active = tab.index();
                    self.came_from = None;
                }
                self.written(done.message);
                if let Some(id) = done.select {
                    self.tabs[self.active].select_id(id, &self.store);
                }
            }
            Err(problem) => {
                if let Some(Popup::Form { form, .. }) = self.popups.last_mut() {
                    match problem {
                        Problem::Field(field, reason) => form.mark(field, reason.text(&self.ctx)),
                        Problem::Form(reason) => form.message = Some(reason.text(&self.ctx)),
                        Problem::Offer { field, reason, question, then } => {
                            form.mark(field, reason.text(&self.ctx));
                            let message = question.text(self.ctx.cat);
                            self.popups.push(Popup::Confirm { message, then: *then });
                        }
                    }
                }
            }
        }
    }

    fn render_tab_bar(&self, area: Rect, buf: &mut Buffer) {
        let right = format!("{} · ⚑ {} ", self.ctx.cat.day(self.ctx.today()), self.risk_count);
        let room = (area.width as usize).saturating_sub(right.width());
        // From the fullest bar to the tersest, the first that fits: brand and full names,
        // full names, short names, numbers. The active tab always shows its full name.
        let mut chosen = Vec::new();
        for (brand, names, pad) in
            [(true, Names::Full, " "), (false, Names::Full, " "), (false, Names::Short, ""), (false, Names::None, "")]
        {
            let mut spans = Vec::new();
            if brand {
                spans.push(Span::styled(" repdesk ", theme::header()));
            }
            for (i, tab) in Tab::iter().enumerate() {
                let active = i == self.active && !self.welcome;
                let label = match names {
                    _ if active => tab.title(self.ctx.cat),
                    Names::Full => tab.title(self.ctx.cat),
                    Names::Short => tab.short_title(self.ctx.cat),
                    Names::None => "",
                };
                let text =
                    if label.is_empty() { format!(" {}", i + 1) } else { format!("{pad} {} {label}{pad}", i + 1) };
                spans.push(Span::styled(
                    text,
                    if active { theme::active_tab() } else { ratatui::style::Style::default() },
                ));
            }
            let width: usize = spans.iter().map(|s| s.content.width()).sum();
            chosen = spans;
            if width <= room {
                break;
            }
        }
        let [left_area, right_area] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(right.width() as u16)]).areas(area);
        // Each tab's span is the last seven; what comes before is the brand.
        let mut x = left_area.x;
        let mut spans_x = Vec::new();
        let skip = chosen.len().saturating_sub(self.tabs.len());
        for (i, span) in chosen.iter().enumerate() {
            let w = span.content.width() as u16;
            if i >= skip {
                spans_x.push((x, x + w.saturating_sub(1)));
            }
            x += w;
        }
        *self.tab_x.borrow_mut() = spans_x;
        Line::from(chosen).render(left_area, buf);
        let risk_style = if self.risk_count > 0 { theme::warn() } else { theme::dim() };
        Line::from(Span::styled(right, risk_style)).right_aligned().render(right_area, buf);
    }

    fn render_footer(&self, area: Rect, buf: &mut Buffer) {
        if let Some(input) = &self.filter {
            let label = format!(" {} ", self.ctx.t("filter.prompt"));
            let [l, rest] =
                Layout::horizontal([Constraint::Length(label.width() as u16), Constraint::Fill(1)]).areas(area);
            Span::styled(label, theme::key()).render(l, buf);
            let mut input = input.clone();
            input.set_cursor_line_style(ratatui::style::Style::default());
            input.render(rest, buf);
            return;
        }
        let message = self.message.clone().unwrap_or_default();
        // A message longer than the line takes the footer's lines, wrapped: its end is never lost.
        if area.height > 1 || message.width() as u16 + 1 > area.width {
            let lines = super::widgets::wrap(&message, area.width as usize, area.height.max(1) as usize);
            let lines: Vec<Line> = lines.into_iter().map(|l| Line::styled(l, theme::accent())).collect();
            Paragraph::new(lines).render(area, buf);
            return;
        }
        // A message longer than half the line (an error, usually) takes the whole line.
        let message_width =
            if message.width() as u16 + 2 > area.width / 2 { area.width } else { message.width() as u16 + 2 };
        let [hints_area, message_area] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(message_width)]).areas(area);
        // Whole hints only, as many as fit, and the key to help always last: the rest are there.
        let hints: Vec<(bool, [Span; 2])> = self
            .ctx
            .keys
            .bindings_of(&self.scopes())
            .into_iter()
            .filter(|b| b.hint)
            .map(|b| {
                let pair = [
                    Span::styled(format!(" {}", b.key_label()), theme::key()),
                    Span::raw(format!(" {} ", self.ctx.t(b.label))),
                ];
                (b.action == Action::Help, pair)
            })
            .collect();
        let width = |pair: &[Span; 2]| pair.iter().map(|s| s.content.width()).sum::<usize>();
        let help: Vec<&[Span; 2]> = hints.iter().filter(|(h, _)| *h).map(|(_, p)| p).collect();
        let mut room = (hints_area.width as usize).saturating_sub(help.iter().map(|p| width(p)).sum());
        let mut spans = Vec::new();
        for (_, pair) in hints.iter().filter(|(h, _)| !*h) {
            if width(pair) > room {
                break;
            }
            room -= width(pair);
            spans.extend(pair.iter().cloned());
        }
        spans.extend(help.into_iter().flat_map(|p| p.iter().cloned()));
        Line::from(spans).render(hints_area, buf);
        // One too long for the line keeps its start, where it says what happened.
        let shown = super::widgets::fit(&message, message_area.width as usize);
        Line::from(Span::styled(shown, theme::accent())).right_aligned().render(message_area, buf);
    }

    fn render_welcome(&self, area: Rect, buf: &mut Buffer) {
        let block =
            Block::bordered().title(Span::styled(format!(" {} ", self.ctx.t("welcome.title")), theme::header()));
        let mut lines =
            vec![Line::raw(self.ctx.t("welcome.intro")), Line::raw(""), Line::raw(self.ctx.t("welcome.steps"))];
        // The keys come from the key map, so this page can never promise a key that does nothing.
        for b in self.ctx.keys.bindings_of(&[Scope::Welcome, Scope::Global]).into_iter().filter(|b| b.hint) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<3}", b.key_label()), theme::key()),
                Span::raw(self.ctx.t(b.label).to_string()),
            ]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(self.ctx.tf("welcome.file", &[("path", &self.store.path().display())]), theme::dim()));
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(block).render(area, buf);
    }
}

#[derive(Clone, Copy)]
enum Names {
    Full,
    Short,
    None,
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // The footer grows to the lines a long message needs (at most three), so it is read whole.
        let said = self.message.as_deref().map_or(0, UnicodeWidthStr::width) as u16;
        let footer_lines = if self.filter.is_none() && said + 1 > area.width {
            let message = self.message.as_deref().unwrap_or_default();
            super::widgets::wrap(message, area.width as usize, 3).len() as u16
        } else {
            1
        };
        let [bar, body, footer] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(footer_lines)])
                .areas(area);
        self.render_tab_bar(bar, buf);
        self.body.set(body);
        if self.welcome {
            self.render_welcome(body, buf);
        } else {
            self.tabs[self.active].render(body, buf, &self.ctx);
        }
        self.render_footer(footer, buf);
        let mut targets = Vec::new();
        for popup in &self.popups {
            targets.clear();
            popup.render(body, buf, &self.ctx, &mut targets);
        }
        *self.targets.borrow_mut() = targets;
        self.ctx.look.apply(buf);
    }
}
