// Two nights of `ingest` against a loopback server and a real SQLite store: what one night could not finish
// (a failure, a killed run, a changed child sitemap) the next one reaches, even when the listing answers 304.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>

#include "pipeline/ingest/ingest.h"
#include "pipeline/process.h"
#include "pipeline/sources/sources.h"
#include "pipeline/store/sqlite.h"
#include "pipeline/store/store.h"
#include "tests/support/http_server.h"
#include "tests/support/subprocess.h"

using namespace tradewire;
using tradewire::testing::TempDir;
using tradewire::testing::TestHttpServer;

namespace {

const std::string kSchemas = TRADEWIRE_SOURCE_DIR "/schemas";

std::string Page(const std::string& what) {
  return "<html><head><title>" + what + "</title></head><body><article><h1>" + what +
         "</h1><p>Trade ministers met on Tuesday to discuss " + what + " and agreed to meet again next month.</p>"
         "</article></body></html>";
}

std::string Rss(const std::vector<std::string>& urls) {
  std::string items;
  for (const std::string& url : urls) items += "<item><title>" + url + "</title><link>" + url + "</link></item>";
  return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>" + items + "</channel></rss>";
}

std::string Urlset(const std::vector<std::string>& urls) {
  std::string entries;
  for (const std::string& url : urls) entries += "<url><loc>" + url + "</loc></url>";
  return "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" + entries + "</urlset>";
}

// Listings the server gives with an ETag (their content's version) and a 304 to a request that sends it back.
class Listings {
 public:
  void Set(const std::string& path, std::string body, const std::string& type) {
    std::lock_guard lock(mutex_);
    Listing& listing = listings_[path];
    listing.body = std::move(body);
    listing.type = type;
    ++listing.version;
  }
  void Serve(TestHttpServer& server, const std::string& path) {
    server.server().Get(path, [this, path](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      const Listing& listing = listings_[path];
      std::string etag = "\"v" + std::to_string(listing.version) + "\"";
      res.set_header("ETag", etag);
      if (req.get_header_value("If-None-Match") == etag) {
        res.status = 304;
        return;
      }
      res.set_content(listing.body, listing.type);
    });
  }

 private:
  struct Listing {
    std::string body;
    std::string type;
    int version = 0;
  };
  std::mutex mutex_;
  std::map<std::string, Listing> listings_;
};

Config Night(const std::string& store, const std::string& kind, const std::string& url) {
  Config config;
  config.store.path = store;
  config.fetch.user_agent = "tradewire-test/1.0";
  config.fetch.per_host_delay_ms = 0;
  config.fetch.retry_base_ms = 10;
  config.fetch.max_attempts = 1;
  config.sources.push_back({"news", kind, url, "", ""});
  return config;
}

std::set<std::string> StoredUrls(const std::string& path) {
  std::set<std::string> urls;
  auto db = sql::Database::Open(path, false);
  REQUIRE(db.ok());
  auto stmt = (*db)->Prepare("SELECT fetched_url FROM documents");
  REQUIRE(stmt.ok());
  while (stmt->Step()) urls.insert(stmt->Text(0));
  return urls;
}

// A day passes: every retry in the ledger is due.
void MakeRetriesDue(const std::string& path) {
  auto db = sql::Database::Open(path, false);
  REQUIRE(db.ok());
  REQUIRE((*db)->Execute("UPDATE url_state SET retry_after = '2000-01-01T00:00:00Z' WHERE retry_after != ''").ok());
}

}  // namespace

TEST_CASE("a failed URL is retried when due although its feed answers 304 the next night") {
  TestHttpServer server;
  Listings listings;
  listings.Serve(server, "/feed.xml");
  std::atomic<bool> b_up{false};
  server.server().Get("/a", [](const auto&, auto& res) { res.set_content(Page("steel tariffs"), "text/html"); });
  server.server().Get("/b", [&b_up](const auto&, auto& res) {
    if (!b_up) {
      res.status = 503;
      return;
    }
    res.set_content(Page("rice quotas"), "text/html");
  });
  server.Start();
  listings.Set("/feed.xml", Rss({server.Url("/a"), server.Url("/b")}), "application/rss+xml");
  TempDir dir;
  Config config = Night(dir.File("news.db"), "feed", server.Url("/feed.xml"));

  auto first = RunIngest(config, kSchemas);
  REQUIRE(first.ok());
  CHECK(first->failures.size() == 1);
  CHECK(StoredUrls(config.store.path) == std::set<std::string>{server.Url("/a")});

  b_up = true;
  MakeRetriesDue(config.store.path);
  auto second = RunIngest(config, kSchemas);
  REQUIRE(second.ok());
  CHECK(second->failures.empty());
  CHECK(server.CountRequests("/a") == 1);  // stored the first night: not asked again
  CHECK(server.CountRequests("/b") == 2);
  CHECK(StoredUrls(config.store.path) == std::set<std::string>{server.Url("/a"), server.Url("/b")});
}

