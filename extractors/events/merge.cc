#include "extractors/events/merge.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <set>

namespace tradewire {
namespace {

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// The YYYY[-MM[-DD]] prefix of a TIMEX3 value ("2025-05-22", "2025-05-22T10:00"), or nullopt for a value of
// another shape (weeks, seasons, durations), which cannot be compared by day.
std::optional<std::string> CalendarPrefix(const std::string& value) {
  if (value.size() >= 10 && IsDigits(value.substr(0, 4)) && value[4] == '-' && IsDigits(value.substr(5, 2)) &&
      value[7] == '-' && IsDigits(value.substr(8, 2)) && (value.size() == 10 || value[10] == 'T')) {
    return value.substr(0, 10);
  }
  if (value.size() == 7 && IsDigits(value.substr(0, 4)) && value[4] == '-' && IsDigits(value.substr(5, 2))) {
    return value;
  }
  if (value.size() == 4 && IsDigits(value)) return value;
  return std::nullopt;
}

std::optional<DayRange> Days(const Event& event) {
  const std::string& start = event.start_date.empty() ? event.end_date : event.start_date;
  const std::string& end = event.end_date.empty() ? event.start_date : event.end_date;
  const std::optional<std::string> first = CalendarPrefix(start);
  const std::optional<std::string> last = CalendarPrefix(end);
  if (!first || !last) return std::nullopt;
  auto pad = [](std::string day, const char* month_day) {
    if (day.size() == 4) day += std::string("-") + month_day;
    if (day.size() == 7) day += std::string(month_day).substr(2);
    return day;
  };
  DayRange range{pad(*first, "01-01"), pad(*last, "12-31")};
  if (range.last < range.first) std::swap(range.first, range.last);
  return range;
}

bool BothHave(const Event& a, const Event& b, const char* key) {
  return a.attributes.is_object() && b.attributes.is_object() && a.attributes.contains(key) &&
         b.attributes.contains(key);
}

std::set<std::string> StringSet(const nlohmann::json& list) {
  std::set<std::string> out;
  if (!list.is_array()) return out;
  for (const nlohmann::json& item : list) {
    if (item.is_string()) out.insert(item.get<std::string>());
  }
  return out;
}

bool Intersect(const std::set<std::string>& a, const std::set<std::string>& b) {
  return std::any_of(a.begin(), a.end(), [&b](const std::string& item) { return b.contains(item); });
}

// Attributes that name which event it is, so that differing values mean different events.
bool IdentifyingAttributesAgree(const Event& a, const Event& b) {
  for (const char* key : {"round", "report", "year", "rate", "country"}) {
    if (BothHave(a, b, key) && a.attributes[key] != b.attributes[key]) return false;
  }
  if (BothHave(a, b, "products")) {
    const std::set<std::string> products_a = StringSet(a.attributes["products"]);
    const std::set<std::string> products_b = StringSet(b.attributes["products"]);
    if (!products_a.empty() && !products_b.empty() && !Intersect(products_a, products_b)) return false;
  }
  return true;
}

nlohmann::json UnitedList(const nlohmann::json& a, const nlohmann::json& b) {
  std::set<std::string> united = StringSet(a);
  united.merge(StringSet(b));
  return nlohmann::json(std::vector<std::string>(united.begin(), united.end()));
}

// Months from first to last inclusive, "YYYY-MM"; at most two years of them (longer spans are not events).
std::vector<std::string> MonthsSpanned(const DayRange& range) {
  std::vector<std::string> months;
  int year = std::stoi(range.first.substr(0, 4));
  int month = std::stoi(range.first.substr(5, 2));
  const std::string last = range.last.substr(0, 7);
  for (int i = 0; i < 24; ++i) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
    months.emplace_back(buffer);
    if (months.back() >= last) break;
    if (++month > 12) month = 1, ++year;
  }
  return months;
}

}  // namespace

std::vector<std::string> EventBlockingKeys(const Event& event) {
  const std::optional<DayRange> days = Days(event);
  if (!days) return {};
  std::vector<std::string> keys;
  for (const std::string& month : MonthsSpanned(*days)) keys.push_back(event.kind + "|" + month);
  return keys;
}

bool SameEvent(const Event& a, const Event& b) {
  if (a.kind != b.kind) return false;
  const std::optional<DayRange> days_a = Days(a);
  const std::optional<DayRange> days_b = Days(b);
  if (!days_a || !days_b) return false;
  if (days_a->last < days_b->first || days_b->last < days_a->first) return false;
  if (!a.place.empty() && !b.place.empty() && a.place != b.place) return false;
  if (!a.participants.empty() && !b.participants.empty()) {
    const std::set<std::string> people_a(a.participants.begin(), a.participants.end());
    const std::set<std::string> people_b(b.participants.begin(), b.participants.end());
    if (!Intersect(people_a, people_b)) return false;
  }
  return IdentifyingAttributesAgree(a, b);
}

Event MergeEvents(const Event& kept, const Event& incoming) {
  Event merged = kept;
  const std::optional<DayRange> days_kept = Days(kept);
  const std::optional<DayRange> days_incoming = Days(incoming);
  if (!days_kept && days_incoming) {
    merged.start_date = incoming.start_date;
    merged.end_date = incoming.end_date;
  } else if (days_kept && days_incoming) {
    // Keep the original TIMEX3 strings of whichever side reaches further.
    if (days_incoming->first < days_kept->first) merged.start_date = incoming.start_date;
    if (days_incoming->last > days_kept->last) merged.end_date = incoming.end_date;
    if (merged.start_date.empty()) merged.start_date = incoming.start_date;
    if (merged.end_date.empty()) merged.end_date = incoming.end_date;
  }
  if (merged.place.empty()) merged.place = incoming.place;
  std::set<std::string> people(kept.participants.begin(), kept.participants.end());
  people.insert(incoming.participants.begin(), incoming.participants.end());
  merged.participants.assign(people.begin(), people.end());

  if (!merged.attributes.is_object()) merged.attributes = nlohmann::json::object();
  if (incoming.attributes.is_object()) {
    for (const auto& [key, value] : incoming.attributes.items()) {
      if (!merged.attributes.contains(key) || merged.attributes[key].is_null()) {
        merged.attributes[key] = value;
      } else if (value.is_array() && merged.attributes[key].is_array()) {
        merged.attributes[key] = UnitedList(merged.attributes[key], value);  // topics, products
      }
    }
  }
  return merged;
}

std::optional<DayRange> EventDays(const Event& event) { return Days(event); }

}  // namespace tradewire
