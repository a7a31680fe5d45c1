#include "extractors/events/events.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/events/merge.h"
#include "extractors/tag/data_json.h"
#include "extractors/tag/sentences.h"
#include "extractors/text/utf8.h"

namespace tradewire {

namespace {

constexpr const char* kPlacesFile = "gazetteers/places.json";
constexpr const char* kWordsFile = "taxonomy/events.json";
constexpr const char* kLanguageFile = "taxonomy/language.json";

// Dates this many words after an exclusion word ("after the presidential election on June 3") are not the
// meeting's.
constexpr std::size_t kExclusionWindowWords = 5;

struct Place {
  std::string alias;
  std::string name;
};

struct Report {
  std::string id;
  std::unique_ptr<RE2> pattern;
};

// `(?i)\b(?:one|two words|…)\b` for a list of plain words and phrases.
std::unique_ptr<RE2> WordsPattern(const std::vector<std::string>& words) {
  std::string alternation;
  for (const std::string& word : words) {
    alternation += alternation.empty() ? "" : "|";
    alternation += RE2::QuoteMeta(word);
  }
  if (alternation.empty()) alternation = "[^\\s\\S]";  // matches nothing
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  return std::make_unique<RE2>("\\b(" + alternation + ")\\b", options);
}

bool IsWordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '\''; }

// The last `count` words before byte `offset` of `text` (not crossing `floor`), lower-cased, space-separated
// and padded with spaces so that " phrase " finds whole words.
std::string WordsBefore(std::string_view text, std::size_t floor, std::size_t offset, std::size_t count) {
  std::vector<std::string> words;
  std::size_t i = offset;
  while (i > floor && words.size() < count) {
    while (i > floor && !IsWordByte(text[i - 1])) --i;
    const std::size_t end = i;
    while (i > floor && IsWordByte(text[i - 1])) --i;
    if (end > i) words.push_back(AsciiLower(text.substr(i, end - i)));
  }
  std::string out = " ";
  for (auto it = words.rbegin(); it != words.rend(); ++it) out += *it + " ";
  return out;
}

bool ContainsPhrase(const std::string& padded_words, const std::vector<std::string>& phrases) {
  return std::any_of(phrases.begin(), phrases.end(), [&](const std::string& phrase) {
    return padded_words.find(" " + AsciiLower(phrase) + " ") != std::string::npos;
  });
}

// A mention with its byte offsets into the article text.
struct Located {
  const Mention* mention = nullptr;
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Sentence {
  std::size_t begin = 0;  // bytes, trimmed of surrounding white space
  std::size_t end = 0;
  std::size_t paragraph = 0;
  std::vector<Located> mentions;
};

// The article split into sentences, with each mention placed in the sentence where it starts.
struct Layout {
  std::string_view text;
  std::vector<std::size_t> char_at_byte;
  std::vector<Sentence> sentences;
};

Layout Lay(const Article& article, const Mentions& mentions, const SentenceSplitter* splitter) {
  Layout layout;
  layout.text = article.text;
  const std::string_view text = layout.text;
  layout.char_at_byte.resize(text.size() + 1);
  std::vector<std::size_t> byte_at_char;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts_code_point = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_code_point) byte_at_char.push_back(i);
    layout.char_at_byte[i] = starts_code_point ? chars++ : (chars == 0 ? 0 : chars - 1);
  }
  layout.char_at_byte[text.size()] = chars;
  byte_at_char.push_back(text.size());

  std::vector<std::size_t> starts = splitter != nullptr ? splitter->SentenceStarts(text) : std::vector<std::size_t>{0};
  std::size_t paragraph = 0;
  std::size_t previous_end = 0;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    Sentence sentence;
    sentence.begin = starts[i];
    sentence.end = i + 1 < starts.size() ? starts[i + 1] : text.size();
    while (sentence.begin < sentence.end && std::isspace(static_cast<unsigned char>(text[sentence.begin]))) {
      ++sentence.begin;
    }
    while (sentence.end > sentence.begin && std::isspace(static_cast<unsigned char>(text[sentence.end - 1]))) {
      --sentence.end;
    }
    if (sentence.begin == sentence.end) continue;
    if (text.substr(previous_end, sentence.begin - previous_end).find('\n') != std::string_view::npos) ++paragraph;
    sentence.paragraph = paragraph;
    previous_end = sentence.end;
    layout.sentences.push_back(std::move(sentence));
  }
  for (const Mention& mention : mentions) {
    if (mention.start >= mention.end || mention.end >= byte_at_char.size()) continue;  // out of this text
    Located located{&mention, byte_at_char[mention.start], byte_at_char[mention.end]};
    auto holder = std::find_if(layout.sentences.begin(), layout.sentences.end(), [&](const Sentence& s) {
      return located.begin >= s.begin && located.begin < s.end;
    });
    if (holder != layout.sentences.end()) holder->mentions.push_back(located);
  }
  return layout;
}

