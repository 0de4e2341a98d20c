-- Issue 12 (review): the task a production was recorded for. Its job produces only what is still owed when it
-- runs: the mails inviting agents or porteurs to that task are dropped when the task no longer exists
-- (completed, the dossier abandoned, its instance deleted), a receipt of a deposit is always issued. Rows written
-- before this column (NULL) are produced as before.
ALTER TABLE production_apres_commit ADD COLUMN tache_id VARCHAR(64);
