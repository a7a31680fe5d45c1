// Every article gets the best publication date it can and says where it came from (published_source): the page,
// the feed's entry, HTTP Last-Modified, the WARC-Date, or none. Real server on 127.0.0.1, real stores, the built
// binary for archives; relative dates resolve against the date chosen.
#include <catch2/catch.hpp>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>

#include "pipeline/fetch/ledger.h"
#include "pipeline/ingest/ingest.h"
#include "pipeline/store/sqlite.h"
#include "pipeline/store/store.h"
#include "tests/support/http_server.h"
#include "tests/support/json_schema.h"
#include "tests/support/subprocess.h"

using namespace tradewire;
using namespace tradewire::testing;
using json = nlohmann::json;

namespace {

const std::string kSchemas = TRADEWIRE_SOURCE_DIR "/schemas";

// An article page that dates nothing itself unless `head` says so; "yesterday" resolves against the chosen date.
std::string Page(const std::string& topic, const std::string& head = "") {
  return "<html><head><title>" + topic + "</title>" + head + "</head><body><article><h1>" + topic +
         "</h1><p>Trade ministers met yesterday to discuss " + topic +
         " and agreed to meet again in Geneva.</p><p>Officials said a further round was planned, when negotiators "
         "from both sides would return with new offers on market access, quotas and the tariff schedules that had "
         "divided them for years.</p></article></body></html>";
}

std::string HttpDate(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buffer;
}

std::string WarcResponse(const std::string& uri, const std::string& body, const std::string& http_headers = "") {
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + http_headers +
                     "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2025-05-23T01:02:03Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
         "Content-Type: application/http; msgtype=response\r\nContent-Length: " +
         std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
}

// The newest export row of each article, by URL.
std::map<std::string, json> Articles(const std::string& db) {
  auto result = RunTradewire({"export", "--db", db});
  REQUIRE(result.exit_code == 0);
  std::map<std::string, json> rows;
  for (json& row : JsonLines(result.out)) {
    std::string url = row["url"];
    rows[url] = std::move(row);
  }
  return rows;
}

// What "yesterday" in each article's text resolved to, by URL.
std::map<std::string, std::string> Yesterdays(const std::string& db) {
  auto result = RunTradewire({"export", "--db", db, "--kind", "mentions"});
  REQUIRE(result.exit_code == 0);
  std::map<std::string, std::string> values;
  for (const json& row : JsonLines(result.out)) {
    if (row["text"] == "yesterday") values[row["url"].get<std::string>()] = row["value"]["value"];
  }
  return values;
}

}  // namespace

TEST_CASE("a fetched article is dated by its page, else its feed entry, else Last-Modified, never the fetch time") {
  TestHttpServer server;
  server.server().Get("/page-dated", [](const auto&, auto& res) {
    res.set_content(Page("steel", "<meta property=\"article:published_time\" content=\"2025-03-04T10:00:00Z\">"),
                    "text/html");
  });
  server.server().Get("/feed-dated", [](const auto&, auto& res) { res.set_content(Page("rice"), "text/html"); });
  server.server().Get("/http-dated", [](const auto&, auto& res) {
    res.set_header("Last-Modified", "Wed, 14 May 2025 09:00:00 GMT");
    res.set_content(Page("wheat"), "text/html");
  });
  server.server().Get("/made-on-request", [](const auto&, auto& res) {
    res.set_header("Last-Modified", HttpDate(std::time(nullptr)));  // the server's clock, not the page's date
    res.set_content(Page("sugar"), "text/html");
  });
  server.server().Get("/undated", [](const auto&, auto& res) { res.set_content(Page("cotton"), "text/html"); });
  server.server().Get("/feed.xml", [&](const auto&, auto& res) {
    std::string items;
    for (const char* path : {"/page-dated", "/feed-dated"}) {
      items += "<item><link>" + server.Url(path) + "</link><pubDate>Tue, 20 May 2025 07:58:00 GMT</pubDate></item>";
    }
    for (const char* path : {"/http-dated", "/made-on-request", "/undated"}) {
      items += "<item><link>" + server.Url(path) + "</link></item>";
    }
    res.set_content("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>" + items + "</channel></rss>",
                    "application/rss+xml");
  });
  server.Start();
  TempDir dir;
  Config config;
  config.store.path = dir.File("news.db");
  config.fetch.user_agent = "tradewire-test/1.0";
  config.fetch.per_host_delay_ms = 0;
  config.sources.push_back({"news", "feed", server.Url("/feed.xml"), "", ""});
  auto summary = RunIngest(config, kSchemas);
  REQUIRE(summary.ok());
  REQUIRE(summary->failures.empty());

  auto articles = Articles(config.store.path);
  REQUIRE(articles.size() == 5);
  auto source = [&](const char* path) { return articles.at(server.Url(path))["published_source"]; };
  auto published = [&](const char* path) { return articles.at(server.Url(path))["published"]; };
  CHECK(source("/page-dated") == "page");
  CHECK(published("/page-dated") == "2025-03-04T10:00:00Z");
  CHECK(source("/feed-dated") == "feed");
  CHECK(published("/feed-dated") == "2025-05-20");
  CHECK(source("/http-dated") == "http");
  CHECK(published("/http-dated") == "2025-05-14T09:00:00Z");
  CHECK(source("/made-on-request").is_null());
  CHECK(published("/made-on-request").is_null());
  CHECK(source("/undated").is_null());
  CHECK(published("/undated").is_null());

  auto yesterdays = Yesterdays(config.store.path);
  CHECK(yesterdays[server.Url("/page-dated")] == "2025-03-03");
  CHECK(yesterdays[server.Url("/feed-dated")] == "2025-05-19");
  CHECK(yesterdays[server.Url("/http-dated")] == "2025-05-13");
}

