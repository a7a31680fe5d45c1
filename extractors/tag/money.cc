#include "extractors/tag/money.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string>

#include <re2/re2.h>

#include "extractors/tag/match_scanner.h"
#include "extractors/tag/numbers.h"
#include "extractors/tag/phrase_matcher.h"
#include "extractors/text/utf8.h"

namespace tradewire {
namespace {

// ISO 4217 code of a currency symbol, code or word.
std::string CurrencyCode(std::string_view written) {
  std::string lower = AsciiLower(written);
  if (lower == "$" || lower == "us$" || lower == "usd" || lower.find("dollars") != std::string::npos) {
    return "USD";
  }
  if (lower == "₩" || lower == "krw" || lower == "won") return "KRW";
  if (lower == "€" || lower == "eur" || lower.rfind("euro", 0) == 0) return "EUR";
  if (lower == "¥" || lower == "jpy" || lower == "yen") return "JPY";
  if (lower == "cny" || lower == "rmb" || lower == "yuan") return "CNY";
  if (lower == "£" || lower == "gbp" || lower.rfind("pound", 0) == 0) return "GBP";
  return "";
}

std::string_view Trimmed(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

double Scale(std::string_view written) {
  std::string lower = AsciiLower(written);
  if (lower == "trillion" || lower == "tn" || lower == "t") return 1e12;
  if (lower == "billion" || lower == "bn" || lower == "b") return 1e9;
  if (lower == "million" || lower == "mn" || lower == "m" || lower == "mln") return 1e6;
  if (lower == "thousand" || lower == "k") return 1e3;
  return 1;
}

}  // namespace

struct MoneyTagger::Impl {
  std::unique_ptr<RE2> pattern;
};

// What an amount may begin with besides its digits: symbols (found wherever they are) and ISO codes (at a word
// start). Tag's candidates follow these lists.
constexpr std::string_view kNonAsciiSymbols[] = {"₩", "€", "¥", "£"};
constexpr std::string_view kCodes[] = {"USD", "KRW", "EUR", "JPY", "CNY", "RMB", "GBP"};
// The currency words that may follow a number ("350 billion dollars"), and the letters they begin with.
constexpr const char* kCurrencyWords = "(?:U\\.?S\\.? )?dollars|won|yen|euros?|yuan|pounds";
constexpr std::string_view kCurrencyWordInitials = "Udwyep";

bool IsRe2Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether an amount written with a currency word may begin with the number at `pos`: the pattern wants the number,
// perhaps a scale word ("billion", "bn", "m") after at most one space, then white space and a currency word.
// Most numbers fail this at once, sparing the pattern; it is never false where the pattern matches (the number
// ends where the run of digits, commas and points does, or the pattern fails there).
bool NumberMayStartAmount(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  auto in_number = [&](std::size_t j) {
    return std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == ',' || text[j] == '.';
  };
  while (i < text.size() && in_number(i)) ++i;
  auto currency_after_space = [&](std::size_t j) {
    if (j >= text.size() || !IsRe2Space(text[j])) return false;
    while (j < text.size() && IsRe2Space(text[j])) ++j;
    return j < text.size() && kCurrencyWordInitials.find(text[j]) != std::string_view::npos;
  };
  if (currency_after_space(i)) return true;  // no scale word
  std::size_t scale = i < text.size() && IsRe2Space(text[i]) ? i + 1 : i;
  std::size_t scale_end = scale;
  while (scale_end < text.size() && IsAsciiAlpha(text[scale_end])) ++scale_end;
  return scale_end > scale && currency_after_space(scale_end);
}

StatusOr<MoneyTagger> MoneyTagger::Create() {
  // Symbol first: 1 symbol, 2 number, 3 scale word. Word last: 4 number, 5 scale word, 6 currency word.
  const std::string number = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?";
  const std::string scale = "trillion|billion|million|thousand|tn|bn|mn|mln|[tbmk]\\b";
  std::string symbols = "US\\$|\\$";
  for (std::string_view symbol : kNonAsciiSymbols) symbols += "|" + std::string(symbol);
  std::string codes;
  for (std::string_view code : kCodes) codes += (codes.empty() ? "" : "|") + std::string(code);
  std::string source = "(" + symbols + "|\\b(?:" + codes + ")\\s?)(" + number + ")(?:\\s?(" + scale +
                       "))?|\\b(" + number + ")(?:\\s?(" + scale + "))?\\s+(" + kCurrencyWords + ")\\b";
  RE2::Options options;
  options.set_longest_match(true);
  options.set_log_errors(false);
  options.set_case_sensitive(true);
  auto impl = std::make_unique<Impl>();
  impl->pattern = std::make_unique<RE2>(source, options);
  if (!impl->pattern->ok()) return Status::Internal("money pattern: " + impl->pattern->error());
  return MoneyTagger(std::move(impl));
}

void MoneyTagger::AddStarts(StartFilter* filter, int set) const {
  for (char digit = '0'; digit <= '9'; ++digit) filter->Add(set, std::string_view(&digit, 1));
  for (std::string_view code : kCodes) filter->Add(set, code);
}

void MoneyTagger::Tag(std::string_view text, Mentions* out) const { Tag(text, nullptr, out); }

void MoneyTagger::Tag(const TextIndex& index, const std::vector<std::size_t>& starts, Mentions* out) const {
  // Add the symbols to the filter's digits and codes: "$" and "US$" wherever a "$" is, the others among the
  // text's non-ASCII characters.
  std::string_view text = index.text();
  std::vector<std::size_t> all;
  for (std::size_t start : starts) {
    bool digits = std::isdigit(static_cast<unsigned char>(text[start]));
    if (!digits || NumberMayStartAmount(text, start)) all.push_back(start);
  }
  std::size_t filtered = all.size();
  for (std::size_t dollar = text.find('$'); dollar != std::string_view::npos; dollar = text.find('$', dollar + 1)) {
    if (dollar >= 2 && text.compare(dollar - 2, 2, "US") == 0) all.push_back(dollar - 2);
    all.push_back(dollar);
  }
  for (std::size_t pos : index.non_ascii_starts()) {
    if (std::any_of(std::begin(kNonAsciiSymbols), std::end(kNonAsciiSymbols),
                    [&](std::string_view symbol) { return text.substr(pos, symbol.size()) == symbol; })) {
      all.push_back(pos);
    }
  }
  if (all.size() > filtered) {
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
  }
  Tag(text, &all, out);
}

void MoneyTagger::Tag(std::string_view text, const std::vector<std::size_t>* starts, Mentions* out) const {
  MatchScanner scanner(*impl_->pattern, text, starts);
  re2::StringPiece groups[7];
  while (scanner.Next(groups, 7)) {
    std::size_t begin = static_cast<std::size_t>(groups[0].data() - text.data());
    std::size_t end = begin + groups[0].size();
    if (!IsWholeWord(text, begin, end)) continue;
    auto view = [](const re2::StringPiece& group) { return std::string_view(group.data(), group.size()); };
    bool symbol_first = groups[1].data() != nullptr;
    std::string currency = CurrencyCode(symbol_first ? Trimmed(view(groups[1])) : view(groups[6]));
    std::optional<double> amount = ParseNumber(view(symbol_first ? groups[2] : groups[4]));
    if (currency.empty() || !amount) continue;
    *amount *= Scale(view(symbol_first ? groups[3] : groups[5]));
    Mention mention;
    mention.type = "money";
    mention.start = begin;
    mention.end = end;
    mention.text = std::string(text.substr(begin, end - begin));
    mention.value["amount"] = NumberToJson(*amount);
    mention.value["currency"] = std::move(currency);
    out->push_back(std::move(mention));
  }
}

MoneyTagger::MoneyTagger(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
MoneyTagger::MoneyTagger(MoneyTagger&&) noexcept = default;
MoneyTagger& MoneyTagger::operator=(MoneyTagger&&) noexcept = default;
MoneyTagger::~MoneyTagger() = default;

}  // namespace tradewire
