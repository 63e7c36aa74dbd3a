//! `repdesk shift|availability|timeoff|schedule ics|report week`.

use super::{Env, UsageError, output};
use crate::cli::{
    AvailabilityCmd, ListFormat, NeedCmd, ReportCmd, ReportFormat, ScheduleCmd, ShiftArgs, ShiftCmd, TimeoffCmd,
};
use crate::domain::message::Message;
use crate::domain::model::{Shift, ShiftStatus, TimeOff, format_time_of_day, parse_time_of_day};
use crate::domain::money::Money;
use crate::domain::period::{Period, parse_date};
use crate::domain::schedule::Method;
use crate::interchange::ics;
use crate::service::schedule::{self as plan, WeekPlan};
use crate::store::{self, Store};
use chrono::{Duration, NaiveDate};
use std::collections::HashMap;
use std::io::Write;

fn week(text: Option<&str>, default: NaiveDate) -> anyhow::Result<Period> {
    match text {
        None => Ok(Period::containing(crate::domain::period::PeriodKind::Week, default)),
        Some(text) => match text.parse::<Period>() {
            Ok(p @ Period::Week { .. }) => Ok(p),
            Ok(p) => Ok(Period::containing(crate::domain::period::PeriodKind::Week, p.first_day())),
            Err(e) => Err(UsageError::flag("--week", e.message()).into()),
        },
    }
}

fn date(text: &str, flag: &str) -> anyhow::Result<NaiveDate> {
    parse_date(text).map_err(|e| UsageError::flag(&format!("--{flag}"), e.message()).into())
}

fn time(text: &str, flag: &str) -> anyhow::Result<u32> {
    parse_time_of_day(text)
        .ok_or_else(|| UsageError::flag(&format!("--{flag}"), Message::new("cli.not_a_time").arg("value", text)).into())
}

fn rep_id(store: &Store, name: &str) -> anyhow::Result<i64> {
    Ok(store::reps::by_name(store.conn(), name)?.id)
}

/// The flags given laid over `base`.
fn shift_from(store: &Store, args: &ShiftArgs, base: Shift) -> anyhow::Result<Shift> {
    let mut s = base;
    if let Some(rep) = &args.rep {
        s.rep_id = rep_id(store, rep)?;
    }
    if let Some(d) = &args.date {
        s.date = date(d, "date")?;
    }
    if let Some(x) = &args.start {
        s.start_min = time(x, "start")?;
    }
    if let Some(x) = &args.end {
        s.end_min = time(x, "end")?;
    }
    if let Some(x) = &args.location {
        s.location = crate::domain::model::Location::parse_loose(x)
            .ok_or_else(|| UsageError::flag("--location", Message::new("cli.not_a_location").arg("value", x)))?;
    }
    Ok(s)
}

fn names(store: &Store) -> anyhow::Result<HashMap<i64, String>> {
    Ok(store::reps::list(store.conn(), true)?.into_iter().map(|r| (r.id, r.name)).collect())
}

fn say_saved(
    store: &Store,
    saved: &Shift,
    conflicts: &[crate::domain::schedule::Conflict],
    cat: &crate::text::Catalogue,
) -> anyhow::Result<()> {
    let names = names(store)?;
    let name = names.get(&saved.rep_id).cloned().unwrap_or_default();
    println!(
        "{}",
        cat.tf(
            "cli.shift_saved",
            &[
                ("id", &saved.id),
                ("rep", &name),
                ("date", &saved.date),
                ("start", &format_time_of_day(saved.start_min)),
                ("end", &format_time_of_day(saved.end_min)),
                ("location", &saved.location),
            ],
        )
    );
    for c in conflicts {
        eprintln!("{}", cat.tf("cli.warning", &[("text", &plan::describe(c, &names).text(cat))]));
    }
    Ok(())
}

const SHIFT_HEADER: &[&str] = &["id", "rep", "date", "start", "end", "location", "status"];

