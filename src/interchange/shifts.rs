//! Shifts in and out of CSV: `rep,date,start,end,location,status`, the names rosters use in
//! English and Chinese.

use super::columns::{Mapping, Row};
use super::csv_in::{ReadError, Table};
use super::shape::DateOrder;
use crate::domain::message::Message;
use crate::domain::model::{Location, Shift, ShiftStatus, format_time_of_day, parse_time_of_day};

pub const ALIASES: &[(&str, &[&str])] = &[
    ("rep", &["rep", "name", "employee", "staff", "sales rep", "姓名", "员工", "销售", "销售员"]),
    ("date", &["date", "day", "shift date", "日期", "班次日期"]),
    ("start", &["start", "from", "start time", "begins", "开始", "开始时间", "上班"]),
    ("end", &["end", "to", "end time", "ends", "结束", "结束时间", "下班"]),
    ("location", &["location", "place", "where", "地点", "岗位"]),
    ("status", &["status", "state", "状态"]),
];

/// The columns `export shifts` writes; import reads them back.
pub const EXPORT: [&str; 6] = ["rep", "date", "start", "end", "location", "status"];

/// One row read: the rep by name (the import finds them) and the shift without a rep id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftRow {
    pub line: u64,
    pub rep: String,
    /// The shift with the file's times; its place and status are those below, or for a
    /// new shift with no cell for them, the rep's channel (or the store) and scheduled.
    pub shift: Shift,
    /// The place, when the file gives one: a shift already stored keeps its own otherwise.
    pub location: Option<Location>,
    /// The status, when the file gives one: a shift already stored keeps its own otherwise.
    pub status: Option<ShiftStatus>,
}

/// A row read, or its line and why it cannot be.
pub type Read = Result<ShiftRow, (u64, Message)>;

/// Each row of the file as a shift, or its line and why not.
pub fn rows(table: &Table, mapping: Mapping) -> Result<Vec<Read>, ReadError> {
    for field in ["rep", "date", "start", "end"] {
        mapping.require_one_of(&[field])?;
    }
    Ok(mapping.rows(table).iter().map(|r| row(r).map_err(|reason| (r.line, reason))).collect())
}

/// The columns of a shifts file.
pub fn mapping(table: &Table, overrides: &[String], dates: Option<DateOrder>) -> Result<Mapping, ReadError> {
    Mapping::of(table, ALIASES, overrides, "shifts", false, dates)
}

fn row(r: &Row) -> Result<ShiftRow, Message> {
    let (line, get) = (r.line, |field: &str| r.get(field).unwrap_or_default());
    let on = |field: &'static str, message: Message| {
        Message::new("error.field").arg("field", field).part("message", message)
    };
    let rep = get("rep");
    if rep.is_empty() {
        return Err(on("rep", Message::new("import.shift_no_rep")));
    }
    let date = r
        .date("date")
        .ok()
        .flatten()
        .ok_or_else(|| on("date", Message::new("invalid.date").arg("value", get("date"))))?;
    let time = |field: &'static str| {
        parse_time_of_day(get(field)).ok_or_else(|| on(field, Message::new("cli.not_a_time").arg("value", get(field))))
    };
    let (start_min, end_min) = (time("start")?, time("end")?);
    let location = match get("location") {
        "" => None,
        text => Some(
            crate::domain::model::Location::parse_loose(text)
                .ok_or_else(|| on("location", Message::new("cli.not_a_location").arg("value", text)))?,
        ),
    };
    let status = match get("status") {
        "" => None,
        text => Some(
            text.to_lowercase()
                .parse()
                .map_err(|_| on("status", Message::new("import.bad_status").arg("value", text)))?,
        ),
    };
    let shift = Shift {
        id: 0,
        rep_id: 0,
        date,
        start_min,
        end_min,
        location: location.unwrap_or(Location::Store),
        status: status.unwrap_or(ShiftStatus::Scheduled),
    };
    Ok(ShiftRow { line, rep: rep.to_string(), shift, location, status })
}

/// A shift as an export row.
pub fn export_row(shift: &Shift, rep: &str) -> Vec<String> {
    vec![
        rep.to_string(),
        shift.date.to_string(),
        format_time_of_day(shift.start_min),
        format_time_of_day(shift.end_min),
        shift.location.to_string(),
        shift.status.to_string(),
    ]
}