std::string ValueString(const nlohmann::json& value, const char* key) {
  if (!value.is_object()) return {};
  auto field = value.find(key);
  return field != value.end() && field->is_string() ? field->get<std::string>() : std::string();
}

// The days ("YYYY-MM-DD") a date mention names: none for other values (months, weeks, durations), both ends of
// a range value ("2025-05-20/2025-05-22").
std::vector<std::string> DaysOf(const Mention& mention) {
  std::vector<std::string> days;
  std::string value = ValueString(mention.value, "value");
  std::size_t begin = 0;
  while (begin < value.size()) {
    std::size_t end = value.find('/', begin);
    if (end == std::string::npos) end = value.size();
    const std::string part = value.substr(begin, end - begin);
    static const RE2 kDay("\\d{4}-\\d{2}-\\d{2}(?:T.*)?");
    if (RE2::FullMatch(part, kDay)) days.push_back(part.substr(0, 10));
    begin = end + 1;
  }
  return days;
}

// An event as found in one article, with the sentences that report it.
struct Found {
  Event event;
  std::vector<std::size_t> sentences;  // indices into Layout::sentences, ascending
};

}  // namespace

struct EventExtractor::Impl {
  std::optional<SentenceSplitter> splitter;
  std::vector<Place> places;  // longest alias first
  std::unique_ptr<RE2> meeting_words;
  std::unique_ptr<RE2> ordinal_before_meeting;  // "second round", "second U.S.-Korea technical consultation"
  std::unique_ptr<RE2> another_meeting;         // "... and a meeting with ...": a second meeting in one sentence
  std::map<std::string, int> ordinals;
  std::vector<std::pair<std::string, std::string>> levels;  // phrase → level, longest phrase first
  std::vector<std::string> date_exclusions;
  std::unique_ptr<RE2> participant_cues;
  std::vector<Report> reports;
  std::unique_ptr<RE2> release_words;
  std::unique_ptr<RE2> tariff_words;
  std::unique_ptr<RE2> tariff_action_words;
  std::unique_ptr<RE2> deadline_words;
  std::vector<std::string> deadline_prepositions;
  std::vector<std::string> effective_words;  // "beginning 7 February": the day a measure takes effect

  std::vector<Event> Extract(const Article& article, const Mentions& mentions) const;

 private:
  // Where in a sentence a round ("second round") or a place ("in Jeju") is named: [begin, end) bytes.
  struct Named {
    std::size_t begin = 0, end = 0;
  };
  std::optional<int> Round(std::string_view sentence, Named* where) const;
  std::string PlaceIn(std::string_view sentence, Named* where) const;
  std::string Level(std::string_view sentence) const;
  std::vector<std::string> MeetingDays(const Layout& layout, const Sentence& sentence) const;
  void AddMeetings(const Layout& layout, std::vector<Found>& found) const;
  void AddReportReleases(const Layout& layout, std::vector<Found>& found) const;
  void AddTariffActions(const Layout& layout, std::vector<Found>& found) const;
  void AddDeadlines(const Layout& layout, std::vector<Found>& found) const;
  std::string EffectiveDay(const Layout& layout, const Sentence& sentence, std::size_t verb_at) const;
};

