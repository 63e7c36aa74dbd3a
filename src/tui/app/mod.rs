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

mod draw;
mod input;

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
}
