//! The Reviews tab's forms: a review (new, or an edit of one) opening on the period's measured
//! figures, a rep's onboarding checklist, and a training session they attended.

use crate::domain::period::{Period, parse_date};
use crate::domain::review::{self, Assessment, Kpi, Kpis};
use crate::service::error::Message;
use crate::service::reviews as service;
use crate::store::{self, Store};
use crate::text::review::{change_shown, figure, stars, step_name};
use crate::tui::forms::{Done, FormSpec, Problem};
use crate::tui::widgets::form::{Field, FieldKind, Form};
use crate::tui::{Ctx, Tab};
use std::cell::RefCell;
use unicode_width::UnicodeWidthStr;

/// The ratings, by their field and label.
const RATINGS: [(&str, &str); 4] = [
    ("results", "review.rating.results"),
    ("customer", "review.rating.customer"),
    ("attitude", "review.rating.attitude"),
    ("teamwork", "review.rating.teamwork"),
];

/// The texts, each a field of several lines.
const TEXTS: [(&str, &str); 3] =
    [("strengths", "review.strengths"), ("improvements", "review.improvements"), ("plan", "review.plan")];

/// A review of the rep: a new one (`id` none, its period proposed from their last), or an edit
/// of review `id`. The period's figures stand read-only under the fields; a new review's follow
/// the period typed.
pub struct ReviewForm {
    pub rep_id: i64,
    pub id: Option<i64>,
    /// The period the figures shown are of, to read them again only when it changes.
    shown: RefCell<Option<String>>,
}

impl ReviewForm {
    pub fn new(rep_id: i64) -> ReviewForm {
        ReviewForm { rep_id, id: None, shown: RefCell::new(None) }
    }

    pub fn edit(rep_id: i64, id: i64) -> ReviewForm {
        ReviewForm { rep_id, id: Some(id), shown: RefCell::new(None) }
    }
}

/// A rating as a choice: `★★★★☆ 4`; with `unrated`, also none (a review written before
/// attitude was rated).
fn rating_choice(unrated: bool, ctx: &Ctx) -> FieldKind {
    let mut options: Vec<(String, String)> = Vec::new();
    if unrated {
        options.push((String::new(), ctx.t("review.not_rated").to_string()));
    }
    options.extend(review::RATINGS.map(|n| (n.to_string(), format!("{} {n}", stars(n)))));
    FieldKind::labelled(options)
}

/// The figures of a period as lines of at most `width` columns: each with its change on the
/// review before, when there is one.
fn figures(kpis: &Kpis, before: Option<&Kpis>, width: usize, ctx: &Ctx) -> Vec<String> {
    use strum::IntoEnumIterator;
    let currency = ctx.currency.as_str();
    let items: Vec<String> = Kpi::iter()
        .filter_map(|kpi| {
            let value = kpis.value(kpi)?;
            let name = match kpi {
                Kpi::Target => ctx.cat.tf(
                    kpi.key(),
                    &[("target", &kpis.revenue_target.map(|t| t.display(currency)).unwrap_or_default())],
                ),
                _ => ctx.cat.t(kpi.key()).to_string(),
            };
            let shown = figure(kpi, value, kpis, ctx.cat, currency);
            Some(match kpis.change(kpi, before) {
                Some(change) => format!("{name} {shown} {}", change_shown(kpi, change, ctx.cat, currency)),
                None => format!("{name} {shown}"),
            })
        })
        .collect();
    let mut lines: Vec<String> = Vec::new();
    for item in items {
        match lines.last_mut() {
            Some(line) if line.width() + 3 + item.width() <= width => {
                line.push_str(" · ");
                line.push_str(&item);
            }
            _ => lines.push(item),
        }
    }
    lines
}

