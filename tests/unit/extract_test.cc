// The article extractor on small pages written here, and on hostile input: huge, deeply nested, binary.
#include "extractors/html/extract.h"

#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>

#include "extractors/html/markup.h"
#include "extractors/html/metadata.h"

using namespace tradewire;
using namespace std::string_literals;

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
  Article a = ExtractArticle(kArticle, {"https://wire.example/2025/05/23/talks.html", "", ""}).value();
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
      {}).value();
  CHECK(og.title == "Steel quota talks");
  CHECK(og.published.substr(0, 10) == "2025-03-02");

  Article visible = ExtractArticle(
      R"(<html><head><title>Talks end</title></head><body><h1>Talks end</h1><span>Published: 20 May. 2025, 16:58</span>
<div class="body"><p>Officials from Korea and the United States will hold working-level consultations in Washington
from Tuesday to Thursday to negotiate the reduction of reciprocal tariffs on steel and automobiles.</p></div></body></html>)",
      {}).value();
  CHECK(visible.published == "2025-05-20");

  Article from_url = ExtractArticle(
      R"(<html><body><div class="story"><p>A long enough paragraph about tariffs on semiconductors and steel, with
commas, clauses, and the usual detail a wire story carries about trade talks between two governments.</p></div></body></html>)",
      {"https://news.example/2024/11/05/chips.html", "", ""}).value();
  CHECK(from_url.published == "2024-11-05");
}

namespace {

// A page of the common CMS shape around `head_extra` and `article`: site header and navigation, a sidebar, a
// footer.
std::string Page(const std::string& head_extra, const std::string& article) {
  return "<!doctype html><html><head>" + head_extra + "</head><body><header><a href='/'>Home</a>" +
         "<nav><a href='/economy'>Economy</a> <a href='/markets'>Markets</a></nav></header>" + article +
         "<div class='sidebar'><h3>Most read</h3><a href='/x'>Another story about tariffs and markets</a></div>" +
         "<footer>Copyright 2025 Trade Daily</footer></body></html>";
}

const char* kParagraphs =
    "<p>Steel exporters asked the government to renegotiate the quota agreed in 2018, citing a sharp drop in "
    "shipments to the United States over the past two quarters.</p><p>The ministry said it would review the request "
    "with industry representatives next month, and that any change would need the consent of both governments.</p>";

// The usual story: a headline and kParagraphs in an <article>.
const std::string kStory = "<article><h1>Steel quota review sought</h1>" + std::string(kParagraphs) + "</article>";

}  // namespace

TEST_CASE("titles: the page's headline, without the site's name or a logo's <h1>") {
  // The logo is an <h1>; the headline is the metadata's, with the site name cut.
  Article logo = ExtractArticle(
      Page("<title>Steel quota review sought | Trade Daily</title><meta property='og:site_name' content='Trade Daily'>",
           "<div class='logo'><h1><a href='/'>Trade Daily</a></h1></div><article>" + std::string(kParagraphs) +
               "</article>"),
      {"https://tradedaily.example/2025/03/02/steel.html", "", ""}).value();
  CHECK(logo.title == "Steel quota review sought");
  // The <h1> carries the site's name too.
  Article suffixed = ExtractArticle(
      Page("<meta property='og:title' content='Steel quota review sought – Trade Daily'>",
           "<article><h1>Steel quota review sought – Trade Daily</h1>" + std::string(kParagraphs) + "</article>"),
      {"https://www.tradedaily.example/steel", "", ""}).value();
  CHECK(suffixed.title == "Steel quota review sought");
  // A section label in the <h1> gives way to the headline the page shows as a lower heading.
  Article label = ExtractArticle(Page("<meta property='og:title' content='Exporters ask for a new steel quota deal'>",
                                      "<h1>Our Blog</h1><article><h2>Exporters ask for a new steel quota deal</h2>" +
                                          std::string(kParagraphs) + "</article>"),
                                 {}).value();
  CHECK(label.title == "Exporters ask for a new steel quota deal");
}

TEST_CASE("titles: an <h1> in capitals takes the metadata's spelling of the same headline") {
  auto title_of = [](const char* og_title, const char* h1) {
    return ExtractArticle(Page(std::string("<meta property='og:title' content='") + og_title + " | Trade Daily'>",
                               std::string("<article><h1>") + h1 + "</h1>" + kParagraphs + "</article>"),
                          {}).value()
        .title;
  };
  CHECK(title_of("Exporters Seek a New Steel Quota", "EXPORTERS SEEK A NEW STEEL QUOTA") ==
        "Exporters Seek a New Steel Quota");
  // Near misses: the metadata in capitals too, other words, or a headline in sentence case: the <h1> stands.
  CHECK(title_of("EXPORTERS SEEK A NEW STEEL QUOTA", "EXPORTERS SEEK A NEW STEEL QUOTA") ==
        "EXPORTERS SEEK A NEW STEEL QUOTA");
  CHECK(title_of("Exporters Seek a Steel Quota", "EXPORTERS SEEK A NEW STEEL QUOTA") ==
        "EXPORTERS SEEK A NEW STEEL QUOTA");
  CHECK(title_of("Exporters Seek a New Steel Quota", "Exporters seek a new steel quota") ==
        "Exporters seek a new steel quota");
}

TEST_CASE("titles: a logo <h1> named only by the title's end, site labels, over-long headings") {
  // No og:site_name and no URL: the <h1> that is the short end of <title> is the site's logo, and is cut.
  Article logo = ExtractArticle(
      Page("<title>Exporters ask for a new steel quota deal – The Ledger</title>",
           "<header><h1>The Ledger</h1></header><article>" + std::string(kParagraphs) + "</article>"),
      {}).value();
  CHECK(logo.title == "Exporters ask for a new steel quota deal");
  // Near miss: a short headline stands first in "Headline | Site"; it is the headline, not a logo.
  Article short_headline = ExtractArticle(
      Page("<title>Climate Change | Economic Research Service</title>",
           "<article><h1>Climate Change</h1>" + std::string(kParagraphs) + "</article>"),
      {}).value();
  CHECK(short_headline.title == "Climate Change");
  // Near miss: a site name that is also a word of the headline does not make the headline a logo.
  Article word = ExtractArticle(
      Page("<title>Ledger rules tighten for exporters | Ledger</title>",
           "<article><h1>Ledger rules tighten for exporters</h1>" + std::string(kParagraphs) + "</article>"),
      {}).value();
  CHECK(word.title == "Ledger rules tighten for exporters");
  // Labels after bars in the <h1>, and a host name as the site's part of <title>.
  Article labels = ExtractArticle(
      Page("", "<article><h1>Steel quota review sought | Trade Desk | Example Hospital</h1>" +
                   std::string(kParagraphs) + "</article>"),
      {}).value();
  CHECK(labels.title == "Steel quota review sought");
  Article host = ExtractArticle(Page("<title>GAME CHANGER | Shop.example.com</title>", std::string(kParagraphs)), {}).value();
  CHECK(host.title == "GAME CHANGER");
  // A paragraph set as an <h1> is not the headline.
  Article paragraph = ExtractArticle(
      Page("<meta property='og:title' content='Steel quota review sought'>",
           "<article><h1>" + std::string(30, 'x') + " Learn which steel quotas matter and why. Get expert tips on how "
               "to read the rules and calculate the duty. We will help you learn everything you need to know about "
               "quotas.</h1>" + std::string(kParagraphs) + "</article>"),
      {}).value();
  CHECK(paragraph.title == "Steel quota review sought");
}

