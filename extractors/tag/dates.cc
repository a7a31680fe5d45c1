// The date tagger: TIMEX3 dates, times, durations and sets, after HeidelTime's design — each rule is a pattern
// plus a normalization function, and relative expressions resolve against the anchor day (the dateline's date,
// else the publication date) with news conventions: an unqualified weekday or "the 22nd" is the most recent such
// day unless the clause is about the future, and a month-day without a year takes the year nearest the anchor.
//
// Cost: all rules are compiled into ONE RE2 alternation with leftmost-longest semantics, so the text is scanned
// once by a DFA whatever the number of rules; an RE2::Set anchored at both ends then names the rules that match
// that span exactly (the first listed wins). Per-rule regexes run only when a normalizer rejects a match ("May" as
// a verb, "$1990"), to find the longest acceptable alternative starting at the same place.
//
// Word lists (months, weekdays, number words, units) are part of the patterns and of date_text.cc rather than a
// data file: they are language, not analyst-maintained vocabulary.
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "extractors/text/calendar.h"
#include "extractors/tag/date_text.h"
#include "extractors/tag/families.h"

namespace tradewire {
namespace {

using date_text::Words;
using date_text::SplitWords;
using date_text::IsDigits;
using date_text::ToInt;
using date_text::WeekdayIndex;
using date_text::DayNumber;
using date_text::kVague;
using date_text::Quantity;
using date_text::DurationUnit;
using date_text::UnitOf;
using date_text::DurationValue;
using date_text::EdgeMod;
using date_text::IsFutureClause;
using date_text::IsPastClause;
using date_text::Tense;
using date_text::ClauseTense;
using date_text::ClauseMentions;

// ---------------------------------------------------------------------------------------------------------------
// Word classes the rules are written with. Month and weekday names are case-sensitive (capitalized) so that
// "march", "may" and "sun" in running text are not dates.

constexpr std::string_view kMonth =
    R"((?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|)"
    R"((?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)))";
constexpr std::string_view kWeekday = R"((?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))";
constexpr std::string_view kNumber =
    R"((?:\d+(?:\.\d+)?(?:\s+1/2\b)?|(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety))"
    R"((?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|)"
    R"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|)"
    R"(sixteen|seventeen|eighteen|nineteen|(?:a\s+|one\s+)?hundred|a\s+few|few|several|many|a\s+couple\s+of|)"
    R"(a\s+couple|a\s+dozen|dozens\s+of)))";
constexpr std::string_view kUnit =
    R"((?i:years?|months?|weeks?|days?|hours?|minutes?|seconds|decades?|century|centuries|quarters?|)"
    R"(nights?|weekends?))";
// Between a number and its unit: "20 more years", "five trading days", "an additional year".
constexpr std::string_view kUnitQualifier =
    R"((?i:more|additional|further|extra|trading|business|working|straight|consecutive))";
constexpr std::string_view kApprox =
    R"((?:(?i:about|around|nearly|almost|(?:no\s+)?more\s+than|less\s+than|fewer\s+than|at\s+least|up\s+to|)"
    R"(roughly|approximately|some)\s+)?)";
constexpr std::string_view kEdge =
    R"((?:(?i:early|late|mid|earlier|later|the\s+(?:end|beginning|start|middle|close)\s+of)[\s-]+)?)";
constexpr std::string_view kYear = R"((?:19|20)\d\d\b)";
// "(of) this year", "last year", "next year" after a month: the month of that year.
constexpr std::string_view kYearWords = R"((?:(?i:of)\s+)?(?i:this|last|next)\s+(?i:year)\b)";
// Years read out in broadcast transcripts: "nineteen ninety-six", "two thousand".
constexpr std::string_view kSpelledYear =
    R"((?:(?i:nineteen)[\s-]+(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety))"
    R"((?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)|(?i:two\s+thousand))\b)";

enum class Kind {
  kIsoDate,
  kCompactDate,
  kSlashDate,
  kMonthDay,
  kDayMonth,
  kMonth,
  kWeekOf,
  kWeekday,
  kOrdinalDay,
  kYear,
  kFiscalYear,
  kDecade,
  kCentury,
  kQuarter,
  kDeictic,
  kRelativeUnit,
  kSeason,
  kAgo,
  kDuration,
  kVagueSpan,
  kSet,
  kClockTime,
  kVague,
  kHoliday,
  kAnaphoric,
  kYearEnd,
};

struct RuleSpec {
  Kind kind;
  std::string pattern;  // RE2 syntax; {MONTH}, {WEEKDAY}, {NUMBER}, {UNIT}, {APPROX}, {EDGE}, {YEAR} expand
};

std::vector<RuleSpec> RuleSpecs() {
  return {
      {Kind::kIsoDate, R"(\b(?:19|20)\d\d-[01]\d-[0-3]\d(?:T[0-2]\d:[0-5]\d(?::[0-5]\d)?)?\b)"},
      {Kind::kCompactDate, R"(\b(?:19|20)\d\d[01]\d[0-3]\d\b)"},
      {Kind::kSlashDate, R"(\b[01]?\d/[0-3]?\d/(?:\d\d\d\d|\d\d)\b)"},
      // "Saturday, April 25", "last Oct. 23", "May 5 last year": the weekday and the year words are part of it.
      {Kind::kMonthDay,
       R"(\b(?:{WEEKDAY},?\s+)?(?:(?i:last|this|next)\s+)?{EDGE}{MONTH}\s*[0-3]?\d(?:st|nd|rd|th)?\b)"
       R"((?:,?\s*{YEAR}|\s+{YEAR_WORDS})?)"},
      {Kind::kDayMonth,
       R"(\b(?:{WEEKDAY},?\s+)?(?:(?i:the)\s+)?[0-3]?\d(?:st|nd|rd|th)?\s+(?:(?i:of)\s+)?{MONTH})"
       R"((?:\.?,?\s*{YEAR}|\s+{YEAR_WORDS})?)"},
      {Kind::kMonth,
       R"(\b{EDGE}(?:(?i:this|last|next|the\s+month\s+of)\s+)?{MONTH})"
       R"((?:,?\s+(?:(?i:of)\s+)?(?:{YEAR}|{SPELLED_YEAR})|\s+{YEAR_WORDS})?)"},
      {Kind::kWeekOf, R"(\b(?i:the\s+week\s+of)\s+{MONTH}\s*[0-3]?\d\b)"},
      {Kind::kWeekday,
       R"(\b(?:(?i:last|next|this|early|late|every|each|coming|this\s+coming|this\s+past|the\s+previous|)"
       R"(the\s+following)\s+)?{WEEKDAY}s?\b)"
       R"((?:\s+(?i:morning|afternoon|evening|night)s?\b)?)"},
      {Kind::kOrdinalDay, R"(\b(?i:the)\s+[0-3]?\d(?:st|nd|rd|th)\b)"},
      {Kind::kYear,
       R"(\b{EDGE}(?:(?i:fiscal|calendar|the\s+year|fiscal\s+year|the\s+fiscal\s+year|the\s+calendar\s+year)\s+)?)"
       R"({YEAR})"},
      {Kind::kFiscalYear, R"(\bFY\s?(?:19|20)?\d\d\b)"},
      {Kind::kYear, R"(\b(?:(?i:the\s+year)\s+)?{SPELLED_YEAR})"},
      {Kind::kDecade, R"((?:\b{EDGE}(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?(?:19|20)\d0|'\d0)'?s\b)"},
      // "the 20th century", "the early nineteenth century", "19th-century": TIMEX3 writes the century's two digits.
      {Kind::kCentury,
       R"(\b{EDGE}(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?(?:[12]?\d(?:st|nd|rd|th)|)"
       R"((?i:fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[\s-]first))[\s-]+(?i:century)\b)"},
      {Kind::kQuarter,
       R"(\b(?:(?i:the)\s+|(?i:this|last|next)\s+(?i:year)'s\s+|{YEAR}'s\s+)?(?:{YEAR}\s+)?)"
       R"((?:(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|)"
       R"(current|previous|next|this|same|year-earlier|year-ago|most\s+recent|fiscal)[\s-]+)*)"
       R"((?i:quarter|half|period)\b(?:\s+(?i:of)\s+(?:(?:(?i:fiscal)\s+)?{YEAR}|(?i:this|last|next|the)\s+year\b))?)"},
      {Kind::kDeictic,
       R"(\b(?:(?i:early|late|earlier|later|mid-?afternoon|mid-?morning)\s+)?)"
       R"((?i:today|yesterday|tomorrow|tonight|overnight|the\s+day\s+(?:before|after)\s+(?:yesterday|tomorrow)))"
       R"(\b(?:\s+(?i:morning|afternoon|evening|night)\b)?)"},
      {Kind::kRelativeUnit,
       R"(\b{EDGE}(?:(?i:the)\s+)?(?i:this|last|next|past|previous|coming|current|same|following|prior))"
       R"(\s+(?i:week|weekend|month|year|quarter|decade|century|morning|afternoon|evening|night)\b)"},
      {Kind::kRelativeUnit, R"(\b{EDGE}(?i:the)\s+(?i:week|weekend|month|year|morning|afternoon|evening)\b)"},
      // "the following day", "the previous day": next to the day last named (the anchor's when none was).
      {Kind::kRelativeUnit, R"(\b(?i:the)\s+(?i:following|previous|prior|next)\s+(?i:day)\b)"},
      // "the fiscal year", "the current fiscal year", "the full year": in results news, the year reported.
      {Kind::kRelativeUnit,
       R"(\b{EDGE}(?i:the|this|last|next|(?:the\s+)?(?:current|previous|prior|coming|following))\s+)"
       R"((?i:fiscal|full|calendar)\s+(?i:year)\b)"},
      {Kind::kYearEnd, R"(\b(?i:year)[\s-](?i:end)\b)"},
      {Kind::kSeason,
       R"(\b{EDGE}(?:(?i:the|this|last|next|past|coming|this\s+past|this\s+coming)\s+)?)"
       R"((?i:spring|summer|autumn|fall|winter)\b)"
       R"((?:\s+(?:(?i:of)\s+)?(?:{YEAR}|{SPELLED_YEAR}))?)"},
      {Kind::kAgo,
       R"(\b{APPROX}{NUMBER}[\s-]+{UNIT}\s+(?i:ago|earlier|later|from\s+now)\b)"},
      {Kind::kAgo, R"(\b(?:(?i:the)\s+)?(?i:year|month|week|day)-(?i:earlier|ago)\b(?:\s+(?i:period|quarter)\b)?)"},
      {Kind::kDuration,
       R"(\b{APPROX}(?:(?i:the|each\s+of\s+the)\s+)?(?:(?i:first|last|past|next|coming|previous|following|)"
       R"(final|latest|initial|full|entire|whole|recent|other)\s+)?{NUMBER}(?:\s+(?i:to|or)\s+{NUMBER})?)"
       R"((?:\s+{UNIT_QUALIFIER})?[\s-]+{UNIT}\b(?:\s+(?i:and\s+a\s+half)\b)?)"},
      {Kind::kVagueSpan,
       R"(\b(?:(?i:the)\s+)?(?i:past|last|next|coming|recent|previous|following)\s+)"
       R"((?i:years|months|weeks|days|decades|hours)\b)"},
      {Kind::kVagueSpan, R"(\b(?:(?i:the)\s+)?(?i:years|months|weeks|days)\s+(?i:ahead|to\s+come)\b)"},
      {Kind::kSet,
       R"(\b(?i:daily|weekly|monthly|yearly|hourly|nightly|biweekly|)"
       R"((?:every|each)\s+(?:other\s+)?(?:day|week|month|year|quarter|morning|night|evening|weekend|)"
       R"(summer|winter|spring|fall|autumn)|per\s+(?:day|week|month|year)|every\s+{NUMBER}\s+{UNIT})\b)"},
      {Kind::kClockTime,
       R"(\b(?:(?i:about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?)"
       R"((?:[0-2]?\d(?::[0-5]\d)?\s*(?:(?i:[ap]\.m\.?)|(?i:am|pm)\b)|(?i:noon|midnight)\b))"
       R"((?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?(?:,?\s+(?:{WEEKDAY}\b|(?i:today|yesterday|tomorrow)\b))?)"
       R"((?:,?\s+{MONTH}\s*[0-3]?\d\b)?)"},
      {Kind::kVague,
       R"(\b(?i:now|currently|current|(?:more\s+)?recently|lately|presently|nowadays|)"
       R"(the\s+(?:near\s+|distant\s+)?future|the\s+past|these\s+days|recent\s+years)\b)"},
      // "that year", "later that day", "the same month": the one the article last named.
      {Kind::kAnaphoric,
       R"(\b(?:(?i:earlier|later)\s+)?(?i:that|that\s+same|the\s+same)\s+(?i:year|month|day)\b)"},
      {Kind::kHoliday,
       R"(\b(?:(?i:last|next|this)\s+)?)"
       R"((?:Christmas(?:\s+Eve|\s+Day)?|New\s+Year's(?:\s+Eve|\s+Day)?|Thanksgiving(?:\s+Day)?|)"
       R"(Independence\s+Day|Labor\s+Day|Memorial\s+Day|Veterans\s+Day|Good\s+Friday|)"
       R"(Easter(?:\s+Sunday|\s+Monday|\s+(?i:week))?)\b)"},
  };
}

std::string Expand(std::string pattern) {
  static const std::array<std::pair<std::string_view, std::string_view>, 10> kClasses = {{
      {"{SPELLED_YEAR}", kSpelledYear},
      {"{YEAR_WORDS}", kYearWords},
      {"{MONTH}", kMonth},
      {"{WEEKDAY}", kWeekday},
      {"{NUMBER}", kNumber},
      {"{UNIT_QUALIFIER}", kUnitQualifier},
      {"{UNIT}", kUnit},
      {"{APPROX}", kApprox},
      {"{EDGE}", kEdge},
      {"{YEAR}", kYear},
  }};
  for (const auto& [name, body] : kClasses) {
    for (std::size_t at = pattern.find(name); at != std::string::npos; at = pattern.find(name, at + body.size())) {
      pattern.replace(at, name.size(), body);
    }
  }
  return pattern;
}


// ---------------------------------------------------------------------------------------------------------------
// Normalization.

struct Timex {
  std::string value;
  const char* type = "DATE";
  const char* mod = nullptr;
  bool anchored = false;
  bool names_quarter = false;  // an explicit quarter that later "the quarter" refers back to
  std::size_t skip_front = 0;  // bytes of the match left out of the mention (TimeML drops "the" before adjectives)
  std::size_t skip_back = 0;   // likewise at the end ("three days later": "later" is a signal)
  bool anaphoric = false;      // "that year": refers back, so it is no new referent
  bool frame = false;          // "today", "Monday": the time of reporting, no referent for "that year"
};

struct YearQuarter {
  int year = 0;
  int quarter = 0;  // 1..4
};
YearQuarter ShiftQuarter(YearQuarter q, int by) {
  const int index = q.year * 4 + (q.quarter - 1) + by;
  return {index / 4, index % 4 + 1};
}

// What earlier mentions of the same article tell later ones: "the quarter" is the quarter last named, "that
// year" the year last named, "later that day" the day last named.
struct ScanState {
  std::optional<YearQuarter> last_quarter;
  std::size_t last_quarter_end = 0;
  std::string last_year;   // "1998"
  std::string last_month;  // "1998-10"
  std::string last_day;    // "1998-10-23"
};

struct Match {
  std::string_view text;  // the whole article
  std::size_t begin = 0;
  std::size_t end = 0;
  std::optional<CivilDay> anchor;
  ScanState* state = nullptr;
  std::string_view Span() const { return text.substr(begin, end - begin); }
};

// Drops the first word of the match from the mention ("last Oct. 23" → "Oct. 23").
void SkipFirstWord(const Words& words, Timex* timex) {
  if (words.list.size() > 1) timex->skip_front = static_cast<std::size_t>(words.list[1].data() - words.lower.data());
}

// Drops a leading "the" when what follows is an adjective phrase ("the 30-day review" → "30-day").
void SkipLeadingThe(const Words& words, Timex* timex) {
  if (words.list.size() > 1 && words.list[0] == "the") {
    timex->skip_front = static_cast<std::size_t>(words.list[1].data() - words.lower.data());
  }
}

// The quarter results news compares with: the quarter last named in the article when it is recent (within
// about two paragraphs), else the one before the anchor's.
std::optional<YearQuarter> ReferenceQuarter(const Match& m) {
  if (m.state && m.state->last_quarter && m.begin - m.state->last_quarter_end < 1500) return m.state->last_quarter;
  if (!m.anchor) return std::nullopt;
  return ShiftQuarter({m.anchor->year, (m.anchor->month - 1) / 3 + 1}, -1);
}

bool NearQuarterTalk(const Match& m) {
  return m.state && m.state->last_quarter && m.begin - m.state->last_quarter_end < 600;
}

// The year that puts month/day nearest the anchor ("July 8" in a January article is last July). News mostly
// reports what happened, so a day ahead of the anchor counts as twice as far as one behind it.
int NearestYear(const std::optional<CivilDay>& anchor, int month, int day) {
  if (!anchor) return 0;
  int best = anchor->year;
  long best_distance = -1;
  for (int year = anchor->year - 1; year <= anchor->year + 1; ++year) {
    const int clamped = std::min(day, DaysInMonth(year, month));
    const long offset = DaysFromCivil({year, month, clamped}) - DaysFromCivil(*anchor);
    const long distance = offset > 0 ? 2 * offset : -offset;
    if (best_distance < 0 || distance < best_distance) {
      best = year;
      best_distance = distance;
    }
  }
  return best;
}

// "Seoul, April 1 (Yonhap) --": a dateline names the day of writing, never a later one.
bool IsDateline(const Match& m) {
  std::string_view after = m.text.substr(m.end, std::min<std::size_t>(4, m.text.size() - m.end));
  return after.starts_with(" (") || after.starts_with(" --") || after.starts_with(" \xE2\x80\x94");
}

// The year of a month/day written without one: after the anchor when the clause speaks of the future, before it
// when it speaks of the past, else the nearest. A month of slack either way absorbs an imprecise anchor (a
// crawl date for a publication date): "talks after the June 3 election" in a June 11 crawl is still this June.
int YearFor(const Match& m, int month, int day) {
  if (!m.anchor) return 0;
  constexpr long kSlackDays = 31;
  const CivilDay anchor = *m.anchor;
  const long anchor_days = DaysFromCivil(anchor);
  auto days = [&](int year) { return DaysFromCivil({year, month, std::min(day, DaysInMonth(year, month))}); };
  const bool dateline = IsDateline(m);
  // Within the slack of the anchor every reading below gives the anchor's year: the tense need not be read.
  const long offset = days(anchor.year) - anchor_days;
  if (!dateline && offset >= -kSlackDays && offset <= kSlackDays) return anchor.year;
  const Tense tense = dateline ? Tense::kPast : ClauseTense(m.text, m.begin, m.end);
  if (tense == Tense::kPast) {
    const long slack = dateline ? 3 : kSlackDays;  // a dateline may run a time zone ahead of the anchor
    return days(anchor.year) <= anchor_days + slack ? anchor.year : anchor.year - 1;
  }
  if (tense == Tense::kFuture) {
    return days(anchor.year) >= anchor_days - kSlackDays ? anchor.year : anchor.year + 1;
  }
  return NearestYear(m.anchor, month, day);
}

std::string DayOrUnknown(int year, int month, int day) {
  if (year == 0) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "XXXX-%02d-%02d", month, day);
    return buffer;
  }
  return FormatDay({year, month, day});
}

