//! The catalogue of every user-visible text of the app and its reports, and the way each
//! language writes dates. A language is one TOML file in `assets/i18n/` and a variant of `Lang`.

pub mod review;

use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

/// A language of the interface. Its catalogue is a file of `assets/i18n/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The language a tag names: `en`, `zh`, `zh-CN`, a locale such as `zh_CN.UTF-8` (anything
    /// beginning `zh` is Chinese, anything beginning `en` English); `None` for any other.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        if tag.starts_with("zh") {
            Some(Lang::Zh)
        } else if tag.starts_with("en") || tag == "c" || tag == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        self.into()
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../assets/i18n/en.toml"),
            Lang::Zh => include_str!("../assets/i18n/zh.toml"),
        }
    }
}

/// The texts of one language. Each language is parsed once and lives as long as the program;
/// which one a screen or a command uses is its context's choice, so two can be used side by side.
#[derive(Debug)]
pub struct Catalogue {
    pub lang: Lang,
    texts: HashMap<String, String>,
}

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

fn fill(text: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut text = text.to_string();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), &value.to_string());
    }
    text
}

/// A word a value is stored as, shown in the owner's language: the catalogue's
/// `label.<kind>.<word>` (`label.stage.won` is "won" or "赢单"). Forms show labels and store the
/// same words as ever.
pub trait Label: Copy {
    /// The catalogue table of this kind of word: `stage`, `location`.
    const KIND: &'static str;
    /// The word as stored.
    fn word(self) -> &'static str;
}

macro_rules! label {
    ($($ty:ty => $kind:literal),+ $(,)?) => {
        $(impl Label for $ty {
            const KIND: &'static str = $kind;
            fn word(self) -> &'static str {
                self.into()
            }
        })+
    };
}

use crate::domain::model::{ActivityKind, Category, Channel, Employment, Location, Metric, ShiftStatus, Stage};
label!(
    Stage => "stage",
    Category => "category",
    ActivityKind => "activity",
    Location => "location",
    Channel => "channel",
    ShiftStatus => "shift",
    Employment => "employment",
    Metric => "metric",
);

impl Label for crate::domain::model::Outcome {
    const KIND: &'static str = "outcome";
    fn word(self) -> &'static str {
        self.as_str()
    }
}

impl Label for crate::domain::period::PeriodKind {
    const KIND: &'static str = "period_kind";
    fn word(self) -> &'static str {
        self.as_str()
    }
}

impl crate::domain::message::Message {
    /// A stored word shown by its label (see [`Label`]).
    pub fn label<L: Label>(self, name: &'static str, value: L) -> Self {
        self.word(name, L::KIND, value.word())
    }

    /// The sentence in `cat`'s language.
    pub fn text(&self, cat: &Catalogue) -> String {
        use crate::domain::message::Arg;
        let args: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Arg::Text(text) => text.clone(),
                    Arg::Day(d) => cat.day(*d),
                    Arg::Date(d) => cat.day_month_year(*d),
                    Arg::Message(m) => m.text(cat),
                    Arg::Label(kind, word) => cat.label_of(kind, word).to_string(),
                    Arg::Period(p) => cat.period(p),
                };
                (*k, v)
            })
            .collect();
        cat.summary(self.key, args.iter().map(|(k, v)| (*k, v.as_str())))
    }
}

impl std::fmt::Display for crate::domain::message::Message {
    /// In English; front ends word it in the owner's language with `text`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Catalogue::en()))
    }
}

/// The rules' refusals in English, for logs and for errors no front end words: each front end
/// words them in the owner's language from their [`Message`](crate::domain::message::Message).
macro_rules! worded_in_english {
    ($($ty:ty),+) => {
        $(impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.message().text(Catalogue::en()))
            }
        })+
    };
}

worded_in_english!(
    crate::domain::period::DateError,
    crate::domain::period::PeriodError,
    crate::domain::money::MoneyParseError,
    crate::domain::lead::ClaimRefused,
    crate::store::StoreError,
    crate::interchange::csv_in::ReadError
);

impl std::fmt::Display for crate::domain::rep::ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