TEST_CASE("titles: the parts of a heading split by blocks or line breaks are words apart") {
  Article closed = ExtractArticle(
      Page("", "<article><h1><div>Steel quota review sought</div>after a drop in exports</h1>" +
                   std::string(kParagraphs) + "</article>"),
      {}).value();
  CHECK(closed.title == "Steel quota review sought after a drop in exports");
  Article broken = ExtractArticle(
      Page("", "<article><h1>Steel quota review sought<br>after a drop in exports</h1>" + std::string(kParagraphs) +
                   "</article>"),
      {}).value();
  CHECK(broken.title == "Steel quota review sought after a drop in exports");
}

TEST_CASE("titles: of several <h1>s, the one standing just above the body") {
  // The headline's <h1> sits in a header just before the text's container, another <h1> titles a widget; the
  // metadata words the story differently.
  auto page = [](const std::string& between) {
    return Page("<meta property='og:title' content='Our favourite steel stories this spring'>",
                "<header class='story-header'><h1>Exporters ask for a new steel quota deal</h1><p>By Jane Roe</p>" +
                    between + "</header><div class='wrap'><div class='story-body'>" + std::string(kParagraphs) +
                    "</div></div><div class='widget'><h1>Related Content</h1><a href='/y'>Tariffs</a></div>");
  };
  CHECK(ExtractArticle(page(""), {}).value().title == "Exporters ask for a new steel quota deal");
  // Near miss: an <h1> with a screenful of other text between it and the body is not known to head it.
  std::string teasers;
  for (int i = 0; i < 8; ++i) teasers += "<li><a href='/z'>Another story about quotas, tariffs and markets</a></li>";
  teasers = "<ul>" + teasers + "</ul>";
  CHECK(ExtractArticle(page(teasers), {}).value().title == "Our favourite steel stories this spring");
}

TEST_CASE("titles: an <h1> about something else than the metadata's headline and the body is a label") {
  auto page = [](const std::string& h1) {
    return Page("<meta property='og:title' content='Exporters ask for a new steel quota deal'>",
                "<article><h1>" + h1 + "</h1>" + std::string(kParagraphs) + "</article>");
  };
  CHECK(ExtractArticle(page("A message from our editor in chief:"), {}).value().title ==
        "Exporters ask for a new steel quota deal");
  // Near miss: a headline worded apart from the metadata's but sharing its subject stays.
  CHECK(ExtractArticle(page("Steel makers press the government for relief"), {}).value().title ==
        "Steel makers press the government for relief");
}

TEST_CASE("titles: an <h1> that links to the home page is the logo, and names the site in the title") {
  auto page = [](const std::string& title, const std::string& href) {
    return Page("<title>" + title + "</title>", "<h1><a href='" + href + "'>ledger.example</a></h1><article>" +
                                                    std::string(kParagraphs) + "</article>");
  };
  CHECK(ExtractArticle(page("ledger.example Exporters ask for a new steel quota deal", "https://ledger.example/"), {}).value()
            .title == "Exporters ask for a new steel quota deal");
  // Near miss: a title that starts with another host name keeps it.
  CHECK(ExtractArticle(page("Shop.example to cut 400 jobs", "/"), {}).value().title == "Shop.example to cut 400 jobs");
  // Near miss: an <h1> linking to the article itself is its headline.
  Article self = ExtractArticle(
      Page("<title>Exporters ask for a new steel quota deal | Ledger</title>",
           "<article><h1><a href='/2025/03/steel-quota.html'>Exporters ask for a new steel quota deal</a></h1>" +
               std::string(kParagraphs) + "</article>"),
      {}).value();
  CHECK(self.title == "Exporters ask for a new steel quota deal");
}

TEST_CASE("dates: structured first, then what the page shows near the headline") {
  // A date shown just above the headline, no label, no metadata.
  Article shown =
      ExtractArticle(Page("", "<article><div class='eyebrow'>March 2, 2025</div><h1>Steel quota review sought</h1>" +
                                  std::string(kParagraphs) + "</article>"),
                     {}).value();
  CHECK(shown.published == "2025-03-02");
  // "Updated … · Published …": the publication is the one after its own label; American numeric dates.
  Article labelled =
      ExtractArticle(Page("",
                          "<article><h1>Steel quota review sought</h1><p class='dates'>Updated 04/09/2025 · Published "
                          "03/02/2025</p>" +
                              std::string(kParagraphs) + "</article>"),
                     {}).value();
  CHECK(labelled.published == "2025-03-02");
  CHECK(labelled.modified == "2025-04-09");
  // A page that only says when it was last updated was published by then.
  Article updated_only =
      ExtractArticle(Page("<meta property='article:modified_time' content='2025-04-09T10:00:00Z'>", kStory),
                     {}).value();
  CHECK(updated_only.published.substr(0, 10) == "2025-04-09");
  // The caller's date (a feed's) beats guesses of that kind.
  Article hinted =
      ExtractArticle(Page("<meta property='article:modified_time' content='2025-04-09T10:00:00Z'>", kStory),
                     {"", "2025-03-01", ""}).value();
  CHECK(hinted.published == "2025-03-01");
  // An earlier date under the headline than the metadata's is the original publication.
  Article restamped =
      ExtractArticle(Page("<meta property='article:published_time' content='2025-11-20T08:00:00Z'>",
                          "<article><h1>Steel quota review sought</h1><span class='date'>August 25, 2024</span>" +
                              std::string(kParagraphs) + "</article>"),
                     {}).value();
  CHECK(restamped.published == "2024-08-25");
}

TEST_CASE("dates: the original publication when the page shows several") {
  // Publication tags that disagree: the earliest is the original (the other is re-stamped on render).
  Article tags = ExtractArticle(
      Page("<meta name='published-time' content='2026-03-09T08:45:32Z'><meta name='published-date' "
           "content='2021-02-16'>",
           kStory),
      {}).value();
  CHECK(tags.published == "2021-02-16");
  // The page says when it first appeared; a copyright year and a later byline date do not outweigh that.
  Article original = ExtractArticle(
      Page("<meta property='article:published_time' content='2022-09-30T11:07:00Z'>",
           "<article><h1>Steel quota review sought</h1><p class='date'>30 Sep 2022</p>" + std::string(kParagraphs) +
               "<p>This article was originally published on 26 Sep 2019 at 4:12pm but has been updated.</p>"
               "</article><footer>\u00A9 2015 Trade Daily</footer>"),
      {}).value();
  CHECK(original.published == "2019-09-26");
  // Near misses, the metadata's day standing: "originally published by" a partner with no date; an earlier date
  // in a data table, or in a related story's card.
  struct NearMiss {
    const char* published;
    std::string body;
  };
  for (const NearMiss& near_miss : {
           NearMiss{"2022-09-30", "<article><h1>Steel quota review sought</h1>" + std::string(kParagraphs) +
                                      "<p>This story was originally published by Example Partner in 2015.</p>"
                                      "</article>"},
           NearMiss{"2025-02-12", "<article><h1>Steel quota review sought</h1>" + std::string(kParagraphs) +
                                      "<table><tr><th>Date</th><th>Change</th></tr><tr><td>1/1/2013</td><td>+13.1%</td>"
                                      "</tr></table></article>"},
           NearMiss{"2024-08-01", "<main><h1>Steel quota review sought</h1><div class='body'>" +
                                      std::string(kParagraphs) +
                                      "</div><section><article class='card'><h3><a href='/b'>Another story</a></h3><p "
                                      "class='date'>Jul 31, 2024</p></article></section></main>"},
       }) {
    INFO(near_miss.body);
    const std::string meta =
        std::string("<meta property='article:published_time' content='") + near_miss.published + "T11:07:00Z'>";
    CHECK(ExtractArticle(Page(meta, near_miss.body), {}).value().published.substr(0, 10) == near_miss.published);
  }
  // Other stories' <time>s listed before the headline do not beat the one under it.
  Article listed = ExtractArticle(
      Page("", "<div class='latest'><span><time datetime='2025-01-31T12:00:00Z'>01/31/2025</time></span></div>"
               "<div class='node'><h1>Steel quota review sought</h1><div class='meta'><time "
               "datetime='2017-03-01T12:00:00Z'>03/01/2017</time> by Jane Doe</div>" +
               std::string(kParagraphs) + "</div>"),
      {}).value();
  CHECK(listed.published.substr(0, 10) == "2017-03-01");
}

