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
    let Some(mine) = board.now.iter().find(|m| m.rep_id == rep_id) else {
        return Ok(Kpis::default());
    };
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
    let poaching: i64 = conn.query_row(
        "SELECT COUNT(*) FROM risk_events WHERE rep_id = ?1 AND on_day BETWEEN ?2 AND ?3",
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

/// Writes a review, its KPIs measured now, as one change. A rep has one review a period: a
/// second is refused (edit the first).
pub fn add(store: &mut Store, new: &NewReview) -> Result<Done<i64>> {
    let today = store.today();
    check(&new.assessment, today)?;
    let rep = store::reps::get(store.conn(), new.rep_id)?;
    let period = new.period.to_string();
    if let Some(id) = store::reviews::of_period(store.conn(), new.rep_id, &period)? {
        return Err(Error::conflict(
            Some("period"),
            Message::new("review.exists").arg("rep", &rep.name).arg("period", &period).arg("id", id),
        ));
    }
    let kpis = kpis(store.conn(), new.rep_id, &new.period, today)?;
    let a = &new.assessment;
    let review = Review {
        id: 0,
        rep_id: new.rep_id,
        period: period.clone(),
        reviewed_on: today,
        rating_results: a.results,
        rating_customer: a.customer,
        rating_attitude: Some(a.attitude),
        rating_teamwork: a.teamwork,
        strengths: a.strengths.trim().to_string(),
        improvements: a.improvements.trim().to_string(),
        plan: a.plan.trim().to_string(),
        next_review_on: a.next_review_on,
    };
    let summary = Summary::new("change.review_add").arg("rep", &rep.name).arg("period", &period);
    store.change(|w| Ok((store::reviews::insert(w, &review, &kpis)?, summary)))
}

/// Rewrites what the owner wrote of review `id`, as one change: the history keeps the text as
/// it was, and undo puts it back.
pub fn edit(store: &mut Store, id: i64, a: &Assessment) -> Result<Done<()>> {
    let Some((review, _, rep)) = store::reviews::get(store.conn(), id)? else {
        return Err(Error::invalid("id", Message::new("review.no_such").arg("id", id)));
    };
    check(a, review.reviewed_on)?;
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
    let summary = Summary::new("change.training_add").arg("rep", &rep.name).arg("topic", topic.trim());
    store.change(|w| Ok((store::training::add_session(w, rep_id, on, topic, minutes)?, summary)))
}
