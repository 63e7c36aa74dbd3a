//! Changes to leads: owner, stage, follow-up, activities, merges. Each writes its audit row,
//! which is the lead's history the app shows.

use super::leads::{count, get, insert_row};
use super::{Result, StoreError, Writer, audit, date, fmt_datetime, word};
use crate::domain::contact::{MatchedBy, name_company_key, normalise_email, normalise_phone};
use crate::domain::lead::{Ownership, merged_stage};
use crate::domain::model::{Activity, Lead, Stage};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// The ownership facts of a lead.
pub fn ownership(conn: &Connection, id: i64) -> Result<Ownership> {
    conn.prepare_cached(
        "SELECT stage, owner_id, claimed_on, protected_until, stage_changed_on, released_by, released_on, claimed_stage
         FROM leads WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(Ownership {
            stage: word(&r.get::<_, String>(0)?, Stage::New),
            owner_id: r.get(1)?,
            claimed_on: date(r.get(2)?),
            protected_until: date(r.get(3)?),
            stage_changed_on: date(r.get(4)?).unwrap_or_default(),
            released_by: r.get(5)?,
            released_on: date(r.get(6)?),
            claimed_stage: r.get::<_, Option<String>>(7)?.and_then(|s| s.parse().ok()),
        })
    })
    .optional()?
    .ok_or_else(|| StoreError::NotFound { entity: "lead", key: id.to_string() })
}

/// The leads still at `new`: a file that knows their stage may give it to them.
pub fn at_new(conn: &Connection) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare("SELECT id FROM leads WHERE stage = 'new'")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Each owned lead's owner.
pub fn owners(conn: &Connection) -> Result<std::collections::HashMap<i64, i64>> {
    let mut stmt = conn.prepare("SELECT id, owner_id FROM leads WHERE owner_id IS NOT NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many open leads a rep protects today.
pub fn protected_held(conn: &Connection, rep_id: i64, today: NaiveDate) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT COUNT(*) FROM leads WHERE owner_id = ?1 AND stage NOT IN ('won', 'lost') AND protected_until >= ?2",
        )?
        .query_row(params![rep_id, today.to_string()], |r| r.get(0))?)
}

/// Open leads per active rep, for fair assignment.
pub fn open_leads_per_rep(conn: &Connection) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, (SELECT COUNT(*) FROM leads l WHERE l.owner_id = r.id AND l.stage NOT IN ('won', 'lost'))
         FROM reps r WHERE r.active = 1 ORDER BY r.id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Leads already there that look like this customer, and how they matched.
pub fn duplicates(conn: &Connection, lead: &Lead, except: Option<i64>) -> Result<Vec<(i64, MatchedBy)>> {
    let mut out: Vec<(i64, MatchedBy)> = Vec::new();
    let mut push = |id: i64, by: MatchedBy| {
        if Some(id) != except && !out.iter().any(|(o, _)| *o == id) {
            out.push((id, by));
        }
    };
    if let Some(phone) = lead.phone.as_deref().and_then(normalise_phone) {
        let mut stmt = conn.prepare_cached(
            "SELECT id FROM leads WHERE phone_norm = ?1
             UNION SELECT lead_id FROM lead_phones WHERE phone_norm = ?1 LIMIT 5",
        )?;
        for id in stmt.query_map([phone], |r| r.get(0))? {
            push(id?, MatchedBy::Phone);
        }
    }
    if let Some(email) = lead.email.as_deref().and_then(normalise_email) {
        let mut stmt = conn.prepare_cached("SELECT id FROM leads WHERE email = ?1 COLLATE NOCASE LIMIT 5")?;
        for id in stmt.query_map([email], |r| r.get(0))? {
            push(id?, MatchedBy::Email);
        }
    }
    if has_company(lead) {
        let key = name_company_key(&lead.name, lead.company.as_deref());
        let mut stmt = conn.prepare_cached("SELECT id FROM leads WHERE name_key = ?1 LIMIT 5")?;
        for id in stmt.query_map([key], |r| r.get(0))? {
            push(id?, MatchedBy::NameAndCompany);
        }
    }
    Ok(out)
}

