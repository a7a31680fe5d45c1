#include "pipeline/store/store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <spdlog/spdlog.h>
#include <zstd.h>

#include "extractors/dedup/fingerprint.h"
#include "extractors/events/merge.h"
#include "pipeline/serialize.h"
#include "pipeline/store/sqlite.h"
#include "pipeline/url/canonical.h"

namespace tradewire {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The ledger's writes (failures, validators, listings) return nothing to the fetcher, which goes on either way; a
// write that fails is said, so that a night that could not remember a retry or a listing does not pass in silence.
void WarnIfFailed(const Status& status, std::string_view what) {
  if (!status.ok()) spdlog::warn("store: {} failed: {}", what, status.message());
}

// PRAGMA application_id: "TWv1" — tells our stores from any other SQLite file.
constexpr std::int64_t kApplicationId = 0x54577631;
// Documents per transaction: large enough for throughput, small enough that a crash loses little.
constexpr int kBatchSize = 200;


// 64-bit FNV-1a of the raw bytes, to tell a re-served identical page without decompressing the stored one.
std::string RawDigest(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) hash = (hash ^ c) * 0x100000001b3ULL;
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

std::string Compress(std::string_view bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  std::size_t size = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 3);
  out.resize(ZSTD_isError(size) ? 0 : size);
  return out;
}

StatusOr<std::string> Decompress(std::string_view compressed, std::int64_t size, std::int64_t document_id) {
  std::string out(static_cast<std::size_t>(size), '\0');
  std::size_t got = ZSTD_decompress(out.data(), out.size(), compressed.data(), compressed.size());
  if (ZSTD_isError(got) || got != out.size()) {
    return Status::Corruption("document " + std::to_string(document_id) + ": stored bytes do not decompress");
  }
  return out;
}

json EventParticipants(const Event& event) { return json(event.participants); }

json EvidenceJson(const std::vector<Evidence>& evidence) {
  json out = json::array();
  for (const Evidence& e : evidence) out.push_back({{"start", e.start}, {"end", e.end}, {"text", e.text}});
  return out;
}

// Reads the numbered migrations (NNN_name.sql) under `dir`, in order.
StatusOr<std::map<int, std::string>> ReadMigrations(const std::string& dir) {
  std::map<int, std::string> migrations;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound("migrations folder " + dir + " does not exist");
  static const std::regex kName(R"((\d+)_[A-Za-z0-9_]+\.sql)");
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::smatch match;
    std::string name = entry.path().filename().string();
    if (!std::regex_match(name, match, kName)) continue;
    std::ifstream in(entry.path());
    std::ostringstream sql;
    sql << in.rdbuf();
    migrations[std::stoi(match[1])] = sql.str();
  }
  if (migrations.empty()) return Status::NotFound("no migrations in " + dir);
  return migrations;
}

}  // namespace

const char* PutResultName(PutResult result) {
  switch (result) {
    case PutResult::kNew: return "new";
    case PutResult::kUpdated: return "updated";
    case PutResult::kUnchanged: return "unchanged";
    case PutResult::kDuplicate: return "duplicate";
    case PutResult::kNotArticle: return "not_article";
  }
  return "new";
}

struct Store::Impl {
  std::unique_ptr<sql::Database> db;
  std::string path;
  int lock_fd = -1;
  bool in_batch = false;
  int batch_count = 0;
  std::map<std::string, sql::Statement, std::less<>> statements;
  std::map<std::string, std::int64_t, std::less<>> source_ids;

  ~Impl() {
    if (in_batch) WarnIfFailed(db->Execute("COMMIT"), "committing the last batch");
    if (lock_fd >= 0) close(lock_fd);
  }

  // A cached prepared statement, reset and ready for binding.
  StatusOr<sql::Statement*> Stmt(std::string_view text) {
    auto it = statements.find(text);
    if (it == statements.end()) {
      StatusOr<sql::Statement> prepared = db->Prepare(text);
      if (!prepared.ok()) return prepared.status();
      it = statements.emplace(std::string(text), std::move(prepared).value()).first;
    }
    it->second.Reset();
    return &it->second;
  }

  Status BeginBatch() {
    if (in_batch) return Status::Ok();
    TW_RETURN_IF_ERROR(db->Execute("BEGIN IMMEDIATE"));
    in_batch = true;
    batch_count = 0;
    return Status::Ok();
  }

  Status Commit() {
    if (!in_batch) return Status::Ok();
    in_batch = false;
    Status committed = db->Execute("COMMIT");
    if (!committed.ok()) source_ids.clear();  // the batch's new source rows are gone with it
    return committed;
  }

  StatusOr<std::int64_t> SourceId(std::string_view name) {
    if (auto it = source_ids.find(name); it != source_ids.end()) return it->second;
    auto insert = Stmt("INSERT INTO sources(name) VALUES (?1) ON CONFLICT(name) DO NOTHING");
    if (!insert.ok()) return insert.status();
    TW_RETURN_IF_ERROR((*insert)->Bind(1, name).Run());
    auto select = Stmt("SELECT id FROM sources WHERE name = ?1");
    if (!select.ok()) return select.status();
    (*select)->Bind(1, name);
    if (!(*select)->Step()) return db->Error("reading source id");
    std::int64_t id = (*select)->Int(0);
    source_ids.emplace(std::string(name), id);
    return id;
  }

  Status LogChange(std::string_view kind, std::int64_t row_id, std::string_view op) {
    auto stmt = Stmt("INSERT INTO changes(kind, row_id, op, at) VALUES (?1, ?2, ?3, ?4)");
    if (!stmt.ok()) return stmt.status();
    return (*stmt)->Bind(1, kind).Bind(2, row_id).Bind(3, op).Bind(4, NowIsoUtc()).Run();
  }

  Status SaveValidators(const FetchedDocument& document) {
    auto stmt = Stmt(
        "INSERT INTO url_state(url, etag, last_modified, http_status, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT(url) DO UPDATE SET etag = ?2, last_modified = ?3, http_status = ?4, failures = 0, "
        "last_error = '', permanent = 0, retry_after = '', updated_at = ?5");
    if (!stmt.ok()) return stmt.status();
    return (*stmt)
        ->Bind(1, document.url)
        .Bind(2, document.etag)
        .Bind(3, document.last_modified)
        .Bind(4, document.http_status)
        .Bind(5, NowIsoUtc())
        .Run();
  }