TEST_CASE("dates: a line of its own, the article's footer, JSON-LD in a <meta>, the URL's day order") {
  // A date standing alone between the headline and the body, in a container too large to be a date line.
  Article loose = ExtractArticle(Page("", "<fieldset><legend>Steel quota review sought</legend> 20 December 2025 "
                                          "<div class='body'>" + std::string(kParagraphs) + "</div></fieldset>"),
                                 {}).value();
  CHECK(loose.published == "2025-12-20");
  // Near miss: text beside a link is part of a sentence, even in a <div> without paragraphs.
  Article sentence = ExtractArticle(
      Page("<meta property='article:published_time' content='2025-04-01T09:00:00Z'>",
           "<div class='story'><h1>Steel quota review sought</h1>The quota deal of 3 March 2025 <a href='/q'>set "
           "limits</a> that exporters now want to renegotiate, citing a sharp drop in shipments.<br>" +
               std::string(kParagraphs) + "</div>"),
      {}).value();
  CHECK(sentence.published.substr(0, 10) == "2025-04-01");

  // The byline and date in the article's own <footer>; the site's footer holds no date of the article's.
  Article footer = ExtractArticle(
      Page("", "<h1>Steel quota review sought</h1><article><footer class='meta'>By Jane Doe <span>March 30, "
               "2023</span></footer><div class='body'>" + std::string(kParagraphs) + "</div></article>"),
      {}).value();
  CHECK(footer.published == "2023-03-30");
  Article site_footer = ExtractArticle(
      Page("", "<h1>Steel quota review sought</h1><div class='body'>" + std::string(kParagraphs) +
                   "</div><footer><span>March 30, 2023</span></footer>"),
      {}).value();
  CHECK(site_footer.published.empty());

  // Remix's meta export renders JSON-LD as <meta name="script:ld+json">.
  Article remix = ExtractArticle(
      Page(R"(<meta name="script:ld+json" content="{&quot;@type&quot;:&quot;Article&quot;,&quot;datePublished&quot;:)"
           R"(&quot;2025-11-17T09:00:00-05:00&quot;}">)",
           kStory),
      {}).value();
  CHECK(remix.published == "2025-11-17T09:00:00-05:00");

  // "03/10/2023" is day first on a page whose URL says 2023/october/03; American where the URL agrees or is silent.
  const std::string numeric =
      Page("", "<article><h1>Steel quota review sought</h1><span class='date'>03/10/2023</span>" +
                   std::string(kParagraphs) + "</article>");
  CHECK(ExtractArticle(numeric, {"https://wine.example/blog/2023/october/03/types", "", ""}).value().published ==
        "2023-10-03");
  CHECK(ExtractArticle(numeric, {"https://wine.example/blog/2023/03/10/types", "", ""}).value().published == "2023-03-10");
  CHECK(ExtractArticle(numeric, {"https://wine.example/blog/types", "", ""}).value().published == "2023-03-10");
}

TEST_CASE("canonical URL: a link that is no URL is passed over for og:url") {
  Article bogus = ExtractArticle(
      Page("<link rel='canonical' href='What are the different types of wine?'>"
           "<meta property='og:url' content='https://wine.example/blog/types'>",
           kStory),
      {}).value();
  CHECK(bogus.canonical_url == "https://wine.example/blog/types");
  Article relative = ExtractArticle(
      Page("<link rel='canonical' href='/blog/types'>", kStory),
      {"https://wine.example/blog/types?utm_source=x", "", ""}).value();
  CHECK(relative.canonical_url == "https://wine.example/blog/types");
}

TEST_CASE("authors: JSON-LD references, bylines and their furniture") {
  // Yoast-style @graph: the article names its author by @id.
  Article graph =
      ExtractArticle(Page(R"(<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
{"@type":"Article","@id":"#a","headline":"Steel quota review sought","author":{"@id":"#/schema/person/1"},
 "datePublished":"2025-03-02T09:00:00+09:00"},
{"@type":"Person","@id":"#/schema/person/1","name":"Kim Soo-jin"}]}</script>)",
                          kStory),
                     {}).value();
  REQUIRE(graph.authors.size() == 1);
  CHECK(graph.authors[0] == "Kim Soo-jin");
  CHECK(graph.published.substr(0, 10) == "2025-03-02");
  // A byline with no class to go by, its date and the writer's role run in.
  Article text = ExtractArticle(
      Page("", "<article><h1>Steel quota review sought</h1><div>By Jane Doe Staff Writer March 2, 2025</div>" +
                   std::string(kParagraphs) + "</article>"),
      {}).value();
  REQUIRE(text.authors.size() == 1);
  CHECK(text.authors[0] == "Jane Doe");
  // The name element inside a byline block, not the block's other words.
  Article named =
      ExtractArticle(Page("",
                          "<article><h1>Steel quota review sought</h1><div class='author-box'><img src='a.jpg'>"
                          "<a href='/author/lee-min'>Lee Min</a><span>Senior Correspondent · 5 min read</span></div>" +
                              std::string(kParagraphs) + "</article>"),
                     {}).value();
  REQUIRE(named.authors.size() == 1);
  CHECK(named.authors[0] == "Lee Min");
}

TEST_CASE("authors: a byline's lines, the name on its own line") {
  auto authors_of = [](const std::string& byline) {
    return ExtractArticle(Page("", "<article><h1>Steel quota review sought</h1>" + byline +
                                       std::string(kParagraphs) + "</article>"),
                          {}).value()
        .authors;
  };
  using Names = std::vector<std::string>;
  // The role on the line under the name, inside the author's link.
  CHECK(authors_of("<a href='/author/harry'><p>Harry Rabinowitz</p><p>Tech Reporter</p></a>") ==
        Names{"Harry Rabinowitz"});
  CHECK(authors_of("<div class='byline'><div class='name'>Written by <span>Meghan Neville</span></div>"
                   "<div class='position'>Content Marketing Coordinator</div></div>") == Names{"Meghan Neville"});
  // The label on a line of its own; a site after a slash; roles after a dot operator.
  CHECK(authors_of("<div class='post-author'><p>Posted by:</p><p>Laura / House Plant House</p></div>") ==
        Names{"Laura"});
  CHECK(authors_of("<div class='meta'>By <a href='/author/chris'>Chris McNamara</a> &sdot; Founder and "
                   "Editor-in-Chief &sdot; <span>Updated May 6, 2025</span></div>") == Names{"Chris McNamara"});
  // A writer's page link inside the byline, beside the publication's name.
  CHECK(authors_of("<div class='byline-section'><span class='author'><a href='/staff/26482/brian-truitt/'>Brian "
                   "Truitt</a></span> <span class='publication'>USA TODAY</span></div>") == Names{"Brian Truitt"});
  // "by:" in lower case; a date first; "on behalf of" a team.
  CHECK(authors_of("<p>by: Ziyi Xu, Dec 17, 2025</p>") == Names{"Ziyi Xu"});
  CHECK(authors_of("<div class='publish-date-author'>Dec. 19, 2025 &middot; Niko Matsakis on behalf of <a "
                   "href='/teams/x'>the launching team</a></div>") == Names{"Niko Matsakis"});
  // The label in one element, the name in the next; an author box opening with the name above a long bio.
  CHECK(authors_of("<div class='meta'><div>Written by</div> <div>Jack Shepherd</div></div>") ==
        Names{"Jack Shepherd"});
  CHECK(authors_of("<div class='author-text'><div>Lauren Vetter</div><p>Lauren Vetter is a marketing professional "
                   "who writes about healthcare technology, practice growth and the tools clinics use to reach "
                   "patients. " + std::string(400, 'x') + "</p></div>") == Names{"Lauren Vetter"});
  // Near miss: a first line that is no name (a user name) is not passed over for a later one (the site).
  CHECK(authors_of("<div class='author-info'><p>jsteinhardt</p><p>AI Alignment Forum</p></div>").empty());
}

