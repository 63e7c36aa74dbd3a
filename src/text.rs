//! The catalogue of every user-visible text of the app and its reports. A language is one
//! TOML file in `assets/i18n/`; adding one adds a file and a line in `LANGUAGES`.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

/// Built-in catalogues: language code and file.
pub const LANGUAGES: &[(&str, &str)] = &[("en", include_str!("../assets/i18n/en.toml"))];

static CATALOGUE: OnceLock<HashMap<String, String>> = OnceLock::new();

/// Flattens nested tables into dotted keys: `[leads] title = …` is `leads.title`.
fn flatten(prefix: &str, value: &toml::Value, out: &mut HashMap<String, String>) {
    match value {
        toml::Value::Table(table) => {
            for (k, v) in table {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, out);
            }
        }
        toml::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

/// Parses one catalogue file.
pub fn parse(source: &str) -> Result<HashMap<String, String>, toml::de::Error> {
    let value: toml::Value = toml::from_str(source)?;
    let mut out = HashMap::new();
    flatten("", &value, &mut out);
    Ok(out)
}

/// Chooses the language once, at start; an unknown language falls back to English.
pub fn init(language: &str) {
    let source = LANGUAGES.iter().find(|(code, _)| *code == language).unwrap_or(&LANGUAGES[0]).1;
    let _ = CATALOGUE.set(parse(source).unwrap_or_default());
}

fn catalogue() -> &'static HashMap<String, String> {
    CATALOGUE.get_or_init(|| parse(LANGUAGES[0].1).unwrap_or_default())
}

/// The text for `key`; a missing key shows itself, so it is seen and fixed (a test checks none is).
pub fn t(key: &'static str) -> &'static str {
    catalogue().get(key).map(String::as_str).unwrap_or(key)
}

/// The text for `key` with its `{name}` slots filled.
pub fn tf(key: &'static str, args: &[(&str, &dyn Display)]) -> String {
    let mut text = t(key).to_string();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), &value.to_string());
    }
    text
}

/// The text of a key read from data (a change's summary) with its `{name}` slots filled; a key
/// this build does not know shows itself with its arguments.
pub fn summary<'a>(key: &str, args: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let args: Vec<(&str, &str)> = args.into_iter().collect();
    match catalogue().get(key) {
        Some(text) => {
            let mut text = text.clone();
            for (name, value) in &args {
                text = text.replace(&format!("{{{name}}}"), value);
            }
            text
        }
        None => {
            let shown: Vec<String> = args.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("{key} {}", shown.join(" ")).trim_end().to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Every catalogue key the source uses exists in every catalogue.
    #[test]
    fn every_key_used_exists_in_every_language() {
        let mut used = Vec::new();
        collect_keys(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path(), &mut used);
        assert!(used.len() > 50, "found only {} keys", used.len());
        for (code, source) in LANGUAGES {
            let cat = parse(source).unwrap_or_else(|e| panic!("{code}: {e}"));
            let missing: Vec<_> = used.iter().filter(|k| !cat.contains_key(k.as_str())).collect();
            assert!(missing.is_empty(), "{code} lacks {missing:?}");
        }
    }

    /// Every string literal that looks like a catalogue key: `section.name`, where the section
    /// is one of the catalogue's own (so file names and SQL never count).
    fn collect_keys(dir: &Path, out: &mut Vec<String>) {
        let sections: Vec<String> = parse(LANGUAGES[0].1)
            .unwrap()
            .keys()
            .map(|k| k.split('.').next().unwrap_or_default().to_string())
            .collect();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect_keys(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                // The first argument of every call of `t` or `tf` (not `format(` and the like).
                for marker in ["t(\"", "tf(\""] {
                    let mut rest = text.as_str();
                    while let Some(at) = rest.find(marker) {
                        let before = rest[..at].chars().next_back();
                        let after = &rest[at + marker.len()..];
                        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                            && let Some(end) = after.find('"')
                        {
                            out.push(after[..end].to_string());
                        }
                        rest = after;
                    }
                }
                for piece in text.split('"').skip(1).step_by(2) {
                    let looks_like_key = piece.contains('.')
                        && piece.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                        && !piece.ends_with('.')
                        && sections.iter().any(|s| piece.split('.').next() == Some(s.as_str()));
                    if looks_like_key {
                        out.push(piece.to_string());
                    }
                }
            }
        }
    }

    #[test]
    fn slots_are_filled() {
        assert_eq!(tf("status.saved", &[("what", &"Alice")]), "Saved Alice.");
    }
}
