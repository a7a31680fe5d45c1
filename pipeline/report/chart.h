// SVG charts for the HTML report, written as text: no script, no web font, no request to any host, so the
// report opens offline and prints as it shows.
#pragma once

#include <string>
#include <vector>

namespace tradewire {

// Counts over time, one series per category, stacked. `buckets` are the period labels in time order; each
// series has one count per bucket.
struct StackedSeries {
  std::string name;
  std::string colour;  // a CSS colour
  std::vector<int> counts;
};

// A stacked bar chart, `width` × `height` CSS pixels, with a value axis, period labels (thinned to fit) and a
// <title> per bar segment for hover text. `caption` is the chart's accessible name.
std::string StackedBarChartSvg(const std::vector<std::string>& buckets, const std::vector<StackedSeries>& series,
                               const std::string& caption, int width = 760, int height = 240);

// The n-th colour of the report's palette (distinct, print-safe, colour-blind aware); wraps around.
std::string PaletteColour(std::size_t n);

}  // namespace tradewire
