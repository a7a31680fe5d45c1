// End to end: the bundled corpus served over real HTTP on 127.0.0.1, the real `tradewire ingest` into a
// temporary database, and what it stored checked against corpus/gold/.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "tests/support/gold.h"
#include "tests/support/http_server.h"
#include "tests/support/subprocess.h"

using namespace tradewire::testing;
using nlohmann::json;

namespace {


std::string CorpusConfig(const TestHttpServer& server, const std::string& db) {
  return "[fetch]\nuser_agent = \"tradewire-e2e\"\ntimeout_s = 20\nmax_bytes = 5000000\nper_host_delay_ms = 0\n"
         "\n[store]\npath = \"" + db + "\"\n"
         "\n[[source]]\nname = \"rss\"\nkind = \"feed\"\nurl = \"" + server.Url("/feeds/rss.xml") + "\"\n"
         "\n[[source]]\nname = \"atom\"\nkind = \"feed\"\nurl = \"" + server.Url("/feeds/atom.xml") + "\"\n"
         "\n[[source]]\nname = \"sitemap\"\nkind = \"sitemap\"\nurl = \"" + server.Url("/sitemap.xml") + "\"\n";
}

std::string PathOf(const std::string& url) {
  std::size_t host = url.find("//");
  return url.substr(url.find('/', host + 2) + 1);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Two ingests of the corpus (the second must find nothing new) and the store's cursor after each.
struct Ingested {
  std::string db;
  CommandResult first, second;
  long cursor_after_first = 0, cursor_after_second = 0;
};

long StoreCursor(const std::string& db) {
  auto stats = RunTradewire({"stats", "--db", db});
  REQUIRE(stats.exit_code == 0);
  return json::parse(stats.out)["cursor"].get<long>();
}

void SaveResult(const std::string& dir, const std::string& name, const CommandResult& result) {
  WriteFile(dir + "/" + name + ".out", result.out);
  WriteFile(dir + "/" + name + ".err", result.err);
  WriteFile(dir + "/" + name + ".code", std::to_string(result.exit_code));
}

CommandResult LoadResult(const std::string& dir, const std::string& name) {
  CommandResult result;
  result.out = ReadFile(dir + "/" + name + ".out");
  result.err = ReadFile(dir + "/" + name + ".err");
  result.exit_code = std::stoi(ReadFile(dir + "/" + name + ".code"));
  return result;
}

// Serves the corpus on 127.0.0.1 and ingests it twice into `dir`/store.db, keeping what each run printed.
void IngestCorpusInto(const std::string& dir) {
  TestHttpServer server(TRADEWIRE_SOURCE_DIR "/corpus/site");
  server.Start();
  std::string db = dir + "/store.db";
  WriteFile(dir + "/corpus.toml", CorpusConfig(server, db));
  SaveResult(dir, "first", RunTradewire({"ingest", "--summary", "--config", dir + "/corpus.toml"}));
  WriteFile(dir + "/first.cursor", std::to_string(StoreCursor(db)));
  SaveResult(dir, "second", RunTradewire({"ingest", "--summary", "--config", dir + "/corpus.toml"}));
  WriteFile(dir + "/second.cursor", std::to_string(StoreCursor(db)));
}

// The environment variable ctest sets to the folder of the store its setup test built once for the whole run
// (see tests/CMakeLists.txt); a process run by hand builds its own.
constexpr const char* kFixtureVariable = "TRADEWIRE_E2E_FIXTURE";

// The corpus ingest shared by the checks below (each needs the same stored state).
const Ingested& CorpusIngest() {
  static const std::unique_ptr<Ingested> ingested = [] {
    static TempDir own;
    const char* shared = std::getenv(kFixtureVariable);
    std::string dir = shared ? shared : own.path();
    if (!shared) IngestCorpusInto(dir);
    auto result = std::make_unique<Ingested>();
    result->db = dir + "/store.db";
    result->first = LoadResult(dir, "first");
    result->second = LoadResult(dir, "second");
    result->cursor_after_first = std::stol(ReadFile(dir + "/first.cursor"));
    result->cursor_after_second = std::stol(ReadFile(dir + "/second.cursor"));
    return result;
  }();
  return *ingested;
}

std::vector<json> Export(const std::string& kind, long since = 0) {
  auto result = RunTradewire({"export", "--db", CorpusIngest().db, "--kind", kind, "--since", std::to_string(since)});
  REQUIRE(result.exit_code == 0);
  return JsonLines(result.out);
}

}  // namespace

// Hidden: the setup test ctest runs once before the cases below (FIXTURES_SETUP), building the shared store.
TEST_CASE("build the shared corpus store", "[.e2e-fixture]") {
  const char* dir = std::getenv(kFixtureVariable);
  REQUIRE(dir != nullptr);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  IngestCorpusInto(dir);
}

TEST_CASE("ingest of the corpus succeeds and a second run stores nothing new") {
  const Ingested& run = CorpusIngest();
  INFO(run.first.out << run.first.err);
  REQUIRE(run.first.exit_code == 0);
  CHECK_THAT(run.first.out, Catch::Contains("0 failed"));
  INFO(run.second.out << run.second.err);
  REQUIRE(run.second.exit_code == 0);
  CHECK_THAT(run.second.out, Catch::StartsWith("0 documents"));
  // Only the first run wrote: the second left the change feed where the first did.
  CHECK(run.cursor_after_first > 0);
  CHECK(run.cursor_after_second == run.cursor_after_first);
}

TEST_CASE("every corpus article is stored with the gold title, date, authors and body boundaries") {
  std::map<std::string, json> by_path;
  for (const json& row : Export("articles")) by_path[PathOf(row["url"])] = row;
  const std::vector<json> golds = LoadCorpusGold();
  REQUIRE(golds.size() >= 5);
  for (const json& gold : golds) {
    std::string page = gold["page"];
    INFO("page " << page);
    REQUIRE(by_path.count(page));
    const json& article = by_path[page];
    CHECK(article["title"] == gold["title"]);
    CHECK(article["published"].is_string());
    if (article["published"].is_string()) CHECK(article["published"].get<std::string>().substr(0, 10) == gold["published"]);
    std::vector<std::string> authors;
    for (const auto& a : article["authors"]) authors.push_back(Lower(a));
    for (const auto& a : gold["authors"]) CHECK(std::find(authors.begin(), authors.end(), Lower(a)) != authors.end());
    std::string text = article["text"];
    std::size_t start = text.find(gold["body_start"].get<std::string>());
    CHECK(start != std::string::npos);
    CHECK(start < 400);  // a photo caption may come first, nothing longer
    std::size_t end = text.rfind(gold["body_end"].get<std::string>());
    CHECK(end != std::string::npos);
    if (end != std::string::npos) CHECK(text.size() - (end + gold["body_end"].get<std::string>().size()) < 300);
    for (const auto& junk : gold["body_must_not_contain"]) {
      INFO("must not contain " << junk);
      CHECK(text.find(junk.get<std::string>()) == std::string::npos);
    }
    if (!gold["dateline"].is_null()) {
      REQUIRE(article["dateline"].is_object());
      CHECK(article["dateline"]["place"] == gold["dateline"]["place"]);
      CHECK(article["dateline"]["date"] == gold["dateline"]["date"]);
    }
  }
}

TEST_CASE("non-article pages are recognised and not stored as articles") {
  std::map<std::string, json> by_path;
  for (const json& row : Export("articles")) by_path[PathOf(row["url"])] = row;
  for (const char* page : {"hanbiz/en/section/economy.html", "wireportal/2025/04/02/page-not-found.html",
                           "dailyherald/article/2025/05/21/consent.html"}) {
    INFO(page);
    CHECK(by_path.count(page) == 0);
  }
}

TEST_CASE("the mentions a careful reader marks are stored with their values, none from the page template") {
  std::map<long, json> mentions_by_article;
  for (const json& row : Export("mentions")) mentions_by_article[row["article_id"]].push_back(row);
  std::map<std::string, json> by_path;
  for (const json& row : Export("articles")) by_path[PathOf(row["url"])] = row;
  std::size_t expected = 0, missing_total = 0;
  const std::vector<json> golds = LoadCorpusGold();
  REQUIRE(golds.size() >= 5);
  for (const json& gold : golds) {
    std::string page = gold["page"];
    INFO("page " << page);
    REQUIRE(by_path.count(page));
    const json& article = by_path[page];
    json mentions = mentions_by_article[article["article_id"].get<long>()];
    if (mentions.is_null()) mentions = json::array();
    std::vector<std::string> missing = MissingGoldMentions(gold, article["text"], mentions);
    for (const std::string& m : missing) UNSCOPED_INFO("missing " << m);
    expected += gold["mentions"].size();
    missing_total += missing.size();
    CHECK(ForbiddenMentionsFound(gold, mentions).empty());
  }
  // Recall over every gold mention of the corpus.
  INFO(missing_total << " of " << expected << " gold mentions missing");
  REQUIRE(expected > 0);
  CHECK(missing_total * 10 <= expected);  // at least 90% found
}

TEST_CASE("the same real-world event reported by several articles is one event with every source") {
  std::ifstream in(TRADEWIRE_SOURCE_DIR "/corpus/gold/events.json");
  json gold_events = json::parse(in);
  std::map<long, json> events;  // latest state of each event
  for (const json& row : Export("events")) events[row["event_id"]] = row;
  std::size_t multi_source = 0;
  for (const json& gold : gold_events) {
    if (gold["sources"].size() < 2) continue;
    ++multi_source;
    INFO("gold event " << gold.dump());
    bool found = false;
    for (const auto& [id, event] : events) {
      if (event["kind"] != gold["kind"] || event["start_date"] != gold["start_date"]) continue;
      std::vector<std::string> sources;
      for (const auto& s : event["sources"]) sources.push_back(PathOf(s["url"]));
      bool all = std::all_of(gold["sources"].begin(), gold["sources"].end(), [&](const json& page) {
        return std::find(sources.begin(), sources.end(), page.get<std::string>()) != sources.end();
      });
      if (all) {
        found = true;
        for (const auto& s : event["sources"]) CHECK_FALSE(s["evidence"].empty());
      }
    }
    CHECK(found);
  }
  CHECK(multi_source >= 1);
}

TEST_CASE("the syndicated copy joins the original's story cluster") {
  auto clusters = Export("clusters");
  bool found = false;
  for (const json& cluster : clusters) {
    std::vector<std::string> pages;
    for (const auto& m : cluster["members"]) pages.push_back(PathOf(m["url"]));
    found |= std::count(pages.begin(), pages.end(), "kwire/en/view/AEN20250401004200320.html") &&
             std::count(pages.begin(), pages.end(),
                        "wireportal/2025/04/01/south-korea-to-persist-in-trade-barrier-negotiations-with-us.html");
  }
  CHECK(found);
}

TEST_CASE("export --since returns only what changed after the cursor") {
  auto all = Export("articles");
  REQUIRE(all.size() >= 2);
  long middle = all[all.size() / 2]["cursor"];
  auto later = Export("articles", middle);
  CHECK_FALSE(later.empty());
  CHECK(later.size() < all.size());
  for (const json& row : later) CHECK(row["cursor"].get<long>() > middle);
  CHECK(Export("articles", all.back()["cursor"].get<long>()).empty());
}
