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

bool HasNonAscii(std::string_view bytes) {
  return std::any_of(bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// windows-1252, iso-8859-x, koi8-r, …: one byte per character. Their bytes almost never form valid multi-byte
// UTF-8 by chance, so a page so labelled whose bytes do was saved as UTF-8 under a stale label.
bool IsSingleByteCharset(const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterDeleter> converter(ucnv_open(charset.c_str(), &status));
  return U_SUCCESS(status) && ucnv_getMaxCharSize(converter.get()) == 1;
}

// UTF-8 that was read as Latin-1 and saved as UTF-8 again: "’" (E2 80 99) became "â" U+0080 U+0099. The C1
// controls U+0080–U+009F never stand in real text, so a character sequence that is a UTF-8 lead byte followed
// by its continuation bytes, one of them a C1 control, is such a sequence and is decoded back. Other Latin-1
// text ("Ã©" may be meant) is left alone.
std::string RepairDoubleEncoded(std::string utf8) {
  auto is_c1 = [&](std::size_t i) {
    return i + 1 < utf8.size() && static_cast<unsigned char>(utf8[i]) == 0xC2 &&
           static_cast<unsigned char>(utf8[i + 1]) >= 0x80 && static_cast<unsigned char>(utf8[i + 1]) <= 0x9F;
  };
  bool any_c1 = false;
  for (std::size_t i = 0; i + 1 < utf8.size() && !any_c1; ++i) any_c1 = is_c1(i);
  if (!any_c1) return utf8;
  // The Latin-1 byte a two-byte UTF-8 sequence for U+0080–U+00FF stands for, or -1.
  auto latin1_at = [&](std::size_t i) -> int {
    if (i + 1 >= utf8.size()) return -1;
    unsigned char lead = static_cast<unsigned char>(utf8[i]), next = static_cast<unsigned char>(utf8[i + 1]);
    if ((lead != 0xC2 && lead != 0xC3) || (next & 0xC0) != 0x80) return -1;
    return ((lead & 0x03) << 6) | (next & 0x3F);
  };
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    int lead = latin1_at(i);
    int length = lead >= 0xC2 && lead <= 0xDF   ? 2
                 : lead >= 0xE0 && lead <= 0xEF ? 3
                 : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                : 0;
    std::string bytes;
    bool has_c1 = false;
    for (int k = 0; k < length; ++k) {
      std::size_t at = i + 2 * static_cast<std::size_t>(k);
      int byte = latin1_at(at);
      if (byte < 0 || (k > 0 && (byte & 0xC0) != 0x80)) break;
      has_c1 = has_c1 || (k > 0 && is_c1(at));
      bytes.push_back(static_cast<char>(byte));
    }
    if (length > 0 && static_cast<int>(bytes.size()) == length && has_c1 && IsValidUtf8(bytes)) {
      out += bytes;
      i += 2 * static_cast<std::size_t>(length);
    } else {
      out.push_back(utf8[i++]);
    }
  }
  return out;
}

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
  if (bom.empty() && !charset.empty() && IsSingleByteCharset(charset) && HasNonAscii(bytes) && IsValidUtf8(bytes)) {
    charset = "utf-8";
  }
  bool converted = false;
  if (charset != "utf-8" && charset != "utf8" && !charset.empty()) {
    converted = Convert(bytes, charset, &decoded);
    if (converted && !bom.empty() && decoded.utf8.rfind("\xEF\xBB\xBF", 0) == 0) decoded.utf8.erase(0, 3);
  }
  if (!converted) {  // UTF-8, or a label ICU does not know: read the bytes as UTF-8, replacing what is not
    if (bom == "utf-8") bytes.remove_prefix(3);
    decoded.utf8 = SanitizeUtf8(bytes);
    decoded.charset = "UTF-8";
    decoded.had_invalid_bytes = decoded.utf8.size() != bytes.size();
  }
  decoded.utf8 = RepairDoubleEncoded(std::move(decoded.utf8));
  return decoded;
}

}  // namespace tradewire