TEST_CASE("a due retry is attempted although its feed fails the next night") {
  TestHttpServer server;
  std::atomic<bool> night_two{false};
  server.server().Get("/feed.xml", [&](const auto&, auto& res) {
    if (night_two) {
      res.status = 500;
      return;
    }
    res.set_content(Rss({server.Url("/b")}), "application/rss+xml");
  });
  server.server().Get("/b", [&](const auto&, auto& res) {
    if (!night_two) {
      res.status = 503;
      return;
    }
    res.set_content(Page("rice quotas"), "text/html");
  });
  server.Start();
  TempDir dir;
  Config config = Night(dir.File("news.db"), "feed", server.Url("/feed.xml"));
  REQUIRE(RunIngest(config, kSchemas).ok());
  CHECK(StoredUrls(config.store.path).empty());

  night_two = true;
  MakeRetriesDue(config.store.path);
  auto second = RunIngest(config, kSchemas);
  REQUIRE(second.ok());
  CHECK(second->failures.size() == 1);  // the feed
  CHECK(StoredUrls(config.store.path) == std::set<std::string>{server.Url("/b")});
}

TEST_CASE("items a killed run listed but never stored come back from the ledger when the feed answers 304") {
  TestHttpServer server;
  Listings listings;
  listings.Serve(server, "/feed.xml");
  server.server().Get(R"(/[abc])", [](const httplib::Request& req, auto& res) {
    res.set_content(Page("talks on " + req.path), "text/html");
  });
  server.Start();
  listings.Set("/feed.xml", Rss({server.Url("/a"), server.Url("/b"), server.Url("/c")}), "application/rss+xml");
  TempDir dir;
  Config config = Night(dir.File("news.db"), "feed", server.Url("/feed.xml"));
  {
    // The first night is killed after its feed and one page were written: /b and /c were fetched, never stored.
    auto processor = DocumentProcessor::Load(kSchemas);
    REQUIRE(processor.ok());
    auto store = Store::Open(config.store.path, kSchemas, Store::Mode::kCreate);
    REQUIRE(store.ok());
    IngestSummary summary;
    DocumentWriter writer(**store, *processor, &summary);
    std::vector<SourceReport> reports;
    RunSources(config, **store, [&](FetchedDocument document) {
      if (document.url == server.Url("/a")) writer.Submit(std::move(document));
    }, &reports);
    REQUIRE(writer.Finish().ok());
  }
  CHECK(StoredUrls(config.store.path) == std::set<std::string>{server.Url("/a")});

  auto second = RunIngest(config, kSchemas);
  REQUIRE(second.ok());
  CHECK(second->not_modified >= 2);  // the feed (304) and /a (stored)
  CHECK(StoredUrls(config.store.path) ==
        std::set<std::string>{server.Url("/a"), server.Url("/b"), server.Url("/c")});
  CHECK(server.CountRequests("/feed.xml") == 2);
  CHECK(server.CountRequests("/a") == 1);

  auto third = RunIngest(config, kSchemas);  // nothing left to do: only the feed is asked
  REQUIRE(third.ok());
  CHECK(third->fetched == 0);
  CHECK(server.CountRequests("/b") == 2);
}

TEST_CASE("each child sitemap is asked conditionally on its own when the index answers 304") {
  TestHttpServer server;
  Listings listings;
  for (const char* path : {"/sitemap.xml", "/old.xml", "/new.xml"}) listings.Serve(server, path);
  server.server().Get(R"(/[abcd])", [](const httplib::Request& req, auto& res) {
    res.set_content(Page("quotas on " + req.path), "text/html");
  });
  server.Start();
  listings.Set("/sitemap.xml",
               "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
               "<sitemap><loc>/old.xml</loc></sitemap><sitemap><loc>/new.xml</loc></sitemap></sitemapindex>",
               "application/xml");
  listings.Set("/old.xml", Urlset({server.Url("/a"), server.Url("/b")}), "application/xml");
  listings.Set("/new.xml", Urlset({server.Url("/c")}), "application/xml");
  TempDir dir;
  Config config = Night(dir.File("news.db"), "sitemap", server.Url("/sitemap.xml"));
  REQUIRE(RunIngest(config, kSchemas).ok());
  CHECK(StoredUrls(config.store.path).size() == 3);

  listings.Set("/new.xml", Urlset({server.Url("/c"), server.Url("/d")}), "application/xml");  // the index unchanged
  auto second = RunIngest(config, kSchemas);
  REQUIRE(second.ok());
  CHECK(StoredUrls(config.store.path).count(server.Url("/d")) == 1);
  CHECK(second->fetched == 1);
  std::map<std::string, int> conditional;
  for (const auto& request : server.requests()) conditional[request.path] += !request.if_none_match.empty();
  CHECK(conditional["/sitemap.xml"] == 1);
  CHECK(conditional["/old.xml"] == 1);  // asked on its own, and answered 304
  CHECK(conditional["/new.xml"] == 1);
}

