#include "extractors/tag/match_scanner.h"

namespace tradewire {

MatchScanner::MatchScanner(const RE2& pattern, std::string_view text, const std::vector<std::size_t>* starts)
    : pattern_(pattern), text_(text), starts_(starts) {}

bool MatchScanner::Next(re2::StringPiece* groups, int n) {
  if (pos_ >= text_.size()) return false;
  re2::StringPiece input(text_.data(), text_.size());
  if (starts_ == nullptr) {
    if (!pattern_.Match(input, pos_, text_.size(), RE2::UNANCHORED, groups, n)) return false;
  } else {
    for (;; ++next_start_) {
      if (next_start_ == starts_->size()) return false;
      std::size_t start = (*starts_)[next_start_];
      if (start < pos_) continue;
      if (start >= text_.size()) return false;
      re2::StringPiece whole;
      if (!pattern_.Match(input, start, text_.size(), RE2::ANCHOR_START, &whole, 1)) continue;
      if (n == 1) {
        groups[0] = whole;
      } else if (!pattern_.Match(input, start, start + whole.size(), RE2::ANCHOR_BOTH, groups, n)) {
        continue;  // cannot happen: the span just matched
      }
      break;
    }
  }
  auto begin = static_cast<std::size_t>(groups[0].data() - text_.data());
  std::size_t end = begin + groups[0].size();
  pos_ = end > begin ? end : begin + 1;
  return true;
}

}  // namespace tradewire
