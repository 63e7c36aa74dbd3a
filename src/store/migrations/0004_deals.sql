-- Deals as records of their own. A lead is a customer; a customer has many deals (repeat
-- orders, several opportunities at once), each with its stage, value, owner, dates and
-- outcome. Before this, every deal of an account collapsed into the account's one lead: a
-- CRM export of 8,800 opportunities kept 4,238 sales and lost its 2,473 lost deals.
-- The lead keeps its own stage, the relationship the morning review works with.
CREATE TABLE deals (
    id          INTEGER PRIMARY KEY,
    -- A deal belongs to its customer: merged away with it, deleted with it.
    lead_id     INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    -- History is never deleted with a rep (they are deactivated): SET NULL for safety.
    rep_id      INTEGER REFERENCES reps (id) ON DELETE SET NULL,
    title       TEXT,
    stage       TEXT    NOT NULL DEFAULT 'new'
                CHECK (stage = 'new' OR stage = 'contacted' OR stage = 'qualified' OR stage = 'proposal'
                       OR stage = 'won' OR stage = 'lost'),
    value_cents INTEGER NOT NULL DEFAULT 0,
    opened_on   TEXT,
    closed_on   TEXT,
    lost_reason TEXT,
    product     TEXT,
    -- The deal's id in the CRM it came from: a second import recognises it.
    external_id TEXT,
    -- The sale a won deal recorded.
    sale_id     INTEGER REFERENCES sales (id) ON DELETE SET NULL
);
-- A customer's deals, for the lead's detail and for `w` / `l`, which close its open deal.
CREATE INDEX deals_lead ON deals (lead_id, id);
-- Conversion per rep and period counts deals closed in it: covering.
CREATE INDEX deals_closed ON deals (closed_on, rep_id, stage) WHERE closed_on IS NOT NULL;
-- `deal list` shows the open deals.
CREATE INDEX deals_open ON deals (id) WHERE stage <> 'won' AND stage <> 'lost';
CREATE UNIQUE INDEX deals_external ON deals (external_id) WHERE external_id IS NOT NULL;

-- Deals closed per rep and day, won and lost: conversion reads them beside revenue and
-- visits. Counting a month's deals instead (29,000 on the large demo) made the Leaderboard
-- tab 8 ms slower. Triggers keep the counts, so no write path can forget them.
ALTER TABLE rep_days ADD COLUMN closed_won INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rep_days ADD COLUMN closed_lost INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER deals_add_to_rep_days AFTER INSERT ON deals
WHEN NEW.rep_id IS NOT NULL AND NEW.closed_on IS NOT NULL AND (NEW.stage = 'won' OR NEW.stage = 'lost')
BEGIN
    INSERT INTO rep_days (day, rep_id, closed_won, closed_lost)
    VALUES (NEW.closed_on, NEW.rep_id, NEW.stage = 'won', NEW.stage = 'lost')
    ON CONFLICT (day, rep_id) DO UPDATE SET closed_won = closed_won + excluded.closed_won,
                                            closed_lost = closed_lost + excluded.closed_lost;
END;

CREATE TRIGGER deals_remove_from_rep_days AFTER DELETE ON deals
WHEN OLD.rep_id IS NOT NULL AND OLD.closed_on IS NOT NULL AND (OLD.stage = 'won' OR OLD.stage = 'lost')
BEGIN
    UPDATE rep_days SET closed_won = closed_won - (OLD.stage = 'won'), closed_lost = closed_lost - (OLD.stage = 'lost')
    WHERE day = OLD.closed_on AND rep_id = OLD.rep_id;
END;

CREATE TRIGGER deals_leave_rep_days AFTER UPDATE OF rep_id, stage, closed_on ON deals
WHEN OLD.rep_id IS NOT NULL AND OLD.closed_on IS NOT NULL AND (OLD.stage = 'won' OR OLD.stage = 'lost')
BEGIN
    UPDATE rep_days SET closed_won = closed_won - (OLD.stage = 'won'), closed_lost = closed_lost - (OLD.stage = 'lost')
    WHERE day = OLD.closed_on AND rep_id = OLD.rep_id;
END;

CREATE TRIGGER deals_enter_rep_days AFTER UPDATE OF rep_id, stage, closed_on ON deals
WHEN NEW.rep_id IS NOT NULL AND NEW.closed_on IS NOT NULL AND (NEW.stage = 'won' OR NEW.stage = 'lost')
BEGIN
    INSERT INTO rep_days (day, rep_id, closed_won, closed_lost)
    VALUES (NEW.closed_on, NEW.rep_id, NEW.stage = 'won', NEW.stage = 'lost')
    ON CONFLICT (day, rep_id) DO UPDATE SET closed_won = closed_won + excluded.closed_won,
                                            closed_lost = closed_lost + excluded.closed_lost;
END;

-- Every phone a customer was given beyond `leads.phone` (a mobile, a work phone, a 座机): each
-- one finds the lead and catches a duplicate, so it is kept normalised and indexed.
CREATE TABLE lead_phones (
    lead_id    INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    phone      TEXT    NOT NULL,
    phone_norm TEXT    NOT NULL,
    PRIMARY KEY (lead_id, phone_norm)
) WITHOUT ROWID;
CREATE INDEX lead_phones_norm ON lead_phones (phone_norm);

-- Old files keep their meaning: the Rust step of this migration (store::deals::BACKFILL)
-- gives every sale its won deal and every lead past `new` (or with a value) and no sale its
-- deal in the lead's stage. A lead at `new` with no value has no deal.
