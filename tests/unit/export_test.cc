// Every export kind, in both formats, of a store made from the corpus: rows validate against
// schemas/export.schema.json, cursors increase, CSV has the same rows as JSON Lines.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "tests/support/json_schema.h"
#include "tests/support/subprocess.h"

using namespace tradewire::testing;
using nlohmann::json;

namespace {


// The records of an RFC 4180 document, each a list of fields (quoted fields may hold commas, quotes and line
// breaks; records end with CRLF).
std::vector<std::vector<std::string>> ParseCsv(const std::string& csv) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') field += csv[++i];
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
      records.back().push_back(std::move(field));
      field.clear();
      records.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  REQUIRE_FALSE(quoted);
  REQUIRE(records.back().empty());  // the document ends with a record's CRLF
  records.pop_back();
  return records;
}

// A JSON value as export --format csv writes it in a field: strings as they are, null empty, the rest as JSON.
std::string AsCsvField(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.is_null() ? "" : value.dump();
}

}  // namespace

TEST_CASE("exports of every kind validate against the documented JSON Schema") {
  TempDir dir;
  // A folder import of the corpus site: the same pages as the feeds list, no network needed.
  auto imported = RunTradewire({"import", "--db", dir.File("s.db"), TRADEWIRE_SOURCE_DIR "/corpus/site"});
  INFO(imported.out << imported.err);
  REQUIRE(imported.exit_code == 0);
  std::ifstream in(TRADEWIRE_SOURCE_DIR "/schemas/export.schema.json");
  json schema = json::parse(in);
  for (const char* kind : {"articles", "mentions", "events", "clusters"}) {
    INFO("kind " << kind);
    auto result = RunTradewire({"export", "--db", dir.File("s.db"), "--kind", kind});
    REQUIRE(result.exit_code == 0);
    auto rows = JsonLines(result.out);
    CHECK_FALSE(rows.empty());
    std::string def = std::string(kind).substr(0, std::string(kind).size() - 1);  // "articles" → "article"
    long last_cursor = 0;
    for (const json& row : rows) {
      auto problems = ValidateJson(row, schema["$defs"][def], schema);
      for (const auto& p : problems) UNSCOPED_INFO(p);
      CHECK(problems.empty());
      CHECK(row["cursor"].get<long>() >= last_cursor);
      last_cursor = row["cursor"];
    }
    auto csv = RunTradewire({"export", "--db", dir.File("s.db"), "--kind", kind, "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    // A header, then one record per row holding the row's values under their columns, quoting undone.
    auto records = ParseCsv(csv.out);
    REQUIRE(records.size() == rows.size() + 1);
    const std::vector<std::string>& header = records[0];
    for (std::size_t r = 0; r < rows.size(); ++r) {
      REQUIRE(records[r + 1].size() == header.size());
      for (std::size_t c = 0; c < header.size(); ++c) {
        INFO("row " << r << " column " << header[c]);
        CHECK(records[r + 1][c] == (rows[r].contains(header[c]) ? AsCsvField(rows[r][header[c]]) : ""));
      }
    }
    for (const auto& [key, value] : rows[0].items()) {
      CHECK(std::find(header.begin(), header.end(), key) != header.end());
    }
  }
}

TEST_CASE("export refuses bad flags and missing stores with one clear line") {
  TempDir dir;
  auto missing = RunTradewire({"export", "--db", dir.File("none.db")});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("none.db"));
  // The flags are refused on a store that exists and exports fine, so exit 2 is theirs, not the store's.
  auto imported = RunTradewire({"import", "--db", dir.File("s.db"), TRADEWIRE_SOURCE_DIR "/corpus/site"});
  REQUIRE(imported.exit_code == 0);
  REQUIRE(RunTradewire({"export", "--db", dir.File("s.db")}).exit_code == 0);
  auto bad_kind = RunTradewire({"export", "--db", dir.File("s.db"), "--kind", "people"});
  CHECK(bad_kind.exit_code == 2);
  CHECK_THAT(bad_kind.err, Catch::Contains("--kind"));
  CHECK(bad_kind.out.empty());
  auto bad_cursor = RunTradewire({"export", "--db", dir.File("s.db"), "--since", "-4"});
  CHECK(bad_cursor.exit_code == 2);
  CHECK_THAT(bad_cursor.err, Catch::Contains("--since"));
  CHECK(bad_cursor.out.empty());
}
