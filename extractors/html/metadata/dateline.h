// Datelines: "Seoul, April 1 (Yonhap) --" at the start of a line. Internal to extractors/html/metadata
// (ParseDateline in metadata.h is the public entry).
#pragma once

#include <optional>
#include <string_view>

#include "extractors/article.h"

namespace tradewire::metadata {

// The dateline `text` starts with, its date resolved against `published` (ISO, may be empty); none when the
// text does not start with one.
std::optional<Dateline> DatelineAt(std::string_view text, std::string_view published);

}  // namespace tradewire::metadata
