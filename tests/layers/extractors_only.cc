// Linked against the extractor targets alone, every object of them included (whole archive): were any extractor
// to call libcurl, SQLite or anything of the pipeline, this program would not link. Run, it takes one page through
// every stage (extract → tag → events → fingerprint) with data given in memory, as the pipeline does.
#include <cstdio>
#include <string>

#include "extractors/dedup/fingerprint.h"
#include "extractors/events/events.h"
#include "extractors/html/extract.h"
#include "extractors/tag/taggers.h"

int main() {
  using namespace tradewire;
  const std::string page =
      "<html><head><title>Seoul and Washington resume tariff talks</title>"
      "<meta property='article:published_time' content='2025-05-20'></head><body><article>"
      "<h1>Seoul and Washington resume tariff talks</h1>"
      "<p>SEOUL, May 20 (Yonhap) -- South Korea and the United States will hold a second round of talks on "
      "Thursday on the 25 percent tariff on Korean cars, the trade ministry said on Tuesday.</p>"
      "<p>The two sides agreed in April to work out a package deal by July 8, covering tariffs, non-tariff "
      "barriers, economic security and investment, officials said after the meeting in Washington.</p>"
      "</article></body></html>";
  StatusOr<Article> article = ExtractArticle(page, ExtractHints{});
  if (!article.ok() || article->text.empty()) return std::fprintf(stderr, "no article extracted\n"), 1;
  DataFiles no_files;
  StatusOr<Taggers> taggers = Taggers::Create(no_files);
  StatusOr<EventExtractor> events = EventExtractor::Create(no_files);
  if (!taggers.ok() || !events.ok()) return std::fprintf(stderr, "taggers or events not built\n"), 1;
  Mentions mentions = taggers->Tag(*article);
  events->Extract(*article, mentions);
  if (mentions.empty()) return std::fprintf(stderr, "no mentions in %s\n", article->text.c_str()), 1;
  if (ContentHash(article->text).empty()) return std::fprintf(stderr, "no content hash\n"), 1;
  FingerprintText(article->text);
  std::printf("%zu characters, %zu mentions\n", article->text.size(), mentions.size());
  return 0;
}
