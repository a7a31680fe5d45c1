// The commands that write a store without fetching: import (WARC files, folders of pages) and reprocess
// (re-extract the stored raw documents with the current extractor and data).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/usage.h"
#include "pipeline/ingest/ingest.h"

namespace tradewire {
namespace {

struct Opened {
  std::unique_ptr<Store> store;
  std::unique_ptr<DocumentProcessor> processor;
};

StatusOr<Opened> OpenForWriting(const std::string& db, const CliContext& context, Store::Mode mode) {
  StatusOr<DocumentProcessor> processor = DocumentProcessor::Load(context.schemas_dir);
  if (!processor.ok()) return processor.status();
  StatusOr<std::unique_ptr<Store>> store = Store::OpenForWriting(db, context.schemas_dir, mode);
  if (!store.ok()) return store.status();
  return Opened{std::move(store).value(), std::make_unique<DocumentProcessor>(std::move(processor).value())};
}

int Finish(IngestSummary& summary, std::chrono::steady_clock::time_point started, const char* what) {
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const std::string& failure : summary.failures) std::fprintf(stderr, "tradewire: failed: %s\n", failure.c_str());
  std::printf("%s: %s\n", what, summary.ToString().c_str());
  return summary.failures.empty() ? kExitOk : kExitPartial;
}

int RunImport(const std::string& db, const std::vector<std::string>& paths, const CliContext& context) {
  auto started = std::chrono::steady_clock::now();
  StatusOr<Opened> opened = OpenForWriting(db, context, Store::Mode::kCreate);
  if (!opened.ok()) return ReportFatal(opened.status());
  IngestSummary summary;
  std::vector<SourceReport> reports;
  {
    DocumentWriter writer(*opened->store, *opened->processor, &summary);
    auto sink = [&writer](FetchedDocument document) { writer.Submit(std::move(document)); };
    for (const std::string& path : paths) {
      SourceReport report;
      std::error_code ec;
      if (std::filesystem::is_directory(path, ec)) {
        ReadHtmlDirectory(path, "import", sink, &report);
      } else {
        ReadWarc(path, "import", sink, &report);
      }
      reports.push_back(std::move(report));
    }
    Status finished = writer.Finish();
    if (!finished.ok()) return ReportFatal(finished);
  }
  AddSourceReports(reports, &summary);
  return Finish(summary, started, "import");
}

// Progress on a terminal: a bar with rate and ETA, redrawn in place; nothing when stderr is not a terminal.
class Progress {
 public:
  explicit Progress(std::int64_t total) : total_(total), started_(std::chrono::steady_clock::now()) {}
  void Advance() {
    ++done_;
    if (!isatty(STDERR_FILENO) || (done_ % 25 != 0 && done_ != total_)) return;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    double rate = elapsed > 0 ? done_ / elapsed : 0;
    double eta = rate > 0 ? (total_ - done_) / rate : 0;
    int filled = total_ > 0 ? static_cast<int>(30.0 * done_ / total_) : 30;
    std::fprintf(stderr, "\r[%-30s] %lld/%lld  %.0f docs/s  ETA %.0f s ", std::string(filled, '#').c_str(),
                 static_cast<long long>(done_), static_cast<long long>(total_), rate, eta);
    if (done_ == total_) std::fputc('\n', stderr);
  }

 private:
  std::int64_t total_;
  std::int64_t done_ = 0;
  std::chrono::steady_clock::time_point started_;
};

struct ReprocessOptions {
  std::string db;
  std::string since;
  std::string source;
  bool all = false;
};

int RunReprocess(const ReprocessOptions& options, const CliContext& context) {
  auto started = std::chrono::steady_clock::now();
  StatusOr<Opened> opened = OpenForWriting(options.db, context, Store::Mode::kExisting);
  if (!opened.ok()) return ReportFatal(opened.status());
  Store& store = *opened->store;
  const DocumentProcessor& processor = *opened->processor;
  // Rows already made by this version are skipped, so an interrupted reprocess resumes where it stopped;
  // --all redoes them too.
  Store::DocumentFilter filter{options.source, options.since, options.all ? "" : processor.version()};
  StatusOr<std::int64_t> total = store.CountDocuments(filter);
  if (!total.ok()) return ReportFatal(total.status());

  IngestSummary summary;
  Progress progress(*total);
  DocumentWriter writer(store, processor, &summary, [&progress] { progress.Advance(); });
  Status read = store.ForEachDocument(filter, [&](Store::StoredDocument stored) {
    stored.document.stored_id = stored.id;
    writer.Submit(std::move(stored.document));
    return true;
  });
  Status finished = writer.Finish();
  if (!read.ok()) return ReportFatal(read);
  if (!finished.ok()) return ReportFatal(finished);
  return Finish(summary, started, "reprocess");
}

}  // namespace

void AddImportCommand(CLI::App& app, CliContext& context) {
  struct Options {
    std::string db;
    std::vector<std::string> paths;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("import", "Store WARC files and folders of saved HTML pages (no network)");
  command->add_option("--db", options->db, "SQLite store (created when missing)")->type_name("FILE")->required();
  command->add_option("PATH", options->paths, ".warc, .warc.gz files and folders of .html/.htm(.gz) pages")
      ->required()
      ->check(CLI::ExistingPath);
  command->callback([options, &context] { context.exit_code = RunImport(options->db, options->paths, context); });
}

void AddReprocessCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<ReprocessOptions>();
  CLI::App* command = app.add_subcommand(
      "reprocess", "Re-run the current extractor and taggers over the stored raw documents (no network)");
  command->add_option("--db", options->db, "SQLite store")->type_name("FILE")->required();
  command->add_option("--since", options->since, "only documents fetched on or after this ISO date")
      ->type_name("DATE")
      ->check(IsoDate());
  command->add_option("--source", options->source, "only documents of this source");
  command->add_flag("--all", options->all, "also documents already processed by the current version");
  command->callback([options, &context] { context.exit_code = RunReprocess(*options, context); });
}

}  // namespace tradewire
