#include "extractors/tag/officials.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include <re2/re2.h>

#include "extractors/tag/data_json.h"
#include "extractors/tag/match_scanner.h"
#include "extractors/tag/phrase_matcher.h"
#include "extractors/tag/start_filter.h"
#include "extractors/text/edit_distance.h"
#include "extractors/text/utf8.h"

namespace tradewire {
namespace {

constexpr const char* kOfficialsFile = "gazetteers/officials.json";
constexpr const char* kTitlesFile = "gazetteers/titles.json";

struct Official {
  std::string id;
  std::string name;
  std::string title;
  std::string org;
  std::string country;
  bool korean_name = false;
  std::string skeleton;      // Skeleton(name), for matching misspellings
  std::string folded_title;  // FoldKey(title)
};

struct Title {
  std::string title;
  std::string org;
  std::string country;
  std::string folded_title;  // FoldKey(title)
};

std::vector<std::string> SplitWords(std::string_view name) {
  std::vector<std::string> words;
  std::string collapsed = CollapseWhitespace(name);
  std::size_t start = 0;
  while (start < collapsed.size()) {
    std::size_t space = collapsed.find(' ', start);
    if (space == std::string::npos) space = collapsed.size();
    words.push_back(collapsed.substr(start, space - start));
    start = space + 1;
  }
  return words;
}

std::string JoinWords(const std::vector<std::string>& words, std::size_t first, std::size_t last) {
  std::string joined;
  for (std::size_t i = first; i < last; ++i) {
    if (!joined.empty()) joined += ' ';
    joined += words[i];
  }
  return joined;
}

// "Sung-gil" → {"Sung-gil", "Sunggil", "Sung Gil"}: the ways a Korean given name is written.
std::vector<std::string> GivenNameForms(std::string_view given) {
  std::vector<std::string> forms{std::string(given)};
  std::size_t hyphen = given.find('-');
  if (hyphen == std::string_view::npos) return forms;
  std::string first(given.substr(0, hyphen));
  std::string second(given.substr(hyphen + 1));
  forms.push_back(first + second);
  if (!second.empty()) second[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(second[0])));
  forms.push_back(first + " " + second);
  return forms;
}

// Letters folded and doubled letters collapsed: "Bessent" → "besent", "Bechennt" → "bechent". Transliterated and
// misheard names differ most in doubled consonants, which plain edit distance would count twice.
std::string Skeleton(std::string_view name) {
  std::string folded = FoldKey(name);
  std::string skeleton;
  for (char c : folded) {
    if (c == ' ' || c == '-' || c == '.') continue;
    if (!skeleton.empty() && skeleton.back() == c) continue;
    skeleton += c;
  }
  return skeleton;
}

std::string Hex64(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

bool IsCapitalized(std::string_view word) {
  return !word.empty() && std::isupper(static_cast<unsigned char>(word[0]));
}

bool IsRe2Space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool IsAsciiLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether `literal` (lower case ASCII) is written at text[pos] in any case. A non-ASCII byte where a letter is
// expected answers yes: RE2 also reads the Kelvin sign as "k" and the long s as "s".
enum class Literal { kAbsent, kPresent, kPerhaps };  // kPerhaps: spelled with a non-ASCII character
Literal LiteralAt(std::string_view text, std::size_t pos, std::string_view literal) {
  if (pos + literal.size() > text.size()) return Literal::kAbsent;
  for (std::size_t i = 0; i < literal.size(); ++i) {
    auto c = static_cast<unsigned char>(text[pos + i]);
    if (c >= 0x80) return Literal::kPerhaps;
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if (c != static_cast<unsigned char>(literal[i])) return Literal::kAbsent;
  }
  return Literal::kPresent;
}

// Where "Chang Sung-gil, director general ..." may begin if a title begins at `title`: the pattern is a name of
// two or three words joined by single spaces, a comma, white space, and up to three more words of letters before
// the title. Walks back over exactly what the pattern allows and adds the word starts it passes to `out`; adds
// nothing when the text before the title cannot be of that shape. A superset: the pattern itself decides.
void NameStartsBeforeTitle(std::string_view text, std::size_t title, std::vector<std::size_t>* out) {
  if (title == 0 || !IsRe2Space(static_cast<unsigned char>(text[title - 1]))) return;
  // Between the comma and the title: white space, "the", two words of [\p{L}.'’]: at most four runs of space.
  std::size_t i = title;
  int space_runs = 0;
  bool in_space = false;
  while (i > 0) {
    auto c = static_cast<unsigned char>(text[i - 1]);
    if (IsRe2Space(c)) {
      if (!in_space && ++space_runs > 4) return;
      in_space = true;
    } else if (IsAsciiLetter(c) || c >= 0x80 || c == '.' || c == '\'') {
      in_space = false;
    } else {
      break;
    }
    --i;
  }
  if (i == 0 || text[i - 1] != ',') return;
  // The name right before the comma: up to three words of letters, apostrophes and hyphens, one space apart.
  std::size_t comma = i - 1;
  std::size_t j = comma;
  int words = 0;
  while (j > 0 && words < 3) {
    auto c = static_cast<unsigned char>(text[j - 1]);
    if (IsAsciiLetter(c) || c >= 0x80 || c == '\'' || c == '-') {
      --j;
      continue;
    }
    if (j == comma) return;  // nothing before the comma is a name
    out->push_back(j);
    ++words;
    if (c != ' ' || (j >= 2 && text[j - 2] == ' ')) return;
    --j;
  }
  if (j < comma && (j == 0 || words < 3)) out->push_back(j);
}

// Assigned key by key: a braced initializer list would build and copy a temporary JSON array per pair.
nlohmann::json OfficialValue(std::string name, std::string title, std::string org, std::string country,
                             std::string id) {
  nlohmann::json value;
  value["name"] = std::move(name);
  value["title"] = std::move(title);
  value["org"] = std::move(org);
  value["country"] = std::move(country);
  value["id"] = std::move(id);
  return value;
}

}  // namespace

std::string UnknownOfficialId(std::string_view name) {
  // FNV-1a: fixed by definition, so ids never change between builds or platforms.
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : FoldKey(name)) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return "x-" + Hex64(hash);
}

