// Quiet for cron, talkative for a person: a run that goes well prints nothing (the summary line only with
// --summary or --log-level info), each failure is printed once on stderr, a URL robots.txt disallows is counted
// apart and is no failure, and on a terminal (a real pty) ingest, import and reprocess draw one live progress
// line that a pipe never sees. Real processes of the built binary, a real store, a real HTTP server on 127.0.0.1.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "tests/support/http_server.h"
#include "tests/support/pages.h"
#include "tests/support/subprocess.h"
#include "tests/support/warc.h"

using namespace tradewire::testing;

namespace {

// A server with an article at /story, /gone answering 410, /busy answering 503, and a robots.txt that
// disallows /private/.
void Serve(TestHttpServer& server) {
  server.server().Get("/robots.txt", [](const auto&, auto& res) {
    res.set_content("User-agent: *\nDisallow: /private/\n", "text/plain");
  });
  server.server().Get("/story", [](const auto&, auto& res) { res.set_content(kTariffTalksPage, "text/html"); });
  server.server().Get("/private/story",
                      [](const auto&, auto& res) { res.set_content(kTariffTalksPage, "text/html"); });
  server.server().Get("/gone", [](const auto&, auto& res) { res.status = 410; });
  server.server().Get("/busy", [](const auto&, auto& res) { res.status = 503; });
  server.Start();
}

// A config whose one `urls` source lists `paths` of `server`, storing into dir/name.db; two attempts per URL.
std::string UrlsConfig(const TempDir& dir, const TestHttpServer& server, const std::vector<std::string>& paths,
                       const std::string& name) {
  std::string list;
  for (const std::string& path : paths) list += server.Url(path) + "\n";
  WriteFile(dir.File(name + ".txt"), list);
  WriteFile(dir.File(name + ".toml"),
            "[fetch]\nuser_agent = \"tradewire-test\"\nper_host_delay_ms = 0\nmax_attempts = 2\nretry_base_ms = 10\n"
            "\n[store]\npath = \"" + dir.File(name + ".db") + "\"\n"
            "\n[[source]]\nname = \"list\"\nkind = \"urls\"\npath = \"" + dir.File(name + ".txt") + "\"\n");
  return dir.File(name + ".toml");
}

std::size_t Occurrences(const std::string& text, const std::string& word) {
  std::size_t count = 0;
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + word.size())) ++count;
  return count;
}

// Runs the binary with `args` on a real pseudo-terminal as its stdin and stderr, stdout going to a file (as
// `tradewire ingest > log` from a terminal): what the terminal showed, and what stdout got.
struct OnTerminal {
  int exit_code = -1;
  std::string terminal;
  std::string out;
};
OnTerminal RunOnTerminal(const TempDir& dir, const std::vector<std::string>& args) {
  const char* script = R"(
import os, pty, sys
out = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
pid, fd = pty.fork()
if pid == 0:
    os.dup2(out, 1)
    os.execv(sys.argv[2], sys.argv[2:])
seen = b''
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(seen)
sys.exit(os.waitstatus_to_exitcode(status))
)";
  std::vector<std::string> argv = {"/usr/bin/python3", "-c", script, dir.File("terminal.out"), TRADEWIRE_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult result = RunCommand(argv);
  INFO(result.err);
  return {result.exit_code, result.out, ReadFile(dir.File("terminal.out"))};
}

void WritePages(const TempDir& dir, int count) {
  std::filesystem::create_directories(dir.File("pages"));
  for (int i = 0; i < count; ++i) {
    std::string page = kTariffTalksPage;
    page.replace(page.find("Thursday"), 8, "day " + std::to_string(i));  // each page its own text
    WriteFile(dir.File("pages/story" + std::to_string(i) + ".html"), page);
  }
}

}  // namespace

TEST_CASE("a run that goes well prints nothing, the summary line only with --summary or --log-level info") {
  TestHttpServer server;
  Serve(server);
  TempDir dir;
  auto quiet = RunTradewire({"ingest", "--config", UrlsConfig(dir, server, {"/story"}, "quiet")});
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.out.empty());
  CHECK(quiet.err.empty());

  auto asked = RunTradewire({"ingest", "--summary", "--config", UrlsConfig(dir, server, {"/story"}, "asked")});
  CHECK(asked.exit_code == 0);
  CHECK(asked.err.empty());
  CHECK_THAT(asked.out, Catch::StartsWith("1 documents: 1 new articles") && Catch::EndsWith(" s\n"));
  CHECK(Occurrences(asked.out, "\n") == 1);

  auto informed =
      RunTradewire({"ingest", "--config", UrlsConfig(dir, server, {"/story"}, "informed"), "--log-level", "info"});
  CHECK(informed.exit_code == 0);
  CHECK_THAT(informed.out, Catch::StartsWith("1 documents: 1 new articles"));

  WritePages(dir, 2);
  auto imported = RunTradewire({"import", "--db", dir.File("import.db"), dir.File("pages")});
  CHECK(imported.exit_code == 0);
  CHECK(imported.out + imported.err == "");
  auto reprocessed = RunTradewire({"reprocess", "--all", "--db", dir.File("import.db")});
  CHECK(reprocessed.exit_code == 0);
  CHECK(reprocessed.out + reprocessed.err == "");
  auto summarized = RunTradewire({"reprocess", "--all", "--summary", "--db", dir.File("import.db")});
  CHECK_THAT(summarized.out, Catch::StartsWith("reprocess: 2 documents"));
}

