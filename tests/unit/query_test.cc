// The queries for a terminal and for scripts (`events`, `mentions`, `search`) on the real binary over a store of the
// bundled corpus: filters, each event once with its sources, CSV with its documented columns and RFC 4180 quoting,
// plain queries that just work, near names for what the store does not know, and bad dates refused.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "tests/support/subprocess.h"

using namespace tradewire::testing;
using nlohmann::json;

namespace {

// One store of the corpus for all the cases of this file.
const std::string& CorpusStore() {
  static TempDir dir;
  static const std::string db = [] {
    std::string path = dir.File("corpus.db");
    REQUIRE(RunTradewire({"import", "--db", path, TRADEWIRE_SOURCE_DIR "/corpus/site"}).exit_code == 0);
    return path;
  }();
  return db;
}

std::vector<json> Rows(std::vector<std::string> args) {
  args.insert(args.begin() + 1, {"--db", CorpusStore(), "--format", "jsonl"});
  auto result = RunTradewire(args);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return JsonLines(result.out);
}

// RFC 4180 records: fields split on commas outside quotes, "" inside quotes a quote, records end in CRLF.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().push_back(field), field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      records.back().push_back(field), field.clear(), ++i;
      records.emplace_back();
    } else {
      field += c;
    }
  }
  if (records.back().empty()) records.pop_back();
  return records;
}

}  // namespace

TEST_CASE("events: each once with its sources, the corpus's multi-source events with their dates") {
  std::vector<json> events = Rows({"events"});
  std::set<std::int64_t> ids;
  std::set<std::string> multi_source;
  for (const json& e : events) {
    CHECK(ids.insert(e["event_id"].get<std::int64_t>()).second);
    REQUIRE(!e["sources"].empty());
    for (const json& s : e["sources"]) CHECK(!s["evidence"].empty());
    if (e["sources"].size() > 1) multi_source.insert(e["kind"].get<std::string>() + " " + e["start_date"].get<std::string>());
  }
  CHECK(multi_source == std::set<std::string>{"meeting 2025-05-20", "report_release 2025-04-01", "deadline 2025-07-08"});
  // Newest first.
  CHECK(events.front()["start_date"] == "2025-07-08");
}

TEST_CASE("events --official gives only that official's events, by name or by id") {
  std::vector<json> his = Rows({"events", "--official", "Chang Sung-gil"});
  REQUIRE(!his.empty());
  for (const json& e : his) {
    bool there = false;
    for (const json& p : e["participants"]) there = there || p["id"] == "kr-chang-sung-gil";
    CHECK(there);
  }
  CHECK(Rows({"events", "--official", "kr-chang-sung-gil"}) == his);
  CHECK(Rows({"events", "--official", "chang sung-gil"}) == his);  // case aside
  CHECK(Rows({"events", "--official", "Robert Lighthizer"}).size() == 1);
}

TEST_CASE("events filters by kind, barrier category or MAST chapter, country and dates") {
  for (const json& e : Rows({"events", "--kind", "meeting"})) CHECK(e["kind"] == "meeting");
  std::vector<json> sps = Rows({"events", "--barrier", "sanitary_phytosanitary"});
  REQUIRE(!sps.empty());
  for (const json& e : sps) CHECK(e["attributes"]["topics"].dump().find("sanitary_phytosanitary") != std::string::npos);
  CHECK(Rows({"events", "--barrier", "A"}) == sps);  // MAST chapter A: sanitary and phytosanitary measures
  std::vector<json> dated = Rows({"events", "--since", "2025-05-01", "--until", "2025-05-31"});
  REQUIRE(!dated.empty());
  for (const json& e : dated) CHECK(e["start_date"].get<std::string>().substr(0, 7) == "2025-05");
  for (const json& e : Rows({"events", "--country", "KR", "--kind", "tariff_action"})) CHECK(e["attributes"]["country"] == "KR");
}