struct OfficialTagger::Impl {
  std::vector<Official> officials;
  std::vector<Title> titles;
  std::unordered_map<std::string, std::size_t> title_by_key;  // folded title pattern → titles index
  std::unordered_map<std::string, std::size_t> official_by_key;  // folded spelling → officials index
  std::set<std::string, std::less<>> not_name_words;
  std::unique_ptr<PhraseMatcher> names;  // every spelling of every known official
  std::unique_ptr<RE2> title_then_name;  // "Trade Minister Cheong In-kyo"
  std::unique_ptr<RE2> name_then_title;  // "Chang Sung-gil, director general for trade policy"
  std::unique_ptr<RE2> ascii_name;       // the name part of both, for text in ASCII
  // Given a StartFilter's candidates, both patterns run anchored near the few places where a title is written,
  // confirmed against the lower-cased `title_literals`.
  std::vector<std::string> title_literals;
  bool titles_ascii = true;  // else a candidate is not confirmed against title_literals
  std::unordered_map<std::string, std::string> org_country;  // organization id → its country

  struct Found {
    std::size_t begin, end;
    std::size_t official;  // index, or npos for a person the gazetteer does not know
    std::string name;      // as written, for unknown people
    const Title* title = nullptr;
  };

  std::size_t Resolve(const std::vector<std::string>& words, const Title* title) const;
  void AddFromTitle(std::string_view text, std::size_t name_begin, std::string_view name, std::string_view title_text,
                    std::vector<Found>* found) const;
  // Of the candidates, where a title is written (confirmed against title_literals), and where one is written
  // followed by what may begin a name.
  void TitleStarts(std::string_view text, const std::vector<std::size_t>& candidates, std::vector<std::size_t>* titles,
                   std::vector<std::size_t>* names_after) const;
  // Every match of `pattern` (groups: whole, name or title, title or name), leftmost-longest and non-overlapping:
  // by scanning the text, or when `starts` is given, by trying only there (it holds every place one may begin).
  void MatchAll(const RE2& pattern, std::string_view text, const std::vector<std::size_t>* starts, bool title_first,
                std::vector<Found>* found) const;
  // The title and name of a match text[begin, end) of one of the patterns that is all ASCII (most are), read as
  // RE2 would read the groups: the longest title that leaves a name. RE2 would run its backtracker over the
  // whole compiled pattern for that, the title alternation and all. False if the match does not read so.
  bool ReadAscii(std::string_view text, std::size_t begin, std::size_t end, bool title_first, std::string_view* name,
                 std::string_view* title) const;
  nlohmann::json Value(const Found& found, std::string_view text,
                       const std::vector<Gazetteer::Hit>& organization_hits) const;
};

