//! `repdesk review`, `repdesk training` and `repdesk report review`: reviews written against the
//! period's measured KPIs, each rep's onboarding and training, and the one page a rep is handed.

use super::{Env, UsageError};
use crate::cli::{AssessmentArgs, ListFormat, ReportFormat, ReviewCmd, TrainingCmd};
use crate::domain::message::Message;
use crate::domain::period::parse_date;
use crate::domain::review::{self, Assessment, Kpi};
use crate::service::reviews as service;
use crate::store::{self, Store};
use crate::text::Catalogue;
use crate::text::review::{change_shown, default_named, field_key, figure, hours_shown, record, stars, step_name};
use std::io::Write;

/// A rating flag's value, or a usage error giving the range.
fn rating(flag: &str, text: &str) -> anyhow::Result<u8> {
    review::rating(text).map_err(|m| UsageError::flag(flag, m).into())
}

fn day(flag: &str, text: &str) -> anyhow::Result<chrono::NaiveDate> {
    parse_date(text.trim()).map_err(|e| UsageError::flag(flag, e.message()).into())
}

/// A text as typed: `\n` written out is a line break (a shell's one line).
fn text(t: &str) -> String {
    t.replace("\\n", "\n").trim().to_string()
}

/// The assessment the flags give on top of `base` (a review's as it stands, or nothing).
fn assessment(args: &AssessmentArgs, base: Option<&Assessment>) -> anyhow::Result<Assessment> {
    let given = |flag: &str, value: &Option<String>, was: Option<u8>| -> anyhow::Result<u8> {
        match (value, was) {
            (Some(v), _) => rating(flag, v),
            (None, Some(was)) => Ok(was),
            (None, None) => Err(UsageError::flag(flag, Message::new("cli.rating_needed")).into()),
        }
    };
    let words =
        |value: &Option<String>, was: Option<&String>| value.as_deref().map(text).or(was.cloned()).unwrap_or_default();
    Ok(Assessment {
        results: given("--results", &args.results, base.map(|b| b.results))?,
        customer: given("--customer", &args.customer, base.map(|b| b.customer))?,
        // A review written before attitude was rated keeps none until one is given.
        attitude: match (&args.attitude, base) {
            (None, Some(b)) => b.attitude,
            _ => Some(given("--attitude", &args.attitude, None)?),
        },
        teamwork: given("--teamwork", &args.teamwork, base.map(|b| b.teamwork))?,
        strengths: words(&args.strengths, base.map(|b| &b.strengths)),
        improvements: words(&args.improvements, base.map(|b| &b.improvements)),
        plan: words(&args.plan, base.map(|b| &b.plan)),
        next_review_on: match &args.next {
            Some(next) => Some(day("--next", next)?),
            None => base.and_then(|b| b.next_review_on),
        },
    })
}

