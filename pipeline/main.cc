// tradewire: trade-policy news in, structured deduplicated events out. See README.md.
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/cfg/helpers.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/usage.h"
#include "pipeline/data_files.h"

int main(int argc, char** argv) {
  tradewire::CliContext context;
  context.schemas_dir = tradewire::DefaultSchemasDir();

  CLI::App app{"tradewire: ingests trade-policy news into a deduplicated SQLite event store", "tradewire"};
  app.require_subcommand(1);
  // Global options may also follow the command: `tradewire ingest --config F --log-level info`.
  app.fallthrough();
  std::string log_level = "warn";
  app.add_option("--log-level", log_level, "what is logged on stderr; warn: warnings and errors only; info adds the summary line of a run (on stdout) and each source's counts")
      ->check(tradewire::OneOf({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();
  app.add_option("--schemas", context.schemas_dir,
                 "folder with migrations, taxonomy and gazetteers (default: ../share/tradewire/schemas from the "
                 "binary's folder, else the source checkout's; --version names the one in use)")
      ->check(CLI::ExistingDirectory);
  // After --schemas, whose value is set by the time this runs.
  app.set_version_flag("--version", [&context] { return tradewire::VersionReport(context.schemas_dir); },
                       "Print the version, the store schema and processor versions and the schemas folder, then exit");

  tradewire::AddIngestCommand(app, context);
  tradewire::AddExtractCommand(app, context);
  tradewire::AddExportCommand(app, context);
  tradewire::AddImportCommand(app, context);
  tradewire::AddReprocessCommand(app, context);
  tradewire::AddSearchCommand(app, context);
  tradewire::AddStatsCommand(app, context);
  tradewire::AddReportCommand(app, context);
  tradewire::AddEventsCommand(app, context);
  tradewire::AddMentionsCommand(app, context);
  // Set after the commands, which would otherwise each inherit it.
  app.set_help_all_flag("--help-all", "Print this help message and every command's, then exit");

  // Logs go to stderr: stdout carries data (JSON Lines, CSV) that callers pipe on.
  app.parse_complete_callback([&] {
    auto logger = spdlog::stderr_color_mt("tradewire");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::from_str(log_level));
  });

  // CLI11 would report a mistyped name as a missing required option; name it, with the one meant.
  if (std::string error = tradewire::UnknownNameError(app, argc, argv); !error.empty()) {
    std::fprintf(stderr, "tradewire: %s\nRun 'tradewire --help' (or 'tradewire COMMAND --help') for usage.\n",
                 error.c_str());
    return tradewire::kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::fprintf(stderr, "tradewire: %s\nRun 'tradewire --help' (or 'tradewire COMMAND --help') for usage.\n",
                 e.what());
    return tradewire::kExitUsage;
  }
  return context.exit_code;
}
