// tradewire extract: pages (or plain text) in, one JSON object per input on stdout. No store.
#include <cstdio>
#include <string>
#include <vector>

#include "extractors/html/charset.h"
#include "pipeline/cli/commands.h"
#include "pipeline/cli/usage.h"
#include "pipeline/data_files.h"
#include "pipeline/document.h"
#include "pipeline/process.h"
#include "pipeline/serialize.h"
#include "pipeline/sources/sources.h"

namespace tradewire {
namespace {

struct ExtractOptions {
  std::string url;
  std::string published;
  bool plain_text = false;
  bool warc = false;
  std::vector<std::string> inputs;
};

void PrintRow(nlohmann::json row, const std::string& input) {
  row["input"] = input;
  std::string line = row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stdout);
}

// The map step for cluster engines: every page of each WARC ('-': standard input) as one row carrying its
// record (target URI, WARC-Date, raw body), streamed record by record so memory stays flat in the file's size.
int ExtractWarcs(const ExtractOptions& options, const DocumentProcessor& processor) {
  int exit_code = kExitOk;
  for (const std::string& input : options.inputs) {
    SourceReport report;
    ReadWarc(input == "-" ? "/dev/stdin" : input, "warc", [&](FetchedDocument document) {
      ProcessedDocument processed = processor.Process(document);
      if (!processed.status.ok()) {
        std::string reason = document.url + ": " + processed.status.message();
        report.failures.push_back({document.url, "warc", std::move(reason), 0, false, ""});
        return;
      }
      PrintRow(ExtractedToJson(document, processed, processor.version(), true), input);
    }, &report);
    for (const FetchFailure& failure : report.failures) {
      std::fprintf(stderr, "tradewire: %s\n", failure.reason.c_str());  // the reason names the file or URL
      exit_code = kExitPartial;
    }
  }
  std::fflush(stdout);
  return exit_code;
}

bool IsTextFileName(std::string_view path) {
  return path.size() > 4 && AsciiLower(path.substr(path.size() - 4)) == ".txt";
}

int RunExtract(const ExtractOptions& options, const CliContext& context) {
  StatusOr<DocumentProcessor> processor = DocumentProcessor::Load(context.schemas_dir);
  if (!processor.ok()) return ReportFatal(processor.status());
  if (options.warc && options.plain_text) {
    return ReportFatal(Status::InvalidArgument("extract: --warc and --text cannot be used together"));
  }
  if (options.warc) return ExtractWarcs(options, *processor);

  int exit_code = kExitOk;
  for (const std::string& input : options.inputs) {
    StatusOr<std::string> bytes = ReadFileBytes(input, kMaxPageBytes);
    if (!bytes.ok()) {
      std::fprintf(stderr, "tradewire: %s\n", bytes.status().message().c_str());
      exit_code = kExitPartial;
      continue;
    }
    ProcessedDocument processed;
    FetchedDocument document;
    document.url = options.url;
    document.final_url = options.url;
    document.date_hint = options.published;
    if (options.plain_text || IsTextFileName(input)) {
      ExtractHints hints{options.url, options.published, ""};
      processed = processor->ProcessText(DecodeToUtf8(*bytes, "text/plain").utf8, hints);
    } else {
      document.body = std::move(bytes).value();
      processed = processor->Process(document);
    }
    if (!processed.status.ok()) {
      std::fprintf(stderr, "tradewire: %s: %s\n", input.c_str(), processed.status.message().c_str());
      exit_code = kExitPartial;
      continue;
    }
    PrintRow(ExtractedToJson(document, processed, processor->version(), false), input);
  }
  std::fflush(stdout);
  return exit_code;
}

}  // namespace

void AddExtractCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<ExtractOptions>();
  CLI::App* command = app.add_subcommand(
      "extract", "Extract and tag pages without a store: one JSON object per input, in input order");
  command->add_option("--url", options->url,
                      "URL the pages were served from, for every FILE (resolves relative links)");
  command->add_option("--published", options->published,
                      "ISO date that relative dates resolve against when the page gives none")
      ->type_name("DATE")
      ->check(IsoDate());
  command->add_flag("--text", options->plain_text, "inputs are plain text, not HTML (implied for .txt files)");
  command->add_flag("--warc", options->warc,
                    "inputs are WARC files: one row per page record, carrying the record for import --jsonl to store");
  command->add_option("FILE", options->inputs, "HTML files ('-' is stdin; .gz is read transparently)")->required();
  command->callback([options, &context] { context.exit_code = RunExtract(*options, context); });
}

}  // namespace tradewire