int ExpandTwoDigitYear(int year) { return year < 100 ? (year < 50 ? 2000 + year : 1900 + year) : year; }

// "nineteen ninety-six" → 1996, "two thousand" → 2000.
std::optional<int> SpelledYear(const Words& words) {
  std::size_t at = words.Find("nineteen");
  if (at < words.list.size()) {
    ++at;
    std::optional<double> rest = Quantity(words, &at);
    if (!rest || *rest < 20 || *rest > 99) return std::nullopt;
    return 1900 + static_cast<int>(*rest);
  }
  if (words.Has("two") && words.Has("thousand")) return 2000;
  return std::nullopt;
}

std::optional<int> FindYear(const Words& words) {
  for (std::string_view w : words.list) {
    if (w.size() == 4 && IsDigits(w) && (w.starts_with("19") || w.starts_with("20"))) return ToInt(w);
  }
  return SpelledYear(words);
}

// "this year", "last year", "next year" written after a month: that year (nullopt without them or an anchor).
std::optional<int> YearFromWords(const Match& m, const Words& words) {
  if (!m.anchor || !words.Has("year")) return std::nullopt;
  if (words.Has("last")) return m.anchor->year - 1;
  if (words.Has("next")) return m.anchor->year + 1;
  if (words.Has("this")) return m.anchor->year;
  return std::nullopt;
}

