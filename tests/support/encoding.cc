#include "tests/support/encoding.h"

#include <unicode/ucnv.h>

#include <stdexcept>

namespace tradewire::testing {

std::string EncodeAs(const std::string& utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t length = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                static_cast<int32_t>(utf8.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU cannot encode as ") + charset);
  out.resize(static_cast<std::size_t>(length));
  return out;
}

}  // namespace tradewire::testing