namespace {

std::string_view SentenceText(const Layout& layout, const Sentence& sentence) {
  return layout.text.substr(sentence.begin, sentence.end - sentence.begin);
}

Evidence EvidenceOf(const Layout& layout, const Sentence& sentence) {
  return Evidence{layout.char_at_byte[sentence.begin], layout.char_at_byte[sentence.end],
                  std::string(SentenceText(layout, sentence))};
}

std::vector<std::string> ValuesOf(const Sentence& sentence, const char* type, const char* key) {
  std::vector<std::string> values;
  for (const Located& located : sentence.mentions) {
    if (located.mention->type != type) continue;
    std::string value = ValueString(located.mention->value, key);
    if (!value.empty() && std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  }
  return values;
}

// The day of the date mention nearest to byte `anchor` in the sentence, or empty.
std::string NearestDay(const Sentence& sentence, std::size_t anchor) {
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const Located& located : sentence.mentions) {
    if (located.mention->type != "date") continue;
    const std::vector<std::string> days = DaysOf(*located.mention);
    if (days.empty()) continue;
    std::size_t distance = 0;  // the anchor inside the mention
    if (located.begin > anchor) distance = located.begin - anchor;
    if (located.end < anchor) distance = anchor - located.end;
    if (distance < best_distance) best_distance = distance, best = days.front();
  }
  return best;
}

// Words that make a clause of their own between a verb and a date: finite verbs ("returned", "said", "was").
bool IsClauseVerb(const std::string& word) {
  static const std::set<std::string> kIrregular = {"said", "says", "told", "was", "were", "is", "are", "had",
                                                   "has", "have", "did", "met", "held", "made", "took", "gave",
                                                   "came", "went", "left", "began", "sent"};
  if (kIrregular.count(word)) return true;
  return word.size() > 4 && word.ends_with("ed");
}

// The words of text[from, to), lower-cased.
std::vector<std::string> WordsIn(std::string_view text, std::size_t from, std::size_t to) {
  std::vector<std::string> words;
  std::size_t i = from;
  while (i < to) {
    while (i < to && !IsWordByte(text[i])) ++i;
    const std::size_t begin = i;
    while (i < to && IsWordByte(text[i])) ++i;
    if (i > begin) words.push_back(AsciiLower(text.substr(begin, i - begin)));
  }
  return words;
}

// The day of the date mention that belongs to the verb at text[verb_begin, verb_end): the nearest one with at most
// `reach` words between it and the verb and no other verb among them. "According to an official who returned after
// talks on the 26th, the U.S. cited the report published by USTR": the 26th is the return's, not the release's.
std::string DayOfVerb(const Layout& layout, const Sentence& sentence, std::size_t verb_begin, std::size_t verb_end,
                      std::size_t reach) {
  std::string best;
  std::size_t best_words = reach + 1;
  for (const Located& located : sentence.mentions) {
    if (located.mention->type != "date") continue;
    const std::vector<std::string> days = DaysOf(*located.mention);
    if (days.empty()) continue;
    const bool after = located.begin >= verb_end;
    const std::vector<std::string> between =
        after ? WordsIn(layout.text, verb_end, located.begin) : WordsIn(layout.text, located.end, verb_begin);
    if (between.size() >= best_words) continue;
    if (std::any_of(between.begin(), between.end(), IsClauseVerb)) continue;
    best_words = between.size();
    best = days.front();
  }
  return best;
}

// How many words may stand between a release verb and its date ("Earlier today, the USTR published").
constexpr std::size_t kVerbDateReach = 8;

// Whether the release verb at text[verb_at…] is a participle citing the report named just before it ("the
// "National Trade Estimate (NTE) Report" published by USTR"): at most three words between name and verb, none of
// them an auxiliary that would make the verb finite ("the report was published").
bool IsCitingParticiple(std::string_view text, std::size_t name_end, std::size_t verb_at, std::string_view verb) {
  const std::string lower = AsciiLower(verb);
  if (!lower.ends_with("ed")) return false;  // "publishes", "releases": finite
  const std::vector<std::string> between = WordsIn(text, name_end, verb_at);
  if (between.size() > 3) return false;
  static const std::set<std::string> kAuxiliaries = {"was", "were", "is", "are", "has", "have", "had", "been", "be",
                                                     "it", "they", "which", "that"};
  return std::none_of(between.begin(), between.end(), [](const std::string& w) { return kAuxiliaries.count(w) > 0; });
}

void SetDays(Event& event, std::vector<std::string> days) {
  if (days.empty()) return;
  std::sort(days.begin(), days.end());
  event.start_date = days.front();
  event.end_date = days.back();
}

Found MakeFound(const Layout& layout, std::size_t sentence_index, Event event) {
  event.evidence.push_back(EvidenceOf(layout, layout.sentences[sentence_index]));
  if (!event.attributes.is_object()) event.attributes = nlohmann::json::object();
  return {std::move(event), {sentence_index}};
}

// Folds `fragment` (another sentence of the same article) into `into`: values, participants and evidence.
void Absorb(std::vector<std::size_t>& sentences, Event& into, const Event& fragment,
            std::size_t sentence_index) {
  std::vector<Evidence> evidence = into.evidence;
  evidence.insert(evidence.end(), fragment.evidence.begin(), fragment.evidence.end());
  into = MergeEvents(into, fragment);
  into.evidence = std::move(evidence);
  sentences.push_back(sentence_index);
}

// Whether two fragments of one article can describe one event: nothing known on both sides differs. Unlike
// SameEvent, undated fragments are fine (the article's other sentences supply the date).
bool Compatible(const Event& a, const Event& b) {
  if (a.kind != b.kind) return false;
  if (!a.place.empty() && !b.place.empty() && a.place != b.place) return false;
  const bool dated = !a.start_date.empty() && !b.start_date.empty();
  if (dated && (a.end_date < b.start_date || b.end_date < a.start_date)) return false;
  for (const char* key : {"round", "report", "year", "rate", "country"}) {
    if (a.attributes.contains(key) && b.attributes.contains(key) && a.attributes[key] != b.attributes[key]) {
      return false;
    }
  }
  return true;
}

// Whether two fragments name the same thing positively (not merely fail to differ).
bool ShareValue(const Event& a, const Event& b) {
  if (!a.place.empty() && a.place == b.place) return true;
  if (!a.start_date.empty() && !b.start_date.empty()) return true;  // Compatible already checked the overlap
  return a.attributes.contains("round") && b.attributes.contains("round");
}

}  // namespace

