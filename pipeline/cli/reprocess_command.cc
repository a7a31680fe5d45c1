#include "pipeline/cli/commands.h"

namespace tradewire {

void AddReprocessCommand(CLI::App& app, CliContext& context) {
  CLI::App* command = app.add_subcommand("reprocess", "(not yet available)");
  command->callback([&context] { context.exit_code = ReportFatal(Status::Unsupported("reprocess is not implemented yet")); });
}

}  // namespace tradewire
