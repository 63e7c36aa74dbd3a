//! One file per subcommand: read the arguments, call the service or store, print.

pub mod backup;
pub mod deal;
pub mod demo;
pub mod export;
pub mod goals;
pub mod history;
pub mod import;
pub mod lead;
pub mod output;
pub mod progress;
pub mod render;
pub mod rep;
pub mod reviews;
pub mod risks;
pub mod schedule;
pub mod settings;

use crate::config::Config;
use crate::domain::clock::Clock;
use crate::domain::message::Message;
use crate::store::Store;
use crate::text::Catalogue;
use std::path::PathBuf;

/// Bad input from the command line or a file: exit code 2. It says what to do as a sentence of
/// the catalogue, worded in the owner's language when it is printed.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub Message);

/// A command that ran and found something wrong (a damaged file): exit code 1, its sentence
/// from the catalogue.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Failed(pub Message);

/// `text` on one line of at most 200 characters.
pub fn one_line(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

impl UsageError {
    /// `--flag: sentence`.
    pub fn flag(flag: &str, message: Message) -> UsageError {
        UsageError(Message::new("cli.flag").arg("flag", flag).part("message", message))
    }
}

/// What every command that touches the database needs.
pub struct Env {
    pub db: PathBuf,
    pub clock: Clock,
    pub config: Config,
    /// The catalogue of the language chosen (flag, config, locale, English).
    pub cat: &'static Catalogue,
    /// The keys in force: the defaults with the config's overrides.
    pub keys: crate::tui::keymap::KeyMap,
    /// The theme, the markers, and whether there is colour.
    pub look: crate::tui::theme::Look,
}

impl Env {
    /// Opens a database that must already be there: a mistyped `--db` is an error, not a
    /// new empty file that then reports "ok".
    pub fn open_existing(&self, actor: &str) -> anyhow::Result<Store> {
        if !self.db.exists() {
            return Err(UsageError(Message::new("cli.no_database").arg("path", self.db.display())).into());
        }
        self.open(actor)
    }

    /// Opens the database, creating it when it is not there yet.
    pub fn open(&self, actor: &str) -> anyhow::Result<Store> {
        let mut store = Store::open(&self.db, self.clock)?;
        store.set_actor(actor);
        store.set_progress(std::rc::Rc::new(progress::Bar::new(self.cat)));
        Ok(store)
    }

    /// The app's context over `store`: the store's clock, the language and the config's
    /// currency.
    pub fn app_ctx(&self, store: &Store) -> crate::tui::Ctx {
        crate::tui::Ctx::of(store, self.config.currency())
            .in_lang(self.cat.lang)
            .with_keys(self.keys.clone())
            .with_look(self.look)
    }

    /// How the command line writes money (in the config's currency); its words are `cat`'s.
    pub fn format(&self) -> output::Format {
        output::Format { currency: self.config.currency().to_string() }
    }
}

/// "cannot write PATH: why".
/// A file repdesk writes for the owner (an export, a calendar, a config it prints to a file):
/// it holds customers' phones and e-mails, so only its owner may read it (0600), a file already
/// there included.
pub fn private_file(path: &std::path::Path) -> anyhow::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path).map_err(|e| UsageError(cannot_write(path, &e)))?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600)).map_err(|e| UsageError(cannot_write(path, &e)))?;
        Ok(file)
    }
    #[cfg(not(unix))]
    {
        Ok(options.open(path).map_err(|e| UsageError(cannot_write(path, &e)))?)
    }
}

pub fn cannot_write(path: &std::path::Path, e: &std::io::Error) -> Message {
    Message::new("cli.cannot_write").arg("path", path.display()).arg("error", e)
}