impl ReviewForm {
    /// The lines under the fields: the figures of `period` (kept with the review being edited,
    /// else measured now) and what they are compared with.
    fn note(&self, store: &Store, period: &str, ctx: &Ctx) -> Vec<String> {
        let today = store.today();
        let Ok(p) = review::period(period) else {
            return vec![ctx.t("review.figures_need_period").to_string()];
        };
        let kept = match self.id {
            Some(id) => service::page(store.conn(), id, today).ok().map(|page| (page.kpis, page.previous)),
            None => None,
        };
        let (kpis, previous) = match kept {
            Some((kpis, previous)) => (kpis, previous),
            None => {
                let kpis = service::kpis(store.conn(), self.rep_id, &p, today).ok();
                (kpis, previous_of(store, self.rep_id, &p))
            }
        };
        let mut lines = vec![match &previous {
            Some((before, _)) => ctx.tf(
                "review.figures_on",
                &[("period", &ctx.cat.period(&p)), ("before", &shown_period(&before.period, ctx))],
            ),
            None => ctx.tf("review.figures", &[("period", &ctx.cat.period(&p))]),
        }];
        match kpis {
            Some(k) => lines.extend(figures(&k, previous.as_ref().and_then(|(_, k)| k.as_ref()), 68, ctx)),
            None => lines.push(ctx.t("review.no_kpis").to_string()),
        }
        if self.id.is_none()
            && let Err(m) = review::reviewable(&p, today)
        {
            lines.push(format!("⚠ {}", m.text(ctx.cat)));
        }
        lines
    }
}

fn shown_period(period: &str, ctx: &Ctx) -> String {
    review::period(period).map(|p| ctx.cat.period(&p)).unwrap_or_else(|_| period.to_string())
}

/// The rep's review a new one of `period` would be compared with: their latest of the same
/// kind of period that ends before it, with its figures.
fn previous_of(store: &Store, rep_id: i64, period: &Period) -> Option<(crate::domain::model::Review, Option<Kpis>)> {
    let reviews = store::reviews::of_rep(store.conn(), rep_id).ok()?;
    let (before, kept) = reviews.into_iter().find(|(r, _)| {
        review::same_kind(&r.period, &period.to_string())
            && review::period(&r.period).is_ok_and(|p| p.last_day() < period.last_day())
    })?;
    let kpis = match kept {
        Some(k) => Some(k),
        None => review::period(&before.period)
            .ok()
            .and_then(|p| service::kpis(store.conn(), rep_id, &p, store.today()).ok()),
    };
    Some((before, kpis))
}

