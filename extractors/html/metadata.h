// Page metadata and the small parsers the extractor shares with plain-text input. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/article.h"


namespace tradewire {

class PageIndex;

struct PageMetadata {
  std::string title;      // headline without the site-name suffix
  std::vector<std::string> authors;
  std::string published;  // ISO 8601 (as precise as the page says), the original publication
  // Weaker evidence (a <time> far from the headline, the URL, script data, the last update), for when neither
  // the page's metadata nor the caller knows the publication date.
  std::string published_fallback;
  std::string modified;
  std::string canonical_url;
  std::string site_name;
  std::string description;
  std::string declared_language;  // <html lang>, og:locale
};

// Where the body extractor found the article (PageIndex indices, -1 when it found none): titles, dates and
// bylines are looked for near it first.
struct ContentRegion {
  int32_t root = -1;  // the element whose paragraphs make the body
  int32_t core = -1;  // the densest paragraph container inside it
};

// Title, authors and dates from JSON-LD (NewsArticle and kin, @graph and @id references too), OpenGraph and
// article:* meta, itemprop, <time>, bylines and visible "Published" lines near the headline, data embedded in
// scripts, and the URL (the fetched one, else the canonical one).
PageMetadata ReadMetadata(const PageIndex& page, std::string_view url, const ContentRegion& region);

// "Seoul, April 1 (Yonhap) --", "WASHINGTON (Reuters) -" opening the body or one of its first lines (a caption or
// key points may come first). The date is resolved with the year of `published` (ISO) and never placed after it.
std::optional<Dateline> ParseDateline(std::string_view text, std::string_view published);

// What the head of a plain-text article says of it, the text itself unchanged: a headline on its first line,
// "Published: …" / "Updated: …" and "By …" lines under it. What it cannot tell stays empty.
PageMetadata ReadTextMetadata(std::string_view text);

// ISO 639-1 code by CLD2 from the text; `declared` (e.g. "en-GB") when the text is too short to tell.
std::string DetectLanguage(std::string_view text, std::string_view declared);

// Date strings as pages write them (ISO 8601, "20 May. 2025", "May 20, 2025", "2025.05.23") → ISO day.
std::string NormalizeDate(std::string_view text);

}  // namespace tradewire
