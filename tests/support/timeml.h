// Reading TimeML (.tml) files as the plain text the taggers see, for the benchmarks that run over
// ../shared/timeml-dev.
#pragma once

#include <string>
#include <string_view>

namespace tradewire::testing {

// `xml` with every <...> tag removed and everything else kept byte for byte. Entities ("&amp;") are left as
// written: the benchmarks only need text of the right size and kind, and both read it the same way.
std::string StripTags(std::string_view xml);

// Whether `path` names a TimeML file (ends in ".tml").
bool IsTimeMLPath(std::string_view path);

}  // namespace tradewire::testing
