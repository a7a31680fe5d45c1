// tradewire ingest: the nightly job. Every configured source → fetch → extract → tag → store.
#include <cstdio>
#include <memory>
#include <string>

#include "pipeline/cli/commands.h"
#include "pipeline/config/config.h"
#include "pipeline/ingest/ingest.h"

namespace tradewire {
namespace {

struct IngestOptions {
  std::string config_path;
  std::string db_path;
};

int RunIngestCommand(const IngestOptions& options, const CliContext& context) {
  StatusOr<Config> config = LoadConfig(options.config_path);
  if (!config.ok()) return ReportFatal(config.status());
  if (!options.db_path.empty()) config->store.path = options.db_path;
  if (config->store.path.empty()) {
    return ReportFatal(Status::InvalidArgument(options.config_path + ": no [store] path and no --db given"));
  }
  StatusOr<IngestSummary> summary = RunIngest(*config, context.schemas_dir);
  if (!summary.ok()) return ReportFatal(summary.status());
  for (const std::string& failure : summary->failures) std::fprintf(stderr, "tradewire: failed: %s\n", failure.c_str());
  std::printf("%s\n", summary->ToString().c_str());
  return summary->failures.empty() ? kExitOk : kExitPartial;
}

}  // namespace

void AddIngestCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<IngestOptions>();
  CLI::App* command = app.add_subcommand("ingest", "Fetch every configured source and store new articles");
  command->add_option("--config", options->config_path, "TOML configuration file")->type_name("FILE")->required();
  command->add_option("--db", options->db_path, "SQLite store (overrides [store] path)")->type_name("FILE");
  command->callback([options, &context] { context.exit_code = RunIngestCommand(*options, context); });
}

}  // namespace tradewire
