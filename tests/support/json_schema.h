// A validator for the subset of JSON Schema that schemas/export.schema.json uses: type (one or several),
// enum, required, properties, items, minimum and local $ref. Enough to hold the exports to their documented
// shape without a schema library (Debian has no C++ one).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tradewire::testing {

// Problems found validating `value` against `schema` (resolving "#/..." references in `root`); empty = valid.
std::vector<std::string> ValidateJson(const nlohmann::json& value, const nlohmann::json& schema,
                                      const nlohmann::json& root, const std::string& path = "$");

}  // namespace tradewire::testing
