// Archive sources: WARC files (plain and gzipped, whole and truncated) and folders of saved pages.
#include <catch2/catch.hpp>

#include "pipeline/sources/links.h"
#include "pipeline/sources/sources.h"
#include "tests/support/subprocess.h"
#include "tests/support/warc.h"

using namespace tradewire;
using namespace tradewire::testing;

namespace {

std::vector<FetchedDocument> Read(const std::string& path, SourceReport* report) {
  std::vector<FetchedDocument> documents;
  ReadWarc(path, "archive", [&](FetchedDocument d) { documents.push_back(std::move(d)); }, report);
  return documents;
}

}  // namespace

TEST_CASE("WARC response records become documents with their URI and date, other records are skipped") {
  TempDir dir;
  std::string warc = WarcRecord("warcinfo", "", "software: test", "application/warc-fields") +
                     WarcRecord("request", "https://a.example/1", "GET /1 HTTP/1.1\r\n\r\n", "application/http; msgtype=request") +
                     WarcRecord("response", "https://a.example/1", HttpResponse("<p>first</p>")) +
                     WarcRecord("response", "https://a.example/img.png", HttpResponse("\x89PNG", "image/png")) +
                     WarcRecord("response", "https://a.example/2", HttpResponse("<p>second</p>"));
  WriteFile(dir.File("plain.warc"), warc);
  // .warc.gz: one gzip member per record, as crawlers write them.
  std::string gz;
  for (std::size_t at = 0; at < warc.size();) {
    std::size_t next = warc.find("WARC/1.1", at + 1);
    if (next == std::string::npos) next = warc.size();
    gz += Gzip(warc.substr(at, next - at));
    at = next;
  }
  WriteFile(dir.File("archive.warc.gz"), gz);
  for (const char* name : {"plain.warc", "archive.warc.gz"}) {
    INFO(name);
    SourceReport report;
    auto documents = Read(dir.File(name), &report);
    REQUIRE(documents.size() == 2);
    CHECK(documents[0].url == "https://a.example/1");
    CHECK(documents[0].body == "<p>first</p>");
    CHECK(documents[0].fetched_at == "2025-05-23T01:02:03Z");
    CHECK(documents[0].http_status == 200);
    CHECK(documents[1].body == "<p>second</p>");
    CHECK(report.failures.empty());
  }
}

TEST_CASE("a truncated WARC keeps every whole record and reports the rest") {
  TempDir dir;
  std::string warc = WarcRecord("response", "https://a.example/1", HttpResponse("<p>first</p>")) +
                     WarcRecord("response", "https://a.example/2", HttpResponse("<p>second, cut short</p>"));
  WriteFile(dir.File("cut.warc"), warc.substr(0, warc.size() - 20));
  SourceReport report;
  auto documents = Read(dir.File("cut.warc"), &report);
  REQUIRE(documents.size() == 1);
  CHECK(documents[0].url == "https://a.example/1");
  REQUIRE(report.failures.size() == 1);
  CHECK_THAT(report.failures[0].reason, Catch::Contains("truncated"));

  WriteFile(dir.File("cut.warc.gz"), Gzip(warc).substr(0, 150));
  SourceReport gz_report;
  Read(dir.File("cut.warc.gz"), &gz_report);
  CHECK_FALSE(gz_report.failures.empty());

  WriteFile(dir.File("not.warc"), "<html>not an archive</html>");
  SourceReport bad;
  CHECK(Read(dir.File("not.warc"), &bad).empty());
  REQUIRE(bad.failures.size() == 1);
  CHECK_THAT(bad.failures[0].reason, Catch::Contains("not.warc"));
}

TEST_CASE("a WARC is read record by record: huge records are skipped, the ones after them still read") {
  TempDir dir;
  std::string video(70u << 20, 'v');  // over the 64 MB a response record may have to be kept
  std::string warc = WarcRecord("response", "https://a.example/1", HttpResponse("<p>first</p>")) +
                     WarcRecord("resource", "https://a.example/video.mp4", video, "video/mp4") +
                     WarcRecord("response", "https://a.example/huge", HttpResponse(video)) +
                     WarcRecord("response", "https://a.example/2", HttpResponse("<p>second</p>"));
  video.clear();
  WriteFile(dir.File("big.warc"), warc);
  SourceReport report;
  auto documents = Read(dir.File("big.warc"), &report);
  REQUIRE(documents.size() == 2);
  CHECK(documents[1].url == "https://a.example/2");
  REQUIRE(report.failures.size() == 1);
  CHECK_THAT(report.failures[0].reason, Catch::Contains("https://a.example/huge") && Catch::Contains("larger"));

  // Bytes after the last whole gzip member that are not gzip: the records before them are kept.
  WriteFile(dir.File("trailing.warc.gz"),
            Gzip(WarcRecord("response", "https://a.example/1", HttpResponse("<p>first</p>"))) + "garbage");
  SourceReport trailing;
  CHECK(Read(dir.File("trailing.warc.gz"), &trailing).size() == 1);
  REQUIRE(trailing.failures.size() == 1);
  CHECK_THAT(trailing.failures[0].reason, Catch::Contains("corrupt"));
}

