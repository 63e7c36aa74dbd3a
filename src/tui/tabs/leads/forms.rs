//! The Leads tab's forms: a new or edited lead, an activity, a stage (won and lost among
//! them), a hand-over, a follow-up, a merge.

use crate::domain::lead_form::{LEAD_FIELD_NAMES, LeadFields, fresh};
use crate::domain::model::{Activity, ActivityKind, Category, Channel, Stage};
use crate::domain::period::parse_date;
use crate::service::error::Message;
use crate::service::leads;
use crate::store::leads::Browse;
use crate::store::{self, Store, StoreError};
use crate::tui::forms::{Done, FormSpec, POOL, Problem, field_label, money, rep_id, rep_names, value};
use crate::tui::widgets::form::{Field, FieldKind, Form, Opt};
use crate::tui::{Ctx, Tab};
use chrono::Duration;
use std::cell::Cell;
use strum::IntoEnumIterator;

/// The follow-up presets: their words and how many days from today each is.
const FOLLOW_UPS: [(&str, Option<i64>); 4] =
    [("tomorrow", Some(1)), ("in_3_days", Some(3)), ("in_a_week", Some(7)), ("none", None)];

fn f(id: &'static str, label: &'static str, kind: FieldKind, value: &str) -> Field {
    Field::new(id, label, kind, value)
}

fn lead_name(store: &Store, id: i64) -> anyhow::Result<String> {
    Ok(store::leads::get(store.conn(), id)?.name)
}

fn done<T>(done: &store::changes::Done<T>, message: String) -> Result<Done, Problem> {
    Ok(Done::new(done, message, Some(Tab::Leads)))
}

/// A new lead (`None`) or an edit of one.
pub struct LeadForm(pub Option<i64>);

impl FormSpec for LeadForm {
    fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        let (fields, title) = match self.0 {
            Some(id) => {
                let lead = store::leads::get(store.conn(), id)?;
                (LeadFields::of(&lead), ctx.tf("leads.edit_title", &[("name", &lead.name)]))
            }
            None => (LeadFields::default(), ctx.t("leads.new_title").to_string()),
        };
        let kind = |id: &str| match id {
            "channel" => FieldKind::labelled(
                std::iter::once((String::new(), "—".to_string()))
                    .chain(Channel::iter().map(|c| (c.as_str().to_string(), ctx.cat.label(c).to_string()))),
            ),
            "category" => FieldKind::words(ctx, Category::iter()),
            "estimated_value" => FieldKind::Money,
            "follow_up" => FieldKind::Date,
            _ => FieldKind::Text,
        };
        let mut list: Vec<Field> =
            LEAD_FIELD_NAMES.iter().map(|&id| f(id, field_label(id), kind(id), fields.get(id))).collect();
        if self.0.is_none() {
            let mut owners = vec![POOL.to_string()];
            owners.extend(rep_names(store)?);
            list.push(f("owner", "fields.owner", FieldKind::choice(&owners), POOL));
        }
        Ok(Form::new(title, list))
    }

    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        let mut fields = LeadFields::default();
        for name in LEAD_FIELD_NAMES {
            if let Some(slot) = fields.get_mut(name) {
                *slot = form.value(name);
            }
        }
        let written = match self.0 {
            Some(id) => {
                let base = store::leads::get(store.conn(), id)?;
                let lead = fields.apply(base).map_err(StoreError::from)?;
                leads::edit(store, &lead)?
            }
            None => {
                let owner = rep_id(store, &form.value("owner"))?;
                let lead = fields.apply(fresh(store.today())).map_err(StoreError::from)?;
                match leads::add(store, lead, owner, false) {
                    Ok(written) => written,
                    // A customer already there: say so on the name, and offer to open that lead.
                    Err(e) => return Err(offer_the_duplicate(e)),
                }
            }
        };
        let id = written.value.id;
        done(&written, ctx.tf("status.saved", &[("what", &written.value.name)])).map(|d| d.selecting(id))
    }
}

