#include "extractors/tag/percentages.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <span>
#include <string>

#include <re2/re2.h>

#include "extractors/tag/data_json.h"
#include "extractors/tag/figure_country.h"
#include "extractors/tag/match_scanner.h"
#include "extractors/tag/numbers.h"
#include "extractors/tag/sentences.h"
#include "extractors/tag/tokens.h"
#include "extractors/text/utf8.h"

namespace tradewire {
namespace {

constexpr const char* kLanguageFile = "taxonomy/language.json";

// Words that shape how a noun phrase is read, from taxonomy/language.json.
struct Vocabulary {
  std::set<std::string, std::less<>> determiners;
  std::set<std::string, std::less<>> prepositions;
  std::set<std::string, std::less<>> clause_words;
  std::set<std::string, std::less<>> rate_nouns;
  std::vector<std::string> abbreviations;
  FigureCountry::Words country_words;  // rate_nouns among them
};

StatusOr<Vocabulary> LoadVocabulary(const DataFiles& files) {
  Vocabulary vocabulary;
  auto found = files.find(kLanguageFile);
  if (found == files.end()) return vocabulary;
  nlohmann::json parsed = nlohmann::json::parse(found->second, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return Status::InvalidArgument(std::string(kLanguageFile) + ": not a JSON object");
  }
  struct Field {
    const char* key;
    std::set<std::string, std::less<>>* words;
  };
  FigureCountry::Words& country = vocabulary.country_words;
  for (Field field : {Field{"determiners", &vocabulary.determiners}, Field{"prepositions", &vocabulary.prepositions},
                      Field{"clause_words", &vocabulary.clause_words}, Field{"rate_nouns", &vocabulary.rate_nouns},
                      Field{"imposing_verbs", &country.imposing_verbs},
                      Field{"imposer_auxiliaries", &country.imposer_auxiliaries},
                      Field{"target_prepositions", &country.target_prepositions},
                      Field{"target_phrase_words", &country.target_phrase_words}}) {
    StatusOr<std::vector<std::string>> words = StringList(parsed, field.key, kLanguageFile);
    if (!words.ok()) return words.status();
    field.words->insert(words->begin(), words->end());
  }
  country.rate_nouns = vocabulary.rate_nouns;
  StatusOr<std::vector<std::string>> abbreviations = StringList(parsed, "abbreviations", kLanguageFile);
  if (!abbreviations.ok()) return abbreviations.status();
  vocabulary.abbreviations = std::move(abbreviations).value();
  return vocabulary;
}

bool IsRe2Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// Whether a figure may begin with the number whose digits start at `pos`: after the number the pattern allows only
// white space and then a unit ("%", "p...", "b...") or a range ("-", "–", "—", "to", "and"). Most numbers in a text
// (years, counts, prices) fail this at once, sparing the pattern. Never false where the pattern matches: a number
// the pattern reads ends where the run of digits, commas and points ends, or the pattern fails there.
bool NumberMayStartFigure(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  auto in_number = [&](std::size_t j) {
    return std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == ',' || text[j] == '.';
  };
  while (i < text.size() && in_number(i)) ++i;
  while (i < text.size() && IsRe2Space(text[i])) ++i;
  if (i >= text.size()) return false;
  switch (text[i]) {
    case '%': case 'p': case 'P': case 'b': case 'B': case '-': case 't': case 'T': case 'a': case 'A':
      return true;
    default:
      return text.substr(i, 3) == "–" || text.substr(i, 3) == "—";
  }
}

// Whether one of UnitPattern()'s alternatives begins at text[i]: "%", or a unit word not glued to letters before
// it (a number's digits may touch it: "25pct").
bool UnitBeginsAt(std::string_view text, std::size_t i) {
  if (text[i] == '%') return true;
  const char before = i > 0 ? static_cast<char>(text[i - 1] | 0x20) : ' ';
  if (before >= 'a' && before <= 'z') return false;
  auto is = [&](std::size_t at, std::string_view lower_word) {  // case-insensitive, ASCII
    if (at + lower_word.size() > text.size()) return false;
    for (std::size_t k = 0; k < lower_word.size(); ++k) {
      const char c = text[at + k];
      if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != lower_word[k]) return false;
    }
    return true;
  };
  switch (text[i] | 0x20) {
    case 'p':
      return is(i, "percent") ||
             (is(i, "per") && i + 3 < text.size() && IsRe2Space(text[i + 3]) && is(i + 4, "cent")) ||
             is(i, "pct") || is(i, "pp") || is(i, "p.p.");
    case 'b':
      return is(i, "basis") || is(i, "bp");
    default:
      return false;
  }
}

// Answers "does a unit begin within `reach` bytes from `start`?" for ascending starts, reading each byte of the
// text at most once however many numbers it holds: a figure holds a unit, so a number with none near it is not
// tried.
class UnitFinder {
 public:
  explicit UnitFinder(std::string_view text) : text_(text) {}

