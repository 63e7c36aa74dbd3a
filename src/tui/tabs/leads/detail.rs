//! A lead in full: its facts, its activities and every change of owner, stage and follow-up,
//! with who and when, read from the audit log.

use crate::domain::model::Lead;
use crate::store::{self, Store};
use crate::tui::popup::Popup;
use crate::tui::{Ctx, Show, theme};
use ratatui::text::{Line, Span};

/// How many activities the detail lists.
const ACTIVITIES: usize = 50;

fn rep_name(store: &Store, id: Option<i64>) -> String {
    id.and_then(|id| store::reps::get(store.conn(), id).ok()).map(|r| r.name).unwrap_or_else(|| "—".into())
}

/// What changed between two stored versions of a lead, in words.
fn change(ctx: &Ctx, store: &Store, action: &str, before: Option<&Lead>, after: Option<&Lead>) -> String {
    match (action, before, after) {
        ("add", _, Some(a)) => ctx.tf("history.added", &[("owner", &rep_name(store, a.owner_id))]),
        ("stage", Some(b), Some(a)) => {
            ctx.tf("history.stage", &[("from", &ctx.cat.label(b.stage)), ("to", &ctx.cat.label(a.stage))])
        }
        ("follow-up", _, Some(a)) => ctx.tf(
            "history.follow_up",
            &[("date", &a.next_follow_up.map(|d| d.to_string()).unwrap_or_else(|| "—".into()))],
        ),
        ("assign" | "claim" | "renew" | "release" | "to-pool", Some(b), Some(a)) => ctx.tf(
            "history.owner",
            &[
                ("action", &action),
                ("from", &rep_name(store, b.owner_id)),
                ("to", &rep_name(store, a.owner_id)),
                ("until", &a.protected_until.map(|d| d.to_string()).unwrap_or_else(|| "—".into())),
            ],
        ),
        ("extend", _, Some(a)) => ctx.tf(
            "history.extended",
            &[("until", &a.protected_until.map(|d| d.to_string()).unwrap_or_else(|| "—".into()))],
        ),
        ("claim-refused", _, _) => ctx.t("history.refused").to_string(),
        ("log", _, _) => ctx.t("history.logged").to_string(),
        (other, _, _) => other.to_string(),
    }
}

/// The line of an imported lead's history, as written before changes were recorded.
fn imported(ctx: &Ctx, store: &Store, after: Option<&str>) -> String {
    let value: serde_json::Value = after.and_then(|a| serde_json::from_str(a).ok()).unwrap_or_default();
    match value.get("line").and_then(|l| l.as_u64()) {
        Some(line) => {
            let owner = value.get("owner_id").and_then(|o| o.as_i64());
            ctx.tf("history.imported", &[("line", &line), ("owner", &rep_name(store, owner))])
        }
        None => "import".into(),
    }
}

/// The fields of a lead a history line names when a change moved them.
const SHOWN_FIELDS: [(&str, &str); 5] = [
    ("stage", "fields.stage"),
    ("owner_id", "fields.owner"),
    ("protected_until", "fields.protected_until"),
    ("next_follow_up", "fields.follow_up"),
    ("category", "fields.category"),
];

/// A change that touched the lead, in words: what the change was, and the fields it moved.
fn touched(ctx: &Ctx, store: &Store, touch: &store::changes::Touch) -> String {
    let mut what = crate::service::history::summary_text(ctx.cat, &touch.summary);
    for (column, label) in SHOWN_FIELDS {
        if let Some((_, from, to)) = touch.fields.iter().find(|(c, _, _)| c == column) {
            let name = |v: &str| if column == "owner_id" { rep_name(store, v.parse().ok()) } else { v.to_string() };
            let dash = |v: String| if v.is_empty() { "—".to_string() } else { v };
            what.push_str(&format!(" · {}: {} → {}", ctx.t(label), dash(name(from)), dash(name(to))));
        }
    }
    what
}

/// The lead's detail as a popup the app opens.
pub fn view(id: i64) -> Show {
    Show::new(move |store, ctx| popup(store, ctx, id))
}

