// `tradewire report`: the analyst's HTML report of a store (pipeline/report/report.h).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/usage.h"
#include "pipeline/data_files.h"
#include "pipeline/fetch/ledger.h"
#include "pipeline/report/report.h"

namespace tradewire {
namespace {

struct ReportOptions {
  std::string db, out, since, until, new_since, title = "Trade-policy news";
};

// Writes beside the target and renames, so that a failed run never leaves half a report where the last one was.
Status WriteWhole(const std::string& path, const std::string& text) {
  std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      std::filesystem::remove(temporary);
      return Status::IOError("cannot write " + path);
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) return Status::IOError("cannot write " + path + ": " + ec.message());
  return Status::Ok();
}

int RunReport(const ReportOptions& options, const CliContext& context) {
  StatusOr<std::unique_ptr<Store>> store = Store::Open(options.db, context.schemas_dir, Store::Mode::kExisting);
  if (!store.ok()) return ReportFatal(store.status());
  ReportRequest request;
  request.title = options.title;
  request.dates = {options.since, options.until};
  if (!options.new_since.empty()) request.new_since = *ParseNewSince(options.new_since);  // checked by its validator
  request.store_name = std::filesystem::path(options.db).filename().string();
  request.generated_at = NowIsoUtc();
  if (auto taxonomy = ReadFileBytes(context.schemas_dir + "/taxonomy/barriers.json"); taxonomy.ok()) {
    request.category_names = BarrierCategoryNames(*taxonomy);
  }
  StatusOr<std::string> html = RenderReport(**store, request);
  if (!html.ok()) return ReportFatal(html.status());
  Status written = WriteWhole(options.out, *html);
  if (!written.ok()) return ReportFatal(written);
  return kExitOk;
}

CLI::Validator CursorOrDate() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (ParseNewSince(value)) return "";
        return "'" + value + "' is neither a cursor nor a date";
      },
      "CURSOR|DATE");
}

}  // namespace

void AddReportCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* command = app.add_subcommand(
      "report", "Write one self-contained HTML report (timeline, barriers, officials, rates) for people to read");
  command->add_option("--db", options->db, "SQLite store")->type_name("FILE")->required();
  command->add_option("--out", options->out, "the HTML file to write")->type_name("FILE")->required();
  command->add_option("--since", options->since, "only articles and events from this day on")->check(IsoDate());
  command->add_option("--until", options->until, "only articles and events up to this day")->check(IsoDate());
  command->add_option("--new-since", options->new_since,
                      "show first what changed after this export cursor or on or after this date")
      ->check(CursorOrDate());
  command->add_option("--title", options->title, "the report's heading")->capture_default_str();
  command->callback([options, &context] { context.exit_code = RunReport(*options, context); });
}

}  // namespace tradewire
