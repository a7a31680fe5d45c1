#include "extractors/tag/date_text.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "extractors/text/utf8.h"
#include "extractors/text/calendar.h"

namespace tradewire::date_text {

// ---------------------------------------------------------------------------------------------------------------
// Reading the words of a matched span.


namespace {

// Where SplitWords splits: ASCII white space, hyphens, commas and slashes. A table: it is asked of every byte of
// every clause whose tense is read.
constexpr std::array<bool, 256> kWordSeparator = [] {
  std::array<bool, 256> separators{};
  for (unsigned char c : {' ', '\n', '\t', '\r', '\f', '\v', '-', ',', '/'}) separators[c] = true;
  return separators;
}();

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Whether `w` is one of the literals. Their lengths being known at compile time, each comparison is a length check
// and a few inlined loads instead of a call to memcmp: the tense of a clause compares every word of it with dozens.
template <std::size_t... N>
bool IsAnyOf(std::string_view w, const char (&... literals)[N]) {
  return ((w.size() == N - 1 && std::memcmp(w.data(), literals, N - 1) == 0) || ...);
}

}  // namespace

Words SplitWords(std::string_view span) {
  Words words;
  words.lower = AsciiLower(span);
  words.list.reserve(span.size() / 5 + 4);  // about as many words as news text has: one allocation, usually
  const std::string_view lower = words.lower;
  std::size_t i = 0;
  while (i < lower.size()) {
    while (i < lower.size() && kWordSeparator[static_cast<unsigned char>(lower[i])]) ++i;
    std::size_t j = i;
    while (j < lower.size() && !kWordSeparator[static_cast<unsigned char>(lower[j])]) ++j;
    // The fraction "1/2" ("2 1/2 years") is one word.
    if (j == i + 1 && lower[i] == '1' && lower.substr(j, 2) == "/2" &&
        (j + 2 == lower.size() || (!IsDigit(lower[j + 2]) && lower[j + 2] != '/'))) {
      j += 2;
    }
    std::string_view word = lower.substr(i, j - i);
    // Trailing periods trimmed: "Oct." → "oct".
    while (!word.empty() && word.back() == '.' && word != "a.m." && word != "p.m.") word.remove_suffix(1);
    if (!word.empty()) words.list.push_back(word);
    i = j;
  }
  return words;
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int ToInt(std::string_view digits) {
  int n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') break;
    n = n * 10 + (c - '0');
  }
  return n;
}

int WeekdayIndex(std::string_view word) {  // 1 = Monday
  static constexpr std::array<std::string_view, 7> kNames = {"monday", "tuesday", "wednesday", "thursday",
                                                             "friday", "saturday", "sunday"};
  for (std::size_t d = 0; d < kNames.size(); ++d) {
    if (word.substr(0, kNames[d].size()) == kNames[d]) return static_cast<int>(d) + 1;
  }
  return 0;
}

// A day number written "22", "22nd".
std::optional<int> DayNumber(std::string_view word) {
  std::size_t digits = 0;
  while (digits < word.size() && std::isdigit(static_cast<unsigned char>(word[digits]))) ++digits;
  if (digits == 0 || digits > 2) return std::nullopt;
  std::string_view suffix = word.substr(digits);
  if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return std::nullopt;
  const int day = ToInt(word.substr(0, digits));
  if (day < 1 || day > 31) return std::nullopt;
  return day;
}

// The quantity written by words[*at…] ("two", "twenty four", "a hundred", "1.5", "several"), advancing *at.
// kVague stands for "several", "a few" and the like (TIMEX3 writes them X).
std::optional<double> Quantity(const Words& words, std::size_t* at) {
  static constexpr std::array<std::string_view, 20> kSmall = {
      "zero",    "one",     "two",       "three",    "four",     "five",    "six",
      "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
      "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  static constexpr std::array<std::string_view, 8> kTens = {"twenty", "thirty",  "forty",  "fifty",
                                                            "sixty",  "seventy", "eighty", "ninety"};
  std::size_t i = *at;
  if (i >= words.list.size()) return std::nullopt;
  std::string_view w = words.list[i];
  double value = -2;
  if (!w.empty() && std::isdigit(static_cast<unsigned char>(w[0]))) {
    std::string copy(w);
    char* end = nullptr;
    value = std::strtod(copy.c_str(), &end);
    if (end == copy.c_str()) return std::nullopt;
    ++i;
    if (i < words.list.size() && words.list[i] == "1/2") {  // "2 1/2"
      value += 0.5;
      ++i;
    }
  } else if (w == "a" || w == "an") {
    value = 1;
    ++i;
    if (i < words.list.size() && words.list[i] == "few") {
      value = kVague;
      ++i;
    } else if (i < words.list.size() && words.list[i] == "couple") {  // TimeML reads "a couple of years" as two
      value = 2;
      ++i;
    } else if (i < words.list.size() && words.list[i] == "dozen") {
      value = 12;
      ++i;
    }
  } else if (w == "couple") {
    value = 2;
    ++i;
  } else if (w == "few" || w == "several" || w == "many" || w == "dozens") {
    value = kVague;
    ++i;
  } else {
    for (std::size_t n = 0; n < kSmall.size(); ++n) {
      if (w == kSmall[n]) value = static_cast<double>(n);
    }
    for (std::size_t n = 0; n < kTens.size(); ++n) {
      if (w == kTens[n]) value = 20.0 + 10.0 * static_cast<double>(n);
    }
    if (value < -1) return std::nullopt;
    ++i;
    if (value >= 20 && i < words.list.size()) {
      for (std::size_t n = 1; n < 10; ++n) {
        if (words.list[i] == kSmall[n]) {
          value += static_cast<double>(n);
          ++i;
          break;
        }
      }
    }
  }
  if (i < words.list.size() && words.list[i] == "hundred") {
    value = value > 0 ? value * 100 : 100;
    ++i;
  }
  if (i < words.list.size() && words.list[i] == "of") ++i;  // "a couple of", "dozens of"
  *at = i;
  return value;
}

std::optional<DurationUnit> UnitOf(std::string_view word) {
  if (word.starts_with("year")) return DurationUnit{'Y', 1};
  if (word.starts_with("month")) return DurationUnit{'M', 1};
  if (word.starts_with("weekend")) return DurationUnit{'D', 2};
  if (word.starts_with("week")) return DurationUnit{'W', 1};
  if (word.starts_with("day") || word.starts_with("night")) return DurationUnit{'D', 1};
  if (word.starts_with("hour")) return DurationUnit{'H', 1};
  if (word.starts_with("minute")) return DurationUnit{'N', 1};
  if (word.starts_with("second")) return DurationUnit{'S', 1};
  if (word.starts_with("decade")) return DurationUnit{'Y', 10};
  if (word.starts_with("centur")) return DurationUnit{'Y', 100};
  if (word.starts_with("quarter")) return DurationUnit{'Q', 1};
  return std::nullopt;
}

namespace {

std::string FormatQuantity(double quantity) {
  if (quantity == kVague) return "X";
  char buffer[32];
  if (quantity == std::floor(quantity)) {
    std::snprintf(buffer, sizeof buffer, "%.0f", quantity);
  } else {
    std::snprintf(buffer, sizeof buffer, "%g", quantity);
  }
  return buffer;
}

}  // namespace

std::string DurationValue(double quantity, DurationUnit unit) {
  const double scaled = quantity == kVague ? kVague : quantity * unit.multiplier;
  // A fraction goes to the next smaller unit when it comes out whole there: 2.5 years → P2Y6M, 5.5 hours → PT5H30M.
  if (scaled != kVague && scaled > 0 && scaled != std::floor(scaled)) {
    struct Smaller {
      char letter;
      char smaller;
      int factor;
    };
    static constexpr std::array<Smaller, 4> kSmaller = {
        {{'Y', 'M', 12}, {'D', 'H', 24}, {'H', 'N', 60}, {'N', 'S', 60}}};
    for (const Smaller& s : kSmaller) {
      const double part = (scaled - std::floor(scaled)) * s.factor;
      if (s.letter != unit.letter || part != std::floor(part)) continue;
      const DurationUnit whole_unit{unit.letter, 1};
      const DurationUnit part_unit{s.smaller, 1};
      std::string whole = std::floor(scaled) > 0 ? DurationValue(std::floor(scaled), whole_unit) : std::string("P");
      std::string rest = DurationValue(part, part_unit);
      // Join "P2Y" + "P6M", "PT5H" + "PT30M", "P2D" + "PT12H" (time parts after one T).
      rest.erase(0, 1);
      if (rest[0] == 'T' && whole.find('T') != std::string::npos) rest.erase(0, 1);
      return whole + rest;
    }
  }
  const std::string amount = FormatQuantity(scaled);
  switch (unit.letter) {
    case 'H': return "PT" + amount + "H";
    case 'N': return "PT" + amount + "M";
    case 'S': return "PT" + amount + "S";
    default: return "P" + amount + std::string(1, unit.letter);
  }
}

// "early", "the beginning of" → START; "late", "the end of" → END; "mid" → MID.
const char* EdgeMod(const Words& words) {
  if (words.list.empty()) return nullptr;
  std::string_view first = words.list[0];
  std::string_view second = words.list.size() > 1 ? words.list[1] : std::string_view();
  if (first == "early" || first == "earlier") return "START";
  if (first == "late" || first == "later") return "END";
  if (first == "mid") return "MID";
  if (first == "the" && (second == "beginning" || second == "start")) return "START";
  if (first == "the" && (second == "end" || second == "close")) return "END";
  if (first == "the" && second == "middle") return "MID";
  return nullptr;
}

// ---------------------------------------------------------------------------------------------------------------
// The clause around a match, for tense: is it about the future?

namespace {

std::string_view ClauseAround(std::string_view text, std::size_t begin, std::size_t end) {
  constexpr std::size_t kReach = 160;
  std::size_t from = begin > kReach ? begin - kReach : 0;
  for (std::size_t i = begin; i > from; --i) {
    const char c = text[i - 1];
    if (c == '\n' || c == '!' || c == '?' || c == ';') {
      from = i;
      break;
    }
    // A period followed by a space and a capital letter ends a sentence unless it ends an abbreviation (one to
    // four letters, capitalized: "Oct.", "U.S.", "Mr.").
    if (c == '.' && i < begin && text[i] == ' ' && i + 1 < text.size() &&
        std::isupper(static_cast<unsigned char>(text[i + 1]))) {
      std::size_t word = i - 1;
      while (word > 0 && std::isalpha(static_cast<unsigned char>(text[word - 1]))) --word;
      const std::size_t letters = i - 1 - word;
      if (letters > 4 || (letters > 0 && std::islower(static_cast<unsigned char>(text[word])))) {
        from = i;
        break;
      }
    }
  }
  std::size_t to = std::min(text.size(), end + kReach);
  for (std::size_t i = end; i < to; ++i) {
    const char c = text[i];
    if (c == '\n' || c == '!' || c == '?' || c == ';' ||
        (c == '.' && (i + 1 == text.size() || text[i + 1] == ' ') && i > 0 &&
         std::islower(static_cast<unsigned char>(text[i - 1])))) {
      to = i;
      break;
    }
  }
  return text.substr(from, to - from);
}

}  // namespace

namespace {

bool IsPastVerb(std::string_view w) {
  if (w.size() > 4 && w.ends_with("ed")) {
    // Words in -ed that are not past verbs, or are mostly adjectives before a date ("the proposed deal").
    return !IsAnyOf(w, "expected", "scheduled", "planned", "hundred", "indeed", "proceed", "exceed", "succeed",
                    "united", "limited", "proposed", "based", "related");
  }
  return IsAnyOf(w, "said", "told", "read", "met", "made", "gave", "took", "began", "held", "came", "went", "saw",
                 "found", "left", "won", "lost", "sent", "was", "were", "had", "did", "fell", "rose", "struck");
}

bool IsFunctionWord(std::string_view w) {
  return IsAnyOf(w, "the", "a", "an", "in", "on", "at", "by", "for", "from", "to", "with", "into", "over", "since",
                 "until", "after", "before", "during", "about", "as", "its", "his", "her", "their", "our", "it", "them",
                 "him", "that", "this", "last", "up", "down", "out", "off", "back", "and", "early", "late", "earlier");
}

// A past verb at words[i]: not a participle after a form of "be" ("will be named", "is expected to be held"),
// nor an -ed adjective before a noun ("the reduced dividend", "a still unspecified date").
bool IsPastVerbAt(const Words& words, std::size_t i) {
  const std::string_view w = words.list[i];
  if (!IsPastVerb(w)) return false;
  if (i > 0) {
    const std::string_view before = words.list[i - 1];
    if (IsAnyOf(before, "be", "been", "being")) return false;
  }
  if (w.ends_with("ed") && i + 1 < words.list.size() && !IsFunctionWord(words.list[i + 1])) return false;
  return true;
}

}  // namespace

namespace {

bool IsFutureMarker(const Words& words, std::size_t i) {
  const std::string_view w = words.list[i];
  const std::string_view next = i + 1 < words.list.size() ? words.list[i + 1] : std::string_view();
  const std::string_view previous = i > 0 ? words.list[i - 1] : std::string_view();
  const bool be_before = IsAnyOf(previous, "is", "are", "be", "been");
  // "had been scheduled to expire Friday", "had been due": a plan the past perfect looks back on.
  const bool past_perfect =
      IsAnyOf(previous, "had") || (IsAnyOf(previous, "been") && i >= 2 && IsAnyOf(words.list[i - 2], "had"));
  if (past_perfect) return false;
  if (IsAnyOf(w, "will", "won't", "shall", "upcoming", "scheduled", "expected", "due") || w.ends_with("'ll")) {
    return true;
  }
  if (IsAnyOf(w, "next")) return !IsAnyOf(next, "to");  // "next to the embassy" is a place
  // Plans: "plans to meet", "planning a rally", "is planned for"; not "vacation plans", "a hastily planned trip".
  if (IsAnyOf(w, "plans", "plan")) return IsAnyOf(next, "to");
  if (IsAnyOf(w, "planning", "planned")) {
    return IsAnyOf(next, "to", "a", "an", "for") || (IsAnyOf(w, "planned") && be_before);
  }
  // "set to resume", "is to resume", "going to".
  if (IsAnyOf(w, "set", "going")) return IsAnyOf(next, "to");
  if (IsAnyOf(w, "to")) return IsAnyOf(previous, "is", "are");
  return false;
}

}  // namespace

namespace {

// The words within `reach` bytes before `begin`, not across a comma or sentence end.
Words WordsBefore(std::string_view text, std::size_t begin, std::size_t reach) {
  std::size_t from = begin > reach ? begin - reach : 0;
  for (std::size_t i = begin; i > from; --i) {
    const char c = text[i - 1];
    if (c == ',' || c == ';' || c == '\n' || c == '"' || c == '(' || (c == '.' && i < begin && text[i] == ' ')) {
      from = i;
      break;
    }
  }
  return SplitWords(text.substr(from, begin - from));
}

}  // namespace

Tense ClauseTense(std::string_view text, std::size_t begin, std::size_t end) {
  const Words before = WordsBefore(text, begin, 40);
  const Words after = SplitWords(text.substr(end, std::min<std::size_t>(16, text.size() - end)));
  const std::size_t n = before.list.size();
  // "since March": the date lies behind the anchor whatever the verb; "until Tuesday", "as soon as Tuesday",
  // "as early as Tuesday" lie ahead of it.
  if (n > 0 && IsAnyOf(before.list[n - 1], "since")) return Tense::kPast;
  if (n > 0 && IsAnyOf(before.list[n - 1], "until", "till")) {
    // "Until Thursday, they had not called him a suspect": a past perfect after it looks back.
    const Words following = SplitWords(text.substr(end, std::min<std::size_t>(40, text.size() - end)));
    return following.Has("had") ? Tense::kPast : Tense::kFuture;
  }
  if (n > 2 && IsAnyOf(before.list[n - 1], "as") && IsAnyOf(before.list[n - 2], "soon", "early") &&
      IsAnyOf(before.list[n - 3], "as")) {
    return Tense::kFuture;
  }
  for (std::size_t i = n > 6 ? n - 6 : 0; i < n; ++i) {
    if (IsFutureMarker(before, i)) return Tense::kFuture;  // "will be held Friday": the participle is not past
  }
  // A past verb next to the date ("announced Wednesday", "began in February") dates a past event.
  for (std::size_t i = n > 3 ? n - 3 : 0; i < n; ++i) {
    if (IsPastVerbAt(before, i)) return Tense::kPast;
  }
  if (!after.list.empty() && IsPastVerb(after.list.front())) return Tense::kPast;
  // Further away, a future marker counts only when no past verb stands between it and the date: the main verb of
  // a report ("announced an agreement to acquire the bank in January") often governs another time.
  const std::string_view clause_text = ClauseAround(text, begin, end);
  const std::size_t clause_begin = static_cast<std::size_t>(clause_text.data() - text.data());
  const std::size_t clause_end = clause_begin + clause_text.size();
  const Words leading = SplitWords(text.substr(clause_begin, begin - clause_begin));
  bool blocked = false;
  for (std::size_t i = leading.list.size(); i > 0 && !blocked; --i) {
    if (IsPastVerbAt(leading, i - 1)) {
      blocked = true;
    } else if (IsFutureMarker(leading, i - 1)) {
      return Tense::kFuture;
    }
  }
  const Words rest = SplitWords(text.substr(end, clause_end > end ? clause_end - end : 0));
  for (std::size_t i = 0; i < rest.list.size() && !blocked; ++i) {
    if (IsPastVerbAt(rest, i)) {
      blocked = true;
    } else if (IsFutureMarker(rest, i)) {
      return Tense::kFuture;
    }
  }
  // Past auxiliaries anywhere in the clause ("was", "had", "ended") make it past.
  for (const Words* words : {&leading, &rest}) {
    for (std::string_view w : words->list) {
      if (IsAnyOf(w, "was", "were", "had", "did", "ended", "ago", "rose", "fell")) return Tense::kPast;
    }
  }
  return Tense::kUnknown;
}

bool IsFutureClause(std::string_view text, std::size_t begin, std::size_t end) {
  return ClauseTense(text, begin, end) == Tense::kFuture;
}

bool IsPastClause(std::string_view text, std::size_t begin, std::size_t end) {
  return ClauseTense(text, begin, end) == Tense::kPast;
}

bool ClauseMentions(std::string_view text, std::size_t begin, std::size_t end, std::string_view word) {
  return SplitWords(ClauseAround(text, begin, end)).Has(word);
}

}  // namespace tradewire::date_text
