// Levenshtein distance between byte strings: the officials tagger's fuzzy name match and the CLI's "did you
// mean" suggestions.
#pragma once

#include <cstddef>
#include <string_view>

namespace tradewire {

// Insertions, deletions and substitutions of single bytes that turn `a` into `b`.
std::size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace tradewire
