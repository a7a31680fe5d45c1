// ReadMetadata: one pass collects what the page's tags say (metadata/collect), then the headline is chosen
// (metadata/title), which places the zone where the article's own byline and dates stand (metadata/zone), then
// its dates (metadata/dates) and its authors (metadata/authors). Datelines, plain-text heads and the language
// have their own files in metadata/.
#include "extractors/html/metadata.h"

#include "extractors/html/metadata/authors.h"
#include "extractors/html/metadata/collect.h"
#include "extractors/html/metadata/dates.h"
#include "extractors/html/metadata/title.h"
#include "extractors/html/metadata/zone.h"

namespace tradewire {
namespace {

// A canonical link given as a path ("/2025/05/story") names a page of the fetched URL's site.
void ResolveCanonicalUrl(std::string_view url, PageMetadata* meta) {
  if (!meta->canonical_url.empty() && meta->canonical_url[0] == '/' && url.find("://") != std::string_view::npos) {
    std::size_t host_end = url.find('/', url.find("://") + 3);
    meta->canonical_url = std::string(url.substr(0, host_end)) + meta->canonical_url;
  }
}

}  // namespace

PageMetadata ReadMetadata(const PageIndex& page, std::string_view url, const ContentRegion& region) {
  using namespace metadata;
  PageFacts facts = CollectFacts(page);
  PageMetadata meta;
  meta.canonical_url = facts.canonical_url;
  meta.description = facts.description;
  meta.declared_language = !facts.html_lang.empty() ? facts.html_lang : facts.og_locale;

  TitleChoice title = ChooseTitle(page, facts, !url.empty() ? url : std::string_view(meta.canonical_url), region);
  meta.title = title.title;
  meta.site_name = !facts.site_name.empty() ? facts.site_name : facts.publisher();

  ArticleZone zone(page, region, title.headline);
  ReadDates(page, facts, zone, url, &meta);
  ResolveCanonicalUrl(url, &meta);
  if (meta.published.empty() && meta.published_fallback.empty()) {
    meta.published_fallback = FallbackDate(page, url, meta);
  }
  meta.authors = ChooseAuthors(page, facts, zone, title.site_names);
  return meta;
}

}  // namespace tradewire
