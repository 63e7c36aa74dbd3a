//! Leads and deals from the exports of real CRMs (Zoho, Pipedrive, HubSpot, Salesforce)
//! and plain spreadsheets, in English and Chinese, read into rows the service can apply.

use super::columns::{Mapping, PHONE_NAMES, Row};
use super::csv_in::{ReadError, Table, normalise_header};
use super::shape::DateOrder;

/// The names lead columns go by.
pub const LEAD_ALIASES: &[(&str, &[&str])] = &[
    (
        "name",
        &[
            // Pipedrive names both the person and the organization "Name": the person's wins.
            "person name",
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
            "company / account",
            "公司",
            "公司名称",
            "单位",
            "企业名称",
        ],
    ),
    ("phone", PHONE_NAMES),
    ("email", EMAIL_NAMES),
    ("source", &["lead source", "source", "original source", "来源", "线索来源", "客户来源"]),
    ("channel", &["channel", "渠道"]),
    (
        "category",
        &["category", "customer type", "customer level", "客户类型", "类别", "客户等级", "客户级别", "客户分类"],
    ),
    (
        "stage",
        &[
            "lead status",
            "status reason",
            "status",
            "stage",
            "lifecycle stage",
            "阶段",
            "状态",
            "跟进状态",
            "线索状态",
            "客户状态",
            "销售阶段",
        ],
    ),
    (
        "owner",
        &[
            "lead owner",
            "owner",
            "contact owner",
            "sales rep",
            "salesperson",
            "assigned to",
            "responsible",
            "responsible person",
            "负责人",
            "销售",
            "跟进人",
            "业务员",
            "归属人",
        ],
    ),
    (
        "follow_up",
        &[
            "next follow up",
            "follow up",
            "follow up date",
            "next activity date",
            "下次跟进",
            "下次跟进时间",
            "跟进日期",
            "下次联系",
            "下次联系时间",
        ],
    ),
    // Not "annual revenue": that is what the customer's company turns over, not what it may buy.
    ("value", &["estimated value", "value", "amount", "deal value", "expected revenue", "预计金额", "金额"]),
    (
        "created",
        &[
            "created time",
            "create date",
            "created date",
            "created on",
            "created",
            "date created",
            "person created",
            "创建时间",
            "创建日期",
            "日期",
        ],
    ),
    (
        "external_id",
        &["external id", "id", "lead id", "record id", "zoho id", "编号", "线索编号", "客户编号", "客户id"],
    ),
    ("note", &["description", "notes", "note", "备注", "说明"]),
    ("lost_reason", &["lost reason", "reason lost", "loss reason", "输单原因", "丢单原因"]),
];

/// Headers of a name column that holds an account (a company) rather than a person.
const ACCOUNT_NAMES: &[&str] =
    &["客户名称", "客户", "客户全称", "account name", "account", "customer", "customer name"];
/// Headers of the column that names an account's person.
const CONTACT_NAMES: &[&str] =
    &["联系人", "联系人姓名", "contact", "contact name", "contact person", "primary contact"];

/// A customer file's columns. Where the name column holds an account (客户名称, as Chinese
/// CRMs export their customers) and another column names its contact, the contact is the
/// name and the account the company, unless `--map` says otherwise.
pub fn lead_mapping(table: &Table, overrides: &[String], dates: Option<DateOrder>) -> Result<Mapping, ReadError> {
    let mapping = Mapping::of(table, LEAD_ALIASES, overrides, "leads", true, dates)?;
    let named = |field: &str| overrides.iter().any(|o| o.trim().starts_with(&format!("{field}=")));
    let is = |names: &[&str], header: &str| names.iter().any(|n| normalise_header(n) == normalise_header(header));
    let account = mapping.columns.iter().find(|c| c.field == "name").filter(|c| is(ACCOUNT_NAMES, &c.header));
    let contact = table.header.iter().find(|h| is(CONTACT_NAMES, h));
    if let (Some(account), Some(contact), false) =
        (account, contact, mapping.has("company") || named("name") || named("company"))
    {
        let mut more = overrides.to_vec();
        more.extend([format!("name={contact}"), format!("company={}", account.header)]);
        let mapping = Mapping::of(table, LEAD_ALIASES, &more, "leads", true, dates)?;
        mapping.require_one_of(LEAD_IDENTITY)?;
        return Ok(mapping);
    }
    mapping.require_one_of(LEAD_IDENTITY)?;
    Ok(mapping)
}