  Status InsertMentions(std::int64_t article_id, const Mentions& mentions) {
    auto stmt = Stmt("INSERT INTO mentions(article_id, type, start, end, text, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!stmt.ok()) return stmt.status();
    for (const Mention& m : mentions) {
      (*stmt)->Reset();
      TW_RETURN_IF_ERROR((*stmt)
                             ->Bind(1, article_id)
                             .Bind(2, m.type)
                             .Bind(3, static_cast<std::int64_t>(m.start))
                             .Bind(4, static_cast<std::int64_t>(m.end))
                             .Bind(5, m.text)
                             .Bind(6, m.value.dump())
                             .Run());
    }
    return Status::Ok();
  }

  StatusOr<Event> LoadEvent(std::int64_t id) {
    auto stmt = Stmt("SELECT kind, start_date, end_date, place, participants, attributes FROM events WHERE id = ?1");
    if (!stmt.ok()) return stmt.status();
    (*stmt)->Bind(1, id);
    if (!(*stmt)->Step()) return Status::NotFound("event " + std::to_string(id));
    Event event;
    event.kind = (*stmt)->Text(0);
    event.start_date = (*stmt)->Text(1);
    event.end_date = (*stmt)->Text(2);
    event.place = (*stmt)->Text(3);
    event.participants = json::parse((*stmt)->Text(4)).get<std::vector<std::string>>();
    event.attributes = json::parse((*stmt)->Text(5));
    return event;
  }

  Status SaveEvent(std::int64_t* id, const Event& event) {
    auto stmt = *id == 0 ? Stmt("INSERT INTO events(kind, start_date, end_date, place, participants, attributes) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                         : Stmt("UPDATE events SET kind = ?1, start_date = ?2, end_date = ?3, place = ?4, "
                                "participants = ?5, attributes = ?6 WHERE id = ?7");
    if (!stmt.ok()) return stmt.status();
    (*stmt)
        ->Bind(1, event.kind)
        .Bind(2, event.start_date)
        .Bind(3, event.end_date)
        .Bind(4, event.place)
        .Bind(5, EventParticipants(event).dump())
        .Bind(6, (event.attributes.is_null() ? json::object() : event.attributes).dump());
    if (*id != 0) (*stmt)->Bind(7, *id);
    TW_RETURN_IF_ERROR((*stmt)->Run());
    if (*id == 0) *id = db->LastInsertId();
    auto key = Stmt("INSERT OR IGNORE INTO event_blocking_keys(key, event_id) VALUES (?1, ?2)");
    if (!key.ok()) return key.status();
    for (const std::string& k : EventBlockingKeys(event)) {
      (*key)->Reset();
      TW_RETURN_IF_ERROR((*key)->Bind(1, k).Bind(2, *id).Run());
    }
    return Status::Ok();
  }

  // Merges each event into a stored one that is the same real-world event, or stores it as new.
  Status StoreEvents(std::int64_t article_id, const std::vector<Event>& events, PutOutcome* outcome) {
    for (const Event& event : events) {
      std::set<std::int64_t> candidates;
      auto lookup = Stmt("SELECT event_id FROM event_blocking_keys WHERE key = ?1");
      if (!lookup.ok()) return lookup.status();
      for (const std::string& k : EventBlockingKeys(event)) {
        (*lookup)->Reset();
        (*lookup)->Bind(1, k);
        while ((*lookup)->Step()) candidates.insert((*lookup)->Int(0));
        TW_RETURN_IF_ERROR((*lookup)->status());
      }
      std::int64_t event_id = 0;
      for (std::int64_t candidate : candidates) {
        StatusOr<Event> stored = LoadEvent(candidate);
        if (!stored.ok()) return stored.status();
        if (!SameEvent(*stored, event)) continue;
        event_id = candidate;
        Event merged = MergeEvents(*stored, event);
        if (!(merged == *stored)) TW_RETURN_IF_ERROR(SaveEvent(&event_id, merged));
        ++outcome->events_merged;
        break;
      }
      bool added = event_id == 0;
      if (added) {
        TW_RETURN_IF_ERROR(SaveEvent(&event_id, event));
        ++outcome->events_added;
      }
      // One source row per (event, article); a second sentence of the same article adds its evidence.
      json evidence = EvidenceJson(event.evidence);
      auto existing = Stmt("SELECT evidence FROM event_sources WHERE event_id = ?1 AND article_id = ?2");
      if (!existing.ok()) return existing.status();
      (*existing)->Bind(1, event_id).Bind(2, article_id);
      if ((*existing)->Step()) {
        json before = json::parse((*existing)->Text(0));
        for (const auto& e : evidence) {
          if (std::find(before.begin(), before.end(), e) == before.end()) before.push_back(e);
        }
        evidence = std::move(before);
      }
      auto source = Stmt("INSERT INTO event_sources(event_id, article_id, evidence) VALUES (?1, ?2, ?3) "
                         "ON CONFLICT(event_id, article_id) DO UPDATE SET evidence = ?3");
      if (!source.ok()) return source.status();
      TW_RETURN_IF_ERROR((*source)->Bind(1, event_id).Bind(2, article_id).Bind(3, evidence.dump()).Run());
      TW_RETURN_IF_ERROR(LogChange("event", event_id, added ? "insert" : "update"));
    }
    return Status::Ok();
  }

  // Removes an article's mentions and event sources before it is rewritten; events no other article reports
  // any more are superseded.
  Status ForgetArticleFacts(std::int64_t article_id) {
    auto mentions = Stmt("DELETE FROM mentions WHERE article_id = ?1");
    if (!mentions.ok()) return mentions.status();
    TW_RETURN_IF_ERROR((*mentions)->Bind(1, article_id).Run());
    std::vector<std::int64_t> events;
    auto list = Stmt("SELECT event_id FROM event_sources WHERE article_id = ?1");
    if (!list.ok()) return list.status();
    (*list)->Bind(1, article_id);
    while ((*list)->Step()) events.push_back((*list)->Int(0));
    TW_RETURN_IF_ERROR((*list)->status());
    auto remove = Stmt("DELETE FROM event_sources WHERE article_id = ?1");
    if (!remove.ok()) return remove.status();
    TW_RETURN_IF_ERROR((*remove)->Bind(1, article_id).Run());
    for (std::int64_t event_id : events) {
      auto count = Stmt("SELECT COUNT(*) FROM event_sources WHERE event_id = ?1");
      if (!count.ok()) return count.status();
      (*count)->Bind(1, event_id);
      (*count)->Step();
      bool orphaned = (*count)->Int(0) == 0;
      TW_RETURN_IF_ERROR(LogChange("event", event_id, orphaned ? "supersede" : "update"));
    }
    return Status::Ok();
  }

  // The stored articles a new article's text is compared with: those sharing one of its LSH bands, at most
  // kMaxClusterCandidates of them. Without a bound, pages sharing boilerplate (every page of a site whose template
  // decides some bands) made each new page read and compare every earlier one: 4,000 such pages were 80 s on the
  // writer thread. Each band is read newest first and only its kBandReadLimit newest rows: a crowded band's rows
  // are mostly boilerplate pages, while a story's copies also share the bands its own words decide, which few
  // pages hold. Of what was read, those sharing the most bands come first (a copy at containment 0.7 shares about
  // half of the 16 bands, a page sharing only a template a few), then the newest (a story's copies arrive within
  // days, and any member of a cluster leads to it). Picking the oldest rows of a band instead would keep the same
  // few early pages of a crowded band forever and never reach this year's stories. Returned in id order, so that
  // below the bound (every story seen so far) the first near-duplicate decides as when every candidate was read.
  StatusOr<std::vector<std::int64_t>> ClusterCandidates(const NearDupFingerprint& fingerprint) {
    constexpr int kBandReadLimit = 4 * kMaxClusterCandidates;
    std::map<std::int64_t, int> bands_shared;
    auto lookup = Stmt("SELECT article_id FROM article_bands WHERE band = ?1 AND key = ?2 "
                       "ORDER BY article_id DESC LIMIT ?3");
    if (!lookup.ok()) return lookup.status();
    for (int band = 0; band < kNearDupBands; ++band) {
      if (fingerprint.bands[band] == 0) continue;
      (*lookup)->Reset();
      (*lookup)->Bind(1, band).Bind(2, static_cast<std::int64_t>(fingerprint.bands[band]));
      (*lookup)->Bind(3, std::int64_t{kBandReadLimit});
      while ((*lookup)->Step()) ++bands_shared[(*lookup)->Int(0)];
      TW_RETURN_IF_ERROR((*lookup)->status());
    }
    std::vector<std::pair<std::int64_t, int>> ranked(bands_shared.begin(), bands_shared.end());
    if (ranked.size() > static_cast<std::size_t>(kMaxClusterCandidates)) {
      auto more_shared_then_newer = [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first > b.first;
      };
      std::nth_element(ranked.begin(), ranked.begin() + kMaxClusterCandidates, ranked.end(), more_shared_then_newer);
      ranked.resize(kMaxClusterCandidates);
    }
    std::vector<std::int64_t> candidates;
    for (const auto& entry : ranked) candidates.push_back(entry.first);
    std::sort(candidates.begin(), candidates.end());
    return candidates;
  }

  // The cluster a new article joins: the cluster of the first candidate (ClusterCandidates) it is a
  // near-duplicate of; 0 when there is none.
  StatusOr<std::int64_t> FindCluster(const NearDupFingerprint& fingerprint, std::string_view text,
                                     PutOutcome* outcome) {
    StatusOr<std::vector<std::int64_t>> candidates = ClusterCandidates(fingerprint);
    if (!candidates.ok()) return candidates.status();
    auto load = Stmt("SELECT text, cluster_id FROM articles WHERE id = ?1");
    if (!load.ok()) return load.status();
    for (std::int64_t candidate : *candidates) {
      (*load)->Reset();
      (*load)->Bind(1, candidate);
      if (!(*load)->Step()) continue;
      ++outcome->texts_compared;
      // A candidate shares a band by construction; what is left to check is the texts themselves.
      if (NearDupScore(text, (*load)->Text(0)) >= kNearDupThreshold) return (*load)->Int(1);
    }
    return std::int64_t{0};
  }

  Status SaveBands(std::int64_t article_id, const NearDupFingerprint& fingerprint) {
    auto stmt = Stmt("INSERT OR IGNORE INTO article_bands(band, key, article_id) VALUES (?1, ?2, ?3)");
    if (!stmt.ok()) return stmt.status();
    for (int band = 0; band < kNearDupBands; ++band) {
      if (fingerprint.bands[band] == 0) continue;
      (*stmt)->Reset();
      TW_RETURN_IF_ERROR(
          (*stmt)->Bind(1, band).Bind(2, static_cast<std::int64_t>(fingerprint.bands[band])).Bind(3, article_id).Run());
    }
    return Status::Ok();
  }

  // The stored text of an article's columns, in the order of the INSERT/UPDATE parameters 1..13: url,
  // canonical_url, title, authors, published, modified, dateline, language, site_name, description, text,
  // content_hash, published_source. Also what UpdateArticle compares to tell a real change.
  static std::vector<std::string> ArticleColumns(const Article& a, const std::string& content_hash) {
    json dateline = a.dateline ? json{{"place", a.dateline->place}, {"date", a.dateline->date},
                                      {"agency", a.dateline->agency}}
                               : json();
    return {a.url,      a.canonical_url, a.title,     json(a.authors).dump(), a.published,   a.modified,
            dateline.dump(), a.language, a.site_name, a.description,          a.text,        content_hash,
            a.published_source};
  }

  // Binds parameters 1..15: the article columns, the simhash and the processor version.
  static void BindArticle(sql::Statement* stmt, const std::vector<std::string>& columns, std::uint64_t simhash,
                          std::string_view version) {
    for (std::size_t i = 0; i < columns.size(); ++i) stmt->Bind(static_cast<int>(i + 1), columns[i]);
    stmt->Bind(14, static_cast<std::int64_t>(simhash)).Bind(15, version);
  }

  StatusOr<std::int64_t> InsertArticle(std::int64_t document_id, const ProcessedDocument& processed,
                                       std::string_view version, PutOutcome* outcome) {
    const Article& article = processed.article;
    const NearDupFingerprint& fingerprint = processed.fingerprint;
    StatusOr<std::int64_t> cluster = FindCluster(fingerprint, article.text, outcome);
    if (!cluster.ok()) return cluster.status();
    auto stmt = Stmt(
        "INSERT INTO articles(url, canonical_url, title, authors, published, modified, dateline, language, "
        "site_name, description, text, content_hash, published_source, simhash, processor_version, document_id, "
        "cluster_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 0)");
    if (!stmt.ok()) return stmt.status();
    BindArticle(*stmt, ArticleColumns(article, processed.content_hash), fingerprint.simhash, version);
    (*stmt)->Bind(16, document_id);
    TW_RETURN_IF_ERROR((*stmt)->Run());
    std::int64_t id = db->LastInsertId();
    std::int64_t cluster_id = *cluster != 0 ? *cluster : id;
    auto set_cluster = Stmt("UPDATE articles SET cluster_id = ?1 WHERE id = ?2");
    if (!set_cluster.ok()) return set_cluster.status();
    TW_RETURN_IF_ERROR((*set_cluster)->Bind(1, cluster_id).Bind(2, id).Run());
    TW_RETURN_IF_ERROR(SaveBands(id, fingerprint));
    TW_RETURN_IF_ERROR(InsertMentions(id, processed.mentions));
    TW_RETURN_IF_ERROR(LogChange("article", id, "insert"));
    TW_RETURN_IF_ERROR(StoreEvents(id, processed.events, outcome));
    if (*cluster != 0) {
      outcome->joined_cluster = true;
      auto size = Stmt("SELECT COUNT(*) FROM articles WHERE cluster_id = ?1");
      if (!size.ok()) return size.status();
      (*size)->Bind(1, cluster_id);
      (*size)->Step();
      TW_RETURN_IF_ERROR(LogChange("cluster", cluster_id, (*size)->Int(0) == 2 ? "insert" : "update"));
    }
    return id;
  }

  // Rewrites an article from a new extraction of its document. Returns false when nothing a reader sees
  // changed (then only the version is recorded).
  StatusOr<bool> UpdateArticle(std::int64_t article_id, const ProcessedDocument& processed, std::string_view version,
                               PutOutcome* outcome) {
    const Article& article = processed.article;
    const NearDupFingerprint& fingerprint = processed.fingerprint;
    const std::string& content_hash = processed.content_hash;
    // Compare what a tracker sees: the article's fields and its mentions.
    auto current = Stmt(
        "SELECT url, canonical_url, title, authors, published, modified, dateline, language, site_name, "
        "description, text, content_hash, published_source FROM articles WHERE id = ?1");
    if (!current.ok()) return current.status();
    (*current)->Bind(1, article_id);
    if (!(*current)->Step()) return Status::NotFound("article " + std::to_string(article_id));
    std::vector<std::string> before, after = ArticleColumns(article, content_hash);
    for (std::size_t i = 0; i < after.size(); ++i) before.push_back((*current)->Text(static_cast<int>(i)));
    json old_mentions = json::array(), new_mentions = json::array();
    auto list = Stmt("SELECT type, start, end, text, value FROM mentions WHERE article_id = ?1 ORDER BY id");
    if (!list.ok()) return list.status();
    (*list)->Bind(1, article_id);
    while ((*list)->Step()) {
      old_mentions.push_back({(*list)->Text(0), (*list)->Int(1), (*list)->Int(2), (*list)->Text(3),
                              json::parse((*list)->Text(4))});
    }
    for (const Mention& m : processed.mentions) new_mentions.push_back({m.type, m.start, m.end, m.text, m.value});

    auto set_version = Stmt("UPDATE articles SET processor_version = ?1 WHERE id = ?2");
    if (!set_version.ok()) return set_version.status();
    TW_RETURN_IF_ERROR((*set_version)->Bind(1, version).Bind(2, article_id).Run());
    // The text is compared by its normalized hash (column 11): white space re-flowed by a template change is
    // not a new version of the article.
    auto same_except_text = [&] {
      for (std::size_t i = 0; i < before.size(); ++i) {
        if (i != 10 && before[i] != after[i]) return false;
      }
      return true;
    };
    if (same_except_text() && old_mentions == new_mentions) return false;

    auto stmt = Stmt(
        "UPDATE articles SET url = ?1, canonical_url = ?2, title = ?3, authors = ?4, published = ?5, modified = ?6, "
        "dateline = ?7, language = ?8, site_name = ?9, description = ?10, text = ?11, content_hash = ?12, "
        "published_source = ?13, simhash = ?14, processor_version = ?15 WHERE id = ?16");
    if (!stmt.ok()) return stmt.status();
    BindArticle(*stmt, after, fingerprint.simhash, version);
    (*stmt)->Bind(16, article_id);
    TW_RETURN_IF_ERROR((*stmt)->Run());
    auto bands = Stmt("DELETE FROM article_bands WHERE article_id = ?1");
    if (!bands.ok()) return bands.status();
    TW_RETURN_IF_ERROR((*bands)->Bind(1, article_id).Run());
    TW_RETURN_IF_ERROR(SaveBands(article_id, fingerprint));
    TW_RETURN_IF_ERROR(ForgetArticleFacts(article_id));
    TW_RETURN_IF_ERROR(InsertMentions(article_id, processed.mentions));
    TW_RETURN_IF_ERROR(LogChange("article", article_id, "update"));
    TW_RETURN_IF_ERROR(StoreEvents(article_id, processed.events, outcome));
    return true;
  }

  struct ExistingDocument {
    std::int64_t id = 0;
    std::string raw_hash;
    std::string status;
    std::int64_t article_id = 0;
  };

  StatusOr<std::optional<ExistingDocument>> FindDocument(std::string_view canonical_url) {
    auto stmt = Stmt("SELECT id, raw_hash, status, article_id FROM documents WHERE url = ?1");
    if (!stmt.ok()) return stmt.status();
    (*stmt)->Bind(1, canonical_url);
    if (!(*stmt)->Step()) {
      TW_RETURN_IF_ERROR((*stmt)->status());
      return std::optional<ExistingDocument>();
    }
    return std::optional<ExistingDocument>(
        ExistingDocument{(*stmt)->Int(0), (*stmt)->Text(1), (*stmt)->Text(2), (*stmt)->IsNull(3) ? 0 : (*stmt)->Int(3)});
  }

  Status SetDocumentStatus(std::int64_t document_id, std::string_view status, std::int64_t article_id,
                           std::string_view page_kind) {
    auto stmt = Stmt("UPDATE documents SET status = ?1, article_id = ?2, page_kind = ?3 WHERE id = ?4");
    if (!stmt.ok()) return stmt.status();
    (*stmt)->Bind(1, status).Bind(3, page_kind).Bind(4, document_id);
    if (article_id != 0) (*stmt)->Bind(2, article_id); else (*stmt)->BindNull(2);
    return (*stmt)->Run();
  }

  // Decides what a (new or changed) extraction of a document means for the articles.
  StatusOr<PutOutcome> Classify(std::int64_t document_id, const std::optional<ExistingDocument>& before,
                                const ProcessedDocument& processed, std::string_view version) {
    PutOutcome outcome;
    const Article& article = processed.article;
    std::string page_kind = PageKindName(article.kind);
    bool had_article = before && before->status == "article" && before->article_id != 0;
    if (article.kind != PageKind::kArticle) {
      // A page that used to be an article and no longer is (taken down, replaced by an error page) keeps its
      // article: what was published stays on the record.
      if (had_article) {
        outcome.result = PutResult::kUnchanged;
        outcome.article_id = before->article_id;
        return outcome;
      }
      TW_RETURN_IF_ERROR(SetDocumentStatus(document_id, "not_article", 0, page_kind));
      outcome.result = PutResult::kNotArticle;
      return outcome;
    }
    if (had_article) {
      StatusOr<bool> changed = UpdateArticle(before->article_id, processed, version, &outcome);
      if (!changed.ok()) return changed.status();
      outcome.result = *changed ? PutResult::kUpdated : PutResult::kUnchanged;
      outcome.article_id = before->article_id;
      return outcome;
    }
    auto same_text = Stmt("SELECT id FROM articles WHERE content_hash = ?1 AND document_id != ?2 LIMIT 1");
    if (!same_text.ok()) return same_text.status();
    (*same_text)->Bind(1, processed.content_hash).Bind(2, document_id);
    if ((*same_text)->Step()) {
      outcome.result = PutResult::kDuplicate;
      outcome.article_id = (*same_text)->Int(0);
      TW_RETURN_IF_ERROR(SetDocumentStatus(document_id, "duplicate", outcome.article_id, page_kind));
      return outcome;
    }
    TW_RETURN_IF_ERROR((*same_text)->status());
    StatusOr<std::int64_t> id = InsertArticle(document_id, processed, version, &outcome);
    if (!id.ok()) return id.status();
    outcome.result = PutResult::kNew;
    outcome.article_id = *id;
    TW_RETURN_IF_ERROR(SetDocumentStatus(document_id, "article", *id, page_kind));
    return outcome;
  }

  StatusOr<PutOutcome> PutLocked(const FetchedDocument& document, const ProcessedDocument& processed,
                                 std::string_view version) {
    std::string fetched = document.final_url.empty() ? document.url : document.final_url;
    std::string canonical = PreferredUrl(fetched, processed.article.canonical_url);
    if (canonical.empty()) canonical = fetched;
    std::string raw_hash = RawDigest(document.body);
    TW_RETURN_IF_ERROR(SaveValidators(document));
    StatusOr<std::int64_t> source_id = SourceId(document.source);
    if (!source_id.ok()) return source_id.status();

    auto found = FindDocument(canonical);
    if (!found.ok()) return found.status();
    std::optional<ExistingDocument> before = *found;
    if (before && before->raw_hash == raw_hash) {
      PutOutcome outcome;
      outcome.result = PutResult::kUnchanged;
      outcome.article_id = before->article_id;
      return outcome;
    }
    auto stmt = Stmt(
        "INSERT INTO documents(url, fetched_url, source_id, http_status, content_type, fetched_at, date_hint, "
        "title_hint, raw_zstd, raw_size, raw_hash, last_modified, warc_date, status, page_kind) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'not_article', '') "
        "ON CONFLICT(url) DO UPDATE SET fetched_url = ?2, http_status = ?4, content_type = ?5, fetched_at = ?6, "
        "date_hint = ?7, title_hint = ?8, raw_zstd = ?9, raw_size = ?10, raw_hash = ?11, last_modified = ?12, "
        "warc_date = ?13 RETURNING id");
    if (!stmt.ok()) return stmt.status();
    (*stmt)
        ->Bind(1, canonical)
        .Bind(2, fetched)
        .Bind(3, *source_id)
        .Bind(4, document.http_status)
        .Bind(5, document.content_type)
        .Bind(6, document.fetched_at.empty() ? NowIsoUtc() : document.fetched_at)
        .Bind(7, document.date_hint)
        .Bind(8, document.title_hint)
        .BindBlob(9, Compress(document.body))
        .Bind(10, static_cast<std::int64_t>(document.body.size()))
        .Bind(11, raw_hash)
        .Bind(12, document.last_modified)
        .Bind(13, document.warc_date);
    if (!(*stmt)->Step()) return (*stmt)->status().ok() ? db->Error("storing document") : (*stmt)->status();
    std::int64_t document_id = (*stmt)->Int(0);
    (*stmt)->Reset();
    return ClassifyAndMark(document_id, before, processed, version);
  }

  StatusOr<PutOutcome> ClassifyAndMark(std::int64_t document_id, const std::optional<ExistingDocument>& before,
                                       const ProcessedDocument& processed, std::string_view version) {
    StatusOr<PutOutcome> outcome = Classify(document_id, before, processed, version);
    if (!outcome.ok()) return outcome;
    auto mark = Stmt("UPDATE documents SET processor_version = ?1 WHERE id = ?2");
    if (!mark.ok()) return mark.status();
    TW_RETURN_IF_ERROR((*mark)->Bind(1, version).Bind(2, document_id).Run());
    return outcome;
  }

  // Runs `body` as one all-or-nothing step of the open batch.
  StatusOr<PutOutcome> Atomically(const std::function<StatusOr<PutOutcome>()>& body) {
    TW_RETURN_IF_ERROR(BeginBatch());
    TW_RETURN_IF_ERROR(db->Execute("SAVEPOINT put_document"));
    StatusOr<PutOutcome> outcome = body();
    if (!outcome.ok()) {
      source_ids.clear();  // a source row the document added is rolled back with it
      Status undone = db->Execute("ROLLBACK TO put_document; RELEASE put_document");
      if (!undone.ok()) {
        // The document's rows could not be taken back: the whole batch goes, rather than half a document.
        (void)db->Execute("ROLLBACK");
        in_batch = false;
        batch_count = 0;
        return Status::Internal(outcome.status().message() + "; undoing it failed (" + undone.message() +
                                "), so the open batch was rolled back");
      }
      return outcome.status();
    }
    TW_RETURN_IF_ERROR(db->Execute("RELEASE put_document"));
    if (++batch_count >= kBatchSize) TW_RETURN_IF_ERROR(Commit());
    return outcome;
  }
};

StatusOr<int> NewestSchemaVersion(const std::string& schemas_dir) {
  StatusOr<std::map<int, std::string>> migrations = ReadMigrations(schemas_dir + "/migrations");
  if (!migrations.ok()) return migrations.status();
  return migrations->rbegin()->first;
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path, const std::string& schemas_dir, Mode mode) {
  std::error_code ec;
  bool exists = fs::exists(path, ec);
  if (!exists && mode == Mode::kExisting) return Status::NotFound(path + ": no such store");
  if (exists && fs::is_directory(path, ec)) return Status::InvalidArgument(path + ": is a directory, not a store");
  StatusOr<std::map<int, std::string>> migrations = ReadMigrations(schemas_dir + "/migrations");
  if (!migrations.ok()) return migrations.status();

  auto impl = std::make_unique<Impl>();
  impl->path = path;
  StatusOr<std::unique_ptr<sql::Database>> db = sql::Database::Open(path, mode == Mode::kCreate);
  if (!db.ok()) return db.status();
  impl->db = std::move(db).value();
  sql::Database& database = *impl->db;

  // Read the identity before changing anything, so a foreign database is never modified. The file's header is
  // read by SQLite itself: opening and closing the file through another descriptor would drop every POSIX lock
  // this process holds on it, so a second Store on the same file would let another process's close delete the
  // write-ahead log under the first (its committed batches then vanish).
  auto read_int = [&database](const char* pragma) -> StatusOr<std::int64_t> {
    StatusOr<sql::Statement> stmt = database.Prepare(pragma);
    if (!stmt.ok()) return stmt.status();
    if (!stmt->Step()) return database.Error(pragma);
    return stmt->Int(0);
  };
  StatusOr<std::int64_t> application_id = read_int("PRAGMA application_id");
  if (!application_id.ok() && application_id.status().code() == Status::Code::kCorruption) {
    return Status::Corruption(path + ": not a tradewire store (not an SQLite database); refusing to touch it");
  }
  if (!application_id.ok()) {
    return Status::Corruption(path + ": not a readable tradewire store (" + application_id.status().message() + ")");
  }
  StatusOr<std::int64_t> version = read_int("PRAGMA user_version");
  StatusOr<std::int64_t> tables = read_int("SELECT COUNT(*) FROM sqlite_master");
  if (!version.ok()) return version.status();
  if (!tables.ok()) return Status::Corruption(path + ": " + tables.status().message());
  if (*application_id != kApplicationId && (*application_id != 0 || *tables != 0)) {
    return Status::Corruption(path + ": not a tradewire store (another application's SQLite database); "
                              "refusing to touch it");
  }
  int newest = migrations->rbegin()->first;
  if (*version > newest) {
    return Status::Corruption(path + ": store schema version " + std::to_string(*version) +
                              " is newer than this tradewire knows (" + std::to_string(newest) + "); upgrade tradewire");
  }

  TW_RETURN_IF_ERROR(database.Execute("PRAGMA busy_timeout = 5000"));
  TW_RETURN_IF_ERROR(database.Execute("PRAGMA journal_mode = WAL"));
  TW_RETURN_IF_ERROR(database.Execute("PRAGMA synchronous = NORMAL"));
  // Statement journals (FTS and upserts write one per statement) stay in memory rather than in temporary files.
  TW_RETURN_IF_ERROR(database.Execute("PRAGMA temp_store = MEMORY"));
  TW_RETURN_IF_ERROR(database.Execute("PRAGMA foreign_keys = ON"));
  for (const auto& [number, sql_text] : *migrations) {
    if (number <= *version) continue;
    TW_RETURN_IF_ERROR(database.Execute("BEGIN IMMEDIATE"));
    Status applied = database.Execute(sql_text);
    if (applied.ok()) {
      applied = database.Execute("PRAGMA user_version = " + std::to_string(number) +
                                 "; PRAGMA application_id = " + std::to_string(kApplicationId));
    }
    if (!applied.ok()) {
      (void)database.Execute("ROLLBACK");  // the migration's own error is the one to report
      return Status::Internal("migration " + std::to_string(number) + " failed: " + applied.message());
    }
    TW_RETURN_IF_ERROR(database.Execute("COMMIT"));
  }
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

namespace {

// The descriptor of `store_path`'s lock file, locked exclusively (the OS releases it when the process dies).
StatusOr<int> TakeWriterLock(const std::string& store_path) {
  std::string lock_path = store_path + ".lock";
  int fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError(lock_path + ": cannot create lock file");
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    close(fd);
    return Status::Locked(store_path + ": another tradewire run is writing to this store (lock " + lock_path +
                          "); try again when it has finished");
  }
  return fd;
}

}  // namespace

Status Store::LockForWriting() {
  if (impl_->lock_fd >= 0) return Status::Ok();
  StatusOr<int> fd = TakeWriterLock(impl_->path);
  if (!fd.ok()) return fd.status();
  impl_->lock_fd = *fd;
  return Status::Ok();
}

StatusOr<std::unique_ptr<Store>> Store::OpenForWriting(const std::string& path, const std::string& schemas_dir,
                                                       Mode mode) {
  std::error_code ec;
  if (mode == Mode::kExisting && !fs::exists(path, ec)) return Status::NotFound(path + ": no such store");
  StatusOr<int> fd = TakeWriterLock(path);
  if (!fd.ok()) return fd.status();
  StatusOr<std::unique_ptr<Store>> store = Open(path, schemas_dir, mode);
  if (!store.ok()) {
    close(*fd);
    return store.status();
  }
  (*store)->impl_->lock_fd = *fd;  // closed with the store
  return store;
}

StatusOr<PutOutcome> Store::Put(const FetchedDocument& document, const ProcessedDocument& processed,
                                std::string_view processor_version) {
  return impl_->Atomically([&] { return impl_->PutLocked(document, processed, processor_version); });
}

StatusOr<PutOutcome> Store::Reprocess(std::int64_t document_id, const ProcessedDocument& processed,
                                      std::string_view processor_version) {
  return impl_->Atomically([&]() -> StatusOr<PutOutcome> {
    auto stmt = impl_->Stmt("SELECT id, raw_hash, status, article_id FROM documents WHERE id = ?1");
    if (!stmt.ok()) return stmt.status();
    (*stmt)->Bind(1, document_id);
    if (!(*stmt)->Step()) return Status::NotFound("document " + std::to_string(document_id));
    std::optional<Impl::ExistingDocument> before(Impl::ExistingDocument{
        (*stmt)->Int(0), (*stmt)->Text(1), (*stmt)->Text(2), (*stmt)->IsNull(3) ? 0 : (*stmt)->Int(3)});
    return impl_->ClassifyAndMark(document_id, before, processed, processor_version);
  });
}

Status Store::Flush() { return impl_->Commit(); }

std::optional<UrlRecord> Store::Lookup(std::string_view url) {
  auto stmt = impl_->Stmt(
      "SELECT etag, last_modified, retry_after, failures, permanent, "
      "EXISTS(SELECT 1 FROM documents WHERE fetched_url = ?1 OR url = ?1) FROM url_state WHERE url = ?1");
  if (!stmt.ok()) return std::nullopt;
  (*stmt)->Bind(1, url);
  if (!(*stmt)->Step()) return std::nullopt;
  UrlRecord record;
  record.etag = (*stmt)->Text(0);
  record.last_modified = (*stmt)->Text(1);
  record.retry_after = (*stmt)->Int(4) ? "9999-12-31T00:00:00Z" : (*stmt)->Text(2);
  record.failures = static_cast<int>((*stmt)->Int(3));
  record.stored = (*stmt)->Int(5) != 0;
  return record;
}

void Store::RecordNotModified(std::string_view url) {
  if (Status begun = impl_->BeginBatch(); !begun.ok()) return WarnIfFailed(begun, "recording " + std::string(url));
  auto stmt = impl_->Stmt(
      "UPDATE url_state SET failures = 0, last_error = '', retry_after = '', updated_at = ?2 WHERE url = ?1");
  if (!stmt.ok()) return WarnIfFailed(stmt.status(), "recording " + std::string(url));
  WarnIfFailed((*stmt)->Bind(1, url).Bind(2, NowIsoUtc()).Run(), "recording " + std::string(url));
}

void Store::RecordValidators(std::string_view url, std::string_view etag, std::string_view last_modified) {
  FetchedDocument listing;
  listing.url = std::string(url);
  listing.etag = std::string(etag);
  listing.last_modified = std::string(last_modified);
  listing.http_status = 200;
  Status begun = impl_->BeginBatch();
  WarnIfFailed(begun.ok() ? impl_->SaveValidators(listing) : begun, "recording " + std::string(url));
}

void Store::RecordFailure(const FetchFailure& failure) {
  if (Status begun = impl_->BeginBatch(); !begun.ok()) {
    return WarnIfFailed(begun, "recording the failure of " + failure.url);
  }
  auto stmt = impl_->Stmt(
      "INSERT INTO url_state(url, failures, last_error, http_status, permanent, retry_after, updated_at) "
      "VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(url) DO UPDATE SET failures = failures + 1, "
      "last_error = ?2, http_status = ?3, permanent = ?4, retry_after = ?5, updated_at = ?6");
  if (!stmt.ok()) return WarnIfFailed(stmt.status(), "recording the failure of " + failure.url);
  WarnIfFailed((*stmt)
                   ->Bind(1, failure.url)
                   .Bind(2, failure.reason)
                   .Bind(3, failure.http_status)
                   .Bind(4, failure.permanent ? 1 : 0)
                   .Bind(5, failure.retry_after)
                   .Bind(6, NowIsoUtc())
                   .Run(),
               "recording the failure of " + failure.url);
}

void Store::RecordListing(std::string_view listing_url, const std::vector<ListedItem>& items) {
  const std::string what = "recording the items of " + std::string(listing_url);
  if (Status begun = impl_->BeginBatch(); !begun.ok()) return WarnIfFailed(begun, what);
  auto clear = impl_->Stmt("DELETE FROM listing_items WHERE listing_url = ?1");
  if (!clear.ok()) return WarnIfFailed(clear.status(), what);
  if (Status cleared = (*clear)->Bind(1, listing_url).Run(); !cleared.ok()) return WarnIfFailed(cleared, what);
  auto insert = impl_->Stmt(
      "INSERT INTO listing_items(listing_url, item_url, kind, date_hint, title_hint) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT(listing_url, item_url) DO NOTHING");
  if (!insert.ok()) return WarnIfFailed(insert.status(), what);
  for (const ListedItem& item : items) {
    (*insert)->Reset();
    Status saved = (*insert)
                       ->Bind(1, listing_url)
                       .Bind(2, item.url)
                       .Bind(3, std::string_view(item.sitemap ? "sitemap" : "article"))
                       .Bind(4, item.date_hint)
                       .Bind(5, item.title_hint)
                       .Run();
    if (!saved.ok()) return WarnIfFailed(saved, what);
  }
}

std::vector<ListedItem> Store::ListedItems(std::string_view listing_url) {
  std::vector<ListedItem> items;
  auto stmt = impl_->Stmt(
      "SELECT item_url, date_hint, title_hint, kind = 'sitemap' FROM listing_items WHERE listing_url = ?1 "
      "ORDER BY item_url");
  if (!stmt.ok()) return items;
  (*stmt)->Bind(1, listing_url);
  while ((*stmt)->Step()) {
    items.push_back({(*stmt)->Text(0), (*stmt)->Text(1), (*stmt)->Text(2), (*stmt)->Int(3) != 0});
  }
  return items;
}

namespace {

json ArticleRow(sql::Statement& s) {
  // Columns: id, document_id, url, canonical_url, title, authors, published, modified, dateline, language,
  // site_name, description, text, content_hash, cluster_id, processor_version, published_source.
  json row;
  row["article_id"] = s.Int(0);
  auto or_null = [](std::string v) { return v.empty() ? json() : json(std::move(v)); };
  row["url"] = s.Text(2);
  row["canonical_url"] = or_null(s.Text(3));
  row["title"] = or_null(s.Text(4));
  row["authors"] = json::parse(s.Text(5));
  row["published"] = or_null(s.Text(6));
  row["published_source"] = or_null(s.Text(16));
  row["modified"] = or_null(s.Text(7));
  row["dateline"] = json::parse(s.Text(8));
  row["language"] = or_null(s.Text(9));
  row["site_name"] = or_null(s.Text(10));
  row["description"] = or_null(s.Text(11));
  row["text"] = s.Text(12);
  row["content_hash"] = s.Text(13);
  row["cluster_id"] = s.Int(14);
  row["processor_version"] = s.Text(15);
  return row;
}

constexpr const char* kArticleColumns =
    "a.id, a.document_id, a.url, a.canonical_url, a.title, a.authors, a.published, a.modified, a.dateline, "
    "a.language, a.site_name, a.description, a.text, a.content_hash, a.cluster_id, a.processor_version, "
    "a.published_source";

}  // namespace

Status Store::Export(ExportKind kind, std::int64_t since_cursor, const std::function<void(const json&)>& row) {
  TW_RETURN_IF_ERROR(impl_->Commit());
  sql::Database& db = *impl_->db;
  // Read one consistent snapshot even while an ingest writes.
  TW_RETURN_IF_ERROR(db.Execute("BEGIN"));
  struct EndRead {
    sql::Database& db;
    ~EndRead() { (void)db.Execute("COMMIT"); }  // a read-only transaction: nothing to lose
  } end_read{db};

  const char* change_kind = kind == ExportKind::kEvents ? "event" : kind == ExportKind::kClusters ? "cluster" : "article";
  auto changes = db.Prepare("SELECT cursor, row_id, op FROM changes WHERE kind = ?1 AND cursor > ?2 ORDER BY cursor");
  if (!changes.ok()) return changes.status();
  changes->Bind(1, std::string_view(change_kind)).Bind(2, since_cursor);

  auto article = db.Prepare(std::string("SELECT ") + kArticleColumns + " FROM articles a WHERE a.id = ?1");
  auto sources = db.Prepare("SELECT url FROM documents WHERE article_id = ?1 ORDER BY id");
  auto mentions = db.Prepare("SELECT id, type, start, end, text, value FROM mentions WHERE article_id = ?1 ORDER BY start, id");
  auto event = db.Prepare("SELECT kind, start_date, end_date, place, participants, attributes FROM events WHERE id = ?1");
  auto event_sources = db.Prepare(
      "SELECT s.article_id, a.url, s.evidence FROM event_sources s JOIN articles a ON a.id = s.article_id "
      "WHERE s.event_id = ?1 ORDER BY s.article_id");
  // The canonical member is the story's original: published first (by day, undated last; within a day by the
  // instant, for copies that give a time), then by URL, so that it does not depend on which copy a run happened
  // to store first.
  auto members = db.Prepare(
      "SELECT id, url, title FROM articles WHERE cluster_id = ?1 "
      "ORDER BY COALESCE(NULLIF(substr(published, 1, 10), ''), '9999'), "
      "CASE WHEN length(published) > 10 THEN julianday(published) END NULLS LAST, url, id");
  for (auto* stmt : {&article, &sources, &mentions, &event, &event_sources, &members}) {
    if (!stmt->ok()) return stmt->status();
  }

  while (changes->Step()) {
    std::int64_t cursor = changes->Int(0), id = changes->Int(1);
    std::string op = changes->Text(2);
    if (kind == ExportKind::kArticles || kind == ExportKind::kMentions) {
      article->Reset();
      article->Bind(1, id);
      if (!article->Step()) continue;
      if (kind == ExportKind::kArticles) {
        json out = ArticleRow(*article);
        out["source_urls"] = json::array();
        sources->Reset();
        sources->Bind(1, id);
        while (sources->Step()) out["source_urls"].push_back(sources->Text(0));
        out["cursor"] = cursor;
        out["op"] = op;
        row(out);
        continue;
      }
      std::string url = article->Text(2);
      mentions->Reset();
      mentions->Bind(1, id);
      while (mentions->Step()) {
        row({{"cursor", cursor}, {"op", op}, {"article_id", id}, {"url", url}, {"mention_id", mentions->Int(0)},
             {"type", mentions->Text(1)}, {"start", mentions->Int(2)}, {"end", mentions->Int(3)},
             {"text", mentions->Text(4)}, {"value", json::parse(mentions->Text(5))}});
      }
      TW_RETURN_IF_ERROR(mentions->status());
    } else if (kind == ExportKind::kEvents) {
      event->Reset();
      event->Bind(1, id);
      if (!event->Step()) continue;
      Event e;
      json out = {{"cursor", cursor}, {"op", op}, {"event_id", id}};
      e.kind = event->Text(0);
      e.start_date = event->Text(1);
      e.end_date = event->Text(2);
      e.place = event->Text(3);
      e.participants = json::parse(event->Text(4)).get<std::vector<std::string>>();
      e.attributes = json::parse(event->Text(5));
      out.update(EventToJson(e));
      out.erase("evidence");
      out["sources"] = json::array();
      event_sources->Reset();
      event_sources->Bind(1, id);
      while (event_sources->Step()) {
        out["sources"].push_back({{"article_id", event_sources->Int(0)}, {"url", event_sources->Text(1)},
                                  {"evidence", json::parse(event_sources->Text(2))}});
      }
      row(out);
    } else {
      json out = {{"cursor", cursor}, {"op", op}, {"cluster_id", id}, {"members", json::array()}};
      members->Reset();
      members->Bind(1, id);
      while (members->Step()) {
        out["members"].push_back({{"article_id", members->Int(0)}, {"url", members->Text(1)}, {"title", members->Text(2)}});
      }
      if (out["members"].empty()) continue;
      out["canonical_article_id"] = out["members"][0]["article_id"];
      out["canonical_url"] = out["members"][0]["url"];
      row(out);
    }
  }
  return changes->status();
}

StatusOr<json> Store::Stats() {
  TW_RETURN_IF_ERROR(impl_->Commit());
  sql::Database& db = *impl_->db;
  json stats;
  auto scalar = [&db](const char* query) -> std::int64_t {
    StatusOr<sql::Statement> stmt = db.Prepare(query);
    return stmt.ok() && stmt->Step() ? stmt->Int(0) : -1;
  };
  auto grouped = [&db](const char* query) {
    json out = json::object();
    StatusOr<sql::Statement> stmt = db.Prepare(query);
    if (!stmt.ok()) return out;
    while (stmt->Step()) out[stmt->Text(0)] = stmt->Int(1);
    return out;
  };
  stats["documents"] = grouped("SELECT status, COUNT(*) FROM documents GROUP BY status ORDER BY status");
  stats["articles"] = scalar("SELECT COUNT(*) FROM articles");
  stats["story_clusters"] = scalar("SELECT COUNT(*) FROM (SELECT cluster_id FROM articles GROUP BY cluster_id HAVING COUNT(*) > 1)");
  stats["mentions"] = grouped("SELECT type, COUNT(*) FROM mentions GROUP BY type ORDER BY type");
  stats["events"] = grouped("SELECT kind, COUNT(*) FROM events WHERE id IN (SELECT event_id FROM event_sources) GROUP BY kind ORDER BY kind");
  stats["multi_source_events"] = scalar("SELECT COUNT(*) FROM (SELECT event_id FROM event_sources GROUP BY event_id HAVING COUNT(*) > 1)");
  stats["failed_urls"] = scalar("SELECT COUNT(*) FROM url_state WHERE failures > 0");
  stats["sources"] = grouped("SELECT s.name, COUNT(d.id) FROM sources s LEFT JOIN documents d ON d.source_id = s.id GROUP BY s.id ORDER BY s.name");
  stats["cursor"] = scalar("SELECT COALESCE(MAX(cursor), 0) FROM changes");
  stats["raw_bytes"] = scalar("SELECT COALESCE(SUM(raw_size), 0) FROM documents");
  stats["stored_bytes"] = scalar("SELECT COALESCE(SUM(LENGTH(raw_zstd)), 0) FROM documents");
  return stats;
}

Status Store::ReadSnapshot(const std::function<Status(sql::Database&)>& read) {
  TW_RETURN_IF_ERROR(impl_->Commit());
  sql::Database& db = *impl_->db;
  TW_RETURN_IF_ERROR(db.Execute("BEGIN"));
  Status status = read(db);
  Status ended = db.Execute("COMMIT");
  return status.ok() ? ended : status;
}

namespace {

constexpr const char* kDocumentFilter =
    "(?2 = '' OR s.name = ?2) AND (?3 = '' OR d.fetched_at >= ?3) AND (?4 = '' OR d.processor_version != ?4)";

void BindFilter(sql::Statement& stmt, const Store::DocumentFilter& filter) {
  stmt.Bind(2, filter.source).Bind(3, filter.fetched_since).Bind(4, filter.current_version);
}

}  // namespace

StatusOr<std::int64_t> Store::CountDocuments(const DocumentFilter& filter) {
  TW_RETURN_IF_ERROR(impl_->Commit());
  auto stmt = impl_->db->Prepare(std::string("SELECT COUNT(*) FROM documents d JOIN sources s ON s.id = d.source_id "
                                             "WHERE ?1 = ?1 AND ") + kDocumentFilter);
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, std::int64_t{0});
  BindFilter(*stmt, filter);
  if (!stmt->Step()) return stmt->status();
  return stmt->Int(0);
}

