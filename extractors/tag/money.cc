#include "extractors/tag/money.h"

#include <cctype>
#include <string>

#include <re2/re2.h>

#include "extractors/tag/numbers.h"
#include "extractors/tag/phrase_matcher.h"

namespace tradewire {
namespace {

std::string Lower(std::string_view s) {
  std::string lower(s);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// ISO 4217 code of a currency symbol, code or word.
std::string CurrencyCode(std::string_view written) {
  std::string lower = Lower(written);
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
  std::string lower = Lower(written);
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

StatusOr<MoneyTagger> MoneyTagger::Create() {
  // Symbol first: 1 symbol, 2 number, 3 scale word. Word last: 4 number, 5 scale word, 6 currency word.
  const std::string number = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?";
  const std::string scale = "trillion|billion|million|thousand|tn|bn|mn|mln|[tbmk]\\b";
  std::string source = "(US\\$|\\$|₩|€|¥|£|\\b(?:USD|KRW|EUR|JPY|CNY|RMB|GBP)\\s?)(" + number + ")(?:\\s?(" + scale +
                       "))?|\\b(" + number + ")(?:\\s?(" + scale + "))?\\s+((?:U\\.?S\\.? )?dollars|won|yen|euros?|yuan|pounds)\\b";
  RE2::Options options;
  options.set_longest_match(true);
  options.set_log_errors(false);
  options.set_case_sensitive(true);
  auto impl = std::make_unique<Impl>();
  impl->pattern = std::make_unique<RE2>(source, options);
  if (!impl->pattern->ok()) return Status::Internal("money pattern: " + impl->pattern->error());
  return MoneyTagger(std::move(impl));
}

void MoneyTagger::Tag(std::string_view text, Mentions* out) const {
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece groups[7];
  std::size_t pos = 0;
  while (pos < text.size() && impl_->pattern->Match(input, pos, text.size(), RE2::UNANCHORED, groups, 7)) {
    std::size_t begin = static_cast<std::size_t>(groups[0].data() - text.data());
    std::size_t end = begin + groups[0].size();
    pos = end > begin ? end : begin + 1;
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
    mention.value = {{"amount", NumberToJson(*amount)}, {"currency", currency}};
    out->push_back(std::move(mention));
  }
}

MoneyTagger::MoneyTagger(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
MoneyTagger::MoneyTagger(MoneyTagger&&) noexcept = default;
MoneyTagger& MoneyTagger::operator=(MoneyTagger&&) noexcept = default;
MoneyTagger::~MoneyTagger() = default;

}  // namespace tradewire