std::optional<Timex> MonthDay(const Match& m, const Words& words) {
  int month = 0;
  std::optional<int> day;
  for (std::string_view w : words.list) {
    if (!month && MonthFromName(w)) {
      month = MonthFromName(w);
    } else if (!day && month && DayNumber(w)) {
      day = DayNumber(w);
    } else if (!day && !month && DayNumber(w)) {
      day = DayNumber(w);
    }
  }
  if (!month || !day) return std::nullopt;
  Timex timex;
  std::optional<int> year = FindYear(words);
  if (!year) {
    timex.anchored = true;
    year = YearFromWords(m, words);
  }
  if (!year) {
    const std::string_view first = words.list[0];
    if (first == "last" || first == "this" || first == "next") {
      // "last Oct. 23": the most recent one; TimeML leaves the adverb out of the span.
      SkipFirstWord(words, &timex);
      if (m.anchor) {
        const int this_year = m.anchor->year;
        const bool ahead = DaysFromCivil({this_year, month, std::min(*day, DaysInMonth(this_year, month))}) >
                           DaysFromCivil(*m.anchor);
        year = this_year + (first == "last" && ahead ? -1 : first == "next" && !ahead ? 1 : 0);
      } else {
        year = 0;
      }
    } else {
      year = YearFor(m, month, *day);
    }
  }
  if (*year != 0 && !IsValidDay(*year, month, *day)) return std::nullopt;
  timex.value = DayOrUnknown(*year, month, *day);
  timex.mod = EdgeMod(words);
  return timex;
}

bool PrecededByWord(const Match& m, std::initializer_list<std::string_view> options) {
  std::size_t i = m.begin;
  while (i > 0 && m.text[i - 1] == ' ') --i;
  std::size_t j = i;
  while (j > 0 && std::isalpha(static_cast<unsigned char>(m.text[j - 1]))) --j;
  std::string word(m.text.substr(j, i - j));
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(options.begin(), options.end(), word) != options.end();
}

std::optional<Timex> Month(const Match& m, const Words& words) {
  std::size_t month_at = words.list.size();
  for (std::size_t i = 0; i < words.list.size(); ++i) {
    if (MonthFromName(words.list[i]) && words.list[i] != "mid") {
      month_at = i;
      break;
    }
  }
  if (month_at == words.list.size()) return std::nullopt;
  const int month = MonthFromName(words.list[month_at]);
  std::optional<int> year = FindYear(words);
  const std::optional<int> year_from_words = YearFromWords(m, words);
  const bool qualified = month_at > 0 || year || words.Has("year");
  std::string_view surface = m.Span();
  // A lone "May" or "March" is a verb unless a preposition introduces it; lone abbreviations are rarely months.
  const bool ambiguous = words.list[month_at] == "may" || words.list[month_at] == "march" ||
                         words.list[month_at].size() <= 4;
  if (!qualified && ambiguous &&
      !PrecededByWord(m, {"in", "since", "until", "till", "by", "of", "from", "through", "during", "before",
                          "after", "for", "last", "next", "this", "early", "late", "mid", "to", "and"})) {
    return std::nullopt;
  }
  if (surface.find('.') != std::string_view::npos && !qualified && surface.back() == '.' &&
      words.list[month_at].size() > 4) {
    return std::nullopt;
  }
  // "Jan Kavan", "and May Chen": before a capitalized word and after no temporal preposition, a given name.
  if (!qualified && m.end + 1 < m.text.size() && m.text[m.end] == ' ' &&
      std::isupper(static_cast<unsigned char>(m.text[m.end + 1])) && surface.back() != '.' &&
      !PrecededByWord(m, {"in", "since", "until", "till", "by", "from", "through", "during", "before", "after",
                          "of", "last", "next", "this", "early", "late", "mid"})) {
    return std::nullopt;
  }
  Timex timex;
  timex.mod = EdgeMod(words);
  if (!year) {
    timex.anchored = true;
    if (!m.anchor) return Timex{FormatMonth(0, month).replace(0, 4, "XXXX"), "DATE", timex.mod, false};
    const bool last = words.Has("last");
    const bool next = words.Has("next");
    const CivilDay a = *m.anchor;
    int y = NearestYear(m.anchor, month, 15);
    const Tense tense = ClauseTense(m.text, m.begin, m.end);
    if (tense == Tense::kFuture) {
      y = month >= a.month ? a.year : a.year + 1;
    } else if (tense == Tense::kPast) {
      y = month <= a.month ? a.year : a.year - 1;
    }
    // "last February" said in March is a year ago: the February just past would be "last month".
    if (last) y = month < m.anchor->month - 1 ? m.anchor->year : m.anchor->year - 1;
    if (next) y = month > m.anchor->month ? m.anchor->year : m.anchor->year + 1;
    if (words.Has("this")) y = m.anchor->year;
    year = year_from_words.value_or(y);
  }
  timex.value = FormatMonth(*year, month);
  return timex;
}

// The nearest `weekday` strictly before (direction -1) or after (+1) `from`.
CivilDay WeekdayBeside(CivilDay from, int weekday, int direction) {
  const int today = IsoWeekday(from);
  const int back = (today - weekday + 7) % 7;
  const int forward = (weekday - today + 7) % 7;
  return direction < 0 ? AddDays(from, back == 0 ? -7 : -back) : AddDays(from, forward == 0 ? 7 : forward);
}

// The weekday `weekday` nearest the anchor in the direction the clause points to.
CivilDay ResolveWeekday(const Match& m, const Words& words, int weekday) {
  const CivilDay anchor = *m.anchor;
  // "the previous Friday", "the following Monday": next to the day the article last named.
  if (words.Has("previous") || words.Has("following")) {
    const std::optional<CivilDay> named = m.state ? ParseIsoDay(m.state->last_day) : std::nullopt;
    return WeekdayBeside(named.value_or(anchor), weekday, words.Has("previous") ? -1 : 1);
  }
  if (words.Has("last") || words.Has("past")) return WeekdayBeside(anchor, weekday, -1);
  if (words.Has("next") || words.Has("coming")) return WeekdayBeside(anchor, weekday, 1);
  const int today = IsoWeekday(anchor);
  if (words.Has("this")) return AddDays(anchor, weekday - today);
  if (weekday == today) return anchor;  // the anchor's own weekday, whatever the tense
  return WeekdayBeside(anchor, weekday, IsFutureClause(m.text, m.begin, m.end) ? 1 : -1);
}

const char* PartOfDay(const Words& words) {
  for (std::string_view w : words.list) {
    if (w.starts_with("morning")) return "MO";
    if (w.starts_with("afternoon")) return "AF";
    if (w.starts_with("evening")) return "EV";
    if (w.starts_with("night") || w == "tonight" || w == "overnight") return "NI";
  }
  return nullptr;
}

std::optional<Timex> Weekday(const Match& m, const Words& words) {
  int weekday = 0;
  bool plural = false;
  for (std::string_view w : words.list) {
    if (WeekdayIndex(w)) {
      weekday = WeekdayIndex(w);
      plural = w.ends_with('s');
    }
  }
  if (!weekday) return std::nullopt;
  const char* part = PartOfDay(words);
  // "Tuesday nights": every Tuesday night.
  if (part && words.list.back().ends_with('s')) plural = true;
  Timex timex;
  if (plural || words.Has("every") || words.Has("each")) {
    timex.type = "SET";
    timex.value = "XXXX-WXX-" + std::to_string(weekday) + (part ? std::string("T") + part : "");
    return timex;
  }
  timex.anchored = true;
  timex.frame = true;
  if (!m.anchor) {
    timex.value = "XXXX-WXX-" + std::to_string(weekday);
  } else {
    timex.value = FormatDay(ResolveWeekday(m, words, weekday));
  }
  if (part) {
    timex.value += std::string("T") + part;
    timex.type = "TIME";
  }
  return timex;
}

