-- Schema version 1: sessions, their findings, the owners' time zones and conditions, each pen's chosen
-- area, and the MQTT outbox.
-- A session is identified by its pen's serial and the pen's own session counter.
CREATE TABLE session (
    pen              TEXT    NOT NULL,
    counter          INTEGER NOT NULL,
    owner            TEXT    NOT NULL,
    area             TEXT    NOT NULL,
    depth_hundredths INTEGER NOT NULL,
    stroke_hz        INTEGER NOT NULL,
    start_s          INTEGER NOT NULL,  -- Unix seconds, as the pen records them
    end_s            INTEGER NOT NULL,
    cartridge        TEXT    NOT NULL,  -- '' when the pen could not read one
    recorded_at_ms   INTEGER NOT NULL,  -- when this gateway stored it
    PRIMARY KEY (pen, counter)
) WITHOUT ROWID;

CREATE INDEX session_owner_start ON session (owner, start_s, pen, counter);
CREATE INDEX session_cartridge ON session (cartridge) WHERE cartridge <> '';
CREATE INDEX session_start ON session (start_s, pen, counter);

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

-- The time zone each owner's days are counted in, so listings show local times without the config.
CREATE TABLE owner (
    id   TEXT NOT NULL PRIMARY KEY,
    zone TEXT NOT NULL
) WITHOUT ROWID;

-- An owner's conditions (sunburn, isotretinoin...), from a date, until a date or open-ended.
CREATE TABLE condition (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    owner     TEXT    NOT NULL,
    condition TEXT    NOT NULL,
    from_s    INTEGER NOT NULL,
    until_s   INTEGER            -- exclusive; NULL while it lasts
);

CREATE INDEX condition_owner ON condition (owner, from_s);

-- The area each pen's next sessions are on, as the user chose it.
CREATE TABLE pen_area (
    pen          TEXT    NOT NULL PRIMARY KEY,
    area         TEXT    NOT NULL,
    chosen_at_ms INTEGER NOT NULL
) WITHOUT ROWID;

-- Messages to publish, written in the same transaction as the session or findings they report, and
-- deleted only when the broker has acknowledged them: nothing recorded is lost on the way to MQTT.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    topic      TEXT    NOT NULL,
    payload    BLOB    NOT NULL,
    qos        INTEGER NOT NULL,
    retained   INTEGER NOT NULL
);

-- Pens announced to Home Assistant (MQTT discovery), so their configs can be withdrawn when a pen
-- leaves this gateway.
CREATE TABLE announced_pen (
    pen TEXT NOT NULL PRIMARY KEY
) WITHOUT ROWID;