/// The follow-up a form's `when` (a preset) and `date` (a day typed) fields say. A day already
/// gone is refused once with a word on the field, and taken when it is given again: a follow-up
/// in the past is asked about, not silently set.
fn follow_up_of(
    form: &Form,
    today: chrono::NaiveDate,
    past_ok: &Cell<Option<chrono::NaiveDate>>,
) -> Result<Option<chrono::NaiveDate>, Problem> {
    let day = match value(form, "date") {
        Some(d) => Some(parse_date(&d).map_err(|e| Problem::field("date", e.message()))?),
        None => {
            let when = form.value("when");
            FOLLOW_UPS.iter().find(|(w, _)| *w == when).and_then(|(_, days)| *days).map(|n| today + Duration::days(n))
        }
    };
    if let Some(d) = day.filter(|d| *d < today)
        && past_ok.get() != Some(d)
    {
        past_ok.set(Some(d));
        return Err(Problem::field("date", Message::new("leads.follow_up_past").day("day", d)));
    }
    Ok(day)
}

/// A new lead refused as one already there: the refusal, and a question whose yes opens that lead.
fn offer_the_duplicate(e: crate::service::error::Error) -> Problem {
    use crate::domain::message::Arg;
    let dup = match &e {
        crate::service::error::Error::Conflict { message, .. } if message.key == "error.duplicate" => {
            message.args.iter().find_map(|(_, a)| match a {
                Arg::Message(m) if m.key == "dup.looks_like" => m.args.iter().find_map(|(k, v)| match (k, v) {
                    (&"id", Arg::Text(id)) => id.parse::<i64>().ok(),
                    _ => None,
                }),
                _ => None,
            })
        }
        _ => None,
    };
    let problem = Problem::from(e);
    match (dup, problem) {
        (Some(id), Problem::Field(field, reason)) => Problem::Offer {
            field,
            reason,
            question: Message::new("leads.open_duplicate").arg("id", id),
            then: Box::new(crate::tui::Command::Show(super::detail::view(id))),
        },
        (_, other) => other,
    }
}

/// An activity on a lead, with an optional next follow-up.
pub struct LogForm(pub i64, pub Cell<Option<chrono::NaiveDate>>);

impl LogForm {
    pub fn new(lead: i64) -> LogForm {
        LogForm(lead, Cell::new(None))
    }
}

impl FormSpec for LogForm {
    fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        Ok(Form::new(
            ctx.tf("leads.log_title", &[("name", &lead_name(store, self.0)?)]),
            vec![
                f("kind", "fields.kind", FieldKind::words(ctx, ActivityKind::iter()), "call"),
                f("outcome", "fields.outcome", FieldKind::Text, ""),
                f("note", "fields.note", FieldKind::Text, ""),
                f("when", "fields.follow_up", follow_ups(ctx), "none"),
                f("date", "fields.or_date", FieldKind::Date, ""),
            ],
        ))
    }

    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        let kind = form.value("kind").parse().unwrap_or(ActivityKind::Call);
        let follow_up = follow_up_of(form, store.today(), &self.1)?;
        let at = store.now();
        let activity = Activity {
            lead_id: self.0,
            rep_id: None,
            kind,
            at,
            outcome: value(form, "outcome"),
            note: value(form, "note"),
        };
        let written = leads::log(store, activity, follow_up)?;
        done(&written, ctx.tf("status.logged", &[("kind", &ctx.cat.label(kind)), ("name", &written.value.name)]))
    }
}

/// The reasons a lead is lost that the Lost form offers: the owner's list, or the common ones
/// in their language; the first choice is none (words of one's own instead).
fn lost_reasons(store: &Store, ctx: &Ctx) -> anyhow::Result<FieldKind> {
    const COMMON: [&str; 5] = ["price", "competitor", "no_budget", "no_answer", "not_a_fit"];
    let list: Vec<String> = match store::settings::lost_reasons(store.conn())? {
        Some(own) if !own.is_empty() => own,
        _ => COMMON.iter().map(|w| ctx.cat.label_of("lost_reason", w).to_string()).collect(),
    };
    Ok(FieldKind::labelled(
        std::iter::once((String::new(), ctx.t("leads.reason_own").to_string()))
            .chain(list.into_iter().map(|r| (r.clone(), r))),
    ))
}

