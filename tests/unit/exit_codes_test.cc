// The exit codes the README promises, the same for every command: 0 all well; 1 some inputs failed (each named
// on stderr, the rest still stored); 2 bad usage, bad config, unreadable or foreign database; 75 another run
// holds the store. Real processes of the built binary, a real store, a real HTTP server on 127.0.0.1.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "pipeline/store/sqlite.h"
#include "pipeline/store/store.h"
#include "tests/support/http_server.h"
#include "tests/support/pages.h"
#include "tests/support/subprocess.h"

using namespace tradewire::testing;
using nlohmann::json;

namespace {

// A config whose one `urls` source lists `paths` of `server`, storing into `db`.
std::string UrlsConfig(const TempDir& dir, const TestHttpServer& server, const std::vector<std::string>& paths,
                       const std::string& db) {
  std::string list;
  for (const std::string& path : paths) list += server.Url(path) + "\n";
  WriteFile(dir.File("urls.txt"), list);
  std::string config = "[fetch]\nuser_agent = \"tradewire-test\"\nper_host_delay_ms = 0\nmax_attempts = 1\n"
                       "\n[store]\npath = \"" + db + "\"\n"
                       "\n[[source]]\nname = \"list\"\nkind = \"urls\"\npath = \"" + dir.File("urls.txt") + "\"\n";
  WriteFile(dir.File("config.toml"), config);
  return dir.File("config.toml");
}

long StoredArticles(const std::string& db) {
  auto stats = RunTradewire({"stats", "--db", db});
  REQUIRE(stats.exit_code == 0);
  return json::parse(stats.out)["articles"].get<long>();
}

// Holds the store's writer lock for as long as it lives, as a run in progress would.
struct RunInProgress {
  explicit RunInProgress(const std::string& db) {
    auto opened = tradewire::Store::Open(db, TRADEWIRE_SOURCE_DIR "/schemas", tradewire::Store::Mode::kCreate);
    REQUIRE(opened.ok());
    store = std::move(opened).value();
    REQUIRE(store->LockForWriting().ok());
  }
  std::unique_ptr<tradewire::Store> store;
};

}  // namespace

TEST_CASE("ingest exits 0 when all is well, 1 naming what failed with the rest stored, 2 on a bad config, 75 when locked") {
  TestHttpServer server;
  server.server().Get("/story", [](const auto&, auto& res) { res.set_content(kTariffTalksPage, "text/html"); });
  server.server().Get("/gone", [](const auto&, auto& res) { res.status = 410; });
  server.Start();
  TempDir dir;

  auto good = RunTradewire({"ingest", "--config", UrlsConfig(dir, server, {"/story"}, dir.File("good.db"))});
  INFO(good.err);
  CHECK(good.exit_code == 0);
  CHECK(StoredArticles(dir.File("good.db")) == 1);

  auto partial = RunTradewire({"ingest", "--config", UrlsConfig(dir, server, {"/gone", "/story"}, dir.File("p.db"))});
  CHECK(partial.exit_code == 1);
  CHECK_THAT(partial.err, Catch::Contains(server.Url("/gone")) && Catch::Contains("410"));
  CHECK(StoredArticles(dir.File("p.db")) == 1);

  WriteFile(dir.File("bad.toml"), "[fetch]\nconcurency = 4\n");
  auto bad_config = RunTradewire({"ingest", "--config", dir.File("bad.toml")});
  CHECK(bad_config.exit_code == 2);
  CHECK_THAT(bad_config.err, Catch::Contains("bad.toml") && Catch::Contains("concurency"));
  auto missing_config = RunTradewire({"ingest", "--config", dir.File("none.toml")});
  CHECK(missing_config.exit_code == 2);
  CHECK_THAT(missing_config.err, Catch::Contains("none.toml"));

  RunInProgress running(dir.File("good.db"));
  auto locked = RunTradewire({"ingest", "--config", UrlsConfig(dir, server, {"/story"}, dir.File("good.db"))});
  CHECK(locked.exit_code == 75);
  CHECK_THAT(locked.err, Catch::Contains("another tradewire run"));
}

