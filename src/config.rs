//! The owner's preferences for how things look (currency, language). Business rules that
//! scripts must share with the app live in the database's settings instead.

use crate::text::Lang;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Put before every amount: `¥`, `$`, `€`, `CHF `.
    pub currency_symbol: String,
    /// The language of the screens: `en` or `zh`; unset, the locale decides.
    pub language: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config { currency_symbol: "¥".into(), language: None }
    }
}

/// Where a value in force came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Source {
    Default,
    File,
    Database,
    Environment,
    Flag,
}

/// The language: `--lang`, then the config file, then `LC_ALL`, `LC_MESSAGES`, `LANG` (the
/// first one set; anything beginning `zh` is Chinese), then English.
pub fn language(flag: Option<&str>, file: Option<&str>, env: &dyn Fn(&str) -> Option<String>) -> (Lang, Source) {
    if let Some(lang) = flag.and_then(Lang::from_tag) {
        return (lang, Source::Flag);
    }
    if let Some(lang) = file.and_then(Lang::from_tag) {
        return (lang, Source::File);
    }
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(value) = env(name).filter(|v| !v.is_empty()) {
            return (Lang::from_tag(&value).unwrap_or_default(), Source::Environment);
        }
    }
    (Lang::En, Source::Default)
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

    #[test]
    fn the_language_is_the_flag_then_the_file_then_the_locale() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        let zh_locale = env(&[("LANG", "zh_CN.UTF-8")]);
        assert_eq!(language(None, None, &zh_locale), (Lang::Zh, Source::Environment));
        assert_eq!(language(None, None, &env(&[("LANG", "en_US.UTF-8")])), (Lang::En, Source::Environment));
        assert_eq!(language(None, Some("en"), &zh_locale), (Lang::En, Source::File));
        assert_eq!(language(Some("zh"), Some("en"), &zh_locale), (Lang::Zh, Source::Flag));
        // LC_ALL wins over LANG, as in every program that reads the locale.
        assert_eq!(language(None, None, &env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])).0, Lang::En);
        assert_eq!(language(None, None, &env(&[])), (Lang::En, Source::Default));
    }
}
