//! Leads and deals from the exports of real CRMs (Zoho, Pipedrive, HubSpot, Salesforce)
//! and plain spreadsheets, in English and Chinese, read into rows the service can apply.

use super::csv_in::{ReadError, Table, map_columns};
use crate::domain::lead_form::parse_category;
use crate::domain::model::Stage;
use crate::domain::money::Money;
use chrono::NaiveDate;

/// The names lead columns go by.
pub const LEAD_ALIASES: &[(&str, &[&str])] = &[
    (
        "name",
        &[
            "name",
            "lead name",
            "full name",
            "contact name",
            "contact",
            "person",
            "customer",
            "姓名",
            "客户名称",
            "客户",
            "联系人",
            "客户姓名",
        ],
    ),
    ("first_name", &["first name", "firstname", "given name", "名"]),
    ("last_name", &["last name", "lastname", "surname", "family name", "姓"]),
    (
        "company",
        &[
            "company",
            "company name",
            "account",
            "account name",
            "organization",
            "organisation",
            "organization name",
            "公司",
            "公司名称",
            "单位",
            "企业名称",
        ],
    ),
    (
        "phone",
        &[
            "phone",
            "mobile",
            "phone number",
            "mobile phone",
            "telephone",
            "tel",
            "cell",
            "电话",
            "手机",
            "手机号",
            "联系电话",
            "手机号码",
        ],
    ),
    ("email", &["email", "e mail", "email address", "邮箱", "电子邮件", "电子邮箱"]),
    ("source", &["lead source", "source", "original source", "来源", "线索来源", "客户来源"]),
    ("channel", &["channel", "渠道"]),
    ("category", &["category", "customer type", "客户类型", "类别", "客户等级"]),
    ("stage", &["lead status", "status", "stage", "lifecycle stage", "阶段", "状态", "跟进状态"]),
    (
        "owner",
        &[
            "lead owner",
            "owner",
            "contact owner",
            "sales rep",
            "salesperson",
            "assigned to",
            "负责人",
            "销售",
            "跟进人",
            "业务员",
        ],
    ),
    (
        "follow_up",
        &["next follow up", "follow up", "follow up date", "next activity date", "下次跟进", "跟进日期", "下次联系"],
    ),
    ("value", &["estimated value", "value", "amount", "deal value", "annual revenue", "预计金额", "金额"]),
    (
        "created",
        &["created time", "create date", "created date", "created", "date created", "创建时间", "创建日期", "日期"],
    ),
    ("external_id", &["external id", "id", "lead id", "record id", "zoho id", "编号", "线索编号"]),
    ("note", &["description", "notes", "note", "备注", "说明"]),
    ("lost_reason", &["lost reason", "reason lost", "loss reason", "输单原因", "丢单原因"]),
];

/// A lead file needs at least one of these columns to say who the customer is.
pub const LEAD_IDENTITY: &[&str] = &["name", "first_name", "last_name", "company"];

/// The names deal columns go by.
pub const DEAL_ALIASES: &[(&str, &[&str])] = &[
    (
        "rep",
        &[
            "rep",
            "deal owner",
            "opportunity owner",
            "owner",
            "sales agent",
            "sales rep",
            "salesperson",
            "负责人",
            "销售",
            "业务员",
        ],
    ),
    ("customer", &["contact name", "contact person", "contact", "person", "customer", "客户", "联系人", "客户名称"]),
    (
        "company",
        &["account name", "account", "organization", "organisation", "company", "company name", "公司", "公司名称"],
    ),
    ("phone", &["phone", "mobile", "phone number", "电话", "手机"]),
    ("email", &["email", "e mail", "email address", "邮箱"]),
    ("stage", &["deal stage", "stage", "sales stage", "阶段", "销售阶段"]),
    ("status", &["status", "deal status", "状态"]),
    ("amount", &["amount", "value", "deal value", "close value", "opportunity amount", "金额", "成交金额", "合同金额"]),
    ("currency", &["currency", "币种"]),
    (
        "opened",
        &[
            "opened",
            "created time",
            "create date",
            "created",
            "engage date",
            "deal created",
            "add time",
            "创建日期",
            "创建时间",
        ],
    ),
    (
        "closed",
        &["closed", "close date", "closing date", "won time", "closed date", "actual close date", "成交日期", "日期"],
    ),
    ("product", &["product", "product name", "产品"]),
    ("external_id", &["external id", "deal id", "opportunity id", "record id", "id", "编号", "商机编号"]),
];

