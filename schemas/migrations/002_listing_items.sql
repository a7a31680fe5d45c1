-- What each feed or sitemap listed when it was last read. A listing that answers 304 Not Modified the next night
-- still leads to the items not yet stored (a killed run listed them but never fetched them), to the retries that
-- are due, and to every child sitemap of an index, each asked on its own.
CREATE TABLE listing_items (
  listing_url TEXT NOT NULL,
  item_url    TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('article', 'sitemap')),
  date_hint   TEXT NOT NULL DEFAULT '',
  title_hint  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (listing_url, item_url)
) WITHOUT ROWID;

-- A store from before this ledger remembers no listing's items, so a listing's next 304 would yield nothing: its
-- validators go (a listing has a url_state row but no document), and the first run after the upgrade reads each
-- listing whole once.
UPDATE url_state SET etag = '', last_modified = ''
WHERE NOT EXISTS (SELECT 1 FROM documents WHERE documents.fetched_url = url_state.url OR documents.url = url_state.url);
