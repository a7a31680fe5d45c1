#pragma once

#include <string_view>

namespace tradewire {

// Bump whenever a change to the extractors or taggers can change what they produce for the same input; the
// store records it with every row so `tradewire reprocess` knows what is stale.
inline constexpr std::string_view kExtractorVersion = "2";

}  // namespace tradewire
