-- A North American number written with its trunk 1 set apart (`1-555-010-2233`,
-- `1 (555) 010-2233`) is the same number as `+1 (555) 010-2233`: its digits are kept without
-- the 1, as `normalise_phone` now does, so a duplicate of an older row is seen. The rule, as
-- in domain/contact.rs: the text begins with 1 and then a space, a dash, a dot or a bracket,
-- and eleven digits remain.
UPDATE leads SET phone_norm = substr(phone_norm, 2)
    WHERE length(phone_norm) = 11 AND substr(phone_norm, 1, 1) = '1'
      AND substr(ltrim(phone), 1, 1) = '1' AND substr(ltrim(phone), 2, 1) IN (' ', '-', '.', '(');
UPDATE OR IGNORE lead_phones SET phone_norm = substr(phone_norm, 2)
    WHERE length(phone_norm) = 11 AND substr(phone_norm, 1, 1) = '1'
      AND substr(ltrim(phone), 1, 1) = '1' AND substr(ltrim(phone), 2, 1) IN (' ', '-', '.', '(');