/// Which stage form: any stage, or won (with its amount) or lost (with its reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageKind {
    Any,
    Win,
    Lose,
}

pub struct StageForm(pub i64, pub StageKind);

impl FormSpec for StageForm {
    fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        let lead = store::leads::get(store.conn(), self.0)?;
        Ok(match self.1 {
            StageKind::Any => Form::new(
                ctx.tf("leads.stage_title", &[("name", &lead.name)]),
                vec![
                    f("stage", "fields.stage", FieldKind::words(ctx, Stage::iter()), lead.stage.as_str()),
                    f("lost_reason", "fields.lost_reason", FieldKind::Text, ""),
                    f("amount", "fields.amount", FieldKind::Money, ""),
                ],
            ),
            StageKind::Win => {
                let value =
                    if lead.estimated_value.cents() > 0 { lead.estimated_value.to_decimal() } else { String::new() };
                let mut fields = vec![
                    Field::proposing("amount", "fields.amount", FieldKind::Money, &value),
                    f("product", "fields.product", FieldKind::Text, ""),
                ];
                // A lead nobody owns is won by someone: the owner says who, in this form.
                let names = rep_names(store)?;
                if lead.owner_id.is_none() && !names.is_empty() {
                    let proposed =
                        leads::proposed_assignee(store)?.and_then(|r| store::reps::get(store.conn(), r).ok());
                    let first = proposed.map(|r| r.name).unwrap_or_else(|| names.first().cloned().unwrap_or_default());
                    fields.insert(0, f("rep", "fields.won_by", FieldKind::choice(&names), &first));
                }
                Form::new(ctx.tf("leads.win_title", &[("name", &lead.name)]), fields)
            }
            // The common reasons, in a list the owner may set (`repdesk settings set
            // stages.lost_reasons "…;…"`), and words of one's own below.
            StageKind::Lose => Form::new(
                ctx.tf("leads.lose_title", &[("name", &lead.name)]),
                vec![
                    f("reason", "fields.lost_reason", lost_reasons(store, ctx)?, ""),
                    f("lost_reason", "fields.or_reason", FieldKind::Text, ""),
                ],
            ),
        })
    }

    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        let stage = match self.1 {
            StageKind::Win => Stage::Won,
            StageKind::Lose => Stage::Lost,
            StageKind::Any => form.value("stage").parse().unwrap_or(Stage::New),
        };
        // Words typed say it best; else the reason picked.
        let reason = value(form, "lost_reason").or_else(|| value(form, "reason"));
        let product = value(form, "product");
        let written = if self.1 == StageKind::Win {
            let rep = rep_id(store, &form.value("rep"))?;
            leads::win(store, self.0, rep, money(form, "amount")?, product.as_deref())?
        } else {
            leads::set_stage(store, self.0, stage, reason.as_deref(), money(form, "amount")?, product.as_deref())?
        };
        let lead = &written.value;
        done(&written, ctx.tf("status.stage", &[("name", &lead.name), ("stage", &ctx.cat.label(lead.stage))]))
    }
}

/// Hands a lead to a rep; fair assignment proposes who.
/// Hands a lead over; it says why it proposes the rep it does and who holds the lead now, and
/// asks (a second Enter) before taking a lead from an owner who still protects it.
pub struct AssignForm(pub i64, pub Cell<Option<i64>>);

impl AssignForm {
    pub fn new(lead: i64) -> AssignForm {
        AssignForm(lead, Cell::new(None))
    }
}

