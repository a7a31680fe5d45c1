// Charset detection and conversion: labelled and unlabelled pages in the encodings Korean, Japanese, Chinese
// and Western news sites still serve, made here with ICU from UTF-8 text.
#include <catch2/catch.hpp>

#include "extractors/html/charset.h"
#include "tests/support/encoding.h"

using tradewire::DecodeToUtf8;
using namespace tradewire::testing;

namespace {

std::string Page(const std::string& body, const std::string& meta = "") {
  return "<html><head>" + meta + "<title>t</title></head><body><p>" + body + "</p></body></html>";
}

}  // namespace

TEST_CASE("the HTTP header's charset is used") {
  for (auto [text, charset] : {std::pair{kKoreanText, "EUC-KR"}, std::pair{kJapaneseText, "Shift_JIS"},
                               std::pair{kChineseText, "GB2312"}, std::pair{kFrenchText, "windows-1252"}}) {
    INFO(charset);
    auto decoded = DecodeToUtf8(EncodeAs(Page(text), charset), std::string("text/html; charset=") + charset);
    CHECK(decoded.utf8 == Page(text));
    CHECK_FALSE(decoded.had_invalid_bytes);
  }
}

TEST_CASE("a <meta> charset is used when the header has none") {
  auto decoded = DecodeToUtf8(EncodeAs(Page(kKoreanText, "<meta charset=\"euc-kr\">"), "EUC-KR"), "text/html");
  CHECK(decoded.utf8 == Page(kKoreanText, "<meta charset=\"euc-kr\">"));
  std::string equiv = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">";
  CHECK(DecodeToUtf8(EncodeAs(Page(kJapaneseText, equiv), "Shift_JIS"), "").utf8 == Page(kJapaneseText, equiv));
}

TEST_CASE("unlabelled pages are detected") {
  CHECK(DecodeToUtf8(Page(kKoreanText), "").utf8 == Page(kKoreanText));  // valid UTF-8 stays as it is
  auto korean = DecodeToUtf8(EncodeAs(Page(kKoreanText + kKoreanText + kKoreanText), "EUC-KR"), "");
  CHECK(korean.utf8 == Page(kKoreanText + kKoreanText + kKoreanText));
  auto japanese = DecodeToUtf8(EncodeAs(Page(kJapaneseText + kJapaneseText + kJapaneseText), "Shift_JIS"), "");
  CHECK(japanese.utf8 == Page(kJapaneseText + kJapaneseText + kJapaneseText));
}

TEST_CASE("a BOM wins and is removed") {
  auto decoded = DecodeToUtf8("\xEF\xBB\xBF" + Page(kFrenchText), "text/html; charset=iso-8859-1");
  CHECK(decoded.utf8 == Page(kFrenchText));
}

TEST_CASE("iso-8859-1 is read as windows-1252, as browsers do") {
  auto decoded = DecodeToUtf8(std::string("<p>\x93quoted\x94 \x80 5</p>"), "text/html; charset=ISO-8859-1");
  CHECK(decoded.utf8 == "<p>\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC 5</p>");
}

TEST_CASE("undecodable bytes are replaced, never a crash") {
  auto utf8 = DecodeToUtf8(std::string("<p>ok \xFF\xFE\xC3 end</p>"), "text/html; charset=utf-8");
  CHECK(utf8.had_invalid_bytes);
  CHECK(utf8.utf8.find("\xEF\xBF\xBD") != std::string::npos);
  auto unknown = DecodeToUtf8(std::string("<p>caf\xE9</p>"), "text/html; charset=no-such-charset");
  // An unknown label is ignored like a missing one: the bytes are still read as the web's default, windows-1252.
  CHECK(unknown.utf8 == "<p>caf\xC3\xA9</p>");
  std::string binary;
  for (int i = 0; i < 5000; ++i) binary.push_back(static_cast<char>((i * 7919) % 256));
  auto decoded = DecodeToUtf8(binary, "");
  CHECK_FALSE(decoded.utf8.empty());
}

