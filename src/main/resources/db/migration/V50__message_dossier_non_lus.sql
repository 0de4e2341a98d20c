-- The "non lu" counts of the lists (agents' and porteurs'): one aggregated query over the unread
-- messages of one side, by institution (agents) or by dossier (porteurs).
CREATE INDEX message_dossier_non_lu_idx ON message_dossier (cote, lu_le, institution, reference);