std::optional<Timex> OrdinalDay(const Match& m, const Words& words) {
  std::optional<int> day = DayNumber(words.list.back());
  if (!day) return std::nullopt;
  std::size_t i = m.end;
  while (i < m.text.size() && m.text[i] == ' ') ++i;
  std::size_t j = i;
  while (j < m.text.size() && std::isalpha(static_cast<unsigned char>(m.text[j]))) ++j;
  const std::string_view next = m.text.substr(i, j - i);
  // "the 11th U.S. Circuit", "the 21st century": a word right after the ordinal (no punctuation between) makes
  // it an adjective, unless that word is a connective ("from the 20th to the 22nd").
  static constexpr std::array<std::string_view, 29> kConnectives = {
      "to",   "and",  "or",    "through", "until", "at",    "when",   "in",    "after", "before",
      "of",   "that", "which", "as",      "with",  "for",   "by",     "while", "but",   "so",
      "amid", "on",   "over",  "from",    "since", "during", "local", "than",  "into"};
  if (!next.empty() && std::find(kConnectives.begin(), kConnectives.end(), next) == kConnectives.end()) {
    return std::nullopt;
  }
  if (next.empty() && j < m.text.size() && m.text[j] == '-') return std::nullopt;  // "the 21st-century"
  if (!m.anchor) return std::nullopt;
  Timex timex;
  timex.anchored = true;
  const CivilDay anchor = *m.anchor;
  const bool future = IsFutureClause(m.text, m.begin, m.end);
  CivilDay month_start{anchor.year, anchor.month, 1};
  for (int step = 0; step < 12; ++step) {  // the nearest month in that direction that has such a day
    CivilDay candidate = AddMonths(month_start, future ? step : -step);
    if (!IsValidDay(candidate.year, candidate.month, *day)) continue;
    candidate.day = *day;
    const long offset = DaysFromCivil(candidate) - DaysFromCivil(anchor);
    if ((future && offset >= 0) || (!future && offset <= 0)) {
      timex.value = FormatDay(candidate);
      return timex;
    }
  }
  return std::nullopt;
}

bool LooksLikeQuantity(const Match& m) {
  // "$1990", "1990.5", "2020 %": a number, not a year.
  if (m.begin > 0 && (m.text[m.begin - 1] == '$' || m.text[m.begin - 1] == '.' || m.text[m.begin - 1] == '#')) {
    return true;
  }
  std::string_view after = m.text.substr(m.end, std::min<std::size_t>(10, m.text.size() - m.end));
  if (after.starts_with(".") && after.size() > 1 && std::isdigit(static_cast<unsigned char>(after[1]))) return true;
  if (after.starts_with(",") && after.size() > 1 && std::isdigit(static_cast<unsigned char>(after[1]))) return true;
  if (after.starts_with("%") || after.starts_with(" percent") || after.starts_with(" per cent")) return true;
  return false;
}

std::optional<Timex> Year(const Match& m, const Words& words) {
  std::optional<int> year = FindYear(words);
  if (!year) return std::nullopt;
  // "two thousand people": read out as a year only after "the year".
  if (words.Has("thousand") && !words.Has("year")) return std::nullopt;
  // A bare number is a year only as a word on its own, not as an amount or a code ("Article 2025(b)").
  if (words.list.size() == 1 && LooksLikeQuantity(m)) return std::nullopt;
  Timex timex;
  timex.value = FormatYear(*year);
  timex.mod = EdgeMod(words);
  return timex;
}

std::optional<Timex> FiscalYear(const Match&, const Words& words) {
  std::string_view last = words.list.back();
  std::string_view digits = last.starts_with("fy") ? last.substr(2) : last;
  if (!IsDigits(digits) || (digits.size() != 2 && digits.size() != 4)) return std::nullopt;
  return Timex{"FY" + FormatYear(ExpandTwoDigitYear(ToInt(digits))), "DATE", nullptr, false};
}

// The part of a decade or century: "the early 1990s", "the late 19th century", "the end of the 1980s".
const char* PeriodMod(const Words& words) {
  if (words.Has("early")) return "START";
  if (words.Has("late")) return "END";
  if (words.Has("mid")) return "MID";
  return EdgeMod(words);
}

std::optional<Timex> Decade(const Match&, const Words& words) {
  for (std::string_view w : words.list) {
    std::string_view digits = w;
    if (digits.starts_with("'")) digits.remove_prefix(1);
    while (!digits.empty() && (digits.back() == 's' || digits.back() == '\'')) digits.remove_suffix(1);
    if (!IsDigits(digits)) continue;
    int year = ToInt(digits);
    if (digits.size() == 2) year += 1900;
    return Timex{FormatYear(year).substr(0, 3), "DATE", PeriodMod(words), false};
  }
  return std::nullopt;
}

// "the 20th century" → "19", "the twenty-first century" → "20".
std::optional<Timex> Century(const Match&, const Words& words) {
  static constexpr std::array<std::pair<std::string_view, int>, 6> kOrdinalWords = {
      {{"fifteenth", 15}, {"sixteenth", 16}, {"seventeenth", 17}, {"eighteenth", 18}, {"nineteenth", 19},
       {"twentieth", 20}}};
  int ordinal = words.Has("twenty") && words.Has("first") ? 21 : 0;
  for (std::string_view w : words.list) {
    if (std::optional<int> n = DayNumber(w)) ordinal = *n;
    for (const auto& [name, n] : kOrdinalWords) {
      if (w == name) ordinal = n;
    }
  }
  if (ordinal < 1 || ordinal > 29) return std::nullopt;
  return Timex{FormatYear((ordinal - 1) * 100).substr(0, 2), "DATE", PeriodMod(words), false};
}

std::string FormatQuarter(YearQuarter q) { return FormatYear(q.year) + "-Q" + std::to_string(q.quarter); }

std::optional<Timex> Quarter(const Match& m, const Words& words) {
  const bool half = words.Has("half");
  const bool period = words.Has("period");
  int ordinal = 0;
  static constexpr std::array<std::pair<std::string_view, int>, 8> kOrdinals = {
      {{"first", 1}, {"1st", 1}, {"second", 2}, {"2nd", 2}, {"third", 3}, {"3rd", 3}, {"fourth", 4}, {"4th", 4}}};
  for (std::string_view w : words.list) {
    for (const auto& [name, n] : kOrdinals) {
      if (w == name) ordinal = n;
    }
  }
  const bool year_earlier = words.Has("earlier") || words.Has("ago");
  const bool modified = ordinal || words.list.size() > 1;
  // "the last half of 1989": the second half.
  if (half && !ordinal && words.Has("last") && FindYear(words)) ordinal = 2;
  // Results news, once a quarter has been named: "the 1988 period", "the latest period" are the quarter reported
  // (that year).
  const bool reported_period =
      period && (FindYear(words) || words.Has("latest")) && m.state && m.state->last_quarter.has_value();
  // "a quarter of the market", "half the tariff", "the period": not dates.
  if (!modified || (half && !ordinal) || (period && !year_earlier && !reported_period)) return std::nullopt;
  if (half && ordinal > 2) return std::nullopt;
  Timex timex;
  std::optional<int> year = FindYear(words);
  // "last year's quarter", "this year's third quarter", "the fourth quarter of next year".
  const bool year_words = words.Has("year") || words.Has("year's");
  if (!year && year_words && words.Has("last")) year = m.anchor ? m.anchor->year - 1 : 0;
  if (!year && year_words && words.Has("next")) year = m.anchor ? m.anchor->year + 1 : 0;
  if (!year && words.Has("year's") && words.Has("this")) year = m.anchor ? m.anchor->year : 0;
  if (!year && !m.anchor) {
    if (!ordinal) return std::nullopt;
    timex.value = std::string("XXXX-") + (half ? "H" : "Q") + std::to_string(ordinal);
    return timex;
  }
  const YearQuarter current{m.anchor ? m.anchor->year : 0, m.anchor ? (m.anchor->month - 1) / 3 + 1 : 0};
  if (!year) timex.anchored = true;
  if (ordinal) {
    // Without a year, a quarter after the anchor's is last year's unless the clause is about the future.
    int quarter_year = year ? *year : current.year;
    if (!year && !half && ordinal > current.quarter && !IsFutureClause(m.text, m.begin, m.end)) --quarter_year;
    if (!year && half && ordinal == 2 && current.quarter <= 2 && !IsFutureClause(m.text, m.begin, m.end)) {
      --quarter_year;
    }
    if (year_earlier) --quarter_year;
    timex.value = FormatYear(quarter_year) + (half ? "-H" : "-Q") + std::to_string(ordinal);
    timex.names_quarter = !half && !year_earlier;
    // "the third-quarter loss": TimeML tags the adjective without the article.
    if (m.Span().find("-quarter") != std::string_view::npos || m.Span().find("-half") != std::string_view::npos) {
      SkipLeadingThe(words, &timex);
    }
    return timex;
  }
  if (half) return std::nullopt;
  // News about results: "the quarter", "the latest quarter" is the one last named, else the last one reported.
  YearQuarter q = ReferenceQuarter(m).value_or(ShiftQuarter(current, -1));
  if (!year_words && (words.Has("current") || words.Has("this"))) q = current;
  if (!year_words && words.Has("next")) q = ShiftQuarter(current, 1);
  if (words.Has("previous")) q = ShiftQuarter(current, -2);
  if (year_earlier) q = ShiftQuarter(q, -4);
  if (year) q.year = *year;  // "the 1988 quarter": the quarter in question, that year
  timex.value = FormatQuarter(q);
  return timex;
}

