// The one pass over a page that gathers what its metadata is chosen from. Internal to extractors/html/metadata.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "extractors/html/metadata/jsonld.h"

namespace tradewire {
class PageIndex;
}

namespace tradewire::metadata {

// What the page's tags say, unchosen: every title it gives, its dates and authors by the tag that gives them,
// and the elements (PageIndex indices, a bounded number of each) where a headline, a byline or a date may stand.
struct PageFacts {
  std::string html_title, og_title, twitter_title;
  std::string site_name, canonical_url, description;
  std::string html_lang, og_locale;
  std::string meta_published, meta_modified, itemprop_published, itemprop_modified;
  std::vector<std::string> meta_authors;
  LdFacts ld_article, ld_page;
  std::vector<int32_t> h1s, subheadings, times, bylines, author_links;

  // The publisher the JSON-LD names, for the article else for the page.
  const std::string& publisher() const {
    return ld_article.publisher.empty() ? ld_page.publisher : ld_article.publisher;
  }
};

PageFacts CollectFacts(const PageIndex& page);

}  // namespace tradewire::metadata
