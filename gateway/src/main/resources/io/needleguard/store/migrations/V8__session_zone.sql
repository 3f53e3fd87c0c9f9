-- Schema version 8: each session keeps the time zone of its person in force when it was recorded or
-- logged (an IANA zone id). Its calendar day is that zone's for good: the rules' days, a re-judgement
-- after the person's zone changed, and the history's listing all use it.
--
-- Sessions stored before this version: the zone a migration can know is the person's zone the history
-- holds now, the best available record of where the sessions happened. First the zone the gateway last
-- saved for the owner (table owner: the configuration file's people and the household's, as the gateway
-- last ran with them), then the household's own person row. A session of an owner neither knows keeps
-- NULL, read as "the person's current zone" (what every session meant before this version).
ALTER TABLE session ADD COLUMN zone TEXT;

UPDATE session SET zone = COALESCE(
    (SELECT o.zone FROM owner o WHERE o.id = session.owner),
    (SELECT p.zone FROM person p WHERE p.id = session.owner));
