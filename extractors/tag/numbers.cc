#include "extractors/tag/numbers.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include "extractors/text/utf8.h"

namespace tradewire {
namespace {

constexpr std::array<std::string_view, 20> kUnits = {
    "zero",    "one",     "two",       "three",    "four",     "five",    "six",
    "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
constexpr std::array<std::string_view, 8> kTens = {"twenty", "thirty", "forty", "fifty",
                                                   "sixty",  "seventy", "eighty", "ninety"};

std::optional<int> WordValue(std::string_view word) {
  for (std::size_t i = 0; i < kUnits.size(); ++i) {
    if (word == kUnits[i]) return static_cast<int>(i);
  }
  for (std::size_t i = 0; i < kTens.size(); ++i) {
    if (word == kTens[i]) return static_cast<int>(20 + 10 * i);
  }
  return std::nullopt;
}

std::optional<double> ParseDigits(std::string_view text) {
  std::string plain;
  for (char c : text) {
    if (c == ',') continue;
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return std::nullopt;
    plain += c;
  }
  if (plain.empty() || plain == ".") return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(plain.c_str(), &end);
  if (end != plain.c_str() + plain.size()) return std::nullopt;
  return value;
}

std::optional<double> ParseWords(std::string_view text) {
  std::string lower = AsciiLower(text);
  if (lower == "a hundred" || lower == "one hundred" || lower == "hundred") return 100;
  std::size_t split = lower.find_first_of(" -");
  if (split == std::string::npos) {
    std::optional<int> value = WordValue(lower);
    return value ? std::optional<double>(*value) : std::nullopt;
  }
  std::optional<int> tens = WordValue(std::string_view(lower).substr(0, split));
  std::optional<int> units = WordValue(std::string_view(lower).substr(split + 1));
  if (!tens || !units || *tens < 20 || *tens % 10 != 0 || *units < 1 || *units > 9) return std::nullopt;
  return *tens + *units;
}

}  // namespace

std::string DigitsPattern() { return "(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)"; }

std::string NumberPattern() {
  // A number written in words is a whole word ("twentypercent" is not a figure); digits may touch what follows.
  return "(?:" + DigitsPattern() +
         "|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|"
         "eight|nine))?|(?:a |one )?hundred|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
         "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\\b)";
}

std::vector<std::string> NumberStarts() {
  std::vector<std::string> starts{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a hundred", "hundred"};
  starts.insert(starts.end(), kUnits.begin(), kUnits.end());
  starts.insert(starts.end(), kTens.begin(), kTens.end());
  return starts;
}

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '.') return ParseDigits(text);
  return ParseWords(text);
}

nlohmann::json NumberToJson(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9e15) {
    return static_cast<long long>(value);
  }
  return value;
}

}  // namespace tradewire
