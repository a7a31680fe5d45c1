#include "extractors/html/metadata.h"

#include <cld2/public/compact_lang_det.h>
#include <gumbo.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include "extractors/html/dom.h"
#include "extractors/text/utf8.h"

namespace CLD2 {
const char* LanguageCode(Language lang);  // cld2's internal lang_script.h, which is not installed cleanly
}

namespace tradewire {
namespace {

using nlohmann::json;



std::string NodeText(const GumboNode* node) {
  std::string text;
  std::vector<const GumboNode*> stack = {node};
  while (!stack.empty()) {
    const GumboNode* current = stack.back();
    stack.pop_back();
    if (current->type == GUMBO_NODE_TEXT || current->type == GUMBO_NODE_CDATA || current->type == GUMBO_NODE_WHITESPACE) {
      text += current->v.text.text;
      continue;
    }
    if (current->type != GUMBO_NODE_ELEMENT) continue;
    GumboTag tag = current->v.element.tag;
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) continue;
    if (tag == GUMBO_TAG_BR) text += ' ';
    const GumboVector& children = current->v.element.children;
    for (unsigned i = children.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(children.data[i]));
  }
  return CollapseWhitespace(text);
}


int MonthFromName(std::string_view name) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    if (strncasecmp(name.data(), kMonths[i], 3) == 0) return i + 1;
  }
  return 0;
}

std::string IsoDay(int year, int month, int day) {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return "";
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, day);
  return out;
}

// A person's name as bylines print it: "By JEONG JAE-HONG [email]" → "Jeong Jae-hong".
std::string CleanAuthor(std::string name) {
  static const RE2 kPrefix(R"((?i)^\s*(by|written by|reporter|reported by|posted by|author:?)\s+)");
  static const RE2 kTail(R"(\s*(\[.*|\(.*|<.*|\S+@\S+.*|,.*|\|.*)$)");
  RE2::Replace(&name, kPrefix, "");
  RE2::Replace(&name, kTail, "");
  name = CollapseWhitespace(name);
  bool has_lower = std::any_of(name.begin(), name.end(), [](unsigned char c) { return std::islower(c); });
  if (!has_lower) {
    bool start = true;
    for (char& c : name) {
      c = start ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      start = c == ' ';
    }
  }
  return name;
}

bool LooksLikeName(std::string_view name) {
  if (name.size() < 3 || name.size() > 60) return false;
  int words = 1 + static_cast<int>(std::count(name.begin(), name.end(), ' '));
  return words <= 5 && std::isupper(static_cast<unsigned char>(name[0]));
}

void AddAuthor(std::vector<std::string>* authors, std::string name) {
  name = CleanAuthor(std::move(name));
  if (!LooksLikeName(name)) return;
  for (const std::string& known : *authors) {
    if (AsciiLower(known) == AsciiLower(name)) return;
  }
  authors->push_back(std::move(name));
}

// JSON-LD sits in a <script>, where the HTML parser leaves character references alone; CMSs still write them.
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

bool IsArticleType(const json& type) {
  static const char* kTypes[] = {"NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
                                 "OpinionNewsArticle", "WebPage", "TechArticle", "ScholarlyArticle", "Report"};
  auto matches = [](const std::string& t) {
    return std::any_of(std::begin(kTypes), std::end(kTypes), [&](const char* k) { return t == k; });
  };
  if (type.is_string()) return matches(type.get<std::string>());
  if (type.is_array()) {
    return std::any_of(type.begin(), type.end(), [&](const json& t) { return t.is_string() && matches(t.get<std::string>()); });
  }
  return false;
}

