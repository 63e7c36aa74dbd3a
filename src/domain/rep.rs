//! What the owner types about a rep, checked field by field.

use super::contact::contact;
use super::fields::text_fields;
use super::message::Message;
use super::model::{Channel, Employment, Rep};
use super::money::{Money, display_rate_bp, parse_rate_bp};
use super::period::parse_date;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A validation error names its field, so a form can mark it and a script can say which column.
/// Its sentence is a [`Message`], which each front end words in the owner's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    pub field: &'static str,
    pub message: Message,
}

impl std::error::Error for ValidationError {}

impl ValidationError {
    pub fn new(field: &'static str, message: Message) -> Self {
        ValidationError { field, message }
    }

    /// A field refused by the catalogue's `invalid.<key>`, with the value that does not hold.
    pub fn value(field: &'static str, key: &'static str, value: &str) -> Self {
        ValidationError { field, message: Message::new(key).arg("value", value) }
    }
}

/// A rep before it is stored: everything but the id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepDraft {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub channel: Channel,
    pub employment: Employment,
    pub team: Option<String>,
    pub hourly_rate: Money,
    pub commission_bp: i64,
    pub max_weekly_hours: Option<u32>,
    pub hired_on: Option<NaiveDate>,
}

text_fields!(
    /// The raw text of each field, as typed in a form, passed on a command line or read from a file.
    RepFields,
    REP_FIELD_NAMES {
        name,
        phone,
        email,
        channel,
        employment,
        team,
        hourly_rate,
        commission_rate,
        max_weekly_hours,
        hired_on,
    }
);

/// The rows of a file of reps, and which fields its columns held (the rest it does not say).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepsFile {
    pub columns: Vec<&'static str>,
    pub rows: Vec<(u64, RepFields)>,
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl RepFields {
    /// The fields of a stored rep, as a form shows them for editing.
    pub fn of(rep: &Rep) -> RepFields {
        RepFields {
            name: rep.name.clone(),
            phone: rep.phone.clone().unwrap_or_default(),
            email: rep.email.clone().unwrap_or_default(),
            channel: rep.channel.to_string(),
            employment: rep.employment.to_string(),
            team: rep.team.clone().unwrap_or_default(),
            hourly_rate: rep.hourly_rate.to_decimal(),
            commission_rate: display_rate_bp(rep.commission_bp),
            max_weekly_hours: rep.max_weekly_hours.map(|h| h.to_string()).unwrap_or_default(),
            hired_on: rep.hired_on.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// These fields with the named ones taken from `other`.
    pub fn overlay(mut self, other: &RepFields, names: &[&str]) -> RepFields {
        for name in names {
            let value = other.get(name).to_string();
            if let Some(slot) = self.get_mut(name) {
                *slot = value;
            }
        }
        self
    }

    /// Checks every field; blank optional fields take sensible defaults
    /// (part-time, store, no commission).
    pub fn validate(&self) -> Result<RepDraft, ValidationError> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(ValidationError::new("name", Message::new("invalid.rep_name")));
        }
        if name.chars().count() > 60 {
            return Err(ValidationError::new("name", Message::new("invalid.name_long").arg("max", 60)));
        }
        let (email, phone) = contact(&self.email, &self.phone)?;
        let channel = match optional(&self.channel) {
            None => Channel::Store,
            Some(c) => parse_channel(&c).ok_or_else(|| ValidationError::value("channel", "invalid.channel", &c))?,
        };
        let employment = match optional(&self.employment) {
            None => Employment::PartTime,
            Some(e) => {
                parse_employment(&e).ok_or_else(|| ValidationError::value("employment", "invalid.employment", &e))?
            }
        };
        let hourly_rate = match optional(&self.hourly_rate) {
            None => Money::ZERO,
            Some(r) => match Money::parse(&r, false) {
                Ok(m) if m.cents() >= 0 => m,
                Ok(_) => return Err(ValidationError::value("hourly_rate", "invalid.not_negative", &r)),
                Err(_) => return Err(ValidationError::value("hourly_rate", "invalid.hourly_rate", &r)),
            },
        };
        let commission_bp = match optional(&self.commission_rate) {
            None => 0,
            Some(r) if r.trim().starts_with('-') => {
                return Err(ValidationError::value("commission_rate", "invalid.not_negative", &r));
            }
            Some(r) => {
                parse_rate_bp(&r).ok_or_else(|| ValidationError::value("commission_rate", "invalid.commission", &r))?
            }
        };
        let max_weekly_hours = match optional(&self.max_weekly_hours) {
            None => None,
            Some(h) => Some(
                h.parse::<u32>()
                    .ok()
                    .filter(|h| (1..=80).contains(h))
                    .ok_or_else(|| ValidationError::value("max_weekly_hours", "invalid.max_hours", &h))?,
            ),
        };
        let hired_on = match optional(&self.hired_on) {
            None => None,
            Some(d) => Some(parse_date(&d).map_err(|e| ValidationError::new("hired_on", e.message()))?),
        };
        Ok(RepDraft {
            name: name.to_string(),
            phone,
            email: email.map(|e| e.to_lowercase()),
            channel,
            employment,
            team: optional(&self.team),
            hourly_rate,
            commission_bp,
            max_weekly_hours,
            hired_on,
        })
    }
}

