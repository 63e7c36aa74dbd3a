//! The Schedule tab's form: a rep's shift on a day, added or edited.

use crate::domain::model::{Location, Shift, ShiftStatus, format_time_of_day, parse_time_of_day};
use crate::service;
use crate::service::error::Message;
use crate::store::{self, Store};
use crate::tui::forms::{Done, FormSpec, Problem};
use crate::tui::widgets::form::{Field, FieldKind, Form};
use crate::tui::{Ctx, Tab};
use chrono::NaiveDate;

pub const LOCATIONS: &[&str] = &["store", "phone", "field", "online"];

/// The shift of a rep on a day: `id` to edit one, none to add.
pub struct ShiftForm {
    pub rep_id: i64,
    pub date: NaiveDate,
    pub id: Option<i64>,
}

impl FormSpec for ShiftForm {
    fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        let f =
            |id: &'static str, label: &'static str, kind: FieldKind, value: &str| Field::new(id, label, kind, value);
        let (rep_id, date) = (self.rep_id, self.date);
        let rep = store::reps::get(store.conn(), rep_id)?;
        let shift = self.id.map(|id| store::schedule::shift(store.conn(), id)).transpose()?;
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
        let day = ctx.cat.day(date);
        let title = match shift {
            Some(_) => ctx.tf("schedule.edit_title", &[("rep", &rep.name), ("day", &day)]),
            None => ctx.tf("schedule.add_title", &[("rep", &rep.name), ("day", &day)]),
        };
        Ok(Form::new(
            title,
            vec![
                f("start", "fields.start", FieldKind::Text, &format_time_of_day(start)),
                f("end", "fields.end", FieldKind::Text, &format_time_of_day(end)),
                f(
                    "location",
                    "fields.location",
                    FieldKind::words(ctx, LOCATIONS.iter().filter_map(|w| w.parse::<Location>().ok())),
                    location,
                ),
            ],
        ))
    }

    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        let time = |field: &'static str| {
            parse_time_of_day(&form.value(field))
                .ok_or_else(|| Problem::field(field, Message::new("schedule.bad_time")))
        };
        let (start_min, end_min) = (time("start")?, time("end")?);
        let location = form.value("location").parse().unwrap_or(Location::Store);
        let status = match self.id {
            Some(id) => store::schedule::shift(store.conn(), id)?.status,
            None => ShiftStatus::Scheduled,
        };
        let shift = Shift {
            id: self.id.unwrap_or(0),
            rep_id: self.rep_id,
            date: self.date,
            start_min,
            end_min,
            location,
            status,
        };
        let written = service::schedule::save_shift(store, &shift)?;
        let (saved, conflicts) = &written.value;
        let mut message = ctx.tf("status.shift_saved", &[("day", &ctx.cat.day(saved.date))]);
        if let Some(c) = conflicts.first() {
            let names: std::collections::HashMap<i64, String> =
                store::reps::list(store.conn(), true)?.into_iter().map(|r| (r.id, r.name)).collect();
            message = format!("{message} ⚠ {}", service::schedule::describe(c, &names).text(ctx.cat));
        }
        Ok(Done::new(&written, message, Some(Tab::Schedule)))
    }
}
