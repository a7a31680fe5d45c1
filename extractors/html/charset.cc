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

std::string KnownOrEmpty(std::string label) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterDeleter> converter(ucnv_open(Superset(label).c_str(), &status));
  return U_SUCCESS(status) ? label : "";
}

// The byte windows-1252 (Latin-1 as browsers read it) writes for a code point, or -1: Latin-1's own, and the
// typographic characters it puts at 0x80–0x9F ("€" 0x80, "’" 0x92, "™" 0x99).
int Cp1252Byte(uint32_t code_point) {
  if (code_point <= 0xFF) return static_cast<int>(code_point);
  static const std::pair<uint32_t, int> kPunctuation[] = {
      {0x0152, 0x8C}, {0x0153, 0x9C}, {0x0160, 0x8A}, {0x0161, 0x9A}, {0x0178, 0x9F}, {0x017D, 0x8E},
      {0x017E, 0x9E}, {0x0192, 0x83}, {0x02C6, 0x88}, {0x02DC, 0x98}, {0x2013, 0x96}, {0x2014, 0x97},
      {0x2018, 0x91}, {0x2019, 0x92}, {0x201A, 0x82}, {0x201C, 0x93}, {0x201D, 0x94}, {0x201E, 0x84},
      {0x2020, 0x86}, {0x2021, 0x87}, {0x2022, 0x95}, {0x2026, 0x85}, {0x2030, 0x89}, {0x2039, 0x8B},
      {0x203A, 0x9B}, {0x20AC, 0x80}, {0x2122, 0x99}};
  auto found = std::lower_bound(std::begin(kPunctuation), std::end(kPunctuation),
                                std::pair<uint32_t, int>{code_point, 0});
  return found != std::end(kPunctuation) && found->first == code_point ? found->second : -1;
}

// The code point of the valid UTF-8 sequence at `at` and its length in bytes.
uint32_t CodePointAt(std::string_view utf8, std::size_t at, int* length) {
  unsigned char lead = static_cast<unsigned char>(utf8[at]);
  *length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (at + static_cast<std::size_t>(*length) > utf8.size()) {
    *length = 1;
    return lead;
  }
  uint32_t code = *length == 1 ? lead : *length == 2 ? lead & 0x1F : *length == 3 ? lead & 0x0F : lead & 0x07;
  for (int k = 1; k < *length; ++k) code = (code << 6) | (static_cast<unsigned char>(utf8[at + k]) & 0x3F);
  return code;
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

// UTF-8 that was read as windows-1252 and saved as UTF-8 again: "’" (E2 80 99) became "â€™", or "â" U+0080 U+0099
// where Latin-1 was applied; a no-break space (C2 A0) became "Â" U+00A0. A run of characters whose windows-1252
// bytes are a UTF-8 lead byte and its continuation bytes is decoded back when it cannot be meant: a continuation
// from 0x80–0x9F (a C1 control or typographic punctuation after a Latin-1 letter) or "Â" before a symbol. Other
// Latin-1 text ("Ã©" may be meant) is left alone.
std::string RepairDoubleEncoded(std::string utf8) {
  // Only in text that shows the damage somewhere beyond doubt: a C1 control, "â€" (the start of "’", "“", "—"),
  // or "Â" before a symbol or no-break space. Elsewhere "é…”" is a word, an ellipsis and a quote.
  bool evident = false;
  for (std::size_t at = utf8.find('\xC2'); at != std::string::npos && !evident; at = utf8.find('\xC2', at + 1)) {
    unsigned char next = at + 1 < utf8.size() ? static_cast<unsigned char>(utf8[at + 1]) : 0;
    bool after_a_circumflex = at >= 2 && utf8.compare(at - 2, 2, "\xC3\x82") == 0;
    evident = (next >= 0x80 && next <= 0x9F) || (after_a_circumflex && next >= 0xA0 && next <= 0xBF);
  }
  if (!evident && utf8.find("\xC3\xA2\xE2\x82\xAC") == std::string::npos) return utf8;
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    int first_length = 0;
    int lead = Cp1252Byte(CodePointAt(utf8, i, &first_length));
    int length = lead >= 0xC2 && lead <= 0xDF   ? 2
                 : lead >= 0xE0 && lead <= 0xEF ? 3
                 : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                : 0;
    std::string bytes(1, static_cast<char>(lead));
    bool cannot_be_meant = false;
    std::size_t next = i + static_cast<std::size_t>(first_length);
    for (int k = 1; k < length; ++k) {
      if (next >= utf8.size()) break;
      int step = 0;
      int byte = Cp1252Byte(CodePointAt(utf8, next, &step));
      if (byte < 0x80 || byte > 0xBF) break;
      cannot_be_meant = cannot_be_meant || byte <= 0x9F || (lead == 0xC2 && byte >= 0xA0);
      bytes.push_back(static_cast<char>(byte));
      next += static_cast<std::size_t>(step);
    }
    if (length > 0 && static_cast<int>(bytes.size()) == length && cannot_be_meant && IsValidUtf8(bytes)) {
      out += bytes;
      i = next;
    } else {
      out.append(utf8, i, static_cast<std::size_t>(first_length));
      i += static_cast<std::size_t>(first_length);
    }
  }
  return out;
}

DecodedText DecodeToUtf8(std::string_view bytes, std::string_view content_type_header) {
  DecodedText decoded;
  std::string bom = CharsetFromBom(bytes);
  // A label ICU does not know is ignored, as browsers ignore it, and the next evidence decides.
  std::string charset = !bom.empty() ? bom : KnownOrEmpty(CharsetFromContentType(content_type_header));
  if (charset.empty()) charset = KnownOrEmpty(CharsetFromMeta(bytes));
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
