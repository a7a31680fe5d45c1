// Hostile feeds and sitemaps (issue 12 case 3 and the feed bits of 7): entity expansion, nesting past libxml2's
// depth bound, more entries than any listing needs. Each is generated here and served by a real HTTP server on
// 127.0.0.1 to a real `tradewire ingest` writing a real store; the good feed beside it is always stored.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <string>
#include <vector>

#include "pipeline/sources/links.h"
#include "tests/support/http_server.h"
#include "tests/support/subprocess.h"

using namespace tradewire;
using namespace tradewire::testing;
using nlohmann::json;

namespace {

const char* kPage =
    "<html><head><title>WTO panel rules on steel safeguard duties</title></head><body><article>"
    "<p>A World Trade Organization dispute panel ruled on Monday that safeguard duties on steel imports were "
    "inconsistent with the Agreement on Safeguards, and asked the member to bring its measures into conformity.</p>"
    "<p>The ruling may be appealed within sixty days. Trade officials said talks on compensation would continue "
    "alongside the appeal, and that quotas on flat steel would stay in place until the panel report is adopted.</p>"
    "</article></body></html>";

std::string Rss(const std::string& doctype, const std::string& items) {
  return "<?xml version=\"1.0\"?>" + doctype + "<rss version=\"2.0\"><channel><title>Trade</title>" + items +
         "</channel></rss>";
}

std::string Item(const std::string& link, const std::string& title = "Talks") {
  return "<item><title>" + title + "</title><link>" + link + "</link></item>";
}

// Serves /story, /good.xml (one item: /story) and /bad.xml (`bad_feed`).
struct FeedServer {
  explicit FeedServer(std::string bad_feed) : bad(std::move(bad_feed)) {
    server.server().Get("/story", [](const auto&, auto& res) { res.set_content(kPage, "text/html"); });
    server.server().Get(R"(/(one|two|deep))",
                        [](const auto&, auto& res) { res.set_content(kPage, "text/html"); });
    server.server().Get("/good.xml", [this](const auto&, auto& res) {
      res.set_content(Rss("", Item(server.Url("/story"))), "application/rss+xml");
    });
    server.server().Get("/bad.xml", [this](const auto&, auto& res) { res.set_content(bad, "application/rss+xml"); });
    server.Start();
  }
  std::string bad;
  TestHttpServer server;
};

struct Ingest {
  CommandResult run;
  long articles = 0;
};

// One `tradewire ingest` of the good feed and the bad one into a fresh store.
Ingest IngestBoth(FeedServer& feeds, const TempDir& dir) {
  std::string db = dir.File("store.db");
  std::string config = "[fetch]\nuser_agent = \"tradewire-test\"\nper_host_delay_ms = 0\nmax_attempts = 1\n"
                       "\n[store]\npath = \"" + db + "\"\n"
                       "\n[[source]]\nname = \"good\"\nkind = \"feed\"\nurl = \"" + feeds.server.Url("/good.xml") + "\"\n"
                       "\n[[source]]\nname = \"bad\"\nkind = \"feed\"\nurl = \"" + feeds.server.Url("/bad.xml") + "\"\n";
  WriteFile(dir.File("config.toml"), config);
  Ingest ingest;
  ingest.run = RunTradewire({"ingest", "--config", dir.File("config.toml")});
  auto stats = RunTradewire({"stats", "--db", db});
  REQUIRE(stats.exit_code == 0);
  ingest.articles = json::parse(stats.out)["articles"].get<long>();
  return ingest;
}

// The bad feed was a failure named on stderr with `why`, and only the good feed's page was stored.
void CheckRefused(const Ingest& ingest, const FeedServer& feeds, const std::string& why) {
  INFO(ingest.run.err);
  CHECK(ingest.run.exit_code == 1);
  CHECK_THAT(ingest.run.err, Catch::Contains(feeds.server.Url("/bad.xml")) && Catch::Contains(why));
  CHECK(ingest.articles == 1);
  CHECK(feeds.server.CountRequests("/one") == 0);
}

// The largest resident set of any child this test process has waited for, in MB.
long PeakChildRssMb() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  return usage.ru_maxrss / 1024;
}

}  // namespace

