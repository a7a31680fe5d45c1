// ReadTextMetadata (declared in extractors/html/metadata.h): what the head of a plain-text article says of it.
#include <re2/re2.h>

#include <cctype>
#include <string>
#include <vector>

#include "extractors/html/metadata.h"
#include "extractors/html/metadata/authors.h"
#include "extractors/html/metadata/dateline.h"
#include "extractors/html/metadata/dates.h"
#include "extractors/html/metadata/words.h"
#include "extractors/html/page.h"
#include "extractors/text/utf8.h"

namespace tradewire {
namespace {

using namespace metadata;

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

}  // namespace tradewire