// The official `words` name, trying the whole name and then without a leading or trailing word; failing that, a
// known official within two edits whose office agrees with `title`. npos when none.
std::size_t OfficialTagger::Impl::Resolve(const std::vector<std::string>& words, const Title* title) const {
  for (auto [first, last] : {std::pair<std::size_t, std::size_t>{0, words.size()}, {1, words.size()},
                             {0, words.size() - 1}}) {
    if (last <= first) continue;
    auto known = official_by_key.find(FoldKey(JoinWords(words, first, last)));
    if (known != official_by_key.end()) return known->second;
  }
  if (title == nullptr) return std::string::npos;
  std::string skeleton = Skeleton(JoinWords(words, 0, words.size()));
  const std::string& title_key = title->folded_title;
  constexpr std::size_t kMaxEdits = 2;
  constexpr std::size_t kMinLength = 6;  // two edits in a short name could make anyone anyone else
  if (skeleton.size() < kMinLength) return std::string::npos;
  std::size_t best = std::string::npos;
  std::size_t best_distance = kMaxEdits + 1;
  for (std::size_t i = 0; i < officials.size(); ++i) {
    const Official& official = officials[i];
    bool title_agrees = (!title->org.empty() && title->org == official.org) || title_key == official.folded_title;
    if (!title_agrees) continue;
    const std::string& candidate = official.skeleton;
    if (candidate.empty() || candidate[0] != skeleton[0]) continue;
    std::size_t distance = EditDistance(skeleton, candidate);
    if (distance < best_distance) {
      best = i;
      best_distance = distance;
    }
  }
  return best;
}

void OfficialTagger::Impl::AddFromTitle(std::string_view text, std::size_t name_begin, std::string_view name,
                                        std::string_view title_text, std::vector<Found>* found) const {
  std::vector<std::string> words = SplitWords(name);
  // Trim words that cannot be part of a name ("Tuesday Chang Sung-gil", "Donald Trump Administration").
  std::size_t first = 0;
  std::size_t last = words.size();
  while (first < last && not_name_words.count(words[first]) > 0) ++first;
  while (last > first && not_name_words.count(words[last - 1]) > 0) --last;
  if (last - first < 2) return;
  std::vector<std::string> kept(words.begin() + static_cast<std::ptrdiff_t>(first),
                                words.begin() + static_cast<std::ptrdiff_t>(last));
  // Byte span of the kept words inside `name` (words are separated by single white space characters).
  std::size_t begin = name_begin;
  for (std::size_t i = 0; i < first; ++i) begin += words[i].size() + 1;
  std::size_t end = begin;
  for (std::size_t i = first; i < last; ++i) end += words[i].size() + (i + 1 < last ? 1 : 0);

  auto title = title_by_key.find(FoldKey(title_text));
  const Title* title_entry = title == title_by_key.end() ? nullptr : &titles[title->second];
  std::size_t official = Resolve(kept, title_entry);
  found->push_back({begin, end, official, std::string(text.substr(begin, end - begin)), title_entry});
}

