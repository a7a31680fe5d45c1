// `tradewire --version`: the versions a bug report and an upgrade need, read from the data actually in use.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>

#include "tests/support/subprocess.h"

using namespace tradewire::testing;
namespace fs = std::filesystem;

namespace {

// "key value" lines of --version after the first ("tradewire 0.1.0").
std::map<std::string, std::string> VersionFields(const std::string& out) {
  std::map<std::string, std::string> fields;
  static const std::regex kLine(R"(^(store schema|processor|schemas) (.+)$)");
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_match(line, match, kLine)) fields[match[1]] = match[2];
  }
  return fields;
}

// The number of the checkout's newest migration (NNN_name.sql), as the file names give it.
std::string NewestMigration() {
  int newest = 0;
  for (const auto& entry : fs::directory_iterator(TRADEWIRE_SOURCE_DIR "/schemas/migrations")) {
    newest = std::max(newest, std::stoi(entry.path().filename().string()));
  }
  return std::to_string(newest);
}

}  // namespace

TEST_CASE("the version report names the version, the store schema and processor versions, and the schemas folder") {
  auto result = RunTradewire({"--version"});
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.rfind("tradewire " TRADEWIRE_VERSION "\n", 0) == 0);
  auto fields = VersionFields(result.out);
  CHECK(fields["store schema"] == NewestMigration());
  CHECK(fs::equivalent(fields["schemas"], TRADEWIRE_SOURCE_DIR "/schemas"));
  CHECK(std::regex_match(fields["processor"], std::regex(R"(\d+\+[0-9a-f]{12})")));

  // The processor version is the one the store records with every row it makes.
  TempDir dir;
  auto imported = RunTradewire({"import", "--db", dir.File("s.db"), TRADEWIRE_SOURCE_DIR "/corpus/site/trademag"});
  REQUIRE(imported.exit_code == 0);
  auto rows = JsonLines(RunTradewire({"export", "--db", dir.File("s.db")}).out);
  REQUIRE_FALSE(rows.empty());
  for (const auto& row : rows) CHECK(row["processor_version"] == fields["processor"]);
}

TEST_CASE("the version report reads the schemas folder given, wherever --schemas stands") {
  TempDir dir;
  const std::string schemas = dir.File("schemas");
  fs::copy(TRADEWIRE_SOURCE_DIR "/schemas", schemas, fs::copy_options::recursive);
  WriteFile(schemas + "/migrations/012_later.sql", "CREATE TABLE later (id INTEGER PRIMARY KEY);\n");
  const auto before = VersionFields(RunTradewire({"--version"}).out);
  WriteFile(schemas + "/gazetteers/officials.json", "[]\n");  // an analyst's edit makes another processor

  for (const auto& args : {std::vector<std::string>{"--schemas", schemas, "--version"},
                           std::vector<std::string>{"--version", "--schemas", schemas}}) {
    auto result = RunTradewire(args);
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    auto fields = VersionFields(result.out);
    CHECK(fields["store schema"] == "12");
    CHECK(fields["schemas"] == schemas);
    CHECK(fields["processor"] != before.at("processor"));
  }
  // A folder without migrations is reported, not taken for schema 0.
  fs::remove_all(schemas + "/migrations");
  auto result = RunTradewire({"--schemas", schemas, "--version"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("store schema unknown (migrations folder " + schemas + "/migrations does not exist)"));
}

TEST_CASE("the binary finds the schemas at ../share/tradewire/schemas from its folder, else the checkout's") {
  TempDir dir;
  const std::string tree = dir.File("tree");
  fs::create_directories(tree + "/bin");
  fs::create_directories(tree + "/share/tradewire");
  fs::copy_file(TRADEWIRE_BINARY, tree + "/bin/tradewire");
  // Without a share/ beside it, the copy falls back on the checkout it was built from.
  auto fallback = VersionFields(RunCommand({tree + "/bin/tradewire", "--version"}).out);
  CHECK(fs::equivalent(fallback["schemas"], TRADEWIRE_SOURCE_DIR "/schemas"));

  fs::copy(TRADEWIRE_SOURCE_DIR "/schemas", tree + "/share/tradewire/schemas", fs::copy_options::recursive);
  fs::create_symlink(tree + "/bin/tradewire", dir.File("tradewire-link"));  // as from /usr/local/bin
  for (const std::string& binary : {tree + "/bin/tradewire", dir.File("tradewire-link")}) {
    // From another folder, so that nothing depends on where it is run.
    auto result = RunCommand({"/bin/sh", "-c", "cd / && exec \"$0\" --version", binary});
    INFO(binary << ": " << result.out << result.err);
    REQUIRE(result.exit_code == 0);
    auto fields = VersionFields(result.out);
    CHECK(fields["schemas"] == tree + "/share/tradewire/schemas");
    CHECK(fields["store schema"] == NewestMigration());
  }
}
