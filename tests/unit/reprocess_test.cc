// `tradewire reprocess` after an analyst edits a gazetteer: it rewrites what the edit changes, for the documents
// --source and --since select, and a second run writes nothing. The real binary over a real store.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "pipeline/store/sqlite.h"
#include "tests/support/http_server.h"
#include "tests/support/schemas.h"
#include "tests/support/subprocess.h"

using namespace tradewire;
using namespace tradewire::testing;
using nlohmann::json;

namespace {

// source name → number of its documents processed by `version`.
std::map<std::string, long> DocumentsAtVersion(const std::string& db_path, const std::string& version) {
  auto db = sql::Database::Open(db_path, false);
  REQUIRE(db.ok());
  auto rows = (*db)->Prepare(
      "SELECT s.name, SUM(d.processor_version = ?1) FROM documents d JOIN sources s ON s.id = d.source_id "
      "GROUP BY s.name");
  REQUIRE(rows.ok());
  rows->Bind(1, version);
  std::map<std::string, long> counts;
  while (rows->Step()) counts[rows->Text(0)] = rows->Int(1);
  return counts;
}

long Cursor(const std::string& db) {
  auto stats = RunTradewire({"stats", "--db", db});
  REQUIRE(stats.exit_code == 0);
  return json::parse(stats.out)["cursor"].get<long>();
}

long SteelMentions(const std::string& db_path) {
  auto db = sql::Database::Open(db_path, false);
  REQUIRE(db.ok());
  auto count = (*db)->Prepare("SELECT COUNT(*) FROM mentions WHERE type = 'product' AND value LIKE '%\"steel\"%'");
  REQUIRE(count.ok());
  REQUIRE(count->Step());
  return count->Int(0);
}

}  // namespace

TEST_CASE("reprocess after a gazetteer edit rewrites what changed for the documents selected, and only once") {
  TempDir dir;
  const std::string db = dir.File("s.db");
  // Two sources: the corpus pages over HTTP ("wire"), and the same site imported from disk ("import").
  TestHttpServer server(TRADEWIRE_SOURCE_DIR "/corpus/site");
  server.Start();
  WriteFile(dir.File("c.toml"), "[fetch]\nuser_agent = \"tradewire-test\"\nper_host_delay_ms = 0\n\n[store]\npath = \"" +
                                    db + "\"\n\n[[source]]\nname = \"wire\"\nkind = \"sitemap\"\nurl = \"" +
                                    server.Url("/sitemap.xml") + "\"\n");
  REQUIRE(RunTradewire({"ingest", "--config", dir.File("c.toml")}).exit_code == 0);
  REQUIRE(RunTradewire({"import", "--db", db, TRADEWIRE_SOURCE_DIR "/corpus/site"}).exit_code == 0);
  const long steel_before = SteelMentions(db);
  REQUIRE(steel_before > 0);

  const std::string edited = SchemasWithoutProduct(dir.File("schemas"), "steel");
  const std::string version = ProcessorVersionOf(edited);
  auto counts = DocumentsAtVersion(db, version);
  REQUIRE(counts.size() == 2);
  REQUIRE(counts["wire"] == 0);
  REQUIRE(counts["import"] == 0);

  // --since a day after everything was fetched selects nothing.
  long cursor = Cursor(db);
  auto later = RunTradewire({"--schemas", edited, "reprocess", "--db", db, "--since", "2999-01-01"});
  REQUIRE(later.exit_code == 0);
  CHECK(Cursor(db) == cursor);
  CHECK(DocumentsAtVersion(db, version)["wire"] == 0);

  // --source wire: only that source's documents.
  auto wire = RunTradewire({"--schemas", edited, "reprocess", "--db", db, "--source", "wire"});
  INFO(wire.out << wire.err);
  REQUIRE(wire.exit_code == 0);
  counts = DocumentsAtVersion(db, version);
  CHECK(counts["wire"] > 0);
  CHECK(counts["import"] == 0);
  CHECK(Cursor(db) > cursor);  // steel mentions left the wire copies

  // The rest, then again: the second run finds nothing stale and writes nothing.
  REQUIRE(RunTradewire({"--schemas", edited, "reprocess", "--db", db}).exit_code == 0);
  CHECK(SteelMentions(db) == 0);
  counts = DocumentsAtVersion(db, version);
  cursor = Cursor(db);
  auto again = RunTradewire({"--schemas", edited, "reprocess", "--db", db});
  REQUIRE(again.exit_code == 0);
  CHECK(Cursor(db) == cursor);
  CHECK(DocumentsAtVersion(db, version) == counts);
  // --all redoes every document, and still nothing changes.
  REQUIRE(RunTradewire({"--schemas", edited, "reprocess", "--all", "--db", db}).exit_code == 0);
  CHECK(Cursor(db) == cursor);
}
