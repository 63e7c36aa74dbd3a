//! The words CRMs and spreadsheets write for stages, customer levels and channels, read into
//! repdesk's own. The words are data: one table per source under `assets/vocab/`, plus what
//! the owner maps with `--values FIELD:VALUE=WORD`. Matching ignores case, spaces, `_` and `-`.

use super::csv_in::ReadError;
use crate::domain::lead_form::parse_category;
use crate::domain::model::{Category, Channel, Stage};
use crate::domain::rep::parse_channel;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::LazyLock;

/// Each source's table, by name: the tests check each on its own.
pub const SOURCES: &[(&str, &str)] = &[
    ("common", include_str!("../../assets/vocab/common.toml")),
    ("zoho", include_str!("../../assets/vocab/zoho.toml")),
    ("hubspot", include_str!("../../assets/vocab/hubspot.toml")),
    ("salesforce", include_str!("../../assets/vocab/salesforce.toml")),
    ("pipedrive", include_str!("../../assets/vocab/pipedrive.toml")),
    ("chinese", include_str!("../../assets/vocab/chinese.toml")),
];

/// The fields whose values are words, as `--values` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WordField {
    Stage,
    Category,
    Channel,
}

impl WordField {
    pub fn name(self) -> &'static str {
        match self {
            WordField::Stage => "stage",
            WordField::Category => "category",
            WordField::Channel => "channel",
        }
    }

    /// The words the field takes, as the report offers them.
    pub fn words(self) -> &'static str {
        match self {
            WordField::Stage => "new, contacted, qualified, proposal, won, lost",
            WordField::Category => "prospect, new, loyal, dormant, vip",
            WordField::Channel => "field, phone, online, store",
        }
    }

    fn parse(name: &str) -> Option<WordField> {
        match name.trim().to_lowercase().as_str() {
            "stage" | "status" => Some(WordField::Stage),
            "category" => Some(WordField::Category),
            "channel" => Some(WordField::Channel),
            _ => None,
        }
    }
}

/// A value as it is compared: lower case, without spaces, `_` or `-`.
pub fn normalise(value: &str) -> String {
    value.chars().filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-')).flat_map(char::to_lowercase).collect()
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    stage: HashMap<String, Stage>,
    category: HashMap<String, Category>,
    channel: HashMap<String, Channel>,
}

#[derive(Debug, serde::Deserialize)]
struct SourceFile {
    #[serde(default)]
    stage: HashMap<String, String>,
    #[serde(default)]
    category: HashMap<String, String>,
    #[serde(default)]
    channel: HashMap<String, String>,
}

impl SourceFile {
    fn sections(&self) -> [(WordField, &HashMap<String, String>); 3] {
        [(WordField::Stage, &self.stage), (WordField::Category, &self.category), (WordField::Channel, &self.channel)]
    }
}

/// One source's table, or why it does not read (a test keeps every shipped table readable).
pub fn source(text: &str) -> Result<Vocabulary, String> {
    let file: SourceFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut v = Vocabulary::default();
    for (field, words) in file.sections() {
        for (value, word) in words {
            v.insert(field, value, word).map_err(|e| format!("{value} = {word}: {e}"))?;
        }
    }
    Ok(v)
}

static STANDARD: LazyLock<Vocabulary> = LazyLock::new(|| {
    let mut all = Vocabulary::default();
    // A table that does not read is caught by the tests; a build never ships one.
    for (_, text) in SOURCES {
        if let Ok(one) = source(text) {
            all.stage.extend(one.stage);
            all.category.extend(one.category);
            all.channel.extend(one.channel);
        }
    }
    all
});

impl Vocabulary {
    /// Every source's words, with the owner's `--values` over them.
    pub fn with_values(values: &[String]) -> Result<Vocabulary, ReadError> {
        let mut v = STANDARD.clone();
        for item in values.iter().filter(|o| !o.trim().is_empty()) {
            let bad = || ReadError::BadValues(item.clone());
            let (field, rest) = item.split_once(':').ok_or_else(bad)?;
            let (value, word) = rest.rsplit_once('=').ok_or_else(bad)?;
            let field = WordField::parse(field).ok_or_else(bad)?;
            let value = value.trim().trim_matches(['"', '\'']);
            v.insert(field, value, word.trim()).map_err(|_| ReadError::BadValueWord {
                item: item.clone(),
                field: field.name(),
                words: field.words(),
            })?;
        }
        Ok(v)
    }

    fn insert(&mut self, field: WordField, value: &str, word: &str) -> Result<(), String> {
        let key = normalise(value);
        let unknown = || format!("'{word}' is not a {} word", field.name());
        match field {
            WordField::Stage => self.stage.insert(key, Stage::from_str(word).map_err(|_| unknown())?).map(|_| ()),
            WordField::Category => {
                self.category.insert(key, Category::from_str(word).map_err(|_| unknown())?).map(|_| ())
            }
            WordField::Channel => self.channel.insert(key, Channel::from_str(word).map_err(|_| unknown())?).map(|_| ()),
        };
        Ok(())
    }

    /// A stage word of any source: repdesk's own, the owner's, then the tables.
    pub fn stage(&self, text: &str) -> Option<Stage> {
        Stage::from_str(text.trim()).ok().or_else(|| self.stage.get(&normalise(text)).copied())
    }

    pub fn category(&self, text: &str) -> Option<Category> {
        self.category.get(&normalise(text)).copied().or_else(|| parse_category(text))
    }