nlohmann::json OfficialTagger::Impl::Value(const Found& found, std::string_view text,
                                           const std::vector<Gazetteer::Hit>& organization_hits) const {
  if (found.official != std::string::npos) {
    const Official& official = officials[found.official];
    return OfficialValue(official.name, official.title, official.org, official.country, official.id);
  }
  std::string name = CollapseWhitespace(found.name);
  std::string org = found.title ? found.title->org : "";
  std::string country = found.title ? found.title->country : "";
  if (org.empty()) {
    // "... Director General Kim Min-su of the Ministry of ...": an organization named right after the name.
    constexpr std::size_t kReach = 120;
    for (const Gazetteer::Hit& hit : organization_hits) {
      if (hit.begin < found.end || hit.begin > found.end + kReach) continue;
      // Only when nothing but lower-case words stand between: "Kim Min-su of the Ministry ...", "Chang Sung-gil,
      // director general for trade policy at the Ministry ...", not "Park met Kim Min-su of the Ministry ...".
      std::string between = " " + CollapseWhitespace(text.substr(found.end, hit.begin - found.end));
      bool lower_case_only = std::none_of(between.begin(), between.end(), [](char c) {
        return std::isupper(static_cast<unsigned char>(c)) || c == '.' || c == ';';
      });
      auto ends_with = [&](std::string_view suffix) {
        return between.size() >= suffix.size() && between.compare(between.size() - suffix.size(), suffix.size(), suffix) == 0;
      };
      if (lower_case_only && (ends_with(" of the") || ends_with(" at the") || ends_with(" of") || ends_with(" at"))) {
        org = hit.entry->id;
      }
      break;
    }
  }
  if (country.empty() && !org.empty()) {
    if (auto known = org_country.find(org); known != org_country.end()) country = known->second;
  }
  std::string id = UnknownOfficialId(name);
  return OfficialValue(std::move(name), found.title ? found.title->title : "", std::move(org), std::move(country),
                       std::move(id));
}

void OfficialTagger::Impl::TitleStarts(std::string_view text, const std::vector<std::size_t>& candidates,
                                       std::vector<std::size_t>* titles, std::vector<std::size_t>* names_after) const {
  for (std::size_t pos : candidates) {
    bool title = !titles_ascii;
    bool name_after = !titles_ascii;
    for (const std::string& literal : title_literals) {
      Literal found = LiteralAt(text, pos, literal);
      if (found == Literal::kAbsent) continue;
      title = true;
      // "Trade Minister Cheong In-kyo": white space, then a capital (or a non-ASCII letter) may begin a name.
      std::size_t next = pos + literal.size();
      bool spaced = next < text.size() && IsRe2Space(static_cast<unsigned char>(text[next]));
      while (next < text.size() && IsRe2Space(static_cast<unsigned char>(text[next]))) ++next;
      auto c = next < text.size() ? static_cast<unsigned char>(text[next]) : 0;
      name_after = name_after || found == Literal::kPerhaps || (spaced && ((c >= 'A' && c <= 'Z') || c >= 0x80));
      if (name_after) break;
    }
    if (title) titles->push_back(pos);
    if (name_after) names_after->push_back(pos);
  }
}

bool OfficialTagger::Impl::ReadAscii(std::string_view text, std::size_t begin, std::size_t end, bool title_first,
                                     std::string_view* name, std::string_view* title) const {
  const std::string_view match = text.substr(begin, end - begin);
  auto title_from = [&](std::size_t from, std::size_t to) {  // a title spelled exactly text[from, to)
    return std::any_of(title_literals.begin(), title_literals.end(), [&](const std::string& literal) {
      return literal.size() == to - from && LiteralAt(text, from, literal) == Literal::kPresent;
    });
  };
  if (title_first) {
    // "Trade Minister Cheong In-kyo": the longest title after which white space and a name end the match.
    std::size_t best = 0;
    for (const std::string& literal : title_literals) {
      if (literal.size() <= best || literal.size() >= match.size() ||
          LiteralAt(text, begin, literal) != Literal::kPresent) {
        continue;
      }
      std::size_t rest = literal.size();
      if (!IsRe2Space(static_cast<unsigned char>(match[rest]))) continue;
      while (rest < match.size() && IsRe2Space(static_cast<unsigned char>(match[rest]))) ++rest;
      if (RE2::FullMatch(re2::StringPiece(match.data() + rest, match.size() - rest), *ascii_name)) {
        best = literal.size();
        *name = match.substr(rest);
      }
    }
    *title = match.substr(0, best);
    return best > 0;
  }
  // "Chang Sung-gil, director general": the name ends at the comma; the longest title ends the match, beginning
  // after white space (the words between are few, and fewer for a longer title, so any such title reads).
  const std::size_t comma = match.find(',');
  if (comma == std::string_view::npos) return false;
  *name = match.substr(0, comma);
  for (std::size_t i = comma + 1; i < match.size(); ++i) {
    if (IsRe2Space(static_cast<unsigned char>(match[i - 1])) && !IsRe2Space(static_cast<unsigned char>(match[i])) &&
        title_from(begin + i, end)) {
      *title = match.substr(i);
      return true;
    }
  }
  return false;
}

