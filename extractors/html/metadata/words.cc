#include "extractors/html/metadata/words.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <strings.h>

#include "extractors/html/page.h"
#include "extractors/text/utf8.h"

namespace tradewire::metadata {

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && strncasecmp(s.data(), prefix.data(), prefix.size()) == 0;
}

std::string Key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::string_view replacement;
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      switch (static_cast<unsigned char>(text[i + 2])) {
        case 0x98:
        case 0x99:
        case 0x9B:
          replacement = "'";
          break;
        case 0x9C:
        case 0x9D:
          replacement = "\"";
          break;
        case 0x92:
        case 0x93:
        case 0x94:
        case 0x95:
          replacement = "-";
          break;
        case 0xA6:
          replacement = "...";
          break;
        default:
          break;
      }
      if (!replacement.empty()) i += 2;
    }
    if (replacement.empty() && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    if (!replacement.empty()) {
      out.append(replacement);
    } else {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
    }
  }
  return out;
}

std::string Squeezed(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      out.push_back(c);
    }
  }
  return out;
}

bool IsCalendarWord(std::string_view word) {
  static const std::string_view kWords[] = {
      "apr",    "april",   "aug",      "august",   "dec",     "december", "feb",      "february", "fri",  "friday",
      "jan",    "january", "jul",      "july",     "jun",     "june",     "mar",      "march",    "may",  "mon",
      "monday", "nov",     "november", "oct",      "october", "sat",      "saturday", "sep",      "sept", "september",
      "sun",    "sunday",  "thu",      "thursday", "tue",     "tuesday",  "wed",      "wednesday"};
  std::string key = AsciiLower(word);
  while (!key.empty() && (key.back() == '.' || key.back() == ',')) key.pop_back();
  return std::binary_search(std::begin(kWords), std::end(kWords), key);
}

bool IsAllCaps(std::string_view text) {
  int upper = 0;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  return upper >= 6;
}

int WordCount(std::string_view text) {
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

std::vector<std::string> ContentWords(std::string_view text) {
  static const std::string_view kFunctionWords[] = {"and", "are", "but", "for",  "from", "has", "have", "how",
                                                    "its", "not", "our", "that", "the",  "this", "was", "what",
                                                    "when", "who", "why", "will", "with", "you", "your"};
  std::vector<std::string> words;
  std::string key = Key(text);
  for (std::size_t i = 0; i < key.size();) {
    auto in_word = [&](std::size_t at) {
      unsigned char c = static_cast<unsigned char>(key[at]);
      return std::isalnum(c) || c >= 0x80;
    };
    if (!in_word(i)) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < key.size() && in_word(end)) ++end;
    std::string_view word(key.data() + i, end - i);
    if (word.size() >= 3 && !std::binary_search(std::begin(kFunctionWords), std::end(kFunctionWords), word)) {
      words.emplace_back(word);
    }
    i = end;
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

int SharedWords(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> shared;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
  return static_cast<int>(shared.size());
}

}  // namespace tradewire::metadata
