// Extraction as a streaming filter: `extract --warc` (the map step a cluster engine runs over WARC files) and
// `import --jsonl` (its rows stored without extracting again) give the store a one-process import gives.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/gold.h"
#include "tests/support/json_schema.h"
#include "tests/support/subprocess.h"
#include "tests/support/warc.h"

using namespace tradewire::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The HTML pages of the bundled corpus (every `parts`-th from `part`) as one gzipped response record each
// (.warc.gz as crawlers write it).
std::string CorpusWarc(const std::string& path, std::size_t part = 0, std::size_t parts = 1) {
  std::string warc;
  const fs::path site = TRADEWIRE_SOURCE_DIR "/corpus/site";
  std::vector<fs::path> pages;
  for (const auto& entry : fs::recursive_directory_iterator(site)) {
    if (entry.path().extension() == ".html") pages.push_back(entry.path());
  }
  std::sort(pages.begin(), pages.end());
  for (std::size_t i = part; i < pages.size(); i += parts) {
    const fs::path& page = pages[i];
    std::string uri = "https://" + fs::relative(page, site).generic_string();
    warc += Gzip(WarcRecord("response", uri, HttpResponse(ReadFile(page)), "application/http; msgtype=response",
                            "2025-06-01T00:00:00Z"));
  }
  WriteFile(path, warc);
  return path;
}

// Every row of every export kind, in cursor order.
std::string ExportAll(const std::string& db) {
  std::string all;
  for (const char* kind : {"articles", "mentions", "events", "clusters"}) {
    auto exported = RunTradewire({"export", "--db", db, "--kind", kind});
    REQUIRE(exported.exit_code == 0);
    all += exported.out;
  }
  return all;
}

}  // namespace

TEST_CASE("extract --warc rows, imported with import --jsonl in shards, make the store a WARC import makes") {
  TempDir dir;
  const std::string warc = CorpusWarc(dir.File("corpus.warc.gz"));
  REQUIRE(RunTradewire({"import", "--db", dir.File("direct.db"), warc}).exit_code == 0);

  auto extracted = RunTradewire({"extract", "--warc", warc});
  INFO(extracted.err);
  REQUIRE(extracted.exit_code == 0);
  std::vector<json> rows = JsonLines(extracted.out);
  REQUIRE(rows.size() >= 10);
  // Each row is documented, carries its record, and validates.
  json schema = json::parse(ReadFile(TRADEWIRE_SOURCE_DIR "/schemas/export.schema.json"));
  for (const json& row : rows) {
    auto problems = ValidateJson(row, schema["$defs"]["extracted"], schema);
    for (const auto& p : problems) UNSCOPED_INFO(p);
    CHECK(problems.empty());
    CHECK(row["input"] == warc);
    CHECK(row["document"]["fetched_at"] == "2025-06-01T00:00:00Z");
    CHECK_THAT(row["document"]["url"].get<std::string>(), Catch::StartsWith("https://"));
  }
  // Standard input gives the same rows.
  auto from_stdin = RunTradewire({"extract", "--warc", "-"}, ReadFile(warc));
  REQUIRE(from_stdin.exit_code == 0);
  std::vector<json> stdin_rows = JsonLines(from_stdin.out);
  REQUIRE(stdin_rows.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    json a = rows[i], b = stdin_rows[i];
    a.erase("input");
    b.erase("input");
    CHECK(a == b);
  }

  // Two shards, as two map tasks would write them, one of them read from standard input.
  std::string first, second;
  for (std::size_t i = 0; i < rows.size(); ++i) (i < rows.size() / 2 ? first : second) += rows[i].dump() + "\n";
  WriteFile(dir.File("part-0.jsonl"), first);
  auto imported = RunTradewire({"import", "--jsonl", "--db", dir.File("mapped.db"), dir.File("part-0.jsonl"), "-"},
                               second);
  INFO(imported.out << imported.err);
  REQUIRE(imported.exit_code == 0);
  CHECK(ExportAll(dir.File("mapped.db")) == ExportAll(dir.File("direct.db")));
  // The raw bytes came through: reprocessing every document with the same extractor changes nothing.
  auto cursor = [&](const std::string& db) {
    return json::parse(RunTradewire({"stats", "--db", db}).out)["cursor"].get<long>();
  };
  long before = cursor(dir.File("mapped.db"));
  REQUIRE(RunTradewire({"reprocess", "--all", "--db", dir.File("mapped.db")}).exit_code == 0);
  CHECK(cursor(dir.File("mapped.db")) == before);
}