Status Store::ForEachDocument(const DocumentFilter& filter, const std::function<bool(StoredDocument)>& visit) {
  TW_RETURN_IF_ERROR(impl_->Commit());
  // Page through in id order so that a long reprocess never holds one read transaction open.
  constexpr int kPage = 256;
  std::int64_t last = 0;
  while (true) {
    auto stmt = impl_->db->Prepare(std::string(
        "SELECT d.id, s.name, d.url, d.fetched_url, d.http_status, d.content_type, d.fetched_at, d.date_hint, "
        "d.title_hint, d.raw_zstd, d.raw_size, d.last_modified, d.warc_date FROM documents d "
        "JOIN sources s ON s.id = d.source_id "
        "WHERE d.id > ?1 AND ") + kDocumentFilter + " ORDER BY d.id LIMIT ?5");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, last).Bind(5, kPage);
    BindFilter(*stmt, filter);
    std::vector<StoredDocument> page;
    while (stmt->Step()) {
      StoredDocument stored;
      stored.id = stmt->Int(0);
      FetchedDocument& d = stored.document;
      d.source = stmt->Text(1);
      d.url = stmt->Text(2);
      d.final_url = stmt->Text(3);
      d.http_status = static_cast<int>(stmt->Int(4));
      d.content_type = stmt->Text(5);
      d.fetched_at = stmt->Text(6);
      d.date_hint = stmt->Text(7);
      d.title_hint = stmt->Text(8);
      d.last_modified = stmt->Text(11);
      d.warc_date = stmt->Text(12);
      StatusOr<std::string> raw = Decompress(stmt->Blob(9), stmt->Int(10), stored.id);
      if (!raw.ok()) return raw.status();
      d.body = std::move(raw).value();
      page.push_back(std::move(stored));
    }
    TW_RETURN_IF_ERROR(stmt->status());
    if (page.empty()) return Status::Ok();
    last = page.back().id;
    for (StoredDocument& stored : page) {
      if (!visit(std::move(stored))) return Status::Ok();
    }
  }
}

}  // namespace tradewire