TEST_CASE("each failure is printed once on stderr, and a URL robots.txt disallows is counted apart, not a failure") {
  TestHttpServer server;
  Serve(server);
  TempDir dir;
  auto failed = RunTradewire({"ingest", "--config", UrlsConfig(dir, server, {"/gone", "/busy", "/story"}, "f")});
  CHECK(failed.exit_code == 1);
  CHECK(failed.out.empty());
  INFO(failed.err);
  CHECK(Occurrences(failed.err, server.Url("/gone")) == 1);
  CHECK(Occurrences(failed.err, server.Url("/busy")) == 1);  // tried twice, printed once
  CHECK_THAT(failed.err, Catch::Contains("410") && Catch::Contains("503"));
  CHECK(Occurrences(failed.err, "\n") == 2);

  auto disallowed = RunTradewire(
      {"ingest", "--summary", "--config", UrlsConfig(dir, server, {"/private/story", "/story"}, "robots")});
  INFO(disallowed.err);
  CHECK(disallowed.exit_code == 0);
  CHECK(disallowed.err.empty());
  CHECK_THAT(disallowed.out, Catch::Contains("1 disallowed by robots.txt") && Catch::Contains("0 failed"));
  CHECK(server.CountRequests("/private/story") == 0);
  // Nothing is held against it: a second night asks robots.txt again and counts it again, still no failure.
  auto again = RunTradewire({"ingest", "--summary", "--config", dir.File("robots.toml")});
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::Contains("1 disallowed by robots.txt") && Catch::Contains("0 failed"));
}

TEST_CASE("on a terminal ingest, import and reprocess draw one progress line that --quiet and pipes never see") {
  TestHttpServer server;
  Serve(server);
  TempDir dir;
  // done/total, rate, ETA, failures so far, redrawn in place and erased at the end.
  const std::regex counted(R"(\r\x1b\[K(ingest|reprocess): \d+/\d+, [0-9.]+/s(, ETA \d+:\d\d)?, \d+ failed)");
  const std::regex measured(
      R"(\r\x1b\[Kimport: \d+ documents, [0-9.]+ [KM]B/[0-9.]+ [KM]B, [0-9.]+/s(, ETA \d+:\d\d)?, \d+ failed)");

  auto ingest = RunOnTerminal(dir, {"ingest", "--config", UrlsConfig(dir, server, {"/story", "/gone"}, "tty")});
  INFO(ingest.terminal);
  CHECK(ingest.exit_code == 1);
  CHECK(std::regex_search(ingest.terminal, counted));
  CHECK_THAT(ingest.terminal, Catch::Contains("ingest: 2/2") && Catch::Contains("1 failed"));
  CHECK_THAT(ingest.terminal, Catch::Contains("\r\x1b[Ktradewire: failed: " + server.Url("/gone")));
  CHECK(ingest.out.empty());

  WritePages(dir, 3);
  auto imported = RunOnTerminal(dir, {"import", "--db", dir.File("tty-import.db"), dir.File("pages")});
  INFO(imported.terminal);
  CHECK(imported.exit_code == 0);
  CHECK(std::regex_search(imported.terminal, measured));
  CHECK_THAT(imported.terminal, Catch::Contains("import: 3 documents") && Catch::EndsWith("\r\x1b[K"));

  // Rows of extract --warc, measured by the bytes of the file read.
  std::string warc;
  for (int i = 0; i < 2; ++i) {
    warc += WarcRecord("response", "https://news.example/story" + std::to_string(i), HttpResponse(kTariffTalksPage));
  }
  WriteFile(dir.File("two.warc"), warc);
  auto rows = RunTradewire({"extract", "--warc", dir.File("two.warc")});
  REQUIRE(rows.exit_code == 0);
  WriteFile(dir.File("two.jsonl"), rows.out);
  auto jsonl = RunOnTerminal(dir, {"import", "--jsonl", "--db", dir.File("tty-jsonl.db"), dir.File("two.jsonl")});
  INFO(jsonl.terminal);
  CHECK(jsonl.exit_code == 0);
  CHECK(std::regex_search(jsonl.terminal, measured));
  CHECK_THAT(jsonl.terminal, Catch::Contains("import: 2 documents") && Catch::EndsWith("\r\x1b[K"));

  auto reprocessed = RunOnTerminal(dir, {"reprocess", "--all", "--db", dir.File("tty-import.db")});
  INFO(reprocessed.terminal);
  CHECK(reprocessed.exit_code == 0);
  CHECK(std::regex_search(reprocessed.terminal, counted));
  CHECK_THAT(reprocessed.terminal, Catch::Contains("reprocess: ") && Catch::Contains("/3, "));

  auto quiet = RunOnTerminal(dir, {"reprocess", "--all", "--quiet", "--db", dir.File("tty-import.db")});
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.terminal.empty());
  auto piped = RunTradewire({"reprocess", "--all", "--db", dir.File("tty-import.db")});
  CHECK(piped.err.empty());
}
