-- Rate limits (ratelimit module): one row per rule and subject, shared by every node on the same
-- database. The subject (an account, a client address, a recipient) is stored as its SHA-256 only:
-- the table lists no address. A row whose oublie_le has passed counts as absent and is purged.
CREATE TABLE limite (
    regle           VARCHAR(40) NOT NULL,
    sujet           VARCHAR(64) NOT NULL,
    nombre          INTEGER     NOT NULL,
    fenetre_debut   TIMESTAMP WITH TIME ZONE NOT NULL,
    paliers         INTEGER     NOT NULL,
    bloque_jusqu_au TIMESTAMP WITH TIME ZONE,
    oublie_le       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (regle, sujet)
);

CREATE INDEX limite_oublie_le_idx ON limite (oublie_le);
