#include "extractors/html/metadata.h"

#include <cld2/public/compact_lang_det.h>
#include <gumbo.h>
#include <re2/re2.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <iterator>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "extractors/html/dom.h"
#include "extractors/html/page.h"
#include "extractors/text/utf8.h"

namespace CLD2 {
const char* LanguageCode(Language lang);  // cld2's internal lang_script.h, which is not installed cleanly
}

namespace tradewire {
namespace {

using nlohmann::json;

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

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && strncasecmp(s.data(), prefix.data(), prefix.size()) == 0;
}

// A comparison key for titles and names: ASCII lower-cased, typographic quotes and dashes made plain, white
// space collapsed.
std::string Key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::string_view replacement;
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      switch (static_cast<unsigned char>(text[i + 2])) {
        case 0x98:
        case 0x99:
        case 0x9B:
          replacement = "'";
          break;
        case 0x9C:
        case 0x9D:
          replacement = "\"";
          break;
        case 0x92:
        case 0x93:
        case 0x94:
        case 0x95:
          replacement = "-";
          break;
        case 0xA6:
          replacement = "...";
          break;
        default:
          break;
      }
      if (!replacement.empty()) i += 2;
    }
    if (replacement.empty() && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    if (!replacement.empty()) {
      out.append(replacement);
    } else {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
    }
  }
  return out;
}