  bool Within(std::size_t start, std::size_t reach) {
    if (found_ != std::string_view::npos && found_ >= start) return found_ - start <= reach;
    const std::size_t last = std::min(text_.size(), start + reach + 1);
    for (std::size_t i = std::max(start, scanned_); i < last; ++i) {
      if (kMayBeginUnit[static_cast<unsigned char>(text_[i])] && UnitBeginsAt(text_, i)) {
        found_ = i;
        scanned_ = i + 1;
        return true;
      }
    }
    found_ = std::string_view::npos;
    scanned_ = std::max(scanned_, last);
    return false;
  }

 private:
  static constexpr std::array<bool, 256> kMayBeginUnit = [] {
    std::array<bool, 256> bytes{};
    for (unsigned char c : {'%', 'p', 'P', 'b', 'B'}) bytes[c] = true;
    return bytes;
  }();

  std::string_view text_;
  std::size_t scanned_ = 0;                     // bytes before this were looked at (or need not be)
  std::size_t found_ = std::string_view::npos;  // the unit found for the last start, when there was one
};

// The unit alternatives of the pattern; NumberMayStartFigure and UnitBeginsAt know how they begin.
const char* UnitPattern() {
  return "(%\\s?p\\b|%|percentage[- ]points?\\b|per\\s?cent\\b|percent\\b|pct\\b|basis[- ]points?\\b|bps\\b|"
         "bp\\b|pp\\b|p\\.p\\.)";
}

std::string UnitName(std::string_view unit) {
  std::string lower = AsciiLower(unit);
  if (lower.find("basis") != std::string::npos || lower == "bps" || lower == "bp") return "basis_point";
  if (lower.find("point") != std::string::npos || lower == "pp" || lower == "p.p." || lower.back() == 'p') {
    return "percentage_point";
  }
  return "percent";
}

// A noun phrase found around a percentage, as text.
std::string Join(std::string_view text, std::span<const Token> tokens, std::size_t first, std::size_t last) {
  return std::string(text.substr(tokens[first].begin, tokens[last].end - tokens[first].begin));
}

}  // namespace

struct PercentageTagger::Impl {
  Vocabulary vocabulary;
  std::unique_ptr<SentenceSplitter> sentences;
  std::unique_ptr<RE2> pattern;
  std::unique_ptr<RE2> digits_pattern;  // the same with numbers in digits only: reads most matches' groups cheaply
  std::unique_ptr<FigureCountry> country;

