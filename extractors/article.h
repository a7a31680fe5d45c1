// Article: what the extractor makes of one page. Plain data, passed by value.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tradewire {

// "Seoul, April 1 (Yonhap) --" → place "Seoul", date "2025-04-01" (resolved against the page's date; empty
// when it cannot be), agency "Yonhap". The dateline stays in Article::text as well.
struct Dateline {
  std::string place;
  std::string date;    // ISO 8601 day, or empty
  std::string agency;  // empty when none is named
};

// What kind of page the extractor judged it to be. Only kArticle pages are stored as articles.
enum class PageKind { kArticle, kIndex, kError, kConsentWall, kEmpty };
const char* PageKindName(PageKind kind);

struct Article {
  std::string url;            // the URL the page was fetched from (or given with --url)
  std::string canonical_url;  // <link rel=canonical> / og:url, absolute; empty when the page names none
  std::string title;          // without the site-name suffix
  std::vector<std::string> authors;
  std::string published;      // ISO 8601 (date or date-time), empty if unknown
  std::string published_source;  // where `published` came from: "page", "feed", "http", "warc"; empty if unknown
  std::string modified;       // ISO 8601, empty if unknown
  std::optional<Dateline> dateline;
  std::string language;       // ISO 639-1 code from the detector, empty if undetermined
  std::string site_name;
  std::string description;
  std::string text;           // body: paragraphs separated by one blank line ("\n\n"), UTF-8
  PageKind kind = PageKind::kArticle;
};

// Hints the caller knows about a page before extraction (from a feed entry, a sitemap, a WARC record, the CLI).
struct ExtractHints {
  std::string url;
  std::string published;  // the feed's or sitemap's entry date (ISO): used when the page's own metadata gives none
  std::string title;
  // The last resort when neither the page nor its feed dates it: HTTP Last-Modified or WARC-Date (ISO), and which.
  std::string served{};
  std::string served_source{};  // "http" or "warc"
};

}  // namespace tradewire
