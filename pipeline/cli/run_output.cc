#include "pipeline/cli/run_output.h"

#include <unistd.h>

#include <cstdio>

#include <spdlog/spdlog.h>

#include "pipeline/cli/commands.h"

namespace tradewire {
namespace {

// "0:28", "12:05", "3:07:41".
std::string Clock(double seconds) {
  auto s = static_cast<long long>(seconds + 0.5);
  char buffer[32];
  if (s >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld", s / 60, s % 60);
  }
  return buffer;
}

// "512 KB", "1.5 MB", "2048.0 MB".
std::string Size(std::int64_t bytes) {
  char buffer[32];
  if (bytes < (1 << 20)) {
    std::snprintf(buffer, sizeof buffer, "%.0f KB", static_cast<double>(bytes) / 1024);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  }
  return buffer;
}

}  // namespace

void AddRunOutputOptions(CLI::App* command, RunOutputOptions* options) {
  command->add_flag("--summary", options->summary,
                    "print the summary line on stdout when done (also at --log-level info); without it a run that "
                    "went well prints nothing");
  command->add_flag("--quiet", options->quiet, "no progress line on a terminal");
}

int FinishRun(const IngestSummary& summary, const std::string& what, const RunOutputOptions& options) {
  for (const std::string& failure : summary.failures) std::fprintf(stderr, "tradewire: failed: %s\n", failure.c_str());
  if (options.summary || spdlog::should_log(spdlog::level::info)) {
    std::printf("%s%s\n", what.empty() ? "" : (what + ": ").c_str(), summary.ToString().c_str());
    std::fflush(stdout);
  }
  return summary.failures.empty() ? kExitOk : kExitPartial;
}

ProgressLine::ProgressLine(std::string what, const RunOutputOptions& options)
    : what_(std::move(what)),
      shown_(!options.quiet && isatty(STDERR_FILENO) == 1),
      started_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() {
  if (drawn_) std::fputs("\r\033[K", stderr);
}

void ProgressLine::Update(const RunProgress& progress) {
  if (!shown_) return;
  auto now = std::chrono::steady_clock::now();
  bool complete = progress.total > 0 && progress.done >= progress.total;  // the last state is always drawn
  if (drawn_ && !complete && now - last_drawn_ < std::chrono::milliseconds(100)) return;
  last_drawn_ = now;
  drawn_ = true;
  std::string line = Format(progress, std::chrono::duration<double>(now - started_).count());
  std::fprintf(stderr, "\r\033[K%s", line.c_str());
  std::fflush(stderr);
}

std::string ProgressLine::Format(const RunProgress& progress, double elapsed_s) const {
  std::string line = what_ + ": ";
  if (progress.bytes) {
    line += std::to_string(progress.documents) + " documents, " + Size(progress.done) + "/" + Size(progress.total);
  } else {
    line += std::to_string(progress.done) + "/" + std::to_string(progress.total);
  }
  double rate = elapsed_s > 0 ? progress.documents / elapsed_s : 0;
  char rate_text[32];
  std::snprintf(rate_text, sizeof rate_text, ", %.1f/s", rate);
  line += rate_text;
  // The rate of work done so far over what is left of the work known so far.
  if (progress.done > 0 && progress.total >= progress.done && elapsed_s > 0) {
    line += ", ETA " + Clock(elapsed_s * static_cast<double>(progress.total - progress.done) / progress.done);
  }
  line += ", " + std::to_string(progress.failures) + " failed";
  return line;
}

}  // namespace tradewire
