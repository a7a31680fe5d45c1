// Reading the numbers that percentages and amounts of money are written with.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace tradewire {

// "25", "1,000", "2.5", ".5", and English number words up to one hundred ("twenty", "twenty-five",
// "thirty five", "a hundred"), case-insensitive. nullopt for anything else.
std::optional<double> ParseNumber(std::string_view text);

// The RE2 source of what ParseNumber reads (no capturing groups), for embedding into larger patterns.
std::string NumberPattern();
// Its alternatives written with digits only: a pattern built with it instead is a tenth of the size, which makes
// reading the groups of a match that has no number words much cheaper.
std::string DigitsPattern();

// What a number NumberPattern matches may begin with at a word start: a digit, a number word, "a hundred" (the
// other way it begins, "." before digits, is not at a word start). For a StartFilter.
std::vector<std::string> NumberStarts();

// 350000000000 rather than 3.5e11 in JSON: whole numbers as integers, others as doubles.
nlohmann::json NumberToJson(double value);

}  // namespace tradewire
