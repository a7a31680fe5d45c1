#include "extractors/tag/gazetteer.h"

#include <set>

#include "extractors/tag/data_json.h"

namespace tradewire {

StatusOr<Gazetteer> Gazetteer::Load(const DataFiles& files, GazetteerLayout layout) {
  StatusOr<std::optional<nlohmann::json>> parsed = ParseDataFile(files, layout.path, layout.list_key);
  if (!parsed.ok()) return parsed.status();
  std::vector<Entry> entries;
  std::vector<PhraseMatcher::Phrase> phrases;
  std::set<std::string> ids;
  if (parsed->has_value()) {
    const nlohmann::json& list = (**parsed)[layout.list_key];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const nlohmann::json& item = list[i];
      std::string where = DescribeEntry(layout.path, i, item, layout.id_key.c_str());
      StatusOr<std::string> id = RequiredString(item, layout.id_key.c_str(), where);
      if (!id.ok()) return id.status();
      StatusOr<std::string> name = RequiredString(item, "name", where);
      if (!name.ok()) return name.status();
      StatusOr<std::vector<std::string>> aliases = StringList(item, "aliases", where);
      if (!aliases.ok()) return aliases.status();
      if (!ids.insert(*id).second) return Status::InvalidArgument(where + ": duplicate id \"" + *id + "\"");
      Entry entry{*id, *name, nlohmann::json::object(), item};
      for (const std::string& key : layout.value_keys) {
        StatusOr<std::string> field = OptionalString(item, key.c_str(), where);
        if (!field.ok()) return field.status();
        if (!field->empty()) entry.value[key] = *field;
      }
      int payload = static_cast<int>(entries.size());
      phrases.push_back({*name, payload});
      for (const std::string& alias : *aliases) phrases.push_back({alias, payload});
      entries.push_back(std::move(entry));
    }
  }
  StatusOr<PhraseMatcher> matcher = PhraseMatcher::Create(phrases, /*allow_all_capitals=*/true, layout.path);
  if (!matcher.ok()) return matcher.status();
  return Gazetteer(std::move(layout), std::move(entries), std::move(matcher).value());
}

Gazetteer::Gazetteer(GazetteerLayout layout, std::vector<Entry> entries, PhraseMatcher matcher)
    : layout_(std::move(layout)), entries_(std::move(entries)), matcher_(std::move(matcher)) {}

namespace {

std::vector<Gazetteer::Hit> ToHits(const std::vector<PhraseMatcher::Match>& matches,
                                   const std::vector<Gazetteer::Entry>& entries) {
  std::vector<Gazetteer::Hit> hits;
  hits.reserve(matches.size());
  for (const PhraseMatcher::Match& match : matches) {
    hits.push_back({match.begin, match.end, &entries[static_cast<std::size_t>(match.payload)]});
  }
  return hits;
}

}  // namespace

std::vector<Gazetteer::Hit> Gazetteer::Find(std::string_view text) const {
  return ToHits(matcher_.FindAll(text), entries_);
}

std::vector<Gazetteer::Hit> Gazetteer::Find(std::string_view text, const std::vector<std::size_t>& starts) const {
  return ToHits(matcher_.FindAll(text, starts), entries_);
}

Mention Gazetteer::ToMention(std::string_view text, const Hit& hit) const {
  Mention mention;
  mention.type = layout_.mention_type;
  mention.start = hit.begin;
  mention.end = hit.end;
  mention.text = std::string(text.substr(hit.begin, hit.end - hit.begin));
  mention.value = hit.entry->value;
  return mention;
}

const Gazetteer::Entry* Gazetteer::FindId(std::string_view id) const {
  for (const Entry& entry : entries_) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

}  // namespace tradewire