/// A name alone is too common to say two leads are one customer; with the company it is not.
fn has_company(lead: &Lead) -> bool {
    lead.company.as_deref().is_some_and(|c| !c.trim().is_empty())
}

pub fn add(w: &Writer<'_>, lead: &Lead) -> Result<Lead> {
    // The row is written exactly as given, so the lead with its new id is what was stored.
    let added = Lead { id: insert_row(&w.tx, lead)?, ..lead.clone() };
    Ok(added)
}

/// Adds a lead from an import: the row alone, returned by id.
pub fn add_imported(w: &Writer<'_>, lead: &Lead) -> Result<i64> {
    insert_row(&w.tx, lead)
}

/// The ownership columns a change writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OwnerChange {
    pub owner_id: Option<i64>,
    pub claimed_on: Option<NaiveDate>,
    pub protected_until: Option<NaiveDate>,
    pub released_by: Option<i64>,
    pub released_on: Option<NaiveDate>,
}

/// Writes a change of owner or protection; `action` names it in the history
/// (`assign`, `claim`, `release`, `renew`).
pub fn set_owner(w: &Writer<'_>, id: i64, change: &OwnerChange) -> Result<Lead> {
    get(&w.tx, id)?;
    let d = |day: Option<NaiveDate>| day.map(|x| x.to_string());
    w.tx.prepare_cached(
        "UPDATE leads SET owner_id = ?2, claimed_on = ?3, protected_until = ?4, released_by = ?5, released_on = ?6,
                claimed_stage = CASE WHEN ?2 IS NULL THEN NULL ELSE stage END
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        change.owner_id,
        d(change.claimed_on),
        d(change.protected_until),
        change.released_by,
        d(change.released_on)
    ])?;
    let after = get(&w.tx, id)?;
    Ok(after)
}

/// Moves a lead to `stage` on `day`; a closed stage sets the close date, reopening clears it.
pub fn set_stage(w: &Writer<'_>, id: i64, stage: Stage, lost_reason: Option<&str>, day: NaiveDate) -> Result<Lead> {
    get(&w.tx, id)?;
    let closed_on = (!stage.is_open()).then(|| day.to_string());
    let reason = if stage == Stage::Lost { lost_reason } else { None };
    w.tx.prepare_cached(
        "UPDATE leads SET stage = ?2, lost_reason = ?3, stage_changed_on = ?4, closed_on = ?5,
                next_follow_up = CASE WHEN ?6 THEN next_follow_up ELSE NULL END
         WHERE id = ?1",
    )?
    .execute(params![id, stage.as_str(), reason, day.to_string(), closed_on, stage.is_open()])?;
    let after = get(&w.tx, id)?;
    Ok(after)
}

pub fn set_follow_up(w: &Writer<'_>, id: i64, day: Option<NaiveDate>) -> Result<Lead> {
    get(&w.tx, id)?;
    w.tx.prepare_cached("UPDATE leads SET next_follow_up = ?2 WHERE id = ?1")?
        .execute(params![id, day.map(|d| d.to_string())])?;
    let after = get(&w.tx, id)?;
    Ok(after)
}

/// The one INSERT of an activity, without the lead's last touch (bulk loads set that on the
/// lead row themselves).
pub fn insert_activity_row(conn: &Connection, a: &Activity) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO activities (lead_id, rep_id, kind, at, outcome, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![a.lead_id, a.rep_id, a.kind.as_str(), fmt_datetime(a.at), a.outcome, a.note])?;
    Ok(conn.last_insert_rowid())
}

