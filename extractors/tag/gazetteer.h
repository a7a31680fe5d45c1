// Gazetteer: a list of named things (countries, organizations, products) read from a data file under
// schemas/gazetteers, tagged wherever one of their aliases occurs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "extractors/mention.h"
#include "extractors/status.h"
#include "extractors/tag/phrase_matcher.h"
#include "extractors/tag/taggers.h"

namespace tradewire {

// How one gazetteer file is laid out. The file is {"<list_key>": [{"<id_key>": ..., "name": ..., "aliases":
// [...]}, ...]}; `value_keys` are the entry fields copied into each mention's value.
struct GazetteerLayout {
  std::string path;        // "gazetteers/countries.json"
  std::string list_key;    // "countries"
  std::string id_key;      // "code"
  std::string mention_type;  // "country"
  std::vector<std::string> value_keys;  // {"code"}
};

class Gazetteer {
 public:
  struct Entry {
    std::string id;
    std::string name;
    nlohmann::json value;  // what a mention of this entry reports
    nlohmann::json data;   // the whole entry as written in the file
  };
  struct Hit {
    std::size_t begin = 0;  // byte offsets
    std::size_t end = 0;
    const Entry* entry = nullptr;
  };

  // An absent file gives an empty gazetteer. Fails naming the file and entry on a malformed entry or a
  // duplicate id.
  static StatusOr<Gazetteer> Load(const DataFiles& files, GazetteerLayout layout);

  std::vector<Hit> Find(std::string_view text) const;
  // The same hits, looking only at `starts` (see PhraseMatcher::FindAll), from a filter AddStarts filled.
  std::vector<Hit> Find(std::string_view text, const std::vector<std::size_t>& starts) const;
  void AddStarts(StartFilter* filter, int set) const { matcher_.AddStarts(filter, set); }
  Mention ToMention(std::string_view text, const Hit& hit) const;

  // The entry with this id, or nullptr.
  const Entry* FindId(std::string_view id) const;
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  Gazetteer(GazetteerLayout layout, std::vector<Entry> entries, PhraseMatcher matcher);
  GazetteerLayout layout_;
  std::vector<Entry> entries_;
  PhraseMatcher matcher_;
};

}  // namespace tradewire