pub fn review(env: &Env, cmd: &ReviewCmd) -> anyhow::Result<()> {
    let cat = env.cat;
    match cmd {
        ReviewCmd::Add { rep, period, assessment: args } => {
            let mut store = env.open_existing("cli")?;
            let rep = store::reps::by_name(store.conn(), rep)?;
            let today = store.today();
            // The latest period reviewed (a review written late of an earlier one aside).
            let last = store::reviews::of_rep(store.conn(), rep.id)?.into_iter().next().map(|(r, _)| r.period);
            let period = match period {
                Some(p) => review::period(p).map_err(|m| UsageError::flag("--period", m))?,
                None => review::proposed_period(last.as_deref(), today),
            };
            let mut a = assessment(args, None)?;
            if args.next.is_none() {
                a.next_review_on = Some(review::proposed_next(&period, today));
            }
            let done = service::add(&mut store, &service::NewReview { rep_id: rep.id, period, assessment: a })?;
            let args: [(&str, &dyn std::fmt::Display); 3] =
                [("id", &done.value), ("rep", &rep.name), ("period", &cat.period(&period))];
            println!("{}", cat.tf("cli.review_added", &args));
            println!("{}", cat.tf("cli.undo_hint", &[("id", &done.change)]));
            Ok(())
        }
        ReviewCmd::List { rep, format } => {
            let store = env.open_existing("cli")?;
            let reviews = match rep {
                Some(name) => {
                    let rep = store::reps::by_name(store.conn(), name)?;
                    store::reviews::of_rep(store.conn(), rep.id)?
                        .into_iter()
                        .map(|(r, _)| (r, rep.name.clone()))
                        .collect()
                }
                None => store::reviews::list(store.conn())?,
            };
            #[derive(serde::Serialize)]
            struct Row {
                id: i64,
                rep: String,
                period: String,
                reviewed_on: chrono::NaiveDate,
                results: u8,
                customer: u8,
                attitude: Option<u8>,
                teamwork: u8,
                overall: f64,
                next_review_on: Option<chrono::NaiveDate>,
            }
            let rows: Vec<Row> = reviews
                .into_iter()
                .map(|(r, rep)| Row {
                    id: r.id,
                    overall: (r.overall() * 10.0).round() / 10.0,
                    rep,
                    period: r.period,
                    reviewed_on: r.reviewed_on,
                    results: r.rating_results,
                    customer: r.rating_customer,
                    attitude: r.rating_attitude,
                    teamwork: r.rating_teamwork,
                    next_review_on: r.next_review_on,
                })
                .collect();
            let header = [
                "id",
                cat.t("reviews.col.rep"),
                cat.t("reviews.col.period"),
                cat.t("reviews.col.reviewed"),
                cat.t("reviews.col.results"),
                cat.t("reviews.col.customer"),
                cat.t("reviews.col.attitude"),
                cat.t("reviews.col.teamwork"),
                cat.t("reviews.col.overall"),
                cat.t("reviews.col.next"),
            ];
            let header: Vec<&str> = if *format == ListFormat::Table {
                header.to_vec()
            } else {
                vec![
                    "id",
                    "rep",
                    "period",
                    "reviewed_on",
                    "results",
                    "customer",
                    "attitude",
                    "teamwork",
                    "overall",
                    "next_review_on",
                ]
            };
            super::output::print(*format, &header, &rows, |r| {
                vec![
                    r.id.to_string(),
                    r.rep.clone(),
                    r.period.clone(),
                    r.reviewed_on.to_string(),
                    r.results.to_string(),
                    r.customer.to_string(),
                    r.attitude.map(|a| a.to_string()).unwrap_or_default(),
                    r.teamwork.to_string(),
                    format!("{:.1}", r.overall),
                    r.next_review_on.map(|d| d.to_string()).unwrap_or_default(),
                ]
            })
        }
        ReviewCmd::Show { id } => {
            let store = env.open_existing("cli")?;
            let page = service::page(store.conn(), *id, store.today())?;
            let mut text = one_page(&page, cat, env.config.currency())?;
            text.push_str(&earlier(&page, cat)?);
            write!(std::io::stdout().lock(), "{text}")?;
            Ok(())
        }
        ReviewCmd::Edit { id, assessment: args } => {
            let mut store = env.open_existing("cli")?;
            let Some((was, _, rep)) = store::reviews::get(store.conn(), *id)? else {
                return Err(UsageError(Message::new("review.no_such").arg("id", id)).into());
            };
            let a = assessment(args, Some(&was.assessment()))?;
            let done = service::edit(&mut store, *id, &a)?;
            let args: [(&str, &dyn std::fmt::Display); 2] = [("id", id), ("rep", &rep)];
            println!("{}", cat.tf("cli.review_edited", &args));
            println!("{}", cat.tf("cli.undo_hint", &[("id", &done.change)]));
            Ok(())
        }
    }
}

