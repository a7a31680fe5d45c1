// Runs the real tradewire binary (or any program) as a child process for end-to-end tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace tradewire::testing {

struct CommandResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;     // standard output
  std::string err;     // standard error
};

// Runs argv[0] (a path: no PATH search) with the given arguments, feeding `input` on stdin, in the folder `dir`
// (empty: this process's), and waits for it.
CommandResult RunCommand(const std::vector<std::string>& argv, const std::string& input = "",
                         const std::string& dir = "");

// Runs the tradewire binary under test with `args`.
CommandResult RunTradewire(const std::vector<std::string>& args, const std::string& input = "");

// Starts the tradewire binary with `args` in the background (output discarded) and returns its pid; for tests
// that kill it midway. Wait for it with WaitForExit.
int StartTradewire(const std::vector<std::string>& args);
// Waits for `pid`; its exit code, or -signal when a signal ended it.
int WaitForExit(int pid);

// The JSON objects of JSON Lines output (blank lines skipped).
std::vector<nlohmann::json> JsonLines(const std::string& out);

// `data` as one gzip member, for tests that serve or read compressed bytes.
std::string Gzip(std::string_view data);

// A fresh temporary folder, removed with everything in it when this object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Writes `contents` to `path` (truncating), aborting the test run on failure.
void WriteFile(const std::string& path, const std::string& contents);
// The bytes of the file at `path`; throws naming the path when it cannot be read.
std::string ReadFile(const std::string& path);

}  // namespace tradewire::testing
