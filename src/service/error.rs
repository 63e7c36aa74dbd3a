//! What a use case answers when it does not do what was asked: a typed error that names the
//! field it is about (a form marks it), carries a catalogue key with its arguments (each front
//! end words it, in the user's language), and has a kind, usage or runtime, that alone decides
//! the exit code of the command line.

use crate::domain::rep::ValidationError;
use crate::store::StoreError;
use crate::store::changes::Blocked;
use crate::text::Catalogue;
use chrono::NaiveDate;

pub use crate::domain::error::ErrorKind as Kind;

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
    /// A stored word, shown by its label: its kind and the word (see [`crate::text::Label`]).
    Label(&'static str, &'static str),
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

    pub fn label<L: crate::text::Label>(mut self, name: &'static str, value: L) -> Message {
        self.args.push((name, Arg::Label(L::KIND, value.word())));
        self
    }

    pub fn part(mut self, name: &'static str, part: Message) -> Message {
        self.args.push((name, Arg::Message(Box::new(part))));
        self
    }

    /// A sentence already worded by the rule that refused (domain validation, which speaks
    /// English until those rules carry keys of their own).
    pub fn worded(text: impl Into<String>) -> Message {
        Message::new("error.worded").arg("text", text.into())
    }

    /// The sentence in `cat`'s language.
    pub fn text(&self, cat: &Catalogue) -> String {
        let args: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Arg::Text(text) => text.clone(),
                    Arg::Day(d) => cat.day(*d),
                    Arg::Message(m) => m.text(cat),
                    Arg::Label(kind, word) => cat.label_of(kind, word).to_string(),
                };
                (*k, v)
            })
            .collect();
        cat.summary(self.key, args.iter().map(|(k, v)| (*k, v.as_str())))
    }
}

impl std::fmt::Display for Message {
    /// In English; front ends word it in the owner's language with [`Message::text`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Catalogue::en()))
    }
}

/// What went wrong, typed. Its `Display` is English (for logs); each front end words it in
/// the owner's language with [`Error::text`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value given does not hold; `field` is the one to mark.
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: Message },
    /// What is stored says no: a duplicate, a protected lead, a stage already reached.
    #[error("{message}")]
    Conflict { field: Option<&'static str>, message: Message },
    /// Something named is not there.
    #[error("{}", Message::new("error.not_found").arg("entity", entity).arg("key", key))]
    NotFound { entity: &'static str, key: String },
    /// An undo that cannot be done, and why.
    #[error("{}", crate::service::history::refusal_text(Catalogue::en(), *id, blocked))]
    Undo { id: i64, blocked: Box<Blocked> },
    /// The store failed: busy, the disk, a file from a newer repdesk.
    #[error(transparent)]
    Store(StoreError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn invalid(field: &'static str, message: Message) -> Error {
        Error::Invalid { field, message }
    }

    pub fn conflict(field: Option<&'static str>, message: Message) -> Error {
        Error::Conflict { field, message }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Error::Invalid { .. } | Error::Conflict { .. } | Error::NotFound { .. } | Error::Undo { .. } => Kind::Usage,
            Error::Store(e) => e.kind(),
        }
    }

    /// The error in `cat`'s language, a refused value after the name of its field (the
    /// command line's flag); a form marks the field and shows the message alone.
    pub fn text(&self, cat: &Catalogue) -> String {
        match self {
            Error::Invalid { field, message } => format!("{field}: {}", message.text(cat)),
            Error::Conflict { message, .. } => message.text(cat),
            Error::NotFound { entity, key } => {
                Message::new("error.not_found").arg("entity", entity).arg("key", key).text(cat)
            }
            Error::Undo { id, blocked } => crate::service::history::refusal_text(cat, *id, blocked),
            Error::Store(e) => e.to_string(),
        }
    }

    /// The field a form should mark, when the error is about one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::Conflict { field, .. } => *field,
            _ => None,
        }
    }
}

/// An error and its context as one line; a typed error of the service in `cat`'s language.
pub fn sentence(e: &anyhow::Error, cat: &Catalogue) -> String {
    let mut parts = Vec::new();
    for cause in e.chain() {
        if let Some(typed) = cause.downcast_ref::<Error>() {
            parts.push(typed.text(cat));
            break;
        }
        parts.push(cause.to_string());
    }
    parts.join(": ").replace('\n', " ")
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Error {
        match e {
            StoreError::Invalid(v) => Error::from(v),
            StoreError::NotFound { entity, key } => Error::NotFound { entity, key },
            StoreError::Conflict(text) => Error::Conflict { field: None, message: Message::worded(text) },
            StoreError::UndoBlocked { id, blocked } => Error::Undo { id, blocked },
            other => Error::Store(other),
        }
    }
}

impl From<ValidationError> for Error {
    fn from(v: ValidationError) -> Error {
        Error::Invalid { field: v.field, message: Message::worded(v.message) }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::from(StoreError::from(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_alone_decides_usage_or_runtime() {
        assert_eq!(Error::invalid("name", Message::worded("x")).kind(), Kind::Usage);
        assert_eq!(Error::from(StoreError::Busy).kind(), Kind::Runtime);
        assert_eq!(Error::from(StoreError::NotFound { entity: "rep", key: "Bob".into() }).kind(), Kind::Usage);
        let e = Error::conflict(Some("rep"), Message::new("error.merge_self"));
        assert_eq!((e.kind(), e.field()), (Kind::Usage, Some("rep")));
    }

    #[test]
    fn a_message_is_worded_from_the_catalogue() {
        let e = Error::from(StoreError::NotFound { entity: "rep", key: "Bob".into() });
        assert_eq!(e.to_string(), "no rep 'Bob'; list them with `repdesk rep list`");
        assert_eq!(Message::worded("as it was").text(Catalogue::en()), "as it was");
    }
}
