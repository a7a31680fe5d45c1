#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>
#include <string>
#include <vector>

#include "extractors/tag/gazetteer.h"
#include "extractors/tag/money.h"
#include "extractors/tag/officials.h"
#include "extractors/tag/percentages.h"
#include "extractors/tag/sentences.h"
#include "extractors/tag/start_filter.h"
#include "extractors/tag/taggers.h"
#include "extractors/tag/text_index.h"
#include "pipeline/data_files.h"

namespace tradewire {
namespace {

const DataFiles& SchemaFiles() {
  static const DataFiles files = [] {
    StatusOr<DataFiles> loaded = LoadDataFiles(TRADEWIRE_SOURCE_DIR "/schemas");
    REQUIRE(loaded.ok());
    return std::move(loaded).value();
  }();
  return files;
}

const Taggers& SchemaTaggers() {
  static const Taggers taggers = [] {
    StatusOr<Taggers> built = Taggers::Create(SchemaFiles());
    INFO(built.status().ToString());
    REQUIRE(built.ok());
    return std::move(built).value();
  }();
  return taggers;
}

Mentions Tag(std::string text) {
  Article article;
  article.text = std::move(text);
  return SchemaTaggers().Tag(article, "2025-05-20");
}

const Mention* Find(const Mentions& mentions, std::string_view type, std::string_view surface) {
  for (const Mention& mention : mentions) {
    if (mention.type == type && mention.text == surface) return &mention;
  }
  return nullptr;
}

TEST_CASE("Officials after titles resolve to gazetteer ids") {
  Mentions m = Tag("Industry Minister Ahn Duk-geun and Trade Minister Cheong In-kyo met USTR Jamieson Greer.");
  REQUIRE(Find(m, "official", "Ahn Duk-geun"));
  CHECK(Find(m, "official", "Ahn Duk-geun")->value["id"] == "kr-ahn-duk-geun");
  REQUIRE(Find(m, "official", "Cheong In-kyo"));
  CHECK(Find(m, "official", "Cheong In-kyo")->value["org"] == "MOTIE");
  REQUIRE(Find(m, "official", "Jamieson Greer"));
  CHECK(Find(m, "official", "Jamieson Greer")->value["id"] == "us-jamieson-greer");
}

TEST_CASE("Romanization variants, given-name order and misspellings resolve to one person") {
  Mentions m = Tag("Director General Jang Sung-gil led talks. Deputy Minister Myung-hee Yoo attended. "
                   "U.S. Secretary of the Treasury Scott Bechennt noted it.");
  REQUIRE(Find(m, "official", "Jang Sung-gil"));
  CHECK(Find(m, "official", "Jang Sung-gil")->value["id"] == "kr-chang-sung-gil");
  REQUIRE(Find(m, "official", "Myung-hee Yoo"));
  CHECK(Find(m, "official", "Myung-hee Yoo")->value["id"] == "kr-yoo-myung-hee");
  REQUIRE(Find(m, "official", "Scott Bechennt"));
  CHECK(Find(m, "official", "Scott Bechennt")->value["id"] == "us-scott-bessent");
}

TEST_CASE("Surname-only mentions link to the full name, common words and bylines are not officials") {
  Mentions m = Tag("Trade Minister Park Jong-won spoke. Park said talks went well. The plant is in an industrial "
                   "park.\n\nBY JEONG JAE-HONG");
  const Mention* full = Find(m, "official", "Park Jong-won");
  REQUIRE(full);
  CHECK(full->value["id"].get<std::string>().rfind("x-", 0) == 0);
  const Mention* surname = Find(m, "official", "Park");
  REQUIRE(surname);
  CHECK(surname->value["id"] == full->value["id"]);
  int officials = 0;
  for (const Mention& mention : m) officials += mention.type == "official";
  CHECK(officials == 2);
}

TEST_CASE("A name takes the longest title the text allows, whatever the script of the name") {
  // ASCII matches are read without RE2's backtracker, the others with it: both must read the same groups.
  for (std::string name : {"Kim Min-su", "Kim Mün-su"}) {
    INFO(name);
    Mentions m = Tag("Deputy Trade Minister " + name + " arrived. " + name +
                     ", Minister of Trade, Industry and Energy, spoke.\n\nLee Ho-jin, the deputy director general for "
                     "trade policy, agreed.");
    const Mention* deputy = Find(m, "official", name);
    REQUIRE(deputy);
    CHECK(deputy->value["title"] == "Deputy Minister");  // not "Trade Minister" nor "Minister"
    const Mention* lee = Find(m, "official", "Lee Ho-jin");
    REQUIRE(lee);
    CHECK(lee->value["title"] == "Director General");
  }
  Mentions m = Tag("Park Hee-sung, Minister of Trade, Industry and Energy, spoke.");
  const Mention* park = Find(m, "official", "Park Hee-sung");
  REQUIRE(park);
  CHECK(park->value["title"] == "Industry Minister");
}

TEST_CASE("Percentages carry number or range, unit and the phrase they qualify") {
  Mentions m = Tag("The Trump administration has set a '25% reciprocal tariff' for South Korea, which includes a "
                   "standard tariff of 10%. About 80 percent of tariffs on bilateral trade in industrial and consumer "
                   "goods have been removed. Rates rose from 10% to 25%. Spreads widened 50 basis points.");
  const Mention* reciprocal = Find(m, "percentage", "25%");
  REQUIRE(reciprocal);
  CHECK(reciprocal->value["number"] == 25);
  CHECK(reciprocal->value["of"] == "reciprocal tariff");
  CHECK(reciprocal->value["country"] == "KR");
  REQUIRE(Find(m, "percentage", "10%"));
  CHECK(Find(m, "percentage", "10%")->value["of"] == "standard tariff");
  REQUIRE(Find(m, "percentage", "80 percent"));
  CHECK(Find(m, "percentage", "80 percent")->value["of"] ==
        "tariffs on bilateral trade in industrial and consumer goods");
  REQUIRE(Find(m, "percentage", "10% to 25%"));
  CHECK(Find(m, "percentage", "10% to 25%")->value["low"] == 10);
  CHECK(Find(m, "percentage", "50 basis points")->value["unit"] == "basis_point");
  // A unit may touch the digits; a number word must be a word of its own; the unit may come far into a range.
  Mentions glued =
      Tag("Duties rose 25pct, not twentypercent, and then between twenty-seven and thirty-eight per cent.");
  REQUIRE(Find(glued, "percentage", "25pct"));
  CHECK(Find(glued, "percentage", "25pct")->value["number"] == 25);
  CHECK_FALSE(Find(glued, "percentage", "twentypercent"));
  REQUIRE(Find(glued, "percentage", "twenty-seven and thirty-eight per cent"));
  CHECK(Find(glued, "percentage", "twenty-seven and thirty-eight per cent")->value["high"] == 38);
}

TEST_CASE("Near misses are not percentages, a share of respondents is not a tariff") {
  Mentions m = Tag("Article 25 of the agreement applies. About 15 percent of respondents said so.");
  int percentages = 0;
  for (const Mention& mention : m) percentages += mention.type == "percentage";
  CHECK(percentages == 1);
  REQUIRE(Find(m, "percentage", "15 percent"));
  CHECK(Find(m, "percentage", "15 percent")->value["of"] == "respondents");
}

// The country a percentage reports: the one the rate is imposed on, read from how the sentence links a country to
// the figure (see extractors/tag/figure_country.h).
std::string CountryOf(const std::string& text, std::string_view figure) {
  Mentions m = Tag(text);
  const Mention* mention = Find(m, "percentage", figure);
  REQUIRE(mention);
  return mention->value.contains("country") ? mention->value["country"].get<std::string>() : "";
}

TEST_CASE("A percentage's country is the one the rate is imposed on, not the imposer") {
  // Seed 003: only the United States is named, in another clause, as where imports come from; the subject Seoul
  // (the government) seeks relief from the tariff.
  CHECK(CountryOf("Seoul intends to emphasize its willingness to pursue trade balance by expanding imports from the "
                  "United States, as well as the strategic importance of bilateral industrial cooperation — "
                  "particularly in shipbuilding, a key interest for Washington — in an effort to obtain waivers or "
                  "significant reductions in the 25 percent reciprocal tariffs and item-specific tariffs on "
                  "automobiles, steel and semiconductors.",
                  "25 percent") == "KR");
  // Linked after the figure, by a preposition or through a demonym; the imposer comes first and loses.
  CHECK(CountryOf("The United States imposed 25% tariffs on Korean steel.", "25%") == "KR");
  CHECK(CountryOf("The United States imposed a 25% reciprocal tariff for South Korea.", "25%") == "KR");
  CHECK(CountryOf("The European Union slapped a 10% duty against Japan last year.", "10%") == "JP");
  // Linked before the figure, inside a phrase that hangs on the rate noun.
  CHECK(CountryOf("Washington raised tariffs on Japanese cars to 25 percent.", "25 percent") == "JP");
  CHECK(CountryOf("The U.S. will lift its duty on imports from China to 30%.", "30%") == "CN");
  // A possessive or a country written on the rate is its imposer; the target is the other one.
  CHECK(CountryOf("Korea's 25% tariff on U.S. beef was cut.", "25%") == "US");
  CHECK(CountryOf("U.S. tariffs of 25% hit China hard.", "25%") == "CN");
  // Nothing links: the nearest country that is not the imposer.
  CHECK(CountryOf("With Kuwait now annexed, Iraq has control of 20 percent of the world's oil reserves.",
                  "20 percent") == "IQ");
  CHECK(CountryOf("Korea faces a 25% tariff.", "25%") == "KR");
}

TEST_CASE("The words a percentage's country is read by are data: an analyst's edit to language.json takes effect") {
  const std::string sentence = "Washington said it would enact a 25% tariff.";
  CHECK(CountryOf(sentence, "25%") == "US");  // "enact" is not an imposing verb: the subject is read as the target
  DataFiles files = SchemaFiles();
  nlohmann::json language = nlohmann::json::parse(files.at("taxonomy/language.json"));
  language["imposing_verbs"].push_back("Enact");
  files["taxonomy/language.json"] = language.dump();
  StatusOr<Taggers> edited = Taggers::Create(files);
  REQUIRE(edited.ok());
  Article article;
  article.text = sentence;
  Mentions mentions = edited->Tag(article, "2025-05-20");
  const Mention* figure = Find(mentions, "percentage", "25%");
  REQUIRE(figure);
  CHECK_FALSE(figure->value.contains("country"));

  language["target_prepositions"].push_back("notwithstandingly");
  files["taxonomy/language.json"] = language.dump();
  StatusOr<Taggers> refused = Taggers::Create(files);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.status().message(), Catch::Contains("language.json") && Catch::Contains("notwithstandingly"));
}

TEST_CASE("Near misses: no country rather than the imposer or one cut off from the figure") {
  CHECK(CountryOf("The United States imposed a 25% tariff.", "25%").empty());
  CHECK(CountryOf("Washington said it would impose a 25% tariff.", "25%").empty());
  CHECK(CountryOf("Tariffs imposed by the United States reached 25% in May.", "25%").empty());
  CHECK(CountryOf("Officials from Korea and the United States met on Tuesday; a 10% tariff remains.", "10%").empty());
  CHECK(CountryOf("Talks were held in Seoul about a 25% tariff.", "25%").empty());  // a place, not a government
  CHECK(CountryOf("Seoul and Washington discussed a 25% tariff.", "25%").empty());  // no single subject
  // An aside in parentheses does not cut the sentence; a country inside one is cut off from the rest.
  CHECK(CountryOf("Canadian Imperial Bank of Commerce (Canada) sold 5.7% bonds.", "5.7%") == "CA");
  CHECK(CountryOf("The bank (a unit of a Japanese group) sold 5.7% bonds.", "5.7%").empty());
}

// The taggers read only the places a StartFilter names (and the sentences of the paragraphs that hold a figure);
// these must find exactly what scanning every byte (and splitting the whole text) finds.
struct Parts {
  Gazetteer countries;
  Gazetteer organizations;
  Gazetteer products;
  OfficialTagger officials;
  PercentageTagger percentages;
  MoneyTagger money;
  StartFilter starts;
};

const Parts& SchemaParts() {
  static const Parts parts = [] {
    const DataFiles& files = SchemaFiles();
    auto countries = Gazetteer::Load(files, {"gazetteers/countries.json", "countries", "code", "country", {"code"}});
    auto organizations = Gazetteer::Load(
        files, {"gazetteers/organizations.json", "organizations", "id", "organization", {"id", "name"}});
    auto products = Gazetteer::Load(files, {"gazetteers/products.json", "products", "id", "product", {"id", "name"}});
    REQUIRE((countries.ok() && organizations.ok() && products.ok()));
    auto officials = OfficialTagger::Create(files, *organizations);
    auto percentages = PercentageTagger::Create(files);
    auto money = MoneyTagger::Create();
    REQUIRE((officials.ok() && percentages.ok() && money.ok()));
    Parts built{std::move(countries).value(),  std::move(organizations).value(), std::move(products).value(),
                std::move(officials).value(),  std::move(percentages).value(),   std::move(money).value(),
                StartFilter()};
    built.countries.AddStarts(&built.starts, 0);
    built.organizations.AddStarts(&built.starts, 1);
    built.products.AddStarts(&built.starts, 2);
    built.officials.AddStarts(&built.starts, 3, 4);
    built.percentages.AddStarts(&built.starts, 5);
    built.money.AddStarts(&built.starts, 6);
    return built;
  }();
  return parts;
}

void CheckFilteredMatchesScan(const std::string& text) {
  INFO(text);
  const Parts& parts = SchemaParts();
  const TextIndex index(text);
  StartFilter::Candidates starts;
  parts.starts.Find(index, &starts);
  auto same_hits = [](const std::vector<Gazetteer::Hit>& a, const std::vector<Gazetteer::Hit>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].begin == b[i].begin);
      CHECK(a[i].end == b[i].end);
      CHECK(a[i].entry == b[i].entry);
    }
  };
  std::vector<Gazetteer::Hit> countries = parts.countries.Find(text);
  same_hits(parts.countries.Find(text, starts[0]), countries);
  std::vector<Gazetteer::Hit> organizations = parts.organizations.Find(text);
  same_hits(parts.organizations.Find(text, starts[1]), organizations);
  std::vector<Gazetteer::Hit> products = parts.products.Find(text);
  same_hits(parts.products.Find(text, starts[2]), products);
  Mentions scanned, filtered;
  parts.officials.Tag(text, organizations, &scanned);
  parts.officials.Tag(text, starts[3], starts[4], organizations, &filtered);
  CHECK(filtered == scanned);
  scanned.clear();
  filtered.clear();
  parts.percentages.Tag(text, countries, products, &scanned);
  parts.percentages.Tag(text, starts[5], countries, products, &filtered);
  CHECK(filtered == scanned);
  scanned.clear();
  filtered.clear();
  parts.money.Tag(text, &scanned);
  parts.money.Tag(index, starts[6], &filtered);
  CHECK(filtered == scanned);
}

