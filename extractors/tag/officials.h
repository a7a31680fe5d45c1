// Officials: people named with their office ("Trade Minister Cheong In-kyo", "USTR Jamieson Greer",
// "Chang Sung-gil, director general for trade policy at the Ministry of Trade, Industry and Energy"), people in
// gazetteers/officials.json wherever they are named, and later surname-only mentions ("Lighthizer said").
//
// Spellings resolve to one person: Korean family-name romanizations (Jang/Chang, Lee/Yi/Rhee, ...), given name
// before or after the family name, with or without its hyphen; and misspellings within two edits of a known
// name when the title agrees ("Secretary of the Treasury Scott Bechennt" → Scott Bessent).
//
// value: {"name", "title", "org", "country", "id"}; id is the gazetteer id, or for people the gazetteer does not
// know "x-" + a hash of the folded name, stable across articles and runs.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "extractors/mention.h"
#include "extractors/status.h"
#include "extractors/tag/gazetteer.h"
#include "extractors/tag/start_filter.h"
#include "extractors/tag/taggers.h"

namespace tradewire {

class OfficialTagger {
 public:
  // Reads gazetteers/officials.json and gazetteers/titles.json; `organizations` resolves the org of officials
  // found by title.
  static StatusOr<OfficialTagger> Create(const DataFiles& files, const Gazetteer& organizations);

  // Appends official mentions (byte offsets) spanning the person's name. `organizations` are the organization
  // hits of the same text ("... of the Ministry of Trade, Industry and Energy" gives an unknown official an org).
  void Tag(std::string_view text, const std::vector<Gazetteer::Hit>& organizations, Mentions* out) const;
  // The same mentions, looking only where the sets AddStarts filled say a name or a title may begin.
  void Tag(std::string_view text, const std::vector<std::size_t>& name_starts,
           const std::vector<std::size_t>& title_starts, const std::vector<Gazetteer::Hit>& organizations,
           Mentions* out) const;
  // Adds to `filter` where matches may begin: known officials' spellings to set `names`, titles to `titles`.
  void AddStarts(StartFilter* filter, int names, int titles) const;

  OfficialTagger(OfficialTagger&&) noexcept;
  OfficialTagger& operator=(OfficialTagger&&) noexcept;
  ~OfficialTagger();

 private:
  struct Impl;
  explicit OfficialTagger(std::unique_ptr<const Impl> impl);
  void Tag(std::string_view text, const std::vector<std::size_t>* name_starts,
           const std::vector<std::size_t>* title_starts, const std::vector<Gazetteer::Hit>& organizations,
           Mentions* out) const;
  std::unique_ptr<const Impl> impl_;
};

// The id given to an official the gazetteer does not know: "x-" + 16 hex digits of a hash of the folded name.
std::string UnknownOfficialId(std::string_view name);

}  // namespace tradewire
