// Amounts of money: "$350 billion", "US$1.5 trillion", "USD 20 million", "350 billion dollars",
// "1.5 trillion won", "€2bn", "10 million yen".
//
// value: {"amount": 350000000000, "currency": "USD"} (ISO 4217).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "extractors/mention.h"
#include "extractors/status.h"
#include "extractors/tag/start_filter.h"

namespace tradewire {

class MoneyTagger {
 public:
  static StatusOr<MoneyTagger> Create();
  void Tag(std::string_view text, Mentions* out) const;  // appends mentions with byte offsets
  // The same mentions, trying the pattern only where an amount may begin: the set AddStarts filled (digits and
  // currency codes at word starts) and the currency symbols.
  void Tag(const TextIndex& index, const std::vector<std::size_t>& starts, Mentions* out) const;
  void AddStarts(StartFilter* filter, int set) const;

  MoneyTagger(MoneyTagger&&) noexcept;
  MoneyTagger& operator=(MoneyTagger&&) noexcept;
  ~MoneyTagger();

 private:
  struct Impl;
  explicit MoneyTagger(std::unique_ptr<const Impl> impl);
  void Tag(std::string_view text, const std::vector<std::size_t>* starts, Mentions* out) const;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace tradewire
