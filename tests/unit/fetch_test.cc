// Fetching against a fault-injecting HTTP server on 127.0.0.1: each misbehaviour of real servers, and what is
// handed on (stored) and what is recorded as failed.
#include <catch2/catch.hpp>

#include <chrono>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pipeline/fetch/address.h"
#include "pipeline/fetch/fetcher.h"
#include "pipeline/process.h"
#include "pipeline/store/sqlite.h"
#include "pipeline/store/store.h"
#include "pipeline/sources/sources.h"
#include "tests/support/encoding.h"
#include "tests/support/http_server.h"
#include "tests/support/subprocess.h"

using namespace tradewire;
using tradewire::testing::TestHttpServer;
using tradewire::testing::Gzip;
using tradewire::testing::EncodeAs;
using tradewire::testing::TempDir;
using tradewire::testing::WriteFile;

namespace {

// The store's own ledger (url_state in a real SQLite file): what the fetcher asks and records between runs is
// what a nightly run would find. Everything fetched is processed and stored, as ingest does.
class StoreLedger final : public FetchLedger {
 public:
  StoreLedger() {
    auto store = Store::Open(dir_.File("store.db"), kSchemas, Store::Mode::kCreate);
    REQUIRE(store.ok());
    store_ = std::move(store).value();
  }
  std::optional<UrlRecord> Lookup(std::string_view url) override { return store_->Lookup(url); }
  void RecordNotModified(std::string_view url) override { store_->RecordNotModified(url); }
  void RecordValidators(std::string_view url, std::string_view etag, std::string_view last_modified) override {
    store_->RecordValidators(url, etag, last_modified);
  }
  void RecordFailure(const FetchFailure& failure) override { store_->RecordFailure(failure); }
  void Store(const FetchedDocument& document) {
    REQUIRE(store_->Put(document, Processor().Process(document), Processor().version()).ok());
  }
  // Makes `url`'s retry due an hour ago, as if the night it was waiting for had come.
  void MakeDue(const std::string& url) {
    REQUIRE(store_->Flush().ok());
    auto db = sql::Database::Open(dir_.File("store.db"), false);
    REQUIRE(db.ok());
    auto row = (*db)->Prepare("UPDATE url_state SET retry_after = ?1 WHERE url = ?2 AND retry_after <> ''");
    REQUIRE(row.ok());
    REQUIRE(row->Bind(1, IsoUtc(std::time(nullptr) - 3600)).Bind(2, url).Run().ok());
  }
  // The failure url_state holds for `url` (committed first, read back through another connection).
  std::optional<FetchFailure> FailureFor(const std::string& url) {
    REQUIRE(store_->Flush().ok());
    auto db = sql::Database::Open(dir_.File("store.db"), false);
    REQUIRE(db.ok());
    auto row = (*db)->Prepare(
        "SELECT last_error, http_status, permanent, retry_after FROM url_state WHERE url = ?1 AND failures > 0");
    REQUIRE(row.ok());
    row->Bind(1, url);
    if (!row->Step()) return std::nullopt;
    return FetchFailure{url, "", row->Text(0), static_cast<int>(row->Int(1)), row->Int(2) != 0, row->Text(3)};
  }

 private:
  static const DocumentProcessor& Processor() {
    static const DocumentProcessor processor = [] {
      auto loaded = DocumentProcessor::Load(kSchemas);
      REQUIRE(loaded.ok());
      return std::move(loaded).value();
    }();
    return processor;
  }
  static constexpr const char* kSchemas = TRADEWIRE_SOURCE_DIR "/schemas";
  TempDir dir_;
  std::unique_ptr<tradewire::Store> store_;
};

const char* kPage = "<html><head><title>Talks</title></head><body><p>Trade talks resumed.</p></body></html>";


// Quick timeouts and retries, no delay: what every URL-list test starts from.
FetchConfig TestFetchConfig() {
  FetchConfig fetch;
  fetch.user_agent = "tradewire-test/1.0";
  fetch.timeout_s = 5;
  fetch.connect_timeout_s = 2;
  fetch.per_host_delay_ms = 0;
  fetch.retry_base_ms = 20;
  fetch.max_attempts = 3;
  fetch.max_bytes = 100000;
  fetch.low_speed_bytes_per_s = 1000;
  fetch.low_speed_time_s = 1;
  return fetch;
}

struct Run {
  std::vector<FetchedDocument> documents;
  std::vector<SourceReport> reports;
};

// Runs `config`'s sources; what reaches the sink is recorded in the ledger as the store would.
Run RunConfig(StoreLedger& ledger, const Config& config) {
  Run run;
  RunSources(config, ledger, [&](FetchedDocument d) { ledger.Store(d); run.documents.push_back(std::move(d)); },
             &run.reports);
  return run;
}

// A config with one feed or sitemap source and no delay.
Config ListingConfig(const std::string& kind, const std::string& url) {
  Config config;
  config.fetch.user_agent = "tradewire-test/1.0";
  config.fetch.per_host_delay_ms = 0;
  config.sources.push_back({kind, kind, url, "", ""});
  return config;
}

// Fetches `urls` as one URL-list source with TestFetchConfig's settings, as `adjust` leaves them.
Run FetchUrls(StoreLedger& ledger, const std::vector<std::string>& urls,
              const std::function<void(FetchConfig&)>& adjust = {}) {
  TempDir dir;
  std::string list = "# test list\n";
  for (const std::string& url : urls) list += url + "\n";
  WriteFile(dir.File("urls.txt"), list);
  Config config;
  config.fetch = TestFetchConfig();
  if (adjust) adjust(config.fetch);
  config.sources.push_back({"list", "urls", "", dir.File("urls.txt"), ""});
  return RunConfig(ledger, config);
}

// Fetches `paths` of `server` the same way.
Run FetchPaths(TestHttpServer& server, StoreLedger& ledger, const std::vector<std::string>& paths,
               const std::function<void(FetchConfig&)>& adjust = {}) {
  std::vector<std::string> urls;
  for (const std::string& path : paths) urls.push_back(server.Url(path));
  return FetchUrls(ledger, urls, adjust);
}

// A server that reads each request and answers with a TCP reset (SO_LINGER 0), as overloaded proxies and
// crashing backends do. httplib cannot misbehave at that level.
class ResettingServer {
 public:
  ResettingServer() {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener_ < 0 || bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        listen(listener_, 16) != 0 || getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("cannot listen on a loopback port");
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~ResettingServer() {
    stopping_ = true;
    thread_.join();
    close(listener_);
  }
  std::string Url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }
  int connections() const { return connections_; }

