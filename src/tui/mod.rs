//! The interactive app: an event loop over tabs that load their rows from the store and
//! draw from that cache. Rendering never queries and never writes.

pub mod app;
pub mod changes;
pub mod forms;
pub mod headless;
pub mod keymap;
pub mod popup;
pub mod tabs;
pub mod theme;
pub mod widgets;

use crate::domain::money::Money;
use crate::store::Store;
use crate::text::{Catalogue, Lang};
use anyhow::Result;
use chrono::NaiveDate;
use crossterm::event::{self, Event, KeyEventKind};
use strum::{EnumIter, IntoEnumIterator};

/// What every screen needs to draw: today (from the one clock, the store's), the catalogue of
/// the owner's language, the key map and how to write money. Nothing a screen shows comes from
/// anywhere else.
#[derive(Debug, Clone)]
pub struct Ctx {
    clock: crate::domain::clock::SharedClock,
    pub cat: &'static Catalogue,
    pub keys: std::rc::Rc<keymap::KeyMap>,
    pub currency: String,
    /// The theme, the markers and whether there is colour at all.
    pub look: theme::Look,
}

impl Ctx {
    /// The context of screens over `store`: its clock, English, the default keys, and the
    /// currency of the config.
    pub fn of(store: &Store, currency: &str) -> Ctx {
        Ctx::on(store.shared_clock(), currency)
    }

    /// A context on a fixed day, for a screen drawn without a store (tests of widgets).
    pub fn fixed(today: NaiveDate, currency: &str) -> Ctx {
        Ctx::on(crate::domain::clock::SharedClock::new(crate::domain::clock::Clock::fixed(today)), currency)
    }

    fn on(clock: crate::domain::clock::SharedClock, currency: &str) -> Ctx {
        let look = theme::Look { colour: true, ..Default::default() };
        Ctx { clock, cat: Catalogue::en(), keys: Default::default(), currency: currency.to_string(), look }
    }

    /// The same context in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Ctx {
        self.cat = Catalogue::of(lang);
        self
    }

    /// The same context with `look` for its theme and markers.
    pub fn with_look(mut self, look: theme::Look) -> Ctx {
        self.look = look;
        self
    }

    /// The same context with `keys` for its key map.
    pub fn with_keys(mut self, keys: keymap::KeyMap) -> Ctx {
        self.keys = std::rc::Rc::new(keys);
        self
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// `today`, `5d ago`, `—`: how long ago a day was.
    pub fn days_ago(&self, day: Option<NaiveDate>) -> String {
        self.cat.days_ago(day, self.today())
    }

    /// `23 Nov`, `11/23`: the short date of every list.
    pub fn short_date(&self, day: NaiveDate) -> String {
        self.cat.short_day(day)
    }

    /// The text of `key` in the owner's language.
    pub fn t(&self, key: &'static str) -> &'static str {
        self.cat.t(key)
    }

    /// The text of `key` with its `{slots}` filled.
    pub fn tf(&self, key: &'static str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        self.cat.tf(key, args)
    }

    pub fn money(&self, m: Money) -> String {
        m.display(&self.currency)
    }

    /// Rounded to whole units, for lists where cents are noise.
    pub fn money_whole(&self, m: Money) -> String {
        Money((m.cents() + m.cents().signum() * 50) / 100 * 100).display(&self.currency)
    }
}

/// The tabs, in the order of the tab bar and the keys 1–7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, strum::EnumString, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Tab {
    Leads,
    Schedule,
    Goals,
    Leaderboard,
    Risks,
    Reviews,
    Reps,
}

impl Tab {
    pub fn title(self, cat: &'static Catalogue) -> &'static str {
        cat.t(match self {
            Tab::Leads => "tabs.leads",
            Tab::Schedule => "tabs.schedule",
            Tab::Goals => "tabs.goals",
            Tab::Leaderboard => "tabs.leaderboard",
            Tab::Risks => "tabs.risks",
            Tab::Reviews => "tabs.reviews",
            Tab::Reps => "tabs.reps",
        })
    }

    /// The name the tab bar uses when the full names do not fit.
    pub fn short_title(self, cat: &'static Catalogue) -> &'static str {
        cat.t(match self {
            Tab::Leads => "tabs.short.leads",
            Tab::Schedule => "tabs.short.schedule",
            Tab::Goals => "tabs.short.goals",
            Tab::Leaderboard => "tabs.short.leaderboard",
            Tab::Risks => "tabs.short.risks",
            Tab::Reviews => "tabs.short.reviews",
            Tab::Reps => "tabs.short.reps",
        })
    }

    pub fn index(self) -> usize {
        Tab::iter().position(|t| t == self).unwrap_or(0)
    }

    pub fn names() -> Vec<&'static str> {
        Tab::iter().map(|t| t.into()).collect()
    }
}

/// What a screen asks the app to do; screens never call each other or write themselves.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    OpenForm(forms::Spec),
    /// Run the answer of the form on top.
    Submit(forms::Spec),

