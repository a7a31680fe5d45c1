// Reading the numbers that percentages and amounts of money are written with.
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace tradewire {

// "25", "1,000", "2.5", ".5", and English number words up to one hundred ("twenty", "twenty-five",
// "thirty five", "a hundred"), case-insensitive. nullopt for anything else.
std::optional<double> ParseNumber(std::string_view text);

// The RE2 source of what ParseNumber reads (no capturing groups), for embedding into larger patterns.
const char* NumberPattern();

// 350000000000 rather than 3.5e11 in JSON: whole numbers as integers, others as doubles.
nlohmann::json NumberToJson(double value);

}  // namespace tradewire