/// The names an e-mail column goes by, in files of customers and of deals alike.
const EMAIL_NAMES: &[&str] = &[
    "email",
    "e mail",
    "email address",
    "work email",
    "primary email",
    "emails",
    "email 1",
    "business email",
    "邮箱",
    "电子邮件",
    "电子邮箱",
    "联系人邮箱",
];

/// A lead file needs at least one of these columns to say who the customer is.
pub const LEAD_IDENTITY: &[&str] = &["name", "first_name", "last_name", "company"];

/// A deal file needs at least one of these columns to say whose deal it is.
pub const DEAL_IDENTITY: &[&str] = &["customer", "company", "title", "external_id"];

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
            "responsible",
            "responsible person",
            "负责人",
            "销售",
            "业务员",
        ],
    ),
    (
        "customer",
        &[
            "person name",
            "contact name",
            "contact person",
            "associated contact",
            "contact",
            "person",
            "customer",
            "potential customer",
            "联系人",
            "联系人姓名",
        ],
    ),
    (
        "company",
        &[
            "organization name",
            "account name",
            "associated company",
            "account",
            "organization",
            "organisation",
            "company",
            "company name",
            "company / account",
            "公司",
            "公司名称",
            // A Chinese CRM's deal names its customer as an account.
            "客户名称",
            "客户全称",
            "客户",
        ],
    ),
    (
        "title",
        &[
            "deal title",
            "title",
            "opportunity name",
            "opportunity",
            "deal name",
            "topic",
            "商机名称",
            "订单名称",
            "标题",
        ],
    ),
    ("phone", PHONE_NAMES),
    ("email", EMAIL_NAMES),
    ("stage", &["deal stage", "stage", "sales stage", "阶段", "销售阶段"]),
    ("status", &["status", "deal status", "状态"]),
    (
        "amount",
        &[
            "amount",
            "value",
            "deal value",
            "deal amount",
            "close value",
            "opportunity amount",
            "expected revenue",
            "est revenue",
            "estimated revenue",
            "estimated value",
            "金额",
            "成交金额",
            "合同金额",
            "预计金额",
        ],
    ),
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
            "created date",
            "created on",
            "add time",
            "创建日期",
            "创建时间",
        ],
    ),
    (
        "closed",
        &[
            "closed",
            "close date",
            "closing date",
            "won time",
            "lost time",
            "closed date",
            "closed on",
            "deal closed on",
            "actual close date",
            "成交日期",
            "日期",
            "expected close date",
            "expected closing",
            "预计成交日期",
            "预计签单日期",
        ],
    ),
    ("product", &["product", "product name", "产品"]),
    ("lost_reason", &["lost reason", "reason lost", "loss reason", "closed lost reason", "输单原因", "丢单原因"]),
    ("external_id", &["external id", "deal id", "opportunity id", "record id", "id", "编号", "商机编号"]),
];

/// Whether an owner cell says that nobody owns the customer (`Unassigned`, `-`, `公海`):
/// such a customer is in the pool, not a rep's.
pub fn names_nobody(owner: &str) -> bool {
    const NOBODY: &[&str] = &[
        "unassigned",
        "none",
        "n/a",
        "na",
        "-",
        "--",
        "—",
        "nobody",
        "no owner",
        "null",
        "公海",
        "无",
        "未分配",
        "暂无",
        "空",
    ];
    let t = owner.trim();
    t.len() <= 10 && NOBODY.contains(&t.to_lowercase().as_str())
}

/// Chinese, Japanese or Korean script, where a family name comes first with no space.
fn is_cjk(text: &str) -> bool {
    text.chars().any(
        |c| matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF),
    )
}

/// The person's name: first and last name where the row has both (a Chinese pair without a
/// space), else the name column, else whichever of first or last it has. Both names beat a
/// name column, which some CRMs fill with the lead's title ("Website form request").
pub fn person(row: &Row) -> Option<String> {
    match (row.get("first_name"), row.get("last_name")) {
        (Some(f), Some(l)) if is_cjk(f) || is_cjk(l) => Some(format!("{l}{f}")),
        (Some(f), Some(l)) => Some(format!("{f} {l}")),
        (Some(one), None) | (None, Some(one)) => row.owned("name").or_else(|| Some(one.to_string())),
        (None, None) => row.owned("name"),
    }
}