TEST_CASE("import --jsonl stores the good rows and names the file and line of each bad one") {
  TempDir dir;
  auto extracted = RunTradewire({"extract", "--warc", CorpusWarc(dir.File("corpus.warc.gz"))});
  REQUIRE(extracted.exit_code == 0);
  std::vector<json> rows = JsonLines(extracted.out);
  auto with_mentions =
      std::find_if(rows.begin(), rows.end(), [](const json& row) { return !row["mentions"].empty(); });
  REQUIRE(with_mentions != rows.end());
  const json good = *with_mentions;
  json past_text = good;
  past_text["mentions"][0]["end"] = 100000;
  json bad_body = good;
  bad_body["document"]["body_base64"] = "not*base64";
  json no_document = good;
  no_document.erase("document");
  WriteFile(dir.File("rows.jsonl"), "{not json\n" + past_text.dump() + "\n" + bad_body.dump() + "\n" +
                                        no_document.dump() + "\n\n" + good.dump() + "\n" +
                                        "{\"title\": \"caf\xE9\"}\n");
  auto imported = RunTradewire({"import", "--jsonl", "--db", dir.File("s.db"), dir.File("rows.jsonl")});
  CHECK(imported.exit_code == 1);
  for (int line : {1, 2, 3, 4, 7}) {
    CHECK_THAT(imported.err, Catch::Contains(dir.File("rows.jsonl") + ":" + std::to_string(line) + ":"));
  }
  CHECK_THAT(imported.err, Catch::Contains("100000"));
  CHECK_THAT(imported.err, Catch::Contains("base64"));
  CHECK_THAT(imported.err, Catch::Contains("document"));
  auto stats = json::parse(RunTradewire({"stats", "--db", dir.File("s.db")}).out);
  CHECK(stats["articles"] == 1);
  CHECK(stats["documents"]["article"] == 1);
}

TEST_CASE("scripts/cluster-extract on a Dask LocalCluster makes the store a one-process import makes") {
  TempDir dir;
  std::vector<std::string> warcs;
  for (std::size_t part = 0; part < 3; ++part) {
    warcs.push_back(CorpusWarc(dir.File("corpus-" + std::to_string(part) + ".warc.gz"), part, 3));
  }
  // Bytes after the last record that are not gzip: both ways report them and store the records.
  std::ofstream(warcs[1], std::ios::app | std::ios::binary) << "this is not a WARC record\r\n";
  std::vector<std::string> direct = {"import", "--db", dir.File("direct.db")};
  direct.insert(direct.end(), warcs.begin(), warcs.end());
  REQUIRE(RunTradewire(direct).exit_code == 1);

  const std::string script = TRADEWIRE_SOURCE_DIR "/scripts/cluster-extract";
  auto mapped = RunCommand({script, "--db", dir.File("mapped.db"), "--workers", "2", "--tradewire",
                            TRADEWIRE_BINARY, dir.File("corpus-*.warc.gz")});
  INFO(mapped.out << mapped.err);
  CHECK(mapped.exit_code == 1);
  CHECK_THAT(mapped.err, Catch::Contains(warcs[1] + ": gzip data is truncated"));
  CHECK_THAT(mapped.err, Catch::Contains("rows/s per core"));
  CHECK(ExportAll(dir.File("mapped.db")) == ExportAll(dir.File("direct.db")));
  for (const auto& entry : fs::directory_iterator(dir.path())) {  // the temporary shards are removed
    CHECK_THAT(entry.path().filename().string(), !Catch::StartsWith("tradewire-shards-"));
  }

  auto missing = RunCommand({script, "--db", dir.File("none.db"), "--tradewire", TRADEWIRE_BINARY,
                             dir.File("no-such-*.warc.gz")});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("no-such-*.warc.gz"));
  CHECK_FALSE(fs::exists(dir.File("none.db")));
}