TEST_CASE("Matching only where a StartFilter points finds what scanning every byte finds") {
  for (const char* text : {
           "South Korea, S. Korea and SOUTH KOREA; south korea is not; KOREA’S exports, Korea's imports.",
           "Côte d’Ivoire, CÔTE D’IVOIRE, Cote d'Ivoire, São Tomé & Príncipe, Türkiye, Åland Islands, Réunion.",
           "The \u212Aorea (Kelvin sign) and \u017Fouth Korea (long s); U.S.-Korea; the U.S.; US$5; ROK.",
           "New\tZealand and New \n Zealand; St. Lucia; the White House and The White House; EU Commission.",
           "Trade Minister Cheong In-kyo met USTR Jamieson Greer. Chang Sung-gil, director general for trade "
           "policy at the Ministry of Trade, Industry and Energy, said so. Jang Sung-gil, the chief trade "
           "negotiator, agreed; Scott Bechennt, Secretary of the Treasury, did not.",
           "Rates rose from 10% to 25%, between 10 and 15 percent, .5% and 0.5 percentage points, 50 bps, "
           "twenty-five percent, a hundred per cent, 3 pct, 10-15%, 1,000.5%, 7 % p, from  twenty   to thirty pct.",
           "$350 billion, US$1.5 trillion, USD 20 million, 350 billion dollars, 1.5 trillion won, €2bn, ₩300bn, "
           "10 million yen, £5 m, ¥100, 5billion U.S. dollars, 12 euros, 1,234.5 pounds; 2025 and 1990.",
       }) {
    CheckFilteredMatchesScan(text);
  }
  // Random texts from the gazetteers' own words and the characters that make matching hard.
  std::mt19937 random(20250520);
  const std::vector<std::string> pieces = {
      "Korea",   "KOREA",  "korea",   "South",   "U.S.",   "US",      "us",      "United",  "States", "Japan",
      "Côte",    "d’Ivoire", "Trade", "Minister", "Park",  "Jong-won", "Greer",   "Secretary", "of", "the",
      "Treasury", "25",    "%",       "percent", "from",   "to",      "and",     "$",       "350",     "billion",
      "dollars", "won",    "€",       "five",    "twenty", "-",       ",",       ".",       ";",       "’s",
      "\u212A",  "\u017F", "steel",   "autos",   "USTR",   "Ministry", "Industry", "Energy", "said",    "director",
      "general", "for",    "tariff",  "on",      "New",    "Zealand", "St.",     "Lucia",   "EU",      "WTO"};
  const std::vector<std::string> spaces = {" ", " ", " ", "", "\n", "\t", "  ", "\u00A0"};
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int words = 5 + static_cast<int>(random() % 40);
    for (int i = 0; i < words; ++i) {
      text += pieces[random() % pieces.size()];
      text += spaces[random() % spaces.size()];
    }
    CheckFilteredMatchesScan(text);
  }
}

