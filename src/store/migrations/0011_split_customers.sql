-- Two leads of one customer (the same phone, e-mail, or name and company) held by different
-- reps: the duplicate-owners risk. Checking the whole book for it reads every owned lead three
-- times (60 ms on the large demo), so the risk engine keeps the keys that clash and checks only
-- what changed since: a lead written open and owned (added, claimed, assigned, its contacts
-- edited, reopened) is noted here by a trigger, with no lookup, so an import of 100k leads pays
-- an append per row. A clash can only start with such a lead; one that ends (a lead released,
-- closed, deleted, merged) is found when the few clashes kept are checked again.
CREATE TABLE IF NOT EXISTS leads_touched (
    id INTEGER PRIMARY KEY
);

-- The keys two or more reps' open leads share: `kind` phone, email or name (name and company).
CREATE TABLE IF NOT EXISTS contact_clashes (
    kind TEXT NOT NULL,
    key  TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;

-- After a bulk load (whose triggers are off) the whole book is read: the three duplicate
-- lookup indexes carry the owner and stage, so that read stays on them (0.7 s on the large demo
-- when it went to every row).
DROP INDEX IF EXISTS leads_phone;
CREATE INDEX leads_phone ON leads (phone_norm, owner_id, stage) WHERE phone_norm IS NOT NULL;
DROP INDEX IF EXISTS leads_email;
CREATE INDEX leads_email ON leads (email COLLATE NOCASE, owner_id, stage) WHERE email IS NOT NULL;
DROP INDEX IF EXISTS leads_name_key;
CREATE INDEX leads_name_key ON leads (name_key, owner_id, stage);

DROP TRIGGER IF EXISTS leads_touch_on_insert;
DROP TRIGGER IF EXISTS leads_touch_on_update;
DROP TRIGGER IF EXISTS lead_phones_touch;
CREATE TRIGGER leads_touch_on_insert AFTER INSERT ON leads
WHEN NEW.owner_id IS NOT NULL AND NEW.stage <> 'won' AND NEW.stage <> 'lost'
BEGIN
    INSERT OR IGNORE INTO leads_touched (id) VALUES (NEW.id);
END;
CREATE TRIGGER leads_touch_on_update AFTER UPDATE OF owner_id, stage, phone_norm, email, name_key ON leads
WHEN NEW.owner_id IS NOT NULL AND NEW.stage <> 'won' AND NEW.stage <> 'lost'
BEGIN
    INSERT OR IGNORE INTO leads_touched (id) VALUES (NEW.id);
END;
CREATE TRIGGER lead_phones_touch AFTER INSERT ON lead_phones
BEGIN
    INSERT OR IGNORE INTO leads_touched (id) VALUES (NEW.lead_id);
END;

-- Every lead held now is new to the engine: the first check reads the whole book once.
INSERT OR IGNORE INTO leads_touched (id)
    SELECT id FROM leads WHERE owner_id IS NOT NULL AND stage <> 'won' AND stage <> 'lost';

-- The Risks tab's list is remembered with the count: every rule over the whole book takes
-- 40-50 ms, and while neither the day nor the last change moves the list stands.
DROP TABLE IF EXISTS risk_memo;
CREATE TABLE risk_memo (
    day       TEXT    PRIMARY KEY,
    change_id INTEGER NOT NULL,
    total     INTEGER NOT NULL,
    -- The list as JSON, and how many of each lead rule's worst it holds; NULL: only counted.
    list      TEXT,
    list_limit INTEGER,
    -- The version that counted it: another one's rules may differ.
    build     TEXT
) WITHOUT ROWID;
