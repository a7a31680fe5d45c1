// Proleptic Gregorian calendar arithmetic shared by the date tagger, the metadata reader, the feeds and the
// command line: month names, civil days, weekdays, ISO weeks, and formatting of TIMEX3 values. Pure functions
// on plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tradewire {

// The month a name starts with, in any case ("Jan", "SEPT.", "december" → 1, 9, 12); 0 when none. The one
// month table: every reader of month names goes through it.
int MonthFromName(std::string_view name);

struct CivilDay {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
};

// "2025-05-22" (anything after the tenth character is ignored) → the day; nullopt when not a real date.
std::optional<CivilDay> ParseIsoDay(std::string_view iso);
// A real day ("2025-05-22"), optionally with a time of day and zone as RFC 3339 writes them
// ("2025-05-22T09:00", "2025-05-22T09:00:00.5+09:00", "2025-05-22 09:00Z"): what a user may give as a date.
bool IsIsoDateTime(std::string_view text);
bool IsValidDay(int year, int month, int day);
int DaysInMonth(int year, int month);

// Days since 1970-01-01 and back.
long DaysFromCivil(CivilDay day);
CivilDay CivilFromDays(long days);
CivilDay AddDays(CivilDay day, long days);
// The same day `months` later, clamped to the end of a shorter month.
CivilDay AddMonths(CivilDay day, int months);

int IsoWeekday(CivilDay day);  // 1 = Monday … 7 = Sunday
struct IsoWeek {
  int year = 0;
  int week = 0;
};
IsoWeek IsoWeekOf(CivilDay day);

// TIMEX3 spellings: "2025-05-22", "2025-05", "2025", "2025-W24".
std::string FormatDay(CivilDay day);
std::string FormatMonth(int year, int month);
std::string FormatYear(int year);
std::string FormatWeek(IsoWeek week);

}  // namespace tradewire