/// Reads the stage words of CRMs: their lead statuses, deal stages, in English or Chinese.
pub fn lead_stage(text: &str) -> Option<Stage> {
    let t = text.trim().to_lowercase();
    Some(match t.as_str() {
        "" => return None,
        "new" | "open" | "not contacted" | "new lead" | "lead" | "subscriber" | "新建" | "新线索" | "未联系" | "新" => {
            Stage::New
        }
        "contacted"
        | "attempted to contact"
        | "working"
        | "working - contacted"
        | "contact in future"
        | "in progress"
        | "prospecting"
        | "contact made"
        | "已联系"
        | "跟进中"
        | "联系中" => Stage::Contacted,
        "qualified"
        | "pre-qualified"
        | "sales qualified"
        | "marketing qualified"
        | "engaging"
        | "qualification"
        | "marketingqualifiedlead"
        | "salesqualifiedlead"
        | "qualified to buy"
        | "needs defined"
        | "已确认"
        | "有意向"
        | "意向" => Stage::Qualified,
        "proposal"
        | "negotiation"
        | "presentation"
        | "proposal/price quote"
        | "negotiation/review"
        | "opportunity"
        | "proposal made"
        | "negotiations started"
        | "presentation scheduled"
        | "报价"
        | "方案"
        | "谈判" => Stage::Proposal,
        _ => return deal_outcome(&t),
    })
}

/// Won or lost from a status or stage column, per the design's words; anything else is open.
pub fn deal_outcome(text: &str) -> Option<Stage> {
    match text.trim().to_lowercase().as_str() {
        "won" | "closed won" | "closed-won" | "成交" | "赢单" | "converted" | "closed - converted" | "customer"
        | "已成交" => Some(Stage::Won),
        "lost"
        | "closed lost"
        | "closed-lost"
        | "closed - not converted"
        | "输单"
        | "丢单"
        | "junk lead"
        | "not qualified"
        | "unqualified"
        | "disqualified"
        | "无效" => Some(Stage::Lost),
        _ => None,
    }
}

/// `2026-11-23`, `2026/11/23`, `11/23/2026`, `2026年11月23日`, with or without a time.
pub fn loose_date(text: &str) -> Option<NaiveDate> {
    // A time after the day (`2026-11-23 09:00:00`, `2026-11-23T09:00`) does not change the day.
    let day = text.trim().split([' ', 'T']).next()?;
    if day.is_empty() {
        return None;
    }
    ["%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%Y年%m月%d日", "%Y.%m.%d", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(day, f).ok())
}

/// An amount as files write it; a decimal comma (`1.234,50`, `12,5`) is recognised by its shape.
pub fn loose_money(text: &str) -> Option<Money> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let (comma, dot) = (t.rfind(','), t.rfind('.'));
    let decimal_comma = match (comma, dot) {
        (Some(c), Some(d)) => c > d,
        (Some(c), None) => {
            let after = t[c + 1..].chars().filter(char::is_ascii_digit).count();
            (1..=2).contains(&after) && t.matches(',').count() == 1
        }
        _ => false,
    };
    Money::parse(t, decimal_comma).ok()
}

/// Chinese, Japanese or Korean script, where a family name comes first with no space.
fn is_cjk(text: &str) -> bool {
    text.chars().any(
        |c| matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF),
    )
}

/// One row of a file, as the column map reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    /// The mapped fields, shared by every row of the file; a handful, so a scan beats a map.
    fields: std::sync::Arc<[&'static str]>,
    /// The cells of `fields`, in their order, in one buffer.
    cells: csv::StringRecord,
}

impl Row {
    pub fn get(&self, field: &str) -> Option<&str> {
        let at = self.fields.iter().position(|f| *f == field)?;
        self.cells.get(at).map(str::trim).filter(|s| !s.is_empty())
    }

    pub fn owned(&self, field: &str) -> Option<String> {
        self.get(field).map(str::to_string)
    }

    /// The person's name: the name column, else first and last name (a Chinese pair without a space).
    pub fn person(&self) -> Option<String> {
        self.owned("name").or_else(|| match (self.get("first_name"), self.get("last_name")) {
            (Some(f), Some(l)) if is_cjk(f) || is_cjk(l) => Some(format!("{l}{f}")),
            (Some(f), Some(l)) => Some(format!("{f} {l}")),
            (Some(one), None) | (None, Some(one)) => Some(one.to_string()),
            (None, None) => None,
        })
    }

    pub fn category(&self) -> Option<crate::domain::model::Category> {
        self.get("category").and_then(parse_category)
    }
}

