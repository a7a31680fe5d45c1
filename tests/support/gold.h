// The corpus gold (corpus/gold/*.json) and the rule that matches extracted mentions against it.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tradewire::testing {

// Every corpus/gold/*.json except events.json, sorted by file name.
std::vector<nlohmann::json> LoadCorpusGold();

// Path of a page under corpus/site.
std::string CorpusPagePath(const std::string& page);

// A gold mention is found when an extracted mention of the same type overlaps the gold text's occurrence in
// the body (the first occurrence at or after the previous gold mention with the same text) and every key the
// gold value lists is equal (for a date, the gold value is the TIMEX3 string and is compared with
// value["value"]). Returns a description of each gold mention that was not found (empty: all found).
std::vector<std::string> MissingGoldMentions(const nlohmann::json& gold, const std::string& text,
                                             const nlohmann::json& mentions);

// Descriptions of extracted mentions that match one of the gold's forbidden_mentions (same type, same text).
std::vector<std::string> ForbiddenMentionsFound(const nlohmann::json& gold, const nlohmann::json& mentions);

}  // namespace tradewire::testing
