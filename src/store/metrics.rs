//! What each rep did in a period: the figures behind the leaderboard, goals and reviews.
//! Each figure is one grouped query over a small table or a covering index, never a query
//! per rep; revenue, deals and visits come from `rep_days`, which triggers keep.

use super::Result;
use crate::domain::leaderboard::{Day, RepMetrics, ShiftDay};
use crate::domain::model::Metric;
use crate::domain::money::Money;
use crate::domain::period::Period;
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use std::collections::{BTreeMap, HashMap};

/// Figures for every active rep, and for inactive reps who sold in the period.
/// Hours count shifts marked worked, and scheduled shifts once they have ended (a no-show never
/// counts): by the clock on the real day, the whole day on another.
pub fn rep_metrics(conn: &Connection, period: &Period, today: NaiveDate) -> Result<Vec<RepMetrics>> {
    use strum::IntoEnumIterator;
    rep_metrics_of(conn, period, today, &Metric::iter().collect::<Vec<_>>())
}

/// The figures `metrics` need only, the others left at zero: the period before's, read for
/// a board's movement or a forecast, reads no more than its metric takes.
pub fn rep_metrics_of(
    conn: &Connection,
    period: &Period,
    today: NaiveDate,
    metrics: &[Metric],
) -> Result<Vec<RepMetrics>> {
    let wants = |m: Metric| metrics.contains(&m);
    let days = metrics.iter().any(|m| !matches!(m, Metric::NewCustomers));
    let from = period.first_day().to_string();
    let to = period.last_day().to_string();
    let mut by_rep: BTreeMap<i64, RepMetrics> = BTreeMap::new();

    let mut reps = conn.prepare_cached("SELECT id, name, commission_bp, active, team, channel FROM reps")?;
    let mut active = std::collections::HashSet::new();
    for row in reps.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, bool>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })? {
        let (id, name, commission_bp, is_active, team, channel) = row?;
        if is_active {
            active.insert(id);
        }
        let team = team.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        by_rep.insert(id, RepMetrics { rep_id: id, rep: name, team, channel, commission_bp, ..Default::default() });
    }

    // Conversion counts deals closed in the period, won against lost: kept per rep and day
    // beside revenue and visits, so a month reads the same 1,500 rows, not its 29,000 deals.
    if days {
        let mut days = conn.prepare_cached(
            "SELECT rep_id, SUM(revenue_cents), SUM(deals), SUM(visits), SUM(closed_won), SUM(closed_lost), SUM(calls)
         FROM rep_days WHERE day BETWEEN ?1 AND ?2 GROUP BY rep_id",
        )?;
        let rows = days.query_map(params![from, to], |r| {
            Ok([r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?])
        })?;
        for row in rows {
            let [id, revenue, deals, visits, won, lost, calls] = row?;
            if let Some(m) = by_rep.get_mut(&id) {
                m.revenue = Money(revenue);
                m.deals_won = deals;
                m.visits = visits;
                m.calls = calls;
                m.closed_won = won;
                m.closed_lost = lost;
            }
        }
    }
    // New customers: leads won in the period. Counted with SUM, not filtered on the stage, so
    // the covering index on (closed_on, owner_id, stage) answers it, not one on the stage.
    if wants(Metric::NewCustomers) {
        let mut won_leads = conn.prepare_cached(
            "SELECT owner_id, SUM(stage = 'won') FROM leads
         WHERE closed_on IS NOT NULL AND closed_on BETWEEN ?1 AND ?2 AND owner_id IS NOT NULL GROUP BY owner_id",
        )?;
        for row in won_leads.query_map(params![from, to], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (id, won) = row?;
            if let Some(m) = by_rep.get_mut(&id) {
                m.new_customers = won;
            }
        }
    }
    if wants(Metric::RevenuePerHour) {
        let worked_to = period.last_day().min(today).to_string();
        let minute = super::minute_now(today).unwrap_or(24 * 60);
        let mut hours = conn.prepare_cached(
            "SELECT rep_id, SUM(end_min - start_min) FROM shifts
         WHERE date BETWEEN ?1 AND ?2
           AND (status = 'worked' OR (status = 'scheduled' AND (date < ?3 OR end_min <= ?4)))
         GROUP BY rep_id",
        )?;
        let rows = hours.query_map(params![from, worked_to, today.to_string(), minute], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (id, minutes) = row?;
            if let Some(m) = by_rep.get_mut(&id) {
                m.minutes = minutes;
            }
        }
    }
    // Inactive reps appear only where they still produced something in the period.
    Ok(by_rep
        .into_values()
        .filter(|m| {
            active.contains(&m.rep_id) || m.revenue.cents() != 0 || m.visits > 0 || m.calls > 0 || m.minutes > 0
        })
        .collect())
}

