#include "extractors/html/metadata/jsonld.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <unordered_map>

#include "extractors/html/page.h"
#include "extractors/text/utf8.h"

namespace tradewire::metadata {
namespace {

using nlohmann::json;

std::string LdString(const json& value) {
  if (value.is_string()) return Collapse(DecodeEntities(value.get<std::string>()));
  if (value.is_array() && !value.empty() && value[0].is_string()) {
    return Collapse(DecodeEntities(value[0].get<std::string>()));
  }
  return "";
}

bool TypeIs(const json& type, bool (*test)(std::string_view)) {
  if (type.is_string()) return test(type.get_ref<const std::string&>());
  if (type.is_array()) {
    return std::any_of(type.begin(), type.end(),
                       [&](const json& t) { return t.is_string() && test(t.get_ref<const std::string&>()); });
  }
  return false;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsArticleTypeName(std::string_view t) {
  return EndsWith(t, "Article") || EndsWith(t, "Posting") || t == "Report" || t == "Review" || t == "Recipe" ||
         t == "HowTo" || t == "CreativeWork";
}
bool IsPageTypeName(std::string_view t) { return EndsWith(t, "Page"); }
bool IsOrganizationTypeName(std::string_view t) {
  return EndsWith(t, "Organization") || t == "Corporation" || t == "NGO" || t == "GovernmentOrganization" ||
         t == "LocalBusiness" || t == "Brand" || t == "WebSite";
}

void IndexIds(const json& node, std::unordered_map<std::string, const json*>* ids, int depth) {
  if (depth > 12) return;
  if (node.is_array()) {
    for (const json& item : node) IndexIds(item, ids, depth + 1);
  } else if (node.is_object()) {
    auto id = node.find("@id");
    if (id != node.end() && id->is_string() && node.size() > 1) ids->emplace(id->get<std::string>(), &node);
    for (const auto& [key, value] : node.items()) {
      if (value.is_structured()) IndexIds(value, ids, depth + 1);
    }
  }
}

void ReadLdAuthors(const json& value, const std::unordered_map<std::string, const json*>& ids, LdFacts* facts) {
  if (value.is_array()) {
    for (const json& item : value) {
      if (!item.is_array()) ReadLdAuthors(item, ids, facts);
    }
    return;
  }
  if (value.is_string()) {
    facts->persons.push_back(DecodeEntities(value.get<std::string>()));
    return;
  }
  if (!value.is_object()) return;
  const json* author = &value;
  if (!author->contains("name")) {  // {"@id": "…#/schema/person/…"}: the Person is elsewhere in the graph
    auto id = author->find("@id");
    if (id == author->end() || !id->is_string()) return;
    auto found = ids.find(id->get<std::string>());
    if (found == ids.end()) return;
    author = found->second;
  }
  std::string name = LdString(author->value("name", json()));
  if (name.empty()) return;
  if (TypeIs(author->value("@type", json()), IsOrganizationTypeName)) {
    facts->organizations.push_back(name);
  } else {
    facts->persons.push_back(name);
  }
}

void ReadJsonLd(const json& node, const std::unordered_map<std::string, const json*>& ids, LdFacts* article,
                LdFacts* webpage, int depth) {
  if (depth > 12) return;
  if (node.is_array()) {
    for (const json& item : node) ReadJsonLd(item, ids, article, webpage, depth + 1);
    return;
  }
  if (!node.is_object()) return;
  if (auto graph = node.find("@graph"); graph != node.end()) ReadJsonLd(*graph, ids, article, webpage, depth + 1);
  const json& type = node.value("@type", json());
  LdFacts* facts = TypeIs(type, IsArticleTypeName) ? article : TypeIs(type, IsPageTypeName) ? webpage : nullptr;
  if (facts) {
    bool first = !facts->seen;  // the first node of a kind speaks for the page; later ones only fill gaps
    facts->seen = true;
    auto fill = [&](std::string* field, const char* key) {
      if (field->empty()) *field = LdString(node.value(key, json()));
    };
    fill(&facts->headline, "headline");
    if (facts->headline.empty() && facts == webpage) fill(&facts->headline, "name");
    fill(&facts->published, "datePublished");
    if (facts->published.empty()) fill(&facts->published, "dateCreated");
    fill(&facts->modified, "dateModified");
    if ((first || (facts->persons.empty() && facts->organizations.empty())) && node.contains("author")) {
      ReadLdAuthors(node["author"], ids, facts);
    }
    if (facts->publisher.empty() && node.contains("publisher")) {
      const json* publisher = &node["publisher"];
      if (publisher->is_array() && !publisher->empty()) publisher = &(*publisher)[0];
      if (publisher->is_object() && !publisher->contains("name")) {
        auto id = publisher->find("@id");
        if (id != publisher->end() && id->is_string()) {
          auto found = ids.find(id->get<std::string>());
          if (found != ids.end()) publisher = found->second;
        }
      }
      if (publisher->is_object()) facts->publisher = LdString(publisher->value("name", json()));
    }
  }
  for (const char* nested : {"mainEntity", "mainEntityOfPage"}) {
    auto inner = node.find(nested);
    if (inner != node.end() && inner->is_object()) ReadJsonLd(*inner, ids, article, webpage, depth + 1);
  }
}

}  // namespace

void ReadJsonLdDocument(const json& ld, LdFacts* article, LdFacts* webpage) {
  std::unordered_map<std::string, const json*> ids;
  IndexIds(ld, &ids, 0);
  ReadJsonLd(ld, ids, article, webpage, 0);
}

std::string DecodeEntities(std::string text) {
  if (text.find('&') == std::string::npos) return text;
  static const std::pair<const char*, const char*> kNamed[] = {
      {"amp", "&"}, {"quot", "\""}, {"apos", "'"}, {"lt", "<"}, {"gt", ">"}, {"nbsp", " "},
      {"ndash", "\u2013"}, {"mdash", "\u2014"}, {"lsquo", "\u2018"}, {"rsquo", "\u2019"}, {"ldquo", "\u201c"},
      {"rdquo", "\u201d"}, {"hellip", "\u2026"}};
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t semi = text.find(';', i);
    if (text[i] != '&' || semi == std::string::npos || semi - i > 10) {
      out += text[i];
      continue;
    }
    std::string name = text.substr(i + 1, semi - i - 1);
    std::string replacement;
    if (!name.empty() && name[0] == '#') {
      bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      unsigned long code = std::strtoul(name.c_str() + 1 + hex, nullptr, hex ? 16 : 10);
      if (code > 0 && code <= 0x10FFFF) {
        char buffer[U8_MAX_LENGTH];
        int32_t length = 0;
        UBool error = false;
        U8_APPEND(buffer, length, U8_MAX_LENGTH, static_cast<UChar32>(code), error);
        if (!error) replacement.assign(buffer, static_cast<std::size_t>(length));
      }
    } else {
      for (const auto& [entity, value] : kNamed) {
        if (name == entity) replacement = value;
      }
    }
    if (replacement.empty()) {
      out += text[i];
      continue;
    }
    out += replacement;
    i = semi;
  }
  return out;
}

}  // namespace tradewire::metadata
