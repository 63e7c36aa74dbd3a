//! The owner's preferences for how things look (currency, language). Business rules that
//! scripts must share with the app live in the database's settings instead.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Put before every amount: `¥`, `$`, `€`, `CHF `.
    pub currency_symbol: String,
    /// The catalogue of texts: `en`.
    pub language: String,
}

impl Default for Config {
    fn default() -> Self {
        Config { currency_symbol: "¥".into(), language: "en".into() }
    }
}

fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "repdesk")
}

/// `config.toml` in the user's config folder.
pub fn default_path() -> PathBuf {
    dirs().map(|d| d.config_dir().join("config.toml")).unwrap_or_else(|| PathBuf::from("repdesk.toml"))
}

/// `repdesk.db` in the user's data folder.
pub fn default_db_path() -> PathBuf {
    dirs().map(|d| d.data_dir().join("repdesk.db")).unwrap_or_else(|| PathBuf::from("repdesk.db"))
}

/// Where the log file goes: the data folder, never the screen.
pub fn log_dir() -> PathBuf {
    dirs().map(|d| d.data_dir().to_path_buf()).unwrap_or_else(|| PathBuf::from("."))
}

/// Reads the config at `path`; a missing file is the defaults, a broken one an error that says where.
pub fn load(path: &Path) -> Result<Config> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text)
            .with_context(|| format!("{} is not a valid repdesk config; fix it or remove it", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_means_defaults_and_unknown_keys_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(&dir.path().join("none.toml")).unwrap(), Config::default());
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "currency_symbol = \"$\"\n").unwrap();
        assert_eq!(load(&path).unwrap().currency_symbol, "$");
        std::fs::write(&path, "currency = \"$\"\n").unwrap();
        assert!(load(&path).is_err());
    }
}
