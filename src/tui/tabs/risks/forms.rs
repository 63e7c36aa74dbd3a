//! `x` on the Risks tab: acknowledge the selected flag with an optional note, or snooze it
//! until a day.

use crate::domain::risk::RiskRule;
use crate::service::error::Error;
use crate::store::Store;
use crate::tui::forms::{Done, FormSpec, Problem};
use crate::tui::widgets::form::{Field, FieldKind, Form};
use crate::tui::{Ctx, Tab};

pub struct AckForm {
    pub rule: RiskRule,
    pub subject_key: String,
    /// The flag's subject and sentence, for the title.
    pub about: String,
}

impl FormSpec for AckForm {
    fn build(&self, _store: &Store, ctx: &Ctx) -> anyhow::Result<Form> {
        let how = [
            ("ack".to_string(), ctx.t("risks.form.ack").to_string()),
            ("snooze".to_string(), ctx.t("risks.form.snooze").to_string()),
        ];
        let week = (ctx.today() + chrono::Duration::days(7)).to_string();
        let mut form = Form::new(
            ctx.tf("risks.form.title", &[("about", &self.about)]),
            vec![
                Field::new("how", "fields.risk_how", FieldKind::labelled(how), "ack"),
                Field::new("until", "fields.snooze_until", FieldKind::Date, &week),
                Field::new("note", "fields.note", FieldKind::Text, ""),
            ],
        );
        form.note = vec![ctx.t("risks.form.hint").to_string()];
        Ok(form)
    }

    fn submit(&self, form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Done, Problem> {
        let snooze = form.value("how") == "snooze";
        let until = if snooze {
            let text = form.value("until");
            let day = crate::domain::period::parse_date(&text).map_err(|e| Problem::field("until", e.message()))?;
            Some(day)
        } else {
            None
        };
        let note = Some(form.value("note")).filter(|n| !n.trim().is_empty());
        let done = crate::service::risks::acknowledge(store, self.rule, &self.subject_key, until, note)
            .map_err(|e: Error| Problem::from(e).at("until"))?;
        let message = match until {
            Some(until) => ctx.tf("risks.form.snoozed", &[("until", &ctx.cat.day_month(until))]),
            None => ctx.t("risks.form.acked").to_string(),
        };
        Ok(Done::new(&done, message, Some(Tab::Risks)))
    }
}
