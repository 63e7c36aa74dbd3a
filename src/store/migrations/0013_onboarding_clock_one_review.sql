-- An onboarding item's clock starts when the item was made, not when the rep was hired: a rep
-- added today with a start date a year ago (typed, or from an import) has 30 days like anyone.
-- `onboarding.started_on` is added by this migration's Rust step (`add_onboarding_start`) and
-- written by the trigger below, on the day of the change that adds the rep.

-- A new rep starts with the checklist, however they were added; the day is the open change's
-- (the app's clock, which tests fix), else the machine's.
DROP TRIGGER IF EXISTS reps_start_onboarding;
CREATE TRIGGER reps_start_onboarding AFTER INSERT ON reps
BEGIN
    INSERT OR IGNORE INTO onboarding (rep_id, item, position, started_on)
    SELECT NEW.id, d.item, d.position, IFNULL((SELECT substr(at, 1, 10) FROM change_open), date('now'))
    FROM (SELECT 'company' AS item, 1 AS position UNION ALL SELECT 'products', 2
          UNION ALL SELECT 'skills', 3 UNION ALL SELECT 'tools', 4) d;
END;

-- Items made before this column: the day their (latest: an id given again after an undo is
-- the later insert) insert was recorded, else today (a clock that
-- starts late gives a rep more time; one that starts early raises a flag nobody earned).
UPDATE onboarding SET started_on = COALESCE(
        (SELECT substr(MAX(a.at), 1, 10) FROM audit_log a
         WHERE a.entity = 'onboarding' AND a.entity_id = onboarding.id AND a.action = 'insert'),
        (SELECT substr(MAX(a.at), 1, 10) FROM audit_log a
         WHERE a.entity = 'reps' AND a.entity_id = onboarding.rep_id AND a.action = 'insert'),
        date('now'))
    WHERE started_on IS NULL;

-- One review per rep and period, whatever writes it (an add, or the redo of an undone add): a
-- trigger rather than a unique index, so a file that already holds two keeps them.
DROP TRIGGER IF EXISTS reviews_one_a_period;
CREATE TRIGGER reviews_one_a_period BEFORE INSERT ON reviews
    WHEN EXISTS (SELECT 1 FROM reviews WHERE rep_id = NEW.rep_id AND period = NEW.period)
BEGIN
    SELECT RAISE(ABORT, 'a rep has one review a period');
END;
