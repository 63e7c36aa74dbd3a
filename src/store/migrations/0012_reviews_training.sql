-- Reviews rate attitude too, and keep the KPIs they were written against (JSON: the period's
-- measured figures as the review saw them, so a later correction of a sale does not rewrite
-- what was discussed): `reviews.rating_attitude` and `reviews.kpis`, added by this migration's
-- Rust step where the table lacks them (`add_review_columns`).

-- Each rep's onboarding checklist: the four every rep starts with (their words: company,
-- products, skills, tools) and the owner's own items (`own` = 1, their text as written).
CREATE TABLE IF NOT EXISTS onboarding (
    id       INTEGER PRIMARY KEY,
    rep_id   INTEGER NOT NULL REFERENCES reps (id) ON DELETE CASCADE,
    item     TEXT    NOT NULL,
    own      INTEGER NOT NULL DEFAULT 0 CHECK (own IN (0, 1)),
    position INTEGER NOT NULL,
    done_on  TEXT,
    UNIQUE (rep_id, item)
);

-- Training sessions a rep attended.
CREATE TABLE IF NOT EXISTS trainings (
    id      INTEGER PRIMARY KEY,
    rep_id  INTEGER NOT NULL REFERENCES reps (id) ON DELETE CASCADE,
    on_day  TEXT    NOT NULL,
    topic   TEXT    NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes > 0)
);
CREATE INDEX IF NOT EXISTS trainings_rep ON trainings (rep_id, on_day);

-- A new rep starts with the checklist, however they were added.
DROP TRIGGER IF EXISTS reps_start_onboarding;
CREATE TRIGGER reps_start_onboarding AFTER INSERT ON reps
BEGIN
    INSERT OR IGNORE INTO onboarding (rep_id, item, position) VALUES
        (NEW.id, 'company', 1), (NEW.id, 'products', 2), (NEW.id, 'skills', 3), (NEW.id, 'tools', 4);
END;

-- Reps already on the team were onboarded before there was a checklist: theirs is done, on the
-- day they started (or, not knowing it, today).
INSERT OR IGNORE INTO onboarding (rep_id, item, position, done_on)
    SELECT r.id, d.item, d.position, IFNULL(r.hired_on, date('now'))
    FROM reps r, (SELECT 'company' AS item, 1 AS position UNION ALL SELECT 'products', 2
                  UNION ALL SELECT 'skills', 3 UNION ALL SELECT 'tools', 4) d;
