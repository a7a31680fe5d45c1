-- tradewire store, version 1. Applied by pipeline/store in one transaction; PRAGMA user_version records it.

-- Where documents came from: the config's [[source]] names, or "import" for archives.
CREATE TABLE sources (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

-- One row per canonical URL: the raw bytes as fetched (zstd), so that a better extractor can re-read them.
CREATE TABLE documents (
  id            INTEGER PRIMARY KEY,
  url           TEXT NOT NULL UNIQUE,   -- canonical form (pipeline/url/canonical.h)
  fetched_url   TEXT NOT NULL,          -- final URL after redirects, as fetched
  source_id     INTEGER NOT NULL REFERENCES sources(id),
  http_status   INTEGER NOT NULL,
  content_type  TEXT NOT NULL,
  fetched_at    TEXT NOT NULL,
  date_hint     TEXT NOT NULL,
  title_hint    TEXT NOT NULL,
  raw_zstd      BLOB NOT NULL,
  raw_size      INTEGER NOT NULL,
  raw_hash      TEXT NOT NULL,          -- ContentHash-independent digest of the raw bytes
  status        TEXT NOT NULL CHECK (status IN ('article', 'duplicate', 'not_article')),
  page_kind     TEXT NOT NULL,
  article_id    INTEGER REFERENCES articles(id), -- the article it yields, or the one it duplicates
  processor_version TEXT NOT NULL DEFAULT ''     -- what last extracted it (reprocess skips current rows)
);
CREATE INDEX documents_source ON documents(source_id);
CREATE INDEX documents_fetched_url ON documents(fetched_url);

-- What the fetcher remembers per URL between runs: validators for conditional GET, failures and retry times.
CREATE TABLE url_state (
  url           TEXT PRIMARY KEY,
  etag          TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  failures      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT NOT NULL DEFAULT '',
  http_status   INTEGER NOT NULL DEFAULT 0,
  permanent     INTEGER NOT NULL DEFAULT 0,
  retry_after   TEXT NOT NULL DEFAULT '',
  updated_at    TEXT NOT NULL
) WITHOUT ROWID;

-- One row per distinct article text. A syndicated copy is its own article in the cluster of the first one.
CREATE TABLE articles (
  id                INTEGER PRIMARY KEY,
  document_id       INTEGER NOT NULL UNIQUE REFERENCES documents(id),
  url               TEXT NOT NULL,
  canonical_url     TEXT NOT NULL,
  title             TEXT NOT NULL,
  authors           TEXT NOT NULL,      -- JSON array
  published         TEXT NOT NULL,
  modified          TEXT NOT NULL,
  dateline          TEXT NOT NULL,      -- JSON object or 'null'
  language          TEXT NOT NULL,
  site_name         TEXT NOT NULL,
  description       TEXT NOT NULL,
  text              TEXT NOT NULL,
  content_hash      TEXT NOT NULL,
  simhash           INTEGER NOT NULL,
  cluster_id        INTEGER NOT NULL,   -- id of the cluster's canonical (first) article
  processor_version TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_cluster ON articles(cluster_id);

-- MinHash LSH band keys of each article (extractors/dedup/fingerprint.h), to find near-duplicate candidates.
CREATE TABLE article_bands (
  band       INTEGER NOT NULL,
  key        INTEGER NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (band, key, article_id)
) WITHOUT ROWID;
CREATE INDEX article_bands_article ON article_bands(article_id);

CREATE TABLE mentions (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  type       TEXT NOT NULL,
  start      INTEGER NOT NULL,
  end        INTEGER NOT NULL,
  text       TEXT NOT NULL,
  value      TEXT NOT NULL              -- JSON
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_type ON mentions(type);

-- Real-world events, merged across the articles that report them.
CREATE TABLE events (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  start_date   TEXT NOT NULL,
  end_date     TEXT NOT NULL,
  place        TEXT NOT NULL,
  participants TEXT NOT NULL,           -- JSON array of official ids
  attributes   TEXT NOT NULL            -- JSON object
);
CREATE TABLE event_blocking_keys (
  key      TEXT NOT NULL,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  PRIMARY KEY (key, event_id)
) WITHOUT ROWID;
CREATE TABLE event_sources (
  event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  evidence   TEXT NOT NULL,             -- JSON array of {start, end, text}
  PRIMARY KEY (event_id, article_id)
) WITHOUT ROWID;
CREATE INDEX event_sources_article ON event_sources(article_id);

-- The change feed: every insert, update and supersession, in order. `cursor` is what trackers remember.
CREATE TABLE changes (
  cursor INTEGER PRIMARY KEY AUTOINCREMENT,
  kind   TEXT NOT NULL CHECK (kind IN ('article', 'event', 'cluster')),
  row_id INTEGER NOT NULL,
  op     TEXT NOT NULL CHECK (op IN ('insert', 'update', 'supersede')),
  at     TEXT NOT NULL
);
CREATE INDEX changes_kind ON changes(kind, cursor);

-- Full-text search over titles and bodies, kept in step with articles by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
