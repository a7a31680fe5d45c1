#include "extractors/tag/text_index.h"

#include <algorithm>
#include <array>
#include <limits>

namespace tradewire {
namespace {

constexpr std::array<std::uint8_t, 256> kWordByte = [] {
  std::array<std::uint8_t, 256> table{};
  for (int c = 0; c < 256; ++c) table[c] = IsAsciiWordByte(static_cast<unsigned char>(c)) ? 1 : 0;
  return table;
}();

}  // namespace

TextIndex::TextIndex(std::string_view text) : text_(text) {
  std::size_t size = std::min<std::size_t>(text.size(), std::numeric_limits<std::uint32_t>::max());
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  // At most every other byte starts a word ("a b c"). Word starts are unpredictable, so each position is written
  // unconditionally and the count advances only at a start: no branch to mispredict.
  word_starts_ = std::make_unique_for_overwrite<std::uint32_t[]>(size / 2 + 1);
  std::uint32_t* starts = word_starts_.get();
  std::size_t count = 0;
  std::uint32_t previous_word = 0;
  for (std::size_t i = 0; i < size; ++i) {
    unsigned char c = bytes[i];
    std::uint32_t word = kWordByte[c];
    starts[count] = static_cast<std::uint32_t>(i);
    count += word & ~previous_word;
    previous_word = word;
    if (c >= 0xC0) non_ascii_starts_.push_back(static_cast<std::uint32_t>(i));
  }
  word_start_count_ = count;
}

}  // namespace tradewire
