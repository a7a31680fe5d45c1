// FigureCountry: which country a percentage figure concerns, read from the figure's sentence. A tariff has an
// imposer and a target; the figure's "country" is the target, the one the tariff is imposed on. In order:
//
// 1. A country linked to the figure as a target: named after it through "on", "against" or "for" within a few
//    words ("25% tariffs on Korean cars", "a 25% reciprocal tariff for South Korea"), or named before it inside such
//    a phrase hanging on a rate noun ("tariffs on Korean cars to 25%"). The nearest wins.
// 2. The nearest country the sentence names that is not marked as the imposer (the subject of an imposing verb,
//    the agent after "by", or a modifier of the rate: "U.S. tariffs", "the U.S. 25% tariff") and not cut off from
//    the figure by a semicolon, colon, dash or parenthesis.
// 3. The sentence's subject, when it is a country or a capital standing for its government ("Seoul intends ... to
//    obtain waivers or significant reductions in the 25 percent reciprocal tariffs"), unless its verb imposes
//    ("Washington imposed").
//
// None of these: no country. Demonyms and possessives count as their country ("Korean cars", "Korea's steel").
#pragma once

#include <cstddef>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extractors/status.h"
#include "extractors/tag/gazetteer.h"
#include "extractors/tag/sentences.h"
#include "extractors/tag/taggers.h"
#include "extractors/tag/tokens.h"

namespace tradewire {

class FigureCountry {
 public:
  using WordSet = std::set<std::string, std::less<>>;
  // The words sentences are read by, from taxonomy/language.json (lower-case).
  struct Words {
    WordSet rate_nouns;           // "tariff", "duty"
    WordSet imposing_verbs;       // "impose", "levied": their subject is the imposer
    WordSet imposer_auxiliaries;  // may stand between that subject and its verb ("said it would")
    WordSet target_prepositions;  // "on", "against", "for": link a rate to its target
    WordSet target_phrase_words;  // may stand between such a preposition and the country ("imports from")
  };

  // Capitals come from gazetteers/places.json (a place named as a subject stands for its government). A word of
  // `words` longer than 15 characters is refused: sentences are compared a short token at a time.
  static StatusOr<FigureCountry> Create(const DataFiles& files, Words words);

  // The ISO code of the country that the figure text[figure_begin, figure_end) concerns, or "" when none.
  // `tokens` are Tokenize(text, sentence.begin, sentence.end); `countries` the country hits of the whole text,
  // ascending.
  std::string Choose(std::string_view text, SentenceSpan sentence, std::span<const Token> tokens,
                     std::size_t figure_begin, std::size_t figure_end,
                     const std::vector<Gazetteer::Hit>& countries) const;

 private:
  FigureCountry() = default;
  std::vector<std::pair<std::string, std::string>> places_;  // alias (case-sensitive) → country code
  Words words_;
};

}  // namespace tradewire
