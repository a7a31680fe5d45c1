// The article extractor on small pages written here, and on hostile input: huge, deeply nested, binary.
#include <catch2/catch.hpp>

#include <chrono>

#include "extractors/html/extract.h"
#include "extractors/html/metadata.h"

using namespace tradewire;

namespace {

const char* kArticle = R"(<!doctype html><html lang="en"><head>
<title>Korea, US end second round of talks | Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},
{"@type":"NewsArticle","headline":"Korea, US end second round of talks","datePublished":"2025-05-23T08:31:00+09:00",
"dateModified":"2025-05-24T10:00:00+09:00","author":[{"@type":"Person","name":"Lee Ji-hoon"}]}]}</script>
</head><body>
<div class="cookie-banner">We use cookies. <button>Accept all</button></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/economy">Economy</a></li></ul></nav>
<div class="share-bar"><a href="#">Share on X</a></div>
<article><h1>Korea, US end second round of talks</h1>
<div class="byline">By Lee Ji-hoon</div>
<div class="article-body">
<p>SEOUL, May 23 (Example Wire) -- South Korea and the United States concluded the second round of technical
discussions on tariffs in Washington, the trade ministry said on Friday, without a specific agreement.</p>
<h2>Non-tariff barriers</h2>
<p>The U.S. side raised network usage fees, beef imports and the screen quota, according to officials, who said
the talks would continue in the coming weeks.</p>
<ul><li>Balanced trade and economic security were also on the agenda.</li></ul>
<div class="related-articles"><h3>Related</h3><a href="/a">Japan agrees 15% tariff deal</a></div>
<p>The third round is expected after the presidential election on June 3, a ministry official said.</p>
</div></article>
<section class="comments"><p>Great article, thanks for the report on the talks in Washington!</p></section>
<footer>Copyright 2025 Example Wire</footer></body></html>)";

}  // namespace

TEST_CASE("body, title, authors, dates, dateline and language of a typical article page") {
  Article a = ExtractArticle(kArticle, {"https://wire.example/2025/05/23/talks.html", "", ""});
  CHECK(a.kind == PageKind::kArticle);
  CHECK(a.title == "Korea, US end second round of talks");
  REQUIRE(a.authors.size() == 1);
  CHECK(a.authors[0] == "Lee Ji-hoon");
  CHECK(a.published.substr(0, 10) == "2025-05-23");
  CHECK(a.modified.substr(0, 10) == "2025-05-24");
  CHECK(a.language == "en");
  CHECK(a.site_name == "Example Wire");
  CHECK_THAT(a.text, Catch::StartsWith("SEOUL, May 23 (Example Wire) -- South Korea"));
  CHECK_THAT(a.text, Catch::EndsWith("a ministry official said."));
  CHECK_THAT(a.text, Catch::Contains("\n\nNon-tariff barriers\n\n"));  // headings and lists stay, in order
  CHECK_THAT(a.text, Catch::Contains("Balanced trade and economic security"));
  for (const char* junk : {"cookies", "Share on X", "Related", "15% tariff", "Great article", "Copyright", "Home"}) {
    INFO(junk);
    CHECK(a.text.find(junk) == std::string::npos);
  }
  REQUIRE(a.dateline);
  CHECK(a.dateline->place == "Seoul");
  CHECK(a.dateline->date == "2025-05-23");
  CHECK(a.dateline->agency == "Example Wire");
}

TEST_CASE("metadata falls back to meta tags, visible dates and the URL") {
  Article og = ExtractArticle(
      R"(<html><head><title>Steel quota talks - Biz Daily</title><meta property="og:title" content="Steel quota talks">
<meta property="article:published_time" content="2025-03-02T09:00:00Z"></head><body><div id="content">
<p>Steel exporters asked the government to renegotiate the quota agreed in 2018, citing a sharp drop in shipments.</p>
<p>The ministry said it would review the request with industry representatives next month.</p></div></body></html>)",
      {});
  CHECK(og.title == "Steel quota talks");
  CHECK(og.published.substr(0, 10) == "2025-03-02");

  Article visible = ExtractArticle(
      R"(<html><head><title>Talks end</title></head><body><h1>Talks end</h1><span>Published: 20 May. 2025, 16:58</span>
<div class="body"><p>Officials from Korea and the United States will hold working-level consultations in Washington
from Tuesday to Thursday to negotiate the reduction of reciprocal tariffs on steel and automobiles.</p></div></body></html>)",
      {});
  CHECK(visible.published == "2025-05-20");

  Article from_url = ExtractArticle(
      R"(<html><body><div class="story"><p>A long enough paragraph about tariffs on semiconductors and steel, with
commas, clauses, and the usual detail a wire story carries about trade talks between two governments.</p></div></body></html>)",
      {"https://news.example/2024/11/05/chips.html", "", ""});
  CHECK(from_url.published == "2024-11-05");
}

