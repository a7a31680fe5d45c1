// PhraseMatcher: finds whole-word occurrences of many literal phrases (gazetteer aliases) in a text, at a cost
// that does not grow with the number of phrases. All phrases are compiled into one RE2 alternation matched
// leftmost-longest ("U.S. Trade Representative" wins over "U.S."); the matched surface is then looked up by its
// folded form. Given the places where a phrase may begin (a StartFilter pass shared with other matchers), the
// alternation runs anchored there only, with the same result as a scan of every byte.
//
// Case rule (the one documented in the gazetteer files): capital letters in a phrase are required; a lower-case
// letter also matches its capital at the start of a word ("industry ministry" ↔ "Industry Ministry"), and, when
// allowed, any phrase matches a text written in all capitals ("KOREA"). So "Park" never matches "park", "US"
// never matches "us".
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/status.h"
#include "extractors/tag/start_filter.h"

namespace re2 {
class RE2;
}

namespace tradewire {

// Case- and width-insensitive key of a phrase: Unicode case folding, runs of white space collapsed to one space,
// typographic apostrophes made straight.
std::string FoldKey(std::string_view phrase);

class PhraseMatcher {
 public:
  struct Phrase {
    std::string text;
    int payload = 0;  // returned with every match of this phrase (an index into the caller's entries)
  };
  struct Match {
    std::size_t begin = 0;  // byte offsets into the scanned text
    std::size_t end = 0;
    int payload = 0;
  };

  // `what` names the data in error messages (e.g. "gazetteers/countries.json").
  static StatusOr<PhraseMatcher> Create(const std::vector<Phrase>& phrases, bool allow_all_capitals,
                                        const std::string& what);

  // Non-overlapping matches, left to right. When several phrases fold to the same surface, the first one listed
  // whose case rule the surface satisfies wins.
  std::vector<Match> FindAll(std::string_view text) const;
  // The same matches, looking only at `starts`: ascending offsets that include every place where a phrase begins
  // (the candidates of the set that AddStarts filled).
  std::vector<Match> FindAll(std::string_view text, const std::vector<std::size_t>& starts) const;
  // Adds the phrases to set `set` of `filter`.
  void AddStarts(StartFilter* filter, int set) const;

  PhraseMatcher(PhraseMatcher&&) noexcept;
  PhraseMatcher& operator=(PhraseMatcher&&) noexcept;
  ~PhraseMatcher();

 private:
  struct Impl;
  explicit PhraseMatcher(std::unique_ptr<const Impl> impl);
  std::vector<Match> Scan(std::string_view text, const std::vector<std::size_t>* starts) const;
  std::unique_ptr<const Impl> impl_;
};

// Whether `surface` may be read as `phrase` under the case rule above.
bool CaseCompatible(std::string_view phrase, std::string_view surface, bool allow_all_capitals);

// True when `text[begin, end)` is not glued to a letter or digit on either side (for matches whose pattern
// cannot express word boundaries itself).
bool IsWholeWord(std::string_view text, std::size_t begin, std::size_t end);

}  // namespace tradewire
