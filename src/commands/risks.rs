//! `repdesk report risks` and `repdesk risk ack|snooze|unack`.

use super::{Env, UsageError};
use crate::cli::{ReportCmd, RiskCmd};
use crate::domain::message::Message;
use crate::domain::risk::RiskRule;
use crate::service;

fn rule_of(text: &str) -> anyhow::Result<RiskRule> {
    use strum::IntoEnumIterator;
    text.trim().to_lowercase().parse().map_err(|_| {
        let choices: Vec<&str> = RiskRule::iter().map(RiskRule::as_str).collect();
        UsageError(
            Message::new("cli.not_a_word")
                .arg("value", text)
                .word("what", "word", "rule")
                .arg("choices", choices.join(", ")),
        )
        .into()
    })
}

pub fn report(env: &Env, cmd: &ReportCmd) -> anyhow::Result<()> {
    let ReportCmd::Risks { rule, all, format } = cmd else { return Ok(()) };
    let cat = env.cat;
    let store = env.open_existing("cli")?;
    let only = rule.as_deref().map(rule_of).transpose()?;
    let list = service::risks::open(store.conn(), store.today(), usize::MAX / 2)?;
    #[derive(serde::Serialize)]
    struct Row {
        rule: &'static str,
        severity: &'static str,
        subject: String,
        subject_key: String,
        detail: String,
        since: chrono::NaiveDate,
        #[serde(skip_serializing_if = "Option::is_none")]
        acknowledged: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        snoozed_until: Option<chrono::NaiveDate>,
    }
    let row = |f: &crate::domain::risk::Flag, ack: Option<&crate::store::risks::Ack>| Row {
        rule: f.rule.as_str(),
        severity: f.severity.as_str(),
        subject: cat.risk_subject(f),
        subject_key: f.subject.key.clone(),
        detail: f.detail.text(cat),
        since: f.since,
        acknowledged: all.then(|| ack.is_some_and(|a| a.until.is_none())),
        snoozed_until: ack.and_then(|a| a.until),
    };
    let mut rows: Vec<Row> = list.flags.iter().map(|f| row(f, None)).collect();
    if *all {
        rows.extend(list.hidden.iter().map(|(f, a)| row(f, Some(a))));
    }
    rows.retain(|r| only.is_none_or(|o| o.as_str() == r.rule));
    let mut header = vec!["rule", "severity", "subject", "subject_key", "detail", "since"];
    if *all {
        header.extend(["acknowledged", "snoozed_until"]);
    }
    let all = *all;
    super::output::print(*format, &header, &rows, |r| {
        let mut cells = vec![
            r.rule.to_string(),
            r.severity.to_string(),
            r.subject.clone(),
            r.subject_key.clone(),
            r.detail.clone(),
            r.since.to_string(),
        ];
        if all {
            cells.push(if r.acknowledged == Some(true) { "yes".into() } else { String::new() });
            cells.push(r.snoozed_until.map(|d| d.to_string()).unwrap_or_default());
        }
        cells
    })
}

pub fn run(env: &Env, cmd: &RiskCmd) -> anyhow::Result<()> {
    let cat = env.cat;
    let mut store = env.open_existing("cli")?;
    match cmd {
        RiskCmd::Ack { rule, subject_key, note } => {
            let done = service::risks::acknowledge(&mut store, rule_of(rule)?, subject_key, None, note.clone())?;
            println!("{}", cat.tf("cli.risk_acked", &[("rule", &done.value.rule.as_str()), ("key", subject_key)]));
        }
        RiskCmd::Snooze { rule, subject_key, until, note } => {
            let day = crate::domain::period::parse_date(until).map_err(|e| UsageError::flag("--until", e.message()))?;
            let done = service::risks::acknowledge(&mut store, rule_of(rule)?, subject_key, Some(day), note.clone())?;
            println!(
                "{}",
                cat.tf(
                    "cli.risk_snoozed",
                    &[("rule", &done.value.rule.as_str()), ("key", subject_key), ("until", &cat.day(day))]
                )
            );
        }
        RiskCmd::Unack { rule, subject_key } => {
            let rule = rule_of(rule)?;
            service::risks::unacknowledge(&mut store, rule, subject_key)?;
            println!("{}", cat.tf("cli.risk_unacked", &[("rule", &rule.as_str()), ("key", subject_key)]));
        }
    }
    Ok(())
}
