// UTF-8 helpers shared by the extractors.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tradewire {

// Number of code points in `s` (a byte that does not start a valid sequence counts as one).
std::size_t CodePointCount(std::string_view s);

// Maps byte offsets into `s` to code-point offsets. Build once per text, then look up many offsets.
class CharOffsetMap {
 public:
  explicit CharOffsetMap(std::string_view s);
  // `byte_offset` must be <= s.size(); an offset inside a sequence maps to the code point it belongs to.
  std::size_t ToChar(std::size_t byte_offset) const;

 private:
  std::vector<std::size_t> char_at_byte_;
};

// Replaces invalid UTF-8 sequences with U+FFFD so every later stage may assume valid UTF-8.
std::string SanitizeUtf8(std::string_view s);

// Lower-cases ASCII letters only (tag names, attribute values, labels); other bytes are kept.
std::string AsciiLower(std::string_view s);

// Collapses runs of Unicode white space to one ASCII space and trims both ends.
std::string CollapseWhitespace(std::string_view s);

}  // namespace tradewire