TEST_CASE("datelines in the usual wire forms") {
  auto a = ParseDateline("WASHINGTON (Reuters) - The U.S. said on Monday...", "2025-05-20");
  REQUIRE(a);
  CHECK(a->place == "Washington");
  CHECK(a->agency == "Reuters");
  CHECK(a->date.empty());
  auto b = ParseDateline("Seoul, Dec. 31 (Yonhap) -- Exports rose", "2026-01-02");
  REQUIRE(b);
  CHECK(b->date == "2025-12-31");  // never after the publication
  CHECK_FALSE(ParseDateline("The ministry said on Tuesday", "2025-05-20"));
}

TEST_CASE("pages that are not articles are recognised") {
  std::string index = "<html><head><title>Economy</title></head><body><div class='list'>";
  for (int i = 0; i < 12; ++i) {
    index += "<div class='item'><a href='/a" + std::to_string(i) + "'><h3>Headline number " + std::to_string(i) +
             "</h3></a><p>Short teaser.</p><a href='/s'>more</a></div>";
  }
  index += "</div></body></html>";
  CHECK(ExtractArticle(index, {}).kind == PageKind::kIndex);
  CHECK(ExtractArticle("<html><head><title>404 Not Found</title></head><body><h1>Page not found</h1>"
                       "<p>Sorry, the page you are looking for does not exist.</p></body></html>",
                       {})
            .kind == PageKind::kError);
  CHECK(ExtractArticle("<html><head><title>Before you continue</title></head><body><div class='consent'><p>We and our"
                       " partners use cookies to personalise ads.</p><button>Accept all</button></div></body></html>",
                       {})
            .kind == PageKind::kConsentWall);
  CHECK(ExtractArticle("", {}).kind == PageKind::kEmpty);
}

TEST_CASE("plain text is kept verbatim") {
  std::string text = "  First line.\r\n\r\nSecond   paragraph\twith tabs.\n";
  Article a = ArticleFromText(text, {"", "2025-01-01", ""});
  CHECK(a.text == text);
  CHECK(a.published == "2025-01-01");
}

TEST_CASE("hostile input is handled in bounded time and memory") {
  auto timed = [](const std::string& html) {
    auto started = std::chrono::steady_clock::now();
    Article a = ExtractArticle(html, {});
    return std::pair{a, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()};
  };
  SECTION("100,000 levels of nesting") {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "<div>";
    deep += "<p>Deep text about tariffs, quotas and talks, long enough to be a paragraph of an article.</p>";
    for (int i = 0; i < 100000; ++i) deep += "</div>";
    auto [article, seconds] = timed(deep);
    CHECK(seconds < 20);
    CHECK_THAT(article.text, Catch::Contains("Deep text about tariffs"));
  }
  SECTION("a 10 MB page") {
    std::string huge = "<html><body><article>";
    while (huge.size() < 10 * 1024 * 1024) {
      huge += "<p>Trade officials met again, and again, to discuss tariffs, quotas, and the many barriers.</p>\n";
    }
    huge += "</article></body></html>";
    auto [article, seconds] = timed(huge);
    CHECK(seconds < 30);
    CHECK(article.text.size() > 1000000);
  }
  SECTION("binary garbage and broken markup") {
    std::string binary;
    for (int i = 0; i < 200000; ++i) binary.push_back(static_cast<char>((i * 2654435761u) >> 24));
    auto [garbage, seconds] = timed(binary);
    CHECK(seconds < 10);
    auto [broken, s2] = timed("<html><body><p>Unclosed <b>bold <i>and <div>nested</p></span></td><table><tr>"
                              "<p>Trade talks resumed in Washington on Tuesday, officials said, after a pause.");
    CHECK(s2 < 5);
    CHECK_THAT(broken.text, Catch::Contains("Trade talks resumed"));
  }
}
