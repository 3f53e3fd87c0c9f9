-- Schema version 4: sessions logged by hand (a derma roller, a pen without Bluetooth).
--
-- A hand entry has no pen: its pen is '' (no pen serial is empty) and its counter is its entry number,
-- so the key (pen, counter) and the findings' foreign key stay as they are. What nobody measured is
-- NULL, never guessed: a hand entry has no stroke rate, and no end when it was logged without a
-- duration. Making those columns nullable means rebuilding the table (SQLite cannot drop a NOT NULL);
-- the old tables are renamed, copied and dropped in this one transaction, findings first, so the
-- foreign keys (enforced) never see a session go.
ALTER TABLE finding RENAME TO finding_v3;
ALTER TABLE session RENAME TO session_v3;

CREATE TABLE session (
    pen              TEXT    NOT NULL,  -- '' for a session logged by hand
    counter          INTEGER NOT NULL,  -- the pen's session counter, or the hand entry's number
    owner            TEXT    NOT NULL,
    area             TEXT    NOT NULL,
    depth_hundredths INTEGER NOT NULL,
    stroke_hz        INTEGER,           -- NULL for a hand entry: nobody counts strokes
    start_s          INTEGER NOT NULL,  -- Unix seconds
    end_s            INTEGER,           -- NULL for a hand entry logged without a duration
    cartridge        TEXT    NOT NULL,  -- '' when not known
    recorded_at_ms   INTEGER NOT NULL,  -- when this gateway stored it
    device           TEXT,              -- the configured device a hand entry names, if any
    PRIMARY KEY (pen, counter),
    CHECK (pen <> '' OR counter >= 1),
    -- A pen measures its stroke rate and end, and is its own device.
    CHECK (pen = '' OR (stroke_hz IS NOT NULL AND end_s IS NOT NULL AND device IS NULL))
) WITHOUT ROWID;

INSERT INTO session (pen, counter, owner, area, depth_hundredths, stroke_hz, start_s, end_s, cartridge,
                     recorded_at_ms, device)
    SELECT pen, counter, owner, area, depth_hundredths, stroke_hz, start_s, end_s, cartridge, recorded_at_ms, NULL
    FROM session_v3;

CREATE TABLE finding (
    pen            TEXT    NOT NULL,
    counter        INTEGER NOT NULL,
    position       INTEGER NOT NULL,  -- order within the session's findings
    rule           TEXT    NOT NULL,
    severity       TEXT    NOT NULL,
    message        TEXT    NOT NULL,
    source         TEXT    NOT NULL,
    next_safe_at_s INTEGER,           -- NULL when the rule says nothing about time
    PRIMARY KEY (pen, counter, position),
    FOREIGN KEY (pen, counter) REFERENCES session (pen, counter) ON DELETE CASCADE
) WITHOUT ROWID;

INSERT INTO finding (pen, counter, position, rule, severity, message, source, next_safe_at_s)
    SELECT pen, counter, position, rule, severity, message, source, next_safe_at_s FROM finding_v3;

DROP TABLE finding_v3;
DROP TABLE session_v3;

CREATE INDEX session_owner_start ON session (owner, start_s, pen, counter);
CREATE INDEX session_cartridge ON session (cartridge) WHERE cartridge <> '';
CREATE INDEX session_start ON session (start_s, pen, counter);

-- Every number given to a hand entry, kept when the entry is deleted: AUTOINCREMENT never gives a
-- number twice, so hand-3 names one entry for good (consumers drop duplicates by session id).
CREATE TABLE hand_entry (
    number        INTEGER PRIMARY KEY AUTOINCREMENT,
    deleted_at_ms INTEGER             -- when the entry was deleted; NULL while it is in the history
);