/// Every rep as the figures name them (name, team, channel, rate), with no figures: what
/// [`days_between`] and [`shift_days`] are summed against.
pub fn reps(conn: &Connection) -> Result<Vec<RepMetrics>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, commission_bp, team, channel FROM reps")?;
    let rows = stmt.query_map([], |r| {
        let team: Option<String> = r.get(3)?;
        Ok(RepMetrics {
            rep_id: r.get(0)?,
            rep: r.get(1)?,
            commission_bp: r.get(2)?,
            team: team.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
            channel: r.get(4)?,
            ..Default::default()
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What each rep did on each day between two days (both included), the figures `metrics`
/// need only (the others left at zero): `rep_days`' columns, and the leads won (a scan of the
/// leads closed then, 11 ms for eight months of the large demo, so read only for new
/// customers). One row per rep and day with anything in it, by day then rep.
pub fn days_between(conn: &Connection, from: NaiveDate, to: NaiveDate, metrics: &[Metric]) -> Result<Vec<Day>> {
    let wants = |m: Metric| metrics.contains(&m);
    let (from_text, to_text) = (from.to_string(), to.to_string());
    let mut days: Vec<Day> = Vec::new();
    // Each figure's column, or a 0 in its place: a sparkline of revenue reads one column.
    let column = |name: &'static str, wanted: bool| if wanted { name } else { "0" };
    let columns = [
        column("revenue_cents", wants(Metric::Revenue) || wants(Metric::RevenuePerHour)),
        column("deals", wants(Metric::Deals)),
        column("visits", wants(Metric::Visits)),
        column("calls", wants(Metric::Calls)),
        column("closed_won", wants(Metric::Conversion)),
        column("closed_lost", wants(Metric::Conversion)),
    ];
    if columns.iter().any(|c| *c != "0") {
        let sql = format!(
            "SELECT day, rep_id, {} FROM rep_days WHERE day BETWEEN ?1 AND ?2 ORDER BY day, rep_id",
            columns.join(", ")
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![from_text, to_text])?;
        while let Some(r) = rows.next()? {
            let Some(day) = r.get_ref(0)?.as_str().ok().and_then(iso_day) else { continue };
            let rep_id = r.get(1)?;
            let figures = RepMetrics {
                rep_id,
                revenue: Money(r.get(2)?),
                deals_won: r.get(3)?,
                visits: r.get(4)?,
                calls: r.get(5)?,
                closed_won: r.get(6)?,
                closed_lost: r.get(7)?,
                ..Default::default()
            };
            days.push(Day { rep_id, day, figures });
        }
    }
    if !wants(Metric::NewCustomers) {
        return Ok(days);
    }
    let mut at: HashMap<(i64, NaiveDate), usize> =
        days.iter().enumerate().map(|(i, d)| ((d.rep_id, d.day), i)).collect();
    // Grouped in the order of the covering index on (closed_on, owner_id, stage): no sort.
    let mut won = conn.prepare_cached(
        "SELECT owner_id, closed_on, SUM(stage = 'won') FROM leads
         WHERE closed_on IS NOT NULL AND closed_on BETWEEN ?1 AND ?2 AND owner_id IS NOT NULL GROUP BY closed_on, owner_id",
    )?;
    let mut rows = won.query(params![from_text, to_text])?;
    while let Some(r) = rows.next()? {
        let Some(day) = r.get_ref(1)?.as_str().ok().and_then(iso_day) else { continue };
        let (rep_id, count): (i64, i64) = (r.get(0)?, r.get(2)?);
        if count > 0 {
            let i = *at.entry((rep_id, day)).or_insert_with(|| {
                days.push(Day { rep_id, day, ..Default::default() });
                days.len() - 1
            });
            days[i].figures.new_customers += count;
        }
    }
    days.sort_by_key(|d| (d.day, d.rep_id));
    Ok(days)
}

/// A stored day, `YYYY-MM-DD`, read without a format string: a board's eight periods read
/// thousands of them, and `parse_from_str` made that read five times slower.
fn iso_day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &[u8]| -> Option<u32> {
        s.iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(num(&b[0..4])? as i32, num(&b[5..7])?, num(&b[8..10])?)
}

/// Each rep's shift minutes per place and day between two days, in day order, a no-show's and
/// a swapped shift's left out: all of them, and those the hours count (worked, or scheduled and ended by
/// `today`'s clock).
pub fn shift_days(conn: &Connection, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Vec<ShiftDay>> {
    let minute = super::minute_now(today).unwrap_or(24 * 60);
    let mut stmt = conn.prepare_cached(
        "SELECT rep_id, date, location, SUM(end_min - start_min),
                SUM(CASE WHEN date > ?3 THEN 0
                         WHEN status = 'worked' OR date < ?3 OR end_min <= ?4 THEN end_min - start_min ELSE 0 END)
         FROM shifts WHERE date BETWEEN ?1 AND ?2 AND (status = 'worked' OR status = 'scheduled')
         GROUP BY date, rep_id, location ORDER BY date, rep_id, location",
    )?;
    let mut rows = stmt.query(params![from.to_string(), to.to_string(), today.to_string(), minute])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let Some(day) = r.get_ref(1)?.as_str().ok().and_then(iso_day) else { continue };
        out.push(ShiftDay { rep_id: r.get(0)?, day, location: r.get(2)?, minutes: r.get(3)?, worked: r.get(4)? });
    }
    Ok(out)
}

/// Each rep's open deals' value (reps with none are absent), from `rep_pipeline`.
pub fn open_pipeline(conn: &Connection) -> Result<BTreeMap<i64, Money>> {
    let mut stmt = conn.prepare_cached("SELECT rep_id, open_value_cents FROM rep_pipeline")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, Money(r.get(1)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// All revenue between two days, both included.
pub fn revenue_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Money> {
    let cents: i64 = conn
        .prepare_cached("SELECT IFNULL(SUM(revenue_cents), 0) FROM rep_days WHERE day BETWEEN ?1 AND ?2")?
        .query_row(params![from.to_string(), to.to_string()], |r| r.get(0))?;
    Ok(Money(cents))
}

/// Builds `rep_days` and `rep_pipeline` again from sales, activities and deals, as the
/// triggers would have kept them. A bulk load runs without the triggers and calls this once at
/// the end.
pub fn rebuild_derived(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM rep_pipeline;
         INSERT INTO rep_pipeline (rep_id, open_deals, open_value_cents)
             SELECT rep_id, COUNT(*), SUM(value_cents) FROM deals
             WHERE rep_id IS NOT NULL AND stage <> 'won' AND stage <> 'lost' GROUP BY rep_id;
         DELETE FROM rep_days;
         INSERT INTO rep_days (day, rep_id, revenue_cents, deals)
             SELECT closed_on, rep_id, SUM(amount_cents), COUNT(*) FROM sales GROUP BY closed_on, rep_id;
         INSERT INTO rep_days (day, rep_id, visits, calls)
             SELECT substr(at, 1, 10), rep_id, SUM(kind IN ('visit', 'meeting')), SUM(kind = 'call') FROM activities
             WHERE rep_id IS NOT NULL AND kind IN ('visit', 'meeting', 'call') GROUP BY 1, 2
         ON CONFLICT (day, rep_id) DO UPDATE SET visits = excluded.visits, calls = excluded.calls;
         INSERT INTO rep_days (day, rep_id, closed_won, closed_lost)
             SELECT closed_on, rep_id, SUM(stage = 'won'), SUM(stage = 'lost') FROM deals
             WHERE rep_id IS NOT NULL AND closed_on IS NOT NULL AND (stage = 'won' OR stage = 'lost') GROUP BY 1, 2
         ON CONFLICT (day, rep_id) DO UPDATE SET closed_won = excluded.closed_won, closed_lost = excluded.closed_lost;",
    )?;
    Ok(())
}
