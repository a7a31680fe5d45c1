#include "pipeline/cli/commands.h"

namespace tradewire {

void AddImportCommand(CLI::App& app, CliContext& context) {
  CLI::App* command = app.add_subcommand("import", "(not yet available)");
  command->callback([&context] { context.exit_code = ReportFatal(Status::Unsupported("import is not implemented yet")); });
}

}  // namespace tradewire
