// Reading the words of a date tagger match, and the tense of the clause around it. Internal to the date
// tagger (extractors/tag/dates.cc); pure functions on ASCII-lowercased words.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tradewire::date_text {

// A span split into words: at spaces, hyphens, commas and slashes; trailing periods trimmed ("Oct." → "oct").
struct Words {
  std::string lower;                   // the span, ASCII-lowercased; `list` points into it
  std::vector<std::string_view> list;

  bool Has(std::string_view word) const { return std::find(list.begin(), list.end(), word) != list.end(); }
  // Index of the first `word`, or list.size().
  std::size_t Find(std::string_view word) const {
    return static_cast<std::size_t>(std::find(list.begin(), list.end(), word) - list.begin());
  }
};
Words SplitWords(std::string_view span);

bool IsDigits(std::string_view s);
int ToInt(std::string_view digits);      // the leading digits' value
int WeekdayIndex(std::string_view word);  // "tuesdays" → 2 (1 = Monday); 0 when not a weekday
std::optional<int> DayNumber(std::string_view word);  // "22", "22nd" → 22

// The quantity written by words.list[*at…] ("two", "twenty four", "a hundred", "1.5", "several"), advancing
// *at past it. kVague stands for "several", "a few" and the like, which TIMEX3 writes X.
inline constexpr double kVague = -1;
std::optional<double> Quantity(const Words& words, std::size_t* at);

// A unit word as TIMEX3 writes durations of it: "decades" → {'Y', 10}, "hours" → {'H', 1}.
struct DurationUnit {
  char letter = 0;  // Y M W D Q, H (hour), N (minute), S (second)
  int multiplier = 1;
};
std::optional<DurationUnit> UnitOf(std::string_view word);
std::string DurationValue(double quantity, DurationUnit unit);  // (3, {'Y',1}) → "P3Y"; (2, hours) → "PT2H"

// "early", "the beginning of" → "START"; "late", "the end of" → "END"; "mid" → "MID"; else nullptr.
const char* EdgeMod(const Words& words);

// Tense of the clause holding text[begin, end). Cues next to the date decide first ("since" → past; "until", "as
// soon as", "will", "is expected", "plans to" → future; a past verb right before it → past), then a future cue
// further away with no past verb between it and the date, then a past auxiliary anywhere in the clause ("was",
// "had"). kUnknown without any: the caller takes the date nearest the anchor.
enum class Tense { kUnknown, kPast, kFuture };
Tense ClauseTense(std::string_view text, std::size_t begin, std::size_t end);
bool IsFutureClause(std::string_view text, std::size_t begin, std::size_t end);
bool IsPastClause(std::string_view text, std::size_t begin, std::size_t end);
bool ClauseMentions(std::string_view text, std::size_t begin, std::size_t end, std::string_view word);

}  // namespace tradewire::date_text
