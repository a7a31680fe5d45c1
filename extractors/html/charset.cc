#include "extractors/html/charset.h"

#include "extractors/text/utf8.h"

namespace tradewire {

DecodedText DecodeToUtf8(std::string_view bytes, std::string_view /*content_type_header*/) {
  DecodedText decoded;
  decoded.utf8 = SanitizeUtf8(bytes);
  decoded.charset = "UTF-8";
  return decoded;
}

}  // namespace tradewire
