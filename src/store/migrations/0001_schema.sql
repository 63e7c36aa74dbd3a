-- The whole schema of repdesk 0.1: later versions add behaviour, and columns only by new files.
-- ON DELETE is decided here, once: history (shifts, sales, activities, audit) is never
-- deleted with a rep; reps are deactivated instead, so those keys RESTRICT or SET NULL.

CREATE TABLE reps (
    id                 INTEGER PRIMARY KEY,
    name               TEXT    NOT NULL,
    phone              TEXT,
    email              TEXT,
    channel            TEXT    NOT NULL CHECK (channel IN ('field', 'phone', 'online', 'store')),
    employment         TEXT    NOT NULL CHECK (employment IN ('part-time', 'full-time')),
    team               TEXT,
    hourly_rate_cents  INTEGER NOT NULL DEFAULT 0 CHECK (hourly_rate_cents >= 0),
    commission_bp      INTEGER NOT NULL DEFAULT 0 CHECK (commission_bp BETWEEN 0 AND 10000),
    max_weekly_hours   INTEGER CHECK (max_weekly_hours BETWEEN 1 AND 80),
    active             INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    hired_on           TEXT
);
-- Commands and imports name reps; two reps with one name would make that ambiguous.
CREATE UNIQUE INDEX reps_name ON reps (name);

-- Weekly windows in which a rep can work; weekday 1 = Monday, times in minutes after midnight.
CREATE TABLE availability (
    id        INTEGER PRIMARY KEY,
    rep_id    INTEGER NOT NULL REFERENCES reps (id) ON DELETE CASCADE,
    weekday   INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
    end_min   INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440 AND end_min > start_min)
);
CREATE INDEX availability_rep ON availability (rep_id, weekday);

CREATE TABLE time_off (
    id      INTEGER PRIMARY KEY,
    rep_id  INTEGER NOT NULL REFERENCES reps (id) ON DELETE CASCADE,
    from_on TEXT    NOT NULL,
    to_on   TEXT    NOT NULL CHECK (to_on >= from_on),
    reason  TEXT
);
CREATE INDEX time_off_rep ON time_off (rep_id, from_on);

CREATE TABLE staffing_needs (
    id          INTEGER PRIMARY KEY,
    weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_min   INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
    end_min     INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440 AND end_min > start_min),
    location    TEXT    NOT NULL CHECK (location IN ('store', 'phone', 'field', 'online')),
    reps_needed INTEGER NOT NULL CHECK (reps_needed >= 1)
);

CREATE TABLE shifts (
    id        INTEGER PRIMARY KEY,
    rep_id    INTEGER NOT NULL REFERENCES reps (id) ON DELETE RESTRICT,
    date      TEXT    NOT NULL,
    start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
    end_min   INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440 AND end_min > start_min),
    location  TEXT    NOT NULL CHECK (location IN ('store', 'phone', 'field', 'online')),
    status    TEXT    NOT NULL DEFAULT 'scheduled'
              CHECK (status IN ('scheduled', 'worked', 'no-show', 'swapped'))
);
-- The week grid reads one week of every rep: a range on date.
CREATE INDEX shifts_date ON shifts (date, rep_id);
-- Hours per rep per period (leaderboard) read one rep's range.
CREATE INDEX shifts_rep_date ON shifts (rep_id, date);

CREATE TABLE leads (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT    NOT NULL,
    company               TEXT,
    phone                 TEXT,
    -- Digits only, country prefix stripped: what duplicate detection and lookup compare.
    phone_norm            TEXT,
    email                 TEXT,
    source                TEXT,
    channel               TEXT CHECK (channel IN ('field', 'phone', 'online', 'store')),
    category              TEXT    NOT NULL DEFAULT 'prospect'
                          CHECK (category IN ('prospect', 'new', 'loyal', 'dormant', 'vip')),
    stage                 TEXT    NOT NULL DEFAULT 'new'
                          CHECK (stage IN ('new', 'contacted', 'qualified', 'proposal', 'won', 'lost')),
    lost_reason           TEXT,
    owner_id              INTEGER REFERENCES reps (id) ON DELETE SET NULL,
    claimed_on            TEXT,
    protected_until       TEXT,
    next_follow_up        TEXT,
    estimated_value_cents INTEGER NOT NULL DEFAULT 0,
    external_id           TEXT,
    note                  TEXT,
    created_on            TEXT    NOT NULL,
    stage_changed_on      TEXT    NOT NULL,
    closed_on             TEXT,
    -- Kept up to date by every activity write so "stale" is an index range, not a scan of activities.
    last_activity_at      TEXT,
    CHECK (stage <> 'lost' OR lost_reason IS NOT NULL)
);
-- The review queue and the risk count read these three partial indexes and nothing else;
-- their WHERE clauses and the expression must match the queries in store/leads.rs word for
-- word. Each also carries next_follow_up so counting never reads the table: on 100k leads
-- the stale count went from a 90 ms scan with lookups to an index range.
CREATE INDEX leads_open_follow_up ON leads (next_follow_up)
    WHERE stage NOT IN ('won', 'lost') AND next_follow_up IS NOT NULL;