TEST_CASE("A paragraph splits into the sentences it has within its whole text") {
  StatusOr<SentenceSplitter> splitter = SentenceSplitter::Create({"U.S.", "Mr.", "S."});
  REQUIRE(splitter.ok());
  for (std::string text : {
           "One. Two!\nThree? The U.S. Trade Representative said so.\n\nMr. Kim left. S. Korea stayed.",
           "A line\r\nwith CRLF. And \u201cquoted.\u201d Then (parenthetical.) More\u2029text. End",
           "\n\nLeading breaks. Trailing ones.\n\n",
           "No break at all",
           // One sentence each, found without asking ICU; and near misses that must ask it.
           "Rates rose.\nIs it?\" she asked.\nTab\tand form\ffeed (end.)\nYes!!\n\nDecimal 2.5% rose\nDots... more\n",
           "Mr. Kim left\nCaf\u00e9 closed\nA\rB.\nEnd. ",
       }) {
    INFO(text);
    std::vector<std::size_t> starts = splitter->SentenceStarts(text);
    SentenceSplitter::Paragraph paragraph;
    for (std::size_t offset = 0; offset < text.size(); ++offset) {
      if (!paragraph.Holds(offset)) paragraph = splitter->ParagraphAt(text, offset);
      SentenceSpan whole = SentenceAt(starts, text.size(), offset);
      SentenceSpan alone = paragraph.SentenceAt(offset);
      CHECK(whole.begin == alone.begin);
      CHECK(whole.end == alone.end);
    }
  }
}

