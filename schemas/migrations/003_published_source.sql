-- Where each article's publication date came from (page, feed, http, warc), and the two response dates a page
-- without one of its own, and without a feed date, falls back on: so that reprocessing a stored document dates it
-- as the run that fetched it did. Rows from before this migration have none of the three (reprocess fills the
-- first).
ALTER TABLE documents ADD COLUMN last_modified TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN warc_date TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN published_source TEXT NOT NULL DEFAULT ''
  CHECK (published_source IN ('', 'page', 'feed', 'http', 'warc'));
