#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "extractors/events/events.h"
#include "extractors/events/merge.h"
#include "extractors/text/utf8.h"
#include "pipeline/data_files.h"

namespace tradewire {
namespace {

const EventExtractor& Extractor() {
  static const EventExtractor extractor = [] {
    StatusOr<DataFiles> files = LoadDataFiles(TRADEWIRE_SOURCE_DIR "/schemas");
    REQUIRE(files.ok());
    StatusOr<EventExtractor> built = EventExtractor::Create(*files);
    INFO(built.status().ToString());
    REQUIRE(built.ok());
    return std::move(built).value();
  }();
  return extractor;
}

// Builds the mentions of an inline text the way the taggers would, from surface strings.
class Tagged {
 public:
  explicit Tagged(std::string text) { article_.text = std::move(text); }

  // Tags the `occurrence`-th appearance of `surface`.
  Tagged& Add(const std::string& surface, std::string type, nlohmann::json value, int occurrence = 0) {
    std::size_t at = article_.text.find(surface);
    for (int i = 0; i < occurrence && at != std::string::npos; ++i) at = article_.text.find(surface, at + 1);
    INFO("surface \"" << surface << "\" occurrence " << occurrence);
    REQUIRE(at != std::string::npos);
    const CharOffsetMap chars(article_.text);
    mentions_.push_back(Mention{std::move(type), chars.ToChar(at), chars.ToChar(at + surface.size()), surface,
                                std::move(value)});
    return *this;
  }
  Tagged& Date(const std::string& surface, const std::string& day, int occurrence = 0) {
    return Add(surface, "date", {{"value", day}, {"timex_type", "DATE"}}, occurrence);
  }
  Tagged& Official(const std::string& surface, const std::string& id) {
    return Add(surface, "official", {{"name", surface}, {"id", id}});
  }

  std::vector<Event> Events() {
    std::sort(mentions_.begin(), mentions_.end(), [](const Mention& a, const Mention& b) { return a.start < b.start; });
    return Extractor().Extract(article_, mentions_);
  }
  const std::string& text() const { return article_.text; }

