#include "extractors/tag/tokens.h"

#include <cctype>

#include "extractors/text/utf8.h"

namespace tradewire {
namespace {

bool IsWordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80) != 0; }

}  // namespace

std::vector<Token> Tokenize(std::string_view text, std::size_t begin, std::size_t end) {
  std::vector<Token> tokens;
  tokens.reserve((end - begin) / 4 + 4);  // about as many tokens as news text has: one allocation, usually
  std::size_t i = begin;
  while (i < end) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (!IsWordByte(c)) {
      tokens.push_back({i, i + 1, false});
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < end) {
      if (IsWordByte(text[j])) {
        ++j;
      } else if ((text[j] == '-' || text[j] == '\'') && j + 1 < end && IsWordByte(text[j + 1])) {
        j += 2;  // inner hyphen or apostrophe keeps the word whole
      } else {
        break;
      }
    }
    tokens.push_back({i, j, true});
    i = j;
  }
  return tokens;
}

std::string LowerToken(std::string_view text, const Token& token) {
  return AsciiLower(text.substr(token.begin, token.end - token.begin));
}

}  // namespace tradewire