pub fn training(env: &Env, cmd: &TrainingCmd) -> anyhow::Result<()> {
    let cat = env.cat;
    match cmd {
        TrainingCmd::List { rep } => {
            let store = env.open_existing("cli")?;
            let reps = match rep {
                Some(name) => vec![store::reps::by_name(store.conn(), name)?],
                None => store::reps::list(store.conn(), false)?,
            };
            let mut out = std::io::stdout().lock();
            for (i, rep) in reps.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "{}", rep.name)?;
                let checklist = store::training::checklist(store.conn(), rep.id)?;
                let sessions = store::training::sessions(store.conn(), rep.id)?;
                for line in record(&checklist, &sessions, cat, str::to_string) {
                    writeln!(out, "  {line}")?;
                }
            }
            Ok(())
        }
        TrainingCmd::Done { rep, item, on, not } => {
            let mut store = env.open_existing("cli")?;
            let rep = store::reps::by_name(store.conn(), rep)?;
            let step = find_step(&store, rep.id, item, cat)?;
            let shown = step_name(&step, cat);
            let args: [(&str, &dyn std::fmt::Display); 2] = [("rep", &rep.name), ("item", &shown)];
            let on = match (not, on) {
                (true, _) => None,
                (false, Some(on)) => Some(day("--on", on)?),
                // Ticked again without a day: it stays done on the day it was.
                (false, None) if step.done_on.is_some() => {
                    let was = cat.day_month_year(step.done_on.unwrap_or_default());
                    let args: [(&str, &dyn std::fmt::Display); 3] =
                        [("rep", &rep.name), ("item", &shown), ("day", &was)];
                    println!("{}", cat.tf("cli.step_already_done", &args));
                    return Ok(());
                }
                (false, None) => Some(store.today()),
            };
            if on.is_none() && step.done_on.is_none() {
                println!("{}", cat.tf("cli.step_not_done", &args));
                return Ok(());
            }
            let done = service::step_done(&mut store, rep.id, &step.item, on)?;
            let key = if on.is_some() { "cli.step_done" } else { "cli.step_undone" };
            println!("{}", cat.tf(key, &args));
            println!("{}", cat.tf("cli.undo_hint", &[("id", &done.change)]));
            Ok(())
        }
        TrainingCmd::Add { rep, topic, hours, on, item } => {
            let mut store = env.open_existing("cli")?;
            let rep = store::reps::by_name(store.conn(), rep)?;
            let done = if let Some(item) = item {
                // A default's name, in either language, is that default: already on the list.
                if let Some(word) = default_named(item) {
                    let name = cat.label_of("onboarding", word);
                    return Err(
                        UsageError::flag("--item", Message::new("training.item_exists").arg("item", name)).into()
                    );
                }
                let done = service::add_step(&mut store, rep.id, item)?;
                let args: [(&str, &dyn std::fmt::Display); 2] = [("rep", &rep.name), ("item", &item.trim())];
                println!("{}", cat.tf("cli.step_added", &args));
                done.change
            } else {
                let topic = topic.as_deref().unwrap_or_default();
                let minutes = minutes_of(hours.as_deref().unwrap_or_default())?;
                let on = match on {
                    Some(on) => day("--on", on)?,
                    None => store.today(),
                };
                let done = service::add_session(&mut store, rep.id, on, topic, minutes)?;
                let hours = hours_shown(minutes);
                let args: [(&str, &dyn std::fmt::Display); 4] =
                    [("rep", &rep.name), ("topic", &topic.trim()), ("hours", &hours), ("day", &cat.day(on))];
                println!("{}", cat.tf("cli.training_added", &args));
                done.change
            };
            println!("{}", cat.tf("cli.undo_hint", &[("id", &done)]));
            Ok(())
        }
    }
}

/// Hours as typed, in whole minutes, or a usage error saying what to give.
fn minutes_of(text: &str) -> anyhow::Result<i64> {
    review::minutes(text).map_err(|m| UsageError::flag("--hours", m).into())
}

/// The rep's item a typed name means: the owner's own item of that text first, else the
/// default it names; or a usage error listing the rep's items.
fn find_step(store: &Store, rep_id: i64, typed: &str, cat: &Catalogue) -> anyhow::Result<store::training::Step> {
    let checklist = store::training::checklist(store.conn(), rep_id)?;
    let t = typed.trim();
    let own = checklist.iter().find(|s| s.own && s.item.to_lowercase() == t.to_lowercase());
    let default = default_named(t).and_then(|w| checklist.iter().find(|s| !s.own && s.item == w));
    if let Some(step) = own.or(default) {
        return Ok(step.clone());
    }
    let names: Vec<String> = checklist.iter().map(|s| step_name(s, cat)).collect();
    Err(UsageError(Message::new("training.no_such_item").arg("item", t).arg("items", names.join(", "))).into())
}

/// What an edited review said before each edit, oldest first (empty for one never edited).
fn earlier(page: &service::Page, cat: &Catalogue) -> anyhow::Result<String> {
    use std::fmt::Write as _;
    let mut out = String::new();
    for edit in &page.earlier {
        if out.is_empty() {
            writeln!(out, "\n## {}", cat.t("review.earlier"))?;
        }
        writeln!(out, "\n{}\n", cat.tf("review.until", &[("at", &edit.at)]))?;
        for (field, was) in &edit.was {
            let was = match was {
                serde_json::Value::String(t) if !t.trim().is_empty() => md_inline(&t.replace('\n', " / ")),
                serde_json::Value::String(_) | serde_json::Value::Null => cat.t("review.nothing_written").to_string(),
                v => v.to_string(),
            };
            writeln!(out, "- {}: {was}", cat.t(field_key(field)))?;
        }
    }
    Ok(out)
}

