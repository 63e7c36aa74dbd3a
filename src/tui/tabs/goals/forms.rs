//! The Goals tab's forms: a new target (for a rep, a team or the business, with a split), and
//! a target's goal changed.

use super::writes;
use crate::domain::model::{Metric, Target};
use crate::domain::period::Period;
use crate::service::error::Message;
use crate::service::goals::{self as service, Split};
use crate::store::{self, Store};
use crate::tui::forms::{Done, FormSpec, Problem};
use crate::tui::widgets::form::{Field, FieldKind, Form};
use crate::tui::{Ctx, Tab};
use strum::IntoEnumIterator;

/// A target of `period`: a new one (for `who` first, `rep:ID`, when given), or the goal of
/// target `id`.
pub struct TargetForm {
    pub period: Period,
    pub id: Option<i64>,
    pub who: Option<String>,
}

impl FormSpec for TargetForm {
    fn build(&self, store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        let period = ctx.cat.period(&self.period);
        if let Some(id) = self.id {
            let (target, rep) = store::targets::get(store.conn(), id)?;
            let reps = store::reps::list(store.conn(), false)?;
            let who = service::who(&target, &reps).text(ctx.cat);
            let who = rep.unwrap_or(who);
            let title = ctx.tf(
                "goals.edit_title",
                &[("who", &who), ("metric", &ctx.cat.label(target.metric)), ("period", &period)],
            );
            let goal = service::shown_goal(target.metric, target.goal);
            let goal = goal.strip_suffix(".00").unwrap_or(&goal).to_string();
            return Ok(Form::new(title, vec![Field::new("goal", "fields.goal", FieldKind::Text, &goal)]));
        }
        let reps = store::reps::list(store.conn(), false)?;
        let mut who = vec![("*".to_string(), ctx.t("goals.team").to_string())];
        let mut teams: Vec<String> =
            reps.iter().filter_map(|r| r.team.clone()).filter(|t| !t.trim().is_empty()).collect();
        teams.sort();
        teams.dedup();
        who.extend(teams.into_iter().map(|t| (format!("team:{t}"), ctx.tf("goals.of_team", &[("team", &t)]))));
        who.extend(reps.iter().map(|r| (format!("rep:{}", r.id), r.name.clone())));
        let splits = [
            ("none".to_string(), ctx.t("goals.split_none").to_string()),
            ("weeks".to_string(), ctx.t("goals.split_weeks").to_string()),
            ("reps".to_string(), ctx.t("goals.split_reps").to_string()),
        ];
        let mut form = Form::new(
            ctx.tf("goals.new_title", &[("period", &period)]),
            vec![
                Field::new("who", "fields.target_who", FieldKind::labelled(who), self.who.as_deref().unwrap_or("*")),
                Field::new("metric", "fields.metric", FieldKind::words(ctx, Metric::iter()), "revenue"),
                Field::new("goal", "fields.goal", FieldKind::Text, ""),
                Field::new("split", "fields.split", FieldKind::labelled(splits), "none"),
            ],
        );
        form.note = vec![ctx.t("goals.goal_units").to_string()];
        Ok(form)
    }

    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        let target = match self.id {
            Some(id) => store::targets::get(store.conn(), id)?.0,
            None => {
                let who = form.value("who");
                let (rep_id, team) = match who.split_once(':') {
                    Some(("rep", id)) => (id.parse().ok(), None),
                    Some(("team", team)) => (None, Some(team.to_string())),
                    _ => (None, None),
                };
                let Some(kind) = self.period.kind() else {
                    return Err(Problem::form(Message::new("cli.not_a_target_period").arg("value", self.period)));
                };
                Target {
                    rep_id,
                    team,
                    period_kind: kind,
                    period_start: self.period.first_day(),
                    metric: form.value("metric").parse().unwrap_or(Metric::Revenue),
                    goal: 0,
                }
            }
        };
        let goal = service::goal_of(target.metric, &form.value("goal")).map_err(|m| Problem::field("goal", m))?;
        let target = Target { goal, ..target };
        let split = match form.value("split").as_str() {
            "weeks" => Some(Split::Weeks),
            "reps" => Some(Split::Reps),
            _ => None,
        };
        let done = service::set_target(store, &target, split).map_err(|e| Problem::from(e).at("split"))?;
        let parts = done.value.len().saturating_sub(1);
        let message = writes::set_message(&target, parts, store, ctx);
        Ok(Done::new(&done, message, Some(Tab::Goals)))
    }
}
