// DetectLanguage (declared in extractors/html/metadata.h): the text's language by CLD2.
#include <cstdio>  // cld2 uses FILE without including it

#include <cld2/public/compact_lang_det.h>

#include <algorithm>
#include <string>

#include "extractors/html/metadata.h"
#include "extractors/text/utf8.h"

namespace CLD2 {
const char* LanguageCode(Language lang);  // cld2's internal lang_script.h, which is not installed cleanly
}

namespace tradewire {

std::string DetectLanguage(std::string_view text, std::string_view declared) {
  std::string declared_code = AsciiLower(declared.substr(0, declared.find_first_of("-_")));
  if (text.empty()) return declared_code;
  bool reliable = false;
  // A few thousand words tell the language as well as the whole text; huge bodies would cost the most.
  std::size_t length = std::min<std::size_t>(text.size(), 6 * 1024);
  while (length < text.size() && length > 0 && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) --length;
  CLD2::Language language = CLD2::DetectLanguage(text.data(), static_cast<int>(length), true, &reliable);
  if (language == CLD2::UNKNOWN_LANGUAGE || (!reliable && !declared_code.empty())) return declared_code;
  std::string code = CLD2::LanguageCode(language);
  return code == "un" ? declared_code : code.substr(0, code.find('-'));
}

}  // namespace tradewire