TEST_CASE("a billion-laughs feed is a failure naming it, and the other feed is stored") {
  std::string entities = "<!ENTITY lol0 \"lol\">";
  for (int level = 1; level <= 9; ++level) {
    entities += "<!ENTITY lol" + std::to_string(level) + " \"";
    for (int i = 0; i < 10; ++i) entities += "&lol" + std::to_string(level - 1) + ";";
    entities += "\">";
  }
  FeedServer feeds(Rss("<!DOCTYPE rss [" + entities + "]>", Item("/one", "&lol9;") + Item("/two")));
  TempDir dir;
  CheckRefused(IngestBoth(feeds, dir), feeds, "entities loop");
}

TEST_CASE("one entity referenced a thousand times is refused naming the feed, in flat memory") {
  // 100 KB of entity, 1,000 references: a 105 KB feed whose title reads as 100 MB.
  std::string title;
  for (int i = 0; i < 1000; ++i) title += "&big;";
  FeedServer feeds(Rss("<!DOCTYPE rss [<!ENTITY big \"" + std::string(100000, 'x') + "\">]>",
                       Item("/one", title) + Item("/two")));
  TempDir dir;
  CheckRefused(IngestBoth(feeds, dir), feeds, "entity references expand past");
  INFO("peak child RSS " << PeakChildRssMb() << " MB");
  CHECK(PeakChildRssMb() < 80);  // the expanded title alone would be 100 MB, held twice

  // A few entities of a few bytes each, as real feeds declare them, are read as before.
  auto small = ParseFeed(Rss("<!DOCTYPE rss [<!ENTITY org \"WTO\">]>", Item("https://x.example/a", "&org; talks")),
                         "https://x.example/feed.xml");
  REQUIRE(small.ok());
  REQUIRE(small->links.size() == 1);
  CHECK(small->links[0].title == "WTO talks");
}

TEST_CASE("a feed nested deeper than 256 levels is a failure naming it, and the items before the nesting are stored") {
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "<div>";
  deep += Item("/deep");
  for (int i = 0; i < 300; ++i) deep += "</div>";
  FeedServer feeds(Rss("", Item("/one") + deep + Item("/two")));
  TempDir dir;
  Ingest ingest = IngestBoth(feeds, dir);
  INFO(ingest.run.err);
  CHECK(ingest.run.exit_code == 1);
  CHECK_THAT(ingest.run.err, Catch::Contains(feeds.server.Url("/bad.xml")) && Catch::Contains("depth") &&
                                 Catch::Contains("not read"));
  CHECK(feeds.server.CountRequests("/one") == 1);  // (stored as the good feed's /story: the same text)
  CHECK(feeds.server.CountRequests("/deep") + feeds.server.CountRequests("/two") == 0);
  CHECK(ingest.articles == 1);
}

TEST_CASE("a feed or sitemap of more than 50,000 entries is read up to 50,000, with a warning naming it") {
  std::string items, urls;
  for (std::size_t i = 0; i < kMaxListingEntries + 10; ++i) {
    items += "<item><link>/story</link></item>\n";  // one URL: the run fetches it once
    urls += "<url><loc>https://x.example/" + std::to_string(i) + "</loc></url>\n";
  }
  std::string feed = Rss("", items);
  auto read = ParseFeed(feed, "https://x.example/feed.xml");
  REQUIRE(read.ok());
  CHECK(read->links.size() == kMaxListingEntries);
  CHECK_THAT(read->incomplete, Catch::Contains("50000"));
  CHECK_FALSE(read->unreadable);
  auto sitemap = ParseSitemap("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" + urls + "</urlset>",
                              "https://x.example/sitemap.xml", "");
  REQUIRE(sitemap.ok());
  CHECK(sitemap->links.size() == kMaxListingEntries);
  CHECK(sitemap->links.back().url == "https://x.example/" + std::to_string(kMaxListingEntries - 1));
  CHECK_FALSE(sitemap->incomplete.empty());

  FeedServer feeds(feed);
  TempDir dir;
  Ingest ingest = IngestBoth(feeds, dir);
  INFO(ingest.run.err);
  CHECK(ingest.run.exit_code == 0);  // a warning, not a failure: what was read is a good feed's
  CHECK_THAT(ingest.run.err, Catch::Contains(feeds.server.Url("/bad.xml")) && Catch::Contains("50000 entries"));
  CHECK(ingest.articles == 1);
}
