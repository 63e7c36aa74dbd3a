//! A review opened: the page the rep is handed, as the app shows it — the period's figures
//! with their change, the ratings with theirs, the texts line by line, onboarding and training,
//! and what each edit changed.

use crate::domain::review::Kpi;
use crate::service::reviews as service;
use crate::text::review::{change_shown, figure, record, stars};
use crate::tui::popup::Popup;
use crate::tui::{Show, theme};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

pub fn view(id: i64) -> Show {
    Show::new(move |store, ctx| {
        let page = service::page(store.conn(), id, store.today())?;
        let cat = ctx.cat;
        let currency = ctx.currency.as_str();
        let r = &page.review;
        let period = |p: &str| crate::domain::review::period(p).map(|p| cat.period(&p)).unwrap_or_else(|_| p.into());
        let heading = |key: &'static str| Line::styled(ctx.t(key).to_string(), theme::header());
        let mut lines: Vec<Line<'static>> = Vec::new();
        let reviewed = cat.day_month_year(r.reviewed_on);
        lines.push(Line::raw(match r.next_review_on {
            Some(next) => cat.tf("review.dates", &[("reviewed", &reviewed), ("next", &cat.day_month_year(next))]),
            None => cat.tf("review.reviewed", &[("reviewed", &reviewed)]),
        }));
        lines.push(Line::raw(""));
        lines.push(heading("review.kpis"));
        let before = page.previous.as_ref().and_then(|(_, k)| k.as_ref());
        if let Some((p, _)) = &page.previous {
            lines.push(Line::styled(cat.tf("review.change_on", &[("period", &period(&p.period))]), theme::dim()));
        }
        match &page.kpis {
            Some(k) => {
                use strum::IntoEnumIterator;
                let rows: Vec<(String, String, String)> = Kpi::iter()
                    .filter_map(|kpi| {
                        let value = k.value(kpi)?;
                        let name = match kpi {
                            Kpi::Target => cat.tf(
                                kpi.key(),
                                &[("target", &k.revenue_target.map(|t| t.display(currency)).unwrap_or_default())],
                            ),
                            _ => cat.t(kpi.key()).to_string(),
                        };
                        let change =
                            k.change(kpi, before).map(|c| change_shown(kpi, c, cat, currency)).unwrap_or_default();
                        Some((name, figure(kpi, value, k, cat, currency), change))
                    })
                    .collect();
                let name_width = rows.iter().map(|(n, _, _)| n.width()).max().unwrap_or(0);
                let value_width = rows.iter().map(|(_, v, _)| v.width()).max().unwrap_or(0);
                for (name, value, change) in rows {
                    let pad = |t: &str, w: usize| format!("{t}{}", " ".repeat(w.saturating_sub(t.width())));
                    let lead = " ".repeat(value_width.saturating_sub(value.width()));
                    let style = if change.starts_with('▲') {
                        theme::good()
                    } else if change.starts_with('▼') {
                        theme::warn()
                    } else {
                        ratatui::style::Style::default()
                    };
                    lines.push(Line::from(vec![
                        Span::raw(format!("  {}  {lead}{value}  ", pad(&name, name_width))),
                        Span::styled(change, style),
                    ]));
                }
            }
            None => lines.push(Line::styled(ctx.t("review.no_kpis"), theme::dim())),
        }
        lines.push(Line::raw(""));
        lines.push(heading("review.ratings"));
        let was = page.previous.as_ref().map(|(p, _)| p);
        let names =
            ["review.rating.results", "review.rating.customer", "review.rating.attitude", "review.rating.teamwork"];
        let widest = names.iter().map(|k| ctx.t(k).width()).max().unwrap_or(0);
        let named = |key: &'static str| format!("{}{}", ctx.t(key), " ".repeat(widest - ctx.t(key).width()));
        for (key, now, then) in [
            ("review.rating.results", Some(r.rating_results), was.map(|b| b.rating_results)),
            ("review.rating.customer", Some(r.rating_customer), was.map(|b| b.rating_customer)),
            ("review.rating.attitude", r.rating_attitude, was.and_then(|b| b.rating_attitude)),
            ("review.rating.teamwork", Some(r.rating_teamwork), was.map(|b| b.rating_teamwork)),
        ] {
            let shown = match now {
                Some(n) => format!("{} {n}", stars(n)),
                None => ctx.t("review.not_rated").to_string(),
            };
            let change = match (now, then) {
                (Some(n), Some(t)) if n > t => format!("▲ +{}", n - t),
                (Some(n), Some(t)) if n < t => format!("▼ −{}", t - n),
                (Some(_), Some(_)) => "=".into(),
                _ => String::new(),
            };
            lines.push(Line::from(vec![
                Span::raw(format!("  {}  ", named(key))),
                Span::styled(shown, theme::accent()),
                Span::raw(format!("  {change}")),
            ]));
        }
        let overall = ctx.t("review.rating.overall");
        let pad = " ".repeat(widest.saturating_sub(overall.width()));
        lines.push(Line::raw(format!("  {overall}{pad}  {}", r.overall_shown())));
        for (key, body) in
            [("review.strengths", &r.strengths), ("review.improvements", &r.improvements), ("review.plan", &r.plan)]
        {
            lines.push(Line::raw(""));
            lines.push(heading(key));
            if body.trim().is_empty() {
                lines.push(Line::styled(format!("  {}", ctx.t("review.nothing_written")), theme::dim()));
            }
            lines.extend(body.trim().lines().map(|l| Line::raw(format!("  {l}"))));
        }
        lines.push(Line::raw(""));
        lines.push(heading("review.training"));
        let record = record(&page.checklist, &page.sessions, cat, str::to_string);
        if record.is_empty() {
            lines.push(Line::styled(format!("  {}", ctx.t("review.no_training")), theme::dim()));
        }
        lines.extend(record.into_iter().map(|l| Line::raw(format!("  {l}"))));
        if !page.earlier.is_empty() {
            lines.push(Line::raw(""));
            lines.push(heading("review.earlier"));
            for edit in &page.earlier {
                lines.push(Line::styled(cat.tf("review.until", &[("at", &edit.at)]), theme::dim()));
                for (field, was) in &edit.was {
                    let was = match was {
                        serde_json::Value::String(t) if !t.trim().is_empty() => t.replace('\n', " / "),
                        serde_json::Value::String(_) | serde_json::Value::Null => {
                            ctx.t("review.nothing_written").to_string()
                        }
                        v => v.to_string(),
                    };
                    lines.push(Line::raw(format!("  {}: {was}", ctx.t(crate::text::review::field_key(field)))));
                }
            }
        }
        let title = cat.tf("review.title", &[("rep", &page.rep), ("period", &period(&r.period))]);
        Ok(Popup::text(title, lines))
    })
}