std::optional<Timex> Deictic(const Match& m, const Words& words) {
  if (!m.anchor) return std::nullopt;
  long offset = 0;
  if (words.Has("yesterday")) offset = -1;
  if (words.Has("tomorrow")) offset = 1;
  if (words.Has("before")) offset -= 1;
  if (words.Has("after")) offset += 1;
  if (words.Has("overnight")) offset = -1;
  Timex timex;
  timex.anchored = true;
  timex.frame = true;
  timex.value = FormatDay(AddDays(*m.anchor, offset));
  if (const char* part = PartOfDay(words)) {
    timex.value += std::string("T") + part;
    timex.type = "TIME";
  }
  return timex;
}

// "the year ended March 31", "the year ending tomorrow": a fiscal year, twelve months long.
bool FollowedByEnded(const Match& m) {
  const std::string_view after = m.text.substr(m.end, std::min<std::size_t>(8, m.text.size() - m.end));
  return after.starts_with(" ended ") || after.starts_with(" ending ");
}

// "the following day", "the previous day": next to the day the article last named, else to the anchor. It names
// a day of its own, so a later "the following day" counts on from it.
std::optional<Timex> AdjacentDay(const Match& m, const Words& words) {
  std::optional<CivilDay> from = m.state ? ParseIsoDay(m.state->last_day) : std::nullopt;
  if (!from) from = m.anchor;
  if (!from) return std::nullopt;
  const int shift = words.Has("previous") || words.Has("prior") ? -1 : 1;
  return Timex{FormatDay(AddDays(*from, shift)), "DATE", nullptr, true};
}

// "the fiscal year", "the full year", "next fiscal year": the anchor's year, or the one before or after; before
// "ended"/"ending" it is the twelve months themselves.
std::optional<Timex> ReportedYear(const Match& m, const Words& words) {
  if (FollowedByEnded(m)) return Timex{"P1Y", "DURATION", nullptr, false};
  if (!m.anchor) return std::nullopt;
  const bool before = words.Has("last") || words.Has("previous") || words.Has("prior");
  const bool after = words.Has("next") || words.Has("coming") || words.Has("following");
  return Timex{FormatYear(m.anchor->year + (before ? -1 : after ? 1 : 0)), "DATE", EdgeMod(words), true};
}

// "at year-end", "by year end": December 31 of the year the clause points to.
std::optional<Timex> YearEnd(const Match& m, const Words&) {
  if (!m.anchor) return Timex{"XXXX-12-31", "DATE", nullptr, false};
  return Timex{FormatDay({YearFor(m, 12, 31), 12, 31}), "DATE", nullptr, true};
}

std::optional<Timex> RelativeUnit(const Match& m, const Words& words) {
  std::string_view unit = words.list.back();
  if (unit == "day") return AdjacentDay(m, words);
  if (words.Has("fiscal") || words.Has("full") || words.Has("calendar")) return ReportedYear(m, words);
  if (words.list.size() == 2 && words.list[0] == "the" && unit == "year" && FollowedByEnded(m)) {
    return Timex{"P1Y", "DURATION", nullptr, false};
  }
  const bool the = words.Has("the");
  const bool last = words.Has("last") || words.Has("past") || words.Has("previous") || words.Has("prior");
  const bool next = words.Has("next") || words.Has("coming") || words.Has("following");
  const char* mod = EdgeMod(words);
  // "the past year", "the next month": a stretch of time ending or starting now, not a calendar unit. "The
  // previous year", "the following month" name the calendar unit before or after the anchor's.
  const bool stretch = words.Has("last") || words.Has("past") || words.Has("next") || words.Has("coming");
  if (the && stretch && !mod && unit != "morning" && unit != "afternoon" && unit != "evening" &&
      unit != "night") {
    std::optional<DurationUnit> du = UnitOf(unit);
    if (!du) return std::nullopt;
    return Timex{DurationValue(1, *du), "DURATION", nullptr, true};
  }
  // "the following year", "the previous month" in a narrative: next to the year or month last named ("On May
  // 22, 1995, he was promoted, and the following year ..."), else to the anchor's.
  const bool relative = words.Has("following") || words.Has("previous") || words.Has("prior");
  if (relative && the && m.state && (unit == "year" || unit == "month")) {
    const std::string& referent = unit == "year" ? m.state->last_year : m.state->last_month;
    if (!referent.empty()) {
      const int shift = words.Has("following") ? 1 : -1;
      Timex timex;
      timex.anchored = true;
      timex.anaphoric = true;
      timex.mod = mod;
      if (unit == "year") {
        timex.value = FormatYear(ToInt(referent) + shift);
      } else {
        const CivilDay named{ToInt(referent.substr(0, 4)), ToInt(referent.substr(5, 2)), 1};
        const CivilDay month = AddMonths(named, shift);
        timex.value = FormatMonth(month.year, month.month);
      }
      return timex;
    }
  }
  if (!m.anchor) return std::nullopt;
  const CivilDay anchor = *m.anchor;
  const int step = last ? -1 : next ? 1 : 0;
  Timex timex;
  timex.anchored = true;
  timex.mod = mod;
  if (unit == "year") {
    timex.value = FormatYear(anchor.year + step);
  } else if (unit == "month") {
    const CivilDay month = AddMonths(CivilDay{anchor.year, anchor.month, 1}, step);
    timex.value = FormatMonth(month.year, month.month);
  } else if (unit == "week") {
    timex.value = FormatWeek(IsoWeekOf(AddDays(anchor, 7L * step)));
  } else if (unit == "weekend") {
    timex.value = FormatWeek(IsoWeekOf(AddDays(anchor, 7L * step - (step == 0 && IsoWeekday(anchor) < 6 ? 7 : 0)))) +
                  "-WE";
  } else if (unit == "quarter") {
    timex.value = FormatQuarter(ShiftQuarter({anchor.year, (anchor.month - 1) / 3 + 1}, step));
  } else if (unit == "decade") {
    timex.value = FormatYear(anchor.year + 10 * step).substr(0, 3);
  } else if (unit == "century") {
    timex.value = FormatYear(anchor.year + 100 * step).substr(0, 2);
  } else if (const char* part = PartOfDay(words)) {
    // "last night" is the evening before the anchor; "this morning", "the morning" are the anchor's.
    timex.type = "TIME";
    timex.value = FormatDay(AddDays(anchor, step)) + "T" + part;
  } else {
    return std::nullopt;
  }
  return timex;
}

std::optional<Timex> Season(const Match& m, const Words& words) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kSeasons = {
      {{"spring", "SP"}, {"summer", "SU"}, {"autumn", "FA"}, {"fall", "FA"}, {"winter", "WI"}}};
  static constexpr std::array<std::pair<std::string_view, int>, 4> kStartMonths = {
      {{"SP", 3}, {"SU", 6}, {"FA", 9}, {"WI", 12}}};
  std::string_view code;
  std::string_view word;
  for (std::string_view w : words.list) {
    for (const auto& [name, c] : kSeasons) {
      if (w == name) {
        code = c;
        word = w;
      }
    }
  }
  if (code.empty()) return std::nullopt;
  std::optional<int> year = FindYear(words);
  // "prices fall", "spring into action": a bare "fall"/"spring" is not a season.
  if (words.list.size() == 1 && (word == "fall" || word == "spring")) return std::nullopt;
  Timex timex;
  timex.mod = EdgeMod(words);
  if (!year) {
    if (!m.anchor) return Timex{std::string("XXXX-") + std::string(code), "DATE", timex.mod, false};
    timex.anchored = true;
    int start = 0;
    for (const auto& [c, month] : kStartMonths) {
      if (c == code) start = month;
    }
    const CivilDay anchor = *m.anchor;
    int y = anchor.year;
    if (words.Has("last") || words.Has("past")) y = start < anchor.month ? anchor.year : anchor.year - 1;
    if (words.Has("next") || words.Has("coming")) y = start > anchor.month ? anchor.year : anchor.year + 1;
    year = y;
  }
  timex.value = FormatYear(*year) + "-" + std::string(code);
  return timex;
}