std::optional<int> EventExtractor::Impl::Round(std::string_view sentence, Named* where) const {
  re2::StringPiece groups[2];
  const re2::StringPiece input(sentence.data(), sentence.size());
  if (!ordinal_before_meeting->Match(input, 0, sentence.size(), RE2::UNANCHORED, groups, 2)) return std::nullopt;
  *where = {static_cast<std::size_t>(groups[0].data() - sentence.data()),
            static_cast<std::size_t>(groups[0].data() - sentence.data()) + groups[0].size()};
  const std::string ordinal(groups[1].data(), groups[1].size());
  const std::string lower = AsciiLower(ordinal);
  if (auto it = ordinals.find(lower); it != ordinals.end()) return it->second;
  int number = 0;
  if (RE2::PartialMatch(lower, "^(\\d+)", &number) && number > 0) return number;
  return std::nullopt;
}

std::string EventExtractor::Impl::PlaceIn(std::string_view sentence, Named* where) const {
  std::size_t best_position = std::string_view::npos;
  std::string best;
  for (const Place& place : places) {
    for (std::size_t at = sentence.find(place.alias); at != std::string_view::npos;
         at = sentence.find(place.alias, at + 1)) {
      const std::size_t after = at + place.alias.size();
      if (after < sentence.size() && std::isalnum(static_cast<unsigned char>(sentence[after]))) continue;
      if (at > 0 && std::isalnum(static_cast<unsigned char>(sentence[at - 1]))) continue;
      // A place stands for a government unless a preposition makes it a location ("talks with Washington").
      const std::string before = WordsBefore(sentence, 0, at, 1);
      if (before != " in " && before != " at ") continue;
      if (at < best_position) {  // longer aliases come first: kept on ties
        best_position = at;
        best = place.name;
        *where = {at, after};
      }
      break;
    }
  }
  return best;
}

std::string EventExtractor::Impl::Level(std::string_view sentence) const {
  const std::string lower = AsciiLower(sentence);
  for (const auto& [phrase, level] : levels) {
    for (std::size_t at = lower.find(phrase); at != std::string::npos; at = lower.find(phrase, at + 1)) {
      const std::size_t after = at + phrase.size();
      const bool starts_word = at == 0 || !IsWordByte(lower[at - 1]);
      const bool ends_word = after >= lower.size() || !IsWordByte(lower[after]);
      if (starts_word && ends_word) return level;
    }
  }
  return {};
}

std::vector<std::string> EventExtractor::Impl::MeetingDays(const Layout& layout, const Sentence& sentence) const {
  std::vector<std::string> days;
  for (const Located& located : sentence.mentions) {
    if (located.mention->type != "date") continue;
    const std::string before = WordsBefore(layout.text, sentence.begin, located.begin, kExclusionWindowWords);
    if (ContainsPhrase(before, date_exclusions)) continue;
    for (std::string& day : DaysOf(*located.mention)) days.push_back(std::move(day));
  }
  return days;
}

