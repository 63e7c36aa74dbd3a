//! The owner's preferences for how things look: language, theme, markers, currency and keys.
//! Business rules that scripts must share with the app live in the database's settings instead.
//!
//! A config file never stops repdesk: a line that does not read is reported with its number
//! and left out, an unknown key is reported with the keys there are, and the rest applies.

use crate::domain::message::Message;
use crate::text::Lang;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How the app is coloured: for a dark or a light terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::EnumString, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "lowercase")]
pub enum Theme {
    #[default]
    Dark,
    Light,
}

/// How states are marked: with symbols, or with ASCII for terminals that draw symbols of
/// ambiguous width (`‼ ● ⚠ ★`, box lines) two columns wide, as many CJK fonts do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::EnumString, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "lowercase")]
pub enum Markers {
    #[default]
    Unicode,
    Ascii,
}

/// The config file as read: each value only when the file sets it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub language: Option<String>,
    pub theme: Option<Theme>,
    pub markers: Option<Markers>,
    pub currency_symbol: Option<String>,
    /// `[keys.<scope>] <action> = "K"` or `["K", "ctrl-k"]`, in the file's order.
    pub keys: Vec<KeyOverride>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    pub scope: String,
    pub action: String,
    pub keys: Vec<String>,
    /// The line of the file it is on, to point at when it cannot be taken.
    pub line: Option<usize>,
}

/// Something in the file that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: Option<usize>,
    pub message: Message,
}

/// The keys a config file may set.
pub const KNOWN: [&str; 5] = ["language", "theme", "markers", "currency_symbol", "keys"];

/// The currency symbol when the file sets none.
pub const DEFAULT_CURRENCY: &str = "¥";

impl Config {
    pub fn currency(&self) -> &str {
        self.currency_symbol.as_deref().unwrap_or(DEFAULT_CURRENCY)
    }

    pub fn theme(&self) -> Theme {
        self.theme.unwrap_or_default()
    }

