//! One file per subcommand: read the arguments, call the service or store, print.

pub mod backup;
pub mod deal;
pub mod demo;
pub mod export;
pub mod history;
pub mod import;
pub mod lead;
pub mod output;
pub mod render;
pub mod rep;
pub mod schedule;
pub mod settings;

use crate::config::Config;
use crate::domain::clock::Clock;
use crate::store::Store;
use std::path::PathBuf;

/// Bad input from the command line or a file: exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// What every command that touches the database needs.
pub struct Env {
    pub db: PathBuf,
    pub clock: Clock,
    pub config: Config,
}

impl Env {
    /// Opens a database that must already be there: a mistyped `--db` is an error, not a
    /// new empty file that then reports "ok".
    pub fn open_existing(&self, actor: &str) -> anyhow::Result<Store> {
        if !self.db.exists() {
            return Err(UsageError(format!(
                "there is no database at {}; check --db, or make one by opening the app or with `repdesk demo`",
                self.db.display()
            ))
            .into());
        }
        self.open(actor)
    }

    /// Opens the database, creating it when it is not there yet.
    pub fn open(&self, actor: &str) -> anyhow::Result<Store> {
        let mut store = Store::open(&self.db, self.clock)?;
        store.set_actor(actor);
        Ok(store)
    }

    /// The app's context over `store`: the store's clock and the config's currency.
    pub fn app_ctx(&self, store: &Store) -> crate::tui::Ctx {
        crate::tui::Ctx::of(store, &self.config.currency_symbol)
    }

    /// How the command line writes what it prints (money in the config's currency).
    pub fn format(&self) -> output::Format {
        output::Format { currency: self.config.currency_symbol.clone() }
    }
}