void EventExtractor::Impl::AddMeetings(const Layout& layout, std::vector<Found>& found) const {
  const std::size_t first_meeting = found.size();
  std::optional<std::size_t> main;  // the article's first identified meeting: where "the talks" refer to
  for (std::size_t i = 0; i < layout.sentences.size(); ++i) {
    const Sentence& sentence = layout.sentences[i];
    const std::string_view text = SentenceText(layout, sentence);
    if (!RE2::PartialMatch(text, *meeting_words)) continue;
    Event event;
    event.kind = "meeting";
    event.attributes = nlohmann::json::object();
    Named round_at, place_at;
    const std::optional<int> round = Round(text, &round_at);
    if (round) event.attributes["round"] = *round;
    if (std::string level = Level(text); !level.empty()) event.attributes["level"] = level;
    event.place = PlaceIn(text, &place_at);
    // A round and a place belong to one meeting unless another is named between them: in "the first technical
    // consultation that followed and a meeting with the U.S. trade minister held in Jeju", Jeju is the second's
    // ("the second round of talks was held in Geneva" names one). The round, written onto its meeting, is kept.
    if (round && !event.place.empty()) {
      const std::size_t from = std::min(round_at.end, place_at.end), to = std::max(round_at.begin, place_at.begin);
      if (from < to && RE2::PartialMatch(text.substr(from, to - from), *another_meeting)) event.place.clear();
    }
    event.participants = ValuesOf(sentence, "official", "id");
    const bool identified = event.attributes.contains("round") || !event.place.empty();
    if (identified) {
      std::vector<std::string> days = MeetingDays(layout, sentence);
      // The date may sit in the sentence before or after ("… in Washington. The talks ran from the 20th …"),
      // unless that sentence is about a meeting of its own.
      for (std::size_t neighbour : {i + 1, i - 1}) {
        if (!days.empty() || neighbour >= layout.sentences.size()) continue;
        const Sentence& other = layout.sentences[neighbour];
        if (other.paragraph != sentence.paragraph || RE2::PartialMatch(SentenceText(layout, other), *meeting_words)) {
          continue;
        }
        days = MeetingDays(layout, other);
      }
      SetDays(event, std::move(days));
    }
    Found fragment = MakeFound(layout, i, std::move(event));

    if (!identified) {
      // "The discussions were held to …", "The delegation, led by …, held discussions …": evidence and
      // participants for the article's main meeting when it continues its passage.
      if (!main) continue;
      Found& target = found[*main];
      const Sentence& last = layout.sentences[target.sentences.back()];
      if (target.sentences.back() + 1 != i && last.paragraph != sentence.paragraph) continue;
      fragment.event.attributes = nlohmann::json::object();
      // "… pushed by the Donald Trump administration" names an official who did not take part.
      if (!RE2::PartialMatch(text, *participant_cues)) fragment.event.participants.clear();
      Absorb(target.sentences, target.event, fragment.event, i);
      continue;
    }
    bool merged = false;
    for (std::size_t k = first_meeting; k < found.size() && !merged; ++k) {
      Found& existing = found[k];
      if (!Compatible(existing.event, fragment.event)) continue;
      const bool adjacent = existing.sentences.back() + 1 == i;
      if (!adjacent && !ShareValue(existing.event, fragment.event)) continue;
      Absorb(existing.sentences, existing.event, fragment.event, i);
      merged = true;
    }
    if (!merged) {
      found.push_back(std::move(fragment));
      if (!main) main = found.size() - 1;
    }
  }
}

void EventExtractor::Impl::AddReportReleases(const Layout& layout, std::vector<Found>& found) const {
  for (std::size_t i = 0; i < layout.sentences.size(); ++i) {
    const Sentence& sentence = layout.sentences[i];
    const std::string_view text = SentenceText(layout, sentence);
    re2::StringPiece verb;
    if (!RE2::PartialMatch(text, *release_words, &verb)) continue;
    for (const Report& report : reports) {
      re2::StringPiece name;
      if (!RE2::PartialMatch(text, *report.pattern, &name)) continue;
      Event event;
      event.kind = "report_release";
      event.attributes = {{"report", report.id}};
      // "the 2025 National Trade Estimate Report": the year just before the name.
      const std::size_t name_at = static_cast<std::size_t>(name.data() - text.data());
      const std::size_t window = std::min<std::size_t>(name_at, 12);
      int year = 0;
      if (RE2::PartialMatch(text.substr(name_at - window, window), "\\b((?:19|20)\\d\\d)\\b", &year)) {
        event.attributes["year"] = year;
      }
      const std::size_t verb_at = sentence.begin + static_cast<std::size_t>(verb.data() - text.data());
      const std::string day = DayOfVerb(layout, sentence, verb_at, verb_at + verb.size(), kVerbDateReach);
      // "the NTE Report published by USTR …": a participle right after the report's name cites a report released
      // before; without a date of its own it reports no release.
      const std::size_t name_end = sentence.begin + name_at + name.size();
      if (day.empty() && name_end <= verb_at && IsCitingParticiple(layout.text, name_end, verb_at, verb)) break;
      SetDays(event, day.empty() ? std::vector<std::string>{} : std::vector<std::string>{day});
      found.push_back(MakeFound(layout, i, std::move(event)));
      break;
    }
  }
}