pub fn shift(env: &Env, cmd: &ShiftCmd) -> anyhow::Result<()> {
    let cat = env.cat;
    match cmd {
        ShiftCmd::Add(args) => {
            let mut store = env.open_existing("cli")?;
            for (flag, given) in [("rep", &args.rep), ("date", &args.date), ("start", &args.start), ("end", &args.end)]
            {
                if given.is_none() {
                    return Err(UsageError(Message::new("cli.shift_needs").arg("flag", flag)).into());
                }
            }
            let base = Shift {
                id: 0,
                rep_id: 0,
                date: store.today(),
                start_min: 0,
                end_min: 0,
                location: crate::domain::model::Location::Store,
                status: ShiftStatus::Scheduled,
            };
            let shift = shift_from(&store, args, base)?;
            let (saved, conflicts) = plan::save_shift(&mut store, &shift)?.value;
            say_saved(&store, &saved, &conflicts, env.cat)
        }
        ShiftCmd::Edit { id, fields } => {
            let mut store = env.open_existing("cli")?;
            let base = store::schedule::shift(store.conn(), *id)?;
            let shift = shift_from(&store, fields, base)?;
            let (saved, conflicts) = plan::save_shift(&mut store, &shift)?.value;
            say_saved(&store, &saved, &conflicts, env.cat)
        }
        ShiftCmd::List { week: w, rep, format } => {
            let store = env.open_existing("cli")?;
            let week = week(w.as_deref(), store.today())?;
            let only = rep.as_deref().map(|r| rep_id(&store, r)).transpose()?;
            let names = names(&store)?;
            let shifts: Vec<Shift> = store::schedule::shifts_between(store.conn(), week.first_day(), week.last_day())?
                .into_iter()
                .filter(|s| only.is_none_or(|id| s.rep_id == id))
                .collect();
            output::print(*format, SHIFT_HEADER, &shifts, |s| {
                vec![
                    s.id.to_string(),
                    names.get(&s.rep_id).cloned().unwrap_or_default(),
                    s.date.to_string(),
                    format_time_of_day(s.start_min),
                    format_time_of_day(s.end_min),
                    s.location.to_string(),
                    s.status.to_string(),
                ]
            })
        }
        ShiftCmd::Mark { id, status } => {
            let mut store = env.open_existing("cli")?;
            let status = match status.trim().to_lowercase().as_str() {
                "worked" => ShiftStatus::Worked,
                "no-show" | "noshow" | "no show" => ShiftStatus::NoShow,
                other => return Err(UsageError(Message::new("cli.not_a_mark").arg("value", other)).into()),
            };
            let s = plan::mark_shift(&mut store, *id, Some(status))?.value;
            println!("{}", cat.tf("cli.shift_marked", &[("id", &s.id), ("status", &cat.label(s.status))]));
            Ok(())
        }
        ShiftCmd::Rm { id } => {
            let mut store = env.open_existing("cli")?;
            let s = plan::remove_shift(&mut store, *id)?.value;
            println!("{}", cat.tf("cli.shift_removed", &[("id", &s.id), ("date", &s.date)]));
            Ok(())
        }
        ShiftCmd::Copy { week: w } => {
            let mut store = env.open_existing("cli")?;
            let week = week(w.as_deref(), store.today() + Duration::days(7))?;
            let report = plan::copy_last_week(&mut store, &week)?.value;
            println!(
                "{}",
                cat.tf(
                    "cli.copied",
                    &[
                        ("added", &report.added.len()),
                        ("already", &report.already.len()),
                        ("skipped", &report.skipped.len()),
                        ("week", &week)
                    ]
                )
            );
            for (_, line) in &report.skipped {
                println!("{}", cat.tf("cli.skipped_shift", &[("shift", &line.text(cat))]));
            }
            Ok(())
        }
        ShiftCmd::Fill { week: w, dry_run, format } => {
            let mut store = env.open_existing("cli")?;
            let week = week(w.as_deref(), store.today() + Duration::days(7))?;
            let fill = plan::plan_fill(store.conn(), &week, store.moment())?;
            let mut fill = fill;
            let proposals = std::mem::take(&mut fill.proposals);
            let added = if *dry_run {
                proposals
            } else {
                let added = plan::accept_fill(&mut store, &week, &proposals)?.value;
                // What is open now, as stored.
                fill.gaps = plan::left_open(store.conn(), &week, store.moment())?;
                added
            };
            let names = names(&store)?;
            let name_of = |id: i64| names.get(&id).cloned().unwrap_or_default();
            let method = match fill.method {
                Method::Exact => None,
                Method::Unproven => Some(cat.t("fill.unproven")),
                Method::Greedy => Some(cat.t("fill.greedy")),
            };
            if *format == ListFormat::Json {
                let shifts: Vec<serde_json::Value> = added
                    .iter()
                    .map(|s| {
                        serde_json::json!({
                            "date": s.date,
                            "rep_id": s.rep_id,
                            "rep": name_of(s.rep_id),
                            "start": format_time_of_day(s.start_min),
                            "end": format_time_of_day(s.end_min),
                            "location": s.location.as_str(),
                        })
                    })
                    .collect();
                let open: Vec<serde_json::Value> = fill
                    .gaps
                    .iter()
                    .map(|g| {
                        let blocked: serde_json::Map<String, serde_json::Value> = g
                            .blocked
                            .iter()
                            .map(|(why, n)| {
                                let key = serde_json::to_value(why).ok().and_then(|v| v.as_str().map(String::from));
                                (key.unwrap_or_default(), (*n).into())
                            })
                            .collect();
                        serde_json::json!({
                            "date": g.slot.date,
                            "start": format_time_of_day(g.slot.start_min),
                            "end": format_time_of_day(g.slot.end_min),
                            "location": g.slot.location.as_str(),
                            "short": g.short,
                            "reason": g.reason,
                            "blocked": blocked,
                            "text": plan::gap_message(g).text(cat),
                        })
                    })
                    .collect();
                let out = serde_json::json!({
                    "week": week.to_string(),
                    "dry_run": dry_run,
                    "method": fill.method,
                    "shifts": shifts,
                    "left_open": open,
                });
                println!("{}", serde_json::to_string_pretty(&out)?);
                return Ok(());
            }
            if *format == ListFormat::Csv {
                let mut out = csv::Writer::from_writer(std::io::stdout());
                out.write_record(["date", "rep", "start", "end", "location"])?;
                for s in &added {
                    out.write_record([
                        s.date.to_string(),
                        name_of(s.rep_id),
                        format_time_of_day(s.start_min),
                        format_time_of_day(s.end_min),
                        s.location.as_str().to_string(),
                    ])?;
                }
                out.flush()?;
                return Ok(());
            }
            let key = if *dry_run { "cli.fill_proposed" } else { "cli.filled" };
            println!("{}", cat.tf(key, &[("count", &added.len()), ("week", &week)]));
            for s in &added {
                println!(
                    "  {} {} {}–{} {}",
                    cat.day(s.date),
                    name_of(s.rep_id),
                    format_time_of_day(s.start_min),
                    format_time_of_day(s.end_min),
                    cat.label(s.location)
                );
            }
            if let Some(note) = method {
                println!("{note}");
            }
            if !fill.gaps.is_empty() {
                println!("{}", cat.tf("fill.left_open", &[("count", &fill.gaps.len())]));
                for gap in &fill.gaps {
                    println!("  {}", plan::gap_message(gap).text(cat));
                }
            }
            Ok(())
        }
    }
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

pub fn availability(env: &Env, cmd: &AvailabilityCmd) -> anyhow::Result<()> {
    let cat = env.cat;
    match cmd {
        AvailabilityCmd::Set { rep, day, windows } => {
            let mut store = env.open_existing("cli")?;
            let id = rep_id(&store, rep)?;
            let weekday = crate::domain::model::parse_weekday(day)
                .ok_or_else(|| UsageError::flag("--day", Message::new("cli.not_a_weekday").arg("value", day)))?;
            let windows = plan::parse_windows(windows).map_err(UsageError)?;
            let limited = plan::set_availability(&mut store, id, weekday, &windows)?.value;
            let text: Vec<String> =
                windows.iter().map(|(a, b)| format!("{}-{}", format_time_of_day(*a), format_time_of_day(*b))).collect();
            let text = if text.is_empty() { cat.t("cli.not_available").to_string() } else { text.join(", ") };
            println!(
                "{}",
                cat.tf(
                    "cli.availability_set",
                    &[("rep", rep), ("day", &cat.weekday_name(weekday as usize - 1)), ("windows", &text)]
                )
            );
            if !limited {
                eprintln!("{}", cat.tf("cli.free_any_time", &[("rep", rep)]));
            }
            Ok(())
        }
        AvailabilityCmd::List { rep, format } => {
            let store = env.open_existing("cli")?;
            let only = rep.as_deref().map(|r| rep_id(&store, r)).transpose()?;
            let names = names(&store)?;
            let windows: Vec<_> = store::schedule::availability(store.conn())?
                .into_iter()
                .filter(|a| only.is_none_or(|id| a.rep_id == id))
                .collect();
            output::print(*format, &["rep", "day", "start", "end"], &windows, |a| {
                vec![
                    names.get(&a.rep_id).cloned().unwrap_or_default(),
                    WEEKDAYS[(a.weekday as usize).clamp(1, 7) - 1].to_string(),
                    format_time_of_day(a.start_min),
                    format_time_of_day(a.end_min),
                ]
            })
        }
    }
}

pub fn timeoff(env: &Env, cmd: &TimeoffCmd) -> anyhow::Result<()> {
    let cat = env.cat;
    match cmd {
        TimeoffCmd::Add { rep, from, to, reason } => {
            let mut store = env.open_existing("cli")?;
            let from = date(from, "from")?;
            let to = to.as_deref().map(|x| date(x, "to")).transpose()?.unwrap_or(from);
            let off = TimeOff { rep_id: rep_id(&store, rep)?, from, to, reason: reason.clone() };
            let id = plan::add_time_off(&mut store, &off)?.value;
            println!("{}", cat.tf("cli.timeoff_added", &[("id", &id), ("rep", rep), ("from", &from), ("to", &to)]));
            Ok(())
        }
        TimeoffCmd::List { rep, format } => {
            let store = env.open_existing("cli")?;
            let only = rep.as_deref().map(|r| rep_id(&store, r)).transpose()?;
            let names = names(&store)?;
            #[derive(serde::Serialize)]
            struct Row {
                id: i64,
                rep: String,
                #[serde(flatten)]
                off: TimeOff,
            }
            let rows: Vec<Row> = store::schedule::time_off(store.conn())?
                .into_iter()
                .filter(|(_, o)| only.is_none_or(|id| o.rep_id == id))
                .map(|(id, off)| Row { id, rep: names.get(&off.rep_id).cloned().unwrap_or_default(), off })
                .collect();
            output::print(*format, &["id", "rep", "from", "to", "reason"], &rows, |r| {
                vec![
                    r.id.to_string(),
                    r.rep.clone(),
                    r.off.from.to_string(),
                    r.off.to.to_string(),
                    r.off.reason.clone().unwrap_or_default(),
                ]
            })
        }
        TimeoffCmd::Rm { id } => {
            let mut store = env.open_existing("cli")?;
            let off = plan::remove_time_off(&mut store, *id)?.value;
            println!("{}", cat.tf("cli.timeoff_removed", &[("id", id), ("from", &off.from), ("to", &off.to)]));
            Ok(())
        }
    }
}

pub fn need(env: &Env, cmd: &NeedCmd) -> anyhow::Result<()> {
    let cat = env.cat;
    match cmd {
        NeedCmd::Add { day, start, end, reps, location } => {
            let mut store = env.open_existing("cli")?;
            let weekday = crate::domain::model::parse_weekday(day)
                .ok_or_else(|| UsageError::flag("--day", Message::new("cli.not_a_weekday").arg("value", day)))?;
            let (start_min, end_min) = (time(start, "start")?, time(end, "end")?);
            if end_min <= start_min {
                return Err(UsageError::flag(
                    "--end",
                    Message::new("cli.end_not_after").arg("end", end).arg("start", start),
                )
                .into());
            }
            if *reps == 0 {
                return Err(UsageError::flag("--reps", Message::new("cli.need_one_rep")).into());
            }
            let location = crate::domain::model::Location::parse_loose(location).ok_or_else(|| {
                UsageError::flag("--location", Message::new("cli.not_a_location").arg("value", location))
            })?;
            let need = crate::domain::model::StaffingNeed { weekday, start_min, end_min, location, reps_needed: *reps };
            let id = plan::add_need(&mut store, &need)?.value;
            println!(
                "{}",
                cat.tf(
                    "cli.need_added",
                    &[
                        ("id", &id),
                        ("day", &cat.weekday_name(weekday as usize - 1)),
                        ("start", start),
                        ("end", end),
                        ("reps", reps),
                        ("location", &cat.label(location))
                    ]
                )
            );
            Ok(())
        }
        NeedCmd::List { format } => {
            let store = env.open_existing("cli")?;
            #[derive(serde::Serialize)]
            struct Row {
                id: i64,
                #[serde(flatten)]
                need: crate::domain::model::StaffingNeed,
            }
            let rows: Vec<Row> =
                store::schedule::needs_with_ids(store.conn())?.into_iter().map(|(id, need)| Row { id, need }).collect();
            output::print(*format, &["id", "day", "start", "end", "reps", "location"], &rows, |r| {
                vec![
                    r.id.to_string(),
                    WEEKDAYS[(r.need.weekday as usize).clamp(1, 7) - 1].to_string(),
                    format_time_of_day(r.need.start_min),
                    format_time_of_day(r.need.end_min),
                    r.need.reps_needed.to_string(),
                    r.need.location.to_string(),
                ]
            })
        }
        NeedCmd::Rm { id } => {
            let mut store = env.open_existing("cli")?;
            plan::remove_need(&mut store, *id)?;
            println!("{}", cat.tf("cli.need_removed", &[("id", id)]));
            Ok(())
        }
    }
}

fn out_to(path: Option<&std::path::Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) => Box::new(std::io::BufWriter::new(super::private_file(path)?)),
        None => Box::new(std::io::stdout().lock()),
    })
}