const WEEKDAYS: [&str; 7] =
    ["weekday.mon", "weekday.tue", "weekday.wed", "weekday.thu", "weekday.fri", "weekday.sat", "weekday.sun"];
const MONTHS: [&str; 12] = [
    "month.jan",
    "month.feb",
    "month.mar",
    "month.apr",
    "month.may",
    "month.jun",
    "month.jul",
    "month.aug",
    "month.sep",
    "month.oct",
    "month.nov",
    "month.dec",
];
const MONTH_NAMES: [&str; 12] = [
    "month.long.jan",
    "month.long.feb",
    "month.long.mar",
    "month.long.apr",
    "month.long.may",
    "month.long.jun",
    "month.long.jul",
    "month.long.aug",
    "month.long.sep",
    "month.long.oct",
    "month.long.nov",
    "month.long.dec",
];

impl Catalogue {
    /// The catalogue of `lang`, parsed on first use.
    pub fn of(lang: Lang) -> &'static Catalogue {
        static EN: OnceLock<Catalogue> = OnceLock::new();
        static ZH: OnceLock<Catalogue> = OnceLock::new();
        let cell = match lang {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        };
        cell.get_or_init(|| Catalogue { lang, texts: parse(lang.source()).unwrap_or_default() })
    }

    /// English, the default.
    pub fn en() -> &'static Catalogue {
        Catalogue::of(Lang::En)
    }

    /// The text for `key`; a missing key shows itself, so it is seen and fixed (a test checks none is).
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.texts.get(key).map(String::as_str).unwrap_or(key)
    }

    /// The text for `key` when this catalogue has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.texts.get(key).map(String::as_str)
    }

    /// The text for `key` with its `{name}` slots filled.
    pub fn tf(&self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        fill(self.t(key), args)
    }

    /// The text of a key read from data (a change's summary) with its `{name}` slots filled; a key
    /// this build does not know shows itself with its arguments.
    pub fn summary<'a>(&self, key: &str, args: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
        let args: Vec<(&str, &str)> = args.into_iter().collect();
        match self.texts.get(key) {
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

    /// A stored word in this language (see [`Label`]); a word the catalogue lacks shows as it is.
    pub fn label<L: Label>(&self, value: L) -> &str {
        self.label_of(L::KIND, value.word())
    }

    /// The label of `word` of kind `kind`, for a word known only as text.
    pub fn label_of<'a>(&'a self, kind: &str, word: &'a str) -> &'a str {
        self.texts.get(&format!("label.{kind}.{word}")).map(String::as_str).unwrap_or(word)
    }

    /// The short name of a weekday, Monday first (0).
    pub fn weekday_name(&self, monday_first: usize) -> &str {
        self.t(WEEKDAYS[monday_first % 7])
    }

    fn date_with(&self, key: &str, d: NaiveDate) -> String {
        let month = d.month0() as usize;
        self.tf(
            key,
            &[
                ("wd", &self.weekday_name(d.weekday().num_days_from_monday() as usize)),
                ("d", &d.day()),
                ("m", &d.month()),
                ("mon", &self.t(MONTHS[month])),
                ("month", &self.t(MONTH_NAMES[month])),
                ("y", &d.year()),
            ],
        )
    }

    /// A day with its weekday: `Mon 23 Nov`, `11月23日 周一`.
    pub fn day(&self, d: NaiveDate) -> String {
        self.date_with("date.day", d)
    }

    /// A day without its weekday: `23 Nov`, `11月23日`.
    pub fn day_month(&self, d: NaiveDate) -> String {
        self.date_with("date.day_month", d)
    }

    /// A day in a narrow column of a list: `23 Nov`, `11/23`.
    pub fn short_day(&self, d: NaiveDate) -> String {
        self.date_with("date.short", d)
    }

    /// A day with its year: `23 Nov 2026`, `2026年11月23日`.
    pub fn day_month_year(&self, d: NaiveDate) -> String {
        self.date_with("date.day_month_year", d)
    }

    /// A column of a week: `Mon 23`, `周一 23日`.
    pub fn weekday_day(&self, d: NaiveDate) -> String {
        self.date_with("date.weekday_day", d)
    }

    /// A day as a column of a week is headed, in 7 columns: `Mon 23`, `周一 23`.
    pub fn column_day(&self, d: NaiveDate) -> String {
        self.date_with("date.column_day", d)
    }

    /// The weekday alone: `Mon`, `周一`.
    pub fn weekday(&self, d: NaiveDate) -> &str {
        self.weekday_name(d.weekday().num_days_from_monday() as usize)
    }

    /// `today`, `5d ago`, `in 2d` (`今天`, `5天前`); `—` for none.
    pub fn days_ago(&self, day: Option<NaiveDate>, today: NaiveDate) -> String {
        match day {
            None => "—".into(),
            Some(d) => match (today - d).num_days() {
                0 => self.t("time.today").into(),
                n if n > 0 => self.tf("time.days_ago", &[("n", &n)]),
                n => self.tf("time.in_days", &[("n", &-n)]),
            },
        }
    }

    /// A period for a title: `November 2026`, `Week 48 2026`, `2026-Q4` (`2026年11月`,
    /// `2026年第48周`, `2026年第4季度`).
    pub fn period(&self, period: &crate::domain::period::Period) -> String {
        use crate::domain::period::Period;
        match period {
            Period::Week { year, week } => self.tf("period.week", &[("week", week), ("year", year)]),
            Period::Month { .. } => self.month_year(period.first_day()),
            Period::Quarter { year, quarter } => self.tf("period.quarter", &[("quarter", quarter), ("year", year)]),
            Period::Year(year) => self.tf("period.year", &[("year", year)]),
            Period::Range { from, to } => {
                self.tf("period.range", &[("from", &self.day_month_year(*from)), ("to", &self.day_month_year(*to))])
            }
        }
    }

    /// An honour as a rep's record words it: `top revenue, November 2026 (¥12,000)`; `money`
    /// writes an amount as the screen or command does.
    pub fn honour(
        &self,
        period: &crate::domain::period::Period,
        metric: crate::domain::model::Metric,
        value: i64,
        money: &dyn Fn(crate::domain::money::Money) -> String,
    ) -> String {
        use crate::domain::model::Metric;
        let value = match metric {
            Metric::Revenue | Metric::RevenuePerHour => money(crate::domain::money::Money(value)),
            Metric::Conversion => format!("{value}%"),
            _ => value.to_string(),
        };
        self.tf("honours.line", &[("metric", &self.label(metric)), ("period", &self.period(period)), ("value", &value)])
    }

    /// What a risk flag is about, as a list names it: a lead, a rep, a slot (`Thu 26 store
    /// 09:00–13:00`), a team, the business.
    pub fn risk_subject(&self, f: &crate::domain::risk::Flag) -> String {
        match f.subject.kind() {
            "business" => self.t("goals.team").to_string(),
            "team" => self.tf("goals.of_team", &[("team", &f.subject.name)]),
            // `slot:2026-11-26:store:09:00-13:00`: the day, the place, the hours.
            "slot" => {
                let mut parts = f.subject.key.splitn(3, ':').skip(1);
                let day = parts.next().and_then(|d| d.parse().ok());
                let (place, span) = parts.next().and_then(|rest| rest.split_once(':')).unwrap_or_default();
                match day {
                    Some(day) => {
                        format!(
                            "{} {} {}",
                            self.weekday_day(day),
                            self.label_of("location", place),
                            span.replace('-', "–")
                        )
                    }
                    None => f.subject.key.clone(),
                }
            }
            _ if f.subject.name.is_empty() => f.subject.key.clone(),
            _ => f.subject.name.clone(),
        }
    }

    /// A month: `November 2026`, `2026年11月`.
    pub fn month_year(&self, d: NaiveDate) -> String {
        self.date_with("date.month_year", d)
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
        for lang in <Lang as strum::IntoEnumIterator>::iter() {
            let code = lang.code();
            let cat = parse(lang.source()).unwrap_or_else(|e| panic!("{code}: {e}"));
            let missing: Vec<_> = used.iter().filter(|k| !cat.contains_key(k.as_str())).collect();
            assert!(missing.is_empty(), "{code} lacks {missing:?}");
        }
    }

    /// Every string literal that looks like a catalogue key: `section.name`, where the section
    /// is one of the catalogue's own (so file names and SQL never count).
    fn collect_keys(dir: &Path, out: &mut Vec<String>) {
        let sections: Vec<String> = parse(Lang::En.source())
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
                    // A file name is not a key, whatever its stem (`config.toml`).
                    let file =
                        [".toml", ".db", ".csv", ".log", ".json", ".ics", ".xlsx"].iter().any(|e| piece.ends_with(e));
                    let looks_like_key = !file
                        && piece.contains('.')
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
        assert_eq!(Catalogue::en().tf("status.saved", &[("what", &"Alice")]), "Saved Alice.");
    }

    #[test]
    fn two_languages_side_by_side() {
        let (en, zh) = (Catalogue::of(Lang::En), Catalogue::of(Lang::Zh));
        assert_ne!(en.t("tabs.leads"), zh.t("tabs.leads"));
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(en.day(day), "Mon 23 Nov");
        assert_eq!(zh.day(day), "11月23日 周一");
        assert_eq!(en.month_year(day), "November 2026");
        assert_eq!(zh.month_year(day), "2026年11月");
        assert_eq!(zh.day_month(day), "11月23日");
    }

    /// Every language has every key of English, and no other, with the same slots: a sentence
    /// can be reworded, never lose what it names. Dates are exempt: each language picks the
    /// parts of a date it writes.
    #[test]
    fn every_language_has_the_keys_and_slots_of_english() {
        let slots = |text: &str| {
            let mut found: Vec<String> =
                text.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(name, _)| name.to_string())).collect();
            found.sort();
            found.dedup();
            found
        };
        let en = parse(Lang::En.source()).unwrap();
        for lang in <Lang as strum::IntoEnumIterator>::iter() {
            let other = parse(lang.source()).unwrap();
            let mut missing: Vec<&String> = en.keys().filter(|k| !other.contains_key(*k)).collect();
            // The command line's English is its doc comments; other languages have `clap.*`.
            let mut extra: Vec<&String> =
                other.keys().filter(|k| !en.contains_key(*k) && !k.starts_with("clap.")).collect();
            missing.sort();
            extra.sort();
            assert!(missing.is_empty() && extra.is_empty(), "{lang:?} lacks {missing:?}, has extra {extra:?}");
            for (key, text) in &en {
                if !key.starts_with("date.") {
                    assert_eq!(slots(text), slots(&other[key]), "{lang:?} {key}");
                }
            }
        }
    }

    /// Every word of every labelled kind has its label in every language.
    #[test]
    fn every_word_has_a_label() {
        use strum::IntoEnumIterator;
        fn all<L: Label + IntoEnumIterator>(out: &mut Vec<String>) {
            out.extend(L::iter().map(|v| format!("label.{}.{}", L::KIND, v.word())));
        }
        let mut keys = Vec::new();
        all::<Stage>(&mut keys);
        all::<Category>(&mut keys);
        all::<ActivityKind>(&mut keys);
        all::<Location>(&mut keys);
        all::<Channel>(&mut keys);
        all::<ShiftStatus>(&mut keys);
        all::<Employment>(&mut keys);
        all::<Metric>(&mut keys);
        keys.extend(["open", "won", "lost"].map(|w| format!("label.outcome.{w}")));
        keys.extend(["week", "month", "quarter", "year"].map(|w| format!("label.period_kind.{w}")));
        for lang in <Lang as strum::IntoEnumIterator>::iter() {
            let cat = parse(lang.source()).unwrap();
            let missing: Vec<_> = keys.iter().filter(|k| !cat.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        }
        assert_eq!(Catalogue::of(Lang::Zh).label(Stage::Won), "赢单");
        assert_eq!(Catalogue::en().label(Category::Vip), "VIP");
    }

    #[test]
    fn tags_choose_a_language() {
        assert_eq!(Lang::from_tag("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh-TW"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_tag("C"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr_FR.UTF-8"), None);
    }
}
