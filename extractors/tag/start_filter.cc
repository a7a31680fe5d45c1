#include "extractors/tag/start_filter.h"

#include <algorithm>
#include <bit>
#include <cctype>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace tradewire {
namespace {

constexpr unsigned char kNonAscii = 0x7F;  // any byte of a non-ASCII character (and DEL: a harmless extra match)

// What a text byte is compared as: ASCII letters folded, RE2's \s ([\t\n\f\r ]) as a space, non-ASCII as
// kNonAscii.
constexpr std::array<unsigned char, 256> kSymbol = [] {
  std::array<unsigned char, 256> table{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 0x80) {
      table[c] = kNonAscii;
    } else if (c >= 'A' && c <= 'Z') {
      table[c] = static_cast<unsigned char>(c - 'A' + 'a');
    } else if (c == '\t' || c == '\n' || c == '\f' || c == '\r') {
      table[c] = ' ';
    } else {
      table[c] = static_cast<unsigned char>(c);
    }
  }
  return table;
}();

std::uint64_t KeyOf(std::uint64_t packed, std::size_t length) {
  constexpr std::size_t kPackedBits = 7 * 8;  // StartFilter::kKeyLength symbols of seven bits
  return packed | std::uint64_t{length} << kPackedBits;
}

std::size_t SlotOf(std::uint64_t key, std::size_t size) {
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 40) & (size - 1);
}

std::size_t SummaryBit(std::uint64_t key) { return static_cast<std::size_t>((key * 0xD6E8FEB86659FD93ull) >> 48); }

bool Test(const std::uint64_t* bits, std::size_t bit) { return (bits[bit / 64] >> (bit % 64) & 1) != 0; }
void Set(std::uint64_t* bits, std::size_t bit) { bits[bit / 64] |= std::uint64_t{1} << (bit % 64); }

int FoldOf(UChar32 c) { return static_cast<int>(u_foldCase(c, U_FOLD_CASE_DEFAULT)); }

bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }

}  // namespace

const StartFilter::Entry* StartFilter::Lookup(std::uint64_t key) const {
  if (table_.empty()) return nullptr;
  for (std::size_t slot = SlotOf(key, table_.size());; slot = (slot + 1) & (table_.size() - 1)) {
    const Entry& entry = table_[slot];
    if (!entry.used()) return nullptr;
    if (entry.key == key) return &entry;
  }
}

StartFilter::Entry& StartFilter::Insert(std::uint64_t key) {
  if (2 * (entries_ + 1) > table_.size()) {
    std::vector<Entry> old = std::move(table_);
    table_.assign(std::max<std::size_t>(1024, old.size() * 2), Entry{});
    entries_ = 0;
    for (const Entry& entry : old) {
      if (entry.used()) Insert(entry.key) = entry;
    }
  }
  for (std::size_t slot = SlotOf(key, table_.size());; slot = (slot + 1) & (table_.size() - 1)) {
    Entry& entry = table_[slot];
    if (entry.used() && entry.key == key) return entry;
    if (!entry.used()) {
      entry.key = key;
      ++entries_;
      return entry;  // the caller sets a mask bit, which marks the slot used
    }
  }
}

void StartFilter::Add(int set, std::string_view phrase, bool at_word_start) {
  if (phrase.empty()) return;
  const Mask bit = static_cast<Mask>(1u << set);
  const auto* bytes = reinterpret_cast<const uint8_t*>(phrase.data());
  const auto size = static_cast<int32_t>(phrase.size());
  auto next_char = [&](int32_t* i) {
    UChar32 c;
    U8_NEXT(bytes, *i, size, c);
    return c;
  };
  int32_t i = 0;
  UChar32 first = next_char(&i);
  if (first < 0 || u_isUWhiteSpace(first) || IsApostrophe(first) || (first >= 0x80 && FoldOf(first) < 0x80)) {
    everywhere_ |= bit;  // no cheap test is safe (a Kelvin sign stands for an ASCII "k")
    return;
  }
  int fold = first < 0x80 ? kSymbol[first] : FoldOf(first);
  auto at = std::lower_bound(folds_.begin(), folds_.end(), std::pair<int, Mask>{fold, 0},
                             [](const auto& a, const auto& b) { return a.first < b.first; });
  if (at == folds_.end() || at->first != fold) at = folds_.insert(at, {fold, 0});
  at->second |= bit;
  if (first >= 0x80) return;  // found by its folding among the text's non-ASCII characters
  if (!(IsAsciiWordByte(static_cast<unsigned char>(first)) && at_word_start)) {
    // Found wherever its first byte is, in either case, without a prefix test.
    anywhere_[static_cast<unsigned char>(first)] |= bit;
    anywhere_[static_cast<unsigned char>(std::toupper(first))] |= bit;
    anywhere_[kSymbol[first]] |= bit;
    return;
  }
  // The key: the symbols of up to kKeyLength characters, as Find reads them from the text.
  Entry* prefix = &first_[kSymbol[first]];
  std::uint64_t packed = kSymbol[first];
  std::size_t length = 1;
  while (i < size && length < kKeyLength) {
    UChar32 c = next_char(&i);
    unsigned char symbol;
    bool last = false;
    if (c < 0 || IsApostrophe(c) || (c >= 0x80 && FoldOf(c) < 0x80)) {
      break;  // spellings differ from here on
    } else if (u_isUWhiteSpace(c)) {
      symbol = ' ';
      for (int32_t j = i; j < size && (c = next_char(&j)) >= 0 && u_isUWhiteSpace(c);) i = j;
    } else if (c >= 0x80) {
      symbol = kNonAscii;  // a case variant may be spelled with other bytes, and more or fewer of them
      last = true;
    } else {
      symbol = kSymbol[c];
    }
    prefix->partial |= bit;
    if (symbol == 'k' || symbol == 's' || symbol == kNonAscii) prefix->non_ascii |= bit;
    if (length > 1) Mark(KeyOf(packed, length), *prefix);
    packed |= std::uint64_t{symbol} << (7 * length);
    ++length;
    prefix = &Insert(KeyOf(packed, length));
    if (last) break;
  }
  prefix->complete |= bit;
  if (length > 1) Mark(KeyOf(packed, length), *prefix);
  if (length == 2) Set(ends_at_two_.data(), packed & 0x3FFF);
  if (length == 3) Set(ends_at_three_.data(), SummaryBit(KeyOf(packed, 3)));
  if (length >= 4) Set(reaches_four_.data(), SummaryBit(KeyOf(packed & 0xFFFFFFF, 4)));
}

