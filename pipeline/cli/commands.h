// The tradewire subcommands. Each Add*Command registers one subcommand on the CLI11 app; when that
// subcommand runs, its result is left in `context.exit_code`.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "extractors/status.h"

namespace tradewire {

// Exit codes, the same for every command (cron and wrappers rely on them).
inline constexpr int kExitOk = 0;
inline constexpr int kExitPartial = 1;  // some inputs failed; each was named on stderr, the rest were done
inline constexpr int kExitUsage = 2;    // bad usage, bad config, unreadable or foreign database
inline constexpr int kExitLocked = 75;  // EX_TEMPFAIL: another run holds the store's lock

struct CliContext {
  int exit_code = kExitOk;
  std::string schemas_dir;  // --schemas, else DefaultSchemasDir() (pipeline/data_files.h)
};

// What `tradewire --version` prints: this tradewire's version, the store schema version it writes, the version
// of the processor that `schemas_dir`'s data makes (what the store records with every row), and that folder.
std::string VersionReport(const std::string& schemas_dir);

// Prints "tradewire: <message>" on stderr and returns the exit code that fits the status.
int ReportFatal(const Status& status);

void AddIngestCommand(CLI::App& app, CliContext& context);
void AddExtractCommand(CLI::App& app, CliContext& context);
void AddExportCommand(CLI::App& app, CliContext& context);
void AddImportCommand(CLI::App& app, CliContext& context);
void AddReprocessCommand(CLI::App& app, CliContext& context);
void AddSearchCommand(CLI::App& app, CliContext& context);
void AddStatsCommand(CLI::App& app, CliContext& context);
void AddReportCommand(CLI::App& app, CliContext& context);
void AddEventsCommand(CLI::App& app, CliContext& context);
void AddMentionsCommand(CLI::App& app, CliContext& context);

}  // namespace tradewire
