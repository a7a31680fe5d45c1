// Parsers that turn a feed or a sitemap into the article links it lists. Pure: bytes in, links out.
#pragma once

#include <cstddef>
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

// The Sitemaps protocol's bound on the URLs of one sitemap file, applied to every listing (feeds have none of
// their own): past it a listing is read no further, so a 1M-item feed costs what a 50,000-item one does.
constexpr std::size_t kMaxListingEntries = 50000;
// What DTD entity references in one listing may expand to, in all. Real feeds declare an entity for a character
// or a name; a listing past this bound (one 100 KB entity referenced 100,000 times) is refused.
constexpr std::size_t kMaxEntityTextBytes = 1 << 20;

struct LinkList {
  std::vector<Link> links;
  std::vector<std::string> sitemaps;  // a sitemap index's child sitemaps (absolute URLs)
  // Why only part of the listing was read; empty when it was read whole. `unreadable`: the rest could not be
  // parsed (XML nested past libxml2's 256 levels), a failure of the listing; otherwise the entries past
  // kMaxListingEntries were left out, a warning.
  std::string incomplete;
  bool unreadable = false;
};

// RSS 2.0, RSS 1.0 (RDF), Atom 1.0 or JSON Feed 1.1, auto-detected. Malformed XML (bare '&', undeclared
// entities, a bad encoding declaration) is read in libxml2's recover mode: whatever is readable is kept.
// XML is read as a stream, in memory flat in its size. InvalidArgument when the bytes are no feed at all;
// ResourceExhausted when its entities loop or expand past kMaxEntityTextBytes.
StatusOr<LinkList> ParseFeed(std::string_view bytes, std::string_view base_url);

// sitemap.xml, sitemap index, Google News sitemap (news:publication_date, news:title). Entries whose date is
// before `since` (ISO day; empty for no limit) are left out. Read and bounded as feeds are.
StatusOr<LinkList> ParseSitemap(std::string_view bytes, std::string_view base_url, std::string_view since);

// RFC 822 / RFC 3339 / ISO dates as feeds write them → ISO day ("2025-05-23"); empty when unreadable.
std::string FeedDateToIsoDay(std::string_view date);

}  // namespace tradewire
