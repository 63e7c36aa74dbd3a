//! The shared-customer rule's facts: the keys (phone, e-mail, name and company) two or more
//! reps' open leads share, kept in `contact_clashes` and checked only where leads changed.

use super::{Result, aside, date};
use crate::domain::risk::shared_customer::{Holder, Match, Shared};
use rusqlite::{Connection, OptionalExtension, params};

/// An open lead held by a rep (on `leads l`).
const HELD: &str = "l.owner_id IS NOT NULL AND l.stage <> 'won' AND l.stage <> 'lost'";

/// Past this many leads noted since the last check, reading the whole book is quicker than
/// looking each one up.
const LOOK_UP_AT_MOST: usize = 500;

/// The customers two or more reps hold (the shared-customer rule's facts). The clashes found
/// before are checked again, the leads written since (`leads_touched`, kept by triggers) looked
/// up, or after a bulk load (which notes lead 0) or many writes the whole book read; what is
/// found is kept for the next check.
pub fn shared_customers(conn: &Connection) -> Result<Vec<Shared>> {
    let read = || -> Result<Vec<(String, Shared)>> {
        let touched: Vec<i64> = conn
            .prepare_cached("SELECT id FROM leads_touched")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut keys: std::collections::BTreeSet<(Match, String)> = conn
            .prepare_cached("SELECT kind, key FROM contact_clashes")?
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .filter_map(|row| row.map(|(kind, key)| Match::parse(&kind).map(|m| (m, key))).transpose())
            .collect::<Result<_, _>>()?;
        if touched.len() > LOOK_UP_AT_MOST || touched.contains(&0) {
            keys = every_clash(conn)?;
        } else {
            for id in touched {
                keys.extend(keys_of(conn, id)?);
            }
        }
        let mut shared = Vec::new();
        for (by, key) in keys {
            let holders = holders(conn, by, &key)?;
            let reps: std::collections::HashSet<i64> = holders.iter().map(|h| h.rep_id).collect();
            if reps.len() >= 2 {
                shared.push((key, Shared { by, holders }));
            }
        }
        Ok(shared)
    };
    let keep = |shared: &Vec<(String, Shared)>| -> Result<()> {
        conn.execute_batch("DELETE FROM contact_clashes; DELETE FROM leads_touched;")?;
        let mut keep = conn.prepare_cached("INSERT OR IGNORE INTO contact_clashes (kind, key) VALUES (?1, ?2)")?;
        for (key, s) in shared {
            keep.execute(params![s.by.as_str(), key])?;
        }
        Ok(())
    };
    Ok(aside(conn, read, keep)?.into_iter().map(|(_, s)| s).collect())
}

/// Every key two or more reps' open leads share, read from the whole book.
fn every_clash(conn: &Connection) -> Result<std::collections::BTreeSet<(Match, String)>> {
    let queries = [
        (
            Match::Phone,
            format!(
                "SELECT l.phone_norm FROM leads l WHERE {HELD} AND l.phone_norm IS NOT NULL AND l.phone_norm <> ''
                 GROUP BY l.phone_norm HAVING MIN(l.owner_id) <> MAX(l.owner_id)"
            ),
        ),
        // A lead's other phones (few): each one another rep's lead has too.
        (
            Match::Phone,
            format!(
                "SELECT DISTINCT p.phone_norm FROM lead_phones p CROSS JOIN leads l ON l.id = p.lead_id
                 WHERE {HELD} AND p.phone_norm <> '' AND EXISTS (
                     SELECT 1 FROM leads m WHERE m.id IN (SELECT id FROM leads WHERE phone_norm = p.phone_norm
                                                        UNION SELECT lead_id FROM lead_phones WHERE phone_norm = p.phone_norm)
                       AND m.owner_id IS NOT NULL AND m.stage <> 'won' AND m.stage <> 'lost' AND m.owner_id <> l.owner_id)"
            ),
        ),
        (
            Match::Email,
            format!(
                "SELECT lower(MIN(l.email)) FROM leads l WHERE {HELD} AND l.email IS NOT NULL AND l.email <> ''
                 GROUP BY l.email COLLATE NOCASE HAVING MIN(l.owner_id) <> MAX(l.owner_id)"
            ),
        ),
        (
            Match::Name,
            format!(
                "SELECT l.name_key FROM leads l WHERE {HELD} AND l.name_key IS NOT NULL AND l.name_key NOT LIKE '%|'
                 GROUP BY l.name_key HAVING MIN(l.owner_id) <> MAX(l.owner_id)"
            ),
        ),
    ];
    let mut keys = std::collections::BTreeSet::new();
    for (by, sql) in queries {
        let found: Vec<String> = conn.prepare_cached(&sql)?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        keys.extend(found.into_iter().map(|k| (by, k)));
    }
    Ok(keys)
}

