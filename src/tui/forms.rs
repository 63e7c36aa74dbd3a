//! Every form of the app: what it asks (built from the store when it opens) and what its
//! answer does (one service call). A form stays open until its answer is accepted; a
//! refused answer marks the field it is about.

use super::widgets::form::{Field, FieldKind, Form};
use super::{Ctx, Tab};
use crate::domain::lead_form::{LEAD_FIELD_NAMES, LeadFields, fresh};
use crate::domain::model::{Activity, ActivityKind, Rep, Stage, format_time_of_day, parse_time_of_day};
use crate::domain::money::Money;
use crate::domain::period::parse_date;
use crate::domain::rep::{REP_FIELD_NAMES, RepFields};
use crate::service::{self, leads};
use crate::store::{self, Store, StoreError};
use crate::text::{t, tf};
use chrono::Duration;
use strum::IntoEnumIterator;

/// What a form is for, with the row it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Rep(Option<i64>),
    NewLead,
    EditLead(i64),
    Log(i64),
    Stage(i64),
    Win(i64),
    Lose(i64),
    Assign(i64),
    FollowUp(i64),
    Merge(i64),
    /// The shift of a rep on a day: `id` to edit one, none to add.
    Shift {
        rep_id: i64,
        date: chrono::NaiveDate,
        id: Option<i64>,
    },
    /// A rep's weekly windows, a line per weekday.
    Availability(i64),
    TimeOff(i64),
}

/// Why an answer was not accepted: a field to mark, or the form as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Field(&'static str, String),
    Form(String),
}

impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Problem {
        match e {
            StoreError::Invalid(v) => Problem::Field(v.field, v.message),
            other => Problem::Form(other.to_string()),
        }
    }
}

/// What an accepted answer did: the status message and the tab to show (none: stay on the
/// tab the form was opened from).
pub struct Done {
    pub message: String,
    pub tab: Option<Tab>,
}

const POOL: &str = "—";
const CHANNELS: &[&str] = &["store", "phone", "field", "online"];
const EMPLOYMENTS: &[&str] = &["part-time", "full-time"];
const FOLLOW_UPS: &[&str] = &["tomorrow", "in 3 days", "in a week", "none"];

fn rep_names(store: &Store) -> anyhow::Result<Vec<String>> {
    Ok(store::reps::list(store.conn(), false)?.into_iter().map(|r| r.name).collect())
}

fn rep_id(store: &Store, name: &str) -> Result<Option<i64>, Problem> {
    if name == POOL || name.is_empty() {
        return Ok(None);
    }
    Ok(Some(store::reps::by_name(store.conn(), name)?.id))
}

fn lead_name(store: &Store, id: i64) -> anyhow::Result<String> {
    Ok(store::leads::get(store.conn(), id)?.name)
}