/// Logs an activity with its audit row and moves the lead's last touch, which the queue reads.
/// A rep logging on a lead a colleague protects that day reaches for it: a poaching event.
pub fn add_activity(w: &Writer<'_>, activity: &Activity) -> Result<i64> {
    let id = insert_activity_row(&w.tx, activity)?;
    let day = activity.at.date();
    if let Some(rep_id) = activity.rep_id {
        let o = ownership(&w.tx, activity.lead_id)?;
        let protected = o.protected_until.is_some_and(|u| u >= day) && o.claimed_on.is_none_or(|c| c <= day);
        if let Some(owner_id) = o.owner_id.filter(|owner| *owner != rep_id && protected) {
            let reach = crate::domain::risk::poaching::Reach::Activity;
            super::risks::insert_event(&w.tx, reach, activity.lead_id, rep_id, Some(owner_id), o.protected_until, day)?;
        }
    }
    w.tx.prepare_cached(
        "UPDATE leads SET last_activity_at = ?2 WHERE id = ?1 AND (last_activity_at IS NULL OR last_activity_at < ?2)",
    )?
    .execute(params![activity.lead_id, fmt_datetime(activity.at)])?;
    Ok(id)
}

/// Moves the end of a lead's protection (activity extends it), with its audit row.
pub fn set_protected_until(w: &Writer<'_>, id: i64, until: NaiveDate) -> Result<()> {
    get(&w.tx, id)?;
    w.tx.prepare_cached("UPDATE leads SET protected_until = ?2 WHERE id = ?1")?
        .execute(params![id, until.to_string()])?;
    Ok(())
}

/// Records a refused attempt to take a protected lead, in the lead's history and as a reach
/// for a colleague's lead (the Risks tab's poaching): by claim, or by an import naming the rep.
#[allow(clippy::too_many_arguments)]
pub fn record_refusal<T: Serialize>(
    w: &Writer<'_>,
    lead_id: i64,
    what: &T,
    reach: crate::domain::risk::poaching::Reach,
    rep_id: i64,
    owner_id: Option<i64>,
    protected_until: Option<NaiveDate>,
    on: NaiveDate,
) -> Result<()> {
    audit::record::<(), T>(w, "lead", Some(lead_id), "claim-refused", None, Some(what))?;
    super::risks::insert_event(&w.tx, reach, lead_id, rep_id, owner_id, protected_until, on)
}