 private:
  Article article_;
  Mentions mentions_;
};

std::vector<Event> OfKind(const std::vector<Event>& events, const std::string& kind) {
  std::vector<Event> out;
  std::copy_if(events.begin(), events.end(), std::back_inserter(out), [&](const Event& e) { return e.kind == kind; });
  return out;
}

// The meeting with this round, or fails the test.
Event Round(const std::vector<Event>& events, int round) {
  for (const Event& event : OfKind(events, "meeting")) {
    if (event.attributes.value("round", 0) == round) return event;
  }
  FAIL("no meeting of round " << round);
  return {};
}

// Seed 001 (Korean wire copy): the round concluded "on the 22nd".
std::vector<Event> Seed001() {
  Tagged article(
      "The United States and South Korea concluded the second round of technical discussions regarding tariffs on "
      "the 22nd (local time) in Washington, D.C. The discussions were held to coordinate item-specific tariffs and "
      "the reciprocal tariff system pushed by the Donald Trump administration.\n\n"
      "The South Korean delegation, led by Director General Jang Sung-gil of the Ministry of Trade, Industry and "
      "Energy, held discussions with the U.S. Trade Representative (USTR) and the Department of Commerce over "
      "three days. This is a follow-up to the ministerial-level trade meeting held in Jeju on the 16th.\n\n"
      "The U.S. side is said to have raised specific issues, such as legislative trends regarding network usage "
      "fees.\n\n"
      "As of now, the schedule for the third round of technical discussions has not been set.\n\n"
      "Previously, the government conveyed its position to organize key issues regarding tariffs by July 8, when "
      "the reciprocal tariff grace period from the U.S. ends.\n\n"
      "The Trump administration has currently set a '25% reciprocal tariff' for South Korea, which includes a "
      "standard tariff of 10% plus a country-specific differential tariff of 15%.");
  article.Date("the 22nd", "2025-05-22")
      .Official("Jang Sung-gil", "kr-jang-sung-gil")
      .Date("the 16th", "2025-05-16")
      .Add("network usage fees", "barrier", {{"category", "digital_trade"}, {"mast", nullptr}})
      .Date("July 8", "2025-07-08")
      .Add("25%", "percentage", {{"number", 25}, {"unit", "percent"}})
      .Add("South Korea", "country", {{"code", "KR"}}, 2)
      .Add("10%", "percentage", {{"number", 10}, {"unit", "percent"}});
  return article.Events();
}

// Seed 002 (Korean newspaper): "held in Washington, D.C., from the 20th to the 22nd".
std::vector<Event> Seed002() {
  Tagged article(
      "Minister Ahn Duk-geun shakes hands with Jamieson Greer at the International Convention Center Jeju on Oct. "
      "16. /Courtesy of Ministry of Trade, Industry and Energy\n\n"
      "The second U.S.-Korea technical consultation, held in Washington, D.C., from the 20th to the 22nd, was "
      "held in a form of \"preliminary battle\" to confirm the interests of both sides.\n\n"
      "The trade official said, \"During the second technical consultation, we discussed six key areas.\"\n\n"
      "The third U.S.-Korea technical consultation is expected to take place after the presidential election on "
      "June 3.\n\n"
      "It remains uncertain whether the trade agreement can be finalized before July 8, the date designated by the "
      "U.S. side for the expiration of the reciprocal tariff suspension.\n\n"
      "The official remarked, \"It will be difficult for all countries to meet the deadline by July 8.\"");
  article.Official("Ahn Duk-geun", "kr-ahn-duk-geun")
      .Date("Oct. 16", "2024-10-16")
      .Date("the 20th", "2025-05-20")
      .Date("the 22nd", "2025-05-22")
      .Date("June 3", "2025-06-03")
      .Date("July 8", "2025-07-08")
      .Date("July 8", "2025-07-08", 1);
  return article.Events();
}

// Seed 003 (English daily, published 20 May): "in Washington from Tuesday to Thursday", then "The talks … mark
// the second round".
std::vector<Event> Seed003() {
  Tagged article(
      "Seoul, Washington to hold last round of trade talks before June 3 election\n\n"
      "Officials from Korea and the United States will hold working-level consultations in Washington from "
      "Tuesday to Thursday to negotiate the reduction of reciprocal and item-specific tariffs, including those on "
      "steel, automobiles and semiconductors.\n\n"
      "The talks, led by Chang Sung-gil, director general for trade policy at the Ministry of Trade, Industry and "
      "Energy, mark the second round of technical discussions with the Office of the United States Trade "
      "Representative. Officials expect this to be the final in-person meeting before Korea’s presidential "
      "election on June 3.");
  article.Date("June 3", "2025-06-03")
      .Date("Tuesday", "2025-05-20")
      .Date("Thursday", "2025-05-22")
      .Add("steel", "product", {{"id", "steel"}, {"name", "steel"}})
      .Official("Chang Sung-gil", "kr-jang-sung-gil")
      .Date("June 3", "2025-06-03", 1);
  return article.Events();
}

TEST_CASE("Seed 001 yields the second round in Washington, the Jeju meeting, a deadline and a tariff") {
  const std::vector<Event> events = Seed001();
  const Event second = Round(events, 2);
  CHECK(second.place == "Washington");
  CHECK(second.start_date == "2025-05-22");
  CHECK(second.end_date == "2025-05-22");
  CHECK(second.attributes["level"] == "technical");
  CHECK(second.participants == std::vector<std::string>{"kr-jang-sung-gil"});
  CHECK(second.attributes["topics"] == nlohmann::json::array({"digital_trade"}));
  REQUIRE(second.evidence.size() == 3);  // the lead, "The discussions were held …", "The delegation, led by …"
  CHECK(second.evidence[0].text.starts_with("The United States and South Korea concluded"));
  CHECK(second.evidence[2].text.find("Jang Sung-gil") != std::string::npos);

  const std::vector<Event> meetings = OfKind(events, "meeting");
  auto jeju = std::find_if(meetings.begin(), meetings.end(), [](const Event& e) { return e.place == "Jeju"; });
  REQUIRE(jeju != meetings.end());
  CHECK(jeju->start_date == "2025-05-16");
  CHECK(jeju->attributes["level"] == "ministerial");
  CHECK_FALSE(jeju->attributes.contains("round"));

  const Event third = Round(events, 3);  // scheduled but undated
  CHECK(third.start_date.empty());
  CHECK(meetings.size() == 3);

  const std::vector<Event> deadlines = OfKind(events, "deadline");
  REQUIRE(deadlines.size() == 1);
  CHECK(deadlines[0].start_date == "2025-07-08");

  const std::vector<Event> tariffs = OfKind(events, "tariff_action");
  REQUIRE(tariffs.size() == 1);
  CHECK(events.size() == 5);  // nothing else: "talks continue in subsequent meetings" is no event of its own
  CHECK(tariffs[0].attributes["rate"] == 25);
  CHECK(tariffs[0].attributes["country"] == "KR");
}

TEST_CASE("Seed 002 yields the second round from the 20th to the 22nd, once, and the third round undated") {
  const std::vector<Event> events = Seed002();
  const Event second = Round(events, 2);
  CHECK(second.place == "Washington");
  CHECK(second.start_date == "2025-05-20");
  CHECK(second.end_date == "2025-05-22");
  CHECK(second.evidence.size() == 2);  // "During the second technical consultation" joins it
  const Event third = Round(events, 3);
  CHECK(third.start_date.empty());  // "after the presidential election on June 3" is not its date
  CHECK(OfKind(events, "meeting").size() == 2);  // the photo caption in Jeju reports no meeting
  const std::vector<Event> deadlines = OfKind(events, "deadline");
  REQUIRE(deadlines.size() == 1);  // "expiration … July 8" and "the deadline by July 8" are one deadline
  CHECK(deadlines[0].start_date == "2025-07-08");
  CHECK(deadlines[0].evidence.size() == 2);
  CHECK(events.size() == 3);
}

TEST_CASE("A round and a place with another meeting named between them are not one meeting") {
  const std::vector<Event> events =
      Tagged("During last month's meeting of finance ministers, as well as in the first technical consultation that "
             "followed and a meeting with the U.S. trade minister held in Jeju, no proposal was made.")
          .Events();
  const Event first = Round(events, 1);
  CHECK(first.place.empty());  // Jeju is where the other meeting was held
  const std::vector<Event> joined =
      Tagged("The first technical consultation was held in Washington.").Events();
  CHECK(Round(joined, 1).place == "Washington");
}

TEST_CASE("Seed 003 yields one meeting from the lead and the sentence that names its round") {
  const std::vector<Event> events = Seed003();
  const std::vector<Event> meetings = OfKind(events, "meeting");
  REQUIRE(meetings.size() == 1);  // the headline names no round or place: not an event of its own
  const Event& meeting = meetings[0];
  CHECK(meeting.attributes["round"] == 2);
  CHECK(meeting.place == "Washington");
  CHECK(meeting.start_date == "2025-05-20");
  CHECK(meeting.end_date == "2025-05-22");
  CHECK(meeting.participants == std::vector<std::string>{"kr-jang-sung-gil"});
  CHECK(events.size() == 1);  // negotiating a reduction of tariffs is not a tariff action
}

TEST_CASE("The second round reported by seeds 001, 002 and 003 is one event") {
  const Event a = Round(Seed001(), 2);
  const Event b = Round(Seed002(), 2);
  const Event c = Round(Seed003(), 2);
  CHECK(SameEvent(a, b));
  CHECK(SameEvent(b, c));
  CHECK(SameEvent(a, c));
  CHECK(SameEvent(c, a));
  const std::vector<std::string> keys_a = EventBlockingKeys(a);
  for (const Event& other : {b, c}) {
    const std::vector<std::string> keys = EventBlockingKeys(other);
    CHECK(std::any_of(keys.begin(), keys.end(), [&](const std::string& key) {
      return std::find(keys_a.begin(), keys_a.end(), key) != keys_a.end();
    }));
  }
  const Event merged = MergeEvents(MergeEvents(a, b), c);
  CHECK(merged.kind == "meeting");
  CHECK(merged.attributes["round"] == 2);
  CHECK(merged.place == "Washington");
  CHECK(merged.start_date == "2025-05-20");
  CHECK(merged.end_date == "2025-05-22");
  CHECK(merged.participants == std::vector<std::string>{"kr-jang-sung-gil"});
  CHECK(merged.evidence == a.evidence);  // evidence stays with its article
}

TEST_CASE("Other meetings of the seeds do not merge with the second round") {
  const std::vector<Event> seed001 = Seed001();
  const Event second = Round(seed001, 2);
  for (const Event& other : OfKind(seed001, "meeting")) {
    if (other.attributes.value("round", 0) != 2) CHECK_FALSE(SameEvent(second, other));
  }
  CHECK_FALSE(SameEvent(Round(seed001, 3), Round(Seed002(), 3)));  // undated: could be any negotiation's
  const Event deadline_001 = OfKind(seed001, "deadline").at(0);
  const Event deadline_002 = OfKind(Seed002(), "deadline").at(0);
  CHECK(SameEvent(deadline_001, deadline_002));
  CHECK_FALSE(SameEvent(deadline_001, second));
}

Event Meeting(int round, std::string place, std::string start, std::string end, std::vector<std::string> people) {
  Event event;
  event.kind = "meeting";
  event.place = std::move(place);
  event.start_date = std::move(start);
  event.end_date = std::move(end);
  event.participants = std::move(people);
  event.attributes = {{"round", round}};
  return event;
}

TEST_CASE("SameEvent needs kind, dates, place, round and participants to agree") {
  const Event second = Meeting(2, "Washington", "2025-05-20", "2025-05-22", {"kr-jang-sung-gil"});
  CHECK(SameEvent(second, Meeting(2, "", "2025-05-22", "2025-05-22", {})));  // missing values do not contradict
  CHECK_FALSE(SameEvent(second, Meeting(3, "Washington", "2025-05-20", "2025-05-22", {})));   // round
  CHECK_FALSE(SameEvent(second, Meeting(2, "Seoul", "2025-05-20", "2025-05-22", {})));        // place
  CHECK_FALSE(SameEvent(second, Meeting(2, "Washington", "2025-06-10", "2025-06-12", {})));   // dates
  CHECK_FALSE(SameEvent(second, Meeting(2, "Washington", "2025-05-23", "2025-05-23", {})));   // adjacent day
  CHECK_FALSE(SameEvent(second, Meeting(2, "Washington", "2025-05-20", "2025-05-22", {"us-greer"})));  // people
  CHECK(SameEvent(second, Meeting(2, "Washington", "2025-05", "", {})));  // a month contains the days
  CHECK_FALSE(SameEvent(second, Meeting(2, "Washington", "", "", {})));  // undated
  Event deadline = second;
  deadline.kind = "deadline";
  CHECK_FALSE(SameEvent(second, deadline));
}

TEST_CASE("SameEvent compares tariff actions by rate, country and products") {
  Event tariff;
  tariff.kind = "tariff_action";
  tariff.start_date = tariff.end_date = "2025-08-01";
  tariff.attributes = {{"rate", 25}, {"country", "KR"}, {"products", {"autos", "steel"}}};
  Event same = tariff;
  same.attributes = {{"rate", 25}, {"products", {"steel"}}};
  CHECK(SameEvent(tariff, same));
  Event other_rate = tariff;
  other_rate.attributes["rate"] = 15;
  CHECK_FALSE(SameEvent(tariff, other_rate));
  Event other_products = tariff;
  other_products.attributes["products"] = {"semiconductors"};
  CHECK_FALSE(SameEvent(tariff, other_products));
}

TEST_CASE("EventBlockingKeys covers every month an event spans") {
  CHECK(EventBlockingKeys(Meeting(2, "Washington", "2025-05-20", "2025-05-22", {})) ==
        std::vector<std::string>{"meeting|2025-05"});
  CHECK(EventBlockingKeys(Meeting(2, "", "2025-12-30", "2026-01-02", {})) ==
        std::vector<std::string>{"meeting|2025-12", "meeting|2026-01"});
  CHECK(EventBlockingKeys(Meeting(2, "", "", "2025-05-22", {})) == std::vector<std::string>{"meeting|2025-05"});
  CHECK(EventBlockingKeys(Meeting(2, "", "", "", {})).empty());
  CHECK(EventBlockingKeys(Meeting(2, "", "2025-W21", "", {})).empty());  // not comparable by day
}

TEST_CASE("MergeEvents unites dates, participants and lists, and known values win") {
  Event kept = Meeting(2, "", "2025-05-22", "2025-05-22", {"kr-jang-sung-gil"});
  kept.attributes["topics"] = {"digital_trade"};
  Event incoming = Meeting(2, "Washington", "2025-05-20", "2025-05-22", {"us-greer"});
  incoming.attributes["topics"] = {"sanitary_phytosanitary", "digital_trade"};
  incoming.attributes["level"] = "technical";
  const Event merged = MergeEvents(kept, incoming);
  CHECK(merged.place == "Washington");
  CHECK(merged.start_date == "2025-05-20");
  CHECK(merged.end_date == "2025-05-22");
  CHECK(merged.participants == std::vector<std::string>{"kr-jang-sung-gil", "us-greer"});
  CHECK(merged.attributes["topics"] == nlohmann::json::array({"digital_trade", "sanitary_phytosanitary"}));
  CHECK(merged.attributes["level"] == "technical");
  CHECK(MergeEvents(Meeting(2, "", "", "", {}), kept).start_date == "2025-05-22");
}

TEST_CASE("A report's release is an event with the report's name and year") {
  Tagged article(
      "Seoul, April 1 (Yonhap) -- The government will persist in talks with Washington. Earlier today, the USTR "
      "published the 2025 National Trade Estimate Report on Foreign Trade Barriers (NTE), which is expected to "
      "shape tariffs due on Wednesday.");
  article.Date("April 1", "2025-04-01").Date("Earlier today", "2025-04-01").Date("Wednesday", "2025-04-02");
  const std::vector<Event> events = article.Events();
  const std::vector<Event> releases = OfKind(events, "report_release");
  REQUIRE(releases.size() == 1);
  CHECK(releases[0].attributes["report"] == "NTE");
  CHECK(releases[0].attributes["year"] == 2025);
  CHECK(releases[0].start_date == "2025-04-01");  // the date nearest the verb, not Wednesday's
  CHECK(OfKind(events, "meeting").empty());  // "talks with Washington": no place, no round
}

TEST_CASE("A tariff action records rate, products, target country and effective date") {
  Tagged article(
      "The US decided to impose safeguard duties on imports of solar cells and washing machines from all trading "
      "partners, including Korea, beginning 7 February.");
  article.Add("US", "country", {{"code", "US"}})
      .Add("solar cells", "product", {{"id", "solar-cells"}, {"name", "solar cells"}})
      .Add("washing machines", "product", {{"id", "washers"}, {"name", "washing machines"}})
      .Add("Korea", "country", {{"code", "KR"}})
      .Date("7 February", "2018-02-07");
  const std::vector<Event> tariffs = OfKind(article.Events(), "tariff_action");
  REQUIRE(tariffs.size() == 1);
  CHECK(tariffs[0].attributes["products"] == nlohmann::json::array({"solar-cells", "washers"}));
  CHECK(tariffs[0].attributes["country"] == "KR");
  CHECK_FALSE(tariffs[0].attributes.contains("rate"));
  CHECK(tariffs[0].start_date == "2018-02-07");
}

TEST_CASE("A report cited by a participle is no release, a date belongs to the release verb only") {
  // Seed 002: "on the 26th" dates the official's return, and "the … Report published by USTR" cites a report
  // released weeks before.
  Tagged cited(
      "According to a government trade official who returned after holding technical consultations in the U.S. on "
      "the 26th, the U.S. side mentioned the contents included in the \"National Trade Estimate (NTE) Report\" "
      "published by the Office of the United States Trade Representative (USTR) during this round of technical "
      "consultations.");
  cited.Date("the 26th", "2025-05-26");
  CHECK(OfKind(cited.Events(), "report_release").empty());

  // A participle with a date of its own does report the release.
  Tagged dated("The NTE report, released on March 31, lists 21 barriers in Korea.");
  dated.Date("March 31", "2025-03-31");
  const std::vector<Event> releases = OfKind(dated.Events(), "report_release");
  REQUIRE(releases.size() == 1);
  CHECK(releases[0].start_date == "2025-03-31");

  // A finite release verb is a release even undated; a date across another verb ("returned … said") is not its.
  Tagged across("The official who returned on Monday said the USTR published the NTE report.");
  across.Date("Monday", "2025-05-26");
  const std::vector<Event> undated = OfKind(across.Events(), "report_release");
  REQUIRE(undated.size() == 1);
  CHECK(undated[0].start_date.empty());
}

TEST_CASE("A tariff action is dated by its effective date over the report's day") {
  // Seed 004: the report is dated 2 February; the safeguard duties apply "beginning 7 February".
  Tagged article(
      "In the firm's trade report, published today (2 February), it claims the Korean trade ministry raised concerns "
      "about trade remedies, particularly the US decision to impose safeguard duties on imports of solar cells and "
      "clothes washers from virtually all trading partners, including Korea, beginning 7 February.");
  article.Date("today", "2018-02-02")
      .Date("2 February", "2018-02-02")
      .Add("US", "country", {{"code", "US"}})
      .Add("solar cells", "product", {{"id", "solar-cells"}, {"name", "solar cells"}})
      .Add("clothes washers", "product", {{"id", "washers"}, {"name", "clothes washers"}})
      .Add("Korea", "country", {{"code", "KR"}}, 1)
      .Date("7 February", "2018-02-07");
  const std::vector<Event> tariffs = OfKind(article.Events(), "tariff_action");
  REQUIRE(tariffs.size() == 1);
  CHECK(tariffs[0].start_date == "2018-02-07");
  CHECK(tariffs[0].attributes["country"] == "KR");

  // "as of" is an effective phrase too; without any, the date nearest the verb stays the one.
  Tagged as_of("Tariffs of 25% on steel apply as of March 12, the ministry said Friday.");
  as_of.Add("25%", "percentage", {{"number", 25}, {"unit", "percent"}})
      .Date("March 12", "2025-03-12")
      .Date("Friday", "2025-03-07");
  REQUIRE(OfKind(as_of.Events(), "tariff_action").size() == 1);
  CHECK(OfKind(as_of.Events(), "tariff_action")[0].start_date == "2025-03-12");
  Tagged plain("The ministry said Friday the US raised tariffs on steel to 25%.");
  plain.Date("Friday", "2025-03-07").Add("25%", "percentage", {{"number", 25}, {"unit", "percent"}});
  REQUIRE(OfKind(plain.Events(), "tariff_action").size() == 1);
  CHECK(OfKind(plain.Events(), "tariff_action")[0].start_date == "2025-03-07");
}

TEST_CASE("Evidence offsets are code points into the article text") {
  Tagged article("Überblick — “Handel”.\n\nThe second round of talks was held in Geneva on the 3rd.");
  article.Date("the 3rd", "2025-06-03");
  const std::vector<Event> events = article.Events();
  REQUIRE(events.size() == 1);
  const Evidence& evidence = events[0].evidence.at(0);
  CHECK(evidence.text == "The second round of talks was held in Geneva on the 3rd.");
  const std::size_t byte_start = article.text().find("The second");
  CHECK(evidence.start == CodePointCount(std::string_view(article.text()).substr(0, byte_start)));
  CHECK(evidence.end - evidence.start == CodePointCount(evidence.text));
  CHECK(events[0].place == "Geneva");
}

TEST_CASE("Mentions outside the text and texts without sentences are ignored") {
  Article article;
  article.text = "";
  Mentions mentions{Mention{"date", 5, 9, "June", {{"value", "2025-06-01"}}}};
  CHECK(Extractor().Extract(article, mentions).empty());
  article.text = "Talks.";
  CHECK(Extractor().Extract(article, mentions).empty());
}

TEST_CASE("EventExtractor::Create names the malformed file and entry") {
  DataFiles files;
  files["gazetteers/places.json"] = R"({"places": [{"name": "Seoul"}, {"aliases": ["Busan"]}]})";
  StatusOr<EventExtractor> missing_name = EventExtractor::Create(files);
  REQUIRE_FALSE(missing_name.ok());
  CHECK(missing_name.status().code() == Status::Code::kInvalidArgument);
  CHECK(missing_name.status().message().find("gazetteers/places.json: entry 2") != std::string::npos);

  files["gazetteers/places.json"] = "{not json";
  StatusOr<EventExtractor> broken = EventExtractor::Create(files);
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.status().message().find("gazetteers/places.json") != std::string::npos);