TEST_CASE("body: an article in sections of one kind, each paragraph in a wrapper of its own") {
  // Asciidoctor's shape: sections under headings, every paragraph in its own <div>, link lists between them.
  auto section = [](const char* heading, const char* first, const char* second) {
    return std::string("<div class='sect1'><h2>") + heading + "</h2><div class='sectionbody'><div class='paragraph'>"
           "<p>" + first + "</p></div><div class='ulist'><ul><li><p><a href='/pr/1'>Move the libgccjit library into "
           "a target directory</a></p></li><li><p><a href='/pr/2'>Bootstrap configuration for the libgccjit libs "
           "directory</a></p></li><li><p><a href='/pr/3'>Fix the m68k calling convention</a></p></li></ul></div>"
           "<div class='paragraph'><p>" + second + "</p></div></div></div>";
  };
  const std::string article =
      "<article><h1>Progress report, December</h1><div class='content'>" +
      section("Cross-compiling", "Some of these changes make it easier to cross-compile, which is my focus, and "
                                 "needed a few changes on the compiler side, reviewed by the team, merged quickly.",
              "With those, it is possible to build a native compiler for m68k with very few workarounds.") +
      section("Tests", "The test suite now runs on three more targets, which caught two bugs in the handling of "
                       "unaligned loads before any user saw them.",
              "Most of the remaining failures come from the linker, not from the code generator itself.") +
      section("Next", "Next month I will look at debug information, which several users have asked for since the "
                      "summer.",
              "Thanks to everyone who sent patches and reports this month.") +
      "</div></article>";
  Article a = ExtractArticle(Page("", article), {}).value();
  for (const char* sentence : {"cross-compile, which is my focus", "very few workarounds", "unaligned loads",
                               "not from the code generator", "debug information", "sent patches and reports"}) {
    INFO(sentence);
    CHECK_THAT(a.text, Catch::Contains(sentence));
  }
  // Near miss: one block styled like the article's beside it (related posts) is not more of the article.
  Article related = ExtractArticle(
      Page("", "<div class='wrap'><div class='block'><h2>Steel quota review sought</h2>" + std::string(kParagraphs) +
                   "</div><div class='block'><h2>Related posts</h2><p><a href='/a'>Exporters weigh a new aluminium "
                   "quota request</a></p><p>The aluminium industry will ask for a quota of its own, citing the same "
                   "drop in shipments, in numbers and charts.</p></div></div>"),
      {}).value();
  CHECK_THAT(related.text, Catch::Contains("consent of both governments"));
  CHECK(related.text.find("Related posts") == std::string::npos);
  CHECK(related.text.find("in numbers and charts") == std::string::npos);
}

TEST_CASE("body: a page streamed by React, its parts moved to their places") {
  // The parts arrive hidden at the end of the body, in the order the server finished them; a part may hold the
  // place of another. Saved pages have lost the scripts that would move them.
  const std::string page = Page(
      "", "<article><h1>Steel quota review sought</h1><div class='article-body'><template id=\"B:0\"></template>"
          "<div>Loading paragraph...</div><template id=\"B:1\"></template><div>Loading paragraph...</div></div>"
          "</article><div hidden id=\"S:1\"><p>The ministry said it would review the request with industry "
          "representatives next month, and that any change would need the consent of both governments.</p></div>"
          "<div hidden id=\"S:0\"><p>Steel exporters asked the government to renegotiate the quota agreed in "
          "2018, citing a sharp drop in shipments.</p><template id=\"P:2\"></template></div><div hidden "
          "id=\"S:2\"><p>Shipments to the United States fell for a second quarter, by a fifth, the association "
          "said, blaming the quota's limits on coil.</p></div><div hidden id=\"S:9\"><p>A part with no place "
          "stays where it was, hidden, and is no text of the article at all.</p></div>");
  Article a = ExtractArticle(page, {}).value();
  std::size_t first = a.text.find("Steel exporters asked"), nested = a.text.find("Shipments to the United States"),
              second = a.text.find("The ministry said");
  REQUIRE(first != std::string::npos);
  REQUIRE(nested != std::string::npos);
  REQUIRE(second != std::string::npos);
  CHECK(first < nested);
  CHECK(nested < second);
  CHECK(a.text.find("Loading") == std::string::npos);
  CHECK(a.text.find("no place") == std::string::npos);

  // Hostile forms stay bounded: a part that holds its own place, one never closed, ten thousand parts.
  std::string storage;
  std::string self = "<div><template id=\"B:0\"></template></div><div hidden id=\"S:0\">x<template id=\"B:0\">"
                     "</template></div>";
  CHECK(PlaceStreamedParts(self, &storage) == "<div>x</div>");
  std::string unclosed = "<template id=\"B:0\"></template><div hidden id=\"S:0\"><p>never closed";
  CHECK(PlaceStreamedParts(unclosed, &storage) == unclosed);
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "<template id=\"P:" + std::to_string(i) + "\"></template>";
  for (int i = 0; i < 20000; ++i) {
    many += "<div hidden id=\"S:" + std::to_string(i) + "\">" + std::to_string(i) + "</div>";
  }
  std::string_view placed = PlaceStreamedParts(many, &storage);
  CHECK(placed.size() < many.size());
  CHECK(placed.substr(0, 3) == "012");
}

TEST_CASE("body: a table in a <figure> and a collapsed accordion panel are the article's, rows are paragraphs") {
  Article a = ExtractArticle(
      Page("", "<article><h1>Steel quota review sought</h1>" + std::string(kParagraphs) +
                   "<figure class='wp-block-table'><table><tr><th>Quarter</th><th>Shipments</th></tr><tr><td>Q1 "
                   "2025</td><td>-12.4%</td></tr></table></figure>"
                   "<figure><img src='mill.jpg'><figcaption>A steel mill in Pohang, in a file photo.</figcaption>"
                   "</figure>"
                   "<h2>Questions</h2><button aria-controls='faq-1' id='faq-1-toggle'>What does the quota cover?"
                   "</button><div id='faq-1' role='region' aria-labelledby='faq-1-toggle' style='display:none'>"
                   "<p>The quota covers hot-rolled coil, plate and pipe, which make up most of the shipments to the "
                   "United States.</p></div>"
                   "<div class='modal' style='display:none'><p>Sign up to our newsletter for the latest trade news "
                   "every morning, free of charge.</p></div></article>"),
      {}).value();
  CHECK_THAT(a.text, Catch::Contains("\n\nQuarter\tShipments\n\nQ1 2025\t-12.4%"));  // a row per paragraph
  CHECK_THAT(a.text, Catch::Contains("hot-rolled coil, plate and pipe"));
  CHECK(a.text.find("file photo") == std::string::npos);
  CHECK(a.text.find("newsletter") == std::string::npos);
}

