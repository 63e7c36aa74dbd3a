//! The Reps tab's forms: a rep, a rep's weekly availability, days off. The Schedule tab opens
//! the last two as well, on the rep of its selected row.

use crate::domain::model::{Channel, Employment};
use crate::domain::model::{Rep, TimeOff, format_time_of_day};
use crate::domain::period::parse_date;
use crate::domain::rep::{REP_FIELD_NAMES, RepFields};
use crate::service;
use crate::store::{self, Store, StoreError};
use crate::tui::forms::{Done, FormSpec, Problem, field_label, value};
use crate::tui::widgets::form::{Field, FieldKind, Form};
use crate::tui::{Ctx, Tab};

const CHANNELS: &[&str] = &["store", "phone", "field", "online"];
const EMPLOYMENTS: &[&str] = &["part-time", "full-time"];
const WEEKDAY_FIELDS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const WEEKDAY_LABELS: [&str; 7] =
    ["weekday.mon", "weekday.tue", "weekday.wed", "weekday.thu", "weekday.fri", "weekday.sat", "weekday.sun"];

fn f(id: &'static str, label: &'static str, kind: FieldKind, value: &str) -> Field {
    Field::new(id, label, kind, value)
}

fn windows_text(windows: &[(u32, u32)]) -> String {
    windows
        .iter()
        .map(|(a, b)| format!("{}-{}", format_time_of_day(*a), format_time_of_day(*b)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A new rep (`None`) or an edit of one.
pub struct RepForm(pub Option<i64>);

impl FormSpec for RepForm {
    fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        let rep: Option<Rep> = self.0.map(|id| store::reps::get(store.conn(), id)).transpose()?;
        let fields = rep.as_ref().map(RepFields::of).unwrap_or_else(|| RepFields {
            channel: "store".into(),
            employment: "part-time".into(),
            ..RepFields::default()
        });
        let kind = |id: &str| match id {
            "channel" => FieldKind::words(ctx, CHANNELS.iter().filter_map(|w| w.parse::<Channel>().ok())),
            "employment" => FieldKind::words(ctx, EMPLOYMENTS.iter().filter_map(|w| w.parse::<Employment>().ok())),
            "hourly_rate" => FieldKind::Money,
            "max_weekly_hours" => FieldKind::Number,
            "hired_on" => FieldKind::Date,
            _ => FieldKind::Text,
        };
        let title = match &rep {
            Some(r) => ctx.tf("reps.edit_title", &[("name", &r.name)]),
            None => ctx.t("reps.add_title").to_string(),
        };
        Ok(Form::new(
            title,
            REP_FIELD_NAMES.iter().map(|&id| f(id, field_label(id), kind(id), fields.get(id))).collect(),
        ))
    }

    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        let mut fields = RepFields::default();
        for name in REP_FIELD_NAMES {
            if let Some(slot) = fields.get_mut(name) {
                *slot = form.value(name);
            }
        }
        let draft = fields.validate().map_err(StoreError::from)?;
        let written = match self.0 {
            Some(id) => service::edit_rep(store, id, &draft),
            None => service::add_rep(store, &draft),
        }?;
        Ok(Done::new(&written, ctx.tf("status.saved", &[("what", &written.value.name)]), Some(Tab::Reps)))
    }
}

/// A rep's weekly windows, a line per weekday.
pub struct AvailabilityForm(pub i64);

impl FormSpec for AvailabilityForm {
    fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        let rep = store::reps::get(store.conn(), self.0)?;
        let all: Vec<_> =
            store::schedule::availability(store.conn())?.into_iter().filter(|a| a.rep_id == self.0).collect();
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
        Ok(Form::new(ctx.tf("schedule.availability_title", &[("rep", &rep.name)]), fields))
    }

    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        let mut week = Vec::new();
        for id in WEEKDAY_FIELDS {
            week.push(service::schedule::parse_windows(&form.value(id)).map_err(|m| Problem::field(id, m))?);
        }
        let written = service::schedule::set_week_availability(store, self.0, &week)?;
        let rep = store::reps::get(store.conn(), self.0)?;
        let what = ctx.tf("schedule.availability_of", &[("rep", &rep.name)]);
        let key = if written.value { "status.saved" } else { "status.saved_free_any_time" };
        Ok(Done::new(&written, ctx.tf(key, &[("what", &what), ("rep", &rep.name)]), None))
    }
}

/// Days off of a rep.
pub struct TimeOffForm(pub i64);

impl FormSpec for TimeOffForm {
    fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        let rep = store::reps::get(store.conn(), self.0)?;
        let today = store.today().to_string();
        Ok(Form::new(
            ctx.tf("schedule.time_off_title", &[("rep", &rep.name)]),
            vec![
                f("from", "fields.from", FieldKind::Date, &today),
                f("to", "fields.to", FieldKind::Date, &today),
                f("reason", "fields.reason", FieldKind::Text, ""),
            ],
        ))
    }

    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        let day = |field: &'static str| parse_date(&form.value(field)).map_err(|e| Problem::field_error(field, e));
        let off = TimeOff { rep_id: self.0, from: day("from")?, to: day("to")?, reason: value(form, "reason") };
        let written = service::schedule::add_time_off(store, &off)?;
        let rep = store::reps::get(store.conn(), self.0)?;
        Ok(Done::new(
            &written,
            ctx.tf("status.time_off", &[("rep", &rep.name), ("from", &off.from), ("to", &off.to)]),
            None,
        ))
    }
}