TEST_CASE("a WARC record with a wrong Content-Length loses itself, not the records after it") {
  TempDir dir;
  std::string first = WarcRecord("response", "https://a.example/1", HttpResponse("<p>first</p>"));
  std::string last = WarcRecord("response", "https://a.example/2", HttpResponse("<p>second</p>"));
  std::string middle = WarcRecord("response", "https://a.example/bad", HttpResponse("<p>middle record</p>"));
  std::size_t length_at = middle.find("Content-Length: ") + 16;
  std::size_t length_end = middle.find("\r\n", length_at);
  for (const char* length : {"abc", "12", "999999", "-5", "18446744073709551621"}) {
    INFO(length);
    std::string broken = middle;
    broken.replace(length_at, length_end - length_at, length);
    WriteFile(dir.File("broken.warc"), first + broken + last);
    SourceReport report;
    auto documents = Read(dir.File("broken.warc"), &report);
    REQUIRE(documents.size() == 2);
    CHECK(documents[0].url == "https://a.example/1");
    CHECK(documents[1].url == "https://a.example/2");
    REQUIRE(report.failures.size() == 1);
    CHECK_THAT(report.failures[0].reason, Catch::Contains("broken.warc") && Catch::Contains("Content-Length"));
  }
}

TEST_CASE("WARC responses for javascript:, data:, file: or no target URI are failures, never documents") {
  TempDir dir;
  std::string warc = WarcRecord("response", "https://a.example/1", HttpResponse("<p>first</p>"));
  const std::vector<std::string> bad = {"javascript:alert(1)", "data:text/html,<p>x</p>", "file:///etc/passwd", ""};
  for (const std::string& uri : bad) warc += WarcRecord("response", uri, HttpResponse("<p>not a web page</p>"));
  warc += WarcRecord("response", "https://a.example/2", HttpResponse("<p>second</p>"));
  WriteFile(dir.File("targets.warc"), warc);
  SourceReport report;
  auto documents = Read(dir.File("targets.warc"), &report);
  REQUIRE(documents.size() == 2);
  CHECK(documents[0].url == "https://a.example/1");
  CHECK(documents[1].url == "https://a.example/2");
  REQUIRE(report.failures.size() == bad.size());
  for (std::size_t i = 0; i < bad.size(); ++i) {
    CHECK_THAT(report.failures[i].reason,
               Catch::Contains("targets.warc") && Catch::Contains("'" + bad[i] + "', not an http(s) URL"));
  }
}

TEST_CASE("a chunked WARC body with a size that wraps is read once, in bounded memory") {
  TempDir dir;
  std::string chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "5\r\n<p>ok\r\n";
  for (int i = 0; i < 2000; ++i) chunked += "FFFFFFFFFFFFFFEB\r\n<p>again</p>\r\n";
  chunked += "0\r\n\r\n";
  WriteFile(dir.File("chunks.warc"), WarcRecord("response", "https://a.example/c", chunked) +
                                         WarcRecord("response", "https://a.example/2", HttpResponse("<p>second</p>")));
  SourceReport report;
  auto documents = Read(dir.File("chunks.warc"), &report);
  REQUIRE(documents.size() == 2);
  CHECK(documents[0].body.size() <= chunked.size());  // was: the same line appended for ever (3.2 GB in 17 s)
  CHECK_THAT(documents[0].body, Catch::StartsWith("<p>ok"));
  CHECK(documents[1].body == "<p>second</p>");
}

TEST_CASE("megabytes of line breaks between WARC records end the file with a failure, not minutes of work") {
  TempDir dir;
  std::string first = WarcRecord("response", "https://a.example/1", HttpResponse("<p>first</p>"));
  WriteFile(dir.File("padded.warc.gz"),
            Gzip(first + std::string(3u << 20, '\n') + WarcRecord("response", "https://a.example/2", HttpResponse("<p>2</p>"))));
  SourceReport report;
  auto documents = Read(dir.File("padded.warc.gz"), &report);
  REQUIRE(documents.size() == 1);
  REQUIRE(report.failures.size() == 1);
  CHECK_THAT(report.failures[0].reason, Catch::Contains("line breaks"));
  // A few line breaks, as writers leave them, are no failure.
  WriteFile(dir.File("loose.warc"), first + "\r\n\n\r\n" + first);
  SourceReport loose;
  CHECK(Read(dir.File("loose.warc"), &loose).size() == 2);
  CHECK(loose.failures.empty());
}

