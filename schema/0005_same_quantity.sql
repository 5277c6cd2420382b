-- claimdesk workspace, version 5: the "same quantity" model of number conflicts.
-- A figure is compared only when it is a total of a named event (src/check/quantity.rs);
-- claims that are not have subject_key NULL. Its time and place anchors ("year=2003",
-- "place=kenya") are kept here: a missing anchor matches any, two different ones never.
-- The keys of every stored claim are recomputed by code in the same transaction.

ALTER TABLE claims ADD COLUMN anchor TEXT;