    pub fn channel(&self, text: &str) -> Option<Channel> {
        self.channel.get(&normalise(text)).copied().or_else(|| parse_channel(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str) -> Vocabulary {
        let text = SOURCES.iter().find(|(n, _)| *n == name).unwrap().1;
        source(text).unwrap_or_else(|e| panic!("assets/vocab/{name}.toml: {e}"))
    }

    #[test]
    fn every_table_reads_and_no_two_sources_disagree() {
        let mut seen: HashMap<(WordField, String), (String, &str)> = HashMap::new();
        for (name, text) in SOURCES {
            let file: SourceFile = toml::from_str(text).unwrap();
            table(name);
            for (field, words) in file.sections() {
                for (value, word) in words {
                    let key = (field, normalise(value));
                    if let Some((other, source)) = seen.get(&key) {
                        assert_eq!(other, word, "{value}: {source} says {other}, {name} says {word}");
                    }
                    seen.insert(key, (word.clone(), name));
                }
            }
        }
    }

    #[test]
    fn zoho() {
        let v = table("zoho");
        for lost in ["Lost Lead", "Junk Lead", "Not Qualified", "Closed Lost"] {
            assert_eq!(v.stage(lost), Some(Stage::Lost), "{lost}");
        }
        assert_eq!(v.stage("Attempted to Contact"), Some(Stage::Contacted));
        assert_eq!(v.stage("Pre-Qualified"), Some(Stage::Qualified));
        assert_eq!(v.stage("Closed Won"), Some(Stage::Won));
    }

    #[test]
    fn hubspot_api_words_and_labels() {
        let v = table("hubspot");
        assert_eq!(v.stage("IN_PROGRESS"), Some(Stage::Contacted));
        assert_eq!(v.stage("in progress"), Some(Stage::Contacted));
        assert_eq!(v.stage("ATTEMPTED_TO_CONTACT"), Some(Stage::Contacted));
        assert_eq!(v.stage("UNQUALIFIED"), Some(Stage::Lost));
        assert_eq!(v.stage("OPEN_DEAL"), v.stage("Open Deal"));
        assert_eq!(v.stage("salesqualifiedlead"), v.stage("Sales Qualified Lead"));
        assert_eq!(v.stage("closedwon"), Some(Stage::Won));
    }

    #[test]
    fn salesforce() {
        let v = table("salesforce");
        assert_eq!(v.stage("Open - Not Contacted"), Some(Stage::New));
        assert_eq!(v.stage("Working - Contacted"), Some(Stage::Contacted));
        assert!(v.stage("Id. Decision Makers").is_some_and(Stage::is_open));
        assert!(v.stage("Value Proposition").is_some_and(Stage::is_open));
        assert_eq!(v.stage("Closed - Not Converted"), Some(Stage::Lost));
        assert_eq!(v.stage("Closed Won"), Some(Stage::Won));
    }

    #[test]
    fn pipedrive() {
        let v = table("pipedrive");
        assert_eq!(v.stage("Proposal Made"), Some(Stage::Proposal));
        assert_eq!(v.stage("Contact Made"), Some(Stage::Contacted));
        assert!(v.stage("open").is_some_and(Stage::is_open), "open is no outcome");
        assert_eq!(v.stage("lost"), Some(Stage::Lost));
    }

    #[test]
    fn chinese() {
        let v = table("chinese");
        for (word, stage) in [
            ("初步接洽", Stage::Contacted),
            ("需求确定", Stage::Qualified),
            ("方案报价", Stage::Proposal),
            ("谈判审核", Stage::Proposal),
            ("赢单", Stage::Won),
            ("已成交", Stage::Won),
            ("输单", Stage::Lost),
        ] {
            assert_eq!(v.stage(word), Some(stage), "{word}");
        }
        assert!(v.stage("未成交").is_some_and(Stage::is_open));
        for vip in ["VIP客户", "重要客户", "大客户"] {
            assert_eq!(v.category(vip), Some(Category::Vip), "{vip}");
        }
        assert_eq!(v.category("普通客户"), Some(Category::Prospect));
        assert_eq!(v.channel("电销"), Some(Channel::Phone));
    }

    #[test]
    fn common_words_and_matching() {
        let v = Vocabulary::with_values(&[]).unwrap();
        assert_eq!(v.stage("closed-won"), Some(Stage::Won));
        assert_eq!(v.stage("  CLOSED_LOST "), Some(Stage::Lost));
        assert_eq!(v.stage("Sideways"), None);
        assert_eq!(v.channel("walk-in"), Some(Channel::Store));
        assert_eq!(v.category("VIP"), Some(Category::Vip));
    }

    #[test]
    fn the_owner_maps_values_of_their_own() {
        let v =
            Vocabulary::with_values(&["stage:\"Waiting for Budget\"=qualified".into(), "channel:Kiosk=store".into()])
                .unwrap();
        assert_eq!(v.stage("waiting for budget"), Some(Stage::Qualified));
        assert_eq!(v.channel("KIOSK"), Some(Channel::Store));
        assert!(matches!(Vocabulary::with_values(&["stage:x=maybe".into()]), Err(ReadError::BadValueWord { .. })));
        assert!(matches!(Vocabulary::with_values(&["x=won".into()]), Err(ReadError::BadValues(_))));
        assert!(matches!(Vocabulary::with_values(&["owner:x=won".into()]), Err(ReadError::BadValues(_))));
    }
}
