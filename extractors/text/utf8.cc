#include "extractors/text/utf8.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace tradewire {

std::size_t CodePointCount(std::string_view s) {
  std::size_t count = 0;
  for (unsigned char c : s) count += (c & 0xC0) != 0x80;
  return count;
}

CharOffsetMap::CharOffsetMap(std::string_view s) : char_at_byte_(s.size() + 1) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      char_at_byte_[i] = chars++;
    } else {
      char_at_byte_[i] = chars == 0 ? 0 : chars - 1;
    }
  }
  char_at_byte_[s.size()] = chars;
}

std::size_t CharOffsetMap::ToChar(std::size_t byte_offset) const {
  if (byte_offset >= char_at_byte_.size()) return char_at_byte_.back();
  return char_at_byte_[byte_offset];
}

std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  int32_t length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(s.data() + start, static_cast<std::size_t>(i - start));
    }
  }
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  // Branch-free, so that the compiler can lower-case many bytes at once: taggers lower-case every clause they read.
  for (char& c : out) c = static_cast<char>(c + ((static_cast<unsigned char>(c - 'A') < 26) << 5));
  return out;
}

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  int32_t length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  bool pending_space = false;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && (u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(s.data() + start, static_cast<std::size_t>(i - start));
    }
  }
  return out;
}

}  // namespace tradewire
