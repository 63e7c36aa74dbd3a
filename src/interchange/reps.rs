//! Reps in and out of CSV: the column names spreadsheets and CRMs use, English and Chinese.

use super::columns::Mapping;
use super::csv_in::{ReadError, Table};
use super::shape::DateOrder;
use crate::domain::model::Rep;
use crate::domain::money::display_rate_bp;
use crate::domain::rep::{REP_FIELD_NAMES, RepFields, RepsFile};

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

/// The columns of a reps file. A file of customers is refused before anything is written:
/// its owner column would read as reps' names and its customers' phones as theirs.
pub fn mapping(table: &Table, overrides: &[String], dates: Option<DateOrder>) -> Result<Mapping, ReadError> {
    let mapping = Mapping::of(table, ALIASES, overrides, "reps", false, dates)?;
    if !overrides.iter().any(|o| o.trim().starts_with("name=")) {
        let telltale = customer_columns(table);
        if !telltale.is_empty() {
            return Err(ReadError::WrongKind(
                crate::domain::message::Message::new("read.customers_not_reps").arg("columns", telltale.join(", ")),
            ));
        }
    }
    mapping.require_one_of(&["name"])?;
    Ok(mapping)
}

/// The columns only a file of customers has: a company, a lead status, a source, a value.
fn customer_columns(table: &Table) -> Vec<String> {
    const CUSTOMER_FIELDS: [&str; 6] = ["company", "source", "category", "follow_up", "value", "stage"];
    let Ok(map) = super::csv_in::map_columns(&table.header, super::leads::LEAD_ALIASES, &[], "leads") else {
        return Vec::new();
    };
    let mut columns: Vec<usize> = CUSTOMER_FIELDS.iter().filter_map(|f| map.get(f).copied()).collect();
    columns.sort();
    // A plain status column can be a rep's (active / inactive); a lead status cannot.
    columns
        .into_iter()
        .map(|i| table.header[i].trim().to_string())
        .filter(|h| !matches!(super::csv_in::normalise_header(h).as_str(), "status" | "状态"))
        .collect()
}

/// A reps file read with its own columns and `--map`, dates read as its values tell.
pub fn file(table: &Table, overrides: &[String]) -> Result<RepsFile, ReadError> {
    mapping(table, overrides, None).map(|m| read(table, m))
}

/// The rows of a reps file as raw fields, each with its line number: dates as ISO, amounts
/// with a decimal point, as the rep's validation reads them.
pub fn read(table: &Table, mapping: Mapping) -> RepsFile {
    let mut columns: Vec<&'static str> = mapping.columns.iter().map(|c| c.field).collect();
    columns.sort();
    columns.dedup();
    let rows = mapping
        .rows(table)
        .into_iter()
        .map(|row| {
            let mut fields = RepFields::default();
            for field in &columns {
                let value = match *field {
                    "hired_on" => row.date(field).ok().flatten().map(|d| d.to_string()),
                    "hourly_rate" => row.amount(field).ok().flatten().map(|m| m.to_decimal()),
                    _ => None,
                };
                let value = value.or_else(|| row.owned(field)).unwrap_or_default();
                if let Some(slot) = fields.get_mut(field) {
                    *slot = value;
                }
            }
            (row.line, fields)
        })
        .collect();
    RepsFile { columns, rows }
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

    fn rows(text: &str, overrides: &[String]) -> Result<RepsFile, ReadError> {
        file(&parse(text).unwrap(), overrides)
    }

    #[test]
    fn reads_chinese_headers_and_loose_dates() {
        let rows =
            rows("姓名,手机,类型,时薪,提成,入职日期\n李娜,139 1234 5678,兼职,¥25,5%,2025年3月1日\n", &[]).unwrap();
        let draft = rows.rows[0].1.validate().unwrap();
        assert_eq!(draft.name, "李娜");
        assert_eq!(draft.hourly_rate.cents(), 2_500);
        assert_eq!(draft.commission_bp, 500);
        assert_eq!(draft.hired_on.unwrap().to_string(), "2025-03-01");
    }

    #[test]
    fn a_crm_team_export_maps_without_help() {
        let rows = rows("sales_agent,manager,regional_office\nMoses Frase,Dustin Brinkmann,Central\n", &[]).unwrap();
        assert_eq!((rows.rows[0].1.name.as_str(), rows.rows[0].1.team.as_str()), ("Moses Frase", "Central"));
        assert_eq!(rows.columns, ["name", "team"]);
    }

    #[test]
    fn no_name_column_says_how_to_map_it() {
        assert_eq!(rows("who,phone\nx,1\n", &[]).unwrap_err(), ReadError::Missing { field: "name" });
        assert_eq!(rows("who,phone\nx,1\n", &["name=who".into()]).unwrap().rows[0].1.name, "x");
    }

    #[test]
    fn a_file_of_customers_is_not_a_file_of_reps() {
        let leads = "Lead Owner,First Name,Company,Phone,Lead Status\nBob Smith,Mary,Jones Bakery,555,Contacted\n";
        let err = rows(leads, &[]).unwrap_err().to_string();
        assert!(err.contains("file of customers") && err.contains("Company, Lead Status"), "{err}");
        assert!(rows("name,phone,status\nAna,555,active\n", &[]).is_ok(), "a rep's status is no customer's");
    }
}
