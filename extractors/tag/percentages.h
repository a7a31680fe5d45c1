// Percentages: "25%", "80 percent", "15 per cent", "3 pct", "0.5 percentage points", "50 basis points",
// "10-15%", "from 10% to 25%", "between 10 and 15 percent", "twenty percent".
//
// value: {"number": 25} or {"low": 10, "high": 15}; "unit": "percent" | "percentage_point" | "basis_point";
// "of": the noun phrase the figure qualifies ("reciprocal tariff", "tariffs on bilateral trade in industrial and
// consumer goods", "respondents"), absent when none can be read; "country" (ISO code: the country the rate is
// imposed on, see figure_country.h) and "product" (product id) when the sentence names them. A percentage of
// anything is tagged: whether it is a tariff is for the reader of "of" to decide ("15 percent of respondents" is
// not a tariff).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "extractors/mention.h"
#include "extractors/status.h"
#include "extractors/tag/gazetteer.h"
#include "extractors/tag/start_filter.h"
#include "extractors/tag/taggers.h"

namespace tradewire {

class PercentageTagger {
 public:
  // Reads the sentence and noun-phrase vocabulary of taxonomy/language.json (absent file: no vocabulary, every
  // noun phrase runs to punctuation).
  static StatusOr<PercentageTagger> Create(const DataFiles& files);

  // Appends percentage mentions (byte offsets) to `out`. `countries` and `products` are the gazetteer hits of
  // the same text.
  void Tag(std::string_view text, const std::vector<Gazetteer::Hit>& countries,
           const std::vector<Gazetteer::Hit>& products, Mentions* out) const;
  // The same mentions, trying the pattern only where the set AddStarts filled says a figure may begin and a unit
  // follows within kMaxLeadToUnit bytes.
  void Tag(std::string_view text, const std::vector<std::size_t>& starts, const std::vector<Gazetteer::Hit>& countries,
           const std::vector<Gazetteer::Hit>& products, Mentions* out) const;
  void AddStarts(StartFilter* filter, int set) const;

  // At most this many bytes from where a figure begins to its first unit ("between twenty-five and thirty-five
  // percent" needs 43). Bounds the work per number: most numbers in a text have no unit anywhere near them.
  static constexpr std::size_t kMaxLeadToUnit = 96;

  PercentageTagger(PercentageTagger&&) noexcept;
  PercentageTagger& operator=(PercentageTagger&&) noexcept;
  ~PercentageTagger();

 private:
  struct Impl;
  explicit PercentageTagger(std::unique_ptr<const Impl> impl);
  void Tag(std::string_view text, const std::vector<std::size_t>* starts, const std::vector<Gazetteer::Hit>& countries,
           const std::vector<Gazetteer::Hit>& products, Mentions* out) const;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace tradewire
