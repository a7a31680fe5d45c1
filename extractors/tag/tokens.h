// The coarse tokens the percentage tagger reads sentences by: words ("country-specific", "Korea's", any run of
// letters, digits and non-ASCII characters, so "—" and "“Korea" are words too) and single ASCII punctuation
// characters.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tradewire {

struct Token {
  std::size_t begin = 0;  // byte offsets into the text
  std::size_t end = 0;
  bool is_word = false;
};

// The tokens of text[begin, end), in order.
std::vector<Token> Tokenize(std::string_view text, std::size_t begin, std::size_t end);

// The token's text with ASCII letters lower-cased.
std::string LowerToken(std::string_view text, const Token& token);

}  // namespace tradewire
