-- Schema version 7: the household as changed while the gateway runs (the command line, MQTT, the page).
-- The configuration file wins for the ids it names; these rows hold everything else.

-- People added here. The id is stable (history, MQTT topics); the name is only shown. A removed person
-- keeps their row (removed_at_ms set): their history stays, listed as a former person's.
CREATE TABLE person (
    id            TEXT    NOT NULL PRIMARY KEY,
    name          TEXT    NOT NULL,
    zone          TEXT    NOT NULL,  -- an IANA zone id: the rules' calendar days are counted there
    skin_type     TEXT,              -- Fitzpatrick type id, NULL when not given
    added         INTEGER NOT NULL,  -- order of adding: the first person is whose an unmapped pen is
    removed_at_ms INTEGER
) WITHOUT ROWID;

-- The owner of a paired pen, when given here (pair --owner, pens owner). Not a column of paired_pen:
-- forgetting and pairing again keeps whose the pen is.
CREATE TABLE pen_owner (
    pen   TEXT NOT NULL PRIMARY KEY,
    owner TEXT NOT NULL
) WITHOUT ROWID;

-- Devices without Bluetooth added here.
CREATE TABLE device (
    id                  TEXT    NOT NULL PRIMARY KEY,
    kind                TEXT    NOT NULL,  -- roller | pen
    owner               TEXT    NOT NULL,
    needle_hundredths   INTEGER,           -- a roller's needle length, NULL for a pen
    added               INTEGER NOT NULL
) WITHOUT ROWID;

-- A pen lent to someone for its next session: the first that starts at or after chosen_at_ms.
CREATE TABLE pen_lending (
    pen          TEXT    NOT NULL PRIMARY KEY,
    person       TEXT    NOT NULL,
    chosen_at_ms INTEGER NOT NULL
) WITHOUT ROWID;
