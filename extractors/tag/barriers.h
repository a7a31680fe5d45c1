// Barrier categories: the USTR National Trade Estimate categories plus trade remedies and rules of origin, read
// from taxonomy/barriers.json, each with its UNCTAD MAST chapter and the patterns that signal it.
//
// value: {"category": "sanitary_phytosanitary", "mast": "A" (null where no chapter fits), "measure": "beef from
// cattle over 30 months"}. A signal that names a specific measure reports it under one name however it is
// spelled; a generic signal ("sanitary and phytosanitary restrictions") reports the words it matched.
#pragma once

#include <memory>
#include <string_view>

#include "extractors/mention.h"
#include "extractors/status.h"
#include "extractors/tag/taggers.h"

namespace tradewire {

class BarrierTagger {
 public:
  // Fails with InvalidArgument naming the category and signal when a pattern does not compile.
  static StatusOr<BarrierTagger> Create(const DataFiles& files);

  // Appends barrier mentions (byte offsets). One RE2::Set pass finds which signals occur at all; only those are
  // then located, so the cost does not grow with the size of the taxonomy.
  void Tag(std::string_view text, Mentions* out) const;

  BarrierTagger(BarrierTagger&&) noexcept;
  BarrierTagger& operator=(BarrierTagger&&) noexcept;
  ~BarrierTagger();

 private:
  struct Impl;
  explicit BarrierTagger(std::unique_ptr<const Impl> impl);
  std::unique_ptr<const Impl> impl_;
};

}  // namespace tradewire
