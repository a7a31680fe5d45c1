// Parsers that turn a feed or a sitemap into the article links it lists. Pure: bytes in, links out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extractors/status.h"

namespace tradewire {

struct Link {
  std::string url;    // absolute, resolved against the document's URL (and xml:base)
  std::string date;   // ISO day: the entry's publication date (feeds, news sitemaps) or lastmod; may be empty
  std::string title;  // may be empty
};

struct LinkList {
  std::vector<Link> links;
  std::vector<std::string> sitemaps;  // a sitemap index's child sitemaps (absolute URLs)
};

// RSS 2.0, RSS 1.0 (RDF), Atom 1.0 or JSON Feed 1.1, auto-detected. Malformed XML (bare '&', undeclared
// entities, a bad encoding declaration) is read in libxml2's recover mode: whatever is readable is kept.
// InvalidArgument when the bytes are no feed at all.
StatusOr<LinkList> ParseFeed(std::string_view bytes, std::string_view base_url);

// sitemap.xml, sitemap index, Google News sitemap (news:publication_date, news:title). Entries whose date is
// before `since` (ISO day; empty for no limit) are left out.
StatusOr<LinkList> ParseSitemap(std::string_view bytes, std::string_view base_url, std::string_view since);

// RFC 822 / RFC 3339 / ISO dates as feeds write them → ISO day ("2025-05-23"); empty when unreadable.
std::string FeedDateToIsoDay(std::string_view date);

}  // namespace tradewire
