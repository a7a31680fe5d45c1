// Charset detection and conversion: labelled and unlabelled pages in the encodings Korean, Japanese, Chinese
// and Western news sites still serve, made here with ICU from UTF-8 text.
#include <catch2/catch.hpp>
#include <unicode/ucnv.h>

#include "extractors/html/charset.h"

using tradewire::DecodeToUtf8;

namespace {

std::string Encode(const std::string& utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t length = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                static_cast<int32_t>(utf8.size()), &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

const std::string kKorean = "한미 통상협의 2차 기술협의가 워싱턴에서 열렸다. 산업통상자원부는 비관세장벽 문제를 논의했다고 밝혔다.";
const std::string kJapanese = "日米の関税交渉は第二回目の協議を終えた。経済産業省は非関税障壁について説明した。";
const std::string kChinese = "中美贸易谈判在华盛顿举行第二轮技术磋商，双方讨论了非关税壁垒问题。";
const std::string kFrench = "Les négociations commerciales ont repris à Séoul — « une étape décisive », selon le ministère.";

std::string Page(const std::string& body, const std::string& meta = "") {
  return "<html><head>" + meta + "<title>t</title></head><body><p>" + body + "</p></body></html>";
}

}  // namespace

TEST_CASE("the HTTP header's charset is used") {
  for (auto [text, charset] : {std::pair{kKorean, "EUC-KR"}, std::pair{kJapanese, "Shift_JIS"},
                               std::pair{kChinese, "GB2312"}, std::pair{kFrench, "windows-1252"}}) {
    INFO(charset);
    auto decoded = DecodeToUtf8(Encode(Page(text), charset), std::string("text/html; charset=") + charset);
    CHECK(decoded.utf8 == Page(text));
    CHECK_FALSE(decoded.had_invalid_bytes);
  }
}

TEST_CASE("a <meta> charset is used when the header has none") {
  auto decoded = DecodeToUtf8(Encode(Page(kKorean, "<meta charset=\"euc-kr\">"), "EUC-KR"), "text/html");
  CHECK(decoded.utf8 == Page(kKorean, "<meta charset=\"euc-kr\">"));
  std::string equiv = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">";
  CHECK(DecodeToUtf8(Encode(Page(kJapanese, equiv), "Shift_JIS"), "").utf8 == Page(kJapanese, equiv));
}

TEST_CASE("unlabelled pages are detected") {
  CHECK(DecodeToUtf8(Page(kKorean), "").utf8 == Page(kKorean));  // valid UTF-8 stays as it is
  auto korean = DecodeToUtf8(Encode(Page(kKorean + kKorean + kKorean), "EUC-KR"), "");
  CHECK(korean.utf8 == Page(kKorean + kKorean + kKorean));
  auto japanese = DecodeToUtf8(Encode(Page(kJapanese + kJapanese + kJapanese), "Shift_JIS"), "");
  CHECK(japanese.utf8 == Page(kJapanese + kJapanese + kJapanese));
}

TEST_CASE("a BOM wins and is removed") {
  auto decoded = DecodeToUtf8("\xEF\xBB\xBF" + Page(kFrench), "text/html; charset=iso-8859-1");
  CHECK(decoded.utf8 == Page(kFrench));
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
  CHECK(unknown.utf8.find("caf") != std::string::npos);
  std::string binary;
  for (int i = 0; i < 5000; ++i) binary.push_back(static_cast<char>((i * 7919) % 256));
  auto decoded = DecodeToUtf8(binary, "");
  CHECK_FALSE(decoded.utf8.empty());
}