impl FormSpec for AssignForm {
    fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        use crate::domain::lead::Proposal;
        let proposal = leads::proposal(store)?;
        let proposed = proposal.and_then(|(r, _)| store::reps::get(store.conn(), r).ok());
        let names = rep_names(store)?;
        let first =
            proposed.as_ref().map(|r| r.name.clone()).unwrap_or_else(|| names.first().cloned().unwrap_or_default());
        let lead = store::leads::get(store.conn(), self.0)?;
        let mut form = Form::new(
            ctx.tf("leads.assign_title", &[("name", &lead.name)]),
            vec![f("rep", "fields.rep", FieldKind::choice(&names), &first)],
        );
        if let (Some(rep), Some((_, why))) = (&proposed, proposal) {
            let key = match why {
                Proposal::OnShift => "leads.proposed_on_shift",
                Proposal::FewestOpen => "leads.proposed_fewest",
                Proposal::RoundRobin => "leads.proposed_turn",
            };
            form.note.push(ctx.tf(key, &[("rep", &rep.name)]));
        }
        let owner = lead.owner_id.and_then(|o| store::reps::get(store.conn(), o).ok());
        form.note.push(match (owner, lead.protected_until) {
            (Some(o), Some(until)) if until >= store.today() => {
                ctx.tf("leads.held_until", &[("owner", &o.name), ("until", &ctx.cat.day(until))])
            }
            (Some(o), _) => ctx.tf("leads.held", &[("owner", &o.name)]),
            (None, _) => ctx.t("leads.held_by_pool").to_string(),
        });
        Ok(form)
    }

    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        let rep =
            rep_id(store, &form.value("rep"))?.ok_or_else(|| Problem::field("rep", Message::new("leads.pick_rep")))?;
        // Taking a lead its owner still protects is asked about once.
        let lead = store::leads::get(store.conn(), self.0).map_err(Problem::from)?;
        let protected =
            lead.owner_id.is_some_and(|o| o != rep) && lead.protected_until.is_some_and(|u| u >= store.today());
        if protected && self.1.get() != Some(rep) {
            self.1.set(Some(rep));
            let until = lead.protected_until.unwrap_or_default();
            return Err(Problem::field("rep", Message::new("leads.take_protected").day("until", until)));
        }
        let written = leads::assign(store, self.0, rep, true)?;
        done(&written, ctx.tf("status.assigned", &[("name", &written.value.name), ("rep", &form.value("rep"))]))
    }
}

/// The presets, each with the day it means: `tomorrow (24 Nov)`.
fn follow_ups(ctx: &Ctx) -> FieldKind {
    FieldKind::labelled(FOLLOW_UPS.iter().map(|(word, days)| {
        let label = ctx.cat.label_of("follow_up", word);
        let shown = match days {
            Some(n) => format!("{label} ({})", ctx.cat.day(ctx.today() + Duration::days(*n))),
            None => label.to_string(),
        };
        (word.to_string(), shown)
    }))
}

pub struct FollowUpForm(pub i64, pub Cell<Option<chrono::NaiveDate>>);

impl FollowUpForm {
    pub fn new(lead: i64) -> FollowUpForm {
        FollowUpForm(lead, Cell::new(None))
    }
}

impl FormSpec for FollowUpForm {
    fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        Ok(Form::new(
            ctx.tf("leads.follow_up_title", &[("name", &lead_name(store, self.0)?)]),
            vec![
                f("when", "fields.when", follow_ups(ctx), FOLLOW_UPS[0].0),
                f("date", "fields.or_date", FieldKind::Date, ""),
            ],
        ))
    }

    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        let day = follow_up_of(form, store.today(), &self.1)?;
        let written = leads::set_follow_up(store, self.0, day)?;
        let when = day.map(|d| ctx.cat.day(d)).unwrap_or_else(|| ctx.t("leads.no_follow_up").to_string());
        done(&written, ctx.tf("status.follow_up", &[("name", &written.value.name), ("when", &when)]))
    }
}

/// Folds this lead into another one.
/// Merge: the lead to keep is found by searching (a name, a phone however written, a
/// company, an e-mail), its likely duplicates offered first.
pub struct MergeForm {
    id: i64,
    /// The search the choices were read for, so moving among them reads nothing again.
    searched: std::cell::RefCell<Option<String>>,
}

/// How many leads a merge search offers; typing more narrows it.
const MERGE_CHOICES: usize = 6;

impl MergeForm {
    pub fn new(id: i64) -> MergeForm {
        MergeForm { id, searched: Default::default() }
    }

