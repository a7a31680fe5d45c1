// Sentence boundaries (ICU's rule-based sentence break iterator), corrected for the abbreviations that trade
// news is full of: ICU breaks after "U.S." in "the U.S. Trade Representative".
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/status.h"

namespace tradewire {

class SentenceSplitter {
 public:
  // `abbreviations`: tokens after which a break is never taken ("U.S.", "Dr.", "Sen.").
  static StatusOr<SentenceSplitter> Create(std::vector<std::string> abbreviations);

  // Byte offsets where sentences start, beginning with 0; paragraph breaks ("\n") always end a sentence.
  // Safe to call from several threads at once.
  std::vector<std::size_t> SentenceStarts(std::string_view text) const;

  SentenceSplitter(SentenceSplitter&&) noexcept;
  SentenceSplitter& operator=(SentenceSplitter&&) noexcept;
  ~SentenceSplitter();

 private:
  struct Impl;
  explicit SentenceSplitter(std::unique_ptr<const Impl> impl);
  std::unique_ptr<const Impl> impl_;
};

// The [begin, end) of the sentence holding byte `offset`, given SentenceStarts() of the text.
struct SentenceSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};
SentenceSpan SentenceAt(const std::vector<std::size_t>& starts, std::size_t text_size, std::size_t offset);

}  // namespace tradewire