  files["gazetteers/places.json"] = R"({"places": []})";
  files["taxonomy/events.json"] = R"({"reports": [], "ordinals": {"second": "two"}})";
  StatusOr<EventExtractor> bad_ordinal = EventExtractor::Create(files);
  REQUIRE_FALSE(bad_ordinal.ok());
  CHECK(bad_ordinal.status().message().find("taxonomy/events.json: ordinal \"second\"") != std::string::npos);

  files["taxonomy/events.json"] = R"({"reports": [{"id": "NTE", "phrases": []}]})";
  StatusOr<EventExtractor> no_phrases = EventExtractor::Create(files);
  REQUIRE_FALSE(no_phrases.ok());
  CHECK(no_phrases.status().message().find("entry 1 (\"NTE\")") != std::string::npos);

  files["taxonomy/events.json"] = R"({"reports": [], "meeting_words": "talks"})";
  StatusOr<EventExtractor> not_a_list = EventExtractor::Create(files);
  REQUIRE_FALSE(not_a_list.ok());
  CHECK(not_a_list.status().message().find("meeting_words") != std::string::npos);
}

TEST_CASE("Without event words nothing is extracted") {
  StatusOr<EventExtractor> empty = EventExtractor::Create(DataFiles{});
  REQUIRE(empty.ok());
  Article article;
  article.text = "The second round of talks was held in Geneva.";
  CHECK(empty->Extract(article, {}).empty());
}

}  // namespace
}  // namespace tradewire
