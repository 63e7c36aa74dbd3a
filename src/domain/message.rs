//! A sentence to say, as data: a key of the catalogue and the values of its `{slots}`. Rules
//! refuse with one and each front end words it in the owner's language (the wording lives in
//! `text`, which rules do not know).

use chrono::NaiveDate;

/// A sentence of the catalogue: its key and the values of its `{slots}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// The value of a slot: text as it is, or something each language writes its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    /// A day, written `Mon 23 Nov` or `11月23日 周一`.
    Day(NaiveDate),
    /// A day with its year (`16 Nov 2025`), for one that may be of another year.
    Date(NaiveDate),
    /// A sentence of its own (why a duplicate matched, who holds it).
    Message(Box<Message>),
    /// A stored word, shown by its label: its kind and the word (`stage`, `won`).
    Label(&'static str, &'static str),
    /// A period, written `November 2026` or `2026年11月`.
    Period(super::period::Period),
}

impl Default for Message {
    /// Nothing to say.
    fn default() -> Message {
        Message::worded("")
    }
}

impl Message {
    pub fn new(key: &'static str) -> Message {
        Message { key, args: Vec::new() }
    }

    pub fn arg(mut self, name: &'static str, value: impl std::fmt::Display) -> Message {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    pub fn day(mut self, name: &'static str, day: NaiveDate) -> Message {
        self.args.push((name, Arg::Day(day)));
        self
    }

    /// A day written with its year.
    pub fn date(mut self, name: &'static str, day: NaiveDate) -> Message {
        self.args.push((name, Arg::Date(day)));
        self
    }

    pub fn part(mut self, name: &'static str, part: Message) -> Message {
        self.args.push((name, Arg::Message(Box::new(part))));
        self
    }

    /// A stored word of kind `kind` (`stage`), shown by its label.
    pub fn word(mut self, name: &'static str, kind: &'static str, word: &'static str) -> Message {
        self.args.push((name, Arg::Label(kind, word)));
        self
    }

    /// A period, in the reader's language.
    pub fn period(mut self, name: &'static str, period: super::period::Period) -> Message {
        self.args.push((name, Arg::Period(period)));
        self
    }

    /// A sentence already worded where it arose (an error of SQLite or of the disk).
    pub fn worded(text: impl Into<String>) -> Message {
        Message::new("error.worded").arg("text", text.into())
    }
}

/// A message as it is kept in a file (the Risks tab's remembered list): keys and slot names as
/// text, read back as the catalogue's own.
#[derive(serde::Serialize, serde::Deserialize)]
struct Kept {
    key: String,
    args: Vec<(String, KeptArg)>,
}

#[derive(serde::Serialize, serde::Deserialize)]
enum KeptArg {
    Text(String),
    Day(NaiveDate),
    Date(NaiveDate),
    Message(Kept),
    Label(String, String),
    Period(super::period::Period),
}

impl From<&Message> for Kept {
    fn from(m: &Message) -> Kept {
        let args = m
            .args
            .iter()
            .map(|(name, arg)| {
                let arg = match arg {
                    Arg::Text(t) => KeptArg::Text(t.clone()),
                    Arg::Day(d) => KeptArg::Day(*d),
                    Arg::Date(d) => KeptArg::Date(*d),
                    Arg::Message(m) => KeptArg::Message(Kept::from(&**m)),
                    Arg::Label(kind, word) => KeptArg::Label(kind.to_string(), word.to_string()),
                    Arg::Period(p) => KeptArg::Period(*p),
                };
                (name.to_string(), arg)
            })
            .collect();
        Kept { key: m.key.to_string(), args }
    }
}

impl From<Kept> for Message {
    fn from(k: Kept) -> Message {
        let args = k
            .args
            .into_iter()
            .map(|(name, arg)| {
                let arg = match arg {
                    KeptArg::Text(t) => Arg::Text(t),
                    KeptArg::Day(d) => Arg::Day(d),
                    KeptArg::Date(d) => Arg::Date(d),
                    KeptArg::Message(m) => Arg::Message(Box::new(m.into())),
                    KeptArg::Label(kind, word) => Arg::Label(interned(&kind), interned(&word)),
                    KeptArg::Period(p) => Arg::Period(p),
                };
                (interned(&name), arg)
            })
            .collect();
        Message { key: interned(&k.key), args }
    }
}

impl serde::Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Kept::from(self).serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Message {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Message, D::Error> {
        Kept::deserialize(d).map(Message::from)
    }
}

/// A key, slot name or stored word read back from a file, as the `&'static str` the code's own
/// are: each distinct one is kept once for the life of the process (the catalogue's few
/// hundred at most).
fn interned(text: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{LazyLock, Mutex};
    static SEEN: LazyLock<Mutex<HashSet<&'static str>>> = LazyLock::new(Default::default);
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(kept) = seen.get(text) {
        return kept;
    }
    let kept: &'static str = Box::leak(text.to_owned().into_boxed_str());
    seen.insert(kept);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_reads_back_as_it_was_kept() {
        let period = super::super::period::Period::Month { year: 2026, month: 11 };
        let m = Message::new("risks.detail.behind_pace")
            .arg("percent", 61)
            .day("due", NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
            .word("metric", "metric", "revenue")
            .period("period", period)
            .part("by", Message::new("risks.match.phone"));
        let json = serde_json::to_string(&m).unwrap();
        let back: Message = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
        let again: Message = serde_json::from_str(&json).unwrap();
        assert!(std::ptr::eq(back.key, again.key), "a key read twice is kept once");
        for text in ["2026-W48", "2026-Q4", "2026", "2026-11-02..2026-11-20"] {
            let period: super::super::period::Period = text.parse().unwrap();
            let m = Message::new("x").period("p", period);
            assert_eq!(serde_json::from_str::<Message>(&serde_json::to_string(&m).unwrap()).unwrap(), m, "{text}");
        }
    }
}
