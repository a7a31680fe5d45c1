// tradewire ingest: the nightly job. Every configured source → fetch → extract → tag → store.
#include <memory>
#include <string>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/run_output.h"
#include "pipeline/config/config.h"
#include "pipeline/ingest/ingest.h"

namespace tradewire {
namespace {

struct IngestOptions {
  std::string config_path;
  std::string db_path;
  RunOutputOptions output;
};

int RunIngestCommand(const IngestOptions& options, const CliContext& context) {
  StatusOr<Config> config = LoadConfig(options.config_path);
  if (!config.ok()) return ReportFatal(config.status());
  if (!options.db_path.empty()) config->store.path = options.db_path;
  if (config->store.path.empty()) {
    return ReportFatal(Status::InvalidArgument(options.config_path + ": no [store] path and no --db given"));
  }
  StatusOr<IngestSummary> summary = [&] {
    ProgressLine line("ingest", options.output);
    FetchProgressSink progress;
    if (line.shown()) {
      progress = [&line](const FetchProgress& now) {
        line.Update({now.finished, now.finished, now.queued, now.failed, false});
      };
    }
    return RunIngest(*config, context.schemas_dir, progress);
  }();
  if (!summary.ok()) return ReportFatal(summary.status());
  return FinishRun(*summary, "", options.output);
}

}  // namespace

void AddIngestCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<IngestOptions>();
  CLI::App* command = app.add_subcommand("ingest", "Fetch every configured source and store new articles");
  command->add_option("--config", options->config_path, "TOML configuration file")->type_name("FILE")->required();
  command->add_option("--db", options->db_path, "SQLite store (overrides [store] path)")->type_name("FILE");
  AddRunOutputOptions(command, &options->output);
  command->callback([options, &context] { context.exit_code = RunIngestCommand(*options, context); });
}

}  // namespace tradewire
