// The article's authors: the metadata's people, the byline the page shows, its authors' links, an organisation
// named as author. Internal to extractors/html/metadata.
#pragma once

#include <string>
#include <vector>

#include "extractors/html/metadata/collect.h"
#include "extractors/html/metadata/zone.h"

namespace tradewire::metadata {

// `site_names`: what the site calls itself (a metadata author that is only the site names no writer).
std::vector<std::string> ChooseAuthors(const PageIndex& page, const PageFacts& facts, const ArticleZone& zone,
                                       const std::vector<std::string>& site_names);

// Adds the names in `raw` ("By Jane Doe and John Roe | Staff") that look like names, each once. `structured`: the
// name comes from metadata (JSON-LD, <meta name=author>), where a site's own spelling of a user name ("jsmith",
// "site_admin") is still its author; visible bylines must look like names.
void AddAuthor(std::vector<std::string>* authors, const std::string& raw, bool structured);

// A link to a writer's page: "/author/jane-doe", "/staff/2648209001/brian-truitt/", "/people/jane".
bool IsAuthorPage(const char* href);

}  // namespace tradewire::metadata
