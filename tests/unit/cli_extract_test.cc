// `tradewire extract` and the CLI contract every command shares, through the real binary.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

#include "extractors/text/utf8.h"
#include "tests/support/subprocess.h"

using tradewire::testing::RunTradewire;
using tradewire::testing::TempDir;
using tradewire::testing::WriteFile;
using tradewire::testing::Gzip;
using tradewire::testing::JsonLines;

namespace {

// The bytes of `text` between code-point offsets `start` and `end`, found through the extractors' own map.
std::string CodePointSlice(const std::string& text, std::size_t start, std::size_t end) {
  tradewire::CharOffsetMap chars(text);
  auto byte_of = [&](std::size_t point) {
    std::size_t byte = 0;
    while (byte < text.size() && chars.ToChar(byte) < point) ++byte;
    return byte;
  };
  std::size_t from = byte_of(start);
  return text.substr(from, byte_of(end) - from);
}

const char* kPage = R"(<!doctype html><html lang="en"><head><title>Seoul and Washington end talks | Wire</title>
<meta property="article:published_time" content="2025-05-23T09:00:00+09:00"></head><body>
<nav><a href="/">Home</a> <a href="/economy">Economy</a></nav>
<article><h1>Seoul and Washington end talks</h1>
<p>Seoul, May 23 (Wire) -- South Korea and the United States concluded the second round of technical
discussions on tariffs on the 22nd in Washington, trade officials said on Friday.</p>
<p>The U.S. has set a 25 percent reciprocal tariff on South Korea, of which only the 10 percent standard
tariff applies until July 8, the ministry said.</p></article>
<footer>Copyright Wire</footer></body></html>)";



}  // namespace

TEST_CASE("extract prints one JSON object per input, in input order, with the documented fields") {
  TempDir dir;
  WriteFile(dir.File("a.html"), kPage);
  WriteFile(dir.File("b.html.gz"), Gzip(kPage));
  auto result = RunTradewire({"extract", "--url", "https://wire.example/2025/05/23/talks.html", dir.File("a.html"),
                              dir.File("b.html.gz")});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  auto rows = JsonLines(result.out);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["input"] == dir.File("a.html"));
  CHECK(rows[1]["input"] == dir.File("b.html.gz"));
  for (const char* key : {"input", "url", "title", "authors", "published", "dateline", "language", "text", "mentions"}) {
    CHECK(rows[0].contains(key));
  }
  CHECK(rows[0]["url"] == "https://wire.example/2025/05/23/talks.html");
  CHECK(rows[0]["text"] == rows[1]["text"]);  // .gz read transparently
  CHECK(rows[0]["mentions"].is_array());
  // Offsets are character offsets into text, and the surface text agrees with them.
  std::string text = rows[0]["text"];
  REQUIRE_FALSE(rows[0]["mentions"].empty());
  for (const auto& mention : rows[0]["mentions"]) {
    auto start = mention["start"].get<std::size_t>();
    auto end = mention["end"].get<std::size_t>();
    CHECK(end > start);
    CHECK(CodePointSlice(text, start, end) == mention["text"].get<std::string>());
  }
}

TEST_CASE("extract reads standard input and plain text") {
  auto result = RunTradewire({"extract", "--text", "--published", "2025-05-23", "-"},
                             "Talks ended on the 22nd.\n\nThe next round is expected around the week of June 9.\n");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  auto rows = JsonLines(result.out);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["input"] == "-");
  CHECK(rows[0]["text"] == "Talks ended on the 22nd.\n\nThe next round is expected around the week of June 9.\n");
}

TEST_CASE("extract reads a .txt file as plain text, its head giving title and date") {
  TempDir dir;
  const std::string story = "Korea, US end talks\nPublished: 23 May 2025\n\nTalks ended on Thursday.\n";
  WriteFile(dir.File("story.txt"), story);
  auto result = RunTradewire({"extract", dir.File("story.txt")});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  auto rows = JsonLines(result.out);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["text"] == story);  // lines kept, not parsed as markup
  CHECK(rows[0]["title"] == "Korea, US end talks");
  CHECK(rows[0]["published"] == "2025-05-23");
  bool resolved = false;  // "Thursday" is read against the story's own date
  for (const auto& mention : rows[0]["mentions"]) {
    if (mention["text"] == "Thursday") resolved = mention["value"]["value"] == "2025-05-22";
  }
  CHECK(resolved);
}

TEST_CASE("a missing input is named on stderr, the others are still printed, exit 1") {
  TempDir dir;
  WriteFile(dir.File("a.html"), kPage);
  auto result = RunTradewire({"extract", dir.File("missing.html"), dir.File("a.html")});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains(dir.File("missing.html")));
  CHECK(JsonLines(result.out).size() == 1);
}

TEST_CASE("a corrupt .gz input is named, not a crash") {
  TempDir dir;
  WriteFile(dir.File("bad.html.gz"), Gzip(kPage).substr(0, 40));
  auto result = RunTradewire({"extract", dir.File("bad.html.gz")});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("bad.html.gz"));
}

TEST_CASE("bad usage exits 2 with one clear line") {
  auto unknown_flag = RunTradewire({"extract", "--bogus", "x.html"});
  CHECK(unknown_flag.exit_code == 2);
  CHECK_THAT(unknown_flag.err, Catch::Contains("--bogus"));
  auto bad_date = RunTradewire({"extract", "--published", "yesterday", "x.html"});
  CHECK(bad_date.exit_code == 2);
  CHECK_THAT(bad_date.err, Catch::Contains("--published"));
  auto no_command = RunTradewire({});
  CHECK(no_command.exit_code == 2);
  auto help = RunTradewire({"extract", "--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("--published"));
}