pub fn popup(store: &Store, ctx: &Ctx, id: i64) -> anyhow::Result<Popup> {
    let lead = store::leads::get(store.conn(), id)?;
    let deals = store::deals::of_lead(store.conn(), id)?;
    let phones: Vec<String> =
        lead.phone.iter().cloned().chain(store::lead_writes::other_phones(store.conn(), id)?).collect();
    let label = |key: &'static str| Span::styled(format!("{:<14}", ctx.t(key)), theme::header());
    let text = |s: Option<&str>| Span::raw(s.unwrap_or("—").to_string());
    let mut lines = vec![
        Line::from(vec![label("fields.company"), text(lead.company.as_deref())]),
        Line::from(vec![label("fields.phone"), text(Some(phones.join(" · ")).filter(|p| !p.is_empty()).as_deref())]),
        Line::from(vec![label("fields.email"), text(lead.email.as_deref())]),
        Line::from(vec![
            label("fields.stage"),
            Span::raw(format!(
                "{} · {} · {}",
                ctx.cat.label(lead.stage),
                ctx.cat.label(lead.category),
                ctx.money(lead.estimated_value)
            )),
        ]),
        Line::from(vec![
            label("fields.owner"),
            Span::raw(format!(
                "{} · {}",
                rep_name(store, lead.owner_id),
                lead.protected_until.map(|d| ctx.tf("leads.protected_to", &[("date", &d)])).unwrap_or_default()
            )),
        ]),
        Line::from(vec![label("fields.follow_up"), text(lead.next_follow_up.map(|d| d.to_string()).as_deref())]),
        Line::from(vec![label("fields.source"), text(lead.source.as_deref())]),
        Line::from(vec![label("fields.note"), text(lead.note.as_deref())]),
        Line::from(vec![label("leads.deals"), Span::raw(deal_summary(ctx, &deals))]),
        Line::raw(""),
        Line::styled(ctx.t("leads.activities"), theme::header()),
    ];

    for a in store::leads::recent_activities(store.conn(), id, ACTIVITIES)? {
        lines.push(Line::raw(format!(
            "{}  {:<8} {}  {}",
            a.at.format("%Y-%m-%d %H:%M"),
            ctx.cat.label(a.kind),
            a.rep.unwrap_or_default(),
            [a.outcome, a.note].into_iter().flatten().collect::<Vec<_>>().join(" — ")
        )));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(ctx.t("leads.history"), theme::header()));
    // Rows written before changes were recorded (and refused claims, which are events), then
    // every change that touched the lead, in the order they happened.
    let history = store::audit::history(store.conn(), "lead", id)?;
    let touches = store::changes::touches(store.conn(), "leads", id, 200)?;
    if history.is_empty() && touches.is_empty() {
        lines.push(Line::styled(ctx.t("leads.no_history"), theme::dim()));
    }
    let mut entries: Vec<(i64, String, String, String)> = touches
        .iter()
        .map(|touch| (touch.id, touch.at.clone(), touch.actor.clone(), touched(ctx, store, touch)))
        .collect();
    for entry in history {
        let before: Option<Lead> = entry.before.as_deref().and_then(|b| serde_json::from_str(b).ok());
        let after: Option<Lead> = entry.after.as_deref().and_then(|a| serde_json::from_str(a).ok());
        let what = if entry.action == "import" {
            imported(ctx, store, entry.after.as_deref())
        } else if entry.action == "phones" {
            let added: Vec<String> =
                entry.after.as_deref().and_then(|a| serde_json::from_str(a).ok()).unwrap_or_default();
            ctx.tf("history.phones", &[("phones", &added.join(", "))])
        } else {
            change(ctx, store, &entry.action, before.as_ref(), after.as_ref())
        };
        entries.push((entry.id, entry.at, entry.actor, what));
    }
    entries.sort_by_key(|e| e.0);
    for (_, at, actor, what) in entries {
        lines.push(Line::raw(format!("{}  {:<8} {}", at.get(..16).unwrap_or(&at), actor, what)));
    }
    if !deals.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(ctx.t("leads.deals"), theme::header()));
    }
    for d in deals {
        let when = d.closed_on.or(d.opened_on).map(|d| d.to_string()).unwrap_or_else(|| "—".into());
        let what = [d.title, d.product, d.lost_reason].into_iter().flatten().collect::<Vec<_>>().join(" — ");
        lines.push(Line::raw(format!(
            "{when:<10}  {:<9} {:>12}  {}  {what}",
            ctx.cat.label(d.stage),
            ctx.money(d.value),
            rep_name(store, d.rep_id)
        )));
    }
    Ok(Popup::text(format!("{} · #{}", lead.name, lead.id), lines))
}

/// A customer's deals in one line: how many are open, won and lost, and what they are worth.
fn deal_summary(ctx: &Ctx, deals: &[crate::domain::model::Deal]) -> String {
    use crate::domain::model::Outcome;
    if deals.is_empty() {
        return ctx.t("leads.no_deals").to_string();
    }
    let part = |outcome: Outcome, key: &'static str| {
        let of: Vec<_> = deals.iter().filter(|d| d.outcome() == outcome).collect();
        let value = crate::domain::money::Money(of.iter().map(|d| d.value.cents()).sum());
        (!of.is_empty()).then(|| ctx.tf(key, &[("count", &of.len()), ("value", &ctx.money(value))]))
    };
    [
        part(Outcome::Open, "leads.deals_open"),
        part(Outcome::Won, "leads.deals_won"),
        part(Outcome::Lost, "leads.deals_lost"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}