TEST_CASE("body: a page builder's widgets holding the text are kept, its post lists and forms are not") {
  auto widget = [](const char* type, const std::string& inner) {
    return "<div class='elementor-element elementor-widget elementor-widget-" + std::string(type) +
           "'><div class='elementor-widget-container'>" + inner + "</div></div>";
  };
  std::string sections;
  for (const char* text : {"Steel exporters asked the government to renegotiate the quota agreed in 2018.",
                           "They cite a sharp drop in shipments to the United States over the past two quarters.",
                           "The ministry said it would review the request with industry representatives next month.",
                           "Any change would need the consent of both governments, officials said on Monday.",
                           "Exporters of pipe and plate say they have lost orders to Mexican and Canadian mills."}) {
    sections += "<section class='elementor-section'><div class='elementor-container'>" +
                widget("text-editor", std::string("<p>") + text + "</p>") + "</div></section>";
  }
  Article a = ExtractArticle(
      Page("", "<article><h1>Steel quota review sought</h1><div class='elementor'>" + sections +
                   widget("posts", "<article><h3><a href='/x'>Aluminium makers weigh a quota</a></h3><p>Aluminium "
                                   "makers are weighing a request of their own, people familiar said.</p></article>") +
                   widget("form", "<p>Sign up for our weekly trade briefing, delivered every Monday morning.</p>") +
                   "</div></article>"),
      {}).value();
  for (const char* kept : {"renegotiate the quota", "sharp drop", "next month", "consent of both", "Mexican"}) {
    INFO(kept);
    CHECK_THAT(a.text, Catch::Contains(kept));
  }
  CHECK(a.text.find("Aluminium makers") == std::string::npos);
  CHECK(a.text.find("weekly trade briefing") == std::string::npos);
}

TEST_CASE("body: an article around a long data table is the table and its text") {
  // The rows outscore the paragraphs, so the table's body is the densest container; the text about the table,
  // with its headings and short notes, is the article all the same.
  std::string rows;
  for (int year = 1995; year <= 2025; ++year) {
    rows += "<tr><td>" + std::to_string(year) + "</td><td>Busan and Pohang</td><td>Hot-rolled coil, plate and "
            "pipe</td><td>1,230</td><td>+3.1%</td></tr>";
  }
  Article a = ExtractArticle(
      Page("", "<div class='page'><h1>Thirty years of steel exports</h1><p>Exports rose in most years since 1995, "
               "with the sharpest drops after the 2018 quota.</p><h2>Shipments by year</h2><ul><li>Tonnes: "
               "thousands</li><li>Ports: all</li><li>Products: all steel</li><li>Years: calendar</li></ul><table>"
               "<tbody>" + rows + "</tbody></table><p>Source: the trade ministry, compiled by the association, "
               "which revises figures every spring.</p><p>Revised 2024</p><p>Provisional 2025</p><p>Rounded</p>"
               "<p>Excludes re-exports</p><p>In tonnes</p></div>"),
      {}).value();
  CHECK_THAT(a.text, Catch::Contains("sharpest drops after the 2018 quota"));
  CHECK_THAT(a.text, Catch::Contains("2025\tBusan and Pohang"));
  CHECK_THAT(a.text, Catch::Contains("revises figures every spring"));
}

TEST_CASE("body: a post embedded in the story is quoted in it, an embedded caption or promotion is not") {
  Article a = ExtractArticle(
      Page("", "<article><h1>Steel quota review sought</h1>" + std::string(kParagraphs) +
                   "<div class='social-media-embed'><blockquote class='twitter-tweet'><p>Productive talks with Korea's "
                   "trade ministry on steel today; the next round is set for June.</p>— USTR (@USTradeRep)"
                   "</blockquote></div><div class='InlineImage-imageEmbedCaption'>Steel coils at a port in Pohang, "
                   "waiting for shipment.</div><div class='related-embed'><p>Read also: exporters weigh an "
                   "aluminium quota request of their own, people familiar said.</p></div></article>"),
      {}).value();
  CHECK_THAT(a.text, Catch::Contains("Productive talks with Korea's trade ministry"));
  CHECK(a.text.find("Steel coils at a port") == std::string::npos);
  CHECK(a.text.find("aluminium quota request") == std::string::npos);
}

TEST_CASE("body: an article carried twice (desktop and mobile layouts) is given once, its own repeats stay") {
  std::string paragraphs;
  for (int i = 1; i <= 12; ++i) {
    paragraphs += "<p>Paragraph " + std::to_string(i) + " of the story: steel exporters asked the government to "
                  "renegotiate the quota agreed in 2018, citing a sharp drop in shipments over two quarters.</p>";
  }
  Article twice = ExtractArticle(
      Page("", "<article><h1>Steel quota review sought</h1><div class='desktop'>" + paragraphs +
                   "</div><div class='mobile'>" + paragraphs + "</div></article>"),
      {}).value();
  for (int i = 1; i <= 12; ++i) {
    std::string paragraph = "Paragraph " + std::to_string(i) + " of the story";
    INFO(paragraph);
    std::size_t first = twice.text.find(paragraph);
    REQUIRE(first != std::string::npos);
    CHECK(twice.text.find(paragraph, first + 1) == std::string::npos);
  }
  // Near miss: an interview puts the same questions to each guest.
  std::string interview;
  for (const char* guest : {"Kim Soo-jin", "Lee Min-ho", "Park Ji-won"}) {
    interview += std::string("<h2>") + guest + "</h2><p>What did the quota change for your company this year?</p>"
                 "<p>" + guest + " said shipments fell by a fifth and that the mill cut a shift, then hired again "
                 "in the spring.</p><p>What should the government ask for in the next round of talks?</p><p>" +
                 guest + " wants a larger quota for pipe and a review clause after two years.</p>";
  }
  Article asked = ExtractArticle(Page("", "<article><h1>Three exporters on the quota</h1>" + interview + "</article>"),
                                 {}).value();
  std::size_t count = 0;
  for (std::size_t at = asked.text.find("What did the quota change"); at != std::string::npos;
       at = asked.text.find("What did the quota change", at + 1)) {
    ++count;
  }
  CHECK(count == 3);
}

TEST_CASE("text damaged by a windows-1252 round trip and spelled with entities is repaired") {
  Article a = ExtractArticle(
      Page("", "<article><h1>Korea&acirc;&euro;&trade;s steel quota</h1><p>Korea&acirc;&euro;&trade;s steel "
               "exporters asked the government to renegotiate the quota agreed in 2018, citing a sharp drop in "
               "shipments.</p><p>The ministry said it would review the request next month &acirc;&euro;&rdquo; with "
               "the industry.</p></article>"),
      {}).value();
  CHECK(a.title == "Korea\u2019s steel quota");
  CHECK_THAT(a.text, Catch::StartsWith("Korea\u2019s steel exporters"));
  CHECK_THAT(a.text, Catch::Contains("next month \u2014 with"));
}

TEST_CASE("body: the closing matter (the author's bio, a release's contacts) is not the article") {
  std::string story;
  for (int i = 1; i <= 5; ++i) {
    story += "<p>Paragraph " + std::to_string(i) + ": steel exporters asked the government to renegotiate the quota "
             "agreed in 2018, citing a sharp drop in shipments to the United States over two quarters.</p>";
  }
  Article bio = ExtractArticle(
      Page("", "<article><h1>Steel quota review sought</h1>" + story + "<h3>About the Author</h3><p>Jane Doe covers "
                   "trade and industry for Trade Daily from Seoul; before that she reported on shipping.</p>"
                   "</article>"),
      {}).value();
  CHECK_THAT(bio.text, Catch::EndsWith("over two quarters."));
  Article release = ExtractArticle(
      Page("", "<article><h1>Steel quota review sought</h1>" + story + "<p>###</p><p>Media contact: "
                   "press@ministry.example, +82 2 0000 0000</p></article>"),
      {}).value();
  CHECK_THAT(release.text, Catch::EndsWith("over two quarters."));
  // Near miss: a last section under another heading ("About the study") is the article's.
  Article study = ExtractArticle(
      Page("", "<article><h1>Steel quota review sought</h1>" + story + "<h3>About the study</h3><p>The survey "
                   "covered 120 exporters between March and May, weighted by their shipments in 2024.</p></article>"),
      {}).value();
  CHECK_THAT(study.text, Catch::EndsWith("weighted by their shipments in 2024."));
}

