-- Every write is one change: a row here, its id on every audit row the write leaves, which is
-- what the history lists and undo reverses. `kind` is a catalogue key and `args` its
-- arguments (a JSON object of text), so every front end words a change in its own language.
CREATE TABLE changes (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    args        TEXT    NOT NULL DEFAULT '{}',
    -- The change this one reverses, when it is an undo (an undo of an undo is a redo).
    undoes      INTEGER REFERENCES changes (id),
    -- The audit rows of a change are the contiguous ids first_audit..last_audit: one writer
    -- at a time, one transaction per change.
    first_audit INTEGER,
    last_audit  INTEGER,
    -- How many rows it wrote (its audit rows but events such as a refused claim).
    rows        INTEGER NOT NULL DEFAULT 0,
    -- 0 for a write whose rows were not recorded one by one (a demo load): it cannot be undone,
    -- and nothing before it can either.
    undoable    INTEGER NOT NULL DEFAULT 1 CHECK (undoable IN (0, 1))
);
CREATE INDEX changes_undoes ON changes (undoes) WHERE undoes IS NOT NULL;
CREATE INDEX changes_blocking ON changes (id) WHERE undoable = 0;

-- The change being written, read by the capture triggers; its id is NULL between writes, and
-- a write that crashes rolls back with its change. One row, always.
CREATE TABLE change_open (
    one   INTEGER PRIMARY KEY CHECK (one = 1),
    id    INTEGER,
    at    TEXT,
    actor TEXT
);
INSERT INTO change_open (one) VALUES (1);

ALTER TABLE audit_log ADD COLUMN change_id INTEGER REFERENCES changes (id);

-- A day of a rep with nothing left on it is no row at all, so removing the only sale of a day
-- (an undo) leaves the table as it was before the sale.
DELETE FROM rep_days
WHERE revenue_cents = 0 AND deals = 0 AND visits = 0 AND closed_won = 0 AND closed_lost = 0;
CREATE TRIGGER rep_days_drop_empty AFTER UPDATE ON rep_days
WHEN NEW.revenue_cents = 0 AND NEW.deals = 0 AND NEW.visits = 0 AND NEW.closed_won = 0 AND NEW.closed_lost = 0
BEGIN
    DELETE FROM rep_days WHERE day = NEW.day AND rep_id = NEW.rep_id;
END;

-- Undoing the rows a change added deletes them, and SQLite then looks for every row that
-- refers to them; a foreign key without an index on its column made that a scan of the whole
-- child table per row (undoing an import that added 50 reps read a million activities 50 times).
CREATE INDEX activities_rep ON activities (rep_id) WHERE rep_id IS NOT NULL;
CREATE INDEX sales_rep ON sales (rep_id);
CREATE INDEX deals_rep ON deals (rep_id) WHERE rep_id IS NOT NULL;
CREATE INDEX deals_sale ON deals (sale_id) WHERE sale_id IS NOT NULL;
CREATE INDEX leads_released_by ON leads (released_by) WHERE released_by IS NOT NULL;
CREATE INDEX rep_days_rep ON rep_days (rep_id);
CREATE INDEX targets_rep ON targets (rep_id) WHERE rep_id IS NOT NULL;

-- The capture triggers write a row for every row a change touches; an index of every row by
-- its action cost each of them (a tenth of undoing a 100k-row import), and only refused claims
-- are ever looked up by action.
DROP INDEX audit_action;
CREATE INDEX audit_refused ON audit_log (at) WHERE action = 'claim-refused';

-- The capture triggers (one per table and kind of write, `capture_<table>_<insert|update|delete>`)
-- are TEMP triggers that each writing connection makes from the tables' columns as they are:
-- see store::changes::install_capture.
