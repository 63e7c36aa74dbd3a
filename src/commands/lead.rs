//! `repdesk lead …` and `repdesk sale add`.

use super::{Env, UsageError, output};
use crate::cli::{LeadCmd, LeadFieldArgs, ListFormat, SaleCmd};
use crate::domain::lead_form::{LeadFields, fresh};
use crate::domain::message::Message;
use crate::domain::model::{Activity, ActivityKind, Lead, Sale, Stage};
use crate::domain::money::Money;
use crate::domain::period::parse_date;
use crate::service::leads;
use crate::store::{self, Store};
use chrono::NaiveDateTime;
use serde::Serialize;
use std::str::FromStr;

const HEADER: &[&str] = &["id", "name", "company", "phone", "stage", "owner", "protected_until", "follow_up", "value"];

#[derive(Serialize)]
struct Row {
    #[serde(flatten)]
    lead: Lead,
    owner: Option<String>,
}

fn row(r: &Row) -> Vec<String> {
    let d = |x: Option<chrono::NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
    vec![
        r.lead.id.to_string(),
        r.lead.name.clone(),
        r.lead.company.clone().unwrap_or_default(),
        r.lead.phone.clone().unwrap_or_default(),
        r.lead.stage.to_string(),
        r.owner.clone().unwrap_or_default(),
        d(r.lead.protected_until),
        d(r.lead.next_follow_up),
        r.lead.estimated_value.to_decimal(),
    ]
}

fn fields(args: &LeadFieldArgs, mut base: LeadFields) -> LeadFields {
    base.lay_over(&[
        ("name", &args.name),
        ("company", &args.company),
        ("phone", &args.phone),
        ("email", &args.email),
        ("source", &args.source),
        ("channel", &args.channel),
        ("category", &args.category),
        ("estimated_value", &args.value),
        ("follow_up", &args.follow_up),
        ("note", &args.note),
    ]);
    base
}

fn rep_id(store: &Store, name: &str) -> anyhow::Result<i64> {
    Ok(store::reps::by_name(store.conn(), name)?.id)
}

fn word<T: FromStr>(text: &str, what: &'static str, choices: &str) -> anyhow::Result<T> {
    text.parse().map_err(|_| {
        UsageError(Message::new("cli.not_a_word").arg("value", text).word("what", "word", what).arg("choices", choices))
            .into()
    })
}