TEST_CASE("body: code is kept whole, whatever its highlighter calls its parts") {
  Article a = ExtractArticle(
      Page("", "<article><h1>Staging files with git</h1>" + std::string(kParagraphs) +
                   "<pre><code class='language-bash hljs'><span class='hljs-comment'># stage every modified file</span>"
                   "\ngit add -A <span class='hljs-comment'># then commit them</span></code></pre></article>"),
      {}).value();
  CHECK_THAT(a.text, Catch::Contains("# stage every modified file git add -A # then commit them"));
}

TEST_CASE("body: wrappers that hold the page are kept, page furniture inside it is not") {
  // An ASP.NET page wraps everything in a <form>; a streaming React page renders into a hidden container; a
  // page builder names its text blocks "widget"; a layout names its wrapper for the sidebar beside it.
  for (const auto& [open, close] :
       {std::pair{"<form id='Form'>", "</form>"}, std::pair{"<div hidden id='S:0'>", "</div>"},
        std::pair{"<div class='elementor-widget elementor-widget-text-editor'>", "</div>"},
        std::pair{"<div class='content-sidebar-layout'>", "</div>"}}) {
    INFO(open);
    Article a =
        ExtractArticle(Page("", std::string(open) + "<h1>Steel quota review sought</h1>" + kParagraphs + close), {}).value();
    CHECK_THAT(a.text, Catch::Contains("Steel exporters asked the government"));
    CHECK_THAT(a.text, Catch::Contains("consent of both governments."));
  }
  // Date stamps, "Advertisement" labels and the summary standing above the article are not body text.
  Article furniture = ExtractArticle(
      Page("<meta name='description' content='Exporters want the 2018 steel quota renegotiated after a drop in "
           "shipments.'>",
           "<h1>Steel quota review sought</h1><p class='dek'>Exporters want the 2018 steel quota renegotiated after a "
           "drop in shipments.</p><div class='article-body'><p>PUBLISHED: 10:48, Tue, Mar 2, 2025</p>"
           "<p>Advertisement</p>" +
               std::string(kParagraphs) + "</div>"),
      {}).value();
  CHECK_THAT(furniture.text, Catch::StartsWith("Steel exporters asked the government"));
  CHECK(furniture.text.find("Advertisement") == std::string::npos);
  CHECK(furniture.text.find("PUBLISHED") == std::string::npos);

  // A wire story's credits and a site's prompts and leaked markup are not its text; a sentence about a newsletter
  // and a price standing alone are.
  Article credits = ExtractArticle(
      Page("", "<article><h1>Steel quota review sought</h1><p>November 19, 2019 / 12:21 AM / Updated 14 hours ago</p>"
               "<p>Published 1 day ago</p><p>Updated at 1:23 p.m.</p>"
               "<p>Natalie Naccache | Bloomberg | Getty Images</p>" + std::string(kParagraphs) +
               "<p>The quota was first mentioned in a newsletter the ministry's officials are subscribed to.</p>"
               "<p>Reporting by the Financial Times showed the quota had been filled by June.</p>"
               "<p>Getty Images said its photographers covered the talks.</p>"
               "<p>$14.55</p><p>narrow-browser-and-phone</p><p>[button link=\"/subscribe\"]Subscribe[/button]</p>"
               "<p>Sign up for the Trade Daily newsletter to get the news every morning.</p><p>Reporting by Kim "
               "Ji-hoon; Editing by Jane Doe</p></article>"),
      {}).value();
  for (const char* kept : {"Steel exporters", "newsletter the ministry's officials are subscribed to", "$14.55",
                           "Reporting by the Financial Times", "Getty Images said"}) {
    INFO(kept);
    CHECK_THAT(credits.text, Catch::Contains(kept));
  }
  for (const char* cut : {"Updated 14 hours ago", "1 day ago", "1:23", "Bloomberg | Getty", "narrow-browser", "[button",
                          "Sign up", "Reporting by Kim"}) {
    INFO(cut);
    CHECK(credits.text.find(cut) == std::string::npos);
  }
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
  auto release = ParseDateline("WASHINGTON (January 24, 2017) — The agency said", "");
  REQUIRE(release);
  CHECK(release->place == "Washington");
  CHECK(release->date == "2017-01-24");
  CHECK(release->agency.empty());
  auto with_year = ParseDateline("SEOUL, May 20, 2025 (Yonhap) -- Exports rose", "");
  REQUIRE(with_year);
  CHECK(with_year->date == "2025-05-20");
  CHECK(with_year->agency == "Yonhap");
}

TEST_CASE("datelines of every agency, with or without it, in any case and across the year end") {
  struct Case {
    const char* text;
    const char* published;
    const char* place;
    const char* date;
    const char* agency;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"TAIPEI, March 2 - Taiwan plans another round", "1987-03-02", "Taipei", "1987-03-02", ""},
           {"WASHINGTON, March 2 (Reuters) - The U.S. said", "2025-03-02", "Washington", "2025-03-02", "Reuters"},
           {"SEOUL, May 20 (Yonhap) -- Exports rose", "2025-05-21", "Seoul", "2025-05-20", "Yonhap"},
           {"PARIS, 20 May 2025 (AFP) - France said", "", "Paris", "2025-05-20", "AFP"},
           {"BEIJING, May 20 (Xinhua) -- China said", "2025-05-20", "Beijing", "2025-05-20", "Xinhua"},
           {"TOKYO, May 20 (Kyodo) -- Japan said", "2025-05-20", "Tokyo", "2025-05-20", "Kyodo"},
           {"KUALA LUMPUR, May 20 (Bernama) -- Malaysia", "2025-05-20", "Kuala Lumpur", "2025-05-20", "Bernama"},
           {"ANKARA, May 20 (Anadolu) - Turkey said", "2025-05-20", "Ankara", "2025-05-20", "Anadolu"},
           {"SEOUL/WASHINGTON, May 20 - Talks resumed", "2025-05-20", "Seoul/Washington", "2025-05-20", ""},
           {"PORTLAND, Ore., Feb 26 - Red Lion Inns said", "1987-02-26", "Portland, Ore.", "1987-02-26", ""},
           {"ROCHESTER, N.Y., Feb 26 - Champion said", "1987-02-26", "Rochester, N.Y.", "1987-02-26", ""},
           {"Caracas, feb 26 - venezuela is seeking", "1987-02-26", "Caracas", "1987-02-26", ""},
           {"ROME, March 13, Reuter - Italy's rate rose", "1987-03-13", "Rome", "1987-03-13", "Reuter"},
           {"****LONDON, March 5 - India bought eight", "1987-03-05", "London", "1987-03-05", ""},
           {"PARIS,March 16 - Club Mediterranee said", "1987-03-16", "Paris", "1987-03-16", ""},
           {"NEW YORK, Dec 31 - Shares fell", "1988-01-02", "New York", "1987-12-31", ""},
       }) {
    INFO(c.text);
    auto dateline = ParseDateline(c.text, c.published);
    REQUIRE(dateline);
    CHECK(dateline->place == c.place);
    CHECK(dateline->date == c.date);
    CHECK(dateline->agency == c.agency);
  }
  // A day range and a sentence are not datelines.
  CHECK_FALSE(ParseDateline("Talks, March 2-3 in Geneva, ended", "2025-03-02"));
  CHECK_FALSE(ParseDateline("Exports rose 12 percent in May, the ministry said", "2025-05-20"));
}

