//! How a review's figures, ratings and records are written for a person, the same on the
//! command line's page and in the app.

use crate::domain::money::Money;
use crate::domain::review::{self, Kpi, Kpis};
use crate::store;
use crate::text::Catalogue;

/// Minutes as hours: `2`, `1.5`.
pub fn hours_shown(minutes: i64) -> String {
    let hours = minutes as f64 / 60.0;
    if minutes % 60 == 0 { format!("{hours:.0}") } else { format!("{hours:.1}") }
}

/// A rating as stars: `★★★★☆`.
pub fn stars(n: u8) -> String {
    format!("{}{}", "★".repeat(n as usize), "☆".repeat(5usize.saturating_sub(n as usize)))
}

/// The items every rep starts with, by their stored words.
pub const DEFAULT_STEPS: [&str; 4] = ["company", "products", "skills", "tools"];

/// The default a typed name means: its word, or its name in either language (any case).
pub fn default_named(typed: &str) -> Option<&'static str> {
    use strum::IntoEnumIterator;
    let t = typed.trim();
    DEFAULT_STEPS.into_iter().find(|w| {
        w.eq_ignore_ascii_case(t)
            || crate::text::Lang::iter().any(|l| Catalogue::of(l).label_of("onboarding", w).eq_ignore_ascii_case(t))
    })
}

/// A checklist item's name: a default's label, or the owner's text.
pub fn step_name(step: &store::training::Step, cat: &Catalogue) -> String {
    if step.own { step.item.clone() } else { cat.label_of("onboarding", &step.item).to_string() }
}

/// A rep's onboarding and training, as lines: each item ticked or not, then each session.
/// `escape` writes the owner's text for where the lines go (as it is, or as Markdown).
pub fn record(
    checklist: &[store::training::Step],
    sessions: &[store::training::Session],
    cat: &Catalogue,
    escape: fn(&str) -> String,
) -> Vec<String> {
    let mut lines = Vec::new();
    for step in checklist {
        let name = escape(&step_name(step, cat));
        lines.push(match step.done_on {
            Some(on) => format!("[x] {name} · {}", cat.day_month_year(on)),
            None => format!("[ ] {name}"),
        });
    }
    for s in sessions {
        let args: [(&str, &dyn std::fmt::Display); 3] =
            [("day", &cat.day_month_year(s.on)), ("topic", &escape(&s.topic)), ("hours", &hours_shown(s.minutes))];
        lines.push(cat.tf("training.session", &args));
    }
    lines
}

/// A figure as the page shows it, in its own unit.
pub fn figure(kpi: Kpi, value: i64, k: &Kpis, cat: &Catalogue, currency: &str) -> String {
    match kpi {
        Kpi::Revenue | Kpi::Commission => Money(value).display(currency),
        Kpi::Target => format!("{value}%"),
        Kpi::Conversion => format!("{value}%"),
        Kpi::Hours => hours_shown(value),
        Kpi::Rank => {
            let of = k.rank.map(|(_, of)| of).unwrap_or_default();
            cat.tf("review.rank_of", &[("rank", &value), ("of", &of)])
        }
        _ => value.to_string(),
    }
}

/// A change as the page shows it: signed, in the figure's unit, marked better or worse.
pub fn change_shown(kpi: Kpi, change: i64, cat: &Catalogue, currency: &str) -> String {
    if change == 0 {
        return "=".into();
    }
    let mark = if review::better(kpi, change) { "▲" } else { "▼" };
    let sign = if change > 0 { "+" } else { "−" };
    let size = match kpi {
        Kpi::Revenue | Kpi::Commission => Money(change.abs()).display(currency),
        Kpi::Target | Kpi::Conversion => cat.tf("review.points", &[("n", &change.abs())]),
        Kpi::Hours => hours_shown(change.abs()),
        // A place: up the board is a smaller number.
        Kpi::Rank => return format!("{mark}{}", change.abs()),
        _ => change.abs().to_string(),
    };
    format!("{mark} {sign}{size}")
}

/// The catalogue key of a written field's name.
pub fn field_key(column: &str) -> &'static str {
    match column {
        "rating_results" => "review.rating.results",
        "rating_customer" => "review.rating.customer",
        "rating_attitude" => "review.rating.attitude",
        "rating_teamwork" => "review.rating.teamwork",
        "strengths" => "review.strengths",
        "improvements" => "review.improvements",
        "plan" => "review.plan",
        _ => "review.next",
    }
}
