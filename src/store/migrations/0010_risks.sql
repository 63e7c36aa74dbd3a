-- Poaching (抢单) as events of their own, not parsed out of audit JSON: a claim refused on a
-- protected lead, an import naming another rep as a protected lead's owner, an activity
-- logged by a rep on a colleague's protected lead. The Risks tab reads them by day.
CREATE TABLE IF NOT EXISTS risk_events (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind = 'claim' OR kind = 'import' OR kind = 'activity'),
    lead_id         INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    rep_id          INTEGER NOT NULL REFERENCES reps (id) ON DELETE CASCADE,
    owner_id        INTEGER REFERENCES reps (id) ON DELETE SET NULL,
    protected_until TEXT,
    on_day          TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS risk_events_day ON risk_events (on_day);
CREATE INDEX IF NOT EXISTS risk_events_lead ON risk_events (lead_id);
CREATE INDEX IF NOT EXISTS risk_events_rep ON risk_events (rep_id);
INSERT INTO risk_events (kind, lead_id, rep_id, owner_id, protected_until, on_day)
    SELECT CASE WHEN json_extract(a.after, '$.reason') LIKE 'line % of an import%' THEN 'import' ELSE 'claim' END,
           a.entity_id, json_extract(a.after, '$.rep_id'), json_extract(a.after, '$.owner_id'),
           json_extract(a.after, '$.protected_until'), substr(a.at, 1, 10)
    FROM audit_log a
    WHERE a.action = 'claim-refused' AND a.entity_id IN (SELECT id FROM leads)
      AND json_valid(a.after) AND json_extract(a.after, '$.rep_id') IN (SELECT id FROM reps)
      AND NOT EXISTS (SELECT 1 FROM risk_events);

-- An acknowledgement (no `until`) or a snooze (until that day) of one flag: its rule and its
-- subject's key, with how bad it was then, so it comes back when it gets worse. Nothing wrote
-- the old table (it had no subject key), so it is made again.
DROP TABLE IF EXISTS risk_acks;
CREATE TABLE risk_acks (
    id          INTEGER PRIMARY KEY,
    rule        TEXT    NOT NULL,
    subject_key TEXT    NOT NULL,
    until       TEXT,
    note        TEXT,
    severity    TEXT    NOT NULL CHECK (severity = 'high' OR severity = 'medium' OR severity = 'low'),
    level       INTEGER NOT NULL,
    -- The flag's own start: a flag of the same rule and subject that starts later (a new
    -- follow-up missed, a new reach, next month's pace) is a new flag, not this one.
    since       TEXT    NOT NULL,
    on_day      TEXT    NOT NULL,
    UNIQUE (rule, subject_key)
);

-- The lead rules count their flags from indexes (the top bar shows the count on every screen):
-- stale from the later of the last touch and the claim; dormant VIP and loyal customers; leads
-- sitting in one stage.
-- (The stale index holds the follow-up too: the morning queue's stale count, which SQLite may
-- read from it as well, stays on the index alone.)
CREATE INDEX IF NOT EXISTS leads_stale
    ON leads (IFNULL(last_activity_at, created_on), IFNULL(claimed_on, created_on), next_follow_up)
    WHERE stage NOT IN ('won', 'lost') AND owner_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS leads_kept ON leads (IFNULL(last_activity_at, created_on)) WHERE category = 'vip' OR category = 'loyal';
CREATE INDEX IF NOT EXISTS leads_rotting ON leads (stage_changed_on, estimated_value_cents) WHERE stage <> 'won' AND stage <> 'lost';
CREATE INDEX IF NOT EXISTS leads_lapsing ON leads (protected_until, claimed_on, claimed_stage, stage, last_activity_at)
    WHERE stage NOT IN ('won', 'lost') AND owner_id IS NOT NULL;

-- The top bar's risk count, remembered with the day and the last change it was counted after
-- (every write is a change): counting runs every rule over the whole book.
-- One row per day counted, so two processes on different days (a --today, either side of
-- midnight) do not overwrite each other's.
CREATE TABLE IF NOT EXISTS risk_memo (
    day       TEXT    PRIMARY KEY,
    change_id INTEGER NOT NULL,
    total     INTEGER NOT NULL
) WITHOUT ROWID;