TEST_CASE("a plain-text story whose first line is a dateline or a wrapped sentence has no title") {
  for (const char* story : {"TAIPEI, March 2 - Taiwan plans another round of deep tariff\ncuts, officials said.\n",
                            "BEIRUT - Rescue workers planned to evacuate wounded from\nBeirut camps, officials said.\n",
                            "Taiwan plans another round of deep tariff cuts in its\neffort to narrow the surplus.\n"}) {
    INFO(story);
    CHECK(ArticleFromText(story, {"", "1987-03-02", ""}).title.empty());
  }
  for (const char* head : {"CALGARY, Alberta - Qtr ends Dec 31\n\n    Shr 12 cts\n", "APRIL 7 - 1000 hrs cdt\n\n Jul 3\n"}) {
    INFO(head);
    CHECK(ArticleFromText(head, {}).title.empty());
  }
  CHECK(ArticleFromText("Trade talks - what comes next\n\nOfficials met.\n", {}).title == "Trade talks - what comes next");
  Article headed = ArticleFromText("Taiwan plans deep tariff cuts\n\nTAIPEI, March 2 - Taiwan plans cuts.\n", {});
  CHECK(headed.title == "Taiwan plans deep tariff cuts");
}

TEST_CASE("pages that are not articles are recognised") {
  std::string index = "<html><head><title>Economy</title></head><body><div class='list'>";
  for (int i = 0; i < 12; ++i) {
    index += "<div class='item'><a href='/a" + std::to_string(i) + "'><h3>Headline number " + std::to_string(i) +
             "</h3></a><p>Short teaser.</p><a href='/s'>more</a></div>";
  }
  index += "</div></body></html>";
  CHECK(ExtractArticle(index, {}).value().kind == PageKind::kIndex);
  CHECK(ExtractArticle("<html><head><title>404 Not Found</title></head><body><h1>Page not found</h1>"
                       "<p>Sorry, the page you are looking for does not exist.</p></body></html>",
                       {}).value()
            .kind == PageKind::kError);
  CHECK(ExtractArticle("<html><head><title>Before you continue</title></head><body><div class='consent'><p>We and our"
                       " partners use cookies to personalise ads.</p><button>Accept all</button></div></body></html>",
                       {}).value()
            .kind == PageKind::kConsentWall);
  CHECK(ExtractArticle("", {}).value().kind == PageKind::kEmpty);
}

TEST_CASE("plain text is kept verbatim") {
  std::string text = "  First line.\r\n\r\nSecond   paragraph\twith tabs.\n";
  Article a = ArticleFromText(text, {"", "2025-01-01", ""});
  CHECK(a.text == text);
  CHECK(a.published == "2025-01-01");
  CHECK(ArticleFromText(" \n\t\n", {}).kind == PageKind::kEmpty);
}

TEST_CASE("plain text: headline, dates, byline and dateline from its head") {
  const std::string story =
      "Seoul, Washington to hold last round of trade talks before June 3 election\n"
      "Published: 20 May. 2025, 16:58\n"
      "Updated: 21 May. 2025, 14:16\n"
      "By Kim Ji-hoon\n"
      "Export-ready cars wait for shipment at a port in Pyeongtaek on March 31.\n"
      "Seoul, May 20 (Wire) -- Officials from Korea and the United States will hold working-level consultations in "
      "Washington from Tuesday to Thursday to negotiate the reduction of reciprocal and item-specific tariffs, "
      "including those on steel, automobiles and semiconductors, the ministry said on Tuesday.\n";
  Article a = ArticleFromText(story, {});
  CHECK(a.text == story);
  CHECK(a.title == "Seoul, Washington to hold last round of trade talks before June 3 election");
  CHECK(a.published == "2025-05-20");
  CHECK(a.modified == "2025-05-21");
  CHECK(a.authors == std::vector<std::string>{"Kim Ji-hoon"});
  REQUIRE(a.dateline);  // after a caption
  CHECK(a.dateline->place == "Seoul");
  CHECK(a.dateline->date == "2025-05-20");
  // The caller's title and date win.
  Article hinted = ArticleFromText(story, {"", "2025-05-19", "Talks set"});
  CHECK(hinted.title == "Talks set");
  CHECK(hinted.published == "2025-05-19");

  // Near misses: a first line that is a sentence, a caption with a credit, a single line; a date in a key point
  // is no publication date.
  for (const char* text : {
           "The United States and South Korea concluded the second round of talks.\nThe talks were held in Washington.",
           "Minister Ahn shakes hands with Jamieson Greer in Jeju on Oct. 16. /Courtesy of the ministry\nThe second "
           "consultation was held in Washington.",
           "Talks end without a deal",
           "Key points\n- Talks on June 3, 2025\n- Tariffs stay at 25 percent\n",
       }) {
    INFO(text);
    Article near_miss = ArticleFromText(text, {});
    CHECK(near_miss.published.empty());
    if (std::string(text).rfind("Key points", 0) != 0) CHECK(near_miss.title.empty());
  }
}

// Hostile input: every case must return within bounded time and memory, never crash, and give a sane result
// (not-an-article with an empty body, or the text that is there). Each TEST_CASE runs in its own process under
// ctest, so the peak RSS it checks is its own.
namespace {

struct Timed {
  Article article;
  double seconds;
};

Timed Extract(const std::string& html) {
  auto started = std::chrono::steady_clock::now();
  Article article = ExtractArticle(html, {}).value();
  return {std::move(article), std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()};
}

double PeakRssMb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

std::string Repeat(const std::string& s, int times) {
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(times));
  for (int i = 0; i < times; ++i) out += s;
  return out;
}

const std::string kTail =
    "<p>Deep text about tariffs, quotas and talks, long enough to be a paragraph of an article.</p>";

}  // namespace

TEST_CASE("hostile input: 100,000 levels of nesting") {
  const std::pair<std::string, std::string> kLevels[] = {{"<div>", "</div>"},
                                                         {"<span>", "</span>"},
                                                         {"<ul><li>", "</li></ul>"},
                                                         {"<table><tr><td>", "</td></tr></table>"},
                                                         {"<b><i>", "</i></b>"}};
  for (const auto& [open, close] : kLevels) {
    INFO(open);
    Timed closed = Extract(Repeat(open, 100000) + kTail + Repeat(close, 100000));
    CHECK(closed.seconds < 20);
    CHECK_THAT(closed.article.text, Catch::Contains("Deep text about tariffs"));
    Timed unclosed = Extract("<html><body>" + Repeat(open, 100000) + kTail);
    CHECK(unclosed.seconds < 20);
    CHECK_THAT(unclosed.article.text, Catch::Contains("Deep text about tariffs"));
  }
  // Stray end tags first must not hide the depth that follows.
  Timed stray = Extract("<html><body>" + Repeat("</div>", 100000) + Repeat("<div>", 100000) + kTail);
  CHECK(stray.seconds < 20);
  CHECK_THAT(stray.article.text, Catch::Contains("Deep text about tariffs"));
  CHECK(PeakRssMb() < 500);
}

// Stray end tags between the start tags close nothing in the tree the parser builds; counted as closes they let
// any depth through, and then Gumbo's recursive teardown overflowed the stack (300,000 × "<object></span>": a
// crash on every night's run) and its scope checks went quadratic (100,000 × "<div></span>": 50 s).
TEST_CASE("hostile input: depth hidden behind stray end tags") {
  const std::pair<std::string, int> kCases[] = {
      {"<object></span>", 300000}, {"<div></span>", 100000}, {"<span><div></span>", 100000},
      {"<b><div></b>", 100000},    {"<svg><g></span>", 100000}};
  for (const auto& [unit, times] : kCases) {
    INFO(unit);
    std::string html = "<html><body>" + kTail + Repeat(unit, times);
    std::string storage;
    std::string_view bounded = BoundMarkup(html, &storage);
    std::size_t opened = 0;
    for (std::size_t at = bounded.find('<'); at != std::string_view::npos; at = bounded.find('<', at + 1)) {
      opened += bounded[at + 1] != '/';
    }
    CHECK(opened < 1000);  // the rest were past the bound and dropped; their text stays
    StatusOr<Article> article = ExtractArticle(html, {});
    REQUIRE(article.ok());
    CHECK_THAT(article->text, Catch::Contains("Deep text about tariffs"));
  }
}