/// The form for `purpose`, filled from what is stored.
pub fn build(purpose: Purpose, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
    let f = |id: &'static str, label: &'static str, kind: FieldKind, value: &str| Field::new(id, label, kind, value);
    Ok(match purpose {
        Purpose::Rep(id) => {
            let rep: Option<Rep> = id.map(|id| store::reps::get(store.conn(), id)).transpose()?;
            let fields = rep.as_ref().map(RepFields::of).unwrap_or_else(|| RepFields {
                channel: "store".into(),
                employment: "part-time".into(),
                ..RepFields::default()
            });
            let kind = |id: &str| match id {
                "channel" => FieldKind::choice(CHANNELS),
                "employment" => FieldKind::choice(EMPLOYMENTS),
                "hourly_rate" => FieldKind::Money,
                "max_weekly_hours" => FieldKind::Number,
                "hired_on" => FieldKind::Date,
                _ => FieldKind::Text,
            };
            let title = match &rep {
                Some(r) => tf("reps.edit_title", &[("name", &r.name)]),
                None => t("reps.add_title").to_string(),
            };
            Form::new(
                title,
                REP_FIELD_NAMES.iter().map(|&id| f(id, field_label(id), kind(id), fields.get(id))).collect(),
            )
        }
        Purpose::NewLead | Purpose::EditLead(_) => {
            let (fields, title) = match purpose {
                Purpose::EditLead(id) => {
                    let lead = store::leads::get(store.conn(), id)?;
                    (LeadFields::of(&lead), tf("leads.edit_title", &[("name", &lead.name)]))
                }
                _ => (LeadFields::default(), t("leads.new_title").to_string()),
            };
            let kind = |id: &str| match id {
                "channel" => FieldKind::choice(&["", "store", "phone", "field", "online"]),
                "category" => FieldKind::choice(&["prospect", "new", "loyal", "dormant", "vip"]),
                "estimated_value" => FieldKind::Money,
                "follow_up" => FieldKind::Date,
                _ => FieldKind::Text,
            };
            let mut list: Vec<Field> =
                LEAD_FIELD_NAMES.iter().map(|&id| f(id, field_label(id), kind(id), fields.get(id))).collect();
            if purpose == Purpose::NewLead {
                let mut owners = vec![POOL.to_string()];
                owners.extend(rep_names(store)?);
                list.push(f("owner", "fields.owner", FieldKind::Choice(owners), POOL));
            }
            Form::new(title, list)
        }
        Purpose::Log(id) => {
            let kinds: Vec<String> = ActivityKind::iter().map(|k| k.to_string()).collect();
            Form::new(
                tf("leads.log_title", &[("name", &lead_name(store, id)?)]),
                vec![
                    f("kind", "fields.kind", FieldKind::Choice(kinds), "call"),
                    f("outcome", "fields.outcome", FieldKind::Text, ""),
                    f("note", "fields.note", FieldKind::Text, ""),
                    f("follow_up", "fields.follow_up", FieldKind::Date, ""),
                ],
            )
        }
        Purpose::Stage(id) => {
            let lead = store::leads::get(store.conn(), id)?;
            let stages: Vec<String> = Stage::iter().map(|s| s.to_string()).collect();
            Form::new(
                tf("leads.stage_title", &[("name", &lead.name)]),
                vec![
                    f("stage", "fields.stage", FieldKind::Choice(stages), lead.stage.as_str()),
                    f("lost_reason", "fields.lost_reason", FieldKind::Text, ""),
                    f("amount", "fields.amount", FieldKind::Money, ""),
                ],
            )
        }
        Purpose::Win(id) => {
            let lead = store::leads::get(store.conn(), id)?;
            let value =
                if lead.estimated_value.cents() > 0 { lead.estimated_value.to_decimal() } else { String::new() };
            Form::new(
                tf("leads.win_title", &[("name", &lead.name)]),
                vec![
                    f("amount", "fields.amount", FieldKind::Money, &value),
                    f("product", "fields.product", FieldKind::Text, ""),
                ],
            )
        }
        Purpose::Lose(id) => Form::new(
            tf("leads.lose_title", &[("name", &lead_name(store, id)?)]),
            vec![f("lost_reason", "fields.lost_reason", FieldKind::Text, "")],
        ),
        Purpose::Assign(id) => {
            let proposed = leads::proposed_assignee(store)?.and_then(|r| store::reps::get(store.conn(), r).ok());
            let names = rep_names(store)?;
            let first = proposed.map(|r| r.name).unwrap_or_else(|| names.first().cloned().unwrap_or_default());
            Form::new(
                tf("leads.assign_title", &[("name", &lead_name(store, id)?)]),
                vec![f("rep", "fields.rep", FieldKind::Choice(names), &first)],
            )
        }
        Purpose::FollowUp(id) => Form::new(
            tf("leads.follow_up_title", &[("name", &lead_name(store, id)?)]),
            vec![
                f("when", "fields.when", FieldKind::choice(FOLLOW_UPS), FOLLOW_UPS[0]),
                f("date", "fields.or_date", FieldKind::Date, ""),
            ],
        ),
        Purpose::Shift { .. } | Purpose::Availability(_) | Purpose::TimeOff(_) => schedule_form(purpose, store)?,
        Purpose::Merge(id) => {
            let lead = store::leads::get(store.conn(), id)?;
            let dup = leads::duplicates_of(store.conn(), &lead, Some(id))?.first().map(|d| d.lead_id.to_string());
            let _ = ctx;
            Form::new(
                tf("leads.merge_title", &[("name", &lead.name), ("id", &id)]),
                vec![f("other", "fields.merge_other", FieldKind::Number, &dup.unwrap_or_default())],
            )
        }
    })
}

