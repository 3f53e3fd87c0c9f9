-- Schema version 9 (issue 22): sessions given to another person (needleguard history assign). The
-- session's owner column holds whose it is now; each change is kept here: whose it was, and when it
-- changed. A session deleted takes its changes with it.
CREATE TABLE session_owner_change (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    pen            TEXT    NOT NULL,  -- as in session: '' for a hand entry
    counter        INTEGER NOT NULL,
    previous_owner TEXT    NOT NULL,
    changed_at_ms  INTEGER NOT NULL,
    FOREIGN KEY (pen, counter) REFERENCES session (pen, counter) ON DELETE CASCADE
);

CREATE INDEX session_owner_change_session ON session_owner_change (pen, counter);