TEST_CASE("an archived page is dated by its Last-Modified, else its WARC-Date, and reprocess dates it the same") {
  TempDir dir;
  const std::string warc = dir.File("crawl.warc");
  WriteFile(warc, WarcResponse("https://a.example/rice", Page("rice")) +
                      WarcResponse("https://a.example/wheat", Page("wheat"),
                                   "Last-Modified: Wed, 14 May 2025 09:00:00 GMT\r\n"));
  const std::string direct = dir.File("s.db"), streamed = dir.File("streamed.db");
  auto imported = RunTradewire({"import", "--db", direct, warc});
  INFO(imported.out << imported.err);
  REQUIRE(imported.exit_code == 0);
  // The same through the streaming filter: extract --warc's rows carry the dates and their sources to the store.
  auto extracted = RunTradewire({"extract", "--warc", warc});
  REQUIRE(extracted.exit_code == 0);
  REQUIRE(RunTradewire({"import", "--jsonl", "--db", streamed, "-"}, extracted.out).exit_code == 0);

  std::ifstream in(kSchemas + "/export.schema.json");
  json schema = json::parse(in);
  for (int pass = 0; pass < 4; ++pass) {
    const std::string& db = pass < 2 ? direct : streamed;
    INFO((pass < 2 ? "import, " : "extract --warc | import --jsonl, ") << (pass % 2 == 0 ? "imported" : "reprocessed"));
    auto articles = Articles(db);
    REQUIRE(articles.size() == 2);
    const json& rice = articles.at("https://a.example/rice");
    const json& wheat = articles.at("https://a.example/wheat");
    CHECK(rice["published_source"] == "warc");
    CHECK(rice["published"] == "2025-05-23T01:02:03Z");
    CHECK(wheat["published_source"] == "http");
    CHECK(wheat["published"] == "2025-05-14T09:00:00Z");
    for (const json& row : {rice, wheat}) CHECK(ValidateJson(row, schema["$defs"]["article"], schema).empty());
    CHECK(Yesterdays(db)["https://a.example/rice"] == "2025-05-22");
    // The stored document keeps what dated it: a reprocess from the store alone chooses the same.
    REQUIRE(RunTradewire({"reprocess", "--db", db, "--all"}).exit_code == 0);
  }
}

TEST_CASE("a store made by migrations 1 and 2 is upgraded to record where dates came from") {
  TempDir dir;
  const std::string old_schemas = dir.File("schemas");
  std::filesystem::create_directories(old_schemas + "/migrations");
  for (const char* file : {"001_initial.sql", "002_listing_items.sql"}) {
    std::filesystem::copy_file(kSchemas + "/migrations/" + file, old_schemas + "/migrations/" + file);
  }
  const std::string db = dir.File("old.db");
  {
    auto old_store = Store::Open(db, old_schemas, Store::Mode::kCreate);
    REQUIRE(old_store.ok());
    (*old_store)->RecordListing("https://a.example/feed.xml", {{"https://a.example/rice", "2025-05-20", "", false}});
    REQUIRE((*old_store)->Flush().ok());
  }
  const std::string warc = dir.File("crawl.warc");
  WriteFile(warc, WarcResponse("https://a.example/rice", Page("rice")));
  auto imported = RunTradewire({"import", "--db", db, warc});
  INFO(imported.out << imported.err);
  REQUIRE(imported.exit_code == 0);
  CHECK(Articles(db).at("https://a.example/rice")["published_source"] == "warc");

  auto store = Store::Open(db, kSchemas, Store::Mode::kExisting);
  REQUIRE(store.ok());
  CHECK((*store)->ListedItems("https://a.example/feed.xml").size() == 1);  // what version 2 held is kept
  auto database = sql::Database::Open(db, false);
  REQUIRE(database.ok());
  auto version = (*database)->Prepare("PRAGMA user_version");
  REQUIRE(version.ok());
  REQUIRE(version->Step());
  CHECK(version->Int(0) >= 3);
}
