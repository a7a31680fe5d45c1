#include "pipeline/cli/commands.h"

namespace tradewire {

void AddStatsCommand(CLI::App& app, CliContext& context) {
  CLI::App* command = app.add_subcommand("stats", "(not yet available)");
  command->callback([&context] { context.exit_code = ReportFatal(Status::Unsupported("stats is not implemented yet")); });
}

}  // namespace tradewire
