#include "pipeline/ingest/ingest.h"

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <sstream>
#include <thread>

#include "pipeline/ingest/processing_pool.h"

namespace tradewire {

std::string IngestSummary::ToString() const {
  std::ostringstream out;
  out << fetched << " documents: " << new_articles << " new articles, " << updated_articles << " updated, "
      << unchanged << " unchanged, " << duplicates << " duplicates, " << near_duplicates << " syndicated copies, "
      << not_articles << " non-article pages; " << not_modified << " not modified; " << disallowed << " disallowed by robots.txt; " << mentions << " mentions, "
      << events << " events; " << failures.size() << " failed; " << std::fixed << std::setprecision(1) << seconds
      << " s";
  return out.str();
}

void IngestSummary::Record(const PutOutcome& outcome, const ProcessedDocument& processed) {
  switch (outcome.result) {
    case PutResult::kNew: ++new_articles; break;
    case PutResult::kUpdated: ++updated_articles; break;
    case PutResult::kUnchanged: ++unchanged; return;
    case PutResult::kDuplicate: ++duplicates; return;
    case PutResult::kNotArticle: ++not_articles; return;
  }
  if (outcome.joined_cluster) ++near_duplicates;
  mentions += static_cast<int>(processed.mentions.size());
  events += outcome.events_added + outcome.events_merged;
}

void AddSourceReports(const std::vector<SourceReport>& reports, IngestSummary* summary) {
  for (const SourceReport& report : reports) {
    summary->not_modified += report.not_modified;
    summary->disallowed += report.disallowed;
    for (const FetchFailure& failure : report.failures) {
      summary->failures.push_back(failure.url + " (" + failure.source + "): " + failure.reason);
    }
  }
}

struct DocumentWriter::Impl {
  Store& store;
  const DocumentProcessor& processor;
  IngestSummary* summary;
  std::function<void()> on_written;
  Status first_error;
  ProcessingPool pool;

  Impl(Store& s, const DocumentProcessor& p, IngestSummary* sum, std::function<void()> written)
      : store(s),
        processor(p),
        summary(sum),
        on_written(std::move(written)),
        pool(p, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())),
             [this](FetchedDocument document, ProcessedDocument processed) {
               Write(document, processed, processor.version());
             }) {}

  void Write(const FetchedDocument& document, const ProcessedDocument& processed,
             std::string_view version) {
    ++summary->fetched;
    Save(document, processed, version);
    if (on_written) on_written();
  }

  void Save(const FetchedDocument& document, const ProcessedDocument& processed, std::string_view version) {
    if (!processed.status.ok()) {
      summary->failures.push_back(document.url + " (" + document.source + "): " + processed.status.message());
      return;
    }
    StatusOr<PutOutcome> outcome = document.stored_id != 0
                                       ? store.Reprocess(document.stored_id, processed, version)
                                       : store.Put(document, processed, version);
    if (!outcome.ok()) {
      summary->failures.push_back(document.url + " (" + document.source + "): " + outcome.status().message());
      if (first_error.ok()) first_error = outcome.status();
      return;
    }
    summary->Record(*outcome, processed);
  }
};

DocumentWriter::DocumentWriter(Store& store, const DocumentProcessor& processor, IngestSummary* summary,
                               std::function<void()> on_written)
    : impl_(std::make_unique<Impl>(store, processor, summary, std::move(on_written))) {}

DocumentWriter::~DocumentWriter() = default;

void DocumentWriter::Submit(FetchedDocument document) { impl_->pool.Submit(std::move(document)); }

void DocumentWriter::SubmitProcessed(const FetchedDocument& document, const ProcessedDocument& processed,
                                     std::string_view processor_version) {
  impl_->Write(document, processed, processor_version);
}

Status DocumentWriter::Finish() {
  impl_->pool.Finish();
  Status flushed = impl_->store.Flush();
  return impl_->first_error.ok() ? flushed : impl_->first_error;
}

StatusOr<IngestSummary> RunIngest(const Config& config, const std::string& schemas_dir,
                                  const FetchProgressSink& progress) {
  auto started = std::chrono::steady_clock::now();
  StatusOr<DocumentProcessor> processor = DocumentProcessor::Load(schemas_dir);
  if (!processor.ok()) return processor.status();
  StatusOr<std::unique_ptr<Store>> store =
      Store::OpenForWriting(config.store.path, schemas_dir, Store::Mode::kCreate);
  if (!store.ok()) return store.status();

  IngestSummary summary;
  std::vector<SourceReport> reports;
  DocumentWriter writer(**store, *processor, &summary);
  FetchProgressSink counted;
  if (progress) {
    counted = [&](FetchProgress now) {
      now.failed += static_cast<int>(summary.failures.size());
      progress(now);
    };
  }
  RunSources(config, **store, [&writer](FetchedDocument document) { writer.Submit(std::move(document)); }, &reports,
             counted);
  Status finished = writer.Finish();
  if (!finished.ok()) return finished;  // the store itself failed (disk full, I/O error): not a per-URL problem
  AddSourceReports(reports, &summary);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace tradewire
