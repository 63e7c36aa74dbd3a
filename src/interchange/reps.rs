//! Reps in and out of CSV: the column names spreadsheets and CRMs use, English and Chinese.

use super::csv_in::{ReadError, Table, map_columns};
use crate::domain::model::Rep;
use crate::domain::money::display_rate_bp;
use crate::domain::rep::{REP_FIELD_NAMES, RepFields, RepsFile};
use chrono::NaiveDate;

/// The names each field goes by; compared after [`super::csv_in::normalise_header`].
pub const ALIASES: &[(&str, &[&str])] = &[
    (
        "name",
        &[
            "name",
            "full name",
            "rep",
            "sales rep",
            "sales agent",
            "agent",
            "owner",
            "salesperson",
            "姓名",
            "名字",
            "销售",
            "销售员",
            "业务员",
        ],
    ),
    ("phone", &["phone", "mobile", "tel", "telephone", "cell", "phone number", "电话", "手机", "手机号", "联系电话"]),
    ("email", &["email", "e mail", "mail", "email address", "邮箱", "电子邮件", "电子邮箱"]),
    ("channel", &["channel", "渠道", "销售渠道"]),
    ("employment", &["employment", "employment type", "type", "contract", "用工类型", "雇佣类型", "类型", "全职/兼职"]),
    ("team", &["team", "group", "regional office", "region", "office", "团队", "小组", "部门", "区域"]),
    ("hourly_rate", &["hourly rate", "rate", "wage", "hourly wage", "pay rate", "时薪", "小时工资"]),
    ("commission_rate", &["commission rate", "commission", "提成", "佣金", "提成比例"]),
    (
        "max_weekly_hours",
        &["max weekly hours", "max hours", "hours per week", "weekly hours", "每周最多工时", "最多工时", "周工时上限"],
    ),
    ("hired_on", &["hired on", "hired", "hire date", "start date", "入职日期", "入职时间"]),
];

/// The rows of a reps file as raw fields, each with its line number.
pub fn read(table: &Table, overrides: &[String]) -> Result<RepsFile, ReadError> {
    let map = map_columns(&table.header, ALIASES, overrides, "reps")?;
    if !map.contains_key("name") {
        return Err(ReadError::Missing { field: "name" });
    }
    let mut columns: Vec<&'static str> = map.keys().copied().collect();
    columns.sort();
    let rows = table
        .records
        .iter()
        .map(|(line, cells)| {
            let mut fields = RepFields::default();
            for (field, &column) in &map {
                let value = cells.get(column).map(|c| c.trim()).unwrap_or_default();
                let value = if *field == "hired_on" { iso_date(value) } else { value.to_string() };
                if let Some(slot) = fields.get_mut(field) {
                    *slot = value;
                }
            }
            (*line, fields)
        })
        .collect();
    Ok(RepsFile { columns, rows })
}

/// `2026/11/23`, `11/23/2026`, `2026年11月23日`, `2026-11-23 10:00` → `2026-11-23`;
/// anything else is left as written, for validation to name.
pub fn iso_date(text: &str) -> String {
    let t = text.trim();
    let day_part = t.split([' ', 'T']).next().unwrap_or(t);
    for format in ["%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%Y年%m月%d日", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(day_part, format) {
            return d.to_string();
        }
    }
    t.to_string()
}

/// The export header: the import's own field names, plus whether the rep is active.
pub fn header() -> Vec<&'static str> {
    let mut h = REP_FIELD_NAMES.to_vec();
    h.push("active");
    h
}

pub fn row(rep: &Rep) -> Vec<String> {
    let f = RepFields::of(rep);
    let mut cells: Vec<String> = REP_FIELD_NAMES.iter().map(|n| f.get(n).to_string()).collect();
    // Commission as written for people (5%), which import reads back.
    cells[7] = display_rate_bp(rep.commission_bp);
    cells.push(if rep.active { "yes".into() } else { "no".into() });
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::csv_in::parse;

    #[test]
    fn reads_chinese_headers_and_loose_dates() {
        let table = parse("姓名,手机,类型,时薪,提成,入职日期\n李娜,139 1234 5678,兼职,¥25,5%,2025年3月1日\n").unwrap();
        let rows = read(&table, &[]).unwrap();
        let draft = rows.rows[0].1.validate().unwrap();
        assert_eq!(draft.name, "李娜");
        assert_eq!(draft.hourly_rate.cents(), 2_500);
        assert_eq!(draft.commission_bp, 500);
        assert_eq!(draft.hired_on.unwrap().to_string(), "2025-03-01");
    }

    #[test]
    fn a_crm_team_export_maps_without_help() {
        let table = parse("sales_agent,manager,regional_office\nMoses Frase,Dustin Brinkmann,Central\n").unwrap();
        let rows = read(&table, &[]).unwrap();
        assert_eq!((rows.rows[0].1.name.as_str(), rows.rows[0].1.team.as_str()), ("Moses Frase", "Central"));
        assert_eq!(rows.columns, ["name", "team"]);
    }

    #[test]
    fn no_name_column_says_how_to_map_it() {
        let table = parse("who,phone\nx,1\n").unwrap();
        assert_eq!(read(&table, &[]).unwrap_err(), ReadError::Missing { field: "name" });
        assert_eq!(read(&table, &["name=who".into()]).unwrap().rows[0].1.name, "x");
    }

    #[test]
    fn dates() {
        assert_eq!(iso_date("11/23/2026"), "2026-11-23");
        assert_eq!(iso_date("2026/11/23 10:00"), "2026-11-23");
        assert_eq!(iso_date("soon"), "soon");
    }
}