void OfficialTagger::Impl::MatchAll(const RE2& pattern, std::string_view text, const std::vector<std::size_t>* starts,
                                    bool title_first, std::vector<Found>* found) const {
  MatchScanner scanner(pattern, text, starts);
  re2::StringPiece groups[3];
  auto offset = [&](const re2::StringPiece& piece) { return static_cast<std::size_t>(piece.data() - text.data()); };
  const re2::StringPiece input(text.data(), text.size());
  while (scanner.Next(groups, 1)) {
    const std::size_t begin = offset(groups[0]);
    const std::size_t end = begin + groups[0].size();
    std::string_view name, title;
    const bool ascii = std::all_of(groups[0].begin(), groups[0].end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii || !ReadAscii(text, begin, end, title_first, &name, &title)) {
      if (!pattern.Match(input, begin, end, RE2::ANCHOR_BOTH, groups, 3)) continue;
      const re2::StringPiece& name_group = title_first ? groups[2] : groups[1];
      const re2::StringPiece& title_group = title_first ? groups[1] : groups[2];
      name = std::string_view(name_group.data(), name_group.size());
      title = std::string_view(title_group.data(), title_group.size());
    }
    AddFromTitle(text, static_cast<std::size_t>(name.data() - text.data()), name, title, found);
  }
}

