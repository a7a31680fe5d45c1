// Event: a real-world happening (a negotiation round, a report's release, a tariff action, a deadline) that
// one or more articles report. Extractors make one Event per article that reports it; the store merges Events
// from different articles when kind, dates, place and participants agree.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tradewire {

// A span of an article's text that supports the event (character offsets, as in Mention).
struct Evidence {
  std::size_t start = 0;
  std::size_t end = 0;
  std::string text;
  friend bool operator==(const Evidence&, const Evidence&) = default;
};

struct Event {
  std::string kind;        // "meeting", "report_release", "tariff_action", "deadline"
  std::string start_date;  // TIMEX3 value (usually a day), may be empty
  std::string end_date;    // equal to start_date for one-day events; may be empty
  std::string place;
  std::vector<std::string> participants;  // official ids
  nlohmann::json attributes;  // kind-specific: round ordinal, topics (barrier ids), rate, product, country …
  std::vector<Evidence> evidence;

  friend bool operator==(const Event&, const Event&) = default;
};

}  // namespace tradewire
