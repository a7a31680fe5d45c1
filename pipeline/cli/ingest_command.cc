#include "pipeline/cli/commands.h"

namespace tradewire {

void AddIngestCommand(CLI::App& app, CliContext& context) {
  CLI::App* command = app.add_subcommand("ingest", "(not yet available)");
  command->callback([&context] { context.exit_code = ReportFatal(Status::Unsupported("ingest is not implemented yet")); });
}

}  // namespace tradewire