/// Also reads the Chinese words a spreadsheet made in China uses.
pub fn parse_channel(text: &str) -> Option<Channel> {
    match text.trim() {
        "外勤" | "地推" | "上门" => Some(Channel::Field),
        "电话" | "电销" => Some(Channel::Phone),
        "线上" | "网络" | "网销" => Some(Channel::Online),
        "门店" | "店面" | "店铺" => Some(Channel::Store),
        t => Channel::from_str(t).ok(),
    }
}

pub fn parse_employment(text: &str) -> Option<Employment> {
    match text.trim().to_ascii_lowercase().replace(['_', ' '], "-").as_str() {
        "兼职" | "part-time" | "parttime" | "pt" => Some(Employment::PartTime),
        "全职" | "full-time" | "fulltime" | "ft" => Some(Employment::FullTime),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(name: &str) -> RepFields {
        RepFields { name: name.into(), ..RepFields::default() }
    }

    #[test]
    fn defaults_fill_blank_fields() {
        let draft = fields(" 李娜 ").validate().unwrap();
        assert_eq!(draft.name, "李娜");
        assert_eq!(draft.employment, Employment::PartTime);
        assert_eq!(draft.channel, Channel::Store);
        assert_eq!(draft.commission_bp, 0);
        assert_eq!(draft.max_weekly_hours, None);
    }

    #[test]
    fn each_bad_field_is_named() {
        type Spoil = fn(&mut RepFields);
        let cases: [(&str, Spoil); 7] = [
            ("name", |f| f.name.clear()),
            ("email", |f| f.email = "nope".into()),
            ("channel", |f| f.channel = "carrier pigeon".into()),
            ("employment", |f| f.employment = "sometimes".into()),
            ("hourly_rate", |f| f.hourly_rate = "-3".into()),
            ("max_weekly_hours", |f| f.max_weekly_hours = "200".into()),
            ("hired_on", |f| f.hired_on = "yesterday".into()),
        ];
        for (field, spoil) in cases {
            let mut f = fields("Alice Chen");
            spoil(&mut f);
            assert_eq!(f.validate().unwrap_err().field, field);
        }
    }

    #[test]
    fn reads_chinese_words() {
        assert_eq!(parse_employment("兼职"), Some(Employment::PartTime));
        assert_eq!(parse_employment("Full Time"), Some(Employment::FullTime));
        assert_eq!(parse_channel("电话"), Some(Channel::Phone));
        assert_eq!(parse_channel("Store"), Some(Channel::Store));
    }

    #[test]
    fn a_stored_rep_round_trips_through_its_fields() {
        let draft = RepFields {
            name: "Bob Smith".into(),
            phone: "139 1234 5678".into(),
            email: "Bob@Example.com".into(),
            channel: "field".into(),
            employment: "full-time".into(),
            team: "North".into(),
            hourly_rate: "22.50".into(),
            commission_rate: "5.5%".into(),
            max_weekly_hours: "40".into(),
            hired_on: "2025-03-01".into(),
        }
        .validate()
        .unwrap();
        let rep = Rep {
            id: 1,
            name: draft.name.clone(),
            phone: draft.phone.clone(),
            email: draft.email.clone(),
            channel: draft.channel,
            employment: draft.employment,
            team: draft.team.clone(),
            hourly_rate: draft.hourly_rate,
            commission_bp: draft.commission_bp,
            max_weekly_hours: draft.max_weekly_hours,
            active: true,
            hired_on: draft.hired_on,
        };
        assert_eq!(RepFields::of(&rep).validate().unwrap(), draft);
        assert_eq!(draft.email.as_deref(), Some("bob@example.com"));
    }
}
