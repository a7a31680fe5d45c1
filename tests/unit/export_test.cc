// Every export kind, in both formats, of a store made from the corpus: rows validate against
// schemas/export.schema.json, cursors increase, CSV has the same rows as JSON Lines.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "tests/support/json_schema.h"
#include "tests/support/subprocess.h"

using namespace tradewire::testing;
using nlohmann::json;

namespace {


// Records of an RFC 4180 document (quoted fields may hold line breaks).
std::size_t CsvRecords(const std::string& csv) {
  std::size_t records = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    if (csv[i] == '"') quoted = !quoted;
    else if (csv[i] == '\n' && !quoted) ++records;
  }
  return records;
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
    CHECK(CsvRecords(csv.out) == rows.size() + 1);  // a header, then one record per row
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