void ReadJsonLd(const json& node, PageMetadata* meta, bool* found_article) {
  if (node.is_array()) {
    for (const json& item : node) ReadJsonLd(item, meta, found_article);
    return;
  }
  if (!node.is_object()) return;
  if (node.contains("@graph")) ReadJsonLd(node["@graph"], meta, found_article);
  if (!IsArticleType(node.value("@type", json()))) return;
  bool is_webpage = node.value("@type", json()) == "WebPage";
  if (is_webpage && *found_article) return;  // a real article type wins over the page wrapper
  if (!is_webpage) *found_article = true;
  auto text = [&](const char* key) {
    const json& value = node.contains(key) ? node[key] : json();
    return value.is_string() ? CollapseWhitespace(DecodeEntities(value.get<std::string>())) : std::string();
  };
  if (std::string headline = text("headline"); !headline.empty() && (meta->title.empty() || !is_webpage)) {
    meta->title = headline;
  }
  if (std::string published = text("datePublished"); !published.empty()) meta->published = published;
  if (std::string modified = text("dateModified"); !modified.empty()) meta->modified = modified;
  if (node.contains("author")) {
    json authors = node["author"].is_array() ? node["author"] : json::array({node["author"]});
    for (const json& author : authors) {
      if (author.is_string()) AddAuthor(&meta->authors, DecodeEntities(author.get<std::string>()));
      else if (author.is_object() && author.value("name", json()).is_string()) {
        if (author.value("@type", "Person") != "Organization") AddAuthor(&meta->authors, author["name"].get<std::string>());
      }
    }
  }
  if (node.contains("publisher") && node["publisher"].is_object() && meta->site_name.empty()) {
    const json& name = node["publisher"].value("name", json());
    if (name.is_string()) meta->site_name = name.get<std::string>();
  }
}

// "Headline | Site" → "Headline": the longest part when the title is split by a site separator.
std::string StripSiteName(const std::string& title, const std::string& site_name) {
  static const char* kSeparators[] = {" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · "};
  std::string best = title;
  for (const char* separator : kSeparators) {
    std::size_t at = title.rfind(separator);
    if (at == std::string::npos) continue;
    std::string head = title.substr(0, at), tail = title.substr(at + std::strlen(separator));
    if (!site_name.empty() && AsciiLower(tail).find(AsciiLower(site_name)) == std::string::npos &&
        AsciiLower(head).find(AsciiLower(site_name)) != std::string::npos) {
      std::swap(head, tail);
    }
    if (head.size() >= tail.size() && head.size() >= 15) best = head;
    break;
  }
  return CollapseWhitespace(best);
}

}  // namespace

std::string NormalizeDate(std::string_view text) {
  std::string s(text);
  int year = 0, month = 0, day = 0;
  static const RE2 kIso(R"((\d{4})-(\d{1,2})-(\d{1,2}))");
  static const RE2 kDotted(R"((\d{4})[./](\d{1,2})[./](\d{1,2}))");
  static const RE2 kDayMonthYear(R"((\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4}))");
  static const RE2 kMonthDayYear(R"(([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))");
  static const RE2 kCompact(R"(^(\d{4})(\d{2})(\d{2}))");
  std::string month_name;
  if (RE2::PartialMatch(s, kIso, &year, &month, &day) || RE2::PartialMatch(s, kDotted, &year, &month, &day) ||
      RE2::PartialMatch(s, kCompact, &year, &month, &day)) {
    return IsoDay(year, month, day);
  }
  if (RE2::PartialMatch(s, kDayMonthYear, &day, &month_name, &year) ||
      RE2::PartialMatch(s, kMonthDayYear, &month_name, &day, &year)) {
    return IsoDay(year, MonthFromName(month_name), day);
  }
  return "";
}

