// MatchScanner: the matches of one pattern in a text, leftmost-longest and non-overlapping, as repeated
// unanchored RE2 searches from the end of the previous match find them, either by such searches or, given the
// places where a match may begin (a StartFilter's candidates), by trying the pattern anchored at those places only.
//
// Why the second way gives the same matches: the unanchored search from `pos` returns the longest match starting at
// the leftmost offset >= pos where any match starts; that offset is among the candidates, and a longest-match
// search anchored there returns that same longest match. An anchored attempt first runs the DFA to find whether and
// where a match ends, and extracts groups from that span only: asking for groups straight away would have RE2 run
// its backtracker over the whole rest of the text at every candidate.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include <re2/re2.h>

namespace tradewire {

class MatchScanner {
 public:
  // `pattern` is compiled with longest_match. `starts`, when given, holds ascending byte offsets including every
  // place where a match may begin, and must outlive the scanner.
  MatchScanner(const RE2& pattern, std::string_view text, const std::vector<std::size_t>* starts = nullptr);

  // Fills groups[0, n) (groups[0] is the whole match; n >= 1) with the next match and returns true, or returns
  // false when there is none.
  bool Next(re2::StringPiece* groups, int n);

 private:
  const RE2& pattern_;
  std::string_view text_;
  const std::vector<std::size_t>* starts_;
  std::size_t next_start_ = 0;  // index into *starts_
  std::size_t pos_ = 0;         // where the next match may begin
};

}  // namespace tradewire
