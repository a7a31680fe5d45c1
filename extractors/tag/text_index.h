// TextIndex: the places in a text where a match of a word-initial pattern can begin, found in one pass and shared
// by every matcher of the entity family, so that each of them looks at a few word starts instead of scanning every
// byte with its own automaton.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace tradewire {

// Whether `c` is a word character for RE2's \b: ASCII letters, digits and '_' only.
constexpr bool IsAsciiWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

class TextIndex {
 public:
  // Offsets are 32-bit: an article body is far below 4 GiB; a longer text is indexed up to that length only
  // (its matchers then see no word start beyond it).
  explicit TextIndex(std::string_view text);

  std::string_view text() const { return text_; }
  // Byte offsets, ascending, where an ASCII word character follows a non-word character or the start (\b).
  std::span<const std::uint32_t> word_starts() const { return {word_starts_.get(), word_start_count_}; }
  // Byte offsets, ascending, of the first byte of every non-ASCII character.
  const std::vector<std::uint32_t>& non_ascii_starts() const { return non_ascii_starts_; }

 private:
  std::string_view text_;
  std::unique_ptr<std::uint32_t[]> word_starts_;  // sized for the worst case, filled without a branch per byte
  std::size_t word_start_count_ = 0;
  std::vector<std::uint32_t> non_ascii_starts_;
};

}  // namespace tradewire
