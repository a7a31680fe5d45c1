// The page's publication and update dates: structured ones first, then what the page shows near the headline,
// then scripts and the URL. Internal to extractors/html/metadata.
#pragma once

#include <string>
#include <string_view>

#include "extractors/html/metadata.h"
#include "extractors/html/metadata/collect.h"
#include "extractors/html/metadata/zone.h"

namespace tradewire::metadata {

// Sets meta->published, ->modified and, from a date far from the headline, ->published_fallback.
void ReadDates(const PageIndex& page, const PageFacts& facts, const ArticleZone& zone, std::string_view url,
               PageMetadata* meta);
// Weaker evidence for a page that shows no date of its own: the URL, script data, the canonical URL, the last
// update. Empty when there is none.
std::string FallbackDate(const PageIndex& page, std::string_view url, const PageMetadata& meta);

// "YYYY-MM-DD", or "" when the parts are no plausible date.
std::string IsoDay(int year, int month, int day);
// A date shown as text near the headline: "Published: 20 May. 2025, 16:58", "Dec 12, 2025", "By Jane Doe - Mar
// 27, 2024", "[Submitted on 18 Dec 2025]", "Updated Jan 8, 2026 · Published Mar 2, 2024". Sets the ISO day of
// the publication and of the update it names; false when it names no date.
bool DatesInText(std::string_view text, std::string* published, std::string* updated);

}  // namespace tradewire::metadata
