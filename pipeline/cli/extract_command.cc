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

namespace tradewire {
namespace {

struct ExtractOptions {
  std::string url;
  std::string published;
  bool plain_text = false;
  std::vector<std::string> inputs;
};

bool IsTextFileName(std::string_view path) {
  return path.size() > 4 && AsciiLower(path.substr(path.size() - 4)) == ".txt";
}

int RunExtract(const ExtractOptions& options, const CliContext& context) {
  StatusOr<DocumentProcessor> processor = DocumentProcessor::Load(context.schemas_dir);
  if (!processor.ok()) return ReportFatal(processor.status());

  int exit_code = kExitOk;
  for (const std::string& input : options.inputs) {
    StatusOr<std::string> bytes = ReadFileBytes(input, kMaxPageBytes);
    if (!bytes.ok()) {
      std::fprintf(stderr, "tradewire: %s\n", bytes.status().message().c_str());
      exit_code = kExitPartial;
      continue;
    }
    ProcessedDocument processed;
    if (options.plain_text || IsTextFileName(input)) {
      ExtractHints hints{options.url, options.published, ""};
      processed = processor->ProcessText(DecodeToUtf8(*bytes, "text/plain").utf8, hints);
    } else {
      FetchedDocument document;
      document.url = options.url;
      document.final_url = options.url;
      document.body = std::move(bytes).value();
      document.date_hint = options.published;
      processed = processor->Process(document);
    }
    if (!processed.status.ok()) {
      std::fprintf(stderr, "tradewire: %s: %s\n", input.c_str(), processed.status.message().c_str());
      exit_code = kExitPartial;
      continue;
    }
    nlohmann::json row = ArticleToJson(processed.article);
    row["input"] = input;
    row["mentions"] = nlohmann::json::array();
    for (const Mention& mention : processed.mentions) row["mentions"].push_back(MentionToJson(mention));
    std::string line = row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
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
  command->add_option("FILE", options->inputs, "HTML files ('-' is stdin; .gz is read transparently)")->required();
  command->callback([options, &context] { context.exit_code = RunExtract(*options, context); });
}

}  // namespace tradewire