TEST_CASE("an unknown official, category or kind is no rows and a near name on stderr, a bad date is exit 2") {
  auto official = RunTradewire({"events", "--db", CorpusStore(), "--official", "Chang Sung-kil", "--format", "jsonl"});
  CHECK(official.exit_code == 0);
  CHECK(official.out.empty());
  CHECK_THAT(official.err, Catch::Contains("no official 'Chang Sung-kil' in this store; did you mean 'Chang Sung-gil'?"));
  auto kind = RunTradewire({"events", "--db", CorpusStore(), "--kind", "meting"});
  CHECK(kind.exit_code == 0);
  CHECK_THAT(kind.err, Catch::Contains("did you mean 'meeting'?"));
  auto barrier = RunTradewire({"mentions", "--db", CorpusStore(), "--type", "barrier", "--value", "digital_trad"});
  CHECK(barrier.exit_code == 0);
  CHECK_THAT(barrier.err, Catch::Contains("did you mean 'digital_trade'?"));
  auto category = RunTradewire({"events", "--db", CorpusStore(), "--barrier", "digital_trad"});
  CHECK_THAT(category.err, Catch::Contains("did you mean 'digital_trade'?"));
  auto date = RunTradewire({"events", "--db", CorpusStore(), "--until", "2025-02-30"});
  CHECK(date.exit_code == 2);
  CHECK_THAT(date.err, Catch::Contains("--until: '2025-02-30' is not a date"));
  CHECK(RunTradewire({"mentions", "--db", CorpusStore(), "--since", "May"}).exit_code == 2);
}

TEST_CASE("events and mentions as CSV: the documented columns, one header row, RFC 4180 quoting") {
  auto events = RunTradewire({"events", "--db", CorpusStore(), "--format", "csv"});
  REQUIRE(events.exit_code == 0);
  auto records = ParseCsv(events.out);
  REQUIRE(records.size() == Rows({"events"}).size() + 1);
  CHECK(records[0] == std::vector<std::string>{"event_id", "kind", "start_date", "end_date", "place", "participants",
                                               "participant_ids", "round", "level", "topics", "report", "rate",
                                               "products", "country", "source_count", "source_urls"});
  for (const auto& r : records) CHECK(r.size() == records[0].size());
  bool washington = false;
  for (const auto& r : records) {
    if (r[2] == "2025-05-20" && r[4] == "Washington") {
      washington = true;
      CHECK(r[5] == "Chang Sung-gil");
      CHECK(r[7] == "2");
      CHECK(r[14] == "3");
      CHECK(std::count(r[15].begin(), r[15].end(), ';') == 2);  // three URLs
    }
  }
  CHECK(washington);

  auto mentions = RunTradewire({"mentions", "--db", CorpusStore(), "--type", "official", "--value",
                                "kr-chang-sung-gil", "--format", "csv"});
  REQUIRE(mentions.exit_code == 0);
  auto rows = ParseCsv(mentions.out);
  REQUIRE(rows.size() >= 3);
  CHECK(rows[0] == std::vector<std::string>{"article_id", "published", "type", "text", "value", "title", "url"});
  for (std::size_t i = 1; i < rows.size(); ++i) {
    CHECK(rows[i][2] == "official");
    CHECK_THAT(rows[i][4], Catch::Contains("id=kr-chang-sung-gil"));
    CHECK(!rows[i][5].empty());
    CHECK(rows[i][6].rfind("file://", 0) == 0);
  }
  // A title with a comma comes back whole.
  CHECK_THAT(mentions.out, Catch::Contains("\"Korea, U.S. wrap up second round of technical tariff talks without agreement\""));
}

TEST_CASE("events as a table: aligned columns under a header") {
  auto table = RunTradewire({"events", "--db", CorpusStore(), "--format", "table"});
  REQUIRE(table.exit_code == 0);
  std::istringstream lines(table.out);
  std::string header, line;
  std::getline(lines, header);
  CHECK(header.rfind("start_date  end_date    kind", 0) == 0);
  std::size_t place = header.find("place");
  while (std::getline(lines, line)) {
    if (line.find("Washington") != std::string::npos) CHECK(line.find("Washington") == place);
  }
}

