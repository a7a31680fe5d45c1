// The commands that write a store without fetching: import (WARC files, folders of pages) and reprocess
// (re-extract the stored raw documents with the current extractor and data).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/run_output.h"
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

int Finish(IngestSummary& summary, std::chrono::steady_clock::time_point started, const std::string& what,
           const RunOutputOptions& output) {
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return FinishRun(summary, what, output);
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
// a row that is not one is a failure naming the file and line, and the others are stored. `read_a_line` runs after
// each line, with report->bytes_read how far into the file it is (0 for stdin, whose size nobody knows).
void ReadExtractedRows(const std::string& path, DocumentWriter& writer, SourceReport* report,
                       const std::function<void()>& read_a_line) {
  auto fail = [&](std::string reason) {
    report->failures.push_back({path, "import", std::move(reason), 0, true, ""});
    ++report->failed;
  };
  std::FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!file) return fail(path + ": cannot open");
  bool read = ForEachLine(file, kMaxJsonLineBytes, [&](std::string_view text, long number, bool too_long) {
    std::string where = path + ":" + std::to_string(number) + ": ";
    if (file != stdin) report->bytes_read = static_cast<std::uint64_t>(std::max(0L, std::ftell(file)));
    auto store = [&] {
      if (too_long) return fail(where + "line longer than " + std::to_string(kMaxJsonLineBytes >> 20) + " MB");
      if (text.find_first_not_of(" \t\r") == std::string_view::npos) return;
      nlohmann::json row = nlohmann::json::parse(text, nullptr, false);
      if (row.is_discarded()) return fail(where + "not JSON (or not UTF-8)");
      StatusOr<ExtractedRow> extracted = ExtractedFromJson(row);
      if (!extracted.ok()) return fail(where + extracted.status().message());
      extracted->document.source = "import";
      ++report->documents;
      writer.SubmitProcessed(extracted->document, extracted->processed, extracted->processor_version);
    };
    store();
    read_a_line();
  });
  if (!read) fail(path + ": read error");
  if (file != stdin) std::fclose(file);
}

struct ImportOptions {
  std::string db;
  std::vector<std::string> paths;
  bool jsonl = false;  // the paths hold rows of `extract --warc`
  RunOutputOptions output;
};

// Reads every path into `writer`; the progress line measures the bytes read against the inputs' sizes.
void ReadInputs(const ImportOptions& options, DocumentWriter& writer, const IngestSummary& summary,
                ProgressLine& line, std::vector<SourceReport>* reports) {
  const std::vector<std::string>& paths = options.paths;
  RunProgress progress{0, 0, 0, 0, true};
  if (line.shown()) {
    for (const std::string& path : paths) progress.total += static_cast<std::int64_t>(InputBytes(path));
  }
  std::int64_t earlier_inputs = 0;  // bytes of the paths already read
  std::int64_t earlier_failures = 0;
  std::int64_t earlier_documents = 0;
  reports->reserve(paths.size());
  for (const std::string& path : paths) {
    SourceReport& report = reports->emplace_back();
    auto advance = [&] {
      progress.documents = earlier_documents + report.documents;
      progress.done = earlier_inputs + static_cast<std::int64_t>(report.bytes_read);
      progress.failures = earlier_failures + report.failed + static_cast<std::int64_t>(summary.failures.size());
      line.Update(progress);
    };
    auto sink = [&](FetchedDocument document) {
      writer.Submit(std::move(document));
      advance();
    };
    std::error_code ec;
    if (options.jsonl) {
      ReadExtractedRows(path, writer, &report, advance);
    } else if (std::filesystem::is_directory(path, ec)) {
      ReadHtmlDirectory(path, "import", sink, &report);
    } else {
      ReadWarc(path, "import", sink, &report);
    }
    earlier_inputs += static_cast<std::int64_t>(report.bytes_read);
    earlier_failures += report.failed;
    earlier_documents += report.documents;
  }
}

int RunImport(const ImportOptions& options, const CliContext& context) {
  auto started = std::chrono::steady_clock::now();
  StatusOr<Opened> opened = OpenForWriting(options.db, context, Store::Mode::kCreate);
  if (!opened.ok()) return ReportFatal(opened.status());
  IngestSummary summary;
  std::vector<SourceReport> reports;
  {
    ProgressLine line("import", options.output);
    DocumentWriter writer(*opened->store, *opened->processor, &summary);
    ReadInputs(options, writer, summary, line, &reports);
    Status finished = writer.Finish();
    if (!finished.ok()) return ReportFatal(finished);
  }
  AddSourceReports(reports, &summary);
  return Finish(summary, started, "import", options.output);
}

struct ReprocessOptions {
  std::string db;
  std::string since;
  std::string source;
  bool all = false;
  RunOutputOptions output;
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
  Status read, finished;
  {
    ProgressLine line("reprocess", options.output);
    RunProgress progress{0, 0, *total, 0, false};
    DocumentWriter writer(store, processor, &summary, [&] {
      progress.done = ++progress.documents;
      progress.failures = static_cast<std::int64_t>(summary.failures.size());
      line.Update(progress);
    });
    read = store.ForEachDocument(filter, [&](Store::StoredDocument stored) {
      stored.document.stored_id = stored.id;
      writer.Submit(std::move(stored.document));
      return true;
    });
    finished = writer.Finish();
  }
  if (!read.ok()) return ReportFatal(read);
  if (!finished.ok()) return ReportFatal(finished);
  return Finish(summary, started, "reprocess", options.output);
}

}  // namespace

void AddImportCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* command = app.add_subcommand("import", "Store WARC files and folders of saved HTML pages (no network)");
  command->add_option("--db", options->db, "SQLite store (created when missing)")->type_name("FILE")->required();
  command->add_flag("--jsonl", options->jsonl,
                    "PATHs hold rows of extract --warc (- is stdin), stored without extracting again");
  command->add_option("PATH", options->paths, ".warc, .warc.gz files and folders of .html/.htm(.gz) pages")
      ->required()
      ->check(ExistingPathOrStdin());
  AddRunOutputOptions(command, &options->output);
  command->callback([options, &context] { context.exit_code = RunImport(*options, context); });
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
  AddRunOutputOptions(command, &options->output);
  command->callback([options, &context] { context.exit_code = RunReprocess(*options, context); });
}

}  // namespace tradewire
