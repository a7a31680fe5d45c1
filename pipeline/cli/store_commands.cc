// The commands that read a store for trackers: export (the change feed) and stats.
#include <cstdio>
#include <limits>
#include <memory>
#include <string>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/rows.h"
#include "pipeline/cli/usage.h"
#include "pipeline/store/store.h"

namespace tradewire {
namespace {

struct ExportOptions {
  std::string db;
  std::int64_t since = 0;
  std::string kind = "articles";
  std::string format = "jsonl";
};

int RunExport(const ExportOptions& options, const CliContext& context) {
  StatusOr<std::unique_ptr<Store>> store = Store::Open(options.db, context.schemas_dir, Store::Mode::kExisting);
  if (!store.ok()) return ReportFatal(store.status());
  ExportKind kind = options.kind == "mentions" ? ExportKind::kMentions
                    : options.kind == "events" ? ExportKind::kEvents
                    : options.kind == "clusters" ? ExportKind::kClusters
                                                 : ExportKind::kArticles;
  std::vector<std::string> columns;  // CSV: the first row's keys, in its order
  Status status = (*store)->Export(kind, options.since, [&](const nlohmann::json& row) {
    if (options.format == "jsonl") return PrintJsonLine(row);
    if (columns.empty()) {
      std::string header;
      for (const auto& [key, value] : row.items()) {
        columns.push_back(key);
        header += (header.empty() ? "" : ",") + key;
      }
      std::printf("%s\r\n", header.c_str());
    }
    std::string line;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      line += (i ? "," : "") + CsvField(row.contains(columns[i]) ? row[columns[i]] : nlohmann::json());
    }
    std::printf("%s\r\n", line.c_str());
  });
  std::fflush(stdout);
  if (!status.ok()) return ReportFatal(status);
  return kExitOk;
}

}  // namespace

void AddExportCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* command = app.add_subcommand(
      "export", "Print every change after a cursor (inserts, updates, supersessions), oldest first");
  command->add_option("--db", options->db, "SQLite store")->type_name("FILE")->required();
  command->add_option("--since", options->since, "cursor of the last row already seen (0: everything)")
      ->check(WholeNumber(0));
  command->add_option("--kind", options->kind, "what to export")
      ->check(OneOf({"articles", "mentions", "events", "clusters"}))
      ->capture_default_str();
  command->add_option("--format", options->format, "output format")
      ->check(OneOf({"jsonl", "csv"}))
      ->capture_default_str();
  command->callback([options, &context] { context.exit_code = RunExport(*options, context); });
}

void AddStatsCommand(CLI::App& app, CliContext& context) {
  auto db = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand("stats", "What the store holds: documents, articles, mentions, events");
  command->add_option("--db", *db, "SQLite store")->type_name("FILE")->required();
  command->callback([db, &context] {
    StatusOr<std::unique_ptr<Store>> store = Store::Open(*db, context.schemas_dir, Store::Mode::kExisting);
    if (!store.ok()) {
      context.exit_code = ReportFatal(store.status());
      return;
    }
    StatusOr<nlohmann::json> stats = (*store)->Stats();
    if (!stats.ok()) {
      context.exit_code = ReportFatal(stats.status());
      return;
    }
    std::printf("%s\n", stats->dump(2).c_str());
    context.exit_code = kExitOk;
  });
}

}  // namespace tradewire
