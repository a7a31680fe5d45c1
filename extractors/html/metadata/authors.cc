#include "extractors/html/metadata/authors.h"

#include <gumbo.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>
#include <string_view>

#include "extractors/html/dom.h"
#include "extractors/html/metadata/title.h"
#include "extractors/html/metadata/words.h"
#include "extractors/html/page.h"
#include "extractors/text/utf8.h"

namespace tradewire::metadata {
namespace {

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

// A byline's names: "By Jane Doe and John Roe", "Dec. 19, 2025 · Niko Matsakis", "Matteo Laratta | Author".
void NamesInByline(const std::string& text, std::vector<std::string>* out) {
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
}

// The names a byline element gives: a name element inside it says it best (a link to the author's page,
// itemprop=name, class "name"); else the block's first line: an author box opens with the name, its role and
// bio on the lines after.
std::vector<std::string> BylineNames(const PageIndex& page, int32_t i) {
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
  if (found.empty() && b.all_length <= 2000) NamesInByline(std::string(NameLine(page.Lines(i, 400))), &found);
  return found;
}

// Short text starting "By …" in the zone above the body: the byline's first line, with the next when the first
// is only its label ("By" / "Jane Doe"); a label standing alone names the author in the element after it.
std::vector<std::string> ByLineInText(const PageIndex& page, const ArticleZone& zone, int32_t body_root) {
  std::vector<std::string> names;
  int32_t scan_end = std::min(zone.end(), (body_root >= 0 ? body_root : zone.start()) + 400);
  for (int32_t i = zone.start(); i < scan_end && names.empty(); ++i) {
    const PageNode& n = page[i];
    if (n.is_text || n.hidden || n.all_length > 100 || n.all_length < 5) continue;
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
    NamesInByline(text, &names);
    i = n.end - 1;
  }
  return names;
}

// The byline the page shows: an element named for it near the headline, else short text starting "By …"
// above the body, else such an element anywhere that is not another story's.
std::vector<std::string> ShownByline(const PageIndex& page, const PageFacts& facts, const ArticleZone& zone,
                                     int32_t body_root) {
  for (int32_t i : facts.bylines) {
    if (!zone.Contains(i) || InFurniture(page, i, true)) continue;
    std::vector<std::string> names = BylineNames(page, i);
    if (!names.empty()) return names;
  }
  std::vector<std::string> names = ByLineInText(page, zone, body_root);
  if (!names.empty()) return names;
  for (int32_t i : facts.bylines) {
    if (zone.Contains(i) || InFurniture(page, i)) continue;
    names = BylineNames(page, i);
    if (!names.empty()) return names;
  }
  return {};
}

}  // namespace

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

bool IsAuthorPage(const char* href) {
  for (const char* part : {"/author/", "/authors/", "/writers/", "/people/", "/profile/", "/staff/", "/contributors/",
                           "/by/"}) {
    if (std::strstr(href, part)) return true;
  }
  return false;
}

std::vector<std::string> ChooseAuthors(const PageIndex& page, const PageFacts& facts, const ArticleZone& zone,
                                       const std::vector<std::string>& site_names) {
  std::vector<std::string> authors;
  for (const std::string& name : facts.ld_article.persons) AddAuthor(&authors, name, true);
  if (authors.empty()) {
    for (const std::string& name : facts.ld_page.persons) AddAuthor(&authors, name, true);
  }
  for (const std::string& name : facts.meta_authors) AddAuthor(&authors, name, true);
  // The metadata may name only the site ("Cleveland Clinic") or a CMS account ("KatieS"); the byline then
  // names the writer.
  bool metadata_names_a_person = std::any_of(authors.begin(), authors.end(), [&](const std::string& name) {
    return name.find(' ') != std::string::npos && !MatchesSiteName(name, site_names);
  });
  if (!metadata_names_a_person) {
    for (const std::string& name : ShownByline(page, facts, zone, zone.region().root)) AddAuthor(&authors, name, false);
  }
  if (authors.empty()) {
    for (int32_t i : facts.author_links) {
      if (InFurniture(page, i) || page[i].all_length > 60) continue;
      AddAuthor(&authors, std::string(NameLine(page.Lines(i, 400))), false);
      if (!authors.empty()) break;
    }
  }
  if (authors.empty()) {
    for (const std::string& name : facts.ld_article.organizations) AddAuthor(&authors, name, true);
  }
  return authors;
}

}  // namespace tradewire::metadata