CREATE INDEX leads_pool ON leads (created_on, next_follow_up)
    WHERE stage NOT IN ('won', 'lost') AND owner_id IS NULL;
CREATE INDEX leads_owned_touch ON leads (IFNULL(last_activity_at, created_on), next_follow_up)
    WHERE stage NOT IN ('won', 'lost') AND owner_id IS NOT NULL;
-- A rep's leads. Partial, so the pool (owner_id IS NULL) is always read through leads_pool.
CREATE INDEX leads_owner ON leads (owner_id, stage) WHERE owner_id IS NOT NULL;
CREATE INDEX leads_phone ON leads (phone_norm) WHERE phone_norm IS NOT NULL;
CREATE INDEX leads_email ON leads (email COLLATE NOCASE) WHERE email IS NOT NULL;
CREATE INDEX leads_name ON leads (name);
-- Conversion per period counts leads closed in it: covering.
CREATE INDEX leads_closed ON leads (closed_on, owner_id, stage) WHERE closed_on IS NOT NULL;
-- Re-importing a CRM export matches on its own ids.
CREATE UNIQUE INDEX leads_external ON leads (external_id) WHERE external_id IS NOT NULL;

CREATE TABLE activities (
    id      INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    rep_id  INTEGER REFERENCES reps (id) ON DELETE SET NULL,
    kind    TEXT    NOT NULL CHECK (kind IN ('call', 'visit', 'message', 'email', 'meeting', 'note')),
    at      TEXT    NOT NULL,
    outcome TEXT,
    note    TEXT
);
-- A lead's history, newest first.
CREATE INDEX activities_lead ON activities (lead_id, at);
-- Visits per rep per period: covering, so the leaderboard never touches the table.
CREATE INDEX activities_at ON activities (at, kind, rep_id);

CREATE TABLE sales (
    id           INTEGER PRIMARY KEY,
    lead_id      INTEGER REFERENCES leads (id) ON DELETE SET NULL,
    rep_id       INTEGER NOT NULL REFERENCES reps (id) ON DELETE RESTRICT,
    amount_cents INTEGER NOT NULL,
    closed_on    TEXT    NOT NULL,
    product      TEXT,
    external_id  TEXT
);
-- Revenue per rep per period: covering.
CREATE INDEX sales_closed ON sales (closed_on, rep_id, amount_cents);
CREATE INDEX sales_lead ON sales (lead_id);
CREATE UNIQUE INDEX sales_external ON sales (external_id) WHERE external_id IS NOT NULL;

-- Per rep and day: the revenue, deals and visits (calls and visits) the leaderboard, goals
-- and reviews add up. Triggers keep it, so no write path can forget it; a month then reads
-- about 1,500 rows instead of the 130,000 activities of a month on the large demo.
CREATE TABLE rep_days (
    day           TEXT    NOT NULL,
    rep_id        INTEGER NOT NULL REFERENCES reps (id) ON DELETE CASCADE,
    revenue_cents INTEGER NOT NULL DEFAULT 0,
    deals         INTEGER NOT NULL DEFAULT 0,
    visits        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, rep_id)
) WITHOUT ROWID;

CREATE TRIGGER sales_add_to_rep_days AFTER INSERT ON sales
BEGIN
    INSERT INTO rep_days (day, rep_id, revenue_cents, deals) VALUES (NEW.closed_on, NEW.rep_id, NEW.amount_cents, 1)
    ON CONFLICT (day, rep_id) DO UPDATE SET revenue_cents = revenue_cents + excluded.revenue_cents, deals = deals + 1;
END;

CREATE TRIGGER sales_remove_from_rep_days AFTER DELETE ON sales
BEGIN
    UPDATE rep_days SET revenue_cents = revenue_cents - OLD.amount_cents, deals = deals - 1
    WHERE day = OLD.closed_on AND rep_id = OLD.rep_id;
END;

