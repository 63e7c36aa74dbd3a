-- Visits are visits and meetings in person; calls are their own figure (a call used to count
-- as a visit). rep_days keeps both per rep and day, from the activities as they are.
ALTER TABLE rep_days ADD COLUMN calls INTEGER NOT NULL DEFAULT 0;
DROP TRIGGER IF EXISTS activities_add_to_rep_days;
DROP TRIGGER IF EXISTS activities_remove_from_rep_days;
DROP TRIGGER IF EXISTS activities_leave_rep_days;
DROP TRIGGER IF EXISTS activities_enter_rep_days;
DROP TRIGGER IF EXISTS rep_days_drop_empty;
UPDATE rep_days SET visits = 0 WHERE visits <> 0;
INSERT INTO rep_days (day, rep_id, visits, calls)
    SELECT substr(at, 1, 10), rep_id, SUM(kind IN ('visit', 'meeting')), SUM(kind = 'call') FROM activities
    WHERE rep_id IS NOT NULL AND kind IN ('visit', 'meeting', 'call') GROUP BY 1, 2
ON CONFLICT (day, rep_id) DO UPDATE SET visits = excluded.visits, calls = excluded.calls;
DELETE FROM rep_days
WHERE revenue_cents = 0 AND deals = 0 AND visits = 0 AND calls = 0 AND closed_won = 0 AND closed_lost = 0;

CREATE TRIGGER rep_days_drop_empty AFTER UPDATE ON rep_days
WHEN NEW.revenue_cents = 0 AND NEW.deals = 0 AND NEW.visits = 0 AND NEW.calls = 0 AND NEW.closed_won = 0
     AND NEW.closed_lost = 0
BEGIN
    DELETE FROM rep_days WHERE day = NEW.day AND rep_id = NEW.rep_id;
END;

CREATE TRIGGER activities_add_to_rep_days AFTER INSERT ON activities
WHEN NEW.rep_id IS NOT NULL AND NEW.kind IN ('visit', 'meeting', 'call')
BEGIN
    INSERT INTO rep_days (day, rep_id, visits, calls)
    VALUES (substr(NEW.at, 1, 10), NEW.rep_id, NEW.kind <> 'call', NEW.kind = 'call')
    ON CONFLICT (day, rep_id) DO UPDATE SET visits = visits + excluded.visits, calls = calls + excluded.calls;
END;

CREATE TRIGGER activities_remove_from_rep_days AFTER DELETE ON activities
WHEN OLD.rep_id IS NOT NULL AND OLD.kind IN ('visit', 'meeting', 'call')
BEGIN
    UPDATE rep_days SET visits = visits - (OLD.kind <> 'call'), calls = calls - (OLD.kind = 'call')
    WHERE day = substr(OLD.at, 1, 10) AND rep_id = OLD.rep_id;
END;

CREATE TRIGGER activities_leave_rep_days AFTER UPDATE OF rep_id, kind, at ON activities
WHEN OLD.rep_id IS NOT NULL AND OLD.kind IN ('visit', 'meeting', 'call')
BEGIN
    UPDATE rep_days SET visits = visits - (OLD.kind <> 'call'), calls = calls - (OLD.kind = 'call')
    WHERE day = substr(OLD.at, 1, 10) AND rep_id = OLD.rep_id;
END;

CREATE TRIGGER activities_enter_rep_days AFTER UPDATE OF rep_id, kind, at ON activities
WHEN NEW.rep_id IS NOT NULL AND NEW.kind IN ('visit', 'meeting', 'call')
BEGIN
    INSERT INTO rep_days (day, rep_id, visits, calls)
    VALUES (substr(NEW.at, 1, 10), NEW.rep_id, NEW.kind <> 'call', NEW.kind = 'call')
    ON CONFLICT (day, rep_id) DO UPDATE SET visits = visits + excluded.visits, calls = calls + excluded.calls;
END;

-- A target is a rep's, a team's (by the team the reps are in) or the whole business's
-- (neither), and calls are a metric of their own. SQLite changes a CHECK only by making the
-- table again; the ids stay, so the history still finds each target.
CREATE TABLE targets_new (
    id           INTEGER PRIMARY KEY,
    rep_id       INTEGER REFERENCES reps (id) ON DELETE CASCADE,
    team         TEXT    CHECK (team IS NULL OR (rep_id IS NULL AND length(trim(team)) > 0)),
    -- The lists spelled out as comparisons, as migration 3 made them (no list table per row).
    period_kind  TEXT    NOT NULL CHECK (period_kind = 'week' OR period_kind = 'month' OR period_kind = 'quarter'
                                         OR period_kind = 'year'),
    period_start TEXT    NOT NULL,
    metric       TEXT    NOT NULL CHECK (metric = 'revenue' OR metric = 'deals' OR metric = 'new-customers'
                                         OR metric = 'visits' OR metric = 'calls' OR metric = 'conversion'
                                         OR metric = 'revenue-per-hour'),
    goal         INTEGER NOT NULL CHECK (goal >= 0)
);
INSERT INTO targets_new (id, rep_id, period_kind, period_start, metric, goal)
    SELECT id, rep_id, period_kind, period_start, metric, goal FROM targets;
DROP TABLE targets;
ALTER TABLE targets_new RENAME TO targets;
CREATE UNIQUE INDEX targets_one ON targets (IFNULL(rep_id, 0), IFNULL(team, ''), period_kind, period_start, metric);
CREATE INDEX targets_rep ON targets (rep_id) WHERE rep_id IS NOT NULL;
CREATE INDEX targets_period ON targets (period_kind, period_start);
