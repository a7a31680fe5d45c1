#include "extractors/html/metadata/dateline.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "extractors/html/metadata.h"
#include "extractors/html/metadata/dates.h"
#include "extractors/html/page.h"
#include "extractors/text/utf8.h"
#include "extractors/text/calendar.h"

namespace tradewire::metadata {
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

}  // namespace

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

}  // namespace tradewire::metadata

namespace tradewire {

std::optional<Dateline> ParseDateline(std::string_view text, std::string_view published) {
  // The body's first paragraph, or one of the next few: a caption, a standfirst or key points may come first.
  std::size_t start = 0;
  for (int line = 0; line < 12 && start < std::min<std::size_t>(text.size(), 3000); ++line) {
    while (start < text.size() && (text[start] == ' ' || text[start] == '\n' || text[start] == '\t')) ++start;
    if (auto dateline = metadata::DatelineAt(text.substr(start), published)) return dateline;
    start = text.find('\n', start);
    if (start == std::string_view::npos) break;
  }
  return std::nullopt;
}

}  // namespace tradewire