impl FormSpec for ReviewForm {
    fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        let rep = store::reps::get(store.conn(), self.rep_id)?;
        let today = store.today();
        let (title, period, a) = match self.id {
            Some(id) => {
                let (r, _, _) = store::reviews::get(store.conn(), id)?.ok_or_else(|| {
                    crate::service::error::Error::invalid("id", Message::new("review.no_such").arg("id", id))
                })?;
                let title =
                    ctx.tf("review.edit_title", &[("rep", &rep.name), ("period", &shown_period(&r.period, ctx))]);
                (title, r.period.clone(), r.assessment())
            }
            None => {
                let last = store::reviews::of_rep(store.conn(), rep.id)?.into_iter().next().map(|(r, _)| r.period);
                let period = review::proposed_period(last.as_deref(), today);
                let a = Assessment {
                    results: 3,
                    customer: 3,
                    attitude: Some(3),
                    teamwork: 3,
                    strengths: String::new(),
                    improvements: String::new(),
                    plan: String::new(),
                    next_review_on: Some(review::proposed_next(&period, today)),
                };
                (ctx.tf("review.new_title", &[("rep", &rep.name)]), period.to_string(), a)
            }
        };
        let mut fields = Vec::new();
        if self.id.is_none() {
            fields.push(Field::new("period", "review.period", FieldKind::Text, &period));
        }
        for (id, label) in RATINGS {
            let value = match id {
                "results" => Some(a.results),
                "customer" => Some(a.customer),
                "attitude" => a.attitude,
                _ => Some(a.teamwork),
            };
            let unrated = id == "attitude" && a.attitude.is_none();
            fields.push(Field::new(
                id,
                label,
                rating_choice(unrated, ctx),
                &value.map(|n| n.to_string()).unwrap_or_default(),
            ));
        }
        for (id, label) in TEXTS {
            let text = match id {
                "strengths" => &a.strengths,
                "improvements" => &a.improvements,
                _ => &a.plan,
            };
            fields.push(Field::new(id, label, FieldKind::Lines(3), text));
        }
        let next = a.next_review_on.map(|d| d.to_string()).unwrap_or_default();
        let next_field = if self.id.is_none() {
            Field::proposing("next", "review.next", FieldKind::Date, &next)
        } else {
            Field::new("next", "review.next", FieldKind::Date, &next)
        };
        fields.push(next_field);
        let mut form = Form::new(title, fields);
        form.note = self.note(store, &period, ctx);
        *self.shown.borrow_mut() = Some(period);
        Ok(form)
    }

    fn refresh(&self, form: &mut Form, store: &Store, ctx: &Ctx, settled: bool) -> bool {
        if self.id.is_some() {
            return false;
        }
        let period = form.value("period").trim().to_string();
        if self.shown.borrow().as_deref() == Some(period.as_str()) {
            return false;
        }
        if !settled {
            return true;
        }
        form.note = self.note(store, &period, ctx);
        // The next date follows the period while it is the form's proposal.
        if let Ok(p) = review::period(&period) {
            form.repropose("next", &review::proposed_next(&p, store.today()).to_string());
        }
        *self.shown.borrow_mut() = Some(period);
        false
    }

    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        let rated = |id: &'static str| -> Result<Option<u8>, Problem> {
            let v = form.value(id);
            if v.is_empty() {
                return Ok(None);
            }
            review::rating(&v).map(Some).map_err(|m| Problem::field(id, m))
        };
        let needed = |id: &'static str| -> Result<u8, Problem> {
            rated(id)?.ok_or_else(|| Problem::field(id, Message::new("cli.rating_needed")))
        };
        let next = match crate::tui::forms::value(form, "next") {
            Some(v) => Some(parse_date(&v).map_err(|e| Problem::field("next", e.message()))?),
            None => None,
        };
        let a = Assessment {
            results: needed("results")?,
            customer: needed("customer")?,
            attitude: rated("attitude")?,
            teamwork: needed("teamwork")?,
            strengths: form.value("strengths").trim().to_string(),
            improvements: form.value("improvements").trim().to_string(),
            plan: form.value("plan").trim().to_string(),
            next_review_on: next,
        };
        let rep = store::reps::get(store.conn(), self.rep_id)?;
        match self.id {
            Some(id) => {
                let done = service::edit(store, id, &a)?;
                let message = ctx.tf("status.review_edited", &[("rep", &rep.name)]);
                Ok(Done::new(&done, message, Some(Tab::Reviews)).selecting(self.rep_id))
            }
            None => {
                let period = review::period(&form.value("period")).map_err(|m| Problem::field("period", m))?;
                let new = service::NewReview { rep_id: self.rep_id, period, assessment: a };
                let done = service::add(store, &new)?;
                let message =
                    ctx.tf("status.review_added", &[("rep", &rep.name), ("period", &ctx.cat.period(&new.period))]);
                Ok(Done::new(&done, message, Some(Tab::Reviews)).selecting(self.rep_id))
            }
        }
    }
}

/// A rep's onboarding checklist: an item ticked on a day (or unticked, its day cleared), or an
/// item of the owner's own added.
pub struct ChecklistForm {
    pub rep_id: i64,
    /// The item whose day the form shows, to show the next one's when another is chosen.
    shown: RefCell<String>,
}

impl ChecklistForm {
    pub fn new(rep_id: i64) -> ChecklistForm {
        ChecklistForm { rep_id, shown: RefCell::new(String::new()) }
    }
}

impl FormSpec for ChecklistForm {
    /// Another item chosen: its day (today for one still open) in the day's field.
    fn refresh(&self, form: &mut Form, store: &Store, _ctx: &Ctx, _settled: bool) -> bool {
        let item = form.value("item");
        if *self.shown.borrow() == item {
            return false;
        }
        let id: i64 = item.parse().unwrap_or_default();
        let step =
            store::training::checklist(store.conn(), self.rep_id).ok().and_then(|c| c.into_iter().find(|s| s.id == id));
        let day = step.and_then(|s| s.done_on).unwrap_or(store.today());
        form.set("done_on", &day.to_string());
        *self.shown.borrow_mut() = item;
        false
    }

    fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        let rep = store::reps::get(store.conn(), self.rep_id)?;
        let checklist = store::training::checklist(store.conn(), self.rep_id)?;
        let today = store.today();
        // The first item still open comes first; each shows whether it is done.
        let first = checklist.iter().find(|s| s.done_on.is_none()).or(checklist.first());
        let options: Vec<(String, String)> = checklist
            .iter()
            .map(|s| {
                let shown = match s.done_on {
                    Some(on) => format!("[x] {} · {}", step_name(s, ctx.cat), ctx.cat.day_month_year(on)),
                    None => format!("[ ] {}", step_name(s, ctx.cat)),
                };
                (s.id.to_string(), shown)
            })
            .collect();
        let day = first.and_then(|s| s.done_on).unwrap_or(today).to_string();
        let mut form = Form::new(
            ctx.tf("training.checklist_title", &[("rep", &rep.name)]),
            vec![
                Field::new(
                    "item",
                    "training.item",
                    FieldKind::labelled(options),
                    &first.map(|s| s.id.to_string()).unwrap_or_default(),
                ),
                Field::new("done_on", "training.done_on", FieldKind::Date, &day),
                Field::new("new_item", "training.new_item", FieldKind::Text, ""),
            ],
        );
        form.note = vec![ctx.t("training.checklist_hint").to_string()];
        *self.shown.borrow_mut() = form.value("item");
        Ok(form)
    }

    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        let rep = store::reps::get(store.conn(), self.rep_id)?;
        if let Some(item) = crate::tui::forms::value(form, "new_item") {
            if let Some(word) = crate::text::review::default_named(&item) {
                let name = ctx.cat.label_of("onboarding", word);
                return Err(Problem::field("new_item", Message::new("training.item_exists").arg("item", name)));
            }
            let done = service::add_step(store, self.rep_id, &item).map_err(|e| Problem::from(e).at("new_item"))?;
            let message = ctx.tf("status.step_added", &[("rep", &rep.name), ("item", &item)]);
            return Ok(Done::new(&done, message, Some(Tab::Reviews)).selecting(self.rep_id));
        }
        let checklist = store::training::checklist(store.conn(), self.rep_id)?;
        let id: i64 = form.value("item").parse().unwrap_or_default();
        let Some(step) = checklist.into_iter().find(|s| s.id == id) else {
            return Err(Problem::field("item", Message::new("training.empty_item")));
        };
        let on = match crate::tui::forms::value(form, "done_on") {
            Some(v) => Some(parse_date(&v).map_err(|e| Problem::field("done_on", e.message()))?),
            None => None,
        };
        if on == step.done_on {
            return Err(Problem::field("done_on", Message::new("training.unchanged")));
        }
        let done = service::step_done(store, self.rep_id, &step.item, on).map_err(|e| match e.field() {
            Some("on") => Problem::from(e).at("done_on"),
            _ => Problem::from(e),
        })?;
        let name = step_name(&step, ctx.cat);
        let message = match on {
            Some(on) => {
                ctx.tf("status.step_done", &[("rep", &rep.name), ("item", &name), ("day", &ctx.cat.day_month(on))])
            }
            None => ctx.tf("status.step_undone", &[("rep", &rep.name), ("item", &name)]),
        };
        Ok(Done::new(&done, message, Some(Tab::Reviews)).selecting(self.rep_id))
    }
}

/// A training session a rep attended: the day, the topic, the hours.
pub struct TrainingForm(pub i64);

impl FormSpec for TrainingForm {
    fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        let rep = store::reps::get(store.conn(), self.0)?;
        Ok(Form::new(
            ctx.tf("training.session_title", &[("rep", &rep.name)]),
            vec![
                Field::new("on", "training.on", FieldKind::Date, &store.today().to_string()),
                Field::new("topic", "training.topic", FieldKind::Text, ""),
                Field::new("hours", "training.hours", FieldKind::Text, ""),
            ],
        ))
    }

    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        let on = match crate::tui::forms::value(form, "on") {
            Some(v) => parse_date(&v).map_err(|e| Problem::field("on", e.message()))?,
            None => store.today(),
        };
        let minutes = review::minutes(&form.value("hours")).map_err(|m| Problem::field("hours", m))?;
        let topic = form.value("topic");
        let done = service::add_session(store, self.0, on, &topic, minutes)?;
        let rep = store::reps::get(store.conn(), self.0)?;
        let message = ctx.tf(
            "status.training_added",
            &[
                ("rep", &rep.name),
                ("topic", &topic.trim()),
                ("hours", &crate::text::review::hours_shown(minutes)),
                ("day", &ctx.cat.day_month(on)),
            ],
        );
        Ok(Done::new(&done, message, Some(Tab::Reviews)).selecting(self.0))
    }
}