void EventExtractor::Impl::AddTariffActions(const Layout& layout, std::vector<Found>& found) const {
  for (std::size_t i = 0; i < layout.sentences.size(); ++i) {
    const Sentence& sentence = layout.sentences[i];
    const std::string_view text = SentenceText(layout, sentence);
    re2::StringPiece verb;
    if (!RE2::PartialMatch(text, *tariff_words) || !RE2::PartialMatch(text, *tariff_action_words, &verb)) continue;
    std::optional<double> rate;
    std::string country;
    for (const Located& located : sentence.mentions) {
      if (located.mention->type != "percentage" || rate) continue;
      const nlohmann::json& value = located.mention->value;
      for (const char* key : {"number", "high"}) {
        if (!rate && value.is_object() && value.contains(key) && value[key].is_number()) rate = value[key].get<double>();
      }
      country = ValueString(value, "country");
    }
    const std::vector<std::string> products = ValuesOf(sentence, "product", "id");
    if (!rate && products.empty()) continue;
    if (country.empty()) {
      // The country a tariff applies to: in this news the United States usually imposes it, so another country
      // named in the sentence is the target.
      const std::vector<std::string> countries = ValuesOf(sentence, "country", "code");
      auto target = std::find_if(countries.begin(), countries.end(), [](const std::string& c) { return c != "US"; });
      country = target != countries.end() ? *target : (countries.empty() ? "" : countries.front());
    }
    Event event;
    event.kind = "tariff_action";
    event.attributes = nlohmann::json::object();
    if (rate) event.attributes["rate"] = *rate;
    if (!products.empty()) event.attributes["products"] = products;
    if (!country.empty()) event.attributes["country"] = country;
    const std::size_t verb_at = sentence.begin + static_cast<std::size_t>(verb.data() - text.data());
    // The day the measure takes effect ("beginning 7 February", "effective Aug. 1") over the nearest one, which
    // may be the day of the report ("published today (2 February), … impose duties … beginning 7 February").
    std::string day = EffectiveDay(layout, sentence, verb_at);
    if (day.empty()) day = NearestDay(sentence, verb_at);
    SetDays(event, day.empty() ? std::vector<std::string>{} : std::vector<std::string>{day});
    found.push_back(MakeFound(layout, i, std::move(event)));
  }
}

std::string EventExtractor::Impl::EffectiveDay(const Layout& layout, const Sentence& sentence,
                                               std::size_t verb_at) const {
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const Located& located : sentence.mentions) {
    if (located.mention->type != "date" || DaysOf(*located.mention).empty()) continue;
    // The word or two words ("as of") right before the date.
    const std::string one = WordsBefore(layout.text, sentence.begin, located.begin, 1);
    const std::string two = WordsBefore(layout.text, sentence.begin, located.begin, 2);
    const bool effective = std::any_of(effective_words.begin(), effective_words.end(), [&](const std::string& w) {
      const std::string padded = " " + AsciiLower(w) + " ";
      return one == padded || two == padded;
    });
    if (!effective) continue;
    const std::size_t distance = located.begin > verb_at ? located.begin - verb_at : verb_at - located.end;
    if (distance < best_distance) best_distance = distance, best = DaysOf(*located.mention).front();
  }
  return best;
}

void EventExtractor::Impl::AddDeadlines(const Layout& layout, std::vector<Found>& found) const {
  for (std::size_t i = 0; i < layout.sentences.size(); ++i) {
    const Sentence& sentence = layout.sentences[i];
    const std::string_view text = SentenceText(layout, sentence);
    std::string day;
    re2::StringPiece cue;
    if (RE2::PartialMatch(text, *deadline_words, &cue)) {
      day = NearestDay(sentence, sentence.begin + static_cast<std::size_t>(cue.data() - text.data()));
    }
    for (const Located& located : sentence.mentions) {  // "by July 8", "until July 8"
      if (!day.empty() || located.mention->type != "date") continue;
      const std::string before = WordsBefore(layout.text, sentence.begin, located.begin, 1);
      if (ContainsPhrase(before, deadline_prepositions) && !DaysOf(*located.mention).empty()) {
        day = DaysOf(*located.mention).front();
      }
    }
    if (day.empty()) continue;
    Event event;
    event.kind = "deadline";
    SetDays(event, {day});
    found.push_back(MakeFound(layout, i, std::move(event)));
  }
}