  bool Is(const std::set<std::string, std::less<>>& words, std::string_view text, const Token& token) const {
    return token.is_word && words.count(AsciiLower(text.substr(token.begin, token.end - token.begin))) > 0;
  }
  bool IsNumber(std::string_view text, const Token& token) const {
    return token.is_word && std::isdigit(static_cast<unsigned char>(text[token.begin]));
  }
  // A word ending in -ed right after a noun starts a reduced clause ("tariffs eliminated under ...").
  bool IsParticipleAfterNoun(std::string_view text, std::span<const Token> tokens, std::size_t i) const {
    std::string word = AsciiLower(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
    if (word.size() < 5 || word.compare(word.size() - 2, 2, "ed") != 0) return false;
    if (i == 0) return false;
    const Token& before = tokens[i - 1];
    return before.is_word && !Is(vocabulary.determiners, text, before) && !Is(vocabulary.prepositions, text, before) &&
           AsciiLower(text.substr(before.begin, before.end - before.begin)) != "and";
  }

  std::string NounPhraseAfterOf(std::string_view text, std::span<const Token> tokens, std::size_t i) const;
  std::string NounPhraseModified(std::string_view text, std::span<const Token> tokens, std::size_t i) const;
  std::string NounPhraseBefore(std::string_view text, std::span<const Token> tokens, std::size_t end) const;
  std::string RateNounBefore(std::string_view text, std::span<const Token> tokens, std::size_t end) const;
};

// "80 percent of [tariffs on bilateral trade in industrial and consumer goods] have been removed": the phrase
// may hold prepositional phrases and coordination; it ends at punctuation or a word that starts a clause.
std::string PercentageTagger::Impl::NounPhraseAfterOf(std::string_view text, std::span<const Token> tokens,
                                                      std::size_t i) const {
  while (i < tokens.size() && Is(vocabulary.determiners, text, tokens[i])) ++i;
  std::size_t first = i;
  std::size_t last = i;
  constexpr std::size_t kMaxWords = 12;
  for (; i < tokens.size() && i - first < kMaxWords; ++i) {
    const Token& token = tokens[i];
    if (!token.is_word || IsNumber(text, token) || Is(vocabulary.clause_words, text, token)) break;
    if (IsParticipleAfterNoun(text, tokens, i)) break;
    last = i + 1;
  }
  // A phrase never ends on a preposition, conjunction or determiner.
  while (last > first && (Is(vocabulary.prepositions, text, tokens[last - 1]) ||
                          Is(vocabulary.determiners, text, tokens[last - 1]) ||
                          AsciiLower(text.substr(tokens[last - 1].begin, tokens[last - 1].end - tokens[last - 1].begin)) ==
                              "and")) {
    --last;
  }
  return last > first ? Join(text, tokens, first, last - 1) : std::string();
}

// "a 25% [reciprocal tariff] for South Korea": the modifiers and head right after the figure, up to the first
// preposition or conjunction.
std::string PercentageTagger::Impl::NounPhraseModified(std::string_view text, std::span<const Token> tokens,
                                                       std::size_t i) const {
  std::size_t first = i;
  std::size_t last = i;
  constexpr std::size_t kMaxWords = 5;
  for (; i < tokens.size() && i - first < kMaxWords; ++i) {
    const Token& token = tokens[i];
    if (!token.is_word || IsNumber(text, token) || Is(vocabulary.clause_words, text, token) ||
        Is(vocabulary.prepositions, text, token) || Is(vocabulary.determiners, text, token)) {
      break;
    }
    std::string word = AsciiLower(text.substr(token.begin, token.end - token.begin));
    if (word == "and" || word == "or") break;
    last = i + 1;
  }
  return last > first ? Join(text, tokens, first, last - 1) : std::string();
}

// "a [country-specific differential tariff] of 15%": the phrase ending at tokens[end - 1], read backwards up to
// a determiner, preposition or punctuation.
std::string PercentageTagger::Impl::NounPhraseBefore(std::string_view text, std::span<const Token> tokens,
                                                     std::size_t end) const {
  std::size_t first = end;
  constexpr std::size_t kMaxWords = 5;
  while (first > 0 && end - first < kMaxWords) {
    const Token& token = tokens[first - 1];
    if (!token.is_word || IsNumber(text, token) || Is(vocabulary.determiners, text, token) ||
        Is(vocabulary.prepositions, text, token) || Is(vocabulary.clause_words, text, token)) {
      break;
    }
    // Walking backwards, a participle is more often the verb of the clause ("Washington raised tariffs") than
    // an adjective.
    std::string word = AsciiLower(text.substr(token.begin, token.end - token.begin));
    if (first < end && word.size() > 4 && word.compare(word.size() - 2, 2, "ed") == 0) break;
    --first;
  }
  return first < end ? Join(text, tokens, first, end - 1) : std::string();
}

// "raise [tariffs] on Korean cars to 25%": the nearest rate noun ("tariffs", "duty") within a few words before
// the figure, with its modifiers.
std::string PercentageTagger::Impl::RateNounBefore(std::string_view text, std::span<const Token> tokens,
                                                   std::size_t end) const {
  constexpr std::size_t kReach = 10;
  for (std::size_t i = end; i > 0 && end - i < kReach; --i) {
    const Token& token = tokens[i - 1];
    if (!token.is_word && text[token.begin] != '-') break;  // punctuation ends the search
    if (Is(vocabulary.rate_nouns, text, token)) return NounPhraseBefore(text, tokens, i);
  }
  return std::string();
}

StatusOr<PercentageTagger> PercentageTagger::Create(const DataFiles& files) {
  auto impl = std::make_unique<Impl>();
  StatusOr<Vocabulary> vocabulary = LoadVocabulary(files);
  if (!vocabulary.ok()) return vocabulary.status();
  impl->vocabulary = std::move(vocabulary).value();
  StatusOr<SentenceSplitter> sentences = SentenceSplitter::Create(impl->vocabulary.abbreviations);
  if (!sentences.ok()) return sentences.status();
  impl->sentences = std::make_unique<SentenceSplitter>(std::move(sentences).value());
  StatusOr<FigureCountry> country = FigureCountry::Create(files, impl->vocabulary.country_words);
  if (!country.ok()) return country.status();
  impl->country = std::make_unique<FigureCountry>(std::move(country).value());

  // 1 "from"/"between", 2 first number, 3 its unit, 4 range connector, 5 second number, 6 unit.
  const std::string unit = UnitPattern();
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_longest_match(true);
  options.set_log_errors(false);
  for (auto [number, slot] :
       {std::pair{NumberPattern(), &impl->pattern}, std::pair{DigitsPattern(), &impl->digits_pattern}}) {
    *slot = std::make_unique<RE2>("(?:\\b(from|between)\\s+)?\\b(" + number + ")(?:\\s*" + unit +
                                  ")?(?:\\s*(-|–|—|to|and)\\s*(" + number + "))?\\s*" + unit,
                                  options);
    if (!(*slot)->ok()) return Status::Internal("percentage pattern: " + (*slot)->error());
  }
  return PercentageTagger(std::move(impl));
}

void PercentageTagger::AddStarts(StartFilter* filter, int set) const {
  // A figure begins with "from", "between" or a number (or a "." before digits: see Tag).
  filter->Add(set, "from");
  filter->Add(set, "between");
  for (const std::string& start : NumberStarts()) filter->Add(set, start);
}

void PercentageTagger::Tag(std::string_view text, const std::vector<Gazetteer::Hit>& countries,
                           const std::vector<Gazetteer::Hit>& products, Mentions* out) const {
  Tag(text, nullptr, countries, products, out);
}

void PercentageTagger::Tag(std::string_view text, const std::vector<std::size_t>& starts,
                           const std::vector<Gazetteer::Hit>& countries, const std::vector<Gazetteer::Hit>& products,
                           Mentions* out) const {
  std::vector<std::size_t> all;
  UnitFinder units(text);
  for (std::size_t start : starts) {
    const bool digits = std::isdigit(static_cast<unsigned char>(text[start]));  // else a number word, "from", "between"
    if ((digits && !NumberMayStartFigure(text, start)) || !units.Within(start, kMaxLeadToUnit)) continue;
    if (!digits) {
      all.push_back(start);
      continue;
    }
    // ".5%": the number begins at the point before the digits.
    if (start > 0 && text[start - 1] == '.') all.push_back(start - 1);
    all.push_back(start);
  }
  Tag(text, &all, countries, products, out);
}

void PercentageTagger::Tag(std::string_view text, const std::vector<std::size_t>* starts,
                           const std::vector<Gazetteer::Hit>& countries, const std::vector<Gazetteer::Hit>& products,
                           Mentions* out) const {
  const Impl& impl = *impl_;
  struct Figure {
    std::size_t begin, end;
    nlohmann::json value;
  };
  std::vector<Figure> figures;
  MatchScanner scanner(*impl.pattern, text, starts);
  re2::StringPiece groups[7];
  const re2::StringPiece input(text.data(), text.size());
  auto offset = [&](const re2::StringPiece& group) { return static_cast<std::size_t>(group.data() - text.data()); };
  while (scanner.Next(groups, 1)) {
    // Where the match has no number words, the digits-only pattern reads the same groups from it.
    const std::size_t begin = offset(groups[0]), end = begin + groups[0].size();
    if (!impl.digits_pattern->Match(input, begin, end, RE2::ANCHOR_BOTH, groups, 7) &&
        !impl.pattern->Match(input, begin, end, RE2::ANCHOR_BOTH, groups, 7)) {
      continue;
    }
    std::string_view whole(groups[0].data(), groups[0].size());
    if (!IsWholeWord(text, offset(groups[0]), offset(groups[0]) + whole.size())) continue;
    std::optional<double> first = ParseNumber(std::string_view(groups[2].data(), groups[2].size()));
    std::optional<double> second;
    if (groups[5].data() != nullptr) second = ParseNumber(std::string_view(groups[5].data(), groups[5].size()));
    std::string unit = UnitName(std::string_view(groups[6].data(), groups[6].size()));
    if (!first) continue;
    std::string connector = AsciiLower(std::string_view(groups[4].data(), groups[4].size()));
    std::string lead = AsciiLower(std::string_view(groups[1].data(), groups[1].size()));
    if (second && connector == "and" && lead != "between") {
      // "10% and 15%": two figures, not a range.
      std::size_t first_end = groups[3].data() ? offset(groups[3]) + groups[3].size() : offset(groups[2]) + groups[2].size();
      std::string first_unit = groups[3].data() ? UnitName(std::string_view(groups[3].data(), groups[3].size())) : unit;
      figures.push_back({offset(groups[2]), first_end, {{"number", NumberToJson(*first)}, {"unit", first_unit}}});
      figures.push_back({offset(groups[5]), offset(groups[0]) + whole.size(),
                         {{"number", NumberToJson(*second)}, {"unit", unit}}});
      continue;
    }
    Figure figure{offset(groups[2]), offset(groups[0]) + whole.size(), nlohmann::json::object()};
    if (second) {
      figure.value["low"] = NumberToJson(*first);
      figure.value["high"] = NumberToJson(*second);
    } else {
      figure.value["number"] = NumberToJson(*first);
    }
    figure.value["unit"] = unit;
    figures.push_back(std::move(figure));
  }
  if (figures.empty()) return;

  // Only the paragraphs that hold a figure are split into sentences (figures come in order: one at a time).
  SentenceSplitter::Paragraph paragraph;
  for (Figure& figure : figures) {
    if (!paragraph.Holds(figure.begin)) paragraph = impl.sentences->ParagraphAt(text, figure.begin);
    SentenceSpan sentence = paragraph.SentenceAt(figure.begin);
    // The sentence is read as tokens once, here and by the country chooser: those before the figure and after it.
    const std::vector<Token> tokens = Tokenize(text, sentence.begin, sentence.end);
    auto count_while = [&](auto&& predicate) {
      return static_cast<std::size_t>(std::partition_point(tokens.begin(), tokens.end(), predicate) - tokens.begin());
    };
    std::span<const Token> before =
        std::span(tokens).first(count_while([&](const Token& token) { return token.end <= figure.begin; }));
    const std::span<const Token> after =
        std::span(tokens).subspan(count_while([&](const Token& token) { return token.begin < figure.end; }));
    auto word_at = [&](std::span<const Token> span, std::size_t i) { return LowerToken(text, span[i]); };
    // "from 10% to 25%": the lead word is not part of the phrase before.
    if (!before.empty() &&
        (word_at(before, before.size() - 1) == "from" || word_at(before, before.size() - 1) == "between")) {
      before = before.first(before.size() - 1);
    }
    std::string of;
    if (!after.empty() && word_at(after, 0) == "of") of = impl.NounPhraseAfterOf(text, after, 1);
    if (of.empty() && !before.empty() && (word_at(before, before.size() - 1) == "of" ||
                                          word_at(before, before.size() - 1) == "at")) {
      of = impl.NounPhraseBefore(text, before, before.size() - 1);
    }
    if (of.empty() && !after.empty()) of = impl.NounPhraseModified(text, after, 0);
    if (of.empty()) of = impl.RateNounBefore(text, before, before.size());
    if (!of.empty()) figure.value["of"] = of;

    std::string country = impl.country->Choose(text, sentence, tokens, figure.begin, figure.end, countries);
    if (!country.empty()) figure.value["country"] = std::move(country);

    // The product: the first named after the figure in the sentence, else the last before it.
    const Gazetteer::Hit* product = nullptr;
    for (const Gazetteer::Hit& hit : products) {
      if (hit.begin < sentence.begin || hit.end > sentence.end) continue;
      if (hit.begin >= figure.end) {
        product = &hit;
        break;
      }
      product = &hit;
    }
    if (product != nullptr) figure.value["product"] = product->entry->id;

    Mention mention;
    mention.type = "percentage";
    mention.start = figure.begin;
    mention.end = figure.end;
    mention.text = std::string(text.substr(figure.begin, figure.end - figure.begin));
    mention.value = std::move(figure.value);
    out->push_back(std::move(mention));
  }
}

PercentageTagger::PercentageTagger(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
PercentageTagger::PercentageTagger(PercentageTagger&&) noexcept = default;
PercentageTagger& PercentageTagger::operator=(PercentageTagger&&) noexcept = default;
PercentageTagger::~PercentageTagger() = default;

}  // namespace tradewire