/// Owned open leads whose protection ended before `today`.
pub fn lapsed(conn: &Connection, today: NaiveDate) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM leads WHERE stage NOT IN ('won', 'lost') AND owner_id IS NOT NULL AND protected_until < ?1",
    )?;
    let rows = stmt.query_map([today.to_string()], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Folds `gone` into `kept`: activities and sales move over, the earlier claim wins the
/// ownership, and `gone` is deleted. Both rows are in the audit log.
pub fn merge(w: &Writer<'_>, kept: i64, gone: i64) -> Result<Lead> {
    let (a, b) = (get(&w.tx, kept)?, get(&w.tx, gone)?);
    w.tx.execute("UPDATE activities SET lead_id = ?1 WHERE lead_id = ?2", params![kept, gone])?;
    w.tx.execute("UPDATE sales SET lead_id = ?1 WHERE lead_id = ?2", params![kept, gone])?;
    w.tx.execute("UPDATE deals SET lead_id = ?1 WHERE lead_id = ?2", params![kept, gone])?;
    w.tx.execute(
        "INSERT OR IGNORE INTO lead_phones (lead_id, phone, phone_norm)
         SELECT ?1, phone, phone_norm FROM lead_phones WHERE lead_id = ?2
         UNION ALL SELECT ?1, phone, phone_norm FROM leads WHERE id = ?2 AND phone_norm IS NOT NULL",
        params![kept, gone],
    )?;
    let earlier_claim = match (a.claimed_on, b.claimed_on) {
        (Some(x), Some(y)) => y < x,
        (None, Some(_)) => true,
        _ => false,
    };
    if earlier_claim {
        w.tx.execute(
            "UPDATE leads SET owner_id = ?2, claimed_on = ?3, protected_until = ?4 WHERE id = ?1",
            params![kept, b.owner_id, b.claimed_on.map(|d| d.to_string()), b.protected_until.map(|d| d.to_string())],
        )?;
    }
    // What only the other lead knew fills the gaps; its own id in another system moves over
    // (cleared on it first: the id is unique), so a re-import still recognises the customer.
    w.tx.execute("UPDATE leads SET external_id = NULL WHERE id = ?1", [gone])?;
    let (stage, closed_on, lost_reason) = merged_stage(&a, &b);
    w.tx.execute(
        "UPDATE leads SET
            company = IFNULL(company, ?2), phone = IFNULL(phone, ?3), phone_norm = IFNULL(phone_norm, ?4),
            email = IFNULL(email, ?5), next_follow_up = IFNULL(next_follow_up, ?6),
            last_activity_at = MAX(IFNULL(last_activity_at, ''), IFNULL(?7, '')),
            estimated_value_cents = MAX(estimated_value_cents, ?8),
            external_id = IFNULL(external_id, ?9), note = IFNULL(note, ?10), source = IFNULL(source, ?11),
            channel = IFNULL(channel, ?12), category = CASE WHEN category = 'prospect' THEN ?13 ELSE category END,
            stage = ?14, closed_on = ?15, lost_reason = ?16
         WHERE id = ?1",
        params![
            kept,
            b.company,
            b.phone,
            b.phone.as_deref().and_then(normalise_phone),
            b.email,
            b.next_follow_up.map(|d| d.to_string()),
            b.last_activity_at.map(fmt_datetime),
            b.estimated_value.cents(),
            b.external_id,
            b.note,
            b.source,
            b.channel.map(|c| c.as_str()),
            b.category.as_str(),
            stage.as_str(),
            closed_on.map(|d| d.to_string()),
            lost_reason,
        ],
    )?;
    w.tx.execute("UPDATE leads SET last_activity_at = NULL WHERE id = ?1 AND last_activity_at = ''", [kept])?;
    // The kept lead's own phone is not one of its other phones.
    w.tx.execute(
        "DELETE FROM lead_phones WHERE lead_id = ?1 AND phone_norm = (SELECT phone_norm FROM leads WHERE id = ?1)",
        [kept],
    )?;
    w.tx.execute("DELETE FROM leads WHERE id = ?1", [gone])?;
    // A company the kept lead gained is part of its name key (what duplicates are found by).
    let after = get(&w.tx, kept)?;
    w.tx.execute(
        "UPDATE leads SET name_key = ?2 WHERE id = ?1 AND name_key IS NOT ?2",
        params![kept, name_company_key(&after.name, after.company.as_deref())],
    )?;
    Ok(after)
}

/// A lead as a lookup shows it: who has this customer, protected until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub id: i64,
    pub name: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub stage: Stage,
    pub owner: Option<String>,
    pub protected_until: Option<NaiveDate>,
}

