#include "extractors/html/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include <re2/re2.h>

#include "extractors/text/utf8.h"

namespace tradewire {
namespace {

struct ConverterDeleter {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
struct DetectorDeleter {
  void operator()(UCharsetDetector* detector) const { ucsdet_close(detector); }
};


// The WHATWG encoding standard reads these labels as supersets; pages labelled with the subset routinely use
// the superset's extra characters (curly quotes in "iso-8859-1", extended Hangul in "euc-kr").
std::string Superset(std::string label) {
  label = AsciiLower(label);
  if (label == "iso-8859-1" || label == "latin1" || label == "us-ascii" || label == "ascii") return "windows-1252";
  if (label == "euc-kr" || label == "ks_c_5601-1987" || label == "ksc5601") return "windows-949";
  if (label == "gb2312" || label == "gbk" || label == "x-gbk") return "gb18030";
  if (label == "shift_jis" || label == "sjis" || label == "x-sjis") return "windows-31j";
  if (label == "tis-620" || label == "iso-8859-11") return "windows-874";
  return label;
}

std::string CharsetFromContentType(std::string_view content_type) {
  static const RE2 kCharset(R"((?i)charset\s*=\s*["']?([A-Za-z0-9_.:\-]+))");
  std::string charset;
  RE2::PartialMatch(content_type, kCharset, &charset);
  return charset;
}

std::string CharsetFromMeta(std::string_view bytes) {
  // <meta charset="…"> or <meta http-equiv="Content-Type" content="text/html; charset=…"> in the first 4 KB.
  std::string_view head = bytes.substr(0, 4096);
  static const RE2 kMeta(R"((?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+))");
  std::string charset;
  RE2::PartialMatch(head, kMeta, &charset);
  return charset;
}

std::string CharsetFromBom(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") return "utf-8";
  if (bytes.substr(0, 2) == "\xFF\xFE") return "utf-16le";
  if (bytes.substr(0, 2) == "\xFE\xFF") return "utf-16be";
  return "";
}

std::string Detect(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorDeleter> detector(ucsdet_open(&status));
  if (U_FAILURE(status)) return "";
  ucsdet_enableInputFilter(detector.get(), true);  // ignore markup when guessing
  std::string_view sample = bytes.substr(0, 64 * 1024);
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  if (U_FAILURE(status) || !match) return "";
  const char* name = ucsdet_getName(match, &status);
  return U_SUCCESS(status) && name ? name : "";
}

bool IsValidUtf8(std::string_view bytes) { return SanitizeUtf8(bytes) == bytes; }

// Converts with ICU; false when ICU does not know the charset.
bool Convert(std::string_view bytes, const std::string& charset, DecodedText* out) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterDeleter> from(ucnv_open(charset.c_str(), &status));
  if (U_FAILURE(status)) return false;
  // Undecodable bytes become U+FFFD; remember that it happened.
  ucnv_setToUCallBack(from.get(), UCNV_TO_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr, &status);
  std::unique_ptr<UConverter, ConverterDeleter> to(ucnv_open("UTF-8", &status));
  if (U_FAILURE(status)) return false;
  std::string utf8(bytes.size() * 3 + 16, '\0');
  char* target = utf8.data();
  const char* source = bytes.data();
  status = U_ZERO_ERROR;
  ucnv_convertEx(to.get(), from.get(), &target, utf8.data() + utf8.size(), &source, bytes.data() + bytes.size(),
                 nullptr, nullptr, nullptr, nullptr, true, true, &status);
  if (U_FAILURE(status)) return false;
  utf8.resize(static_cast<std::size_t>(target - utf8.data()));
  out->had_invalid_bytes = utf8.find("\xEF\xBF\xBD") != std::string::npos;
  out->utf8 = std::move(utf8);
  out->charset = ucnv_getName(from.get(), &status);
  return true;
}

}  // namespace

DecodedText DecodeToUtf8(std::string_view bytes, std::string_view content_type_header) {
  DecodedText decoded;
  std::string bom = CharsetFromBom(bytes);
  std::string charset = !bom.empty() ? bom : CharsetFromContentType(content_type_header);
  if (charset.empty()) charset = CharsetFromMeta(bytes);
  if (charset.empty()) {
    // No label: valid UTF-8 is by far the likeliest; otherwise let ICU guess.
    charset = IsValidUtf8(bytes) ? "utf-8" : Detect(bytes);
  }
  charset = Superset(charset);
  if (charset == "utf-8" || charset == "utf8") {
    if (bom == "utf-8") bytes.remove_prefix(3);
    decoded.utf8 = SanitizeUtf8(bytes);
    decoded.charset = "UTF-8";
    decoded.had_invalid_bytes = decoded.utf8.size() != bytes.size();
    return decoded;
  }
  if (!charset.empty() && Convert(bytes, charset, &decoded)) {
    if (!bom.empty() && decoded.utf8.rfind("\xEF\xBB\xBF", 0) == 0) decoded.utf8.erase(0, 3);
    return decoded;
  }
  // An unknown label: read the bytes as UTF-8, replacing what is not.
  decoded.utf8 = SanitizeUtf8(bytes);
  decoded.charset = "UTF-8";
  decoded.had_invalid_bytes = decoded.utf8.size() != bytes.size();
  return decoded;
}

}  // namespace tradewire