PageMetadata ReadMetadata(const GumboNode* root, std::string_view url) {
  PageMetadata meta;
  std::string og_title, html_title, h1, meta_published, meta_modified, time_published, og_locale;
  bool found_article = false;
  ForEachElement(root, [&](const GumboNode* node) {
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_HTML) {
      if (const char* lang = Attr(node, "lang")) meta.declared_language = lang;
    } else if (tag == GUMBO_TAG_TITLE && html_title.empty()) {
      html_title = NodeText(node);
    } else if (tag == GUMBO_TAG_H1 && h1.empty()) {
      h1 = NodeText(node);
    } else if (tag == GUMBO_TAG_META) {
      std::string key = AsciiLower(Attr(node, "property") ? Attr(node, "property")
                              : Attr(node, "name")   ? Attr(node, "name")
                              : Attr(node, "itemprop") ? Attr(node, "itemprop")
                                                        : "");
      const char* content = Attr(node, "content");
      if (!content || !*content) return true;
      std::string value = CollapseWhitespace(content);
      if (key == "og:title" || key == "twitter:title") {
        if (og_title.empty()) og_title = value;
      } else if (key == "og:site_name") {
        meta.site_name = value;
      } else if (key == "og:url" && meta.canonical_url.empty()) {
        meta.canonical_url = value;
      } else if (key == "og:description" || (key == "description" && meta.description.empty())) {
        meta.description = value;
      } else if (key == "og:locale") {
        og_locale = value;
      } else if (key == "article:published_time" || key == "datepublished" || key == "pubdate" ||
                 key == "publish-date" || key == "publish_date" || key == "parsely-pub-date" || key == "dc.date" ||
                 key == "dc.date.issued" || key == "sailthru.date" || key == "date" || key == "article.published" ||
                 key == "og:published_time" || key == "publication_date") {
        if (meta_published.empty()) meta_published = value;
      } else if (key == "article:modified_time" || key == "datemodified" || key == "og:updated_time" ||
                 key == "last-modified") {
        if (meta_modified.empty()) meta_modified = value;
      } else if (key == "author" || key == "article:author" || key == "byl" || key == "parsely-author" ||
                 key == "sailthru.author") {
        if (value.rfind("http", 0) != 0) AddAuthor(&meta.authors, value);
      }
    } else if (tag == GUMBO_TAG_LINK) {
      const char* rel = Attr(node, "rel");
      if (rel && AsciiLower(rel) == "canonical" && Attr(node, "href")) meta.canonical_url = Attr(node, "href");
    } else if (tag == GUMBO_TAG_SCRIPT) {
      const char* type = Attr(node, "type");
      if (type && AsciiLower(type) == "application/ld+json" && node->v.element.children.length > 0) {
        const auto* text = static_cast<const GumboNode*>(node->v.element.children.data[0]);
        if (text->type == GUMBO_NODE_TEXT || text->type == GUMBO_NODE_CDATA) {
          json ld = json::parse(text->v.text.text, nullptr, false);
          if (!ld.is_discarded()) ReadJsonLd(ld, &meta, &found_article);
        }
      }
      return false;
    } else if (tag == GUMBO_TAG_TIME && time_published.empty()) {
      if (const char* datetime = Attr(node, "datetime")) time_published = datetime;
    } else {
      const char* itemprop = Attr(node, "itemprop");
      if (itemprop && AsciiLower(itemprop) == "datepublished" && meta_published.empty()) {
        const char* value = Attr(node, "datetime") ? Attr(node, "datetime") : Attr(node, "content");
        meta_published = value ? value : NodeText(node);
      }
      std::string hints = AsciiLower(std::string(Attr(node, "class") ? Attr(node, "class") : "") + " " +
                                (Attr(node, "rel") ? Attr(node, "rel") : "") + " " + (itemprop ? itemprop : ""));
      static const RE2 kByline(R"((^|[\s_-])(byline|author|writer|reporter|by-line)([\s_-]|$))");
      if (meta.authors.empty() && RE2::PartialMatch(hints, kByline) && hints.find("box") == std::string::npos) {
        std::string text = NodeText(node);
        // "By"/"BY" with a capital: "edited by the desk" inside a translation note is not a byline.
        static const RE2 kBy(R"((?:^|\s)(?:By|BY|Reporter)\s+([A-Za-z][\w.'-]+(?:\s+[A-Za-z][\w.'-]+){0,3}))");
        std::string name;
        if (RE2::PartialMatch(text, kBy, &name)) AddAuthor(&meta.authors, name);
        else if (text.size() < 60) AddAuthor(&meta.authors, text);
        return false;
      }
    }
    return true;
  });

  // The headline the reader sees (<h1>) is the title; the metadata's headline is often an SEO variant. An
  // <h1> that is the site's name or a fragment is not a headline.
  bool h1_is_headline = h1.size() >= 10 && h1.size() <= 300 && AsciiLower(h1) != AsciiLower(meta.site_name);
  if (h1_is_headline) {
    meta.title = h1;
  } else if (meta.title.empty()) {
    std::string from_title = StripSiteName(html_title, meta.site_name);
    if (!og_title.empty()) meta.title = StripSiteName(og_title, meta.site_name);
    else if (!from_title.empty()) meta.title = from_title;
    else meta.title = h1;
  }
  if (meta.published.empty()) meta.published = !meta_published.empty() ? meta_published : time_published;
  if (meta.modified.empty()) meta.modified = meta_modified;
  // Keep the date-time as the page gives it when it is ISO; otherwise its day.
  for (std::string* date : {&meta.published, &meta.modified}) {
    if (date->empty()) continue;
    std::string day = NormalizeDate(*date);
    if (day.empty()) date->clear();
    else if (date->substr(0, 10) != day) *date = day;
  }
  if (!meta.canonical_url.empty() && meta.canonical_url[0] == '/' && url.find("://") != std::string_view::npos) {
    std::size_t host_end = url.find('/', url.find("://") + 3);
    meta.canonical_url = std::string(url.substr(0, host_end)) + meta.canonical_url;
  }
  if (meta.declared_language.empty()) meta.declared_language = og_locale;
  return meta;
}