/// `repdesk report review`: the rep's review of `period` (their latest without one).
pub fn report(env: &Env, rep: &str, period: Option<&str>, format: ReportFormat) -> anyhow::Result<()> {
    let store = env.open_existing("cli")?;
    let rep = store::reps::by_name(store.conn(), rep)?;
    let reviews = store::reviews::of_rep(store.conn(), rep.id)?;
    let wanted = match period {
        Some(p) => Some(review::period(p).map_err(|m| UsageError::flag("--period", m))?.to_string()),
        None => None,
    };
    let found = reviews.iter().find(|(r, _)| wanted.as_ref().is_none_or(|w| *w == r.period));
    let Some((r, _)) = found else {
        let message = match &wanted {
            Some(p) => Message::new("review.none_of_period").arg("rep", &rep.name).arg("period", p),
            None => Message::new("review.none_yet").arg("rep", &rep.name),
        };
        return Err(UsageError(message).into());
    };
    let mut out = std::io::stdout().lock();
    match format {
        ReportFormat::Markdown => {
            let page = service::page(store.conn(), r.id, store.today())?;
            write!(out, "{}", one_page(&page, env.cat, env.config.currency())?)?
        }
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &as_json(&store, r.id)?)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

fn as_json(store: &Store, id: i64) -> anyhow::Result<serde_json::Value> {
    let service::Page { review: r, rep, kpis, previous, checklist, sessions, .. } =
        service::page(store.conn(), id, store.today())?;
    use strum::IntoEnumIterator;
    let before = previous.as_ref().and_then(|(_, k)| k.as_ref());
    let figures: serde_json::Map<String, serde_json::Value> = match &kpis {
        Some(k) => Kpi::iter()
            .map(|kpi| {
                // Money in cents, as every JSON of repdesk; hours in hours.
                let value = match kpi {
                    Kpi::Hours => serde_json::json!({
                        "value": k.value(kpi).map(|m| m as f64 / 60.0),
                        "change": k.change(kpi, before).map(|m| m as f64 / 60.0),
                    }),
                    _ => serde_json::json!({ "value": k.value(kpi), "change": k.change(kpi, before) }),
                };
                (kpi.as_str().to_string(), value)
            })
            .collect(),
        None => Default::default(),
    };
    Ok(serde_json::json!({
        "id": r.id,
        "rep": rep,
        "period": r.period,
        "reviewed_on": r.reviewed_on,
        "previous_period": previous.as_ref().map(|(p, _)| p.period.clone()),
        "kpis": figures,
        "ratings": {
            "results": r.rating_results,
            "customer": r.rating_customer,
            "attitude": r.rating_attitude,
            "teamwork": r.rating_teamwork,
            "overall": (r.overall() * 10.0).round() / 10.0,
        },
        "strengths": r.strengths,
        "improvements": r.improvements,
        "plan": r.plan,
        "next_review_on": r.next_review_on,
        "onboarding": checklist,
        "training": sessions,
    }))
}

/// Text the owner typed, safe inside a line of Markdown: the characters that would make it
/// emphasis, a link, code or HTML are escaped, and so is a start that would make the line a
/// heading, a quote, a list or a rule.
fn md_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    let start = out.trim_start();
    let lead = out.len() - start.len();
    let first = start.chars().next();
    let numbered = {
        let digits = start.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && matches!(start[digits..].chars().next(), Some('.' | ')'))
    };
    if matches!(first, Some('#' | '-' | '+' | '=')) {
        out.insert(lead, '\\');
    } else if numbered {
        let digits = start.chars().take_while(char::is_ascii_digit).count();
        out.insert(lead + digits, '\\');
    }
    out
}

/// A markdown cell: escaped, line breaks as `<br>`.
fn md(text: &str) -> String {
    text.lines().map(md_inline).collect::<Vec<_>>().join("<br>")
}

