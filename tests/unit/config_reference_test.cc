// The configuration as documented: the sample config (scripts/packaging/tradewire.toml, installed as the
// example and as /etc/tradewire/tradewire.toml) and the README's configuration reference list every key the
// parser accepts, with the parser's defaults. A key added to the parser fails here until both document it.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "pipeline/config/config.h"
#include "tests/support/subprocess.h"

using tradewire::ConfigKey;
using tradewire::ParseConfig;
using tradewire::testing::ReadFile;

namespace {

std::string ReadSourceFile(const std::string& relative) { return ReadFile(TRADEWIRE_SOURCE_DIR "/" + relative); }

using TableKey = std::pair<std::string, std::string>;  // ("fetch", "timeout_s"); "source" for [[source]]

std::set<TableKey> AcceptedKeys() {
  std::set<TableKey> keys;
  for (const ConfigKey& key : tradewire::ConfigKeys()) keys.insert({std::string(key.table), std::string(key.key)});
  return keys;
}

// The sample with every commented-out key and table header put back: "# timeout_s = 30" → "timeout_s = 30".
std::string Uncommented(const std::string& sample) {
  static const std::regex kCommentedOut(R"(^# ((\[\[?[a-z_]+\]\]?)|([a-z_]+ = .+))$)", std::regex::multiline);
  return std::regex_replace(sample, kCommentedOut, "$1");
}

// Each `key = value` line of TOML text under its table, with the value as written.
std::map<TableKey, std::string> WrittenKeys(const std::string& toml) {
  static const std::regex kTable(R"(^\[\[?([a-z_]+)\]\]?$)");
  static const std::regex kKey(R"(^([a-z_]+) = (.+)$)");
  std::map<TableKey, std::string> keys;
  std::string table;
  std::istringstream lines(toml);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_match(line, match, kTable)) table = match[1];
    if (std::regex_match(line, match, kKey)) keys[{table, match[1]}] = match[2];
  }
  return keys;
}

struct ReferenceRow {
  std::string type, default_value;
};

// The rows of the README's configuration reference: "| `timeout_s` | number | `30` | … |" under "### `[fetch]`".
std::map<TableKey, ReferenceRow> ReadmeReference() {
  const std::string readme = ReadSourceFile("README.md");
  const std::size_t begin = readme.find("\n## Configuration reference\n");
  REQUIRE(begin != std::string::npos);
  const std::size_t end = readme.find("\n## ", begin + 1);
  static const std::regex kTable(R"(^### `\[\[?([a-z_]+)\]\]?`)");
  static const std::regex kRow(R"(^\| `([a-z_]+)` \| ([^|]+?) \| ([^|]+?) \| [^|]+ \|$)");
  std::map<TableKey, ReferenceRow> rows;
  std::string table;
  std::istringstream lines(readme.substr(begin, end - begin));
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_search(line, match, kTable)) table = match[1];
    if (std::regex_match(line, match, kRow)) rows[{table, match[1]}] = {match[2], match[3]};
  }
  return rows;
}

// "[fetch] allow_private_networks, [[source]] discover_sitemaps": what `keys` lacks of `wanted`.
std::string Lacking(const std::set<TableKey>& wanted, const std::set<TableKey>& keys) {
  std::string lacking;
  for (const auto& [table, key] : wanted) {
    if (keys.count({table, key})) continue;
    lacking += (lacking.empty() ? "" : ", ") + (table == "source" ? "[[source]] " : "[" + table + "] ") + key;
  }
  return lacking;
}

const char* kOneSource = "\n[[source]]\nname = \"a\"\nkind = \"dir\"\npath = \"p\"\n";

std::string TomlType(const std::string& literal) {
  if (literal.front() == '"') return "string";
  if (literal == "true" || literal == "false") return "boolean";
  return literal.find('.') == std::string::npos ? "integer" : "number";
}

}  // namespace

TEST_CASE("the sample config lists every key the parser accepts, each commented out with its default") {
  const std::string sample = ReadSourceFile("scripts/packaging/tradewire.toml");
  const std::string uncommented = Uncommented(sample);
  auto config = ParseConfig(uncommented, "tradewire.toml (uncommented)");
  if (!config.ok()) FAIL(config.status().message());

  std::set<TableKey> written;
  for (const auto& [key, value] : WrittenKeys(uncommented)) {
    written.insert(key);
    if (key.first != "fetch") continue;
    // What it shows as the default is the default.
    auto alone = ParseConfig("[fetch]\n" + key.second + " = " + value + kOneSource, "t.toml");
    INFO("[fetch] " << key.second << " = " << value);
    REQUIRE(alone.ok());
    CHECK(alone->fetch == tradewire::FetchConfig{});
  }
  CHECK(Lacking(AcceptedKeys(), written) == "");
  std::set<std::string> kinds;
  for (const auto& source : config->sources) kinds.insert(source.kind);
  CHECK(kinds == std::set<std::string>{"feed", "sitemap", "urls", "warc", "dir"});  // an example of each

  // As installed, it needs only a source: the store path the packaged service may write, defaults elsewhere.
  auto as_shipped = ParseConfig(sample, "tradewire.toml");
  REQUIRE_FALSE(as_shipped.ok());
  CHECK(as_shipped.status().message() == "tradewire.toml: no [[source]] configured");
  auto with_source = ParseConfig(sample + kOneSource, "t.toml");
  REQUIRE(with_source.ok());
  CHECK(with_source->store.path == "/var/lib/tradewire/tradewire.db");
  CHECK(with_source->fetch == tradewire::FetchConfig{});
}

TEST_CASE("the README's configuration reference documents every key with the sample's default") {
  const auto reference = ReadmeReference();
  std::set<TableKey> documented;
  for (const auto& [key, row] : reference) documented.insert(key);
  CHECK(Lacking(AcceptedKeys(), documented) == "");
  CHECK(Lacking(documented, AcceptedKeys()) == "");  // no longer accepted, still documented

  const auto sample = WrittenKeys(Uncommented(ReadSourceFile("scripts/packaging/tradewire.toml")));
  for (const auto& [key, row] : reference) {
    if (key.first != "fetch" || !sample.count(key)) continue;  // elsewhere the sample's values are examples
    INFO("[fetch] " << key.second);
    CHECK(row.default_value == "`" + sample.at(key) + "`");
    const std::string type = TomlType(sample.at(key));
    CHECK((row.type == type || (type == "integer" && row.type == "number")));
  }
}
