#include "pipeline/cli/commands.h"

namespace tradewire {

void AddExportCommand(CLI::App& app, CliContext& context) {
  CLI::App* command = app.add_subcommand("export", "(not yet available)");
  command->callback([&context] { context.exit_code = ReportFatal(Status::Unsupported("export is not implemented yet")); });
}

}  // namespace tradewire
