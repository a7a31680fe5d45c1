#include "extractors/tag/figure_country.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>

#include "extractors/tag/data_json.h"
#include "extractors/tag/tokens.h"
#include "extractors/text/utf8.h"

namespace tradewire {
namespace {

constexpr const char* kPlacesFile = "gazetteers/places.json";

// One sentence as tokens. `lower[i]` is token i lower-cased when it is short enough to be one of the words
// compared against (every such word is), else empty: no allocation per token.
struct SentenceWords {
  static constexpr std::size_t kLongest = 15;
  struct Lower {
    char text[kLongest];
    std::uint8_t size = 0;
    operator std::string_view() const { return {text, size}; }
  };
  std::span<const Token> tokens;
  std::vector<Lower> lower;

  SentenceWords(std::string_view text, std::span<const Token> sentence_tokens) : tokens(sentence_tokens) {
    lower.resize(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      std::size_t size = tokens[i].end - tokens[i].begin;
      if (size > kLongest) continue;
      for (std::size_t j = 0; j < size; ++j) {
        const char c = text[tokens[i].begin + j];
        lower[i].text[j] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      }
      lower[i].size = static_cast<std::uint8_t>(size);
    }
  }
  std::size_t size() const { return tokens.size(); }
  // The first token that ends after `offset` (the one holding it, or the next).
  std::size_t At(std::size_t offset) const {
    return static_cast<std::size_t>(
        std::partition_point(tokens.begin(), tokens.end(), [&](const Token& t) { return t.end <= offset; }) -
        tokens.begin());
  }
  // The first token that begins at or after `offset`.
  std::size_t From(std::size_t offset) const {
    return static_cast<std::size_t>(
        std::partition_point(tokens.begin(), tokens.end(), [&](const Token& t) { return t.begin < offset; }) -
        tokens.begin());
  }
  // Quotation marks and brackets around words: "'", "\"", "“", "’", "(", ...
  bool IsQuote(std::size_t i) const {
    std::string_view w = lower[i];
    return w == "'" || w == "\"" || w == "“" || w == "”" || w == "‘" || w == "’";
  }
  // Whether tokens [first, last) cut what precedes them off from what follows: a semicolon, colon or dash, or a
  // parenthesis that one side is inside of. A whole aside between them does not ("Imperial Bank (Canada) -- 5.7%").
  bool BoundaryIn(std::size_t first, std::size_t last) const {
    int depth = 0;
    for (std::size_t i = first; i < last; ++i) {
      std::string_view w = lower[i];
      if (w == "(" || w == "[") {
        ++depth;
      } else if (w == ")" || w == "]") {
        if (depth-- == 0) return true;
      } else if (depth == 0 && (w == ";" || w == ":" || w == "—" || w == "–")) {
        return true;
      }
    }
    return depth > 0;
  }
};

// A country named in the sentence, as tokens [first, last); `glued`: written as part of a longer word ("Korea's").
struct Named {
  std::string code;
  std::size_t first = 0;
  std::size_t last = 0;
  bool glued = false;
};

bool In(const FigureCountry::WordSet& set, std::string_view word) { return set.find(word) != set.end(); }

// Whether the verb after the subject named[first, last) imposes ("imposed", "will impose", "said it would impose").
bool SubjectImposes(const FigureCountry::Words& vocabulary, const SentenceWords& words, std::size_t last) {
  std::size_t i = last;
  for (int skipped = 0; i < words.size() && skipped < 3 && In(vocabulary.imposer_auxiliaries, words.lower[i]);
       ++skipped) {
    ++i;
  }
  return i < words.size() && In(vocabulary.imposing_verbs, words.lower[i]);
}

}  // namespace

StatusOr<FigureCountry> FigureCountry::Create(const DataFiles& files, Words words) {
  for (WordSet* set : {&words.rate_nouns, &words.imposing_verbs, &words.imposer_auxiliaries,
                       &words.target_prepositions, &words.target_phrase_words}) {
    WordSet lowered;  // sentences are compared lower-cased
    for (const std::string& word : *set) {
      if (word.size() > SentenceWords::kLongest) {
        return Status::InvalidArgument("taxonomy/language.json: '" + word + "' is longer than " +
                                       std::to_string(SentenceWords::kLongest) + " characters");
      }
      lowered.insert(AsciiLower(word));
    }
    *set = std::move(lowered);
  }
  FigureCountry chooser;
  chooser.words_ = std::move(words);
  StatusOr<std::optional<nlohmann::json>> places = ParseDataFile(files, kPlacesFile, "places");
  if (!places.ok()) return places.status();
  if (places->has_value()) {
    const nlohmann::json& list = (**places)["places"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      std::string where = DescribeEntry(kPlacesFile, i, list[i], "name");
      StatusOr<std::string> country = OptionalString(list[i], "country", where);
      if (!country.ok()) return country.status();
      StatusOr<std::vector<std::string>> aliases = StringList(list[i], "aliases", where);
      if (!aliases.ok()) return aliases.status();
      if (country->empty()) continue;
      for (const std::string& alias : *aliases) chooser.places_.emplace_back(alias, *country);
    }
    // The longest alias first: "Washington, D.C." before "Washington".
    std::stable_sort(chooser.places_.begin(), chooser.places_.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  }
  return chooser;
}

std::string FigureCountry::Choose(std::string_view text, SentenceSpan sentence, std::span<const Token> tokens,
                                  std::size_t figure_begin, std::size_t figure_end,
                                  const std::vector<Gazetteer::Hit>& countries) const {
  const SentenceWords words(text, tokens);
  const std::size_t figure_first = words.At(figure_begin);
  const std::size_t figure_last = words.From(figure_end);
  std::vector<Named> named;
  for (const Gazetteer::Hit& hit : countries) {
    if (hit.begin < sentence.begin || hit.end > sentence.end) continue;
    Named country{hit.entry->id, words.At(hit.begin), words.From(hit.end), false};
    if (country.first >= country.last) continue;
    country.glued = words.tokens[country.last - 1].end > hit.end || words.tokens[country.first].begin < hit.begin;
    if (country.last > figure_first && country.first < figure_last) continue;  // inside the figure
    named.push_back(std::move(country));
  }
  auto is_rate_noun = [&](std::size_t i) {
    return i < words.size() && In(words_.rate_nouns, words.lower[i]);
  };

  // 1. Linked as the target, nearest first.
  const Named* linked = nullptr;
  std::size_t linked_distance = 0;
  for (const Named& country : named) {
    std::size_t distance = 0;
    bool is_linked = false;
    if (country.first >= figure_last) {
      // "25% tariffs on Korean cars": a target word among the few words between.
      distance = country.first - figure_last;
      constexpr std::size_t kReachAfter = 6;
      if (distance > kReachAfter || words.BoundaryIn(figure_last, country.first)) continue;
      for (std::size_t i = figure_last; i < country.first && !is_linked; ++i) {
        is_linked = In(words_.target_prepositions, words.lower[i]);
      }
    } else {
      // "tariffs on Korean cars to 25%": inside a target phrase that hangs on a rate noun, a few words before.
      distance = figure_first - country.last;
      constexpr std::size_t kReachBefore = 8;
      if (distance > kReachBefore || words.BoundaryIn(country.last, figure_first)) continue;
      std::size_t i = country.first;
      for (int steps = 0; i > 0 && steps < 4; ++steps) {
        --i;
        if (In(words_.target_prepositions, words.lower[i])) {
          std::size_t j = i;
          while (j > 0 && words.IsQuote(j - 1)) --j;
          is_linked = (j > 0 && is_rate_noun(j - 1)) || (j > 1 && is_rate_noun(j - 2));
          break;
        }
        if (!In(words_.target_phrase_words, words.lower[i]) && !words.IsQuote(i)) break;
      }
    }
    if (is_linked && (linked == nullptr || distance < linked_distance)) {
      linked = &country;
      linked_distance = distance;
    }
  }
  if (linked != nullptr) return linked->code;

  // 2. The nearest not marked as the imposer and not cut off from the figure.
  auto imposes = [&](const Named& country) {
    std::size_t before = country.first;
    while (before > 0 && std::string_view(words.lower[before - 1]) == "the") --before;
    if (before > 0 && std::string_view(words.lower[before - 1]) == "by") return true;  // "imposed by the US"
    if (is_rate_noun(country.last) || country.last == figure_first) return true;  // "U.S. tariffs", "U.S. 25%"
    return !country.glued && SubjectImposes(words_, words, country.last);
  };
  const Named* nearest = nullptr;
  std::size_t nearest_distance = 0;
  for (const Named& country : named) {
    bool after = country.first >= figure_last;
    std::size_t distance = after ? country.first - figure_last : figure_first - country.last;
    if (after ? words.BoundaryIn(figure_last, country.first) : words.BoundaryIn(country.last, figure_first)) continue;
    if (imposes(country)) continue;
    // On a tie the one after the figure wins: it is read as the figure's complement.
    if (nearest == nullptr || distance < nearest_distance || (distance == nearest_distance && after)) {
      nearest = &country;
      nearest_distance = distance;
    }
  }
  if (nearest != nullptr) return nearest->code;

  // 3. The subject: a country, or a capital standing for its government, that begins the sentence.
  std::size_t first = 0;
  while (first < words.size() && (words.IsQuote(first) || std::string_view(words.lower[first]) == "(")) ++first;
  if (first < words.size() && std::string_view(words.lower[first]) == "the") ++first;
  if (first >= words.size()) return "";
  std::optional<Named> subject;
  for (const Named& country : named) {
    if (country.first == first) subject = country;
  }
  const std::size_t at = words.tokens[first].begin;
  for (std::size_t i = 0; !subject && i < places_.size(); ++i) {
    const std::string& alias = places_[i].first;
    if (text.substr(at, alias.size()) != alias) continue;
    std::size_t end = at + alias.size();
    Named place{places_[i].second, first, words.From(end), words.tokens[words.At(end - 1)].end > end};
    if (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) continue;
    subject = place;
  }
  if (!subject || subject->glued || subject->last >= words.size() || !words.tokens[subject->last].is_word) return "";
  std::string_view next = words.lower[subject->last];
  if (next == "and" || next == "or" || SubjectImposes(words_, words, subject->last)) return "";
  return subject->code;
}

}  // namespace tradewire