/// The columns `export leads` writes: the import's own field names, so the file reads back.
pub const LEAD_EXPORT: [&str; 16] = [
    "external_id",
    "name",
    "company",
    "phone",
    "other_phones",
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
pub fn lead_row(lead: &crate::domain::model::Lead, more: &crate::store::leads::Exported) -> Vec<String> {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    let owner = more.owner.as_deref();
    vec![
        lead.external_id.clone().unwrap_or_else(|| format!("repdesk-{}", lead.id)),
        lead.name.clone(),
        o(&lead.company),
        o(&lead.phone),
        more.other_phones.clone(),
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

/// The columns `export deals` writes: every deal, open, won and lost, readable by `import deals`.
pub const DEAL_EXPORT: [&str; 14] = [
    "external_id",
    "title",
    "rep",
    "customer",
    "company",
    "phone",
    "email",
    "stage",
    "status",
    "amount",
    "opened",
    "closed",
    "lost_reason",
    "product",
];

/// A deal's row; one without an id of its own gets `repdesk-deal-<id>`, so importing the
/// file again into any database recognises it.
pub fn deal_row(d: &crate::store::deals::DealRow) -> Vec<String> {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    vec![
        d.deal.external_id.clone().unwrap_or_else(|| format!("repdesk-deal-{}", d.deal.id)),
        o(&d.deal.title),
        o(&d.rep),
        d.customer.clone(),
        o(&d.company),
        o(&d.phone),
        o(&d.email),
        d.deal.stage.to_string(),
        d.outcome.as_str().to_string(),
        d.deal.value.to_decimal(),
        day(d.deal.opened_on),
        day(d.deal.closed_on),
        o(&d.deal.lost_reason),
        o(&d.deal.product),
    ]
}

/// The columns `export activities` writes.
pub const ACTIVITY_EXPORT: [&str; 7] = ["lead_id", "customer", "rep", "kind", "at", "outcome", "note"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::columns::Mapping;
    use crate::interchange::csv_in::parse;

    fn rows(text: &str, aliases: &[(&'static str, &[&str])]) -> Vec<Row> {
        let table = parse(text).unwrap();
        Mapping::of(&table, aliases, &[], "leads", true, None).unwrap().rows(&table)
    }

    #[test]
    fn zoho_and_salesforce_lead_exports_map_without_help() {
        let read = rows(
            "Record Id,First Name,Last Name,Company,Phone,Mobile,Email,Lead Source,Lead Status,Lead Owner,Created Time\nzcrm_1,Mary,Jones,Jones Bakery,,555-0100,mary@jb.example,Web,Contacted,Bob Smith,2026-11-01 09:00:00\n",
            LEAD_ALIASES,
        );
        let r = &read[0];
        assert_eq!(person(r).as_deref(), Some("Mary Jones"));
        assert_eq!(
            (r.get("company"), r.get("owner"), r.get("external_id"), r.get("phone")),
            (Some("Jones Bakery"), Some("Bob Smith"), Some("zcrm_1"), Some("555-0100"))
        );
        let read = rows("姓,名,公司,手机,负责人\n王,伟,王记五金,13912345678,李娜\n", LEAD_ALIASES);
        assert_eq!(person(&read[0]).as_deref(), Some("王伟"));
        let read = rows("First Name,Last Name\nJosé,García\n", LEAD_ALIASES);
        assert_eq!(person(&read[0]).as_deref(), Some("José García"));
    }

    #[test]
    fn a_pipedrive_deal_knows_its_person_and_organization() {
        let read = rows(
            "Deal - ID,Deal - Title,Deal - Owner,Deal - Value,Person - Name,Person - Phone,Organization - Name,Deal - Lost reason\n7,Spring order,Bob,100,Mary Jones,555-0100,Jones Bakery,price\n",
            DEAL_ALIASES,
        );
        let r = &read[0];
        assert_eq!(
            (r.get("customer"), r.get("company"), r.get("title"), r.get("phone"), r.get("lost_reason")),
            (Some("Mary Jones"), Some("Jones Bakery"), Some("Spring order"), Some("555-0100"), Some("price"))
        );
    }
}