TEST_CASE("import exits 1 naming the file that failed with the others stored, 2 on a foreign store, 75 when locked") {
  TempDir dir;
  std::filesystem::create_directories(dir.File("pages"));
  WriteFile(dir.File("pages/story.html"), kTariffTalksPage);
  WriteFile(dir.File("pages/broken.html.gz"), "\x1f\x8b\x08 not really gzip");
  auto partial = RunTradewire({"import", "--db", dir.File("s.db"), dir.File("pages")});
  CHECK(partial.exit_code == 1);
  CHECK_THAT(partial.err, Catch::Contains("broken.html.gz"));
  CHECK(StoredArticles(dir.File("s.db")) == 1);

  WriteFile(dir.File("foreign.db"), std::string(4096, 'x'));
  auto foreign = RunTradewire({"import", "--db", dir.File("foreign.db"), dir.File("pages")});
  CHECK(foreign.exit_code == 2);
  CHECK_THAT(foreign.err, Catch::Contains("foreign.db"));
  CHECK(ReadFile(dir.File("foreign.db")) == std::string(4096, 'x'));

  RunInProgress running(dir.File("s.db"));
  auto locked = RunTradewire({"import", "--db", dir.File("s.db"), dir.File("pages")});
  CHECK(locked.exit_code == 75);
}

TEST_CASE("reprocess, stats and search exit 2 naming a missing store, reprocess 75 when locked") {
  TempDir dir;
  std::filesystem::create_directories(dir.File("pages"));
  WriteFile(dir.File("pages/story.html"), kTariffTalksPage);
  REQUIRE(RunTradewire({"import", "--db", dir.File("s.db"), dir.File("pages")}).exit_code == 0);
  for (const char* command : {"reprocess", "stats", "search"}) {
    INFO(command);
    std::vector<std::string> args = {command, "--db", dir.File("none.db")};
    if (std::string(command) == "search") args.push_back("tariffs");
    auto missing = RunTradewire(args);
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.err, Catch::Contains("none.db"));
    CHECK(missing.out.empty());
  }
  auto found = RunTradewire({"search", "--db", dir.File("s.db"), "tariffs"});
  CHECK(found.exit_code == 0);
  CHECK_THAT(found.out, Catch::Contains("Seoul and Washington"));
  auto nothing = RunTradewire({"search", "--db", dir.File("s.db"), "zeppelins"});
  CHECK(nothing.exit_code == 0);
  CHECK(nothing.out.empty());

  RunInProgress running(dir.File("s.db"));
  auto locked = RunTradewire({"reprocess", "--all", "--db", dir.File("s.db")});
  CHECK(locked.exit_code == 75);
  CHECK_THAT(locked.err, Catch::Contains("another tradewire run"));
  // Readers go on while a run writes.
  CHECK(RunTradewire({"stats", "--db", dir.File("s.db")}).exit_code == 0);
}

TEST_CASE("an unknown command exits 2 naming it, --version exits 0") {
  auto unknown = RunTradewire({"ingets"});
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("ingets"));
  auto none = RunTradewire({});
  CHECK(none.exit_code == 2);
  auto version = RunTradewire({"--version"});
  CHECK(version.exit_code == 0);
  CHECK_THAT(version.out, Catch::StartsWith("tradewire "));
}

TEST_CASE("of two first runs on a new store, the one that finds the other creating it exits 75, not 2") {
  TestHttpServer server;
  server.server().Get("/story", [](const auto&, auto& res) { res.set_content(kTariffTalksPage, "text/html"); });
  server.Start();
  TempDir dir;
  const std::string db = dir.File("new.db");
  // The first run as it is while creating the store: its writer lock taken and the new file's first migration
  // in an open transaction.
  int lock = open((db + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE(lock >= 0);
  REQUIRE(flock(lock, LOCK_EX | LOCK_NB) == 0);
  auto first = tradewire::sql::Database::Open(db, true);
  REQUIRE(first.ok());
  REQUIRE((*first)->Execute("BEGIN EXCLUSIVE; CREATE TABLE half_migrated(x)").ok());

  auto second = RunTradewire({"ingest", "--config", UrlsConfig(dir, server, {"/story"}, db)});
  CHECK(second.exit_code == 75);
  CHECK_THAT(second.err, Catch::Contains("another tradewire run"));
  CHECK(server.CountRequests("/story") == 0);

  REQUIRE((*first)->Execute("ROLLBACK").ok());
  close(lock);
}
