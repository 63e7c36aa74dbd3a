-- Each rep's open deals, counted and valued: the pipeline the Goals tab sets against what is
-- left of a revenue target. Summing the 60,000 open deals of a large book took 12 ms a frame;
-- triggers keep this one row per rep instead, as they keep rep_days.
CREATE TABLE IF NOT EXISTS rep_pipeline (
    rep_id           INTEGER PRIMARY KEY REFERENCES reps (id) ON DELETE CASCADE,
    open_deals       INTEGER NOT NULL DEFAULT 0,
    open_value_cents INTEGER NOT NULL DEFAULT 0
);
DELETE FROM rep_pipeline;
INSERT INTO rep_pipeline (rep_id, open_deals, open_value_cents)
    SELECT rep_id, COUNT(*), SUM(value_cents) FROM deals
    WHERE rep_id IS NOT NULL AND stage <> 'won' AND stage <> 'lost' GROUP BY rep_id;

DROP TRIGGER IF EXISTS deals_add_to_pipeline;
DROP TRIGGER IF EXISTS deals_remove_from_pipeline;
DROP TRIGGER IF EXISTS deals_leave_pipeline;
DROP TRIGGER IF EXISTS deals_enter_pipeline;
DROP TRIGGER IF EXISTS rep_pipeline_drop_empty;

CREATE TRIGGER deals_add_to_pipeline AFTER INSERT ON deals
WHEN NEW.rep_id IS NOT NULL AND NEW.stage <> 'won' AND NEW.stage <> 'lost'
BEGIN
    INSERT INTO rep_pipeline (rep_id, open_deals, open_value_cents) VALUES (NEW.rep_id, 1, NEW.value_cents)
    ON CONFLICT (rep_id) DO UPDATE SET open_deals = open_deals + 1,
                                       open_value_cents = open_value_cents + excluded.open_value_cents;
END;

CREATE TRIGGER deals_remove_from_pipeline AFTER DELETE ON deals
WHEN OLD.rep_id IS NOT NULL AND OLD.stage <> 'won' AND OLD.stage <> 'lost'
BEGIN
    UPDATE rep_pipeline SET open_deals = open_deals - 1, open_value_cents = open_value_cents - OLD.value_cents
    WHERE rep_id = OLD.rep_id;
END;

CREATE TRIGGER deals_leave_pipeline AFTER UPDATE OF rep_id, stage, value_cents ON deals
WHEN OLD.rep_id IS NOT NULL AND OLD.stage <> 'won' AND OLD.stage <> 'lost'
BEGIN
    UPDATE rep_pipeline SET open_deals = open_deals - 1, open_value_cents = open_value_cents - OLD.value_cents
    WHERE rep_id = OLD.rep_id;
END;

CREATE TRIGGER deals_enter_pipeline AFTER UPDATE OF rep_id, stage, value_cents ON deals
WHEN NEW.rep_id IS NOT NULL AND NEW.stage <> 'won' AND NEW.stage <> 'lost'
BEGIN
    INSERT INTO rep_pipeline (rep_id, open_deals, open_value_cents) VALUES (NEW.rep_id, 1, NEW.value_cents)
    ON CONFLICT (rep_id) DO UPDATE SET open_deals = open_deals + 1,
                                       open_value_cents = open_value_cents + excluded.open_value_cents;
END;

CREATE TRIGGER rep_pipeline_drop_empty AFTER UPDATE ON rep_pipeline
WHEN NEW.open_deals = 0
BEGIN
    DELETE FROM rep_pipeline WHERE rep_id = NEW.rep_id;
END;

-- Honours: once a period is over, the daily sweep records the top rep (reps, on a tie) of each
-- metric, as a change of its own. A rep's record and the history show them.
CREATE TABLE IF NOT EXISTS honours (
    id           INTEGER PRIMARY KEY,
    period_kind  TEXT    NOT NULL CHECK (period_kind = 'week' OR period_kind = 'month' OR period_kind = 'quarter'
                                         OR period_kind = 'year'),
    period_start TEXT    NOT NULL,
    metric       TEXT    NOT NULL CHECK (metric = 'revenue' OR metric = 'deals' OR metric = 'new-customers'
                                         OR metric = 'visits' OR metric = 'calls' OR metric = 'conversion'
                                         OR metric = 'revenue-per-hour'),
    rep_id       INTEGER NOT NULL REFERENCES reps (id) ON DELETE CASCADE,
    -- The figure that earned it, as the leaderboard ranks it (cents for money, percentage
    -- points for conversion).
    value        INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS honours_one ON honours (period_kind, period_start, metric, rep_id);
CREATE INDEX IF NOT EXISTS honours_rep ON honours (rep_id, period_start);
