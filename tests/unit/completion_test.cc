// The bash completion (scripts/packaging/tradewire.bash-completion) against the real binary's --help: every
// command, every option of every command and every listed option value is offered, and nothing else, so the
// completion fails here as soon as the CLI changes without it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "tests/support/subprocess.h"

using namespace tradewire::testing;
namespace fs = std::filesystem;
using Words = std::set<std::string>;

namespace {

struct Help {
  Words commands;
  Words options;                          // long options
  std::map<std::string, Words> values;    // an option's listed values: "--kind" → {articles, …}
};

// What `tradewire [COMMAND] --help` lists.
Help ReadHelp(const std::string& command) {
  std::vector<std::string> args;
  if (!command.empty()) args.push_back(command);
  args.push_back("--help");
  auto result = RunTradewire(args);
  REQUIRE(result.exit_code == 0);
  static const std::regex kOption(R"(^  (?:-\w,)?(--[a-z-]+)(?: [A-Z]+(?::\{([a-z,]+)\})?)?)");
  static const std::regex kCommand(R"(^  ([a-z]+)  )");
  Help help;
  bool in_commands = false;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (line == "Subcommands:") in_commands = true;
    if (in_commands && std::regex_search(line, match, kCommand)) help.commands.insert(match[1]);
    if (in_commands || !std::regex_search(line, match, kOption)) continue;
    help.options.insert(match[1]);
    if (!match[2].matched) continue;
    std::istringstream values(match[2].str());
    for (std::string value; std::getline(values, value, ',');) help.values[match[1]].insert(value);
  }
  return help;
}

std::string Quoted(const std::string& word) {
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// What the completion offers for each command line (its last word being completed), run in `dir`.
std::vector<Words> Complete(const std::vector<std::vector<std::string>>& lines, const std::string& dir = "/") {
  std::string script = "source " + Quoted(TRADEWIRE_SOURCE_DIR "/scripts/packaging/tradewire.bash-completion") +
                       "\ncomplete_line() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _tradewire;"
                       " printf '%s\\n' \"${COMPREPLY[@]}\"; echo '<end>'; }\n";
  for (const auto& line : lines) {
    script += "complete_line " + Quoted(TRADEWIRE_BINARY);
    for (const std::string& word : line) script += " " + Quoted(word);
    script += "\n";
  }
  auto result = RunCommand({"/bin/bash", "--norc", "--noprofile", "-c", script}, "", dir);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::vector<Words> offered(1);
  std::istringstream out(result.out);
  for (std::string word; std::getline(out, word);) {
    if (word == "<end>") offered.emplace_back();
    else if (!word.empty()) offered.back().insert(word);
  }
  offered.pop_back();
  REQUIRE(offered.size() == lines.size());
  return offered;
}

Words Union(Words a, const Words& b) {
  a.insert(b.begin(), b.end());
  return a;
}

}  // namespace

TEST_CASE("the completion offers every command and option --help lists, and only those") {
  const Help top = ReadHelp("");
  REQUIRE(top.commands.size() >= 7);
  // After a command: its options and the global ones that may follow it (not --version or --help-all).
  Words global_after = top.options;
  global_after.erase("--version");
  global_after.erase("--help-all");

  std::vector<std::vector<std::string>> lines = {{""}, {"e"}, {"--log-level", "info", "s"}, {"--schemas", "/", "i"}};
  for (const std::string& command : top.commands) lines.push_back({command, "--"});
  auto offered = Complete(lines);
  CHECK(offered[0] == Union(top.commands, top.options));
  CHECK(offered[1] == Words{"events", "export", "extract"});
  CHECK(offered[2] == Words{"search", "stats"});  // the value of a global option is no command
  CHECK(offered[3] == Words{"import", "ingest"});
  std::size_t i = 4;
  for (const std::string& command : top.commands) {
    INFO(command);
    CHECK(offered[i++] == Union(ReadHelp(command).options, global_after));
  }
}

TEST_CASE("the completion offers the values --help lists for an option, however the option is written") {
  std::map<std::string, std::pair<std::string, Words>> listed;  // option → (its command, values)
  for (const auto& [option, values] : ReadHelp("").values) listed[option] = {"", values};
  for (const std::string& command : ReadHelp("").commands) {
    for (const auto& [option, values] : ReadHelp(command).values) listed[option] = {command, values};
  }
  REQUIRE(listed.count("--kind"));
  REQUIRE(listed.count("--format"));
  REQUIRE(listed.count("--log-level"));
  std::vector<std::vector<std::string>> lines;
  for (const auto& [option, command_values] : listed) {
    std::vector<std::string> line;
    if (!command_values.first.empty()) line.push_back(command_values.first);
    line.push_back(option);
    line.push_back("");
    lines.push_back(line);
  }
  lines.push_back({"export", "--db", "x.db", "--kind", "=", "ev"});  // bash splits --kind=ev at '='
  lines.push_back({"export", "--kind", "="});
  lines.push_back({"export", "--format=c"});
  auto offered = Complete(lines);
  std::size_t i = 0;
  for (const auto& [option, command_values] : listed) {
    INFO(option);
    CHECK(offered[i++] == command_values.second);
  }
  CHECK(offered[i++] == Words{"events"});
  CHECK(offered[i++] == listed["--kind"].second);
  CHECK(offered[i++] == Words{"csv"});
}

TEST_CASE("the completion offers a store's sources for reprocess --source, and files that fit") {
  TempDir dir;
  WriteFile(dir.File("two.toml"), "[[source]]\nname = \"herald\"\nkind = \"dir\"\npath = \"" TRADEWIRE_SOURCE_DIR
                                  "/corpus/site/dailyherald\"\n[[source]]\nname = \"trade-mag\"\nkind = \"dir\"\n"
                                  "path = \"" TRADEWIRE_SOURCE_DIR "/corpus/site/trademag\"\n");
  auto ingested = RunTradewire({"ingest", "--config", dir.File("two.toml"), "--db", dir.File("store.db")});
  REQUIRE(ingested.exit_code == 0);
  WriteFile(dir.File("a.warc"), "");
  WriteFile(dir.File("b.warc.gz"), "");
  WriteFile(dir.File("notes.txt"), "");
  fs::create_directories(dir.File("pages"));

  auto offered = Complete({{"reprocess", "--db", "store.db", "--source", ""},
                           {"reprocess", "--db=store.db", "--source", "t"},
                           {"reprocess", "--source", ""},  // no store named yet
                           {"import", "--db", "x.db", ""},
                           {"ingest", "--config", ""},
                           {"stats", "--db", ""}},
                          dir.path());
  CHECK(offered[0] == Words{"herald", "trade-mag"});
  CHECK(offered[1] == Words{"trade-mag"});
  CHECK(offered[2].empty());
  CHECK(offered[3] == Words{"a.warc", "b.warc.gz", "pages"});
  CHECK(offered[4] == Words{"two.toml", "pages"});
  CHECK(offered[5] == Words{"store.db", "pages"});
}