    /// The leads to offer for a search: its matches but this lead, or with nothing typed its
    /// likely duplicates.
    fn candidates(&self, text: &str, store: &Store, ctx: &Ctx) -> anyhow::Result<Vec<Opt>> {
        let conn = store.conn();
        let rows = if text.trim().is_empty() {
            let lead = store::leads::get(conn, self.id)?;
            let ids: Vec<i64> = leads::duplicates_of(conn, &lead, Some(self.id))?.iter().map(|d| d.lead_id).collect();
            let day = crate::service::queue_day(store)?;
            let mut rows = Vec::new();
            for id in ids.into_iter().take(MERGE_CHOICES) {
                rows.extend(store::leads::list_row(conn, &day, id)?);
            }
            rows
        } else {
            let day = crate::service::queue_day(store)?;
            let found = store::leads::browse(conn, Browse::Everyone, &day, text, MERGE_CHOICES + 1)?;
            found.into_iter().filter(|r| r.id != self.id).take(MERGE_CHOICES).collect()
        };
        Ok(rows.iter().map(|r| Opt { value: r.id.to_string(), label: merge_label(r, ctx) }).collect())
    }

    /// The lines that list the choices; with `settled`, the choices for what is typed now
    /// are read first. True when what is typed has not been searched yet.
    fn offer(&self, form: &mut Form, store: &Store, ctx: &Ctx, settled: bool) -> bool {
        let text = form.value("find");
        let stale = self.searched.borrow().as_deref() != Some(text.as_str());
        if stale && settled {
            let options = self.candidates(&text, store, ctx).unwrap_or_default();
            form.set_choices("other", options);
            *self.searched.borrow_mut() = Some(text.clone());
        }
        let (options, chosen) = form.choices("other");
        let mut note: Vec<String> = Vec::new();
        if stale && !settled {
            note.push(ctx.t("leads.merge_searching").to_string());
        } else if options.is_empty() {
            note.push(match text.trim() {
                "" => ctx.t("leads.merge_search").to_string(),
                typed => ctx.tf("leads.merge_none", &[("text", &typed)]),
            });
        } else {
            let head = if text.trim().is_empty() { "leads.merge_likely" } else { "leads.merge_found" };
            note.push(ctx.t(head).to_string());
            note.extend(
                options.iter().enumerate().map(|(i, o)| format!("{} {}", if i == chosen { "▶" } else { " " }, o.label)),
            );
        }
        form.note = note;
        stale && !settled
    }
}

/// A lead as a merge offers it: its number, name, company, phone, owner and stage.
fn merge_label(r: &store::leads::QueueRow, ctx: &Ctx) -> String {
    let stage = ctx.cat.label(r.stage).to_string();
    let owner = r.owner.clone().unwrap_or_else(|| ctx.t("leads.pool").to_string());
    [Some(format!("#{} {}", r.id, r.name)), r.company.clone(), r.phone.clone(), Some(owner), Some(stage)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

impl FormSpec for MergeForm {
    fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        let lead = store::leads::get(store.conn(), self.id)?;
        *self.searched.borrow_mut() = None;
        let mut form = Form::new(
            ctx.tf("leads.merge_title", &[("name", &lead.name), ("id", &self.id)]),
            vec![
                f("find", "fields.merge_find", FieldKind::Text, ""),
                f("other", "fields.merge_other", FieldKind::Choice(Vec::new()), ""),
            ],
        );
        self.offer(&mut form, store, ctx, true);
        Ok(form)
    }

    fn refresh(&self, form: &mut Form, store: &Store, ctx: &Ctx, settled: bool) -> bool {
        self.offer(form, store, ctx, settled)
    }

    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        // Never a lead found for other words than those on the screen.
        if self.searched.borrow().as_deref() != Some(form.value("find").as_str()) {
            return Err(Problem::field("find", Message::new("leads.merge_which")));
        }
        let other: i64 = value(form, "other")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| Problem::field("find", Message::new("leads.merge_which")))?;
        let written = leads::merge(store, other, self.id).map_err(|e| Problem::from(e).at("other"))?;
        done(&written, ctx.tf("status.merged", &[("name", &written.value.name), ("id", &written.value.id)]))
    }
}