// Letters and digits only, lower-cased: "APNIC Blog" and "apnic-blog" compare equal.
std::string Squeezed(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      out.push_back(c);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Authors

// The name in a byline: "By JEONG JAE-HONG [email]" → "Jeong Jae-hong", "Written by: Jane Doe | Staff Writer" →
// "Jane Doe".
std::string CleanAuthor(std::string name) {
  static const RE2 kPrefix(R"((?i)^\s*(?:(?:written|reported|posted|published|story|words|text|created|compiled)\s+by|)"
                           R"(by|reporter|authors?|writer)\s*[:\-–]?\s+)");
  static const RE2 kTail(R"(\s*(?:\[.*|\(.*|<.*|\S+@\S+.*|,.*|\|.*|[·•⋅∙].*|\s[-–—/]\s.*|\s+on\s+\d.*|)"
                         R"(\s+on\s+behalf\s+of\s.*)$)");
  // A date run into the name: "Luke Kim December 17, 2025", "Andrew Gerrand 4 August 2010".
  static const RE2 kDateTail(
      R"((?i)\s+(?:on\s+|updated\s+|published\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|)"
      R"(\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|)"
      R"(\d{4}-\d\d).*$)");
  name = Collapse(name);
  RE2::Replace(&name, kPrefix, "");
  RE2::Replace(&name, kTail, "");
  RE2::Replace(&name, kDateTail, "");
  name = Collapse(name);
  while (!name.empty() && (name.back() == ':' || name.back() == '-' || name.back() == '.')) name.pop_back();
  // "Jane Doe Staff Writer": the role is not the name (a desk that is only "Staff" keeps its word).
  static const RE2 kRole(
      R"((?i)(?:\s+(?:senior|chief|staff|contributing|guest|freelance|writer|reporter|editor|correspondent|)"
      R"(contributor|columnist))+$)");
  std::string without_role = name;
  if (RE2::Replace(&without_role, kRole, "") && std::count(without_role.begin(), without_role.end(), ' ') >= 1) {
    name = without_role;
  }
  bool has_lower = std::any_of(name.begin(), name.end(), [](unsigned char c) { return std::islower(c); });
  bool has_upper = std::any_of(name.begin(), name.end(), [](unsigned char c) { return std::isupper(c); });
  if (!has_lower && has_upper) {
    bool start = true;
    for (char& c : name) {
      c = start ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      start = c == ' ';  // "JAE-HONG" → "Jae-hong", as Korean given names are written
    }
  }
  return Collapse(name);
}

// A month or weekday name, whole or abbreviated ("Sat", "Dec.", "September"), and nothing else.
bool IsCalendarWord(std::string_view word) {
  static const std::string_view kWords[] = {
      "apr",    "april",   "aug",      "august",   "dec",     "december", "feb",      "february", "fri",  "friday",
      "jan",    "january", "jul",      "july",     "jun",     "june",     "mar",      "march",    "may",  "mon",
      "monday", "nov",     "november", "oct",      "october", "sat",      "saturday", "sep",      "sept", "september",
      "sun",    "sunday",  "thu",      "thursday", "tue",     "tuesday",  "wed",      "wednesday"};
  std::string key = AsciiLower(word);
  while (!key.empty() && (key.back() == '.' || key.back() == ',')) key.pop_back();
  return std::binary_search(std::begin(kWords), std::end(kWords), key);
}

// Words that show a "name" is page furniture rather than a person or a desk. Sorted: the lookup is a binary
// search.
bool HasFurnitureWord(std::string_view name) {
  static const std::string_view kWords[] = {
      "about",    "author",  "author's", "authors", "bio",       "blog",      "by",       "checked",  "comment",
      "comments", "contact", "edited",   "events",  "follow",    "home",      "industry", "login",
      "menu",     "more",    "news",     "posted",  "profile",   "published", "read",     "reply",
      "reviewed", "search",  "share",    "sign",    "subscribe", "updated",   "view",     "written"};
  std::string key = Key(name);
  std::size_t i = 0;
  while (i < key.size()) {
    std::size_t end = key.find_first_of(" :;,.|", i);
    if (end == std::string::npos) end = key.size();
    std::string_view word(key.data() + i, end - i);
    if (std::binary_search(std::begin(kWords), std::end(kWords), word)) return true;
    i = end + 1;
  }
  return false;
}

// structured: the name comes from metadata (JSON-LD, <meta name=author>), where a site's own spelling of a
// user name ("jsmith", "site_admin") is still its author; visible bylines must look like names.
bool LooksLikeName(std::string_view name, bool structured) {
  if (name.size() < 2 || name.size() > 60) return false;
  if (name.find("://") != std::string_view::npos || name.find("www.") != std::string_view::npos || name[0] == '@' ||
      name.find('@') != std::string_view::npos) {
    return false;
  }
  int words = 1 + static_cast<int>(std::count(name.begin(), name.end(), ' '));
  if (words > (structured ? 6 : 5)) return false;
  if (name.find(':') != std::string_view::npos || name.find("{{") != std::string_view::npos ||
      (std::count(name.begin(), name.end(), '.') >= 2 && name.find(' ') == std::string_view::npos)) {
    return false;  // "content: Desk", "{{ author }}", "page.head.author": templates, not names
  }
  if (structured) {
    return std::any_of(name.begin(), name.end(), [](unsigned char c) { return std::isalpha(c) || c >= 0x80; });
  }
  if (name.size() < 3 || HasFurnitureWord(name)) return false;
  // A lone day or month name is what is left of a date ("Sat, 20 Dec"); "Jun" or "Sun" in a full name is a name.
  if (name.find(' ') == std::string_view::npos && IsCalendarWord(name)) return false;
  if (std::any_of(name.begin(), name.end(), [](unsigned char c) { return std::isdigit(c); })) return false;
  // Every word capitalised, but for the particles of names ("de", "van", "bin").
  static const std::string_view kParticles[] = {"al",  "bin", "da", "de", "del", "der", "di", "du",
                                                "ibn", "la",  "le", "of", "the", "van", "von"};
  std::size_t i = 0;
  while (i < name.size()) {
    std::size_t end = name.find(' ', i);
    if (end == std::string_view::npos) end = name.size();
    std::string_view word = name.substr(i, end - i);
    unsigned char first = static_cast<unsigned char>(word[0]);
    bool capital = std::isupper(first) || first >= 0x80;
    if (!capital && !std::binary_search(std::begin(kParticles), std::end(kParticles), word)) return false;
    i = end + 1;
  }
  return std::isupper(static_cast<unsigned char>(name[0])) || static_cast<unsigned char>(name[0]) >= 0x80;
}

void AddAuthor(std::vector<std::string>* authors, const std::string& raw, bool structured) {
  std::string cleaned = CleanAuthor(raw);
  // "Jane Doe and John Roe", "Jane Doe & John Roe"
  std::vector<std::string> names;
  std::size_t start = 0;
  while (true) {
    std::size_t at_and = cleaned.find(" and ", start), at_amp = cleaned.find(" & ", start);
    std::size_t at = std::min(at_and, at_amp);
    if (at == std::string::npos) {
      names.push_back(cleaned.substr(start));
      break;
    }
    names.push_back(cleaned.substr(start, at - start));
    start = at + (at == at_and ? 5 : 3);
  }
  for (std::string& one : names) {
    one = Collapse(one);
    if (!LooksLikeName(one, structured)) continue;
    std::string key = Key(one);
    if (std::any_of(authors->begin(), authors->end(), [&](const std::string& known) { return Key(known) == key; })) {
      continue;
    }
    authors->push_back(std::move(one));
  }
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

// A link to a writer's page: "/author/jane-doe", "/staff/2648209001/brian-truitt/", "/people/jane".
bool IsAuthorPage(const char* href) {
  for (const char* part : {"/author/", "/authors/", "/writers/", "/people/", "/profile/", "/staff/", "/contributors/",
                           "/by/"}) {
    if (std::strstr(href, part)) return true;
  }
  return false;
}

// "By", "Posted by:", "Author": a byline's label on a line of its own.
bool IsBylineLabel(std::string_view line) {
  std::string key = Key(line);
  while (!key.empty() && (key.back() == ':' || key.back() == ' ')) key.pop_back();
  for (std::string_view label : {"by", "posted by", "written by", "words by", "story by", "author", "authors",
                                 "reporter"}) {
    if (key == label) return true;
  }
  return false;
}

// The line of a byline that names its author: the first after any label ("Posted by:" / "Jane Doe" / "Tech
// Reporter"). Later lines hold roles, dates and site names, not the author.
std::string_view NameLine(const std::vector<std::string>& lines) {
  for (const std::string& line : lines) {
    if (!IsBylineLabel(line)) return line;
  }
  return "";
}

// ---------------------------------------------------------------------------------------------------------------
// JSON-LD

// What the page's JSON-LD says about the article (an Article type) or about the page (WebPage and kin, where
// some CMSs put the dates).
struct LdFacts {
  bool seen = false;
  std::string headline, published, modified, publisher;
  std::vector<std::string> persons, organizations;
};

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

void ReadJsonLdDocument(const json& ld, LdFacts* article, LdFacts* webpage) {
  std::unordered_map<std::string, const json*> ids;
  IndexIds(ld, &ids, 0);
  ReadJsonLd(ld, ids, article, webpage, 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Titles

// The site names a title may carry: og:site_name, the JSON-LD publisher, the host's name ("apnic" of
// blog.apnic.net).
std::vector<std::string> SiteNames(const std::string& site_name, const std::string& publisher, std::string_view url) {
  std::vector<std::string> names;
  for (const std::string& name : {site_name, publisher}) {
    std::string squeezed = Squeezed(name);
    if (squeezed.size() >= 3) names.push_back(squeezed);
  }
  std::size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    std::string_view host = url.substr(scheme + 3);
    host = host.substr(0, host.find_first_of("/:?#"));
    // The label before the public suffix: news.example.co.uk → example.
    std::vector<std::string_view> labels;
    for (std::size_t i = 0; i <= host.size();) {
      std::size_t dot = host.find('.', i);
      if (dot == std::string_view::npos) dot = host.size();
      labels.push_back(host.substr(i, dot - i));
      i = dot + 1;
    }
    if (labels.size() >= 2) {
      std::size_t at = labels.size() - 2;
      if (at > 0 && labels[at].size() <= 3 && labels.back().size() == 2) --at;  // co.uk, com.au
      std::string label = Squeezed(labels[at]);
      if (label.size() >= 3) names.push_back(label);
    }
  }
  return names;
}

// What sites put between a headline and their name in <title>: "Headline | Site", "Site » Section » Headline".
constexpr std::string_view kTitleSeparators[] = {" | ", " - ", " – ", " — ", " :: ",
                                                 " « ", " » ", " · ", " • ", " / "};

// "Newegg.com", "bold.org", "Example.co.uk": a title part that is a host name names the site.
bool IsHostName(std::string_view part) {
  static const RE2 kHost(R"((?i)(?:www\.)?[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.)"
                         R"((?:com|org|net|info|biz|io|gov|edu|news|co|uk|us|ca|au|de|fr|in|jp|kr|cn|eu))");
  return part.find(' ') == std::string_view::npos && RE2::FullMatch(part, kHost);
}

bool MatchesSiteName(std::string_view part, const std::vector<std::string>& site_names) {
  if (IsHostName(part)) return true;
  std::string squeezed = Squeezed(part);
  if (squeezed.empty()) return false;
  for (const std::string& site : site_names) {
    if (squeezed == site || (site.size() >= 4 && squeezed.find(site) != std::string::npos) ||
        (squeezed.size() >= 4 && site.find(squeezed) != std::string::npos)) {
      return true;
    }
  }
  return false;
}

bool IsSiteNameOnly(std::string_view text, const std::vector<std::string>& site_names) {
  std::string squeezed = Squeezed(text);
  return std::any_of(site_names.begin(), site_names.end(), [&](const std::string& site) {
    return squeezed.find(site) != std::string::npos && squeezed.size() <= site.size() + 8;
  });
}

// Letters all upper case, and enough of them to tell ("US", "AI" are not a headline in capitals).
bool IsAllCaps(std::string_view text) {
  int upper = 0;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  return upper >= 6;
}

int WordCount(std::string_view text) {
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// The words two texts must share to be about the same thing: lower-cased, three letters or more, not the commonest
// function words. Sorted and unique.
std::vector<std::string> ContentWords(std::string_view text) {
  static const std::string_view kFunctionWords[] = {"and", "are", "but", "for",  "from", "has", "have", "how",
                                                    "its", "not", "our", "that", "the",  "this", "was", "what",
                                                    "when", "who", "why", "will", "with", "you", "your"};
  std::vector<std::string> words;
  std::string key = Key(text);
  for (std::size_t i = 0; i < key.size();) {
    auto in_word = [&](std::size_t at) {
      unsigned char c = static_cast<unsigned char>(key[at]);
      return std::isalnum(c) || c >= 0x80;
    };
    if (!in_word(i)) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < key.size() && in_word(end)) ++end;
    std::string_view word(key.data() + i, end - i);
    if (word.size() >= 3 && !std::binary_search(std::begin(kFunctionWords), std::end(kFunctionWords), word)) {
      words.emplace_back(word);
    }
    i = end;
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

int SharedWords(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> shared;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
  return static_cast<int>(shared.size());
}

// An <h1> ending in the site's name ("Headline – Artlyst") or in short labels after bars ("Headline | Patient
// Education | Hospital").
std::string StripSiteSuffix(const std::string& title, const std::vector<std::string>& site_names) {
  std::string stripped = title;
  bool cut = true;
  while (cut) {
    cut = false;
    for (std::string_view separator : {" | ", " – ", " — ", " - ", " :: "}) {
      std::size_t at = stripped.rfind(separator);
      if (at == std::string::npos) continue;
      std::string head = stripped.substr(0, at), tail = stripped.substr(at + separator.size());
      if (WordCount(head) < 3) continue;
      if (MatchesSiteName(tail, site_names) || (separator == " | " && WordCount(tail) <= 4)) {
        stripped = Collapse(head);
        cut = true;
        break;
      }
    }
  }
  return stripped;
}

// A short <h1> that is the site-name end of the metadata's title, after a longer headline ("Headline – The
// Southerner" beside an <h1> "The Southerner"): the logo set as a heading, whatever the site calls itself elsewhere.
bool IsTitleSiteNamePart(const std::string& key, const std::vector<std::string>& meta_titles) {
  if (WordCount(key) > 4) return false;
  for (const std::string& m : meta_titles) {
    for (std::string_view separator : kTitleSeparators) {
      // Only the end: a short headline also stands first in "Climate Change | Economic Research Service".
      std::string suffix = std::string(separator) + key;
      bool at_end = m.size() > suffix.size() && m.compare(m.size() - suffix.size(), suffix.size(), suffix) == 0;
      if (at_end && WordCount(m) - WordCount(key) > WordCount(key) + 1) return true;
    }
  }
  return false;
}

// Visible text in [from, to), in bytes; whole subtrees inside the range are counted from their measures.
int32_t TextLengthBetween(const PageIndex& page, int32_t from, int32_t to) {
  int32_t length = 0;
  for (int32_t j = from; j < to;) {
    const PageNode& n = page[j];
    if (n.is_text || n.end <= to) {
      length += n.hidden ? 0 : n.is_text ? n.length : n.all_length;
      j = n.is_text ? j + 1 : n.end;
    } else {
      ++j;  // an element that runs past `to`: its children are looked at one by one
    }
  }
  return length;
}

// A headline stands at the top of the article: inside the body's container, or just above it with no more
// between them than a byline, a date or a standfirst.
bool HeadsBody(const PageIndex& page, int32_t h1, const ContentRegion& region) {
  if (region.root < 0) return false;
  int32_t container = page[region.root].parent >= 0 ? page[region.root].parent : region.root;
  if (h1 >= container && h1 < page[container].end) return true;
  constexpr int32_t kMaxBetween = 300;
  return page[h1].end <= region.root && TextLengthBetween(page, page[h1].end, region.root) <= kMaxBetween;
}

// A heading that is all one link to a site's home page ("<h1><a href="/">Site</a></h1>") is the site's logo.
bool LinksHome(const PageIndex& page, int32_t heading) {
  static const RE2 kHome(R"((?i)\s*(?:(?:https?:)?//[^/?#]+)?/?(?:index\.\w+)?\s*)");
  const PageNode& h = page[heading];
  for (int32_t j = heading + 1; j < h.end; ++j) {
    if (page[j].is_text || page[j].tag != GUMBO_TAG_A) continue;
    const char* href = Attr(page[j].node, "href");
    return h.all_length > 0 && page[j].all_length == h.all_length && href && *href && RE2::FullMatch(href, kHome);
  }
  return false;
}

// "davidbau.com Vibe Coding": a title that starts with the site's name with no separator after it.
std::string WithoutLeadingSiteName(const std::string& title, const std::vector<std::string>& site_names) {
  std::size_t space = title.find(' ');
  if (space == std::string::npos || WordCount(title) < 3) return title;
  std::string first = Squeezed(std::string_view(title).substr(0, space));
  bool site = std::find(site_names.begin(), site_names.end(), first) != site_names.end();
  return site ? title.substr(space + 1) : title;
}

// "Headline | Site", "Site - Headline", "Headline | Section | Site" → "Headline": parts that name the site are cut,
// and a part that is a headline on the page (an <h1>) is kept whole.
std::string StripSiteName(const std::string& title, const std::vector<std::string>& site_names,
                          const std::vector<std::string>& h1_keys) {
  struct Cut {
    std::size_t at, length;
  };
  std::vector<Cut> cuts;
  for (std::size_t i = 0; i < title.size(); ++i) {
    for (std::string_view separator : kTitleSeparators) {
      if (title.compare(i, separator.size(), separator) == 0) {
        cuts.push_back({i, separator.size()});
        break;
      }
    }
  }
  if (cuts.empty()) return WithoutLeadingSiteName(Collapse(title), site_names);
  for (const Cut& cut : cuts) {
    std::string head = title.substr(0, cut.at), tail = title.substr(cut.at + cut.length);
    if (std::find(h1_keys.begin(), h1_keys.end(), Key(head)) != h1_keys.end()) return Collapse(head);
    if (std::find(h1_keys.begin(), h1_keys.end(), Key(tail)) != h1_keys.end()) return Collapse(tail);
  }
  std::string stripped = title;
  // Site name at the end, then perhaps a section before it.
  const Cut& last = cuts.back();
  if (MatchesSiteName(title.substr(last.at + last.length), site_names)) {
    stripped = title.substr(0, last.at);
    if (cuts.size() >= 2) {
      const Cut& before = cuts[cuts.size() - 2];
      std::string section = stripped.substr(before.at + before.length);
      if (WordCount(section) <= 2 && WordCount(stripped.substr(0, before.at)) >= 3) {
        stripped = stripped.substr(0, before.at);
      }
    }
    return Collapse(stripped);
  }
  const Cut& first = cuts.front();
  if (MatchesSiteName(title.substr(0, first.at), site_names)) return Collapse(title.substr(first.at + first.length));
  // No site name recognised: a short last part after a longer headline is the site's.
  std::string head = title.substr(0, last.at), tail = title.substr(last.at + last.length);
  if (WordCount(tail) <= 4 && head.size() >= tail.size() && head.size() >= 15) return Collapse(head);
  return Collapse(title);
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

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

bool IsUpdateLabel(std::string_view text) {
  std::string key = Key(text.substr(0, 40));
  return key.find("updat") != std::string::npos || key.find("modif") != std::string::npos ||
         key.find("revis") != std::string::npos || key.find("current as of") != std::string::npos ||
         key.find("reviewed") != std::string::npos;
}

// A date shown as text near the headline: "Published: 20 May. 2025, 16:58", "Dec 12, 2025", "By Jane Doe - Mar
// 27, 2024", "[Submitted on 18 Dec 2025]", "Updated Jan 8, 2026 · Published Mar 2, 2024". Sets the ISO day of
// the publication and of the update it names; false when it names no date.
bool DatesInText(std::string_view text, std::string* published, std::string* updated) {
  std::string first = NormalizeDate(text);
  if (first.empty()) return false;
  if (!IsUpdateLabel(text)) {
    *published = first;
    return true;
  }
  *updated = first;
  // The publication is the date after its own label.
  std::string lower = AsciiLower(text);  // same byte offsets as text
  for (std::string_view label : {"published", "posted"}) {
    std::size_t at = lower.find(label);
    if (at == std::string::npos) continue;
    std::string later = NormalizeDate(text.substr(at));
    if (!later.empty()) {
      *published = later;
      if (lower.rfind("updat", at) == std::string::npos && lower.rfind("modif", at) == std::string::npos) {
        updated->clear();  // "Published Mar 2 (updated later)": the first date was the publication's
      }
      break;
    }
  }
  return true;
}

// A table, a table row of several cells, or one of its cells ("1/1/2013 | +13.1%"): data, not the page's date. A layout
// table's cell holds the page rather than being this short.
bool IsDataCell(const PageIndex& page, int32_t i) {
  const PageNode& n = page[i];
  // The whole table's text is no date line either; its rows and cells are judged one by one.
  if (n.tag == GUMBO_TAG_TABLE || n.tag == GUMBO_TAG_TBODY || n.tag == GUMBO_TAG_THEAD || n.tag == GUMBO_TAG_TFOOT) {
    return true;
  }
  int32_t row = n.tag == GUMBO_TAG_TR ? i : (n.tag == GUMBO_TAG_TD || n.tag == GUMBO_TAG_TH) ? n.parent : -1;
  if (row < 0 || page[row].tag != GUMBO_TAG_TR) return false;
  int cells = 0;
  for (int32_t j = row + 1; j < page[row].end; j = page[j].end) {
    if (page[j].tag == GUMBO_TAG_TD || page[j].tag == GUMBO_TAG_TH) ++cells;
  }
  return cells >= 2;
}

bool IsBlankText(const PageIndex& page, int32_t i) {
  return page[i].is_text && CollapsedLength(page[i].node->v.text.text) == 0;
}

// The sibling after the node at i, white space aside; -1 when none.
int32_t NextSibling(const PageIndex& page, int32_t i) {
  int32_t parent_end = page[page[i].parent].end;
  for (int32_t j = page[i].end; j < parent_end; j = page[j].end) {
    if (!IsBlankText(page, j)) return j;
  }
  return -1;
}

// Text standing alone as a line in a large container: "<legend>Headline</legend> 20 December 2025 <div>…". Text
// beside inline elements is part of a sentence ("On <a>March 3</a>, 2025, …") and is read with its paragraph.
bool IsLooseLine(const PageIndex& page, int32_t i) {
  const PageNode& n = page[i];
  if (n.hidden || n.parent < 0 || page[n.parent].all_length <= 120) return false;  // short: read as an element
  int32_t length = CollapsedLength(n.node->v.text.text);
  if (length < 6 || length > 80) return false;
  switch (page[n.parent].tag) {
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_BODY:
      break;
    default:
      return false;
  }
  // The siblings next to it, white space aside: the one before is found by climbing from the node just before
  // (the last of its subtree), which costs no more than that subtree's size.
  int32_t parent = n.parent, before = -1, after = NextSibling(page, i);
  for (int32_t j = i - 1; j > parent;) {
    while (page[j].parent != parent) j = page[j].parent;
    if (!IsBlankText(page, j)) {
      before = j;
      break;
    }
    j = j - 1;
  }
  auto is_line_edge = [&](int32_t j) {
    return j < 0 || (!page[j].is_text && (IsBlockTag(page[j].tag) || page[j].tag == GUMBO_TAG_LEGEND ||
                                          page[j].tag == GUMBO_TAG_HEADER || page[j].tag == GUMBO_TAG_FIGURE ||
                                          page[j].tag == GUMBO_TAG_HR || page[j].never_text));
  };
  return is_line_edge(before) && is_line_edge(after);
}

// The date after "originally published" / "first published" in a short passage of [start, end), or "".
std::string OriginalPublication(const PageIndex& page, int32_t start, int32_t end) {
  static const RE2 kAfterLabel(R"((?i)(?:originally|first)\s+(?:published|posted|appeared)(.{0,60}))");
  for (int32_t i = start; i < end; ++i) {
    const PageNode& n = page[i];
    if (!n.is_text || n.hidden || n.parent < 0) continue;
    std::string_view text = n.node->v.text.text;
    if (text.find("ublished") == std::string_view::npos && text.find("osted") == std::string_view::npos &&
        text.find("ppeared") == std::string_view::npos) {
      continue;
    }
    if (page[n.parent].all_length > 300) continue;
    std::string after;
    if (!RE2::PartialMatch(page.Text(n.parent, false, 400), kAfterLabel, &after)) continue;
    std::string date = NormalizeDate(after);
    if (!date.empty()) return date;
  }
  return "";
}

// Dates that scripts carry for the page (Next.js, Nuxt and CMS data blobs): "datePublished":"2023-06-08T…".
std::string DateInScripts(const PageIndex& page) {
  static const RE2 kKey(
      R"re(\\*"(?:datePublished|publishedAt|published_at|publishDate|publish_date|publishedDate|published_date|)re"
      R"re(firstPublishedAt|first_publication_date|date_published|datePosted|date_posted|postDate|post_date|pubDate|)re"
      R"re(dateCreated)\\*"\s*:\s*\\*"([^"\\]{8,40}))re");
  std::size_t budget = 4 << 20;  // bytes of script text searched at most
  for (int32_t i = 0; i < page.size() && budget > 0; ++i) {
    const PageNode& n = page[i];
    if (n.is_text || n.tag != GUMBO_TAG_SCRIPT) continue;
    i = n.end - 1;
    const char* type = Attr(n.node, "type");
    if (type && std::strstr(type, "ld+json")) continue;  // read as JSON-LD already
    if (n.node->v.element.children.length == 0) continue;
    const auto* text = static_cast<const GumboNode*>(n.node->v.element.children.data[0]);
    if (text->type != GUMBO_NODE_TEXT && text->type != GUMBO_NODE_CDATA) continue;
    std::string_view script = text->v.text.text;
    script = script.substr(0, budget);
    budget -= script.size();
    if (script.find("ate") == std::string_view::npos && script.find("At\"") == std::string_view::npos) continue;
    std::string value;
    if (RE2::PartialMatch(script, kKey, &value)) {
      std::string day = NormalizeDate(value);
      if (!day.empty()) return day;
    }
  }
  return "";
}

// An absolute http(s) URL or a path from the site's root. Sites put other things in canonical links ("What are the
// different types of wine?"), which resolved against the page would name a page that does not exist.
bool IsPageUrl(std::string_view value) {
  if (value.empty() || std::any_of(value.begin(), value.end(), [](char c) { return c == ' ' || c == '\t'; })) {
    return false;
  }
  return value[0] == '/' || StartsWithNoCase(value, "http://") || StartsWithNoCase(value, "https://");
}

// "/2024/11/05/", "/20241105/", "/2023/october/03/".
std::string DateInUrl(std::string_view url) {
  static const RE2 kUrlDate(R"(/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_.]|$))");
  static const RE2 kCompact(R"(/((?:19|20)\d{2})(\d{2})(\d{2})/)");
  static const RE2 kMonthNamed(
      R"((?i)/((?:19|20)\d{2})/(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|)"
      R"(sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)/(\d{1,2})(?:/|[-_.]|$))");
  int year = 0, month = 0, day = 0;
  std::string month_name;
  if (RE2::PartialMatch(url, kUrlDate, &year, &month, &day) || RE2::PartialMatch(url, kCompact, &year, &month, &day)) {
    return IsoDay(year, month, day);
  }
  if (RE2::PartialMatch(url, kMonthNamed, &year, &month_name, &day)) {
    return IsoDay(year, MonthFromName(month_name), day);
  }
  return "";
}

// "2023-03-10" read from "03/10/2023" where the URL says 2023-10-03: the page writes its numeric dates day first.
bool SwapsMonthAndDay(std::string_view day, std::string_view other) {
  return day.size() >= 10 && other.size() >= 10 && day.substr(0, 4) == other.substr(0, 4) &&
         day.substr(5, 2) == other.substr(8, 2) && day.substr(8, 2) == other.substr(5, 2);
}

// Keeps a date-time as the page gives it when it is ISO; otherwise its day. Empty when it is no date.
std::string CleanDate(const std::string& date) {
  if (date.empty()) return "";
  std::string day = NormalizeDate(date);
  if (day.empty()) return "";
  return date.substr(0, 10) == day ? Collapse(date) : day;
}

}  // namespace

std::string NormalizeDate(std::string_view text) {
  static const std::string kMonth =
      "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
      "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
  static const RE2 kIso(R"((?:^|\D)((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?:\D|$))");
  static const RE2 kYearFirst(R"((?:^|\D)((?:19|20)\d{2})[./](\d{1,2})[./](\d{1,2})(?:\D|$))");
  static const RE2 kDayMonthYear("(?i)(?:^|[^0-9])(\\d{1,2})(?:st|nd|rd|th)?\\.?(?:\\s+|-)(?:of\\s+)?" + kMonth +
                                 "\\.?,?(?:\\s+|-)((?:19|20)\\d{2})(?:\\D|$)");
  static const RE2 kMonthDayYear("(?i)(?:^|[^a-z])" + kMonth +
                                 "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})(?:\\D|$)");
  static const RE2 kNumeric(R"((?:^|[^\d/.])(\d{1,2})([/.-])(\d{1,2})[/.-]((?:19|20)\d{2})(?:\D|$))");
  static const RE2 kCompact(R"(^((?:19|20)\d{2})(\d{2})(\d{2})(?:\D|$))");
  std::string month_name, separator;
  int year = 0, month = 0, day = 0;
  if (RE2::PartialMatch(text, kIso, &year, &month, &day) || RE2::PartialMatch(text, kYearFirst, &year, &month, &day) ||
      RE2::PartialMatch(text, kCompact, &year, &month, &day)) {
    return IsoDay(year, month, day);
  }
  if (RE2::PartialMatch(text, kDayMonthYear, &day, &month_name, &year) ||
      RE2::PartialMatch(text, kMonthDayYear, &month_name, &day, &year)) {
    return IsoDay(year, MonthFromName(month_name), day);
  }
  int first = 0, second = 0;
  if (RE2::PartialMatch(text, kNumeric, &first, &separator, &second, &year)) {
    // 09/25/2025 is American; 25/09/2025 and 12.12.2025 are day first.
    bool day_first = separator != "/" || first > 12;
    return day_first ? IsoDay(year, second, first) : IsoDay(year, first, second);
  }
  return "";
}

PageMetadata ReadMetadata(const PageIndex& page, std::string_view url, const ContentRegion& region) {
  PageMetadata meta;
  std::string html_title, og_title, twitter_title, og_locale;
  std::string meta_published, meta_modified, itemprop_published, itemprop_modified;
  std::vector<std::string> meta_authors;
  std::vector<int32_t> h1s, subheadings, times, bylines, author_links;
  LdFacts ld_article, ld_page;

  for (int32_t i = 0; i < page.size(); ++i) {
    const PageNode& n = page[i];
    if (n.is_text) continue;
    const GumboNode* node = n.node;
    GumboTag tag = n.tag;
    switch (tag) {
      case GUMBO_TAG_HTML:
        if (const char* lang = Attr(node, "lang")) meta.declared_language = lang;
        continue;
      case GUMBO_TAG_TITLE:
        if (html_title.empty()) html_title = page.Text(i);
        continue;
      case GUMBO_TAG_H1:
        if (!n.hidden && h1s.size() < 20) h1s.push_back(i);
        continue;
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
      case GUMBO_TAG_H4:
        if (!n.hidden && subheadings.size() < 40 && n.all_length <= 300) subheadings.push_back(i);
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
          if (!ld.is_discarded()) ReadJsonLdDocument(ld, &ld_article, &ld_page);
        } else if (key == "og:title") {
          if (og_title.empty()) og_title = value;
        } else if (key == "twitter:title") {
          if (twitter_title.empty()) twitter_title = value;
        } else if (key == "og:site_name") {
          meta.site_name = value;
        } else if (key == "og:url") {
          if (meta.canonical_url.empty() && IsPageUrl(value)) meta.canonical_url = value;
        } else if (key == "og:description" || (key == "description" && meta.description.empty())) {
          meta.description = value;
        } else if (key == "og:locale") {
          og_locale = value;
        } else if (IsPublishedKey(key)) {
          // Tags that disagree ("published-time" re-stamped on render beside "published-date"): the earliest is
          // the original publication.
          std::string day = NormalizeDate(value), known = NormalizeDate(meta_published);
          if (known.empty() || (!day.empty() && day < known)) meta_published = value;
        } else if (IsModifiedKey(key)) {
          if (meta_modified.empty() || NormalizeDate(meta_modified).empty()) meta_modified = value;
        } else if (key == "author" || key == "article:author" || key == "byl" || key == "parsely-author" ||
                   key == "sailthru.author" || key == "dc.creator" || key == "dcterms.creator" ||
                   key == "citation_author") {
          if (value.rfind("http", 0) != 0) meta_authors.push_back(value);
        }
        continue;
      }
      case GUMBO_TAG_LINK: {
        const char* rel = Attr(node, "rel");
        const char* href = Attr(node, "href");
        if (rel && AsciiLower(rel) == "canonical" && href && IsPageUrl(Collapse(href))) {
          meta.canonical_url = Collapse(href);
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
        if (!ld.is_discarded()) ReadJsonLdDocument(ld, &ld_article, &ld_page);
        continue;
      }
      case GUMBO_TAG_TIME:
        if (!n.hidden && times.size() < 50) times.push_back(i);
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
        std::string& slot = prop == "datepublished" ? itemprop_published : itemprop_modified;
        if (slot.empty()) slot = date;
      }
    }
    if (bylines.size() >= 40) continue;
    const char* rel = Attr(node, "rel");
    const char* href = tag == GUMBO_TAG_A ? Attr(node, "href") : nullptr;
    if ((rel && std::strstr(rel, "author")) || (href && IsAuthorPage(href))) {
      author_links.push_back(i);
      continue;
    }
    std::string hints = ClassAndId(node);
    if (const char* itemprop = Attr(node, "itemprop")) hints += std::string(" ") + AsciiLower(itemprop);
    if (hints.find("author") != std::string::npos || hints.find("byline") != std::string::npos ||
        hints.find("by-line") != std::string::npos || hints.find("writer") != std::string::npos ||
        hints.find("reporter") != std::string::npos) {
      bylines.push_back(i);
    }
  }

  // Bylines and dates are looked for in a zone around the headline and the body container (see zone_start
  // below), up to a little past the container (a date line under the text); a page without one is searched whole.
  int32_t body = page.body();
  int32_t zone_end = region.root >= 0 ? std::min(page.size(), page[region.root].end + 200) : page.size();
  auto in_zone = [&](int32_t i, int32_t zone_start) { return i >= zone_start && i < zone_end; };
  // Elements cut as navigation or as another story's teaser are not this article's. Near the article an <aside> or
  // <footer> holds its own metadata ("Posted on …"); elsewhere they are the site's.
  auto in_furniture = [&](int32_t i, bool near_article = false) {
    for (int32_t up = page[i].parent; up >= 0; up = page[up].parent) {
      const PageNode& a = page[up];
      if (a.tag == GUMBO_TAG_NAV) return true;
      if (!near_article && (a.tag == GUMBO_TAG_FOOTER || a.tag == GUMBO_TAG_ASIDE)) return true;
      if (a.removed) {
        std::string hints = ClassAndId(a.node);
        if (hints.find("related") != std::string::npos || hints.find("comment") != std::string::npos ||
            hints.find("sidebar") != std::string::npos || hints.find("recommend") != std::string::npos ||
            (!near_article && (hints.find("footer") != std::string::npos || hints.find("nav") != std::string::npos))) {
          return true;
        }
      }
    }
    return false;
  };

  // --- Title: the <h1> the reader sees, when it is this article's headline; else the metadata's.
  std::vector<std::string> meta_titles;
  for (const std::string* t : {&og_title, &twitter_title, &ld_article.headline, &html_title}) {
    if (!t->empty()) meta_titles.push_back(Key(*t));
  }
  std::vector<std::string> site_names =
      SiteNames(meta.site_name, ld_article.publisher.empty() ? ld_page.publisher : ld_article.publisher,
                !url.empty() ? url : std::string_view(meta.canonical_url));
  std::vector<std::string> h1_keys;
  int32_t title_h1 = -1;
  int best_score = 0, best_similarity = 0;  // similarity: how well the <h1> matches a metadata title (1: not)
  // The <h1>s that may be the headline: not the site's logo, not a paragraph set as a heading.
  std::vector<std::pair<int32_t, std::string>> headline_h1s;  // index, Key
  for (int32_t i : h1s) {
    std::string text = page.Text(i, false, 400);
    if (text.empty() || text.size() > 200) continue;  // longer than any headline
    std::string key = Key(text);
    if (IsSiteNameOnly(text, site_names)) continue;
    if (IsTitleSiteNamePart(key, meta_titles) || LinksHome(page, i)) {
      site_names.push_back(Squeezed(text));
      continue;
    }
    headline_h1s.emplace_back(i, key);
  }
  for (const auto& [i, key] : headline_h1s) {
    h1_keys.push_back(key);
    int score = 1;
    for (const std::string& m : meta_titles) {
      bool prefix = m.rfind(key, 0) == 0;
      bool suffix = m.size() > key.size() && m.compare(m.size() - key.size(), key.size(), key) == 0;
      if (m == key) {
        score = std::max(score, 8);  // the metadata's headline
      } else if (key.size() >= 8 && (prefix || suffix)) {
        score = std::max(score, 6);  // the headline of "Headline | Site"
      } else if (key.size() >= 8 && m.find(key) != std::string::npos) {
        score = std::max(score, 4);
      }
    }
    int similarity = score;
    if (HeadsBody(page, i, region)) score += 2;
    // The page's only <h1>, not a link (a logo), is its headline even when it stands apart from the text.
    if (headline_h1s.size() == 1 && !page[i].in_link) score += 2;
    if (in_furniture(i)) score -= 4;
    if (score > best_score) {
      best_score = score;
      best_similarity = similarity;
      title_h1 = i;
    }
  }
  std::string h1_title = title_h1 >= 0 ? page.Text(title_h1) : "";
  std::string meta_title = !og_title.empty()              ? StripSiteName(og_title, site_names, h1_keys)
                           : !ld_article.headline.empty() ? ld_article.headline
                           : !twitter_title.empty()       ? StripSiteName(twitter_title, site_names, h1_keys)
                           : !html_title.empty()          ? StripSiteName(html_title, site_names, h1_keys)
                                                          : std::string();
  // A short <h1> beside a long metadata headline that it does not match is a section label ("Our Blog",
  // "Day 7", "M&A Updates").
  bool h1_is_label = best_similarity < 4 && WordCount(h1_title) <= 3 && WordCount(meta_title) >= 5;
  // An <h1> sharing no word with the metadata's headline, whose words the body's opening does use, names a section,
  // the site or a promotion ("Computer Science > Artificial Intelligence", "A message from our founder:").
  if (best_similarity < 4 && !h1_is_label && region.root >= 0) {
    std::vector<std::string> meta_words = ContentWords(meta_title);
    h1_is_label = SharedWords(ContentWords(h1_title), meta_words) == 0 &&
                  SharedWords(meta_words, ContentWords(page.Text(region.root, true, 600))) >= 2;
  }
  // The metadata's headline shown as a lower heading while the <h1> says something else: that heading is it.
  if (best_similarity < 4 && WordCount(meta_title) >= 3) {
    std::string meta_key = Key(meta_title);
    for (int32_t i : subheadings) {
      if (Key(page.Text(i, false, 400)) == meta_key) h1_is_label = true;
    }
  }
  if (title_h1 >= 0 && (best_score >= 3 || meta_title.empty()) && !h1_is_label) {
    meta.title = StripSiteSuffix(h1_title, site_names);
    // An <h1> that puts page furniture before the metadata's headline ("Dec 18 2025 Headline", "Blog: Headline").
    std::string h1_key = Key(meta.title), meta_key = Key(meta_title);
    std::size_t at = WordCount(meta_key) >= 3 ? h1_key.find(meta_key) : std::string::npos;
    if (at != std::string::npos && at > 0) {
      std::string_view prefix(h1_key.data(), at);
      std::string label = Collapse(prefix);
      if ((WordCount(label) <= 2 && !label.empty() && label.back() == ':') || !NormalizeDate(label).empty()) {
        meta.title = meta_title;
      }
    }
    // An <h1> set in capitals for display ("TIPS FOR ONLINE SUCCESS"): the metadata's spelling of the same
    // headline is the publisher's.
    if (IsAllCaps(meta.title)) {
      for (const std::string* t : {&og_title, &ld_article.headline, &twitter_title, &html_title}) {
        std::string spelling = t->empty() ? "" : StripSiteName(*t, site_names, h1_keys);
        if (!IsAllCaps(spelling) && Key(spelling) == Key(meta.title)) {
          meta.title = spelling;
          break;
        }
      }
    }
  } else {
    meta.title = !meta_title.empty() ? meta_title : h1_title;
  }
  if (meta.site_name.empty()) meta.site_name = !ld_article.publisher.empty() ? ld_article.publisher : ld_page.publisher;

  // --- Dates: structured ones first, then what the page shows near the headline, then scripts and the URL.
  // The headline's block (its grandparent: dates and bylines sit just above or below it) and what stands just
  // above it, or the body container's parent when the headline is inside it or unknown.
  int32_t zone_start = region.root >= 0 ? std::max(body, page[region.root].parent) : body;
  int32_t anchor = title_h1 >= 0 ? title_h1 : region.root;
  if (anchor >= 0) {
    int32_t block = anchor;
    for (int level = 0; level < 2 && page[block].parent >= body; ++level) block = page[block].parent;
    zone_start = std::max(body, std::min({zone_start, block, anchor - 120}));
  }
  for (const std::string* candidate :
       {&ld_article.published, &meta_published, &itemprop_published, &ld_page.published}) {
    meta.published = CleanDate(*candidate);
    if (!meta.published.empty()) break;
  }
  for (const std::string* candidate : {&ld_article.modified, &meta_modified, &itemprop_modified, &ld_page.modified}) {
    meta.modified = CleanDate(*candidate);
    if (!meta.modified.empty()) break;
  }
  // What the page shows: a <time> near the headline, or short text that is a date. A date inside another
  // <article> than the headline's is another story's (a teaser card), one in a table is data.
  auto foreign_article = [&](int32_t a) {
    auto holds = [&](int32_t j) { return j >= a && j < page[a].end; };
    return page[a].tag == GUMBO_TAG_ARTICLE && !(anchor >= 0 && holds(anchor)) &&
           !(region.root >= 0 && holds(region.root)) && !(region.core >= 0 && holds(region.core));
  };
  // Inside the nearest <article> above it when that is not the headline's, or holding such an <article> (a short
  // list of cards); the look down is bounded, the element's text being short.
  auto another_story = [&](int32_t i) {
    for (int32_t up = page[i].parent; up >= 0; up = page[up].parent) {
      if (page[up].tag == GUMBO_TAG_ARTICLE) return foreign_article(up);
    }
    for (int32_t j = i; j < std::min(page[i].end, i + 200); ++j) {
      if (foreign_article(j)) return true;
    }
    return false;
  };
  // Of the <time>s near the headline, the first after it (a byline under the headline), else the last before it
  // (an eyebrow above it): a list of other stories' dates earlier in the page does not come first.
  std::string time_near, time_before, time_anywhere, updated_near;
  for (int32_t i : times) {
    const char* datetime = Attr(page[i].node, "datetime");
    std::string text = page.Text(i, false, 120);
    std::string date = CleanDate(datetime ? datetime : "");
    if (date.empty()) date = CleanDate(text);
    if (date.empty() || in_furniture(i, in_zone(i, zone_start)) || another_story(i)) continue;
    // The label may sit just before the <time>: "Updated <time>".
    std::string context = page[i].parent >= 0 ? page.Text(page[i].parent, false, 120) : text;
    bool update = IsUpdateLabel(text) ||
                  (context.size() < 100 && IsUpdateLabel(context) && !StartsWithNoCase(Key(context), "publ"));
    if (in_zone(i, zone_start)) {
      if (!update && i < anchor) time_before = date;
      if (!update && i >= anchor && time_near.empty()) time_near = date;
      if (update && updated_near.empty()) updated_near = date;
    } else if (!update && time_anywhere.empty()) {
      time_anywhere = date;
    }
  }
  if (time_near.empty()) time_near = time_before;
  // A <footer> or <aside> inside the headline's <article> holds its byline and dates; elsewhere they are the site's.
  auto articles_own = [&](int32_t i) {
    for (int32_t up = page[i].parent; up >= 0; up = page[up].parent) {
      if (page[up].tag == GUMBO_TAG_ARTICLE) return !foreign_article(up);
    }
    return false;
  };
  std::string visible, visible_updated;
  for (int32_t i = zone_start; i < zone_end && visible.empty(); ++i) {
    const PageNode& n = page[i];
    if (n.is_text && !IsLooseLine(page, i)) continue;
    if (n.hidden || n.tag == GUMBO_TAG_A || n.tag == GUMBO_TAG_NAV || n.tag == GUMBO_TAG_SELECT ||
        n.tag == GUMBO_TAG_BUTTON ||
        ((n.tag == GUMBO_TAG_FOOTER || n.tag == GUMBO_TAG_ASIDE) && !articles_own(i))) {
      i = n.end - 1;
      continue;
    }
    if (!n.is_text && (n.all_length > 120 || n.all_length < 6 || IsDataCell(page, i))) continue;
    std::string published, updated;
    std::string text = n.is_text ? Collapse(n.node->v.text.text) : page.Text(i);
    if (!DatesInText(text, &published, &updated) || in_furniture(i, true) || another_story(i)) continue;
    visible = published;
    if (visible_updated.empty()) visible_updated = updated;
    i = n.end - 1;
  }
  std::string shown = !time_near.empty() ? time_near : visible;
  std::string url_day = DateInUrl(url);
  if (url_day.empty()) url_day = DateInUrl(meta.canonical_url);
  if (SwapsMonthAndDay(shown, url_day)) shown = url_day;
  // A date shown under the headline that is earlier than the metadata's is the original publication: sites
  // re-stamp datePublished when they refresh a page.
  if (meta.published.empty() || (!shown.empty() && shown < meta.published.substr(0, 10))) meta.published = shown;
  // "This article was originally published on 26 Sep 2019 but has been updated": the page's own word wins.
  std::string original = OriginalPublication(page, zone_start, zone_end);
  if (!original.empty()) meta.published = original;
  if (meta.modified.empty()) meta.modified = !updated_near.empty() ? updated_near : visible_updated;
  if (meta.published.empty()) meta.published_fallback = time_anywhere;
  if (!meta.canonical_url.empty() && meta.canonical_url[0] == '/' && url.find("://") != std::string_view::npos) {
    std::size_t host_end = url.find('/', url.find("://") + 3);
    meta.canonical_url = std::string(url.substr(0, host_end)) + meta.canonical_url;
  }
  if (meta.published.empty() && meta.published_fallback.empty()) {
    meta.published_fallback = DateInUrl(url);
    if (meta.published_fallback.empty()) meta.published_fallback = DateInScripts(page);
    if (meta.published_fallback.empty()) meta.published_fallback = DateInUrl(meta.canonical_url);
    // A page that gives only its last update was at least published by then.
    if (meta.published_fallback.empty()) meta.published_fallback = meta.modified;
  }

  // --- Authors: the metadata's people, with the byline the page shows near the headline when the metadata names
  // no one with a full name; else its authors' links; else an organisation named as author.
  for (const std::string& name : ld_article.persons) AddAuthor(&meta.authors, name, true);
  if (meta.authors.empty()) {
    for (const std::string& name : ld_page.persons) AddAuthor(&meta.authors, name, true);
  }
  for (const std::string& name : meta_authors) AddAuthor(&meta.authors, name, true);
  // A byline's names: "By Jane Doe and John Roe", "Dec. 19, 2025 · Niko Matsakis", "Matteo Laratta | Author".
  auto names_in_text = [](const std::string& text, std::vector<std::string>* out) {
    // "By"/"BY" with a capital: "edited by the desk" inside a translation note is not a byline.
    static const RE2 kBy(
        R"((?:^|\s)(?:By|BY|by:|Reporter|Written by|Posted by|Author:)\s*:?\s+)"
        R"(([A-Za-z\x{C0}-\x{24F}][\w.'\x{2019}-]+(?:\s+(?:and\s+|&\s+)?[A-Za-z\x{C0}-\x{24F}][\w.'\x{2019}-]+){0,5}))");
    re2::StringPiece name;
    if (RE2::PartialMatch(text, kBy, &name)) {
      // What follows "By", trimmed of what runs into the name (a date, a role, the desk); else the words the
      // pattern took.
      std::size_t at = static_cast<std::size_t>(name.data() - text.data());
      AddAuthor(out, text.substr(at), false);
      if (out->empty()) AddAuthor(out, std::string(name), false);
      if (!out->empty()) return;
    }
    static const RE2 kSeparator(R"(\s*(?:[·•|]|\s[-–—]\s)\s*)");
    std::string segments = text;
    RE2::GlobalReplace(&segments, kSeparator, "\n");
    std::size_t start = 0;
    while (start <= segments.size() && out->empty()) {
      std::size_t end = segments.find('\n', start);
      if (end == std::string::npos) end = segments.size();
      AddAuthor(out, segments.substr(start, end - start), false);
      start = end + 1;
    }
  };
  auto byline_names = [&](int32_t i) {
    // A name element inside the byline says it best: a link to the author's page, itemprop=name, class "name".
    std::vector<std::string> found;
    const PageNode& b = page[i];
    for (int32_t j = i + 1; j < b.end; ++j) {
      const PageNode& d = page[j];
      if (d.is_text || d.node->v.element.attributes.length == 0) continue;
      const char* itemprop = Attr(d.node, "itemprop");
      const char* href = d.tag == GUMBO_TAG_A ? Attr(d.node, "href") : nullptr;
      std::string hints = ClassAndId(d.node);
      bool named = (itemprop && AsciiLower(itemprop) == "name") || hints.find("name") != std::string::npos ||
                   (href && (std::strstr(href, "author") || IsAuthorPage(href)));
      if (named && d.all_length > 0 && d.all_length <= 80) {
        AddAuthor(&found, std::string(NameLine(page.Lines(j, 400))), false);
        j = d.end - 1;
      }
    }
    // Else the block's first line: an author box opens with the name, its role and bio on the lines after.
    if (found.empty() && b.all_length <= 2000) names_in_text(std::string(NameLine(page.Lines(i, 400))), &found);
    return found;
  };
  // The byline the page shows: an element named for it near the headline, else short text starting "By …"
  // above the body, else such an element anywhere that is not another story's.
  std::vector<std::string> shown_authors;
  for (int32_t i : bylines) {
    if (!in_zone(i, zone_start) || in_furniture(i, true)) continue;
    shown_authors = byline_names(i);
    if (!shown_authors.empty()) break;
  }
  if (shown_authors.empty()) {
    int32_t scan_end = std::min(zone_end, (region.root >= 0 ? region.root : zone_start) + 400);
    for (int32_t i = zone_start; i < scan_end && shown_authors.empty(); ++i) {
      const PageNode& n = page[i];
      if (n.is_text || n.hidden || n.all_length > 100 || n.all_length < 5) continue;
      // The byline's first line, with the next when the first is only its label ("By" / "Jane Doe"); a label
      // standing alone names the author in the element after it.
      std::vector<std::string> lines = page.Lines(i, 200);
      if (lines.empty()) continue;
      if (lines.size() == 1 && IsBylineLabel(lines[0])) {
        int32_t next = NextSibling(page, i);
        std::vector<std::string> after = next >= 0 ? page.Lines(next, 200) : std::vector<std::string>();
        if (!after.empty()) lines.push_back(after[0]);
      }
      std::string text = lines.size() > 1 && IsBylineLabel(lines[0]) ? lines[0] + " " + lines[1] : lines[0];
      if (!StartsWithNoCase(text, "by ") && !StartsWithNoCase(text, "by:") && !StartsWithNoCase(text, "written by") &&
          !StartsWithNoCase(text, "posted by") && !StartsWithNoCase(text, "author")) {
        continue;
      }
      names_in_text(text, &shown_authors);
      i = n.end - 1;
    }
  }
  if (shown_authors.empty()) {
    for (int32_t i : bylines) {
      if (in_zone(i, zone_start) || in_furniture(i)) continue;
      shown_authors = byline_names(i);
      if (!shown_authors.empty()) break;
    }
  }
  // The metadata may name only the site ("Cleveland Clinic") or a CMS account ("KatieS"); the byline then
  // names the writer.
  bool metadata_names_a_person = std::any_of(meta.authors.begin(), meta.authors.end(), [&](const std::string& name) {
    return name.find(' ') != std::string::npos && !MatchesSiteName(name, site_names);
  });
  if (!metadata_names_a_person) {
    for (const std::string& name : shown_authors) AddAuthor(&meta.authors, name, false);
  }
  if (meta.authors.empty()) {
    for (int32_t i : author_links) {
      if (in_furniture(i) || page[i].all_length > 60) continue;
      AddAuthor(&meta.authors, std::string(NameLine(page.Lines(i, 400))), false);
      if (!meta.authors.empty()) break;
    }
  }
  if (meta.authors.empty()) {
    for (const std::string& name : ld_article.organizations) AddAuthor(&meta.authors, name, true);
  }
  if (meta.declared_language.empty()) meta.declared_language = og_locale;
  return meta;
}

namespace {

// A dateline's place as written in capitals reads in title case, word by word ("PORTLAND, Ore." → "Portland, Ore.");
// abbreviations of two letters or fewer ("N.Y.") stay as they are.
std::string PlaceInTitleCase(std::string place) {
  std::size_t word = 0;
  while (word < place.size()) {
    std::size_t end = place.find_first_of(" ,/", word);
    if (end == std::string::npos) end = place.size();
    std::string_view text(place.data() + word, end - word);
    int letters = static_cast<int>(std::count_if(text.begin(), text.end(), [](unsigned char c) { return std::isalpha(c); }));
    bool capitals = std::none_of(text.begin(), text.end(), [](unsigned char c) { return std::islower(c); });
    if (capitals && letters > 2) {
      bool start = true;
      for (std::size_t i = word; i < end; ++i) {
        char& c = place[i];
        c = start ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        start = c == '-' || c == '\'';
      }
    }
    word = end + 1;
  }
  return place;
}

std::optional<Dateline> DatelineAt(std::string_view text, std::string_view published) {
  // "Seoul, April 1 (Yonhap) --", "SEOUL/WASHINGTON, May 20 -", "PORTLAND, Ore., Feb 26 -", "TAIPEI, March 2 -",
  // "PARIS, 20 May 2025 (AFP) -", "SEOUL, May 20, 2025 (Yonhap)", "des moines, april 7 -", "ROME, March 13, Reuter -":
  // a place (with up to two regions), a day, an optional year, then the agency in parentheses or after a comma, or
  // without one the dash that ends a dateline. Upper, title or lower case; a wire's "****" flash marks before it.
  static const RE2 kWithDate(
      R"(^[*\s]*([A-Za-z][A-Za-z.'’/\- ]{1,40}?(?:,\s*[A-Za-z][A-Za-z.'’\- ]{1,25}?){0,2})(?:,\s*|\s+))"
      R"((?i:((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2})|)"
      R"((\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)))"
      R"((?:,?\s+((?:19|20)\d{2}))?)"
      R"((?:\s*\(([^()]{2,40})\)\s*(?:--|—|–|-|:)?|,\s+([A-Z][A-Za-z]{2,20})\s+(?:--|—|–|-)(?:\s|$)|)"
      R"(\s*(?:--|—|–|-)(?:\s|$)))");
  static const RE2 kWithoutDate(R"(^([A-Z][A-Z.'\-/ ]{2,30}?)\s*\(([^()]{2,40})\)\s*(?:--|—|–|-|:))");
  std::string_view head = text.substr(0, 200);
  std::string place, month_first, day_first, stated_year, agency, agency_after_comma;
  Dateline dateline;
  if (RE2::PartialMatch(head, kWithDate, &place, &month_first, &day_first, &stated_year, &agency,
                        &agency_after_comma)) {
    if (agency.empty()) agency = agency_after_comma;
    const std::string& date = month_first.empty() ? day_first : month_first;
    std::size_t digits = date.find_first_of("0123456789");
    std::size_t letters = date.find_first_not_of("0123456789 ");
    int month = MonthFromName(std::string_view(date).substr(letters));
    int day = std::atoi(date.c_str() + digits);
    int year = 0, pub_month = 0, pub_day = 0;
    if (!stated_year.empty()) {
      dateline.date = IsoDay(std::atoi(stated_year.c_str()), month, day);
    } else if (std::sscanf(std::string(published).c_str(), "%d-%d-%d", &year, &pub_month, &pub_day) == 3) {
      // A dateline is never after the publication: "Dec 31" in a story of 2 January is last year's.
      if (month > pub_month || (month == pub_month && day > pub_day + 1)) --year;
      dateline.date = IsoDay(year, month, day);
    }
  } else if (!RE2::PartialMatch(head, kWithoutDate, &place, &agency)) {
    return std::nullopt;
  }
  dateline.place = PlaceInTitleCase(Collapse(place));
  dateline.agency = Collapse(agency);
  // A press release's "WASHINGTON (January 24, 2017) —": the parentheses hold its date.
  if (std::string day = NormalizeDate(dateline.agency); !day.empty()) {
    dateline.date = day;
    dateline.agency.clear();
  }
  return dateline;
}

// The lines of a plain text's head, before its first long paragraph: where a headline, its dates and its byline
// stand.
std::vector<std::string_view> HeadLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size() && lines.size() < 12) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (CollapsedLength(line) == 0) continue;
    if (line.size() > 300) break;
    lines.push_back(line);
  }
  return lines;
}

