// Mention: one tagged span of an article's text.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tradewire {

struct Mention {
  std::string type;  // "date", "official", "percentage", "barrier", "country", "organization", "money", "product"
  // Offsets into Article::text in Unicode code points (what JSON consumers index by), half-open.
  std::size_t start = 0;
  std::size_t end = 0;
  std::string text;      // the surface form, == text[start, end)
  nlohmann::json value;  // normalized value; its shape per type is documented in schemas/export.schema.json

  friend bool operator==(const Mention&, const Mention&) = default;
};

using Mentions = std::vector<Mention>;

}  // namespace tradewire