/// The rows of a file of leads or deals, each with its line number.
pub fn rows(
    table: &Table,
    aliases: &[(&'static str, &[&str])],
    overrides: &[String],
    kind: &'static str,
    needs_one_of: &[&'static str],
) -> Result<Vec<Row>, ReadError> {
    let map = map_columns(&table.header, aliases, overrides, kind)?;
    if !needs_one_of.iter().any(|f| map.contains_key(f)) {
        return Err(ReadError::Missing { field: needs_one_of[0] });
    }
    let (fields, columns): (Vec<&'static str>, Vec<usize>) = map.into_iter().unzip();
    let fields: std::sync::Arc<[&'static str]> = fields.into();
    Ok(table
        .records
        .iter()
        .map(|(line, cells)| Row {
            line: *line,
            fields: fields.clone(),
            cells: columns.iter().map(|&i| cells.get(i).unwrap_or_default()).collect(),
        })
        .collect())
}

/// The columns `export leads` writes: the import's own field names, so the file reads back.
pub const LEAD_EXPORT: [&str; 15] = [
    "external_id",
    "name",
    "company",
    "phone",
    "email",
    "source",
    "channel",
    "category",
    "stage",
    "lost_reason",
    "owner",
    "follow_up",
    "value",
    "created",
    "note",
];

/// A lead's row; one without an id of its own gets `repdesk-<id>`, so importing the file
/// again into any database recognises it.
pub fn lead_row(lead: &crate::domain::model::Lead, owner: Option<&str>) -> Vec<String> {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        lead.external_id.clone().unwrap_or_else(|| format!("repdesk-{}", lead.id)),
        lead.name.clone(),
        o(&lead.company),
        o(&lead.phone),
        o(&lead.email),
        o(&lead.source),
        lead.channel.map(|c| c.to_string()).unwrap_or_default(),
        lead.category.to_string(),
        lead.stage.to_string(),
        o(&lead.lost_reason),
        owner.unwrap_or_default().to_string(),
        lead.next_follow_up.map(|d| d.to_string()).unwrap_or_default(),
        if lead.estimated_value.cents() == 0 { String::new() } else { lead.estimated_value.to_decimal() },
        lead.created_on.to_string(),
        o(&lead.note),
    ]
}

/// The columns `export deals` writes: every sale as a won deal, readable by `import deals`.
pub const DEAL_EXPORT: [&str; 9] =
    ["external_id", "rep", "customer", "company", "status", "amount", "opened", "closed", "product"];

/// The columns `export activities` writes.
pub const ACTIVITY_EXPORT: [&str; 7] = ["lead_id", "customer", "rep", "kind", "at", "outcome", "note"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::csv_in::parse;

    #[test]
    fn stage_words_of_crms() {
        assert_eq!(lead_stage("Attempted to Contact"), Some(Stage::Contacted));
        assert_eq!(lead_stage("Pre-Qualified"), Some(Stage::Qualified));
        assert_eq!(lead_stage("Engaging"), Some(Stage::Qualified));
        assert_eq!(lead_stage("Prospecting"), Some(Stage::Contacted));
        assert_eq!(lead_stage("Closed Won"), Some(Stage::Won));
        assert_eq!(lead_stage("赢单"), Some(Stage::Won));
        assert_eq!(lead_stage("丢单"), Some(Stage::Lost));
        assert_eq!(deal_outcome("CLOSED LOST"), Some(Stage::Lost));
        assert_eq!(deal_outcome("Negotiation"), None);
        assert_eq!(lead_stage("something else"), None);
    }

    #[test]
    fn dates_and_amounts_as_files_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23);
        for text in
            ["2026-11-23", "2026/11/23", "11/23/2026", "2026年11月23日", "2026-11-23 14:05", "2026-11-23T14:05:00"]
        {
            assert_eq!(loose_date(text), d, "{text}");
        }
        assert_eq!(loose_date("soon"), None);
        assert_eq!(loose_money("¥1,234.50"), Some(Money(123_450)));
        assert_eq!(loose_money("￥1,234.50"), Some(Money(123_450)));
        assert_eq!(loose_money("$1,234"), Some(Money(123_400)));
        assert_eq!(loose_money("1.234,50"), Some(Money(123_450)));
        assert_eq!(loose_money("12,5"), Some(Money(1_250)));
        assert_eq!(loose_money("1234"), Some(Money(123_400)));
        assert_eq!(loose_money("n/a"), None);
    }

    #[test]
    fn zoho_and_salesforce_lead_exports_map_without_help() {
        let zoho = parse("Record Id,First Name,Last Name,Company,Mobile,Email,Lead Source,Lead Status,Lead Owner,Created Time\nzcrm_1,Mary,Jones,Jones Bakery,555-0100,mary@jb.example,Web,Contacted,Bob Smith,2026-11-01 09:00:00\n").unwrap();
        let read = rows(&zoho, LEAD_ALIASES, &[], "leads", LEAD_IDENTITY).unwrap();
        let r = &read[0];
        assert_eq!(r.person().as_deref(), Some("Mary Jones"));
        assert_eq!(
            (r.get("company"), r.get("owner"), r.get("external_id")),
            (Some("Jones Bakery"), Some("Bob Smith"), Some("zcrm_1"))
        );
        assert_eq!(lead_stage(r.get("stage").unwrap()), Some(Stage::Contacted));
        let chinese = parse("姓,名,公司,手机,负责人\n王,伟,王记五金,13912345678,李娜\n").unwrap();
        let read = rows(&chinese, LEAD_ALIASES, &[], "leads", LEAD_IDENTITY).unwrap();
        assert_eq!(read[0].person().as_deref(), Some("王伟"));
        let accented = parse("First Name,Last Name\nJosé,García\n").unwrap();
        let read = rows(&accented, LEAD_ALIASES, &[], "leads", LEAD_IDENTITY).unwrap();
        assert_eq!(read[0].person().as_deref(), Some("José García"));
    }
}
