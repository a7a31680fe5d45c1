// The commands that write a store without fetching: import (WARC files, folders of pages) and reprocess
// (re-extract the stored raw documents with the current extractor and data).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/usage.h"
#include "pipeline/ingest/ingest.h"
#include "pipeline/serialize.h"

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

// A line of `extract --warc` holds a page of at most kMaxPageBytes in base64, its text and its tags.
constexpr std::size_t kMaxJsonLineBytes = kMaxPageBytes / 3 * 4 * 2;

// Calls `line(text, number)` for each line of `file`; a line longer than `max_bytes` is skipped (read past, not
// held) and reported with an empty text. False when the file cannot be read to its end.
bool ForEachLine(std::FILE* file, std::size_t max_bytes,
                 const std::function<void(std::string_view text, long number, bool too_long)>& line) {
  std::string current;
  bool too_long = false;
  long number = 0;
  char chunk[1 << 16];
  while (std::fgets(chunk, sizeof chunk, file)) {
    std::string_view piece(chunk);
    bool ends = !piece.empty() && piece.back() == '\n';
    if (ends) piece.remove_suffix(1);
    if (!too_long && current.size() + piece.size() <= max_bytes) current.append(piece);
    else too_long = true;
    if (!ends) continue;
    line(too_long ? std::string_view() : std::string_view(current), ++number, too_long);
    current.clear();
    too_long = false;
  }
  if (!current.empty() || too_long) line(too_long ? std::string_view() : std::string_view(current), ++number, too_long);
  return !std::ferror(file);
}

// `import --jsonl`: rows of `extract --warc` stored as they are, each with the processor version that made it;
// a row that is not one is a failure naming the file and line, and the others are stored.
void ReadExtractedRows(const std::string& path, DocumentWriter& writer, SourceReport* report) {
  auto fail = [&](std::string reason) {
    report->failures.push_back({path, "import", std::move(reason), 0, true, ""});
    ++report->failed;
  };
  std::FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!file) return fail(path + ": cannot open");
  bool read = ForEachLine(file, kMaxJsonLineBytes, [&](std::string_view text, long number, bool too_long) {
    std::string where = path + ":" + std::to_string(number) + ": ";
    if (too_long) return fail(where + "line longer than " + std::to_string(kMaxJsonLineBytes >> 20) + " MB");
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) return;
    nlohmann::json row = nlohmann::json::parse(text, nullptr, false);
    if (row.is_discarded()) return fail(where + "not JSON (or not UTF-8)");
    StatusOr<ExtractedRow> extracted = ExtractedFromJson(row);
    if (!extracted.ok()) return fail(where + extracted.status().message());
    extracted->document.source = "import";
    ++report->documents;
    writer.SubmitProcessed(extracted->document, extracted->processed, extracted->processor_version);
  });
  if (!read) fail(path + ": read error");
  if (file != stdin) std::fclose(file);
}

int RunImport(const std::string& db, const std::vector<std::string>& paths, bool jsonl, const CliContext& context) {
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
      if (jsonl) {
        ReadExtractedRows(path, writer, &report);
      } else if (std::filesystem::is_directory(path, ec)) {
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
    bool jsonl = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("import", "Store WARC files and folders of saved HTML pages (no network)");
  command->add_option("--db", options->db, "SQLite store (created when missing)")->type_name("FILE")->required();
  command->add_flag("--jsonl", options->jsonl,
                    "PATHs hold rows of extract --warc (- is stdin), stored without extracting again");
  command->add_option("PATH", options->paths, ".warc, .warc.gz files and folders of .html/.htm(.gz) pages")
      ->required()
      ->check(ExistingPathOrStdin());
  command->callback([options, &context] {
    context.exit_code = RunImport(options->db, options->paths, options->jsonl, context);
  });
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
