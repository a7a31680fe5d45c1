// Reading the analyst-edited JSON data files (gazetteers, taxonomy) that the taggers are built from.
// Every error names the file and the entry so that an analyst can find the line to fix.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "extractors/status.h"
#include "extractors/tag/taggers.h"

namespace tradewire {

// The parsed contents of `files[path]`, or nullopt when the file is absent (a deployment without that data
// simply tags nothing of that kind). Fails with InvalidArgument when the file is not valid JSON or its top level
// is not an object holding an array under `list_key`.
StatusOr<std::optional<nlohmann::json>> ParseDataFile(const DataFiles& files, const std::string& path,
                                                      const std::string& list_key);

// Names one entry of a data file in error messages: `gazetteers/officials.json: entry 3 ("kr-ahn-duk-geun")`.
std::string DescribeEntry(const std::string& path, std::size_t index, const nlohmann::json& entry,
                          const char* id_key);

// Field readers: fail with InvalidArgument("<where>: ...") when the field is missing (required ones) or has the
// wrong type.
StatusOr<std::string> RequiredString(const nlohmann::json& entry, const char* key, const std::string& where);
StatusOr<std::string> OptionalString(const nlohmann::json& entry, const char* key, const std::string& where);
StatusOr<std::vector<std::string>> StringList(const nlohmann::json& entry, const char* key, const std::string& where);

}  // namespace tradewire