std::vector<Event> EventExtractor::Impl::Extract(const Article& article, const Mentions& mentions) const {
  const Layout layout = Lay(article, mentions, splitter ? &*splitter : nullptr);
  std::vector<Found> found;
  AddMeetings(layout, found);
  AddReportReleases(layout, found);
  AddTariffActions(layout, found);
  AddDeadlines(layout, found);

  // Sentences of one article that report one deadline, release or tariff action ("by July 8" twice).
  std::vector<Found> merged;
  for (Found& item : found) {
    auto same = std::find_if(merged.begin(), merged.end(), [&](const Found& kept) {
      return kept.event.kind != "meeting" && Compatible(kept.event, item.event) &&
             kept.event.start_date == item.event.start_date && kept.event.end_date == item.event.end_date;
    });
    if (same == merged.end()) {
      merged.push_back(std::move(item));
    } else {
      Absorb(same->sentences, same->event, item.event, item.sentences.front());
    }
  }

  std::set<std::string> topics;
  for (const Mention& mention : mentions) {
    if (mention.type != "barrier") continue;
    if (std::string category = ValueString(mention.value, "category"); !category.empty()) topics.insert(category);
  }
  std::vector<Event> events;
  for (Found& item : merged) {
    if (item.event.kind == "meeting" && !topics.empty()) {
      item.event.attributes["topics"] = std::vector<std::string>(topics.begin(), topics.end());
    }
    events.push_back(std::move(item.event));
  }
  return events;
}

namespace {

StatusOr<std::vector<std::string>> ReadWords(const nlohmann::json& data, const char* key) {
  return StringList(data, key, kWordsFile);
}

}  // namespace