TEST_CASE("a page labelled with a single-byte charset whose bytes are UTF-8 is read as UTF-8") {
  // A CMS that saves UTF-8 under a stale "windows-1252" or "iso-8859-1" label.
  std::string meta = "<meta charset=\"windows-1252\">";
  CHECK(DecodeToUtf8(Page(kFrenchText, meta), "").utf8 == Page(kFrenchText, meta));
  CHECK(DecodeToUtf8(Page(kFrenchText), "text/html; charset=ISO-8859-1").utf8 == Page(kFrenchText));
  // Near miss: real windows-1252 bytes are not valid UTF-8 and keep their label.
  auto latin = DecodeToUtf8(EncodeAs(Page(kFrenchText, meta), "windows-1252"), "");
  CHECK(latin.utf8 == Page(kFrenchText, meta));
}

TEST_CASE("UTF-8 that was read as Latin-1 and saved again is repaired") {
  // "Investor’s" as a CMS stores it after one such round trip: â U+0080 U+0099.
  CHECK(DecodeToUtf8("<h1>Investor\xC3\xA2\xC2\x80\xC2\x99s \xC3\xA2\xC2\x80\xC2\x94 guide</h1>", "").utf8 ==
        "<h1>Investor\xE2\x80\x99s \xE2\x80\x94 guide</h1>");
  // Near misses: Latin-1 letters without a C1 control stay ("Ã©" may be meant), as does a lone C1 control.
  const std::string unchanged = "<p>\xC3\x83\xC2\xA9t\xC3\xA9 \xC2\x85</p>";
  CHECK(DecodeToUtf8(unchanged, "").utf8 == unchanged);
}

TEST_CASE("UTF-8 that was read as windows-1252 and saved again is repaired") {
  // "Korea’s" as "Koreaâ€™s", "© 2025" as "Â© 2025", a no-break space as "Â" and U+00A0.
  CHECK(DecodeToUtf8("<p>Korea\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s tariffs \xC3\x82\xC2\xA9 2025 Embrace\xC3\x82\xC2\xA0"
                     "plan</p>", "text/html; charset=utf-8")
            .utf8 == "<p>Korea\xE2\x80\x99s tariffs \xC2\xA9 2025 Embrace\xC2\xA0plan</p>");
  // Near miss: without such damage elsewhere, "café…”" is a word, an ellipsis and a quote (its windows-1252
  // bytes would read as a CJK character).
  const std::string quoted = "<p>He said \xE2\x80\x9Cthe caf\xC3\xA9\xE2\x80\xA6\xE2\x80\x9D and left.</p>";
  CHECK(DecodeToUtf8(quoted, "text/html; charset=utf-8").utf8 == quoted);
}

TEST_CASE("when the evidence conflicts, the order is BOM, then the HTTP header, then meta") {
  // The header says EUC-KR, a stale <meta> says Shift_JIS: the header wins, as in browsers.
  std::string stale_meta = "<meta charset=\"Shift_JIS\">";
  auto header_wins = DecodeToUtf8(EncodeAs(Page(kKoreanText, stale_meta), "EUC-KR"), "text/html; charset=EUC-KR");
  CHECK(header_wins.utf8 == Page(kKoreanText, stale_meta));
  CHECK_FALSE(header_wins.had_invalid_bytes);
  // A UTF-16 BOM wins over a header that says otherwise, and is removed.
  for (const char* utf16 : {"UTF-16LE", "UTF-16BE"}) {
    INFO(utf16);
    std::string bom = std::string(utf16) == "UTF-16LE" ? "\xFF\xFE" : "\xFE\xFF";
    auto decoded = DecodeToUtf8(bom + EncodeAs(Page(kJapaneseText), utf16), "text/html; charset=windows-1252");
    CHECK(decoded.utf8 == Page(kJapaneseText));
  }
}

TEST_CASE("an unlabelled windows-1252 page and a page whose label does not fit its bytes come out readable") {
  std::string french = kFrenchText + " " + kFrenchText;
  auto unlabelled = DecodeToUtf8(EncodeAs(Page(french), "windows-1252"), "text/html");
  CHECK(unlabelled.utf8 == Page(french));
  // Labelled UTF-8 but written in windows-1252: the accents are replaced, the rest of the text is kept.
  auto mislabelled = DecodeToUtf8(EncodeAs(Page(french), "windows-1252"), "text/html; charset=utf-8");
  CHECK(mislabelled.had_invalid_bytes);
  CHECK(mislabelled.utf8.find("Les n") != std::string::npos);
  CHECK(mislabelled.utf8.find("selon le minist") != std::string::npos);
}
