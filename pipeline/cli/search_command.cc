#include "pipeline/cli/commands.h"

namespace tradewire {

void AddSearchCommand(CLI::App& app, CliContext& context) {
  CLI::App* command = app.add_subcommand("search", "(not yet available)");
  command->callback([&context] { context.exit_code = ReportFatal(Status::Unsupported("search is not implemented yet")); });
}

}  // namespace tradewire
