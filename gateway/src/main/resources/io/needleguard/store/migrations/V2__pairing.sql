-- Pens paired with this gateway, each with the Bluetooth address it proved its serial from. A pen
-- listed in the configuration without an address gets a row on its first connection.
CREATE TABLE paired_pen (
    pen      TEXT    NOT NULL PRIMARY KEY,
    address  TEXT    NOT NULL,
    since_ms INTEGER NOT NULL
) WITHOUT ROWID;

-- Devices that claimed a paired pen's serial from another address, and were refused.
CREATE TABLE refused_device (
    pen           TEXT    NOT NULL,
    address       TEXT    NOT NULL,
    first_seen_ms INTEGER NOT NULL,
    last_seen_ms  INTEGER NOT NULL,
    times         INTEGER NOT NULL,
    PRIMARY KEY (pen, address)
) WITHOUT ROWID;
