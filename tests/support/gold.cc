#include "tests/support/gold.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "extractors/text/utf8.h"

namespace tradewire::testing {
namespace fs = std::filesystem;

namespace {

bool ValueMatches(const nlohmann::json& gold, const nlohmann::json& actual) {
  if (gold.is_object()) {
    if (!actual.is_object()) return false;
    for (const auto& [key, expected] : gold.items()) {
      if (!actual.contains(key) || !ValueMatches(expected, actual[key])) return false;
    }
    return true;
  }
  if (gold.is_number() && actual.is_number()) return gold.get<double>() == actual.get<double>();
  if (gold.is_string() && actual.is_object() && actual.contains("value")) return actual["value"] == gold;
  return gold == actual;
}

}  // namespace

std::vector<nlohmann::json> LoadCorpusGold() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(TRADEWIRE_SOURCE_DIR) / "corpus" / "gold")) {
    if (entry.path().extension() == ".json" && entry.path().filename() != "events.json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<nlohmann::json> gold;
  for (const fs::path& file : files) {
    std::ifstream in(file);
    nlohmann::json page = nlohmann::json::parse(in);
    page["gold_file"] = file.filename().string();
    gold.push_back(std::move(page));
  }
  return gold;
}

std::string CorpusPagePath(const std::string& page) {
  return (fs::path(TRADEWIRE_SOURCE_DIR) / "corpus" / "site" / page).string();
}

std::vector<std::string> MissingGoldMentions(const nlohmann::json& gold, const std::string& text,
                                             const nlohmann::json& mentions) {
  std::vector<std::string> missing;
  std::map<std::string, std::size_t> next_search;  // gold text → byte offset to search from
  CharOffsetMap chars(text);
  for (const auto& expected : gold.value("mentions", nlohmann::json::array())) {
    const std::string surface = expected["text"];
    std::size_t at = text.find(surface, next_search[surface]);
    std::string description = expected.dump();
    if (at == std::string::npos) {
      missing.push_back(description + " (text not in the extracted body)");
      continue;
    }
    next_search[surface] = at + surface.size();
    std::size_t start = chars.ToChar(at), end = chars.ToChar(at + surface.size());
    bool found = std::any_of(mentions.begin(), mentions.end(), [&](const nlohmann::json& m) {
      return m["type"] == expected["type"] && m["start"].get<std::size_t>() < end &&
             m["end"].get<std::size_t>() > start && ValueMatches(expected["value"], m["value"]);
    });
    if (!found) {
      std::string near;
      for (const auto& m : mentions) {
        if (m["type"] == expected["type"] && m["start"].get<std::size_t>() < end && m["end"].get<std::size_t>() > start) {
          near += " got " + m["value"].dump();
        }
      }
      missing.push_back(description + near);
    }
  }
  return missing;
}

std::vector<std::string> ForbiddenMentionsFound(const nlohmann::json& gold, const nlohmann::json& mentions) {
  std::vector<std::string> found;
  for (const auto& forbidden : gold.value("forbidden_mentions", nlohmann::json::array())) {
    for (const auto& m : mentions) {
      if (m["type"] == forbidden["type"] && m["text"] == forbidden["text"]) found.push_back(m.dump());
    }
  }
  return found;
}

}  // namespace tradewire::testing