    pub fn markers(&self) -> Markers {
        self.markers.unwrap_or_default()
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

/// Whether colour is wanted: not when `NO_COLOR` is set to anything (no-color.org).
pub fn colour(env: &dyn Fn(&str) -> Option<String>) -> bool {
    env("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Reads the config at `path`. A missing file is the defaults; a file that cannot be read at
/// all is the defaults with a warning; otherwise whatever reads applies and each line that
/// does not is a warning.
pub fn load(path: &Path) -> (Config, Vec<Warning>) {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
        Err(e) => {
            let message = Message::new("config.unreadable").arg("path", path.display()).arg("error", e);
            (Config::default(), vec![Warning { line: None, message }])
        }
    }
}

/// The line (from 1) a byte offset of `text` is on.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line of `text` on which `key` is set (`key =`), within the table `table` (`keys.leads`)
/// or at the top.
fn line_of_key(text: &str, table: &str, key: &str) -> Option<usize> {
    let mut current = String::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = header.trim().to_string();
        } else if current == table
            && let Some((k, _)) = line.split_once('=')
            && k.trim().trim_matches('"') == key
        {
            return Some(i + 1);
        }
    }
    None
}

/// Parses the text of a config file, leaving out what does not read.
pub fn parse(text: &str) -> (Config, Vec<Warning>) {
    let mut warnings = Vec::new();
    // A line TOML cannot read is left out, and the rest read again, until the rest reads.
    let mut lines: Vec<&str> = text.lines().collect();
    // Each pass blanks one more line, so there are at most as many passes as lines; an error
    // on a line already blank (a string that never closes reports the end of the file) ends it.
    let mut passes = 0;
    let table = loop {
        let joined = lines.join("\n");
        match joined.parse::<toml::Table>() {
            Ok(table) => break table,
            Err(e) => {
                passes += 1;
                let line = e.span().map(|span| line_of(&joined, span.start));
                let blank = line.is_none_or(|l| l == 0 || l > lines.len() || lines[l - 1].trim().is_empty());
                if blank || passes > text.lines().count() {
                    warnings.push(Warning { line, message: Message::new("config.unreadable_text") });
                    break toml::Table::new();
                }
                let line = line.unwrap_or(1);
                let reason = e.message().to_string();
                // Lines are blanked, never removed, so the numbers stay those of the file.
                warnings
                    .push(Warning { line: Some(line), message: Message::new("config.bad_line").arg("error", reason) });
                lines[line - 1] = "";
            }
        }
    };
    let text_now = lines.join("\n");
    let mut config = Config::default();
    for (key, value) in &table {
        let line = line_of_key(&text_now, "", key);
        let wrong = |wanted: &str| Warning {
            line,
            message: Message::new("config.wrong_value").arg("key", key).arg("value", value).arg("wanted", wanted),
        };
        match key.as_str() {
            "language" => match value.as_str().filter(|v| Lang::from_tag(v).is_some()) {
                Some(v) => config.language = Some(v.to_string()),
                None => warnings.push(wrong("en, zh")),
            },
            "theme" => match value.as_str().and_then(|v| v.parse().ok()) {
                Some(v) => config.theme = Some(v),
                None => warnings.push(wrong("dark, light")),
            },
            "markers" => match value.as_str().and_then(|v| v.parse().ok()) {
                Some(v) => config.markers = Some(v),
                None => warnings.push(wrong("unicode, ascii")),
            },
            "currency_symbol" => match value.as_str() {
                Some(v) => config.currency_symbol = Some(v.to_string()),
                None => warnings.push(wrong("\"¥\"")),
            },
            "keys" => match value.as_table() {
                Some(scopes) => read_keys(&text_now, scopes, &mut config, &mut warnings),
                None => warnings.push(wrong("[keys.<screen>]")),
            },
            other => warnings.push(Warning {
                line,
                message: Message::new("config.unknown_key").arg("key", other).arg("known", KNOWN.join(", ")),
            }),
        }
    }
    config.keys.sort_by_key(|o| o.line);
    warnings.sort_by_key(|w| w.line);
    (config, warnings)
}

fn read_keys(text: &str, scopes: &toml::Table, config: &mut Config, warnings: &mut Vec<Warning>) {
    for (scope, actions) in scopes {
        let Some(actions) = actions.as_table() else {
            let line = line_of_key(text, "keys", scope);
            warnings.push(Warning { line, message: Message::new("config.keys_table").arg("scope", scope) });
            continue;
        };
        for (action, keys) in actions {
            let line = line_of_key(text, &format!("keys.{scope}"), action);
            let keys: Option<Vec<String>> = match keys {
                toml::Value::String(k) => Some(vec![k.clone()]),
                toml::Value::Array(list) => list.iter().map(|k| k.as_str().map(str::to_string)).collect(),
                _ => None,
            };
            match keys {
                Some(keys) => {
                    config.keys.push(KeyOverride { scope: scope.clone(), action: action.clone(), keys, line })
                }
                None => warnings.push(Warning {
                    line,
                    message: Message::new("config.keys_value").arg("scope", scope).arg("action", action),
                }),
            }
        }
    }
}

/// A warning as one line of the command line or the status bar.
pub fn warning_text(path: &Path, w: &Warning, cat: &crate::text::Catalogue) -> String {
    match w.line {
        Some(line) => cat.tf(
            "config.warning_line",
            &[("path", &path.display()), ("line", &line), ("message", &w.message.text(cat))],
        ),
        None => cat.tf("config.warning", &[("path", &path.display()), ("message", &w.message.text(cat))]),
    }
}

/// The overrides of the file that the key map takes; each that it refuses is a warning.
pub fn key_map(config: &Config) -> (crate::tui::keymap::KeyMap, Vec<Warning>) {
    use crate::tui::keymap::{KeyError, KeyMap};
    let mut map = KeyMap::default();
    let mut warnings = Vec::new();
    for o in &config.keys {
        if let Err(e) = map.rebind(&o.scope, &o.action, &o.keys) {
            let message = match e {
                KeyError::UnknownScope { scope, known } => {
                    Message::new("config.key_scope").arg("scope", scope).arg("known", known.join(", "))
                }
                KeyError::UnknownAction { scope, action, known } => Message::new("config.key_action")
                    .arg("scope", scope)
                    .arg("action", action)
                    .arg("known", known.join(", ")),
                KeyError::BadKey { key } => Message::new("config.key_bad").arg("key", key),
                KeyError::Clash { key, scope, action } => {
                    Message::new("config.key_clash").arg("key", key).arg("scope", scope).arg("action", action)
                }
            };
            warnings.push(Warning { line: o.line, message });
        }
    }
    (map, warnings)
}

/// Every value in force and where it came from, for `repdesk config show`.
pub fn shown(
    config: &Config,
    keys_in_force: &crate::tui::keymap::KeyMap,
    lang: (Lang, Source),
    colour_on: bool,
    currency_source: Source,
) -> Vec<(String, String, Source)> {
    let set = |v: bool| if v { Source::File } else { Source::Default };
    let mut rows = vec![
        ("language".to_string(), lang.0.code().to_string(), lang.1),
        ("theme".to_string(), <&str>::from(config.theme()).to_string(), set(config.theme.is_some())),
        ("markers".to_string(), <&str>::from(config.markers()).to_string(), set(config.markers.is_some())),
        ("currency_symbol".to_string(), config.currency().to_string(), currency_source),
        (
            "colour".to_string(),
            if colour_on { "on" } else { "off" }.to_string(),
            if colour_on { Source::Default } else { Source::Environment },
        ),
    ];
    let mut keys: BTreeMap<String, String> = BTreeMap::new();
    // The overrides the key map took (a refused one was said when the file was read).
    for o in config.keys.iter().filter(|o| keys_in_force.keys_of(&o.scope, &o.action) == Some(&o.keys[..])) {
        keys.insert(format!("keys.{}.{}", o.scope, o.action), o.keys.join(", "));
    }
    rows.extend(keys.into_iter().map(|(k, v)| (k, v, Source::File)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(w: &[Warning]) -> Vec<&str> {
        w.iter().map(|w| w.message.key).collect()
    }

    #[test]
    fn a_missing_file_is_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let (config, warnings) = load(&dir.path().join("none.toml"));
        assert_eq!(config, Config::default());
        assert!(warnings.is_empty());
        assert_eq!(config.currency(), "¥");
    }

    #[test]
    fn every_value_reads() {
        let (config, warnings) = parse(
            "language = \"zh\"\ntheme = \"light\"\nmarkers = \"ascii\"\ncurrency_symbol = \"$\"\n\n[keys.leads]\nwon = \"W\"\nlog = [\"c\", \"ctrl-l\"]\n",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config.language.as_deref(), Some("zh"));
        assert_eq!((config.theme(), config.markers(), config.currency()), (Theme::Light, Markers::Ascii, "$"));
        assert_eq!(config.keys.len(), 2);
        assert_eq!(config.keys[0].line, Some(7));
        assert_eq!(config.keys[1].keys, vec!["c".to_string(), "ctrl-l".to_string()]);
    }

    #[test]
    fn a_bad_line_is_reported_by_its_number_and_the_rest_applies() {
        let (config, warnings) = parse("theme = \"light\"\ncurrency_symbol = $\nmarkers = \"ascii\"\n");
        assert_eq!(keys(&warnings), ["config.bad_line"]);
        assert_eq!(warnings[0].line, Some(2));
        assert_eq!((config.theme(), config.markers(), config.currency()), (Theme::Light, Markers::Ascii, "¥"));
    }

    #[test]
    fn a_string_that_never_closes_ends_the_reading_instead_of_looping() {
        for text in ["a = \"\"\"x\nb = 1\n", "theme = 'light\nmarkers = \"ascii\"\n", "x = [\n", "[keys.leads\n"] {
            let (config, warnings) = parse(text);
            assert!(!warnings.is_empty(), "{text:?}");
            assert_eq!(config.currency(), "¥");
        }
    }

    #[test]
    fn unknown_keys_and_wrong_values_say_what_there_is() {
        let (config, warnings) = parse("colour = \"blue\"\ntheme = \"pink\"\nlanguage = \"fr\"\n");
        assert_eq!(keys(&warnings).len(), 3);
        let unknown = warnings.iter().find(|w| w.message.key == "config.unknown_key").unwrap();
        assert_eq!(unknown.line, Some(1));
        let text = unknown.message.text(crate::text::Catalogue::en());
        assert!(text.contains("colour") && text.contains("language, theme, markers"), "{text}");
        assert!(warnings.iter().any(|w| w.message.key == "config.wrong_value" && w.line == Some(2)));
        assert_eq!(config, Config::default());
    }

    #[test]
    fn a_key_override_that_cannot_be_taken_is_a_warning_with_its_line() {
        let (config, warnings) =
            parse("[keys.leads]\nwon = \"W\"\nlost = \"c\"\nnope = \"z\"\n[keys.nowhere]\nx = \"y\"\n");
        assert!(warnings.is_empty());
        let (map, refused) = key_map(&config);
        assert_eq!(
            refused.iter().map(|w| (w.message.key, w.line)).collect::<Vec<_>>(),
            [("config.key_clash", Some(3)), ("config.key_action", Some(4)), ("config.key_scope", Some(6))]
        );
        let w =
            crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Char('W'), crossterm::event::KeyModifiers::NONE);
        assert_eq!(map.lookup(crate::tui::keymap::Scope::Leads, &w), Some(crate::tui::keymap::Action::Won));
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
        assert!(!colour(&env(&[("NO_COLOR", "1")])));
        assert!(colour(&env(&[])));
    }
}
