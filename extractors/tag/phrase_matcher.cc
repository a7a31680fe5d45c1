#include "extractors/tag/phrase_matcher.h"

#include <cctype>
#include <unordered_map>

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "extractors/tag/match_scanner.h"
#include "extractors/text/utf8.h"

namespace tradewire {
namespace {

// The code points of `s` (UTF-8, invalid bytes as U+FFFD).
std::vector<UChar32> CodePoints(std::string_view s) {
  std::vector<UChar32> out;
  out.reserve(s.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  int32_t length = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    out.push_back(c < 0 ? 0xFFFD : c);
  }
  return out;
}

bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// The ASCII characters Unicode calls white space (what CollapseWhitespace collapses): \t \n \v \f \r and space.
bool IsAsciiWhite(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// CollapseWhitespace for ASCII text, into `out` (reused between calls, so a scan allocates once).
void CollapseAscii(std::string_view s, std::string* out) {
  out->clear();
  bool pending_space = false;
  for (char c : s) {
    if (IsAsciiWhite(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out->empty()) *out += ' ';
    pending_space = false;
    *out += c;
  }
}

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }

bool IsAllCapitalsAscii(std::string_view s) {
  bool any_letter = false;
  for (char c : s) {
    if (IsAsciiLower(c)) return false;
    any_letter = any_letter || IsAsciiUpper(c);
  }
  return any_letter;
}

// CaseCompatible for collapsed ASCII `want` and `got`: the same rule without ICU.
bool CaseCompatibleAscii(std::string_view want, std::string_view got, bool allow_all_capitals) {
  if (want.size() != got.size()) return false;
  if (allow_all_capitals && IsAllCapitalsAscii(got) && !IsAllCapitalsAscii(want)) return true;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i] == got[i]) continue;
    bool word_start = i == 0 || !(IsAsciiUpper(want[i - 1]) || IsAsciiLower(want[i - 1]));
    if (word_start && IsAsciiLower(want[i]) && want[i] - 'a' + 'A' == got[i]) continue;
    return false;
  }
  return true;
}

// FoldKey for ASCII text, into `out`: for ASCII, Unicode case folding is lower-casing and there is no typographic
// apostrophe to straighten.
void FoldKeyAscii(std::string_view phrase, std::string* out) {
  CollapseAscii(phrase, out);
  for (char& c : *out) {
    if (IsAsciiUpper(c)) c = static_cast<char>(c - 'A' + 'a');
  }
}

// The RE2 source matching `phrase` as written: white space matches any run of white space, apostrophes match
// typographic ones, and word boundaries are required where the phrase begins or ends with a letter or digit.
std::string PhrasePattern(std::string_view phrase) {
  std::string pattern;
  const auto* bytes = reinterpret_cast<const uint8_t*>(phrase.data());
  int32_t length = static_cast<int32_t>(phrase.size());
  bool in_space = false;
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && u_isUWhiteSpace(c)) {
      if (!in_space) pattern += "\\s+";
      in_space = true;
      continue;
    }
    in_space = false;
    if (c >= 0 && IsApostrophe(c)) {
      pattern += "['’]";
    } else {
      pattern += RE2::QuoteMeta(re2::StringPiece(phrase.data() + start, static_cast<std::size_t>(i - start)));
    }
  }
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  if (!phrase.empty() && is_word(phrase.front())) pattern = "\\b" + pattern;
  if (!phrase.empty() && is_word(phrase.back())) pattern += "\\b";
  return pattern;
}

bool IsAllCapitals(const std::vector<UChar32>& chars) {
  bool any_letter = false;
  for (UChar32 c : chars) {
    if (u_islower(c)) return false;
    any_letter = any_letter || u_isupper(c);
  }
  return any_letter;
}

}  // namespace

std::string FoldKey(std::string_view phrase) {
  if (IsAscii(phrase)) {
    std::string key;
    FoldKeyAscii(phrase, &key);
    return key;
  }
  std::string collapsed = CollapseWhitespace(phrase);
  icu::UnicodeString folded = icu::UnicodeString::fromUTF8(icu::StringPiece(collapsed.data(),
                                                                             static_cast<int32_t>(collapsed.size())));
  folded.foldCase();
  folded.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)), icu::UnicodeString(u'\''));
  std::string key;
  folded.toUTF8String(key);
  return key;
}

bool CaseCompatible(std::string_view phrase, std::string_view surface, bool allow_all_capitals) {
  if (IsAscii(phrase) && IsAscii(surface)) {
    std::string want;
    std::string got;
    CollapseAscii(phrase, &want);
    CollapseAscii(surface, &got);
    return CaseCompatibleAscii(want, got, allow_all_capitals);
  }
  std::vector<UChar32> want = CodePoints(CollapseWhitespace(phrase));
  std::vector<UChar32> got = CodePoints(CollapseWhitespace(surface));
  if (want.size() != got.size()) return false;
  if (allow_all_capitals && IsAllCapitals(got) && !IsAllCapitals(want)) return true;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i] == got[i]) continue;
    if (IsApostrophe(want[i]) && IsApostrophe(got[i])) continue;
    bool word_start = i == 0 || !u_isalpha(want[i - 1]);
    if (word_start && u_islower(want[i]) && u_toupper(want[i]) == got[i]) continue;
    return false;
  }
  return true;
}

