//! The plumbing every form shares: a form is a [`FormSpec`], kept in the folder of the tab it
//! belongs to, that builds its fields from the store when it opens and runs its answer (one
//! service call) when it is submitted. A form stays open until its answer is accepted; a
//! refused answer marks the field it is about.

use super::widgets::form::Form;
use super::{Ctx, Tab};
use crate::domain::money::Money;
use crate::service::error::Message;
use crate::store::{self, Store, StoreError};
use std::rc::Rc;

/// One form: what it asks, and what its answer does.
pub trait FormSpec {
    fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form>;
    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem>;
    /// After each key (or paste) the form took, and again with `settled` once the typing
    /// paused: a form whose choices follow what is typed (the leads a search finds) reads them
    /// when settled, so no key waits on a search; true asks for that settled call. Reads,
    /// never writes.
    fn refresh(&self, _form: &mut Form, _store: &Store, _ctx: &Ctx, _settled: bool) -> bool {
        false
    }
}

/// A form as a value a screen hands the app.
#[derive(Clone)]
pub struct Spec(Rc<dyn FormSpec>);

impl Spec {
    pub fn new(spec: impl FormSpec + 'static) -> Spec {
        Spec(Rc::new(spec))
    }

    pub fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        self.0.build(store, ctx)
    }

    pub fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        self.0.submit(form, store, ctx)
    }

    pub fn refresh(&self, form: &mut Form, store: &Store, ctx: &Ctx, settled: bool) -> bool {
        self.0.refresh(form, store, ctx, settled)
    }
}

impl std::fmt::Debug for Spec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Form")
    }
}

impl PartialEq for Spec {
    fn eq(&self, other: &Spec) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Why an answer was not accepted: a field to mark, or the form as a whole. It holds what to
/// say, not the words, so the form says it in the owner's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Field(&'static str, Reason),
    Form(Reason),
    /// A field refused, with a way out to offer: a question, and what yes does (open the lead
    /// already there).
    Offer {
        field: &'static str,
        reason: Reason,
        question: Message,
        then: Box<super::Command>,
    },
}

/// What a problem says: a sentence of the catalogue, or an error worded where it arose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    Message(Message),
    Error(String),
}

impl Reason {
    pub fn text(&self, ctx: &Ctx) -> String {
        match self {
            Reason::Message(m) => m.text(ctx.cat),
            Reason::Error(text) => text.clone(),
        }
    }
}

impl Problem {
    /// A field refused with a sentence of the catalogue.
    pub fn field(field: &'static str, message: Message) -> Problem {
        Problem::Field(field, Reason::Message(message))
    }

    /// A field refused by an error that words itself (a date or an amount that does not read).
    pub fn field_error(field: &'static str, e: impl std::fmt::Display) -> Problem {
        Problem::Field(field, Reason::Error(e.to_string()))
    }

    pub fn form(message: Message) -> Problem {
        Problem::Form(Reason::Message(message))
    }

    /// The same problem, marked on `field`.
    pub fn at(self, field: &'static str) -> Problem {
        match self {
            Problem::Field(_, reason) | Problem::Form(reason) | Problem::Offer { reason, .. } => {
                Problem::Field(field, reason)
            }
        }
    }
}

impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Problem {
        crate::service::error::Error::from(e).into()
    }
}

/// A typed error of the service marks the field it names, or the form as a whole.
impl From<crate::service::error::Error> for Problem {
    fn from(e: crate::service::error::Error) -> Problem {
        use crate::service::error::Error;
        match (e.field(), e) {
            (Some(field), Error::Invalid { message, .. } | Error::Conflict { message, .. }) => {
                Problem::Field(field, Reason::Message(message))
            }
            (_, Error::Invalid { message, .. } | Error::Conflict { message, .. }) => {
                Problem::Form(Reason::Message(message))
            }
            (_, Error::NotFound { entity, key }) => Problem::form(crate::store::not_found(entity, &key)),
            (_, other) => Problem::Form(Reason::Message(other.message())),
        }
    }
}

impl From<anyhow::Error> for Problem {
    fn from(e: anyhow::Error) -> Problem {
        match e.downcast::<crate::service::error::Error>() {
            Ok(service) => service.into(),
            Err(other) => match other.downcast::<StoreError>() {
                Ok(store) => store.into(),
                Err(other) => Problem::Form(Reason::Error(other.to_string())),
            },
        }
    }
}

/// What an accepted answer did: its change (kept for `u`), the status message and the tab to
/// show (none: stay on the tab the form was opened from).
pub struct Done {
    pub change: i64,
    pub message: String,
    pub tab: Option<Tab>,
    /// The row to stand on afterwards (the lead just added), by its id.
    pub select: Option<i64>,
}

impl Done {
    pub fn new<T>(done: &store::changes::Done<T>, message: String, tab: Option<Tab>) -> Done {
        Done { change: done.change, message, tab, select: None }
    }

    pub fn selecting(mut self, id: i64) -> Done {
        self.select = Some(id);
        self
    }
}

/// The choice that means "nobody": a lead in the pool.
pub const POOL: &str = "—";

pub fn rep_names(store: &Store) -> anyhow::Result<Vec<String>> {
    Ok(store::reps::list(store.conn(), false)?.into_iter().map(|r| r.name).collect())
}

pub fn rep_id(store: &Store, name: &str) -> Result<Option<i64>, Problem> {
    if name == POOL || name.is_empty() {
        return Ok(None);
    }
    Ok(Some(store::reps::by_name(store.conn(), name)?.id))
}

/// A field's text, trimmed; none when blank.
pub fn value(form: &Form, id: &str) -> Option<String> {
    let v = form.value(id);
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

pub fn money(form: &Form, id: &'static str) -> Result<Option<Money>, Problem> {
    value(form, id).map(|v| Money::parse(&v, false).map_err(|e| Problem::field(id, e.message()))).transpose()
}

pub fn field_label(id: &str) -> &'static str {
    match id {
        "name" => "fields.name",
        "phone" => "fields.phone",
        "email" => "fields.email",
        "channel" => "fields.channel",
        "employment" => "fields.employment",
        "team" => "fields.team",
        "hourly_rate" => "fields.hourly_rate",
        "commission_rate" => "fields.commission_rate",
        "max_weekly_hours" => "fields.max_weekly_hours",
        "hired_on" => "fields.hired_on",
        "company" => "fields.company",
        "source" => "fields.source",
        "category" => "fields.category",
        "estimated_value" => "fields.estimated_value",
        "follow_up" => "fields.follow_up",
        _ => "fields.note",
    }
}