CREATE TRIGGER sales_move_in_rep_days AFTER UPDATE OF rep_id, closed_on, amount_cents ON sales
BEGIN
    UPDATE rep_days SET revenue_cents = revenue_cents - OLD.amount_cents, deals = deals - 1
    WHERE day = OLD.closed_on AND rep_id = OLD.rep_id;
    INSERT INTO rep_days (day, rep_id, revenue_cents, deals) VALUES (NEW.closed_on, NEW.rep_id, NEW.amount_cents, 1)
    ON CONFLICT (day, rep_id) DO UPDATE SET revenue_cents = revenue_cents + excluded.revenue_cents, deals = deals + 1;
END;

CREATE TRIGGER activities_add_to_rep_days AFTER INSERT ON activities
WHEN NEW.rep_id IS NOT NULL AND NEW.kind IN ('visit', 'call')
BEGIN
    INSERT INTO rep_days (day, rep_id, visits) VALUES (substr(NEW.at, 1, 10), NEW.rep_id, 1)
    ON CONFLICT (day, rep_id) DO UPDATE SET visits = visits + 1;
END;

CREATE TRIGGER activities_remove_from_rep_days AFTER DELETE ON activities
WHEN OLD.rep_id IS NOT NULL AND OLD.kind IN ('visit', 'call')
BEGIN
    UPDATE rep_days SET visits = visits - 1 WHERE day = substr(OLD.at, 1, 10) AND rep_id = OLD.rep_id;
END;

CREATE TRIGGER activities_leave_rep_days AFTER UPDATE OF rep_id, kind, at ON activities
WHEN OLD.rep_id IS NOT NULL AND OLD.kind IN ('visit', 'call')
BEGIN
    UPDATE rep_days SET visits = visits - 1 WHERE day = substr(OLD.at, 1, 10) AND rep_id = OLD.rep_id;
END;

CREATE TRIGGER activities_enter_rep_days AFTER UPDATE OF rep_id, kind, at ON activities
WHEN NEW.rep_id IS NOT NULL AND NEW.kind IN ('visit', 'call')
BEGIN
    INSERT INTO rep_days (day, rep_id, visits) VALUES (substr(NEW.at, 1, 10), NEW.rep_id, 1)
    ON CONFLICT (day, rep_id) DO UPDATE SET visits = visits + 1;
END;

CREATE TABLE targets (
    id           INTEGER PRIMARY KEY,
    -- NULL is a team target.
    rep_id       INTEGER REFERENCES reps (id) ON DELETE CASCADE,
    period_kind  TEXT    NOT NULL CHECK (period_kind IN ('week', 'month', 'quarter', 'year')),
    period_start TEXT    NOT NULL,
    metric       TEXT    NOT NULL CHECK (metric IN ('revenue', 'deals', 'new-customers', 'visits',
                                                    'conversion', 'revenue-per-hour')),
    goal         INTEGER NOT NULL CHECK (goal >= 0)
);
-- One goal per rep (or team), period and metric; IFNULL because NULLs never collide in UNIQUE.
CREATE UNIQUE INDEX targets_one ON targets (IFNULL(rep_id, 0), period_kind, period_start, metric);

CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    rep_id          INTEGER NOT NULL REFERENCES reps (id) ON DELETE CASCADE,
    period          TEXT    NOT NULL,
    reviewed_on     TEXT    NOT NULL,
    rating_results  INTEGER NOT NULL CHECK (rating_results BETWEEN 1 AND 5),
    rating_customer INTEGER NOT NULL CHECK (rating_customer BETWEEN 1 AND 5),
    rating_teamwork INTEGER NOT NULL CHECK (rating_teamwork BETWEEN 1 AND 5),
    strengths       TEXT    NOT NULL DEFAULT '',
    improvements    TEXT    NOT NULL DEFAULT '',
    plan            TEXT    NOT NULL DEFAULT '',
    next_review_on  TEXT
);
CREATE INDEX reviews_rep ON reviews (rep_id, reviewed_on);

-- Who changed what, before and after (JSON): the ownership history and what undo reads.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    actor     TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    entity_id INTEGER,
    action    TEXT    NOT NULL,
    before    TEXT,
    after     TEXT
);
CREATE INDEX audit_entity ON audit_log (entity, entity_id, id);

-- A risk the owner has seen: hidden from the open list until it changes.
CREATE TABLE risk_acks (
    id       INTEGER PRIMARY KEY,
    rule     TEXT NOT NULL,
    subject  TEXT NOT NULL,
    acked_at TEXT NOT NULL,
    note     TEXT,
    UNIQUE (rule, subject)
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
