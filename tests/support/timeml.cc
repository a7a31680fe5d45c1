#include "tests/support/timeml.h"

namespace tradewire::testing {

std::string StripTags(std::string_view xml) {
  std::string text;
  text.reserve(xml.size());
  bool in_tag = false;
  for (char c : xml) {
    if (c == '<') in_tag = true;
    if (!in_tag) text += c;
    if (c == '>') in_tag = false;
  }
  return text;
}

bool IsTimeMLPath(std::string_view path) { return path.ends_with(".tml"); }

}  // namespace tradewire::testing