std::string VisibleDate(const GumboNode* root, std::string_view url) {
  static const RE2 kLabel(R"((?i)(published|posted|updated|date)\s*:?\s*(.{6,40}))");
  std::string found;
  ForEachElement(root, [&](const GumboNode* node) {
    if (!found.empty()) return false;
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_HEAD) return false;
    if (tag != GUMBO_TAG_SPAN && tag != GUMBO_TAG_DIV && tag != GUMBO_TAG_P && tag != GUMBO_TAG_TIME &&
        tag != GUMBO_TAG_LI && tag != GUMBO_TAG_SMALL && tag != GUMBO_TAG_EM) {
      return true;
    }
    std::string text = NodeText(node);
    if (text.size() > 80) return true;
    std::string label, rest;
    if (RE2::PartialMatch(text, kLabel, &label, &rest) && AsciiLower(label) != "updated") {
      found = NormalizeDate(rest);
    }
    return found.empty();
  });
  if (!found.empty()) return found;
  static const RE2 kUrlDate(R"(/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_]))");
  int year = 0, month = 0, day = 0;
  if (RE2::PartialMatch(url, kUrlDate, &year, &month, &day)) return IsoDay(year, month, day);
  return "";
}

std::optional<Dateline> ParseDateline(std::string_view text, std::string_view published) {
  // "Seoul, April 1 (Yonhap) --", "SEOUL, May 20 (AP) —", "WASHINGTON (Reuters) -", "Seoul, April 1 (Wire)"
  static const RE2 kWithDate(
      R"(^([A-Z][A-Za-z.'\- ]{1,30}?),\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\s*\(([^()]{2,40})\)\s*(?:--|—|–|-|:)?)");
  static const RE2 kWithoutDate(R"(^([A-Z][A-Z.'\- ]{2,30}?)\s*\(([^()]{2,40})\)\s*(?:--|—|–|-|:))");
  std::string head(text.substr(0, 160));
  std::string place, date, agency;
  Dateline dateline;
  if (RE2::PartialMatch(head, kWithDate, &place, &date, &agency)) {
    std::string month_name = date.substr(0, date.find_first_of(". "));
    int month = MonthFromName(month_name);
    int day = std::atoi(date.c_str() + date.find_last_of(' ') + 1);
    int year = 0, pub_month = 0, pub_day = 0;
    if (std::sscanf(std::string(published).c_str(), "%d-%d-%d", &year, &pub_month, &pub_day) == 3) {
      // A dateline is never after the publication: "Dec 31" in a story of 2 January is last year's.
      if (month > pub_month || (month == pub_month && day > pub_day + 1)) --year;
      dateline.date = IsoDay(year, month, day);
    }
  } else if (!RE2::PartialMatch(head, kWithoutDate, &place, &agency)) {
    return std::nullopt;
  }
  bool all_caps = std::none_of(place.begin(), place.end(), [](unsigned char c) { return std::islower(c); });
  if (all_caps) {
    bool start = true;
    for (char& c : place) {
      c = start ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      start = c == ' ' || c == '-';
    }
  }
  dateline.place = CollapseWhitespace(place);
  dateline.agency = CollapseWhitespace(agency);
  return dateline;
}

std::string DetectLanguage(std::string_view text, std::string_view declared) {
  std::string declared_code = AsciiLower(declared.substr(0, declared.find_first_of("-_")));
  if (text.empty()) return declared_code;
  bool reliable = false;
  std::size_t length = std::min<std::size_t>(text.size(), 64 * 1024);
  CLD2::Language language = CLD2::DetectLanguage(text.data(), static_cast<int>(length), true, &reliable);
  if (language == CLD2::UNKNOWN_LANGUAGE || (!reliable && !declared_code.empty())) return declared_code;
  std::string code = CLD2::LanguageCode(language);
  return code == "un" ? declared_code : code.substr(0, code.find('-'));
}

}  // namespace tradewire
