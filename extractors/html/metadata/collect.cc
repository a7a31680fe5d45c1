#include "extractors/html/metadata/collect.h"

#include <gumbo.h>

#include <cstring>
#include <string_view>

#include "extractors/html/dom.h"
#include "extractors/html/metadata.h"
#include "extractors/html/metadata/authors.h"
#include "extractors/html/metadata/words.h"
#include "extractors/html/page.h"
#include "extractors/text/utf8.h"

namespace tradewire::metadata {
namespace {

using nlohmann::json;

// <meta> names for the publication date: the common ones by name, and any "…publish…date/time…".
bool IsPublishedKey(std::string_view key) {
  static const std::string_view kKeys[] = {"article.created",
                                           "citation_date",
                                           "citation_online_date",
                                           "citation_publication_date",
                                           "date",
                                           "datecreated",
                                           "dc.date",
                                           "dc.date.created",
                                           "dc.date.issued",
                                           "dcterms.created",
                                           "dcterms.date",
                                           "dcterms.issued",
                                           "parsely-pub-date",
                                           "prism.publicationdate",
                                           "pubdate",
                                           "release_date",
                                           "sailthru.date"};
  if (std::find(std::begin(kKeys), std::end(kKeys), key) != std::end(kKeys)) return true;
  bool publish = key.find("publish") != std::string_view::npos || key.find("pub_date") != std::string_view::npos ||
                 key.find("pub-date") != std::string_view::npos;
  bool when = key.find("date") != std::string_view::npos || key.find("time") != std::string_view::npos ||
              key == "published" || key == "article:published";
  return publish && when && key.find("modif") == std::string_view::npos && key.find("updat") == std::string_view::npos;
}

bool IsModifiedKey(std::string_view key) {
  bool changed = key.find("modif") != std::string_view::npos || key.find("updat") != std::string_view::npos;
  bool when = key.find("date") != std::string_view::npos || key.find("time") != std::string_view::npos ||
              key == "last-modified" || key == "article:modified";
  return changed && when;
}

// An absolute http(s) URL or a path from the site's root. Sites put other things in canonical links ("What are the
// different types of wine?"), which resolved against the page would name a page that does not exist.
bool IsPageUrl(std::string_view value) {
  if (value.empty() || std::any_of(value.begin(), value.end(), [](char c) { return c == ' ' || c == '\t'; })) {
    return false;
  }
  return value[0] == '/' || StartsWithNoCase(value, "http://") || StartsWithNoCase(value, "https://");
}

}  // namespace

PageFacts CollectFacts(const PageIndex& page) {
  PageFacts facts;
  for (int32_t i = 0; i < page.size(); ++i) {
    const PageNode& n = page[i];
    if (n.is_text) continue;
    const GumboNode* node = n.node;
    GumboTag tag = n.tag;
    switch (tag) {
      case GUMBO_TAG_HTML:
        if (const char* lang = Attr(node, "lang")) facts.html_lang = lang;
        continue;
      case GUMBO_TAG_TITLE:
        if (facts.html_title.empty()) facts.html_title = page.Text(i);
        continue;
      case GUMBO_TAG_H1:
        if (!n.hidden && facts.h1s.size() < 20) facts.h1s.push_back(i);
        continue;
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
      case GUMBO_TAG_H4:
        if (!n.hidden && facts.subheadings.size() < 40 && n.all_length <= 300) facts.subheadings.push_back(i);
        continue;
      case GUMBO_TAG_META: {
        const char* key_attr = Attr(node, "property") ? Attr(node, "property")
                               : Attr(node, "name")   ? Attr(node, "name")
                                                      : Attr(node, "itemprop");
        const char* content = Attr(node, "content");
        if (!key_attr || !content || !*content) continue;
        std::string key = AsciiLower(key_attr);
        std::string value = Collapse(content);
        if (key == "script:ld+json") {  // Remix's meta export, rendered as a <meta> by some versions
          json ld = json::parse(content, nullptr, false);
          if (!ld.is_discarded()) ReadJsonLdDocument(ld, &facts.ld_article, &facts.ld_page);
        } else if (key == "og:title") {
          if (facts.og_title.empty()) facts.og_title = value;
        } else if (key == "twitter:title") {
          if (facts.twitter_title.empty()) facts.twitter_title = value;
        } else if (key == "og:site_name") {
          facts.site_name = value;
        } else if (key == "og:url") {
          if (facts.canonical_url.empty() && IsPageUrl(value)) facts.canonical_url = value;
        } else if (key == "og:description" || (key == "description" && facts.description.empty())) {
          facts.description = value;
        } else if (key == "og:locale") {
          facts.og_locale = value;
        } else if (IsPublishedKey(key)) {
          // Tags that disagree ("published-time" re-stamped on render beside "published-date"): the earliest is
          // the original publication.
          std::string day = NormalizeDate(value), known = NormalizeDate(facts.meta_published);
          if (known.empty() || (!day.empty() && day < known)) facts.meta_published = value;
        } else if (IsModifiedKey(key)) {
          if (facts.meta_modified.empty() || NormalizeDate(facts.meta_modified).empty()) facts.meta_modified = value;
        } else if (key == "author" || key == "article:author" || key == "byl" || key == "parsely-author" ||
                   key == "sailthru.author" || key == "dc.creator" || key == "dcterms.creator" ||
                   key == "citation_author") {
          if (value.rfind("http", 0) != 0) facts.meta_authors.push_back(value);
        }
        continue;
      }
      case GUMBO_TAG_LINK: {
        const char* rel = Attr(node, "rel");
        const char* href = Attr(node, "href");
        if (rel && AsciiLower(rel) == "canonical" && href && IsPageUrl(Collapse(href))) {
          facts.canonical_url = Collapse(href);
        }
        continue;
      }
      case GUMBO_TAG_SCRIPT: {
        i = n.end - 1;
        const char* type = Attr(node, "type");
        if (!type || AsciiLower(type) != "application/ld+json" || node->v.element.children.length == 0) continue;
        const auto* text = static_cast<const GumboNode*>(node->v.element.children.data[0]);
        if (text->type != GUMBO_NODE_TEXT && text->type != GUMBO_NODE_CDATA) continue;
        json ld = json::parse(text->v.text.text, nullptr, false);
        // Some CMSs escape the JSON as if it were HTML text (&quot;).
        if (ld.is_discarded() && std::strstr(text->v.text.text, "&quot;")) {
          ld = json::parse(DecodeEntities(text->v.text.text), nullptr, false);
        }
        if (!ld.is_discarded()) ReadJsonLdDocument(ld, &facts.ld_article, &facts.ld_page);
        continue;
      }
      case GUMBO_TAG_TIME:
        if (!n.hidden && facts.times.size() < 50) facts.times.push_back(i);
        break;
      default:
        break;
    }
    if (n.hidden || node->v.element.attributes.length == 0) continue;
    if (const char* itemprop = Attr(node, "itemprop")) {
      std::string prop = AsciiLower(itemprop);
      if (prop == "datepublished" || prop == "datemodified") {
        const char* value = Attr(node, "datetime") ? Attr(node, "datetime") : Attr(node, "content");
        std::string date = value ? value : page.Text(i, false, 200);
        std::string& slot = prop == "datepublished" ? facts.itemprop_published : facts.itemprop_modified;
        if (slot.empty()) slot = date;
      }
    }
    if (facts.bylines.size() >= 40) continue;
    const char* rel = Attr(node, "rel");
    const char* href = tag == GUMBO_TAG_A ? Attr(node, "href") : nullptr;
    if ((rel && std::strstr(rel, "author")) || (href && IsAuthorPage(href))) {
      facts.author_links.push_back(i);
      continue;
    }
    std::string hints = ClassAndId(node);
    if (const char* itemprop = Attr(node, "itemprop")) hints += std::string(" ") + AsciiLower(itemprop);
    if (hints.find("author") != std::string::npos || hints.find("byline") != std::string::npos ||
        hints.find("by-line") != std::string::npos || hints.find("writer") != std::string::npos ||
        hints.find("reporter") != std::string::npos) {
      facts.bylines.push_back(i);
    }
  }
  return facts;
}

}  // namespace tradewire::metadata
