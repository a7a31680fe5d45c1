// Store: the SQLite event store. Documents (raw bytes, zstd), articles, mentions, events, story clusters and the
// change feed that trackers read with a cursor. Deduplicates by canonical URL, by normalized text, by
// near-duplicate story and by real-world event. Also the fetcher's ledger (conditional GET state, failures).
//
// One writer at a time: LockForWriting() takes an exclusive lock that the OS releases when the process dies.
// Writes are batched in transactions; a crash loses at most the open batch and never leaves a half-written
// document (each Put is atomic within its batch, and the batch commits whole).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "extractors/status.h"
#include "pipeline/document.h"
#include "pipeline/fetch/ledger.h"
#include "pipeline/process.h"

namespace tradewire {

namespace sql {
class Database;
}

enum class PutResult {
  kNew,               // a new article
  kUpdated,           // same URL, the article's text changed
  kUnchanged,         // same URL, same article text (a page re-served with new ads)
  kDuplicate,         // a new URL whose text is an article we already have
  kNotArticle,        // stored as a document, not an article (index, error, consent page)
};
const char* PutResultName(PutResult result);

struct PutOutcome {
  PutResult result = PutResult::kNew;
  std::int64_t article_id = 0;
  bool joined_cluster = false;  // the new article is a near-duplicate of a story we had (syndicated copy)
  int events_added = 0;
  int events_merged = 0;
  int texts_compared = 0;  // stored texts compared with this one to find its story cluster (kMaxClusterCandidates)
};

// At most this many stored articles sharing an LSH band are compared with a new one to find its story cluster,
// however many share its bands, so that storing an article costs the same on the millionth page of a template.
inline constexpr int kMaxClusterCandidates = 32;

// The store schema this tradewire writes: the number of the newest migration under <schemas_dir>/migrations.
StatusOr<int> NewestSchemaVersion(const std::string& schemas_dir);

// Which rows an export reads.
enum class ExportKind { kArticles, kMentions, kEvents, kClusters };

class Store final : public FetchLedger {
 public:
  enum class Mode { kCreate, kExisting };

  // Opens the store (kCreate makes a new file when there is none) and applies the migrations under
  // <schemas_dir>/migrations. A file that is not a tradewire store (corrupt, foreign SQLite database, newer
  // schema) → Corruption naming the path; such a file is never modified.
  static StatusOr<std::unique_ptr<Store>> Open(const std::string& path, const std::string& schemas_dir, Mode mode);
  // Open() for a writer: the writer lock (LockForWriting) is taken first, before the file is created or migrated,
  // so of two first runs on a new store the second gets Status::Locked, not SQLite's "database is locked".
  static StatusOr<std::unique_ptr<Store>> OpenForWriting(const std::string& path, const std::string& schemas_dir,
                                                         Mode mode);
  ~Store() override;

  // Exclusive writer lock for this store (a lock file beside it). Status::Locked when another process holds it.
  Status LockForWriting();

  // Stores one processed document; see PutResult. `processor_version` records what made the rows.
  StatusOr<PutOutcome> Put(const FetchedDocument& document, const ProcessedDocument& processed,
                           std::string_view processor_version);
  // Re-classifies stored document `document_id` from a new extraction of its raw bytes (reprocess): rows whose
  // result did not change are left alone and do not appear in the change feed.
  StatusOr<PutOutcome> Reprocess(std::int64_t document_id, const ProcessedDocument& processed,
                                 std::string_view processor_version);
  // Commits the open batch.
  Status Flush();

  // FetchLedger.
  std::optional<UrlRecord> Lookup(std::string_view url) override;
  void RecordNotModified(std::string_view url) override;
  void RecordValidators(std::string_view url, std::string_view etag, std::string_view last_modified) override;
  void RecordFailure(const FetchFailure& failure) override;
  void RecordListing(std::string_view listing_url, const std::vector<ListedItem>& items) override;
  std::vector<ListedItem> ListedItems(std::string_view listing_url) override;

  // Calls `row` for every change of `kind` after `since_cursor`, in cursor order. Each row carries "cursor" and
  // "op"; its shape is documented in schemas/export.schema.json.
  Status Export(ExportKind kind, std::int64_t since_cursor, const std::function<void(const nlohmann::json&)>& row);
  // Counts by table and mention type.
  StatusOr<nlohmann::json> Stats();
  // Runs `read` on one consistent snapshot of the store (a read transaction, the open batch committed first):
  // the read side's queries (pipeline/store/queries.h) are written against the tables, not inside the store.
  Status ReadSnapshot(const std::function<Status(sql::Database&)>& read);

  // Raw documents for reprocessing, in id order: those not yet processed by `current_version` (so an
  // interrupted reprocess resumes where it stopped), optionally only one source's and only those fetched since
  // an ISO date. `visit` returns false to stop.
  struct StoredDocument {
    std::int64_t id = 0;
    FetchedDocument document;
  };
  struct DocumentFilter {
    std::string source;
    std::string fetched_since;
    std::string current_version;
  };
  Status ForEachDocument(const DocumentFilter& filter, const std::function<bool(StoredDocument)>& visit);
  // How many documents ForEachDocument would visit.
  StatusOr<std::int64_t> CountDocuments(const DocumentFilter& filter);

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tradewire