TEST_CASE("Barrier categories name the specific measure") {
  Mentions m = Tag("limitations on U.S. beef products from animals over 30 months old, network usage fees, and "
                   "South Korea's defense offset trade program. Non-tariff barriers remain.");
  const Mention* beef = Find(m, "barrier", "U.S. beef products from animals over 30 months old");
  REQUIRE(beef);
  CHECK(beef->value["category"] == "sanitary_phytosanitary");
  CHECK(beef->value["mast"] == "A");
  CHECK(beef->value["measure"] == "beef from cattle over 30 months");
  REQUIRE(Find(m, "barrier", "network usage fees"));
  CHECK(Find(m, "barrier", "defense offset trade program")->value["measure"] == "defense offset program");
  for (const Mention& mention : m) CHECK(mention.text.find("on-tariff") == std::string::npos);
}

TEST_CASE("Countries, organizations, money and products") {
  Mentions m = Tag("The U.S. Trade Representative (USTR) and the Ministry of Trade, Industry and Energy discussed "
                   "autos and steel. Korea pledged $350 billion. Let us see.");
  CHECK(Find(m, "organization", "U.S. Trade Representative")->value["id"] == "USTR");
  CHECK(Find(m, "organization", "Ministry of Trade, Industry and Energy")->value["id"] == "MOTIE");
  CHECK(Find(m, "country", "Korea")->value["code"] == "KR");
  CHECK(Find(m, "country", "us") == nullptr);
  CHECK(Find(m, "money", "$350 billion")->value["amount"] == 350000000000LL);
  CHECK(Find(m, "product", "autos")->value["id"] == "autos");
}

TEST_CASE("Malformed data files are rejected naming the file and entry") {
  DataFiles files{{"gazetteers/countries.json", R"({"countries": [{"code": "KR"}]})"}};
  StatusOr<Taggers> taggers = Taggers::Create(files);
  REQUIRE_FALSE(taggers.ok());
  CHECK(taggers.status().message().find("gazetteers/countries.json: entry 1") != std::string::npos);
  files = {{"taxonomy/barriers.json", R"({"categories": [{"id": "x", "signals": [{"pattern": "(unclosed"}]}]})"}};
  StatusOr<Taggers> bad_pattern = Taggers::Create(files);
  REQUIRE_FALSE(bad_pattern.ok());
  CHECK(bad_pattern.status().message().find("taxonomy/barriers.json") != std::string::npos);
}

}  // namespace
}  // namespace tradewire