/// A text of several lines as Markdown: each line its own (a backslash ends a line), a blank
/// line between paragraphs kept as one.
fn md_block(text: &str) -> String {
    text.trim()
        .split("\n")
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .split(|l| l.trim().is_empty())
        .filter(|p| !p.is_empty())
        .map(|p| p.iter().map(|l| md_inline(l)).collect::<Vec<_>>().join("\\\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The one page a rep is handed: the period's KPIs and their change on the review before,
/// the ratings, the texts, onboarding and training, the next review.
fn one_page(p: &service::Page, cat: &Catalogue, currency: &str) -> anyhow::Result<String> {
    use std::fmt::Write as _;
    use strum::IntoEnumIterator;
    let (r, kpis, rep, previous) = (&p.review, &p.kpis, &p.rep, &p.previous);
    let shown_period = |p: &str| review::period(p).map(|p| cat.period(&p)).unwrap_or_else(|_| p.to_string());
    let this = shown_period(&r.period);
    let mut page = String::new();
    writeln!(page, "# {}\n", cat.tf("review.title", &[("rep", &md_inline(rep)), ("period", &this)]))?;
    let reviewed = cat.day_month_year(r.reviewed_on);
    match r.next_review_on {
        Some(next) => {
            let next = cat.day_month_year(next);
            writeln!(page, "{}\n", cat.tf("review.dates", &[("reviewed", &reviewed), ("next", &next)]))?
        }
        None => writeln!(page, "{}\n", cat.tf("review.reviewed", &[("reviewed", &reviewed)]))?,
    }
    writeln!(page, "## {}\n", cat.t("review.kpis"))?;
    match &kpis {
        Some(k) => {
            let before = previous.as_ref().and_then(|(_, k)| k.as_ref());
            let against = match &previous {
                Some((p, _)) => cat.tf("review.change_on", &[("period", &shown_period(&p.period))]),
                None => cat.t("review.change").to_string(),
            };
            writeln!(page, "| | {} | {} |", md(&this), md(&against))?;
            writeln!(page, "|---|---:|---:|")?;
            for kpi in Kpi::iter() {
                let Some(value) = k.value(kpi) else { continue };
                let change = k.change(kpi, before).map(|c| change_shown(kpi, c, cat, currency)).unwrap_or_default();
                let name = match kpi {
                    Kpi::Target => cat.tf(
                        kpi.key(),
                        &[("target", &k.revenue_target.map(|t| t.display(currency)).unwrap_or_default())],
                    ),
                    _ => cat.t(kpi.key()).to_string(),
                };
                writeln!(page, "| {} | {} | {} |", md(&name), figure(kpi, value, k, cat, currency), change)?;
            }
        }
        None => writeln!(page, "{}", cat.t("review.no_kpis"))?,
    }
    writeln!(page, "\n## {}\n", cat.t("review.ratings"))?;
    writeln!(page, "| | | |")?;
    writeln!(page, "|---|---|---:|")?;
    let before = previous.as_ref().map(|(p, _)| p);
    let ratings = [
        ("review.rating.results", Some(r.rating_results), before.map(|b| b.rating_results)),
        ("review.rating.customer", Some(r.rating_customer), before.map(|b| b.rating_customer)),
        ("review.rating.attitude", r.rating_attitude, before.and_then(|b| b.rating_attitude)),
        ("review.rating.teamwork", Some(r.rating_teamwork), before.map(|b| b.rating_teamwork)),
    ];
    for (key, now, was) in ratings {
        let Some(now) = now else { continue };
        let change = match was.map(|w| i64::from(now) - i64::from(w)) {
            Some(0) => "=".to_string(),
            Some(c) if c > 0 => format!("▲ +{c}"),
            Some(c) => format!("▼ −{}", c.abs()),
            None => String::new(),
        };
        writeln!(page, "| {} | {} {now} | {change} |", cat.t(key), stars(now))?;
    }
    writeln!(page, "| {} | {} | |", cat.t("review.rating.overall"), r.overall_shown())?;
    for (key, body) in
        [("review.strengths", &r.strengths), ("review.improvements", &r.improvements), ("review.plan", &r.plan)]
    {
        writeln!(page, "\n## {}\n", cat.t(key))?;
        // Each line its own (a backslash is Markdown's line break).
        let body = if body.trim().is_empty() { cat.t("review.nothing_written").to_string() } else { md_block(body) };
        writeln!(page, "{body}")?;
    }
    writeln!(page, "\n## {}\n", cat.t("review.training"))?;
    let record = record(&p.checklist, &p.sessions, cat, md_inline);
    if record.is_empty() {
        writeln!(page, "{}", cat.t("review.no_training"))?;
    }
    for line in record {
        writeln!(page, "- {line}")?;
    }
    Ok(page)
}
