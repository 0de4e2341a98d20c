-- Who may act for a dossier in the portal: its porteur and the co-porteurs they invited.
CREATE TABLE dossier_membre (
    dossier_id  BIGINT       NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    utilisateur VARCHAR(64)  NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    added_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dossier_id, utilisateur)
);

CREATE INDEX dossier_membre_utilisateur_idx ON dossier_membre (utilisateur);