std::optional<Timex> Ago(const Match& m, const Words& words) {
  // "year-earlier", "the year-ago quarter": the same period a year before — in results news, the quarter.
  const std::string_view lower = words.lower;
  if (lower.find("year-earlier") != std::string_view::npos || lower.find("year-ago") != std::string_view::npos) {
    if (!m.anchor) return std::nullopt;
    Timex timex{FormatYear(m.anchor->year - 1), "DATE", nullptr, true};
    if (words.Has("quarter") || words.Has("period") || NearQuarterTalk(m)) {
      timex.value = FormatQuarter(ShiftQuarter(*ReferenceQuarter(m), -4));
    }
    if (!words.Has("quarter") && !words.Has("period")) SkipLeadingThe(words, &timex);  // "the year-ago results"
    return timex;
  }
  if (lower.find("-earlier") != std::string_view::npos || lower.find("-ago") != std::string_view::npos) {
    return std::nullopt;  // "the day-earlier session": too rare to resolve reliably
  }
  std::size_t at = 0;
  std::optional<double> quantity;
  while (at < words.list.size() && !quantity) {
    std::size_t probe = at;
    quantity = Quantity(words, &probe);
    if (quantity) {
      at = probe;
    } else {
      ++at;
    }
  }
  if (!quantity || at >= words.list.size()) return std::nullopt;
  std::optional<DurationUnit> unit = UnitOf(words.list[at]);
  if (!unit) return std::nullopt;
  const bool forward = words.list.back() == "later" || words.list.back() == "now";
  // "three days later": later than an event of the story, not the anchor. TimeML tags the duration and leaves
  // "later" out as a signal.
  if (words.list.back() == "later" && words.list.size() > 2) {
    Timex timex{DurationValue(*quantity, *unit), "DURATION", nullptr, false};
    const std::string_view unit_word = words.list[words.list.size() - 2];
    const std::size_t unit_end = static_cast<std::size_t>(unit_word.data() - words.lower.data()) + unit_word.size();
    timex.skip_back = words.lower.size() - unit_end;
    return timex;
  }
  // "several years ago", "a few months ago": some time in the past, no more precise.
  if (*quantity == kVague && words.list.back() == "ago") return Timex{"PAST_REF", "DATE", nullptr, true};
  if (!m.anchor || *quantity == kVague || *quantity != std::floor(*quantity)) {
    return Timex{DurationValue(*quantity, *unit), "DURATION", nullptr, false};
  }
  const int n = static_cast<int>(*quantity) * unit->multiplier * (forward ? 1 : -1);
  const CivilDay anchor = *m.anchor;
  Timex timex;
  timex.anchored = true;
  switch (unit->letter) {
    case 'Y':
      // Results news: "a year ago" next to "quarter" is the year-earlier quarter.
      if (n == -1 && (NearQuarterTalk(m) || ClauseMentions(m.text, m.begin, m.end, "quarter"))) {
        timex.value = FormatQuarter(ShiftQuarter(*ReferenceQuarter(m), -4));
      } else {
        timex.value = FormatYear(anchor.year + n);
      }
      break;
    case 'M': {
      const CivilDay month = AddMonths(CivilDay{anchor.year, anchor.month, 1}, n);
      timex.value = FormatMonth(month.year, month.month);
      break;
    }
    case 'W': timex.value = FormatWeek(IsoWeekOf(AddDays(anchor, 7L * n))); break;
    case 'D': timex.value = FormatDay(AddDays(anchor, n)); break;
    default: return Timex{DurationValue(*quantity, *unit), "DURATION", nullptr, false};
  }
  return timex;
}

std::optional<Timex> Duration(const Match& m, const Words& words) {
  std::size_t at = 0;
  std::optional<double> quantity;
  while (at < words.list.size()) {
    std::size_t probe = at;
    quantity = Quantity(words, &probe);
    if (quantity && probe < words.list.size() && UnitOf(words.list[probe])) {
      at = probe;
      break;
    }
    // "20 more years", "five trading days": the pattern admits one qualifier between the number and its unit.
    if (quantity && probe + 1 < words.list.size() && UnitOf(words.list[probe + 1])) {
      at = probe + 1;
      break;
    }
    // "two to three weeks": the first quantity names the duration; skip "to three".
    if (quantity && probe + 1 < words.list.size() && (words.list[probe] == "to" || words.list[probe] == "or")) {
      std::size_t second = probe + 1;
      if (Quantity(words, &second) && second < words.list.size() && UnitOf(words.list[second])) {
        at = second;
        break;
      }
    }
    quantity.reset();
    ++at;
  }
  if (!quantity || at >= words.list.size()) return std::nullopt;
  std::optional<DurationUnit> unit = UnitOf(words.list[at]);
  if (!unit || *quantity == 0) return std::nullopt;
  // "one day he...", "an hour": keep; "a second" is an ordinal far more often than a unit, and "a quarter",
  // "three-quarters" are fractions.
  if (words.list[at] == "second") return std::nullopt;
  if (words.list[at].starts_with("quarter")) {
    const std::size_t unit_at = static_cast<std::size_t>(words.list[at].data() - words.lower.data());
    if (words.Has("a") || words.Has("an") || (unit_at > 0 && words.lower[unit_at - 1] == '-')) return std::nullopt;
  }
  Timex timex;
  timex.type = "DURATION";
  // "a minute and a half"
  const bool and_a_half = words.list.size() >= 3 && words.list.back() == "half" && words.Has("and");
  timex.value = DurationValue(*quantity + (and_a_half ? 0.5 : 0), *unit);
  const std::string_view first = words.list[0];
  const std::size_t unit_offset = static_cast<std::size_t>(words.list[at].data() - words.lower.data());
  if (first == "the" && at == 2 && unit_offset > 0 && words.lower[unit_offset - 1] == '-') {
    SkipLeadingThe(words, &timex);  // "the 30-day review": an adjective
  }
  // "talks will last two weeks": the verb, not "the last two weeks".
  if (first == "last" && PrecededByWord(m, {"will", "would", "to", "could", "can", "may", "might", "should", "must",
                                            "not", "they", "it", "which", "that"})) {
    SkipFirstWord(words, &timex);
  }
  if (first == "about" || first == "around" || first == "roughly" || first == "approximately" || first == "some") {
    timex.mod = "APPROX";
  } else if (first == "nearly" || first == "almost" || first == "less" || first == "fewer" || first == "up") {
    timex.mod = "LESS_THAN";
  } else if (first == "more" || first == "over" || first == "at") {
    timex.mod = first == "at" ? "EQUAL_OR_MORE" : "MORE_THAN";
  }
  return timex;
}

std::optional<Timex> VagueSpan(const Match&, const Words& words) {
  std::optional<DurationUnit> unit;
  for (std::string_view w : words.list) {
    if (!unit) unit = UnitOf(w);
  }
  if (!unit) return std::nullopt;
  if (words.Has("recent") && words.Has("years")) return Timex{"PAST_REF", "DATE", nullptr, true};
  return Timex{DurationValue(kVague, *unit), "DURATION", nullptr, false};
}

std::optional<Timex> Set(const Match&, const Words& words) {
  Timex timex;
  timex.type = "SET";
  const std::string_view first = words.list[0];
  if (first == "daily" || first == "nightly") timex.value = "P1D";
  if (first == "weekly") timex.value = "P1W";
  if (first == "biweekly") timex.value = "P2W";
  if (first == "monthly") timex.value = "P1M";
  if (first == "annually" || first == "yearly") timex.value = "P1Y";
  if (first == "semiannually") timex.value = "P6M";
  if (first == "hourly") timex.value = "PT1H";
  if (!timex.value.empty()) return timex;
  std::size_t at = 1;
  if (at < words.list.size() && words.list[at] == "other") {
    ++at;
    timex.value = "P2";
  }
  std::optional<double> quantity = Quantity(words, &at);
  if (at >= words.list.size()) at = words.list.size() - 1;
  std::string_view unit_word = words.list[at];
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kSeasonal = {
      {{"morning", "XXXX-XX-XXTMO"}, {"night", "XXXX-XX-XXTNI"}, {"evening", "XXXX-XX-XXTEV"},
       {"weekend", "XXXX-WXX-WE"}, {"summer", "XXXX-SU"}, {"winter", "XXXX-WI"}, {"spring", "XXXX-SP"},
       {"fall", "XXXX-FA"}, {"autumn", "XXXX-FA"}}};
  for (const auto& [name, value] : kSeasonal) {
    if (unit_word == name) return Timex{std::string(value), "SET", nullptr, false};
  }
  std::optional<DurationUnit> unit = UnitOf(unit_word);
  if (!unit) return std::nullopt;
  const double n = quantity && *quantity != kVague ? *quantity : (timex.value == "P2" ? 2 : 1);
  timex.value = DurationValue(n, *unit);
  return timex;
}

std::optional<Timex> ClockTime(const Match& m, const Words& words) {
  int hour = -1;
  int minute = -1;
  bool pm = false;
  bool am = false;
  for (std::string_view w : words.list) {
    if (hour < 0 && !w.empty() && std::isdigit(static_cast<unsigned char>(w[0]))) {
      hour = ToInt(w);
      const std::size_t colon = w.find(':');
      if (colon != std::string_view::npos) minute = ToInt(w.substr(colon + 1));
      if (w.ends_with("pm")) pm = true;
      if (w.ends_with("am")) am = true;
    }
    if (w.starts_with("p.m") || w == "pm") pm = true;
    if (w.starts_with("a.m") || w == "am") am = true;
    if (w == "noon") hour = 12, minute = 0;
    if (w == "midnight") hour = 24, minute = 0;
  }
  if (hour < 0 || hour > 24 || minute > 59) return std::nullopt;
  if ((am || pm) && (hour < 1 || hour > 12)) return std::nullopt;
  if (pm && hour < 12) hour += 12;
  if (am && hour == 12) hour = 0;
  // The day: a weekday or month-day in the span, else the anchor.
  std::string day;
  for (std::size_t i = 0; i < words.list.size(); ++i) {
    if (WeekdayIndex(words.list[i]) && m.anchor) {
      day = FormatDay(ResolveWeekday(m, words, WeekdayIndex(words.list[i])));
    }
    if (MonthFromName(words.list[i]) && i + 1 < words.list.size() && DayNumber(words.list[i + 1])) {
      const int month = MonthFromName(words.list[i]);
      const int d = *DayNumber(words.list[i + 1]);
      day = DayOrUnknown(NearestYear(m.anchor, month, d), month, d);
    }
  }
  if (day.empty() && m.anchor) {
    long offset = words.Has("yesterday") ? -1 : words.Has("tomorrow") ? 1 : 0;
    day = FormatDay(AddDays(*m.anchor, offset));
  }
  if (day.empty()) day = "XXXX-XX-XX";
  char clock[16];
  std::snprintf(clock, sizeof clock, "T%02d:%02d", hour, minute < 0 ? 0 : minute);
  Timex timex;
  timex.type = "TIME";
  timex.anchored = true;
  timex.value = day + clock;
  if (words.list[0] == "about" || words.list[0] == "around" || words.list[0] == "approximately") timex.mod = "APPROX";
  return timex;
}

