-- The leads tab's "by rep" view lists each rep's open leads soonest follow-up first, those
-- with none planned last, and the pool after the reps. This index holds them in that order,
-- so a rep's first page is read without sorting all of their leads.
CREATE INDEX IF NOT EXISTS leads_owner_due ON leads (owner_id, IFNULL(next_follow_up, '9999-12-31'), id)
    WHERE stage NOT IN ('won', 'lost');