// Whether `line` (a view into `text`) is the first line of a wrapped paragraph: the line right after it goes on
// in lower case ("... throughout the week in\nthe Bahia cocoa zone"). A headline stands on its own line.
bool ContinuesOnNextLine(std::string_view text, std::string_view line) {
  std::size_t next = static_cast<std::size_t>(line.data() - text.data()) + line.size() + 1;
  return next < text.size() && std::islower(static_cast<unsigned char>(text[next]));
}

// "Published: 20 May. 2025, 16:58", "Updated Jan 8, 2026", "Tuesday, May 20, 2025": a line that gives the
// article's date, by its label or by being a date and little else. A sentence or a key point that holds a date
// ("- Talks resume on June 3, 2025") is not one.
bool GivesDate(std::string_view line) {
  std::string key = Key(line);
  for (std::string_view label : {"published", "posted", "updated", "last updated", "first published", "date",
                                 "dated", "modified"}) {
    if (key.rfind(label, 0) == 0) return true;
  }
  std::string_view first_word = std::string_view(key).substr(0, key.find_first_of(" ,"));
  bool starts_as_date =
      !key.empty() && (std::isdigit(static_cast<unsigned char>(key[0])) || IsCalendarWord(first_word));
  return starts_as_date && WordCount(key) <= 6 && !NormalizeDate(key).empty();
}

}  // namespace

