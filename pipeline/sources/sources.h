// Sources: every configured source (feed, sitemap, URL list, WARC archive, folder of saved pages) turned into
// FetchedDocuments, politely and incrementally. One bad source or URL never stops the others.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/status.h"
#include "pipeline/config/config.h"
#include "pipeline/document.h"
#include "pipeline/fetch/ledger.h"

namespace tradewire {

struct SourceReport {
  std::string source;
  int documents = 0;     // handed to the sink
  int not_modified = 0;  // 304, unchanged feed, or already stored
  int skipped = 0;       // not due for retry yet
  int disallowed = 0;    // robots.txt disallows it for our user agent: not fetched, and not a failure
  int failed = 0;
  std::vector<FetchFailure> failures;
  std::uint64_t bytes_read = 0;  // of a warc or dir source's files so far, as InputBytes counts them
};

// Called once per document, on the thread that called RunSources / Read*.
using DocumentSink = std::function<void(FetchedDocument)>;

// How far the fetching has come, all sources together: `queued` grows as listings are read.
struct FetchProgress {
  int queued = 0;    // URLs asked for so far (listings and pages)
  int finished = 0;  // of those, answered, not modified, skipped, disallowed or failed
  int failed = 0;
};
// Called on the thread that called RunSources, after each URL is queued or finished.
using FetchProgressSink = std::function<void(const FetchProgress&)>;

// Runs every configured source in order. `ledger` supplies validators for conditional GET and records
// failures with the time after which a retry is due.
void RunSources(const Config& config, FetchLedger& ledger, const DocumentSink& sink,
                std::vector<SourceReport>* reports, const FetchProgressSink& progress = {});

// Archives, for `tradewire import` and the warc/dir source kinds (no network).
// WARC 1.0/1.1, plain or .warc.gz (one gzip member per record): response records become documents with
// WARC-Target-URI and WARC-Date; a truncated or corrupt file keeps every whole record and reports the rest.
void ReadWarc(const std::string& path, std::string_view source_name, const DocumentSink& sink, SourceReport* report);
// The size of what ReadWarc or ReadHtmlDirectory would read at `path` (the WARC file as stored, the pages of a
// folder): the whole a progress line measures `bytes_read` against.
std::uint64_t InputBytes(const std::string& path);
// A folder (recursively) of saved .html/.htm pages, optionally gzipped. A sidecar "<file>.url" holding the
// page's URL gives it its address; without one the page is known by its file:// URL.
void ReadHtmlDirectory(const std::string& path, std::string_view source_name, const DocumentSink& sink,
                       SourceReport* report);

}  // namespace tradewire
