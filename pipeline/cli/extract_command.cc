// tradewire extract: pages (or plain text) in, one JSON object per input on stdout. No store.
#include <cstdio>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "extractors/html/charset.h"
#include "extractors/html/extract.h"
#include "pipeline/cli/commands.h"
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

int RunExtract(const ExtractOptions& options, const CliContext& context) {
  StatusOr<DataFiles> data = LoadDataFiles(context.schemas_dir);
  if (!data.ok()) return ReportFatal(data.status());
  StatusOr<Taggers> taggers = Taggers::Create(*data);
  if (!taggers.ok()) return ReportFatal(taggers.status());

  int exit_code = kExitOk;
  for (const std::string& input : options.inputs) {
    StatusOr<std::string> bytes = ReadFileBytes(input);
    if (!bytes.ok()) {
      std::fprintf(stderr, "tradewire: %s\n", bytes.status().message().c_str());
      exit_code = kExitPartial;
      continue;
    }
    Article article;
    Mentions mentions;
    if (options.plain_text) {
      ExtractHints hints{options.url, options.published, ""};
      article = ArticleFromText(DecodeToUtf8(*bytes, "text/plain").utf8, hints);
      mentions = taggers->Tag(article, options.published);
    } else {
      FetchedDocument document;
      document.url = options.url;
      document.final_url = options.url;
      document.body = std::move(bytes).value();
      document.date_hint = options.published;
      ProcessedDocument processed = ProcessDocument(document, *taggers);
      article = std::move(processed.article);
      mentions = std::move(processed.mentions);
    }
    nlohmann::json row = ArticleToJson(article);
    row["input"] = input;
    row["mentions"] = nlohmann::json::array();
    for (const Mention& mention : mentions) row["mentions"].push_back(MentionToJson(mention));
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
  command->add_option("--url", options->url, "URL the page was served from (resolves relative links)");
  command->add_option("--published", options->published,
                      "ISO date that relative dates resolve against when the page gives none")
      ->check([](const std::string& s) {
        return s.size() >= 10 && s[4] == '-' && s[7] == '-' ? std::string() : "expected an ISO date like 2025-05-20";
      });
  command->add_flag("--text", options->plain_text, "inputs are plain text, not HTML");
  command->add_option("FILE", options->inputs, "HTML files ('-' is stdin; .gz is read transparently)")->required();
  command->callback([options, &context] { context.exit_code = RunExtract(*options, context); });
}

}  // namespace tradewire