TEST_CASE("a gzip bomb among saved pages is a failure naming the file, and the other pages are read") {
  TempDir dir;
  WriteFile(dir.File("a.html"), "<p>a</p>");
  WriteFile(dir.File("bomb.html.gz"), Gzip(std::string(100u << 20, ' ')));  // 100 KB that inflate to 100 MB
  WriteFile(dir.File("c.html"), "<p>c</p>");
  std::vector<FetchedDocument> documents;
  SourceReport report;
  ReadHtmlDirectory(dir.path(), "saved", [&](FetchedDocument d) { documents.push_back(std::move(d)); }, &report);
  REQUIRE(documents.size() == 2);
  REQUIRE(report.failures.size() == 1);
  CHECK_THAT(report.failures[0].reason, Catch::Contains("bomb.html.gz") && Catch::Contains("inflates to more than"));
  // `extract` reads files the same way: the bomb is named on stderr, exit 1, the other file still extracted.
  CommandResult extract = RunTradewire({"extract", dir.File("bomb.html.gz"), dir.File("a.html")});
  CHECK(extract.exit_code == 1);
  CHECK_THAT(extract.err, Catch::Contains("bomb.html.gz") && Catch::Contains("inflates to more than"));
  CHECK_THAT(extract.out, Catch::Contains("a.html"));
}

TEST_CASE("a folder of saved pages, gzipped or not, with URL sidecars") {
  TempDir dir;
  WriteFile(dir.File("a.html"), "<p>a</p>");
  WriteFile(dir.File("a.html.url"), "https://news.example/a.html\n");
  WriteFile(dir.File("b.htm.gz"), Gzip("<p>b</p>"));
  WriteFile(dir.File("notes.txt"), "ignored");
  std::vector<FetchedDocument> documents;
  SourceReport report;
  ReadHtmlDirectory(dir.path(), "saved", [&](FetchedDocument d) { documents.push_back(std::move(d)); }, &report);
  REQUIRE(documents.size() == 2);
  CHECK(documents[0].url == "https://news.example/a.html");
  CHECK(documents[1].url == "file://" + dir.File("b.htm.gz"));
  CHECK(documents[1].body == "<p>b</p>");
}

TEST_CASE("feeds of every format give their links, resolved, with dates") {
  auto atom = ParseFeed(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://x.example/news/">
<entry><title>A</title><link rel="alternate" href="a.html"/><published>2025-05-20T01:00:00Z</published></entry></feed>)",
                        "https://x.example/feed.xml");
  REQUIRE(atom.ok());
  REQUIRE(atom->links.size() == 1);
  CHECK(atom->links[0].url == "https://x.example/news/a.html");
  CHECK(atom->links[0].date == "2025-05-20");
  auto rdf = ParseFeed(R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
xmlns:dc="http://purl.org/dc/elements/1.1/"><item rdf:about="https://x.example/r"><title>R</title>
<link>https://x.example/r</link><dc:date>2025-01-02</dc:date></item></rdf:RDF>)",
                       "https://x.example/");
  REQUIRE(rdf.ok());
  REQUIRE(rdf->links.size() == 1);
  CHECK(rdf->links[0].date == "2025-01-02");
  auto json_feed = ParseFeed(R"({"version":"https://jsonfeed.org/version/1.1","items":[{"url":"/j","title":"J",
"date_published":"2025-03-04T00:00:00Z"}]})",
                             "https://x.example/feed.json");
  REQUIRE(json_feed.ok());
  CHECK(json_feed->links.at(0).url == "https://x.example/j");
  CHECK_FALSE(ParseFeed("<html><body>not a feed</body></html>", "https://x.example/").ok());
  auto index = ParseSitemap(R"(<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>/s1.xml</loc><lastmod>2025-05-01</lastmod></sitemap><sitemap><loc>/old.xml</loc><lastmod>2019-01-01</lastmod></sitemap>
</sitemapindex>)",
                            "https://x.example/sitemap.xml", "2025-01-01");
  REQUIRE(index.ok());
  CHECK(index->sitemaps == std::vector<std::string>{"https://x.example/s1.xml"});
}
