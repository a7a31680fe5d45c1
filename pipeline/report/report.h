// The analyst's report: one self-contained HTML file (inline CSS and SVG, no script, no request to any other
// host) that opens offline from a mail attachment and prints cleanly. Newest first: what is new since a cursor
// or date, a timeline of events with their participants and every source with its evidence, barrier mentions by
// category over time, the officials named, and the rates reported.
#pragma once

#include <map>
#include <string>

#include "extractors/status.h"
#include "pipeline/store/queries.h"

namespace tradewire {

struct ReportRequest {
  std::string title = "Trade-policy news";
  DateRange dates;     // articles and events within these days
  NewSince new_since;  // what a nightly mail shows first; inactive: no such section
  std::string store_name;    // shown in the header (the store's file name)
  std::string generated_at;  // ISO 8601 UTC
  std::map<std::string, std::string> category_names;  // barrier category id → its name (schemas/taxonomy)
};

// Reads what the report shows from `store` and writes the HTML document.
StatusOr<std::string> RenderReport(Store& store, const ReportRequest& request);

// Barrier category names from the taxonomy file's text (schemas/taxonomy/barriers.json); empty on malformed text.
std::map<std::string, std::string> BarrierCategoryNames(const std::string& taxonomy_json);

}  // namespace tradewire
