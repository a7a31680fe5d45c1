// What the command line refuses, and how it says so: through the real binary, every refusal is exit 2 with a
// line naming the option and what would be right.
#include <catch2/catch.hpp>

#include "pipeline/cli/usage.h"
#include "tests/support/subprocess.h"

using tradewire::NearestName;
using tradewire::testing::RunTradewire;
using tradewire::testing::TempDir;

namespace {

// The first line of stderr of a refused command line, which must exit 2.
std::string Refusal(const std::vector<std::string>& args) {
  auto result = RunTradewire(args);
  INFO(result.err);
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  return result.err.substr(0, result.err.find('\n'));
}

}  // namespace

TEST_CASE("a range error writes the range as a person would") {
  CHECK(Refusal({"export", "--db", "x.db", "--since", "-1"}) == "tradewire: --since: -1 is less than 0");
  CHECK(Refusal({"export", "--db", "x.db", "--since", "abc"}) == "tradewire: --since: 'abc' is not a whole number");
  CHECK(Refusal({"export", "--db", "x.db", "--since", "1e3"}) == "tradewire: --since: '1e3' is not a whole number");
  CHECK(Refusal({"export", "--db", "x.db", "--since", "99999999999999999999"}) ==
        "tradewire: --since: 99999999999999999999 is more than 9223372036854775807");
  CHECK(Refusal({"search", "--db", "x.db", "--limit", "0", "tariff"}) == "tradewire: --limit: 0 is less than 1");
  CHECK(Refusal({"search", "--db", "x.db", "--limit", "3000000000", "tariff"}) ==
        "tradewire: --limit: 3000000000 is more than 2147483647");
}

TEST_CASE("a date that is no date is refused with exit 2, wherever a date is asked for") {
  CHECK(Refusal({"extract", "--published", "2025-13-45", "x.html"}) ==
        "tradewire: --published: '2025-13-45' is not a date; expected an ISO date like 2025-05-20 "
        "(or 2025-05-20T09:00:00+09:00)");
  CHECK_THAT(Refusal({"extract", "--published", "2025-02-29", "x.html"}), Catch::Contains("'2025-02-29' is not a date"));
  CHECK_THAT(Refusal({"extract", "--published", "2025-05-20T25:00", "x.html"}), Catch::Contains("is not a date"));
  CHECK_THAT(Refusal({"reprocess", "--db", "x.db", "--since", "2025-04-31"}), Catch::Contains("--since: '2025-04-31'"));
  // Real dates and times pass the check (and then fail only for the missing file).
  for (const char* date : {"2024-02-29", "2025-05-20T09:00", "2025-05-20T09:00:00.250+09:00", "2025-05-20 09:00Z"}) {
    auto result = RunTradewire({"extract", "--published", date, "missing.html"});
    INFO(date << ": " << result.err);
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.err, Catch::Contains("missing.html"));
  }
}

TEST_CASE("a mistyped command or option is named with the nearest one") {
  CHECK(Refusal({"exprot", "--db", "x.db"}) == "tradewire: unknown command 'exprot'; did you mean 'export'?");
  CHECK(Refusal({"serach", "tariff"}) == "tradewire: unknown command 'serach'; did you mean 'search'?");
  CHECK(Refusal({"stat"}) == "tradewire: unknown command 'stat'; did you mean 'stats'?");
  CHECK(Refusal({"frobnicate"}) == "tradewire: unknown command 'frobnicate'");
  // Named before the required options it hides would be reported missing.
  CHECK(Refusal({"export", "--dbb", "x.db"}) == "tradewire: unknown option '--dbb' for 'tradewire export'; did you mean '--db'?");
  CHECK(Refusal({"export", "--db", "x.db", "--sinse=3"}) ==
        "tradewire: unknown option '--sinse' for 'tradewire export'; did you mean '--since'?");
  CHECK(Refusal({"extract", "--pub", "2025-05-20", "x.html"}) ==
        "tradewire: unknown option '--pub' for 'tradewire extract'; did you mean '--published'?");
  CHECK(Refusal({"extract", "--text", "--pub", "2025-05-20", "x.txt"}) ==  // a flag takes no value
        "tradewire: unknown option '--pub' for 'tradewire extract'; did you mean '--published'?");
  CHECK(Refusal({"--log-levl", "info", "stats", "--db", "x.db"}) ==
        "tradewire: unknown option '--log-levl' for 'tradewire'; did you mean '--log-level'?");
  CHECK(Refusal({"import", "--config", "feeds.toml", "x.warc"}) ==
        "tradewire: unknown option '--config' for 'tradewire import'; it is an option of 'tradewire ingest'");
  CHECK(Refusal({"export", "--db", "x.db", "--kind", "article"}) ==
        "tradewire: --kind: 'article' is not one of articles, mentions, events, clusters; did you mean 'articles'?");
}

TEST_CASE("what follows -- and option values are not taken for names") {
  TempDir dir;
  // '--sinse' is the value of --url here, and '--not-an-option' a file name after '--'.
  auto result = RunTradewire({"extract", "--url", "--sinse", "--", "--not-an-option"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("--not-an-option: cannot open file"));
  // Global options are accepted after the command too.
  auto stats = RunTradewire({"stats", "--db", dir.File("none.db"), "--log-level", "info"});
  CHECK(stats.exit_code == 2);
  CHECK_THAT(stats.err, Catch::Contains("none.db: no such store"));
}

TEST_CASE("the nearest name is close in spelling or the only one the word begins") {
  const std::vector<std::string> commands = {"ingest", "import", "export", "extract", "search", "stats"};
  CHECK(NearestName("imprt", commands) == "import");
  CHECK(NearestName("exprot", commands) == "export");
  CHECK(NearestName("sear", commands) == "search");  // the only one it begins
  CHECK(NearestName("ex", commands).empty());        // begins two
  CHECK(NearestName("zzz", commands).empty());
  CHECK(NearestName("--xy", {"--db", "--since"}).empty());  // two wrong letters of two is no near miss
  CHECK(NearestName("--dbb", {"--db", "--since"}) == "--db");
}