/// Leads matching a phone (any way it is written), an e-mail, or a name or company.
pub fn find(conn: &Connection, text: &str, limit: usize) -> Result<Vec<Found>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Vec::new());
    }
    let phone = normalise_phone(t).unwrap_or_else(|| "\u{0}".into());
    // The same matcher as the app's `/`; the exact phone first, open leads before closed ones.
    let (clause, like, digits) = super::leads::filter_clause(t);
    let sql = format!(
        "SELECT l.id, l.name, l.company, l.phone, l.email, l.stage, r.name, l.protected_until
         FROM leads l LEFT JOIN reps r ON r.id = l.owner_id
         WHERE 1 {clause}
         ORDER BY l.phone_norm = ?1 DESC, l.email = ?2 COLLATE NOCASE DESC, l.stage IN ('won', 'lost'), l.name
         LIMIT ?5"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![phone, t, like, digits, limit as i64], |r| {
        Ok(Found {
            id: r.get(0)?,
            name: r.get(1)?,
            company: r.get(2)?,
            phone: r.get(3)?,
            email: r.get(4)?,
            stage: word(&r.get::<_, String>(5)?, Stage::New),
            owner: r.get(6)?,
            protected_until: date(r.get(7)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Writes a lead's own fields (name, contact, source, channel, category, value, follow-up, note).
pub fn update_fields(w: &Writer<'_>, lead: &Lead) -> Result<Lead> {
    get(&w.tx, lead.id)?;
    w.tx.prepare_cached(
        "UPDATE leads SET name = ?2, company = ?3, phone = ?4, phone_norm = ?5, email = ?6, source = ?7, channel = ?8,
                category = ?9, estimated_value_cents = ?10, next_follow_up = ?11, note = ?12, name_key = ?13
         WHERE id = ?1",
    )?
    .execute(params![
        lead.id,
        lead.name,
        lead.company,
        lead.phone,
        lead.phone.as_deref().and_then(normalise_phone),
        lead.email,
        lead.source,
        lead.channel.map(|c| c.as_str()),
        lead.category.as_str(),
        lead.estimated_value.cents(),
        lead.next_follow_up.map(|d| d.to_string()),
        lead.note,
        name_company_key(&lead.name, lead.company.as_deref()),
    ])?;
    let after = get(&w.tx, lead.id)?;
    Ok(after)
}

/// What a lead is recognised by, normalised once: its id in another system, its phones,
/// e-mail, and name with company (only when it has a company: a name alone is never a match).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys {
    external: Option<String>,
    phones: Vec<String>,
    email: Option<String>,
    name_key: Option<String>,
    /// The company alone, which recognises an organization a deal names without a person.
    company: Option<String>,
    /// The name of a customer known by nothing else (no phone, e-mail or company): the only
    /// way a file that gives names alone can be imported twice without doubling them.
    bare: Option<String>,
}

impl Keys {
    pub fn of(lead: &Lead) -> Keys {
        Keys::with_phones::<&str>(lead, &[])
    }

    pub fn email(&self) -> Option<&str> {
        self.email.as_deref()
    }

    /// The lead's keys with the other phones a file gave it.
    pub fn with_phones<P: AsRef<str>>(lead: &Lead, others: &[P]) -> Keys {
        let mut phones: Vec<String> = Vec::new();
        let all = lead.phone.as_deref().into_iter().chain(others.iter().map(AsRef::as_ref));
        for phone in all.filter_map(normalise_phone) {
            if !phones.contains(&phone) {
                phones.push(phone);
            }
        }
        Keys {
            external: lead.external_id.clone(),
            email: lead.email.as_deref().and_then(normalise_email),
            name_key: has_company(lead).then(|| name_company_key(&lead.name, lead.company.as_deref())),
            company: lead.company.as_deref().map(company_key).filter(|c| !c.is_empty()),
            bare: (phones.is_empty() && lead.email.is_none() && !has_company(lead))
                .then(|| name_company_key(&lead.name, None)),
            phones,
        }
    }
}

/// A company as it is compared: trimmed, ASCII case ignored.
fn company_key(company: &str) -> String {
    company.trim_matches(' ').to_ascii_lowercase()
}

type Index = std::collections::HashMap<String, i64, foldhash::fast::RandomState>;

/// Every lead's identity (its own id in another system, phones, e-mail, name and company),
/// held in memory for an import: one read instead of four lookups per row.
#[derive(Debug, Default)]
pub struct Identities {
    external: Index,
    phone: Index,
    email: Index,
    name_key: Index,
    company: Index,
    bare: Index,
}

impl Identities {
    /// Reads every lead's keys, with room for `more` leads to come.
    pub fn load(conn: &Connection, more: usize) -> Result<Identities> {
        let room = count(conn)? as usize + more;
        let index = || Index::with_capacity_and_hasher(room, Default::default());
        let mut ids = Identities {
            external: index(),
            phone: index(),
            email: index(),
            name_key: index(),
            company: index(),
            bare: index(),
        };
        let mut stmt = conn.prepare(
            "SELECT id, external_id, phone_norm, email, name_key, company,
                    CASE WHEN phone_norm IS NULL AND email IS NULL AND IFNULL(trim(company), '') = ''
                              AND NOT EXISTS (SELECT 1 FROM lead_phones p WHERE p.lead_id = leads.id)
                         THEN name_key END
             FROM leads",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let email: Option<String> = r.get(3)?;
            let keys = Keys {
                external: r.get(1)?,
                phones: r.get::<_, Option<String>>(2)?.into_iter().collect(),
                email: email.and_then(|e| normalise_email(&e)),
                name_key: r.get(4)?,
                company: r.get::<_, Option<String>>(5)?.as_deref().map(company_key).filter(|c| !c.is_empty()),
                bare: r.get(6)?,
            };
            ids.add(r.get(0)?, keys);
        }
        let mut stmt = conn.prepare("SELECT lead_id, phone_norm FROM lead_phones")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            ids.phone.entry(r.get(1)?).or_insert(r.get(0)?);
        }
        Ok(ids)
    }

    /// Remembers a lead just written.
    pub fn add(&mut self, id: i64, keys: Keys) {
        for phone in keys.phones {
            self.phone.entry(phone).or_insert(id);
        }
        let maps = [&mut self.external, &mut self.email, &mut self.name_key, &mut self.company, &mut self.bare];
        let keys = [keys.external, keys.email, keys.name_key, keys.company, keys.bare];
        for (map, key) in maps.into_iter().zip(keys) {
            if let Some(key) = key {
                map.entry(key).or_insert(id);
            }
        }
    }

    /// The lead with this external id, if any.
    pub fn by_external(&self, keys: &Keys) -> Option<i64> {
        keys.external.as_ref().and_then(|e| self.external.get(e).copied())
    }

    /// Whether some lead has this phone (normalised).
    pub fn has_phone(&self, normalised: &str) -> bool {
        self.phone.contains_key(normalised)
    }

    /// Whether some lead has this e-mail (normalised).
    pub fn has_email(&self, normalised: &str) -> bool {
        self.email.contains_key(normalised)
    }

    /// Whether every phone and the e-mail of `keys` are already known as lead `id`'s: a row of
    /// the customer that can add nothing to it.
    pub fn knows_all(&self, id: i64, keys: &Keys) -> bool {
        keys.phones.iter().all(|p| self.phone.get(p) == Some(&id))
            && keys.email.as_ref().is_none_or(|e| self.email.get(e) == Some(&id))
    }

    /// The first lead of this company: the customer of a deal that names only an organization.
    pub fn by_company(&self, keys: &Keys) -> Option<i64> {
        keys.company.as_ref().and_then(|c| self.company.get(c).copied())
    }

    /// The first lead with these keys, the way [`duplicates`] matches.
    pub fn duplicate(&self, keys: &Keys) -> Option<(i64, MatchedBy)> {
        let find = |map: &Index, key: &Option<String>| key.as_ref().and_then(|k| map.get(k).copied());
        keys.phones
            .iter()
            .find_map(|p| self.phone.get(p).copied())
            .map(|id| (id, MatchedBy::Phone))
            .or_else(|| find(&self.email, &keys.email).map(|id| (id, MatchedBy::Email)))
            .or_else(|| find(&self.name_key, &keys.name_key).map(|id| (id, MatchedBy::NameAndCompany)))
            .or_else(|| find(&self.bare, &keys.bare).map(|id| (id, MatchedBy::NameAlone)))
    }
}

/// Keeps a lead's other phones (beyond `leads.phone`), each normalised so it finds the lead.
pub fn add_phones<P: AsRef<str>>(conn: &Connection, lead_id: i64, primary: Option<&str>, phones: &[P]) -> Result<()> {
    let primary = primary.and_then(normalise_phone);
    let mut stmt =
        conn.prepare_cached("INSERT OR IGNORE INTO lead_phones (lead_id, phone, phone_norm) VALUES (?1, ?2, ?3)")?;
    for phone in phones.iter().map(AsRef::as_ref) {
        match normalise_phone(phone) {
            Some(norm) if Some(&norm) != primary.as_ref() => {
                stmt.execute(params![lead_id, phone.trim(), norm])?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// A lead's other phones, as they were written.
pub fn other_phones(conn: &Connection, lead_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT phone FROM lead_phones WHERE lead_id = ?1 ORDER BY phone")?;
    Ok(stmt.query_map([lead_id], |r| r.get(0))?.collect::<Result<_, _>>()?)
}
