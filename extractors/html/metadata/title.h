// The article's headline: the <h1> the reader sees when it is this article's, else the metadata's title without
// the site's name. Internal to extractors/html/metadata.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/html/metadata.h"
#include "extractors/html/metadata/collect.h"

namespace tradewire::metadata {

struct TitleChoice {
  std::string title;
  int32_t headline = -1;                // the <h1> that best heads the article (-1: none), even when
                                        // the title is the metadata's: bylines and dates are near it
  std::vector<std::string> site_names;  // what the site calls itself (Squeezed), logos set as headings too
};

// `url`: the fetched URL, else the canonical one (its host names the site).
TitleChoice ChooseTitle(const PageIndex& page, const PageFacts& facts, std::string_view url,
                        const ContentRegion& region);

// Whether a title part or a byline names the site: its host name, or one of `site_names`.
bool MatchesSiteName(std::string_view part, const std::vector<std::string>& site_names);

}  // namespace tradewire::metadata
