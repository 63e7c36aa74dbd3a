//! Reviews and training: a review's KPIs measured from the same figures as the Goals and
//! Leaderboard tabs, writing and editing reviews as changes, each rep's onboarding checklist
//! and training sessions.

use super::error::{Error, Message, Result};
use crate::domain::leaderboard::{Grouping, rank};
use crate::domain::model::{Metric, Review};
use crate::domain::money::Money;
use crate::domain::period::Period;
use crate::domain::review::{Assessment, Kpis};
use crate::store::changes::{Done, Summary};
use crate::store::{self, Store};
use rusqlite::Connection;

/// A rep's measured figures for `period`, as of `today`: revenue against their revenue target,
/// deals won, new customers, visits, calls, conversion, hours, no-shows, their place on the
/// revenue board, commission, and reaches for colleagues' protected leads.
pub fn kpis(conn: &Connection, rep_id: i64, period: &Period, today: chrono::NaiveDate) -> Result<Kpis> {
    let board = super::goals::board(conn, period, today, Grouping::Reps, Metric::Revenue)?;
    let standings = rank(board.now.clone(), Metric::Revenue);
    // A rep with nothing on the board this period has zeros for its figures, and still their
    // target, no-shows and reaches below.
    let mine = board.now.iter().find(|m| m.rep_id == rep_id).cloned().unwrap_or_default();
    let target = store::targets::listed(conn, period)?
        .into_iter()
        .find(|(_, t, _)| t.rep_id == Some(rep_id) && t.metric == Metric::Revenue)
        .map(|(_, t, _)| Money(t.goal));
    let (first, last) = (period.first_day().to_string(), period.last_day().min(today).to_string());
    let no_shows: i64 = conn.query_row(
        "SELECT COUNT(*) FROM shifts WHERE rep_id = ?1 AND status = 'no-show' AND date BETWEEN ?2 AND ?3",
        rusqlite::params![rep_id, first, last],
        |r| r.get(0),
    )?;
    // Counted as the Risks tab's repeated poaching counts: a lead reached for on a day is one
    // reach (a call and a note on it are one), and an import naming the rep is not theirs.
    let poaching: i64 = conn.query_row(
        "SELECT COUNT(*) FROM (SELECT DISTINCT lead_id, on_day FROM risk_events
          WHERE rep_id = ?1 AND kind <> 'import' AND on_day BETWEEN ?2 AND ?3)",
        rusqlite::params![rep_id, first, last],
        |r| r.get(0),
    )?;
    Ok(Kpis {
        revenue: mine.revenue,
        revenue_target: target,
        deals_won: mine.deals_won,
        new_customers: mine.new_customers,
        visits: mine.visits,
        calls: mine.calls,
        conversion: mine.conversion().map(|c| (c * 100.0).round() as i64),
        minutes: mine.minutes,
        no_shows,
        rank: standings.iter().find(|s| s.metrics.rep_id == rep_id).map(|s| (s.rank as i64, standings.len() as i64)),
        commission: board.commissions.get(&rep_id).map(|c| c.amount).unwrap_or(mine.commission()),
        poaching,
    })
}

/// A review to write: whose, of which period, and what the owner gave.
#[derive(Debug, Clone)]
pub struct NewReview {
    pub rep_id: i64,
    pub period: Period,
    pub assessment: Assessment,
}

/// Writes a review, its KPIs measured now, as one change. The period must be over (its figures
/// are kept for good), attitude rated, and a rep has one review a period: a second is refused
/// (edit the first), checked inside the write so two at once cannot both land.
pub fn add(store: &mut Store, new: &NewReview) -> Result<Done<i64>> {
    let today = store.today();
    check(&new.assessment, today)?;
    crate::domain::review::reviewable(&new.period, today).map_err(|m| Error::invalid("period", m))?;
    let a = &new.assessment;
    let Some(attitude) = a.attitude else {
        return Err(Error::invalid("attitude", Message::new("cli.rating_needed")));
    };
    let rep = store::reps::get(store.conn(), new.rep_id)?;
    let period = new.period.to_string();
    let review = Review {
        id: 0,
        rep_id: new.rep_id,
        period: period.clone(),
        reviewed_on: today,
        rating_results: a.results,
        rating_customer: a.customer,
        rating_attitude: Some(attitude),
        rating_teamwork: a.teamwork,
        strengths: a.strengths.trim().to_string(),
        improvements: a.improvements.trim().to_string(),
        plan: a.plan.trim().to_string(),
        next_review_on: a.next_review_on,
    };
    let summary = Summary::new("change.review_add").arg("rep", &rep.name).arg("period", &period);
    store.change(|w| {
        if let Some(id) = store::reviews::of_period(&w.tx, new.rep_id, &period)? {
            return Err(Error::conflict(
                Some("period"),
                Message::new("review.exists").arg("rep", &rep.name).arg("period", &period).arg("id", id),
            ));
        }
        let kpis = kpis(&w.tx, new.rep_id, &new.period, today)?;
        Ok((store::reviews::insert(w, &review, &kpis)?, summary))
    })
}