TEST_CASE("a page over its parse budget is an error that says which budget") {
  std::string page = "<html><body><article>" + Repeat(kTail, 20000) + "</article></body></html>";
  REQUIRE(ExtractArticle(page, {}).ok());
  StatusOr<Article> memory = ExtractArticle(page, {}, ParseBudget{std::size_t{1} << 20, std::chrono::seconds(20)});
  REQUIRE_FALSE(memory.ok());
  CHECK(memory.status().code() == Status::Code::kResourceExhausted);
  CHECK_THAT(memory.status().message(), Catch::Contains("1 MB"));
  StatusOr<Article> time = ExtractArticle(page, {}, ParseBudget{std::size_t{512} << 20, std::chrono::milliseconds(0)});
  REQUIRE_FALSE(time.ok());
  CHECK_THAT(time.status().message(), Catch::Contains("0 ms"));
  // A failed parse leaves nothing behind: the next page parses as before.
  CHECK(ExtractArticle(page, {})->text.size() > 1000);
}

TEST_CASE("hostile input: a 10 MB page") {
  SECTION("one long article") {
    std::string huge = "<html><body><article>";
    for (int round = 1; huge.size() < 10 * 1024 * 1024; ++round) {  // numbered: a repeated run would be cut once
      huge += "<p>Trade officials met for round " + std::to_string(round) +
              ", to discuss tariffs, quotas, and the many barriers.</p>\n";
    }
    huge += "</article></body></html>";
    Timed t = Extract(huge);
    CHECK(t.seconds < 30);
    CHECK(t.article.kind == PageKind::kArticle);
    CHECK(t.article.text.size() > 9000000);
    CHECK_THAT(t.article.text, Catch::EndsWith("the many barriers."));
  }
  SECTION("one paragraph 100,000 times: given a few times, in bounded time") {
    std::string same = "<html><body><article>" +
                       Repeat("<p>Trade officials met again, and again, to discuss tariffs, quotas, and barriers.</p>",
                              100000) +
                       "</article></body></html>";
    Timed t = Extract(same);
    CHECK(t.seconds < 30);
    CHECK_THAT(t.article.text, Catch::StartsWith("Trade officials met again"));
    CHECK(t.article.text.size() < 10000);
  }
  SECTION("10 MB of links and one paragraph") {
    std::string html = "<html><body><div class='menu'>" + Repeat("<a href='/x'>Economy news</a> ", 340000) + "</div>" +
                       kTail + "</body></html>";
    REQUIRE(html.size() > 10 * 1000 * 1000);
    Timed t = Extract(html);
    CHECK(t.seconds < 30);
    CHECK(t.article.text.find("Economy news") == std::string::npos);
  }
  SECTION("10 MB of text without a tag") {
    Timed t = Extract(Repeat("tariffs and quotas, ", 520000));
    CHECK(t.seconds < 30);
    CHECK(t.article.text.size() > 9000000);
  }
  CHECK(PeakRssMb() < 1000);
}

TEST_CASE("hostile input: binary") {
  std::string random;
  uint32_t state = 2463534242u;
  for (int i = 0; i < 2000000; ++i) {
    state ^= state << 13, state ^= state >> 17, state ^= state << 5;  // xorshift
    random.push_back(static_cast<char>(state & 0xFF));
  }
  SECTION("random bytes") {
    Timed t = Extract(random);
    CHECK(t.seconds < 10);
    CHECK(t.article.kind != PageKind::kArticle);
    CHECK(t.article.text.empty());
  }
  SECTION("a PNG") {
    Timed t = Extract(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + random.substr(0, 500000));
    CHECK(t.seconds < 10);
    CHECK(t.article.kind != PageKind::kArticle);
    CHECK(t.article.text.empty());
  }
  SECTION("a gzip stream served as HTML") {
    Timed t = Extract(std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03", 10) + random.substr(0, 300000));
    CHECK(t.article.kind != PageKind::kArticle);
    CHECK(t.article.text.empty());
  }
  SECTION("NULs") {
    Timed all = Extract(std::string(1000000, '\0'));
    CHECK(all.seconds < 10);
    CHECK(all.article.kind != PageKind::kArticle);
    // A few NULs inside an otherwise good page are dropped, not a reason to drop the page.
    std::string page =
        "<html><body><article><p>Trade talks\0 resumed in Washington on Tuesday, officials said, "
        "after a pause of several weeks over tariffs on steel and cars.</p><p>The next round is due in "
        "June\0, the ministry said in a statement, without giving a date for a final agreement.</p>"
        "</article></body></html>"s;
    Timed some = Extract(page);
    CHECK_THAT(some.article.text, Catch::Contains("resumed in Washington"));
    CHECK(some.article.text.find('\0') == std::string::npos);
  }
  SECTION("invalid UTF-8 inside a page stays a page") {
    std::string page =
        "<html><body><article><p>Trade talks resumed in Washington on Tuesday \xC3\x28 officials said, "
        "after a pause of several weeks over tariffs on steel and cars \xFF\xFE.</p><p>The next round is "
        "due in June, the ministry said, without giving a date for a final agreement.</p></article>"
        "</body></html>";
    CHECK_THAT(Extract(page).article.text, Catch::Contains("next round is due in June"));
  }
}

TEST_CASE("hostile input: malformed markup") {
  SECTION("unclosed and misnested tags") {
    Timed t = Extract(
        "<html><body><p>Unclosed <b>bold <i>and <div>nested</p></span></td><table><tr>"
        "<p>Trade talks resumed in Washington on Tuesday, officials said, after a pause.");
    CHECK(t.seconds < 5);
    CHECK_THAT(t.article.text, Catch::Contains("Trade talks resumed"));
  }
  SECTION("an unterminated comment swallows the rest") {
    Timed t = Extract("<html><body><!-- " + Repeat(kTail, 10000));
    CHECK(t.seconds < 5);
    CHECK(t.article.kind == PageKind::kEmpty);
    CHECK(t.article.text.empty());
  }
  SECTION("an unterminated attribute quote and an unclosed script") {
    Timed quote = Extract("<html><body><div class=\"story>" + Repeat(kTail, 1000));
    CHECK(quote.seconds < 5);
    Timed script = Extract("<html><body>" + kTail + "<script>var a = '<p>not text</p>';" + Repeat("x<y; ", 100000));
    CHECK(script.seconds < 5);
    CHECK(script.article.text.find("not text") == std::string::npos);
  }
  SECTION("200,000 attributes on one tag") {
    std::string tag = "<div";
    for (int i = 0; i < 200000; ++i) tag += " a" + std::to_string(i) + "=\"<b\"";
    Timed t = Extract("<html><body>" + tag + ">" + kTail + "</div></body></html>");
    CHECK(t.seconds < 5);
    CHECK_THAT(t.article.text, Catch::Contains("Deep text about tariffs"));
  }
  SECTION("formatting elements misnested 20,000 times") {
    Timed t = Extract("<html><body>" + Repeat("<b><i>x</b>y</i>", 20000) + Repeat("<p><b class=c>x</p>", 20000));
    CHECK(t.seconds < 10);
  }
  SECTION("text foster-parented out of a table 20,000 times") {
    Timed t = Extract("<html><body><table>" + Repeat("text<b>bold</b>", 20000) + "</table>");
    CHECK(t.seconds < 10);
  }
  CHECK(PeakRssMb() < 500);
}
