// What a page's JSON-LD says about its article and about the page. Internal to extractors/html/metadata.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tradewire::metadata {

// What the page's JSON-LD says about the article (an Article type) or about the page (WebPage and kin, where
// some CMSs put the dates).
struct LdFacts {
  bool seen = false;
  std::string headline, published, modified, publisher;
  std::vector<std::string> persons, organizations;
};

// Reads one JSON-LD document (NewsArticle and kin, @graph and @id references too) into `article` and `webpage`;
// the first node of a kind speaks for the page, later ones only fill gaps.
void ReadJsonLdDocument(const nlohmann::json& ld, LdFacts* article, LdFacts* webpage);

// JSON-LD sits in a <script>, where the HTML parser leaves character references alone; CMSs still write them.
std::string DecodeEntities(std::string text);

}  // namespace tradewire::metadata