/// Rewrites what the owner wrote of review `id`, as one change: the history keeps the text as
/// it was, and undo puts it back.
pub fn edit(store: &mut Store, id: i64, a: &Assessment) -> Result<Done<()>> {
    let Some((review, _, rep)) = store::reviews::get(store.conn(), id)? else {
        return Err(Error::invalid("id", Message::new("review.no_such").arg("id", id)));
    };
    check(a, review.reviewed_on)?;
    let trimmed = Assessment {
        strengths: a.strengths.trim().to_string(),
        improvements: a.improvements.trim().to_string(),
        plan: a.plan.trim().to_string(),
        ..a.clone()
    };
    if trimmed == review.assessment() {
        return Err(Error::conflict(None, Message::new("review.unchanged").arg("id", id)));
    }
    let a = &trimmed;
    let summary = Summary::new("change.review_edit").arg("rep", &rep).arg("period", &review.period);
    store.change(|w| Ok((store::reviews::update(w, id, a)?, summary)))
}

fn check(a: &Assessment, reviewed_on: chrono::NaiveDate) -> Result<()> {
    a.check(reviewed_on).map_err(|(field, message)| Error::invalid(field, message))
}

/// Marks a rep's checklist item done on `on` (or, with `None`, not done), one change.
pub fn step_done(store: &mut Store, rep_id: i64, item: &str, on: Option<chrono::NaiveDate>) -> Result<Done<()>> {
    let rep = store::reps::get(store.conn(), rep_id)?;
    let Some(step) = store::training::step(store.conn(), rep_id, item)? else {
        let items: Vec<String> =
            store::training::checklist(store.conn(), rep_id)?.into_iter().map(|s| s.item).collect();
        return Err(Error::invalid(
            "item",
            Message::new("training.no_such_item").arg("item", item).arg("items", items.join(", ")),
        ));
    };
    if let Some(day) = on.filter(|d| *d > store.today()) {
        return Err(Error::invalid("on", Message::new("training.future").day("day", day)));
    }
    let key = if on.is_some() { "change.step_done" } else { "change.step_undone" };
    let summary = Summary::new(key).arg("rep", &rep.name).arg("item", &step.item);
    store.change(|w| Ok((store::training::set_done(w, step.id, on)?, summary)))
}

/// Adds the owner's own item to a rep's checklist, one change.
pub fn add_step(store: &mut Store, rep_id: i64, item: &str) -> Result<Done<i64>> {
    let rep = store::reps::get(store.conn(), rep_id)?;
    if item.trim().is_empty() {
        return Err(Error::invalid("item", Message::new("training.empty_item")));
    }
    if store::training::step(store.conn(), rep_id, item)?.is_some() {
        return Err(Error::conflict(Some("item"), Message::new("training.item_exists").arg("item", item.trim())));
    }
    let summary = Summary::new("change.step_add").arg("rep", &rep.name).arg("item", item.trim());
    store.change(|w| Ok((store::training::add_step(w, rep_id, item)?, summary)))
}

