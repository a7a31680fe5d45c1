// `tradewire report`: the corpus's report rendered by a real browser (Debian's headless Chromium, without network
// and with its own profile) to a picture that is not blank and a DOM that holds the corpus's events; an empty
// store, a store of one article, text from a hostile page, and bad options.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "tests/support/png.h"
#include "tests/support/subprocess.h"

using namespace tradewire::testing;

namespace {

constexpr const char* kChromium = "/usr/bin/chromium";

// Chromium headless on a local file: no network (every host name fails to resolve, background services off), a
// profile of its own in `dir`. `action` is --screenshot=FILE or --dump-dom.
CommandResult RunChromium(const TempDir& dir, const std::string& page, const std::string& action) {
  return RunCommand({kChromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + dir.File("profile"),
                     "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                     "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1100,1600", action, "file://" + page});
}

std::string CorpusReport(const TempDir& dir) {
  REQUIRE(RunTradewire({"import", "--db", dir.File("c.db"), TRADEWIRE_SOURCE_DIR "/corpus/site"}).exit_code == 0);
  auto report = RunTradewire({"report", "--db", dir.File("c.db"), "--out", dir.File("report.html")});
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  return dir.File("report.html");
}

}  // namespace

TEST_CASE("the corpus's report renders in headless Chromium with its events, dates and categories") {
  INFO("chromium is missing: scripts/bootstrap installs it");
  REQUIRE(std::filesystem::exists(kChromium));
  TempDir dir;
  std::string page = CorpusReport(dir);

  auto shot = RunChromium(dir, page, "--screenshot=" + dir.File("report.png"));
  INFO(shot.err);
  REQUIRE(shot.exit_code == 0);
  Image image = DecodePng(ReadFile(dir.File("report.png")));
  REQUIRE(image.error.empty());
  CHECK(image.width == 1100);
  std::set<std::uint32_t> colours(image.pixels.begin(), image.pixels.end());
  std::size_t ink = std::count_if(image.pixels.begin(), image.pixels.end(), [](std::uint32_t p) { return p != 0xFFFFFF; });
  CHECK(colours.size() > 50);                  // text, the header band, the kind badges
  CHECK(ink > image.pixels.size() / 20);       // more than a white page with a line on it

  auto dom = RunChromium(dir, page, "--dump-dom");
  REQUIRE(dom.exit_code == 0);
  // The corpus's three multi-source events, with their dates: the second round in Washington, the NTE report's
  // release and the deadline of the tariff grace period.
  CHECK_THAT(dom.out, Catch::Contains("2025-05-20 – 05-22"));
  CHECK_THAT(dom.out, Catch::Contains("Round 2"));
  CHECK_THAT(dom.out, Catch::Contains("in Washington"));
  CHECK_THAT(dom.out, Catch::Contains("NTE 2025 report released"));
  CHECK_THAT(dom.out, Catch::Contains(">2025-04-01<small>2 sources</small>"));
  CHECK_THAT(dom.out, Catch::Contains(">2025-07-08<small>2 sources</small>"));
  CHECK_THAT(dom.out, Catch::Contains("Chang Sung-gil"));
  // Categories by their taxonomy names, each opening onto its articles.
  CHECK_THAT(dom.out, Catch::Contains("<details id=\"barrier-digital_trade\"><summary>"));
  CHECK_THAT(dom.out, Catch::Contains("Sanitary and phytosanitary measures"));
  CHECK_THAT(dom.out, Catch::Contains("<svg"));
  CHECK_THAT(dom.out, Catch::Contains("Director General for Trade Policy"));  // officials
  CHECK_THAT(dom.out, Catch::Contains("reciprocal tariff"));                   // rates
  // It prints: a PDF of a few pages (each category's articles printed open, links with their URLs).
  auto pdf = RunChromium(dir, page, "--print-to-pdf=" + dir.File("report.pdf"));
  REQUIRE(pdf.exit_code == 0);
  std::string printed = ReadFile(dir.File("report.pdf"));
  CHECK(printed.rfind("%PDF-", 0) == 0);
  std::size_t pages = 0;
  for (std::size_t at = 0; (at = printed.find("/Type /Page", at)) != std::string::npos; at += 11) {
    if (printed.compare(at, 12, "/Type /Pages") != 0) ++pages;
  }
  CHECK(pages >= 3);
  CHECK(pages <= 20);
  // Self-contained: nothing to fetch from anywhere.
  std::string html = ReadFile(page);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
}

TEST_CASE("a report of an empty store says so, one of one article works, and what came from its page is escaped") {
  TempDir dir;
  REQUIRE(RunTradewire({"import", "--db", dir.File("empty.db"), dir.path()}).exit_code == 0);
  REQUIRE(RunTradewire({"report", "--db", dir.File("empty.db"), "--out", dir.File("empty.html")}).exit_code == 0);
  CHECK_THAT(ReadFile(dir.File("empty.html")), Catch::Contains("This store holds no articles yet"));

  std::filesystem::create_directory(dir.File("pages"));
  WriteFile(dir.File("pages/a.html"),
            "<html><head><title>Tariffs &lt;script&gt;alert(1)&lt;/script&gt; rise</title></head><body><article>"
            "<h1>Tariffs &lt;script&gt;alert(1)&lt;/script&gt; rise</h1>"
            "<p>SEOUL, May 20, 2025 -- Trade Minister Cheong In-kyo said on Tuesday that the 25 percent tariff on "
            "Korean autos would hurt exporters, and that screen quotas and network usage fees were not on the table "
            "in the talks with Washington this week.</p><p>Officials from both sides met in Seoul on May 20 for the "
            "first round of talks on tariffs &amp; non-tariff barriers, &quot;a long road&quot;, one said.</p>"
            "</article></body></html>");
  REQUIRE(RunTradewire({"import", "--db", dir.File("one.db"), dir.File("pages")}).exit_code == 0);
  auto report = RunTradewire({"report", "--db", dir.File("one.db"), "--out", dir.File("one.html"), "--title",
                              "Daily <b>news</b>", "--new-since", "0"});
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  std::string html = ReadFile(dir.File("one.html"));
  CHECK_THAT(html, Catch::Contains("Tariffs &lt;script&gt;alert(1)&lt;/script&gt; rise"));
  CHECK_THAT(html, Catch::Contains("<h1>Daily &lt;b&gt;news&lt;/b&gt;</h1>"));
  CHECK(html.find("<script") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("New since cursor 0"));
  CHECK_THAT(html, Catch::Contains("1 new articles"));
  CHECK_THAT(html, Catch::Contains("Cheong In-kyo"));
}

TEST_CASE("report refuses a bad date or cursor with exit 2 naming it, and leaves the last report in place") {
  TempDir dir;
  REQUIRE(RunTradewire({"import", "--db", dir.File("s.db"), dir.path()}).exit_code == 0);
  WriteFile(dir.File("r.html"), "yesterday's");
  auto bad_date = RunTradewire({"report", "--db", dir.File("s.db"), "--out", dir.File("r.html"), "--since", "2025-13-45"});
  CHECK(bad_date.exit_code == 2);
  CHECK_THAT(bad_date.err, Catch::Contains("--since: '2025-13-45' is not a date"));
  auto bad_cursor = RunTradewire({"report", "--db", dir.File("s.db"), "--out", dir.File("r.html"), "--new-since", "soon"});
  CHECK(bad_cursor.exit_code == 2);
  CHECK_THAT(bad_cursor.err, Catch::Contains("--new-since: 'soon' is neither a cursor nor a date"));
  auto no_store = RunTradewire({"report", "--db", dir.File("missing.db"), "--out", dir.File("r.html")});
  CHECK(no_store.exit_code == 2);
  CHECK(ReadFile(dir.File("r.html")) == "yesterday's");
}

TEST_CASE("report --since and --until keep to their days, and --new-since takes a date as well as a cursor") {
  TempDir dir;
  REQUIRE(RunTradewire({"import", "--db", dir.File("c.db"), TRADEWIRE_SOURCE_DIR "/corpus/site"}).exit_code == 0);
  auto report = RunTradewire({"report", "--db", dir.File("c.db"), "--out", dir.File("may.html"), "--since",
                              "2025-05-01", "--until", "2025-05-31", "--new-since", "2000-01-01"});
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  std::string html = ReadFile(dir.File("may.html"));
  CHECK_THAT(html, Catch::Contains("2025-05-20 – 05-22"));
  CHECK(html.find("2018-01-31") == std::string::npos);      // the 2018 round is outside
  CHECK(html.find(">2025-07-08<") == std::string::npos);    // so is the July deadline
  CHECK(html.find("Robert Lighthizer") == std::string::npos);  // named only in 2018
  CHECK_THAT(html, Catch::Contains("2025-05-01 to 2025-05-31"));
  CHECK_THAT(html, Catch::Contains("New since 2000-01-01"));
  CHECK_THAT(html, Catch::Contains("6 new articles"));
}