StatusOr<OfficialTagger> OfficialTagger::Create(const DataFiles& files, const Gazetteer& organizations) {
  auto impl = std::make_unique<Impl>();
  for (const Gazetteer::Entry& entry : organizations.entries()) {
    auto country = entry.data.find("country");
    if (country != entry.data.end() && country->is_string()) impl->org_country[entry.id] = country->get<std::string>();
  }

  // Titles.
  StatusOr<std::optional<nlohmann::json>> titles = ParseDataFile(files, kTitlesFile, "titles");
  if (!titles.ok()) return titles.status();
  std::string title_alternation;
  if (titles->has_value()) {
    const nlohmann::json& list = (**titles)["titles"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      std::string where = DescribeEntry(kTitlesFile, i, list[i], "title");
      StatusOr<std::string> title = RequiredString(list[i], "title", where);
      if (!title.ok()) return title.status();
      StatusOr<std::string> org = OptionalString(list[i], "org", where);
      if (!org.ok()) return org.status();
      StatusOr<std::string> country = OptionalString(list[i], "country", where);
      if (!country.ok()) return country.status();
      StatusOr<std::vector<std::string>> patterns = StringList(list[i], "patterns", where);
      if (!patterns.ok()) return patterns.status();
      if (patterns->empty()) return Status::InvalidArgument(where + ": \"patterns\" is empty");
      if (!org->empty() && organizations.FindId(*org) == nullptr) {
        return Status::InvalidArgument(where + ": org \"" + *org + "\" is not in gazetteers/organizations.json");
      }
      impl->titles.push_back({*title, *org, *country, FoldKey(*title)});
      for (const std::string& pattern : *patterns) {
        impl->title_by_key.emplace(FoldKey(pattern), impl->titles.size() - 1);
        impl->title_literals.push_back(AsciiLower(pattern));
        impl->titles_ascii = impl->titles_ascii && std::all_of(pattern.begin(), pattern.end(), [](char c) {
                               return static_cast<unsigned char>(c) < 0x80;
                             });
        if (!title_alternation.empty()) title_alternation += '|';
        title_alternation += RE2::QuoteMeta(pattern);
      }
    }
    StatusOr<std::vector<std::string>> not_name = StringList(**titles, "not_name_words", kTitlesFile);
    if (!not_name.ok()) return not_name.status();
    impl->not_name_words.insert(not_name->begin(), not_name->end());
  }

  // Officials and the spellings that name them.
  StatusOr<std::optional<nlohmann::json>> officials = ParseDataFile(files, kOfficialsFile, "officials");
  if (!officials.ok()) return officials.status();
  std::vector<PhraseMatcher::Phrase> phrases;
  if (officials->has_value()) {
    const nlohmann::json& root = **officials;
    std::map<std::string, std::vector<std::string>> surname_forms;  // folded surname → all its romanizations
    if (auto variants = root.find("surname_variants"); variants != root.end()) {
      if (!variants->is_array()) return Status::InvalidArgument(std::string(kOfficialsFile) + ": \"surname_variants\" must be an array");
      for (std::size_t i = 0; i < variants->size(); ++i) {
        const nlohmann::json& group = (*variants)[i];
        std::string where = std::string(kOfficialsFile) + ": surname_variants group " + std::to_string(i + 1);
        if (!group.is_array()) return Status::InvalidArgument(where + ": must be an array of strings");
        StatusOr<std::vector<std::string>> forms = StringList(nlohmann::json{{"forms", group}}, "forms", where);
        if (!forms.ok()) return forms.status();
        for (const std::string& form : *forms) {
          std::vector<std::string>& all = surname_forms[FoldKey(form)];
          all.insert(all.end(), forms->begin(), forms->end());
        }
      }
    }
    const nlohmann::json& list = root["officials"];
    std::set<std::string> ids;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const nlohmann::json& item = list[i];
      std::string where = DescribeEntry(kOfficialsFile, i, item, "id");
      Official official;
      for (auto [key, field, required] : {std::tuple{"id", &official.id, true}, {"name", &official.name, true},
                                          {"title", &official.title, true}, {"org", &official.org, true},
                                          {"country", &official.country, false}}) {
        StatusOr<std::string> value = required ? RequiredString(item, key, where) : OptionalString(item, key, where);
        if (!value.ok()) return value.status();
        *field = std::move(value).value();
      }
      if (!ids.insert(official.id).second) return Status::InvalidArgument(where + ": duplicate id");
      if (official.id.rfind("x-", 0) == 0) {
        return Status::InvalidArgument(where + ": ids starting \"x-\" are reserved for officials not listed here");
      }
      if (organizations.FindId(official.org) == nullptr) {
        return Status::InvalidArgument(where + ": org \"" + official.org + "\" is not in gazetteers/organizations.json");
      }
      if (auto korean = item.find("korean_name"); korean != item.end()) {
        if (!korean->is_boolean()) return Status::InvalidArgument(where + ": \"korean_name\" must be true or false");
        official.korean_name = korean->get<bool>();
      }
      StatusOr<std::vector<std::string>> aliases = StringList(item, "aliases", where);
      if (!aliases.ok()) return aliases.status();
      std::vector<std::string> spellings{official.name};
      spellings.insert(spellings.end(), aliases->begin(), aliases->end());
      if (official.korean_name) {
        // Family name first as listed; every romanization of it, every form of the given name, either order.
        std::vector<std::string> generated;
        for (const std::string& spelling : spellings) {
          std::vector<std::string> words = SplitWords(spelling);
          if (words.size() < 2) continue;
          std::string given = JoinWords(words, 1, words.size());
          std::vector<std::string> surnames{words[0]};
          if (auto forms = surname_forms.find(FoldKey(words[0])); forms != surname_forms.end()) {
            surnames = forms->second;
          }
          for (const std::string& surname : surnames) {
            for (const std::string& given_form : GivenNameForms(given)) {
              generated.push_back(surname + " " + given_form);
              generated.push_back(given_form + " " + surname);
            }
          }
        }
        spellings.insert(spellings.end(), generated.begin(), generated.end());
      }
      official.skeleton = Skeleton(official.name);
      official.folded_title = FoldKey(official.title);
      std::size_t index = impl->officials.size();
      for (const std::string& spelling : spellings) {
        auto [it, inserted] = impl->official_by_key.emplace(FoldKey(spelling), index);
        if (!inserted && it->second != index) {
          return Status::InvalidArgument(where + ": spelling \"" + spelling + "\" already names " +
                                         impl->officials[it->second].id);
        }
        phrases.push_back({spelling, static_cast<int>(index)});
      }
      impl->officials.push_back(std::move(official));
    }
  }
  // Bylines are written in capitals ("BY JEONG JAE-HONG"); names in capitals are not read as officials.
  StatusOr<PhraseMatcher> names = PhraseMatcher::Create(phrases, /*allow_all_capitals=*/false, kOfficialsFile);
  if (!names.ok()) return names.status();
  impl->names = std::make_unique<PhraseMatcher>(std::move(names).value());

  // A name: two or three capitalized words, Korean given names hyphenated ("Cheong In-kyo", "Myung-hee Yoo").
  const std::string word = "\\p{Lu}[\\p{Ll}'’]+(?:-\\p{L}\\p{Ll}+)?";
  const std::string name = "(" + word + "(?: " + word + "){1,2})";
  const std::string ascii_word = "[A-Z][a-z']+(?:-[A-Za-z][a-z]+)?";  // the same word, spelled in ASCII
  const std::string title = "((?i:" + (title_alternation.empty() ? std::string("\\b\\B") : title_alternation) + "))";
  RE2::Options options;
  options.set_longest_match(true);
  options.set_log_errors(false);
  options.set_max_mem(32 << 20);
  impl->title_then_name = std::make_unique<RE2>("\\b" + title + "\\s+" + name + "\\b", options);
  impl->name_then_title = std::make_unique<RE2>(
      "\\b" + name + ",\\s+(?:(?i:the)\\s+)?(?:[\\p{L}.'’]+\\s+){0,2}?" + title + "\\b", options);
  impl->ascii_name = std::make_unique<RE2>(ascii_word + "(?: " + ascii_word + "){1,2}", options);
  for (const RE2* pattern : {impl->title_then_name.get(), impl->name_then_title.get(), impl->ascii_name.get()}) {
    if (!pattern->ok()) return Status::InvalidArgument(std::string(kTitlesFile) + ": " + pattern->error());
  }
  return OfficialTagger(std::move(impl));
}

