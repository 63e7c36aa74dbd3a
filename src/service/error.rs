//! What a use case answers when it does not do what was asked: a typed error that names the
//! field it is about (a form marks it), carries a catalogue key with its arguments (each front
//! end words it, in the user's language), and has a kind, usage or runtime, that alone decides
//! the exit code of the command line.

use crate::domain::rep::ValidationError;
use crate::store::StoreError;
use crate::store::changes::Blocked;
use crate::text::Catalogue;

pub use crate::domain::error::ErrorKind as Kind;

pub use crate::domain::message::{Arg, Message};

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
    #[error("{}", crate::store::not_found(entity, key))]
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

    /// The error as a sentence of the catalogue (an undo's refusal is worded in English: its
    /// sentence names other changes, which only [`Error::text`] words in another language).
    pub fn message(&self) -> Message {
        match self {
            Error::Invalid { field, message } => {
                Message::new("error.field").arg("field", field).part("message", message.clone())
            }
            Error::Conflict { message, .. } => message.clone(),
            Error::NotFound { entity, key } => crate::store::not_found(entity, key),
            Error::Undo { id, blocked } => {
                Message::worded(crate::service::history::refusal_text(Catalogue::en(), *id, blocked))
            }
            Error::Store(e) => e.message(),
        }
    }

    /// The error in `cat`'s language, a refused value after the name of its field (the
    /// command line's flag); a form marks the field and shows the message alone.
    pub fn text(&self, cat: &Catalogue) -> String {
        match self {
            Error::Invalid { field, message } => {
                Message::new("error.field").arg("field", field).part("message", message.clone()).text(cat)
            }
            Error::Conflict { message, .. } => message.text(cat),
            Error::NotFound { entity, key } => crate::store::not_found(entity, key).text(cat),
            Error::Undo { id, blocked } => crate::service::history::refusal_text(cat, *id, blocked),
            Error::Store(e) => e.message().text(cat),
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

/// A front end's own errors, as sentences: its usage errors, say.
pub type Words<'a> = &'a dyn Fn(&(dyn std::error::Error + 'static)) -> Option<Message>;

/// An error and its context as one line; a typed error of the service, the store or a rule, or
/// one `own` knows, in `cat`'s language.
pub fn sentence(e: &anyhow::Error, cat: &Catalogue, own: Words<'_>) -> String {
    let mut parts = Vec::new();
    for cause in e.chain() {
        if let Some(message) = own(cause) {
            parts.push(message.text(cat));
            break;
        }
        if let Some(typed) = cause.downcast_ref::<Error>() {
            parts.push(typed.text(cat));
            break;
        }
        if let Some(store) = cause.downcast_ref::<StoreError>() {
            parts.push(store.message().text(cat));
            break;
        }
        if let Some(message) = worded(cause) {
            parts.push(message.text(cat));
            break;
        }
        parts.push(cause.to_string());
    }
    parts.join(": ").replace('\n', " ")
}

/// The sentence of a rule's refusal, when `e` is one.
fn worded(e: &(dyn std::error::Error + 'static)) -> Option<Message> {
    use crate::domain::{lead::ClaimRefused, money::MoneyParseError, period, rep::ValidationError};
    if let Some(v) = e.downcast_ref::<ValidationError>() {
        return Some(Message::new("error.field").arg("field", v.field).part("message", v.message.clone()));
    }
    e.downcast_ref::<period::DateError>()
        .map(|e| e.message())
        .or_else(|| e.downcast_ref::<period::PeriodError>().map(|e| e.message()))
        .or_else(|| e.downcast_ref::<MoneyParseError>().map(|e| e.message()))
        .or_else(|| e.downcast_ref::<ClaimRefused>().map(|e| e.message()))
        .or_else(|| e.downcast_ref::<crate::interchange::csv_in::ReadError>().map(|e| e.message()))
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Error {
        match e {
            StoreError::Invalid(v) => Error::from(v),
            StoreError::NotFound { entity, key } => Error::NotFound { entity, key },
            StoreError::Conflict(message) => Error::Conflict { field: None, message },
            StoreError::UndoBlocked { id, blocked } => Error::Undo { id, blocked },
            other => Error::Store(other),
        }
    }
}

impl From<ValidationError> for Error {
    fn from(v: ValidationError) -> Error {
        Error::Invalid { field: v.field, message: v.message }
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