/// Records a training session a rep attended, one change.
pub fn add_session(
    store: &mut Store,
    rep_id: i64,
    on: chrono::NaiveDate,
    topic: &str,
    minutes: i64,
) -> Result<Done<i64>> {
    let rep = store::reps::get(store.conn(), rep_id)?;
    if topic.trim().is_empty() {
        return Err(Error::invalid("topic", Message::new("training.empty_topic")));
    }
    if minutes <= 0 {
        return Err(Error::invalid("hours", Message::new("training.hours_positive")));
    }
    if on > store.today() {
        return Err(Error::invalid("on", Message::new("training.future").day("day", on)));
    }
    let summary = Summary::new("change.training_add").arg("rep", &rep.name).arg("topic", topic.trim());
    store.change(|w| Ok((store::training::add_session(w, rep_id, on, topic, minutes)?, summary)))
}

/// A review as it is handed over or opened: the review, its rep, its KPIs, the review before
/// it of the same kind of period with theirs, the rep's onboarding and training, and what
/// each edit changed.
pub struct Page {
    pub review: Review,
    pub rep: String,
    /// As kept with the review, or for one written before they were kept, measured now.
    pub kpis: Option<Kpis>,
    pub previous: Option<(Review, Option<Kpis>)>,
    pub checklist: Vec<store::training::Step>,
    pub sessions: Vec<store::training::Session>,
    pub earlier: Vec<Earlier>,
}

/// What an edit of a review changed: when, and each field as it was before.
#[derive(Debug, Clone, PartialEq)]
pub struct Earlier {
    pub at: String,
    /// The field's column and its value before the edit (null: nothing was written).
    pub was: Vec<(&'static str, serde_json::Value)>,
}

/// The fields an owner writes, by their columns.
pub const WRITTEN: [&str; 8] = [
    "rating_results",
    "rating_customer",
    "rating_attitude",
    "rating_teamwork",
    "strengths",
    "improvements",
    "plan",
    "next_review_on",
];

/// Review `id` as a page, or why there is none.
pub fn page(conn: &Connection, id: i64, today: chrono::NaiveDate) -> Result<Page> {
    let Some((review, kept, rep)) = store::reviews::get(conn, id)? else {
        return Err(Error::invalid("id", Message::new("review.no_such").arg("id", id)));
    };
    let measured = |r: &Review, kept: Option<Kpis>| -> Result<Option<Kpis>> {
        Ok(match (kept, crate::domain::review::period(&r.period)) {
            (Some(k), _) => Some(k),
            (None, Ok(period)) => Some(kpis(conn, r.rep_id, &period, today)?),
            (None, Err(_)) => None,
        })
    };
    // The one before: the latest review of the same kind of period that ends earlier.
    let end = |p: &str| crate::domain::review::period(p).map(|p| p.last_day()).ok();
    let previous = store::reviews::of_rep(conn, review.rep_id)?
        .into_iter()
        .filter(|(p, _)| p.id != review.id && crate::domain::review::same_kind(&p.period, &review.period))
        .find(|(p, _)| end(&p.period) < end(&review.period));
    let previous = match previous {
        Some((p, k)) => {
            let k = measured(&p, k)?;
            Some((p, k))
        }
        None => None,
    };
    let kpis = measured(&review, kept)?;
    Ok(Page {
        checklist: store::training::checklist(conn, review.rep_id)?,
        sessions: store::training::sessions(conn, review.rep_id)?,
        earlier: earlier(conn, id)?,
        review,
        rep,
        kpis,
        previous,
    })
}

/// What each edit of review `id` changed, oldest first, from the history: only the edits of
/// this review, after its insert (an id an undone review had is given again to the next).
fn earlier(conn: &Connection, id: i64) -> Result<Vec<Earlier>> {
    let history = store::audit::history(conn, "reviews", id)?;
    let since = history.iter().rposition(|e| e.action == "insert").map_or(0, |i| i + 1);
    let parse = |j: &Option<String>| -> serde_json::Value {
        j.as_deref().and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default()
    };
    Ok(history[since..]
        .iter()
        .filter(|e| e.action == "update")
        .filter_map(|e| {
            let (before, after) = (parse(&e.before), parse(&e.after));
            let was: Vec<(&'static str, serde_json::Value)> = WRITTEN
                .iter()
                .filter(|f| before.get(f) != after.get(f))
                .map(|f| (*f, before.get(f).cloned().unwrap_or_default()))
                .collect();
            (!was.is_empty()).then(|| Earlier { at: e.at.clone(), was })
        })
        .collect())
}
