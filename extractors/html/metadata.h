// Page metadata and the small parsers the extractor shares with plain-text input. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/article.h"

struct GumboInternalNode;

namespace tradewire {

struct PageMetadata {
  std::string title;      // headline without the site-name suffix
  std::vector<std::string> authors;
  std::string published;  // ISO 8601 (as precise as the page says), the original publication
  std::string modified;
  std::string canonical_url;
  std::string site_name;
  std::string description;
  std::string declared_language;  // <html lang>, og:locale
};

// JSON-LD (NewsArticle and kin, @graph too), OpenGraph and article:* meta, itemprop, <time>, bylines, <title>.
PageMetadata ReadMetadata(const GumboInternalNode* root, std::string_view url);

// A publication date the page shows as text ("Published: 20 May. 2025, 16:58") or in its URL (/2025/05/20/);
// ISO day, or empty.
std::string VisibleDate(const GumboInternalNode* root, std::string_view url);

// "Seoul, April 1 (Yonhap) --", "WASHINGTON (Reuters) -" at the start of the body. The date is resolved with
// the year of `published` (ISO) and never placed after it.
std::optional<Dateline> ParseDateline(std::string_view text, std::string_view published);

// ISO 639-1 code by CLD2 from the text; `declared` (e.g. "en-GB") when the text is too short to tell.
std::string DetectLanguage(std::string_view text, std::string_view declared);

// Date strings as pages write them (ISO 8601, "20 May. 2025", "May 20, 2025", "2025.05.23") → ISO day.
std::string NormalizeDate(std::string_view text);

}  // namespace tradewire
