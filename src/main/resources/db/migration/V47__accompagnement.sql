-- The accompanying structures a porteur invited onto a lettre d'intention (from its draft
-- on; the lettre's id is the portal's dossier id). structure is the Camunda group of its
-- members, who read the lettre and comment it in the lettre's region only. Withdrawing the
-- invitation deletes the row; the comments stay.
CREATE TABLE accompagnement (
    lettre_id  BIGINT      NOT NULL REFERENCES lettre_intention (id) ON DELETE CASCADE,
    structure  VARCHAR(64) NOT NULL,
    invite_par VARCHAR(64) NOT NULL,
    invite_le  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (lettre_id, structure)
);

CREATE INDEX accompagnement_structure_idx ON accompagnement (structure);
