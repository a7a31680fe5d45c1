// Ingest: runs every configured source into the store. The nightly job behind `tradewire ingest`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <functional>
#include <memory>

#include "extractors/status.h"
#include "pipeline/config/config.h"
#include "pipeline/process.h"
#include "pipeline/sources/sources.h"
#include "pipeline/store/store.h"

namespace tradewire {

// What one run did, counted as documents pass through Record().
struct IngestSummary {
  int fetched = 0;            // documents handed over by the sources
  int new_articles = 0;
  int updated_articles = 0;
  int unchanged = 0;          // same URL, same content
  int duplicates = 0;         // same text under another URL
  int near_duplicates = 0;    // joined an existing story cluster
  int not_articles = 0;       // index, error and consent pages
  int not_modified = 0;       // 304s and skipped already-stored URLs
  int disallowed = 0;         // URLs robots.txt disallows for our user agent: not fetched, not failures
  int mentions = 0;
  int events = 0;             // events added or merged
  std::vector<std::string> failures;  // "URL (source): reason", one per failed input
  double seconds = 0;

  // The one summary line a cron mail shows.
  std::string ToString() const;
  // Counts one stored document.
  void Record(const PutOutcome& outcome, const ProcessedDocument& processed);
};

// The shared back half of ingest, import and reprocess: processes documents on worker threads and stores the
// results in submission order (a document read back from the store, with stored_id set, is re-classified in
// place). Failures are collected in the summary by URL. `on_written` (optional) is called after each document.
class DocumentWriter {
 public:
  DocumentWriter(Store& store, const DocumentProcessor& processor, IngestSummary* summary,
                 std::function<void()> on_written = {});
  ~DocumentWriter();
  void Submit(FetchedDocument document);
  // Stores a document processed elsewhere (`extract --warc` on a cluster) as `processor_version` made it,
  // without processing it again. For writers fed only this way: it does not wait for Submit()ted documents.
  void SubmitProcessed(const FetchedDocument& document, const ProcessedDocument& processed,
                       std::string_view processor_version);
  // Waits for everything submitted and commits. The store's first error, if any.
  Status Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Folds the sources' reports (not modified, failures) into the summary.
void AddSourceReports(const std::vector<SourceReport>& reports, IngestSummary* summary);

// Opens (or creates) the store at config.store.path, takes its lock (Status::Locked when another run holds it),
// and ingests every source. A failing source or URL is listed in failures; the others are still stored.
// `progress` (optional) is told how far the fetching is, with failures counting those of processing too.
StatusOr<IngestSummary> RunIngest(const Config& config, const std::string& schemas_dir,
                                  const FetchProgressSink& progress = {});

}  // namespace tradewire