    /// Read-only lines in a scrolling popup; those starting with ⚠ are warnings.
    ShowText {
        title: String,
        lines: Vec<String>,
    },
    Confirm {
        message: String,
        then: Box<Command>,
    },
    /// Run a write: the app runs every one the same way (its message, the refresh, its change
    /// id kept for `u`), and knows nothing of what it writes.
    Change(Change),
    /// Open a popup built from the store (a lead's detail, a page of the history).
    Show(Show),
    /// Go to another tab, turned to `day` (a schedule's week and day) and standing on the row
    /// of this id where it lists one; `Esc` comes back.
    Go {
        tab: Tab,
        id: Option<i64>,
        day: Option<chrono::NaiveDate>,
    },
    Message(String),
    /// Leave the app.
    Quit,
}

/// A popup a screen asks for, built from the store when the app opens it.
#[derive(Clone)]
pub struct Show(std::rc::Rc<BuildPopup>);

type BuildPopup = dyn Fn(&Store, &Ctx) -> Result<popup::Popup>;

impl Show {
    pub fn new(build: impl Fn(&Store, &Ctx) -> Result<popup::Popup> + 'static) -> Show {
        Show(std::rc::Rc::new(build))
    }

    pub fn build(&self, store: &Store, ctx: &Ctx) -> Result<popup::Popup> {
        (self.0)(store, ctx)
    }
}

impl std::fmt::Debug for Show {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Show")
    }
}

impl PartialEq for Show {
    fn eq(&self, other: &Show) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A write a screen hands the app as a value: one call of the service, and how to word what it
/// did. Shared, so a confirmation can hold it until the owner says yes.
#[derive(Clone)]
pub struct Change(std::rc::Rc<RunChange>);

type RunChange = dyn Fn(&mut Store, &Ctx) -> Result<Changed>;

/// What a write did: its change id, the message for the status line, and what to show next
/// (what a copy of last week left out, say).
pub struct Changed {
    pub change: i64,
    pub message: String,
    pub then: Option<Command>,
}

impl Change {
    pub fn new(run: impl Fn(&mut Store, &Ctx) -> Result<Changed> + 'static) -> Change {
        Change(std::rc::Rc::new(run))
    }

    /// Runs the write; its message is worded in `ctx`'s language.
    pub fn run(&self, store: &mut Store, ctx: &Ctx) -> Result<Changed> {
        (self.0)(store, ctx)
    }
}

impl Changed {
    pub fn new<T>(done: &crate::store::changes::Done<T>, message: String) -> Changed {
        Changed { change: done.change, message, then: None }
    }
}

impl std::fmt::Debug for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Change")
    }
}

impl PartialEq for Change {
    fn eq(&self, other: &Change) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What handling an event did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Ignored,
    Consumed,
    Run(Command),
}

/// Opens the terminal, runs the app until it quits, and always restores the terminal.
pub fn run(store: Store, ctx: Ctx, notice: Option<String>) -> Result<()> {
    let log = ctx.cat.tf("error.app_stopped", &[("log", &crate::config::log_dir().join("repdesk.log").display())]);
    let mut app = app::App::new(store, ctx)?;
    if let Some(notice) = notice {
        app.notify(notice);
    }
    // The mouse is let go on the way out, after a panic too (ratatui's own hook restores the
    // rest), and the owner is told where the log is.
    let before = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        tracing::error!("the app stopped: {info}");
        let _ = crossterm::execute!(
            std::io::stdout(),
            crossterm::event::DisableMouseCapture,
            crossterm::event::DisableBracketedPaste
        );
        before(info);
        eprintln!("repdesk: {log}");
    }));
    let mut terminal = ratatui::init();
    let _ = crossterm::execute!(
        std::io::stdout(),
        crossterm::event::EnableMouseCapture,
        crossterm::event::EnableBracketedPaste
    );
    let result = event_loop(&mut terminal, &mut app);
    let _ = crossterm::execute!(
        std::io::stdout(),
        crossterm::event::DisableMouseCapture,
        crossterm::event::DisableBracketedPaste
    );
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut app::App) -> Result<()> {
    // The tests' way to see the terminal come back after a panic, in a real terminal.
    let panic_for_test = std::env::var_os("REPDESK_PANIC_FOR_TEST").is_some();
    let mut dirty = true;
    while !app.should_quit() {
        if dirty {
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            dirty = false;
            assert!(!panic_for_test, "forced by REPDESK_PANIC_FOR_TEST");
        }
        // Wake once a second to notice writes from another process (a script, a second window),
        // or sooner when a search waits for a pause in the typing.
        if event::poll(app.idle_wait())? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if app.working(&key) {
                        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
                    }
                    app.on_key(key);
                    dirty = true;
                }
                Event::Paste(text) => {
                    app.on_paste(&text);
                    dirty = true;
                }
                Event::Mouse(mouse) => {
                    app.on_mouse(mouse);
                    dirty = true;
                }
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        } else {
            dirty = app.tick();
        }
    }
    Ok(())
}
