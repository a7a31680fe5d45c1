#include "pipeline/report/chart.h"

#include <algorithm>
#include <cstdio>

#include "pipeline/report/html.h"

namespace tradewire {
namespace {

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

// A round step for the value axis: 1, 2 or 5 times a power of ten, giving at most about five lines.
int AxisStep(int top) {
  int step = 1;
  while (top / step > 5) {
    if (top / (step * 2) <= 5) return step * 2;
    if (top / (step * 5) <= 5) return step * 5;
    step *= 10;
  }
  return step;
}

}  // namespace

std::string PaletteColour(std::size_t n) {
  // Okabe–Ito's colour-blind safe set, then darker tones for more categories.
  static const char* kColours[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                                   "#F0C419", "#7A5195", "#3A7D44", "#8C564B", "#1F3A93", "#999999"};
  return kColours[n % (sizeof kColours / sizeof kColours[0])];
}

std::string StackedBarChartSvg(const std::vector<std::string>& buckets, const std::vector<StackedSeries>& series,
                               const std::string& caption, int width, int height) {
  const double left = 36, right = 8, top = 10, bottom = 34;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  std::vector<int> totals(buckets.size(), 0);
  for (const StackedSeries& s : series) {
    for (std::size_t b = 0; b < buckets.size() && b < s.counts.size(); ++b) totals[b] += s.counts[b];
  }
  int peak = std::max(1, totals.empty() ? 1 : *std::max_element(totals.begin(), totals.end()));
  int step = AxisStep(peak);
  int axis_top = (peak + step - 1) / step * step;
  auto y_of = [&](double v) { return top + plot_h - v / axis_top * plot_h; };

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 " +
                    std::to_string(width) + " " + std::to_string(height) + "\" width=\"" + std::to_string(width) +
                    "\" height=\"" + std::to_string(height) + "\"><title>" + HtmlEscape(caption) + "</title>";
  for (int v = 0; v <= axis_top; v += step) {
    std::string y = Number(y_of(v));
    svg += "<line x1=\"" + Number(left) + "\" x2=\"" + Number(width - right) + "\" y1=\"" + y + "\" y2=\"" + y +
           "\" class=\"grid\"/><text x=\"" + Number(left - 6) + "\" y=\"" + Number(y_of(v) + 4) +
           "\" class=\"axis\" text-anchor=\"end\">" + std::to_string(v) + "</text>";
  }
  double slot = buckets.empty() ? plot_w : plot_w / buckets.size();
  double bar = std::max(1.0, std::min(48.0, slot * 0.7));
  // Label every n-th period so that labels (about 56 px wide) do not overlap.
  std::size_t label_every = std::max<std::size_t>(1, static_cast<std::size_t>(56 / std::max(slot, 1.0)) + 1);
  for (std::size_t b = 0; b < buckets.size(); ++b) {
    double x = left + slot * b + (slot - bar) / 2;
    double stacked = 0;
    for (const StackedSeries& s : series) {
      int count = b < s.counts.size() ? s.counts[b] : 0;
      if (count == 0) continue;
      svg += "<rect x=\"" + Number(x) + "\" y=\"" + Number(y_of(stacked + count)) + "\" width=\"" + Number(bar) +
             "\" height=\"" + Number(y_of(stacked) - y_of(stacked + count)) + "\" fill=\"" + s.colour +
             "\"><title>" + HtmlEscape(s.name) + ", " + HtmlEscape(buckets[b]) + ": " + std::to_string(count) +
             "</title></rect>";
      stacked += count;
    }
    if (b % label_every == 0) {
      svg += "<text x=\"" + Number(left + slot * b + slot / 2) + "\" y=\"" + Number(height - bottom + 16) +
             "\" class=\"axis\" text-anchor=\"middle\">" + HtmlEscape(buckets[b]) + "</text>";
    }
  }
  svg += "<line x1=\"" + Number(left) + "\" x2=\"" + Number(width - right) + "\" y1=\"" + Number(y_of(0)) +
         "\" y2=\"" + Number(y_of(0)) + "\" class=\"baseline\"/></svg>";
  return svg;
}

}  // namespace tradewire