/// The suffix that makes this database's event UIDs its own, made once and kept.
fn uid_suffix(store: &mut Store) -> anyhow::Result<String> {
    const KEY: &str = "calendar.uid_suffix";
    if let Some(suffix) = store::settings::get(store.conn(), KEY)? {
        return Ok(suffix);
    }
    use std::hash::BuildHasher;
    let seed = (std::process::id(), chrono::Utc::now().timestamp_nanos_opt(), store.path().display().to_string());
    let suffix = format!("{:016x}", std::collections::hash_map::RandomState::new().hash_one(seed));
    crate::service::set_text(store, KEY, &suffix)?;
    Ok(suffix)
}

pub fn schedule(env: &Env, cmd: &ScheduleCmd) -> anyhow::Result<()> {
    let cat = env.cat;
    let ScheduleCmd::Ics { rep, week: w, out } = cmd;
    let mut store = env.open_existing("cli")?;
    let week = week(w.as_deref(), store.today())?;
    let only = rep.as_deref().map(|r| store::reps::by_name(store.conn(), r)).transpose()?;
    let names = names(&store)?;
    let suffix = uid_suffix(&mut store)?;
    let revisions = store::schedule::revisions(store.conn(), week.first_day(), week.last_day())?;
    let events: Vec<ics::Event> = store::schedule::shifts_between(store.conn(), week.first_day(), week.last_day())?
        .into_iter()
        .filter(|s| only.as_ref().is_none_or(|r| r.id == s.rep_id))
        .map(|s| {
            let at = |min: u32| s.date.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::minutes(min as i64);
            let name = names.get(&s.rep_id).cloned().unwrap_or_default();
            ics::Event {
                uid: format!("shift-{}-{suffix}@repdesk", s.id),
                start: ics::local_to_utc(at(s.start_min)),
                end: ics::local_to_utc(at(s.end_min)),
                summary: cat.tf("ics.summary", &[("rep", &name), ("location", &cat.label(s.location))]),
                location: s.location.to_string(),
                description: cat
                    .tf("ics.description", &[("rep", &name), ("status", &cat.label(s.status)), ("week", &week)]),
                cancelled: matches!(s.status, ShiftStatus::NoShow | ShiftStatus::Swapped),
                sequence: revisions.get(&s.id).map_or(0, |r| r.0),
                modified: revisions.get(&s.id).map(|r| ics::local_to_utc(r.1)),
            }
        })
        .collect();
    let name = match &only {
        Some(r) => cat.tf("ics.name_rep", &[("rep", &r.name), ("week", &week)]),
        None => cat.tf("ics.name", &[("week", &week)]),
    };
    let mut w = out_to(out.as_deref())?;
    w.write_all(ics::calendar(&name, &events, chrono::Utc::now()).as_bytes())?;
    w.flush()?;
    if let Some(path) = out {
        println!("{}", cat.tf("cli.ics_written", &[("count", &events.len()), ("path", &path.display())]));
    }
    Ok(())
}