// "Now, he says, ...": a sentence opened by "Now" and a comma is a discourse marker, not a time.
bool IsDiscourseNow(const Match& m, const Words& words) {
  if (words.list.size() != 1 || words.list[0] != "now") return false;
  if (m.end >= m.text.size() || m.text[m.end] != ',') return false;
  std::size_t i = m.begin;
  while (i > 0 && (m.text[i - 1] == ' ' || m.text[i - 1] == '"' || m.text[i - 1] == '`' || m.text[i - 1] == '\'')) --i;
  return i == 0 || m.text[i - 1] == '.' || m.text[i - 1] == '\n' || m.text[i - 1] == '!' || m.text[i - 1] == '?';
}

std::optional<Timex> Vague(const Match& m, const Words& words) {
  const std::string_view first = words.list[0];
  const std::string_view last = words.list.back();
  if (IsDiscourseNow(m, words)) return std::nullopt;
  if (last == "future" || first == "soon") return Timex{"FUTURE_REF", "DATE", nullptr, true};
  if (last == "past" || words.Has("recently") || first == "recent" || first == "lately" || first == "previously" ||
      first == "formerly") {
    return Timex{"PAST_REF", "DATE", nullptr, true};
  }
  return Timex{"PRESENT_REF", "DATE", nullptr, true};
}

// Easter Sunday of `year` (Gregorian; the anonymous "Meeus/Jones/Butcher" algorithm).
CivilDay EasterSunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, mm = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * mm + 114) / 31;
  const int day = (h + l - 7 * mm + 114) % 31 + 1;
  return {year, month, day};
}

// The `nth` (1-based) `weekday` (1 = Monday) of a month.
CivilDay NthWeekday(int year, int month, int weekday, int nth) {
  const int first = IsoWeekday({year, month, 1});
  return {year, month, 1 + (weekday - first + 7) % 7 + 7 * (nth - 1)};
}

std::optional<Timex> Holiday(const Match& m, const Words& words) {
  // The holiday's day in a given year, by the rules of the US and Western Christian calendars. ("Election Day" is
  // left out: other countries' elections fall on other days.)
  std::optional<CivilDay> (*day_in)(int, const Words&) = [](int year, const Words& w) -> std::optional<CivilDay> {
    if (w.Has("christmas")) return CivilDay{year, 12, w.Has("eve") ? 24 : 25};
    if (w.Has("new")) return w.Has("eve") ? CivilDay{year, 12, 31} : CivilDay{year, 1, 1};
    if (w.Has("independence")) return CivilDay{year, 7, 4};
    if (w.Has("veterans")) return CivilDay{year, 11, 11};
    if (w.Has("thanksgiving")) return NthWeekday(year, 11, 4, 4);  // fourth Thursday of November
    if (w.Has("labor")) return NthWeekday(year, 9, 1, 1);          // first Monday of September
    if (w.Has("memorial")) {                                        // last Monday of May
      return CivilDay{year, 5, 31 - (IsoWeekday({year, 5, 31}) - 1)};
    }
    if (w.Has("easter") || w.Has("good")) {
      const CivilDay easter = EasterSunday(year);
      return AddDays(easter, w.Has("good") ? -2 : w.Has("monday") ? 1 : 0);
    }
    return std::nullopt;
  };
  if (!day_in(2000, words)) return std::nullopt;
  const bool week = words.Has("week");
  auto format = [&](CivilDay day) { return week ? FormatWeek(IsoWeekOf(day)) : FormatDay(day); };
  if (!m.anchor) {
    // Fixed-date holidays can still be written without a year.
    const bool fixed = words.Has("christmas") || words.Has("new") || words.Has("independence") || words.Has("veterans");
    if (!fixed) return std::nullopt;
    const CivilDay day = *day_in(2000, words);
    return Timex{DayOrUnknown(0, day.month, day.day), "DATE", nullptr, false};
  }
  const long anchor = DaysFromCivil(*m.anchor);
  const bool last = words.Has("last");
  const bool next = words.Has("next");
  std::optional<CivilDay> best;
  long best_distance = 0;
  for (int year = m.anchor->year - 1; year <= m.anchor->year + 1; ++year) {
    const CivilDay day = *day_in(year, words);
    const long offset = DaysFromCivil(day) - anchor;
    if ((last && offset >= 0) || (next && offset <= 0)) continue;
    // As for month-days: the nearest, a day ahead counting twice as far as one behind; "last"/"next" the nearest
    // on their side.
    const long distance = offset > 0 ? 2 * offset : -offset;
    if (!best || distance < best_distance) best = day, best_distance = distance;
  }
  return Timex{format(*best), "DATE", nullptr, true};
}

std::optional<Timex> Anaphoric(const Match& m, const Words& words) {
  if (!m.state) return std::nullopt;
  // A bare "that day" is as often a generic day ("trades made that day", "that day will come") as a date.
  if (words.Has("day") && words.list.size() == 2) return std::nullopt;
  const std::string& referent = words.Has("year") ? m.state->last_year
                                : words.Has("month") ? m.state->last_month
                                                     : m.state->last_day;
  if (referent.empty()) return std::nullopt;  // nothing named before: leave it rather than guess
  Timex timex{referent, "DATE", nullptr, true};
  timex.anaphoric = true;
  if (words.list[0] == "earlier") timex.mod = words.Has("day") ? nullptr : "START";
  if (words.list[0] == "later") timex.mod = words.Has("day") ? nullptr : "END";
  return timex;
}

std::optional<Timex> IsoDate(const Match&, const Words& words) {
  std::optional<CivilDay> day = ParseIsoDay(words.lower);
  if (!day) return std::nullopt;
  if (words.lower.size() > 10) return Timex{words.lower.substr(0, 16), "TIME", nullptr, false};
  return Timex{FormatDay(*day), "DATE", nullptr, false};
}

std::optional<Timex> CompactDate(const Match&, const Words& words) {
  const std::string& s = words.lower;
  const int year = ToInt(s.substr(0, 4));
  const int month = ToInt(s.substr(4, 2));
  const int day = ToInt(s.substr(6, 2));
  if (!IsValidDay(year, month, day)) return std::nullopt;
  return Timex{FormatDay({year, month, day}), "DATE", nullptr, false};
}

std::optional<Timex> SlashDate(const Match&, const Words& words) {
  if (words.list.size() != 3) return std::nullopt;
  const int month = ToInt(words.list[0]);
  const int day = ToInt(words.list[1]);
  const int year = ExpandTwoDigitYear(ToInt(words.list[2]));
  if (words.list[2].size() == 3 || !IsValidDay(year, month, day)) return std::nullopt;  // US order: month first
  return Timex{FormatDay({year, month, day}), "DATE", nullptr, false};
}

std::optional<Timex> WeekOf(const Match& m, const Words& words) {
  std::optional<Timex> day = MonthDay(m, words);
  if (!day) return std::nullopt;
  std::optional<CivilDay> civil = ParseIsoDay(day->value);
  if (!civil) return std::nullopt;
  return Timex{FormatWeek(IsoWeekOf(*civil)), "DATE", nullptr, day->anchored};
}

// ---------------------------------------------------------------------------------------------------------------
// Names that hold date words: newspapers ("the Daily Mail", "Korea JoongAng Daily", "USA Today"), shows ("ABC's
// This Week"), movements ("the Prague Spring"), sites ("Monday.com") and products ("Windows 2000").

// Kinds written with ordinary words, which are capitalized only at a sentence start or inside a name (months,
// weekdays and holidays are capitalized anyway).
bool IsCommonWordKind(Kind kind) {
  switch (kind) {
    case Kind::kCentury:
    case Kind::kDeictic:
    case Kind::kRelativeUnit:
    case Kind::kSeason:
    case Kind::kAgo:
    case Kind::kDuration:
    case Kind::kVagueSpan:
    case Kind::kSet:
    case Kind::kVague:
    case Kind::kAnaphoric:
    case Kind::kYearEnd: return true;
    default: return false;
  }
}

// "Daily", not "DAILY" (a wire's all-capitals text capitalizes everything) nor "daily".
bool IsCapitalizedAt(std::string_view text, std::size_t pos) {
  return pos + 1 < text.size() && std::isupper(static_cast<unsigned char>(text[pos])) &&
         std::islower(static_cast<unsigned char>(text[pos + 1]));
}

// Whether text[pos] opens a sentence or a heading: only spaces, quotes and brackets lie between it and the start
// of the text, a line break, a sentence's final punctuation, a colon or a dash.
bool StartsSentence(std::string_view text, std::size_t pos) {
  while (pos > 0) {
    const unsigned char c = static_cast<unsigned char>(text[pos - 1]);
    if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '`' || c == '(' || c == '[') {
      --pos;
      continue;
    }
    const bool dash = c == 0x93 || c == 0x94 || c == 0x9C || c == 0x9D;  // the last byte of – — “ ”
    if (dash && pos >= 3 && text.substr(pos - 3, 2) == "\xE2\x80") {
      pos -= 3;
      if (c == 0x9C || c == 0x9D) continue;  // curly quotes: look further back
      return true;
    }
    return c == '\n' || c == '\r' || c == '.' || c == '!' || c == '?' || c == ':' || c == '-';
  }
  return true;
}

// The start of the word that ends right before `pos` (one space between), or npos.
std::size_t WordBefore(std::string_view text, std::size_t pos) {
  if (pos < 2 || text[pos - 1] != ' ') return std::string_view::npos;
  std::size_t begin = pos - 1;
  while (begin > 0 && (std::isalnum(static_cast<unsigned char>(text[begin - 1])) || text[begin - 1] == '\'')) {
    --begin;
  }
  return begin == pos - 1 ? std::string_view::npos : begin;
}