std::optional<Dateline> ParseDateline(std::string_view text, std::string_view published) {
  // The body's first paragraph, or one of the next few: a caption, a standfirst or key points may come first.
  std::size_t start = 0;
  for (int line = 0; line < 12 && start < std::min<std::size_t>(text.size(), 3000); ++line) {
    while (start < text.size() && (text[start] == ' ' || text[start] == '\n' || text[start] == '\t')) ++start;
    if (auto dateline = DatelineAt(text.substr(start), published)) return dateline;
    start = text.find('\n', start);
    if (start == std::string_view::npos) break;
  }
  return std::nullopt;
}

PageMetadata ReadTextMetadata(std::string_view text) {
  PageMetadata meta;
  std::vector<std::string_view> lines = HeadLines(text);
  std::size_t next = 0;
  // A headline: the first line, short, not a sentence (no full stop at its end, no sentence break inside, not the
  // start of a wrapped paragraph), not a dateline, with more text after it.
  if (lines.size() >= 2) {
    std::string first = Collapse(lines[0]);
    while (!first.empty() && first[0] == '#') first.erase(0, 1);  // Markdown
    first = Collapse(first);
    static const RE2 kSentenceBreak(R"([a-z0-9][.!?]\s+[A-Z/])");
    // "BEIRUT - Rescue workers planned", "CALGARY, Alberta - Qtr ends", "NEW YORK, Narch 2 -": a dateline without a
    // day, or with a misspelt one, still opens the story; it does not head it. Nor does a table's "APRIL 7 - 1000".
    static const RE2 kPlaceAndDash(
        R"(^(?:[A-Z][A-Z0-9.'/\-]*(?: [A-Z0-9][A-Z0-9.'/\-]*){0,3},?|)"
        R"([A-Z][A-Za-z.'/\-]*(?: [A-Z][A-Za-z.'/\-]*){0,3}(?:,[^,\n]{0,25}?){1,3})\s+(?:--|—|–|-)\s)");
    int words = WordCount(first);
    if (words >= 2 && words <= 20 && first.size() <= 200 && first.back() != '.' && first.back() != ',' &&
        first.back() != ':' && first.back() != ';' && !RE2::PartialMatch(first, kSentenceBreak) &&
        !GivesDate(first) && !DatelineAt(first, "") && !RE2::PartialMatch(first, kPlaceAndDash) &&
        !ContinuesOnNextLine(text, lines[0])) {
      meta.title = first;
      next = 1;
    }
  }
  for (std::size_t i = next; i < lines.size(); ++i) {
    std::string line = Collapse(lines[i]);
    if (line.size() <= 120 && GivesDate(line)) {
      std::string published, updated;
      if (DatesInText(line, &published, &updated)) {
        if (meta.published.empty()) meta.published = published;
        if (meta.modified.empty()) meta.modified = updated;
      }
    } else if (line.size() <= 80 && (StartsWithNoCase(line, "by ") || StartsWithNoCase(line, "written by"))) {
      if (meta.authors.empty()) AddAuthor(&meta.authors, line, false);
    }
  }
  return meta;
}

std::string DetectLanguage(std::string_view text, std::string_view declared) {
  std::string declared_code = AsciiLower(declared.substr(0, declared.find_first_of("-_")));
  if (text.empty()) return declared_code;
  bool reliable = false;
  // A few thousand words tell the language as well as the whole text; huge bodies would cost the most.
  std::size_t length = std::min<std::size_t>(text.size(), 6 * 1024);
  while (length < text.size() && length > 0 && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) --length;
  CLD2::Language language = CLD2::DetectLanguage(text.data(), static_cast<int>(length), true, &reliable);
  if (language == CLD2::UNKNOWN_LANGUAGE || (!reliable && !declared_code.empty())) return declared_code;
  std::string code = CLD2::LanguageCode(language);
  return code == "un" ? declared_code : code.substr(0, code.find('-'));
}

}  // namespace tradewire
