//! What the owner types about a lead (form, command line, import row), checked field by field.

use super::contact::contact;
use super::fields::text_fields;
use super::message::Message;
use super::model::{Category, Channel, Lead, Stage};
use super::money::Money;
use super::period::parse_date;
use super::rep::{ValidationError, parse_channel};
use chrono::NaiveDate;
use std::str::FromStr;

text_fields!(
    /// The raw text of each field of a lead.
    LeadFields,
    LEAD_FIELD_NAMES { name, company, phone, email, source, channel, category, estimated_value, follow_up, note }
);

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Also reads the Chinese words for customer categories.
pub fn parse_category(text: &str) -> Option<Category> {
    match text.trim() {
        "潜在" | "潜在客户" => Some(Category::Prospect),
        "新客户" | "新" => Some(Category::New),
        "老客户" | "忠实客户" => Some(Category::Loyal),
        "沉睡" | "沉睡客户" | "流失" => Some(Category::Dormant),
        "大客户" | "重要客户" | "VIP客户" => Some(Category::Vip),
        t => Category::from_str(t).ok(),
    }
}

impl LeadFields {
    /// The fields of a stored lead, as a form shows them for editing.
    pub fn of(lead: &Lead) -> LeadFields {
        LeadFields {
            name: lead.name.clone(),
            company: lead.company.clone().unwrap_or_default(),
            phone: lead.phone.clone().unwrap_or_default(),
            email: lead.email.clone().unwrap_or_default(),
            source: lead.source.clone().unwrap_or_default(),
            channel: lead.channel.map(|c| c.to_string()).unwrap_or_default(),
            category: lead.category.to_string(),
            estimated_value: if lead.estimated_value.cents() == 0 {
                String::new()
            } else {
                lead.estimated_value.to_decimal()
            },
            follow_up: lead.next_follow_up.map(|d| d.to_string()).unwrap_or_default(),
            note: lead.note.clone().unwrap_or_default(),
        }
    }

    /// Checks every field and lays them over `base` (a new lead, or the one being edited).
    pub fn apply(&self, mut base: Lead) -> Result<Lead, ValidationError> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(ValidationError::new("name", Message::new("invalid.lead_name")));
        }
        let (email, phone) = contact(&self.email, &self.phone)?;
        base.channel = match optional(&self.channel) {
            None => None,
            Some(c) => Some(parse_channel(&c).ok_or_else(|| ValidationError::value("channel", "invalid.channel", &c))?),
        };
        base.category = match optional(&self.category) {
            None => base.category,
            Some(c) => parse_category(&c).ok_or_else(|| ValidationError::value("category", "invalid.category", &c))?,
        };
        base.estimated_value = match optional(&self.estimated_value) {
            None => Money::ZERO,
            Some(v) => match Money::parse(&v, false) {
                Ok(m) if m.cents() >= 0 => m,
                Ok(_) => return Err(ValidationError::value("estimated_value", "invalid.not_negative", &v)),
                Err(_) => return Err(ValidationError::value("estimated_value", "invalid.estimated_value", &v)),
            },
        };
        base.next_follow_up = match optional(&self.follow_up) {
            None => None,
            Some(d) => Some(parse_date(&d).map_err(|e| ValidationError::new("follow_up", e.message()))?),
        };
        base.name = name.to_string();
        base.company = optional(&self.company);
        base.phone = phone;
        base.email = email.map(|e| e.to_lowercase());
        base.source = optional(&self.source);
        base.note = optional(&self.note);
        Ok(base)
    }
}

/// A lead that has just come in today: new, unassigned, a prospect.
pub fn fresh(today: NaiveDate) -> Lead {
    Lead {
        id: 0,
        name: String::new(),
        company: None,
        phone: None,
        email: None,
        source: None,
        channel: None::<Channel>,
        category: Category::Prospect,
        stage: Stage::New,
        lost_reason: None,
        owner_id: None,
        claimed_on: None,
        protected_until: None,
        next_follow_up: None,
        estimated_value: Money::ZERO,
        external_id: None,
        note: None,
        created_on: today,
        stage_changed_on: today,
        closed_on: None,
        last_activity_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn a_lead_from_fields() {
        let f = LeadFields {
            name: " 王伟 ".into(),
            company: "王记五金".into(),
            phone: "139 1234 5678".into(),
            category: "大客户".into(),
            estimated_value: "¥50,000".into(),
            follow_up: "2026-11-25".into(),
            ..LeadFields::default()
        };
        let lead = f.apply(fresh(today())).unwrap();
        assert_eq!(lead.name, "王伟");
        assert_eq!(lead.category, Category::Vip);
        assert_eq!(lead.estimated_value, Money(5_000_000));
        assert_eq!(lead.next_follow_up, NaiveDate::from_ymd_opt(2026, 11, 25));
        assert_eq!(LeadFields::of(&lead).apply(fresh(today())).unwrap(), lead);
    }

    #[test]
    fn bad_fields_are_named() {
        let base = LeadFields { name: "Ana".into(), ..LeadFields::default() };
        assert_eq!(LeadFields::default().apply(fresh(today())).unwrap_err().field, "name");
        for (field, value) in [
            ("email", "x"),
            ("phone", "none"),
            ("category", "gold"),
            ("estimated_value", "lots"),
            ("follow_up", "soon"),
        ] {
            let mut f = base.clone();
            *f.get_mut(field).unwrap() = value.into();
            assert_eq!(f.apply(fresh(today())).unwrap_err().field, field);
        }
    }
}