const LOCATIONS: &[&str] = &["store", "phone", "field", "online"];
const WEEKDAY_FIELDS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const WEEKDAY_LABELS: [&str; 7] =
    ["weekday.mon", "weekday.tue", "weekday.wed", "weekday.thu", "weekday.fri", "weekday.sat", "weekday.sun"];

fn windows_text(windows: &[(u32, u32)]) -> String {
    windows
        .iter()
        .map(|(a, b)| format!("{}-{}", format_time_of_day(*a), format_time_of_day(*b)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The schedule's forms: a shift, a rep's week of windows, days off.
fn schedule_form(purpose: Purpose, store: &Store) -> anyhow::Result<Form> {
    let f = |id: &'static str, label: &'static str, kind: FieldKind, value: &str| Field::new(id, label, kind, value);
    Ok(match purpose {
        Purpose::Shift { rep_id, date, id } => {
            let rep = store::reps::get(store.conn(), rep_id)?;
            let shift = id.map(|id| store::schedule::shift(store.conn(), id)).transpose()?;
            let taken: Vec<(u32, u32)> = store::schedule::shifts_between(store.conn(), date, date)?
                .into_iter()
                .filter(|s| s.rep_id == rep_id)
                .map(|s| (s.start_min, s.end_min))
                .collect();
            let weekday = chrono::Datelike::weekday(&date).number_from_monday();
            let windows: Vec<(u32, u32)> = store::schedule::availability(store.conn())?
                .into_iter()
                .filter(|a| a.rep_id == rep_id && a.weekday == weekday)
                .map(|a| (a.start_min, a.end_min))
                .collect();
            let window = crate::domain::schedule::new_shift_times(&windows, &taken);
            let (start, end, location) = match &shift {
                Some(s) => (s.start_min, s.end_min, s.location.as_str()),
                None => (window.0, window.1, rep.channel.as_str()),
            };
            let location = if LOCATIONS.contains(&location) { location } else { "store" };
            let day = date.format("%a %-d %b");
            let title = match shift {
                Some(_) => tf("schedule.edit_title", &[("rep", &rep.name), ("day", &day)]),
                None => tf("schedule.add_title", &[("rep", &rep.name), ("day", &day)]),
            };
            Form::new(
                title,
                vec![
                    f("start", "fields.start", FieldKind::Text, &format_time_of_day(start)),
                    f("end", "fields.end", FieldKind::Text, &format_time_of_day(end)),
                    f("location", "fields.location", FieldKind::choice(LOCATIONS), location),
                ],
            )
        }
        Purpose::Availability(rep_id) => {
            let rep = store::reps::get(store.conn(), rep_id)?;
            let all: Vec<_> =
                store::schedule::availability(store.conn())?.into_iter().filter(|a| a.rep_id == rep_id).collect();
            let fields = WEEKDAY_FIELDS
                .iter()
                .zip(WEEKDAY_LABELS)
                .enumerate()
                .map(|(i, (&id, label))| {
                    let day: Vec<(u32, u32)> =
                        all.iter().filter(|a| a.weekday == i as u32 + 1).map(|a| (a.start_min, a.end_min)).collect();
                    f(id, label, FieldKind::Text, &windows_text(&day))
                })
                .collect();
            Form::new(tf("schedule.availability_title", &[("rep", &rep.name)]), fields)
        }
        Purpose::TimeOff(rep_id) => {
            let rep = store::reps::get(store.conn(), rep_id)?;
            let today = store.today().to_string();
            Form::new(
                tf("schedule.time_off_title", &[("rep", &rep.name)]),
                vec![
                    f("from", "fields.from", FieldKind::Date, &today),
                    f("to", "fields.to", FieldKind::Date, &today),
                    f("reason", "fields.reason", FieldKind::Text, ""),
                ],
            )
        }
        other => anyhow::bail!("{other:?} is not a schedule form"),
    })
}

/// Runs the answer of a schedule form.
fn submit_schedule(purpose: Purpose, form: &Form, store: &mut Store) -> Result<Done, Problem> {
    // A shift is seen on the week grid; a rep's availability and time off are also edited from
    // the Reps tab, which stays.
    let done = |message: String| Ok(Done { message, tab: None });
    match purpose {
        Purpose::Shift { rep_id, date, id } => {
            let time = |field: &'static str| {
                parse_time_of_day(&form.value(field))
                    .ok_or_else(|| Problem::Field(field, t("schedule.bad_time").to_string()))
            };
            let (start_min, end_min) = (time("start")?, time("end")?);
            let location = form.value("location").parse().unwrap_or(crate::domain::model::Location::Store);
            let status = match id {
                Some(id) => store::schedule::shift(store.conn(), id)?.status,
                None => crate::domain::model::ShiftStatus::Scheduled,
            };
            let shift =
                crate::domain::model::Shift { id: id.unwrap_or(0), rep_id, date, start_min, end_min, location, status };
            let (saved, conflicts) = service::schedule::save_shift(store, &shift)?;
            let mut message = tf("status.shift_saved", &[("day", &saved.date.format("%a %-d %b"))]);
            if let Some(c) = conflicts.first() {
                let names: std::collections::HashMap<i64, String> =
                    store::reps::list(store.conn(), true)?.into_iter().map(|r| (r.id, r.name)).collect();
                message = format!("{message} ⚠ {}", service::schedule::describe(c, &names));
            }
            Ok(Done { message, tab: Some(Tab::Schedule) })
        }
        Purpose::Availability(rep_id) => {
            let mut week = Vec::new();
            for id in WEEKDAY_FIELDS {
                week.push(service::schedule::parse_windows(&form.value(id)).map_err(|m| Problem::Field(id, m))?);
            }
            let limited = service::schedule::set_week_availability(store, rep_id, &week)?;
            let rep = store::reps::get(store.conn(), rep_id)?;
            let what = tf("schedule.availability_of", &[("rep", &rep.name)]);
            let key = if limited { "status.saved" } else { "status.saved_free_any_time" };
            done(tf(key, &[("what", &what), ("rep", &rep.name)]))
        }
        Purpose::TimeOff(rep_id) => {
            let day =
                |field: &'static str| parse_date(&form.value(field)).map_err(|e| Problem::Field(field, e.to_string()));
            let off = crate::domain::model::TimeOff {
                rep_id,
                from: day("from")?,
                to: day("to")?,
                reason: value(form, "reason"),
            };
            service::schedule::add_time_off(store, &off)?;
            let rep = store::reps::get(store.conn(), rep_id)?;
            done(tf("status.time_off", &[("rep", &rep.name), ("from", &off.from), ("to", &off.to)]))
        }
        other => Err(Problem::Form(format!("{other:?} is not a schedule form"))),
    }
}

fn value(form: &Form, id: &str) -> Option<String> {
    let v = form.value(id);
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

fn money(form: &Form, id: &'static str) -> Result<Option<Money>, Problem> {
    value(form, id).map(|v| Money::parse(&v, false).map_err(|e| Problem::Field(id, e.to_string()))).transpose()
}

/// Runs the answer of a form; the message says what happened.
pub fn submit(purpose: Purpose, form: &Form, store: &mut Store) -> Result<Done, Problem> {
    let today = store.today();
    let leads_tab = |message: String| Ok(Done { message, tab: Some(Tab::Leads) });
    match purpose {
        Purpose::Rep(id) => {
            let mut fields = RepFields::default();
            for name in REP_FIELD_NAMES {
                if let Some(slot) = fields.get_mut(name) {
                    *slot = form.value(name);
                }
            }
            let draft = fields.validate().map_err(StoreError::from)?;
            let rep = match id {
                Some(id) => service::edit_rep(store, id, &draft),
                None => service::add_rep(store, &draft),
            }
            .map_err(|e| match e {
                StoreError::Conflict(msg) => Problem::Field("name", msg),
                other => other.into(),
            })?;
            Ok(Done { message: tf("status.saved", &[("what", &rep.name)]), tab: Some(Tab::Reps) })
        }
        Purpose::NewLead | Purpose::EditLead(_) => {
            let mut fields = LeadFields::default();
            for name in LEAD_FIELD_NAMES {
                if let Some(slot) = fields.get_mut(name) {
                    *slot = form.value(name);
                }
            }
            let lead = match purpose {
                Purpose::EditLead(id) => {
                    let base = store::leads::get(store.conn(), id)?;
                    let lead = fields.apply(base).map_err(StoreError::from)?;
                    leads::edit(store, &lead)?
                }
                _ => {
                    let owner = rep_id(store, &form.value("owner"))?;
                    let lead = fields.apply(fresh(today)).map_err(StoreError::from)?;
                    leads::add(store, lead, owner, false).map_err(|e| match e {
                        StoreError::Conflict(msg) => Problem::Field("name", msg),
                        other => other.into(),
                    })?
                }
            };
            leads_tab(tf("status.saved", &[("what", &lead.name)]))
        }
        Purpose::Log(id) => {
            let kind = form.value("kind").parse().unwrap_or(ActivityKind::Call);
            let follow_up = value(form, "follow_up")
                .map(|d| parse_date(&d).map_err(|e| Problem::Field("follow_up", e.to_string())))
                .transpose()?;
            let at = store.now();
            let lead = leads::log(
                store,
                Activity {
                    lead_id: id,
                    rep_id: None,
                    kind,
                    at,
                    outcome: value(form, "outcome"),
                    note: value(form, "note"),
                },
                follow_up,
            )?;
            leads_tab(tf("status.logged", &[("kind", &kind), ("name", &lead.name)]))
        }
        Purpose::Stage(id) | Purpose::Win(id) | Purpose::Lose(id) => {
            let stage = match purpose {
                Purpose::Win(_) => Stage::Won,
                Purpose::Lose(_) => Stage::Lost,
                _ => form.value("stage").parse().unwrap_or(Stage::New),
            };
            let reason = value(form, "lost_reason");
            let product = value(form, "product");
            let lead =
                leads::set_stage(store, id, stage, reason.as_deref(), money(form, "amount")?, product.as_deref())?;
            leads_tab(tf("status.stage", &[("name", &lead.name), ("stage", &lead.stage)]))
        }
        Purpose::Assign(id) => {
            let rep =
                rep_id(store, &form.value("rep"))?.ok_or_else(|| Problem::Field("rep", t("leads.pick_rep").into()))?;
            let lead = leads::assign(store, id, rep, true).map_err(|e| match e {
                StoreError::Conflict(msg) => Problem::Field("rep", msg),
                other => other.into(),
            })?;
            leads_tab(tf("status.assigned", &[("name", &lead.name), ("rep", &form.value("rep"))]))
        }
        Purpose::FollowUp(id) => {
            let day = match value(form, "date") {
                Some(d) => Some(parse_date(&d).map_err(|e| Problem::Field("date", e.to_string()))?),
                None => match form.value("when").as_str() {
                    "tomorrow" => Some(today + Duration::days(1)),
                    "in 3 days" => Some(today + Duration::days(3)),
                    "in a week" => Some(today + Duration::days(7)),
                    _ => None,
                },
            };
            let lead = leads::set_follow_up(store, id, day)?;
            let when = day.map(|d| d.to_string()).unwrap_or_else(|| t("leads.no_follow_up").to_string());
            leads_tab(tf("status.follow_up", &[("name", &lead.name), ("when", &when)]))
        }
        Purpose::Shift { .. } | Purpose::Availability(_) | Purpose::TimeOff(_) => submit_schedule(purpose, form, store),
        Purpose::Merge(id) => {
            let other: i64 = value(form, "other")
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| Problem::Field("other", t("leads.merge_which").into()))?;
            let kept = leads::merge(store, other, id).map_err(|e| Problem::Field("other", e.to_string()))?;
            leads_tab(tf("status.merged", &[("name", &kept.name), ("id", &kept.id)]))
        }
    }
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