void StartFilter::Mark(std::uint64_t key, const Entry& entry) {
  std::size_t bit = SummaryBit(key);
  if (entry.partial != 0) goes_on_[bit / 64] |= std::uint64_t{1} << (bit % 64);
  if ((entry.complete | entry.non_ascii) != 0) ends_[bit / 64] |= std::uint64_t{1} << (bit % 64);
}

void StartFilter::Find(const TextIndex& index, Candidates* out) const {
  for (std::vector<std::size_t>& candidates : *out) candidates.clear();
  std::string_view text = index.text();
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  auto emit = [&](Mask mask, std::size_t pos) {
    for (; mask != 0; mask &= static_cast<Mask>(mask - 1)) (*out)[std::countr_zero(mask)].push_back(pos);
  };

  for (std::uint32_t pos : index.word_starts()) {
    if (pos + 4 <= size) {
      unsigned char s0 = kSymbol[bytes[pos]];
      unsigned char s1 = kSymbol[bytes[pos + 1]];
      unsigned char s2 = kSymbol[bytes[pos + 2]];
      unsigned char s3 = kSymbol[bytes[pos + 3]];
      // Plain: no non-ASCII character, and no run of white space that the walk below would read as one.
      bool plain = ((s1 | s2 | s3) & 0x80) == 0 && s1 != kNonAscii && s2 != kNonAscii && s3 != kNonAscii &&
                   !(s1 == ' ' && s2 == ' ') && !(s2 == ' ' && s3 == ' ');
      if (plain) {
        std::uint64_t two = s0 | std::uint64_t{s1} << 7;
        std::uint64_t three = two | std::uint64_t{s2} << 14;
        std::uint64_t four = three | std::uint64_t{s3} << 21;
        if (first_[s0].complete == 0 && !Test(ends_at_two_.data(), two) &&
            !Test(ends_at_three_.data(), SummaryBit(KeyOf(three, 3))) &&
            !Test(reaches_four_.data(), SummaryBit(KeyOf(four, 4)))) {
          continue;  // no key is a prefix of this word
        }
      }
    }
    const Entry& first = first_[kSymbol[bytes[pos]]];  // an ASCII word character
    Mask mask = first.complete;
    bool goes_on = (first.partial | first.non_ascii) != 0;
    std::uint64_t packed = kSymbol[bytes[pos]];
    std::size_t i = pos + 1;
    for (std::size_t length = 2; goes_on && length <= kKeyLength && i < size; ++length) {
      unsigned char symbol = kSymbol[bytes[i++]];
      if (symbol == kNonAscii) {
        // Perhaps an apostrophe or a case variant where a phrase has one: the sets that may go on so.
        const Entry* prefix = length == 2 ? &first : Lookup(KeyOf(packed, length - 1));
        if (prefix != nullptr) mask |= prefix->non_ascii;
        break;
      }
      if (symbol == ' ') {
        while (i < size && kSymbol[bytes[i]] == ' ') ++i;
      }
      packed |= std::uint64_t{symbol} << (7 * (length - 1));
      std::uint64_t key = KeyOf(packed, length);
      std::size_t bit = SummaryBit(key);
      if (Test(ends_.data(), bit)) {
        if (const Entry* prefix = Lookup(key)) mask |= prefix->complete;
      }
      goes_on = Test(goes_on_.data(), bit);
    }
    emit(mask, pos);
  }

  // The rare rest: phrases found anywhere, or starting with a non-ASCII character. Their candidates are out of
  // order with the word starts.
  Mask unsorted = everywhere_;
  for (std::size_t pos = 0; everywhere_ != 0 && pos < size; ++pos) emit(everywhere_, pos);
  if (std::any_of(anywhere_.begin(), anywhere_.end(), [](Mask mask) { return mask != 0; })) {
    for (std::size_t pos = 0; pos < size; ++pos) {
      Mask mask = anywhere_[bytes[pos]];
      emit(mask, pos);
      unsorted |= mask;
    }
  }
  for (std::uint32_t pos : index.non_ascii_starts()) {
    int32_t i = static_cast<int32_t>(pos);
    UChar32 c;
    U8_NEXT(bytes, i, static_cast<int32_t>(size), c);
    if (c < 0) continue;
    auto at = std::lower_bound(folds_.begin(), folds_.end(), std::pair<int, Mask>{FoldOf(c), 0},
                               [](const auto& a, const auto& b) { return a.first < b.first; });
    if (at == folds_.end() || at->first != FoldOf(c)) continue;
    emit(at->second, pos);
    unsorted |= at->second;
  }
  for (; unsorted != 0; unsorted &= static_cast<Mask>(unsorted - 1)) {
    std::vector<std::size_t>& candidates = (*out)[std::countr_zero(unsorted)];
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  }
}

}  // namespace tradewire
