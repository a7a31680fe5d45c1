// kill -9 at random moments of import, ingest and a reprocess that changes rows, then a rerun: nothing lost, nothing duplicated, and the
// database passes PRAGMA integrity_check. Real child processes, a real SQLite file.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "pipeline/store/sqlite.h"
#include "tests/support/http_server.h"
#include "tests/support/schemas.h"
#include "tests/support/subprocess.h"

using namespace tradewire;
using namespace tradewire::testing;

namespace {

// A folder of `count` distinct article pages.
void MakePages(const std::string& folder, int count) {
  std::filesystem::create_directories(folder);
  static const char* kWords[] = {"tariff", "steel", "Korea", "quota", "ministry", "semiconductor", "talks", "beef",
                                 "export", "Washington", "round", "barrier", "digital", "auto", "rate", "deal"};
  std::mt19937 rng(7);
  for (int i = 0; i < count; ++i) {
    std::string body;
    for (int p = 0; p < 6; ++p) {
      body += "<p>Story " + std::to_string(i) + " paragraph " + std::to_string(p) + ":";
      for (int w = 0; w < 40; ++w) body += std::string(" ") + kWords[rng() % 16];
      body += ".</p>\n";
    }
    WriteFile(folder + "/page" + std::to_string(i) + ".html",
              "<html><head><title>Story " + std::to_string(i) + "</title></head><body><article>" + body +
                  "</article></body></html>");
    WriteFile(folder + "/page" + std::to_string(i) + ".html.url",
              "https://news.example/2025/05/story-" + std::to_string(i) + ".html\n");
  }
}

struct Counts {
  long documents, articles, mentions, distinct_urls;
  std::string integrity;
  bool operator==(const Counts&) const = default;
};

Counts Count(const std::string& db_path) {
  auto db = sql::Database::Open(db_path, false);
  REQUIRE(db.ok());
  auto scalar = [&](const char* q) {
    auto stmt = (*db)->Prepare(q);
    REQUIRE(stmt.ok());
    REQUIRE(stmt->Step());
    return stmt->Int(0);
  };
  auto integrity = (*db)->Prepare("PRAGMA integrity_check");
  REQUIRE(integrity.ok());
  REQUIRE(integrity->Step());
  return {scalar("SELECT COUNT(*) FROM documents"), scalar("SELECT COUNT(*) FROM articles"),
          scalar("SELECT COUNT(*) FROM mentions"), scalar("SELECT COUNT(DISTINCT url) FROM documents"),
          integrity->Text(0)};
}

long DocumentsAtVersion(const std::string& db_path, const std::string& version) {
  auto db = sql::Database::Open(db_path, false);
  REQUIRE(db.ok());
  auto stmt = (*db)->Prepare("SELECT COUNT(*) FROM documents WHERE processor_version = ?1");
  REQUIRE(stmt.ok());
  stmt->Bind(1, version);
  REQUIRE(stmt->Step());
  return stmt->Int(0);
}

}  // namespace

