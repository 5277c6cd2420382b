-- claimdesk workspace, version 2: dismissed findings of the consistency report.
-- A finding's id hashes its rule and its claims as they are now, so a finding whose
-- claims change gets a new id and shows again.

CREATE TABLE finding_dismissals (
    finding_id    TEXT PRIMARY KEY,
    rule          TEXT NOT NULL,
    note          TEXT NOT NULL,
    dismissed_by  TEXT NOT NULL,
    dismissed_at  TEXT NOT NULL
) STRICT;