StatusOr<EventExtractor> EventExtractor::Create(const DataFiles& files) {
  auto impl = std::make_shared<Impl>();

  std::vector<std::string> abbreviations;
  if (auto language = files.find(kLanguageFile); language != files.end()) {
    const nlohmann::json parsed = nlohmann::json::parse(language->second, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_object()) {
      return Status::InvalidArgument(std::string(kLanguageFile) + ": not a JSON object");
    }
    StatusOr<std::vector<std::string>> listed = StringList(parsed, "abbreviations", kLanguageFile);
    if (!listed.ok()) return listed.status();
    abbreviations = std::move(listed).value();
  }
  StatusOr<SentenceSplitter> splitter = SentenceSplitter::Create(std::move(abbreviations));
  if (!splitter.ok()) return splitter.status();
  impl->splitter.emplace(std::move(splitter).value());

  StatusOr<std::optional<nlohmann::json>> places = ParseDataFile(files, kPlacesFile, "places");
  if (!places.ok()) return places.status();
  if (places->has_value()) {
    const nlohmann::json& list = (**places)["places"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string where = DescribeEntry(kPlacesFile, i, list[i], "name");
      StatusOr<std::string> name = RequiredString(list[i], "name", where);
      if (!name.ok()) return name.status();
      StatusOr<std::vector<std::string>> aliases = StringList(list[i], "aliases", where);
      if (!aliases.ok()) return aliases.status();
      if (aliases->empty()) aliases->push_back(*name);
      for (const std::string& alias : *aliases) impl->places.push_back({alias, *name});
    }
    std::stable_sort(impl->places.begin(), impl->places.end(),
                     [](const Place& a, const Place& b) { return a.alias.size() > b.alias.size(); });
  }

  StatusOr<std::optional<nlohmann::json>> parsed_words = ParseDataFile(files, kWordsFile, "reports");
  if (!parsed_words.ok()) return parsed_words.status();
  const nlohmann::json words = parsed_words->value_or(nlohmann::json::object({{"reports", nlohmann::json::array()}}));

  StatusOr<std::vector<std::string>> meeting = ReadWords(words, "meeting_words");
  if (!meeting.ok()) return meeting.status();
  impl->meeting_words = WordsPattern(*meeting);

  if (words.contains("ordinals")) {
    if (!words["ordinals"].is_object()) {
      return Status::InvalidArgument(std::string(kWordsFile) + ": \"ordinals\" must map words to numbers");
    }
    for (const auto& [word, number] : words["ordinals"].items()) {
      if (!number.is_number_integer() || number.get<int>() <= 0) {
        return Status::InvalidArgument(std::string(kWordsFile) + ": ordinal \"" + word + "\" must be a positive integer");
      }
      impl->ordinals[AsciiLower(word)] = number.get<int>();
    }
  }
  std::string ordinal_alternation = "\\d{1,2}(?:st|nd|rd|th)";
  for (const auto& [word, number] : impl->ordinals) ordinal_alternation += "|" + RE2::QuoteMeta(word);
  std::string meeting_alternation;
  for (const std::string& word : *meeting) meeting_alternation += (meeting_alternation.empty() ? "" : "|") + RE2::QuoteMeta(word);
  if (meeting_alternation.empty()) meeting_alternation = "[^\\s\\S]";
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  // Up to three words between the ordinal and the meeting word: "second U.S.-Korea technical consultation".
  impl->ordinal_before_meeting = std::make_unique<RE2>(
      "\\b(" + ordinal_alternation + ")(?:\\s+\\S+){0,3}?\\s+(?:" + meeting_alternation + ")\\b", options);
  impl->another_meeting = std::make_unique<RE2>(
      "\\b(?:and|or|as well as)\\s+(?:a|an|the|another)\\s+(?:\\S+\\s+){0,3}?(?:" + meeting_alternation + ")\\b",
      options);

  if (words.contains("meeting_levels")) {
    if (!words["meeting_levels"].is_object()) {
      return Status::InvalidArgument(std::string(kWordsFile) + ": \"meeting_levels\" must map phrases to levels");
    }
    for (const auto& [phrase, level] : words["meeting_levels"].items()) {
      if (!level.is_string()) {
        return Status::InvalidArgument(std::string(kWordsFile) + ": level of \"" + phrase + "\" must be a string");
      }
      impl->levels.emplace_back(AsciiLower(phrase), level.get<std::string>());
    }
    std::stable_sort(impl->levels.begin(), impl->levels.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  }

  StatusOr<std::vector<std::string>> exclusions = ReadWords(words, "date_exclusions");
  if (!exclusions.ok()) return exclusions.status();
  impl->date_exclusions = std::move(exclusions).value();

  const nlohmann::json& reports = words["reports"];
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const std::string where = DescribeEntry(kWordsFile, i, reports[i], "id");
    StatusOr<std::string> id = RequiredString(reports[i], "id", where);
    if (!id.ok()) return id.status();
    StatusOr<std::vector<std::string>> phrases = StringList(reports[i], "phrases", where);
    if (!phrases.ok()) return phrases.status();
    if (phrases->empty()) return Status::InvalidArgument(where + ": \"phrases\" must not be empty");
    impl->reports.push_back({*id, WordsPattern(*phrases)});
  }

  struct NamedList {
    const char* key;
    std::unique_ptr<RE2>* pattern;
  };
  for (const NamedList& list : {NamedList{"release_words", &impl->release_words},
                                NamedList{"participant_cues", &impl->participant_cues},
                                NamedList{"tariff_words", &impl->tariff_words},
                                NamedList{"tariff_action_words", &impl->tariff_action_words},
                                NamedList{"deadline_words", &impl->deadline_words}}) {
    StatusOr<std::vector<std::string>> listed = ReadWords(words, list.key);
    if (!listed.ok()) return listed.status();
    *list.pattern = WordsPattern(*listed);
  }
  StatusOr<std::vector<std::string>> prepositions = ReadWords(words, "deadline_prepositions");
  if (!prepositions.ok()) return prepositions.status();
  impl->deadline_prepositions = std::move(prepositions).value();
  StatusOr<std::vector<std::string>> effective = ReadWords(words, "effective_words");
  if (!effective.ok()) return effective.status();
  impl->effective_words = std::move(effective).value();

  for (const RE2* pattern : {impl->meeting_words.get(), impl->ordinal_before_meeting.get(),
                             impl->participant_cues.get(), impl->release_words.get(),
                             impl->tariff_words.get(), impl->tariff_action_words.get(), impl->deadline_words.get()}) {
    if (!pattern->ok()) {
      return Status::InvalidArgument(std::string(kWordsFile) + ": cannot build a pattern: " + pattern->error());
    }
  }
  return EventExtractor(std::move(impl));
}

std::vector<Event> EventExtractor::Extract(const Article& article, const Mentions& mentions) const {
  return impl_->Extract(article, mentions);
}


}  // namespace tradewire
