//! The schedule's risks: a slot of the coming seven days under its staffing need, a rep
//! planned over their maximum hours, a shift outside the rep's availability, this week or
//! next. Each from the week's conflicts, as the Schedule tab finds them.

use super::{Flag, RiskRule, Severity, Subject, days};
use crate::domain::message::Message;
use crate::domain::model::format_time_of_day;
use crate::domain::schedule::Conflict;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The flag of a conflict of the week starting `week`, if it is one the Risks tab raises.
pub fn flag(c: &Conflict, week: NaiveDate, names: &HashMap<i64, String>, today: NaiveDate) -> Option<Flag> {
    let name = |id: &i64| names.get(id).cloned().unwrap_or_default();
    let span = |s: &crate::domain::schedule::Span| {
        format!("{}–{}", format_time_of_day(s.start_min), format_time_of_day(s.end_min))
    };
    match c {
        Conflict::Understaffed { date, span: s, location, met, needed } => {
            let ahead = days(today, *date);
            if !(0..7).contains(&ahead) {
                return None;
            }
            let key = format!(
                "slot:{date}:{}:{}-{}",
                location.as_str(),
                format_time_of_day(s.start_min),
                format_time_of_day(s.end_min)
            );
            Some(Flag {
                rule: RiskRule::Understaffed,
                severity: if ahead <= 2 { Severity::High } else { Severity::Medium },
                subject: Subject { key, name: String::new() },
                detail: Message::new("risks.detail.understaffed").arg("met", met).arg("needed", needed),
                since: today,
                level: i64::from(needed - met),
            })
        }
        Conflict::OverHours { rep_id, minutes, max_hours } => Some(Flag {
            rule: RiskRule::OverHours,
            severity: Severity::Medium,
            subject: Subject { key: format!("rep:{rep_id}:week:{week}"), name: name(rep_id) },
            detail: Message::new("risks.detail.over_hours")
                .day("week", week)
                .arg("hours", format!("{:.1}", *minutes as f64 / 60.0))
                .arg("max", max_hours),
            since: week,
            level: i64::from(*minutes) / 60 - i64::from(*max_hours),
        }),
        Conflict::OutsideAvailability { rep_id, shift_id, date, span: s } => Some(Flag {
            rule: RiskRule::OutsideAvailability,
            severity: Severity::Low,
            subject: Subject { key: format!("shift:{shift_id}"), name: name(rep_id) },
            detail: Message::new("risks.detail.outside_availability").day("day", *date).arg("span", span(s)),
            since: *date,
            level: 1,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_facts::d;
    use super::*;
    use crate::domain::model::Location;
    use crate::domain::schedule::Span;

    #[test]
    fn a_short_slot_in_the_coming_seven_days_and_rep_conflicts() {
        let names: HashMap<i64, String> = [(3, "Ana".to_string())].into();
        let short = |date: &str| Conflict::Understaffed {
            date: d(date),
            span: Span { start_min: 540, end_min: 780 },
            location: Location::Store,
            met: 0,
            needed: 1,
        };
        let week = d("2026-11-23");
        let today = d("2026-11-23");
        let f = flag(&short("2026-11-26"), week, &names, today).unwrap();
        assert_eq!(f.subject.key, "slot:2026-11-26:store:09:00-13:00");
        assert_eq!(f.severity, Severity::Medium);
        assert_eq!(flag(&short("2026-11-24"), week, &names, today).unwrap().severity, Severity::High);
        assert_eq!(flag(&short("2026-11-30"), week, &names, today), None, "7 days ahead");
        assert_eq!(flag(&short("2026-11-22"), week, &names, today), None, "gone by");
        let over = Conflict::OverHours { rep_id: 3, minutes: 25 * 60, max_hours: 20 };
        let f = flag(&over, week, &names, today).unwrap();
        assert_eq!((f.subject.key.as_str(), f.subject.name.as_str(), f.level), ("rep:3:week:2026-11-23", "Ana", 5));
    }
}