TEST_CASE("a store made by migration 1 is upgraded to the listing ledger and keeps what it held") {
  TempDir dir;
  std::string old_schemas = dir.File("schemas");
  std::filesystem::create_directories(old_schemas + "/migrations");
  std::filesystem::copy_file(kSchemas + "/migrations/001_initial.sql", old_schemas + "/migrations/001_initial.sql");
  std::string path = dir.File("old.db");
  {
    auto old_store = Store::Open(path, old_schemas, Store::Mode::kCreate);
    REQUIRE(old_store.ok());
    (*old_store)->RecordValidators("https://a.example/feed.xml", "\"e1\"", "");
    (*old_store)->RecordFailure({"https://a.example/2", "news", "HTTP 503", 503, false, "2031-01-01T00:00:00Z"});
    REQUIRE((*old_store)->Flush().ok());
  }
  auto store = Store::Open(path, kSchemas, Store::Mode::kExisting);
  REQUIRE(store.ok());
  auto listing = (*store)->Lookup("https://a.example/feed.xml");
  REQUIRE(listing);
  CHECK(listing->etag.empty());  // its items were never remembered: read whole once
  auto failed = (*store)->Lookup("https://a.example/2");
  REQUIRE(failed);
  CHECK(failed->failures == 1);
  CHECK(failed->retry_after == "2031-01-01T00:00:00Z");
  (*store)->RecordListing("https://a.example/feed.xml", {{"https://a.example/1", "2025-05-20", "Talks", false},
                                                          {"https://a.example/s.xml", "", "", true}});
  REQUIRE((*store)->Flush().ok());
  auto items = (*store)->ListedItems("https://a.example/feed.xml");
  REQUIRE(items.size() == 2);
  CHECK(items[0].url == "https://a.example/1");
  CHECK(items[0].date_hint == "2025-05-20");
  CHECK_FALSE(items[0].sitemap);
  CHECK(items[1].sitemap);
  auto db = sql::Database::Open(path, false);
  REQUIRE(db.ok());
  auto version = (*db)->Prepare("PRAGMA user_version");
  REQUIRE(version.ok());
  REQUIRE(version->Step());
  CHECK(version->Int(0) >= 2);  // and any later migration
}

TEST_CASE("a listing a migration-1 store holds validators for is read whole once after the upgrade") {
  TestHttpServer server;
  Listings listings;
  listings.Serve(server, "/feed.xml");
  server.server().Get("/a", [](const auto&, auto& res) { res.set_content(Page("steel tariffs"), "text/html"); });
  server.Start();
  listings.Set("/feed.xml", Rss({server.Url("/a")}), "application/rss+xml");
  TempDir dir;
  std::string old_schemas = dir.File("schemas");
  std::filesystem::create_directories(old_schemas + "/migrations");
  std::filesystem::copy_file(kSchemas + "/migrations/001_initial.sql", old_schemas + "/migrations/001_initial.sql");
  Config config = Night(dir.File("old.db"), "feed", server.Url("/feed.xml"));
  {
    // Version 1 read the feed (its ETag is remembered) and was killed before /a was stored.
    auto old_store = Store::Open(config.store.path, old_schemas, Store::Mode::kCreate);
    REQUIRE(old_store.ok());
    (*old_store)->RecordValidators(server.Url("/feed.xml"), "\"v1\"", "");
    REQUIRE((*old_store)->Flush().ok());
  }
  auto night = RunIngest(config, kSchemas);
  REQUIRE(night.ok());
  CHECK(server.requests().front().if_none_match.empty());
  CHECK(StoredUrls(config.store.path) == std::set<std::string>{server.Url("/a")});
}