TEST_CASE("kill -9 during import and reprocess loses nothing and duplicates nothing") {
  TempDir dir;
  const int kPages = 400;
  MakePages(dir.File("pages"), kPages);

  // The reference: one uninterrupted import.
  REQUIRE(RunTradewire({"import", "--db", dir.File("clean.db"), dir.File("pages")}).exit_code == 0);
  Counts clean = Count(dir.File("clean.db"));
  REQUIRE(clean.documents == kPages);
  REQUIRE(clean.integrity == "ok");

  std::mt19937 rng(2026);
  int killed = 0;
  for (int round = 0; round < 8; ++round) {
    int pid = StartTradewire({"import", "--db", dir.File("crash.db"), dir.File("pages")});
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(30, 900)(rng)));
    killed += kill(pid, SIGKILL) == 0;
    WaitForExit(pid);
  }
  INFO(killed << " runs killed");
  // Reruns until one completes, as the next night's cron job would.
  REQUIRE(RunTradewire({"import", "--db", dir.File("crash.db"), dir.File("pages")}).exit_code == 0);
  Counts after_import = Count(dir.File("crash.db"));
  CHECK(after_import == clean);

  // Reprocess after an analyst edits a gazetteer so that rows really change: "steel" is no longer a product.
  const std::string edited = SchemasWithoutProduct(dir.File("schemas"), "steel");
  const std::string edited_version = ProcessorVersionOf(edited);
  auto started = std::chrono::steady_clock::now();
  REQUIRE(RunTradewire({"--schemas", edited, "reprocess", "--db", dir.File("clean.db")}).exit_code == 0);
  const auto reprocess_time = std::chrono::steady_clock::now() - started;
  Counts clean_reprocessed = Count(dir.File("clean.db"));
  REQUIRE(clean_reprocessed.mentions < clean.mentions);
  REQUIRE(DocumentsAtVersion(dir.File("clean.db"), edited_version) == kPages);

  // The first kill lands as soon as a batch is committed, with half the documents still to go; the others
  // somewhere in a reprocess's running time. A rerun resumes where the last one stopped.
  bool killed_mid_write = false;
  for (int round = 0; round < 4; ++round) {
    int pid = StartTradewire({"--schemas", edited, "reprocess", "--db", dir.File("crash.db")});
    if (round == 0) {
      auto give_up = std::chrono::steady_clock::now() + reprocess_time * 20;
      while (DocumentsAtVersion(dir.File("crash.db"), edited_version) == 0 && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    } else {
      std::this_thread::sleep_for(reprocess_time * std::uniform_real_distribution<double>(0.2, 0.7)(rng));
    }
    kill(pid, SIGKILL);
    WaitForExit(pid);
    long done = DocumentsAtVersion(dir.File("crash.db"), edited_version);
    killed_mid_write |= done > 0 && done < kPages;
  }
  CHECK(killed_mid_write);
  REQUIRE(RunTradewire({"--schemas", edited, "reprocess", "--db", dir.File("crash.db")}).exit_code == 0);
  CHECK(Count(dir.File("crash.db")) == clean_reprocessed);
  CHECK(DocumentsAtVersion(dir.File("crash.db"), edited_version) == kPages);
}

TEST_CASE("kill -9 during ingest over HTTP loses nothing and duplicates nothing") {
  TempDir dir;
  const int kPages = 200;
  MakePages(dir.File("site"), kPages);
  std::string sitemap = "<?xml version=\"1.0\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  TestHttpServer server(dir.File("site"));
  server.Start();
  for (int i = 0; i < kPages; ++i) sitemap += "<url><loc>" + server.Url("/page" + std::to_string(i) + ".html") + "</loc></url>\n";
  WriteFile(dir.File("site/sitemap.xml"), sitemap + "</urlset>\n");
  auto config = [&](const std::string& db) {
    WriteFile(dir.File(db + ".toml"), "[fetch]\nuser_agent = \"tradewire-test\"\nper_host_delay_ms = 0\n"
                                      "per_host_connections = 4\n\n[store]\npath = \"" + dir.File(db) + "\"\n\n"
                                      "[[source]]\nname = \"site\"\nkind = \"sitemap\"\nurl = \"" +
                                      server.Url("/sitemap.xml") + "\"\n");
    return dir.File(db + ".toml");
  };

  auto started = std::chrono::steady_clock::now();
  REQUIRE(RunTradewire({"ingest", "--config", config("clean.db")}).exit_code == 0);
  const auto ingest_time = std::chrono::steady_clock::now() - started;
  Counts clean = Count(dir.File("clean.db"));
  REQUIRE(clean.documents == kPages);

  std::mt19937 rng(9309);
  const std::string crash_config = config("crash.db");
  for (int round = 0; round < 6; ++round) {
    int pid = StartTradewire({"ingest", "--config", crash_config});
    std::this_thread::sleep_for(ingest_time * std::uniform_real_distribution<double>(0.1, 0.6)(rng));
    kill(pid, SIGKILL);
    WaitForExit(pid);
    if (std::filesystem::exists(dir.File("crash.db"))) CHECK(Count(dir.File("crash.db")).integrity == "ok");
  }
  // The next night's run completes what the killed ones left, storing each page once.
  auto rerun = RunTradewire({"ingest", "--config", crash_config});
  INFO(rerun.err);
  REQUIRE(rerun.exit_code == 0);
  CHECK(Count(dir.File("crash.db")) == clean);
}
