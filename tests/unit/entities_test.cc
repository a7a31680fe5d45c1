#include <catch2/catch.hpp>

#include <string>

#include "extractors/tag/taggers.h"
#include "pipeline/data_files.h"

namespace tradewire {
namespace {

const Taggers& SchemaTaggers() {
  static const Taggers taggers = [] {
    StatusOr<DataFiles> files = LoadDataFiles(TRADEWIRE_SOURCE_DIR "/schemas");
    REQUIRE(files.ok());
    StatusOr<Taggers> built = Taggers::Create(*files);
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

TEST_CASE("Surname-only mentions link to the full name; common words and bylines are not officials") {
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
}

TEST_CASE("Near misses are not percentages; a share of respondents is not a tariff") {
  Mentions m = Tag("Article 25 of the agreement applies. About 15 percent of respondents said so.");
  int percentages = 0;
  for (const Mention& mention : m) percentages += mention.type == "percentage";
  CHECK(percentages == 1);
  REQUIRE(Find(m, "percentage", "15 percent"));
  CHECK(Find(m, "percentage", "15 percent")->value["of"] == "respondents");
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
