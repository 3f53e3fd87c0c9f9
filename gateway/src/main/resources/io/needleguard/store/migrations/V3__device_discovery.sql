-- Home Assistant devices announced with device-based discovery, with the config last published: a
-- config goes out when it changes and not otherwise, a device keeps the id it was first announced
-- under, and a device that leaves is withdrawn, also after a restart.
CREATE TABLE announced_device (
    id     TEXT NOT NULL PRIMARY KEY,  -- the device's id in its discovery topic
    kind   TEXT NOT NULL,              -- gateway, pen or person
    key    TEXT NOT NULL,              -- the MQTT root, the pen's serial or the person's id
    config TEXT NOT NULL
) WITHOUT ROWID;

-- announced_pen holds the pens the first versions announced one entity at a time. A pen moves to
-- device discovery in two steps (Home Assistant's migration path): 'announced' until its old topics
-- are told to hand over, 'migrated' until they are cleared.
ALTER TABLE announced_pen ADD COLUMN state TEXT NOT NULL DEFAULT 'announced';

-- What each pen said it is when it last connected, for its device in Home Assistant.
CREATE TABLE pen_identity (
    pen      TEXT NOT NULL PRIMARY KEY,
    model    TEXT,
    firmware TEXT,
    address  TEXT
) WITHOUT ROWID;
