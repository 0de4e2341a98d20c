-- Issue 12 (P3): a document may be issued before it is rendered. The step that issues it (the tacit validation's
-- notification job, during a storm of timers) records the page it is written from (page, the HTML of that moment);
-- its first reader (a download, the mail sender attaching it) renders the PDF once, under the row's lock, and
-- stores the bytes and their SHA-256, which then never change; the page is then dropped.
ALTER TABLE document ALTER COLUMN contenu DROP NOT NULL;
ALTER TABLE document ALTER COLUMN sha256 DROP NOT NULL;
ALTER TABLE document ADD COLUMN page TEXT;

-- A mail's attachment may be a document, read (and rendered if it is not yet) when the mail is delivered.
ALTER TABLE courriel_piece_jointe ALTER COLUMN contenu DROP NOT NULL;
ALTER TABLE courriel_piece_jointe ADD COLUMN document_id BIGINT;