/// The keys of lead `id` if it is open and held: its phones, e-mail, name and company.
fn keys_of(conn: &Connection, id: i64) -> Result<Vec<(Match, String)>> {
    let row: Option<(Option<String>, Option<String>, Option<String>)> = conn
        .prepare_cached(&format!(
            "SELECT l.phone_norm, lower(l.email), l.name_key FROM leads l WHERE l.id = ?1 AND {HELD}"
        ))?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((phone, email, name)) = row else { return Ok(Vec::new()) };
    let mut keys: Vec<(Match, String)> = conn
        .prepare_cached("SELECT phone_norm FROM lead_phones WHERE lead_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .map(|p| p.map(|p| (Match::Phone, p)))
        .collect::<Result<_, _>>()?;
    keys.extend(phone.map(|p| (Match::Phone, p)));
    keys.extend(email.map(|e| (Match::Email, e)));
    // A name with no company is too common to be a customer (`王伟|`).
    keys.extend(name.filter(|n| !n.ends_with('|')).map(|n| (Match::Name, n)));
    keys.retain(|(_, k)| !k.is_empty());
    Ok(keys)
}

/// The open, held leads that have `key`, with their reps.
fn holders(conn: &Connection, by: Match, key: &str) -> Result<Vec<Holder>> {
    let which = match by {
        Match::Phone => {
            "l.id IN (SELECT id FROM leads WHERE phone_norm = ?1 UNION SELECT lead_id FROM lead_phones WHERE phone_norm = ?1)"
        }
        Match::Email => "l.email = ?1 COLLATE NOCASE",
        Match::Name => "l.name_key = ?1",
    };
    let sql = format!(
        "SELECT l.id, l.name, l.company, l.owner_id, r.name, IFNULL(l.claimed_on, l.created_on)
         FROM leads l JOIN reps r ON r.id = l.owner_id WHERE {which} AND {HELD} ORDER BY l.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([key], |r| {
        Ok(Holder {
            lead_id: r.get(0)?,
            customer: r.get(1)?,
            company: r.get(2)?,
            rep_id: r.get(3)?,
            rep: r.get(4)?,
            since: date(r.get(5)?).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::Clock;
    use crate::store::Store;
    use chrono::NaiveDate;

    fn store() -> Store {
        let store = Store::open_in_memory(Clock::fixed(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())).unwrap();
        store.conn().execute_batch("INSERT INTO reps (id, name, channel, employment) VALUES (1, 'A', 'store', 'part-time'), (2, 'B', 'store', 'part-time');").unwrap();
        store
    }

    fn add(conn: &Connection, id: i64, phone: &str, owner: i64) {
        conn.execute(
            "INSERT INTO leads (id, name, phone_norm, owner_id, created_on, stage_changed_on)
             VALUES (?1, 'x', ?2, ?3, '2026-11-01', '2026-11-01')",
            params![id, phone, owner],
        )
        .unwrap();
    }

    fn shared(conn: &Connection) -> Vec<(Match, Vec<i64>)> {
        shared_customers(conn)
            .unwrap()
            .into_iter()
            .map(|s| (s.by, s.holders.iter().map(|h| h.lead_id).collect()))
            .collect()
    }

    #[test]
    fn a_bulk_load_without_the_triggers_has_the_whole_book_read() {
        let mut store = store();
        store
            .change_unrecorded(|w| -> Result<((), crate::store::changes::Summary)> {
                let deferred = crate::store::bulk::Deferred::drop(w, &["leads"], &[])?;
                add(&w.tx, 1, "139", 1);
                add(&w.tx, 2, "139", 2);
                deferred.restore(w)?;
                Ok(((), crate::store::changes::Summary::new("change.demo")))
            })
            .unwrap();
        assert_eq!(shared(store.conn()), [(Match::Phone, vec![1, 2])]);
        // Kept, and checked again: gone once one of them is released.
        store.conn().execute("UPDATE leads SET owner_id = NULL WHERE id = 2", []).unwrap();
        assert_eq!(shared(store.conn()), []);
        let left: i64 = store.conn().query_row("SELECT COUNT(*) FROM contact_clashes", [], |r| r.get(0)).unwrap();
        assert_eq!(left, 0);
    }

    #[test]
    fn many_leads_written_read_the_book_and_a_few_are_looked_up() {
        let store = store();
        let conn = store.conn();
        // A clash made with the triggers off and nothing noted: looking up what was written
        // cannot see it, reading the whole book does.
        conn.execute_batch("DROP TRIGGER leads_touch_on_insert").unwrap();
        add(conn, 2, "p2", 1);
        add(conn, 9_001, "p2", 2);
        conn.execute_batch(
            "CREATE TRIGGER leads_touch_on_insert AFTER INSERT ON leads
             WHEN NEW.owner_id IS NOT NULL AND NEW.stage <> 'won' AND NEW.stage <> 'lost'
             BEGIN INSERT OR IGNORE INTO leads_touched (id) VALUES (NEW.id); END;",
        )
        .unwrap();
        add(conn, 3, "p3", 1);
        assert_eq!(shared(conn), [], "one lead looked up: the unnoted clash is not seen");
        for id in 10..=LOOK_UP_AT_MOST as i64 + 10 {
            add(conn, id, &format!("q{id}"), 1);
        }
        assert_eq!(shared(conn), [(Match::Phone, vec![2, 9_001])], "many written: the whole book read");
        add(conn, 9_002, "p3", 2);
        let touched: i64 = conn.query_row("SELECT COUNT(*) FROM leads_touched", [], |r| r.get(0)).unwrap();
        assert_eq!(touched, 1);
        assert_eq!(shared(conn), [(Match::Phone, vec![2, 9_001]), (Match::Phone, vec![3, 9_002])], "one looked up");
        // Inside a caller's transaction the check reads and keeps nothing.
        conn.execute_batch("BEGIN; DELETE FROM leads WHERE id = 9002;").unwrap();
        assert_eq!(shared(conn), [(Match::Phone, vec![2, 9_001])]);
        let kept: i64 = conn.query_row("SELECT COUNT(*) FROM contact_clashes", [], |r| r.get(0)).unwrap();
        assert_eq!(kept, 2, "the clash of lead 9002 is still kept, to be checked again");
        conn.execute_batch("ROLLBACK").unwrap();
    }

    #[test]
    fn a_name_without_a_company_is_no_customer() {
        let store = store();
        let conn = store.conn();
        for (id, owner, company) in [(1, 1, None), (2, 2, None), (3, 1, Some("王记")), (4, 2, Some("王记"))] {
            conn.execute(
                "INSERT INTO leads (id, name, company, owner_id, name_key, created_on, stage_changed_on)
                 VALUES (?1, '王伟', ?2, ?3, ?4, '2026-11-01', '2026-11-01')",
                params![id, company, owner, crate::domain::contact::name_company_key("王伟", company)],
            )
            .unwrap();
        }
        assert_eq!(shared(conn), [(Match::Name, vec![3, 4])]);
        conn.execute("INSERT INTO leads_touched (id) VALUES (0)", []).unwrap();
        assert_eq!(shared(conn), [(Match::Name, vec![3, 4])], "the whole book read the same");
    }
}
