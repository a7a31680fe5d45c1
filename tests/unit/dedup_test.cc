#include <catch2/catch.hpp>

#include <string>

#include "extractors/dedup/fingerprint.h"

namespace tradewire {
namespace {

// A wire story in the style of the seeds, and what other outlets make of it.
constexpr const char* kWireStory =
    "Seoul, May 22 (Yonhap) -- South Korea and the United States wrapped up their second round of technical "
    "talks on tariffs in Washington on Thursday, the industry ministry said, as Seoul seeks exemptions from "
    "reciprocal duties imposed by the Trump administration.\n\n"
    "The three-day talks, led by Jang Sung-gil, director general for trade policy at the Ministry of Trade, "
    "Industry and Energy, covered six areas, including balanced trade, non-tariff measures, economic security, "
    "digital trade, rules of origin and commercial considerations.\n\n"
    "The U.S. side raised specific concerns over non-tariff barriers listed in its annual National Trade "
    "Estimate report, such as restrictions on imports of beef from cattle older than 30 months, network usage "
    "fees and limits on the export of map data, according to officials.\n\n"
    "Seoul explained its regulatory systems and sought to narrow differences, but the two sides did not reach "
    "a specific agreement and agreed to continue discussions in later meetings.\n\n"
    "The schedule for a third round has not been set, and officials expect the next government, to be elected "
    "on June 3, to lead substantive negotiations ahead of the July 8 expiry of a pause on the higher duties.";

// NationPress's copy: its own headline and takeaways, the agency credited, the last paragraph trimmed, a few
// words changed and the paragraphs re-flowed.
constexpr const char* kSyndicatedCopy =
    "Korea, US Conclude Second Round of Tariff Talks\n"
    "Key Takeaways\n- Technical talks ended Thursday.\n- Six areas discussed.\n"
    "Seoul, May 22 (NationPress) South Korea and the United States wrapped up their second round of technical "
    "talks on tariffs in Washington on Thursday, the industry ministry stated, as Seoul seeks exemptions from "
    "reciprocal duties imposed by the Trump administration, as reported by Yonhap news agency. "
    "The three-day talks, led by Jang Sung-gil, director general for trade policy at the Ministry of Trade, "
    "Industry and Energy, covered six areas, including balanced trade, non-tariff measures, economic security, "
    "digital trade, rules of origin and commercial considerations.\n"
    "The US side raised specific concerns over non-tariff barriers listed in its annual National Trade "
    "Estimate report, such as restrictions on imports of beef from cattle older than 30 months, network usage "
    "fees and limits on the export of map data, according to officials. "
    "Seoul explained its regulatory systems and sought to narrow differences, but the two sides did not reach "
    "a specific agreement and agreed to continue discussions in later meetings.";

// The same meeting, reported independently by another newspaper: same facts, its own words.
constexpr const char* kIndependentReport =
    "The second U.S.-Korea technical consultation, held in Washington, D.C., from the 20th to the 22nd, served "
    "as a preliminary round to confirm each side's interests. Because the two countries already have a free "
    "trade agreement, there is little room to cut tariff rates on goods, so the discussions focused on "
    "non-tariff barriers rather than tariffs.\n\n"
    "A government trade official who returned on the 26th said the American delegation cited the National "
    "Trade Estimate report and asked Seoul to change several policies, the first time Washington has made "
    "specific requests in the talks. The official declined to give details, citing diplomatic practice.\n\n"
    "The third consultation is expected after the June 3 presidential election, around the week of June 9.";

// Two different stories served in one site's template (header and a long footer).
constexpr const char* kTemplateHeader =
    "Listen to this article\nShare on Facebook Share on X Copy link\nFollow us on Google News\n";
constexpr const char* kTemplateFooter =
    "\nHow well do you really know your competitors? Access the most comprehensive company profiles on the "
    "market. Save hours of research. Gain competitive edge. Not ready to buy yet? Download a free sample. Visit "
    "our privacy policy for more information about our services and how you can unsubscribe from future "
    "marketing communications.";
constexpr const char* kStoryOne =
    "The US will impose safeguard duties on imports of solar cells and washing machines from virtually all "
    "trading partners beginning 7 February, the trade representative said, and Korea said it would file a "
    "complaint at the World Trade Organization over the measure.";
constexpr const char* kStoryTwo =
    "Korea's exports of automobiles rose 4 percent in April from a year earlier as shipments to Europe offset "
    "weaker demand in North America, the industry ministry said on Friday, citing customs data.";

bool NearDuplicate(std::string_view a, std::string_view b) {
  return IsNearDuplicate(FingerprintText(a), a, FingerprintText(b), b);
}

TEST_CASE("ContentHash is FNV-1a 128 over the normalized words") {
  // Published FNV-1a 128 test vector for "a"; pins the algorithm so stored hashes stay valid.
  CHECK(ContentHash("a") == "d228cb696f1a8caf78912b704e4a8964");
  CHECK(ContentHash("South Korea and the U.S. held talks.") == "ec5bb6b5ab7307c153c58a80da9fce30");
  CHECK(ContentHash("STRASSE") == ContentHash("straße"));  // case folding, not just lower-casing
  CHECK(ContentHash("ｆｕｌｌｗｉｄｔｈ ２０２５") == ContentHash("fullwidth 2025"));  // NFKC
}

TEST_CASE("ContentHash ignores white space, punctuation, case and text decoration") {
  const std::string reflowed =
      "▲SOUTH KOREA and the  “United States”\n\nwrapped up -- their *second* round!\t…";
  CHECK(ContentHash(reflowed) == ContentHash("South Korea and the United States wrapped up their second round"));
  CHECK(ContentHash("second round") != ContentHash("third round"));
  CHECK(ContentHash("second round") != ContentHash("round second"));
  CHECK(ContentHash("ab c") != ContentHash("a bc"));  // word boundaries count
}

TEST_CASE("ContentHash is empty for a text without words") {
  CHECK(ContentHash("").empty());
  CHECK(ContentHash(" \n\t— … !!").empty());
  CHECK(ContentHash("x").size() == 32);
}

TEST_CASE("Fingerprints survive invalid UTF-8 and NUL bytes") {
  const std::string broken = std::string("Tariff\xff\xfe talks \xc3 in Seoul\0 ended", 33) + "\xe2\x80";
  CHECK(ContentHash(broken).size() == 32);
  // Invalid bytes and NULs separate words like spaces, so the words that survive decide the hash.
  CHECK(ContentHash(broken) == ContentHash("Tariff talks in Seoul ended"));
  CHECK(NearDuplicate(broken, "Tariff talks in Seoul ended"));
  CHECK(ContentHash("talks \xff ended") == ContentHash("talks ended"));  // a stray byte separates words
}

TEST_CASE("ContentHash and fingerprints treat Han and kana characters as words") {
  CHECK(ContentHash("韓米通商協議") == ContentHash("韓 米 通商 協議"));
  CHECK(ContentHash("한미 통상 협의") != ContentHash("한미통상협의"));  // Hangul is written with spaces
  CHECK(NearDuplicate("韓米両国はワシントンで第2回技術協議を終えた。関税と非関税障壁について話し合った。",
                      "韓米両国はワシントンで第2回技術協議を終えた。関税と非関税障壁について話し合った。"));
}

TEST_CASE("FingerprintText is deterministic and has no keys for an empty text") {
  const NearDupFingerprint a = FingerprintText(kWireStory);
  const NearDupFingerprint b = FingerprintText(std::string(kWireStory));
  CHECK(a.simhash == b.simhash);
  CHECK(a.bands == b.bands);
  for (std::uint32_t key : a.bands) CHECK(key != 0);
  const NearDupFingerprint empty = FingerprintText("  ... ");
  for (std::uint32_t key : empty.bands) CHECK(key == 0);
  CHECK_FALSE(SharesBand(empty, FingerprintText("")));
  CHECK_FALSE(NearDuplicate("", ""));
}

TEST_CASE("SimHash of a syndicated copy is closer than that of an independent report") {
  const std::uint64_t story = FingerprintText(kWireStory).simhash;
  CHECK(HammingDistance(story, FingerprintText(kSyndicatedCopy).simhash) <
        HammingDistance(story, FingerprintText(kIndependentReport).simhash));
}

TEST_CASE("FingerprintText is pinned: stored band keys stay comparable across versions") {
  const NearDupFingerprint fingerprint = FingerprintText("The second round of technical talks ended in Washington.");
  CHECK(fingerprint.simhash == 0x45ca269501a0c6b0ULL);
  CHECK(fingerprint.bands[0] == 2773180935U);
  CHECK(fingerprint.bands[15] == 2242399717U);
}

TEST_CASE("HammingDistance counts differing bits") {
  CHECK(HammingDistance(0, 0) == 0);
  CHECK(HammingDistance(0, ~std::uint64_t{0}) == 64);
  CHECK(HammingDistance(0b1011, 0b0110) == 3);
}

TEST_CASE("A syndicated copy with its own headline, credit and trimmed ending is a near-duplicate") {
  CHECK(NearDupScore(kWireStory, kSyndicatedCopy) >= kNearDupThreshold);
  CHECK(SharesBand(FingerprintText(kWireStory), FingerprintText(kSyndicatedCopy)));
  CHECK(NearDuplicate(kWireStory, kSyndicatedCopy));
  CHECK(NearDuplicate(kSyndicatedCopy, kWireStory));  // symmetric
  CHECK(NearDuplicate(kWireStory, kWireStory));
}

TEST_CASE("An extended ending keeps a story a near-duplicate") {
  const std::string extended = std::string(kWireStory) +
                               "\n\nMeanwhile, the finance ministry said it would announce measures to support "
                               "exporters hit by the tariffs next week, including low-interest loans.";
  CHECK(NearDuplicate(kWireStory, extended));
}

TEST_CASE("Independent reports of the same meeting are not near-duplicates") {
  CHECK(NearDupScore(kWireStory, kIndependentReport) < 0.1);
  CHECK_FALSE(NearDuplicate(kWireStory, kIndependentReport));
  CHECK_FALSE(NearDuplicate(kSyndicatedCopy, kIndependentReport));
}

TEST_CASE("Different stories in the same site template are not near-duplicates") {
  const std::string one = std::string(kTemplateHeader) + kStoryOne + kTemplateFooter;
  const std::string two = std::string(kTemplateHeader) + kStoryTwo + kTemplateFooter;
  CHECK(NearDupScore(one, two) < kNearDupThreshold);
  CHECK_FALSE(NearDuplicate(one, two));
}

TEST_CASE("A brief quoting a long story's first paragraph is not the same story") {
  const std::string lead = std::string(kWireStory).substr(0, std::string(kWireStory).find("\n\n"));
  CHECK(NearDupScore(lead, kWireStory) < kNearDupThreshold);
}

TEST_CASE("IsNearDuplicate requires a shared band, whatever the texts say") {
  // Fingerprints of unrelated texts: even identical texts are not called duplicates through them, so the answer
  // matches what the store's band lookup can find.
  CHECK_FALSE(IsNearDuplicate(FingerprintText(kStoryOne), kWireStory, FingerprintText(kStoryTwo), kWireStory));
}

}  // namespace
}  // namespace tradewire
