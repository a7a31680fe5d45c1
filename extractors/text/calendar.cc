#include "extractors/text/calendar.h"

#include <initializer_list>
#include <string>
#include <utility>

namespace tradewire {

int MonthFromName(std::string_view name) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    bool same = true;
    for (std::size_t i = 0; i < 3; ++i) {
      char c = name[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      same = same && c == kMonths[m][i];
    }
    if (same) return m + 1;
  }
  return 0;
}

bool IsValidDay(int year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::optional<CivilDay> ParseIsoDay(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  int fields[3] = {0, 0, 0};
  const std::size_t begins[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f) {
    for (std::size_t i = begins[f]; i < begins[f] + lengths[f]; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
      fields[f] = fields[f] * 10 + (iso[i] - '0');
    }
  }
  if (!IsValidDay(fields[0], fields[1], fields[2])) return std::nullopt;
  return CivilDay{fields[0], fields[1], fields[2]};
}

namespace {

// Reads two digits at `text[at]` into `value` when they are at most `max`.
bool TwoDigits(std::string_view text, std::size_t at, int max, int* value) {
  if (at + 2 > text.size() || text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') {
    return false;
  }
  *value = (text[at] - '0') * 10 + (text[at + 1] - '0');
  return *value <= max;
}

// "HH:MM", then ":SS" and a fraction, then "Z" or "+HH:MM" (or "+HHMM"), each part optional after the first.
bool IsTimeOfDay(std::string_view text) {
  int value = 0;
  if (!TwoDigits(text, 0, 23, &value) || text.size() < 5 || text[2] != ':' || !TwoDigits(text, 3, 59, &value)) {
    return false;
  }
  std::size_t at = 5;
  if (at < text.size() && text[at] == ':') {
    if (!TwoDigits(text, at + 1, 60, &value)) return false;  // 60: a leap second
    at += 3;
    if (at < text.size() && text[at] == '.') {
      const std::size_t digits = ++at;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
      if (at == digits) return false;
    }
  }
  if (at == text.size()) return true;
  if (text[at] == 'Z' || text[at] == 'z') return at + 1 == text.size();
  if (text[at] != '+' && text[at] != '-') return false;
  std::string_view zone = text.substr(at + 1);
  if (!TwoDigits(zone, 0, 23, &value)) return false;
  if (zone.size() == 2) return true;
  const std::size_t minutes = zone[2] == ':' ? 3 : 2;
  return zone.size() == minutes + 2 && TwoDigits(zone, minutes, 59, &value);
}

}  // namespace

bool IsIsoDateTime(std::string_view text) {
  if (!ParseIsoDay(text)) return false;
  if (text.size() == 10) return true;
  return (text[10] == 'T' || text[10] == 't' || text[10] == ' ') && IsTimeOfDay(text.substr(11));
}

// Howard Hinnant's days_from_civil / civil_from_days.
long DaysFromCivil(CivilDay day) {
  const long y = day.year - (day.month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (day.month + (day.month > 2 ? -3 : 9)) + 2) / 5 + day.day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDay CivilFromDays(long days) {
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const long doe = days - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return CivilDay{y, m, d};
}

CivilDay AddDays(CivilDay day, long days) { return CivilFromDays(DaysFromCivil(day) + days); }

CivilDay AddMonths(CivilDay day, int months) {
  const int index = day.year * 12 + (day.month - 1) + months;  // years stay positive for news dates
  CivilDay out{index / 12, index % 12 + 1, day.day};
  if (out.day > DaysInMonth(out.year, out.month)) out.day = DaysInMonth(out.year, out.month);
  return out;
}

int IsoWeekday(CivilDay day) {
  const long days = DaysFromCivil(day);  // 1970-01-01 was a Thursday
  const long index = ((days % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(index) + 1;
}

IsoWeek IsoWeekOf(CivilDay day) {
  // The ISO week belongs to the year of its Thursday.
  const CivilDay thursday = AddDays(day, 4 - IsoWeekday(day));
  const long day_of_year = DaysFromCivil(thursday) - DaysFromCivil(CivilDay{thursday.year, 1, 1});
  return IsoWeek{thursday.year, static_cast<int>(day_of_year / 7 + 1)};
}

namespace {

// "2025-05-20", "2025-W21": zero-padded fields joined by separators. By hand rather than snprintf, which stood
// out in the date tagger's profile; a field outside 0..9999 (no date in news) still comes out right, unpadded.
std::string Fields(std::initializer_list<std::pair<std::string_view, int>> fields) {
  std::string out;
  for (const auto& [separator, value] : fields) {
    out += separator;
    const int width = out.empty() ? 4 : 2;
    if (value < 0 || value > 9999) {
      out += std::to_string(value);
      continue;
    }
    char digits[4];
    int count = 0;
    for (int rest = value; rest > 0 || count == 0; rest /= 10) digits[count++] = static_cast<char>('0' + rest % 10);
    for (int pad = count; pad < width; ++pad) out += '0';
    while (count > 0) out += digits[--count];
  }
  return out;
}

}  // namespace

std::string FormatDay(CivilDay day) { return Fields({{"", day.year}, {"-", day.month}, {"-", day.day}}); }

std::string FormatMonth(int year, int month) { return Fields({{"", year}, {"-", month}}); }

std::string FormatYear(int year) { return Fields({{"", year}}); }

std::string FormatWeek(IsoWeek week) { return Fields({{"", week.year}, {"-W", week.week}}); }

}  // namespace tradewire