void OfficialTagger::AddStarts(StartFilter* filter, int names, int titles) const {
  impl_->names->AddStarts(filter, names);
  for (const std::string& literal : impl_->title_literals) filter->Add(titles, literal);
}

void OfficialTagger::Tag(std::string_view text, const std::vector<Gazetteer::Hit>& organization_hits,
                         Mentions* out) const {
  Tag(text, nullptr, nullptr, organization_hits, out);
}

void OfficialTagger::Tag(std::string_view text, const std::vector<std::size_t>& name_starts,
                         const std::vector<std::size_t>& title_starts,
                         const std::vector<Gazetteer::Hit>& organization_hits, Mentions* out) const {
  Tag(text, &name_starts, &title_starts, organization_hits, out);
}

void OfficialTagger::Tag(std::string_view text, const std::vector<std::size_t>* name_starts,
                         const std::vector<std::size_t>* title_starts,
                         const std::vector<Gazetteer::Hit>& organization_hits, Mentions* out) const {
  const Impl& impl = *impl_;
  std::vector<Impl::Found> found;
  std::vector<PhraseMatcher::Match> named =
      name_starts != nullptr ? impl.names->FindAll(text, *name_starts) : impl.names->FindAll(text);
  for (const PhraseMatcher::Match& match : named) {
    found.push_back({match.begin, match.end, static_cast<std::size_t>(match.payload), "", nullptr});
  }
  if (title_starts == nullptr) {
    impl.MatchAll(*impl.title_then_name, text, nullptr, /*title_first=*/true, &found);
    impl.MatchAll(*impl.name_then_title, text, nullptr, /*title_first=*/false, &found);
  } else {
    // A match of "Trade Minister Cheong In-kyo" begins where a title does; one of "Chang Sung-gil, director
    // general" a few words before a title.
    std::vector<std::size_t> titles;
    std::vector<std::size_t> titles_then_names;
    impl.TitleStarts(text, *title_starts, &titles, &titles_then_names);
    impl.MatchAll(*impl.title_then_name, text, &titles_then_names, /*title_first=*/true, &found);
    std::vector<std::size_t> names;
    for (std::size_t title : titles) NameStartsBeforeTitle(text, title, &names);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    impl.MatchAll(*impl.name_then_title, text, &names, /*title_first=*/false, &found);
  }
  // The same name found both by gazetteer and by title: keep the first found (the gazetteer's), unless only the
  // title pattern resolved it.
  std::sort(found.begin(), found.end(), [](const Impl::Found& a, const Impl::Found& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return (a.official != std::string::npos) > (b.official != std::string::npos);
  });
  std::vector<Impl::Found> people;
  for (Impl::Found& candidate : found) {
    if (!people.empty() && candidate.begin < people.back().end) continue;
    people.push_back(std::move(candidate));
  }

  // Later surname-only mentions: "Lighthizer said", "Yoo added". A surname shared by two people in the article
  // links to neither.
  std::map<std::string, std::size_t, std::less<>> surnames;  // surname as written → index into people
  std::set<std::string, std::less<>> ambiguous;
  for (std::size_t i = 0; i < people.size(); ++i) {
    std::vector<std::string> words = SplitWords(text.substr(people[i].begin, people[i].end - people[i].begin));
    if (words.size() < 2) continue;
    bool korean = people[i].official != std::string::npos ? impl.officials[people[i].official].korean_name
                                                          : words.size() == 2 && (words[0].find('-') != std::string::npos ||
                                                                                  words[1].find('-') != std::string::npos);
    std::string surname = words.back();
    if (korean) surname = words[0].find('-') != std::string::npos ? words[1] : words[0];
    auto value_id = [&](std::size_t k) {
      return people[k].official != std::string::npos ? impl.officials[people[k].official].id
                                                     : UnknownOfficialId(people[k].name);
    };
    auto [it, inserted] = surnames.emplace(surname, i);
    if (!inserted && value_id(it->second) != value_id(i)) ambiguous.insert(surname);
  }
  std::vector<nlohmann::json> values;
  for (const Impl::Found& person : people) values.push_back(impl.Value(person, text, organization_hits));
  std::vector<std::pair<Impl::Found, std::size_t>> linked;  // a surname-only mention and whom it names
  for (const auto& [surname, first] : surnames) {
    if (ambiguous.count(surname) > 0 || !IsCapitalized(surname)) continue;
    for (std::size_t pos = text.find(surname, people[first].end); pos != std::string_view::npos;
         pos = text.find(surname, pos + surname.size())) {
      std::size_t end = pos + surname.size();
      if (!IsWholeWord(text, pos, end) || (end < text.size() && text[end] == '-')) continue;
      bool inside = std::any_of(people.begin(), people.end(),
                                [&](const Impl::Found& p) { return pos < p.end && end > p.begin; });
      if (inside) continue;
      // "Kim Jong-un" is someone else: a surname followed by a hyphenated given name is not linked.
      if (end + 1 < text.size() && text[end] == ' ' && std::isupper(static_cast<unsigned char>(text[end + 1]))) {
        std::size_t next_end = end + 1;
        while (next_end < text.size() && text[next_end] != ' ' && text[next_end] != '\n') ++next_end;
        if (text.substr(end + 1, next_end - end - 1).find('-') != std::string_view::npos) continue;
      }
      Impl::Found link = people[first];
      link.begin = pos;
      link.end = end;
      linked.emplace_back(std::move(link), first);
    }
  }
  auto emit = [&](const Impl::Found& person, nlohmann::json value) {
    Mention mention;
    mention.type = "official";
    mention.start = person.begin;
    mention.end = person.end;
    mention.text = std::string(text.substr(person.begin, person.end - person.begin));
    mention.value = std::move(value);
    out->push_back(std::move(mention));
  };
  // The surname-only mentions take copies first; then each person's own mention takes the value itself.
  for (const auto& [link, person] : linked) emit(link, values[person]);
  for (std::size_t i = 0; i < people.size(); ++i) emit(people[i], std::move(values[i]));
}

OfficialTagger::OfficialTagger(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
OfficialTagger::OfficialTagger(OfficialTagger&&) noexcept = default;
OfficialTagger& OfficialTagger::operator=(OfficialTagger&&) noexcept = default;
OfficialTagger::~OfficialTagger() = default;

}  // namespace tradewire