 private:
  void Serve() {
    while (!stopping_) {
      pollfd ready{listener_, POLLIN, 0};
      if (poll(&ready, 1, 50) <= 0) continue;
      int connection = accept(listener_, nullptr, nullptr);
      if (connection < 0) continue;
      ++connections_;
      char request[4096];
      pollfd readable{connection, POLLIN, 0};
      if (poll(&readable, 1, 1000) > 0) (void)!read(connection, request, sizeof request);
      linger reset{1, 0};
      setsockopt(connection, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
      close(connection);
    }
  }
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

// Counts requests in progress on one server, and the most seen at once.
struct ConcurrencyProbe {
  std::atomic<int> now{0};
  std::atomic<int> most{0};
  void Enter() {
    int current = ++now;
    for (int seen = most; current > seen && !most.compare_exchange_weak(seen, current);) {
    }
  }
  void Leave() { --now; }
};

std::optional<FetchFailure> FailureFor(StoreLedger& ledger, const std::string& url) { return ledger.FailureFor(url); }

}  // namespace

TEST_CASE("permanent HTTP errors are recorded as failed, not retried, and do not stop the others") {
  TestHttpServer server;
  server.server().Get("/gone", [](const auto&, auto& res) { res.status = 410; });
  server.server().Get("/missing", [](const auto&, auto& res) { res.status = 404; });
  server.server().Get("/ok", [](const auto&, auto& res) { res.set_content(kPage, "text/html"); });
  server.Start();
  StoreLedger ledger;
  Run run = FetchPaths(server, ledger, {"/gone", "/missing", "/ok"});
  REQUIRE(run.documents.size() == 1);
  CHECK(run.documents[0].url == server.Url("/ok"));
  REQUIRE(FailureFor(ledger, server.Url("/gone")));
  CHECK(FailureFor(ledger, server.Url("/gone"))->reason == "HTTP 410");
  CHECK(FailureFor(ledger, server.Url("/gone"))->permanent);
  CHECK(FailureFor(ledger, server.Url("/missing"))->reason == "HTTP 404");
  CHECK(server.CountRequests("/gone") == 1);
  CHECK(run.reports[0].failed == 2);
}

TEST_CASE("5xx and 429 are retried with backoff, honouring Retry-After") {
  TestHttpServer server;
  std::atomic<int> flaky{0}, busy{0}, limited{0};
  server.server().Get("/flaky", [&](const auto&, auto& res) {
    if (flaky++ == 0) res.status = 500; else res.set_content(kPage, "text/html");
  });
  server.server().Get("/busy", [&](const auto&, auto& res) {
    if (busy++ == 0) {
      res.status = 503;
      res.set_header("Retry-After", "1");
    } else {
      res.set_content(kPage, "text/html");
    }
  });
  server.server().Get("/limited", [&](const auto&, auto& res) {
    limited++;
    res.status = 429;
  });
  server.Start();
  StoreLedger ledger;
  auto started = std::chrono::steady_clock::now();
  Run run = FetchPaths(server, ledger, {"/flaky", "/busy", "/limited"});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(run.documents.size() == 2);
  CHECK(flaky == 2);
  CHECK(busy == 2);
  CHECK(seconds >= 1.0);  // Retry-After: 1 was waited out
  CHECK(limited == 3);    // max_attempts
  auto failure = FailureFor(ledger, server.Url("/limited"));
  REQUIRE(failure);
  CHECK(failure->reason == "HTTP 429");
  CHECK_FALSE(failure->permanent);
  CHECK_FALSE(failure->retry_after.empty());  // the next night's run picks it up
}

TEST_CASE("a long Retry-After is left to a later run, skipped until due, and fetched when due") {
  TestHttpServer server;
  std::atomic<bool> recovered{false};
  server.server().Get("/later", [&](const auto&, auto& res) {
    if (recovered) return res.set_content(kPage, "text/html");
    res.status = 503;
    res.set_header("Retry-After", "7200");
  });
  server.Start();
  StoreLedger ledger;
  FetchPaths(server, ledger, {"/later"});
  auto failure = FailureFor(ledger, server.Url("/later"));
  REQUIRE(failure);
  CHECK(server.CountRequests("/later") == 1);
  // Due in about two hours, in the ledger's own format.
  CHECK(failure->retry_after > IsoUtc(std::time(nullptr) + 7100));
  CHECK(failure->retry_after < IsoUtc(std::time(nullptr) + 7300));
  Run again = FetchPaths(server, ledger, {"/later"});
  CHECK(server.CountRequests("/later") == 1);  // not due yet
  CHECK(again.reports[0].skipped == 1);

  // The next night, two hours on: the retry is due, the server has recovered, the page is stored.
  recovered = true;
  ledger.MakeDue(server.Url("/later"));
  Run next_night = FetchPaths(server, ledger, {"/later"});
  CHECK(server.CountRequests("/later") == 2);
  REQUIRE(next_night.documents.size() == 1);
  CHECK(next_night.reports[0].skipped == 0);
  CHECK_FALSE(FailureFor(ledger, server.Url("/later")));
  auto record = ledger.Lookup(server.Url("/later"));
  REQUIRE(record);
  CHECK(record->stored);
}

TEST_CASE("redirect chains are followed and the final URL recorded, loops fail") {
  TestHttpServer server;
  server.server().Get("/a", [](const auto&, auto& res) { res.set_redirect("/b"); });
  server.server().Get("/b", [](const auto&, auto& res) { res.set_redirect("/c", 301); });
  server.server().Get("/c", [](const auto&, auto& res) { res.set_content(kPage, "text/html"); });
  server.server().Get("/loop", [](const auto&, auto& res) { res.set_redirect("/loop"); });
  server.server().Get("/to-file", [](const auto&, auto& res) { res.set_redirect("file:///etc/passwd"); });
  server.Start();
  StoreLedger ledger;
  Run run = FetchPaths(server, ledger, {"/a", "/loop", "/to-file"});
  REQUIRE(run.documents.size() == 1);
  CHECK(run.documents[0].url == server.Url("/a"));
  CHECK(run.documents[0].final_url == server.Url("/c"));
  REQUIRE(FailureFor(ledger, server.Url("/loop")));
  CHECK(FailureFor(ledger, server.Url("/loop"))->reason == "more than 5 redirects");
  REQUIRE(FailureFor(ledger, server.Url("/to-file")));
}

TEST_CASE("a dripping server, a truncated body and an oversized body cannot hold or fool the run") {
  TestHttpServer server;
  server.server().Get("/drip", [](const auto&, auto& res) {
    res.set_chunked_content_provider("text/html", [](size_t, httplib::DataSink& sink) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      return sink.is_writable() && sink.write("x", 1);
    });
  });
  server.server().Get("/truncated", [](const auto&, auto& res) {
    res.set_content_provider(100000, "text/html", [](size_t offset, size_t, httplib::DataSink& sink) {
      if (offset > 0) return false;  // promised 100000 bytes, sends 11 and hangs up
      return sink.write("<html><body", 11);
    });
  });
  server.server().Get("/huge", [](const auto&, auto& res) {
    res.set_content(std::string(200000, 'a'), "text/html");
  });
  server.server().Get("/lying-gzip", [](const auto&, auto& res) {
    // Half a gzip stream with a Content-Length that matches the half: every byte arrives, the page does not.
    // (A content provider, so that httplib does not gzip it once more.)
    auto half = std::make_shared<std::string>(Gzip(std::string(kPage) + std::string(5000, ' ')));
    half->resize(half->size() / 2);
    res.set_header("Content-Encoding", "gzip");
    res.set_content_provider(half->size(), "text/html", [half](size_t offset, size_t, httplib::DataSink& sink) {
      return sink.write(half->data() + offset, half->size() - offset);
    });
  });
  server.Start();
  StoreLedger ledger;
  auto started = std::chrono::steady_clock::now();
  Run run = FetchPaths(server, ledger, {"/drip", "/truncated", "/huge", "/lying-gzip"},
                       [](FetchConfig& fetch) { fetch.max_attempts = 1; });
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(run.documents.empty());
  CHECK(seconds < 30);
  for (const char* path : {"/drip", "/truncated", "/huge", "/lying-gzip"}) {
    INFO(path);
    CHECK(FailureFor(ledger, server.Url(path)).has_value());
  }
  CHECK_THAT(FailureFor(ledger, server.Url("/huge"))->reason, Catch::Contains("max_bytes"));
}

TEST_CASE("non-HTML responses are recorded and skipped") {
  TestHttpServer server;
  server.server().Get("/report.pdf", [](const auto&, auto& res) { res.set_content("%PDF-1.7", "application/pdf"); });
  server.server().Get("/photo.jpg", [](const auto&, auto& res) { res.set_content("\xff\xd8\xff", "image/jpeg"); });
  server.Start();
  StoreLedger ledger;
  Run run = FetchPaths(server, ledger, {"/report.pdf", "/photo.jpg"});
  CHECK(run.documents.empty());
  REQUIRE(FailureFor(ledger, server.Url("/report.pdf")));
  CHECK_THAT(FailureFor(ledger, server.Url("/report.pdf"))->reason, Catch::Contains("application/pdf"));
}

TEST_CASE("robots.txt is fetched once per host and honoured for our user agent") {
  TestHttpServer server;
  server.server().Get("/robots.txt", [](const auto&, auto& res) {
    res.set_content("User-agent: *\nDisallow: /\n\nUser-agent: tradewire-test\nDisallow: /private/\nAllow: /private/ok\n",
                    "text/plain");
  });
  server.server().Get(R"(/.*)", [](const auto&, auto& res) { res.set_content(kPage, "text/html"); });
  server.Start();
  StoreLedger ledger;
  Run run = FetchPaths(server, ledger, {"/public", "/private/secret", "/private/ok"});
  CHECK(run.documents.size() == 2);
  CHECK(server.CountRequests("/private/secret") == 0);
  // The site's choice, not a failure: counted apart, nothing recorded to retry.
  REQUIRE(run.reports.size() == 1);
  CHECK(run.reports[0].disallowed == 1);
  CHECK(run.reports[0].failures.empty());
  CHECK_FALSE(FailureFor(ledger, server.Url("/private/secret")));
  CHECK(server.CountRequests("/robots.txt") == 1);
}

TEST_CASE("robots.txt the server fails to give disallows the host until a later run (RFC 9309)") {
  TestHttpServer server;
  std::atomic<int> robots_status{503};
  server.server().Get("/robots.txt", [&](const auto&, auto& res) {
    res.status = robots_status.load();
    res.set_content(res.status == 200 ? "User-agent: *\nDisallow: /private/\n" : "", "text/plain");
  });
  server.server().Get(R"(/.*)", [](const auto&, auto& res) { res.set_content(kPage, "text/html"); });
  server.Start();
  StoreLedger ledger;
  Run run = FetchPaths(server, ledger, {"/a", "/b"});
  CHECK(run.documents.empty());
  CHECK(server.CountRequests("/a") == 0);
  CHECK(server.CountRequests("/robots.txt") == TestFetchConfig().max_attempts);  // asked again, with backoff
  auto failure = FailureFor(ledger, server.Url("/a"));
  REQUIRE(failure);
  CHECK_THAT(failure->reason, Catch::Contains("robots.txt unavailable (HTTP 503)"));
  CHECK_FALSE(failure->permanent);
  CHECK_FALSE(failure->retry_after.empty());

  // A later run that can read it fetches what it allows; a missing robots.txt (404) allows everything.
  robots_status = 200;
  StoreLedger later;
  Run second = FetchPaths(server, later, {"/a", "/private/b"});
  CHECK(second.documents.size() == 1);
  CHECK(server.CountRequests("/private/b") == 0);
  robots_status = 404;
  StoreLedger missing;
  CHECK(FetchPaths(server, missing, {"/a", "/private/b"}).documents.size() == 2);
}

TEST_CASE("a second run makes conditional requests and hands on nothing twice") {
  TestHttpServer server(TRADEWIRE_SOURCE_DIR "/corpus/site");
  server.Start();
  Config config = ListingConfig("feed", server.Url("/feeds/rss.xml"));
  StoreLedger ledger;
  Run first = RunConfig(ledger, config);
  CHECK(first.documents.size() >= 6);
  Run second = RunConfig(ledger, config);
  CHECK(second.documents.empty());
  auto requests = server.requests();
  int conditional = 0;
  for (const auto& r : requests) conditional += r.path == "/feeds/rss.xml" && !r.if_none_match.empty();
  CHECK(conditional == 1);
  CHECK(second.reports[0].not_modified == 1);  // the feed: 304, not parsed again
}

TEST_CASE("refetch_stored asks again for stored articles, conditionally, and hands on only the changed ones") {
  TempDir site;
  const std::vector<std::string> paths = {"/a.html", "/b.html", "/c.html"};
  for (const std::string& path : paths) {
    WriteFile(site.path() + path, std::string("<html><head><title>Story ") + path + "</title></head><body>"
                                  "<article><p>Trade talks resumed in Seoul, story " + path + ".</p></article></body></html>");
  }
  TestHttpServer server(site.path());
  server.Start();
  StoreLedger ledger;
  auto refetch = [](FetchConfig& fetch) { fetch.refetch_stored = true; };
  auto page_requests = [&] {
    int count = 0, conditional = 0;
    for (const auto& r : server.requests()) {
      if (r.path == "/robots.txt") continue;
      ++count;
      conditional += !r.if_none_match.empty();
    }
    return std::pair{count, conditional};
  };
  REQUIRE(FetchPaths(server, ledger, paths).documents.size() == 3);
  REQUIRE(page_requests() == std::pair{3, 0});

  // Off (the default): stored articles are not asked for at all.
  CHECK(FetchPaths(server, ledger, paths).documents.empty());
  CHECK(page_requests() == std::pair{3, 0});
  // On: each is asked with its ETag; unchanged pages answer 304 and nothing is handed on.
  CHECK(FetchPaths(server, ledger, paths, refetch).documents.empty());
  CHECK(page_requests() == std::pair{6, 3});
  // A corrected page is handed on, the others still not.
  WriteFile(site.path() + "/b.html", "<html><head><title>Story /b.html</title></head><body><article><p>Trade talks "
                                      "resumed in Seoul, story /b.html, corrected.</p></article></body></html>");
  Run corrected = FetchPaths(server, ledger, paths, refetch);
  REQUIRE(corrected.documents.size() == 1);
  CHECK(corrected.documents[0].url == server.Url("/b.html"));
  CHECK_THAT(corrected.documents[0].body, Catch::Contains("corrected"));
  CHECK(page_requests() == std::pair{9, 6});
}

TEST_CASE("a feed with broken XML still yields its readable entries") {
  TestHttpServer server;
  server.server().Get("/feed.xml", [](const auto&, auto& res) {
    res.set_content(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Trade & tariffs</title>"
        "<item><title>Tariffs & talks</title><link>/one</link><pubDate>Tue, 20 May 2025 07:58:00 GMT</pubDate></item>"
        "<item><title>Second &nbsp; story</title><link>/two</link></item>"
        "</channel>",  // never closed
        "application/rss+xml");
  });
  server.server().Get(R"(/(one|two))", [](const auto&, auto& res) { res.set_content(kPage, "text/html"); });
  server.Start();
  StoreLedger ledger;
  Run run = RunConfig(ledger, ListingConfig("feed", server.Url("/feed.xml")));
  REQUIRE(run.documents.size() == 2);  // in the order the fetches completed
  const FetchedDocument& one = run.documents[0].url == server.Url("/one") ? run.documents[0] : run.documents[1];
  CHECK(one.url == server.Url("/one"));
  CHECK(one.date_hint == "2025-05-20");
}

TEST_CASE("the per-host delay spaces requests to one host") {
  TestHttpServer server;
  server.server().Get(R"(/p\d)", [](const auto&, auto& res) { res.set_content(kPage, "text/html"); });
  server.Start();
  StoreLedger ledger;
  auto started = std::chrono::steady_clock::now();
  Run run = FetchPaths(server, ledger, {"/p1", "/p2", "/p3"}, [](FetchConfig& fetch) {
    fetch.per_host_delay_ms = 300;
    fetch.obey_robots = false;
  });
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(run.documents.size() == 3);
  CHECK(seconds >= 0.6);  // two gaps of at least 300 ms
}

TEST_CASE("gzip-encoded pages are decoded") {
  TestHttpServer server;
  server.server().Get("/gz", [](const auto&, auto& res) {
    auto body = std::make_shared<std::string>(Gzip(kPage));
    res.set_header("Content-Encoding", "gzip");
    res.set_content_provider(body->size(), "text/html", [body](size_t offset, size_t, httplib::DataSink& sink) {
      return sink.write(body->data() + offset, body->size() - offset);
    });
  });
  server.Start();
  StoreLedger ledger;
  Run run = FetchPaths(server, ledger, {"/gz"});
  REQUIRE(run.documents.size() == 1);
  CHECK(run.documents[0].body == kPage);
}

TEST_CASE("a reset connection is retried, then recorded for the next run, the others are fetched") {
  ResettingServer resetting;
  TestHttpServer server;
  server.server().Get("/ok", [](const auto&, auto& res) { res.set_content(kPage, "text/html"); });
  server.Start();
  StoreLedger ledger;
  Run run = FetchUrls(ledger, {resetting.Url("/story"), server.Url("/ok")},
                      [](FetchConfig& fetch) { fetch.obey_robots = false; });
  REQUIRE(run.documents.size() == 1);
  CHECK(run.documents[0].url == server.Url("/ok"));
  auto failure = FailureFor(ledger, resetting.Url("/story"));
  REQUIRE(failure);
  CHECK_THAT(failure->reason, Catch::Contains("reset") || Catch::Contains("Empty reply"));
  CHECK_FALSE(failure->permanent);
  CHECK_FALSE(failure->retry_after.empty());
  CHECK(resetting.connections() == TestFetchConfig().max_attempts);
}

TEST_CASE("concurrent fetches stay within the global and the per-host limits") {
  ConcurrencyProbe total, first_host, second_host;
  auto slow_page = [&total](ConcurrencyProbe& host) {
    return [&total, &host](const httplib::Request&, httplib::Response& res) {
      total.Enter();
      host.Enter();
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
      host.Leave();
      total.Leave();
      res.set_content(kPage, "text/html");
    };
  };
  TestHttpServer first, second;  // two ports: two hosts as politeness sees them
  first.server().Get(R"(/p\d+)", slow_page(first_host));
  second.server().Get(R"(/p\d+)", slow_page(second_host));
  first.Start();
  second.Start();
  std::vector<std::string> urls;
  for (int i = 0; i < 8; ++i) {
    urls.push_back(first.Url("/p" + std::to_string(i)));
    urls.push_back(second.Url("/p" + std::to_string(i)));
  }
  StoreLedger ledger;
  Run run = FetchUrls(ledger, urls, [](FetchConfig& fetch) {
    fetch.concurrency = 3;
    fetch.per_host_connections = 2;
    fetch.obey_robots = false;
  });
  CHECK(run.documents.size() == 16);
  CHECK(total.most <= 3);
  CHECK(total.most >= 2);  // requests did overlap
  CHECK(first_host.most <= 2);
  CHECK(second_host.most <= 2);
  CHECK(first_host.most >= 1);
  CHECK(second_host.most >= 1);
}

TEST_CASE("a host's Crawl-delay spaces its requests even with several connections allowed") {
  TestHttpServer server;
  std::mutex mutex;
  std::vector<std::chrono::steady_clock::time_point> arrivals;
  server.server().Get("/robots.txt", [](const auto&, auto& res) {
    res.set_content("User-agent: *\nCrawl-delay: 0.3\n", "text/plain");
  });
  server.server().Get(R"(/p\d)", [&](const auto&, auto& res) {
    std::lock_guard lock(mutex);
    arrivals.push_back(std::chrono::steady_clock::now());
    res.set_content(kPage, "text/html");
  });
  server.Start();
  StoreLedger ledger;
  FetchPaths(server, ledger, {"/p1", "/p2", "/p3"}, [](FetchConfig& fetch) { fetch.per_host_connections = 4; });
  REQUIRE(arrivals.size() == 3);
  for (std::size_t i = 1; i < arrivals.size(); ++i) {
    CHECK(arrivals[i] - arrivals[i - 1] >= std::chrono::milliseconds(250));
  }
}

TEST_CASE("a sitemap index with a gzipped child sitemap and a Google News sitemap, read once when it lists itself") {
  TestHttpServer server;
  server.server().Get("/sitemap.xml", [&server](const auto&, auto& res) {
    res.set_content("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                    "<sitemap><loc>/pages.xml.gz</loc></sitemap><sitemap><loc>/news.xml</loc></sitemap>"
                    "<sitemap><loc>/sitemap.xml</loc></sitemap></sitemapindex>",
                    "application/xml");
  });
  server.server().Get("/pages.xml.gz", [](const auto&, auto& res) {
    res.set_content(Gzip("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                         "<url><loc>/a</loc></url><url><loc>/b</loc></url></urlset>"),
                    "application/x-gzip");
  });
  server.server().Get("/news.xml", [](const auto&, auto& res) {
    res.set_content("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                    "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>/c</loc><news:news>"
                    "<news:publication_date>2025-05-20T07:58:00+09:00</news:publication_date>"
                    "<news:title>Tariff talks</news:title></news:news></url></urlset>",
                    "application/xml");
  });
  server.server().Get(R"(/[abc])", [](const auto&, auto& res) { res.set_content(kPage, "text/html"); });
  server.Start();
  StoreLedger ledger;
  Run run = RunConfig(ledger, ListingConfig("sitemap", server.Url("/sitemap.xml")));
  std::map<std::string, const FetchedDocument*> by_url;
  for (const FetchedDocument& document : run.documents) by_url[document.url] = &document;
  CHECK(by_url.size() == 3);
  REQUIRE(by_url.count(server.Url("/c")));
  CHECK(by_url[server.Url("/c")]->date_hint == "2025-05-20");
  CHECK(by_url[server.Url("/c")]->title_hint == "Tariff talks");
  CHECK(server.CountRequests("/sitemap.xml") == 1);  // the index lists itself: read once all the same
}

TEST_CASE("pages in EUC-KR, Shift_JIS, GB2312 and windows-1252 come out right, labelled or not") {
  using namespace tradewire::testing;
  struct Case {
    std::string path, text;
    const char* charset;
    bool in_header, in_meta;
  };
  std::vector<Case> cases = {
      {"/ko-header", kKoreanText, "EUC-KR", true, false},   {"/ko-meta", kKoreanText, "EUC-KR", false, true},
      {"/ja-header", kJapaneseText, "Shift_JIS", true, false}, {"/ja-meta", kJapaneseText, "Shift_JIS", false, true},
      {"/zh-header", kChineseText, "GB2312", true, false},  {"/zh-none", kChineseText, "GB2312", false, false},
      {"/fr-header", kFrenchText, "windows-1252", true, false}, {"/fr-meta", kFrenchText, "windows-1252", false, true},
  };
  TestHttpServer server;
  std::vector<std::string> paths;
  for (const Case& c : cases) {
    std::string meta = c.in_meta ? std::string("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=") +
                                       c.charset + "\">"
                                 : "";
    std::string paragraphs;
    for (int i = 1; i <= 4; ++i) paragraphs += "<p>" + std::to_string(i) + ". " + c.text + "</p>";
    std::string html = "<html><head>" + meta + "<title>t</title></head><body><article><h1>" + c.text + "</h1>" +
                       paragraphs + "</article></body></html>";
    std::string bytes = EncodeAs(html, c.charset);
    std::string type = c.in_header ? std::string("text/html; charset=") + c.charset : "text/html";
    server.server().Get(c.path, [bytes, type](const auto&, auto& res) { res.set_content(bytes, type); });
    paths.push_back(c.path);
  }
  server.Start();
  StoreLedger ledger;
  Run run = FetchPaths(server, ledger, paths);
  REQUIRE(run.documents.size() == cases.size());
  auto processor = DocumentProcessor::Load(TRADEWIRE_SOURCE_DIR "/schemas");
  REQUIRE(processor.ok());
  for (const FetchedDocument& document : run.documents) {
    const Case* expected = nullptr;
    for (const Case& c : cases) {
      if (document.url == server.Url(c.path)) expected = &c;
    }
    REQUIRE(expected);
    INFO(expected->path);
    ProcessedDocument processed = processor->Process(document);
    CHECK_THAT(processed.article.text, Catch::Contains(expected->text));
    CHECK(processed.article.title == expected->text);
  }
}

TEST_CASE("a text/plain response is read as plain text, its lines kept") {
  TestHttpServer server;
  const std::string story = "Korea, US end talks\nPublished: 23 May 2025\n\n<b>Talks</b> ended on Thursday.\n";
  server.server().Get("/story", [&](const auto&, auto& res) { res.set_content(story, "text/plain; charset=utf-8"); });
  server.Start();
  StoreLedger ledger;
  Run run = FetchPaths(server, ledger, {"/story"});
  REQUIRE(run.documents.size() == 1);
  auto processor = DocumentProcessor::Load(TRADEWIRE_SOURCE_DIR "/schemas");
  REQUIRE(processor.ok());
  ProcessedDocument processed = processor->Process(run.documents[0]);
  CHECK(processed.article.text == story);
  CHECK(processed.article.title == "Korea, US end talks");
  CHECK(processed.article.published == "2025-05-23");
  CHECK_FALSE(processed.content_hash.empty());
}

TEST_CASE("a configured proxy carries every request") {
  TestHttpServer proxy;
  proxy.server().Get(R"(.*)", [](const httplib::Request& request, httplib::Response& res) {
    if (request.target.rfind("http://news.invalid/", 0) != 0) {  // a proxy is sent absolute URLs
      res.status = 400;
      return;
    }
    res.set_content(request.target == "http://news.invalid/robots.txt" ? "" : kPage, "text/html");
  });
  proxy.Start();
  StoreLedger ledger;
  Run run = FetchUrls(ledger, {"http://news.invalid/story"},
                      [&proxy](FetchConfig& fetch) { fetch.proxy = proxy.Url(""); });
  REQUIRE(run.documents.size() == 1);
  CHECK(run.documents[0].url == "http://news.invalid/story");
  CHECK(run.documents[0].body == kPage);
}

TEST_CASE("every spelling of a private or metadata address is classified as such, public ones as public") {
  for (const char* ip : {"127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                         "100.64.0.1", "169.254.1.1", "0.0.0.0", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1",
                         "fe80::1%eth0", "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "64:ff9b::a00:1",
                         "not an address"}) {
    INFO(ip);
    CHECK(ClassifyAddress(ip) == AddressClass::kPrivate);
  }
  for (const char* ip : {"169.254.169.254", "::ffff:169.254.169.254", "fd00:ec2::254"}) {
    INFO(ip);
    CHECK(ClassifyAddress(ip) == AddressClass::kMetadata);
  }
  for (const char* ip : {"8.8.8.8", "172.32.0.1", "192.169.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"}) {
    INFO(ip);
    CHECK(ClassifyAddress(ip) == AddressClass::kPublic);
  }
}

TEST_CASE("which hop of which request may reach which address") {
  const auto allowed = [](Reach reach, AddressClass address, int hop, bool first_private) {
    return RefusalReason(reach, address, hop, first_private).empty();
  };
  CHECK(allowed(Reach::kConfigured, AddressClass::kPrivate, 0, true));
  CHECK(allowed(Reach::kConfigured, AddressClass::kMetadata, 0, true));  // the operator named it
  CHECK(allowed(Reach::kConfigured, AddressClass::kPrivate, 1, true));
  CHECK_FALSE(allowed(Reach::kConfigured, AddressClass::kPrivate, 1, false));  // a public page redirected inside
  CHECK_FALSE(allowed(Reach::kConfigured, AddressClass::kMetadata, 1, true));
  CHECK(allowed(Reach::kIntranet, AddressClass::kPrivate, 0, true));
  CHECK_FALSE(allowed(Reach::kIntranet, AddressClass::kMetadata, 1, true));
  CHECK_FALSE(allowed(Reach::kPublic, AddressClass::kPrivate, 0, true));
  CHECK(allowed(Reach::kPublic, AddressClass::kPublic, 3, false));
  CHECK(allowed(Reach::kAnywhere, AddressClass::kMetadata, 2, false));
  CHECK_THAT(std::string(RefusalReason(Reach::kPublic, AddressClass::kMetadata, 0, false)),
             Catch::Contains("metadata"));
}

namespace {

// Fetches `urls` as links learned with `reach`, straight through a Fetcher; returns the failures by URL.
std::map<std::string, std::string> FetchLearned(const std::vector<std::string>& urls, Reach reach,
                                                bool allow_private_networks, int* fetched) {
  StoreLedger ledger;
  FetchConfig config = TestFetchConfig();
  config.allow_private_networks = allow_private_networks;
  Fetcher fetcher(config, ledger);
  std::map<std::string, std::string> failures;
  for (const std::string& url : urls) {
    fetcher.Enqueue(url, "test", false, [&, url](Fetcher::Result result) {
      if (result.outcome == Fetcher::Outcome::kFetched) ++*fetched;
      if (result.outcome == Fetcher::Outcome::kFailed) failures[url] = result.failure.reason;
    }, reach);
  }
  fetcher.Run();
  return failures;
}

}  // namespace

TEST_CASE("links from a public listing cannot reach loopback in any spelling, nor through a redirect") {
  TestHttpServer server;
  server.server().Get("/secret", [](const auto&, auto& res) { res.set_content(kPage, "text/html"); });
  server.server().Get("/hop", [](const auto&, auto& res) { res.set_redirect("/secret"); });
  server.Start();
  const std::string port = std::to_string(server.port());
  const std::vector<std::string> urls = {
      "http://127.0.0.1:" + port + "/secret",   "http://2130706433:" + port + "/secret",
      "http://0x7f.1:" + port + "/secret",      "http://127.1:" + port + "/secret",
      "http://localhost:" + port + "/secret",   "http://[::ffff:127.0.0.1]:" + port + "/secret",
      "http://127.0.0.1:" + port + "/hop"};
  int fetched = 0;
  std::map<std::string, std::string> failures = FetchLearned(urls, Reach::kPublic, false, &fetched);
  CHECK(fetched == 0);
  for (const std::string& url : urls) {
    INFO(url);
    REQUIRE(failures.count(url));
    CHECK_THAT(failures[url], Catch::StartsWith("refused: ") && Catch::Contains("private address"));
  }
  CHECK(server.CountRequests("/secret") == 0);  // refused before the request was sent
  CHECK(server.CountRequests("/robots.txt") == 0);

  // From an intranet listing, or with allow_private_networks, the same links are fetched.
  fetched = 0;
  CHECK(FetchLearned(urls, Reach::kIntranet, false, &fetched).empty());
  CHECK(fetched == static_cast<int>(urls.size()));
  fetched = 0;
  CHECK(FetchLearned(urls, Reach::kPublic, true, &fetched).empty());
  CHECK(fetched == static_cast<int>(urls.size()));
}

TEST_CASE("a listing served from loopback is an intranet: its links on loopback are fetched") {
  TestHttpServer server;
  server.server().Get("/story", [](const auto&, auto& res) { res.set_content(kPage, "text/html"); });
  server.server().Get("/feed.xml", [&server](const auto&, auto& res) {
    const std::string story = "http://2130706433:" + std::to_string(server.port()) + "/story";
    res.set_content("<rss version=\"2.0\"><channel><title>t</title><item><title>Talks</title><link>" + story +
                        "</link></item></channel></rss>",
                    "application/rss+xml");
  });
  server.Start();
  StoreLedger ledger;
  Run run = RunConfig(ledger, ListingConfig("feed", server.Url("/feed.xml")));
  REQUIRE(run.documents.size() == 1);
  CHECK(run.documents[0].url == "http://2130706433:" + std::to_string(server.port()) + "/story");
}

namespace {

// An operator's machine on 127.0.0.1 with a secret page, and "the web" on 127.0.0.2 (taken as public by the
// fetch config): a feed whose items point inside in every spelling, a public story, and a redirect inside.
struct InsideAndOutside {
  TestHttpServer inside;
  TestHttpServer web;
  InsideAndOutside() {
    inside.server().Get("/secret", [](const auto&, auto& res) { res.set_content(kPage, "text/html"); });
    inside.Start("127.0.0.1");
    web.server().Get("/story", [](const auto&, auto& res) { res.set_content(kPage, "text/html"); });
    web.server().Get("/hop", [this](const auto&, auto& res) { res.set_redirect(inside.Url("/secret")); });
    web.server().Get("/feed.xml", [this](const auto&, auto& res) {
      std::string items;
      for (const std::string& link : FeedLinks()) items += "<item><title>t</title><link>" + link + "</link></item>";
      res.set_content("<rss version=\"2.0\"><channel><title>t</title>" + items + "</channel></rss>",
                      "application/rss+xml");
    });
    web.Start("127.0.0.2");
  }
  std::vector<std::string> InsideLinks() const {
    const std::string port = std::to_string(inside.port());
    return {"http://127.0.0.1:" + port + "/secret",  "http://2130706433:" + port + "/secret",
            "http://0x7f.1:" + port + "/secret",     "http://127.1:" + port + "/secret",
            "http://localhost:" + port + "/secret", "http://[::ffff:127.0.0.1]:" + port + "/secret",
            web.Url("/hop")};
  }
  std::vector<std::string> FeedLinks() const {
    std::vector<std::string> links = InsideLinks();
    links.push_back(web.Url("/story"));
    return links;
  }
  Config FeedConfig(bool allow_private_networks) const {
    Config config = ListingConfig("feed", web.Url("/feed.xml"));
    config.fetch.addresses_taken_as_public = {"127.0.0.2"};
    config.fetch.allow_private_networks = allow_private_networks;
    return config;
  }
};

}  // namespace

TEST_CASE("a public feed's items cannot reach the operator's machine: each is a recorded failure naming why") {
  InsideAndOutside net;
  StoreLedger ledger;
  Run run = RunConfig(ledger, net.FeedConfig(false));
  REQUIRE(run.documents.size() == 1);
  CHECK(run.documents[0].url == net.web.Url("/story"));
  CHECK(net.inside.CountRequests("/secret") == 0);
  CHECK(net.inside.CountRequests("/robots.txt") == 0);
  REQUIRE(run.reports.size() == 1);
  CHECK(run.reports[0].failed == static_cast<int>(net.InsideLinks().size()));
  for (const FetchFailure& reported : run.reports[0].failures) {  // as the feed parser canonicalized them
    INFO(reported.url);
    std::optional<FetchFailure> failure = FailureFor(ledger, reported.url);
    REQUIRE(failure);
    CHECK_THAT(failure->reason, Catch::StartsWith("refused: ") &&
                                    Catch::Contains("private address learned from a public listing"));
  }

  // The operator who wants them says so.
  StoreLedger open_ledger;
  Run open = RunConfig(open_ledger, net.FeedConfig(true));
  CHECK(open.documents.size() == net.FeedLinks().size());
}

TEST_CASE("a configured URL is trusted, but a configured public URL may not redirect inside") {
  InsideAndOutside net;
  StoreLedger ledger;
  Run run = FetchUrls(ledger, {net.inside.Url("/secret"), net.web.Url("/hop")},
                      [](FetchConfig& fetch) { fetch.addresses_taken_as_public = {"127.0.0.2"}; });
  REQUIRE(run.documents.size() == 1);
  CHECK(run.documents[0].url == net.inside.Url("/secret"));
  std::optional<FetchFailure> failure = FailureFor(ledger, net.web.Url("/hop"));
  REQUIRE(failure);
  CHECK_THAT(failure->reason, Catch::Contains("private address reached by a redirect from a public one"));
  CHECK(net.inside.CountRequests("/secret") == 1);  // the configured one only
}