TEST_CASE("search: what a person types just works, FTS5 only with --fts, syndicated copies are one hit") {
  std::vector<json> hits = Rows({"search", "U.S.-Korea"});
  REQUIRE(hits.size() == 1);
  CHECK_THAT(hits[0]["snippet"].get<std::string>(), Catch::Contains("[U.S.-Korea]"));
  CHECK(!Rows({"search", "\"network usage fees\""}).empty());
  CHECK(!Rows({"search", "beef \"30 months\""}).empty());
  CHECK(Rows({"search", "--fts", "tariff NOT Korea"}).empty());

  auto bad = RunTradewire({"search", "--db", CorpusStore(), "--fts", "U.S.-Korea"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("search query 'U.S.-Korea'"));
  CHECK_THAT(bad.err, Catch::Contains("fts5: syntax error"));

  // The NTE story was syndicated: the original and its copy are one hit counting both.
  std::vector<json> nte = Rows({"search", "annual report concerning foreign trade barriers"});
  REQUIRE(nte.size() == 1);
  CHECK(nte[0]["copies"] == 2);
  // Filters.
  CHECK(Rows({"search", "--since", "2025-05-01", "NTE"}).size() == 2);
  CHECK(Rows({"search", "--source", "import", "NTE"}).size() == Rows({"search", "NTE"}).size());
  CHECK(Rows({"search", "--source", "nightly", "NTE"}).empty());
  CHECK(Rows({"search", "--type", "money", "Korea"}).size() < Rows({"search", "Korea"}).size());
}

TEST_CASE("search finds Korean words with their particles and Japanese words") {
  TempDir dir;
  std::filesystem::create_directory(dir.File("pages"));
  // Long enough to be judged an article, not an index page.
  auto page = [](const std::string& title, const std::string& paragraph) {
    return "<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><article><h1>" + title +
           "</h1>" + paragraph + paragraph + paragraph + "</article></body></html>";
  };
  WriteFile(dir.File("pages/ko.html"),
            page("한미 관세 협상", "<p>서울 -- 정부는 미국과의 관세를 낮추기 위한 협상을 이번 주 워싱턴에서 계속한다고 "
                 "밝혔다. 산업통상자원부는 비관세 장벽에 대한 논의도 진행될 것이라고 말했다. 협상단은 자동차와 철강 "
                 "품목의 인하를 요구할 계획이다.</p>"));
  WriteFile(dir.File("pages/ja.html"),
            page("日米の交渉", "<p>東京 -- 政府は、関税、非関税障壁について米国と協議を続けると発表した。交渉は来週"
                 "ワシントンで行われる。経済産業省の担当者は、自動車と鉄鋼の扱いが焦点になると述べた。</p>"));
  REQUIRE(RunTradewire({"import", "--db", dir.File("s.db"), dir.File("pages")}).exit_code == 0);
  auto korean = RunTradewire({"search", "--db", dir.File("s.db"), "--format", "jsonl", "관세"});
  REQUIRE(korean.exit_code == 0);
  CHECK(JsonLines(korean.out).size() == 1);  // '관세를' in the text
  auto japanese = RunTradewire({"search", "--db", dir.File("s.db"), "--format", "jsonl", "関税"});
  REQUIRE(japanese.exit_code == 0);
  CHECK(JsonLines(japanese.out).size() == 1);
}

TEST_CASE("the default format is a table on a terminal and JSON Lines in a pipe") {
  // script(1) runs the command on a pseudo-terminal.
  auto terminal = RunCommand({"/usr/bin/script", "-qec",
                              std::string(TRADEWIRE_BINARY) + " events --db '" + CorpusStore() + "' --kind deadline",
                              "/dev/null"});
  INFO(terminal.err);
  REQUIRE(terminal.exit_code == 0);
  CHECK_THAT(terminal.out, Catch::Contains("start_date  end_date    kind"));
  CHECK_THAT(terminal.out, Catch::Contains("2025-07-08  2025-07-08  deadline"));
  auto pipe = RunTradewire({"events", "--db", CorpusStore(), "--kind", "deadline"});
  REQUIRE(pipe.exit_code == 0);
  std::vector<json> rows = JsonLines(pipe.out);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["start_date"] == "2025-07-08");
}
