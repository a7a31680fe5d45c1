// What the writing commands (ingest, import, reprocess) say while and after they run: nothing when all is well
// (cron mails only when something failed), each failure once on stderr, the summary line when asked for, and on
// a terminal one live progress line.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "pipeline/ingest/ingest.h"

namespace tradewire {

struct RunOutputOptions {
  bool summary = false;  // --summary: the summary line at any log level
  bool quiet = false;    // --quiet: no progress line, even on a terminal
};

// Adds --summary and --quiet to `command`.
void AddRunOutputOptions(CLI::App* command, RunOutputOptions* options);

// Prints each failure once on stderr ("tradewire: failed: URL (source): reason"), then the summary line on stdout
// when --summary was given or the log level is info or lower, prefixed by `what` when it is not empty. Returns
// the exit code: 1 when anything failed (a URL robots.txt disallows is not a failure), else 0.
int FinishRun(const IngestSummary& summary, const std::string& what, const RunOutputOptions& options);

// How far a run has come, as the progress line shows it.
struct RunProgress {
  std::int64_t documents = 0;  // handled so far: what the rate counts
  std::int64_t done = 0;       // work done, of `total`: documents, or input bytes when `bytes`
  std::int64_t total = 0;      // work known so far (a listing may add more); 0 when unknown
  std::int64_t failures = 0;
  bool bytes = false;
};

// One line on stderr redrawn in place: done/total, rate, ETA and failures so far. Shown only when stderr is a
// terminal and not --quiet: never in a pipe, a log file or under cron. Erased when the object goes away, so the
// failures and the summary printed after it start on a clean line.
class ProgressLine {
 public:
  ProgressLine(std::string what, const RunOutputOptions& options);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool shown() const { return shown_; }
  // Redraws the line, at most every 100 ms (a night of many small documents would otherwise spend its time
  // writing to the terminal), and whenever the work known so far is all done.
  void Update(const RunProgress& progress);

 private:
  std::string Format(const RunProgress& progress, double elapsed_s) const;

  std::string what_;
  bool shown_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_drawn_;
};

}  // namespace tradewire