bool IsWholeWord(std::string_view text, std::size_t begin, std::size_t end) {
  if (begin >= end) return false;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  auto length = static_cast<int32_t>(text.size());
  auto is_word = [](UChar32 c) {
    if (c >= 0 && c < 0x80) return std::isalnum(c) != 0 || c == '_';
    return c >= 0 && (u_isalnum(c) || c == '_');
  };
  auto at = [&](std::size_t offset) {
    int32_t i = static_cast<int32_t>(offset);
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    return c;
  };
  auto before = [&](std::size_t offset) {
    int32_t i = static_cast<int32_t>(offset);
    UChar32 c;
    U8_PREV(bytes, 0, i, c);
    return c;
  };
  // Only a match that itself starts (ends) with a word character can be glued to a neighbouring one.
  if (is_word(at(begin)) && begin > 0 && is_word(before(begin))) return false;
  if (is_word(before(end)) && end < text.size() && is_word(at(end))) return false;
  return true;
}

struct PhraseMatcher::Impl {
  struct Entry {
    Phrase phrase;
    std::string collapsed;  // CollapseWhitespace(phrase.text), when the phrase is ASCII
    bool ascii = false;
  };
  std::unique_ptr<RE2> alternation;
  std::vector<std::string> alternatives;  // the phrases the alternation is built from, for a StartFilter
  std::unordered_map<std::string, std::vector<Entry>> by_key;
  bool allow_all_capitals = false;

  // The phrase that the matched `surface` reads as, if any; `key` and `collapsed` are scratch space.
  const Entry* Resolve(std::string_view surface, std::string* key, std::string* collapsed) const;
};

const PhraseMatcher::Impl::Entry* PhraseMatcher::Impl::Resolve(std::string_view surface, std::string* key,
                                                               std::string* collapsed) const {
  bool ascii = IsAscii(surface);
  if (ascii) {
    FoldKeyAscii(surface, key);
  } else {
    *key = FoldKey(surface);
  }
  auto entries = by_key.find(*key);
  if (entries == by_key.end()) return nullptr;
  if (ascii) CollapseAscii(surface, collapsed);
  for (const Entry& entry : entries->second) {
    bool compatible = ascii && entry.ascii ? CaseCompatibleAscii(entry.collapsed, *collapsed, allow_all_capitals)
                                           : CaseCompatible(entry.phrase.text, surface, allow_all_capitals);
    if (compatible) return &entry;
  }
  return nullptr;
}

StatusOr<PhraseMatcher> PhraseMatcher::Create(const std::vector<Phrase>& phrases, bool allow_all_capitals,
                                              const std::string& what) {
  auto impl = std::make_unique<Impl>();
  impl->allow_all_capitals = allow_all_capitals;
  std::string pattern = "(?:";
  bool first = true;
  for (const Phrase& phrase : phrases) {
    std::string key = FoldKey(phrase.text);
    if (key.empty()) return Status::InvalidArgument(what + ": empty phrase");
    std::vector<Impl::Entry>& same = impl->by_key[key];
    bool duplicate = false;
    for (const Impl::Entry& seen : same) duplicate = duplicate || seen.phrase.text == phrase.text;
    if (duplicate) continue;
    Impl::Entry entry{phrase, "", IsAscii(phrase.text)};
    if (entry.ascii) CollapseAscii(phrase.text, &entry.collapsed);
    same.push_back(std::move(entry));
    if (same.size() > 1) continue;  // the alternation already matches this folded form
    if (!first) pattern += '|';
    first = false;
    pattern += PhrasePattern(phrase.text);
    impl->alternatives.push_back(phrase.text);
  }
  pattern += ')';
  if (first) pattern = "[^\\x00-\\x{10FFFF}]";  // no phrases: a pattern that never matches
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_longest_match(true);
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  impl->alternation = std::make_unique<RE2>(pattern, options);
  if (!impl->alternation->ok()) {
    return Status::InvalidArgument(what + ": cannot compile phrases: " + impl->alternation->error());
  }
  return PhraseMatcher(std::move(impl));
}

void PhraseMatcher::AddStarts(StartFilter* filter, int set) const {
  for (const std::string& phrase : impl_->alternatives) filter->Add(set, phrase);
}

std::vector<PhraseMatcher::Match> PhraseMatcher::FindAll(std::string_view text) const {
  return Scan(text, nullptr);
}

std::vector<PhraseMatcher::Match> PhraseMatcher::FindAll(std::string_view text,
                                                         const std::vector<std::size_t>& starts) const {
  return Scan(text, &starts);
}

std::vector<PhraseMatcher::Match> PhraseMatcher::Scan(std::string_view text,
                                                      const std::vector<std::size_t>* starts) const {
  std::vector<Match> matches;
  MatchScanner scanner(*impl_->alternation, text, starts);
  re2::StringPiece found;
  std::string key;
  std::string collapsed;
  while (scanner.Next(&found, 1)) {
    auto begin = static_cast<std::size_t>(found.data() - text.data());
    std::size_t end = begin + found.size();
    if (const Impl::Entry* entry = impl_->Resolve(text.substr(begin, end - begin), &key, &collapsed)) {
      matches.push_back({begin, end, entry->phrase.payload});
    }
  }
  return matches;
}

PhraseMatcher::PhraseMatcher(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
PhraseMatcher::PhraseMatcher(PhraseMatcher&&) noexcept = default;
PhraseMatcher& PhraseMatcher::operator=(PhraseMatcher&&) noexcept = default;
PhraseMatcher::~PhraseMatcher() = default;

}  // namespace tradewire
