// StartFilter: one cheap pass that tells, for several sets of literal phrases at once (gazetteer aliases, officials'
// names, job titles, number words, currency codes), where in a text a phrase of each set may begin; each matcher
// then runs its regular expression anchored at those few places instead of scanning every byte. The pass looks at
// word starts (and at non-ASCII characters) and costs the same however many phrases and sets there are.
//
// It never misses a place where a phrase begins; it may name some where none does (the anchored match then
// fails). Phrases are compared case-insensitively on their first eight characters, a run of white space matching
// any run of white space. A non-ASCII character matches any non-ASCII character (its case variants are spelled
// with other bytes) and ends the comparison, as does an apostrophe (it matches ’ too). A non-ASCII character in the
// text may also stand for a phrase's "k" or "s" (RE2 reads the Kelvin sign and the long s as those), so such a word
// stays a candidate; a place where the text has a non-ASCII character is a candidate when that character's Unicode
// case folding is the folding of some phrase's first character.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "extractors/tag/text_index.h"

namespace tradewire {

class StartFilter {
 public:
  static constexpr int kMaxSets = 16;

  // Adds `phrase` to set `set` (0 <= set < kMaxSets). `at_word_start`: the pattern built from the phrase requires
  // a word boundary before it (as "\\b" + phrase does).
  void Add(int set, std::string_view phrase, bool at_word_start = true);

  // For each set, the byte offsets into index.text(), ascending, where one of its phrases may begin.
  using Candidates = std::array<std::vector<std::size_t>, kMaxSets>;
  void Find(const TextIndex& index, Candidates* out) const;

 private:
  using Mask = std::uint16_t;  // one bit per set
  static constexpr std::size_t kKeyLength = 8;

  // For one prefix of the keys: the sets with a key that is exactly this prefix (complete), that goes on past it
  // (partial), or that goes on with a character a non-ASCII one may stand for (non_ascii).
  struct Entry {
    std::uint64_t key = 0;  // up to eight 7-bit symbols and the prefix length
    Mask complete = 0;
    Mask partial = 0;
    Mask non_ascii = 0;
    bool used() const { return (complete | partial | non_ascii) != 0; }
  };
  const Entry* Lookup(std::uint64_t key) const;
  Entry& Insert(std::uint64_t key);
  void Mark(std::uint64_t key, const Entry& entry);

  std::array<Entry, 128> first_{};           // one-symbol prefixes, indexed directly
  std::vector<Entry> table_;                 // longer prefixes: open addressing, at most half full
  std::size_t entries_ = 0;
  // Hashed summaries of table_ small enough to stay in the L1 cache, so that most words are dismissed without
  // touching the table: whether some key goes on past a prefix, and whether some key ends there.
  static constexpr std::size_t kSummaryBits = 1 << 16;
  std::array<std::uint64_t, kSummaryBits / 64> goes_on_{};
  std::array<std::uint64_t, kSummaryBits / 64> ends_{};
  // For the common word (four plain ASCII characters ahead), a test without a loop: some key is the first two or
  // three symbols (exact / hashed), or begins with the first four (hashed). All false: no key matches there.
  std::array<std::uint64_t, 128 * 128 / 64> ends_at_two_{};
  std::array<std::uint64_t, kSummaryBits / 64> ends_at_three_{};
  std::array<std::uint64_t, kSummaryBits / 64> reaches_four_{};
  std::array<Mask, 256> anywhere_{};         // sets with a phrase starting with this byte anywhere, not only
                                             // at a word start
  Mask everywhere_ = 0;                      // sets for which every byte is a candidate (a phrase that starts with
                                             // white space or an apostrophe)
  std::vector<std::pair<int, Mask>> folds_;  // case folding of first characters → sets, sorted
};

}  // namespace tradewire
