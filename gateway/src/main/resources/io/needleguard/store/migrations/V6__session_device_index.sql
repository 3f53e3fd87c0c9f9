-- Sessions by the configured device they were logged with. A roller has no cartridge to replace: it is
-- its own needle set, and its use by another person is looked up by device, as a cartridge's is by its id
-- (session_cartridge), without reading the whole history.
CREATE INDEX session_device ON session (device) WHERE device IS NOT NULL;
