-- The number of messages waiting in the outbox, kept by triggers in the same transaction as the rows
-- themselves (so a rolled-back session takes its messages' count with it, and a message added by
-- another process counts at once). Reading it is one row whatever the backlog: COUNT(*) reads every
-- row, and the publisher asks after every acknowledgement.
CREATE TABLE outbox_size (
    one INTEGER NOT NULL PRIMARY KEY CHECK (one = 1),
    n   INTEGER NOT NULL
);

INSERT INTO outbox_size (one, n) SELECT 1, COUNT(*) FROM outbox;

CREATE TRIGGER outbox_added AFTER INSERT ON outbox BEGIN UPDATE outbox_size SET n = n + 1; END;

CREATE TRIGGER outbox_removed AFTER DELETE ON outbox BEGIN UPDATE outbox_size SET n = n - 1; END;
