// Amounts of money: "$350 billion", "US$1.5 trillion", "USD 20 million", "350 billion dollars",
// "1.5 trillion won", "€2bn", "10 million yen".
//
// value: {"amount": 350000000000, "currency": "USD"} (ISO 4217).
#pragma once

#include <memory>
#include <string_view>

#include "extractors/mention.h"
#include "extractors/status.h"

namespace tradewire {

class MoneyTagger {
 public:
  static StatusOr<MoneyTagger> Create();
  void Tag(std::string_view text, Mentions* out) const;  // appends mentions with byte offsets

  MoneyTagger(MoneyTagger&&) noexcept;
  MoneyTagger& operator=(MoneyTagger&&) noexcept;
  ~MoneyTagger();

 private:
  struct Impl;
  explicit MoneyTagger(std::unique_ptr<const Impl> impl);
  std::unique_ptr<const Impl> impl_;
};

}  // namespace tradewire
