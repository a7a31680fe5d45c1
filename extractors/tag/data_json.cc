#include "extractors/tag/data_json.h"

namespace tradewire {

StatusOr<std::optional<nlohmann::json>> ParseDataFile(const DataFiles& files, const std::string& path,
                                                      const std::string& list_key) {
  auto found = files.find(path);
  if (found == files.end()) return std::optional<nlohmann::json>();
  nlohmann::json parsed = nlohmann::json::parse(found->second, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::InvalidArgument(path + ": not valid JSON");
  if (!parsed.is_object()) return Status::InvalidArgument(path + ": top level must be a JSON object");
  auto list = parsed.find(list_key);
  if (list == parsed.end() || !list->is_array()) {
    return Status::InvalidArgument(path + ": missing array \"" + list_key + "\"");
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (!(*list)[i].is_object()) {
      return Status::InvalidArgument(path + ": entry " + std::to_string(i + 1) + " of \"" + list_key +
                                     "\" is not an object");
    }
  }
  return std::optional<nlohmann::json>(std::move(parsed));
}

std::string DescribeEntry(const std::string& path, std::size_t index, const nlohmann::json& entry,
                          const char* id_key) {
  std::string where = path + ": entry " + std::to_string(index + 1);
  auto id = entry.find(id_key);
  if (id != entry.end() && id->is_string()) where += " (\"" + id->get<std::string>() + "\")";
  return where;
}

StatusOr<std::string> OptionalString(const nlohmann::json& entry, const char* key, const std::string& where) {
  auto field = entry.find(key);
  if (field == entry.end() || field->is_null()) return std::string();
  if (!field->is_string()) return Status::InvalidArgument(where + ": \"" + key + "\" must be a string");
  return field->get<std::string>();
}

StatusOr<std::string> RequiredString(const nlohmann::json& entry, const char* key, const std::string& where) {
  StatusOr<std::string> value = OptionalString(entry, key, where);
  if (value.ok() && value->empty()) {
    return Status::InvalidArgument(where + ": missing or empty \"" + key + "\"");
  }
  return value;
}

StatusOr<std::vector<std::string>> StringList(const nlohmann::json& entry, const char* key,
                                              const std::string& where) {
  std::vector<std::string> values;
  auto field = entry.find(key);
  if (field == entry.end() || field->is_null()) return values;
  if (!field->is_array()) return Status::InvalidArgument(where + ": \"" + key + "\" must be an array of strings");
  for (const nlohmann::json& item : *field) {
    if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
      return Status::InvalidArgument(where + ": \"" + key + "\" must hold only non-empty strings");
    }
    values.push_back(item.get<std::string>());
  }
  return values;
}

}  // namespace tradewire
