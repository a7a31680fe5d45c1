#include "tests/support/json_schema.h"

#include <algorithm>

namespace tradewire::testing {
namespace {

bool HasType(const nlohmann::json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  return false;
}

}  // namespace

std::vector<std::string> ValidateJson(const nlohmann::json& value, const nlohmann::json& schema,
                                      const nlohmann::json& root, const std::string& path) {
  std::vector<std::string> problems;
  if (schema.contains("$ref")) {
    std::string ref = schema["$ref"];
    nlohmann::json::json_pointer pointer(ref.substr(1));  // "#/$defs/x" → "/$defs/x"
    return ValidateJson(value, root.at(pointer), root, path);
  }
  if (schema.contains("type")) {
    std::vector<std::string> types = schema["type"].is_array() ? schema["type"].get<std::vector<std::string>>()
                                                               : std::vector<std::string>{schema["type"]};
    if (std::none_of(types.begin(), types.end(), [&](const std::string& t) { return HasType(value, t); })) {
      problems.push_back(path + ": expected " + schema["type"].dump() + ", got " + value.dump().substr(0, 80));
      return problems;
    }
  }
  if (schema.contains("enum") &&
      std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
    problems.push_back(path + ": " + value.dump() + " is not one of " + schema["enum"].dump());
  }
  if (schema.contains("minimum") && value.is_number() && value.get<double>() < schema["minimum"].get<double>()) {
    problems.push_back(path + ": below the minimum " + schema["minimum"].dump());
  }
  if (value.is_object()) {
    for (const auto& key : schema.value("required", nlohmann::json::array())) {
      if (!value.contains(key.get<std::string>())) problems.push_back(path + ": missing '" + key.get<std::string>() + "'");
    }
    if (schema.contains("properties")) {
      for (const auto& [key, sub] : schema["properties"].items()) {
        if (!value.contains(key)) continue;
        auto more = ValidateJson(value[key], sub, root, path + "." + key);
        problems.insert(problems.end(), more.begin(), more.end());
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      auto more = ValidateJson(value[i], schema["items"], root, path + "[" + std::to_string(i) + "]");
      problems.insert(problems.end(), more.begin(), more.end());
    }
  }
  return problems;
}

}  // namespace tradewire::testing