bool InName(Kind kind, const Match& m, const Words& words) {
  const std::string_view text = m.text;
  // "Monday.com", "news.today": part of an address.
  if (m.end + 1 < text.size() && text[m.end] == '.' && std::islower(static_cast<unsigned char>(text[m.end + 1]))) {
    return true;
  }
  if (m.begin >= 2 && text[m.begin - 1] == '.' && std::isalnum(static_cast<unsigned char>(text[m.begin - 2]))) {
    return true;
  }
  // "Windows 2000", "Expo 2025": a bare year right after a capitalized word inside a sentence ("In 1990" opens
  // one; "Paribas's 1989 profit" is the company's year).
  if (kind == Kind::kYear && words.list.size() == 1) {
    const std::size_t before = WordBefore(text, m.begin);
    return before != std::string_view::npos && IsCapitalizedAt(text, before) && !StartsSentence(text, before) &&
           !text.substr(before, m.begin - 1 - before).ends_with("'s");
  }
  if (!IsCommonWordKind(kind)) return false;
  const std::size_t head = m.begin + static_cast<std::size_t>(words.list.back().data() - words.lower.data());
  if (IsCapitalizedAt(text, head) && !StartsSentence(text, head)) return true;
  // "Daily Mail reported": a capitalized frequency word before a capitalized word opens a title.
  return kind == Kind::kSet && IsCapitalizedAt(text, m.begin) && m.end + 1 < text.size() && text[m.end] == ' ' &&
         IsCapitalizedAt(text, m.end + 1);
}

std::optional<Timex> Normalize(Kind kind, const Match& m) {
  const Words words = SplitWords(m.Span());
  if (words.list.empty()) return std::nullopt;
  // "a year-earlier figure", "the two-thirds": a match cut inside a hyphenated word is not one.
  if (m.end + 1 < m.text.size() && m.text[m.end] == '-' &&
      std::isalnum(static_cast<unsigned char>(m.text[m.end + 1]))) {
    return std::nullopt;
  }
  if (InName(kind, m, words)) return std::nullopt;
  switch (kind) {
    case Kind::kIsoDate: return IsoDate(m, words);
    case Kind::kCompactDate: return CompactDate(m, words);
    case Kind::kSlashDate: return SlashDate(m, words);
    case Kind::kMonthDay:
    case Kind::kDayMonth: return MonthDay(m, words);
    case Kind::kMonth: return Month(m, words);
    case Kind::kWeekOf: return WeekOf(m, words);
    case Kind::kWeekday: return Weekday(m, words);
    case Kind::kOrdinalDay: return OrdinalDay(m, words);
    case Kind::kYear: return Year(m, words);
    case Kind::kFiscalYear: return FiscalYear(m, words);
    case Kind::kDecade: return Decade(m, words);
    case Kind::kCentury: return Century(m, words);
    case Kind::kQuarter: return Quarter(m, words);
    case Kind::kDeictic: return Deictic(m, words);
    case Kind::kRelativeUnit: return RelativeUnit(m, words);
    case Kind::kSeason: return Season(m, words);
    case Kind::kAgo: return Ago(m, words);
    case Kind::kDuration: return Duration(m, words);
    case Kind::kVagueSpan: return VagueSpan(m, words);
    case Kind::kSet: return Set(m, words);
    case Kind::kClockTime: return ClockTime(m, words);
    case Kind::kVague: return Vague(m, words);
    case Kind::kHoliday: return Holiday(m, words);
    case Kind::kAnaphoric: return Anaphoric(m, words);
    case Kind::kYearEnd: return YearEnd(m, words);
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------------------

class DateTagger final : public TaggerFamily {
 public:
  static StatusOr<std::unique_ptr<TaggerFamily>> Create() {
    auto tagger = std::make_unique<DateTagger>();
    RE2::Options options;
    options.set_longest_match(true);
    options.set_log_errors(false);
    options.set_max_mem(64 << 20);  // the combined DFA is large; below this RE2 falls back to a slow NFA
    tagger->which_ = std::make_unique<RE2::Set>(options, RE2::ANCHOR_BOTH);
    tagger->starting_ = std::make_unique<RE2::Set>(options, RE2::ANCHOR_START);
    std::string combined;
    for (const RuleSpec& spec : RuleSpecs()) {
      const std::string pattern = Expand(spec.pattern);
      auto rule = std::make_unique<RE2>(pattern, options);
      std::string error;
      if (!rule->ok() || tagger->which_->Add(pattern, &error) < 0 || tagger->starting_->Add(pattern, &error) < 0) {
        return Status::Internal("date rule " + spec.pattern + ": " + rule->error() + error);
      }
      tagger->kinds_.push_back(spec.kind);
      tagger->rules_.push_back(std::move(rule));
      if (!combined.empty()) combined += '|';
      combined += "(?:" + pattern + ")";
    }
    tagger->combined_ = std::make_unique<RE2>(combined, options);
    if (!tagger->combined_->ok()) return Status::Internal("date rules: " + tagger->combined_->error());
    if (!tagger->which_->Compile() || !tagger->starting_->Compile()) {
      return Status::Internal("date rules: the rule set does not compile");
    }
    return std::unique_ptr<TaggerFamily>(std::move(tagger));
  }

  void Tag(const TagContext& context, Mentions* out) const override {
    const std::string_view text = context.text;
    const std::optional<CivilDay> anchor = ParseIsoDay(context.anchor);
    std::vector<int> rules;
    ScanState state;
    std::size_t pos = 0;
    while (pos < text.size()) {
      // Only the span: asking the combined regex for its groups would make RE2 allocate a submatch bitmap
      // proportional to the whole program for every hit.
      re2::StringPiece found;
      if (!combined_->Match(text, pos, text.size(), RE2::UNANCHORED, &found, 1)) break;
      const std::size_t begin = static_cast<std::size_t>(found.data() - text.data());
      Match match{text, begin, begin + found.size(), anchor, &state};
      std::optional<Timex> timex;
      if (which_->Match(found, &rules) && !rules.empty()) {
        timex = Normalize(kinds_[*std::min_element(rules.begin(), rules.end())], match);
      }
      if (!timex) timex = BestAlternative(text, begin, anchor, &match);
      if (!timex) {
        // Not a date here: move past the current word and scan on.
        pos = begin + 1;
        while (pos < text.size() && std::isalnum(static_cast<unsigned char>(text[pos]))) ++pos;
        continue;
      }
      Remember(*timex, match.end, &state);
      pos = std::max(match.end, begin + 1);
      match.begin += timex->skip_front;
      match.end -= timex->skip_back;
      out->push_back(ToMention(match, *timex));
    }
  }

 private:
  // The longest match of any single rule at `begin` that its normalizer accepts (the combined match was rejected).
  std::optional<Timex> BestAlternative(std::string_view text, std::size_t begin, const std::optional<CivilDay>& anchor,
                                       Match* match) const {
    std::optional<Timex> best;
    // Only the rules that match at `begin` at all: one pass of the set instead of one search per rule.
    std::vector<int> starting;
    if (!starting_->Match(re2::StringPiece(text.data() + begin, text.size() - begin), &starting)) return best;
    std::sort(starting.begin(), starting.end());
    for (int rule : starting) {
      const auto i = static_cast<std::size_t>(rule);
      re2::StringPiece found;
      if (!rules_[i]->Match(text, begin, text.size(), RE2::ANCHOR_START, &found, 1)) continue;
      Match candidate{text, begin, begin + found.size(), anchor, match->state};
      if (best && candidate.end <= match->end) continue;
      if (candidate.end == begin) continue;
      std::optional<Timex> timex = Normalize(kinds_[i], candidate);
      if (!timex) continue;
      best = std::move(timex);
      *match = candidate;
    }
    return best;
  }

  static void Remember(const Timex& timex, std::size_t end, ScanState* state) {
    const std::string& v = timex.value;
    // Referents for "that year" and the like: dates named in the text, not the reporting day ("today", "Monday").
    if (std::strcmp(timex.type, "DATE") == 0 && v.size() >= 4 && IsDigits(v.substr(0, 4)) && !timex.anaphoric) {
      if (!timex.frame) state->last_year = v.substr(0, 4);
      if (v.size() >= 7 && v[4] == '-' && IsDigits(v.substr(5, 2))) {
        if (!timex.frame) state->last_month = v.substr(0, 7);
        if (v.size() == 10 && IsDigits(v.substr(8, 2))) state->last_day = v;
      }
    }
    if (timex.names_quarter && v.size() == 7 && v[5] == 'Q' && IsDigits(v.substr(0, 4))) {
      state->last_quarter = YearQuarter{ToInt(v.substr(0, 4)), v[6] - '0'};
      state->last_quarter_end = end;
    }
  }

  static Mention ToMention(const Match& match, const Timex& timex) {
    Mention mention;
    mention.type = "date";
    mention.start = match.begin;
    mention.end = match.end;
    mention.text = std::string(match.Span());
    // Assigned key by key: a braced initializer list would build and copy a temporary JSON array per pair.
    mention.value["value"] = timex.value;
    mention.value["timex_type"] = timex.type;
    if (timex.mod) mention.value["mod"] = timex.mod;
    if (timex.anchored) mention.value["anchored"] = true;
    return mention;
  }

  std::vector<Kind> kinds_;
  std::vector<std::unique_ptr<RE2>> rules_;  // rules_[i] is which_'s pattern i, alone
  std::unique_ptr<RE2> combined_;           // all rules as one alternation: the single scan over the text
  std::unique_ptr<RE2::Set> which_;         // which rules match a span exactly
  std::unique_ptr<RE2::Set> starting_;      // which rules match at the start of a text
};

}  // namespace

StatusOr<std::unique_ptr<TaggerFamily>> MakeDateTagger(const DataFiles&) { return DateTagger::Create(); }

}  // namespace tradewire