pub fn run(env: &Env, cmd: &LeadCmd) -> anyhow::Result<()> {
    let cat = env.cat;
    let mut store = if matches!(cmd, LeadCmd::Add { .. }) { env.open("cli")? } else { env.open_existing("cli")? };
    // The day's sweep (lapsed protection ends, honours due are recorded) before anything is
    // read or changed.
    crate::service::honours::daily(&mut store)?;
    let today = store.today();
    match cmd {
        LeadCmd::Add { fields: args, owner, allow_duplicate } => {
            if args.name.is_none() {
                return Err(UsageError(Message::new("cli.lead_needs_name")).into());
            }
            let lead = fields(args, LeadFields::default()).apply(fresh(today))?;
            let owner = owner.as_deref().map(|o| rep_id(&store, o)).transpose()?;
            let lead = leads::add(&mut store, lead, owner, *allow_duplicate)?.value;
            println!("{}", cat.tf("cli.lead_added", &[("name", &lead.name), ("id", &lead.id)]));
        }
        LeadCmd::List { queue: true, limit, format, .. } => {
            let day = crate::service::queue_day(&store)?;
            let asked = if *limit == 0 { usize::MAX } else { limit.saturating_add(1) };
            let mut rows = store::leads::review_queue(store.conn(), &day, "", asked)?;
            say_if_cut(&mut rows, *limit, cat);
            let header = ["id", "reason", "name", "company", "owner", "stage", "follow_up", "protected_until"];
            output::print(*format, &header, &rows, |r| {
                let d = |x: Option<chrono::NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
                vec![
                    r.id.to_string(),
                    serde_json::to_value(r.reason)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
                    r.name.clone(),
                    r.company.clone().unwrap_or_default(),
                    r.owner.clone().unwrap_or_default(),
                    r.stage.to_string(),
                    d(r.next_follow_up),
                    d(r.protected_until),
                ]
            })?;
        }
        LeadCmd::List { all, owner, stage, limit, format, .. } => {
            let query = store::leads::LeadQuery {
                owner_id: owner.as_deref().map(|o| rep_id(&store, o)).transpose()?,
                stage: stage.as_deref().map(|s| word(s, "stage", STAGES)).transpose()?,
                include_closed: *all || stage.is_some(),
                limit: if *limit == 0 { 0 } else { limit.saturating_add(1) },
            };
            let mut rows: Vec<Row> = store::leads::list(store.conn(), &query)?
                .into_iter()
                .map(|(lead, owner)| Row { lead, owner })
                .collect();
            say_if_cut(&mut rows, *limit, cat);
            output::print(*format, HEADER, &rows, row)?;
        }
        LeadCmd::Show { id, format } => {
            let lead = store::leads::get(store.conn(), *id)?;
            let owner = lead.owner_id.map(|o| store::reps::get(store.conn(), o)).transpose()?.map(|r| r.name);
            output::print(*format, HEADER, &[Row { lead, owner }], row)?;
            if *format == ListFormat::Table {
                for d in store::deals::of_lead(store.conn(), *id)? {
                    let when = d.closed_on.or(d.opened_on).map(|d| d.to_string()).unwrap_or_default();
                    println!(
                        "  deal {}  {:<9} {:>12}  {}  {}",
                        d.id,
                        d.stage.as_str(),
                        d.value.to_decimal(),
                        when,
                        d.title.or(d.product).unwrap_or_default()
                    );
                }
                for a in store::leads::recent_activities(store.conn(), *id, 20)? {
                    println!(
                        "  {}  {:<8} {}  {}",
                        a.at.format("%Y-%m-%d %H:%M"),
                        a.kind.as_str(),
                        a.rep.unwrap_or_default(),
                        a.outcome.unwrap_or_default()
                    );
                }
                for h in store::audit::history(store.conn(), "lead", *id)? {
                    println!("  {}  {}  {}", h.at, h.actor, h.action);
                }
            }
        }
        LeadCmd::Find { text, format } => {
            let found = store::lead_writes::find(store.conn(), text, 50)?;
            if found.is_empty() && *format == ListFormat::Table {
                println!("{}", cat.tf("cli.lead_not_found", &[("text", text)]));
                return Ok(());
            }
            let header = ["id", "name", "company", "phone", "email", "stage", "owner", "protected_until"];
            output::print(*format, &header, &found, |f| {
                vec![
                    f.id.to_string(),
                    f.name.clone(),
                    f.company.clone().unwrap_or_default(),
                    f.phone.clone().unwrap_or_default(),
                    f.email.clone().unwrap_or_default(),
                    f.stage.to_string(),
                    f.owner.clone().unwrap_or_else(|| "(pool)".into()),
                    f.protected_until.filter(|_| f.owner.is_some()).map(|d| d.to_string()).unwrap_or_default(),
                ]
            })?;
        }
        LeadCmd::Assign { id, rep, claim } => {
            let rep_id = rep_id(&store, rep)?;
            let lead = leads::assign(&mut store, *id, rep_id, !claim)?.value;
            let until = lead.protected_until.map(|d| d.to_string()).unwrap_or_default();
            println!("{}", cat.tf("cli.lead_assigned", &[("name", &lead.name), ("rep", rep), ("until", &until)]));
        }
        LeadCmd::Release { id } => {
            let lead = leads::release(&mut store, *id)?.value;
            println!("{}", cat.tf("cli.lead_released", &[("name", &lead.name)]));
        }
        LeadCmd::Stage { id, stage, reason, amount, product } => {
            let stage: Stage = word(stage, "stage", STAGES)?;
            let amount = amount.as_deref().map(|a| Money::parse(a, false)).transpose()?;
            let lead = leads::set_stage(&mut store, *id, stage, reason.as_deref(), amount, product.as_deref())?.value;
            println!("{}", cat.tf("status.stage", &[("name", &lead.name), ("stage", &cat.label(lead.stage))]));
        }
        LeadCmd::Log { id, kind, rep, outcome, note, at } => {
            let kind: ActivityKind = word(kind, "activity", "call, visit, message, email, meeting, note")?;
            let rep_id = rep.as_deref().map(|r| rep_id(&store, r)).transpose()?;
            let at = match at {
                Some(text) => NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
                    .map_err(|_| UsageError(Message::new("cli.not_a_moment").arg("value", text)))?,
                None => store.now(),
            };
            let lead = leads::log(
                &mut store,
                Activity { lead_id: *id, rep_id, kind, at, outcome: outcome.clone(), note: note.clone() },
                None,
            )?
            .value;
            println!("{}", cat.tf("status.logged", &[("kind", &cat.label(kind)), ("name", &lead.name)]));
        }
        LeadCmd::FollowUp { id, date } => {
            let day = if date == "none" { None } else { Some(parse_date(date)?) };
            let lead = leads::set_follow_up(&mut store, *id, day)?.value;
            println!("{}", cat.tf("status.follow_up", &[("name", &lead.name), ("when", date)]));
        }
        LeadCmd::Merge { keep, gone } => {
            let lead = leads::merge(&mut store, *keep, *gone)?.value;
            println!("{}", cat.tf("status.merged", &[("name", &lead.name), ("id", &lead.id)]));
        }
    }
    Ok(())
}

const STAGES: &str = "new, contacted, qualified, proposal, won, lost";

pub fn sale(env: &Env, cmd: &SaleCmd) -> anyhow::Result<()> {
    let cat = env.cat;
    let mut store = env.open_existing("cli")?;
    let SaleCmd::Add { rep, amount, lead, on, product } = cmd;
    let sale = Sale {
        lead_id: *lead,
        rep_id: rep_id(&store, rep)?,
        amount: Money::parse(amount, false)?,
        closed_on: on.as_deref().map(parse_date).transpose()?.unwrap_or(store.today()),
        product: product.clone(),
    };
    let id = leads::add_sale(&mut store, sale.clone())?.value;
    println!(
        "{}",
        cat.tf(
            "cli.sale_added",
            &[("id", &id), ("rep", rep), ("amount", &sale.amount.to_decimal()), ("on", &sale.closed_on)]
        )
    );
    Ok(())
}

/// Keeps the first `limit` rows (0: all) of one more than that asked for, and says on stderr
/// when there were more, with the flag that shows them all.
fn say_if_cut<T>(rows: &mut Vec<T>, limit: usize, cat: &crate::text::Catalogue) {
    if limit > 0 && rows.len() > limit {
        rows.truncate(limit);
        eprintln!("{}", cat.tf("cli.limited", &[("limit", &limit)]));
    }
}
