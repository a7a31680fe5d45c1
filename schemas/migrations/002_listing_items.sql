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
