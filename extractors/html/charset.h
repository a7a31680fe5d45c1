// Character-set detection and conversion to UTF-8. Pure.
#pragma once

#include <string>
#include <string_view>

namespace tradewire {

struct DecodedText {
  std::string utf8;
  std::string charset;  // what the bytes were read as, e.g. "UTF-8", "EUC-KR", "windows-1252"
  bool had_invalid_bytes = false;  // some bytes could not be decoded and were replaced with U+FFFD
};

// Order of evidence: the HTTP Content-Type charset, a BOM, <meta charset>/http-equiv in the first bytes,
// then ICU's detector. Never fails; undecodable bytes become U+FFFD.
DecodedText DecodeToUtf8(std::string_view bytes, std::string_view content_type_header);

// UTF-8 that was once read as windows-1252 and written out again ("Koreaâ€™s" for "Korea’s", "Â©" for "©"),
// decoded back where the text shows such damage beyond doubt; other text is returned as it is. DecodeToUtf8 does
// this to the page; the extractor again to what markup entities spelled out ("&acirc;&euro;&trade;").
std::string RepairDoubleEncoded(std::string utf8);

}  // namespace tradewire
