// When two Events (from different articles) are the same real-world event, and how they merge. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "extractors/event.h"

namespace tradewire {

// An event's dates as comparable days (YYYY-MM-DD): "2025-05" spans 2025-05-01 .. 2025-05-31, "2025" the whole year
// (a "31" for every month is harmless: only order matters and no real day sorts after it).
struct DayRange {
  std::string first;
  std::string last;
};
// nullopt for an undated event, or one dated otherwise (a week, a season), which cannot be compared by day.
std::optional<DayRange> EventDays(const Event& event);

// Keys such that two events SameEvent accepts share at least one: kind and each month their dates span
// ("meeting|2025-05"; a meeting from 30 May to 2 June has two). Empty for an undated event, which never merges
// with another article's event: "the second round" without a date could be any negotiation's. The store indexes
// every key and asks SameEvent of the candidates.
std::vector<std::string> EventBlockingKeys(const Event& event);

// True only when kind, dates, place and participants agree: same kind; both dated and the date ranges overlap;
// places equal when both known; participants share someone when both known; the identifying attributes (round,
// report, year, rate, country, products) equal (products: intersect) when both known.
bool SameEvent(const Event& a, const Event& b);

// The union of both: known values win over missing ones, date ranges are united, participants, topics and
// products are united. Evidence stays per article, so the store keeps it alongside the source article, not here:
// the result carries `kept`'s evidence.
Event MergeEvents(const Event& kept, const Event& incoming);

}  // namespace tradewire