/// A markdown table cell: pipes escaped, line breaks flattened.
fn md(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

pub fn report(env: &Env, cmd: &ReportCmd) -> anyhow::Result<()> {
    let cat = env.cat;
    let (w, format) = match cmd {
        ReportCmd::Week { week, format } => (week, format),
        other => return super::goals::report(env, other),
    };
    let store = env.open_existing("cli")?;
    let week = week(w.as_deref(), store.today())?;
    let plan = WeekPlan::load(store.conn(), week)?;
    let report = plan.report(cat);
    let mut out = std::io::stdout().lock();
    if *format == ReportFormat::Json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
        return Ok(());
    }
    let format = env.format();
    let money = |cents: i64| format.money(Money(cents));
    let Period::Week { week: number, .. } = week else { return Ok(()) };
    let days: Vec<NaiveDate> = week.dates().collect();
    let mut text = format!(
        "# {}\n\n## {}\n\n",
        cat.tf(
            "report.week_title",
            &[("week", &number), ("from", &cat.day_month(report.from)), ("to", &cat.day_month_year(report.to))]
        ),
        cat.t("report.schedule")
    );
    let mut header = vec![cat.t("schedule.col.rep").to_string()];
    header.extend(days.iter().map(|d| cat.weekday_day(*d)));
    header.push(cat.t("report.hours").to_string());
    text += &format!("| {} |\n|{}\n", header.join(" | "), "---|".repeat(header.len()));
    for r in &report.reps {
        let mut cells = vec![md(&r.rep)];
        for d in &days {
            let on: Vec<String> = r
                .shifts
                .iter()
                .filter(|s| s.date == *d)
                .map(|s| {
                    let mark = match s.status {
                        ShiftStatus::NoShow => " ✗",
                        ShiftStatus::Worked => " ✓",
                        _ => "",
                    };
                    format!(
                        "{}–{} {}{mark}",
                        format_time_of_day(s.start_min),
                        format_time_of_day(s.end_min),
                        s.location.letter()
                    )
                })
                .collect();
            cells.push(on.join(", "));
        }
        let max = r.max_weekly_hours.map(|m| format!("/{m}")).unwrap_or_default();
        cells.push(format!("{}{max}", plan::decimal_hours(r.minutes)));
        text += &format!("| {} |\n", cells.join(" | "));
    }
    text += &format!("\n## {}\n\n", cat.t("report.coverage"));
    text += &format!("| {} | {} |\n|---|---|\n", cat.t("report.day"), cat.t("report.covered"));
    for c in &report.coverage {
        let cell = if c.needed == 0 {
            "—".to_string()
        } else if c.met < c.needed {
            format!("{}/{} ⚠", c.met, c.needed)
        } else {
            format!("{}/{}", c.met, c.needed)
        };
        text += &format!("| {} | {cell} |\n", cat.day(c.date));
    }
    text += &format!("\n## {}\n\n", cat.tf("report.conflicts", &[("count", &report.conflicts.len())]));
    if report.conflicts.is_empty() {
        text += &format!("{}\n", cat.t("report.no_conflicts"));
    }
    for c in &report.conflicts {
        text += &format!("- {}\n", c.message);
    }
    let share = if report.sales_cents > 0 {
        format!("{:.0}%", report.labour_cents as f64 * 100.0 / report.sales_cents as f64)
    } else {
        "—".into()
    };
    text += &format!(
        "\n## {}\n\n{}\n",
        cat.t("report.money"),
        cat.tf(
            "schedule.totals",
            &[("labour", &money(report.labour_cents)), ("sales", &money(report.sales_cents)), ("share", &share)]
        )
    );
    out.write_all(text.as_bytes())?;
    Ok(())
}
