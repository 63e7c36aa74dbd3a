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
